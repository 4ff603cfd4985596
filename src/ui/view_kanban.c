/* The kanban view: a column per configured stage with its count, then one
 * per stage the config no longer lists that partners are still in; a card
 * per partner (name, kind, days since the last contact). Each column
 * fetches only the cards it shows (stage filter, offset/limit). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "views.h"

#define CARD_H 2
#define MIN_COL_W 14
/* The columns "not in config" takes on a column's rule. */
#define NOT_IN_CONFIG_W 13

/* At most this many columns for stages the config does not list. */
#define MAX_UNKNOWN 16

typedef struct column {
	char *stage;            /* the stage's name as stored */
	bool unknown;           /* the config does not list it */
	long count;
	long sel, top;
	pd_partner_rows rows;   /* [top, top + rows.n) */
} column;

typedef struct kanban_state {
	struct pd_app *app;
	column *cols;
	size_t n;               /* stages */
	size_t cur;             /* the selected column */
	int page;               /* cards per column on screen */
	bool dirty;             /* the cards on screen must be fetched again */
	bool recount;           /* and the counts too: the data changed */
	int64_t follow;         /* select this partner at the next fetch, in
	                           whichever column it now is (0: none) */
	char error[PD_ERROR_MSG_MAX];
} kanban_state;

static void free_columns(kanban_state *s)
{
	for (size_t i = 0; i < s->n; i++) {
		pd_partner_rows_finish(&s->cols[i].rows);
		free(s->cols[i].stage);
	}
	free(s->cols);
	s->cols = NULL;
	s->n = 0;
}

/* The configured stages, then `unknown`; a column that was there before
 * keeps its selection, and the selected column stays selected. */
static bool set_columns(kanban_state *s, const pd_rules *r, char *const *unknown, size_t n_unknown)
{
	size_t n = r->n_stages + n_unknown;
	column *cols = calloc(n ? n : 1, sizeof *cols);
	if (!cols)
		return false;
	size_t cur = 0;
	for (size_t i = 0; i < n; i++) {
		const char *name = i < r->n_stages ? r->stages[i].name : unknown[i - r->n_stages];
		cols[i].unknown = i >= r->n_stages;
		if (!(cols[i].stage = strdup(name))) {
			for (size_t k = 0; k < i; k++)
				free(cols[k].stage);
			free(cols);
			return false;
		}
		for (size_t k = 0; k < s->n; k++) {
			if (strcmp(s->cols[k].stage, name) == 0) {
				cols[i].sel = s->cols[k].sel;
				cols[i].top = s->cols[k].top;
				cols[i].count = s->cols[k].count;
				cols[i].rows = s->cols[k].rows;
				s->cols[k].rows = (pd_partner_rows){0};
				if (k == s->cur)
					cur = i;
			}
		}
	}
	free_columns(s);
	s->cols = cols;
	s->n = n;
	s->cur = cur;
	return true;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The stages partners are in that the config does not list (a stage
 * removed from the config keeps its partners): `missing` partners are in
 * none of the configured columns, and in pipeline order they come last. */
static size_t find_unknown(kanban_state *s, const pd_rules *r, long missing, char **out, size_t max)
{
	pd_db *db = pd_app_db(s->app);
	size_t n = 0;
	long found = 0;
	pd_partner_query q = {.sort = PD_SORT_STAGE, .desc = true, .limit = 200};
	for (q.offset = 0; found < missing && q.offset < missing && n < max; q.offset += q.limit) {
		pd_partner_rows rows = {0};
		pd_error err = {0};
		if (!pd_partner_query_run(db, &q, &rows, &err))
			break;
		for (size_t i = 0; i < rows.n && n < max; i++) {
			const char *st = rows.v[i].stage;
			bool seen = pd_rules_stage(r, st) != NULL;
			for (size_t k = 0; k < n && !seen; k++)
				seen = strcmp(out[k], st) == 0;
			if (seen)
				continue;
			pd_partner_query cq = {.stage = st};
			long c = pd_partner_query_count(db, &cq, &err);
			if (c > 0 && (out[n] = strdup(st))) {
				found += c;
				n++;
			}
		}
		bool last = rows.n < (size_t)q.limit;
		pd_partner_rows_finish(&rows);
		if (last)
			break;
	}
	qsort(out, n, sizeof *out, by_name);
	return n;
}

static void fetch_column(kanban_state *s, size_t i, const pd_rules *r)
{
	pd_db *db = pd_app_db(s->app);
	column *c = &s->cols[i];
	pd_error err = {0};
	pd_partner_query q = {.stage = c->stage, .sort = PD_SORT_LAST_CONTACT};
	(void)r;
	pd_partner_rows_finish(&c->rows);
	if (s->recount) {
		/* Counting is the slow part at many partners: only when the data
		 * changed, not when the window moves. */
		c->count = pd_partner_query_count(db, &q, &err);
		if (c->count < 0) {
			c->count = 0;
			snprintf(s->error, sizeof s->error, "%s", err.msg);
			return;
		}
	}
	int page = s->page > 0 ? s->page : 1;
	if (c->sel >= c->count)
		c->sel = c->count - 1;
	if (c->sel < 0)
		c->sel = 0;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + page)
		c->top = c->sel - page + 1;
	if (c->top > c->count - page)
		c->top = c->count - page;
	if (c->top < 0)
		c->top = 0;
	q.offset = c->top;
	q.limit = page;
	if (!pd_partner_query_run(db, &q, &c->rows, &err))
		snprintf(s->error, sizeof s->error, "%s", err.msg);
}

