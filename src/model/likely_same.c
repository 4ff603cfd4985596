/* Partners likely the same organisation (likely_same.h): the name key the
 * duplicate check of add and import uses, the loose name key of
 * pd_likely_loose_name() (stored where it differs from the name key, by
 * the SQL function pd_loose_key()), and the website host or email domain
 * two partners share, keyed by pd_likely_domain() (also an SQL function,
 * with which partner.c stores each partner's keys), unless their websites
 * are different pages of that host (pd_likely_page()). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/likely_same.h"
#include "partnerdesk/model/text.h"

/* Domains unrelated partners share: free mail, and the platforms a small
 * organisation's "website" is often a page on. Compared whole, after a
 * leading "www." or "m." (m.facebook.com); a subdomain of its own
 * (riverside.wordpress.com) is the organisation's. */
static const char *const shared_domains[] = {
	"gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.ca", "yahoo.fr", "ymail.com",
	"rocketmail.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "outlook.com", "live.com",
	"msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com",
	"pm.me", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "yandex.com", "yandex.ru",
	"mail.ru", "zoho.com", "fastmail.com", "hey.com", "comcast.net", "verizon.net", "att.net",
	"sbcglobal.net", "btinternet.com", "orange.fr", "free.fr", "laposte.net", "qq.com", "163.com",
	"naver.com",
	"facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "linkedin.com",
	"youtube.com", "tiktok.com", "linktr.ee", "sites.google.com", "google.com", "eventbrite.com",
	"meetup.com", "wordpress.com", "wix.com", "squarespace.com", "blogspot.com", "github.io",
	"tumblr.com", "bsky.app",
};

void pd_likely_domain(const char *value, bool email, char *out, size_t size)
{
	if (!size)
		return;
	out[0] = '\0';
	if (!value)
		return;
	const char *s = value;
	while (pd_ascii_isspace((unsigned char)*s))
		s++;
	if (email) {
		const char *at = strrchr(s, '@');
		if (!at)
			return;
		s = at + 1;
	} else {
		const char *scheme = strstr(s, "://");
		if (scheme && scheme - s <= 10)
			s = scheme + 3;
	}
	size_t n = strcspn(s, "/?#:> \t\r\n,;");
	/* a user before the host (ftp://me@host) is not the host */
	if (!email) {
		const char *at = memchr(s, '@', n);
		if (at) {
			n -= (size_t)(at + 1 - s);
			s = at + 1;
		}
	}
	while (n && s[n - 1] == '.')
		n--;
	if (!n || n >= size || !memchr(s, '.', n))
		return;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)pd_ascii_tolower((unsigned char)s[i]);
	out[n] = '\0';
	const char *host = out;
	if (pd_ascii_prefix(host, "www.") && strchr(host + 4, '.'))
		host += 4;
	else if (pd_ascii_prefix(host, "m.") && strchr(host + 2, '.'))
		host += 2;
	for (size_t i = 0; i < sizeof shared_domains / sizeof shared_domains[0]; i++)
		if (strcmp(host, shared_domains[i]) == 0) {
			out[0] = '\0';
			return;
		}
	memmove(out, host, strlen(host) + 1);
}

void pd_likely_page(const char *website, char *out, size_t size)
{
	if (!size)
		return;
	out[0] = '\0';
	if (!website)
		return;
	const char *s = website;
	while (pd_ascii_isspace((unsigned char)*s))
		s++;
	const char *scheme = strstr(s, "://");
	if (scheme && scheme - s <= 10)
		s = scheme + 3;
	/* past the host and any port: only a '/' starts a page */
	s += strcspn(s, "/?#> \t\r\n,;");
	if (*s != '/')
		return;
	size_t n = strcspn(s, "?#> \t\r\n,;");
	/* a page cut short could equal another: none rather than a wrong one */
	if (n >= size)
		return;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)pd_ascii_tolower((unsigned char)s[i]);
	/* the index page of a folder is the folder, however it is written */
	static const char *const index_pages[] = {"/index.html", "/index.htm", "/index.php"};
	for (;;) {
		while (n && out[n - 1] == '/')
			n--;
		size_t was = n;
		for (size_t i = 0; i < sizeof index_pages / sizeof index_pages[0]; i++) {
			size_t k = strlen(index_pages[i]);
			if (n >= k && memcmp(out + n - k, index_pages[i], k) == 0)
				n -= k;
		}
		if (n == was)
			break;
	}
	out[n] = '\0';
}

