/* The file of unsaved forms the interface keeps when it ends with drafts
 * the desk will not take: its text, read back, and written safely (see
 * kept_forms.h; kept_forms_back.c puts them back at a later start). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/io/kept_forms.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/tempfile.h"
#include "partnerdesk/model/text.h"

#define MAGIC "partnerdesk unsaved forms, format 1"

/* ---- writing ---- */

static void put(pd_strbuf *b, const char *s)
{
	pd_strbuf_put(b, s, strlen(s));
}

/* Bytes of s as `cat` may show them: ^ as ^^, a C0 control or DEL in caret
 * notation (^J, ^I, ^[, ^?), and what a terminal would obey rather than
 * show (C1 controls, bidi overrides) or what is not UTF-8 as ^xHH per
 * byte. A payload's line breaks also end the file's line, and its next
 * line starts with `again`. */
static void put_escaped(pd_strbuf *b, const char *s, const char *again)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		char out[16];
		if (c == '^') {
			put(b, "^^");
			i++;
		} else if (c == 0x1e) {
			/* Its caret form would be ^^, which reads back as a ^. */
			put(b, "^x1E");
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(out, sizeof out, "^%c", c == 0x7f ? '?' : c + 0x40);
			put(b, out);
			i++;
			if (c == '\n' && again && i < len) {
				put(b, "\n");
				put(b, again);
			}
		} else if (c < 0x80) {
			pd_strbuf_put(b, s + i, 1);
			i++;
		} else {
			uint32_t cp;
			size_t n = pd_utf8_decode(s + i, len - i, &cp);
			char ph[PD_PLACEHOLDER_MAX];
			if (pd_utf8_valid(s + i, n) && !pd_text_placeholder(cp, PD_PLACEHOLDER_PLAIN, ph)) {
				pd_strbuf_put(b, s + i, n);
			} else {
				for (size_t k = 0; k < n; k++) {
					snprintf(out, sizeof out, "^x%02X", (unsigned char)s[i + k]);
					put(b, out);
				}
			}
			i += n;
		}
	}
}

static void put_field(pd_strbuf *b, const char *key, const char *value)
{
	put(b, key);
	put(b, ": ");
	put_escaped(b, value ? value : "", NULL);
	put(b, "\n");
}

static void put_number(pd_strbuf *b, const char *key, int64_t v)
{
	char num[32];
	snprintf(num, sizeof num, "%lld", (long long)v);
	put_field(b, key, num);
}

char *pd_kept_forms_format(const char *desk, const pd_draft *v, size_t n, const char *why, time_t now)
{
	char at[PD_TIME_LEN];
	pd_time_format(now, at);
	pd_strbuf b = {0};
	put(&b, MAGIC "\n");
	char head[160];
	snprintf(head, sizeof head, "# partnerdesk kept %zu unsaved %s here at %s, because ", n,
	         n == 1 ? "form" : "forms", at);
	put(&b, head);
	put_escaped(&b, why ? why : "the desk would not take the drafts", NULL);
	put(&b, ".\n"
	    "# They come back as drafts at the next start of partnerdesk on the desk named\n"
	    "# below, and this file then goes. What was typed is each \"payload:\" line;\n"
	    "# in it ^J is a line break, ^I a tab, ^[ an escape, ^^ a ^, ^xHH a byte.\n");
	put_field(&b, "desk", desk);
	for (size_t i = 0; i < n; i++) {
		const pd_draft *d = &v[i];
		put(&b, "\n");
		put_field(&b, "form", d->form);
		put_number(&b, "draft", d->id);
		put_number(&b, "partner", d->partner_id);
		put_number(&b, "target", d->target_id);
		put_number(&b, "target-version", d->target_version);
		put_field(&b, "created", d->created);
		put(&b, "payload: ");
		put_escaped(&b, d->payload ? d->payload : "", "payload: ");
		put(&b, "\nend\n");
	}
	put(&b, "\n");
	put_number(&b, "forms", (int64_t)n);
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* ---- reading ---- */

/* Undoes put_escaped for s[0..n), appending to b; false on an escape it
 * never writes (a NUL byte among them: a C string cannot hold it). */
static bool get_escaped(pd_strbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '^') {
			pd_strbuf_put(b, s + i, 1);
			continue;
		}
		if (++i >= n)
			return false;
		char c = s[i], byte;
		if (c == '^') {
			byte = '^';
		} else if (c == '?') {
			byte = 0x7f;
		} else if (c > '@' && c <= '_') {
			byte = (char)(c - 0x40);
		} else if (c == 'x' && i + 2 < n) {
			int hi = pd_ascii_hexval(s[i + 1]), lo = pd_ascii_hexval(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return false;
			byte = (char)(hi * 16 + lo);
			i += 2;
		} else {
			return false;
		}
		pd_strbuf_put(b, &byte, 1);
	}
	return true;
}

