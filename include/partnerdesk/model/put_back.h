/* Putting a backup copy (`partnerdesk backup FILE`) back in place of the
 * open desk, through SQLite's backup API into the live file, so that
 * windows left open see the copy as one more change and write on safely;
 * moving the copy over the file by hand would leave them writing to a file
 * no one opens again, or into a log the copy would then take as its own. */
#ifndef PARTNERDESK_MODEL_PUT_BACK_H
#define PARTNERDESK_MODEL_PUT_BACK_H

#include <stdbool.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/tempfile.h"

/* Replaces everything in db (opened for writing) with the partnerdesk
 * database in copy_path, which must be another file, check clean and have
 * db's schema version. First the desk as it is goes to keep_path (a new
 * file, as pd_db_backup writes it), so that the put-back can itself be
 * undone; watch as for pd_db_backup. The desk is unchanged when it fails;
 * a failure after keep_path was written leaves that file, and err names it. */
bool pd_db_put_back(pd_db *db, const char *copy_path, const char *keep_path,
	const pd_temp_watch *watch, pd_error *err);

#endif
