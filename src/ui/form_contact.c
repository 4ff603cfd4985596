/* Adding a contact person at a partner: name, title, email, phone,
 * preferred channel and notes. */
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
	int64_t partner_id;
	char partner_name[256];   /* for the status line (cut if longer) */
} contact_ctx;

static bool contact_save(pd_form *f, pd_error *err)
{
	contact_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
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
		/* A colleague deleted the partner (or a restore took it away)
		 * while the form was open: nothing is left to add the contact
		 * to. Say so by the name the form opened with, and the way out
		 * (Esc alone asks, and C-x answers it); kept while typing. */
		char cancel[32], name[120];
		pd_keymap_first(pd_app_keymap(app), PD_ACT_CANCEL, cancel, sizeof cancel);
		pd_utf8_fit(name, sizeof name, c->partner_name, 80);
		pd_form_note(f, "someone else deleted %s meanwhile, so there is no partner to add this contact to; "
		             "%s, then C-x, closes the form", name, cancel[0] ? cancel : "cancel");
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

static pd_form *contact_build(struct pd_app *app, int64_t partner_id)
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
	contact_ctx *c = calloc(1, sizeof *c);
	if (!c) {
		pd_partner_destroy(p);
		return NULL;
	}
	c->partner_id = partner_id;
	snprintf(c->partner_name, sizeof c->partner_name, "%s", p->name ? p->name : "the partner");
	char title[512];
	snprintf(title, sizeof title, "New contact person at %s", p->name ? p->name : "?");
	pd_partner_destroy(p);
	pd_form *f = pd_form_new(app, title, &contact_ops, c);
	if (!f) {
		free(c);
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
	pd_form_draft_target(f, partner_id, 0, 0);
	return f;
}

pd_pane *pd_form_contact_create(struct pd_app *app, int64_t partner_id)
{
	return pd_form_pane(contact_build(app, partner_id));
}

pd_pane *pd_form_contact_from_draft(struct pd_app *app, const pd_draft *d)
{
	pd_form *f = contact_build(app, d->partner_id);
	if (!f)
		return NULL;
	pd_form_draft_adopt(f, d);
	return pd_form_pane(f);
}
