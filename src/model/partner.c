/* Partners: insert, read, version-checked update and delete, resolving
 * what a person typed, and the filtered, sorted, windowed list. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/guess.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

pd_partner *pd_partner_create(void)
{
	return calloc(1, sizeof(pd_partner));
}

void pd_partner_destroy(pd_partner *p)
{
	if (!p)
		return;
	free(p->name);
	free(p->kind);
	free(p->scale);
	free(p->stage);
	free(p->mission);
	free(p->position);
	free(p->directions);
	free(p->website);
	free(p->phone);
	free(p->email);
	free(p->address);
	free(p->owner);
	free(p->notes);
	pd_strv_clear(&p->tags);
	pd_strv_clear(&p->audiences);
	pd_strv_clear(&p->branches);
	free(p);
}

/* ---- the three value lists ---- */

static const struct {
	const char *load, *clear, *add;
} lists[] = {
	{"SELECT value FROM partner_tags WHERE partner_id = ?1 ORDER BY value_fold",
	 "DELETE FROM partner_tags WHERE partner_id = ?1",
	 "INSERT OR IGNORE INTO partner_tags (partner_id, value, value_fold, created, updated) "
	 "VALUES (?1, ?2, ?3, ?4, ?4)"},
	{"SELECT value FROM partner_audiences WHERE partner_id = ?1 ORDER BY value_fold",
	 "DELETE FROM partner_audiences WHERE partner_id = ?1",
	 "INSERT OR IGNORE INTO partner_audiences (partner_id, value, value_fold, created, updated) "
	 "VALUES (?1, ?2, ?3, ?4, ?4)"},
	{"SELECT value FROM partner_branches WHERE partner_id = ?1 ORDER BY value_fold",
	 "DELETE FROM partner_branches WHERE partner_id = ?1",
	 "INSERT OR IGNORE INTO partner_branches (partner_id, value, value_fold, created, updated) "
	 "VALUES (?1, ?2, ?3, ?4, ?4)"},
};

static pd_strv *list_of(pd_partner *p, size_t i)
{
	return i == 0 ? &p->tags : i == 1 ? &p->audiences : &p->branches;
}

static bool step_done(pd_db *db, sqlite3_stmt *st, const char *doing, pd_error *err)
{
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return pd_db_fail(db, err, doing);
	return true;
}

static bool write_lists(pd_db *db, pd_partner *p, bool clear, const char *now, pd_error *err)
{
	for (size_t l = 0; l < 3; l++) {
		sqlite3_stmt *st;
		if (clear) {
			if (!(st = pd_stmt(db, lists[l].clear, err)))
				return false;
			sqlite3_bind_int64(st, 1, p->id);
			if (!step_done(db, st, "saving the partner's lists", err))
				return false;
		}
		pd_strv *sv = list_of(p, l);
		for (size_t i = 0; i < sv->n; i++) {
			char *v = strdup(sv->v[i] ? sv->v[i] : "");
			if (!v)
				return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			pd_trim(v);
			char *key = *v ? pd_name_key(v) : NULL;
			if (*v && !key) {
				free(v);
				return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			}
			bool ok = true;
			if (*v) {
				if (!(st = pd_stmt(db, lists[l].add, err))) {
					ok = false;
				} else {
					sqlite3_bind_int64(st, 1, p->id);
					sqlite3_bind_text(st, 2, v, -1, SQLITE_TRANSIENT);
					sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
					sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
					ok = step_done(db, st, "saving the partner's lists", err);
				}
			}
			free(v);
			free(key);
			if (!ok)
				return false;
		}
	}
	return true;
}

static bool load_lists(pd_db *db, pd_partner *p, pd_error *err)
{
	for (size_t l = 0; l < 3; l++) {
		sqlite3_stmt *st = pd_stmt(db, lists[l].load, err);
		if (!st)
			return false;
		sqlite3_bind_int64(st, 1, p->id);
		pd_strv *sv = list_of(p, l);
		pd_strv_clear(sv);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (!pd_strv_push(sv, (const char *)sqlite3_column_text(st, 0))) {
				pd_stmt_done(db, st);
				return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			}
		}
		pd_stmt_done(db, st);
		if (rc != SQLITE_DONE)
			return pd_db_fail(db, err, "reading a partner");
	}
	return true;
}

/* ---- validation ---- */

static bool validate(pd_db *db, pd_partner *p, pd_error *err)
{
	if (pd_blank(p->name))
		return pd_error_set(err, PD_ERR_INVALID, "a partner needs a name");
	pd_trim(p->name);
	const char *const text[] = {p->name, p->kind, p->scale, p->mission, p->position, p->directions,
		p->website, p->phone, p->email, p->address, p->owner, p->notes};
	static const char *const labels[] = {"name", "kind", "scale", "mission", "position",
		"strategic directions", "website", "phone", "email", "address", "owner", "notes"};
	_Static_assert(sizeof text / sizeof *text == sizeof labels / sizeof *labels, "one label each");
	if (!pd_require_utf8(text, labels, sizeof labels / sizeof *labels, err) ||
	    !pd_require_utf8_list(&p->tags, "tag", err) ||
	    !pd_require_utf8_list(&p->audiences, "audience", err) ||
	    !pd_require_utf8_list(&p->branches, "branch", err) ||
	    !pd_require_notes_max(p->notes, "the partner's notes are", err))
		return false;
	if (p->scale && *p->scale) {
		pd_trim(p->scale);
		for (char *c = p->scale; *c; c++)
			*c = (char)pd_ascii_tolower(*c);
		if (strcmp(p->scale, "macro") != 0 && strcmp(p->scale, "micro") != 0)
			return pd_error_set(err, PD_ERR_INVALID,
				"scale \"%s\" is not macro or micro", p->scale);
	}
	if (p->fiscal_month < 0 || p->fiscal_month > 12)
		return pd_error_set(err, PD_ERR_INVALID,
			"fiscal month %d is not 1-12 (or 0 for unknown)", p->fiscal_month);
	if (p->review_date[0] && !pd_date_valid(p->review_date))
		return pd_error_set(err, PD_ERR_INVALID,
			"review date \"%s\" is not a date (YYYY-MM-DD)", p->review_date);
	(void)db;
	return true;
}

static bool bind_fields(sqlite3_stmt *st, const pd_partner *p, const char *key)
{
	pd_bind_text(st, 1, p->name);
	pd_bind_text(st, 2, key);
	pd_bind_text_or_null(st, 3, p->kind);
	pd_bind_text_or_null(st, 4, p->scale);
	pd_bind_text_or_null(st, 5, p->mission);
	pd_bind_text_or_null(st, 6, p->position);
	pd_bind_text_or_null(st, 7, p->directions);
	sqlite3_bind_int(st, 8, p->fiscal_month);
	pd_bind_text_or_null(st, 9, p->website);
	pd_bind_text_or_null(st, 10, p->phone);
	pd_bind_text_or_null(st, 11, p->email);
	pd_bind_text_or_null(st, 12, p->address);
	pd_bind_text_or_null(st, 13, p->owner);
	pd_bind_text_or_null(st, 14, p->notes);
	pd_bind_text_or_null(st, 15, p->review_date);
	return true;
}

/* ---- insert ---- */

/* A new partner's id: past every id a partner ever had (PD_NEXT_ID). */
#define NEXT_PARTNER_ID PD_NEXT_ID("partners", "partner")

/* gated: a partner a person enters now, held to the approval a move into
 * its stage needs; an import brings in a record that already got there.
 * kept: a backup's partner, which the desk held as it is, so a name from
 * before the length limit comes back rather than failing the restore. */
