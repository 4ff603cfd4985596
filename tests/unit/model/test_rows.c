/* Unit tests of pd_rows_read (src/model/rows.c), the loop every model list
 * is read with: rows appended in order past what the array held, and both
 * ways it fails (memory, a step) leave what was read countable for the
 * caller to free and the statement handed back; and of pd_row_add, the
 * element it adds each row with, and pd_grow's refusal of a size that
 * does not fit. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "../../../src/model/internal.h"

typedef struct item {
	long n;
	char *text;
} item;

typedef struct items {
	item *v;
	size_t n;
} items;

static void items_finish(items *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int fills, fail_at;   /* fail_at: the fill that runs out of memory (0: none) */

static bool fill_item(sqlite3_stmt *st, void *row)
{
	item *it = row;
	fills++;
	if (it->n != 0 || it->text != NULL)
		return false;   /* not handed over zeroed */
	it->n = sqlite3_column_int64(st, 0);
	if (fills == fail_at)
		return false;
	it->text = pd_col_str(st, 1);
	return it->text != NULL;
}

/* 1..count with its text, from a recursive CTE. */
#define SERIES "WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ?1) " \
	"SELECT x, 'row ' || x FROM s"

static sqlite3_stmt *series(pd_db *db, long count)
{
	pd_error err = {0};
	sqlite3_stmt *st = pd_stmt(db, SERIES, &err);
	if (!st) {
		printf("# %s\n", err.msg);
		exit(99);
	}
	sqlite3_bind_int64(st, 1, count);
	return st;
}

/* Whether the statement was handed back: the cache hands the same one out
 * again only when it is not still out (else it prepares a private one). */
static bool handed_back(pd_db *db, sqlite3_stmt *st)
{
	sqlite3_stmt *again = pd_stmt(db, SERIES, NULL);
	bool same = again == st;
	pd_stmt_done(db, again);
	return same;
}

static bool in_order(const items *l, long from, long to)
{
	if (l->n != (size_t)(to - from + 1))
		return false;
	for (long k = from; k <= to; k++) {
		char want[32];
		snprintf(want, sizeof want, "row %ld", k);
		const item *it = &l->v[k - from];
		if (it->n != k || !it->text || strcmp(it->text, want) != 0)
			return false;
	}
	return true;
}

