/* Query plans of the interface's paths: the first screen of the list, a
 * filter (dense and sparse), the kanban, the agenda and one partner's detail
 * call the real model functions while explain.h records each statement's
 * EXPLAIN QUERY PLAN; none may read partners, interactions or contacts row
 * by row. A person and a log entry are found by their uid (a re-import of
 * our own export, an insert asking whether its uid is taken) from the uid
 * indexes, not by reading all of a partner's. Also: the search index stays
 * in step inside an outer transaction, and a capped count stops where it
 * is told. A partner a filter hides is not looked for by walking the list.
 * A new id (PD_NEXT_ID) costs a few steps however many rows its
 * table holds: a plan can say SEARCH and still walk a whole index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/explain.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "../../../src/model/internal.h"

/* More partners match "museum" than the model's dense threshold (2,000),
 * so the walk along the name index is taken for it. */
#define N_PARTNERS 2100

static int64_t add(pd_db *db, const char *name, const char *stage, pd_error *err)
{
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	p->stage = stage ? strdup(stage) : NULL;
	p->kind = strdup("museum");
	int64_t id = pd_partner_insert(db, p, err) ? p->id : 0;
	pd_partner_destroy(p);
	return id;
}

static bool fill(pd_db *db, pd_error *err)
{
	static const char *const stages[] = {"glance", "date", "marriage", "dissolved"};
	if (!pd_db_begin(db, err))
		return false;
	for (int i = 0; i < N_PARTNERS; i++) {
		char name[64];
		snprintf(name, sizeof name, i % 50 == 7 ? "Zebra Hall %d" : "Riverside Museum %d", i);
		int64_t id = add(db, name, stages[i % 4], err);
		if (!id)
			goto fail;
		pd_contact *c = pd_contact_create();
		c->partner_id = id;
		c->name = strdup("Ana Silva");
		bool ok = pd_contact_insert(db, c, err);
		int64_t cid = c->id;
		pd_contact_destroy(c);
		if (!ok)
			goto fail;
		for (int k = 0; k < 3; k++) {
			pd_interaction it = {0};
			it.partner_id = id;
			it.contact_id = cid;
			snprintf(it.at, sizeof it.at, "2026-%02d-1%dT10:00:00Z", 1 + (i + k) % 11, k);
			it.channel = strdup("phone");
			it.text = strdup("Called about the summer reading program.");
			if (k == 2 && i % 5 == 0)
				snprintf(it.follow_up, sizeof it.follow_up, "2026-11-%02d", 20 + i % 9);
			ok = pd_interaction_insert(db, &it, err);
			pd_interaction_finish(&it);
			if (!ok)
				goto fail;
		}
	}
	return pd_db_commit(db, err);
fail:
	pd_db_rollback(db);
	return false;
}

/* One partner with many people and log entries, each with a uid of its
 * own: what a re-import of our own export looks people up among. */
#define N_PEOPLE 400

static int64_t fill_zoo(pd_db *db, pd_error *err)
{
	int64_t id = add(db, "City Zoo", NULL, err);
	if (!id || !pd_db_begin(db, err))
		return 0;
	for (int i = 0; i < N_PEOPLE; i++) {
		pd_contact *c = pd_contact_create();
		c->partner_id = id;
		char name[32];
		snprintf(name, sizeof name, "Keeper %d", i);
		c->name = strdup(name);
		snprintf(c->uid, sizeof c->uid, "keeper%d", i);
		bool ok = pd_contact_insert(db, c, err);
		pd_contact_destroy(c);
		pd_interaction it = {0};
		it.partner_id = id;
		it.channel = strdup("visit");
		it.text = strdup("Fed the giraffes.");
		snprintf(it.uid, sizeof it.uid, "visit%d", i);
		ok = ok && pd_interaction_insert(db, &it, err);
		pd_interaction_finish(&it);
		if (!ok) {
			pd_db_rollback(db);
			return 0;
		}
	}
	return pd_db_commit(db, err) ? id : 0;
}

/* The virtual machine's steps to find the next id of table's rows, past
 * the highest it and the audit trail hold; -1 when it cannot be run. */
static int next_id_steps(pd_db *db, const char *sql)
{
	sqlite3_stmt *st = pd_stmt(db, sql, NULL);
	if (!st)
		return -1;
	int steps = sqlite3_step(st) == SQLITE_ROW ? sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0) : -1;
	pd_stmt_done(db, st);
	return steps;
}

