/* Connection settings for bulk imports (see bulk.h): fixed pragmas, no
 * values formatted into SQL. */
#include "internal.h"
#include "partnerdesk/model/bulk.h"

bool pd_db_bulk_mode(pd_db *db, pd_error *err)
{
	/* temp_store: the statement sub-journals of nested savepoints; the
	 * cache: 64 MiB (negative means KiB). */
	return pd_db_exec(db, "PRAGMA temp_store = MEMORY", err) &&
	       pd_db_exec(db, "PRAGMA cache_size = -65536", err);
}
