/* Near misses: the partner a mistyped name meant, the words a search that
 * found nothing meant (names, people, tags, folded as the search folds),
 * the tag a mistyped one meant; none when nothing is near, several when
 * several are equally near, and the edit distance they are measured by. */
#include "../tap.h"
#include "testutil.h"

#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/guess.h"
#include "partnerdesk/model/suggest.h"

/* The guesses joined by "|"; "error: ..." on a failure. */
static const char *joined(bool ok, const pd_strv *v, const pd_error *err)
{
	static char buf[2048];
	size_t n = 0;
	buf[0] = '\0';
	if (!ok) {
		snprintf(buf, sizeof buf, "error: %s", err->msg);
		return buf;
	}
	for (size_t i = 0; i < v->n && n < sizeof buf - 256; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "", v->v[i]);
	return buf;
}

static const char *partners(pd_db *db, const char *text, size_t max, size_t *more)
{
	pd_error err = {0};
	pd_strv v = {0};
	bool ok = pd_guess_partners(db, text, max, &v, more, &err);
	const char *s = joined(ok, &v, &err);
	pd_strv_clear(&v);
	return s;
}

static const char *search(pd_db *db, const char *text)
{
	pd_error err = {0};
	pd_strv v = {0};
	bool ok = pd_guess_search(db, text, &v, &err);
	const char *s = joined(ok, &v, &err);
	pd_strv_clear(&v);
	return s;
}

static const char *tag(pd_db *db, const char *text)
{
	pd_error err = {0};
	pd_strv v = {0};
	bool ok = pd_guess_tag(db, text, &v, &err);
	const char *s = joined(ok, &v, &err);
	pd_strv_clear(&v);
	return s;
}

static void distances(void)
{
	is((long)pd_suggest_distance("museum", "musem", 5), 1, "a letter dropped: one edit");
	is((long)pd_suggest_distance("muesum", "museum", 5), 1, "two letters swapped: one edit");
	is((long)pd_suggest_distance("MUSEUM", "museum", 5), 0, "case is no edit");
	is((long)pd_suggest_distance("caf\xc3\xa9", "cafe", 5), 1, "an accented letter is one character");
	is((long)pd_suggest_distance("harbor", "zoo", 2), 3, "past the limit: limit + 1");
	is((long)pd_suggest_prefix_distance("harbr", "harbor arts center", 3), 1,
		"to the nearest start of a name");
	is((long)pd_suggest_near(3), 0, "three letters: no guess");
	is((long)pd_suggest_near(5), 1, "five: one edit");
	is((long)pd_suggest_near(8), 2, "eight: two");
	char long_name[256];
	snprintf(long_name, sizeof long_name, "harbor %0100d", 0);
	is((long)pd_suggest_prefix_distance("harbr", long_name, 3), 1,
		"to the start of a name over 96 characters");
	is((long)pd_suggest_distance("harbr", long_name, 3), 4, "the whole of it: past the limit");
}

static void add_person(pd_db *db, int64_t partner, const char *name)
{
	pd_error err = {0};
	pd_contact *c = pd_contact_create();
	c->partner_id = partner;
	c->name = strdup(name);
	ok(pd_contact_insert(db, c, &err), "person %s: %s", name, err.msg);
	pd_contact_destroy(c);
}

static void add_tag(pd_db *db, int64_t id, const char *t)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_get(db, id, &err);
	ok(p && pd_strv_push(&p->tags, t) && pd_partner_update(db, p, &err), "tag %s: %s", t, err.msg);
	pd_partner_destroy(p);
}

