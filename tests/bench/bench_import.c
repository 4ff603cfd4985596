/* Import speed: 100,000 spreadsheet rows through `import` (one
 * transaction, the model's cached prepared statements) against the sqlite3
 * library loading the same rows into a plain table with one prepared INSERT
 * in one transaction, in the same run on the same disk. Prints both and
 * the ratio; the goal is within 3x. A second floor writes what an imported
 * partner is made of in our schema (the partner row and its indexes, two
 * tags, the first stage-history row, the audit row, the search document)
 * with one prepared statement each: what no import into this schema can
 * beat. A third floor is the least an imported partner can be at all: the
 * partner row with its indexes and its search document, nothing else,
 * moved set-based from the plain table in one INSERT ... SELECT each; if it
 * alone exceeds 3x the plain table, no import into this schema can meet
 * that goal. A fourth adds the rest of an imported partner (tags, stage
 * history, audit) the same set-based way: the best a set-based import
 * could do. Also the peak memory of reading the file and of importing
 * it, each in a child forked before anything else ran, as bytes per byte
 * of the file. And the import with --keep-going, which holds each row in
 * a savepoint of its own so that a row that fails leaves nothing, against
 * the plain import. Every line is timed twice, interleaved, the faster
 * kept. Where the bytes go: the -wal's frames and all bytes written
 * (both files), and dbstat's pages per table and index of the desk.
 * Exit status 1 only if the import fails. */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/io/import.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

#include "gen.h"

static char *make_csv(long rows, size_t *len)
{
	size_t cap = (size_t)rows * 128 + 128;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	size_t n = (size_t)snprintf(s, cap, "Name,Email,Phone,Type,Tags,Notes\n");
	for (long i = 0; i < rows; i++)
		n += (size_t)snprintf(s + n, cap - n,
			"Partner %ld,p%ld@example.org,+1 555 %04ld,museum,\"teens; families\",note %ld\n",
			i, i, i % 10000, i);
	*len = n;
	return s;
}

/* A "VmRSS:"-style line of /proc/self/status in bytes; -1 where there is
 * no such file (not Linux). */
static double proc_status_bytes(const char *key)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	char line[256];
	double kb = -1;
	size_t n = strlen(key);
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, n) == 0) {
			kb = atof(line + n);
			break;
		}
	fclose(f);
	return kb < 0 ? -1 : kb * 1024;
}

/* Peak memory of one job in a child: what it resided with at its peak
 * (VmHWM, the file and the program included, as `partnerdesk import`
 * holds them) and how much that is above what it started with. import:
 * the whole import into a new database at path; else only the reader.
 * False when it can't be measured. */
static bool peak_memory(bool import, const char *path, const char *data, size_t len,
	double *peak, double *grown)
{
	int fd[2];
	if (pipe(fd) != 0)
		return false;
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		close(fd[0]);
		double m[2] = { proc_status_bytes("VmRSS:"), -1 };
		pd_error err = { 0 };
		bool ok;
		if (import) {
			pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
			pd_import_opts o = { .name = "bench.csv" };
			pd_import_stats st;
			ok = db && pd_import_buffer(db, data, len, &o, &st, &err);
			pd_db_close(db);
		} else {
			pd_csv csv;
			ok = pd_csv_read("bench.csv", data, len, PD_CSV_ENC_AUTO, &csv, &err);
			pd_csv_finish(&csv);
		}
		m[1] = ok ? proc_status_bytes("VmHWM:") : -1;
		ssize_t w = write(fd[1], m, sizeof m);
		_exit(w == (ssize_t)sizeof m ? 0 : 1);
	}
	close(fd[1]);
	double m[2] = { -1, -1 };
	ssize_t got = read(fd[0], m, sizeof m);
	close(fd[0]);
	int status;
	waitpid(pid, &status, 0);
	if (got != (ssize_t)sizeof m || m[0] < 0 || m[1] < 0)
		return false;
	*peak = m[1];
	*grown = m[1] - m[0];
	return true;
}

/* Bytes this process has handed to write() so far (/proc/self/io wchar:
 * the -wal frames, the checkpoint into the file, everything); -1 where
 * there is no such file. */
