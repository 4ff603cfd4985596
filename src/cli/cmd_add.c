/* `partnerdesk add NAME ...`: a new partner at the first stage (or --stage),
 * with a warning, not a refusal, for a kind or audience the config does not
 * list or a branch no partner has yet. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_add = {
	.name = "add",
	.summary = "add a partner",
	.usage =
	"usage: partnerdesk add NAME [--kind K] [--stage S] [--scale macro|micro]\n"
	"                       [--tag T]... [--audience A]... [--branch B]...\n"
	"                       [--owner STAFF] [--website URL] [--phone P]\n"
	"                       [--email E] [--address TEXT] [--notes TEXT]\n"
	"                       [--approved-by NAME]\n"
	"\n"
	"Adds a partner at the first stage of the pipeline (or at --stage) and\n"
	"prints its id. A kind or audience the config does not list is accepted\n"
	"with a warning. A branch is stored as the desk's partners spell it\n"
	"(\"north side\" is Northside); one no partner has yet is accepted with\n"
	"a warning naming the desk's branches. An unknown stage is refused, and\n"
	"so is a --website, --phone or --email that can't be one (an email with\n"
	"no @). A stage that a move into needs an approval for (a marriage)\n"
	"needs --approved-by too.\n",
	.run = run,
};

enum {
	OPT_KIND = PD_OPT__FIRST_FREE, OPT_STAGE, OPT_SCALE, OPT_TAG, OPT_AUDIENCE,
	OPT_BRANCH, OPT_OWNER, OPT_WEBSITE, OPT_PHONE, OPT_EMAIL, OPT_ADDRESS, OPT_NOTES,
	OPT_APPROVED_BY,
};

static const struct option options[] = {
	{"kind", required_argument, NULL, OPT_KIND},
	{"stage", required_argument, NULL, OPT_STAGE},
	{"scale", required_argument, NULL, OPT_SCALE},
	{"tag", required_argument, NULL, OPT_TAG},
	{"audience", required_argument, NULL, OPT_AUDIENCE},
	{"branch", required_argument, NULL, OPT_BRANCH},
	{"owner", required_argument, NULL, OPT_OWNER},
	{"website", required_argument, NULL, OPT_WEBSITE},
	{"phone", required_argument, NULL, OPT_PHONE},
	{"email", required_argument, NULL, OPT_EMAIL},
	{"address", required_argument, NULL, OPT_ADDRESS},
	{"notes", required_argument, NULL, OPT_NOTES},
	{"approved-by", required_argument, NULL, OPT_APPROVED_BY},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static const char *const scales[] = {"macro", "micro", NULL};

static int add(pd_cli *cli, pd_partner *p, const char *stage_arg, const char *approved_by)
{
	pd_error err = {0};
	const pd_rules *rules = &cli->cfg->rules;

	if (stage_arg) {
		const pd_stage *st = pd_rules_stage(rules, stage_arg);
		if (!st) {
			pd_cli_no_stage(cli, stage_arg);
			return PD_EXIT_FAIL;
		}
		pd_set_str(&p->stage, st->name);
	}
	if (p->kind) {
		/* Stored as the config spells it: "Museum" kept as typed would
		 * be another kind to list --kind, the reports and the export. */
		bool known;
		char *k = pd_strv_as_listed(&rules->kinds, p->kind, &known);
		if (!k) {
			pd_cli_errorf(cli, "out of memory");
			return PD_EXIT_FAIL;
		}
		free(p->kind);
		p->kind = k;
		if (!known && *p->kind)
			pd_cli_warn_kind(cli, p->kind, "kept as written");
	}
	for (size_t i = 0; i < p->audiences.n; i++) {
		bool known;
		char *a = pd_strv_as_listed(&rules->audiences, p->audiences.v[i], &known);
		if (!a) {
			pd_cli_errorf(cli, "out of memory");
			return PD_EXIT_FAIL;
		}
		free(p->audiences.v[i]);
		p->audiences.v[i] = a;
		if (!known)
			pd_cli_warn_audience(cli, a);
	}
	if (p->branches.n && !pd_cli_branches_as_spelled(cli, &p->branches))
		return PD_EXIT_FAIL;

	if (!pd_partner_add(cli->db, p, approved_by, &err)) {
		if (err.code == PD_ERR_REFUSED) {
			pd_cli_errorf(cli, "%s: give --approved-by NAME", err.msg);
			return PD_EXIT_FAIL;
		}
		return pd_cli_fail(cli, &err);
	}
	/* Once added: a refused add has no name in use to warn of. */
	pd_cli_warn_same_name(cli, p->name, p->id);
	pd_cli_sayf(cli, "added %lld: %s (%s)", (long long)p->id, p->name, p->stage ? p->stage : "");
	return PD_EXIT_OK;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_add;
	pd_partner *p = pd_partner_create();
	const char *stage = NULL, *approved_by = NULL;
	int status = PD_EXIT_FAIL;
	int c;

	if (!p) {
		pd_cli_errorf(cli, "out of memory");
		return PD_EXIT_FAIL;
	}
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		bool ok = true;
		switch (c) {
		case OPT_KIND: ok = pd_set_str(&p->kind, optarg); break;
		case OPT_STAGE: stage = optarg; break;
		case OPT_SCALE:
			if (!pd_cli_one_of(optarg, scales)) {
				status = pd_cli_not_one_of(cli, cmd, "--scale", optarg, scales);
				goto out;
			}
			ok = pd_set_str(&p->scale, optarg);
			break;
		case OPT_TAG: ok = pd_strv_push(&p->tags, optarg); break;
		case OPT_AUDIENCE: ok = pd_strv_push(&p->audiences, optarg); break;
		case OPT_BRANCH: ok = pd_strv_push(&p->branches, optarg); break;
		case OPT_OWNER: ok = pd_set_str(&p->owner, optarg); break;
		case OPT_WEBSITE:
		case OPT_PHONE:
		case OPT_EMAIL: {
			pd_reach what = c == OPT_EMAIL ? PD_REACH_EMAIL : c == OPT_PHONE ? PD_REACH_PHONE
			                : PD_REACH_WEBSITE;
			status = pd_cli_check_reach(cli, cmd, what, optarg);
			if (status != PD_CLI_CONTINUE)
				goto out;
			status = PD_EXIT_FAIL;
			ok = pd_cli_set_reach(c == OPT_EMAIL ? &p->email : c == OPT_PHONE ? &p->phone : &p->website,
			                      optarg);
			break;
		}
		case OPT_ADDRESS: ok = pd_set_str(&p->address, optarg); break;
		case OPT_NOTES: ok = pd_set_str(&p->notes, optarg); break;
		case OPT_APPROVED_BY: approved_by = optarg; break;
		default:
			status = pd_cli_option(cli, cmd, options, c, argv);
			if (status != PD_CLI_CONTINUE)
				goto out;
		}
		if (!ok) {
			pd_cli_errorf(cli, "out of memory");
			goto out;
		}
	}
	if (argc - optind != 1) {
		status = pd_cli_usage_error(cli, cmd, argc - optind == 0 ?
		                            "add: which partner? give a NAME" :
		                            "add takes one NAME; quote a name with spaces");
		goto out;
	}
	char *name = strdup(argv[optind]);
	if (!name || !*pd_trim(name)) {
		free(name);
		status = pd_cli_usage_error(cli, cmd, "add: the NAME is empty");
		goto out;
	}
	free(p->name);
	p->name = name;
	if (!pd_cli_open(cli, PD_OPEN_CREATE))
		goto out;
	status = add(cli, p, stage, approved_by);
out:
	pd_partner_destroy(p);
	return status;
}
