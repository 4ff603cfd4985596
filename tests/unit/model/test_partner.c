/* Unit tests of partners: insert, get, update, delete, resolving typed
 * names (ambiguous ones list candidates), and the filtered, sorted,
 * windowed list, with case folding beyond ASCII; the names' length limit,
 * a partner's and a contact person's. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "../../../src/model/internal.h"   /* pd_partner_name, which reads through pd_col_buf; db->h */

static size_t run(pd_db *db, const pd_partner_query *q, pd_partner_rows *rows)
{
	pd_error err = {0};
	if (!pd_partner_query_run(db, q, rows, &err)) {
		printf("# query failed: %s\n", err.msg);
		rows->n = 0;
		rows->v = NULL;
	}
	return rows->n;
}

/* The names a query returns, joined with '|'. */
static char *names(pd_db *db, const pd_partner_query *q)
{
	static char buf[2048];
	pd_partner_rows rows;
	run(db, q, &rows);
	buf[0] = '\0';
	for (size_t i = 0; i < rows.n; i++) {
		if (i)
			strcat(buf, "|");
		strncat(buf, rows.v[i].name, sizeof buf - strlen(buf) - 1);
	}
	pd_partner_rows_finish(&rows);
	return buf;
}

static size_t count_text(pd_db *db, const char *text)
{
	pd_partner_query q = {.text = text};
	pd_partner_rows rows;
	size_t n = run(db, &q, &rows);
	pd_partner_rows_finish(&rows);
	return n;
}

/* Names: PD_PARTNER_NAME_MAX characters, not bytes, counted once the
 * white space around them is trimmed, on insert and on a rename; a name
 * stored before the limit keeps through an edit of another field. */
static void test_name_max(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("partner_name.db");
	is(PD_PARTNER_NAME_MAX, 200, "a name holds 200 characters");
	char name[1024] = "  ";
	for (int i = 0; i < PD_PARTNER_NAME_MAX; i++)
		strcat(name, "\xc5\x81");   /* Ł: two bytes, one character */
	strcat(name, "  ");
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	ok(pd_partner_insert(db, p, &err), "200 characters, 400 bytes, spaces around: inserted: %s", err.msg);
	strcpy(name + strlen(name) - 2, "x");
	pd_partner *q = pd_partner_create();
	q->name = strdup(name);
	ok(!pd_partner_insert(db, q, &err) && err.code == PD_ERR_INVALID
	   && strstr(err.msg, "at most 200 characters, and this one has 201"), "201 refused: %s", err.msg);
	char why[200];
	ok(!pd_name_fits(name + 2, "partner's", why, sizeof why) && strstr(why, "has 201"), "fits says so: %s", why);
	ok(pd_name_fits(NULL, "partner's", why, sizeof why) && pd_name_fits("", "partner's", why, sizeof why),
	   "no name fits (a blank one is refused as blank)");
	pd_set_str(&p->name, name);
	ok(!pd_partner_update(db, p, &err) && err.code == PD_ERR_INVALID && strstr(err.msg, "has 201"),
	   "a rename to 201 refused: %s", err.msg);
	/* As a database written before the limit holds one. */
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(db->h, "UPDATE partners SET name = ?1 WHERE id = ?2", -1, &st, NULL);
	sqlite3_bind_text(st, 1, name + 2, -1, SQLITE_STATIC);   /* trimmed, as stored */
	sqlite3_bind_int64(st, 2, p->id);
	ok(sqlite3_step(st) == SQLITE_DONE, "a name of 201 stored behind the model's back");
	sqlite3_finalize(st);
	pd_set_str(&p->phone, "555-0100");
	ok(pd_partner_update(db, p, &err), "kept as it is, it does not hold up an edit: %s", err.msg);
	pd_set_str(&p->name, "Short");
	ok(pd_partner_update(db, p, &err), "and it can be shortened: %s", err.msg);
	pd_partner_destroy(p);
	pd_partner_destroy(q);
	pd_db_close(db);
}

/* A contact person's name: the same limit (pd_name_fits), on insert and
 * on a rename; one stored before it keeps through an edit of another
 * field; a backup's (pd_contact_insert_kept) comes back whole. */
