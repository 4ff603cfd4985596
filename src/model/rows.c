/* Reading the rows a statement gives into a growing array: the one loop
 * behind the lists the model hands out (a partner's agreements, its stage
 * history, its goals, the partner list, the audit trail...), with its two
 * ways to fail, and the step that adds one element. */
#include <string.h>

#include "internal.h"

void *pd_row_add(void *rows, size_t *n, size_t *cap, size_t size, size_t first)
{
	/* rows is the address of the caller's typed pointer (&out->v): read
	 * and written back whole, never through a void ** that is not one. */
	void *v;
	memcpy(&v, rows, sizeof v);
	void *grown = pd_grow(v, *n, cap, size, first);
	if (!grown)
		return NULL;
	memcpy(rows, &grown, sizeof grown);
	void *row = (char *)grown + (*n)++ * size;
	memset(row, 0, size);
	return row;
}

bool pd_rows_read(pd_db *db, sqlite3_stmt *st, void *rows, size_t *n, size_t size, size_t first,
	pd_row_fill *fill, const char *doing, pd_error *err)
{
	/* The array holds at least *n: growing from there never overruns
	 * whatever was in it already. */
	size_t cap = *n;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *row = pd_row_add(rows, n, &cap, size, first);
		if (!row || !fill(st, row))
			goto nomem;
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, doing);
	return true;
nomem:
	pd_stmt_done(db, st);
	return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
}
