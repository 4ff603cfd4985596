/* Every partner's id, name and creation time in one read, for the
 * restore-stable UIDs of the calendar and card exports. */
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/birth.h"

void pd_partner_births_finish(pd_partner_births *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].name);
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

bool pd_partner_births_load(pd_db *db, pd_partner_births *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, "SELECT id, name, created FROM partners ORDER BY id", err);
	if (!st)
		return false;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pd_partner_birth *v = pd_grow(out->v, out->n, &cap, sizeof *v, 64);
		if (!v)
			goto nomem;
		out->v = v;
		pd_partner_birth *b = &v[out->n];
		b->id = sqlite3_column_int64(st, 0);
		if (!(b->name = pd_col_str(st, 1)))
			goto nomem;
		pd_col_buf(st, 2, b->created, sizeof b->created);
		out->n++;
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_partner_births_finish(out);
		return pd_db_fail(db, err, "reading the partners");
	}
	return true;
nomem:
	pd_stmt_done(db, st);
	pd_partner_births_finish(out);
	return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
}
