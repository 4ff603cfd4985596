/* The detail view: one partner in tabs (overview, contacts, log, stage
 * history with the audit trail's edits, agreement, fit), read from the
 * model when the partner changes or the data does, scrolled with j/k; in
 * the Log tab j/k move the mark > from entry to entry (scrolling through a
 * note longer than the screen first), and d, u and r act on that entry. */
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/keymap.h"
#include "meanwhile.h"
#include "views.h"

/* The newest audit entries the History tab shows; the rest are a command away. */
#define AUDIT_SHOWN 200

enum { T_OVERVIEW, T_CONTACTS, T_LOG, T_HISTORY, T_AGREEMENT, T_FIT, T__COUNT };

static const char *const tab_names[T__COUNT] = {
	"Overview", "Contacts", "Log", "History", "Agreement", "Fit",
};

typedef struct detail_state {
	struct pd_app *app;
	int64_t id;
	int tab;
	int scroll;
	int total;         /* lines the last draw had, for scrolling; -1 when
	                      the tab or partner changed since (keys come in
	                      batches: G right after l must not go by the
	                      last tab's length) */
	int page;
	/* The Log tab's entry that d, u and r act on, marked > (-1: none
	 * shown): mark_id, kept across reloads; 0 (and when it leaves the
	 * screen) the first follow-up on the screen, else the first entry.
	 * log_at[i]: the line entry i starts at as last drawn (log_at[n]: the
	 * end), log_fu[i] its follow-up's line (-1: none), for j/k. */
	int log_mark;
	int64_t mark_id;
	int *log_at, *log_fu;
	size_t log_at_n;
	bool mark_redraw;   /* the mark moved after its entry was drawn */
	/* The Log tab's entry at the top of the screen as last drawn, and
	 * how many of its lines were scrolled off; anchor_id holds it across
	 * a reload, so that a colleague's entry added above (newest first)
	 * leaves the screen, and the follow-up marked >, where they were.
	 * anchor_line is where the anchor's entry starts in the new text. */
	int64_t top_id;
	int top_off;
	int64_t anchor_id;
	int anchor_off, anchor_line;
	/* The Contacts tab's person that Enter edits and X removes, marked >
	 * and moved by j/k; held by id across a reload. mark_line..mark_end
	 * are its lines as last drawn; mark_moved asks the draw to scroll to
	 * it, mark_follow (after a page) to mark the first one shown. */
	int contact_mark;
	int64_t contact_mark_id;
	int mark_line, mark_end;
	bool mark_moved, mark_follow;
	/* X asked "remove?": the person, as they were when asked. */
	int64_t remove_id, remove_version;
	bool loaded;
	char error[PD_ERROR_MSG_MAX];
	/* The partner shown was merged meanwhile and this shows where it
	 * went, until the next key. */
	char notice[PD_ERROR_MSG_MAX];
	pd_partner *partner;
	pd_contacts contacts;
	pd_interactions log;
	pd_history history;
	pd_audit_log audit;   /* the partner's audit trail, newest first */
	pd_agreements agreements;
	pd_fit fit;
	pd_goals goals;
} detail_state;

static void unload(detail_state *s)
{
	pd_partner_destroy(s->partner);
	s->partner = NULL;
	pd_contacts_finish(&s->contacts);
	pd_interactions_finish(&s->log);
	pd_history_finish(&s->history);
	pd_audit_log_finish(&s->audit);
	pd_agreements_finish(&s->agreements);
	pd_fit_finish(&s->fit);
	pd_goals_finish(&s->goals);
	memset(&s->contacts, 0, sizeof s->contacts);
	memset(&s->log, 0, sizeof s->log);
	memset(&s->history, 0, sizeof s->history);
	memset(&s->agreements, 0, sizeof s->agreements);
	memset(&s->fit, 0, sizeof s->fit);
	memset(&s->goals, 0, sizeof s->goals);
	s->loaded = false;
}

/* The partner shown went while it was on the screen (a colleague, another
 * window, a command): merged, the detail follows it to the partner it
 * went into and the views select that one; deleted, it says so. `was` is
 * its name as last shown, "" when it was never shown here. */
static bool follow_gone(detail_state *s, pd_db *db, const char *was)
{
	char name[200];
	if (was[0])
		pd_format(name, sizeof name, "%s (#%lld)", was, (long long)s->id);
	else
		pd_format(name, sizeof name, "partner #%lld", (long long)s->id);
	int64_t went = pd_partner_merged_into(db, s->id, NULL);
	pd_partner *into = went ? pd_partner_get(db, went, NULL) : NULL;
	if (!into) {
		char quit[32];
		pd_keymap_first(pd_app_keymap(s->app), PD_ACT_QUIT, quit, sizeof quit);
		if (was[0])
			pd_format(s->error, sizeof s->error, "%s was deleted by someone else; %s goes back", name, quit);
		return false;
	}
	pd_format(s->notice, sizeof s->notice, "%s was merged into %s (#%lld) meanwhile", name,
	          into->name ? into->name : "?", (long long)went);
	pd_partner_destroy(into);
	s->id = went;
	s->scroll = 0;
	s->total = -1;
	s->anchor_id = 0;
	pd_app_follow(s->app, went);
	return true;
}

static void load(detail_state *s)
{
	char was[200] = "";
	if (s->partner && s->partner->id == s->id && s->partner->name)
		pd_format(was, sizeof was, "%s", s->partner->name);
	unload(s);
	s->loaded = true;
	s->error[0] = '\0';
	pd_db *db = pd_app_db(s->app);
	if (!db || s->id <= 0)
		return;
	pd_error err = {0};
	s->partner = pd_partner_get(db, s->id, &err);
	if (!s->partner && err.code == PD_ERR_NOTFOUND && follow_gone(s, db, was))
		s->partner = pd_partner_get(db, s->id, &err);
	if (!s->partner) {
		if (!s->error[0])
			snprintf(s->error, sizeof s->error, "%s", err.msg);
		return;
	}
	/* Each part on its own: one failing leaves the others shown. */
	if (!pd_contact_list(db, s->id, &s->contacts, &err) ||
	    !pd_interaction_list(db, s->id, 0, &s->log, &err) ||
	    !pd_history_list(db, s->id, &s->history, &err) ||
	    !pd_audit_query(db, &(pd_audit_filter){.partner_id = s->id, .limit = AUDIT_SHOWN}, &s->audit, &err) ||
	    !pd_agreement_list(db, s->id, &s->agreements, &err) ||
	    !pd_fit_load(db, s->id, &s->fit, &err) ||
	    !pd_goal_list(db, s->id, &s->goals, &err))
		snprintf(s->error, sizeof s->error, "%s", err.msg);
	/* The mark stays on its person; on the next one when they are gone. */
	for (size_t i = 0; i < s->contacts.n; i++)
		if (s->contacts.v[i].id == s->contact_mark_id)
			s->contact_mark = (int)i;
	if (s->contact_mark >= (int)s->contacts.n)
		s->contact_mark = s->contacts.n ? (int)s->contacts.n - 1 : 0;
}

void pd_view_detail_show(pd_pane *detail, int64_t partner_id)
{
	detail_state *s = detail->state;
	/* The same partner read again (anyone's change reloads every pane)
	 * keeps its place. */
	if (s->id == partner_id)
		return;
	s->id = partner_id;
	s->scroll = 0;
	s->total = -1;
	s->anchor_id = 0;
	s->contact_mark = 0;
	s->contact_mark_id = 0;
	s->remove_id = 0;
	s->mark_id = 0;
	s->loaded = false;
}

