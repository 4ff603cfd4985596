/* The three-way merge the editing forms share (src/ui/form_merge.c): how a
 * field stands between the base the form opened on, theirs and mine (one
 * side changed, both alike, both otherwise, a field cleared, spaces typed
 * at an end); what is taken into the form, the dialog's rows and the
 * labels the messages name; and the conflict flow on a small form: merged
 * and saved at once without a clash, the dialog with one, and each of its
 * answers. */
#include "form_harness.h"
#include "../../../src/ui/form_merge.h"

static void test_side(void)
{
	is(pd_merge_side("Hill", "Hill Museum", "Hill"), PD_MERGE_THEIRS, "only they changed it: theirs");
	is(pd_merge_side("Hill", "Hill", "Hill Hall"), PD_MERGE_MINE, "only I changed it: mine");
	is(pd_merge_side("Hill", "Hill Hall", "Hill Hall"), PD_MERGE_SAME, "both changed it alike: the same");
	is(pd_merge_side("Hill", "Hill", "Hill"), PD_MERGE_SAME, "nobody changed it: the same");
	is(pd_merge_side("Hill", "Hill Museum", "Hill Hall"), PD_MERGE_BOTH, "both changed it otherwise: a clash");
	is(pd_merge_side("Hill", "", "Hill"), PD_MERGE_THEIRS, "they cleared it: theirs");
	is(pd_merge_side("Hill", "Hill", ""), PD_MERGE_MINE, "I cleared it: mine");
	is(pd_merge_side("Hill", "", "Hill Hall"), PD_MERGE_BOTH, "they cleared what I changed: a clash");
	is(pd_merge_side(NULL, "x", ""), PD_MERGE_THEIRS, "no base is an empty one");
	is(pd_merge_side("", NULL, NULL), PD_MERGE_SAME, "an empty value is no value");
	is(pd_merge_side("hill", "Hill", "hill"), PD_MERGE_THEIRS, "case is a change");
}

/* The sides of the form under test, by field. */
static const pd_merge_field fields[] = {
	{.key = "name", .label = "Name"},
	{.key = "owner", .label = "Owner"},
	{.key = "phone", .label = "Phone"},
	{.key = "notes", .label = "Notes"},
	{.key = "email", .label = "Email", .none = "(none)"},
	{.key = "website", .label = "Website"},   /* not on the form */
};
#define N_FIELDS (sizeof fields / sizeof fields[0])
static const char *base[N_FIELDS], *theirs[N_FIELDS];
static int rebased, saves, done_calls;

static char *side_base(pd_form *f, const pd_merge_field *fld)
{
	return strdup(base[fld - fields] ? base[fld - fields] : "");
}

static char *side_theirs(pd_form *f, const pd_merge_field *fld)
{
	return strdup(theirs[fld - fields] ? theirs[fld - fields] : "");
}

/* From now on the form edits theirs. */
static void side_rebase(pd_form *f)
{
	rebased++;
	for (size_t i = 0; i < N_FIELDS; i++)
		base[i] = theirs[i];
}

static const pd_merge_ops ops = {
	.fields = fields,
	.n = N_FIELDS,
	.base = side_base,
	.theirs = side_theirs,
	.rebase = side_rebase,
};

static bool count_save(pd_form *f, pd_error *err)
{
	saves++;
	return true;
}

static const pd_form_ops form_ops = {.save = count_save};

static char merged[256];

static void resolved(void *ctx, pd_conflict_choice choice)
{
	done_calls++;
	pd_form_merge_resolved(ctx, &ops, choice, merged, "kept theirs; nothing of yours was left to save");
}

/* A form opened on base: Name, Owner, Phone, Notes and Email as base has
 * them, then typed over with mine (NULL: left as it opened). */
static pd_pane *form_with(const char *const mine[N_FIELDS - 1])
{
	pd_form *f = pd_form_new(NULL, "Edit", &form_ops, NULL);
	for (size_t i = 0; f && i < N_FIELDS - 1; i++)
		pd_form_add(f, i == 3 ? PD_FIELD_LONG : PD_FIELD_TEXT, fields[i].key, fields[i].label,
		            mine[i] ? mine[i] : base[i]);
	return f ? pd_form_pane(f) : NULL;
}

static void set_sides(const char *const b[N_FIELDS], const char *const t[N_FIELDS])
{
	for (size_t i = 0; i < N_FIELDS; i++) {
		base[i] = b[i];
		theirs[i] = t[i];
	}
	rebased = saves = done_calls = 0;
	merged[0] = '\0';
}

