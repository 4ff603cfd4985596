/* `partnerdesk complete WHAT`: the words shell completion offers, one per
 * line: commands, stages, kinds, channels, reports, periods, and the
 * names of partners and of a partner's contact persons read from the
 * database. Used by completion/partnerdesk.bash and completion/_partnerdesk,
 * so they never keep their own copy of a list. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/report.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_complete = {
	.name = "complete",
	.summary = "words for shell completion (partners, stages, kinds, ...)",
	.usage =
	"usage: partnerdesk complete commands|partners|stages|kinds|channels|audiences|\n"
	"                            goals|reports|periods\n"
	"       partnerdesk complete contacts PARTNER\n"
	"\n"
	"Prints the words shell completion offers, one per line: partner names,\n"
	"and the contact persons of PARTNER, come from the database (nothing, and\n"
	"no error, when there is none yet or no such partner); stages, kinds,\n"
	"channels, audiences and goals from the config.\n",
	.run = run,
};

static const struct option options[] = {
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static const char *const whats[] = {
	"commands", "partners", "contacts", "stages", "kinds", "channels", "audiences", "goals", "reports", "periods", NULL,
};

static void words(pd_cli *cli, const pd_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		pd_cli_printf(cli, "%s\n", sv->v[i]);
}

/* A shell asking for words must never see an error: the command's error
 * stream goes to /dev/null (returned, to close) until unmute(). */
static FILE *mute(pd_cli *cli, FILE **was)
{
	FILE *quiet = fopen("/dev/null", "w");
	*was = cli->err;
	if (quiet)
		cli->err = quiet;
	return quiet;
}

/* Opening may have set an error stream of its own (one that holds what a
 * read-only look says until it is known to hold): that one stays. */
static void unmute(pd_cli *cli, FILE *was, FILE *quiet)
{
	if (!quiet)
		return;
	if (cli->err == quiet)
		cli->err = was;
	fclose(quiet);
}

/* No database yet simply has no names, and none is created. */
static bool open_quietly(pd_cli *cli)
{
	FILE *was, *quiet = mute(cli, &was);
	bool opened = pd_cli_open(cli, PD_OPEN_READONLY);
	unmute(cli, was, quiet);
	return opened;
}

/* One name a line: a newline or tab inside a name would split it. */
static void name_line(pd_cli *cli, char *name)
{
	pd_text_spaced(name);
	pd_cli_printf(cli, "%s\n", name ? name : "");
}

static int partners(pd_cli *cli)
{
	if (!open_quietly(cli))
		return PD_EXIT_OK;
	pd_error e = {0};
	pd_partner_query q = {.sort = PD_SORT_NAME};
	pd_partner_rows rows = {0};
	if (!pd_partner_query_run(cli->db, &q, &rows, &e))
		return PD_EXIT_OK;
	for (size_t i = 0; i < rows.n; i++)
		name_line(cli, rows.v[i].name);
	pd_partner_rows_finish(&rows);
	return PD_EXIT_OK;
}

/* The people of one partner, as `contact edit|delete` takes them; nothing
 * for a partner not found or not told apart from another. */
static int contacts(pd_cli *cli, const char *partner)
{
	if (!open_quietly(cli))
		return PD_EXIT_OK;
	FILE *was, *quiet = mute(cli, &was);
	int64_t id = pd_cli_partner(cli, partner);
	unmute(cli, was, quiet);
	if (!id)
		return PD_EXIT_OK;
	pd_error e = {0};
	pd_contacts cs = {0};
	if (!pd_contact_list(cli->db, id, &cs, &e))
		return PD_EXIT_OK;
	for (size_t i = 0; i < cs.n; i++)
		name_line(cli, cs.v[i].name);
	pd_contacts_finish(&cs);
	return PD_EXIT_OK;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_complete;
	int c;
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		int status = pd_cli_option(cli, cmd, options, c, argv);
		if (status != PD_CLI_CONTINUE)
			return status;
	}
	if (argc - optind < 1 || !pd_cli_one_of(argv[optind], whats))
		return pd_cli_usage_error(cli, cmd, "complete takes one of: commands, partners, contacts, stages, "
		                          "kinds, channels, audiences, goals, reports, periods");
	const char *what = argv[optind];
	if (strcmp(what, "contacts") == 0) {
		optind++;   /* past "contacts": the PARTNER, as every command asks for one */
		int status = pd_cli_partner_operand(cli, cmd, argc, "complete contacts");
		if (status != PD_CLI_CONTINUE)
			return status;
		return contacts(cli, argv[optind]);
	}
	if (argc - optind != 1)
		return pd_cli_usage_error(cli, cmd, "complete %s takes nothing more", what);
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
