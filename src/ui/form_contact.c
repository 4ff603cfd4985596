/* Adding or editing a contact person at a partner: name, title, email,
 * phone, preferred channel and notes. A new person whose partner is deleted
 * (meanwhile, or before the draft is reopened) goes to one chosen; an edit
 * remembers the version it opened on, and a colleague's save meanwhile is
 * shown field by field in the conflict dialog, never overwritten. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "form_merge.h"
#include "meanwhile.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/keymap.h"

#define NO_CHANNEL "(no preference)"

typedef struct contact_ctx {
	int64_t partner_id;       /* 0: deleted, and none chosen yet */
	char partner_name[256];   /* for the status line (cut if longer, on a character's edge) */
	char gone[200];           /* what became of the partner, when deleted */
	pd_contact *base;         /* an edit: the person as the form opened (or
	                           * as last rebased on); NULL adding one */
	pd_contact *theirs;       /* during a conflict: the person as it is now */
} contact_ctx;

/* The form's fields, in order, with the contact's member each shows. */
#define CF(k, l, member) {.key = k, .label = l, .off = offsetof(pd_contact, member)}
static const pd_merge_field cfields[] = {
	CF("name", "Name", name), CF("title", "Title", title), CF("email", "Email", email),
	CF("phone", "Phone", phone), CF("channel", "Prefers", channel), CF("notes", "Notes", notes),
};
#undef CF
#define N_CFIELDS (sizeof cfields / sizeof cfields[0])

/* A contact's field as the form shows it ("" for none). */
static const char *cfield_of(const pd_contact *c, const pd_merge_field *cf)
{
	const char *v = c ? *(char *const *)((const char *)c + cf->off) : NULL;
	if (!v)
		v = strcmp(cf->key, "channel") == 0 ? NO_CHANNEL : "";
	return v;
}

/* The form's field as cfield_of gives a contact's ("" for empty); allocated. */
static char *form_field(pd_form *f, const pd_merge_field *cf)
{
	char *v = pd_form_value(f, cf->key);
	if (!v)
		v = pd_strdup(strcmp(cf->key, "channel") == 0 ? NO_CHANNEL : "");
	return v;
}

static void contact_ctx_destroy(void *p)
{
	contact_ctx *c = p;
	if (!c)
		return;
	pd_contact_destroy(c->base);
	pd_contact_destroy(c->theirs);
	free(c);
}

static bool contact_set_partner(pd_form *f, int64_t partner_id);

/* The partner chosen for a person whose own was deleted. */
static void repicked(struct pd_app *app, int64_t id, void *ctx)
{
	pd_form *f = ctx;
	contact_ctx *c = pd_form_ctx(f);
	char save[32];
	pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
	if (id && contact_set_partner(f, id))
		pd_form_note(f, "this person now goes to %s; %s saves them", c->partner_name, save);
	else
		pd_form_note(f, "%s; what you typed is kept here, and %s chooses a partner for this person",
		             c->gone, save);
}

/* The partner is gone (a colleague deleted it, a restore took it away):
 * what was typed is not lost with it. The person chooses whom the contact
 * goes to, or goes back to the form (Esc), where it stays a draft. `name`
 * is the partner's, "" when not known (a draft's, reopened). */
static void partner_gone(pd_form *f, const char *name, pd_error *err)
{
	contact_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	char who[120], title[200];
	c->partner_id = 0;
	pd_form_draft_target(f, 0, 0, 0);
	if (name && *name) {
		pd_utf8_fit(who, sizeof who, name, 80);
		pd_format(c->gone, sizeof c->gone, "%s was deleted meanwhile", who);
		pd_format(title, sizeof title, "%s is gone", who);
	} else {
		pd_format(c->gone, sizeof c->gone, "the partner this person was typed for has been deleted");
		pd_format(title, sizeof title, "Their partner was deleted");
	}
	/* cancel always has a key: the picker's way back as bound */
	char back[32];
	pd_keymap_first(pd_app_keymap(app), PD_ACT_CANCEL, back, sizeof back);
	pd_error_set(err, PD_ERR_NOTFOUND, "%s: choose the partner this person is at (%s: back to the form)",
	             c->gone, back);
	/* The picker covers the form's message: its title says why it is up. */
	pd_pane *pick = pd_picker_partner_create(app, repicked, f);
	if (pick) {
		pd_picker_partner_title(pick, title);
		/* Kept whole at any width: the name before it is what shortens. */
		pd_picker_partner_question(pick, ": whose contact is this?");
		pd_form_set_overlay(f, pick);
	}
}