static void test_read(void)
{
	static const char *const b[N_FIELDS] = {"Hill", "ann", "1", "x", "e@hill.org", "hill.org"};
	static const char *const t[N_FIELDS] = {"Hill Museum", "ann", "2", "x", "", "hill.example"};
	static const char *const mine[N_FIELDS - 1] = {NULL, "ben", "3", "  x \n", NULL};
	set_sides(b, t);
	pd_pane *p = form_with(mine);
	if (!p)
		return;
	pd_merge m = {0};
	pd_merge_read(&m, p->state, &ops);
	is(m.n, N_FIELDS, "every field of the table is read");
	is(m.side[0], PD_MERGE_THEIRS, "Name: only theirs changed");
	is(m.side[1], PD_MERGE_MINE, "Owner: only mine");
	is(m.side[2], PD_MERGE_BOTH, "Phone: both, otherwise");
	is(m.side[3], PD_MERGE_SAME, "Notes: spaces and a newline typed at the ends are no change");
	is(m.side[4], PD_MERGE_THEIRS, "Email: they cleared it");
	is(m.side[5], 0, "Website: not on this form, left out");
	is(pd_merge_count(&m, PD_MERGE_DIFFER), 4, "four differ, theirs against mine");

	char list[64];
	pd_merge_labels(&m, PD_MERGE_THEIRS, list, sizeof list);
	streq(list, "Name, Email", "the labels of what is theirs alone");
	pd_merge_labels(&m, PD_MERGE_BOTH | PD_MERGE_MINE, list, sizeof list);
	streq(list, "Owner, Phone", "and of what I changed");
	char small[8];
	pd_merge_labels(&m, PD_MERGE_DIFFER, small, sizeof small);
	streq(small, "Name, O", "a list longer than its room is cut, and ends");
	/* Cut on a character's edge (a fit question or goal may be Welsh or
	 * Polish): half a character would draw as U+FFFD. */
	char cut[11] = "";
	pd_form_label_list_add(cut, sizeof cut, "\xc5\x81\xc3\xb3" "d\xc5\xba");
	pd_form_label_list_add(cut, sizeof cut, "\xc5\x81\xc3\xb3" "d\xc5\xba");
	streq(cut, "\xc5\x81\xc3\xb3" "d\xc5\xba, ", "a list cut where a character would be halved stops before it");

	pd_conflict_row rows[PD_MERGE_MAX];
	is(pd_merge_rows(&m, PD_MERGE_BOTH, rows), 1, "one clash");
	ok(strcmp(rows[0].label, "Phone") == 0 && strcmp(rows[0].theirs, "2") == 0 && strcmp(rows[0].yours, "3") == 0,
	   "its row: the label, theirs, mine");
	size_t n = pd_merge_rows(&m, PD_MERGE_DIFFER, rows);
	ok(n == 4 && strcmp(rows[3].label, "Email") == 0 && strcmp(rows[3].theirs, "(none)") == 0 &&
	   strcmp(rows[3].yours, "e@hill.org") == 0, "a two-way dialog's rows, an empty value shown as the table says");

	is(pd_merge_take(&m, p->state, &ops, PD_MERGE_THEIRS), 2, "theirs taken where only they changed");
	streq(value(p, "name"), "Hill Museum", "their name is in the form");
	streq(value(p, "email"), "(empty)", "their clearing too");
	streq(value(p, "owner"), "ben", "my change stays");
	streq(value(p, "phone"), "3", "and so does the clash, until the person says");
	pd_merge_finish(&m);
	is(m.n, 0, "finished, it is empty");

	/* A value of no one field (the agreement's library offers) is shown
	 * but never taken by key; past PD_MERGE_MAX nothing more is added. */
	static const pd_merge_field nokey = {.label = "Library offers", .none = "(none)"};
	pd_merge_add(&m, &nokey, strdup("a"), strdup("b"), strdup("a"));
	is(m.side[0], PD_MERGE_THEIRS, "it is compared");
	is(pd_merge_take(&m, p->state, NULL, PD_MERGE_THEIRS), 0, "and not taken");
	for (int i = 0; i < PD_MERGE_MAX + 3; i++)
		pd_merge_add(&m, &fields[0], strdup("x"), strdup("y"), strdup("x"));
	is(m.n, PD_MERGE_MAX, "no more fields than there is room for");
	pd_merge_finish(&m);
	p->ops->destroy(p);
}