static double written_so_far(void)
{
	FILE *f = fopen("/proc/self/io", "r");
	if (!f)
		return -1;
	char line[128];
	double v = -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "wchar:", 6) == 0) {
			v = atof(line + 6);
			break;
		}
	fclose(f);
	return v;
}

/* The size of path's -wal: after one transaction and before the close,
 * every frame that transaction wrote (a checkpoint copies frames but the
 * log starts over only at the next write). */
static double wal_bytes(const char *path)
{
	char wal[320];
	struct stat sb;
	snprintf(wal, sizeof wal, "%s-wal", path);
	return stat(wal, &sb) == 0 ? (double)sb.st_size : 0;
}

/* Where the bytes of a desk go, from SQLite's dbstat: per table, the
 * table (an FTS5 table with its shadow tables) and each of its indexes,
 * in bytes per row imported, largest first (those of 2 B and more). */
static void print_breakdown(const char *path, long rows)
{
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return;
	}
	sqlite3_stmt *st;
	/* Shadow tables named partner_search_data etc. belong to
	 * partner_search, as an index does to its table; parts under half a
	 * byte a row are left out. */
	static const char sql[] =
		"WITH sizes AS (SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name), "
		"owned AS (SELECT s.name, s.bytes, coalesce("
		"  (SELECT v.name FROM sqlite_schema v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' "
		"     AND s.name LIKE v.name || '\\_%' ESCAPE '\\'), "
		"  (SELECT tbl_name FROM sqlite_schema WHERE name = s.name), s.name) AS owner "
		"  FROM sizes s) "
		"SELECT owner, sum(bytes) AS total, sum(CASE WHEN name = owner THEN bytes ELSE 0 END), "
		"  (SELECT group_concat(name || ' ' || CAST(round(bytes * 1.0 / ?1) AS INTEGER), ', ') FROM "
		"    (SELECT name, bytes FROM owned o WHERE o.owner = owned.owner AND o.name <> o.owner "
		"     AND o.bytes * 2 >= ?1 ORDER BY bytes DESC)) "
		"FROM owned GROUP BY owner HAVING total >= 2 * ?1 ORDER BY total DESC";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		printf("bytes by table:       not measured (%s)\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return;
	}
	sqlite3_bind_int64(st, 1, rows);
	printf("bytes by table:       B/row, all pages (the table's own; its indexes or FTS5 shadow tables)\n");
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *ix = (const char *)sqlite3_column_text(st, 3);
		printf("  %-22s %5.0f  (%.0f; %s)\n", (const char *)sqlite3_column_text(st, 0),
			(double)sqlite3_column_int64(st, 1) / (double)rows,
			(double)sqlite3_column_int64(st, 2) / (double)rows, ix ? ix : "nothing else");
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* The baseline: the same cells, parsed by the same reader, into a plain
 * table through one prepared statement. */
