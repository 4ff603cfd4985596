/* `export`: picks the writer for a format, writes JSON and CSV through the
 * shared emitters (json_out.c, csv_out.c), and puts a file in place only
 * once it is complete (temp + fsync + rename + directory sync, through a
 * symlink to what it points at), new files 0600, never over the database's own files. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/io/backup.h"
#include "partnerdesk/io/csv_out.h"
#include "partnerdesk/io/export.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/bulk.h"
#include "partnerdesk/io/json_out.h"
#include "partnerdesk/io/progress.h"
#include "partnerdesk/io/record.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/snapshot.h"
#include "partnerdesk/model/text.h"

static const struct { const char *name; pd_export_format fmt; } formats[] = {
	{ "yaml", PD_EXPORT_YAML }, { "yml", PD_EXPORT_YAML },
	{ "csv", PD_EXPORT_CSV },
	{ "json", PD_EXPORT_JSON },
	{ "ics", PD_EXPORT_ICS }, { "ical", PD_EXPORT_ICS }, { "icalendar", PD_EXPORT_ICS },
	{ "vcf", PD_EXPORT_VCF }, { "vcard", PD_EXPORT_VCF },
};

bool pd_export_format_parse(const char *s, pd_export_format *out)
{
	for (size_t i = 0; s && i < sizeof formats / sizeof formats[0]; i++)
		if (pd_ascii_casecmp(s, formats[i].name) == 0) {
			*out = formats[i].fmt;
			return true;
		}
	return false;
}

bool pd_export_format_for_path(const char *path, pd_export_format *out)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	return dot && !strchr(dot, '/') && pd_export_format_parse(dot + 1, out);
}

static int row_cmp(const void *a, const void *b)
{
	const pd_partner_row *x = a, *y = b;
	int c = pd_fold_cmp(x->name, y->name);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static bool load_rows(pd_db *db, pd_partner_rows *rows, pd_error *err)
{
	pd_partner_query q = { .sort = PD_SORT_NAME };
	if (!pd_partner_query_run(db, &q, rows, err))
		return false;
	if (rows->n > 1)   /* an empty desk has no array to sort */
		qsort(rows->v, rows->n, sizeof *rows->v, row_cmp);
	return true;
}

/* An array of full records, written one record at a time so that a big
 * database never sits in memory as one JSON tree. */
static bool write_json(pd_db *db, FILE *f, pd_progress *prog, pd_error *err)
{
	pd_partner_rows rows = { 0 };
	if (!load_rows(db, &rows, err))
		return false;
	pd_progress_init(prog, prog->out, "exporting", (long)rows.n, false);
	bool ok = fputs("[", f) != EOF;
	for (size_t i = 0; ok && i < rows.n; i++) {
		pd_record r;
		if (!pd_record_load(db, rows.v[i].id, &r, err)) {
			ok = false;
			break;
		}
		json_t *j = pd_json_record(&r, pd_db_rules(db), PD_RECORD_ALL);
		pd_record_finish(&r);
		char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
		json_decref(j);
		if (!text) {
			ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			break;
		}
		ok = fputs(i ? ",\n" : "\n", f) != EOF && fputs(text, f) != EOF;
		free(text);
		pd_progress_step(prog, (long)i + 1);
	}
	if (ok)
		ok = fputs(rows.n ? "\n]\n" : "]\n", f) != EOF;
	pd_partner_rows_finish(&rows);
	if (!ok && err && err->code == PD_OK)
		pd_error_set(err, PD_ERR_IO, "writing JSON failed: %s", strerror(errno));
	return ok;
}

static bool write_csv(pd_db *db, FILE *f, bool excel, pd_progress *prog, pd_error *err)
{
	pd_partner_rows rows = { 0 };
	if (!load_rows(db, &rows, err))
		return false;
	pd_progress_init(prog, prog->out, "exporting", (long)rows.n, false);
	pd_csv_out c;
	pd_csv_out_init(&c, f, excel);
	pd_csv_partner_header(&c);
	bool ok = true;
	for (size_t i = 0; ok && i < rows.n; i++) {
		pd_partner *p = pd_partner_get(db, rows.v[i].id, err);
		if (!p) {
			ok = false;
			break;
		}
		pd_csv_partner(&c, p, rows.v[i].last_contact, rows.v[i].next_follow_up);
		pd_partner_destroy(p);
		pd_progress_step(prog, (long)i + 1);
	}
	pd_partner_rows_finish(&rows);
	if (ok && !pd_csv_out_ok(&c))
		ok = pd_error_set(err, PD_ERR_IO, "writing CSV failed: %s", strerror(errno));
	return ok;
}

bool pd_export_write(pd_db *db, pd_export_format fmt, FILE *f, FILE *progress, size_t *items,
	pd_error *err)
{
	pd_progress prog = { .out = progress };
	/* One snapshot for the whole file: a backup taken while others work
	 * must not mix the database before and after someone's save. */
	if (!pd_db_snapshot_begin(db, err))
		return false;
	bool ok;
	switch (fmt) {
	case PD_EXPORT_CSV: ok = write_csv(db, f, false, &prog, err); break;
	case PD_EXPORT_CSV_EXCEL: ok = write_csv(db, f, true, &prog, err); break;
	case PD_EXPORT_JSON: ok = write_json(db, f, &prog, err); break;
	case PD_EXPORT_ICS: ok = pd_ics_write(db, f, progress, items, err); break;
	case PD_EXPORT_VCF: ok = pd_vcard_write(db, f, progress, items, err); break;
	default: ok = pd_db_scan_mode(db, err) && pd_backup_write(db, f, progress, items, err); break;
	}
	bool counted = fmt == PD_EXPORT_CSV || fmt == PD_EXPORT_CSV_EXCEL || fmt == PD_EXPORT_JSON;
	if (items && counted)
		*items = prog.total > 0 ? (size_t)prog.total : 0;
	pd_db_snapshot_end(db);
	if (counted)
		pd_progress_finish(&prog);
	if (ok && fflush(f) != 0)
		ok = pd_error_set(err, PD_ERR_IO, "writing failed: %s", strerror(errno));
	return ok;
}

