/* Drafts: what someone is typing, saved every few seconds so a dropped
 * session loses nothing. A draft is one person's scratch paper, not the
 * record: it is neither version-checked nor written to the audit trail
 * (saving every keystroke pause would drown the trail). */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/merge.h"

/* Which row is a window's draft: its id, drawn when the draft is first
 * written (new_id), so that no other draft is ever given it. Who
 * typed it and on which form are checked too (a copy from before drafts
 * had such ids, put under an open window, may hold another draft under a
 * small one), and when its typing began; the statements below bind ?1 id,
 * ?2 user, ?6 form, ?7 created. */
#define DRAFT_IS "id = ?1 AND os_user = ?2 AND form = ?6 AND created = ?7"

/* This machine's name, for telling whose process a draft's owner is. */
static void host_name(char *out, size_t size)
{
	if (gethostname(out, size) != 0)
		out[0] = '\0';
	out[size - 1] = '\0';
}

/* Whether a draft's owner (host, pid, heartbeat) is a session other than
 * this one that is still running. On this host the process says so: a
 * session stopped with Ctrl-Z sends no heartbeat yet still holds its note,
 * and one that died is gone whatever its last heartbeat. Another host's
 * process cannot be asked; only its heartbeat tells. */
static bool owner_live(pd_db *db, const char *host, int64_t pid, const char *heartbeat)
{
	if (pid <= 0 || !host || !*host)
		return false;
	char me[256];
	host_name(me, sizeof me);
	if (strcmp(host, me) == 0) {
		if (pid == (int64_t)getpid())
			return false;  /* ours */
		return kill((pid_t)pid, 0) == 0 || errno == EPERM;
	}
	time_t beat;
	return heartbeat && pd_time_parse(heartbeat, &beat) && pd_db_now(db) - beat <= PD_DRAFT_LIVE_SECONDS;
}

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
	return pd_draft_save_within(db, d, -1, err);
}

static bool draft_save(pd_db *db, pd_draft *d, pd_error *err);

bool pd_draft_save_within(pd_db *db, pd_draft *d, int wait_ms, pd_error *err)
{
	pd_db_busy_wait(db, wait_ms);
	bool ok = draft_save(db, d, err);
	pd_db_busy_wait(db, -1);
	return ok;
}

/* Binds draft d's name (DRAFT_IS) in st. */
static void bind_draft(sqlite3_stmt *st, pd_db *db, const pd_draft *d)
{
	sqlite3_bind_int64(st, 1, d->id);
	sqlite3_bind_text(st, 2, pd_db_user(db), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, d->form, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 7, d->created, -1, SQLITE_TRANSIENT);
}

/* Whether d's row is there and may be written by this session: another
 * running session holding it (another host took it up while this one was
 * silent) keeps it, and this session's text goes into a fresh draft. */
static bool draft_mine(pd_db *db, const pd_draft *d, bool *mine, pd_error *err)
{
	*mine = false;
	sqlite3_stmt *st = pd_stmt(db, "SELECT owner_host, owner_pid, heartbeat FROM drafts WHERE " DRAFT_IS, err);
	if (!st)
		return false;
	bind_draft(st, db, d);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char host[256], beat[PD_TIME_LEN];
		pd_col_buf(st, 0, host, sizeof host);
		pd_col_buf(st, 2, beat, sizeof beat);
		*mine = !owner_live(db, host, sqlite3_column_int64(st, 1), beat);
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pd_db_fail(db, err, "reading a draft");
	return true;
}

/* Milliseconds from 2020 to when draft ids' clock wraps (year 2159). */
#define ID_EPOCH_MS 1577836800000LL
#define ID_MS_BITS 42
#define ID_RANDOM_BITS 21

/* A new draft's id. Not the next free number, which SQLite gives a
 * deleted last row's id again: a draft saved or discarded and another
 * begun in the same second (another window, or the next form) took its
 * id, form, user and begun time, and a name remembered for the first (a
 * copy put back, a kept file, a discard waiting for the desk) wrote over
 * or deleted the second. The clock's millisecond, then 21 random bits:
 * ids still go up as drafts are begun (the offer lists the newest first,
 * however many began in one second), and two drafts share one only if
 * begun in the same millisecond and drawn alike, one in two million; one
 * already taken is drawn again. */
static int64_t new_id(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	long long ms = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 - ID_EPOCH_MS;
	uint32_t r = 0;
	sqlite3_randomness(sizeof r, &r);
	uint64_t id = ((uint64_t)(ms > 0 ? ms : 0) & ((1ULL << ID_MS_BITS) - 1)) << ID_RANDOM_BITS
	              | (r & ((1u << ID_RANDOM_BITS) - 1));
	return id ? (int64_t)id : 1;
}

