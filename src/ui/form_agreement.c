/* The agreement with a partner: what the library offers (the configured
 * checklist, each with a note, then a row for each offer the agreement
 * holds that the checklist has no place for), what the partner offers, the
 * start, end and review dates and who approved it. Edits the agreement made
 * for the partner's current stage (version-checked), or records a new one,
 * started from the last agreement's offers, for one of the stages an
 * agreement can be for. One for a stage whose move needs an approval (a
 * marriage) is not saved without who approved it; a new one starts with
 * the approver of the partner's move there. When someone else saved it
 * first (or recorded the stage's agreement first), the conflict dialog
 * shows both side by side and the person decides: never a silent overwrite,
 * never a second agreement hiding the first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "form.h"
#include "form_merge.h"
#include "meanwhile.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"

#define OFFERED PD_FORM_TICKED
#define NOT_OFFERED PD_FORM_UNTICKED
#define NOT_IN_CONFIG "  (not in config)"

/* Library offers outside the checklist (an import, a config whose list has
 * changed since, an item offered twice) get rows of their own: key
 * "library_extra.N", values OFFERED/NOT_OFFERED + the item, so that the
 * row says which item it is wherever its value came from (a draft, a
 * merge), and a note "library_extra_note.N". */
#define EXTRA "library_extra"
#define EXTRA_NOTE "library_extra_note"

/* The agreement's values as the conflict dialog compares them, in its
 * order; the library's offers are merged item by item (they have no one
 * field), the others field by field. */
static const pd_merge_field afields[] = {
	{.key = "title", .label = "Title"},
	{.key = "stage", .label = "For stage"},
	{.key = "start", .label = "Starts"},
	{.key = "end", .label = "Ends"},
	{.key = "review", .label = "Review by"},
	{.key = "approved_by", .label = "Approved by"},
	{.key = NULL, .label = "Library offers", .none = "(none)"},
	{.key = "partner_offers", .label = "Partner offers", .none = "(none)"},
	{.key = "notes", .label = "Notes"},
};
#define N_AFIELDS (sizeof afields / sizeof afields[0])
enum { AF_TITLE, AF_STAGE, AF_START, AF_END, AF_REVIEW, AF_APPROVED, AF_LIBRARY, AF_PARTNER, AF_NOTES };

typedef struct agreement_ctx {
	int64_t partner_id;
	int64_t agreement_id;    /* the agreement a save writes over; 0: a new one */
	int64_t version;         /* its version as the form last read it */
	char *name;
	char *stage;             /* the partner's stage when the form opened */
	pd_agreement base;       /* the form's values as last read, for the merge */
	pd_agreement *theirs;    /* during a conflict: as it is now; NULL: deleted */
} agreement_ctx;

static void agreement_free(pd_agreement *a)
{
	pd_agreement_finish(a);
	free(a);
}

