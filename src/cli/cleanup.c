/* Removal of a command's temporary files when a signal ends the program
 * before the command could (see cli/cleanup.h). */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "partnerdesk/cli/cleanup.h"

#define SLOTS 8
#define PATH_CAP 4096
#define WHEN_SLOTS 2
#define SAY_CAP (2 * PATH_CAP + 512)

static const int cleanup_signals[] = {SIGHUP, SIGINT, SIGPIPE, SIGTERM};
#define N_SIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])

static const char *const sidecar_suffix[] = {"-journal", "-wal", "-shm"};

/* The one other exception (besides ui/fatal.c) to "no global mutable
 * state": a signal handler reaches nothing but static storage and may
 * call only async-signal-safe functions (unlink, sigaction, raise; no
 * malloc, no stdio). Slots are changed only with these signals blocked,
 * so the handler never sees one half written. */
static struct {
	struct {
		char path[PATH_CAP];
		bool sidecars;
		bool used;
	} slot[SLOTS];
	size_t n_used;
	struct sigaction before[N_SIGNALS];
	bool installed[N_SIGNALS];
	char scratch[PATH_CAP + 16];   /* the handler's PATH-suffix */
	sigset_t held;                 /* the mask before pd_cleanup_hold */
	const char *say;               /* pd_cleanup_say's message, or NULL */
	size_t say_len;
	bool say_clear;
	struct {                       /* pd_cleanup_say_once_placed's */
		char path[PATH_CAP];
		char msg[SAY_CAP];
		bool used;
	} when[WHEN_SLOTS];
} cleanup;

/* Not strcpy/strlen: the handler keeps to what is async-signal-safe. */
static void unlink_with_suffix(const char *path, const char *suffix)
{
	size_t n = 0;
	for (const char *s = path; *s && n < PATH_CAP - 1; s++)
		cleanup.scratch[n++] = *s;
	for (const char *s = suffix; *s && n < sizeof cleanup.scratch - 1; s++)
		cleanup.scratch[n++] = *s;
	cleanup.scratch[n] = '\0';
	unlink(cleanup.scratch);
}

static void on_signal(int sig)
{
	int saved = errno;
	for (size_t i = 0; i < SLOTS; i++) {
		if (!cleanup.slot[i].used)
			continue;
		unlink(cleanup.slot[i].path);
		for (size_t k = 0; cleanup.slot[i].sidecars && k < sizeof sidecar_suffix / sizeof sidecar_suffix[0]; k++)
			unlink_with_suffix(cleanup.slot[i].path, sidecar_suffix[k]);
	}
	/* A private directory a file was made in (a backup's) goes once the
	 * files in it have; a file's path is no directory, and stays gone.
	 * One may hold another (restore's snapshot is a backup made in a
	 * directory of restore's own), and the outer one takes a slot first:
	 * so the passes go on while one removes something. */
	for (bool removed = true; removed;) {
		removed = false;
		for (size_t i = 0; i < SLOTS; i++)
			if (cleanup.slot[i].used && rmdir(cleanup.slot[i].path) == 0)
				removed = true;
	}
	if (cleanup.say && sig != SIGPIPE) {
		ssize_t w = cleanup.say_clear ? write(STDERR_FILENO, "\r\033[K", 4) : 0;
		w = write(STDERR_FILENO, cleanup.say, cleanup.say_len);
		(void)w;   /* nothing more a dying program can do about stderr */
	}
	errno = saved;
	/* SA_RESETHAND has put back the default action; the signal stays
	 * blocked until the handler returns and then ends the program, so
	 * the shell sees 128+N as without us. */
	raise(sig);
}

static void block(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < N_SIGNALS; i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < N_SIGNALS; i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < N_SIGNALS; i++) {
		cleanup.installed[i] = false;
		if (sigaction(cleanup_signals[i], NULL, &cleanup.before[i]) != 0)
			continue;
		/* Only a default action is replaced: an ignored signal (nohup,
		 * a background job's SIGINT) must keep not ending the program,
		 * and someone else's handler is theirs. */
		if (!(cleanup.before[i].sa_flags & SA_SIGINFO)
		    && cleanup.before[i].sa_handler == SIG_DFL
		    && sigaction(cleanup_signals[i], &sa, NULL) == 0)
			cleanup.installed[i] = true;
	}
}

static void uninstall(void)
{
	for (size_t i = 0; i < N_SIGNALS; i++)
		if (cleanup.installed[i])
			sigaction(cleanup_signals[i], &cleanup.before[i], NULL);
	memset(cleanup.installed, 0, sizeof cleanup.installed);
}

/* The handlers are in place while anything (a file, a message) needs
 * them; called with the signals blocked. */
static void retain(void)
{
	if (cleanup.n_used++ == 0)
		install();
}

static void release(void)
{
	if (--cleanup.n_used == 0)
		uninstall();
}

bool pd_cleanup_add(const char *path, bool sidecars)
{
	if (!path || strlen(path) >= PATH_CAP)
		return false;
	sigset_t old;
	block(&old);
	bool added = false;
	for (size_t i = 0; i < SLOTS && !added; i++) {
		if (cleanup.slot[i].used)
			continue;
		strcpy(cleanup.slot[i].path, path);
		cleanup.slot[i].sidecars = sidecars;
		cleanup.slot[i].used = true;
		retain();
		added = true;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return added;
}

void pd_cleanup_forget(const char *path)
{
	if (!path)
		return;
	sigset_t old;
	block(&old);
	for (size_t i = 0; i < SLOTS; i++) {
		if (!cleanup.slot[i].used || strcmp(cleanup.slot[i].path, path) != 0)
			continue;
		cleanup.slot[i].used = false;
		release();
		break;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* pd_cleanup_say's work; called with the signals blocked. */
static void say(const char *msg, bool clear_line)
{
	if (msg && !cleanup.say)
		retain();
	else if (!msg && cleanup.say)
		release();
	cleanup.say = msg;
	cleanup.say_len = msg ? strlen(msg) : 0;
	cleanup.say_clear = clear_line;
}

void pd_cleanup_say(const char *msg, bool clear_line)
{
	sigset_t old;
	block(&old);
	say(msg, clear_line);
	if (!msg)
		for (size_t i = 0; i < WHEN_SLOTS; i++)
			cleanup.when[i].used = false;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

bool pd_cleanup_say_once_placed(const char *path, const char *msg)
{
	if (!path || !msg || strlen(path) >= PATH_CAP || strlen(msg) >= SAY_CAP)
		return false;
	sigset_t old;
	block(&old);
	bool added = false;
	for (size_t i = 0; i < WHEN_SLOTS && !added; i++) {
		if (cleanup.when[i].used)
			continue;
		strcpy(cleanup.when[i].path, path);
		strcpy(cleanup.when[i].msg, msg);
		cleanup.when[i].used = true;
		added = true;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return added;
}

void pd_cleanup_hold(bool on)
{
	if (on)
		block(&cleanup.held);
	else
		sigprocmask(SIG_SETMASK, &cleanup.held, NULL);
}

static void watch_made(const char *path, bool sidecars)
{
	(void)pd_cleanup_add(path, sidecars);
}

static void watch_placed(const char *path)
{
	sigset_t old;
	block(&old);
	for (size_t i = 0; i < WHEN_SLOTS; i++)
		if (cleanup.when[i].used && strcmp(cleanup.when[i].path, path) == 0)
			say(cleanup.when[i].msg, false);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

const pd_temp_watch pd_cleanup_watch = {
	.hold = pd_cleanup_hold,
	.made = watch_made,
	.gone = pd_cleanup_forget,
	.placed = watch_placed,
};
