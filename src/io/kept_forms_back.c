/* Unsaved forms kept at an earlier exit (kept_forms.c) put back into
 * their desk as drafts at a start, each file once (see kept_forms.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/io/kept_forms.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/tempfile.h"

/* Far above any form (a note holds at most PD_NOTES_MAX): a bigger file is
 * no file of ours, and is not read into memory. */
#define FILE_MAX (64u * 1024u * 1024u)

static bool is_ours(const char *name)
{
	size_t n = strlen(name), p = strlen(PD_KEPT_FORMS_PREFIX), s = strlen(PD_KEPT_FORMS_SUFFIX);
	return n > p + s && strncmp(name, PD_KEPT_FORMS_PREFIX, p) == 0
	    && strcmp(name + n - s, PD_KEPT_FORMS_SUFFIX) == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of dir's kept-forms files, oldest first (the name holds the
 * time); NULL with *n 0 when there are none or dir cannot be read. */
static char **list_files(const char *dir, size_t *n, int *e)
{
	*n = 0;
	*e = 0;
	DIR *d = opendir(dir);
	if (!d) {
		*e = errno == ENOENT || errno == ENOTDIR ? 0 : errno;
		return NULL;
	}
	char **v = NULL;
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!is_ours(de->d_name))
			continue;
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			char **nv = realloc(v, ncap * sizeof *nv);
			if (!nv) {
				*e = ENOMEM;
				break;
			}
			v = nv;
			cap = ncap;
		}
		if (!(v[*n] = strdup(de->d_name))) {
			*e = ENOMEM;
			break;
		}
		(*n)++;
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof *v, by_name);
	return v;
}

static void note(char **path, size_t *count, const char *file, char *why, size_t why_size, const char *msg)
{
	if (!*path) {
		*path = strdup(file);
		snprintf(why, why_size, "%s", msg);
	}
	(*count)++;
}

/* Whole file at fd (at most FILE_MAX), NUL-terminated; NULL with err. */
static char *read_fd(int fd, size_t *len, pd_error *err)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return pd_error_set(err, PD_ERR_IO, "%s", strerror(errno)), NULL;
	if ((unsigned long long)st.st_size > FILE_MAX)
		return pd_error_set(err, PD_ERR_INVALID, "too big for a file of unsaved forms"), NULL;
	char *buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory"), NULL;
	size_t got = 0;
	for (;;) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return pd_error_set(err, PD_ERR_IO, "%s", strerror(errno)), NULL;
		}
		if (r == 0 || (got += (size_t)r) == (size_t)st.st_size)
			break;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

/* The drafts into the desk, as one transaction. pd_draft_save writes into
 * a draft's own row when it is still there and no running session holds
 * it (same id, user, form and begun time), else into a new row. A row
 * written after the file was (kept_at) holds text typed since, when a
 * start offered the row while the file waited for the desk: the file's
 * text then goes into a row of its own, and neither is written over. All
 * left over for the start's offer. */
static bool drafts_in(pd_db *db, pd_drafts *ds, time_t kept_at, pd_error *err)
{
	if (!pd_db_begin(db, err))
		return false;
	pd_drafts there = {0};
	bool ok = pd_draft_list(db, &there, err);
	for (size_t i = 0; ok && i < ds->n; i++) {
		pd_draft *d = &ds->v[i];
		for (size_t k = 0; k < there.n && d->id; k++) {
			const pd_draft *r = &there.v[k];
			time_t at;
			if (r->id == d->id && strcmp(r->form, d->form) == 0 && strcmp(r->created, d->created) == 0
			    && (!pd_time_parse(r->updated, &at) || at > kept_at))
				d->id = 0;
		}
		ok = pd_draft_save(db, d, err) && pd_draft_release(db, d, err);
	}
	pd_drafts_finish(&there);
	if (!ok) {
		pd_db_rollback(db);
		return false;
	}
	return pd_db_commit(db, err);
}

