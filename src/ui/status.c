/* The bars around the views: the title bar (database, counts, the view
 * tabs) and the two bottom lines (the message, and hints of the keys used
 * most, read from the keymap so they always match what the keys do). */
#include <stdio.h>
#include <string.h>

#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/keymap.h"
#include "views.h"

/* The database and its counts at the right of the title line, past
 * column x. Where the line is short its parts go whole, never cut inside
 * a word ("30 partner…"): the file name first, shortened ("demo-new…", a
 * few columns at least) before it goes, then the partner count (the
 * list's "1/30" says it too), then the due count. The " (demo)" mark
 * stays whole: staff must always tell a demo desk from the real one. */
static void draw_desk(struct pd_app *app, WINDOW *w, int x, int cols)
{
	char partners[48] = "", due[48] = "";
	long np = pd_app_count_partners(app), nd = pd_app_count_due(app);
	if (np >= 0)
		snprintf(partners, sizeof partners, "%ld partner%s", np, np == 1 ? "" : "s");
	if (nd > 0)
		snprintf(due, sizeof due, "%ld due", nd);
	char name[256];
	snprintf(name, sizeof name, "%s", pd_app_db_label(app));
	const char *demo = "";
	static const char mark[] = " (demo)";
	size_t nl = strlen(name);
	if (nl >= sizeof mark - 1 && strcmp(name + nl - (sizeof mark - 1), mark) == 0) {
		name[nl - (sizeof mark - 1)] = '\0';
		demo = mark;
	}
	/* Two columns after the tabs; one kept at the right edge while it can
	 * be, the first thing to go. */
	int room = cols - x - 2;
	char right[400] = "";
	int name_w = 0, right_w = 0;
	for (int drop = 0; drop < 4 && room > 0; drop++) {
		const char *p = drop < 2 ? partners : "", *d = drop < 3 ? due : "";
		char counts[96];
		snprintf(counts, sizeof counts, "%s%s%s", p, *p && *d ? ", " : "", d);
		if (drop == 0)
			snprintf(right, sizeof right, "%s%s%s", demo, *counts ? "  " : "", counts);
		else
			snprintf(right, sizeof right, "%s%s%s", *demo ? demo + 1 : "", *demo && *counts ? "  " : "",
			         counts);
		right_w = pd_draw_width(right);
		int whole = drop == 0 ? pd_draw_width(name) : 0;
		name_w = whole;
		if (name_w + right_w > room)
			name_w = room - right_w - 1;
		/* The name keeps at least a few columns ("dem…") before it goes;
		 * one shorter than that ("crm") goes only when it does not fit. */
		if (drop > 0 ? right_w <= room : name_w >= 4 || name_w == whole)
			break;
		right[0] = '\0';
		right_w = name_w = 0;
	}
	if (name_w + right_w > 0) {
		int rx = cols - name_w - right_w - (name_w + right_w < room ? 1 : 0);
		rx += pd_draw_text(w, 0, rx, name, name_w, false);
		pd_draw_text(w, 0, rx, right, cols - rx, false);
	}
}

