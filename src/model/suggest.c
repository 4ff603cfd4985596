/* Which known word a mistyped one most likely meant (suggest.h). */
#include <string.h>

#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/text.h"

/* The longest word measured: a name typed whole is longer than a word,
 * and a guess past it would be no quicker to read than the list. */
#define MAX_CHARS 96

/* s as code points, ASCII lowered; (size_t)-1 when longer than
 * MAX_CHARS, unless `cut`: then its first MAX_CHARS (a name measured to
 * its nearest start, which a typed word can only be near within its own
 * length and the limit). */
static size_t code_points(const char *s, uint32_t *out, bool cut)
{
	size_t len = strlen(s), n = 0;
	for (size_t i = 0; i < len;) {
		if (n == MAX_CHARS)
			return cut ? n : (size_t)-1;
		uint32_t cp;
		i += pd_utf8_decode(s + i, len - i, &cp);
		out[n++] = cp < 0x80 ? (uint32_t)pd_ascii_tolower((int)cp) : cp;
	}
	return n;
}

/* Edit distance by code point (a letter swapped with the next counts as
 * one edit: "muesum"), case-insensitive in ASCII; with `prefix`, from a
 * to the nearest start of b ("harbr" is one edit from "Harbor Arts").
 * Stops early past `limit`, answering limit + 1. */
static size_t distance(const char *a, const char *b, size_t limit, bool prefix)
{
	uint32_t ca[MAX_CHARS], cb[MAX_CHARS];
	/* A long name is still near by its start: cut, not refused (a name
	 * of over 96 characters was never guessed). */
	size_t la = code_points(a, ca, false), lb = code_points(b, cb, prefix);
	if (la == (size_t)-1 || lb == (size_t)-1)
		return limit + 1;
	if (!prefix && (la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	size_t rows[3][MAX_CHARS + 1];
	size_t *two = rows[0], *prev = rows[1], *row = rows[2];
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t best = row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t v = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] && ca[i - 2] == cb[j - 1] && two[j - 2] + 1 < v)
				v = two[j - 2] + 1;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		size_t *t = two;
		two = prev;
		prev = row;
		row = t;
	}
	size_t d = prev[lb];
	if (prefix)
		for (size_t j = 0; j < lb; j++)
			if (prev[j] < d)
				d = prev[j];
	return d > limit ? limit + 1 : d;
}

size_t pd_suggest_distance(const char *a, const char *b, size_t limit)
{
	return distance(a, b, limit, false);
}

size_t pd_suggest_prefix_distance(const char *typed, const char *known, size_t limit)
{
	return distance(typed, known, limit, true);
}

size_t pd_suggest_near(size_t chars)
{
	/* Below four letters nearly every short word is one edit from the
	 * typed one: a guess there would be a wild one. */
	return chars < 4 ? 0 : chars < 6 ? 1 : chars < 9 ? 2 : 3;
}

const char *pd_suggest(const char *word, const char *const *known, size_t n)
{
	size_t len = strlen(word);
	/* A word that starts with the first part of a name means that name,
	 * whatever else is a few letters off: "staleness" and "stale" are
	 * stale_days, not stages. Not when names share that part: of
	 * remove-tag and remove-goal, "remove-goals" is the nearest. */
	const char *by_head = NULL;
	size_t heads = 0;
	for (size_t i = 0; i < n; i++) {
		size_t head = strcspn(known[i], "_-");
		if (!known[i][head])
			head = 0;
		if (head >= 4 && len >= head && pd_ascii_ncasecmp(word, known[i], head) == 0) {
			by_head = known[i];
			heads++;
		}
	}
	if (heads == 1)
		return by_head;
	size_t limit = len < 6 ? 1 + (len > 2) : len / 3 + 1;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, known[i], limit, false);
		if (d < best_d) {
			best = known[i];
			best_d = d;
		}
	}
	if (best || len < 3)
		return best;
	/* A cut-short word ("review" for "review_date") is a typo too, when
	 * it is the start of one name alone ("con": contact or config?). */
	const char *cut = NULL;
	for (size_t i = 0; i < n; i++)
		if (pd_ascii_ncasecmp(known[i], word, len) == 0) {
			if (cut)
				return NULL;
			cut = known[i];
		}
	return cut;
}
