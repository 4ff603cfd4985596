/* The fit assessment (each configured criterion scored 0-3 with a note)
 * and the library's goals for a partnership. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/text.h"

void pd_fit_finish(pd_fit *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].criterion);
		free(f->v[i].note);
	}
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

pd_fit_shown pd_fit_show(const pd_fit *f)
{
	pd_fit_shown s = {0};
	if (!f)
		return s;
	s.rows = f->configured < f->n ? f->configured : f->n;
	s.max = (int)s.rows * 3;
	for (size_t i = 0; i < s.rows; i++) {
		if (f->v[i].score < 0)
			continue;
		s.scored++;
		s.total += f->v[i].score;
	}
	return s;
}

int pd_fit_total(const pd_fit *f)
{
	return pd_fit_show(f).total;
}

static bool fit_push(pd_fit *f, const char *criterion, int score, const char *note)
{
	pd_fit_score *v = realloc(f->v, (f->n + 1) * sizeof *v);
	if (!v)
		return false;
	f->v = v;
	pd_fit_score *s = &v[f->n];
	s->criterion = pd_strdup(criterion);
	s->note = pd_strdup(note);
	s->score = score;
	if (!s->criterion || (note && !s->note)) {
		free(s->criterion);
		free(s->note);
		return false;
	}
	f->n++;
	return true;
}

bool pd_fit_load(pd_db *db, int64_t partner_id, pd_fit *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	out->partner_id = partner_id;
	const pd_rules *r = pd_db_rules(db);
	for (size_t i = 0; i < r->n_criteria; i++)
		if (!fit_push(out, r->criteria[i].key, -1, NULL))
			goto nomem;
	out->configured = out->n;
	sqlite3_stmt *st = pd_stmt(db, "SELECT criterion, score, note FROM fit_scores "
		"WHERE partner_id = ?1 ORDER BY id", err);
	if (!st) {
		pd_fit_finish(out);
		return false;
	}
	sqlite3_bind_int64(st, 1, partner_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *crit = (const char *)sqlite3_column_text(st, 0);
		const char *note = (const char *)sqlite3_column_text(st, 2);
		int score = sqlite3_column_int(st, 1);
		size_t i = 0;
		while (i < r->n_criteria && strcmp(r->criteria[i].key, crit) != 0)
			i++;
		if (i < r->n_criteria) {
			out->v[i].score = score;
			if (note && !(out->v[i].note = strdup(note))) {
				pd_stmt_done(db, st);
				goto nomem;
			}
		} else if (!fit_push(out, crit, score, note)) {
			/* a criterion no longer configured: kept, shown last */
			pd_stmt_done(db, st);
			goto nomem;
		}
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_fit_finish(out);
		return pd_db_fail(db, err, "reading the fit assessment");
	}
	return true;
nomem:
	pd_fit_finish(out);
	return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
}

/* pd_partner_name's refusal of a partner that is gone says where one
 * merged away went, as every command does. */
static bool partner_exists(pd_db *db, int64_t id, pd_error *err)
{
	char name[200];
	return pd_partner_name(db, id, name, sizeof name, err);
}

/* Runs a write of one row and its audit in one transaction. */
static bool write_one(pd_db *db, sqlite3_stmt *st, const char *entity, int64_t partner_id,
	const char *action, const char *detail, pd_error *err)
{
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "saving");
	if (sqlite3_changes(db->h) == 0)
		return true;   /* nothing there to change: nothing to record */
	return pd_audit_write(db, entity, partner_id, action, detail, err);
}

