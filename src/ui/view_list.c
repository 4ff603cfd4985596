/* The list view: partners in sortable columns, filtered as you type. Only
 * the rows on screen are fetched (offset/limit), so a desk of thousands of
 * partners scrolls as fast as one of ten. */
#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "partnerdesk/model/contact_match.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/grapheme.h"
#include "partnerdesk/model/guess.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/keymap.h"
#include "views.h"

typedef struct list_state {
	struct pd_app *app;
	pd_sort sort;
	char filter[512];
	bool editing;          /* typing into the filter */
	long count;            /* rows matching */
	long sel, top;         /* absolute indexes */
	int page;              /* rows on screen */
	pd_partner_rows rows;  /* rows [top, top + rows.n) */
	bool dirty;            /* rows must be fetched again */
	bool count_stale;      /* and the count: the filter or the data changed
	                          (moving or sorting keeps it; at 100,000 partners
	                          a count costs more than the screenful) */
	bool count_capped;     /* a filter's count stopped at FILTER_COUNT_LIMIT:
	                          count holds FILTER_COUNT_LIMIT + 1 */
	bool want_exact;       /* the next count goes to the end (G, or moving past
	                          the capped count) */
	int64_t follow;        /* select this partner at the next fetch, wherever
	                          its row went (0: none) */
	bool follow_shown;     /* and show it even if the filter hides it: one
	                          just added, or merged into (pd_app_follow) */
	bool log_typed;        /* the filter matches nothing, but would without
	                          its last key, log's: a c typed to log a call
	                          with the partner it had found */
	/* The filter matches nothing: what it most likely meant (a guess
	 * the model made from the desk's names, people and tags), the
	 * first of them to take, and the words that say them all. */
	char guess[512];
	char guess_said[512];
	bool guess_pending;    /* to make when the keys stop: reading the
	                          desk's words takes long on a large desk */
	char error[PD_ERROR_MSG_MAX];
} list_state;

/* A filter counts its matches up to here ("1/1000+"); one letter matches
 * nearly every partner, and counting them all is a scan of every document. */
#define FILTER_COUNT_LIMIT 1000

static const pd_sort sort_cycle[] = {
	PD_SORT_NAME, PD_SORT_STAGE, PD_SORT_LAST_CONTACT, PD_SORT_NEXT_FOLLOW_UP,
};

static const char *sort_name(pd_sort s)
{
	switch (s) {
	case PD_SORT_STAGE: return "stage";
	case PD_SORT_LAST_CONTACT: return "last contact";
	case PD_SORT_NEXT_FOLLOW_UP: return "next follow-up";
	default: return "name";
	}
}

static void make_query(const list_state *s, pd_partner_query *q)
{
	memset(q, 0, sizeof *q);
	q->text = s->filter[0] ? s->filter : NULL;
	q->sort = s->sort;
}

static const pd_partner_row *selected_row(const list_state *s)
{
	long i = s->sel - s->top;
	if (i < 0 || i >= (long)s->rows.n)
		return NULL;
	return &s->rows.v[i];
}

/* Keeps sel within the rows and top where sel shows. */
static void window(list_state *s, int page)
{
	if (s->sel >= s->count)
		s->sel = s->count - 1;
	if (s->sel < 0)
		s->sel = 0;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + page)
		s->top = s->sel - page + 1;
	if (s->top > s->count - page)
		s->top = s->count - page;
	if (s->top < 0)
		s->top = 0;
}

static void filter_changed(list_state *s);

/* Whether filter q found nothing only because log's key was typed after
 * what found a partner (see log_typed). Asked when the count is, not as
 * the screen is drawn: a filter of "Zzzc" or "music" is no call to log. */
static bool typed_to_log(list_state *s, pd_db *db, const pd_partner_query *q)
{
	char log[32];
	pd_keymap_first(pd_app_keymap(s->app), PD_ACT_LOG, log, sizeof log);
	size_t fl = strlen(s->filter), ll = strlen(log);
	if (!s->editing || !ll || fl <= ll || strcmp(s->filter + fl - ll, log) != 0)
		return false;
	char less[sizeof s->filter];
	memcpy(less, s->filter, fl - ll);
	less[fl - ll] = '\0';
	pd_partner_query lq = *q;
	lq.text = less;
	lq.count_limit = 1;
	lq.offset = lq.limit = 0;
	pd_error err = {0};
	return pd_partner_query_count(db, &lq, &err) > 0;
}

