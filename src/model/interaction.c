/* The outreach log and the agenda: each write also refreshes the partner's
 * last contact, next follow-up and search document in the same transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/text.h"

void pd_interaction_finish(pd_interaction *it)
{
	if (!it)
		return;
	free(it->channel);
	free(it->by);
	free(it->text);
	free(it->contact_name);
	free(it->removed_contact);
	free(it->partner_name);
	memset(it, 0, sizeof *it);
}

void pd_interactions_finish(pd_interactions *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->n; i++)
		pd_interaction_finish(&list->v[i]);
	free(list->v);
	list->v = NULL;
	list->n = 0;
}

static bool validate(pd_db *db, pd_interaction *it, pd_error *err)
{
	const char *const text[] = {it->text, it->by, it->removed_contact};
	static const char *const labels[] = {"note", "staff name", "removed person's name"};
	if (!pd_require_utf8(text, labels, 3, err) || !pd_require_notes_max(it->text, "the note is", err))
		return false;
	if (it->channel && *it->channel) {
		const pd_strv *ch = &pd_db_rules(db)->channels;
		long i = pd_strv_find(ch, it->channel);
		if (i < 0) {
			char list[400];
			pd_join(ch, list, sizeof list);
			return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not a channel; channels: %s",
				it->channel, list);
		}
		if (!pd_set_str(&it->channel, ch->v[i]))
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	time_t t;
	if (it->at[0] && !pd_time_parse(it->at, &t))
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not a time (YYYY-MM-DDTHH:MM:SSZ)", it->at);
	if (it->at[0])
		pd_time_format(t, it->at);   /* a date alone is stored as its midnight */
	if (it->follow_up[0] && !pd_date_valid(it->follow_up))
		return pd_error_set(err, PD_ERR_INVALID, "follow-up \"%s\" is not a date (YYYY-MM-DD)",
			it->follow_up);
	return true;
}

/* The contact must be one of this partner's. */
static bool check_contact(pd_db *db, int64_t partner_id, int64_t contact_id, pd_error *err)
{
	if (!contact_id)
		return true;
	sqlite3_stmt *st = pd_stmt(db, "SELECT partner_id FROM contacts WHERE id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, contact_id);
	int rc = sqlite3_step(st);
	int64_t owner = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pd_db_fail(db, err, "reading a contact");
	if (owner != partner_id)
		return pd_error_set(err, PD_ERR_INVALID, "contact #%lld is not one of partner #%lld's",
			(long long)contact_id, (long long)partner_id);
	return true;
}

/* After any change to a partner's log. */
static bool refresh(pd_db *db, int64_t partner_id, pd_error *err)
{
	return pd_partner_refresh_activity(db, partner_id, err) && pd_search_refresh(db, partner_id, err);
}

static void summary(const pd_interaction *it, const char *pname, char *out, size_t size)
{
	const char *text = it->text ? it->text : "";
	char q[84];
	pd_format(out, size, "%s with %s at %s%s%s", it->channel ? it->channel : "contact", pname,
		it->at, *text ? ": " : "", pd_utf8_fit(q, sizeof q, text, 80));
}

bool pd_interaction_insert(pd_db *db, pd_interaction *it, pd_error *err)
{
	if (!validate(db, it, err))
		return false;
	char now[PD_TIME_LEN], at[PD_TIME_LEN], pname[256];
	pd_db_stamp(db, now);
	memcpy(at, it->at[0] ? it->at : now, sizeof at);
	const char *by = pd_blank(it->by) ? pd_db_user(db) : it->by;
	if (!pd_db_begin(db, err))
		return false;
	if (!pd_partner_name(db, it->partner_id, pname, sizeof pname, err) ||
	    !check_contact(db, it->partner_id, it->contact_id, err))
		goto fail;
	sqlite3_stmt *st = pd_stmt(db,
		"INSERT INTO interactions (id, partner_id, contact_id, at, channel, staff, text, follow_up, "
		"done, version, created, updated, uid, contact_name) VALUES (" PD_NEXT_ID("interactions", "interaction")
		", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9, "
		"CASE WHEN ?10 IS NULL OR EXISTS (SELECT 1 FROM interactions WHERE partner_id = ?1 AND uid = ?10) "
		"THEN lower(hex(randomblob(16))) ELSE ?10 END, CASE WHEN ?2 IS NULL THEN ?11 END)", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, it->partner_id);
	pd_bind_id(st, 2, it->contact_id);
	sqlite3_bind_text(st, 3, at, -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 4, it->channel);
	sqlite3_bind_text(st, 5, by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, it->text ? it->text : "", -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 7, it->follow_up);
	sqlite3_bind_int(st, 8, it->done);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 10, it->uid);
	pd_bind_text_or_null(st, 11, pd_blank(it->removed_contact) ? NULL : it->removed_contact);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, "logging a contact");
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(db->h);
	memcpy(it->at, at, sizeof at);
	char detail[600];
	summary(it, pname, detail, sizeof detail);
	if (!pd_audit_write(db, "interaction", id, "insert", detail, err) ||
	    !refresh(db, it->partner_id, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	if (!it->by && !(it->by = strdup(by)))
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	it->id = id;
	it->version = 1;
	memcpy(it->created, now, sizeof now);
	memcpy(it->updated, now, sizeof now);
	return true;
fail:
	pd_db_rollback(db);
	return false;
}

static void bind_update(sqlite3_stmt *st, const pd_interaction *it, const char *now)
{
	pd_bind_id(st, 1, it->contact_id);
	sqlite3_bind_text(st, 2, it->at, -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 3, it->channel);
	pd_bind_text_or_null(st, 4, it->by);
	sqlite3_bind_text(st, 5, it->text ? it->text : "", -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 6, it->follow_up);
	sqlite3_bind_int(st, 7, it->done);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, it->id);
	sqlite3_bind_int64(st, 10, it->version);
	sqlite3_bind_int64(st, 11, it->partner_id);
	/* With no person, a removed person's name stays only while the entry
	 * still carries it: an edit that cleared it ("none") clears it. */
	sqlite3_bind_int(st, 12, it->removed_contact != NULL);
}

