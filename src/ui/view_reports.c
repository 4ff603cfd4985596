/* The reports view (key 4): the pipeline, activity, audiences and attention
 * reports as bar charts, from the same pd_report the `report` command
 * prints, so screen and spreadsheet agree. h/l or Tab switch reports, p
 * cycles the period, j/k scroll. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/model/report.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/keymap.h"
#include "views.h"

static const char *const report_titles[PD_REPORT__COUNT] = {"Pipeline", "Activity", "Audiences", "Attention"};

typedef struct reports_state {
	struct pd_app *app;
	pd_report_kind kind;
	pd_report_period period;
	pd_report report;
	bool have, dirty;
	int top;             /* first line shown */
	int total, page;     /* lines in the report, lines on screen; total
	                        is -1 when the report or period changed since
	                        the last draw (G typed right after l must not go
	                        by the last report's length) */
	char error[PD_ERROR_MSG_MAX];
} reports_state;

static void fetch(reports_state *s)
{
	pd_db *db = pd_app_db(s->app);
	s->dirty = false;
	s->error[0] = '\0';
	if (s->have)
		pd_report_finish(&s->report);
	s->have = false;
	if (!db)
		return;
	pd_error err = {0};
	s->have = pd_report_build(db, s->kind, s->period, &s->report, &err);
	if (!s->have)
		snprintf(s->error, sizeof s->error, "%s", err.msg);
}

/* ---- drawing: lines laid out top to bottom, only the visible ones drawn ---- */

typedef struct painter {
	WINDOW *w;
	int y0, h, x, width;
	int line, skip;
	const pd_theme *th;
} painter;

/* The screen row of the next line, or -1 when it is scrolled away. */
static int next_row(painter *pt)
{
	int l = pt->line++;
	return l >= pt->skip && l - pt->skip < pt->h ? pt->y0 + l - pt->skip : -1;
}

