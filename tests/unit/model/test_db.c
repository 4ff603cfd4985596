/* Unit tests of opening databases safely: new files (0600), refusing files
 * that are not ours, damaged or newer without changing a byte, migrations,
 * transactions, check, backup, the OS user and the network-fs probe. */
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "../../../src/model/internal.h"

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
}

static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *h;
	sqlite3_open(path, &h);
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		printf("# raw_exec: %s\n", msg);
	sqlite3_free(msg);
	sqlite3_close(h);
}

/* Whether the search document of partner rowid in the file at path is
 * exactly want, read past the model. */
static bool search_doc_is(const char *path, int64_t rowid, const char *want)
{
	sqlite3 *raw;
	sqlite3_stmt *doc = NULL;
	bool same = false;
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(raw, "SELECT body FROM partner_search WHERE rowid = ?1", -1, &doc, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(doc, 1, rowid);
		same = sqlite3_step(doc) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(doc, 0), want) == 0;
	}
	sqlite3_finalize(doc);
	sqlite3_close(raw);
	return same;
}

/* Whether the list filtered by text shows the one partner id. */
static bool text_finds(pd_db *db, const char *text, int64_t id)
{
	pd_error err = {0};
	pd_partner_rows rows = {0};
	pd_partner_query q = {.text = text};
	bool found = pd_partner_query_run(db, &q, &rows, &err) && rows.n == 1 && rows.v[0].id == id;
	pd_partner_rows_finish(&rows);
	return found;
}

/* Opens path expecting refusal with code; checks the message names the
 * file and the file is byte-for-byte the same, with nothing beside it. */
static void refused(const char *path, pd_status code, const char *needle, const char *what)
{
	size_t len0 = 0, len1 = 0;
	char *before = tu_read(path, &len0);
	struct stat st0, st1;
	stat(path, &st0);
	pd_error err = {0};
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	ok(db == NULL, "%s: refused", what);
	pd_db_close(db);
	is(err.code, code, "%s: status", what);
	ok(strstr(err.msg, path) != NULL, "%s: message names the file: %s", what, err.msg);
	ok(needle == NULL || strstr(err.msg, needle) != NULL, "%s: message says \"%s\"", what,
		needle ? needle : "");
	char *after = tu_read(path, &len1);
	stat(path, &st1);
	ok(before && after && len0 == len1 && memcmp(before, after, len0) == 0,
		"%s: file unchanged byte for byte", what);
	ok(st0.st_mode == st1.st_mode && st0.st_mtime == st1.st_mtime, "%s: mode and mtime unchanged", what);
	ok(tu_no_sidecars(path), "%s: no -wal, -shm or -journal left beside it", what);
	free(before);
	free(after);
}

static uint32_t header_u32(const char *path, size_t off)
{
	size_t len;
	unsigned char *b = (unsigned char *)tu_read(path, &len);
	uint32_t v = 0;
	if (b && len >= off + 4)
		v = (uint32_t)b[off] << 24 | (uint32_t)b[off + 1] << 16 | (uint32_t)b[off + 2] << 8 | b[off + 3];
	free(b);
	return v;
}

static void fill(pd_db *db, int n)
{
	char name[64];
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof name, "Partner number %04d with a longer name", i);
		tu_add(db, name, "museum");
	}
}

/* A write past the session's file size limit (ulimit -f) is said as that;
 * a later failure of another kind is not: SQLite keeps the errno of the
 * last I/O error (EFBIG) until another, and a constraint refused after it
 * was said as "cannot grow past this session's file size limit". */
static void test_fsize_then_other(void)
{
	pd_error err = {0};
	const char *path = tu_path("fsize.db");
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	ok(db && pd_db_exec(db, "CREATE TABLE t (x UNIQUE); INSERT INTO t VALUES (1)", &err),
	   "fsize: a desk with a row: %s", err.msg);
	struct rlimit was, small;
	getrlimit(RLIMIT_FSIZE, &was);
	small = was;
	small.rlim_cur = 256 * 1024;
	void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
	setrlimit(RLIMIT_FSIZE, &small);
	pd_error big = {0};
	ok(!pd_db_exec(db, "INSERT INTO t VALUES (zeroblob(4000000))", &big) && strstr(big.msg, "file size limit"),
	   "fsize: a write past the limit says so: %s", big.msg);
	pd_error dup = {0};
	ok(!pd_db_exec(db, "INSERT INTO t VALUES (1)", &dup) && !strstr(dup.msg, "file size limit")
	   && dup.code == PD_ERR_INVALID, "fsize: a constraint after it is not blamed on the limit: %s", dup.msg);
	setrlimit(RLIMIT_FSIZE, &was);
	signal(SIGXFSZ, old);
	pd_db_close(db);
}