static void agreement_ctx_destroy(void *p)
{
	agreement_ctx *c = p;
	if (!c)
		return;
	free(c->name);
	free(c->stage);
	pd_agreement_finish(&c->base);
	agreement_free(c->theirs);
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

/* The offer of `side` for `item` in a, or NULL. */
static const pd_offer *offer_of(const pd_agreement *a, const char *side, const char *item)
{
	for (size_t i = 0; a && i < a->n_offers; i++)
		if (a->offers[i].side && strcmp(a->offers[i].side, side) == 0 && a->offers[i].item &&
		    pd_fold_cmp(a->offers[i].item, item) == 0)
			return &a->offers[i];
	return NULL;
}

/* Whether o gets a row of its own: a library offer the checklist has no
 * entry for, or not the first for its entry (the checklist shows that one). */
static bool is_extra(const pd_agreement *a, const pd_rules *r, const pd_offer *o)
{
	if (!o->side || strcmp(o->side, "library") != 0 || !o->item)
		return false;
	return pd_strv_find(&r->library_offers, o->item) < 0 || offer_of(a, "library", o->item) != o;
}

static char *concat3(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s%s%s", a, b, c);
	return s;
}

/* A row's value as its item (allocated; NULL when there is none) and
 * whether it is ticked. A value without the box is an item meant. */
static char *row_item(const char *v, bool *on)
{
	*on = true;
	if (!v)
		return NULL;
	if (strncmp(v, OFFERED, strlen(OFFERED)) == 0) {
		v += strlen(OFFERED);
	} else if (strncmp(v, NOT_OFFERED, strlen(NOT_OFFERED)) == 0) {
		v += strlen(NOT_OFFERED);
		*on = false;
	}
	char *item = pd_strdup(v);
	if (item && !*pd_trim(item)) {
		free(item);
		item = NULL;
	}
	return item;
}

/* Row j's item and tick; false when the form has no row j. */
static bool row_read(pd_form *f, size_t j, char **item, bool *on)
{
	char key[64];
	key_n(key, sizeof key, EXTRA, j);
	*item = NULL;
	if (!pd_form_field(f, key))
		return false;
	char *v = pd_form_value(f, key);
	*item = row_item(v, on);
	free(v);
	return true;
}

static size_t row_count(pd_form *f)
{
	char key[64];
	size_t j = 0;
	for (;; j++) {
		key_n(key, sizeof key, EXTRA, j);
		if (!pd_form_field(f, key))
			return j;
	}
}

/* Makes fld the row of `item`, ticked or not: Space cycles between this
 * item's two values only, shown marked when the config does not list it. */
static bool row_fill(pd_field *fld, const pd_rules *r, const char *item, bool on)
{
	const char *mark = pd_strv_find(&r->library_offers, item) < 0 ? NOT_IN_CONFIG : "";
	char *off = concat3(NOT_OFFERED, item, ""), *yes = concat3(OFFERED, item, "");
	char *off_shown = concat3(NOT_OFFERED, item, mark), *yes_shown = concat3(OFFERED, item, mark);
	bool ok = off && yes && off_shown && yes_shown;
	if (ok) {
		pd_strv_clear(&fld->choices);
		pd_strv_clear(&fld->shown);
		ok = pd_strv_push(&fld->choices, off) && pd_strv_push(&fld->choices, yes);
		fld->choice = on && fld->choices.n > 1 ? 1 : 0;
		if (ok && *mark) {
			pd_field_choice_show(fld, off, off_shown);
			pd_field_choice_show(fld, yes, yes_shown);
		}
	}
	free(off);
	free(yes);
	free(off_shown);
	free(yes_shown);
	return ok;
}

/* Adds row j (and its note) at the end of the form. */
static bool row_add(pd_form *f, const pd_rules *r, size_t j, const char *item, bool on, const char *note)
{
	char key[64];
	key_n(key, sizeof key, EXTRA, j);
	/* With no checklist configured, the first row heads the library's side. */
	pd_field *fld = pd_form_add_choice(f, key, j == 0 && r->library_offers.n == 0 ? "Library offers" : "", NULL, NULL);
	if (!fld || !row_fill(fld, r, item, on))
		return false;
	key_n(key, sizeof key, EXTRA_NOTE, j);
	return pd_form_add(f, PD_FIELD_TEXT, key, "  note", note) != NULL;
}

/* A row added once the form is built (a conflict's "back", a draft)
 * belongs with the library's offers, not after the notes where
 * pd_form_add puts it: the row and its note move to just before the
 * partner's offers. The form keeps its fields as plain values by index,
 * so they are swapped in place; the cursor stays on its field. */
static bool row_append(pd_form *f, const pd_rules *r, const char *item, bool on, const char *note)
{
	if (!row_add(f, r, row_count(f), item, on, note))
		return false;
	size_t n = pd_form_count(f), at = n;
	for (size_t i = 0; i < n && at == n; i++)
		if (strcmp(pd_form_at(f, i)->key, "partner_offers") == 0)
			at = i;
	if (at + 2 >= n)
		return true;
	char *focus = pd_strdup(pd_form_focused_key(f));
	for (int k = 0; k < 2; k++) {
		for (size_t i = n - 1; i > at; i--) {
			pd_field *a = pd_form_at(f, i - 1), *b = pd_form_at(f, i), t = *a;
			*a = *b;
			*b = t;
		}
	}
	if (focus)
		pd_form_focus(f, focus);
	free(focus);
	return true;
}

/* The form's values as an agreement (id and version left to the caller);
 * false with the field focused when a date is not one. */
static bool form_agreement(pd_form *f, const pd_rules *r, pd_agreement *a, pd_error *err)
{
	bool ok = date_of(f, "start", "start date", a->start_date, err) &&
	          date_of(f, "end", "end date", a->end_date, err) &&
	          date_of(f, "review", "review date", a->review_date, err);
	if (!ok)
		return false;
	a->stage = pd_form_value(f, "stage");
	a->title = pd_form_value(f, "title");
	a->approved_by = pd_form_value(f, "approved_by");
	a->notes = pd_form_value(f, "notes");
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
		if (offered && !pd_agreement_add_offer(a, "library", r->library_offers.v[i], note))
			ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		free(v);
		free(note);
	}
	for (size_t j = 0; ok; j++) {
		char *item = NULL;
		bool on = true;
		if (!row_read(f, j, &item, &on))
			break;
		key_n(key, sizeof key, EXTRA_NOTE, j);
		char *note = pd_form_value(f, key);
		/* As on the checklist: unticked and without a note it goes. */
		if (item && (on || note) && !pd_agreement_add_offer(a, "library", item, note))
			ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		free(item);
		free(note);
	}
	char *theirs = pd_form_value(f, "partner_offers");
	if (ok && !partner_offers(a, theirs))
		ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	free(theirs);
	return ok;
}

