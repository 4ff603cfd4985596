/* Grapheme clusters for cursor movement, deletion and wrapping: the
 * Unicode rules from utf8proc, and the few walks over a text the editors
 * need (one cluster on, one back). A line feed always ends a cluster, so a
 * walk back starts at the line's start rather than the text's. */
#include <utf8proc.h>

#include "partnerdesk/model/grapheme.h"
#include "partnerdesk/model/text.h"

bool pd_grapheme_starts(pd_grapheme *g, uint32_t cp)
{
	bool starts = true;
	if (g->started)
		starts = utf8proc_grapheme_break_stateful((utf8proc_int32_t)g->prev, (utf8proc_int32_t)cp,
		                                          &g->state);
	g->prev = cp;
	g->started = true;
	return starts;
}

/* A text seen as code points: wide characters, or UTF-8 bytes. */
typedef struct text {
	const wchar_t *w;
	const char *u;
	size_t len;
} text;

/* The code point at offset i; *used is its length in offsets. */
static uint32_t text_at(const text *t, size_t i, size_t *used)
{
	if (t->w) {
		*used = 1;
		return (uint32_t)t->w[i];
	}
	uint32_t cp;
	*used = pd_utf8_decode(t->u + i, t->len - i, &cp);
	if (*used == 0)
		*used = 1;
	return cp;
}

static bool text_is_lf(const text *t, size_t i)
{
	return t->w ? t->w[i] == L'\n' : t->u[i] == '\n';
}

/* The start of the line offset `at` is on (a cluster's start). */
static size_t line_start(const text *t, size_t at)
{
	while (at > 0 && !text_is_lf(t, at - 1))
		at--;
	return at;
}

/* The last cluster start before `before` (strict) or at it (!strict), and
 * the first one after `at`; walked from the start of at's line. */
static size_t last_start(const text *t, size_t at, bool strict)
{
	if (at > t->len)
		at = t->len;
	if (at == 0 || (!strict && at == t->len))
		return at;
	size_t i = line_start(t, strict ? at - 1 : at), last = i;
	pd_grapheme g = {0};
	while (i < t->len && (strict ? i < at : i <= at)) {
		size_t used;
		if (pd_grapheme_starts(&g, text_at(t, i, &used)))
			last = i;
		i += used;
	}
	return last;
}

static size_t next_start(const text *t, size_t at)
{
	if (at >= t->len)
		return t->len;
	size_t i = line_start(t, at);
	pd_grapheme g = {0};
	while (i < t->len) {
		size_t used;
		if (pd_grapheme_starts(&g, text_at(t, i, &used)) && i > at)
			return i;
		i += used;
	}
	return t->len;
}

size_t pd_grapheme_next_wcs(const wchar_t *s, size_t len, size_t at)
{
	text t = {.w = s, .len = len};
	return next_start(&t, at);
}

size_t pd_grapheme_prev_wcs(const wchar_t *s, size_t len, size_t at)
{
	text t = {.w = s, .len = len};
	return last_start(&t, at, true);
}

size_t pd_grapheme_start_wcs(const wchar_t *s, size_t len, size_t at)
{
	text t = {.w = s, .len = len};
	return last_start(&t, at, false);
}

size_t pd_grapheme_next_utf8(const char *s, size_t len, size_t at)
{
	text t = {.u = s, .len = len};
	return next_start(&t, at);
}

size_t pd_grapheme_prev_utf8(const char *s, size_t len, size_t at)
{
	text t = {.u = s, .len = len};
	return last_start(&t, at, true);
}

size_t pd_grapheme_start_utf8(const char *s, size_t len, size_t at)
{
	text t = {.u = s, .len = len};
	return last_start(&t, at, false);
}
