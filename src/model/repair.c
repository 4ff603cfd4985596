/* `check --repair` (repair.h): what each partner's row derives from what
 * was typed, remade where check finds it stale, in one transaction. */
#include <sqlite3.h>
#include <stdlib.h>

#include "internal.h"
#include "partnerdesk/model/repair.h"

/* One UPDATE; *changed the rows it changed. */
static bool remake(pd_db *db, const char *sql, long *changed, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "remaking what the desk derives from its partners");
	*changed = sqlite3_changes(db->h);
	return true;
}

/* The partners whose search document is missing or was made with the name
 * keys found stale (both come from one folding), read before the keys are
 * remade: the UPDATEs below leave nothing to find them by. */
static bool search_to_remake(pd_db *db, int64_t **ids, size_t *n, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT id FROM partners WHERE " PD_STALE_NAME_KEY
		" OR " PD_STALE_ORDER_KEY " OR " PD_MISSING_SEARCH, err);
	if (!st)
		return false;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *slot = pd_row_add(ids, n, &cap, sizeof **ids, 64);
		if (!slot) {
			pd_stmt_done(db, st);
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
		*slot = sqlite3_column_int64(st, 0);
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "finding the search documents to remake");
	return true;
}

long pd_repair_total(const pd_repair_counts *c)
{
	return c->name_keys + c->contact_keys + c->order_keys + c->domain_keys + c->loose_keys + c->search + c->last_contacts +
	       c->next_follow_ups;
}

bool pd_db_repair(pd_db *db, pd_repair_counts *out, pd_error *err)
{
	*out = (pd_repair_counts){0};
	if (!pd_db_begin(db, err))
		return false;
	int64_t *ids = NULL;
	size_t n = 0;
	bool ok = search_to_remake(db, &ids, &n, err) &&
	          remake(db, "UPDATE partners SET name_fold = pd_name_key(name) WHERE " PD_STALE_NAME_KEY,
	                 &out->name_keys, err) &&
	          remake(db, "UPDATE contacts SET name_fold = pd_name_key(name) WHERE " PD_STALE_NAME_KEY,
	                 &out->contact_keys, err) &&
	          remake(db, "UPDATE partners SET sort_key = pd_sort_key(name) WHERE " PD_STALE_ORDER_KEY,
	                 &out->order_keys, err) &&
	          remake(db, "UPDATE partners SET " PD_DOMAIN_KEYS_SET " WHERE " PD_STALE_DOMAIN_KEYS,
	                 &out->domain_keys, err) &&
	          remake(db, "UPDATE partners SET " PD_LOOSE_KEY_SET " WHERE " PD_STALE_LOOSE_KEY,
	                 &out->loose_keys, err) &&
	          remake(db, "UPDATE partners SET last_contact = " PD_LAST_CONTACT_OF
	                 " WHERE last_contact IS NOT " PD_LAST_CONTACT_OF, &out->last_contacts, err) &&
	          remake(db, "UPDATE partners SET next_follow_up = " PD_NEXT_FOLLOW_UP_OF
	                 " WHERE next_follow_up IS NOT " PD_NEXT_FOLLOW_UP_OF, &out->next_follow_ups, err);
	for (size_t i = 0; ok && i < n; i++)
		ok = pd_search_refresh(db, ids[i], err);
	free(ids);
	if (ok) {
		out->search = (long)n;
		if (pd_db_commit(db, err))
			return true;
	}
	pd_db_rollback(db);
	*out = (pd_repair_counts){0};
	return false;
}
