/* Unit tests of the draft writes a session leaves behind (src/ui/waiting.c)
 * after a restore put a copy under the window: a note whose row is not
 * its own any more is written afresh on the way out, and a discard deletes
 * only the window's own draft, never the one the copy holds under its id. */
#include <string.h>

#include "../tap.h"
#include "../model/testutil.h"
#include "../../../src/ui/waiting.h"
#include "partnerdesk/model/put_back.h"

static char desk[512];

static void sql_on(const char *sql)
{
	tu_sql(desk, sql, 0, NULL, 0);
}

/* The first row of a query as "a|b|...", "" when none. */
static const char *first(const char *sql, char *out, size_t len)
{
	return tu_sql(desk, sql, 0, out, len);
}

/* A copy with a colleague's draft at id 1 is made, her draft goes (saved
 * at her desk), the window's draft d is written (taking id 1), and the
 * copy is put back under the window. */
static bool under_a_copy(pd_db *win, pd_draft *d, const char *name)
{
	pd_error err = {0};
	char copy[512], keep[512];
	snprintf(copy, sizeof copy, "%s.copy", tu_path(name));
	snprintf(keep, sizeof keep, "%s.keep", tu_path(name));
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
	snprintf(desk, sizeof desk, "%s", tu_path("desk.db"));
	pd_db *win = tu_open("desk.db");
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
	tu_cleanup();
	return tap_done();
}
