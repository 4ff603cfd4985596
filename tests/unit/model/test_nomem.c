/* Unit tests that a list whose row holds text the model cannot copy (out
 * of memory) fails as out of memory, rather than handing back the row with
 * that text missing: a partner's agreements, people and goals, the stage
 * history (and the pipeline report that counts moves from it), and the
 * partner list's rows. The model copies a
 * column's text with strdup; this program's own strdup, which the model
 * links to, refuses one chosen text as the allocator would when memory
 * runs out. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/report.h"
#include "partnerdesk/model/stage.h"

static const char *refuse;   /* the text whose copy fails (NULL: none) */
static int refused;          /* how many copies were refused */

char *strdup(const char *s)
{
	if (refuse && strcmp(s, refuse) == 0) {
		refused++;
		errno = ENOMEM;
		return NULL;
	}
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	return d ? memcpy(d, s, n) : NULL;
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	char *msg = NULL;
	if (sqlite3_open(path, &h) != SQLITE_OK || sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		printf("# %s: %s\n", sql, msg ? msg : sqlite3_errmsg(h));
		exit(99);
	}
	sqlite3_close(h);
}

/* pd_agreement_list with the copy of `text` refused: whether it failed
 * as out of memory, the copy having been asked for. */
static bool agreements_fail(pd_db *db, int64_t partner, const char *text)
{
	pd_agreements list = {0};
	pd_error err = {0};
	refuse = text;
	refused = 0;
	bool read = pd_agreement_list(db, partner, &list, &err);
	refuse = NULL;
	pd_agreements_finish(&list);
	return !read && err.code == PD_ERR_NOMEM && refused > 0;
}

