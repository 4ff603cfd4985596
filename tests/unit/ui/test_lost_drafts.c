/* Drafts of the fit, move and agreement forms whose partner was deleted
 * before they were reopened: the partner picker asks whose they are, Esc
 * leaves the draft as it was, and the form opens at the partner chosen
 * with what was typed (the fit's answers not typed are the new partner's;
 * a move its stage does not allow is said, its reason kept). A move draft
 * whose partner has since gone where its target cannot be reached opens
 * too, saying so; one whose partner may now move nowhere at all (a stage
 * without exits, by a colleague's move or by the rules) asks whose it is. */
#include "form_harness.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/ui/forms.h"

#define MISSION "Does their mission overlap ours?"
#define POSITION "What is their position in the community?"

static void drafts_clear(void)
{
	pd_drafts left = {0};
	pd_error err = {0};
	if (pd_draft_list(test_db, &left, &err))
		for (size_t i = 0; i < left.n; i++)
			pd_draft_delete(test_db, &left.v[i], &err);
	pd_drafts_finish(&left);
}

static size_t drafts_left(void)
{
	pd_drafts ds = {0};
	pd_error err = {0};
	size_t n = pd_draft_list(test_db, &ds, &err) ? ds.n : (size_t)-1;
	pd_drafts_finish(&ds);
	return n;
}

/* The form's fields as typed, left as a draft by a session that ended. */
static void leave_draft(pd_pane *f)
{
	pd_form_set_dirty(f->state, true);
	pd_form_draft_flush(f->state);
	f->ops->destroy(f);
}

static void delete_partner(int64_t id, const char *name)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_get(test_db, id, &err);
	ok(p && pd_partner_delete(test_db, id, p->version, &err), "%s is deleted: %s", name, err.msg);
	pd_partner_destroy(p);
}

static void choose(pd_pane *p, const char *filter)
{
	for (const char *s = filter; *s; s++)
		ch(p, (wchar_t)(unsigned char)*s);
	key(p, PD_ACT_OPEN, '\n');
}

static bool move_to(int64_t id, const char *to, const char *review, const char *approved)
{
	pd_error err = {0};
	pd_move_request req = {.to = to, .reason = "set up", .review_date = review, .approved_by = approved};
	bool done = pd_stage_move(test_db, id, &req, &err);
	ok(done, "moved to %s: %s", to, err.msg);
	return done;
}

static const pd_fit_score *score_in(const pd_fit *fit, const char *criterion)
{
	for (size_t i = 0; i < fit->n; i++)
		if (strcmp(fit->v[i].criterion, criterion) == 0)
			return &fit->v[i];
	return NULL;
}

static void test_fit(void)
{
	drafts_clear();
	int64_t gone = add_partner("Amgueddfa Ffit");
	int64_t other = add_partner("Canolfan Newydd");
	pd_error err = {0};
	ok(pd_fit_set(test_db, gone, "position", 2, NULL, &err), "the deleted one had position 2: %s", err.msg);
	ok(pd_fit_set(test_db, other, "position", 3, "a fixture of the high street", &err) &&
	   pd_fit_set(test_db, other, "mission", 1, NULL, &err), "the other has its own answers: %s", err.msg);
	pd_pane *f = pd_form_fit_create(NULL, gone);
	if (!f)
		return;
	pd_form_set_value(f->state, "score.mission", "3 of 3 | " MISSION);
	pd_form_set_value(f->state, "note.mission", "shared reading aims");
	pd_form_set_value(f->state, "goal.0", PD_FORM_TICKED "reach new users");
	pd_form_set_value(f->state, "goal_note.0", "Welsh learners");
	leave_draft(f);
	delete_partner(gone, "the partner the fit was typed for");

	f = restore_the_draft(pd_form_fit_from_draft);
	ok(f != NULL, "the fit's draft reopens");
	if (!f)
		return;
	draw(f);
	ok(on_screen("Its partner was deleted: whose fit assessment is this?"), "the picker asks whose it is");
	ok(key(f, PD_ACT_CANCEL, 27) & PD_PANE_CLOSE, "Esc closes it");
	f->ops->destroy(f);
	is((long)drafts_left(), 1, "the draft is left as it was");

	f = restore_the_draft(pd_form_fit_from_draft);
	if (!f)
		return;
	choose(f, "Canolfan");
	draw(f);
	ok(on_screen("Fit and goals of Canolfan Newydd"), "the form opens at the partner chosen");
	ok(on_screen("has been deleted") && on_screen("over theirs for mission"),
	   "saying why, and which of its answers a save writes over");
	ok(on_screen("shared reading aims"), "with what was typed");
	ok(save(f) & PD_PANE_CLOSE, "and saves: %s", last_status);
	f->ops->destroy(f);
	pd_fit fit = {0};
	ok(pd_fit_load(test_db, other, &fit, &err), "read its fit: %s", err.msg);
	const pd_fit_score *m = score_in(&fit, "mission"), *pos = score_in(&fit, "position");
	ok(m && m->score == 3 && m->note && strcmp(m->note, "shared reading aims") == 0,
	   "the answer typed is saved there");
	ok(pos && pos->score == 3 && pos->note && strcmp(pos->note, "a fixture of the high street") == 0,
	   "its own answer not typed stays, not the deleted partner's");
	pd_fit_finish(&fit);
	pd_goals g = {0};
	ok(pd_goal_list(test_db, other, &g, &err) && g.n == 1 && strcmp(g.v[0].goal, "reach new users") == 0 &&
	   g.v[0].note && strcmp(g.v[0].note, "Welsh learners") == 0, "and the goal ticked, with its note");
	pd_goals_finish(&g);
	is((long)drafts_left(), 0, "the draft is gone once saved");
}

