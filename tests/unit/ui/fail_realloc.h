/* A test's realloc that fails as it does out of memory while
 * pd_test_realloc_fails is set (fail_realloc.c); the real one otherwise. */
#ifndef PD_TEST_FAIL_REALLOC_H
#define PD_TEST_FAIL_REALLOC_H

#include <stdbool.h>

extern bool pd_test_realloc_fails;

#endif
