/* Agreements for a date, engagement or marriage, with what each side
 * offers; offers are replaced as a whole with their agreement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/text.h"

static void offer_finish(pd_offer *o)
{
	free(o->side);
	free(o->item);
	free(o->note);
}

void pd_agreement_finish(pd_agreement *a)
{
	if (!a)
		return;
	free(a->stage);
	free(a->title);
	for (size_t i = 0; i < a->n_offers; i++)
		offer_finish(&a->offers[i]);
	free(a->offers);
	free(a->approved_by);
	free(a->notes);
	memset(a, 0, sizeof *a);
}

void pd_agreements_finish(pd_agreements *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->n; i++)
		pd_agreement_finish(&list->v[i]);
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

bool pd_agreement_add_offer(pd_agreement *a, const char *side, const char *item, const char *note)
{
	pd_offer *v = realloc(a->offers, (a->n_offers + 1) * sizeof *v);
	if (!v)
		return false;
	a->offers = v;
	pd_offer *o = &v[a->n_offers];
	o->side = pd_strdup(side ? side : "library");
	o->item = pd_strdup(item ? item : "");
	o->note = pd_strdup(note);
	if (!o->side || !o->item || (note && !o->note)) {
		offer_finish(o);
		return false;
	}
	a->n_offers++;
	return true;
}

bool pd_agreement_dates_agree(const pd_agreement *a, const char **field, pd_error *err)
{
	*field = NULL;
	if (a->start_date[0] && a->end_date[0] && strcmp(a->end_date, a->start_date) < 0) {
		*field = "end";
		return pd_error_set(err, PD_ERR_INVALID, "the agreement ends (%s) before it starts (%s)",
			a->end_date, a->start_date);
	}
	if (a->review_date[0] && a->end_date[0] && strcmp(a->review_date, a->end_date) > 0) {
		*field = "review";
		return pd_error_set(err, PD_ERR_INVALID, "the agreement is reviewed (%s) after it ends (%s)",
			a->review_date, a->end_date);
	}
	return true;
}

bool pd_agreement_approval_given(const pd_rules *r, const pd_agreement *a, pd_error *err)
{
	if (!pd_blank(a->approved_by) || !pd_rules_stage_needs_approval(r, a->stage))
		return true;
	const pd_stage *s = pd_rules_stage(r, a->stage);
	return pd_error_set(err, PD_ERR_INVALID, "an agreement for %s needs the name of whoever approved it, "
		"as a move to %s does", s && s->label ? s->label : a->stage, s && s->label ? s->label : a->stage);
}

/* strict: also refuse a review after the end (see pd_agreement_dates_agree)
 * and a missing approver (see pd_agreement_approval_given). */