static const char *done_word(bool done)
{
	return done ? "done" : "open";
}

/* Whom an entry was with, as the audit names it: the person on the list,
 * or the name a removed person's entries keep, marked "(removed)" as
 * everything that shows the entry marks it (re-pointing such an entry
 * then reads "Dana Ortiz (removed) -> Pat", not "(none) -> Pat"). NULL
 * for no one, or out of memory (c->nomem); the caller frees it. */
static char *audit_who(const pd_interaction *it, pd_changes *c)
{
	const char *name = it->contact_name ? it->contact_name : it->removed_contact;
	if (!name)
		return NULL;
	size_t size = strlen(name) + sizeof " (removed)";
	char *who = malloc(size);
	if (!who) {
		c->nomem = true;
		return NULL;
	}
	snprintf(who, size, "%s%s", name, it->contact_name ? "" : " (removed)");
	return who;
}

/* Each changed field as it was and as it became, for the audit trail;
 * against no row (a delete's), what the entry held. */
static void changes_of(const pd_interaction *old, const pd_interaction *it, pd_changes *c)
{
	static const pd_interaction none;
	bool gone = !it;
	if (gone)
		it = &none;
	pd_changes_add(c, "when", old->at, it->at);
	pd_changes_add(c, "channel", old->channel, it->channel);
	char *was = audit_who(old, c), *is = audit_who(it, c);
	pd_changes_add(c, "contact", was, is);
	free(was);
	free(is);
	pd_changes_add(c, "by", old->by, it->by);
	pd_changes_add(c, "text", old->text, it->text);
	pd_changes_add(c, "follow-up", old->follow_up, it->follow_up);
	if (old->follow_up[0] && (gone || old->done != it->done))
		pd_changes_add(c, "follow-up done", done_word(old->done), gone ? NULL : done_word(it->done));
}