/* Words a name may start with that do not tell one organisation from
 * another ("The Museum of Cardiff" is "Museum of Cardiff"), and the legal
 * forms a name may end with (a company registered as "... Cyf" is still
 * called "..." on a staff member's sheet). Whole words, as the loose key
 * splits them: "e.V." is "ev". */
static const char *const articles[] = {
	"the", "a", "an", "y", "yr", "le", "la", "les", "l'", "der", "die", "das", "el", "los", "las",
};
static const char *const legal_forms[] = {
	"ltd", "limited", "inc", "llc", "plc", "cic", "cio", "cyf", "gmbh", "ev", "sa", "sarl",
};

static bool word_in(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(list[i]) == n && memcmp(w, list[i], n) == 0)
			return true;
	return false;
}

char *pd_likely_loose_name(const char *name)
{
	char *key = pd_name_key(name);
	if (!key)
		return NULL;
	size_t n = strlen(key);
	/* Each word copied out once, '&' grown to "and" (3 bytes for 1) at
	 * most; their starts and lengths beside. */
	char *words = malloc(3 * n + 1);
	size_t *start = malloc((n + 1) * sizeof *start), *len = malloc((n + 1) * sizeof *len);
	char *out = malloc(5 * n + 2);   /* "st" as "saint": 5 bytes for 2, a space each */
	if (!words || !start || !len || !out) {
		free(words);
		free(start);
		free(len);
		free(out);
		free(key);
		return NULL;
	}
	size_t w = 0, nw = 0;
	bool in_word = false;
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)key[i];
		bool letter = c >= 0x80 || pd_ascii_isalnum(c);
		if (letter) {
			if (!in_word) {
				start[nw] = w;
				len[nw] = 0;
				in_word = true;
			}
			words[w++] = (char)c;
			len[nw]++;
			continue;
		}
		/* l' before a word is an article of its own (L'Atelier) */
		if (c == '\'' && in_word && len[nw] == 1 && words[start[nw]] == 'l') {
			words[w++] = '\'';
			len[nw++]++;
			in_word = false;
			continue;
		}
		/* within a word: e.V., St., Mary's */
		if (c == '.' || c == '\'')
			continue;
		if (in_word) {
			nw++;
			in_word = false;
		}
		if (c == '&' || c == '+') {
			start[nw] = w;
			len[nw++] = 3;
			memcpy(words + w, "and", 3);
			w += 3;
		}
	}
	/* Every leading article: "The El Paso Museum of Art" is "El Paso
	 * Museum of Art", whose key drops its El; dropping one only left the
	 * two apart. */
	size_t first = 0, last = nw;
	while (last - first > 1 && word_in(words + start[first], len[first], articles,
	                                   sizeof articles / sizeof *articles))
		first++;
	while (last - first > 1 && word_in(words + start[last - 1], len[last - 1], legal_forms,
	                                   sizeof legal_forms / sizeof *legal_forms))
		last--;
	size_t o = 0;
	for (size_t i = first; i < last; i++) {
		const char *word = words + start[i];
		size_t k = len[i];
		if (o)
			out[o++] = ' ';
		if (k == 2 && memcmp(word, "st", 2) == 0) {
			memcpy(out + o, "saint", 5);
			o += 5;
			continue;
		}
		/* a plural: museums, arts; class and press are no plurals */
		if (pd_utf8_chars_n(word, k) > 3 && word[k - 1] == 's' && word[k - 2] != 's')
			k--;
		memcpy(out + o, word, k);
		o += k;
	}
	out[o] = '\0';
	free(words);
	free(start);
	free(len);
	/* Nothing left that is a word ("!!!"): the name key itself. */
	if (!o) {
		free(out);
		return key;
	}
	free(key);
	return out;
}

/* pd_loose_key(name): pd_likely_loose_name(name) where it is not the name
 * key itself, else NULL. Most names have no article, legal form or plural
 * to drop: their loose key is their name_fold, already stored and indexed,
 * and storing it twice would cost every partner its bytes again. */
static void fn_loose_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *v = (const char *)sqlite3_value_text(argv[0]);
	char *loose = pd_likely_loose_name(v ? v : "");
	char *key = pd_name_key(v ? v : "");
	if (!loose || !key) {
		free(loose);
		free(key);
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (strcmp(loose, key) == 0) {
		free(loose);
		sqlite3_result_null(ctx);
	} else {
		sqlite3_result_text(ctx, loose, -1, free);
	}
	free(key);
}

