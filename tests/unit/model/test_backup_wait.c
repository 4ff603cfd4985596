/* Unit test of how long `partnerdesk backup` (pd_db_backup in
 * src/model/db.c) waits for a file someone else is writing. The copy's
 * step waits through the source connection's busy handler, which waits
 * once and then answers "busy" at once until the connection runs a
 * statement: tries of its own around the step added their own ten
 * seconds to the handler's ten. */
#include <string.h>

#include "tap.h"
#include "testutil.h"

/* Seconds since began, in fractions. */
static double since(const struct timespec *began)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - began->tv_sec) + (double)(now.tv_nsec - began->tv_nsec) / 1e9;
}

/* Whether the directory of path holds nothing whose name starts ".NAME."
 * (the backup's own directory for its copy) where NAME is path's base. */
static bool no_temporary_beside(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[512], prefix[512];
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	snprintf(prefix, sizeof prefix, ".%s.", slash + 1);
	DIR *d = opendir(dir);
	struct dirent *e;
	bool none = true;
	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
			printf("# %s/%s is left\n", dir, e->d_name);
			none = false;
		}
	}
	if (d)
		closedir(d);
	return none;
}

int main(void)
{
	pd_error err = {0};
	char copy[512], out[512], again[512];
	snprintf(copy, sizeof copy, "%s", tu_path("copy.db"));
	snprintf(out, sizeof out, "%s", tu_path("out.db"));
	snprintf(again, sizeof again, "%s", tu_path("again.db"));
	pd_db *db = tu_open("desk.db");
	tu_add(db, "Harbor Museum", NULL);
	ok(pd_db_backup(db, copy, false, NULL, &err), "a backup copy is made: %s", err.msg);
	pd_db_close(db);

	/* A copy (rollback-journal mode, as every backup is) opened to be
	 * read, as restore opens its FILE; its owner is writing to it and
	 * holds it throughout. */
	pd_db *given = pd_db_open(copy, PD_OPEN_READONLY | PD_OPEN_COPY, NULL, &err);
	ok(given != NULL, "the copy opens to be read: %s", err.msg);
	sqlite3 *owner = NULL;
	sqlite3_open(copy, &owner);
	ok(sqlite3_exec(owner, "BEGIN EXCLUSIVE; UPDATE partners SET name = 'Changing'", NULL, NULL,
	                NULL) == SQLITE_OK, "its owner holds it, writing");

	struct timespec began;
	clock_gettime(CLOCK_MONOTONIC, &began);
	bool done = pd_db_backup(given, out, false, NULL, &err);
	double waited = since(&began);
	ok(!done && err.code == PD_ERR_BUSY, "the backup gives up on the busy file: %s", err.msg);
	ok(strstr(err.msg, "copy.db stayed busy") && strstr(err.msg, "try again once") &&
	   !strstr(err.msg, "out.db"), "saying what to do, and naming the busy file, not the copy: %s",
	   err.msg);
	ok(waited >= 9 && waited <= 15, "after waiting ten seconds, not twice that (%.1f s)", waited);
	ok(!tu_exists(out) && no_temporary_beside(out), "leaving no copy and no temporary files");

	/* Once the owner is done, the same handle backs it up. */
	sqlite3_exec(owner, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(owner);
	pd_db_busy_wait(given, -1);
	err = (pd_error){0};
	ok(pd_db_backup(given, again, false, NULL, &err), "once it is free the backup is made: %s",
	   err.msg);
	char name[64];
	streq(tu_sql(again, "SELECT name FROM partners", 0, name, sizeof name), "Harbor Museum",
	      "holding the copy as it was");
	pd_db_close(given);
	tu_cleanup();
	return tap_done();
}
