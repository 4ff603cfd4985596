/* The database handle: checks a file is ours before SQLite may touch it,
 * opens it with the pragmas several processes need, migrates, and offers
 * transactions, the statement cache, check, backup and checkpoint. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "schema.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/bulk.h"
#include "partnerdesk/model/text.h"

#define BUSY_TIMEOUT_MS 10000
#define BUSY_TIMEOUT_MAX_MS 3600000

/* How long a write waits for another writer's lock: BUSY_TIMEOUT_MS, or
 * PARTNERDESK_BUSY_TIMEOUT_MS when it is a whole number of milliseconds
 * (documented as a setting for tests: a test that must show a wait
 * outlasting the busy timeout shortens it rather than sleep past 10 s). The
 * only place the variable is read. */
static int busy_timeout_ms(void)
{
	const char *v = getenv("PARTNERDESK_BUSY_TIMEOUT_MS");
	if (!v || *v < '0' || *v > '9')
		return BUSY_TIMEOUT_MS;
	char *end;
	errno = 0;
	long ms = strtol(v, &end, 10);
	if (*end || errno || ms < 1 || ms > BUSY_TIMEOUT_MAX_MS)
		return BUSY_TIMEOUT_MS;
	return (int)ms;
}

/* ---- errors ---- */

/* A reader's read-only -shm while a writer sets it up (see settle). */
static bool shm_not_ready(int rc)
{
	return rc == SQLITE_READONLY_RECOVERY || rc == SQLITE_READONLY_CANTINIT ||
	       rc == SQLITE_READONLY_CANTLOCK || rc == SQLITE_BUSY_RECOVERY;
}

pd_status pd_db_status(int rc)
{
	if (shm_not_ready(rc))
		return PD_ERR_BUSY;
	switch (rc & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return PD_ERR_BUSY;
	case SQLITE_NOMEM:
		return PD_ERR_NOMEM;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return PD_ERR_DAMAGED;
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return PD_ERR_IO;
	case SQLITE_CONSTRAINT:
		return PD_ERR_INVALID;
	default:
		return PD_ERR_GENERIC;
	}
}

/* The directory a path lies in, for messages about permissions. */
/* The directory part of path (or ".") into buf, and where its last name
 * starts; false when it does not fit. */
static bool split_dir(const char *path, char *buf, size_t n, const char **base)
{
	const char *slash = strrchr(path, '/');
	*base = slash ? slash + 1 : path;
	int len = !slash ? snprintf(buf, n, ".")
	        : slash == path ? snprintf(buf, n, "/")
	        : snprintf(buf, n, "%.*s", (int)(slash - path), path);
	return len >= 0 && (size_t)len < n;
}

static void dir_of(const char *path, char *out, size_t size)
{
	const char *base;
	split_dir(path, out, size, &base);
}

/* ---- who may read a file: messages that name the owner and the remedy ---- */

static void user_name(uid_t uid, char *out, size_t size)
{
	char buf[4096];
	struct passwd pw, *found = NULL;
	if (getpwuid_r(uid, &pw, buf, sizeof buf, &found) == 0 && found && found->pw_name && *found->pw_name)
		snprintf(out, size, "%s", found->pw_name);
	else
		snprintf(out, size, "uid %lu", (unsigned long)uid);
}

static void group_name(gid_t gid, char *out, size_t size)
{
	char buf[8192];
	struct group gr, *found = NULL;
	if (getgrgid_r(gid, &gr, buf, sizeof buf, &found) == 0 && found && found->gr_name)
		snprintf(out, size, "%s", found->gr_name);
	else
		snprintf(out, size, "gid %lu", (unsigned long)gid);
}

static bool in_group(gid_t gid)
{
	if (getegid() == gid)
		return true;
	gid_t groups[256];
	int n = getgroups(sizeof groups / sizeof *groups, groups);
	for (int i = 0; i < n; i++)
		if (groups[i] == gid)
			return true;
	return false;
}

/* "owned by ana, group outreach, mode 0600". */
static void describe_file(const struct stat *st, char *out, size_t size)
{
	char u[128], g[128];
	user_name(st->st_uid, u, sizeof u);
	group_name(st->st_gid, g, sizeof g);
	snprintf(out, size, "owned by %s, group %s, mode %04o", u, g, (unsigned)(st->st_mode & 07777));
}

/* What to ask for when this user may not read path (errno EACCES): the
 * owner and mode, and who can change what. True when it set that message;
 * false when the file cannot be looked at either (the caller keeps its
 * plain message). */
static bool refuse_unreadable(const char *path, pd_error *err)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return false;
	char who[400], owner[128], group[128];
	describe_file(&st, who, sizeof who);
	user_name(st.st_uid, owner, sizeof owner);
	group_name(st.st_gid, group, sizeof group);
	if (st.st_uid == geteuid())
		return !pd_error_set(err, PD_ERR_IO, "cannot read %s: it is yours but not readable "
			"(%s); chmod 0600 it, or 0660 to share it with group %s", path, who, group);
	if (in_group(st.st_gid))
		return !pd_error_set(err, PD_ERR_IO, "cannot read %s: it is %s, so only %s may use it; "
			"ask %s or the administrator to chmod 0660 it to share it with group %s "
			"(see SHARED USE in partnerdesk(1))", path, who, owner, owner, group);
	return !pd_error_set(err, PD_ERR_IO, "cannot read %s: it is %s, and you are not in group %s; "
		"ask %s or the administrator to add you to group %s (or, for a look-only desk, to "
		"chmod o+r it; see SHARED USE in partnerdesk(1))", path, who, group, owner, group);
}

/* When a directory on the way to path does not let this user in: names
 * it, its owner and mode. True when it set that message, false when no
 * directory is in the way (the trouble is elsewhere). */
static bool refuse_unreachable(const char *path, pd_error *err)
{
	char dir[4096];
	size_t n = strlen(path);
	for (size_t i = 1; i < n && i < sizeof dir; i++) {
		if (path[i] != '/')
			continue;
		snprintf(dir, sizeof dir, "%.*s", (int)i, path);
		struct stat st;
		if (access(dir, X_OK) == 0 || errno != EACCES || stat(dir, &st) != 0)
			continue;
		char who[400], group[128];
		describe_file(&st, who, sizeof who);
		group_name(st.st_gid, group, sizeof group);
		return !pd_error_set(err, PD_ERR_IO, "cannot reach %s: the directory %s (%s) does not "
			"let you in; ask the administrator to add you to group %s (see SHARED USE in "
			"partnerdesk(1))", path, dir, who, group);
	}
	return false;
}

/* SQLite's "unable to open database file" when the trouble is FILE-wal or
 * FILE-shm: made by whoever opened the desk first, with the database
 * file's mode of that moment, and there as long as anyone has it open. A
 * reader needs to read both; a writer to read and write them. True when
 * one of them is in the way and err says so. */
static bool refuse_side_files(const pd_db *db, pd_error *err)
{
	int need = db->readonly_why[0] ? R_OK : R_OK | W_OK;
	static const char *const suffix[] = {"-wal", "-shm"};
	for (int i = 0; i < 2; i++) {
		char side[4200];
		struct stat st, main_st;
		snprintf(side, sizeof side, "%s%s", db->path, suffix[i]);
		if (stat(side, &st) != 0 || access(side, need) == 0 || errno != EACCES)
			continue;
		char who[400];
		describe_file(&st, who, sizeof who);
		unsigned mode = stat(db->path, &main_st) == 0 ? (unsigned)(main_st.st_mode & 0666) : 0660;
		return !pd_error_set(err, PD_ERR_IO, "%s is not %s for you (%s), and SQLite needs it "
			"beside %s while anyone has the database open; ask whoever keeps the desk to give "
			"the -wal and -shm files the database file's mode (chmod %04o %s-wal %s-shm; see "
			"SHARED USE in partnerdesk(1))", side,
			access(side, R_OK) == 0 ? "writable" : "readable", who, db->path, mode, db->path, db->path);
	}
	return false;
}

/* Whether this user may write path and keep SQLite's -wal and -shm beside
 * it: the file must be writable, and the directory too unless both side
 * files are already there for us to write. When not, *why says what stands
 * in the way, for a refusal or a read-only look. */
static bool may_write(const char *path, char *why, size_t size)
{
	char dir[4096], side[4200];
	dir_of(path, dir, sizeof dir);
	if (access(path, W_OK) != 0) {
		snprintf(why, size, "%s is not writable for you", path);
		return false;
	}
	if (access(dir, W_OK) == 0)
		return true;
	bool sides = true;
	static const char *const suffix[] = {"-wal", "-shm"};
	for (int i = 0; i < 2 && sides; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		sides = access(side, W_OK) == 0;
	}
	if (!sides)
		snprintf(why, size, "%s lies in %s, where you may not create files "
			"(SQLite keeps %s-wal and %s-shm beside it)", path, dir, path, path);
	return sides;
}

/* The refusal of a change to a file this user may not write. */
static bool refuse_readonly(const char *path, pd_error *err)
{
	char dir[4096];
	dir_of(path, dir, sizeof dir);
	if (access(path, W_OK) != 0)
		return pd_error_set(err, PD_ERR_IO, "%s is read-only for you, so nothing can be "
			"changed; ask whoever keeps it for write access (see SHARED USE in "
			"partnerdesk(1))", path);
	return pd_error_set(err, PD_ERR_IO, "%s cannot be used: its directory %s does not let "
		"you create files, and SQLite keeps %s-wal and %s-shm beside it; ask whoever "
		"keeps it for write access to the directory (see SHARED USE in partnerdesk(1))",
		path, dir, path, path);
}

long pd_count(pd_db *db, const char *sql, const char *doing, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	return st ? pd_count_step(db, st, doing, err) : -1;
}

long pd_count_step(pd_db *db, sqlite3_stmt *st, const char *doing, pd_error *err)
{
	long n = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	else
		pd_db_fail(db, err, doing);
	pd_stmt_done(db, st);
	return n;
}