/* pd_likely_domain(value, is_email): its key, or NULL when it has none. */
static void fn_likely_domain(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *v = (const char *)sqlite3_value_text(argv[0]);
	char key[256];
	pd_likely_domain(v, sqlite3_value_int(argv[1]) != 0, key, sizeof key);
	if (key[0])
		sqlite3_result_text(ctx, key, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

/* pd_likely_page(website): its page, or NULL at the site's root. A page
 * is never longer than the value it is in. */
static void fn_likely_page(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *v = (const char *)sqlite3_value_text(argv[0]);
	if (!v) {
		sqlite3_result_null(ctx);
		return;
	}
	size_t size = (size_t)sqlite3_value_bytes(argv[0]) + 1;
	char *page = malloc(size);
	if (!page) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	pd_likely_page(v, page, size);
	if (page[0])
		sqlite3_result_text(ctx, page, -1, free);
	else {
		free(page);
		sqlite3_result_null(ctx);
	}
}

bool pd_likely_register(pd_db *db)
{
	return sqlite3_create_function(db->h, "pd_likely_domain", 2,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, fn_likely_domain,
		NULL, NULL) == SQLITE_OK
		&& sqlite3_create_function(db->h, "pd_likely_page", 1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, fn_likely_page,
		NULL, NULL) == SQLITE_OK
		&& sqlite3_create_function(db->h, "pd_loose_key", 1,
		SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL, fn_loose_key,
		NULL, NULL) == SQLITE_OK;
}

/* A domain both hold as website or both as email says it already. */
static unsigned tidy(unsigned why)
{
	return why & (PD_LIKELY_WEBSITE | PD_LIKELY_EMAIL) ? why & ~(unsigned)PD_LIKELY_DOMAIN : why;
}

void pd_likely_why_text(unsigned why, char *out, size_t size)
{
	static const struct {
		unsigned bit;
		const char *words;
	} says[] = {
		{PD_LIKELY_NAME, "name"}, {PD_LIKELY_WEBSITE, "website"},
		{PD_LIKELY_EMAIL, "email domain"}, {PD_LIKELY_DOMAIN, "web/email domain"},
	};
	size_t o = 0;
	if (size)
		out[0] = '\0';
	/* a similar name is not the same: said first, on its own */
	if (why & PD_LIKELY_SIMILAR && size) {
		int w = snprintf(out, size, "similar name");
		o = w > 0 ? (size_t)w : 0;
	}
	bool same = false;
	for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
		if (!(why & says[i].bit) || o >= size)
			continue;
		int w = snprintf(out + o, size - o, "%s%s", same ? " and " : o ? " and same " : "same ",
			says[i].words);
		o += w > 0 ? (size_t)w : 0;
		same = true;
	}
}

void pd_likely_list_finish(pd_likely_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].stage);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* The partner's name key, loose name key (as stored: its name key where
 * none is), domain keys and page ("" none). */
static bool keys_of(pd_db *db, int64_t id, char **name_fold, char **loose, char *site, char *mail,
	char **page, size_t size, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT name_fold, website, email, coalesce(loose_key, name_fold) "
		"FROM partners WHERE id = ?1", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	bool ok = rc == SQLITE_ROW;
	if (ok) {
		*name_fold = pd_col_str(st, 0);
		*loose = pd_col_str(st, 3);
		pd_likely_domain((const char *)sqlite3_column_text(st, 1), false, site, size);
		pd_likely_domain((const char *)sqlite3_column_text(st, 2), true, mail, size);
		const char *website = (const char *)sqlite3_column_text(st, 1);
		size_t page_size = website ? strlen(website) + 1 : 1;
		*page = malloc(page_size);
		if (*page)
			pd_likely_page(website, *page, page_size);
		if (!*name_fold || !*loose || !*page) {
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			ok = false;
		}
	} else if (rc == SQLITE_DONE) {
		pd_error_set(err, PD_ERR_NOTFOUND, "partner #%lld is not in the database (deleted or merged)",
			(long long)id);
	} else {
		pd_db_fail(db, err, "reading a partner");
	}
	pd_stmt_done(db, st);
	return ok;
}

