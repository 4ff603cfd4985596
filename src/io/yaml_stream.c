/* The streaming YAML writer (yaml_stream.h): libyaml's choice of scalar
 * style and its layout (but characters beyond U+FFFF as themselves),
 * written straight to the file. The backup of
 * 100,000 partners spent two thirds of its time in libyaml's emitter,
 * which queues, copies and re-checks every event. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/utf8.h"
#include "partnerdesk/io/yaml_stream.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/text.h"

void pd_ys_init(pd_ys *w, FILE *f)
{
	memset(w, 0, sizeof *w);
	w->f = f;
}

/* A write failed: the first failure's errno is the one worth telling. */
static void write_failed(pd_ys *w)
{
	if (!w->failed)
		w->error = errno;
	w->failed = true;
}

static void flush(pd_ys *w)
{
	if (w->n && fwrite(w->buf, 1, w->n, w->f) != w->n)
		write_failed(w);
	w->n = 0;
}

/* Through the writer's own buffer: a backup is millions of short pieces,
 * and stdio's locking per fwrite cost a sixth of the export. */
static void put(pd_ys *w, const char *s, size_t n)
{
	if (w->n + n > sizeof w->buf) {
		flush(w);
		if (n > sizeof w->buf) {
			if (fwrite(s, 1, n, w->f) != n)
				write_failed(w);
			return;
		}
	}
	memcpy(w->buf + w->n, s, n);
	w->n += n;
}

static void indent_to(pd_ys *w, int indent)
{
	static const char spaces[] = "                                                                ";
	if (w->item) {
		/* The dash stands two columns left of the item's keys. */
		indent -= 2;
	}
	while (indent > 0) {
		int n = indent < (int)sizeof spaces - 1 ? indent : (int)sizeof spaces - 1;
		put(w, spaces, (size_t)n);
		indent -= n;
	}
	if (w->item) {
		put(w, "- ", 2);
		w->item = false;
	}
}

/* ---- libyaml's character classes (emitter.c / yaml_private.h) ---- */

static size_t width(unsigned char c)
{
	return (c & 0x80) == 0 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 :
	       (c & 0xF8) == 0xF0 ? 4 : 1;
}

/* libyaml's emitter has no case for four-byte sequences and escapes every
 * emoji as \U0001F4DA, which also forces a note holding one out of its
 * literal block into one double-quoted line. YAML 1.1 and 1.2 count
 * #x10000-#x10FFFF printable, and libyaml's reader takes them as they are,
 * so here they are (one departure from libyaml's bytes, on purpose). */
static bool is_astral(const unsigned char *p)
{
	return ((p[0] == 0xF0 && p[1] >= 0x90) || (p[0] > 0xF0 && p[0] < 0xF4) ||
	        (p[0] == 0xF4 && p[1] < 0x90)) &&
	       (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80;
}

static bool is_printable(const unsigned char *p)
{
	return p[0] == 0x0A || (p[0] >= 0x20 && p[0] <= 0x7E) ||
	       (p[0] == 0xC2 && p[1] >= 0xA0) || (p[0] > 0xC2 && p[0] < 0xED) ||
	       (p[0] == 0xED && p[1] < 0xA0) || p[0] == 0xEE ||
	       (p[0] == 0xEF && !(p[1] == 0xBB && p[2] == 0xBF) &&
	        !(p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))) ||
	       is_astral(p);
}

static bool is_break(const unsigned char *p)
{
	return p[0] == '\r' || p[0] == '\n' || (p[0] == 0xC2 && p[1] == 0x85) ||
	       (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9));
}

static bool is_blankz(const unsigned char *p)
{
	return p[0] == ' ' || p[0] == '\t' || p[0] == '\0' || is_break(p);
}

/* Printable ASCII that is neither white space nor an indicator that
 * matters after the first character. */
static inline bool boring(unsigned char c)
{
	return c > 0x20 && c < 0x7F && c != ':' && c != '#';
}

typedef struct analysis {
	bool multiline, block_plain, single_quoted, block, other_breaks;
} analysis;

/* yaml_emitter_analyze_scalar, for a non-empty string outside flow
 * context; also notes breaks other than '\n', which no block or quoted
 * style but double quotes keep as they are. Whether a character is
 * followed or preceded by white space matters only for ':', '?', '-' and
 * '#', so it is looked at only there. */