static const pd_partner_row *selected_card(const kanban_state *s)
{
	if (s->cur >= s->n)
		return NULL;
	const column *c = &s->cols[s->cur];
	long i = c->sel - c->top;
	if (i < 0 || i >= (long)c->rows.n)
		return NULL;
	return &c->rows.v[i];
}

/* The partner's card moved (a stage move, a contact logged re-sorts its
 * column, another session's save): the selection goes with it, so the
 * next key acts on the same partner. The current column is asked first. */
static bool find_card(kanban_state *s, const pd_rules *r, int64_t id)
{
	pd_db *db = pd_app_db(s->app);
	for (size_t k = 0; k < s->n; k++) {
		size_t i = (s->cur + k) % s->n;
		column *c = &s->cols[i];
		pd_error err = {0};
		pd_partner_query q = {.stage = c->stage, .sort = PD_SORT_LAST_CONTACT};
		long pos = pd_partner_query_position(db, &q, id, &err);
		if (pos < 0)
			continue;
		long line = c->sel - c->top;
		int page = s->page > 0 ? s->page : 1;
		bool same = i == s->cur;
		s->cur = i;
		c->sel = pos;
		/* In its own column the card keeps its line; in another column
		 * that column scrolls only as far as it must (fetch_column). */
		if (same && line >= 0 && line < page)
			c->top = pos - line;
		fetch_column(s, i, r);
		return true;
	}
	return false;
}

static void fetch(kanban_state *s)
{
	pd_db *db = pd_app_db(s->app);
	s->dirty = false;
	s->error[0] = '\0';
	if (!db)
		return;
	const pd_rules *r = pd_db_rules(db);
	if (!s->cols) {
		if (!set_columns(s, r, NULL, 0))
			return;
		s->recount = true;
	}
	for (size_t i = 0; i < s->n; i++)
		fetch_column(s, i, r);
	if (s->recount) {
		/* Partners in no configured column are in stages the config no
		 * longer lists: they get columns of their own, not hidden. */
		long known = 0;
		for (size_t i = 0; i < r->n_stages && i < s->n; i++)
			known += s->cols[i].count;
		pd_error err = {0};
		pd_partner_query all = {0};
		long total = pd_partner_query_count(db, &all, &err);
		char *unknown[MAX_UNKNOWN] = {0};
		size_t nu = total > known ? find_unknown(s, r, total - known, unknown, MAX_UNKNOWN) : 0;
		bool same = nu == s->n - r->n_stages;
		for (size_t k = 0; same && k < nu; k++)
			same = strcmp(unknown[k], s->cols[r->n_stages + k].stage) == 0;
		if (!same && set_columns(s, r, unknown, nu)) {
			for (size_t i = r->n_stages; i < s->n; i++)
				fetch_column(s, i, r);
		}
		for (size_t k = 0; k < nu; k++)
			free(unknown[k]);
	}
	s->recount = false;
	int64_t follow = s->follow;
	s->follow = 0;
	const pd_partner_row *sel = selected_card(s);
	int64_t went;
	if (follow && !(sel && sel->id == follow) && !find_card(s, r, follow) &&
	    (went = pd_partner_merged_into(db, follow, NULL)) != 0)
		find_card(s, r, went);   /* merged meanwhile: where it went */
}