/* Nothing both changed: merged into the form, rebased, saved at once. */
static void test_no_clash(void)
{
	static const char *const b[N_FIELDS] = {"Hill", "ann", "1", "x", "e", NULL};
	static const char *const t[N_FIELDS] = {"Hill Museum", "ann", "1", "x", "e", NULL};
	static const char *const mine[N_FIELDS - 1] = {NULL, "ben", NULL, NULL, NULL};
	set_sides(b, t);
	pd_pane *p = form_with(mine);
	if (!p)
		return;
	pd_form_merge_conflict(p->state, &ops, "Hill was changed by ben", merged, sizeof merged, resolved);
	streq(merged, "merged in their change to Name", "what came from them is said");
	streq(value(p, "name"), "Hill Museum", "their change is in the form");
	streq(value(p, "owner"), "ben", "mine stays");
	ok(rebased == 1 && saves == 1, "rebased on theirs and saved at once");
	draw(p);
	ok(!on_screen("Changed meanwhile"), "no dialog");
	p->ops->destroy(p);
}

/* A clash: the dialog lists it alone, says what was merged, and each
 * answer settles it. */
static pd_pane *clash(void)
{
	static const char *const b[N_FIELDS] = {"Hill", "ann", "1", "x", "e", NULL};
	static const char *const t[N_FIELDS] = {"Hill Museum", "ann", "2", "x", "e", NULL};
	static const char *const mine[N_FIELDS - 1] = {NULL, "ben", "3", NULL, NULL};
	set_sides(b, t);
	pd_pane *p = form_with(mine);
	if (p)
		pd_form_merge_conflict(p->state, &ops, "Hill was changed by ben", merged, sizeof merged, resolved);
	return p;
}

static void test_clash(void)
{
	pd_pane *p = clash();
	if (!p)
		return;
	ok(rebased == 0 && saves == 0, "nothing saved before the person says");
	draw(p);
	ok(on_screen("Hill was changed by ben; you both changed this field"), "the dialog says what happened");
	ok(on_screen("Phone") && on_screen("[t] theirs for these"), "listing the clash");
	ok(on_screen("Taken from theirs: Name. Kept from yours: Owner."), "and what was merged without asking");
	ch(p, L't');
	ok(done_calls == 1 && rebased == 1 && saves == 1, "rebased, and my other change saved");
	streq(value(p, "phone"), "2", "their phone");
	streq(value(p, "owner"), "ben", "my owner");
	p->ops->destroy(p);

	p = clash();
	if (!p)
		return;
	ch(p, L'm');
	ok(done_calls == 1 && rebased == 1 && saves == 1, "m: rebased and saved");
	streq(value(p, "phone"), "3", "with my phone");
	p->ops->destroy(p);

	p = clash();
	if (!p)
		return;
	ch(p, L'b');
	ok(done_calls == 1 && rebased == 1 && saves == 0, "b: rebased, not saved");
	ok(pd_form_dirty(p->state), "the form is to be saved still");
	draw(p);
	ok(on_screen("merged in their change to Name; where you both changed a field yours is"),
	   "saying what came in and what is shown");
	streq(value(p, "phone"), "3", "my phone shown");
	p->ops->destroy(p);

	/* Theirs in the clash, and nothing else of mine: kept as they saved it. */
	static const char *const b[N_FIELDS] = {"Hill", "ann", "1", "x", "e", NULL};
	static const char *const t[N_FIELDS] = {"Hill", "ann", "2", "x", "e", NULL};
	static const char *const mine[N_FIELDS - 1] = {NULL, NULL, "3", NULL, NULL};
	set_sides(b, t);
	p = form_with(mine);
	if (!p)
		return;
	pd_form_merge_conflict(p->state, &ops, "Hill was changed by ben", merged, sizeof merged, resolved);
	last_status[0] = '\0';
	ok(ch(p, L't') & PD_PANE_CLOSE, "t with nothing of mine left closes the form");
	ok(saves == 0, "without a save");
	streq(last_status, "kept theirs; nothing of yours was left to save", "saying so");
	p->ops->destroy(p);
}

static void all(void)
{
	test_side();
	test_read();
	test_no_clash();
	test_clash();
}

int main(void)
{
	return harness_run("form-merge", all);
}