static double baseline(const char *path, const char *data, size_t len, long *inserted,
	double *wal, double *written)
{
	double w0 = written_so_far();
	double t0 = gen_now();
	pd_csv csv;
	pd_error err = { 0 };
	if (!pd_csv_read("bench.csv", data, len, PD_CSV_ENC_AUTO, &csv, &err))
		return -1;
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		return -1;
	sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	sqlite3_exec(db, "CREATE TABLE t (name TEXT, email TEXT, phone TEXT, kind TEXT, tags TEXT, notes TEXT)",
		NULL, NULL, NULL);
	sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL);
	*inserted = 0;
	for (size_t i = 1; i < csv.n; i++) {
		for (int k = 0; k < 6 && (size_t)k < csv.v[i].n; k++)
			sqlite3_bind_text(st, k + 1, csv.v[i].fields[k], -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			(*inserted)++;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	*wal = wal_bytes(path);
	sqlite3_close(db);
	pd_csv_finish(&csv);
	double t = gen_now() - t0;
	*written = w0 < 0 ? -1 : written_so_far() - w0;
	return t;
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
	return st;
}

static void step(sqlite3 *db, sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "bench: full floor: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_reset(st);
}

/* The floor in our schema: the rows an imported partner is made of, by
 * hand, with the connection settings the model uses. */
static double full_floor(const char *path, const char *data, size_t len)
{
	pd_error err = { 0 };
	pd_db *made = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);   /* the schema */
	if (!made)
		return -1;
	pd_db_close(made);
	double t0 = gen_now();
	pd_csv csv;
	if (!pd_csv_read("bench.csv", data, len, PD_CSV_ENC_AUTO, &csv, &err))
		return -1;
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return -1;
	sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
		"PRAGMA temp_store = MEMORY; BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_stmt *ins_p = prep(db, "INSERT INTO partners (name, name_fold, kind, email, phone, "
		"notes, stage, review_date, version, created, updated, uid) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'glance', '2026-12-01', 1, ?7, ?7, lower(hex(randomblob(16))))");
	sqlite3_stmt *ins_t = prep(db, "INSERT OR IGNORE INTO partner_tags (partner_id, value, "
		"value_fold, created, updated) VALUES (?1, ?2, ?3, ?4, ?4)");
	sqlite3_stmt *ins_h = prep(db, "INSERT INTO stage_history (partner_id, to_stage, at, "
		"moved_by, review_date, created, updated) "
		"VALUES (?1, 'glance', ?2, 'bench', '2026-12-01', ?2, ?2)");
	sqlite3_stmt *ins_a = prep(db, "INSERT INTO audit (at, os_user, entity, entity_id, action, "
		"detail, created, updated) VALUES (?1, 'bench', 'partner', ?2, 'insert', ?3, ?1, ?1)");
	sqlite3_stmt *ins_s = prep(db, "INSERT INTO partner_search (rowid, name, body) VALUES (?1, ?2, ?3)");
	const char *stamp = "2026-11-01T12:00:00Z";
	static const char *const tags[2] = { "teens", "families" };
	for (size_t i = 1; i < csv.n; i++) {
		char **f = csv.v[i].fields;
		if (csv.v[i].n < 6)
			continue;
		char *key = pd_fold(f[0]);
		sqlite3_bind_text(ins_p, 1, f[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 3, f[3], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 4, f[1], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 5, f[2], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 6, f[5], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 7, stamp, -1, SQLITE_STATIC);
		step(db, ins_p);
		sqlite3_int64 id = sqlite3_last_insert_rowid(db);
		for (int t = 0; t < 2; t++) {
			sqlite3_bind_int64(ins_t, 1, id);
			sqlite3_bind_text(ins_t, 2, tags[t], -1, SQLITE_STATIC);
			sqlite3_bind_text(ins_t, 3, tags[t], -1, SQLITE_STATIC);
			sqlite3_bind_text(ins_t, 4, stamp, -1, SQLITE_STATIC);
			step(db, ins_t);
		}
		sqlite3_bind_int64(ins_h, 1, id);
		sqlite3_bind_text(ins_h, 2, stamp, -1, SQLITE_STATIC);
		step(db, ins_h);
		char detail[300], body[300];
		snprintf(detail, sizeof detail, "added %s (glance)", f[0]);
		sqlite3_bind_text(ins_a, 1, stamp, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins_a, 2, id);
		sqlite3_bind_text(ins_a, 3, detail, -1, SQLITE_STATIC);
		step(db, ins_a);
		/* The document as search.c makes it: kind, tags, then the
		 * notes, email and phone this sheet has (schema 15). */
		snprintf(body, sizeof body, "%s\nfamilies\nteens\n%s\n%s\n%s", f[3], f[5], f[1], f[2]);
		char *doc = pd_fold(body);
		sqlite3_bind_int64(ins_s, 1, id);
		sqlite3_bind_text(ins_s, 2, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_s, 3, doc, -1, SQLITE_STATIC);
		step(db, ins_s);
		free(doc);
		free(key);
	}
	sqlite3_finalize(ins_p);
	sqlite3_finalize(ins_t);
	sqlite3_finalize(ins_h);
	sqlite3_finalize(ins_a);
	sqlite3_finalize(ins_s);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	sqlite3_close(db);
	pd_csv_finish(&csv);
	return gen_now() - t0;
}

/* The least an imported partner can be: the plain table's rows moved into
 * partners (with its indexes) and partner_search in one set-based
 * statement each, in the same transaction. No per-row statements at all.
 * With whole, the rest of what an import writes goes the same way (two
 * tags, the first stage-history row, the audit row): what a set-based
 * import could reach at best.
 * With defer, the partners' secondary indexes are dropped first and built
 * again after the rows, as a load into an empty file could do. */
static const char *const partner_indexes[][2] = {
	{ "DROP INDEX partners_by_sort_key", "CREATE INDEX partners_by_sort_key ON partners (sort_key)" },
	{ "DROP INDEX partners_by_stage", "CREATE INDEX partners_by_stage ON partners (stage, name_fold)" },
	{ "DROP INDEX partners_by_kind", "CREATE INDEX partners_by_kind ON partners (kind, name_fold)" },
	{ "DROP INDEX partners_by_last_contact",
	  "CREATE INDEX partners_by_last_contact ON partners (last_contact)" },
	{ "DROP INDEX partners_kanban", "CREATE INDEX partners_kanban ON partners (stage, last_contact)" },
	{ "DROP INDEX partners_by_follow_up", "CREATE INDEX partners_by_follow_up ON partners "
	  "(next_follow_up) WHERE next_follow_up IS NOT NULL" },
	{ "DROP INDEX partners_by_review", "CREATE INDEX partners_by_review ON partners (review_date) "
	  "WHERE review_date IS NOT NULL" },
	{ "DROP INDEX partners_by_updated", "CREATE INDEX partners_by_updated ON partners (updated)" },
	{ "DROP INDEX partners_by_uid", "CREATE UNIQUE INDEX partners_by_uid ON partners (uid)" },
};

static void exec_or_die(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(1);
	}
}

