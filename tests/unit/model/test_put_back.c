/* Unit tests of `partnerdesk restore`'s put-back (src/model/put_back.c)
 * on a shared desk: a colleague saving while the desk as it was is kept
 * and the copy goes in. Her save must never be told it went in and then
 * be in neither the restored desk nor the kept file, and its number
 * must never be given out again; and a file moved over the desk's name
 * while it is open is neither kept nor written. */
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/put_back.h"

/* The colleague: a window open on the desk all along, which saves a new
 * partner once the kept file is in place (the restore's window between
 * keeping the desk and putting the copy in). */
static struct colleague {
	pd_db *db;
	const char *keep;
	bool tried, saved;
	int64_t id;
	pd_error err;
} her;

static bool save_hers(void)
{
	pd_partner *p = pd_partner_create();
	p->name = strdup("Colleague's Partner");
	her.err = (pd_error){0};
	bool ok = pd_partner_insert(her.db, p, &her.err);
	her.id = ok ? p->id : 0;
	pd_partner_destroy(p);
	return ok;
}

/* Told about each temporary file the restore is done with: the first
 * one after the kept file exists is her moment. */
static void gone(const char *path)
{
	(void)path;
	if (her.tried || !tu_exists(her.keep))
		return;
	her.tried = true;
	/* Her window would wait for the desk (10 s); here she gives up at
	 * once, so that a closed window shows as "busy" and not as a wait. */
	pd_db_busy_wait(her.db, 0);
	her.saved = save_hers();
	pd_db_busy_wait(her.db, -1);
}

/* The partners of the database at path as "id name, ..." ("" when none). */
static const char *partners(const char *path, char *out, size_t len)
{
	return tu_sql(path, "SELECT ifnull(group_concat(id || ' ' || name, ', '), '') FROM "
		"(SELECT id, name FROM partners ORDER BY id)", 0, out, len);
}

static int64_t number(const char *path, const char *sql)
{
	char buf[64];
	tu_sql(path, sql, 0, buf, sizeof buf);
	return strtoll(buf, NULL, 10);
}

int main(void)
{
	pd_error err = {0};
	char desk[512], copy[512], keep[512];
	snprintf(desk, sizeof desk, "%s", tu_path("desk.db"));
	snprintf(copy, sizeof copy, "%s", tu_path("copy.db"));
	snprintf(keep, sizeof keep, "%s", tu_path("desk.db.before-restore"));
	pd_db *db = tu_open("desk.db");
	int64_t first = tu_add(db, "Harbor Museum", NULL);
	ok(first > 0 && pd_db_backup(db, copy, false, NULL, &err), "a copy is made: %s", err.msg);
	int64_t later = tu_add(db, "Later Partner", NULL);
	ok(later > first, "a partner is added after it (#%lld)", (long long)later);
	char before[512], now[512], kept[512];
	partners(desk, before, sizeof before);

	her.db = pd_db_open(desk, 0, NULL, &err);
	her.keep = keep;
	ok(her.db != NULL, "the colleague has the desk open: %s", err.msg);
	pd_temp_watch watch = {.gone = gone};
	ok(pd_db_put_back(db, copy, keep, &watch, &err), "the restore goes through: %s", err.msg);
	ok(her.tried, "the colleague saved once the desk as it was had been kept");
	partners(desk, now, sizeof now);
	partners(keep, kept, sizeof kept);
	bool in_desk = her.saved && strstr(now, "Colleague's Partner") != NULL;
	bool in_keep = her.saved && strstr(kept, "Colleague's Partner") != NULL;
	ok(!her.saved || in_desk || in_keep, "a save she was told went in (#%lld) is in the desk or "
		"the kept file, not lost: desk [%s], kept [%s]", (long long)her.id, now, kept);
	ok(her.saved || her.err.code == PD_ERR_BUSY, "one that did not go in told her the desk was "
		"busy: %s", her.err.msg);
	if (!in_keep)
		streq(kept, before, "the kept file is the desk just before the restore");
	if (!in_desk)
		streq(now, "1 Harbor Museum", "the desk holds the copy");
	if (!her.saved) {
		ok(save_hers(), "her window saves again after the restore: %s", her.err.msg);
		partners(desk, now, sizeof now);
		ok(strstr(now, "Colleague's Partner") != NULL, "and the partner is in the desk: %s", now);
	}
	int64_t kept_high = number(keep, "SELECT max(id) FROM partners");
	ok(her.id > kept_high && her.id > later, "her partner's number (#%lld) is past every one the "
		"desk gave out before (#%lld)", (long long)her.id, (long long)kept_high);
	ok(tu_add(db, "Next Partner", NULL) > her.id, "and the next one is past hers");
	char check[64];
	streq(tu_sql(desk, "PRAGMA integrity_check", 0, check, sizeof check), "ok", "the desk checks clean");

	pd_db_close(her.db);

	/* A colleague's import holds the desk's write lock throughout: the
	 * restore says so after its wait, having kept and changed nothing. */
	sqlite3 *import = NULL;
	sqlite3_open(desk, &import);
	ok(sqlite3_exec(import, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK, "an import holds the desk");
	snprintf(keep, sizeof keep, "%s", tu_path("desk.db.before-restore-busy"));
	partners(desk, before, sizeof before);
	time_t began = time(NULL);
	ok(!pd_db_put_back(db, copy, keep, NULL, &err) && err.code == PD_ERR_BUSY &&
	   strstr(err.msg, "stayed busy") && strstr(err.msg, "nothing was changed; try again once they are done"),
	   "the restore stays busy: %s", err.msg);
	long waited = (long)(time(NULL) - began);
	ok(waited >= 9 && waited <= 15, "after waiting ten seconds, not twice that (%ld s)",
	   waited);
	ok(!tu_exists(keep), "keeping nothing");
	streq(partners(desk, now, sizeof now), before, "and the desk is as it was");
	sqlite3_exec(import, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(import);

	/* The desk kept and read through a second connection, by its path:
	 * a file moved there by hand since the desk was opened is not it. */
	char moved[512];
	snprintf(moved, sizeof moved, "%s", tu_path("moved.db"));
	snprintf(keep, sizeof keep, "%s", tu_path("desk.db.before-restore-2"));
	ok(pd_db_backup(db, moved, false, NULL, &err), "another copy: %s", err.msg);
	ok(rename(moved, desk) == 0, "is moved over the desk's name while it is open");
	partners(desk, before, sizeof before);
	watch.gone = NULL;
	ok(!pd_db_put_back(db, copy, keep, &watch, &err) && err.code == PD_ERR_REPLACED,
		"the restore is refused: %s", err.msg);
	ok(!tu_exists(keep), "keeping nothing");
	streq(partners(desk, now, sizeof now), before, "and the file there reads as before");

	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
