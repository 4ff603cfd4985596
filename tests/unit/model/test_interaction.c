/* Unit tests of the outreach log and the agenda: defaults (now, the OS
 * user), validation, last contact and next follow-up kept on the
 * partner, done, delete, and follow-ups and reviews due or overdue. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"

static int64_t log_it(pd_db *db, int64_t partner, const char *at, const char *text, const char *follow_up)
{
	pd_error err = {0};
	pd_interaction it = {.partner_id = partner, .channel = strdup("phone"), .text = strdup(text)};
	if (at)
		snprintf(it.at, sizeof it.at, "%s", at);
	if (follow_up)
		snprintf(it.follow_up, sizeof it.follow_up, "%s", follow_up);
	int64_t id = pd_interaction_insert(db, &it, &err) ? it.id : 0;
	if (!id)
		printf("# log failed: %s\n", err.msg);
	pd_interaction_finish(&it);
	return id;
}

static void partner_activity(pd_db *db, int64_t id, char *last, char *next)
{
	pd_error err = {0};
	pd_partner_rows rows;
	pd_partner_query q = {0};
	pd_partner_query_run(db, &q, &rows, &err);
	for (size_t i = 0; i < rows.n; i++) {
		if (rows.v[i].id == id) {
			strcpy(last, rows.v[i].last_contact);
			strcpy(next, rows.v[i].next_follow_up);
		}
	}
	pd_partner_rows_finish(&rows);
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("log.db");
	int64_t zoo = tu_add(db, "Northside Zoo", "zoo");
	int64_t school = tu_add(db, "Garfield High School", "school");
	struct passwd *pw = getpwuid(getuid());

	pd_contact *c = pd_contact_create();
	c->partner_id = zoo;
	c->name = strdup("Priya Raman");
	c->title = strdup("Education Manager");
	c->channel = strdup("EMAIL");
	ok(pd_contact_insert(db, c, &err), "a contact");
	streq(c->channel, "email", "channel canonical");
	ok(pd_rules_is_outreach_title(pd_db_rules(db), c->title), "an outreach title");
	int64_t priya = c->id;
	pd_contact_destroy(c);
	c = pd_contact_create();
	c->partner_id = zoo;
	c->name = strdup("Pat Lee");
	pd_contact_insert(db, c, &err);
	pd_contact_destroy(c);
	c = pd_contact_create();
	c->partner_id = zoo;
	c->name = strdup("X");
	c->channel = strdup("carrier pigeon");
	ok(!pd_contact_insert(db, c, &err) && strstr(err.msg, "phone, email"), "a bad channel lists them");
	pd_contact_destroy(c);
	is(pd_contact_resolve(db, zoo, "PRIYA", &err), priya, "a contact by prefix");
	ok(pd_contact_resolve(db, zoo, "p", &err) == 0 && err.code == PD_ERR_AMBIGUOUS, "ambiguous contact");
	ok(pd_contact_resolve(db, school, "priya", &err) == 0 && err.code == PD_ERR_NOTFOUND,
		"only this partner's contacts");
	pd_contacts cs;
	ok(pd_contact_list(db, zoo, &cs, &err) && cs.n == 2, "two contacts");
	streq(cs.v[0].name, "Pat Lee", "ordered by name");
	pd_contacts_finish(&cs);

	/* an insert with empty at and NULL by: now and the OS user */
	pd_interaction it = {.partner_id = zoo, .contact_id = priya, .channel = strdup("Phone"),
		.text = strdup("Asked about the spring family nights"), .follow_up = "2026-11-20"};
	ok(pd_interaction_insert(db, &it, &err), "logged: %s", err.msg);
	streq(it.at, "2026-11-23T14:05:00Z", "empty at means now");
	streq(it.by, pw ? pw->pw_name : "", "NULL by means the OS user");
	streq(it.channel, "phone", "channel canonical");
	int64_t first = it.id;
	pd_interaction_finish(&it);

	char last[PD_TIME_LEN], next[PD_DATE_LEN];
	partner_activity(db, zoo, last, next);
	streq(last, "2026-11-23T14:05:00Z", "last contact kept on the partner");
	streq(next, "2026-11-20", "next follow-up kept on the partner");

	/* validation */
	it = (pd_interaction){.partner_id = zoo, .channel = strdup("fax"), .text = strdup("t")};
	ok(!pd_interaction_insert(db, &it, &err) && err.code == PD_ERR_INVALID, "unknown channel");
	free(it.channel);
	it.channel = NULL;
	strcpy(it.follow_up, "soon");
	ok(!pd_interaction_insert(db, &it, &err), "a bad follow-up");
	it.follow_up[0] = '\0';
	strcpy(it.at, "2026-11-2");
	ok(!pd_interaction_insert(db, &it, &err), "a bad time");
	strcpy(it.at, "2026-11-21");
	ok(pd_interaction_insert(db, &it, &err), "a date alone is a time");
	streq(it.at, "2026-11-21T00:00:00Z", "stored as its midnight");
	ok(pd_interaction_delete(db, it.id, it.version, &err), "and deleted again");
	it.at[0] = '\0';
	free(it.by);
	it.by = NULL;
	it.contact_id = priya;
	it.partner_id = school;
	ok(!pd_interaction_insert(db, &it, &err) && strstr(err.msg, "not one of"), "another partner's contact");
	it.partner_id = 9999;
	it.contact_id = 0;
	ok(!pd_interaction_insert(db, &it, &err) && err.code == PD_ERR_NOTFOUND, "no such partner");
	pd_interaction_finish(&it);

	/* more entries: an older one, a follow-up next week, one far away */
	log_it(db, zoo, "2026-10-01T09:00:00Z", "Met at the fair", "2026-11-25");
	int64_t far = log_it(db, school, "2026-11-01T10:00:00Z", "Email to the principal", "2027-03-01");
	log_it(db, school, "2026-11-02T10:00:00Z", "No follow-up here", NULL);
	partner_activity(db, zoo, last, next);
	streq(last, "2026-11-23T14:05:00Z", "an older entry does not move last contact back");

	pd_interactions list;
	ok(pd_interaction_list(db, zoo, 0, &list, &err) && list.n == 2, "the zoo's log");
	streq(list.v[0].at, "2026-11-23T14:05:00Z", "newest first");
	streq(list.v[0].contact_name, "Priya Raman", "with the contact's name");
	streq(list.v[0].partner_name, "Northside Zoo", "and the partner's");
	pd_interactions_finish(&list);
	ok(pd_interaction_list(db, zoo, 1, &list, &err) && list.n == 1, "a limit");
	pd_interactions_finish(&list);

	/* an engagement with its review in the past: on the agenda */
	pd_move_request m = {.to = "date", .reason = "a visit"};
	pd_stage_move(db, school, &m, &err);
	m = (pd_move_request){.to = "engagement", .reason = "semester pilot", .review_date = "2026-11-01"};
	ok(pd_stage_move(db, school, &m, &err), "an engagement past review");

	pd_agenda ag;
	ok(pd_agenda_load(db, 7, &ag, &err), "agenda for 7 days");
	is(ag.n, 3, "two follow-ups and one review");
	ok(ag.n == 3 && ag.v[0].kind == PD_AGENDA_REVIEW && strcmp(ag.v[0].date, "2026-11-01") == 0,
		"the overdue review first");
	is(ag.n ? ag.v[0].days : 0, -22, "22 days overdue");
	streq(ag.n ? ag.v[0].text : NULL, "Engagement review", "labelled with the stage");
	ok(ag.n == 3 && ag.v[1].kind == PD_AGENDA_FOLLOW_UP && ag.v[1].interaction_id == first,
		"then the overdue follow-up");
	is(ag.n > 1 ? ag.v[1].days : 0, -3, "3 days overdue");
	streq(ag.n > 1 ? ag.v[1].contact_name : NULL, "Priya Raman", "with its contact");
	streq(ag.n > 2 ? ag.v[2].date : NULL, "2026-11-25", "then the one due in two days");
	is(ag.n > 2 ? ag.v[2].days : 0, 2, "in 2 days");
	int64_t first_version = ag.n > 1 ? ag.v[1].interaction_version : 0;
	pd_agenda_finish(&ag);
	ok(pd_agenda_load(db, 0, &ag, &err) && ag.n == 2, "agenda for today: only what is overdue or due");
	pd_agenda_finish(&ag);
	ok(pd_agenda_load(db, 365, &ag, &err) && ag.n == 4, "a year ahead includes the far one");
	pd_agenda_finish(&ag);

	/* done clears it from the agenda and moves next follow-up on */
	ok(pd_interaction_set_done(db, first, first_version, true, &err), "follow-up done: %s", err.msg);
	partner_activity(db, zoo, last, next);
	streq(next, "2026-11-25", "next follow-up moves on");
	ok(pd_agenda_load(db, 7, &ag, &err) && ag.n == 2, "done is off the agenda");
	pd_agenda_finish(&ag);
	ok(!pd_interaction_set_done(db, first, first_version, false, &err) && err.code == PD_ERR_CONFLICT,
		"set_done is version-checked");
	ok(!pd_interaction_set_done(db, 777, 1, true, &err) && err.code == PD_ERR_NOTFOUND, "no such entry");

	/* update and delete keep the partner in step */
	pd_interaction e;
	ok(pd_interaction_get(db, far, &e, &err), "get");
	strcpy(e.follow_up, "2026-12-01");
	strcpy(e.at, "2026-11-22T08:00:00Z");
	ok(pd_interaction_update(db, &e, &err), "update");
	partner_activity(db, school, last, next);
	streq(next, "2026-12-01", "next follow-up follows the edit");
	streq(last, "2026-11-22T08:00:00Z", "last contact follows the edit");
	ok(pd_interaction_delete(db, e.id, e.version, &err), "delete");
	partner_activity(db, school, last, next);
	streq(next, "", "no follow-up left");
	streq(last, "2026-11-02T10:00:00Z", "last contact falls back");
	pd_interaction_finish(&e);
	ok(!pd_interaction_get(db, far, &e, &err) && err.code == PD_ERR_NOTFOUND, "gone");

	/* a dissolved partner's review never shows */
	m = (pd_move_request){.to = "dissolved", .reason = "ended"};
	ok(pd_stage_move(db, school, &m, &err), "dissolved");
	ok(pd_agenda_load(db, 7, &ag, &err) && ag.n == 1, "no review for a dissolved partner");
	pd_agenda_finish(&ag);

	/* deleting a contact leaves the log, without the contact */
	ok(pd_contact_delete(db, priya, 1, &err), "contact deleted");
	ok(pd_interaction_list(db, zoo, 0, &list, &err) && list.n == 2, "the log stays");
	ok(list.n && list.v[0].contact_id == 0 && list.v[0].contact_name == NULL, "without the contact");
	pd_interactions_finish(&list);

	pd_check_report rep;
	ok(pd_db_check(db, &rep, &err) && rep.ok, "check is clean after all that");
	for (size_t i = 0; i < rep.n_lines; i++)
		printf("# %s\n", rep.lines[i]);
	pd_check_report_finish(&rep);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
