/* Scoring a partner's fit: each configured question 0-3 (or not yet
 * scored) with a note, and ticking the configured goals the library has
 * for it, on the generic form engine; only the answers that changed are
 * written (pd_fit_set, pd_goal_set/remove), all in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "meanwhile.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"

/* The score choices carry the question, so the person sees what they are
 * answering in the field itself: "2 of 3 | Does their mission ...". */
#define UNSCORED "- "

typedef struct fit_ctx {
	int64_t partner_id;
	char *name;
	pd_fit before;        /* what was stored when the form opened (for a
	                       * draft reopened, when it was first opened) */
	pd_goals goals;       /* likewise */
} fit_ctx;

static void fit_ctx_destroy(void *p)
{
	fit_ctx *c = p;
	if (!c)
		return;
	free(c->name);
	pd_fit_finish(&c->before);
	pd_goals_finish(&c->goals);
	free(c);
}

static void field_key(char *buf, size_t len, const char *prefix, const char *criterion)
{
	snprintf(buf, len, "%s.%s", prefix, criterion);
}

/* The choice text for a score (-1: not scored). */
static void choice_text(char *buf, size_t len, int score, const char *question)
{
	if (score < 0)
		snprintf(buf, len, UNSCORED "not scored | %s", question);
	else
		snprintf(buf, len, "%d of 3 | %s", score, question);
}

static int choice_score(const char *v)
{
	return v && v[0] >= '0' && v[0] <= '3' ? v[0] - '0' : -1;
}

static const pd_fit_score *score_in(const pd_fit *fit, const char *criterion)
{
	for (size_t i = 0; i < fit->n; i++)
		if (fit->v[i].criterion && strcmp(fit->v[i].criterion, criterion) == 0)
			return &fit->v[i];
	return NULL;
}

static const pd_fit_score *stored(const fit_ctx *c, const char *criterion)
{
	return score_in(&c->before, criterion);
}

/* Goals are keyed by their place in the config's list: a goal's text may
 * hold anything a draft's key may not. */
static void goal_key(char *buf, size_t len, const char *prefix, size_t i)
{
	snprintf(buf, len, "%s.%zu", prefix, i);
}

static const pd_goal *goal_in(const pd_goals *goals, const char *goal)
{
	for (size_t i = 0; i < goals->n; i++)
		if (pd_fold_cmp(goals->v[i].goal, goal) == 0)
			return &goals->v[i];
	return NULL;
}

static const pd_goal *stored_goal(const fit_ctx *c, const char *goal)
{
	return goal_in(&c->goals, goal);
}

static bool goal_ticked(pd_form *f, size_t i)
{
	char key[64];
	goal_key(key, sizeof key, "goal", i);
	char *v = pd_form_value(f, key);
	bool on = v && strncmp(v, PD_FORM_TICKED, strlen(PD_FORM_TICKED)) == 0;
	free(v);
	return on;
}

/* Writes the goals ticked or unticked, or whose note changed; counts them. */
static bool goals_save(pd_form *f, fit_ctx *c, pd_db *db, size_t *changed, pd_error *err)
{
	const pd_strv *goals = &pd_db_rules(db)->goals;
	char key[64];
	for (size_t i = 0; i < goals->n; i++) {
		bool on = goal_ticked(f, i);
		goal_key(key, sizeof key, "goal_note", i);
		char *note = pd_form_value(f, key);
		const pd_goal *old = stored_goal(c, goals->v[i]);
		bool ok = true;
		if (on && (!old || !pd_same_text(note, old->note))) {
			ok = pd_goal_set(db, c->partner_id, goals->v[i], note, err);
			++*changed;
		} else if (!on && old) {
			ok = pd_goal_remove(db, c->partner_id, old->goal, err);
			++*changed;
		}
		free(note);
		if (!ok)
			return false;
	}
	return true;
}

/* Whether two answers to a question differ (NULL: not scored; the note
 * of an unscored one is not kept). */
static bool score_differs(const pd_fit_score *a, const pd_fit_score *b)
{
	int sa = a ? a->score : -1, sb = b ? b->score : -1;
	return sa != sb || (sa >= 0 && !pd_same_text(a->note, b->note));
}

/* Whether two states of a goal differ (NULL: not ticked). */
static bool goal_differs(const pd_goal *a, const pd_goal *b)
{
	return !a != !b || (a && b && !pd_same_text(a->note, b->note));
}

/* Compares each answer as the form opened (c), as stored now and as
 * typed: one both sides changed, differently, is named in list (fit_changed
 * when a question); with `take`, one only they changed is put in the form,
 * so that saving what is typed does not undo it. */
