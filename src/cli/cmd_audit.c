/* `partnerdesk audit`: the desk's audit trail for the administrator, by
 * time, user and partner: who changed what, when, from what to what. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/cli/audit_out.h"
#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/io/json_out.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/date.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_audit = {
	.name = "audit",
	.summary = "read the audit trail: who changed what, and when",
	.usage =
	"usage: partnerdesk audit [--since DATE] [--user NAME] [--partner PARTNER]\n"
	"                         [--format table|json]\n"
	"\n"
	"Lists every change on the desk, oldest first: the time (local, to the\n"
	"second), the operating-system user, what was changed and, for an edit,\n"
	"each field as it was -> as it became.\n"
	"\n"
	"  --since DATE       from the start of DATE (today, mon, -7d, 2026-11-01)\n"
	"                     or from \"DATE HH:MM\"\n"
	"  --user NAME        changes made by that user only\n"
	"  --partner PARTNER  changes to one partner (and its contacts, log,\n"
	"                     agreements, fit and goals); an id, name or prefix\n",
	.run = run,
};

enum { OPT_SINCE = PD_OPT__FIRST_FREE, OPT_USER, OPT_PARTNER, OPT_FORMAT };

static const struct option options[] = {
	{"since", required_argument, NULL, OPT_SINCE},
	{"user", required_argument, NULL, OPT_USER},
	{"partner", required_argument, NULL, OPT_PARTNER},
	{"format", required_argument, NULL, OPT_FORMAT},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static const char *const formats[] = {"table", "json", NULL};

/* --since as ISO UTC: a day means from its local midnight; a time of day
 * given ("yesterday 15:00", "an hour ago", an ISO time) is taken as it is. */
static bool since_time(const char *text, char out[PD_TIME_LEN], pd_error *err)
{
	time_t t;
	if (strchr(text, 'T') && pd_time_parse(text, &t)) {
		pd_time_format(t, out);
		return true;
	}
	bool day_alone;
	if (!pd_when_parse_day(text, time(NULL), out, &day_alone, err))
		return false;
	/* "an hour ago" and "yesterday at 3pm" are times, with no ':' in
	 * them: from midnight, they listed the whole day (two just after
	 * midnight). */
	if (!day_alone)
		return true;
	char day[PD_DATE_LEN];
	pd_time_local_date(out, day);
	struct tm tm = {0};
	tm.tm_year = atoi(day) - 1900;
	tm.tm_mon = atoi(day + 5) - 1;
	tm.tm_mday = atoi(day + 8);
	tm.tm_isdst = -1;
	pd_time_format(mktime(&tm), out);
	return true;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_audit;
	const char *format = "table", *since = NULL, *user = NULL, *partner = NULL;
	int c;
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_SINCE: since = optarg; continue;
		case OPT_USER: user = optarg; continue;
		case OPT_PARTNER: partner = optarg; continue;
		default:
			break;
		}
		int status = c == OPT_FORMAT ? pd_cli_format(cli, cmd, formats, &format)
		                             : pd_cli_option(cli, cmd, options, c, argv);
		if (status != PD_CLI_CONTINUE)
			return status;
	}
	if (argc != optind)
		return pd_cli_usage_error(cli, cmd, "audit takes no operands; for one partner use --partner");
	pd_error err = {0};
	char from[PD_TIME_LEN] = "";
	if (since && !since_time(since, from, &err))
		return pd_cli_usage_error(cli, cmd, "--since: %s", err.msg);
	if (!pd_cli_open(cli, PD_OPEN_OR_READONLY))
		return PD_EXIT_FAIL;
	pd_audit_filter f = {.user = user, .since = from[0] ? from : NULL, .oldest_first = true};
	if (partner && !(f.partner_id = pd_cli_partner(cli, partner)))
		return PD_EXIT_FAIL;
	pd_audit_log log;
	if (!pd_audit_query(cli->db, &f, &log, &err))
		return pd_cli_fail(cli, &err);
	int status = PD_EXIT_OK;
	if (strcmp(format, "json") == 0) {
		json_t *j = pd_cli_audit_json(&log);
		if (!pd_json_write(j, cli->out, &err))
			status = pd_cli_fail(cli, &err);
		json_decref(j);
	} else if (log.n == 0) {
		pd_cli_errorf(cli, "no changes match");
	} else {
		pd_cli_audit_text(cli, &log, !partner, "");
	}
	pd_audit_log_finish(&log);
	return status;
}
