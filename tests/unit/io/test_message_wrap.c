/* The rules of a message wrapped for a terminal (pd_message_*): within the
 * width in columns (Korean two, a combining mark none), at spaces, never
 * inside a quoted name, FILE:ROW:, a `command` or an option with its value;
 * nothing cut, however narrow; to a pipe one line; the 2 KB limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/message_wrap.h"
#include "partnerdesk/model/text.h"
#include "tap.h"

/* Set: strndup fails as it does out of memory (pd_message_say_lines
 * copies each line with it). */
static bool strndup_fails;

char *strndup(const char *s, size_t n)
{
	if (strndup_fails)
		return NULL;
	size_t len = strnlen(s, n);
	char *d = malloc(len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

static char *said(size_t width, const char *prefix, const char *lead, const char *indent,
	const char *file, const char *text)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	pd_message_say(f, width, prefix, lead, indent, file, text);
	fclose(f);
	return buf;
}

/* Whether every line of s fits width columns. */
static bool within(const char *s, size_t width)
{
	for (const char *p = s; *p;) {
		const char *end = strchr(p, '\n');
		size_t k = end ? (size_t)(end - p) : strlen(p);
		if (pd_utf8_cols(p, k) > width)
			return false;
		p = end ? end + 1 : p + k;
	}
	return true;
}

/* s with each line break and the indent after it made one space: the
 * words as a pipe has them. */
static char *joined(const char *s, const char *indent)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	for (const char *p = s; *p; p++) {
		if (*p == '\n' && p[1]) {
			*o++ = ' ';
			p += strlen(indent);
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

static int lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

int main(void)
{
	const char *text = "sheet.csv:12: warning: phone '4.47712E+11' is a number the spreadsheet wrote "
		"in scientific notation, so its last digits are lost; kept as it is: put it right afterwards";

	/* To a pipe: one line, byte for byte. */
	char *s = said(0, "partnerdesk: ", "", "  ", "sheet.csv", text);
	char want[512];
	snprintf(want, sizeof want, "partnerdesk: %s\n", text);
	streq(s, want, "width 0: one line, as it was");
	free(s);

	/* The width, and the words unchanged. */
	s = said(40, "partnerdesk: ", "", "  ", "sheet.csv", text);
	ok(within(s, 40) && lines(s) > 3, "width 40: every line within it");
	char *j = joined(s, "  ");
	streq(j, want, "width 40: the same words, lines after the first indented by two");
	ok(strncmp(s, "partnerdesk: sheet.csv:12: warning:", 35) == 0, "FILE:ROW: whole on the first line");
	free(j);
	free(s);
	/* A file named with a control byte or a byte that is no UTF-8 shows
	 * "^A" or "\\xff" for it: still the file's FILE:ROW:, never broken at
	 * a space inside it. */
	static const struct { const char *file, *shown; } odd_names[] = {
		{ "my\x01 sheet.csv", "partnerdesk: my^A sheet.csv:12:\n" },
		{ "my\xff sheet.csv", "partnerdesk: my\\xff sheet.csv:12:\n" },
	};
	for (size_t k = 0; k < sizeof odd_names / sizeof odd_names[0]; k++) {
		char odd_text[512];
		snprintf(odd_text, sizeof odd_text, "%s:12: warning: phone is cut", odd_names[k].file);
		s = said(30, "partnerdesk: ", "", "  ", odd_names[k].file, odd_text);
		ok(strncmp(s, odd_names[k].shown, strlen(odd_names[k].shown)) == 0,
			"odd name %zu: FILE:ROW: whole on the first line (%s)", k, s);
		free(s);
	}
	is(pd_message_width(0), 0, "no terminal: no width");
	is(pd_message_width(-1), 0, "no terminal (-1): no width");
	is(pd_message_width(60), 60, "a 60-column terminal: 60");
	is(pd_message_width(200), 80, "a wide terminal: 80 at most");

	/* Korean: two columns a syllable. Ten syllables and a space are 21
	 * columns, one past 20, though only 11 characters. */
	s = said(20, "", "", "  ", NULL, "\uac00\ub098\ub2e4\ub77c\ub9c8 \ubc14\uc0ac\uc544\uc790\ucc28 \uce74\ud0c0");
	streq(s, "\uac00\ub098\ub2e4\ub77c\ub9c8\n  \ubc14\uc0ac\uc544\uc790\ucc28 \uce74\ud0c0\n",
		"Korean counts two columns a syllable");
	ok(within(s, 20), "Korean: within 20 columns");
	free(s);

	/* A combining mark takes no column: "cafe\u0301 cafe\u0301" is 9
	 * columns in 13 bytes, and fits 10. */
	s = said(10, "", "", "  ", NULL, "cafe\u0301 cafe\u0301 bar");
	streq(s, "cafe\u0301 cafe\u0301\n  bar\n", "a combining mark counts no column");
	free(s);

	/* A quoted name, a `command`, an option with its value and a
	 * partnerdesk command to copy are never broken, even when wider than
	 * the line: on a line of their own. */
	const char *quoted = "skip \"Friends of Aberaeron Library by the Sea\": the desk has that name; "
		"see `partnerdesk show 12` or import with --on-duplicate merge or run partnerdesk merge 3 1 "
		"after";
	s = said(24, "partnerdesk: ", "", "  ", NULL, quoted);
	ok(strstr(s, "\n  \"Friends of Aberaeron Library by the Sea\":\n"), "a quoted name wider than the "
		"line whole on a line of its own");
	ok(strstr(s, "`partnerdesk show 12`"), "a `command` whole");
	ok(strstr(s, "--on-duplicate merge"), "an option with its value whole");
	ok(strstr(s, "partnerdesk merge 3 1"), "a partnerdesk command whole");
	snprintf(want, sizeof want, "partnerdesk: %s\n", quoted);
	j = joined(s, "  ");
	streq(j, want, "the quoted message: the same words");
	free(j);
	free(s);
	/* A quote left open holds the rest whole rather than be misread. */
	s = said(20, "", "", "  ", NULL, "skip \"an open quote that goes on and on");
	streq(s, "skip\n  \"an open quote that goes on and on\n", "a quote left open: the rest whole");
	free(s);

	/* A word longer than the width: whole on its own line, not cut; the
	 * words after it go on. */
	s = said(20, "", "", "  ", NULL, "copy kept as /var/lib/partnerdesk/partnerdesk.db.before-restore there");
	streq(s, "copy kept as\n  /var/lib/partnerdesk/partnerdesk.db.before-restore\n  there\n",
		"a word longer than the width on its own line, whole");
	free(s);

	/* Below 20 columns (here 12, narrower than the prefix): still wrapped,
	 * a word a line, nothing cut, no empty line. */
	s = said(12, "partnerdesk: ", "", "  ", NULL, "not a copy of a desk");
	streq(s, "partnerdesk: not\n  a copy of\n  a desk\n", "width 12: wrapped, nothing cut");
	free(s);
	s = said(3, "", "", "  ", NULL, "abcd ef gh");
	streq(s, "abcd\n  ef\n  gh\n", "width 3: a word a line, the long one whole");
	free(s);

	/* Controls from a hostile file shown as placeholders, wrapped or not. */
	s = said(0, "", "", "  ", NULL, "a\x1b[2Jb \xff");
	streq(s, "a^[[2Jb \\xff\n", "a control and a byte that is not UTF-8 as placeholders");
	free(s);

	/* The 2 KB limit: below it wrapped; at or past it said whole on one
	 * line, every byte, rather than cut. */
	char *big = malloc(3001);
	for (int i = 0; i < 3000; i++)
		big[i] = i % 8 == 7 ? ' ' : 'a' + i % 7;
	big[3000] = '\0';
	big[PD_MESSAGE_MAX - 1] = '\0';
	s = said(80, "", "", "  ", NULL, big);
	ok(lines(s) > 20 && within(s, 80), "2047 bytes: wrapped");
	j = joined(s, "  ");
	ok(strncmp(j, big, strlen(big)) == 0 && strlen(j) == strlen(big) + 1, "2047 bytes: every byte said");
	free(j);
	free(s);
	big[PD_MESSAGE_MAX - 1] = 'x';
	s = said(80, "p: ", "", "  ", NULL, big);
	is(lines(s), 1, "3000 bytes: one line");
	ok(strncmp(s, "p: ", 3) == 0 && strncmp(s + 3, big, 3000) == 0 && strlen(s) == 3004,
		"3000 bytes: said whole, not cut");
	free(s);
	/* A part past the limit is kept whole: a 4 KB path of bytes that are
	 * not UTF-8 (each \xNN) pushed the command to copy out of a message of
	 * fixed size. */
	pd_message m;
	pd_message_start(&m);
	pd_message_put(&m, false, "%s", big);
	ok(m.n == 3000 && memcmp(m.text, big, 3000) == 0 && !m.full, "a part of 3000 bytes kept whole");
	char *odd = malloc(4097);
	memset(odd, 0xff, 4096);
	odd[4096] = '\0';
	pd_message_put(&m, true, "%s", odd);
	pd_message_put(&m, true, "partnerdesk merge 12 3");
	ok(!m.full && m.n == 3000 + 4 * 4096 + 22 && strcmp(m.text + m.n - 22, "partnerdesk merge 12 3") == 0,
	   "a 4 KB name shown as \\xNN, and the command after it, all kept");
	free(odd);
	pd_message_finish(&m);
	free(big);

	/* Parts: a whole one is not broken inside, a plain one at its spaces. */
	pd_message_start(&m);
	pd_message_put(&m, false, "likely the same as #12 ");
	pd_message_put(&m, true, "\"%s\"", "Aberaeron Library");
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	pd_message_write(f, 30, "", "    ", "      ", &m);
	fclose(f);
	streq(buf, "    likely the same as #12\n      \"Aberaeron Library\"\n", "a whole part, lead and indent");
	free(buf);
	pd_message_finish(&m);

	/* The lines of a message, out of memory to copy one: each said
	 * unwrapped, its controls as placeholders still (they went to the
	 * terminal as they were, an escape sequence and all). */
	buf = NULL;
	size = 0;
	f = open_memstream(&buf, &size);
	strndup_fails = true;
	pd_message_say_lines(f, 40, "partnerdesk: ", NULL, "\"\x1b]0;owned\x07\" matches:\n  #1 \x1b[2Jwiped");
	strndup_fails = false;
	fclose(f);
	streq(buf, "partnerdesk: \"^[]0;owned^G\" matches:\n  #1 ^[[2Jwiped\n",
	      "out of memory, the lines said with their controls shown");
	free(buf);

	return tap_done();
}
