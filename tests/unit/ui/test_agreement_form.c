/* The agreement form keeps the library offers it has no checklist entry
 * for (an import, an older config): shown as rows of their own, saved back
 * unchanged, removed only when unticked (and their note cleared), and
 * carried through a conflict (theirs, mine, back) and a restored draft. */
#include "form_harness.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/ui/forms.h"

/* The index of a field in the form, or -1. */
static long field_at(pd_pane *p, const char *key_name)
{
	for (size_t i = 0; i < pd_form_count(p->state); i++)
		if (strcmp(pd_form_at(p->state, i)->key, key_name) == 0)
			return (long)i;
	return -1;
}

/* As an import leaves it: the configured space, two library offers the
 * config does not list (one with a note), and a partner offer. */
static void add_agreement(int64_t partner_id)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_get(test_db, partner_id, &err);
	pd_agreement a = {.partner_id = partner_id};
	a.stage = strdup(p->stage);
	a.title = strdup("Makers");
	pd_agreement_add_offer(&a, "library", "space", "Room");
	pd_agreement_add_offer(&a, "library", "Makerspace", "3D printers, Tuesdays");
	pd_agreement_add_offer(&a, "library", "Bookmobile stop", NULL);
	pd_agreement_add_offer(&a, "partner", "Docents", "tours");
	ok(pd_agreement_insert(test_db, &a, &err), "an agreement with two off-list library offers: %s", err.msg);
	pd_agreement_finish(&a);
	pd_partner_destroy(p);
}

/* Another person's save, through the model, the way an import does it. */
static void model_edit(int64_t partner_id, void (*change)(pd_agreement *a))
{
	pd_error err = {0};
	pd_agreements list = {0};
	ok(pd_agreement_list(test_db, partner_id, &list, &err) && list.n, "read the agreement: %s", err.msg);
	if (!list.n)
		return;
	change(&list.v[0]);
	ok(pd_agreement_update(test_db, &list.v[0], &err), "someone else saves: %s", err.msg);
	pd_agreements_finish(&list);
}

/* The note of the newest agreement's library offer `item` ("(none)" when
 * it has no note, NULL when it is not offered); how many library offers. */
static const char *library_note(int64_t partner_id, const char *item, size_t *n_library)
{
	static char buf[256];
	pd_error err = {0};
	pd_agreements list = {0};
	const char *out = NULL;
	*n_library = 0;
	if (pd_agreement_list(test_db, partner_id, &list, &err) && list.n) {
		const pd_agreement *a = &list.v[0];
		for (size_t i = 0; i < a->n_offers; i++) {
			if (strcmp(a->offers[i].side, "library") != 0)
				continue;
			++*n_library;
			if (!out && strcmp(a->offers[i].item, item) == 0) {
				snprintf(buf, sizeof buf, "%s", a->offers[i].note ? a->offers[i].note : "(none)");
				out = buf;
			}
		}
	}
	pd_agreements_finish(&list);
	return out;
}

static void test_shown_and_kept(void)
{
	int64_t id = add_partner("Kept Museum");
	add_agreement(id);
	pd_pane *p = pd_form_agreement_create(NULL, id);
	ok(p != NULL, "the form opens");
	if (!p)
		return;
	streq(value(p, "library_extra.0"), "[x] Makerspace", "the first off-list offer is a ticked row");
	streq(value(p, "library_extra_note.0"), "3D printers, Tuesdays", "with its note");
	streq(value(p, "library_extra.1"), "[x] Bookmobile stop", "the second one too");
	ok(field_at(p, "library_extra.1") < field_at(p, "partner_offers") &&
	   field_at(p, "library_extra.0") > field_at(p, "library_note.5"),
	   "after the configured checklist, before the partner's offers");
	pd_form_focus(p->state, "library_extra.0");
	draw(p);
	ok(on_screen("[x] Makerspace") && on_screen("not in config"), "on screen, marked as not in the config");
	ok(on_screen("3D printers, Tuesdays"), "the note on screen");
	ok(save(p) & PD_PANE_CLOSE, "saving without a change closes the form");
	p->ops->destroy(p);
	size_t n = 0;
	streq(library_note(id, "Makerspace", &n), "3D printers, Tuesdays", "the off-list offer and its note survive");
	ok(library_note(id, "Bookmobile stop", &n) != NULL, "the one without a note too");
	streq(library_note(id, "space", &n), "Room", "the configured one as it was");
	is(n, 3, "three library offers, as before");
}