static bool insert(pd_db *db, pd_partner *p, bool gated, bool kept, const char *approved_by,
                   pd_error *err)
{
	if (!validate(db, p, err) || (!kept && !pd_require_name_fits(p->name, NULL, "partner's", err)))
		return false;
	const pd_rules *r = pd_db_rules(db);
	const pd_stage *stage;
	if (pd_blank(p->stage)) {
		if (r->n_stages == 0)
			return pd_error_set(err, PD_ERR_INVALID, "no stages are configured");
		stage = &r->stages[0];
	} else if (!(stage = pd_rules_stage(r, p->stage))) {
		return pd_error_set(err, PD_ERR_INVALID, "there is no stage \"%s\"", p->stage);
	}
	if (pd_blank(approved_by))
		approved_by = NULL;
	/* The first stage is where every partner starts (DESIGN.md): a rule
	 * into it (renewed contact) is about coming back, not starting. */
	if (gated && !approved_by && stage != &r->stages[0] &&
	    pd_rules_stage_needs_approval(r, stage->name))
		return pd_error_set(err, PD_ERR_REFUSED, "adding a partner at %s needs an approval "
		                    "(who approved it?), as moving there does", stage->name);
	if (approved_by) {
		const char *const text[] = {approved_by};
		static const char *const labels[] = {"approver"};
		if (!pd_require_utf8(text, labels, 1, err))
			return false;
	}
	char now[PD_TIME_LEN], review[PD_DATE_LEN];
	pd_db_stamp(db, now);
	snprintf(review, sizeof review, "%s", p->review_date);
	if (!review[0] && stage->review_days > 0) {
		char today[PD_DATE_LEN];
		pd_db_today(db, today);
		pd_date_add_days(today, stage->review_days, review);
	}
	char *key = pd_name_key(p->name);
	if (!key)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	if (!pd_db_begin(db, err)) {
		free(key);
		return false;
	}
	sqlite3_stmt *st = pd_stmt(db,
		"INSERT INTO partners (id, name, name_fold, sort_key, kind, scale, mission, position, directions, "
		"fiscal_month, website, phone, email, address, owner, notes, review_date, stage, "
		"website_key, email_key, loose_key, version, created, updated, uid) "
		"VALUES (" NEXT_PARTNER_ID ", ?1, ?2, pd_sort_key(?1), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
		"pd_likely_domain(?9, 0), pd_likely_domain(?11, 1), pd_loose_key(?1), 1, ?17, ?17, CASE WHEN ?18 IS NULL OR EXISTS (SELECT 1 FROM partners WHERE uid = ?18) "
		"THEN lower(hex(randomblob(16))) ELSE ?18 END)",
		err);
	if (!st)
		goto fail;
	bind_fields(st, p, key);
	pd_bind_text_or_null(st, 15, review);
	sqlite3_bind_text(st, 16, stage->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 17, now, -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 18, p->uid);
	if (!step_done(db, st, "adding a partner", err))
		goto fail;
	int64_t id = sqlite3_last_insert_rowid(db->h);
	int64_t old_id = p->id;
	p->id = id;
	char detail[512];
	pd_format(detail, sizeof detail, "added %s (%s)", p->name, stage->name);
	if (!write_lists(db, p, false, now, err) ||
	    !pd_history_write(db, id, NULL, stage->name, NULL, review, approved_by, err) ||
	    !pd_audit_write(db, "partner", id, "insert", detail, err) ||
	    !pd_search_refresh(db, id, err) ||
	    !pd_db_commit(db, err)) {
		p->id = old_id;
		goto fail;
	}
	free(key);
	if (!pd_set_str(&p->stage, stage->name))
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	snprintf(p->review_date, sizeof p->review_date, "%s", review);
	p->version = 1;
	memcpy(p->created, now, sizeof now);
	memcpy(p->updated, now, sizeof now);
	return true;
fail:
	pd_db_rollback(db);
	free(key);
	return false;
}

bool pd_partner_insert(pd_db *db, pd_partner *p, pd_error *err)
{
	return insert(db, p, false, false, NULL, err);
}

bool pd_partner_insert_kept(pd_db *db, pd_partner *p, pd_error *err)
{
	return insert(db, p, false, true, NULL, err);
}

bool pd_partner_add(pd_db *db, pd_partner *p, const char *approved_by, pd_error *err)
{
	return insert(db, p, true, false, approved_by, err);
}

/* ---- read ---- */

#define PARTNER_COLUMNS \
	"id, name, kind, scale, stage, mission, position, directions, fiscal_month, " \
	"website, phone, email, address, owner, notes, review_date, version, created, updated, uid"

static bool read_row(sqlite3_stmt *st, pd_partner *p)
{
	p->id = sqlite3_column_int64(st, 0);
	char **fields[] = {&p->name, &p->kind, &p->scale, &p->stage, &p->mission, &p->position,
		&p->directions};
	for (int i = 0; i < 7; i++)
		if (!pd_col_copy(st, i + 1, fields[i]))
			return false;
	p->fiscal_month = sqlite3_column_int(st, 8);
	char **more[] = {&p->website, &p->phone, &p->email, &p->address, &p->owner, &p->notes};
	for (int i = 0; i < 6; i++)
		if (!pd_col_copy(st, i + 9, more[i]))
			return false;
	pd_col_buf(st, 15, p->review_date, sizeof p->review_date);
	p->version = sqlite3_column_int64(st, 16);
	pd_col_buf(st, 17, p->created, sizeof p->created);
	pd_col_buf(st, 18, p->updated, sizeof p->updated);
	pd_col_buf(st, 19, p->uid, sizeof p->uid);
	return true;
}

pd_partner *pd_partner_get(pd_db *db, int64_t id, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT " PARTNER_COLUMNS " FROM partners WHERE id = ?1", err);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		pd_stmt_done(db, st);
		pd_error_set(err, PD_ERR_NOTFOUND, "there is no partner #%lld", (long long)id);
		return NULL;
	}
	if (rc != SQLITE_ROW) {
		pd_db_fail(db, err, "reading a partner");
		pd_stmt_done(db, st);
		return NULL;
	}
	pd_partner *p = pd_partner_create();
	if (!p || !read_row(st, p)) {
		pd_stmt_done(db, st);
		pd_partner_destroy(p);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	pd_stmt_done(db, st);
	if (!load_lists(db, p, err)) {
		pd_partner_destroy(p);
		return NULL;
	}
	return p;
}

/* ---- update and delete ---- */

/* A copy holding what write_lists would store: trimmed, no empty values. */
static bool stored_list(pd_strv *out, const pd_strv *in)
{
	for (size_t i = 0; i < in->n; i++) {
		char *v = strdup(in->v[i] ? in->v[i] : "");
		if (!v)
			return false;
		pd_trim(v);
		if (!*v) {
			free(v);
			continue;
		}
		bool ok = pd_strv_push(out, v);
		free(v);
		if (!ok)
			return false;
	}
	return true;
}

static bool lists_differ(const pd_strv *a, const pd_strv *b)
{
	pd_strv x = {0}, y = {0};
	bool diff = true;
	if (stored_list(&x, a) && stored_list(&y, b)) {
		pd_strv_sort_unique(&x);
		pd_strv_sort_unique(&y);
		diff = x.n != y.n;
		for (size_t i = 0; !diff && i < x.n; i++)
			diff = strcmp(x.v[i], y.v[i]) != 0;
	}
	pd_strv_clear(&x);
	pd_strv_clear(&y);
	return diff;
}

/* "changed phone, email" for the audit trail; false when nothing changed. */
static bool change_summary(const pd_partner *old, const pd_partner *p, char *out, size_t size)
{
	const struct {
		const char *name;
		bool changed;
	} f[] = {
		{"name", !pd_same_text(old->name, p->name)},
		{"kind", !pd_same_text(old->kind, p->kind)},
		{"scale", !pd_same_text(old->scale, p->scale)},
		{"mission", !pd_same_text(old->mission, p->mission)},
		{"position", !pd_same_text(old->position, p->position)},
		{"directions", !pd_same_text(old->directions, p->directions)},
		{"fiscal month", old->fiscal_month != p->fiscal_month},
		{"website", !pd_same_text(old->website, p->website)},
		{"phone", !pd_same_text(old->phone, p->phone)},
		{"email", !pd_same_text(old->email, p->email)},
		{"address", !pd_same_text(old->address, p->address)},
		{"owner", !pd_same_text(old->owner, p->owner)},
		{"notes", !pd_same_text(old->notes, p->notes)},
		{"review date", !pd_same_text(old->review_date, p->review_date)},
		{"tags", lists_differ(&old->tags, &p->tags)},
		{"audiences", lists_differ(&old->audiences, &p->audiences)},
		{"branches", lists_differ(&old->branches, &p->branches)},
	};
	size_t n = (size_t)snprintf(out, size, "%s:", p->name);
	bool any = false;
	for (size_t i = 0; i < sizeof f / sizeof *f && n < size; i++) {
		if (!f[i].changed)
			continue;
		n += (size_t)snprintf(out + n, size - n, "%s %s", any ? "," : " changed", f[i].name);
		any = true;
	}
	return any;
}

/* Each changed field as it was and as it became, for the audit trail. */
static void changes_of(const pd_partner *old, const pd_partner *p, pd_changes *c)
{
	const struct {
		const char *name, *a, *b;
	} f[] = {
		{"name", old->name, p->name},
		{"kind", old->kind, p->kind},
		{"scale", old->scale, p->scale},
		{"mission", old->mission, p->mission},
		{"position", old->position, p->position},
		{"directions", old->directions, p->directions},
		{"website", old->website, p->website},
		{"phone", old->phone, p->phone},
		{"email", old->email, p->email},
		{"address", old->address, p->address},
		{"owner", old->owner, p->owner},
		{"notes", old->notes, p->notes},
		{"review date", old->review_date, p->review_date},
	};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		pd_changes_add(c, f[i].name, f[i].a, f[i].b);
	char a[8] = "", b[8] = "";
	if (old->fiscal_month)
		snprintf(a, sizeof a, "%d", old->fiscal_month);
	if (p->fiscal_month)
		snprintf(b, sizeof b, "%d", p->fiscal_month);
	pd_changes_add(c, "fiscal month", a, b);
	pd_changes_add_list(c, "tags", &old->tags, &p->tags);
	pd_changes_add_list(c, "audiences", &old->audiences, &p->audiences);
	pd_changes_add_list(c, "branches", &old->branches, &p->branches);
}

static void partner_what(pd_partner *p, char *out, size_t size)
{
	pd_format(out, size, "partner #%lld (%s)", (long long)p->id, p->name ? p->name : "");
}

const pd_stage *pd_partner_review_refused(const pd_rules *r, const char *stage, const char *stored,
	const char *review)
{
	const pd_stage *at = stage ? pd_rules_stage(r, stage) : NULL;
	if (!at || !at->closed || !review || !review[0] || pd_same_text(stored, review))
		return NULL;
	return at;
}

