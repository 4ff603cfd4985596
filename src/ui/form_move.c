/* Moving a partner to another stage: only the moves the rules allow are
 * offered; then the reason and whatever the transition requires (a review
 * date, who approved it). A refused move says why on the status line.
 * People read stage labels (Engagement); the name (engagement) is what is
 * stored, passed to the model and kept in the draft. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "form.h"
#include "meanwhile.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"

#define MAX_TARGETS 32

typedef struct move_ctx {
	int64_t partner_id;
	int64_t version;      /* the partner version the move was asked on */
	char *from;
	char *name;
	char *to;             /* the one stage offered (< and >), else NULL */
	char *review_default; /* what the form put in Review by, else NULL */
} move_ctx;

static void move_ctx_destroy(void *p)
{
	move_ctx *c = p;
	if (!c)
		return;
	free(c->from);
	free(c->name);
	free(c->to);
	free(c->review_default);
	free(c);
}

static const pd_rules *rules_of(struct pd_app *app)
{
	pd_db *db = pd_app_db(app);
	return db ? pd_db_rules(db) : NULL;
}

/* A stage's label from the rules, else its name. */
static const char *label_of(const pd_rules *rules, const char *name)
{
	const pd_stage *st = rules && name ? pd_rules_stage(rules, name) : NULL;
	return st && st->label && *st->label ? st->label : name ? name : "?";
}

/* The title says the move as it stands: from where the partner is now,
 * kept whole after a long name (the name is what shortens). */
static void move_title(pd_form *f, const move_ctx *c, const pd_rules *rules)
{
	char title[512], tail[256];
	snprintf(title, sizeof title, "Move %s", c->name);
	if (c->to)
		snprintf(tail, sizeof tail, ": %s -> %s", label_of(rules, c->from), label_of(rules, c->to));
	else
		snprintf(tail, sizeof tail, " from %s", label_of(rules, c->from));
	pd_form_set_title(f, title);
	pd_form_set_title_tail(f, tail);
}

static void review_follow(pd_form *f);

/* Someone changed the partner meanwhile (a conflict on save): the form now
 * moves from where it is, its title says so, the panes show it, and the
 * message says who did what and what a second save would do. */
static void move_conflict(pd_form *f, move_ctx *c, const char *to, pd_error *err)
{
	struct pd_app *app = pd_form_app(f);
	const pd_rules *rules = rules_of(app);
	pd_partner *p = pd_partner_get(pd_app_db(app), c->partner_id, NULL);
	pd_app_reload(app);
	if (!p)
		return;
	char save[32], cancel[32], by[200], did[300], next[300];
	pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
	pd_keymap_first(pd_app_keymap(app), PD_ACT_CANCEL, cancel, sizeof cancel);
	bool stage_changed = p->stage && strcmp(p->stage, c->from) != 0;
	if (!pd_ui_changed_by(app, "partner", c->partner_id, NULL, by, sizeof by, NULL))
		snprintf(by, sizeof by, "someone else");
	if (stage_changed)
		snprintf(did, sizeof did, "was moved to %s by %s", label_of(rules, p->stage), by);
	else
		snprintf(did, sizeof did, "was changed by %s (still at %s)", by, label_of(rules, p->stage));
	c->version = p->version;
	if (stage_changed)
		pd_set_str(&c->from, p->stage);
	unsigned requires;
	if (to && pd_rules_move_allowed(rules, c->from, to, &requires))
		snprintf(next, sizeof next, "%s again moves it from %s to %s", save, label_of(rules, c->from),
		         label_of(rules, to));
	else
		snprintf(next, sizeof next, "it cannot move from %s to %s; %s closes this", label_of(rules, c->from),
		         label_of(rules, to), cancel);
	pd_error_set(err, PD_ERR_CONFLICT, "%s %s while you were here; %s", c->name, did, next);
	move_title(f, c, rules);
	review_follow(f);   /* from where it is now */
	pd_partner_destroy(p);
}

