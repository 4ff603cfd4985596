/* The fit form (F) also records goals: the config's goals as rows to tick
 * with a note each, saved with the scores in one go, a goal unticked
 * removed, and a note on an unticked goal refused before anything is
 * written; two windows' saves of the same answer meet as a conflict; a
 * save for a partner merged away meanwhile says where it went. */
#include "form_harness.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/ui/forms.h"

/* "goal: note; goal" as stored, in order. */
static const char *stored_goals(int64_t id)
{
	static char buf[512];
	pd_goals g = {0};
	pd_error err = {0};
	buf[0] = '\0';
	ok(pd_goal_list(test_db, id, &g, &err), "read the goals: %s", err.msg);
	for (size_t i = 0, o = 0; i < g.n && o < sizeof buf; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s%s%s", i ? "; " : "", g.v[i].goal,
		                      g.v[i].note ? ": " : "", g.v[i].note ? g.v[i].note : "");
	pd_goals_finish(&g);
	return buf;
}

static int score_of(int64_t id, const char *criterion)
{
	pd_fit fit = {0};
	pd_error err = {0};
	int s = -2;
	if (pd_fit_load(test_db, id, &fit, &err))
		for (size_t i = 0; i < fit.n; i++)
			if (strcmp(fit.v[i].criterion, criterion) == 0)
				s = fit.v[i].score;
	pd_fit_finish(&fit);
	return s;
}

static int mission_score(int64_t id)
{
	return score_of(id, "mission");
}

static void test_goals(void)
{
	int64_t id = add_partner("Casa Latina");
	pd_error err = {0};
	ok(pd_goal_set(test_db, id, "gain feedback", "Spanish-language survey", &err), "a goal stored: %s", err.msg);

	pd_pane *p = pd_form_fit_create(NULL, id);
	ok(p != NULL, "the fit form opens");
	if (!p)
		return;
	streq(value(p, "goal.0"), "[ ] reach new users", "the first configured goal, not ticked");
	streq(value(p, "goal.4"), "[x] gain feedback", "the stored goal ticked");
	streq(value(p, "goal_note.4"), "Spanish-language survey", "with its note");
	pd_form_focus(p->state, "goal.0");
	draw(p);
	ok(on_screen("Goals") && on_screen("[ ] reach new users"), "on screen under Goals");
	ok(on_screen("Fit and goals of Casa Latina: score 0-3, Space ticks a goal"),
	   "the title says how it is filled, Space ticking a goal");
	/* A long name shortens before that does, at 80 columns. */
	pd_pane *lp = pd_form_fit_create(NULL, add_partner("Museo de la Herencia Latina de Richmond y Petersburg"));
	if (lp)
		draw(lp);
	ok(lp && on_screen("\u2026: score 0-3, Space ticks a goal"), "a long name is cut before it, not the Space");
	if (lp)
		lp->ops->destroy(lp);

	/* Space ticks, as on the agreement form's checklist. */
	ch(p, L' ');
	streq(value(p, "goal.0"), "[x] reach new users", "Space ticks it");
	pd_form_set_value(p->state, "goal_note.0", "first-time card holders");
	pd_form_set_value(p->state, "goal.4", "[ ] gain feedback");
	pd_form_set_value(p->state, "goal_note.4", NULL);
	pd_form_set_value(p->state, "score.mission", "2 of 3 | Does their mission overlap ours?");
	ok(save(p) & PD_PANE_CLOSE, "saved: %s", last_status);
	p->ops->destroy(p);
	streq(stored_goals(id), "reach new users: first-time card holders", "the ticked goal added, the unticked one gone");
	is(mission_score(id), 2, "the score saved with them");
	ok(strstr(last_status, "1 goal") != NULL, "the status line counts the goals: %s", last_status);

	p = pd_form_fit_create(NULL, id);
	pd_form_set_value(p->state, "goal_note.1", "teens at the ESL class");
	pd_form_set_value(p->state, "goal_note.0", "changed");
	pd_form_set_value(p->state, "score.mission", "3 of 3 | Does their mission overlap ours?");
	ok(!(save(p) & PD_PANE_CLOSE), "a note on an unticked goal keeps the form open");
	streq(pd_form_focused_key(p->state), "goal_note.1", "with that note focused");
	draw(p);
	ok(on_screen("needs it ticked"), "saying it needs the goal ticked");
	streq(stored_goals(id), "reach new users: first-time card holders", "nothing written: the other note as it was");
	is(mission_score(id), 2, "nor the score");
	pd_form_set_value(p->state, "goal.1", "[x] reach current patrons in a new way");
	ok(save(p) & PD_PANE_CLOSE, "ticked, it saves");
	p->ops->destroy(p);
	streq(stored_goals(id), "reach new users: changed; reach current patrons in a new way: teens at the ESL class",
	      "both goals with their notes");
}

