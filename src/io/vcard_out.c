/* vCard 4.0 (RFC 6350) of the contact people, one card each, partners in
 * name order: FN, ORG (the partner, so a re-import links them back), TITLE,
 * EMAIL, TEL, NOTE, and a UID stable from one export to the next and
 * through a backup and its restore (uid.h). No REV: equal data gives equal
 * bytes. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/content_line.h"
#include "partnerdesk/io/export.h"
#include "partnerdesk/io/uid.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

static int row_cmp(const void *a, const void *b)
{
	const pd_partner_row *x = a, *y = b;
	int c = pd_fold_cmp(x->name, y->name);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

/* A contact's UID: the partner's key and the contact's, whose ties are
 * counted in the contact list's order (name, then id), which a restore
 * keeps. */
static bool write_card(FILE *f, const pd_partner_row *p, const char *pkey, const pd_contacts *cs,
	size_t k)
{
	const pd_contact *c = &cs->v[k];
	char uid[128], key[PD_UID_KEY_LEN];
	size_t nth = 1;
	for (size_t i = 0; i < k; i++)
		nth += strcmp(cs->v[i].created, c->created) == 0;
	pd_uid_key(c->created, nth, key);
	snprintf(uid, sizeof uid, "contact-%s-%s@partnerdesk", pkey, key);
	char *org = pd_content_escape(p->name);
	if (!org)
		return false;
	bool ok = pd_content_line(f, "BEGIN", "VCARD")
	          && pd_content_line(f, "VERSION", "4.0")
	          && pd_content_text(f, "UID", uid)
	          && pd_content_line(f, "KIND", "individual")
	          && pd_content_text(f, "FN", c->name)
	          && pd_content_line(f, "ORG", org)
	          && pd_content_text(f, "TITLE", c->title)
	          && pd_content_text(f, "EMAIL", c->email)
	          && pd_content_text(f, "TEL;VALUE=text", c->phone)
	          && pd_content_text(f, "NOTE", c->notes)
	          && pd_content_line(f, "END", "VCARD");
	free(org);
	return ok;
}

bool pd_vcard_write(pd_db *db, FILE *f, pd_error *err)
{
	pd_partner_query q = { .sort = PD_SORT_NAME };
	pd_partner_rows rows = { 0 };
	if (!pd_partner_query_run(db, &q, &rows, err))
		return false;
	qsort(rows.v, rows.n, sizeof *rows.v, row_cmp);
	pd_uid_partners keys;
	if (!pd_uid_partners_load(db, &keys, err)) {
		pd_partner_rows_finish(&rows);
		return false;
	}
	bool ok = true;
	for (size_t i = 0; ok && i < rows.n; i++) {
		pd_contacts cs = { 0 };
		if (!pd_contact_list(db, rows.v[i].id, &cs, err)) {
			ok = false;
			break;
		}
		for (size_t k = 0; ok && k < cs.n; k++)
			if (!write_card(f, &rows.v[i], pd_uid_partner_key(&keys, rows.v[i].id), &cs, k))
				ok = pd_error_set(err, PD_ERR_IO, "writing the vCards failed");
		pd_contacts_finish(&cs);
	}
	pd_uid_partners_finish(&keys);
	pd_partner_rows_finish(&rows);
	return ok;
}
