/* Unit tests of the grapheme cluster walks (model/grapheme.c): the texts
 * a name or a note holds that are one character to the reader but several
 * code points, walked on and back as wide characters and as UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "partnerdesk/model/grapheme.h"
#include "partnerdesk/model/text.h"

#define MAXCP 32

/* s (n code points, 0-terminated list) falls into clusters starting at
 * starts[] (ending with the text's length): every walk agrees. */
static void check(const char *what, const uint32_t *cps, const size_t *starts)
{
	wchar_t w[MAXCP];
	size_t n = 0;
	while (cps[n])
		w[n] = (wchar_t)cps[n], n++;
	size_t k = 0;
	while (starts[k] != n)
		k++;

	/* on, from the start */
	char got[256] = "", want[256] = "";
	for (size_t i = 0, at = 0; i <= k; i++) {
		snprintf(want + strlen(want), sizeof want - strlen(want), "%zu ", starts[i]);
		snprintf(got + strlen(got), sizeof got - strlen(got), "%zu ", at);
		at = pd_grapheme_next_wcs(w, n, at);
	}
	streq(got, want, "%s: Right steps over whole clusters", what);

	/* back, from the end */
	got[0] = want[0] = '\0';
	for (size_t i = k + 1, at = n; i-- > 0;) {
		snprintf(want + strlen(want), sizeof want - strlen(want), "%zu ", starts[i]);
		snprintf(got + strlen(got), sizeof got - strlen(got), "%zu ", at);
		at = pd_grapheme_prev_wcs(w, n, at);
	}
	streq(got, want, "%s: Left/Backspace step back over whole clusters", what);

	/* from inside a cluster: its start, the next one, the one before */
	bool inside_ok = true;
	for (size_t c = 0; c < k; c++)
		for (size_t at = starts[c]; at < starts[c + 1]; at++)
			if (pd_grapheme_start_wcs(w, n, at) != starts[c] || pd_grapheme_next_wcs(w, n, at) != starts[c + 1]
			    || (at > starts[c] && pd_grapheme_prev_wcs(w, n, at) != starts[c]))
				inside_ok = false;
	ok(inside_ok, "%s: an offset inside a cluster belongs to it", what);

	/* UTF-8: the same clusters in bytes */
	char u[MAXCP * 4 + 1];
	size_t off[MAXCP + 1], o = 0;
	for (size_t i = 0; i < n; i++) {
		off[i] = o;
		o += pd_utf8_encode(cps[i], u + o);
	}
	off[n] = o;
	u[o] = '\0';
	bool u8 = true;
	size_t at = 0;
	for (size_t i = 1; i <= k; i++) {
		at = pd_grapheme_next_utf8(u, o, at);
		u8 = u8 && at == off[starts[i]];
	}
	at = o;
	for (size_t i = k; i-- > 0;) {
		at = pd_grapheme_prev_utf8(u, o, at);
		u8 = u8 && at == off[starts[i]];
	}
	ok(u8, "%s: as UTF-8 bytes too", what);
}

#define CHECK(what, starts, ...) do { \
	static const uint32_t cps_[] = {__VA_ARGS__, 0}; \
	static const size_t st_[] = starts; \
	check(what, cps_, st_); \
} while (0)
#define S(...) {__VA_ARGS__}

int main(void)
{
	/* Welsh ŵ and ŷ decomposed: "Rhŵyl" */
	CHECK("Welsh w + COMBINING CIRCUMFLEX", S(0, 1, 2, 4, 5, 6),
	      'R', 'h', 'w', 0x302, 'y', 'l');
	/* Vietnamese ế as e + circumflex + acute: "Nguyễn" style stacking */
	CHECK("Vietnamese e + two marks", S(0, 1, 4, 5),
	      'N', 'e', 0x302, 0x301, 'n');
	/* Arabic with harakat: بَاب */
	CHECK("Arabic letters with harakat", S(0, 2, 3, 4),
	      0x628, 0x64E, 0x627, 0x628);
	/* Korean in conjoining jamo: 한글 as L V T, L V T */
	CHECK("Hangul jamo L V T", S(0, 3, 6),
	      0x1112, 0x1161, 0x11AB, 0x1100, 0x1173, 0x11AF);
	/* a precomposed LV syllable with a trailing T jamo: 가 + ᆨ */
	CHECK("Hangul LV + T", S(0, 2, 3), 0xAC00, 0x11A8, 'x');
	CHECK("thumbs up with a skin tone", S(0, 1, 3, 4),
	      'a', 0x1F44D, 0x1F3FD, 'b');
	CHECK("ZWJ family", S(0, 5, 6),
	      0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, '!');
	/* Two flags and a lone regional indicator: pairs from the start. */
	CHECK("regional indicator pairs", S(0, 2, 4, 5),
	      0x1F1EC, 0x1F1E7, 0x1F1FA, 0x1F1E6, 0x1F1EB);
	CHECK("the flag of Wales (tag sequence)", S(0, 7, 8),
	      0x1F3F4, 0xE0067, 0xE0062, 0xE0077, 0xE006C, 0xE0073, 0xE007F, 'a');
	CHECK("variation selectors", S(0, 2, 3, 5),
	      0x2764, 0xFE0F, 'a', 0x845B, 0xE0100);
	/* A ZWJ between letters stays with the letter before it. */
	CHECK("ZWJ after a plain letter", S(0, 2, 3), 'a', 0x200D, 'b');
	/* Controls stand alone: a mark after a newline or a tab is a cluster
	 * of its own, so a line is never joined to the next by a mark. */
	CHECK("newline and tab are clusters of their own", S(0, 1, 2, 3, 4, 5),
	      'a', '\n', 0x301, '\t', 0x301);
	CHECK("plain ASCII", S(0, 1, 2, 3), 'a', 'b', 'c');

	/* Ends and the empty text. */
	wchar_t one[] = L"e\u0301";
	is(pd_grapheme_next_wcs(one, 2, 2), 2, "next at the end stays at the end");
	is(pd_grapheme_prev_wcs(one, 2, 0), 0, "prev at the start stays at the start");
	is(pd_grapheme_next_wcs(one, 0, 0), 0, "next in an empty text");
	is(pd_grapheme_prev_utf8("", 0, 0), 0, "prev in an empty UTF-8 text");

	/* The streaming form the wrap code uses. */
	pd_grapheme g = {0};
	static const uint32_t fam[] = {0x1F468, 0x200D, 0x1F469, 'x'};
	char seen[8] = "";
	for (size_t i = 0; i < 4; i++)
		strcat(seen, pd_grapheme_starts(&g, fam[i]) ? "|" : ".");
	streq(seen, "|..|", "pd_grapheme_starts: a cluster starts at the first code point and after the family");
	return tap_done();
}
