/* The filter's short words (one or two letters) match names only (the partner's and its
 * people's), and the first screen and the count come out right whichever way the model finds
 * them: walking the names in order (many match), fetching and sorting a
 * few, or walking with a set of ids (many match but sort far from the
 * start: every name holding "ł" sorts among the L's). Text composed and
 * decomposed (NFC, NFD), Hangul syllables and jamo, match each other. */
#include "../tap.h"
#include "testutil.h"

#include "partnerdesk/model/bulk.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"

static long count_of(pd_db *db, const char *text, long cap)
{
	pd_error err = {0};
	pd_partner_query q = { .text = text, .sort = PD_SORT_NAME, .count_limit = cap };
	return pd_partner_query_count(db, &q, &err);
}

/* The first screen's names, joined by "|". */
static const char *screen(pd_db *db, const char *text, long offset, long limit)
{
	static char buf[8192];
	pd_error err = {0};
	pd_partner_query q = { .text = text, .sort = PD_SORT_NAME, .offset = offset, .limit = limit };
	pd_partner_rows rows;
	buf[0] = '\0';
	if (!pd_partner_query_run(db, &q, &rows, &err)) {
		snprintf(buf, sizeof buf, "error: %s", err.msg);
		return buf;
	}
	size_t n = 0;
	for (size_t i = 0; i < rows.n && n < sizeof buf - 64; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "", rows.v[i].name);
	pd_partner_rows_finish(&rows);
	return buf;
}

static const char *screen_tag(pd_db *db, const char *tag)
{
	static char buf[4096];
	pd_error err = {0};
	pd_partner_query q = { .tag = tag, .sort = PD_SORT_NAME };
	pd_partner_rows rows;
	buf[0] = '\0';
	if (!pd_partner_query_run(db, &q, &rows, &err)) {
		snprintf(buf, sizeof buf, "error: %s", err.msg);
		return buf;
	}
	size_t n = 0;
	for (size_t i = 0; i < rows.n && n < sizeof buf - 64; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "", rows.v[i].name);
	pd_partner_rows_finish(&rows);
	return buf;
}

/* NFD: e + COMBINING ACUTE, as pasted from macOS or many web pages. */
#define ORSAY_NFD "Muse\xcc\x81" "e d\xe2\x80\x99Orsay Cafe\xcc\x81"
#define RODIN_NFC "Mus\xc3\xa9" "e Rodin"
#define SEOUL_JAMO "\xe1\x84\x89\xe1\x85\xa5\xe1\x84\x8b\xe1\x85\xae\xe1\x86\xaf " \
	"\xe1\x84\x83\xe1\x85\xa9\xe1\x84\x89\xe1\x85\xa5\xe1\x84\x80\xe1\x85\xaa\xe1\x86\xab"   /* 서울 도서관 as jamo */
#define SEOUL "\xec\x84\x9c\xec\x9a\xb8"                       /* 서울, syllables */
#define LIBRARY "\xeb\x8f\x84\xec\x84\x9c\xea\xb4\x80"         /* 도서관 */