/* What the filter most likely meant, when it found nothing. */
static void make_guess(list_state *s, pd_db *db)
{
	pd_strv guesses = {0};
	pd_error err = {0};
	s->guess_pending = false;
	s->guess[0] = s->guess_said[0] = '\0';
	if (!pd_guess_search(db, s->filter, &guesses, &err) || !guesses.n) {
		pd_strv_clear(&guesses);
		return;
	}
	/* Cut to what the filter holds, on a character's edge: a guess of
	 * long words in another script was cut inside a character, and the
	 * filter Tab made of it found nothing. Its last word cut short still
	 * finds the partner, as a word typed short does. */
	size_t keep = pd_utf8_cut(guesses.v[0], strlen(guesses.v[0]), sizeof s->guess - 1);
	memcpy(s->guess, guesses.v[0], keep);
	s->guess[keep] = '\0';
	pd_strbuf said = {0};
	pd_strbuf_quoted(&said, &guesses, true);
	if (said.failed)
		s->guess[0] = '\0';
	else
		pd_format(s->guess_said, sizeof s->guess_said, "%s", said.p);
	free(said.p);
	pd_strv_clear(&guesses);
}

static void fetch(list_state *s)
{
	pd_db *db = pd_app_db(s->app);
	pd_error err = {0};
	pd_partner_query q;
	s->dirty = false;
	s->error[0] = '\0';
	pd_partner_rows_finish(&s->rows);
	if (!db)
		return;
	make_query(s, &q);
	if (s->count_stale) {
		if (s->filter[0] && !s->want_exact)
			q.count_limit = FILTER_COUNT_LIMIT;
		s->count = pd_partner_query_count(db, &q, &err);
		s->count_capped = q.count_limit > 0 && s->count > FILTER_COUNT_LIMIT;
		s->want_exact = false;
		q.count_limit = 0;
		if (s->count < 0) {
			s->count = 0;
			snprintf(s->error, sizeof s->error, "%s", err.msg);
			return;
		}
		s->count_stale = false;
		s->log_typed = s->count == 0 && s->filter[0] && typed_to_log(s, db, &q);
		s->guess[0] = s->guess_said[0] = '\0';
		s->guess_pending = false;
		if (s->count == 0 && s->filter[0] && !s->log_typed) {
			/* Asked only when nothing matched. On a large desk the
			 * first guess reads every name: made at the next quiet
			 * second (list_tick), not on this keystroke. */
			if (pd_guess_search_quick(db))
				make_guess(s, db);
			else
				s->guess_pending = true;
		}
	}
	int page = s->page > 0 ? s->page : 1;
	window(s, page);
	q.offset = s->top;
	q.limit = page;
	if (!pd_partner_query_run(db, &q, &s->rows, &err)) {
		snprintf(s->error, sizeof s->error, "%s", err.msg);
		s->follow = 0;
		return;
	}
	int64_t follow = s->follow;
	bool shown = s->follow_shown;
	s->follow = 0;
	s->follow_shown = false;
	const pd_partner_row *r = selected_row(s);
	if (!follow || (r && r->id == follow))
		return;
	/* The partner's row moved (a save, another session): the selection
	 * goes with it, on the same screen line when the list allows. */
	long pos = pd_partner_query_position(db, &q, follow, &err);
	if (pos < 0) {
		/* Merged meanwhile: the selection goes where it went. */
		int64_t went = pd_partner_merged_into(db, follow, NULL);
		pos = went ? pd_partner_query_position(db, &q, went, &err) : -1;
	}
	if (pos < 0 && shown && s->filter[0]) {
		/* The partner just added or merged into, hidden by the filter:
		 * the filter goes, so that it is seen and selected (the next c
		 * or e acts on it, not on the first row the filter leaves). */
		s->filter[0] = '\0';
		filter_changed(s);
		s->follow = follow;
		fetch(s);
		return;
	}
	if (pos < 0)
		return;
	if (pos >= s->count - 1 && s->count_capped) {
		/* Past what a capped count reached: count it all. */
		q.offset = q.limit = 0;
		long n = pd_partner_query_count(db, &q, &err);
		if (n > pos) {
			s->count = n;
			s->count_capped = false;
		}
	}
	long line = s->sel - s->top;
	s->sel = pos;
	s->top = pos - (line >= 0 && line < page ? line : 0);
	window(s, page);
	q.offset = s->top;
	q.limit = page;
	pd_partner_rows_finish(&s->rows);
	if (!pd_partner_query_run(db, &q, &s->rows, &err))
		snprintf(s->error, sizeof s->error, "%s", err.msg);
}

