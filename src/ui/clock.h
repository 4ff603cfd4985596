/* The interface's clock for what depends on keys' timing (type-ahead, a
 * run of keys typed into the wrong place, the input's Escape delay). */
#ifndef PARTNERDESK_UI_CLOCK_H
#define PARTNERDESK_UI_CLOCK_H

/* Milliseconds of a clock that only goes forward (CLOCK_MONOTONIC). */
long long pd_ui_now_ms(void);

#endif
