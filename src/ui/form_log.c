/* The quick log: record a call, email or visit in seconds while still on
 * the phone. Channel defaults to phone, time to now, the cursor starts in
 * the note; the note is kept as a draft while it is typed.
 * The same form corrects an entry logged before (its note, channel, person,
 * time, follow-up): the save names the version it was opened on, and a
 * colleague's change meanwhile is merged field by field as the partner form
 * merges, only the fields both changed going to the conflict dialog. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "form.h"
#include "form_merge.h"
#include "meanwhile.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/contact_match.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/keymap.h"

#define NO_CONTACT "(none)"

/* The fields a correction compares, in the form's order. */
static const pd_merge_field lfields[] = {
	{.key = "channel", .label = "Channel"}, {.key = "when", .label = "When"}, {.key = "contact", .label = "With"},
	{.key = "note", .label = "Note"}, {.key = "follow_up", .label = "Follow up"},
};
#define N_LFIELDS (sizeof lfields / sizeof lfields[0])
enum { LF_CHANNEL, LF_WHEN, LF_CONTACT, LF_NOTE, LF_FOLLOW_UP };

typedef struct log_ctx {
	int64_t partner_id;
	char *partner_name;       /* for the status line: who it was logged with */
	int64_t *contact_ids;     /* contact choice i (i >= 1) is contact_ids[i - 1] */
	size_t n_contacts;
	/* A correction: the entry as the form opened it (entry_id 0: a new
	 * note), each field as the form showed it then, for the merge. */
	int64_t entry_id;
	pd_interaction base;
	pd_interaction theirs;    /* during a conflict: the entry as it is now */
	bool have_theirs;
	char *orig[N_LFIELDS];
	char *removed;            /* "Dana Ortiz (removed)": the person the entry
	                           * was logged with, since removed, offered last */
	char merged[256];         /* what the last merge took from them */
	char by[200];             /* who saved meanwhile ("ben at 07:58") */
	char *picked_by;          /* what found the partner in the picker */
} log_ctx;

static void log_ctx_destroy(void *p)
{
	log_ctx *c = p;
	if (!c)
		return;
	free(c->contact_ids);
	free(c->partner_name);
	free(c->removed);
	free(c->picked_by);
	pd_interaction_finish(&c->base);
	pd_interaction_finish(&c->theirs);
	for (size_t i = 0; i < N_LFIELDS; i++)
		free(c->orig[i]);
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
	/* cancel always has a key: the picker's way back as bound */
	char back[32];
	pd_keymap_first(pd_app_keymap(app), PD_ACT_CANCEL, back, sizeof back);
	pd_error_set(err, PD_ERR_NOTFOUND, "%s was deleted meanwhile: choose the partner this note is for "
	             "(%s: back to the note)", name, back);
	/* The picker covers the form's message: its title says why it is up. */
	pd_format(title, sizeof title, "%s is gone", name);
	pd_pane *pick = pd_picker_partner_create(app, repicked, f);
	pd_picker_partner_title(pick, title);
	pd_picker_partner_question(pick, ": whose note is this?");
	pd_form_set_overlay(f, pick);
}

static bool edit_save(pd_form *f, pd_error *err);

/* The note to save, allocated; NULL, the field focused and err saying
 * why, when it is empty or too long. */
static char *note_of(pd_form *f, pd_error *err)
{
	char *note = pd_form_value(f, "note");
	if (!note) {
		pd_form_focus(f, "note");
		pd_error_set(err, PD_ERR_INVALID, "the note is empty: type what was said");
	} else if (!pd_form_notes_fit(f, "note", err)) {
		free(note);
		note = NULL;
	}
	return note;
}

static bool log_save(pd_form *f, pd_error *err)
{
	log_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	if (c->entry_id)
		return edit_save(f, err);
	if (!c->partner_id)
		return pd_error_set(err, PD_ERR_INVALID, "no partner chosen");
	char *note = note_of(f, err);
	if (!note)
		return false;
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
		pd_app_status(app, "logged %s with %s%s%s%s%s", it.channel ? it.channel : "a contact",
			c->partner_name ? c->partner_name : "the partner",
			it.follow_up[0] ? "; follow up " : "", pd_date_weekday_abbr(it.follow_up),
			it.follow_up[0] ? " " : "", it.follow_up);
	}
	pd_interaction_finish(&it);
	return ok;
}

static void log_conflict(pd_form *f);

