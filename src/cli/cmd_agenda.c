/* `partnerdesk agenda`: follow-ups, stage reviews and the current
 * agreements' review and end dates due, overdue first;
 * `agenda done ID` marks a follow-up done, `agenda undone ID` reopens it. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/table.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/io/json_out.h"
#include "partnerdesk/model/interaction.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_agenda = {
	.name = "agenda",
	.summary = "follow-ups due and overdue, stage and agreement reviews",
	.usage =
	"usage: partnerdesk agenda [--days N] [--format table|json]\n"
	"       partnerdesk agenda done ID\n"
	"       partnerdesk agenda undone ID\n"
	"\n"
	"Lists open follow-ups, stage reviews, and the review and end dates of\n"
	"each partner's current agreement, due within N days (default 7),\n"
	"everything overdue (or ended) first. The LOG column is the ID of a\n"
	"follow-up's log entry: 'agenda done ID' marks it done, and 'agenda\n"
	"undone ID' reopens a follow-up marked done by mistake. The PARTNER\n"
	"column is the partner's id, for 'show', 'edit' (a new review date\n"
	"settles a stage review), 'move' and 'log'.\n"
	"An agreement's date is settled in the agreement itself (a later date),\n"
	"by a newer agreement, or by moving the partner to another stage.\n",
	.run = run,
};

enum { OPT_DAYS = PD_OPT__FIRST_FREE, OPT_FORMAT };

static const struct option options[] = {
	{"days", required_argument, NULL, OPT_DAYS},
	{"format", required_argument, NULL, OPT_FORMAT},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static void when(long days, char *buf, size_t size)
{
	if (days < -1)
		snprintf(buf, size, "%ld days overdue", -days);
	else if (days == -1)
		snprintf(buf, size, "1 day overdue");
	else if (days == 0)
		snprintf(buf, size, "today");
	else if (days == 1)
		snprintf(buf, size, "tomorrow");
	else
		snprintf(buf, size, "in %ld days", days);
}

static int print_table(pd_cli *cli, const pd_agenda *a, int days)
{
	/* Two ids, each headed by what it names: a review or an agreement
	 * date has no log entry to mark done, but a librarian still needs
	 * the partner to act on, and one mixed column would let a partner's
	 * id be typed to 'agenda done' and close someone else's follow-up. */
	static const char *const headers[] = {"LOG", "DATE", "DUE", "PARTNER", "NAME", "WHAT"};
	pd_table *t = pd_table_create(6, headers);
	if (!t) {
		pd_cli_errorf(cli, "out of memory");
		return PD_EXIT_FAIL;
	}
	pd_table_align_right(t, 0);
	pd_table_align_right(t, 3);
	/* A row wrapped on the terminal is unreadable (over SSH, at 80
	 * columns), so there the name and the note give up width; piped, a
	 * script or grep gets them whole. */
	pd_table_shrink(t, 4);
	pd_table_shrink(t, 5);
	pd_table_fit(t, (size_t)pd_cli_terminal_cols(cli));
	bool ok = true;
	for (size_t i = 0; ok && i < a->n; i++) {
		const pd_agenda_item *it = &a->v[i];
		char id[24] = "", partner[24], due[40], stage[256];
		const char *what = stage;
		char *words = NULL;
		snprintf(partner, sizeof partner, "%lld", (long long)it->partner_id);
		if (it->kind == PD_AGENDA_FOLLOW_UP) {
			snprintf(id, sizeof id, "%lld", (long long)it->interaction_id);
			/* As the interface's agenda says it: the person, then the
			 * note's first line (a table row is one line), sized to
			 * hold it whole, as a pipe gets it. */
			size_t size = (it->contact_name ? strlen(it->contact_name) : 0) + sizeof " (removed): "
			              + (it->text ? strlen(it->text) : 0);
			words = malloc(size);
			if (words)
				pd_agenda_follow_up_words(it, words, size);
			what = words;
			ok = words != NULL;
		} else if (it->text) {
			what = it->text;
		} else {
			snprintf(stage, sizeof stage, "review the %s stage", it->stage ? it->stage : "current");
		}
		when(it->days, due, sizeof due);
		const char *cells[] = {id, it->date, due, partner, it->partner_name, what};
		ok = ok && pd_table_add(t, cells);
		free(words);
	}
	if (!ok) {
		pd_table_destroy(t);
		pd_cli_errorf(cli, "out of memory");
		return PD_EXIT_FAIL;
	}
	/* Nothing overdue either: the agenda holds that too. */
	if (a->n == 0 && days <= 1)
		pd_cli_sayf(cli, "nothing due today%s", days == 1 ? " or tomorrow" : "");
	else if (a->n == 0)
		pd_cli_sayf(cli, "nothing due in the next %d days", days);
	else
		pd_table_print(t, cli->out);
	pd_table_destroy(t);
	return PD_EXIT_OK;
}

