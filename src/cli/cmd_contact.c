/* `partnerdesk contact add|edit|delete|list`: the people we talk to at a
 * partner, put right when their details change and removed when they go. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/cli/table.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/config/paths.h"
#include "partnerdesk/io/json_out.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);
static int help(pd_cli *cli);

const pd_command pd_cmd_contact = {
	.name = "contact",
	.summary = "add, edit, delete or list a partner's contact people",
	.usage =
	"usage: partnerdesk contact add PARTNER NAME [--title T] [--email E] [--phone P]\n"
	"                               [--channel C] [--notes TEXT]\n"
	"       partnerdesk contact edit PARTNER PERSON [--name N] [--title T]\n"
	"                               [--email E] [--phone P] [--channel C]\n"
	"                               [--notes TEXT]\n"
	"       partnerdesk contact delete PARTNER PERSON [--force]\n"
	"       partnerdesk contact list PARTNER [--format table|json]\n"
	"\n"
	"PERSON is a name, the start of only one, or #ID as 'contact list' shows.\n"
	"In edit an empty value clears a field (not the name). A person the log\n"
	"names is not deleted without --force: its entries would keep the name,\n"
	"marked (removed), but not the title, email, phone or notes (someone who\n"
	"left is better kept, with a note); with --force delete says how many,\n"
	"and the audit trail keeps the person's fields.\n"
	"A contact whose title holds one of the config's outreach_keywords is\n"
	"marked as a likely outreach contact. --channel is how they prefer to be\n"
	"reached.\n",
	.run = run,
	.help = help,
};

enum { OPT_NAME = PD_OPT__FIRST_FREE, OPT_TITLE, OPT_EMAIL, OPT_PHONE, OPT_CHANNEL, OPT_NOTES, OPT_FORMAT };

/* A person's details as add and edit both take them (edit, the name too),
 * and the end of the list. */
#define PERSON_OPTIONS \
	{"title", required_argument, NULL, OPT_TITLE}, \
	{"email", required_argument, NULL, OPT_EMAIL}, \
	{"phone", required_argument, NULL, OPT_PHONE}, \
	{"channel", required_argument, NULL, OPT_CHANNEL}, \
	{"notes", required_argument, NULL, OPT_NOTES}, \
	PD_CLI_COMMON_OPTIONS, \
	{NULL, 0, NULL, 0}

static const struct option add_options[] = { PERSON_OPTIONS };

static const struct option edit_options[] = {
	{"name", required_argument, NULL, OPT_NAME},
	PERSON_OPTIONS,
};

