/* The table of subcommands (sorted, found by bsearch) and what every command
 * shares: opening the config and database as flags and environment say,
 * closing them, and reporting errors as "partnerdesk: ...". */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/cli/command.h"
#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/io/message_wrap.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/text.h"

/* Keep in strcmp order: pd_command_find bisects it and a unit test checks. */
const pd_command *const pd_commands[] = {
	&pd_cmd_add,
	&pd_cmd_agenda,
	&pd_cmd_audit,
	&pd_cmd_backup,
	&pd_cmd_check,
	&pd_cmd_complete,
	&pd_cmd_contact,
	&pd_cmd_delete,
	&pd_cmd_edit,
	&pd_cmd_export,
	&pd_cmd_import,
	&pd_cmd_list,
	&pd_cmd_log,
	&pd_cmd_merge,
	&pd_cmd_move,
	&pd_cmd_report,
	&pd_cmd_restore,
	&pd_cmd_show,
};
const size_t pd_commands_count = sizeof pd_commands / sizeof pd_commands[0];

static int compare_name(const void *key, const void *elem)
{
	const pd_command *const *cmd = elem;
	return strcmp(key, (*cmd)->name);
}

const pd_command *pd_command_find(const char *name)
{
	if (!name)
		return NULL;
	const pd_command *const *found = bsearch(name, pd_commands, pd_commands_count,
	                                         sizeof pd_commands[0], compare_name);
	return found ? *found : NULL;
}

/* Words people type for a command that has another name here: a hint,
 * never run (as a guessed partner is never acted on). NULL: no command
 * is meant, though one is a letter off ('exit' is not edit). */
static const struct {
	const char *typed, *meant;
} command_words[] = {
	{"call", "log"},       {"create", "add"},    {"del", "delete"},  {"email", "log"},
	{"exit", NULL},        {"find", "list --search"}, {"help", "--help"}, {"history", "audit"},
	{"ls", "list"},        {"new", "add"},       {"note", "log"},    {"open", "show"},
	{"quit", NULL},        {"remove", "delete"}, {"rm", "delete"},   {"search", "list --search"},
	{"stage", "move"},     {"stats", "report"},  {"update", "edit"}, {"version", "--version"},
	{"view", "show"},      {"visit", "log"},
};

void pd_command_hint(const char *typed, char *hint, size_t len)
{
	hint[0] = '\0';
	if (!typed)
		return;
	for (size_t i = 0; i < sizeof command_words / sizeof *command_words; i++)
		if (pd_ascii_casecmp(typed, command_words[i].typed) == 0) {
			if (command_words[i].meant)
				snprintf(hint, len, "; did you mean 'partnerdesk %s'?", command_words[i].meant);
			return;
		}
	/* Not pd_suggest: it lets a word of four or five letters be two
	 * edits off, and among commands that answers 'init' with edit, 'quit'
	 * with audit, 'save' with move and 'visit' with list. A command named
	 * is the one run next: a wrong one is worse than none. So one edit
	 * below six letters, and two commands as near ('eport': export or
	 * report) are both named, never one by the order of the list. */
	size_t chars = pd_utf8_chars(typed);
	size_t limit = chars < 6 ? 1 : pd_suggest_near(chars);
	const char *best[2] = {NULL, NULL};
	size_t best_d = limit + 1, ties = 0;
	for (size_t i = 0; i < pd_commands_count; i++) {
		size_t d = pd_suggest_distance(typed, pd_commands[i]->name, limit);
		if (d < best_d) {
			best_d = d;
			best[0] = pd_commands[i]->name;
			ties = 1;
		} else if (d == best_d && d <= limit) {
			if (ties < 2)
				best[ties] = pd_commands[i]->name;
			ties++;
		}
	}
	if (ties == 1) {
		snprintf(hint, len, "; did you mean '%s'?", best[0]);
		return;
	}
	if (ties == 2) {
		snprintf(hint, len, "; did you mean '%s' or '%s'?", best[0], best[1]);
		return;
	}
	/* Cut short ('rep'): the command it starts, when it starts one alone. */
	const char *cut = NULL;
	size_t starts = 0, tlen = strlen(typed);
	for (size_t i = 0; tlen >= 3 && i < pd_commands_count; i++)
		if (pd_ascii_ncasecmp(pd_commands[i]->name, typed, tlen) == 0) {
			cut = pd_commands[i]->name;
			starts++;
		}
	if (ties == 0 && starts == 1) {
		snprintf(hint, len, "; did you mean '%s'?", cut);
		return;
	}
	/* A partner's name where the command goes, by someone who expects
	 * the program to open what it is given. */
	if (strchr(typed, ' ') || (typed[0] == '#' && typed[1]))
		snprintf(hint, len, "; to see a partner, 'partnerdesk show NAME'");
}