/* One query: the same-named from the name index, the similarly named
 * (the same loose key ?6, stored as loose_key where it is not the name
 * key, migration 16) from the loose key's index and the name index, the
 * same website host or email domain from the indexes of the keys stored
 * with each partner (partner.c writes them, migration 13 made them), and
 * whether the row's website is another page than this one's on the same
 * host (computed on these few rows only). With no domain of its own, the
 * name indexes alone. */
static const char same_name_sql[] =
	"SELECT id, name, stage, name_fold = ?2, NULL, NULL, 0, coalesce(loose_key, name_fold) = ?6"
	" FROM partners WHERE id <> ?1 AND (name_fold = ?2 OR name_fold = ?6 OR loose_key = ?6)"
	" ORDER BY name_fold = ?2 DESC, coalesce(loose_key, name_fold) = ?6 DESC, sort_key, id";
static const char same_any_sql[] =
	"SELECT id, name, stage, name_fold = ?2, website_key, email_key,"
	" website_key = ?3 AND pd_likely_page(website) <> ?5, coalesce(loose_key, name_fold) = ?6"
	" FROM partners WHERE id <> ?1 AND (name_fold = ?2 OR name_fold = ?6 OR loose_key = ?6"
	" OR website_key IN (?3, ?4) OR email_key IN (?3, ?4))"
	" ORDER BY name_fold = ?2 DESC, coalesce(loose_key, name_fold) = ?6 DESC, sort_key, id";

/* The same for a partner not stored yet: those made before id ?1. The
 * candidates come from each key's own index, named, and the partners are
 * read by id from them (CROSS JOIN keeps that order, NOT INDEXED leaves the
 * rowid the only way in): during an import the
 * table's statistics are the desk's before it (three partners, say), and
 * the planner took a scan of the whole table, growing with each row added,
 * for the cheaper plan (20,000 rows into a desk of three: 12.7 s, not 1.5). */
#define PD_BEFORE_CANDIDATES(domains) \
	"(SELECT id AS k FROM partners INDEXED BY partners_by_name WHERE name_fold IN (?2, ?6)" \
	" UNION SELECT id FROM partners INDEXED BY partners_by_loose_key WHERE loose_key = ?6" \
	domains ") AS m CROSS JOIN partners NOT INDEXED ON partners.id = m.k WHERE m.k < ?1"
static const char before_name_sql[] =
	"SELECT id, name, stage, name_fold = ?2, NULL, NULL, 0, coalesce(loose_key, name_fold) = ?6"
	" FROM " PD_BEFORE_CANDIDATES("")
	" ORDER BY name_fold = ?2 DESC, coalesce(loose_key, name_fold) = ?6 DESC, sort_key, id";
static const char before_any_sql[] =
	"SELECT id, name, stage, name_fold = ?2, website_key, email_key,"
	" website_key = ?3 AND pd_likely_page(website) <> ?5, coalesce(loose_key, name_fold) = ?6"
	" FROM " PD_BEFORE_CANDIDATES(
	" UNION SELECT id FROM partners INDEXED BY partners_by_website_key WHERE website_key IN (?3, ?4)"
	" UNION SELECT id FROM partners INDEXED BY partners_by_email_key WHERE email_key IN (?3, ?4)")
	" ORDER BY name_fold = ?2 DESC, coalesce(loose_key, name_fold) = ?6 DESC, sort_key, id";

/* What a row holds of this partner's keys, while they are read. */
enum {
	NAME_HELD = 1, SITE_IN_SITE = 2, SITE_IN_MAIL = 4, MAIL_IN_SITE = 8, MAIL_IN_MAIL = 16,
	LOOSE_HELD = 32,
};

static bool same_key(const char *a, const char *b)
{
	return a && b && b[0] && strcmp(a, b) == 0;
}

/* The rows of st (same_any_sql's or same_name_sql's columns), each with
 * what it holds of site and mail, into out; *n_site and *n_mail: how
 * many rows hold each key. */
