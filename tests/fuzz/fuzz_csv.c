/* libFuzzer harness: the CSV reader and the header mapping on whatever
 * bytes come, in each encoding mode, then the whole import of the cells
 * into partner records as a dry run (rolled back) on a scratch database. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/io/field_map.h"
#include "partnerdesk/io/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pd_db *scratch(void)
{
	static pd_db *db;
	static char path[64];
	if (db)
		return db;
	snprintf(path, sizeof path, "/tmp/pd-fuzz-csv-%ld.db", (long)getpid());
	unlink(path);
	pd_error err = { 0 };
	db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	if (!db) {
		fprintf(stderr, "fuzz_csv: %s\n", err.msg);
		abort();
	}
	pd_db_set_now(db, 1795000000);
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int enc = PD_CSV_ENC_AUTO; enc <= PD_CSV_ENC_WIN1252; enc++) {
		pd_csv csv;
		pd_error err = { 0 };
		if (!pd_csv_read("fuzz.csv", (const char *)data, size, (pd_csv_encoding)enc, &csv, &err))
			continue;
		if (csv.n > 0 && csv.v[0].n > 0) {
			pd_field *cols = calloc(csv.v[0].n, sizeof *cols);
			pd_field_how *how = calloc(csv.v[0].n, sizeof *how);
			const char *maps[] = { "Name=name", "x=ignore" };
			if (cols && how && pd_field_map_build(csv.v[0].fields, csv.v[0].n, maps, 2, cols,
			                                      how, &err)) {
				free(pd_field_map_name_choice(csv.v[0].fields, csv.v[0].n, cols, how));
				free(pd_field_map_readings(csv.v[0].fields, csv.v[0].n, cols, how));
			}
			free(cols);
			free(how);
		}
		pd_csv_finish(&csv);
	}

	/* Each cell as the import reads it into a partner, a contact, a
	 * stage, a date...; the duplicate policy varies with the size. */
	pd_import_opts o = { .name = "fuzz.csv", .format = PD_IMPORT_CSV, .dry_run = true,
	                     .keep_going = true, .on_duplicate = (pd_dup_policy)(size % 3) };
	pd_import_stats st;
	pd_error err = { 0 };
	pd_import_buffer(scratch(), (const char *)data, size, &o, &st, &err);
	return 0;
}