void pd_view_detail_mark_person(pd_pane *detail, int64_t contact_id)
{
	detail_state *s = detail->state;
	if (contact_id <= 0)
		return;
	/* Held by id: a detail not read yet finds the person as it loads,
	 * and its first draw scrolls to them (the tenth of twelve is well
	 * below an 80x24 screen). */
	s->contact_mark_id = contact_id;
	s->mark_follow = false;
	s->mark_moved = true;
	for (size_t i = 0; s->loaded && i < s->contacts.n; i++)
		if (s->contacts.v[i].id == contact_id)
			s->contact_mark = (int)i;
}

void pd_view_detail_mark_entry(pd_pane *detail, int64_t interaction_id)
{
	detail_state *s = detail->state;
	if (interaction_id <= 0)
		return;
	/* By id, as a reload keeps its place: the entry is found as the tab
	 * is laid out, and the draw scrolls to it. */
	s->mark_id = interaction_id;
	s->anchor_id = interaction_id;
	s->anchor_off = 0;
}

bool pd_view_detail_tab(pd_pane *detail, const char *tab)
{
	detail_state *s = detail->state;
	for (int t = 0; tab && t < T__COUNT; t++) {
		if (strcmp(tab_names[t], tab) == 0) {
			if (s->tab != t) {
				s->scroll = 0;
				s->total = -1;
			}
			s->tab = t;
			return true;
		}
	}
	return false;
}

/* ---- drawing: lines are laid out top to bottom; only those inside the
 * scrolled window reach the screen ---- */

typedef struct painter {
	WINDOW *w;
	int y0, h;       /* the area lines go to */
	int x, width;
	int line;        /* the next line's number in the whole text */
	int skip;        /* lines scrolled off the top */
	const pd_theme *th;
} painter;

static bool visible(const painter *pt, int line)
{
	return line >= pt->skip && line - pt->skip < pt->h;
}

static int screen_y(const painter *pt, int line)
{
	return pt->y0 + line - pt->skip;
}

static void text_line(painter *pt, int attr, const char *s)
{
	if (visible(pt, pt->line)) {
		wattrset(pt->w, attr);
		pd_draw_text(pt->w, screen_y(pt, pt->line), pt->x, s, pt->width, false);
		wattrset(pt->w, A_NORMAL);
	}
	pt->line++;
}

__attribute__((format(printf, 3, 4)))
static void fmt_line(painter *pt, int attr, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(buf, sizeof buf, fmt, ap);
	va_end(ap);
	text_line(pt, attr, buf);
}

/* head, name, mid, by and tail on one line, the two names shortened (the
 * draw routine marks its cut) to leave the rest room: a long person's or
 * staff name must not push " (removed)  by " or "r: correct" off the line,
 * nor be cut mid-character by a buffer. Where both cannot be whole, one
 * narrower than half the room stays whole and the other takes the rest. */
static void name_line(painter *pt, int attr, const char *head, const char *name, const char *mid,
                      const char *by, const char *tail)
{
	if (visible(pt, pt->line)) {
		int y = screen_y(pt, pt->line), x = pt->x, end = pt->x + pt->width;
		int room = pt->width - pd_draw_width(head) - pd_draw_width(mid) - pd_draw_width(tail);
		int nw = pd_draw_width(name), bw = pd_draw_width(by);
		if (nw + bw > room) {
			int half = room / 2;
			if (nw <= half)
				bw = room - nw;
			else if (bw <= half)
				nw = room - bw;
			else
				nw = half, bw = room - half;
		}
		/* A few columns of each at least, as the status line keeps. */
		nw = nw < 4 && pd_draw_width(name) > nw ? 4 : nw;
		bw = bw < 4 && pd_draw_width(by) > bw ? 4 : bw;
		wattrset(pt->w, attr);
		x += pd_draw_text(pt->w, y, x, head, end - x, false);
		x += pd_draw_text(pt->w, y, x, name, nw < end - x ? nw : end - x, false);
		x += pd_draw_text(pt->w, y, x, mid, end - x, false);
		x += pd_draw_text(pt->w, y, x, by, bw < end - x ? bw : end - x, false);
		pd_draw_text(pt->w, y, x, tail, end - x, false);
		wattrset(pt->w, A_NORMAL);
	}
	pt->line++;
}

/* Wrapped text at an indent, newlines kept. */
static void para(painter *pt, int indent, const char *s)
{
	if (!s || !*s)
		return;
	int width = pt->width - indent;
	if (width < 10)
		width = 10;
	int total = pd_draw_wrap(pt->w, 0, 0, s, width, 0, 0);
	int first = pt->skip - pt->line;           /* wrapped lines above the window */
	if (first < 0)
		first = 0;
	int y = screen_y(pt, pt->line + first);
	int rows = pt->h - (y - pt->y0);
	if (first < total && rows > 0)
		pd_draw_wrap(pt->w, y, pt->x + indent, s, width, rows, first);
	pt->line += total;
}

/* "Label:  value" with the value wrapped beside the label, in look. */
static void field_look(painter *pt, const char *label, const char *value, int look)
{
	if (!value || !*value)
		return;
	const int lw = 12;
	if (visible(pt, pt->line)) {
		wattrset(pt->w, pd_theme_attr(pt->th, "label"));
		pd_draw_text(pt->w, screen_y(pt, pt->line), pt->x, label, lw, false);
	}
	wattrset(pt->w, look);
	para(pt, lw + 1, value);
	wattrset(pt->w, A_NORMAL);
}

static void field(painter *pt, const char *label, const char *value)
{
	field_look(pt, label, value, A_NORMAL);
}

/* A date to plan by, as the agenda says it: its weekday and how far from
 * today, "Sun 2026-10-11 (45 days ago)", "Thu 2026-12-03 (in 8 days)".
 * Returns the days from today (negative: past). */
static long date_words(const char *date, time_t now, char *buf, size_t len)
{
	char today[PD_DATE_LEN];
	pd_date_today(now, today);
	long d = pd_date_valid(date) ? pd_date_diff(today, date) : 0;
	if (!pd_date_valid(date))
		snprintf(buf, len, "%s", date);
	else if (d == 0)
		snprintf(buf, len, "%s %s (today)", pd_date_weekday_abbr(date), date);
	else if (d == 1 || d == -1)
		snprintf(buf, len, "%s %s (%s)", pd_date_weekday_abbr(date), date, d > 0 ? "tomorrow" : "yesterday");
	else
		snprintf(buf, len, d > 0 ? "%s %s (in %ld days)" : "%s %s (%ld days ago)", pd_date_weekday_abbr(date), date,
		         d > 0 ? d : -d);
	return d;
}

static void join(const pd_strv *v, char *buf, size_t len)
{
	buf[0] = '\0';
	size_t o = 0;
	for (size_t i = 0; i < v->n; i++) {
		int w = snprintf(buf + o, len - o, "%s%s", i ? ", " : "", v->v[i]);
		if (w < 0 || (size_t)w >= len - o)
			break;
		o += (size_t)w;
	}
}

/* An empty tab's line: what is missing and the key that adds it, as the
 * keymap has it (a rebound key is told right; none bound, none named). */
static void empty_hint(detail_state *s, const char *missing, pd_action a, const char *todo, char *out, size_t size)
{
	char key[32];
	pd_keymap_first(pd_app_keymap(s->app), a, key, sizeof key);
	if (key[0])
		snprintf(out, size, "%s: press %s %s.", missing, key, todo);
	else
		snprintf(out, size, "%s.", missing);
}

