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

static void all(void)
{
	test_deleted_meanwhile();
	test_added();
}

int main(void)
{
	return harness_run("contact-form", all);
}