bool pd_partner_update(pd_db *db, pd_partner *p, pd_error *err)
{
	if (!validate(db, p, err))
		return false;
	char *key = pd_name_key(p->name);
	if (!key)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	char now[PD_TIME_LEN], what[300];
	pd_db_stamp(db, now);
	partner_what(p, what, sizeof what);
	pd_partner *old = NULL;
	pd_changes changes = {0};
	if (!pd_db_begin(db, err)) {
		free(key);
		return false;
	}
	pd_error e2;
	if (!(old = pd_partner_get(db, p->id, &e2))) {
		if (e2.code == PD_ERR_NOTFOUND)
			pd_conflict(db, err, "partner", p->id, what);
		else if (err)
			*err = e2;
		goto fail;
	}
	if (!pd_require_name_fits(p->name, old->name, "partner's", err))
		goto fail;
	/* A review date at an end state is on no agenda and in no report: a
	 * new one is refused (edit --review and the partner form alike), as a
	 * move to a stage with no review period refuses one. One kept from
	 * before, unchanged, does not hold up the rest of an edit. Nor does
	 * one an edit read before a move to the end state dropped it: "new"
	 * only against the version the edit read, so a stale edit is the
	 * conflict below, which its caller merges, not a refusal of a date
	 * nobody typed. */
	const pd_stage *at = old->version != p->version ? NULL
		: pd_partner_review_refused(pd_db_rules(db), old->stage, old->review_date, p->review_date);
	if (at) {
		pd_error_set(err, PD_ERR_REFUSED, "%s has no review period, so a partner there keeps no "
		             "review date", at->label ? at->label : at->name);
		goto fail;
	}
	char detail[512];
	if (!change_summary(old, p, detail, sizeof detail)) {
		/* Nothing to write: a new version would make a colleague's next
		 * save a conflict although nobody changed anything. */
		if (old->version != p->version) {
			pd_conflict(db, err, "partner", p->id, what);
			goto fail;
		}
		bool ok = pd_db_commit(db, err);   /* rolls back itself when it fails */
		pd_partner_destroy(old);
		free(key);
		return ok;
	}
	sqlite3_stmt *st = pd_stmt(db,
		"UPDATE partners SET name = ?1, name_fold = ?2, sort_key = pd_sort_key(?1), kind = ?3, scale = ?4, mission = ?5, "
		"position = ?6, directions = ?7, fiscal_month = ?8, website = ?9, phone = ?10, "
		"email = ?11, address = ?12, owner = ?13, notes = ?14, review_date = ?15, "
		"website_key = pd_likely_domain(?9, 0), email_key = pd_likely_domain(?11, 1), "
		"loose_key = pd_loose_key(?1), version = version + 1, updated = ?16 WHERE id = ?17 AND version = ?18", err);
	if (!st)
		goto fail;
	bind_fields(st, p, key);
	sqlite3_bind_text(st, 16, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 17, p->id);
	sqlite3_bind_int64(st, 18, p->version);
	if (!step_done(db, st, "saving a partner", err))
		goto fail;
	if (sqlite3_changes(db->h) == 0) {
		pd_conflict(db, err, "partner", p->id, what);
		goto fail;
	}
	changes_of(old, p, &changes);
	if (!write_lists(db, p, true, now, err) ||
	    !pd_audit_write_changes(db, "partner", p->id, p->id, "update", detail, &changes, err) ||
	    !pd_search_refresh(db, p->id, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	pd_changes_finish(&changes);
	pd_partner_destroy(old);
	free(key);
	p->version++;
	memcpy(p->updated, now, sizeof now);
	return true;
fail:
	pd_db_rollback(db);
	pd_changes_finish(&changes);
	pd_partner_destroy(old);
	free(key);
	return false;
}

bool pd_partner_delete(pd_db *db, int64_t id, int64_t version, pd_error *err)
{
	if (!pd_db_begin(db, err))
		return false;
	pd_error e2;
	pd_partner *old = pd_partner_get(db, id, &e2);
	char what[300];
	if (!old) {
		if (e2.code == PD_ERR_NOTFOUND) {
			snprintf(what, sizeof what, "partner #%lld", (long long)id);
			pd_conflict(db, err, "partner", id, what);
			/* Never existed at all: say so plainly. */
			if (err && strstr(err->msg, "someone else"))
				pd_error_set(err, PD_ERR_NOTFOUND, "there is no partner #%lld", (long long)id);
		} else if (err) {
			*err = e2;
		}
		goto fail;
	}
	partner_what(old, what, sizeof what);
	sqlite3_stmt *st = pd_stmt(db, "DELETE FROM partners WHERE id = ?1 AND version = ?2", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, version);
	if (!step_done(db, st, "deleting a partner", err))
		goto fail;
	if (sqlite3_changes(db->h) == 0) {
		pd_conflict(db, err, "partner", id, what);
		goto fail;
	}
	char detail[512];
	pd_format(detail, sizeof detail, "deleted %s (%s)", old->name, old->stage ? old->stage : "");
	if (!pd_search_remove(db, id, err) ||
	    !pd_audit_write(db, "partner", id, "delete", detail, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	pd_partner_destroy(old);
	return true;
fail:
	pd_db_rollback(db);
	pd_partner_destroy(old);
	return false;
}

/* Denormalised activity columns: derived from interactions, so they change
 * without bumping the partner's version (logging a call must not make
 * someone's open edit of the partner a conflict). */
bool pd_partner_refresh_activity(pd_db *db, int64_t partner_id, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db,
		"UPDATE partners SET "
		"last_contact = (SELECT max(at) FROM interactions WHERE partner_id = ?1), "
		"next_follow_up = (SELECT min(follow_up) FROM interactions "
		"  WHERE partner_id = ?1 AND done = 0 AND follow_up IS NOT NULL) "
		"WHERE id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	return step_done(db, st, "updating the partner's activity", err);
}

/* ---- resolve ---- */

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

long pd_partner_count(pd_db *db, pd_error *err)
{
	return pd_count(db, "SELECT count(*) FROM partners", "counting partners", err);
}

static bool exists(pd_db *db, int64_t id, bool *out, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT 1 FROM partners WHERE id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pd_db_fail(db, err, "finding a partner");
	*out = rc == SQLITE_ROW;
	return true;
}

/* Runs a name query (?1 the key, ?2 the upper bound); on one match returns
 * its id, on several fills err with the candidates. */
static int64_t match_names(pd_db *db, const char *sql, const char *key, const char *text,
	bool *several, pd_error *err)
{
	*several = false;
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	if (!st)
		return -1;
	size_t klen = strlen(key);
	char *hi = malloc(klen + 2);
	if (!hi) {
		pd_stmt_done(db, st);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return -1;
	}
	/* Every string with this prefix sorts below prefix + 0xFF, a byte
	 * that never occurs in UTF-8. */
	memcpy(hi, key, klen);
	hi[klen] = (char)0xFF;
	hi[klen + 1] = '\0';
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hi, (int)klen + 1, SQLITE_TRANSIENT);
	free(hi);
	char list[PD_ERROR_MSG_MAX] = "";
	size_t used = 0, n = 0;
	int64_t first = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (n == 0)
			first = id;
		if (n < 10 && used < sizeof list) {
			/* The list's newlines are layout; a name's own must not be. */
			char *name = pd_text_one_line((const char *)sqlite3_column_text(st, 1));
			used += (size_t)snprintf(list + used, sizeof list - used, "\n  #%lld %s",
				(long long)id, name ? name : "");
			free(name);
		}
		n++;
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, "finding a partner");
		return -1;
	}
	if (n == 1)
		return first;
	if (n > 1) {
		*several = true;
		pd_error_set(err, PD_ERR_AMBIGUOUS, "\"%s\" matches %s%zu partners; say which:%s%s",
			text, n > 10 ? "more than " : "", n > 10 ? (size_t)10 : n, list,
			n > 10 ? "\n  ..." : "");
	}
	return 0;
}

/* The most names a near miss is answered with; more as near are counted. */
#define GUESSES_SAID 5

/* The most partners a person's name is answered with. */
#define PEOPLE_SAID 4

/* s cut on a character's edge to at most max bytes, "..." marking a cut
 * (NULL: out of memory). */
static char *fit_copy(const char *s, size_t max)
{
	char *out = malloc(max + 4);
	return out ? pd_utf8_fit(out, max + 4, s, max) : NULL;
}

/* A person's name given where a partner's goes: the caller gave theirs
 * ("priya", "Priya Raman", "raman"), so where each such person works,
 * one a line onto *list, each line's names cut to line_max bytes
 * together (the #id, which names the partner, is kept); how many
 * (PEOPLE_SAID + 1 for "more"). A word of the name from its start; said,
 * never acted on, as a person may work at two partners and a command as
 * delete must not guess. 0 when nobody is called that, or the read
 * failed (the plain answer then). */
static size_t people_called(pd_db *db, const char *t, size_t line_max, pd_strbuf *list)
{
	char *key = pd_name_key(t);
	if (!key || !key[0]) {
		free(key);
		return 0;
	}
	sqlite3_stmt *st = pd_stmt(db,
		"SELECT c.name, p.id, p.name FROM contacts c JOIN partners p ON p.id = c.partner_id "
		"WHERE instr(' ' || c.name_fold, ' ' || ?1) > 0 "
		"ORDER BY c.name_fold <> ?1, c.name_fold, p.name_fold, p.id LIMIT ?2", NULL);
	if (!st) {
		free(key);
		return 0;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, PEOPLE_SAID + 1);
	/* Grown, not a fixed buffer: four long names in another script
	 * overran one, cut inside a character. pd_error_set cuts the whole
	 * on a character's edge, marked "...". */
	size_t n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == PEOPLE_SAID)
			break;
		/* The list's newlines are layout; a name's own must not be. */
		char *who_line = pd_text_one_line((const char *)sqlite3_column_text(st, 0));
		char *at_line = pd_text_one_line((const char *)sqlite3_column_text(st, 2));
		char id[32];
		snprintf(id, sizeof id, ", at #%lld ", (long long)sqlite3_column_int64(st, 1));
		/* Four people at partners of 90 CJK characters filled the
		 * message (1,024 bytes) and cut the near names and the last
		 * line away: the person's name gets a third of the line, the
		 * partner's the rest, its #id said whole. */
		char *who = who_line ? fit_copy(who_line, line_max / 3) : NULL;
		size_t left = line_max - strlen(who ? who : "?");
		char *at = at_line ? fit_copy(at_line, left > 16 ? left : 16) : NULL;
		pd_strbuf_puts(list, "\n  ");
		pd_strbuf_puts(list, who ? who : "?");
		pd_strbuf_puts(list, id);
		pd_strbuf_puts(list, at ? at : "?");
		free(who_line);
		free(at_line);
		free(who);
		free(at);
	}
	pd_stmt_done(db, st);
	free(key);
	return list->failed ? 0 : n;
}

