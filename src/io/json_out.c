/* Partners and full records as jansson values, keys in a fixed order. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/json_out.h"
#include "partnerdesk/io/utf8.h"

json_t *pd_json_str(const char *s)
{
	if (!s || !*s)
		return json_null();
	char *ok = pd_utf8_repair(s);
	if (!ok)
		return NULL;
	json_t *j = json_string(ok);
	free(ok);
	return j;
}

static json_t *strv(const pd_strv *sv)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < sv->n; i++)
		json_array_append_new(a, pd_json_str(sv->v[i]));
	return a;
}

static void set(json_t *o, const char *key, json_t *v)
{
	/* jansson frees v and ignores the call when v is NULL: a missing key
	 * then shows the memory failure rather than crashing. */
	json_object_set_new(o, key, v);
}

json_t *pd_json_partner(const pd_partner *p, const char *last_contact,
                        const char *next_follow_up, unsigned flags)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	if (flags & PD_RECORD_IDS)
		set(o, "id", json_integer(p->id));
	set(o, "name", pd_json_str(p->name));
	set(o, "kind", pd_json_str(p->kind));
	set(o, "scale", pd_json_str(p->scale));
	set(o, "stage", pd_json_str(p->stage));
	set(o, "owner", pd_json_str(p->owner));
	set(o, "review_date", pd_json_str(p->review_date));
	set(o, "tags", strv(&p->tags));
	set(o, "audiences", strv(&p->audiences));
	set(o, "branches", strv(&p->branches));
	set(o, "website", pd_json_str(p->website));
	set(o, "phone", pd_json_str(p->phone));
	set(o, "email", pd_json_str(p->email));
	set(o, "address", pd_json_str(p->address));
	set(o, "mission", pd_json_str(p->mission));
	set(o, "position", pd_json_str(p->position));
	set(o, "directions", pd_json_str(p->directions));
	set(o, "fiscal_month", p->fiscal_month ? json_integer(p->fiscal_month) : json_null());
	set(o, "notes", pd_json_str(p->notes));
	if (last_contact)
		set(o, "last_contact", pd_json_str(last_contact));
	if (next_follow_up)
		set(o, "next_follow_up", pd_json_str(next_follow_up));
	if (flags & PD_RECORD_IDS)
		set(o, "version", json_integer(p->version));
	if (flags & PD_RECORD_STAMPS) {
		set(o, "created", pd_json_str(p->created));
		set(o, "updated", pd_json_str(p->updated));
	}
	return o;
}

json_t *pd_json_contact(const pd_contact *c, const pd_rules *rules, unsigned flags)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	if (flags & PD_RECORD_IDS)
		set(o, "id", json_integer(c->id));
	set(o, "name", pd_json_str(c->name));
	set(o, "title", pd_json_str(c->title));
	set(o, "email", pd_json_str(c->email));
	set(o, "phone", pd_json_str(c->phone));
	set(o, "channel", pd_json_str(c->channel));
	set(o, "notes", pd_json_str(c->notes));
	if (rules)
		set(o, "outreach", json_boolean(c->title && pd_rules_is_outreach_title(rules, c->title)));
	if (flags & PD_RECORD_IDS)
		set(o, "version", json_integer(c->version));
	if (flags & PD_RECORD_STAMPS) {
		set(o, "created", pd_json_str(c->created));
		set(o, "updated", pd_json_str(c->updated));
	}
	return o;
}

static json_t *interaction(const pd_record *r, const pd_interaction *it, unsigned flags)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	/* A person since removed: `contact` is still the name the entry was
	 * logged with, and contact_removed says they are off the list. */
	bool removed;
	const char *who = pd_record_who(r, it, &removed);
	if (flags & PD_RECORD_IDS)
		set(o, "id", json_integer(it->id));
	set(o, "at", pd_json_str(it->at));
	set(o, "channel", pd_json_str(it->channel));
	set(o, "contact", pd_json_str(who));
	set(o, "contact_removed", json_boolean(removed));
	set(o, "text", pd_json_str(it->text));
	set(o, "follow_up", pd_json_str(it->follow_up));
	set(o, "done", json_boolean(it->done));
	set(o, "by", pd_json_str(it->by));
	if (flags & PD_RECORD_IDS)
		set(o, "version", json_integer(it->version));
	if (flags & PD_RECORD_STAMPS) {
		set(o, "created", pd_json_str(it->created));
		set(o, "updated", pd_json_str(it->updated));
	}
	return o;
}