bool pd_interaction_update(pd_db *db, pd_interaction *it, pd_error *err)
{
	if (!validate(db, it, err))
		return false;
	char now[PD_TIME_LEN], pname[256], what[100];
	pd_db_stamp(db, now);
	if (!it->at[0])
		memcpy(it->at, now, sizeof now);
	snprintf(what, sizeof what, "log entry #%lld", (long long)it->id);
	pd_interaction was = {0};
	pd_changes changes = {0};
	if (!pd_db_begin(db, err))
		return false;
	if (!pd_partner_name(db, it->partner_id, pname, sizeof pname, err))
		goto fail;
	/* Saving what is stored already writes nothing: a new version would
	 * make a colleague's next save a conflict over no change at all. */
	sqlite3_stmt *st = pd_stmt(db,
		"SELECT 1 FROM interactions WHERE id = ?9 AND version = ?10 AND partner_id = ?11 "
		"AND contact_id IS ?1 AND (?12 OR contact_name IS NULL) AND at IS ?2 AND channel IS ?3 AND (?4 IS NULL OR staff IS ?4) "
		"AND text IS ?5 AND follow_up IS ?6 AND done IS ?7", err);
	if (!st)
		goto fail;
	bind_update(st, it, now);
	bool same = sqlite3_step(st) == SQLITE_ROW;
	pd_stmt_done(db, st);
	if (same)
		return pd_db_commit(db, err);
	pd_error e2;
	if (!pd_interaction_get(db, it->id, &was, &e2)) {
		if (e2.code == PD_ERR_NOTFOUND)
			pd_conflict(db, err, "interaction", it->id, what);
		else if (err)
			*err = e2;
		goto fail;
	}
	/* A stale edit is the conflict before its person is checked: one
	 * read before the person was removed still names them. */
	if (was.version != it->version) {
		pd_conflict(db, err, "interaction", it->id, what);
		goto fail;
	}
	if (!check_contact(db, it->partner_id, it->contact_id, err))
		goto fail;
	st = pd_stmt(db,
		"UPDATE interactions SET contact_id = ?1, contact_name = CASE WHEN ?1 IS NULL AND ?12 THEN contact_name END, at = ?2, channel = ?3, staff = coalesce(?4, staff), "
		"text = ?5, follow_up = ?6, done = ?7, version = version + 1, updated = ?8 "
		"WHERE id = ?9 AND version = ?10 AND partner_id = ?11", err);
	if (!st)
		goto fail;
	bind_update(st, it, now);
	if (!pd_step_versioned(db, st, "saving a log entry", "interaction", it->id, what, err))
		goto fail;
	char detail[600];
	summary(it, pname, detail, sizeof detail);
	/* The row as stored after the write (the contact by name, the staff
	 * kept when none was given) against the row as it was. */
	pd_interaction now_row;
	if (!pd_interaction_get(db, it->id, &now_row, err))
		goto fail;
	changes_of(&was, &now_row, &changes);
	pd_interaction_finish(&now_row);
	if (!pd_audit_write_changes(db, "interaction", it->id, it->partner_id, "update", detail,
	                            &changes, err) ||
	    !refresh(db, it->partner_id, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	pd_changes_finish(&changes);
	pd_interaction_finish(&was);
	it->version++;
	memcpy(it->updated, now, sizeof now);
	return true;
fail:
	pd_db_rollback(db);
	pd_changes_finish(&changes);
	pd_interaction_finish(&was);
	return false;
}

bool pd_interaction_set_done(pd_db *db, int64_t id, int64_t version, bool done, pd_error *err)
{
	char now[PD_TIME_LEN], what[100];
	pd_db_stamp(db, now);
	snprintf(what, sizeof what, "log entry #%lld", (long long)id);
	if (!pd_db_begin(db, err))
		return false;
	int64_t partner_id = 0;
	sqlite3_stmt *st = pd_stmt(db, "SELECT partner_id FROM interactions WHERE id = ?1", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		partner_id = sqlite3_column_int64(st, 0);
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW) {
		pd_conflict(db, err, "interaction", id, what);
		if (err && !strstr(err->msg, "deleted"))
			pd_error_set(err, PD_ERR_NOTFOUND, "there is no log entry #%lld", (long long)id);
		goto fail;
	}
	st = pd_stmt(db, "UPDATE interactions SET done = ?1, version = version + 1, updated = ?2 "
		"WHERE id = ?3 AND version = ?4", err);
	if (!st)
		goto fail;
	sqlite3_bind_int(st, 1, done);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, id);
	sqlite3_bind_int64(st, 4, version);
	if (!pd_step_versioned(db, st, "saving a follow-up", "interaction", id, what, err))
		goto fail;
	pd_changes changes = {0};
	pd_changes_add(&changes, "follow-up done", done_word(!done), done_word(done));
	bool logged = pd_audit_write_changes(db, "interaction", id, partner_id, "update",
		done ? "follow-up done" : "follow-up reopened", &changes, err);
	pd_changes_finish(&changes);
	if (!logged ||
	    !pd_partner_refresh_activity(db, partner_id, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	return true;
fail:
	pd_db_rollback(db);
	return false;
}

#define INTERACTION_SELECT \
	"SELECT i.id, i.partner_id, i.contact_id, i.at, i.channel, i.staff, i.text, i.follow_up, " \
	"i.done, i.version, i.created, i.updated, c.name, p.name, i.uid, " \
	"CASE WHEN i.contact_id IS NULL THEN i.contact_name END " \
	"FROM interactions i JOIN partners p ON p.id = i.partner_id " \
	"LEFT JOIN contacts c ON c.id = i.contact_id "

static bool read_row(sqlite3_stmt *st, void *row)
{
	pd_interaction *it = row;
	memset(it, 0, sizeof *it);
	it->id = sqlite3_column_int64(st, 0);
	it->partner_id = sqlite3_column_int64(st, 1);
	it->contact_id = sqlite3_column_int64(st, 2);
	pd_col_buf(st, 3, it->at, sizeof it->at);
	it->channel = pd_col_str(st, 4);
	it->by = pd_col_str(st, 5);
	it->text = pd_col_str(st, 6);
	pd_col_buf(st, 7, it->follow_up, sizeof it->follow_up);
	it->done = sqlite3_column_int(st, 8) != 0;
	it->version = sqlite3_column_int64(st, 9);
	pd_col_buf(st, 10, it->created, sizeof it->created);
	pd_col_buf(st, 11, it->updated, sizeof it->updated);
	it->contact_name = pd_col_str(st, 12);
	it->partner_name = pd_col_str(st, 13);
	pd_col_buf(st, 14, it->uid, sizeof it->uid);
	return it->text && it->partner_name && pd_col_copy(st, 15, &it->removed_contact);
}

bool pd_interaction_get(pd_db *db, int64_t id, pd_interaction *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, INTERACTION_SELECT "WHERE i.id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	bool ok = false;
	if (rc == SQLITE_ROW) {
		ok = read_row(st, out);
		if (!ok) {
			pd_interaction_finish(out);
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
	} else if (rc == SQLITE_DONE) {
		pd_error_set(err, PD_ERR_NOTFOUND, "there is no log entry #%lld", (long long)id);
	} else {
		pd_db_fail(db, err, "reading the log");
	}
	pd_stmt_done(db, st);
	return ok;
}

bool pd_interaction_delete(pd_db *db, int64_t id, int64_t version, pd_error *err)
{
	char what[100];
	snprintf(what, sizeof what, "log entry #%lld", (long long)id);
	if (!pd_db_begin(db, err))
		return false;
	pd_interaction it;
	if (!pd_interaction_get(db, id, &it, err)) {
		pd_db_rollback(db);
		return false;
	}
	sqlite3_stmt *st = pd_stmt(db, "DELETE FROM interactions WHERE id = ?1 AND version = ?2", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, version);
	if (!pd_step_versioned(db, st, "deleting a log entry", "interaction", id, what, err))
		goto fail;
	char detail[600];
	summary(&it, it.partner_name, detail, sizeof detail);
	pd_changes changes = {0};
	changes_of(&it, NULL, &changes);
	bool logged = pd_audit_write_changes(db, "interaction", id, it.partner_id, "delete", detail,
		&changes, err);
	pd_changes_finish(&changes);
	if (!logged ||
	    !refresh(db, it.partner_id, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	pd_interaction_finish(&it);
	return true;
fail:
	pd_db_rollback(db);
	pd_interaction_finish(&it);
	return false;
}

bool pd_interaction_list(pd_db *db, int64_t partner_id, long limit, pd_interactions *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, INTERACTION_SELECT
		"WHERE i.partner_id = ?1 ORDER BY i.at DESC, i.id DESC LIMIT ?2", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_int64(st, 2, limit > 0 ? limit : -1);
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 16, read_row, "reading the log", err)) {
		pd_interactions_finish(out);
		return false;
	}
	return true;
}

/* ---- agenda ---- */

static void agenda_item_finish(pd_agenda_item *a)
{
	free(a->partner_name);
	free(a->stage);
	free(a->text);
	free(a->contact_name);
}

void pd_agenda_finish(pd_agenda *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++)
		agenda_item_finish(&a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

/* A note that begins with its person's name ("Gabriela Ríos asked...",
 * "gabriela ríos asked...", a decomposed "Ri\u0301os": compared folded,
 * as the search compares) needs no "Gabriela Ríos: " before it: the whole
 * name, not "Ann" before "Anne", nor before "Ann-Marie" (a hyphen joined
 * to more of a name makes another person's); not a removed person's,
 * whose mark says more. */
static bool names_itself(const pd_agenda_item *it)
{
	if (!it->contact_name || !*it->contact_name || it->contact_removed || !it->text)
		return false;
	char *name = pd_fold(it->contact_name);
	if (!name)
		return false;
	/* The name ends where an ASCII mark or space (or the end) follows it;
	 * only there is the text's start folded and compared. Folded, a text
	 * may shrink (a decomposed accent, full-width letters), hardly to less
	 * than a third of its bytes: so far is looked. */
	size_t most = 4 * strlen(it->contact_name) + 16;
	bool same = false;
	for (size_t n = 1; !same && n <= most && it->text[n - 1]; n++) {
		unsigned char next = (unsigned char)it->text[n];
		if (next >= 0x80 || pd_ascii_isalnum(next))
			continue;
		if (next == '-' && it->text[n + 1] && !pd_ascii_isspace((unsigned char)it->text[n + 1]))
			continue;
		char *head = strndup(it->text, n);
		char *folded = head ? pd_fold(head) : NULL;
		same = folded && strcmp(folded, name) == 0;
		free(folded);
		free(head);
	}
	free(name);
	return same;
}

/* s[0..len) after buf[0..at), as much as fits in size with whole
 * characters; the new end. */
static size_t put(char *buf, size_t at, size_t size, const char *s, size_t len)
{
	len = pd_utf8_cut(s, len, size - 1 - at);
	memcpy(buf + at, s, len);
	buf[at + len] = '\0';
	return at + len;
}

void pd_agenda_follow_up_words(const pd_agenda_item *it, char *buf, size_t size)
{
	if (!size)
		return;
	size_t at = 0;
	buf[0] = '\0';
	if (it->contact_name && *it->contact_name && !names_itself(it)) {
		size_t n = strlen(it->contact_name);
		at = put(buf, at, size, it->contact_name, n);
		if (at < n)
			return;   /* the name alone fills it */
		if (it->contact_removed)
			at = put(buf, at, size, " (removed)", 10);
		at = put(buf, at, size, ": ", 2);
	}
	/* A row is one line: the note's first, however it ends (LF, CRLF,
	 * or a lone CR from an old Mac's file). A tab pasted in the note is
	 * a space there, as the detail's Log tab shows it, not a ^I. */
	const char *text = it->text ? it->text : "";
	put(buf, at, size, text, strcspn(text, "\r\n"));
	pd_text_spaced(buf + at);
}

static pd_agenda_item *agenda_push(pd_agenda *a, size_t *cap)
{
	return pd_row_add(&a->v, &a->n, cap, sizeof *a->v, 16);
}

/* On one day: what concerns the whole partnership before single calls. */
static int kind_rank(pd_agenda_kind k)
{
	switch (k) {
	case PD_AGENDA_REVIEW: return 0;
	case PD_AGENDA_AGREEMENT_REVIEW: return 1;
	case PD_AGENDA_AGREEMENT_END: return 2;
	case PD_AGENDA_FOLLOW_UP: return 3;
	}
	return 4;
}

static int agenda_cmp(const void *pa, const void *pb)
{
	const pd_agenda_item *a = pa, *b = pb;
	int c = strcmp(a->date, b->date);
	if (c)
		return c;
	c = kind_rank(a->kind) - kind_rank(b->kind);
	if (c)
		return c;
	c = pd_fold_cmp(a->partner_name, b->partner_name);
	if (c)
		return c;
	if (a->partner_id != b->partner_id)
		return a->partner_id < b->partner_id ? -1 : 1;
	return a->interaction_id < b->interaction_id ? -1 : a->interaction_id > b->interaction_id;
}

/* The current agreements (see pd_agenda_load) with a review date (kind
 * AGREEMENT_REVIEW) or an end date on or before ?1, from the partial
 * indexes on those dates; the partner's newest agreement from
 * agreements_by_partner. Whether the partner's stage is closed and is the
 * one the agreement was made for is decided by agreement_counts, with the
 * rules and the folding the agreement form uses. */
static const char agreement_review_sql[] =
	"SELECT a.id, a.partner_id, p.name, p.stage, a.stage, a.title, a.review_date , p.updated "
	"FROM agreements a JOIN partners p ON p.id = a.partner_id "
	"WHERE a.review_date IS NOT NULL AND a.review_date <= ?1 "
	"AND a.review_date IS NOT p.review_date "
	"AND a.id = (SELECT b.id FROM agreements b WHERE b.partner_id = a.partner_id "
	"ORDER BY b.created DESC, b.id DESC LIMIT 1) "
	"ORDER BY a.review_date, a.id";
static const char agreement_end_sql[] =
	"SELECT a.id, a.partner_id, p.name, p.stage, a.stage, a.title, a.end_date , p.updated "
	"FROM agreements a JOIN partners p ON p.id = a.partner_id "
	"WHERE a.end_date IS NOT NULL AND a.end_date <= ?1 "
	"AND a.id = (SELECT b.id FROM agreements b WHERE b.partner_id = a.partner_id "
	"ORDER BY b.created DESC, b.id DESC LIMIT 1) "
	"ORDER BY a.end_date, a.id";

static bool agreement_counts(const pd_rules *r, sqlite3_stmt *st)
{
	const char *partner_stage = (const char *)sqlite3_column_text(st, 3);
	const char *made_for = (const char *)sqlite3_column_text(st, 4);
	const pd_stage *stage = pd_rules_stage(r, partner_stage);
	if (stage && stage->closed)
		return false;
	return partner_stage && made_for && pd_fold_cmp(partner_stage, made_for) == 0;
}

/* Runs the agreement query of kind into out (NULL: only counts them into
 * *n). */
static bool agreement_items(pd_db *db, pd_agenda_kind kind, const char *today, const char *horizon,
	pd_agenda *out, size_t *cap, long *n, pd_error *err)
{
	const pd_rules *r = pd_db_rules(db);
	sqlite3_stmt *st = pd_stmt(db, kind == PD_AGENDA_AGREEMENT_REVIEW ? agreement_review_sql
	                                                                  : agreement_end_sql, err);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, horizon, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!agreement_counts(r, st))
			continue;
		if (n)
			++*n;
		if (!out)
			continue;
		pd_agenda_item *a = agenda_push(out, cap);
		if (!a)
			goto nomem;
		a->kind = kind;
		a->agreement_id = sqlite3_column_int64(st, 0);
		a->partner_id = sqlite3_column_int64(st, 1);
		a->partner_name = pd_col_str(st, 2);
		a->stage = pd_col_str(st, 3);
		pd_col_buf(st, 6, a->date, sizeof a->date);
		pd_col_buf(st, 7, a->partner_updated, sizeof a->partner_updated);
		a->days = pd_date_diff(today, a->date);
		const char *title = (const char *)sqlite3_column_text(st, 5);
		const char *what = kind == PD_AGENDA_AGREEMENT_REVIEW ? "Agreement review"
		                   : a->days < 0 ? "Agreement ended" : "Agreement ends";
		size_t len = strlen(what) + (title ? strlen(title) + 2 : 0) + 1;
		a->text = malloc(len);
		if (a->text)
			snprintf(a->text, len, "%s%s%s", what, title && *title ? ": " : "", title ? title : "");
		if (!a->partner_name || !a->stage || !a->text)
			goto nomem;
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "reading the agenda's agreements");
	return true;
nomem:
	pd_stmt_done(db, st);
	return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
}

#define FOLLOW_UP_SELECT \
	"SELECT i.id, i.version, i.partner_id, p.name, p.stage, i.follow_up, i.text, " \
	"coalesce(c.name, i.contact_name), p.updated, c.updated, " \
	"i.contact_id IS NULL AND i.contact_name IS NOT NULL " \
	"FROM interactions i JOIN partners p ON p.id = i.partner_id " \
	"LEFT JOIN contacts c ON c.id = i.contact_id "

/* A follow-up row (FOLLOW_UP_SELECT: id, version, partner_id, name, stage,
 * follow_up, text, contact, partner's and contact's updated, whether the
 * contact was removed) as an agenda item, its days left to set_days (a
 * row's fill knows no today); false when out of memory. */
static bool read_follow_up(sqlite3_stmt *st, void *row)
{
	pd_agenda_item *a = row;
	a->kind = PD_AGENDA_FOLLOW_UP;
	a->interaction_id = sqlite3_column_int64(st, 0);
	a->interaction_version = sqlite3_column_int64(st, 1);
	a->partner_id = sqlite3_column_int64(st, 2);
	a->partner_name = pd_col_str(st, 3);
	a->stage = pd_col_str(st, 4);
	pd_col_buf(st, 5, a->date, sizeof a->date);
	a->text = pd_col_str(st, 6);
	a->contact_name = pd_col_str(st, 7);
	pd_col_buf(st, 8, a->partner_updated, sizeof a->partner_updated);
	pd_col_buf(st, 9, a->contact_updated, sizeof a->contact_updated);
	a->contact_removed = sqlite3_column_int(st, 10) != 0;
	return a->partner_name && a->stage && a->text;
}

/* Each item's days from today to its date. */
static void set_days(pd_agenda *a, const char *today)
{
	for (size_t i = 0; i < a->n; i++)
		a->v[i].days = pd_date_diff(today, a->v[i].date);
}


bool pd_agenda_done_within(pd_db *db, int days, pd_agenda *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	char today[PD_DATE_LEN], from[PD_DATE_LEN], since[PD_TIME_LEN + 8];
	pd_db_today(db, today);
	pd_date_add_days(today, -(long)days, from);
	snprintf(since, sizeof since, "%sT00:00:00Z", from);
	/* A scan of the log: done entries have no index, and an export is rare. */
	sqlite3_stmt *st = pd_stmt(db,
		FOLLOW_UP_SELECT
		"WHERE i.done = 1 AND i.follow_up IS NOT NULL AND i.updated >= ?1 "
		"ORDER BY i.follow_up, i.id", err);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, since, -1, SQLITE_TRANSIENT);
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 16, read_follow_up,
	                  "reading the done follow-ups", err)) {
		pd_agenda_finish(out);
		return false;
	}
	set_days(out, today);
	return true;
}