static const char *kind_name(pd_agenda_kind k)
{
	switch (k) {
	case PD_AGENDA_FOLLOW_UP: return "follow_up";
	case PD_AGENDA_REVIEW: return "review";
	case PD_AGENDA_AGREEMENT_REVIEW: return "agreement_review";
	case PD_AGENDA_AGREEMENT_END: return "agreement_end";
	}
	return "?";
}

static int print_json(pd_cli *cli, const pd_agenda *a)
{
	pd_error err = {0};
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < a->n; i++) {
		const pd_agenda_item *it = &a->v[i];
		json_t *o = json_object();
		json_object_set_new(o, "kind", json_string(kind_name(it->kind)));
		json_object_set_new(o, "date", pd_json_str(it->date));
		json_object_set_new(o, "days", json_integer(it->days));
		json_object_set_new(o, "overdue", json_boolean(it->days < 0));
		json_object_set_new(o, "partner_id", json_integer(it->partner_id));
		json_object_set_new(o, "partner", pd_json_str(it->partner_name));
		json_object_set_new(o, "stage", pd_json_str(it->stage));
		json_object_set_new(o, "interaction_id", it->kind == PD_AGENDA_FOLLOW_UP
		                    ? json_integer(it->interaction_id) : json_null());
		json_object_set_new(o, "contact", pd_json_str(it->contact_name));
		json_object_set_new(o, "contact_removed", json_boolean(it->contact_removed));
		json_object_set_new(o, "text", pd_json_str(it->text));
		if (it->kind == PD_AGENDA_AGREEMENT_REVIEW || it->kind == PD_AGENDA_AGREEMENT_END)
			json_object_set_new(o, "agreement_id", json_integer(it->agreement_id));
		json_array_append_new(arr, o);
	}
	int status = PD_EXIT_OK;
	if (!pd_json_write(arr, cli->out, &err))
		status = pd_cli_fail(cli, &err);
	json_decref(arr);
	return status;
}

/* A log entry's id as the agenda prints it (12), or as messages and kept
 * commands name it (#12). */
static bool parse_id(const char *arg, long *id)
{
	return pd_cli_parse_int(arg[0] == '#' ? arg + 1 : arg, 1, 0x7fffffffL, id);
}

/* The log entry `agenda WORD ID` names, read whole into *it (for the
 * version the change must name): PD_CLI_CONTINUE, or the exit status. */
static int read_entry(pd_cli *cli, const char *word, const char *arg, long *id, pd_interaction *it)
{
	pd_error err = {0};
	if (!parse_id(arg, id))
		return pd_cli_usage_error(cli, &pd_cmd_agenda, "agenda %s takes the ID of a follow-up, not '%s'",
		                          word, arg);
	if (!pd_cli_open(cli, 0))
		return PD_EXIT_FAIL;
	if (!pd_interaction_get(cli->db, *id, it, &err))
		return pd_cli_fail(cli, &err);
	return PD_CLI_CONTINUE;
}

/* The entry is read whole, not looked for on the agenda: a follow-up
 * years away (a mistyped year) is still open and can be marked done, and
 * an id that is no open follow-up is told apart from one that is none. */
