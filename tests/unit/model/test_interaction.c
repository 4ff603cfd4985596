/* Unit tests of the outreach log and the agenda: defaults (now, the OS
 * user), validation, last contact and next follow-up kept on the
 * partner, done, delete, and follow-ups, stage reviews and the current
 * agreement's review and end dates due or overdue, and what settles them. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/agreement.h"
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

/* The one item of kind for partner in a fresh agenda of days (NULL: none,
 * or more than one); the agenda is kept in *ag for the caller to finish. */
static const pd_agenda_item *find(pd_db *db, int days, pd_agenda *ag, pd_agenda_kind kind, int64_t partner)
{
	pd_error err = {0};
	pd_agenda_finish(ag);
	if (!pd_agenda_load(db, days, ag, &err)) {
		printf("# agenda: %s\n", err.msg);
		return NULL;
	}
	const pd_agenda_item *hit = NULL;
	size_t n = 0;
	for (size_t i = 0; i < ag->n; i++)
		if (ag->v[i].kind == kind && ag->v[i].partner_id == partner && n++ == 0)
			hit = &ag->v[i];
	return n == 1 ? hit : NULL;
}

/* The agenda and its count agree, for the status bar. */
static bool counted(pd_db *db, int days)
{
	pd_error err = {0};
	pd_agenda ag = {0};
	bool same = pd_agenda_load(db, days, &ag, &err) && pd_agenda_count(db, days, &err) == (long)ag.n;
	pd_agenda_finish(&ag);
	return same;
}

/* An agreement's review and end dates: on the agenda while the agreement
 * is the partner's current one (the newest, for the stage it is at) and
 * the date is inside the horizon or past; settled by a later date, a
 * newer agreement, a move to another stage, a closed stage. */
static void agreement_dates(pd_db *db)
{
	pd_error err = {0};
	pd_agenda ag = {0};
	const pd_agenda_item *it;
	int64_t museum = tu_add(db, "Harbor Museum", "museum");
	pd_move_request m = {.to = "date", .reason = "one event"};
	ok(pd_stage_move(db, museum, &m, &err), "the museum at the date stage: %s", err.msg);
	pd_agreement a = {.partner_id = museum, .stage = strdup("date"), .title = strdup("Night at the docks"),
		.review_date = "2026-11-20", .end_date = "2026-11-28"};
	ok(pd_agreement_insert(db, &a, &err), "its agreement, reviewed 2026-11-20, ending 2026-11-28: %s", err.msg);

	it = find(db, 7, &ag, PD_AGENDA_AGREEMENT_REVIEW, museum);
	ok(it != NULL, "the agreement's review is on the agenda");
	streq(it ? it->date : NULL, "2026-11-20", "on its date");
	is(it ? it->days : 0, -3, "three days overdue");
	streq(it ? it->text : NULL, "Agreement review: Night at the docks", "in words of its own, with the title");
	ok(it && it->agreement_id == a.id, "naming the agreement");
	it = find(db, 7, &ag, PD_AGENDA_AGREEMENT_END, museum);
	ok(it != NULL, "so is its end, inside the horizon");
	is(it ? it->days : 0, 5, "in five days");
	streq(it ? it->text : NULL, "Agreement ends: Night at the docks", "as ending");
	/* Sorted with the rest by date. */
	bool sorted = ag.n > 0;
	for (size_t i = 1; i < ag.n; i++)
		sorted = sorted && strcmp(ag.v[i - 1].date, ag.v[i].date) <= 0;
	ok(sorted, "the agenda stays in date order");
	ok(counted(db, 7) && counted(db, 0) && counted(db, 365), "the count agrees with the agenda");
	ok(find(db, 3, &ag, PD_AGENDA_AGREEMENT_END, museum) == NULL, "an end past the horizon is not shown yet");
	ok(find(db, 0, &ag, PD_AGENDA_AGREEMENT_REVIEW, museum) != NULL, "an overdue review is shown at any horizon");

	strcpy(a.end_date, "2026-11-21");
	ok(pd_agreement_update(db, &a, &err), "the end moved into the past: %s", err.msg);
	it = find(db, 0, &ag, PD_AGENDA_AGREEMENT_END, museum);
	ok(it && it->days == -2, "an ended agreement stays on the agenda");
	streq(it ? it->text : NULL, "Agreement ended: Night at the docks", "as ended");
	strcpy(a.end_date, "2027-06-30");
	strcpy(a.review_date, "2027-05-01");
	ok(pd_agreement_update(db, &a, &err), "renewed: later review and end dates: %s", err.msg);
	ok(!find(db, 7, &ag, PD_AGENDA_AGREEMENT_REVIEW, museum) && !find(db, 7, &ag, PD_AGENDA_AGREEMENT_END, museum),
	   "later dates settle both");
	ok(find(db, 365, &ag, PD_AGENDA_AGREEMENT_END, museum) != NULL, "which a longer horizon shows");

	pd_agreement newer = {.partner_id = museum, .stage = strdup("date"), .title = strdup("Second season")};
	ok(pd_agreement_insert(db, &newer, &err), "a newer agreement without dates: %s", err.msg);
	ok(!find(db, 365, &ag, PD_AGENDA_AGREEMENT_END, museum), "an agreement a newer one replaced is off the agenda");
	strcpy(newer.review_date, "2026-11-22");
	ok(pd_agreement_update(db, &newer, &err), "the newer one reviewed yesterday: %s", err.msg);
	it = find(db, 7, &ag, PD_AGENDA_AGREEMENT_REVIEW, museum);
	ok(it && it->agreement_id == newer.id, "the newer agreement's review is shown");
	streq(it ? it->text : NULL, "Agreement review: Second season", "with its title");

	m = (pd_move_request){.to = "engagement", .reason = "a season", .review_date = "2026-11-22"};
	ok(pd_stage_move(db, museum, &m, &err), "the museum moves to engagement: %s", err.msg);
	ok(!find(db, 7, &ag, PD_AGENDA_AGREEMENT_REVIEW, museum), "an agreement for a stage left behind is settled");
	pd_agreement eng = {.partner_id = museum, .stage = strdup("engagement"), .review_date = "2026-11-22",
		.end_date = "2026-11-26"};
	ok(pd_agreement_insert(db, &eng, &err), "the engagement's agreement, reviewed with the stage: %s", err.msg);
	ok(find(db, 7, &ag, PD_AGENDA_REVIEW, museum) != NULL, "the stage review is shown");
	ok(!find(db, 7, &ag, PD_AGENDA_AGREEMENT_REVIEW, museum),
	   "an agreement review on the stage review's day is not shown twice");
	it = find(db, 7, &ag, PD_AGENDA_AGREEMENT_END, museum);
	streq(it ? it->text : NULL, "Agreement ends", "an untitled agreement's end");
	ok(counted(db, 7) && counted(db, 0), "the count still agrees");

	m = (pd_move_request){.to = "dissolved", .reason = "ended"};
	ok(pd_stage_move(db, museum, &m, &err), "dissolved: %s", err.msg);
	ok(!find(db, 7, &ag, PD_AGENDA_AGREEMENT_END, museum) && !find(db, 7, &ag, PD_AGENDA_REVIEW, museum),
	   "a dissolved partner's agreement is off the agenda");
	ok(counted(db, 7), "and off the count");
	pd_agenda_finish(&ag);
	pd_agreement_finish(&a);
	pd_agreement_finish(&newer);
	pd_agreement_finish(&eng);
}