static bool history_has(int64_t id, const char *to, const char *reason)
{
	pd_history h = {0};
	pd_error err = {0};
	bool found = false;
	if (pd_history_list(test_db, id, &h, &err))
		for (size_t i = 0; i < h.n; i++)
			found |= strcmp(h.v[i].to, to) == 0 && h.v[i].reason && strcmp(h.v[i].reason, reason) == 0;
	pd_history_finish(&h);
	return found;
}

static void test_move(void)
{
	drafts_clear();
	int64_t gone = add_partner("Oriel Symud");
	int64_t wed = add_partner("Priodas Hir");
	int64_t fresh = add_partner("Cyswllt Cyntaf");
	ok(move_to(wed, "date", NULL, NULL) && move_to(wed, "engagement", "2027-01-01", NULL) &&
	   move_to(wed, "marriage", NULL, "Director"), "one partner is at marriage");
	pd_pane *f = pd_form_move_create(NULL, gone, "date");
	if (!f)
		return;
	pd_form_set_value(f->state, "reason", "met at the eisteddfod");
	leave_draft(f);
	delete_partner(gone, "the partner the move was typed for");

	f = restore_the_draft(pd_form_move_from_draft);
	ok(f != NULL, "the move's draft reopens");
	if (!f)
		return;
	draw(f);
	ok(on_screen("Its partner was deleted: whose stage move is this?"), "the picker asks whose it is");
	choose(f, "Priodas");
	draw(f);
	ok(on_screen("Move Priodas Hir from Marriage"), "the form opens at the partner chosen");
	ok(on_screen("cannot move from Marriage to Date"), "saying it cannot go to the stage typed");
	ok(on_screen("met at the eisteddfod"), "the reason kept");
	ok(save(f) & PD_PANE_CLOSE, "a save moves it where it may go: %s", last_status);
	f->ops->destroy(f);
	pd_partner *p = pd_partner_get(test_db, wed, NULL);
	ok(p && strcmp(p->stage, "marriage") != 0 && history_has(wed, p->stage, "met at the eisteddfod"),
	   "moved from marriage with the reason typed (%s)", p ? p->stage : "?");
	pd_partner_destroy(p);

	/* The same draft at a partner whose stage allows it keeps its stage. */
	drafts_clear();
	int64_t gone2 = add_partner("Oriel Arall");
	f = pd_form_move_create(NULL, gone2, "date");
	if (!f)
		return;
	pd_form_set_value(f->state, "reason", "a second look");
	leave_draft(f);
	delete_partner(gone2, "another");
	f = restore_the_draft(pd_form_move_from_draft);
	if (!f)
		return;
	choose(f, "Cyswllt");
	draw(f);
	ok(on_screen("Move Cyswllt Cyntaf: Glance -> Date"), "the stage typed, allowed there");
	ok(save(f) & PD_PANE_CLOSE, "saves: %s", last_status);
	f->ops->destroy(f);
	ok(history_has(fresh, "date", "a second look"), "moved to date with the reason typed");
	is((long)drafts_left(), 0, "the draft is gone once saved");
}

