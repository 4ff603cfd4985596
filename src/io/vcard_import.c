/* vCards into the database: an organisation's card (KIND:org) becomes a
 * partner; a person's card becomes a contact person at the partner its ORG
 * names, which is made if missing. A card that cannot be read, or that the
 * model refuses as it is stored, is reported by its line and the rest
 * still go in (or, without --keep-going, nothing), as a CSV row is. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/import.h"
#include "partnerdesk/io/progress.h"
#include "partnerdesk/io/vcard.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/text.h"

/* a and b on lines of their own, either of them NULL or ""; "" for
 * neither, NULL only when out of memory. */
static char *join_notes(const char *a, const char *b)
{
	if (!a || !*a)
		return pd_strdup(b ? b : "");
	if (!b || !*b)
		return pd_strdup(a);
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s\n%s", a, b);
	return s;
}

/* Appends "Label: value" as a line of *notes; false when out of memory. */
static bool add_line(char **notes, const char *label, const char *value)
{
	if (!value || !*value)
		return true;
	size_t old = *notes ? strlen(*notes) : 0;
	size_t add = strlen(label) + strlen(value) + 4;
	char *n = realloc(*notes, old + add);
	if (!n)
		return false;
	snprintf(n + old, add, "%s%s: %s", old ? "\n" : "", label, value);
	*notes = n;
	return true;
}

/* What the card holds beyond the fields it fills, as notes lines after
 * its NOTE: nothing on a card is dropped silently. The person's unit,
 * website and address first, then what the parser kept in extra (more
 * phones and emails, chat, dates), each "Label: value" or "Label (work):
 * value", in the card's order. An organisation keeps its address, website
 * and categories in fields. */
static char *card_notes(const pd_vcard *card)
{
	char *notes = pd_strdup(card->note ? card->note : "");
	bool ok = notes && add_line(&notes, "Department", card->org_unit);
	if (card->is_org) {
		ok = ok && add_line(&notes, "Title", card->title);
	} else {
		/* One line: the values "; "-separated, as a Tags cell holds them. */
		char *cats = NULL;
		if (card->categories) {
			pd_strbuf b = { 0 };
			for (const char *q = card->categories; *q; q++)
				pd_strbuf_put(&b, *q == '\n' ? "; " : q, *q == '\n' ? 2 : 1);
			cats = b.failed ? (free(b.p), NULL) : b.p;
			ok = cats != NULL;
		}
		ok = ok && add_line(&notes, "URL", card->url) && add_line(&notes, "Address", card->address)
		     && add_line(&notes, "Categories", cats);
		free(cats);
	}
	char *all = ok ? join_notes(notes, card->extra) : NULL;
	free(notes);
	return all;
}

/* The kinds (PD_NOTED_*) card_notes writes besides the card's NOTE,
 * counted for the summary when the card is stored. */
static void count_noted(pd_import_stats *st, const pd_vcard *card)
{
	unsigned k = card->extra ? card->noted : 0;
	if (card->org_unit && *card->org_unit)
		k |= PD_NOTED_OTHER;
	if (card->is_org) {
		if (card->title && *card->title)
			k |= PD_NOTED_OTHER;
	} else {
		if (card->url && *card->url)
			k |= PD_NOTED_WEBSITE;
		if (card->address && *card->address)
			k |= PD_NOTED_ADDRESS;
		if (card->categories && *card->categories)
			k |= PD_NOTED_OTHER;
	}
	if (k) {
		st->noted++;
		st->noted_kinds |= k;
	}
}

/* The label and value of a notes line as an import writes it, "Label:
 * value" or "Label (what): value", Label one that can come more than once
 * (a further email, phone, address, website, title); false for any other
 * line. *label is one of the labels, *value points into line. */
static bool card_line(const char *line, size_t n, const char **label, const char **value, size_t *vn)
{
	static const char *const labels[] = { "Email", "Phone", "Address", "URL", "Title" };
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		size_t k = strlen(labels[i]);
		if (n < k + 3 || memcmp(line, labels[i], k) != 0)
			continue;
		const char *v = NULL;
		if (memcmp(line + k, ": ", 2) == 0) {
			v = line + k + 2;
		} else if (memcmp(line + k, " (", 2) == 0) {
			for (const char *q = line + k + 2; q + 3 <= line + n && !v; q++)
				if (memcmp(q, "): ", 3) == 0)
					v = q + 3;
		}
		if (!v)
			return false;
		*label = labels[i];
		*value = v;
		*vn = (size_t)(line + n - v);
		return true;
	}
	return false;
}

