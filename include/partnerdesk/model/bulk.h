/* Tuning one connection for a large import: the savepoint each model write
 * opens inside the import's transaction keeps its sub-journal in memory,
 * and the page cache is big enough to hold the transaction's working set,
 * so 100,000 rows go in without hundreds of thousands of small writes. */
#ifndef PARTNERDESK_MODEL_BULK_H
#define PARTNERDESK_MODEL_BULK_H

#include <stdbool.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

/* Settings last as long as the handle; they change nothing on disk. */
bool pd_db_bulk_mode(pd_db *db, pd_error *err);

#endif
