/* The contact form (C, and Enter in the detail's Contacts tab to edit a
 * person): an edit opens filled, keeps a stored value an import kept, and
 * meets a colleague's save as a conflict, their other change merged in.
 * A save after a colleague deleted the partner says
 * so by the partner's name and asks whose contact it is, as does the
 * person's draft reopened after its partner was deleted; nothing typed is
 * lost. */
#include "form_harness.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/ui/forms.h"

static void test_deleted_meanwhile(void)
{
	int64_t id = add_partner("Amgueddfa Gone");
	pd_pane *f = pd_form_contact_create(NULL, id);
	ok(f != NULL, "the contact form opens");
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Siân Evans");
	pd_form_set_dirty(f->state, true);
	pd_error err = {0};
	pd_partner *p = pd_partner_get(test_db, id, &err);
	ok(p && pd_partner_delete(test_db, id, p->version, &err), "a colleague deletes the partner: %s", err.msg);
	pd_partner_destroy(p);
	ok(!(save(f) & PD_PANE_CLOSE), "the save does not go through");
	draw(f);
	ok(on_screen("Amgueddfa Gone is gone: whose contact is this?"), "the picker says the partner was deleted");
	ok(!on_screen("there is no partner #"), "not only the partner's number");
	key(f, PD_ACT_CANCEL, 27);
	draw(f);
	ok(on_screen("Amgueddfa Gone was deleted meanwhile"), "Esc: back to the form, which says so");
	streq(value(f, "name"), "Siân Evans", "with what was typed");
	ch(f, L'x');
	draw(f);
	ok(on_screen("Amgueddfa Gone was deleted meanwhile"), "the message stays while typing");
	f->ops->destroy(f);

	/* A name longer than the screen is what shortens: the question is
	 * read whole at 80 columns. */
	id = add_partner("Amgueddfa Genedlaethol Cymru a Llyfrgell Gymunedol Ardal Dyffryn Clwyd Gone");
	f = pd_form_contact_create(NULL, id);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Siân Evans");
	pd_form_set_dirty(f->state, true);
	p = pd_partner_get(test_db, id, &err);
	ok(p && pd_partner_delete(test_db, id, p->version, &err), "a colleague deletes a long-named partner: %s",
	   err.msg);
	pd_partner_destroy(p);
	save(f);
	draw(f);
	ok(on_screen("\u2026: whose contact is this?"), "the long name shortened, the question whole");
	f->ops->destroy(f);
}

/* A person typed in a session that ended, whose partner is deleted before
 * the draft is reopened: the form opens, says what happened and asks where
 * the person goes; Esc keeps the text in the form, a save asks again. */
