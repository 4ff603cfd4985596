/* Contact people at a partner: insert, version-checked update and delete,
 * list, and resolving a typed name within one partner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/text.h"

pd_contact *pd_contact_create(void)
{
	return calloc(1, sizeof(pd_contact));
}

void pd_contact_finish(pd_contact *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->title);
	free(c->email);
	free(c->phone);
	free(c->notes);
	free(c->channel);
	memset(c, 0, sizeof *c);
}

void pd_contact_destroy(pd_contact *c)
{
	pd_contact_finish(c);
	free(c);
}

void pd_contacts_finish(pd_contacts *cs)
{
	if (!cs)
		return;
	for (size_t i = 0; i < cs->n; i++)
		pd_contact_finish(&cs->v[i]);
	free(cs->v);
	cs->v = NULL;
	cs->n = 0;
}

static bool validate(pd_db *db, pd_contact *c, pd_error *err)
{
	if (pd_blank(c->name))
		return pd_error_set(err, PD_ERR_INVALID, "a contact needs a name");
	pd_trim(c->name);
	const char *const text[] = {c->name, c->title, c->email, c->phone, c->notes};
	static const char *const labels[] = {"contact's name", "title", "email", "phone", "notes"};
	if (!pd_require_utf8(text, labels, 5, err) ||
	    !pd_require_notes_max(c->notes, "the contact's notes are", err))
		return false;
	if (c->channel && *c->channel) {
		const pd_strv *ch = &pd_db_rules(db)->channels;
		long i = pd_strv_find(ch, c->channel);
		if (i < 0) {
			char list[400];
			pd_join(ch, list, sizeof list);
			return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not a channel; channels: %s",
				c->channel, list);
		}
		if (!pd_set_str(&c->channel, ch->v[i]))
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	return true;
}

static void bind_fields(sqlite3_stmt *st, const pd_contact *c, const char *key)
{
	sqlite3_bind_text(st, 1, c->name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 3, c->title);
	pd_bind_text_or_null(st, 4, c->email);
	pd_bind_text_or_null(st, 5, c->phone);
	pd_bind_text_or_null(st, 6, c->notes);
	pd_bind_text_or_null(st, 7, c->channel);
}

/* kept: a backup's contact, which the desk held as it is, so a name from
 * before the length limit comes back rather than failing the restore. */
