/* What every subcommand shares when it parses its arguments: the options
 * each accepts (--db, --config, --help), usage errors (exit 2), failures
 * (exit 1), and small argument helpers. */
#ifndef PARTNERDESK_CLI_OPTIONS_H
#define PARTNERDESK_CLI_OPTIONS_H

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "partnerdesk/cli/command.h"
#include "partnerdesk/model/contact_check.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/strv.h"
#include "partnerdesk/model/text.h"

enum { PD_OPT_DB = 0x1000, PD_OPT_CONFIG, PD_OPT_HELP, PD_OPT__FIRST_FREE };

/* The options every command accepts after its name; put these last in a
 * command's struct option array, before the terminator. */
#define PD_CLI_COMMON_OPTIONS \
	{"db", required_argument, NULL, PD_OPT_DB}, \
	{"config", required_argument, NULL, PD_OPT_CONFIG}, \
	{"help", no_argument, NULL, PD_OPT_HELP}

/* pd_cli_option's "keep parsing" answer. */
#define PD_CLI_CONTINUE (-1)

/* getopt_long over a command's argv with the house settings (options may
 * follow operands; errors are reported by pd_cli_option, not getopt). The
 * short option string gets ":h" prepended. */
int pd_cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

/* Handles what a command's own switch does not: --db, --config, --help/-h
 * (usage on stdout, exit 0), an unknown option or a missing argument
 * (usage on stderr, exit 2). longopts are the ones given to pd_cli_getopt:
 * a mistyped option is said with the one of them meant. Returns
 * PD_CLI_CONTINUE or an exit status. */
int pd_cli_option(pd_cli *cli, const pd_command *cmd, const struct option *longopts, int c, char **argv);

/* The options of a command whose only own one is --force (backup,
 * delete): *force says if it was given; PD_CLI_CONTINUE, or the exit
 * status pd_cli_option answers with. */
int pd_cli_force_only(pd_cli *cli, const pd_command *cmd, int argc, char **argv, bool *force);

/* --format's value (optarg), one of the command's NULL-terminated
 * formats: PD_CLI_CONTINUE with *format set to it, else the usage error
 * "--format is table or json, not 'x'" naming them (2). */
int pd_cli_format(pd_cli *cli, const pd_command *cmd, const char *const *formats, const char **format);
/* The usage error (2) for a value not among the NULL-terminated values
 * an option (what: "--sort") takes: "--sort is name, stage or kind, not
 * 'nmae' (did you mean 'name'?)", the one a typo most likely meant named. */
/* The one of words a typed word most likely meant, for "did you mean":
 * pd_suggest's, held to what a typo makes of a word that long (one
 * letter off under four letters; two under six only from the same first
 * letter; pd_suggest_near beyond), or one the word starts; NULL when none. */
const char *pd_cli_guess(const char *typed, const char *const *words, size_t n);
int pd_cli_not_one_of(pd_cli *cli, const pd_command *cmd, const char *what, const char *typed,
                      const char *const *values);

/* The one rule of --excel (export, list, report): CSV for a spreadsheet,
 * it stands for --format csv, goes with it, and refuses another format
 * rather than be ignored. *format is the format asked for (NULL: none)
 * and becomes the one to write: csv under --excel, else plain when none
 * was asked. from_file is NULL when *format came from --format, else the
 * file whose extension named it (export -o FILE). PD_CLI_CONTINUE, or the
 * usage error (2) "--excel writes CSV, not json (--format json); drop
 * --format or --excel". */
int pd_cli_excel_format(pd_cli *cli, const pd_command *cmd, bool excel, const char **format,
                        const char *plain, const char *from_file);

/* "partnerdesk: <msg>", the command's synopsis (its usage up to the first
 * blank line) and "see 'partnerdesk NAME --help'", on stderr; returns 2. */
