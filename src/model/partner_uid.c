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

static bool fill_uid(sqlite3_stmt *st, void *row)
{
	pd_partner_uid *u = row;
	u->id = sqlite3_column_int64(st, 0);
	pd_col_buf(st, 1, u->uid, sizeof u->uid);
	return true;
}

bool pd_partner_uids_load(pd_db *db, pd_partner_uids *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = pd_stmt(db, "SELECT id, uid FROM partners ORDER BY id", err);
	if (!st)
		return false;
	if (!pd_rows_read(db, st, &out->v, &out->n, sizeof *out->v, 64, fill_uid, "reading the partners", err)) {
		pd_partner_uids_finish(out);
		return false;
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
