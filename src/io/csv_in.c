/* CSV records from a buffer, read the way spreadsheets read them, with the
 * checks a file from the wild needs: encoding, binary data, control
 * characters, huge cells. Each record keeps its row number in the file.
 *
 * Memory: a file is held whole while it is imported, so what a record
 * costs beyond its text matters. A record's cells are gathered in the
 * reader's scratch and then copied, pointers and text together, into one
 * piece of a large block: no allocation per cell or per record, and no
 * field slots reserved beyond the record's own cells. */
#include <stdalign.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/io/win1252.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/text.h"

/* Blocks of records' cells; each record takes one piece. The first is
 * sized from the file (a small file, a small block), the rest are BLOCK
 * bytes, and a record larger than that gets a block of its own. */
#define BLOCK ((size_t)1 << 20)

struct pd_csv_block {
	struct pd_csv_block *next;
	size_t used, cap;
	alignas(max_align_t) char data[];
};

typedef struct reader {
	pd_csv *out;
	pd_csv_record cur;     /* its cells are in text/offs until end_record */
	size_t cap_records;
	size_t first_block;    /* the first block's size */
	bool check_utf8;
	bool nomem;
	char *buf;             /* the quoted cell being read, quotes undone */
	size_t blen, bcap;
	char *text;            /* the current record's cells, each NUL-ended */
	size_t tlen, tcap;
	size_t *offs;          /* where each cell starts in text */
	size_t ocap;
} reader;

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

/* The row's error is about its cell col: "column LETTERS " and then fmt,
 * so that pd_csv_row_error can name the column by its header instead. */
__attribute__((format(printf, 3, 4)))
static void set_cell_error(pd_csv_record *r, size_t col, const char *fmt, ...)
{
	if (r->error)
		return;   /* the first problem is the one worth reporting */
	char letters[8], buf[256];
	column_letters(col, letters);
	int n = snprintf(buf, sizeof buf, "column %s ", letters);
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(buf + n, sizeof buf - (size_t)n, fmt, ap);
	va_end(ap);
	r->error = strdup(buf);
	r->error_col = col;
}

void pd_csv_row_error(const pd_csv_record *r, const pd_csv_record *hdr, char *out, size_t size)
{
	if (!r->error) {
		snprintf(out, size, "%s", "");
		return;
	}
	const char *name = hdr && hdr != r && r->error_col < hdr->n ? hdr->fields[r->error_col] : NULL;
	bool blank = true;
	for (const char *q = name; q && *q && blank; q++)
		blank = pd_ascii_isspace((unsigned char)*q);
	if (blank) {
		snprintf(out, size, "%s", r->error);
		return;
	}
	char letters[8], q[48];
	column_letters(r->error_col, letters);
	/* What follows "column LETTERS " in the error set_cell_error made. */
	const char *tail = r->error + strlen("column ") + strlen(letters);
	pd_format(out, size, "column \"%s\" (%s)%s", pd_utf8_fit(q, sizeof q, name, 40), letters,
		tail);
}

/* One cell's text into the current record, with the checks of its content.
 * s/len: the text, quotes already undone. */
static void add_field(reader *rd, const char *s, size_t len)
{
	if (rd->nomem)
		return;
	pd_csv_record *r = &rd->cur;
	if (r->n == rd->ocap) {
		size_t cap = rd->ocap ? rd->ocap * 2 : 16;
		size_t *o = realloc(rd->offs, cap * sizeof *o);
		if (!o) {
			rd->nomem = true;
			return;
		}
		rd->offs = o;
		rd->ocap = cap;
	}
	size_t keep = len;
	if (len > PD_CSV_CELL_MAX) {
		set_cell_error(r, r->n, "is %zu bytes; a cell holds at most %u", len, PD_CSV_CELL_MAX);
		keep = 0;   /* don't carry megabytes of a refused cell around */
	} else if (rd->check_utf8 && !pd_utf8_valid(s, len)) {
		set_cell_error(r, r->n, "is not valid UTF-8 (save the file as \"CSV UTF-8\")");
		keep = 0;
	} else {
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)s[i];
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
				set_cell_error(r, r->n, "holds control character 0x%02X", c);
				keep = 0;
				break;
			}
		}
	}
	if (rd->tcap - rd->tlen < keep + 1) {
		size_t cap = rd->tcap ? rd->tcap : 256;
		while (cap - rd->tlen < keep + 1)
			cap *= 2;
		char *t = realloc(rd->text, cap);
		if (!t) {
			rd->nomem = true;
			return;
		}
		rd->text = t;
		rd->tcap = cap;
	}
	if (keep)   /* an empty cell may come with no bytes at all (s NULL) */
		memcpy(rd->text + rd->tlen, s, keep);
	rd->text[rd->tlen + keep] = '\0';
	rd->offs[r->n++] = rd->tlen;
	rd->tlen += keep + 1;
}

