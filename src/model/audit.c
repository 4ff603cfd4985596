/* The audit trail: one row per change, written in the same transaction as
 * the change, with the OS user; read back for history and conflict notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/audit.h"

bool pd_audit_write(pd_db *db, const char *entity, int64_t entity_id, const char *action,
	const char *detail, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db,
		"INSERT INTO audit (at, os_user, entity, entity_id, action, detail, created, updated) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?1, ?1)", err);
	if (!st)
		return false;
	char now[PD_TIME_LEN];
	pd_db_stamp(db, now);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, pd_db_user(db), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, entity, -1, SQLITE_TRANSIENT);
	pd_bind_id(st, 4, entity_id);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_TRANSIENT);
	pd_bind_text(st, 6, detail);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "writing the audit trail");
	return true;
}

bool pd_conflict(pd_db *db, pd_error *err, const char *entity, int64_t id, const char *what)
{
	sqlite3_stmt *st = pd_stmt(db,
		"SELECT os_user, at, action FROM audit WHERE entity = ?1 AND entity_id = ?2 "
		"ORDER BY id DESC LIMIT 1", err);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, entity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	char user[128] = "someone", at[PD_TIME_LEN] = "", action[32] = "";
	if (sqlite3_step(st) == SQLITE_ROW) {
		pd_col_buf(st, 0, user, sizeof user);
		pd_col_buf(st, 1, at, sizeof at);
		pd_col_buf(st, 2, action, sizeof action);
	}
	pd_stmt_done(db, st);
	if (strcmp(action, "delete") == 0)
		return pd_error_set(err, PD_ERR_CONFLICT, "%s was deleted by %s at %s since you opened it",
			what, user, at);
	if (!*at)
		return pd_error_set(err, PD_ERR_CONFLICT, "%s was changed by someone else since you opened it; "
			"open it again", what);
	return pd_error_set(err, PD_ERR_CONFLICT, "%s was changed by %s at %s since you opened it; "
		"open it again to see the changes", what, user, at);
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
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pd_audit_entry *v = pd_grow(out->v, out->n, &cap, sizeof *v, 16);
		if (!v)
			goto nomem;
		out->v = v;
		pd_audit_entry *e = &out->v[out->n++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(st, 0);
		pd_col_buf(st, 1, e->at, sizeof e->at);
		e->user = pd_col_str(st, 2);
		e->entity = pd_col_str(st, 3);
		e->entity_id = sqlite3_column_int64(st, 4);
		e->action = pd_col_str(st, 5);
		e->detail = pd_col_str(st, 6);
		if (!e->user || !e->entity || !e->action)
			goto nomem;
	}
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, "reading the audit trail");
		pd_stmt_done(db, st);
		pd_audit_log_finish(out);
		return false;
	}
	pd_stmt_done(db, st);
	return true;
nomem:
	pd_stmt_done(db, st);
	pd_audit_log_finish(out);
	return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
}

void pd_audit_log_finish(pd_audit_log *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < log->n; i++) {
		free(log->v[i].user);
		free(log->v[i].entity);
		free(log->v[i].action);
		free(log->v[i].detail);
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
