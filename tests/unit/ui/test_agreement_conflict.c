/* The agreement form against a scratch database when someone else saved
 * first: the conflict dialog shows both sides (long values wrapped, not
 * cut), and keep theirs, save mine and back each end as chosen, with
 * nothing typed lost; a second new agreement for the stage and a draft
 * restored after someone saved are conflicts too, never silent. */
#include "form_harness.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/ui/forms.h"

/* The partner's agreement as it was when both opened the form: title
 * Robotics, approved by Dana, the library's space (a room). */
static void add_agreement(int64_t partner_id)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_get(test_db, partner_id, &err);
	pd_agreement a = {.partner_id = partner_id};
	a.stage = strdup(p->stage);
	a.title = strdup("Robotics");
	a.approved_by = strdup("Dana");
	pd_agreement_add_offer(&a, "library", "space", "Room");
	ok(pd_agreement_insert(test_db, &a, &err), "an agreement: %s", err.msg);
	pd_agreement_finish(&a);
	pd_partner_destroy(p);
}

/* The partner's newest agreement (caller finishes the list). */
static const pd_agreement *newest(int64_t partner_id, pd_agreements *list)
{
	pd_error err = {0};
	if (!pd_agreement_list(test_db, partner_id, list, &err) || !list->n)
		return NULL;
	return &list->v[0];
}

/* A: approver Maria, space no longer offered. B (opened before A saved):
 * title, notes, a partner offer. B's save meets A's. */
static pd_pane *two_edits(int64_t id)
{
	pd_pane *a = pd_form_agreement_create(NULL, id);
	pd_pane *b = pd_form_agreement_create(NULL, id);
	ok(a && b, "both open the agreement");
	pd_form_set_value(a->state, "approved_by", "Maria");
	pd_form_set_value(a->state, "library.0", "[ ] space");
	pd_form_set_value(a->state, "library_note.0", NULL);
	ok(key(a, PD_ACT_SAVE, 19) & PD_PANE_CLOSE, "the first save closes A's form");
	a->ops->destroy(a);

	pd_form_set_value(b->state, "title", "Robotics for teens");
	pd_form_set_value(b->state, "notes", "Call Priya first");
	pd_form_set_value(b->state, "partner_offers", "Docents: tours\nLoaned robots");
	unsigned r = key(b, PD_ACT_SAVE, 19);
	ok(!(r & PD_PANE_CLOSE), "the second save keeps B's form open");
	draw(b);
	/* The dialog names who saved first from the audit (here, us). */
	char by[200];
	snprintf(by, sizeof by, "changed by %s at ", pd_db_user(test_db));
	ok(in_dialog(by), "B sees the conflict dialog naming who saved first");
	ok(!in_dialog("someone else"), "not \"someone else\"");
	return b;
}

static void test_theirs(void)
{
	int64_t id = add_partner("Theirs Museum");
	add_agreement(id);
	pd_pane *b = two_edits(id);
	ok(in_dialog("Maria") && in_dialog("Dana"), "the dialog shows both approvers");
	ok(in_dialog("Robotics for teens"), "and my title");
	ok(in_dialog("space: Room") && in_dialog("(none)"), "the library's offers a row per side: mine, theirs none");
	ok(in_dialog("Docents: tours; Loaned robots"), "the partner's offers summarised on one row");
	ok(!in_dialog("For stage"), "a field nobody changed is not listed");
	ok(ch(b, L't') & PD_PANE_CLOSE, "t keeps theirs and closes the form");
	b->ops->destroy(b);
	pd_agreements list = {0};
	const pd_agreement *ag = newest(id, &list);
	ok(ag && strcmp(ag->approved_by, "Maria") == 0 && strcmp(ag->title, "Robotics") == 0 && ag->n_offers == 0,
		"theirs is in the database untouched");
	is(list.n, 1, "one agreement");
	pd_agreements_finish(&list);
}

static void test_mine(void)
{
	int64_t id = add_partner("Mine Museum");
	add_agreement(id);
	pd_pane *b = two_edits(id);
	ok(ch(b, L'm') & PD_PANE_CLOSE, "m saves mine and closes the form");
	b->ops->destroy(b);
	pd_agreements list = {0};
	const pd_agreement *ag = newest(id, &list);
	ok(ag && strcmp(ag->title, "Robotics for teens") == 0 && strcmp(ag->approved_by, "Dana") == 0 &&
	   ag->notes && strcmp(ag->notes, "Call Priya first") == 0, "mine is in the database");
	ok(ag && ag->n_offers == 3, "with all my offers (space, Docents, Loaned robots)");
	is(ag ? ag->version : 0, 3, "over their version");
	is(list.n, 1, "one agreement");
	pd_agreements_finish(&list);
}