/* The partners nearest what was typed, quoted, onto *names ("a", "b" or
 * "c"); *more as near left unsaid. False when none is near. */
static bool near_names(pd_db *db, const char *t, pd_strbuf *names, size_t *more)
{
	pd_strv near = {0};
	pd_error guess_err = {0};
	*more = 0;
	if (!pd_guess_partners(db, t, GUESSES_SAID, &near, more, &guess_err) || !near.n) {
		pd_strv_clear(&near);
		return false;
	}
	/* Grown, as the people's list: two long names in another script
	 * overran a fixed half of the message, cut inside a character. */
	pd_strbuf_quoted(names, &near, !*more);
	pd_strv_clear(&near);
	return !names->failed;
}

/* "no partner is called": where a contact person of that name works (the
 * caller gave their own), and the names nearest to what was typed, a near
 * miss ("harbr"), else the search to try. Both when both: "franklin" is
 * Rosalind Franklin, and as likely Benjamin Franklin High School, which a
 * person alone hid. Said, never acted on: the command is typed again
 * with the name meant. */
static void not_found(pd_db *db, const char *typed, pd_error *err)
{
	pd_strbuf people = {0}, names = {0};
	size_t more = 0;
	bool near = near_names(db, typed, &names, &more);
	/* What was typed is quoted on the message's first line: a newline
	 * pasted into it ("priya<newline>raman", which finds her) must not
	 * break the lines that follow it. */
	char *one = pd_text_one_line(typed);
	const char *t = one ? one : typed;
	char also[48] = "";
	if (near && more)
		snprintf(also, sizeof also, ", or %zu more as near", more);
	static const char people_said[] = "no partner is called \"%s\", but %s:%s%s%s%s%s%s\n"
		"name the partner, or its #id";
	/* The people's lines get what the rest of the message leaves. */
	int rest = snprintf(NULL, 0, people_said, t, "contact people are", "", "\n  ...",
		near ? "\nor did you mean " : "", near ? names.p : "", also, near ? "?" : "");
	size_t room = rest >= 0 && (size_t)rest < PD_ERROR_MSG_MAX ? PD_ERROR_MSG_MAX - 1 - (size_t)rest : 0;
	size_t line_max = room / PEOPLE_SAID > 3 + 32 ? room / PEOPLE_SAID - 3 - 32 : 0;
	size_t n_people = people_called(db, typed, line_max > 48 ? line_max : 48, &people);
	if (n_people)
		pd_error_set(err, PD_ERR_NOTFOUND, people_said, t,
			n_people == 1 ? "a contact person is" : "contact people are", people.p,
			n_people > PEOPLE_SAID ? "\n  ..." : "", near ? "\nor did you mean " : "",
			near ? names.p : "", also, near ? "?" : "");
	else if (near)
		pd_error_set(err, PD_ERR_NOTFOUND, "no partner is called \"%s\"; did you mean %s%s?", t,
			names.p, also);
	else if (names.failed)
		pd_error_set(err, PD_ERR_NOTFOUND, "no partner is called \"%s\"", t);
	else {
		/* Quoted for sh, so that the suggestion can be copied as it
		 * is; a line break as a space, which the search takes the
		 * same, so that the suggestion is one line too. */
		char *flat = pd_text_spaced(strdup(typed));
		char *word = flat ? pd_shell_word(flat) : NULL;
		pd_error_set(err, PD_ERR_NOTFOUND, "no partner is called \"%s\" "
			"(try `partnerdesk list --search %s`)", t, word ? word : t);
		free(word);
		free(flat);
	}
	free(one);
	free(people.p);
	free(names.p);
}

int64_t pd_partner_resolve(pd_db *db, const char *text, pd_error *err)
{
	if (pd_blank(text)) {
		pd_error_set(err, PD_ERR_INVALID, "no partner given");
		return 0;
	}
	char *t = strdup(text);
	if (!t) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return 0;
	}
	pd_trim(t);
	const char *num = t[0] == '#' ? t + 1 : t;
	if (all_digits(num) && strlen(num) < 19) {
		int64_t id = strtoll(num, NULL, 10);
		bool found = false;
		if (!exists(db, id, &found, err)) {
			free(t);
			return 0;
		}
		/* A bare number that is one partner's id and another's whole
		 * name ("1901") is ambiguous; a prefix of names is not (a whole
		 * match wins over a prefix, as among names). */
		int64_t same[2];
		size_t n_same = found && t[0] != '#' ? pd_partner_find_same_name(db, t, same, 2, err) : 0;
		int64_t named = n_same && same[0] == id ? (n_same > 1 ? same[1] : 0) : n_same ? same[0] : 0;
		if (found && named) {
			char by_id[200], by_name[200];
			if (pd_partner_name(db, id, by_id, sizeof by_id, err) &&
			    pd_partner_name(db, named, by_name, sizeof by_name, err))
				pd_error_set(err, PD_ERR_AMBIGUOUS, "\"%s\" is the id of one partner and the name "
					"of another; say which:\n  #%lld %s\n  #%lld %s", t, (long long)id, by_id,
					(long long)named, by_name);
			free(t);
			return 0;
		}
		if (found) {
			free(t);
			return id;
		}
		if (t[0] == '#') {
			/* A kept note's `log #7` after #7 was merged: say where
			 * it went rather than leave the note nowhere to go. */
			pd_partner_gone(db, id, "; name that one", err);
			free(t);
			return 0;
		}
	}
	char *key = pd_name_key(t);
	if (!key) {
		free(t);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return 0;
	}
	bool several;
	int64_t id = match_names(db,
		"SELECT id, name FROM partners WHERE name_fold = ?1 AND ?2 IS NOT NULL "
		"ORDER BY id LIMIT 11", key, t, &several, err);
	if (id == 0 && !several)
		id = match_names(db,
			"SELECT id, name FROM partners WHERE name_fold >= ?1 AND name_fold < ?2 "
			"ORDER BY name_fold, id LIMIT 11", key, t, &several, err);
	if (id == 0 && !several)
		not_found(db, t, err);
	free(key);
	free(t);
	return id < 0 ? 0 : id;
}

size_t pd_partner_find_same_name(pd_db *db, const char *name, int64_t *ids, size_t max, pd_error *err)
{
	char *key = pd_name_key(name);
	if (!key) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return 0;
	}
	sqlite3_stmt *st = pd_stmt(db, "SELECT id FROM partners WHERE name_fold = ?1 ORDER BY id", err);
	if (!st) {
		free(key);
		return 0;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	size_t n = 0;
	int rc = SQLITE_ROW;
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	pd_stmt_done(db, st);
	free(key);
	/* An import asks this before adding: a read that failed must not
	 * pass for "nobody has that name". */
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		pd_db_fail(db, err, "finding partners of the same name");
	return n;
}

/* ---- the list ---- */

#define MAX_WORDS 8

typedef struct query_sql {
	char sql[2048];
	char *match;                 /* FTS5 expression for words of 3+ characters */
	char *shorts[MAX_WORDS];     /* folded words of 1-2 characters */
	size_t n_shorts;
	const char *stage, *kind;    /* canonical names from the rules when known */
	char *tag, *scale;
	char *ids;                   /* JSON array of the ids whose names hold the
	                                short words, when they are few; else NULL */
} query_sql;

static void query_sql_finish(query_sql *q)
{
	free(q->match);
	for (size_t i = 0; i < q->n_shorts; i++)
		free(q->shorts[i]);
	free(q->tag);
	free(q->scale);
	free(q->ids);
}