static bool contact_save(pd_form *f, pd_error *err)
{
	contact_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	if (!c->partner_id) {
		partner_gone(f, c->partner_name, err);
		return false;
	}
	pd_contact ct = {0};
	ct.partner_id = c->partner_id;
	ct.name = pd_form_value(f, "name");
	if (!ct.name) {
		pd_form_focus(f, "name");
		return pd_error_set(err, PD_ERR_INVALID, "a contact person needs a name");
	}
	/* The model's rule, said here with the field focused; a name kept
	 * from before the rule is not the edit's to refuse. */
	char why[200];
	if (!pd_same_text(ct.name, c->base ? c->base->name : NULL)
	    && !pd_name_fits(ct.name, "contact's", why, sizeof why)) {
		pd_form_focus(f, "name");
		free(ct.name);
		return pd_error_set(err, PD_ERR_INVALID, "Name: %s", why);
	}
	/* An edit does not refuse a value stored before (an import kept it). */
	if (!pd_form_reach_fit(f, "email", PD_REACH_EMAIL, c->base ? c->base->email : NULL, err)
	    || !pd_form_reach_fit(f, "phone", PD_REACH_PHONE, c->base ? c->base->phone : NULL, err)
	    || !pd_form_notes_fit(f, "notes", err)) {
		free(ct.name);
		return false;
	}
	ct.title = pd_form_value(f, "title");
	ct.email = pd_form_value(f, "email");
	ct.phone = pd_form_value(f, "phone");
	ct.notes = pd_form_value(f, "notes");
	ct.channel = pd_form_value(f, "channel");
	if (ct.channel && strcmp(ct.channel, NO_CHANNEL) == 0) {
		free(ct.channel);
		ct.channel = NULL;
	}
	if (c->base) {
		ct.id = c->base->id;
		ct.version = c->base->version;
		int64_t was = ct.version;
		bool ok = pd_contact_update(db, &ct, err);
		if (ok && ct.version == was)
			pd_app_status(app, "nothing changed: %s is as it was", ct.name);
		else if (ok)
			pd_app_status(app, "saved %s at %s", ct.name, c->partner_name);
		pd_contact_finish(&ct);
		return ok;
	}
	bool ok = pd_contact_insert(db, &ct, err);
	if (!ok && err->code == PD_ERR_NOTFOUND) {
		/* Only the partner can be missing: a colleague deleted it (or a
		 * restore took it away) while the form was open. */
		pd_error gone = {0};
		pd_partner *p = pd_partner_get(db, c->partner_id, &gone);
		pd_partner_destroy(p);
		if (!p && gone.code == PD_ERR_NOTFOUND)
			partner_gone(f, c->partner_name, err);
	}
	if (ok) {
		const pd_rules *rules = pd_db_rules(db);
		bool outreach = ct.title && rules && pd_rules_is_outreach_title(rules, ct.title);
		pd_app_status(app, "added %s at %s%s", ct.name, c->partner_name,
			outreach ? " (a likely outreach contact)" : "");
	}
	pd_contact_finish(&ct);
	return ok;
}


/* An edit's title: the person by name, at their partner. */
static void edit_title(pd_form *f, const contact_ctx *c, const pd_contact *who)
{
	char title[512];
	pd_format(title, sizeof title, "Edit %s at %s", who->name ? who->name : "contact person", c->partner_name);
	pd_form_set_title(f, title);
}

/* From now on a save writes over `theirs`: the version check passes unless
 * someone saves yet again. */
static void rebase(pd_form *f, contact_ctx *c, pd_contact *theirs)
{
	pd_contact_destroy(c->base);
	c->base = theirs;
	pd_form_draft_target(f, c->partner_id, theirs->id, theirs->version);
}

/* The merge's sides: the person as the form opened (or was last rebased),
 * as stored now, as typed. */
static char *merge_base(pd_form *f, const pd_merge_field *cf)
{
	return pd_strdup(cfield_of(((contact_ctx *)pd_form_ctx(f))->base, cf));
}

static char *merge_theirs(pd_form *f, const pd_merge_field *cf)
{
	return pd_strdup(cfield_of(((contact_ctx *)pd_form_ctx(f))->theirs, cf));
}

static const pd_merge_ops contact_merge = {
	.fields = cfields,
	.n = N_CFIELDS,
	.base = merge_base,
	.theirs = merge_theirs,
	.mine = form_field,
};

