/* Unit tests of an upgrade from schema 10: migration 11 makes every key and
 * search document with the folding of today, so the upgrade that ran it
 * does not read them all again for migration 12 (one refolding pass, not
 * two), and leaves the desk as an upgrade that stopped at 11 and ran 12
 * later does; a desk at 11 still gets 12 whole, and so does one another
 * program wrote to between the two steps. This program's own
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
#include "partnerdesk/model/likely_same.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

static int refolds;          /* passes that made every partner's keys again */
static bool fail_step_12;    /* the step to schema 12 fails */
static const char *between;  /* a desk another program writes to between the
                                commit of the step to 11 and the step to 12 */
static bool at_11;           /* the step to 11 has run */

static void raw_exec(const char *path, const char *sql);

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
	if (between && at_11 && strcmp(sql, "BEGIN IMMEDIATE") == 0) {
		/* A program that knows schema 11 only renames a partner, its
		 * key folded as 11 folds ("ŉ" as "ʼn"), while the upgrade waits
		 * for the lock to run 12. */
		const char *path = between;
		between = NULL;
		raw_exec(path, "UPDATE partners SET name = '\xc5\x89 Quiet Partner', "
			"name_fold = '\xca\xbcn quiet partner', sort_key = '\xca\xbcn quiet partner' WHERE id = 3;");
	}
	int rc = real(h, sql, cb, arg, errmsg);
	if (rc == SQLITE_OK && strstr(sql, "PRAGMA user_version = 11;"))
		at_11 = true;
	return rc;
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