/* A query that is a phone number as a display or a card writes it is
 * also looked up by its digits run together, as the search document holds
 * a partner's phone (schema.h), and, when it has words of one or two
 * digits, as the whole number written so: a French number read out in
 * pairs ("06 12 34 56 78") was five short words, which match names only,
 * and found nobody. What reads as a number, and the forms of it dialled at
 * home, is pd_search_phone_digits's to say (search.c), and what it finds
 * pd_search_phone_found's (the person the filter names): the digits
 * anywhere in a number on file, and its document holds each number
 * written with its country code as dialled at home too, so a number typed
 * with its trunk 0 finds +33 6 12 34 56 78 as 0612345678, never inside
 * +1 612 345 6789; less its country code at the start of one (a line of
 * the document: "\n" + a trunk + national number, or without a trunk),
 * so that +33 6 12 34 56 78 finds 06 12 34 56 78 and not
 * +1 612 345 6789. The room made below holds the match, the text, the
 * digits five times and the " OR "s. */
static bool phone_terms(query_sql *q, const char *f)
{
	pd_phone_query pq;
	if (!pd_search_phone_digits(f, &pq))
		return false;
	const char *d = pq.digits;
	if (!d)
		return true;
	/* '"' cannot occur: the text is digits and " -.()+/". */
	size_t cap = (q->match ? strlen(q->match) : 0) + strlen(f) + 5 * strlen(d) + 64;
	char *m = malloc(cap);
	if (!m) {
		pd_phone_query_finish(&pq);
		return false;
	}
	size_t at;
	if (q->n_shorts) {
		for (size_t i = 0; i < q->n_shorts; i++)
			free(q->shorts[i]);
		q->n_shorts = 0;
		at = (size_t)snprintf(m, cap, "\"%s\" OR \"%s\"", d, f);
	} else {
		at = (size_t)snprintf(m, cap, "(%s) OR \"%s\"", q->match, d);
	}
	if (pq.local)
		at += (size_t)snprintf(m + at, cap - at, " OR \"%s\"", d + pq.local);
	if (pq.national) {
		const char *national = d + pq.national;
		at += (size_t)snprintf(m + at, cap - at, " OR \"\n%s\"", national);
		for (int t = 0; t < 2 && pq.trunk[t]; t++)
			if (*pq.trunk[t])
				at += (size_t)snprintf(m + at, cap - at, " OR \"\n%s%s\"", pq.trunk[t], national);
	}
	pd_phone_query_finish(&pq);
	free(q->match);
	q->match = m;
	return true;
}

/* Splits the folded text into words: long ones become one FTS5 expression
 * ("w1" AND "w2", each a quoted trigram phrase), short ones plain
 * substring tests (trigrams cannot index them). */
static bool split_text(query_sql *q, const char *text)
{
	char *f = pd_name_key(text);
	if (!f)
		return false;
	/* A word of n >= 3 bytes becomes at most 2n + 7 (each '"' doubled, its
	 * own quotes, " AND "): under 4 bytes for each of its n + 1 input bytes
	 * with the space after it. */
	size_t mlen = 0, mcap = 4 * strlen(f) + 16;
	q->match = malloc(mcap);
	if (!q->match) {
		free(f);
		return false;
	}
	q->match[0] = '\0';
	char *save = NULL;
	for (char *w = strtok_r(f, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (pd_utf8_chars(w) >= 3) {
			if (mlen)
				mlen += (size_t)snprintf(q->match + mlen, mcap - mlen, " AND ");
			q->match[mlen++] = '"';
			for (char *c = w; *c; c++) {
				if (*c == '"')
					q->match[mlen++] = '"';
				q->match[mlen++] = *c;
			}
			q->match[mlen++] = '"';
			q->match[mlen] = '\0';
		} else if (q->n_shorts < MAX_WORDS) {
			/* As a LIKE pattern: %word% with %, _ and \ escaped. Both
			 * sides are folded, so LIKE's ASCII case rule changes
			 * nothing; it scans names a third faster than instr. */
			char *pat = malloc(2 * strlen(w) + 3), *o = pat;
			if (!pat) {
				free(f);
				return false;
			}
			*o++ = '%';
			for (char *c = w; *c; c++) {
				if (*c == '%' || *c == '_' || *c == '\\')
					*o++ = '\\';
				*o++ = *c;
			}
			*o++ = '%';
			*o = '\0';
			q->shorts[q->n_shorts++] = pat;
		}
	}
	if (!mlen) {
		free(q->match);
		q->match = NULL;
	}
	free(f);
	/* strtok_r cut f into its words; the number is read from it whole. */
	char *whole = pd_name_key(text);
	bool ok = whole && phone_terms(q, whole);
	free(whole);
	return ok;
}

static void append(query_sql *q, const char *s)
{
	size_t n = strlen(q->sql);
	snprintf(q->sql + n, sizeof q->sql - n, "%s", s);
}

static const char *canonical(const pd_strv *sv, const char *s)
{
	long i = pd_strv_find(sv, s);
	return i >= 0 ? sv->v[i] : s;
}

/* Builds the SQL from fixed fragments only; every value is bound. */
/* A text filter's words of 3 or more characters are looked up in the
 * trigram index; how the first screen is then found depends on how many
 * partners match (at 100,000 partners):
 *  - up to SORTED_MATCHES: fetched and sorted (few to sort);
 *  - up to SET_WALK_MATCHES: their ids gathered once, then the name index
 *    walked until a screenful is in the set ("sci", 4,500 matches: some
 *    40 times faster than asking the search index partner by partner;
 *    bench_model prints both);
 *  - more: the name index walked, asking the search index about each
 *    partner ("mus", 60,000 matches: gathering them all first costs more
 *    than the walk). */
#define SORTED_MATCHES 2000
#define SET_WALK_MATCHES 30000

static long capped_matches(pd_db *db, const char *match)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT count(*) FROM (SELECT 1 FROM partner_search "
		"WHERE partner_search MATCH ?1 LIMIT ?2)", NULL);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, SET_WALK_MATCHES + 1);
	long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	pd_stmt_done(db, st);
	return n;
}

static const char *const short_params[MAX_WORDS] = {
	":s0", ":s1", ":s2", ":s3", ":s4", ":s5", ":s6", ":s7",
};

/* Words of one or two letters match names only: the partner's
 * (name_fold) or a contact person's at it. The trigram index cannot answer
 * them, and testing them against every document's log text was a scan of
 * the whole index on each keystroke (a rare pair such as "xy": 400 ms at
 * 100,000 partners, measured before the change); the names are one small
 * index (bench_model prints "xy" beside a plain scan of them). They are
 * typed on the way to a longer word, which searches everything, and in a
 * person's name ("le goff" for Camille Le Goff, "li wei"). The people's
 * names are read from contacts_by_partner, which holds them, in one of
 * two ways, by how much of the desk the statement reads:
 *  - SHORT_SET, a statement that reads every name (a scan, a count to the
 *    end): every person holding the word gathered once, each partner
 *    looked up in that set. A look-up in contacts for each of 100,000
 *    partners cost 70 ms against 12-20 ms so (sqlite3, 2026-11-24).
 *  - SHORT_EACH, a walk that stops at a screenful: the people of each
 *    partner reached, and only of one whose own name does not hold the
 *    word. Gathering the set first read all 300,000 people of the 100,000
 *    partners of bench_model's desk before the first name was tested, so
 *    that "mu", which fills a screen from the first few hundred names,
 *    took 100 ms a keystroke where it had taken 0.7 ms.
 *  - SHORT_NAMES: the partners' own names alone, a part of the answer
 *    (see pd_partner_query_count).
 * p is the partners table's name in the statement ("p."). Joined from
 * literals, never formatted: tests/shared/check_sql.sh. */
enum short_form { SHORT_SET, SHORT_EACH, SHORT_NAMES };

static void append_short_terms(query_sql *q, const char *p, enum short_form form)
{
	for (size_t i = 0; i < q->n_shorts; i++) {
		append(q, " AND (");
		append(q, p);
		append(q, "name_fold LIKE ");
		append(q, short_params[i]);
		if (form == SHORT_NAMES) {
			append(q, " ESCAPE '\\')");
			continue;
		}
		append(q, " ESCAPE '\\' OR ");
		if (form == SHORT_EACH) {
			append(q, "EXISTS (SELECT 1 FROM contacts c WHERE c.partner_id = ");
			append(q, p);
			append(q, "id AND c.name_fold LIKE ");
		} else {
			append(q, p);
			append(q, "id IN (SELECT partner_id FROM contacts WHERE name_fold LIKE ");
		}
		append(q, short_params[i]);
		append(q, " ESCAPE '\\'))");
	}
}

static void bind_shorts(sqlite3_stmt *st, const query_sql *q)
{
	for (size_t i = 0; i < q->n_shorts; i++) {
		int k = sqlite3_bind_parameter_index(st, short_params[i]);
		if (k > 0)
			sqlite3_bind_text(st, k, q->shorts[i], -1, SQLITE_TRANSIENT);
	}
}