/* Checks every recorded plan; says which statement scanned what. */
static int full_scans(const pd_strv *plans, const char *path)
{
	int bad = 0;
	for (size_t i = 0; i < plans->n; i++) {
		char *copy = strdup(plans->v[i]);
		char *save = NULL;
		for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			if (line[0] == ' ' && pd_plan_line_is_full_scan(line)) {
				printf("# %s: full scan (%s) in:\n# %s\n", path, line, plans->v[i]);
				bad++;
			}
		}
		free(copy);
	}
	return bad;
}

static bool plan_mentions(const pd_strv *plans, const char *what)
{
	for (size_t i = 0; i < plans->n; i++)
		if (strstr(plans->v[i], what))
			return true;
	return false;
}

/* Whether no plan mentions what; says which statement does. */
static bool plan_lacks(const pd_strv *plans, const char *what)
{
	for (size_t i = 0; i < plans->n; i++) {
		if (strstr(plans->v[i], what)) {
			printf("# %s in:\n# %s\n", what, plans->v[i]);
			return false;
		}
	}
	return true;
}

/* How many recorded statements mention what. */
static int plans_mentioning(const pd_strv *plans, const char *what)
{
	int n = 0;
	for (size_t i = 0; i < plans->n; i++)
		n += strstr(plans->v[i], what) != NULL;
	return n;
}

static void first_screen(pd_db *db, pd_error *err)
{
	pd_partner_query q = {.sort = PD_SORT_NAME, .limit = 50};
	pd_partner_rows rows;
	pd_partner_query_count(db, &q, err);
	if (pd_partner_query_run(db, &q, &rows, err))
		pd_partner_rows_finish(&rows);
}

static long filter(pd_db *db, const char *text, pd_error *err)
{
	pd_partner_query q = {.text = text, .sort = PD_SORT_NAME, .limit = 50};
	pd_partner_rows rows;
	long n = pd_partner_query_count(db, &q, err);
	if (pd_partner_query_run(db, &q, &rows, err))
		pd_partner_rows_finish(&rows);
	return n;
}

static long kanban(pd_db *db, pd_error *err)
{
	const pd_rules *r = pd_db_rules(db);
	long cards = 0;
	for (size_t i = 0; i < r->n_stages; i++) {
		pd_partner_query q = {.stage = r->stages[i].name, .sort = PD_SORT_LAST_CONTACT, .limit = 30};
		pd_partner_rows rows;
		pd_partner_query_count(db, &q, err);
		if (pd_partner_query_run(db, &q, &rows, err)) {
			cards += (long)rows.n;
			pd_partner_rows_finish(&rows);
		}
	}
	return cards;
}

static size_t agenda(pd_db *db, pd_error *err)
{
	pd_agenda a;
	if (!pd_agenda_load(db, 14, &a, err))
		return 0;
	size_t n = a.n;
	pd_agenda_finish(&a);
	return n;
}

static size_t agenda_days(pd_db *db, int days, pd_error *err)
{
	pd_agenda a;
	if (!pd_agenda_load(db, days, &a, err))
		return 0;
	size_t n = a.n;
	pd_agenda_finish(&a);
	return n;
}

