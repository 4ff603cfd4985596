/* The agreement with a partner: what the library offers (the configured
 * checklist, each with a note), what the partner offers (a line each), the
 * start, end and review dates and who approved it. Edits the agreement made
 * for the partner's current stage (version-checked), or records a new one,
 * started from the last agreement's offers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "form.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"

#define OFFERED "[x] "
#define NOT_OFFERED "[ ] "

typedef struct agreement_ctx {
	int64_t partner_id;
	int64_t agreement_id;    /* 0: a new one */
	int64_t version;         /* the version the form was opened on */
	char *name;
	char *stage;             /* the partner's stage now */
} agreement_ctx;

static void agreement_ctx_destroy(void *p)
{
	agreement_ctx *c = p;
	if (!c)
		return;
	free(c->name);
	free(c->stage);
	free(c);
}

static void key_n(char *buf, size_t len, const char *prefix, size_t i)
{
	snprintf(buf, len, "%s.%zu", prefix, i);
}

/* A date field's value, or false (with the field focused) when it is not one. */
static bool date_of(pd_form *f, const char *key, const char *what, char out[PD_DATE_LEN], pd_error *err)
{
	pd_field *fld = pd_form_field(f, key);
	out[0] = '\0';
	if (fld && !pd_field_date(fld, time(NULL), out)) {
		pd_form_focus(f, key);
		return pd_error_set(err, PD_ERR_INVALID, "the %s is not a date: try 2026-12-01, +3m or fri", what);
	}
	return true;
}

/* "item: note" lines, one offer each; a line without a colon is an item. */
static bool partner_offers(pd_agreement *a, const char *text)
{
	for (const char *s = text ? text : ""; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		char *line = malloc(len + 1);
		if (!line)
			return false;
		memcpy(line, s, len);
		line[len] = '\0';
		char *colon = strchr(line, ':');
		char *note = NULL;
		if (colon) {
			*colon = '\0';
			note = pd_trim(colon + 1);
		}
		char *item = pd_trim(line);
		bool ok = !*item || pd_agreement_add_offer(a, "partner", item, note && *note ? note : NULL);
		free(line);
		if (!ok)
			return false;
		if (!nl)
			break;
		s = nl + 1;
	}
	return true;
}

static bool agreement_save(pd_form *f, pd_error *err)
{
	agreement_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	const pd_rules *r = pd_db_rules(db);
	pd_agreement a = {0};
	a.id = c->agreement_id;
	a.partner_id = c->partner_id;
	a.version = c->version;
	bool ok = date_of(f, "start", "start date", a.start_date, err) &&
	          date_of(f, "end", "end date", a.end_date, err) &&
	          date_of(f, "review", "review date", a.review_date, err);
	if (ok && a.start_date[0] && a.end_date[0] && strcmp(a.end_date, a.start_date) < 0) {
		pd_form_focus(f, "end");
		ok = pd_error_set(err, PD_ERR_INVALID, "the agreement ends (%s) before it starts (%s)", a.end_date,
		                  a.start_date);
	}
	if (!ok)
		return false;
	a.stage = pd_form_value(f, "stage");
	a.title = pd_form_value(f, "title");
	a.approved_by = pd_form_value(f, "approved_by");
	a.notes = pd_form_value(f, "notes");
	char key[64];
	for (size_t i = 0; ok && i < r->library_offers.n; i++) {
		key_n(key, sizeof key, "library", i);
		char *v = pd_form_value(f, key);
		key_n(key, sizeof key, "library_note", i);
		char *note = pd_form_value(f, key);
		bool offered = v && strncmp(v, OFFERED, strlen(OFFERED)) == 0;
		if (!offered && note) {
			/* A note says it is meant: better offered than lost. */
			offered = true;
		}
		if (offered && !pd_agreement_add_offer(&a, "library", r->library_offers.v[i], note))
			ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		free(v);
		free(note);
	}
	char *theirs = pd_form_value(f, "partner_offers");
	if (ok && !partner_offers(&a, theirs))
		ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	free(theirs);
	if (ok)
		ok = a.id ? pd_agreement_update(db, &a, err) : pd_agreement_insert(db, &a, err);
	if (ok) {
		size_t lib = 0;
		for (size_t i = 0; i < a.n_offers; i++)
			lib += strcmp(a.offers[i].side, "library") == 0;
		pd_app_status(app, "%s agreement with %s: the library offers %zu, the partner %zu%s%s",
		              c->agreement_id ? "saved the" : "recorded an", c->name, lib, a.n_offers - lib,
		              a.approved_by ? "; approved by " : "", a.approved_by ? a.approved_by : "");
	}
	pd_agreement_finish(&a);
	return ok;
}

static const pd_form_ops agreement_ops = {
	.draft_name = "agreement",
	.save = agreement_save,
	.destroy_ctx = agreement_ctx_destroy,
};

/* The offer of `side` for `item` in a, or NULL. */
static const pd_offer *offer_of(const pd_agreement *a, const char *side, const char *item)
{
	for (size_t i = 0; a && i < a->n_offers; i++)
		if (a->offers[i].side && strcmp(a->offers[i].side, side) == 0 && a->offers[i].item &&
		    pd_fold_cmp(a->offers[i].item, item) == 0)
			return &a->offers[i];
	return NULL;
}