static double findable_floor(const char *path, const char *data, size_t len, bool defer, bool whole)
{
	pd_error err = { 0 };
	pd_db *made = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	if (!made)
		return -1;
	pd_db_close(made);
	double t0 = gen_now();
	long n = 0;
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return -1;
	sqlite3_exec(db, "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; "
		"CREATE TEMP TABLE t (name TEXT, email TEXT, phone TEXT, kind TEXT, tags TEXT, notes TEXT)",
		NULL, NULL, NULL);
	pd_csv csv;
	if (!pd_csv_read("bench.csv", data, len, PD_CSV_ENC_AUTO, &csv, &err))
		return -1;
	sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_stmt *st = prep(db, "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	for (size_t i = 1; i < csv.n; i++) {
		for (int k = 0; k < 6 && (size_t)k < csv.v[i].n; k++)
			sqlite3_bind_text(st, k + 1, csv.v[i].fields[k], -1, SQLITE_STATIC);
		step(db, st);
		n++;
	}
	sqlite3_finalize(st);
	pd_csv_finish(&csv);
	size_t n_ix = sizeof partner_indexes / sizeof *partner_indexes;
	for (size_t i = 0; defer && i < n_ix; i++)
		exec_or_die(db, partner_indexes[i][0]);
	/* lower() stands in for the fold and sort keys: cheaper than ours. */
	st = prep(db, "INSERT INTO partners (id, name, name_fold, sort_key, kind, email, phone, notes, "
		"stage, review_date, version, created, updated, uid) "
		"SELECT rowid, name, lower(name), lower(name), kind, email, phone, notes, 'glance', "
		"'2026-12-01', 1, '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z', lower(hex(randomblob(16))) FROM t");
	step(db, st);
	sqlite3_finalize(st);
	for (size_t i = 0; defer && i < n_ix; i++)
		exec_or_die(db, partner_indexes[i][1]);
	st = prep(db, "INSERT INTO partner_search (rowid, name, body) "
		"SELECT rowid, lower(name), kind || char(10) || 'families' || char(10) || 'teens' "
		"|| char(10) || lower(notes) || char(10) || lower(email) || char(10) || phone FROM t");
	step(db, st);
	sqlite3_finalize(st);
	static const char *const rest[] = {
		"INSERT INTO partner_tags (partner_id, value, value_fold, created, updated) "
		"SELECT rowid, 'teens', 'teens', '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z' FROM t",
		"INSERT INTO partner_tags (partner_id, value, value_fold, created, updated) "
		"SELECT rowid, 'families', 'families', '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z' FROM t",
		"INSERT INTO stage_history (partner_id, to_stage, at, moved_by, review_date, created, updated) "
		"SELECT rowid, 'glance', '2026-11-01T12:00:00Z', 'bench', '2026-12-01', "
		"'2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z' FROM t",
		"INSERT INTO audit (at, os_user, entity, entity_id, action, detail, partner_id, created, updated) "
		"SELECT '2026-11-01T12:00:00Z', 'bench', 'partner', rowid, 'insert', "
		"'added ' || name || ' (glance)', rowid, '2026-11-01T12:00:00Z', '2026-11-01T12:00:00Z' FROM t",
	};
	for (size_t i = 0; whole && i < sizeof rest / sizeof *rest; i++)
		exec_or_die(db, rest[i]);
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK || n == 0)
		return -1;
	sqlite3_close(db);
	return gen_now() - t0;
}