bool pd_agenda_load(pd_db *db, int days, pd_agenda *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	const pd_rules *r = pd_db_rules(db);
	char today[PD_DATE_LEN], horizon[PD_DATE_LEN];
	pd_db_today(db, today);
	if (days == PD_AGENDA_ALL)
		memcpy(horizon, "9999-12-31", sizeof horizon);
	else
		pd_date_add_days(today, days > 0 ? days : 0, horizon);
	size_t cap = 0;
	/* Follow-ups: the partial index on open follow-ups answers this. */
	sqlite3_stmt *st = pd_stmt(db,
		FOLLOW_UP_SELECT
		"WHERE i.done = 0 AND i.follow_up IS NOT NULL AND i.follow_up <= ?1 "
		"ORDER BY i.follow_up, i.id", err);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, horizon, -1, SQLITE_TRANSIENT);
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 16, read_follow_up, "reading the agenda", err))
		goto fail;
	set_days(out, today);
	cap = out->n;   /* the room pd_rows_read left is at least this */
	int rc;
	st = pd_stmt(db, "SELECT id, name, stage, review_date, updated FROM partners "
		"WHERE review_date IS NOT NULL AND review_date <= ?1 ORDER BY review_date, id", err);
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, horizon, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const pd_stage *stage = pd_rules_stage(r, (const char *)sqlite3_column_text(st, 2));
		if (stage && stage->closed)
			continue;
		pd_agenda_item *a = agenda_push(out, &cap);
		if (!a)
			goto nomem;
		a->kind = PD_AGENDA_REVIEW;
		a->partner_id = sqlite3_column_int64(st, 0);
		a->partner_name = pd_col_str(st, 1);
		a->stage = pd_col_str(st, 2);
		pd_col_buf(st, 3, a->date, sizeof a->date);
		pd_col_buf(st, 4, a->partner_updated, sizeof a->partner_updated);
		char text[300];
		snprintf(text, sizeof text, "%s review", stage && stage->label ? stage->label : a->stage);
		a->text = strdup(text);
		a->days = pd_date_diff(today, a->date);
		if (!a->partner_name || !a->stage || !a->text)
			goto nomem;
	}
	pd_stmt_done(db, st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto dberr;
	if (!agreement_items(db, PD_AGENDA_AGREEMENT_REVIEW, today, horizon, out, &cap, NULL, err) ||
	    !agreement_items(db, PD_AGENDA_AGREEMENT_END, today, horizon, out, &cap, NULL, err))
		goto fail;
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, agenda_cmp);
	return true;