static analysis analyze(const unsigned char *s, size_t len)
{
	bool block_ind = false, line_breaks = false, special = false;
	bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
	bool break_space = false, space_break = false, prev_space = false, prev_break = false;
	bool prev_blank = true;   /* the start counts as preceded by white space */
	analysis a = { 0 };
	if ((s[0] == '-' && s[1] == '-' && s[2] == '-') || (s[0] == '.' && s[1] == '.' && s[2] == '.'))
		block_ind = true;
	for (size_t i = 0; i < len;) {
		if (i > 0 && boring(s[i])) {
			/* Most of a name or a note: nothing here changes the style. */
			do
				i++;
			while (i < len && boring(s[i]));
			prev_space = prev_break = prev_blank = false;
			continue;
		}
		const unsigned char *p = s + i;
		unsigned char c = p[0];
		size_t w = 1;
		bool brk, blank;
		if (c < 0x80) {
			if (c < 0x20 && c != '\n')
				special = true;
			else if (c == 0x7F)
				special = true;
			brk = c == '\n' || c == '\r';
			blank = c == ' ' || c == '\t' || brk;
			if (i == 0) {
				if (c && strchr("#,[]{}&*!|>'\"%@`", c))
					block_ind = true;
				else if ((c == '?' || c == ':' || c == '-') && is_blankz(p + 1))
					block_ind = true;
			} else if ((c == ':' && is_blankz(p + 1)) || (c == '#' && prev_blank)) {
				block_ind = true;
			}
		} else {
			w = width(c);
			if (!is_printable(p))
				special = true;
			brk = is_break(p);
			blank = brk;
		}
		if (brk) {
			line_breaks = true;
			if (c != '\n')
				a.other_breaks = true;
		}
		if (c == ' ') {
			if (i == 0)
				leading_space = true;
			if (i + w == len)
				trailing_space = true;
			if (prev_break)
				break_space = true;
			prev_space = true;
			prev_break = false;
		} else if (brk) {
			if (i == 0)
				leading_break = true;
			if (i + w == len)
				trailing_break = true;
			if (prev_space)
				space_break = true;
			prev_space = false;
			prev_break = true;
		} else {
			prev_space = prev_break = false;
		}
		prev_blank = blank;
		i += w;
	}
	a.multiline = line_breaks;
	a.block_plain = a.single_quoted = a.block = true;
	if (leading_space || leading_break || trailing_space || trailing_break)
		a.block_plain = false;
	if (trailing_space)
		a.block = false;
	if (break_space)
		a.block_plain = a.single_quoted = false;
	if (space_break || special)
		a.block_plain = a.single_quoted = a.block = false;
	if (line_breaks)
		a.block_plain = false;
	if (block_ind)
		a.block_plain = false;
	return a;
}

/* yaml_out.c's rule for asking for plain style. */
static bool plain_is_safe(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80))
		return false;
	if (len > 5)
		return true;
	static const char *const reserved[] = {
		"y", "n", "yes", "no", "true", "false", "on", "off", "null", NULL,
	};
	for (size_t i = 0; reserved[i]; i++)
		if (pd_ascii_casecmp(s, reserved[i]) == 0)
			return false;
	return true;
}

/* ---- the styles ---- */

static void write_double(pd_ys *w, const unsigned char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	put(w, "\"", 1);
	size_t run = 0;   /* bytes written as they are, flushed together */
	for (size_t i = 0; i < len;) {
		const unsigned char *p = s + i;
		size_t n = width(p[0]);
		bool bom = p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
		if (is_printable(p) && !bom && !is_break(p) && p[0] != '"' && p[0] != '\\') {
			run += n;
			i += n;
			continue;
		}
		put(w, (const char *)s + i - run, run);
		run = 0;
		uint32_t cp;
		pd_utf8_decode((const char *)p, len - i, &cp);
		char esc[12] = "\\";
		size_t e = 1;
		switch (cp) {
		case 0x00: esc[e++] = '0'; break;
		case 0x07: esc[e++] = 'a'; break;
		case 0x08: esc[e++] = 'b'; break;
		case 0x09: esc[e++] = 't'; break;
		case 0x0A: esc[e++] = 'n'; break;
		case 0x0B: esc[e++] = 'v'; break;
		case 0x0C: esc[e++] = 'f'; break;
		case 0x0D: esc[e++] = 'r'; break;
		case 0x1B: esc[e++] = 'e'; break;
		case 0x22: esc[e++] = '"'; break;
		case 0x5C: esc[e++] = '\\'; break;
		case 0x85: esc[e++] = 'N'; break;
		case 0xA0: esc[e++] = '_'; break;
		case 0x2028: esc[e++] = 'L'; break;
		case 0x2029: esc[e++] = 'P'; break;
		default: {
			int digits = cp <= 0xFF ? 2 : cp <= 0xFFFF ? 4 : 8;
			esc[e++] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
			for (int k = digits - 1; k >= 0; k--)
				esc[e++] = hex[(cp >> (4 * k)) & 0xF];
		}
		}
		put(w, esc, e);
		i += n;
	}
	put(w, (const char *)s + len - run, run);
	put(w, "\"", 1);
}

