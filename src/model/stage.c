/* Stage moves under the configured transition rules, and the stage history
 * every move (and every new partner) leaves behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"

bool pd_history_write(pd_db *db, int64_t partner_id, const char *from, const char *to,
	const char *reason, const char *review_date, const char *approved_by, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db,
		"INSERT INTO stage_history (partner_id, from_stage, to_stage, at, moved_by, reason, "
		"review_date, approved_by, created, updated) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?4, ?4)", err);
	if (!st)
		return false;
	char now[PD_TIME_LEN];
	pd_db_stamp(db, now);
	sqlite3_bind_int64(st, 1, partner_id);
	pd_bind_text_or_null(st, 2, from);
	pd_bind_text(st, 3, to);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, pd_db_user(db), -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 6, reason);
	pd_bind_text_or_null(st, 7, review_date);
	pd_bind_text_or_null(st, 8, approved_by);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "recording the stage history");
	return true;
}

size_t pd_stage_allowed(const pd_rules *rules, const char *from, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; rules && i < rules->n_stages; i++) {
		const char *to = rules->stages[i].name;
		if (from && pd_fold_cmp(from, to) == 0)
			continue;
		unsigned requires;
		if (!pd_rules_move_allowed(rules, from, to, &requires))
			continue;
		if (n < max && out)
			out[n] = to;
		n++;
	}
	return n < max ? n : max;
}

static void stage_names(const pd_rules *r, const char **names, size_t n, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", names[i]);
	(void)r;
}

/* Explains a refused move: what is allowed from here instead. */
static bool refuse_transition(const pd_rules *r, const char *from, const char *to, pd_error *err)
{
	const char *allowed[64];
	size_t n = pd_stage_allowed(r, from, allowed, 64);
	char list[600];
	stage_names(r, allowed, n, list, sizeof list);
	if (n == 0)
		return pd_error_set(err, PD_ERR_REFUSED, "%s cannot move to %s; no moves are allowed from %s",
			from, to, from);
	return pd_error_set(err, PD_ERR_REFUSED, "%s cannot move to %s; from %s: %s", from, to, from, list);
}

/* The move's audit entry, with the stage and review date as they were and
 * as they became, and who approved it. */
static bool audit_move(pd_db *db, int64_t partner_id, const char *from, const char *to,
	const char *old_review, const char *review, const char *approved_by, const char *detail,
	pd_error *err)
{
	pd_changes c = {0};
	pd_changes_add(&c, "stage", from, to);
	pd_changes_add(&c, "review date", old_review, review);
	pd_changes_add(&c, "approved by", NULL, approved_by);
	bool ok = pd_audit_write_changes(db, "partner", partner_id, partner_id, "move", detail, &c, err);
	pd_changes_finish(&c);
	return ok;
}

