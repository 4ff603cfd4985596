/* Read snapshots for exports (see snapshot.h): a deferred transaction
 * pinned by a first read. Outside pd_db_begin's nesting on purpose: it
 * never writes, and it must not turn into a write lock. */
#include "internal.h"
#include "partnerdesk/model/snapshot.h"

bool pd_db_snapshot_begin(pd_db *db, pd_error *err)
{
	if (db->depth > 0 || !sqlite3_get_autocommit(db->h))
		return true;   /* already inside a transaction: that is the snapshot */
	if (!pd_db_exec(db, "BEGIN DEFERRED", err))
		return false;
	/* A deferred transaction takes its snapshot at the first read. */
	if (!pd_db_exec(db, "SELECT count(*) FROM sqlite_schema", err)) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return false;
	}
	return true;
}

void pd_db_snapshot_end(pd_db *db)
{
	if (db->depth == 0 && !sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
}