int main(void)
{
	pd_db *db = tu_open("rows.db");
	pd_error err = {0};

	/* None: nothing allocated, success. */
	items l = {0};
	sqlite3_stmt *st = pd_stmt(db, "SELECT 1, 'a' WHERE 0", &err);
	ok(pd_rows_read(db, st, &l.v, &l.n, sizeof *l.v, 4, fill_item, "reading nothing", &err),
	   "an empty result reads");
	is(l.n, 0, "no rows");
	ok(l.v == NULL, "nothing allocated");

	/* Many more than the first allocation: grown again and again, in order. */
	fills = 0;
	ok(pd_rows_read(db, series(db, 1000), &l.v, &l.n, sizeof *l.v, 4, fill_item, "reading", &err),
	   "1000 rows read");
	ok(in_order(&l, 1, 1000), "1000 rows in order, each filled from its row");
	is(fills, 1000, "one fill a row");

	/* Into a list that already holds rows: appended after them. An array
	 * of exactly 3 (as a caller's own realloc leaves it), grown from a
	 * first of 2, must not be taken for one of room 2 (ASan sees it). */
	items_finish(&l);
	ok(pd_rows_read(db, series(db, 3), &l.v, &l.n, sizeof *l.v, 3, fill_item, "reading", &err),
	   "3 rows");
	item *exact = realloc(l.v, 3 * sizeof *exact);
	ok(exact != NULL, "trimmed to 3");
	l.v = exact;
	ok(pd_rows_read(db, series(db, 5), &l.v, &l.n, sizeof *l.v, 2, fill_item, "reading", &err),
	   "5 more");
	is(l.n, 8, "3 and 5");
	ok(l.v[2].n == 3 && l.v[3].n == 1 && l.v[7].n == 5 && strcmp(l.v[7].text, "row 5") == 0,
	   "the new rows after the old");
	items_finish(&l);

	/* A fill that runs out of memory on the 4th row: the error is memory's,
	 * the 4 rows are in the list (the 4th half filled, for finish to free),
	 * the statement handed back. */
	fills = 0;
	fail_at = 4;
	pd_error_clear(&err);
	st = series(db, 10);
	ok(!pd_rows_read(db, st, &l.v, &l.n, sizeof *l.v, 2, fill_item, "reading", &err),
	   "a fill out of memory fails the read");
	is(err.code, PD_ERR_NOMEM, "as out of memory");
	streq(err.msg, "out of memory", "saying so");
	is(l.n, 4, "the rows read, the one being filled counted");
	ok(l.v[3].n == 4 && l.v[3].text == NULL, "the 4th as the fill left it");
	is(fills, 4, "no row read after");
	ok(handed_back(db, st), "the statement handed back");
	items_finish(&l);
	fail_at = 0;

	/* A step that fails on the 3rd row (integer overflow in abs()): the
	 * error names what we were doing; the rows before it are there. */
	pd_error_clear(&err);
	st = pd_stmt(db, "SELECT abs(CASE WHEN x = 3 THEN -9223372036854775807 - 1 ELSE x END), 'row ' || x "
		"FROM (WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < 5) SELECT x FROM s)",
		&err);
	ok(st != NULL, "prepared");
	ok(!pd_rows_read(db, st, &l.v, &l.n, sizeof *l.v, 2, fill_item, "reading the test rows", &err),
	   "a failed step fails the read");
	ok(err.code != PD_OK && err.code != PD_ERR_NOMEM, "as a database error");
	ok(strstr(err.msg, "while reading the test rows") != NULL, "naming what we were at: %s", err.msg);
	ok(strstr(err.msg, "integer overflow") != NULL, "and SQLite's reason: %s", err.msg);
	ok(in_order(&l, 1, 2), "the two rows before it read");
	items_finish(&l);
	/* handed back: the same statement comes out of the cache again */
	sqlite3_stmt *again = pd_stmt(db, sqlite3_sql(st), NULL);
	ok(again == st, "the failed statement handed back");
	pd_stmt_done(db, again);

	/* pd_row_add: each element new, zeroed, counted and in place, what
	 * was written to the earlier ones kept through each growth. */
	size_t cap = 0;
	bool each = true;
	for (long k = 1; k <= 40; k++) {
		item *it = pd_row_add(&l.v, &l.n, &cap, sizeof *l.v, 3);
		each = each && it && it == &l.v[k - 1] && l.n == (size_t)k && cap >= l.n &&
		       it->n == 0 && it->text == NULL;
		if (it) {
			it->n = k;
			it->text = NULL;
		}
	}
	ok(each, "40 elements added, each zeroed, counted and the last of the array");
	bool kept = l.n == 40;
	for (size_t i = 0; kept && i < l.n; i++)
		kept = l.v[i].n == (long)i + 1;
	ok(kept, "the values written to them kept through the growths");
	is(cap, 48, "room grown by doubling from the first 3");
	items_finish(&l);

	/* pd_grow where the room asked for does not fit a size_t: refused as
	 * out of memory, not a wrapped (small or empty) block taken for it. */
	cap = (size_t)1 << (sizeof(size_t) * 8 - 2);   /* doubled, times 8 bytes: wraps to 0 */
	void *v = pd_grow(NULL, cap, &cap, 8, 4);
	ok(v == NULL, "a grow whose bytes overflow is refused");
	is(cap, (size_t)1 << (sizeof(size_t) * 8 - 2), "the room as it was");
	free(v);
	cap = (size_t)1 << (sizeof(size_t) * 8 - 1);   /* doubling itself wraps to 0 */
	v = pd_grow(NULL, cap, &cap, 1, 4);
	ok(v == NULL, "a grow whose doubling overflows is refused");
	is(cap, (size_t)1 << (sizeof(size_t) * 8 - 1), "the room as it was");
	free(v);

	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
