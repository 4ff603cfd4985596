/* Import speed: 100,000 spreadsheet rows through `import` (one
 * transaction, the model's cached prepared statements) against the sqlite3
 * library loading the same rows into a plain table with one prepared INSERT
 * in one transaction, in the same run on the same disk. Prints both and
 * the ratio; the goal is within 3x. Exit status 1 only if the import fails. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/io/import.h"
#include "partnerdesk/model/partner.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

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

/* The baseline: the same cells, parsed by the same reader, into a plain
 * table through one prepared statement. */
static double baseline(const char *path, const char *data, size_t len, long *inserted)
{
	double t0 = now();
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
	sqlite3_close(db);
	pd_csv_finish(&csv);
	return now() - t0;
}

int main(int argc, char **argv)
{
	long rows = argc > 1 ? atol(argv[1]) : 100000;
	char dir[] = "/tmp/pd-bench-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char ours[300], plain[300];
	snprintf(ours, sizeof ours, "%s/partnerdesk.db", dir);
	snprintf(plain, sizeof plain, "%s/plain.db", dir);
	size_t len;
	char *data = make_csv(rows, &len);
	if (!data)
		return 1;

	long base_rows = 0;
	double base = baseline(plain, data, len, &base_rows);

	pd_error err = { 0 };
	pd_db *db = pd_db_open(ours, PD_OPEN_CREATE, NULL, &err);
	if (!db) {
		fprintf(stderr, "bench: %s\n", err.msg);
		return 1;
	}
	pd_import_opts o = { .name = "bench.csv" };
	pd_import_stats st;
	double t0 = now();
	bool ok = pd_import_buffer(db, data, len, &o, &st, &err);
	double t = now() - t0;
	long count = pd_partner_count(db, &err);
	pd_db_close(db);
	if (!ok || count != rows) {
		fprintf(stderr, "bench: import failed (%ld of %ld): %s\n", count, rows, err.msg);
		return 1;
	}
	printf("rows:                 %ld\n", rows);
	printf("sqlite3 plain table:  %.3f s  (%.0f rows/s, %ld rows)\n", base, base_rows / base, base_rows);
	printf("partnerdesk import:   %.3f s  (%.0f rows/s)\n", t, rows / t);
	printf("ratio:                %.1fx  (goal: within 3x)\n", t / base);
	unlink(ours);
	unlink(plain);
	char wal[320];
	snprintf(wal, sizeof wal, "%s-wal", plain);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", plain);
	unlink(wal);
	rmdir(dir);
	free(data);
	return 0;
}