/* What a file holds, from SQLite's own page count (a -wal not yet
 * checkpointed counts too). */
static double db_bytes(const char *path)
{
	sqlite3 *db;
	sqlite3_int64 pages = 0, size = 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return 0;
	}
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT page_count, page_size FROM pragma_page_count, pragma_page_size",
	                       -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		pages = sqlite3_column_int64(st, 0);
		size = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return (double)pages * (double)size;
}

/* Seconds to import the rows into a new file at path; -1 on failure.
 * wal, written: the -wal's bytes at the end of the import, and all the
 * bytes written from the start of the import to the file's close (the
 * checkpoint in it); either may be NULL. */
static double import_ours(const char *path, const char *data, size_t len, long rows,
	bool keep_going, double *wal, double *written)
{
	gen_unlink_db(path);
	pd_error err = { 0 };
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	if (!db) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return -1;
	}
	pd_import_opts o = { .name = "bench.csv", .keep_going = keep_going };
	pd_import_stats st;
	double w0 = written_so_far();
	double t0 = gen_now();
	bool ok = pd_import_buffer(db, data, len, &o, &st, &err);
	double t = gen_now() - t0;
	if (wal)
		*wal = wal_bytes(path);
	long count = pd_partner_count(db, &err);
	pd_db_close(db);
	if (written)
		*written = w0 < 0 ? -1 : written_so_far() - w0;
	if (!ok || count != rows) {
		fprintf(stderr, "bench: import%s failed (%ld of %ld): %s\n",
			keep_going ? " --keep-going" : "", count, rows, err.msg);
		return -1;
	}
	return t;
}

