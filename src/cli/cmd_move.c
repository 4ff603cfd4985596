/* `partnerdesk move PARTNER STAGE`: a stage move under the configured
 * transition rules; a refused move prints the model's reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_move = {
	.name = "move",
	.summary = "move a partner to another stage",
	.usage =
	"usage: partnerdesk move PARTNER STAGE [--reason TEXT] [--review DATE]\n"
	"                        [--approved-by NAME] [--if-version N]\n"
	"\n"
	"Moves PARTNER to STAGE if the transition rules allow it, recording who,\n"
	"when and why. Some moves need a reason, a review date (an engagement) or\n"
	"the name of whoever approved it (a marriage). --if-version refuses the\n"
	"move when the partner changed since you saw version N. --review is for a\n"
	"stage that is reviewed (an engagement): elsewhere it is refused. A\n"
	"--review date already past is kept, with a warning: it shows as overdue\n"
	"at once.\n"
	"STAGE may be 'next' or 'back': a step along the pipeline from where\n"
	"PARTNER stands, as the interface's > and < take (an end state such as\n"
	"dissolved is no step; name it).\n"
	"DATE: 2026-12-01, today, tomorrow, a weekday (fri), +3d, +2w, +1m, in 2 weeks.\n",
	.run = run,
};

enum { OPT_REASON = PD_OPT__FIRST_FREE, OPT_REVIEW, OPT_APPROVED_BY, OPT_IF_VERSION };

static const struct option options[] = {
	{"reason", required_argument, NULL, OPT_REASON},
	{"review", required_argument, NULL, OPT_REVIEW},
	{"approved-by", required_argument, NULL, OPT_APPROVED_BY},
	{"if-version", required_argument, NULL, OPT_IF_VERSION},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

/* The options a move the rules allow but the model refused for what it
 * lacks would have given it ("--reason TEXT and --approved-by NAME"), so
 * that the refusal says what to type; false when it lacks none of them. */
static bool missing_options(const pd_rules *rules, const char *from, const pd_stage *to,
                            const pd_move_request *req, char *out, size_t size)
{
	unsigned requires;
	if (!pd_rules_move_allowed(rules, from, to->name, &requires))
		return false;
	const char *opts[3];
	size_t n = 0;
	if ((requires & PD_REQ_REASON) && pd_blank(req->reason))
		opts[n++] = "--reason TEXT";
	if ((requires & PD_REQ_REVIEW) && !req->review_date && to->review_days <= 0)
		opts[n++] = "--review DATE";
	if ((requires & PD_REQ_APPROVAL) && pd_blank(req->approved_by))
		opts[n++] = "--approved-by NAME";
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
		                         i == 0 ? "" : i + 1 == n ? " and " : ", ", opts[i]);
	return n > 0;
}

/* +1 for a word meaning the next stage, -1 the previous, 0 neither. A
 * stage the config names so is that stage (looked up first). */
static int step_word(const char *word)
{
	static const char *const next[] = {"next", "forward"};
	static const char *const back[] = {"back", "previous", "prev", "backward"};
	for (size_t i = 0; i < sizeof next / sizeof *next; i++)
		if (pd_ascii_casecmp(word, next[i]) == 0)
			return +1;
	for (size_t i = 0; i < sizeof back / sizeof *back; i++)
		if (pd_ascii_casecmp(word, back[i]) == 0)
			return -1;
	return 0;
}

/* The stage a step from where p stands reaches, or NULL after saying why
 * there is none. */
