/* `partnerdesk complete WHAT`: the words shell completion offers, one per
 * line: commands, stages, kinds, channels, reports, periods, and partner
 * names read from the database. Used by completion/partnerdesk.bash and
 * completion/_partnerdesk, so they never keep their own copy of a list. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/report.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_complete = {
	.name = "complete",
	.summary = "words for shell completion (partners, stages, kinds, ...)",
	.usage =
	"usage: partnerdesk complete commands|partners|stages|kinds|channels|audiences|goals|reports|periods\n"
	"\n"
	"Prints the words shell completion offers, one per line: partner names\n"
	"come from the database (nothing, and no error, when there is none yet);\n"
	"stages, kinds, channels, audiences and goals from the config.\n",
	.run = run,
};

static const struct option options[] = {
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static const char *const whats[] = {
	"commands", "partners", "stages", "kinds", "channels", "audiences", "goals", "reports", "periods", NULL,
};

static void words(pd_cli *cli, const pd_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		pd_cli_printf(cli, "%s\n", sv->v[i]);
}

static int partners(pd_cli *cli)
{
	/* A shell asking for words must never see an error or create a file:
	 * no database yet simply has no names. */
	FILE *quiet = fopen("/dev/null", "w");
	FILE *err = cli->err;
	if (quiet)
		cli->err = quiet;
	bool opened = pd_cli_open(cli, PD_OPEN_READONLY);
	cli->err = err;
	if (quiet)
		fclose(quiet);
	if (!opened)
		return PD_EXIT_OK;
	pd_error e = {0};
	pd_partner_query q = {.sort = PD_SORT_NAME};
	pd_partner_rows rows = {0};
	if (!pd_partner_query_run(cli->db, &q, &rows, &e))
		return PD_EXIT_OK;
	for (size_t i = 0; i < rows.n; i++) {
		/* One name a line: a newline inside a name would split it. */
		char *name = rows.v[i].name;
		for (char *s = name; s && *s; s++)
			if (*s == '\n' || *s == '\r' || *s == '\t')
				*s = ' ';
		pd_cli_printf(cli, "%s\n", name ? name : "");
	}
	pd_partner_rows_finish(&rows);
	return PD_EXIT_OK;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_complete;
	int c;
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		int status = pd_cli_option(cli, cmd, c, argv);
		if (status != PD_CLI_CONTINUE)
			return status;
	}
	if (argc - optind != 1 || !pd_cli_one_of(argv[optind], whats))
		return pd_cli_usage_error(cli, cmd, "complete takes one of: commands, partners, stages, kinds, "
		                          "channels, audiences, goals, reports, periods");
	const char *what = argv[optind];
	if (strcmp(what, "commands") == 0) {
		for (size_t i = 0; i < pd_commands_count; i++)
			pd_cli_printf(cli, "%s\n", pd_commands[i]->name);
		return PD_EXIT_OK;
	}
	if (strcmp(what, "reports") == 0) {
		for (int i = 0; i < PD_REPORT__COUNT; i++)
			pd_cli_printf(cli, "%s\n", pd_report_kind_name((pd_report_kind)i));
		return PD_EXIT_OK;
	}
	if (strcmp(what, "periods") == 0) {
		for (int i = 0; i < PD_PERIOD__COUNT; i++)
			pd_cli_printf(cli, "%s\n", pd_report_period_name((pd_report_period)i));
		return PD_EXIT_OK;
	}
	if (strcmp(what, "partners") == 0)
		return partners(cli);
	/* The rest come from the config alone: no database needed. */
	pd_error err = {0};
	cli->cfg = pd_paths_load_config(cli->config_flag, &err);
	if (!cli->cfg) {
		pd_cli_errorf(cli, "%s", err.msg);
		return PD_EXIT_FAIL;
	}
	const pd_rules *r = &cli->cfg->rules;
	if (strcmp(what, "stages") == 0) {
		for (size_t i = 0; i < r->n_stages; i++)
			pd_cli_printf(cli, "%s\n", r->stages[i].name);
	} else if (strcmp(what, "kinds") == 0) {
		words(cli, &r->kinds);
	} else if (strcmp(what, "channels") == 0) {
		words(cli, &r->channels);
	} else if (strcmp(what, "goals") == 0) {
		words(cli, &r->goals);
	} else {
		words(cli, &r->audiences);
	}
	return PD_EXIT_OK;
}
