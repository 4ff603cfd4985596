/* CSV records from a buffer through libcsv, with the checks a spreadsheet
 * from the wild needs: encoding, binary data, control characters, huge
 * cells. Each record keeps the row number a person sees in a spreadsheet. */
#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/io/win1252.h"
#include "partnerdesk/model/text.h"

typedef struct reader {
	pd_csv *out;
	pd_csv_record cur;
	size_t cap_fields;
	size_t cap_records;
	bool check_utf8;
	bool nomem;
	int last_term;
} reader;

__attribute__((format(printf, 2, 3)))
static bool set_row_error(pd_csv_record *r, const char *fmt, ...)
{
	if (r->error)
		return false;   /* the first problem is the one worth reporting */
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	r->error = strdup(buf);
	return false;
}

/* Column numbers as a spreadsheet letters them: 1 -> A, 27 -> AA. */
static void column_letters(size_t col, char out[8])
{
	char tmp[8];
	size_t n = 0;
	col++;
	while (col > 0 && n < sizeof tmp - 1) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

static void on_field(void *s, size_t len, void *data)
{
	reader *rd = data;
	if (rd->nomem)
		return;
	pd_csv_record *r = &rd->cur;
	if (r->n == rd->cap_fields) {
		size_t cap = rd->cap_fields ? rd->cap_fields * 2 : 16;
		char **f = realloc(r->fields, cap * sizeof *f);
		if (!f) {
			rd->nomem = true;
			return;
		}
		r->fields = f;
		rd->cap_fields = cap;
	}
	char col[8];
	column_letters(r->n, col);
	const char *src = s ? s : "";
	size_t keep = len;
	if (len > PD_CSV_CELL_MAX) {
		set_row_error(r, "column %s holds %zu bytes; a cell may hold at most %u",
			col, len, PD_CSV_CELL_MAX);
		keep = 0;   /* don't carry megabytes of a refused cell around */
	} else if (rd->check_utf8 && !pd_utf8_valid(src, len)) {
		set_row_error(r, "column %s is not valid UTF-8 (save the file as \"CSV UTF-8\")", col);
		keep = 0;
	} else {
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)src[i];
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
				set_row_error(r, "column %s holds control character 0x%02X", col, c);
				keep = 0;
				break;
			}
		}
	}
	char *f = malloc(keep + 1);
	if (!f) {
		rd->nomem = true;
		return;
	}
	memcpy(f, src, keep);
	f[keep] = '\0';
	r->fields[r->n++] = f;
}

static void record_free(pd_csv_record *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->fields[i]);
	free(r->fields);
	free(r->error);
	memset(r, 0, sizeof *r);
}

static bool record_blank(const pd_csv_record *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->fields[i][0])
			return false;
	return !r->error;
}

static void on_record(int term, void *data)
{
	reader *rd = data;
	pd_csv *out = rd->out;
	int last = rd->last_term;
	rd->last_term = term;
	/* With CSV_REPALL_NL libcsv reports each line end outside a record: the
	 * LF of a CRLF is not another blank row. */
	if (rd->cur.n == 0 && term == '\n' && last == '\r')
		return;
	long row = (long)out->n + 1;
	if (out->n > 0)
		row = out->v[out->n - 1].row + 1;
	rd->cur.row = row;
	if (rd->nomem) {
		record_free(&rd->cur);
		rd->cap_fields = 0;
		return;
	}
	if (record_blank(&rd->cur) && out->n > 0) {
		/* A blank line still counts as a row in a spreadsheet. */
		record_free(&rd->cur);
		rd->cap_fields = 0;
		rd->cur.row = row;
		pd_csv_record blank = { .row = row };
		if (out->n == rd->cap_records) {
			size_t cap = rd->cap_records * 2;
			pd_csv_record *v = realloc(out->v, cap * sizeof *v);
			if (!v) {
				rd->nomem = true;
				return;
			}
			out->v = v;
			rd->cap_records = cap;
		}
		out->v[out->n++] = blank;
		return;
	}
	if (out->n == rd->cap_records) {
		size_t cap = rd->cap_records ? rd->cap_records * 2 : 64;
		pd_csv_record *v = realloc(out->v, cap * sizeof *v);
		if (!v) {
			rd->nomem = true;
			record_free(&rd->cur);
			rd->cap_fields = 0;
			return;
		}
		out->v = v;
		rd->cap_records = cap;
	}
	out->v[out->n++] = rd->cur;
	memset(&rd->cur, 0, sizeof rd->cur);
	rd->cap_fields = 0;
}