/* How the names holding the short words are found. First the names are
 * walked in order and tested, for at most WALK_BUDGET virtual-machine
 * steps (4,000 names, 5-15 ms on a desk of 10,000-100,000): most short words ("mu", "li") find a screenful that
 * way at once. When that is not enough (a rare pair, or names that
 * cluster: those holding "ł" all sort among the L's, and walking to them
 * took 75 ms), one scan of the name index gathers their ids, up to
 * SET_WALK_NAMES. A name walked costs some 25-35 times a name scanned (a
 * look-up in the table each, in name order, and one in contacts_by_partner
 * when the name lacks the word), so the walk is also held to the steps of
 * a WALK_SHARE'th of the names the scan reads, the partners' and their
 * people's (max(id) of each, the cheap estimate of how many there are): a
 * rare pair ("xy") then costs the scan and a little, not the scan and
 * 4,000 names walked (4-8 ms at 10,000 partners, 4-8x the scan;
 * bench_model). Where a fiftieth of the partners is under a screenful, as
 * in a desk of 1,000, the walk could not find one and is not tried. The
 * scan's ids then serve:
 *  - up to SORTED_NAMES: those ids, fetched and sorted;
 *  - more: the names walked in order, each looked up in the set of ids;
 *  - past SET_WALK_NAMES: the plain walk after all.
 * A set gathered whole, by that scan or by the count before it, is kept
 * by the handle while the desk stays as it was (pd_name_set_get): the
 * keystroke's screen after its count, and later keystrokes with the same
 * short words ("xy" then "xy mus"), read no name; neither walk nor scan. */
#define WALK_BUDGET 20          /* thousands of steps */
#define WALK_STEPS_PER_NAME 10  /* a name walked, and its people asked when
                                   it lacks the word: 4,492 steps for 171
                                   ("mu", 10,000 partners) */
#define SCAN_STEPS_PER_NAME 5   /* measured: 500,000 steps pass 100,000 */
#define WALK_SHARE 50
#define SORTED_NAMES 2000
#define SET_WALK_NAMES 20000

/* A statement of its own beside the query q is building: head, the short
 * words' terms on the partners table named p ("p."), tail, prepared and the words bound (NULL when
 * it cannot be prepared). q's own SQL is left as it was. */
static sqlite3_stmt *short_words_stmt(pd_db *db, query_sql *q, const char *head, const char *p,
	enum short_form form, const char *tail)
{
	char saved[sizeof q->sql];
	memcpy(saved, q->sql, sizeof saved);
	q->sql[0] = '\0';
	append(q, head);
	append_short_terms(q, p, form);
	append(q, tail);
	sqlite3_stmt *st = pd_stmt(db, q->sql, NULL);
	memcpy(q->sql, saved, sizeof saved);
	if (st)
		bind_shorts(st, q);
	return st;
}

static int spend(void *left)
{
	return --*(int *)left <= 0;
}

/* How many partners the desk holds and how many people, near enough
 * (max(id) of each; 0 when unknown): a scan for short words reads the
 * names of both. */
static void desk_names(pd_db *db, long *partners, long *people)
{
	*partners = *people = 0;
	sqlite3_stmt *est = pd_stmt(db, "SELECT " PD_MAX_ID("partners") ", " PD_MAX_ID("contacts"), NULL);
	if (!est)
		return;
	if (sqlite3_step(est) == SQLITE_ROW) {
		*partners = (long)sqlite3_column_int64(est, 0);
		*people = (long)sqlite3_column_int64(est, 1);
	}
	pd_stmt_done(db, est);
}

/* Steps st once, given up after about `steps` virtual-machine steps:
 * SQLITE_ROW, or another code when it stopped or failed. */
static int step_within(pd_db *db, sqlite3_stmt *st, long steps)
{
	int left = (int)(steps / 100);
	sqlite3_progress_handler(db->h, 100, spend, &left);
	int rc = sqlite3_step(st);
	sqlite3_progress_handler(db->h, 0, NULL, NULL);
	return rc;
}

/* Whether walking the names in order finds `need` partners within the
 * budget. */
static bool walk_is_quick(pd_db *db, query_sql *q, long need)
{
	long partners, people;
	desk_names(db, &partners, &people);
	if (partners / WALK_SHARE < need)
		return false;
	long steps = (partners + people) / WALK_SHARE * WALK_STEPS_PER_NAME;
	if (steps > WALK_BUDGET * 1000L)
		steps = WALK_BUDGET * 1000L;
	sqlite3_stmt *st = short_words_stmt(db, q, "SELECT count(*) FROM (SELECT 1 FROM partners p WHERE 1",
		"p.", SHORT_EACH, " ORDER BY p.sort_key, p.id LIMIT :need)");
	if (!st)
		return false;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":need"), need);
	int rc = step_within(db, st, steps);
	pd_stmt_done(db, st);
	return rc == SQLITE_ROW;
}

static char *put_id(char *o, int64_t v)
{
	char tmp[24];
	int n = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do
		tmp[n++] = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		*o++ = '-';
	while (n)
		*o++ = tmp[--n];
	return o;
}

/* One scan of the name index for the names that hold every short word,
 * stepped to the end or to `cap` rows (the LIMIT, -1 for none), the
 * ids of the first SET_WALK_NAMES as a JSON array. *found: how many rows
 * were read, -1 when the scan failed. When that is all of them, and no
 * more than SET_WALK_NAMES, they are q->ids, and the handle keeps them
 * (pd_name_set_put): a keystroke's count gathers the set its screen
 * then uses, and the next keystroke that keeps these words reads no
 * name. False only when out of memory. */
static bool short_word_ids(pd_db *db, query_sql *q, long cap, long *found)
{
	*found = -1;
	pd_name_mark mark = pd_name_set_mark(db);
	sqlite3_stmt *st = short_words_stmt(db, q, "SELECT p.id FROM partners p WHERE 1", "p.", SHORT_SET,
		" LIMIT :cap");
	if (!st)
		return true;   /* the walk still answers */
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":cap"), cap);
	size_t size = 4096, n = 0;
	long k = 0;
	char *json = malloc(size);
	bool ok = json != NULL;
	if (ok)
		json[n++] = '[';
	int rc;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k++ >= SET_WALK_NAMES)
			continue;
		if (n + 24 > size) {
			char *v = realloc(json, size *= 2);
			if (!v) {
				ok = false;
				break;
			}
			json = v;
		}
		if (k > 1)
			json[n++] = ',';
		n = (size_t)(put_id(json + n, sqlite3_column_int64(st, 0)) - json);
	}
	pd_stmt_done(db, st);
	if (!ok) {
		free(json);
		return false;
	}
	if (rc != SQLITE_DONE) {
		free(json);
		return true;
	}
	*found = k;
	if (k > SET_WALK_NAMES || (cap >= 0 && k >= cap)) {
		free(json);
		return true;
	}
	json[n++] = ']';
	json[n] = '\0';
	q->ids = json;
	pd_name_set_put(db, mark, q->shorts, q->n_shorts, json, k);
	return true;
}

static int cmp_id64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Steps st to its end or `cap` rows (cap < 0: no end), each row's id
 * added to *ids; the step's last code, or SQLITE_NOMEM. */
static int read_ids(sqlite3_stmt *st, long cap, int64_t **ids, size_t *n, size_t *size)
{
	int rc = SQLITE_DONE;
	while ((cap < 0 || (long)*n < cap) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == *size) {
			size_t grown = *size ? *size * 2 : 1024;
			int64_t *v = realloc(*ids, grown * sizeof *v);
			if (!v)
				return SQLITE_NOMEM;
			*ids = v;
			*size = grown;
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	return cap >= 0 && (long)*n >= cap ? SQLITE_ROW : rc;
}

static int64_t *find_id(int64_t id, const int64_t *ids, size_t n)
{
	return bsearch(&id, ids, n, sizeof *ids, cmp_id64);
}

/* A capped count of one short word alone, as the filter asks it, every
 * name read once: the partners' own names first, stopped past the cap (a
 * pair most names hold, "mu", ends there, reading no person), then the
 * people's in their partners' order, each partner whose own name lacks
 * the word counted once, stopped past the cap too ("ia", which 37,000
 * partners' people hold and none of their names). Counting the names
 * first, then names and people together, read the names twice: "xy" at
 * 100,000 partners read 400,000 names for the count after the 100,000 of
 * the names first. A count that is all of them (no more than the cap and
 * SET_WALK_NAMES) keeps them for the screen (pd_name_set_put). The count,
 * or -1 when it could not be made so (the plain count then answers);
 * *nomem when out of memory. */
static long one_word_count(pd_db *db, query_sql *q, long limit, bool *nomem)
{
	*nomem = false;
	int64_t *ids = NULL;
	size_t n = 0, size = 0;
	long count = -1;
	pd_name_mark mark = pd_name_set_mark(db);
	sqlite3_stmt *st = short_words_stmt(db, q, "SELECT p.id FROM partners p WHERE 1", "p.", SHORT_NAMES,
		" LIMIT :cap");
	if (!st)
		return -1;
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":cap"), limit + 1);
	int rc = read_ids(st, limit + 1, &ids, &n, &size);
	pd_stmt_done(db, st);
	if (rc == SQLITE_ROW) {
		free(ids);
		return limit + 1;
	}
	if (rc != SQLITE_DONE)
		goto out;
	if (n > 1)
		qsort(ids, n, sizeof *ids, cmp_id64);
	/* A person's partner is asked whether it is there, as the list's
	 * join would: a file edited by hand may hold people of none. */
	st = pd_stmt(db, "SELECT c.partner_id FROM contacts c WHERE c.name_fold LIKE :s0 ESCAPE '\\' "
		"AND EXISTS (SELECT 1 FROM partners p WHERE p.id = c.partner_id) ORDER BY c.partner_id", NULL);
	if (!st)
		goto out;
	bind_shorts(st, q);
	size_t by_name = n;
	int64_t last = 0;
	bool any = false;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (any && id == last)
			continue;
		any = true;
		last = id;
		if (find_id(id, ids, by_name))
			continue;
		if ((long)n >= limit) {
			rc = SQLITE_ROW;
			break;
		}
		if (n == size) {
			size_t grown = size ? size * 2 : 1024;
			int64_t *v = realloc(ids, grown * sizeof *v);
			if (!v) {
				rc = SQLITE_NOMEM;
				break;
			}
			ids = v;
			size = grown;
		}
		ids[n++] = id;
	}
	pd_stmt_done(db, st);
	if (rc == SQLITE_ROW) {
		count = limit + 1;
		goto out;
	}
	if (rc != SQLITE_DONE)
		goto out;
	count = (long)n;
	char *json = n <= SET_WALK_NAMES ? malloc(n * 21 + 3) : NULL;
	if (json) {
		char *o = json;
		*o++ = '[';
		for (size_t i = 0; i < n; i++) {
			if (i)
				*o++ = ',';
			o = put_id(o, ids[i]);
		}
		*o++ = ']';
		*o = '\0';
		pd_name_set_put(db, mark, q->shorts, q->n_shorts, json, count);
		free(json);
	}
