/* The few writes a byte-exact restore of a backup needs beyond the
 * ordinary API: row times, the stage as it was, the history as it was, and
 * fit scores, goals, channels and stages the config no longer lists. Fixed
 * statements per table (never a table name formatted into SQL). */
#include <sqlite3.h>
#include <stdio.h>

#include "internal.h"
#include "schema.h"
#include "partnerdesk/model/restore.h"
#include "partnerdesk/model/text.h"

static const char *const stamp_sql[] = {
	[PD_RESTORE_PARTNER] = "UPDATE partners SET created = coalesce(?2, created), "
	                       "updated = coalesce(?3, updated) WHERE id = ?1",
	[PD_RESTORE_CONTACT] = "UPDATE contacts SET created = coalesce(?2, created), "
	                       "updated = coalesce(?3, updated) WHERE id = ?1",
	[PD_RESTORE_INTERACTION] = "UPDATE interactions SET created = coalesce(?2, created), "
	                           "updated = coalesce(?3, updated) WHERE id = ?1",
	[PD_RESTORE_AGREEMENT] = "UPDATE agreements SET created = coalesce(?2, created), "
	                         "updated = coalesce(?3, updated) WHERE id = ?1",
};

static bool run(pd_db *db, sqlite3_stmt *st, const char *doing, pd_error *err)
{
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, doing);
	return true;
}