/* Its partner is there, but was moved meanwhile to where the target
 * typed cannot be reached: the form opens, says so, keeps the reason. */
static void test_move_unreachable(void)
{
	drafts_clear();
	int64_t id = add_partner("Llyfrgell Symud");
	pd_pane *f = pd_form_move_create(NULL, id, "date");
	if (!f)
		return;
	pd_form_set_value(f->state, "reason", "they rang back");
	leave_draft(f);
	ok(move_to(id, "dissolved", NULL, NULL), "a colleague dissolves it");
	f = restore_the_draft(pd_form_move_from_draft);
	ok(f != NULL, "the draft reopens all the same");
	if (!f)
		return;
	draw(f);
	ok(on_screen("cannot move from Dissolved to Date"), "saying the stage typed cannot be reached");
	ok(on_screen("they rang back"), "the reason kept");
	ok(save(f) & PD_PANE_CLOSE, "it moves where it may: %s", last_status);
	f->ops->destroy(f);
	ok(history_has(id, "glance", "they rang back"), "to glance, with the reason typed");
}

/* The rules with no move out of Dissolved (a config that makes it an end
 * state for good), on a second handle of the scratch database. */
static pd_rules stuck_rules;
static pd_db *open_stuck(void)
{
	pd_error err = {0};
	if (!stuck_rules.n_stages) {
		ok(pd_rules_init_defaults(&stuck_rules), "the default rules");
		size_t kept = 0;
		for (size_t i = 0; i < stuck_rules.n_transitions; i++) {
			pd_transition *t = &stuck_rules.transitions[i];
			if (strcmp(t->from, "dissolved") == 0) {
				free(t->from);
				free(t->to);
			} else {
				stuck_rules.transitions[kept++] = *t;
			}
		}
		stuck_rules.n_transitions = kept;
	}
	pd_db *db = pd_db_open(pd_db_path(test_db), 0, &stuck_rules, &err);
	ok(db != NULL, "the desk opens with Dissolved a dead end: %s", err.msg);
	return db;
}

/* A drafted move whose partner may now move nowhere: a colleague moved it
 * to a stage with no exits, or the rules took its stage's exits away. The
 * reason typed is not lost: the picker asks where it goes (its own partner
 * still cannot take it, and is asked again), Esc leaves the draft, and a
 * partner that may move takes it, the target it cannot reach said. */
