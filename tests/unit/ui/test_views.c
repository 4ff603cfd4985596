/* The views against a real database, drawn on a curses screen bound to
 * /dev/null: the list pages through 500 partners a window at a time,
 * filters as you type, sorts, draws hostile names as placeholders; the
 * kanban counts per stage; the agenda marks a follow-up done and lists the
 * agreement's review and end dates, Enter opening its tab; the help
 * overlay lists the keys of the view it was opened from; the reports
 * view sizes a total of 100000 to fit; the detail's Log tab moves its
 * mark > to every entry. The few app
 * services the views use are stood in for here, so app.c is not linked. */
#include <curses.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <sqlite3.h>

#include "partnerdesk/config/config.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/keymap.h"
#include "../../../src/ui/meanwhile.h"
#include "../../../src/ui/views.h"
#include "tap.h"

struct pd_app {
	pd_db *db;
	pd_keymap *km;
	char status[256];
	int64_t opened;        /* pd_app_open_partner_tab's last partner and tab */
	char opened_tab[32];
	int64_t opened_person; /* pd_app_open_partner_person's last person */
	int64_t opened_entry;  /* pd_app_open_partner_entry's last log entry */
	int64_t edited;        /* pd_form_contact_edit's last contact */
	int64_t followed;      /* pd_app_follow's last partner */
};

struct pd_db *pd_app_db(struct pd_app *app)
{
	return app->db;
}

/* The filter's cursor: nothing to show it on here. */
void pd_app_show_cursor(struct pd_app *app)
{
	(void)app;
}

/* No theme: the monochrome look. */
const struct pd_theme *pd_app_theme(struct pd_app *app)
{
	return NULL;
}

const struct pd_keymap *pd_app_keymap(struct pd_app *app)
{
	return app->km;
}

void pd_app_status(struct pd_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->status, sizeof app->status, fmt, ap);
	va_end(ap);
}

void pd_app_open_partner_tab(struct pd_app *app, int64_t id, const char *tab)
{
	app->opened = id;
	snprintf(app->opened_tab, sizeof app->opened_tab, "%s", tab ? tab : "");
}

/* Enter on a filtered list: the partner and the person to mark. */
void pd_app_open_partner_person(struct pd_app *app, int64_t id, int64_t contact_id)
{
	app->opened = id;
	app->opened_tab[0] = '\0';
	app->opened_person = contact_id;
}

/* Enter on a follow-up in the agenda: the partner and the entry to mark. */
void pd_app_open_partner_entry(struct pd_app *app, int64_t id, int64_t interaction_id)
{
	app->opened = id;
	snprintf(app->opened_tab, sizeof app->opened_tab, "Log");
	app->opened_entry = interaction_id;
}

/* The Contacts tab's Enter: which person the form would edit. */
pd_pane *pd_form_contact_edit(struct pd_app *app, int64_t contact_id)
{
	app->edited = contact_id;
	return NULL;
}

const char *pd_app_readonly(struct pd_app *app)
{
	(void)app;
	return NULL;
}

bool pd_ui_changed_by(struct pd_app *app, const char *entity, int64_t id, const char *since,
                      char *out, size_t len, bool *moved)
{
	(void)app, (void)entity, (void)id, (void)since, (void)moved;
	snprintf(out, len, "a colleague");
	return true;
}

void pd_app_follow(struct pd_app *app, int64_t id)
{
	app->followed = id;
}

/* r's log form: which entry it was asked to open (no form is made here). */
static int64_t edit_asked;

pd_pane *pd_form_log_edit_create(struct pd_app *app, int64_t interaction_id, const char *field)
{
	(void)app;
	(void)field;
	edit_asked = interaction_id;
	return NULL;
}

/* c's log form: for whom, and the person With starts at. */
static int64_t log_asked_partner, log_asked_person = -1;

pd_pane *pd_form_log_create_with(struct pd_app *app, int64_t partner_id, int64_t contact_id)
{
	(void)app;
	log_asked_partner = partner_id;
	log_asked_person = contact_id;
	return NULL;
}

/* The agenda's e on a stage review, A on an agreement's date: no form is made here. */
pd_pane *pd_form_partner_edit_at(struct pd_app *app, int64_t partner_id, const char *field)
{
	(void)app, (void)partner_id, (void)field;
	return NULL;
}

pd_pane *pd_form_agreement_edit_at(struct pd_app *app, int64_t partner_id, const char *field)
{
	(void)app, (void)partner_id, (void)field;
	return NULL;
}

void pd_app_push(struct pd_app *app, pd_pane *modal)
{
	(void)app;
	if (modal)
		modal->ops->destroy(modal);
}

/* A screen row as UTF-8, trailing spaces cut. */
static const char *row(WINDOW *w, int y)
{
	static char out[1024];
	wchar_t wbuf[512];
	int cols = getmaxx(w);
	memset(wbuf, 0, sizeof wbuf);
	mvwinnwstr(w, y, 0, wbuf, cols < 511 ? cols : 511);
	size_t n = wcstombs(out, wbuf, sizeof out - 1);
	if (n == (size_t)-1)
		n = 0;
	out[n] = '\0';
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
	return out;
}

static bool screen_has(WINDOW *w, const char *text)
{
	for (int y = 0; y < getmaxy(w); y++)
		if (strstr(row(w, y), text))
			return true;
	return false;
}

static void draw(pd_pane *p, WINDOW *w)
{
	werase(w);
	p->ops->draw(p, w, true);
}

static unsigned act(pd_pane *p, pd_action a)
{
	pd_event ev = {.action = a};
	return p->ops->handle(p, &ev);
}

static unsigned type(pd_pane *p, const char *s)
{
	unsigned f = 0;
	for (; *s; s++) {
		pd_event ev = {.action = PD_ACT_NONE, .key = *s, .wch = (wint_t)*s, .is_char = true};
		f |= p->ops->handle(p, &ev);
	}
	return f;
}

static int64_t add_partner(pd_db *db, const char *name, const char *stage)
{
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	p->kind = strdup("museum");
	if (stage)
		p->stage = strdup(stage);
	pd_error err = {0};
	int64_t id = pd_partner_insert(db, p, &err) ? p->id : 0;
	if (!id)
		printf("# insert %s: %s\n", name, err.msg);
	pd_partner_destroy(p);
	return id;
}