static void meanwhile_pass(pd_form *f, const fit_ctx *c, const pd_rules *r, const pd_fit *now,
	const pd_goals *goals, bool take, char *list, size_t len, bool *fit_changed)
{
	char key[160], text[512];
	for (size_t i = 0; i < r->n_criteria; i++) {
		const char *crit = r->criteria[i].key;
		field_key(key, sizeof key, "score", crit);
		char *v = pd_form_value(f, key);
		pd_fit_score mine = {.score = choice_score(v)};
		free(v);
		field_key(key, sizeof key, "note", crit);
		mine.note = pd_form_value(f, key);
		const pd_fit_score *old = stored(c, crit), *cur = score_in(now, crit);
		bool mine_changed = score_differs(old, &mine), theirs_changed = score_differs(old, cur);
		if (mine_changed && theirs_changed && score_differs(cur, &mine)) {
			pd_form_label_list_add(list, len, crit);
			*fit_changed = true;
		} else if (take && theirs_changed && !mine_changed) {
			pd_form_set_value(f, key, cur && cur->score >= 0 ? cur->note : NULL);
			field_key(key, sizeof key, "score", crit);
			choice_text(text, sizeof text, cur ? cur->score : -1,
			            r->criteria[i].question ? r->criteria[i].question : crit);
			pd_form_set_value(f, key, text);
		}
		free(mine.note);
	}
	for (size_t i = 0; i < r->goals.n; i++) {
		goal_key(key, sizeof key, "goal_note", i);
		pd_goal mine = {.goal = r->goals.v[i], .note = pd_form_value(f, key)};
		const pd_goal *want = goal_ticked(f, i) ? &mine : NULL;
		const pd_goal *old = stored_goal(c, r->goals.v[i]), *cur = goal_in(goals, r->goals.v[i]);
		bool mine_changed = goal_differs(old, want), theirs_changed = goal_differs(old, cur);
		if (mine_changed && theirs_changed && goal_differs(cur, want)) {
			pd_form_label_list_add(list, len, r->goals.v[i]);
		} else if (take && theirs_changed && !mine_changed) {
			pd_form_set_value(f, key, cur ? cur->note : NULL);
			goal_key(key, sizeof key, "goal", i);
			snprintf(text, sizeof text, "%s%s", cur ? PD_FORM_TICKED : PD_FORM_UNTICKED, r->goals.v[i]);
			pd_form_set_value(f, key, text);
		}
		free(mine.note);
	}
}

/* The answers the form was opened on, kept in its draft: reopened after a
 * crash, the draft is compared with them, as the partner form's is with
 * the version it was opened on, so that a colleague's save in between is
 * met as a conflict, not written over. */
static void base_keep(pd_form *f, const fit_ctx *c)
{
	pd_strbuf b = {0};
	char key[64], num[16];
	pd_payload_put(&b, "base", "fit");
	for (size_t i = 0; i < c->before.n; i++) {
		const pd_fit_score *sc = &c->before.v[i];
		snprintf(key, sizeof key, "base.fit.%zu", i);
		pd_payload_put(&b, key, sc->criterion);
		snprintf(key, sizeof key, "base.fit_score.%zu", i);
		snprintf(num, sizeof num, "%d", sc->score);
		pd_payload_put(&b, key, num);
		snprintf(key, sizeof key, "base.fit_note.%zu", i);
		pd_payload_put(&b, key, sc->note);
	}
	for (size_t i = 0; i < c->goals.n; i++) {
		snprintf(key, sizeof key, "base.goal.%zu", i);
		pd_payload_put(&b, key, c->goals.v[i].goal);
		snprintf(key, sizeof key, "base.goal_note.%zu", i);
		pd_payload_put(&b, key, c->goals.v[i].note);
	}
	if (!b.failed)
		pd_form_draft_base(f, b.p);
	free(b.p);
}

/* payload's value of "PREFIX.I"; NULL when absent. An empty value is
 * NULL too with `empty_null` (a note not written). */
static char *base_get(const char *payload, const char *prefix, size_t i, bool empty_null)
{
	char key[64];
	snprintf(key, sizeof key, "%s.%zu", prefix, i);
	char *v = pd_payload_get(payload, key);
	if (v && empty_null && !*v) {
		free(v);
		v = NULL;
	}
	return v;
}

/* The answers a draft was typed over (base_keep), into fit and goals;
 * false, both untouched, when it keeps none (written before drafts did). */
