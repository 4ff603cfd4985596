/* The search index: one folded document per partner in an FTS5 trigram
 * table (name; kind, tags, audiences, branches, contact names, interaction text, notes,
 * mission, address, website, email and phone), rebuilt by the model
 * inside every write that touches one of those. The contact
 * names include people removed from the list whose names their log
 * entries keep (interactions.contact_name), so the librarian who
 * remembers "Dana" still finds the partner after Dana left. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "schema.h"
#include "partnerdesk/model/text.h"

/* pd_search_doc(part, ...): the folded body of a partner's search
 * document, its non-empty parts one per line (a separator no trigram spans
 * usefully), and a newline before the first when it starts with a digit
 * or + (since schema 18). Any number of parts: migrations before 15 made
 * documents of four, and refold a stored document as one. */
static void fn_search_doc(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	size_t len = 0;
	for (int i = 0; i < argc; i++)
		len += (size_t)sqlite3_value_bytes(argv[i]) + 1;
	char *joined = malloc(len + 1);
	if (!joined) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	size_t n = 0;
	for (int i = 0; i < argc; i++) {
		const char *part = (const char *)sqlite3_value_text(argv[i]);
		size_t plen = part ? strlen(part) : 0;
		if (!plen)
			continue;
		if (n)
			joined[n++] = '\n';
		memcpy(joined + n, part, plen);
		n += plen;
	}
	joined[n] = '\0';
	char *folded = pd_fold(joined);
	free(joined);
	if (folded && ((folded[0] >= '0' && folded[0] <= '9') || folded[0] == '+')) {
		/* Every phone in a document starts a line, the first too: a
		 * number less its country code is looked up at a line's start
		 * ("\n0612345678", partner.c), not anywhere in another. */
		size_t flen = strlen(folded);
		char *lined = malloc(flen + 2);
		if (lined) {
			lined[0] = '\n';
			memcpy(lined + 1, folded, flen + 1);
		}
		free(folded);
		folded = lined;
	}
	if (!folded) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, folded, -1, free);
}

bool pd_search_remove(pd_db *db, int64_t partner_id, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "DELETE FROM partner_search WHERE rowid = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, partner_id);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "updating the search index");
	return true;
}

static bool run_range(pd_db *db, const char *sql, int64_t lo, int64_t hi, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "updating the search index");
	return true;
}

/* The documents of partners lo..hi, in two set-based statements (an import
 * of 100,000 partners is one range). A partner that no longer exists loses
 * its document. */
static bool rebuild_range(pd_db *db, int64_t lo, int64_t hi, pd_error *err)
{
	return run_range(db, "DELETE FROM partner_search WHERE rowid BETWEEN ?1 AND ?2", lo, hi, err) &&
	       run_range(db,
		"INSERT INTO partner_search (rowid, name, body) "
		"SELECT p.id, p.name_fold, " PD_SEARCH_BODY_OF_P " "
		"FROM partners p WHERE p.id BETWEEN ?1 AND ?2", lo, hi, err);
}

static bool rebuild(pd_db *db, int64_t partner_id, pd_error *err)
{
	return rebuild_range(db, partner_id, partner_id, err);
}

bool pd_search_refresh(pd_db *db, int64_t partner_id, pd_error *err)
{
	/* depth 1 is the writer's own transaction; deeper means a caller
	 * made several writes one, and the commit rebuilds each partner once. */
	if (db->depth <= 1)
		return rebuild(db, partner_id, err);
	if (db->n_search_dirty && db->search_dirty[db->n_search_dirty - 1] == partner_id)
		return true;
	if (db->n_search_dirty == db->cap_search_dirty) {
		size_t cap = db->cap_search_dirty ? db->cap_search_dirty * 2 : 256;
		int64_t *v = realloc(db->search_dirty, cap * sizeof *v);
		if (!v)
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		db->search_dirty = v;
		db->cap_search_dirty = cap;
	}
	db->search_dirty[db->n_search_dirty++] = partner_id;
	return true;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* FTS5 holds the terms of the documents written in a transaction in
 * memory until the commit, and writes them out as a segment each time they
 * pass its hashsize (1 MiB unless set), merging segments as they pile up:
 * the 100,000 documents of an import (184 bytes each since schema 15, a
 * trigram a byte) took 4.6-5.0 s of CPU in FTS5 so, 2.3-2.6 s held in
 * 32 MiB (about 40 MB more at its peak). Past BULK_DOCS documents a flush
 * holds them in BULK_HASH_BYTES and writes them once; the index holds the
 * same terms at the same places. */
#define BULK_DOCS 1000
#define BULK_HASH_BYTES (32 * 1024 * 1024)
#define FTS5_DEFAULT_HASH_BYTES (1024 * 1024)

static bool set_hash_size(pd_db *db, int bytes, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db,
		"INSERT INTO partner_search (partner_search, rank) VALUES ('hashsize', ?1)", err);
	if (!st)
		return false;
	sqlite3_bind_int(st, 1, bytes);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "updating the search index");
	return true;
}