static void test_back(void)
{
	int64_t id = add_partner("Back Museum");
	add_agreement(id);
	pd_pane *b = two_edits(id);
	unsigned r = ch(b, L'b');
	ok(!(r & PD_PANE_CLOSE), "b goes back to the form");
	draw(b);
	ok(!on_screen("Changed meanwhile"), "the dialog is gone");
	streq(value(b, "title"), "Robotics for teens", "my title is kept");
	streq(value(b, "notes"), "Call Priya first", "my notes are kept");
	streq(value(b, "partner_offers"), "Docents: tours\nLoaned robots", "my partner offers are kept");
	streq(value(b, "approved_by"), "Maria", "their approver, which I left alone, comes in");
	streq(value(b, "library.0"), "[ ] space", "their unticked space comes in");
	streq(value(b, "library_note.0"), "(empty)", "without its note");

	/* Someone saves yet again while B looks: the next save meets it too,
	 * merged against what B last saw. */
	pd_pane *c = pd_form_agreement_create(NULL, id);
	pd_form_set_value(c->state, "end", "2031-06-30");
	pd_form_set_value(c->state, "notes", "Third person's notes");
	ok(key(c, PD_ACT_SAVE, 19) & PD_PANE_CLOSE, "a third person saves");
	c->ops->destroy(c);
	r = key(b, PD_ACT_SAVE, 19);
	ok(!(r & PD_PANE_CLOSE), "B's save meets the third version");
	draw(b);
	ok(in_dialog("Third person's notes") && in_dialog("Call Priya first"), "the dialog shows both notes");
	ok(!in_dialog("Maria"), "not what B already took in");
	ch(b, L'b');
	streq(value(b, "notes"), "Call Priya first", "both changed the notes: mine stays");
	streq(value(b, "end"), "2031-06-30", "their end date comes in");
	ok(key(b, PD_ACT_SAVE, 19) & PD_PANE_CLOSE, "now the save goes through");
	b->ops->destroy(b);
	pd_agreements list = {0};
	const pd_agreement *ag = newest(id, &list);
	ok(ag && strcmp(ag->title, "Robotics for teens") == 0 && strcmp(ag->approved_by, "Maria") == 0 &&
	   strcmp(ag->notes, "Call Priya first") == 0 && strcmp(ag->end_date, "2031-06-30") == 0 && ag->n_offers == 2,
	   "the database has mine merged with both others' changes");
	is(list.n, 1, "one agreement");
	pd_agreements_finish(&list);
}

static void test_new_twice(void)
{
	int64_t id = add_partner("New Museum");
	pd_pane *a = pd_form_agreement_create(NULL, id);
	pd_pane *b = pd_form_agreement_create(NULL, id);
	pd_form_set_value(a->state, "title", "STEM Saturdays");
	ok(key(a, PD_ACT_SAVE, 19) & PD_PANE_CLOSE, "A records a new agreement");
	a->ops->destroy(a);
	pd_form_set_value(b->state, "title", "Star parties");
	ok(!(key(b, PD_ACT_SAVE, 19) & PD_PANE_CLOSE), "B's new one for the same stage is a conflict");
	draw(b);
	char by[200];
	snprintf(by, sizeof by, "%s at ", pd_db_user(test_db));
	ok(in_dialog(by) && in_dialog("saved an agreement") && !in_dialog("Someone else"),
	   "the dialog names who recorded the first");
	ok(in_dialog("STEM Saturdays") && in_dialog("Star parties"), "the dialog shows theirs and mine");
	ch(b, L'b');
	streq(value(b, "title"), "Star parties", "back keeps my title");
	ok(key(b, PD_ACT_SAVE, 19) & PD_PANE_CLOSE, "and saves over theirs");
	b->ops->destroy(b);
	pd_agreements list = {0};
	const pd_agreement *ag = newest(id, &list);
	is(list.n, 1, "one agreement, not two");
	streq(ag ? ag->title : NULL, "Star parties", "mine");
	/* The partner is at glance, which takes no agreement: both forms
	 * began at date, and B's save met A's agreement for date. */
	streq(ag ? ag->stage : NULL, "date", "for date, the first stage an agreement can be for");
	pd_agreements_finish(&list);
}

