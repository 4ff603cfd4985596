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
 * usefully). Any number of parts: migrations before 15 made documents of
 * four, and refold a stored document as one. */
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
	if (!folded) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, folded, -1, free);
}

bool pd_search_register(pd_db *db)
{
	return sqlite3_create_function(db->h, "pd_search_doc", -1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, fn_search_doc,
		NULL, NULL) == SQLITE_OK;
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

/* How many digits the country code at the start of an international
 * number takes (ITU-T E.164): 1 and 7 alone, the two-digit codes below,
 * three digits for the rest. */
static size_t country_code_len(const char *d)
{
	if (d[0] == '1' || d[0] == '7')
		return 1;
	static const char two[][3] = { "20", "27", "30", "31", "32", "33", "34", "36", "39", "40",
		"41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57",
		"58", "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92",
		"93", "94", "95", "98" };
	for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
		if (two[i][0] == d[0] && two[i][1] == d[1])
			return 2;
	return 3;
}

bool pd_search_phone_digits(const char *text, char **digits, size_t *local)
{
	*digits = NULL;
	*local = 0;
	size_t n = 0;
	for (const char *c = text; *c; c++) {
		if (*c >= '0' && *c <= '9')
			n++;
		else if (!strchr(" -.()+/", *c))
			return true;
	}
	if (n < PHONE_MIN_DIGITS)
		return true;
	char *d = malloc(n + 1);
	if (!d)
		return false;
	size_t k = 0;
	for (const char *c = text; *c; c++)
		if (*c >= '0' && *c <= '9')
			d[k++] = *c;
	d[k] = '\0';
	/* A number dialled at home drops its country code for a trunk 0:
	 * 06 12 34 56 78 on the display is the +33 6 12 34 56 78 on file,
	 * 01758 555123 the +44 1758 555123. Without them it is found inside
	 * the international digits. */
	size_t lead = d[0] == '0' && d[1] != '0' ? 1 : 0;
	/* The other way round, a phone shows the caller as +44 1492 640000
	 * (or 0044 ..., 00 being + dialled) where the desk has 01492 640 000,
	 * and +1 804-555-0231 or 1 804 555 0231 where it has (804) 555-0231:
	 * the number past its country code is found inside either. */
	const char *t = text;
	while (*t == ' ')
		t++;
	if (*t == '+' || (d[0] == '0' && d[1] == '0'))
		lead = (*t == '+' ? 0 : 2) + country_code_len(d + (*t == '+' ? 0 : 2));
	else if (d[0] == '1' && n == 11)
		lead = 1;   /* the North American 1 dialled before the area code */
	if (lead && n - lead >= PHONE_MIN_DIGITS)
		*local = lead;
	*digits = d;
	return true;
}