static void test_contact_name_max(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("contact_name.db");
	pd_partner *p = pd_partner_create();
	p->name = strdup("Canolfan");
	ok(pd_partner_insert(db, p, &err), "a partner for them: %s", err.msg);
	char name[1024] = " ";
	for (int i = 0; i < PD_NAME_MAX; i++)
		strcat(name, "\xc5\x81");   /* Ł: two bytes, one character */
	strcat(name, " ");
	pd_contact c = {.partner_id = p->id, .name = strdup(name)};
	ok(pd_contact_insert(db, &c, &err), "200 characters, 400 bytes: inserted: %s", err.msg);
	strcpy(name + strlen(name) - 1, "x");
	pd_contact d = {.partner_id = p->id, .name = strdup(name)};
	ok(!pd_contact_insert(db, &d, &err) && err.code == PD_ERR_INVALID
	   && strstr(err.msg, "a contact's name holds at most 200 characters, and this one has 201"),
	   "201 refused: %s", err.msg);
	char big[100001];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	pd_set_str(&d.name, big);
	ok(!pd_contact_insert(db, &d, &err) && strstr(err.msg, "this one has 100000"),
	   "a 100 KB name refused: %s", err.msg);
	ok(pd_contact_count(db, &err) == 1, "only the name at the limit is stored");
	pd_set_str(&d.name, name);
	ok(pd_contact_insert_kept(db, &d, &err), "a backup's 201 comes back: %s", err.msg);
	pd_set_str(&c.name, name);
	ok(!pd_contact_update(db, &c, &err) && err.code == PD_ERR_INVALID && strstr(err.msg, "has 201"),
	   "a rename to 201 refused: %s", err.msg);
	pd_set_str(&d.title, "Director");
	ok(pd_contact_update(db, &d, &err), "kept as it is, it does not hold up an edit: %s", err.msg);
	pd_contact *got = pd_contact_get(db, d.id, &err);
	ok(got && strcmp(got->name, name + 1) == 0 && strcmp(got->title, "Director") == 0,
	   "the name kept, the title saved");
	pd_contact_destroy(got);
	pd_set_str(&d.name, "Short");
	ok(pd_contact_update(db, &d, &err), "and it can be shortened: %s", err.msg);
	pd_contact_finish(&c);
	pd_contact_finish(&d);
	pd_partner_destroy(p);
	pd_db_close(db);
}

/* A name of only spaces from other scripts (no-break, the ideographic
 * space of a Korean or Japanese input method) or invisible characters
 * (zero-width space, word joiner, BOM) is refused, a partner's and a
 * contact's: it was stored, a blank row that no search finds and "the
 * same name" as every other such one. One kept from before still edits. */
