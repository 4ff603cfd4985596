/* `partnerdesk import FILE`: a spreadsheet (CSV), a YAML backup or vCards
 * into the database, in one transaction: all of it, or with --keep-going
 * the good rows, or with --dry-run nothing (but a report of each row). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/cli/cleanup.h"
#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/io/field_map.h"
#include "partnerdesk/io/import.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/tempfile.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_import = {
	.name = "import",
	.summary = "bring partners in from a spreadsheet (CSV), a YAML backup or vCards",
	.usage =
	"usage: partnerdesk import FILE [--format csv|yaml|vcf] [--map COLUMN=FIELD]...\n"
	"                          [--on-duplicate skip|merge|new] [--dry-run]\n"
	"                          [--keep-going] [--encoding auto|utf-8|windows-1252]\n"
	"                          [--partner PARTNER]\n"
	"\n"
	"Imports FILE (- for standard input) in one transaction. The format comes\n"
	"from --format, else the file's extension, else its content.\n"
	"\n"
	"CSV: the header row names the columns (Name, Organisation, Library name,\n"
	"Email, Website, Phone, Type, Stage, Tags, Address, Notes, Contact, Title...);\n"
	"--map COLUMN=FIELD names or renames one (FIELD: name, kind, scale, stage,\n"
	"email, website, phone, address, notes, tags, audiences, branches, owner,\n"
	"mission, position, directions, contact, title, contact_email,\n"
	"contact_phone, first_name, last_name, fiscal_month, review_date, ignore).\n"
	"Columns not recognised are kept in the notes as \"Column: value\";\n"
	"before the first row, stderr says which columns were read by another\n"
	"name than their field's, and which of two naming the partner is its name.\n"
	"Google Contacts and Outlook exports are recognised: the organisation is\n"
	"the partner, the person its contact.\n"
	"A title or a row of group names above the header row is passed over;\n"
	"below the list, a total row, a note (\"Updated by ...\") and a table of\n"
	"something else are skipped, each said by its row numbers.\n"
	"\n"
	"  --on-duplicate  a partner (or, for vCards, a person) of the same name\n"
	"                  exists: skip the row (default, named on stderr, or\n"
	"                  counted when more than ten; a contact person new\n"
	"                  to the partner is still added),\n"
	"                  merge it in (a stage cell is only reported; a name two\n"
	"                  partners share fails that row), or add new\n"
	"  --dry-run       say what each row would do; write nothing\n"
	"  --keep-going    import the good rows even if some are bad (exit 1 still);\n"
	"                  a bad row leaves nothing of itself\n"
	"  --encoding      text that is not UTF-8: auto reads it as Windows-1252\n"
	"  --partner       vCards only: file people whose card has no ORG under\n"
	"                  PARTNER (--map is for CSV only)\n"
	"\n"
	"A bad row is reported as FILE:ROW: reason, and then nothing is imported\n"
	"unless --keep-going; a new database is made only when the import is\n"
	"written. JSON is export-only. A YAML backup is restored exactly (see\n"
	"partnerdesk-backup(5)); vCards with KIND:org become partners, people\n"
	"become contacts of the partner their ORG names.\n",
	.run = run,
};

enum {
	OPT_FORMAT = PD_OPT__FIRST_FREE,
	OPT_MAP,
	OPT_DUP,
	OPT_DRY,
	OPT_KEEP,
	OPT_ENC,
	OPT_PARTNER,
};

static const struct option options[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"map", required_argument, NULL, OPT_MAP},
	{"on-duplicate", required_argument, NULL, OPT_DUP},
	{"dry-run", no_argument, NULL, OPT_DRY},
	{"keep-going", no_argument, NULL, OPT_KEEP},
	{"encoding", required_argument, NULL, OPT_ENC},
	{"partner", required_argument, NULL, OPT_PARTNER},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

#define MAX_MAPS 64

/* The database path when no database is there yet, else NULL. Such a
 * database is made under a temporary name beside it and gets its name
 * only once the import committed, so a failed import, a dry run or a
 * mistyped --db leaves no empty database behind. */
