/* The quick log: record a call, email or visit in seconds while still on
 * the phone. Channel defaults to phone, time to now, the cursor starts in
 * the note; the note is kept as a draft while it is typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "form.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/keymap.h"

#define NO_CONTACT "(none)"

typedef struct log_ctx {
	int64_t partner_id;
	char *partner_name;       /* for the status line: who it was logged with */
	int64_t *contact_ids;     /* contact choice i (i >= 1) is contact_ids[i - 1] */
	size_t n_contacts;
} log_ctx;

static void log_ctx_destroy(void *p)
{
	log_ctx *c = p;
	if (!c)
		return;
	free(c->contact_ids);
	free(c->partner_name);
	free(c);
}

static bool log_set_partner(pd_form *f, int64_t partner_id);

/* The partner chosen for a note whose own was deleted meanwhile. */
static void repicked(struct pd_app *app, int64_t id, void *ctx)
{
	pd_form *f = ctx;
	log_ctx *c = pd_form_ctx(f);
	char save[32];
	pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
	if (id && log_set_partner(f, id))
		pd_form_note(f, "the note now goes to %s; %s saves it", c->partner_name ? c->partner_name : "them", save);
	else
		pd_form_note(f, "the note is kept here; %s chooses a partner for it", save);
}

/* A save found no partner: a colleague deleted it (or a restore took it
 * away) while the note was typed. The note is not lost with it: the
 * person chooses whom it goes to, or goes back to the form. */
static void partner_gone(pd_form *f, pd_error *err)
{
	log_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_error gone = {0};
	pd_partner *p = pd_partner_get(pd_app_db(app), c->partner_id, &gone);
	pd_partner_destroy(p);
	if (p || gone.code != PD_ERR_NOTFOUND)
		return;   /* the partner is there: what was not found is said as it is */
	char name[120], title[200];
	pd_utf8_fit(name, sizeof name, c->partner_name ? c->partner_name : "the partner", 80);
	/* Merged: the same partner under the record kept. The note goes
	 * there, said, and waits for the person's save. */
	int64_t went = pd_partner_merged_into(pd_app_db(app), c->partner_id, NULL);
	if (went && log_set_partner(f, went)) {
		char save[32];
		pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
		pd_error_set(err, PD_ERR_NOTFOUND, "%s was merged into %s meanwhile: the note now goes to %s; %s "
		             "saves it", name, c->partner_name ? c->partner_name : "another",
		             c->partner_name ? c->partner_name : "it", save);
		return;
	}
	pd_error_set(err, PD_ERR_NOTFOUND, "%s was deleted meanwhile: choose the partner this note is for "
	             "(Esc: back to the note)", name);
	/* The picker covers the form's message: its title says why it is up. */
	pd_format(title, sizeof title, "%s is gone: whose note is this?", name);
	pd_pane *pick = pd_picker_partner_create(app, repicked, f);
	pd_picker_partner_title(pick, title);
	pd_form_set_overlay(f, pick);
}

static bool log_save(pd_form *f, pd_error *err)
{
	log_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	if (!c->partner_id)
		return pd_error_set(err, PD_ERR_INVALID, "no partner chosen");
	char *note = pd_form_value(f, "note");
	if (!note) {
		pd_form_focus(f, "note");
		return pd_error_set(err, PD_ERR_INVALID, "the note is empty: type what was said");
	}
	if (!pd_form_notes_fit(f, "note", err)) {
		free(note);
		return false;
	}
	pd_interaction it = {0};
	it.partner_id = c->partner_id;
	char *when = pd_form_value(f, "when");
	pd_error werr = {0};
	/* "now" is when the note was begun: a save the desk held up goes
	 * through minutes later, and the call was then. A time typed is read
	 * as typed ("15:00" is not refused as after the note was begun). */
	time_t base = !when || pd_ascii_casecmp(when, "now") == 0 ? pd_form_begun(f) : time(NULL);
	bool ok = pd_when_parse(when, base, it.at, &werr);
	free(when);
	if (!ok) {
		pd_error_set(err, werr.code, "When: %s", werr.msg);
		pd_form_focus(f, "when");
		free(note);
		return false;
	}
	pd_field *cf = pd_form_field(f, "contact");
	if (cf && cf->choice >= 1 && cf->choice - 1 < c->n_contacts)
		it.contact_id = c->contact_ids[cf->choice - 1];
	it.channel = pd_form_value(f, "channel");
	it.text = note;
	pd_field *fu = pd_form_field(f, "follow_up");
	if (fu)
		pd_field_date(fu, time(NULL), it.follow_up);
	ok = pd_interaction_insert(db, &it, err);
	if (!ok && err->code == PD_ERR_NOTFOUND)
		partner_gone(f, err);
	if (ok) {
		/* Said back in full: on the phone, the line confirms who it went to. */
		pd_app_status(app, "logged %s with %s%s%s", it.channel ? it.channel : "a contact",
			c->partner_name ? c->partner_name : "the partner",
			it.follow_up[0] ? "; follow up " : "", it.follow_up);
	}
	pd_interaction_finish(&it);
	return ok;
}

