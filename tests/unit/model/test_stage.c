/* Unit tests of stage moves: allowed moves, refusals that say why, the
 * requirements (reason, review date, approval), review dates on the
 * partner, the history rows and audit entries with who moved it, and
 * moves out of a stage the config no longer lists. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"

/* The change to field in e, or NULL. */
static const pd_audit_change *audit_change(const pd_audit_entry *e, const char *field)
{
	for (size_t i = 0; e && i < e->n_changes; i++)
		if (strcmp(e->changes[i].field, field) == 0)
			return &e->changes[i];
	return NULL;
}

static pd_partner *get(pd_db *db, int64_t id)
{
	pd_error err = {0};
	return pd_partner_get(db, id, &err);
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("stage.db");
	int64_t id = tu_add(db, "Riverside Science Center", "science center");

	pd_move_request m = {.to = "marriage", .reason = "x", .approved_by = "y"};
	ok(!pd_stage_move(db, id, &m, &err), "glance -> marriage refused");
	is(err.code, PD_ERR_REFUSED, "as refused");
	streq(err.msg, "glance cannot move to marriage; from glance: date, dissolved", "saying what is allowed");

	m = (pd_move_request){.to = "date"};
	ok(!pd_stage_move(db, id, &m, &err) && err.code == PD_ERR_REFUSED, "date needs a reason");
	streq(err.msg, "moving to date needs a reason (why?)", "the reason is asked for");
	m.reason = "   ";
	ok(!pd_stage_move(db, id, &m, &err), "a blank reason is no reason");

	m = (pd_move_request){.to = "nowhere"};
	ok(!pd_stage_move(db, id, &m, &err) && err.code == PD_ERR_INVALID, "an unknown stage");
	ok(strstr(err.msg, "glance, date, engagement, marriage, dissolved") != NULL, "lists the stages");
	m = (pd_move_request){.to = "glance"};
	ok(!pd_stage_move(db, id, &m, &err) && strstr(err.msg, "already at glance"), "no move to where it is");
	ok(!pd_stage_move(db, 9999, &(pd_move_request){.to = "date", .reason = "r"}, &err) &&
	   err.code == PD_ERR_NOTFOUND, "no such partner");

	pd_partner *p = get(db, id);
	is(p->version, 1, "refusals changed nothing");
	pd_partner_destroy(p);

	m = (pd_move_request){.to = "DATE", .reason = "summer reading kickoff together"};
	ok(pd_stage_move(db, id, &m, &err), "glance -> date: %s", err.msg);
	p = get(db, id);
	streq(p->stage, "date", "now a date");
	is(p->version, 2, "the move bumped the version");
	streq(p->review_date, "", "a date has no review");
	pd_partner_destroy(p);

	/* engagement: review date defaulted from review_days, or given */
	m = (pd_move_request){.to = "engagement"};
	ok(!pd_stage_move(db, id, &m, &err), "engagement needs a reason");
	streq(err.msg, "moving to engagement needs a reason (why?)", "only the reason is missing");
	m.reason = "a year of STEM nights";
	pd_db_set_now(db, TU_NOW + 86400);   /* the next day */
	ok(pd_stage_move(db, id, &m, &err), "date -> engagement: %s", err.msg);
	p = get(db, id);
	streq(p->review_date, "2027-02-22", "review defaulted to 90 days on");
	pd_partner_destroy(p);

	/* marriage needs an approval */
	m = (pd_move_request){.to = "marriage", .reason = "board signed"};
	ok(!pd_stage_move(db, id, &m, &err), "marriage without approval refused");
	streq(err.msg, "moving to marriage needs an approval (who approved it?)", "asks who approved it");
	m = (pd_move_request){.to = "marriage"};
	ok(!pd_stage_move(db, id, &m, &err), "marriage with nothing refused");
	streq(err.msg, "moving to marriage needs a reason (why?) and an approval (who approved it?)",
		"names everything missing");
	m = (pd_move_request){.to = "marriage", .reason = "board signed", .approved_by = "Director Ruiz",
		.expected_version = 1};
	ok(!pd_stage_move(db, id, &m, &err) && err.code == PD_ERR_CONFLICT, "a stale expected version conflicts");
	m.expected_version = 3;
	ok(pd_stage_move(db, id, &m, &err), "engagement -> marriage: %s", err.msg);
	p = get(db, id);
	streq(p->stage, "marriage", "married");
	streq(p->review_date, "", "the review date is cleared");
	pd_partner_destroy(p);

	/* back to engagement with a given review date */
	m = (pd_move_request){.to = "engagement", .reason = "scaling back", .review_date = "2027-06-30"};
	ok(pd_stage_move(db, id, &m, &err), "marriage -> engagement");
	p = get(db, id);
	streq(p->review_date, "2027-06-30", "the given review date is kept");
	pd_partner_destroy(p);
	m = (pd_move_request){.to = "date", .reason = "r", .review_date = "someday"};
	ok(!pd_stage_move(db, id, &m, &err) && err.code == PD_ERR_INVALID, "a bad review date is refused");

	/* A review date on a move to a stage with no review period is refused,
	 * not stored (the agenda would show a review the stage does not have). */
	m = (pd_move_request){.to = "dissolved", .reason = "funding ended", .review_date = "2027-01-15"};
	ok(!pd_stage_move(db, id, &m, &err) && err.code == PD_ERR_INVALID, "a review date on dissolved is refused");
	streq(err.msg, "Dissolved has no review period, so a move there keeps no review date: leave the review "
	      "date out", "saying why and what to do");
	p = get(db, id);
	ok(p && strcmp(p->stage, "engagement") == 0 && strcmp(p->review_date, "2027-06-30") == 0,
	   "nothing moved, the review date as it was");
	pd_partner_destroy(p);
	m = (pd_move_request){.to = "dissolved", .reason = "funding ended"};
	ok(pd_stage_move(db, id, &m, &err), "engagement -> dissolved");
	m = (pd_move_request){.to = "date", .reason = "r"};
	ok(!pd_stage_move(db, id, &m, &err), "dissolved -> date refused");
	streq(err.msg, "dissolved cannot move to date; from dissolved: glance", "only glance from dissolved");
	m = (pd_move_request){.to = "glance", .reason = "new director called"};
	ok(pd_stage_move(db, id, &m, &err), "dissolved -> glance: renewing contact");

	/* the history */
	pd_history h;
	ok(pd_history_list(db, id, &h, &err), "history");
	is(h.n, 7, "creation plus six moves");
	struct passwd *pw = getpwuid(getuid());
	const char *user = pw ? pw->pw_name : "";
	ok(h.n >= 7 && h.v[0].from == NULL && strcmp(h.v[0].to, "glance") == 0, "first row: created at glance");
	ok(h.n >= 7 && strcmp(h.v[1].from, "glance") == 0 && strcmp(h.v[1].to, "date") == 0, "then to date");
	streq(h.n >= 7 ? h.v[1].reason : NULL, "summer reading kickoff together", "with the reason");
	streq(h.n >= 7 ? h.v[1].at : NULL, "2026-11-23T14:05:00Z", "when");
	streq(h.n >= 7 ? h.v[1].by : NULL, user, "who: the OS user");
	streq(h.n >= 7 ? h.v[2].at : NULL, "2026-11-24T14:05:00Z", "the next day");
	streq(h.n >= 7 ? h.v[2].review_date : NULL, "2027-02-22", "the review date is recorded");
	streq(h.n >= 7 ? h.v[3].approved_by : NULL, "Director Ruiz", "the approval is recorded");
	streq(h.n >= 7 ? h.v[6].to : NULL, "glance", "last: back to glance");
	pd_history_finish(&h);

	/* restoring history verbatim (backup import) */
	pd_move raw = {.partner_id = id, .to = "date", .from = "glance", .at = "2020-01-02T03:04:05Z",
		.by = "archivist", .reason = "imported"};
	ok(pd_history_insert_raw(db, &raw, &err), "raw history insert");
	ok(pd_history_list(db, id, &h, &err) && h.n == 8, "eight rows");
	streq(h.v[0].by, "archivist", "a restored row sorts by its time");
	streq(h.v[0].at, "2020-01-02T03:04:05Z", "its time kept");
	pd_history_finish(&h);
	strcpy(raw.at, "yesterday");
	ok(!pd_history_insert_raw(db, &raw, &err) && err.code == PD_ERR_INVALID, "a bad time refused");

	/* The audit keeps a move's review date and approval as well as the
	 * history does, and the review date a move settles. */
	int64_t aud = tu_add(db, "Audited Zoo", "zoo");
	ok(pd_stage_move(db, aud, &(pd_move_request){.to = "date", .reason = "a"}, &err) &&
	   pd_stage_move(db, aud, &(pd_move_request){.to = "engagement", .reason = "b",
	                                              .review_date = "2027-01-10"}, &err),
	   "to an engagement: %s", err.msg);
	pd_audit_filter newest = {.partner_id = aud, .limit = 1};
	pd_audit_log log;
	ok(pd_audit_query(db, &newest, &log, &err) && log.n == 1, "its newest audit entry");
	const pd_audit_change *c = log.n ? audit_change(&log.v[0], "review date") : NULL;
	streq(c ? c->new_value : NULL, "2027-01-10", "the review date the move set");
	pd_audit_log_finish(&log);
	ok(pd_stage_move(db, aud, &(pd_move_request){.to = "marriage", .reason = "c",
	                                              .approved_by = "Library Board"}, &err),
	   "to a marriage: %s", err.msg);
	ok(pd_audit_query(db, &newest, &log, &err) && log.n == 1, "its newest audit entry");
	streq(log.n ? log.v[0].user : NULL, user, "by the OS user");
	c = log.n ? audit_change(&log.v[0], "approved by") : NULL;
	streq(c ? c->new_value : NULL, "Library Board", "who approved it");
	c = log.n ? audit_change(&log.v[0], "review date") : NULL;
	streq(c ? c->old_value : NULL, "2027-01-10", "the review date it settled");
	ok(c && !c->new_value, "to none");
	pd_audit_log_finish(&log);

	const char *out[8];
	is(pd_stage_allowed(pd_db_rules(db), "date", out, 8), 3, "three moves from date");
	streq(out[0], "glance", "in pipeline order");

	/* A stage the config no longer lists (renamed there): a partner left
	 * in it can move out to any listed stage, with a reason, and the rules
	 * into that stage still hold. */
	int64_t left = tu_add(db, "Left Behind Archive", "archive");
	ok(pd_stage_move(db, left, &(pd_move_request){.to = "date", .reason = "r"}, &err) &&
	   pd_stage_move(db, left, &(pd_move_request){.to = "engagement", .reason = "r"}, &err),
	   "a partner at engagement: %s", err.msg);
	pd_db_close(db);
	pd_rules renamed;
	pd_rules_init_defaults(&renamed);
	for (size_t i = 0; i < renamed.n_stages; i++)
		if (strcmp(renamed.stages[i].name, "engagement") == 0)
			pd_set_str(&renamed.stages[i].name, "trial");
	for (size_t i = 0; i < renamed.n_transitions; i++) {
		if (strcmp(renamed.transitions[i].from, "engagement") == 0)
			pd_set_str(&renamed.transitions[i].from, "trial");
		if (strcmp(renamed.transitions[i].to, "engagement") == 0)
			pd_set_str(&renamed.transitions[i].to, "trial");
	}
	db = pd_db_open(tu_path("stage.db"), 0, &renamed, &err);
	ok(db != NULL, "reopened with engagement renamed trial: %s", err.msg);
	is(pd_stage_allowed(pd_db_rules(db), "engagement", out, 8), 5, "every listed stage is a way out");
	m = (pd_move_request){.to = "marriage", .reason = "board signed"};
	ok(!pd_stage_move(db, left, &m, &err), "out to marriage still needs the approval");
	streq(err.msg, "moving to marriage needs an approval (who approved it?)", "as any way into marriage");
	m = (pd_move_request){.to = "date"};
	ok(!pd_stage_move(db, left, &m, &err) && err.code == PD_ERR_REFUSED, "and a reason");
	m.reason = "config renamed engagement";
	ok(pd_stage_move(db, left, &m, &err), "engagement (unlisted) -> date: %s", err.msg);
	p = get(db, left);
	streq(p ? p->stage : NULL, "date", "moved out");
	pd_partner_destroy(p);
	is(pd_stage_allowed(pd_db_rules(db), "date", out, 8), 3, "a listed stage keeps its rules only");
	pd_db_close(db);
	pd_rules_finish(&renamed);
	tu_cleanup();
	return tap_done();
}