/* How a name was composed makes no difference to finding it. */
static void composed_and_decomposed(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("fold.db");
	int64_t orsay = tu_add(db, ORSAY_NFD, NULL);
	int64_t rodin = tu_add(db, RODIN_NFC, NULL);
	int64_t seoul = tu_add(db, SEOUL_JAMO, NULL);
	int64_t other = tu_add(db, "Riverside Arts Council", NULL);
	ok(orsay && rodin && seoul && other, "four partners added");

	const char *both = ORSAY_NFD "|" RODIN_NFC;
	streq(screen(db, "mus\xc3\xa9" "e", 0, 50), both, "\"mus\xc3\xa9" "e\" typed composed finds both");
	streq(screen(db, "muse\xcc\x81" "e", 0, 50), both, "and typed decomposed too");
	streq(screen(db, "MUS\xc3\x89" "E", 0, 50), both, "and in capitals");
	streq(screen(db, "caf\xc3\xa9", 0, 50), ORSAY_NFD, "\"caf\xc3\xa9\" finds the decomposed Caf\xc3\xa9");
	streq(screen(db, "\xc3\xa9" "e", 0, 50), both, "a short word: \"\xc3\xa9" "e\" in both names");
	/* Accents aside (pd_fold): "é" is an e, and so finds every e. */
	streq(screen(db, "\xc3\xa9", 0, 50), ORSAY_NFD "|" RODIN_NFC "|Riverside Arts Council",
		"one letter: \"\xc3\xa9\" is e");
	streq(screen(db, "musee", 0, 50), both, "\"musee\" typed plain finds both");
	streq(screen(db, "cafe", 0, 50), ORSAY_NFD, "\"cafe\" finds the decomposed Caf\xc3\xa9");
	is(count_of(db, "mus\xc3\xa9" "e", 1000), 2, "counted");
	streq(screen(db, SEOUL, 0, 50), SEOUL_JAMO, "Hangul syllables find a name stored as jamo (short word)");
	streq(screen(db, LIBRARY, 0, 50), SEOUL_JAMO, "and a word of three syllables");

	/* The list sorts them by the same key: the decomposed Musée among
	 * the M's beside the composed one, not after every letter. */
	streq(screen(db, "", 0, 50), ORSAY_NFD "|" RODIN_NFC "|Riverside Arts Council|" SEOUL_JAMO,
		"name order: the decomposed Mus\xc3\xa9" "e sorts with the composed one");

	/* A tag saved decomposed, searched and filtered composed. */
	pd_partner *p = pd_partner_get(db, other, &err);
	ok(p && pd_strv_push(&p->tags, "e\xcc\x81" "ducation populaire"), "tag the third partner (NFD)");
	ok(p && pd_partner_update(db, p, &err), "saved: %s", err.msg);
	pd_partner_destroy(p);
	streq(screen_tag(db, "\xc3\xa9" "ducation populaire"), "Riverside Arts Council",
		"the tag filter, typed composed, finds the decomposed tag");
	streq(screen(db, "\xc3\xa9" "ducation", 0, 50), "Riverside Arts Council",
		"the search document holds the tag in the same key");

	/* Contact names and log text, decomposed, searched composed. */
	pd_contact *c = pd_contact_create();
	c->partner_id = other;
	c->name = strdup("Ame\xcc\x81lie Poulain");
	ok(pd_contact_insert(db, c, &err), "a contact named decomposed: %s", err.msg);
	pd_contact_destroy(c);
	streq(screen(db, "am\xc3\xa9" "lie", 0, 50), "Riverside Arts Council", "found by the contact's name");
	pd_interaction it = { .partner_id = rodin, .text = strdup("Re\xcc\x81union about the sculpture garden") };
	ok(pd_interaction_insert(db, &it, &err), "a log entry written decomposed: %s", err.msg);
	pd_interaction_finish(&it);
	streq(screen(db, "r\xc3\xa9" "union", 0, 50), RODIN_NFC, "found by the log text, typed composed");

	/* Duplicate detection and names typed on the command line. */
	int64_t ids[4];
	is(pd_partner_find_same_name(db, "MUS\xc3\x89" "E  d\xe2\x80\x99orsay caf\xc3\xa9", ids, 4, &err), 1,
		"an import's duplicate test: the composed name is the decomposed partner");
	is(pd_partner_resolve(db, "mus\xc3\xa9" "e d\xe2\x80\x99orsay caf\xc3\xa9", &err), orsay,
		"a PARTNER argument typed composed finds it: %s", err.msg);
	is(pd_partner_resolve(db, SEOUL " " LIBRARY, &err), seoul, "and a Hangul name typed as syllables: %s", err.msg);
	pd_db_close(db);
}

