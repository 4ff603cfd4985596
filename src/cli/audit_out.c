/* The audit trail printed for people (local time with seconds, who, what,
 * each changed field old -> new; long text as indented blocks) and as
 * JSON, shared by `show --audit` and `audit`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/cli/audit_out.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/io/json_out.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/merge.h"

/* A value fits on the entry's line when it is short and one line. */
#define SHORT_VALUE 60

void pd_cli_local_seconds(const char *iso, char out[32])
{
	time_t t;
	struct tm tm;
	if (!iso || !pd_time_parse(iso, &t) || !localtime_r(&t, &tm)) {
		snprintf(out, 32, "%s", iso ? iso : "");
		return;
	}
	strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
}

static bool is_short(const char *s)
{
	return !s || (strlen(s) <= SHORT_VALUE && !strchr(s, '\n'));
}

/* A long value as a block under its label, each line indented. */
static void block(pd_cli *cli, const char *indent, const char *label, const char *text)
{
	pd_cli_printf(cli, "%s      %s ", indent, label);
	if (!text) {
		pd_cli_printf(cli, "(none)\n");
		return;
	}
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		pd_cli_print_text(cli, s, len);
		pd_cli_printf(cli, "\n");
		if (!nl || !nl[1])
			break;
		s = nl + 1;
		pd_cli_printf(cli, "%s      %*s ", indent, (int)strlen(label), "");
	}
}

static void change_line(pd_cli *cli, const char *indent, const pd_audit_entry *e, const pd_audit_change *c)
{
	char words[1024];   /* "merged in #ID" and a whole name, up to 800 bytes */
	if (pd_merge_change_words(e, c, words, sizeof words)) {
		if (words[0])   /* "" for the merged partner's name: its id's line says it */
			pd_cli_printf(cli, "%s    %s\n", indent, words);
		return;
	}
	if (is_short(c->old_value) && is_short(c->new_value)) {
		pd_cli_printf(cli, "%s    %s: %s -> %s\n", indent, c->field,
			c->old_value ? c->old_value : "(none)", c->new_value ? c->new_value : "(none)");
		return;
	}
	pd_cli_printf(cli, "%s    %s:\n", indent, c->field);
	block(cli, indent, "was:", c->old_value);
	block(cli, indent, "now:", c->new_value);
}

void pd_cli_audit_text(pd_cli *cli, const pd_audit_log *log, bool with_partner, const char *indent)
{
	for (size_t i = 0; i < log->n; i++) {
		const pd_audit_entry *e = &log->v[i];
		char when[32];
		pd_cli_local_seconds(e->at, when);
		pd_cli_printf(cli, "%s%s  %s  %s %s", indent, when, e->user, e->entity, e->action);
		if (with_partner && e->partner_id) {
			if (e->partner)
				pd_cli_printf(cli, "  %s (#%lld)", e->partner, (long long)e->partner_id);
			else
				pd_cli_printf(cli, "  #%lld", (long long)e->partner_id);
		}
		if (e->detail && *e->detail) {
			/* A time in the detail, as the entry's own: local. */
			char *detail = pd_time_local_in_text(e->detail);
			pd_cli_printf(cli, ": %s", detail ? detail : e->detail);
			free(detail);
		}
		pd_cli_printf(cli, "\n");
		for (size_t k = 0; k < e->n_changes; k++)
			change_line(cli, indent, e, &e->changes[k]);
	}
}

/* A change as old and new; a merge's also names the other partner, by
 * "partner_id" and "partner" (its name then; null when not known), so a
 * script need not read the id out of "new" nor the name out of the
 * detail. */
static json_t *change_json(const pd_audit_entry *e, const pd_audit_change *c)
{
	json_t *o = json_pack("{s:o, s:o, s:o}", "field", pd_json_str(c->field),
		"old", pd_json_str(c->old_value), "new", pd_json_str(c->new_value));
	int64_t other;
	const char *name;
	size_t len;
	if (o && pd_merge_change_other(e, c, &other, &name, &len)) {
		char *whole = strndup(name, len);
		json_object_set_new(o, "partner_id", json_integer(other));
		json_object_set_new(o, "partner", whole ? pd_json_str(whole) : NULL);
		free(whole);
	}
	return o;
}

json_t *pd_cli_audit_json(const pd_audit_log *log)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < log->n; i++) {
		const pd_audit_entry *e = &log->v[i];
		json_t *changes = json_array();
		for (size_t k = 0; changes && k < e->n_changes; k++)
			if (!pd_merge_change_is_name(&e->changes[k]))
				json_array_append_new(changes, change_json(e, &e->changes[k]));
		json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			"id", (json_int_t)e->id,
			"at", pd_json_str(e->at),
			"user", pd_json_str(e->user),
			"partner_id", e->partner_id ? json_integer(e->partner_id) : json_null(),
			"partner", pd_json_str(e->partner),
			"entity", pd_json_str(e->entity),
			"entity_id", e->entity_id ? json_integer(e->entity_id) : json_null(),
			"action", pd_json_str(e->action),
			"detail", pd_json_str(e->detail),
			"changes", changes ? changes : json_array());
		json_array_append_new(a, o);
	}
	return a;
}