static bool pipeline_fails(pd_db *db, const char *text)
{
	pd_report r = {0};
	pd_error err = {0};
	refuse = text;
	refused = 0;
	bool built = pd_report_build(db, PD_REPORT_PIPELINE, PD_PERIOD_ALL, &r, &err);
	refuse = NULL;
	pd_report_finish(&r);
	return !built && err.code == PD_ERR_NOMEM && refused > 0;
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("nomem.db");
	const char *path = tu_path("nomem.db");
	int64_t id = tu_add(db, "Harbor Arts Collective", "arts organisation");
	ok(id > 0, "a partner");

	/* An agreement with a title and notes, its approver left NULL. */
	pd_agreement ag = {.partner_id = id, .stage = strdup("glance"), .title = strdup("Robotics club"),
		.notes = strdup("room 4 on Tuesdays")};
	ok(pd_agreement_insert(db, &ag, &err), "an agreement: %s", err.msg);
	pd_agreement_finish(&ag);

	pd_agreements list = {0};
	ok(pd_agreement_list(db, id, &list, &err) && list.n == 1 && list.v[0].title &&
	   strcmp(list.v[0].title, "Robotics club") == 0 && list.v[0].approved_by == NULL,
	   "read whole with memory to spare, a NULL column still NULL");
	pd_agreements_finish(&list);
	ok(agreements_fail(db, id, "Robotics club"), "a title that cannot be copied fails the list as out of memory");
	ok(agreements_fail(db, id, "room 4 on Tuesdays"), "so do notes");
	ok(agreements_fail(db, id, "glance"), "and the stage");

	/* A person, read as every contact list is. */
	pd_contact *c = pd_contact_create();
	c->partner_id = id;
	c->name = strdup("Ines Alvarez");
	ok(pd_contact_insert(db, c, &err), "a contact: %s", err.msg);
	pd_contact_destroy(c);
	pd_contacts people = {0};
	refuse = "Ines Alvarez";
	refused = 0;
	ok(!pd_contact_list(db, id, &people, &err) && err.code == PD_ERR_NOMEM && refused > 0 && people.n == 0,
	   "a contact's name that cannot be copied fails the list as out of memory, the list freed");
	refuse = NULL;
	ok(pd_contact_list(db, id, &people, &err) && people.n == 1, "read whole with memory to spare");
	pd_contacts_finish(&people);

	/* A goal's note. */
	ok(pd_goal_set(db, id, pd_db_rules(db)->goals.v[0], "their board asked", &err), "a goal: %s", err.msg);
	pd_goals goals = {0};
	refuse = "their board asked";
	refused = 0;
	ok(!pd_goal_list(db, id, &goals, &err) && err.code == PD_ERR_NOMEM && refused > 0,
	   "a goal's note that cannot be copied fails the list as out of memory");
	refuse = NULL;
	pd_goals_finish(&goals);
	ok(pd_goal_list(db, id, &goals, &err) && goals.n == 1 && goals.v[0].note &&
	   strcmp(goals.v[0].note, "their board asked") == 0, "read whole with memory to spare");
	pd_goals_finish(&goals);

	/* A move from a stage no other text of the report names. */
	char sql[512];
	snprintf(sql, sizeof sql, "INSERT INTO stage_history (partner_id, from_stage, to_stage, at, moved_by, "
		"created, updated) VALUES (%lld, 'marker-from', 'marker-to', '2026-11-20T10:00:00Z', 'test', "
		"'2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z')", (long long)id);
	raw_exec(path, sql);
	pd_report r = {0};
	ok(pd_report_build(db, PD_REPORT_PIPELINE, PD_PERIOD_ALL, &r, &err), "the pipeline builds: %s", err.msg);
	pd_report_finish(&r);
	ok(pipeline_fails(db, "marker-from"),
	   "a move's from-stage that cannot be copied fails the report, not counted as a partner's start");
	ok(pipeline_fails(db, "marker-to"), "so does its to-stage");

	/* The stage history: a move's from-stage, reason and approver. */
	snprintf(sql, sizeof sql, "INSERT INTO stage_history (partner_id, from_stage, to_stage, at, moved_by, "
		"reason, approved_by, created, updated) VALUES (%lld, 'hist-from', 'hist-to', "
		"'2026-11-21T10:00:00Z', 'test', 'hist-reason', 'hist-approver', '2026-11-21T10:00:00Z', "
		"'2026-11-21T10:00:00Z')", (long long)id);
	raw_exec(path, sql);
	static const char *const move_texts[] = {"hist-from", "hist-reason", "hist-approver"};
	for (size_t i = 0; i < sizeof move_texts / sizeof move_texts[0]; i++) {
		pd_history h = {0};
		refuse = move_texts[i];
		refused = 0;
		ok(!pd_history_list(db, id, &h, &err) && err.code == PD_ERR_NOMEM && refused > 0 && h.n == 0,
		   "a move's %s that cannot be copied fails the history as out of memory, the list freed",
		   move_texts[i]);
		refuse = NULL;
		pd_history_finish(&h);
	}
	pd_history h = {0};
	bool whole = false;
	if (pd_history_list(db, id, &h, &err))
		for (size_t i = 0; i < h.n; i++)
			whole |= h.v[i].from && strcmp(h.v[i].from, "hist-from") == 0 && h.v[i].reason &&
			         h.v[i].approved_by && strcmp(h.v[i].approved_by, "hist-approver") == 0;
	ok(whole, "the history read whole with memory to spare: %s", err.msg);
	pd_history_finish(&h);

	/* The partner list's rows: kind, scale and owner. */
	snprintf(sql, sizeof sql, "UPDATE partners SET scale = 'micro', owner = 'row-owner' WHERE id = %lld",
	         (long long)id);
	raw_exec(path, sql);
	static const char *const row_texts[] = {"arts organisation", "micro", "row-owner"};
	pd_partner_query q = {0};
	for (size_t i = 0; i < sizeof row_texts / sizeof row_texts[0]; i++) {
		pd_partner_rows rows = {0};
		refuse = row_texts[i];
		refused = 0;
		ok(!pd_partner_query_run(db, &q, &rows, &err) && err.code == PD_ERR_NOMEM && refused > 0,
		   "a partner's %s that cannot be copied fails the list as out of memory", row_texts[i]);
		refuse = NULL;
		pd_partner_rows_finish(&rows);
	}
	pd_partner_rows rows = {0};
	ok(pd_partner_query_run(db, &q, &rows, &err) && rows.n == 1 && rows.v[0].owner &&
	   strcmp(rows.v[0].owner, "row-owner") == 0 && rows.v[0].scale && rows.v[0].kind,
	   "the list read whole with memory to spare: %s", err.msg);
	pd_partner_rows_finish(&rows);

	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
