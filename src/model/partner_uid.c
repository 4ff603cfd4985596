/* Every partner's id and uid in one read, for the calendar and card
 * exports (partner_uid.h). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/partner_uid.h"

void pd_partner_uids_finish(pd_partner_uids *u)
{
	if (!u)
		return;
	free(u->v);
	u->v = NULL;
	u->n = 0;
}

bool pd_partner_uids_load(pd_db *db, pd_partner_uids *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, "SELECT id, uid FROM partners ORDER BY id", err);
	if (!st)
		return false;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pd_partner_uid *v = pd_grow(out->v, out->n, &cap, sizeof *v, 64);
		if (!v) {
			pd_stmt_done(db, st);
			pd_partner_uids_finish(out);
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
		out->v = v;
		v[out->n].id = sqlite3_column_int64(st, 0);
		pd_col_buf(st, 1, v[out->n].uid, sizeof v[out->n].uid);
		out->n++;
	}
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE) {
		pd_partner_uids_finish(out);
		return pd_db_fail(db, err, "reading the partners");
	}
	return true;
}

static int id_cmp(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key, other = ((const pd_partner_uid *)elem)->id;
	return (id > other) - (id < other);
}

const char *pd_partner_uid_of(const pd_partner_uids *u, int64_t id)
{
	const pd_partner_uid *hit = u->n ? bsearch(&id, u->v, u->n, sizeof *u->v, id_cmp) : NULL;
	return hit ? hit->uid : "";
}