static void draw_overview(detail_state *s, painter *pt)
{
	const pd_partner *p = s->partner;
	char buf[1024];
	field(pt, "Kind", p->kind);
	field(pt, "Scale", p->scale);
	field(pt, "Stage", pd_view_stage_label(s->app, p->stage));
	/* One kept from before at an end stage is on no agenda, and the
	 * model would refuse it as new: it is not shown as if it applied. */
	const pd_db *desk = pd_app_db(s->app);
	if (p->review_date[0] &&
	    (!desk || !pd_partner_review_refused(pd_db_rules(desk), p->stage, NULL, p->review_date))) {
		/* Past, it is on the agenda as overdue: shown so here too. */
		char when[96];
		long d = date_words(p->review_date, desk ? pd_db_now(desk) : time(NULL), when, sizeof when);
		field_look(pt, "Review by", when, d < 0 ? pd_theme_attr(pt->th, "overdue") : (int)A_NORMAL);
	}
	field(pt, "Owner", p->owner);
	/* Who we talk to there, one per line; the Contacts tab has the rest. */
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < s->contacts.n && o < sizeof buf; i++) {
		const pd_contact *c = &s->contacts.v[i];
		int w = snprintf(buf + o, sizeof buf - o, "%s%s%s%s", i ? "\n" : "", c->name ? c->name : "",
		                 c->title && *c->title ? ", " : "", c->title ? c->title : "");
		if (w < 0)
			break;
		o += (size_t)w;
	}
	field(pt, "People", buf);
	join(&p->audiences, buf, sizeof buf);
	field(pt, "Audiences", buf);
	join(&p->tags, buf, sizeof buf);
	field(pt, "Tags", buf);
	join(&p->branches, buf, sizeof buf);
	field(pt, "Branches", buf);
	if (p->fiscal_month >= 1 && p->fiscal_month <= 12) {
		static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
		                                     "August", "September", "October", "November", "December"};
		snprintf(buf, sizeof buf, "starts in %s", months[p->fiscal_month - 1]);
		field(pt, "Fiscal year", buf);
	}
	field(pt, "Website", p->website);
	field(pt, "Phone", p->phone);
	field(pt, "Email", p->email);
	field(pt, "Address", p->address);
	field(pt, "Mission", p->mission);
	field(pt, "Position", p->position);
	field(pt, "Directions", p->directions);
	field(pt, "Notes", p->notes);
	if (s->goals.n) {
		pt->line++;
		text_line(pt, pd_theme_attr(pt->th, "header"), "Goals");
		for (size_t i = 0; i < s->goals.n; i++) {
			fmt_line(pt, 0, "  %s", s->goals.v[i].goal);
			para(pt, 4, s->goals.v[i].note);
		}
	}
	pt->line++;
	if (s->log.n) {
		char age[16], day[PD_DATE_LEN];
		pd_db *db = pd_app_db(s->app);
		pd_view_age_words(s->log.v[0].at, (long)pd_db_now(db), age, sizeof age);
		pd_time_local_date(s->log.v[0].at, day);
		fmt_line(pt, pd_view_is_stale(s->app, p->stage, s->log.v[0].at, p->created) ? pd_theme_attr(pt->th, "stale") : pd_theme_attr(pt->th, "dim"),
		         "Last contact %s (%s), %zu logged, %zu contact%s", day, age, s->log.n,
		         s->contacts.n, s->contacts.n == 1 ? "" : "s");
	} else {
		char none[128];
		empty_hint(s, "No contact logged yet", PD_ACT_LOG, "to log one", none, sizeof none);
		bool stale = pd_view_is_stale(s->app, p->stage, "", p->created);
		text_line(pt, pd_theme_attr(pt->th, stale ? "stale" : "dim"), none);
	}
}

/* The > beside the marked person, and the keys for them at the end of
 * their name line: said where it is, as the Log tab's follow-up does. */
static void mark_person(detail_state *s, painter *pt, int line)
{
	if (!visible(pt, line))
		return;
	int y = screen_y(pt, line);
	mvwaddch(pt->w, y, 0, '>');
	char edit[32], rm[32], hint[96];
	pd_keymap_first(pd_app_keymap(s->app), PD_ACT_OPEN, edit, sizeof edit);
	pd_keymap_first(pd_app_keymap(s->app), PD_ACT_REMOVE_CONTACT, rm, sizeof rm);
	snprintf(hint, sizeof hint, "%s: edit  %s: remove", edit, rm);
	const pd_contact *c = &s->contacts.v[s->contact_mark];
	int used = pd_draw_width(c->name ? c->name : "") + 14;   /* and room for [outreach] */
	int w = pd_draw_width(hint);
	if (used + w < pt->width) {
		wattrset(pt->w, pd_theme_attr(pt->th, "dim"));
		pd_draw_text(pt->w, y, pt->x + pt->width - w, hint, w, false);
		wattrset(pt->w, A_NORMAL);
	}
}

static void draw_contacts(detail_state *s, painter *pt)
{
	if (!s->contacts.n) {
		char none[128];
		empty_hint(s, "No contact people yet", PD_ACT_ADD_CONTACT, "to add one", none, sizeof none);
		text_line(pt, pd_theme_attr(pt->th, "dim"), none);
		return;
	}
	pd_db *db = pd_app_db(s->app);
	const pd_rules *r = pd_db_rules(db);
	for (size_t i = 0; i < s->contacts.n; i++) {
		const pd_contact *c = &s->contacts.v[i];
		if (s->mark_follow && visible(pt, pt->line)) {
			s->contact_mark = (int)i;
			s->mark_follow = false;
		}
		bool marked = (int)i == s->contact_mark;
		if (marked) {
			s->contact_mark_id = c->id;
			s->mark_line = pt->line;
		}
		int name_line = pt->line;
		bool outreach = c->title && pd_rules_is_outreach_title(r, c->title);
		if (visible(pt, pt->line)) {
			/* The name in bold, the mark in the outreach look beside it;
			 * a long name is shortened (the draw routine cuts it at a
			 * whole character by display width, marked "…") so that the
			 * mark stays on the row, a few columns of it kept at least. */
			static const char mark[] = "[outreach]";
			int y = screen_y(pt, pt->line);
			int room = pt->width - (outreach ? 2 + pd_draw_width(mark) : 0);
			wattrset(pt->w, A_BOLD);
			int used = pd_draw_text(pt->w, y, pt->x, c->name ? c->name : "", room > 4 ? room : 4, false);
			if (outreach && used + 2 < pt->width) {
				wattrset(pt->w, pd_theme_attr(pt->th, "outreach"));
				pd_draw_text(pt->w, y, pt->x + used + 2, mark, pt->width - used - 2, false);
			}
			wattrset(pt->w, A_NORMAL);
		}
		pt->line++;
		if (c->title && *c->title)
			fmt_line(pt, 0, "  %s", c->title);
		if (c->email && *c->email)
			fmt_line(pt, 0, "  email  %s", c->email);
		if (c->phone && *c->phone)
			fmt_line(pt, 0, "  phone  %s", c->phone);
		if (c->channel && *c->channel)
			fmt_line(pt, pd_theme_attr(pt->th, "dim"), "  prefers %s", c->channel);
		para(pt, 2, c->notes);
		if (marked) {
			s->mark_end = pt->line;
			mark_person(s, pt, name_line);
		}
		pt->line++;
	}
	s->mark_follow = false;
}

/* The entry the mark belongs on, from the lines last drawn: mark_id's
 * while any of it is on the screen; else the first follow-up on the
 * screen, else the first entry starting on it, else the one filling it. */
static int choose_mark(const detail_state *s, const painter *pt)
{
	size_t n = s->log_at_n;
	for (size_t i = 0; s->mark_id && i < n; i++)
		if (s->log.v[i].id == s->mark_id && s->log_at[i + 1] > pt->skip && s->log_at[i] < pt->skip + pt->h)
			return (int)i;
	for (size_t i = 0; i < n; i++)
		if (s->log_fu[i] >= 0 && visible(pt, s->log_fu[i]))
			return (int)i;
	for (size_t i = 0; i < n; i++)
		if (visible(pt, s->log_at[i]))
			return (int)i;
	for (size_t i = 0; i < n; i++)
		if (s->log_at[i] <= pt->skip && s->log_at[i + 1] > pt->skip)
			return (int)i;
	return -1;
}

