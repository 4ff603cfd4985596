/* A filter's capped count of a word of one or two letters, at and around
 * the cap, where it is asked of the partners' own names first and then of
 * their people's too: the same numbers as counting everything, whether
 * counted afresh or from the set of partners a count before kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/contact.h"
#include "../../../src/model/internal.h"

/* 600 partners named with "ło", half with a person named so too; 400
 * found only by a person ("Łowicz"); 100 by neither. */
#define BY_NAME 600
#define BY_PERSON 400
#define NEITHER 100

static bool person(pd_db *db, int64_t partner, const char *name, pd_error *err)
{
	pd_contact *c = pd_contact_create();
	c->partner_id = partner;
	c->name = strdup(name);
	bool ok = pd_contact_insert(db, c, err);
	pd_contact_destroy(c);
	return ok;
}

static int64_t partner(pd_db *db, const char *name, const char *stage, pd_error *err)
{
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	p->stage = strdup(stage);
	int64_t id = pd_partner_insert(db, p, err) ? p->id : 0;
	pd_partner_destroy(p);
	return id;
}

static bool fill(pd_db *db, pd_error *err)
{
	if (!pd_db_begin(db, err))
		return false;
	for (int i = 0; i < BY_NAME + BY_PERSON + NEITHER; i++) {
		char name[64];
		bool by_name = i < BY_NAME, by_person = !by_name && i < BY_NAME + BY_PERSON;
		snprintf(name, sizeof name, by_name ? "Biblioteka Łódzka %d" : "Riverside Hall %d", i);
		int64_t id = partner(db, name, i % 2 ? "date" : "glance", err);
		bool ok = id && person(db, id, by_person || (by_name && i % 2) ? "Ewa Łowicz" : "Ana Silva", err);
		if (!ok) {
			pd_db_rollback(db);
			return false;
		}
	}
	return pd_db_commit(db, err);
}

/* The count afresh, then again, when the first kept the set it found
 * (pd_name_set_get), from that set: -2 when the two differ. */
static long count(pd_db *db, const char *text, const char *stage, long cap)
{
	pd_error err = {0};
	pd_partner_query q = {.text = text, .stage = stage, .count_limit = cap};
	pd_name_set_forget(db);
	long n = pd_partner_query_count(db, &q, &err);
	long again = pd_partner_query_count(db, &q, &err);
	if (n < 0)
		printf("# %s\n", err.msg);
	if (again != n) {
		printf("# afresh %ld, again %ld\n", n, again);
		return -2;
	}
	return n;
}

/* The count from the set an uncapped count of the same words kept. */
static long count_kept(pd_db *db, const char *text, long cap)
{
	pd_error err = {0};
	pd_partner_query all = {.text = text};
	pd_name_set_forget(db);
	pd_partner_query_count(db, &all, &err);
	pd_partner_query q = {.text = text, .count_limit = cap};
	return pd_partner_query_count(db, &q, &err);
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("cap.db");
	ok(db != NULL, "open");
	is(count(db, "ło", NULL, 1000), 0, "an empty desk counts none");
	ok(fill(db, &err), "fill %d partners %s", BY_NAME + BY_PERSON + NEITHER, err.msg);

	const long all = BY_NAME + BY_PERSON;
	is(count(db, "ło", NULL, 0), all, "uncapped: %ld, each partner once, by its name or its people", all);
	is(count(db, "ŁO", NULL, 0), all, "the same in capitals");
	/* The partners' own names alone are 600: a cap under that is passed
	 * there, one at or over it is counted with the people. */
	for (long cap = BY_NAME - 2; cap <= BY_NAME + 2; cap++)
		is(count(db, "ło", NULL, cap), cap + 1, "capped at %ld: more than the cap", cap);
	for (long cap = all - 2; cap <= all + 2; cap++)
		is(count(db, "ło", NULL, cap), cap < all ? cap + 1 : all, "capped at %ld: %ld", cap,
			cap < all ? cap + 1 : all);
	for (long cap = BY_NAME - 1; cap <= all + 1; cap += all - BY_NAME)
		for (long c = cap - 1; c <= cap + 1; c++)
			is(count_kept(db, "ło", c), c < all ? c + 1 : all, "capped at %ld from the kept set: %ld", c,
				c < all ? c + 1 : all);
	/* A stage holds half of each. */
	is(count(db, "ło", "date", 299), 300, "date, capped at 299: more");
	is(count(db, "ło", "date", 300), 301, "date, capped at 300: more, by the people");
	is(count(db, "ło", "date", 500), all / 2, "date, capped at 500: %ld", all / 2);
	/* Two short words: the name holds one, a person the other (half the
	 * partners named so have no such person). */
	const long both = BY_NAME / 2 + BY_PERSON;
	is(count(db, "ło ew", NULL, 0), both, "\"ło ew\" uncapped: %ld", both);
	is(count(db, "ło ew", NULL, 100), 101, "\"ło ew\" capped at 100: more");
	is(count(db, "ło ew", NULL, 1000), both, "\"ło ew\" capped at 1000: %ld", both);
	is(count(db, "xy", NULL, 1000), 0, "a pair no name holds: none");

	/* One more found only by a person: 1,001 against the interface's cap. */
	int64_t extra = partner(db, "Oakdale Grange", "glance", &err);
	ok(extra && person(db, extra, "Jan Łoś", &err), "one more partner with a person named so %s", err.msg);
	is(count(db, "ło", NULL, 1000), 1001, "capped at 1000: more than 1,000");
	is(count(db, "ło", NULL, 0), all + 1, "uncapped: %ld", all + 1);

	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
