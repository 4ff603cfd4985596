/* The partner form (e) edits Position, Directions and Fiscal month as
 * `edit --position/--directions/--fiscal-month` do: the month typed as a
 * name or 1-12, shown by name, refused when it names no month. */
#include "form_harness.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/forms.h"
#include "../../../src/ui/views.h"

/* The app services form_partner.c asks for beyond form_stubs.h. */
void pd_app_follow(struct pd_app *app, int64_t id) { (void)app; (void)id; }
const char *pd_view_stage_label(struct pd_app *app, const char *stage) { (void)app; return stage; }

static pd_partner *get(int64_t id)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_get(test_db, id, &err);
	ok(p != NULL, "read the partner back: %s", err.msg);
	return p;
}

static void test_shown(void)
{
	int64_t id = add_partner("Casa Latina");
	pd_error err = {0};
	pd_partner *p = get(id);
	p->position = strdup("trusted hub");
	p->directions = strdup("grow ESL");
	p->fiscal_month = 7;
	ok(pd_partner_update(test_db, p, &err), "set as edit --position --directions --fiscal-month jul: %s", err.msg);
	pd_partner_destroy(p);

	pd_pane *f = pd_form_partner_create(NULL, id);
	ok(f != NULL, "the edit form opens");
	if (!f)
		return;
	streq(value(f, "position"), "trusted hub", "Position is a field with the stored text");
	streq(value(f, "directions"), "grow ESL", "Directions too");
	streq(value(f, "fiscal"), "July", "Fiscal month shows the month's name");
	pd_form_focus(f->state, "fiscal");
	draw(f);
	ok(on_screen("Fiscal month") && on_screen("July"), "on screen with its label");

	pd_form_set_value(f->state, "position", "the neighbourhood's meeting place");
	pd_form_set_value(f->state, "directions", "citizenship classes");
	pd_form_set_value(f->state, "fiscal", "oct");
	ok(save(f) & PD_PANE_CLOSE, "saved: %s", last_status);
	f->ops->destroy(f);
	p = get(id);
	streq(p->position, "the neighbourhood's meeting place", "Position saved");
	streq(p->directions, "citizenship classes", "Directions saved");
	is(p->fiscal_month, 10, "\"oct\" is October");
	pd_partner_destroy(p);

	f = pd_form_partner_create(NULL, id);
	pd_form_set_value(f->state, "fiscal", "4");
	ok(save(f) & PD_PANE_CLOSE, "a number saves");
	f->ops->destroy(f);
	p = get(id);
	is(p->fiscal_month, 4, "\"4\" is April");
	int64_t version = p->version;
	pd_partner_destroy(p);

	f = pd_form_partner_create(NULL, id);
	pd_form_set_value(f->state, "fiscal", "Juneteenth");
	pd_form_set_value(f->state, "position", "changed");
	ok(!(save(f) & PD_PANE_CLOSE), "a text naming no month keeps the form open");
	streq(pd_form_focused_key(f->state), "fiscal", "with Fiscal month focused");
	draw(f);
	ok(on_screen("Juneteenth"), "the message names what was typed");
	p = get(id);
	ok(p->version == version && p->fiscal_month == 4 && strcmp(p->position, "the neighbourhood's meeting place") == 0,
	   "and nothing was written");
	pd_partner_destroy(p);
	pd_form_set_value(f->state, "fiscal", "");
	ok(save(f) & PD_PANE_CLOSE, "emptied, it saves");
	f->ops->destroy(f);
	p = get(id);
	is(p->fiscal_month, 0, "an empty Fiscal month is unknown");
	streq(p->position, "changed", "with the other change");
	pd_partner_destroy(p);
}

/* The Add form stays one screen: these come with knowing the partner. */
static void test_add(void)
{
	pd_pane *f = pd_form_partner_create(NULL, 0);
	ok(f != NULL, "the add form opens");
	if (!f)
		return;
	ok(!pd_form_field(f->state, "fiscal") && !pd_form_field(f->state, "position"),
	   "the Add form has no Fiscal month or Position");
	pd_form_set_value(f->state, "name", "Hilltop Zoo");
	ok(save(f) & PD_PANE_CLOSE, "added: %s", last_status);
	f->ops->destroy(f);
}

/* Notes one byte past what notes hold: the form says by how much and what
 * to do, with Notes focused, instead of the model's bare sizes. */
