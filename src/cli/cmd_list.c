/* `partnerdesk list`: partners filtered and sorted, as an aligned table for
 * people or as CSV, JSON or YAML for programs. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/table.h"
#include "partnerdesk/io/csv_out.h"
#include "partnerdesk/io/json_out.h"
#include "partnerdesk/io/progress.h"
#include "partnerdesk/io/yaml_out.h"
#include "partnerdesk/model/guess.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_list = {
	.name = "list",
	.summary = "list partners, filtered and sorted",
	.usage =
	"usage: partnerdesk list [--stage S] [--kind K] [--scale macro|micro] [--tag T]\n"
	"                        [--search TEXT]\n"
	"                        [--sort name|stage|kind|last|next|updated] [--reverse]\n"
	"                        [--format table|csv|json|yaml] [--excel]\n"
	"\n"
	"Lists partners: id, name, kind, stage, last contact and next follow-up.\n"
	"--search matches names, kinds, tags, audiences, branches, logged text,\n"
	"notes, mission, address, website, email and phone, and the contact\n"
	"people's names, emails and phones, ignoring case and accents; a phone\n"
	"number is found however it is spaced (06 12 34 56 78, 0612345678),\n"
	"with or without its country code (+33 6 12 34 56 78), in ASCII,\n"
	"Arabic-Indic or Persian digits; a word of one or two letters, names\n"
	"only (the partner's and its contact people's). A search or tag that\n"
	"finds nothing says the nearest words the desk's names, people and tags\n"
	"hold (did you mean \"museum\"?). Filters that together find no one,\n"
	"with nothing to guess, say how many each finds alone.\n"
	"csv, json and yaml print every partner field (not the contacts or log:\n"
	"see 'show').\n"
	"--excel prints csv (it implies --format csv) for a spreadsheet opened by\n"
	"double-click: a UTF-8 byte order mark, and a leading apostrophe on a\n"
	"cell that would be read as a formula (see `partnerdesk export --help`).\n",
	.run = run,
};

enum { OPT_STAGE = PD_OPT__FIRST_FREE, OPT_KIND, OPT_SCALE, OPT_TAG, OPT_SEARCH, OPT_SORT,
       OPT_REVERSE, OPT_FORMAT, OPT_EXCEL };

static const struct option options[] = {
	{"stage", required_argument, NULL, OPT_STAGE},
	{"kind", required_argument, NULL, OPT_KIND},
	{"scale", required_argument, NULL, OPT_SCALE},
	{"tag", required_argument, NULL, OPT_TAG},
	{"search", required_argument, NULL, OPT_SEARCH},
	{"sort", required_argument, NULL, OPT_SORT},
	{"reverse", no_argument, NULL, OPT_REVERSE},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"excel", no_argument, NULL, OPT_EXCEL},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static const char *const formats[] = {"table", "csv", "json", "yaml", NULL};
static const char *const sorts[] = {"name", "stage", "kind", "last", "next", "updated", NULL};
static const pd_sort sort_values[] = {
	PD_SORT_NAME, PD_SORT_STAGE, PD_SORT_KIND, PD_SORT_LAST_CONTACT,
	PD_SORT_NEXT_FOLLOW_UP, PD_SORT_UPDATED,
};

/* The guesses, quoted, onto b: grown to hold them, as the message is (a
 * fixed 512 bytes cut two long words in another script inside a
 * character). */
static void say_words(pd_strbuf *b, const char *lead, const pd_strv *words)
{
	pd_strbuf_puts(b, lead);
	pd_strbuf_quoted(b, words, true);
}

/* Filters that together find no one: how many each finds alone. "No
 * partners match" for --kind museum --stage engagement read as a query
 * typed wrong; "--kind museum alone lists 2" says the answer is
 * none. False, nothing said, for one filter or a count that failed.
 * Grown, as say_words: a long search in another script was cut inside
 * a character in a fixed 1024 bytes, and its count, the answer, lost. */