static void draw_table(painter *pt, const pd_report_table *t, bool utf8)
{
	int y = next_row(pt);
	if (y >= 0) {
		wattrset(pt->w, pd_theme_attr(pt->th, "header"));
		pd_draw_text(pt->w, y, pt->x, t->title, pt->width, false);
		wattrset(pt->w, A_NORMAL);
	}
	if (!t->n_rows) {
		if ((y = next_row(pt)) >= 0) {
			wattrset(pt->w, pd_theme_attr(pt->th, "dim"));
			pd_draw_text(pt->w, y, pt->x + 2, "(none)", pt->width - 2, false);
			wattrset(pt->w, A_NORMAL);
		}
		pt->line++;
		return;
	}
	int widest = 5;
	for (size_t i = 0; i < t->n_rows; i++) {
		int w = pd_draw_width(t->rows[i].label);
		if (w > widest)
			widest = w;
	}
	/* Figures: every column when they fit in about half the width, else
	 * only the one the bar shows (the rule `report` follows too). */
	bool total = t->bar_column < 0 && t->n_columns > 1;
	int col_w[64];
	size_t ncols = t->n_columns < 64 ? t->n_columns : 64;
	int figures = 0;
	bool header = pd_report_names_columns(t);
	char head[128];
	for (size_t c = 0; c < ncols; c++) {
		pd_report_column_label(t, c, head, sizeof head);
		col_w[c] = header ? pd_draw_width(head) : 3;
		for (size_t i = 0; i < t->n_rows; i++) {
			char num[32];
			int n = snprintf(num, sizeof num, "%ld", t->rows[i].values[c]);
			if (n > col_w[c])
				col_w[c] = n;
		}
		figures += 1 + col_w[c];
	}
	/* The bar's own figure (the total, or the one left when the others
	 * give way): a blank and as wide as the widest, "total" at least; a
	 * fixed 6 ran 100000 into the figure before it. */
	int bv_w = pd_report_bar_value_width(t);
	int total_w = 1 + (bv_w > 5 ? bv_w : 5);
	if (total)
		figures += total_w;
	/* The one figure left when the others give way: the bar's column,
	 * headed by its name, or the total, as `report` prints it; at least
	 * as wide as the total was. */
	bool bar_col = t->bar_column >= 0 && (size_t)t->bar_column < ncols;
	int one_w = bar_col && header && 1 + col_w[t->bar_column] > total_w ? 1 + col_w[t->bar_column] : total_w;
	/* The labels get what the bar can give up: a third of the line cut
	 * a long name at 80 columns with forty of bar beside it. */
	pd_report_fit fit = pd_report_fit_line(widest, 2 + 2, figures, t->n_columns <= 1 ? figures : one_w,
	                                       pt->width);
	bool all = t->n_columns <= 1 || fit.all;
	int label_w = fit.label;
	if (!all) {
		figures = one_w;
		total = false;
	}
	int bar_x = pt->x + 2 + label_w + figures + 2;
	int bar_w = pt->x + pt->width - bar_x;
	if (bar_w > PD_REPORT_BAR_MAX)
		bar_w = PD_REPORT_BAR_MAX;
	if (header && (y = next_row(pt)) >= 0) {
		wattrset(pt->w, pd_theme_attr(pt->th, "dim"));
		int x = pt->x + 2 + label_w;
		for (size_t c = 0; all && c < ncols; c++) {
			pd_report_column_label(t, c, head, sizeof head);
			/* Right-aligned by columns: printf pads by bytes ("café"). */
			int hw = pd_draw_width(head);
			pd_draw_text(pt->w, y, x + (hw <= col_w[c] ? col_w[c] + 1 - hw : 1), head, col_w[c], false);
			x += col_w[c] + 1;
		}
		if (!all) {
			/* Without it, "2026-11  6" left the 6 unexplained. */
			if (bar_col)
				pd_report_column_label(t, (size_t)t->bar_column, head, sizeof head);
			else
				snprintf(head, sizeof head, "total");
			int hw = pd_draw_width(head);
			pd_draw_text(pt->w, y, x + (hw < one_w ? one_w - hw : 0), head, one_w, false);
		} else if (total) {
			pd_draw_fmt(pt->w, y, x, total_w, false, "%*s", total_w, "total");
		}
		wattrset(pt->w, A_NORMAL);
	}
	long max = pd_report_bar_max(t);
	/* Three bytes a column of full blocks: a fixed kilobyte held 340. */
	size_t bar_size = 3 * (size_t)(bar_w > 0 ? bar_w : 0) + 8;
	char *bar = malloc(bar_size);
	if (!bar)
		return;
	for (size_t i = 0; i < t->n_rows; i++) {
		const pd_report_row *row = &t->rows[i];
		if ((y = next_row(pt)) < 0)
			continue;
		pd_draw_text(pt->w, y, pt->x + 2, row->label, label_w, true);
		int x = pt->x + 2 + label_w;
		long bv = pd_report_bar_value(t, row);
		if (all) {
			for (size_t c = 0; c < ncols; c++) {
				pd_draw_fmt(pt->w, y, x, col_w[c] + 1, false, "%*ld", col_w[c] + 1, row->values[c]);
				x += col_w[c] + 1;
			}
			if (total)
				pd_draw_fmt(pt->w, y, x, total_w, false, "%*ld", total_w, bv);
		} else {
			pd_draw_fmt(pt->w, y, x, one_w, false, "%*ld", one_w, bv);
		}
		if (bar_w <= 0)
			continue;
		pd_report_bar(bv, max, bar_w, utf8, bar, bar_size);
		/* Stage rows take their stage's colour. */
		bool stage_row = strcmp(t->key, "stages") == 0 || strcmp(t->key, "stage_days") == 0;
		int attr = stage_row ? pd_theme_stage_attr(pt->th, row->key) : pd_theme_attr(pt->th, "bar");
		/* A full block is three bytes of UTF-8 on the wire, a reversed
		 * space one and looks the same: only the partial tail needs a glyph. */
		int full = 0;
		while (strncmp(bar + 3 * full, "\xe2\x96\x88", 3) == 0)
			full++;
		wattrset(pt->w, attr | A_REVERSE);
		mvwhline(pt->w, y, bar_x, ' ', full < bar_w ? full : bar_w);
		wattrset(pt->w, attr);
		if (full < bar_w)
			pd_draw_text(pt->w, y, bar_x + full, bar + 3 * full, bar_w - full, false);
		wattrset(pt->w, A_NORMAL);
	}
	free(bar);
	pt->line++;   /* a blank line between tables */
}

