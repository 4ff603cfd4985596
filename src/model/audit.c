/* The audit trail: one row per change, written in the same transaction as
 * the change, with the OS user; read back for history and conflict notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/audit.h"

void pd_audit_set_source(pd_db *db, const char *source)
{
	snprintf(db->audit_source, sizeof db->audit_source, "%s", source ? source : "");
}

static bool empty(const char *s)
{
	return !s || !*s;
}

void pd_changes_add(pd_changes *c, const char *field, const char *old_value, const char *new_value)
{
	if (c->nomem || strcmp(old_value ? old_value : "", new_value ? new_value : "") == 0)
		return;
	pd_change *v = pd_grow(c->v, c->n, &c->cap, sizeof *v, 8);
	if (!v) {
		c->nomem = true;
		return;
	}
	c->v = v;
	pd_change *e = &c->v[c->n];
	e->field = field;
	e->old_value = empty(old_value) ? NULL : strdup(old_value);
	e->new_value = empty(new_value) ? NULL : strdup(new_value);
	if ((!empty(old_value) && !e->old_value) || (!empty(new_value) && !e->new_value)) {
		free(e->old_value);
		free(e->new_value);
		c->nomem = true;
		return;
	}
	c->n++;
}

/* "a, b, c" of the list as write_lists stores it: trimmed, no empties,
 * sorted, each once; NULL for none (or out of memory: c->nomem). */
static char *joined(pd_changes *c, const pd_strv *in)
{
	pd_strv s = {0};
	size_t len = 1;
	for (size_t i = 0; i < in->n && !c->nomem; i++) {
		char *v = strdup(in->v[i] ? in->v[i] : "");
		if (!v) {
			c->nomem = true;
			break;
		}
		pd_trim(v);
		if (*v && !pd_strv_push(&s, v))
			c->nomem = true;
		len += strlen(v) + 2;
		free(v);
	}
	char *out = NULL;
	if (!c->nomem && s.n) {
		pd_strv_sort_unique(&s);
		if ((out = malloc(len))) {
			size_t n = 0;
			for (size_t i = 0; i < s.n; i++)
				n += (size_t)snprintf(out + n, len - n, "%s%s", i ? ", " : "", s.v[i]);
		} else {
			c->nomem = true;
		}
	}
	pd_strv_clear(&s);
	return out;
}

void pd_changes_add_list(pd_changes *c, const char *field, const pd_strv *old_value,
	const pd_strv *new_value)
{
	char *a = joined(c, old_value), *b = joined(c, new_value);
	pd_changes_add(c, field, a, b);
	free(a);
	free(b);
}

void pd_changes_finish(pd_changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].old_value);
		free(c->v[i].new_value);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

bool pd_audit_write(pd_db *db, const char *entity, int64_t entity_id, const char *action,
	const char *detail, pd_error *err)
{
	return pd_audit_write_changes(db, entity, entity_id, 0, action, detail, NULL, err);
}

bool pd_audit_write_changes(pd_db *db, const char *entity, int64_t entity_id, int64_t partner_id,
	const char *action, const char *detail, const pd_changes *changes, pd_error *err)
{
	if (changes && changes->nomem)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	/* The partner from the entity's own row: every writer gets it without
	 * passing it, and a partner's own entries (all an import writes) cost
	 * no lookup. */
	sqlite3_stmt *st = pd_stmt(db,
		"INSERT INTO audit (at, os_user, entity, entity_id, action, detail, partner_id, created, updated) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6 || ?8, coalesce(?7, CASE ?3 "
		"  WHEN 'partner' THEN ?4 WHEN 'fit' THEN ?4 WHEN 'goal' THEN ?4 "
		"  WHEN 'contact' THEN (SELECT partner_id FROM contacts WHERE id = ?4) "
		"  WHEN 'interaction' THEN (SELECT partner_id FROM interactions WHERE id = ?4) "
		"  WHEN 'agreement' THEN (SELECT partner_id FROM agreements WHERE id = ?4) "
		"  WHEN 'stage_history' THEN (SELECT partner_id FROM stage_history WHERE id = ?4) END), "
		"?1, ?1)", err);
	if (!st)
		return false;
	char now[PD_TIME_LEN], source[sizeof db->audit_source + 16] = "";
	pd_db_stamp(db, now);
	if (db->audit_source[0])
		snprintf(source, sizeof source, "; from %s", db->audit_source);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, pd_db_user(db), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, entity, -1, SQLITE_TRANSIENT);
	pd_bind_id(st, 4, entity_id);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_TRANSIENT);
	pd_bind_text(st, 6, detail);
	pd_bind_id(st, 7, partner_id);
	sqlite3_bind_text(st, 8, source, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "writing the audit trail");
	if (!changes || !changes->n)
		return true;
	int64_t audit_id = sqlite3_last_insert_rowid(db->h);
	for (size_t i = 0; i < changes->n; i++) {
		if (!(st = pd_stmt(db, "INSERT INTO audit_changes (audit_id, seq, field, old, new) "
			"VALUES (?1, ?2, ?3, ?4, ?5)", err)))
			return false;
		sqlite3_bind_int64(st, 1, audit_id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 3, changes->v[i].field, -1, SQLITE_TRANSIENT);
		pd_bind_text_or_null(st, 4, changes->v[i].old_value);
		pd_bind_text_or_null(st, 5, changes->v[i].new_value);
		rc = sqlite3_step(st);
		pd_stmt_done(db, st);
		if (rc != SQLITE_DONE)
			return pd_db_fail(db, err, "writing the audit trail");
	}
	return true;
}