static json_t *move(const pd_move *m)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	set(o, "from", pd_json_str(m->from));
	set(o, "to", pd_json_str(m->to));
	set(o, "at", pd_json_str(m->at));
	set(o, "by", pd_json_str(m->by));
	set(o, "reason", pd_json_str(m->reason));
	set(o, "review_date", pd_json_str(m->review_date));
	set(o, "approved_by", pd_json_str(m->approved_by));
	return o;
}

static json_t *agreement(const pd_agreement *a, unsigned flags)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	if (flags & PD_RECORD_IDS)
		set(o, "id", json_integer(a->id));
	set(o, "stage", pd_json_str(a->stage));
	set(o, "title", pd_json_str(a->title));
	set(o, "start_date", pd_json_str(a->start_date));
	set(o, "end_date", pd_json_str(a->end_date));
	set(o, "review_date", pd_json_str(a->review_date));
	set(o, "approved_by", pd_json_str(a->approved_by));
	set(o, "notes", pd_json_str(a->notes));
	json_t *offers = json_array();
	for (size_t i = 0; offers && i < a->n_offers; i++) {
		json_t *of = json_object();
		if (!of)
			break;
		set(of, "side", pd_json_str(a->offers[i].side));
		set(of, "item", pd_json_str(a->offers[i].item));
		set(of, "note", pd_json_str(a->offers[i].note));
		json_array_append_new(offers, of);
	}
	set(o, "offers", offers);
	if (flags & PD_RECORD_IDS)
		set(o, "version", json_integer(a->version));
	if (flags & PD_RECORD_STAMPS) {
		set(o, "created", pd_json_str(a->created));
		set(o, "updated", pd_json_str(a->updated));
	}
	return o;
}

json_t *pd_json_record(const pd_record *r, const pd_rules *rules, unsigned flags)
{
	json_t *o = pd_json_partner(r->partner, r->last_contact, r->next_follow_up, flags);
	if (!o)
		return NULL;

	json_t *a = json_array();
	for (size_t i = 0; a && i < r->contacts.n; i++)
		json_array_append_new(a, pd_json_contact(&r->contacts.v[i], rules, flags));
	set(o, "contacts", a);

	a = json_array();
	for (size_t i = 0; a && i < r->interactions.n; i++)
		json_array_append_new(a, interaction(r, &r->interactions.v[i], flags));
	set(o, "interactions", a);

	a = json_array();
	for (size_t i = 0; a && i < r->history.n; i++)
		json_array_append_new(a, move(&r->history.v[i]));
	set(o, "history", a);

	a = json_array();
	for (size_t i = 0; a && i < r->agreements.n; i++)
		json_array_append_new(a, agreement(&r->agreements.v[i], flags));
	set(o, "agreements", a);

	/* Only scored criteria: an unscored one is absence, not a zero. Scores
	 * of criteria no longer configured are hidden (the backup keeps them). */
	a = json_array();
	for (size_t i = 0; a && i < pd_fit_show(&r->fit).rows; i++) {
		const pd_fit_score *s = &r->fit.v[i];
		if (s->score < 0)
			continue;
		json_t *f = json_object();
		if (!f)
			break;
		set(f, "criterion", pd_json_str(s->criterion));
		set(f, "score", json_integer(s->score));
		set(f, "note", pd_json_str(s->note));
		json_array_append_new(a, f);
	}
	set(o, "fit", a);
	set(o, "fit_total", json_integer(pd_fit_total(&r->fit)));

	a = json_array();
	for (size_t i = 0; a && i < r->goals.n; i++) {
		json_t *g = json_object();
		if (!g)
			break;
		set(g, "goal", pd_json_str(r->goals.v[i].goal));
		set(g, "note", pd_json_str(r->goals.v[i].note));
		json_array_append_new(a, g);
	}
	set(o, "goals", a);
	return o;
}

bool pd_json_write(const json_t *j, FILE *f, pd_error *err)
{
	if (!j)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory while building JSON");
	if (json_dumpf(j, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0 || fputc('\n', f) == EOF)
		return pd_error_set(err, PD_ERR_IO, "cannot write JSON output");
	return true;
}
