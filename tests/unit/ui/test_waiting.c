/* Unit tests of the draft writes a session leaves behind (src/ui/waiting.c)
 * after a restore put a copy under the window: a note whose row is not
 * its own any more is written afresh on the way out, and a discard deletes
 * only the window's own draft, never the one the copy holds under its id. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tap.h"
#include "../../../src/ui/waiting.h"
#include "partnerdesk/model/put_back.h"

static char dir[256], desk[300];

static void sql_on(const char *sql)
{
	sqlite3 *h;
	sqlite3_open(desk, &h);
	sqlite3_busy_timeout(h, 5000);
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		printf("# %s: %s\n", sql, msg ? msg : "?");
	sqlite3_free(msg);
	sqlite3_close(h);
}

/* The first row of a query as "a|b|...", "" when none. */
static const char *first(const char *sql, char *out, size_t len)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	out[0] = '\0';
	sqlite3_open(desk, &h);
	sqlite3_busy_timeout(h, 5000);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	} else {
		printf("# %s: %s\n", sql, sqlite3_errmsg(h));
	}
	sqlite3_close(h);
	return out;
}

/* A copy with a colleague's draft at id 1 is made, her draft goes (saved
 * at her desk), the window's draft d is written (taking id 1), and the
 * copy is put back under the window. */
static bool under_a_copy(pd_db *win, pd_draft *d, const char *name)
{
	pd_error err = {0};
	char copy[400], keep[400];
	snprintf(copy, sizeof copy, "%s/%s.copy", dir, name);
	snprintf(keep, sizeof keep, "%s/%s.keep", dir, name);
	sql_on("DELETE FROM drafts");
	sql_on("INSERT INTO drafts (id, form, payload, os_user, created, updated) VALUES (1, 'log', "
		"'note=Colleague: the mural grant', 'colleague', '2026-11-16T09:00:00Z', '2026-11-16T09:05:00Z')");
	if (!pd_db_backup(win, copy, false, NULL, &err))
		return printf("# backup: %s\n", err.msg), false;
	sql_on("DELETE FROM drafts WHERE id = 1");
	if (!pd_draft_save(win, d, &err) || d->id != 1)
		return printf("# the window's draft: %s (id %lld)\n", err.msg, (long long)d->id), false;
	pd_db *other = pd_db_open(desk, 0, NULL, &err);
	bool ok = other && pd_db_put_back(other, copy, keep, NULL, &err);
	if (!ok)
		printf("# restore: %s\n", err.msg);
	pd_db_close(other);
	return ok;
}

int main(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/pd-waiting-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir))
		return 99;
	snprintf(desk, sizeof desk, "%s/desk.db", dir);
	pd_error err = {0};
	pd_db *win = pd_db_open(desk, PD_OPEN_CREATE, NULL, &err);
	if (!win) {
		printf("# %s\n", err.msg);
		return 99;
	}
	char got[512];
	const char *theirs = "SELECT os_user || '|' || payload || '|' || ifnull(owner_host, '') FROM drafts WHERE id = 1";

	/* The session ends (a hangup) with the note written before the restore. */
	pd_waiting w = {0};
	pd_draft d = {.form = strdup("log"), .payload = strdup("note=Mine: booked the reading room")};
	strcpy(d.created, "2026-11-23T14:05:00Z");
	ok(under_a_copy(win, &d, "leave"), "the copy holds a colleague's draft under the window's draft id");
	pd_waiting_leave(&w, win, &d, false, 50);
	is(w.n, 0, "leaving goes through at once");
	streq(first(theirs, got, sizeof got), "colleague|note=Colleague: the mural grant|",
		"the colleague's draft is as it was");
	streq(first("SELECT form || '|' || created || '|' || ifnull(owner_pid, 'released') FROM drafts "
		"WHERE payload = 'note=Mine: booked the reading room' AND os_user <> 'colleague'", got, sizeof got),
		"log|2026-11-23T14:05:00Z|released", "the note is in the desk afresh, left over for the next start");

	/* Saved (or discarded with Ctrl-X): the draft goes, only it. */
	pd_draft e = {.form = strdup("log"), .payload = strdup("note=Mine: rang the allotment society")};
	strcpy(e.created, "2026-11-23T15:00:00Z");
	ok(under_a_copy(win, &e, "discard"), "again, a copy under the window");
	pd_waiting_discard(&w, win, &e, 50);
	is(w.n, 0, "the discard goes through at once");
	streq(first(theirs, got, sizeof got), "colleague|note=Colleague: the mural grant|",
		"and leaves the colleague's draft alone");
	ok(!pd_waiting_discards(&w, &e), "nothing waits");

	pd_draft_finish(&e);
	pd_waiting_finish(&w);
	pd_db_close(win);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