static bool read_matches(pd_db *db, sqlite3_stmt *st, const char *site, const char *mail,
	size_t *n_site, size_t *n_mail, pd_likely_list *out, pd_error *err)
{
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *ws = (const char *)sqlite3_column_text(st, 4);
		const char *em = (const char *)sqlite3_column_text(st, 5);
		/* which stored value holds which key: the why once the
		 * keys that count are known */
		unsigned held = (sqlite3_column_int(st, 3) ? NAME_HELD : 0)
			| (sqlite3_column_int(st, 7) ? LOOSE_HELD : 0)
			| (same_key(ws, site) ? SITE_IN_SITE : 0) | (same_key(em, site) ? SITE_IN_MAIL : 0)
			| (same_key(ws, mail) ? MAIL_IN_SITE : 0) | (same_key(em, mail) ? MAIL_IN_MAIL : 0);
		*n_site += (held & (SITE_IN_SITE | SITE_IN_MAIL)) != 0;
		*n_mail += (held & (MAIL_IN_SITE | MAIL_IN_MAIL)) != 0;
		pd_likely *l = pd_row_add(&out->v, &out->n, &cap, sizeof *out->v, 8);
		if (!l || !pd_col_copy(st, 1, &l->name) || !pd_col_copy(st, 2, &l->stage))
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		l->id = sqlite3_column_int64(st, 0);
		/* Two pages of one host are two organisations that share it
		 * (a council's branch libraries, a city's departments): its
		 * domain says nothing of them, their name still does. They
		 * were counted above all the same: they hold the domain. */
		l->why = sqlite3_column_int(st, 6) ? held & (NAME_HELD | LOOSE_HELD) : held;
	}
	return rc == SQLITE_DONE || pd_db_fail(db, err, "finding partners likely the same");
}

/* The rows read_matches() kept, their why in PD_LIKELY_* words, the keys
 * that do not count (counts: which held bits do) and those past max
 * dropped. */
static void keep_matches(pd_likely_list *out, unsigned counts, size_t max)
{
	size_t kept = 0;
	for (size_t i = 0; i < out->n; i++) {
		pd_likely *l = &out->v[i];
		unsigned held = l->why & counts;
		/* the same name says it already: a similar name only where not */
		l->why = (held & NAME_HELD ? PD_LIKELY_NAME : held & LOOSE_HELD ? PD_LIKELY_SIMILAR : 0)
			| (held & SITE_IN_SITE ? PD_LIKELY_WEBSITE : 0)
			| (held & MAIL_IN_MAIL ? PD_LIKELY_EMAIL : 0)
			| (held & (SITE_IN_MAIL | MAIL_IN_SITE) ? PD_LIKELY_DOMAIN : 0);
		l->why = tidy(l->why);
		if (!l->why || kept >= max) {
			free(l->name);
			free(l->stage);
			continue;
		}
		out->v[kept++] = *l;
	}
	out->n = kept;
}

/* A domain more partners hold than one organisation would (the one asked
 * about counted) tells them apart no better than gmail.com does. */
static unsigned counting(size_t n_site, size_t n_mail)
{
	return (n_site + 1 <= PD_LIKELY_DOMAIN_MAX ? SITE_IN_SITE | SITE_IN_MAIL : 0)
		| (n_mail + 1 <= PD_LIKELY_DOMAIN_MAX ? MAIL_IN_SITE | MAIL_IN_MAIL : 0) | NAME_HELD | LOOSE_HELD;
}

/* Runs sql (the same_* or before_* statements: ?1 the id, ?2 the name
 * key, ?6 the loose key, and with a domain ?3 site, ?4 mail, ?5 page) and
 * keeps the matches that count: by *counts where the holders of each key
 * were counted already, else by how many rows held them. */
static bool query_matches(pd_db *db, const char *sql, int64_t id, const char *name_fold, const char *loose,
	const char *site, const char *mail, const char *page, const unsigned *counts, size_t max,
	pd_likely_list *out, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	pd_bind_text(st, 2, name_fold);
	pd_bind_text(st, 6, loose);
	if (site[0] || mail[0]) {
		pd_bind_text_or_null(st, 3, site);
		pd_bind_text_or_null(st, 4, mail);
		pd_bind_text_or_null(st, 5, page);
	}
	size_t n_site = 0, n_mail = 0;
	bool ok = read_matches(db, st, site, mail, &n_site, &n_mail, out, err);
	pd_stmt_done(db, st);
	if (ok)
		keep_matches(out, counts ? *counts : counting(n_site, n_mail), max);
	return ok;
}