/* Whether usage names "--word" as an option (not a longer one). */
static bool usage_names(const char *usage, const char *word, size_t wlen)
{
	for (const char *at = usage; (at = strstr(at, "--")); at += 2) {
		if (strncmp(at + 2, word, wlen) == 0 && !(pd_ascii_isalnum(at[2 + wlen]) || at[2 + wlen] == '-'))
			return true;
	}
	return false;
}

void pd_command_option_hint(const char *word, const char *const *globals, size_t n_globals, char *hint,
                            size_t len)
{
	hint[0] = '\0';
	char typed[64];
	if (!pd_cli_long_option_name(word, typed, sizeof typed))
		return;
	const char *guess = pd_suggest(typed, globals, n_globals);
	if (guess) {
		snprintf(hint, len, "; did you mean --%s?", guess);
		return;
	}
	/* A command's option before its command ("partnerdesk --stage date
	 * list"): say where it goes, shown on list when list takes it (the
	 * command most reached for), else on the first that does. */
	size_t tlen = strlen(typed);
	const char *example = NULL;
	for (size_t i = 0; i < pd_commands_count; i++) {
		if (!usage_names(pd_commands[i]->usage, typed, tlen))
			continue;
		if (!example || strcmp(pd_commands[i]->name, "list") == 0)
			example = pd_commands[i]->name;
	}
	if (example)
		snprintf(hint, len, "; a command's options go after it, as in 'partnerdesk %s --%s ...'", example,
		         typed);
}

void pd_cli_errorf(pd_cli *cli, const char *fmt, ...)
{
	/* Sized to the message: it may quote several names of 200 characters
	 * (800 bytes each), and a fixed buffer cut it inside a character. */
	char small[2048], *msg = small;
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n >= (int)sizeof small) {
		msg = malloc((size_t)n + 1);
		if (msg) {
			vsnprintf(msg, (size_t)n + 1, fmt, again);
		} else {
			msg = small;
			pd_vformat(small, sizeof small, fmt, again);   /* cut on a character's edge */
		}
	}
	va_end(again);
	va_end(ap);
	/* Messages quote names and text from the database: sanitize them too. */
	char *clean = pd_sanitize(msg, PD_SANITIZE_NEWLINES);
	FILE *to = cli->err ? cli->err : stderr;
	/* On a terminal wrapped at spaces within its width (and 80), as an
	 * import's lines are: restore's lines ran to 100 and 250 columns on a
	 * branch's 80-column session, cut mid-word. To a pipe one line. A
	 * message longer than the wrapping holds (2 KB) is said whole instead. */
	const char *said = clean ? clean : msg;
	int cols = strlen(said) < 2000 ? pd_cli_err_terminal_cols(cli) : 0;
	if (cols > 0) {
		/* A newline of the message is its layout (the partners a name
		 * matches, one a line), not a character to show as ^J. */
		pd_message_say_lines(to, pd_message_width(cols), "partnerdesk: ", NULL, said);
	} else {
		fprintf(to, "partnerdesk: %s\n", said);
	}
	free(clean);
	if (msg != small)
		free(msg);
}

/* Whether path is a file directly in the default data directory, which
 * pd_cli_make_data_dir makes. */
static bool in_data_dir(const char *path)
{
	char *dir = pd_paths_data_dir();
	if (!dir)
		return false;
	size_t len = strlen(dir);
	bool in = strncmp(path, dir, len) == 0 && path[len] == '/' && !strchr(path + len + 1, '/');
	free(dir);
	return in;
}

