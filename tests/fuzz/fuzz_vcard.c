/* libFuzzer harness: the vCard reader (unfolding, quoted-printable,
 * parameters, structured values), then the import of the cards into
 * partners and contact people as a dry run on a scratch database. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "partnerdesk/io/import.h"
#include "partnerdesk/io/vcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pd_db *scratch(void)
{
	static pd_db *db;
	static char path[64];
	if (db)
		return db;
	snprintf(path, sizeof path, "/tmp/pd-fuzz-vcard-%ld.db", (long)getpid());
	unlink(path);
	pd_error err = { 0 };
	db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	if (!db) {
		fprintf(stderr, "fuzz_vcard: %s\n", err.msg);
		abort();
	}
	pd_db_set_now(db, 1795000000);
	return db;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pd_vcards cards;
	pd_error err = { 0 };
	if (!pd_vcard_parse("fuzz.vcf", (const char *)data, size, &cards, &err))
		return 0;
	pd_vcards_finish(&cards);
	pd_import_opts o = { .name = "fuzz.vcf", .format = PD_IMPORT_VCF, .dry_run = true,
	                     .keep_going = true, .on_duplicate = (pd_dup_policy)(size % 3) };
	pd_import_stats st;
	pd_import_buffer(scratch(), (const char *)data, size, &o, &st, &err);
	return 0;
}