static bool say_apart(pd_cli *cli, const pd_partner_query *q)
{
	const char *names[] = {"--stage", "--kind", "--scale", "--tag", "--search"};
	const char *values[] = {q->stage, q->kind, q->scale, q->tag, q->text};
	enum { N = sizeof names / sizeof names[0] };
	size_t given = 0;
	/* A blank filter (--search "" from a script's empty variable) finds
	 * everyone: it was named as a filter that "lists" the whole desk. */
	for (size_t i = 0; i < N; i++) {
		if (values[i] && pd_blank(values[i]))
			values[i] = NULL;
		given += values[i] != NULL;
	}
	if (given < 2)
		return false;
	pd_strbuf all = {0}, apart = {0};
	size_t k = 0;
	bool ok = true;
	for (size_t i = 0; i < N && ok; i++) {
		if (!values[i])
			continue;
		pd_partner_query one = {
			.stage = i == 0 ? q->stage : NULL, .kind = i == 1 ? q->kind : NULL,
			.scale = i == 2 ? q->scale : NULL, .tag = i == 3 ? q->tag : NULL,
			.text = i == 4 ? q->text : NULL,
		};
		pd_error err = {0};
		long n = pd_partner_query_count(cli->db, &one, &err);
		/* The message's own words end a filter's value: a newline
		 * pasted into it must not break the line it is quoted on. */
		char *value = pd_text_one_line(values[i]);
		ok = n >= 0 && value;
		if (ok) {
			k++;
			const char *sep = k == 1 ? "" : k == given ? " and " : ", ";
			char count[48];
			snprintf(count, sizeof count, " %s%ld", k == 1 ? "alone lists " : "", n);
			pd_strbuf *both[] = {&all, &apart};
			for (size_t b = 0; b < 2; b++) {
				pd_strbuf_puts(both[b], sep);
				pd_strbuf_puts(both[b], names[i]);
				pd_strbuf_puts(both[b], " ");
				pd_strbuf_puts(both[b], value);
			}
			pd_strbuf_puts(&apart, count);
		}
		free(value);
	}
	ok = ok && !all.failed && !apart.failed;
	if (ok)
		pd_cli_errorf(cli, "no partners match %s together; %s", all.p, apart.p);
	free(all.p);
	free(apart.p);
	return ok;
}

/* A list that found nothing for text or a tag most likely mistyped says
 * what the desk holds that is nearest ("did you mean \"museum\"?"). A
 * guess is said, never listed in its place. */
static void say_none(pd_cli *cli, const pd_partner_query *q)
{
	pd_error err = {0};
	pd_strv words = {0}, tags = {0};
	pd_strbuf said = {0};
	if (q->text && pd_guess_search(cli->db, q->text, &words, &err) && words.n)
		say_words(&said, "", &words);
	if (q->tag && pd_guess_tag(cli->db, q->tag, &tags, &err) && tags.n)
		say_words(&said, said.n ? ", with the tag " : "the tag ", &tags);
	if (said.n && !said.failed)
		pd_cli_errorf(cli, "no partners match; did you mean %s?", said.p);
	else if (!say_apart(cli, q))
		pd_cli_errorf(cli, "no partners match");
	free(said.p);
	pd_strv_clear(&words);
	pd_strv_clear(&tags);
}

