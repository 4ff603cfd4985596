/* `partnerdesk restore`'s model side: a backup copy written into the live
 * desk through SQLite's backup API, after keeping the desk as it was. */
#include <sqlite3.h>
#include <stdio.h>

#include "internal.h"
#include "partnerdesk/model/put_back.h"

/* How long the copy waits, in all, for others' writes to let it in. */
#define PUT_BACK_WAIT_MS 10000

static bool copy_fit(pd_db *db, pd_db *copy, const char *copy_path, pd_error *err)
{
	int have = pd_db_schema_version(copy), want = db->schema;
	if (have != want)
		return pd_error_set(err, PD_ERR_INVALID, "%s has the layout of schema version %d and "
			"this desk %d; open the copy once with `partnerdesk --db %s check` by this "
			"version of partnerdesk to bring it up to date; nothing was changed",
			copy_path, have, want, copy_path);
	pd_check_report r = {0};
	if (!pd_db_check(copy, &r, err))
		return false;
	bool ok = r.ok;
	if (!ok)
		pd_error_set(err, PD_ERR_DAMAGED, "%s does not check clean (%s); nothing was changed",
			copy_path, r.n_lines ? r.lines[0] : "see `partnerdesk --db COPY check`");
	pd_check_report_finish(&r);
	return ok;
}

bool pd_db_put_back(pd_db *db, const char *copy_path, const char *keep_path,
	const pd_temp_watch *watch, pd_error *err)
{
	if (pd_db_readonly(db))
		return pd_error_set(err, PD_ERR_IO, "%s is open only for reading; nothing was changed",
			db->path);
	if (db->depth > 0)
		return pd_error_set(err, PD_ERR_GENERIC, "cannot put a copy back in the middle of a change");
	const char *what;
	if (pd_db_is_own_file(db, copy_path, &what))
		return pd_error_set(err, PD_ERR_INVALID, "%s is %s, not a copy of it; nothing was changed",
			copy_path, what);
	pd_db *copy = pd_db_open(copy_path, PD_OPEN_READONLY | PD_OPEN_COPY, db->rules, err);
	if (!copy)
		return false;
	bool ok = copy_fit(db, copy, copy_path, err) &&
	          pd_db_backup(db, keep_path, false, watch, err);
	if (ok) {
		sqlite3_backup *b = sqlite3_backup_init(db->h, "main", copy->h, "main");
		int rc = SQLITE_ERROR;
		if (b) {
			for (int waited = 0; (rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
			                     rc == SQLITE_LOCKED; waited += 50) {
				if (waited >= PUT_BACK_WAIT_MS)
					break;
				sqlite3_sleep(50);
			}
			sqlite3_backup_finish(b);
		}
		if (rc != SQLITE_DONE) {
			ok = false;
			if (pd_db_status(rc) == PD_ERR_BUSY)
				pd_error_set(err, PD_ERR_BUSY, "%s stayed busy (someone else is writing to it); "
					"nothing was changed; try again", db->path);
			else
				pd_error_set(err, PD_ERR_IO, "putting %s back into %s failed: %s; nothing was "
					"changed", copy_path, db->path, b ? sqlite3_errstr(rc) : sqlite3_errmsg(db->h));
		}
	}
	pd_db_close(copy);
	/* What the desk knew of its own versions is of the file before. */
	db->desk_known = false;
	return ok;
}
