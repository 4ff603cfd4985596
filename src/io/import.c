/* The import entry point: read the file, pick the reader, run it inside one
 * transaction, and commit only when every row went in (or --keep-going
 * said the good ones may go in alone). A dry run does everything and rolls
 * it back, so what it reports is exactly what would happen. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "partnerdesk/io/import.h"
#include "partnerdesk/model/bulk.h"
#include "partnerdesk/model/text.h"

/* Bigger than any partner list; stops /dev/zero and mistakes early. */
#define IMPORT_MAX_BYTES (512L * 1024 * 1024)

void pd_import_report(const pd_import_opts *opts, FILE *to, const char *fmt, ...)
{
	if (!to)
		return;
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* Messages get the program's prefix; dry-run lines on stdout are data. */
	if (to == opts->err)
		fputs("partnerdesk: ", to);
	/* Names from a hostile file must not reach a terminal as commands:
	 * the placeholders the command line uses for the same characters. */
	size_t len = strlen(buf);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t used = pd_utf8_decode(buf + i, len - i, &cp);
		char ph[PD_PLACEHOLDER_MAX];
		if (cp == 0xFFFD && used == 1)
			fprintf(to, "\\x%02x", (unsigned char)buf[i]);
		else if (pd_text_placeholder(cp, PD_PLACEHOLDER_PLAIN, ph))
			fputs(ph, to);
		else
			fwrite(buf + i, 1, used, to);
		i += used;
	}
	fputc('\n', to);
}

void pd_import_summary(const pd_import_stats *st, char *buf, size_t size)
{
	snprintf(buf, size, "%ld added, %ld merged, %ld skipped, %ld failed",
		st->added, st->merged, st->skipped, st->failed);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static pd_import_format guess_format(const char *name, const char *data, size_t len)
{
	if (name) {
		if (ends_with(name, ".csv") || ends_with(name, ".tsv") || ends_with(name, ".txt"))
			return PD_IMPORT_CSV;
		if (ends_with(name, ".yaml") || ends_with(name, ".yml"))
			return PD_IMPORT_YAML;
		if (ends_with(name, ".vcf") || ends_with(name, ".vcard"))
			return PD_IMPORT_VCF;
	}
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (len - i >= 11 && strncasecmp(data + i, "BEGIN:VCARD", 11) == 0)
		return PD_IMPORT_VCF;
	if (len - i >= 18 && strncmp(data + i, "partnerdesk-backup", 18) == 0)
		return PD_IMPORT_YAML;
	if ((len - i >= 3 && strncmp(data + i, "---", 3) == 0) ||
	    (len - i >= 5 && strncmp(data + i, "%YAML", 5) == 0))
		return PD_IMPORT_YAML;
	return PD_IMPORT_CSV;
}

bool pd_import_buffer(pd_db *db, const char *data, size_t len, const pd_import_opts *opts,
	pd_import_stats *st, pd_error *err)
{
	memset(st, 0, sizeof *st);
	const char *file = opts->name ? opts->name : "import";
	pd_import_format fmt = opts->format;
	if (fmt == PD_IMPORT_AUTO)
		fmt = guess_format(opts->name, data, len);
	if (!pd_db_bulk_mode(db, err) || !pd_db_begin(db, err))
		return false;
	bool ok;
	/* The readers name the file in every message. */
	pd_import_opts named = *opts;
	named.name = file;
	switch (fmt) {
	case PD_IMPORT_YAML: ok = pd_backup_import(db, data, len, &named, st, err); break;
	case PD_IMPORT_VCF: ok = pd_vcard_import(db, data, len, &named, st, err); break;
	default: ok = pd_csv_import(db, data, len, &named, st, err); break;
	}
	if (ok && st->failed > 0 && !opts->keep_going && !opts->dry_run)
		ok = pd_error_set(err, PD_ERR_INVALID,
			"%s: %ld row%s could not be imported, so nothing was; fix %s or use --keep-going "
			"to import the rest", file, st->failed, st->failed == 1 ? "" : "s",
			st->failed == 1 ? "it" : "them");
	if (!ok || opts->dry_run) {
		pd_db_rollback(db);
		return ok;
	}
	if (!pd_db_commit(db, err)) {
		pd_db_rollback(db);
		return false;
	}
	st->committed = true;
	return true;
}

bool pd_import_file(pd_db *db, const char *path, const pd_import_opts *opts,
	pd_import_stats *st, pd_error *err)
{
	memset(st, 0, sizeof *st);
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (f != stdin)
			fclose(f);
		return pd_error_set(err, PD_ERR_INVALID, "%s: is a directory", path);
	}
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	bool ok = buf != NULL;
	while (ok) {
		if (len == cap) {
			if (cap >= (size_t)IMPORT_MAX_BYTES) {
				ok = pd_error_set(err, PD_ERR_INVALID,
					"%s: larger than %ld MiB; that is not a partner list", path,
					IMPORT_MAX_BYTES / (1024 * 1024));
				break;
			}
			char *p = realloc(buf, cap * 2);
			if (!p) {
				ok = pd_error_set(err, PD_ERR_NOMEM, "%s: out of memory reading it", path);
				break;
			}
			buf = p;
			cap *= 2;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0) {
			if (ferror(f))
				ok = pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
			break;
		}
	}
	if (!buf)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	if (f != stdin)
		fclose(f);
	if (ok) {
		pd_import_opts o = *opts;
		if (!o.name)
			o.name = path;
		ok = pd_import_buffer(db, buf, len, &o, st, err);
	}
	free(buf);
	return ok;
}