static bool base_from(const char *payload, int64_t partner_id, pd_fit *fit, pd_goals *goals)
{
	char *mark = pd_payload_get(payload, "base");
	bool have = mark && strcmp(mark, "fit") == 0;
	free(mark);
	if (!have)
		return false;
	pd_fit f = {.partner_id = partner_id};
	pd_goals g = {0};
	bool ok = true;
	for (size_t i = 0; ok; i++) {
		char *crit = base_get(payload, "base.fit", i, false);
		if (!crit)
			break;
		pd_fit_score *v = realloc(f.v, (f.n + 1) * sizeof *v);
		if (!v) {
			free(crit);
			ok = false;
			break;
		}
		f.v = v;
		char *score = base_get(payload, "base.fit_score", i, false);
		f.v[f.n++] = (pd_fit_score){.criterion = crit, .score = score ? atoi(score) : -1,
		                            .note = base_get(payload, "base.fit_note", i, true)};
		free(score);
	}
	f.configured = f.n;
	for (size_t i = 0; ok; i++) {
		char *goal = base_get(payload, "base.goal", i, false);
		if (!goal)
			break;
		pd_goal *v = realloc(g.v, (g.n + 1) * sizeof *v);
		if (!v) {
			free(goal);
			ok = false;
			break;
		}
		g.v = v;
		g.v[g.n++] = (pd_goal){.goal = goal, .note = base_get(payload, "base.goal_note", i, true)};
	}
	if (!ok) {
		pd_fit_finish(&f);
		pd_goals_finish(&g);
		return false;
	}
	pd_fit_finish(fit);
	pd_goals_finish(goals);
	*fit = f;
	*goals = g;
	return true;
}

/* Inside the save's transaction: the answers this save writes over must
 * still be those the form was opened on. Another window's save of the
 * same question or goal meanwhile is a conflict, never silently replaced:
 * the form keeps what was typed, takes what only they changed, takes the
 * stored answers as what it now writes over (so a second save is a choice
 * made knowing), and says what changed. */
static bool fit_unchanged_meanwhile(pd_form *f, fit_ctx *c, pd_db *db, pd_error *err)
{
	const pd_rules *r = pd_db_rules(db);
	pd_fit now = {0};
	pd_goals goals = {0};
	if (!pd_fit_load(db, c->partner_id, &now, err))
		return false;
	if (!pd_goal_list(db, c->partner_id, &goals, err)) {
		pd_fit_finish(&now);
		return false;
	}
	char list[400] = "";
	bool fit_changed = false;
	meanwhile_pass(f, c, r, &now, &goals, false, list, sizeof list, &fit_changed);
	if (!list[0]) {
		pd_fit_finish(&now);
		pd_goals_finish(&goals);
		return true;
	}
	char same_list[400] = "";
	bool same = false;
	meanwhile_pass(f, c, r, &now, &goals, true, same_list, sizeof same_list, &same);
	pd_fit_finish(&c->before);
	pd_goals_finish(&c->goals);
	c->before = now;
	c->goals = goals;
	base_keep(f, c);
	struct pd_app *app = pd_form_app(f);
	char by[200], save[32], cancel[32];
	if (!pd_ui_changed_by(app, fit_changed ? "fit" : "goal", c->partner_id, NULL, by, sizeof by, NULL))
		snprintf(by, sizeof by, "someone else");
	pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
	pd_keymap_first(pd_app_keymap(app), PD_ACT_CANCEL, cancel, sizeof cancel);
	return pd_error_set(err, PD_ERR_CONFLICT, "%s saved the fit of %s while you were here (%s); %s again "
	                    "saves yours over theirs, %s keeps theirs", by, c->name, list, save, cancel);
}