static void reports_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	reports_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	if (s->dirty)
		fetch(s);
	/* The reports as tabs, the period on the right. */
	int x = 1;
	for (int k = 0; k < PD_REPORT__COUNT; k++) {
		char label[32];
		snprintf(label, sizeof label, " %s ", report_titles[k]);
		wattrset(w, k == (int)s->kind ? pd_theme_attr(th, focused ? "tab.active" : "selected.unfocused")
		                              : pd_theme_attr(th, "tab"));
		x += pd_draw_text(w, 0, x, label, cols - x, false) + 1;
		wattrset(w, A_NORMAL);
		if (x >= cols)
			break;
	}
	char period[96];
	if (s->have && !pd_report_kind_uses_period(s->kind))
		snprintf(period, sizeof period, "as of %s", s->report.to);
	else if (s->have && s->report.from[0])
		snprintf(period, sizeof period, "%s, %s to %s", pd_report_period_label(s->period), s->report.from,
		         s->report.to);
	else if (s->have)
		snprintf(period, sizeof period, "%s, to %s", pd_report_period_label(s->period), s->report.to);
	else
		snprintf(period, sizeof period, "%s", pd_report_period_label(s->period));
	int pw = pd_draw_width(period);
	if (x + pw + 2 >= cols) {
		/* Narrow: the period's name without its dates. */
		snprintf(period, sizeof period, "%s (p)", pd_report_kind_uses_period(s->kind) ?
		         pd_report_period_label(s->period) : "today");
		pw = pd_draw_width(period);
	}
	if (x + pw + 2 < cols) {
		wattrset(w, pd_theme_attr(th, "dim"));
		pd_draw_text(w, 0, cols - pw - 1, period, pw, false);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, pd_theme_attr(th, "border"));
	pd_draw_hline(w, 1, 0, cols);
	wattrset(w, A_NORMAL);

	painter pt = {.w = w, .y0 = 2, .h = rows - 2, .x = 1, .width = cols - 2, .skip = s->top,
	              .th = pd_app_theme(s->app)};
	s->page = pt.h;
	if (s->error[0]) {
		wattrset(w, pd_theme_attr(th, "error"));
		pd_draw_text(w, 2, 1, s->error, cols - 2, false);
		wattrset(w, A_NORMAL);
		return;
	}
	if (!s->have)
		return;
	bool utf8 = pd_locale_utf8();
	for (size_t i = 0; i < s->report.n_tables; i++)
		draw_table(&pt, &s->report.tables[i], utf8);
	/* Scrolled past the end (G typed ahead, a shorter report, a taller
	 * window): the last page, drawn again. */
	int max = pt.line - pt.h > 0 ? pt.line - pt.h : 0;
	if (s->top > max) {
		s->top = max;
		for (int y = pt.y0; y < rows; y++) {
			wmove(w, y, 0);
			wclrtoeol(w);
		}
		pt.line = 0;
		pt.skip = s->top;
		for (size_t i = 0; i < s->report.n_tables; i++)
			draw_table(&pt, &s->report.tables[i], utf8);
	}
	s->total = pt.line;
	if (s->total > pt.h && pt.h > 0) {
		char where[100], keys[72];
		int pct = (s->top + pt.h) * 100 / s->total;
		/* The scrolling keys as bound ("j/k", or what keys: made them). */
		pd_keymap_hint_keys(pd_app_keymap(s->app), PD_ACT_DOWN, PD_ACT_UP, false, keys, sizeof keys);
		snprintf(where, sizeof where, " %d%%%s%s ", pct > 100 ? 100 : pct, keys[0] ? " " : "", keys);
		wattrset(w, pd_theme_attr(th, "dim"));
		pd_draw_text(w, 1, cols - pd_draw_width(where) - 1, where, 12, false);
		wattrset(w, A_NORMAL);
	}
}