/* Two windows score the same partner: the second save over a question or
 * goal the first changed meanwhile is a conflict, the typed answers kept;
 * a second save then writes them knowingly. What only one side touched
 * merges without a word. */
static void test_two_windows(void)
{
	int64_t id = add_partner("Two Windows Gallery");
	pd_pane *a = pd_form_fit_create(NULL, id);
	pd_pane *b = pd_form_fit_create(NULL, id);
	ok(a && b, "both windows open the fit form");
	if (!a || !b)
		return;
	pd_form_set_value(a->state, "score.mission", "2 of 3 | Does their mission overlap ours?");
	pd_form_set_value(a->state, "note.mission", "Literacy, like ours");
	pd_form_set_value(a->state, "goal.0", "[x] reach new users");
	ok(save(a) & PD_PANE_CLOSE, "A saves: %s", last_status);
	a->ops->destroy(a);

	pd_form_set_value(b->state, "score.mission", "3 of 3 | Does their mission overlap ours?");
	pd_form_set_value(b->state, "score.timing", "1 of 3 | Is the timing right for both of us?");
	ok(!(save(b) & PD_PANE_CLOSE), "B's save over A's mission score keeps B's form open");
	is(mission_score(id), 2, "A's score is not silently replaced");
	draw(b);
	ok(on_screen("while you were here") && on_screen("mission"), "B is told the mission changed meanwhile");
	streq(value(b, "score.mission"), "3 of 3 | Does their mission overlap ours?", "B's answer kept in the form");
	ok(save(b) & PD_PANE_CLOSE, "a second save writes B's over A's, knowingly: %s", last_status);
	b->ops->destroy(b);
	is(mission_score(id), 3, "B's score now");
	streq(stored_goals(id), "reach new users", "A's goal, which B did not touch, stays");

	/* A goal: A removes it while B changes its note. */
	a = pd_form_fit_create(NULL, id);
	b = pd_form_fit_create(NULL, id);
	pd_form_set_value(a->state, "goal.0", "[ ] reach new users");
	ok(save(a) & PD_PANE_CLOSE, "A unticks the goal");
	a->ops->destroy(a);
	pd_form_set_value(b->state, "goal_note.0", "students at the college");
	ok(!(save(b) & PD_PANE_CLOSE), "B's note on the goal A removed is a conflict");
	streq(stored_goals(id), "", "the goal stays removed");
	b->ops->destroy(b);
}

/* The form's draft, left by a session that ended, reopened after a
 * colleague saved the fit: compared with the answers the draft was typed
 * over, not with those stored by then. What the draft did not touch keeps
 * the colleague's answer; what both changed is a conflict, the typed
 * answer kept in the form. */