static void resolved(void *ctx, pd_conflict_choice choice)
{
	pd_form *f = ctx;
	contact_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_contact *theirs = c->theirs;
	if (!theirs)
		return;
	if (choice == PD_CONFLICT_BACK) {
		/* What only they changed comes in; what I changed stays mine. */
		pd_merge m = {0};
		pd_merge_read(&m, f, &contact_merge);
		pd_merge_take(&m, f, NULL, PD_MERGE_THEIRS);
		pd_merge_finish(&m);
	}
	c->theirs = NULL;
	char save[32];
	switch (choice) {
	case PD_CONFLICT_THEIRS:
		pd_app_status(app, "kept %s as saved meanwhile; yours was dropped", theirs->name);
		pd_contact_destroy(theirs);
		pd_form_close(f, true);
		return;
	case PD_CONFLICT_MINE:
		rebase(f, c, theirs);
		pd_form_save_now(f);
		return;
	case PD_CONFLICT_BACK:
		rebase(f, c, theirs);
		pd_form_set_dirty(f, true);
		pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
		pd_form_message(f, "their changes merged in; fields you both changed keep yours. %s saves", save);
		return;
	}
}

static void contact_conflict(pd_form *f)
{
	contact_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_error err = {0};
	pd_contact_destroy(c->theirs);
	c->theirs = pd_contact_get(pd_app_db(app), c->base->id, &err);
	pd_app_reload(app);
	char by[200] = "", cancel[32];
	if (!pd_ui_changed_by(app, "contact", c->base->id, NULL, by, sizeof by, NULL))
		snprintf(by, sizeof by, "someone else");
	if (!c->theirs) {
		pd_keymap_first(pd_app_keymap(app), PD_ACT_CANCEL, cancel, sizeof cancel);
		if (err.code == PD_ERR_NOTFOUND)
			pd_form_note(f, "%s was removed by %s meanwhile, so there is nothing to save this edit to; "
			             "%s, then C-x, closes the form", c->base->name, by, cancel[0] ? cancel : "cancel");
		else
			pd_form_message(f, "could not read %s as it is now: %s", c->base->name, err.msg);
		return;
	}
	/* Field by field where theirs and mine differ, whoever changed it. */
	pd_merge m = {0};
	pd_merge_read(&m, f, &contact_merge);
	pd_conflict_row rows[PD_MERGE_MAX];
	size_t n = pd_merge_rows(&m, PD_MERGE_DIFFER, rows);
	char what[512];
	snprintf(what, sizeof what, "%s was changed by %s while you edited them", c->base->name, by);
	pd_pane *dialog = pd_conflict_create(app, what, rows, n, resolved, f);
	pd_merge_finish(&m);
	if (!dialog) {
		pd_form_message(f, "out of memory showing what changed; your text is kept");
		return;
	}
	pd_form_set_overlay(f, dialog);
}

static const pd_form_ops contact_ops = {
	.draft_name = "contact",
	.save = contact_save,
	.conflict = contact_conflict,
	.destroy_ctx = contact_ctx_destroy,
};

/* Points the form at a partner: its name in the title and the status
 * line, its id in the draft. */
static bool contact_set_partner(pd_form *f, int64_t partner_id)
{
	contact_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_partner *p = pd_form_partner_get(app, partner_id);
	if (!p)
		return false;
	c->partner_id = partner_id;
	/* pd_format: a name (up to 800 bytes) cut on a character's edge */
	pd_format(c->partner_name, sizeof c->partner_name, "%s", p->name ? p->name : "the partner");
	char title[512];
	pd_format(title, sizeof title, "New contact person at %s", p->name ? p->name : "?");
	pd_partner_destroy(p);
	pd_form_set_title(f, title);
	pd_form_draft_target(f, partner_id, 0, 0);
	return true;
}

/* The form, at partner_id; with partner_id 0 at none yet (its draft's
 * partner was deleted), the title saying so. */