int main(int argc, char **argv)
{
	long rows = argc > 1 ? atol(argv[1]) : 100000;
	char dir[] = "/tmp/pd-bench-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char ours[300], plain[300], full[300], least[300], later[300], all[300];
	snprintf(ours, sizeof ours, "%s/partnerdesk.db", dir);
	snprintf(plain, sizeof plain, "%s/plain.db", dir);
	snprintf(full, sizeof full, "%s/full.db", dir);
	snprintf(least, sizeof least, "%s/least.db", dir);
	snprintf(later, sizeof later, "%s/later.db", dir);
	snprintf(all, sizeof all, "%s/all.db", dir);
	size_t len;
	char *data = make_csv(rows, &len);
	if (!data)
		return 1;

	/* First, before this process has used memory for anything else. */
	char mem_db[300];
	snprintf(mem_db, sizeof mem_db, "%s/memory.db", dir);
	double read_peak, read_grown, imp_peak, imp_grown;
	bool read_mem = peak_memory(false, NULL, data, len, &read_peak, &read_grown);
	bool imp_mem = peak_memory(true, mem_db, data, len, &imp_peak, &imp_grown);
	gen_unlink_db(mem_db);

	/* Each baseline and floor twice, in turn, the faster kept: on a shared
	 * machine the plain table's tenth of a second moves most. */
	long base_rows = 0;
	double base_wal = 0, base_written = -1;
	double base = -1, floor = -1, findable = -1, deferred = -1, whole = -1;
	for (int k = 0; k < 2; k++) {
		const char *const files[] = { plain, full, least, later, all };
		for (size_t i = 0; i < sizeof files / sizeof *files; i++)
			gen_unlink_db(files[i]);
		double t[5] = {
			baseline(plain, data, len, &base_rows, &base_wal, &base_written),
			full_floor(full, data, len),
			findable_floor(least, data, len, false, false),
			findable_floor(later, data, len, true, false),
			findable_floor(all, data, len, false, true),
		};
		double *best[5] = { &base, &floor, &findable, &deferred, &whole };
		for (int i = 0; i < 5; i++) {
			if (t[i] < 0) {
				fprintf(stderr, "bench: a floor failed\n");
				return 1;
			}
			if (*best[i] < 0 || t[i] < *best[i])
				*best[i] = t[i];
		}
	}

	double t = -1, keep = -1;
	for (int k = 0; k < 4; k++) {
		bool keep_going = k % 2 == 1;
		double s = import_ours(ours, data, len, rows, keep_going, NULL, NULL);
		if (s < 0)
			return 1;
		double *best = keep_going ? &keep : &t;
		if (*best < 0 || s < *best)
			*best = s;
	}
	/* The file of the last plain import is the one measured below. */
	double ours_wal = 0, ours_written = -1;
	if (import_ours(ours, data, len, rows, false, &ours_wal, &ours_written) < 0)
		return 1;
	printf("rows:                 %ld\n", rows);
	printf("sqlite3 plain table:  %.3f s  (%.0f rows/s, %ld rows)\n", base, base_rows / base, base_rows);
	printf("sqlite3 our schema:   %.3f s  (%.0f rows/s: partner, 2 tags, history, audit, search; "
		"%.1fx the plain table)\n", floor, rows / floor, floor / base);
	printf("findable partner:     %.3f s  (%.0f rows/s: partner row and search document, "
		"set-based; %.1fx the plain table)\n", findable, rows / findable, findable / base);
	printf("  indexes built after: %.3f s  (%.0f rows/s; %.2fx the findable floor)\n",
		deferred, rows / deferred, deferred / findable);
	printf("all of it set-based:  %.3f s  (%.0f rows/s: also 2 tags, history, audit, one INSERT ... SELECT "
		"each; %.1fx the plain table)\n", whole, rows / whole, whole / base);
	printf("partnerdesk import:   %.3f s  (%.0f rows/s)\n", t, rows / t);
	printf("ratio:                %.1fx the plain table (goal: within 3x), %.2fx our schema's floor\n",
		t / base, t / floor);
	printf("import --keep-going:  %.3f s  (%.0f rows/s; %.2fx the import without it: a savepoint "
		"per row)\n", keep, rows / keep, keep / t);
	/* Why the ratio cannot reach 3x: an imported partner is a row in each of
	 * five tables and an entry in each of their indexes and in the search
	 * index, against one row of one table. */
	double plain_b = db_bytes(plain), ours_b = db_bytes(ours);
	printf("bytes per row:        plain table %.0f B, partnerdesk %.0f B (%.1fx the bytes written)\n",
		plain_b / rows, ours_b / rows, plain_b > 0 ? ours_b / plain_b : 0.0);
	printf("-wal per row:         plain table %.0f B, partnerdesk %.0f B (the transaction's frames)\n",
		base_wal / rows, ours_wal / rows);
	if (base_written >= 0 && ours_written >= 0)
		printf("written per row:      plain table %.0f B, partnerdesk %.0f B (%.1fx; -wal, checkpoint "
			"and all, to the close)\n", base_written / rows, ours_written / rows,
			base_written > 0 ? ours_written / base_written : 0.0);
	print_breakdown(ours, rows);
	printf("file:                 %.1f MB\n", (double)len / 1e6);
	if (read_mem && imp_mem) {
		printf("peak memory, reading: %.1f MB, %.2f bytes per file byte above the file held\n",
			read_grown / 1e6, read_grown / (double)len);
		printf("peak memory, import:  %.1f MB resident, %.2f bytes per file byte "
			"(%.2f above the file and program; SQLite's page cache is most of it)\n",
			imp_peak / 1e6, imp_peak / (double)len, imp_grown / (double)len);
	} else {
		printf("peak memory:          not measured (no /proc/self/status)\n");
	}
	gen_unlink_db(ours);
	gen_unlink_db(plain);
	gen_unlink_db(full);
	gen_unlink_db(least);
	gen_unlink_db(later);
	gen_unlink_db(all);
	rmdir(dir);
	free(data);
	return 0;
}