static const pd_form_ops log_ops = {
	.draft_name = "log",
	.save = log_save,
	.conflict = log_conflict,
	.destroy_ctx = log_ctx_destroy,
};

/* The partner's contacts into the contact choice, `choose` (a name) chosen
 * when it is one of them; else, with one person there, that one: that is
 * nearly always who called. */
static void load_contacts(pd_form *f, const char *choose)
{
	log_ctx *c = pd_form_ctx(f);
	pd_error err = {0};
	pd_field *cf = pd_form_field(f, "contact");
	pd_contacts cs = {0};
	if (!cf)
		return;
	if (!pd_contact_list(pd_app_db(pd_form_app(f)), c->partner_id, &cs, &err)) {
		/* With offers no one then: said, or the person is taken for
		 * one the partner does not have. */
		pd_form_note(f, "could not read the partner's people (With): %s", err.msg);
		return;
	}
	free(c->contact_ids);
	c->contact_ids = calloc(cs.n ? cs.n : 1, sizeof *c->contact_ids);
	c->n_contacts = 0;
	pd_strv_clear(&cf->choices);
	pd_strv_push(&cf->choices, NO_CONTACT);
	for (size_t i = 0; c->contact_ids && i < cs.n; i++) {
		pd_strv_push(&cf->choices, cs.v[i].name ? cs.v[i].name : "?");
		c->contact_ids[c->n_contacts++] = cs.v[i].id;
	}
	/* After the people: chosen, it names no one of them (contact 0), and
	 * the entry keeps the name it was logged with. */
	if (c->removed)
		pd_strv_push(&cf->choices, c->removed);
	cf->choice = c->n_contacts == 1 ? 1 : 0;
	/* A partner with no people yet: the newcomer types the name of who
	 * called into With and met "no other choice", which said neither
	 * where the name goes nor how the person is added. */
	free(cf->alone);
	cf->alone = NULL;
	if (cf->choices.n < 2) {
		char add[32];
		pd_keymap_first(pd_app_keymap(pd_form_app(f)), PD_ACT_ADD_CONTACT, add, sizeof add);
		char buf[640];
		if (add[0])
			pd_format(buf, sizeof buf, "With: %s has no contact people yet: say who in the Note; "
			          "%s adds one to the partner after saving",
			          c->partner_name ? c->partner_name : "the partner", add);
		else
			pd_format(buf, sizeof buf, "With: %s has no contact people yet: say who in the Note",
			          c->partner_name ? c->partner_name : "the partner");
		cf->alone = strdup(buf);
	}
	long at = choose ? pd_strv_find(&cf->choices, choose) : -1;
	if (at >= 0)
		cf->choice = (size_t)at;
	pd_contacts_finish(&cs);
}

/* Points the form at a partner: its name in the title, its contacts in the
 * contact choice. */