static void test_draft_partner_deleted(void)
{
	pd_drafts left = {0};
	pd_error lerr = {0};
	if (pd_draft_list(test_db, &left, &lerr))   /* the forms above left theirs */
		for (size_t i = 0; i < left.n; i++)
			pd_draft_delete(test_db, &left.v[i], &lerr);
	pd_drafts_finish(&left);
	int64_t gone = add_partner("Oriel Ddrafft");
	int64_t other = add_partner("Canolfan Arall");
	pd_pane *f = pd_form_contact_create(NULL, gone);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Gwen Pryce");
	pd_form_set_value(f->state, "notes", "Runs the Saturday craft club");
	pd_form_set_dirty(f->state, true);
	pd_form_draft_flush(f->state);
	f->ops->destroy(f);   /* the session ends without a save */
	pd_error err = {0};
	pd_partner *p = pd_partner_get(test_db, gone, &err);
	ok(p && pd_partner_delete(test_db, gone, p->version, &err), "the partner is deleted: %s", err.msg);
	pd_partner_destroy(p);
	f = restore_the_draft(pd_form_contact_from_draft);
	ok(f != NULL, "the person's draft reopens in the contact form");
	if (!f)
		return;
	draw(f);
	ok(on_screen("Their partner was deleted: whose contact is this?"), "the picker asks where the person goes");
	ok(!on_screen("there is no partner #"), "not only a partner's number");
	key(f, PD_ACT_CANCEL, 27);
	draw(f);
	ok(on_screen("the partner this person was typed for has been deleted"), "Esc: the form says what happened");
	streq(value(f, "name"), "Gwen Pryce", "the name is as typed");
	streq(value(f, "notes"), "Runs the Saturday craft club", "and the notes");
	ok(!(save(f) & PD_PANE_CLOSE), "a save with no partner does not close the form");
	draw(f);
	ok(on_screen("whose contact is this?"), "it asks again");
	const char *s = "Canolfan";
	for (; *s; s++)
		ch(f, (wchar_t)(unsigned char)*s);
	key(f, PD_ACT_OPEN, '\n');
	draw(f);
	ok(on_screen("New contact person at Canolfan Arall"), "the person now goes to the partner chosen");
	ok(save(f) & PD_PANE_CLOSE, "and saves: %s", last_status);
	f->ops->destroy(f);
	pd_contacts cs = {0};
	ok(pd_contact_list(test_db, other, &cs, &err) && cs.n == 1 && strcmp(cs.v[0].name, "Gwen Pryce") == 0,
	   "added at the partner chosen");
	pd_contacts_finish(&cs);
	pd_drafts ds = {0};
	ok(pd_draft_list(test_db, &ds, &err) && ds.n == 0, "and the draft is gone");
	pd_drafts_finish(&ds);
}

/* The partner is there: the contact is added as before. */
static void test_added(void)
{
	int64_t id = add_partner("Amgueddfa Here");
	pd_pane *f = pd_form_contact_create(NULL, id);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Rhys Jones");
	ok(save(f) & PD_PANE_CLOSE, "saved: %s", last_status);
	streq(last_status, "added Rhys Jones at Amgueddfa Here", "the status line says so");
	f->ops->destroy(f);
}

/* An email or phone that can't be one is refused at the save with the
 * field focused and the message saying what is wrong; nothing is added. */
static void test_reach_checked(void)
{
	int64_t id = add_partner("Amgueddfa Ffôn");
	pd_pane *f = pd_form_contact_create(NULL, id);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Siân Evans");
	pd_form_set_value(f->state, "email", "sian@@amgueddfa.cymru");
	pd_form_set_value(f->state, "phone", "call me");
	ok(!(save(f) & PD_PANE_CLOSE), "a bad email keeps the form open");
	streq(pd_form_focused_key(f->state), "email", "with Email focused");
	draw(f);
	ok(on_screen("email 'sian@@amgueddfa.cymru' has more than one @"), "the message says what is wrong");
	pd_form_set_value(f->state, "email", "sian@amgueddfa.cymru");
	ok(!(save(f) & PD_PANE_CLOSE), "then the phone with no digits");
	streq(pd_form_focused_key(f->state), "phone", "with Phone focused");
	draw(f);
	ok(on_screen("phone 'call me' has no digits"), "and says so");
	pd_contacts cs = {0};
	pd_error err = {0};
	ok(pd_contact_list(test_db, id, &cs, &err) && cs.n == 0, "nobody was added");
	pd_contacts_finish(&cs);
	pd_form_set_value(f->state, "phone", "1-800-FLOWERS");
	ok(save(f) & PD_PANE_CLOSE, "a vanity number saves: %s", last_status);
	f->ops->destroy(f);
	ok(pd_contact_list(test_db, id, &cs, &err) && cs.n == 1
	   && strcmp(cs.v[0].email, "sian@amgueddfa.cymru") == 0 && strcmp(cs.v[0].phone, "1-800-FLOWERS") == 0,
	   "added with the email and phone");
	pd_contacts_finish(&cs);
}

