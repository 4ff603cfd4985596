/* Shared helpers for the model's unit tests: a private temporary directory,
 * fresh databases with a pinned clock, and reading files back byte for byte. */
#ifndef PD_TESTS_MODEL_TESTUTIL_H
#define PD_TESTS_MODEL_TESTUTIL_H

#include <dirent.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/partner.h"

static char tu_dir[256];

/* 2026-11-23T14:05:00Z, a Monday: the clock every test pins. */
#define TU_NOW ((time_t)1795442700)

/* SQL that takes a desk made now back before migration 16 (the stored
 * loose name keys). Migration 15 changed only search documents' text:
 * undone to 14, a desk is before 15 as well. */
#define TU_UNDO_16 \
	"DROP INDEX partners_by_loose_key; ALTER TABLE partners DROP COLUMN loose_key; "

/* SQL that takes a desk made now back before migration 14 (the index it
 * dropped, the search index with its per-document sizes, the indexes that
 * named the id), after undoing 16 (the newest step is undone first). */
#define TU_UNDO_14 \
	TU_UNDO_16 \
	"CREATE INDEX stage_history_by_at ON stage_history (at); " \
	"DROP INDEX partners_by_name; CREATE INDEX partners_by_name ON partners (name_fold, id); " \
	"DROP INDEX partners_by_sort_key; CREATE INDEX partners_by_sort_key ON partners (sort_key, id); " \
	"DROP INDEX stage_history_by_partner; " \
	"CREATE INDEX stage_history_by_partner ON stage_history (partner_id, at, id); " \
	"DROP INDEX audit_by_entity; CREATE INDEX audit_by_entity ON audit (entity, entity_id, id); " \
	"DROP INDEX audit_by_partner; " \
	"CREATE INDEX audit_by_partner ON audit (partner_id, id) WHERE partner_id IS NOT NULL; " \
	"CREATE VIRTUAL TABLE partner_search_old USING fts5 (name, body, " \
	"  tokenize = 'trigram case_sensitive 0'); " \
	"INSERT INTO partner_search_old (rowid, name, body) SELECT rowid, name, body FROM partner_search; " \
	"DROP TABLE partner_search; ALTER TABLE partner_search_old RENAME TO partner_search; "

/* SQL that takes a desk made now back before migration 13 (the stored
 * website and email keys), for tests that build an older desk; after
 * TU_UNDO_14, which goes first (the newest step is undone first). */
#define TU_UNDO_13 \
	"DROP INDEX partners_by_website_key; DROP INDEX partners_by_email_key; " \
	"ALTER TABLE partners DROP COLUMN website_key; ALTER TABLE partners DROP COLUMN email_key; "

__attribute__((unused))
static const char *tu_tmpdir(void)
{
	if (!tu_dir[0]) {
		const char *base = getenv("TMPDIR");
		snprintf(tu_dir, sizeof tu_dir, "%s/pd-model-XXXXXX", base && *base ? base : "/tmp");
		if (!mkdtemp(tu_dir)) {
			perror("mkdtemp");
			exit(99);
		}
		setenv("TZ", "UTC", 1);
		tzset();
	}
	return tu_dir;
}

/* A path in the temporary directory; a few stay valid at once. */
__attribute__((unused))
static const char *tu_path(const char *name)
{
	static char bufs[8][512];
	static int next;
	char *b = bufs[next++ % 8];
	snprintf(b, sizeof bufs[0], "%s/%s", tu_tmpdir(), name);
	return b;
}

/* The tests make only plain files in their directory. */
__attribute__((unused))
static void tu_cleanup(void)
{
	if (!tu_dir[0])
		return;
	DIR *d = opendir(tu_dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char p[600];
		snprintf(p, sizeof p, "%s/%s", tu_dir, e->d_name);
		remove(p);
	}
	if (d)
		closedir(d);
	rmdir(tu_dir);
}

/* A new database at name in the temp dir, clock pinned to TU_NOW. */
__attribute__((unused))
static pd_db *tu_open(const char *name)
{
	pd_error err = {0};
	const char *p = tu_path(name);
	unlink(p);
	pd_db *db = pd_db_open(p, PD_OPEN_CREATE, NULL, &err);
	if (!db) {
		printf("# cannot open %s: %s\n", p, err.msg);
		exit(99);
	}
	pd_db_set_now(db, TU_NOW);
	return db;
}

__attribute__((unused))
static char *tu_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	*len = n;
	return buf;
}

__attribute__((unused))
static bool tu_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* True when none of path-wal, path-shm, path-journal exists. */
__attribute__((unused))
static bool tu_no_sidecars(const char *path)
{
	static const char *const suffix[] = {"-wal", "-shm", "-journal"};
	char buf[600];
	for (int i = 0; i < 3; i++) {
		snprintf(buf, sizeof buf, "%s%s", path, suffix[i]);
		if (tu_exists(buf)) {
			printf("# %s exists\n", buf);
			return false;
		}
	}
	return true;
}

/* One SQL statement on the file at path (?1, if it has one, is arg) through
 * a connection of its own, as another program would write it; its first
 * row's first column goes into out ("" when there is none) unless out is
 * NULL. Returns out. */
__attribute__((unused))
static const char *tu_sql(const char *path, const char *sql, int64_t arg, char *out, size_t len)
{
	sqlite3 *h;
	sqlite3_stmt *st = NULL;
	if (out)
		out[0] = '\0';
	sqlite3_open(path, &h);
	sqlite3_busy_timeout(h, 5000);
	int rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(st) > 0)
			sqlite3_bind_int64(st, 1, arg);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && out && sqlite3_column_text(st, 0))
			snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
	}
	if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		printf("# %s: %s\n", sql, sqlite3_errmsg(h));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return out;
}

/* Adds a partner by name (and optional kind), returning its id. */
__attribute__((unused))
static int64_t tu_add(pd_db *db, const char *name, const char *kind)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	p->kind = kind ? strdup(kind) : NULL;
	if (!pd_partner_insert(db, p, &err)) {
		printf("# cannot add %s: %s\n", name, err.msg);
		pd_partner_destroy(p);
		return 0;
	}
	int64_t id = p->id;
	pd_partner_destroy(p);
	return id;
}

#endif
