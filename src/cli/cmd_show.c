/* `partnerdesk show PARTNER`: one partner's whole record, as a readable
 * card or as JSON or YAML. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/cli/audit_out.h"
#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/io/json_out.h"
#include "partnerdesk/io/record.h"
#include "partnerdesk/io/yaml_out.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_show = {
	.name = "show",
	.summary = "show one partner's record",
	.usage =
	"usage: partnerdesk show PARTNER [--format text|json|yaml] [--audit]\n"
	"\n"
	"Shows a partner with its contacts, log, stage history, agreements, fit\n"
	"and goals. PARTNER is an id, a name or a unique prefix of one. On a\n"
	"terminal a long field or note wraps under its indent (80 columns at\n"
	"most); to a pipe each line is whole.\n"
	"\n"
	"  --audit   the partner's audit trail instead: every change to it, its\n"
	"            contacts, log, agreements, fit and goals, oldest first, with\n"
	"            the time (local, to the second), the user, and each changed\n"
	"            field as it was -> as it became (text or json)\n",
	.run = run,
};

enum { OPT_FORMAT = PD_OPT__FIRST_FREE, OPT_AUDIT };

static const struct option options[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"audit", no_argument, NULL, OPT_AUDIT},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

static const char *const formats[] = {"text", "json", "yaml", NULL};

static const char *const months[] = {
	"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* An ISO UTC time as local "YYYY-MM-DD HH:MM"; one that is no time as it is. */
static void local_time(const char *iso, char out[PD_MINUTE_LEN])
{
	pd_time_local_minute(iso, out);
	if (!out[0])
		snprintf(out, PD_MINUTE_LEN, "%s", or_empty(iso));
}

/* The column a field's value starts at: "  " and a label of 12. */
#define VALUE_INDENT "               "

/* A labelled field, skipped when empty; continuation lines indented. */
static void field(pd_cli *cli, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	pd_cli_printf(cli, "  %-12s ", label);
	for (const char *s = value; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		pd_cli_print_text(cli, s, len);   /* a note's TABs kept */
		pd_cli_printf(cli, "\n");
		if (!nl)
			break;
		s = nl + 1;
		if (*s)
			pd_cli_printf(cli, "  %-12s ", "");
	}
}

/* text's lines, the first after first and the rest under indent; on a
 * terminal each wrapped under indent (pd_cli_say_hanging). */
static void lines_hanging(pd_cli *cli, const char *first, const char *indent, const char *text)
{
	const char *lead = first;
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		char *line = strndup(s, nl ? (size_t)(nl - s) : strlen(s));
		if (!line)
			return;
		pd_cli_say_hanging(cli, lead, indent, line);
		free(line);
		if (!nl)
			break;
		s = nl + 1;
		lead = indent;
	}
}

/* A long field (mission, notes): as field, but on a terminal each line
 * wrapped under the value's indent; the terminal folded it to column 0,
 * through the labels. */
static void long_field(pd_cli *cli, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	char first[64];
	snprintf(first, sizeof first, "  %-12s ", label);
	lines_hanging(cli, first, VALUE_INDENT, value);
}

static void strv_field(pd_cli *cli, const char *label, const pd_strv *sv)
{
	if (!sv->n)
		return;
	size_t len = 1;
	for (size_t i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + 2;
	char *s = malloc(len);
	if (!s)
		return;
	s[0] = '\0';
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, sv->v[i]);
	}
	field(cli, label, s);
	free(s);
}

/* A note under an entry (a log entry's text, a person's notes), each
 * line wrapped under indent on a terminal. */
static void indented(pd_cli *cli, const char *indent, const char *text)
{
	lines_hanging(cli, indent, indent, or_empty(text));
}

