/* The ? overlay: every key of the current view, read from the keymap table
 * and the bindings in force, so what it says and what the keys do can
 * never disagree; it opens on the three things people do most. As wide as
 * the terminal allows, long entries wrapped; scrolls; quit or cancel (q, Esc
 * unless the config moved them) closes it. */
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
	size_t intro;          /* INTRO_LINES, or 0 over a form */
	int top;               /* first line shown */
	int page;
	int total;             /* lines in all, wrapped, as last measured */
} help_state;

/* The overlay opens on the three things people do most, then every key. */
enum { INTRO_LINES = 6 };

static size_t n_items(const help_state *s)
{
	return s->intro + s->n;
}

/* Item i: a heading (keys NULL), a blank (what ""), or keys and what they
 * do; keys is filled into buf, what may be in wbuf (WHAT_LEN). */
enum { WHAT_LEN = 512 };
static const char *item(const help_state *s, size_t i, char *buf, size_t len, char *wbuf, const char **what,
                        bool *heading)
{
	const pd_keymap *km = pd_app_keymap(s->app);
	size_t nd;
	const pd_keydef *defs = pd_keymap_defaults(&nd);
	char more[64], last[64];
	*heading = false;
	buf[0] = '\0';
	if (i >= s->intro) {
		pd_action a = s->acts[i - s->intro];
		pd_keymap_describe(km, a, buf, len);
		if (!buf[0])
			snprintf(buf, len, "(unbound)");
		pd_keymap_help(km, a, wbuf, WHAT_LEN);
		*what = wbuf;
		return buf;
	}
	switch (i) {
	case 0:
	case 5:
		*heading = true;
		*what = i == 0 ? "The three things people do most" : "Every key of this view";
		return NULL;
	case 1:
		pd_keymap_describe(km, PD_ACT_FILTER, buf, len);
		/* The keymap's own text: one source, so it cannot say other
		 * than what the keys do. */
		pd_keymap_help(km, PD_ACT_FILTER, wbuf, WHAT_LEN);
		*what = wbuf;
		return buf;
	case 2:
		pd_keymap_describe(km, PD_ACT_STAGE_PREV, buf, len);
		pd_keymap_describe(km, PD_ACT_STAGE_NEXT, more, sizeof more);
		pd_keymap_describe(km, PD_ACT_STAGE_MOVE, last, sizeof last);
		snprintf(buf + strlen(buf), len - strlen(buf), " %s %s", more, last);
		*what = pd_keydef_applies(&defs[PD_ACT_STAGE_MOVE], s->view)
			? "move a stage: back, on, or to any allowed stage"
			: "move a stage (in the list, kanban, detail or agenda)";
		return buf;
	case 3:
		pd_keymap_describe(km, PD_ACT_LOG, buf, len);
		*what = "log a call, email or visit for the selected partner";
		return buf;
	default:
		*what = "";
		return NULL;
	}
}

#define KEYS_W 16

/* Lines item i takes at a description width: long texts wrap instead of
 * ending in "…". */
static int item_lines(const help_state *s, size_t i, int desc_w)
{
	char keys[200], wbuf[WHAT_LEN];
	const char *what;
	bool heading;
	item(s, i, keys, sizeof keys, wbuf, &what, &heading);
	if (heading || !what || !*what)
		return 1;
	int n = pd_draw_wrap(NULL, 0, 0, what, desc_w, 0, 0);
	return n > 0 ? n : 1;
}

typedef struct help_layout {
	int wd, h;             /* the box */
	int desc_w;            /* what a key does, wrapped to this */
} help_layout;

/* The box on a rows x cols screen; sets the lines in all and on a page. */
static help_layout measure(help_state *s, int rows, int cols)
{
	help_layout l;
	/* As wide as the terminal allows, to a width still easy to read. */
	l.wd = cols - 4;
	if (l.wd > 110)
		l.wd = 110;
	if (l.wd < 76)
		l.wd = cols > 76 ? 76 : cols;
	l.desc_w = l.wd - KEYS_W - 5;
	if (l.desc_w < 10)
		l.desc_w = 10;
	int total = 0;
	for (size_t i = 0; i < n_items(s); i++)
		total += item_lines(s, i, l.desc_w);
	s->total = total;
	l.h = total + 4;
	if (l.h > rows - 2)
		l.h = rows - 2;
	if (l.h < 5)
		l.h = rows;
	s->page = l.h - 3;
	return l;
}

