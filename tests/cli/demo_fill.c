/* Test helper: fills the database at argv[1] with the --demo data, so the
 * end-to-end tests have a living desk to list, show and parse back. */
#include <stdio.h>

#include "partnerdesk/io/demo.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: demo_fill DB\n");
		return 2;
	}
	pd_error err = {0};
	pd_db *db = pd_db_open(argv[1], PD_OPEN_CREATE, NULL, &err);
	if (!db || !pd_demo_fill(db, &err)) {
		fprintf(stderr, "demo_fill: %s\n", err.msg);
		pd_db_close(db);
		return 1;
	}
	pd_db_close(db);
	return 0;
}
