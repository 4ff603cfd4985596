/* Unit tests of the audit trail: every insert, update, delete and move
 * leaves a row with the OS user and the time, in the same transaction as
 * the change; the schema refuses to update or delete audit rows. */
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

static long audit_rows(const char *path)
{
	sqlite3 *h;
	sqlite3_open(path, &h);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(h, "SELECT count(*) FROM audit", -1, &st, NULL);
	long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return n;
}

int main(void)
{
	pd_error err = {0};
	setenv("USER", "not-the-real-user", 1);
	pd_db *db = tu_open("audit.db");
	const char *path = tu_path("audit.db");
	struct passwd *pw = getpwuid(getuid());
	const char *user = pw ? pw->pw_name : "";

	int64_t id = tu_add(db, "Valley Historical Archive", "archive");
	pd_audit_log log;
	ok(pd_audit_list(db, "partner", id, 0, &log, &err), "audit listed");
	is(log.n, 1, "an insert leaves one row");
	streq(log.n ? log.v[0].action : NULL, "insert", "action");
	streq(log.n ? log.v[0].user : NULL, user, "the OS user, not $USER");
	streq(log.n ? log.v[0].at : NULL, "2026-11-23T14:05:00Z", "the time");
	ok(log.n && strstr(log.v[0].detail, "Valley Historical Archive"), "a summary naming it");
	pd_audit_log_finish(&log);

	pd_partner *p = pd_partner_get(db, id, &err);
	free(p->phone);
	p->phone = strdup("555-0142");
	free(p->email);
	p->email = strdup("info@valley.example");
	pd_db_set_now(db, TU_NOW + 60);
	ok(pd_partner_update(db, p, &err), "update");
	pd_move_request m = {.to = "date", .reason = "oral history project"};
	ok(pd_stage_move(db, id, &m, &err), "move");
	ok(pd_audit_list(db, "partner", id, 0, &log, &err) && log.n == 3, "three rows for the partner");
	streq(log.n ? log.v[0].action : NULL, "move", "newest first: the move");
	ok(log.n && strstr(log.v[0].detail, "glance -> date") && strstr(log.v[0].detail, "oral history"),
		"the move's summary: %s", log.n ? log.v[0].detail : "");
	streq(log.n > 1 ? log.v[1].action : NULL, "update", "then the update");
	ok(log.n > 1 && strstr(log.v[1].detail, "phone") && strstr(log.v[1].detail, "email") &&
	   !strstr(log.v[1].detail, "website"), "the update names what changed: %s", log.n > 1 ? log.v[1].detail : "");
	streq(log.n > 1 ? log.v[1].at : NULL, "2026-11-23T14:06:00Z", "at its time");
	pd_audit_log_finish(&log);
	ok(pd_audit_list(db, "partner", id, 1, &log, &err) && log.n == 1, "a limit");
	pd_audit_log_finish(&log);

	pd_contact *c = pd_contact_create();
	c->partner_id = id;
	c->name = strdup("Tomás Herrera");
	pd_contact_insert(db, c, &err);
	pd_interaction it = {.partner_id = id, .text = strdup("left a voicemail")};
	pd_interaction_insert(db, &it, &err);
	ok(pd_audit_list(db, "contact", c->id, 0, &log, &err) && log.n == 1, "a contact insert is audited");
	pd_audit_log_finish(&log);
	ok(pd_audit_list(db, "interaction", it.id, 0, &log, &err) && log.n == 1, "an interaction insert too");
	ok(log.n && strstr(log.v[0].detail, "voicemail"), "with its text");
	pd_audit_log_finish(&log);
	pd_interaction_finish(&it);

	long before = audit_rows(path);
	/* a failed write leaves no audit row */
	p->version = 1;
	ok(!pd_partner_update(db, p, &err), "a conflicting update");
	is(audit_rows(path), before, "wrote no audit row");
	m = (pd_move_request){.to = "marriage"};
	ok(!pd_stage_move(db, id, &m, &err), "a refused move");
	is(audit_rows(path), before, "wrote no audit row");
	/* a rolled-back outer transaction takes its audit rows with it */
	pd_db_begin(db, &err);
	tu_add(db, "Rolled Back", NULL);
	pd_db_rollback(db);
	is(audit_rows(path), before, "the audit row went with the rollback");
	pd_partner_destroy(p);

	p = pd_partner_get(db, id, &err);
	ok(pd_partner_delete(db, id, p->version, &err), "delete");
	pd_partner_destroy(p);
	ok(pd_audit_list(db, "partner", id, 0, &log, &err), "the audit outlives the partner");
	streq(log.n ? log.v[0].action : NULL, "delete", "the delete is recorded");
	ok(log.n && strstr(log.v[0].detail, "Valley Historical Archive"), "with the name");
	pd_audit_log_finish(&log);
	ok(pd_audit_list(db, NULL, 0, 0, &log, &err) && (long)log.n == audit_rows(path), "all entries");
	pd_audit_log_finish(&log);

	/* append-only */
	sqlite3 *h;
	sqlite3_open(path, &h);
	char *msg = NULL;
	int rc = sqlite3_exec(h, "UPDATE audit SET os_user = 'someone else'", NULL, NULL, &msg);
	ok(rc != SQLITE_OK && msg && strstr(msg, "append-only"), "UPDATE of audit refused: %s", msg ? msg : "");
	sqlite3_free(msg);
	msg = NULL;
	rc = sqlite3_exec(h, "DELETE FROM audit", NULL, NULL, &msg);
	ok(rc != SQLITE_OK && msg && strstr(msg, "append-only"), "DELETE of audit refused: %s", msg ? msg : "");
	sqlite3_free(msg);
	sqlite3_close(h);
	long after = audit_rows(path);
	ok(after > 0 && after == before + 1, "every row still there");
	pd_contact_destroy(c);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