bool pd_conflict(pd_db *db, pd_error *err, const char *entity, int64_t id, const char *what)
{
	sqlite3_stmt *st = pd_stmt(db,
		"SELECT os_user, at, action, EXISTS (SELECT 1 FROM audit_changes c "
		"  WHERE c.audit_id = audit.id AND c.field = 'merged into') FROM audit "
		"WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT 1", err);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	char user[128] = "someone", at[PD_TIME_LEN] = "", action[32] = "";
	bool merged_away = false;   /* merged into another (merge.h), not the one merged into */
	if (sqlite3_step(st) == SQLITE_ROW) {
		pd_col_buf(st, 0, user, sizeof user);
		pd_col_buf(st, 1, at, sizeof at);
		pd_col_buf(st, 2, action, sizeof action);
		merged_away = sqlite3_column_int(st, 3) != 0;
	}
	pd_stmt_done(db, st);
	if (strcmp(action, "delete") == 0)
		return pd_error_set(err, PD_ERR_CONFLICT, "%s was deleted by %s at %s since you opened it",
			what, user, at);
	if (strcmp(action, "merge") == 0 && strcmp(entity, "contact") == 0)
		return pd_error_set(err, PD_ERR_CONFLICT, "%s was joined into a person of the same name by %s's "
			"merge at %s since you opened it; edit that one", what, user, at);
	if (merged_away)
		return pd_error_set(err, PD_ERR_CONFLICT, "%s was merged into another partner by %s at %s "
			"since you opened it; its people, log and notes are there now", what, user, at);
	if (!*at)
		return pd_error_set(err, PD_ERR_CONFLICT, "%s was changed by someone else since you opened it; "
			"open it again", what);
	return pd_error_set(err, PD_ERR_CONFLICT, "%s was changed by %s at %s since you opened it; "
		"open it again to see the changes", what, user, at);
}

/* How reading the trail ended: rc is the last step's result, or
 * READ_NOMEM; the statement is done with and, unless it went well, the
 * log freed. */
#define READ_NOMEM (-1)
static bool end_read(pd_db *db, sqlite3_stmt *st, int rc, pd_audit_log *out, pd_error *err)
{
	bool ok = rc == SQLITE_DONE;
	if (!ok && rc != READ_NOMEM)
		pd_db_fail(db, err, "reading the audit trail");
	pd_stmt_done(db, st);
	if (ok)
		return true;
	pd_audit_log_finish(out);
	return rc == READ_NOMEM ? pd_error_set(err, PD_ERR_NOMEM, "out of memory") : false;
}

/* An entry from a row whose first columns are id, at, os_user, entity,
 * entity_id, action, detail. */
static bool fill_entry(sqlite3_stmt *st, void *row)
{
	pd_audit_entry *e = row;
	e->id = sqlite3_column_int64(st, 0);
	pd_col_buf(st, 1, e->at, sizeof e->at);
	e->user = pd_col_str(st, 2);
	e->entity = pd_col_str(st, 3);
	e->entity_id = sqlite3_column_int64(st, 4);
	e->action = pd_col_str(st, 5);
	e->detail = pd_col_str(st, 6);
	return e->user && e->entity && e->action;
}

/* That entry added to out; NULL when out of memory (the entry, if added,
 * is freed with the log). */
static pd_audit_entry *push_entry(pd_audit_log *out, size_t *cap, sqlite3_stmt *st)
{
	pd_audit_entry *e = pd_row_add(&out->v, &out->n, cap, sizeof *e, 16);
	return e && fill_entry(st, e) ? e : NULL;
}

bool pd_audit_list(pd_db *db, const char *entity, int64_t entity_id, long limit, pd_audit_log *out,
	pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, entity
		? "SELECT id, at, os_user, entity, entity_id, action, detail FROM audit "
		  "WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT ?3"
		: "SELECT id, at, os_user, entity, entity_id, action, detail FROM audit "
		  "ORDER BY id DESC LIMIT ?3", err);
	if (!st)
		return false;
	if (entity) {
		sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, entity_id);
	}
	sqlite3_bind_int64(st, 3, limit > 0 ? limit : -1);
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 16, fill_entry,
	                  "reading the audit trail", err)) {
		pd_audit_log_finish(out);
		return false;
	}
	return true;
}