static void move_to(list_state *s, long sel)
{
	if (s->count_capped && sel >= s->count - 1) {
		/* Past what was counted: count to the end, then clamp (fetch). */
		s->sel = sel;
		s->want_exact = true;
		s->count_stale = true;
		s->dirty = true;
		return;
	}
	if (sel >= s->count)
		sel = s->count - 1;
	if (sel < 0)
		sel = 0;
	s->sel = sel;
	int page = s->page > 0 ? s->page : 1;
	if (sel < s->top || sel >= s->top + page || s->top + (long)s->rows.n <= sel)
		s->dirty = true;
}

/* Column widths for the window's width. */
typedef struct columns {
	int name, kind, stage;   /* kind 0: not shown */
	int follow;              /* FOLLOW_W, FOLLOW_FULL_W from FULL_DATE_COLS */
} columns;

/* The name keeps the slack up to this; beyond it the kind column grows to
 * its longest value ("government agency"), then the name takes the rest. */
#define NAME_COMFORT 36
#define KIND_MIN 12
#define KIND_MAX 24
#define STAGE_MAX 16
#define LAST_W 6
/* A follow-up to come is read with its weekday, as the agenda says it:
 * "Fri 11-27" in the 10 columns a bare date took, "Fri 2026-11-27" from
 * 100 columns, where the room is. */
#define FOLLOW_W 10
#define FOLLOW_FULL_W 14
#define FULL_DATE_COLS 100

static int widest(int w, const char *s, int cap)
{
	int n = s ? pd_draw_width(s) : 0;
	if (n > cap)
		n = cap;
	return n > w ? n : w;
}

static columns layout_columns(const list_state *s, int cols)
{
	columns c = {0};
	pd_db *db = pd_app_db(s->app);
	const pd_rules *r = db ? pd_db_rules(db) : NULL;
	c.stage = 7;   /* "Stage ▾" */
	for (size_t i = 0; r && i < r->n_stages; i++)
		c.stage = widest(c.stage, r->stages[i].label ? r->stages[i].label : r->stages[i].name, STAGE_MAX);
	/* The configured kinds only: columns must not shift while scrolling
	 * past a partner with a kind of its own. */
	int kind_full = 4;   /* "Kind" */
	for (size_t i = 0; r && i < r->kinds.n; i++)
		kind_full = widest(kind_full, r->kinds.v[i], KIND_MAX);
	/* The stale mark, then each column and its gap; the last column
	 * keeps one free at the right edge. */
	c.follow = cols >= FULL_DATE_COLS ? FOLLOW_FULL_W : FOLLOW_W;
	int fixed = 1 + 1 + c.stage + 1 + LAST_W + 1 + c.follow + 1;
	if (cols >= 70)
		c.kind = kind_full < KIND_MIN ? kind_full : KIND_MIN;
	c.name = cols - fixed - (c.kind ? c.kind + 1 : 0);
	if (c.kind && c.name > NAME_COMFORT && c.kind < kind_full) {
		int grow = kind_full - c.kind;
		if (grow > c.name - NAME_COMFORT)
			grow = c.name - NAME_COMFORT;
		c.kind += grow;
		c.name -= grow;
	}
	if (c.name < 8)
		c.name = 8;
	return c;
}

/* Whether a space drawn in attr looks like a plain one: no background
 * colour, nothing drawn across the cell. */
static bool plain_space(int attr)
{
	if (attr & (A_REVERSE | A_STANDOUT | A_UNDERLINE))
		return false;
	short fg, bg;
	return pair_content((short)PAIR_NUMBER(attr), &fg, &bg) == OK && bg < 0;
}

/* Where the filter first matches in name, as the filter itself matches
 * (the model's pd_fold: case beyond ASCII, diacritics, typographic
 * apostrophes, full width), in any locale: the byte offset and length in
 * *at and *len; false when the match was elsewhere (a tag, a note) or
 * nowhere. The name is folded a character at a time, so each folded byte
 * knows the character it came from; a combining accent folds to nothing,
 * so it goes with the letter before it. */
#define MATCH_MAX 2048

