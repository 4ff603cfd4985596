/* The terminal given back when the program dies of a signal it cannot
 * survive (a crash, an abort) (private to src/ui). */
#ifndef PD_UI_FATAL_H
#define PD_UI_FATAL_H

#include <stdbool.h>
#include <termios.h>

/* Arms the crash handlers for SIGSEGV, SIGBUS, SIGABRT, SIGFPE and SIGILL:
 * before the signal takes its course, `seq` (the escape sequences that put
 * the terminal back: paste mode off, cursor shown, ...) is written to
 * out_fd and `shell` (the terminal modes before curses) set again on
 * in_fd. Call once the screen is up; false when seq is too long. */
bool pd_fatal_arm(int in_fd, int out_fd, const struct termios *shell, const char *seq);

/* The signals' own actions again (before the program ends normally). */
void pd_fatal_disarm(void);

#endif