static bool draft_save(pd_db *db, pd_draft *d, pd_error *err)
{
	if (!d->form || !*d->form)
		return pd_error_set(err, PD_ERR_INVALID, "a draft needs the name of its form");
	char now[PD_TIME_LEN], host[256];
	pd_db_stamp(db, now);
	host_name(host, sizeof host);
	if (!pd_db_begin(db, err))
		return false;
	/* A draft may name a partner deleted meanwhile: keep the text, drop the
	 * link; or merged into another meanwhile (a form left open on it, a
	 * kept file put back): the text goes with its people and log. Ids are
	 * never given again (partner.c), so the id names no stranger. */
	int64_t partner_id = d->partner_id;
	for (int tries = 0; partner_id && tries < 2; tries++) {
		sqlite3_stmt *st = pd_stmt(db, "SELECT 1 FROM partners WHERE id = ?1", err);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, partner_id);
		bool there = sqlite3_step(st) == SQLITE_ROW;
		pd_stmt_done(db, st);
		if (there)
			break;
		partner_id = tries == 0 ? pd_partner_merged_into(db, partner_id, NULL) : 0;
	}
	bool saved = false;
	bool mine = false;
	if (d->id && !draft_mine(db, d, &mine, err))
		goto fail;
	if (mine) {
		sqlite3_stmt *st = pd_stmt(db, "UPDATE drafts SET partner_id = ?3, target_id = ?4, "
			"target_version = ?5, payload = ?8, version = version + 1, updated = ?9, "
			"owner_host = ?10, owner_pid = ?11, heartbeat = ?9 WHERE " DRAFT_IS, err);
		if (!st)
			goto fail;
		bind_draft(st, db, d);
		pd_bind_id(st, 3, partner_id);
		pd_bind_id(st, 4, d->target_id);
		pd_bind_id(st, 5, d->target_version);
		sqlite3_bind_text(st, 8, d->payload ? d->payload : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 10, host, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 11, (sqlite3_int64)getpid());
		int rc = sqlite3_step(st);
		pd_stmt_done(db, st);
		if (rc != SQLITE_DONE) {
			pd_db_fail(db, err, "saving a draft");
			goto fail;
		}
		saved = sqlite3_changes(db->h) > 0;
	}
	if (!saved) {
		/* New, or not ours any more: deleted meanwhile (offered back
		 * elsewhere), taken up by a running session, or the id now names
		 * another draft (a restore). A fresh one keeps the text. */
		sqlite3_stmt *st = pd_stmt(db, "INSERT INTO drafts (form, partner_id, target_id, target_version, "
			"payload, os_user, created, updated, owner_host, owner_pid, heartbeat, id) "
			"SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?10, ?7, ?8, ?9, ?7, ?11 "
			"WHERE NOT EXISTS (SELECT 1 FROM drafts WHERE id = ?11)", err);
		if (!st)
			goto fail;
		int64_t id = 0;
		sqlite3_bind_text(st, 1, d->form, -1, SQLITE_TRANSIENT);
		pd_bind_id(st, 2, partner_id);
		pd_bind_id(st, 3, d->target_id);
		pd_bind_id(st, 4, d->target_version);
		sqlite3_bind_text(st, 5, d->payload ? d->payload : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, pd_db_user(db), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, now, -1, SQLITE_TRANSIENT);
		/* When the typing began, if the form says: the first write may
		 * come long after it (a colleague's lock). */
		sqlite3_bind_text(st, 10, d->created[0] ? d->created : now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 8, host, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 9, (sqlite3_int64)getpid());
		int rc = SQLITE_DONE;
		for (int tries = 0; rc == SQLITE_DONE && !id && tries < 8; tries++) {
			sqlite3_bind_int64(st, 11, new_id());
			rc = sqlite3_step(st);
			if (rc == SQLITE_DONE && sqlite3_changes(db->h) > 0)
				id = sqlite3_last_insert_rowid(db->h);
			sqlite3_reset(st);
		}
		pd_stmt_done(db, st);
		if (rc != SQLITE_DONE) {
			pd_db_fail(db, err, "saving a draft");
			goto fail;
		}
		if (!id) {
			pd_error_set(err, PD_ERR_GENERIC, "saving a draft: no free draft number was found");
			goto fail;
		}
		d->id = id;
		if (!d->created[0])
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

/* One statement on draft d (DRAFT_IS), in its own transaction; with
 * `owner`, ?3 ?4 ?5 are now, this host and this process. *changed says
 * whether a row was touched. */
static bool draft_write(pd_db *db, const char *sql, const pd_draft *d, bool owner, const char *doing,
	bool *changed, pd_error *err)
{
	char now[PD_TIME_LEN], host[256];
	pd_db_stamp(db, now);
	host_name(host, sizeof host);
	if (!pd_db_begin(db, err))
		return false;
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	if (!st) {
		pd_db_rollback(db);
		return false;
	}
	bind_draft(st, db, d);
	if (owner) {
		sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, host, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)getpid());
	}
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, doing);
		pd_db_rollback(db);
		return false;
	}
	if (changed)
		*changed = sqlite3_changes(db->h) > 0;
	return pd_db_commit(db, err);
}

