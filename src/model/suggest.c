/* Which known word a mistyped one most likely meant (suggest.h). */
#include <string.h>

#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/suggest.h"

/* Edit distance, ASCII case-insensitive; stops early past `limit`. */
static size_t distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return limit + 1;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0], best = i;
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = pd_ascii_tolower(a[i - 1]) != pd_ascii_tolower(b[j - 1]);
			size_t v = diag + cost;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (up + 1 < v)
				v = up + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb];
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
		size_t d = distance(word, known[i], limit);
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