static void draw_log(detail_state *s, painter *pt)
{
	s->log_mark = -1;
	s->top_id = 0;
	s->anchor_line = -1;
	s->mark_redraw = false;
	s->log_at_n = 0;
	if (!s->log.n) {
		char none[128];
		empty_hint(s, "Nothing logged yet", PD_ACT_LOG, "to log a call, email or visit", none, sizeof none);
		text_line(pt, pd_theme_attr(pt->th, "dim"), none);
		return;
	}
	int *at = realloc(s->log_at, (s->log.n + 1) * sizeof *at);
	if (at)
		s->log_at = at;
	int *fu = at ? realloc(s->log_fu, (s->log.n + 1) * sizeof *fu) : NULL;
	if (fu)
		s->log_fu = fu;
	pd_db *db = pd_app_db(s->app);
	const pd_keymap *km = pd_app_keymap(s->app);
	char today[PD_DATE_LEN], edit[32] = "";
	pd_date_today(pd_db_now(db), today);
	pd_keymap_first(km, PD_ACT_EDIT_LOG, edit, sizeof edit);
	for (size_t i = 0; i < s->log.n; i++) {
		const pd_interaction *it = &s->log.v[i];
		bool mark = it->id == s->mark_id;
		int start = pt->line;
		char day[PD_DATE_LEN];
		pd_time_local_date(it->at, day);
		if (pt->line <= pt->skip) {
			s->top_id = it->id;
			s->top_off = pt->skip - pt->line;
		}
		if (it->id == s->anchor_id)
			s->anchor_line = pt->line;
		if (fu)
			s->log_at[i] = start;
		/* The way to change it, said where it is. A person since removed
		 * by the name the entry was logged with, marked so. */
		const char *who = it->contact_name ? it->contact_name : it->removed_contact;
		/* Sized to the channel's label, which the config may make as long
		 * as it likes: a fixed buffer cut it inside a character, and
		 * name_line shortens it to the screen on a character's edge. */
		const char *ch = it->channel ? it->channel : "";
		size_t head_size = sizeof day + strlen(ch) + sizeof "   with ";
		char *head = malloc(head_size), tail[64];
		if (head)
			snprintf(head, head_size, "%s  %s%s", day, ch, who ? " with " : "");
		snprintf(tail, sizeof tail, "%s%s%s", mark && edit[0] ? "   " : "", mark ? edit : "",
		         mark && edit[0] ? ": correct" : "");
		name_line(pt, A_BOLD, head ? head : day, who ? who : "",
		          who && !it->contact_name ? " (removed)  by " : "  by ", it->by ? it->by : "?", tail);
		free(head);
		para(pt, 2, it->text);
		if (fu)
			s->log_fu[i] = it->follow_up[0] ? pt->line : -1;
		if (it->follow_up[0]) {
			long d = pd_date_diff(today, it->follow_up);
			int a = it->done ? pd_theme_attr(pt->th, "dim") : d < 0 ? pd_theme_attr(pt->th, "overdue")
			      : d == 0 ? pd_theme_attr(pt->th, "due") : 0;
			char key[32] = "";
			if (mark)
				pd_keymap_describe(km, it->done ? PD_ACT_REOPEN : PD_ACT_DONE, key, sizeof key);
			fmt_line(pt, a, "  follow up %s%s%s%s%s", it->follow_up, it->done ? " (done)" : d < 0 ? " (overdue)" : "",
			         key[0] ? "   " : "", key, key[0] ? (it->done ? ": reopen" : ": mark done") : "");
		}
		/* > on the entry's first line on the screen: its header, or the
		 * top line while a long note is scrolled through. */
		int first = start > pt->skip ? start : pt->skip;
		if (mark && first < pt->line && visible(pt, first)) {
			s->log_mark = (int)i;
			mvwaddch(pt->w, screen_y(pt, first), 0, '>');
		}
		pt->line++;
	}
	if (!fu)
		return;
	s->log_at[s->log.n] = pt->line;
	s->log_at_n = s->log.n;
	/* Laid out at the place before a pending scroll to an entry: what
	 * shows here is not what will, and the mark is chosen once it is. */
	if (s->anchor_id && s->anchor_line >= 0 && pt->skip != s->anchor_line + s->anchor_off)
		return;
	int want = choose_mark(s, pt);
	if (want != s->log_mark) {
		s->mark_id = want >= 0 ? s->log.v[want].id : 0;
		s->mark_redraw = true;
	}
}

/* An ISO UTC time as local "YYYY-MM-DD HH:MM": several moves or edits on
 * one day are told apart and matched to a call. A stored time that is no
 * time is shown as it is rather than as nothing. */
static void local_minute(const char *iso, char out[PD_MINUTE_LEN])
{
	pd_time_local_minute(iso, out);
	if (!out[0])
		snprintf(out, PD_MINUTE_LEN, "%s", iso ? iso : "");
}

/* What an audit entry did, in words: "edited", "contact deleted". */
static void entry_what(const pd_audit_entry *e, char *out, size_t size)
{
	static const struct {
		const char *entity, *word;
	} things[] = {
		{"partner", ""}, {"contact", "contact "}, {"interaction", "log entry "},
		{"agreement", "agreement "}, {"fit", "fit "}, {"goal", "goal "},
		{"stage_history", "stage history "},
	};
	const char *thing = e->entity;
	for (size_t i = 0; i < sizeof things / sizeof *things; i++)
		if (strcmp(e->entity, things[i].entity) == 0)
			thing = things[i].word;
	const char *did = strcmp(e->action, "insert") == 0 ? "added"
	                : strcmp(e->action, "update") == 0 ? "edited"
	                : strcmp(e->action, "delete") == 0 ? "deleted"
	                /* a person a merge joined into the one kept */
	                : strcmp(e->action, "merge") == 0 && strcmp(e->entity, "contact") == 0 ? "joined"
	                : e->action;
	snprintf(out, size, "%s%s%s", thing, strcmp(thing, e->entity) == 0 ? " " : "", did);
}

/* A line of the History tab in look attr: whole on one line where it fits
 * the pane, else wrapped at its words (under its first two columns), not
 * cut: the end of such a line is what was done or by whom. */
__attribute__((format(printf, 3, 4)))
static void history_line(painter *pt, int attr, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (pd_draw_width(buf) <= pt->width) {
		text_line(pt, attr, buf);
		return;
	}
	size_t lead = strspn(buf, " ");
	wattrset(pt->w, attr);
	para(pt, (int)lead, buf + lead);
	wattrset(pt->w, A_NORMAL);
}

/* One changed field: a rename says what it was called; a merge names the
 * other partner (pd_merge_change_words); a short value
 * old -> new; long text (notes, a log entry) what it was, as a paragraph. */