/* Whether the desk sets a hashsize of its own (none does: FTS5 stores one
 * only when told), which a bulk flush then leaves alone. */
static int hash_size_stored(pd_db *db, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT 1 FROM partner_search_config WHERE k = 'hashsize'", err);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		pd_db_fail(db, err, "reading the search index");
		return -1;
	}
	return rc == SQLITE_ROW;
}

/* Back to FTS5's default for this handle's later writes, and the row that
 * setting it stored taken out again: the file holds what it held. */
static bool reset_hash_size(pd_db *db, pd_error *err)
{
	if (!set_hash_size(db, FTS5_DEFAULT_HASH_BYTES, err))
		return false;
	sqlite3_stmt *st = pd_stmt(db, "DELETE FROM partner_search_config WHERE k = 'hashsize'", err);
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "updating the search index");
	return true;
}

bool pd_search_flush(pd_db *db, pd_error *err)
{
	if (!db->n_search_dirty)
		return true;
	bool bulk = false;
	if (db->n_search_dirty >= BULK_DOCS) {
		int stored = hash_size_stored(db, err);
		if (stored < 0)
			return false;
		if (!stored) {
			if (!set_hash_size(db, BULK_HASH_BYTES, err))
				return false;
			bulk = true;
		}
	}
	qsort(db->search_dirty, db->n_search_dirty, sizeof *db->search_dirty, cmp_id);
	for (size_t i = 0; i < db->n_search_dirty;) {
		/* Runs of consecutive ids (new partners are) become one range. */
		size_t j = i + 1;
		while (j < db->n_search_dirty && db->search_dirty[j] - db->search_dirty[j - 1] <= 1)
			j++;
		if (!rebuild_range(db, db->search_dirty[i], db->search_dirty[j - 1], err))
			return false;   /* the caller rolls back, which forgets the rest */
		i = j;
	}
	if (bulk && !reset_hash_size(db, err))
		return false;
	db->n_search_dirty = 0;
	return true;
}

void pd_search_forget(pd_db *db)
{
	db->n_search_dirty = 0;
}

/* Fewer digits than this is not taken for a number: "1758" is as likely
 * a year in a note. */
#define PHONE_MIN_DIGITS 6
/* The fewest digits a number less its country code is looked up by at the
 * start of a number on file: one town's numbers share their first six or
 * so (01758 55... is Pwllheli's exchange), so fewer would find the town's
 * numbers rather than one; seven is the shortest national number a
 * library's partners are likely to have (Iceland, Estonia, Stockholm's
 * older 08 numbers). */
#define PHONE_NATIONAL_MIN_DIGITS 7

/* The decimal digits of the scripts a desk's numbers are written in, each
 * block zero to nine: a number pasted from an Arabic or Persian sheet or
 * display (٠٦ ١٢ ..., ۰۲۱ ...), or typed on a Hindi, Bengali or Thai
 * keyboard, is the same number as in ASCII. Full-width digits fold to
 * ASCII already (pd_fold); they are here for text not folded. */
static const uint32_t digit_zeros[] = {
	0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6,
	0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0,
	0x1810, 0xFF10,
};