/* Whether cur (lstat in st), a link or a file to be replaced, is another
 * user's in a sticky directory anyone may write, such as /tmp: a link put
 * there could send everyone's notes anywhere, and a file put there would
 * lend its mode (0666) to the copy while it is written. The kernel's
 * protected_symlinks and protected_regular rules, which a readlink(2) and
 * a rename(2) beside it do not apply. True with err set. */
static bool planted(const char *given, const char *cur, const struct stat *st, pd_error *err)
{
	char dir[4096];
	const char *slash = strrchr(cur, '/');
	int len = !slash ? snprintf(dir, sizeof dir, ".")
	        : slash == cur ? snprintf(dir, sizeof dir, "/")
	        : snprintf(dir, sizeof dir, "%.*s", (int)(slash - cur), cur);
	struct stat ds;
	if (len < 0 || (size_t)len >= sizeof dir || stat(dir, &ds) != 0 ||
	    (ds.st_mode & (S_ISVTX | S_IWOTH)) != (S_ISVTX | S_IWOTH) ||
	    st->st_uid == geteuid() || st->st_uid == ds.st_uid)
		return false;
	return !pd_error_set(err, PD_ERR_INVALID, "%s: %s is %s of uid %lu, not yours, in %s, a "
		"directory anyone may write; it is not %s (it could send the file elsewhere or let "
		"others read it); name a file of your own", given, cur,
		S_ISLNK(st->st_mode) ? "a symbolic link" : "a file", (unsigned long)st->st_uid, dir,
		S_ISLNK(st->st_mode) ? "followed" : "replaced");
}

char *pd_path_follow_links(const char *path, pd_error *err)
{
	char *cur = strdup(path);
	for (int hops = 0; cur; hops++) {
		struct stat st;
		bool there = lstat(cur, &st) == 0;
		if (there && planted(path, cur, &st, err)) {
			free(cur);
			return NULL;
		}
		if (!there || !S_ISLNK(st.st_mode))
			return cur;
		if (hops == 40) {
			pd_error_set(err, PD_ERR_INVALID, "%s: too many levels of symbolic links", path);
			free(cur);
			return NULL;
		}
		char target[4096];
		ssize_t n = readlink(cur, target, sizeof target - 1);
		if (n < 0) {
			pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
			free(cur);
			return NULL;
		}
		target[n] = '\0';
		/* /proc's links to pipes and sockets name no file ("pipe:[1234]"):
		 * the chain ends at the link, which stat() still opens through. */
		if (target[0] != '/' && strstr(target, ":[") && strncmp(cur, "/proc/", 6) == 0)
			return cur;
		/* A relative target is relative to the link's own directory. */
		const char *slash = strrchr(cur, '/');
		size_t dir = target[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
		char *next = malloc(dir + (size_t)n + 1);
		if (next) {
			memcpy(next, cur, dir);
			memcpy(next + dir, target, (size_t)n + 1);
		}
		free(cur);
		cur = next;
	}
	pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	return NULL;
}

bool pd_export_to_path(pd_db *db, pd_export_format fmt, const char *given, FILE *progress,
	const pd_temp_watch *watch, size_t *items, pd_error *err)
{
	char *path = pd_path_follow_links(given, err);
	if (!path)
		return false;
	const char *what;
	if (pd_db_is_own_file(db, path, &what)) {
		pd_error_set(err, PD_ERR_INVALID, "%s is %s; export to another file", given, what);
		free(path);
		return false;
	}
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		pd_error_set(err, PD_ERR_INVALID, S_ISDIR(st.st_mode)
		             ? "%s is a directory; name a file in it" : "%s is not a regular file", given);
		free(path);
		return false;
	}
	size_t n = strlen(path);
	char *tmp = malloc(n + 16);
	if (!tmp) {
		free(path);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	snprintf(tmp, n + 16, "%s.tmp-XXXXXX", path);
	int fd = pd_temp_mkstemp(watch, tmp, false);   /* 0600 */
	if (fd < 0) {
		pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
		free(tmp);
		free(path);
		return false;
	}
	if (exists)
		(void)fchmod(fd, st.st_mode & 0777);   /* data, never a program: no set-id bits */
	FILE *f = fdopen(fd, "w");
	if (!f) {
		pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		pd_temp_gone(watch, tmp);
		free(tmp);
		free(path);
		return false;
	}
	bool ok = pd_export_write(db, fmt, f, progress, items, err);
	if (!ok && err && err->code == PD_ERR_IO) {
		/* "writing the YAML failed: No space left on device" says what but
		 * not where: a backup job's log needs the file. */
		char said[sizeof err->msg];
		snprintf(said, sizeof said, "%s", err->msg);
		pd_error_set(err, PD_ERR_IO, "%s: %s", given, said);
	}
	if (ok && (fflush(f) != 0 || fsync(fileno(f)) != 0))
		ok = pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
	if (fclose(f) != 0 && ok)
		ok = pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
	if (ok && rename(tmp, path) != 0)
		ok = pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
	if (!ok)
		unlink(tmp);
	pd_temp_gone(watch, tmp);
	/* The data was synced before the rename; the rename itself lives in
	 * the directory, which a power cut could otherwise roll back. */
	if (ok)
		pd_sync_dir_of(path);
	free(tmp);
	free(path);
	return ok;
}