/* The separator of the header line: whichever of , ; TAB it has most of,
 * outside quotes. European spreadsheets save with ';'. */
static char sniff_delimiter(const char *s, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	bool quoted = false;
	for (size_t i = 0; i < len && s[i] != '\n'; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			comma++;
		else if (!quoted && s[i] == ';')
			semi++;
		else if (!quoted && s[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* Row number (as records count) of byte offset off: for naming the row of
 * a NUL byte before parsing. Counts quoted newlines correctly enough for a
 * message; exactness does not matter once the file is refused. */
static long row_of_offset(const char *s, size_t off)
{
	long row = 1;
	bool quoted = false;
	for (size_t i = 0; i < off; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == '\n' && !quoted)
			row++;
	}
	return row;
}

static bool refuse_binary(const char *name, const char *s, size_t len, pd_error *err)
{
	if (len >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE)
	                 || ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF)))
		return pd_error_set(err, PD_ERR_INVALID,
			"%s: the file is UTF-16; save it from the spreadsheet as \"CSV UTF-8\"", name);
	const char *nul = memchr(s, '\0', len);
	if (nul)
		return pd_error_set(err, PD_ERR_INVALID,
			"%s:%ld: a NUL byte: this is not a text CSV file", name,
			row_of_offset(s, (size_t)(nul - s)));
	/* Control bytes near the start mean an image, archive or program. */
	size_t head = len < 4096 ? len : 4096, ctl = 0;
	for (size_t i = 0; i < head; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1B)
			ctl++;
	}
	/* A stray BEL or backspace in a cell is the row's problem, not the file's. */
	if (ctl >= 8 || ctl * 10 > head)
		return pd_error_set(err, PD_ERR_INVALID,
			"%s: this is not a CSV file (it holds binary data)", name);
	return true;
}

bool pd_csv_read(const char *name, const char *data, size_t len, pd_csv_encoding enc, pd_csv *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (!refuse_binary(name, data, len, err))
		return false;

	char *converted = NULL;
	bool check_utf8 = false;
	if (enc == PD_CSV_ENC_WIN1252
	    || (enc == PD_CSV_ENC_AUTO && !pd_utf8_valid(data, len) && !pd_utf8_has_multibyte(data, len))) {
		converted = pd_win1252_to_utf8(data, len, &len);
		if (!converted)
			return pd_error_set(err, PD_ERR_NOMEM, "%s: out of memory", name);
		data = converted;
		out->converted = true;
	} else {
		check_utf8 = true;
	}

	struct csv_parser p;
	if (csv_init(&p, CSV_APPEND_NULL | CSV_REPALL_NL) != 0) {
		free(converted);
		return pd_error_set(err, PD_ERR_NOMEM, "%s: out of memory", name);
	}
	out->delimiter = sniff_delimiter(data, len);
	csv_set_delim(&p, (unsigned char)out->delimiter);
	reader rd = { .out = out, .check_utf8 = check_utf8 };
	bool ok = true;
	if (csv_parse(&p, data, len, on_field, on_record, &rd) != len) {
		ok = pd_error_set(err, PD_ERR_INVALID, "%s:%ld: %s", name,
			out->n ? out->v[out->n - 1].row + 1 : 1, csv_strerror(csv_error(&p)));
	} else if (p.quoted && p.pstate == 2) {
		/* libcsv reports an unclosed quote only in its strict mode, which
		 * also refuses the stray quotes real spreadsheets have; so look at
		 * its state (2: a field begun) ourselves. */
		ok = pd_error_set(err, PD_ERR_INVALID, "%s:%ld: a quoted field is never closed",
			name, out->n ? out->v[out->n - 1].row + 1 : 1);
	} else if (csv_fini(&p, on_field, on_record, &rd) != 0) {
		ok = pd_error_set(err, PD_ERR_INVALID, "%s:%ld: a quoted field is never closed",
			name, out->n ? out->v[out->n - 1].row + 1 : 1);
	}
	if (ok && rd.nomem)
		ok = pd_error_set(err, PD_ERR_NOMEM, "%s: out of memory", name);
	csv_free(&p);
	record_free(&rd.cur);
	free(converted);
	/* Trailing blank rows are not rows anyone means. */
	while (out->n > 0 && out->v[out->n - 1].n == 0 && !out->v[out->n - 1].error)
		out->n--;
	if (!ok)
		pd_csv_finish(out);
	return ok;
}

void pd_csv_finish(pd_csv *csv)
{
	if (!csv)
		return;
	for (size_t i = 0; i < csv->n; i++)
		record_free(&csv->v[i]);
	free(csv->v);
	memset(csv, 0, sizeof *csv);
}
