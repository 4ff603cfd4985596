/* Unit tests of what the audit trail keeps of a change: an update's fields
 * as they were and as they became (a rename keeps the old name, an edit of
 * notes the old text), a delete's last values, the partner each entry
 * belongs to, and the filters the `audit` command reads it with. */
#include <pwd.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/strv.h"

/* The change to field in e, or NULL. */
static const pd_audit_change *change(const pd_audit_entry *e, const char *field)
{
	for (size_t i = 0; e && i < e->n_changes; i++)
		if (strcmp(e->changes[i].field, field) == 0)
			return &e->changes[i];
	return NULL;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_open(path, &h);
	sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("changes.db");
	struct passwd *pw = getpwuid(getuid());
	const char *user = pw ? pw->pw_name : "";

	int64_t id = tu_add(db, "Harbor Science Center", "science center");
	int64_t other = tu_add(db, "Other Museum", "museum");
	pd_partner *p = pd_partner_get(db, id, &err);
	free(p->name);
	p->name = strdup("Harbour Science Centre");
	p->notes = strdup("secret old note\nsecond line");
	pd_strv_push(&p->tags, "stem");
	pd_strv_push(&p->tags, "teens");
	pd_db_set_now(db, TU_NOW + 60);
	ok(pd_partner_update(db, p, &err), "rename and notes saved");
	free(p->notes);
	p->notes = strdup("new note");
	pd_strv_clear(&p->tags);
	pd_strv_push(&p->tags, "teens");
	pd_strv_push(&p->tags, "families");
	pd_db_set_now(db, TU_NOW + 120);
	ok(pd_partner_update(db, p, &err), "notes and tags saved");

	pd_audit_log log;
	pd_audit_filter f = {.partner_id = id};
	ok(pd_audit_query(db, &f, &log, &err), "the partner's trail read: %s", err.msg);
	is(log.n, 3, "added, renamed, edited");
	const pd_audit_entry *edit = log.n == 3 ? &log.v[0] : NULL, *rename = log.n == 3 ? &log.v[1] : NULL;
	const pd_audit_change *c = change(rename, "name");
	streq(c ? c->old_value : NULL, "Harbor Science Center", "the old name is kept");
	streq(c ? c->new_value : NULL, "Harbour Science Centre", "with the new one");
	c = change(rename, "notes");
	ok(c && !c->old_value, "notes were empty before");
	streq(c ? c->new_value : NULL, "secret old note\nsecond line", "the note as typed");
	c = change(rename, "tags");
	ok(c && !c->old_value, "no tags before");
	streq(c ? c->new_value : NULL, "stem, teens", "tags as a sorted list");
	ok(!change(rename, "kind") && !change(rename, "phone"), "unchanged fields are not listed");
	c = change(edit, "notes");
	streq(c ? c->old_value : NULL, "secret old note\nsecond line", "an edit of notes keeps the old text");
	streq(c ? c->new_value : NULL, "new note", "and the new");
	c = change(edit, "tags");
	streq(c ? c->old_value : NULL, "stem, teens", "old tags");
	streq(c ? c->new_value : NULL, "families, teens", "new tags");
	is(edit ? edit->n_changes : 0, 2, "notes and tags only");
	streq(edit ? edit->partner : NULL, "Harbour Science Centre", "the partner by its name now");
	streq(edit ? edit->at : NULL, "2026-11-23T14:07:00Z", "at its time");
	ok(log.n == 3 && log.v[2].n_changes == 0 && strcmp(log.v[2].action, "insert") == 0,
		"an added partner's entry has no changes (an import's rows stay as small)");
	pd_audit_log_finish(&log);

	pd_move_request m = {.to = "dissolved", .reason = "they closed"};
	ok(pd_stage_move(db, id, &m, &err), "moved: %s", err.msg);
	pd_audit_filter newest = {.partner_id = id, .limit = 1};
	ok(pd_audit_query(db, &newest, &log, &err) && log.n == 1, "a limit");
	c = log.n ? change(&log.v[0], "stage") : NULL;
	streq(c ? c->old_value : NULL, "glance", "a move: from");
	streq(c ? c->new_value : NULL, "dissolved", "to");
	pd_audit_log_finish(&log);

	/* A contact's and a log entry's edits and deletes belong to the partner. */
	pd_contact *ct = pd_contact_create();
	ct->partner_id = id;
	ct->name = strdup("Tomás Herrera");
	ct->email = strdup("tomas@old.example");
	ok(pd_contact_insert(db, ct, &err), "contact added");
	free(ct->email);
	ct->email = strdup("tomas@new.example");
	ok(pd_contact_update(db, ct, &err), "contact edited");
	pd_interaction it = {.partner_id = id, .text = strdup("first words"), .channel = strdup("phone")};
	strcpy(it.follow_up, "2026-12-01");
	ok(pd_interaction_insert(db, &it, &err), "logged");
	free(it.text);
	it.text = strdup("better words");
	ok(pd_interaction_update(db, &it, &err), "log entry edited: %s", err.msg);
	ok(pd_interaction_set_done(db, it.id, it.version, true, &err), "follow-up done");
	ok(pd_interaction_delete(db, it.id, it.version + 1, &err), "log entry deleted: %s", err.msg);
	ok(pd_contact_delete(db, ct->id, ct->version, &err), "contact deleted: %s", err.msg);
	ok(pd_audit_query(db, &f, &log, &err), "read again");
	is(log.n, 11, "the partner's trail holds its contact's and log's entries");
	const pd_audit_entry *e = log.n == 11 ? log.v : NULL;
	streq(e ? e[0].entity : NULL, "contact", "the contact's delete");
	c = e ? change(&e[0], "email") : NULL;
	ok(c && c->old_value && strcmp(c->old_value, "tomas@new.example") == 0 && !c->new_value,
		"a deleted contact's values are kept");
	c = e ? change(&e[1], "text") : NULL;
	streq(c ? c->old_value : NULL, "better words", "a deleted log entry's text is kept");
	c = e ? change(&e[2], "follow-up done") : NULL;
	ok(c && c->old_value && c->new_value && strcmp(c->old_value, "open") == 0 &&
	   strcmp(c->new_value, "done") == 0, "done: open -> done");
	c = e ? change(&e[3], "text") : NULL;
	streq(c ? c->old_value : NULL, "first words", "an edited log entry's old text");
	streq(c ? c->new_value : NULL, "better words", "and new");
	is(e ? e[3].n_changes : 0, 1, "only the text changed");
	c = e ? change(&e[5], "email") : NULL;
	streq(c ? c->old_value : NULL, "tomas@old.example", "a contact's old email");
	streq(c ? c->new_value : NULL, "tomas@new.example", "and new");
	pd_audit_log_finish(&log);

	/* Filters: user, since, oldest first; another partner's entries apart. */
	pd_audit_filter by_user = {.user = user};
	ok(pd_audit_query(db, &by_user, &log, &err) && log.n == 12, "by the OS user: all 12 (%zu)", log.n);
	pd_audit_log_finish(&log);
	pd_audit_filter nobody = {.user = "nobody-here"};
	ok(pd_audit_query(db, &nobody, &log, &err) && log.n == 0, "another user: none");
	pd_audit_log_finish(&log);
	pd_audit_filter since = {.since = "2026-11-23T14:06:00Z", .oldest_first = true};
	ok(pd_audit_query(db, &since, &log, &err), "since");
	ok(log.n == 10 && strcmp(log.v[0].at, "2026-11-23T14:06:00Z") == 0 &&
	   change(&log.v[0], "name"), "since a time, oldest first: the rename first");
	pd_audit_log_finish(&log);
	pd_audit_filter theirs = {.partner_id = other};
	ok(pd_audit_query(db, &theirs, &log, &err) && log.n == 1, "the other partner: its own entry only");
	pd_audit_log_finish(&log);

	/* A restore's entries say where they came from. */
	pd_audit_set_source(db, "restore of all.yaml");
	int64_t restored = tu_add(db, "Restored Zoo", "zoo");
	pd_audit_set_source(db, NULL);
	pd_audit_filter rz = {.partner_id = restored};
	ok(pd_audit_query(db, &rz, &log, &err) && log.n == 1 &&
	   strstr(log.v[0].detail, "added Restored Zoo") && strstr(log.v[0].detail, "from restore of all.yaml"),
		"a restore's entry: %s", log.n ? log.v[0].detail : "");
	pd_audit_log_finish(&log);
	int64_t later = tu_add(db, "Later Library", "library");
	pd_audit_filter lz = {.partner_id = later};
	ok(pd_audit_query(db, &lz, &log, &err) && log.n == 1 && !strstr(log.v[0].detail, "restore"),
		"and no longer after it");
	pd_audit_log_finish(&log);
	pd_partner_destroy(p);
	pd_contact_destroy(ct);
	pd_interaction_finish(&it);
	pd_db_close(db);

	/* Entries written before the trail kept values (schema 6) still read:
	 * their detail, and the partner found from the row. */
	raw_exec(tu_path("changes.db"),
		"INSERT INTO audit (at, os_user, entity, entity_id, action, detail, created, updated) "
		"VALUES ('2026-01-01T00:00:00Z', 'ana', 'partner', 2, 'update', "
		"'Other Museum: changed name, notes', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
	db = pd_db_open(tu_path("changes.db"), 0, NULL, &err);
	pd_audit_filter ana = {.user = "ana"};
	ok(db && pd_audit_query(db, &ana, &log, &err) && log.n == 1, "an old row read");
	ok(log.n && log.v[0].n_changes == 0 && strcmp(log.v[0].detail, "Other Museum: changed name, notes") == 0,
		"with its detail and no changes");
	pd_audit_log_finish(&log);
	pd_db_close(db);

	/* A schema-6 file: migration 7 finds the partner of each entry whose
	 * row is still there, so the partner's trail holds its old entries. */
	db = tu_open("six.db");
	int64_t six = tu_add(db, "Six Museum", "museum");
	pd_contact *c6 = pd_contact_create();
	c6->partner_id = six;
	c6->name = strdup("Sam Six");
	pd_contact_insert(db, c6, &err);
	pd_contact_destroy(c6);
	pd_db_close(db);
	raw_exec(tu_path("six.db"), TU_UNDO_14 "DROP TABLE audit_changes; DROP INDEX audit_by_partner; "
		"ALTER TABLE audit DROP COLUMN partner_id; DROP INDEX contacts_by_uid; DROP INDEX interactions_by_uid; DROP INDEX partners_by_uid; ALTER TABLE partners DROP COLUMN uid; "
		"ALTER TABLE contacts DROP COLUMN uid; ALTER TABLE interactions DROP COLUMN uid; ALTER TABLE interactions DROP COLUMN contact_name; " TU_UNDO_13 "PRAGMA user_version = 6;");
	db = pd_db_open(tu_path("six.db"), 0, NULL, &err);
	pd_audit_filter sf = {.partner_id = six};
	ok(db && pd_audit_query(db, &sf, &log, &err) && log.n == 2 && strcmp(log.v[0].entity, "contact") == 0,
		"a schema-6 file migrates, its contact's entry in the partner's trail: %s", err.msg);
	pd_audit_log_finish(&log);
	pd_db_close(db);

	/* Ids are not reused: the newest partner deleted, the next one added
	 * gets an id of its own (SQLite alone would give it the gone one's).
	 * Its trail holds its own entries, not the gone one's, and the
	 * desk-wide trail does not name it on the gone one's. */
	db = tu_open("reuse.db");
	int64_t gone = tu_add(db, "Gone Gallery", "museum");
	pd_partner *gp = pd_partner_get(db, gone, &err);
	ok(gp && pd_partner_delete(db, gone, gp->version, &err), "the newest partner deleted: %s", err.msg);
	pd_partner_destroy(gp);
	pd_db_set_now(db, TU_NOW + 60);
	int64_t next = tu_add(db, "New Nursery", "school");
	ok(next > gone, "the next partner gets an id of its own (%lld, %lld)", (long long)next, (long long)gone);
	pd_audit_filter nf = {.partner_id = next};
	ok(pd_audit_query(db, &nf, &log, &err) && log.n == 1 && strstr(log.v[0].detail, "New Nursery"),
		"its trail is its own entry only (%zu entries)", log.n);
	pd_audit_log_finish(&log);
	pd_audit_filter all = {.oldest_first = true};
	ok(pd_audit_query(db, &all, &log, &err) && log.n == 3, "the desk's trail: 3 entries (%zu)", log.n);
	bool misnamed = false;
	for (size_t i = 0; i < log.n; i++)
		if (strstr(log.v[i].detail, "Gone Gallery") && log.v[i].partner && strcmp(log.v[i].partner, "New Nursery") == 0)
			misnamed = true;
	ok(!misnamed, "the gone partner's entries are not put under the new one's name");
	pd_audit_log_finish(&log);

	/* Migration 7 on a file whose contact id was reused by another
	 * partner's contact: the old entries stay with nobody rather than
	 * join the wrong partner's trail. */
	int64_t zoo = tu_add(db, "Reuse Zoo", "zoo"), museum = tu_add(db, "Reuse Museum", "museum");
	pd_contact *secret = pd_contact_create();
	secret->partner_id = zoo;
	secret->name = strdup("Dr Secret Person");
	ok(pd_contact_insert(db, secret, &err), "a contact at the zoo");
	ok(pd_contact_delete(db, secret->id, secret->version, &err), "deleted");
	pd_db_set_now(db, TU_NOW + 120);
	pd_contact *plain = pd_contact_create();
	plain->partner_id = museum;
	plain->name = strdup("Pat Plain");
	ok(pd_contact_insert(db, plain, &err) && plain->id > secret->id,
	   "the museum's contact gets an id of its own (%lld after %lld)", (long long)plain->id,
	   (long long)secret->id);
	pd_db_close(db);
	/* As a file written before ids were kept apart: the museum's contact
	 * took the gone one's id, in its row and in the trail. */
	char reused[400];
	snprintf(reused, sizeof reused, "DROP TRIGGER audit_no_update; "
		"UPDATE contacts SET id = %lld WHERE id = %lld; "
		"UPDATE audit SET entity_id = %lld WHERE entity = 'contact' AND entity_id = %lld; "
		"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
		"BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;",
		(long long)secret->id, (long long)plain->id, (long long)secret->id, (long long)plain->id);
	raw_exec(tu_path("reuse.db"), reused);
	pd_contact_destroy(secret);
	pd_contact_destroy(plain);
	raw_exec(tu_path("reuse.db"), TU_UNDO_14 "DROP TABLE audit_changes; DROP INDEX audit_by_partner; "
		"ALTER TABLE audit DROP COLUMN partner_id; DROP INDEX contacts_by_uid; DROP INDEX interactions_by_uid; DROP INDEX partners_by_uid; ALTER TABLE partners DROP COLUMN uid; "
		"ALTER TABLE contacts DROP COLUMN uid; ALTER TABLE interactions DROP COLUMN uid; ALTER TABLE interactions DROP COLUMN contact_name; " TU_UNDO_13 "PRAGMA user_version = 6;");
	db = pd_db_open(tu_path("reuse.db"), 0, NULL, &err);
	pd_audit_filter mf = {.partner_id = museum};
	bool leaked = false;
	ok(db && pd_audit_query(db, &mf, &log, &err), "migrated: %s", err.msg);
	for (size_t i = 0; i < log.n; i++)
		if (strstr(log.v[i].detail, "Dr Secret"))
			leaked = true;
	ok(!leaked && log.n == 2, "the museum's trail holds no entry of the zoo's deleted contact (%zu entries)", log.n);
	pd_audit_log_finish(&log);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