static void card(pd_cli *cli, const pd_record *r)
{
	const pd_partner *p = r->partner;
	const pd_rules *rules = &cli->cfg->rules;
	const pd_stage *st = pd_rules_stage(rules, or_empty(p->stage));
	char buf[128], date[PD_DATE_LEN];
	/* As the Overview tab: one kept from before at an end stage is on no
	 * agenda and would be refused as new, so it is not shown. */
	const char *review = pd_partner_review_refused(rules, p->stage, NULL, p->review_date) ? "" : p->review_date;

	pd_cli_printf(cli, "%s  (#%lld)\n", or_empty(p->name), (long long)p->id);
	snprintf(buf, sizeof buf, "%s%s%s%s", st && st->label ? st->label : or_empty(p->stage),
	         review[0] ? " (review by " : "", review, review[0] ? ")" : "");
	field(cli, "stage", buf);
	field(cli, "kind", p->kind);
	field(cli, "scale", p->scale);
	field(cli, "owner", p->owner);
	strv_field(cli, "branches", &p->branches);
	strv_field(cli, "audiences", &p->audiences);
	strv_field(cli, "tags", &p->tags);
	field(cli, "website", p->website);
	field(cli, "phone", p->phone);
	field(cli, "email", p->email);
	field(cli, "address", p->address);
	if (p->fiscal_month >= 1 && p->fiscal_month <= 12)
		field(cli, "fiscal year", months[p->fiscal_month]);
	long_field(cli, "mission", p->mission);
	long_field(cli, "position", p->position);
	long_field(cli, "directions", p->directions);
	long_field(cli, "notes", p->notes);
	if (r->last_contact[0]) {
		pd_time_local_date(r->last_contact, date);
		field(cli, "last contact", date);
	}
	field(cli, "follow-up", r->next_follow_up);

	if (r->contacts.n) {
		pd_cli_printf(cli, "\nContacts\n");
		for (size_t i = 0; i < r->contacts.n; i++) {
			const pd_contact *c = &r->contacts.v[i];
			bool outreach = c->title && pd_rules_is_outreach_title(rules, c->title);
			pd_cli_sayf(cli, "  %s%s%s%s", or_empty(c->name), c->title ? ", " : "",
			            or_empty(c->title), outreach ? "  [outreach]" : "");
			if (c->email || c->phone || c->channel)
				pd_cli_printf(cli, "      %s%s%s%s%s\n", or_empty(c->email),
				              c->email && c->phone ? "  " : "", or_empty(c->phone),
				              c->channel ? "  prefers " : "", or_empty(c->channel));
			if (c->notes)
				indented(cli, "      ", c->notes);
		}
	}

	if (r->interactions.n) {
		pd_cli_printf(cli, "\nLog (newest first)\n");
		for (size_t i = r->interactions.n; i-- > 0;) {
			const pd_interaction *it = &r->interactions.v[i];
			bool removed;
			const char *who = pd_record_who(r, it, &removed);
			char when[32];
			local_time(it->at, when);
			pd_cli_printf(cli, "  %s  %s  by %s%s%s%s\n", when, or_empty(it->channel),
			              or_empty(it->by), who ? "  with " : "", or_empty(who),
			              removed ? " (removed)" : "");
			indented(cli, "      ", it->text);
			if (it->follow_up[0])
				pd_cli_printf(cli, "      follow-up %s%s\n", it->follow_up,
				              it->done ? " (done)" : "");
		}
	}

	if (r->history.n) {
		pd_cli_printf(cli, "\nStage history\n");
		for (size_t i = 0; i < r->history.n; i++) {
			const pd_move *m = &r->history.v[i];
			char when[32];
			local_time(m->at, when);
			if (m->from)
				pd_cli_printf(cli, "  %s  %s -> %s  by %s", when, m->from, or_empty(m->to), or_empty(m->by));
			else
				pd_cli_printf(cli, "  %s  added at %s  by %s", when, or_empty(m->to), or_empty(m->by));
			if (m->approved_by)
				pd_cli_printf(cli, ", approved by %s", m->approved_by);
			if (m->review_date[0])
				pd_cli_printf(cli, ", review by %s", m->review_date);
			pd_cli_printf(cli, "%s%s\n", m->reason ? ": " : "", or_empty(m->reason));
		}
	}

	if (r->agreements.n) {
		pd_cli_printf(cli, "\nAgreements\n");
		for (size_t i = 0; i < r->agreements.n; i++) {
			const pd_agreement *a = &r->agreements.v[i];
			pd_cli_printf(cli, "  %s (%s)\n", a->title ? a->title : "untitled", or_empty(a->stage));
			if (a->start_date[0] || a->end_date[0])
				pd_cli_printf(cli, "      from %s to %s\n", a->start_date[0] ? a->start_date : "?",
				              a->end_date[0] ? a->end_date : "open");
			if (a->review_date[0])
				pd_cli_printf(cli, "      review by %s\n", a->review_date);
			for (size_t k = 0; k < a->n_offers; k++)
				pd_cli_printf(cli, "      %s offers %s%s%s\n", or_empty(a->offers[k].side),
				              or_empty(a->offers[k].item), a->offers[k].note ? ": " : "",
				              or_empty(a->offers[k].note));
			if (a->approved_by)
				pd_cli_printf(cli, "      approved by %s\n", a->approved_by);
			if (a->notes)
				indented(cli, "      ", a->notes);
		}
	}

	pd_fit_shown fit = pd_fit_show(&r->fit);
	if (fit.scored) {
		pd_cli_printf(cli, "\nFit (%d of %d)\n", fit.total, fit.max);
		for (size_t i = 0; i < fit.rows; i++) {
			const pd_fit_score *s = &r->fit.v[i];
			if (s->score < 0)
				continue;
			pd_cli_printf(cli, "  %-14s %d%s%s\n", or_empty(s->criterion), s->score,
			              s->note ? "  " : "", or_empty(s->note));
		}
	}

	if (r->goals.n) {
		pd_cli_printf(cli, "\nGoals\n");
		for (size_t i = 0; i < r->goals.n; i++)
			pd_cli_printf(cli, "  %s%s%s\n", or_empty(r->goals.v[i].goal),
			              r->goals.v[i].note ? ": " : "", or_empty(r->goals.v[i].note));
	}
}