out:
	*nomem = rc == SQLITE_NOMEM;
	free(ids);
	return count;
}

/* What build_query builds: the list's rows in order; their count (with
 * only: 1 when the list holds that partner, else 0); the count of those
 * whose own names hold the short words (a part of it); only's place in
 * the list, its rows gathered as a count gathers them and numbered in
 * order. */
enum query_kind { QUERY_ROWS, QUERY_COUNT, QUERY_NAMES_COUNT, QUERY_RANK };

/* The list's order, also a window's in a QUERY_RANK. */
static const char *order_by(const pd_partner_query *pq)
{
	bool d = pq->desc;
	switch (pq->sort) {
	case PD_SORT_STAGE:
		return d ? " ORDER BY pd_stage_rank(p.stage) DESC, p.sort_key, p.id"
		         : " ORDER BY pd_stage_rank(p.stage), p.sort_key, p.id";
	case PD_SORT_KIND:
		return d ? " ORDER BY p.kind COLLATE NOCASE DESC NULLS FIRST, p.sort_key, p.id"
		         : " ORDER BY p.kind COLLATE NOCASE NULLS LAST, p.sort_key, p.id";
	case PD_SORT_LAST_CONTACT:
		/* Most recent first; desc turns it round (never contacted first). */
		return d ? " ORDER BY p.last_contact ASC, p.id ASC" : " ORDER BY p.last_contact DESC, p.id DESC";
	case PD_SORT_NEXT_FOLLOW_UP:
		return d ? " ORDER BY p.next_follow_up DESC NULLS FIRST, p.sort_key, p.id"
		         : " ORDER BY p.next_follow_up ASC NULLS LAST, p.sort_key, p.id";
	case PD_SORT_UPDATED:
		return d ? " ORDER BY p.updated ASC, p.id ASC" : " ORDER BY p.updated DESC, p.id DESC";
	case PD_SORT_NAME:
	default:
		return d ? " ORDER BY p.sort_key DESC, p.id DESC" : " ORDER BY p.sort_key, p.id";
	}
}

/* only (0: none): the partner a QUERY_COUNT or QUERY_RANK asks about. */
static bool build_query(pd_db *db, const pd_partner_query *pq, enum query_kind kind, int64_t only,
	query_sql *q)
{
	const pd_rules *r = pd_db_rules(db);
	memset(q, 0, sizeof *q);
	bool text = !pd_blank(pq->text);
	if (text && !split_text(q, pq->text))
		return false;
	bool count = kind == QUERY_COUNT || kind == QUERY_NAMES_COUNT;
	/* Text alone is counted in the search index, one document per
	 * partner, without visiting the partners (short words: see below). */
	if (count && text && q->match && !q->n_shorts && pd_blank(pq->stage) &&
	    pd_blank(pq->kind) && pd_blank(pq->scale) && pd_blank(pq->tag) && !pq->exclude && !only) {
		append(q, pq->count_limit > 0 ? "SELECT count(*) FROM (SELECT 1 FROM partner_search WHERE 1"
			: "SELECT count(*) FROM partner_search WHERE 1");
		append(q, " AND partner_search MATCH :match");
		if (pq->count_limit > 0)
			append(q, " LIMIT :count_limit)");
		return true;
	}
	bool capped = count && pq->count_limit > 0;
	if (kind == QUERY_RANK) {
		append(q, "SELECT n FROM (SELECT p.id AS id, row_number() OVER (");
		append(q, order_by(pq));
		append(q, ") - 1 AS n FROM partners p WHERE 1");
	} else {
		append(q, capped ? "SELECT count(*) FROM (SELECT 1 FROM partners p WHERE 1"
			: count ? "SELECT count(*) FROM partners p WHERE 1"
			: "SELECT p.id, p.name, p.kind, p.stage, p.scale, p.owner, p.last_contact, "
			  "p.next_follow_up, p.version, p.created FROM partners p WHERE 1");
	}
	if (pq->exclude)
		append(q, " AND p.id <> :exclude");
	if (only && count)
		append(q, " AND p.id = :only");
	if (!pd_blank(pq->stage)) {
		const pd_stage *s = pd_rules_stage(r, pq->stage);
		q->stage = s ? s->name : pq->stage;
		append(q, " AND p.stage = :stage");
	}
	if (!pd_blank(pq->kind)) {
		q->kind = canonical(&r->kinds, pq->kind);
		append(q, " AND p.kind = :kind");
	}
	if (!pd_blank(pq->scale)) {
		if (!(q->scale = pd_fold(pq->scale)))
			return false;
		pd_trim(q->scale);
		append(q, " AND p.scale = :scale");
	}
	if (!pd_blank(pq->tag)) {
		if (!(q->tag = pd_name_key(pq->tag)))
			return false;
		append(q, " AND p.id IN (SELECT partner_id FROM partner_tags WHERE value_fold = :tag)");
	}
	bool walk_names = kind == QUERY_ROWS && pq->sort == PD_SORT_NAME;
	if (text && q->n_shorts) {
		long names = 0;
		/* The set a count or a screen before gathered, when the desk is
		 * as it was then: neither a walk nor a scan. */
		const char *known = kind != QUERY_NAMES_COUNT ? pd_name_set_get(db, q->shorts, q->n_shorts, &names)
			: NULL;
		if (known && !(q->ids = strdup(known)))
			return false;
		long need = (pq->offset > 0 ? pq->offset : 0) + (pq->limit > 0 ? pq->limit : SET_WALK_NAMES);
		if (!q->ids && walk_names && !walk_is_quick(db, q, need)) {
			if (!short_word_ids(db, q, SET_WALK_NAMES + 1, &names))
				return false;
			if (names < 0)
				names = SET_WALK_NAMES + 1;
		}
		if (q->ids && names <= SORTED_NAMES)
			append(q, " AND p.id IN (SELECT value FROM json_each(:ids))");
		else if (q->ids)
			append(q, " AND +p.id IN (SELECT value FROM json_each(:ids))");
		else
			append_short_terms(q, "p.", kind == QUERY_NAMES_COUNT ? SHORT_NAMES
				: walk_names ? SHORT_EACH : SHORT_SET);
	}
	if (text && q->match) {
		long n = walk_names && !q->ids ? capped_matches(db, q->match) : 0;
		if (n > SET_WALK_MATCHES) {
			append(q, " AND EXISTS (SELECT 1 FROM partner_search WHERE partner_search.rowid = p.id"
				" AND partner_search MATCH :match)");
		} else if (n > SORTED_MATCHES || q->ids || (kind != QUERY_ROWS && q->n_shorts)) {
			/* The unary + keeps the set from driving the query: the name
			 * index is walked (or, counting, scanned), or the few partners
			 * the short words found are, and each looked up in the set. */
			append(q, " AND +p.id IN (SELECT rowid FROM partner_search WHERE partner_search MATCH :match)");
		} else {
			append(q, " AND p.id IN (SELECT rowid FROM partner_search WHERE partner_search MATCH :match)");
		}
	}
	if (capped)
		append(q, " LIMIT :count_limit)");
	if (kind == QUERY_RANK)
		append(q, ") WHERE id = :only");
	if (kind != QUERY_ROWS)
		return true;
	append(q, order_by(pq));
	append(q, " LIMIT :limit OFFSET :offset");
	return true;
}

static void bind_named(sqlite3_stmt *st, const char *name, const char *value)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i > 0)
		sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
}