static bool fit_save(pd_form *f, pd_error *err)
{
	fit_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	const pd_rules *r = pd_db_rules(db);
	char key[160];
	/* Check everything first so that nothing is half written. */
	for (size_t i = 0; i < r->n_criteria; i++) {
		field_key(key, sizeof key, "score", r->criteria[i].key);
		char *v = pd_form_value(f, key);
		int score = choice_score(v);
		free(v);
		field_key(key, sizeof key, "note", r->criteria[i].key);
		char *note = pd_form_value(f, key);
		bool orphan = score < 0 && note;
		free(note);
		if (orphan) {
			pd_form_focus(f, key);
			return pd_error_set(err, PD_ERR_INVALID, "a note on \"%s\" needs a score (0-3) beside it",
			                    r->criteria[i].key);
		}
	}
	for (size_t i = 0; i < r->goals.n; i++) {
		goal_key(key, sizeof key, "goal_note", i);
		char *note = pd_form_value(f, key);
		bool orphan = note && !goal_ticked(f, i);
		free(note);
		if (orphan) {
			pd_form_focus(f, key);
			return pd_error_set(err, PD_ERR_INVALID, "a note on the goal \"%s\" needs it ticked (Space) beside it",
			                    r->goals.v[i]);
		}
	}
	size_t changed = 0;
	if (!pd_db_begin(db, err))
		return false;
	if (!fit_unchanged_meanwhile(f, c, db, err)) {
		pd_db_rollback(db);
		return false;
	}
	for (size_t i = 0; i < r->n_criteria; i++) {
		const char *crit = r->criteria[i].key;
		field_key(key, sizeof key, "score", crit);
		char *v = pd_form_value(f, key);
		int score = choice_score(v);
		free(v);
		field_key(key, sizeof key, "note", crit);
		char *note = pd_form_value(f, key);
		bool ok = true;
		if (score_differs(stored(c, crit), &(pd_fit_score){.score = score, .note = note})) {
			ok = pd_fit_set(db, c->partner_id, crit, score, note, err);
			changed++;
		}
		free(note);
		if (!ok) {
			pd_db_rollback(db);
			return false;
		}
	}
	if (!goals_save(f, c, db, &changed, err) || !pd_db_commit(db, err)) {
		pd_db_rollback(db);
		return false;
	}
	pd_fit now = {0};
	pd_error e2 = {0};
	if (pd_fit_load(db, c->partner_id, &now, &e2)) {
		pd_fit_shown shown = pd_fit_show(&now);   /* as the Fit tab says it */
		pd_goals g = {0};
		size_t n_goals = pd_goal_list(db, c->partner_id, &g, &e2) ? g.n : 0;
		pd_goals_finish(&g);
		char goals[64] = "";
		if (n_goals)
			snprintf(goals, sizeof goals, "; %zu goal%s", n_goals, n_goals == 1 ? "" : "s");
		if (changed)
			pd_app_status(app, "fit of %s: %d of %d (%zu questions scored)%s", c->name, shown.total,
			              shown.max, shown.scored, goals);
		else
			pd_app_status(app, "fit of %s unchanged: %d of %d%s", c->name, shown.total, shown.max, goals);
		pd_fit_finish(&now);
	}
	return true;
}

static const pd_form_ops fit_ops = {
	.draft_name = "fit",
	.save = fit_save,
	.destroy_ctx = fit_ctx_destroy,
};

/* The form on partner_id's answers as stored, or with a draft's payload
 * (not NULL) as that draft's form first opened on them. */
