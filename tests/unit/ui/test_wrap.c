/* Word wrapping (src/ui/wrap.c): rows break after spaces, mid-word only for
 * a word longer than a row, never before a combining mark or a space; wide
 * characters take two columns; newlines end rows; the cursor's row and
 * column; and pd_draw_wrap, which the detail view, help and long status
 * messages use, drawn on a curses screen bound to /dev/null. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "partnerdesk/model/grapheme.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/wrap.h"
#include "tap.h"

/* s as cells (as the form counts them: the draw routine's widths, and
 * grapheme clusters), with each cell's byte offset in at[]. */
static size_t cells_of(const char *s, pd_wrap_cell *c, size_t *at)
{
	size_t n = 0, len = strlen(s);
	pd_grapheme g = {0};
	for (size_t i = 0; i < len; n++) {
		uint32_t cp;
		at[n] = i;
		i += pd_utf8_decode(s + i, len - i, &cp);
		int w = cp == '\n' ? 0 : pd_draw_char_width(cp);
		c[n] = (pd_wrap_cell){w, pd_wrap_kind_of(cp), !pd_grapheme_starts(&g, cp), cp == '\t'};
		if (cp == '\t')
			c[n].kind = PD_WRAP_SPACE;
	}
	at[n] = len;
	return n;
}

/* The rows of s wrapped to width, as shown, joined by '|'. */
static const char *wrapped(const char *s, int width)
{
	static char out[2048];
	pd_wrap_cell c[512];
	size_t at[513];
	size_t n = cells_of(s, c, at);
	pd_wrap_row *rows;
	size_t k = pd_wrap_rows(c, n, width, &rows);
	size_t o = 0;
	out[0] = '\0';
	for (size_t r = 0; r < k; r++) {
		o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s", r ? "|" : "",
			(int)(at[rows[r].end] - at[rows[r].start]), s + at[rows[r].start]);
	}
	free(rows);
	return out;
}

/* Where the cursor before character `cur` of s shows: "row,col". */
static const char *cursor(const char *s, int width, size_t cur)
{
	static char out[32];
	pd_wrap_cell c[512];
	size_t at[513];
	size_t n = cells_of(s, c, at);
	pd_wrap_row *rows;
	size_t k = pd_wrap_rows(c, n, width, &rows), row;
	int col;
	pd_wrap_cursor(c, n, rows, k, width, cur, &row, &col);
	snprintf(out, sizeof out, "%zu,%d", row, col);
	free(rows);
	return out;
}

static void test_words(void)
{
	streq(wrapped("", 10), "", "empty text is one empty row");
	streq(wrapped("short", 10), "short", "what fits is one row");
	streq(wrapped("the quick brown fox jumps", 10), "the quick|brown fox|jumps",
	      "rows break after the last space that fits, never inside a word");
	streq(wrapped("helloworld next", 10), "helloworld|next", "a word that fills the row exactly stays on it");
	streq(wrapped("abcd efgh", 4), "abcd|efgh", "the space at the wrap point starts no row");
	streq(wrapped("ab   cd", 3), "ab|cd", "several spaces at the wrap point all hang");
	streq(wrapped("supercalifragilistic is long", 8), "supercal|ifragili|stic is|long",
	      "a word longer than a row breaks mid-word, and only then");
	streq(wrapped("a supercalifragilistic", 8), "a|supercal|ifragili|stic",
	      "a long word after a space starts its own row first");
	streq(wrapped("one\ntwo three\n\nfour", 6), "one|two|three||four", "newlines end rows, empty lines kept");
	streq(wrapped("line\n", 10), "line|", "a final newline ends in an empty row");
	streq(wrapped("  indented text", 10), "  indented|text", "leading spaces are kept");
	streq(wrapped("a\xc2\xa0" "b c", 3), "a\xc2\xa0" "b|c", "a no-break space is not a break");
}