/* The bytes a digit at c takes (0 when it is none), its ASCII in *out. */
static size_t digit_at(const char *c, char *out)
{
	if (*c >= '0' && *c <= '9') {
		*out = *c;
		return 1;
	}
	if ((unsigned char)*c < 0x80)
		return 0;
	uint32_t cp;
	size_t n = pd_utf8_decode(c, strnlen(c, 4), &cp);
	for (size_t i = 0; i < sizeof digit_zeros / sizeof *digit_zeros; i++)
		if (cp >= digit_zeros[i] && cp <= digit_zeros[i] + 9) {
			*out = (char)('0' + (cp - digit_zeros[i]));
			return n;
		}
	return 0;
}

char *pd_search_phone_run(const char *folded)
{
	char *run = malloc(strlen(folded) + 1);
	if (!run)
		return NULL;
	size_t n = 0;
	for (const char *c = folded; *c;) {
		size_t k = digit_at(c, &run[n]);
		if (k) {
			n++;
			c += k;
		} else if (strchr(" -.()/", *c)) {
			c++;
		} else {
			run[n++] = *c++;
		}
	}
	run[n] = '\0';
	return run;
}

/* The phone an SQL function is given, folded (*folded) and its digits run
 * together (*run), both the caller's to free; false with the function's
 * result set (NULL for no phone, or out of memory) when there are none. */
static bool phone_arg(sqlite3_context *ctx, sqlite3_value *arg, char **folded, char **run)
{
	const char *phone = (const char *)sqlite3_value_text(arg);
	if (!phone) {
		sqlite3_result_null(ctx);
		return false;
	}
	*folded = pd_fold(phone);
	*run = *folded ? pd_search_phone_run(*folded) : NULL;
	if (!*run) {
		free(*folded);
		sqlite3_result_error_nomem(ctx);
		return false;
	}
	return true;
}

/* pd_phone_digits(phone): the phone as the search document holds it run
 * together beside it as written, NULL where that is what is written. For
 * a phone in ASCII it is what schema 17's SQL made (the spaces, dashes,
 * dots and brackets taken out); since 18 the digits of other scripts are
 * ASCII in it too, and it is made from the folded phone, so that a
 * no-break or ideographic space is a space. */
static void fn_phone_digits(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	char *folded, *run;
	if (!phone_arg(ctx, argv[0], &folded, &run))
		return;
	bool same = strcmp(run, folded) == 0;
	free(folded);
	if (same) {
		free(run);
		sqlite3_result_null(ctx);
	} else {
		sqlite3_result_text(ctx, run, -1, free);
	}
}

/* pd_phone_home(phone): a phone written with its country code (+ or 00,
 * or neither where bare_code_len reads one: 33612345678, since schema 21)
 * as it is dialled at home, a line for each trunk (+33 6 12 34 56 78 is
 * 0612345678, +370 5 212 3456 is 052123456 and 852123456), NULL when it
 * has no such form or holds it at its start already (+1 ..., +34 ...):
 * a number typed with its trunk is looked up at the start of one on file
 * (pd_search_phone_digits), and finds it so (since schema 20). */
static void fn_phone_home(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	char *folded, *run;
	if (!phone_arg(ctx, argv[0], &folded, &run))
		return;
	free(folded);
	bool none;
	char *home = pd_search_phone_home(run, &none);
	free(run);
	if (home)
		sqlite3_result_text(ctx, home, -1, free);
	else if (none)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_error_nomem(ctx);
}

bool pd_search_register(pd_db *db)
{
	return sqlite3_create_function(db->h, "pd_search_doc", -1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, fn_search_doc,
		NULL, NULL) == SQLITE_OK &&
	       sqlite3_create_function(db->h, "pd_phone_digits", 1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, fn_phone_digits,
		NULL, NULL) == SQLITE_OK &&
	       sqlite3_create_function(db->h, "pd_phone_home", 1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, fn_phone_home,
		NULL, NULL) == SQLITE_OK;
}

/* How many digits the country code at the start of d takes, 0 when there
 * is none. Country codes are a prefix code (ITU-T E.164): 1 (North
 * America) and 7 (Russia, Kazakhstan) stand alone, these two-digit codes
 * are whole, and every other code has three digits; no code starts with 0. */
static size_t country_code_len(const char *d)
{
	static const char two[] =
		"20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 "
		"60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 ";
	if (!d[0] || d[0] == '0')
		return 0;
	if (d[0] == '1' || d[0] == '7')
		return 1;
	if (!d[1])
		return 0;
	for (const char *t = two; *t; t += 3)
		if (t[0] == d[0] && t[1] == d[1])
			return 2;
	return d[2] ? 3 : 0;
}

