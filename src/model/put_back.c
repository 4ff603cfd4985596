/* `partnerdesk restore`'s model side: a backup copy written into the live
 * desk through SQLite's backup API, after keeping the desk as it was. */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "partnerdesk/model/put_back.h"
#include "partnerdesk/model/text.h"

/* How long the copy waits, in all, for others' writes to let it in. */
#define PUT_BACK_WAIT_MS 10000

/* Every object of a schema but SQLite's planner statistics (PRAGMA
 * optimize keeps those, in the desk or not), in one order for both. */
#define SCHEMA_SQL "SELECT name, type, tbl_name, sql FROM sqlite_schema " \
	"WHERE name NOT IN ('sqlite_stat1', 'sqlite_stat4') ORDER BY name"

static bool same_column(sqlite3_stmt *a, sqlite3_stmt *b, int col)
{
	const char *x = (const char *)sqlite3_column_text(a, col);
	const char *y = (const char *)sqlite3_column_text(b, col);
	return x && y ? strcmp(x, y) == 0 : x == y;
}

/* The one-line refusal naming the object of st (a copy's or the desk's):
 * "COPY <how> trigger NAME<after>; ...". */
static bool refuse_object(sqlite3_stmt *st, const char *copy_path, const char *how,
	const char *after, pd_error *err)
{
	char *name = pd_text_one_line((const char *)sqlite3_column_text(st, 0));
	pd_error_set(err, PD_ERR_DAMAGED, "%s %s %s %s%s; a copy made by `partnerdesk backup` has "
		"exactly the desk's tables, indexes, triggers and views, and one that does not could change "
		"what everyone saves after it; nothing was changed", copy_path, how,
		(const char *)sqlite3_column_text(st, 1), name ? name : "?", after);
	free(name);
	return false;
}

/* Whether the copy's schema is the desk's, object by object and word for
 * word. The check looks for what must be there; this for what must not:
 * a trigger or view (or a table's CHECK) made in the copy by hand would
 * come into the desk with it and act on every colleague's later writes. */
static bool same_schema(pd_db *db, pd_db *copy, const char *copy_path, pd_error *err)
{
	sqlite3_stmt *a = pd_stmt(copy, SCHEMA_SQL, err);
	sqlite3_stmt *b = a ? pd_stmt(db, SCHEMA_SQL, err) : NULL;
	if (!b) {
		pd_stmt_done(copy, a);
		return false;
	}
	bool ok = true;
	int ra = sqlite3_step(a), rb = sqlite3_step(b);
	for (;; ra = sqlite3_step(a), rb = sqlite3_step(b)) {
		if ((ra != SQLITE_ROW && ra != SQLITE_DONE) || (rb != SQLITE_ROW && rb != SQLITE_DONE)) {
			ok = ra != SQLITE_ROW && ra != SQLITE_DONE ? pd_db_fail(copy, err, "reading its schema")
			                                           : pd_db_fail(db, err, "reading its schema");
			break;
		}
		if (ra == SQLITE_DONE && rb == SQLITE_DONE)
			break;
		int order = ra == SQLITE_DONE ? 1 : rb == SQLITE_DONE ? -1
		          : strcmp((const char *)sqlite3_column_text(a, 0),
		                   (const char *)sqlite3_column_text(b, 0));
		if (order < 0) {
			ok = refuse_object(a, copy_path, "holds", ", which this desk does not have", err);
			break;
		}
		if (order > 0) {
			ok = refuse_object(b, copy_path, "lacks the desk's", "", err);
			break;
		}
		if (!same_column(a, b, 1) || !same_column(a, b, 2) || !same_column(a, b, 3)) {
			ok = refuse_object(a, copy_path, "defines", " otherwise than this desk does", err);
			break;
		}
	}
	pd_stmt_done(copy, a);
	pd_stmt_done(db, b);
	return ok;
}

/* The copy's schema version is the desk's by the time it gets here: the
 * read-only open of the copy refuses an older one, naming the command
 * that upgrades it (`--db COPY list`; db.c, open_readonly), and a newer
 * one ("upgrade partnerdesk"; probe_header), and the desk itself is open
 * at the latest. What is left to tell apart is the layout (same_schema). */
static bool copy_fit(pd_db *db, pd_db *copy, const char *copy_path, pd_error *err)
{
	pd_check_report r = {0};
	if (!pd_db_check(copy, &r, err))
		return false;
	bool ok = r.ok;
	if (!ok)
		pd_error_set(err, PD_ERR_DAMAGED, "%s does not check clean (%s); nothing was changed",
			copy_path, r.n_lines ? r.lines[0] : "see `partnerdesk --db COPY check`");
	pd_check_report_finish(&r);
	return ok && same_schema(db, copy, copy_path, err);
}

/* The entities whose new ids PD_NEXT_ID takes past the highest id their
 * table and the audit trail hold; each query gives that high-water mark. */
#define HIGH_WATER(table, entity, word) \
	{entity, word, "SELECT " PD_NEXT_ID(table, entity) " - 1"}
