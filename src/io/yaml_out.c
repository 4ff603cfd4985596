/* YAML output through libyaml's emitter, with string styles chosen so that
 * every string reads back as a string under YAML 1.1 and 1.2 loaders. */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "partnerdesk/io/utf8.h"
#include "partnerdesk/io/yaml_out.h"
#include "partnerdesk/model/ascii.h"

struct pd_yaml_out {
	yaml_emitter_t emitter;
	bool failed;
	char problem[256];
};

static void emit(pd_yaml_out *y, yaml_event_t *ev, bool made)
{
	/* A writer that could not be created fails at finish, not here. */
	if (!y || y->failed) {
		if (made)
			yaml_event_delete(ev);
		return;
	}
	if (!made) {
		y->failed = true;
		snprintf(y->problem, sizeof y->problem, "cannot build a YAML event");
		return;
	}
	/* yaml_emitter_emit takes the event either way. */
	if (!yaml_emitter_emit(&y->emitter, ev)) {
		y->failed = true;
		snprintf(y->problem, sizeof y->problem, "%s",
		         y->emitter.problem ? y->emitter.problem : "cannot write YAML");
	}
}

pd_yaml_out *pd_yaml_out_create(FILE *f)
{
	pd_yaml_out *y = calloc(1, sizeof *y);
	if (!y)
		return NULL;
	if (!yaml_emitter_initialize(&y->emitter)) {
		free(y);
		return NULL;
	}
	yaml_emitter_set_output_file(&y->emitter, f);
	yaml_emitter_set_unicode(&y->emitter, 1);
	yaml_emitter_set_indent(&y->emitter, 2);
	/* No folding of long lines: notes stay one line per line. */
	yaml_emitter_set_width(&y->emitter, -1);
	yaml_emitter_set_break(&y->emitter, YAML_LN_BREAK);
	yaml_event_t ev;
	emit(y, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	return y;
}

bool pd_yaml_out_finish(pd_yaml_out *y, pd_error *err)
{
	if (!y)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory for YAML output");
	yaml_event_t ev;
	emit(y, &ev, yaml_stream_end_event_initialize(&ev));
	if (!y->failed && !yaml_emitter_flush(&y->emitter)) {
		y->failed = true;
		snprintf(y->problem, sizeof y->problem, "cannot write YAML output");
	}
	if (y->failed)
		return pd_error_set(err, PD_ERR_IO, "YAML output: %s", y->problem);
	return true;
}

void pd_yaml_out_destroy(pd_yaml_out *y)
{
	if (!y)
		return;
	yaml_emitter_delete(&y->emitter);
	free(y);
}

void pd_yaml_document_begin(pd_yaml_out *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
}

void pd_yaml_document_end(pd_yaml_out *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_document_end_event_initialize(&ev, 1));
}

void pd_yaml_mapping_begin(pd_yaml_out *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE));
}

void pd_yaml_mapping_end(pd_yaml_out *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_mapping_end_event_initialize(&ev));
}

void pd_yaml_sequence_begin(pd_yaml_out *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE));
}

void pd_yaml_sequence_end(pd_yaml_out *y)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void scalar(pd_yaml_out *y, const char *text, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	emit(y, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text,
	                                          (int)strlen(text), 1, 1, style));
}

/* Plain is safe only for text no loader resolves to something else: it
 * must start with a letter (or any non-ASCII character) and not be one of
 * YAML 1.1's booleans or null. Anything else is double-quoted; libyaml
 * itself quotes plain text it cannot write plainly (": ", " #", ...). */
static bool plain_is_safe(const char *s)
{
	static const char *const reserved[] = {
		"y", "n", "yes", "no", "true", "false", "on", "off", "null", NULL,
	};
	unsigned char c = (unsigned char)s[0];
	if (!(pd_ascii_isalpha(c) || c >= 0x80))
		return false;
	for (size_t i = 0; reserved[i]; i++)
		if (pd_ascii_casecmp(s, reserved[i]) == 0)
			return false;
	return true;
}

void pd_yaml_string(pd_yaml_out *y, const char *s)
{
	if (!s || !*s) {
		pd_yaml_null(y);
		return;
	}
	if (!y)
		return;
	char *text = pd_utf8_repair(s);
	if (!text) {
		y->failed = true;
		snprintf(y->problem, sizeof y->problem, "out of memory");
		return;
	}
	yaml_scalar_style_t style;
	if (strchr(text, '\n'))
		style = YAML_LITERAL_SCALAR_STYLE;  /* libyaml falls back to quoting if it must */
	else if (plain_is_safe(text))
		style = YAML_ANY_SCALAR_STYLE;
	else
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	scalar(y, text, style);
	free(text);
}

void pd_yaml_int(pd_yaml_out *y, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	scalar(y, buf, YAML_PLAIN_SCALAR_STYLE);
}

