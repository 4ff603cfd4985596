/* Unit tests of the partners likely the same as another (likely_same.h):
 * the same name, accents aside; a website host or email domain shared,
 * whatever the scheme, case or path; not a free-mail or platform domain,
 * nor one more partners hold than one organisation would, nor one whose
 * websites are different pages of it (a council's branches); the
 * same-named first; the pairs check lists; and the query plan: the same-named found
 * from the name index, a website host and email domain from the indexes of
 * the keys stored with each partner, kept by an edit and checked by check. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/explain.h"
#include "partnerdesk/model/likely_same.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/repair.h"

static int64_t add(pd_db *db, const char *name, const char *website, const char *email)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	p->website = website ? strdup(website) : NULL;
	p->email = email ? strdup(email) : NULL;
	int64_t id = pd_partner_insert(db, p, &err) ? p->id : 0;
	if (!id)
		printf("# cannot add %s: %s\n", name, err.msg);
	pd_partner_destroy(p);
	return id;
}

/* Whether a plan's line scans the table named so (not "pairs" for "pa"). */
static bool scans(const char *line, const char *alias)
{
	const char *s = strstr(line, "SCAN ");
	size_t n = strlen(alias);
	return s && strncmp(s + 5, alias, n) == 0 && (s[5 + n] == '\0' || s[5 + n] == ' ');
}

/* "#id why;" for each, in order. */
static const char *listed(pd_db *db, int64_t id)
{
	static char buf[2048];
	pd_likely_list l;
	pd_error err = {0};
	buf[0] = '\0';
	if (!pd_partner_likely_same(db, id, 10, &l, &err)) {
		snprintf(buf, sizeof buf, "error: %s", err.msg);
		return buf;
	}
	for (size_t i = 0; i < l.n; i++) {
		char why[100];
		pd_likely_why_text(l.v[i].why, why, sizeof why);
		size_t o = strlen(buf);
		snprintf(buf + o, sizeof buf - o, "%s #%lld %s;", l.v[i].name, (long long)l.v[i].id, why);
	}
	pd_likely_list_finish(&l);
	return buf;
}

static void test_domain_key(void)
{
	char k[256];
	pd_likely_domain("https://www.RiversideArt.org/visit?x=1", false, k, sizeof k);
	streq(k, "riversideart.org", "a website's host: no scheme, www, case or path");
	pd_likely_domain("riversideart.org:8080", false, k, sizeof k);
	streq(k, "riversideart.org", "no port");
	pd_likely_domain(" Info@RiversideArt.ORG ", true, k, sizeof k);
	streq(k, "riversideart.org", "an email's domain, lower case");
	pd_likely_domain("ana.silva@gmail.com", true, k, sizeof k);
	streq(k, "", "free mail is no one's domain");
	pd_likely_domain("https://m.facebook.com/riversideart", false, k, sizeof k);
	streq(k, "", "nor a page on a platform");
	pd_likely_domain("riverside.wordpress.com", false, k, sizeof k);
	streq(k, "riverside.wordpress.com", "a platform's subdomain is the organisation's own");
	pd_likely_domain("jane.museum.org", true, k, sizeof k);
	streq(k, "", "an email without an @ has no domain");
	pd_likely_domain("localhost", false, k, sizeof k);
	streq(k, "", "a host without a dot is none");
}

static const char *loose(const char *name)
{
	static char buf[512];
	char *k = pd_likely_loose_name(name);
	snprintf(buf, sizeof buf, "%s", k ? k : "(out of memory)");
	free(k);
	return buf;
}

