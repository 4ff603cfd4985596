/* `partnerdesk log PARTNER TEXT`: record a call, email, visit, meeting or
 * event, with an optional follow-up; TEXT `-` reads the note from stdin. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/keep.h"
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
	"email, visit, meeting, event, other); when not given, phone if it is one,\n"
	"else the first configured channel. --contact\n"
	"names one of the partner's contact people (a unique prefix will do), or\n"
	"picks one by its id, #ID (see 'partnerdesk contact list PARTNER').\n"
	"--at says when it happened (default now): a DATE, 'DATE HH:MM' in local\n"
	"time, or an ISO 8601 UTC time; not after today. A --follow-up already\n"
	"past is kept, with a warning: it shows as overdue at once. --by names\n"
	"the staff member (default you).\n"
	"DATE: 2026-12-01, today, tomorrow, a weekday (fri), +3d, +2w, +1m.\n"
	"\n"
	"While another writer (an import) holds the database, log waits, says so\n"
	"once, and keeps the note in a file under $XDG_DATA_HOME/partnerdesk/kept/;\n"
	"Ctrl-C, or PARTNERDESK_LOCK_WAIT seconds (no limit on a terminal, else\n"
	"600), stop the wait and leave it there with the command that logs it.\n"
	"A note read with '-' is kept so whenever it could not be logged.\n",
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

/* One contact of cs for the error below: "#2 Sam Lee, Educator <b@x>". */
static void describe_contact(const pd_contact *c, char *out, size_t size)
{
	snprintf(out, size, "\n  #%lld %s%s%s%s%s%s", (long long)c->id, c->name,
	         c->title && *c->title ? ", " : "", c->title ? c->title : "",
	         c->email && *c->email ? " <" : "", c->email ? c->email : "",
	         c->email && *c->email ? ">" : "");
}

/* Two contacts that share a name cannot be told apart by it: lists those
 * the name matches (as the model matched: whole name, else prefix), with
 * what tells them apart, and the form that picks one. */
static void explain_ambiguous(pd_cli *cli, const pd_contacts *cs, const char *text)
{
	char *key = pd_name_key(text);
	char list[2048] = "";
	size_t used = 0, shown = 0;
	for (int prefix = 0; key && prefix < 2 && shown < 2; prefix++) {
		used = 0;
		shown = 0;
		list[0] = '\0';
		for (size_t i = 0; i < cs->n; i++) {
			char *k = pd_name_key(cs->v[i].name);
			bool match = k && (prefix ? strncmp(k, key, strlen(key)) == 0 : strcmp(k, key) == 0);
			free(k);
			if (!match || used >= sizeof list - 1)
				continue;
			describe_contact(&cs->v[i], list + used, sizeof list - used);
			used += strlen(list + used);
			shown++;
		}
	}
	free(key);
	if (shown < 2) {   /* matched otherwise than by the key: show them all */
		used = 0;
		for (size_t i = 0; i < cs->n && used < sizeof list - 1; i++) {
			describe_contact(&cs->v[i], list + used, sizeof list - used);
			used += strlen(list + used);
		}
		pd_cli_errorf(cli, "\"%s\" matches more than one contact; say which with "
		              "--contact '#ID':%s", text, list);
		return;
	}
	pd_cli_errorf(cli, "\"%s\" matches %zu contacts; say which with --contact '#ID':%s",
	              text, shown, list);
}

/* --contact: "#ID" or a bare number that is one of this partner's contact
 * ids picks that contact (a name cannot, when two people share it), else
 * a name or unique prefix. 0 after saying what went wrong. */
static int64_t resolve_contact(pd_cli *cli, int64_t partner_id, const char *text)
{
	pd_error err = {0};
	pd_contacts cs = {0};
	if (!pd_contact_list(cli->db, partner_id, &cs, &err)) {
		pd_cli_fail(cli, &err);
		return 0;
	}
	int64_t found = 0;
	const char *num = text[0] == '#' ? text + 1 : text;
	char *end = NULL;
	long long id = *num >= '0' && *num <= '9' ? strtoll(num, &end, 10) : 0;
	if (end && !*end) {
		for (size_t i = 0; i < cs.n && !found; i++)
			if (cs.v[i].id == id)
				found = id;
		if (!found && text[0] == '#') {
			char list[2048] = "";
			for (size_t i = 0, used = 0; i < cs.n && used < sizeof list - 1; i++) {
				describe_contact(&cs.v[i], list + used, sizeof list - used);
				used += strlen(list + used);
			}
			if (cs.n)
				pd_cli_errorf(cli, "this partner has no contact #%lld; its contacts are:%s", id, list);
			else
				pd_cli_errorf(cli, "this partner has no contacts yet (add them with "
				              "'partnerdesk contact add')");
			pd_contacts_finish(&cs);
			return 0;
		}
	}
	if (!found) {
		found = pd_contact_resolve(cli->db, partner_id, text, &err);
		if (!found && err.code == PD_ERR_NOTFOUND)
			pd_cli_errorf(cli, "%s (add them with 'partnerdesk contact add')", err.msg);
		else if (!found && err.code == PD_ERR_AMBIGUOUS)
			explain_ambiguous(cli, &cs, text);
		else if (!found)
			pd_cli_fail(cli, &err);
	}
	pd_contacts_finish(&cs);
	return found;
}

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