bool pd_db_fail(pd_db *db, pd_error *err, const char *doing)
{
	if (!db->h)
		return pd_error_set(err, PD_ERR_IO, "%s could not be read again after someone "
			"changed it while %s; try again", db->path, doing);
	int rc = sqlite3_extended_errcode(db->h);
	pd_status code = pd_db_status(rc);
	/* SQLite reports a full disk met while growing -wal or -shm as an I/O
	 * error; the errno says what it was. */
	int sys = sqlite3_system_errno(db->h);
	/* A reader's read-only -shm can be caught while a writer sets it up
	 * or recovers it: a look to take again (pd_db_stale), not damage. */
	if (db->readonly_why[0] && (shm_not_ready(rc) || (rc & 0xFF) == SQLITE_BUSY))
		db->unsettled = true;
	if (code == PD_ERR_BUSY)
		return pd_error_set(err, code, "%s is busy (someone else is writing to it) "
			"and stayed locked while %s; try again", db->path, doing);
	if ((rc & 0xFF) == SQLITE_FULL || ((rc & 0xFF) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT)))
		return pd_error_set(err, PD_ERR_IO, "the disk holding %s is full while %s; "
			"nothing was saved. Free some space and try again", db->path, doing);
	/* A write refused under a file size limit (ulimit -f): by the time
	 * the error is recorded errno may say anything, so a limit set is
	 * taken as the cause. Only of an I/O error: SQLite keeps the errno of
	 * the last one, and a constraint refused after it is no such write. */
	struct rlimit fsize;
	if ((rc & 0xFF) == SQLITE_IOERR && (rc == SQLITE_IOERR_WRITE || sys == EFBIG) &&
	    getrlimit(RLIMIT_FSIZE, &fsize) == 0 && fsize.rlim_cur != RLIM_INFINITY)
		return pd_error_set(err, PD_ERR_IO, "%s cannot grow past this session's file size limit "
			"(ulimit -f: %llu bytes) while %s; nothing was saved. Raise the limit and try again",
			db->path, (unsigned long long)fsize.rlim_cur, doing);
	if (((rc & 0xFF) == SQLITE_CANTOPEN || (rc & 0xFF) == SQLITE_READONLY ||
	     (rc & 0xFF) == SQLITE_IOERR || (rc & 0xFF) == SQLITE_PERM) && refuse_side_files(db, err))
		return false;
	if ((rc & 0xFF) == SQLITE_READONLY) {
		char why[sizeof db->readonly_why];
		if (!may_write(db->path, why, sizeof why))
			return refuse_readonly(db->path, err);
		return pd_error_set(err, code, "%s cannot be written while %s (%s); "
			"check its permissions", db->path, doing, sqlite3_errmsg(db->h));
	}
	return pd_error_set(err, code, "database error while %s: %s (%s)",
		doing, sqlite3_errmsg(db->h), db->path);
}

/* ---- statements ---- */

sqlite3_stmt *pd_stmt(pd_db *db, const char *sql, pd_error *err)
{
	if (db->explain)
		pd_explain_record(db, sql);
	for (size_t i = 0; i < db->n_stmts; i++) {
		pd_stmt_entry *e = &db->stmts[i];
		if (strcmp(e->sql, sql) != 0)
			continue;
		if (e->busy)
			break;   /* nested use of the same SQL: prepare a private one */
		e->busy = true;
		return e->stmt;
	}
	sqlite3_stmt *st = NULL;
	bool cache = true;
	for (size_t i = 0; i < db->n_stmts; i++)
		if (strcmp(db->stmts[i].sql, sql) == 0)
			cache = false;
	if (sqlite3_prepare_v3(db->h, sql, -1, cache ? SQLITE_PREPARE_PERSISTENT : 0,
	                       &st, NULL) != SQLITE_OK) {
		pd_db_fail(db, err, "preparing a query");
		return NULL;
	}
	if (!cache)
		return st;
	if (db->n_stmts == db->cap_stmts) {
		size_t cap = db->cap_stmts ? db->cap_stmts * 2 : 32;
		pd_stmt_entry *v = realloc(db->stmts, cap * sizeof *v);
		if (!v) {
			sqlite3_finalize(st);
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			return NULL;
		}
		db->stmts = v;
		db->cap_stmts = cap;
	}
	char *copy = strdup(sql);
	if (!copy) {
		sqlite3_finalize(st);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	db->stmts[db->n_stmts++] = (pd_stmt_entry){copy, st, true};
	return st;
}

void pd_stmt_done(pd_db *db, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < db->n_stmts; i++) {
		if (db->stmts[i].stmt == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			db->stmts[i].busy = false;
			return;
		}
	}
	sqlite3_finalize(st);
}

static void tx_free(pd_db *db);

static void stmts_free(pd_db *db)
{
	for (size_t i = 0; i < db->n_stmts; i++) {
		sqlite3_finalize(db->stmts[i].stmt);
		free(db->stmts[i].sql);
	}
	free(db->stmts);
	db->stmts = NULL;
	db->n_stmts = db->cap_stmts = 0;
}

bool pd_db_exec(pd_db *db, const char *sql, pd_error *err)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return pd_db_fail(db, err, "writing");
	return true;
}

void pd_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void pd_bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	pd_bind_text(st, i, s && *s ? s : NULL);
}

void pd_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

char *pd_col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? strdup((const char *)s) : NULL;
}

bool pd_col_copy(sqlite3_stmt *st, int i, char **out)
{
	*out = pd_col_str(st, i);
	return *out || sqlite3_column_type(st, i) == SQLITE_NULL;
}

void pd_col_buf(sqlite3_stmt *st, int i, char *out, size_t size)
{
	/* Not snprintf: this fills every date and time column read, and
	 * formatting was a tenth of an export. Same truncation. */
	const unsigned char *s = sqlite3_column_text(st, i);
	size_t n = s ? (size_t)sqlite3_column_bytes(st, i) : 0;
	if (!size)
		return;
	if (n >= size) {
		n = size - 1;
		/* Cut before a character, not in it: half of one is not UTF-8,
		 * and these buffers go into audit details and messages. */
		while (n && (s[n] & 0xC0) == 0x80)
			n--;
	}
	if (n)
		memcpy(out, s, n);
	out[n] = '\0';
}

void pd_join(const pd_strv *sv, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sv->n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i ? ", " : "", sv->v[i]);
}

bool pd_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f' && *s != '\v')
			return false;
	return true;
}

/* ---- clock and user ---- */

time_t pd_db_now(const pd_db *db)
{
	return db && db->fixed_now ? db->fixed_now : time(NULL);
}

void pd_db_set_now(pd_db *db, time_t fixed)
{
	if (db)
		db->fixed_now = fixed;
}

void pd_db_busy_wait(pd_db *db, int ms)
{
	sqlite3_busy_timeout(db->h, ms < 0 ? busy_timeout_ms() : ms);
}

void pd_db_stamp(const pd_db *db, char out[PD_TIME_LEN])
{
	pd_time_format(pd_db_now(db), out);
}

void pd_db_today(const pd_db *db, char out[PD_DATE_LEN])
{
	pd_date_today(pd_db_now(db), out);
}


const char *pd_db_user(const pd_db *db)
{
	return db->user;
}

long long pd_db_data_version(pd_db *db)
{
	if (!db || !db->h)
		return -1;
	pd_error err = {0};
	sqlite3_stmt *st = pd_stmt(db, "PRAGMA data_version", &err);
	if (!st)
		return -1;
	long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	pd_stmt_done(db, st);
	return v;
}

long long pd_db_desk_version(pd_db *db)
{
	long long dv = pd_db_data_version(db);
	if (dv < 0)
		return -1;
	if (db->desk_known && dv == db->desk_dv)
		return db->desk_mark;
	/* Every change to the desk writes an audit entry; a colleague's draft
	 * (saved every few seconds while they type) writes none. */
	pd_error err = {0};
	sqlite3_stmt *st = pd_stmt(db, "SELECT coalesce(max(id), 0) FROM audit", &err);
	if (!st)
		return -1;
	long long mark = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	pd_stmt_done(db, st);
	if (mark < 0)
		return -1;
	db->desk_dv = dv;
	db->desk_mark = mark;
	db->desk_known = true;
	return mark;
}

const pd_rules *pd_db_rules(const pd_db *db)
{
	return db->rules;
}

const char *pd_db_path(const pd_db *db)
{
	return db->path;
}

int pd_db_schema_version(const pd_db *db)
{
	return db->schema;
}

int pd_db_latest_schema_version(void)
{
	return pd_n_migrations;
}

/* ---- SQL functions the model's queries use ---- */

/* pd_stage_rank(stage): the stage's place in the configured pipeline, so
 * lists sort in pipeline order; unknown stages sort last. */
static void fn_stage_rank(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const pd_db *db = sqlite3_user_data(ctx);
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	long i = pd_rules_stage_index(db->rules, s);
	sqlite3_result_int64(ctx, i < 0 ? (sqlite3_int64)db->rules->n_stages : i);
}

/* pd_name_key(text): the folded key names are stored under; used by check. */
static void fn_name_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char *k = pd_name_key(s ? s : "");
	if (!k) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, k, -1, free);
}

/* pd_sort_key(name): the key partners are listed by, as partner.c stores
 * it; migration 2 fills it in for rows written before. */
static void fn_sort_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	char *k = pd_name_key(s ? s : "");
	if (!k) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	pd_sort_key_in_place(k);
	sqlite3_result_text(ctx, k, -1, free);
}

/* COLLATE pd_fold: pd_fold_cmp, the order the exports counted partners
 * created in one second by (PD_DERIVE_UIDS). Out of memory: bytes. */
static int coll_fold(void *arg, int na, const void *a, int nb, const void *b)
{
	(void)arg;
	char *x = strndup(a, (size_t)na), *y = strndup(b, (size_t)nb);
	int c;
	if (x && y) {
		c = pd_fold_cmp(x, y);
	} else {
		c = memcmp(a, b, (size_t)(na < nb ? na : nb));
		if (!c)
			c = (na > nb) - (na < nb);
	}
	free(x);
	free(y);
	return c;
}