/* A follow-up's words on an agenda row (the interface's and the command
 * line's): led by its person, unless the note begins with the name. */
static void follow_up_words(void)
{
	char buf[64];
	pd_agenda_item it = {.kind = PD_AGENDA_FOLLOW_UP, .contact_name = "Gabriela Ríos",
		.text = "Gabriela Ríos asked about the stall"};
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "Gabriela Ríos asked about the stall", "a note that begins with its person's name is alone");
	it.text = "Asked for the flyers\nand the posters";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "Gabriela Ríos: Asked for the flyers", "one that does not is led by it, its first line");
	it.text = "gabriela ríos asked about the stall";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "gabriela ríos asked about the stall", "the name in another case: the note alone");
	it.text = "GABRIELA RI\xcc\x81OS, asked again";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "GABRIELA RI\xcc\x81OS, asked again", "in capitals with the accent decomposed: alone");
	it.text = "gabriela ríosa asked";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "Gabriela Ríos: gabriela ríosa asked", "folded, still the whole name");
	it.text = "gabriela ríos-smith asked";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "Gabriela Ríos: gabriela ríos-smith asked", "folded, a hyphen joined to more is another name");
	it.text = "gabriela ríos - asked";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "gabriela ríos - asked", "folded, a hyphen standing alone ends it");
	it.contact_name = "Ann";
	it.text = "Anne Smith will call";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "Ann: Anne Smith will call", "the whole name, not Ann before Anne");
	it.contact_name = "Ann Lee";
	it.contact_removed = true;
	it.text = "Ann Lee left\r\nin June";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "Ann Lee (removed): Ann Lee left", "a removed person keeps the mark");
	it.contact_name = "Marcus Bell";
	it.contact_removed = false;
	it.text = "wants the\tsummer dates\nand the flyer";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "Marcus Bell: wants the summer dates", "a tab pasted in the note is a space, not a ^I");
	it.contact_name = NULL;
	it.text = "call back";
	pd_agenda_follow_up_words(&it, buf, sizeof buf);
	streq(buf, "call back", "no person: the note alone");
	it.contact_name = "Gabriela Ríos";
	it.text = "a note";
	char small[12];   /* "Gabriela R" and one byte of the two of í */
	pd_agenda_follow_up_words(&it, small, sizeof small);
	streq(small, "Gabriela R", "cut to size at a whole character");
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
	/* What an import asks for each row: the whole name, as names match. */
	err = (pd_error){0};
	is(pd_contact_find_named(db, zoo, "  priya   RAMAN ", 0, &err), priya, "a contact by its whole name");
	is(pd_contact_find_named(db, zoo, "Priya", 0, &err), 0, "not by a prefix");
	is(pd_contact_find_named(db, school, "Priya Raman", 0, &err), 0, "only this partner's");
	is(pd_contact_find_named(db, zoo, "Priya Raman", priya, &err), 0, "none after the only one");
	ok(err.code == PD_OK, "no error for none: %s", err.msg);
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

	agreement_dates(db);
	follow_up_words();

	pd_check_report rep;
	ok(pd_db_check(db, &rep, &err) && rep.ok, "check is clean after all that");
	for (size_t i = 0; i < rep.n_lines; i++)
		printf("# %s\n", rep.lines[i]);
	pd_check_report_finish(&rep);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
