/* The kept notes of the data directory: finding them and reading back,
 * from the script keep.c wrote, when, for whom and what each note is. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/config/kept.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/model/text.h"

/* The head of a file is enough: the comments, the command and the start
 * of the text. */
#define READ_MAX 65536
/* The note's start as listed: about a short line's worth. */
#define WORDS_MAX 48

char *pd_kept_dir(void)
{
	char *data = pd_paths_data_dir();
	if (!data)
		return NULL;
	size_t len = strlen(data) + sizeof "/kept";
	char *dir = malloc(len);
	if (dir)
		snprintf(dir, len, "%s/kept", data);
	free(data);
	return dir;
}

static bool ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);
	return n >= m && strcmp(s + n - m, end) == 0;
}

char *pd_kept_own_file(const char *path)
{
	if (!path || !*path)
		return NULL;
	char *dir = pd_kept_dir();
	char real_dir[PATH_MAX], real[PATH_MAX];
	bool ok = dir && realpath(dir, real_dir) && realpath(path, real);
	free(dir);
	if (!ok)
		return NULL;
	const char *slash = strrchr(real, '/');
	size_t dlen = strlen(real_dir);
	/* realpath resolved any link: the name asked for must be the file. */
	struct stat st, lst;
	if (!slash || (size_t)(slash - real) != dlen || strncmp(real, real_dir, dlen) != 0
	    || slash[1] == '.' || !ends_with(slash + 1, ".sh")
	    || lstat(path, &lst) != 0 || !S_ISREG(lst.st_mode)
	    || stat(real, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != getuid())
		return NULL;
	return strdup(real);
}

/* The words of a shell command line as keep.c quotes them ('...', '\''
 * for a quote, "..." for "$0"), up to the here-document's "<<". Enough of
 * sh for files this program wrote; anything else ends the words early. */
static size_t sh_words(const char *s, size_t len, char **words, size_t max)
{
	size_t n = 0, i = 0;
	while (n < max) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= len || (i + 1 < len && s[i] == '<' && s[i + 1] == '<'))
			break;
		pd_strbuf b = {0};
		pd_strbuf_put(&b, "", 0);
		while (i < len && s[i] != ' ' && s[i] != '\t') {
			char q = s[i];
			if (q == '\'' || q == '"') {
				const char *end = memchr(s + i + 1, q, len - i - 1);
				if (!end) {
					i = len;
					break;
				}
				pd_strbuf_put(&b, s + i + 1, (size_t)(end - s - i - 1));
				i = (size_t)(end - s) + 1;
			} else if (q == '\\' && i + 1 < len) {
				pd_strbuf_put(&b, s + i + 1, 1);
				i += 2;
			} else {
				pd_strbuf_put(&b, s + i, 1);
				i++;
			}
		}
		if (b.failed) {
			free(b.p);
			break;
		}
		words[n++] = b.p;
	}
	return n;
}

/* The note's first words on one line, "..." when there is more. */
static char *first_words(const char *s, size_t len)
{
	pd_strbuf b = {0};
	pd_strbuf_put(&b, "", 0);
	bool space = false, more = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = b.n > 0;
			continue;
		}
		if (b.n >= WORDS_MAX && space) {
			more = true;
			break;
		}
		if (space)
			pd_strbuf_put(&b, " ", 1);
		space = false;
		pd_strbuf_put(&b, s + i, 1);
	}
	if (!b.failed && b.n > WORDS_MAX + 16) {   /* one very long word */
		b.n = pd_utf8_cut(b.p, b.n, WORDS_MAX);
		b.p[b.n] = '\0';
		more = true;
	}
	if (more)
		pd_strbuf_put(&b, "...", 3);
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* needle in s[0..n), or NULL (memmem is a GNU extension). */
static const char *find(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	for (size_t i = 0; m <= n && i <= n - m; i++)
		if (memcmp(s + i, needle, m) == 0)
			return s + i;
	return NULL;
}

/* The line at *pos (without its newline); advances *pos past it. */
static bool next_line(const char *data, size_t len, size_t *pos, const char **line, size_t *n)
{
	if (*pos >= len)
		return false;
	*line = data + *pos;
	const char *nl = memchr(*line, '\n', len - *pos);
	*n = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += *n + (nl ? 1 : 0);
	return true;
}

static bool starts(const char *line, size_t n, const char *prefix)
{
	size_t m = strlen(prefix);
	return n >= m && memcmp(line, prefix, m) == 0;
}

