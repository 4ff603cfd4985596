/* What the form tests that draw share: the app stubs (form_stubs.h), a
 * 24x80 curses window on /dev/null read back as text, the keys a test
 * presses, and a scratch database to run them on. Included by exactly one
 * test file per program. */
#ifndef PD_TEST_FORM_HARNESS_H
#define PD_TEST_FORM_HARNESS_H

#include <curses.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "../tap.h"
#include "../../../src/ui/form.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/ui/app.h"

#include "form_stubs.h"

static HARNESS_UNUSED WINDOW *win;

/* The window as text, a row a line. */
static inline const char *screen_text(void)
{
	static char out[24 * 400];
	size_t o = 0;
	out[0] = '\0';
	for (int y = 0; y < getmaxy(win); y++) {
		wchar_t wbuf[256] = {0};
		mvwinnwstr(win, y, 0, wbuf, 255);
		char line[1024];
		size_t n = wcstombs(line, wbuf, sizeof line - 1);
		if (n == (size_t)-1)
			n = 0;
		line[n] = '\0';
		o += (size_t)snprintf(out + o, sizeof out - o, "%s\n", line);
	}
	return out;
}

static inline bool on_screen(const char *text)
{
	return strstr(screen_text(), text) != NULL;
}

/* In the conflict dialog's box alone, not the form behind it. */
static inline bool in_dialog(const char *text)
{
	const char *s = screen_text();
	const char *from = strstr(s, "Changed meanwhile"), *to = from ? strstr(from, "[t] keep theirs") : NULL;
	const char *at = from ? strstr(from, text) : NULL;
	return at && to && at < to;
}

static inline void draw(pd_pane *p)
{
	werase(win);
	p->ops->draw(p, win, true);
}

static inline unsigned key(pd_pane *p, pd_action a, int k)
{
	pd_event ev = {.action = a, .key = k};
	return p->ops->handle(p, &ev);
}

static inline unsigned save(pd_pane *p)
{
	return key(p, PD_ACT_SAVE, 19);
}

static inline unsigned ch(pd_pane *p, wchar_t c)
{
	pd_event ev = {.key = (int)c, .wch = (wint_t)c, .is_char = true};
	return p->ops->handle(p, &ev);
}

/* A field's value as text ("(empty)" for none); four may be held at once. */
static inline const char *value(pd_pane *p, const char *key_name)
{
	static char buf[4][256];
	static int k;
	char *v = pd_form_value(p->state, key_name);
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s", v ? v : "(empty)");
	free(v);
	return buf[k];
}

static inline int64_t add_partner(const char *name)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	ok(pd_partner_insert(test_db, p, &err), "partner %s: %s", name, err.msg);
	int64_t id = p->id;
	pd_partner_destroy(p);
	return id;
}

/* The one draft on the database, reopened as its form (NULL when there is
 * not exactly one). */
static inline pd_pane *restore_the_draft(pd_pane *(*from_draft)(struct pd_app *, const pd_draft *))
{
	pd_drafts drafts = {0};
	pd_error err = {0};
	ok(pd_draft_list(test_db, &drafts, &err) && drafts.n == 1, "the draft is there");
	pd_pane *p = drafts.n == 1 ? from_draft(NULL, &drafts.v[0]) : NULL;
	pd_drafts_finish(&drafts);
	return p;
}

/* Runs tests() with test_db a scratch database in a fresh directory and win
 * a 24x80 window of a screen on /dev/null; returns the TAP exit status. */
static inline int harness_run(const char *name, void (*tests)(void))
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("1..0 # SKIP no C.UTF-8 locale\n");
		return 0;
	}
	char dir[256];
	snprintf(dir, sizeof dir, "/tmp/pd-test-%s-XXXXXX", name);
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return tap_done();
	}
	char path[300];
	snprintf(path, sizeof path, "%s/t.db", dir);
	pd_error err = {0};
	test_db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	ok(test_db != NULL, "a scratch database opens: %s", err.msg);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *scr = newterm("xterm", out, in);
	ok(scr != NULL, "a screen on /dev/null");
	if (test_db && scr) {
		win = newwin(24, 80, 0, 0);
		tests();
		delwin(win);
	}
	if (scr) {
		endwin();
		delscreen(scr);
	}
	fclose(out);
	fclose(in);
	pd_db_close(test_db);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}

#endif