static void test_move_stuck(void)
{
	drafts_clear();
	int64_t id = add_partner("Amgueddfa Gaeedig");
	int64_t other = add_partner("Ysgol Agored");
	int64_t old = add_partner("Hen Gyfaill");
	ok(move_to(id, "date", NULL, NULL) && move_to(old, "dissolved", NULL, NULL), "one at date, one dissolved");
	pd_pane *f = pd_form_move_create(NULL, id, "engagement");
	if (!f)
		return;
	pd_form_set_value(f->state, "reason", "a year of joint events");
	leave_draft(f);
	ok(move_to(id, "dissolved", NULL, NULL), "a colleague dissolves it");
	pd_db *was = test_db, *stuck = open_stuck();
	if (!stuck)
		return;
	test_db = stuck;

	f = restore_the_draft(pd_form_move_from_draft);
	ok(f != NULL, "the draft reopens all the same");
	if (f) {
		draw(f);
		/* At 80 columns the why is shortened, the question kept whole. */
		ok(on_screen("Amgueddfa Gaeedig is at Dissolved, from where"), "the picker says why it asks");
		ok(on_screen("\u2026: whose stage move is this?"), "the question whole after the why, shortened");
		last_status[0] = '\0';
		choose(f, "Amgueddfa");
		draw(f);
		ok(strstr(last_status, "no moves are allowed from Dissolved") != NULL, "its own partner cannot take it: %s",
		   last_status);
		ok(on_screen("Amgueddfa Gaeedig is at Dissolved, from where") && on_screen("whose stage move is this?") &&
		   on_screen("Ysgol Agored"), "and the picker asks again");
		ok(key(f, PD_ACT_CANCEL, 27) & PD_PANE_CLOSE, "Esc closes it");
		f->ops->destroy(f);
	}
	is((long)drafts_left(), 1, "the draft is left as it was");
	pd_drafts ds = {0};
	pd_error err = {0};
	ok(pd_draft_list(test_db, &ds, &err) && ds.n == 1 && ds.v[0].partner_id == id &&
	   strstr(ds.v[0].payload, "a year of joint events"), "still its partner's, with the reason typed");
	pd_drafts_finish(&ds);

	f = restore_the_draft(pd_form_move_from_draft);
	if (f) {
		choose(f, "Ysgol");
		draw(f);
		ok(on_screen("Move Ysgol Agored from Glance"), "the form opens at a partner that may move");
		ok(on_screen("cannot move from Glance to Engagement"), "saying the stage typed cannot be reached there");
		ok(on_screen("a year of joint events"), "the reason kept");
		ok(save(f) & PD_PANE_CLOSE, "a save moves it where it may: %s", last_status);
		f->ops->destroy(f);
	}
	ok(history_has(other, "date", "a year of joint events"), "to date, with the reason typed");
	is((long)drafts_left(), 0, "the draft is gone once saved");

	/* The rules changed under a draft: typed when Dissolved led back to
	 * Glance, reopened when it leads nowhere. */
	test_db = was;
	f = pd_form_move_create(NULL, old, "glance");
	if (f) {
		pd_form_set_value(f->state, "reason", "new director, new start");
		leave_draft(f);
	}
	test_db = stuck;
	f = restore_the_draft(pd_form_move_from_draft);
	ok(f != NULL, "a draft the rules stranded reopens");
	if (f) {
		draw(f);
		ok(on_screen("Hen Gyfaill is at Dissolved, from where it") && on_screen("whose stage move is this?"),
		   "saying why");
		choose(f, "Ysgol");
		draw(f);
		ok(on_screen("Move Ysgol Agored: Date -> Glance") || on_screen("Move Ysgol Agored from Date"),
		   "the form opens at the partner chosen");
		ok(on_screen("new director, new start"), "the reason kept");
		f->ops->destroy(f);
	}
	test_db = was;
	pd_db_close(stuck);
	pd_rules_finish(&stuck_rules);
}

static void test_agreement(void)
{
	drafts_clear();
	int64_t gone = add_partner("Cytundeb Coll");
	int64_t other = add_partner("Theatr Newydd");
	pd_pane *f = pd_form_agreement_create(NULL, gone);
	if (!f)
		return;
	pd_form_set_value(f->state, "title", "Summer reading");
	pd_form_set_value(f->state, "notes", "room 2 on Tuesdays, signed in June");
	leave_draft(f);
	delete_partner(gone, "the partner the agreement was typed for");

	f = restore_the_draft(pd_form_agreement_from_draft);
	ok(f != NULL, "the agreement's draft reopens");
	if (!f)
		return;
	draw(f);
	ok(on_screen("Its partner was deleted: whose agreement is this?"), "the picker asks whose it is");
	choose(f, "Theatr");
	draw(f);
	ok(on_screen("Theatr Newydd as a new agreement"), "the form opens at the partner chosen, saying so");
	ok(save(f) & PD_PANE_CLOSE, "and saves: %s", last_status);
	f->ops->destroy(f);
	pd_agreements list = {0};
	pd_error err = {0};
	ok(pd_agreement_list(test_db, other, &list, &err) && list.n == 1 && list.v[0].notes &&
	   strcmp(list.v[0].notes, "room 2 on Tuesdays, signed in June") == 0 &&
	   strcmp(list.v[0].title, "Summer reading") == 0, "the agreement typed is theirs");
	pd_agreements_finish(&list);
	is((long)drafts_left(), 0, "the draft is gone once saved");
}

static void all(void)
{
	test_fit();
	test_move();
	test_move_unreachable();
	test_move_stuck();
	test_agreement();
}

int main(void)
{
	return harness_run("lost-drafts", all);
}