static int print_table(pd_cli *cli, const pd_partner_query *q, const pd_partner_rows *rows)
{
	static const char *const headers[] = {
		"ID", "NAME", "KIND", "STAGE", "LAST CONTACT", "NEXT FOLLOW-UP",
	};
	pd_table *t = pd_table_create(6, headers);
	if (!t)
		goto nomem;
	pd_table_align_right(t, 0);
	/* On a terminal the name gives up width rather than the row wrap
	 * (unreadable over SSH at 80 columns), as in agenda, and a very long
	 * one stops at 48 columns. Piped, it is whole, as agenda's rows are:
	 * a name cut with "..." is one grep cannot find and a script would
	 * take for the partner's. */
	size_t cols = (size_t)pd_cli_terminal_cols(cli);
	if (cols)
		pd_table_max_width(t, 1, 48);
	pd_table_shrink(t, 1);
	pd_table_fit(t, cols);
	for (size_t i = 0; i < rows->n; i++) {
		const pd_partner_row *r = &rows->v[i];
		char id[24], last[PD_DATE_LEN] = "";
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		if (r->last_contact[0])
			pd_time_local_date(r->last_contact, last);
		const char *cells[] = {id, r->name, r->kind, r->stage, last, r->next_follow_up};
		if (!pd_table_add(t, cells))
			goto nomem;
	}
	if (rows->n == 0)
		say_none(cli, q);
	else
		pd_table_print(t, cli->out);
	pd_table_destroy(t);
	return PD_EXIT_OK;
nomem:
	pd_table_destroy(t);
	pd_cli_errorf(cli, "out of memory");
	return PD_EXIT_FAIL;
}

/* The data formats carry every partner field, so each row is loaded whole:
 * at a big desk that is an export's work, and shows an export's progress. */