static void test_loose_key(void)
{
	streq(loose("The Museum of Cardiff"), "museum of cardiff", "a leading article goes");
	streq(loose("Museum of Cardiff"), "museum of cardiff", "a name with nothing to drop is its name key");
	streq(loose("Cardiff Museums"), "cardiff museum", "a final plural s goes");
	streq(loose("St Fagans Museum"), "saint fagan museum", "St is Saint");
	streq(loose("St. Fagans Museum"), "saint fagan museum", "so is St.");
	streq(loose("Saint-Fagans  Museum"), "saint fagan museum", "a hyphen parts words as a space does");
	streq(loose("Cardiff Arts & Crafts Ltd."), "cardiff art and craft", "& is and, Ltd. goes");
	streq(loose("Cardiff Arts+Crafts Limited"), "cardiff art and craft", "+ is and, Limited goes");
	streq(loose("Ysgol Gymraeg Caerdydd Cyf"), "ysgol gymraeg caerdydd", "Cyf goes");
	streq(loose("Förderverein Stadtbibliothek e.V."), "forderverein stadtbibliothek",
	      "e.V. goes, accents aside as in the name key");
	streq(loose("L'Atelier des Arts"), "atelier des art", "l' before a word goes (des: three letters)");
	streq(loose("Y Theatr Fach"), "theatr fach", "Welsh y goes");
	streq(loose("Yr Ysgol Gynradd"), "ysgol gynradd", "and yr");
	streq(loose("Die Brücke GmbH"), "brucke", "German die, GmbH");
	streq(loose("Los Amigos Inc"), "amigo", "Spanish los, Inc");
	streq(loose("Theatre Clwyd"), "theatre clwyd", "an article is a word, not a prefix");
	streq(loose("Museum of the Theatre"), "museum of the theatre", "and only the first word");
	streq(loose("The El Paso Museum of Art"), "paso museum of art",
	      "The before a name's own article: both go, as from El Paso Museum of Art");
	streq(loose("The La Brea Tar Pits"), "brea tar pit", "and The La Brea Tar Pits is La Brea Tar Pits's");
	streq(loose("The The"), "the", "a name of articles keeps its last");
	streq(loose("The Ltd"), "ltd", "never fewer than one word");
	streq(loose("The"), "the", "a name that is an article keeps it");
	streq(loose("Glass Press Class"), "glass press class", "ss is no plural");
	streq(loose("Arts Bus"), "art bus", "nor the s of a word of three letters");
	streq(loose("St Mary's Church"), "saint mary church", "an apostrophe within a word goes");
	streq(loose("Celf a Chrefft"), "celf a chrefft", "Welsh a (and) is left as it is");
	streq(loose("Amgueddfa Cymru \xe2\x80\x93 Museum Wales"), "amgueddfa cymru museum wale",
	      "an en dash parts words");
	streq(loose("Llyfrgell Caerdydd Cyf."), "llyfrgell caerdydd", "Cyf. as Cyf");
	streq(loose("\xec\x84\x9c\xec\x9a\xb8 \xeb\x8f\x84\xec\x84\x9c\xea\xb4\x80\xeb\x93\xa4"),
	      "\xec\x84\x9c\xec\x9a\xb8 \xeb\x8f\x84\xec\x84\x9c\xea\xb4\x80\xeb\x93\xa4",
	      "Korean: as its name key");
	streq(loose("\xd9\x85\xd9\x83\xd8\xaa\xd8\xa8\xd8\xa9 \xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd9\x87\xd8\xb1\xd8\xa9"),
	      "\xd9\x85\xd9\x83\xd8\xaa\xd8\xa8\xd8\xa9 \xd8\xa7\xd9\x84\xd9\x82\xd8\xa7\xd9\x87\xd8\xb1\xd8\xa9",
	      "Arabic: as its name key, its al- kept");
	streq(loose("Cymdeithas Ddrama \xe2\x80\x9cY Gwan\xc5\xb5yn\xe2\x80\x9d"),
	      "cymdeitha ddrama y gwanwyn", "Welsh: quotes part words, \xc5\xb5 as its name key has it");
	streq(loose("!!!"), "!!!", "nothing that is a word: the name key");
	streq(loose(""), "", "an empty name: empty");
}

static void test_page_key(void)
{
	char k[256];
	pd_likely_page("http://www.Anglesey.gov.uk/leisure/libraries/Amlwch-Library/", k, sizeof k);
	streq(k, "/leisure/libraries/amlwch-library", "a website's page: no host, case or trailing '/'");
	pd_likely_page("anytown.gov/parks/index.html?lang=en#hours", k, sizeof k);
	streq(k, "/parks", "no index.html, query or fragment");
	pd_likely_page("https://anytown.gov:8443/library//index.php/", k, sizeof k);
	streq(k, "/library", "nor port, index.php or doubled '/'");
	pd_likely_page("https://riverside.org/", k, sizeof k);
	streq(k, "", "a site's root is no page");
	pd_likely_page("riverside.org/index.htm", k, sizeof k);
	streq(k, "", "nor is its index page");
	pd_likely_page("riverside.org?ref=flyer", k, sizeof k);
	streq(k, "", "nor a query on the root");
	pd_likely_page("https://riverside.org/a-page-too-long-for-the-key", k, 8);
	streq(k, "", "a page that does not fit is none, not cut to look like another");
	pd_likely_page(NULL, k, sizeof k);
	streq(k, "", "no website, no page");
}

/* A council's branch libraries and a city's departments share a host on
 * different pages; a partner typed twice, once with the site's root, once
 * with one of its pages, or twice with the same page, is one. */