static bool move_save(pd_form *f, pd_error *err)
{
	move_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	const pd_rules *rules = rules_of(app);
	char *to = pd_form_value(f, "to");
	char *reason = pd_form_value(f, "reason");
	char *approved = pd_form_value(f, "approved_by");
	char *review_text = pd_form_value(f, "review");
	char review[PD_DATE_LEN] = "";
	pd_field *rf = pd_form_field(f, "review");
	/* Shown only for a target that keeps a review date (review_follow):
	 * a hidden one is not the move's. */
	if (rf && !rf->hidden)
		pd_field_date(rf, time(NULL), review);
	unsigned requires = 0;
	bool allowed = rules && to && pd_rules_move_allowed(rules, c->from, to, &requires);
	bool reviewed = allowed && pd_rules_move_reviewed(rules, c->from, to);
	bool typed = rf && !rf->hidden && review_text;
	bool ok = false;
	if (!allowed) {
		pd_error_set(err, PD_ERR_REFUSED, "%s cannot move from %s to %s", c->name, label_of(rules, c->from),
			label_of(rules, to));
	} else if ((requires & PD_REQ_REASON) && !reason) {
		pd_form_focus(f, "reason");
		pd_error_set(err, PD_ERR_INVALID, "a move to %s needs a reason: say why", label_of(rules, to));
	} else if ((requires & PD_REQ_APPROVAL) && !approved) {
		pd_form_focus(f, "approved_by");
		pd_error_set(err, PD_ERR_INVALID, "a move to %s needs the name of whoever approved it", label_of(rules, to));
	} else if (!reviewed && typed) {
		pd_form_focus(f, "review");
		pd_error_set(err, PD_ERR_INVALID, "%s has no review period, so a move there keeps no review date: "
		             "clear Review by", label_of(rules, to));
	} else {
		pd_move_request req = {
			.to = to,
			.reason = reason,
			.review_date = reviewed && review[0] ? review : NULL,
			.approved_by = approved,
			.expected_version = c->version,
		};
		ok = pd_stage_move(pd_app_db(app), c->partner_id, &req, err);
		if (ok)
			pd_app_status(app, "%s moved from %s to %s", c->name, label_of(rules, c->from), label_of(rules, to));
	}
	if (!ok && err->code == PD_ERR_REFUSED)
		pd_app_status(app, "%s", err->msg);
	if (!ok && err->code == PD_ERR_CONFLICT) {
		/* Never move on a stale picture silently: say what it is now and
		 * let a second save decide. */
		move_conflict(f, c, to, err);
	}
	free(to);
	free(reason);
	free(approved);
	free(review_text);
	return ok;
}

/* Review by is shown for a target stage that keeps a review date, hidden
 * for one that keeps none (Glance, Dissolved): the form never shows a date
 * the move would drop. Its offer ("+90d") follows the target's review
 * period while it is untouched; a date typed is kept. */
static void review_follow(pd_form *f)
{
	move_ctx *c = pd_form_ctx(f);
	const pd_rules *rules = rules_of(pd_form_app(f));
	pd_field *rf = pd_form_field(f, "review");
	if (!rf || !rules)
		return;
	char *to = pd_form_value(f, "to");
	unsigned requires;
	rf->hidden = !to || !pd_rules_move_allowed(rules, c->from, to, &requires) ||
	             !pd_rules_move_reviewed(rules, c->from, to);
	/* Hidden under the cursor (a conflict changed where the move is
	 * from): the keys typed next would go into a field not shown, so the
	 * cursor goes up to the nearest one shown, as Tab passes hidden ones. */
	const char *focus = pd_form_focused_key(f);
	if (rf->hidden && focus && strcmp(focus, "review") == 0) {
		size_t at = 0;
		while (at < pd_form_count(f) && pd_form_at(f, at) != rf)
			at++;
		while (at-- > 0) {
			const pd_field *up = pd_form_at(f, at);
			if (!up->hidden && !up->readonly) {
				pd_form_focus(f, up->key);
				break;
			}
		}
	}
	const pd_stage *st = to ? pd_rules_stage(rules, to) : NULL;
	char def[32] = "";
	if (!rf->hidden && st && st->review_days > 0)
		snprintf(def, sizeof def, "+%dd", st->review_days);
	char *now = pd_field_get(rf);
	bool untouched = !now || !*now || (c->review_default && strcmp(now, c->review_default) == 0);
	if (!rf->hidden && untouched) {
		pd_field_set(rf, def);
		pd_set_str(&c->review_default, def[0] ? def : NULL);
	}
	free(now);
	free(to);
}

