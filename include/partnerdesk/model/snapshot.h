/* A read snapshot: everything read between begin and end sees the database
 * as it was at begin, whatever other processes commit meanwhile (WAL), so
 * an export or backup taken while others work is consistent. Takes no
 * write lock and works on a read-only handle. */
#ifndef PARTNERDESK_MODEL_SNAPSHOT_H
#define PARTNERDESK_MODEL_SNAPSHOT_H

#include <stdbool.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

bool pd_db_snapshot_begin(pd_db *db, pd_error *err);
void pd_db_snapshot_end(pd_db *db);

#endif