bool pd_kept_parse(const char *path, const char *data, size_t len, pd_kept_note *out)
{
	memset(out, 0, sizeof *out);
	out->path = strdup(path);
	if (!out->path)
		return false;
	size_t pos = 0, n = 0;
	const char *line = NULL;
	char marker[128] = "";
	bool ok = true;
	while (ok && next_line(data, len, &pos, &line, &n)) {
		if (starts(line, n, PD_KEPT_FOR) && !out->what_for) {
			ok = (out->what_for = strndup(line + strlen(PD_KEPT_FOR), n - strlen(PD_KEPT_FOR))) != NULL;
		} else if (starts(line, n, PD_KEPT_DATABASE) && !out->database) {
			ok = (out->database = strndup(line + strlen(PD_KEPT_DATABASE), n - strlen(PD_KEPT_DATABASE))) != NULL;
		} else if (starts(line, n, "# partnerdesk kept this ")) {
			/* "... at 2026-11-23T16:21:05Z: why": when it was kept. */
			const char *at = find(line, n, " at ");
			if (at && (size_t)(line + n - at) >= 4 + PD_TIME_LEN - 1) {
				memcpy(out->at, at + 4, PD_TIME_LEN - 1);
				out->at[PD_TIME_LEN - 1] = '\0';
				time_t t;
				if (!pd_time_parse(out->at, &t))
					out->at[0] = '\0';
			}
		} else if (n && line[0] != '#') {
			break;   /* the command */
		}
	}
	if (!ok)
		return false;
	if (line && n && line[0] != '#') {
		char *words[64];
		size_t nw = sh_words(line, n, words, sizeof words / sizeof *words);
		for (size_t i = 0; i < nw; i++) {
			const char *next = i + 1 < nw ? words[i + 1] : NULL;
			if (!next)
				continue;
			time_t t;
			if (strcmp(words[i], "--at") == 0 && pd_time_parse(next, &t) && strlen(next) < PD_TIME_LEN)
				snprintf(out->at, sizeof out->at, "%s", next);
			else if (strcmp(words[i], "--db") == 0 && !out->database)
				out->database = strdup(next);
			else if (strcmp(words[i], "--") == 0 && !out->what_for)
				out->what_for = strdup(next);
		}
		for (size_t i = 0; i < nw; i++)
			free(words[i]);
		const char *here = find(line, n, "<<'");
		if (here) {
			const char *end = memchr(here + 3, '\'', (size_t)(line + n - here - 3));
			size_t m = end ? (size_t)(end - here - 3) : 0;
			if (m && m < sizeof marker) {
				memcpy(marker, here + 3, m);
				marker[m] = '\0';
			}
		}
	}
	/* The text: the lines up to the marker. */
	size_t start = pos, stop = pos;
	while (marker[0] && next_line(data, len, &pos, &line, &n)) {
		if (n == strlen(marker) && memcmp(line, marker, n) == 0)
			break;
		stop = pos;
	}
	out->words = first_words(data + start, stop - start);
	return out->words != NULL;
}

static void note_finish(pd_kept_note *k)
{
	free(k->path);
	free(k->what_for);
	free(k->database);
	free(k->words);
}

static int by_time(const void *a, const void *b)
{
	const pd_kept_note *x = a, *y = b;
	int c = strcmp(x->at, y->at);
	return c ? c : strcmp(x->path, y->path);
}

/* One file's head, or NULL (skipped: gone meanwhile, unreadable, not a
 * file of this user's). The data directory may be shared (XDG_DATA_HOME
 * on a group directory): a link, or a script someone else put there, is
 * not a note this user kept, and `sh FILE` would run their commands. */
static char *read_head(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *buf = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == getuid()
	    && (buf = malloc(READ_MAX)) != NULL) {
		size_t got = 0;
		ssize_t r;
		while (got < READ_MAX && (r = read(fd, buf + got, READ_MAX - got)) > 0)
			got += (size_t)r;
		*len = got;
	}
	close(fd);
	return buf;
}

bool pd_kept_list(pd_kept_notes *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	char *dir = pd_kept_dir();
	if (!dir)
		return true;   /* no home: nothing can have been kept */
	DIR *d = opendir(dir);
	if (!d) {
		int e = errno;
		bool none = e == ENOENT || e == ENOTDIR;
		if (!none)
			pd_error_set(err, PD_ERR_IO, "%s: %s", dir, strerror(e));
		free(dir);
		return none;
	}
	size_t cap = 0;
	bool ok = true;
	struct dirent *de;
	while (ok && (de = readdir(d)) != NULL) {
		/* Hidden names are a rewrite under way (keep.c). */
		if (de->d_name[0] == '.' || !ends_with(de->d_name, ".sh"))
			continue;
		size_t plen = strlen(dir) + strlen(de->d_name) + 2;
		char *path = malloc(plen);
		if (!path) {
			ok = false;
			break;
		}
		snprintf(path, plen, "%s/%s", dir, de->d_name);
		size_t len = 0;
		char *data = read_head(path, &len);
		if (data) {
			if (out->n == cap) {
				size_t ncap = cap ? cap * 2 : 8;
				pd_kept_note *v = realloc(out->v, ncap * sizeof *v);
				ok = v != NULL;
				if (ok) {
					out->v = v;
					cap = ncap;
				}
			}
			if (ok) {
				ok = pd_kept_parse(path, data, len, &out->v[out->n]);
				if (ok)
					out->n++;
				else
					note_finish(&out->v[out->n]);
			}
		}
		free(data);
		free(path);
	}
	closedir(d);
	free(dir);
	if (!ok) {
		pd_kept_notes_finish(out);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, by_time);
	return true;
}

void pd_kept_notes_finish(pd_kept_notes *ks)
{
	if (!ks)
		return;
	for (size_t i = 0; i < ks->n; i++)
		note_finish(&ks->v[i]);
	free(ks->v);
	ks->v = NULL;
	ks->n = 0;
}