bool pd_cli_make_data_dir(pd_cli *cli, const char *db_path, char **made)
{
	if (made)
		*made = NULL;
	char *dir = pd_paths_data_dir();
	if (!dir)
		return true;
	size_t len = strlen(dir);
	bool inside = strncmp(db_path, dir, len) == 0 && db_path[len] == '/';
	bool ok = true;
	struct stat st;
	if (inside && stat(dir, &st) != 0 && errno == ENOENT) {
		pd_error err = {0};
		if (!pd_paths_mkdirs(dir, &err)) {
			pd_cli_errorf(cli, "%s", err.msg);
			ok = false;
		} else if (made) {
			*made = dir;
			dir = NULL;
		}
	}
	free(dir);
	return ok;
}

bool pd_cli_open(pd_cli *cli, unsigned flags)
{
	pd_error err = {0};

	if (!cli->out)
		cli->out = stdout;
	if (!cli->err)
		cli->err = stderr;
	if (!cli->cfg) {
		cli->cfg = pd_paths_load_config(cli->config_flag, &err);
		if (!cli->cfg) {
			pd_cli_errorf(cli, "%s", err.msg);
			return false;
		}
	}
	if (cli->db)
		return true;
	char *path = pd_paths_database(cli->db_flag, cli->cfg, &err);
	if (!path) {
		if (err.msg[0])
			pd_cli_errorf(cli, "%s", err.msg);
		else
			pd_cli_errorf(cli, "cannot tell where the database is: set --db FILE or PARTNERDESK_DB");
		return false;
	}
	if ((flags & PD_OPEN_CREATE) && !pd_cli_make_data_dir(cli, path, NULL)) {
		free(path);
		return false;
	}
	struct stat st;
	if (!(flags & PD_OPEN_CREATE) && stat(path, &st) != 0 && errno == ENOENT) {
		/* add makes the default data directory, not another: there it
		 * would fail as this should not have promised. */
		if (pd_db_dir_missing(path) && !in_data_dir(path)) {
			char missing[PD_ERROR_MSG_MAX];
			pd_db_dir_words(path, missing, sizeof missing);
			pd_cli_errorf(cli, "there is no database at %s: %s, then 'partnerdesk add NAME' "
			              "creates it there; or name another with --db FILE", path, missing);
		} else {
			pd_cli_errorf(cli, "there is no database at %s yet; 'partnerdesk add NAME' "
			              "creates it, or name one with --db FILE", path);
		}
		free(path);
		return false;
	}
	if (pd_db_on_network_fs(path))
		pd_cli_errorf(cli, "warning: %s is on a network file system; SQLite's locking "
		              "is unreliable there, so keep the database on a local disk", path);
	cli->db = pd_db_open(path, flags, &cli->cfg->rules, &err);
	if (!cli->db) {
		pd_cli_errorf(cli, "%s", err.msg);
		free(path);
		return false;
	}
	free(path);
	if (pd_db_note(cli->db))
		pd_cli_errorf(cli, "note: %s", pd_db_note(cli->db));
	if (cli->may_hold && pd_db_readonly_why(cli->db) && !cli->held_out) {
		/* Without a place to hold it the output goes out as it comes;
		 * pd_cli_run then warns if the look did not hold. */
		cli->held_out = tmpfile();
		cli->held_err = cli->held_out ? tmpfile() : NULL;
		if (!cli->held_err) {
			if (cli->held_out)
				fclose(cli->held_out);
			cli->held_out = NULL;
		} else {
			cli->shown_out = cli->out;
			cli->shown_err = cli->err;
			cli->out = cli->held_out;
			cli->err = cli->held_err;
		}
	}
	return true;
}

/* Whether a and b are the same terminal (one device, whatever its names). */
static bool same_terminal(FILE *a, FILE *b)
{
	struct stat sa, sb;
	return a && b && isatty(fileno(a)) && isatty(fileno(b))
	       && fstat(fileno(a), &sa) == 0 && fstat(fileno(b), &sb) == 0
	       && sa.st_rdev == sb.st_rdev;
}

/* Where out and err show: the stream a held one stands in front of. */
static FILE *shown_out(const pd_cli *cli)
{
	return cli->held_out && cli->out == cli->held_out ? cli->shown_out : cli->out;
}

static FILE *shown_err(const pd_cli *cli)
{
	return cli->held_err && cli->err == cli->held_err ? cli->shown_err : cli->err;
}

