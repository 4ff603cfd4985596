/* vCards into the database: an organisation's card (KIND:org) becomes a
 * partner; a person's card becomes a contact person at the partner its ORG
 * names, which is made if missing. A card that cannot be read is reported
 * by its line and the rest still go in (or, without --keep-going, nothing). */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/import.h"
#include "partnerdesk/io/progress.h"
#include "partnerdesk/io/vcard.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

static char *join_notes(const char *a, const char *b)
{
	if (!a || !*a)
		return pd_strdup(b);
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

/* What the card holds beyond the fields it fills, as notes lines, the
 * way a second EMAIL already is: nothing on a card is dropped silently.
 * An organisation keeps its address, website and categories in fields. */
static char *card_notes(const pd_vcard *card)
{
	char *notes = join_notes(card->note, card->extra);
	if ((card->note || card->extra) && !notes)
		return NULL;
	bool ok = add_line(&notes, "Department", card->org_unit);
	if (card->is_org) {
		ok = ok && add_line(&notes, "Title", card->title);
	} else {
		ok = ok && add_line(&notes, "URL", card->url) && add_line(&notes, "Address", card->address)
		     && add_line(&notes, "Categories", card->categories);
	}
	if (!ok) {
		free(notes);
		return NULL;
	}
	return notes ? notes : pd_strdup("");
}

/* CATEGORIES:animals,family as tags. */
static bool add_tags(pd_strv *tags, const char *categories)
{
	if (!categories)
		return true;
	char *copy = pd_strdup(categories), *save = NULL;
	if (!copy)
		return false;
	bool ok = true;
	for (char *t = strtok_r(copy, ",", &save); t && ok; t = strtok_r(NULL, ",", &save)) {
		pd_trim(t);
		if (*t && pd_strv_find(tags, t) < 0)
			ok = pd_strv_push(tags, t);
	}
	free(copy);
	return ok;
}

/* The partner called `name`: found (ignoring case and spacing) or made. */
static int64_t partner_for(pd_db *db, const pd_import_opts *o, const pd_vcard *card,
	bool *made, pd_import_stats *st, pd_error *err)
{
	int64_t ids[1];
	pd_error e = { 0 };
	*made = false;
	if (pd_partner_find_same_name(db, card->org, ids, 1, &e) > 0)
		return ids[0];
	if (e.code != PD_OK) {
		pd_error_set(err, e.code, "%s", e.msg);
		return 0;
	}
	pd_partner *p = pd_partner_create();
	if (!p || !pd_set_str(&p->name, card->org)) {
		pd_partner_destroy(p);
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return 0;
	}
	if (!pd_partner_insert(db, p, err)) {
		pd_partner_destroy(p);
		return 0;
	}
	int64_t id = p->id;
	pd_partner_destroy(p);
	*made = true;
	st->added++;
	if (o->dry_run)
		pd_import_report(o, o->out, "%s:%ld: add partner \"%s\" (named by ORG)",
			o->name, card->line, card->org);
	return id;
}

static bool import_org(pd_db *db, const pd_import_opts *o, const pd_vcard *card,
	pd_import_stats *st, pd_error *err)
{
	int64_t ids[1];
	pd_error e = { 0 };
	size_t same = pd_partner_find_same_name(db, card->name, ids, 1, &e);
	if (e.code != PD_OK)
		return pd_error_set(err, e.code, "%s", e.msg);
	if (same && o->on_duplicate == PD_DUP_SKIP) {
		st->skipped++;
		pd_import_report(o, pd_import_skip_to(o), "%s:%ld: skip \"%s\": partner #%lld has that name",
			o->name, card->line, card->name, (long long)ids[0]);
		return true;
	}
	pd_partner *p = same && o->on_duplicate == PD_DUP_MERGE ? pd_partner_get(db, ids[0], err)
	                                                       : pd_partner_create();
	if (!p)
		return same ? false : pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	char *notes = card_notes(card);
	char *merged = notes && *notes ? join_notes(p->notes, notes) : NULL;
	bool ok = notes && pd_set_str(&p->name, p->id ? p->name : card->name);
	if (ok && card->email) ok = pd_set_str(&p->email, card->email);
	if (ok && card->phone) ok = pd_set_str(&p->phone, card->phone);
	if (ok && card->url) ok = pd_set_str(&p->website, card->url);
	if (ok && card->address) ok = pd_set_str(&p->address, card->address);
	if (ok) ok = add_tags(&p->tags, card->categories);
	if (ok && merged && !(p->notes && strstr(p->notes, notes)))
		ok = pd_set_str(&p->notes, merged);
	free(notes);
	free(merged);
	if (!ok) {
		pd_partner_destroy(p);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	ok = p->id ? pd_partner_update(db, p, err) : pd_partner_insert(db, p, err);
	if (ok) {
		if (same && o->on_duplicate == PD_DUP_MERGE)
			st->merged++;
		else
			st->added++;
		if (o->dry_run)
			pd_import_report(o, o->out, "%s:%ld: %s partner \"%s\"", o->name, card->line,
				same && o->on_duplicate == PD_DUP_MERGE ? "merge into" : "add", p->name);
	}
	pd_partner_destroy(p);
	return ok;
}

static bool import_person(pd_db *db, const pd_import_opts *o, const pd_vcard *card,
	pd_import_stats *st, pd_error *err)
{
	if (!card->org && o->partner) {
		pd_vcard named = *card;
		named.org = (char *)o->partner;
		pd_error e = { 0 };
		int64_t pid = pd_partner_resolve(db, o->partner, &e);
		if (!pid)
			return pd_error_set(err, e.code, "--partner %s: %s", o->partner, e.msg);
		pd_partner *p = pd_partner_get(db, pid, err);
		if (!p)
			return false;
		named.org = p->name;
		bool ok = import_person(db, o, &named, st, err);
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
	bool made;
	int64_t pid = partner_for(db, o, card, &made, st, err);
	if (!pid)
		return false;
	pd_error e = { 0 };
	int64_t have = made ? 0 : pd_import_contact_named(db, pid, card->name, &e);
	if (e.code != PD_OK)
		return pd_error_set(err, e.code, "%s", e.msg);
	/* People follow --on-duplicate as partners do. */
	if (have && o->on_duplicate == PD_DUP_SKIP) {
		st->skipped++;
		pd_import_report(o, pd_import_skip_to(o), "%s:%ld: skip \"%s\": contact #%lld at \"%s\" has that name",
			o->name, card->line, card->name, (long long)have, card->org);
		return true;
	}
	pd_contact *c = pd_contact_create();
	char *notes = card_notes(card);
	bool ok = c && notes && pd_set_str(&c->name, card->name) && pd_set_str(&c->title, card->title)
	          && pd_set_str(&c->email, card->email) && pd_set_str(&c->phone, card->phone)
	          && pd_set_str(&c->notes, *notes ? notes : NULL);
	free(notes);
	if (!ok) {
		pd_contact_destroy(c);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	if (have && o->on_duplicate == PD_DUP_MERGE) {
		ok = pd_import_contact_merge(db, have, c, err);
		if (ok) {
			st->merged++;
			if (o->dry_run)
				pd_import_report(o, o->out, "%s:%ld: merge into contact #%lld \"%s\" at \"%s\"",
					o->name, card->line, (long long)have, card->name, card->org);
		}
		pd_contact_destroy(c);
		return ok;
	}
	c->partner_id = pid;
	ok = pd_contact_insert(db, c, err);
	if (ok) {
		st->added++;
		st->contacts++;
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
	for (size_t i = 0; ok && i < cards.n; i++) {
		const pd_vcard *card = &cards.v[i];
		if (card->error) {
			pd_import_report(o, o->err, "%s:%ld: %s", o->name, card->error_line, card->error);
			st->failed++;
		} else {
			ok = card->is_org ? import_org(db, o, card, st, err) : import_person(db, o, card, st, err);
		}
		pd_progress_step(&prog, (long)i + 1);
	}
	pd_progress_finish(&prog);
	pd_vcards_finish(&cards);
	return ok;
}