static bool find_match(const char *name, const char *filter, size_t *at, size_t *len)
{
	char *want = pd_fold(filter);
	if (!want)
		return false;
	size_t nw = strlen(want);
	while (nw && want[nw - 1] == ' ')
		want[--nw] = '\0';
	char folded[MATCH_MAX + 1];
	size_t from[MATCH_MAX], upto[MATCH_MAX], n = 0;
	size_t name_len = strlen(name);
	for (size_t i = 0; i < name_len && nw;) {
		uint32_t cp;
		size_t k = pd_utf8_decode(name + i, name_len - i, &cp);
		char one[8], *f = NULL;   /* a UTF-8 character is at most 4 bytes */
		memcpy(one, name + i, k);
		one[k] = '\0';
		const char *piece = one;
		if (cp >= 0x80)
			piece = f = pd_fold(one);
		else if (cp >= 'A' && cp <= 'Z')
			one[0] = (char)(cp + 32);
		size_t m = piece ? strlen(piece) : 0;
		if (n + m > MATCH_MAX) {
			free(f);
			break;   /* the rest of a very long name keeps its plain look */
		}
		/* Folded to nothing (a combining accent): the letter before it
		 * ends after it, so a match ending on that letter is drawn with
		 * its accent, not over it without. */
		for (size_t j = n; m == 0 && j-- > 0 && from[j] == from[n - 1];)
			upto[j] = i + k;
		for (size_t j = 0; j < m; j++) {
			folded[n] = piece[j];
			from[n] = i;
			upto[n++] = i + k;
		}
		free(f);
		i += k;
	}
	folded[n] = '\0';
	const char *hit = nw ? strstr(folded, want) : NULL;
	free(want);
	if (!hit)
		return false;
	size_t h = (size_t)(hit - folded);
	*at = from[h];
	*len = upto[h + nw - 1] - from[h];
	return true;
}

/* The part of the name the filter matched, drawn over the name in the
 * match look (on the selected row, on top of the selection's). */
static void draw_match(list_state *s, WINDOW *w, int y, int x, int width, const char *name, int base)
{
	size_t at, len;
	if (!s->filter[0] || !name || !find_match(name, s->filter, &at, &len))
		return;
	char pre[1024], part[1024];
	if (at >= sizeof pre || len >= sizeof part)
		return;
	memcpy(pre, name, at);
	pre[at] = '\0';
	memcpy(part, name + at, len);
	part[len] = '\0';
	int start = pd_draw_width(pre);
	/* Not into the last column, where the name may end in "…". */
	int room = width - start - 1;
	if (room <= 0)
		return;
	if (pd_draw_width(name) <= width)
		room = width - start;
	/* A match with a colour of its own takes its pair instead of the
	 * row's: two pair numbers ORed together name a third. */
	int m = pd_theme_attr(pd_app_theme(s->app), "match");
	wattrset(w, pd_theme_over(base, m));
	pd_draw_text(w, y, x + start, part, room, false);
	wattrset(w, base);
}

