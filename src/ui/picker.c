/* The partner picker: a filter line and a windowed list of partners from
 * the model's query (only the rows on screen are read), Enter chooses.
 * While nothing is typed, the partners likely the same as one (merge's
 * duplicates) come before the list, marked with why, read anew with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "form.h"
#include "partnerdesk/model/likely_same.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/forms.h"
#include "views.h"

typedef struct picker {
	void (*done)(struct pd_app *, int64_t, void *);
	void *ctx;
	void (*free_ctx)(void *);   /* frees ctx with the picker; may be NULL */
	char **typed_into;          /* gets what was typed when a partner is chosen */
	int64_t exclude;            /* a partner not offered (0: none) */
	pd_field filter;          /* the engine's line editing, for the filter */
	pd_partner_rows rows;     /* the window: rows top .. top + rows.n */
	long top, sel;
	long total;               /* rows: the likely shown first, then the list */
	long partners;            /* of the list alone: the partners offered */
	long shown;               /* list rows on screen at the last draw */
	bool stale;               /* filter or window moved: query again */
	char error[PD_ERROR_MSG_MAX];
	char title[256];          /* "" says "Choose a partner" */
	char question[96];        /* shown whole after the title ("" none) */
	pd_likely_list likely;    /* offered first while the filter is empty */
	long n_first;             /* of them shown now: likely.n or 0 */
	int64_t likely_of;        /* whose likely duplicates they are (0: none) */
	size_t likely_max;
	char likely_error[PD_ERROR_MSG_MAX];   /* why they could not be read */
} picker;

/* Row idx of the whole list (the offered first, then the query's) as
 * the query's window holds it: its id, name and stage; false off it. */
static bool picker_row(const picker *k, long idx, int64_t *id, const char **name, const char **stage,
	unsigned *why)
{
	if (idx >= 0 && idx < k->n_first) {
		const pd_likely *l = &k->likely.v[idx];
		*id = l->id, *name = l->name, *stage = l->stage, *why = l->why;
		return true;
	}
	long at = idx - (k->top > k->n_first ? k->top : k->n_first);
	if (at < 0 || at >= (long)k->rows.n)
		return false;
	const pd_partner_row *r = &k->rows.v[at];
	*id = r->id, *name = r->name, *stage = r->stage, *why = 0;
	return true;
}

/* The partner of row idx; 0 off the list (no partner has id 0). */
static int64_t picker_row_id(const picker *k, long idx)
{
	int64_t id;
	const char *name, *stage;
	unsigned why;
	return picker_row(k, idx, &id, &name, &stage, &why) ? id : 0;
}

/* How many likely ones come first: all of them while nothing is typed. */
static long picker_first(const picker *k)
{
	return k->filter.len ? 0 : (long)k->likely.n;
}

/* The query of the list's rows: text is the filter (the caller's). */
static pd_partner_query picker_list_query(const picker *k, const char *text)
{
	pd_partner_query q = {0};
	q.text = text && *text ? text : NULL;
	q.sort = PD_SORT_NAME;
	q.exclude = k->exclude;
	return q;
}

static void picker_query(pd_pane *p)
{
	picker *k = p->state;
	pd_db *db = pd_app_db(p->app);
	char *text = pd_field_get(&k->filter);
	pd_partner_query q = picker_list_query(k, text);
	pd_error err = {0};
	k->n_first = picker_first(k);
	k->partners = pd_partner_query_count(db, &q, &err);
	if (k->partners < 0) {
		snprintf(k->error, sizeof k->error, "%s", err.msg);
		k->partners = 0;
	}
	/* The likely ones are in the list too, where the name sorts: rows
	 * count them twice, the partners offered once. */
	k->total = k->partners + k->n_first;
	if (k->sel >= k->total)
		k->sel = k->total > 0 ? k->total - 1 : 0;
	if (k->sel < 0)
		k->sel = 0;
	long shown = k->shown > 0 ? k->shown : 10;
	if (k->sel < k->top)
		k->top = k->sel;
	if (k->sel >= k->top + shown)
		k->top = k->sel - shown + 1;
	/* the query's rows start after the offered first */
	q.offset = k->top > k->n_first ? k->top - k->n_first : 0;
	q.limit = shown;
	pd_partner_rows_finish(&k->rows);
	if (!pd_partner_query_run(db, &q, &k->rows, &err))
		snprintf(k->error, sizeof k->error, "%s", err.msg);
	else
		k->error[0] = '\0';
	free(text);
	k->stale = false;
}