/* The line of have (its length in *hn) that says what line[0..n) says:
 * the same Label and value, whatever tells it from the others ("Phone:
 * X", as an import wrote it before it said which number it is, or
 * "Phone (work): X" where the card now says mobile); NULL when none. */
static const char *said_before(const char *have, const char *line, size_t n, size_t *hn)
{
	const char *label, *value, *hl, *hv;
	size_t vn, hvn;
	if (!card_line(line, n, &label, &value, &vn))
		return NULL;
	for (const char *h = have; h && *h;) {
		const char *end = strchr(h, '\n');
		size_t len = end ? (size_t)(end - h) : strlen(h);
		while (len && (h[len - 1] == ' ' || h[len - 1] == '\r'))
			len--;
		if (card_line(h, len, &hl, &hv, &hvn) && hl == label && hvn == vn && memcmp(hv, value, vn) == 0) {
			*hn = len;
			return h;
		}
		h = end ? end + 1 : NULL;
	}
	return NULL;
}

/* notes with each line that have already says (said_before) put as have
 * words it: a person imported before, merged again, gets no second line
 * for the same number, and that line still counts as the card's, so that
 * it is not taken for one the card's other "Phone: ..." replaces (several
 * of a label are added, one replaces one). Newly allocated; NULL: out of
 * memory. */
