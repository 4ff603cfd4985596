/* `partnerdesk log PARTNER TEXT`: record a call, email, visit, meeting or
 * event, with an optional follow-up; TEXT `-` reads the note from stdin. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_log = {
	.name = "log",
	.summary = "log a call, email, visit, meeting or event",
	.usage =
	"usage: partnerdesk log PARTNER [--channel C] [--contact NAME] [--follow-up DATE]\n"
	"                       [--at WHEN] [--by STAFF] TEXT...|-\n"
	"\n"
	"Adds to PARTNER's outreach log. TEXT may be several words; '-' reads it\n"
	"from standard input. --channel is one of the configured channels (phone,\n"
	"email, visit, meeting, event, other; phone when not given). --contact\n"
	"names one of the partner's contact people (a unique prefix will do).\n"
	"--at says when it happened (default now): a DATE, 'DATE HH:MM' in local\n"
	"time, or an ISO 8601 UTC time. --by names the staff member (default you).\n"
	"DATE: 2026-12-01, today, tomorrow, a weekday (fri), +3d, +2w, +1m.\n",
	.run = run,
};

enum { OPT_CHANNEL = PD_OPT__FIRST_FREE, OPT_CONTACT, OPT_FOLLOW_UP, OPT_AT, OPT_BY };

static const struct option options[] = {
	{"channel", required_argument, NULL, OPT_CHANNEL},
	{"contact", required_argument, NULL, OPT_CONTACT},
	{"follow-up", required_argument, NULL, OPT_FOLLOW_UP},
	{"at", required_argument, NULL, OPT_AT},
	{"by", required_argument, NULL, OPT_BY},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

/* The words of TEXT joined by spaces, or standard input for "-". */
static char *note_text(int argc, char **argv, FILE *in)
{
	if (argc == 1 && strcmp(argv[0], "-") == 0) {
		return pd_cli_read_all(in);
	}
	size_t len = 1;
	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_log;
	const char *channel = NULL, *contact = NULL, *by = NULL;
	char follow_up[PD_DATE_LEN] = "", at[PD_TIME_LEN] = "";
	pd_error err = {0};
	time_t now = time(NULL);
	int c;

	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_CHANNEL: channel = optarg; break;
		case OPT_CONTACT: contact = optarg; break;
		case OPT_BY: by = optarg; break;
		case OPT_FOLLOW_UP:
			if (!pd_date_parse(optarg, now, follow_up, &err))
				return pd_cli_usage_error(cli, cmd, "--follow-up: %s", err.msg);
			break;
		case OPT_AT:
			if (!pd_when_parse(optarg, now, at, &err))
				return pd_cli_usage_error(cli, cmd, "--at: %s", err.msg);
			break;
		default: {
			int status = pd_cli_option(cli, cmd, c, argv);
			if (status != PD_CLI_CONTINUE)
				return status;
		}
		}
	}
	if (argc - optind < 2)
		return pd_cli_usage_error(cli, cmd, argc == optind ? "log: which PARTNER?"
		                                                   : "log: what happened? give TEXT, or - to read it from stdin");
	char *text = note_text(argc - optind - 1, argv + optind + 1, stdin);
	if (!text) {
		pd_cli_errorf(cli, "cannot read the note from standard input");
		return PD_EXIT_FAIL;
	}
	pd_trim(text);
	if (!*text) {
		free(text);
		return pd_cli_usage_error(cli, cmd, "log: the note is empty");
	}
	if (!pd_cli_open(cli, 0)) {
		free(text);
		return PD_EXIT_FAIL;
	}

	const pd_rules *rules = &cli->cfg->rules;
	int status = PD_EXIT_FAIL;
	pd_interaction it = {0};
	it.text = text;
	if (channel) {
		long i = pd_strv_find(&rules->channels, channel);
		if (rules->channels.n && i < 0) {
			char list[512];
			pd_cli_errorf(cli, "'%s' is not a channel; the channels are: %s", channel,
			              pd_cli_join((const char *const *)rules->channels.v, rules->channels.n, list, sizeof list));
			goto out;
		}
		it.channel = strdup(i >= 0 ? rules->channels.v[i] : channel);
	} else {
		it.channel = strdup(pd_strv_find(&rules->channels, "phone") >= 0 || !rules->channels.n
		                    ? "phone" : rules->channels.v[0]);
	}
	it.by = by ? strdup(by) : NULL;
	memcpy(it.at, at, sizeof it.at);
	memcpy(it.follow_up, follow_up, sizeof it.follow_up);

	it.partner_id = pd_cli_partner(cli, argv[optind]);
	if (!it.partner_id)
		goto out;
	if (contact) {
		it.contact_id = pd_contact_resolve(cli->db, it.partner_id, contact, &err);
		if (!it.contact_id) {
			if (err.code == PD_ERR_NOTFOUND)
				pd_cli_errorf(cli, "%s (add them with 'partnerdesk contact add')", err.msg);
			else
				pd_cli_fail(cli, &err);
			goto out;
		}
	}
	if (!pd_interaction_insert(cli->db, &it, &err)) {
		pd_cli_fail(cli, &err);
		goto out;
	}
	pd_partner *p = pd_partner_get(cli->db, it.partner_id, &err);
	pd_cli_printf(cli, "logged %lld: %s with %s%s%s\n", (long long)it.id, it.channel,
	              p && p->name ? p->name : "partner", it.follow_up[0] ? ", follow up " : "",
	              it.follow_up);
	pd_partner_destroy(p);
	status = PD_EXIT_OK;
out:
	/* it.text is ours (text); the rest as the model would free it. */
	pd_interaction_finish(&it);
	return status;
}
