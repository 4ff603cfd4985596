/* The agenda view: open follow-ups, stage reviews and the current
 * agreements' review and end dates for the next two weeks and everything
 * overdue, grouped Overdue / Today / This week / Next week / Later
 * (calendar weeks, Monday to Sunday); d marks a
 * follow-up done and u reopens it (a d on the wrong row must not lose the
 * reminder), Enter opens the partner (at its Agreement tab for an
 * agreement's date). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/keymap.h"
#include "views.h"

#define AGENDA_DAYS 14

enum { G_OVERDUE, G_TODAY, G_WEEK, G_NEXT_WEEK, G_LATER, G__COUNT };
static const char *const group_names[G__COUNT] = {"Overdue", "Today", "This week", "Next week", "Later"};

typedef struct item_key {
	pd_agenda_kind kind;
	int64_t id;
} item_key;

typedef struct agenda_state {
	struct pd_app *app;
	pd_agenda items;
	size_t sel;
	int top;               /* first screen line shown */
	int page;
	int week_left;         /* days from today to this week's Sunday, at the last fetch */
	bool dirty;
	/* The follow-up last marked done here, for u (0: none); its version
	 * after the mark, so a change meanwhile is a conflict, not lost. */
	int64_t undo_id, undo_version;
	char undo_name[200];
	/* Select this item at the next fetch wherever its row went (id 0:
	 * none), on screen line follow_line when that is >= 0: the data
	 * changed (a colleague's follow-up above it), and d must act on the
	 * item the user was on, not on whatever took its row. */
	item_key follow;
	int follow_line;
	char error[PD_ERROR_MSG_MAX];
} agenda_state;

/* What an item is, whatever its row: its follow-up, its agreement's
 * review or end, or its partner's stage review. */
static item_key key_of(const pd_agenda_item *it)
{
	switch (it->kind) {
	case PD_AGENDA_FOLLOW_UP: return (item_key){it->kind, it->interaction_id};
	case PD_AGENDA_AGREEMENT_REVIEW:
	case PD_AGENDA_AGREEMENT_END: return (item_key){it->kind, it->agreement_id};
	default: return (item_key){it->kind, it->partner_id};
	}
}

/* Calendar weeks, as a desk diary has them: on a Friday "This week" is
 * what is left of it (Saturday, Sunday) and Monday is "Next week", not a
 * rolling seven days that would put next Thursday in "this week". The week
 * ends on Sunday (ISO 8601), whatever the locale: one rule for every desk
 * of a shared server, and the two conventions differ only on Sundays. */
static int group_of(const agenda_state *s, const pd_agenda_item *it)
{
	if (it->days < 0)
		return G_OVERDUE;
	if (it->days == 0)
		return G_TODAY;
	if (it->days <= s->week_left)
		return G_WEEK;
	return it->days <= s->week_left + 7 ? G_NEXT_WEEK : G_LATER;
}

static int line_of(const agenda_state *s, size_t i);

static void fetch(agenda_state *s)
{
	pd_db *db = pd_app_db(s->app);
	s->dirty = false;
	s->error[0] = '\0';
	pd_agenda_finish(&s->items);
	memset(&s->items, 0, sizeof s->items);
	if (!db)
		return;
	pd_error err = {0};
	char today[PD_DATE_LEN];
	pd_date_today(pd_db_now(db), today);
	int wd = pd_date_weekday(today);
	s->week_left = wd ? 7 - wd : 6;
	if (!pd_agenda_load(db, AGENDA_DAYS, &s->items, &err))
		snprintf(s->error, sizeof s->error, "%s", err.msg);
	bool found = false;
	for (size_t i = 0; s->follow.id && i < s->items.n && !found; i++) {
		item_key k = key_of(&s->items.v[i]);
		if (k.kind == s->follow.kind && k.id == s->follow.id) {
			s->sel = i;
			found = true;
		}
	}
	/* Gone (done here or elsewhere): the row after it takes its place. */
	if (s->sel >= s->items.n)
		s->sel = s->items.n ? s->items.n - 1 : 0;
	if (found && s->follow_line >= 0) {
		int top = line_of(s, s->sel) - s->follow_line;
		/* Kept on its line only as far as the agenda is longer than the
		 * screen: one that fits shows from its top, so a colleague's
		 * overdue follow-up that lands above is never hidden there. */
		int most = line_of(s, s->items.n - 1) + 1 - s->page;
		if (top > most)
			top = most;
		s->top = top > 0 ? top : 0;
	}
	s->follow = (item_key){0};
	s->follow_line = -1;
}

