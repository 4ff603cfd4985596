/* realloc, failing on demand (fail_realloc.h): linked into the tests of
 * what must keep a note when memory runs out. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

#include "fail_realloc.h"

bool pd_test_realloc_fails;

void *realloc(void *p, size_t n)
{
	static void *(*real)(void *, size_t);
	if (pd_test_realloc_fails)
		return NULL;
	if (!real)
		real = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
	return real(p, n);
}
