/* The first start, with no database yet: a small dialog saying where the
 * database will be created, offering the demo data instead of an empty
 * desk. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "views.h"

typedef struct first_run_state {
	char *path;
	int *choice;
	bool stray;  /* a key that answers nothing was typed: say which do */
} first_run_state;

static void first_run_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	first_run_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	int wd = cols > 72 ? 72 : cols, h = 11;
	int y0 = (rows - h) / 2, x0 = (cols - wd) / 2;
	for (int r = 0; r < h; r++)
		mvwhline(w, y0 + r, x0, ' ', wd);
	wattrset(w, pd_theme_attr(th, "border"));
	pd_draw_frame(w, y0, x0, h, wd);
	wattrset(w, pd_theme_attr(th, "title"));
	pd_draw_text(w, y0, x0 + 2, " Welcome to partnerdesk ", wd - 4, false);
	wattrset(w, A_NORMAL);
	int x = x0 + 2, tw = wd - 4;
	pd_draw_text(w, y0 + 2, x, "There is no database yet. It will be created at", tw, false);
	wattrset(w, A_BOLD);
	pd_draw_text(w, y0 + 3, x + 2, s->path, tw - 2, false);
	wattrset(w, A_NORMAL);
	if (s->stray) {
		wattrset(w, A_BOLD);
		pd_draw_text(w, y0 + 5, x, "That key does nothing here: press y, Enter (or n) or q.", tw, false);
		wattrset(w, A_NORMAL);
	} else {
		pd_draw_text(w, y0 + 5, x, "Start with sample partners to look around, or with an empty desk?", tw,
		             false);
	}
	wattrset(w, A_BOLD);
	pd_draw_text(w, y0 + 7, x, "y", 1, false);
	wattrset(w, A_NORMAL);
	pd_draw_text(w, y0 + 7, x + 2, "look around sample partners in a throw-away desk (creates nothing)", tw - 2, false);
	wattrset(w, A_BOLD);
	pd_draw_text(w, y0 + 8, x, "Enter", 5, false);
	wattrset(w, A_NORMAL);
	pd_draw_text(w, y0 + 8, x + 6, "an empty database (n too: no samples)", tw - 6, false);
	wattrset(w, A_BOLD);
	pd_draw_text(w, y0 + 9, x, "q", 1, false);
	wattrset(w, A_NORMAL);
	pd_draw_text(w, y0 + 9, x + 2, "quit without creating anything", tw - 2, false);
}

/* For the too-small screen: the choice and its keys, so that a first
 * start in a small window is not a blank question. */
static void first_run_keys(pd_pane *p, char *buf, size_t len)
{
	(void)p;
	snprintf(buf, len, "No database yet: start with sample partners or an empty desk?\n"
	         "y: sample partners (creates nothing)  Enter: an empty database  q: quit");
}

static unsigned first_run_handle(pd_pane *p, const pd_event *ev)
{
	first_run_state *s = p->state;
	if (ev->is_char && (ev->wch == L'y' || ev->wch == L'Y' || ev->wch == L'd'))
		*s->choice = 'd';
	else if (ev->action == PD_ACT_OPEN || (!ev->is_char && (ev->key == '\r' || ev->key == '\n')))
		*s->choice = 'e';
	/* The question reads as a yes or no to the samples: n answers it
	 * as the newcomer means it, where it used to do nothing at all. */
	else if (ev->is_char && (ev->wch == L'n' || ev->wch == L'N'))
		*s->choice = 'e';
	else if (ev->action == PD_ACT_QUIT || ev->action == PD_ACT_CANCEL)
		*s->choice = 'q';
	else if (ev->is_char || ev->action != PD_ACT_NONE) {
		/* Silence read as a hung terminal over a slow link. */
		s->stray = true;
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	} else
		return PD_PANE_HANDLED;
	return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
}

static void first_run_destroy(pd_pane *p)
{
	if (!p)
		return;
	first_run_state *s = p->state;
	if (s)
		free(s->path);
	free(s);
	free(p);
}

static const pd_pane_ops first_run_ops = {
	.name = "welcome",
	.draw = first_run_draw,
	.handle = first_run_handle,
	.destroy = first_run_destroy,
	.keys = first_run_keys,
};

pd_pane *pd_first_run_create(struct pd_app *app, const char *path, int *choice)
{
	pd_pane *p = calloc(1, sizeof *p);
	first_run_state *s = calloc(1, sizeof *s);
	if (!p || !s || !(s->path = strdup(path))) {
		free(s);
		free(p);
		return NULL;
	}
	s->choice = choice;
	*choice = 0;
	p->ops = &first_run_ops;
	p->state = s;
	p->app = app;
	return p;
}