char *pd_name_key(const char *name)
{
	char *f = pd_fold(name ? name : "");
	if (!f)
		return NULL;
	/* Collapse runs of white space to one space and trim the ends. */
	size_t w = 0;
	bool space = true;
	for (size_t r = 0; f[r]; r++) {
		char c = f[r];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			if (!space)
				f[w++] = ' ';
			space = true;
		} else {
			f[w++] = c;
			space = false;
		}
	}
	if (w > 0 && f[w - 1] == ' ')
		w--;
	f[w] = '\0';
	return f;
}

/* ---- opening ---- */

enum header_state { HEADER_EMPTY, HEADER_OURS };

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A refused backup copy (PD_OPEN_COPY, restore's FILE) is itself the
 * backup, so "restore it from a backup" or "give another --db" would send
 * the user round in a circle: it gets another copy, or the YAML way back. */
#define COPY_WHAT "copy made by `partnerdesk backup`"
#define COPY_ADVICE "Restore another copy made by `partnerdesk backup`, or bring a YAML " \
	"backup back with `partnerdesk import FILE` into an empty desk"

/* An empty file opened read-only: a desk nobody has written yet, or (as
 * restore's FILE) no copy at all, a backup that never got written. */
static bool empty_file(const char *path, unsigned flags, pd_error *err)
{
	if (flags & PD_OPEN_COPY)
		return pd_error_set(err, PD_ERR_NOT_OURS, "%s is empty, not a copy made by `partnerdesk backup` "
			"(a backup that was never written?); nothing was changed. " COPY_ADVICE, path);
	return pd_error_set(err, PD_ERR_NOTFOUND, "%s holds no partnerdesk database yet (it is empty)", path);
}

/* Reads the 100-byte SQLite header with plain read(2), so that a file that
 * is not ours is judged without SQLite ever opening (or journaling) it. */
static bool probe_header(const char *path, unsigned flags, enum header_state *state,
	pd_error *err)
{
	bool copy = flags & PD_OPEN_COPY;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		if (e == EACCES && refuse_unreadable(path, err))
			return false;
		return pd_error_set(err, PD_ERR_IO, "cannot read %s: %s", path, strerror(e));
	}
	unsigned char h[100];
	size_t got = 0;
	while (got < sizeof h) {
		ssize_t n = read(fd, h + got, sizeof h - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return pd_error_set(err, PD_ERR_IO, "cannot read %s: %s", path, strerror(e));
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got == 0) {
		*state = HEADER_EMPTY;
		return true;
	}
	if ((got < sizeof h || memcmp(h, "SQLite format 3", 16) != 0) && copy) {
		/* The command as it runs: the file one shell word ("'my backup.yaml'"). */
		char *word = pd_shell_word(path);
		pd_error_set(err, PD_ERR_NOT_OURS,
			"%s is not a " COPY_WHAT " (it is not an SQLite file); nothing was changed. "
			"A YAML backup (from `partnerdesk export --format yaml`) goes back with "
			"`partnerdesk import %s` into an empty desk instead", path, word ? word : path);
		free(word);
		return false;
	}
	if (got < sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return pd_error_set(err, PD_ERR_NOT_OURS,
			"%s is not a partnerdesk database (it is not an SQLite file); nothing was changed. "
			"Give another file with --db", path);
	uint32_t app = be32(h + 68);
	if (app != PD_APPLICATION_ID)
		return pd_error_set(err, PD_ERR_NOT_OURS,
			"%s is not a %s (an SQLite database of another program, application id "
			"0x%08lx); nothing was changed. %s", path,
			copy ? COPY_WHAT : "partnerdesk database", (unsigned long)app,
			copy ? COPY_ADVICE : "Give another file with --db");
	unsigned page = (unsigned)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	if (page < 512 || (page & (page - 1)) != 0)
		return pd_error_set(err, PD_ERR_DAMAGED,
			"%s is damaged (its header names an impossible page size); nothing was changed. "
			"%s", path, copy ? COPY_ADVICE : "Restore it from a backup");
	uint32_t uv = be32(h + 60);
	if (uv > (uint32_t)pd_n_migrations)
		return pd_error_set(err, PD_ERR_NEWER,
			"%s was written by a newer partnerdesk (schema %lu, this program knows %d); "
			"upgrade partnerdesk", path, (unsigned long)uv, pd_n_migrations);
	*state = HEADER_OURS;
	return true;
}

static bool query_int(pd_db *db, const char *sql, long *out, pd_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return pd_db_fail(db, err, "reading the schema");
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return pd_db_fail(db, err, "reading the schema");
	}
	*out = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return true;
}

static bool damaged(pd_db *db, pd_error *err, const char *what)
{
	/* quick_check's report spans lines; the first finding is enough. */
	char first[200];
	const char *w = strncmp(what, "*** in database main ***\n", 25) == 0 ? what + 25 : what;
	snprintf(first, sizeof first, "%.*s", (int)strcspn(w, "\n"), w);
	if (db->flags & PD_OPEN_COPY)
		return pd_error_set(err, PD_ERR_DAMAGED, "%s is damaged (%s); nothing was changed. "
			COPY_ADVICE, db->path, first);
	return pd_error_set(err, PD_ERR_DAMAGED,
		"%s is damaged (%s); nothing was changed. Restore it from a backup, "
		"or try `sqlite3 %s .recover` on a copy", db->path, first, db->path);
}

/* Opening must stay quick at any size (the interface's first frame waits
 * on it), but quick_check reads the whole file: half a second to several
 * at 100,000 partners (1 GB), and it runs as one step, so no progress
 * handler can cut it short. Files up to CHECK_FULL_BYTES, where it costs a
 * few milliseconds, get the whole check; a larger one gets the check of
 * its schema b-tree besides the header, id and version checks, and `check`
 * reads everything. Damage deeper in is still refused when a read meets
 * it (SQLITE_CORRUPT is PD_ERR_DAMAGED). */
#define CHECK_FULL_BYTES (8L << 20)

typedef pd_file_mark file_mark;

static void file_mark_take(const char *path, file_mark *m)
{
	memset(m, 0, sizeof *m);
	struct stat st;
	if (stat(path, &st) == 0) {
		m->exists = true;
		m->dev = st.st_dev;
		m->ino = st.st_ino;
		m->size = st.st_size;
		m->mtime = st.st_mtim;
		m->ctime = st.st_ctim;
	}
	char side[4096];
	snprintf(side, sizeof side, "%s-wal", path);
	m->wal = stat(side, &st) == 0;
	snprintf(side, sizeof side, "%s-shm", path);
	m->shm = stat(side, &st) == 0;
}

static bool file_mark_same(const file_mark *a, const file_mark *b)
{
	return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
	       a->size == b->size && a->wal == b->wal && a->shm == b->shm &&
	       a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec &&
	       a->ctime.tv_sec == b->ctime.tv_sec && a->ctime.tv_nsec == b->ctime.tv_nsec;
}

static bool check_readonly_once(pd_db *db, bool idle, pd_error *err);
static bool settle(pd_db *db, pd_error *err);

/* The bytes of the database file SQLite's unix VFS read-locks for every
 * connection (its os.h: PENDING_BYTE + 2, SHARED_SIZE). */
#define SQLITE_SHARED_FIRST (0x40000000 + 2)
#define SQLITE_SHARED_SIZE 510

/* A reader's lock taken as SQLite's own: while it is held no writer's
 * close can take the exclusive lock it needs to remove -wal and -shm, so
 * side files seen are still there when SQLite opens them (if they vanished
 * in between, SQLite would create them, owned by a reader who may not
 * write, and every writer after would fail on them). Returns the fd to
 * close when the look is over, or -1. Any close of an fd on the file
 * drops the process's locks on it, SQLite's too: close the guard only
 * after the connection. */
static int reader_guard(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET,
	                   .l_start = SQLITE_SHARED_FIRST, .l_len = SQLITE_SHARED_SIZE};
	/* A writer holds the exclusive lock only while it checkpoints. */
	int limit = busy_timeout_ms();
	for (int waited = 0; fcntl(fd, F_SETLK, &fl) != 0; waited += 5) {
		if ((errno != EACCES && errno != EAGAIN) || waited >= limit) {
			close(fd);
			return -1;
		}
		sqlite3_sleep(5);
	}
	return fd;
}

/* -wal without -shm is a writer between making one and the other (or
 * removing them); a moment later both are there or neither. */
static void mark_settle(const char *path, file_mark *m)
{
	file_mark_take(path, m);
	for (int i = 0; i < 100 && m->wal && !m->shm; i++) {
		sqlite3_sleep(10);
		file_mark_take(path, m);
	}
}

static bool wal_without_shm(const pd_db *db, pd_error *err)
{
	return pd_error_set(err, PD_ERR_IO, "%s-wal is there without %s-shm (a partnerdesk "
		"stopped while opening or closing it), and you may not create it; it can be "
		"read once someone who may write %s opens it", db->path, db->path, db->path);
}

/* Query parameters for a reader's look through -wal and -shm: an -shm it
 * may not write is opened read-only (SQLite then reads the WAL itself). */
static const char *reader_params(const pd_db *db)
{
	char shm[4200];
	snprintf(shm, sizeof shm, "%s-shm", db->path);
	return access(shm, W_OK) == 0 ? "" : "&readonly_shm=1";
}

/* Opens read-only and looks before any write: quick_check (bounded, see
 * above), application id, schema version.
 *
 * A read-only connection to a WAL file makes -wal and -shm files beside
 * it. When neither exists nobody has the file open and no WAL content is
 * pending, so we look at it as immutable and leave no trace; otherwise
 * they are someone's, and we read through them. But "idle" is only true of
 * the moment we looked: another process may open the file and checkpoint
 * into it while an immutable reader (which takes no locks) is reading, and
 * that reader then sees a torn tree. So a verdict reached as immutable
 * counts only when the file did not change meanwhile; otherwise we look
 * again, through the locks. */