/* The current record is dropped: its cells and its error. */
static void record_reset(reader *rd)
{
	free(rd->cur.error);
	memset(&rd->cur, 0, sizeof rd->cur);
	rd->tlen = 0;
}

static bool record_blank(const reader *rd)
{
	for (size_t i = 0; i < rd->cur.n; i++)
		if (rd->text[rd->offs[i]])
			return false;
	return !rd->cur.error;
}

/* size bytes (aligned for pointers) from the output's blocks; NULL when
 * out of memory. */
static void *block_take(reader *rd, size_t size)
{
	size = (size + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1);
	struct pd_csv_block *b = rd->out->blocks;
	if (!b || b->cap - b->used < size) {
		size_t cap = b ? BLOCK : rd->first_block;
		if (cap < size)
			cap = size;
		struct pd_csv_block *nb = malloc(sizeof *nb + cap);
		if (!nb)
			return NULL;
		nb->used = 0;
		nb->cap = cap;
		/* A block of one record's own goes behind the current one,
		 * which may still have room for the next records. */
		if (b && cap == size && b->cap - b->used >= alignof(max_align_t)) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			rd->out->blocks = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

/* The current record's cells into one piece of a block: its pointers,
 * then its text. */
static bool record_place(reader *rd)
{
	pd_csv_record *r = &rd->cur;
	if (r->n == 0)
		return true;
	char **f = block_take(rd, r->n * sizeof *f + rd->tlen);
	if (!f)
		return false;
	char *text = (char *)(f + r->n);
	memcpy(text, rd->text, rd->tlen);
	for (size_t i = 0; i < r->n; i++)
		f[i] = text + rd->offs[i];
	r->fields = f;
	rd->tlen = 0;
	return true;
}

/* The current record is complete: it joins the output as spreadsheet row
 * `row`. A line of nothing but separators and spaces is a blank row, kept
 * (with no cells) because a spreadsheet counts it. */
static void end_record(reader *rd, long row)
{
	pd_csv *out = rd->out;
	if (rd->nomem) {
		record_reset(rd);
		return;
	}
	if (record_blank(rd))
		record_reset(rd);
	rd->cur.row = row;
	if (out->n == rd->cap_records) {
		size_t cap = rd->cap_records ? rd->cap_records * 2 : 64;
		pd_csv_record *v = realloc(out->v, cap * sizeof *v);
		if (!v) {
			rd->nomem = true;
			record_reset(rd);
			return;
		}
		out->v = v;
		rd->cap_records = cap;
	}
	if (!record_place(rd)) {
		rd->nomem = true;
		record_reset(rd);
		return;
	}
	out->v[out->n++] = rd->cur;
	memset(&rd->cur, 0, sizeof rd->cur);
}

static bool cell_push(reader *rd, char c)
{
	if (rd->blen == rd->bcap) {
		size_t cap = rd->bcap ? rd->bcap * 2 : 256;
		char *b = realloc(rd->buf, cap);
		if (!b) {
			rd->nomem = true;
			return false;
		}
		rd->buf = b;
		rd->bcap = cap;
	}
	rd->buf[rd->blen++] = c;
	return true;
}

/* Spaces around a cell are not part of it (as libcsv, which this reader
 * replaced, had it); a tab is a space unless it separates. */
static bool is_pad(char c, char delim)
{
	return c == ' ' || (c == '\t' && delim != '\t');
}

/* A quoted cell from the opening quote at data[at]: its text (doubled
 * quotes undone, CRLF and lone CR inside it made LF, as the row ends are)
 * in rd->buf. Returns the offset just past the closing quote, or 0 when
 * the quote is never closed. */
static size_t read_quoted(reader *rd, const char *data, size_t len, size_t at)
{
	rd->blen = 0;
	for (size_t j = at + 1; j < len; j++) {
		char c = data[j];
		if (c == '"') {
			if (j + 1 < len && data[j + 1] == '"') {
				j++;
			} else {
				return j + 1;
			}
		} else if (c == '\r') {
			c = '\n';
			if (j + 1 < len && data[j + 1] == '\n')
				j++;
		}
		if (!cell_push(rd, c))
			return len;   /* out of memory: stop reading; the caller reports it */
	}
	return 0;
}

/* The records of data[0..len) into rd->out, the first numbered first_row.
 * A cell is quoted only when its quotes wrap it whole: the closing quote is
 * followed by the separator or the line's end. Otherwise, as in
 * `"Big Read" partner`, its quotes are ordinary characters, the way
 * spreadsheets read such a cell; a stray quote then never swallows the rest
 * of the file. A quote left open at the end of the file is an error for the
 * whole file, naming the row and column where it opened. */
static bool parse(reader *rd, const char *name, const char *data, size_t len, char delim,
	long first_row, pd_error *err)
{
	long row = first_row;
	size_t i = 0;
	while (i < len && !rd->nomem) {
		size_t start = i;
		while (i < len && is_pad(data[i], delim))
			i++;
		bool quoted = false;
		if (i < len && data[i] == '"') {
			size_t end = read_quoted(rd, data, len, i);
			if (end == 0) {
				char col[8];
				column_letters(rd->cur.n, col);
				return pd_error_set(err, PD_ERR_INVALID,
					"%s:%ld: the quote that opens column %s is never closed "
					"(a quoted field runs to the end of the file)", name, row, col);
			}
			size_t k = end;
			while (k < len && is_pad(data[k], delim))
				k++;
			if (k == len || data[k] == delim || data[k] == '\r' || data[k] == '\n') {
				quoted = true;
				add_field(rd, rd->buf, rd->blen);
				i = k;
			} else {
				i = start;   /* read again, its quotes as text */
			}
		}
		if (!quoted) {
			while (i < len && is_pad(data[i], delim))
				i++;
			size_t s = i;
			while (i < len && data[i] != delim && data[i] != '\r' && data[i] != '\n')
				i++;
			size_t e = i;
			while (e > s && is_pad(data[e - 1], delim))
				e--;
			add_field(rd, data + s, e - s);
		}
		if (i == len)
			break;
		if (data[i] == delim) {
			i++;
			if (i == len)
				add_field(rd, "", 0);   /* a last, empty cell */
			continue;
		}
		/* a line end: CRLF, LF or a lone CR (old Macs) */
		if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
			i++;
		i++;
		end_record(rd, row++);
	}
	if (rd->cur.n > 0 || rd->cur.error)
		end_record(rd, row);
	return true;
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

/* Excel's separator hint: a first line "sep=;" (any of , ; TAB | and the
 * like; "sep=\\t" spelled out too) names the separator and is not the
 * header. Returns the bytes it takes, line end included, or 0. */
static size_t sep_line(const char *s, size_t len, char *delim)
{
	size_t i = 0;
	bool quoted = len > 0 && s[0] == '"';   /* re-saved by a tool that quoted it */
	if (quoted)
		i++;
	if (len - i < 5 || pd_ascii_ncasecmp(s + i, "sep=", 4) != 0)
		return 0;
	i += 4;
	char d = s[i++];
	if (d == '\\' && i < len && s[i] == 't') {
		d = '\t';
		i++;
	}
	if (d != '\t' && (d < 0x21 || d > 0x7E || d == '"' || pd_ascii_isalnum(d)))
		return 0;
	if (quoted) {
		if (i >= len || s[i] != '"')
			return 0;
		i++;
	} else {
		while (i < len && s[i] == d)
			i++;   /* padded to the width of the sheet by a tool that re-saved it */
	}
	if (i < len && s[i] == '\r')
		i++;
	if (i < len && s[i] == '\n')
		i++;
	else if (i < len && s[i - 1] != '\r')
		return 0;   /* more on the line: not a hint but data */
	*delim = d;
	return i;
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
	size_t nul;
	switch (pd_text_bytes_check(s, len, &nul)) {
	case PD_TEXT_BYTES_UTF16LE:
	case PD_TEXT_BYTES_UTF16BE:
		return pd_error_set(err, PD_ERR_INVALID,
			"%s: the file is UTF-16; save it from the spreadsheet as \"CSV UTF-8\"", name);
	case PD_TEXT_BYTES_NUL:
		return pd_error_set(err, PD_ERR_INVALID,
			"%s:%ld: a NUL byte: this is not a text CSV file", name, row_of_offset(s, nul));
	case PD_TEXT_BYTES_OK:
		break;
	}
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
		size_t bad = pd_win1252_undefined(data, len);
		if (bad < len)
			return pd_error_set(err, PD_ERR_INVALID,
				"%s:%ld: byte 0x%02X is not a Windows-1252 character, so this file is in "
				"another encoding (Mac Roman? a DOS code page?); save it from the "
				"spreadsheet as \"CSV UTF-8\"", name,
				row_of_offset(data, bad), (unsigned char)data[bad]);
		size_t mac = enc == PD_CSV_ENC_AUTO ? pd_win1252_mac_roman(data, len) : len;
		if (mac < len) {
			/* The word it is in, as Windows-1252 reads it. */
			size_t a = mac, b = mac + 1;
			while (a > 0 && mac - a < 20 && ((unsigned char)data[a - 1] >= 0x80
			       || pd_ascii_isalpha((unsigned char)data[a - 1])))
				a--;
			while (b < len && b - mac < 20 && ((unsigned char)data[b] >= 0x80
			       || pd_ascii_isalpha((unsigned char)data[b])))
				b++;
			char *word = pd_win1252_to_utf8(data + a, b - a, NULL);
			if (!word)
				return pd_error_set(err, PD_ERR_NOMEM, "%s: out of memory", name);
			pd_error_set(err, PD_ERR_INVALID, "%s:%ld: \"%s\" is no word of a Windows-1252 "
				"file: this one looks saved by a Mac spreadsheet (Mac Roman); save it from "
				"the spreadsheet as \"CSV UTF-8\" (or, if \"%s\" is right, import with "
				"--encoding windows-1252)", name, row_of_offset(data, mac), word, word);
			free(word);
			return false;
		}
		converted = pd_win1252_to_utf8(data, len, &len);
		if (!converted)
			return pd_error_set(err, PD_ERR_NOMEM, "%s: out of memory", name);
		data = converted;
		out->converted = true;
	} else {
		check_utf8 = true;
	}

	long first_row = 1;
	size_t skip = sep_line(data, len, &out->delimiter);
	if (skip) {
		data += skip;
		len -= skip;
		first_row = 2;
	} else {
		out->delimiter = sniff_delimiter(data, len);
	}
	/* A cell takes its bytes in the file, a NUL and a pointer: at most
	 * nine bytes for each byte of the file (empty cells: ",,,"), so a
	 * small file's records fit one small block. */
	size_t first = len < BLOCK / 9 ? len * 9 + 256 : BLOCK;
	reader rd = { .out = out, .check_utf8 = check_utf8, .first_block = first < BLOCK ? first : BLOCK };
	bool ok = parse(&rd, name, data, len, out->delimiter, first_row, err);
	if (ok && rd.nomem)
		ok = pd_error_set(err, PD_ERR_NOMEM, "%s: out of memory", name);
	record_reset(&rd);
	free(rd.buf);
	free(rd.text);
	free(rd.offs);
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
		free(csv->v[i].error);
	free(csv->v);
	for (struct pd_csv_block *b = csv->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	memset(csv, 0, sizeof *csv);
}