static void test_pages(void)
{
	pd_db *db = tu_open("pages.db");
	int64_t amlwch = add(db, "Amlwch Library",
		"http://www.anglesey.gov.uk/leisure/libraries/libraries-my-local-library/amlwch-library/",
		"kbxlh@anglesey.gov.uk");
	int64_t beau = add(db, "Beaumaris Library",
		"http://www.anglesey.gov.uk/leisure/libraries/libraries-my-local-library/beaumaris-library/",
		"ddxlh@anglesey.gov.uk");
	int64_t parks = add(db, "Anytown Parks", "https://anytown.gov/parks", "parks@anytown.gov");
	int64_t lib = add(db, "Anytown Public Library", "anytown.gov/library/", NULL);
	int64_t lib2 = add(db, "Anytown Library", "http://www.Anytown.gov/library/index.html?x=1#top", NULL);
	int64_t river = add(db, "Riverside Arts", "https://riverside.org", NULL);
	int64_t river2 = add(db, "Riverside Arts Council", "riverside.org/contact", NULL);
	int64_t beau2 = add(db, "Beaumaris  library", "https://www.anglesey.gov.uk/leisure/amlwch", NULL);
	ok(amlwch && beau && parks && lib && lib2 && river && river2 && beau2, "added");

	char want[512];
	snprintf(want, sizeof want, "Beaumaris  library #%lld same name;", (long long)beau2);
	streq(listed(db, beau), want, "branches of one council: not by host nor email domain, still by name");
	streq(listed(db, amlwch), "", "another branch: none (its pages differ from every other's)");
	snprintf(want, sizeof want, "Anytown Library #%lld same website;", (long long)lib2);
	streq(listed(db, lib), want, "one page written two ways is the same page; another department's is not");
	streq(listed(db, parks), "", "a department's email domain says nothing beside another department's page");
	snprintf(want, sizeof want, "Riverside Arts Council #%lld same website;", (long long)river2);
	streq(listed(db, river), want, "a site's root and a page on it: likely the same, as before");

	pd_likely_list l;
	pd_error err = {0};
	ok(pd_partner_likely_pairs(db, &l, &err), "pairs: %s", err.msg);
	char got[1024] = "";
	for (size_t i = 0; i + 1 < l.n; i += 2) {
		char why[100];
		pd_likely_why_text(l.v[i].why, why, sizeof why);
		size_t o = strlen(got);
		snprintf(got + o, sizeof got - o, "%lld-%lld %s;", (long long)l.v[i].id, (long long)l.v[i + 1].id, why);
	}
	pd_likely_list_finish(&l);
	snprintf(want, sizeof want, "%lld-%lld same name;%lld-%lld same website;%lld-%lld same website;",
		(long long)beau, (long long)beau2, (long long)lib, (long long)lib2, (long long)river, (long long)river2);
	streq(got, want, "check's pairs: the same, no branch nor department paired by its host");

	/* The pages are computed on the pairs found, not on every partner:
	 * the pairs still come from the key and name indexes, each partner of
	 * a pair read by its id. (The one pass over the names, SCAN x, and
	 * over the keys read from their indexes, were there before.) */
	pd_strv plans = {0};
	ok(pd_db_explain_start(db), "record plans");
	ok(pd_partner_likely_pairs(db, &l, &err), "pairs, recorded");
	pd_likely_list_finish(&l);
	pd_db_explain_stop(db, &plans);
	bool scan = false, by_site = false, by_mail = false, by_id = false;
	for (size_t i = 0; i < plans.n; i++) {
		for (const char *line = plans.v[i]; *line;) {
			size_t n = strcspn(line, "\n");
			char one[256];
			snprintf(one, sizeof one, "%.*s", (int)(n < sizeof one ? n : sizeof one - 1), line);
			if (pd_plan_line_is_full_scan(one))
				scan |= scans(one, "pa") || scans(one, "pb") || scans(one, "y") || scans(one, "partners");
			by_site |= strstr(one, "partners_by_website_key") != NULL;
			by_mail |= strstr(one, "partners_by_email_key") != NULL;
			by_id |= strstr(one, "SEARCH pb USING INTEGER PRIMARY KEY") != NULL;
			line += n + (line[n] == '\n');
		}
	}
	ok(!scan && by_site && by_mail && by_id, "check's pairs: the key indexes, each partner by its id");
	for (size_t i = 0; i < plans.n && (scan || !by_site || !by_mail || !by_id); i++)
		printf("# %s\n", plans.v[i]);
	pd_strv_clear(&plans);
	pd_db_close(db);
}