/* The screen line of item i: items with their group headings and a blank
 * line between groups. */
static int line_of(const agenda_state *s, size_t i)
{
	int line = 0, last = -1;
	for (size_t k = 0; k <= i && k < s->items.n; k++) {
		int g = group_of(s, &s->items.v[k]);
		if (g != last) {
			line += last >= 0 ? 2 : 1;
			last = g;
		}
		if (k < i)
			line++;
	}
	return line;
}

static void keep_visible(agenda_state *s)
{
	if (!s->items.n || s->page <= 0)
		return;
	int l = line_of(s, s->sel);
	/* Show the group heading too when the first item of a group is selected. */
	int head = (s->sel == 0 || group_of(s, &s->items.v[s->sel]) != group_of(s, &s->items.v[s->sel - 1])) ? l - 1 : l;
	if (head < s->top)
		s->top = head < 0 ? 0 : head;
	if (l >= s->top + s->page)
		s->top = l - s->page + 1;
}

static bool is_agreement(const pd_agenda_item *it)
{
	return it->kind == PD_AGENDA_AGREEMENT_REVIEW || it->kind == PD_AGENDA_AGREEMENT_END;
}

/* "agreement review: TITLE", "agreement ends: TITLE", "agreement ended:
 * TITLE"; the model's text carries the title after its first ": ". */
static void agreement_words(const pd_agenda_item *it, char *buf, size_t size)
{
	const char *words = it->kind == PD_AGENDA_AGREEMENT_REVIEW ? "agreement review"
	                    : it->days < 0 ? "agreement ended" : "agreement ends";
	const char *title = it->text ? strstr(it->text, ": ") : NULL;
	snprintf(buf, size, "%s: %s", words, title ? title + 2
	         : it->kind == PD_AGENDA_AGREEMENT_REVIEW ? "the agreement is due for review"
	         : it->days < 0 ? "renew it or settle it" : "renew it or let it end");
}

static void agenda_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	agenda_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	s->page = rows;   /* before the fetch, which keeps the selection in it */
	if (s->dirty)
		fetch(s);
	keep_visible(s);
	if (!s->items.n) {
		wattrset(w, pd_theme_attr(th, "dim"));
		/* wrapped, not cut: at 80 columns the sentence is longer than a row */
		pd_draw_wrap(w, 1, 2, s->error[0] ? s->error
		             : "Nothing due in the next two weeks. Follow-ups set when logging a call appear here.",
		             cols - 4, rows - 1, 0);
		wattrset(w, A_NORMAL);
		return;
	}
	pd_db *db = pd_app_db(s->app);
	int line = 0, last = -1;
	int name_w = cols >= 100 ? 30 : cols >= 80 ? 22 : 16;
	/* A date to come is read with its weekday, as a form's date field
	 * says it ("Thu 2026-11-26"): a week is planned by its days. Below
	 * 100 columns without its year ("Thu 11-26"), which the next two
	 * weeks need not say, so that the note keeps its room. */
	bool full_date = cols >= 100;
	int when_w = 10;
	for (size_t i = 0; full_date && i < s->items.n; i++)
		if (s->items.v[i].days > 0)
			when_w = 14;
	for (size_t i = 0; i < s->items.n; i++) {
		const pd_agenda_item *it = &s->items.v[i];
		int g = group_of(s, it);
		if (g != last) {
			if (last >= 0)
				line++;
			if (line >= s->top && line - s->top < rows) {
				wattrset(w, pd_theme_attr(th, g == G_OVERDUE ? "overdue" : "group"));
				size_t n = 0;
				for (size_t k = i; k < s->items.n && group_of(s, &s->items.v[k]) == g; k++)
					n++;
				pd_draw_fmt(w, line - s->top, 1, cols - 2, false, "%s (%zu)", group_names[g], n);
				wattrset(w, A_NORMAL);
			}
			line++;
			last = g;
		}
		if (line >= s->top && line - s->top < rows) {
			int y = line - s->top;
			bool sel = i == s->sel;
			int base = sel ? pd_theme_attr(th, focused ? "selected" : "selected.unfocused") : 0;
			wattrset(w, base);
			mvwhline(w, y, 0, ' ', cols);
			char when[32];
			if (it->days < 0)
				snprintf(when, sizeof when, "%ldd late", -it->days);
			else if (it->days == 0)
				snprintf(when, sizeof when, "today");
			else
				pd_view_plan_date(it->date, it->days, full_date, when, sizeof when);
			int x = 3;
			if (!sel && it->days < 0)
				wattrset(w, pd_theme_attr(th, "overdue"));
			pd_draw_text(w, y, x, when, when_w, true);
			wattrset(w, base | A_BOLD);
			x += when_w + 1;
			pd_draw_text(w, y, x, it->partner_name, name_w, true);
			wattrset(w, base);
			x += name_w + 1;
			char what[1024];
			if (it->kind == PD_AGENDA_REVIEW)
				snprintf(what, sizeof what, "review: %s stage is due for review", pd_view_stage_label(s->app, it->stage));
			else if (it->kind == PD_AGENDA_AGREEMENT_REVIEW || it->kind == PD_AGENDA_AGREEMENT_END)
				agreement_words(it, what, sizeof what);
			else
				pd_agenda_follow_up_words(it, what, sizeof what);
			/* One line: the first line of the note, however it ends
			 * (LF, CRLF, or a lone CR from an old Mac's file). */
			what[strcspn(what, "\r\n")] = '\0';
			if (x < cols - 1)
				pd_draw_text(w, y, x, what, cols - x - 1, false);
			wattrset(w, A_NORMAL);
		}
		line++;
	}
	(void)db;
}

