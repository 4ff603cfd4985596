/* Subcommands as declarative descriptors, kept in one sorted table and found
 * by name (the tmux cmd-*.c idea). Each lives in its own src/cli/ file. */
#ifndef PARTNERDESK_CLI_COMMAND_H
#define PARTNERDESK_CLI_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "partnerdesk/config/config.h"
#include "partnerdesk/model/db.h"

/* Exit statuses of DESIGN.md. */
enum { PD_EXIT_OK = 0, PD_EXIT_FAIL = 1, PD_EXIT_USAGE = 2 };

/* What every command gets: the global options and, once opened, the config
 * and the database. Commands print data to `out`, messages to `err` as
 * "partnerdesk: ...". */
typedef struct pd_cli {
	const char *db_flag;       /* --db, or NULL */
	const char *config_flag;   /* --config, or NULL */
	pd_config *cfg;            /* loaded by pd_cli_open */
	pd_db *db;                 /* opened by pd_cli_open */
	FILE *out, *err;
	/* Set by pd_cli_run. A reader (a user who may not write the database)
	 * may read a file nobody has open as immutable, a look that holds only
	 * if nobody wrote meanwhile (pd_db_stale): pd_cli_open then points out
	 * and err here, and pd_cli_run passes on what they hold once the look
	 * proved good, or runs the command again. */
	bool may_hold;
	FILE *held_out, *held_err;
	/* Where out and err finally go (out and err themselves unless held):
	 * a terminal's width and a progress line belong there. */
	FILE *shown_out, *shown_err;
	/* Checks the config's `keys:` for `check`. Only the interface knows
	 * its actions and key names (and links curses), so main hands its
	 * checker in here; NULL leaves the keys unchecked. */
	bool (*check_keys)(const pd_config *cfg, pd_error *err);
} pd_cli;

typedef struct pd_command {
	const char *name;          /* "add", "contact", ... */
	const char *summary;       /* one line for `partnerdesk --help` */
	const char *usage;         /* full usage text for `partnerdesk NAME --help` */
	/* argv[0] is the command name; returns a PD_EXIT_* status. */
	int (*run)(pd_cli *cli, int argc, char **argv);
	/* --help where it says more than usage (NULL: usage alone); a
	 * PD_EXIT_* status. */
	int (*help)(pd_cli *cli);
} pd_command;

/* The table, sorted by name (a unit test holds it to that). */
extern const pd_command *const pd_commands[];
extern const size_t pd_commands_count;
const pd_command *pd_command_find(const char *name);
/* What to add to "'TYPED' is not a command" ("; did you mean 'list'?"):
 * the command a typo or another program's word meant, or "" when none. */
void pd_command_hint(const char *typed, char *hint, size_t len);
/* The same for an unknown option before the command: a typo of one of
 * the global options, or a command's option written before its command
 * (which commands take it). */
void pd_command_option_hint(const char *word, const char *const *globals, size_t n_globals, char *hint,
                            size_t len);

/* Loads the config and opens the database as the flags and environment say;
 * prints the error and returns false on failure. `flags` are PD_OPEN_*. */
bool pd_cli_open(pd_cli *cli, unsigned flags);
/* Creates the default data directory (0700) when the database at db_path
 * is to live there and it does not exist yet; a path the user named is
 * left alone. *made (if given): the directory made, for the caller to
 * free (and remove, if it ends up unused), or NULL. false after a message. */
bool pd_cli_make_data_dir(pd_cli *cli, const char *db_path, char **made);
void pd_cli_close(pd_cli *cli);

/* Runs cmd on argv (argv[0] its name) and returns its exit status. A
 * command that read a file as immutable while someone changed it runs
 * again (see may_hold), so what it prints comes from one state of the
 * file. */
int pd_cli_run(const pd_command *cmd, pd_cli *cli, int argc, char **argv);

/* Where a progress line goes: the terminal behind err even while output
 * is held (a progress line is not part of what is held). data_on_stdout:
 * the command prints its data while the progress runs (export to standard
 * output, list's data formats, a dry run's rows); then NULL when standard
 * output is the very terminal the progress line would be drawn on. */
FILE *pd_cli_progress(const pd_cli *cli, bool data_on_stdout);
/* Whether what is printed ends on standard output. */
bool pd_cli_to_stdout(const pd_cli *cli);
/* The width of the terminal what is printed ends on, in columns; 0 when it
 * goes to a pipe or a file (or the terminal does not say), where a table
 * prints its rows whole for scripts. */
int pd_cli_terminal_cols(const pd_cli *cli);
/* The same for the messages, on standard error. */
int pd_cli_err_terminal_cols(const pd_cli *cli);

/* Where a data format (CSV, JSON, YAML ...) is printed: cli->out itself,
 * or, when that is standard output on a terminal, a stream in front of it
 * that shows control characters and escape sequences as the tables do
 * (^[ for ESC), so that a hostile name cannot drive the terminal; a file
 * or a pipe gets the exact bytes. */
FILE *pd_cli_data_out(pd_cli *cli);
/* Ends what pd_cli_data_out began (writing out what it held); false when
 * writing failed. */
bool pd_cli_data_out_end(pd_cli *cli, FILE *f);

/* "partnerdesk: <formatted>\n" on cli->err. */
void pd_cli_errorf(pd_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
