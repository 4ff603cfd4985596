/* Unit tests of the draft writes a session leaves behind (src/ui/waiting.c)
 * after a restore put a copy under the window: a note whose row is not
 * its own any more is written afresh on the way out, and a discard deletes
 * only the window's own draft, never the one the copy holds under its id;
 * and a kept file that cannot be written again (disk full) stays as it was
 * and is written whole at the next try; and a note left when memory has
 * run out is kept all the same. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "../tap.h"
#include "../model/testutil.h"
#include "../../../src/ui/waiting.h"
#include "partnerdesk/io/kept_forms.h"
#include "partnerdesk/model/put_back.h"
#include "fail_realloc.h"

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

/* A copy with a colleague's draft is made, her draft goes (saved at her
 * desk), the window's draft d is written, and the copy, with her draft
 * under d's id (a copy from before drafts had random ids), is put back
 * under the window. */
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
	if (!pd_draft_save(win, d, &err))
		return printf("# the window's draft: %s\n", err.msg), false;
	tu_sql(copy, "UPDATE drafts SET id = ?1 WHERE id = 1", d->id, NULL, 0);
	pd_db *other = pd_db_open(desk, 0, NULL, &err);
	bool ok = other && pd_db_put_back(other, copy, keep, NULL, &err);
	if (!ok)
		printf("# restore: %s\n", err.msg);
	pd_db_close(other);
	return ok;
}

/* The files of dir: how many, the last kept file's name in kept (empty
 * when none), and how many hidden (temporary) ones. */
static size_t files_in(const char *dir, char *kept, size_t len, size_t *hidden)
{
	size_t n = 0;
	*hidden = 0;
	kept[0] = '\0';
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (e->d_name[0] == '.')
			(*hidden)++;
		else
			snprintf(kept, len, "%s/%s", dir, e->d_name);
	}
	if (d)
		closedir(d);
	return n;
}

/* How many drafts the kept file at path holds; -1 when it cannot be read. */
static long drafts_in_file(const char *path)
{
	size_t len = 0;
	char *data = tu_read(path, &len);
	char *d = NULL;
	pd_drafts v = {0};
	pd_error err = {0};
	long n = data && pd_kept_forms_parse(data, len, &d, &v, &err) ? (long)v.n : -1;
	pd_drafts_finish(&v);
	free(d);
	free(data);
	return n;
}

/* The disk fills while a session waits to write its forms: the kept file
 * that must now hold one more form cannot be written again. The old file
 * stays whole, no temporary file is left, the session knows the file is
 * short, and the next try, with room again, writes it whole. */
static void kept_file_rewrite_fails(pd_db *win)
{
	char data[512], dir[600], kept[700], first_file[700];
	size_t hidden = 0;
	snprintf(data, sizeof data, "%s", tu_path("data"));
	snprintf(dir, sizeof dir, "%s/partnerdesk/kept", data);
	setenv("XDG_DATA_HOME", data, 1);
	sql_on("DELETE FROM drafts");

	/* A colleague's import holds the desk. */
	sqlite3 *lock = NULL;
	sqlite3_open(desk, &lock);
	ok(sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK, "the desk is locked");

	pd_waiting w = {0};
	pd_draft a = {.form = strdup("log"), .payload = strdup("note=First: the mural grant")};
	strcpy(a.created, "2026-11-23T14:05:00Z");
	pd_waiting_leave(&w, win, &a, true, 10);
	is(pd_waiting_unwritten(&w), 1, "the first note waits");
	pd_error err = {0};
	ok(pd_waiting_keep(&w, desk, "locked", false, &err) != NULL, "kept in a file: %s", err.msg);
	ok(pd_waiting_kept_whole(&w), "which holds it");
	is(files_in(dir, first_file, sizeof first_file, &hidden), 1, "one file");
	is(drafts_in_file(first_file), 1, "with the one note");

	pd_draft b = {.form = strdup("log"), .payload = strdup("note=Second: rang the allotment society")};
	strcpy(b.created, "2026-11-23T14:06:00Z");
	pd_waiting_leave(&w, win, &b, true, 10);
	ok(!pd_waiting_kept_whole(&w), "a second note waits, not in the file yet");

	/* Disk full: no file may grow past a few bytes (EFBIG, as ENOSPC). */
	struct rlimit old, tiny = {.rlim_cur = 16, .rlim_max = RLIM_INFINITY};
	getrlimit(RLIMIT_FSIZE, &old);
	tiny.rlim_max = old.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &tiny);
	pd_error full = {0};
	pd_draft c = {.form = strdup("log"), .payload = strdup("note=Third")};
	char *none = NULL;
	ok(!pd_kept_forms_write(dir, desk, &c, 1, "locked", &none, NULL, &full)
	   && strstr(full.msg, dir) && strstr(full.msg, "cannot write a file there"),
	   "a write that fails names the directory: %s", full.msg);
	pd_draft_finish(&c);
	is(pd_waiting_retry(&w, win, 10), 2, "both still wait for the desk");
	setrlimit(RLIMIT_FSIZE, &old);
	ok(!pd_waiting_kept_whole(&w), "the session knows the file does not hold the second note");
	is(files_in(dir, kept, sizeof kept, &hidden), 1, "the failed write left no other file");
	is(hidden, 0, "and no temporary one");
	streq(kept, first_file, "the old file is there");
	is(drafts_in_file(kept), 1, "still whole, with the first note");

	/* Room again: the next quiet second writes it whole. */
	is(pd_waiting_retry(&w, win, 10), 2, "the desk is still locked");
	ok(pd_waiting_kept_whole(&w), "the file holds both now");
	is(files_in(dir, kept, sizeof kept, &hidden), 1, "one file, the new one");
	is(hidden, 0, "nothing hidden");
	is(drafts_in_file(kept), 2, "with both notes");

	/* The desk lets go: the notes go into it and the file goes. */
	sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(lock);
	is(pd_waiting_retry(&w, win, 50), 0, "both written");
	is(files_in(dir, kept, sizeof kept, &hidden), 0, "and the file removed");
	char got[128];
	streq(tu_sql(desk, "SELECT count(*) FROM drafts WHERE payload LIKE 'note=First%' OR "
		"payload LIKE 'note=Second%'", 0, got, sizeof got), "2", "the desk holds both notes");
	pd_waiting_finish(&w);
	rmdir(dir);
	snprintf(kept, sizeof kept, "%s/partnerdesk", data);
	rmdir(kept);
	rmdir(data);
}