/* Always false: the draft's row is gone or is not this window's draft. */
static bool not_ours(pd_error *err)
{
	return pd_error_set(err, PD_ERR_NOTFOUND, "this draft is not in the desk any more (saved or "
		"discarded elsewhere, or the desk was put back from a copy); it is written afresh");
}

bool pd_draft_touch(pd_db *db, const pd_draft *d, int wait_ms, pd_error *err)
{
	pd_db_busy_wait(db, wait_ms);
	bool changed = false;
	bool ok = draft_write(db, "UPDATE drafts SET heartbeat = ?3 WHERE " DRAFT_IS
		" AND owner_host = ?4 AND owner_pid = ?5", d, true, "keeping a draft", &changed, err);
	pd_db_busy_wait(db, -1);
	return ok && (changed || not_ours(err));
}

bool pd_draft_holds(pd_db *db, const pd_draft *d, bool *holds, pd_error *err)
{
	*holds = false;
	sqlite3_stmt *st = pd_stmt(db, "SELECT payload FROM drafts WHERE " DRAFT_IS, err);
	if (!st)
		return false;
	bind_draft(st, db, d);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *have = (const char *)sqlite3_column_text(st, 0);
		*holds = strcmp(have ? have : "", d->payload ? d->payload : "") == 0;
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pd_db_fail(db, err, "reading a draft");
	return true;
}

bool pd_draft_release(pd_db *db, const pd_draft *d, pd_error *err)
{
	bool changed = false;
	return draft_write(db, "UPDATE drafts SET owner_host = NULL, owner_pid = NULL, heartbeat = NULL "
		"WHERE " DRAFT_IS, d, false, "leaving a draft", &changed, err) && (changed || not_ours(err));
}

bool pd_draft_claim(pd_db *db, const pd_draft *d, pd_error *err)
{
	if (!pd_db_begin(db, err))
		return false;
	sqlite3_stmt *st = pd_stmt(db, "SELECT owner_host, owner_pid, heartbeat FROM drafts WHERE " DRAFT_IS, err);
	if (!st) {
		pd_db_rollback(db);
		return false;
	}
	bind_draft(st, db, d);
	int rc = sqlite3_step(st);
	bool live = false;
	if (rc == SQLITE_ROW) {
		char host[256], beat[PD_TIME_LEN];
		pd_col_buf(st, 0, host, sizeof host);
		pd_col_buf(st, 2, beat, sizeof beat);
		live = owner_live(db, host, sqlite3_column_int64(st, 1), beat);
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW) {
		pd_db_rollback(db);
		if (rc != SQLITE_DONE)
			return pd_db_fail(db, err, "reading a draft");
		return pd_error_set(err, PD_ERR_NOTFOUND, "that draft is gone: saved or discarded meanwhile");
	}
	if (live) {
		pd_db_rollback(db);
		return pd_error_set(err, PD_ERR_CONFLICT,
			"that note is still open in another window; finish it there");
	}
	bool changed = false;
	if (!draft_write(db, "UPDATE drafts SET heartbeat = ?3, owner_host = ?4, owner_pid = ?5 "
		"WHERE " DRAFT_IS, d, true, "taking a draft", &changed, err)) {
		pd_db_rollback(db);
		return false;
	}
	return pd_db_commit(db, err);
}

bool pd_draft_delete(pd_db *db, const pd_draft *d, pd_error *err)
{
	return draft_write(db, "DELETE FROM drafts WHERE " DRAFT_IS, d, false, "deleting a draft", NULL, err);
}

bool pd_draft_list(pd_db *db, pd_drafts *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, "SELECT id, form, partner_id, target_id, target_version, payload, "
		"os_user, updated, created, owner_host, owner_pid, heartbeat FROM drafts "
		"WHERE os_user = ?1 ORDER BY updated DESC, id DESC", err);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, pd_db_user(db), -1, SQLITE_TRANSIENT);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* Not pd_rows_read: whether its owner is live asks db, which a
		 * row's fill does not have. */
		pd_draft *d = pd_row_add(&out->v, &out->n, &cap, sizeof *d, 4);
		if (!d)
			goto nomem;
		d->id = sqlite3_column_int64(st, 0);
		d->form = pd_col_str(st, 1);
		d->partner_id = sqlite3_column_int64(st, 2);
		d->target_id = sqlite3_column_int64(st, 3);
		d->target_version = sqlite3_column_int64(st, 4);
		d->payload = pd_col_str(st, 5);
		d->user = pd_col_str(st, 6);
		pd_col_buf(st, 7, d->updated, sizeof d->updated);
		pd_col_buf(st, 8, d->created, sizeof d->created);
		char host[256], beat[PD_TIME_LEN];
		pd_col_buf(st, 9, host, sizeof host);
		pd_col_buf(st, 11, beat, sizeof beat);
		d->live = owner_live(db, host, sqlite3_column_int64(st, 10), beat);
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