static pd_form *fit_build(struct pd_app *app, int64_t partner_id, const char *draft)
{
	pd_db *db = pd_app_db(app);
	pd_error err = {0};
	pd_partner *p = pd_form_partner_get(app, partner_id);
	if (!p)
		return NULL;
	fit_ctx *c = calloc(1, sizeof *c);
	if (!c || !(c->name = pd_strdup(p->name ? p->name : "?"))) {
		free(c);
		pd_partner_destroy(p);
		return NULL;
	}
	pd_partner_destroy(p);
	c->partner_id = partner_id;
	if (!pd_fit_load(db, partner_id, &c->before, &err) || !pd_goal_list(db, partner_id, &c->goals, &err)) {
		pd_app_status(app, "%s", err.msg);
		fit_ctx_destroy(c);
		return NULL;
	}
	/* A draft's base differing from what is stored: someone saved the
	 * fit since it was typed, and the form says so at once. */
	bool since = false;
	pd_fit base = {0};
	pd_goals base_goals = {0};
	if (draft && base_from(draft, partner_id, &base, &base_goals)) {
		const pd_rules *r = pd_db_rules(db);
		for (size_t i = 0; i < r->n_criteria; i++)
			since |= score_differs(score_in(&base, r->criteria[i].key), stored(c, r->criteria[i].key));
		for (size_t i = 0; i < r->goals.n; i++)
			since |= goal_differs(goal_in(&base_goals, r->goals.v[i]), stored_goal(c, r->goals.v[i]));
		pd_fit_finish(&c->before);
		pd_goals_finish(&c->goals);
		c->before = base;
		c->goals = base_goals;
	}
	char title[512];
	snprintf(title, sizeof title, "Fit and goals of %s", c->name);
	pd_form *f = pd_form_new(app, title, &fit_ops, c);
	if (!f) {
		fit_ctx_destroy(c);
		return NULL;
	}
	/* How it is filled, whole at 80 columns: a name of twenty letters
	 * cut it to "tick g…" and the Space that ticks a goal went. */
	pd_form_set_title_tail(f, ": score 0-3, Space ticks a goal");
	if (since) {
		char by[200];
		if (!pd_ui_changed_by(app, "fit", partner_id, NULL, by, sizeof by, NULL) &&
		    !pd_ui_changed_by(app, "goal", partner_id, NULL, by, sizeof by, NULL))
			snprintf(by, sizeof by, "someone else");
		pd_form_note(f, "%s saved the fit of %s since this draft was typed; a save keeps their answers "
		             "you did not change, and asks about those you both did", by, c->name);
	}
	const pd_rules *r = pd_db_rules(db);
	for (size_t i = 0; i < r->n_criteria; i++) {
		const pd_criterion *cr = &r->criteria[i];
		const char *q = cr->question ? cr->question : cr->key;
		pd_strv choices = {0};
		char text[512], key[160];
		for (int s = -1; s <= 3; s++) {
			choice_text(text, sizeof text, s, q);
			pd_strv_push(&choices, text);
		}
		const pd_fit_score *old = stored(c, cr->key);
		choice_text(text, sizeof text, old ? old->score : -1, q);
		field_key(key, sizeof key, "score", cr->key);
		pd_form_add_choice(f, key, cr->key, &choices, text);
		pd_strv_clear(&choices);
		free(choices.v);
		field_key(key, sizeof key, "note", cr->key);
		pd_form_add(f, PD_FIELD_TEXT, key, "  note", old ? old->note : NULL);
	}
	/* Why the library wants this partnership: the config's goals to tick.
	 * One stored that the config no longer lists is left as it is. */
	for (size_t i = 0; i < r->goals.n; i++) {
		const pd_goal *old = stored_goal(c, r->goals.v[i]);
		pd_form_add_tick(f, "goal", i, "Goals", r->goals.v[i], old != NULL, old ? old->note : NULL);
	}
	pd_form_draft_target(f, partner_id, 0, 0);
	base_keep(f, c);
	return f;
}

pd_pane *pd_form_fit_create(struct pd_app *app, int64_t partner_id)
{
	return pd_form_pane(fit_build(app, partner_id, NULL));
}

/* A fit typed for a partner since gone, at partner_id: the answers the
 * person changed from those the draft was typed over are kept, the others
 * are partner_id's own, so that its fit is not written over with the gone
 * partner's; the note names the questions it had answered otherwise. */
static pd_pane *fit_at(struct pd_app *app, const pd_draft *d, int64_t partner_id, const char *why)
{
	pd_form *f = fit_build(app, partner_id, NULL);
	if (!f)
		return NULL;
	pd_form_draft_adopt(f, d);
	pd_form_draft_target(f, partner_id, 0, 0);
	fit_ctx *c = pd_form_ctx(f);
	const pd_rules *r = pd_db_rules(pd_app_db(app));
	pd_fit typed_over = {0};
	pd_goals goals_over = {0};
	char list[400] = "";
	if (base_from(d->payload ? d->payload : "", partner_id, &typed_over, &goals_over)) {
		pd_fit theirs = c->before;
		pd_goals their_goals = c->goals;
		c->before = typed_over;
		c->goals = goals_over;
		bool fit_changed = false;
		meanwhile_pass(f, c, r, &theirs, &their_goals, true, list, sizeof list, &fit_changed);
		pd_fit_finish(&c->before);
		pd_goals_finish(&c->goals);
		c->before = theirs;
		c->goals = their_goals;
	}
	base_keep(f, c);
	char save[32];
	pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
	if (list[0])
		pd_form_note(f, "%s; it now goes to %s: your answers are kept, over theirs for %s; the rest are "
		             "theirs; %s saves", why, c->name, list, save);
	else
		pd_form_note(f, "%s; it now goes to %s: your answers are kept, the rest are theirs; %s saves", why,
		             c->name, save);
	return pd_form_pane(f);
}

pd_pane *pd_form_fit_from_draft(struct pd_app *app, const pd_draft *d)
{
	/* Its partner deleted since: the answers typed go to one chosen. */
	pd_partner *p = d->partner_id ? pd_partner_get(pd_app_db(app), d->partner_id, NULL) : NULL;
	if (!p)
		return pd_form_draft_repick(app, d, "fit assessment", NULL, fit_at);
	pd_partner_destroy(p);
	pd_form *f = fit_build(app, d->partner_id, d->payload ? d->payload : "");
	if (!f)
		return NULL;
	pd_form_draft_adopt(f, d);
	return pd_form_pane(f);
}
