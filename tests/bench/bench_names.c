/* Prints the generator's first N partner names, one a line, so the
 * end-to-end benchmark can give abook the very names partnerdesk holds. */
#include <stdio.h>
#include <stdlib.h>

#include "gen.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 0;
	char name[256];
	for (long i = 0; i < n; i++) {
		gen_partner_name((uint64_t)i, name, sizeof name);
		puts(name);
	}
	return 0;
}