static int show_audit(pd_cli *cli, int64_t id, const char *format)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_get(cli->db, id, &err);
	if (!p)
		return pd_cli_fail(cli, &err);
	pd_audit_filter f = {.partner_id = id, .oldest_first = true};
	pd_audit_log log;
	int status = PD_EXIT_OK;
	if (!pd_audit_query(cli->db, &f, &log, &err)) {
		pd_partner_destroy(p);
		return pd_cli_fail(cli, &err);
	}
	if (strcmp(format, "json") == 0) {
		json_t *j = pd_cli_audit_json(&log);
		if (!pd_json_write(j, cli->out, &err))
			status = pd_cli_fail(cli, &err);
		json_decref(j);
	} else {
		pd_cli_printf(cli, "%s  (#%lld): audit trail, oldest first\n", or_empty(p->name), (long long)id);
		pd_cli_audit_text(cli, &log, false, "  ");
	}
	pd_audit_log_finish(&log);
	pd_partner_destroy(p);
	return status;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_show;
	const char *format = "text";
	bool audit = false;
	int c;

	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		if (c == OPT_AUDIT) {
			audit = true;
			continue;
		}
		int status = c == OPT_FORMAT ? pd_cli_format(cli, cmd, formats, &format)
		                             : pd_cli_option(cli, cmd, options, c, argv);
		if (status != PD_CLI_CONTINUE)
			return status;
	}
	if (audit && strcmp(format, "yaml") == 0)
		return pd_cli_usage_error(cli, cmd, "--audit prints text or json, not yaml");
	int64_t id;
	int status = pd_cli_one_partner(cli, cmd, argc, argv, "show", PD_OPEN_OR_READONLY, &id);
	if (status != PD_CLI_CONTINUE)
		return status;

	if (audit)
		return show_audit(cli, id, format);
	pd_error err = {0};
	pd_record rec;
	if (!pd_record_load(cli->db, id, &rec, &err))
		return pd_cli_fail(cli, &err);
	status = PD_EXIT_OK;
	if (strcmp(format, "json") == 0) {
		json_t *j = pd_json_record(&rec, &cli->cfg->rules, PD_RECORD_ALL);
		if (!pd_json_write(j, cli->out, &err))
			status = pd_cli_fail(cli, &err);
		json_decref(j);
	} else if (strcmp(format, "yaml") == 0) {
		pd_yaml_out *y = pd_yaml_out_create(cli->out);
		pd_yaml_document_begin(y);
		pd_yaml_record(y, &rec, &cli->cfg->rules, PD_RECORD_ALL);
		pd_yaml_document_end(y);
		if (!pd_yaml_out_finish(y, &err))
			status = pd_cli_fail(cli, &err);
		pd_yaml_out_destroy(y);
	} else {
		card(cli, &rec);
	}
	pd_record_finish(&rec);
	return status;
}
