/* Writing the YAML backup through the shared YAML writer (yaml_out.c):
 * partners in name order, each with everything of theirs in the order the
 * record loader gives; keys always in the same order, empty values left
 * out, nothing about the moment of the export, so equal data gives equal
 * bytes. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/backup.h"
#include "partnerdesk/io/record.h"
#include "partnerdesk/io/yaml_out.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

static void opt(pd_yaml_out *y, const char *key, const char *v)
{
	if (v && *v)
		pd_yaml_key_string(y, key, v);
}

static void opt_list(pd_yaml_out *y, const char *key, const pd_strv *sv)
{
	if (sv->n)
		pd_yaml_key_strv(y, key, sv);
}

static void write_partner(pd_yaml_out *y, const pd_record *r)
{
	const pd_partner *p = r->partner;
	pd_yaml_mapping_begin(y);
	opt(y, "name", p->name);
	opt(y, "kind", p->kind);
	opt(y, "scale", p->scale);
	opt(y, "stage", p->stage);
	opt(y, "review_date", p->review_date);
	opt(y, "owner", p->owner);
	opt(y, "website", p->website);
	opt(y, "phone", p->phone);
	opt(y, "email", p->email);
	opt(y, "address", p->address);
	if (p->fiscal_month)
		pd_yaml_key_int(y, "fiscal_month", p->fiscal_month);
	opt(y, "mission", p->mission);
	opt(y, "position", p->position);
	opt(y, "directions", p->directions);
	opt_list(y, "tags", &p->tags);
	opt_list(y, "audiences", &p->audiences);
	opt_list(y, "branches", &p->branches);
	opt(y, "notes", p->notes);
	opt(y, "created", p->created);
	opt(y, "updated", p->updated);

	if (r->contacts.n) {
		pd_yaml_key(y, "contacts");
		pd_yaml_sequence_begin(y);
		for (size_t i = 0; i < r->contacts.n; i++) {
			const pd_contact *c = &r->contacts.v[i];
			pd_yaml_mapping_begin(y);
			opt(y, "name", c->name);
			opt(y, "title", c->title);
			opt(y, "email", c->email);
			opt(y, "phone", c->phone);
			opt(y, "channel", c->channel);
			opt(y, "notes", c->notes);
			opt(y, "created", c->created);
			opt(y, "updated", c->updated);
			pd_yaml_mapping_end(y);
		}
		pd_yaml_sequence_end(y);
	}
	if (r->interactions.n) {
		pd_yaml_key(y, "interactions");
		pd_yaml_sequence_begin(y);
		for (size_t i = 0; i < r->interactions.n; i++) {
			const pd_interaction *it = &r->interactions.v[i];
			pd_yaml_mapping_begin(y);
			opt(y, "at", it->at);
			opt(y, "channel", it->channel);
			opt(y, "by", it->by);
			opt(y, "contact", pd_record_contact_name(r, it->contact_id));
			opt(y, "text", it->text);
			opt(y, "follow_up", it->follow_up);
			if (it->done)
				pd_yaml_key_bool(y, "done", true);
			opt(y, "created", it->created);
			opt(y, "updated", it->updated);
			pd_yaml_mapping_end(y);
		}
		pd_yaml_sequence_end(y);
	}
	if (r->history.n) {
		pd_yaml_key(y, "history");
		pd_yaml_sequence_begin(y);
		for (size_t i = 0; i < r->history.n; i++) {
			const pd_move *m = &r->history.v[i];
			pd_yaml_mapping_begin(y);
			opt(y, "at", m->at);
			opt(y, "from", m->from);
			opt(y, "to", m->to);
			opt(y, "by", m->by);
			opt(y, "reason", m->reason);
			opt(y, "review_date", m->review_date);
			opt(y, "approved_by", m->approved_by);
			pd_yaml_mapping_end(y);
		}
		pd_yaml_sequence_end(y);
	}
	if (r->agreements.n) {
		pd_yaml_key(y, "agreements");
		pd_yaml_sequence_begin(y);
		for (size_t i = 0; i < r->agreements.n; i++) {
			const pd_agreement *a = &r->agreements.v[i];
			pd_yaml_mapping_begin(y);
			opt(y, "stage", a->stage);
			opt(y, "title", a->title);
			opt(y, "start_date", a->start_date);
			opt(y, "end_date", a->end_date);
			opt(y, "review_date", a->review_date);
			opt(y, "approved_by", a->approved_by);
			opt(y, "notes", a->notes);
			if (a->n_offers) {
				pd_yaml_key(y, "offers");
				pd_yaml_sequence_begin(y);
				for (size_t k = 0; k < a->n_offers; k++) {
					pd_yaml_mapping_begin(y);
					opt(y, "side", a->offers[k].side);
					opt(y, "item", a->offers[k].item);
					opt(y, "note", a->offers[k].note);
					pd_yaml_mapping_end(y);
				}
				pd_yaml_sequence_end(y);
			}
			opt(y, "created", a->created);
			opt(y, "updated", a->updated);
			pd_yaml_mapping_end(y);
		}
		pd_yaml_sequence_end(y);
	}
	size_t scored = 0;
	for (size_t i = 0; i < r->fit.n; i++)
		scored += r->fit.v[i].score >= 0;
	if (scored) {
		pd_yaml_key(y, "fit");
		pd_yaml_sequence_begin(y);
		for (size_t i = 0; i < r->fit.n; i++) {
			const pd_fit_score *s = &r->fit.v[i];
			if (s->score < 0)
				continue;
			pd_yaml_mapping_begin(y);
			opt(y, "criterion", s->criterion);
			pd_yaml_key_int(y, "score", s->score);
			opt(y, "note", s->note);
			pd_yaml_mapping_end(y);
		}
		pd_yaml_sequence_end(y);
	}
	if (r->goals.n) {
		pd_yaml_key(y, "goals");
		pd_yaml_sequence_begin(y);
		for (size_t i = 0; i < r->goals.n; i++) {
			pd_yaml_mapping_begin(y);
			opt(y, "goal", r->goals.v[i].goal);
			opt(y, "note", r->goals.v[i].note);
			pd_yaml_mapping_end(y);
		}
		pd_yaml_sequence_end(y);
	}
	pd_yaml_mapping_end(y);
}

/* Name order (folded), then id: ids of equal names keep their order
 * through a restore, since the restore inserts in file order. */
