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

/* What an entry did, in a colleague's words: "person added", not
 * "contact insert" (the JSON keeps the stored words, for scripts). */
static void what_done(const pd_audit_entry *e, char *out, size_t len)
{
	static const struct {
		const char *entity, *said;
	} kinds[] = {
		{"partner", "partner"}, {"contact", "person"}, {"interaction", "log entry"},
		{"agreement", "agreement"}, {"fit", "fit"}, {"goal", "goal"}, {"stage_history", "stage history"},
	};
	static const struct {
		const char *action, *said;
	} actions[] = {
		{"insert", "added"}, {"update", "edited"}, {"move", "moved"}, {"delete", "deleted"}, {"merge", "merged"},
	};
	const char *kind = NULL, *done = NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(e->entity, kinds[i].entity) == 0)
			kind = kinds[i].said;
	for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
		if (strcmp(e->action, actions[i].action) == 0)
			done = actions[i].said;
	if (kind && done)
		snprintf(out, len, "%s %s", kind, done);
	else
		snprintf(out, len, "%s %s", e->entity, e->action);
}

/* The summary without the partner's name where the line names it already
 * ("Harbor: changed phone", "phone with Harbor at ...", "added Jo at
 * Harbor"): the name as it is now, so a summary that holds an earlier
 * name keeps it. A new string, or NULL when there is nothing to take. */
/* Whether s starts with a stored time ("2026-11-20T08:16:45Z"). */
static bool is_stamp(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return false;
	return s[10] == 'T';
}

static char *without_name(const pd_audit_entry *e, const char *detail, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (!n)
		return NULL;
	if (strncmp(detail, name, n) == 0 && strncmp(detail + n, ": ", 2) == 0)
		return strdup(detail + n + 2);
	const char *at = NULL;
	size_t cut = 0;
	/* A log entry's "CHANNEL with NAME at TIME": " with NAME" goes. Only
	 * there: the note after the time is the colleague's own words, which
	 * may say "met with NAME at noon" of a partner since renamed so. */
	bool logged = strcmp(e->entity, "interaction") == 0;
	for (const char *w = logged ? strstr(detail, " with ") : NULL; w && !at; w = strstr(w + 1, " with "))
		if (strncmp(w + 6, name, n) == 0 && strncmp(w + 6 + n, " at ", 4) == 0 && is_stamp(w + 10 + n)) {
			at = w;
			cut = 6 + n;
		}
	/* A person's "added PERSON at NAME", at the end or before "; from
	 * import of ...": " at NAME" goes; of a person added only. */
	bool added = strcmp(e->entity, "contact") == 0 && strcmp(e->action, "insert") == 0;
	for (const char *w = added ? strstr(detail, " at ") : NULL; w && !at; w = strstr(w + 1, " at "))
		if (strncmp(w + 4, name, n) == 0 && (!w[4 + n] || strncmp(w + 4 + n, "; ", 2) == 0)) {
			at = w;
			cut = 4 + n;
		}
	if (!at)
		return NULL;
	size_t head = (size_t)(at - detail);
	char *s = malloc(strlen(detail) - cut + 1);
	if (!s)
		return NULL;
	memcpy(s, detail, head);
	strcpy(s + head, at + cut);
	return s;
}

/* The summary past its first words when they are what the entry's
 * kind already said ("person deleted: deleted Jo" reads "person
 * deleted: Jo"; "agreement added: agreement: Teen nights" reads
 * "agreement added: Teen nights", "agreement edited: saved agreement:
 * Teen nights" "agreement edited: Teen nights"). */
static const char *without_verb(const pd_audit_entry *e, const char *detail)
{
	static const struct {
		const char *action, *verb;
	} verbs[] = {{"insert", "added "}, {"delete", "deleted "}, {"update", "saved "}};
	for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
		size_t n = strlen(verbs[i].verb);
		if (strcmp(e->action, verbs[i].action) == 0 && strncmp(detail, verbs[i].verb, n) == 0 && detail[n]) {
			detail += n;
			break;
		}
	}
	/* Then the kind, which the line says too ("saved agreement: Teen
	 * nights" of an agreement edited). */
	size_t n = strlen(e->entity);
	if (strncmp(detail, e->entity, n) == 0 && (detail[n] == ' ' || (detail[n] == ':' && detail[n + 1] == ' ')) &&
	    detail[n + (detail[n] == ' ' ? 1 : 2)])
		return detail + n + (detail[n] == ' ' ? 1 : 2);
	return detail;
}

void pd_cli_audit_text(pd_cli *cli, const pd_audit_log *log, bool with_partner, const char *indent)
{
	for (size_t i = 0; i < log->n; i++) {
		const pd_audit_entry *e = &log->v[i];
		char when[32], what[48];
		pd_cli_local_seconds(e->at, when);
		what_done(e, what, sizeof what);
		pd_cli_printf(cli, "%s%s  %s  %s", indent, when, e->user, what);
		if (with_partner && e->partner_id) {
			if (e->partner)
				pd_cli_printf(cli, "  %s (#%lld)", e->partner, (long long)e->partner_id);
			else
				pd_cli_printf(cli, "  #%lld", (long long)e->partner_id);
		}
		if (e->detail && *e->detail) {
			/* A time in the detail, as the entry's own: local. */
			char *shorter = e->partner ? without_name(e, e->detail, e->partner) : NULL;
			const char *said = without_verb(e, shorter ? shorter : e->detail);
			char *detail = pd_time_local_in_text(said);
			pd_cli_printf(cli, ": %s", detail ? detail : said);
			free(detail);
			free(shorter);
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
