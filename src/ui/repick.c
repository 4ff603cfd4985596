/* A draft of a form that needs its partner to open (the fit, a stage move,
 * an agreement) whose partner is gone: the partner picker first, then the
 * form at the partner chosen, filled with what was typed. Esc in the picker
 * leaves the draft as it was, to be offered again. (A partner merged away
 * is not gone for its drafts: the merge and pd_draft_save move them to its
 * successor.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"

typedef struct repick {
	pd_draft d;             /* a copy: the offer dialog's list may be read again */
	pd_form_draft_at_fn at;
	char why[200];          /* what became of the partner */
	char title[200];        /* the picker's, shortened on a narrow screen */
	char question[96];      /* after it, always whole: ": whose WHAT is this?" */
	pd_pane *pick, *form;
	int64_t chosen;
} repick;

static const pd_pane_ops repick_form_ops;

static void picked(struct pd_app *app, int64_t id, void *ctx)
{
	(void)app;
	repick *r = ctx;
	r->chosen = id;
}

static pd_pane *picker(pd_pane *p, repick *r)
{
	pd_pane *k = pd_picker_partner_create(p->app, picked, r);
	if (k) {
		k->app = p->app;
		pd_picker_partner_title(k, r->title);
		pd_picker_partner_question(k, r->question);
	}
	return k;
}

static void repick_draw(pd_pane *p, WINDOW *w, bool focused)
{
	repick *r = p->state;
	pd_pane *on = r->form ? r->form : r->pick;
	if (!on)
		return;
	on->win = w;
	on->ops->draw(on, w, focused);
}

static void repick_keys(pd_pane *p, char *buf, size_t len)
{
	repick *r = p->state;
	pd_pane *on = r->form ? r->form : r->pick;
	buf[0] = '\0';
	if (on && on->ops->keys)
		on->ops->keys(on, buf, len);
}

static unsigned repick_handle(pd_pane *p, const pd_event *ev)
{
	repick *r = p->state;
	if (r->form)
		return r->form->ops->handle(r->form, ev);
	if (!r->pick)
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
	r->chosen = 0;
	unsigned res = r->pick->ops->handle(r->pick, ev);
	if (!(res & PD_PANE_CLOSE))
		return res;
	r->pick->ops->destroy(r->pick);
	r->pick = NULL;
	if (!r->chosen)   /* Esc: the draft stays as it is, offered again */
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
	r->form = r->at(p->app, &r->d, r->chosen, r->why);
	if (r->form) {
		r->form->app = p->app;
		p->ops = &repick_form_ops;
	} else {
		/* That partner cannot take it (the status line says why):
		 * choose again. */
		r->pick = picker(p, r);
		if (!r->pick)
			return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static void repick_resize(pd_pane *p, int rows, int cols)
{
	repick *r = p->state;
	if (r->form && r->form->ops->resize)
		r->form->ops->resize(r->form, rows, cols);
}

static void repick_reload(pd_pane *p)
{
	repick *r = p->state;
	pd_pane *on = r->form ? r->form : r->pick;
	if (on && on->ops->reload)
		on->ops->reload(on);
}

static void repick_flush(pd_pane *p)
{
	repick *r = p->state;
	if (r->form && r->form->ops->flush)
		r->form->ops->flush(r->form);
}

static unsigned repick_tick(pd_pane *p)
{
	repick *r = p->state;
	return r->form && r->form->ops->tick ? r->form->ops->tick(r->form) : 0;
}

static const pd_action *repick_help(const pd_pane *p, size_t *n)
{
	const repick *r = p->state;
	if (r->form && r->form->ops->help_actions)
		return r->form->ops->help_actions(r->form, n);
	*n = 0;
	return NULL;
}

/* The partner the form is at once one is chosen. */
static int64_t repick_selected(const pd_pane *p)
{
	const repick *r = p->state;
	return r->form && r->form->ops->selected ? r->form->ops->selected(r->form) : 0;
}

static void repick_destroy(pd_pane *p)
{
	if (!p)
		return;
	repick *r = p->state;
	if (r) {
		if (r->pick)
			r->pick->ops->destroy(r->pick);
		if (r->form)
			r->form->ops->destroy(r->form);
		pd_draft_finish(&r->d);
		free(r);
	}
	free(p);
}

/* The picker's name until the form is up, then the form's. */
#define REPICK_OPS(pane_name) { \
	.name = pane_name, \
	.draw = repick_draw, \
	.handle = repick_handle, \
	.resize = repick_resize, \
	.reload = repick_reload, \
	.flush = repick_flush, \
	.tick = repick_tick, \
	.destroy = repick_destroy, \
	.help_actions = repick_help, \
	.keys = repick_keys, \
	.selected = repick_selected, \
}
static const pd_pane_ops repick_ops = REPICK_OPS("picker");
static const pd_pane_ops repick_form_ops = REPICK_OPS("form");

static bool draft_copy(pd_draft *to, const pd_draft *d)
{
	*to = *d;
	to->form = pd_strdup(d->form ? d->form : "");
	to->payload = pd_strdup(d->payload ? d->payload : "");
	to->user = d->user ? pd_strdup(d->user) : NULL;
	if (to->form && to->payload && (to->user || !d->user))
		return true;
	pd_draft_finish(to);
	return false;
}

pd_pane *pd_form_draft_repick(struct pd_app *app, const pd_draft *d, const char *what, const char *why,
                              pd_form_draft_at_fn at)
{
	repick *r = calloc(1, sizeof *r);
	pd_pane *pane = calloc(1, sizeof *pane);
	if (!r || !pane || !draft_copy(&r->d, d)) {
		free(r);
		free(pane);
		return NULL;
	}
	r->at = at;
	if (why && *why) {
		pd_format(r->why, sizeof r->why, "%s", why);
		pd_format(r->title, sizeof r->title, "%s", why);
	} else {
		pd_format(r->why, sizeof r->why, "the partner this %s was typed for has been deleted", what);
		pd_format(r->title, sizeof r->title, "Its partner was deleted");
	}
	pd_format(r->question, sizeof r->question, ": whose %s is this?", what);
	pane->ops = &repick_ops;
	pane->state = r;
	pane->app = app;
	r->pick = picker(pane, r);
	if (!r->pick) {
		repick_destroy(pane);
		return NULL;
	}
	return pane;
}