int main(void)
{
	pd_error err = {0};
	tu_tmpdir();
	umask(022);

	/* ---- a new file ---- */
	const char *fresh = tu_path("fresh.db");
	pd_db *db = pd_db_open(fresh, 0, NULL, &err);
	ok(!db && err.code == PD_ERR_NOTFOUND, "missing file without CREATE: not found");
	ok(!tu_exists(fresh), "and not created");
	db = pd_db_open(fresh, PD_OPEN_CREATE | PD_OPEN_READONLY, NULL, &err);
	ok(!db && !tu_exists(fresh), "read-only never creates");
	db = pd_db_open(fresh, PD_OPEN_CREATE, NULL, &err);
	ok(db != NULL, "created: %s", db ? "" : err.msg);
	struct stat st;
	ok(stat(fresh, &st) == 0 && (st.st_mode & 0777) == 0600, "new file is 0600 (umask 022)");
	is(pd_db_schema_version(db), pd_db_latest_schema_version(), "schema is the latest");
	ok(pd_db_latest_schema_version() >= 1, "at least one migration");
	streq(pd_db_path(db), fresh, "path kept");
	ok(pd_db_rules(db) && pd_db_rules(db)->n_stages == 5, "default rules when none given");
	tu_add(db, "Alpha Museum", NULL);
	pd_db_close(db);
	is(header_u32(fresh, 68), PD_APPLICATION_ID, "application_id in the file header");
	is(header_u32(fresh, 60), pd_db_latest_schema_version(), "user_version in the file header");
	ok(tu_no_sidecars(fresh), "closing leaves no -wal or -shm");

	db = pd_db_open(fresh, 0, NULL, &err);
	ok(db && pd_partner_count(db, &err) == 1, "reopened with its data");
	pd_error e2 = {0};
	pd_db *db2 = pd_db_open(fresh, 0, NULL, &e2);
	ok(db2 != NULL, "a second handle on the same file");
	ok(db2 && pd_partner_count(db2, &e2) == 1, "sees the same data");
	pd_db_close(db2);

	/* the pragmas several processes need */
	sqlite3 *h;
	sqlite3_open(fresh, &h);
	sqlite3_stmt *q;
	sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &q, NULL);
	sqlite3_step(q);
	streq((const char *)sqlite3_column_text(q, 0), "wal", "journal_mode is WAL");
	sqlite3_finalize(q);
	sqlite3_close(h);

	/* the OS user, never $USER */
	setenv("USER", "mallory", 1);
	struct passwd *pw = getpwuid(getuid());
	char want[64];
	snprintf(want, sizeof want, "%s", pw ? pw->pw_name : "");
	if (!pw)
		snprintf(want, sizeof want, "uid %ld", (long)getuid());
	streq(pd_db_user(db), want, "user from the uid");

	/* the clock */
	pd_db_set_now(db, TU_NOW);
	is(pd_db_now(db), TU_NOW, "pinned clock");
	pd_db_set_now(db, 0);
	ok(pd_db_now(db) > TU_NOW - 86400 * 365 * 10, "real clock again");

	/* nested transactions: the inner one rolls back alone */
	ok(pd_db_begin(db, &err), "begin");
	tu_add(db, "Kept One", NULL);
	ok(pd_db_begin(db, &err), "nested begin");
	tu_add(db, "Dropped One", NULL);
	pd_db_rollback(db);
	tu_add(db, "Kept Two", NULL);
	ok(pd_db_commit(db, &err), "commit");
	is(pd_partner_count(db, &err), 3, "outer writes kept, inner rolled back");
	ok(pd_partner_resolve(db, "Dropped One", &err) == 0 && err.code == PD_ERR_NOTFOUND,
		"the rolled-back partner is gone");
	ok(pd_db_begin(db, &err), "begin again");
	tu_add(db, "Never", NULL);
	pd_db_rollback(db);
	is(pd_partner_count(db, &err), 3, "outer rollback drops everything");
	ok(!pd_db_commit(db, &err), "commit without begin fails");

	/* check on a healthy file */
	pd_check_report rep;
	ok(pd_db_check(db, &rep, &err), "check runs");
	ok(rep.ok && rep.n_lines == 0, "a fresh file is clean");
	for (size_t i = 0; i < rep.n_lines; i++)
		printf("# %s\n", rep.lines[i]);
	pd_check_report_finish(&rep);

	/* backup */
	const char *bak = tu_path("backup.db");
	ok(pd_db_backup(db, bak, false, NULL, &err), "backup: %s", err.msg);
	ok(stat(bak, &st) == 0 && (st.st_mode & 0777) == 0600, "backup created 0600");
	ok(tu_no_sidecars(bak), "backup is one file");
	pd_db *b = pd_db_open(bak, 0, NULL, &e2);
	ok(b && pd_partner_count(b, &e2) == 3, "backup opens with the same partners");
	pd_db_close(b);
	chmod(bak, 0640);
	tu_add(db, "After Backup", NULL);
	ok(!pd_db_backup(db, bak, false, NULL, &err) && err.code == PD_ERR_INVALID,
	   "an existing backup is not replaced unless asked");
	b = pd_db_open(bak, 0, NULL, &e2);
	ok(b && pd_partner_count(b, &e2) == 3, "and it still holds what it held");
	pd_db_close(b);
	ok(pd_db_backup(db, bak, true, NULL, &err), "backup over an existing file");
	ok(stat(bak, &st) == 0 && (st.st_mode & 0777) == 0640, "its mode is respected");
	b = pd_db_open(bak, 0, NULL, &e2);
	ok(b && pd_partner_count(b, &e2) == 4, "the new backup has the new partner");
	pd_db_close(b);
	ok(!pd_db_backup(db, tu_path("no/such/dir/x.db"), false, NULL, &err), "backup into a missing directory fails");
	ok(!pd_db_backup(db, fresh, true, NULL, &err) && err.code == PD_ERR_INVALID, "backup onto itself refused");
	/* no temporary file left anywhere */
	DIR *dir = opendir(tu_tmpdir());
	struct dirent *de;
	int stray = 0;
	while ((de = readdir(dir)))
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			stray++;
	closedir(dir);
	is(stray, 0, "no temporary backup files left");
	ok(!pd_db_on_network_fs(fresh), "a temp dir is not a network file system");
	ok(!pd_db_on_network_fs(tu_path("not-yet.db")), "judged by its directory when missing");
	pd_db_close(db);

	/* an existing empty file gets the schema and keeps its mode */
	const char *empty = tu_path("empty.db");
	write_file(empty, "", 0);
	chmod(empty, 0640);
	db = pd_db_open(empty, 0, NULL, &err);
	ok(db != NULL, "an empty file becomes a database: %s", db ? "" : err.msg);
	ok(stat(empty, &st) == 0 && (st.st_mode & 0777) == 0640, "an existing file's mode is never changed");
	pd_db_close(db);

	/* ---- refusals ---- */
	const char *text = tu_path("notes.txt");
	const char *words = "Dear diary, this is not a database at all. It is long enough to have a header, "
		"more than a hundred bytes of it, so the magic is what decides.\n";
	write_file(text, words, strlen(words));
	refused(text, PD_ERR_NOT_OURS, "not a partnerdesk database", "a text file");
	const char *tiny = tu_path("tiny.db");
	write_file(tiny, "SQLite format 3", 16);
	refused(tiny, PD_ERR_NOT_OURS, "nothing was changed", "a short file");

	const char *other = tu_path("other-app.db");
	raw_exec(other, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
	refused(other, PD_ERR_NOT_OURS, "nothing was changed", "another program's SQLite file");
	const char *other_wal = tu_path("other-wal.db");
	raw_exec(other_wal, "PRAGMA journal_mode=WAL; PRAGMA application_id=42; CREATE TABLE t (x);");
	refused(other_wal, PD_ERR_NOT_OURS, "not a partnerdesk database", "another program's WAL file");

	const char *newer = tu_path("newer.db");
	db = pd_db_open(newer, PD_OPEN_CREATE, NULL, &err);
	fill(db, 5);
	pd_db_close(db);
	raw_exec(newer, "PRAGMA user_version = 99");
	refused(newer, PD_ERR_NEWER, "upgrade partnerdesk", "a newer schema");
	{
		pd_db *x = pd_db_open(newer, 0, NULL, &err);
		char knows[32];
		snprintf(knows, sizeof knows, "knows %d", pd_db_latest_schema_version());
		ok(!x && strstr(err.msg, "schema 99") && strstr(err.msg, knows),
			"the message gives both versions: %s", err.msg);
		pd_db_close(x);
	}

	const char *bad = tu_path("damaged.db");
	db = pd_db_open(bad, PD_OPEN_CREATE, NULL, &err);
	fill(db, 400);
	pd_db_close(db);
	{
		/* Overwrite a page in the middle of the file with garbage. */
		int fd = open(bad, O_WRONLY);
		char junk[4096];
		memset(junk, 0x5A, sizeof junk);
		pwrite(fd, junk, sizeof junk, 4096 * 8);
		pwrite(fd, junk, sizeof junk, 4096 * 12);
		close(fd);
	}
	refused(bad, PD_ERR_DAMAGED, "damaged", "a damaged file");
	const char *badpage = tu_path("badpage.db");
	db = pd_db_open(badpage, PD_OPEN_CREATE, NULL, &err);
	pd_db_close(db);
	{
		int fd = open(badpage, O_WRONLY);
		unsigned char ps[2] = {0x03, 0x00};   /* page size 768: impossible */
		pwrite(fd, ps, 2, 16);
		close(fd);
	}
	refused(badpage, PD_ERR_DAMAGED, "Restore it from a backup", "an impossible header");

	/* ---- migrations ---- */
	const char *old = tu_path("version0.db");
	raw_exec(old, "PRAGMA application_id = 1346655051;");
	db = pd_db_open(old, 0, NULL, &err);
	ok(db != NULL, "a schema-0 file of ours migrates: %s", db ? "" : err.msg);
	is(db ? pd_db_schema_version(db) : -1, pd_db_latest_schema_version(), "to the latest version");
	ok(db && tu_add(db, "After Migration", NULL) > 0, "and works");
	pd_db_close(db);
	raw_exec(old, "PRAGMA user_version = 0;");
	db = pd_db_open(old, PD_OPEN_READONLY, NULL, &err);
	ok(!db && strstr(err.msg, "older schema"), "read-only will not migrate: %s", err.msg);

	/* Schema 1 had no name-order key: migration 2 computes it for the
	 * rows already there. */
	const char *v1 = tu_path("version1.db");
	db = pd_db_open(v1, PD_OPEN_CREATE, NULL, &err);
	tu_add(db, "Main Street Hardware", NULL);
	tu_add(db, "Łódź Sister City Committee", NULL);
	tu_add(db, "Lincoln Elementary", NULL);
	pd_db_close(db);
	raw_exec(v1, TU_UNDO_14 "DROP INDEX partners_by_sort_key; ALTER TABLE partners DROP COLUMN sort_key; "
		"ALTER TABLE drafts DROP COLUMN owner_host; ALTER TABLE drafts DROP COLUMN owner_pid; "
		"ALTER TABLE drafts DROP COLUMN heartbeat; DROP INDEX agreements_by_review; DROP INDEX agreements_by_end; "
		"DROP TABLE audit_changes; DROP INDEX audit_by_partner; ALTER TABLE audit DROP COLUMN partner_id; "
		"DROP INDEX contacts_by_uid; DROP INDEX interactions_by_uid; DROP INDEX partners_by_uid; ALTER TABLE partners DROP COLUMN uid; ALTER TABLE contacts DROP COLUMN uid; ALTER TABLE interactions DROP COLUMN uid; "
		"ALTER TABLE interactions DROP COLUMN contact_name; " TU_UNDO_13 "PRAGMA user_version = 1;");
	db = pd_db_open(v1, 0, NULL, &err);
	ok(db != NULL, "a schema-1 file with partners migrates: %s", db ? "" : err.msg);
	if (db) {
		pd_partner_rows rows = {0};
		pd_partner_query all = {0};
		ok(pd_partner_query_run(db, &all, &rows, &err) && rows.n == 3 &&
		   strcmp(rows.v[1].name, "Łódź Sister City Committee") == 0,
		   "and its partners sort by the new key: Łódź between Lincoln and Main Street");
		pd_partner_rows_finish(&rows);
		ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the keys right");
		pd_check_report_finish(&rep);
	}
	pd_db_close(db);

	/* Schema 3 keyed names without normalising them: a name pasted
	 * decomposed (e + COMBINING ACUTE) was not found by the same name
	 * typed composed. Migration 4 makes every key again. The old keys are
	 * made here as the old folding did for these names (lower case, marks
	 * left apart); a partner has a tag twice, once each way. */
	const char *v3 = tu_path("version3.db");
	db = pd_db_open(v3, PD_OPEN_CREATE, NULL, &err);
	int64_t orsay = tu_add(db, "Muse\xcc\x81" "e d\xe2\x80\x99Orsay Cafe\xcc\x81", NULL);
	pd_contact *amelie = pd_contact_create();
	amelie->partner_id = orsay;
	amelie->name = strdup("Ame\xcc\x81" "lie Poulain");
	ok(orsay && pd_contact_insert(db, amelie, &err), "a schema-3 file: a decomposed partner and contact");
	pd_contact_destroy(amelie);
	pd_db_close(db);
	raw_exec(v3, TU_UNDO_14
		"UPDATE partners SET name_fold = lower(name), sort_key = lower(name);"
		"UPDATE contacts SET name_fold = lower(name);"
		"INSERT INTO partner_tags (partner_id, value, value_fold, created, updated) VALUES "
		"  (1, '\xc3\x89" "ducation', '\xc3\xa9" "ducation', '2026-01-01T00:00:00Z', 'x'),"
		"  (1, 'E\xcc\x81" "ducation', 'e\xcc\x81" "ducation', '2026-02-01T00:00:00Z', 'x');"
		"DELETE FROM partner_search;"
		"INSERT INTO partner_search (rowid, name, body) SELECT id, name_fold, "
		"  (SELECT group_concat(lower(value), char(10)) FROM partner_tags WHERE partner_id = p.id) || char(10) ||"
		"  (SELECT group_concat(lower(name), char(10)) FROM contacts WHERE partner_id = p.id) FROM partners p;"
		"DROP INDEX agreements_by_review; DROP INDEX agreements_by_end; "
		"DROP TABLE audit_changes; DROP INDEX audit_by_partner; ALTER TABLE audit DROP COLUMN partner_id; "
		"DROP INDEX contacts_by_uid; DROP INDEX interactions_by_uid; DROP INDEX partners_by_uid; ALTER TABLE partners DROP COLUMN uid; ALTER TABLE contacts DROP COLUMN uid; ALTER TABLE interactions DROP COLUMN uid; "
		"ALTER TABLE interactions DROP COLUMN contact_name; " TU_UNDO_13 "PRAGMA user_version = 3;");
	db = pd_db_open(v3, 0, NULL, &err);
	ok(db != NULL, "a schema-3 file with old keys migrates: %s", db ? "" : err.msg);
	if (db) {
		pd_partner_rows rows = {0};
		pd_partner_query fq = {.text = "mus\xc3\xa9" "e"};
		ok(pd_partner_query_run(db, &fq, &rows, &err) && rows.n == 1 && rows.v[0].id == orsay,
		   "\"mus\xc3\xa9" "e\" typed composed finds the decomposed name");
		ok(rows.n == 1 && strcmp(rows.v[0].name, "Muse\xcc\x81" "e d\xe2\x80\x99Orsay Cafe\xcc\x81") == 0,
		   "which is still stored as it was typed");
		pd_partner_rows_finish(&rows);
		fq.text = "caf\xc3\xa9";
		ok(pd_partner_query_run(db, &fq, &rows, &err) && rows.n == 1, "so does \"caf\xc3\xa9\"");
		pd_partner_rows_finish(&rows);
		fq.text = "am\xc3\xa9" "lie";
		ok(pd_partner_query_run(db, &fq, &rows, &err) && rows.n == 1, "and the contact's name, in the search index");
		pd_partner_rows_finish(&rows);
		pd_partner_query tq = {.tag = "\xc3\xa9" "ducation"};
		ok(pd_partner_query_run(db, &tq, &rows, &err) && rows.n == 1, "the tag filter finds the tag");
		pd_partner_rows_finish(&rows);
		pd_partner *p = pd_partner_get(db, orsay, &err);
		ok(p && p->tags.n == 1 && strcmp(p->tags.v[0], "\xc3\x89" "ducation") == 0,
		   "the tag saved twice is one now, the first saved kept");
		pd_partner_destroy(p);
		int64_t same[2];
		is(pd_partner_find_same_name(db, "MUS\xc3\x89" "E D\xe2\x80\x99ORSAY CAF\xc3\x89", same, 2, &err), 1,
		   "an import's duplicate test finds it");
		ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the keys right");
		pd_check_report_finish(&rep);
	}
	pd_db_close(db);

	/* Schema 4 kept typographic apostrophes apart from the keyboard's:
	 * "St Mary’s" imported from a spreadsheet was not found as "st mary's",
	 * and an import added "St Mary's" again. Migration 5 makes the keys
	 * again and rebuilds the search documents that change, and only those.
	 * The old keys are made here as the old folding did (lower case, the
	 * typographic apostrophe kept). */
	const char *v4 = tu_path("version4.db");
	db = pd_db_open(v4, PD_OPEN_CREATE, NULL, &err);
	int64_t mary = tu_add(db, "St Mary\xe2\x80\x99s School", NULL);
	int64_t plain = tu_add(db, "Plain Library", NULL);
	int64_t quiet = tu_add(db, "Quiet Partner", NULL);
	pd_interaction note = {.partner_id = plain, .text = strdup("Met the Friends\xe2\x80\x99 group"),
		.channel = strdup("phone")};
	ok(mary && plain && pd_interaction_insert(db, &note, &err), "a schema-4 file: a curly name and a curly note");
	pd_interaction_finish(&note);
	pd_db_close(db);
	raw_exec(v4, TU_UNDO_14
		"UPDATE partners SET name_fold = lower(name), sort_key = lower(name);"
		"DELETE FROM partner_search;"
		"INSERT INTO partner_search (rowid, name, body) SELECT id, name_fold, "
		"  coalesce((SELECT lower(group_concat(text, char(10))) FROM interactions WHERE partner_id = p.id), '')"
		"  FROM partners p WHERE id <> 3;"
		"INSERT INTO partner_search (rowid, name, body) VALUES (3, 'quiet partner', 'kept as it is');"
		"DROP INDEX agreements_by_review; DROP INDEX agreements_by_end; "
		"DROP TABLE audit_changes; DROP INDEX audit_by_partner; ALTER TABLE audit DROP COLUMN partner_id; "
		"DROP INDEX contacts_by_uid; DROP INDEX interactions_by_uid; DROP INDEX partners_by_uid; ALTER TABLE partners DROP COLUMN uid; ALTER TABLE contacts DROP COLUMN uid; ALTER TABLE interactions DROP COLUMN uid; "
		"ALTER TABLE interactions DROP COLUMN contact_name; " TU_UNDO_13 "PRAGMA user_version = 4;");
	db = pd_db_open(v4, 0, NULL, &err);
	ok(db != NULL, "a schema-4 file with old keys migrates: %s", db ? "" : err.msg);
	if (db) {
		pd_partner_rows rows = {0};
		pd_partner_query fq = {.text = "mary's"};
		ok(pd_partner_query_run(db, &fq, &rows, &err) && rows.n == 1 && rows.v[0].id == mary,
		   "\"mary's\" typed finds \"St Mary\xe2\x80\x99s School\"");
		pd_partner_rows_finish(&rows);
		fq.text = "friends' group";
		ok(pd_partner_query_run(db, &fq, &rows, &err) && rows.n == 1 && rows.v[0].id == plain,
		   "and the logged note, in the search index");
		pd_partner_rows_finish(&rows);
		int64_t same[2];
		is(pd_partner_find_same_name(db, "ST MARY'S SCHOOL", same, 2, &err), 1,
		   "an import's duplicate test finds it");
		ok(search_doc_is(v4, quiet, "kept as it is"), "a document the new folding leaves alone is not rebuilt");
		ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the keys right");
		pd_check_report_finish(&rep);
	}
	pd_db_close(db);

	/* Schema 6 had no uids: migration 8 gives each row the key the exports
	 * built from creation times (io/uid.c until then), so the UIDs a
	 * calendar holds stay; partners of one second counted by name. */
	const char *v6 = tu_path("version6.db");
	db = pd_db_open(v6, PD_OPEN_CREATE, NULL, &err);
	pd_db_set_now(db, 1795000000);   /* 2026-11-18T11:06:40Z */
	int64_t gamma = tu_add(db, "Gamma Garden", NULL), alpha = tu_add(db, "alpha arts", NULL);
	int64_t beta = tu_add(db, "Beta Books", NULL);
	char zed[] = "Zed", amy[] = "Amy", later[] = "later", earlier[] = "earlier";
	pd_contact ca = { .partner_id = alpha, .name = zed }, cb = { .partner_id = alpha, .name = amy };
	pd_interaction i1 = { .partner_id = alpha, .at = "2026-11-02T10:00:00Z", .text = later };
	pd_interaction i2 = { .partner_id = alpha, .at = "2026-11-01T10:00:00Z", .text = earlier };
	ok(pd_contact_insert(db, &ca, &err) && pd_contact_insert(db, &cb, &err) &&
	   pd_interaction_insert(db, &i1, &err) && pd_interaction_insert(db, &i2, &err),
	   "a schema-6 desk: three partners, two contacts, two log entries in one second");
	free(i1.by);
	free(i2.by);
	pd_db_close(db);
	raw_exec(v6, TU_UNDO_14 "DROP INDEX contacts_by_uid; DROP INDEX interactions_by_uid; DROP INDEX partners_by_uid; ALTER TABLE partners DROP COLUMN uid; "
		"ALTER TABLE contacts DROP COLUMN uid; ALTER TABLE interactions DROP COLUMN uid; "
		"DROP TABLE audit_changes; DROP INDEX audit_by_partner; ALTER TABLE audit DROP COLUMN partner_id; "
		"ALTER TABLE interactions DROP COLUMN contact_name; " TU_UNDO_13 "PRAGMA user_version = 6;");
	db = pd_db_open(v6, 0, NULL, &err);
	ok(db != NULL, "a schema-6 file migrates: %s", db ? "" : err.msg);
	if (db) {
		pd_partner *pa = pd_partner_get(db, alpha, &err), *pb = pd_partner_get(db, beta, &err);
		pd_partner *pg = pd_partner_get(db, gamma, &err);
		streq(pa ? pa->uid : NULL, "20261118T110640Z", "the first by name keeps the bare time");
		streq(pb ? pb->uid : NULL, "20261118T110640Z.2", "the second .2");
		streq(pg ? pg->uid : NULL, "20261118T110640Z.3", "the third .3, whatever the insert order");
		pd_partner_destroy(pa);
		pd_partner_destroy(pb);
		pd_partner_destroy(pg);
		pd_contacts cs = {0};
		ok(pd_contact_list(db, alpha, &cs, &err) && cs.n == 2, "the contacts");
		if (cs.n == 2) {
			streq(cs.v[0].uid, "20261118T110640Z", "Amy, first in the list");
			streq(cs.v[1].uid, "20261118T110640Z.2", "Zed, second");
		}
		pd_contacts_finish(&cs);
		pd_interaction r1, r2;
		ok(pd_interaction_get(db, i1.id, &r1, &err) && pd_interaction_get(db, i2.id, &r2, &err), "the log");
		streq(r2.uid, "20261118T110640Z", "the earlier entry first, as the log is kept");
		streq(r1.uid, "20261118T110640Z.2", "the later one second");
		pd_interaction_finish(&r1);
		pd_interaction_finish(&r2);
		int64_t delta = tu_add(db, "Delta Dance", NULL);
		pd_partner *pd = pd_partner_get(db, delta, &err);
		ok(pd && strlen(pd->uid) == 32 && strspn(pd->uid, "0123456789abcdef") == 32,
		   "a partner added after gets 32 random hex digits: %s", pd ? pd->uid : "");
		pd_partner_destroy(pd);
		ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the schema right");
		pd_check_report_finish(&rep);
	}
	pd_db_close(db);

	/* Schema 8 indexed no uid of a person or a log entry; migration 9
	 * does, and must go through on the uids a real desk holds: the same
	 * derived key at two partners (rows made in the same second), the
	 * same key twice at one partner (derived beside a kept one by a
	 * restore of an old backup), and a NULL a restore leaves for a while. */
	const char *v8 = tu_path("version8.db");
	db = pd_db_open(v8, PD_OPEN_CREATE, NULL, &err);
	int64_t owls = tu_add(db, "Owl Rescue", NULL), bats = tu_add(db, "Bat Society", NULL);
	char ann[] = "Ann", bo[] = "Bo", cy[] = "Cy", met[] = "met", rang[] = "rang";
	pd_contact c1 = { .partner_id = owls, .name = ann }, c2 = { .partner_id = owls, .name = bo };
	pd_contact c3 = { .partner_id = bats, .name = cy };
	pd_interaction l1 = { .partner_id = owls, .text = met }, l2 = { .partner_id = bats, .text = rang };
	ok(pd_contact_insert(db, &c1, &err) && pd_contact_insert(db, &c2, &err) &&
	   pd_contact_insert(db, &c3, &err) && pd_interaction_insert(db, &l1, &err) &&
	   pd_interaction_insert(db, &l2, &err), "a schema-8 desk: three people, two log entries");
	free(l1.by);
	free(l2.by);
	pd_db_close(db);
	raw_exec(v8, TU_UNDO_14 "DROP INDEX contacts_by_uid; DROP INDEX interactions_by_uid; "
		"UPDATE contacts SET uid = '20261118T110640Z';"
		"UPDATE interactions SET uid = '20261118T110640Z';"
		"INSERT INTO contacts (partner_id, name, name_fold, created, updated) "
		"  VALUES (1, 'Dee', 'dee', '2026-11-18T11:06:40Z', '2026-11-18T11:06:40Z');"
		"ALTER TABLE interactions DROP COLUMN contact_name; " TU_UNDO_13 "PRAGMA user_version = 8;");
	db = pd_db_open(v8, 0, NULL, &err);
	ok(db != NULL, "a schema-8 desk with shared, repeated and NULL uids migrates: %s",
	   db ? "" : err.msg);
	if (db) {
		is(pd_db_schema_version(db), pd_db_latest_schema_version(), "to the latest version");
		ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the new indexes there");
		for (size_t i = 0; i < rep.n_lines; i++)
			printf("# finding: %s\n", rep.lines[i]);
		pd_check_report_finish(&rep);
		is(pd_contact_find_uid(db, bats, "20261118T110640Z", &err), c3.id,
		   "a person is found by uid at its own partner, not at another with that uid");
		is(pd_contact_find_uid(db, owls, "20261118T110640Z", &err), c1.id,
		   "of two with one uid at a partner, the first");
		pd_contact again = { .partner_id = owls, .name = cy };
		memcpy(again.uid, "20261118T110640Z", sizeof "20261118T110640Z");
		ok(pd_contact_insert(db, &again, &err), "a person added with a uid the partner has");
		pd_contact *got = pd_contact_get(db, again.id, &err);
		ok(got && strlen(got->uid) == 32, "gets a fresh one: %s", got ? got->uid : "");
		pd_contact_destroy(got);
	}
	pd_db_close(db);

	/* Schema 9 kept no name of a removed person: a log entry they were
	 * named in was left with contact_id NULL. Migration 10 adds the name
	 * column and makes up no name for such an entry (none was recorded);
	 * a person removed after it leaves their name. */
	const char *v9 = tu_path("version9.db");
	db = pd_db_open(v9, PD_OPEN_CREATE, NULL, &err);
	int64_t hall = tu_add(db, "Village Hall", NULL);
	char eve[] = "Eve", fay[] = "Fay", chat[] = "chat", tea[] = "tea";
	pd_contact ce = { .partner_id = hall, .name = eve }, cf = { .partner_id = hall, .name = fay };
	ok(pd_contact_insert(db, &ce, &err) && pd_contact_insert(db, &cf, &err), "a schema-9 desk: two people");
	pd_interaction le = { .partner_id = hall, .contact_id = ce.id, .text = chat };
	pd_interaction lf = { .partner_id = hall, .contact_id = cf.id, .text = tea };
	ok(pd_interaction_insert(db, &le, &err) && pd_interaction_insert(db, &lf, &err), "an entry with each");
	free(le.by);
	free(lf.by);
	pd_db_close(db);
	raw_exec(v9, TU_UNDO_14 "PRAGMA foreign_keys = ON; ALTER TABLE interactions DROP COLUMN contact_name; "
		"DELETE FROM contacts WHERE name = 'Eve'; " TU_UNDO_13 "PRAGMA user_version = 9;");
	db = pd_db_open(v9, 0, NULL, &err);
	ok(db != NULL, "a schema-9 desk with an entry whose person was removed migrates: %s",
	   db ? "" : err.msg);
	if (db) {
		is(pd_db_schema_version(db), pd_db_latest_schema_version(), "to the latest version");
		ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the schema right");
		pd_check_report_finish(&rep);
		pd_interaction got;
		ok(pd_interaction_get(db, le.id, &got, &err) && got.contact_id == 0 && !got.contact_name &&
		   !got.removed_contact, "the entry Eve was removed from names nobody, as before");
		pd_interaction_finish(&got);
		ok(pd_contact_delete(db, cf.id, cf.version, &err), "Fay removed after the upgrade: %s", err.msg);
		ok(pd_interaction_get(db, lf.id, &got, &err) && got.contact_id == 0 && got.removed_contact &&
		   strcmp(got.removed_contact, "Fay") == 0, "her entry keeps her name");
		pd_interaction_finish(&got);
	}
	pd_db_close(db);

	/* Schema 10 kept diacritics in the keys: "Café Olé" was not found as
	 * "cafe", and "Cafe" was another tag than "Café". Migration 11 makes
	 * the keys again and folds again the search documents that change,
	 * where they are (what a document holds stays in it). The old keys
	 * are made here as the old folding made them for these names (lower
	 * case, accents kept). */
	const char *v10 = tu_path("version10.db");
	db = pd_db_open(v10, PD_OPEN_CREATE, NULL, &err);
	int64_t cafe = tu_add(db, "Caf\xc3\xa9 Ol\xc3\xa9 Coffee Roasters", NULL);
	int64_t lodz = tu_add(db, "\xc5\x81\xc3\xb3" "d\xc5\xba Sister City Committee", NULL);
	int64_t ascii = tu_add(db, "Quiet Partner", NULL);
	ok(cafe && lodz && ascii, "a schema-10 desk: Caf\xc3\xa9 Ol\xc3\xa9, \xc5\x81\xc3\xb3" "d\xc5\xba, a plain name");
	pd_db_close(db);
	raw_exec(v10, TU_UNDO_14
		"UPDATE partners SET name_fold = lower(name), sort_key = lower(name) WHERE id = 1;"
		"UPDATE partners SET name_fold = '\xc5\x82\xc3\xb3" "d\xc5\xba sister city committee', "
		"  sort_key = 'lodz sister city committee' WHERE id = 2;"
		"INSERT INTO partner_tags (partner_id, value, value_fold, created, updated) VALUES "
		"  (1, 'Caf\xc3\xa9', 'caf\xc3\xa9', '2026-01-01T00:00:00Z', 'x'),"
		"  (1, 'Cafe', 'cafe', '2026-02-01T00:00:00Z', 'x');"
		"DELETE FROM partner_search;"
		"INSERT INTO partner_search (rowid, name, body) VALUES "
		"  (1, 'caf\xc3\xa9 ol\xc3\xa9 coffee roasters', 'caf\xc3\xa9' || char(10) || 'cafe' || char(10) || 'met zo\xc3\xab'),"
		"  (2, '\xc5\x82\xc3\xb3" "d\xc5\xba sister city committee', ''),"
		"  (3, 'quiet partner', 'kept as it is');"
		TU_UNDO_13 "PRAGMA user_version = 10;");
	db = pd_db_open(v10, 0, NULL, &err);
	ok(db != NULL, "a schema-10 desk with accented keys migrates: %s", db ? "" : err.msg);
	if (db) {
		is(pd_db_schema_version(db), pd_db_latest_schema_version(), "to the latest version");
		ok(text_finds(db, "cafe", cafe), "\"cafe\" finds Caf\xc3\xa9 Ol\xc3\xa9");
		ok(text_finds(db, "lodz", lodz), "\"lodz\" finds \xc5\x81\xc3\xb3" "d\xc5\xba");
		ok(text_finds(db, "zoe", cafe), "and \"zoe\" the document's zo\xc3\xab, folded again where it was");
		pd_partner_rows rows = {0};
		pd_partner *p = pd_partner_get(db, cafe, &err);
		ok(p && p->tags.n == 1 && strcmp(p->tags.v[0], "Caf\xc3\xa9") == 0,
		   "Caf\xc3\xa9 and Cafe are one tag now, the first saved kept");
		pd_partner_destroy(p);
		pd_partner_query tq = {.tag = "cafe"};
		ok(pd_partner_query_run(db, &tq, &rows, &err) && rows.n == 1, "the tag filter finds it typed plain");
		pd_partner_rows_finish(&rows);
		int64_t same[2];
		is(pd_partner_find_same_name(db, "Cafe Ole Coffee Roasters", same, 2, &err), 1,
		   "an import's duplicate test finds it");
		ok(search_doc_is(v10, ascii, "kept as it is"), "a document the new folding leaves alone is not rebuilt");
		ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the keys right");
		pd_check_report_finish(&rep);
	}
	pd_db_close(db);

	/* Schema 11 keyed the punctuation a compatibility decomposition makes
	 * as it came: Afrikaans "ŉ" as "ʼn" (MODIFIER LETTER APOSTROPHE), so
	 * "'n" typed did not find it, and a key folded again was not itself.
	 * Migration 12 makes the keys again and folds the documents again. The
	 * old keys are made here as the old folding made them. */
	const char *v11 = tu_path("version11.db");
	db = pd_db_open(v11, PD_OPEN_CREATE, NULL, &err);
	int64_t nuwe = tu_add(db, "\xc5\x89 Nuwe Begin Trust", NULL);
	int64_t still = tu_add(db, "Quiet Partner", NULL);
	pd_contact jan = {.partner_id = nuwe, .name = strdup("Jan \xc5\x89 Boer")};
	ok(nuwe && still && pd_contact_insert(db, &jan, &err), "a schema-11 desk: \xc5\x89 Nuwe Begin, a plain name");
	pd_contact_finish(&jan);
	pd_db_close(db);
	raw_exec(v11, TU_UNDO_14
		"UPDATE partners SET name_fold = '\xca\xbcn nuwe begin trust', "
		"  sort_key = '\xca\xbcn nuwe begin trust' WHERE id = 1;"
		"UPDATE contacts SET name_fold = 'jan \xca\xbcn boer';"
		"INSERT INTO partner_tags (partner_id, value, value_fold, created, updated) VALUES "
		"  (1, '\xc5\x89 Kerk', '\xca\xbcn kerk', '2026-01-01T00:00:00Z', 'x');"
		"DELETE FROM partner_search;"
		"INSERT INTO partner_search (rowid, name, body) VALUES "
		"  (1, '\xca\xbcn nuwe begin trust', 'jan \xca\xbcn boer' || char(10) || 'met \xca\xbcn dominee'),"
		"  (2, 'quiet partner', 'kept as it is');"
		TU_UNDO_13 "PRAGMA user_version = 11;");
	db = pd_db_open(v11, 0, NULL, &err);
	ok(db != NULL, "a schema-11 desk migrates: %s", db ? "" : err.msg);
	if (db) {
		is(pd_db_schema_version(db), pd_db_latest_schema_version(), "to the latest version");
		ok(text_finds(db, "'n nuwe", nuwe), "\"'n nuwe\" typed finds \xc5\x89 Nuwe Begin");
		ok(text_finds(db, "\xc5\x89 nuwe", nuwe), "as \xc5\x89 typed does");
		ok(text_finds(db, "'n dominee", nuwe), "and the document's \xca\xbcn, folded again where it was");
		pd_partner_rows rows = {0};
		pd_partner_query tq = {.tag = "'n kerk"};
		ok(pd_partner_query_run(db, &tq, &rows, &err) && rows.n == 1, "the tag filter finds it typed plain");
		pd_partner_rows_finish(&rows);
		int64_t same[2];
		is(pd_partner_find_same_name(db, "'n Nuwe Begin Trust", same, 2, &err), 1,
		   "an import's duplicate test finds it");
		ok(pd_contact_find_named(db, nuwe, "Jan 'n Boer", 0, &err) > 0, "and its person's, typed plain");
		ok(search_doc_is(v11, still, "kept as it is"), "a document the new folding leaves alone is not rebuilt");
		ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the keys right");
		pd_check_report_finish(&rep);
	}
	pd_db_close(db);

	/* Schema 13 kept an index no statement reads (stage_history_by_at) and
	 * the search index's per-document sizes, which nothing reads either:
	 * some 44 of the 1,230 bytes an imported partner wrote. A desk made
	 * now has neither; one at 13 loses them, keeps
	 * every search document as it was (copied, not rebuilt), and is found,
	 * listed by stage and checked as before. */
	static const char leaner[] =
		"SELECT count(*) FROM sqlite_schema WHERE name IN "
		"('partner_search_docsize', 'stage_history_by_at')";
	char held[32];
	const char *v13 = tu_path("version13.db");
	db = pd_db_open(v13, PD_OPEN_CREATE, NULL, &err);
	int64_t gallery = tu_add(db, "Riverside Gallery", NULL);
	int64_t unmoved = tu_add(db, "Quiet Partner", NULL);
	ok(gallery && unmoved, "a desk made now");
	pd_db_close(db);
	streq(tu_sql(v13, leaner, 0, held, sizeof held), "0",
	      "holds no per-document sizes and not the index no statement reads");
	/* The rowid ends every entry of an index already: a column naming it
	 * again stores it twice. */
	static const char id_again[] =
		"SELECT count(*) FROM sqlite_schema m, pragma_index_info(m.name) i "
		"WHERE m.type = 'index' AND i.name = 'id'";
	streq(tu_sql(v13, id_again, 0, held, sizeof held), "0", "and no index names a table's id");
	raw_exec(v13, TU_UNDO_14
		"DELETE FROM partner_search WHERE rowid = 2;"
		"INSERT INTO partner_search (rowid, name, body) VALUES (2, 'unmoved partner', 'kept as it is');"
		"PRAGMA user_version = 13;");
	streq(tu_sql(v13, leaner, 0, held, sizeof held), "2", "made a schema-13 desk of it");
	streq(tu_sql(v13, id_again, 0, held, sizeof held), "5", "with the five indexes that named the id");
	db = pd_db_open(v13, 0, NULL, &err);
	ok(db != NULL, "a schema-13 desk migrates: %s", db ? "" : err.msg);
	if (db) {
		is(pd_db_schema_version(db), pd_db_latest_schema_version(), "to the latest version");
		streq(tu_sql(v13, leaner, 0, held, sizeof held), "0", "without the sizes and the index");
		streq(tu_sql(v13, id_again, 0, held, sizeof held), "0", "nor an index that names the id");
		ok(text_finds(db, "iversid", gallery), "\"iversid\" still finds Riverside Gallery");
		ok(search_doc_is(v13, unmoved, "kept as it is"), "a document is copied as it was, not rebuilt");
		ok(text_finds(db, "kept", unmoved), "and found by what it holds");
		pd_partner *p = pd_partner_get(db, gallery, &err);
		pd_partner_query sq = {.stage = p ? p->stage : ""};
		pd_partner_rows rows = {0};
		ok(p && pd_partner_query_run(db, &sq, &rows, &err) && rows.n == 2,
		   "the stage filter lists both partners");
		pd_partner_rows_finish(&rows);
		pd_partner_destroy(p);
		ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds nothing wrong");
		for (size_t i = 0; i < rep.n_lines; i++)
			printf("# finding: %s\n", rep.lines[i]);
		pd_check_report_finish(&rep);
	}
	pd_db_close(db);

	/* A schema-13 desk missing indexes migration 14 drops (check named
	 * them; a desk written by another program) still upgrades: the step
	 * was refused with "no such index", and the desk could not be opened. */
	const char *v13_gaps = tu_path("version13-gaps.db");
	db = pd_db_open(v13_gaps, PD_OPEN_CREATE, NULL, &err);
	ok(db && tu_add(db, "Gap Library", NULL), "another desk made now");
	pd_db_close(db);
	raw_exec(v13_gaps, TU_UNDO_14
		"DROP INDEX stage_history_by_at; DROP INDEX partners_by_name; DROP INDEX audit_by_partner;"
		"PRAGMA user_version = 13;");
	db = pd_db_open(v13_gaps, 0, NULL, &err);
	ok(db != NULL, "a schema-13 desk without stage_history_by_at, partners_by_name and "
	   "audit_by_partner migrates: %s", db ? "" : err.msg);
	if (db) {
		ok(pd_db_check(db, &rep, &err) && rep.ok, "and check finds nothing wrong: the indexes "
		   "the desk keeps are made again");
		for (size_t i = 0; i < rep.n_lines; i++)
			printf("# finding: %s\n", rep.lines[i]);
		pd_check_report_finish(&rep);
	}
	pd_db_close(db);

	/* ---- check finds problems ---- */
	const char *broken = tu_path("broken.db");
	db = pd_db_open(broken, PD_OPEN_CREATE, NULL, &err);
	int64_t pid = tu_add(db, "Checked Partner", NULL);
	pd_db_close(db);
	raw_exec(broken, "DROP INDEX partners_by_stage; "
		"INSERT INTO contacts (partner_id, name, name_fold, created, updated) "
		"VALUES (999, 'Ghost', 'ghost', 'x', 'x'); "
		"UPDATE partners SET name_fold = 'wrong' WHERE id = 1;");
	db = pd_db_open(broken, 0, NULL, &err);
	ok(db && pd_db_check(db, &rep, &err), "check runs on a damaged schema");
	ok(!rep.ok, "and reports problems");
	bool idx = false, fk = false, key = false;
	for (size_t i = 0; i < rep.n_lines; i++) {
		printf("# finding: %s\n", rep.lines[i]);
		idx |= strstr(rep.lines[i], "partners_by_stage") != NULL;
		fk |= strstr(rep.lines[i], "contacts") != NULL && strstr(rep.lines[i], "partners") != NULL;
		key |= strstr(rep.lines[i], "stale name key") != NULL;
	}
	ok(idx, "the missing index is named");
	ok(fk, "the dangling contact is found");
	ok(key, "the stale name key is found");
	(void)pid;
	pd_check_report_finish(&rep);

	/* read-only handles do not write */
	pd_db_close(db);
	db = pd_db_open(broken, PD_OPEN_READONLY, NULL, &err);
	ok(db != NULL, "read-only open");
	ok(db && tu_add(db, "Nope", NULL) == 0, "a read-only handle refuses writes");
	pd_db_close(db);
	pd_db_close(NULL);

	test_fsize_then_other();
	tu_cleanup();
	return tap_done();
}