static void test_untick(void)
{
	int64_t id = add_partner("Untick Museum");
	add_agreement(id);
	size_t n = 0;

	pd_pane *p = pd_form_agreement_create(NULL, id);
	pd_form_set_value(p->state, "library_extra.1", "[ ] Bookmobile stop");
	pd_form_set_value(p->state, "library_extra.0", "[ ] Makerspace");
	ok(save(p) & PD_PANE_CLOSE, "saved with both unticked");
	p->ops->destroy(p);
	ok(library_note(id, "Bookmobile stop", &n) == NULL, "unticked, the one without a note is gone");
	streq(library_note(id, "Makerspace", &n), "3D printers, Tuesdays",
	      "unticked with its note kept, it stays (a note says it is meant, as on the checklist)");

	p = pd_form_agreement_create(NULL, id);
	streq(value(p, "library_extra.0"), "[x] Makerspace", "it is still a row");
	ok(field_at(p, "library_extra.1") < 0, "the removed one is not");
	pd_form_set_value(p->state, "library_extra.0", "[ ] Makerspace");
	pd_form_set_value(p->state, "library_extra_note.0", NULL);
	ok(save(p) & PD_PANE_CLOSE, "saved unticked without its note");
	p->ops->destroy(p);
	ok(library_note(id, "Makerspace", &n) == NULL, "now it is gone");
	is(n, 1, "the configured space is left");

	p = pd_form_agreement_create(NULL, id);
	ok(field_at(p, "library_extra.0") < 0, "no off-list rows left");
	pd_form_set_value(p->state, "library.1", "[x] an audience");
	pd_form_set_value(p->state, "library_note.1", "Teen nights");
	pd_form_set_value(p->state, "library.0", "[ ] space");
	pd_form_set_value(p->state, "library_note.0", NULL);
	ok(save(p) & PD_PANE_CLOSE, "the configured checklist still saves");
	p->ops->destroy(p);
	streq(library_note(id, "an audience", &n), "Teen nights", "a ticked configured item with its note");
	ok(library_note(id, "space", &n) == NULL, "an unticked one gone");
	is(n, 1, "one library offer");
}

/* The same configured item twice (an import can): the checklist shows the
 * first, the second gets a row of its own rather than being dropped. */
static void test_twice(void)
{
	int64_t id = add_partner("Twice Museum");
	pd_error err = {0};
	pd_partner *pp = pd_partner_get(test_db, id, &err);
	pd_agreement a = {.partner_id = id};
	a.stage = strdup(pp->stage);
	pd_agreement_add_offer(&a, "library", "space", "Main branch");
	pd_agreement_add_offer(&a, "library", "Space", "Annex");
	ok(pd_agreement_insert(test_db, &a, &err), "space offered twice: %s", err.msg);
	pd_agreement_finish(&a);
	pd_partner_destroy(pp);
	pd_pane *p = pd_form_agreement_create(NULL, id);
	streq(value(p, "library_note.0"), "Main branch", "the checklist has the first");
	streq(value(p, "library_extra_note.0"), "Annex", "a row of its own has the second");
	ok(save(p) & PD_PANE_CLOSE, "saved unchanged");
	p->ops->destroy(p);
	pd_agreements list = {0};
	ok(pd_agreement_list(test_db, id, &list, &err) && list.n == 1 && list.v[0].n_offers == 2 &&
	   strcmp(list.v[0].offers[1].note, "Annex") == 0, "both survive");
	pd_agreements_finish(&list);
}