/* The picker's hint line: where it is, and its keys as bound. Letters
 * go into the filter, so only keys that are no character act, and typing
 * is named among them. Each hint whole or not at all, the later ones
 * going first where the box is narrow. */
static void picker_hints(pd_pane *p, char *buf, size_t len, int room)
{
	const picker *k = p->state;
	const pd_keymap *km = pd_app_keymap(p->app);
	static const struct {
		pd_action a, b;
		const char *what;
	} hints[] = {
		{PD_ACT_OPEN, PD_ACT_NONE, "choose"}, {PD_ACT_CANCEL, PD_ACT_NONE, "cancel"},
		{PD_ACT_NONE, PD_ACT_NONE, "type to filter"}, {PD_ACT_DOWN, PD_ACT_UP, "move"},
	};
	/* Where it is among the partners, each counted once: on a likely row
	 * of those, then how many partners are offered; in the list, of it. */
	if (k->sel < k->n_first)
		snprintf(buf, len, "%ld of %ld likely, %ld partner%s", k->sel + 1, k->n_first, k->partners,
		         k->partners == 1 ? "" : "s");
	else
		snprintf(buf, len, "%ld of %ld", k->sel - k->n_first + 1, k->partners);
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		char keys[72] = "", item[128];
		if (hints[i].a != PD_ACT_NONE) {
			pd_keymap_hint_keys(km, hints[i].a, hints[i].b, true, keys, sizeof keys);
			/* open bound to no key that types nothing: Enter chooses */
			if (!keys[0] && hints[i].a == PD_ACT_OPEN && pd_keymap_enter_chooses(km))
				pd_key_name('\r', false, keys, sizeof keys);
			if (!keys[0])
				continue;
		}
		snprintf(item, sizeof item, "  %s%s%s", keys, keys[0] ? " " : "", hints[i].what);
		size_t o = strlen(buf);
		if (pd_draw_width(buf) + pd_draw_width(item) <= room && o + strlen(item) < len)
			memcpy(buf + o, item, strlen(item) + 1);
	}
}

/* Nothing to choose with nothing typed: the desk holds no partner yet
 * (a first caller, C-t), and "Backspace to widen" would send the person
 * looking for a filter there is not. The way on is adding one. */
static void empty_desk(pd_pane *p, char *buf, size_t len, const char *sep, const char *then)
{
	char cancel[32], add[32];
	pd_keymap_first(pd_app_keymap(p->app), PD_ACT_CANCEL, cancel, sizeof cancel);
	pd_keymap_first(pd_app_keymap(p->app), PD_ACT_ADD, add, sizeof add);
	if (add[0])
		pd_format(buf, len, "no partner to choose yet%s%s%s%s in the list adds one", sep, cancel, then, add);
	else
		pd_format(buf, len, "no partner to choose yet%s%s cancels", sep, cancel);
}