static void test_draft(void)
{
	int64_t id = add_partner("Draft Museum");
	add_agreement(id);
	pd_pane *b = pd_form_agreement_create(NULL, id);
	pd_form_set_value(b->state, "notes", "typed before the line dropped");
	pd_form_set_dirty(b->state, true);
	b->ops->destroy(b);   /* the session ends without a save: the draft stays */
	pd_pane *a = pd_form_agreement_create(NULL, id);
	pd_form_set_value(a->state, "approved_by", "Maria");
	ok(key(a, PD_ACT_SAVE, 19) & PD_PANE_CLOSE, "someone saves meanwhile");
	a->ops->destroy(a);
	if (!(b = restore_the_draft(pd_form_agreement_from_draft)))
		return;
	ok(!(key(b, PD_ACT_SAVE, 19) & PD_PANE_CLOSE), "the restored draft's save is a conflict, not an overwrite");
	draw(b);
	ok(in_dialog("Maria") && in_dialog("typed before the line dropped"), "showing both");
	ch(b, L'b');
	/* The draft does not say what the form showed when it was opened, so
	 * every field of it that differs counts as typed: kept, for the person
	 * to change on screen, rather than guessed away. */
	streq(value(b, "notes"), "typed before the line dropped", "back keeps the draft's notes");
	streq(value(b, "approved_by"), "Dana", "and the rest of the draft as it was");
	pd_form_set_value(b->state, "approved_by", "Maria");
	ok(key(b, PD_ACT_SAVE, 19) & PD_PANE_CLOSE, "the person takes their approver and saves");
	b->ops->destroy(b);
	pd_agreements list = {0};
	const pd_agreement *ag = newest(id, &list);
	ok(ag && strcmp(ag->approved_by, "Maria") == 0 && ag->notes &&
	   strcmp(ag->notes, "typed before the line dropped") == 0, "both kept");
	pd_agreements_finish(&list);
}

static pd_conflict_choice chosen;
static int calls;
static void done(void *ctx, pd_conflict_choice c)
{
	chosen = c;
	calls++;
}

/* The dialog alone: a long value is wrapped whole; a long list scrolls. */
static void test_dialog(void)
{
	const char *longv = "a note long enough to wrap over several lines of a column "
	                    "that is only thirty-odd characters wide, ending in ZEBRA";
	pd_conflict_row rows[] = {{"Notes", "short", longv}, {"Title", "Theirs", "Mine"}};
	pd_pane *p = pd_conflict_create(NULL, "what changed", rows, 2, done, NULL);
	draw(p);
	ok(on_screen("ZEBRA"), "a long value is wrapped, its end on screen");
	ok(on_screen("Theirs") && on_screen("Mine"), "the row after it too");
	ok(!on_screen("more line"), "no scrolling needed");
	calls = 0;
	ok(key(p, PD_ACT_NONE, '\n') & PD_PANE_CLOSE, "Enter chooses");
	ok(calls == 1 && chosen == PD_CONFLICT_BACK, "the default is back to the form");
	p->ops->destroy(p);

	pd_conflict_row many[30];
	char labels[30][16];
	for (int i = 0; i < 30; i++) {
		snprintf(labels[i], sizeof labels[i], "field %02d", i);
		many[i] = (pd_conflict_row){labels[i], "t", "y"};
	}
	p = pd_conflict_create(NULL, "what changed", many, 30, done, NULL);
	draw(p);
	ok(on_screen("field 00") && !on_screen("field 29"), "30 rows: the first shown, the last not");
	ok(on_screen("more lines: Down/Up scroll"), "and the dialog says there is more");
	for (int i = 0; i < 40; i++)
		key(p, PD_ACT_NONE, KEY_DOWN);
	draw(p);
	ok(on_screen("field 29") && !on_screen("field 00"), "Down scrolls to the last");
	ok(on_screen("lines above"), "and says what is above");
	key(p, PD_ACT_NONE, KEY_PPAGE);
	key(p, PD_ACT_NONE, KEY_PPAGE);
	key(p, PD_ACT_NONE, KEY_PPAGE);
	draw(p);
	ok(on_screen("field 00"), "PgUp back to the top");
	calls = 0;
	ok(ch(p, L'm') & PD_PANE_CLOSE, "m closes");
	ok(calls == 1 && chosen == PD_CONFLICT_MINE, "with mine");
	p->ops->destroy(p);
	p = pd_conflict_create(NULL, "what changed", many, 1, done, NULL);
	calls = 0;
	ch(p, L'q');
	ok(calls == 1 && chosen == PD_CONFLICT_BACK, "q goes back to the form");
	p->ops->destroy(p);
}

static void all(void)
{
	test_dialog();
	test_theirs();
	test_mine();
	test_back();
	test_new_twice();
	test_draft();
}

int main(void)
{
	return harness_run("agreement-conflict", all);
}