static void test_notes_too_long(void)
{
	pd_pane *f = pd_form_partner_create(NULL, 0);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Amgueddfa Hir");
	char *big = malloc(PD_NOTES_MAX + 2);
	memset(big, 'n', PD_NOTES_MAX + 1);
	big[PD_NOTES_MAX + 1] = '\0';
	pd_form_set_value(f->state, "notes", big);
	free(big);
	ok(!(save(f) & PD_PANE_CLOSE), "notes of 64 KiB + 1 are not saved");
	draw(f);
	ok(on_screen("Notes: 65537 bytes, 1 more than it holds (65536): shorten it"),
	   "the message says by how much, and what to do");
	streq(pd_form_focused_key(f->state), "notes", "Notes is focused");
	f->ops->destroy(f);
}

/* Edited while a colleague deleted the partner: the form says so and how
 * to close it, not only "there is no partner #N". */
static void test_deleted_meanwhile(void)
{
	int64_t id = add_partner("Theatr Deleted");
	pd_pane *f = pd_form_partner_create(NULL, id);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Theatr Renamed Mine");
	pd_form_set_dirty(f->state, true);
	pd_partner *p = get(id);
	pd_error err = {0};
	ok(p && pd_partner_delete(test_db, id, p->version, &err), "a colleague deletes it: %s", err.msg);
	pd_partner_destroy(p);
	ok(!(save(f) & PD_PANE_CLOSE), "the save does not go through");
	draw(f);
	ok(on_screen("someone else deleted Theatr Deleted meanwhile"), "the form says it was deleted");
	ok(on_screen("then C-x, closes the form"), "and how to close the form");
	f->ops->destroy(f);
}

/* A colleague renames the partner and changes what I changed too. */
static void colleague_saves(int64_t id, const char *name, const char *phone)
{
	pd_error err = {0};
	pd_partner *p = get(id);
	if (!p)
		return;
	pd_set_str(&p->name, name);
	pd_set_str(&p->phone, phone);
	ok(pd_partner_update(test_db, p, &err), "a colleague saves %s, %s: %s", name, phone ? phone : "no phone", err.msg);
	pd_partner_destroy(p);
}

/* A colleague's rename merged into the form retitles it; a name typed
 * here that wins keeps the form's title off their name. */
static void test_renamed_meanwhile(void)
{
	int64_t id = add_partner("ben");
	pd_pane *f = pd_form_partner_create(NULL, id);
	if (!f)
		return;
	draw(f);
	ok(on_screen("Edit ben"), "the form is titled by the name it opened with");
	pd_form_set_value(f->state, "phone", "555-0101");
	pd_form_set_dirty(f->state, true);
	colleague_saves(id, "Ben's Bakery", "555-0202");
	ok(!(save(f) & PD_PANE_CLOSE), "the save meets the colleague's");
	draw(f);
	ok(on_screen("[t] theirs for these") && on_screen("555-0202"), "the phones clash in the dialog");
	ch(f, L'b');
	streq(value(f, "name"), "Ben's Bakery", "their name is merged into the form");
	draw(f);
	ok(on_screen("Edit Ben's Bakery"), "and the form is retitled by it");
	ok(!on_screen("Edit ben "), "not the old name");
	f->ops->destroy(f);

	/* My own typed name wins: the title is not theirs. */
	id = add_partner("ann");
	f = pd_form_partner_create(NULL, id);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Ann's Cafe");
	pd_form_set_value(f->state, "phone", "555-0303");
	pd_form_set_dirty(f->state, true);
	colleague_saves(id, "Annie's", "555-0404");
	ok(!(save(f) & PD_PANE_CLOSE), "both renamed: the save meets the colleague's");
	ch(f, L'b');
	streq(value(f, "name"), "Ann's Cafe", "my name stays in the form");
	draw(f);
	ok(on_screen("Edit ann") && !on_screen("Edit Annie's"), "and the title is not their name");
	f->ops->destroy(f);

	/* Theirs chosen for the clash, my other change saved with it. */
	id = add_partner("cy");
	f = pd_form_partner_create(NULL, id);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Cy's Shop");
	pd_form_set_value(f->state, "email", "cy@example.org");
	pd_form_set_dirty(f->state, true);
	colleague_saves(id, "Cyril's", NULL);
	save(f);
	ch(f, L't');
	draw(f);
	ok(on_screen("Edit Cyril's"), "theirs chosen: the form is titled by their name");
	pd_partner *p = get(id);
	ok(p && strcmp(p->name, "Cyril's") == 0 && p->email && strcmp(p->email, "cy@example.org") == 0,
	   "saved: their name, my email");
	pd_partner_destroy(p);
	f->ops->destroy(f);
}

