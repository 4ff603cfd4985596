/* `partnerdesk report`: the pipeline, activity, audiences and attention
 * reports as bar charts on a terminal, or the very same figures as CSV or
 * JSON for a spreadsheet; all of them read one pd_report from the model. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/io/csv_out.h"
#include "partnerdesk/io/json_out.h"
#include "partnerdesk/model/charset.h"
#include "partnerdesk/model/report.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_report = {
	.name = "report",
	.summary = "pipeline, activity, audiences and attention reports",
	.usage =
	"usage: partnerdesk report [pipeline|activity|audiences|attention]\n"
	"                          [--period month|quarter|year|all]\n"
	"                          [--format text|csv|json] [--excel]\n"
	"\n"
	"pipeline   partners per stage; partners per kind, by stage and scale;\n"
	"           moves per month; median and 90th-percentile days in each\n"
	"           stage; how many glances became dates, dates engagements,\n"
	"           engagements marriages, and how many dissolved\n"
	"activity   interactions per month, by channel and by staff member\n"
	"audiences  the audiences active partners serve, by stage and by scale,\n"
	"           and the configured audiences no active partner serves\n"
	"attention  stale partners, engagements past review, partners without a\n"
	"           fit assessment, overdue follow-ups\n"
	"\n"
	"--period   this month, this quarter, this year or all (the default);\n"
	"           it limits moves, stays and interactions; partners per stage,\n"
	"           audiences and attention are always as of today.\n"
	"--format   text draws bar charts; csv gives one row per figure\n"
	"           (report,period,table,key,label,column,value); json one object.\n"
	"--excel    csv (it implies --format csv) for a spreadsheet opened by\n"
	"           double-click, as export --excel writes it: a UTF-8 byte order\n"
	"           mark, and a leading apostrophe on a cell that would be read as\n"
	"           a formula.\n",
	.run = run,
};

enum { OPT_PERIOD = PD_OPT__FIRST_FREE, OPT_FORMAT, OPT_EXCEL };

static const struct option options[] = {
	{"period", required_argument, NULL, OPT_PERIOD},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"excel", no_argument, NULL, OPT_EXCEL},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static const char *const formats[] = {"text", "csv", "json", NULL};

/* ---- text ---- */

static int terminal_cols(pd_cli *cli)
{
	int cols = pd_cli_terminal_cols(cli);
	if (cols >= 40)
		return cols;
	const char *c = getenv("COLUMNS");
	long n;
	if (c && pd_cli_parse_int(c, 40, 1000, &n))
		return (int)n;
	return 80;
}

/* The columns s takes once sanitized, as it is printed (an ESC shows as
 * the two columns of ^[). */
static size_t shown_width(const char *s)
{
	char *clean = pd_sanitize(s, 0);
	size_t w = pd_text_width(clean ? clean : "");
	free(clean);
	return w;
}

/* Prints s sanitized, padded (or cut) to exactly cols display columns, on
 * the left or the right. */
static void cell(pd_cli *cli, const char *s, size_t cols, bool right)
{
	char *clean = pd_sanitize(s, 0);
	char *fit = clean ? pd_text_fit(clean, cols) : NULL;
	free(clean);
	if (!fit)
		return;
	int pad = (int)(cols > pd_text_width(fit) ? cols - pd_text_width(fit) : 0);
	if (right)
		pd_cli_printf(cli, "%*s%s", pad, "", fit);
	else
		pd_cli_printf(cli, "%s%*s", fit, pad, "");
	free(fit);
}