static void help_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	help_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	help_layout l = measure(s, rows, cols);
	int wd = l.wd, desc_w = l.desc_w, h = l.h, total = s->total;
	int y0 = (rows - h) / 2, x0 = (cols - wd) / 2;
	for (int r = 0; r < h; r++)
		mvwhline(w, y0 + r, x0, ' ', wd);
	wattrset(w, pd_theme_attr(th, "border"));
	pd_draw_frame(w, y0, x0, h, wd);
	wattrset(w, pd_theme_attr(th, "title"));
	pd_draw_fmt(w, y0, x0 + 2, wd - 4, false, " Keys: %s ", s->view);
	wattrset(w, A_NORMAL);

	if (s->top > total - s->page)
		s->top = total - s->page > 0 ? total - s->page : 0;
	int line = 0;
	for (size_t i = 0; i < n_items(s) && line < s->top + s->page; i++) {
		int n = item_lines(s, i, desc_w);
		if (line + n > s->top) {
			char keys[200], wbuf[WHAT_LEN];
			const char *what;
			bool heading;
			const char *k = item(s, i, keys, sizeof keys, wbuf, &what, &heading);
			int skip = s->top > line ? s->top - line : 0;
			int y = y0 + 1 + line + skip - s->top;
			int room = s->top + s->page - (line + skip);
			if (heading) {
				wattrset(w, pd_theme_attr(th, "header"));
				pd_draw_text(w, y, x0 + 2, what, wd - 4, false);
				wattrset(w, A_NORMAL);
			} else if (k) {
				if (!skip) {
					wattrset(w, A_BOLD | pd_theme_attr(th, "help"));
					pd_draw_text(w, y, x0 + 2, k, KEYS_W, true);
					wattrset(w, A_NORMAL);
				}
				pd_draw_wrap(w, y, x0 + 3 + KEYS_W, what, desc_w, room, skip);
			}
		}
		line += n;
	}
	wattrset(w, pd_theme_attr(th, "dim"));
	/* The keys in force, not the defaults: a config may have moved them. */
	const pd_keymap *km = pd_app_keymap(s->app);
	char down[32], up[32], quit[32], cancel[32], foot[192];
	pd_keymap_first(km, PD_ACT_DOWN, down, sizeof down);
	pd_keymap_first(km, PD_ACT_UP, up, sizeof up);
	pd_keymap_first(km, PD_ACT_QUIT, quit, sizeof quit);
	pd_keymap_first(km, PD_ACT_CANCEL, cancel, sizeof cancel);
	snprintf(foot, sizeof foot, "%s  %s/%s scroll, %s or %s closes",
	         s->top + s->page < total ? "more below;" : "", down, up, quit, cancel);
	pd_draw_text(w, y0 + h - 2, x0 + 2, foot, wd - 4, false);
	wattrset(w, A_NORMAL);
}

/* For the too-small screen: the keys cannot be listed there, but the way
 * out of the overlay can, as bound. */
static void help_keys(pd_pane *p, char *buf, size_t len)
{
	help_state *s = p->state;
	const pd_keymap *km = pd_app_keymap(s->app);
	char quit[32], cancel[32];
	pd_keymap_first(km, PD_ACT_QUIT, quit, sizeof quit);
	pd_keymap_first(km, PD_ACT_CANCEL, cancel, sizeof cancel);
	snprintf(buf, len, "The keys of the %s need a larger window\n%s%s%s closes", s->view, quit,
	         quit[0] && cancel[0] ? " or " : "", cancel);
}

static unsigned help_handle(pd_pane *p, const pd_event *ev)
{
	help_state *s = p->state;
	/* Measured now, not as last drawn: keys come in batches, and G or
	 * PgDn typed right after ? arrive before the overlay was ever drawn
	 * (it went by 0 lines then). Over the whole screen, as it is drawn. */
	WINDOW *scr = p->win ? p->win : stdscr;
	measure(s, getmaxy(scr), getmaxx(scr));
	int max = s->total - s->page;
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
	case PD_ACT_CALL:
		/* Read while the phone rings, the key it names: the call goes
		 * over the keys, which are back as they were after it. */
		return PD_PANE_IGNORED;
	default:
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
	.keys = help_keys,
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
	/* The filter being typed is the list's. */
	snprintf(s->view, sizeof s->view, "%s", view && strcmp(view, "filter") != 0 ? view : "list");
	/* In a form / c < > type text: the intro's keys are not the form's. */
	s->intro = strcmp(s->view, "form") == 0 ? 0 : INTRO_LINES;
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