static void draw_change(painter *pt, const pd_audit_entry *e, const pd_audit_change *c)
{
	const char *o = c->old_value ? c->old_value : "(none)", *n = c->new_value ? c->new_value : "(none)";
	char words[1024];   /* "merged in #ID" and a whole name, up to 800 bytes */
	if (pd_merge_change_words(e, c, words, sizeof words)) {
		if (words[0])   /* "" for the merged partner's name: its id's line says it */
			history_line(pt, 0, "  %s", words);
		return;
	}
	if (strcmp(c->field, "name") == 0 && c->old_value && c->new_value) {
		history_line(pt, 0, "  renamed from %s", o);
		return;
	}
	/* old -> new on one line only where the pane shows it whole (the
	 * detail beside the list is narrower than the screen): cut, the new
	 * value lost its end. */
	if (strlen(o) + strlen(n) <= 60 && !strchr(o, '\n') && !strchr(n, '\n') &&
	    4 + pd_draw_width(c->field) + pd_draw_width(o) + 4 + pd_draw_width(n) <= pt->width) {
		fmt_line(pt, 0, "  %s: %s -> %s", c->field, o, n);
		return;
	}
	fmt_line(pt, 0, "  %s was:", c->field);
	para(pt, 4, o);
	fmt_line(pt, 0, "  %s now:", c->field);
	para(pt, 4, n);
}

static void draw_history(detail_state *s, painter *pt)
{
	if (!s->history.n)
		text_line(pt, pd_theme_attr(pt->th, "dim"), "No stage history.");
	/* Newest first reads best on a screen. */
	for (size_t k = s->history.n; k-- > 0;) {
		const pd_move *m = &s->history.v[k];
		char when[PD_MINUTE_LEN];
		local_minute(m->at, when);
		if (m->from)
			history_line(pt, A_BOLD, "%s  %s -> %s  by %s", when, pd_view_stage_label(s->app, m->from),
			             pd_view_stage_label(s->app, m->to), m->by ? m->by : "?");
		else
			history_line(pt, A_BOLD, "%s  started at %s  by %s", when, pd_view_stage_label(s->app, m->to),
			             m->by ? m->by : "?");
		para(pt, 2, m->reason);
		if (m->review_date[0])
			history_line(pt, 0, "  review by %s", m->review_date);
		if (m->approved_by && *m->approved_by)
			history_line(pt, 0, "  approved by %s", m->approved_by);
		pt->line++;
	}
	/* The edits from the audit trail (the moves are above, with their
	 * reasons): who changed what, when, and what it was before. */
	bool heading = false;
	for (size_t i = 0; i < s->audit.n; i++) {
		const pd_audit_entry *e = &s->audit.v[i];
		if (strcmp(e->action, "move") == 0 || strcmp(e->entity, "stage_history") == 0)
			continue;
		if (!heading) {
			fmt_line(pt, A_BOLD | A_UNDERLINE, "%s", "Changes, newest first");
			heading = true;
		}
		char when[PD_MINUTE_LEN], what[64];
		local_minute(e->at, when);
		entry_what(e, what, sizeof what);
		history_line(pt, A_BOLD, "%s  %s  by %s", when, what, e->user);
		/* A person deleted or joined by a merge: who, and into whom,
		 * before the fields that went with the row. */
		bool gone = strcmp(e->entity, "contact") == 0 &&
		            (strcmp(e->action, "delete") == 0 || strcmp(e->action, "merge") == 0);
		if (!e->n_changes || gone) {
			char *detail = pd_time_local_in_text(e->detail);
			para(pt, 2, detail ? detail : e->detail);
			free(detail);
		}
		for (size_t k = 0; k < e->n_changes; k++)
			draw_change(pt, e, &e->changes[k]);
	}
	if (s->audit.n == AUDIT_SHOWN)
		text_line(pt, pd_theme_attr(pt->th, "dim"), "Older changes: partnerdesk show PARTNER --audit");
}

static void draw_agreement(detail_state *s, painter *pt)
{
	if (!s->agreements.n) {
		char none[128];
		empty_hint(s, "No agreement recorded", PD_ACT_AGREEMENT, "to record one", none, sizeof none);
		text_line(pt, pd_theme_attr(pt->th, "dim"), none);
		return;
	}
	for (size_t i = 0; i < s->agreements.n; i++) {
		const pd_agreement *a = &s->agreements.v[i];
		fmt_line(pt, A_BOLD, "%s  (%s)", a->title && *a->title ? a->title : "Agreement",
		         pd_view_stage_label(s->app, a->stage));
		if (a->start_date[0] || a->end_date[0]) {
			/* With their weekdays, as "review by" and the agenda say a
			 * date: "Mon 2026-01-05 to Fri 2026-06-26". */
			char from[32], to[32];
			snprintf(from, sizeof from, "%s%s%s", pd_date_weekday_abbr(a->start_date),
			         pd_date_weekday_abbr(a->start_date)[0] ? " " : "", a->start_date[0] ? a->start_date : "?");
			snprintf(to, sizeof to, "%s%s%s", pd_date_weekday_abbr(a->end_date),
			         pd_date_weekday_abbr(a->end_date)[0] ? " " : "", a->end_date[0] ? a->end_date : "open");
			fmt_line(pt, 0, "  %s to %s", from, to);
		}
		if (a->review_date[0]) {
			char when[96];
			const pd_db *desk = pd_app_db(s->app);
			date_words(a->review_date, desk ? pd_db_now(desk) : time(NULL), when, sizeof when);
			fmt_line(pt, 0, "  review by %s", when);
		}
		if (a->approved_by && *a->approved_by)
			fmt_line(pt, 0, "  approved by %s", a->approved_by);
		/* The library's side as the configured checklist: what is
		 * offered ticked, with its note; the rest shown unticked. */
		const pd_rules *r = pd_db_rules(pd_app_db(s->app));
		fmt_line(pt, pd_theme_attr(pt->th, "label"), "  The library offers");
		/* Which offers the checklist showed: an item offered twice, or one
		 * the config does not list, still gets a line of its own below. */
		bool *shown = calloc(a->n_offers ? a->n_offers : 1, sizeof *shown);
		for (size_t k = 0; r && k < r->library_offers.n; k++) {
			const pd_offer *o = NULL;
			for (size_t m = 0; m < a->n_offers && !o; m++)
				if (a->offers[m].side && strcmp(a->offers[m].side, "library") == 0 && a->offers[m].item &&
				    strcmp(a->offers[m].item, r->library_offers.v[k]) == 0 && !(shown && shown[m])) {
					o = &a->offers[m];
					if (shown)
						shown[m] = true;
				}
			if (o)
				fmt_line(pt, 0, "    [x] %s%s%s", o->item, o->note && *o->note ? ": " : "", o->note ? o->note : "");
			else
				fmt_line(pt, pd_theme_attr(pt->th, "dim"), "    [ ] %s", r->library_offers.v[k]);
		}
		for (int side = 0; side < 2; side++) {
			const char *want = side == 0 ? "library" : "partner";
			bool first = true;
			for (size_t k = 0; k < a->n_offers; k++) {
				const pd_offer *o = &a->offers[k];
				if (!o->side || strcmp(o->side, want) != 0)
					continue;
				if (shown && shown[k])
					continue;   /* ticked in the checklist above */
				if (first && side == 1)
					fmt_line(pt, pd_theme_attr(pt->th, "label"), "  The partner offers");
				first = false;
				fmt_line(pt, 0, "    %s%s%s%s", side == 0 ? "[x] " : "", o->item ? o->item : "",
				         o->note && *o->note ? ": " : "", o->note ? o->note : "");
			}
		}
		free(shown);
		para(pt, 2, a->notes);
		pt->line++;
	}
}