static void draw_card(kanban_state *s, WINDOW *w, int y, int x, int wd, const pd_partner_row *r, bool sel,
                      bool focused, long now)
{
	const pd_theme *th = pd_app_theme(s->app);
	bool stale = pd_view_is_stale(s->app, r->stage, r->last_contact, r->created);
	/* Off the selection, the plain look as a pair (draw.c, "row.plain",
	 * as the list's rows): back from the rule's colour beside the card,
	 * or a looks's own, it costs the colour reset alone, not that and a
	 * full attribute reset. */
	int base = sel ? pd_theme_attr(th, focused ? "selected" : "selected.unfocused")
	               : pd_theme_attr(th, "row.plain");
	/* Each line's blanks in the attribute of its text: bold blanks look
	 * the same but cost an attribute switch on either side of the kind. */
	wattrset(w, base);
	mvwhline(w, y + 1, x, ' ', wd);
	wattrset(w, base | A_BOLD);
	mvwhline(w, y, x, ' ', wd);
	if (stale) {
		wattrset(w, sel ? base | (int)A_BOLD : pd_theme_over(base | (int)A_BOLD, pd_theme_attr(th, "stale")));
		pd_draw_text(w, y, x, "!", 1, false);
		wattrset(w, base | A_BOLD);
	}
	pd_draw_text(w, y, x + 1, r->name, wd - 1, false);
	wattrset(w, base);
	char age[16], line[128];
	pd_view_age(r->last_contact, now, age, sizeof age);
	long d = pd_view_days_since(r->last_contact, now);
	if (d >= 1 && d < 1000)
		snprintf(age, sizeof age, "%ldd", d);
	snprintf(line, sizeof line, "%s", r->kind ? r->kind : "");
	int aw = pd_draw_width(age);
	pd_draw_text(w, y + 1, x + 1, line, wd - aw - 2, false);
	if (!sel)
		wattrset(w, pd_theme_over(base, pd_theme_attr(th, stale ? "stale" : "dim")));
	pd_draw_text(w, y + 1, x + wd - aw, age, aw, false);
	wattrset(w, pd_theme_attr(th, "row.plain"));
}

/* Where the "column N of M" mark, mw wide, goes on the rule under the
 * heads of columns first .. first + fit: at the right unless a column not
 * in the config has its words there; then over the rightmost stretch of
 * rule clear of them (at the right all the same when none is). */
static int mark_at(const kanban_state *s, size_t first, size_t fit, int cols, int mw)
{
	int cw = cols / (int)fit;
	for (size_t k = fit; k-- > 0;) {
		int end = k + 1 == fit ? cols - 1 : (int)(k + 1) * cw - 1, at = end - mw;
		bool clear = at >= 0;
		for (size_t u = 0; clear && u < fit; u++) {
			int ux = (int)u * cw + 1;
			clear = !s->cols[first + u].unknown || ux + NOT_IN_CONFIG_W <= at || ux >= at + mw;
		}
		if (clear)
			return at;
	}
	return cols - mw - 1 > 0 ? cols - mw - 1 : 0;
}

