/* The sanitizing draw routine: escape sequences, C0/C1 controls and invalid
 * UTF-8 become visible placeholders; widths by display columns for Korean,
 * Arabic and Welsh names; clipping never splits a wide character or a
 * grapheme cluster. Draws on a curses screen bound to /dev/null, so no
 * terminal is needed. */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "partnerdesk/ui/draw.h"
#include "tap.h"

static void sanitized(const char *in, const char *want, const char *what)
{
	char buf[256];
	pd_draw_sanitize(in, buf, sizeof buf);
	streq(buf, want, "%s", what);
}

static void test_sanitize(void)
{
	sanitized("Plain name", "Plain name", "plain text passes");
	sanitized("Evil\x1b]0;pwned\aName", "Evil^[]0;pwned^GName", "an OSC title sequence is shown, not obeyed");
	sanitized("\x1b[2J\x1b[31mRed", "^[[2J^[[31mRed", "CSI sequences are shown");
	sanitized("a\xc2\x9b" "31mb", "a<9b>31mb", "a C1 CSI (U+009B) is shown as <9b>");
	sanitized("x\xc2\x85y", "x<85>y", "C1 NEL is shown as <85>");
	sanitized("a\x9b" "b", "a\xef\xbf\xbd" "b", "a lone 0x9b byte is invalid UTF-8: U+FFFD");
	sanitized("\xff\xfe", "\xef\xbf\xbd\xef\xbf\xbd", "each invalid byte is one U+FFFD");
	sanitized("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd", "an overlong '/' is refused");
	sanitized("tab\there\nnl\rcr", "tab^Ihere^Jnl^Mcr", "tabs and newlines are shown");
	sanitized("del\x7f", "del^?", "DEL is ^?");
	sanitized("\x01\x1f", "^A^_", "the C0 range ends are shown");
	sanitized("abc\xe2\x80\xae" "cba", "abc<U+202E>cba", "a bidi override is shown, not obeyed");
	sanitized("\xea\xb5\xad\xeb\xa6\xbd", "\xea\xb5\xad\xeb\xa6\xbd", "Korean passes unchanged");
	sanitized("Amgueddfa Cymru \xe2\x80\x94 \xc5\xb4yl", "Amgueddfa Cymru \xe2\x80\x94 \xc5\xb4yl", "Welsh passes unchanged");
	sanitized(NULL, "", "NULL is empty");

	char small[6];
	size_t n = pd_draw_sanitize("ab\xea\xb5\xad\xeb\xa6\xbd", small, sizeof small);
	streq(small, "ab\xea\xb5\xad", "truncation keeps whole characters");
	is(n, 5, "and says how many bytes");
	char tiny[3];
	pd_draw_sanitize("\x1b\x1b", tiny, sizeof tiny);
	streq(tiny, "^[", "truncation keeps whole placeholders");
	pd_draw_sanitize("a\x1b", tiny, sizeof tiny);
	streq(tiny, "a", "never half a placeholder");
}

static void test_width(void)
{
	is(pd_draw_width("Museum"), 6, "ASCII is one column each");
	is(pd_draw_width("\xed\x95\x9c\xea\xb5\xad\xec\x9d\x98 \xeb\x8f\x84\xec\x84\x9c\xea\xb4\x80"), 13,
	   "Korean syllables are two columns (한국의 도서관)");
	is(pd_draw_width("\xd9\x85\xd9\x83\xd8\xaa\xd8\xa8\xd8\xa9"), 5, "Arabic letters are one column (مكتبة)");
	is(pd_draw_width("Llyfrgell Genedlaethol Cymru \xc5\xb4"), 30, "Welsh: a circumflexed W is one column");
	is(pd_draw_width("e\xcc\x81"), 1, "a combining accent takes no column");
	is(pd_draw_width("\x1b]0;x\a"), 8, "placeholders count their columns");
	is(pd_draw_width("\xc2\x9b"), 4, "<9b> is four columns");
	is(pd_draw_width(""), 0, "empty is zero");
}

/* The character in a cell of w, or 0. */
static wchar_t cell(WINDOW *w, int y, int x)
{
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1] = {0};
	attr_t a;
	short pair;
	if (mvwin_wch(w, y, x, &cc) == ERR)
		return 0;
	getcchar(&cc, wc, &a, &pair, NULL);
	return wc[0];
}