static void expect(char *out, size_t size, const char *stem, int from, int n)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s %04d", i ? "|" : "", stem, from + i);
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("filter.db");
	ok(pd_db_bulk_mode(db, &err) && pd_db_begin(db, &err), "begin");
	char name[64];
	bool added = true;
	for (int i = 1; i <= 6000 && added; i++) {
		snprintf(name, sizeof name, "Able %04d", i);
		added = tu_add(db, name, NULL) != 0;
	}
	for (int i = 1; i <= 2100 && added; i++) {
		snprintf(name, sizeof name, "\xc5\x81\xc3\xb3" "d\xc5\xba %04d", i);   /* Łódź */
		added = tu_add(db, name, NULL) != 0;
	}
	for (int i = 1; i <= 10 && added; i++) {
		snprintf(name, sizeof name, "Quokka %04d", i);
		added = tu_add(db, name, NULL) != 0;
	}
	int64_t logged = tu_add(db, "Zebra House", NULL);
	ok(added && logged, "8,111 partners added");
	pd_interaction it = { .partner_id = logged, .text = strdup("talked about the xq7 project") };
	ok(pd_interaction_insert(db, &it, &err), "a log entry");
	pd_interaction_finish(&it);
	const char *people[] = { "Camille Le Goff", "Li Wu" };
	for (size_t i = 0; i < 2; i++) {
		pd_contact *c = pd_contact_create();
		c->partner_id = logged;
		c->name = strdup(people[i]);
		ok(pd_contact_insert(db, c, &err), "contact %s: %s", people[i], err.msg);
		pd_contact_destroy(c);
	}
	ok(pd_db_commit(db, &err), "commit: %s", err.msg);

	char want[8192];
	/* Many names match near the start: the walk. */
	expect(want, sizeof want, "Able", 1, 50);
	streq(screen(db, "ab", 0, 50), want, "\"ab\": the first screen in name order");
	is(count_of(db, "ab", 1000), 1001, "\"ab\": the count stops past 1,000");
	is(count_of(db, "ab", 0), 6000, "\"ab\": counted to the end");

	/* Many names match, all far into the order: the set of ids. */
	expect(want, sizeof want, "\xc5\x81\xc3\xb3" "d\xc5\xba", 1, 50);
	streq(screen(db, "\xc5\x82\xc3\xb3", 0, 50), want, "\"łó\": Łódź 0001 to 0050 (they sort among the L's)");
	streq(screen(db, "lo", 0, 50), want, "\"lo\" typed plain too");
	expect(want, sizeof want, "\xc5\x81\xc3\xb3" "d\xc5\xba", 2001, 50);
	streq(screen(db, "\xc5\x82\xc3\xb3", 2000, 50), want, "\"łó\": a window further on");
	is(count_of(db, "\xc5\x82\xc3\xb3", 0), 2100, "\"łó\": counted");

	/* A few names match, far into the order: fetched and sorted. */
	expect(want, sizeof want, "Quokka", 1, 10);
	streq(screen(db, "qu", 0, 50), want, "\"qu\": the ten Quokkas");
	is(count_of(db, "qu", 1000), 10, "\"qu\": counted");

	/* Short words match names only; three letters search the log too. */
	streq(screen(db, "xq", 0, 50), "", "\"xq\" is in a log entry only: not matched");
	is(count_of(db, "xq", 1000), 0, "nor counted");
	streq(screen(db, "xq7", 0, 50), "Zebra House", "\"xq7\" finds the log entry");
	streq(screen(db, "xq7 ze", 0, 50), "Zebra House", "a long word and a short one");
	streq(screen(db, "xq7 ab", 0, 50), "", "both must match");
	/* A person's name is typed with its short words: they are found in
	 * the contact people's names as in the partner's. */
	streq(screen(db, "le goff", 0, 50), "Zebra House", "\"le goff\" finds the contact Camille Le Goff");
	is(count_of(db, "LE GOFF", 1000), 1, "counted, in any case");
	streq(screen(db, "li wu", 0, 50), "Zebra House", "two short words, both a contact's");
	is(count_of(db, "wu", 0), 1, "\"wu\" alone: counted");
	streq(screen(db, "xq goff", 0, 50), "", "a short word in the log only is still not matched");
	is(count_of(db, "ze xq7", 1000), 1, "counted");
	{
		/* The 101st to 103rd "Able" names holding "10", worked out here. */
		size_t used = 0;
		int seen = 0;
		want[0] = '\0';
		for (int i = 1; i <= 6000; i++) {
			snprintf(name, sizeof name, "Able %04d", i);
			if (!strstr(name, "10"))
				continue;
			if (seen >= 100 && seen < 103)
				used += (size_t)snprintf(want + used, sizeof want - used, "%s%s", used ? "|" : "", name);
			seen++;
		}
		streq(screen(db, "10 ab", 100, 3), want, "two short words, a window: both in the name");
	}
	streq(screen(db, "%", 0, 5), "", "%% is a character, not a wildcard");
	streq(screen(db, "_", 0, 5), "", "_ too");

	pd_db_close(db);

	composed_and_decomposed();
	tu_cleanup();
	return tap_done();
}