static void test_scripts(void)
{
	/* Welsh: ŵ and ŷ precomposed, and w + U+0302 combining: one column. */
	streq(wrapped("Mae'r ŵyr yn y tŷ", 8), "Mae'r|ŵyr yn y|tŷ", "Welsh letters count one column each");
	streq(wrapped("abcw\xcc\x82 xyz", 4), "abcw\xcc\x82|xyz",
	      "a combining mark stays with its letter at the edge");
	streq(wrapped("abcdw\xcc\x82", 4), "abcd|w\xcc\x82", "a mark moves with its letter mid-word");
	/* A mark typed on a space at the edge hangs with the space: the row
	 * keeps its width. */
	streq(wrapped("abc \xcc\x81" "de", 3), "abc|de", "a mark on a hanging space hangs with it");
	streq(wrapped("ab \xcc\x81" " cd", 4), "ab|cd", "and with the spaces around it");
	/* Korean: two columns a syllable, words split by spaces. */
	streq(wrapped("도서관 협력 기관 목록", 10), "도서관|협력 기관|목록",
	      "Korean wraps between words at two columns a syllable");
	streq(wrapped("가나다라마바", 7), "가나다|라마바", "a Korean word longer than a row breaks whole syllables");
	/* Han and kana may break between any two characters, but closing
	 * punctuation never starts a row. */
	streq(wrapped("ab 図書館です", 8), "ab 図書|館です", "Japanese breaks between characters");
	streq(wrapped("図書館。です", 6), "図書|館。で|す", "a full stop stays with the character before it");
	streq(wrapped("مكتبة المدينة العامة", 12), "مكتبة|المدينة|العامة", "Arabic wraps between words");
	streq(wrapped("a\xe3\x80\x80" "b c", 3), "a|b c", "an ideographic space is a break");
}

/* A TAB (a note pasted from a spreadsheet) is blank to the next stop of
 * its row, a place the row may end; it hangs past the edge like a space. */
static void test_tabs(void)
{
	streq(cursor("a\tb", 20, 2), "0,8", "after a tab: the next tab stop");
	streq(cursor("abcdefghi\tx", 20, 10), "0,16", "a tab past a stop: the stop after it");
	streq(cursor("a\tb\tc", 20, 4), "0,16", "two tabs: two stops");
	streq(wrapped("abcdef\tgh", 10), "abcdef\tgh", "a tab to column 8, then two letters: one row of 10");
	streq(wrapped("abcdef\tghi", 10), "abcdef|ghi", "a word past the edge after a tab: the row ends at the tab");
	streq(cursor("ab\nc\td", 20, 5), "1,8", "stops count from the row's start");
	pd_wrap_cell t = {.tab = true, .width = 2};
	is(pd_wrap_cell_width(&t, 3), 5, "a tab at column 3 takes 5 columns");
	is(pd_wrap_cell_width(&t, 8), 8, "at a stop, a whole stop");
}

/* A word longer than a row breaks between grapheme clusters, never inside
 * one: a skin tone stays on its emoji, a flag's halves together, a ZWJ
 * family whole, a Hangul syllable in jamo whole. */
static void test_clusters(void)
{
	streq(wrapped("ab\U0001F44D\U0001F3FD" "c", 3), "ab|\U0001F44D\U0001F3FD|c",
	      "an emoji wider than the row with its skin tone: one row, whole");
	streq(wrapped("\U0001F1EC\U0001F1E7\U0001F1FA\U0001F1E6", 3),
	      "\U0001F1EC\U0001F1E7|\U0001F1FA\U0001F1E6", "two flags: each row a whole flag");
	streq(wrapped("x\U0001F468\u200D\U0001F469\u200D\U0001F467", 4),
	      "x|\U0001F468\u200D\U0001F469\u200D\U0001F467", "a ZWJ family moves down whole");
	streq(wrapped("ab \u1112\u1161\u11AB\u1100\u1173\u11AF", 4),
	      "ab|\u1112\u1161\u11AB\u1100\u1173\u11AF", "Hangul jamo syllables stay whole");
	/* Up/Down's last position on a row is a cluster's start. */
	pd_wrap_cell c[64];
	size_t at[65];
	const char *flags = "\U0001F1EC\U0001F1E7\U0001F1FA\U0001F1E6";
	size_t n = cells_of(flags, c, at);
	pd_wrap_row *rows;
	size_t k = pd_wrap_rows(c, n, 3, &rows);
	is(k, 2, "two rows of flags");
	is(pd_wrap_row_last(c, n, rows, k, 0), 0, "row 0's last cursor position is before its flag, not inside it");
	free(rows);
}

