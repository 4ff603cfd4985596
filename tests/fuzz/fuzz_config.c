/* libFuzzer harness: the config loader on arbitrary YAML. */
#include <stdint.h>

#include "partnerdesk/config/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pd_error err = { 0 };
	pd_config_destroy(pd_config_load_buffer("fuzz.yaml", (const char *)data, size, &err));
	return 0;
}
