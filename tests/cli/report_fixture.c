/* Test helper: builds the report tests' known data set (the same one the
 * model's unit test uses, tests/unit/model/report_data.h) into the new
 * database at argv[1], around the real clock, so `partnerdesk report` can be
 * checked against figures worked out by hand. */
#include <stdio.h>
#include <time.h>

#include "report_data.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: report_fixture DB\n");
		return 2;
	}
	pd_error err = {0};
	pd_db *db = pd_db_open(argv[1], PD_OPEN_CREATE, NULL, &err);
	if (!db) {
		fprintf(stderr, "report_fixture: %s\n", err.msg);
		return 1;
	}
	bool ok = rd_fill(db, time(NULL));
	pd_db_close(db);
	return ok ? 0 : 1;
}