static bool validate(pd_db *db, pd_agreement *a, bool strict, pd_error *err)
{
	const pd_rules *r = pd_db_rules(db);
	const char *const text[] = {a->title, a->approved_by, a->notes};
	static const char *const labels[] = {"agreement's title", "approver", "agreement's notes"};
	if (!pd_require_utf8(text, labels, 3, err) ||
	    !pd_require_notes_max(a->notes, "the agreement's notes are", err))
		return false;
	for (size_t i = 0; i < a->n_offers; i++) {
		const char *const offer[] = {a->offers[i].item, a->offers[i].note};
		static const char *const what[] = {"offer", "offer's note"};
		if (!pd_require_utf8(offer, what, 2, err))
			return false;
	}
	if (a->stage && *a->stage) {
		const pd_stage *s = pd_rules_stage(r, a->stage);
		if (!s)
			return pd_error_set(err, PD_ERR_INVALID, "there is no stage \"%s\"", a->stage);
		if (!pd_set_str(&a->stage, s->name))
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	const struct {
		const char *label, *value;
	} dates[] = {
		{"start", a->start_date}, {"end", a->end_date}, {"review", a->review_date},
	};
	for (size_t i = 0; i < 3; i++)
		if (dates[i].value[0] && !pd_date_valid(dates[i].value))
			return pd_error_set(err, PD_ERR_INVALID, "%s date \"%s\" is not a date (YYYY-MM-DD)",
				dates[i].label, dates[i].value);
	const char *field;
	if (!pd_agreement_dates_agree(a, &field, err) && (strict || strcmp(field, "end") == 0))
		return false;
	if (strict && !pd_agreement_approval_given(r, a, err))
		return false;
	for (size_t i = 0; i < a->n_offers; i++) {
		pd_offer *o = &a->offers[i];
		if (strcmp(o->side, "library") != 0 && strcmp(o->side, "partner") != 0)
			return pd_error_set(err, PD_ERR_INVALID, "an offer comes from \"library\" or "
				"\"partner\", not \"%s\"", o->side);
		if (pd_blank(o->item))
			return pd_error_set(err, PD_ERR_INVALID, "an offer needs to say what is offered");
		/* The library's offers use the configured words where they match. */
		if (strcmp(o->side, "library") == 0) {
			long k = pd_strv_find(&r->library_offers, o->item);
			if (k >= 0 && !pd_set_str(&o->item, r->library_offers.v[k]))
				return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
	}
	return true;
}

static bool write_offers(pd_db *db, const pd_agreement *a, const char *now, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "DELETE FROM agreement_offers WHERE agreement_id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, a->id);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "saving an agreement");
	for (size_t i = 0; i < a->n_offers; i++) {
		st = pd_stmt(db, "INSERT INTO agreement_offers (agreement_id, side, item, note, position, "
			"created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", err);
		if (!st)
			return false;
		sqlite3_bind_int64(st, 1, a->id);
		sqlite3_bind_text(st, 2, a->offers[i].side, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, a->offers[i].item, -1, SQLITE_TRANSIENT);
		pd_bind_text_or_null(st, 4, a->offers[i].note);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)i);
		sqlite3_bind_text(st, 6, now, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		pd_stmt_done(db, st);
		if (rc != SQLITE_DONE)
			return pd_db_fail(db, err, "saving an agreement");
	}
	return true;
}

static void bind_fields(sqlite3_stmt *st, const pd_agreement *a)
{
	pd_bind_text_or_null(st, 1, a->stage);
	pd_bind_text_or_null(st, 2, a->title);
	pd_bind_text_or_null(st, 3, a->start_date);
	pd_bind_text_or_null(st, 4, a->end_date);
	pd_bind_text_or_null(st, 5, a->review_date);
	pd_bind_text_or_null(st, 6, a->approved_by);
	pd_bind_text_or_null(st, 7, a->notes);
}

/* Whether the partner's newest agreement is for stage (see
 * pd_agreement_insert_first); inside the caller's transaction. */
static bool stage_taken(pd_db *db, int64_t partner_id, const char *stage, bool *taken, pd_error *err)
{
	*taken = false;
	sqlite3_stmt *st = pd_stmt(db, "SELECT stage FROM agreements WHERE partner_id = ?1 "
		"ORDER BY created DESC, id DESC LIMIT 1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *have = (const char *)sqlite3_column_text(st, 0);
		*taken = have && stage && pd_fold_cmp(have, stage) == 0;
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pd_db_fail(db, err, "reading the agreements");
	return true;
}

static bool insert(pd_db *db, pd_agreement *a, bool first, pd_error *err)
{
	if (!validate(db, a, first, err))
		return false;
	char now[PD_TIME_LEN];
	pd_db_stamp(db, now);
	if (!pd_db_begin(db, err))
		return false;
	int64_t old_id = a->id;
	bool taken = false;
	if (first && !stage_taken(db, a->partner_id, a->stage, &taken, err))
		goto fail;
	if (taken) {
		pd_error_set(err, PD_ERR_CONFLICT, "someone else recorded an agreement for this stage meanwhile");
		goto fail;
	}
	sqlite3_stmt *st = pd_stmt(db,
		"INSERT INTO agreements (id, stage, title, start_date, end_date, review_date, approved_by, "
		"notes, partner_id, version, created, updated) "
		"VALUES (" PD_NEXT_ID("agreements", "agreement") ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9)", err);
	if (!st)
		goto fail;
	bind_fields(st, a);
	sqlite3_bind_int64(st, 8, a->partner_id);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		if ((sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_FOREIGNKEY))
			pd_error_set(err, PD_ERR_NOTFOUND, "there is no partner #%lld", (long long)a->partner_id);
		else
			pd_db_fail(db, err, "adding an agreement");
		goto fail;
	}
	a->id = sqlite3_last_insert_rowid(db->h);
	char detail[400];
	pd_format(detail, sizeof detail, "agreement%s%s for partner #%lld", a->title ? ": " : "",
		a->title ? a->title : "", (long long)a->partner_id);
	if (!write_offers(db, a, now, err) ||
	    !pd_audit_write(db, "agreement", a->id, "insert", detail, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	a->version = 1;
	memcpy(a->created, now, sizeof now);
	memcpy(a->updated, now, sizeof now);
	return true;
fail:
	a->id = old_id;
	pd_db_rollback(db);
	return false;
}

bool pd_agreement_insert(pd_db *db, pd_agreement *a, pd_error *err)
{
	return insert(db, a, false, err);
}

bool pd_agreement_insert_first(pd_db *db, pd_agreement *a, pd_error *err)
{
	return insert(db, a, true, err);
}

static bool load_offers(pd_db *db, pd_agreement *a, pd_error *err);

/* Whether the stored offers are a's, in a's order. */
static bool offers_same(pd_db *db, const pd_agreement *a, bool *same, pd_error *err)
{
	pd_agreement stored = {.id = a->id};
	if (!load_offers(db, &stored, err))
		return false;
	*same = stored.n_offers == a->n_offers;
	for (size_t i = 0; *same && i < a->n_offers; i++)
		*same = pd_same_text(stored.offers[i].side, a->offers[i].side) &&
		        pd_same_text(stored.offers[i].item, a->offers[i].item) &&
		        pd_same_text(stored.offers[i].note, a->offers[i].note);
	pd_agreement_finish(&stored);
	return true;
}

/* The offers as one line: "library: space (Saturdays); partner: docents". */
static char *offers_line(const pd_agreement *a)
{
	size_t len = 1;
	for (size_t i = 0; i < a->n_offers; i++)
		len += strlen(a->offers[i].side ? a->offers[i].side : "") +
		       strlen(a->offers[i].item ? a->offers[i].item : "") +
		       strlen(a->offers[i].note ? a->offers[i].note : "") + 8;
	char *out = malloc(len);
	if (!out)
		return NULL;
	size_t n = 0;
	out[0] = 0;
	for (size_t i = 0; i < a->n_offers; i++) {
		const pd_offer *o = &a->offers[i];
		n += (size_t)snprintf(out + n, len - n, "%s%s: %s", i ? "; " : "", o->side ? o->side : "",
			o->item ? o->item : "");
		if (o->note && *o->note)
			n += (size_t)snprintf(out + n, len - n, " (%s)", o->note);
	}
	return out;
}

/* Each changed field as it was and as it became, for the audit trail. */
static void changes_of(const pd_agreement *old, const pd_agreement *a, pd_changes *c)
{
	pd_changes_add(c, "stage", old->stage, a->stage);
	pd_changes_add(c, "title", old->title, a->title);
	pd_changes_add(c, "start", old->start_date, a->start_date);
	pd_changes_add(c, "end", old->end_date, a->end_date);
	pd_changes_add(c, "review", old->review_date, a->review_date);
	pd_changes_add(c, "approved by", old->approved_by, a->approved_by);
	pd_changes_add(c, "notes", old->notes, a->notes);
	char *x = offers_line(old), *y = offers_line(a);
	if (!x || !y)
		c->nomem = true;
	else
		pd_changes_add(c, "offers", x, y);
	free(x);
	free(y);
}

bool pd_agreement_update(pd_db *db, pd_agreement *a, pd_error *err)
{
	if (!validate(db, a, true, err))
		return false;
	char now[PD_TIME_LEN], what[100];
	pd_db_stamp(db, now);
	snprintf(what, sizeof what, "agreement #%lld", (long long)a->id);
	if (!pd_db_begin(db, err))
		return false;
	/* Saving what is stored already writes nothing: a new version would
	 * make a colleague's next save a conflict over no change at all. */
	sqlite3_stmt *st = pd_stmt(db, "SELECT 1 FROM agreements WHERE id = ?9 AND version = ?10 "
		"AND stage IS ?1 AND title IS ?2 AND start_date IS ?3 AND end_date IS ?4 "
		"AND review_date IS ?5 AND approved_by IS ?6 AND notes IS ?7", err);
	if (!st)
		goto fail;
	bind_fields(st, a);
	sqlite3_bind_int64(st, 9, a->id);
	sqlite3_bind_int64(st, 10, a->version);
	bool same = sqlite3_step(st) == SQLITE_ROW;
	pd_stmt_done(db, st);
	if (same && !offers_same(db, a, &same, err))
		goto fail;
	if (same)
		return pd_db_commit(db, err);
	/* The agreement as it was: what the audit keeps of the old values. */
	pd_agreement was = {.id = a->id};
	if (!(st = pd_stmt(db, "SELECT stage, title, start_date, end_date, review_date, approved_by, notes "
		"FROM agreements WHERE id = ?1", err)))
		goto fail;
	sqlite3_bind_int64(st, 1, a->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		was.stage = pd_col_str(st, 0);
		was.title = pd_col_str(st, 1);
		pd_col_buf(st, 2, was.start_date, sizeof was.start_date);
		pd_col_buf(st, 3, was.end_date, sizeof was.end_date);
		pd_col_buf(st, 4, was.review_date, sizeof was.review_date);
		was.approved_by = pd_col_str(st, 5);
		was.notes = pd_col_str(st, 6);
	}
	pd_stmt_done(db, st);
	if (!load_offers(db, &was, err)) {
		pd_agreement_finish(&was);
		goto fail;
	}
	st = pd_stmt(db,
		"UPDATE agreements SET stage = ?1, title = ?2, start_date = ?3, end_date = ?4, "
		"review_date = ?5, approved_by = ?6, notes = ?7, version = version + 1, updated = ?8 "
		"WHERE id = ?9 AND version = ?10", err);
	if (!st) {
		pd_agreement_finish(&was);
		goto fail;
	}
	bind_fields(st, a);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, a->id);
	sqlite3_bind_int64(st, 10, a->version);
	if (!pd_step_versioned(db, st, "saving an agreement", "agreement", a->id, what, err)) {
		pd_agreement_finish(&was);
		goto fail;
	}
	char detail[400];
	pd_format(detail, sizeof detail, "saved agreement%s%s", a->title ? ": " : "", a->title ? a->title : "");
	pd_changes changes = {0};
	changes_of(&was, a, &changes);
	pd_agreement_finish(&was);
	bool ok = write_offers(db, a, now, err) &&
	          pd_audit_write_changes(db, "agreement", a->id, 0, "update", detail, &changes, err);
	pd_changes_finish(&changes);
	if (!ok || !pd_db_commit(db, err))
		goto fail;
	a->version++;
	memcpy(a->updated, now, sizeof now);
	return true;
fail:
	pd_db_rollback(db);
	return false;
}

static bool load_offers(pd_db *db, pd_agreement *a, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT side, item, note FROM agreement_offers "
		"WHERE agreement_id = ?1 ORDER BY position, id", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, a->id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!pd_agreement_add_offer(a, (const char *)sqlite3_column_text(st, 0),
		                            (const char *)sqlite3_column_text(st, 1),
		                            (const char *)sqlite3_column_text(st, 2))) {
			pd_stmt_done(db, st);
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "reading an agreement");
	return true;
}

static bool fill_agreement(sqlite3_stmt *st, void *row)
{
	pd_agreement *a = row;
	a->id = sqlite3_column_int64(st, 0);
	a->partner_id = sqlite3_column_int64(st, 1);
	pd_col_buf(st, 4, a->start_date, sizeof a->start_date);
	pd_col_buf(st, 5, a->end_date, sizeof a->end_date);
	pd_col_buf(st, 6, a->review_date, sizeof a->review_date);
	a->version = sqlite3_column_int64(st, 9);
	pd_col_buf(st, 10, a->created, sizeof a->created);
	pd_col_buf(st, 11, a->updated, sizeof a->updated);
	return pd_col_copy(st, 2, &a->stage) && pd_col_copy(st, 3, &a->title) &&
	       pd_col_copy(st, 7, &a->approved_by) && pd_col_copy(st, 8, &a->notes);
}

bool pd_agreement_list(pd_db *db, int64_t partner_id, pd_agreements *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db,
		"SELECT id, partner_id, stage, title, start_date, end_date, review_date, approved_by, "
		"notes, version, created, updated FROM agreements WHERE partner_id = ?1 "
		"ORDER BY created DESC, id DESC", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 4, fill_agreement,
	                  "reading agreements", err)) {
		pd_agreements_finish(out);
		return false;
	}
	for (size_t i = 0; i < out->n; i++) {
		if (!load_offers(db, &out->v[i], err)) {
			pd_agreements_finish(out);
			return false;
		}
	}
	return true;
}