static bool check_readonly(pd_db *db, pd_error *err)
{
	/* A reader (a user who may not write the file or its directory) has
	 * no look through the locks without -wal and -shm there: SQLite would
	 * create them. So it looks as immutable whenever there is no -wal (no
	 * WAL, nothing that is not in the main file), and again when the file
	 * changed meanwhile, a few times. */
	bool reader = db->readonly_why[0] != '\0';
	for (int attempt = 0;; attempt++) {
		file_mark before, after;
		int guard = reader ? reader_guard(db->path) : -1;
		if (reader)
			mark_settle(db->path, &before);
		else
			file_mark_take(db->path, &before);
		bool idle = reader ? !before.wal : !before.wal && !before.shm && attempt == 0;
		bool ok = reader && before.wal && !before.shm ? wal_without_shm(db, err)
		                                              : check_readonly_once(db, idle, err);
		if (guard >= 0)
			close(guard);
		if (ok)
			return true;
		if (!idle)
			return false;
		file_mark_take(db->path, &after);
		if (file_mark_same(&before, &after) || attempt >= 5)
			return false;
		/* Someone came along while we read: their locks make the next
		 * look consistent. */
		pd_error_clear(err);
	}
}

/* A -journal beside our file is a write that stopped halfway (the schema
 * is created in rollback-journal mode before the switch to WAL, so a kill
 * then leaves one). A read-only look cannot use the file until the journal
 * is played back: as immutable it would see the torn pages, and through
 * the locks SQLite refuses (SQLITE_READONLY_ROLLBACK). So a writer plays it
 * back first, which returns the file to its last committed state: that is
 * recovery of our own file, not a change to one we refuse. */
static bool recover_hot_journal(pd_db *db, bool readonly, pd_error *err)
{
	char journal[4096];
	struct stat st;
	snprintf(journal, sizeof journal, "%s-journal", db->path);
	if (stat(journal, &st) != 0 || st.st_size == 0)
		return true;
	if (readonly && db->readonly_why[0])
		return pd_error_set(err, PD_ERR_DAMAGED, "%s has an unfinished write "
			"(%s) from a partnerdesk that stopped, and you may not write it; it can "
			"be read once someone who may write it opens it", db->path, journal);
	if (readonly)
		return pd_error_set(err, PD_ERR_DAMAGED, "%s has an unfinished write "
			"(%s) from a partnerdesk that stopped; open it once without "
			"read-only so it can be rolled back", db->path, journal);
	sqlite3 *h = NULL;
	bool ok = sqlite3_open_v2(db->path, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
	if (ok) {
		sqlite3_busy_timeout(h, busy_timeout_ms());
		/* Any read takes the shared lock, which plays the journal back. */
		ok = sqlite3_exec(h, "PRAGMA schema_version", NULL, NULL, NULL) == SQLITE_OK;
	}
	if (!ok) {
		pd_error_set(err, pd_db_status(sqlite3_errcode(h)),
			"%s has an unfinished write (%s) that could not be rolled back: %s; "
			"make sure you may write to the file and its directory",
			db->path, journal, h ? sqlite3_errmsg(h) : "out of memory");
	}
	sqlite3_close(h);
	return ok;
}

/* A URI for path read-only, with query parameters `params` ("&..."). */
static void readonly_uri(const char *path, const char *params, char *uri, size_t size)
{
	size_t u = (size_t)snprintf(uri, size, "file:");
	for (const char *p = path; *p && u + 4 < size; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			u += (size_t)snprintf(uri + u, size - u, "%%%02X", (unsigned char)*p);
		else
			uri[u++] = *p;
	}
	snprintf(uri + u, size - u, "?mode=ro%s", params);
}

static bool check_readonly_once(pd_db *db, bool idle, pd_error *err)
{
	char uri[3 * 4096 + 64];
	readonly_uri(db->path, idle ? "&immutable=1" : db->readonly_why[0] ? reader_params(db) : "",
	             uri, sizeof uri);
	if (sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
		bool r = pd_db_fail(db, err, "opening");
		sqlite3_close(db->h);
		db->h = NULL;
		return r;
	}
	sqlite3_busy_timeout(db->h, busy_timeout_ms());
	sqlite3_extended_result_codes(db->h, 1);
	bool ok = false;
	sqlite3_stmt *st = NULL;
	struct stat fst;
	if (!idle && db->readonly_why[0] && !settle(db, err))
		goto out;
	bool big = stat(db->path, &fst) == 0 && fst.st_size > CHECK_FULL_BYTES;
	if (sqlite3_prepare_v2(db->h, big ? "PRAGMA quick_check(sqlite_schema)" : "PRAGMA quick_check(1)",
	                       -1, &st, NULL) != SQLITE_OK) {
		if (pd_db_status(sqlite3_errcode(db->h)) == PD_ERR_DAMAGED)
			damaged(db, err, sqlite3_errmsg(db->h));
		else
			pd_db_fail(db, err, "checking");
		goto out;
	}
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		if (pd_db_status(sqlite3_errcode(db->h)) == PD_ERR_DAMAGED)
			damaged(db, err, sqlite3_errmsg(db->h));
		else
			pd_db_fail(db, err, "checking");
		goto out;
	}
	const char *res = (const char *)sqlite3_column_text(st, 0);
	if (!res || strcmp(res, "ok") != 0) {
		damaged(db, err, res ? res : "quick_check failed");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	long app, uv;
	if (!query_int(db, "PRAGMA application_id", &app, err) ||
	    !query_int(db, "PRAGMA user_version", &uv, err))
		goto out;
	if ((uint32_t)app != PD_APPLICATION_ID) {
		pd_error_set(err, PD_ERR_NOT_OURS, "%s is not a partnerdesk database "
			"(application id 0x%08lx); nothing was changed", db->path, (unsigned long)(uint32_t)app);
		goto out;
	}
	if (uv > pd_n_migrations) {
		pd_error_set(err, PD_ERR_NEWER, "%s was written by a newer partnerdesk "
			"(schema %ld, this program knows %d); upgrade partnerdesk",
			db->path, uv, pd_n_migrations);
		goto out;
	}
	ok = true;
out:
	sqlite3_finalize(st);
	sqlite3_close(db->h);
	db->h = NULL;
	return ok;
}

static bool migrate(pd_db *db, pd_error *err)
{
	long ran = -1;   /* the last step this upgrade ran */
	long seen = -1;  /* data_version when it began */
	for (;;) {
		if (!pd_db_exec(db, "BEGIN IMMEDIATE", err))
			return false;
		long uv, dv;
		if (!query_int(db, "PRAGMA user_version", &uv, err) ||
		    !query_int(db, "PRAGMA data_version", &dv, err))
			goto fail;
		if (uv > pd_n_migrations) {
			pd_error_set(err, PD_ERR_NEWER, "%s was written by a newer partnerdesk "
				"(schema %ld, this program knows %d); upgrade partnerdesk",
				db->path, uv, pd_n_migrations);
			goto fail;
		}
		if (uv == pd_n_migrations) {
			db->schema = (int)uv;
			return pd_db_exec(db, "COMMIT", err);
		}
		/* Re-read inside the transaction: another process may have
		 * migrated while we waited for the lock. */
		/* The shortcut trusts what the step before left; a program that
		 * knows only that schema may have written between the two
		 * commits (data_version moves only for others' commits), with
		 * its own foldings, and then the step runs whole. */
		const char *step = pd_migrations[uv];
		if (ran >= 0 && ran == uv - 1 && dv == seen && pd_migrations_after_previous[uv])
			step = pd_migrations_after_previous[uv];
		if (sqlite3_exec(db->h, step, NULL, NULL, NULL) != SQLITE_OK) {
			char what[64];
			snprintf(what, sizeof what, "upgrading the schema to version %ld", uv + 1);
			pd_db_fail(db, err, what);
			goto fail;
		}
		if (!pd_db_exec(db, "COMMIT", err))
			goto fail;
		db->wrote = true;
		ran = uv;
		seen = dv;
	}
fail:
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return false;
}

/* Checkpoint starvation: with several processes always reading, passive
 * checkpoints never catch up and the -wal file grows without bound (53 MB in
 * 20 s with 8 writers). So a commit checkpoints passively from
 * WAL_CHECKPOINT_FRAMES (as SQLite's own auto-checkpoint does), and once the
 * WAL holds twice that it tries a RESTART checkpoint, which waits briefly
 * for readers to move on so the WAL can start over; if they do not, it acts
 * as a passive one and the next commit tries again. */
#define WAL_CHECKPOINT_FRAMES 1000
#define WAL_RESTART_WAIT_MS 100

static int wal_hook(void *arg, sqlite3 *h, const char *name, int frames)
{
	(void)arg;
	if (frames < WAL_CHECKPOINT_FRAMES)
		return SQLITE_OK;
	if (frames < 2 * WAL_CHECKPOINT_FRAMES) {
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		return SQLITE_OK;
	}
	sqlite3_busy_timeout(h, WAL_RESTART_WAIT_MS);
	sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_RESTART, NULL, NULL);
	sqlite3_busy_timeout(h, busy_timeout_ms());
	return SQLITE_OK;
}

/* A reader whose -shm is read-only cannot set it up: for a moment after a
 * writer made it (or while one recovers it) a read fails with
 * SQLITE_READONLY_CANTINIT or _RECOVERY. A first read waits that out. */