static void draw_fit(detail_state *s, painter *pt)
{
	pd_db *db = pd_app_db(s->app);
	const pd_rules *r = pd_db_rules(db);
	pd_fit_shown shown = pd_fit_show(&s->fit);
	fmt_line(pt, A_BOLD, "Fit: %d of %d (%zu of %zu questions scored)", shown.total, shown.max,
	         shown.scored, shown.rows);
	/* The keys as bound (keys: in the config); one bound to nothing is
	 * not offered. */
	const pd_keymap *km = pd_app_keymap(s->app);
	char fit[32], agree[32], keys[120] = "";
	pd_keymap_first(km, PD_ACT_FIT, fit, sizeof fit);
	pd_keymap_first(km, PD_ACT_AGREEMENT, agree, sizeof agree);
	if (fit[0])
		snprintf(keys, sizeof keys, "%s scores the questions", fit);
	if (agree[0]) {
		size_t o = strlen(keys);
		snprintf(keys + o, sizeof keys - o, "%s%s edits the agreement", o ? "; " : "", agree);
	}
	if (keys[0])
		fmt_line(pt, pd_theme_attr(pt->th, "dim"), "%s.", keys);
	pt->line++;
	for (size_t i = 0; i < shown.rows; i++) {
		const pd_fit_score *f = &s->fit.v[i];
		const char *q = f->criterion;
		for (size_t k = 0; r && k < r->n_criteria; k++) {
			if (f->criterion && strcmp(r->criteria[k].key, f->criterion) == 0)
				q = r->criteria[k].question;
		}
		char bar[8] = "---";
		for (int b = 0; b < 3 && b < f->score; b++)
			bar[b] = '#';
		if (f->score < 0)
			fmt_line(pt, pd_theme_attr(pt->th, "dim"), "[   ]  %s", q ? q : "");
		else
			fmt_line(pt, 0, "[%s] %d  %s", bar, f->score, q ? q : "");
		para(pt, 9, f->note);
	}
}

static void draw_tab(detail_state *s, painter *pt)
{
	switch (s->tab) {
	case T_OVERVIEW: draw_overview(s, pt); break;
	case T_CONTACTS: draw_contacts(s, pt); break;
	case T_LOG: draw_log(s, pt); break;
	case T_HISTORY: draw_history(s, pt); break;
	case T_AGREEMENT: draw_agreement(s, pt); break;
	case T_FIT: draw_fit(s, pt); break;
	}
}

static void detail_draw(pd_pane *p, WINDOW *w, bool focused)
{
	const pd_theme *th = pd_app_theme(p->app);
	detail_state *s = p->state;
	int rows = getmaxy(w), cols = getmaxx(w);
	if (!s->loaded)
		load(s);
	if (!s->partner) {
		wattrset(w, pd_theme_attr(th, "dim"));
		pd_draw_text(w, 1, 2, s->error[0] ? s->error : "No partner selected.", cols - 4, false);
		wattrset(w, A_NORMAL);
		return;
	}
	/* Name and stage, and the tabs under them, on blanks in the plain
	 * look as a pair (draw.c, "row.plain"; A_NORMAL without colour), and
	 * the gap between name and stage bold as they are: back from the
	 * stage's colour, and from each tab's, costs less than A_NORMAL. */
	int plain = pd_theme_attr(th, "row.plain");
	wattrset(w, plain);
	mvwhline(w, 0, 0, ' ', cols);
	mvwhline(w, 1, 0, ' ', cols);
	wattrset(w, A_BOLD);
	int used = pd_draw_text(w, 0, 1, s->partner->name, cols - 16, false);
	if (used + 3 < cols)
		mvwhline(w, 0, used + 1, ' ', 2);
	wattrset(w, pd_theme_stage_attr(th, s->partner->stage) | A_BOLD);
	pd_draw_fmt(w, 0, used + 3, cols - used - 4, false, "[%s]", pd_view_stage_label(s->app, s->partner->stage));
	wattrset(w, plain);
	/* Tabs, with their counts. Where the row is short the gaps between
	 * them go first (each keeps a blank either side), then the longest
	 * names are shortened one by one, and the counts go last of all: on
	 * a narrow window how many people and log entries there are still
	 * shows ("Log 12"; at 60 columns they always fit). */
	static const char *const short_names[T__COUNT] = {"Over.", "Cont.", "Log", "Hist.", "Agr.", "Fit"};
	static const int shorten[] = {T_AGREEMENT, T_OVERVIEW, T_HISTORY, T_CONTACTS};
	enum { N_SHORT = sizeof shorten / sizeof shorten[0] };
	char labels[T__COUNT][32];
	int gap = 1;
	for (int step = 0; step <= N_SHORT + 2; step++) {
		gap = step == 0;
		int n_short = step < 2 ? 0 : step - 1 > N_SHORT ? N_SHORT : step - 1;
		bool counts = step <= N_SHORT + 1;
		int tabs_w = 1;
		for (int t = 0; t < T__COUNT; t++) {
			const char *name = tab_names[t];
			for (int k = 0; k < n_short; k++)
				if (shorten[k] == t)
					name = short_names[t];
			size_t count = t == T_CONTACTS ? s->contacts.n : t == T_LOG ? s->log.n
			             : t == T_HISTORY ? s->history.n : t == T_AGREEMENT ? s->agreements.n : 0;
			if (count && counts)
				snprintf(labels[t], sizeof labels[t], " %s %zu ", name, count);
			else
				snprintf(labels[t], sizeof labels[t], " %s ", name);
			tabs_w += pd_draw_width(labels[t]) + gap;
		}
		if (tabs_w - gap <= cols)
			break;
	}
	int x = 1;
	for (int t = 0; t < T__COUNT; t++) {
		const char *label = labels[t];
		int a = t == s->tab ? pd_theme_attr(th, focused ? "tab.active" : "selected.unfocused") : pd_theme_attr(th, "tab");
		wattrset(w, a ? a : plain);
		x += pd_draw_text(w, 1, x, label, cols - x, false);
		wattrset(w, plain);
		x += gap;
		if (x >= cols)
			break;
	}
	wattrset(w, pd_theme_attr(th, "border"));
	pd_draw_hline(w, 2, 0, cols);
	wattrset(w, A_NORMAL);

	painter pt = {.w = w, .y0 = 3, .h = rows - 3, .x = 1, .width = cols - 2, .line = 0, .skip = s->scroll,
	              .th = pd_app_theme(s->app)};
	s->page = pt.h;
	draw_tab(s, &pt);
	int max = pt.line - pt.h > 0 ? pt.line - pt.h : 0;
	int want = s->scroll;
	if (s->anchor_id && s->tab == T_LOG && s->anchor_line >= 0)
		want = s->anchor_line + s->anchor_off;
	s->anchor_id = 0;
	if (s->tab == T_CONTACTS && s->mark_moved && s->contacts.n) {
		/* The marked person whole on the screen, their name line first. */
		if (s->mark_end > want + pt.h)
			want = s->mark_end - pt.h;
		if (s->mark_line < want)
			want = s->mark_line;
	}
	s->mark_moved = false;
	/* Scrolled past the end of a tab that grew shorter or a window that
	 * grew taller: its first lines would stay hidden, with no mark
	 * saying so. */
	if (want > max)
		want = max;
	/* Drawn again for a new place, or for the Log tab's mark, which can
	 * only be chosen once the lines are laid out (twice at most). */
	for (int again = 0; again < 2 && (want != s->scroll || (s->tab == T_LOG && s->mark_redraw)); again++) {
		s->scroll = want;
		for (int y = pt.y0; y < rows; y++) {
			wmove(w, y, 0);
			wclrtoeol(w);
		}
		pt.line = 0;
		pt.skip = s->scroll;
		draw_tab(s, &pt);
	}
	s->total = pt.line;
	/* Where the rule hands over to the tab, its first cell (the margin,
	 * unless a > mark is there) in the plain pair (draw.c, "row.plain"),
	 * as the header's blanks: back from the rule's colour costs the colour
	 * reset alone, not that and a full attribute reset. The tab's own
	 * text stays A_NORMAL: from bold to the pair costs a byte more than
	 * to A_NORMAL, on every label. */
	if (pt.h > 0 && (mvwinch(w, pt.y0, 0) & A_CHARTEXT) == ' ') {
		wattrset(w, plain);
		mvwaddch(w, pt.y0, 0, ' ');
		wattrset(w, A_NORMAL);
	}
	if ((s->error[0] || s->notice[0]) && pt.h > 0) {
		wattrset(w, pd_theme_attr(th, "error"));
		pd_draw_text(w, rows - 1, 1, s->error[0] ? s->error : s->notice, cols - 2, true);
		wattrset(w, A_NORMAL);
	}
	if (s->total > pt.h && pt.h > 0) {
		/* Where we are in a long tab. */
		char where[32];
		snprintf(where, sizeof where, " %d%% ", (s->scroll + pt.h) * 100 / s->total > 100 ? 100
		         : (s->scroll + pt.h) * 100 / s->total);
		wattrset(w, pd_theme_attr(th, "dim"));
		pd_draw_text(w, 2, cols - pd_draw_width(where) - 1, where, 8, false);
		wattrset(w, A_NORMAL);
	}
}

