/* Partners that are likely the same organisation as another: the same
 * folded name (pd_partner_find_same_name's key), a similar name (the same
 * loose name key, pd_likely_loose_name()), or a website host or an email
 * domain they share, not as different pages of one host. What merge
 * offers first, and what `check` lists. */
#ifndef PARTNERDESK_MODEL_LIKELY_SAME_H
#define PARTNERDESK_MODEL_LIKELY_SAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

/* Why two partners look like one; or-ed together. */
enum {
	PD_LIKELY_NAME = 1,      /* the same name, accents, case and spacing aside */
	PD_LIKELY_WEBSITE = 2,   /* their websites have the same host */
	PD_LIKELY_EMAIL = 4,     /* their emails have the same domain */
	PD_LIKELY_DOMAIN = 8,    /* one's website host is the other's email domain */
	PD_LIKELY_SIMILAR = 16,  /* not the same name, but the same loose name key */
};

/* A domain that many unrelated partners share says nothing: a free-mail
 * provider (gmail.com) or a page on a platform (facebook.com) is not
 * counted, and neither is a domain more than this many partners hold (a
 * city's, a university's, a provider the list does not know). */
#define PD_LIKELY_DOMAIN_MAX 5

typedef struct pd_likely {
	int64_t id;
	unsigned why;            /* PD_LIKELY_* */
	char *name, *stage;
} pd_likely;

typedef struct pd_likely_list {
	pd_likely *v;
	size_t n;
} pd_likely_list;

/* The partners likely the same as partner id, the same-named first, then
 * the similarly named, then by name; at most max. False with err set when the read fails. */
bool pd_partner_likely_same(pd_db *db, int64_t id, size_t max, pd_likely_list *out, pd_error *err);
void pd_likely_list_finish(pd_likely_list *l);

/* The partners likely the same as one of this name, website and email
 * (NULL: none), by the rules of pd_partner_likely_same: an import's row.
 * Only partners whose id is below before (0: any) are listed, so that an
 * import's own earlier rows are not (every partner counts toward how many
 * share a domain all the same). self: the id the row is stored under
 * already (0: not stored), which is not counted again among a domain's
 * holders; before must then be at most self. A
 * domain's partners are counted by an index, no further than
 * PD_LIKELY_DOMAIN_MAX: a file of 100,000 rows on one domain costs each row
 * a few index lookups. False with err set when the read fails. */
bool pd_likely_same_as(pd_db *db, const char *name, const char *website, const char *email,
	int64_t before, int64_t self, size_t max, pd_likely_list *out, pd_error *err);

/* Every pair of likely-same partners, a.id < b.id, by a then b: for
 * `check`. In a pd_likely_list of pairs, v[2i] and v[2i+1] are one pair,
 * both with the pair's why. */
bool pd_partner_likely_pairs(pd_db *db, pd_likely_list *out, pd_error *err);

/* "same name", "same website and email domain", "similar name and same
 * website": why, said in words. */
void pd_likely_why_text(unsigned why, char *out, size_t size);

/* The host of a website, or the domain of an email (email true), as the
 * comparison keys it: lower case, no scheme, path, port or leading
 * "www."; "" when it has none or is shared by unrelated partners
 * (gmail.com, facebook.com). */
void pd_likely_domain(const char *value, bool email, char *out, size_t size);

/* The page of a website on its host, as the comparison keys it: the path,
 * lower case, without a trailing '/', an index.html, index.htm or
 * index.php, a query or a fragment; "" at the site's root or when the page
 * does not fit in size. Two partners whose websites are on one host but on
 * different pages are different organisations that share the host (a
 * council's branch libraries): neither that host nor their email domain
 * makes them likely the same; their name still does. */
void pd_likely_page(const char *website, char *out, size_t size);

/* The loose name key of a name: its name key (pd_name_key: case, accents
 * and spacing aside), word by word, without
 *  - leading articles: the, a, an, y, yr, le, la, les, l', der, die,
 *    das, el, los, las (whole words, and l' before a word: "L'Atelier"),
 *    however many ("The El Paso Museum" is "El Paso Museum");
 *  - trailing legal forms: ltd, limited, inc, llc, plc, cic, cio, cyf,
 *    gmbh, ev (e.V.), sa, sarl;
 *  - the final s of a word longer than three letters, not after another
 *    s (museums, arts; not class, press);
 * with '&' and '+' as "and", "st" (St., St) as "saint", the ASCII
 * punctuation between words as a space, and '.' and the apostrophe within one
 * dropped (e.V. as ev, Mary's as marys). Never fewer than one word: a name
 * that is all article or legal form keeps it. What is not ASCII (Welsh ŵ,
 * Korean, Arabic) is kept as the name key has it. Welsh "a"/"ac" (and) are
 * left as they are: "a" is the English article, and the word after it
 * mutates (Celf a Chrefft, Celf & Crefft), so the two would not meet. A
 * new string, NULL when out of memory. */
char *pd_likely_loose_name(const char *name);

#endif
