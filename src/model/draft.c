/* Drafts: what someone is typing, saved every few seconds so a dropped
 * session loses nothing. A draft is one person's scratch paper, not the
 * record: it is neither version-checked nor written to the audit trail
 * (saving every keystroke pause would drown the trail). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/draft.h"

void pd_draft_finish(pd_draft *d)
{
	if (!d)
		return;
	free(d->form);
	free(d->payload);
	free(d->user);
	memset(d, 0, sizeof *d);
}

void pd_drafts_finish(pd_drafts *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->n; i++)
		pd_draft_finish(&list->v[i]);
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

bool pd_draft_save(pd_db *db, pd_draft *d, pd_error *err)
{
	if (!d->form || !*d->form)
		return pd_error_set(err, PD_ERR_INVALID, "a draft needs the name of its form");
	char now[PD_TIME_LEN];
	pd_db_stamp(db, now);
	if (!pd_db_begin(db, err))
		return false;
	/* A draft may name a partner deleted meanwhile: keep the text, drop the link. */
	int64_t partner_id = d->partner_id;
	if (partner_id) {
		sqlite3_stmt *st = pd_stmt(db, "SELECT 1 FROM partners WHERE id = ?1", err);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, partner_id);
		if (sqlite3_step(st) != SQLITE_ROW)
			partner_id = 0;
		pd_stmt_done(db, st);
	}
	bool saved = false;
	if (d->id) {
		sqlite3_stmt *st = pd_stmt(db, "UPDATE drafts SET form = ?1, partner_id = ?2, target_id = ?3, "
			"target_version = ?4, payload = ?5, version = version + 1, updated = ?6 "
			"WHERE id = ?7 AND os_user = ?8", err);
		if (!st)
			goto fail;
		sqlite3_bind_text(st, 1, d->form, -1, SQLITE_TRANSIENT);
		pd_bind_id(st, 2, partner_id);
		pd_bind_id(st, 3, d->target_id);
		pd_bind_id(st, 4, d->target_version);
		sqlite3_bind_text(st, 5, d->payload ? d->payload : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 7, d->id);
		sqlite3_bind_text(st, 8, pd_db_user(db), -1, SQLITE_TRANSIENT);
		int rc = sqlite3_step(st);
		pd_stmt_done(db, st);
		if (rc != SQLITE_DONE) {
			pd_db_fail(db, err, "saving a draft");
			goto fail;
		}
		saved = sqlite3_changes(db->h) > 0;
	}
	if (!saved) {
		/* New, or deleted meanwhile (offered back elsewhere): start a fresh one. */
		sqlite3_stmt *st = pd_stmt(db, "INSERT INTO drafts (form, partner_id, target_id, target_version, "
			"payload, os_user, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", err);
		if (!st)
			goto fail;
		sqlite3_bind_text(st, 1, d->form, -1, SQLITE_TRANSIENT);
		pd_bind_id(st, 2, partner_id);
		pd_bind_id(st, 3, d->target_id);
		pd_bind_id(st, 4, d->target_version);
		sqlite3_bind_text(st, 5, d->payload ? d->payload : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, pd_db_user(db), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
		int rc = sqlite3_step(st);
		pd_stmt_done(db, st);
		if (rc != SQLITE_DONE) {
			pd_db_fail(db, err, "saving a draft");
			goto fail;
		}
		d->id = sqlite3_last_insert_rowid(db->h);
		memcpy(d->created, now, sizeof now);
	}
	if (!pd_db_commit(db, err))
		goto fail;
	d->partner_id = partner_id;
	memcpy(d->updated, now, sizeof now);
	if (!d->user || strcmp(d->user, pd_db_user(db)) != 0) {
		free(d->user);
		if (!(d->user = strdup(pd_db_user(db))))
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	return true;
fail:
	pd_db_rollback(db);
	return false;
}

bool pd_draft_delete(pd_db *db, int64_t id, pd_error *err)
{
	if (!pd_db_begin(db, err))
		return false;
	sqlite3_stmt *st = pd_stmt(db, "DELETE FROM drafts WHERE id = ?1", err);
	if (!st) {
		pd_db_rollback(db);
		return false;
	}
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, "deleting a draft");
		pd_db_rollback(db);
		return false;
	}
	return pd_db_commit(db, err);
}

bool pd_draft_list(pd_db *db, pd_drafts *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, "SELECT id, form, partner_id, target_id, target_version, payload, "
		"os_user, updated, created FROM drafts WHERE os_user = ?1 ORDER BY updated DESC, id DESC", err);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, pd_db_user(db), -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pd_draft *v = pd_grow(out->v, out->n, &cap, sizeof *v, 4);
		if (!v)
			goto nomem;
		out->v = v;
		pd_draft *d = &out->v[out->n++];
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(st, 0);
		d->form = pd_col_str(st, 1);
		d->partner_id = sqlite3_column_int64(st, 2);
		d->target_id = sqlite3_column_int64(st, 3);
		d->target_version = sqlite3_column_int64(st, 4);
		d->payload = pd_col_str(st, 5);
		d->user = pd_col_str(st, 6);
		pd_col_buf(st, 7, d->updated, sizeof d->updated);
		pd_col_buf(st, 8, d->created, sizeof d->created);
		if (!d->form || !d->payload || !d->user)
			goto nomem;
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_drafts_finish(out);
		return pd_db_fail(db, err, "reading drafts");
	}
	return true;
nomem:
	pd_stmt_done(db, st);
	pd_drafts_finish(out);
	return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
}