static char *missing_database(pd_cli *cli, bool *failed, char **made_dir)
{
	pd_error err = { 0 };
	*failed = false;
	*made_dir = NULL;
	if (!cli->cfg) {
		cli->cfg = pd_paths_load_config(cli->config_flag, &err);
		if (!cli->cfg) {
			pd_cli_errorf(cli, "%s", err.msg);
			*failed = true;
			return NULL;
		}
	}
	/* A path that cannot be named is left to pd_cli_open, which says why. */
	char *path = pd_paths_database(cli->db_flag, cli->cfg, NULL);
	struct stat st;
	if (path && lstat(path, &st) != 0 && errno == ENOENT) {
		/* The default data directory is made first, as any command that
		 * creates the database makes it, so that a first import there
		 * also gets its temporary name. */
		if (!pd_cli_make_data_dir(cli, path, made_dir)) {
			*failed = true;
			free(path);
			return NULL;
		}
		/* A directory that isn't there (or can't be written) is left to
		 * pd_cli_open, whose message names the path the user gave. */
		char *slash = strrchr(path, '/');
		char *dir = slash ? strndup(path, (size_t)(slash - path + 1)) : strdup(".");
		bool writable = dir && access(dir, W_OK | X_OK) == 0;
		free(dir);
		if (writable)
			return path;
	}
	free(path);
	return NULL;
}

static const char *const journal_suffix[] = { "", "-wal", "-shm", "-journal" };
#define N_SUFFIX (sizeof journal_suffix / sizeof journal_suffix[0])

static void remove_with_journals(const char *db)
{
	const char *const *suffix = journal_suffix;
	size_t n = strlen(db) + 16;
	char *p = malloc(n);
	for (size_t i = 0; p && i < N_SUFFIX; i++) {
		snprintf(p, n, "%s%s", db, suffix[i]);
		unlink(p);
	}
	free(p);
}

/* Removes what imports into db left when they were killed where no
 * handler runs (SIGKILL, the OOM killer, a power cut): DB.import-PID and
 * its side files, by the rule backups and restores sweep by
 * (pd_temp_left_by_dead: the process gone, the file ours and 0600 as the
 * import made it; nothing on a network file system). Looked for by every
 * import into db, made yet or not: a desk made at that name meanwhile
 * (by `add`) would otherwise keep them beside it for good. */
static void remove_stale_imports(const char *db)
{
	const char *slash = strrchr(db, '/');
	const char *base = slash ? slash + 1 : db;
	char *dir = slash ? strndup(db, (size_t)(slash - db) + 1) : strdup("./");
	int dfd = dir ? pd_temp_sweep_dir(dir) : -1;
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d && dfd >= 0)
		close(dfd);
	size_t blen = strlen(base);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		if (strncmp(n, base, blen) != 0 || strncmp(n + blen, ".import-", 8) != 0)
			continue;
		const char *digits = n + blen + 8;
		char *end;
		errno = 0;
		long pid = strtol(digits, &end, 10);
		if (end == digits || *digits < '0' || *digits > '9' || errno)
			continue;
		bool known = false;
		for (size_t i = 0; i < N_SUFFIX && !known; i++)
			known = strcmp(end, journal_suffix[i]) == 0;
		if (known && pd_temp_left_by_dead(dfd, n, pid, false))
			unlinkat(dfd, n, 0);
	}
	if (d)
		closedir(d);
	free(dir);
}

/* A data directory this import made is removed again when it ends up
 * holding nothing (rmdir refuses otherwise); frees the name. */
static void forget_data_dir(char *dir, bool used)
{
	if (dir && !used)
		rmdir(dir);
	free(dir);
}

/* Closes the database made at tmp and, if the import committed, gives it
 * its real name; false (with a message) if someone made one there meanwhile. */
static bool settle_new_database(pd_cli *cli, const char *tmp, const char *path, bool keep)
{
	pd_db_close(cli->db);
	cli->db = NULL;
	bool ok = true;
	if (keep && link(tmp, path) != 0) {
		if (errno == EEXIST)
			pd_cli_errorf(cli, "%s appeared while the import ran; nothing was imported, "
				"import again into it", path);
		else
			pd_cli_errorf(cli, "%s: %s; nothing was imported", path, strerror(errno));
		ok = false;
	}
	remove_with_journals(tmp);
	pd_cleanup_forget(tmp);
	if (ok && keep)
		pd_sync_dir_of(path);
	return ok;
}

/* What a signal that ends an import says was left (see pd_cleanup_say):
 * the import is one transaction, so before its commit nothing is in. */
static const char stopped_before[] = "partnerdesk: import stopped: nothing was imported; "
	"the desk is as it was\n";
static const char stopped_after[] = "partnerdesk: import stopped just after it was saved: "
	"what it imported is in the desk\n";

/* Signals wait while the commit runs, so that the message is true of it. */
static void import_committing(bool after, bool committed)
{
	if (!after) {
		pd_cleanup_hold(true);
		return;
	}
	if (committed)
		pd_cleanup_say(stopped_after, false);
	pd_cleanup_hold(false);
}