static void drop_bookmobile_change_makerspace(pd_agreement *a)
{
	for (size_t i = 0; i < a->n_offers; i++) {
		pd_offer *o = &a->offers[i];
		if (strcmp(o->item, "Makerspace") == 0) {
			free(o->note);
			o->note = strdup("Laser cutter too");
		} else if (strcmp(o->item, "Bookmobile stop") == 0) {
			free(o->item);
			free(o->note);
			free(o->side);
			a->offers[i] = a->offers[--a->n_offers];
			i--;
		}
	}
	free(a->approved_by);
	a->approved_by = strdup("Maria");
}

static void add_seed_library(pd_agreement *a)
{
	pd_agreement_add_offer(a, "library", "Seed library", "Spring swap");
}

static void test_conflict(void)
{
	size_t n = 0;
	/* mine: my unchanged off-list offers go in with my other change. */
	int64_t id = add_partner("Mine Museum");
	add_agreement(id);
	pd_pane *b = pd_form_agreement_create(NULL, id);
	model_edit(id, drop_bookmobile_change_makerspace);
	pd_form_set_value(b->state, "title", "Makers club");
	ok(!(save(b) & PD_PANE_CLOSE), "my save meets theirs");
	draw(b);
	/* Wrapped at word boundaries, wherever the column ends. */
	ok(in_dialog("Laser") && in_dialog("cutter too") && in_dialog("printers, Tuesdays"),
	   "the dialog shows both sides' off-list offers");
	ok(in_dialog("Bookmobile") && in_dialog("stop"), "and mine that they dropped");
	ok(ch(b, L'm') & PD_PANE_CLOSE, "m saves mine");
	b->ops->destroy(b);
	streq(library_note(id, "Makerspace", &n), "3D printers, Tuesdays", "mine: my note");
	ok(library_note(id, "Bookmobile stop", &n) != NULL, "mine: my bookmobile");
	is(n, 3, "mine: three library offers");

	/* theirs: as they left it. */
	id = add_partner("Theirs Museum");
	add_agreement(id);
	b = pd_form_agreement_create(NULL, id);
	model_edit(id, drop_bookmobile_change_makerspace);
	pd_form_set_value(b->state, "title", "Makers club");
	save(b);
	ok(ch(b, L't') & PD_PANE_CLOSE, "t keeps theirs");
	b->ops->destroy(b);
	streq(library_note(id, "Makerspace", &n), "Laser cutter too", "theirs: their note");
	is(n, 2, "theirs: two library offers");

	/* back: what they changed and I left alone comes in, a new off-list
	 * offer of theirs as a row of its own. */
	id = add_partner("Back Museum");
	add_agreement(id);
	b = pd_form_agreement_create(NULL, id);
	model_edit(id, drop_bookmobile_change_makerspace);
	model_edit(id, add_seed_library);
	pd_form_set_value(b->state, "notes", "Ask about the laser cutter");
	pd_form_focus(b->state, "notes");
	save(b);
	draw(b);
	ok(in_dialog("Seed library:") && in_dialog("Spring swap"), "the dialog shows their new off-list offer");
	ok(!(ch(b, L'b') & PD_PANE_CLOSE), "b goes back to the form");
	streq(value(b, "library_extra_note.0"), "Laser cutter too", "their note, which I left alone, comes in");
	streq(value(b, "library_extra.1"), "[ ] Bookmobile stop", "their removal comes in as an unticked row");
	streq(value(b, "library_extra.2"), "[x] Seed library", "their new offer comes in as a row");
	streq(value(b, "library_extra_note.2"), "Spring swap", "with its note");
	ok(field_at(b, "library_extra_note.2") == field_at(b, "partner_offers") - 1,
	   "placed with the library's offers, before the partner's");
	streq(pd_form_focused_key(b->state), "notes", "the cursor stays where it was");
	streq(value(b, "notes"), "Ask about the laser cutter", "my notes kept");
	ok(save(b) & PD_PANE_CLOSE, "the save goes through");
	b->ops->destroy(b);
	streq(library_note(id, "Seed library", &n), "Spring swap", "back: their new offer saved");
	streq(library_note(id, "Makerspace", &n), "Laser cutter too", "back: their note saved");
	ok(library_note(id, "Bookmobile stop", &n) == NULL, "back: their removal saved");
	is(n, 3, "back: space, Makerspace, Seed library");
}