void pd_status_draw_title(struct pd_app *app, WINDOW *w, const char *view)
{
	const pd_theme *th = pd_app_theme(app);
	int cols = getmaxx(w);
	int attr = pd_theme_attr(th, "title");
	wattron(w, attr);
	mvwhline(w, 0, 0, ' ', cols);

	/* The view tabs at the left, with the keys that reach them. */
	static const struct {
		pd_action act;
		const char *label;
		const char *view;
	} tabs[] = {
		{PD_ACT_VIEW_LIST, "List", "list"},
		{PD_ACT_VIEW_KANBAN, "Kanban", "kanban"},
		{PD_ACT_VIEW_AGENDA, "Agenda", "agenda"},
		{PD_ACT_VIEW_REPORTS, "Reports", "reports"},
	};
	int x = 0;
	bool in_detail = strcmp(view, "detail") == 0, in_filter = strcmp(view, "filter") == 0;
	for (size_t i = 0; i < 4 && x < cols; i++) {
		char keys[32], tab[64];
		pd_keymap_describe(pd_app_keymap(app), tabs[i].act, keys, sizeof keys);
		char *comma = strchr(keys, ',');
		if (comma)
			*comma = '\0';
		bool active = strcmp(view, tabs[i].view) == 0 || ((in_detail || in_filter) && i == 0);
		/* Brackets mark the active view whatever the terminal can show:
		 * without colour its look differs from the others only in bold. */
		snprintf(tab, sizeof tab, "%s%s %s%s", active ? "[" : " ", keys, tabs[i].label, active ? "]" : " ");
		if (active) {
			wattroff(w, attr);
			wattron(w, pd_theme_attr(th, "tab.active"));
		}
		x += pd_draw_text(w, 0, x, tab, cols - x, false);
		if (active) {
			wattroff(w, pd_theme_attr(th, "tab.active"));
			wattron(w, attr);
		}
	}

	draw_desk(app, w, x, cols);
	wattroff(w, attr);
}

/* The hints each place shows: its own keys first, then the common ones.
 * A pair of actions shows as one hint ("h/l column"); the label says what
 * the keys do there. rank: how much a librarian needs it (1 most); where
 * the line is too short the highest rank goes first (the later of two
 * alike), never part of a word. */
typedef struct hint {
	pd_action act, pair;   /* pair: PD_ACT_NONE for a single action */
	int rank;
	const char *label;
	/* Offered only where the key acts (NULL: always): ON_PARTNER while a
	 * partner is selected (an empty list, column or agenda has none: the
	 * key would only say "select a partner first", or, for s, sort no
	 * row), else a word the focused pane's place names ("open": the entry
	 * marked > has an open follow-up for d). */
	const char *when;
} hint;

/* Pairs whose second key does something else ("Tab/S-Tab report": the
 * next and the previous) and can go: the label of the first key alone,
 * used where the second has no key, and the second key is the first
 * thing given up where the line is short. */
static const struct {
	pd_action act, pair;
	const char *label, *alone;
} sheds[] = {
	{PD_ACT_NEXT_PANE, PD_ACT_PREV_PANE, "report", "next report"},
};

/* The label of h's first key alone, if h can give up its second; NULL. */
static const char *alone_label(const hint *h)
{
	for (size_t k = 0; k < sizeof sheds / sizeof sheds[0]; k++)
		if (h->act == sheds[k].act && h->pair == sheds[k].pair && h->label &&
		    strcmp(h->label, sheds[k].label) == 0)
			return sheds[k].alone;
	return NULL;
}

#define ON_PARTNER "partner"
/* Offered only where Tab takes the keys from the detail (pd_app_tab_goes:
 * back to the view a full-screen detail was opened from, or to the list
 * beside it), labelled with that view: nowhere else said, as q's "back"
 * does not say where. */
#define ON_TAB "tab"

#define P ON_PARTNER
static const hint hints_list[] = {
	{PD_ACT_HELP, 0, 1, "help", NULL}, {PD_ACT_QUIT, 0, 2, "quit", NULL}, {PD_ACT_OPEN, 0, 1, "open", P},
	{PD_ACT_FILTER, 0, 2, "filter", NULL}, {PD_ACT_CANCEL, 0, 4, "clear filter", "filtered"},
	{PD_ACT_SORT, 0, 6, "sort", P}, {PD_ACT_ADD, 0, 3, "add", NULL}, {PD_ACT_LOG, 0, 2, "log call", NULL},
	{PD_ACT_EDIT, 0, 3, "edit", P}, {PD_ACT_STAGE_NEXT, 0, 6, "stage on", P}, {PD_ACT_STAGE_MOVE, 0, 3, "move", P},
	{PD_ACT_MERGE, 0, 4, "merge", P}, {PD_ACT_DELETE, 0, 4, "delete", P},
};
static const hint hints_detail[] = {
	{PD_ACT_HELP, 0, 1, "help", NULL}, {PD_ACT_QUIT, 0, 1, "back", NULL},
	{PD_ACT_LEFT, PD_ACT_RIGHT, 1, "tab", NULL}, {PD_ACT_LOG, 0, 2, "log call", NULL},
	{PD_ACT_EDIT, 0, 2, "edit", P}, {PD_ACT_ADD_CONTACT, 0, 5, "contact", P},
	{PD_ACT_STAGE_NEXT, 0, 6, "stage on", P}, {PD_ACT_STAGE_MOVE, 0, 3, "move", P},
	{PD_ACT_MERGE, 0, 3, "merge", P}, {PD_ACT_DELETE, 0, 3, "delete", P},
	{PD_ACT_FIT, 0, 7, "fit", P}, {PD_ACT_AGREEMENT, 0, 7, "agreement", P},
	{PD_ACT_NEXT_PANE, 0, 8, NULL, ON_TAB},
};
/* The detail's keys that rank 1 in a place whose text tells to press them
 * (the empty Contacts tab's "press C to add one", the Agreement and Fit
 * tabs'), kept when the line is short rather than left out. */