static size_t detail(pd_db *db, int64_t id, pd_error *err)
{
	pd_partner *p = pd_partner_get(db, id, err);
	pd_contacts cs = {0};
	pd_interactions log = {0};
	pd_history h = {0};
	size_t n = 0;
	if (p && pd_contact_list(db, id, &cs, err) && pd_interaction_list(db, id, 50, &log, err) &&
	    pd_history_list(db, id, &h, err))
		n = cs.n + log.n + h.n;
	pd_partner_destroy(p);
	pd_contacts_finish(&cs);
	pd_interactions_finish(&log);
	pd_history_finish(&h);
	return n;
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("plans.db");
	ok(db != NULL, "open");
	ok(fill(db, &err), "fill %d partners in one transaction %s", N_PARTNERS, err.msg);
	int64_t zoo = fill_zoo(db, &err);
	ok(zoo > 0, "a partner with %d people and log entries %s", N_PEOPLE, err.msg);

	/* ---- the search index inside an outer transaction ---- */
	ok(pd_db_begin(db, &err), "begin an outer transaction");
	int64_t okapi = add(db, "Okapi Reserve", NULL, &err);
	ok(okapi > 0, "add inside it");
	is(filter(db, "okapi", &err), 1, "a text query inside the transaction sees the new partner");
	pd_interaction it = {0};
	it.partner_id = okapi;
	it.channel = strdup("email");
	it.text = strdup("Quetzal feather exhibit for the spring.");
	ok(pd_interaction_insert(db, &it, &err), "log inside it");
	pd_interaction_finish(&it);
	ok(pd_db_commit(db, &err), "commit");
	is(filter(db, "quetzal", &err), 1, "the log text is searchable after the commit");
	is(filter(db, "okapi reserve", &err), 1, "and the name");
	ok(pd_db_begin(db, &err), "begin another");
	int64_t gone = add(db, "Vanishing Vole Club", NULL, &err);
	ok(gone > 0, "add one to roll back");
	pd_db_rollback(db);
	is(filter(db, "vanishing", &err), 0, "a rolled-back partner leaves no search document");

	/* ---- capped counts ---- */
	{
		pd_partner_query q = {.text = "museum"};
		long all = pd_partner_query_count(db, &q, &err);
		ok(all > 2000, "museum matches %ld partners", all);
		q.count_limit = 10;
		is(pd_partner_query_count(db, &q, &err), 11, "count_limit 10 stops at 11 (\"more than 10\")");
		q.text = "mu";
		is(pd_partner_query_count(db, &q, &err), 11, "a short word stops there too");
		q.text = "okapi";
		is(pd_partner_query_count(db, &q, &err), 1, "a count under the limit is exact");
		q.text = NULL;
		q.stage = "glance";
		is(pd_partner_query_count(db, &q, &err), 11, "so does a count with other filters");
	}

	/* ---- the interface's paths: no full scans ---- */
	pd_db_close(db);   /* PRAGMA optimize: plans as a used desk has them */
	db = pd_db_open(tu_path("plans.db"), 0, NULL, &err);
	ok(db != NULL, "reopen %s", err.msg);
	pd_db_set_now(db, TU_NOW);
	pd_strv plans = {0};

	ok(pd_db_explain_start(db), "record plans");
	first_screen(db, &err);
	pd_db_explain_stop(db, &plans);
	ok(plans.n >= 2, "the first screen prepares its statements (%zu)", plans.n);
	is(full_scans(&plans, "first screen"), 0, "first screen: no full scan");
	ok(plan_mentions(&plans, "partners_by_sort_key"), "first screen: in name order from partners_by_sort_key");

	pd_db_explain_start(db);
	long dense = filter(db, "museum", &err);
	pd_db_explain_stop(db, &plans);
	ok(dense > 2000, "dense filter matches %ld", dense);
	is(full_scans(&plans, "dense filter"), 0, "dense filter: no full scan");
	ok(plan_mentions(&plans, "partners_by_sort_key") && plan_mentions(&plans, "LIST SUBQUERY"),
		"dense filter walks the name index, each partner looked up in the set of matches");

	/* One or two letters: the names only, from the name indexes. */
	pd_db_explain_start(db);
	long two = filter(db, "mu", &err);
	pd_db_explain_stop(db, &plans);
	ok(two > 0, "a two-letter filter matches %ld", two);
	is(full_scans(&plans, "two-letter filter"), 0, "two-letter filter: no full scan");
	ok(plan_mentions(&plans, "COVERING INDEX partners_by_name"),
		"two-letter filter reads names from the name index");

	/* A letter most names hold ("i": all but the Zebra Halls) fills a
	 * screen from the first names walked and a capped count from the
	 * first names counted: neither reads every person's name first (100
	 * ms a keystroke for "mu" at 100,000 partners and 300,000 people,
	 * where the names alone took 0.7 ms). A walk asks the people of each
	 * partner it reaches whose own name does not hold the word. */
	{
		pd_partner_query q = {.text = "i", .sort = PD_SORT_NAME, .limit = 10};
		pd_partner_rows rows;
		pd_db_explain_start(db);
		bool ran = pd_partner_query_run(db, &q, &rows, &err);
		pd_db_explain_stop(db, &plans);
		ok(ran && rows.n == 10, "\"i\": a screen of 10 %s", err.msg);
		if (ran)
			pd_partner_rows_finish(&rows);
		ok(plan_mentions(&plans, "LIMIT :need"), "\"i\": the names walked in order");
		ok(!plan_mentions(&plans, "LIMIT :cap"), "\"i\": the walk filled the screen");
		ok(plan_lacks(&plans, "SCAN contacts"), "\"i\": no walk reads every person's name first");
		ok(plan_mentions(&plans, "contacts_by_partner (partner_id=?)"),
			"\"i\": the people of each partner walked, by contacts_by_partner");
		q.limit = 0;
		q.count_limit = 100;
		pd_db_explain_start(db);
		long n = pd_partner_query_count(db, &q, &err);
		pd_db_explain_stop(db, &plans);
		is(n, 101, "\"i\": a count capped at 100 stops at 101");
		ok(plan_lacks(&plans, "SCAN contacts"), "\"i\": the capped count reads no person's name");
	}

	/* A stage filter with one or two letters counts the stage's names
	 * from partners_by_stage (stage, name_fold), not reading each row: why
	 * it is kept beside partners_kanban, which also leads with stage. */
	{
		pd_partner_query sq = {.text = "mu", .stage = "glance", .sort = PD_SORT_NAME, .limit = 50};
		pd_name_set_forget(db);   /* "mu"'s set, which the count above kept */
		pd_db_explain_start(db);
		long staged = pd_partner_query_count(db, &sq, &err);
		pd_db_explain_stop(db, &plans);
		ok(staged > 0, "a stage with a two-letter filter counts %ld", staged);
		is(full_scans(&plans, "stage and two letters"), 0, "stage and two letters: no full scan");
		ok(plan_mentions(&plans, "COVERING INDEX partners_by_stage"),
			"the stage's names read from partners_by_stage");
	}

	/* A pair no name holds, on a desk whose fiftieth (42 names) is under
	 * the screenful asked for: the names are scanned once, not walked in
	 * order first (a walked name costs some 30 scanned ones). A screen
	 * of 10 is worth a walk of 42 names. */
	{
		pd_partner_query q = {.text = "xy", .sort = PD_SORT_NAME, .limit = 50};
		pd_partner_rows rows;
		pd_db_explain_start(db);
		bool ran = pd_partner_query_run(db, &q, &rows, &err);
		pd_db_explain_stop(db, &plans);
		ok(ran && rows.n == 0, "a pair no name holds finds nothing %s", err.msg);
		if (ran)
			pd_partner_rows_finish(&rows);
		ok(!plan_mentions(&plans, "LIMIT :need"), "a screen of 50 from 2,100 names: no walk first");
		ok(plan_mentions(&plans, "COVERING INDEX partners_by_name"), "the names scanned once");
		q.limit = 10;
		pd_name_set_forget(db);   /* the set the scan above kept */
		pd_db_explain_start(db);
		ran = pd_partner_query_run(db, &q, &rows, &err);
		pd_db_explain_stop(db, &plans);
		if (ran)
			pd_partner_rows_finish(&rows);
		ok(ran && plan_mentions(&plans, "LIMIT :need"), "a screen of 10: the walk is tried");
	}

	/* A keystroke of a pair no name holds, as the interface makes it (the
	 * count capped at 1,000, then the screen): the count reads each name
	 * once, the partners' and then their people's, and keeps the set it
	 * found, which the screen then uses: no name read again. Counting the
	 * names first and then names and people together, and the screen
	 * scanning them a third time, read the partners' names three times
	 * (80 ms a keystroke at 100,000 partners). */
	{
		pd_partner_query q = {.text = "xy", .sort = PD_SORT_NAME, .limit = 50, .count_limit = 1000};
		pd_partner_rows rows;
		pd_name_set_forget(db);
		pd_db_explain_start(db);
		long n = pd_partner_query_count(db, &q, &err);
		pd_db_explain_stop(db, &plans);
		is(n, 0, "\"xy\" counts none");
		is(plans_mentioning(&plans, "partners_by_name"), 1, "the count reads the partners' names once");
		q.count_limit = 0;
		pd_db_explain_start(db);
		bool ran = pd_partner_query_run(db, &q, &rows, &err);
		pd_db_explain_stop(db, &plans);
		ok(ran && rows.n == 0, "\"xy\" lists none %s", err.msg);
		if (ran)
			pd_partner_rows_finish(&rows);
		ok(plan_lacks(&plans, "partners_by_name") && plan_lacks(&plans, "contacts"),
			"the screen after the count reads no name");
		/* The desk changes: the set is gathered again. */
		int64_t xy = add(db, "Oxygen Science Hall", "glance", &err);
		ok(xy > 0, "a partner whose name holds it %s", err.msg);
		q.count_limit = 1000;
		is(pd_partner_query_count(db, &q, &err), 1, "the count after the change finds it");
		q.count_limit = 0;
		ran = pd_partner_query_run(db, &q, &rows, &err);
		ok(ran && rows.n == 1 && rows.v[0].id == xy, "and the screen lists it");
		if (ran)
			pd_partner_rows_finish(&rows);
		pd_contact *c = pd_contact_create();
		c->partner_id = 1;
		c->name = strdup("Roxy Hart");
		ok(pd_contact_insert(db, c, &err), "a person named so at another partner %s", err.msg);
		pd_contact_destroy(c);
		q.count_limit = 1000;
		is(pd_partner_query_count(db, &q, &err), 2, "the count finds both");
		q.count_limit = 0;
		ran = pd_partner_query_run(db, &q, &rows, &err);
		ok(ran && rows.n == 2, "and the screen lists both");
		if (ran)
			pd_partner_rows_finish(&rows);
		/* Inside a transaction that is then rolled back, nothing is kept. */
		ok(pd_db_begin(db, &err), "begin");
		ok(pd_partner_delete(db, xy, 1, &err), "delete the hall inside it %s", err.msg);
		q.count_limit = 1000;
		is(pd_partner_query_count(db, &q, &err), 1, "inside it the count is one");
		pd_db_rollback(db);
		is(pd_partner_query_count(db, &q, &err), 2, "rolled back, two again");
		ok(pd_partner_delete(db, xy, 1, &err), "delete it for good %s", err.msg);
	}

	pd_db_explain_start(db);
	long sparse = filter(db, "zebra", &err);
	pd_db_explain_stop(db, &plans);
	is(sparse, N_PARTNERS / 50, "sparse filter matches %ld", sparse);
	is(full_scans(&plans, "sparse filter"), 0, "sparse filter: no full scan");
	ok(plan_mentions(&plans, "SEARCH p USING INTEGER PRIMARY KEY"),
		"sparse filter looks its few matches up by id");

	/* Where a partner is in a filtered list (the selection following a
	 * saved row): one the filter hides is told from its own row, not by
	 * walking the whole list to its end; one it shows, at its place. */
	{
		pd_partner_query q = {.text = "riverside", .sort = PD_SORT_NAME};
		pd_partner_rows all;
		ok(pd_partner_query_run(db, &q, &all, &err) && all.n > 2000, "riverside lists %zu", all.n);
		int64_t zebra = 8;   /* i = 7: "Zebra Hall 7" */
		pd_db_explain_start(db);
		long hidden = pd_partner_query_position(db, &q, zebra, &err);
		pd_db_explain_stop(db, &plans);
		is(hidden, -1, "a partner the filter hides has no position");
		ok(!plan_mentions(&plans, "ORDER BY"), "and the list is not walked to say so");
		if (plan_mentions(&plans, "ORDER BY"))
			printf("# %s\n", plans.v[plans.n - 1]);
		size_t at = all.n * 3 / 4;
		is(pd_partner_query_position(db, &q, all.v[at].id, &err), (long)at,
		   "one it shows is at its place in the list");
		pd_partner_rows_finish(&all);
	}

	pd_db_explain_start(db);
	long cards = kanban(db, &err);
	pd_db_explain_stop(db, &plans);
	ok(cards > 0, "kanban cards %ld", cards);
	is(full_scans(&plans, "kanban"), 0, "kanban: no full scan");
	ok(plan_mentions(&plans, "partners_kanban") || plan_mentions(&plans, "partners_by_stage"),
		"kanban columns come from a stage index");

	pd_db_explain_start(db);
	size_t due = agenda(db, &err);
	pd_db_explain_stop(db, &plans);
	ok(due > 0, "agenda items %zu", due);
	is(pd_agenda_count(db, 14, &err), (long)due, "pd_agenda_count agrees with the agenda");
	is(pd_agenda_count(db, 0, &err), (long)agenda_days(db, 0, &err), "and for today");
	is(full_scans(&plans, "agenda"), 0, "agenda: no full scan");
	ok(plan_mentions(&plans, "interactions_open_follow_ups"), "agenda reads the open follow-ups index");
	ok(plan_mentions(&plans, "agreements_by_review") && plan_mentions(&plans, "agreements_by_end"),
		"and the agreements by their review and end dates");

	pd_db_explain_start(db);
	size_t rows = detail(db, N_PARTNERS / 2, &err);
	pd_db_explain_stop(db, &plans);
	ok(rows >= 4, "detail rows %zu", rows);
	is(full_scans(&plans, "detail"), 0, "detail: no full scan");

	/* A card of our own export seen again: its person by uid. */
	pd_db_explain_start(db);
	int64_t keeper = pd_contact_find_uid(db, zoo, "keeper123", &err);
	pd_db_explain_stop(db, &plans);
	ok(keeper > 0, "the person is found by uid");
	is(full_scans(&plans, "person by uid"), 0, "person by uid: no full scan");
	ok(plan_mentions(&plans, "contacts_by_uid"), "person by uid: from contacts_by_uid");

	/* Each uid given to an insert is asked whether it is taken. */
	pd_db_explain_start(db);
	pd_contact *again = pd_contact_create();
	again->partner_id = zoo;
	again->name = strdup("Keeper Again");
	snprintf(again->uid, sizeof again->uid, "keeper7");
	ok(pd_contact_insert(db, again, &err), "a person added with a uid %s", err.msg);
	pd_contact_destroy(again);
	pd_interaction visit = {0};
	visit.partner_id = zoo;
	visit.channel = strdup("visit");
	visit.text = strdup("Again.");
	snprintf(visit.uid, sizeof visit.uid, "visit7");
	ok(pd_interaction_insert(db, &visit, &err), "a log entry added with a uid %s", err.msg);
	pd_interaction_finish(&visit);
	pd_db_explain_stop(db, &plans);
	is(full_scans(&plans, "insert with a uid"), 0, "inserts with a uid: no full scan");
	ok(plan_mentions(&plans, "contacts_by_uid"), "a person's uid is asked of contacts_by_uid");
	ok(plan_mentions(&plans, "interactions_by_uid"), "a log entry's of interactions_by_uid");

	/* The checker itself must be able to fail. */
	ok(pd_plan_line_is_full_scan("  SCAN partners"), "a bare SCAN partners is a full scan");
	ok(pd_plan_line_is_full_scan("  SCAN i"), "so is an aliased one");
	ok(!pd_plan_line_is_full_scan("  SCAN p USING INDEX partners_by_name"), "an index scan is not");
	ok(!pd_plan_line_is_full_scan("  SEARCH p USING INTEGER PRIMARY KEY (rowid=?)"), "a search is not");

	pd_strv_clear(&plans);
	pd_db_close(db);

	/* Every insert asks for a new id past the highest ever given: two
	 * lookups at the ends of indexes (under 50 steps), never a walk over
	 * the 2,100 partners or 2,500 people (a step or more each), whatever
	 * the statistics say. Those of a desk last analysed when it held one
	 * row each (PRAGMA optimize at the close after the first add, then a
	 * big import) made SQLite find partners' highest id by reading all of
	 * partners_by_uid, on a plan that says SEARCH. */
	sqlite3 *raw = NULL;
	ok(sqlite3_open(tu_path("plans.db"), &raw) == SQLITE_OK &&
	   sqlite3_exec(raw, "ANALYZE; UPDATE sqlite_stat1 SET stat = '1' || substr(stat, instr(stat, ' ')) "
	                "WHERE tbl IN ('partners', 'contacts', 'interactions', 'agreements')", NULL, NULL, NULL)
	   == SQLITE_OK, "statistics as of one row each");
	sqlite3_close(raw);
	db = pd_db_open(tu_path("plans.db"), 0, NULL, &err);
	ok(db != NULL, "reopen %s", err.msg);
	static const struct {
		const char *what, *sql;
	} next_ids[] = {
		{"partners", "SELECT " PD_NEXT_ID("partners", "partner")},
		{"contacts", "SELECT " PD_NEXT_ID("contacts", "contact")},
		{"interactions", "SELECT " PD_NEXT_ID("interactions", "interaction")},
		{"agreements", "SELECT " PD_NEXT_ID("agreements", "agreement")},
		/* The filter's estimate of the desk's size, on every filtered list. */
		{"partners (the filter's walk estimate)", "SELECT " PD_MAX_ID("partners")},
	};
	for (size_t i = 0; db && i < sizeof next_ids / sizeof *next_ids; i++) {
		int steps = next_id_steps(db, next_ids[i].sql);
		ok(steps > 0 && steps < 50, "the next id of %s in %d steps", next_ids[i].what, steps);
	}
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
