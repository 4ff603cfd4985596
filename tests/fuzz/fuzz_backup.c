/* libFuzzer harness: the YAML backup reader, all the way through the
 * model as a dry run (everything written is rolled back), against one
 * scratch database made on the first call. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "partnerdesk/io/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pd_db *scratch(void)
{
	static pd_db *db;
	static char path[64];
	if (db)
		return db;
	snprintf(path, sizeof path, "/tmp/pd-fuzz-backup-%ld.db", (long)getpid());
	unlink(path);
	pd_error err = { 0 };
	db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	if (!db) {
		fprintf(stderr, "fuzz_backup: %s\n", err.msg);
		abort();
	}
	pd_db_set_now(db, 1795000000);
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pd_db *db = scratch();
	pd_import_opts o = { .name = "fuzz.yaml", .format = PD_IMPORT_YAML, .dry_run = true };
	pd_import_stats st;
	pd_error err = { 0 };
	pd_import_buffer(db, (const char *)data, size, &o, &st, &err);
	return 0;
}