static void test_cursor(void)
{
	const char *s = "the quick brown";   /* rows "the quick" | "brown" at 10 */
	streq(cursor(s, 10, 0), "0,0", "the start");
	streq(cursor(s, 10, 9), "0,9", "before the space at the wrap point");
	streq(cursor(s, 10, 10), "1,0", "after it: the next row's start");
	streq(cursor(s, 10, 15), "1,5", "the very end");
	streq(cursor("helloworld", 10, 10), "0,10", "after a full row: the column past it");
	streq(cursor("helloworld ", 10, 11), "1,0", "after a space hanging at the end: a row of its own");
	streq(cursor("hello wor ", 10, 10), "0,10", "after a space that fits: on its row");
	streq(cursor("ab    ", 3, 4), "0,3", "among hanging spaces: the edge");
	streq(cursor("one\n", 10, 4), "1,0", "after a final newline: the empty row");
	streq(cursor("one\ntwo", 10, 3), "0,3", "before a newline: on its row");
	streq(cursor("도서관 협력", 10, 6), "1,4", "wide characters count two columns");

	/* Typing a word past the edge: it moves down whole, the cursor with it. */
	streq(wrapped("hello worl", 10), "hello worl", "typing: the word still fits");
	streq(wrapped("hello world", 10), "hello|world", "one more letter moves the word down");
	streq(cursor("hello world", 10, 11), "1,5", "and the cursor with it");

	/* Up/Down land on a row's last position, not the next row's start. */
	pd_wrap_cell c[64];
	size_t at[65];
	size_t n = cells_of("the quick brown fox", c, at);
	pd_wrap_row *rows;
	size_t k = pd_wrap_rows(c, n, 10, &rows);
	is(k, 2, "two rows");
	is(pd_wrap_row_last(c, n, rows, k, 0), 9, "row 0 ends before its hanging space");
	is(pd_wrap_row_last(c, n, rows, k, 1), n, "the last row ends at the end");
	free(rows);
	n = cells_of("abcdefgh", c, at);
	k = pd_wrap_rows(c, n, 4, &rows);
	is(pd_wrap_row_last(c, n, rows, k, 0), 3, "a row broken mid-word: before its last letter");
	free(rows);
}

/* Row y of w as UTF-8, trailing blanks cut. */
static const char *row_text(WINDOW *w, int y)
{
	static char buf[1024];
	size_t o = 0, keep = 0;
	for (int x = 0; x < getmaxx(w) && o + 5 < sizeof buf; x++) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1] = {0};
		attr_t a;
		short pair;
		if (mvwin_wch(w, y, x, &cc) == ERR)
			break;
		getcchar(&cc, wc, &a, &pair, NULL);
		for (int i = 0; wc[i] && i < CCHARW_MAX; i++)
			o += pd_utf8_encode((uint32_t)wc[i], buf + o);
		if (!wc[0])
			buf[o++] = ' ';
		if (wc[0] != L' ' && wc[0])
			keep = o;
		if (wc[0] && wcwidth(wc[0]) == 2)
			x++;   /* its second column */
	}
	buf[keep] = '\0';
	return buf;
}

static void test_draw_wrap(void)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm", out, in);
	ok(scr != NULL, "a screen on /dev/null");
	if (!scr)
		return;
	WINDOW *w = newwin(6, 20, 0, 0);
	is(pd_draw_wrap(w, 0, 0, "abcd efgh", 4, 6, 0), 2, "the detail view's wrap: two lines");
	streq(row_text(w, 0), "abcd", "the first word");
	streq(row_text(w, 1), "efgh", "the second, without the space");
	werase(w);
	is(pd_draw_wrap(w, 0, 0, "Ffoniodd y llyfrgellydd ŵyr", 12, 6, 0), 3, "Welsh: three lines");
	streq(row_text(w, 2), "ŵyr", "the last word whole");
	werase(w);
	is(pd_draw_wrap(w, 0, 0, "도서관 협력 기관", 10, 6, 0), 2, "Korean: two lines");
	streq(row_text(w, 0), "도서관", "the first word");
	streq(row_text(w, 1), "협력 기관", "the rest");
	werase(w);
	is(pd_draw_wrap(w, 0, 0, "one two\n", 20, 6, 0), 1, "a final newline adds no line");
	is(pd_draw_wrap(NULL, 0, 0, "", 20, 0, 0), 1, "empty text counts one line");
	werase(w);
	is(pd_draw_wrap(w, 0, 0, "aa bb cc dd", 5, 1, 1), 2, "skip: the total is still counted");
	streq(row_text(w, 0), "cc dd", "and the second line is drawn first");
	werase(w);
	is(pd_draw_wrap(w, 0, 0, "\U0001F1EC\U0001F1E7\U0001F1FA\U0001F1E6", 3, 6, 0), 2,
	   "the detail view: two flags in a row of 3, two lines");
	streq(row_text(w, 1), "\U0001F1FA\U0001F1E6", "the second flag whole on the second line");
	werase(w);
	is(pd_draw_wrap(w, 0, 2, "Budget\t$500\tok", 18, 6, 0), 1, "a note with tabs: one line");
	streq(row_text(w, 0), "  Budget  $500    ok", "its tabs drawn as blanks to the stops from the text's start, not ^I");
	werase(w);
	is(pd_draw_wrap(w, 0, 0, "Budget\t$500\tapproved", 18, 6, 0), 2, "a tab is a place to wrap");
	streq(row_text(w, 1), "approved", "the next column on the next line");
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	test_words();
	test_scripts();
	test_clusters();
	test_tabs();
	test_cursor();
	test_draw_wrap();
	return tap_done();
}