static pd_form *contact_build(struct pd_app *app, int64_t partner_id, pd_contact *base)
{
	pd_db *db = pd_app_db(app);
	contact_ctx *c = calloc(1, sizeof *c);
	if (!c) {
		pd_contact_destroy(base);
		return NULL;
	}
	c->base = base;
	pd_form *f = pd_form_new(app, "New contact person (their partner was deleted)", &contact_ops, c);
	if (!f) {
		contact_ctx_destroy(c);
		return NULL;
	}
	if (partner_id && !contact_set_partner(f, partner_id)) {
		pd_form_free(f);
		return NULL;
	}
	if (base) {
		edit_title(f, c, base);
		pd_form_draft_target(f, partner_id, base->id, base->version);
	}
	const pd_rules *rules = pd_db_rules(db);
	pd_strv channels = {0};
	pd_strv_push(&channels, NO_CHANNEL);
	for (size_t i = 0; rules && i < rules->channels.n; i++)
		pd_strv_push(&channels, rules->channels.v[i]);
	const pd_contact *b = c->base;   /* set before: an edit opens filled */
	pd_form_add(f, PD_FIELD_TEXT, "name", "Name", b ? b->name : NULL);
	pd_form_add(f, PD_FIELD_TEXT, "title", "Title", b ? b->title : NULL);
	pd_form_add(f, PD_FIELD_TEXT, "email", "Email", b ? b->email : NULL);
	pd_form_add(f, PD_FIELD_TEXT, "phone", "Phone", b ? b->phone : NULL);
	pd_form_add_choice(f, "channel", "Prefers", &channels, b && b->channel ? b->channel : NO_CHANNEL);
	pd_field *notes = pd_form_add(f, PD_FIELD_LONG, "notes", "Notes", b ? b->notes : NULL);
	if (notes)
		notes->rows = 4;
	pd_strv_clear(&channels);
	free(channels.v);
	return f;
}

pd_pane *pd_form_contact_create(struct pd_app *app, int64_t partner_id)
{
	if (!partner_id) {
		pd_app_status(app, "no partner selected");
		return NULL;
	}
	return pd_form_pane(contact_build(app, partner_id, NULL));
}

pd_pane *pd_form_contact_edit(struct pd_app *app, int64_t contact_id)
{
	pd_error err = {0};
	pd_contact *ct = pd_contact_get(pd_app_db(app), contact_id, &err);
	if (!ct) {
		pd_app_status(app, "%s", err.msg);
		return NULL;
	}
	return pd_form_pane(contact_build(app, ct->partner_id, ct));
}

pd_pane *pd_form_contact_from_draft(struct pd_app *app, const pd_draft *d)
{
	/* Its partner deleted since (the draft then names none, or one a
	 * restore took away): the form opens all the same, asking where
	 * the person goes. */
	pd_partner *p = d->partner_id ? pd_partner_get(pd_app_db(app), d->partner_id, NULL) : NULL;
	pd_partner_destroy(p);
	/* An edit's draft edits the person still; one removed since is
	 * offered as a new person, so what was typed can still be kept. */
	pd_contact *base = p && d->target_id ? pd_contact_get(pd_app_db(app), d->target_id, NULL) : NULL;
	pd_form *f = contact_build(app, p ? d->partner_id : 0, base);
	if (!f)
		return NULL;
	pd_form_draft_adopt(f, d);
	contact_ctx *c = pd_form_ctx(f);
	if (c->base && d->target_version) {
		/* Typed over the version it opened on: a save meets anything
		 * saved since as a conflict. */
		c->base->version = d->target_version;
	} else if (p && d->target_id) {
		char save[32];
		pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
		pd_form_draft_target(f, d->partner_id, 0, 0);
		pd_form_note(f, "the person this edit was for has been removed; %s adds them again", save);
	}
	if (!p) {
		pd_error err = {0};
		partner_gone(f, NULL, &err);
		pd_form_note(f, "%s", err.msg);
	}
	return pd_form_pane(f);
}

bool pd_form_contact_preview(struct pd_app *app, const pd_draft *d, char *out, size_t size)
{
	pd_db *db = pd_app_db(app);
	pd_contact *base = d->target_id && db ? pd_contact_get(db, d->target_id, NULL) : NULL;
	if (d->target_id && !base)
		return false;
	pd_draft_field fields[N_CFIELDS];
	char *typed[N_CFIELDS] = {0};
	for (size_t i = 0; i < N_CFIELDS; i++) {
		typed[i] = pd_payload_get(d->payload, cfields[i].key);
		fields[i] = (pd_draft_field){.label = cfields[i].label, .stored = cfield_of(base, &cfields[i]),
		                             .typed = typed[i]};
	}
	pd_draft_changes(fields, N_CFIELDS, base != NULL, pd_locale_utf8() ? "\xe2\x86\x92" : NULL, out, size);
	for (size_t i = 0; i < N_CFIELDS; i++)
		free(typed[i]);
	pd_contact_destroy(base);
	return true;
}