bool pd_fit_set(pd_db *db, int64_t partner_id, const char *criterion, int score, const char *note,
	pd_error *err)
{
	const pd_rules *r = pd_db_rules(db);
	static const char *const label = "fit note";
	if (!pd_require_utf8(&note, &label, 1, err))
		return false;
	if (score < -1 || score > 3)
		return pd_error_set(err, PD_ERR_INVALID, "a fit score is 0 to 3, not %d", score);
	const char *key = NULL;
	for (size_t i = 0; criterion && i < r->n_criteria; i++)
		if (pd_fold_cmp(r->criteria[i].key, criterion) == 0)
			key = r->criteria[i].key;
	if (!key && score >= 0) {
		char list[400] = "";
		size_t used = 0;
		for (size_t i = 0; i < r->n_criteria && used < sizeof list; i++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
				r->criteria[i].key);
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not a fit criterion; criteria: %s",
			criterion ? criterion : "", list);
	}
	if (!key)
		key = criterion ? criterion : "";   /* removing one no longer configured */
	char now[PD_TIME_LEN], detail[600];
	pd_db_stamp(db, now);
	if (!pd_db_begin(db, err))
		return false;
	if (!partner_exists(db, partner_id, err))
		goto fail;
	sqlite3_stmt *st;
	if (score < 0) {
		st = pd_stmt(db, "DELETE FROM fit_scores WHERE partner_id = ?1 AND criterion = ?2", err);
		if (!st)
			goto fail;
		pd_format(detail, sizeof detail, "fit %s unscored", key);
	} else {
		st = pd_stmt(db, "INSERT INTO fit_scores (partner_id, criterion, score, note, created, updated) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (partner_id, criterion) DO UPDATE SET "
			"score = excluded.score, note = excluded.note, version = version + 1, "
			"updated = excluded.updated "
			"WHERE fit_scores.score IS NOT excluded.score OR fit_scores.note IS NOT excluded.note", err);
		if (!st)
			goto fail;
		sqlite3_bind_int(st, 3, score);
		pd_bind_text_or_null(st, 4, note);
		sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
		char q[204];
		pd_format(detail, sizeof detail, "fit %s scored %d%s%s", key, score,
			pd_blank(note) ? "" : ": ", pd_blank(note) ? "" : pd_utf8_fit(q, sizeof q, note, 200));
	}
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	if (!write_one(db, st, "fit", partner_id, score < 0 ? "delete" : "update", detail, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	return true;
fail:
	pd_db_rollback(db);
	return false;
}

/* ---- goals ---- */

void pd_goals_finish(pd_goals *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++) {
		free(g->v[i].goal);
		free(g->v[i].note);
	}
	free(g->v);
	g->v = NULL;
	g->n = 0;
}

static bool fill_goal(sqlite3_stmt *st, void *row)
{
	pd_goal *g = row;
	g->goal = pd_col_str(st, 0);
	return g->goal && pd_col_copy(st, 1, &g->note);
}

bool pd_goal_list(pd_db *db, int64_t partner_id, pd_goals *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, "SELECT goal, note FROM goals WHERE partner_id = ?1 ORDER BY id", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 8, fill_goal, "reading goals", err)) {
		pd_goals_finish(out);
		return false;
	}
	return true;
}

bool pd_goal_set(pd_db *db, int64_t partner_id, const char *goal, const char *note, pd_error *err)
{
	const pd_strv *goals = &pd_db_rules(db)->goals;
	static const char *const label = "goal's note";
	if (!pd_require_utf8(&note, &label, 1, err))
		return false;
	long k = goal ? pd_strv_find(goals, goal) : -1;
	if (k < 0) {
		char list[600];
		pd_join(goals, list, sizeof list);
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not a goal; goals: %s",
			goal ? goal : "", list);
	}
	char now[PD_TIME_LEN], detail[600];
	pd_db_stamp(db, now);
	char q[204];
	pd_format(detail, sizeof detail, "goal: %s%s%s", goals->v[k], pd_blank(note) ? "" : ": ",
		pd_blank(note) ? "" : pd_utf8_fit(q, sizeof q, note, 200));
	if (!pd_db_begin(db, err))
		return false;
	if (!partner_exists(db, partner_id, err))
		goto fail;
	sqlite3_stmt *st = pd_stmt(db, "INSERT INTO goals (partner_id, goal, note, created, updated) "
		"VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (partner_id, goal) DO UPDATE SET "
		"note = excluded.note, version = version + 1, updated = excluded.updated "
		"WHERE goals.note IS NOT excluded.note", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_text(st, 2, goals->v[k], -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 3, note);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
	if (!write_one(db, st, "goal", partner_id, "update", detail, err) || !pd_db_commit(db, err))
		goto fail;
	return true;
fail:
	pd_db_rollback(db);
	return false;
}

bool pd_goal_remove(pd_db *db, int64_t partner_id, const char *goal, pd_error *err)
{
	const pd_strv *goals = &pd_db_rules(db)->goals;
	long k = goal ? pd_strv_find(goals, goal) : -1;
	const char *name = k >= 0 ? goals->v[k] : goal ? goal : "";
	char detail[400];
	pd_format(detail, sizeof detail, "goal removed: %s", name);
	if (!pd_db_begin(db, err))
		return false;
	sqlite3_stmt *st = pd_stmt(db, "DELETE FROM goals WHERE partner_id = ?1 AND goal = ?2", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	if (!write_one(db, st, "goal", partner_id, "delete", detail, err) || !pd_db_commit(db, err))
		goto fail;
	return true;
fail:
	pd_db_rollback(db);
	return false;
}
