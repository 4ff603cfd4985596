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
	int cols = getmaxx(w);
	int attr = pd_draw_attr("title");
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
	bool in_detail = strcmp(view, "detail") == 0;
	for (size_t i = 0; i < 4 && x < cols; i++) {
		char keys[32], tab[64];
		pd_keymap_describe(pd_app_keymap(app), tabs[i].act, keys, sizeof keys);
		char *comma = strchr(keys, ',');
		if (comma)
			*comma = '\0';
		snprintf(tab, sizeof tab, " %s %s ", keys, tabs[i].label);
		bool active = strcmp(view, tabs[i].view) == 0 || (in_detail && i == 0);
		if (active) {
			wattroff(w, attr);
			wattron(w, pd_draw_attr("tab.active"));
		}
		x += pd_draw_text(w, 0, x, tab, cols - x, false);
		if (active) {
			wattroff(w, pd_draw_attr("tab.active"));
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
	snprintf(right, sizeof right, "%s  %s ", pd_app_db_label(app), counts);
	int room = cols - x - 2;
	if (pd_draw_width(right) > room)
		snprintf(right, sizeof right, "%s ", counts);
	int rw = pd_draw_width(right);
	if (room > 0)
		pd_draw_text(w, 0, rw <= room ? cols - rw : x + 2, right, room, false);
	wattroff(w, attr);
}

/* The hints each view shows: its own keys first, then the common ones. */
static const pd_action hints_list[] = {
	PD_ACT_HELP, PD_ACT_QUIT, PD_ACT_OPEN, PD_ACT_FILTER, PD_ACT_SORT, PD_ACT_ADD, PD_ACT_LOG,
	PD_ACT_EDIT, PD_ACT_STAGE_NEXT, PD_ACT_STAGE_MOVE,
};
static const pd_action hints_detail[] = {
	PD_ACT_HELP, PD_ACT_QUIT, PD_ACT_RIGHT, PD_ACT_LOG, PD_ACT_EDIT, PD_ACT_ADD_CONTACT,
	PD_ACT_STAGE_NEXT, PD_ACT_STAGE_MOVE,
};
static const pd_action hints_kanban[] = {
	PD_ACT_HELP, PD_ACT_QUIT, PD_ACT_LEFT, PD_ACT_RIGHT, PD_ACT_OPEN, PD_ACT_STAGE_PREV,
	PD_ACT_STAGE_NEXT, PD_ACT_STAGE_MOVE, PD_ACT_LOG,
};
static const pd_action hints_agenda[] = {
	PD_ACT_HELP, PD_ACT_QUIT, PD_ACT_OPEN, PD_ACT_DONE, PD_ACT_LOG, PD_ACT_STAGE_MOVE,
};
static const pd_action hints_reports[] = {
	PD_ACT_HELP, PD_ACT_QUIT, PD_ACT_NEXT_PANE, PD_ACT_PERIOD, PD_ACT_VIEW_LIST,
};

/* Short labels for the hint line; the help overlay has the long ones. */
static const char *short_label(pd_action a)
{
	switch (a) {
	case PD_ACT_HELP: return "help";
	case PD_ACT_QUIT: return "quit";
	case PD_ACT_OPEN: return "open";
	case PD_ACT_FILTER: return "filter";
	case PD_ACT_SORT: return "sort";
	case PD_ACT_ADD: return "add";
	case PD_ACT_LOG: return "log call";
	case PD_ACT_EDIT: return "edit";
	case PD_ACT_STAGE_PREV: return "stage back";
	case PD_ACT_STAGE_NEXT: return "stage on";
	case PD_ACT_STAGE_MOVE: return "move";
	case PD_ACT_LEFT: return "column";
	case PD_ACT_RIGHT: return "tab/column";
	case PD_ACT_DONE: return "done";
	case PD_ACT_ADD_CONTACT: return "contact";
	case PD_ACT_VIEW_LIST: return "list";
	case PD_ACT_NEXT_PANE: return "next report";
	case PD_ACT_PERIOD: return "period";
	default: return "";
	}
}

void pd_status_draw(struct pd_app *app, WINDOW *w, const char *view)
{
	int cols = getmaxx(w);
	const char *msg = pd_app_status_text(app);
	if (msg && *msg) {
		int a = pd_draw_attr("status");
		wattron(w, a);
		pd_draw_text(w, 0, 1, msg, cols - 2, true);
		wattroff(w, a);
	}
	const pd_action *hints = hints_list;
	size_t n = sizeof hints_list / sizeof hints_list[0];
	if (strcmp(view, "detail") == 0) {
		hints = hints_detail;
		n = sizeof hints_detail / sizeof hints_detail[0];
	} else if (strcmp(view, "kanban") == 0) {
		hints = hints_kanban;
		n = sizeof hints_kanban / sizeof hints_kanban[0];
	} else if (strcmp(view, "agenda") == 0) {
		hints = hints_agenda;
		n = sizeof hints_agenda / sizeof hints_agenda[0];
	} else if (strcmp(view, "reports") == 0) {
		hints = hints_reports;
		n = sizeof hints_reports / sizeof hints_reports[0];
	}
	int x = 1;
	int hint_attr = pd_draw_attr("hint");
	for (size_t i = 0; i < n; i++) {
		char keys[48];
		pd_keymap_describe(pd_app_keymap(app), hints[i], keys, sizeof keys);
		char *comma = strchr(keys, ',');
		if (comma)
			*comma = '\0';
		if (!keys[0])
			continue;
		char item[96];
		snprintf(item, sizeof item, "%s %s", keys, short_label(hints[i]));
		int need = pd_draw_width(item) + 2;
		if (x + need > cols)
			break;
		wattron(w, A_BOLD | hint_attr);
		x += pd_draw_text(w, 1, x, keys, cols - x, false);
		wattroff(w, A_BOLD | hint_attr);
		x += pd_draw_text(w, 1, x, " ", cols - x, false);
		x += pd_draw_text(w, 1, x, short_label(hints[i]), cols - x, false);
		x += pd_draw_text(w, 1, x, "  ", cols - x, false);
	}
}