static int print_data(pd_cli *cli, const pd_partner_rows *rows, const char *format, bool excel)
{
	pd_error err = {0};
	int status = PD_EXIT_OK;
	json_t *array = NULL;
	pd_yaml_out *y = NULL;
	pd_csv_out csv;
	FILE *out = pd_cli_data_out(cli);

	if (strcmp(format, "json") == 0) {
		array = json_array();
	} else if (strcmp(format, "yaml") == 0) {
		y = pd_yaml_out_create(out);
		pd_yaml_document_begin(y);
		pd_yaml_sequence_begin(y);
	} else {
		pd_csv_out_init(&csv, out, excel);
		pd_csv_partner_header(&csv);
	}
	pd_progress prog;
	pd_progress_init(&prog, pd_cli_progress(cli, true), "listing", (long)rows->n, false);
	for (size_t i = 0; i < rows->n; i++) {
		const pd_partner_row *r = &rows->v[i];
		pd_partner *p = pd_partner_get(cli->db, r->id, &err);
		if (!p) {
			status = pd_cli_fail(cli, &err);
			break;
		}
		if (array)
			json_array_append_new(array, pd_json_partner(p, r->last_contact, r->next_follow_up, PD_RECORD_ALL));
		else if (y)
			pd_yaml_partner(y, p, r->last_contact, r->next_follow_up, PD_RECORD_ALL);
		else
			pd_csv_partner(&csv, p, r->last_contact, r->next_follow_up);
		pd_partner_destroy(p);
		pd_progress_step(&prog, (long)i + 1);
	}
	pd_progress_finish(&prog);
	if (array) {
		if (status == PD_EXIT_OK && !pd_json_write(array, out, &err))
			status = pd_cli_fail(cli, &err);
		json_decref(array);
	} else if (y) {
		pd_yaml_sequence_end(y);
		pd_yaml_document_end(y);
		if (!pd_yaml_out_finish(y, &err) && status == PD_EXIT_OK)
			status = pd_cli_fail(cli, &err);
		pd_yaml_out_destroy(y);
	} else if (!pd_csv_out_ok(&csv) && status == PD_EXIT_OK) {
		pd_cli_errorf(cli, "cannot write CSV output");
		status = PD_EXIT_FAIL;
	}
	if (!pd_cli_data_out_end(cli, out) && status == PD_EXIT_OK) {
		pd_cli_errorf(cli, "cannot write to standard output");
		status = PD_EXIT_FAIL;
	}
	return status;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_list;
	pd_partner_query q = {0};
	const char *format = NULL;
	bool excel = false;
	int c;
	static const char *const scales[] = {"macro", "micro", NULL};

	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		/* A filter takes one value: a second --tag (as add takes them)
		 * would otherwise replace the first without a word, and the list
		 * would answer another question than the one asked. */
		const char **filter = c == OPT_STAGE ? &q.stage : c == OPT_KIND ? &q.kind
		                    : c == OPT_SCALE ? &q.scale : c == OPT_TAG ? &q.tag
		                    : c == OPT_SEARCH ? &q.text : NULL;
		if (filter && *filter) {
			const char *name = "";
			for (const struct option *o = options; o->name; o++)
				if (o->val == c)
					name = o->name;
			return pd_cli_usage_error(cli, cmd, "--%s is given twice ('%s', '%s'); list takes one",
			                          name, *filter, optarg);
		}
		switch (c) {
		case OPT_STAGE: q.stage = optarg; break;
		case OPT_KIND: q.kind = optarg; break;
		case OPT_SCALE:
			if (!pd_cli_one_of(optarg, scales))
				return pd_cli_not_one_of(cli, cmd, "--scale", optarg, scales);
			q.scale = optarg;
			break;
		case OPT_TAG: q.tag = optarg; break;
		case OPT_SEARCH: q.text = optarg; break;
		case OPT_REVERSE: q.desc = true; break;
		case OPT_EXCEL: excel = true; break;
		case OPT_SORT: {
			size_t i = 0;
			while (sorts[i] && strcmp(sorts[i], optarg) != 0)
				i++;
			if (!sorts[i])
				return pd_cli_not_one_of(cli, cmd, "--sort", optarg, sorts);
			q.sort = sort_values[i];
			break;
		}
		default: {
			int status = c == OPT_FORMAT ? pd_cli_format(cli, cmd, formats, &format)
			                             : pd_cli_option(cli, cmd, options, c, argv);
			if (status != PD_CLI_CONTINUE)
				return status;
		}
		}
	}
	if (optind < argc) {
		/* "list csv" asks for a format, and --search would find nothing. */
		const char *f = pd_cli_names_one_of(argv[optind], formats);
		if (f)
			return pd_cli_usage_error(cli, cmd, "list takes no operands; for %s, --format %s", f, f);
		return pd_cli_usage_error(cli, cmd, "list takes no operands ('%s'); use --search TEXT", argv[optind]);
	}
	int status = pd_cli_excel_format(cli, cmd, excel, &format, "table", NULL);
	if (status != PD_CLI_CONTINUE)
		return status;
	if (!pd_cli_open(cli, PD_OPEN_OR_READONLY))
		return PD_EXIT_FAIL;

	const pd_rules *rules = &cli->cfg->rules;
	const pd_stage *st = q.stage ? pd_rules_stage(rules, q.stage) : NULL;
	if (st)
		q.stage = st->name;
	/* A configured kind in any case, as add and edit store it. */
	long kind = q.kind ? pd_strv_find(&rules->kinds, q.kind) : -1;
	if (kind >= 0)
		q.kind = rules->kinds.v[kind];
	pd_error err = {0};
	pd_partner_rows rows = {0};
	if (!pd_partner_query_run(cli->db, &q, &rows, &err))
		return pd_cli_fail(cli, &err);
	/* A stage the config dropped is still a stage to the partners in it:
	 * listed, with a word on why no view shows it. */
	if (q.stage && !st && rows.n == 0) {
		pd_cli_no_stage(cli, q.stage);
		pd_partner_rows_finish(&rows);
		return PD_EXIT_FAIL;
	}
	if (q.stage && !st)
		pd_cli_warnf(cli, "'%s' is not a stage in the config, but partners are in it; "
		             "'partnerdesk check' lists them all", q.stage);
	/* A kind nobody has and the config does not list is most likely a
	 * typo ("musuem"): the kinds are said, as the stages are. */
	if (q.kind && kind < 0 && rules->kinds.n && rows.n == 0)
		pd_cli_warn_kind(cli, q.kind, NULL);
	status = strcmp(format, "table") == 0 ? print_table(cli, &q, &rows)
	                                      : print_data(cli, &rows, format, excel);
	pd_partner_rows_finish(&rows);
	return status;
}