static int done(pd_cli *cli, const char *arg)
{
	long id;
	pd_error err = {0};
	pd_interaction it = {0};
	int status = read_entry(cli, "done", arg, &id, &it);
	if (status != PD_CLI_CONTINUE)
		return status;
	status = PD_EXIT_OK;
	if (!it.follow_up[0]) {
		char day[PD_DATE_LEN];
		pd_time_local_date(it.at, day);
		pd_cli_errorf(cli, "log entry %ld (%s, %s) has no follow-up to mark done; "
		              "'partnerdesk agenda' lists the open ones", id,
		              it.partner_name ? it.partner_name : "?", day);
		status = PD_EXIT_FAIL;
	} else if (it.done) {
		pd_cli_errorf(cli, "the follow-up %ld with %s (due %s) is done already; "
		              "'partnerdesk agenda undone %ld' reopens it", id,
		              it.partner_name ? it.partner_name : "?", it.follow_up, id);
		status = PD_EXIT_FAIL;
	} else if (!pd_interaction_set_done(cli->db, id, it.version, true, &err)) {
		status = pd_cli_fail(cli, &err);
	} else {
		pd_cli_sayf(cli, "done: follow-up %ld with %s (was due %s)", id,
		            it.partner_name ? it.partner_name : "?", it.follow_up);
	}
	pd_interaction_finish(&it);
	return status;
}

/* A done-mark made by mistake: the follow-up is open (and on the agenda)
 * again. */
static int undone(pd_cli *cli, const char *arg)
{
	long id;
	pd_error err = {0};
	pd_interaction it = {0};
	int status = read_entry(cli, "undone", arg, &id, &it);
	if (status != PD_CLI_CONTINUE)
		return status;
	status = PD_EXIT_OK;
	if (!it.follow_up[0]) {
		pd_cli_errorf(cli, "log entry %ld has no follow-up to reopen", id);
		status = PD_EXIT_FAIL;
	} else if (!it.done) {
		pd_cli_errorf(cli, "the follow-up %ld is open already (due %s)", id, it.follow_up);
		status = PD_EXIT_FAIL;
	} else if (!pd_interaction_set_done(cli->db, id, it.version, false, &err)) {
		status = pd_cli_fail(cli, &err);
	} else {
		pd_cli_sayf(cli, "reopened: follow-up %ld with %s (due %s)", id,
		            it.partner_name ? it.partner_name : "?", it.follow_up);
	}
	pd_interaction_finish(&it);
	return status;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_agenda;
	static const char *const formats[] = {"table", "json", NULL};
	long days = 7;
	const char *format = "table";
	int c;

	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_DAYS:
			if (!pd_cli_parse_int(optarg, 0, 3660, &days))
				return pd_cli_usage_error(cli, cmd, "--days takes a number of days (0-3660), not '%s'", optarg);
			break;
		default: {
			int status = c == OPT_FORMAT ? pd_cli_format(cli, cmd, formats, &format)
			                             : pd_cli_option(cli, cmd, options, c, argv);
			if (status != PD_CLI_CONTINUE)
				return status;
		}
		}
	}
	if (optind < argc) {
		if (strcmp(argv[optind], "done") == 0 && argc - optind == 2)
			return done(cli, argv[optind + 1]);
		if (strcmp(argv[optind], "done") == 0)
			return pd_cli_usage_error(cli, cmd, "agenda done takes one ID");
		if (strcmp(argv[optind], "undone") == 0 && argc - optind == 2)
			return undone(cli, argv[optind + 1]);
		if (strcmp(argv[optind], "undone") == 0)
			return pd_cli_usage_error(cli, cmd, "agenda undone takes one ID");
		return pd_cli_usage_error(cli, cmd, "agenda: unexpected '%s'", argv[optind]);
	}
	if (!pd_cli_open(cli, PD_OPEN_OR_READONLY))
		return PD_EXIT_FAIL;
	pd_error err = {0};
	pd_agenda a = {0};
	if (!pd_agenda_load(cli->db, (int)days, &a, &err))
		return pd_cli_fail(cli, &err);
	int status = strcmp(format, "json") == 0 ? print_json(cli, &a) : print_table(cli, &a, (int)days);
	pd_agenda_finish(&a);
	return status;
}