static void kanban_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	kanban_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	/* Below the cards, a line says how many more there are. */
	int page = (rows - 3) / CARD_H;
	if (page < 1)
		page = 1;
	if (page != s->page) {
		s->page = page;
		s->dirty = true;
	}
	if (s->dirty)
		fetch(s);
	if (s->n == 0) {
		pd_draw_text(w, 1, 2, s->error[0] ? s->error : "No stages configured.", cols - 4, false);
		return;
	}
	pd_db *db = pd_app_db(s->app);
	const pd_rules *r = pd_db_rules(db);
	long now = (long)pd_db_now(db);

	/* As many columns as fit; the selected one always among them. */
	size_t fit = (size_t)(cols / MIN_COL_W);
	if (fit < 1)
		fit = 1;
	if (fit > s->n)
		fit = s->n;
	size_t first = 0;
	if (s->cur >= fit)
		first = s->cur - fit + 1;
	/* Some columns are off screen: a mark on the rule under the heads says
	 * so (mark_at). */
	char more[32] = "";
	if (first > 0 || first + fit < s->n)
		snprintf(more, sizeof more, " %scolumn %zu of %zu%s ", first > 0 ? "< " : "", s->cur + 1, s->n,
		         first + fit < s->n ? " >" : "");
	int mw = pd_draw_width(more), mark_x = mark_at(s, first, fit, cols, mw);
	int cw = cols / (int)fit;
	/* Blanks in the plain look as a pair, as the cards are drawn: back
	 * from a head's colour or the rule's it costs the colour reset, not
	 * that and a full attribute reset (under a short column's cards too). */
	int plain = pd_theme_attr(th, "row.plain");
	wattrset(w, plain);
	for (int y = 0; y < rows; y++)
		mvwhline(w, y, 0, ' ', cols);
	for (size_t k = 0; k < fit; k++) {
		size_t i = first + k;
		column *c = &s->cols[i];
		int x = (int)k * cw;
		int wd = (k + 1 == fit ? cols - x : cw) - 1;
		int ha = (c->unknown ? pd_theme_attr(th, "dim") : pd_theme_stage_attr(th, c->stage)) | A_BOLD |
		         (i == s->cur && focused ? A_REVERSE : 0);
		wattrset(w, ha);
		mvwhline(w, 0, x, ' ', wd);
		/* The count is the one number here: the label gives way to it. */
		const char *label = !c->unknown && r->stages[i].label ? r->stages[i].label : c->stage;
		char count[32];
		snprintf(count, sizeof count, " (%ld)", c->count);
		int room = wd - 1, cwd = pd_draw_width(count), lwd = pd_draw_width(label);
		if (lwd + cwd > room)
			lwd = room - cwd;
		if (lwd < 1) {
			pd_draw_text(w, 0, x + 1, count + 1, room, false);
		} else {
			pd_draw_text(w, 0, x + 1, label, lwd, false);
			pd_draw_text(w, 0, x + 1 + lwd, count, room - lwd, false);
		}
		wattrset(w, pd_theme_attr(th, "border"));
		pd_draw_hline(w, 1, x, wd);
		if (c->unknown) {
			/* Short of the mark where nowhere was clear of it. */
			int nw = more[0] && x + 1 < mark_x + mw && mark_x < x + wd ? mark_x - x - 2 : wd - 1;
			wattrset(w, pd_theme_attr(th, "dim"));
			pd_draw_text(w, 1, x + 1, "not in config", nw, false);
			wattrset(w, pd_theme_attr(th, "border"));
		}
		if (k + 1 < fit) {
			pd_draw_vline(w, 0, x + wd, rows);
			pd_draw_line_char(w, 1, x + wd, PD_LINE_CROSS);
		}
		wattrset(w, plain);
		for (size_t j = 0; j < c->rows.n && (int)j < page; j++) {
			long abs = c->top + (long)j;
			draw_card(s, w, 2 + (int)j * CARD_H, x, wd, &c->rows.v[j], i == s->cur && abs == c->sel, focused, now);
		}
		/* More above or below: a mark in the header line. */
		wattrset(w, pd_theme_attr(th, "dim"));
		if (c->top > 0)
			pd_draw_text(w, 1, x + wd - 2, "^", 1, false);
		if (c->top + (long)c->rows.n < c->count)
			pd_draw_fmt(w, rows - 1, x + 1, wd - 1, false, "+%ld more", c->count - c->top - (long)c->rows.n);
		wattrset(w, plain);
	}
	if (more[0]) {
		wattrset(w, pd_theme_attr(th, "dim"));
		pd_draw_text(w, 1, mark_x, more, mw, false);
		wattrset(w, plain);
	}
	if (s->error[0]) {
		wattrset(w, pd_theme_attr(th, "error"));
		pd_draw_text(w, rows - 1, 0, s->error, cols, true);
		wattrset(w, plain);
	}
}