nomem:
	pd_stmt_done(db, st);
	pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	goto fail;
dberr:
	pd_db_fail(db, err, "reading the agenda");
fail:
	pd_agenda_finish(out);
	return false;
}

long pd_agenda_count(pd_db *db, int days, pd_error *err)
{
	const pd_rules *r = pd_db_rules(db);
	char today[PD_DATE_LEN], horizon[PD_DATE_LEN];
	pd_db_today(db, today);
	pd_date_add_days(today, days > 0 ? days : 0, horizon);
	/* Every interaction has its partner (a foreign key that cascades), so
	 * the join pd_agenda_load makes cannot drop any. */
	sqlite3_stmt *st = pd_stmt(db, "SELECT count(*) FROM interactions "
		"WHERE done = 0 AND follow_up IS NOT NULL AND follow_up <= ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, horizon, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	long n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	pd_stmt_done(db, st);
	if (n < 0) {
		pd_db_fail(db, err, "counting the agenda");
		return -1;
	}
	st = pd_stmt(db, "SELECT stage, count(*) FROM partners "
		"WHERE review_date IS NOT NULL AND review_date <= ?1 GROUP BY stage", err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, horizon, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const pd_stage *stage = pd_rules_stage(r, (const char *)sqlite3_column_text(st, 0));
		if (!stage || !stage->closed)
			n += (long)sqlite3_column_int64(st, 1);
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, "counting the agenda");
		return -1;
	}
	/* At most one current agreement a partner: few rows, counted as read. */
	if (!agreement_items(db, PD_AGENDA_AGREEMENT_REVIEW, today, horizon, NULL, NULL, &n, err) ||
	    !agreement_items(db, PD_AGENDA_AGREEMENT_END, today, horizon, NULL, NULL, &n, err))
		return -1;
	return n;
}
