/* Tuning one connection for a large import: writes nested inside the
 * import's transaction open no savepoint of their own (each one copied
 * every page it touched into a sub-journal), and the page cache is big
 * enough to hold the transaction's working set, so 100,000 rows go in
 * without hundreds of thousands of small writes. */
#ifndef PARTNERDESK_MODEL_BULK_H
#define PARTNERDESK_MODEL_BULK_H

#include <stdbool.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

/* Settings last as long as the handle; they change nothing on disk. Call
 * it before the transaction it is for. Inside a transaction begun in bulk
 * mode a nested write that fails cannot be undone on its own: it is all or
 * nothing, so the commit of such a transaction is refused and everything
 * is rolled back. (A write the model refuses before it writes anything, as
 * an invalid row is refused, leaves the transaction whole.) */
bool pd_db_bulk_mode(pd_db *db, pd_error *err);

/* A part of the open transaction that can be undone alone, bulk mode or
 * not (an import's row under --keep-going: a row that fails leaves
 * nothing of itself). One at a time; the model's writes inside it must
 * have ended before it does. pd_db_part_end keeps it, or with keep false
 * undoes it, nested writes that failed inside it included, so that the
 * transaction can still be committed. A rollback of the whole transaction
 * ends an open part with the rest. */
bool pd_db_part_begin(pd_db *db, pd_error *err);
bool pd_db_part_end(pd_db *db, bool keep, pd_error *err);

/* For reading everything (an export): the file mapped into memory (up to
 * 1 GiB) instead of copied page by page through read calls, and the same
 * large page cache. Lasts as long as the handle; changes nothing on disk. */
bool pd_db_scan_mode(pd_db *db, pd_error *err);

#endif