static void test_list(struct pd_app *app, WINDOW *w)
{
	pd_pane *list = pd_view_list_create(app);
	ok(list != NULL, "the list view is made");
	draw(list, w);
	ok(strstr(row(w, 0), "Name") != NULL, "a header row: %s", row(w, 0));
	ok(strstr(row(w, 1), "Evil") != NULL, "sorted by name: E first: %s", row(w, 1));
	ok(strstr(row(w, 2), "Partner 000") != NULL, "then the partners in order: %s", row(w, 2));
	ok(strstr(row(w, getmaxy(w) - 1), "1/502") != NULL, "the count of all: %s", row(w, getmaxy(w) - 1));

	act(list, PD_ACT_PAGE_DOWN);
	draw(list, w);
	int page = getmaxy(w) - 2;
	char want[64];
	snprintf(want, sizeof want, "%d/502", page + 1);
	ok(strstr(row(w, getmaxy(w) - 1), want) != NULL, "a page down moves a page: %s", row(w, getmaxy(w) - 1));

	act(list, PD_ACT_BOTTOM);
	draw(list, w);
	ok(screen_has(w, "502/502"), "G goes to the last");
	ok(strstr(row(w, getmaxy(w) - 2), "Zz Engaged") != NULL, "the last row is on screen: %s", row(w, getmaxy(w) - 2));
	ok(strstr(row(w, getmaxy(w) - 3), "Partner 499") != NULL, "after the one before: %s", row(w, getmaxy(w) - 3));
	act(list, PD_ACT_TOP);
	draw(list, w);
	ok(strstr(row(w, 1), "Evil") != NULL, "g back to the top");

	/* Filter as you type: every key narrows the list at once. */
	ok(act(list, PD_ACT_FILTER) & PD_PANE_HANDLED, "/ starts the filter");
	type(list, "partner 01");
	draw(list, w);
	/* The model matches each word: "01" is in 010-019 and in x01. */
	ok(screen_has(w, "1/15"), "'partner 01' leaves 15: %s", row(w, getmaxy(w) - 1));
	ok(screen_has(w, "/partner 01"), "the filter is shown");
	type(list, "7");
	draw(list, w);
	ok(screen_has(w, "1/1"), "'partner 017' leaves one");
	int64_t found = list->ops->selected(list);
	ok(found != 0, "and selects it");
	act(list, PD_ACT_CANCEL);
	draw(list, w);
	ok(screen_has(w, "/502"), "Esc clears the filter: %s", row(w, getmaxy(w) - 1));
	ok(list->ops->selected(list) == found, "the partner it found stays selected: %s", row(w, getmaxy(w) - 1));
	act(list, PD_ACT_TOP);

	/* Typing a letter bound to an action goes to the filter, not the action. */
	act(list, PD_ACT_FILTER);
	pd_event q = {.action = PD_ACT_QUIT, .key = 'q', .wch = L'q', .is_char = true};
	unsigned f = list->ops->handle(list, &q);
	ok((f & PD_PANE_HANDLED) && !(f & PD_PANE_QUIT), "q in the filter is text");
	draw(list, w);
	ok(screen_has(w, "/q"), "and shows");
	/* Backspace in the filter takes what the reader sees as one
	 * character: a skin tone with its emoji, a w with its circumflex. */
	static const wint_t typed[] = {L'w', 0x302, 0x1F44D, 0x1F3FD};
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		pd_event c = {.key = (int)typed[i], .wch = typed[i], .is_char = true};
		list->ops->handle(list, &c);
	}
	pd_event bs = {.key = KEY_BACKSPACE};
	list->ops->handle(list, &bs);
	draw(list, w);
	const char *bottom = row(w, getmaxy(w) - 1);
	ok(strncmp(bottom, "/qw\xcc\x82 ", 6) == 0, "Backspace takes the thumbs up with its skin tone: %s", bottom ? bottom : "(none)");
	list->ops->handle(list, &bs);
	draw(list, w);
	bottom = row(w, getmaxy(w) - 1);
	ok(strncmp(bottom, "/q ", 3) == 0, "and then the w with its mark, no stray w: %s", bottom);
	pd_event enter = {.action = PD_ACT_OPEN, .key = '\r'};
	list->ops->handle(list, &enter);
	ok(act(list, PD_ACT_CANCEL) & PD_PANE_HANDLED, "Esc after Enter still clears a kept filter");

	act(list, PD_ACT_SORT);
	draw(list, w);
	streq(app->status, "sorted by stage", "s sorts by stage");
	ok(screen_has(w, "Stage \xe2\x96\xbe"), "the header marks the sort");
	act(list, PD_ACT_BOTTOM);
	draw(list, w);
	ok(strstr(row(w, getmaxy(w) - 2), "Zz Engaged") != NULL, "engagement comes after glance: %s", row(w, getmaxy(w) - 2));
	act(list, PD_ACT_SORT);
	act(list, PD_ACT_SORT);
	act(list, PD_ACT_SORT);
	streq(app->status, "sorted by name", "s goes round to name");
	list->ops->destroy(list);
}

/* A partner last heard from 200 days ago is flagged; one from last week
 * is not. */
/* Wide windows give the kind column its longest value before the name
 * takes the rest; narrow ones keep the name wide. */
/* The first row showing text (0 if none). */
static int find_row(WINDOW *w, const char *text)
{
	for (int y = 0; y < getmaxy(w); y++)
		if (strstr(row(w, y), text))
			return y;
	return 0;
}

static void test_columns(struct pd_app *app)
{
	pd_partner *p = pd_partner_create();
	p->name = strdup("Aaa County Department of Social Services");
	p->kind = strdup("government agency");
	pd_error err = {0};
	ok(pd_partner_insert(app->db, p, &err), "a government agency");
	pd_partner_destroy(p);
	pd_pane *list = pd_view_list_create(app);
	WINDOW *wide = newwin(10, 200, 0, 0);
	draw(list, wide);
	int y = find_row(wide, "Aaa County");
	ok(strstr(row(wide, y), "government agency ") != NULL, "at 200 columns the kind is whole: %s", row(wide, y));
	ok(strstr(row(wide, y), "Aaa County Department of Social Services ") != NULL, "and the name: %s", row(wide, y));
	const char *h = row(wide, 0);
	const char *k = strstr(h, "Kind"), *st = strstr(h, "Stage");
	ok(k && st && st - k <= 26, "the name takes the slack, not the kind: %s", h);
	delwin(wide);
	WINDOW *narrow = newwin(10, 80, 0, 0);
	draw(list, narrow);
	y = find_row(narrow, "Aaa County");
	ok(strstr(row(narrow, y), "Aaa County Department of Social") != NULL, "at 80 the name keeps its room: %s",
		row(narrow, y));
	ok(strstr(row(narrow, y), "government") != NULL, "and the kind shows its start: %s", row(narrow, y));
	delwin(narrow);
	list->ops->destroy(list);
}

/* Ages count local calendar days, in the user's time zone: a call made
 * yesterday evening is "1d" this morning, not "today", and staleness turns
 * at a midnight, not at the hour of the last call. */
