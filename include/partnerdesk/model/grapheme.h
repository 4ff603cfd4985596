/* Grapheme clusters: what a reader takes for one character ("ŵ" typed as w
 * + COMBINING CIRCUMFLEX, a letter with its harakat, a Hangul syllable in
 * conjoining jamo, 👍🏽, a ZWJ family, a flag) is one step for the cursor
 * and one Backspace. The Unicode rules (UAX #29 extended clusters, by
 * utf8proc, which the model links already); locale-free, no curses, so
 * every layer that edits or wraps text can use them. */
#ifndef PARTNERDESK_MODEL_GRAPHEME_H
#define PARTNERDESK_MODEL_GRAPHEME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* Where clusters begin in a stream of code points, fed in order. */
typedef struct pd_grapheme {
	uint32_t prev;
	int32_t state;     /* utf8proc's: regional indicators, emoji ZWJ */
	bool started;
} pd_grapheme;

/* Feeds cp (the first after a zeroed pd_grapheme starts the text); true
 * when cp begins a cluster, false when it belongs to the one before it. */
bool pd_grapheme_starts(pd_grapheme *g, uint32_t cp);

/* Code points as wide characters (UCS-4, as the form's fields keep them):
 * the start of the cluster after the one at `at` (len at the end), and the
 * start of the cluster before `at` (0 at the start). `at` itself need not
 * be a cluster's start. */
size_t pd_grapheme_next_wcs(const wchar_t *s, size_t len, size_t at);
size_t pd_grapheme_prev_wcs(const wchar_t *s, size_t len, size_t at);
/* `at` if a cluster starts there (or it is 0 or len), else the start of
 * the cluster it is inside. */
size_t pd_grapheme_start_wcs(const wchar_t *s, size_t len, size_t at);

/* The same over UTF-8 bytes s[0..len), offsets in bytes. */
size_t pd_grapheme_next_utf8(const char *s, size_t len, size_t at);
size_t pd_grapheme_prev_utf8(const char *s, size_t len, size_t at);
size_t pd_grapheme_start_utf8(const char *s, size_t len, size_t at);

#endif
