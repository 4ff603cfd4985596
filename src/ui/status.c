/* The bars around the views: the title bar (database, counts, the view
 * tabs) and the two bottom lines (the message, and hints of the keys used
 * most, read from the keymap so they always match what the keys do). */
#include <stdio.h>
#include <string.h>

#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/keymap.h"
#include "views.h"

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

	/* The database and its counts at the right, as much as fits. */
	char right[400], counts[96] = "";
	long np = pd_app_count_partners(app), nd = pd_app_count_due(app);
	if (np >= 0)
		snprintf(counts, sizeof counts, "%ld partner%s", np, np == 1 ? "" : "s");
	if (nd > 0)
		snprintf(counts + strlen(counts), sizeof counts - strlen(counts), ", %ld due", nd);
	/* Where the line is short the file name is shortened ("demo-new…"),
	 * never dropped, and its " (demo)" mark is kept whole: staff must
	 * always tell a demo desk from the real one. */
	char name[256];
	snprintf(name, sizeof name, "%s", pd_app_db_label(app));
	const char *demo = "";
	static const char mark[] = " (demo)";
	size_t nl = strlen(name);
	if (nl >= sizeof mark - 1 && strcmp(name + nl - (sizeof mark - 1), mark) == 0) {
		name[nl - (sizeof mark - 1)] = '\0';
		demo = mark;
	}
	snprintf(right, sizeof right, "%s  %s ", demo, counts);
	int room = cols - x - 2;
	int name_w = pd_draw_width(name), tail_w = pd_draw_width(right);
	/* The name keeps at least a few columns ("dem…") before it goes. */
	if (name_w > room - tail_w)
		name_w = room - tail_w >= 4 ? room - tail_w : 0;
	if (name_w == 0)
		snprintf(right, sizeof right, "%s%s%s ", *demo ? demo + 1 : "", *demo ? "  " : "", counts);
	tail_w = pd_draw_width(right);
	if (room > 0) {
		int rx = name_w + tail_w <= room ? cols - name_w - tail_w : x + 2;
		rx += pd_draw_text(w, 0, rx, name, name_w, false);
		pd_draw_text(w, 0, rx, right, cols - rx, false);
	}
	wattroff(w, attr);
}

/* The hints each view shows: its own keys first, then the common ones.
 * A pair of actions shows as one hint ("h/l column"); the label says what
 * the keys do in that view. */
typedef struct hint {
	pd_action act, pair;   /* pair: PD_ACT_NONE for a single action */
	const char *label;
} hint;

static const hint hints_list[] = {
	{PD_ACT_HELP, 0, "help"}, {PD_ACT_QUIT, 0, "quit"}, {PD_ACT_OPEN, 0, "open"},
	{PD_ACT_FILTER, 0, "filter"}, {PD_ACT_SORT, 0, "sort"}, {PD_ACT_ADD, 0, "add"},
	{PD_ACT_LOG, 0, "log call"}, {PD_ACT_EDIT, 0, "edit"}, {PD_ACT_STAGE_NEXT, 0, "stage on"},
	{PD_ACT_STAGE_MOVE, 0, "move"},
};
static const hint hints_detail[] = {
	{PD_ACT_HELP, 0, "help"}, {PD_ACT_QUIT, 0, "back"}, {PD_ACT_LEFT, PD_ACT_RIGHT, "tab"},
	{PD_ACT_LOG, 0, "log call"}, {PD_ACT_EDIT, 0, "edit"}, {PD_ACT_ADD_CONTACT, 0, "contact"},
	{PD_ACT_STAGE_NEXT, 0, "stage on"}, {PD_ACT_STAGE_MOVE, 0, "move"},
};
static const hint hints_kanban[] = {
	{PD_ACT_HELP, 0, "help"}, {PD_ACT_QUIT, 0, "quit"}, {PD_ACT_LEFT, PD_ACT_RIGHT, "column"},
	{PD_ACT_OPEN, 0, "open"}, {PD_ACT_STAGE_PREV, PD_ACT_STAGE_NEXT, "stage"},
	{PD_ACT_STAGE_MOVE, 0, "move"}, {PD_ACT_LOG, 0, "log call"},
};
static const hint hints_agenda[] = {
	{PD_ACT_HELP, 0, "help"}, {PD_ACT_QUIT, 0, "quit"}, {PD_ACT_OPEN, 0, "open"},
	{PD_ACT_DONE, 0, "done"}, {PD_ACT_REOPEN, 0, "undo done"}, {PD_ACT_LOG, 0, "log call"},
	{PD_ACT_STAGE_MOVE, 0, "move"},
};
/* While the filter is typed: letters go into it, so only keys that are
 * no character are offered (first_key skips the others). */
