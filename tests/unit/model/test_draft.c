/* Unit tests of drafts (saved as typed, offered back, per OS user), and of
 * agreements, fit scores and goals. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/partner.h"

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("draft.db");
	int64_t id = tu_add(db, "Eastside Botanical Garden", "botanical garden");

	/* ---- drafts ---- */
	pd_draft d = {.form = strdup("log"), .partner_id = id, .payload = strdup("Called about the")};
	ok(pd_draft_save(db, &d, &err), "first save");
	ok(d.id > 0, "gets an id");
	ok(d.user && *d.user, "the OS user is set by the model");
	int64_t did = d.id;
	free(d.payload);
	d.payload = strdup("Called about the seed library");
	pd_db_set_now(db, TU_NOW + 5);
	ok(pd_draft_save(db, &d, &err), "saved again while typing");
	is(d.id, did, "the same draft");
	pd_draft e = {.form = strdup("partner"), .payload = strdup("name=New pla")};
	pd_db_set_now(db, TU_NOW + 10);
	ok(pd_draft_save(db, &e, &err), "another form's draft");

	/* a dropped session: a new handle finds them */
	pd_db *again = pd_db_open(tu_path("draft.db"), 0, NULL, &err);
	pd_drafts list;
	ok(pd_draft_list(again, &list, &err), "drafts listed");
	is(list.n, 2, "both");
	streq(list.n ? list.v[0].form : NULL, "partner", "newest first");
	streq(list.n > 1 ? list.v[1].payload : NULL, "Called about the seed library", "the latest text");
	is(list.n > 1 ? list.v[1].partner_id : 0, id, "with its partner");
	streq(list.n > 1 ? list.v[1].updated : NULL, "2026-11-23T14:05:05Z", "and when");
	pd_drafts_finish(&list);

	ok(pd_draft_delete(again, &d, &err), "deleted once saved for real");
	ok(pd_draft_list(db, &list, &err) && list.n == 1, "one left");
	pd_drafts_finish(&list);
	ok(pd_draft_save(db, &d, &err), "saving a deleted draft makes a new one");
	ok(d.id != did, "with a new id");

	/* a draft for a partner deleted meanwhile keeps its text */
	pd_partner *p = pd_partner_get(db, id, &err);
	int64_t gone = tu_add(db, "Temporary", NULL);
	pd_draft t = {.form = strdup("log"), .partner_id = gone, .payload = strdup("keep me")};
	pd_draft_save(db, &t, &err);
	pd_partner_delete(db, gone, 1, &err);
	ok(pd_draft_list(db, &list, &err), "listed after the delete");
	bool kept = false;
	for (size_t i = 0; i < list.n; i++)
		if (strcmp(list.v[i].payload, "keep me") == 0 && list.v[i].partner_id == 0)
			kept = true;
	ok(kept, "the text is kept, the partner link dropped");
	pd_drafts_finish(&list);
	pd_draft no = {.payload = strdup("x")};
	ok(!pd_draft_save(db, &no, &err) && err.code == PD_ERR_INVALID, "a draft needs its form");
	pd_draft_finish(&no);
	pd_draft_finish(&t);
	pd_draft_finish(&d);
	pd_draft_finish(&e);
	pd_db_close(again);

	/* ---- agreements ---- */
	pd_agreement a = {.partner_id = id, .stage = strdup("Engagement"), .title = strdup("Seed library pilot"),
		.approved_by = strdup("Branch manager")};
	strcpy(a.start_date, "2026-12-01");
	strcpy(a.end_date, "2027-05-31");
	strcpy(a.review_date, "2027-03-01");
	ok(pd_agreement_add_offer(&a, "library", "SPACE", "the lobby case"), "a library offer");
	ok(pd_agreement_add_offer(&a, "partner", "seeds and volunteers", NULL), "a partner offer");
	ok(pd_agreement_insert(db, &a, &err), "agreement saved: %s", err.msg);
	streq(a.stage, "engagement", "stage canonical");
	pd_agreements al;
	ok(pd_agreement_list(db, id, &al, &err) && al.n == 1, "listed");
	pd_agreement *got = al.n ? &al.v[0] : NULL;
	streq(got ? got->title : NULL, "Seed library pilot", "title");
	is(got ? got->n_offers : 0, 2, "two offers");
	streq(got && got->n_offers ? got->offers[0].item : NULL, "space", "the library's offer in the configured words");
	streq(got && got->n_offers > 1 ? got->offers[1].side : NULL, "partner", "sides kept");
	streq(got ? got->end_date : NULL, "2027-05-31", "dates");
	pd_agreements_finish(&al);
	free(a.notes);
	a.notes = strdup("renewed");
	ok(pd_agreement_update(db, &a, &err) && a.version == 2, "updated");
	a.version = 1;
	ok(!pd_agreement_update(db, &a, &err) && err.code == PD_ERR_CONFLICT, "stale agreement conflicts");
	a.version = 2;
	strcpy(a.end_date, "2026-01-01");
	ok(!pd_agreement_update(db, &a, &err) && strstr(err.msg, "before it starts"), "ends before it starts");
	strcpy(a.end_date, "2027-05-31");
	strcpy(a.review_date, "2027-06-15");
	ok(!pd_agreement_update(db, &a, &err) && err.code == PD_ERR_INVALID, "reviewed after it ends: refused");
	streq(err.msg, "the agreement is reviewed (2027-06-15) after it ends (2027-05-31)", "saying which dates");
	pd_agreement more = {.partner_id = id};
	memcpy(more.end_date, a.end_date, sizeof more.end_date);
	memcpy(more.review_date, a.review_date, sizeof more.review_date);
	ok(!pd_agreement_insert_first(db, &more, &err) && err.code == PD_ERR_INVALID, "a new one likewise");
	ok(pd_agreement_insert(db, &more, &err), "a restored one keeps it, as older versions stored it: %s", err.msg);
	pd_agreement_finish(&more);
	strcpy(a.review_date, "2027-05-31");
	ok(pd_agreement_update(db, &a, &err), "reviewed the day it ends: %s", err.msg);
	pd_agreement_add_offer(&a, "sponsor", "money", NULL);
	ok(!pd_agreement_update(db, &a, &err) && err.code == PD_ERR_INVALID, "an offer from a third side");
	pd_agreement_finish(&a);
	/* A marriage needs management approval: its agreement names who gave
	 * it, except one restored from a backup made before that rule. */
	pd_agreement wed = {.partner_id = id, .stage = strdup("marriage"), .title = strdup("MOU"),
		.approved_by = strdup("  ")};
	ok(!pd_agreement_insert_first(db, &wed, &err) && err.code == PD_ERR_INVALID, "a marriage's without an approver: refused");
	streq(err.msg, "an agreement for Marriage needs the name of whoever approved it, as a move to Marriage does",
	      "saying what is missing");
	ok(pd_agreement_approval_given(pd_db_rules(db), &a, &err), "an engagement's needs none");
	ok(pd_agreement_insert(db, &wed, &err), "a restored one is kept without: %s", err.msg);
	free(wed.notes);
	wed.notes = strdup("signed in June");
	ok(!pd_agreement_update(db, &wed, &err) && err.code == PD_ERR_INVALID, "and saved again it needs one");
	free(wed.approved_by);
	wed.approved_by = strdup("Library Board");
	ok(pd_agreement_update(db, &wed, &err), "with one it saves: %s", err.msg);
	pd_agreement_finish(&wed);
	pd_agreement orphan = {.partner_id = 4242};
	ok(!pd_agreement_insert(db, &orphan, &err) && err.code == PD_ERR_NOTFOUND, "no such partner");
	pd_agreement_finish(&orphan);

	/* ---- fit ---- */
	pd_fit f;
	ok(pd_fit_load(db, id, &f, &err) && f.n == 10, "ten criteria, all unscored");
	ok(f.n && f.v[0].score == -1 && strcmp(f.v[0].criterion, "mission") == 0, "in configured order");
	is(pd_fit_total(&f), 0, "total 0");
	pd_fit_finish(&f);
	ok(pd_fit_set(db, id, "Mission", 3, "both about learning", &err), "score mission");
	ok(pd_fit_set(db, id, "timing", 2, NULL, &err), "score timing");
	ok(pd_fit_set(db, id, "timing", 1, "grant cycle", &err), "rescore timing");
	ok(!pd_fit_set(db, id, "timing", 4, NULL, &err) && err.code == PD_ERR_INVALID, "4 is out of range");
	ok(!pd_fit_set(db, id, "vibes", 2, NULL, &err) && strstr(err.msg, "mission, position"), "unknown criterion");
	ok(!pd_fit_set(db, 4242, "mission", 2, NULL, &err) && err.code == PD_ERR_NOTFOUND, "no such partner");
	ok(pd_fit_load(db, id, &f, &err), "reload");
	is(pd_fit_total(&f), 4, "total 3 + 1");
	streq(f.n > 6 ? f.v[6].note : NULL, "grant cycle", "the note");
	pd_fit_finish(&f);
	ok(pd_fit_set(db, id, "timing", -1, NULL, &err), "unscore");
	ok(pd_fit_load(db, id, &f, &err) && pd_fit_total(&f) == 3 && f.v[6].score == -1, "unscored again");
	pd_fit_finish(&f);

	/* ---- goals ---- */
	ok(pd_goal_set(db, id, "Reach New Users", "gardeners", &err), "a goal");
	ok(pd_goal_set(db, id, "gain feedback", NULL, &err), "another");
	ok(pd_goal_set(db, id, "reach new users", "gardeners and kids", &err), "a goal's note updated");
	ok(!pd_goal_set(db, id, "world peace", NULL, &err) && strstr(err.msg, "reach new users"), "unknown goal");
	pd_goals g;
	ok(pd_goal_list(db, id, &g, &err) && g.n == 2, "two goals");
	streq(g.n ? g.v[0].goal : NULL, "reach new users", "in the configured words");
	streq(g.n ? g.v[0].note : NULL, "gardeners and kids", "latest note");
	pd_goals_finish(&g);
	ok(pd_goal_remove(db, id, "GAIN FEEDBACK", &err), "removed");
	ok(pd_goal_list(db, id, &g, &err) && g.n == 1, "one goal");
	pd_goals_finish(&g);

	/* everything of a partner goes with it */
	ok(pd_partner_delete(db, id, p->version, &err), "partner deleted");
	ok(pd_agreement_list(db, id, &al, &err) && al.n == 0, "its agreements too");
	ok(pd_goal_list(db, id, &g, &err) && g.n == 0, "its goals too");
	ok(pd_fit_load(db, id, &f, &err) && pd_fit_total(&f) == 0, "its scores too");
	pd_fit_finish(&f);
	pd_partner_destroy(p);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