static const pd_form_ops log_ops = {
	.draft_name = "log",
	.save = log_save,
	.destroy_ctx = log_ctx_destroy,
};

/* Points the form at a partner: its name in the title, its contacts in the
 * contact choice. */
static bool log_set_partner(pd_form *f, int64_t partner_id)
{
	log_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	pd_error err = {0};
	pd_partner *p = pd_partner_get(db, partner_id, &err);
	if (!p) {
		pd_app_status(app, "%s", err.msg);
		return false;
	}
	c->partner_id = partner_id;
	char title[512];
	snprintf(title, sizeof title, "Log a contact with %s", p->name ? p->name : "?");
	pd_form_set_title(f, title);
	pd_set_str(&c->partner_name, p->name);
	pd_partner_destroy(p);

	pd_field *cf = pd_form_field(f, "contact");
	pd_contacts cs = {0};
	if (cf && pd_contact_list(db, partner_id, &cs, &err)) {
		free(c->contact_ids);
		c->contact_ids = calloc(cs.n ? cs.n : 1, sizeof *c->contact_ids);
		c->n_contacts = 0;
		pd_strv_clear(&cf->choices);
		pd_strv_push(&cf->choices, NO_CONTACT);
		for (size_t i = 0; c->contact_ids && i < cs.n; i++) {
			pd_strv_push(&cf->choices, cs.v[i].name ? cs.v[i].name : "?");
			c->contact_ids[c->n_contacts++] = cs.v[i].id;
		}
		/* One person there: that is nearly always who called. */
		cf->choice = c->n_contacts == 1 ? 1 : 0;
		pd_contacts_finish(&cs);
	}
	pd_form_draft_target(f, partner_id, 0, 0);
	return true;
}

static pd_form *log_build(struct pd_app *app)
{
	log_ctx *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	pd_form *f = pd_form_new(app, "Log a contact", &log_ops, c);
	if (!f) {
		free(c);
		return NULL;
	}
	const pd_config *cfg = pd_app_config(app);
	pd_strv none = {0};
	pd_form_add_choice(f, "channel", "Channel", cfg ? &cfg->rules.channels : &none, "phone");
	pd_form_add(f, PD_FIELD_TEXT, "when", "When", "now");
	pd_strv contacts = {0};
	pd_strv_push(&contacts, NO_CONTACT);
	pd_form_add_choice(f, "contact", "With", &contacts, NO_CONTACT);
	pd_strv_clear(&contacts);
	free(contacts.v);
	pd_field *note = pd_form_add(f, PD_FIELD_LONG, "note", "Note", NULL);
	if (note)
		note->rows = 6;
	pd_form_add(f, PD_FIELD_DATE, "follow_up", "Follow up", NULL);
	pd_form_focus(f, "note");
	return f;
}

static void picked(struct pd_app *app, int64_t id, void *ctx)
{
	pd_form *f = ctx;
	if (!id || !log_set_partner(f, id))
		pd_form_close(f, false);
}

pd_pane *pd_form_log_create(struct pd_app *app, int64_t partner_id)
{
	pd_form *f = log_build(app);
	if (!f)
		return NULL;
	if (partner_id) {
		if (!log_set_partner(f, partner_id)) {
			pd_form_free(f);
			return NULL;
		}
	} else {
		pd_form_set_overlay(f, pd_picker_partner_create(app, picked, f));
	}
	return pd_form_pane(f);
}

pd_pane *pd_form_log_from_draft(struct pd_app *app, const pd_draft *d)
{
	pd_form *f = log_build(app);
	if (!f)
		return NULL;
	if (d->partner_id && !log_set_partner(f, d->partner_id)) {
		pd_form_free(f);
		return NULL;
	}
	pd_form_draft_adopt(f, d);
	/* "now" in a draft meant when it was typed, not when it is found
	 * again: a call recovered next morning happened yesterday. */
	char *when = pd_form_value(f, "when");
	time_t t;
	if ((!when || strcmp(when, "now") == 0) && pd_time_parse(d->created, &t)) {
		struct tm tm;
		char local[32];
		if (localtime_r(&t, &tm) && strftime(local, sizeof local, "%Y-%m-%d %H:%M", &tm))
			pd_form_set_value(f, "when", local);
	}
	free(when);
	if (!d->partner_id)
		pd_form_set_overlay(f, pd_picker_partner_create(app, picked, f));
	return pd_form_pane(f);
}
