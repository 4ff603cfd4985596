/* Preloaded by tui-typeahead: a terminal's input queue flushed a second
 * late, as when a loaded server takes the CPU from a program between two
 * calls. Shows whether a key pressed the moment a dialog shows survives
 * the typeahead its opening drops. */
#define _POSIX_C_SOURCE 200809L
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>

int tcflush(int fd, int queue)
{
	if (queue == TCIFLUSH || queue == TCIOFLUSH) {
		struct timespec t = {.tv_sec = 1};
		while (nanosleep(&t, &t) != 0)
			;
	}
	/* What the C library's own does on Linux. */
	return ioctl(fd, TCFLSH, queue);
}