static void drop_makerspace(pd_agreement *a)
{
	for (size_t i = 0; i < a->n_offers; i++)
		if (strcmp(a->offers[i].item, "Makerspace") == 0) {
			pd_offer *o = &a->offers[i];
			free(o->item);
			free(o->note);
			free(o->side);
			memmove(o, o + 1, (a->n_offers - i - 1) * sizeof *o);
			a->n_offers--;
			return;
		}
}

static void test_draft(void)
{
	size_t n = 0;
	int64_t id = add_partner("Draft Museum");
	add_agreement(id);
	pd_pane *b = pd_form_agreement_create(NULL, id);
	pd_form_set_value(b->state, "library_extra_note.0", "3D printers, Tuesdays and Thursdays");
	pd_form_set_dirty(b->state, true);
	b->ops->destroy(b);   /* the line drops: the draft stays */
	/* Meanwhile someone removes the Makerspace the draft's note is for. */
	model_edit(id, drop_makerspace);
	if (!(b = restore_the_draft(pd_form_agreement_from_draft)))
		return;
	streq(value(b, "library_extra.0"), "[x] Makerspace", "the restored draft has its Makerspace row");
	streq(value(b, "library_extra_note.0"), "3D printers, Tuesdays and Thursdays", "with the typed note");
	streq(value(b, "library_extra.1"), "[x] Bookmobile stop", "and the bookmobile");
	ok(field_at(b, "library_extra.1") < field_at(b, "partner_offers"), "in their place");
	/* Space cycles the row between ticked and not, for this item only. */
	pd_form_focus(b->state, "library_extra.0");
	ch(b, L' ');
	streq(value(b, "library_extra.0"), "[ ] Makerspace", "Space unticks it");
	ch(b, L' ');
	streq(value(b, "library_extra.0"), "[x] Makerspace", "Space ticks it again");
	ok(!(save(b) & PD_PANE_CLOSE), "its save meets the removal as a conflict");
	ok(ch(b, L'm') & PD_PANE_CLOSE, "m saves mine");
	b->ops->destroy(b);
	streq(library_note(id, "Makerspace", &n), "3D printers, Tuesdays and Thursdays", "the typed note is saved");
	is(n, 3, "space, Makerspace, bookmobile");
}

/* Dates that contradict each other are refused on save, the field to
 * change focused, nothing written: a review after the end, as an end
 * before the start. */
static void test_dates(void)
{
	int64_t id = add_partner("Dated Museum");
	pd_pane *p = pd_form_agreement_create(NULL, id);
	ok(p != NULL, "the form opens");
	if (!p)
		return;
	pd_form_set_value(p->state, "title", "Summer programs");
	pd_form_set_value(p->state, "start", "2027-06-01");
	pd_form_set_value(p->state, "end", "2027-08-31");
	pd_form_set_value(p->state, "review", "2027-09-15");
	ok(!(save(p) & PD_PANE_CLOSE), "a review after the end keeps the form open");
	streq(pd_form_focused_key(p->state), "review", "with the review date focused");
	draw(p);
	ok(on_screen("after it ends"), "saying it is reviewed after it ends");
	pd_agreements list = {0};
	pd_error err = {0};
	ok(pd_agreement_list(test_db, id, &list, &err) && list.n == 0, "nothing written");
	pd_agreements_finish(&list);
	pd_form_set_value(p->state, "end", "2027-05-31");
	ok(!(save(p) & PD_PANE_CLOSE), "an end before the start likewise");
	streq(pd_form_focused_key(p->state), "end", "with the end focused");
	pd_form_set_value(p->state, "end", "2027-09-30");
	ok(save(p) & PD_PANE_CLOSE, "dates that agree save");
	p->ops->destroy(p);
}

static void all(void)
{
	test_dates();
	test_shown_and_kept();
	test_untick();
	test_twice();
	test_conflict();
	test_draft();
}

int main(void)
{
	return harness_run("agreement-form", all);
}