static char *restate_said_lines(const char *have, const char *notes)
{
	if (!notes)
		return NULL;
	pd_strbuf b = { 0 };
	pd_strbuf_put(&b, "", 0);
	for (const char *line = notes, *next; line; line = next) {
		next = strchr(line, '\n');
		size_t n = next ? (size_t)(next - line) : strlen(line);
		if (next)
			next++;
		size_t hn = 0;
		const char *old = have ? said_before(have, line, n, &hn) : NULL;
		if (line != notes)
			pd_strbuf_put(&b, "\n", 1);
		pd_strbuf_put(&b, old ? old : line, old ? hn : n);
	}
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* CATEGORIES:animals,family as tags (the parser gives one a line). */
static bool add_tags(pd_strv *tags, const char *categories)
{
	if (!categories)
		return true;
	char *copy = pd_strdup(categories), *save = NULL;
	if (!copy)
		return false;
	bool ok = true;
	for (char *t = strtok_r(copy, "\n", &save); t && ok; t = strtok_r(NULL, "\n", &save)) {
		pd_trim(t);
		if (*t && pd_strv_find(tags, t) < 0)
			ok = pd_strv_push(tags, t);
	}
	free(copy);
	return ok;
}

/* What this file has made so far, by id (pd_import_made), with the card
 * each came from. Lets a person card find the partner an earlier card just
 * made, and tells a match with an earlier card of the same file (a
 * different person or partner of the same name, most likely) from one
 * with the desk's own. */
typedef struct made_entry {
	long line;           /* BEGIN:VCARD of the card; 0: not made here */
	const char *uid;     /* its UID (borrowed from the parsed cards) */
	bool placeholder;    /* a partner made bare for a person's ORG, its own card not seen yet */
} made_entry;

typedef struct vstate {
	pd_import_made partners, contacts;   /* made_entry each */
} vstate;

static void made_note(pd_import_made *m, int64_t id, const pd_vcard *card)
{
	made_entry *e = pd_import_made_slot(m, id);
	if (e)
		*e = (made_entry){ card->line, card->uid, false };
}

/* The card that made id, NULL when this file did not. */
static made_entry *made_get(const pd_import_made *m, int64_t id)
{
	made_entry *e = pd_import_made_get(m, id);
	return e && e->line ? e : NULL;
}

/* A key of the uid alphabet (letters and digits) from [start, end) into
 * out; false when it isn't one. */
static bool uid_key(const char *start, const char *end, char out[PD_UID_LEN])
{
	if (start == end || (size_t)(end - start) >= PD_UID_LEN)
		return false;
	for (const char *q = start; q < end; q++)
		if (!((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
			return false;
	memcpy(out, start, (size_t)(end - start));
	out[end - start] = '\0';
	return true;
}

/* The partner's and the contact's own uids from a card partnerdesk wrote
 * (UID:contact-PARTNER-CONTACT@partnerdesk; neither key holds '-'), so
 * that a re-import recognises the person, and a new partner or person
 * keeps the uid its exports are built from: export, import into an empty
 * desk and export again give the same file. partner is "" when its key is
 * not one; false for any other UID. */
static bool our_contact_uid(const char *uid, char partner[PD_UID_LEN], char out[PD_UID_LEN])
{
	static const char pre[] = "contact-", post[] = "@partnerdesk";
	size_t n = uid ? strlen(uid) : 0, lp = sizeof pre - 1, lq = sizeof post - 1;
	partner[0] = '\0';
	if (n <= lp + lq || strncmp(uid, pre, lp) != 0 || strcmp(uid + n - lq, post) != 0)
		return false;
	const char *start = uid + lp, *end = uid + n - lq, *dash = NULL;
	for (const char *q = start; q < end; q++)
		if (*q == '-')
			dash = q;
	if (!dash || dash == start || !uid_key(dash + 1, end, out))
		return false;
	if (!uid_key(start, dash, partner))
		partner[0] = '\0';
	return true;
}

static void report_failed(const pd_import_opts *o, pd_import_stats *st, const pd_vcard *card,
	const char *name, const int64_t *ids, size_t same, const char *what)
{
	st->failed++;
	pd_import_report(o, o->err, "%s:%ld: \"%s\" matches partners #%lld and #%lld%s; %s",
		o->name, card->line, name, (long long)ids[0], (long long)ids[1],
		same > 2 ? " (and more)" : "", what);
}

/* The partner called card->org (ignoring case and spacing): the one an
 * earlier card of this file made, else the desk's only one, else made.
 * Two of the desk's: the card fails (*failed), naming both. */
static int64_t partner_for(pd_db *db, const pd_import_opts *o, const pd_vcard *card, vstate *vs,
	bool *made, bool *failed, pd_import_stats *st, pd_error *err)
{
	int64_t ids[64];
	pd_error e = { 0 };
	*made = false;
	*failed = false;
	size_t same = pd_partner_find_same_name(db, card->org, ids, sizeof ids / sizeof ids[0], &e);
	if (e.code != PD_OK) {
		pd_error_set(err, e.code, "%s", e.msg);
		return 0;
	}
	/* With --on-duplicate new an org card of this file may have made a
	 * namesake of an older partner: its people belong to the new one. */
	for (size_t k = same; k-- > 0;)
		if (made_get(&vs->partners, ids[k]))
			return ids[k];
	if (same == 1)
		return ids[0];
	if (same > 1) {
		*failed = true;
		report_failed(o, st, card, card->org, ids, same, "the card's ORG can't say which the "
			"person works at: add them with partnerdesk contact add ID");
		return 0;
	}
	pd_partner *p = pd_partner_create();
	if (!p || !pd_set_str(&p->name, card->org)) {
		pd_partner_destroy(p);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return 0;
	}
	/* The partner's uid from a card partnerdesk wrote, so that the next
	 * export writes the same UIDs; one already taken gets a fresh one. */
	char unused[PD_UID_LEN];
	our_contact_uid(card->uid, p->uid, unused);
	if (!pd_partner_insert(db, p, &e)) {
		pd_partner_destroy(p);
		/* Refused, it fails this card only: the person has nowhere to go. */
		*failed = pd_import_refused(o, st, card->line, &e, err);
		return 0;
	}
	int64_t id = p->id;
	pd_partner_destroy(p);
	made_note(&vs->partners, id, card);
	made_entry *m = made_get(&vs->partners, id);
	if (m)
		m->placeholder = true;
	*made = true;
	st->added++;
	/* A dry run says so once the person is in (import_person): a card
	 * refused after this is undone whole under --keep-going, and its plan
	 * must not name a partner that is not made. */
	return id;
}

/* An organisation's card. A partner this file made bare for a person's
 * ORG (the people come first in an alphabetical address book) is this
 * card's own, not a duplicate of anything the desk had: the card fills
 * it in, whatever --on-duplicate says. */
static bool import_org(pd_db *db, const pd_import_opts *o, const pd_vcard *card, vstate *vs,
	pd_import_stats *st, pd_error *err)
{
	int64_t ids[3];
	pd_error e = { 0 };
	size_t same = pd_partner_find_same_name(db, card->name, ids, 3, &e);
	if (e.code != PD_OK)
		return pd_error_set(err, e.code, "%s", e.msg);
	made_entry *fill = NULL;
	int64_t fill_id = 0;
	for (size_t k = 0; k < same && k < 3 && !fill; k++) {
		made_entry *m = made_get(&vs->partners, ids[k]);
		if (m && m->placeholder) {
			fill = m;
			fill_id = ids[k];
		}
	}
	if (!fill && same && o->on_duplicate == PD_DUP_SKIP) {
		st->skipped++;
		FILE *to = pd_import_skip_to(o);
		const made_entry *m = made_get(&vs->partners, ids[0]);
		if (m)
			st->skipped_same_file++;
		else
			st->skipped_other++;
		/* What to do about a namesake in the file: after the summary. */
		if (m)
			pd_import_report(o, to, "%s:%ld: skip \"%s\": the card at line %ld of this file has "
				"that name", o->name, card->line, card->name, m->line);
		else if (same > 1)
			pd_import_skip_known(o, false, "%s:%ld: skip \"%s\": partners #%lld and #%lld%s have that name",
				o->name, card->line, card->name, (long long)ids[0], (long long)ids[1],
				same > 2 ? " (and more)" : "");
		else
			pd_import_skip_known(o, false, "%s:%ld: skip \"%s\": partner #%lld has that name",
				o->name, card->line, card->name, (long long)ids[0]);
		return true;
	}
	if (!fill && same > 1 && o->on_duplicate == PD_DUP_MERGE) {
		report_failed(o, st, card, card->name, ids, same, "a merge can't tell which to fill in: "
			"rename one (partnerdesk edit ID --name NEW) and import again, or add the card as "
			"another partner with --on-duplicate new");
		return true;
	}
	int64_t into = fill ? fill_id : same && o->on_duplicate == PD_DUP_MERGE ? ids[0] : 0;
	pd_partner *p = into ? pd_partner_get(db, into, err) : pd_partner_create();
	if (!p)
		return into ? false : pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	/* A dry run's plan lists what a merge changes, as a spreadsheet's does. */
	pd_partner *old = into && !fill && o->dry_run ? pd_partner_get(db, into, err) : NULL;
	if (into && !fill && o->dry_run && !old) {
		pd_partner_destroy(p);
		return false;
	}
	char *notes = card_notes(card);
	if (into && notes) {
		char *restated = restate_said_lines(p->notes, notes);
		free(notes);
		notes = restated;
	}
	bool more = false;
	char *merged = notes && *notes ? pd_import_notes_merge(p->notes, notes, pd_import_card_labels,
		pd_import_n_card_labels, &more) : NULL;
	/* The organisation's own card spells its name; a person's ORG may not. */
	bool ok = notes && (!*notes || merged)
	          && pd_set_str(&p->name, p->id && !fill ? p->name : card->name);
	if (ok && card->email) ok = pd_set_str(&p->email, card->email);
	if (ok && card->phone) ok = pd_set_str(&p->phone, card->phone);
	if (ok && card->url) ok = pd_set_str(&p->website, card->url);
	if (ok && card->address) ok = pd_set_str(&p->address, card->address);
	if (ok) ok = add_tags(&p->tags, card->categories);
	if (ok && merged && more)
		ok = pd_set_str(&p->notes, merged);
	free(notes);
	free(merged);
	if (!ok) {
		pd_partner_destroy(p);
		pd_partner_destroy(old);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	bool merging = p->id != 0;
	e = (pd_error){ 0 };
	ok = merging ? pd_partner_update(db, p, &e) : pd_partner_insert(db, p, &e);
	if (!ok) {
		pd_partner_destroy(p);
		pd_partner_destroy(old);
		return pd_import_refused(o, st, card->line, &e, err);
	}
	pd_import_warn_reach(o, st, card->email_line, NULL, PD_REACH_EMAIL, card->email);
	pd_import_warn_reach(o, st, card->phone_line, NULL, PD_REACH_PHONE, card->phone);
	pd_import_warn_reach(o, st, card->url_line, NULL, PD_REACH_WEBSITE, card->url);
	count_noted(st, card);
	if (fill) {
		/* Counted as added when the ORG made it; a second card of
		 * the name is a namesake, as any card of this file is. */
		if (o->dry_run)
			pd_import_report(o, o->out, "%s:%ld: fill in partner \"%s\" (added for the ORG "
				"at line %ld)", o->name, card->line, p->name, fill->line);
		fill->placeholder = false;
		fill->line = card->line;
		fill->uid = card->uid;
	} else if (merging) {
		st->merged++;
	}
	/* --on-duplicate went by the name: a desk's partner by another name
	 * but likely the same is said under the add line. */
	pd_likely like = { 0 };
	size_t alike = 0;
	if (!fill && !merging && !pd_import_likely_find(db, vs->partners.first_id, p, &like, &alike, err)) {
		pd_partner_destroy(p);
		pd_partner_destroy(old);
		return false;
	}
	if (!fill && !merging) {
		st->added++;
		st->likely += like.id != 0;
		made_note(&vs->partners, p->id, card);
	}
	long lines = 0;
	if (old)
		pd_import_plan_partner(o, NULL, &lines, old, p, NULL);
	if (!fill && o->dry_run)
		pd_import_report(o, o->out, "%s:%ld: %s partner \"%s\"%s", o->name, card->line,
			merging ? "merge into" : "add", p->name, old && !lines ? ": nothing changes" : "");
	if (old)
		pd_import_plan_partner(o, o->out, &lines, old, p, NULL);
	if (like.id)
		pd_import_likely_say(o, card->line, p, &like, alike);
	free(like.name);
	free(like.stage);
	pd_partner_destroy(p);
	pd_partner_destroy(old);
	return ok;
}

/* The person on the card among partner pid's contacts. *by_uid: the one
 * whose uid the card carries (a card partnerdesk wrote, seen again).
 * *by_name: else one of the same name, unless an earlier card of this
 * file made it and the two cards' UIDs differ (two people, one name);
 * *from_file: that earlier card, when the name match came from one. */
static bool find_person(pd_db *db, int64_t pid, const pd_vcard *card, const char *uid,
	const vstate *vs, int64_t *by_uid, int64_t *by_name, const made_entry **from_file, pd_error *err)
{
	*by_name = 0;
	*from_file = NULL;
	*by_uid = pd_contact_find_uid(db, pid, uid, err);
	if (*by_uid || err->code != PD_OK)
		return err->code == PD_OK;
	for (int64_t id = 0; (id = pd_contact_find_named(db, pid, card->name, id, err)) != 0;) {
		const made_entry *m = made_get(&vs->contacts, id);
		if (m && m->uid && card->uid && strcmp(m->uid, card->uid) != 0)
			continue;
		*by_name = id;
		*from_file = m;
		break;
	}
	return err->code == PD_OK;
}

/* The person's email and phone that can't be one, by the card's lines:
 * kept, and warned of (pd_import_warn_reach). */
static void warn_person(const pd_import_opts *o, const pd_vcard *card, pd_import_stats *st)
{
	char who[160], q[120];
	pd_format(who, sizeof who, "contact \"%s\"", pd_utf8_fit(q, sizeof q, card->name, 80));
	pd_import_warn_reach(o, st, card->email_line, who, PD_REACH_EMAIL, card->email);
	pd_import_warn_reach(o, st, card->phone_line, who, PD_REACH_PHONE, card->phone);
}

/* The preferred channel the card's PREF says, NULL when it says none:
 * PREF on the kept EMAIL alone is "email", on the kept TEL alone "phone"
 * (as partnerdesk's export writes it). Both marked, as Apple Contacts marks
 * the first of each kind, rank one email among emails and one phone among
 * phones and say nothing between the two. A desk whose channels have no
 * "phone" or "email" gets none: the card can't name another. */
static const char *card_channel(pd_db *db, const pd_vcard *card)
{
	const char *ch = card->email && card->email_pref && !card->phone_pref ? "email"
	                 : card->phone && card->phone_pref && !card->email_pref ? "phone" : NULL;
	return ch && pd_strv_find(&pd_db_rules(db)->channels, ch) >= 0 ? ch : NULL;
}

static bool import_person(pd_db *db, const pd_import_opts *o, const pd_vcard *card, vstate *vs,
	int64_t given, pd_import_stats *st, pd_error *err)
{
	if (!card->org && o->partner) {
		pd_vcard named = *card;
		pd_error e = { 0 };
		int64_t pid = pd_partner_resolve(db, o->partner, &e);
		if (!pid)
			return pd_error_set(err, e.code, "--partner %s: %s", o->partner, e.msg);
		pd_partner *p = pd_partner_get(db, pid, err);
		if (!p)
			return false;
		named.org = p->name;
		/* By id: the name may be another partner's too. */
		bool ok = import_person(db, o, &named, vs, pid, st, err);
		pd_partner_destroy(p);
		return ok;
	}
	if (!card->org) {
		/* A contact person belongs to a partner; without ORG we can't say
		 * which, and guessing would file people under the wrong partner. */
		st->skipped++;
		pd_import_report(o, pd_import_skip_to(o), "%s:%ld: skip \"%s\": the card has no ORG naming a partner "
			"(--partner NAME files such people under one)",
			o->name, card->line, card->name);
		return true;
	}
	bool made = false, failed = false;
	int64_t pid = given ? given : partner_for(db, o, card, vs, &made, &failed, st, err);
	if (failed)
		return true;
	if (!pid)
		return false;
	char uid[PD_UID_LEN] = "", pkey[PD_UID_LEN];
	our_contact_uid(card->uid, pkey, uid);
	pd_error e = { 0 };
	int64_t by_uid = 0, by_name = 0;
	const made_entry *from_file = NULL;
	if (!made && !find_person(db, pid, card, uid, vs, &by_uid, &by_name, &from_file, &e))
		return pd_error_set(err, e.code, "%s", e.msg);
	int64_t have = by_uid ? by_uid : by_name;
	/* People follow --on-duplicate as partners do. */
	if (have && o->on_duplicate == PD_DUP_SKIP) {
		st->skipped++;
		FILE *to = pd_import_skip_to(o);
		if (from_file && !by_uid)
			st->skipped_same_file++;
		else
			st->skipped_other++;
		if (by_uid)
			pd_import_skip_known(o, true, "%s:%ld: skip \"%s\": contact #%lld at \"%s\" is this card's "
				"person (the same UID)", o->name, card->line, card->name, (long long)have, card->org);
		else if (from_file)
			pd_import_report(o, to, "%s:%ld: skip \"%s\": the card at line %ld of this file has "
				"that name at \"%s\"", o->name, card->line, card->name, from_file->line, card->org);
		else
			pd_import_skip_known(o, true, "%s:%ld: skip \"%s\": contact #%lld at \"%s\" has that name",
				o->name, card->line, card->name, (long long)have, card->org);
		return true;
	}
	pd_contact *c = pd_contact_create();
	char *notes = card_notes(card);
	bool ok = c && notes && pd_set_str(&c->name, card->name) && pd_set_str(&c->title, card->title)
	          && pd_set_str(&c->email, card->email) && pd_set_str(&c->phone, card->phone)
	          && pd_set_str(&c->notes, *notes ? notes : NULL)
	          && pd_set_str(&c->channel, card_channel(db, card));
	free(notes);
	if (!ok) {
		pd_contact_destroy(c);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	if (have && o->on_duplicate == PD_DUP_MERGE) {
		/* The plan says what the merge changes, field by field, as a
		 * partner's does: the person as it was and as it becomes. */
		pd_contact *was = NULL, *is = NULL;
		char *restated = NULL;
		bool merged = false;
		if (!(was = pd_contact_get(db, have, err))) {
			ok = false;
		} else if (c->notes && !(restated = restate_said_lines(was->notes, c->notes))) {
			ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		} else {
			if (restated) {
				free(c->notes);
				c->notes = restated;
			}
			if (!pd_import_contact_merge(db, have, c, &e))
				ok = pd_import_refused(o, st, card->line, &e, err);
			else if (o->dry_run && !(is = pd_contact_get(db, have, err)))
				ok = false;
			else
				merged = true;
		}
		if (merged) {
			st->merged++;
			count_noted(st, card);
			warn_person(o, card, st);
			long lines = 0;
			if (is)
				pd_import_plan_contact(o, NULL, &lines, 4, was, is);
			if (o->dry_run)
				pd_import_report(o, o->out, "%s:%ld: merge into contact #%lld \"%s\" at \"%s\"%s",
					o->name, card->line, (long long)have, card->name, card->org,
					lines ? "" : ": nothing changes");
			if (is)
				pd_import_plan_contact(o, o->out, &lines, 4, was, is);
		}
		pd_contact_destroy(was);
		pd_contact_destroy(is);
		pd_contact_destroy(c);
		return ok;
	}
	c->partner_id = pid;
	/* The uid the card's UID was built from, so the next export writes the
	 * same UID; one already taken at this partner gets a fresh one. */
	memcpy(c->uid, uid, sizeof c->uid);
	ok = pd_contact_insert(db, c, &e);
	if (!ok) {
		ok = pd_import_refused(o, st, card->line, &e, err);
	} else {
		made_note(&vs->contacts, c->id, card);
		warn_person(o, card, st);
		st->added++;
		st->contacts++;
		count_noted(st, card);
		if (o->dry_run && made)
			pd_import_report(o, o->out, "%s:%ld: add partner \"%s\" (named by ORG)",
				o->name, card->line, card->org);
		if (o->dry_run)
			pd_import_report(o, o->out, "%s:%ld: add contact \"%s\" at \"%s\"", o->name,
				card->line, card->name, card->org);
	}
	pd_contact_destroy(c);
	return ok;
}

bool pd_vcard_import(pd_db *db, const char *data, size_t len, const pd_import_opts *o,
	pd_import_stats *st, pd_error *err)
{
	pd_vcards cards;
	if (!pd_vcard_parse(o->name, data, len, &cards, err))
		return false;
	/* Parsed whole before the first is stored, so the total is known. */
	pd_progress prog;
	pd_progress_init_unit(&prog, o->progress, "importing", "cards", (long)cards.n, false);
	bool ok = true;
	vstate vs = { .partners.size = sizeof(made_entry), .contacts.size = sizeof(made_entry) };
	for (size_t i = 0; ok && i < cards.n; i++) {
		const pd_vcard *card = &cards.v[i];
		if (card->error) {
			/* The name too: in an address book of hundreds, a line
			 * number alone does not say whose card to put right. */
			char q[120];
			if (card->name && *card->name)
				pd_import_report(o, o->err, "%s:%ld: card \"%s\": %s", o->name, card->error_line,
					pd_utf8_fit(q, sizeof q, card->name, 80), card->error);
			else
				pd_import_report(o, o->err, "%s:%ld: %s", o->name, card->error_line, card->error);
			st->failed++;
		} else {
			/* As a restore does: the audit says which card of which file. */
			char source[300];
			snprintf(source, sizeof source, "import of %s:%ld", o->name, card->line);
			pd_audit_set_source(db, source);
			pd_import_unit unit;
			ok = pd_import_unit_begin(db, o, st, &unit, err)
			     && (card->is_org ? import_org(db, o, card, &vs, st, err)
			                      : import_person(db, o, card, &vs, 0, st, err));
			ok = pd_import_unit_end(db, &unit, st, ok, err);
		}
		pd_progress_step(&prog, (long)i + 1);
		pd_import_at_row(o, (long)i + 1);
	}
	pd_audit_set_source(db, NULL);
	pd_progress_finish(&prog);
	pd_import_made_finish(&vs.partners);
	pd_import_made_finish(&vs.contacts);
	pd_vcards_finish(&cards);
	return ok;
}