static const struct {
	pd_action act;
	const char *place;
} detail_first[] = {
	{PD_ACT_ADD_CONTACT, "nobody"}, {PD_ACT_FIT, "fit"}, {PD_ACT_AGREEMENT, "agreement"},
};
/* The Contacts tab with a person marked >: what is done to them. */
static const hint hints_detail_people[] = {
	{PD_ACT_HELP, 0, 1, "help", NULL}, {PD_ACT_QUIT, 0, 1, "back", NULL},
	{PD_ACT_LEFT, PD_ACT_RIGHT, 1, "tab", NULL}, {PD_ACT_OPEN, 0, 1, "edit", NULL},
	{PD_ACT_REMOVE_CONTACT, 0, 1, "remove", NULL}, {PD_ACT_ADD_CONTACT, 0, 2, "add", NULL},
	{PD_ACT_LOG, 0, 3, "log call", NULL}, {PD_ACT_DOWN, PD_ACT_UP, 4, "person", NULL},
	{PD_ACT_NEXT_PANE, 0, 5, NULL, ON_TAB},
};
/* The Log tab with an entry marked >: what is done to it. d and u act on
 * its follow-up, so they are offered as it has an open or a done one. */
static const hint hints_detail_log[] = {
	{PD_ACT_HELP, 0, 1, "help", NULL}, {PD_ACT_QUIT, 0, 1, "back", NULL},
	{PD_ACT_LEFT, PD_ACT_RIGHT, 1, "tab", NULL}, {PD_ACT_EDIT_LOG, 0, 1, "correct", NULL},
	{PD_ACT_DONE, 0, 2, "done", "open"}, {PD_ACT_REOPEN, 0, 3, "reopen", "done"},
	{PD_ACT_LOG, 0, 2, "log call", NULL}, {PD_ACT_DOWN, PD_ACT_UP, 4, "entry", NULL},
	{PD_ACT_NEXT_PANE, 0, 5, NULL, ON_TAB},
};
static const hint hints_kanban[] = {
	{PD_ACT_HELP, 0, 1, "help", NULL}, {PD_ACT_QUIT, 0, 2, "quit", NULL},
	{PD_ACT_LEFT, PD_ACT_RIGHT, 1, "column", NULL}, {PD_ACT_OPEN, 0, 1, "open", P},
	{PD_ACT_STAGE_PREV, PD_ACT_STAGE_NEXT, 3, "stage", P}, {PD_ACT_STAGE_MOVE, 0, 3, "move", P},
	{PD_ACT_LOG, 0, 2, "log call", NULL}, {PD_ACT_EDIT, 0, 4, "edit", P},
	{PD_ACT_MERGE, 0, 5, "merge", P}, {PD_ACT_DELETE, 0, 5, "delete", P},
};
/* d and r act on a follow-up's row (a review's or an agreement's date is
 * settled elsewhere), u only while there is a d to take back. */
