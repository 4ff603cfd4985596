/* Adding a contact person at a partner: name, title, email, phone,
 * preferred channel and notes; when the partner is deleted (meanwhile, or
 * before the person's draft is reopened), the person goes to one chosen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
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
	char partner_name[256];   /* for the status line (cut if longer) */
	char gone[200];           /* what became of the partner, when deleted */
} contact_ctx;

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
		pd_format(title, sizeof title, "%s is gone: whose contact is this?", who);
	} else {
		pd_format(c->gone, sizeof c->gone, "the partner this person was typed for has been deleted");
		pd_format(title, sizeof title, "Their partner was deleted: whose contact is this?");
	}
	pd_error_set(err, PD_ERR_NOTFOUND, "%s: choose the partner this person is at (Esc: back to the form)",
	             c->gone);
	/* The picker covers the form's message: its title says why it is up. */
	pd_pane *pick = pd_picker_partner_create(app, repicked, f);
	if (pick) {
		pd_picker_partner_title(pick, title);
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
	if (!pd_form_reach_fit(f, "email", PD_REACH_EMAIL, NULL, err)
	    || !pd_form_reach_fit(f, "phone", PD_REACH_PHONE, NULL, err)
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

static const pd_form_ops contact_ops = {
	.draft_name = "contact",
	.save = contact_save,
	.destroy_ctx = free,
};

/* Points the form at a partner: its name in the title and the status
 * line, its id in the draft. */
static bool contact_set_partner(pd_form *f, int64_t partner_id)
{
	contact_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_error err = {0};
	pd_partner *p = pd_partner_get(pd_app_db(app), partner_id, &err);
	if (!p) {
		pd_app_status(app, "%s", err.msg);
		return false;
	}
	c->partner_id = partner_id;
	snprintf(c->partner_name, sizeof c->partner_name, "%s", p->name ? p->name : "the partner");
	char title[512];
	snprintf(title, sizeof title, "New contact person at %s", p->name ? p->name : "?");
	pd_partner_destroy(p);
	pd_form_set_title(f, title);
	pd_form_draft_target(f, partner_id, 0, 0);
	return true;
}

/* The form, at partner_id; with partner_id 0 at none yet (its draft's
 * partner was deleted), the title saying so. */
static pd_form *contact_build(struct pd_app *app, int64_t partner_id)
{
	pd_db *db = pd_app_db(app);
	contact_ctx *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	pd_form *f = pd_form_new(app, "New contact person (their partner was deleted)", &contact_ops, c);
	if (!f) {
		free(c);
		return NULL;
	}
	if (partner_id && !contact_set_partner(f, partner_id)) {
		pd_form_free(f);
		return NULL;
	}
	const pd_rules *rules = pd_db_rules(db);
	pd_strv channels = {0};
	pd_strv_push(&channels, NO_CHANNEL);
	for (size_t i = 0; rules && i < rules->channels.n; i++)
		pd_strv_push(&channels, rules->channels.v[i]);
	pd_form_add(f, PD_FIELD_TEXT, "name", "Name", NULL);
	pd_form_add(f, PD_FIELD_TEXT, "title", "Title", NULL);
	pd_form_add(f, PD_FIELD_TEXT, "email", "Email", NULL);
	pd_form_add(f, PD_FIELD_TEXT, "phone", "Phone", NULL);
	pd_form_add_choice(f, "channel", "Prefers", &channels, NO_CHANNEL);
	pd_field *notes = pd_form_add(f, PD_FIELD_LONG, "notes", "Notes", NULL);
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
	return pd_form_pane(contact_build(app, partner_id));
}

pd_pane *pd_form_contact_from_draft(struct pd_app *app, const pd_draft *d)
{
	/* Its partner deleted since (the draft then names none, or one a
	 * restore took away): the form opens all the same, asking where
	 * the person goes. */
	pd_partner *p = d->partner_id ? pd_partner_get(pd_app_db(app), d->partner_id, NULL) : NULL;
	pd_partner_destroy(p);
	pd_form *f = contact_build(app, p ? d->partner_id : 0);
	if (!f)
		return NULL;
	pd_form_draft_adopt(f, d);
	if (!p) {
		pd_error err = {0};
		partner_gone(f, NULL, &err);
		pd_form_note(f, "%s", err.msg);
	}
	return pd_form_pane(f);
}