bool pd_stage_move(pd_db *db, int64_t partner_id, const pd_move_request *req, pd_error *err)
{
	const pd_rules *r = pd_db_rules(db);
	if (!req || pd_blank(req->to))
		return pd_error_set(err, PD_ERR_INVALID, "no stage given");
	const pd_stage *target = pd_rules_stage(r, req->to);
	if (!target) {
		const char *all[64];
		size_t n = 0;
		for (; n < r->n_stages && n < 64; n++)
			all[n] = r->stages[n].name;
		char list[600];
		stage_names(r, all, n, list, sizeof list);
		return pd_error_set(err, PD_ERR_INVALID, "there is no stage \"%s\"; the stages are: %s",
			req->to, list);
	}
	const char *const text[] = {req->reason, req->approved_by};
	static const char *const labels[] = {"reason", "approver"};
	if (!pd_require_utf8(text, labels, 2, err))
		return false;
	if (req->review_date && *req->review_date && !pd_date_valid(req->review_date))
		return pd_error_set(err, PD_ERR_INVALID, "review date \"%s\" is not a date (YYYY-MM-DD)",
			req->review_date);
	if (!pd_db_begin(db, err))
		return false;
	char *name = NULL, *from = NULL;
	int64_t version = 0;
	char old_review[PD_DATE_LEN] = "";
	sqlite3_stmt *st = pd_stmt(db, "SELECT name, stage, version, review_date FROM partners WHERE id = ?1", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, partner_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		name = pd_col_str(st, 0);
		from = pd_col_str(st, 1);
		version = sqlite3_column_int64(st, 2);
		pd_col_buf(st, 3, old_review, sizeof old_review);
	}
	pd_stmt_done(db, st);
	if (rc == SQLITE_DONE) {
		pd_error_set(err, PD_ERR_NOTFOUND, "there is no partner #%lld", (long long)partner_id);
		goto fail;
	}
	if (rc != SQLITE_ROW) {
		pd_db_fail(db, err, "reading a partner");
		goto fail;
	}
	if (!name || !from) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		goto fail;
	}
	char what[300];
	pd_format(what, sizeof what, "partner #%lld (%s)", (long long)partner_id, name);
	if (req->expected_version && req->expected_version != version) {
		pd_conflict(db, err, "partner", partner_id, what);
		goto fail;
	}
	if (pd_fold_cmp(from, target->name) == 0) {
		pd_error_set(err, PD_ERR_REFUSED, "%s is already at %s", name, target->name);
		goto fail;
	}
	unsigned requires;
	if (!pd_rules_move_allowed(r, from, target->name, &requires)) {
		refuse_transition(r, from, target->name, err);
		goto fail;
	}

	/* A review date on a stage nobody reviews would put the partner on the
	 * agenda for a review the stage does not have: refused, not kept and
	 * not dropped unsaid (the interface and the command line alike). */
	if (req->review_date && *req->review_date && !pd_rules_move_reviewed(r, from, target->name)) {
		pd_error_set(err, PD_ERR_INVALID, "%s has no review period, so a move there keeps no review "
			"date: leave the review date out", target->label ? target->label : target->name);
		goto fail;
	}
	char review[PD_DATE_LEN] = "";
	if (req->review_date && *req->review_date) {
		snprintf(review, sizeof review, "%s", req->review_date);
	} else if (target->review_days > 0) {
		char today[PD_DATE_LEN];
		pd_db_today(db, today);
		pd_date_add_days(today, target->review_days, review);
	}
	const char *missing[3];
	size_t n_missing = 0;
	if ((requires & PD_REQ_REASON) && pd_blank(req->reason))
		missing[n_missing++] = "a reason (why?)";
	if ((requires & PD_REQ_REVIEW) && !review[0])
		missing[n_missing++] = "a review date (when will it be reviewed?)";
	if ((requires & PD_REQ_APPROVAL) && pd_blank(req->approved_by))
		missing[n_missing++] = "an approval (who approved it?)";
	if (n_missing) {
		char needs[300];
		size_t used = 0;
		for (size_t i = 0; i < n_missing; i++)
			used += (size_t)snprintf(needs + used, sizeof needs - used, "%s%s",
				i == 0 ? "" : i + 1 == n_missing ? " and " : ", ", missing[i]);
		pd_error_set(err, PD_ERR_REFUSED, "moving to %s needs %s", target->name, needs);
		goto fail;
	}

	char now[PD_TIME_LEN];
	pd_db_stamp(db, now);
	st = pd_stmt(db, "UPDATE partners SET stage = ?1, review_date = ?2, version = version + 1, "
		"updated = ?3 WHERE id = ?4 AND version = ?5", err);
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, target->name, -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 2, review);
	sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, partner_id);
	sqlite3_bind_int64(st, 5, version);
	if (!pd_step_versioned(db, st, "moving a partner", "partner", partner_id, what, err))
		goto fail;
	char detail[700];
	pd_format(detail, sizeof detail, "%s: %s -> %s%s%s", name, from, target->name,
		pd_blank(req->reason) ? "" : ": ", pd_blank(req->reason) ? "" : req->reason);
	/* A reason of only spaces, where none is required, is no reason. */
	const char *approved_by = pd_blank(req->approved_by) ? NULL : req->approved_by;
	if (!pd_history_write(db, partner_id, from, target->name,
	                      pd_blank(req->reason) ? NULL : req->reason, review, approved_by, err) ||
	    !audit_move(db, partner_id, from, target->name, old_review, review, approved_by, detail, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	free(name);
	free(from);
	return true;
fail:
	pd_db_rollback(db);
	free(name);
	free(from);
	return false;
}

static void move_finish(pd_move *m)
{
	free(m->from);
	free(m->to);
	free(m->by);
	free(m->reason);
	free(m->approved_by);
}

static bool fill_move(sqlite3_stmt *st, void *row)
{
	pd_move *m = row;
	m->id = sqlite3_column_int64(st, 0);
	m->partner_id = sqlite3_column_int64(st, 1);
	m->to = pd_col_str(st, 3);
	pd_col_buf(st, 4, m->at, sizeof m->at);
	m->by = pd_col_str(st, 5);
	pd_col_buf(st, 7, m->review_date, sizeof m->review_date);
	return m->to && m->by && pd_col_copy(st, 2, &m->from) && pd_col_copy(st, 6, &m->reason) &&
	       pd_col_copy(st, 8, &m->approved_by);
}

bool pd_history_list(pd_db *db, int64_t partner_id, pd_history *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db,
		"SELECT id, partner_id, from_stage, to_stage, at, moved_by, reason, review_date, "
		"approved_by FROM stage_history WHERE partner_id = ?1 ORDER BY at, id", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 8, fill_move,
	                  "reading the stage history", err)) {
		pd_history_finish(out);
		return false;
	}
	return true;
}

void pd_history_finish(pd_history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++)
		move_finish(&h->v[i]);
	free(h->v);
	h->v = NULL;
	h->n = 0;
}

bool pd_history_insert_raw(pd_db *db, const pd_move *m, pd_error *err)
{
	if (!m || !m->partner_id || pd_blank(m->to))
		return pd_error_set(err, PD_ERR_INVALID, "a history row needs a partner and a stage");
	if (m->at[0]) {
		time_t t;
		if (!pd_time_parse(m->at, &t))
			return pd_error_set(err, PD_ERR_INVALID, "history time \"%s\" is not ISO 8601 UTC", m->at);
	}
	char now[PD_TIME_LEN];
	pd_db_stamp(db, now);
	if (!pd_db_begin(db, err))
		return false;
	sqlite3_stmt *st = pd_stmt(db,
		"INSERT INTO stage_history (partner_id, from_stage, to_stage, at, moved_by, reason, "
		"review_date, approved_by, created, updated) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, m->partner_id);
	pd_bind_text_or_null(st, 2, m->from);
	sqlite3_bind_text(st, 3, m->to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, m->at[0] ? m->at : now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, m->by && *m->by ? m->by : pd_db_user(db), -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 6, m->reason);
	pd_bind_text_or_null(st, 7, m->review_date);
	pd_bind_text_or_null(st, 8, m->approved_by);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, "restoring the stage history");
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(db->h);
	char detail[300];
	pd_format(detail, sizeof detail, "restored history %s -> %s at %s",
		m->from ? m->from : "(new)", m->to, m->at[0] ? m->at : now);
	if (!pd_audit_write(db, "stage_history", id, "insert", detail, err) || !pd_db_commit(db, err))
		goto fail;
	return true;
fail:
	pd_db_rollback(db);
	return false;
}