static void test_edit(void)
{
	int64_t id = add_partner("Amgueddfa Edit");
	pd_error err = {0};
	pd_contact c = {.partner_id = id, .name = strdup("Dana Ortiz"), .email = strdup("dana.museum.org")};
	ok(pd_contact_insert(test_db, &c, &err), "a person with the bad email an import kept: %s", err.msg);
	pd_pane *f = pd_form_contact_edit(NULL, c.id);
	ok(f != NULL, "the edit form opens");
	if (!f) {
		pd_contact_finish(&c);
		return;
	}
	streq(value(f, "email"), "dana.museum.org", "filled with what is stored");
	pd_form_set_value(f->state, "title", "Educator");
	ok(save(f) & PD_PANE_CLOSE, "a new title saves, the kept email not refused: %s", last_status);
	streq(last_status, "saved Dana Ortiz at Amgueddfa Edit", "the status line says so");
	f->ops->destroy(f);
	pd_contact *got = pd_contact_get(test_db, c.id, &err);
	ok(got && got->title && strcmp(got->title, "Educator") == 0 && got->version == 2, "stored, version 2");
	pd_contact_destroy(got);

	/* A colleague saves a phone while the title is edited here. */
	f = pd_form_contact_edit(NULL, c.id);
	if (!f) {
		pd_contact_finish(&c);
		return;
	}
	got = pd_contact_get(test_db, c.id, &err);
	got->phone = strdup("555 0100");
	got->title = (free(got->title), strdup("Curator"));
	ok(pd_contact_update(test_db, got, &err), "a colleague saves a phone and a title: %s", err.msg);
	pd_contact_destroy(got);
	pd_form_set_value(f->state, "title", "Head of learning");
	pd_form_set_dirty(f->state, true);
	ok(!(save(f) & PD_PANE_CLOSE), "the save meets their version");
	draw(f);
	ok(on_screen("Dana Ortiz was changed by"), "the conflict dialog says who");
	ok(on_screen("Curator") && on_screen("Head of learning"), "the title, theirs and mine");
	ch(f, L'b');
	streq(value(f, "phone"), "555 0100", "back: their phone merged in");
	streq(value(f, "title"), "Head of learning", "my title kept");
	ok(save(f) & PD_PANE_CLOSE, "saved over their version: %s", last_status);
	f->ops->destroy(f);
	got = pd_contact_get(test_db, c.id, &err);
	ok(got && got->phone && strcmp(got->phone, "555 0100") == 0 && strcmp(got->title, "Head of learning") == 0,
	   "stored: their phone and my title");
	pd_contact_destroy(got);
	pd_contact_finish(&c);
}

/* The picker's way back is named as the config binds cancel: Esc does
 * nothing there when cancel is C-g alone. */
static void test_deleted_rebound(void)
{
	const char *yaml = "keys:\n  cancel: [C-g]\n";
	pd_error err = {0};
	pd_config *cfg = pd_config_load_buffer("keys.yaml", yaml, strlen(yaml), &err);
	harness_keymap = cfg ? pd_keymap_create(cfg, &err) : NULL;
	ok(harness_keymap != NULL, "cancel on C-g builds: %s", err.msg);
	int64_t id = add_partner("Gone Rebound");
	pd_pane *f = pd_form_contact_create(NULL, id);
	pd_form_set_value(f->state, "name", "Rhys Evans");
	pd_form_set_dirty(f->state, true);
	pd_partner *p = pd_partner_get(test_db, id, &err);
	ok(p && pd_partner_delete(test_db, id, p->version, &err), "a colleague deletes the partner: %s", err.msg);
	pd_partner_destroy(p);
	ok(!(save(f) & PD_PANE_CLOSE), "the save does not go through");
	draw(f);
	ok(on_screen("(C-g: back to the form)"), "the way back names C-g");
	ok(!on_screen("Esc: back"), "not Esc, which is not cancel here");
	key(f, PD_ACT_CANCEL, 7);
	f->ops->destroy(f);
	pd_keymap_destroy(harness_keymap);
	harness_keymap = NULL;
	pd_config_destroy(cfg);
}

static void all(void)
{
	test_edit();
	test_deleted_meanwhile();
	test_deleted_rebound();
	test_added();
	test_draft_partner_deleted();
	test_reach_checked();
}

int main(void)
{
	return harness_run("contact-form", all);
}
