/* Merge and delete at the desk: M puts the selected partner (added twice)
 * into another, chosen in the picker (the likely duplicates first), after
 * a confirmation that shows what the dry run says would move; D deletes a
 * partner that holds nothing, and for one that holds a log, people,
 * agreements or stage moves says so and offers the merge instead. The model does the work (merge.h). Both
 * confirmations take y alone, and drop what was typed before they were
 * drawn: an Enter typed ahead on a slow link never merges or deletes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/forms.h"
#include "views.h"

typedef enum { ASK_MERGE, ASK_DELETE, ASK_HOLDS } ask_kind;

typedef struct ask {
	ask_kind kind;
	int64_t from, into;
	char from_name[200], into_name[200];
	char title[64];
	char body[3072];     /* lines joined by '\n' */
	char keys[200];      /* the last line: which key does what */
	bool nudged;         /* a key that decides nothing was pressed: say so */
	char nudged_by[32];  /* and it was Enter or open's key, which people expect
	                        to decide: its name as pressed */
	/* Drawn once: keys read in the same batch as the one that opened it
	 * (a y typed ahead) were typed before anyone saw the question, and
	 * decide nothing; pd_app_drop_typeahead drops the rest. */
	bool drawn;
} ask;

/* The keys, after what a key that decides nothing here did. */
static void ask_keys(pd_pane *p, char *buf, size_t len)
{
	ask *a = p->state;
	pd_format(buf, len, "%s%s%s", a->nudged_by, a->nudged_by[0] ? " decides nothing here: " : "", a->keys);
}

/* For the too-small screen: the question (the body's first paragraph,
 * "Put A (#1) into B (#2), then delete A?"), then the keys; "y merge"
 * alone did not say what y would merge into what. */
static void ask_keys_small(pd_pane *p, char *buf, size_t len)
{
	ask *a = p->state;
	char question[400], keys[sizeof a->keys + 40];
	size_t n = strcspn(a->body, "\n");
	pd_format(question, sizeof question, "%.*s", (int)n, a->body);
	ask_keys(p, keys, sizeof keys);
	pd_format(buf, len, "%s\n%s", question, keys);
}

static void ask_draw(pd_pane *p, WINDOW *w, bool focused)
{
	(void)focused;
	const pd_theme *th = pd_app_theme(p->app);
	ask *a = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	int wd0 = pd_form_width(cols);
	int lines = pd_draw_wrap(NULL, 0, 0, a->body, wd0 - 4, 0, 0);
	if (lines < 1)
		lines = 1;
	char keys[sizeof a->keys + 40];
	ask_keys(p, keys, sizeof keys);
	/* The keys on two rows where one is too short (60 columns). */
	int krows = wd0 > 4 ? pd_draw_parts(NULL, 0, 0, keys, wd0 - 4, 0) : 1;
	krows = krows < 1 ? 1 : krows > 2 ? 2 : krows;
	int want = lines + 3 + krows;
	if (want > rows)
		want = rows;
	int y, x, h, wd;
	pd_form_box(w, th, want, wd0, a->title, &y, &x, &h, &wd);
	int room = h - 3 - krows;
	if (room < 1)
		room = 1;
	pd_draw_wrap(w, y + 1, x + 2, a->body, wd - 4, room, 0);
	wattrset(w, a->nudged ? pd_theme_attr(th, "selected") : (int)A_BOLD);
	pd_draw_parts(w, y + h - 1 - krows, x + 2, keys, wd - 4, krows);
	wattrset(w, A_NORMAL);
	a->drawn = true;
}

static unsigned do_merge(pd_pane *p)
{
	ask *a = p->state;
	struct pd_app *app = p->app;
	pd_error err = {0};
	pd_merge_counts c;
	if (!pd_partner_merge(pd_app_db(app), a->from, a->into, false, &c, &err)) {
		pd_app_status(app, "%s was not merged: %s", a->from_name, err.msg);
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW | PD_PANE_RELOAD;
	}
	char done[600];
	pd_merge_counts_done(&c, done, sizeof done);
	pd_app_partner_gone(app, a->from, a->into);
	pd_app_follow(app, a->into);
	pd_app_status(app, "merged %s into %s: %s", a->from_name, a->into_name, done);
	return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW | PD_PANE_RELOAD;
}