/* Names that differ by an article, a legal form, a plural, & or St: likely
 * the same, said as a similar name, after the same-named and before the
 * others; check's pairs the same; no pair of names that only look alike;
 * the loose key's index and the name index read, no scan; a stale loose
 * key found by check and remade by repair. */
static void test_similar(void)
{
	pd_db *db = tu_open("similar.db");
	int64_t museum = add(db, "Museum of Cardiff", "https://cardiffmuseum.example", NULL);
	int64_t the = add(db, "The Museum of Cardiff", NULL, NULL);
	int64_t same = add(db, "Museum of  CARDIFF", NULL, NULL);
	int64_t trust = add(db, "Cardiff Heritage Trust", "cardiffmuseum.example", NULL);
	int64_t museums = add(db, "Museums of Cardiff Ltd", "https://cardiffmuseum.example/", NULL);
	int64_t swansea = add(db, "Museum of Swansea", NULL, NULL);
	int64_t cardiff = add(db, "Cardiff Museum", NULL, NULL);
	int64_t fagans = add(db, "St Fagans Museum", NULL, NULL);
	int64_t saint = add(db, "Saint Fagans Museums", NULL, NULL);
	int64_t ysgol = add(db, "Ysgol Gymraeg Caerdydd", NULL, NULL);
	int64_t cyf = add(db, "Ysgol Gymraeg Caerdydd Cyf", NULL, NULL);
	int64_t seoul = add(db, "\xec\x84\x9c\xec\x9a\xb8 \xeb\x8f\x84\xec\x84\x9c\xea\xb4\x80", NULL, NULL);
	int64_t seouls = add(db, "\xec\x84\x9c\xec\x9a\xb8 \xeb\x8f\x84\xec\x84\x9c\xea\xb4\x80 s", NULL, NULL);
	ok(museum && the && same && trust && museums && swansea && cardiff && fagans && saint && ysgol && cyf
	   && seoul && seouls, "added");

	char want[1024];
	snprintf(want, sizeof want, "Museum of  CARDIFF #%lld same name;"
		"Museums of Cardiff Ltd #%lld similar name and same website;The Museum of Cardiff #%lld similar name;"
		"Cardiff Heritage Trust #%lld same website;",
		(long long)same, (long long)museums, (long long)the, (long long)trust);
	streq(listed(db, museum), want,
	      "the same name first, then the similar (in name order, The aside), then by website");
	snprintf(want, sizeof want, "Museum of Cardiff #%lld similar name;Museum of  CARDIFF #%lld similar name;"
		"Museums of Cardiff Ltd #%lld similar name;", (long long)museum, (long long)same, (long long)museums);
	streq(listed(db, the), want, "one without a website: the similarly named, by name");
	streq(listed(db, swansea), "", "another city's museum is not alike");
	streq(listed(db, cardiff), "", "nor the same words in another order");
	snprintf(want, sizeof want, "Saint Fagans Museums #%lld similar name;", (long long)saint);
	streq(listed(db, fagans), want, "St and Saint, a plural: similar");
	snprintf(want, sizeof want, "Ysgol Gymraeg Caerdydd #%lld similar name;", (long long)ysgol);
	streq(listed(db, cyf), want, "a Welsh company's Cyf: similar");
	streq(listed(db, seoul), "", "a Korean name is not made alike another by a stray letter");

	pd_likely_list l;
	pd_error err = {0};
	ok(pd_partner_likely_pairs(db, &l, &err), "pairs: %s", err.msg);
	char got[2048] = "";
	for (size_t i = 0; i + 1 < l.n; i += 2) {
		char why[100];
		pd_likely_why_text(l.v[i].why, why, sizeof why);
		size_t o = strlen(got);
		snprintf(got + o, sizeof got - o, "%lld-%lld %s;", (long long)l.v[i].id, (long long)l.v[i + 1].id, why);
	}
	pd_likely_list_finish(&l);
	snprintf(want, sizeof want, "%lld-%lld similar name;%lld-%lld same name;%lld-%lld same website;"
		"%lld-%lld similar name and same website;%lld-%lld similar name;%lld-%lld similar name;"
		"%lld-%lld similar name;%lld-%lld same website;%lld-%lld similar name;%lld-%lld similar name;",
		(long long)museum, (long long)the, (long long)museum, (long long)same, (long long)museum,
		(long long)trust, (long long)museum, (long long)museums, (long long)the, (long long)same,
		(long long)the, (long long)museums, (long long)same, (long long)museums, (long long)trust,
		(long long)museums, (long long)fagans, (long long)saint, (long long)ysgol, (long long)cyf);
	streq(got, want, "check's pairs: the same name's reason kept, each similar pair once");

	/* The similarly named from the loose key's index and the name index. */
	pd_strv plans = {0};
	ok(pd_db_explain_start(db), "record plans");
	ok(pd_partner_likely_same(db, the, 10, &l, &err), "likely same, recorded");
	pd_likely_list_finish(&l);
	pd_db_explain_stop(db, &plans);
	bool scan = false, by_name = false, by_loose = false;
	for (size_t i = 0; i < plans.n; i++) {
		scan |= pd_plan_line_is_full_scan(plans.v[i]);
		by_name |= strstr(plans.v[i], "partners_by_name") != NULL;
		by_loose |= strstr(plans.v[i], "partners_by_loose_key") != NULL;
	}
	ok(!scan && by_name && by_loose, "a similar name: the name and loose key indexes, no scan");
	for (size_t i = 0; i < plans.n && (scan || !by_name || !by_loose); i++)
		printf("# %s\n", plans.v[i]);
	pd_strv_clear(&plans);

	/* An edit keys the new name. */
	pd_partner *p = pd_partner_get(db, saint, &err);
	ok(p != NULL, "read Saint Fagans %s", err.msg);
	if (p) {
		free(p->name);
		p->name = strdup("Sain Ffagan");
		ok(pd_partner_update(db, p, &err), "renamed %s", err.msg);
		pd_partner_destroy(p);
	}
	streq(listed(db, fagans), "", "renamed, it is no longer similar");
	pd_check_report rep;
	ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the stored loose keys right");
	pd_check_report_finish(&rep);
	pd_db_close(db);

	/* A loose key someone wrote by hand, or one missing: said, then remade. */
	tu_sql(tu_path("similar.db"), "UPDATE partners SET loose_key = 'museum of swansea' WHERE id = ?1",
		cardiff, NULL, 0);
	tu_sql(tu_path("similar.db"), "UPDATE partners SET loose_key = NULL WHERE id = ?1", the, NULL, 0);
	db = pd_db_open(tu_path("similar.db"), 0, NULL, &err);
	int said = 0;
	ok(db && pd_db_check(db, &rep, &err) && !rep.ok, "check finds a stale loose key %s", err.msg);
	for (size_t i = 0; db && i < rep.n_lines; i++)
		said += strstr(rep.lines[i], "stale similar-name key") != NULL;
	is(said, 2, "and says which, each");
	pd_check_report_finish(&rep);
	pd_repair_counts rc;
	ok(db && pd_db_repair(db, &rc, &err) && rc.loose_keys == 2, "repair remakes both %s", err.msg);
	ok(db && pd_db_check(db, &rep, &err) && rep.ok, "then check finds nothing");
	pd_check_report_finish(&rep);
	snprintf(want, sizeof want, "Museum of Cardiff #%lld similar name;Museum of  CARDIFF #%lld similar name;"
		"Museums of Cardiff Ltd #%lld similar name;", (long long)museum, (long long)same, (long long)museums);
	streq(listed(db, the), want, "and the similar are found again");
	pd_db_close(db);
}