/* What is dialled at home before the number less its country code: 0
 * in most countries, and where it is not, as ITU-T's list of national
 * prefixes gives it for the countries a library's partners are likely
 * in (Europe, the Americas, Oceania, East Asia): 1 in North America, 8 in
 * Russia and Kazakhstan, 06 in Hungary, 80 in Belarus; Lithuania's 8,
 * which a number on file keeps though 0 replaced it in 2024-25; nothing
 * where the number is dialled whole at home (Spain, Italy and San Marino,
 * whose 0 is part of the number, Greece, Portugal, Poland, Czechia,
 * Denmark, Norway, Iceland, Estonia, Latvia, Mexico since 2019, Central
 * America, Singapore, Hong Kong, Macau). At most two trunks, the current
 * first. */
static const struct trunk_plan {
	char cc[4];
	const char *trunk[2];
} trunk_plans[] = {
	{"1", {"1", NULL}}, {"7", {"8", NULL}}, {"36", {"06", NULL}},
	{"370", {"0", "8"}}, {"375", {"80", NULL}},
	{"30", {"", NULL}}, {"34", {"", NULL}}, {"39", {"", NULL}}, {"45", {"", NULL}},
	{"47", {"", NULL}}, {"48", {"", NULL}}, {"52", {"", NULL}}, {"65", {"", NULL}},
	{"298", {"", NULL}}, {"299", {"", NULL}}, {"350", {"", NULL}}, {"351", {"", NULL}},
	{"352", {"", NULL}}, {"354", {"", NULL}}, {"356", {"", NULL}}, {"357", {"", NULL}},
	{"371", {"", NULL}}, {"372", {"", NULL}}, {"376", {"", NULL}}, {"377", {"", NULL}},
	{"378", {"", NULL}}, {"379", {"", NULL}}, {"420", {"", NULL}}, {"423", {"", NULL}},
	{"502", {"", NULL}}, {"503", {"", NULL}}, {"504", {"", NULL}}, {"505", {"", NULL}},
	{"506", {"", NULL}}, {"507", {"", NULL}}, {"852", {"", NULL}}, {"853", {"", NULL}},
};

static const char *const *trunks_of(const char *cc, size_t len)
{
	static const char *const zero[2] = {"0", NULL};
	for (size_t i = 0; i < sizeof trunk_plans / sizeof *trunk_plans; i++)
		if (strlen(trunk_plans[i].cc) == len && !strncmp(trunk_plans[i].cc, cc, len))
			return trunk_plans[i].trunk;
	return zero;
}

/* Where the number less its country code starts in d (digits run
 * together, + or 00 and the code already read: cc, len digits), past a 0
 * written after the code where 0 is the trunk: "+44 (0)1758 ...", as
 * British and Swiss cards write it, is +44 1758 .... Such a country's
 * numbers never start with 0 (Italy's, which keep theirs, have no trunk).
 * The trunks it is dialled at home with in *trunks. */
static size_t national_start(const char *d, const char *cc, size_t len, const char *const **trunks)
{
	*trunks = trunks_of(cc, len);
	return d[0] == '0' && !strcmp((*trunks)[0], "0");
}

/* A number on file written with its country code but no + or 00
 * (33612345678: Excel reads +33 6 12 34 56 78 as a number and drops the
 * +; 441758479216; 91 98765 43210 as Indian sheets write it): the whole
 * run of digits it starts with, 11 to 15 (E.164's most), a known code
 * with a trunk other than none, and the national number after it as long
 * as that country's numbers are (ITU-T's national plans; a 0 after the
 * code, "33 (0)6 ...", as past a +). Not under 11 digits: every number
 * dialled at home without its trunk is 10 or fewer (France's 9, the
 * UK's, India's, North America's 10), 612 555 0142 is no +61 2 555 0142;
 * not starting with 0 (a trunk, or 00); not with 1, North America's and
 * China's 1 + 10 digits dialled at home (and +1's home form is what it
 * holds already). Numbers written at home that read so all the same,
 * Brazil's mobiles ((31) 98765 4321 as +31 9 8765 4321), Russia's
 * 8 (495) ... (as +84 95 ...), one with its extension run in (212 555
 * 0142 12 as +212 ...), get a home form (0987654321) that is nobody's at
 * their desks, whose numbers are typed with their own trunk or none.
 * Countries without a trunk are not here: their numbers are
 * looked up without one, anywhere. */