static void scroll_to(reports_state *s, int v)
{
	int max = s->total >= 0 ? s->total - s->page : PD_VIEW_SCROLL_END;
	if (v > max)
		v = max;
	if (v < 0)
		v = 0;
	s->top = v;
}

static void switch_report(reports_state *s, int dir)
{
	s->kind = (pd_report_kind)(((int)s->kind + PD_REPORT__COUNT + dir) % PD_REPORT__COUNT);
	s->top = 0;
	s->total = -1;
	s->dirty = true;
}

static unsigned reports_handle(pd_pane *p, const pd_event *ev)
{
	reports_state *s = p->state;
	int page = s->page > 1 ? s->page - 1 : 1;
	switch (ev->action) {
	case PD_ACT_LEFT:
	case PD_ACT_PREV_PANE:
		switch_report(s, -1);
		break;
	case PD_ACT_RIGHT:
	case PD_ACT_NEXT_PANE:
		switch_report(s, +1);
		break;
	case PD_ACT_PERIOD:
		s->period = (pd_report_period)(((int)s->period + 1) % PD_PERIOD__COUNT);
		s->total = -1;
		s->dirty = true;
		pd_app_status(s->app, "period: %s", pd_report_period_label(s->period));
		break;
	case PD_ACT_DOWN: scroll_to(s, s->top + 1); break;
	case PD_ACT_UP: scroll_to(s, s->top - 1); break;
	case PD_ACT_PAGE_DOWN: scroll_to(s, s->top + page); break;
	case PD_ACT_PAGE_UP: scroll_to(s, s->top - page); break;
	case PD_ACT_TOP: scroll_to(s, 0); break;
	case PD_ACT_BOTTOM: scroll_to(s, PD_VIEW_SCROLL_END); break;
	default:
		return PD_PANE_IGNORED;
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static void reports_reload(pd_pane *p)
{
	reports_state *s = p->state;
	s->dirty = true;
	s->total = -1;
}

static void reports_destroy(pd_pane *p)
{
	reports_state *s = p ? p->state : NULL;
	if (s && s->have)
		pd_report_finish(&s->report);
	pd_view_pane_free(p);
}

static const pd_action reports_help[] = {
	PD_ACT_LEFT, PD_ACT_RIGHT, PD_ACT_NEXT_PANE, PD_ACT_PREV_PANE, PD_ACT_PERIOD,
	PD_ACT_DOWN, PD_ACT_UP, PD_ACT_PAGE_DOWN, PD_ACT_PAGE_UP, PD_ACT_TOP, PD_ACT_BOTTOM,
};

static const pd_action *reports_help_actions(const pd_pane *p, size_t *n)
{
	*n = sizeof reports_help / sizeof reports_help[0];
	return reports_help;
}

static const pd_pane_ops reports_ops = {
	.name = "reports",
	.draw = reports_draw,
	.handle = reports_handle,
	.reload = reports_reload,
	.destroy = reports_destroy,
	.help_actions = reports_help_actions,
};

pd_pane *pd_view_reports_create(struct pd_app *app)
{
	pd_pane *p = pd_view_pane_create(app, &reports_ops, sizeof(reports_state));
	if (!p)
		return NULL;
	reports_state *s = p->state;
	s->app = app;
	s->kind = PD_REPORT_PIPELINE;
	s->period = PD_REPORT_PERIOD_DEFAULT;
	s->dirty = true;
	s->total = -1;
	return p;
}
