/* vCard 4.0 (RFC 6350) of the contact people, one card each, partners in
 * name order: FN and N, ORG (the partner, so a re-import links them back),
 * TITLE, EMAIL and TEL (PREF=1 on the preferred channel's), NOTE, and a
 * UID built from the uids the partner and contact keep for life, so it
 * stays the same from one export to the next, through a rename, and
 * through a backup and its restore. No REV: equal data gives equal bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/content_line.h"
#include "partnerdesk/io/export.h"
#include "partnerdesk/io/progress.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/partner_uid.h"
#include "partnerdesk/model/text.h"

static int row_cmp(const void *a, const void *b)
{
	const pd_partner_row *x = a, *y = b;
	int c = pd_fold_cmp(x->name, y->name);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static bool write_card(FILE *f, const pd_partner_row *p, const char *pkey, const pd_contact *c)
{
	char uid[160];
	snprintf(uid, sizeof uid, "contact-%s-%s@partnerdesk", pkey, c->uid);
	char *org = pd_content_escape(p->name), *given = pd_content_escape(c->name);
	/* N as well as FN. RFC 6350 makes N optional, but Apple Contacts
	 * builds a card's name from N alone and shows one without it by its
	 * ORG (or "No Name"); Outlook takes its name from N; Google Contacts
	 * and Thunderbird fill first and last name from it. partnerdesk keeps
	 * a name whole, as the person writes it: which part is the family name
	 * can't be told from the string ("Kim Min-jun" puts it first, "Rhiannon
	 * ap Gruffydd" and "Ahmed bin Khalid Al-Farsi" hold more than one word
	 * of it, "King, Jr." has a comma that is no "Family, Given"). So the
	 * whole name is the given name and the family name is left empty:
	 * each of them shows it as written, and none is told a wrong family
	 * name. */
	size_t nlen = given ? strlen(given) + 6 : 0;
	char *n = given ? malloc(nlen) : NULL;
	if (!org || !n) {
		free(org);
		free(given);
		free(n);
		return false;
	}
	snprintf(n, nlen, ";%s;;;", given);
	free(given);
	/* The preferred channel, when it is one the card has a value for, as
	 * vCard's own PREF=1 on that EMAIL or TEL: the one each address book
	 * reads (an import reads it back). A visit or a meeting has no place. */
	char pref = 0;
	if (c->channel && c->email && *c->email && pd_fold_cmp(c->channel, "email") == 0)
		pref = 'e';
	else if (c->channel && c->phone && *c->phone && pd_fold_cmp(c->channel, "phone") == 0)
		pref = 'p';
	bool ok = pd_content_line(f, "BEGIN", "VCARD")
	          && pd_content_line(f, "VERSION", "4.0")
	          && pd_content_text(f, "UID", uid)
	          && pd_content_line(f, "KIND", "individual")
	          && pd_content_text(f, "FN", c->name)
	          && pd_content_line(f, "N", n)
	          && pd_content_line(f, "ORG", org)
	          && pd_content_text(f, "TITLE", c->title)
	          && pd_content_text(f, pref == 'e' ? "EMAIL;PREF=1" : "EMAIL", c->email)
	          && pd_content_text(f, pref == 'p' ? "TEL;VALUE=text;PREF=1" : "TEL;VALUE=text", c->phone)
	          && pd_content_text(f, "NOTE", c->notes)
	          && pd_content_line(f, "END", "VCARD");
	free(org);
	free(n);
	return ok;
}

bool pd_vcard_write(pd_db *db, FILE *f, FILE *progress, size_t *items, pd_error *err)
{
	pd_partner_query q = { .sort = PD_SORT_NAME };
	pd_partner_rows rows = { 0 };
	/* Counted first (the export runs in one snapshot, so the count holds)
	 * for an honest done/total: a desk has several people a partner. */
	long total = pd_contact_count(db, err);
	if (total < 0 || !pd_partner_query_run(db, &q, &rows, err))
		return false;
	if (rows.n > 1)   /* an empty desk has no array to sort */
		qsort(rows.v, rows.n, sizeof *rows.v, row_cmp);
	pd_partner_uids keys;
	if (!pd_partner_uids_load(db, &keys, err)) {
		pd_partner_rows_finish(&rows);
		return false;
	}
	pd_progress prog;
	pd_progress_init_unit(&prog, progress, "exporting", "contacts", total, false);
	long done = 0;
	bool ok = true;
	for (size_t i = 0; ok && i < rows.n; i++) {
		pd_contacts cs = { 0 };
		if (!pd_contact_list(db, rows.v[i].id, &cs, err)) {
			ok = false;
			break;
		}
		for (size_t k = 0; ok && k < cs.n; k++)
			if (!write_card(f, &rows.v[i], pd_partner_uid_of(&keys, rows.v[i].id), &cs.v[k]))
				ok = pd_error_set(err, PD_ERR_IO, "writing the vCards failed: %s",
					errno ? strerror(errno) : "a write error");
			else
				pd_progress_step(&prog, ++done);
		pd_contacts_finish(&cs);
	}
	pd_progress_finish(&prog);
	if (items)
		*items = (size_t)done;
	pd_partner_uids_finish(&keys);
	pd_partner_rows_finish(&rows);
	return ok;
}