static int row_cmp(const void *a, const void *b)
{
	const pd_partner_row *x = a, *y = b;
	int c = pd_fold_cmp(x->name, y->name);
	if (c)
		return c;
	c = strcmp(x->name, y->name);
	if (c)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

bool pd_backup_write(pd_db *db, FILE *f, FILE *progress, pd_error *err)
{
	pd_partner_query q = { .sort = PD_SORT_NAME };
	pd_partner_rows rows = { 0 };
	if (!pd_partner_query_run(db, &q, &rows, err))
		return false;
	qsort(rows.v, rows.n, sizeof *rows.v, row_cmp);
	pd_progress prog;
	pd_progress_init(&prog, progress, "exporting", (long)rows.n, false);

	pd_yaml_out *y = pd_yaml_out_create(f);
	pd_yaml_document_begin(y);
	pd_yaml_mapping_begin(y);
	pd_yaml_key_int(y, "partnerdesk-backup", PD_BACKUP_FORMAT_VERSION);
	pd_yaml_key(y, "partners");
	pd_yaml_sequence_begin(y);
	bool ok = true;
	for (size_t i = 0; i < rows.n; i++) {
		pd_record r;
		if (!pd_record_load(db, rows.v[i].id, &r, err)) {
			ok = false;
			break;
		}
		write_partner(y, &r);
		pd_record_finish(&r);
		pd_progress_step(&prog, (long)i + 1);
	}
	pd_yaml_sequence_end(y);
	pd_yaml_mapping_end(y);
	pd_yaml_document_end(y);
	pd_progress_finish(&prog);
	pd_partner_rows_finish(&rows);
	if (!pd_yaml_out_finish(y, ok ? err : NULL))
		ok = false;
	pd_yaml_out_destroy(y);
	return ok;
}
