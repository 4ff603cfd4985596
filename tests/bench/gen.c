/* The benchmark data generator: realistic partners, contact people and
 * interaction histories from word lists and a fixed-seed PRNG, written
 * through the model API in one transaction, cached by size and version. */
#include "gen.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "partnerdesk/model/bulk.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"

#define N_OF(a) (sizeof(a) / sizeof *(a))

void gen_rng_init(gen_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t gen_next(gen_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

uint32_t gen_below(gen_rng *r, uint32_t n)
{
	return (uint32_t)(gen_next(r) % n);
}

double gen_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- word lists ---- */

static const char *const places[] = {
	"Riverside", "Harbor", "Oak Hill", "Maple Grove", "Cedar Falls", "Lakeview",
	"Westfield", "Eastside", "Northgate", "Southport", "Pine Ridge", "Willow Creek",
	"Brookside", "Fairview", "Greenwood", "Hillcrest", "Kingsbridge", "Meadowbrook",
	"Millbrook", "Ashford", "Bayview", "Clearwater", "Elmwood", "Foxborough",
	"Glenwood", "Highland", "Ironwood", "Juniper", "Kensington", "Linden",
	"Marlow", "Newbury", "Orchard Park", "Parkside", "Queensbury", "Redwood",
	"Stonebridge", "Thornton", "Union Square", "Valley Forge", "Whitman", "Yorkton",
	"Chestnut Hill", "Summit", "Bridgeport", "Copper Hill", "Deerfield", "Evergreen",
	"Frost Valley", "Granite Bay", "Hollow Creek", "Silver Lake", "Sunnyside", "Twin Oaks",
	"Łódź", "Zürich", "São Paulo", "Montréal", "Malmö", "Kraków", "Āwhitu", "Ærø",
	"Oaxaca", "Citrus Heights",
};

static const char *const middles[] = {
	"", "Community", "Children's", "Historical", "Regional", "Youth", "Public",
	"Family", "Heritage", "County", "City", "Neighborhood", "Downtown", "Women's",
	"Veterans", "Immigrant", "Senior", "Maritime", "Native", "Latino",
};

static const struct {
	const char *words, *kind, *scale;
} types[] = {
	{"Art Museum", "museum", "macro"}, {"History Museum", "museum", "macro"},
	{"Musée des Beaux-Arts", "museum", "macro"}, {"Kunsthalle", "museum", "macro"},
	{"Science Center", "science center", "macro"}, {"Nature Center", "science center", "micro"},
	{"Historical Society", "archive", "micro"}, {"Archives", "archive", "macro"},
	{"Botanical Garden", "botanical garden", "macro"}, {"Zoo", "zoo", "macro"},
	{"Aquarium", "zoo", "macro"}, {"Symphony Orchestra", "arts organisation", "macro"},
	{"Theatre Company", "arts organisation", "micro"}, {"Dance Collective", "arts organisation", "micro"},
	{"Arts Council", "arts organisation", "macro"}, {"Elementary School", "school", "macro"},
	{"Middle School", "school", "macro"}, {"High School", "school", "macro"},
	{"Charter Academy", "school", "micro"}, {"Community College", "college", "macro"},
	{"University Extension", "college", "macro"}, {"Food Bank", "nonprofit", "micro"},
	{"Literacy Coalition", "nonprofit", "micro"}, {"Boys & Girls Club", "nonprofit", "micro"},
	{"YMCA", "nonprofit", "macro"}, {"Refugee Services", "nonprofit", "micro"},
	{"Senior Center", "nonprofit", "micro"}, {"Habitat Chapter", "nonprofit", "micro"},
	{"Credit Union", "business", "micro"}, {"Bakery", "business", "micro"},
	{"Bookshop", "business", "micro"}, {"Café Collective", "business", "micro"},
	{"Chamber of Commerce", "civic group", "macro"}, {"Rotary Club", "civic group", "micro"},
	{"Garden Club", "civic group", "micro"}, {"Parks Department", "government agency", "macro"},
	{"Health Department", "government agency", "macro"}, {"Fire Station", "government agency", "micro"},
	{"Public Radio", "public broadcaster", "macro"}, {"Public Television", "public broadcaster", "macro"},
	{"Public Library", "library", "macro"}, {"Law Library", "library", "micro"},
	{"Makerspace", "other", "micro"}, {"Genealogy Circle", "other", "micro"},
};

static const char *const suffixes[] = {"", " North", " East", " West"};

static const char *const first_names[] = {
	"Maria", "James", "Aisha", "Wei", "Olivia", "Mateo", "Priya", "Daniel", "Fatima",
	"Noah", "Grace", "Hiroshi", "Emma", "Kwame", "Sofia", "Liam", "Amara", "Ethan",
	"Leila", "Lucas", "Chloé", "José", "Zoë", "Łukasz", "Søren", "Björn", "Aoife",
	"Renée", "Ngozi", "Dmitri", "Ana", "Samuel", "Mei", "Omar", "Hannah", "Tomás",
	"Yuki", "Isabel", "Elif", "Marcus",
};

static const char *const last_names[] = {
	"Johnson", "Garcia", "Chen", "Okafor", "Smith", "Patel", "Nguyễn", "Müller",
	"Kowalski", "O'Brien", "Ødegaard", "Şahin", "Rossi", "Williams", "Kim", "Hernández",
	"Brown", "Tanaka", "Dubois", "Lopez", "Singh", "Anderson", "Novak", "Haddad",
	"Walker", "Ivanova", "Mensah", "Silva", "Cohen", "Murphy", "Ramírez", "Park",
	"Larsen", "Adeyemi", "Fischer", "Thompson", "Castillo", "Yilmaz", "Moreau", "Reyes",
};

static const char *const titles[] = {
	"Education Director", "Outreach Coordinator", "Executive Director",
	"Public Programs Manager", "Volunteer Coordinator", "Principal", "Librarian",
	"Development Officer", "Community Engagement Lead", "Youth Services Manager",
	"Curator", "Marketing Manager",
};

static const char *const openers[] = {
	"Called about", "Emailed regarding", "Visited to discuss", "Met to plan",
	"Followed up on", "Left a message about", "Shared the flyer for", "Talked at the fair about",
};

static const char *const topics[] = {
	"the summer reading program", "a museum pass partnership", "a storytime with live music",
	"the teen coding club", "a STEM night at the branch", "ESL conversation circles",
	"a shared grant application", "the author talk series", "volunteer tutors for homework help",
	"a seed library at the branch", "a job fair for adults", "the senior tech help hours",
	"a family history workshop", "a pop-up library at their event",
	"the budget cycle and next year's plans", "renewing the agreement", "a traveling exhibit",
	"a mural project with teens", "a field trip for third graders",
	"oral histories from longtime residents", "Día de los Niños celebrations",
	"a chess club for seniors", "the makerspace open house", "a citizenship class series",
	"flyers for the food drive",
};

static const char *const closers[] = {
	"", " They will check with their board.", " Good energy; next step is a date.",
	" Sent our calendar.", " Waiting on their budget.", " Asked for a proposal by email.",
};

static const char *const channels[] = {"phone", "email", "visit", "meeting", "event", "other"};
static const char *const staff[] = {"ahmed", "bcole", "mgarcia", "ttran", "jkowalski", "lpark"};
static const char *const tags[] = {"stem", "arts", "literacy", "summer", "grant", "teens", "esl"};
static const char *const audiences[] = {
	"children", "teens", "families", "adults", "seniors", "English learners", "rural",
};

/* Stage shares out of 100: most partners are early or settled. */
static const char *stage_for(uint32_t roll)
{
	return roll < 40 ? "glance" : roll < 65 ? "date" : roll < 80 ? "engagement"
		: roll < 92 ? "marriage" : "dissolved";
}

static size_t n_names(void)
{
	return N_OF(places) * N_OF(middles) * N_OF(types) * N_OF(suffixes);
}

/* Spreads consecutive indexes over the name space so that the first 1,000
 * already look like a varied desk; a multiplier coprime to the size makes
 * it a permutation, so names are unique up to n_names(). */
static void name_parts(uint64_t i, size_t *pl, size_t *mi, size_t *ty, size_t *su)
{
	uint64_t total = n_names();
	uint64_t k = (i % total) * 104729u % total;
	*ty = (size_t)(k % N_OF(types));
	k /= N_OF(types);
	*pl = (size_t)(k % N_OF(places));
	k /= N_OF(places);
	*mi = (size_t)(k % N_OF(middles));
	k /= N_OF(middles);
	*su = (size_t)(k % N_OF(suffixes));
}

void gen_partner_name(uint64_t i, char *out, size_t size)
{
	size_t pl, mi, ty, su;
	name_parts(i, &pl, &mi, &ty, &su);
	snprintf(out, size, "%s%s%s %s%s", places[pl], *middles[mi] ? " " : "", middles[mi],
		types[ty].words, suffixes[su]);
}

void gen_person_name(gen_rng *r, char *out, size_t size)
{
	snprintf(out, size, "%s %s", first_names[gen_below(r, N_OF(first_names))],
		last_names[gen_below(r, N_OF(last_names))]);
}

time_t gen_anchor_time(void)
{
	/* 2026-11-01T12:00:00Z */
	struct tm tm = {.tm_year = 2026 - 1900, .tm_mon = 10, .tm_mday = 1, .tm_hour = 12};
	return timegm(&tm);
}

static void fmt_time(time_t t, char *out, size_t size)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void fmt_date(time_t t, char *out, size_t size)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

static int cmp_time(const void *a, const void *b)
{
	time_t x = *(const time_t *)a, y = *(const time_t *)b;
	return (x > y) - (x < y);
}

/* One partner with its contacts and log. */
static bool add_partner(pd_db *db, long i, pd_error *err)
{
	gen_rng r;
	gen_rng_init(&r, 0x5044534Bull * 31 + (uint64_t)i);
	size_t pl, mi, ty, su;
	name_parts((uint64_t)i, &pl, &mi, &ty, &su);
	char name[256], site[128], phone[32], notes[256];
	gen_partner_name((uint64_t)i, name, sizeof name);
	snprintf(site, sizeof site, "https://partner%ld.example.org", i);
	snprintf(phone, sizeof phone, "+1 555 %03u %04u", gen_below(&r, 1000), gen_below(&r, 10000));
	snprintf(notes, sizeof notes, "%s %s", openers[gen_below(&r, N_OF(openers))],
		topics[gen_below(&r, N_OF(topics))]);

	pd_partner p = {0};
	p.name = name;
	p.kind = (char *)types[ty].kind;
	p.scale = (char *)types[ty].scale;
	p.stage = (char *)stage_for(gen_below(&r, 100));
	p.website = site;
	p.phone = phone;
	p.owner = (char *)staff[gen_below(&r, N_OF(staff))];
	p.notes = notes;
	p.fiscal_month = (int)gen_below(&r, 13);
	char *tagv[2], *audv[2];
	p.tags.v = tagv;
	p.tags.n = gen_below(&r, 3);
	for (size_t t = 0; t < p.tags.n; t++)
		tagv[t] = (char *)tags[gen_below(&r, N_OF(tags))];
	p.audiences.v = audv;
	p.audiences.n = 1 + gen_below(&r, 2);
	for (size_t t = 0; t < p.audiences.n; t++)
		audv[t] = (char *)audiences[gen_below(&r, N_OF(audiences))];
	/* pd_partner_insert may rewrite these; they all point at our buffers
	 * or literals, so copy into owned memory first. */
	pd_partner *own = pd_partner_create();
	if (!own)
		return false;
	own->name = strdup(p.name);
	own->kind = strdup(p.kind);
	own->scale = strdup(p.scale);
	own->stage = strdup(p.stage);
	own->website = strdup(p.website);
	own->phone = strdup(p.phone);
	own->owner = strdup(p.owner);
	own->notes = strdup(p.notes);
	own->fiscal_month = p.fiscal_month;
	bool ok = own->name && own->kind && own->scale && own->stage && own->website &&
		own->phone && own->owner && own->notes;
	for (size_t t = 0; ok && t < p.tags.n; t++)
		ok = pd_strv_push(&own->tags, tagv[t]);
	for (size_t t = 0; ok && t < p.audiences.n; t++)
		ok = pd_strv_push(&own->audiences, audv[t]);
	ok = ok && pd_partner_insert(db, own, err);
	int64_t pid = own->id;
	pd_partner_destroy(own);
	if (!ok)
		return false;

	int64_t cids[GEN_CONTACTS];
	for (int c = 0; c < GEN_CONTACTS; c++) {
		char person[128], email[160];
		gen_person_name(&r, person, sizeof person);
		snprintf(email, sizeof email, "contact%d.p%ld@example.org", c, i);
		pd_contact *ct = pd_contact_create();
		if (!ct)
			return false;
		ct->partner_id = pid;
		ct->name = strdup(person);
		ct->title = strdup(titles[gen_below(&r, N_OF(titles))]);
		ct->email = strdup(email);
		ok = ct->name && ct->title && ct->email && pd_contact_insert(db, ct, err);
		cids[c] = ct->id;
		pd_contact_destroy(ct);
		if (!ok)
			return false;
	}

	time_t anchor = gen_anchor_time();
	time_t when[GEN_INTERACTIONS];
	for (int k = 0; k < GEN_INTERACTIONS; k++)
		when[k] = anchor - (time_t)gen_below(&r, 3 * 365 * 86400);
	qsort(when, GEN_INTERACTIONS, sizeof *when, cmp_time);
	for (int k = 0; k < GEN_INTERACTIONS; k++) {
		char text[300];
		snprintf(text, sizeof text, "%s %s.%s", openers[gen_below(&r, N_OF(openers))],
			topics[gen_below(&r, N_OF(topics))], closers[gen_below(&r, N_OF(closers))]);
		pd_interaction it = {0};
		it.partner_id = pid;
		it.contact_id = cids[gen_below(&r, GEN_CONTACTS)];
		fmt_time(when[k], it.at, sizeof it.at);
		it.channel = (char *)channels[gen_below(&r, N_OF(channels))];
		it.by = (char *)staff[gen_below(&r, N_OF(staff))];
		it.text = text;
		if (gen_below(&r, 100) < 15) {
			time_t fu = when[k] + (time_t)(7 + gen_below(&r, 22)) * 86400;
			fmt_date(fu, it.follow_up, sizeof it.follow_up);
			/* Old follow-ups are nearly all done; recent ones often open. */
			it.done = fu < anchor - 21 * 86400 ? gen_below(&r, 1000) >= 5 : gen_below(&r, 100) < 40;
		}
		/* The model frees nothing of ours, but may replace channel with
		 * its canonical copy; give it owned strings. */
		it.channel = strdup(it.channel);
		it.by = strdup(it.by);
		it.text = strdup(text);
		ok = it.channel && it.by && it.text && pd_interaction_insert(db, &it, err);
		pd_interaction_finish(&it);
		if (!ok)
			return false;
	}
	return true;
}

bool gen_fill(pd_db *db, long n, double *seconds, char *msg, size_t msg_size)
{
	pd_error err = {0};
	double t0 = gen_now();
	pd_db_set_now(db, gen_anchor_time());
	if (!pd_db_bulk_mode(db, &err) || !pd_db_begin(db, &err)) {
		snprintf(msg, msg_size, "%s", err.msg);
		return false;
	}
	for (long i = 0; i < n; i++) {
		if (!add_partner(db, i, &err)) {
			snprintf(msg, msg_size, "partner %ld: %s", i, err.msg[0] ? err.msg : "out of memory");
			pd_db_rollback(db);
			return false;
		}
		if (n >= 10000 && i > 0 && i % 10000 == 0)
			fprintf(stderr, "  generated %ld of %ld partners (%.0f s)\n", i, n, gen_now() - t0);
	}
	if (!pd_db_commit(db, &err)) {
		snprintf(msg, msg_size, "%s", err.msg);
		return false;
	}
	pd_db_set_now(db, 0);
	*seconds = gen_now() - t0;
	return true;
}

void gen_unlink_db(const char *path)
{
	char side[4400];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

bool gen_cached_db(const char *dir, long n, char *out, size_t out_size, double *made_seconds,
	char *msg, size_t msg_size)
{
	snprintf(out, out_size, "%s/bench-g%d-s%d-%ld.db", dir, GEN_VERSION,
		pd_db_latest_schema_version(), n);
	*made_seconds = -1;
	struct stat st;
	if (stat(out, &st) == 0)
		return true;
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", out);
	gen_unlink_db(tmp);
	pd_error err = {0};
	pd_db *db = pd_db_open(tmp, PD_OPEN_CREATE, NULL, &err);
	if (!db) {
		snprintf(msg, msg_size, "%s", err.msg);
		return false;
	}
	fprintf(stderr, "generating %ld partners into %s ...\n", n, out);
	bool ok = gen_fill(db, n, made_seconds, msg, msg_size);
	pd_db_checkpoint(db);
	pd_db_close(db);
	if (ok) {
		/* Fold the WAL into the file so the copy we rename is whole. */
		sqlite3 *h;
		if (sqlite3_open(tmp, &h) == SQLITE_OK) {
			sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
			sqlite3_close(h);
		}
		char side[4400];
		snprintf(side, sizeof side, "%s-wal", tmp);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", tmp);
		unlink(side);
		if (rename(tmp, out) != 0) {
			snprintf(msg, msg_size, "cannot rename %s: %s", tmp, strerror(errno));
			ok = false;
		}
	}
	if (!ok)
		gen_unlink_db(tmp);
	return ok;
}

/* CSV needs quotes only around fields with commas or quotes; ours have
 * none but names like "Boys & Girls Club" stay safe as they are. */
static void csv_field(FILE *f, const char *s, bool last)
{
	bool quote = strpbrk(s, ",\"\n") != NULL;
	if (quote) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

bool gen_write_csv(const char *path, long n, char *msg, size_t msg_size)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		snprintf(msg, msg_size, "cannot write %s: %s", path, strerror(errno));
		return false;
	}
	fputs("name,kind,stage,scale,email,phone,website,contact,title,contact_email,notes\n", f);
	for (long i = 0; i < n; i++) {
		gen_rng r;
		gen_rng_init(&r, 0xC5F0ull * 7 + (uint64_t)i);
		size_t pl, mi, ty, su;
		name_parts((uint64_t)i, &pl, &mi, &ty, &su);
		char name[256], email[64], phone[32], site[64], person[128], cemail[64], notes[200];
		gen_partner_name((uint64_t)i, name, sizeof name);
		snprintf(email, sizeof email, "info@partner%ld.example.org", i);
		snprintf(phone, sizeof phone, "+1 555 %03u %04u", gen_below(&r, 1000), gen_below(&r, 10000));
		snprintf(site, sizeof site, "https://partner%ld.example.org", i);
		gen_person_name(&r, person, sizeof person);
		snprintf(cemail, sizeof cemail, "contact.p%ld@example.org", i);
		snprintf(notes, sizeof notes, "%s %s", openers[gen_below(&r, N_OF(openers))],
			topics[gen_below(&r, N_OF(topics))]);
		csv_field(f, name, false);
		csv_field(f, types[ty].kind, false);
		csv_field(f, stage_for(gen_below(&r, 100)), false);
		csv_field(f, types[ty].scale, false);
		csv_field(f, email, false);
		csv_field(f, phone, false);
		csv_field(f, site, false);
		csv_field(f, person, false);
		csv_field(f, titles[gen_below(&r, N_OF(titles))], false);
		csv_field(f, cemail, false);
		csv_field(f, notes, true);
	}
	if (fclose(f) != 0) {
		snprintf(msg, msg_size, "cannot write %s: %s", path, strerror(errno));
		return false;
	}
	return true;
}

bool gen_write_abook(const char *path, long n, char *msg, size_t msg_size)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		snprintf(msg, msg_size, "cannot write %s: %s", path, strerror(errno));
		return false;
	}
	fputs("# abook addressbook file\n\n[format]\nprogram=abook\nversion=0.6.1\n\n\n", f);
	for (long i = 0; i < n; i++) {
		char name[256];
		gen_partner_name((uint64_t)i, name, sizeof name);
		fprintf(f, "[%ld]\nname=%s\nemail=info@partner%ld.example.org\n\n", i, name, i);
	}
	if (fclose(f) != 0) {
		snprintf(msg, msg_size, "cannot write %s: %s", path, strerror(errno));
		return false;
	}
	return true;
}
