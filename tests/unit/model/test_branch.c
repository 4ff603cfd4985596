/* The desk's branches (branch.h): one spelling each, the one most partners
 * use, however case and spacing differ in what was stored before; a typed
 * branch matched to them case and spacing aside, and a new one said with
 * the desk's. */
#include "../tap.h"
#include "testutil.h"

#include "partnerdesk/model/branch.h"

static void with_branch(pd_db *db, const char *name, const char *branch)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_get(db, tu_add(db, name, NULL), &err);
	ok(p && pd_strv_push(&p->branches, branch) && pd_partner_update(db, p, &err),
	   "%s at %s: %s", name, branch, err.msg);
	pd_partner_destroy(p);
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("branch.db");
	pd_strv desk = {0};
	ok(pd_branches_list(db, &desk, &err) && desk.n == 0, "a new desk has no branches: %s", err.msg);
	bool known = false;
	char *b = pd_branch_as_spelled(&desk, "  Northside ", &known);
	ok(b && strcmp(b, "Northside") == 0 && known, "the first branch is no news, trimmed");
	free(b);

	/* As stored before branches were spelled as the desk spells them. */
	with_branch(db, "Harbor Museum", "Northside");
	with_branch(db, "Ridge Zoo", "Northside");
	with_branch(db, "Teen Center", "NORTH SIDE");
	with_branch(db, "Oak Garden", "Eastgate");
	ok(pd_branches_list(db, &desk, &err), "listed: %s", err.msg);
	is(desk.n, 2, "two branches, Northside written two ways being one");
	if (desk.n == 2) {
		streq(desk.v[0], "Eastgate", "sorted");
		streq(desk.v[1], "Northside", "the spelling most partners use");
	}

	b = pd_branch_as_spelled(&desk, "north  side", &known);
	ok(b && strcmp(b, "Northside") == 0 && known, "'north  side' is Northside");
	free(b);
	b = pd_branch_as_spelled(&desk, "northside branch", &known);
	ok(b && strcmp(b, "northside branch") == 0 && !known, "'northside branch' is new, kept as typed");
	char note[200];
	pd_branch_new_note(&desk, b, note, sizeof note);
	streq(note, "'northside branch' is a new branch; the desk has Eastgate, Northside", "said with the desk's");
	free(b);

	/* A partner's branches as typed: the desk's spelling, and a new one
	 * written two ways one branch, said once, as first written. */
	pd_strv typed = {0}, fresh = {0};
	const char *in[] = { "north side", "Westend", "Eastgate", "west  END", "NORTHSIDE", "Hilltop" };
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		pd_strv_push(&typed, in[i]);
	ok(pd_branches_spell(&desk, &typed, &fresh), "spelled");
	is(typed.n, 4, "the repeats left out");
	if (typed.n == 4) {
		streq(typed.v[0], "Northside", "the desk's spelling");
		streq(typed.v[1], "Westend", "a new one as first typed");
		streq(typed.v[2], "Eastgate", "in the order typed");
		streq(typed.v[3], "Hilltop", "another new one");
	}
	is(fresh.n, 2, "two new branches, each once");
	if (fresh.n == 2) {
		streq(fresh.v[0], "Westend", "Westend is new");
		streq(fresh.v[1], "Hilltop", "Hilltop is new");
	}
	pd_strv none = {0};
	pd_strv_push(&typed, "hill top");
	ok(pd_branches_spell(&none, &typed, &fresh) && typed.n == 4 && fresh.n == 0,
	   "a desk with no branches: repeats still one, nothing new to say");
	pd_strv_clear(&typed);
	pd_strv_clear(&fresh);

	/* Forty branches: the first few, and how many more. */
	pd_strv many = {0};
	for (int i = 0; i < 40; i++) {
		char name[16];
		snprintf(name, sizeof name, "B%02d", i);
		pd_strv_push(&many, name);
	}
	pd_branch_new_note(&many, "X", note, sizeof note);
	streq(note, "'X' is a new branch; the desk has B00, B01, B02, B03, B04, B05 and 34 more",
	      "a long list said short");
	pd_strv_clear(&many);

	/* Cut where the desk's first branch begins: not half its É. */
	pd_strv accented = {0};
	pd_strv_push(&accented, "\xc3\x89lan");
	char small[36];
	pd_branch_new_note(&accented, "x", small, sizeof small);
	streq(small, "'x' is a new branch; the desk has ", "cut on a character's edge");
	pd_strv_clear(&accented);
	pd_strv_clear(&desk);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
