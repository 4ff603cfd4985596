/* Reading a CSV file into records, as spreadsheets read it: quoted fields,
 * embedded newlines, CRLF, a UTF-8 BOM, `,` `;` or tab separators, Excel's
 * "sep=" hint, and text in UTF-8 or Windows-1252. Knows nothing of
 * partners; csv_import.c does. */
#ifndef PARTNERDESK_IO_CSV_IN_H
#define PARTNERDESK_IO_CSV_IN_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/error.h"
#include "partnerdesk/model/text.h"

/* Longest cell accepted; a longer one is an error for its row. Well above
 * what notes hold, so that a notes cell too long for them reaches the
 * import, which names its column by the header. */
#define PD_CSV_CELL_MAX (4u * PD_NOTES_MAX)

typedef enum pd_csv_encoding {
	PD_CSV_ENC_AUTO = 0,   /* UTF-8 if it is; Windows-1252 if it has no UTF-8 at all */
	PD_CSV_ENC_UTF8,       /* refuse rows that are not UTF-8 */
	PD_CSV_ENC_WIN1252,    /* convert everything */
} pd_csv_encoding;

typedef struct pd_csv_record {
	char **fields;   /* NUL-terminated, valid UTF-8 unless error is set; line
	                    ends inside a cell are LF. Owned by the pd_csv (the
	                    record's pointers and text are one piece of its
	                    blocks): a cell may be changed in place, not freed
	                    or made longer */
	size_t n;
	long row;        /* 1-based row of the file as a spreadsheet counts rows:
	                    the header is row 1, or row 2 below a "sep=" line
	                    (counted as an editor shows it); embedded newlines
	                    don't count */
	char *error;     /* NULL, or why this row cannot be used: "column C ...",
	                    its cell named by letter */
	size_t error_col;   /* with error: that cell's column, 0-based */
} pd_csv_record;

struct pd_csv_block;

typedef struct pd_csv {
	pd_csv_record *v;
	size_t n;
	bool converted;  /* read as Windows-1252 */
	char delimiter;
	struct pd_csv_block *blocks;   /* where the records' cells are kept */
} pd_csv;

/* Reads the whole buffer. A cell is quoted only when its quotes wrap it
 * whole; in `"Big Read" partner` they are text. Fails only for the file as
 * a whole (NUL bytes or other binary data, UTF-16, a quote open to the end
 * of the file), with "NAME: ..." or "NAME:ROW: ..." in err. Problems of one
 * row go in that record's error. */
bool pd_csv_read(const char *name, const char *data, size_t len, pd_csv_encoding enc, pd_csv *out, pd_error *err);
void pd_csv_finish(pd_csv *csv);

/* r's error into out, its column named by the header row hdr's cell above
 * it with the letter beside (column "Notes" (C) is ...); by letter alone
 * when hdr is r itself or NULL, or that header cell is blank. "" when r
 * has no error. */
void pd_csv_row_error(const pd_csv_record *r, const pd_csv_record *hdr, char *out, size_t size);

#endif
