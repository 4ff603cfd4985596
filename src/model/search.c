/* The search index: one folded document per partner in an FTS5 trigram
 * table (name; kind, tags, contact names and interaction text), rebuilt
 * by the model inside every write that touches one of those. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/text.h"

typedef struct buf {
	char *s;
	size_t n, cap;
} buf;

static bool buf_add(buf *b, const char *s)
{
	if (!s || !*s)
		return true;
	size_t len = strlen(s);
	if (b->n + len + 2 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + len + 2)
			cap *= 2;
		char *v = realloc(b->s, cap);
		if (!v)
			return false;
		b->s = v;
		b->cap = cap;
	}
	if (b->n)
		b->s[b->n++] = '\n';   /* a separator no trigram spans usefully */
	memcpy(b->s + b->n, s, len);
	b->n += len;
	b->s[b->n] = '\0';
	return true;
}

/* Appends every row's first column of a query keyed by partner id. */
static bool add_rows(pd_db *db, buf *b, const char *sql, int64_t partner_id, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!buf_add(b, (const char *)sqlite3_column_text(st, 0))) {
			pd_stmt_done(db, st);
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "updating the search index");
	return true;
}

bool pd_search_remove(pd_db *db, int64_t partner_id, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "DELETE FROM partner_search WHERE rowid = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "updating the search index");
	return true;
}

static bool rebuild(pd_db *db, int64_t partner_id, pd_error *err)
{
	buf body = {0};
	char *name = NULL;
	bool ok = false;
	sqlite3_stmt *st = pd_stmt(db, "SELECT name_fold FROM partners WHERE id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		name = pd_col_str(st, 0);
	pd_stmt_done(db, st);
	if (rc == SQLITE_DONE)
		return pd_search_remove(db, partner_id, err);
	if (rc != SQLITE_ROW)
		return pd_db_fail(db, err, "updating the search index");
	if (!name)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");

	if (!add_rows(db, &body, "SELECT kind FROM partners WHERE id = ?1", partner_id, err) ||
	    !add_rows(db, &body, "SELECT value FROM partner_tags WHERE partner_id = ?1", partner_id, err) ||
	    !add_rows(db, &body, "SELECT name FROM contacts WHERE partner_id = ?1 ORDER BY id",
	              partner_id, err) ||
	    !add_rows(db, &body, "SELECT text FROM interactions WHERE partner_id = ?1 ORDER BY at, id",
	              partner_id, err))
		goto out;
	char *folded = pd_fold(body.s ? body.s : "");
	if (!folded) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		goto out;
	}
	if (!pd_search_remove(db, partner_id, err)) {
		free(folded);
		goto out;
	}
	st = pd_stmt(db, "INSERT INTO partner_search (rowid, name, body) VALUES (?1, ?2, ?3)", err);
	if (!st) {
		free(folded);
		goto out;
	}
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, folded, -1, free);
	rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, "updating the search index");
		goto out;
	}
	ok = true;
out:
	free(name);
	free(body.s);
	return ok;
}

bool pd_search_refresh(pd_db *db, int64_t partner_id, pd_error *err)
{
	/* depth 1 is the writer's own transaction; deeper means a caller
	 * made several writes one, and the commit rebuilds each partner once. */
	if (db->depth <= 1)
		return rebuild(db, partner_id, err);
	if (db->n_search_dirty && db->search_dirty[db->n_search_dirty - 1] == partner_id)
		return true;
	if (db->n_search_dirty == db->cap_search_dirty) {
		size_t cap = db->cap_search_dirty ? db->cap_search_dirty * 2 : 256;
		int64_t *v = realloc(db->search_dirty, cap * sizeof *v);
		if (!v)
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		db->search_dirty = v;
		db->cap_search_dirty = cap;
	}
	db->search_dirty[db->n_search_dirty++] = partner_id;
	return true;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

bool pd_search_flush(pd_db *db, pd_error *err)
{
	if (!db->n_search_dirty)
		return true;
	qsort(db->search_dirty, db->n_search_dirty, sizeof *db->search_dirty, cmp_id);
	for (size_t i = 0; i < db->n_search_dirty; i++) {
		if (i && db->search_dirty[i] == db->search_dirty[i - 1])
			continue;
		if (!rebuild(db, db->search_dirty[i], err))
			return false;   /* the caller rolls back, which forgets the rest */
	}
	db->n_search_dirty = 0;
	return true;
}

void pd_search_forget(pd_db *db)
{
	db->n_search_dirty = 0;
}