static bool insert(pd_db *db, pd_contact *c, bool kept, pd_error *err)
{
	if (!validate(db, c, err) || (!kept && !pd_require_name_fits(c->name, NULL, "contact's", err)))
		return false;
	char *key = pd_name_key(c->name);
	if (!key)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	char now[PD_TIME_LEN], pname[256];
	pd_db_stamp(db, now);
	if (!pd_db_begin(db, err)) {
		free(key);
		return false;
	}
	if (!pd_partner_name(db, c->partner_id, pname, sizeof pname, err))
		goto fail;
	sqlite3_stmt *st = pd_stmt(db,
		"INSERT INTO contacts (id, name, name_fold, title, email, phone, notes, channel, partner_id, "
		"version, created, updated, uid) VALUES (" PD_NEXT_ID("contacts", "contact") ", ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?9, "
		"CASE WHEN ?10 IS NULL OR EXISTS (SELECT 1 FROM contacts WHERE partner_id = ?8 AND uid = ?10) "
		"THEN lower(hex(randomblob(16))) ELSE ?10 END)", err);
	if (!st)
		goto fail;
	bind_fields(st, c, key);
	sqlite3_bind_int64(st, 8, c->partner_id);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_TRANSIENT);
	pd_bind_text_or_null(st, 10, c->uid);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, "adding a contact");
		goto fail;
	}
	int64_t id = sqlite3_last_insert_rowid(db->h);
	char detail[600];
	pd_format(detail, sizeof detail, "added %s at %s", c->name, pname);
	if (!pd_audit_write(db, "contact", id, "insert", detail, err) ||
	    !pd_search_refresh(db, c->partner_id, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	free(key);
	c->id = id;
	c->version = 1;
	memcpy(c->created, now, sizeof now);
	memcpy(c->updated, now, sizeof now);
	return true;
fail:
	pd_db_rollback(db);
	free(key);
	return false;
}

bool pd_contact_insert(pd_db *db, pd_contact *c, pd_error *err)
{
	return insert(db, c, false, err);
}

bool pd_contact_insert_kept(pd_db *db, pd_contact *c, pd_error *err)
{
	return insert(db, c, true, err);
}

/* Each changed field as it was and as it became, for the audit trail;
 * against no row (a delete's), everything the contact held. */
static void changes_of(const pd_contact *old, const pd_contact *c, pd_changes *ch)
{
	static const pd_contact none;
	if (!old)
		old = &none;
	if (!c)
		c = &none;
	pd_changes_add(ch, "name", old->name, c->name);
	pd_changes_add(ch, "title", old->title, c->title);
	pd_changes_add(ch, "email", old->email, c->email);
	pd_changes_add(ch, "phone", old->phone, c->phone);
	pd_changes_add(ch, "channel", old->channel, c->channel);
	pd_changes_add(ch, "notes", old->notes, c->notes);
}

bool pd_contact_update(pd_db *db, pd_contact *c, pd_error *err)
{
	if (!validate(db, c, err))
		return false;
	char *key = pd_name_key(c->name);
	if (!key)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	char now[PD_TIME_LEN], what[300];
	pd_db_stamp(db, now);
	pd_format(what, sizeof what, "contact #%lld (%s)", (long long)c->id, c->name);
	pd_contact *old = NULL;
	pd_changes changes = {0};
	if (!pd_db_begin(db, err)) {
		free(key);
		return false;
	}
	/* The partner is the row's, not the caller's: a contact never moves.
	 * The row as it was is what the audit keeps of the old values. */
	int64_t partner_id = 0;
	sqlite3_stmt *st = pd_stmt(db, "SELECT partner_id FROM contacts WHERE id = ?1", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, c->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		partner_id = sqlite3_column_int64(st, 0);
	pd_stmt_done(db, st);
	if (partner_id) {
		pd_error e2;
		if (!(old = pd_contact_get(db, c->id, &e2))) {
			if (err)
				*err = e2;
			goto fail;
		}
	}
	if (!pd_require_name_fits(c->name, old ? old->name : NULL, "contact's", err))
		goto fail;
	/* Saving what is stored already writes nothing: a new version would
	 * make a colleague's next save a conflict over no change at all. */
	st = pd_stmt(db, "SELECT 1 FROM contacts WHERE id = ?9 AND version = ?10 AND name IS ?1 "
		"AND name_fold IS ?2 AND title IS ?3 AND email IS ?4 AND phone IS ?5 AND notes IS ?6 "
		"AND channel IS ?7", err);
	if (!st)
		goto fail;
	bind_fields(st, c, key);
	sqlite3_bind_int64(st, 9, c->id);
	sqlite3_bind_int64(st, 10, c->version);
	bool same = sqlite3_step(st) == SQLITE_ROW;
	pd_stmt_done(db, st);
	if (same) {
		free(key);
		pd_contact_destroy(old);
		c->partner_id = partner_id;
		return pd_db_commit(db, err);
	}
	st = pd_stmt(db,
		"UPDATE contacts SET name = ?1, name_fold = ?2, title = ?3, email = ?4, phone = ?5, "
		"notes = ?6, channel = ?7, version = version + 1, updated = ?8 "
		"WHERE id = ?9 AND version = ?10", err);
	if (!st)
		goto fail;
	bind_fields(st, c, key);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 9, c->id);
	sqlite3_bind_int64(st, 10, c->version);
	if (!pd_step_versioned(db, st, "saving a contact", "contact", c->id, what, err))
		goto fail;
	char detail[400];
	pd_format(detail, sizeof detail, "saved %s", c->name);
	changes_of(old, c, &changes);
	if (!pd_audit_write_changes(db, "contact", c->id, partner_id, "update", detail, &changes, err) ||
	    !pd_search_refresh(db, partner_id, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	pd_changes_finish(&changes);
	pd_contact_destroy(old);
	free(key);
	c->partner_id = partner_id;
	c->version++;
	memcpy(c->updated, now, sizeof now);
	return true;
fail:
	pd_db_rollback(db);
	pd_changes_finish(&changes);
	pd_contact_destroy(old);
	free(key);
	return false;
}

long pd_contact_log_count(pd_db *db, int64_t id, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT count(*) FROM interactions WHERE contact_id = ?1", err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return pd_count_step(db, st, "counting a contact's log entries", err);
}

long pd_contact_count(pd_db *db, pd_error *err)
{
	return pd_count(db, "SELECT count(*) FROM contacts", "counting contacts", err);
}

static bool contact_remove(pd_db *db, int64_t id, int64_t version, const pd_contact *into, pd_error *err);

bool pd_contact_delete(pd_db *db, int64_t id, int64_t version, pd_error *err)
{
	return contact_remove(db, id, version, NULL, err);
}

bool pd_contact_join(pd_db *db, int64_t id, int64_t version, const pd_contact *into, pd_error *err)
{
	return contact_remove(db, id, version, into, err);
}

/* Deletes the person, or, with into, takes them off as joined into into
 * by a merge: the audit says which ("Ana Ruiz joined into Ana Ruiz by
 * merge", not "deleted"), the entry keeping the fields all the same. */
static bool contact_remove(pd_db *db, int64_t id, int64_t version, const pd_contact *into, pd_error *err)
{
	if (!pd_db_begin(db, err))
		return false;
	pd_contact *c = pd_contact_get(db, id, err);
	if (!c)
		goto fail;
	char what[300];
	pd_format(what, sizeof what, "contact #%lld (%s)", (long long)id, c->name);
	/* The log entries that named the person keep the name (contact_name;
	 * ON DELETE SET NULL empties contact_id), so the log still says who
	 * was talked to; and they are stamped changed, so what is stamped from
	 * them (a calendar to-do's SEQUENCE, which also follows the contact's
	 * own changes) moves on rather than back. Their version moves too:
	 * the row changed, and a correction opened on it before is a conflict
	 * to merge, not a save naming a person who is gone. */
	char now[PD_TIME_LEN];
	pd_db_stamp(db, now);
	sqlite3_stmt *st = pd_stmt(db, "UPDATE interactions SET updated = ?2, contact_name = ?3, "
		"version = version + 1 WHERE contact_id = ?1", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, c->name, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	int named = rc == SQLITE_DONE ? sqlite3_changes(db->h) : 0;
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_db_fail(db, err, "stamping the log entries of a contact");
		goto fail;
	}
	st = pd_stmt(db, "DELETE FROM contacts WHERE id = ?1 AND version = ?2", err);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, version);
	if (!pd_step_versioned(db, st, "deleting a contact", "contact", id, what, err))
		goto fail;
	char detail[700];
	if (into)
		pd_format(detail, sizeof detail, "%s joined into %s by merge", c->name, into->name);
	else if (named)
		pd_format(detail, sizeof detail, "deleted %s (named in %d log entr%s, which keep the name)",
			c->name, named, named == 1 ? "y" : "ies");
	else
		pd_format(detail, sizeof detail, "deleted %s", c->name);
	pd_changes changes = {0};
	changes_of(c, NULL, &changes);
	bool logged = pd_audit_write_changes(db, "contact", id, c->partner_id, into ? "merge" : "delete",
		detail, &changes, err);
	pd_changes_finish(&changes);
	if (!logged ||
	    !pd_search_refresh(db, c->partner_id, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	pd_contact_destroy(c);
	return true;
fail:
	pd_db_rollback(db);
	pd_contact_destroy(c);
	return false;
}

#define CONTACT_COLUMNS \
	"id, partner_id, name, title, email, phone, notes, channel, version, created, updated, uid"

static bool read_row(sqlite3_stmt *st, void *row)
{
	pd_contact *c = row;
	c->id = sqlite3_column_int64(st, 0);
	c->partner_id = sqlite3_column_int64(st, 1);
	char **f[] = {&c->name, &c->title, &c->email, &c->phone, &c->notes, &c->channel};
	for (int i = 0; i < 6; i++)
		if (!pd_col_copy(st, i + 2, f[i]))
			return false;
	c->version = sqlite3_column_int64(st, 8);
	pd_col_buf(st, 9, c->created, sizeof c->created);
	pd_col_buf(st, 10, c->updated, sizeof c->updated);
	pd_col_buf(st, 11, c->uid, sizeof c->uid);
	return true;
}

pd_contact *pd_contact_get(pd_db *db, int64_t id, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT " CONTACT_COLUMNS " FROM contacts WHERE id = ?1", err);
	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	pd_contact *c = NULL;
	if (rc == SQLITE_ROW) {
		c = pd_contact_create();
		if (!c || !read_row(st, c)) {
			pd_contact_destroy(c);
			c = NULL;
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
	} else if (rc == SQLITE_DONE) {
		pd_error_set(err, PD_ERR_NOTFOUND, "there is no contact #%lld", (long long)id);
	} else {
		pd_db_fail(db, err, "reading a contact");
	}
	pd_stmt_done(db, st);
	return c;
}

bool pd_contact_list(pd_db *db, int64_t partner_id, pd_contacts *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, "SELECT " CONTACT_COLUMNS " FROM contacts "
		"WHERE partner_id = ?1 ORDER BY name_fold, id", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 8, read_row, "listing contacts", err)) {
		pd_contacts_finish(out);
		return false;
	}
	return true;
}

/* One question, answered from the index contacts_by_partner (partner_id,
 * name_fold, then id): an import asks it once a row, so a partner with
 * thousands of people costs no more per row than one with a few. */
int64_t pd_contact_find_named(pd_db *db, int64_t partner_id, const char *name, int64_t after,
	pd_error *err)
{
	char *key = pd_name_key(name);
	if (!key) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return 0;
	}
	sqlite3_stmt *st = pd_stmt(db, "SELECT id FROM contacts WHERE partner_id = ?1 AND name_fold = ?2 "
		"AND id > ?3 ORDER BY id LIMIT 1", err);
	int64_t found = 0;
	if (st) {
		sqlite3_bind_int64(st, 1, partner_id);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 3, after);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			found = sqlite3_column_int64(st, 0);
		pd_stmt_done(db, st);
		/* A read that failed must not pass for "nobody has that name". */
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			pd_db_fail(db, err, "finding a contact by name");
	}
	free(key);
	return found;
}

int64_t pd_contact_find_uid(pd_db *db, int64_t partner_id, const char *uid, pd_error *err)
{
	if (!uid || !*uid)
		return 0;
	sqlite3_stmt *st = pd_stmt(db, "SELECT id FROM contacts WHERE partner_id = ?1 AND uid = ?2 "
		"ORDER BY id LIMIT 1", err);
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, partner_id);
	sqlite3_bind_text(st, 2, uid, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	int64_t found = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		pd_db_fail(db, err, "finding a contact by uid");
	return found;
}

int64_t pd_contact_resolve(pd_db *db, int64_t partner_id, const char *text, pd_error *err)
{
	if (pd_blank(text)) {
		pd_error_set(err, PD_ERR_INVALID, "no contact given");
		return 0;
	}
	char *key = pd_name_key(text);
	if (!key) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return 0;
	}
	/* Exact name first, then prefix; each is a question of how many. */
	static const char *const queries[] = {
		"SELECT id, name FROM contacts WHERE partner_id = ?1 AND name_fold = ?2 ORDER BY id LIMIT 11",
		"SELECT id, name FROM contacts WHERE partner_id = ?1 AND substr(name_fold, 1, length(?2)) = ?2 "
		"ORDER BY name_fold, id LIMIT 11",
	};
	int64_t found = 0;
	for (size_t q = 0; q < 2 && !found; q++) {
		sqlite3_stmt *st = pd_stmt(db, queries[q], err);
		if (!st) {
			free(key);
			return 0;
		}
		sqlite3_bind_int64(st, 1, partner_id);
		sqlite3_bind_text(st, 2, key, -1, SQLITE_TRANSIENT);
		char list[PD_ERROR_MSG_MAX / 2] = "";
		size_t n = 0, used = 0;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (n == 0)
				found = sqlite3_column_int64(st, 0);
			if (n < 10 && used < sizeof list)
				used += (size_t)snprintf(list + used, sizeof list - used, "\n  #%lld %s",
					(long long)sqlite3_column_int64(st, 0),
					(const char *)sqlite3_column_text(st, 1));
			n++;
		}
		pd_stmt_done(db, st);
		if (rc != SQLITE_DONE) {
			free(key);
			pd_db_fail(db, err, "finding a contact");
			return 0;
		}
		if (n > 1) {
			pd_error_set(err, PD_ERR_AMBIGUOUS, "\"%s\" matches %zu contacts; say which:%s",
				text, n, list);
			free(key);
			return 0;
		}
	}
	free(key);
	if (!found)
		pd_error_set(err, PD_ERR_NOTFOUND, "this partner has no contact called \"%s\"", text);
	return found;
}