/* A message of the import: on a terminal wrapped as the import's own
 * FILE:ROW: lines are (pd_import_say_text); to a pipe or a file as every
 * command's messages are, one line. */
static void import_error(pd_cli *cli, const pd_import_opts *o, const char *msg)
{
	if (o->err && o->err == cli->err && o->err_cols > 0) {
		pd_import_say_lines(o, o->err, msg);
	} else {
		pd_cli_errorf(cli, "%s", msg);
	}
}

/* The summary: its first line, then the spreadsheet's columns kept in the
 * notes, which it lists on lines of their own within 80 columns. On a
 * terminal the first line is wrapped within its width, and the columns
 * are wrapped anew to it. */
static void print_summary(pd_cli *cli, const pd_import_opts *o, char *summary)
{
	const char *head = o->dry_run ? "dry run, nothing written: " : "";
	char *rest = strchr(summary, '\n');
	if (rest)
		*rest++ = '\0';
	if (o->out_cols > 0 && o->out == cli->out) {
		char first[1500];
		pd_format(first, sizeof first, "%s%s", head, summary);
		pd_import_say_text(o, o->out, "", "  ", first);
		if (!rest)
			return;
		/* The columns as one list: their 80-column lines are the pipe's. */
		char list[1400];
		size_t n = 0;
		for (char *line = rest, *next; line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			line += strspn(line, " ");
			n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? " " : "", line);
			if (n >= sizeof list)
				break;
		}
		pd_import_say_text(o, o->out, "  ", "  ", list);
		return;
	}
	/* A line at a time: the columns kept in the notes are lines of their
	 * own, and a newline within one would be shown as ^J. */
	pd_cli_printf(cli, "%s%s\n", head, summary);
	for (char *line = rest, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		pd_cli_printf(cli, "%s\n", line);
	}
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_import;
	pd_import_opts o = { 0 };
	const char *maps[MAX_MAPS];
	pd_error map_err = { 0 };
	int c;
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (strcmp(optarg, "csv") == 0)
				o.format = PD_IMPORT_CSV;
			else if (strcmp(optarg, "yaml") == 0 || strcmp(optarg, "yml") == 0)
				o.format = PD_IMPORT_YAML;
			else if (strcmp(optarg, "vcf") == 0 || strcmp(optarg, "vcard") == 0)
				o.format = PD_IMPORT_VCF;
			else
				return pd_cli_not_one_of(cli, cmd, "--format", optarg,
				                         (const char *const[]){"csv", "yaml", "vcf", NULL});
			continue;
		case OPT_MAP:
			if (o.n_maps == MAX_MAPS)
				return pd_cli_usage_error(cli, cmd, "at most %d --map options", MAX_MAPS);
			/* Its form and FIELD are known now; only COLUMN waits for
			 * the header row. */
			if (!pd_field_map_check(optarg, &map_err))
				return pd_cli_usage_error(cli, cmd, "%s", map_err.msg);
			maps[o.n_maps++] = optarg;
			continue;
		case OPT_DUP:
			if (strcmp(optarg, "skip") == 0)
				o.on_duplicate = PD_DUP_SKIP;
			else if (strcmp(optarg, "merge") == 0)
				o.on_duplicate = PD_DUP_MERGE;
			else if (strcmp(optarg, "new") == 0)
				o.on_duplicate = PD_DUP_NEW;
			else
				return pd_cli_not_one_of(cli, cmd, "--on-duplicate", optarg,
				                         (const char *const[]){"skip", "merge", "new", NULL});
			continue;
		case OPT_PARTNER:
			o.partner = optarg;
			continue;
		case OPT_DRY:
			o.dry_run = true;
			continue;
		case OPT_KEEP:
			o.keep_going = true;
			continue;
		case OPT_ENC:
			if (strcmp(optarg, "auto") == 0)
				o.encoding = PD_CSV_ENC_AUTO;
			else if (pd_ascii_casecmp(optarg, "utf-8") == 0 || pd_ascii_casecmp(optarg, "utf8") == 0)
				o.encoding = PD_CSV_ENC_UTF8;
			else if (pd_ascii_casecmp(optarg, "windows-1252") == 0
			         || pd_ascii_casecmp(optarg, "cp1252") == 0)
				o.encoding = PD_CSV_ENC_WIN1252;
			else
				return pd_cli_usage_error(cli, cmd, "--encoding takes auto, utf-8 or windows-1252");
			continue;
		default: {
			int status = pd_cli_option(cli, cmd, options, c, argv);
			if (status != PD_CLI_CONTINUE)
				return status;
		}
		}
	}
	if (argc - optind != 1)
		return pd_cli_usage_error(cli, cmd, "import takes one FILE");
	o.maps = maps;
	const char *path = argv[optind];
	o.name = strcmp(path, "-") == 0 ? "stdin" : path;
	pd_error err = { 0 };
	/* --format vcf with --map: the options contradict each other, a
	 * usage error; with the format guessed from the file it is the file
	 * that does not suit them (pd_import_check, exit status 1). */
	if (o.format != PD_IMPORT_AUTO && !pd_import_options_fit(o.format, &o, &err))
		return pd_cli_usage_error(cli, cmd, "%s", err.msg);
	o.out = cli->out;
	o.err = cli->err;
	o.out_cols = pd_cli_terminal_cols(cli);
	o.err_cols = pd_cli_err_terminal_cols(cli);
	/* The input first: a file that can't be read or can't be imported
	 * is refused before any database is made. */
	size_t len;
	char *data = pd_import_read(path, &len, &err);
	if (!data || !pd_import_check(data, len, &o, &err)) {
		free(data);
		import_error(cli, &o, err.msg);
		return PD_EXIT_FAIL;
	}
	bool failed;
	char *made_dir;
	char *fresh = missing_database(cli, &failed, &made_dir);
	char *tmp = NULL;
	const char *db_flag = cli->db_flag;
	if (fresh) {
		size_t n = strlen(fresh) + 32;
		tmp = malloc(n);
		if (tmp) {
			snprintf(tmp, n, "%s.import-%ld", fresh, (long)getpid());
			remove_stale_imports(fresh);
			remove_with_journals(tmp);
			/* Removed again if a signal ends the import: a dry run
			 * piped into head (SIGPIPE), Ctrl-C, a dropped session. */
			(void)pd_cleanup_add(tmp, true);
			cli->db_flag = tmp;
		}
	}
	if (failed || (fresh && !tmp) || !pd_cli_open(cli, PD_OPEN_CREATE)) {
		cli->db_flag = db_flag;
		if (fresh && tmp) {
			remove_with_journals(tmp);
			pd_cleanup_forget(tmp);
		}
		forget_data_dir(made_dir, false);
		free(tmp);
		free(fresh);
		free(data);
		return PD_EXIT_FAIL;
	}
	cli->db_flag = db_flag;
	if (!fresh)
		remove_stale_imports(pd_db_path(cli->db));
	o.out = cli->out;
	o.err = cli->err;
	o.progress = pd_cli_progress(cli, o.dry_run);
	/* Ctrl-C, a cron job's SIGTERM: say what was left. A dry run leaves
	 * nothing either way, and its stopped pipe (SIGPIPE) needs no word. */
	if (!o.dry_run) {
		pd_cleanup_say(stopped_before, o.progress && isatty(fileno(o.progress)));
		o.committing = import_committing;
	}
	pd_import_stats st;
	bool ok = pd_import_buffer(cli->db, data, len, &o, &st, &err);
	pd_cleanup_say(NULL, false);
	free(data);
	if (fresh) {
		if (!ok)
			import_error(cli, &o, err.msg);
		bool settled = settle_new_database(cli, tmp, fresh, ok && st.committed);
		forget_data_dir(made_dir, ok && st.committed && settled);
		free(tmp);
		free(fresh);
		if (!ok || !settled)
			return PD_EXIT_FAIL;
	}
	char summary[1400], advice[600];
	pd_import_summary(&st, summary, sizeof summary);
	bool advise = pd_import_advice(&st, advice, sizeof advice);
	if (!ok) {
		import_error(cli, &o, err.msg);
		if (advise && st.failed)
			import_error(cli, &o, advice);
		return PD_EXIT_FAIL;
	}
	print_summary(cli, &o, summary);
	/* The plan lists what goes in around the failures; without
	 * --keep-going the import itself would stop at them. */
	if (o.dry_run && st.failed && !o.keep_going) {
		char msg[700];
		pd_format(msg, sizeof msg, "%s: %ld %s%s could not be imported, so the import itself would "
			"write nothing; fix %s or use --keep-going to import the rest", o.name, st.failed,
			st.cards ? "card" : "row", st.failed == 1 ? "" : "s", st.failed == 1 ? "it" : "them");
		import_error(cli, &o, msg);
	}
	if (advise)
		import_error(cli, &o, advice);
	return st.failed ? PD_EXIT_FAIL : PD_EXIT_OK;
}