void pd_yaml_bool(pd_yaml_out *y, bool v)
{
	scalar(y, v ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
}

void pd_yaml_null(pd_yaml_out *y)
{
	scalar(y, "null", YAML_PLAIN_SCALAR_STYLE);
}

void pd_yaml_strv(pd_yaml_out *y, const pd_strv *sv)
{
	pd_yaml_sequence_begin(y);
	for (size_t i = 0; i < sv->n; i++)
		pd_yaml_string(y, sv->v[i]);
	pd_yaml_sequence_end(y);
}

void pd_yaml_key(pd_yaml_out *y, const char *key)
{
	scalar(y, key, YAML_PLAIN_SCALAR_STYLE);
}

void pd_yaml_key_string(pd_yaml_out *y, const char *key, const char *s)
{
	pd_yaml_key(y, key);
	pd_yaml_string(y, s);
}

void pd_yaml_key_int(pd_yaml_out *y, const char *key, long long v)
{
	pd_yaml_key(y, key);
	pd_yaml_int(y, v);
}

void pd_yaml_key_bool(pd_yaml_out *y, const char *key, bool v)
{
	pd_yaml_key(y, key);
	pd_yaml_bool(y, v);
}

void pd_yaml_key_strv(pd_yaml_out *y, const char *key, const pd_strv *sv)
{
	pd_yaml_key(y, key);
	pd_yaml_strv(y, sv);
}

/* The partner's fields without the enclosing mapping, so the record can
 * continue the same mapping. */
static void partner_fields(pd_yaml_out *y, const pd_partner *p, const char *last_contact,
                           const char *next_follow_up, unsigned flags)
{
	if (flags & PD_RECORD_IDS)
		pd_yaml_key_int(y, "id", p->id);
	pd_yaml_key_string(y, "name", p->name);
	pd_yaml_key_string(y, "kind", p->kind);
	pd_yaml_key_string(y, "scale", p->scale);
	pd_yaml_key_string(y, "stage", p->stage);
	pd_yaml_key_string(y, "owner", p->owner);
	pd_yaml_key_string(y, "review_date", p->review_date);
	pd_yaml_key_strv(y, "tags", &p->tags);
	pd_yaml_key_strv(y, "audiences", &p->audiences);
	pd_yaml_key_strv(y, "branches", &p->branches);
	pd_yaml_key_string(y, "website", p->website);
	pd_yaml_key_string(y, "phone", p->phone);
	pd_yaml_key_string(y, "email", p->email);
	pd_yaml_key_string(y, "address", p->address);
	pd_yaml_key_string(y, "mission", p->mission);
	pd_yaml_key_string(y, "position", p->position);
	pd_yaml_key_string(y, "directions", p->directions);
	pd_yaml_key(y, "fiscal_month");
	if (p->fiscal_month)
		pd_yaml_int(y, p->fiscal_month);
	else
		pd_yaml_null(y);
	pd_yaml_key_string(y, "notes", p->notes);
	if (last_contact)
		pd_yaml_key_string(y, "last_contact", last_contact);
	if (next_follow_up)
		pd_yaml_key_string(y, "next_follow_up", next_follow_up);
	if (flags & PD_RECORD_IDS)
		pd_yaml_key_int(y, "version", p->version);
	if (flags & PD_RECORD_STAMPS) {
		pd_yaml_key_string(y, "created", p->created);
		pd_yaml_key_string(y, "updated", p->updated);
	}
}

void pd_yaml_partner(pd_yaml_out *y, const pd_partner *p, const char *last_contact,
                     const char *next_follow_up, unsigned flags)
{
	pd_yaml_mapping_begin(y);
	partner_fields(y, p, last_contact, next_follow_up, flags);
	pd_yaml_mapping_end(y);
}

static void stamps(pd_yaml_out *y, int64_t version, const char *created, const char *updated,
                   unsigned flags)
{
	if (flags & PD_RECORD_IDS)
		pd_yaml_key_int(y, "version", version);
	if (flags & PD_RECORD_STAMPS) {
		pd_yaml_key_string(y, "created", created);
		pd_yaml_key_string(y, "updated", updated);
	}
}

void pd_yaml_record(pd_yaml_out *y, const pd_record *r, const pd_rules *rules, unsigned flags)
{
	pd_yaml_mapping_begin(y);
	partner_fields(y, r->partner, r->last_contact, r->next_follow_up, flags);

	pd_yaml_key(y, "contacts");
	pd_yaml_sequence_begin(y);
	for (size_t i = 0; i < r->contacts.n; i++) {
		const pd_contact *c = &r->contacts.v[i];
		pd_yaml_mapping_begin(y);
		if (flags & PD_RECORD_IDS)
			pd_yaml_key_int(y, "id", c->id);
		pd_yaml_key_string(y, "name", c->name);
		pd_yaml_key_string(y, "title", c->title);
		pd_yaml_key_string(y, "email", c->email);
		pd_yaml_key_string(y, "phone", c->phone);
		pd_yaml_key_string(y, "channel", c->channel);
		pd_yaml_key_string(y, "notes", c->notes);
		if (rules)
			pd_yaml_key_bool(y, "outreach", c->title && pd_rules_is_outreach_title(rules, c->title));
		stamps(y, c->version, c->created, c->updated, flags);
		pd_yaml_mapping_end(y);
	}
	pd_yaml_sequence_end(y);

	pd_yaml_key(y, "interactions");
	pd_yaml_sequence_begin(y);
	for (size_t i = 0; i < r->interactions.n; i++) {
		const pd_interaction *it = &r->interactions.v[i];
		bool removed;   /* contact is the name, as in json_out.c */
		const char *who = pd_record_who(r, it, &removed);
		pd_yaml_mapping_begin(y);
		if (flags & PD_RECORD_IDS)
			pd_yaml_key_int(y, "id", it->id);
		pd_yaml_key_string(y, "at", it->at);
		pd_yaml_key_string(y, "channel", it->channel);
		pd_yaml_key_string(y, "contact", who);
		pd_yaml_key_bool(y, "contact_removed", removed);
		pd_yaml_key_string(y, "text", it->text);
		pd_yaml_key_string(y, "follow_up", it->follow_up);
		pd_yaml_key_bool(y, "done", it->done);
		pd_yaml_key_string(y, "by", it->by);
		stamps(y, it->version, it->created, it->updated, flags);
		pd_yaml_mapping_end(y);
	}
	pd_yaml_sequence_end(y);

	pd_yaml_key(y, "history");
	pd_yaml_sequence_begin(y);
	for (size_t i = 0; i < r->history.n; i++) {
		const pd_move *m = &r->history.v[i];
		pd_yaml_mapping_begin(y);
		pd_yaml_key_string(y, "from", m->from);
		pd_yaml_key_string(y, "to", m->to);
		pd_yaml_key_string(y, "at", m->at);
		pd_yaml_key_string(y, "by", m->by);
		pd_yaml_key_string(y, "reason", m->reason);
		pd_yaml_key_string(y, "review_date", m->review_date);
		pd_yaml_key_string(y, "approved_by", m->approved_by);
		pd_yaml_mapping_end(y);
	}
	pd_yaml_sequence_end(y);

	pd_yaml_key(y, "agreements");
	pd_yaml_sequence_begin(y);
	for (size_t i = 0; i < r->agreements.n; i++) {
		const pd_agreement *a = &r->agreements.v[i];
		pd_yaml_mapping_begin(y);
		if (flags & PD_RECORD_IDS)
			pd_yaml_key_int(y, "id", a->id);
		pd_yaml_key_string(y, "stage", a->stage);
		pd_yaml_key_string(y, "title", a->title);
		pd_yaml_key_string(y, "start_date", a->start_date);
		pd_yaml_key_string(y, "end_date", a->end_date);
		pd_yaml_key_string(y, "review_date", a->review_date);
		pd_yaml_key_string(y, "approved_by", a->approved_by);
		pd_yaml_key_string(y, "notes", a->notes);
		pd_yaml_key(y, "offers");
		pd_yaml_sequence_begin(y);
		for (size_t k = 0; k < a->n_offers; k++) {
			pd_yaml_mapping_begin(y);
			pd_yaml_key_string(y, "side", a->offers[k].side);
			pd_yaml_key_string(y, "item", a->offers[k].item);
			pd_yaml_key_string(y, "note", a->offers[k].note);
			pd_yaml_mapping_end(y);
		}
		pd_yaml_sequence_end(y);
		stamps(y, a->version, a->created, a->updated, flags);
		pd_yaml_mapping_end(y);
	}
	pd_yaml_sequence_end(y);

	pd_yaml_key(y, "fit");
	pd_yaml_sequence_begin(y);
	for (size_t i = 0; i < pd_fit_show(&r->fit).rows; i++) {   /* hidden ones: the backup's */
		const pd_fit_score *s = &r->fit.v[i];
		if (s->score < 0)
			continue;
		pd_yaml_mapping_begin(y);
		pd_yaml_key_string(y, "criterion", s->criterion);
		pd_yaml_key_int(y, "score", s->score);
		pd_yaml_key_string(y, "note", s->note);
		pd_yaml_mapping_end(y);
	}
	pd_yaml_sequence_end(y);
	pd_yaml_key_int(y, "fit_total", pd_fit_total(&r->fit));

	pd_yaml_key(y, "goals");
	pd_yaml_sequence_begin(y);
	for (size_t i = 0; i < r->goals.n; i++) {
		pd_yaml_mapping_begin(y);
		pd_yaml_key_string(y, "goal", r->goals.v[i].goal);
		pd_yaml_key_string(y, "note", r->goals.v[i].note);
		pd_yaml_mapping_end(y);
	}
	pd_yaml_sequence_end(y);

	pd_yaml_mapping_end(y);
}