/* "#id why;" for each partner likely the same as one not stored yet. */
static const char *listed_as(pd_db *db, const char *name, const char *website, const char *email,
	int64_t before)
{
	static char buf[2048];
	pd_likely_list l;
	pd_error err = {0};
	buf[0] = '\0';
	if (!pd_likely_same_as(db, name, website, email, before, 0, 10, &l, &err)) {
		snprintf(buf, sizeof buf, "error: %s", err.msg);
		return buf;
	}
	for (size_t i = 0; i < l.n; i++) {
		char why[100];
		pd_likely_why_text(l.v[i].why, why, sizeof why);
		size_t o = strlen(buf);
		snprintf(buf + o, sizeof buf - o, "%s #%lld %s;", l.v[i].name, (long long)l.v[i].id, why);
	}
	pd_likely_list_finish(&l);
	return buf;
}

/* A row an import is about to add: the same rules as for a stored
 * partner, only the partners before the import's own, and a domain many
 * hold looked at by its index, a few rows, not all of them. */
static void test_same_as(void)
{
	pd_db *db = tu_open("same_as.db");
	int64_t musee = add(db, "Mus\xc3\xa9" "e des Beaux-Arts", "https://www.mba-lyon.fr/fr", NULL);
	int64_t jardin = add(db, "Jardin botanique", NULL, "jardin@jardin-lyon.example");
	int64_t rome = add(db, "Villa Medici", "https://villamedici.example", NULL);
	ok(musee && jardin && rome, "added");
	char want[512];
	snprintf(want, sizeof want, "Mus\xc3\xa9" "e des Beaux-Arts #%lld similar name;", (long long)musee);
	streq(listed_as(db, "Musee des Beaux Arts", NULL, NULL, 0), want,
	      "a similar name: accents, a hyphen and a plural aside");
	snprintf(want, sizeof want, "Mus\xc3\xa9" "e des Beaux-Arts #%lld same name;", (long long)musee);
	streq(listed_as(db, "Mus\xc3\xa9" "e des Beaux-Arts", NULL, NULL, 0), want, "the same name is said as such");
	snprintf(want, sizeof want, "Jardin botanique #%lld same email domain;", (long long)jardin);
	streq(listed_as(db, "Botanical Garden", NULL, "visits@jardin-lyon.example", 0), want,
	      "an email domain shared");
	snprintf(want, sizeof want, "Villa Medici #%lld same web/email domain;", (long long)rome);
	streq(listed_as(db, "Académie de France", NULL, "info@villamedici.example", 0), want,
	      "an email domain that is another's website host");
	streq(listed_as(db, "Musee des Beaux Arts", NULL, NULL, musee), "",
	      "only the partners before the one given: an import's own rows are not listed");
	streq(listed_as(db, "Lyon Library", NULL, "ana@gmail.com", 0), "", "free mail is no one's");
	streq(listed_as(db, "Atelier", "https://www.mba-lyon.fr/atelier", NULL, 0), "",
	      "another page of a host is another organisation");

	/* A domain PD_LIKELY_DOMAIN_MAX partners hold already: with this one, too many. */
	int64_t city[PD_LIKELY_DOMAIN_MAX];
	for (int i = 0; i < PD_LIKELY_DOMAIN_MAX; i++) {
		char name[64];
		snprintf(name, sizeof name, "City Department %d", i);
		city[i] = add(db, name, NULL, "desk@cityof.example");
	}
	streq(listed_as(db, "City Archives", NULL, "archives@cityof.example", 0), "",
	      "a domain five partners hold, with this one six: none");
	snprintf(want, sizeof want, "City Department 2 #%lld same name;", (long long)city[2]);
	streq(listed_as(db, "City Department 2", NULL, "archives@cityof.example", 0), want,
	      "but the same name still counts");
	tu_sql(tu_path("same_as.db"), "DELETE FROM partners WHERE id = ?1", city[0], NULL, 0);
	pd_db_close(db);
	pd_error err = {0};
	db = pd_db_open(tu_path("same_as.db"), 0, NULL, &err);
	ok(db != NULL, "reopened %s", err.msg);
	snprintf(want, sizeof want, "City Department 1 #%lld same email domain;City Department 2 #%lld same "
		"email domain;City Department 3 #%lld same email domain;City Department 4 #%lld same email domain;",
		(long long)city[1], (long long)city[2], (long long)city[3], (long long)city[4]);
	streq(listed_as(db, "City Archives", NULL, "archives@cityof.example", 0), want,
	      "four partners hold it, with this one five: each");

	/* However many hold a domain, a few index lookups: no scan. */
	for (int i = 0; i < 50; i++) {
		char name[64];
		snprintf(name, sizeof name, "Branch %d", i);
		add(db, name, "https://branches.example", "desk@branches.example");
	}
	pd_strv plans = {0};
	ok(pd_db_explain_start(db), "record plans");
	streq(listed_as(db, "Branch 7b", "branches.example", "x@branches.example", 0), "",
	      "fifty on one domain: none by it");
	pd_db_explain_stop(db, &plans);
	bool scan = false, by_site = false, by_mail = false;
	for (size_t i = 0; i < plans.n; i++) {
		scan |= pd_plan_line_is_full_scan(plans.v[i]);
		by_site |= strstr(plans.v[i], "partners_by_website_key") != NULL;
		by_mail |= strstr(plans.v[i], "partners_by_email_key") != NULL;
	}
	ok(!scan && by_site && by_mail, "the key indexes, no scan");
	for (size_t i = 0; i < plans.n && (scan || !by_site || !by_mail); i++)
		printf("# %s\n", plans.v[i]);
	pd_strv_clear(&plans);
	pd_db_close(db);

	/* Statistics of a desk of three partners, as its last close left them,
	 * while an import adds thousands: the planner took a scan of the whole
	 * growing table for each row (20,000 rows into such a desk, 12.7 s). */
	const char *path = tu_path("same_as.db");
	tu_sql(path, "ANALYZE", 0, NULL, 0);
	tu_sql(path, "UPDATE sqlite_stat1 SET stat = '3' || substr('  1 1 1 1', 1, 2 * "
	       "(length(stat) - length(replace(stat, ' ', ''))))"
	       " WHERE tbl = 'partners'", 0, NULL, 0);
	db = pd_db_open(path, 0, NULL, &err);
	ok(db != NULL, "reopened with a small desk's statistics %s", err.msg);
	ok(pd_db_explain_start(db), "record plans");
	listed_as(db, "Gallery of Swansea", "https://gallery.example/visit", "info@gallery.example", 40);
	listed_as(db, "Gallery of Swansea", NULL, NULL, 40);
	pd_db_explain_stop(db, &plans);
	scan = false;
	for (size_t i = 0; i < plans.n; i++)
		scan |= pd_plan_line_is_full_scan(plans.v[i]) || strstr(plans.v[i], "SCAN partners") != NULL;
	ok(!scan, "with a small desk's statistics, still the indexes: no scan of partners");
	for (size_t i = 0; i < plans.n && scan; i++)
		printf("# %s\n", plans.v[i]);
	pd_strv_clear(&plans);
	pd_db_close(db);
}