static const hint hints_agenda[] = {
	{PD_ACT_HELP, 0, 1, "help", NULL}, {PD_ACT_QUIT, 0, 2, "quit", NULL}, {PD_ACT_OPEN, 0, 1, "open", P},
	{PD_ACT_DONE, 0, 1, "done", "follow-up"}, {PD_ACT_REOPEN, 0, 3, "reopen", "undo"},
	{PD_ACT_EDIT_LOG, 0, 3, "correct", "follow-up"}, {PD_ACT_EDIT, 0, 1, "review by", "review"},
	{PD_ACT_AGREEMENT, 0, 1, "agreement", "agreement"}, {PD_ACT_LOG, 0, 2, "log call", NULL},
	{PD_ACT_STAGE_MOVE, 0, 4, "move", P}, {PD_ACT_MERGE, 0, 5, "merge", P},
	{PD_ACT_DELETE, 0, 5, "delete", P},
};
#undef P
/* While the filter is typed: letters go into it, so only keys that are
 * no character are offered. PD_ACT_NONE is Backspace. */
static const hint hints_filter[] = {
	{PD_ACT_OPEN, 0, 1, "keep filter", NULL}, {PD_ACT_CANCEL, 0, 1, "clear", NULL},
	{PD_ACT_DOWN, PD_ACT_UP, 1, "move", ON_PARTNER}, {PD_ACT_NONE, 0, 1, "erase", NULL},
};
static const hint hints_reports[] = {
	{PD_ACT_HELP, 0, 1, "help", NULL}, {PD_ACT_QUIT, 0, 1, "quit", NULL},
	{PD_ACT_NEXT_PANE, PD_ACT_PREV_PANE, 1, "report", NULL}, {PD_ACT_PERIOD, 0, 1, "period", NULL},
	{PD_ACT_VIEW_LIST, 0, 1, "list", NULL},
};

#define MAX_HINTS 16

/* Whether the place's words (space-separated) include word. */
static bool place_has(const char *place, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = place; p && *p;) {
		size_t k = strcspn(p, " ");
		if (k == n && strncmp(p, word, n) == 0)
			return true;
		p += k;
		p += strspn(p, " ");
	}
	return false;
}

/* The hints of the place: its words refine the view ("people", "log": the
 * detail's tab with someone or something marked). */
static const hint *hints_for(const char *view, const char *place, size_t *n)
{
	static const struct {
		const char *view, *place;
		const hint *hints;
		size_t n;
	} places[] = {
#define PLACE(v, p, t) {v, p, t, sizeof(t) / sizeof((t)[0])}
		PLACE("list", NULL, hints_list),
		PLACE("filter", NULL, hints_filter),
		PLACE("detail", "people", hints_detail_people),
		PLACE("detail", "log", hints_detail_log),
		PLACE("detail", NULL, hints_detail),
		PLACE("kanban", NULL, hints_kanban),
		PLACE("agenda", NULL, hints_agenda),
		PLACE("reports", NULL, hints_reports),
#undef PLACE
	};
	/* Every table: the draw keeps at most MAX_HINTS, so a longer one would
	 * lose its last hints without a word. */
#define FITS(t) (sizeof(t) / sizeof((t)[0]) <= MAX_HINTS)
	_Static_assert(FITS(hints_list) && FITS(hints_filter) && FITS(hints_detail_people) &&
	               FITS(hints_detail_log) && FITS(hints_detail) && FITS(hints_kanban) &&
	               FITS(hints_agenda) && FITS(hints_reports), "a place has too many hints");
#undef FITS
	for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
		if (strcmp(view, places[i].view) == 0 &&
		    (!places[i].place || place_has(place, places[i].place))) {
			*n = places[i].n;
			return places[i].hints;
		}
	}
	*n = 0;
	return NULL;
}

/* msg on at most rows lines of width from column 1, wrapped at words; a
 * longer one ends in "…" after its last whole word, never cut silently
 * (on one line, where that word is a path that would leave most of the
 * line empty, "…" cuts it where the line ends instead). */