bool pd_partner_likely_same(pd_db *db, int64_t id, size_t max, pd_likely_list *out, pd_error *err)
{
	out->v = NULL;
	out->n = 0;
	char site[256], mail[256];
	char *name_fold = NULL, *loose = NULL, *page = NULL;
	if (!keys_of(db, id, &name_fold, &loose, site, mail, &page, sizeof site, err)) {
		free(name_fold);
		free(loose);
		free(page);
		return false;
	}
	bool ok = query_matches(db, site[0] || mail[0] ? same_any_sql : same_name_sql, id, name_fold, loose,
	                        site, mail, page, NULL, max, out, err);
	free(name_fold);
	free(loose);
	free(page);
	if (!ok)
		pd_likely_list_finish(out);
	return ok;
}

/* How many partners other than self hold key as website or email key,
 * counted no further than the most that still counts: an indexed look at
 * a few rows, however many hold it (an import of 100,000 rows on one
 * domain). */
static bool domain_holders(pd_db *db, const char *key, int64_t self, size_t *n, pd_error *err)
{
	*n = 0;
	if (!key[0])
		return true;
	/* Each column on its own, no further than the most that counts: a
	 * partner holding it in both is counted once, below. */
	int64_t ids[2 * PD_LIKELY_DOMAIN_MAX];
	size_t k = 0;
	/* Named indexes: during an import the table's statistics are those of
	 * the desk before it (three partners, say), and the planner then
	 * takes a scan of the whole table, growing with every row added, for
	 * the cheaper plan (20,000 rows into a desk of three: 12.7 s, not 1.5). */
	static const char *const sql[2] = {
		"SELECT id FROM partners INDEXED BY partners_by_website_key WHERE website_key = ?1 AND id <> ?3 LIMIT ?2",
		"SELECT id FROM partners INDEXED BY partners_by_email_key WHERE email_key = ?1 AND id <> ?3 LIMIT ?2",
	};
	for (size_t q = 0; q < 2; q++) {
		sqlite3_stmt *st = pd_stmt(db, sql[q], err);
		if (!st)
			return false;
		pd_bind_text(st, 1, key);
		sqlite3_bind_int(st, 2, PD_LIKELY_DOMAIN_MAX);
		sqlite3_bind_int64(st, 3, self);
		int rc;
		size_t from = k;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);
			bool seen = false;
			for (size_t i = 0; i < from && !seen; i++)
				seen = ids[i] == id;
			if (!seen)
				ids[k++] = id;
		}
		pd_stmt_done(db, st);
		if (rc != SQLITE_DONE)
			return pd_db_fail(db, err, "finding partners likely the same");
	}
	*n = k;
	return true;
}