static bool settle(pd_db *db, pd_error *err)
{
	int limit = busy_timeout_ms();
	for (int waited = 0;; waited += 10) {
		int rc = sqlite3_exec(db->h, "PRAGMA schema_version", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return true;
		rc = sqlite3_extended_errcode(db->h);
		if ((!shm_not_ready(rc) && (rc & 0xFF) != SQLITE_BUSY) || waited >= limit)
			return pd_db_fail(db, err, "opening");
		sqlite3_sleep(10);
	}
}

/* A reader's connection (see check_readonly): as immutable when there is
 * no -wal, with the mark pd_db_stale compares against; else through -wal
 * and -shm, which the guard keeps in place until SQLite holds its own
 * lock (and, merged with it, for the connection's life). */
static bool open_reader(pd_db *db, int oflags, pd_error *err)
{
	db->guard_fd = reader_guard(db->path);
	mark_settle(db->path, &db->mark);
	if (db->mark.wal && !db->mark.shm)
		return wal_without_shm(db, err);
	db->immutable = !db->mark.wal;
	char uri[3 * 4096 + 64];
	readonly_uri(db->path, db->immutable ? "&immutable=1" : reader_params(db), uri, sizeof uri);
	if (sqlite3_open_v2(uri, &db->h, oflags | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
		return pd_db_fail(db, err, "opening");
	sqlite3_extended_result_codes(db->h, 1);
	return db->immutable || settle(db, err);
}

static bool setup_connection(pd_db *db, bool readonly, pd_error *err)
{
	/* NOMUTEX: a handle is only ever used by one thread, and the
	 * connection's mutex cost a tenth of a bulk import. */
	int oflags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
	if (readonly && db->readonly_why[0]) {
		if (!open_reader(db, oflags, err))
			return false;
	} else if (sqlite3_open_v2(db->path, &db->h, oflags, NULL) != SQLITE_OK) {
		return pd_db_fail(db, err, "opening");
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, busy_timeout_ms());
	if (!readonly)
		sqlite3_wal_hook(db->h, wal_hook, NULL);
	if (!pd_db_exec(db, "PRAGMA foreign_keys = ON", err))
		return false;
	sqlite3_create_function(db->h, "pd_stage_rank", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
		db, fn_stage_rank, NULL, NULL);
	sqlite3_create_function(db->h, "pd_name_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
		NULL, fn_name_key, NULL, NULL);
	sqlite3_create_function(db->h, "pd_sort_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
		NULL, fn_sort_key, NULL, NULL);
	sqlite3_create_collation(db->h, "pd_fold", SQLITE_UTF8, NULL, coll_fold);
	if (!pd_search_register(db) || !pd_likely_register(db))
		return pd_db_fail(db, err, "opening");
	return true;
}

/* The rest of opening a read-only handle, from the look before SQLite
 * may use the file to the connection; also what pd_db_reopen does again. */
static bool open_readonly(pd_db *db, pd_error *err)
{
	enum header_state state = HEADER_EMPTY;
	/* The play-back may take the file back to empty (a kill during its
	 * very first transaction), so judge the header again after it. */
	if (!recover_hot_journal(db, true, err) || !probe_header(db->path, db->flags, &state, err))
		return false;
	if (state == HEADER_EMPTY)
		return empty_file(db->path, db->flags, err);
	if (!check_readonly(db, err) || !setup_connection(db, true, err))
		return false;
	long uv;
	if (!query_int(db, "PRAGMA user_version", &uv, err))
		return false;
	db->schema = (int)uv;
	/* A command that only reads (check, restore's COPY) meets this after
	 * an upgrade's first start was killed or never came: the advice
	 * names a command that opens the file for writing, and so upgrades
	 * it, and changes nothing else. */
	if (uv < pd_n_migrations && db->readonly_why[0])
		return pd_error_set(err, PD_ERR_INVALID, "%s has an older schema (%ld, this program "
			"knows %d); it can be read once someone who may write it opens it with this "
			"partnerdesk", db->path, uv, pd_n_migrations);
	if (uv < pd_n_migrations)
		return pd_error_set(err, PD_ERR_INVALID, "%s has an older schema (%ld, this program "
			"knows %d); run `partnerdesk --db %s list` once to upgrade it", db->path, uv,
			pd_n_migrations, db->path);
	return true;
}

/* Closes the connection and the guard beside it, in that order. */
static void close_connection(pd_db *db)
{
	pd_guess_forget(db);
	pd_name_set_forget(db);
	if (db->h) {
		if (db->depth > 0)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		db->depth = 0;
		stmts_free(db);
		tx_free(db);
		/* The side files named after the path belong to the file there
		 * now: no optimize (it may write), no checkpoint, no removal.
		 * Optimize may rewrite the statistics, so only a connection that
		 * saved something runs it: a dry run or a list leaves the bytes. */
		if (pd_db_replaced(db))
			sqlite3_db_config(db->h, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
		else if (!(db->flags & PD_OPEN_READONLY) && db->schema == pd_n_migrations && db->wrote)
			sqlite3_exec(db->h, "PRAGMA optimize", NULL, NULL, NULL);
		sqlite3_close_v2(db->h);
		db->h = NULL;
	}
	if (db->guard_fd >= 0)
		close(db->guard_fd);
	db->guard_fd = -1;
	db->immutable = false;
	db->unsettled = false;
	db->wrote = false;
}

bool pd_db_replaced(pd_db *db)
{
	if (!db || db->replaced)
		return db != NULL;
	if (!db->file_known)
		return false;
	struct stat st;
	if (stat(db->path, &st) == 0)
		db->replaced = st.st_dev != db->file_dev || st.st_ino != db->file_ino;
	else
		db->replaced = errno == ENOENT || errno == ENOTDIR;
	return db->replaced;
}

static bool refuse_replaced(pd_db *db, pd_error *err)
{
	return pd_error_set(err, PD_ERR_REPLACED, "%s was replaced or removed since it was "
		"opened; nothing was saved. Start partnerdesk again to work on the file there now",
		db->path);
}

pd_db *pd_db_open_reader(pd_db *db, pd_error *err)
{
	pd_db *r = calloc(1, sizeof *r);
	if (!r || !(r->path = strdup(db->path))) {
		free(r);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	r->flags = PD_OPEN_READONLY;
	r->guard_fd = -1;
	r->rules = db->rules;
	r->schema = db->schema;
	memcpy(r->user, db->user, sizeof r->user);
	bool ok = setup_connection(r, true, err);
	/* Asked after opening, so that a file moved in by then is seen: the
	 * reader opens by the path, db holds the file it opened. */
	if (ok && pd_db_replaced(db))
		ok = refuse_replaced(db, err);
	if (!ok) {
		pd_db_close(r);
		return NULL;
	}
	return r;
}

bool pd_db_readonly(const pd_db *db)
{
	return db && (db->flags & PD_OPEN_READONLY);
}

const char *pd_db_readonly_why(const pd_db *db)
{
	return db && db->readonly_why[0] ? db->readonly_why : NULL;
}

bool pd_db_stale(const pd_db *db)
{
	if (db && db->unsettled)
		return true;
	if (!db || !db->immutable)
		return false;
	file_mark now;
	file_mark_take(db->path, &now);
	return !file_mark_same(&db->mark, &now);
}

bool pd_db_reopen(pd_db *db, pd_error *err)
{
	if (!db || !(db->flags & PD_OPEN_READONLY))
		return true;
	close_connection(db);
	if (open_readonly(db, err))
		return true;
	close_connection(db);
	return false;
}

/* A new file is 0600 (a personal desk), but in a set-group-ID directory
 * the group may write, the administrator's sign of a shared one, that
 * is likely not what was meant: say so, and how to share it. Not widened
 * on our own: a typo in PARTNERDESK_DB must not publish a desk. */
static void note_private_in_shared_dir(pd_db *db)
{
	char dir[4096], group[128];
	struct stat st;
	dir_of(db->path, dir, sizeof dir);
	if (stat(dir, &st) != 0 || !(st.st_mode & S_ISGID) || !(st.st_mode & S_IWGRP))
		return;
	group_name(st.st_gid, group, sizeof group);
	snprintf(db->note, sizeof db->note, "created %s for you alone (mode 0600), though %s is a "
		"directory shared with group %s; to share the desk with the group: chmod 0660 %s "
		"(see SHARED USE in partnerdesk(1))", db->path, dir, group, db->path);
}

const char *pd_db_note(const pd_db *db)
{
	return db && db->note[0] ? db->note : NULL;
}

void pd_db_dir_words(const char *path, char *out, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (slash == path ? 1 : (size_t)(slash - path)) : 1;
	const char *dir = slash ? path : ".";
	/* One shell word for the mkdir: quoted when it holds a space or
	 * another character the shell reads, a ' within it as '\'' (a
	 * colleague's "Sian's desk": left bare, the shell read an open
	 * quote). */
	bool plain = true;
	for (size_t i = 0; i < dlen; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789/._-+:@%,", dir[i]))
			plain = false;
	char *word = malloc(4 * dlen + 3);
	if (!word) {
		pd_format(out, size, "the directory %.*s does not exist", (int)dlen, dir);
		return;
	}
	size_t o = 0;
	if (!plain)
		word[o++] = '\'';
	for (size_t i = 0; i < dlen; i++) {
		if (dir[i] == '\'' && !plain) {
			memcpy(word + o, "'\\''", 4);
			o += 4;
		} else {
			word[o++] = dir[i];
		}
	}
	if (!plain)
		word[o++] = '\'';
	word[o] = '\0';
	pd_format(out, size, "the directory %.*s does not exist; make it (mkdir -p %s)", (int)dlen, dir, word);
	free(word);
}

bool pd_db_dir_missing(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return false;
	char *dir = strndup(path, (size_t)(slash - path));
	struct stat st;
	bool missing = dir && stat(dir, &st) != 0 && errno == ENOENT;
	free(dir);
	return missing;
}

pd_db *pd_db_open(const char *path, unsigned flags, const pd_rules *rules, pd_error *err)
{
	if (!path || !*path) {
		pd_error_set(err, PD_ERR_INVALID, "no database file given");
		return NULL;
	}
	pd_db *db = calloc(1, sizeof *db);
	if (!db || !(db->path = strdup(path))) {
		free(db);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	db->flags = flags;
	db->guard_fd = -1;
	user_name(getuid(), db->user, sizeof db->user);
	if (rules) {
		db->rules = rules;
	} else {
		if (!pd_rules_init_defaults(&db->own_rules)) {
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			goto fail;
		}
		db->has_own_rules = true;
		db->rules = &db->own_rules;
	}
	bool readonly = flags & PD_OPEN_READONLY;

	struct stat st;
	enum header_state state = HEADER_EMPTY;
	if (stat(path, &st) != 0) {
		if (errno != ENOENT) {
			int e = errno;
			if (!(e == EACCES && refuse_unreachable(path, err)))
				pd_error_set(err, PD_ERR_IO, "cannot open %s: %s", path, strerror(e));
			goto fail;
		}
		if (!(flags & PD_OPEN_CREATE) || readonly) {
			pd_error_set(err, PD_ERR_NOTFOUND, "%s does not exist", path);
			goto fail;
		}
		/* Create it ourselves so that the mode is 0600 whatever SQLite
		 * would choose; O_EXCL so we never take over a file that
		 * appeared meanwhile (that one is probed like any other). */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd >= 0) {
			close(fd);
			note_private_in_shared_dir(db);
		} else if (errno == ENOENT) {
			/* "fix the directory's permissions" sent a librarian
			 * restoring onto a new machine to chmod a directory that
			 * is not there. */
			char missing[PD_ERROR_MSG_MAX];
			pd_db_dir_words(path, missing, sizeof missing);
			pd_error_set(err, PD_ERR_IO, "cannot create %s: %s or choose another place with --db",
				path, missing);
			goto fail;
		} else if (errno != EEXIST) {
			pd_error_set(err, PD_ERR_IO, "cannot create %s: %s; choose another place "
				"with --db, or fix the directory's permissions", path, strerror(errno));
			goto fail;
		} else if (!probe_header(path, db->flags, &state, err)) {
			goto fail;
		}
	} else {
		if (!S_ISREG(st.st_mode)) {
			pd_error_set(err, PD_ERR_NOT_OURS, "%s is not a partnerdesk database "
				"(not a regular file); nothing was changed", path);
			goto fail;
		}
		if (!probe_header(path, db->flags, &state, err))
			goto fail;
		/* Before SQLite touches a file this user may not write: it would
		 * make -wal and -shm files beside it (theirs, which no writer
		 * after could use) before failing on the first write. */
		if (!may_write(path, db->readonly_why, sizeof db->readonly_why)) {
			if (flags & PD_OPEN_OR_READONLY) {
				readonly = true;
				db->flags |= PD_OPEN_READONLY;
			} else if (!readonly) {
				refuse_readonly(path, err);
				goto fail;
			}
		} else {
			db->readonly_why[0] = '\0';
		}
	}
	if (state == HEADER_EMPTY && readonly) {
		empty_file(path, db->flags, err);
		goto fail;
	}
	if (readonly) {
		if (!open_readonly(db, err))
			goto fail;
		return db;
	}
	/* The play-back may take the file back to empty (a kill during its
	 * very first transaction), so judge the header again after it. */
	if (state == HEADER_OURS && (!recover_hot_journal(db, false, err) ||
	                             !probe_header(path, db->flags, &state, err)))
		goto fail;
	if (state == HEADER_OURS && !check_readonly(db, err))
		goto fail;

	if (!setup_connection(db, false, err))
		goto fail;
	long uv;
	if (!query_int(db, "PRAGMA user_version", &uv, err))
		goto fail;
	db->schema = (int)uv;
	/* A new file gets its schema in rollback-journal mode, so that the
	 * main file holds the application id the moment it is committed
	 * (in WAL it could sit in the -wal file, and another process would
	 * see a header that is not yet ours). */
	if (uv < pd_n_migrations && !migrate(db, err))
		goto fail;
	if (!pd_db_exec(db, "PRAGMA journal_mode = WAL", err) ||
	    !pd_db_exec(db, "PRAGMA synchronous = NORMAL", err))
		goto fail;
	if (stat(path, &st) == 0) {
		db->file_dev = st.st_dev;
		db->file_ino = st.st_ino;
		db->file_known = true;
	}
	return db;
fail:
	pd_db_close(db);
	return NULL;
}

void pd_db_close(pd_db *db)
{
	if (!db)
		return;
	close_connection(db);
	stmts_free(db);
	free(db->search_dirty);
	if (db->explain) {
		pd_strv_clear(db->explain);
		free(db->explain);
	}
	if (db->has_own_rules)
		pd_rules_finish(&db->own_rules);
	free(db->path);
	free(db);
}

/* ---- transactions ---- */

enum { TX_BEGIN, TX_COMMIT, TX_ROLLBACK, TX_SAVEPOINT, TX_RELEASE, TX_ROLLBACK_TO,
	TX_PART, TX_PART_RELEASE, TX_PART_ROLLBACK_TO };

/* Prepared once per handle: an import makes hundreds of thousands of
 * nested writes, and parsing these again for each was a tenth of its time. */
static const char *const tx_sql[] = {
	"BEGIN IMMEDIATE", "COMMIT", "ROLLBACK",
	"SAVEPOINT pd_nested", "RELEASE pd_nested", "ROLLBACK TO pd_nested",
	"SAVEPOINT pd_part", "RELEASE pd_part", "ROLLBACK TO pd_part",
};

static bool tx_run(pd_db *db, int which)
{
	sqlite3_stmt **st = &db->tx_stmts[which];
	if (!*st && sqlite3_prepare_v3(db->h, tx_sql[which], -1, SQLITE_PREPARE_PERSISTENT, st,
	                               NULL) != SQLITE_OK)
		return false;
	int rc = sqlite3_step(*st);
	sqlite3_reset(*st);
	return rc == SQLITE_DONE;
}

static void tx_free(pd_db *db)
{
	for (size_t i = 0; i < sizeof db->tx_stmts / sizeof *db->tx_stmts; i++) {
		sqlite3_finalize(db->tx_stmts[i]);
		db->tx_stmts[i] = NULL;
	}
}

bool pd_db_begin(pd_db *db, pd_error *err)
{
	if (db->depth == 0) {
		if (!tx_run(db, TX_BEGIN))
			return pd_db_fail(db, err, "starting a change");
		/* Asked under the write lock: whoever replaces the file by
		 * hand now does it before we write, and is seen. */
		if (pd_db_replaced(db)) {
			tx_run(db, TX_ROLLBACK);
			return refuse_replaced(db, err);
		}
		/* A newer partnerdesk may have upgraded the desk since this one
		 * opened it; what the new schema keeps beside each row (migration
		 * 13's website and email keys) this program would leave stale. */
		long uv = 0;
		if (query_int(db, "PRAGMA user_version", &uv, NULL) && uv > pd_n_migrations) {
			tx_run(db, TX_ROLLBACK);
			return pd_error_set(err, PD_ERR_NEWER, "%s was upgraded by a newer partnerdesk "
				"(schema %ld, this program knows %d) since it was opened; nothing was saved. "
				"Quit, and start the newer partnerdesk", db->path, uv, pd_n_migrations);
		}
		db->tx_bulk = db->bulk;
		db->tx_damaged = false;
		db->tx_changes = sqlite3_total_changes64(db->h);
	} else if (!db->tx_bulk && !tx_run(db, TX_SAVEPOINT)) {
		return pd_db_fail(db, err, "starting a change");
	}
	db->depth++;
	return true;
}

bool pd_db_commit(pd_db *db, pd_error *err)
{
	if (db->depth <= 0)
		return pd_error_set(err, PD_ERR_GENERIC, "commit without a transaction");
	if (db->depth == 1 && db->tx_damaged) {
		pd_db_rollback(db);
		return pd_error_set(err, PD_ERR_GENERIC, "a write failed partway through a bulk change, "
			"so none of it was saved");
	}
	if (db->depth == 1 && !pd_search_flush(db, err)) {
		pd_db_rollback(db);
		return false;
	}
	if (db->depth > 1 && db->tx_bulk) {
		db->depth--;
		return true;
	}
	/* A long transaction (an import) may outlive the file it began on. */
	if (db->depth == 1 && pd_db_replaced(db)) {
		pd_db_rollback(db);
		return refuse_replaced(db, err);
	}
	if (db->depth == 1 && db->part_depth) {
		/* A caller's mistake; rolled back like every other failed
		 * commit, so that no write lock outlives it. */
		pd_db_rollback(db);
		return pd_error_set(err, PD_ERR_GENERIC, "commit with a part of the change still open");
	}
	if (!tx_run(db, db->depth == 1 ? TX_COMMIT : TX_RELEASE)) {
		pd_db_fail(db, err, "saving");
		pd_db_rollback(db);
		return false;
	}
	if (db->depth == 1 && sqlite3_total_changes64(db->h) != db->tx_changes)
		db->wrote = true;
	db->depth--;
	return true;
}

bool pd_db_part_begin(pd_db *db, pd_error *err)
{
	if (db->depth <= 0 || db->part_depth)
		return pd_error_set(err, PD_ERR_GENERIC, db->depth <= 0 ? "a part of a change outside one"
			: "a part of a change inside another");
	if (!tx_run(db, TX_PART))
		return pd_db_fail(db, err, "starting a part of a change");
	db->part_depth = db->depth;
	db->part_damaged = db->tx_damaged;
	return true;
}

bool pd_db_part_end(pd_db *db, bool keep, pd_error *err)
{
	if (!db->part_depth || db->depth != db->part_depth)
		return pd_error_set(err, PD_ERR_GENERIC, "a part of a change ended %s",
			db->part_depth ? "inside a write it holds" : "that was not begun");
	db->part_depth = 0;
	if (!keep) {
		if (!tx_run(db, TX_PART_ROLLBACK_TO))
			return pd_db_fail(db, err, "undoing a part of a change");
		/* A nested write that failed inside it is undone with it. */
		db->tx_damaged = db->part_damaged;
	}
	if (!tx_run(db, TX_PART_RELEASE))
		return pd_db_fail(db, err, "ending a part of a change");
	return true;
}

void pd_db_rollback(pd_db *db)
{
	if (db->depth <= 0)
		return;
	if (db->depth == 1) {
		pd_search_forget(db);
		db->tx_damaged = false;
		db->part_depth = 0;   /* the ROLLBACK ends it with the rest */
		if (!sqlite3_get_autocommit(db->h))
			tx_run(db, TX_ROLLBACK);
	} else if (db->tx_bulk) {
		/* No savepoint to return to: what the nested write did stays
		 * until the whole transaction is rolled back. */
		db->tx_damaged = true;
	} else if (!sqlite3_get_autocommit(db->h)) {
		tx_run(db, TX_ROLLBACK_TO);
		tx_run(db, TX_RELEASE);
	}
	db->depth--;
}

void pd_db_checkpoint(pd_db *db)
{
	if (db && db->h && !(db->flags & PD_OPEN_READONLY) && db->depth == 0 && !pd_db_replaced(db))
		sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

/* ---- check ---- */

static bool report_add(pd_check_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static bool report_add(pd_check_report *r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char **v = realloc(r->lines, (r->n_lines + 1) * sizeof *v);
	if (!v)
		return false;
	r->lines = v;
	/* One line each, though it quotes stored names and stages: restore
	 * puts one into a message, where a raw newline would be kept. */
	if (!(v[r->n_lines] = pd_text_one_line(buf)))
		return false;
	r->n_lines++;
	r->ok = false;
	return true;
}

static bool object_exists(pd_db *db, const char *type, const char *name, bool *out, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = ?1 AND name = ?2", err);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW;
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pd_db_fail(db, err, "checking the schema");
	return true;
}

/* Runs a query whose rows are findings; fmt gets the row's first 4 columns
 * as text. */
static bool findings(pd_db *db, pd_check_report *r, const char *sql, const char *fmt, pd_error *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return pd_db_fail(db, err, "checking");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *c[4];
		for (int i = 0; i < 4; i++) {
			c[i] = i < sqlite3_column_count(st) ? (const char *)sqlite3_column_text(st, i) : NULL;
			if (!c[i])
				c[i] = "";
		}
		if (strcmp(fmt, "%s") == 0 && strcmp(c[0], "ok") == 0)
			continue;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		bool added = report_add(r, fmt, c[0], c[1], c[2], c[3]);
#pragma GCC diagnostic pop
		if (!added) {
			sqlite3_finalize(st);
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		if (pd_db_status(rc) == PD_ERR_DAMAGED)
			return report_add(r, "the file is damaged: %s", sqlite3_errmsg(db->h)) ||
				pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return pd_db_fail(db, err, "checking");
	}
	return true;
}

/* Partners in a stage the rules (the config) no longer list: no kanban
 * column shows them, `list --stage` could not name them and most moves out
 * are refused, so a config that dropped a stage in use must be seen. */
static bool unknown_stages(pd_db *db, pd_check_report *out, pd_error *err)
{
	if (!db->rules || db->rules->n_stages == 0)
		return true;
	sqlite3_stmt *st = pd_stmt(db, "SELECT stage, count(*) FROM partners GROUP BY stage ORDER BY stage", err);
	if (!st)
		return false;
	bool ok = true;
	int rc = SQLITE_DONE;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *stage = (const char *)sqlite3_column_text(st, 0);
		long count = (long)sqlite3_column_int64(st, 1);
		if (!stage || pd_rules_stage(db->rules, stage))
			continue;
		char names[600] = "";
		size_t used = 0;
		sqlite3_stmt *ns = pd_stmt(db, "SELECT id, name FROM partners WHERE stage = ?1 "
			"ORDER BY sort_key, id LIMIT 5", err);
		if (!ns) {
			ok = false;
			break;
		}
		sqlite3_bind_text(ns, 1, stage, -1, SQLITE_TRANSIENT);
		while (sqlite3_step(ns) == SQLITE_ROW && used < sizeof names)
			used += (size_t)snprintf(names + used, sizeof names - used, "%s#%lld %s",
				used ? ", " : "", (long long)sqlite3_column_int64(ns, 0),
				(const char *)sqlite3_column_text(ns, 1));
		pd_stmt_done(db, ns);
		char more[48] = "";
		if (count > 5)
			snprintf(more, sizeof more, " and %ld more", count - 5);
		ok = report_add(out, "%ld partner%s in stage '%s', which the config does not list (%s%s); "
			"put '%s' back in the config's stages, or, with a config that has it, "
			"move them to a stage this one lists",
			count, count == 1 ? " is" : "s are", stage, names, more, stage)
			|| pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	if (ok && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ok = pd_db_fail(db, err, "checking stages");
	pd_stmt_done(db, st);
	return ok;
}

bool pd_db_check(pd_db *db, pd_check_report *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	out->ok = true;
	long app = 0, uv = 0;
	if (!query_int(db, "PRAGMA application_id", &app, err) ||
	    !query_int(db, "PRAGMA user_version", &uv, err))
		goto fail;
	if ((uint32_t)app != PD_APPLICATION_ID &&
	    !report_add(out, "application_id is 0x%08lx, not partnerdesk's 0x%08x",
	                (unsigned long)(uint32_t)app, (unsigned)PD_APPLICATION_ID))
		goto nomem;
	if (uv != pd_n_migrations &&
	    !report_add(out, "schema version is %ld, this program expects %d", uv, pd_n_migrations))
		goto nomem;
	if (!findings(db, out, "PRAGMA integrity_check", "%s", err))
		goto fail;
	if (!findings(db, out,
	        "SELECT \"table\", rowid, parent, fkid FROM pragma_foreign_key_check",
	        "%s row %s refers to a missing %s row (foreign key %s)", err))
		goto fail;
	static const struct {
		const char *type;
		const char *const *names;
		const char *label;
	} groups[] = {
		{"table", pd_schema_tables, "table"},
		{"index", pd_schema_indexes, "index"},
		{"trigger", pd_schema_triggers, "trigger"},
	};
	bool tables_ok = true;
	for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
		for (const char *const *n = groups[g].names; *n; n++) {
			bool found;
			if (!object_exists(db, groups[g].type, *n, &found, err))
				goto fail;
			if (!found) {
				if (g == 0)
					tables_ok = false;
				if (!report_add(out, "%s %s is missing", groups[g].label, *n))
					goto nomem;
			}
		}
	}
	if (tables_ok) {
		size_t before = out->n_lines;
		if (!findings(db, out, "SELECT id, name FROM partners WHERE " PD_STALE_NAME_KEY,
		        "partner #%s (%s) has a stale name key", err) ||
		    !findings(db, out, "SELECT id, name FROM contacts WHERE " PD_STALE_NAME_KEY,
		        "contact #%s (%s) has a stale name key", err) ||
		    !findings(db, out, "SELECT id, name FROM partners WHERE " PD_STALE_ORDER_KEY,
		        "partner #%s (%s) has a stale name-order key", err) ||
		    !findings(db, out, "SELECT id, name FROM partners WHERE " PD_STALE_DOMAIN_KEYS,
		        "partner #%s (%s) has a stale website or email key", err) ||
		    !findings(db, out, "SELECT id, name FROM partners WHERE " PD_STALE_LOOSE_KEY,
		        "partner #%s (%s) has a stale similar-name key", err) ||
		    !findings(db, out, "SELECT id, name FROM partners WHERE " PD_MISSING_SEARCH,
		        "partner #%s (%s) is missing from the search index", err) ||
		    !findings(db, out,
		        "SELECT id, name FROM partners WHERE last_contact IS NOT " PD_LAST_CONTACT_OF,
		        "partner #%s (%s) has a stale last-contact time", err) ||
		    !findings(db, out,
		        "SELECT id, name FROM partners WHERE next_follow_up IS NOT " PD_NEXT_FOLLOW_UP_OF,
		        "partner #%s (%s) has a stale next follow-up date", err))
			goto fail;
		out->repairable = out->n_lines - before;
		if (!unknown_stages(db, out, err))
			goto fail;
	}
	return true;
nomem:
	pd_error_set(err, PD_ERR_NOMEM, "out of memory");
fail:
	pd_check_report_finish(out);
	return false;
}

void pd_check_report_finish(pd_check_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_lines; i++)
		free(r->lines[i]);
	free(r->lines);
	r->lines = NULL;
	r->n_lines = 0;
}

/* ---- backup ---- */

static void unlink_sidecars(const char *path)
{
	static const char *const suffix[] = {"", "-journal", "-wal", "-shm"};
	char buf[4096];
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		snprintf(buf, sizeof buf, "%s%s", path, suffix[i]);
		unlink(buf);
	}
}


/* Whether a and b are one file: the same inode when both exist (so a
 * symlink or another name for it counts), else the same name in the same
 * directory, since SQLite creates its side files by name when it needs
 * them and would take a file put there for its own. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	bool ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
	if (ea && eb)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	if (ea || eb)
		return false;
	char da[4096], db[4096];
	const char *ba, *bb;
	if (!split_dir(a, da, sizeof da, &ba) || !split_dir(b, db, sizeof db, &bb))
		return false;
	return strcmp(ba, bb) == 0 && stat(da, &sa) == 0 && stat(db, &sb) == 0
	       && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool pd_db_is_own_file(const pd_db *db, const char *path, const char **what)
{
	static const struct { const char *suffix, *what; } files[] = {
		{ "", "the database itself" },
		{ "-wal", "the database's write-ahead log" },
		{ "-shm", "the database's shared-memory index" },
		{ "-journal", "the database's rollback journal" },
	};
	if (!path || !*path)
		return false;
	char side[4096];
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		int n = snprintf(side, sizeof side, "%s%s", db->path, files[i].suffix);
		if (n < 0 || (size_t)n >= sizeof side || !same_file(path, side))
			continue;
		if (what)
			*what = files[i].what;
		return true;
	}
	return false;
}

void pd_copy_dir_template(const char *dest, const char *tag, char *out, size_t size)
{
	const char *slash = strrchr(dest, '/');
	if (slash)
		snprintf(out, size, "%.*s/.%s%s.%ld.XXXXXX", (int)(slash - dest), dest, slash + 1, tag,
			(long)getpid());
	else
		snprintf(out, size, ".%s%s.%ld.XXXXXX", dest, tag, (long)getpid());
}

/* The PID in a name of pd_copy_dir_template's shape (".NAME.PID.XXXXXX"), or
 * 0 when the name has another shape. */
static long copy_dir_pid(const char *name)
{
	size_t n = strlen(name);
	if (name[0] != '.' || n < 11 || name[n - 7] != '.')
		return 0;
	for (size_t i = n - 6; i < n; i++)
		if (!pd_ascii_isalnum((unsigned char)name[i]))
			return 0;
	size_t end = n - 7, start = end;
	while (start > 0 && pd_ascii_isdigit((unsigned char)name[start - 1]))
		start--;
	if (start == end || end - start > 9 || start < 3 || name[start - 1] != '.')
		return 0;
	return strtol(name + start, NULL, 10);
}

static const char *const copy_files[] = {"copy.db", "copy.db-journal", "copy.db-wal", "copy.db-shm"};

/* Removes, in the directory dfd (closed here), what backups and restores
 * killed where no handler runs (SIGKILL, the OOM killer, a power cut)
 * left: directories of pd_copy_dir_template's shape that
 * pd_temp_left_by_dead judges a dead run's, holding nothing but copy.db
 * and its side files and (a restore's, killed while it read its copy) a
 * backup's directory of that shape (anything else keeps the directory
 * where it is). */
static void sweep_in(int dfd, bool nested)
{
	DIR *d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!pd_temp_left_by_dead(dfd, e->d_name, copy_dir_pid(e->d_name), true))
			continue;
		int sub = openat(dfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0)
			continue;
		for (size_t i = 0; i < sizeof copy_files / sizeof *copy_files; i++)
			unlinkat(sub, copy_files[i], 0);
		if (nested)
			close(sub);
		else
			sweep_in(sub, true);
		unlinkat(dfd, e->d_name, AT_REMOVEDIR);   /* refused if anything else is in it */
	}
	closedir(d);
}

/* sweep_in for the directory dest is in (none on a network file
 * system: see pd_temp_sweep_dir). */
static void sweep_dead_copies(const char *dest)
{
	char dir[4096];
	dir_of(dest, dir, sizeof dir);
	int dfd = pd_temp_sweep_dir(dir);
	if (dfd >= 0)
		sweep_in(dfd, false);
}

/* Puts the finished temp file at dest. Without replace, link(2) places it
 * only if dest still does not exist, in one step, so a file someone made
 * at dest since the caller looked is never overwritten. */
static bool place_backup(const char *tmp, const char *dest, bool replace, pd_error *err)
{
	if (replace) {
		if (rename(tmp, dest) == 0)
			return true;
	} else if (link(tmp, dest) == 0) {
		unlink(tmp);
		return true;
	} else if (errno == EEXIST) {
		return pd_error_set(err, PD_ERR_INVALID, "%s exists; choose another name or replace it "
			"on purpose", dest);
	} else if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EMLINK) {
		/* A file system without hard links (FAT, some FUSE mounts): the
		 * best it allows is looking once more just before the rename. */
		struct stat st;
		if (lstat(dest, &st) == 0)
			return pd_error_set(err, PD_ERR_INVALID, "%s exists; choose another name or "
				"replace it on purpose", dest);
		if (rename(tmp, dest) == 0)
			return true;
	}
	return pd_error_set(err, PD_ERR_IO, "cannot put the backup at %s: %s", dest, strerror(errno));
}

bool pd_db_backup(pd_db *db, const char *dest_path, bool replace,
	const pd_temp_watch *watch, pd_error *err)
{
	if (!dest_path || !*dest_path)
		return pd_error_set(err, PD_ERR_INVALID, "no backup file given");
	if (db->depth > 0)
		return pd_error_set(err, PD_ERR_GENERIC, "cannot back up in the middle of a change");
	struct stat dst;
	const char *what;
	if (pd_db_is_own_file(db, dest_path, &what))
		return pd_error_set(err, PD_ERR_INVALID, "%s is %s; back up to another file",
			dest_path, what);
	bool exists = stat(dest_path, &dst) == 0;
	if (exists && !S_ISREG(dst.st_mode))
		return pd_error_set(err, PD_ERR_INVALID, "%s is not a regular file", dest_path);
	if (exists && !replace)
		return pd_error_set(err, PD_ERR_INVALID, "%s exists; choose another name or replace it "
			"on purpose", dest_path);

	/* Write beside the destination, then rename: a failed backup leaves
	 * no half-written file, and a reader never sees one. The copy is made
	 * in a directory of its own that only this user may write: SQLite
	 * makes COPY-journal and COPY-wal beside the copy by name, and in a
	 * directory others may write (as /tmp) someone who saw the copy's
	 * name could put one there first, a link that fails the backup or a
	 * journal that SQLite would roll into the copy. */
	char dir[4000], tmp[4096];
	sweep_dead_copies(dest_path);
	pd_copy_dir_template(dest_path, "", dir, sizeof dir);
	if (!pd_temp_mkdtemp(watch, dir)) {   /* mode 0700 */
		/* Said of the directory the user named, which is what to fix
		 * (make it, or choose another): the copy's own directory in it
		 * is ours, and "cannot create a directory" left them guessing. */
		int saved = errno;
		const char *slash = strrchr(dest_path, '/');
		int n = slash ? (slash == dest_path ? 1 : (int)(slash - dest_path)) : 1;
		return pd_error_set(err, PD_ERR_IO, "cannot back up to %s: cannot write in %.*s: %s",
			dest_path, n, slash ? dest_path : ".", strerror(saved));
	}
	snprintf(tmp, sizeof tmp, "%s/copy.db", dir);
	if (watch && watch->hold)
		watch->hold(true);
	int fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int saved = errno;
	if (fd >= 0 && watch && watch->made)
		watch->made(tmp, true);
	if (watch && watch->hold)
		watch->hold(false);
	if (fd < 0) {
		rmdir(dir);
		pd_temp_gone(watch, dir);
		return pd_error_set(err, PD_ERR_IO, "cannot create a file beside %s: %s",
			dest_path, strerror(saved));
	}
	if (exists)
		fchmod(fd, dst.st_mode & 0777);   /* our temp file takes the mode of the one it replaces */
	close(fd);

	sqlite3 *out = NULL;
	bool ok = false;
	if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		pd_error_set(err, PD_ERR_IO, "cannot write %s: %s", dest_path, sqlite3_errmsg(out));
		goto done;
	}
	int rc;
	/* A reader's immutable look holds only while nobody writes (see
	 * pd_db_stale): a copy made while someone did is made again. */
	for (int copies = 1;; copies++) {
		sqlite3_backup *b = sqlite3_backup_init(out, "main", db->h, "main");
		if (!b) {
			pd_error_set(err, PD_ERR_IO, "cannot back up to %s: %s", dest_path, sqlite3_errmsg(out));
			goto done;
		}
		/* One step: it waits for a writer's lock on the source through
		 * the source connection's busy handler. That handler waits its
		 * time once and then answers at once until its connection runs
		 * a statement, so tries of our own around the step added their
		 * own ten seconds after its ten; setting the wait anew also
		 * gives the step the whole of it. */
		pd_db_busy_wait(db, busy_timeout_ms());
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
		if (rc != SQLITE_DONE || !pd_db_stale(db))
			break;
		if (copies == 5) {
			pd_error_set(err, PD_ERR_BUSY, "%s kept changing while it was copied; try again",
				db->path);
			goto done;
		}
		if (!pd_db_reopen(db, err))
			goto done;
	}
	if (rc != SQLITE_DONE && pd_db_status(rc) == PD_ERR_BUSY) {
		/* Not the temporary name: restore copies its FILE through here. */
		pd_error_set(err, PD_ERR_BUSY, "%s stayed busy (someone else kept it locked for %g "
			"seconds, as an import or a restore does); it was not copied; try again once they "
			"are done", db->path, busy_timeout_ms() / 1000.0);
		goto done;
	}
	if (rc != SQLITE_DONE) {
		pd_error_set(err, PD_ERR_IO, "backing up %s to %s failed: %s", db->path, dest_path,
			sqlite3_errstr(rc));
		goto done;
	}
	/* A backup is one self-contained file: leave WAL mode behind. */
	if (sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		pd_error_set(err, PD_ERR_IO, "cannot finish %s: %s", dest_path, sqlite3_errmsg(out));
		goto done;
	}
	ok = true;
done:
	if (sqlite3_close(out) != SQLITE_OK && ok) {
		ok = false;
		pd_error_set(err, PD_ERR_IO, "cannot finish %s", dest_path);
	}
	if (ok) {
		fd = open(tmp, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fsync(fd) != 0) {
			ok = false;
			pd_error_set(err, PD_ERR_IO, "cannot flush %s: %s", dest_path, strerror(errno));
		}
		if (fd >= 0)
			close(fd);
	}
	/* Held from the rename to the caller's knowing, so that a signal
	 * meanwhile finds it told (restore's kept desk: see cmd_restore.c). */
	if (watch && watch->hold)
		watch->hold(true);
	if (ok && !place_backup(tmp, dest_path, replace, err))
		ok = false;
	if (ok && watch && watch->placed)
		watch->placed(dest_path);
	if (!ok)
		unlink_sidecars(tmp);
	pd_temp_gone(watch, tmp);
	if (watch && watch->hold)
		watch->hold(false);
	rmdir(dir);
	pd_temp_gone(watch, dir);
	if (ok)
		pd_sync_dir_of(dest_path);
	return ok;
}

/* ---- network file systems ---- */

bool pd_db_on_network_fs(const char *path)
{
	struct statfs sf;
	if (!path || statfs(path, &sf) != 0) {
		/* Not there yet: judge the directory it would be made in. */
		char dir[4096];
		dir_of(path ? path : "", dir, sizeof dir);
		if (statfs(dir, &sf) != 0)
			return false;
	}
	static const unsigned long network[] = {
		0x6969,       /* NFS */
		0x517B,       /* SMB */
		0xFF534D42,   /* CIFS */
		0xFE534D42,   /* SMB2 */
		0x5346414F,   /* AFS */
		0x6B414653,   /* kAFS */
		0x73757245,   /* CODA */
		0x564C,       /* NCP */
		0x00C36400,   /* Ceph */
		0x01021997,   /* 9P */
		0x0BD00BD0,   /* Lustre */
		0x7461636F,   /* OCFS2 */
		0x01161970,   /* GFS2 */
		0x47504653,   /* GPFS */
		0x013111A8,   /* IBRIX */
	};
	unsigned long t = (unsigned long)(unsigned int)sf.f_type;
	for (size_t i = 0; i < sizeof network / sizeof *network; i++)
		if (t == network[i])
			return true;
	return false;
}
