/* Connection settings for bulk imports (see bulk.h): fixed pragmas, no
 * values formatted into SQL. */
#include "internal.h"
#include "partnerdesk/model/bulk.h"

bool pd_db_bulk_mode(pd_db *db, pd_error *err)
{
	/* temp_store: statement journals stay in memory; the cache: 64 MiB
	 * (negative means KiB). */
	if (!pd_db_exec(db, "PRAGMA temp_store = MEMORY", err) ||
	    !pd_db_exec(db, "PRAGMA cache_size = -65536", err))
		return false;
	db->bulk = true;
	return true;
}

bool pd_db_scan_mode(pd_db *db, pd_error *err)
{
	return pd_db_exec(db, "PRAGMA mmap_size = 1073741824", err) &&
	       pd_db_exec(db, "PRAGMA cache_size = -65536", err);
}