/* One file: put back when it is for this desk (mine) and whole. With db
 * NULL only counted, nothing written or removed: a file its process still
 * holds counts as waiting. */
static void put_back_file(pd_db *db, const char *path, const char *mine, int wait_ms, pd_kept_forms_back *out)
{
	pd_error err = {0};
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0) {
		if (errno != ENOENT)   /* gone: another window put it back */
			note(&out->unread, &out->n_unread, path, out->why, sizeof out->why, strerror(errno));
		return;
	}
	struct stat st, now;
	/* Held: the session that kept it still waits to write it, or another
	 * start is putting it back. Read all the same (a file is renamed into
	 * place whole) to tell whose desk it is for, but left to them. Gone
	 * or replaced once the lock is had: another start took it first. */
	bool held = flock(fd, (db ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0;
	if (fstat(fd, &st) != 0 || stat(path, &now) != 0 || st.st_ino != now.st_ino || st.st_dev != now.st_dev) {
		close(fd);
		return;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != getuid()) {
		note(&out->unread, &out->n_unread, path, out->why, sizeof out->why, "not a file of yours");
		close(fd);
		return;
	}
	size_t len = 0;
	char *data = read_fd(fd, &len, &err), *desk = NULL;
	pd_drafts ds = {0};
	if (!data || !pd_kept_forms_parse(data, len, &desk, &ds, &err)) {
		if (!held)
			note(&out->unread, &out->n_unread, path, out->why, sizeof out->why, err.msg);
	} else if (strcmp(desk, mine) != 0) {
		out->other_desks++;
	} else if (held) {
		/* Counted as waiting, so that a start looks again once it is let go. */
		note(&out->waiting, &out->n_waiting, path, out->waiting_why, sizeof out->waiting_why,
		     "the session that kept it still waits to write it");
	} else if (!db) {
		out->forms += ds.n;
		out->files++;
	} else {
		pd_db_busy_wait(db, wait_ms);
		bool in = drafts_in(db, &ds, st.st_mtime, &err);
		pd_db_busy_wait(db, -1);
		if (!in) {
			note(&out->waiting, &out->n_waiting, path, out->waiting_why, sizeof out->waiting_why, err.msg);
		} else {
			out->forms += ds.n;
			out->files++;
			/* In the desk now: a file left would bring them back twice. */
			unlink(path);
			pd_sync_dir_of(path);
		}
	}
	pd_drafts_finish(&ds);
	free(desk);
	free(data);
	close(fd);
}

static bool each_file(pd_db *db, const char *desk, const char *dir, int wait_ms, pd_kept_forms_back *out,
                      pd_error *err)
{
	memset(out, 0, sizeof *out);
	size_t n = 0;
	int e = 0;
	char **names = list_files(dir, &n, &e);
	char *mine = pd_kept_forms_desk(desk);
	bool ok = e == 0 && mine;
	for (size_t i = 0; ok && i < n; i++) {
		size_t plen = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(plen);
		if (!path) {
			e = ENOMEM;
			ok = false;
			break;
		}
		snprintf(path, plen, "%s/%s", dir, names[i]);
		put_back_file(db, path, mine, wait_ms, out);
		free(path);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(mine);
	if (!ok)
		return pd_error_set(err, e == ENOMEM || !e ? PD_ERR_NOMEM : PD_ERR_IO, "%s: %s", dir,
		                    e ? strerror(e) : "out of memory");
	return true;
}

bool pd_kept_forms_put_back(pd_db *db, const char *dir, int wait_ms, pd_kept_forms_back *out,
                            pd_error *err)
{
	return each_file(db, pd_db_path(db), dir, wait_ms, out, err);
}

bool pd_kept_forms_look(const char *desk, const char *dir, pd_kept_forms_back *out, pd_error *err)
{
	return each_file(NULL, desk, dir, 0, out, err);
}

void pd_kept_forms_back_finish(pd_kept_forms_back *b)
{
	if (!b)
		return;
	free(b->unread);
	free(b->waiting);
	memset(b, 0, sizeof *b);
}
