/* The search index: one folded document per partner in an FTS5 trigram
 * table (name; kind, tags, contact names, interaction text, notes,
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

bool pd_search_flush(pd_db *db, pd_error *err)
{
	if (!db->n_search_dirty)
		return true;
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

/* pd_phone_digits(phone): the phone as the search document holds it run
 * together beside it as written, NULL where that is what is written. For
 * a phone in ASCII it is what schema 17's SQL made (the spaces, dashes,
 * dots and brackets taken out); since 18 the digits of other scripts are
 * ASCII in it too, and it is made from the folded phone, so that a
 * no-break or ideographic space is a space. */
static void fn_phone_digits(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *phone = (const char *)sqlite3_value_text(argv[0]);
	if (!phone) {
		sqlite3_result_null(ctx);
		return;
	}
	char *folded = pd_fold(phone);
	char *run = folded ? pd_search_phone_run(folded) : NULL;
	if (!run) {
		free(folded);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	bool same = strcmp(run, folded) == 0;
	free(folded);
	if (same) {
		free(run);
		sqlite3_result_null(ctx);
	} else {
		sqlite3_result_text(ctx, run, -1, free);
	}
}

bool pd_search_register(pd_db *db)
{
	return sqlite3_create_function(db->h, "pd_search_doc", -1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, fn_search_doc,
		NULL, NULL) == SQLITE_OK &&
	       sqlite3_create_function(db->h, "pd_phone_digits", 1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, fn_phone_digits,
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

/* What is dialled at home before the number less its country code
 * (cc, len digits): 0 in most countries; 1 in North America, 8 in Russia
 * and Kazakhstan, 06 in Hungary. A country that dials none (Spain,
 * Italy, whose 0 is part of the number, Denmark, Norway) is looked up
 * without one as well. */
static const char *trunk_of(const char *cc, size_t len)
{
	if (len == 1)
		return cc[0] == '1' ? "1" : "8";
	if (len == 2 && cc[0] == '3' && cc[1] == '6')
		return "06";
	return "0";
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
	/* A number dialled at home drops its country code for a trunk 0:
	 * 06 12 34 56 78 on the display is the +33 6 12 34 56 78 on file,
	 * 01758 555123 the +44 1758 555123; and 00 is + dialled. Without
	 * them it is found inside the international digits. */
	size_t lead = digits[0] == '0' ? (digits[1] == '0' ? 2 : 1) : 0;
	if (lead && n - lead >= PHONE_MIN_DIGITS)
		q->local = lead;
	/* North America's trunk is a 1: 1 804 555 0231, dialled long
	 * distance, is the (804) 555-0231 on file, and the +1 804 ... (an
	 * area code never starts with 0 or 1). */
	if (!plus && n == 11 && digits[0] == '1' && digits[1] >= '2' && digits[1] <= '9')
		q->local = 1;
	/* The other way, a number written with its country code (+ or 00:
	 * without either, 33 6 ... may as well be a number of its own) is
	 * the number on file in its home form less its trunk: +33 6 12 34
	 * 56 78 is the 06 12 34 56 78 on file, +44 1758 555123 the 01758
	 * 555 123. */
	size_t intl = plus ? 0 : lead == 2 ? 2 : n;
	size_t cc = intl < n ? country_code_len(digits + intl) : 0;
	if (cc && n - intl - cc >= PHONE_NATIONAL_MIN_DIGITS) {
		q->national = intl + cc;
		q->trunk = trunk_of(digits + intl, cc);
	}
	q->digits = digits;
	return true;
}

void pd_phone_query_finish(pd_phone_query *q)
{
	free(q->digits);
	q->digits = NULL;
}

bool pd_search_phone_national_at(const pd_phone_query *q, const char *run)
{
	if (!q->national)
		return false;
	const char *national = q->digits + q->national;
	size_t tl = strlen(q->trunk), nl = strlen(national);
	return !strncmp(run, national, nl) ||
	       (!strncmp(run, q->trunk, tl) && !strncmp(run + tl, national, nl));
}