static void move_changed(pd_form *f, const char *key)
{
	if (key && strcmp(key, "to") == 0)
		review_follow(f);
}

static const pd_form_ops move_ops = {
	.draft_name = "move",
	.save = move_save,
	.changed = move_changed,
	.destroy_ctx = move_ctx_destroy,
};

static pd_form *move_build(struct pd_app *app, int64_t partner_id, const char *to)
{
	const pd_rules *rules = rules_of(app);
	if (!rules)
		return NULL;
	/* The screen may be behind (a colleague moved it a moment ago): the
	 * panes catch up now, and the form says what changed since. */
	char since[PD_TIME_LEN] = "";
	bool behind = pd_app_catch_up(app, since, sizeof since);
	pd_partner *p = pd_form_partner_get(app, partner_id);
	if (!p)
		return NULL;
	const char *from = p->stage ? p->stage : "";
	const char *targets[MAX_TARGETS];
	size_t n = pd_stage_allowed(rules, from, targets, MAX_TARGETS);
	unsigned requires;
	if (to && !pd_rules_move_allowed(rules, from, to, &requires)) {
		char allowed[512] = "";
		for (size_t i = 0; i < n; i++) {
			strncat(allowed, i ? ", " : "", sizeof allowed - strlen(allowed) - 1);
			strncat(allowed, label_of(rules, targets[i]), sizeof allowed - strlen(allowed) - 1);
		}
		pd_app_status(app, "%s cannot move from %s to %s%s%s", p->name, label_of(rules, from), label_of(rules, to),
			n ? "; allowed: " : "; no moves are allowed from here", allowed);
		pd_partner_destroy(p);
		return NULL;
	}
	if (!to && n == 0) {
		pd_app_status(app, "no moves are allowed from %s", label_of(rules, from));
		pd_partner_destroy(p);
		return NULL;
	}
	move_ctx *c = calloc(1, sizeof *c);
	if (!c) {
		pd_partner_destroy(p);
		return NULL;
	}
	c->partner_id = partner_id;
	c->version = p->version;
	c->from = pd_strdup(from);
	c->name = pd_strdup(p->name ? p->name : "?");
	c->to = to ? pd_strdup(to) : NULL;
	pd_partner_destroy(p);

	pd_form *f = pd_form_new(app, "Move", &move_ops, c);
	if (!f) {
		move_ctx_destroy(c);
		return NULL;
	}
	move_title(f, c, rules);
	char by[200];
	bool moved = false;
	if (behind && pd_ui_changed_by(app, "partner", partner_id, since, by, sizeof by, &moved)) {
		if (moved)
			pd_form_note(f, "%s was moved to %s by %s since you looked", c->name, label_of(rules, c->from), by);
		else
			pd_form_note(f, "%s was changed by %s since you looked (it is at %s)", c->name, by,
			             label_of(rules, c->from));
	}
	pd_strv choices = {0};
	if (to)
		pd_strv_push(&choices, to);
	else
		for (size_t i = 0; i < n; i++)
			pd_strv_push(&choices, targets[i]);
	pd_field *tf = pd_form_add_choice(f, "to", "To stage", &choices, choices.n ? choices.v[0] : NULL);
	for (size_t i = 0; tf && i < choices.n; i++)
		pd_field_choice_show(tf, choices.v[i], label_of(rules, choices.v[i]));
	if (tf && to)
		tf->readonly = true;
	pd_strv_clear(&choices);
	free(choices.v);

	/* Ask for what any offered move requires; the save checks the chosen one. */
	unsigned need = 0;
	int review_days = 0;
	for (size_t i = 0; i < (to ? 1 : n); i++) {
		const char *target = to ? to : targets[i];
		const pd_stage *s = pd_rules_stage(rules, target);
		if (pd_rules_move_allowed(rules, c->from, target, &requires))
			need |= requires;
		if (s && s->review_days > 0) {
			need |= PD_REQ_REVIEW;
			if (!review_days || (to || i == 0))
				review_days = s->review_days;
		}
	}
	pd_field *reason = pd_form_add(f, PD_FIELD_LONG, "reason", "Why", NULL);
	if (reason)
		reason->rows = 3;
	if (need & PD_REQ_REVIEW) {
		char def[32] = "";
		if (review_days > 0)
			snprintf(def, sizeof def, "+%dd", review_days);
		pd_form_add(f, PD_FIELD_DATE, "review", "Review by", def);
		c->review_default = def[0] ? pd_strdup(def) : NULL;
	}
	if (need & PD_REQ_APPROVAL)
		pd_form_add(f, PD_FIELD_TEXT, "approved_by", "Approved by", NULL);
	review_follow(f);
	pd_form_focus(f, to ? "reason" : "to");
	pd_form_draft_target(f, partner_id, partner_id, c->version);
	return f;
}