static void test_draft_over_colleague(void)
{
	pd_drafts left = {0};
	pd_error err = {0};
	if (pd_draft_list(test_db, &left, &err))   /* the forms above left theirs */
		for (size_t i = 0; i < left.n; i++)
			pd_draft_delete(test_db, &left.v[i], &err);
	pd_drafts_finish(&left);
	int64_t id = add_partner("Oriel y Drafft");
	ok(pd_fit_set(test_db, id, "mission", 1, "Some overlap", &err), "mission scored 1: %s", err.msg);
	ok(pd_goal_set(test_db, id, "reach new users", "young families", &err), "a goal: %s", err.msg);
	pd_pane *p = pd_form_fit_create(NULL, id);
	if (!p)
		return;
	pd_form_set_value(p->state, "score.timing", "2 of 3 | Is the timing right for both of us?");
	pd_form_set_dirty(p->state, true);
	pd_form_draft_flush(p->state);
	p->ops->destroy(p);   /* the session ends without a save */
	ok(pd_fit_set(test_db, id, "mission", 3, "Same mission", &err), "a colleague scores mission 3: %s", err.msg);
	ok(pd_goal_remove(test_db, id, "reach new users", &err), "and removes the goal: %s", err.msg);
	p = restore_the_draft(pd_form_fit_from_draft);
	ok(p != NULL, "the draft reopens in the fit form");
	if (!p)
		return;
	streq(value(p, "score.timing"), "2 of 3 | Is the timing right for both of us?", "with the typed answer");
	draw(p);
	ok(on_screen("saved the fit of Oriel y Drafft since this draft was typed"), "the form says the fit changed since");
	ok(save(p) & PD_PANE_CLOSE, "it saves: %s", last_status);
	p->ops->destroy(p);
	is(score_of(id, "timing"), 2, "the typed answer is saved");
	is(mission_score(id), 3, "the colleague's mission score, which the draft did not touch, stays");
	streq(stored_goals(id), "", "and the goal stays removed");

	p = pd_form_fit_create(NULL, id);
	pd_form_set_value(p->state, "score.mission", "2 of 3 | Does their mission overlap ours?");
	pd_form_set_dirty(p->state, true);
	pd_form_draft_flush(p->state);
	p->ops->destroy(p);
	ok(pd_fit_set(test_db, id, "mission", 0, NULL, &err), "a colleague scores mission 0: %s", err.msg);
	p = restore_the_draft(pd_form_fit_from_draft);
	if (!p)
		return;
	ok(!(save(p) & PD_PANE_CLOSE), "the draft's mission answer over the colleague's is a conflict");
	is(mission_score(id), 0, "the colleague's score is not silently replaced");
	draw(p);
	ok(on_screen("while you were here") && on_screen("mission"), "the form says mission changed meanwhile");
	streq(value(p, "score.mission"), "2 of 3 | Does their mission overlap ours?", "the typed answer kept");
	ok(save(p) & PD_PANE_CLOSE, "a second save writes it, knowingly: %s", last_status);
	p->ops->destroy(p);
	is(mission_score(id), 2, "the typed score now");
}

/* The partner merged into another while the form was open: the save
 * says which one to score instead, as the commands do. */
static void test_merged_away(void)
{
	int64_t from = add_partner("Harbour Arts Colective");
	int64_t into = add_partner("Harbour Arts Collective");
	pd_pane *p = pd_form_fit_create(NULL, from);
	ok(p != NULL, "the fit form opens");
	if (!p)
		return;
	pd_error err = {0};
	ok(pd_partner_merge(test_db, from, into, false, NULL, &err), "merged away meanwhile: %s", err.msg);
	pd_form_set_value(p->state, "score.mission", "2 of 3 | Does their mission overlap ours?");
	ok(!(save(p) & PD_PANE_CLOSE), "the save keeps the form open");
	char want[128];
	snprintf(want, sizeof want, "merged into #%lld (Harbour Arts Collective)", (long long)into);
	draw(p);
	ok(on_screen(want), "saying where the partner went");
	p->ops->destroy(p);
	is(mission_score(into), -1, "nothing scored on the one kept");
}

static void all(void)
{
	test_goals();
	test_two_windows();
	test_draft_over_colleague();
	test_merged_away();
}

int main(void)
{
	return harness_run("fit-form", all);
}