static bool log_set_partner(pd_form *f, int64_t partner_id)
{
	log_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_partner *p = pd_form_partner_get(app, partner_id);
	if (!p)
		return false;
	c->partner_id = partner_id;
	char title[512];
	snprintf(title, sizeof title, "Log a contact with %s", p->name ? p->name : "?");
	pd_form_set_title(f, title);
	pd_set_str(&c->partner_name, p->name);
	pd_partner_destroy(p);

	load_contacts(f, NULL);
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
	pd_field *when = pd_form_add(f, PD_FIELD_TEXT, "when", "When", "now");
	if (when) {
		when->offer = true;     /* "yesterday 15:00" typed there replaces it */
		when->when = true;
	}
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

/* With at the person contact_id, when they are one of the partner's
 * people still (else as load_contacts left it); by id, so two people of
 * one name are told apart. */
static void choose_contact(pd_form *f, int64_t contact_id)
{
	log_ctx *c = pd_form_ctx(f);
	pd_field *cf = pd_form_field(f, "contact");
	for (size_t k = 0; cf && contact_id && k < c->n_contacts; k++)
		if (c->contact_ids[k] == contact_id && k + 1 < cf->choices.n)
			cf->choice = k + 1;
}

/* ---- correcting an entry logged before ---- */

/* The person an entry was logged with, since removed, as the form and
 * the Log tab show them ("Dana Ortiz (removed)"); allocated, NULL when
 * the entry names no removed person. */
static char *removed_label(const pd_interaction *it)
{
	if (it->contact_id || !it->removed_contact || !*it->removed_contact)
		return NULL;
	/* Sized to the name, which has no length limit: " (removed)" is
	 * never cut off. */
	size_t n = strlen(it->removed_contact) + sizeof " (removed)";
	char *label = malloc(n);
	if (label)
		snprintf(label, n, "%s (removed)", it->removed_contact);
	return label;
}

/* A field of an entry as the form shows it; allocated. */
static char *entry_text(const pd_interaction *it, size_t i)
{
	char minute[PD_MINUTE_LEN];
	char *removed;
	switch (i) {
	case LF_CHANNEL: return pd_strdup(it->channel ? it->channel : "");
	case LF_WHEN: pd_time_local_minute(it->at, minute); return pd_strdup(minute);
	case LF_CONTACT:
		if ((removed = removed_label(it)) != NULL)
			return removed;
		return pd_strdup(it->contact_id && it->contact_name ? it->contact_name : NO_CONTACT);
	case LF_NOTE: return pd_strdup(it->text ? it->text : "");
	default: return pd_strdup(it->follow_up);
	}
}

/* The form's value of a field, as entry_text would show it: a follow-up
 * as the date it resolves to ("+1w" is a day, not the text). */
static char *form_text(pd_form *f, size_t i)
{
	if (i == LF_FOLLOW_UP) {
		char d[PD_DATE_LEN] = "";
		const pd_field *fld = pd_form_field(f, lfields[i].key);
		if (fld && !pd_field_date(fld, time(NULL), d))
			return pd_form_value(f, lfields[i].key);
		return pd_strdup(d);
	}
	char *v = pd_form_value(f, lfields[i].key);
	return v ? v : pd_strdup("");
}

/* What the entry was when the form opened, kept in its draft: a draft
 * reopened after a dropped session is merged against it, not against the
 * entry as it is by then (a colleague's change in between is theirs). */
static void base_keep(pd_form *f, const log_ctx *c)
{
	pd_strbuf b = {0};
	char key[64];
	pd_payload_put(&b, "base", "log");
	for (size_t i = 0; i < N_LFIELDS; i++) {
		snprintf(key, sizeof key, "base.%s", lfields[i].key);
		pd_payload_put(&b, key, c->orig[i]);
	}
	if (!b.failed)
		pd_form_draft_base(f, b.p);
	free(b.p);
}

/* From now on the form edits `theirs` (taken): a save passes the version
 * check (unless someone saves yet again), and a later merge starts from it. */
static void rebase(pd_form *f, log_ctx *c, pd_interaction *theirs)
{
	for (size_t i = 0; i < N_LFIELDS; i++) {
		free(c->orig[i]);
		c->orig[i] = entry_text(theirs, i);
	}
	pd_interaction_finish(&c->base);
	c->base = *theirs;
	memset(theirs, 0, sizeof *theirs);
	pd_form_draft_target(f, c->partner_id, c->entry_id, c->base.version);
	base_keep(f, c);
}

static bool edit_save(pd_form *f, pd_error *err)
{
	log_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	char *note = note_of(f, err);
	if (!note)
		return false;
	/* The entry as stored with the form's fields on it; the staff member
	 * who logged it stays (the audit trail says who corrected it). */
	pd_interaction it = c->base;
	it.by = NULL;
	it.text = note;
	it.channel = pd_form_value(f, "channel");
	/* When left as it was keeps the stored time to the second. */
	char *when = pd_form_value(f, "when");
	pd_error werr = {0};
	bool ok = true;
	if (!when && c->orig[LF_WHEN]) {
		/* Emptied, it would read as now and move the entry to this
		 * minute unasked, as the new entry's "now" does. */
		pd_error_set(err, PD_ERR_INVALID, "When: empty; it was %s (type it again, or now to move the entry "
		             "to now)", c->orig[LF_WHEN]);
		pd_form_focus(f, "when");
		ok = false;
	} else if (!when || !c->orig[LF_WHEN] || strcmp(when, c->orig[LF_WHEN]) != 0) {
		ok = pd_when_parse(when, time(NULL), it.at, &werr);
		if (!ok) {
			pd_error_set(err, werr.code, "When: %s", werr.msg);
			pd_form_focus(f, "when");
		}
	}
	free(when);
	if (ok) {
		pd_field *cf = pd_form_field(f, "contact");
		it.contact_id = cf && cf->choice >= 1 && cf->choice - 1 < c->n_contacts ? c->contact_ids[cf->choice - 1] : 0;
		/* "(none)" chosen clears the removed person's name; their
		 * "Name (removed)" choice keeps it (a shallow copy: not freed). */
		if (!cf || cf->choice == 0)
			it.removed_contact = NULL;
		pd_field *fu = pd_form_field(f, "follow_up");
		it.follow_up[0] = '\0';
		if (fu)
			pd_field_date(fu, time(NULL), it.follow_up);
		ok = pd_interaction_update(pd_app_db(app), &it, err);
	}
	if (ok) {
		char day[PD_DATE_LEN];
		pd_time_local_date(it.at, day);
		if (c->merged[0])
			pd_app_status(app, "saved the log entry of %s with %s, %s (saved by %s meanwhile)", day,
			              c->partner_name ? c->partner_name : "the partner", c->merged,
			              c->by[0] ? c->by : "someone else");
		else
			pd_app_status(app, "saved the log entry of %s with %s%s%s%s%s", day,
			              c->partner_name ? c->partner_name : "the partner",
			              it.follow_up[0] ? "; follow up " : "", pd_date_weekday_abbr(it.follow_up),
			              it.follow_up[0] ? " " : "", it.follow_up);
	}
	free(it.channel);
	free(note);
	return ok;
}

/* The merge's sides: as the form opened (orig), theirs now, mine in the form. */
static char *merge_base(pd_form *f, const pd_merge_field *fld)
{
	const log_ctx *c = pd_form_ctx(f);
	const char *b = c->orig[fld - lfields];
	return pd_strdup(b ? b : "");
}

static char *merge_theirs(pd_form *f, const pd_merge_field *fld)
{
	return entry_text(&((log_ctx *)pd_form_ctx(f))->theirs, (size_t)(fld - lfields));
}

static char *merge_mine(pd_form *f, const pd_merge_field *fld)
{
	return form_text(f, (size_t)(fld - lfields));
}

static void merge_rebase(pd_form *f)
{
	log_ctx *c = pd_form_ctx(f);
	c->have_theirs = false;
	rebase(f, c, &c->theirs);
}

static const pd_merge_ops log_merge = {
	.fields = lfields,
	.n = N_LFIELDS,
	.base = merge_base,
	.theirs = merge_theirs,
	.mine = merge_mine,
	.rebase = merge_rebase,
};

static void resolved(void *ctx, pd_conflict_choice choice)
{
	pd_form *f = ctx;
	log_ctx *c = pd_form_ctx(f);
	if (!c->have_theirs)
		return;
	char kept[300];
	pd_format(kept, sizeof kept, "kept the log entry as %s saved it; nothing of yours was left to save",
	          c->by[0] ? c->by : "someone else");
	pd_form_merge_resolved(f, &log_merge, choice, c->merged, kept);
}

/* Someone saved the entry (or marked its follow-up done) since the form
 * opened: merged three ways (form_merge.h); nothing is lost of what was
 * typed. */
static void log_conflict(pd_form *f)
{
	log_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_error err = {0};
	pd_interaction_finish(&c->theirs);
	memset(&c->theirs, 0, sizeof c->theirs);
	c->have_theirs = pd_interaction_get(pd_app_db(app), c->entry_id, &c->theirs, &err);
	pd_app_reload(app);
	if (!pd_ui_changed_by(app, "interaction", c->entry_id, NULL, c->by, sizeof c->by, NULL))
		snprintf(c->by, sizeof c->by, "someone else");
	if (!c->have_theirs) {
		char cancel[32], anew[48];
		pd_keymap_first(pd_app_keymap(app), PD_ACT_CANCEL, cancel, sizeof cancel);
		pd_keymap_say(pd_app_keymap(app), PD_ACT_LOG, " (%s logs the note anew)", "", anew, sizeof anew);
		if (err.code == PD_ERR_NOTFOUND)
			pd_form_note(f, "%s deleted this log entry meanwhile, so there is nothing to save the correction "
			             "to; %s, then C-x, closes the form%s", c->by, cancel[0] ? cancel : "cancel", anew);
		else
			pd_form_message(f, "could not read the log entry as it is now: %s", err.msg);
		return;
	}
	if (c->theirs.partner_id != c->partner_id) {
		/* Merged into another partner meanwhile: its people now. */
		c->partner_id = c->theirs.partner_id;
		pd_set_str(&c->partner_name, c->theirs.partner_name);
	}
	/* Theirs may name a person added since: the choice lists them; or
	 * one removed since, offered as "Dana Ortiz (removed)" for the merge
	 * to take. */
	char *removed = removed_label(&c->theirs);
	if (removed) {
		free(c->removed);
		c->removed = removed;
	}
	char *chosen = pd_form_value(f, "contact");
	load_contacts(f, chosen ? chosen : NO_CONTACT);
	/* A person left as the form opened on them but gone from the list
	 * now is no choice of mine: With reads as theirs ("Dana Ortiz
	 * (removed)"), not whichever choice took the place. */
	char *now = pd_form_value(f, "contact");
	if (chosen && !pd_same_text(now, chosen) && pd_same_text(chosen, c->orig[LF_CONTACT])) {
		char *t = entry_text(&c->theirs, LF_CONTACT);
		if (t)
			pd_form_set_value(f, "contact", t);
		free(t);
	}
	free(now);
	free(chosen);
	char what[512], day[PD_DATE_LEN];
	pd_time_local_date(c->theirs.at, day);
	pd_format(what, sizeof what, "The log entry of %s was changed by %s while you corrected it", day, c->by);
	pd_form_merge_conflict(f, &log_merge, what, c->merged, sizeof c->merged, resolved);
}

/* The log form on entry `id`, its fields filled; NULL (the status saying
 * why) when it cannot be read. */
static pd_form *edit_build(struct pd_app *app, int64_t id)
{
	pd_interaction it = {0};
	pd_error err = {0};
	if (!pd_interaction_get(pd_app_db(app), id, &it, &err)) {
		pd_app_status(app, "%s", err.msg);
		return NULL;
	}
	pd_form *f = log_build(app);
	if (f)
		((log_ctx *)pd_form_ctx(f))->removed = removed_label(&it);
	if (!f || !log_set_partner(f, it.partner_id)) {
		pd_form_free(f);
		pd_interaction_finish(&it);
		return NULL;
	}
	log_ctx *c = pd_form_ctx(f);
	c->entry_id = id;
	char day[PD_DATE_LEN], title[512];
	pd_time_local_date(it.at, day);
	snprintf(title, sizeof title, "Correct the log entry of %s with %s", day, c->partner_name ? c->partner_name : "?");
	pd_form_set_title(f, title);
	rebase(f, c, &it);
	for (size_t i = 0; i < N_LFIELDS; i++)
		pd_form_set_value(f, lfields[i].key, c->orig[i]);
	choose_contact(f, c->base.contact_id);
	pd_form_set_dirty(f, false);
	return f;
}

pd_pane *pd_form_log_edit_create(struct pd_app *app, int64_t interaction_id, const char *field)
{
	pd_form *f = edit_build(app, interaction_id);
	if (f && field)
		pd_form_focus(f, field);
	return f ? pd_form_pane(f) : NULL;
}

/* A correction's draft: the form on the entry as it is now, the draft's
 * fields over it, merged on save against what the draft was typed over. */
static pd_pane *edit_from_draft(struct pd_app *app, const pd_draft *d)
{
	pd_form *f = edit_build(app, d->target_id);
	if (!f)
		return NULL;
	log_ctx *c = pd_form_ctx(f);
	pd_form_draft_adopt(f, d);
	char *mark = pd_payload_get(d->payload, "base");
	bool have = mark && strcmp(mark, "log") == 0;
	free(mark);
	for (size_t i = 0; have && i < N_LFIELDS; i++) {
		char key[64];
		snprintf(key, sizeof key, "base.%s", lfields[i].key);
		char *v = pd_payload_get(d->payload, key);
		if (v) {
			free(c->orig[i]);
			c->orig[i] = v;
		}
	}
	/* Saved since the draft was typed: the save meets it as a conflict. */
	if (d->target_version)
		c->base.version = d->target_version;
	pd_form_draft_target(f, c->partner_id, c->entry_id, c->base.version);
	base_keep(f, c);
	return pd_form_pane(f);
}

static void picked(struct pd_app *app, int64_t id, void *ctx)
{
	pd_form *f = ctx;
	log_ctx *c = pd_form_ctx(f);
	if (id && !log_set_partner(f, id)) {
		/* Deleted by another window between the list and the Enter:
		 * the caller is still on the line, so the picker is up again,
		 * saying why, rather than the form gone with "there is no
		 * partner #7". */
		pd_error gone = {0};
		pd_partner *p = pd_partner_get(pd_app_db(app), id, &gone);
		pd_partner_destroy(p);
		if (!p && gone.code == PD_ERR_NOTFOUND) {
			pd_pane *pick = pd_picker_partner_create(app, picked, f);
			pd_picker_partner_typed_into(pick, &c->picked_by);
			pd_picker_partner_title(pick, "That partner was deleted meanwhile");
			pd_picker_partner_question(pick, ": choose again");
			pd_form_set_overlay(f, pick);
			if (pick) {
				pd_app_status(app, "the partner chosen was deleted meanwhile, in another window: "
				              "choose again");
				return;
			}
		}
		id = 0;
	}
	if (!id) {
		pd_form_close(f, false);
		return;
	}
	/* The caller's number or name typed to find the partner names the
	 * person too, as the list's filter does: With starts at them. */
	int64_t who = 0;
	pd_error err = {0};
	if (c->picked_by && *c->picked_by
	    && !pd_contact_matching_filter(pd_app_db(app), id, c->picked_by, &who, &err))
		pd_app_status(app, "%s", err.msg);   /* the form opens all the same */
	choose_contact(f, who);
}

pd_pane *pd_form_log_create(struct pd_app *app, int64_t partner_id)
{
	return pd_form_log_create_with(app, partner_id, 0);
}

/* This user's note for partner_id that an ended session left unsaved (a
 * new entry, not a correction), newest first, reopened in the form: "l"
 * (later) at the start, or no look at the offer at all, left it out of
 * sight until the next start, and c on that partner opened an empty
 * note beside it, the words typed in the dropped call nowhere to be seen.
 * NULL when there is none, or it could not be looked for: then why says
 * so (else its code stays PD_OK). */
static pd_pane *left_note(struct pd_app *app, int64_t partner_id, pd_error *why)
{
	pd_db *db = pd_app_db(app);
	pd_drafts list = {0};
	if (!db || !pd_draft_list(db, &list, why))
		return NULL;
	pd_pane *pane = NULL;
	for (size_t i = 0; i < list.n && !pane; i++) {
		const pd_draft *d = &list.v[i];
		if (d->live || d->partner_id != partner_id || d->target_id || !d->form
		    || strcmp(d->form, "log") != 0 || pd_app_draft_discarding(app, d))
			continue;
		pd_error err = {0};
		if (!pd_drafts_take(db, d, &err)) {
			if (err.code == PD_ERR_NOTFOUND)
				continue;   /* saved or discarded since the list was read */
			/* Another window took it up meanwhile, or the desk failed:
			 * an empty note now would be typed beside it unseen. */
			*why = err;
			break;
		}
		pane = pd_form_log_from_draft(app, d);
		if (pane) {
			char local[PD_MINUTE_LEN];
			pd_time_local_minute(d->created, local);
			pd_app_status(app, "unsaved note of %s back: C-s logs it, then c for a new one",
			              local);
		}
	}
	pd_drafts_finish(&list);
	return pane;
}

pd_pane *pd_form_log_create_with(struct pd_app *app, int64_t partner_id, int64_t contact_id)
{
	pd_error why = {0};
	pd_pane *left = partner_id ? left_note(app, partner_id, &why) : NULL;
	if (left)
		return left;
	pd_form *f = log_build(app);
	if (!f)
		return NULL;
	if (partner_id) {
		if (!log_set_partner(f, partner_id)) {
			pd_form_free(f);
			return NULL;
		}
		choose_contact(f, contact_id);
	} else {
		pd_pane *pick = pd_picker_partner_create(app, picked, f);
		pd_picker_partner_typed_into(pick, &((log_ctx *)pd_form_ctx(f))->picked_by);
		pd_form_set_overlay(f, pick);
	}
	if (why.code != PD_OK) {
		/* Mid-call the person types on at once: told that a note of an
		 * earlier call may be waiting, so that it is not typed twice,
		 * and that it is not lost. In the form, which stays while the
		 * call goes on, and on the status line, which outlives it. */
		char cancel[32], log[32];
		pd_keymap_first(pd_app_keymap(app), PD_ACT_CANCEL, cancel, sizeof cancel);
		pd_keymap_first(pd_app_keymap(app), PD_ACT_LOG, log, sizeof log);
		pd_form_note(f, "Could not look for a note an earlier session left unsaved here; one "
		             "there is kept: %s, then %s, looks again (%s)", cancel, log, why.msg);
		pd_app_status(app, "could not look for an unsaved note of an earlier session; "
		              "one there is kept, offered at the next start");
	}
	return pd_form_pane(f);
}

pd_pane *pd_form_log_from_draft(struct pd_app *app, const pd_draft *d)
{
	if (d->target_id) {
		pd_pane *edit = edit_from_draft(app, d);
		if (edit)
			return edit;
		/* The entry is gone: the correction is offered as a new note. */
	}
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
	if (!when || pd_ascii_casecmp(when, "now") == 0) {
		char local[PD_MINUTE_LEN];
		pd_time_local_minute(d->created, local);
		if (local[0])
			pd_form_set_value(f, "when", local);
	}
	free(when);
	if (!d->partner_id) {
		/* Its partner was deleted (the draft's went with it): the picker
		 * says why it asks, as the other forms' drafts do (repick.c). */
		pd_pane *pick = pd_picker_partner_create(app, picked, f);
		if (pick) {
			pd_picker_partner_title(pick, "Its partner was deleted");
			pd_picker_partner_question(pick, ": whose log note is this?");
		}
		pd_form_set_overlay(f, pick);
	}
	return pd_form_pane(f);
}

/* A date field of a draft as the day it names ("fri" typed is a day, as
 * the form reopened reads it); as typed when it names none. */
static char *draft_day(const char *payload, const char *key)
{
	char *v = pd_payload_get(payload, key), d[PD_DATE_LEN];
	if (v && pd_date_parse(pd_trim(v), time(NULL), d, NULL)) {
		free(v);
		return pd_strdup(d);
	}
	return v;
}

/* With as an untouched form sets it for the partner (load_contacts): the
 * one person there, else nobody. Allocated. */
static char *default_contact(pd_db *db, int64_t partner_id)
{
	pd_contacts cs = {0};
	char *name = NULL;
	if (partner_id && pd_contact_list(db, partner_id, &cs, NULL) && cs.n == 1 && cs.v[0].name)
		name = pd_strdup(cs.v[0].name);
	pd_contacts_finish(&cs);
	return name ? name : pd_strdup(NO_CONTACT);
}

bool pd_form_log_preview(struct pd_app *app, const pd_draft *d, char *out, size_t size)
{
	pd_db *db = pd_app_db(app);
	pd_interaction it = {0};
	bool edit = d->target_id != 0;
	if (!db || (edit && !pd_interaction_get(db, d->target_id, &it, NULL)))
		return false;
	char *stored[N_LFIELDS] = {0}, *typed[N_LFIELDS] = {0};
	for (size_t i = 0; i < N_LFIELDS; i++) {
		typed[i] = i == LF_FOLLOW_UP ? draft_day(d->payload, lfields[i].key)
			: pd_payload_get(d->payload, lfields[i].key);
		if (edit)
			stored[i] = entry_text(&it, i);
		else if (i == LF_CONTACT)
			stored[i] = default_contact(db, d->partner_id);
		else
			stored[i] = pd_strdup(i == LF_CHANNEL ? "phone" : i == LF_WHEN ? "now" : "");
	}
	char *note = typed[LF_NOTE] ? pd_strdup(typed[LF_NOTE]) : NULL;
	char *was = stored[LF_NOTE] ? pd_strdup(stored[LF_NOTE]) : NULL;
	if (note && *pd_trim(note) && (!edit || !pd_same_text(note, was ? pd_trim(was) : ""))) {
		/* A note typed says best what the draft is: quoted, on one line. */
		pd_format(out, size, "\"%s\"", pd_text_spaced(note));
	} else {
		/* None, or the entry's own: what else it holds (a follow-up set
		 * on a call with no words yet, a channel, a person), so that
		 * it is not taken for an empty draft and thrown away. */
		pd_draft_field fields[N_LFIELDS];
		size_t n = 0;
		for (size_t i = 0; i < N_LFIELDS; i++)
			if (i != LF_NOTE)
				fields[n++] = (pd_draft_field){.label = lfields[i].label, .stored = stored[i],
				                               .typed = typed[i]};
		pd_draft_changes(fields, n, edit, pd_locale_utf8() ? "\xe2\x86\x92" : NULL, out, size);
	}
	free(note);
	free(was);
	for (size_t i = 0; i < N_LFIELDS; i++) {
		free(stored[i]);
		free(typed[i]);
	}
	pd_interaction_finish(&it);
	return true;
}