static sqlite3_stmt *prepare_query(pd_db *db, const pd_partner_query *pq, enum query_kind kind, int64_t only,
	pd_error *err)
{
	/* Inside an import's transaction the index may wait for the commit. */
	if (!pd_blank(pq->text) && !pd_search_flush(db, err))
		return NULL;
	query_sql q;
	if (!build_query(db, pq, kind, only, &q)) {
		query_sql_finish(&q);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	sqlite3_stmt *st = pd_stmt(db, q.sql, err);
	if (st) {
		bind_named(st, ":stage", q.stage);
		bind_named(st, ":kind", q.kind);
		bind_named(st, ":scale", q.scale);
		bind_named(st, ":tag", q.tag);
		bind_named(st, ":match", q.match);
		bind_shorts(st, &q);
		bind_named(st, ":ids", q.ids);
		int li = sqlite3_bind_parameter_index(st, ":limit");
		if (li > 0)
			sqlite3_bind_int64(st, li, pq->limit > 0 ? pq->limit : -1);
		int ci = sqlite3_bind_parameter_index(st, ":count_limit");
		if (ci > 0)
			sqlite3_bind_int64(st, ci, pq->count_limit + 1);
		int xi = sqlite3_bind_parameter_index(st, ":exclude");
		if (xi > 0)
			sqlite3_bind_int64(st, xi, pq->exclude);
		int yi = sqlite3_bind_parameter_index(st, ":only");
		if (yi > 0)
			sqlite3_bind_int64(st, yi, only);
		int oi = sqlite3_bind_parameter_index(st, ":offset");
		if (oi > 0)
			sqlite3_bind_int64(st, oi, pq->offset > 0 ? pq->offset : 0);
	}
	query_sql_finish(&q);
	return st;
}

static bool fill_partner_row(sqlite3_stmt *st, void *v)
{
	pd_partner_row *row = v;
	row->id = sqlite3_column_int64(st, 0);
	row->name = pd_col_str(st, 1);
	row->stage = pd_col_str(st, 3);
	pd_col_buf(st, 6, row->last_contact, sizeof row->last_contact);
	pd_col_buf(st, 7, row->next_follow_up, sizeof row->next_follow_up);
	pd_col_buf(st, 9, row->created, sizeof row->created);
	row->version = sqlite3_column_int64(st, 8);
	return row->name && row->stage && pd_col_copy(st, 2, &row->kind) && pd_col_copy(st, 4, &row->scale) &&
	       pd_col_copy(st, 5, &row->owner);
}

bool pd_partner_query_run(pd_db *db, const pd_partner_query *pq, pd_partner_rows *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	pd_partner_query none = {0};
	sqlite3_stmt *st = prepare_query(db, pq ? pq : &none, QUERY_ROWS, 0, err);
	if (!st)
		return false;
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 64, fill_partner_row,
	                  "listing partners", err)) {
		pd_partner_rows_finish(out);
		return false;
	}
	return true;
}

/* The words of text split as a query splits them (q, the caller's to
 * finish): whether it holds a word of one or two letters. */
static bool short_words(const char *text, query_sql *q)
{
	memset(q, 0, sizeof *q);
	return !pd_blank(text) && split_text(q, text) && q->n_shorts > 0;
}

/* A capped count of short words (the filter's "more than 1,000") is
 * first asked of the partners' own names, a part of the answer, for the
 * steps of a quarter of the names the whole count reads (the partners' and
 * their people's): a pair most names hold ("mu", "an") reaches the cap
 * there at once, where the whole count reads every person's name first
 * (28 ms at 100,000 partners and 300,000 people; "mu" 0.5 ms so). A rare
 * pair spends that quarter too, then is counted in full; a desk of no more
 * partners than the cap is counted in full at once. One short word alone,
 * as typed, is counted by one_word_count instead, which reads each name
 * once; short words alone are counted as the rows of the scan that
 * gathers their set (short_word_ids), kept for the screen. */
#define NAMES_COUNT_SHARE 4

long pd_partner_query_count(pd_db *db, const pd_partner_query *pq, pd_error *err)
{
	pd_partner_query none = {0};
	if (!pq)
		pq = &none;
	query_sql sq;
	bool shorts = short_words(pq->text, &sq);
	/* Short words alone, no other filter: their set is the answer. */
	bool alone = shorts && !sq.match && pd_blank(pq->stage) && pd_blank(pq->kind) && pd_blank(pq->scale) &&
		pd_blank(pq->tag) && !pq->exclude;
	long n = -1;
	if (alone && pd_name_set_get(db, sq.shorts, sq.n_shorts, &n)) {
		query_sql_finish(&sq);
		return pq->count_limit > 0 && n > pq->count_limit ? pq->count_limit + 1 : n;
	}
	long partners = 0, people = 0;
	if (pq->count_limit > 0 && shorts)
		desk_names(db, &partners, &people);
	if (partners > pq->count_limit && alone && sq.n_shorts == 1) {
		bool nomem;
		n = one_word_count(db, &sq, pq->count_limit, &nomem);
		query_sql_finish(&sq);
		if (nomem) {
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			return -1;
		}
		if (n >= 0)
			return n;
		sqlite3_stmt *st = prepare_query(db, pq, QUERY_COUNT, 0, err);
		return st ? pd_count_step(db, st, "counting partners", err) : -1;
	}
	if (partners > pq->count_limit) {
		sqlite3_stmt *st = prepare_query(db, pq, QUERY_NAMES_COUNT, 0, err);
		if (!st) {
			query_sql_finish(&sq);
			return -1;
		}
		long steps = (partners + people) / NAMES_COUNT_SHARE * SCAN_STEPS_PER_NAME;
		int rc = step_within(db, st, steps);
		n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
		pd_stmt_done(db, st);
		if (n > pq->count_limit) {
			query_sql_finish(&sq);
			return n;
		}
	}
	/* The count is the rows of the scan that gathers the set (a rare
	 * pair's: all of them), kept for the screen asked next. */
	n = -1;
	if (alone && !short_word_ids(db, &sq, pq->count_limit > 0 ? pq->count_limit + 1 : -1, &n)) {
		query_sql_finish(&sq);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return -1;
	}
	query_sql_finish(&sq);
	if (n >= 0)
		return n;
	sqlite3_stmt *st = prepare_query(db, pq, QUERY_COUNT, 0, err);
	return st ? pd_count_step(db, st, "counting partners", err) : -1;
}

/* How far down a name-ordered list the rows are stepped for a partner:
 * a few dozen screens, where the selection most often is. */
#define POSITION_WALK 500

long pd_partner_query_position(pd_db *db, const pd_partner_query *pq, int64_t id, pd_error *err)
{
	pd_partner_query all = {0};
	if (pq)
		all = *pq;
	all.offset = 0;
	all.limit = 0;
	all.count_limit = 0;
	/* A partner the list does not hold (hidden by the filter, deleted) is
	 * told by its own row; the walk below would read the whole list to
	 * say so (45 s for a dense filter of 100,000 partners). */
	sqlite3_stmt *st = prepare_query(db, &all, QUERY_COUNT, id, err);
	long held = st ? pd_count_step(db, st, "finding a partner in the list", err) : -1;
	if (held <= 0)
		return -1;
	/* Names come in order from their index, so stepping them finds a
	 * partner near the top (most views follow a row near where it was)
	 * at once; any other order sorts the whole list before its first row,
	 * and the numbering below costs no more than that sort (a third). */
	long walk = all.sort == PD_SORT_NAME ? POSITION_WALK : 0;
	st = walk ? prepare_query(db, &all, QUERY_ROWS, 0, err) : NULL;
	if (walk && !st)
		return -1;
	long pos = 0, found = -1;
	int rc = SQLITE_DONE;
	while (pos < walk && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 0) == id) {
			found = pos;
			break;
		}
		pos++;
	}
	bool further = pos == walk;
	if (!further && rc != SQLITE_ROW && rc != SQLITE_DONE)
		pd_db_fail(db, err, "finding a partner in the list");
	if (st)
		pd_stmt_done(db, st);
	if (!further)
		return found;
	/* Further down, the list's rows are gathered as a count gathers them
	 * and numbered: walked, a name-ordered list a word filters tests each
	 * name on the way (10 s to the end of a 58,000 of 100,000). */
	st = prepare_query(db, &all, QUERY_RANK, id, err);
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	found = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		pd_db_fail(db, err, "finding a partner in the list");
	pd_stmt_done(db, st);
	return found;
}

void pd_partner_rows_finish(pd_partner_rows *rows)
{
	if (!rows)
		return;
	for (size_t i = 0; i < rows->n; i++) {
		free(rows->v[i].name);
		free(rows->v[i].kind);
		free(rows->v[i].stage);
		free(rows->v[i].scale);
		free(rows->v[i].owner);
	}
	free(rows->v);
	rows->v = NULL;
	rows->n = 0;
}

bool pd_partner_name(pd_db *db, int64_t id, char *out, size_t size, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT name FROM partners WHERE id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		pd_col_buf(st, 0, out, size);
	pd_stmt_done(db, st);
	if (rc == SQLITE_DONE)
		return pd_partner_gone(db, id, "", err);
	if (rc != SQLITE_ROW)
		return pd_db_fail(db, err, "reading a partner");
	return true;
}

bool pd_partner_gone(pd_db *db, int64_t id, const char *then, pd_error *err)
{
	int64_t went = pd_partner_merged_into(db, id, NULL);
	char name[200];
	if (went && pd_partner_name(db, went, name, sizeof name, NULL))
		return pd_error_set(err, PD_ERR_NOTFOUND, "there is no partner #%lld: it was merged into #%lld (%s)%s",
			(long long)id, (long long)went, name, then ? then : "");
	return pd_error_set(err, PD_ERR_NOTFOUND, "there is no partner #%lld", (long long)id);
}