static void test_draw(void)
{
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm", out, in);
	ok(scr != NULL, "a screen on /dev/null");
	if (!scr)
		return;
	WINDOW *w = newwin(4, 30, 0, 0);

	is(pd_draw_text(w, 0, 0, "Library", 10, false), 7, "short text uses its width");
	is(pd_draw_text(w, 0, 0, "Library", 10, true), 10, "pad fills the width");
	is(cell(w, 0, 9), L' ', "with spaces");

	/* a 한 국: 1 + 2 + 2 = 5 columns into 4: "a한…" */
	is(pd_draw_text(w, 1, 0, "a\xed\x95\x9c\xea\xb5\xad", 4, false), 4, "clipped text fills the width exactly");
	is(cell(w, 1, 0), L'a', "the first character");
	is(cell(w, 1, 1), 0xD55C, "the wide character that fits");
	is(cell(w, 1, 3), 0x2026, "then the ellipsis");

	/* into 3: "a" then the wide one does not fit in the 2 columns left
	 * before the mark, never half of it: the mark follows "a", the
	 * column left over blank after it, not a gap before it ("a …"). */
	werase(w);
	mvwaddstr(w, 1, 0, "xyz");
	is(pd_draw_text(w, 1, 0, "a\xed\x95\x9c\xea\xb5\xad", 3, false), 2,
	   "a wide char never splits; without pad the text ends at the mark");
	is(getcurx(w), 2, "the cursor at the mark's end, where the caller goes on");
	is(cell(w, 1, 0), L'a', "a");
	is(cell(w, 1, 1), 0x2026, "the ellipsis right after it");
	is(cell(w, 1, 2), L' ', "the column left over blank after the mark");
	werase(w);
	is(pd_draw_text(w, 1, 0, "a\xed\x95\x9c\xea\xb5\xad", 3, true), 3, "with pad the width");
	is(cell(w, 1, 1), 0x2026, "the ellipsis right after a");
	is(cell(w, 1, 2), L' ', "the padding after it");
	/* Korean alone, any width: the mark always follows the last whole
	 * character. */
	static const char korean[] = "\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80\xeb\xb0\x95"
	                             "\xec\x84\x9c\xec\x97\xb0";   /* 김민준박서연: 12 columns */
	for (int width = 2; width < 12; width++) {
		werase(w);
		pd_draw_text(w, 1, 0, korean, width, true);
		int mark = width % 2 ? width - 1 : width - 2;
		is(cell(w, 1, mark), 0x2026, "the ellipsis follows the last whole character");
		ok(mark < 2 || cell(w, 1, mark - 2) > 0xAC00, "no gap before it");
	}

	/* Clipping cuts between grapheme clusters, never inside one. */
	werase(w);
	/* a b 👍🏽 c: 1 + 1 + 2 + 2 + 1 columns into 5, 4 before the mark:
	 * the thumb fits but its skin tone does not, so neither is drawn. */
	is(pd_draw_text(w, 1, 0, "ab\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd" "c", 5, true), 5,
	   "a clipped emoji with its skin tone fills the width");
	is(cell(w, 1, 1), L'b', "the text before the emoji");
	is(cell(w, 1, 2), 0x2026, "no thumb without its skin tone: the ellipsis after b");
	is(cell(w, 1, 4), L' ', "the columns left blank after it");
	/* 👨‍👩‍👧 x: a ZWJ family is one cluster of six columns. */
	werase(w);
	pd_draw_text(w, 1, 0, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	             "\xf0\x9f\x91\xa7x", 5, false);
	is(cell(w, 1, 0), 0x2026, "no half of a ZWJ family: only the ellipsis");
	/* 🇬🇧 y: a flag is a pair of regional indicators. */
	werase(w);
	pd_draw_text(w, 1, 0, "a\xf0\x9f\x87\xac\xf0\x9f\x87\xa7y", 3, false);
	is(cell(w, 1, 1), 0x2026, "no lone regional indicator: the ellipsis after a");
	/* कि = क + the spacing vowel sign ि (one column each): a letter is
	 * never drawn without its sign. */
	werase(w);
	pd_draw_text(w, 1, 0, "a\xe0\xa4\x95\xe0\xa4\xbf" "b", 3, false);
	is(cell(w, 1, 0), L'a', "the text before the syllable");
	is(cell(w, 1, 1), 0x2026, "no consonant without its vowel sign: the ellipsis after a");
	/* A letter and its combining mark before the cut stay together. */
	werase(w);
	pd_draw_text(w, 1, 0, "w\xcc\x82xyz", 3, false);
	is(cell(w, 1, 0), L'w', "a letter that fits");
	cchar_t cc;
	wchar_t wc[CCHARW_MAX + 1] = {0};
	attr_t a;
	short pair;
	mvwin_wch(w, 1, 0, &cc);
	getcchar(&cc, wc, &a, &pair, NULL);
	is(wc[1], 0x0302, "keeps its combining circumflex");
	is(cell(w, 1, 1), L'x', "the next cluster that fits");
	is(cell(w, 1, 2), 0x2026, "then the ellipsis");

	werase(w);
	pd_draw_text(w, 2, 0, "E\x1b]0;x\aZ", 20, false);
	is(cell(w, 2, 0), L'E', "text before the escape");
	is(cell(w, 2, 1), L'^', "the escape as ^");
	is(cell(w, 2, 2), L'[', "then [");
	chtype ch = mvwinch(w, 2, 1);
	ok((ch & A_REVERSE) != 0, "placeholders are drawn in reverse");
	is(cell(w, 2, 9), L'Z', "the text goes on after the placeholders");

	is(pd_draw_text(w, 3, 28, "abcdef", 10, false), 2, "clipped to the window's edge");
	is(pd_draw_text(w, 9, 0, "x", 5, false), 0, "nothing outside the window");

	werase(w);
	int lines = pd_draw_wrap(w, 0, 0, "one two three four\nfive", 9, 4, 0);
	is(lines, 4, "wrapping at spaces and newlines: 4 lines");
	is(cell(w, 1, 0), L't', "second line starts with three");
	is(cell(w, 3, 0), L'f', "the newline starts a line");

	/* Rules: Unicode box characters in a UTF-8 locale, never ACS. */
	werase(w);
	pd_draw_hline(w, 0, 0, 3);
	pd_draw_line_char(w, 0, 3, PD_LINE_CROSS);
	pd_draw_vline(w, 1, 3, 2);
	is(cell(w, 0, 0), 0x2500, "a rule is U+2500");
	is(cell(w, 0, 3), 0x253C, "a crossing is U+253C");
	is(cell(w, 2, 3), 0x2502, "a vertical rule is U+2502");
	ok((mvwinch(w, 0, 0) & A_ALTCHARSET) == 0, "not the alternate character set");

	/* The theme is the app's, not the process's: two live side by side. */
	is(pd_theme_attr(NULL, "selected"), (int)A_REVERSE, "no theme: the monochrome look");
	pd_theme *mono = pd_theme_create(NULL, false);
	pd_config cfg = {0};
	pd_theme_entry mine = {.element = "selected", .bold = true};
	cfg.theme = &mine;
	cfg.n_theme = 1;
	pd_theme *own = pd_theme_create(&cfg, false);
	ok(mono && own, "two themes");
	is(pd_theme_attr(mono, "selected"), (int)A_REVERSE, "the built-in look");
	is(pd_theme_attr(own, "selected"), (int)(A_REVERSE | A_BOLD), "the config's look over it");
	is(pd_theme_attr(mono, "selected"), (int)A_REVERSE, "the first is unchanged by the second");
	is(pd_theme_attr(own, "no.such.element"), (int)A_NORMAL, "an unknown element");
	pd_theme_destroy(mono);
	pd_theme_destroy(own);
	pd_theme_destroy(NULL);

	/* A stage name may be 64 characters long (partnerdesk.yaml(5)); its
	 * colour and its theme entry hold for all of it, and two stages that
	 * differ only at the end keep their own looks. */
	char long_a[65], long_b[65], el_a[80], el_b[80];
	memset(long_a, 'a', 64);
	long_a[64] = '\0';
	memcpy(long_b, long_a, sizeof long_b);
	long_b[63] = 'b';
	snprintf(el_a, sizeof el_a, "stage.%s", long_a);
	snprintf(el_b, sizeof el_b, "stage.%s", long_b);
	pd_stage stages[2] = {{.name = long_a, .color = "red"}, {.name = long_b, .color = "green"}};
	pd_theme_entry stage_look = {.element = el_a, .underline = true};
	pd_config scfg = {.rules = {.stages = stages, .n_stages = 2}, .theme = &stage_look, .n_theme = 1};
	pd_theme *st = pd_theme_create(&scfg, false);
	is(pd_theme_attr(st, el_a), (int)A_UNDERLINE, "a 64-character stage keeps its theme entry");
	is(pd_theme_stage_attr(st, long_a), (int)A_UNDERLINE, "looked up by the stage's name");
	is(pd_theme_stage_attr(st, long_b), (int)A_NORMAL, "the other stage is not given it");
	long_a[0] = 'A';
	is(pd_theme_stage_attr(st, long_a), (int)A_UNDERLINE,
	   "a partner's stage written in another case has its stage's look");
	long_a[0] = 'a';
	pd_theme_destroy(st);
	if (has_colors()) {
		scfg.n_theme = 0;
		st = pd_theme_create(&scfg, true);
		int ca = pd_theme_attr(st, el_a), cb = pd_theme_attr(st, el_b);
		ok(ca != A_NORMAL && cb != A_NORMAL && ca != cb,
		   "each long stage has its own colour (%d, %d)", ca, cb);
		pd_theme_destroy(st);
	}

	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* Row y of w as text, trailing blanks off. */
static const char *row_of(WINDOW *w, int y, char *buf, int len)
{
	buf[0] = '\0';
	mvwinnstr(w, y, 0, buf, len - 1);
	size_t n = strlen(buf);
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return buf;
}

/* A dialog's question and keys in a narrow box: a part wider than the
 * row goes on at its words instead of being cut, so that the keys out of
 * it ("any other key: keep typing") stay whole and readable. */
static void test_parts(void)
{
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm", out, in);
	if (!scr) {
		ok(false, "a screen on /dev/null");
		return;
	}
	WINDOW *w = newwin(8, 40, 0, 0);
	const char *ask = "Discard what you typed?\nC-x: discard   any other key: keep typing";
	char b[64];
	is(pd_draw_parts(w, 0, 0, ask, 56, 8), 2, "at 56 columns: the question, then the keys");
	werase(w);
	is(pd_draw_parts(NULL, 0, 0, ask, 20, 0), 5, "at 20 columns it takes five rows");
	is(pd_draw_parts(w, 0, 0, ask, 20, 8), 5, "and draws them");
	streq(row_of(w, 0, b, sizeof b), "Discard what you", "the question at its words");
	streq(row_of(w, 1, b, sizeof b), "typed?", "its end on the next row, not cut");
	streq(row_of(w, 2, b, sizeof b), "C-x: discard", "a key and what it does, whole");
	streq(row_of(w, 3, b, sizeof b), "any other key: keep", "a part wider than the row at its words");
	streq(row_of(w, 4, b, sizeof b), "typing", "its end under it");
	werase(w);
	is(pd_draw_parts(w, 0, 0, "y merge   n or Esc: keep both", 12, 8), 3, "keys at 12 columns");
	streq(row_of(w, 0, b, sizeof b), "y merge", "y merge");
	streq(row_of(w, 1, b, sizeof b), "n or Esc:", "n or Esc:");
	streq(row_of(w, 2, b, sizeof b), "keep both", "keep both");
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

static void test_ascii_locale(void)
{
	setlocale(LC_ALL, "C");
	ok(!pd_locale_utf8(), "the C locale is not UTF-8");
	char buf[64];
	pd_draw_sanitize("Caf\xc3\xa9 \xed\x95\x9c", buf, sizeof buf);
	streq(buf, "Caf? ?", "non-ASCII becomes one ? per character");
	is(pd_draw_width("\xed\x95\x9c\xea\xb5\xad"), 2, "one column per ?");
	pd_draw_sanitize("a\x1b[m", buf, sizeof buf);
	streq(buf, "a^[[m", "escapes are still shown");

	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("vt100", out, in);
	if (scr) {
		WINDOW *w = newwin(3, 10, 0, 0);
		pd_draw_hline(w, 0, 0, 3);
		pd_draw_line_char(w, 0, 3, PD_LINE_UL);
		is((int)(mvwinch(w, 0, 0) & (A_CHARTEXT | A_ALTCHARSET)), '-', "not UTF-8: a rule is -, not ACS");
		is((int)(mvwinch(w, 0, 3) & (A_CHARTEXT | A_ALTCHARSET)), '+', "a corner is +");
		delwin(w);
		endwin();
		delscreen(scr);
	}
	fclose(out);
	fclose(in);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	ok(pd_locale_utf8(), "C.UTF-8 is UTF-8");
	test_sanitize();
	test_width();
	test_draw();
	test_parts();
	test_ascii_locale();
	return tap_done();
}