int pd_cli_usage_error(pd_cli *cli, const pd_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* --email, --phone or --website VALUE: PD_CLI_CONTINUE when it can be one
 * (pd_reach_check; "" clears the field), else the usage error saying what
 * is wrong with it (2), as a value --scale or --review can't take is. */
int pd_cli_check_reach(pd_cli *cli, const pd_command *cmd, pd_reach what, const char *value);
/* Stores a checked --email, --phone or --website VALUE in *field without
 * the white space at its ends (the check ignores it, and the forms store
 * values trimmed: a pasted " jane@museum.org " is the address); NULL when
 * nothing is left. False only out of memory. */
bool pd_cli_set_reach(char **field, const char *value);

/* Prints err's message and returns 1. */
int pd_cli_fail(pd_cli *cli, const pd_error *err);

/* Human-readable output on cli->out: the format's text as it is, every
 * %s or %c argument through the sanitizer with nothing kept (a TAB or
 * newline in a name shows as ^I / ^J, as in the tables): for
 * confirmations and cards that quote data. */
void pd_cli_printf(pd_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One conversion of a pd_cli_printf format, from its '%' at *fmt: formats
 * it alone with its argument(s) into b, sanitized (flags 0) when it is
 * text, and moves *fmt past it. The conversions the command line uses:
 * flags, width and precision (numbers or '*'), the length modifiers
 * hh h l ll z j t L, and d i u o x X c s f e g p %. */
void pd_cli_format_one(const char **fmt, va_list *ap, pd_strbuf *b);

/* len bytes of s (a note, a card's free text) on cli->out through the
 * sanitizer, its TABs and newlines kept as typed. */
void pd_cli_print_text(pd_cli *cli, const char *s, size_t len);

/* "partnerdesk: warning: <msg>" on stderr. */
void pd_cli_warnf(pd_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Warns that date (YYYY-MM-DD; nothing when empty) is before today, so a
 * typo in a follow-up or review date is seen: "WHAT DATE is already past;
 * it shows as overdue". */
void pd_cli_warn_past(pd_cli *cli, const char *what, const char *date, time_t now);
/* Warns when another partner than self_id (0: none yet) already has name
 * (folded and space-collapsed), as add and a rename by edit both do: "a
 * partner with this name already exists (id N)". */
void pd_cli_warn_same_name(pd_cli *cli, const char *name, int64_t self_id);
/* "'engagment' is not a stage (did you mean 'engagement'?); the stages
 * are: ..." as an error, for add, move and list: the stage a typo most
 * likely meant is named first, as an option's is. */
void pd_cli_no_stage(pd_cli *cli, const char *typed);
/* A --channel as the config spells it ("Email" is "email"), or typed
 * itself when the config lists none; NULL, said (with the channel a typo
 * most likely meant), when the config lists none such. */
const char *pd_cli_channel(pd_cli *cli, const char *typed);
/* Warns that kind is not one the config lists, naming the kind it most
 * likely meant ("'Musuem' is not a configured kind (did you mean
 * 'museum'?)"), else the configured kinds; then tail ("added anyway"), if
 * not NULL.
 * A typo kept unseen would be a kind of its own in the lists and the
 * reports. */
void pd_cli_warn_kind(pd_cli *cli, const char *kind, const char *tail);
/* The same for an audience, always kept as written: "'tens' is not a
 * configured audience (did you mean 'teens'?); kept as written". */
void pd_cli_warn_audience(pd_cli *cli, const char *audience);
/* Spells each of branches as the desk's partners spell it (case and
 * spacing aside) and warns of one no partner has yet, naming the desk's
 * branches, as add and edit --add-branch do. False (said) when the desk's
 * branches could not be read or memory ran out. */
bool pd_cli_branches_as_spelled(pd_cli *cli, pd_strv *branches);

/* The name of a long option as typed ("--stage=x" is "stage") into name,
 * for an unknown option's hint; false when word is no long option or the
 * name does not fit in size. */
bool pd_cli_long_option_name(const char *word, char *name, size_t size);

/* True when s is one of the NULL-terminated choices. */
bool pd_cli_one_of(const char *s, const char *const *choices);
/* The one of choices that s is, in any case ("CSV" is csv), else NULL:
 * an operand that names an option's value ("export csv"), for saying
 * which option takes it. */
const char *pd_cli_names_one_of(const char *s, const char *const *choices);

/* The choices joined with ", " into buf. */
const char *pd_cli_join(const char *const *choices, size_t n, char *buf, size_t size);

/* A positive or zero decimal integer, nothing else. */
bool pd_cli_parse_int(const char *s, long min, long max, long *out);


/* Resolves PARTNER (id, name, unique prefix) or prints why not; 0 on error. */
int64_t pd_cli_partner(pd_cli *cli, const char *text);
/* Whether one PARTNER operand is left after the options: PD_CLI_CONTINUE,
 * else the usage error (2) "WHAT: which PARTNER?" for none or "WHAT takes
 * one PARTNER; quote a name with spaces" for more. */
int pd_cli_partner_operand(pd_cli *cli, const pd_command *cmd, int argc, const char *what);
/* That operand, the database opened as `flags` say (PD_OPEN_*) and it
 * resolved into *id: PD_CLI_CONTINUE, or the exit status. */
int pd_cli_one_partner(pd_cli *cli, const pd_command *cmd, int argc, char **argv, const char *what,
	unsigned flags, int64_t *id);
/* Resolves a contact person of the partner ("#ID", an id, a name or
 * unique prefix) or prints why not, listing the candidates; `pick` is how
 * the message says to choose one ("--contact '#ID'"). 0 on error. */
int64_t pd_cli_contact(pd_cli *cli, int64_t partner_id, const char *text, const char *pick);

#endif
