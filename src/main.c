/* partnerdesk's entry point: global options, then a subcommand or the
 * terminal interface. Argument parsing and dispatch, nothing else. */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/command.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/keymap.h"
#include "pd_build_config.h"

static void usage(FILE *f)
{
	fputs("usage: partnerdesk [--db FILE] [--config FILE] [--demo]\n"
	      "       partnerdesk [--db FILE] [--config FILE] COMMAND [ARGS...]\n"
	      "       partnerdesk --help | --version\n\n"
	      "With no command, the terminal interface starts.\n\ncommands:\n", f);
	for (size_t i = 0; i < pd_commands_count; i++)
		fprintf(f, "  %-10s %s\n", pd_commands[i]->name, pd_commands[i]->summary);
	fputs("\n'partnerdesk COMMAND --help' shows a command's options;\n'man partnerdesk' tells all.\n", f);
}

/* A usage error naming what was typed: a word on the command line can hold
 * an escape sequence (pasted, or a hostile script's), which must reach the
 * terminal as placeholders, as the subcommands' own usage errors do. */
static void say_typed(const char *before, const char *typed, const char *after)
{
	char *shown = pd_sanitize(typed, 0);
	char *hint = pd_sanitize(after, 0);
	fprintf(stderr, "partnerdesk: %s'%s'%s\n", before, shown ? shown : "?", hint ? hint : "");
	free(hint);
	free(shown);
}

/* After a usage error: the synopsis and where to read more, short enough
 * that the line saying what was wrong stays on a small terminal. */
static void short_usage(FILE *f, bool commands)
{
	fputs("usage: partnerdesk [--db FILE] [--config FILE] [--demo]\n"
	      "       partnerdesk [--db FILE] [--config FILE] COMMAND [ARGS...]\n", f);
	if (commands) {
		fputs("commands:", f);
		for (size_t i = 0; i < pd_commands_count; i++)
			fprintf(f, "%s %s", i ? "," : "", pd_commands[i]->name);
		fputs("\n", f);
	}
	fputs("see 'partnerdesk --help'\n", f);
}

static int run(int argc, char **argv)
{
	enum { OPT_DB = 256, OPT_CONFIG, OPT_DEMO, OPT_VERSION };
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"config", required_argument, NULL, OPT_CONFIG},
		{"demo", no_argument, NULL, OPT_DEMO},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, OPT_VERSION},
		{NULL, 0, NULL, 0},
	};
	pd_ui_options ui = {0};

	setlocale(LC_ALL, "");
	/* '+' stops at the first non-option: the subcommand owns the rest. */
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			if (!*optarg) {
				fprintf(stderr, "partnerdesk: %s\n", PD_PATHS_EMPTY_DB_FLAG);
				short_usage(stderr, false);
				return PD_EXIT_USAGE;
			}
			ui.db_flag = optarg;
			break;
		case OPT_CONFIG: ui.config_flag = optarg; break;
		case OPT_DEMO: ui.demo = true; break;
		case 'h': usage(stdout); return PD_EXIT_OK;
		case OPT_VERSION: printf("partnerdesk %s\n", PD_VERSION); return PD_EXIT_OK;
		case ':':
			say_typed("option ", argv[optind - 1], " needs a value");
			short_usage(stderr, false);
			return PD_EXIT_USAGE;
		default:
			/* In a cluster such as -xy, optind has not moved past the
			 * element yet: name the letter, not argv[optind - 1]. */
			if (optopt > 0 && optopt < 0x100) {
				say_typed("unknown option ", (char[]){'-', (char)optopt, '\0'}, "");
			} else {
				const char *globals[sizeof opts / sizeof *opts];
				size_t n = 0;
				for (const struct option *o = opts; o->name; o++)
					globals[n++] = o->name;
				char hint[256];
				pd_command_option_hint(argv[optind - 1], globals, n, hint, sizeof hint);
				say_typed("unknown option ", argv[optind - 1], hint);
			}
			short_usage(stderr, false);
			return PD_EXIT_USAGE;
		}
	}

	if (optind >= argc)
		return pd_ui_run(&ui);

	const pd_command *cmd = pd_command_find(argv[optind]);
	if (!cmd) {
		char hint[128], after[160];
		pd_command_hint(argv[optind], hint, sizeof hint);
		snprintf(after, sizeof after, " is not a command%s", hint);
		say_typed("", argv[optind], after);
		short_usage(stderr, true);
		return PD_EXIT_USAGE;
	}
	if (ui.demo) {
		fprintf(stderr, "partnerdesk: --demo starts the interface; it takes no command\n");
		return PD_EXIT_USAGE;
	}
	pd_cli cli = {
		.db_flag = ui.db_flag,
		.config_flag = ui.config_flag,
		.out = stdout,
		.err = stderr,
		.check_keys = pd_keymap_check,
	};
	int first = optind;
	int status = pd_cli_run(cmd, &cli, argc - first, argv + first);
	pd_cli_close(&cli);
	return status;
}

/* stdout is fully buffered into a file or pipe, so the last block is only
 * written at exit, where a failure (a full disk, /dev/full) would go
 * unseen and a script would take an empty file for success: flush it here
 * and say so. A command that failed has already said why. */
int main(int argc, char **argv)
{
	int status = run(argc, argv);
	errno = 0;
	int flushed = fflush(stdout);
	int e = errno;
	if (flushed != 0 || ferror(stdout)) {
		if (status == PD_EXIT_OK) {
			if (e)
				fprintf(stderr, "partnerdesk: cannot write the output: %s\n", strerror(e));
			else
				fputs("partnerdesk: cannot write the output\n", stderr);
		}
		status = PD_EXIT_FAIL;
	}
	return status;
}