static void picker_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	picker *k = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	if (k->stale)
		picker_query(p);
	/* As tall as the matches need, up to 20 rows; never jumping below 8
	 * while a filter is typed. */
	int want_h = k->total + 5 < 8 ? 8 : k->total + 5 > 20 ? 20 : (int)k->total + 5;
	if (want_h > rows - 2)
		want_h = rows - 2;
	if (want_h < 6)
		want_h = rows;
	int y, x, h, wd;
	const char *title = k->title[0] ? k->title : "Choose a partner";
	/* 70 wide, wider for a title that says why it asks (to the screen's
	 * width): on a narrow screen its variable part is what is shortened. */
	int want_w = pd_draw_width(title) + pd_draw_width(k->question) + 6;
	want_w = want_w < 70 ? 70 : want_w;
	pd_form_box(w, th, want_h, want_w < cols ? want_w : cols, k->question[0] ? NULL : title, &y, &x, &h, &wd);
	if (k->question[0])
		pd_form_box_title(w, th, y, x, wd, title, k->question);
	long shown = h - 5;
	if (shown < 1)
		shown = 1;
	if (shown != k->shown) {
		k->shown = shown;
		k->stale = true;
	}
	if (k->sel < k->top || k->sel >= k->top + k->shown)
		k->stale = true;
	if (k->stale)
		picker_query(p);
	pd_draw_text(w, y + 1, x + 2, "Find: ", 6, false);
	char *text = pd_field_get(&k->filter);
	int fw = wd - 10;
	int cx = x + 8;
	if (fw > 2) {
		pd_draw_text(w, y + 1, x + 8, text ? text : "", fw, true);
		char *pre = NULL;
		if (text) {
			/* the cursor after the typed prefix */
			pd_field tmp = k->filter;
			tmp.len = tmp.cur;
			pre = pd_field_get(&tmp);
		}
		cx += pd_draw_width(pre ? pre : "");
		free(pre);
	}
	free(text);
	for (long i = 0; i < shown; i++) {
		int row = y + 2 + (int)i;
		int64_t id;
		const char *name, *stage;
		unsigned why;
		if (!picker_row(k, k->top + i, &id, &name, &stage, &why)) {
			pd_draw_text(w, row, x + 1, "", wd - 2, true);
			continue;
		}
		bool me = k->top + i == k->sel;
		int attr = me ? pd_theme_attr(th, "selected") : (int)A_NORMAL;
		wattron(w, attr);
		/* An offered one says why where the stage goes, wide enough. */
		char mark[120] = "";
		if (why) {
			char words[100];
			pd_likely_why_text(why, words, sizeof words);
			pd_format(mark, sizeof mark, "likely: %s", words);
		}
		int right = why && pd_draw_width(mark) > 14 ? pd_draw_width(mark) : 14;
		if (right > (wd - 4) / 2) {
			/* narrow: the reasons whole rather than "likely:" */
			right = (wd - 4) / 2;
			if (why && pd_draw_width(mark + 8) <= right)
				memmove(mark, mark + 8, strlen(mark + 8) + 1);
		}
		int nw = wd - 4 - right;
		/* A clipped name keeps a blank before the stage. */
		pd_draw_text(w, row, x + 2, name ? name : "", nw > 4 ? nw - 1 : wd - 4, true);
		if (nw > 4)
			pd_draw_text(w, row, x + 2 + nw, why ? mark : stage ? pd_view_stage_label(p->app, stage) : "",
			             right, true);
		wattroff(w, attr);
	}
	char foot[PD_ERROR_MSG_MAX], cancel[32];
	pd_keymap_first(pd_app_keymap(p->app), PD_ACT_CANCEL, cancel, sizeof cancel);
	if (k->error[0] || k->likely_error[0])
		snprintf(foot, sizeof foot, "%s", k->error[0] ? k->error : k->likely_error);
	else if (k->total == 0 && k->filter.len == 0)
		empty_desk(p, foot, sizeof foot, "; ", ", then ");
	else if (k->total == 0)
		snprintf(foot, sizeof foot, "no partner matches; Backspace to widen, %s to cancel", cancel);
	else
		picker_hints(p, foot, sizeof foot, wd - 4);
	pd_draw_text(w, y + h - 2, x + 2, foot, wd - 4, true);
	if (focused) {
		wmove(w, y + 1, cx < x + wd - 1 ? cx : x + wd - 2);
		pd_app_show_cursor(p->app);
	}
}

/* For the too-small screen: what the picker asks, what is typed, the
 * partner Enter would choose (a merge's picker chose unseen at 40x12)
 * and its keys, each whole. */
static void picker_keys(pd_pane *p, char *buf, size_t len)
{
	picker *k = p->state;
	char ask[400], find[160] = "", on[200] = "", foot[PD_ERROR_MSG_MAX];
	pd_format(ask, sizeof ask, "%s%s", k->title[0] ? k->title : "Choose a partner", k->question);
	/* One newline parts the question from its keys (pd_draw_parts). */
	for (char *s = ask; *s; s++)
		if (*s == '\n')
			*s = ' ';
	char *text = pd_field_get(&k->filter);
	if (text && *text) {
		char cut[128];
		pd_format(find, sizeof find, "Find: %s  ", pd_utf8_fit(cut, sizeof cut, text, 60));
	}
	free(text);
	int64_t id;
	const char *name, *stage;
	unsigned why;
	if (!k->stale && picker_row(k, k->sel, &id, &name, &stage, &why)) {
		char cut[160];
		pd_format(on, sizeof on, "on: %s  ", pd_utf8_fit(cut, sizeof cut, name ? name : "?", 100));
	}
	char cancel[32];
	pd_keymap_first(pd_app_keymap(p->app), PD_ACT_CANCEL, cancel, sizeof cancel);
	if (k->error[0] || k->likely_error[0])
		pd_format(foot, sizeof foot, "%s  %s cancel", k->error[0] ? k->error : k->likely_error, cancel);
	else if (k->total == 0 && k->filter.len == 0)
		empty_desk(p, foot, sizeof foot, "  ", ", then ");
	else if (k->total == 0)
		pd_format(foot, sizeof foot, "no partner matches  Backspace widens  %s cancel", cancel);
	else
		picker_hints(p, foot, sizeof foot, 1000);
	pd_format(buf, len, "%s\n%s%s%s", ask, find, on, foot);
}