static const struct bare_plan {
	char cc[4];
	unsigned char min, max;   /* the national number's digits */
} bare_plans[] = {
	{"7", 10, 10}, {"20", 9, 10}, {"27", 9, 9}, {"31", 9, 9}, {"32", 9, 9},
	{"33", 9, 9}, {"36", 9, 9}, {"40", 9, 9}, {"41", 9, 9}, {"43", 9, 13},
	{"44", 9, 10}, {"46", 9, 9}, {"49", 9, 13}, {"51", 9, 9}, {"54", 10, 10},
	{"55", 10, 11}, {"58", 10, 10}, {"60", 9, 10}, {"61", 9, 9}, {"62", 9, 12},
	{"63", 10, 10}, {"64", 9, 10}, {"66", 9, 9}, {"81", 9, 10}, {"82", 9, 10},
	{"84", 9, 10}, {"86", 10, 11}, {"90", 10, 10}, {"91", 10, 10}, {"92", 9, 10},
	{"94", 9, 9}, {"98", 10, 10},
	{"212", 9, 9}, {"213", 9, 9}, {"233", 9, 9}, {"234", 8, 10}, {"254", 9, 9},
	{"255", 9, 9}, {"256", 9, 9}, {"353", 8, 9}, {"358", 8, 11}, {"359", 8, 9},
	{"370", 8, 8}, {"375", 9, 9}, {"380", 9, 9}, {"381", 8, 9}, {"385", 8, 9},
	{"386", 8, 8}, {"387", 8, 8}, {"421", 9, 9}, {"880", 10, 10}, {"886", 8, 9},
	{"962", 8, 9}, {"966", 9, 9}, {"971", 8, 9}, {"972", 8, 9},
};

#define BARE_MIN_DIGITS 11
#define BARE_MAX_DIGITS 15

/* How many digits the country code at the start of run (no + or 00)
 * takes when it reads as one by the rule above, 0 when it does not. */
static size_t bare_code_len(const char *run)
{
	size_t total = strspn(run, "0123456789");
	if (total < BARE_MIN_DIGITS || total > BARE_MAX_DIGITS || run[0] < '2')
		return 0;
	size_t cc = country_code_len(run);
	const char *const *trunks;
	size_t nsn = total - cc - national_start(run + cc, run, cc, &trunks);
	for (size_t i = 0; i < sizeof bare_plans / sizeof *bare_plans; i++)
		if (strlen(bare_plans[i].cc) == cc && !strncmp(bare_plans[i].cc, run, cc))
			return nsn >= bare_plans[i].min && nsn <= bare_plans[i].max ? cc : 0;
	return 0;
}