static void print_table_text(pd_cli *cli, const pd_report_table *t, bool utf8, int width)
{
	pd_cli_printf(cli, "\n%s\n", t->title);
	if (!t->n_rows) {
		pd_cli_printf(cli, "  (none)\n");
		return;
	}
	size_t widest = 5;
	for (size_t i = 0; i < t->n_rows; i++) {
		size_t w = shown_width(t->rows[i].label);
		if (w > widest)
			widest = w;
	}
	/* One column of figures per table column, each as wide as its name. */
	size_t *col_w = calloc(t->n_columns ? t->n_columns : 1, sizeof *col_w);
	if (!col_w)
		return;
	bool header = pd_report_names_columns(t);
	char head[128];
	size_t figures = 0;
	for (size_t c = 0; c < t->n_columns; c++) {
		pd_report_column_label(t, c, head, sizeof head);
		col_w[c] = header ? shown_width(head) : 3;
		for (size_t i = 0; i < t->n_rows; i++) {
			char num[32];
			size_t n = (size_t)snprintf(num, sizeof num, "%ld", t->rows[i].values[c]);
			if (n > col_w[c])
				col_w[c] = n;
		}
		figures += 2 + col_w[c];
	}
	bool total = t->bar_column < 0 && t->n_columns > 1;
	/* As wide as the widest total: a fixed 5 pushed a row with 100000
	 * out of line. */
	size_t total_w = strlen("total");
	if ((size_t)pd_report_bar_value_width(t) > total_w)
		total_w = (size_t)pd_report_bar_value_width(t);
	if (total)
		figures += 2 + total_w;
	/* Every figure when the Reports view would show them all at this
	 * width and a bar still fits beside them; else only the one each bar
	 * shows, so that no line is wider than the terminal (the audiences'
	 * eight columns took 109 at 80 and every row wrapped). The labels get
	 * what the bar can give up (they were cut at 28 columns with 160 of
	 * bar beside them, and left a bar of 3 at 40). */
	bool bar_col = t->bar_column >= 0 && (size_t)t->bar_column < t->n_columns;
	size_t one = 2 + (bar_col ? col_w[t->bar_column] : total_w);
	pd_report_fit fit = pd_report_fit_line((int)widest, 2 + 2, (int)figures, (int)one, width);
	size_t label_w = (size_t)fit.label;
	size_t first = 0, end = t->n_columns;
	size_t lead = 2 + label_w;
	if (t->n_columns > 1 && !fit.all) {
		first = end = 0;
		if (bar_col) {
			first = (size_t)t->bar_column;
			end = first + 1;
		}
		total = first == end;
	}
	size_t used = lead;
	for (size_t c = first; c < end; c++)
		used += 2 + col_w[c];
	if (total)
		used += 2 + total_w;
	int bar_w = width - (int)used - 2;
	if (bar_w < 0)
		bar_w = 0;
	if (bar_w > PD_REPORT_BAR_MAX)
		bar_w = PD_REPORT_BAR_MAX;
	if (header) {
		pd_cli_printf(cli, "  %*s", (int)label_w, "");
		for (size_t c = first; c < end; c++) {
			pd_report_column_label(t, c, head, sizeof head);
			pd_cli_printf(cli, "  ");
			cell(cli, head, col_w[c], true);
		}
		if (total)
			pd_cli_printf(cli, "  %*s", (int)total_w, "total");
		pd_cli_printf(cli, "\n");
	}
	long max = pd_report_bar_max(t);
	/* Three bytes a column of full blocks: a bar of a 1,000-column
	 * terminal does not fit in a fixed kilobyte (it stopped at 340 columns,
	 * shorter than the next bar down). */
	size_t bar_size = 3 * (size_t)bar_w + 8;
	char *bar = malloc(bar_size);
	if (!bar) {
		free(col_w);
		return;
	}
	for (size_t i = 0; i < t->n_rows; i++) {
		const pd_report_row *row = &t->rows[i];
		pd_cli_printf(cli, "  ");
		cell(cli, row->label, label_w, false);
		for (size_t c = first; c < end; c++)
			pd_cli_printf(cli, "  %*ld", (int)col_w[c], row->values[c]);
		if (total)
			pd_cli_printf(cli, "  %*ld", (int)total_w, pd_report_bar_value(t, row));
		pd_report_bar(pd_report_bar_value(t, row), max, bar_w, utf8, bar, bar_size);
		pd_cli_printf(cli, "%s%s\n", bar[0] ? "  " : "", bar);
	}
	free(bar);
	free(col_w);
}

static void print_text(pd_cli *cli, const pd_report *r)
{
	bool utf8 = pd_locale_utf8();
	int width = terminal_cols(cli);
	char name[32];
	snprintf(name, sizeof name, "%s", pd_report_kind_name(r->kind));
	name[0] = (char)(name[0] - 'a' + 'A');
	if (!pd_report_kind_uses_period(r->kind))
		pd_cli_printf(cli, "%s, as of %s\n", name, r->to);
	else if (r->from[0])
		pd_cli_printf(cli, "%s, %s (%s to %s)\n", name, pd_report_period_label(r->period), r->from, r->to);
	else
		pd_cli_printf(cli, "%s, %s (to %s)\n", name, pd_report_period_label(r->period), r->to);
	for (size_t i = 0; i < r->n_tables; i++)
		print_table_text(cli, &r->tables[i], utf8, width);
}

/* ---- csv and json ---- */