static const struct {
	const char *entity, *word, *sql;
} high_water[] = {
	HIGH_WATER("partners", "partner", "partner"),
	HIGH_WATER("contacts", "contact", "contact person"),
	HIGH_WATER("interactions", "interaction", "log entry"),
	HIGH_WATER("agreements", "agreement", "agreement"),
};
enum { N_HIGH_WATER = sizeof high_water / sizeof *high_water };

static bool read_high_water(pd_db *db, int64_t mark[N_HIGH_WATER], pd_error *err)
{
	for (int i = 0; i < N_HIGH_WATER; i++) {
		sqlite3_stmt *st = pd_stmt(db, high_water[i].sql, err);
		if (!st)
			return false;
		int rc = sqlite3_step(st);
		mark[i] = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		pd_stmt_done(db, st);
		if (rc != SQLITE_ROW)
			return pd_db_fail(db, err, "reading the highest ids given out");
	}
	return true;
}

/* The copy is older than the desk: ids the desk gave out after it would
 * be given again, and a kept note or script naming "#41" would find a
 * stranger. So the copy (our snapshot, before it goes in) gets one audit
 * entry per entity recording the desk's highest id where that is past
 * the copy's own; PD_NEXT_ID reads the trail, so new ids start past it,
 * and as the entries go in with the copy in one step, an interrupted
 * restore changes nothing. desk is read while the restore holds the
 * desk's write lock (see pd_db_put_back), so no id is given out after
 * the marks are read and before the copy is in. */
static bool carry_high_water(pd_db *desk_reader, pd_db *copy, const char *copy_path, pd_error *err)
{
	int64_t desk[N_HIGH_WATER], had[N_HIGH_WATER];
	if (!read_high_water(desk_reader, desk, err) || !pd_db_begin(copy, err))
		return false;
	if (!read_high_water(copy, had, err))
		goto fail;
	for (int i = 0; i < N_HIGH_WATER; i++) {
		if (desk[i] <= had[i])
			continue;
		char detail[4400];
		snprintf(detail, sizeof detail, "restored from %s; %s ids up to #%lld were given out "
			"before, so new ones start past it", copy_path, high_water[i].word,
			(long long)desk[i]);
		if (!pd_audit_write(copy, high_water[i].entity, desk[i], "restore", detail, err))
			goto fail;
	}
	return pd_db_commit(copy, err);
fail:
	pd_db_rollback(copy);
	return false;
}

/* One sqlite3_backup_step of n pages (-1: all that are left) into db,
 * waiting PUT_BACK_WAIT_MS in all for others' writes to let it in. The
 * step itself waits, through db's busy handler, which SQLite calls while
 * the desk's lock is refused: tries in a loop of our own around it would
 * wait that long again. */
static int step_into(pd_db *db, sqlite3_backup *b, int n)
{
	pd_db_busy_wait(db, PUT_BACK_WAIT_MS);
	int rc = sqlite3_backup_step(b, n);
	pd_db_busy_wait(db, -1);
	return rc;
}

/* err for a step of the copy into the desk that ended with rc. */
static bool refuse_step(pd_db *db, sqlite3_backup *b, const char *copy_path, int rc,
	pd_error *err)
{
	if (b && pd_db_status(rc) == PD_ERR_BUSY)
		return pd_error_set(err, PD_ERR_BUSY, "%s stayed busy (someone else is writing to it); "
			"nothing was changed; try again once they are done", db->path);
	return pd_error_set(err, PD_ERR_IO, "putting %s back into %s failed: %s; nothing was "
		"changed", copy_path, db->path, b ? sqlite3_errstr(rc) : sqlite3_errmsg(db->h));
}

/* err, for a put-back that failed once the desk as it was had been kept:
 * the desk is unchanged, but the kept file is left, and the message must
 * not say "nothing was changed" alone (a restore stopped by a signal at
 * that moment says the same, cmd_restore.c). */
static void say_kept(pd_error *err, const char *keep_path)
{
	if (!err)
		return;
	static const char *const alone[] = {"nothing was changed", "nothing was saved"};
	char *at = NULL;
	size_t cut = 0;
	for (size_t i = 0; i < sizeof alone / sizeof *alone && !at; i++)
		if ((at = strstr(err->msg, alone[i])))
			cut = strlen(alone[i]);
	char was[PD_ERROR_MSG_MAX];
	snprintf(was, sizeof was, "%s", err->msg);
	size_t before = at ? (size_t)(at - err->msg) : strlen(was);
	const char *after = at ? was + before + cut : "";
	pd_error_set(err, err->code, "%.*s%sthe desk is as it was; a copy of it was left in %s, "
		"which you may remove%s", (int)before, was, at ? "" : "; ", keep_path, after);
}

