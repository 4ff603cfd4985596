/* The person a list filter's text names, for the log form's With: the
 * librarian on the phone filters by the caller's name or number, and the
 * call is with that person, not "(none)". The text is read as the search
 * reads it (partner.c, search.c), so the person found is the one who made
 * the partner match. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/contact_match.h"
#include "partnerdesk/model/text.h"

/* The filter's text, folded once for every person asked. */
typedef struct filter_key {
	char *key;            /* pd_name_key(text) */
	char **words;         /* its words */
	size_t n_words;
	pd_phone_query phone; /* its digits NULL when it is not a number */
	bool long_enough;     /* 3 characters or more: may name an address */
	bool whole_address;   /* something@: read against the whole address */
} filter_key;

static void filter_key_finish(filter_key *k)
{
	free(k->key);
	free(k->words);
	pd_phone_query_finish(&k->phone);
}

static bool filter_key_make(filter_key *k, const char *text)
{
	memset(k, 0, sizeof *k);
	k->key = pd_name_key(text);
	if (!k->key)
		return false;
	/* The words point into a copy cut at its spaces (the key has single
	 * spaces only, no leading or trailing one). */
	size_t len = strlen(k->key), n = 1;
	for (const char *c = k->key; *c; c++)
		n += *c == ' ';
	k->words = malloc(n * sizeof *k->words + len + 1);
	if (!k->words)
		return false;
	char *cut = (char *)(k->words + n);
	memcpy(cut, k->key, len + 1);
	if (*cut) {
		k->words[k->n_words++] = cut;
		for (char *c = cut; *c; c++)
			if (*c == ' ') {
				*c = '\0';
				k->words[k->n_words++] = c + 1;
			}
	}
	k->long_enough = pd_utf8_chars(k->key) >= 3;
	const char *at = strchr(k->key, '@');
	k->whole_address = at && at > k->key;
	return pd_search_phone_digits(k->key, &k->phone);
}

static bool by_name(const filter_key *k, const char *name_key)
{
	for (size_t i = 0; i < k->n_words; i++)
		if (!strstr(name_key, k->words[i]))
			return false;
	return k->n_words > 0;
}

/* As the search document holds a person's phone: as written, run
 * together (pd_search_phone_run) and, written with its country code, as
 * dialled at home, all folded. */
static int by_phone(const filter_key *k, const char *phone_key)
{
	if (strstr(phone_key, k->key))
		return 1;
	char *run = pd_search_phone_run(phone_key);
	if (!run)
		return -1;
	bool none;
	char *home = pd_search_phone_home(run, &none);
	int hit = home || none ? pd_search_phone_found(&k->phone, run, home) : -1;
	free(home);
	free(run);
	return hit;
}

/* The domain is the partner's, everyone's there: "museo" typed for
 * Museo de la Herencia Latina found the one person of it with an address
 * (grios@museolatino...), and the call, likely with another, started at
 * her. So text names a person by the part of the address before the @,
 * or by the whole address when text holds an @ after something. */
static bool by_email(const filter_key *k, char *email_key)
{
	char *at = k->whole_address ? NULL : strrchr(email_key, '@');
	if (at)
		*at = '\0';
	return strstr(email_key, k->key) != NULL;
}

/* 1 when the person is named, 0 when not, -1 when out of memory. */
static int names(const filter_key *k, const char *name, const char *phone, const char *email)
{
	int hit = 0;
	const char *const fields[] = {name, phone, email};
	for (int f = 0; f < 3 && !hit; f++) {
		if (!fields[f] || !*fields[f] || (f == 2 && !k->long_enough) || (f == 1 && !k->phone.digits))
			continue;
		char *key = pd_name_key(fields[f]);
		if (!key)
			return -1;
		hit = f == 0 ? by_name(k, key) : f == 1 ? by_phone(k, key) : by_email(k, key);
		free(key);
	}
	return hit;
}

bool pd_contact_matching_filter(pd_db *db, int64_t partner_id, const char *text,
	int64_t *contact_id, pd_error *err)
{
	*contact_id = 0;
	if (!text || pd_blank(text))
		return true;
	filter_key k;
	if (!filter_key_make(&k, text)) {
		filter_key_finish(&k);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	sqlite3_stmt *st = pd_stmt(db, "SELECT id, name, phone, email FROM contacts "
		"WHERE partner_id = ?1 ORDER BY id", err);
	if (!st) {
		filter_key_finish(&k);
		return false;
	}
	sqlite3_bind_int64(st, 1, partner_id);
	int64_t found = 0;
	int rc = SQLITE_DONE, hit = 0;
	bool several = false;
	while (!several && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		hit = names(&k, (const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3));
		if (hit < 0)
			break;
		if (hit && found)
			several = true;
		else if (hit)
			found = sqlite3_column_int64(st, 0);
	}
	pd_stmt_done(db, st);
	filter_key_finish(&k);
	if (hit < 0)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	if (!several && rc != SQLITE_DONE)
		return pd_db_fail(db, err, "finding the person the filter names");
	*contact_id = several ? 0 : found;
	return true;
}