static const pd_stage *step(pd_cli *cli, const pd_rules *rules, const pd_partner *p, int dir)
{
	const pd_stage *end;
	long j = pd_rules_step(rules, p->stage, dir, &end);
	if (j >= 0)
		return &rules->stages[j];
	if (j == PD_STEP_UNLISTED)
		pd_cli_errorf(cli, "%s is in stage '%s', which the config does not list, so has no %s stage; "
		              "name the stage to move to", p->name, p->stage ? p->stage : "", dir > 0 ? "next" : "previous");
	else if (end)
		pd_cli_errorf(cli, "%s is at the last open stage already; to end the partnership, name the "
		              "stage: partnerdesk move %lld %s", p->name, (long long)p->id, end->name);
	else
		pd_cli_errorf(cli, "%s is at the %s stage already", p->name, dir > 0 ? "last" : "first");
	return NULL;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_move;
	pd_move_request req = {0};
	char review[PD_DATE_LEN];
	pd_error err = {0};
	long version = 0;
	int c;

	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_REASON: req.reason = optarg; break;
		case OPT_REVIEW:
			if (!pd_date_parse(optarg, time(NULL), review, &err))
				return pd_cli_usage_error(cli, cmd, "--review: %s", err.msg);
			req.review_date = review;
			break;
		case OPT_APPROVED_BY: req.approved_by = optarg; break;
		case OPT_IF_VERSION:
			if (!pd_cli_parse_int(optarg, 1, 0x7fffffffL, &version))
				return pd_cli_usage_error(cli, cmd, "--if-version takes a version number, not '%s'", optarg);
			break;
		default: {
			int status = pd_cli_option(cli, cmd, options, c, argv);
			if (status != PD_CLI_CONTINUE)
				return status;
		}
		}
	}
	if (argc - optind != 2)
		return pd_cli_usage_error(cli, cmd, "move takes PARTNER and STAGE");
	if (!pd_cli_open(cli, 0))
		return PD_EXIT_FAIL;

	const pd_rules *rules = &cli->cfg->rules;
	const char *to = argv[optind + 1];
	const pd_stage *st = pd_rules_stage(rules, to);
	int dir = step_word(to);
	if (!st && !dir) {
		pd_cli_no_stage(cli, to);
		return PD_EXIT_FAIL;
	}
	int64_t id = pd_cli_partner(cli, argv[optind]);
	if (!id)
		return PD_EXIT_FAIL;
	pd_partner *p = pd_partner_get(cli->db, id, &err);
	if (!p)
		return pd_cli_fail(cli, &err);
	if (!st && !(st = step(cli, rules, p, dir))) {
		pd_partner_destroy(p);
		return PD_EXIT_FAIL;
	}

	/* --review on a move that keeps none is a mistake in the command, said
	 * before anything is written (the model refuses it as well). */
	unsigned requires;
	if (req.review_date && pd_rules_move_allowed(rules, p->stage, st->name, &requires) &&
	    !pd_rules_move_reviewed(rules, p->stage, st->name)) {
		/* Exit status 1, as other refusals that depend on the config
		 * (an unknown stage): the command itself is well formed. */
		pd_cli_errorf(cli, "--review: %s has no review period, so a move there keeps no review "
		              "date; leave out --review (after the move, 'partnerdesk edit PARTNER "
		              "--review DATE' sets one)", st->label ? st->label : st->name);
		pd_partner_destroy(p);
		return PD_EXIT_FAIL;
	}
	req.to = st->name;
	req.expected_version = version ? version : p->version;
	int status = PD_EXIT_OK;
	if (!pd_stage_move(cli->db, id, &req, &err)) {
		char give[96];
		if (err.code == PD_ERR_REFUSED && missing_options(rules, p->stage, st, &req, give, sizeof give)) {
			pd_cli_errorf(cli, "%s; give %s", err.msg, give);
			status = PD_EXIT_FAIL;
		} else {
			status = pd_cli_fail(cli, &err);
		}
	} else {
		pd_partner *after = pd_partner_get(cli->db, id, &err);
		if (after && after->review_date[0])
			pd_cli_sayf(cli, "moved %lld: %s: %s -> %s (review by %s)", (long long)id, p->name,
			            p->stage ? p->stage : "?", st->name, after->review_date);
		else
			pd_cli_sayf(cli, "moved %lld: %s: %s -> %s", (long long)id, p->name,
			            p->stage ? p->stage : "?", st->name);
		if (req.review_date)
			pd_cli_warn_past(cli, "review date", req.review_date, time(NULL));
		pd_partner_destroy(after);
	}
	pd_partner_destroy(p);
	return status;
}
