/* pd-keys-man: prints the man page's KEYS list from the keymap table, to
 * paste between the BEGIN KEYS and END KEYS marks of man/partnerdesk.1.
 * Built, not installed. */
#include <stdio.h>

#include "partnerdesk/ui/keymap.h"

int main(void)
{
	pd_error err = {0};
	pd_keymap *km = pd_keymap_create(NULL, &err);
	if (!km) {
		fprintf(stderr, "pd-keys-man: %s\n", err.msg);
		return 1;
	}
	pd_keymap_write_man(stdout, km);
	pd_keymap_destroy(km);
	return fflush(stdout) == 0 ? 0 : 1;
}