static void draw_message(WINDOW *w, const char *msg, int width, int rows)
{
	if (pd_draw_width(msg) <= width) {
		pd_draw_text(w, 0, 1, msg, width, true);
		return;
	}
	if (pd_draw_wrap(NULL, 0, 0, msg, width, 0, 0) <= rows) {
		pd_draw_wrap(w, 0, 1, msg, width, rows, 0);
		return;
	}
	/* One column kept for the mark, after the last word drawn. */
	pd_draw_wrap(w, 0, 1, msg, width - 1, rows, 0);
	int y = getcury(w), x = getcurx(w);
	while (x > 1 && (mvwinch(w, y, x - 1) & A_CHARTEXT) == ' ')
		x--;
	if (rows == 1 && x - 1 < width / 2) {
		pd_draw_text(w, 0, 1, msg, width, true);
		return;
	}
	/* the mark pd_draw_text ends a cut line with */
	pd_draw_text(w, y, x, pd_locale_utf8() ? "\xe2\x80\xa6" : ">", 1, false);
}

void pd_status_draw(struct pd_app *app, WINDOW *w, const char *view, const char *place)
{
	const pd_theme *th = pd_app_theme(app);
	int cols = getmaxx(w);
	const char *msg = pd_app_status_text(app);
	char ro[PD_ERROR_MSG_MAX];
	bool standing = false;
	if ((!msg || !*msg) && pd_app_readonly(app)) {
		/* Said for as long as it holds, when nothing else is. */
		snprintf(ro, sizeof ro, "read-only: %s", pd_app_readonly(app));
		msg = ro;
		standing = true;
	}
	if (msg && *msg) {
		int a = pd_theme_attr(th, "status");
		wattron(w, a);
		/* A message that answers a key and is longer than the line takes
		 * the hint line too, until the next key brings the hints back:
		 * read whole at once, without a key that would clear it, its end
		 * ("allowed: Glance") is often what to do. One that stands for
		 * the session (read-only) keeps to its line, or the hints would
		 * never come back; a key it refuses says it again, on both. */
		int rows = standing || getmaxy(w) < 2 ? 1 : 2;
		bool over = rows == 2 && pd_draw_width(msg) > cols - 2;
		if (over)
			mvwhline(w, 1, 0, ' ', cols);
		draw_message(w, msg, cols - 2, rows);
		wattroff(w, a);
		if (over)
			return;
	}
	/* Under a dialog the view's keys do not apply: the dialog shows its
	 * own. */
	size_t n = 0;
	const hint *hints = hints_for(view, place, &n);
	bool filter = strcmp(view, "filter") == 0;
	/* Asked only of a view: under a dialog no table applies. */
	bool partner = n && pd_app_selected_partner(app) != 0;
	/* Each hint's keys, as bound now; those with no key, or refused on a
	 * read-only desk, are not offered. */
	char keys[MAX_HINTS][72];
	const char *label[MAX_HINTS];
	char keep_then_log[96] = "";
	int width[MAX_HINTS];
	bool shown[MAX_HINTS];
	int total = 1;
	const char *tab = n ? pd_app_tab_goes(app) : NULL;
	for (size_t i = 0; i < n && i < MAX_HINTS; i++) {
		shown[i] = false;
		label[i] = hints[i].label;
		if (hints[i].when && strcmp(hints[i].when, ON_TAB) == 0) {
			if (!tab)
				continue;
			label[i] = tab;
		}
		/* A read-only desk hints no key that it refuses: Enter, which
		 * opens elsewhere, edits the person marked in the Contacts tab. */
		if (pd_app_readonly(app) && (pd_keymap_action_writes(hints[i].act) ||
		                             (hints == hints_detail_people && hints[i].act == PD_ACT_OPEN)))
			continue;
		/* Nothing for the key to act on here: not offered. */
		if (hints[i].when && strcmp(hints[i].when, ON_TAB) != 0 &&
		    !(strcmp(hints[i].when, ON_PARTNER) == 0 ? partner : place_has(place, hints[i].when)))
			continue;
		if (hints[i].act == PD_ACT_NONE)
			pd_key_name(KEY_BACKSPACE, true, keys[i], sizeof keys[i]);
		else
			pd_keymap_hint_keys(pd_app_keymap(app), hints[i].act, hints[i].pair, filter, keys[i],
			                    sizeof keys[i]);
		if (alone_label(&hints[i])) {
			/* The second has no key: the first's own label. */
			char one[72];
			pd_keymap_hint_keys(pd_app_keymap(app), hints[i].act, PD_ACT_NONE, filter, one, sizeof one);
			if (strcmp(one, keys[i]) == 0)
				label[i] = alone_label(&hints[i]);
		}
		/* While the filter is typed c is a letter of it: the one on
		 * the phone learns here that Enter keeps the filter and c
		 * then logs the call with the partner it found. */
		if (hints == hints_filter && hints[i].act == PD_ACT_OPEN && partner) {
			char log[32];
			pd_keymap_first(pd_app_keymap(app), PD_ACT_LOG, log, sizeof log);
			if (log[0]) {
				snprintf(keep_then_log, sizeof keep_then_log, "%s, then %s log call", label[i], log);
				label[i] = keep_then_log;
			}
		}
		if (!keys[i][0])
			continue;
		width[i] = pd_draw_width(keys[i]) + 1 + pd_draw_width(label[i]) + 2;
		shown[i] = true;
		total += width[i];
	}
	/* Too long for the line: the least needed go, one at a time. The
	 * last hint's two spaces after it need no room; one column is kept
	 * at the right as at the left (total - 2 + 1). */
	int rank[MAX_HINTS];
	for (size_t i = 0; i < n && i < MAX_HINTS; i++) {
		rank[i] = hints[i].rank;
		for (size_t k = 0; hints == hints_detail && k < sizeof detail_first / sizeof detail_first[0]; k++)
			if (hints[i].act == detail_first[k].act && place_has(place, detail_first[k].place))
				rank[i] = 1;
	}
	/* A pair that can give up its second key does, where that is
	 * shorter, before any hint goes. */
	for (size_t i = 0; i < n && i < MAX_HINTS && total - 1 > cols; i++) {
		const char *alone = alone_label(&hints[i]);
		if (!shown[i] || !alone || label[i] == alone)
			continue;
		char one[72];
		pd_keymap_hint_keys(pd_app_keymap(app), hints[i].act, PD_ACT_NONE, filter, one, sizeof one);
		int w1 = pd_draw_width(one) + 1 + pd_draw_width(alone) + 2;
		if (w1 >= width[i])
			continue;
		snprintf(keys[i], sizeof keys[i], "%s", one);
		label[i] = alone;
		total += w1 - width[i];
		width[i] = w1;
	}
	while (total - 1 > cols) {
		size_t drop = n;
		for (size_t i = 0; i < n && i < MAX_HINTS; i++)
			if (shown[i] && (drop == n || rank[i] >= rank[drop]))
				drop = i;
		if (drop == n)
			break;
		shown[drop] = false;
		total -= width[drop];
	}
	/* The labels, and the line under them, in the plain look as a pair
	 * (draw.c, "row.plain"; A_NORMAL without colour): back from a key's
	 * colour it costs the colour reset, not that and a full reset. */
	int plain = pd_theme_attr(th, "row.plain"), key_attr = A_BOLD | pd_theme_attr(th, "help");
	wattrset(w, plain);
	mvwhline(w, 1, 0, ' ', cols);
	int x = 1;
	for (size_t i = 0; i < n && i < MAX_HINTS; i++) {
		if (!shown[i])
			continue;
		/* two spaces between hints, none after the last: a gap cut at
		 * the edge would draw as "…" */
		if (x > 1)
			x += pd_draw_text(w, 1, x, "  ", cols - x, false);
		wattrset(w, pd_theme_over(plain, key_attr));
		x += pd_draw_text(w, 1, x, keys[i], cols - x, false);
		wattrset(w, plain);
		x += pd_draw_text(w, 1, x, " ", cols - x, false);
		x += pd_draw_text(w, 1, x, label[i], cols - x, false);
	}
	wattrset(w, A_NORMAL);
}