static void write_single(pd_ys *w, const char *s, size_t len)
{
	put(w, "'", 1);
	for (const char *q; (q = memchr(s, '\'', len));) {
		put(w, s, (size_t)(q - s) + 1);
		put(w, "'", 1);
		len -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	put(w, s, len);
	put(w, "'", 1);
}

/* A literal block whose lines stand at indent. */
static void write_literal(pd_ys *w, const char *s, size_t len, int indent)
{
	put(w, "|", 1);
	if (s[0] == ' ' || s[0] == '\n')
		put(w, "2", 1);   /* libyaml's best indent, as an indentation indicator */
	w->open_ended = false;
	if (s[len - 1] != '\n') {
		put(w, "-", 1);
	} else if (len == 1 || s[len - 2] == '\n') {
		put(w, "+", 1);
		w->open_ended = true;
	}
	put(w, "\n", 1);
	bool at_start = true;
	for (size_t i = 0; i < len;) {
		if (s[i] == '\n') {
			put(w, "\n", 1);
			at_start = true;
			i++;
			continue;
		}
		if (at_start) {
			indent_to(w, indent);   /* the dash, if any, is on the header's line */
			at_start = false;
		}
		const char *nl = memchr(s + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (s + i)) : len - i;
		put(w, s + i, n);
		i += n;
	}
	if (s[len - 1] != '\n')
		put(w, "\n", 1);
}

/* The value of a key or a sequence item, after "key:" or "-": a space,
 * the scalar, the end of its line. indent: where a block's lines go. */
static void write_string(pd_ys *w, const char *text, int indent)
{
	char *fixed = NULL;
	size_t len = 0;
	bool ascii = true;
	for (; text[len]; len++)
		ascii &= (unsigned char)text[len] < 0x80;
	if (!ascii && !pd_utf8_valid(text, len)) {
		/* As yaml_out.c does: a bad byte must not lose the rest. */
		if (!(fixed = pd_utf8_repair(text))) {
			w->failed = true;
			return;
		}
		text = fixed;
		len = strlen(text);
	}
	const unsigned char *u = (const unsigned char *)text;
	analysis a = analyze(u, len);
	enum { PLAIN, SINGLE, DOUBLE, LITERAL } style;
	if (memchr(text, '\n', len))
		style = LITERAL;
	else if (plain_is_safe(text, len))
		style = PLAIN;
	else
		style = DOUBLE;
	if (style == PLAIN && !a.block_plain)
		style = SINGLE;
	if (style == SINGLE && (!a.single_quoted || a.other_breaks))
		style = DOUBLE;
	if (style == LITERAL && (!a.block || a.other_breaks))
		style = DOUBLE;
	put(w, " ", 1);
	w->open_ended = false;
	switch (style) {
	case PLAIN: put(w, text, len); put(w, "\n", 1); break;
	case SINGLE: write_single(w, text, len); put(w, "\n", 1); break;
	case DOUBLE: write_double(w, u, len); put(w, "\n", 1); break;
	case LITERAL: write_literal(w, text, len, indent); break;
	}
	free(fixed);
}

/* ---- structure ---- */

void pd_ys_document_begin(pd_ys *w)
{
	put(w, "---\n", 4);
}

void pd_ys_document_end(pd_ys *w)
{
	put(w, "...\n", 4);
	w->open_ended = false;
}

void pd_ys_item_begin(pd_ys *w)
{
	w->item = true;
}

void pd_ys_item_end(pd_ys *w, int indent)
{
	if (!w->item)
		return;
	indent_to(w, indent);
	put(w, "{}\n", 3);
}

void pd_ys_key(pd_ys *w, int indent, const char *key)
{
	indent_to(w, indent);
	put(w, key, strlen(key));
	put(w, ":\n", 2);
}

void pd_ys_key_empty_seq(pd_ys *w, int indent, const char *key)
{
	indent_to(w, indent);
	put(w, key, strlen(key));
	put(w, ": []\n", 5);
	w->open_ended = false;
}

void pd_ys_key_string(pd_ys *w, int indent, const char *key, const char *s)
{
	if (!s || !*s)
		return;
	indent_to(w, indent);
	put(w, key, strlen(key));
	put(w, ":", 1);
	write_string(w, s, indent + 2);
}

void pd_ys_key_int(pd_ys *w, int indent, const char *key, long long v)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%lld", v);
	indent_to(w, indent);
	put(w, key, strlen(key));
	put(w, ": ", 2);
	put(w, buf, (size_t)n);
	put(w, "\n", 1);
	w->open_ended = false;
}

void pd_ys_key_bool(pd_ys *w, int indent, const char *key, bool v)
{
	indent_to(w, indent);
	put(w, key, strlen(key));
	put(w, v ? ": true\n" : ": false\n", v ? 7 : 8);
	w->open_ended = false;
}

void pd_ys_key_strv(pd_ys *w, int indent, const char *key, const pd_strv *sv)
{
	pd_ys_key(w, indent, key);
	for (size_t i = 0; i < sv->n; i++) {
		indent_to(w, indent);
		put(w, "-", 1);
		if (sv->v[i] && *sv->v[i]) {
			write_string(w, sv->v[i], indent + 2);
		} else {
			put(w, " null\n", 6);
			w->open_ended = false;
		}
	}
}

bool pd_ys_finish(pd_ys *w, pd_error *err)
{
	/* libyaml ends a stream whose last scalar kept its trailing line
	 * breaks ("|+") with a document end marker, so a reader knows where
	 * the breaks stop. */
	if (w->open_ended)
		put(w, "...\n", 4);
	flush(w);
	if (fflush(w->f) != 0 || ferror(w->f))
		write_failed(w);
	if (w->failed)
		return pd_error_set(err, PD_ERR_IO, "writing the YAML failed: %s",
			w->error ? strerror(w->error) : "out of memory");
	return true;
}
