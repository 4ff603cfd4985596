/* The contact form (C): a save after a colleague deleted the partner says
 * so by the partner's name and how to close the form, and the message stays
 * while the person types. */
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
	ok(on_screen("someone else deleted Amgueddfa Gone meanwhile"), "the form says the partner was deleted");
	ok(on_screen("then C-x, closes the form"), "and how to close the form");
	ok(!on_screen("there is no partner #"), "not only the partner's number");
	ch(f, L'x');
	draw(f);
	ok(on_screen("someone else deleted Amgueddfa Gone"), "the message stays while typing");
	f->ops->destroy(f);
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

static void all(void)
{
	test_deleted_meanwhile();
	test_added();
	test_reach_checked();
}

int main(void)
{
	return harness_run("contact-form", all);
}
