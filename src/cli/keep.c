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
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/config/kept.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/text.h"

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

void pd_cli_keep_about(pd_cli_keep *k, const char *what_for, const char *database)
{
	free(k->what_for);
	free(k->database);
	k->what_for = what_for ? strdup(what_for) : NULL;
	k->database = database ? strdup(database) : NULL;
	if ((what_for && !k->what_for) || (database && !k->database))
		k->oom = true;
}

void pd_cli_keep_finish(pd_cli_keep *k, bool stored)
{
	if (stored && k->path)
		unlink(k->path);
	for (size_t i = 0; i < k->argc; i++)
		free(k->argv[i]);
	free(k->argv);
	free(k->what_for);
	free(k->database);
	free(k->path);
	memset(k, 0, sizeof *k);
}

/* s as one word for sh; false only out of memory. */
static bool put_quoted(FILE *f, const char *s)
{
	char *w = pd_shell_word(s);
	if (w)
		fputs(w, f);
	free(w);
	return w != NULL;
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

/* A comment line of the kept file: one line whatever value holds. */
static void put_comment(FILE *f, const char *label, const char *value)
{
	fputs(label, f);
	for (const char *s = value; *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	fputc('\n', f);
}

/* The script: the command and the text as a quoted here-document (no
 * expansion inside), which removes itself once the command succeeded. A
 * script rather than the text alone so that the arguments survive a
 * terminal that is gone (SSH dropped while it waited). Its command runs
 * with PD_KEPT_ENV set to the script's own path (see keep.h). False
 * only when a word could not be quoted (out of memory). */
static bool put_script(FILE *f, const pd_cli_keep *k, const char *why, const char *path, time_t now)
{
	char marker[64], iso[PD_TIME_LEN];
	pick_marker(k->text, marker, sizeof marker);
	pd_time_format(now, iso);
	fprintf(f, "#!/bin/sh\n# partnerdesk kept this %s at %s: ", k->what, iso);
	for (const char *s = why ? why : "it could not be saved"; *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	fputc('\n', f);
	if (k->what_for)
		put_comment(f, PD_KEPT_FOR, k->what_for);
	if (k->database)
		put_comment(f, PD_KEPT_DATABASE, k->database);
	/* Quoted as the messages quote it: a data directory with a space in
	 * its name is one word to sh. */
	char *word = pd_shell_word(path);
	if (!word)
		return false;
	put_comment(f, "# Save it with:  sh ", word);
	free(word);
	fprintf(f, "# (this file removes itself once saved; the %s is the lines "
	        "between the %s markers)\n", k->what, marker);
	fputs(PD_KEPT_ENV "=\"$0\" ", f);
	/* The program that kept it, by its whole path: one run from a build
	 * directory or /opt is not the `partnerdesk` on PATH, if there is one. */
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	bool quoted = true;
	if (n > 0 && !memchr(exe, '\0', (size_t)n)) {
		exe[n] = '\0';
		quoted = put_quoted(f, exe);
	} else {
		fputs("partnerdesk", f);
	}
	for (size_t i = 0; i < k->argc && quoted; i++) {
		fputc(' ', f);
		quoted = put_quoted(f, k->argv[i]);
	}
	size_t tlen = strlen(k->text);
	fprintf(f, " <<'%s' && rm -f -- \"$0\"\n%s%s%s\n", marker, k->text,
	        tlen && k->text[tlen - 1] == '\n' ? "" : "\n", marker);
	return quoted;
}

/* Creates a new file (O_EXCL, 0600) named DIR/STEM-PID.EXT, or
 * DIR/STEM-PID-N.EXT when that is taken; its path in path. -1 with err
 * set. */
static int create_in(const char *dir, const char *stem, const char *ext, char *path, size_t size,
                     pd_error *err)
{
	int fd = -1;
	for (int n = 0; fd < 0 && n < 100; n++) {
		int len = n ? snprintf(path, size, "%s/%s-%ld-%d.%s", dir, stem, (long)getpid(), n, ext)
		            : snprintf(path, size, "%s/%s-%ld.%s", dir, stem, (long)getpid(), ext);
		if (len < 0 || (size_t)len >= size) {
			pd_error_set(err, PD_ERR_IO, "%s: path too long", dir);
			return -1;
		}
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			pd_error_set(err, PD_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
			return -1;
		}
	}
	if (fd < 0)
		pd_error_set(err, PD_ERR_IO, "cannot create a file in %s", dir);
	return fd;
}

/* Writes the kept file: a new one in the kept directory, or, when this
 * run came from a kept file (PD_KEPT_ENV), that same file again, replaced
 * whole by a rename so that the script sh is reading is never half
 * written. False with err set. */
static bool write_file(pd_cli_keep *k, const char *why, pd_error *err)
{
	if (k->oom)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	char *dir = pd_kept_dir();
	if (!dir)
		return pd_error_set(err, PD_ERR_IO, "cannot tell where your data directory is "
		                    "(set HOME or XDG_DATA_HOME)");
	if (!pd_paths_mkdirs(dir, err)) {
		free(dir);
		return false;
	}
	char *own = pd_kept_own_file(getenv(PD_KEPT_ENV));
	time_t now = time(NULL);
	char path[PATH_MAX], tmp[PATH_MAX] = "";
	int fd;
	if (own) {
		/* Hidden, so that a listing meanwhile does not count it. */
		char stem[PATH_MAX];
		snprintf(stem, sizeof stem, ".%s", strrchr(own, '/') + 1);
		fd = create_in(dir, stem, "tmp", tmp, sizeof tmp, err);
		snprintf(path, sizeof path, "%s", own);
	} else {
		struct tm tm;
		char stamp[32] = "now", stem[96];
		if (localtime_r(&now, &tm))
			strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
		snprintf(stem, sizeof stem, "%s-%s", k->what, stamp);
		fd = create_in(dir, stem, "sh", path, sizeof path, err);
	}
	free(dir);
	free(own);
	if (fd < 0)
		return false;
	const char *written = tmp[0] ? tmp : path;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(written);
		return pd_error_set(err, PD_ERR_IO, "%s: cannot write: %s", written, strerror(errno));
	}
	errno = ENOMEM;   /* what a failed quote leaves the reason as */
	bool ok = put_script(f, k, why, path, now) && fflush(f) == 0 && fsync(fileno(f)) == 0;
	int e = errno;
	if (fclose(f) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (ok && tmp[0] && rename(tmp, path) != 0) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		unlink(written);
		return pd_error_set(err, PD_ERR_IO, "%s: cannot write: %s", written, strerror(e));
	}
	free(k->path);
	k->path = strdup(path);
	k->reused = tmp[0] != '\0';
	if (!k->path) {
		if (!k->reused)
			unlink(path);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	return true;
}

/* The command that saves the kept file, with its path as one sh word, so
 * that what is copied from the message runs that file and no other. */
static void tell_command(pd_cli *cli, const char *path)
{
	char *word = pd_shell_word(path);
	pd_cli_errorf(cli, "to save it later: sh %s   (the file removes itself once saved)",
	              word ? word : path);
	free(word);
}

bool pd_cli_keep_save(pd_cli *cli, pd_cli_keep *k, const char *why)
{
	pd_error err = {0};
	if (!k->path && !write_file(k, why, &err)) {
		char *own = pd_kept_own_file(getenv(PD_KEPT_ENV));
		if (own) {
			/* Not written over, so still there as it was: the same note. */
			pd_cli_errorf(cli, "your %s was not saved; it is still kept in %s (%s)", k->what, own, err.msg);
			tell_command(cli, own);
			free(own);
			return true;
		}
		FILE *e = cli->err ? cli->err : stderr;
		pd_cli_errorf(cli, "and your %s cannot be kept either (%s); here it is:", k->what, err.msg);
		char *shown = pd_sanitize(k->text, PD_SANITIZE_NEWLINES);
		fprintf(e, "%s\n", shown ? shown : k->text);
		free(shown);
		return false;
	}
	if (k->reused)
		pd_cli_errorf(cli, "your %s was not saved; it is still kept in %s, the file it came from "
		              "(no second copy was made)", k->what, k->path);
	else
		pd_cli_errorf(cli, "your %s was not saved; it is kept in %s", k->what, k->path);
	tell_command(cli, k->path);
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

/* Catches what would end the program (Ctrl-C, a dropped SSH session, a
 * shutdown) as a flag, without SA_RESTART so that a blocked read returns;
 * nohup's ignored SIGHUP stays ignored. */
static void catch_stops(struct sigaction before[N_STOP])
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	stop_signal = 0;
	for (size_t i = 0; i < N_STOP; i++) {
		sigaction(stop_signals[i], NULL, &before[i]);
		if (before[i].sa_handler != SIG_IGN)
			sigaction(stop_signals[i], &sa, NULL);
	}
}

static void restore_stops(const struct sigaction before[N_STOP])
{
	for (size_t i = 0; i < N_STOP; i++)
		sigaction(stop_signals[i], &before[i], NULL);
}

char *pd_cli_keep_read(FILE *f, size_t *len, int *sig)
{
	struct sigaction before[N_STOP];
	catch_stops(before);
	size_t n = 0, cap = 4096;
	char *p = malloc(cap);
	bool failed = !p;
	while (!failed && !stop_signal) {
		if (cap - n - 1 == 0) {
			char *q = realloc(p, cap * 2);
			if (!q) {
				failed = true;
				break;
			}
			p = q;
			cap *= 2;
		}
		size_t got = fread(p + n, 1, cap - n - 1, f);
		n += got;
		if (got > 0)
			continue;
		if (feof(f))
			break;
		if (ferror(f) && errno == EINTR && !stop_signal) {
			clearerr(f);   /* another signal's interruption: read on */
			continue;
		}
		failed = !stop_signal;
		break;
	}
	*sig = stop_signal;
	restore_stops(before);
	if (failed) {
		free(p);
		return NULL;
	}
	p[n] = '\0';
	*len = n;
	return p;
}

bool pd_cli_keep_write(pd_cli *cli, pd_cli_keep *k, bool (*write)(void *arg, pd_error *err),
                       void *arg, pd_error *err)
{
	long limit = wait_limit(cli);
	long long limit_ms = limit < 0 ? -1 : (long long)limit * 1000;
	/* What would end the wait leaves the text kept, not dropped. */
	struct sigaction before[N_STOP];
	catch_stops(before);
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
	restore_stops(before);
	if (!ok && !sig && err->code == PD_ERR_BUSY)
		pd_error_set(err, PD_ERR_BUSY, "%s stayed locked by another writer (an import?) for "
		             "%lld s, so nothing was saved", pd_db_path(cli->db), (elapsed_ms(&start) + 500) / 1000);
	if (!ok && sig)
		pd_error_set(err, PD_ERR_BUSY, "stopped (%s) while waiting for %s, which another "
		             "writer (an import?) holds", sig == SIGINT ? "Ctrl-C" : strsignal(sig),
		             pd_db_path(cli->db));
	return ok;
}
