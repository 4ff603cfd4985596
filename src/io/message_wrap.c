/* A message for a terminal wrapped within its width at spaces, never inside
 * a quoted name, FILE:ROW:, a `command` or an option with its value. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/message_wrap.h"
#include "partnerdesk/model/text.h"

/* The character at buf[i] (len bytes in all) as a message shows it: a
 * control or a byte that is not UTF-8 is the placeholder the command line
 * uses for it, written in ph. *put and *k: the bytes to show; returns how
 * many of buf they stand for. */
static size_t shown_at(const char *buf, size_t len, size_t i, char ph[PD_PLACEHOLDER_MAX + 8],
	const char **put, size_t *k)
{
	uint32_t cp;
	size_t used = pd_utf8_decode(buf + i, len - i, &cp);
	*put = buf + i;
	*k = used;
	if (cp == 0xFFFD && used == 1)
		snprintf(ph, PD_PLACEHOLDER_MAX + 8, "\\x%02x", (unsigned char)buf[i]);
	else if (!pd_text_placeholder(cp, PD_PLACEHOLDER_PLAIN, ph))
		return used;
	*put = ph;
	*k = strlen(ph);
	return used;
}

/* text[0, len) to to, each character as a message shows it. */
static void write_shown(FILE *to, const char *text, size_t len)
{
	for (size_t i = 0; i < len;) {
		char ph[PD_PLACEHOLDER_MAX + 8];
		const char *put;
		size_t w;
		i += shown_at(text, len, i, ph, &put, &w);
		fwrite(put, 1, w, to);
	}
}

void pd_message_start(pd_message *m)
{
	*m = (pd_message){0};
}

void pd_message_finish(pd_message *m)
{
	free(m->text);
	free(m->whole);
	*m = (pd_message){0};
}

/* Room for more bytes and the NUL after them; false when out of memory. */
static bool room(pd_message *m, size_t more)
{
	if (m->n + more < m->cap)
		return true;
	size_t cap = m->cap ? m->cap : 512;
	while (cap <= m->n + more)
		cap *= 2;
	char *t = realloc(m->text, cap);
	if (!t)
		return false;
	m->text = t;
	bool *w = realloc(m->whole, cap * sizeof *w);
	if (!w)
		return false;
	m->whole = w;
	m->cap = cap;
	return true;
}

void pd_message_put(pd_message *m, bool whole, const char *fmt, ...)
{
	if (m->full)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *buf = pd_vformat_new(fmt, ap);
	va_end(ap);
	if (!buf) {
		m->full = true;
		return;
	}
	size_t len = strlen(buf), at = m->n;
	for (size_t i = 0; i < len;) {
		char ph[PD_PLACEHOLDER_MAX + 8];
		const char *put;
		size_t k, used = shown_at(buf, len, i, ph, &put, &k);
		if (!room(m, k)) {
			m->full = true;
			m->n = at;
			break;
		}
		memcpy(m->text + m->n, put, k);
		memset(m->whole + m->n, whole, k);
		m->n += k;
		i += used;
	}
	if (m->text)
		m->text[m->n] = '\0';
	free(buf);
}

size_t pd_message_width(int cols)
{
	return cols <= 0 ? 0 : cols < 80 ? (size_t)cols : 80;
}

void pd_message_write(FILE *to, size_t width, const char *prefix, const char *lead, const char *indent,
	const pd_message *m)
{
	fprintf(to, "%s%s", prefix, lead);
	if (!width) {
		if (m->n)
			fwrite(m->text, 1, m->n, to);
		fputc('\n', to);
		return;
	}
	size_t col = strlen(prefix) + strlen(lead);
	bool empty = true;   /* nothing of m on this line yet */
	for (size_t i = 0; i < m->n;) {
		size_t j = i;
		while (j < m->n && (m->text[j] != ' ' || m->whole[j]))
			j++;
		size_t w = pd_utf8_cols(m->text + i, j - i);
		if (!empty && col + 1 + w > width) {
			fprintf(to, "\n%s", indent);
			col = strlen(indent);
		} else if (!empty) {
			fputc(' ', to);
			col++;
		}
		fwrite(m->text + i, 1, j - i, to);
		col += w;
		empty = false;
		for (i = j; i < m->n && m->text[i] == ' ' && !m->whole[i]; i++)
			;
	}
	fputc('\n', to);
}

/* Marks text[from, to) of m whole. */
static void mark_whole(pd_message *m, size_t from, size_t to)
{
	if (to > m->n)
		to = m->n;
	if (from < to)
		memset(m->whole + from, true, to - from);
}

/* Where an option that starts at t[i] ends, with its value when the
 * word after it is one: "--partner NAME", "--on-duplicate merge",
 * "--map "Org=name"", not the "to" of "--dry-run to list them". */
