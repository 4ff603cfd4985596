/* Typed text a refused write must not lose: waits while another writer
 * (an import) holds the desk, and keeps the text with the command that
 * stores it in a file of the data directory (see keep.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "partnerdesk/cli/keep.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/model/date.h"

/* The first try waits this long in silence: most locks are a colleague's
 * one-row change and pass in milliseconds. */
#define FIRST_TRY_MS 1000
/* Then tries again in slices this long, so that Ctrl-C is seen soon. */
#define SLICE_MS 250
/* Without a terminal nobody can press Ctrl-C: a script or cron job waits
 * this long (an import of several hundred thousand rows takes minutes),
 * then keeps the text and fails rather than pile up behind a stuck lock. */
#define SCRIPT_WAIT_S 600

/* A signal handler can only set a flag; this is it, reset at the start of
 * every wait. The only static state here, and only a signal needs it. */
static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

void pd_cli_keep_init(pd_cli_keep *k, const char *what, const char *text)
{
	memset(k, 0, sizeof *k);
	k->what = what;
	k->text = text;
}

void pd_cli_keep_arg(pd_cli_keep *k, const char *arg)
{
	if (k->argc == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 16;
		char **v = realloc(k->argv, cap * sizeof *v);
		if (!v) {
			k->oom = true;
			return;
		}
		k->argv = v;
		k->cap = cap;
	}
	char *copy = strdup(arg ? arg : "");
	if (!copy) {
		k->oom = true;
		return;
	}
	k->argv[k->argc++] = copy;
}

void pd_cli_keep_finish(pd_cli_keep *k, bool stored)
{
	if (stored && k->path)
		unlink(k->path);
	for (size_t i = 0; i < k->argc; i++)
		free(k->argv[i]);
	free(k->argv);
	free(k->path);
	memset(k, 0, sizeof *k);
}

/* s in single quotes for sh, a quote inside as '\''. */
static void put_quoted(FILE *f, const char *s)
{
	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=+@,") == strlen(s)) {
		fputs(s, f);   /* nothing sh would read otherwise */
		return;
	}
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

/* A here-document marker that is no line of text. */
static void pick_marker(const char *text, char *out, size_t size)
{
	for (int n = 0;; n++) {
		if (n)
			snprintf(out, size, "PARTNERDESK_TEXT_%d", n);
		else
			snprintf(out, size, "PARTNERDESK_TEXT");
		size_t len = strlen(out);
		bool clash = false;
		for (const char *line = text; line && *line && !clash;) {
			const char *nl = strchr(line, '\n');
			size_t l = nl ? (size_t)(nl - line) : strlen(line);
			clash = l == len && memcmp(line, out, len) == 0;
			line = nl ? nl + 1 : NULL;
		}
		if (!clash)
			return;
	}
}

/* Writes the kept file: a shell script holding the command and the text
 * as a quoted here-document (no expansion inside), which removes itself
 * once the command succeeded. A script rather than the text alone so that
 * the arguments survive a terminal that is gone (SSH dropped while it
 * waited). False with err set. */
static bool write_file(pd_cli_keep *k, const char *why, pd_error *err)
{
	if (k->oom)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	char *data = pd_paths_data_dir();
	if (!data)
		return pd_error_set(err, PD_ERR_IO, "cannot tell where your data directory is "
		                    "(set HOME or XDG_DATA_HOME)");
	size_t dlen = strlen(data) + sizeof "/kept";
	char *dir = malloc(dlen);
	if (!dir) {
		free(data);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	snprintf(dir, dlen, "%s/kept", data);
	free(data);
	if (!pd_paths_mkdirs(dir, err)) {
		free(dir);
		return false;
	}
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32] = "now";
	if (localtime_r(&now, &tm))
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	char path[PATH_MAX];
	int fd = -1;
	for (int n = 0; fd < 0 && n < 100; n++) {
		int len = n ? snprintf(path, sizeof path, "%s/%s-%s-%ld-%d.sh", dir, k->what, stamp, (long)getpid(), n)
		            : snprintf(path, sizeof path, "%s/%s-%s-%ld.sh", dir, k->what, stamp, (long)getpid());
		if (len < 0 || (size_t)len >= sizeof path) {
			pd_error_set(err, PD_ERR_IO, "%s: path too long", dir);
			free(dir);
			return false;
		}
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			int e = errno;
			free(dir);
			return pd_error_set(err, PD_ERR_IO, "%s: cannot create: %s", path, strerror(e));
		}
	}
	free(dir);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		return pd_error_set(err, PD_ERR_IO, "cannot create a file in the kept directory");
	}
	char marker[64], iso[PD_TIME_LEN];
	pick_marker(k->text, marker, sizeof marker);
	pd_time_format(now, iso);
	fprintf(f, "#!/bin/sh\n# partnerdesk kept this %s at %s: ", k->what, iso);
	for (const char *s = why ? why : "it could not be saved"; *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	fprintf(f, "\n# Save it with:  sh %s\n# (this file removes itself once saved; the %s is the lines "
	        "between the %s markers)\n", path, k->what, marker);
	/* The program that kept it, by its whole path: one run from a build
	 * directory or /opt is not the `partnerdesk` on PATH, if there is one. */
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0 && !memchr(exe, '\0', (size_t)n)) {
		exe[n] = '\0';
		put_quoted(f, exe);
	} else {
		fputs("partnerdesk", f);
	}
	for (size_t i = 0; i < k->argc; i++) {
		fputc(' ', f);
		put_quoted(f, k->argv[i]);
	}
	size_t tlen = strlen(k->text);
	fprintf(f, " <<'%s' && rm -f -- \"$0\"\n%s%s%s\n", marker, k->text,
	        tlen && k->text[tlen - 1] == '\n' ? "" : "\n", marker);
	bool ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	int e = errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		unlink(path);
		return pd_error_set(err, PD_ERR_IO, "%s: cannot write: %s", path, strerror(e));
	}
	k->path = strdup(path);
	if (!k->path) {
		unlink(path);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	return true;
}