static void test_ages(struct pd_app *app)
{
	const char *tz = getenv("TZ");
	char *saved = tz ? strdup(tz) : NULL;
	setenv("TZ", "Europe/London", 1);
	tzset();
	time_t now = 0;
	pd_time_parse("2026-11-27T09:00:00Z", &now);   /* Friday 09:00 GMT */
	pd_db_set_now(app->db, now);
	char age[16];
	pd_view_age("2026-11-26T17:00:00Z", (long)now, age, sizeof age);
	ok(strcmp(age, "1d") == 0, "a call yesterday at 17:00 is 1d at 09:00 today: %s", age);
	pd_view_age("2026-11-27T00:10:00Z", (long)now, age, sizeof age);
	ok(strcmp(age, "today") == 0, "one just after midnight is today: %s", age);
	pd_view_age("2026-10-27T17:00:00Z", (long)now, age, sizeof age);
	ok(strcmp(age, "31d") == 0, "27 Oct to 27 Nov is 31d: %s", age);
	ok(pd_view_days_since("2026-11-26T23:30:00Z", (long)now) == 1, "23:30 last night is a day ago");
	/* 28 Aug 17:00 BST is 91 calendar days before 27 Nov, though only
	 * 90 days and 16 hours: past the default 90. */
	ok(pd_view_is_stale(app, "glance", "2026-08-28T16:00:00Z", "2026-01-01T00:00:00Z"),
	   "91 calendar days quiet is stale (stale_days 90)");
	ok(!pd_view_is_stale(app, "glance", "2026-08-29T08:00:00Z", "2026-01-01T00:00:00Z"),
	   "90 calendar days quiet is not");

	setenv("TZ", "America/New_York", 1);
	tzset();
	pd_time_parse("2026-11-27T14:00:00Z", &now);   /* 09:00 EST */
	pd_db_set_now(app->db, now);
	pd_view_age("2026-11-27T04:30:00Z", (long)now, age, sizeof age);
	ok(strcmp(age, "1d") == 0, "New York: 23:30 last night is 1d at 09:00: %s", age);
	pd_view_age("2026-03-09T03:30:00Z", (long)now, age, sizeof age);
	ok(strcmp(age, "8mo") == 0, "New York: months still read as months: %s", age);

	pd_db_set_now(app->db, 0);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

static void test_stale(struct pd_app *app, WINDOW *w)
{
	int64_t quiet = add_partner(app->db, "Aa Quiet Museum", NULL);
	int64_t busy = add_partner(app->db, "Ab Busy Museum", NULL);
	pd_error err = {0};
	time_t now = pd_db_now(app->db);
	for (int i = 0; i < 2; i++) {
		pd_interaction it = {0};
		it.partner_id = i == 0 ? quiet : busy;
		it.channel = strdup("email");
		it.text = strdup("hello");
		pd_time_format(now - (i == 0 ? 200 : 7) * 86400L, it.at);
		ok(pd_interaction_insert(app->db, &it, &err), "logged: %s", err.msg);
		pd_interaction_finish(&it);
	}
	/* Never contacted: quiet since it was added, as the attention report
	 * counts it. */
	pd_db_set_now(app->db, now - 200 * 86400L);
	add_partner(app->db, "Ac Old Never Museum", NULL);
	pd_db_set_now(app->db, 0);
	add_partner(app->db, "Ad New Never Museum", NULL);
	pd_pane *list = pd_view_list_create(app);
	draw(list, w);
	ok(strncmp(row(w, 3), "!Ac Old Never Museum", 20) == 0, "never contacted, added 200 days ago: flagged: %s",
	   row(w, 3));
	ok(strstr(row(w, 3), "never") != NULL, "and its last contact still reads never");
	ok(strncmp(row(w, 4), " Ad New Never Museum", 20) == 0, "never contacted, added today: not flagged: %s",
	   row(w, 4));
	ok(strncmp(row(w, 1), "!Aa Quiet Museum", 16) == 0, "the quiet one is flagged: %s", row(w, 1));
	ok(strstr(row(w, 1), "6mo") != NULL, "its last contact reads 6mo");
	ok(strncmp(row(w, 2), " Ab Busy Museum", 15) == 0, "the busy one is not: %s", row(w, 2));
	ok(strstr(row(w, 2), "7d") != NULL, "its last contact reads 7d");
	list->ops->destroy(list);
}

static void test_hostile(struct pd_app *app, WINDOW *w)
{
	pd_pane *list = pd_view_list_create(app);
	act(list, PD_ACT_FILTER);
	type(list, "Evil");
	draw(list, w);
	ok(screen_has(w, "Evil^[]0;pwned^GName"), "an escape sequence in a name is drawn as placeholders");
	list->ops->destroy(list);
}

static void test_kanban(struct pd_app *app, WINDOW *w)
{
	pd_pane *k = pd_view_kanban_create(app);
	draw(k, w);
	ok(strstr(row(w, 0), "Glance (501)") != NULL, "the glance column counts 501: %s", row(w, 0));
	ok(strstr(row(w, 0), "Engagement (1)") != NULL, "the engagement column counts 1");
	act(k, PD_ACT_RIGHT);
	act(k, PD_ACT_RIGHT);
	int64_t id = k->ops->selected(k);
	ok(id != 0, "l l selects the engagement card");
	act(k, PD_ACT_LEFT);
	ok(k->ops->selected(k) == 0, "the date column is empty: nothing selected");
	k->ops->destroy(k);

	/* Keys may come before the first draw (a batch: "2 l l"). */
	k = pd_view_kanban_create(app);
	act(k, PD_ACT_RIGHT);
	act(k, PD_ACT_RIGHT);
	ok(k->ops->selected(k) == id, "l l before any draw reaches the engagement column");
	k->ops->destroy(k);
}

static void test_agenda(struct pd_app *app, WINDOW *w, int64_t pid)
{
	pd_interaction it = {0};
	it.partner_id = pid;
	it.channel = strdup("phone");
	/* A lone CR ends its first line (a note from an old Mac's file). */
	it.text = strdup("Call back about the summer reading kickoff\rShe is out until Monday");
	pd_error err = {0};
	char today[PD_DATE_LEN];
	pd_date_today(pd_db_now(app->db), today);
	pd_date_add_days(today, -3, it.follow_up);
	ok(pd_interaction_insert(app->db, &it, &err), "a follow-up three days late: %s", err.msg);
	int64_t late = it.id;
	pd_interaction_finish(&it);

	pd_pane *a = pd_view_agenda_create(app);
	draw(a, w);
	ok(screen_has(w, "Overdue (1)"), "the agenda groups it as overdue");
	ok(screen_has(w, "3d late"), "three days late");
	ok(screen_has(w, "summer reading kickoff") && !screen_has(w, "^M") && !screen_has(w, "She is out"),
	   "its row is the note's first line, ended by the lone CR");
	ok(a->ops->selected(a) == pid, "its partner is selected");
	/* The row shows the note's first line only: Enter opens the rest. */
	app->opened = app->opened_entry = 0;
	ok((act(a, PD_ACT_OPEN) & PD_PANE_HANDLED) && app->opened == pid && app->opened_entry == late &&
	   strcmp(app->opened_tab, "Log") == 0,
	   "Enter opens the partner at the note in its Log tab (%lld, %lld, '%s')", (long long)app->opened,
	   (long long)app->opened_entry, app->opened_tab);
	unsigned f = act(a, PD_ACT_DONE);
	ok(f & PD_PANE_RELOAD, "d marks it done and asks for a reload: %s", app->status);
	a->ops->reload(a);
	draw(a, w);
	ok(!screen_has(w, "Overdue"), "and it is gone");
	a->ops->destroy(a);

	/* A note that begins with the person's name is not led by it again
	 * ("Gabriela Ríos: Gabriela Ríos asked..."); one that does not is. */
	pd_contact *c = pd_contact_create();
	c->partner_id = pid;
	c->name = strdup("Gabriela Ríos");
	ok(pd_contact_insert(app->db, c, &err), "a person: %s", err.msg);
	int64_t her = c->id;
	/* The third begins with another person's name, hers joined by a
	 * hyphen to more ("Gabriela Ríos-Vega" is her sister-in-law). */
	const char *texts[] = {"Gabriela Ríos asked about the stall", "Asked for the flyers",
	                       "Gabriela Ríos-Vega will bring the chairs"};
	int64_t ids[3] = {0}, versions[3] = {0};
	for (size_t i = 0; i < 3; i++) {
		pd_interaction g = {0};
		g.partner_id = pid;
		g.contact_id = c->id;
		g.channel = strdup("phone");
		g.text = strdup(texts[i]);
		pd_date_add_days(today, -1 - (long)i, g.follow_up);
		snprintf(g.uid, sizeof g.uid, "agenda-name-%zu", i);
		ok(pd_interaction_insert(app->db, &g, &err), "a follow-up with her: %s", err.msg);
		ids[i] = g.id;
		versions[i] = g.version;
		pd_interaction_finish(&g);
	}
	pd_contact_destroy(c);
	a = pd_view_agenda_create(app);
	draw(a, w);
	ok(screen_has(w, "Gabriela Ríos asked about") && !screen_has(w, "Ríos: Gabriela Ríos asked"),
	   "a note that names her first is not led by her name again");
	ok(screen_has(w, "Gabriela Ríos: Asked for the flyers"), "one that does not is led by it");
	ok(screen_has(w, "Gabriela Ríos: Gabriela Ríos-Vega will"),
	   "one that begins with a longer hyphenated name is another person's: led by hers");
	/* c on her follow-up: the log form is asked with her in With. */
	f = act(a, PD_ACT_LOG);
	ok((f & PD_PANE_HANDLED) && log_asked_partner == pid && log_asked_person == her,
	   "c on a follow-up asks the log form with its person (%lld, want %lld)", (long long)log_asked_person,
	   (long long)her);
	a->ops->destroy(a);
	for (size_t i = 0; i < 3; i++)   /* the agenda empty again for the tests after */
		ok(pd_interaction_set_done(app->db, ids[i], versions[i], true, &err), "done: %s", err.msg);
}

/* The agenda's groups are calendar weeks (Monday to Sunday): on Friday
 * 27 Nov, Saturday is "This week", next Monday and Thursday "Next week"
 * (a rolling seven days had them as this week), the Monday after "Later".
 * On its own database with the clock pinned. */
static void test_agenda_week(struct pd_app *app, WINDOW *w)
{
	const char *tz = getenv("TZ");
	char *saved = tz ? strdup(tz) : NULL;
	setenv("TZ", "Europe/London", 1);
	tzset();
	char path[] = "/tmp/pd-test-week-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	pd_error err = {0};
	pd_db *own = app->db;
	app->db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	ok(app->db != NULL, "a database for the week: %s", err.msg);
	if (!app->db) {
		app->db = own;
		free(saved);
		return;
	}
	time_t fri = 0;
	pd_time_parse("2026-11-27T09:00:00Z", &fri);   /* Friday 09:00 GMT */
	pd_db_set_now(app->db, fri);
	static const struct { const char *name, *date; } due[] = {
		{"Today Gallery", "2026-11-27"},
		{"Saturday Library", "2026-11-28"},
		{"Sunday Zoo", "2026-11-29"},
		{"Month End Zoo", "2026-11-30"},
		{"Thursday School", "2026-12-03"},
		{"Next Sunday Garden", "2026-12-06"},
		{"After Next Museum", "2026-12-07"},
	};
	for (size_t i = 0; i < sizeof due / sizeof due[0]; i++) {
		pd_interaction it = {0};
		it.partner_id = add_partner(app->db, due[i].name, NULL);
		it.channel = strdup("phone");
		it.text = strdup("call back");
		snprintf(it.follow_up, sizeof it.follow_up, "%s", due[i].date);
		ok(pd_interaction_insert(app->db, &it, &err), "follow-up %s: %s", due[i].date, err.msg);
		pd_interaction_finish(&it);
	}
	pd_pane *a = pd_view_agenda_create(app);
	draw(a, w);
	ok(screen_has(w, "Today (1)"), "Friday: today's one");
	ok(screen_has(w, "This week (2)"), "this week is Saturday and Sunday");
	ok(screen_has(w, "Next week (3)"), "next week is Monday to Sunday");
	ok(screen_has(w, "Later (1)"), "the Monday after is later");
	int y_week = -1, y_next = -1, y_thu = -1;
	for (int y = 0; y < getmaxy(w); y++) {
		if (strstr(row(w, y), "This week"))
			y_week = y;
		if (strstr(row(w, y), "Next week"))
			y_next = y;
		if (strstr(row(w, y), "Thursday School"))
			y_thu = y;
	}
	ok(y_week >= 0 && y_next > y_week && y_thu > y_next, "next Thursday is under Next week, not This week");
	a->ops->destroy(a);

	/* On a Sunday this week is over: all of the coming week is next week. */
	time_t sun = 0;
	pd_time_parse("2026-11-29T12:00:00Z", &sun);
	pd_db_set_now(app->db, sun);
	a = pd_view_agenda_create(app);
	draw(a, w);
	ok(screen_has(w, "Today (1)") && !screen_has(w, "This week"), "Sunday: today, and no rest of the week");
	ok(screen_has(w, "Next week (3)") && screen_has(w, "Later (1)"),
	   "Sunday: Monday to next Sunday is next week, the Monday after later");
	a->ops->destroy(a);

	pd_db_close(app->db);
	app->db = own;
	unlink(path);
	char side[sizeof path + 8];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

static void test_help(struct pd_app *app, WINDOW *w)
{
	pd_pane *h = pd_help_create(app, "list");
	draw(h, w);
	ok(screen_has(w, "The three things people do most"), "the help opens on the three things people do most");
	ok(screen_has(w, "find a partner") && screen_has(w, "move a stage") && screen_has(w, "log a call"),
	   "finding a partner, moving a stage, logging a call");
	/* The full key list follows the opening: page down to the filter. */
	int seen_filter = 0, seen_done = 0;
	for (int i = 0; i < 10; i++) {
		seen_filter |= screen_has(w, "Enter keeps the filter");
		seen_done |= screen_has(w, "mark the selected follow-up done");
		act(h, PD_ACT_PAGE_DOWN);
		draw(h, w);
	}
	ok(seen_filter, "the list's help has the filter");
	ok(!seen_done, "but not the agenda's d");
	ok(act(h, PD_ACT_QUIT) & PD_PANE_CLOSE, "q closes it");
	h->ops->destroy(h);
	h = pd_help_create(app, "agenda");
	draw(h, w);
	int found = 0;
	for (int i = 0; i < 10 && !found; i++) {
		found = screen_has(w, "mark the selected follow-up done");
		act(h, PD_ACT_PAGE_DOWN);
		draw(h, w);
	}
	ok(found, "the agenda's help has d");
	h->ops->destroy(h);
}

/* The detail's overview says the last contact's age in words: "(today)",
 * "(yesterday)", "(3d ago)", where the list keeps its compact "1d". */
static void test_detail_age(struct pd_app *app, WINDOW *w)
{
	const char *tz = getenv("TZ");
	char *saved = tz ? strdup(tz) : NULL;
	setenv("TZ", "Europe/London", 1);
	tzset();
	time_t now = 0;
	pd_time_parse("2026-11-27T09:00:00Z", &now);   /* Friday 09:00 GMT */
	pd_db_set_now(app->db, now);
	int64_t pid = add_partner(app->db, "Ac Ages Museum", NULL);
	static const struct {
		const char *at, *want;
	} calls[] = {
		{"2026-11-24T12:00:00Z", "Last contact 2026-11-24 (3d ago)"},
		{"2026-11-26T17:00:00Z", "Last contact 2026-11-26 (yesterday)"},
		{"2026-11-27T00:10:00Z", "Last contact 2026-11-27 (today)"},
	};
	for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
		pd_error err = {0};
		pd_interaction it = {0};
		it.partner_id = pid;
		it.channel = strdup("phone");
		it.text = strdup("a call");
		snprintf(it.at, sizeof it.at, "%s", calls[i].at);
		ok(pd_interaction_insert(app->db, &it, &err), "a call at %s: %s", calls[i].at, err.msg);
		pd_interaction_finish(&it);
		pd_pane *d = pd_view_detail_create(app);
		pd_view_detail_show(d, pid);
		draw(d, w);
		ok(screen_has(w, calls[i].want), "the detail says \"%s\"", calls[i].want);
		d->ops->destroy(d);
	}
	char age[16];
	pd_view_age("2026-11-26T17:00:00Z", (long)now, age, sizeof age);
	ok(strcmp(age, "1d") == 0, "the list's column stays compact: %s", age);
	pd_view_age_words("", (long)now, age, sizeof age);
	ok(strcmp(age, "never") == 0, "no contact is never: %s", age);

	pd_db_set_now(app->db, 0);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

/* The screen row marked > in column 0 ("" when none). */
static const char *marked_row(WINDOW *w)
{
	for (int y = 0; y < getmaxy(w); y++)
		if (row(w, y)[0] == '>')
			return row(w, y);
	return "";
}

static int64_t log_at(pd_db *db, int64_t pid, int days_ago, const char *channel, const char *text,
                      const char *follow_up)
{
	pd_interaction it = {.partner_id = pid};
	pd_error err = {0};
	pd_time_format(time(NULL) - days_ago * 86400L, it.at);
	it.channel = strdup(channel);
	it.text = strdup(text);
	snprintf(it.follow_up, sizeof it.follow_up, "%s", follow_up ? follow_up : "");
	ok(pd_interaction_insert(db, &it, &err), "logged %s: %s", channel, err.msg);
	int64_t id = it.id;
	pd_interaction_finish(&it);
	return id;
}

/* The Log tab's mark > reaches every entry: j/k move it from entry to
 * entry, through a note longer than the screen a line at a time (the mark
 * on its first line shown); r asks for the log form on the marked entry;
 * d on an entry with no follow-up says so. */
static void test_detail_log_mark(struct pd_app *app, WINDOW *w)
{
	int64_t pid = add_partner(app->db, "Log Marked", NULL);
	char fu[PD_DATE_LEN];
	pd_date_parse("+3d", time(NULL), fu, NULL);
	int64_t oldest = log_at(app->db, pid, 3, "phone", "Oldest, with a follow-up", fu);
	char long_note[1024] = "";
	for (int i = 0; i < 30; i++)
		snprintf(long_note + strlen(long_note), sizeof long_note - strlen(long_note), "%sReport line %d.",
		         i ? "\n" : "", i);
	int64_t report = log_at(app->db, pid, 2, "visit", long_note, NULL);
	int64_t newest = log_at(app->db, pid, 1, "email", "Newest, no follow-up", NULL);
	pd_pane *d = pd_view_detail_create(app);
	pd_view_detail_show(d, pid);
	act(d, PD_ACT_RIGHT);
	act(d, PD_ACT_RIGHT);
	draw(d, w);
	ok(strstr(marked_row(w), "email") && strstr(marked_row(w), "r: correct"),
	   "no follow-up on the screen: the first entry is marked, r named: '%s'", marked_row(w));
	edit_asked = 0;
	act(d, PD_ACT_EDIT_LOG);
	ok(edit_asked == newest, "r asks for the form on it");
	act(d, PD_ACT_DONE);
	ok(strstr(app->status, "has no follow-up") != NULL, "d on it says it has no follow-up: %s", app->status);
	act(d, PD_ACT_DOWN);
	draw(d, w);
	ok(strstr(marked_row(w), "visit") != NULL, "j marks the next entry: '%s'", marked_row(w));
	act(d, PD_ACT_DOWN);
	draw(d, w);
	ok(strstr(marked_row(w), "Report line") != NULL, "a j more scrolls through its note, the mark on "
	   "its first line shown: '%s'", marked_row(w));
	int n = 0;
	while (!strstr(marked_row(w), "phone") && n++ < 60) {
		act(d, PD_ACT_DOWN);
		draw(d, w);
	}
	ok(strstr(marked_row(w), "phone") != NULL, "the last entry is reached (%d more j)", n);
	ok(n >= 10, "after the long note's lines went by (%d)", n);
	ok(screen_has(w, "Report line 29."), "its last line among them");
	ok(screen_has(w, "d: mark done"), "the marked entry's follow-up says d");
	edit_asked = 0;
	act(d, PD_ACT_EDIT_LOG);
	ok(edit_asked == oldest, "r asks for the form on the last entry");
	act(d, PD_ACT_UP);
	draw(d, w);
	ok(strstr(marked_row(w), "Report line") != NULL && screen_has(w, "Report line 29."),
	   "k marks the long note, its end shown, the mark on its first line shown: '%s'", marked_row(w));
	edit_asked = 0;
	act(d, PD_ACT_EDIT_LOG);
	ok(edit_asked == report, "r asks for the form on it");
	act(d, PD_ACT_LEFT);
	draw(d, w);
	act(d, PD_ACT_EDIT_LOG);
	ok(strstr(app->status, "in the Log tab") != NULL, "r elsewhere says where entries are corrected: %s",
	   app->status);
	d->ops->destroy(d);
}

/* A log entry marked from outside (Enter on its follow-up in the agenda):
 * the Log tab is scrolled to it, far down a long log, and it is the entry
 * marked >, the one r and d act on. */
static void test_detail_log_entry(struct pd_app *app, WINDOW *w)
{
	int64_t pid = add_partner(app->db, "Long Log Library", NULL);
	char fu[PD_DATE_LEN];
	pd_date_parse("+2d", time(NULL), fu, NULL);
	int64_t old = log_at(app->db, pid, 40, "visit", "The promise made at the open day", fu);
	/* Just above it, one with a follow-up of its own: the mark goes to
	 * the entry asked for, not the first follow-up on the screen. */
	log_at(app->db, pid, 39, "phone", "Another promise, the day after", fu);
	for (int i = 0; i < 25; i++)
		log_at(app->db, pid, 30 - i, "email", "Another note, newer", NULL);
	pd_pane *d = pd_view_detail_create(app);
	pd_view_detail_show(d, pid);
	ok(pd_view_detail_tab(d, "Log"), "the Log tab");
	pd_view_detail_mark_entry(d, old);
	draw(d, w);
	ok(screen_has(w, "The promise made at the open day"), "the entry, 25 newer above it, is on the screen");
	ok(marked_row(w)[0] == '>' && strstr(marked_row(w), "visit"), "and marked: '%s'", marked_row(w));
	edit_asked = 0;
	act(d, PD_ACT_EDIT_LOG);
	ok(edit_asked == old, "r asks for the form on it");
	/* Back in the agenda, Enter on the newest entry's follow-up, and a
	 * colleague's change reloads the detail before it is drawn: it still
	 * goes to the entry asked for, not the place it was scrolled to. */
	int64_t newest = log_at(app->db, pid, 1, "meeting", "The newest promise", fu);
	pd_view_detail_mark_entry(d, newest);
	d->ops->reload(d);
	draw(d, w);
	ok(screen_has(w, "The newest promise"), "after a reload the entry asked for is on the screen");
	ok(marked_row(w)[0] == '>' && strstr(marked_row(w), "meeting"), "and marked: '%s'", marked_row(w));
	d->ops->destroy(d);
}

/* The Agreement tab shows every offer: the configured checklist ticked
 * where offered, and after it an item offered twice and one the config
 * does not list, each on a line of its own (an import can leave both). */
static void test_detail_agreement(struct pd_app *app, WINDOW *w, int64_t pid)
{
	pd_error err = {0};
	pd_agreement a = {.partner_id = pid, .stage = strdup("engagement"), .title = strdup("Makers")};
	pd_agreement_add_offer(&a, "library", "space", "Room B");
	pd_agreement_add_offer(&a, "library", "space", "the lawn in June");
	pd_agreement_add_offer(&a, "library", "Makerspace", "3D printers");
	pd_agreement_add_offer(&a, "partner", "Docents", "tours");
	ok(pd_agreement_insert(app->db, &a, &err), "an agreement with a repeated and an off-list offer: %s",
	   err.msg);
	pd_agreement_finish(&a);
	pd_pane *d = pd_view_detail_create(app);
	pd_view_detail_show(d, pid);
	for (int i = 0; i < 4; i++)
		act(d, PD_ACT_RIGHT);
	draw(d, w);
	ok(screen_has(w, "[x] space: Room B"), "the checklist ticks space with its note");
	ok(screen_has(w, "[x] space: the lawn in June"), "the second space offer has its own line");
	ok(screen_has(w, "[x] Makerspace: 3D printers"), "the off-list offer is shown");
	ok(screen_has(w, "Docents: tours"), "and the partner's offer");
	d->ops->destroy(d);
}

/* The Contacts tab marks a person with >: j/k move the mark, Enter edits
 * the marked person, X asks naming them and what becomes of their log,
 * only y removes them, and a colleague's change meanwhile keeps them. */
static void test_detail_people(struct pd_app *app, WINDOW *w)
{
	int64_t pid = add_partner(app->db, "Ab People Museum", NULL);
	const char *names[] = {"Ana Ruiz", "Dana Ortiz", "Priya Shah"};
	int64_t ids[3];
	pd_error err = {0};
	for (int i = 0; i < 3; i++) {
		pd_contact c = {.partner_id = pid, .name = strdup(names[i])};
		ok(pd_contact_insert(app->db, &c, &err), "contact %s: %s", names[i], err.msg);
		ids[i] = c.id;
		pd_contact_finish(&c);
	}
	pd_interaction it = {.partner_id = pid, .contact_id = ids[1], .channel = strdup("phone"),
	                     .text = strdup("talked")};
	ok(pd_interaction_insert(app->db, &it, &err), "a call with Dana: %s", err.msg);
	pd_interaction_finish(&it);
	pd_pane *d = pd_view_detail_create(app);
	pd_view_detail_show(d, pid);
	act(d, PD_ACT_RIGHT);
	draw(d, w);
	ok(strncmp(row(w, 3), ">Ana Ruiz", 9) == 0, "the first person is marked >: %s", row(w, 3));
	ok(screen_has(w, "Enter: edit  X: remove"), "the keys are said beside the mark");
	act(d, PD_ACT_DOWN);
	draw(d, w);
	act(d, PD_ACT_OPEN);
	is(app->edited, ids[1], "j then Enter edits the second person");
	log_asked_person = -1;
	ok(act(d, PD_ACT_LOG) & PD_PANE_HANDLED, "c in the Contacts tab is the tab's");
	ok(log_asked_partner == pid && log_asked_person == ids[1], "c asks the log form with the person marked");
	act(d, PD_ACT_BOTTOM);
	act(d, PD_ACT_DOWN);
	draw(d, w);
	act(d, PD_ACT_OPEN);
	is(app->edited, ids[2], "G marks the last; j at the end keeps it");
	act(d, PD_ACT_UP);
	draw(d, w);

	/* X asks, naming her and her log entry; a key other than y keeps her. */
	act(d, PD_ACT_REMOVE_CONTACT);
	ok(strstr(app->status, "remove Dana Ortiz? y removes, other keys keep (1 log entry keeps the name)"), "X asks, naming the person and the log entry: %s", app->status);
	pd_event no = {.is_char = true, .wch = L'n'};
	d->ops->handle(d, &no);
	pd_contact *still = pd_contact_get(app->db, ids[1], &err);
	ok(still != NULL && strstr(app->status, "kept Dana Ortiz"), "n keeps her: %s", app->status);
	pd_contact_destroy(still);

	/* Changed by a colleague after the question: kept, and said. */
	act(d, PD_ACT_REMOVE_CONTACT);
	pd_contact *c = pd_contact_get(app->db, ids[1], &err);
	free(c->email);
	c->email = strdup("dana@museum.org");
	ok(c && pd_contact_update(app->db, c, &err), "a colleague saves her meanwhile: %s", err.msg);
	pd_contact_destroy(c);
	pd_event yes = {.is_char = true, .wch = L'y'};
	d->ops->handle(d, &yes);
	still = pd_contact_get(app->db, ids[1], &err);
	ok(still != NULL && strstr(app->status, "changed by a colleague meanwhile"), "y then keeps her: %s",
	   app->status);
	pd_contact_destroy(still);

	d->ops->reload(d);
	draw(d, w);
	act(d, PD_ACT_REMOVE_CONTACT);
	d->ops->handle(d, &yes);
	ok(pd_contact_get(app->db, ids[1], &err) == NULL && err.code == PD_ERR_NOTFOUND, "y removes her");
	ok(strstr(app->status, "removed Dana Ortiz"), "and says so: %s", app->status);
	d->ops->reload(d);
	draw(d, w);
	ok(!screen_has(w, "Dana Ortiz") && screen_has(w, "Priya Shah"), "she is gone from the tab");
	act(d, PD_ACT_OPEN);
	is(app->edited, ids[2], "the mark went on to the next person");
	d->ops->destroy(d);
}

/* The current agreement's review (two days late) and end (in five days)
 * are on the agenda in words of their own; Enter opens the partner at the
 * Agreement tab, which the detail can be asked to show; d says how such a
 * date is settled; moving the partner to another stage settles both. */
/* An empty tab names the key that fills it as the keymap has it: with
 * add-contact, log and agreement rebound, the old letters are not told. */
static void test_detail_rebound(struct pd_app *app, WINDOW *w)
{
	static const char yaml[] = "keys:\n  add-contact: [P]\n  log: [L]\n  agreement: [B]\n";
	pd_error err = {0};
	pd_config *cfg = pd_config_load_buffer("rebound.yaml", yaml, strlen(yaml), &err);
	pd_keymap *km = cfg ? pd_keymap_create(cfg, &err) : NULL;
	ok(km != NULL, "a keymap with add-contact, log and agreement rebound: %s", err.msg);
	pd_config_destroy(cfg);
	if (!km)
		return;
	pd_keymap *was = app->km;
	app->km = km;
	int64_t pid = add_partner(app->db, "Ab Empty Rebound", NULL);
	pd_pane *d = pd_view_detail_create(app);
	pd_view_detail_show(d, pid);
	static const char *const want[] = {
		"No contact logged yet: press L to log one.",
		"No contact people yet: press P to add one.",
		"Nothing logged yet: press L to log a call",
		"No agreement recorded: press B to record one.",
	};
	bool seen[4] = {false}, old_key = false;
	for (int tab = 0; tab < 8; tab++) {
		draw(d, w);
		for (size_t i = 0; i < 4; i++)
			seen[i] |= screen_has(w, want[i]);
		old_key |= screen_has(w, "press C ") || screen_has(w, "press c ") || screen_has(w, "press A ");
		act(d, PD_ACT_RIGHT);
	}
	for (size_t i = 0; i < 4; i++)
		ok(seen[i], "an empty tab says \"%s\"", want[i]);
	ok(!old_key, "and no tab names the default key");
	d->ops->destroy(d);
	app->km = was;
	pd_keymap_destroy(km);
}

static void test_agenda_agreement(struct pd_app *app, WINDOW *w, int64_t pid)
{
	pd_error err = {0};
	pd_agreements list = {0};
	ok(pd_agreement_list(app->db, pid, &list, &err) && list.n == 1, "the partner's agreement");
	if (list.n != 1)
		return;
	pd_agreement *ag = &list.v[0];
	char today[PD_DATE_LEN];
	pd_date_today(pd_db_now(app->db), today);
	pd_date_add_days(today, -2, ag->review_date);
	pd_date_add_days(today, 5, ag->end_date);
	ok(pd_agreement_update(app->db, ag, &err), "its review two days ago, its end in five: %s", err.msg);
	pd_pane *a = pd_view_agenda_create(app);
	draw(a, w);
	ok(screen_has(w, "agreement review: Makers"), "the review is listed as an agreement review");
	ok(screen_has(w, "agreement ends: Makers"), "the end as the agreement ending");
	ok(screen_has(w, "Overdue (1)") && screen_has(w, "2d late"), "the review is overdue");
	/* Monday-to-Sunday weeks: five days on is this week until Tuesday */
	const char *week = pd_date_weekday(today) + 5 <= 7 ? "This week (1)" : "Next week (1)";
	ok(screen_has(w, week), "the end falls in its calendar week: %s", week);
	ok(a->ops->selected(a) == pid, "the first is the partner's");
	act(a, PD_ACT_DONE);
	ok(strstr(app->status, "to settle an agreement's date") != NULL, "d says how to settle it: %s", app->status);
	app->opened = 0;
	unsigned f = act(a, PD_ACT_OPEN);
	ok((f & PD_PANE_HANDLED) && app->opened == pid && strcmp(app->opened_tab, "Agreement") == 0,
	   "Enter opens the partner at its Agreement tab (%lld, '%s')", (long long)app->opened, app->opened_tab);
	pd_pane *d = pd_view_detail_create(app);
	pd_view_detail_show(d, pid);
	ok(pd_view_detail_tab(d, app->opened_tab), "the detail knows the tab");
	draw(d, w);
	ok(screen_has(w, "[x] space: Room B"), "and shows the agreement there");
	ok(!pd_view_detail_tab(d, "Nowhere"), "a tab it has not is refused");
	d->ops->destroy(d);
	pd_move_request m = {.to = "marriage", .reason = "signed", .approved_by = "the board"};
	ok(pd_stage_move(app->db, pid, &m, &err), "the partner moves on: %s", err.msg);
	a->ops->reload(a);
	draw(a, w);
	ok(!screen_has(w, "agreement review") && !screen_has(w, "agreement ends"),
	   "an agreement made for a stage left behind is off the agenda");
	a->ops->destroy(a);
	pd_agreements_finish(&list);
}

/* The display columns (ASCII here) where a row's blank-separated words
 * end, from the `skip`th word on; returns how many. */
static int word_ends(const char *line, int skip, int *ends, int max)
{
	int n = 0, word = 0;
	for (int x = 0; line[x] && n < max; x++) {
		if (line[x] != ' ' && (line[x + 1] == ' ' || !line[x + 1]) && word++ >= skip)
			ends[n++] = x + 1;
	}
	return n;
}

/* A month of 100,000 interactions: the total column of the reports view
 * and the one figure left on a narrow screen are as wide as 100000 (a
 * fixed 6 ran it into the figure or the label before it). */
static void test_reports_big_total(struct pd_app *app, const char *path)
{
	int64_t busy = add_partner(app->db, "Busy Library", NULL);
	pd_interaction it = {0};
	it.partner_id = busy;
	it.channel = strdup("phone");
	it.text = strdup("a busy call");
	pd_time_format(pd_db_now(app->db), it.at);
	char month[8];
	snprintf(month, sizeof month, "%.7s", it.at);
	pd_error err = {0};
	ok(pd_interaction_insert(app->db, &it, &err), "a call: %s", err.msg);
	pd_interaction_finish(&it);
	sqlite3 *h = NULL;
	ok(sqlite3_open(path, &h) == SQLITE_OK &&
	   sqlite3_exec(h, "INSERT INTO interactions (partner_id, at, channel, staff, text, created, updated) "
	                   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99999) "
	                   "SELECT partner_id, at, channel, staff, text, created, updated FROM interactions, n "
	                   "WHERE text = 'a busy call'", NULL, NULL, NULL) == SQLITE_OK,
	   "99,999 more in the same month: %s", sqlite3_errmsg(h));
	sqlite3_close(h);

	pd_pane *r = pd_view_reports_create(app);
	act(r, PD_ACT_RIGHT);
	WINDOW *wide = newwin(80, 200, 0, 0);
	draw(r, wide);
	int y = find_row(wide, "Interactions per month by channel");
	char head[1024];
	snprintf(head, sizeof head, "%s", row(wide, y + 1));
	int y100 = 0;   /* this month's row: 100000 and the few other tests logged */
	for (int k = y + 1; y && !y100 && k < getmaxy(wide); k++)
		if (strstr(row(wide, k), month))
			y100 = k;
	int he[16], re[16];
	int nh = word_ends(head, 0, he, 16), nr = word_ends(row(wide, y100), 1, re, 16);
	if (!ok(y && y100 > y && nh == 7 && nr >= 7 && memcmp(he, re, sizeof he[0] * 7) == 0 && strstr(head, "total"),
	        "at 200 columns a total over 100000 ends under its heading"))
		printf("# %s\n# %s\n", head, row(wide, y100));
	delwin(wide);
	WINDOW *narrow = newwin(80, 80, 0, 0);
	draw(r, narrow);
	y = find_row(narrow, "Interactions per month by channel");
	bool spaced = false;
	for (int k = y + 1; y && k < getmaxy(narrow); k++) {
		const char *l = row(narrow, k);
		const char *at = strstr(l, month);
		if (at && at[7] == ' ' && at[8] >= '1' && at[8] <= '9')
			spaced = true;
	}
	ok(spaced, "at 80 columns a blank keeps the total over 100000 off its month");
	/* The one figure left is headed, as `report` heads it. */
	ok(y && strstr(row(narrow, y + 1), "total") && !strstr(row(narrow, y + 1), "phone"),
	   "at 80 columns the figure left is headed 'total': %s", y ? row(narrow, y + 1) : "?");
	delwin(narrow);
	r->ops->destroy(r);
}

/* c and Enter on a partner the kept filter found by one of its people
 * (a caller's name): the log form's With, the Contacts tab's mark, start
 * at that person; a surname two share starts them at nobody; with no
 * filter, c is the app's as anywhere. */
static void test_list_filter_person(struct pd_app *app, WINDOW *w)
{
	int64_t pid = add_partner(app->db, "Ysgol Gymraeg Bro Taf", NULL);
	int64_t sian = 0;
	const char *const names[] = {"Gwenllian Prydderch", "Si\xc3\xa2n Prydderch"};
	for (int i = 0; i < 2; i++) {
		pd_error err = {0};
		pd_contact c = {.partner_id = pid, .name = strdup(names[i])};
		ok(pd_contact_insert(app->db, &c, &err), "%s added: %s", names[i], err.msg);
		sian = c.id;
		pd_contact_finish(&c);
	}
	pd_pane *list = pd_view_list_create(app);
	draw(list, w);
	ok(act(list, PD_ACT_LOG) == PD_PANE_IGNORED, "unfiltered, c is the app's");
	act(list, PD_ACT_FILTER);
	type(list, "sian");
	act(list, PD_ACT_OPEN);   /* keeps the filter */
	draw(list, w);
	ok(list->ops->selected(list) == pid, "'sian' finds the school");
	log_asked_partner = 0;
	log_asked_person = -1;
	ok(act(list, PD_ACT_LOG) & PD_PANE_HANDLED, "c on it is the list's");
	ok(log_asked_partner == pid && log_asked_person == sian,
	   "and asks the log form with Si\xc3\xa2n (%lld, want %lld)", (long long)log_asked_person, (long long)sian);
	app->opened = app->opened_person = 0;
	ok(act(list, PD_ACT_OPEN) & PD_PANE_HANDLED, "Enter on it is the list's");
	ok(app->opened == pid && app->opened_person == sian, "and opens the school, Si\xc3\xa2n marked");
	act(list, PD_ACT_CANCEL);
	act(list, PD_ACT_FILTER);
	type(list, "prydderch");
	act(list, PD_ACT_OPEN);
	draw(list, w);
	log_asked_person = -1;
	act(list, PD_ACT_LOG);
	ok(log_asked_partner == pid && log_asked_person == 0, "'prydderch', two people: With at nobody (%lld)",
	   (long long)log_asked_person);
	list->ops->destroy(list);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	char path[] = "/tmp/pd-test-views-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	pd_error err = {0};
	struct pd_app app = {0};
	app.db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	ok(app.db != NULL, "a new database: %s", err.msg);
	if (!app.db)
		return tap_done();
	app.km = pd_keymap_create(NULL, &err);
	pd_db_begin(app.db, &err);
	for (int i = 0; i < 500; i++) {
		char name[32];
		snprintf(name, sizeof name, "Partner %03d", i);
		add_partner(app.db, name, NULL);
	}
	pd_db_commit(app.db, &err);
	int64_t engaged = add_partner(app.db, "Zz Engaged", "engagement");
	add_partner(app.db, "Evil\x1b]0;pwned\aName", NULL);
	ok(engaged != 0, "502 partners");

	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm", out, in);
	ok(scr != NULL, "a screen on /dev/null");
	WINDOW *w = newwin(22, 100, 0, 0);

	test_list(&app, w);
	test_hostile(&app, w);
	test_kanban(&app, w);
	test_agenda(&app, w, engaged);
	test_agenda_week(&app, w);
	test_help(&app, w);
	test_stale(&app, w);
	test_ages(&app);
	test_columns(&app);
	test_detail_age(&app, w);
	test_detail_agreement(&app, w, engaged);
	test_detail_people(&app, w);
	test_detail_rebound(&app, w);
	test_agenda_agreement(&app, w, engaged);
	test_detail_log_mark(&app, w);
	test_detail_log_entry(&app, w);
	test_reports_big_total(&app, path);
	test_list_filter_person(&app, w);

	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	pd_keymap_destroy(app.km);
	pd_db_close(app.db);
	unlink(path);
	char side[sizeof path + 8];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	return tap_done();
}
