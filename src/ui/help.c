/* The ? overlay: every key of the current view, read from the keymap table
 * and the bindings in force, so what it says and what the keys do can
 * never disagree; it opens on the three things people do most. Scrolls;
 * q or Esc closes it. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/keymap.h"
#include "views.h"

typedef struct help_state {
	struct pd_app *app;
	char view[32];
	pd_action acts[PD_ACT__COUNT];
	size_t n;
	int top;
	int page;
} help_state;

/* The overlay opens on the three things people do most, then every key. */
enum { INTRO_LINES = 6 };

static int total_lines(const help_state *s)
{
	return INTRO_LINES + (int)s->n;
}

static void intro_line(help_state *s, WINDOW *w, int y, int x, int wd, int line, int keys_w)
{
	const pd_theme *th = pd_app_theme(s->app);
	const pd_keymap *km = pd_app_keymap(s->app);
	char keys[64] = "", more[64], last[64], all[200];
	const char *what = NULL, *shown = keys;
	switch (line) {
	case 0:
	case 5:
		wattrset(w, pd_theme_attr(th, "header"));
		pd_draw_text(w, y, x, line == 0 ? "The three things people do most" : "Every key of this view", wd, false);
		wattrset(w, A_NORMAL);
		return;
	case 1:
		pd_keymap_describe(km, PD_ACT_FILTER, keys, sizeof keys);
		what = "find a partner: type part of a name, Enter opens it";
		break;
	case 2:
		pd_keymap_describe(km, PD_ACT_STAGE_PREV, keys, sizeof keys);
		pd_keymap_describe(km, PD_ACT_STAGE_NEXT, more, sizeof more);
		pd_keymap_describe(km, PD_ACT_STAGE_MOVE, last, sizeof last);
		snprintf(all, sizeof all, "%s %s %s", keys, more, last);
		shown = all;
		size_t n;
		what = pd_keydef_applies(&pd_keymap_defaults(&n)[PD_ACT_STAGE_MOVE], s->view)
			? "move a stage: back, on, or to any allowed stage"
			: "move a stage (in the list, kanban, detail or agenda)";
		break;
	case 3:
		pd_keymap_describe(km, PD_ACT_LOG, keys, sizeof keys);
		what = "log a call, email or visit for the selected partner";
		break;
	default:
		return;
	}
	wattrset(w, A_BOLD | pd_theme_attr(th, "help"));
	pd_draw_text(w, y, x, shown, keys_w, true);
	wattrset(w, A_NORMAL);
	pd_draw_text(w, y, x + 1 + keys_w, what, wd - keys_w - 3, false);
}

static void help_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	help_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	int h = total_lines(s) + 4, wd = cols > 76 ? 76 : cols;
	if (h > rows - 2)
		h = rows - 2;
	if (h < 5)
		h = rows;
	int y0 = (rows - h) / 2, x0 = (cols - wd) / 2;
	for (int r = 0; r < h; r++)
		mvwhline(w, y0 + r, x0, ' ', wd);
	wattrset(w, pd_theme_attr(th, "border"));
	pd_draw_frame(w, y0, x0, h, wd);
	wattrset(w, pd_theme_attr(th, "title"));
	pd_draw_fmt(w, y0, x0 + 2, wd - 4, false, " Keys: %s ", s->view);
	wattrset(w, A_NORMAL);

	s->page = h - 3;
	const pd_keydef *defs = pd_keymap_defaults(NULL);
	const pd_keymap *km = pd_app_keymap(s->app);
	int keys_w = 16;
	for (int i = 0; i < s->page && s->top + i < total_lines(s); i++) {
		if (s->top + i < INTRO_LINES) {
			intro_line(s, w, y0 + 1 + i, x0 + 2, wd - 4, s->top + i, keys_w);
			continue;
		}
		pd_action a = s->acts[s->top + i - INTRO_LINES];
		char keys[64];
		pd_keymap_describe(km, a, keys, sizeof keys);
		int y = y0 + 1 + i;
		wattrset(w, A_BOLD | pd_theme_attr(th, "help"));
		pd_draw_text(w, y, x0 + 2, keys[0] ? keys : "(unbound)", keys_w, true);
		wattrset(w, A_NORMAL);
		pd_draw_text(w, y, x0 + 3 + keys_w, defs[a].help, wd - keys_w - 5, false);
	}
	wattrset(w, pd_theme_attr(th, "dim"));
	char foot[96];
	snprintf(foot, sizeof foot, "%s  j/k scroll, q or Esc closes",
	         s->top + s->page < total_lines(s) ? "more below;" : "");
	pd_draw_text(w, y0 + h - 2, x0 + 2, foot, wd - 4, false);
	wattrset(w, A_NORMAL);
}

static unsigned help_handle(pd_pane *p, const pd_event *ev)
{
	help_state *s = p->state;
	int max = total_lines(s) - s->page;
	if (max < 0)
		max = 0;
	switch (ev->action) {
	case PD_ACT_QUIT:
	case PD_ACT_CANCEL:
	case PD_ACT_HELP:
		return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
	case PD_ACT_DOWN: s->top++; break;
	case PD_ACT_UP: s->top--; break;
	case PD_ACT_PAGE_DOWN: s->top += s->page; break;
	case PD_ACT_PAGE_UP: s->top -= s->page; break;
	case PD_ACT_TOP: s->top = 0; break;
	case PD_ACT_BOTTOM: s->top = max; break;
	default:
		if (!ev->is_char && ev->key == 27)
			return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
		return PD_PANE_HANDLED;
	}
	if (s->top > max)
		s->top = max;
	if (s->top < 0)
		s->top = 0;
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static void help_destroy(pd_pane *p)
{
	if (p)
		free(p->state);
	free(p);
}

static const pd_pane_ops help_ops = {
	.name = "help",
	.draw = help_draw,
	.handle = help_handle,
	.destroy = help_destroy,
};

pd_pane *pd_help_create(struct pd_app *app, const char *view)
{
	pd_pane *p = calloc(1, sizeof *p);
	help_state *s = calloc(1, sizeof *s);
	if (!p || !s) {
		free(p);
		free(s);
		return NULL;
	}
	s->app = app;
	snprintf(s->view, sizeof s->view, "%s", view ? view : "list");
	size_t n;
	const pd_keydef *defs = pd_keymap_defaults(&n);
	for (size_t a = 1; a < n; a++) {
		if (pd_keydef_applies(&defs[a], s->view))
			s->acts[s->n++] = (pd_action)a;
	}
	p->ops = &help_ops;
	p->state = s;
	p->app = app;
	return p;
}