static const hint hints_filter[] = {
	{PD_ACT_OPEN, 0, "keep filter"}, {PD_ACT_CANCEL, 0, "clear"}, {PD_ACT_DOWN, PD_ACT_UP, "move"},
	{PD_ACT_NONE, 0, "erase"},
};
static const hint hints_reports[] = {
	{PD_ACT_HELP, 0, "help"}, {PD_ACT_QUIT, 0, "quit"}, {PD_ACT_NEXT_PANE, 0, "next report"},
	{PD_ACT_PERIOD, 0, "period"}, {PD_ACT_VIEW_LIST, 0, "list"},
};

/* The first key bound to a (the keymap's "j, Down" cut at the comma);
 * with no_chars, the first that is not a character (j is typed into a
 * filter; Down moves). PD_ACT_NONE is Backspace. */
static void first_key(struct pd_app *app, pd_action a, char *buf, size_t len, bool no_chars)
{
	buf[0] = '\0';
	if (a == PD_ACT_NONE) {
		pd_key_name(KEY_BACKSPACE, true, buf, len);
		return;
	}
	if (no_chars) {
		int keys[PD_KEYMAP_MAX_KEYS];
		bool is_key[PD_KEYMAP_MAX_KEYS];
		size_t n = pd_keymap_keys(pd_app_keymap(app), a, keys, is_key, PD_KEYMAP_MAX_KEYS);
		for (size_t i = 0; i < n; i++) {
			if (is_key[i] || keys[i] < 0x20 || keys[i] == 0x7F) {
				pd_key_name(keys[i], is_key[i], buf, len);
				return;
			}
		}
		return;
	}
	pd_keymap_describe(pd_app_keymap(app), a, buf, len);
	char *comma = strchr(buf, ',');
	if (comma)
		*comma = '\0';
}

void pd_status_draw(struct pd_app *app, WINDOW *w, const char *view)
{
	const pd_theme *th = pd_app_theme(app);
	int cols = getmaxx(w);
	const char *msg = pd_app_status_text(app);
	char ro[PD_ERROR_MSG_MAX];
	if ((!msg || !*msg) && pd_app_readonly(app)) {
		/* Said for as long as it holds, when nothing else is. */
		snprintf(ro, sizeof ro, "read-only: %s", pd_app_readonly(app));
		msg = ro;
	}
	if (msg && *msg) {
		int a = pd_theme_attr(th, "status");
		wattron(w, a);
		if (pd_draw_width(msg) > cols - 2 && getmaxy(w) >= 2) {
			/* A message longer than the line takes the hint line too
			 * until the next key: its end ("allowed: Glance") is often
			 * the part that says what to do. */
			mvwhline(w, 1, 0, ' ', cols);
			pd_draw_wrap(w, 0, 1, msg, cols - 2, 2, 0);
			wattroff(w, a);
			return;
		}
		pd_draw_text(w, 0, 1, msg, cols - 2, true);
		wattroff(w, a);
	}
	/* Under a dialog the view's keys do not apply: the dialog shows its
	 * own. */
	const hint *hints = NULL;
	size_t n = 0;
#define USE(t) (hints = (t), n = sizeof(t) / sizeof((t)[0]))
	bool filter = strcmp(view, "filter") == 0;
	if (strcmp(view, "list") == 0)
		USE(hints_list);
	else if (filter)
		USE(hints_filter);
	else if (strcmp(view, "detail") == 0)
		USE(hints_detail);
	else if (strcmp(view, "kanban") == 0)
		USE(hints_kanban);
	else if (strcmp(view, "agenda") == 0)
		USE(hints_agenda);
	else if (strcmp(view, "reports") == 0)
		USE(hints_reports);
#undef USE
	int x = 1;
	int hint_attr = pd_theme_attr(th, "help");
	for (size_t i = 0; i < n; i++) {
		char keys[100], second[48];
		/* A read-only desk hints no key that it refuses. */
		if (pd_app_readonly(app) && pd_keymap_action_writes(hints[i].act))
			continue;
		first_key(app, hints[i].act, keys, sizeof keys, filter);
		if (!keys[0])
			continue;
		if (hints[i].pair != PD_ACT_NONE) {
			first_key(app, hints[i].pair, second, sizeof second, filter);
			if (second[0])
				snprintf(keys + strlen(keys), sizeof keys - strlen(keys), "/%s", second);
		}
		char item[160];
		snprintf(item, sizeof item, "%s %s", keys, hints[i].label);
		int need = pd_draw_width(item) + 2;
		if (x + need > cols)
			break;
		wattron(w, A_BOLD | hint_attr);
		x += pd_draw_text(w, 1, x, keys, cols - x, false);
		wattroff(w, A_BOLD | hint_attr);
		x += pd_draw_text(w, 1, x, " ", cols - x, false);
		x += pd_draw_text(w, 1, x, hints[i].label, cols - x, false);
		x += pd_draw_text(w, 1, x, "  ", cols - x, false);
	}
}