bool pd_search_phone_digits(const char *text, pd_phone_query *q)
{
	memset(q, 0, sizeof *q);
	size_t n = 0;
	bool plus = false;
	char d;
	for (const char *c = text; *c;) {
		size_t k = digit_at(c, &d);
		if (k) {
			n++;
			c += k;
			continue;
		}
		if (!strchr(" -.()+/", *c))
			return true;
		/* a + before the first digit: "+33 ...", "(+33) ..." */
		plus |= *c == '+' && !n;
		c++;
	}
	if (n < PHONE_MIN_DIGITS)
		return true;
	char *digits = malloc(n + 1);
	if (!digits)
		return false;
	size_t k = 0;
	for (const char *c = text; *c;) {
		size_t b = digit_at(c, &digits[k]);
		k += b > 0;
		c += b ? b : 1;
	}
	digits[k] = '\0';
	/* 00 is + dialled: 0033 6 12 34 56 78 is found, less its 00,
	 * anywhere in a number on file (+33 6 12 34 56 78). A trunk 0 alone (06 12 34 56 78) says the
	 * number is national: less its 0 it is looked up only at the start of
	 * a number on file, as the document holds one written with its
	 * country code as dialled at home too (pd_search_phone_home), never
	 * inside another (+1 612 345 6789 holds 612345678). */
	size_t lead = digits[0] == '0' && digits[1] == '0' ? 2 : 0;
	if (lead && n - lead >= PHONE_MIN_DIGITS)
		q->local = lead;
	/* North America's trunk is a 1: 1 804 555 0231, dialled long
	 * distance, is the +1 804 ... on file (its digits), and less its 1 the
	 * (804) 555-0231 at the start of a number on file, as a trunk 0's
	 * number is found (an area code never starts with 0 or 1): not the
	 * 930 212 3456 inside another, +49 30 2123 4567's. */
	if (!plus && n == 11 && digits[0] == '1' && digits[1] >= '2' && digits[1] <= '9') {
		q->national = 1;
		q->trunk[0] = "1";
	}
	/* The other way, a number written with its country code (+ or 00:
	 * without either, 33 6 ... may as well be a number of its own, and
	 * every number typed at home would have a foreign reading: 612 555
	 * 0142 is +61 2 555 0142) is the number on file in its home form
	 * less its trunk: +33 6 12 34 56 78 is the 06 12 34 56 78 on file,
	 * +44 1758 555123 the 01758 555 123. */
	size_t intl = plus ? 0 : lead == 2 ? 2 : n;
	size_t cc = intl < n ? country_code_len(digits + intl) : 0;
	if (cc) {
		const char *const *trunks;
		size_t at = intl + cc;
		at += national_start(digits + at, digits + intl, cc, &trunks);
		if (n - at >= PHONE_NATIONAL_MIN_DIGITS) {
			q->national = at;
			q->trunk[0] = trunks[0];
			q->trunk[1] = trunks[1];
		}
	}
	q->digits = digits;
	return true;
}

void pd_phone_query_finish(pd_phone_query *q)
{
	free(q->digits);
	q->digits = NULL;
}

char *pd_search_phone_home(const char *run, bool *none)
{
	*none = true;
	size_t intl = run[0] == '+' ? 1 : run[0] == '0' && run[1] == '0' ? 2 : 0;
	size_t cc = intl ? country_code_len(run + intl) : bare_code_len(run);
	if (!cc)
		return NULL;
	const char *const *trunks;
	const char *national = run + intl + cc;
	national += national_start(national, run + intl, cc, &trunks);
	/* The number's digits, not an extension or a second number after. */
	size_t nl = strspn(national, "0123456789");
	if (nl < PHONE_NATIONAL_MIN_DIGITS)
		return NULL;
	char *home = malloc(2 * (nl + 3) + 1), *o = home;
	if (!home) {
		*none = false;
		return NULL;
	}
	for (int t = 0; t < 2 && trunks[t]; t++) {
		char *line = o + (o > home);
		size_t tl = strlen(trunks[t]);
		memcpy(line, trunks[t], tl);
		memcpy(line + tl, national, nl);
		line[tl + nl] = '\0';
		/* Not where the number on file holds it at a line's start, as
		 * the search reads a line: +1 804 555 0231's 1 804 ... follows
		 * its +; a country without a trunk is looked up without one. */
		if (!tl || !strncmp(run + intl, line, tl + nl))
			continue;
		if (o > home)
			*o = '\n';
		o = line + tl + nl;
	}
	if (o == home) {
		free(home);
		return NULL;
	}
	*o = '\0';
	return home;
}

/* Whether line (up to its end or a newline) starts with the number q
 * reads less its country code, after a trunk or without one. */
static bool national_at(const pd_phone_query *q, const char *line)
{
	const char *national = q->digits + q->national;
	size_t nl = strlen(national);
	if (!strncmp(line, national, nl))
		return true;
	for (int t = 0; t < 2 && q->trunk[t]; t++) {
		size_t tl = strlen(q->trunk[t]);
		if (!strncmp(line, q->trunk[t], tl) && !strncmp(line + tl, national, nl))
			return true;
	}
	return false;
}

bool pd_search_phone_found(const pd_phone_query *q, const char *run, const char *home)
{
	const char *d = q->digits;
	if (strstr(run, d) || (q->local && strstr(run, d + q->local)))
		return true;
	if (home && strstr(home, d))
		return true;
	if (!q->national)
		return false;
	if (national_at(q, run))
		return true;
	for (const char *line = home; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
		if (national_at(q, line))
			return true;
	return false;
}
