/* `partnerdesk merge FROM INTO`: a partner added twice or by mistake put
 * into the one kept, everything it holds moved and FROM deleted (the model
 * does it in one transaction, merge.h); --dry-run says what would move. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_merge = {
	.name = "merge",
	.summary = "put a partner added twice into the one kept",
	.usage =
	"usage: partnerdesk merge FROM INTO [--dry-run]\n"
	"\n"
	"Moves everything partner FROM holds to partner INTO, then deletes FROM:\n"
	"its people, log, agreements, unsaved drafts, the fit scores and goals INTO\n"
	"has none of (where both scored a criterion INTO's score is kept and\n"
	"FROM's is named as dropped; a goal both hold keeps INTO's note), its\n"
	"tags, audiences and branches, and its notes, appended to INTO's under\n"
	"a line naming FROM, with FROM's stage moves (INTO keeps its own stage\n"
	"and stage history; the audit trail keeps each move). INTO's empty\n"
	"fields (website, phone, address, ...)\n"
	"are filled from FROM's; its filled ones stay. All in one change, in\n"
	"the audit trail. --dry-run prints what would move and writes nothing.\n",
	.run = run,
};

enum { OPT_DRY_RUN = PD_OPT__FIRST_FREE };

static const struct option options[] = {
	{"dry-run", no_argument, NULL, OPT_DRY_RUN},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

/* A stage as people read it: its label, else its name. */
static void stage_label(pd_cli *cli, const char *name, char *out, size_t size)
{
	const pd_stage *st = name ? pd_rules_stage(pd_db_rules(cli->db), name) : NULL;
	pd_format(out, size, "%s", st && st->label ? st->label : name ? name : "");   /* on a character's edge */
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_merge;
	bool dry = false;
	int c;
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_DRY_RUN: dry = true; break;
		default: {
			int status = pd_cli_option(cli, cmd, options, c, argv);
			if (status != PD_CLI_CONTINUE)
				return status;
		}
		}
	}
	if (argc - optind != 2)
		return pd_cli_usage_error(cli, cmd, "merge takes FROM and INTO, the partner to put into the one kept");
	if (!pd_cli_open(cli, 0))
		return PD_EXIT_FAIL;
	int64_t from = pd_cli_partner(cli, argv[optind]);
	if (!from)
		return PD_EXIT_FAIL;
	int64_t into = pd_cli_partner(cli, argv[optind + 1]);
	if (!into)
		return PD_EXIT_FAIL;
	pd_error err = {0};
	/* The partners' names whole (200 characters, up to 800 bytes): a
	 * fixed buffer cut them inside a character. */
	char from_stage[128], into_stage[128];
	pd_partner *f = pd_partner_get(cli->db, from, &err), *t = f ? pd_partner_get(cli->db, into, &err) : NULL;
	if (!t) {
		pd_partner_destroy(f);
		return pd_cli_fail(cli, &err);
	}
	const char *from_name = f->name, *into_name = t->name;
	stage_label(cli, f->stage, from_stage, sizeof from_stage);
	stage_label(cli, t->stage, into_stage, sizeof into_stage);
	int status = PD_EXIT_FAIL;
	char *lines = NULL;
	pd_merge_counts counts;
	if (from == into) {
		pd_cli_errorf(cli, "'%s' and '%s' are the same partner (#%lld, %s); merge takes two",
		              argv[optind], argv[optind + 1], (long long)from, from_name);
		goto done;
	}
	if (!pd_partner_merge(cli->db, from, into, dry, &counts, &err)) {
		status = pd_cli_fail(cli, &err);
		goto done;
	}
	if (dry)
		pd_cli_sayf(cli, "would merge %lld: %s into %lld: %s (dry run: nothing written)", (long long)from,
		            from_name, (long long)into, into_name);
	else
		pd_cli_sayf(cli, "merged %lld: %s into %lld: %s", (long long)from, from_name, (long long)into,
		            into_name);
	/* FROM's stage, the one thing a merge does not take, is said last:
	 * a merge the wrong way round is seen at the dry run. Room for each
	 * of its lines to name both partners. */
	size_t size = 8 * (strlen(from_name) + strlen(into_name) + sizeof counts.filled + sizeof counts.dropped)
	              + 1024;
	lines = malloc(size);
	if (!lines) {
		pd_cli_errorf(cli, "out of memory");
		goto done;
	}
	pd_merge_counts_describe(&counts, from_name, into_name, from_stage, into_stage, dry, lines, size);
	for (char *l = lines, *end; l && *l; l = end ? end + 1 : NULL) {
		end = strchr(l, '\n');
		if (end)
			*end = '\0';
		/* Said under the first line, indented: the lines of its account. */
		pd_cli_say_under(cli, "  ", l);
	}
	if (!dry)
		pd_cli_sayf(cli, "  deleted %lld: %s", (long long)from, from_name);
	status = PD_EXIT_OK;
done:
	free(lines);
	pd_partner_destroy(f);
	pd_partner_destroy(t);
	return status;
}