static const struct option list_options[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

/* The usage, and the outreach keywords of the config in force (they are
 * the config's to say; a list written here would drift from it). */
static int help(pd_cli *cli)
{
	fputs(pd_cmd_contact.usage, cli->out);
	pd_error err = {0};
	pd_config *cfg = cli->cfg ? cli->cfg : pd_paths_load_config(cli->config_flag, &err);
	if (cfg && cfg->rules.outreach_keywords.n) {
		/* Wrapped within 80 columns as the usage above is: the default
		 * list alone made a line of 101. */
		const pd_strv *kw = &cfg->rules.outreach_keywords;
		static const char lead[] = "Outreach keywords now:";
		size_t col = sizeof lead - 1;
		fputs(lead, cli->out);
		for (size_t i = 0; i < kw->n; i++) {
			/* The config's text, sanitized as every string printed is
			 * (an escape sequence in it shows as ^[, not sent raw). */
			char *word = pd_sanitize(kw->v[i], 0);
			const char *shown = word ? word : "";
			size_t w = 1 + pd_text_width(shown) + 1;   /* " word," */
			if (col + w > 80) {
				fputs("\n ", cli->out);
				col = 1;
			}
			fprintf(cli->out, " %s%s", shown, i + 1 < kw->n ? "," : ".");
			col += w;
			free(word);
		}
		fputc('\n', cli->out);
	}
	if (cfg != cli->cfg)
		pd_config_destroy(cfg);
	return PD_EXIT_OK;
}

/* A --channel as the config spells it; false, said, when it lists none such. */
static bool channel_listed(pd_cli *cli, char **channel)
{
	if (!*channel)
		return true;
	const char *spelled = pd_cli_channel(cli, *channel);
	return spelled && (spelled == *channel || pd_set_str(channel, spelled));
}

static int contact_add(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_contact;
	pd_contact c = {0};
	pd_error err = {0};
	int status = PD_EXIT_FAIL;
	int opt;

	while ((opt = pd_cli_getopt(argc, argv, "", add_options)) != -1) {
		bool ok = true;
		switch (opt) {
		case OPT_TITLE: ok = pd_set_str(&c.title, optarg); break;
		case OPT_EMAIL:
		case OPT_PHONE:
			status = pd_cli_check_reach(cli, cmd, opt == OPT_EMAIL ? PD_REACH_EMAIL : PD_REACH_PHONE,
			                            optarg);
			if (status != PD_CLI_CONTINUE)
				goto out;
			status = PD_EXIT_FAIL;
			ok = pd_cli_set_reach(opt == OPT_EMAIL ? &c.email : &c.phone, optarg);
			break;
		case OPT_CHANNEL: ok = pd_set_str(&c.channel, optarg); break;
		case OPT_NOTES: ok = pd_set_str(&c.notes, optarg); break;
		default:
			status = pd_cli_option(cli, cmd, add_options, opt, argv);
			if (status != PD_CLI_CONTINUE)
				goto out;
			status = PD_EXIT_FAIL;
		}
		if (!ok) {
			pd_cli_errorf(cli, "out of memory");
			goto out;
		}
	}
	if (argc - optind != 2) {
		status = pd_cli_usage_error(cli, cmd, "contact add takes PARTNER and NAME; quote a name with spaces");
		goto out;
	}
	if (!pd_set_str(&c.name, argv[optind + 1]) || !*pd_trim(c.name)) {
		status = pd_cli_usage_error(cli, cmd, "contact add: the NAME is empty");
		goto out;
	}
	if (!pd_cli_open(cli, 0))
		goto out;
	const pd_rules *rules = &cli->cfg->rules;
	if (!channel_listed(cli, &c.channel))
		goto out;
	c.partner_id = pd_cli_partner(cli, argv[optind]);
	if (!c.partner_id)
		goto out;
	/* Added anyway (two people may share a name), but said, as add says
	 * of a partner: more often it is the same person typed twice. */
	pd_error ferr = {0};   /* a failed look only costs the warning */
	int64_t same = pd_contact_find_named(cli->db, c.partner_id, c.name, 0, &ferr);
	if (!pd_contact_insert(cli->db, &c, &err)) {
		pd_cli_fail(cli, &err);
		goto out;
	}
	if (same > 0)
		pd_cli_warnf(cli, "this partner already has a contact with this name (contact %lld)", (long long)same);
	bool outreach = c.title && pd_rules_is_outreach_title(rules, c.title);
	pd_cli_sayf(cli, "added contact %lld: %s%s", (long long)c.id, c.name,
	            outreach ? " (likely outreach contact)" : "");
	status = PD_EXIT_OK;
out:
	pd_contact_finish(&c);
	return status;
}

/* The person PERSON names at PARTNER (names[0], names[1]), read in a
 * transaction begun here for the write that follows: nobody saw a version
 * here, so another process's change in between is not a conflict to
 * report. NULL after saying why not, nothing left begun. */
static pd_contact *person_begin(pd_cli *cli, char **names, int64_t *partner_id)
{
	if (!pd_cli_open(cli, 0) || !(*partner_id = pd_cli_partner(cli, names[0])))
		return NULL;
	int64_t id = pd_cli_contact(cli, *partner_id, names[1], "'#ID'");
	if (!id)
		return NULL;
	pd_error err = {0};
	if (!pd_db_begin(cli->db, &err)) {
		pd_cli_fail(cli, &err);
		return NULL;
	}
	pd_contact *c = pd_contact_get(cli->db, id, &err);
	if (!c) {
		pd_db_rollback(cli->db);
		pd_cli_fail(cli, &err);
	}
	return c;
}

/* One --FIELD VALUE of an edit; NULL for "": an empty value clears. */
static bool set_field(pd_contact *c, int opt, const char *value)
{
	const char *v = *value ? value : NULL;
	switch (opt) {
	case OPT_NAME: return pd_set_str(&c->name, value);
	case OPT_TITLE: return pd_set_str(&c->title, v);
	case OPT_EMAIL: return pd_cli_set_reach(&c->email, value);
	case OPT_PHONE: return pd_cli_set_reach(&c->phone, value);
	case OPT_CHANNEL: return pd_set_str(&c->channel, v);
	default: return pd_set_str(&c->notes, v);
	}
}

static int contact_edit(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_contact;
	struct {
		int opt;
		const char *value;
	} changes[32];
	size_t n = 0;
	int opt;

	while ((opt = pd_cli_getopt(argc, argv, "", edit_options)) != -1) {
		int status;
		switch (opt) {
		case OPT_NAME:
			if (!*pd_trim(optarg))
				return pd_cli_usage_error(cli, cmd, "contact edit: --name cannot be empty");
			break;
		case OPT_EMAIL:
		case OPT_PHONE:
			status = pd_cli_check_reach(cli, cmd, opt == OPT_EMAIL ? PD_REACH_EMAIL : PD_REACH_PHONE, optarg);
			if (status != PD_CLI_CONTINUE)
				return status;
			break;
		case OPT_TITLE: case OPT_CHANNEL: case OPT_NOTES:
			break;
		default:
			status = pd_cli_option(cli, cmd, edit_options, opt, argv);
			if (status != PD_CLI_CONTINUE)
				return status;
			continue;
		}
		if (n == sizeof changes / sizeof changes[0])
			return pd_cli_usage_error(cli, cmd, "contact edit: too many changes at once");
		changes[n].opt = opt;
		changes[n++].value = optarg;
	}
	if (argc - optind != 2)
		return pd_cli_usage_error(cli, cmd, "contact edit takes PARTNER and PERSON; quote a name with spaces");
	if (n == 0)
		return pd_cli_usage_error(cli, cmd, "contact edit: nothing to change; give --FIELD VALUE");
	int64_t partner_id;
	pd_contact *c = person_begin(cli, argv + optind, &partner_id);
	if (!c)
		return PD_EXIT_FAIL;
	pd_error err = {0};
	int status = PD_EXIT_FAIL;
	int64_t id = c->id, read_version = c->version;
	for (size_t i = 0; i < n; i++)
		if (!set_field(c, changes[i].opt, changes[i].value)) {
			pd_cli_errorf(cli, "out of memory");
			goto out;
		}
	if (!channel_listed(cli, &c->channel))
		goto out;
	if (!pd_contact_update(cli->db, c, &err) || !pd_db_commit(cli->db, &err)) {
		pd_cli_fail(cli, &err);
		goto out;
	}
	if (c->version == read_version) {
		pd_cli_sayf(cli, "nothing to change: contact %lld: %s is as given", (long long)c->id, c->name);
	} else {
		pd_cli_sayf(cli, "updated contact %lld: %s (version %lld)", (long long)c->id, c->name,
		            (long long)c->version);
		/* A rename onto someone already there is said, as add says it. */
		pd_error ferr = {0};   /* a failed look only costs the warning */
		int64_t same = pd_contact_find_named(cli->db, partner_id, c->name, 0, &ferr);
		if (same == id)
			same = pd_contact_find_named(cli->db, partner_id, c->name, id, &ferr);
		if (same > 0)
			pd_cli_warnf(cli, "this partner already has another contact with this name (contact %lld)",
			             (long long)same);
	}
	status = PD_EXIT_OK;
out:
	pd_db_rollback(cli->db);   /* after a commit there is nothing left to undo */
	pd_contact_destroy(c);
	return status;
}

static int contact_delete(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_contact;
	bool force;
	int status = pd_cli_force_only(cli, cmd, argc, argv, &force);
	if (status != PD_CLI_CONTINUE)
		return status;
	if (argc - optind != 2)
		return pd_cli_usage_error(cli, cmd, "contact delete takes PARTNER and PERSON; quote a name with spaces");
	int64_t partner_id;
	pd_contact *c = person_begin(cli, argv + optind, &partner_id);
	if (!c)
		return PD_EXIT_FAIL;
	pd_error err = {0};
	status = PD_EXIT_FAIL;
	int64_t id = c->id;
	long named = pd_contact_log_count(cli->db, id, &err);
	if (named < 0) {
		pd_cli_fail(cli, &err);
		goto out;
	}
	/* The log keeps the name of a person removed, but nothing else of
	 * them: whoever reads an old call later finds no title, email, phone
	 * or notes. A person who left is better kept, their title or notes
	 * saying so; only --force says the rest may go. */
	if (named > 0 && !force) {
		/* A command that runs as given: the partner one shell word, and
		 * the #ID quoted, which a shell reads as a comment's start. */
		char *partner = pd_shell_word(argv[optind]);
		pd_cli_errorf(cli, "%s is named in %ld log entr%s, which would keep only the name, not the "
		              "title, email, phone or notes; to record that they left, "
		              "partnerdesk contact edit %s '#%lld' --notes \"left in ...\", "
		              "or --force to delete them anyway", c->name, named, named == 1 ? "y" : "ies",
		              partner ? partner : argv[optind], (long long)id);
		free(partner);
		goto out;
	}
	if (!pd_contact_delete(cli->db, id, c->version, &err) || !pd_db_commit(cli->db, &err)) {
		pd_cli_fail(cli, &err);
		goto out;
	}
	pd_cli_sayf(cli, "deleted contact %lld: %s", (long long)id, c->name);
	/* Said, not silent: the log now names someone who is not on the list. */
	if (named > 0)
		pd_cli_sayf(cli, "%ld log entr%s named %s; kept, still naming them as \"%s (removed)\"",
		            named, named == 1 ? "y" : "ies", c->name, c->name);
	status = PD_EXIT_OK;
out:
	pd_db_rollback(cli->db);
	pd_contact_destroy(c);
	return status;
}

static int contact_list(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_contact;
	static const char *const formats[] = {"table", "json", NULL};
	const char *format = "table";
	int opt;

	while ((opt = pd_cli_getopt(argc, argv, "", list_options)) != -1) {
		int status = opt == OPT_FORMAT ? pd_cli_format(cli, cmd, formats, &format)
		                               : pd_cli_option(cli, cmd, list_options, opt, argv);
		if (status != PD_CLI_CONTINUE)
			return status;
	}
	int64_t id;
	int status = pd_cli_one_partner(cli, cmd, argc, argv, "contact list", 0, &id);
	if (status != PD_CLI_CONTINUE)
		return status;

	pd_error err = {0};
	pd_contacts cs = {0};
	if (!pd_contact_list(cli->db, id, &cs, &err))
		return pd_cli_fail(cli, &err);
	const pd_rules *rules = &cli->cfg->rules;
	status = PD_EXIT_OK;
	if (strcmp(format, "json") == 0) {
		json_t *a = json_array();
		/* Each person as `show --format json` gives them, version included
		 * (what an edit is checked against). */
		for (size_t i = 0; a && i < cs.n; i++)
			json_array_append_new(a, pd_json_contact(&cs.v[i], rules, PD_RECORD_ALL));
		if (!pd_json_write(a, cli->out, &err))
			status = pd_cli_fail(cli, &err);
		json_decref(a);
	} else {
		static const char *const headers[] = {"ID", "NAME", "TITLE", "EMAIL", "PHONE", "OUTREACH"};
		pd_table *t = pd_table_create(6, headers);
		if (t)
			pd_table_align_right(t, 0);   /* ids line up as list's do */
		for (size_t i = 0; t && i < cs.n; i++) {
			const pd_contact *c = &cs.v[i];
			char idbuf[24];
			snprintf(idbuf, sizeof idbuf, "%lld", (long long)c->id);
			bool outreach = c->title && pd_rules_is_outreach_title(rules, c->title);
			const char *cells[] = {idbuf, c->name, c->title, c->email, c->phone, outreach ? "yes" : ""};
			pd_table_add(t, cells);
		}
		if (!cs.n)
			pd_cli_errorf(cli, "no contacts yet; add one with 'partnerdesk contact add'");
		else if (t)
			pd_table_print(t, cli->out);
		pd_table_destroy(t);
	}
	pd_contacts_finish(&cs);
	return status;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_contact;
	if (argc < 2)
		return pd_cli_usage_error(cli, cmd, "contact: add, edit, delete or list?");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return help(cli);
	/* The action owns the rest; getopt starts afresh on it. */
	optind = 0;
	if (strcmp(argv[1], "add") == 0)
		return contact_add(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "edit") == 0)
		return contact_edit(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "delete") == 0)
		return contact_delete(cli, argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return contact_list(cli, argc - 1, argv + 1);
	static const char *const actions[] = {"add", "edit", "delete", "list", NULL};
	const char *guess = pd_cli_guess(argv[1], actions, 4);
	return pd_cli_usage_error(cli, cmd, "contact: '%s' is not an action%s%s%s; use add, edit, delete or list",
	                          argv[1], guess ? " (did you mean '" : "", guess ? guess : "", guess ? "'?)" : "");
}