/* Audiences typed in the form are stored as add stores them: trimmed,
 * and spelled as the config spells them ("Teens" is "teens"). */
static void test_audiences_as_configured(void)
{
	pd_pane *f = pd_form_partner_create(NULL, 0);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Youth Hub");
	pd_form_set_value(f->state, "audiences", "Teens,  SENIORS , aliens");
	ok(!(save(f) & PD_PANE_CLOSE), "an unlisted audience is said first");
	draw(f);
	ok(on_screen("'aliens' is not a configured audience") && !on_screen("'Teens'"),
	   "only the unlisted one is named");
	ok(save(f) & PD_PANE_CLOSE, "the same save again adds it: %s", last_status);
	f->ops->destroy(f);
	int64_t ids[2];
	pd_error err = {0};
	ok(pd_partner_find_same_name(test_db, "Youth Hub", ids, 2, &err) == 1, "added once");
	pd_partner *p = get(ids[0]);
	ok(p && p->audiences.n == 3 && pd_strv_find(&p->audiences, "aliens") >= 0, "three audiences");
	for (size_t i = 0; p && i < p->audiences.n; i++)
		ok(strcmp(p->audiences.v[i], "teens") == 0 || strcmp(p->audiences.v[i], "seniors") == 0
		   || strcmp(p->audiences.v[i], "aliens") == 0,
		   "stored '%s' trimmed and as the config spells it", p->audiences.v[i]);
	pd_partner_destroy(p);

	f = pd_form_partner_create(NULL, ids[0]);
	if (!f)
		return;
	pd_form_set_value(f->state, "audiences", "aliens, English LEARNERS, Teens");
	ok(save(f) & PD_PANE_CLOSE, "an edit saves: %s", last_status);
	f->ops->destroy(f);
	p = get(ids[0]);
	ok(p && p->audiences.n == 3 && pd_strv_find(&p->audiences, "seniors") < 0, "three again, seniors gone");
	for (size_t i = 0; p && i < p->audiences.n; i++)
		ok(strcmp(p->audiences.v[i], "English learners") == 0 || strcmp(p->audiences.v[i], "teens") == 0
		   || strcmp(p->audiences.v[i], "aliens") == 0,
		   "edited: stored '%s' as the config spells it", p->audiences.v[i]);
	pd_partner_destroy(p);
}

/* Branches typed in the form are stored as the desk's partners spell
 * them ("north side" is Northside), and one no partner has yet is said
 * with the desk's branches before the save, as `add --branch` says it. */
