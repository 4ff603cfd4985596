/* Unit tests of an upgrade from schema 10: migration 11 makes every key and
 * search document with the folding of today, so the upgrade that ran it
 * does not read them all again for migration 12 (one refolding pass, not
 * two), and leaves the desk as an upgrade that stopped at 11 and ran 12
 * later does; a desk at 11 still gets 12 whole. This program's own
 * sqlite3_exec, which the model links to, counts the refolding passes and
 * can fail the step to 12 (an upgrade interrupted after 11 committed). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/partner.h"

static int refolds;          /* passes that made every partner's keys again */
static bool fail_step_12;    /* the step to schema 12 fails */

int sqlite3_exec(sqlite3 *h, const char *sql, int (*cb)(void *, int, char **, char **), void *arg,
	char **errmsg)
{
	static int (*real)(sqlite3 *, const char *, int (*)(void *, int, char **, char **), void *, char **);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "sqlite3_exec");
	if (fail_step_12 && strstr(sql, "PRAGMA user_version = 12;"))
		return SQLITE_ERROR;
	if (strstr(sql, "UPDATE partners SET name_fold = pd_name_key(name)"))
		refolds++;
	return real(h, sql, cb, arg, errmsg);
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

/* A desk at schema 10 whose keys and documents both migrations change:
 * accents kept (11) and Afrikaans "ŉ" keyed as "ʼn" (12), as the old
 * foldings made them. */
static bool make_v10(const char *name)
{
	pd_db *db = tu_open(name);
	pd_error err = {0};
	int64_t cafe = tu_add(db, "Caf\xc3\xa9 Ol\xc3\xa9 Coffee Roasters", NULL);
	int64_t nuwe = tu_add(db, "\xc5\x89 Nuwe Begin Trust", NULL);
	int64_t quiet = tu_add(db, "Quiet Partner", NULL);
	pd_contact jan = {.partner_id = nuwe, .name = strdup("Jan \xc5\x89 Boer")};
	bool ok = cafe && nuwe && quiet && pd_contact_insert(db, &jan, &err);
	pd_contact_finish(&jan);
	pd_partner *p = pd_partner_get(db, cafe, &err);
	if (p) {
		p->website = strdup("https://www.CafeOle.example/");
		p->email = strdup("beans@cafeole.example");
		ok = ok && pd_partner_update(db, p, &err);
	}
	pd_partner_destroy(p);
	pd_db_close(db);
	raw_exec(tu_path(name), TU_UNDO_14
		"UPDATE partners SET name_fold = lower(name), sort_key = lower(name) WHERE id = 1;"
		"UPDATE partners SET name_fold = '\xca\xbcn nuwe begin trust', "
		"  sort_key = '\xca\xbcn nuwe begin trust' WHERE id = 2;"
		"UPDATE contacts SET name_fold = 'jan \xca\xbcn boer';"
		"INSERT INTO partner_tags (partner_id, value, value_fold, created, updated) VALUES "
		"  (1, 'Caf\xc3\xa9', 'caf\xc3\xa9', '2026-01-01T00:00:00Z', 'x'),"
		"  (1, 'Cafe', 'cafe', '2026-02-01T00:00:00Z', 'x'),"
		"  (2, '\xc5\x89 Kerk', '\xca\xbcn kerk', '2026-01-01T00:00:00Z', 'x');"
		"DELETE FROM partner_search;"
		"INSERT INTO partner_search (rowid, name, body) VALUES "
		"  (1, 'caf\xc3\xa9 ol\xc3\xa9 coffee roasters', 'caf\xc3\xa9' || char(10) || 'met zo\xc3\xab'),"
		"  (2, '\xca\xbcn nuwe begin trust', 'jan \xca\xbcn boer' || char(10) || 'met \xca\xbcn dominee'),"
		"  (3, 'quiet partner', 'kept as it is');"
		TU_UNDO_13 "PRAGMA user_version = 10;");
	return ok;
}

/* Every key and search document of the desk at path, as text. */
static void keys_of(const char *path, char *out, size_t size)
{
	static const char *const parts[] = {
		"SELECT group_concat(x, char(10)) FROM (SELECT id || '|' || name_fold || '|' || sort_key || '|' "
		"  || ifnull(website_key, '-') || '|' || ifnull(email_key, '-') AS x FROM partners ORDER BY id)",
		"SELECT group_concat(x, char(10)) FROM (SELECT id || '|' || name_fold AS x FROM contacts ORDER BY id)",
		"SELECT group_concat(x, char(10)) FROM (SELECT partner_id || '|' || value || '|' || value_fold AS x "
		"  FROM partner_tags ORDER BY partner_id, value_fold)",
		"SELECT group_concat(x, char(10)) FROM (SELECT rowid || '|' || name || '|' || body AS x "
		"  FROM partner_search ORDER BY rowid)",
		"PRAGMA user_version",
	};
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof parts / sizeof *parts && o < size; i++) {
		char part[2048];
		tu_sql(path, parts[i], 0, part, sizeof part);
		o += (size_t)snprintf(out + o, size - o, "%s\n--\n", part);
	}
}

int main(void)
{
	pd_error err = {0};
	ok(make_v10("once.db") && make_v10("twice.db"), "two schema-10 desks alike");

	/* 10 to the latest in one upgrade. */
	refolds = 0;
	pd_db *db = pd_db_open(tu_path("once.db"), 0, NULL, &err);
	ok(db != NULL, "the one upgrades %s", err.msg);
	is(refolds, 1, "reading every key once: migration 12 had nothing to do after 11");
	pd_db_close(db);

	/* The other stops after 11 (committed), then a later start runs 12. */
	refolds = 0;
	fail_step_12 = true;
	db = pd_db_open(tu_path("twice.db"), 0, NULL, &err);
	fail_step_12 = false;
	ok(db == NULL, "the other's upgrade fails at the step to 12: %s", err.msg);
	pd_db_close(db);
	char uv[16];
	streq(tu_sql(tu_path("twice.db"), "PRAGMA user_version", 0, uv, sizeof uv), "11", "and is left at 11");
	is(refolds, 1, "having read every key once");
	refolds = 0;
	db = pd_db_open(tu_path("twice.db"), 0, NULL, &err);
	ok(db != NULL, "a desk at 11 upgrades %s", err.msg);
	is(refolds, 1, "reading every key again: migration 12 whole");
	pd_db_close(db);

	char once[8192], twice[8192];
	keys_of(tu_path("once.db"), once, sizeof once);
	keys_of(tu_path("twice.db"), twice, sizeof twice);
	streq(once, twice, "both desks hold the same keys and documents");
	char latest[16];
	snprintf(latest, sizeof latest, "\n%d\n", pd_db_latest_schema_version());
	ok(strstr(once, "1|cafe ole coffee roasters|") && strstr(once, "2|'n nuwe begin trust|")
	   && strstr(once, "|cafeole.example|cafeole.example") && strstr(once, "met zoe")
	   && strstr(once, "met 'n dominee") && strstr(once, latest),
	   "folded as 11 and 12 fold, keyed as 13 keys, at the latest version");
	if (!strstr(once, "met 'n dominee"))
		printf("# %s\n", once);
	tu_cleanup();
	return tap_done();
}