/* d: the selected follow-up done, with the way back said first; a
 * review's or an agreement's row says which key settles it. */
static unsigned mark_done(agenda_state *s)
{
	if (!s->items.n)
		return PD_PANE_HANDLED;
	const pd_agenda_item *it = &s->items.v[s->sel];
	if (it->kind != PD_AGENDA_FOLLOW_UP) {
		const pd_keymap *km = pd_app_keymap(s->app);
		char how[96], move[48];
		if (is_agreement(it))
			pd_keymap_say(km, PD_ACT_AGREEMENT, "%s and a later date (or none)",
			              "a later date (or none) in its agreement (bind 'agreement' in keys:)", how,
			              sizeof how);
		else
			pd_keymap_say(km, PD_ACT_EDIT, "%s and a new Review by date (or none)",
			              "`partnerdesk edit --review` and a new date (or '')", how, sizeof how);
		pd_keymap_say(km, PD_ACT_STAGE_MOVE, "%s to move the stage", "`partnerdesk move` to move the stage",
		              move, sizeof move);
		pd_app_status(s->app, "to settle %s: %s, or %s", is_agreement(it) ? "an agreement's date" : "a review",
		              how, move);
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	pd_error err = {0};
	if (!pd_interaction_set_done(pd_app_db(s->app), it->interaction_id, it->interaction_version, true, &err)) {
		pd_app_status(s->app, "%s", err.msg);
		return PD_PANE_HANDLED | PD_PANE_REDRAW | (err.code == PD_ERR_CONFLICT ? PD_PANE_RELOAD : 0);
	}
	s->undo_id = it->interaction_id;
	s->undo_version = it->interaction_version + 1;
	/* cut, if it must be, on a character's edge: a name runs to 800 bytes */
	pd_format(s->undo_name, sizeof s->undo_name, "%s", it->partner_name ? it->partner_name : "the partner");
	/* The way back first, one key of it: at 80 columns the end of a
	 * line is cut. */
	char done[64];
	pd_keymap_say(pd_app_keymap(s->app), PD_ACT_REOPEN, "done (%s undoes)", "done", done, sizeof done);
	pd_app_status(s->app, "%s: follow-up with %s", done, s->undo_name);
	return PD_PANE_HANDLED | PD_PANE_REDRAW | PD_PANE_RELOAD;
}

/* c on a follow-up's row: the call it reminds of is most likely with
 * the person it names, so With starts at them (a person removed since
 * leaves it as c anywhere does). */
static unsigned log_with_person(agenda_state *s)
{
	if (!s->items.n || s->items.v[s->sel].kind != PD_AGENDA_FOLLOW_UP)
		return PD_PANE_IGNORED;
	const pd_agenda_item *it = &s->items.v[s->sel];
	pd_interaction entry = {0};
	pd_error err = {0};
	int64_t person = 0;
	if (pd_interaction_get(pd_app_db(s->app), it->interaction_id, &entry, &err))
		person = entry.contact_id;
	pd_interaction_finish(&entry);
	pd_app_push(s->app, pd_form_log_create_with(s->app, it->partner_id, person));
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

/* u: the last d taken back, the selection following the entry. */
static unsigned reopen_last(agenda_state *s)
{
	if (!s->undo_id) {
		const pd_keymap *km = pd_app_keymap(s->app);
		char undo[48], done[48];
		pd_keymap_say(km, PD_ACT_REOPEN, "%s undoes", "the agenda undoes only", undo, sizeof undo);
		pd_keymap_say(km, PD_ACT_DONE, "%s", "follow-up marked done", done, sizeof done);
		pd_app_status(s->app, "nothing to reopen here: %s the last %s (older ones: the detail's Log tab)", undo,
		              done);
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	pd_error err = {0};
	int64_t id = s->undo_id;
	s->undo_id = 0;
	if (!pd_interaction_set_done(pd_app_db(s->app), id, s->undo_version, false, &err)) {
		pd_app_status(s->app, "%s", err.msg);
		return PD_PANE_HANDLED | PD_PANE_REDRAW | PD_PANE_RELOAD;
	}
	s->follow = (item_key){PD_AGENDA_FOLLOW_UP, id};
	s->follow_line = -1;
	pd_app_status(s->app, "reopened: follow-up with %s", s->undo_name);
	return PD_PANE_HANDLED | PD_PANE_REDRAW | PD_PANE_RELOAD;
}

static unsigned agenda_handle(pd_pane *p, const pd_event *ev)
{
	agenda_state *s = p->state;
	/* Keys come in batches: one may arrive before the first draw. */
	if (s->dirty)
		fetch(s);
	size_t n = s->items.n;
	int page = s->page > 2 ? s->page - 2 : 1;
	switch (ev->action) {
	case PD_ACT_DOWN:
		if (s->sel + 1 < n)
			s->sel++;
		break;
	case PD_ACT_UP:
		if (s->sel > 0)
			s->sel--;
		break;
	case PD_ACT_TOP: s->sel = 0; s->top = 0; break;
	case PD_ACT_BOTTOM: s->sel = n ? n - 1 : 0; break;
	case PD_ACT_PAGE_DOWN: s->sel = s->sel + (size_t)page < n ? s->sel + (size_t)page : (n ? n - 1 : 0); break;
	case PD_ACT_PAGE_UP: s->sel = s->sel > (size_t)page ? s->sel - (size_t)page : 0; break;
	case PD_ACT_DONE:
		return mark_done(s);
	case PD_ACT_EDIT_LOG: {
		/* The commonest correction: a follow-up moved to another day,
		 * so the cursor starts there. */
		if (!n)
			return PD_PANE_HANDLED;
		const pd_agenda_item *it = &s->items.v[s->sel];
		if (it->kind != PD_AGENDA_FOLLOW_UP) {
			char how[96];
			if (is_agreement(it))
				pd_keymap_say(pd_app_keymap(s->app), PD_ACT_AGREEMENT, "an agreement's date is settled with %s",
				              "an agreement's date in its agreement (bind 'agreement' in keys:)", how, sizeof how);
			else
				pd_keymap_say(pd_app_keymap(s->app), PD_ACT_EDIT, "a review with %s",
				              "a review with `partnerdesk edit --review`", how, sizeof how);
			pd_app_status(s->app, "only a follow-up is a log entry to correct here; %s", how);
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		}
		pd_app_push(s->app, pd_form_log_edit_create(s->app, it->interaction_id, "follow_up"));
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	case PD_ACT_LOG:
		return log_with_person(s);
	case PD_ACT_EDIT:
		/* e on a stage review is offered as "review by": the cursor
		 * starts in Review by, not in the name, where a date typed at
		 * once would rename the partner. */
		if (!n || s->items.v[s->sel].kind != PD_AGENDA_REVIEW)
			return PD_PANE_IGNORED;
		pd_app_push(s->app, pd_form_partner_edit_at(s->app, s->items.v[s->sel].partner_id, "review"));
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	case PD_ACT_AGREEMENT:
		/* So too A on an agreement's date: the cursor in that date, not
		 * in the agreement's title. */
		if (!n || !is_agreement(&s->items.v[s->sel]))
			return PD_PANE_IGNORED;
		pd_app_push(s->app, pd_form_agreement_edit_at(s->app, s->items.v[s->sel].partner_id,
		                                              s->items.v[s->sel].kind == PD_AGENDA_AGREEMENT_END
		                                              ? "end" : "review"));
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	case PD_ACT_OPEN:
		/* An agreement's date opens where the agreement is read, a
		 * follow-up at the note that set it (the agenda's line cuts a
		 * long note at 80 columns); a review, the partner as the app
		 * opens it anywhere. */
		if (n && s->items.v[s->sel].kind == PD_AGENDA_FOLLOW_UP && s->items.v[s->sel].interaction_id > 0) {
			pd_app_open_partner_entry(s->app, s->items.v[s->sel].partner_id,
			                          s->items.v[s->sel].interaction_id);
			return PD_PANE_HANDLED | PD_PANE_REDRAW;
		}
		if (!n || !is_agreement(&s->items.v[s->sel]))
			return PD_PANE_IGNORED;
		pd_app_open_partner_tab(s->app, s->items.v[s->sel].partner_id, "Agreement");
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	case PD_ACT_REOPEN:
		return reopen_last(s);
	default:
		return PD_PANE_IGNORED;
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static void agenda_reload(pd_pane *p)
{
	agenda_state *s = p->state;
	/* Rows shift when the data changes (here or in another session): the
	 * selection stays on the item, on its screen line. */
	if (!s->follow.id && !s->dirty && s->sel < s->items.n) {
		s->follow = key_of(&s->items.v[s->sel]);
		s->follow_line = line_of(s, s->sel) - s->top;
	}
	s->dirty = true;
}

static int64_t agenda_selected(const pd_pane *p)
{
	const agenda_state *s = p->state;
	if (s->dirty)
		fetch((agenda_state *)s);
	return s->sel < s->items.n ? s->items.v[s->sel].partner_id : 0;
}

/* The hint line's place: "follow-up" while the selected row is one (d
 * and r act on nothing else), "undo" while u has a d to take back. Asked
 * after the draw, which reads the agenda. */
static const char *agenda_hint_place(const pd_pane *p)
{
	const agenda_state *s = p->state;
	if (s->sel >= s->items.n)
		return s->undo_id ? "undo" : NULL;
	/* Each row's own way to settle it, as d's refusal there says. */
	const pd_agenda_item *it = &s->items.v[s->sel];
	if (it->kind == PD_AGENDA_FOLLOW_UP)
		return s->undo_id ? "follow-up undo" : "follow-up";
	if (is_agreement(it))
		return s->undo_id ? "agreement undo" : "agreement";
	return s->undo_id ? "review undo" : "review";
}

static void agenda_destroy(pd_pane *p)
{
	agenda_state *s = p ? p->state : NULL;
	if (s)
		pd_agenda_finish(&s->items);
	pd_view_pane_free(p);
}

static const pd_pane_ops agenda_ops = {
	.name = "agenda",
	.draw = agenda_draw,
	.handle = agenda_handle,
	.reload = agenda_reload,
	.destroy = agenda_destroy,
	.selected = agenda_selected,
	.hint_place = agenda_hint_place,
};

pd_pane *pd_view_agenda_create(struct pd_app *app)
{
	pd_pane *p = pd_view_pane_create(app, &agenda_ops, sizeof(agenda_state));
	if (!p)
		return NULL;
	agenda_state *s = p->state;
	s->app = app;
	s->dirty = true;
	s->follow_line = -1;
	return p;
}