static void move_card(kanban_state *s, long sel)
{
	column *c = &s->cols[s->cur];
	if (sel >= c->count)
		sel = c->count - 1;
	if (sel < 0)
		sel = 0;
	c->sel = sel;
	int page = s->page > 0 ? s->page : 1;
	if (sel < c->top || sel >= c->top + page || sel >= c->top + (long)c->rows.n)
		s->dirty = true;
}

static unsigned kanban_handle(pd_pane *p, const pd_event *ev)
{
	kanban_state *s = p->state;
	/* Keys come in batches: one may arrive before the first draw. */
	if (s->dirty)
		fetch(s);
	if (s->n == 0)
		return PD_PANE_IGNORED;
	int page = s->page > 0 ? s->page : 1;
	column *c = &s->cols[s->cur];
	switch (ev->action) {
	case PD_ACT_LEFT:
		if (s->cur > 0)
			s->cur--;
		break;
	case PD_ACT_RIGHT:
		if (s->cur + 1 < s->n)
			s->cur++;
		break;
	case PD_ACT_DOWN: move_card(s, c->sel + 1); break;
	case PD_ACT_UP: move_card(s, c->sel - 1); break;
	case PD_ACT_TOP: move_card(s, 0); break;
	case PD_ACT_BOTTOM: move_card(s, c->count - 1); break;
	case PD_ACT_PAGE_DOWN: move_card(s, c->sel + page); break;
	case PD_ACT_PAGE_UP: move_card(s, c->sel - page); break;
	default: return PD_PANE_IGNORED;
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static void kanban_reload(pd_pane *p)
{
	kanban_state *s = p->state;
	/* Cards re-sort when the data changes: the selection stays on the
	 * partner, not on the place. */
	const pd_partner_row *r = selected_card(s);
	if (!s->follow && r && !s->dirty)
		s->follow = r->id;
	s->dirty = true;
	s->recount = true;
}

static void kanban_follow(pd_pane *p, int64_t id)
{
	kanban_state *s = p->state;
	s->follow = id;
	s->dirty = true;
}

static int64_t kanban_selected(const pd_pane *p)
{
	const kanban_state *s = p->state;
	if (s->dirty)
		fetch((kanban_state *)s);
	const pd_partner_row *r = selected_card(s);
	return r ? r->id : 0;
}

static void kanban_destroy(pd_pane *p)
{
	kanban_state *s = p ? p->state : NULL;
	if (s)
		free_columns(s);
	pd_view_pane_free(p);
}

static const pd_pane_ops kanban_ops = {
	.name = "kanban",
	.draw = kanban_draw,
	.handle = kanban_handle,
	.reload = kanban_reload,
	.destroy = kanban_destroy,
	.selected = kanban_selected,
	.follow = kanban_follow,
};

pd_pane *pd_view_kanban_create(struct pd_app *app)
{
	pd_pane *p = pd_view_pane_create(app, &kanban_ops, sizeof(kanban_state));
	if (!p)
		return NULL;
	kanban_state *s = p->state;
	s->app = app;
	s->dirty = true;
	s->recount = true;
	return p;
}