static void test_name_blank(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("partner_blank.db");
	static const char *const blank[] = {"\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\x8b",
	                                    " \xe3\x80\x80 \xe2\x81\xa0\xef\xbb\xbf ",
	                                    "\xe2\xa0\x80",                  /* braille blank */
	                                    "\xe2\xa0\x80 \xe2\xa0\x80\xc2\xa0",
	                                    "\xe3\x85\xa4", "\xef\xbe\xa0"};   /* hangul fillers */
	for (size_t i = 0; i < sizeof blank / sizeof *blank; i++) {
		pd_partner *p = pd_partner_create();
		p->name = strdup(blank[i]);
		ok(!pd_partner_insert(db, p, &err) && err.code == PD_ERR_INVALID &&
		   strstr(err.msg, "only spaces or invisible characters"), "blank name %zu refused: %s", i, err.msg);
		pd_partner_destroy(p);
	}
	pd_partner *p = pd_partner_create();
	p->name = strdup("\xe3\x80\x80\xea\xb5\xad\xeb\xa6\xbd");   /* ideographic space, 국립 */
	ok(pd_partner_insert(db, p, &err), "a name with a letter after such a space is taken: %s", err.msg);
	pd_contact c = {.partner_id = p->id, .name = strdup("\xe3\x80\x80")};
	ok(!pd_contact_insert(db, &c, &err) && strstr(err.msg, "contact's name is only spaces"),
	   "a contact's blank name refused: %s", err.msg);
	pd_set_str(&p->name, "\xc2\xa0");
	ok(!pd_partner_update(db, p, &err) && strstr(err.msg, "only spaces"), "a rename to one refused: %s", err.msg);
	sqlite3_stmt *st = NULL;
	sqlite3_prepare_v2(db->h, "UPDATE partners SET name = ?1 WHERE id = ?2", -1, &st, NULL);
	sqlite3_bind_text(st, 1, "\xc2\xa0", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->id);
	ok(sqlite3_step(st) == SQLITE_DONE, "one stored before, behind the model's back");
	sqlite3_finalize(st);
	pd_partner_destroy(p);
	p = NULL;
	pd_partner_rows rows;
	pd_partner_query q = {0};
	run(db, &q, &rows);
	int64_t id = rows.n ? rows.v[0].id : 0;
	pd_partner_rows_finish(&rows);
	p = pd_partner_get(db, id, &err);
	ok(p != NULL, "read back: %s", err.msg);
	if (p) {
		pd_set_str(&p->phone, "555-0100");
		ok(pd_partner_update(db, p, &err), "kept as it is, it does not hold up an edit: %s", err.msg);
		pd_partner_destroy(p);
	}
	pd_contact_finish(&c);
	pd_db_close(db);
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("partner.db");

	/* ---- insert and get ---- */
	pd_partner *p = pd_partner_create();
	p->name = strdup("  Museum of Art  ");
	p->kind = strdup("museum");
	p->scale = strdup("Macro");
	p->mission = strdup("Art for everyone");
	p->fiscal_month = 7;
	p->website = strdup("https://art.example");
	p->owner = strdup("dana");
	pd_strv_push(&p->tags, "arts");
	pd_strv_push(&p->tags, "Family");
	pd_strv_push(&p->tags, "family");   /* a folded duplicate is dropped */
	pd_strv_push(&p->audiences, "families");
	pd_strv_push(&p->branches, "Main");
	ok(pd_partner_insert(db, p, &err), "insert: %s", err.msg);
	ok(p->id > 0, "id set");
	is(p->version, 1, "version 1");
	streq(p->stage, "glance", "starts at the first stage");
	streq(p->created, "2026-11-23T14:05:00Z", "created stamped by the pinned clock");
	streq(p->name, "Museum of Art", "name trimmed");
	int64_t art = p->id;
	pd_partner_destroy(p);

	p = pd_partner_get(db, art, &err);
	ok(p != NULL, "get");
	streq(p->name, "Museum of Art", "name");
	streq(p->kind, "museum", "kind");
	streq(p->scale, "macro", "scale lower-cased");
	streq(p->mission, "Art for everyone", "mission");
	is(p->fiscal_month, 7, "fiscal month");
	streq(p->owner, "dana", "owner");
	ok(p->phone == NULL, "unset field is NULL");
	is(p->tags.n, 2, "two tags after dropping the duplicate");
	streq(p->tags.v[0], "arts", "tags sorted");
	is(p->audiences.n, 1, "audience");
	streq(p->branches.v[0], "Main", "branch");
	streq(p->review_date, "", "glance has no review");

	/* ---- validation ---- */
	pd_partner *bad = pd_partner_create();
	bad->name = strdup("   ");
	ok(!pd_partner_insert(db, bad, &err) && err.code == PD_ERR_INVALID, "a blank name is refused");
	free(bad->name);
	bad->name = strdup("Somewhere");
	bad->scale = strdup("medium");
	ok(!pd_partner_insert(db, bad, &err) && strstr(err.msg, "macro or micro"), "bad scale: %s", err.msg);
	free(bad->scale);
	bad->scale = NULL;
	bad->fiscal_month = 13;
	ok(!pd_partner_insert(db, bad, &err), "fiscal month 13 refused");
	bad->fiscal_month = 0;
	/* Notes: PD_NOTES_MAX bytes, whichever way they come. */
	bad->notes = malloc(PD_NOTES_MAX + 2);
	memset(bad->notes, 'n', PD_NOTES_MAX + 1);
	bad->notes[PD_NOTES_MAX + 1] = '\0';
	ok(!pd_partner_insert(db, bad, &err) && err.code == PD_ERR_INVALID
	   && strstr(err.msg, "notes are 65537 bytes; notes hold at most 65536"), "notes past the limit: %s", err.msg);
	free(bad->notes);
	bad->notes = NULL;
	bad->stage = strdup("courtship");
	ok(!pd_partner_insert(db, bad, &err) && strstr(err.msg, "courtship"), "unknown stage refused");
	free(bad->stage);
	bad->stage = strdup("Engagement");
	ok(pd_partner_insert(db, bad, &err), "insert at a named stage");
	streq(bad->stage, "engagement", "stage name canonical");
	streq(bad->review_date, "2027-02-21", "engagement gets a review 90 days on");
	pd_history h;
	ok(pd_history_list(db, bad->id, &h, &err) && h.n == 1 && h.v[0].from == NULL &&
	   strcmp(h.v[0].to, "engagement") == 0, "a first history row is written");
	pd_history_finish(&h);
	pd_partner_destroy(bad);
	is(pd_partner_count(db, &err), 2, "two partners");

	/* ---- update ---- */
	free(p->phone);
	p->phone = strdup("555-0100");
	pd_strv_clear(&p->tags);
	pd_strv_push(&p->tags, "stem");
	ok(pd_partner_update(db, p, &err), "update: %s", err.msg);
	is(p->version, 2, "version moves on");
	pd_partner *p2 = pd_partner_get(db, art, &err);
	streq(p2->phone, "555-0100", "phone saved");
	is(p2->tags.n, 1, "tags replaced");
	streq(p2->tags.v[0], "stem", "new tag");
	streq(p2->stage, "glance", "update never changes the stage");
	pd_partner_destroy(p2);
	free(p->stage);
	p->stage = strdup("marriage");
	ok(pd_partner_update(db, p, &err), "update ignores a changed stage field");
	p2 = pd_partner_get(db, art, &err);
	streq(p2->stage, "glance", "still glance");
	pd_partner_destroy(p2);
	p->version = 1;
	ok(!pd_partner_update(db, p, &err) && err.code == PD_ERR_CONFLICT, "a stale version conflicts");
	pd_partner_destroy(p);

	/* ---- a review date at an end stage ---- */
	pd_partner *gone = pd_partner_create();
	gone->name = strdup("Closed Gallery");
	gone->stage = strdup("dissolved");
	ok(pd_partner_insert(db, gone, &err), "insert at dissolved: %s", err.msg);
	streq(gone->review_date, "", "dissolved has no review period");
	int64_t gone_version = gone->version;
	snprintf(gone->review_date, sizeof gone->review_date, "2027-03-01");
	free(gone->owner);
	gone->owner = strdup("x");
	ok(!pd_partner_update(db, gone, &err) && err.code == PD_ERR_REFUSED &&
	   strcmp(err.msg, "Dissolved has no review period, so a partner there keeps no review date") == 0,
	   "a new review date at an end stage is refused: %s", err.msg);
	p2 = pd_partner_get(db, gone->id, &err);
	ok(p2 && p2->version == gone_version && !p2->review_date[0] && !p2->owner,
	   "and nothing of the update is stored");
	pd_partner_destroy(p2);
	gone->review_date[0] = '\0';
	ok(pd_partner_update(db, gone, &err), "without it the rest is saved: %s", err.msg);
	pd_partner_delete(db, gone->id, gone->version, &err);   /* the list below is of others */
	pd_partner_destroy(gone);
	/* A stale edit, read at engagement before a colleague's move to
	 * dissolved dropped the review date, that leaves the date as it read
	 * it: a conflict, for the form's merge (which takes their empty date),
	 * not a refusal of a date nobody typed. */
	pd_partner *moving = pd_partner_create();
	moving->name = strdup("Moving Gallery");
	moving->stage = strdup("engagement");
	ok(pd_partner_insert(db, moving, &err) && moving->review_date[0], "insert at engagement: %s", err.msg);
	pd_move_request away = {.to = "dissolved", .reason = "funding ended", .expected_version = moving->version};
	ok(pd_stage_move(db, moving->id, &away, &err), "a colleague moves it to dissolved: %s", err.msg);
	free(moving->phone);
	moving->phone = strdup("555-0122");
	ok(!pd_partner_update(db, moving, &err) && err.code == PD_ERR_CONFLICT,
	   "the stale edit with the review date as read is a conflict, not refused: %s", err.msg);
	pd_partner *now_moved = pd_partner_get(db, moving->id, &err);
	ok(now_moved && !now_moved->review_date[0] && !now_moved->phone, "and nothing of it is stored");
	if (now_moved) {
		/* The merge's answer: their empty date, my phone, their version. */
		free(now_moved->phone);
		now_moved->phone = strdup("555-0122");
		ok(pd_partner_update(db, now_moved, &err), "merged and saved again: %s", err.msg);
		pd_partner_delete(db, now_moved->id, now_moved->version, &err);
	}
	pd_partner_destroy(now_moved);
	pd_partner_destroy(moving);
	/* One stored before the rule (an import) does not hold up other edits. */
	gone = pd_partner_create();
	gone->name = strdup("Closed Theatre");
	gone->stage = strdup("dissolved");
	snprintf(gone->review_date, sizeof gone->review_date, "2027-01-05");
	ok(pd_partner_insert(db, gone, &err), "insert at dissolved with a review date");
	free(gone->phone);
	gone->phone = strdup("555-0111");
	ok(pd_partner_update(db, gone, &err), "an unchanged review date there is kept: %s", err.msg);
	gone->review_date[0] = '\0';
	ok(pd_partner_update(db, gone, &err), "and may be cleared: %s", err.msg);
	pd_partner_delete(db, gone->id, gone->version, &err);
	pd_partner_destroy(gone);

	/* ---- more partners for resolve and the list ---- */
	int64_t flight = tu_add(db, "Museum of Flight", "museum");
	int64_t musee = tu_add(db, "MUSÉE des Beaux-Arts", "museum");
	int64_t lodz = tu_add(db, "Łódź Public Library", "library");
	int64_t zoo = tu_add(db, "City Zoo", "zoo");
	int64_t sci = tu_add(db, "Science Center of Iowa", "science center");
	tu_add(db, "Αθήνα Arts Council", "arts organisation");
	int64_t dom = tu_add(db, "Дом культуры", "civic group");
	int64_t school = tu_add(db, "Lincoln Elementary", "school");
	ok(flight && musee && lodz && zoo && sci && school, "more partners added");

	/* ---- resolve ---- */
	char idtext[32];
	snprintf(idtext, sizeof idtext, "%lld", (long long)zoo);
	is(pd_partner_resolve(db, idtext, &err), zoo, "an id");
	snprintf(idtext, sizeof idtext, "#%lld", (long long)zoo);
	is(pd_partner_resolve(db, idtext, &err), zoo, "a #id");
	ok(pd_partner_resolve(db, "#9999", &err) == 0 && err.code == PD_ERR_NOTFOUND, "a missing #id");
	is(pd_partner_resolve(db, "museum of flight", &err), flight, "a full name, any case");
	is(pd_partner_resolve(db, "  MUSEUM   OF  FLIGHT ", &err), flight, "spaces collapse");
	is(pd_partner_resolve(db, "musée des", &err), musee, "a prefix beyond ASCII");
	is(pd_partner_resolve(db, "łódź", &err), lodz, "łódź finds Łódź");
	is(pd_partner_resolve(db, "ŁÓDŹ PUBLIC LIBRARY", &err), lodz, "upper case Polish");
	is(pd_partner_resolve(db, "sci", &err), sci, "a unique prefix");
	is(pd_partner_resolve(db, "ДОМ", &err), dom, "a Cyrillic prefix, any case");
	is(pd_partner_resolve(db, "museum", &err), 0, "an ambiguous prefix");
	is(err.code, PD_ERR_AMBIGUOUS, "is ambiguous");
	char want[200];
	snprintf(want, sizeof want, "  #%lld Museum of Art\n  #%lld Museum of Flight", (long long)art,
		(long long)flight);
	ok(strstr(err.msg, want) != NULL, "candidates listed as \"  #id name\" lines");
	is(pd_partner_resolve(db, "Museum of Art", &err), art, "an exact name wins over being a prefix");
	ok(pd_partner_resolve(db, "Nowhere", &err) == 0 && err.code == PD_ERR_NOTFOUND, "no match");
	ok(pd_partner_resolve(db, "", &err) == 0 && err.code == PD_ERR_INVALID, "empty");
	int64_t twin = tu_add(db, "city zoo", "zoo");
	ok(pd_partner_resolve(db, "City Zoo", &err) == 0 && err.code == PD_ERR_AMBIGUOUS,
		"two partners with one name are ambiguous");
	int64_t ids[4];
	is(pd_partner_find_same_name(db, "CITY  ZOO", ids, 4, &err), 2, "duplicate detection");
	ok(ids[0] == zoo && ids[1] == twin, "both found");
	is(pd_partner_find_same_name(db, "CITY ZOO", ids, 1, &err), 1, "max respected");

	/* ---- delete ---- */
	p = pd_partner_get(db, twin, &err);
	ok(!pd_partner_delete(db, twin, p->version + 1, &err) && err.code == PD_ERR_CONFLICT,
		"delete with a stale version conflicts");
	ok(pd_partner_delete(db, twin, p->version, &err), "delete");
	ok(pd_partner_get(db, twin, &err) == NULL && err.code == PD_ERR_NOTFOUND, "gone");
	ok(!pd_partner_delete(db, twin, p->version, &err) && strstr(err.msg, "deleted by"),
		"deleting again says who deleted it: %s", err.msg);
	pd_partner_destroy(p);

	/* ---- the list: text search ---- */
	is(count_text(db, "musée"), 1, "musée finds MUSÉE");
	is(count_text(db, "MUSÉE"), 1, "MUSÉE finds MUSÉE");
	is(count_text(db, "łódź"), 1, "łódź finds Łódź");
	is(count_text(db, "ŁÓDŹ"), 1, "ŁÓDŹ finds Łódź");
	is(count_text(db, "ΑΘΉΝΑ"), 1, "Greek upper finds Greek mixed");
	is(count_text(db, "культуры"), 1, "Cyrillic substring");
	is(count_text(db, "museum"), 3, "a word in names and kinds");
	is(count_text(db, "of"), 3, "a two-letter word falls back to substring");
	is(count_text(db, "Z"), 2, "one letter: z finds Zeta and the ź of Łódź");
	is(count_text(db, "ź"), 2, "and ź typed finds both too");
	is(count_text(db, "lodz"), 1, "lodz finds Łódź");
	is(count_text(db, "art museum"), 2, "all words must match, in any order");
	is(count_text(db, "of art"), 1, "short and long words together");
	is(count_text(db, "flight museum"), 1, "flight museum");
	is(count_text(db, "useu"), 3, "a substring inside a word");
	is(count_text(db, "nothing like it"), 0, "no match");
	is(count_text(db, "\"quoted\""), 0, "quotes are text, not syntax");
	/* Every quote doubles in the match expression: words of quotes only
	 * once overran its buffer (ASan). */
	is(count_text(db, "\"\"\" \"\"\" \"\"\" \"\"\" \"\"\" \"\"\" \"\"\" \"\"\""), 0,
		"eight words of quotes only");
	pd_partner_query quotes = {.text = "\"\"\"\" \"\"\" \"\"\" \"\"\" \"\"\" \"\"\""};
	is(pd_partner_query_count(db, &quotes, &err), 0, "and counted");
	is(count_text(db, "stem"), 1, "tags are searched");
	is(count_text(db, "science center"), 1, "kinds are searched");

	/* contact names and interaction text join the search document */
	pd_contact *c = pd_contact_create();
	c->partner_id = zoo;
	c->name = strdup("Wanda Okonkwo");
	ok(pd_contact_insert(db, c, &err), "contact added");
	pd_contact_destroy(c);
	is(count_text(db, "okonkwo"), 1, "a contact's name finds the partner");
	pd_interaction it = {0};
	it.partner_id = sci;
	it.text = strdup("Talked about the planetarium summer camp");
	ok(pd_interaction_insert(db, &it, &err), "interaction logged");
	pd_interaction_finish(&it);
	is(count_text(db, "planetarium"), 1, "interaction text finds the partner");

	/* ---- filters ---- */
	pd_partner_query q = {.kind = "MUSEUM"};
	streq(names(db, &q), "MUSÉE des Beaux-Arts|Museum of Art|Museum of Flight", "kind filter, sorted by name (musée as musee)");
	q = (pd_partner_query){.stage = "engagement"};
	streq(names(db, &q), "Somewhere", "stage filter");
	q = (pd_partner_query){.tag = "STEM"};
	streq(names(db, &q), "Museum of Art", "tag filter ignores case");
	q = (pd_partner_query){.scale = "macro"};
	streq(names(db, &q), "Museum of Art", "scale filter");
	q = (pd_partner_query){.kind = "museum", .text = "flight"};
	streq(names(db, &q), "Museum of Flight", "filters combine");
	is(pd_partner_query_count(db, &(pd_partner_query){.kind = "museum"}, &err), 3, "count with a filter");
	is(pd_partner_query_count(db, NULL, &err), pd_partner_count(db, &err), "count of all");

	/* ---- sorts and paging ---- */
	q = (pd_partner_query){0};
	char *all = strdup(names(db, &q));
	streq(all, "City Zoo|Lincoln Elementary|Łódź Public Library|MUSÉE des Beaux-Arts|Museum of Art|"
		"Museum of Flight|Science Center of Iowa|Somewhere|Αθήνα Arts Council|Дом культуры",
		"by name, Latin diacritics among their plain letters (Łódź with the L's)");
	q.desc = true;
	ok(strncmp(names(db, &q), "Дом культуры|Αθήνα", 20) == 0, "descending");
	q = (pd_partner_query){.offset = 2, .limit = 3};
	streq(names(db, &q), "Łódź Public Library|MUSÉE des Beaux-Arts|Museum of Art", "a window");
	q = (pd_partner_query){.offset = 9, .limit = 5};
	streq(names(db, &q), "Дом культуры", "the last window is short");
	q = (pd_partner_query){.offset = 50, .limit = 5};
	streq(names(db, &q), "", "past the end is empty");
	q = (pd_partner_query){.sort = PD_SORT_STAGE};
	ok(strstr(names(db, &q), "Дом культуры|Somewhere") != NULL, "by stage: engagement after glance");
	q = (pd_partner_query){.sort = PD_SORT_KIND};
	ok(strncmp(names(db, &q), "Αθήνα Arts Council|Дом культуры|Łódź", 10) == 0, "by kind");
	q = (pd_partner_query){.sort = PD_SORT_LAST_CONTACT, .limit = 1};
	streq(names(db, &q), "Science Center of Iowa", "by last contact: the one we spoke to");
	q = (pd_partner_query){.sort = PD_SORT_UPDATED, .limit = 1};
	ok(strlen(names(db, &q)) > 0, "by updated");
	q = (pd_partner_query){.sort = PD_SORT_NEXT_FOLLOW_UP};
	ok(strlen(names(db, &q)) > 0, "by next follow-up");
	pd_partner_rows rows;
	q = (pd_partner_query){.sort = PD_SORT_LAST_CONTACT, .limit = 1};
	run(db, &q, &rows);
	ok(rows.n == 1 && strcmp(rows.v[0].last_contact, "2026-11-23T14:05:00Z") == 0,
		"rows carry last contact");
	ok(rows.n == 1 && rows.v[0].version >= 1 && strcmp(rows.v[0].stage, "glance") == 0, "and stage, version");
	pd_partner_rows_finish(&rows);
	free(all);

	/* ---- name order without regard to diacritics ---- */
	int64_t main_st = tu_add(db, "Main Street Hardware", "business");
	int64_t lodz_cc = tu_add(db, "Łódź Sister City Committee", "civic group");
	int64_t lincoln = tu_add(db, "Lincoln Park Conservancy", "nonprofit");
	int64_t zeta = tu_add(db, "Zeta Society", "nonprofit");
	int64_t welsh = tu_add(db, "Cymdeithas Gŵyl Ddewi", "civic group");
	int64_t emile = tu_add(db, "École Émile Zola", "school");
	q = (pd_partner_query){0};
	long p_lincoln = pd_partner_query_position(db, &q, lincoln, &err);
	long p_lodz = pd_partner_query_position(db, &q, lodz_cc, &err);
	long p_main = pd_partner_query_position(db, &q, main_st, &err);
	ok(p_lincoln >= 0 && p_lincoln < p_lodz && p_lodz < p_main,
		"Łódź Sister City Committee sorts between Lincoln and Main Street (%ld %ld %ld)", p_lincoln, p_lodz, p_main);
	ok(p_lodz < pd_partner_query_position(db, &q, zeta, &err), "and before Zeta");
	ok(pd_partner_query_position(db, &q, welsh, &err) < pd_partner_query_position(db, &q, emile, &err) &&
	   pd_partner_query_position(db, &q, emile, &err) < p_lincoln, "Cymdeithas Gŵyl, then École with the E's, then Lincoln");
	q = (pd_partner_query){.sort = PD_SORT_STAGE};
	ok(pd_partner_query_position(db, &q, lincoln, &err) < pd_partner_query_position(db, &q, lodz_cc, &err),
		"by stage, names in the same order within a stage");
	/* Matching still uses the fold: the key is for order only. */
	is(pd_partner_resolve(db, "łódź sister", &err), lodz_cc, "łódź sister still resolves");
	is(pd_partner_resolve(db, "lodz sister", &err), lodz_cc, "lodz sister resolves too, accents aside");
	is(pd_partner_find_same_name(db, "ŁÓDŹ SISTER CITY COMMITTEE", ids, 4, &err), 1, "duplicates: the folded name");
	is(pd_partner_find_same_name(db, "Lodz Sister City Committee", ids, 4, &err), 1,
		"and Lodz typed plain is the same name: a duplicate");
	pd_partner *ren = pd_partner_get(db, zeta, &err);
	pd_set_str(&ren->name, "Ärzte ohne Grenzen");
	ok(pd_partner_update(db, ren, &err), "a rename");
	pd_partner_destroy(ren);
	ok(pd_partner_query_position(db, &q, zeta, &err) >= 0, "found");
	q = (pd_partner_query){0};
	is(pd_partner_query_position(db, &q, zeta, &err), 0, "a rename re-sorts: Ärzte first");
	ok(pd_partner_delete(db, main_st, 1, &err) && pd_partner_delete(db, lodz_cc, 1, &err) &&
	   pd_partner_delete(db, lincoln, 1, &err) && pd_partner_delete(db, zeta, 2, &err) &&
	   pd_partner_delete(db, welsh, 1, &err) && pd_partner_delete(db, emile, 1, &err), "removed again: %s", err.msg);

	/* ---- where a partner sits in a query's order ---- */
	q = (pd_partner_query){.offset = 5, .limit = 1};
	is(pd_partner_query_position(db, &q, zoo, &err), 0, "position: first by name (offset and limit ignored)");
	is(pd_partner_query_position(db, &q, school, &err), 1, "position: second");
	is(pd_partner_query_position(db, &q, dom, &err), 9, "position: last");
	q = (pd_partner_query){.kind = "museum"};
	is(pd_partner_query_position(db, &q, flight, &err), 2, "position within a filter");
	err.code = PD_OK;
	is(pd_partner_query_position(db, &q, zoo, &err), -1, "a partner the filter hides has none");
	is(err.code, PD_OK, "and that is no error");
	q = (pd_partner_query){.sort = PD_SORT_LAST_CONTACT};
	is(pd_partner_query_position(db, &q, sci, &err), 0, "by last contact: the one we spoke to is first");
	is(pd_partner_query_position(db, NULL, 999999, &err), -1, "an unknown id");

	/* ---- text that is not UTF-8 is refused, naming the field ---- */
	long before = pd_partner_count(db, &err);
	pd_partner *latin = pd_partner_create();
	pd_set_str(&latin->name, "Caf\xe9 Lyon");
	ok(!pd_partner_insert(db, latin, &err) && err.code == PD_ERR_INVALID, "a Latin-1 name is refused");
	ok(strstr(err.msg, "name is not UTF-8") != NULL, "naming the name: %s", err.msg);
	pd_set_str(&latin->name, "Caf\xc3\xa9 Lyon");
	pd_set_str(&latin->notes, "bad \xff byte");
	ok(!pd_partner_insert(db, latin, &err) && strstr(err.msg, "notes is not UTF-8"),
	   "bad notes are refused: %s", err.msg);
	pd_set_str(&latin->notes, NULL);
	pd_strv_push(&latin->tags, "ok");
	pd_strv_push(&latin->tags, "\xc3(");
	ok(!pd_partner_insert(db, latin, &err) && strstr(err.msg, "tag is not UTF-8"),
	   "a bad tag is refused: %s", err.msg);
	is(pd_partner_count(db, &err), before, "nothing was stored");
	pd_strv_clear(&latin->tags);
	ok(pd_partner_insert(db, latin, &err), "the same partner in UTF-8 is added: %s", err.msg);
	pd_set_str(&latin->owner, "R\xe9mi");
	ok(!pd_partner_update(db, latin, &err) && strstr(err.msg, "owner is not UTF-8"),
	   "an update is checked too: %s", err.msg);
	pd_partner_destroy(latin);

	/* ---- a partner a person adds at a gated stage ---- */
	pd_partner *wed = pd_partner_create();
	pd_set_str(&wed->name, "Gated Garden");
	pd_set_str(&wed->stage, "marriage");
	before = pd_partner_count(db, &err);
	ok(!pd_partner_add(db, wed, NULL, &err) && err.code == PD_ERR_REFUSED &&
	   strstr(err.msg, "needs an approval"), "add at marriage with no approver is refused: %s", err.msg);
	ok(!pd_partner_add(db, wed, " ", &err) && err.code == PD_ERR_REFUSED, "a blank approver is none");
	is(pd_partner_count(db, &err), before, "nothing was stored");
	ok(pd_partner_add(db, wed, "Library Board", &err), "with an approver it is added: %s", err.msg);
	pd_history wh = {0};
	ok(pd_history_list(db, wed->id, &wh, &err) && wh.n == 1 && wh.v[0].approved_by &&
	   strcmp(wh.v[0].approved_by, "Library Board") == 0, "the first history row names the approver");
	pd_history_finish(&wh);
	pd_partner_destroy(wed);
	/* An import brings a record that already got there: not gated. */
	pd_partner *old = pd_partner_create();
	pd_set_str(&old->name, "Imported Marriage");
	pd_set_str(&old->stage, "marriage");
	ok(pd_partner_insert(db, old, &err), "pd_partner_insert at marriage is not gated: %s", err.msg);
	pd_partner_destroy(old);

	/* A name longer than the buffer it is read into (the audit's 256
	 * bytes) is cut before a character, never inside one. */
	pd_partner *longer = pd_partner_create();
	char lname[300] = "";
	for (int i = 0; i < 127; i++)    /* 254 bytes, 127 characters: a name may hold 200 */
		strcat(lname, "\xc5\x81");
	strcpy(lname + 254, "\xc3\xa9\xc3\xa9 Library");   /* é at bytes 254-255 and 256-257 */
	pd_set_str(&longer->name, lname);
	ok(pd_partner_insert(db, longer, &err), "a long name is added: %s", err.msg);
	char got[256];
	ok(pd_partner_name(db, longer->id, got, sizeof got, &err), "and read into 256 bytes");
	is(strlen(got), 254, "cut before the é that does not fit whole");
	ok(pd_utf8_valid(got, strlen(got)), "what is read is UTF-8");
	char small[257];
	ok(pd_partner_name(db, longer->id, small, sizeof small, &err) && strlen(small) == 256 &&
	   strcmp(small + 254, "\xc3\xa9") == 0, "with room for it the é is read whole");
	pd_partner_destroy(longer);

	pd_db_close(db);
	test_name_max();
	test_contact_name_max();
	test_name_blank();
	tu_cleanup();
	return tap_done();
}