static bool print_csv(pd_cli *cli, const pd_report *r, bool excel)
{
	pd_csv_out c;
	FILE *f = pd_cli_data_out(cli);
	pd_csv_out_init(&c, f, excel);
	static const char *const head[] = {"report", "period", "table", "key", "label", "column", "value"};
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		pd_csv_field(&c, head[i]);
	pd_csv_end_record(&c);
	for (size_t i = 0; i < r->n_tables; i++) {
		const pd_report_table *t = &r->tables[i];
		for (size_t k = 0; k < t->n_rows; k++) {
			for (size_t col = 0; col < t->n_columns; col++) {
				pd_csv_field(&c, pd_report_kind_name(r->kind));
				pd_csv_field(&c, pd_report_period_name(r->period));
				pd_csv_field(&c, t->key);
				pd_csv_field(&c, t->rows[k].key);
				pd_csv_field(&c, t->rows[k].label);
				pd_csv_field(&c, t->columns[col]);
				pd_csv_field_int(&c, t->rows[k].values[col]);
				pd_csv_end_record(&c);
			}
		}
	}
	bool ok = pd_csv_out_ok(&c);
	return pd_cli_data_out_end(cli, f) && ok;
}

static json_t *report_json(const pd_report *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "report", json_string(pd_report_kind_name(r->kind)));
	json_object_set_new(o, "period", json_string(pd_report_period_name(r->period)));
	json_object_set_new(o, "from", pd_json_str(r->from));
	json_object_set_new(o, "to", pd_json_str(r->to));
	json_t *tables = json_array();
	for (size_t i = 0; i < r->n_tables; i++) {
		const pd_report_table *t = &r->tables[i];
		json_t *jt = json_object();
		json_object_set_new(jt, "key", pd_json_str(t->key));
		json_object_set_new(jt, "title", pd_json_str(t->title));
		json_t *cols = json_array();
		for (size_t c = 0; c < t->n_columns; c++)
			json_array_append_new(cols, pd_json_str(t->columns[c]));
		json_object_set_new(jt, "columns", cols);
		json_object_set_new(jt, "bar", t->bar_column >= 0 ? pd_json_str(t->columns[t->bar_column]) : json_string("total"));
		json_t *rows = json_array();
		for (size_t k = 0; k < t->n_rows; k++) {
			json_t *jr = json_object();
			json_object_set_new(jr, "key", pd_json_str(t->rows[k].key));
			json_object_set_new(jr, "label", pd_json_str(t->rows[k].label));
			json_t *vals = json_object();
			for (size_t c = 0; c < t->n_columns; c++)
				json_object_set_new(vals, t->columns[c], json_integer(t->rows[k].values[c]));
			json_object_set_new(jr, "values", vals);
			json_array_append_new(rows, jr);
		}
		json_object_set_new(jt, "rows", rows);
		json_array_append_new(tables, jt);
	}
	json_object_set_new(o, "tables", tables);
	return o;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_report;
	const char *format = NULL;
	bool excel = false;
	pd_report_period period = PD_REPORT_PERIOD_DEFAULT;
	pd_report_kind kind = PD_REPORT_PIPELINE;
	int c;

	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_PERIOD:
			if (!pd_report_period_parse(optarg, &period))
				return pd_cli_not_one_of(cli, cmd, "--period", optarg,
				                         (const char *const[]){"month", "quarter", "year", "all", NULL});
			break;
		case OPT_EXCEL:
			excel = true;
			break;
		default: {
			int status = c == OPT_FORMAT ? pd_cli_format(cli, cmd, formats, &format)
			                             : pd_cli_option(cli, cmd, options, c, argv);
			if (status != PD_CLI_CONTINUE)
				return status;
		}
		}
	}
	if (argc - optind > 1)
		return pd_cli_usage_error(cli, cmd, "report takes one report name");
	if (optind < argc && !pd_report_kind_parse(argv[optind], &kind))
		return pd_cli_usage_error(cli, cmd, "there is no report '%s'; the reports are pipeline, activity, "
		                          "audiences and attention", argv[optind]);
	int status = pd_cli_excel_format(cli, cmd, excel, &format, "text", NULL);
	if (status != PD_CLI_CONTINUE)
		return status;
	if (!pd_cli_open(cli, PD_OPEN_READONLY))
		return PD_EXIT_FAIL;
	pd_error err = {0};
	pd_report r;
	if (!pd_report_build(cli->db, kind, period, &r, &err))
		return pd_cli_fail(cli, &err);
	status = PD_EXIT_OK;
	if (strcmp(format, "json") == 0) {
		json_t *j = report_json(&r);
		if (!pd_json_write(j, cli->out, &err))
			status = pd_cli_fail(cli, &err);
		json_decref(j);
	} else if (strcmp(format, "csv") == 0) {
		if (!print_csv(cli, &r, excel)) {
			pd_cli_errorf(cli, "cannot write the report");
			status = PD_EXIT_FAIL;
		}
	} else {
		print_text(cli, &r);
	}
	pd_report_finish(&r);
	return status;
}