static void scroll_to(detail_state *s, int v)
{
	int max = s->total >= 0 ? s->total - s->page : PD_VIEW_SCROLL_END;
	if (v > max)
		v = max;
	if (v < 0)
		v = 0;
	s->scroll = v;
}

/* A key used in the wrong tab: where it works, and the keys that go
 * there as bound ("h/l", or what the config's keys: made them). */
static unsigned elsewhere(detail_state *s, const char *what)
{
	char tabs[72];
	pd_keymap_hint_keys(pd_app_keymap(s->app), PD_ACT_LEFT, PD_ACT_RIGHT, false, tabs, sizeof tabs);
	if (tabs[0])
		pd_app_status(s->app, "%s (%s to reach it)", what, tabs);
	else
		pd_app_status(s->app, "%s", what);
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

/* d and u in the Log tab: the follow-up marked > done or open again (the
 * agenda's d has no other way back once its row has gone). */
static unsigned set_done(detail_state *s, bool done)
{
	if (s->tab != T_LOG)
		return elsewhere(s, "follow-ups are marked done or reopened in the Log tab");
	char move[72];
	pd_keymap_hint_keys(pd_app_keymap(s->app), PD_ACT_DOWN, PD_ACT_UP, false, move, sizeof move);
	if (s->log_mark < 0 || (size_t)s->log_mark >= s->log.n) {
		pd_app_status(s->app, "no follow-up on the screen: scroll (%s) to one", move);
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	const pd_interaction *it = &s->log.v[s->log_mark];
	bool any = false;
	for (size_t i = 0; i < s->log.n && !any; i++)
		any = s->log.v[i].follow_up[0] != '\0';
	if (!any) {
		/* moving the mark would find none: say how to set one */
		char edit[80];
		pd_keymap_say(pd_app_keymap(s->app), PD_ACT_EDIT_LOG, "%s on an entry sets one",
		              "correcting an entry (bind 'edit-log' in keys:) sets one", edit, sizeof edit);
		pd_app_status(s->app, "no entry here has a follow-up: %s", edit);
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	if (!it->follow_up[0]) {
		pd_app_status(s->app, "the entry marked > has no follow-up: %s move the mark to one", move);
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	if (it->done == done) {
		pd_app_status(s->app, "the follow-up of %s is %s already", it->follow_up, done ? "done" : "open");
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	pd_error err = {0};
	if (!pd_interaction_set_done(pd_app_db(s->app), it->id, it->version, done, &err)) {
		pd_app_status(s->app, "%s", err.msg);
		return PD_PANE_HANDLED | PD_PANE_REDRAW | PD_PANE_RELOAD;
	}
	pd_app_status(s->app, "%s: follow-up of %s", done ? "done" : "reopened", it->follow_up);
	return PD_PANE_HANDLED | PD_PANE_REDRAW | PD_PANE_RELOAD;
}

/* Enter in the Contacts tab: the marked person in the edit form. */
static unsigned edit_person(detail_state *s)
{
	const char *ro = pd_app_readonly(s->app);
	char add[48];
	pd_keymap_say(pd_app_keymap(s->app), PD_ACT_ADD_CONTACT, ": press %s to add one", "", add, sizeof add);
	if (!s->contacts.n)
		pd_app_status(s->app, "no contact people yet%s", add);
	else if (ro)
		pd_app_status(s->app, "read-only: nothing can be added or changed here (%s)", ro);
	else
		pd_app_push(s->app, pd_form_contact_edit(s->app, s->contacts.v[s->contact_mark].id));
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

/* X: asks, naming the person and what becomes of their log entries; the
 * next key answers (y removes, any other keeps them). */
static unsigned ask_remove(detail_state *s)
{
	if (s->tab != T_CONTACTS)
		return elsewhere(s, "people are removed in the Contacts tab");
	if (!s->contacts.n) {
		pd_app_status(s->app, "no contact people to remove");
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	const pd_contact *c = &s->contacts.v[s->contact_mark];
	pd_error err = {0};
	long named = pd_contact_log_count(pd_app_db(s->app), c->id, &err);
	char log[96] = "";
	if (named > 0)
		snprintf(log, sizeof log, " (%ld log entr%s keep%s the name)", named, named == 1 ? "y" : "ies",
		         named == 1 ? "s" : "");
	s->remove_id = c->id;
	s->remove_version = c->version;
	/* Short enough for 80 columns: the partner is in the header above. */
	pd_app_status(s->app, "remove %s? y removes, other keys keep%s", c->name, log);
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

/* The key after X's question. */
static unsigned answer_remove(detail_state *s, const pd_event *ev)
{
	int64_t id = s->remove_id;
	s->remove_id = 0;
	const pd_contact *c = NULL;
	for (size_t i = 0; i < s->contacts.n; i++)
		if (s->contacts.v[i].id == id)
			c = &s->contacts.v[i];
	if (!c || !ev->is_char || ev->wch != L'y') {
		pd_app_status(s->app, "kept %s", c ? c->name : "them");
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	pd_error err = {0};
	if (!pd_contact_delete(pd_app_db(s->app), id, s->remove_version, &err)) {
		char by[200];
		if (err.code == PD_ERR_CONFLICT && pd_ui_changed_by(s->app, "contact", id, NULL, by, sizeof by, NULL))
			pd_app_status(s->app, "%s was changed by %s meanwhile: kept; look again before removing them",
			              c->name, by);
		else
			pd_app_status(s->app, "%s", err.msg);
	} else {
		pd_app_status(s->app, "removed %s from %s", c->name, s->partner->name);
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW | PD_PANE_RELOAD;
}

/* j/k, g/G and the page keys in the Contacts tab move the mark. */
static bool move_mark(detail_state *s, pd_action a)
{
	int n = (int)s->contacts.n, m = s->contact_mark;
	switch (a) {
	case PD_ACT_DOWN: m = m + 1 < n ? m + 1 : m; break;
	case PD_ACT_UP: m = m > 0 ? m - 1 : 0; break;
	case PD_ACT_TOP: m = 0; break;
	case PD_ACT_BOTTOM: m = n ? n - 1 : 0; break;
	case PD_ACT_PAGE_DOWN: case PD_ACT_PAGE_UP:
		s->mark_follow = true;
		return false;   /* the page scrolls, and the mark follows */
	default: return false;
	}
	if (m == s->contact_mark && (a == PD_ACT_DOWN || a == PD_ACT_UP))
		return false;   /* at either end: scroll the rest of their notes into view */
	s->contact_mark = m;
	if (m < n)   /* held now: a reload may come before the next draw */
		s->contact_mark_id = s->contacts.v[m].id;
	s->mark_moved = true;
	return true;
}

/* r in the Log tab: the log form on the entry marked >. */
static unsigned edit_entry(detail_state *s)
{
	if (s->tab != T_LOG)
		return elsewhere(s, "log entries are corrected in the Log tab");
	if (s->log_mark < 0 || (size_t)s->log_mark >= s->log.n) {
		char log[32];
		pd_keymap_first(pd_app_keymap(s->app), PD_ACT_LOG, log, sizeof log);
		pd_app_status(s->app, "no log entry marked%s%s%s", log[0] ? ": " : "", log, log[0] ? " logs one" : "");
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	}
	pd_app_push(s->app, pd_form_log_edit_create(s->app, s->log.v[s->log_mark].id, NULL));
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

/* j/k in the Log tab, over the lines last drawn: through the marked
 * entry while it goes on past the screen's edge, else the mark to the
 * next (previous) entry, scrolled into view. False when there is no
 * layout to go by (keys right after a change of tab): plain scrolling. */
static bool move_log_mark(detail_state *s, int dir)
{
	int m = s->log_mark, n = (int)s->log_at_n;
	if (s->tab != T_LOG || s->total < 0 || m < 0 || m >= n || s->log_at_n != s->log.n)
		return false;
	int page = s->page > 0 ? s->page : 1;
	/* an entry's last line is the one above the blank line after it */
#define LAST(i) (s->log_at[(i) + 1] - 2)
	if (dir > 0 && LAST(m) >= s->scroll + page) {
		scroll_to(s, s->scroll + 1);
	} else if (dir < 0 && s->log_at[m] < s->scroll) {
		scroll_to(s, s->scroll - 1);
	} else if (m + dir >= 0 && m + dir < n) {
		int k = m + dir;
		s->log_mark = k;
		s->mark_id = s->log.v[k].id;
		if (dir > 0 && LAST(k) >= s->scroll + page)
			scroll_to(s, s->log_at[k] < LAST(k) - page + 1 ? s->log_at[k] : LAST(k) - page + 1);
		else if (dir < 0 && s->log_at[k] < s->scroll)
			scroll_to(s, s->log_at[k] > LAST(k) - page + 1 ? s->log_at[k] : LAST(k) - page + 1);
	}
#undef LAST
	return true;
}

static unsigned detail_handle(pd_pane *p, const pd_event *ev)
{
	detail_state *s = p->state;
	int page = s->page > 1 ? s->page - 1 : 1;
	s->notice[0] = '\0';
	if (s->remove_id)
		return answer_remove(s, ev);
	if (s->tab == T_CONTACTS && move_mark(s, ev->action))
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	if ((ev->action == PD_ACT_DOWN || ev->action == PD_ACT_UP) && move_log_mark(s, ev->action == PD_ACT_DOWN ? 1 : -1))
		return PD_PANE_HANDLED | PD_PANE_REDRAW;
	if (ev->action == PD_ACT_PAGE_DOWN || ev->action == PD_ACT_PAGE_UP || ev->action == PD_ACT_TOP ||
	    ev->action == PD_ACT_BOTTOM || ev->action == PD_ACT_DOWN || ev->action == PD_ACT_UP)
		s->mark_id = 0;   /* the page moved, not the mark: it goes to what is shown */
	switch (ev->action) {
	case PD_ACT_DOWN: scroll_to(s, s->scroll + 1); break;
	case PD_ACT_UP: scroll_to(s, s->scroll - 1); break;
	case PD_ACT_PAGE_DOWN: scroll_to(s, s->scroll + page); break;
	case PD_ACT_PAGE_UP: scroll_to(s, s->scroll - page); break;
	case PD_ACT_TOP: scroll_to(s, 0); break;
	case PD_ACT_BOTTOM: scroll_to(s, PD_VIEW_SCROLL_END); break;
	case PD_ACT_LEFT: s->tab = (s->tab + T__COUNT - 1) % T__COUNT; s->scroll = 0; s->total = -1; break;
	case PD_ACT_RIGHT: s->tab = (s->tab + 1) % T__COUNT; s->scroll = 0; s->total = -1; break;
	case PD_ACT_OPEN:
		if (s->tab == T_CONTACTS)
			return edit_person(s);
		break;   /* already open */
	case PD_ACT_REMOVE_CONTACT: return ask_remove(s);
	case PD_ACT_LOG:
		/* c in the Contacts tab: the call is with the person marked >,
		 * as the agenda's c on a follow-up starts With at its person. */
		if (s->tab != T_CONTACTS || !s->contacts.n || !s->id)
			return PD_PANE_IGNORED;
		pd_app_push(s->app, pd_form_log_create_with(s->app, s->id, s->contacts.v[s->contact_mark].id));
		break;
	case PD_ACT_DONE:
	case PD_ACT_REOPEN: return set_done(s, ev->action == PD_ACT_DONE);
	case PD_ACT_EDIT_LOG: return edit_entry(s);
	default: return PD_PANE_IGNORED;
	}
	return PD_PANE_HANDLED | PD_PANE_REDRAW;
}

static void detail_reload(pd_pane *p)
{
	detail_state *s = p->state;
	s->loaded = false;
	s->total = -1;
	/* An entry asked for (the agenda's Enter) and not drawn yet stays
	 * the place to go: the top entry last drawn is where the view was
	 * before it was asked. Gone with the reload, the view stays put. */
	if (!s->anchor_id && s->tab == T_LOG && s->scroll > 0 && s->top_id) {
		s->anchor_id = s->top_id;
		s->anchor_off = s->top_off;
	}
}

static int64_t detail_selected(const pd_pane *p)
{
	const detail_state *s = p->state;
	return s->id;
}

static void detail_destroy(pd_pane *p)
{
	detail_state *s = p ? p->state : NULL;
	if (s) {
		unload(s);
		free(s->log_at);
		free(s->log_fu);
	}
	pd_view_pane_free(p);
}

/* The hint line's place: a tab whose keys act on the one marked >, while
 * there is one; an empty Contacts tab, the Agreement and Fit tabs, whose
 * text names the key that fills them, for that key to be kept; in the Log
 * tab "open" or "done" as the marked entry's follow-up is, for d and u,
 * which act on nothing else. Asked after the draw, which places the mark. */
static const char *detail_hint_place(const pd_pane *p)
{
	detail_state *s = p->state;
	if (!s->loaded)
		load(s);
	if (!s->partner)
		return NULL;
	if (s->tab == T_CONTACTS && s->contacts.n)
		return "people";
	/* Where the tab's text names the key that fills it (its empty line;
	 * the Fit tab's "F scores ...; A edits the agreement"). */
	if (s->tab == T_CONTACTS)
		return "nobody";
	if (s->tab == T_AGREEMENT)
		return "agreement";
	if (s->tab == T_FIT)
		return "fit agreement";
	if (s->tab == T_LOG && s->log_mark >= 0 && (size_t)s->log_mark < s->log.n) {
		const pd_interaction *it = &s->log.v[s->log_mark];
		return !it->follow_up[0] ? "log" : it->done ? "log done" : "log open";
	}
	return NULL;
}

static const pd_pane_ops detail_ops = {
	.name = "detail",
	.draw = detail_draw,
	.handle = detail_handle,
	.reload = detail_reload,
	.destroy = detail_destroy,
	.selected = detail_selected,
	.hint_place = detail_hint_place,
};

pd_pane *pd_view_detail_create(struct pd_app *app)
{
	pd_pane *p = pd_view_pane_create(app, &detail_ops, sizeof(detail_state));
	if (!p)
		return NULL;
	detail_state *s = p->state;
	s->app = app;
	s->log_mark = -1;
	s->total = -1;
	return p;
}