static unsigned do_delete(pd_pane *p)
{
	ask *a = p->state;
	struct pd_app *app = p->app;
	pd_error err = {0};
	pd_partner_holdings h;
	if (!pd_partner_delete_unused(pd_app_db(app), a->from, false, &h, &err)) {
		/* Something was logged meanwhile: the check is in the delete's
		 * own transaction, so it is said, never deleted unseen. */
		char held[200];
		pd_partner_holdings_text(&h, held, sizeof held);
		if (err.code == PD_ERR_REFUSED)
			pd_app_status(app, "%s was not deleted: it has %s now", a->from_name, held);
		else
			pd_app_status(app, "%s was not deleted: %s", a->from_name, err.msg);
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW | PD_PANE_RELOAD;
	}
	pd_app_partner_gone(app, a->from, 0);
	pd_app_status(app, "deleted %s (#%lld)", a->from_name, (long long)a->from);
	return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW | PD_PANE_RELOAD;
}

static unsigned ask_handle(pd_pane *p, const pd_event *ev)
{
	ask *a = p->state;
	if (!a->drawn)
		return PD_PANE_HANDLED;
	wint_t ch = ev->is_char ? ev->wch : 0;
	if (ev->action == PD_ACT_CANCEL || ch == L'n' || ch == L'N' || ch == L'q' ||
	    (!ev->is_char && ev->key == 27))
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
	if (a->kind != ASK_HOLDS && (ch == L'y' || ch == L'Y'))
		return a->kind == ASK_MERGE ? do_merge(p) : do_delete(p);
	if (a->kind == ASK_HOLDS && ev->action == PD_ACT_MERGE) {
		pd_pane *pick = pd_merge_start(p->app, a->from);
		if (pick)
			pd_app_push(p->app, pick);
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
	}
	/* Enter among them: it decides nothing here (see the top). */
	if (ev->key != KEY_RESIZE) {
		a->nudged = true;
		/* Named as pressed: open bound to C-o is not "Enter". */
		a->nudged_by[0] = '\0';
		if (ev->action == PD_ACT_OPEN || ev->key == '\r' || ev->key == '\n' || ev->key == KEY_ENTER)
			pd_key_name(ev->is_char ? (int)ev->wch : ev->key, !ev->is_char && ev->key >= KEY_MIN,
			            a->nudged_by, sizeof a->nudged_by);
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static void ask_destroy(pd_pane *p)
{
	if (!p)
		return;
	free(p->state);
	free(p);
}

static const pd_pane_ops ask_ops = {
	.name = "confirm",
	.draw = ask_draw,
	.handle = ask_handle,
	.keys = ask_keys_small,
	.destroy = ask_destroy,
};

static pd_pane *ask_create(struct pd_app *app, ask_kind kind, int64_t from, const char *from_name)
{
	pd_pane *p = calloc(1, sizeof *p);
	ask *a = calloc(1, sizeof *a);
	if (!p || !a) {
		free(p);
		free(a);
		pd_app_status(app, "out of memory");
		return NULL;
	}
	a->kind = kind;
	a->from = from;
	pd_format(a->from_name, sizeof a->from_name, "%s", from_name);
	p->ops = &ask_ops;
	p->state = a;
	p->app = app;
	/* The question must be seen before it is answered. */
	pd_app_drop_typeahead(app);
	return p;
}

/* The partner's name, or "" with the reason on the status line. */
static bool partner_name(struct pd_app *app, int64_t id, char *out, size_t size)
{
	pd_error err = {0};
	pd_partner *pt = pd_partner_get(pd_app_db(app), id, &err);
	if (!pt) {
		pd_app_status(app, "%s", err.msg);
		return false;
	}
	pd_format(out, size, "%s", pt->name ? pt->name : "");
	pd_partner_destroy(pt);
	return true;
}

static void stage_of(struct pd_app *app, int64_t id, char *out, size_t size)
{
	pd_error err = {0};
	pd_partner *pt = pd_partner_get(pd_app_db(app), id, &err);
	pd_format(out, size, "%s", pt && pt->stage ? pd_view_stage_label(app, pt->stage) : "");
	pd_partner_destroy(pt);
}

/* The partner chosen to keep: the dry run, then the question. */
static void merge_picked(struct pd_app *app, int64_t into, void *ctx)
{
	int64_t from = *(int64_t *)ctx;
	if (!into)
		return;
	char from_name[200], into_name[200], from_stage[100], into_stage[100];
	if (!partner_name(app, from, from_name, sizeof from_name) ||
	    !partner_name(app, into, into_name, sizeof into_name))
		return;
	pd_error err = {0};
	pd_merge_counts c;
	if (!pd_partner_merge(pd_app_db(app), from, into, true, &c, &err)) {
		pd_app_status(app, "%s", err.msg);
		return;
	}
	stage_of(app, from, from_stage, sizeof from_stage);
	stage_of(app, into, into_stage, sizeof into_stage);
	pd_pane *p = ask_create(app, ASK_MERGE, from, from_name);
	if (!p)
		return;
	ask *a = p->state;
	a->into = into;
	pd_format(a->into_name, sizeof a->into_name, "%s", into_name);
	pd_format(a->title, sizeof a->title, "Merge");
	char lines[2048];
	pd_merge_counts_describe(&c, from_name, into_name, from_stage, into_stage, true, lines, sizeof lines);
	pd_format(a->body, sizeof a->body, "Put %s (#%lld) into %s (#%lld), then delete %s?\n\n%s",
	          from_name, (long long)from, into_name, (long long)into, from_name, lines);
	pd_format(a->keys, sizeof a->keys, "y merge   n or Esc: keep both");
	pd_app_push(app, p);
}

pd_pane *pd_merge_start(struct pd_app *app, int64_t from)
{
	char name[200], title[256];
	if (!partner_name(app, from, name, sizeof name))
		return NULL;
	int64_t *ctx = malloc(sizeof *ctx);
	pd_pane *pick = ctx ? pd_picker_partner_create(app, merge_picked, ctx) : NULL;
	if (!pick) {
		free(ctx);
		pd_app_status(app, "out of memory");
		return NULL;
	}
	*ctx = from;
	pd_picker_partner_owns(pick, free);
	pd_picker_partner_exclude(pick, from);
	/* The usual reason to merge is a duplicate: the likely ones first
	 * (likely_same.h), read again with the list. Without them the picker
	 * still offers every partner. */
	pd_picker_partner_likely(pick, from, 8);
	pd_format(title, sizeof title, "Put %s", name);
	pd_picker_partner_title(pick, title);
	/* Kept whole at any width: the name before it is what shortens. */
	pd_picker_partner_question(pick, " into which partner?");
	return pick;
}

pd_pane *pd_delete_start(struct pd_app *app, int64_t id)
{
	char name[200], merge_key[32];
	if (!partner_name(app, id, name, sizeof name))
		return NULL;
	pd_error err = {0};
	pd_partner_holdings h;
	if (!pd_partner_holdings_get(pd_app_db(app), id, &h, &err)) {
		pd_app_status(app, "%s", err.msg);
		return NULL;
	}
	bool holds = pd_partner_holds_anything(&h);
	pd_pane *p = ask_create(app, holds ? ASK_HOLDS : ASK_DELETE, id, name);
	if (!p)
		return NULL;
	ask *a = p->state;
	pd_format(a->title, sizeof a->title, "Delete");
	if (!holds) {
		pd_format(a->body, sizeof a->body, "Delete %s (#%lld)? It holds nothing: no log entries, people, "
		          "agreements or stage moves. The audit trail keeps the record.", name, (long long)id);
		pd_format(a->keys, sizeof a->keys, "y delete   n or Esc: keep it");
		return p;
	}
	/* Not deleted with what it holds: that is one key away from losing a
	 * log; a partner added twice is merged, and the command line's
	 * `delete --force` is there for the rest. */
	char held[200];
	pd_partner_holdings_text(&h, held, sizeof held);
	pd_keymap_first(pd_app_keymap(app), PD_ACT_MERGE, merge_key, sizeof merge_key);
	if (!merge_key[0])
		pd_format(merge_key, sizeof merge_key, "M");
	pd_format(a->body, sizeof a->body, "%s (#%lld) has %s, which a delete would lose: it is kept.\n\nIf it was added twice, "
	          "merge it into the partner kept: everything it holds moves there. (To throw them away "
	          "too: partnerdesk delete %lld --force)", name, (long long)id, held, (long long)id);
	pd_format(a->keys, sizeof a->keys, "%s merge it into another   Esc: keep it", merge_key);
	return p;
}