/* An absolute path for the kept command, which may be run from anywhere. */
static void keep_path_arg(pd_cli_keep *k, const char *flag, const char *path)
{
	if (!path)
		return;
	char abs[PATH_MAX];
	pd_cli_keep_arg(k, flag);
	pd_cli_keep_arg(k, realpath(path, abs) ? abs : path);
}

/* The command that logs the note later, as it would have been logged now:
 * the channel as resolved, the follow-up as a date ("tomorrow" would move),
 * and --at the time the note was taken. Once. */
static void keep_command(pd_cli *cli, pd_cli_keep *k, const char *partner, const pd_interaction *it,
                         const char *channel, const char *contact, const char *by, time_t now)
{
	if (k->argc)
		return;
	keep_path_arg(k, "--config", cli->config_flag);
	keep_path_arg(k, "--db", cli->db ? pd_db_path(cli->db) : cli->db_flag);
	pd_cli_keep_arg(k, "log");
	if (it->channel || channel) {
		pd_cli_keep_arg(k, "--channel");
		pd_cli_keep_arg(k, it->channel ? it->channel : channel);
	}
	if (contact) {
		pd_cli_keep_arg(k, "--contact");
		pd_cli_keep_arg(k, contact);
	}
	if (it->follow_up[0]) {
		pd_cli_keep_arg(k, "--follow-up");
		pd_cli_keep_arg(k, it->follow_up);
	}
	char at[PD_TIME_LEN];
	if (it->at[0])
		memcpy(at, it->at, sizeof at);
	else
		pd_time_format(cli->db ? pd_db_now(cli->db) : now, at);
	pd_cli_keep_arg(k, "--at");
	pd_cli_keep_arg(k, at);
	if (by) {
		pd_cli_keep_arg(k, "--by");
		pd_cli_keep_arg(k, by);
	}
	pd_cli_keep_arg(k, "--");
	pd_cli_keep_arg(k, partner);
	pd_cli_keep_arg(k, "-");
}

struct insert_job {
	pd_db *db;
	pd_interaction *it;
};

static bool insert(void *arg, pd_error *err)
{
	struct insert_job *job = arg;
	return pd_interaction_insert(job->db, job->it, err);
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
	/* A note read from stdin exists nowhere else: whatever stops it from
	 * being logged, it is kept. Words on the command line are still in the
	 * shell's history, so they are kept only when the desk refused them. */
	bool from_stdin = argc - optind == 2 && strcmp(argv[optind + 1], "-") == 0;
	bool desk_refused = false;
	const char *why = NULL;
	pd_cli_keep keep;
	pd_cli_keep_init(&keep, "note", text);
	int status = PD_EXIT_FAIL;
	pd_interaction it = {0};
	it.text = text;
	memcpy(it.follow_up, follow_up, sizeof it.follow_up);
	if (at[0])
		memcpy(it.at, at, sizeof it.at);
	if (!pd_cli_open(cli, 0))
		goto out;

	const pd_rules *rules = &cli->cfg->rules;
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
	/* The note's time is when it was taken, not when a wait ended. */
	if (!it.at[0])
		pd_time_format(pd_db_now(cli->db), it.at);

	it.partner_id = pd_cli_partner(cli, argv[optind]);
	if (!it.partner_id)
		goto out;
	if (contact) {
		it.contact_id = resolve_contact(cli, it.partner_id, contact);
		if (!it.contact_id)
			goto out;
	}
	keep_command(cli, &keep, argv[optind], &it, channel, contact, by, now);
	struct insert_job job = {cli->db, &it};
	if (!pd_cli_keep_write(cli, &keep, insert, &job, &err)) {
		pd_cli_fail(cli, &err);
		desk_refused = true;
		why = err.code == PD_ERR_BUSY ? "the desk stayed locked by another writer (an import?)" : err.msg;
		goto out;
	}
	pd_partner *p = pd_partner_get(cli->db, it.partner_id, &err);
	pd_cli_printf(cli, "logged %lld: %s with %s%s%s\n", (long long)it.id, it.channel,
	              p && p->name ? p->name : "partner", it.follow_up[0] ? ", follow up " : "",
	              it.follow_up);
	pd_partner_destroy(p);
	pd_cli_warn_past(cli, "follow-up", it.follow_up, now);
	status = PD_EXIT_OK;
out:
	if (status != PD_EXIT_OK && (from_stdin || desk_refused)) {
		keep_command(cli, &keep, argv[optind], &it, channel, contact, by, now);
		pd_cli_keep_save(cli, &keep, why ? why : "it could not be logged (see the message above)");
	}
	pd_cli_keep_finish(&keep, status == PD_EXIT_OK);
	/* it.text is ours (text); the rest as the model would free it. */
	pd_interaction_finish(&it);
	return status;
}