FILE *pd_cli_progress(const pd_cli *cli, bool data_on_stdout)
{
	FILE *err = shown_err(cli), *out = shown_out(cli);
	/* A progress line redrawn with \r among the lines of the data itself
	 * tears both (`export` or `list --format csv` straight to the
	 * terminal), and the data scrolling by shows the progress anyway.
	 * Output that comes only at the end (a summary, a file written with
	 * -o) keeps its progress line: that is the import a user waits for. */
	if (data_on_stdout && same_terminal(out, err))
		return NULL;
	return err;
}

bool pd_cli_to_stdout(const pd_cli *cli)
{
	return shown_out(cli) == stdout;
}

/* The width of the terminal fd is, when the stream in question shows on
 * it (shown); else 0. */
static int terminal_cols(bool shown, int fd)
{
	struct winsize ws;
	if (shown && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0)
		return ws.ws_col;
	return 0;
}

int pd_cli_terminal_cols(const pd_cli *cli)
{
	return terminal_cols(pd_cli_to_stdout(cli), STDOUT_FILENO);
}

int pd_cli_err_terminal_cols(const pd_cli *cli)
{
	return terminal_cols(shown_err(cli) == stderr, STDERR_FILENO);
}

/* Copies what f holds to to; false on a write error. */
static bool pass_on(FILE *f, FILE *to)
{
	char buf[65536];
	size_t n;
	bool ok = fflush(f) == 0 && fseek(f, 0, SEEK_SET) == 0;
	while (ok && (n = fread(buf, 1, sizeof buf, f)) > 0)
		ok = fwrite(buf, 1, n, to) == n;
	/* Flushed here, while errno still tells why it failed. */
	return ok && !ferror(f) && fflush(to) == 0;
}

static void drop_held(pd_cli *cli)
{
	if (cli->held_out)
		fclose(cli->held_out);
	if (cli->held_err)
		fclose(cli->held_err);
	cli->held_out = cli->held_err = NULL;
}

/* How many times a command is run again on a file that keeps changing
 * under an immutable look before it gives up. */
#define RUNS_MAX 5

int pd_cli_run(const pd_command *cmd, pd_cli *cli, int argc, char **argv)
{
	FILE *out = cli->out ? cli->out : stdout, *err = cli->err ? cli->err : stderr;
	/* A write past a file size limit (ulimit -f) killed the command
	 * (SIGXFSZ), with the shell's "File size limit exceeded" and no word
	 * of its own, a log's note nowhere: ignored, the write fails and the
	 * command says why (a log keeps its note in a file). */
	signal(SIGXFSZ, SIG_IGN);
	for (int run = 1;; run++) {
		cli->out = out;
		cli->err = err;
		/* getopt_long starts afresh on the command's argv (GNU getopt
		 * has permuted it, which parses the same). */
		optind = 0;
		opterr = 1;
		cli->may_hold = true;
		int status = cmd->run(cli, argc, argv);
		/* A command that cleared may_hold checks its own look. */
		bool stale = cli->may_hold && cli->db && pd_db_stale(cli->db);
		bool held = cli->held_out != NULL;
		cli->out = out;
		cli->err = err;
		if (!stale || !held || run == RUNS_MAX) {
			if (held && !stale && (!pass_on(cli->held_err, err) || !pass_on(cli->held_out, out))) {
				pd_cli_errorf(cli, "cannot write the output: %s", strerror(errno));
				status = PD_EXIT_FAIL;
			}
			drop_held(cli);
			if (stale) {
				pd_cli_errorf(cli, held ? "%s kept changing while it was read; try again"
				                        : "warning: %s changed while it was read; what was "
				                          "printed may mix old and new, so run it again",
				              pd_db_path(cli->db));
				status = PD_EXIT_FAIL;
			}
			return status;
		}
		drop_held(cli);
		pd_db_close(cli->db);
		cli->db = NULL;
	}
}

void pd_cli_close(pd_cli *cli)
{
	drop_held(cli);
	/* The database borrows the config's rules: close it first. */
	pd_db_close(cli->db);
	cli->db = NULL;
	pd_config_destroy(cli->cfg);
	cli->cfg = NULL;
}