int main(void)
{
	distances();

	pd_db *db = tu_open("guess.db");
	int64_t arts = tu_add(db, "Harbor Arts Center", NULL);
	int64_t sci = tu_add(db, "Harbor Science Center", NULL);
	int64_t ram = tu_add(db, "Riverside Art Museum", "museum");
	int64_t orsay = tu_add(db, "Mus\xc3\xa9" "e d'Orsay", "museum");
	int64_t zoo = tu_add(db, "Metro Zoo", "zoo");
	ok(arts && sci && ram && orsay && zoo, "five partners");
	add_person(db, sci, "Priya Raman");
	add_tag(db, zoo, "STEM");
	add_tag(db, ram, "Family Days");

	size_t more = 9;
	streq(partners(db, "harbr", 5, &more), "Harbor Arts Center|Harbor Science Center",
		"\"harbr\": both Harbors, equally near");
	is((long)more, 0, "and no more");
	streq(partners(db, "harbr arts", 5, NULL), "Harbor Arts Center", "\"harbr arts\": the one");
	streq(partners(db, "HARBOUR SCIENCE", 5, NULL), "Harbor Science Center", "in any case, a letter more");
	streq(partners(db, "riversdie", 5, NULL), "Riverside Art Museum", "two letters swapped");
	streq(partners(db, "art musem", 5, NULL), "Riverside Art Museum", "from a word within the name");
	streq(partners(db, "musee dorsay", 5, NULL), "Mus\xc3\xa9" "e d'Orsay", "accents folded as names are");
	streq(partners(db, "metro zoo", 5, NULL), "Metro Zoo", "a name held is nearest to itself");
	streq(partners(db, "xylophone", 5, NULL), "", "nothing near: no guess");
	streq(partners(db, "zo", 5, NULL), "", "two letters: no guess");
	streq(partners(db, "harbr", 1, &more), "Harbor Arts Center", "one asked: the first");
	is((long)more, 1, "and one more as near");

	streq(search(db, "musem"), "musee|museum", "\"musem\": both words, equally near, in order");
	streq(search(db, "MUSEUMM"), "museum", "capitals and a letter more");
	streq(search(db, "muesum"), "museum", "swapped letters");
	streq(search(db, "harbr"), "harbor", "a word of a name, not the whole name");
	streq(search(db, "pria"), "priya", "a contact person's name");
	streq(search(db, "ramen"), "raman", "their surname");
	streq(search(db, "famly"), "family", "a tag's word");
	streq(search(db, "harbor sceince"), "harbor science", "a second word guessed, the first kept");
	streq(search(db, "harbr sceince"), "harbor science", "both words guessed");
	streq(search(db, "xylophone"), "", "nothing near: no guess");
	streq(search(db, "harbor xylophone"), "", "a word near nothing: no guess at all");
	streq(search(db, "zoo harbor"), "", "every word found alone: nothing to guess");
	streq(search(db, "xy"), "", "two letters: no guess");
	streq(search(db, "zoi"), "", "three letters: no guess (a wild one)");
	streq(search(db, "(harbr)"), "harbor", "a word in brackets: measured without them, as the desk's");
	streq(search(db, "\"musem\""), "musee|museum", "in quotes");
	streq(search(db, "harbr, sceince."), "harbor science", "with the commas and stops of a sentence");
	streq(search(db, "(museum)"), "museum", "a word the search finds without its brackets: that word");
	streq(search(db, "(zoi)"), "", "three letters in brackets: still no guess");

	/* The words are kept between guesses, and read again after a change. */
	streq(search(db, "quixotc"), "", "a word the desk does not hold yet");
	ok(tu_add(db, "Quixotic Gallery", NULL), "a partner added");
	streq(search(db, "quixotc"), "quixotic", "its words are guessed from at once");

	ok(pd_guess_search_quick(db), "a small desk is guessed from at once");

	streq(tag(db, "stemm"), "STEM", "a tag: as first stored");
	streq(tag(db, "famly days"), "Family Days", "a tag of two words");
	streq(tag(db, "arts"), "", "nothing near");
	streq(tag(db, "stem"), "", "a tag held (the list found nothing for its other filters): none, no error");
	streq(tag(db, "family  DAYS"), "", "held, as folded");

	/* A name longer than the distance measures whole is guessed by its
	 * start. */
	const char *lighthouse = "Lighthouse Keepers Association of the Northern Coast and the Islands "
	                         "Beyond the Harbor Breakwater";
	ok(tu_add(db, lighthouse, NULL), "a partner of %zu characters", strlen(lighthouse));
	streq(partners(db, "lighthous keepers", 5, NULL), lighthouse, "guessed by its start");

	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
