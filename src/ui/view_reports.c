/* The reports view. For now the pipeline only: partners per stage as bars
 * (counted by the model); activity and audiences come with the reports
 * issue, as does `partnerdesk report` on the command line. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/model/partner.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "views.h"

typedef struct reports_state {
	struct pd_app *app;
	long *counts;
	size_t n;
	bool dirty;
	char error[PD_ERROR_MSG_MAX];
} reports_state;

static void fetch(reports_state *s)
{
	pd_db *db = pd_app_db(s->app);
	s->dirty = false;
	s->error[0] = '\0';
	free(s->counts);
	s->counts = NULL;
	s->n = 0;
	if (!db)
		return;
	const pd_rules *r = pd_db_rules(db);
	s->counts = calloc(r->n_stages ? r->n_stages : 1, sizeof *s->counts);
	if (!s->counts)
		return;
	s->n = r->n_stages;
	for (size_t i = 0; i < s->n; i++) {
		pd_error err = {0};
		pd_partner_query q = {.stage = r->stages[i].name};
		s->counts[i] = pd_partner_query_count(db, &q, &err);
		if (s->counts[i] < 0) {
			s->counts[i] = 0;
			snprintf(s->error, sizeof s->error, "%s", err.msg);
		}
	}
}

static void reports_draw(pd_pane *p, WINDOW *w, bool focused)
{
	reports_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	if (s->dirty)
		fetch(s);
	wattrset(w, pd_draw_attr("header"));
	pd_draw_text(w, 0, 1, "Pipeline: partners per stage", cols - 2, false);
	wattrset(w, A_NORMAL);
	const pd_rules *r = pd_db_rules(pd_app_db(s->app));
	long max = 1;
	for (size_t i = 0; i < s->n; i++)
		if (s->counts[i] > max)
			max = s->counts[i];
	int label_w = 14, num_w = 6;
	int bar_w = cols - label_w - num_w - 4;
	bool utf8 = pd_draw_locale_utf8();
	for (size_t i = 0; i < s->n && (int)i + 2 < rows - 3; i++) {
		int y = 2 + (int)i;
		pd_draw_text(w, y, 1, r->stages[i].label ? r->stages[i].label : r->stages[i].name, label_w, true);
		pd_draw_fmt(w, y, 1 + label_w, num_w, false, "%5ld", s->counts[i]);
		int len = bar_w > 0 ? (int)(s->counts[i] * bar_w / max) : 0;
		char el[64];
		snprintf(el, sizeof el, "stage.%s", r->stages[i].name);
		wattrset(w, pd_draw_attr(el));
		for (int k = 0; k < len; k++)
			pd_draw_text(w, y, 2 + label_w + num_w + k, utf8 ? "\xe2\x96\x88" : "#", 1, false);
		wattrset(w, A_NORMAL);
	}
	wattrset(w, pd_draw_attr("dim"));
	pd_draw_text(w, rows - 2, 1, "Activity and audience reports come in a later version.", cols - 2, false);
	wattrset(w, A_NORMAL);
	if (s->error[0]) {
		wattrset(w, pd_draw_attr("error"));
		pd_draw_text(w, rows - 1, 1, s->error, cols - 2, false);
		wattrset(w, A_NORMAL);
	}
}

static unsigned reports_handle(pd_pane *p, const pd_event *ev)
{
	return PD_PANE_IGNORED;
}

static void reports_reload(pd_pane *p)
{
	reports_state *s = p->state;
	s->dirty = true;
}

static void reports_destroy(pd_pane *p)
{
	if (!p)
		return;
	reports_state *s = p->state;
	if (s)
		free(s->counts);
	free(s);
	free(p);
}

static const pd_pane_ops reports_ops = {
	.name = "reports",
	.draw = reports_draw,
	.handle = reports_handle,
	.reload = reports_reload,
	.destroy = reports_destroy,
};

pd_pane *pd_view_reports_create(struct pd_app *app)
{
	pd_pane *p = calloc(1, sizeof *p);
	reports_state *s = calloc(1, sizeof *s);
	if (!p || !s) {
		free(p);
		free(s);
		return NULL;
	}
	s->app = app;
	s->dirty = true;
	p->ops = &reports_ops;
	p->state = s;
	p->app = app;
	return p;
}
