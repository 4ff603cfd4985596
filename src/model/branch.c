/* The desk's branches, read from its partners, and a typed branch matched
 * to them case and spacing aside. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/branch.h"
#include "partnerdesk/model/text.h"

/* pd_fold without white space: "North side", "northside " and
 * "NORTHSIDE" are one key. */
static char *branch_key(const char *s)
{
	char *k = pd_fold(s ? s : "");
	if (!k)
		return NULL;
	size_t w = 0;
	for (size_t r = 0; k[r]; r++)
		if (k[r] != ' ' && k[r] != '\t' && k[r] != '\n' && k[r] != '\r' && k[r] != '\v' && k[r] != '\f')
			k[w++] = k[r];
	k[w] = '\0';
	return k;
}

/* Index in sv of the branch whose key is key, or -1. */
static long find_key(const pd_strv *sv, const char *key)
{
	for (size_t i = 0; i < sv->n; i++) {
		char *k = branch_key(sv->v[i]);
		bool same = k && strcmp(k, key) == 0;
		free(k);
		if (same)
			return (long)i;
	}
	return -1;
}

bool pd_branches_list(pd_db *db, pd_strv *out, pd_error *err)
{
	pd_strv_clear(out);
	/* Most used first, so that the spelling kept for a branch written
	 * two ways is the one most partners have. */
	sqlite3_stmt *st = pd_stmt(db,
		"SELECT value FROM partner_branches GROUP BY value ORDER BY count(*) DESC, min(created), value",
		err);
	if (!st)
		return false;
	int rc;
	bool ok = true;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		char *key = branch_key(v);
		if (!key) {
			ok = false;
			break;
		}
		if (*key && find_key(out, key) < 0)
			ok = pd_strv_push(out, v);
		free(key);
	}
	if (!ok) {
		pd_stmt_done(db, st);
		pd_strv_clear(out);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_strv_clear(out);
		return pd_db_fail(db, err, "reading the desk's branches");
	}
	pd_strv_sort_unique(out);
	return true;
}

char *pd_branch_as_spelled(const pd_strv *desk, const char *value, bool *known)
{
	char *v = pd_strdup(value ? value : "");
	if (!v)
		return NULL;
	pd_trim(v);
	*known = true;
	if (!desk->n || !*v)
		return v;
	char *key = branch_key(v);
	if (!key) {
		free(v);
		return NULL;
	}
	long i = find_key(desk, key);
	free(key);
	*known = i >= 0;
	if (i >= 0) {
		free(v);
		v = pd_strdup(desk->v[i]);
	}
	return v;
}

bool pd_branches_spell(const pd_strv *desk, pd_strv *branches, pd_strv *fresh)
{
	if (fresh)
		pd_strv_clear(fresh);
	size_t kept = 0, i = 0;
	bool ok = true;
	for (; i < branches->n && ok; i++) {
		bool known;
		char *b = pd_branch_as_spelled(desk, branches->v[i], &known);
		char *key = b ? branch_key(b) : NULL;
		ok = key != NULL;
		/* Only the earlier ones kept: the rest are not spelled yet. */
		pd_strv earlier = { .v = branches->v, .n = kept, .cap = kept };
		bool again = ok && *key && find_key(&earlier, key) >= 0;
		if (ok && !again && !known && fresh)
			ok = pd_strv_push(fresh, b);
		free(key);
		if (!ok) {
			free(b);
			break;
		}
		free(branches->v[i]);
		branches->v[i] = NULL;
		if (again)
			free(b);
		else
			branches->v[kept++] = b;
	}
	/* Out of memory: the rest stay as typed, after those spelled. */
	for (; i < branches->n; i++)
		branches->v[kept++] = branches->v[i];
	branches->n = kept;
	return ok;
}

void pd_branch_new_note(const pd_strv *desk, const char *value, char *out, size_t size)
{
	/* A library of forty branches would fill a line: the first few say
	 * how the desk spells them. */
	enum { SHOWN = 6 };
	size_t len;
	pd_format(out, size, "'%s' is a new branch; the desk has ", value);
	for (size_t i = 0; i < desk->n && i < SHOWN; i++) {
		len = strlen(out);
		pd_format(out + len, size - len, "%s%s", i ? ", " : "", desk->v[i]);
	}
	len = strlen(out);
	if (desk->n > SHOWN)
		pd_format(out + len, size - len, " and %zu more", desk->n - SHOWN);
}