static unsigned picker_finish(pd_pane *p, int64_t id)
{
	picker *k = p->state;
	if (k->typed_into && id) {
		free(*k->typed_into);
		*k->typed_into = pd_field_get(&k->filter);
	}
	if (k->done)
		k->done(p->app, id, k->ctx);
	k->done = NULL;
	return PD_PANE_HANDLED | PD_PANE_CLOSE | PD_PANE_REDRAW;
}

static unsigned picker_handle(pd_pane *p, const pd_event *ev)
{
	picker *k = p->state;
	long page = k->shown > 1 ? k->shown - 1 : 1;
	if (ev->is_char || ev->pasted) {
		/* Pasted: a TAB or a newline is a space in the filter. */
		wint_t c = ev->pasted && (ev->wch == L'\t' || ev->wch == L'\n') ? L' ' : ev->wch;
		pd_field_insert(&k->filter, (wchar_t)c);
		k->sel = k->top = 0;
		k->stale = true;
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	if (ev->action == PD_ACT_CANCEL)
		return picker_finish(p, 0);
	/* Choosing is what a picker is for, and open bound to letters alone
	 * (which the filter takes) would leave no key to choose with: Enter
	 * chooses unless bound to a move or to cancel, as the hint then says
	 * (a config leaving no key to choose at all is refused at load). */
	bool enter = ev->key == '\n' || ev->key == '\r' || ev->key == KEY_ENTER;
	if (ev->action == PD_ACT_OPEN || (enter && pd_keymap_enter_chooses(pd_app_keymap(p->app)))) {
		if (k->stale)
			picker_query(p);
		int64_t id = picker_row_id(k, k->sel);
		return id ? picker_finish(p, id) : PD_PANE_HANDLED;
	}
	/* The moving keys as bound (the hint names them), and the arrows and
	 * C-n/C-p whatever the binding. */
	pd_action move = ev->action;
	int key = move == PD_ACT_DOWN ? KEY_DOWN : move == PD_ACT_UP ? KEY_UP
	        : move == PD_ACT_PAGE_DOWN ? KEY_NPAGE : move == PD_ACT_PAGE_UP ? KEY_PPAGE : ev->key;
	switch (key) {
	case KEY_DOWN: case 14: /* C-n */
		if (k->sel + 1 < k->total)
			k->sel++;
		break;
	case KEY_UP: case 16: /* C-p */
		if (k->sel > 0)
			k->sel--;
		break;
	case KEY_NPAGE:
		k->sel = k->sel + page < k->total ? k->sel + page : (k->total > 0 ? k->total - 1 : 0);
		break;
	case KEY_PPAGE:
		k->sel = k->sel > page ? k->sel - page : 0;
		break;
	case KEY_BACKSPACE: case 127: case 8:
		if (pd_field_backspace(&k->filter)) {
			k->sel = k->top = 0;
			k->stale = true;
		}
		break;
	case 23: /* C-w */
		if (pd_field_word_delete(&k->filter)) {
			k->sel = k->top = 0;
			k->stale = true;
		}
		break;
	case 21: /* C-u */
		if (pd_field_kill_start(&k->filter)) {
			k->sel = k->top = 0;
			k->stale = true;
		}
		break;
	case KEY_LEFT: pd_field_left(&k->filter); break;
	case KEY_RIGHT: pd_field_right(&k->filter); break;
	case KEY_HOME: pd_field_home(&k->filter); break;
	case KEY_END: pd_field_end(&k->filter); break;
	default:
		break;
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

/* The likely ones read anew (none, and why, when they cannot be). */
static void picker_likely_read(pd_pane *p)
{
	picker *k = p->state;
	pd_likely_list_finish(&k->likely);
	k->likely_error[0] = '\0';
	pd_error err = {0};
	if (!pd_partner_likely_same(pd_app_db(p->app), k->likely_of, k->likely_max, &k->likely, &err))
		pd_format(k->likely_error, sizeof k->likely_error,
		          "cannot tell which partners are likely the same: %s", err.msg);
	k->stale = true;
}

/* The selection on partner id of the list, where it is now (or where a
 * merge put it); false when the list offers it no more (deleted, or hidden
 * by the filter now). The box scrolls only when the row leaves it: a row
 * added above shows, and the likely ones at the top stay in sight. */
static bool picker_follow(pd_pane *p, int64_t id)
{
	picker *k = p->state;
	pd_db *db = pd_app_db(p->app);
	char *text = pd_field_get(&k->filter);
	pd_partner_query q = picker_list_query(k, text);
	pd_error err = {0};
	long pos = pd_partner_query_position(db, &q, id, &err);
	if (pos < 0 && !err.code) {
		int64_t went = pd_partner_merged_into(db, id, NULL);
		pos = went ? pd_partner_query_position(db, &q, went, &err) : -1;
	}
	free(text);
	if (pos < 0)
		return false;
	k->sel = k->n_first + pos;
	return true;
}

/* Others wrote: the list and the likely ones read anew, so no row offers
 * a partner gone meanwhile, and a new duplicate is offered. The selection
 * stays on its partner, wherever the rows above it moved it: a likely one
 * still likely, a partner of the list where the name sorts now (a
 * colleague's add or delete above it would put another under it). Gone,
 * the row that took its place. */
static void picker_reload(pd_pane *p)
{
	picker *k = p->state;
	/* The partner under the selection as the box last showed it: a
	 * window read for another filter, not drawn yet, shows none. */
	int64_t on = !k->stale && k->sel >= k->n_first ? picker_row_id(k, k->sel) : 0;
	k->stale = true;
	long was_first = k->n_first;
	int64_t was = k->sel >= 0 && k->sel < was_first && k->sel < (long)k->likely.n ? k->likely.v[k->sel].id : 0;
	if (k->likely_of) {
		picker_likely_read(p);
		/* as picker_query will count them (a second reload may come first) */
		k->n_first = picker_first(k);
	}
	long now_first = k->n_first;
	if (was) {
		long at = -1;
		for (long i = 0; i < now_first && at < 0; i++)
			if (k->likely.v[i].id == was)
				at = i;
		/* Gone from them: the likely row that took its place, or the last. */
		k->sel = at >= 0 ? at : k->sel < now_first ? k->sel : now_first > 0 ? now_first - 1 : 0;
		return;
	}
	if (!on || !picker_follow(p, on))
		k->sel += now_first - was_first;
}

static void picker_destroy(pd_pane *p)
{
	if (!p)
		return;
	picker *k = p->state;
	if (k) {
		if (k->free_ctx)
			k->free_ctx(k->ctx);
		free(k->filter.text);
		pd_partner_rows_finish(&k->rows);
		pd_likely_list_finish(&k->likely);
		free(k);
	}
	free(p);
}

static const pd_pane_ops picker_ops = {
	.name = "picker",
	.draw = picker_draw,
	.handle = picker_handle,
	.reload = picker_reload,
	.destroy = picker_destroy,
	.keys = picker_keys,
};

pd_pane *pd_picker_partner_create(struct pd_app *app, void (*done)(struct pd_app *, int64_t, void *), void *ctx)
{
	pd_pane *p = pd_view_pane_create(app, &picker_ops, sizeof(picker));
	if (!p)
		return NULL;
	picker *k = p->state;
	k->done = done;
	k->ctx = ctx;
	k->filter.kind = PD_FIELD_TEXT;
	k->stale = true;
	return p;
}

void pd_picker_partner_title(pd_pane *p, const char *title)
{
	if (!p || !title)
		return;
	picker *k = p->state;
	pd_format(k->title, sizeof k->title, "%s", title);
}

void pd_picker_partner_question(pd_pane *p, const char *question)
{
	if (!p || !question)
		return;
	picker *k = p->state;
	pd_format(k->question, sizeof k->question, "%s", question);
}

void pd_picker_partner_exclude(pd_pane *p, int64_t id)
{
	if (!p)
		return;
	picker *k = p->state;
	k->exclude = id;
	k->stale = true;
}

void pd_picker_partner_typed_into(pd_pane *p, char **into)
{
	if (p)
		((picker *)p->state)->typed_into = into;
}

void pd_picker_partner_owns(pd_pane *p, void (*free_ctx)(void *))
{
	if (p)
		((picker *)p->state)->free_ctx = free_ctx;
}

void pd_picker_partner_likely(pd_pane *p, int64_t of, size_t max)
{
	if (!p)
		return;
	picker *k = p->state;
	k->likely_of = of;
	k->likely_max = max;
	if (of)
		picker_likely_read(p);
	else
		pd_likely_list_finish(&k->likely);
	k->stale = true;
}