bool pd_likely_same_as(pd_db *db, const char *name, const char *website, const char *email,
	int64_t before, int64_t self, size_t max, pd_likely_list *out, pd_error *err)
{
	out->v = NULL;
	out->n = 0;
	if (before > 0) {
		/* Nothing before it (an import into a new desk): nothing to look
		 * up, one seek of the rowid instead of a lookup per key. */
		sqlite3_stmt *st = pd_stmt(db, "SELECT 1 FROM partners NOT INDEXED WHERE id < ?1 LIMIT 1", err);
		if (!st)
			return false;
		sqlite3_bind_int64(st, 1, before);
		int rc = sqlite3_step(st);
		pd_stmt_done(db, st);
		if (rc == SQLITE_DONE)
			return true;
		if (rc != SQLITE_ROW)
			return pd_db_fail(db, err, "finding partners likely the same");
	}
	char site[256], mail[256];
	pd_likely_domain(website, false, site, sizeof site);
	pd_likely_domain(email, true, mail, sizeof mail);
	/* The partner asked about is counted once, by counting(): an
	 * import's row, stored before it is looked at, is not one of the
	 * others that hold its domain (four desk partners and the row are
	 * five, as check counts them, not six). */
	size_t n_site = 0, n_mail = 0;
	if (!domain_holders(db, site, self, &n_site, err) || !domain_holders(db, mail, self, &n_mail, err))
		return false;
	unsigned counts = counting(n_site, n_mail);
	/* A key that does not count is not looked for: its partners are many. */
	if (!(counts & SITE_IN_SITE))
		site[0] = '\0';
	if (!(counts & MAIL_IN_MAIL))
		mail[0] = '\0';
	char *name_fold = pd_name_key(name ? name : "");
	char *loose = pd_likely_loose_name(name ? name : "");
	size_t page_size = website ? strlen(website) + 1 : 1;
	char *page = malloc(page_size);
	if (!name_fold || !loose || !page) {
		free(name_fold);
		free(loose);
		free(page);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	pd_likely_page(website, page, page_size);
	bool ok = query_matches(db, site[0] || mail[0] ? before_any_sql : before_name_sql,
	                        before > 0 ? before : INT64_MAX, name_fold, loose, site, mail, page, &counts,
	                        max, out, err);
	free(name_fold);
	free(loose);
	free(page);
	if (!ok)
		pd_likely_list_finish(out);
	return ok;
}

/* For check, once: every stored website and email key (from their
 * indexes), the keys few partners hold paired up, the same-named from
 * the name index, and the similarly named: two that both store a loose
 * key (its index) and are not the same-named, and one that stores a loose
 * key with one whose name key is it (the name index). A pair by domain
 * whose websites are different pages of one host is dropped last, its
 * pages computed on those few pairs only. */
static const char pairs_sql[] =
	"WITH k(id, key, site) AS MATERIALIZED ("
	"  SELECT id, website_key, 1 FROM partners WHERE website_key IS NOT NULL"
	"  UNION ALL SELECT id, email_key, 0 FROM partners WHERE email_key IS NOT NULL),"
	" few(key) AS (SELECT key FROM k GROUP BY key"
	"  HAVING count(DISTINCT id) BETWEEN 2 AND ?1),"
	" pairs(a, b, why) AS ("
	"  SELECT x.id, y.id, CASE WHEN x.site AND y.site THEN 2 WHEN x.site OR y.site THEN 8 ELSE 4 END"
	"  FROM k x JOIN k y ON y.key = x.key AND y.id > x.id WHERE x.key IN few"
	"  UNION ALL SELECT x.id, y.id, 1 FROM partners x JOIN partners y"
	"  ON y.name_fold = x.name_fold AND y.id > x.id"
	"  UNION ALL SELECT x.id, y.id, 16 FROM partners x JOIN partners y"
	"  ON y.loose_key = x.loose_key AND y.id > x.id"
	"  WHERE x.loose_key IS NOT NULL AND y.name_fold <> x.name_fold"
	"  UNION ALL SELECT min(x.id, y.id), max(x.id, y.id), 16 FROM partners x JOIN partners y"
	"  ON y.name_fold = x.loose_key WHERE x.loose_key IS NOT NULL AND y.loose_key IS NULL)"
	"SELECT a, pa.name, pa.stage, b, pb.name, pb.stage, why FROM pairs"
	" JOIN partners pa ON pa.id = a JOIN partners pb ON pb.id = b"
	" WHERE why IN (1, 16) OR NOT coalesce(pa.website_key = pb.website_key"
	"  AND pd_likely_page(pa.website) <> pd_likely_page(pb.website), 0)"
	" ORDER BY a, b";

bool pd_partner_likely_pairs(pd_db *db, pd_likely_list *out, pd_error *err)
{
	out->v = NULL;
	out->n = 0;
	sqlite3_stmt *st = pd_stmt(db, pairs_sql, err);
	if (!st)
		return false;
	sqlite3_bind_int(st, 1, PD_LIKELY_DOMAIN_MAX);
	size_t cap = 0;
	int rc;
	bool ok = true;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t a = sqlite3_column_int64(st, 0), b = sqlite3_column_int64(st, 3);
		unsigned why = (unsigned)sqlite3_column_int(st, 6);
		/* one pair, one line: its reasons together */
		if (out->n >= 2 && out->v[out->n - 2].id == a && out->v[out->n - 1].id == b) {
			out->v[out->n - 2].why = out->v[out->n - 1].why = tidy(out->v[out->n - 1].why | why);
			continue;
		}
		for (int side = 0; side < 2; side++) {
			pd_likely *l = pd_row_add(&out->v, &out->n, &cap, sizeof *out->v, 16);
			if (!l || !pd_col_copy(st, 3 * side + 1, &l->name) || !pd_col_copy(st, 3 * side + 2, &l->stage)) {
				ok = false;
				break;
			}
			l->id = side ? b : a;
			l->why = why;
		}
		if (!ok)
			break;
	}
	if (!ok)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	else if (rc != SQLITE_DONE)
		ok = pd_db_fail(db, err, "finding partners likely the same");
	pd_stmt_done(db, st);
	if (!ok)
		pd_likely_list_finish(out);
	return ok;
}