static bool get_number(const char *s, int64_t *out)
{
	int64_t v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (!pd_ascii_isdigit(*s) || v > (INT64_MAX - (*s - '0')) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

/* The fields of one form, each written once (the payload once or more). */
enum { F_FORM = 1, F_DRAFT = 2, F_PARTNER = 4, F_TARGET = 8, F_VERSION = 16, F_CREATED = 32,
       F_PAYLOAD = 64, F_ALL = 127 };

typedef struct reader {
	char *desk;
	pd_drafts *out;
	size_t cap;
	unsigned seen;         /* fields of the form being read; 0 between forms */
	pd_strbuf payload;     /* the form's payload so far */
	bool have_count;
	int64_t count;
	bool nomem;
} reader;

static bool bad(pd_error *err, size_t line, const char *what)
{
	return pd_error_set(err, PD_ERR_INVALID, "line %zu: %s", line, what);
}

static bool form_begin(reader *r, char *name, size_t lineno, pd_error *err)
{
	if (!r->desk || r->seen)
		return bad(err, lineno, r->seen ? "a form before the last one's \"end\"" : "a form before the desk");
	if (!name[0])
		return bad(err, lineno, "a form without a name");
	if (r->out->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 4;
		pd_draft *v = realloc(r->out->v, cap * sizeof *v);
		if (!v) {
			r->nomem = true;
			return false;
		}
		r->out->v = v;
		r->cap = cap;
	}
	pd_draft *d = &r->out->v[r->out->n++];
	memset(d, 0, sizeof *d);
	d->form = name;
	r->seen = F_FORM;
	return true;
}

static bool form_end(reader *r, size_t lineno, pd_error *err)
{
	if (!r->seen)
		return bad(err, lineno, "an \"end\" without a form");
	if (r->seen != F_ALL)
		return bad(err, lineno, "a form without all its fields");
	pd_strbuf_put(&r->payload, "", 0);
	if (r->payload.failed) {
		r->nomem = true;
		return false;
	}
	r->out->v[r->out->n - 1].payload = r->payload.p;
	memset(&r->payload, 0, sizeof r->payload);
	r->seen = 0;
	return true;
}

/* One field of the form being read. */
static bool form_field(reader *r, const char *key, size_t klen, const pd_strbuf *val, size_t lineno,
                       pd_error *err)
{
	static const struct {
		const char *key;
		unsigned flag;
	} fields[] = {
		{"draft", F_DRAFT}, {"partner", F_PARTNER}, {"target", F_TARGET},
		{"target-version", F_VERSION}, {"created", F_CREATED}, {"payload", F_PAYLOAD},
	};
	unsigned f = 0;
	for (size_t i = 0; i < sizeof fields / sizeof *fields && !f; i++)
		if (klen == strlen(fields[i].key) && memcmp(key, fields[i].key, klen) == 0)
			f = fields[i].flag;
	if (!f)
		return bad(err, lineno, "a field partnerdesk never writes");
	if (!r->seen)
		return bad(err, lineno, "a field outside a form");
	pd_draft *d = &r->out->v[r->out->n - 1];
	if (f == F_PAYLOAD) {
		/* A line more only after a line break: a line lost is seen. */
		if ((r->seen & F_PAYLOAD) && (!r->payload.n || r->payload.p[r->payload.n - 1] != '\n'))
			return bad(err, lineno, "a line of text that follows no line break");
		r->seen |= F_PAYLOAD;
		pd_strbuf_put(&r->payload, val->p, val->n);
		return true;
	}
	if (r->seen & f)
		return bad(err, lineno, "a field given twice");
	r->seen |= f;
	if (f == F_CREATED) {
		time_t t;
		if (val->n && (val->n >= PD_TIME_LEN || !pd_time_parse(val->p, &t)))
			return bad(err, lineno, "not a time");
		memcpy(d->created, val->p, val->n + 1);
		return true;
	}
	int64_t num;
	if (!get_number(val->p, &num))
		return bad(err, lineno, "not a number");
	if (f == F_DRAFT)
		d->id = num;
	else if (f == F_PARTNER)
		d->partner_id = num;
	else if (f == F_TARGET)
		d->target_id = num;
	else
		d->target_version = num;
	return true;
}

/* One line of the file after the first: false when it ends the reading
 * (err set, or r->nomem). */
static bool read_line(reader *r, const char *line, size_t n, size_t lineno, pd_error *err)
{
	if (n == 0 || line[0] == '#')
		return true;
	if (r->have_count)
		return bad(err, lineno, "more after the count of forms");
	if (n == 3 && memcmp(line, "end", 3) == 0)
		return form_end(r, lineno, err);
	const char *colon = memchr(line, ':', n);
	if (!colon)
		return bad(err, lineno, "not a \"name: value\" line");
	size_t klen = (size_t)(colon - line);
	const char *v = colon + 1;
	if (v < line + n && *v == ' ')
		v++;
	pd_strbuf val = {0};
	pd_strbuf_put(&val, "", 0);
	bool ok = get_escaped(&val, v, (size_t)(line + n - v));
	if (val.failed) {
		free(val.p);
		r->nomem = true;
		return false;
	}
	if (!ok) {
		free(val.p);
		return bad(err, lineno, "an escape (^) partnerdesk never writes");
	}
	if (klen == 4 && memcmp(line, "desk", 4) == 0) {
		if (r->desk || r->seen || r->out->n)
			ok = bad(err, lineno, "a second desk, or one after a form");
		else if (!val.p[0])
			ok = bad(err, lineno, "no desk");
		else
			r->desk = val.p, val.p = NULL;
	} else if (klen == 4 && memcmp(line, "form", 4) == 0) {
		ok = form_begin(r, val.p, lineno, err);
		if (ok)
			val.p = NULL;
	} else if (klen == 5 && memcmp(line, "forms", 5) == 0) {
		ok = r->desk && !r->seen && get_number(val.p, &r->count);
		if (!ok)
			bad(err, lineno, "a count of forms out of place");
		r->have_count = ok;
	} else {
		ok = form_field(r, line, klen, &val, lineno, err);
	}
	free(val.p);
	return ok;
}

bool pd_kept_forms_parse(const char *data, size_t len, char **desk, pd_drafts *out, pd_error *err)
{
	*desk = NULL;
	memset(out, 0, sizeof *out);
	if (memchr(data, '\0', len))
		return pd_error_set(err, PD_ERR_INVALID, "it holds a NUL byte: not a file partnerdesk wrote");
	const char *nl = memchr(data, '\n', len);
	if (!nl || (size_t)(nl - data) != strlen(MAGIC) || memcmp(data, MAGIC, strlen(MAGIC)) != 0)
		return pd_error_set(err, PD_ERR_INVALID, "line 1: not a file of unsaved forms partnerdesk wrote");
	if (data[len - 1] != '\n')
		return pd_error_set(err, PD_ERR_INVALID, "it ends in the middle of a line: cut short");
	reader r = {.out = out};
	size_t pos = (size_t)(nl - data) + 1, lineno = 1;
	bool ok = true;
	while (ok && pos < len) {
		const char *line = data + pos;
		size_t n = (size_t)((const char *)memchr(line, '\n', len - pos) - line);
		pos += n + 1;
		ok = read_line(&r, line, n, ++lineno, err);
	}
	if (ok && r.seen)
		ok = bad(err, lineno, "the last form has no \"end\": cut short");
	else if (ok && !r.have_count)
		ok = pd_error_set(err, PD_ERR_INVALID, "no count of forms at the end: cut short");
	else if (ok && (size_t)r.count != out->n)
		ok = pd_error_set(err, PD_ERR_INVALID, "it holds %zu forms of the %lld it counts: cut short",
		                  out->n, (long long)r.count);
	if (r.nomem)
		ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	free(r.payload.p);
	if (!ok) {
		/* A form cut before its "end" has no payload yet. */
		free(r.desk);
		pd_drafts_finish(out);
		return false;
	}
	*desk = r.desk;
	return true;
}

/* ---- the files ---- */

char *pd_kept_forms_desk(const char *path)
{
	char real[PATH_MAX];
	if (realpath(path, real))
		return strdup(real);
	/* Gone from its place (moved aside by hand): the directory's. */
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char dir[PATH_MAX];
	int len = !slash ? snprintf(dir, sizeof dir, ".")
	        : slash == path ? snprintf(dir, sizeof dir, "/")
	        : snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	if (len > 0 && (size_t)len < sizeof dir && *base && realpath(dir, real)) {
		size_t n = strlen(real) + strlen(base) + 2;
		char *out = malloc(n);
		if (out)
			snprintf(out, n, "%s%s%s", real, strcmp(real, "/") ? "/" : "", base);
		return out;
	}
	return strdup(path);
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* DIR/unsaved-forms-DATE-TIME-PID[-N].txt that is not there yet, in out. */
static bool new_name(const char *dir, time_t now, char *out, size_t size)
{
	struct tm tm;
	char stamp[32] = "now";
	if (localtime_r(&now, &tm))
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	for (int n = 0; n < 100; n++) {
		char more[16] = "";
		if (n)
			snprintf(more, sizeof more, "-%d", n);
		int len = snprintf(out, size, "%s/" PD_KEPT_FORMS_PREFIX "%s-%ld%s" PD_KEPT_FORMS_SUFFIX, dir,
		                   stamp, (long)getpid(), more);
		struct stat st;
		if (len < 0 || (size_t)len >= size)
			return false;
		if (lstat(out, &st) != 0 && errno == ENOENT)
			return true;
	}
	return false;
}

bool pd_kept_forms_write(const char *dir, const char *desk, const pd_draft *v, size_t n,
                         const char *why, char **path, int *held, pd_error *err)
{
	*path = NULL;
	if (held)
		*held = -1;
	time_t now = time(NULL);
	char *text = pd_kept_forms_format(desk, v, n, why, now);
	if (!text)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	char tmp[PATH_MAX], final[PATH_MAX];
	int len = snprintf(tmp, sizeof tmp, "%s/." PD_KEPT_FORMS_PREFIX "XXXXXX", dir);
	if (len < 0 || (size_t)len >= sizeof tmp || !new_name(dir, now, final, sizeof final)) {
		free(text);
		return pd_error_set(err, PD_ERR_IO, "%s: no name for a new file there", dir);
	}
	/* mkstemp makes it 0600: nobody else may read what was typed. Locked
	 * before it has its name, so that no start takes it from under us. */
	int fd = pd_temp_mkstemp(NULL, tmp, false);
	if (fd < 0) {
		free(text);
		return pd_error_set(err, PD_ERR_IO, "%s: cannot create a file: %s", dir, strerror(errno));
	}
	bool ok = fchmod(fd, 0600) == 0 && (!held || flock(fd, LOCK_EX) == 0)
	       && write_all(fd, text, strlen(text)) && fsync(fd) == 0;
	int e = errno;
	free(text);
	if (ok && rename(tmp, final) != 0) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		unlink(tmp);
		close(fd);
		/* Named by its directory: the temporary file is gone. */
		return pd_error_set(err, PD_ERR_IO, "%s: cannot write a file there: %s", dir, strerror(e));
	}
	pd_sync_dir_of(final);
	if (held)
		*held = fd;
	else
		close(fd);   /* written and synced: a late error cannot undo that */
	*path = strdup(final);
	if (!*path)
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory (the forms are kept in %s)", final);
	return true;
}
