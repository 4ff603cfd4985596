/* The command line's one sanitizer and display widths: control bytes and
 * escape sequences become visible placeholders, UTF-8 names keep their
 * characters and their column counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/cli/table.h"
#include "tap.h"

static void check(const char *in, unsigned flags, const char *want, const char *what)
{
	char *got = pd_sanitize(in, flags);
	streq(got, want, "%s", what);
	free(got);
}

/* What the terminal stream shows of in, written in pieces of `piece`
 * bytes, each its own write (the stream unbuffered), so that every UTF-8
 * sequence and CRLF is cut somewhere. */
static void check_stream(const char *in, size_t piece, const char *want, const char *what)
{
	char *got = NULL;
	size_t len = 0;
	FILE *to = open_memstream(&got, &len);
	FILE *f = to ? pd_sanitize_stream(to) : NULL;
	if (f) {
		setvbuf(f, NULL, _IONBF, 0);
		for (size_t i = 0, n = strlen(in); i < n; i += piece)
			fwrite(in + i, 1, n - i < piece ? n - i : piece, f);
		ok(fclose(f) == 0, "%s: closed", what);
	}
	if (to)
		fclose(to);
	streq(got, want, "%s", what);
	free(got);
}

int main(void)
{
	/* export and list's CSV straight to a terminal (pd_cli_data_out). */
	const char *csv = "\xef\xbb\xbfid,name\r\n1,Evil\x1b]0;pwned\x07 Caf\xc3\xa9 \xe2\x82\xac\xf0\x9f\x93\x9a\r\n"
		"2,\"a\rb\nc\tz\",\xef\xbb\xbf\xc2\x9b\r\n";
	const char *shown = "\xef\xbb\xbfid,name\r\n1,Evil^[]0;pwned^G Caf\xc3\xa9 \xe2\x82\xac\xf0\x9f\x93\x9a\r\n"
		"2,\"a^Mb\nc\tz\",<U+FEFF>\\x9b\r\n";
	for (size_t piece = 1; piece <= 5; piece++) {
		char what[64];
		snprintf(what, sizeof what, "the stream, written %zu byte%s at a time", piece, piece == 1 ? "" : "s");
		check_stream(csv, piece, shown, what);
	}
	check_stream("end\xe2\x82", 64, "end\\xe2\\x82", "a sequence the stream ends inside shows its bytes");
	check_stream("end\r", 64, "end^M", "a CR that ends the stream is no line end");

	check("Riverside Art Museum", 0, "Riverside Art Museum", "plain ASCII passes");
	check("Musée d'Orsay", 0, "Musée d'Orsay", "Latin-1 letters pass");
	check("جمعية الجالية العربية", 0, "جمعية الجالية العربية", "Arabic passes");
	check("\x1b[2Jgone", 0, "^[[2Jgone", "ESC shows as ^[");
	check("a\x07" "b", 0, "a^Gb", "BEL shows as ^G");
	check("a\x7f" "b", 0, "a^?b", "DEL shows as ^?");
	check("a\xc2\x9b" "31m", 0, "a\\x9b31m", "a C1 CSI (U+009B) shows as \\x9b");
	check("a\x9b" "b", 0, "a\\x9bb", "a lone byte that is not UTF-8 shows as \\x9b");
	check("\xc0\xaf", 0, "\\xc0\\xaf", "an overlong sequence shows its bytes");
	check("\xed\xa0\x80", 0, "\\xed\\xa0\\x80", "an encoded surrogate shows its bytes");
	check("abc\xe2\x80\xaex", 0, "abc<U+202E>x", "a bidi override shows as <U+202E>");
	check("a\xe2\x80\xa8" "b", 0, "a<U+2028>b", "a line separator shows as <U+2028>");
	check("\xef\xbb\xbfName", 0, "<U+FEFF>Name", "a byte-order mark shows as <U+FEFF>");
	check("\xef\xbf\xbd", 0, "\xef\xbf\xbd", "a real U+FFFD passes");
	check("\xe2\x82", 0, "\\xe2\\x82", "a sequence cut short by the end shows its bytes");
	check("line1\nline2\tx", 0, "line1^Jline2^Ix", "newline and tab are visible on one line");
	check("line1\nline2\tx", PD_SANITIZE_NEWLINES, "line1\nline2\tx", "newline and tab kept in a card");
	check("a\rb", PD_SANITIZE_NEWLINES, "a^Mb", "CR is never kept (it overwrites the line)");
	check(NULL, 0, "", "NULL gives the empty string");

	is(pd_text_width("abc"), 3, "ASCII width");
	is(pd_text_width("Łódź"), 4, "Polish letters are one column each");
	is(pd_text_width("日本語"), 6, "CJK is two columns each");
	is(pd_text_width("e\xcc\x81"), 1, "a combining accent takes no column");

	char *fit = pd_text_fit("Korean Community Association", 10);
	streq(fit, "Korean ...", "long text is cut to the width with ...");
	free(fit);
	fit = pd_text_fit("日本語日本語", 7);
	ok(fit && pd_text_width(fit) <= 7, "a cut never splits or overflows wide characters");
	free(fit);

	/* A table lines up by columns, not bytes. */
	const char *headers[] = {"ID", "NAME", "KIND"};
	pd_table *t = pd_table_create(3, headers);
	const char *r1[] = {"1", "日本語", "school"};
	const char *r2[] = {"22", "Zoo\x1b[31m", "zoo"};
	ok(pd_table_add(t, r1) && pd_table_add(t, r2), "rows added");
	is(pd_table_rows(t), 2, "two rows");
	pd_table_align_right(t, 0);
	FILE *f = tmpfile();
	pd_table_print(t, f);
	rewind(f);
	char line[3][128];
	for (int i = 0; i < 3; i++)
		if (!fgets(line[i], sizeof line[i], f))
			line[i][0] = '\0';
	fclose(f);
	pd_table_destroy(t);
	ok(strstr(line[2], "Zoo^[[31m") != NULL, "cells are sanitized");
	ok(strchr(line[2], '\x1b') == NULL, "no ESC reaches the output");
	/* "KIND" starts at the same column on every line. */
	size_t col[3];
	for (int i = 0; i < 3; i++) {
		const char *k = strstr(line[i], i == 0 ? "KIND" : i == 1 ? "school" : "zoo");
		*(char *)k = '\0';
		col[i] = pd_text_width(line[i]);
	}
	is(col[1], col[0], "the wide name's row lines up with the header");
	is(col[2], col[0], "the sanitized row lines up with the header");
	ok(strncmp(line[1], " 1  ", 4) == 0, "ids are right-aligned: '%s'", line[1]);

	fit = pd_text_fit_mark("한국어 교실", 6, "\xe2\x80\xa6");
	streq(fit, "한국\xe2\x80\xa6", "an ellipsis takes one column; the next wide character does not fit in 6");
	free(fit);
	fit = pd_text_fit_mark("abc", 0, "\xe2\x80\xa6");
	streq(fit, "", "no room for the mark: nothing");
	free(fit);
	/* A cut at a whole character as a reader sees one (a grapheme
	 * cluster), as the interface clips: the flag 🇬🇧 is two code points,
	 * 👩‍👧 three, and किताब's "कि" is क with a vowel sign. */
	fit = pd_text_fit_mark("ab\xf0\x9f\x87\xac\xf0\x9f\x87\xa7xyz", 4, "\xe2\x80\xa6");
	streq(fit, "ab\xe2\x80\xa6", "never half a flag");
	free(fit);
	fit = pd_text_fit_mark("ab\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7xyz", 5, "\xe2\x80\xa6");
	streq(fit, "ab\xe2\x80\xa6", "never half a ZWJ family");
	free(fit);
	fit = pd_text_fit_mark("\xe0\xa4\x95\xe0\xa4\xbf\xe0\xa4\xa4\xe0\xa4\xbe\xe0\xa4\xac", 2, "\xe2\x80\xa6");
	streq(fit, "\xe2\x80\xa6", "never a letter without its vowel sign (क for कि)");
	free(fit);
	fit = pd_text_fit_mark("Tre\xcc\x81" "flex", 6, "...");
	streq(fit, "Tre\xcc\x81...", "a letter's combining accent stays with it");
	free(fit);

	/* Fit to 24 columns, the longer of two shrinkable columns gives first
	 * and the id column none. */
	const char *fh[] = {"ID", "NAME", "WHAT"};
	const char *fr[] = {"7", "Ysgol Gymraeg", "call back about the spring reading club"};
	t = pd_table_create(3, fh);
	ok(t && pd_table_add(t, fr), "a row to fit");
	pd_table_shrink(t, 1);
	pd_table_shrink(t, 2);
	pd_table_fit(t, 24);
	f = tmpfile();
	pd_table_print(t, f);
	rewind(f);
	for (int i = 0; i < 2; i++)
		if (!fgets(line[i], sizeof line[i], f))
			line[i][0] = '\0';
	fclose(f);
	pd_table_destroy(t);
	streq(line[0], "ID  NAME       WHAT\n", "the header is whole");
	streq(line[1], "7   Ysgol ...  call b...\n", "24 columns: WHAT gives 26, then each 4, to 9 and 9");
	return tap_done();
}