static void draw_row(list_state *s, WINDOW *w, int y, const pd_partner_row *r, bool sel, bool focused,
                     const columns *cw, const char *today, long now)
{
	const pd_theme *th = pd_app_theme(s->app);
	int cols = getmaxx(w);
	/* Off the selection, the plain look as a pair (draw.c, "row.plain";
	 * A_NORMAL without colour): back from the stage's colour it costs
	 * 6 bytes less than A_NORMAL, on every j. */
	int base = sel ? pd_theme_attr(th, focused ? "selected" : "selected.unfocused")
	               : pd_theme_attr(th, "row.plain");
	bool stale = pd_view_is_stale(s->app, r->stage, r->last_contact, r->created);
	wattrset(w, base);
	mvwhline(w, y, 0, ' ', cols);
	int x = 0;
	if (stale) {
		/* The stale look alone off the selection (the theme makes it
		 * bold where there is no colour): bold on top of the colour
		 * cost 10 bytes a row on every j past a stale partner. */
		wattrset(w, sel ? base | (int)A_BOLD : pd_theme_attr(th, "stale"));
		pd_draw_text(w, y, x, "!", 1, false);
		wattrset(w, base);
	}
	x += 1;
	pd_draw_text(w, y, x, r->name, cw->name, true);
	draw_match(s, w, y, x, cw->name, r->name, base);
	x += cw->name + 1;
	if (cw->kind) {
		pd_draw_text(w, y, x, r->kind ? r->kind : "", cw->kind, true);
		x += cw->kind + 1;
	}
	int stage_attr = sel ? base : pd_theme_stage_attr(th, r->stage);
	int age_attr = sel ? base
	             : stale ? pd_theme_attr(th, "stale") : r->last_contact[0] ? base : pd_theme_attr(th, "dim");
	/* When the age has a look of its own, the space before it keeps the
	 * stage's: a coloured space looks like any other, and going back to
	 * the normal look in between cost 11 bytes a row (bytes per j). */
	int gap = 0;
	if (!sel && age_attr && stage_attr != age_attr && plain_space(stage_attr))
		gap = 1;
	wattrset(w, stage_attr);
	pd_draw_text(w, y, x, pd_view_stage_label(s->app, r->stage), cw->stage, true);
	if (gap)
		mvwaddch(w, y, x + cw->stage, ' ');
	wattrset(w, base);
	x += cw->stage + 1;
	char age[16];
	pd_view_age(r->last_contact, now, age, sizeof age);
	wattrset(w, age_attr);
	pd_draw_text(w, y, x, age, LAST_W, true);
	wattrset(w, base);
	x += LAST_W + 1;
	if (r->next_follow_up[0]) {
		long d = pd_date_diff(today, r->next_follow_up);
		if (!sel && d < 0)
			wattrset(w, pd_theme_attr(th, "overdue"));
		else if (!sel && d == 0)
			wattrset(w, pd_theme_attr(th, "due"));
		char when[32];
		pd_view_plan_date(r->next_follow_up, d, cw->follow >= FOLLOW_FULL_W, when, sizeof when);
		pd_draw_text(w, y, x, d == 0 ? "today" : when, cw->follow, false);
	}
	wattrset(w, A_NORMAL);
}