int main(void)
{
	test_same_as();
	test_domain_key();
	test_loose_key();
	test_similar();
	test_page_key();
	test_pages();
	pd_db *db = tu_open("likely.db");
	int64_t cafe = add(db, "Café Lumière Books", "https://cafelumiere.example", NULL);
	int64_t cafe2 = add(db, "Cafe  Lumiere Books", NULL, NULL);
	int64_t museum = add(db, "Riverside Art Museum", "www.riversideart.org", "info@riversideart.org");
	int64_t ram = add(db, "Riverside Art Museum (RAM)", "http://riversideart.org/", NULL);
	int64_t ram_mail = add(db, "RAM Education", NULL, "education@RiversideArt.org");
	int64_t gmail1 = add(db, "Book Club North", NULL, "north.books@gmail.com");
	int64_t gmail2 = add(db, "Chess Club", NULL, "chess.club@gmail.com");
	int64_t other = add(db, "Aardvark Society", "https://aardvark.example", NULL);
	int64_t cafe_site = add(db, "Lumiere Reading Room", "cafelumiere.example/reading", NULL);
	ok(cafe && cafe2 && museum && ram && ram_mail && gmail1 && gmail2 && other && cafe_site, "added");

	char want[512];
	snprintf(want, sizeof want, "Cafe  Lumiere Books #%lld same name;Lumiere Reading Room #%lld same website;",
		(long long)cafe2, (long long)cafe_site);
	streq(listed(db, cafe), want, "same name (accents aside) first, then a shared website host");
	snprintf(want, sizeof want, "Café Lumière Books #%lld same name;", (long long)cafe);
	streq(listed(db, cafe2), want, "and back: a partner without a website still finds its name");
	snprintf(want, sizeof want, "RAM Education #%lld same email domain;Riverside Art Museum (RAM) #%lld same website;",
		(long long)ram_mail, (long long)ram);
	streq(listed(db, museum), want, "a website host and an email domain shared, by name");
	snprintf(want, sizeof want, "RAM Education #%lld same web/email domain;"
		"Riverside Art Museum #%lld same website;", (long long)ram_mail, (long long)museum);
	streq(listed(db, ram), want, "a website host that is another's email domain");
	streq(listed(db, gmail1), "", "two gmail.com addresses are not the same partner");
	streq(listed(db, other), "", "nothing alike: none");

	/* A domain more than PD_LIKELY_DOMAIN_MAX partners hold: a city's. */
	int64_t city[PD_LIKELY_DOMAIN_MAX + 1];
	for (int i = 0; i <= PD_LIKELY_DOMAIN_MAX; i++) {
		char name[64];
		snprintf(name, sizeof name, "City Department %d", i);
		city[i] = add(db, name, NULL, i % 2 ? "desk@cityof.example" : "office@CityOf.example");
	}
	streq(listed(db, city[0]), "", "a domain six partners hold tells none of them apart");
	int64_t city_dup = add(db, "City Department 3", NULL, NULL);
	snprintf(want, sizeof want, "City Department 3 #%lld same name;", (long long)city_dup);
	streq(listed(db, city[3]), want, "but the same name still counts among them");

	pd_likely_list l;
	pd_error err = {0};
	ok(!pd_partner_likely_same(db, 9999, 10, &l, &err) && err.code == PD_ERR_NOTFOUND,
	   "a partner that is not there: said, not an empty list");

	/* check's pairs: one line each, reasons together, a before b. */
	err = (pd_error){0};
	ok(pd_partner_likely_pairs(db, &l, &err), "pairs: %s", err.msg);
	char got[1024] = "";
	for (size_t i = 0; i + 1 < l.n; i += 2) {
		char why[100];
		pd_likely_why_text(l.v[i].why, why, sizeof why);
		size_t o = strlen(got);
		snprintf(got + o, sizeof got - o, "%lld-%lld %s;", (long long)l.v[i].id, (long long)l.v[i + 1].id, why);
	}
	snprintf(want, sizeof want, "%lld-%lld same name;%lld-%lld same website;%lld-%lld same website;"
		"%lld-%lld same email domain;%lld-%lld same web/email domain;%lld-%lld same name;",
		(long long)cafe, (long long)cafe2, (long long)cafe, (long long)cafe_site,
		(long long)museum, (long long)ram, (long long)museum, (long long)ram_mail,
		(long long)ram, (long long)ram_mail, (long long)city[3], (long long)city_dup);
	streq(got, want, "the pairs, each once");
	pd_likely_list_finish(&l);

	/* Someone with a name and no website or email: the name index only. */
	pd_strv plans = {0};
	ok(pd_db_explain_start(db), "record plans");
	err = (pd_error){0};
	ok(pd_partner_likely_same(db, cafe2, 10, &l, &err), "likely same, recorded");
	pd_likely_list_finish(&l);
	pd_db_explain_stop(db, &plans);
	bool scan = false, by_name = false;
	for (size_t i = 0; i < plans.n; i++) {
		scan |= pd_plan_line_is_full_scan(plans.v[i]);
		by_name |= strstr(plans.v[i], "partners_by_name") != NULL;
	}
	ok(!scan && by_name, "no website or email: the name index, no scan");
	for (size_t i = 0; i < plans.n && (scan || !by_name); i++)
		printf("# %s\n", plans.v[i]);

	/* With a website and an email: the stored keys' indexes, no scan of
	 * every partner's website and email. */
	ok(pd_db_explain_start(db), "record plans");
	ok(pd_partner_likely_same(db, museum, 10, &l, &err), "likely same, recorded");
	pd_likely_list_finish(&l);
	pd_db_explain_stop(db, &plans);
	bool by_site = false, by_mail = false;
	scan = by_name = false;
	for (size_t i = 0; i < plans.n; i++) {
		scan |= pd_plan_line_is_full_scan(plans.v[i]);
		by_name |= strstr(plans.v[i], "partners_by_name") != NULL;
		by_site |= strstr(plans.v[i], "partners_by_website_key") != NULL;
		by_mail |= strstr(plans.v[i], "partners_by_email_key") != NULL;
	}
	ok(!scan && by_name && by_site && by_mail,
	   "a website and an email: the name and key indexes, no scan");
	for (size_t i = 0; i < plans.n && (scan || !by_name || !by_site || !by_mail); i++)
		printf("# %s\n", plans.v[i]);
	pd_strv_clear(&plans);

	/* An edit keys the new website and email: the old host's partner
	 * is no longer alike, the new one's is. */
	pd_partner *p = pd_partner_get(db, museum, &err);
	ok(p != NULL, "read the museum %s", err.msg);
	if (p) {
		free(p->website);
		p->website = strdup("HTTPS://Aardvark.example/museum");
		free(p->email);
		p->email = NULL;
		ok(pd_partner_update(db, p, &err), "move its website, drop its email %s", err.msg);
		pd_partner_destroy(p);
	}
	snprintf(want, sizeof want, "Aardvark Society #%lld same website;", (long long)other);
	streq(listed(db, museum), want, "the edited website's host is found, the old one's not");
	snprintf(want, sizeof want, "RAM Education #%lld same web/email domain;", (long long)ram_mail);
	streq(listed(db, ram), want, "nor is it found by the old host");
	pd_check_report rep;
	ok(pd_db_check(db, &rep, &err) && rep.ok, "check finds the stored keys right");
	pd_check_report_finish(&rep);
	pd_db_close(db);

	/* A key someone wrote by hand (or an older program left) is said. */
	tu_sql(tu_path("likely.db"), "UPDATE partners SET website_key = 'elsewhere.example' WHERE id = ?1",
		other, NULL, 0);
	db = pd_db_open(tu_path("likely.db"), 0, NULL, &err);
	bool said = false;
	ok(db && pd_db_check(db, &rep, &err) && !rep.ok, "check finds a stale key %s", err.msg);
	for (size_t i = 0; db && i < rep.n_lines; i++)
		said |= strstr(rep.lines[i], "stale website or email key") != NULL;
	ok(said, "and says which");
	pd_check_report_finish(&rep);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