bool pd_db_put_back(pd_db *db, const char *copy_path, const char *keep_path,
	const pd_temp_watch *watch, pd_error *err)
{
	if (pd_db_readonly(db))
		return pd_error_set(err, PD_ERR_IO, "%s is open only for reading; nothing was changed",
			db->path);
	if (db->depth > 0)
		return pd_error_set(err, PD_ERR_GENERIC, "cannot put a copy back in the middle of a change");
	const char *what;
	if (pd_db_is_own_file(db, copy_path, &what))
		return pd_error_set(err, PD_ERR_INVALID, "%s is %s, not a copy of it; nothing was changed",
			copy_path, what);
	/* Checked and put back from one snapshot of our own (0600, in a
	 * directory of our own beside the desk): the file named may be
	 * someone else's, who could change it between the check and the copy
	 * and so bring in what the check refuses. The snapshot is written to
	 * (carry_high_water), so SQLite makes its -wal and -shm by name; in a
	 * directory others may write (a shared desk's) someone could put one
	 * there first. Told to watch before it is made, so that a signal
	 * removes it and them from the moment it is in place (its backup's
	 * own temporary name is watched until then); named as a backup's copy
	 * is, so that the next backup or restore beside it removes one a
	 * restore killed by SIGKILL left. */
	char dir[4200], snap[4300];
	pd_copy_dir_template(keep_path, "-checking", dir, sizeof dir);
	if (!pd_temp_mkdtemp(watch, dir))   /* mode 0700 */
		return pd_error_set(err, PD_ERR_IO, "cannot create a directory beside %s: %s; "
			"nothing was changed", db->path, strerror(errno));
	snprintf(snap, sizeof snap, "%s/copy.db", dir);
	if (watch && watch->made)
		watch->made(snap, true);
	pd_db *given = pd_db_open(copy_path, PD_OPEN_READONLY | PD_OPEN_COPY, db->rules, err);
	bool ok = given && pd_db_backup(given, snap, false, watch, err);
	pd_db_close(given);
	/* Checked as it came, read-only (an older schema is refused, not
	 * migrated); then opened to be written for the high-water marks. */
	pd_db *copy = ok ? pd_db_open(snap, PD_OPEN_READONLY | PD_OPEN_COPY, db->rules, err) : NULL;
	ok = copy && copy_fit(db, copy, copy_path, err);
	pd_db_close(copy);
	copy = NULL;
	/* The desk as it was is kept, its marks read and the copy put in
	 * under one hold of the desk's write lock: a colleague's save that
	 * came in between would be in neither the desk nor the kept file,
	 * and its id could be given out again. The backup API holds the
	 * lock from its first step to its last, and a step of no pages takes
	 * it and copies nothing (a copy that checked clean is never empty);
	 * the kept file and the marks are then read through a second
	 * connection, which in WAL mode sees the desk as last committed (this
	 * connection's reads would see the copy's pages as they go in). Colleagues' saves wait for the lock meanwhile, as
	 * for any other writer, and go in after the copy. The marks are
	 * written into the snapshot through the backup's own source
	 * connection before any page is copied. */
	sqlite3_backup *b = NULL;
	pd_db *reader = NULL;
	int rc = SQLITE_ERROR;
	if (ok) {
		copy = pd_db_open(snap, PD_OPEN_COPY, db->rules, err);
		b = copy ? sqlite3_backup_init(db->h, "main", copy->h, "main") : NULL;
		ok = copy && b && (rc = step_into(db, b, 0)) == SQLITE_OK;
		if (copy && !ok)
			refuse_step(db, b, copy_path, rc, err);
	}
	ok = ok && (reader = pd_db_open_reader(db, err)) &&
	     pd_db_backup(reader, keep_path, false, watch, err);
	bool kept = ok;
	ok = ok && carry_high_water(reader, copy, copy_path, err);
	pd_db_close(reader);
	/* All pages but the last go in with signals free to end the restore
	 * (the desk then rolls back); the last and the commit with them held
	 * until the caller knows the copy is in (watch->placed), so that what
	 * a signal says of the desk is true of it. */
	int left = ok ? sqlite3_backup_remaining(b) : 0;
	if (ok && left > 1 && (rc = step_into(db, b, left - 1)) != SQLITE_OK && rc != SQLITE_DONE) {
		ok = false;
		refuse_step(db, b, copy_path, rc, err);
	}
	if (ok) {
		if (watch && watch->hold)
			watch->hold(true);
		if (rc != SQLITE_DONE)
			rc = step_into(db, b, -1);
		if (rc == SQLITE_DONE && watch && watch->placed)
			watch->placed(db->path);
		if (watch && watch->hold)
			watch->hold(false);
		if (rc != SQLITE_DONE) {
			ok = false;
			refuse_step(db, b, copy_path, rc, err);
		}
	}
	/* Not done: rolls the desk back, and lets the lock go. */
	sqlite3_backup_finish(b);
	pd_db_close(copy);
	static const char *const sides[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof sides / sizeof *sides; i++) {
		char side[4400];
		snprintf(side, sizeof side, "%s%s", snap, sides[i]);
		unlink(side);
	}
	pd_temp_gone(watch, snap);
	rmdir(dir);
	pd_temp_gone(watch, dir);
	/* What the desk knew of its own versions is of the file before. */
	db->desk_known = false;
	pd_name_set_forget(db);
	if (!ok && kept)
		say_kept(err, keep_path);
	return ok;
}
