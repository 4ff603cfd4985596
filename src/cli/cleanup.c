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

/* What a file's slot and a message's slot have in common. */
typedef struct {
	char path[PATH_CAP];
	bool used;
} place;

/* The one other exception (besides ui/fatal.c) to "no global mutable
 * state": a signal handler reaches nothing but static storage and may
 * call only async-signal-safe functions (unlink, sigaction, raise; no
 * malloc, no stdio). Slots are changed only with these signals blocked,
 * so the handler never sees one half written. */
static struct {
	struct {
		place at;
		bool sidecars;
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
		place at;
		char msg[SAY_CAP];
	} when[WHEN_SLOTS];
} cleanup;

/* Either array of slots, as the one walk below goes through them: where
 * its first place is, and how far on the next one lies. */
typedef struct {
	char *first;
	size_t step, n;
} slots;

static const slots files = {(char *)&cleanup.slot[0].at, sizeof cleanup.slot[0], SLOTS};
static const slots whens = {(char *)&cleanup.when[0].at, sizeof cleanup.when[0], WHEN_SLOTS};

static place *place_at(slots t, size_t i)
{
	return (place *)(t.first + i * t.step);
}

/* The first slot from i on that is used (or free, !used) and, when path
 * is given, holds it; t.n when none is. Registration, removal and the
 * handler all walk by it. Only reads memory, so the handler may call it;
 * the handler never passes a path, which keeps strcmp out of it. */
static size_t next(slots t, size_t i, bool used, const char *path)
{
	for (; i < t.n; i++) {
		const place *p = place_at(t, i);
		if (p->used == used && (!path || strcmp(p->path, path) == 0))
			return i;
	}
	return t.n;
}

#define EACH(i, t, used, path) \
	for (size_t i = next(t, 0, used, path); i < (t).n; i = next(t, i + 1, used, path))

/* Takes the first free slot of t for path: its index, or t.n when all are
 * used. Called with the signals blocked. */
static size_t take(slots t, const char *path)
{
	size_t i = next(t, 0, false, NULL);
	if (i < t.n) {
		strcpy(place_at(t, i)->path, path);
		place_at(t, i)->used = true;
	}
	return i;
}

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
	EACH(i, files, true, NULL) {
		unlink(cleanup.slot[i].at.path);
		for (size_t k = 0; cleanup.slot[i].sidecars && k < sizeof sidecar_suffix / sizeof sidecar_suffix[0]; k++)
			unlink_with_suffix(cleanup.slot[i].at.path, sidecar_suffix[k]);
	}
	/* A private directory a file was made in (a backup's) goes once the
	 * files in it have; a file's path is no directory, and stays gone.
	 * One may hold another (restore's snapshot is a backup made in a
	 * directory of restore's own), and the outer one takes a slot first:
	 * so the passes go on while one removes something. */
	for (bool removed = true; removed;) {
		removed = false;
		EACH(i, files, true, NULL)
			if (rmdir(cleanup.slot[i].at.path) == 0)
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
	size_t i = take(files, path);
	if (i < SLOTS) {
		cleanup.slot[i].sidecars = sidecars;
		retain();
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return i < SLOTS;
}

void pd_cleanup_forget(const char *path)
{
	if (!path)
		return;
	sigset_t old;
	block(&old);
	size_t i = next(files, 0, true, path);
	if (i < SLOTS) {
		cleanup.slot[i].at.used = false;
		release();
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
		EACH(i, whens, true, NULL)
			cleanup.when[i].at.used = false;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

bool pd_cleanup_say_once_placed(const char *path, const char *msg)
{
	if (!path || !msg || strlen(path) >= PATH_CAP || strlen(msg) >= SAY_CAP)
		return false;
	sigset_t old;
	block(&old);
	size_t i = take(whens, path);
	if (i < WHEN_SLOTS)
		strcpy(cleanup.when[i].msg, msg);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return i < WHEN_SLOTS;
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
	EACH(i, whens, true, path)
		say(cleanup.when[i].msg, false);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

const pd_temp_watch pd_cleanup_watch = {
	.hold = pd_cleanup_hold,
	.made = watch_made,
	.gone = pd_cleanup_forget,
	.placed = watch_placed,
};