static pd_form *agreement_build(struct pd_app *app, int64_t partner_id)
{
	pd_db *db = pd_app_db(app);
	pd_error err = {0};
	if (!partner_id) {
		pd_app_status(app, "no partner selected");
		return NULL;
	}
	pd_partner *p = pd_partner_get(db, partner_id, &err);
	if (!p) {
		pd_app_status(app, "%s", err.msg);
		return NULL;
	}
	pd_agreements list = {0};
	if (!pd_agreement_list(db, partner_id, &list, &err)) {
		pd_app_status(app, "%s", err.msg);
		pd_partner_destroy(p);
		return NULL;
	}
	agreement_ctx *c = calloc(1, sizeof *c);
	if (!c || !(c->name = pd_strdup(p->name ? p->name : "?")) || !(c->stage = pd_strdup(p->stage ? p->stage : ""))) {
		agreement_ctx_destroy(c);
		pd_agreements_finish(&list);
		pd_partner_destroy(p);
		return NULL;
	}
	c->partner_id = partner_id;
	/* The newest agreement is the one edited while the partner is still at
	 * the stage it was made for; a new stage gets a new agreement. */
	const pd_agreement *last = list.n ? &list.v[0] : NULL;
	const pd_agreement *cur = last && last->stage && pd_fold_cmp(last->stage, c->stage) == 0 ? last : NULL;
	if (cur) {
		c->agreement_id = cur->id;
		c->version = cur->version;
	}
	const pd_rules *r = pd_db_rules(db);
	char title[512];
	snprintf(title, sizeof title, cur ? "Agreement with %s" : "New agreement with %s", c->name);
	pd_form *f = pd_form_new(app, title, &agreement_ops, c);
	if (!f) {
		agreement_ctx_destroy(c);
		pd_agreements_finish(&list);
		pd_partner_destroy(p);
		return NULL;
	}
	pd_strv stages = {0};
	for (size_t i = 0; i < r->n_stages; i++)
		pd_strv_push(&stages, r->stages[i].name);
	char date_buf[PD_DATE_LEN];
	pd_form_add(f, PD_FIELD_TEXT, "title", "Title", cur ? cur->title : last ? last->title : NULL);
	pd_form_add_choice(f, "stage", "For stage", &stages, cur && cur->stage ? cur->stage : c->stage);
	pd_form_add(f, PD_FIELD_DATE, "start", "Starts", cur && cur->start_date[0] ? cur->start_date : NULL);
	pd_form_add(f, PD_FIELD_DATE, "end", "Ends", cur && cur->end_date[0] ? cur->end_date : NULL);
	/* A new engagement's agreement is reviewed when the stage is. */
	snprintf(date_buf, sizeof date_buf, "%s", cur ? cur->review_date : p->review_date);
	pd_form_add(f, PD_FIELD_DATE, "review", "Review by", date_buf[0] ? date_buf : NULL);
	pd_form_add(f, PD_FIELD_TEXT, "approved_by", "Approved by", cur ? cur->approved_by : NULL);
	/* What the library offers: the configured checklist; Space ticks. */
	const pd_agreement *from = cur ? cur : last;
	char key[64], text[512];
	for (size_t i = 0; i < r->library_offers.n; i++) {
		const char *item = r->library_offers.v[i];
		const pd_offer *o = offer_of(from, "library", item);
		pd_strv choice = {0};
		snprintf(text, sizeof text, NOT_OFFERED "%s", item);
		pd_strv_push(&choice, text);
		char on[512];
		snprintf(on, sizeof on, OFFERED "%s", item);
		pd_strv_push(&choice, on);
		key_n(key, sizeof key, "library", i);
		pd_form_add_choice(f, key, i == 0 ? "Library offers" : "", &choice, o ? on : text);
		pd_strv_clear(&choice);
		free(choice.v);
		key_n(key, sizeof key, "library_note", i);
		pd_form_add(f, PD_FIELD_TEXT, key, "  note", o ? o->note : NULL);
	}
	/* What the partner offers: free items, one "item: note" a line. */
	char *theirs = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&theirs, &len);
	bool first = true;
	for (size_t i = 0; m && from && i < from->n_offers; i++) {
		const pd_offer *o = &from->offers[i];
		if (!o->side || strcmp(o->side, "partner") != 0)
			continue;
		fprintf(m, "%s%s%s%s", first ? "" : "\n", o->item ? o->item : "", o->note ? ": " : "",
		        o->note ? o->note : "");
		first = false;
	}
	if (m)
		fclose(m);
	pd_field *po = pd_form_add(f, PD_FIELD_LONG, "partner_offers", "Partner offers", theirs);
	if (po)
		po->rows = 3;
	free(theirs);
	pd_field *notes = pd_form_add(f, PD_FIELD_LONG, "notes", "Notes", cur ? cur->notes : NULL);
	if (notes)
		notes->rows = 3;
	pd_strv_clear(&stages);
	free(stages.v);
	pd_form_draft_target(f, partner_id, c->agreement_id, c->version);
	pd_agreements_finish(&list);
	pd_partner_destroy(p);
	return f;
}

pd_pane *pd_form_agreement_create(struct pd_app *app, int64_t partner_id)
{
	return pd_form_pane(agreement_build(app, partner_id));
}

pd_pane *pd_form_agreement_from_draft(struct pd_app *app, const pd_draft *d)
{
	pd_form *f = agreement_build(app, d->partner_id);
	if (!f)
		return NULL;
	pd_form_draft_adopt(f, d);
	return pd_form_pane(f);
}