bool pd_restore_stamps(pd_db *db, pd_restore_kind kind, int64_t id, const char *created,
	const char *updated, pd_error *err)
{
	if ((unsigned)kind > PD_RESTORE_AGREEMENT)
		return pd_error_set(err, PD_ERR_INVALID, "no such kind of row");
	time_t t;
	if (created && *created && !pd_time_parse(created, &t))
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not an ISO 8601 UTC time", created);
	if (updated && *updated && !pd_time_parse(updated, &t))
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not an ISO 8601 UTC time", updated);
	sqlite3_stmt *st = pd_stmt(db, stamp_sql[kind], err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	pd_bind_text_or_null(st, 2, created);
	pd_bind_text_or_null(st, 3, updated);
	return run(db, st, "restoring row times", err);
}

static const char *const forget_uid_sql[] = {
	[PD_RESTORE_PARTNER] = "UPDATE partners SET uid = NULL WHERE id = ?1",
	[PD_RESTORE_CONTACT] = "UPDATE contacts SET uid = NULL WHERE id = ?1",
	[PD_RESTORE_INTERACTION] = "UPDATE interactions SET uid = NULL WHERE id = ?1",
};

bool pd_restore_uid_forget(pd_db *db, pd_restore_kind kind, int64_t id, pd_error *err)
{
	if ((unsigned)kind > PD_RESTORE_INTERACTION)
		return pd_error_set(err, PD_ERR_INVALID, "no such kind of row has a uid");
	sqlite3_stmt *st = pd_stmt(db, forget_uid_sql[kind], err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	return run(db, st, "restoring uids", err);
}

bool pd_restore_derive_uids(pd_db *db, pd_error *err)
{
	return pd_db_exec(db, PD_DERIVE_UIDS, err);
}

bool pd_restore_partner_stage(pd_db *db, int64_t id, const char *stage, const char *review_date,
	pd_error *err)
{
	if (pd_blank(stage))
		return pd_error_set(err, PD_ERR_INVALID, "a partner needs a stage");
	if (review_date && *review_date && !pd_date_valid(review_date))
		return pd_error_set(err, PD_ERR_INVALID, "review date \"%s\" is not a date (YYYY-MM-DD)",
			review_date);
	sqlite3_stmt *st = pd_stmt(db, "UPDATE partners SET stage = ?2, review_date = ?3 WHERE id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, stage, -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 3, review_date);
	return run(db, st, "restoring a stage", err);
}

bool pd_restore_history_clear(pd_db *db, int64_t partner_id, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "DELETE FROM stage_history WHERE partner_id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	return run(db, st, "clearing the stage history", err);
}

/* One restoring write and its audit row in one transaction. */
static bool write_audited(pd_db *db, sqlite3_stmt *st, const char *entity, int64_t entity_id,
	const char *detail, pd_error *err)
{
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "restoring");
	return pd_audit_write(db, entity, entity_id, "update", detail, err);
}

static bool partner_known(pd_db *db, int64_t partner_id, pd_error *err)
{
	char name[8];
	return pd_partner_name(db, partner_id, name, sizeof name, err);
}

bool pd_restore_fit(pd_db *db, int64_t partner_id, const char *criterion, int score,
	const char *note, pd_error *err)
{
	static const char *const labels[] = { "fit criterion", "fit note" };
	const char *const text[] = { criterion, note };
	if (pd_blank(criterion))
		return pd_error_set(err, PD_ERR_INVALID, "a fit score needs a criterion");
	if (!pd_require_utf8(text, labels, 2, err))
		return false;
	if (score < 0 || score > 3)
		return pd_error_set(err, PD_ERR_INVALID, "a fit score is 0 to 3, not %d", score);
	char now[PD_TIME_LEN], detail[600];
	pd_db_stamp(db, now);
	char q[204];
	snprintf(detail, sizeof detail, "fit %s restored as %d", pd_utf8_fit(q, sizeof q, criterion, 200), score);
	if (!pd_db_begin(db, err))
		return false;
	sqlite3_stmt *st;
	if (!partner_known(db, partner_id, err) ||
	    !(st = pd_stmt(db, "INSERT INTO fit_scores (partner_id, criterion, score, note, created, updated) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (partner_id, criterion) DO UPDATE SET "
		"score = excluded.score, note = excluded.note, version = version + 1, "
		"updated = excluded.updated", err)))
		goto fail;
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_text(st, 2, criterion, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, score);
	pd_bind_text_or_null(st, 4, note);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
	if (!write_audited(db, st, "fit", partner_id, detail, err) || !pd_db_commit(db, err))
		goto fail;
	return true;
fail:
	pd_db_rollback(db);
	return false;
}

bool pd_restore_goal(pd_db *db, int64_t partner_id, const char *goal, const char *note,
	pd_error *err)
{
	static const char *const labels[] = { "goal", "goal's note" };
	const char *const text[] = { goal, note };
	if (pd_blank(goal))
		return pd_error_set(err, PD_ERR_INVALID, "a goal needs a name");
	if (!pd_require_utf8(text, labels, 2, err))
		return false;
	char now[PD_TIME_LEN], detail[600];
	pd_db_stamp(db, now);
	char q[204];
	snprintf(detail, sizeof detail, "goal restored: %s", pd_utf8_fit(q, sizeof q, goal, 200));
	if (!pd_db_begin(db, err))
		return false;
	sqlite3_stmt *st;
	if (!partner_known(db, partner_id, err) ||
	    !(st = pd_stmt(db, "INSERT INTO goals (partner_id, goal, note, created, updated) "
		"VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (partner_id, goal) DO UPDATE SET "
		"note = excluded.note, version = version + 1, updated = excluded.updated", err)))
		goto fail;
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_text(st, 2, goal, -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 3, note);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	if (!write_audited(db, st, "goal", partner_id, detail, err) || !pd_db_commit(db, err))
		goto fail;
	return true;
fail:
	pd_db_rollback(db);
	return false;
}

static const char *const channel_sql[] = {
	[PD_RESTORE_CONTACT] = "UPDATE contacts SET channel = ?2 WHERE id = ?1",
	[PD_RESTORE_INTERACTION] = "UPDATE interactions SET channel = ?2 WHERE id = ?1",
};

bool pd_restore_channel(pd_db *db, pd_restore_kind kind, int64_t id, const char *channel,
	pd_error *err)
{
	if (kind != PD_RESTORE_CONTACT && kind != PD_RESTORE_INTERACTION)
		return pd_error_set(err, PD_ERR_INVALID, "only contacts and interactions have a channel");
	static const char *const label = "channel";
	if (!pd_require_utf8(&channel, &label, 1, err))
		return false;
	sqlite3_stmt *st = pd_stmt(db, channel_sql[kind], err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	pd_bind_text_or_null(st, 2, pd_blank(channel) ? NULL : channel);
	return run(db, st, "restoring a channel", err);
}

bool pd_restore_agreement_stage(pd_db *db, int64_t id, const char *stage, pd_error *err)
{
	static const char *const label = "agreement's stage";
	if (!pd_require_utf8(&stage, &label, 1, err))
		return false;
	sqlite3_stmt *st = pd_stmt(db, "UPDATE agreements SET stage = ?2 WHERE id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	pd_bind_text_or_null(st, 2, pd_blank(stage) ? NULL : stage);
	return run(db, st, "restoring an agreement's stage", err);
}