static void test_branches_as_desk_spells(void)
{
	int64_t had = add_partner("Harbor Museum");
	pd_error err = {0};
	pd_partner *p = get(had);
	pd_strv_push(&p->branches, "Northside");
	pd_strv_push(&p->branches, "Eastgate");
	ok(pd_partner_update(test_db, p, &err), "a partner of two branches: %s", err.msg);
	pd_partner_destroy(p);

	pd_pane *f = pd_form_partner_create(NULL, 0);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Ridge Zoo");
	pd_form_set_value(f->state, "branches", " north SIDE, northside branch");
	ok(!(save(f) & PD_PANE_CLOSE), "a branch no partner has is said first");
	draw(f);
	/* The status wraps at 80 columns. */
	ok(on_screen("'northside branch' is a new branch; the desk has") && on_screen("Eastgate, Northside"),
	   "named with the desk's branches");
	ok(!on_screen("'north SIDE'"), "one the desk has in another spelling is not");
	ok(save(f) & PD_PANE_CLOSE, "the same save again adds it: %s", last_status);
	f->ops->destroy(f);
	int64_t ids[2];
	ok(pd_partner_find_same_name(test_db, "Ridge Zoo", ids, 2, &err) == 1, "added once");
	p = get(ids[0]);
	ok(p && p->branches.n == 2 && pd_strv_find(&p->branches, "northside branch") >= 0
	   && p->branches.v[0] && (strcmp(p->branches.v[0], "Northside") == 0 || strcmp(p->branches.v[1], "Northside") == 0),
	   "stored as Northside, the new one as typed");
	pd_partner_destroy(p);

	/* An edit that leaves a partner's branches as they were says nothing. */
	f = pd_form_partner_create(NULL, ids[0]);
	if (!f)
		return;
	pd_form_set_value(f->state, "notes", "zoo keepers visit in May");
	ok(save(f) & PD_PANE_CLOSE, "an edit of another field saves at once: %s", last_status);
	f->ops->destroy(f);

	/* A new branch typed two ways in one form is one branch, said once. */
	f = pd_form_partner_create(NULL, 0);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Chess Club");
	pd_form_set_value(f->state, "branches", "Harbourside, harbour SIDE");
	ok(!(save(f) & PD_PANE_CLOSE), "a new branch is said first");
	draw(f);
	ok(on_screen("'Harbourside' is a new branch") && !on_screen("'harbour SIDE'"), "once, as first typed");
	ok(save(f) & PD_PANE_CLOSE, "the same save again adds it: %s", last_status);
	f->ops->destroy(f);
	ok(pd_partner_find_same_name(test_db, "Chess Club", ids, 2, &err) == 1, "Chess Club added");
	p = get(ids[0]);
	ok(p && p->branches.n == 1 && strcmp(p->branches.v[0], "Harbourside") == 0,
	   "stored once, as first typed");
	pd_partner_destroy(p);
}

/* A website, phone or email that can't be one is refused at the save,
 * the first such field focused and the message saying what is wrong;
 * one stored before (an import kept it) does not stop an edit of another
 * field. */
static void test_reach_checked(void)
{
	pd_pane *f = pd_form_partner_create(NULL, 0);
	if (!f)
		return;
	pd_form_set_value(f->state, "name", "Amgueddfa Typo");
	pd_form_set_value(f->state, "website", "htp:/museum");
	pd_form_set_value(f->state, "email", "jane.museum.org");
	pd_form_set_value(f->state, "phone", "+44 29 2039 2000");
	ok(!(save(f) & PD_PANE_CLOSE), "a website 'htp:/museum' keeps the form open");
	streq(pd_form_focused_key(f->state), "website", "with Website focused");
	draw(f);
	ok(on_screen("website 'htp:/museum' starts with 'htp:'"), "the message says what is wrong");
	pd_form_set_value(f->state, "website", "amgueddfa.cymru");
	ok(!(save(f) & PD_PANE_CLOSE), "then the email 'jane.museum.org' keeps it open");
	streq(pd_form_focused_key(f->state), "email", "with Email focused");
	draw(f);
	ok(on_screen("email 'jane.museum.org' has no @"), "and says so");
	int64_t same[1];
	pd_error err = {0};
	is(pd_partner_find_same_name(test_db, "Amgueddfa Typo", same, 1, &err), 0, "nothing was added");
	pd_form_set_value(f->state, "email", "ymholiadau@amgueddfa.cymru");
	ok(save(f) & PD_PANE_CLOSE, "put right, it saves: %s", last_status);
	f->ops->destroy(f);
	ok(pd_partner_find_same_name(test_db, "Amgueddfa Typo", same, 1, &err) == 1, "added");
	pd_partner *p = get(same[0]);
	streq(p->website, "amgueddfa.cymru", "the website as typed, no https:// put before it");
	streq(p->email, "ymholiadau@amgueddfa.cymru", "the email");

	/* An import kept a bad email: editing the notes still saves. */
	pd_set_str(&p->email, "jane@@museum");
	ok(pd_partner_update(test_db, p, &err), "an import stores a bad email: %s", err.msg);
	int64_t id = p->id;
	pd_partner_destroy(p);
	f = pd_form_partner_create(NULL, id);
	pd_form_set_value(f->state, "notes", "Closed Mondays");
	ok(save(f) & PD_PANE_CLOSE, "an edit of the notes saves beside the kept email: %s", last_status);
	f->ops->destroy(f);
	f = pd_form_partner_create(NULL, id);
	pd_form_set_value(f->state, "phone", "call me");
	ok(!(save(f) & PD_PANE_CLOSE), "a phone typed with no digits is refused");
	streq(pd_form_focused_key(f->state), "phone", "with Phone focused");
	draw(f);
	ok(on_screen("phone 'call me' has no digits"), "and says so");
	f->ops->destroy(f);
	p = get(id);
	ok(p->phone && strcmp(p->phone, "+44 29 2039 2000") == 0 && strcmp(p->email, "jane@@museum") == 0
	   && strcmp(p->notes, "Closed Mondays") == 0, "stored: the notes, the kept email, the old phone");
	pd_partner_destroy(p);
}