static bool add_change(pd_audit_entry *e, size_t *cap, sqlite3_stmt *st)
{
	pd_audit_change *v = pd_grow(e->changes, e->n_changes, cap, sizeof *v, 4);
	if (!v)
		return false;
	e->changes = v;
	pd_audit_change *c = &e->changes[e->n_changes++];
	/* Each one set, copied or not: the array is not zeroed, and the
	 * entry's finish frees all three. */
	c->field = pd_col_str(st, 10);
	bool old_ok = pd_col_copy(st, 11, &c->old_value), new_ok = pd_col_copy(st, 12, &c->new_value);
	return c->field && old_ok && new_ok;
}

/* The ids of the partners merged into partner ?1, and into those, as
 * the table `merged` (merge.c's "merged in" changes): found from ?1's own
 * entries by audit_by_entity, never by reading the trail. */
#define MERGED_INTO_P1 \
	"WITH RECURSIVE merged(id) AS (SELECT CAST(c.new AS INTEGER) FROM audit m " \
	"  JOIN audit_changes c ON c.audit_id = m.id AND c.field = 'merged in' " \
	"  WHERE m.entity = 'partner' AND m.entity_id = ?1 AND m.action = 'merge' " \
	"  UNION SELECT CAST(c.new AS INTEGER) FROM merged JOIN audit m ON m.entity = 'partner' " \
	"  AND m.entity_id = merged.id AND m.action = 'merge' " \
	"  JOIN audit_changes c ON c.audit_id = m.id AND c.field = 'merged in') "

/* pd_audit_query's one statement, its entries shown in `order` (the newest
 * ?4 are chosen either way): two constant strings, each cached as it is. */
#define AUDIT_QUERY(order) \
	MERGED_INTO_P1 "SELECT a.id, a.at, a.os_user, a.entity, a.entity_id, a.action, a.detail, a.partner_id, " \
	"p.name, c.seq, c.field, c.old, c.new FROM (" \
	"  SELECT * FROM audit WHERE (?1 IS NULL OR (partner_id = ?1 AND at >= " \
	"    (SELECT created FROM partners WHERE id = ?1)) OR partner_id IN (SELECT id FROM merged)) " \
	"  AND (?2 IS NULL OR os_user = ?2) " \
	"  AND (?3 IS NULL OR at >= ?3) ORDER BY id DESC LIMIT ?4) a " \
	"LEFT JOIN partners p ON p.id = a.partner_id AND p.created <= a.at " \
	"LEFT JOIN audit_changes c ON c.audit_id = a.id ORDER BY " order ", c.seq"

bool pd_audit_query(pd_db *db, const pd_audit_filter *f, pd_audit_log *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	/* The entries first (filtered, limited), then each one's changes by
	 * the join: one statement, the changes in the order they were made.
	 * Ids were reused before partner.c stopped it (a deleted newest
	 * partner's id went to the next one), so a partner owns only the
	 * entries from its creation on; and those of the partners merged
	 * into it (merge.c names each in a "merged in" change), whose people
	 * and log it holds now. */
	sqlite3_stmt *st = pd_stmt(db, f->oldest_first ? AUDIT_QUERY("a.id") : AUDIT_QUERY("a.id DESC"), err);
	if (!st)
		return false;
	pd_bind_id(st, 1, f->partner_id);
	pd_bind_text_or_null(st, 2, f->user);
	pd_bind_text_or_null(st, 3, f->since);
	sqlite3_bind_int64(st, 4, f->limit > 0 ? f->limit : -1);
	int rc;
	size_t cap = 0, ccap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		pd_audit_entry *e = out->n ? &out->v[out->n - 1] : NULL;
		if (!e || e->id != id) {
			if (!(e = push_entry(out, &cap, st)))
				goto nomem;
			ccap = 0;
			e->partner_id = sqlite3_column_int64(st, 7);
			e->partner = pd_col_str(st, 8);
		}
		if (sqlite3_column_type(st, 9) != SQLITE_NULL && !add_change(e, &ccap, st))
			goto nomem;
	}
	return end_read(db, st, rc, out, err);
nomem:
	return end_read(db, st, READ_NOMEM, out, err);
}

void pd_audit_log_finish(pd_audit_log *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < log->n; i++) {
		pd_audit_entry *e = &log->v[i];
		free(e->user);
		free(e->entity);
		free(e->action);
		free(e->detail);
		free(e->partner);
		for (size_t j = 0; j < e->n_changes; j++) {
			free(e->changes[j].field);
			free(e->changes[j].old_value);
			free(e->changes[j].new_value);
		}
		free(e->changes);
	}
	free(log->v);
	log->v = NULL;
	log->n = 0;
}

bool pd_step_versioned(pd_db *db, sqlite3_stmt *st, const char *doing,
	const char *entity, int64_t id, const char *what, pd_error *err)
{
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, doing);
	if (sqlite3_changes(db->h) == 0)
		return pd_conflict(db, err, entity, id, what);
	return true;
}
