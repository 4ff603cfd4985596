/* The partners a filter's words of one or two letters find (name_set.h in
 * internal.h): the last such set a handle gathered, kept while the desk is
 * as it was, so that a keystroke's screen reuses what its count gathered,
 * and the next keystroke that keeps those words ("xy" then "xy m") reads
 * no name again. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct pd_name_set {
	char **words;          /* the words' LIKE patterns, in order */
	size_t n_words;
	long long dv;          /* PRAGMA data_version when gathered */
	int64_t changes;       /* sqlite3_total_changes64 then */
	char *ids;             /* JSON array of the partners' ids */
	long n;
};

void pd_name_set_forget(pd_db *db)
{
	struct pd_name_set *s = db->name_set;
	if (!s)
		return;
	for (size_t i = 0; i < s->n_words; i++)
		free(s->words[i]);
	free(s->words);
	free(s->ids);
	free(s);
	db->name_set = NULL;
}

/* Where the desk is now: another connection's commit moves data_version,
 * any row this one writes total_changes (which a rollback never moves
 * back). False inside a transaction: what it wrote may yet be rolled
 * back, and a set gathered from it would outlive it. */
static bool desk_now(pd_db *db, long long *dv, int64_t *changes)
{
	if (!db->h || db->depth > 0 || !sqlite3_get_autocommit(db->h))
		return false;
	*dv = pd_db_data_version(db);
	*changes = sqlite3_total_changes64(db->h);
	return *dv >= 0;
}

const char *pd_name_set_get(pd_db *db, char *const *words, size_t n_words, long *n)
{
	struct pd_name_set *s = db->name_set;
	long long dv;
	int64_t changes;
	if (!s || s->n_words != n_words)
		return NULL;
	for (size_t i = 0; i < n_words; i++)
		if (strcmp(s->words[i], words[i]) != 0)
			return NULL;
	if (!desk_now(db, &dv, &changes) || dv != s->dv || changes != s->changes) {
		pd_name_set_forget(db);
		return NULL;
	}
	*n = s->n;
	return s->ids;
}

pd_name_mark pd_name_set_mark(pd_db *db)
{
	pd_name_mark m = {0};
	m.ok = desk_now(db, &m.dv, &m.changes);
	return m;
}

void pd_name_set_put(pd_db *db, pd_name_mark mark, char *const *words, size_t n_words, const char *ids,
	long n)
{
	long long dv;
	int64_t changes;
	pd_name_set_forget(db);
	/* The names were read after the mark: a set of the desk as marked
	 * when it has not moved since, else of no one desk. */
	if (!mark.ok || !desk_now(db, &dv, &changes) || dv != mark.dv || changes != mark.changes)
		return;
	struct pd_name_set *s = calloc(1, sizeof *s);
	if (!s)
		return;
	s->words = calloc(n_words ? n_words : 1, sizeof *s->words);
	s->ids = strdup(ids);
	bool ok = s->words && s->ids;
	for (size_t i = 0; ok && i < n_words; i++) {
		ok = (s->words[i] = strdup(words[i])) != NULL;
		s->n_words += ok;
	}
	s->dv = dv;
	s->changes = changes;
	s->n = n;
	db->name_set = s;
	if (!ok)
		pd_name_set_forget(db);   /* a set not kept is gathered again */
}