/* Adds a partner with a phone, or a person with one, returning its id. */
static int64_t phoned(pd_db *db, const char *name, const char *phone, const char *persons)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	p->phone = phone ? strdup(phone) : NULL;
	int64_t id = pd_partner_insert(db, p, &err) ? p->id : 0;
	pd_partner_destroy(p);
	if (id && persons) {
		pd_contact c = {.partner_id = id, .name = strdup("Siân Owen"), .phone = strdup(persons)};
		if (!pd_contact_insert(db, &c, &err))
			id = 0;
		pd_contact_finish(&c);
	}
	if (!id)
		printf("# cannot add %s: %s\n", name, err.msg);
	return id;
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
		"  || ifnull(website_key, '-') || '|' || ifnull(email_key, '-') || '|' || ifnull(loose_key, '-')"
		"  AS x FROM partners ORDER BY id)",
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

	/* Another program writes between the commit of 11 and the step to
	 * 12: what it wrote was not folded by this one, and 12 runs whole. */
	ok(make_v10("between.db"), "a third schema-10 desk");
	refolds = 0;
	at_11 = false;
	err = (pd_error){0};
	between = tu_path("between.db");
	db = pd_db_open(tu_path("between.db"), 0, NULL, &err);
	ok(db != NULL && !between, "it upgrades, written to between the steps %s", err.msg);
	is(refolds, 2, "reading every key again for 12: another program wrote after 11");
	pd_check_report rep;
	bool checked = db && pd_db_check(db, &rep, &err);
	ok(checked && rep.ok && rep.n_lines == 0, "check finds nothing stale %s", err.msg);
	for (size_t i = 0; checked && i < rep.n_lines; i++)
		printf("# %s\n", rep.lines[i]);
	if (checked)
		pd_check_report_finish(&rep);
	pd_db_close(db);
	char key[128];
	streq(tu_sql(tu_path("between.db"), "SELECT name_fold FROM partners WHERE id = 3", 0, key, sizeof key),
	      "'n quiet partner", "the other program's key folded as 12 folds");

	/* A desk at 12, its websites and emails every way they come: keyed
	 * by 13 as pd_likely_domain keys them, check clean. */
	db = tu_open("v12.db");
	static const char *const values[][2] = {
		{"https://WWW.Harbor.example/about", "Info@Harbor.Example"}, {"m.facebook.com/riverside", "a@gmail.com"},
		{"riverside.wordpress.com", NULL}, {NULL, "jo@quay.example."}, {"ftp://me@files.example:21/x", "no-at"},
		{"  http://m.mobile.example  ", "x@y"}, {NULL, NULL},
	};
	bool added = true;
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		char name[32];
		snprintf(name, sizeof name, "Partner %zu", i);
		pd_partner *p = pd_partner_create();
		p->name = strdup(name);
		p->website = values[i][0] ? strdup(values[i][0]) : NULL;
		p->email = values[i][1] ? strdup(values[i][1]) : NULL;
		added = added && pd_partner_insert(db, p, &err);
		pd_partner_destroy(p);
	}
	pd_db_close(db);
	raw_exec(tu_path("v12.db"), TU_UNDO_14 TU_UNDO_13 "PRAGMA user_version = 12;");
	db = pd_db_open(tu_path("v12.db"), 0, NULL, &err);
	ok(added && db != NULL, "a desk at 12 upgrades %s", err.msg);
	pd_db_close(db);
	bool keyed = true;
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		char want[2][256], got[2][256];
		for (int k = 0; k < 2; k++) {
			pd_likely_domain(values[i][k], k == 1, want[k], sizeof want[k]);
			tu_sql(tu_path("v12.db"), k ? "SELECT ifnull(email_key, '') FROM partners WHERE id = ?1"
			       : "SELECT ifnull(website_key, '') FROM partners WHERE id = ?1", (int64_t)i + 1, got[k],
			       sizeof got[k]);
			if (strcmp(want[k], got[k]) != 0) {
				keyed = false;
				printf("# partner %zu: %s key '%s', want '%s'\n", i + 1, k ? "email" : "website", got[k], want[k]);
			}
		}
	}
	ok(keyed, "each website and email keyed as pd_likely_domain keys it");
	db = pd_db_open(tu_path("v12.db"), 0, NULL, &err);
	checked = db && pd_db_check(db, &rep, &err);
	ok(checked && rep.ok, "check finds the keys right %s", err.msg);
	if (checked)
		pd_check_report_finish(&rep);
	pd_db_close(db);

	/* A desk at 15, names with and without an article, legal form,
	 * plural, '&' or St: 16 stores each loose key where it is not the
	 * name key, as partner.c stores it now; the similar are paired, check
	 * clean. */
	db = tu_open("v15.db");
	static const char *const names[] = {
		"The Museum of Cardiff", "Museum of Cardiff", "Cardiff Museums", "St Fagans Museum",
		"Saint Fagans Museum", "Cardiff Arts & Crafts Ltd", "Ysgol Gymraeg Caerdydd Cyf",
		"\xec\x84\x9c\xec\x9a\xb8 \xeb\x8f\x84\xec\x84\x9c\xea\xb4\x80",
		"\xd9\x85\xd9\x83\xd8\xaa\xd8\xa8\xd8\xa9 \xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd9\x87\xd8\xb1\xd8\xa9",
	};
	added = true;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		added = added && tu_add(db, names[i], NULL) != 0;
	pd_db_close(db);
	raw_exec(tu_path("v15.db"), TU_UNDO_16 "PRAGMA user_version = 15;");
	char has[16];
	streq(tu_sql(tu_path("v15.db"), "SELECT count(*) FROM pragma_table_info('partners') WHERE name = 'loose_key'",
	             0, has, sizeof has), "0", "made a desk at 15, without loose keys");
	db = pd_db_open(tu_path("v15.db"), 0, NULL, &err);
	ok(added && db != NULL && pd_db_schema_version(db) == pd_db_latest_schema_version(),
	   "a desk at 15 upgrades %s", err.msg);
	pd_likely_list pairs = {0};
	char said[256] = "";
	ok(db && pd_partner_likely_pairs(db, &pairs, &err), "pairs after the upgrade %s", err.msg);
	for (size_t i = 0; i + 1 < pairs.n; i += 2) {
		char why[100];
		pd_likely_why_text(pairs.v[i].why, why, sizeof why);
		size_t o = strlen(said);
		snprintf(said + o, sizeof said - o, "%lld-%lld %s;", (long long)pairs.v[i].id,
		         (long long)pairs.v[i + 1].id, why);
	}
	streq(said, "1-2 similar name;4-5 similar name;", "the similarly named paired after the upgrade");
	pd_likely_list_finish(&pairs);
	pd_db_close(db);
	keyed = true;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *loose = pd_likely_loose_name(names[i]), *folded = pd_name_key(names[i]);
		char got[256];
		tu_sql(tu_path("v15.db"), "SELECT ifnull(loose_key, '-') FROM partners WHERE id = ?1", (int64_t)i + 1,
		       got, sizeof got);
		const char *want = loose && folded && strcmp(loose, folded) != 0 ? loose : "-";
		if (strcmp(got, want) != 0) {
			keyed = false;
			printf("# partner %zu: loose key '%s', want '%s'\n", i + 1, got, want);
		}
		free(loose);
		free(folded);
	}
	ok(keyed, "each loose key stored where it is not the name key, as pd_likely_loose_name keys it");
	streq(tu_sql(tu_path("v15.db"), "SELECT count(*) FROM partners WHERE loose_key IS NOT NULL", 0, has,
	             sizeof has), "6", "six of the nine hold one (not Museum of Cardiff, the Korean, the Arabic)");
	db = pd_db_open(tu_path("v15.db"), 0, NULL, &err);
	checked = db && pd_db_check(db, &rep, &err);
	ok(checked && rep.ok, "check finds the loose keys right %s", err.msg);
	if (checked)
		pd_check_report_finish(&rep);
	pd_db_close(db);

	/* A desk at 18, whose loose keys dropped only the first of a name's
	 * leading articles: 19 drops them all, so The El Paso Museum of Art
	 * is paired with El Paso Museum of Art, and check finds nothing stale. */
	db = tu_open("v18.db");
	int64_t the_el = tu_add(db, "The El Paso Museum of Art", NULL);
	int64_t el = tu_add(db, "El Paso Museum of Art", NULL);
	int64_t museum_of = tu_add(db, "The Museum of Cardiff", NULL);
	pd_db_close(db);
	raw_exec(tu_path("v18.db"), "UPDATE partners SET loose_key = 'el paso museum of art' "
		"WHERE name = 'The El Paso Museum of Art'; PRAGMA user_version = 18;");
	db = pd_db_open(tu_path("v18.db"), 0, NULL, &err);
	ok(the_el && el && museum_of && db && pd_db_schema_version(db) == pd_db_latest_schema_version(),
	   "a desk at 18 upgrades %s", err.msg);
	checked = db && pd_db_check(db, &rep, &err);
	ok(checked && rep.ok, "check finds the loose keys right %s", err.msg);
	for (size_t i = 0; checked && i < rep.n_lines; i++)
		printf("# finding: %s\n", rep.lines[i]);
	if (checked)
		pd_check_report_finish(&rep);
	said[0] = '\0';
	ok(db && pd_partner_likely_pairs(db, &pairs, &err), "pairs after the upgrade %s", err.msg);
	for (size_t i = 0; i + 1 < pairs.n; i += 2) {
		size_t o = strlen(said);
		snprintf(said + o, sizeof said - o, "%lld-%lld;", (long long)pairs.v[i].id, (long long)pairs.v[i + 1].id);
	}
	pd_likely_list_finish(&pairs);
	char want_pairs[64];
	snprintf(want_pairs, sizeof want_pairs, "%lld-%lld;", (long long)the_el, (long long)el);
	streq(said, want_pairs, "The El Paso Museum of Art and El Paso Museum of Art are a pair");
	pd_db_close(db);

	/* A desk at 20, whose documents hold no home form for a number on
	 * file with its country code but without + or 00 (33612345678, as
	 * Excel leaves +33 6 ...): 21 makes again the documents of partners
	 * with one, or a person with one, so 06 12 34 56 78 finds them, and
	 * only reads the rest (a marker left in theirs stays). */
	db = tu_open("v20.db");
	int64_t vienne = phoned(db, "M\xc3\xa9" "diath\xc3\xa8que de Vienne", "33 6 12 34 56 78", NULL);
	int64_t llyn = phoned(db, "Amgueddfa Ll\xc5\xb7n", NULL, "441758479216");
	int64_t hennepin = phoned(db, "Hennepin Arts", "(612) 555-0142", NULL);
	int64_t nice = phoned(db, "M\xc3\xa9" "diath\xc3\xa8que de Nice", "+33 4 93 62 11 22", NULL);
	pd_db_close(db);
	char v20[640];
	snprintf(v20, sizeof v20,
		"UPDATE partner_search SET body = replace(body, char(10) || '0612345678', '') WHERE rowid = %lld;"
		"UPDATE partner_search SET body = replace(body, char(10) || '01758479216', '') WHERE rowid = %lld;"
		"UPDATE partner_search SET body = body || char(10) || 'as 20 made it' WHERE rowid IN (%lld, %lld);"
		"PRAGMA user_version = 20;", (long long)vienne, (long long)llyn, (long long)hennepin, (long long)nice);
	raw_exec(tu_path("v20.db"), v20);
	const char *home_of = "SELECT (instr(body, char(10) || '0612345678') > 0) || (instr(body, 'as 20 made it') > 0) "
		"FROM partner_search WHERE rowid = ?1";
	streq(tu_sql(tu_path("v20.db"), home_of, vienne, has, sizeof has), "00",
	      "a desk at 20 whose document of 33 6 12 34 56 78 holds no 0612345678");
	db = pd_db_open(tu_path("v20.db"), 0, NULL, &err);
	ok(vienne && llyn && hennepin && nice == hennepin + 1 && db && pd_db_schema_version(db) == pd_db_latest_schema_version(),
	   "upgrades %s", err.msg);
	pd_db_close(db);
	streq(tu_sql(tu_path("v20.db"), home_of, vienne, has, sizeof has), "10",
	      "the partner's 33 6 12 34 56 78 is in its document as dialled at home, 0612345678");
	streq(tu_sql(tu_path("v20.db"), "SELECT instr(body, char(10) || '01758479216') > 0 "
	             "FROM partner_search WHERE rowid = ?1", llyn, has, sizeof has), "1",
	      "a person's 44 1758 479216 as 01758479216");
	streq(tu_sql(tu_path("v20.db"), "SELECT count(*) FROM partner_search WHERE instr(body, 'as 20 made it') "
	             "AND rowid IN (?1, ?1 + 1)", hennepin, has, sizeof has), "2",
	      "the documents of (612) 555-0142 and +33 4 93 62 11 22 (made by 20) are only read");
	db = pd_db_open(tu_path("v20.db"), 0, NULL, &err);
	checked = db && pd_db_check(db, &rep, &err);
	ok(checked && rep.ok, "and check finds nothing %s", err.msg);
	if (checked)
		pd_check_report_finish(&rep);
	pd_db_close(db);

	/* A desk at 21, whose documents hold no audiences or branches: 22
	 * makes again the documents of partners with either, so "northside"
	 * finds the partners of the Northside branch, and only reads the rest
	 * (a marker left in theirs stays). */
	db = tu_open("v21.db");
	pd_partner *served = pd_partner_create();
	served->name = strdup("Northside Seniors Club");
	bool listed = served->name && pd_strv_push(&served->branches, "Northside") &&
		pd_strv_push(&served->audiences, "Seniors") && pd_partner_insert(db, served, &err);
	int64_t club = listed ? served->id : 0;
	pd_partner_destroy(served);
	int64_t plain = tu_add(db, "Quay Primary School", NULL);
	pd_db_close(db);
	char v21[512];
	snprintf(v21, sizeof v21,
		"UPDATE partner_search SET body = replace(replace(body, 'northside', ''), 'seniors', '') "
		"WHERE rowid = %lld;"
		"UPDATE partner_search SET body = body || char(10) || 'as 21 made it' WHERE rowid = %lld;"
		"PRAGMA user_version = 21;", (long long)club, (long long)plain);
	raw_exec(tu_path("v21.db"), v21);
	const char *lists_of = "SELECT (instr(body, 'northside') > 0) || (instr(body, 'seniors') > 0) "
		"FROM partner_search WHERE rowid = ?1";
	streq(tu_sql(tu_path("v21.db"), lists_of, club, has, sizeof has), "00",
	      "a desk at 21 whose document of a partner of the Northside branch, for seniors, holds neither");
	db = pd_db_open(tu_path("v21.db"), 0, NULL, &err);
	ok(club && plain && db && pd_db_schema_version(db) == pd_db_latest_schema_version(), "upgrades %s", err.msg);
	pd_db_close(db);
	streq(tu_sql(tu_path("v21.db"), lists_of, club, has, sizeof has), "11",
	      "its branch and its audience are in its document");
	streq(tu_sql(tu_path("v21.db"), "SELECT instr(body, 'as 21 made it') > 0 FROM partner_search WHERE rowid = ?1",
	             plain, has, sizeof has), "1",
	      "the document of a partner with neither is only read");

	char once[8192], twice[8192];
	keys_of(tu_path("once.db"), once, sizeof once);
	keys_of(tu_path("twice.db"), twice, sizeof twice);
	streq(once, twice, "both desks hold the same keys and documents");
	db = pd_db_open(tu_path("once.db"), 0, NULL, &err);
	checked = db && pd_db_check(db, &rep, &err);
	ok(checked && rep.ok, "and check finds nothing stale after 10 to the latest %s", err.msg);
	if (checked)
		pd_check_report_finish(&rep);
	pd_db_close(db);
	char latest[16];
	snprintf(latest, sizeof latest, "\n%d\n", pd_db_latest_schema_version());
	ok(strstr(once, "1|cafe ole coffee roasters|") && strstr(once, "2|'n nuwe begin trust|")
	   && strstr(once, "|cafeole.example|cafeole.example") && strstr(once, "met 'n dominee")
	   && strstr(once, "1|cafe ole coffee roasters|cafe\nhttps://www.cafeole.example/\nbeans@cafeole.example\n")
	   && strstr(once, latest),
	   "folded as 11 and 12 fold, keyed as 13 keys, a partner with a website searched by it (15), "
	   "at the latest version");
	if (!strstr(once, "met 'n dominee"))
		printf("# %s\n", once);
	tu_cleanup();
	return tap_done();
}
