/* libFuzzer harness: the CSV reader and the header mapping on whatever
 * bytes come, in each encoding mode. */
#include <stdint.h>
#include <stdlib.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/io/field_map.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	return 0;
}