static void list_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	list_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	int page = rows - 2;
	if (page < 1)
		return;
	if (page != s->page) {
		s->page = page;
		s->dirty = true;
	}
	if (s->dirty)
		fetch(s);
	columns cw = layout_columns(s, cols);

	wattrset(w, pd_theme_attr(th, "header"));
	mvwhline(w, 0, 0, ' ', cols);
	int x = 1;
	char h[4][40];
	const char *mark = pd_locale_utf8() ? "\xe2\x96\xbe" : "*";
	snprintf(h[0], sizeof h[0], "Name%s%s", s->sort == PD_SORT_NAME ? " " : "", s->sort == PD_SORT_NAME ? mark : "");
	snprintf(h[1], sizeof h[1], "Stage%s%s", s->sort == PD_SORT_STAGE ? " " : "", s->sort == PD_SORT_STAGE ? mark : "");
	snprintf(h[2], sizeof h[2], "Last%s", s->sort == PD_SORT_LAST_CONTACT ? mark : "");
	snprintf(h[3], sizeof h[3], "Follow-up%s%s", s->sort == PD_SORT_NEXT_FOLLOW_UP ? " " : "",
	         s->sort == PD_SORT_NEXT_FOLLOW_UP ? mark : "");
	pd_draw_text(w, 0, x, h[0], cw.name, false);
	x += cw.name + 1;
	if (cw.kind) {
		pd_draw_text(w, 0, x, "Kind", cw.kind, false);
		x += cw.kind + 1;
	}
	pd_draw_text(w, 0, x, h[1], cw.stage, false);
	x += cw.stage + 1;
	pd_draw_text(w, 0, x, h[2], LAST_W, false);
	x += LAST_W + 1;
	pd_draw_text(w, 0, x, h[3], cols - x, false);
	wattrset(w, A_NORMAL);

	pd_db *db = pd_app_db(s->app);
	long now = db ? (long)pd_db_now(db) : 0;
	char today[PD_DATE_LEN];
	pd_date_today((time_t)now, today);
	for (size_t i = 0; i < s->rows.n && (int)i < page; i++) {
		long abs = s->top + (long)i;
		draw_row(s, w, 1 + (int)i, &s->rows.v[i], abs == s->sel, focused, &cw, today, now);
	}
	if (s->rows.n == 0) {
		wattrset(w, pd_theme_attr(th, "dim"));
		char cancel[32], add[48], empty[1024], log[32], erase[32], open[32];
		pd_keymap_first(pd_app_keymap(s->app), PD_ACT_CANCEL, cancel, sizeof cancel);
		pd_keymap_say(pd_app_keymap(s->app), PD_ACT_ADD, ": press %s to add one", "", add, sizeof add);
		pd_keymap_first(pd_app_keymap(s->app), PD_ACT_LOG, log, sizeof log);
		pd_keymap_first(pd_app_keymap(s->app), PD_ACT_OPEN, open, sizeof open);
		pd_key_name(KEY_BACKSPACE, true, erase, sizeof erase);
		/* A c typed into the filter to log the call with the partner it
		 * had found (c is a letter there): how to get there. */
		char take[32];
		pd_keymap_first(pd_app_keymap(s->app), PD_ACT_NEXT_PANE, take, sizeof take);
		if (s->log_typed && s->editing && s->filter[0] && open[0])
			snprintf(empty, sizeof empty, "No partner matches the filter.\nLogging a call? %s, then %s, "
			         "then %s.", erase, open, log);
		else if (s->filter[0] && s->guess[0] && take[0])
			snprintf(empty, sizeof empty, "No partner matches the filter (%s clears it).\n"
			         "Did you mean %s? %s takes %s.", cancel, s->guess_said, take,
			         strstr(s->guess_said, " or ") ? "the first" : "it");
		else if (s->filter[0] && s->guess[0])
			snprintf(empty, sizeof empty, "No partner matches the filter (%s clears it).\n"
			         "Did you mean %s?", cancel, s->guess_said);
		else if (s->filter[0])
			snprintf(empty, sizeof empty, "No partner matches the filter (%s clears it).", cancel);
		else
			snprintf(empty, sizeof empty, "No partners yet%s.", add);
		pd_draw_wrap(w, 2, 2, s->error[0] ? s->error : empty, cols - 4, rows - 4, 0);
		wattrset(w, A_NORMAL);
	}

	/* The bottom line: the filter being typed, or where we are. */
	int y = rows - 1;
	char info[96];
	if (s->count_capped)
		snprintf(info, sizeof info, "%ld/%ld+  sort: %s", s->sel + 1, (long)FILTER_COUNT_LIMIT,
			sort_name(s->sort));
	else
		snprintf(info, sizeof info, "%ld/%ld  sort: %s", s->count ? s->sel + 1 : 0, s->count,
			sort_name(s->sort));
	int iw = pd_draw_width(info);
	if (s->editing || s->filter[0]) {
		wattrset(w, s->editing ? pd_theme_attr(th, "field.active") : pd_theme_attr(th, "label"));
		int fw = cols - iw - 2;
		if (fw < 10)
			fw = cols;
		pd_draw_text(w, y, 0, "/", 1, false);
		int used = pd_draw_text(w, y, 1, s->filter, fw - 1, true);
		(void)used;
		wattrset(w, A_NORMAL);
		if (fw < cols)
			pd_draw_text(w, y, cols - iw, info, iw, false);
		if (s->editing && focused) {
			int cx = 1 + pd_draw_width(s->filter);
			if (cx >= fw)
				cx = fw - 1;
			wmove(w, y, cx);
			pd_app_show_cursor(p->app);
		}
	} else {
		/* The position in the normal look, the sort dim: the position
		 * changes with every j, and switching to dim and back for its
		 * one changed digit was a tenth of the bytes a j writes. */
		int ix = cols - iw - 1 > 0 ? cols - iw - 1 : 0;
		size_t pos_len = strcspn(info, " ");
		char pos[32];
		snprintf(pos, sizeof pos, "%.*s", (int)(pos_len < sizeof pos ? pos_len : sizeof pos - 1), info);
		int pw = pd_draw_width(pos);
		pd_draw_text(w, y, ix, pos, pw, false);
		wattrset(w, pd_theme_attr(th, "dim"));
		pd_draw_text(w, y, ix + pw, info + pos_len, iw - pw, false);
		wattrset(w, A_NORMAL);
	}
}

static void filter_changed(list_state *s)
{
	/* A new filter starts at its first match. */
	s->follow = 0;
	s->sel = 0;
	s->top = 0;
	s->dirty = true;
	s->count_stale = true;
}

/* Clearing the filter keeps the partner it found selected, on its screen
 * line: finding one, then seeing it among the rest, must not land on the
 * first partner of the list (the next c or e would act on that one). */
static void filter_clear(list_state *s)
{
	const pd_partner_row *r = selected_row(s);
	int64_t id = r ? r->id : 0;
	long sel = s->sel, top = s->top;
	s->filter[0] = '\0';
	filter_changed(s);
	if (id) {
		s->follow = id;
		s->sel = sel;
		s->top = top;
	}
}