bool pd_cli_keep_save(pd_cli *cli, pd_cli_keep *k, const char *why)
{
	pd_error err = {0};
	if (!k->path && !write_file(k, why, &err)) {
		FILE *e = cli->err ? cli->err : stderr;
		pd_cli_errorf(cli, "and your %s cannot be kept either (%s); here it is:", k->what, err.msg);
		fprintf(e, "%s\n", k->text);
		return false;
	}
	pd_cli_errorf(cli, "your %s was not saved; it is kept in %s", k->what, k->path);
	pd_cli_errorf(cli, "to save it later: sh %s   (the file removes itself once saved)", k->path);
	return true;
}

/* PARTNERDESK_LOCK_WAIT in seconds, else the default for who is there:
 * -1 (no limit) with a terminal on stderr, SCRIPT_WAIT_S without. */
static long wait_limit(pd_cli *cli)
{
	const char *v = getenv("PARTNERDESK_LOCK_WAIT");
	if (v && *v) {
		char *end;
		errno = 0;
		long s = strtol(v, &end, 10);
		if (!*end && errno == 0 && s >= 0 && v[0] >= '0' && v[0] <= '9')
			return s > LONG_MAX / 1000 ? LONG_MAX / 1000 : s;
		pd_cli_warnf(cli, "PARTNERDESK_LOCK_WAIT=%s is not a number of seconds; "
		             "using the default", v);
	}
	FILE *shown = cli->shown_err ? cli->shown_err : cli->err;
	return shown && isatty(fileno(shown)) ? -1 : SCRIPT_WAIT_S;
}

static long long elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)(now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define N_STOP (sizeof stop_signals / sizeof *stop_signals)

bool pd_cli_keep_write(pd_cli *cli, pd_cli_keep *k, bool (*write)(void *arg, pd_error *err),
                       void *arg, pd_error *err)
{
	long limit = wait_limit(cli);
	long long limit_ms = limit < 0 ? -1 : (long long)limit * 1000;
	/* Catch what would end the wait (Ctrl-C, a dropped SSH session, a
	 * shutdown) as a flag: the text is then kept, not dropped. */
	struct sigaction sa, before[N_STOP];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	for (size_t i = 0; i < N_STOP; i++) {
		sigaction(stop_signals[i], NULL, &before[i]);
		if (before[i].sa_handler != SIG_IGN)   /* nohup's choice stands */
			sigaction(stop_signals[i], &sa, NULL);
	}
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pd_db_busy_wait(cli->db, limit_ms >= 0 && limit_ms < FIRST_TRY_MS ? (int)limit_ms : FIRST_TRY_MS);
	bool ok = write(arg, err);
	bool told = false;
	while (!ok && err->code == PD_ERR_BUSY && !stop_signal) {
		long long spent = elapsed_ms(&start);
		if (limit_ms >= 0 && spent >= limit_ms)
			break;
		if (!told) {
			pd_error kerr = {0};
			FILE *shown = pd_cli_progress(cli, false);
			if (!write_file(k, "the desk was locked by another writer (an import?)", &kerr)) {
				pd_cli_errorf(cli, "%s", kerr.msg);
				break;   /* waiting without a copy would risk the text */
			}
			char more[128] = "";
			if (limit_ms >= 0)
				snprintf(more, sizeof more, " (for at most %ld s; PARTNERDESK_LOCK_WAIT sets that)", limit);
			fprintf(shown ? shown : stderr, "partnerdesk: waiting: %s is locked by another writer "
			        "(an import?)%s; your %s is kept in %s until it is saved; Ctrl-C stops "
			        "waiting and leaves it there\n", pd_db_path(cli->db), more, k->what, k->path);
			fflush(shown ? shown : stderr);
			told = true;
		}
		long long slice = SLICE_MS;
		if (limit_ms >= 0 && limit_ms - spent < slice)
			slice = limit_ms - spent;
		pd_db_busy_wait(cli->db, (int)slice);
		ok = write(arg, err);
	}
	pd_db_busy_wait(cli->db, -1);
	int sig = stop_signal;
	for (size_t i = 0; i < N_STOP; i++)
		sigaction(stop_signals[i], &before[i], NULL);
	if (!ok && !sig && err->code == PD_ERR_BUSY)
		pd_error_set(err, PD_ERR_BUSY, "%s stayed locked by another writer (an import?) for "
		             "%lld s, so nothing was saved", pd_db_path(cli->db), (elapsed_ms(&start) + 500) / 1000);
	if (!ok && sig)
		pd_error_set(err, PD_ERR_BUSY, "stopped (%s) while waiting for %s, which another "
		             "writer (an import?) holds", sig == SIGINT ? "Ctrl-C" : strsignal(sig),
		             pd_db_path(cli->db));
	return ok;
}
