/* The few writes a byte-exact restore of a backup needs beyond the
 * ordinary API: row times, the stage as it was, the history as it was.
 * Fixed statements per table (never a table name formatted into SQL). */
#include <sqlite3.h>

#include "internal.h"
#include "partnerdesk/model/restore.h"

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
