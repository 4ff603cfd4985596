/* Crash handlers: a segfault, bus error, abort, arithmetic or illegal
 * instruction gives the user's terminal back (out of the alternate
 * screen, bracketed paste off, cursor shown, cooked modes) before the
 * signal ends the program as it would have, core dump included. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "fatal.h"

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
#define N_FATAL (sizeof fatal_signals / sizeof fatal_signals[0])

/* The one exception to "no global mutable state": a signal handler can
 * reach nothing but static storage, and may call only async-signal-safe
 * functions (write, tcsetattr, sigaction, raise), never curses or
 * terminfo. So everything the handler needs is worked out beforehand and
 * written here once, before the handlers are installed; afterwards it is
 * only read. The actions in place before ours (the default, or a
 * sanitizer's or debugger's handler) are kept so the signal still ends
 * the program as it would have. */
static struct {
	int in_fd, out_fd;
	struct termios shell;
	char seq[256];
	size_t seq_len;
	struct sigaction before[N_FATAL];
	bool armed;
} fatal;

static void on_fatal(int sig)
{
	int saved = errno;
	for (size_t off = 0; off < fatal.seq_len;) {
		ssize_t w = write(fatal.out_fd, fatal.seq + off, fatal.seq_len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	tcsetattr(fatal.in_fd, TCSANOW, &fatal.shell);
	/* What was there before (SA_RESETHAND has already put back the
	 * default, which is what nearly always was), then the signal again:
	 * the exit status and the core dump say what happened. */
	for (size_t i = 0; i < N_FATAL; i++)
		if (fatal_signals[i] == sig)
			sigaction(sig, &fatal.before[i], NULL);
	errno = saved;
	raise(sig);
}

bool pd_fatal_arm(int in_fd, int out_fd, const struct termios *shell, const char *seq)
{
	size_t len = strlen(seq);
	if (fatal.armed || len > sizeof fatal.seq)
		return false;
	fatal.in_fd = in_fd;
	fatal.out_fd = out_fd;
	fatal.shell = *shell;
	memcpy(fatal.seq, seq, len);
	fatal.seq_len = len;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	/* NODEFER: the raise above takes effect at once, in the handler. */
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (size_t i = 0; i < N_FATAL; i++)
		sigaction(fatal_signals[i], NULL, &fatal.before[i]);
	fatal.armed = true;
	for (size_t i = 0; i < N_FATAL; i++)
		sigaction(fatal_signals[i], &sa, NULL);
	return true;
}

void pd_fatal_disarm(void)
{
	if (!fatal.armed)
		return;
	for (size_t i = 0; i < N_FATAL; i++)
		sigaction(fatal_signals[i], &fatal.before[i], NULL);
	fatal.armed = false;
}