static size_t option_end(const char *t, size_t n, size_t i)
{
	size_t e = i;
	while (e < n && t[e] != ' ' && !strchr(");,", t[e]))
		e++;
	if (e + 1 >= n || t[e] != ' ')
		return e;
	size_t v = e + 1, w = v;
	if (t[v] == '"') {
		const char *close = memchr(t + v + 1, '"', n - v - 1);
		return close ? (size_t)(close - t) + 1 : n;
	}
	bool caps = true;
	while (w < n && t[w] != ' ' && !strchr(");,", t[w])) {
		caps = caps && ((t[w] >= 'A' && t[w] <= 'Z') || (t[w] >= '0' && t[w] <= '9') || strchr("=_.-", t[w]));
		w++;
	}
	static const char *const values[] = { "skip", "merge", "new", "csv", "yaml", "vcf", "json", "ics",
		"auto", "utf-8", "windows-1252" };
	bool known = false;
	for (size_t k = 0; k < sizeof values / sizeof values[0] && !known; k++)
		known = strlen(values[k]) == w - v && strncmp(t + v, values[k], w - v) == 0;
	return (caps && w > v) || known ? w : e;
}

void pd_message_find_whole(pd_message *m, const char *file)
{
	const char *t = m->text;
	size_t n = m->n;
	if (!n)
		return;
	/* The file as the message shows it: a name holding a control byte
	 * ("\x01", "^A") is not the name as given, and was wrapped inside. */
	pd_message shown;
	pd_message_start(&shown);
	if (file)
		pd_message_put(&shown, false, "%s", file);
	size_t fl = shown.full ? 0 : shown.n;
	if (fl && n > fl && memcmp(t, shown.text, fl) == 0 && t[fl] == ':') {
		size_t e = fl;
		while (e < n && t[e] == ':' && e + 1 < n && t[e + 1] >= '0' && t[e + 1] <= '9') {
			e++;
			while (e < n && t[e] >= '0' && t[e] <= '9')
				e++;
		}
		if (e < n && t[e] == ':')
			e++;
		mark_whole(m, 0, e);
	}
	pd_message_finish(&shown);
	static const char cmd[] = "partnerdesk ";
	static const char *const ends[] = { " and ", " if ", " or ", " to ", " which ", " after" };
	for (size_t i = 0; i < n;) {
		if (t[i] == '"' || t[i] == '`') {
			const char *close = memchr(t + i + 1, t[i], n - i - 1);
			size_t e = close ? (size_t)(close - t) + 1 : n;
			mark_whole(m, i, e);
			i = e;
			continue;
		}
		if (t[i] == '-' && i + 2 < n && t[i + 1] == '-' && (i == 0 || t[i - 1] == ' ' || t[i - 1] == '(')) {
			size_t e = option_end(t, n, i);
			mark_whole(m, i, e);
			i = e;
			continue;
		}
		if (n - i > sizeof cmd - 1 && memcmp(t + i, cmd, sizeof cmd - 1) == 0
		    && (i == 0 || t[i - 1] == ' ' || t[i - 1] == '(')) {
			size_t e = i + sizeof cmd - 1;
			while (e < n && !strchr(");,`\"", t[e])) {
				bool end = false;
				for (size_t k = 0; k < sizeof ends / sizeof ends[0] && !end; k++)
					end = strncmp(t + e, ends[k], strlen(ends[k])) == 0;
				if (end)
					break;
				e++;
			}
			mark_whole(m, i, e);
			i = e;
			continue;
		}
		i++;
	}
}

void pd_message_say(FILE *to, size_t width, const char *prefix, const char *lead, const char *indent,
	const char *file, const char *text)
{
	size_t len = strlen(text);
	pd_message m;
	pd_message_start(&m);
	if (len < PD_MESSAGE_MAX)
		pd_message_put(&m, false, "%s", text);
	if (len >= PD_MESSAGE_MAX || m.full) {
		/* Said unwrapped rather than cut or not at all. */
		fprintf(to, "%s%s", prefix, lead);
		write_shown(to, text, len);
		fputc('\n', to);
		pd_message_finish(&m);
		return;
	}
	pd_message_find_whole(&m, file);
	pd_message_write(to, width, prefix, lead, indent, &m);
	pd_message_finish(&m);
}

size_t pd_message_lead(const char *text, char lead[PD_MESSAGE_LEAD_MAX], char indent[PD_MESSAGE_LEAD_MAX + 2])
{
	size_t k = strspn(text, " ");
	if (k >= PD_MESSAGE_LEAD_MAX)
		k = PD_MESSAGE_LEAD_MAX - 1;
	memcpy(lead, text, k);
	lead[k] = '\0';
	snprintf(indent, PD_MESSAGE_LEAD_MAX + 2, "%s  ", lead);
	return k;
}

void pd_message_say_lines(FILE *to, size_t width, const char *prefix, const char *file, const char *text)
{
	for (const char *line = text; line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *one = strndup(line, len);
		char lead[PD_MESSAGE_LEAD_MAX], indent[PD_MESSAGE_LEAD_MAX + 2];
		size_t k = line == text || !one ? pd_message_lead("", lead, indent) : pd_message_lead(one, lead, indent);
		if (one) {
			pd_message_say(to, width, line == text ? prefix : "", lead, indent, file, one + k);
		} else {
			/* Out of memory: the line unwrapped, its controls shown
			 * as ever (a hostile file's name must not reach the
			 * terminal as a command). */
			fputs(line == text ? prefix : "", to);
			write_shown(to, line, len);
			fputc('\n', to);
		}
		free(one);
		line = end ? end + 1 : NULL;
	}
}