/* Back over what the reader sees as one character (a grapheme cluster:
 * a w with its circumflex, an emoji with its skin tone), not a code
 * point, which left a stray w or a bare emoji behind. */
static void filter_backspace(list_state *s)
{
	size_t n = strlen(s->filter);
	s->filter[pd_grapheme_prev_utf8(s->filter, n, n)] = '\0';
}

static bool filter_add(list_state *s, wint_t c)
{
	char u[4];
	size_t k = pd_utf8_encode((uint32_t)c, u);
	size_t n = strlen(s->filter);
	if (n + k >= sizeof s->filter)
		return false;
	memcpy(s->filter + n, u, k);
	s->filter[n + k] = '\0';
	return true;
}

/* The filter's guess, shown on a list that found nothing, becomes the
 * filter: what was typed is put right, never searched behind the back. */
static bool take_guess(list_state *s)
{
	if (s->count != 0 || !s->guess[0] || s->rows.n)
		return false;
	snprintf(s->filter, sizeof s->filter, "%s", s->guess);
	filter_changed(s);
	return true;
}

static unsigned move_action(list_state *s, pd_action a)
{
	int page = s->page > 0 ? s->page : 1;
	switch (a) {
	case PD_ACT_DOWN: move_to(s, s->sel + 1); break;
	case PD_ACT_UP: move_to(s, s->sel - 1); break;
	case PD_ACT_TOP: move_to(s, 0); break;
	case PD_ACT_BOTTOM: move_to(s, s->count_capped ? LONG_MAX : s->count - 1); break;
	case PD_ACT_PAGE_DOWN: move_to(s, s->sel + page); break;
	case PD_ACT_PAGE_UP: move_to(s, s->sel - page); break;
	default: return PD_PANE_IGNORED;
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static const pd_pane_ops list_ops, filter_ops;

/* c and Enter on a partner the kept filter found: the librarian on the
 * phone typed the caller's name, number or address, so the call is with
 * the one person of the partner the text names (the log form's With, the
 * Contacts tab's mark), not "(none)" to be picked while talking. With
 * nobody or several named, both start as they do from anywhere. */
static unsigned act_on_filtered(pd_pane *p, pd_action a)
{
	list_state *s = p->state;
	const pd_partner_row *r = s->filter[0] ? selected_row(s) : NULL;
	if (!r)
		return PD_PANE_IGNORED;
	int64_t id = r->id;
	int64_t who = 0;
	pd_error err = {0};
	if (!pd_contact_matching_filter(pd_app_db(s->app), id, s->filter, &who, &err))
		pd_app_status(s->app, "%s", err.msg);   /* the form opens all the same */
	if (a == PD_ACT_LOG)
		pd_app_push(s->app, pd_form_log_create_with(s->app, id, who));
	else
		pd_app_open_partner_person(s->app, id, who);
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

/* While the filter is typed the pane goes by the name "filter": the hint
 * line then offers the keys that work in it (letters are typed, so
 * q, a, s and the rest are not keys there). */
static void set_editing(pd_pane *p, bool editing)
{
	list_state *s = p->state;
	s->editing = editing;
	p->ops = editing ? &filter_ops : &list_ops;
}

static unsigned list_handle(pd_pane *p, const pd_event *ev)
{
	list_state *s = p->state;
	/* Keys come in batches: one may arrive before the first draw. */
	if (s->dirty)
		fetch(s);
	if (s->editing) {
		if (ev->is_char || ev->pasted) {
			/* Pasted: a TAB or a newline is a space in the filter. */
			wint_t c = ev->pasted && (ev->wch == L'\t' || ev->wch == L'\n') ? L' ' : ev->wch;
			if (filter_add(s, c))
				filter_changed(s);
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		}
		if (ev->key == KEY_BACKSPACE || ev->key == 127 || ev->key == 8) {
			if (!s->filter[0]) {
				set_editing(p, false);
			} else {
				filter_backspace(s);
				filter_changed(s);
			}
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		}
		if (ev->key == 21) {   /* C-u: the whole filter */
			s->filter[0] = '\0';
			filter_changed(s);
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		}
		if (ev->action == PD_ACT_CANCEL) {
			set_editing(p, false);
			filter_clear(s);
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		}
		if (ev->action == PD_ACT_OPEN) {
			/* Enter keeps the filter and gives the keys back to the list. */
			set_editing(p, false);
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		}
		if (ev->action == PD_ACT_NEXT_PANE && take_guess(s))
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		return move_action(s, ev->action);
	}
	switch (ev->action) {
	case PD_ACT_NEXT_PANE:
		/* With nothing listed there is no partner to go to: the key
		 * takes the guess instead, if one is shown. */
		if (take_guess(s))
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		return PD_PANE_IGNORED;
	case PD_ACT_FILTER:
		set_editing(p, true);
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	case PD_ACT_CANCEL:
		if (!s->filter[0])
			return PD_PANE_IGNORED;
		filter_clear(s);
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	case PD_ACT_LOG:
	case PD_ACT_OPEN:
		return act_on_filtered(p, ev->action);
	case PD_ACT_SORT: {
		size_t n = sizeof sort_cycle / sizeof sort_cycle[0], i = 0;
		while (i < n && sort_cycle[i] != s->sort)
			i++;
		s->sort = sort_cycle[(i + 1) % n];
		/* The partner stays selected wherever the new order puts it:
		 * the next c, > or e must act on the one the user was on. */
		const pd_partner_row *r = selected_row(s);
		if (r)
			s->follow = r->id;
		s->dirty = true;
		pd_app_status(s->app, "sorted by %s", sort_name(s->sort));
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	default:
		return move_action(s, ev->action);
	}
}

void pd_view_list_find_anew(pd_pane *p)
{
	list_state *s = p->state;
	if (s->filter[0]) {
		s->filter[0] = '\0';
		filter_changed(s);
	}
	set_editing(p, true);
}

/* A quiet second: the guess a keystroke left to make (a large desk). */
static unsigned list_tick(pd_pane *p)
{
	list_state *s = p->state;
	pd_db *db = pd_app_db(s->app);
	if (!s->guess_pending || !db || s->count_stale)
		return 0;
	make_guess(s, db);
	return s->guess[0] ? PD_PANE_REDRAW : 0;
}

static void list_reload(pd_pane *p)
{
	list_state *s = p->state;
	/* Rows shift when the data changes (here or in another session): the
	 * selection stays on the partner, not on the line. */
	const pd_partner_row *r = selected_row(s);
	if (!s->follow && r && !s->dirty)
		s->follow = r->id;
	s->dirty = true;
	s->count_stale = true;
}

static void list_follow(pd_pane *p, int64_t id)
{
	list_state *s = p->state;
	s->follow = id;
	s->follow_shown = true;
	s->dirty = true;
}

static int64_t list_selected(const pd_pane *p)
{
	const list_state *s = p->state;
	if (s->dirty)
		fetch((list_state *)s);
	const pd_partner_row *r = selected_row(s);
	return r ? r->id : 0;
}

static void list_destroy(pd_pane *p)
{
	list_state *s = p ? p->state : NULL;
	if (s)
		pd_partner_rows_finish(&s->rows);
	pd_view_pane_free(p);
}

static const pd_action list_help[] = {
	PD_ACT_FILTER, PD_ACT_CANCEL, PD_ACT_SORT, PD_ACT_OPEN,
};

static const pd_action *list_help_actions(const pd_pane *p, size_t *n)
{
	*n = sizeof list_help / sizeof list_help[0];
	return list_help;
}

/* The hint line's place: "filtered" while a kept filter narrows the
 * list, which Esc clears (an empty list says so itself). */
static const char *list_hint_place(const pd_pane *p)
{
	const list_state *s = p->state;
	return s->filter[0] && !s->editing ? "filtered" : NULL;
}

#define LIST_OPS(pane_name) { \
	.name = pane_name, \
	.draw = list_draw, \
	.handle = list_handle, \
	.reload = list_reload, \
	.tick = list_tick, \
	.destroy = list_destroy, \
	.help_actions = list_help_actions, \
	.selected = list_selected, \
	.follow = list_follow, \
	.hint_place = list_hint_place, \
}
static const pd_pane_ops list_ops = LIST_OPS("list");
static const pd_pane_ops filter_ops = LIST_OPS("filter");

pd_pane *pd_view_list_create(struct pd_app *app)
{
	pd_pane *p = pd_view_pane_create(app, &list_ops, sizeof(list_state));
	if (!p)
		return NULL;
	list_state *s = p->state;
	s->app = app;
	s->sort = PD_SORT_NAME;
	s->dirty = true;
	s->count_stale = true;
	return p;
}
