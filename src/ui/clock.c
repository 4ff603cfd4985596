/* The interface's monotonic clock in milliseconds (clock.h). */
#include <time.h>

#include "clock.h"

long long pd_ui_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
