/* libFuzzer harness: the vCard reader (unfolding, quoted-printable,
 * parameters, structured values). */
#include <stdint.h>

#include "partnerdesk/io/vcard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pd_vcards cards;
	pd_error err = { 0 };
	if (pd_vcard_parse("fuzz.vcf", (const char *)data, size, &cards, &err))
		pd_vcards_finish(&cards);
	return 0;
}