/* A partner at an end stage (dissolved) keeps no review date: the form
 * does not offer Review by there, and when a colleague dissolved the
 * partner while the form was open, a review date saved from it is refused
 * with the model's words and nothing is written. */
static void test_end_stage_review(void)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_create();
	p->name = strdup("Closed Gallery");
	p->stage = strdup("dissolved");
	ok(pd_partner_insert(test_db, p, &err), "a partner at dissolved: %s", err.msg);
	int64_t id = p->id;
	pd_partner_destroy(p);
	pd_pane *f = pd_form_partner_create(NULL, id);
	if (!f)
		return;
	ok(!pd_form_field(f->state, "review"), "the form at dissolved has no Review by");
	draw(f);
	ok(!on_screen("Review by"), "nor draws one");
	pd_form_set_value(f->state, "phone", "555-0199");
	ok(save(f) & PD_PANE_CLOSE, "the rest still saves: %s", last_status);
	f->ops->destroy(f);

	p = pd_partner_create();
	p->name = strdup("Closing Gallery");
	p->stage = strdup("engagement");
	ok(pd_partner_insert(test_db, p, &err), "a partner at engagement: %s", err.msg);
	id = p->id;
	pd_partner_destroy(p);
	f = pd_form_partner_create(NULL, id);
	if (!f)
		return;
	ok(pd_form_field(f->state, "review") != NULL, "at engagement the form has Review by");
	pd_form_set_value(f->state, "review", "2027-05-01");
	pd_form_set_dirty(f->state, true);
	pd_move_request req = {.to = "dissolved", .reason = "funding ended"};
	ok(pd_stage_move(test_db, id, &req, &err), "a colleague dissolves it meanwhile: %s", err.msg);
	ok(!(save(f) & PD_PANE_CLOSE), "the save meets the colleague's move");
	draw(f);
	ok(on_screen("[t] theirs for these") && on_screen("Review by"),
	   "the typed date and their dropped one clash in the dialog");
	ch(f, L'm');
	draw(f);
	ok(on_screen("Dissolved has no review period, so a partner there keeps no review date"),
	   "mine chosen: refused with the model's message");
	streq(pd_form_focused_key(f->state), "review", "with Review by focused");
	f->ops->destroy(f);
	p = get(id);
	ok(p && !p->review_date[0] && strcmp(p->stage, "dissolved") == 0, "no review date was stored");
	pd_partner_destroy(p);

	/* The review date left as the form opened on it is no date of mine:
	 * the merge takes their none and saves the rest. It was refused,
	 * the cursor put on a date nobody typed. */
	p = pd_partner_create();
	p->name = strdup("Quiet Gallery");
	p->stage = strdup("engagement");
	ok(pd_partner_insert(test_db, p, &err), "another at engagement: %s", err.msg);
	id = p->id;
	pd_partner_destroy(p);
	f = pd_form_partner_create(NULL, id);
	if (!f)
		return;
	pd_form_set_value(f->state, "phone", "555-0198");
	pd_form_set_dirty(f->state, true);
	ok(pd_stage_move(test_db, id, &req, &err), "a colleague dissolves it meanwhile: %s", err.msg);
	ok(save(f) & PD_PANE_CLOSE, "the save merges and goes through: %s", last_status);
	f->ops->destroy(f);
	p = get(id);
	ok(p && !p->review_date[0] && p->phone && strcmp(p->phone, "555-0198") == 0,
	   "my phone saved, no review date");
	pd_partner_destroy(p);
}

static void all(void)
{
	test_shown();
	test_add();
	test_notes_too_long();
	test_deleted_meanwhile();
	test_renamed_meanwhile();
	test_audiences_as_configured();
	test_branches_as_desk_spells();
	test_reach_checked();
	test_end_stage_review();
}

int main(void)
{
	return harness_run("partner-form", all);
}
