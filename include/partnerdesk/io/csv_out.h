/* RFC 4180 CSV output: fields quoted when they hold a comma, quote, CR or
 * LF (quotes doubled), records ended by CRLF; the variant for spreadsheets
 * opened by double-click (--excel); and the partner columns that
 * `list --format csv` and CSV exports share. */
#ifndef PARTNERDESK_IO_CSV_OUT_H
#define PARTNERDESK_IO_CSV_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "partnerdesk/model/partner.h"

typedef struct pd_csv_out {
	FILE *f;
	size_t col;       /* fields written on the current record */
	bool failed;      /* a write failed; sticky */
	bool excel;       /* guard cells a spreadsheet would evaluate */
} pd_csv_out;

/* excel: the CSV is for a spreadsheet (--excel): a UTF-8 byte order mark
 * is written first, so that Excel reads the text as UTF-8, and every cell
 * that pd_csv_excel_guarded says a spreadsheet would take for a formula
 * gets a leading apostrophe ("'+44 20 7946 0958"), so that it stays text. */
void pd_csv_out_init(pd_csv_out *c, FILE *f, bool excel);
/* Whether s, as a cell, gets the --excel guard: it starts with = + - @,
 * their full-width forms ＝ ＋ － ＠, a tab, CR or LF, or with an apostrophe followed by what gets the guard
 * (so a user's own "'=x" becomes "''=x", and taking off one apostrophe
 * where this holds for the rest gives back exactly what was written). */
bool pd_csv_excel_guarded(const char *s);
void pd_csv_field(pd_csv_out *c, const char *s);     /* NULL writes an empty field */
void pd_csv_field_int(pd_csv_out *c, long long v);
void pd_csv_end_record(pd_csv_out *c);
/* True unless a write failed. */
bool pd_csv_out_ok(const pd_csv_out *c);

/* Partner columns, in order: id name kind scale stage owner tags audiences
 * branches website phone email address mission position directions
 * fiscal_month review_date last_contact next_follow_up notes: every field
 * of a partner, so that import reads an export back whole. Lists are
 * joined with "; ". */
extern const char *const pd_csv_partner_columns[];
extern const size_t pd_csv_partner_columns_count;
void pd_csv_partner_header(pd_csv_out *c);
void pd_csv_partner(pd_csv_out *c, const pd_partner *p, const char *last_contact,
                    const char *next_follow_up);

#endif