pd_pane *pd_form_move_create(struct pd_app *app, int64_t partner_id, const char *to)
{
	if (!partner_id) {
		pd_app_status(app, "no partner selected");
		return NULL;
	}
	return pd_form_pane(move_build(app, partner_id, to));
}

/* The move typed in draft d, at partner_id (its own, or one chosen when
 * that is gone: `why` says so). A target its stage allows is kept; one it
 * does not is said, and the form offers the stages it may move to, the
 * reason and the rest kept. NULL when it may move nowhere (the status line
 * says so). */
static pd_pane *move_at(struct pd_app *app, const pd_draft *d, int64_t partner_id, const char *why)
{
	const pd_rules *rules = rules_of(app);
	char *to = pd_payload_get(d->payload, "to");
	if (to && !*to) {
		free(to);
		to = NULL;
	}
	pd_partner *p = pd_partner_get(pd_app_db(app), partner_id, NULL);
	unsigned requires;
	bool allowed = p && to && rules && pd_rules_move_allowed(rules, p->stage ? p->stage : "", to, &requires);
	pd_partner_destroy(p);
	pd_form *f = move_build(app, partner_id, allowed ? to : NULL);
	if (!f) {
		free(to);
		return NULL;
	}
	move_ctx *c = pd_form_ctx(f);
	pd_field *tf = pd_form_field(f, "to");
	size_t offered = tf ? tf->choices.n : 0, choice = tf ? tf->choice : 0;
	pd_form_draft_adopt(f, d);
	if (to && !allowed && tf && tf->choices.n > offered) {
		/* The draft's target, added as a choice by its value: not one
		 * this partner may take. */
		free(tf->choices.v[--tf->choices.n]);
		tf->choice = choice;
	}
	review_follow(f);
	/* The partner as it is now is what the move is asked on. */
	pd_form_draft_target(f, partner_id, partner_id, c->version);
	char save[32];
	pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
	if (to && !allowed) {
		pd_form_focus(f, "to");
		pd_form_note(f, "%s%s%s cannot move from %s to %s: choose where it moves; what you typed is kept",
		             why ? why : "", why ? "; " : "", c->name, label_of(rules, c->from), label_of(rules, to));
	} else if (why) {
		pd_form_note(f, "%s; it now moves %s; %s saves", why, c->name, save);
	}
	free(to);
	return pd_form_pane(f);
}

pd_pane *pd_form_move_from_draft(struct pd_app *app, const pd_draft *d)
{
	pd_db *db = pd_app_db(app);
	pd_partner *p = d->partner_id ? pd_partner_get(db, d->partner_id, NULL) : NULL;
	if (!p)
		return pd_form_draft_repick(app, d, "stage move", NULL, move_at);
	char why[200];
	const pd_rules *rules = rules_of(app);
	const char *targets[1];
	bool stuck = rules && pd_stage_allowed(rules, p->stage ? p->stage : "", targets, 1) == 0;
	pd_format(why, sizeof why, "%s is at %s, from where it cannot move", p->name ? p->name : "its partner",
	          label_of(rules, p->stage));
	pd_partner_destroy(p);
	/* It may move nowhere now: the reason typed goes to another partner,
	 * or waits (Esc) for another day. */
	if (stuck)
		return pd_form_draft_repick(app, d, "stage move", why, move_at);
	return move_at(app, d, d->partner_id, NULL);
}