/* Memory runs out as a session ends (its forms leave their notes one
 * by one, the desk busy or full, so each waits in memory): the fifth note
 * found its four places taken and, with no memory for more, was freed;
 * the call's words gone without a word. Each note must be kept. A
 * discard (deleting a draft: nothing typed is lost if it is not done)
 * must not take the place held for a note either. */
static void notes_kept_out_of_memory(void)
{
	pd_waiting w = {0};
	char text[64];
	for (int i = 1; i <= 5; i++) {
		pd_draft d = {.form = strdup("log")};
		snprintf(text, sizeof text, "note=Call %d: the mural grant", i);
		d.payload = strdup(text);
		pd_test_realloc_fails = i == 5;
		pd_waiting_leave(&w, NULL, &d, true, 10);
		pd_test_realloc_fails = false;
		pd_draft_finish(&d);
	}
	is(pd_waiting_unwritten(&w), 5, "five notes left, with no memory for the fifth: all five wait");
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	pd_waiting_print(&w, f);
	fclose(f);
	ok(out && strstr(out, "note=Call 5: the mural grant"), "the fifth note's text is there to print");
	free(out);
	pd_waiting_finish(&w);

	/* A dialog opens: a place is held for its note. Discards then find
	 * no memory: they are dropped rather than take that place. */
	ok(pd_waiting_hold(&w, 1), "a place held for a dialog's note");
	for (int i = 0; i < 8; i++) {
		pd_draft gone = {.id = 100 + i, .form = (char *)"log"};
		strcpy(gone.created, "2026-11-23T14:05:00Z");
		pd_test_realloc_fails = true;
		pd_waiting_discard(&w, NULL, &gone, 10);
		pd_test_realloc_fails = false;
	}
	pd_draft d = {.form = strdup("log"), .payload = strdup("note=Held: the reading room")};
	pd_test_realloc_fails = true;
	pd_waiting_leave(&w, NULL, &d, true, 10);
	pd_test_realloc_fails = false;
	pd_draft_finish(&d);
	is(pd_waiting_unwritten(&w), 1, "the dialog's note has its place after discards found no memory");
	pd_waiting_finish(&w);
}

int main(void)
{
	notes_kept_out_of_memory();

	snprintf(desk, sizeof desk, "%s", tu_path("desk.db"));
	pd_db *win = tu_open("desk.db");
	char got[512];
	const char *theirs = "SELECT os_user || '|' || payload || '|' || ifnull(owner_host, '') FROM drafts WHERE os_user = 'colleague'";

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

	kept_file_rewrite_fails(win);
	pd_db_close(win);
	tu_cleanup();
	return tap_done();
}