/* The agreement the form writes over, as it is in the database now: the
 * one it edits, or for a new one the agreement for `stage` (the form's)
 * someone else may have recorded since. *out NULL when there is none. */
static bool reread(pd_db *db, const agreement_ctx *c, const char *stage, pd_agreement **out, pd_error *err)
{
	*out = NULL;
	pd_agreements list = {0};
	if (!pd_agreement_list(db, c->partner_id, &list, err))
		return false;
	pd_agreement *hit = NULL;
	for (size_t i = 0; i < list.n && !hit; i++) {
		pd_agreement *a = &list.v[i];
		if (c->agreement_id ? a->id == c->agreement_id
		                    : i == 0 && a->stage && stage && pd_fold_cmp(a->stage, stage) == 0)
			hit = a;
	}
	bool ok = true;
	if (hit) {
		*out = malloc(sizeof **out);
		if (*out) {
			**out = *hit;
			memset(hit, 0, sizeof *hit);
		} else {
			ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
	}
	pd_agreements_finish(&list);
	return ok;
}

static bool agreement_save(pd_form *f, pd_error *err)
{
	agreement_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	const pd_rules *r = pd_db_rules(db);
	pd_agreement a = {0};
	bool ok = form_agreement(f, r, &a, err);
	const char *wrong;
	if (ok && !pd_agreement_dates_agree(&a, &wrong, err)) {
		pd_form_focus(f, wrong);
		ok = false;
	}
	if (ok && !pd_agreement_approval_given(r, &a, err)) {
		pd_form_focus(f, "approved_by");
		ok = false;
	}
	a.id = c->agreement_id;
	a.partner_id = c->partner_id;
	a.version = c->version;
	/* Two people recording the stage's agreement at once would make two,
	 * the newer hiding the older from this form: the model makes the
	 * second to save meet the first as a conflict instead. */
	if (ok)
		ok = a.id ? pd_agreement_update(db, &a, err) : pd_agreement_insert_first(db, &a, err);
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

/* One side's offers as "item: note" entries joined by sep (a line each in
 * the form, "; " in the conflict dialog); the library's in the checklist's
 * order so that two agreements compare fairly. Allocated. */
static char *offers_text(const pd_agreement *a, const pd_rules *r, const char *side, const char *sep)
{
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	if (!m)
		return NULL;
	bool first = true, library = strcmp(side, "library") == 0;
	for (size_t pass = library ? 0 : 1; pass < 2; pass++) {
		for (size_t i = 0; a && i < (pass ? a->n_offers : r->library_offers.n); i++) {
			const pd_offer *o = pass ? &a->offers[i] : offer_of(a, side, r->library_offers.v[i]);
			if (!o || !o->side || strcmp(o->side, side) != 0)
				continue;
			if (pass && library && !is_extra(a, r, o))
				continue;   /* listed in the first pass */
			fprintf(m, "%s%s%s%s", first ? "" : sep, o->item ? o->item : "", o->note ? ": " : "",
			        o->note ? o->note : "");
			first = false;
		}
	}
	fclose(m);
	return out;
}

/* A stage as people read it. */
static const char *stage_label(const pd_rules *r, const char *name)
{
	const pd_stage *st = pd_rules_stage(r, name);
	return st && st->label ? st->label : name;
}

/* Field i of afields in a, allocated: as the dialog shows it (`shown`: the
 * stage by its label, offers "; " apart), else as the form holds it. */
static char *agreement_text(const pd_agreement *a, const pd_rules *r, size_t i, bool shown)
{
	switch (i) {
	case AF_TITLE: return pd_strdup(a->title ? a->title : "");
	case AF_STAGE: return pd_strdup(!a->stage ? "" : shown ? stage_label(r, a->stage) : a->stage);
	case AF_START: return pd_strdup(a->start_date);
	case AF_END: return pd_strdup(a->end_date);
	case AF_REVIEW: return pd_strdup(a->review_date);
	case AF_APPROVED: return pd_strdup(a->approved_by ? a->approved_by : "");
	case AF_LIBRARY: return offers_text(a, r, "library", "; ");
	case AF_PARTNER: return offers_text(a, r, "partner", shown ? "; " : "\n");
	default: return pd_strdup(a->notes ? a->notes : "");
	}
}

/* Whether a library item is offered, and its note, as one comparable string. */
static char *library_state(const pd_agreement *a, const char *item)
{
	const pd_offer *o = offer_of(a, "library", item);
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	if (!m)
		return NULL;
	fprintf(m, "%s%s", o ? "1:" : "0", o && o->note ? o->note : "");
	fclose(m);
	return out;
}

/* a's offers of `item` that have rows of their own, their notes in order,
 * as one comparable string. */
static char *extra_state(const pd_agreement *a, const pd_rules *r, const char *item)
{
	char *out = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&out, &len);
	if (!m)
		return NULL;
	for (size_t i = 0; a && i < a->n_offers; i++)
		if (is_extra(a, r, &a->offers[i]) && pd_fold_cmp(a->offers[i].item, item) == 0)
			fprintf(m, "1:%s\x1f", a->offers[i].note ? a->offers[i].note : "");
	fclose(m);
	return out;
}

static void push_unique(pd_strv *v, const char *s)
{
	if (s && pd_strv_find(v, s) < 0)
		pd_strv_push(v, s);
}

/* a's k-th offer of `item` with a row of its own, or NULL. */
static const pd_offer *nth_extra(const pd_agreement *a, const pd_rules *r, const char *item, size_t k)
{
	for (size_t i = 0; i < a->n_offers; i++)
		if (is_extra(a, r, &a->offers[i]) && pd_fold_cmp(a->offers[i].item, item) == 0 && k-- == 0)
			return &a->offers[i];
	return NULL;
}

/* Their offers of `item` come into its rows: the rows there take their
 * notes in order, ticked; rows left over are unticked (they removed
 * those), and rows they have more of are added. */
static void take_extra(pd_form *f, const pd_rules *r, const char *item, const pd_agreement *theirs)
{
	size_t k = 0;
	char key[64], *row = NULL;
	bool on;
	for (size_t j = 0; row_read(f, j, &row, &on); j++) {
		if (row && pd_fold_cmp(row, item) == 0) {
			const pd_offer *t = nth_extra(theirs, r, item, k);
			key_n(key, sizeof key, EXTRA, j);
			pd_field *fld = pd_form_field(f, key);
			if (fld)
				row_fill(fld, r, row, t != NULL);
			key_n(key, sizeof key, EXTRA_NOTE, j);
			pd_form_set_value(f, key, t ? t->note : NULL);
			k += t != NULL;
		}
		free(row);
	}
	for (const pd_offer *t; (t = nth_extra(theirs, r, item, k)); k++)
		if (!row_append(f, r, t->item, true, t->note))
			break;
}

/* "back": their changes to what I left alone come into the form; where we
 * both changed something mine stays on screen, for the person to decide. */
static void merge(pd_form *f, const pd_rules *r, const pd_agreement *base, const pd_agreement *theirs)
{
	pd_agreement mine = {0};
	pd_error err = {0};
	if (!form_agreement(f, r, &mine, &err)) {
		pd_agreement_finish(&mine);
		return;
	}
	/* The fields of one value each; a stage they left without is not taken. */
	pd_merge m = {0};
	for (size_t i = 0; i < N_AFIELDS; i++)
		if (i != AF_LIBRARY)
			pd_merge_add(&m, &afields[i], agreement_text(base, r, i, false),
			             i == AF_STAGE && !theirs->stage ? NULL : agreement_text(theirs, r, i, false),
			             agreement_text(&mine, r, i, false));
	pd_merge_take(&m, f, NULL, PD_MERGE_THEIRS);
	pd_merge_finish(&m);
	char key[64], text[512];
	for (size_t i = 0; i < r->library_offers.n; i++) {
		const char *item = r->library_offers.v[i];
		char *b = library_state(base, item), *y = library_state(&mine, item), *t = library_state(theirs, item);
		if (b && y && t && pd_merge_side(b, t, y) == PD_MERGE_THEIRS) {
			const pd_offer *o = offer_of(theirs, "library", item);
			snprintf(text, sizeof text, "%s%s", o ? OFFERED : NOT_OFFERED, item);
			key_n(key, sizeof key, "library", i);
			pd_form_set_value(f, key, text);
			key_n(key, sizeof key, "library_note", i);
			pd_form_set_value(f, key, o ? o->note : NULL);
		}
		free(b);
		free(y);
		free(t);
	}
	/* The rows of their own, item by item (an item may have several). */
	pd_strv items = {0};
	for (size_t i = 0; i < base->n_offers; i++)
		if (is_extra(base, r, &base->offers[i]))
			push_unique(&items, base->offers[i].item);
	for (size_t i = 0; i < theirs->n_offers; i++)
		if (is_extra(theirs, r, &theirs->offers[i]))
			push_unique(&items, theirs->offers[i].item);
	for (size_t i = 0; i < mine.n_offers; i++)
		if (is_extra(&mine, r, &mine.offers[i]))
			push_unique(&items, mine.offers[i].item);
	for (size_t i = 0; i < items.n; i++) {
		char *b = extra_state(base, r, items.v[i]), *y = extra_state(&mine, r, items.v[i]),
		     *t = extra_state(theirs, r, items.v[i]);
		if (b && y && t && pd_merge_side(b, t, y) == PD_MERGE_THEIRS)
			take_extra(f, r, items.v[i], theirs);
		free(b);
		free(y);
		free(t);
	}
	pd_strv_clear(&items);
	pd_agreement_finish(&mine);
}

/* The form's title: whether a save writes over an agreement or records one. */
static void form_title(char *buf, size_t len, const agreement_ctx *c)
{
	snprintf(buf, len, c->agreement_id ? "Agreement with %s" : "New agreement with %s", c->name);
}

/* From now on a save writes over `theirs` (a new one when it is gone). */
static void retarget(pd_form *f, agreement_ctx *c, const pd_agreement *theirs)
{
	c->agreement_id = theirs ? theirs->id : 0;
	c->version = theirs ? theirs->version : 0;
	pd_form_draft_target(f, c->partner_id, c->agreement_id, c->version);
	char title[512];
	form_title(title, sizeof title, c);
	pd_form_set_title(f, title);
}

static void resolved(void *ctx, pd_conflict_choice choice)
{
	pd_form *f = ctx;
	agreement_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	const pd_rules *r = pd_db_rules(pd_app_db(app));
	pd_agreement *theirs = c->theirs;
	c->theirs = NULL;
	switch (choice) {
	case PD_CONFLICT_THEIRS:
		pd_app_status(app, theirs ? "kept their agreement with %s; yours was dropped"
		                          : "the agreement with %s stays deleted; yours was dropped", c->name);
		pd_form_close(f, true);
		break;
	case PD_CONFLICT_MINE:
		/* Over the version as it is now, so the check passes this time
		 * unless someone saved yet again (then the dialog comes back). */
		retarget(f, c, theirs);
		pd_form_save_now(f);
		break;
	case PD_CONFLICT_BACK:
		retarget(f, c, theirs);
		if (theirs) {
			merge(f, r, &c->base, theirs);
			/* theirs is the starting point for a later merge */
			pd_agreement_finish(&c->base);
			c->base = *theirs;
			memset(theirs, 0, sizeof *theirs);
		}
		pd_form_set_dirty(f, true);
		char save[32];
		pd_keymap_first(pd_app_keymap(pd_form_app(f)), PD_ACT_SAVE, save, sizeof save);
		if (theirs)
			pd_form_message(f, "their changes merged in; fields you both changed keep yours. %s saves", save);
		else
			pd_form_message(f, "it was deleted meanwhile; %s records yours as a new agreement", save);
		break;
	}
	agreement_free(theirs);
}

/* The stages the form offers into *out, and the one it starts at: those an
 * agreement can be for (pd_rules_stage_takes_agreement), or every stage
 * when the config leaves none. The agreement being edited keeps its own
 * stage among them, offered or not, so that it opens and saves unchanged.
 * A new one starts at the partner's stage, or at the first offered when
 * that takes none (a partner at glance agrees on its date). */
static const char *agreement_stages(const pd_rules *r, const pd_agreement *cur, const char *partner_stage,
                                    pd_strv *out)
{
	for (size_t i = 0; i < r->n_stages; i++)
		if (pd_rules_stage_takes_agreement(r, r->stages[i].name))
			pd_strv_push(out, r->stages[i].name);
	for (size_t i = 0; out->n == 0 && i < r->n_stages; i++)
		pd_strv_push(out, r->stages[i].name);
	if (cur && cur->stage)
		return cur->stage;   /* pd_form_add_choice adds it when it is not offered */
	if (pd_strv_find(out, partner_stage) >= 0 || out->n == 0)
		return partner_stage;
	return out->v[0];
}

/* The approver recorded with the partner's latest move into `stage`
 * (allocated), or NULL: a marriage's agreement was approved by whoever
 * approved the marriage, unless the person says otherwise. */
static char *move_approver(pd_db *db, int64_t partner_id, const char *stage)
{
	pd_history h = {0};
	char *who = NULL;
	if (!stage || !pd_rules_stage_needs_approval(pd_db_rules(db), stage) ||
	    !pd_history_list(db, partner_id, &h, NULL))
		return NULL;
	const pd_move *last = NULL;
	for (size_t i = 0; i < h.n; i++)
		if (h.v[i].to && pd_fold_cmp(h.v[i].to, stage) == 0)
			last = &h.v[i];
	if (last && last->approved_by)
		who = pd_strdup(last->approved_by);
	pd_history_finish(&h);
	return who;
}

static void agreement_conflict(pd_form *f)
{
	agreement_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	const pd_rules *r = pd_db_rules(db);
	pd_error err = {0};
	pd_agreement mine = {0};
	agreement_free(c->theirs);
	c->theirs = NULL;
	/* A new one met the agreement for the stage the form chose (the
	 * model's check in pd_agreement_insert_first). */
	if (!form_agreement(f, r, &mine, &err) || !reread(db, c, mine.stage, &c->theirs, &err)) {
		pd_agreement_finish(&mine);
		pd_form_message(f, "could not read the agreement as it is now (%s); your text is kept", err.msg);
		return;
	}
	/* Field by field where theirs and mine differ, whoever changed it. */
	const pd_agreement none = {0}, *t = c->theirs ? c->theirs : &none;
	pd_merge m = {0};
	for (size_t i = 0; i < N_AFIELDS; i++)
		pd_merge_add(&m, &afields[i], NULL, agreement_text(t, r, i, true), agreement_text(&mine, r, i, true));
	pd_conflict_row rows[PD_MERGE_MAX];
	size_t n = pd_merge_rows(&m, PD_MERGE_DIFFER, rows);
	/* Who saved first, from the audit (as the partner and move dialogs
	 * say it); a deleted agreement leaves no entry of its own to ask. */
	char by[200] = "", what[512];
	bool named = c->theirs && pd_ui_changed_by(app, "agreement", c->theirs->id, NULL, by, sizeof by, NULL);
	if (!c->theirs)
		snprintf(what, sizeof what, "The agreement with %s was deleted by someone else while you edited it", c->name);
	else if (!c->agreement_id)
		snprintf(what, sizeof what, "%s saved an agreement with %s for this stage while you wrote this one",
		         named ? by : "Someone else", c->name);
	else
		snprintf(what, sizeof what, "The agreement with %s was changed by %s while you edited it", c->name,
		         named ? by : "someone else");
	pd_pane *dialog = pd_conflict_create(app, what, rows, n, resolved, f);
	pd_merge_finish(&m);
	pd_agreement_finish(&mine);
	if (!dialog) {
		pd_form_message(f, "out of memory showing what changed; your text is kept");
		return;
	}
	pd_form_set_overlay(f, dialog);
}

static const pd_form_ops agreement_ops = {
	.draft_name = "agreement",
	.save = agreement_save,
	.conflict = agreement_conflict,
	.destroy_ctx = agreement_ctx_destroy,
};

static pd_form *agreement_build(struct pd_app *app, int64_t partner_id)
{
	pd_db *db = pd_app_db(app);
	pd_error err = {0};
	pd_partner *p = pd_form_partner_get(app, partner_id);
	if (!p)
		return NULL;
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
	 * the stage it was made for; a new stage gets a new agreement. A
	 * partner back at a stage that takes none (downsized to glance,
	 * dissolved) has only the agreements it had: the newest is shown, not
	 * a new one that the model would refuse as a second for its stage. */
	const pd_rules *r = pd_db_rules(db);
	const pd_agreement *last = list.n ? &list.v[0] : NULL;
	const pd_agreement *cur = last && last->stage && pd_fold_cmp(last->stage, c->stage) == 0 ? last : NULL;
	if (!cur && last && !pd_rules_stage_takes_agreement(r, c->stage))
		cur = last;
	if (cur) {
		c->agreement_id = cur->id;
		c->version = cur->version;
	}
	char title[512];
	form_title(title, sizeof title, c);
	pd_form *f = pd_form_new(app, title, &agreement_ops, c);
	if (!f) {
		agreement_ctx_destroy(c);
		pd_agreements_finish(&list);
		pd_partner_destroy(p);
		return NULL;
	}
	pd_strv stages = {0};
	const char *stage = agreement_stages(r, cur, c->stage, &stages);
	char date_buf[PD_DATE_LEN];
	pd_form_add(f, PD_FIELD_TEXT, "title", "Title", cur ? cur->title : last ? last->title : NULL);
	pd_field *sf = pd_form_add_choice(f, "stage", "For stage", &stages, stage);
	/* Shown by label, as everywhere else; the value stays the name. */
	for (size_t i = 0; sf && i < r->n_stages; i++)
		pd_field_choice_show(sf, r->stages[i].name, r->stages[i].label);
	pd_field *start = pd_form_add(f, PD_FIELD_DATE, "start", "Starts", cur && cur->start_date[0] ? cur->start_date : NULL);
	if (start)
		start->past_ok = true;   /* agreements often began months ago */
	pd_form_add(f, PD_FIELD_DATE, "end", "Ends", cur && cur->end_date[0] ? cur->end_date : NULL);
	/* A new engagement's agreement is reviewed when the stage is. */
	snprintf(date_buf, sizeof date_buf, "%s", cur ? cur->review_date : p->review_date);
	pd_form_add(f, PD_FIELD_DATE, "review", "Review by", date_buf[0] ? date_buf : NULL);
	char *approver = cur ? NULL : move_approver(db, partner_id, stage);
	pd_form_add(f, PD_FIELD_TEXT, "approved_by", "Approved by", cur ? cur->approved_by : approver);
	free(approver);
	/* What the library offers: the configured checklist; Space ticks. */
	const pd_agreement *from = cur ? cur : last;
	for (size_t i = 0; i < r->library_offers.n; i++) {
		const char *item = r->library_offers.v[i];
		const pd_offer *o = offer_of(from, "library", item);
		pd_form_add_tick(f, "library", i, "Library offers", item, o != NULL, o ? o->note : NULL);
	}
	/* Then what it holds that the checklist has no entry for (an import,
	 * an older config): a row each, ticked, so that a save keeps it. */
	bool rows_ok = true;
	for (size_t i = 0, j = 0; rows_ok && from && i < from->n_offers; i++)
		if (is_extra(from, r, &from->offers[i]))
			rows_ok = row_add(f, r, j++, from->offers[i].item, true, from->offers[i].note);
	if (!rows_ok) {
		/* A form without the row would drop the offer on save. */
		pd_app_status(app, "out of memory opening the agreement with %s", c->name);
		pd_strv_clear(&stages);
		pd_form_free(f);
		pd_agreements_finish(&list);
		pd_partner_destroy(p);
		return NULL;
	}
	/* What the partner offers: free items, one "item: note" a line. */
	char *theirs = offers_text(from, r, "partner", "\n");
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
	/* What the form showed on opening: a conflict's merge compares with it. */
	if (!form_agreement(f, r, &c->base, &err)) {
		pd_agreement_finish(&c->base);
		memset(&c->base, 0, sizeof c->base);
	}
	pd_form_focus(f, "title");
	pd_agreements_finish(&list);
	pd_partner_destroy(p);
	return f;
}

/* The rows of their own as the draft has them. The form was built from the
 * agreement as it is now, which may hold other offers than when the draft
 * was typed: every offer either has is kept as a row, none dropped unseen. */
static void draft_rows(pd_form *f, const agreement_ctx *c, const pd_rules *r, const char *payload)
{
	char key[64];
	/* Rows the draft has beyond the form's (an offer removed since). */
	for (size_t j = row_count(f);; j++) {
		key_n(key, sizeof key, EXTRA, j);
		char *v = pd_payload_get(payload, key);
		if (!v)
			break;
		key_n(key, sizeof key, EXTRA_NOTE, j);
		char *note = pd_payload_get(payload, key);
		bool on = true;
		char *item = row_item(v, &on);
		bool ok = !item || row_append(f, r, item, on, note);
		free(item);
		free(note);
		free(v);
		if (!ok)
			break;
	}
	/* A row the draft gave another item than the form put there cycles
	 * between that item's values, not the other's. */
	char *item = NULL;
	bool on;
	for (size_t j = 0; row_read(f, j, &item, &on); j++) {
		key_n(key, sizeof key, EXTRA, j);
		pd_field *fld = pd_form_field(f, key);
		if (item && fld)
			row_fill(fld, r, item, on);
		free(item);
	}
	/* Offers made since the draft was typed, which it has no row for:
	 * the k-th of an item gets a row when there are fewer than k. */
	const pd_agreement *now = &c->base;
	for (size_t i = 0; i < now->n_offers; i++) {
		const pd_offer *o = &now->offers[i];
		if (!is_extra(now, r, o))
			continue;
		size_t k = 0, rows = 0;
		for (size_t m = 0; m <= i; m++)
			k += is_extra(now, r, &now->offers[m]) && pd_fold_cmp(now->offers[m].item, o->item) == 0;
		for (size_t j = 0; row_read(f, j, &item, &on); j++) {
			rows += item && pd_fold_cmp(item, o->item) == 0;
			free(item);
		}
		if (rows < k && !row_append(f, r, o->item, true, o->note))
			break;
	}
}

pd_pane *pd_form_agreement_create(struct pd_app *app, int64_t partner_id)
{
	return pd_form_pane(agreement_build(app, partner_id));
}

pd_pane *pd_form_agreement_edit_at(struct pd_app *app, int64_t partner_id, const char *field)
{
	pd_form *f = agreement_build(app, partner_id);
	if (f && field)
		pd_form_focus(f, field);
	return pd_form_pane(f);
}

/* An agreement typed for a partner since gone, at partner_id: what was
 * typed fills the form of partner_id's agreement as it stands (the one
 * for its stage, which a save then writes over, else a new one); the note
 * says which. */
static pd_pane *agreement_at(struct pd_app *app, const pd_draft *d, int64_t partner_id, const char *why)
{
	pd_form *f = agreement_build(app, partner_id);
	if (!f)
		return NULL;
	pd_form_draft_adopt(f, d);
	agreement_ctx *c = pd_form_ctx(f);
	pd_form_draft_target(f, partner_id, c->agreement_id, c->version);
	const pd_rules *r = pd_db_rules(pd_app_db(app));
	draft_rows(f, c, r, d->payload);
	char save[32];
	pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
	if (c->agreement_id) {
		const pd_stage *st = c->base.stage ? pd_rules_stage(r, c->base.stage) : NULL;
		pd_form_note(f, "%s; it now goes to %s: %s writes it over their agreement%s%s", why, c->name, save,
		             st ? " for " : "", st ? (st->label && *st->label ? st->label : st->name) : "");
	} else {
		pd_form_note(f, "%s; it now goes to %s as a new agreement; %s saves", why, c->name, save);
	}
	return pd_form_pane(f);
}

pd_pane *pd_form_agreement_from_draft(struct pd_app *app, const pd_draft *d)
{
	/* Its partner deleted since: what was typed goes to one chosen. */
	pd_partner *p = d->partner_id ? pd_partner_get(pd_app_db(app), d->partner_id, NULL) : NULL;
	if (!p)
		return pd_form_draft_repick(app, d, "agreement", NULL, agreement_at);
	pd_partner_destroy(p);
	pd_form *f = agreement_build(app, d->partner_id);
	if (!f)
		return NULL;
	pd_form_draft_adopt(f, d);
	/* The draft was typed over the agreement as it was then (or before
	 * there was one): a save meets anything saved since as a conflict.
	 * What the form showed then is not in the draft, so "back" keeps all
	 * of the draft that differs: nothing typed is guessed away. */
	agreement_ctx *c = pd_form_ctx(f);
	c->agreement_id = d->target_id;
	c->version = d->target_version;
	draft_rows(f, c, pd_db_rules(pd_app_db(app)), d->payload);
	return pd_form_pane(f);
}

/* A date field of an agreement's draft as the day it names ("+30d"
 * typed is a day); as typed when it names none. */
static char *draft_date(const char *payload, const char *key)
{
	char *v = pd_payload_get(payload, key), d[PD_DATE_LEN];
	if (v && pd_date_parse(pd_trim(v), time(NULL), d, NULL)) {
		free(v);
		return pd_strdup(d);
	}
	return v;
}

/* A library offer's tick and note as one line: "offered: note". */
static char *offered_text(bool on, const char *note)
{
	char buf[600];
	snprintf(buf, sizeof buf, "%s%s%s", on ? "offered" : "not offered", on && note && *note ? ": " : "",
	         on && note ? note : "");
	return pd_strdup(buf);
}

bool pd_form_agreement_preview(struct pd_app *app, const pd_draft *d, char *out, size_t size)
{
	pd_db *db = pd_app_db(app);
	const pd_rules *r = db ? pd_db_rules(db) : NULL;
	if (!r || !d->partner_id)
		return false;
	pd_agreements list = {0};
	const pd_agreement *base = NULL;
	if (d->target_id) {
		if (!pd_agreement_list(db, d->partner_id, &list, NULL))
			return false;
		for (size_t i = 0; i < list.n; i++)
			if (list.v[i].id == d->target_id)
				base = &list.v[i];
		if (!base) {
			pd_agreements_finish(&list);
			return false;
		}
	}
	size_t max = N_AFIELDS + 2 * r->library_offers.n;
	pd_draft_field *fields = calloc(max, sizeof *fields);
	char **owned = calloc(2 * max, sizeof *owned);
	size_t n = 0, k = 0;
	for (size_t i = 0; fields && owned && i < N_AFIELDS; i++) {
		if (i == AF_LIBRARY) {
			/* The checklist, an item each, named by the item. */
			for (size_t j = 0; j < r->library_offers.n; j++) {
				const char *item = r->library_offers.v[j];
				char key[64];
				snprintf(key, sizeof key, "library.%zu", j);
				char *tick = pd_payload_get(d->payload, key);
				snprintf(key, sizeof key, "library_note.%zu", j);
				char *note = pd_payload_get(d->payload, key);
				const pd_offer *o = base ? offer_of(base, "library", item) : NULL;
				owned[k] = base || tick ? offered_text(o != NULL, o ? o->note : NULL) : NULL;
				owned[k + 1] = tick ? offered_text(strncmp(tick, PD_FORM_TICKED, strlen(PD_FORM_TICKED)) == 0,
				                                   note ? pd_trim(note) : NULL) : NULL;
				/* A new agreement's items not ticked are not typed. */
				if (!base && owned[k + 1] && strncmp(owned[k + 1], "not", 3) == 0) {
					free(owned[k + 1]);
					owned[k + 1] = NULL;
				}
				fields[n++] = (pd_draft_field){.label = item, .stored = owned[k], .typed = owned[k + 1]};
				k += 2;
				free(tick);
				free(note);
			}
			continue;
		}
		/* A new agreement's stage is its partner's: no news. */
		if (!base && i == AF_STAGE)
			continue;
		owned[k] = base ? agreement_text(base, r, i, false) : NULL;
		owned[k + 1] = i == AF_START || i == AF_END || i == AF_REVIEW ? draft_date(d->payload, afields[i].key)
			: pd_payload_get(d->payload, afields[i].key);
		fields[n++] = (pd_draft_field){.label = afields[i].label, .stored = owned[k], .typed = owned[k + 1]};
		k += 2;
	}
	bool done = fields && owned;
	if (done)
		pd_draft_changes(fields, n, base != NULL, pd_locale_utf8() ? "\xe2\x86\x92" : NULL, out, size);
	for (size_t i = 0; owned && i < k; i++)
		free(owned[i]);
	free(owned);
	free(fields);
	pd_agreements_finish(&list);
	return done;
}
