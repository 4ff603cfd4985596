/* `partnerdesk edit PARTNER --FIELD VALUE...`: change a partner's fields in
 * one version-checked update; someone else's change meanwhile is reported
 * as a conflict, never overwritten. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "partnerdesk/cli/commands.h"
#include "partnerdesk/cli/options.h"
#include "partnerdesk/cli/say.h"
#include "partnerdesk/model/branch.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/text.h"

static int run(pd_cli *cli, int argc, char **argv);

const pd_command pd_cmd_edit = {
	.name = "edit",
	.summary = "change a partner's fields",
	.usage =
	"usage: partnerdesk edit PARTNER --FIELD VALUE... [--if-version N]\n"
	"\n"
	"fields: --name --kind --scale macro|micro --owner --website --phone --email\n"
	"        --address --mission --position --directions --notes\n"
	"        --fiscal-month 1-12|jan..dec (0 or '' for unknown)\n"
	"        --review DATE (the current stage's review date; '' for none)\n"
	"lists:  --add-tag T --remove-tag T --add-audience A --remove-audience A\n"
	"        --add-branch B --remove-branch B (each may repeat)\n"
	"goals:  --goal GOAL[=NOTE] --remove-goal GOAL (each may repeat; GOAL is one\n"
	"        of the config's goals or the start of one: --goal 'reach new=teens')\n"
	"\n"
	"An empty VALUE clears a field. The stage changes only with 'move'.\n"
	"An edit that leaves every field as it was writes nothing (no new version).\n"
	"--if-version refuses the edit when the partner is no longer at version N\n"
	"(as 'show' printed it): someone else changed it meanwhile.\n",
	.run = run,
};

enum {
	OPT_NAME = PD_OPT__FIRST_FREE, OPT_KIND, OPT_SCALE, OPT_OWNER, OPT_WEBSITE, OPT_PHONE,
	OPT_EMAIL, OPT_ADDRESS, OPT_MISSION, OPT_POSITION, OPT_DIRECTIONS, OPT_NOTES,
	OPT_FISCAL, OPT_ADD_TAG, OPT_REMOVE_TAG, OPT_ADD_AUDIENCE, OPT_REMOVE_AUDIENCE,
	OPT_ADD_BRANCH, OPT_REMOVE_BRANCH, OPT_GOAL, OPT_REMOVE_GOAL, OPT_IF_VERSION, OPT_STAGE,
	OPT_REVIEW,
};

static const struct option options[] = {
	{"name", required_argument, NULL, OPT_NAME},
	{"kind", required_argument, NULL, OPT_KIND},
	{"scale", required_argument, NULL, OPT_SCALE},
	{"owner", required_argument, NULL, OPT_OWNER},
	{"website", required_argument, NULL, OPT_WEBSITE},
	{"phone", required_argument, NULL, OPT_PHONE},
	{"email", required_argument, NULL, OPT_EMAIL},
	{"address", required_argument, NULL, OPT_ADDRESS},
	{"mission", required_argument, NULL, OPT_MISSION},
	{"position", required_argument, NULL, OPT_POSITION},
	{"directions", required_argument, NULL, OPT_DIRECTIONS},
	{"notes", required_argument, NULL, OPT_NOTES},
	{"fiscal-month", required_argument, NULL, OPT_FISCAL},
	{"review", required_argument, NULL, OPT_REVIEW},
	{"add-tag", required_argument, NULL, OPT_ADD_TAG},
	{"remove-tag", required_argument, NULL, OPT_REMOVE_TAG},
	{"add-audience", required_argument, NULL, OPT_ADD_AUDIENCE},
	{"remove-audience", required_argument, NULL, OPT_REMOVE_AUDIENCE},
	{"add-branch", required_argument, NULL, OPT_ADD_BRANCH},
	{"remove-branch", required_argument, NULL, OPT_REMOVE_BRANCH},
	{"goal", required_argument, NULL, OPT_GOAL},
	{"remove-goal", required_argument, NULL, OPT_REMOVE_GOAL},
	{"if-version", required_argument, NULL, OPT_IF_VERSION},
	{"stage", required_argument, NULL, OPT_STAGE},
	PD_CLI_COMMON_OPTIONS,
	{NULL, 0, NULL, 0},
};

/* One requested change, applied after the partner is loaded. */
typedef struct change {
	int opt;
	const char *value;
} change;

/* NULL for "": an empty value clears a field. */
static bool set_field(char **field, const char *value)
{
	return pd_set_str(field, *value ? value : NULL);
}

static bool list_remove(pd_strv *sv, const char *s)
{
	long i = pd_strv_find(sv, s);
	if (i < 0)
		return false;
	free(sv->v[i]);
	memmove(sv->v + i, sv->v + i + 1, (sv->n - (size_t)i - 1) * sizeof *sv->v);
	sv->n--;
	return true;
}

static bool is_goal_change(const change *ch)
{
	return ch->opt == OPT_GOAL || ch->opt == OPT_REMOVE_GOAL;
}

/* The configured goal `s` names: itself (case aside) or the start of only
 * one; NULL with the error said. */
static const char *goal_named(pd_cli *cli, const pd_strv *goals, const char *s)
{
	long k = pd_strv_find(goals, s);
	if (k >= 0)
		return goals->v[k];
	const char *found = NULL;
	size_t n = 0, len = strlen(s);
	char list[600] = "";
	for (size_t i = 0, used = 0; i < goals->n && used < sizeof list; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", goals->v[i]);
	for (size_t i = 0; len && i < goals->n; i++) {
		char *head = strndup(goals->v[i], len);
		if (head && pd_fold_cmp(head, s) == 0) {
			found = goals->v[i];
			n++;
		}
		free(head);
	}
	if (n == 1)
		return found;
	const char *guess = n ? NULL : pd_cli_guess(s, (const char *const *)goals->v, goals->n);
	if (guess)
		pd_cli_errorf(cli, "'%s' is not a goal (did you mean '%s'?); goals: %s", s, guess, list);
	else
		pd_cli_errorf(cli, "'%s' %s; goals: %s", s, n ? "is the start of more than one goal" : "is not a goal",
		              list);
	return NULL;
}

/* --goal GOAL[=NOTE] and --remove-goal GOAL, in the edit's transaction. */
static int apply_goal(pd_cli *cli, int64_t id, const change *ch)
{
	const pd_strv *goals = &pd_db_rules(cli->db)->goals;
	pd_error err = {0};
	char *name = strdup(ch->value), *note = NULL;
	if (!name) {
		pd_cli_errorf(cli, "out of memory");
		return PD_EXIT_FAIL;
	}
	/* "GOAL=NOTE" unless the whole text is a goal (one may hold an '='). */
	char *eq = strchr(name, '=');
	if (eq && pd_strv_find(goals, name) < 0) {
		*eq = '\0';
		note = pd_trim(eq + 1);
	}
	int status = PD_EXIT_FAIL;
	const char *goal = pd_trim(name);
	if (ch->opt == OPT_REMOVE_GOAL) {
		pd_goals had = {0};
		long k = pd_strv_find(goals, goal);
		const char *stored = k >= 0 ? goals->v[k] : NULL;
		if (pd_goal_list(cli->db, id, &had, &err)) {
			/* a goal the config no longer lists is removed by its stored name */
			for (size_t i = 0; i < had.n && !stored; i++)
				if (pd_fold_cmp(had.v[i].goal, goal) == 0)
					stored = had.v[i].goal;
			bool there = false;
			for (size_t i = 0; stored && i < had.n; i++)
				there |= strcmp(had.v[i].goal, stored) == 0;
			if (!there)
				pd_cli_warnf(cli, "no goal '%s' to remove", goal);
			if (!there || pd_goal_remove(cli->db, id, stored, &err))
				status = PD_EXIT_OK;
		}
		pd_goals_finish(&had);
		if (status != PD_EXIT_OK)
			status = pd_cli_fail(cli, &err);
	} else if ((goal = goal_named(cli, goals, goal))) {
		if (pd_goal_set(cli->db, id, goal, note && *note ? note : NULL, &err))
			status = PD_EXIT_OK;
		else
			status = pd_cli_fail(cli, &err);
	}
	free(name);
	return status;
}

static int apply(pd_cli *cli, pd_partner *p, const change *ch)
{
	const pd_rules *rules = &cli->cfg->rules;
	bool ok = true;
	switch (ch->opt) {
	case OPT_NAME: ok = pd_set_str(&p->name, ch->value); break;
	case OPT_KIND: {
		/* As the config spells it, as add stores it: "Museum" would be a
		 * second kind to list --kind and the reports. */
		bool known;
		char *k = pd_strv_as_listed(&rules->kinds, ch->value, &known);
		if (k && *k && !known)
			pd_cli_warn_kind(cli, k, "kept as written");
		ok = k && set_field(&p->kind, k);
		free(k);
		break;
	}
	case OPT_SCALE: ok = set_field(&p->scale, ch->value); break;
	case OPT_OWNER: ok = set_field(&p->owner, ch->value); break;
	case OPT_WEBSITE: ok = pd_cli_set_reach(&p->website, ch->value); break;
	case OPT_PHONE: ok = pd_cli_set_reach(&p->phone, ch->value); break;
	case OPT_EMAIL: ok = pd_cli_set_reach(&p->email, ch->value); break;
	case OPT_ADDRESS: ok = set_field(&p->address, ch->value); break;
	case OPT_MISSION: ok = set_field(&p->mission, ch->value); break;
	case OPT_POSITION: ok = set_field(&p->position, ch->value); break;
	case OPT_DIRECTIONS: ok = set_field(&p->directions, ch->value); break;
	case OPT_NOTES: ok = set_field(&p->notes, ch->value); break;
	case OPT_FISCAL: pd_month_parse(ch->value, &p->fiscal_month); break;
	/* already a YYYY-MM-DD date or "" (see run) */
	case OPT_REVIEW: snprintf(p->review_date, sizeof p->review_date, "%s", ch->value); break;
	case OPT_ADD_TAG:
		if (pd_strv_find(&p->tags, ch->value) < 0)
			ok = pd_strv_push(&p->tags, ch->value);
		break;
	case OPT_ADD_AUDIENCE: {
		/* As add stores it: trimmed, spelled as the config spells it. */
		bool known;
		char *a = pd_strv_as_listed(&rules->audiences, ch->value, &known);
		ok = a != NULL;
		if (a && !known)
			pd_cli_warn_audience(cli, a);
		if (a && pd_strv_find(&p->audiences, a) < 0)
			ok = pd_strv_push(&p->audiences, a);
		free(a);
		break;
	}
	case OPT_ADD_BRANCH: {
		/* One the partner has, however spelled, or an earlier
		 * --add-branch gave it ("Westend", then "west end"), is had. */
		bool had = false;
		char *as = pd_branch_as_spelled(&p->branches, ch->value, &had);
		if (!as) {
			ok = false;
			break;
		}
		had = had && p->branches.n && *as;
		free(as);
		if (had)
			break;
		/* As add stores it: spelled as the desk spells the branch. */
		pd_strv one = {0};
		if (!pd_strv_push(&one, ch->value)) {
			ok = false;
			break;
		}
		if (!pd_cli_branches_as_spelled(cli, &one)) {
			pd_strv_clear(&one);
			return PD_EXIT_FAIL;
		}
		if (pd_strv_find(&p->branches, one.v[0]) < 0)
			ok = pd_strv_push(&p->branches, one.v[0]);
		pd_strv_clear(&one);
		break;
	}
	case OPT_REMOVE_TAG:
		if (!list_remove(&p->tags, ch->value))
			pd_cli_warnf(cli, "no tag '%s' to remove", ch->value);
		break;
	case OPT_REMOVE_AUDIENCE:
		if (!list_remove(&p->audiences, ch->value))
			pd_cli_warnf(cli, "no audience '%s' to remove", ch->value);
		break;
	case OPT_REMOVE_BRANCH:
		if (!list_remove(&p->branches, ch->value))
			pd_cli_warnf(cli, "no branch '%s' to remove", ch->value);
		break;
	}
	if (!ok) {
		pd_cli_errorf(cli, "out of memory");
		return PD_EXIT_FAIL;
	}
	return PD_EXIT_OK;
}

static int run(pd_cli *cli, int argc, char **argv)
{
	const pd_command *cmd = &pd_cmd_edit;
	change *changes = calloc((size_t)argc, sizeof *changes);
	size_t n = 0;
	long version = 0;
	int status = PD_EXIT_FAIL, c;
	int month;
	static const char *const scales[] = {"macro", "micro", "", NULL};
	char review[PD_DATE_LEN] = "";   /* --review as a date; the last one given */

	if (!changes) {
		pd_cli_errorf(cli, "out of memory");
		return PD_EXIT_FAIL;
	}
	while ((c = pd_cli_getopt(argc, argv, "", options)) != -1) {
		switch (c) {
		case OPT_STAGE:
			status = pd_cli_usage_error(cli, cmd, "edit does not change the stage; use 'partnerdesk move PARTNER %s'", optarg);
			goto out;
		case OPT_IF_VERSION:
			if (!pd_cli_parse_int(optarg, 1, 0x7fffffffL, &version)) {
				status = pd_cli_usage_error(cli, cmd, "--if-version takes a version number, not '%s'", optarg);
				goto out;
			}
			break;
		case OPT_NAME:
			if (!*optarg) {
				status = pd_cli_usage_error(cli, cmd, "--name cannot be empty");
				goto out;
			}
			changes[n++] = (change){c, optarg};
			break;
		case OPT_SCALE:
			if (!pd_cli_one_of(optarg, scales)) {
				status = pd_cli_not_one_of(cli, cmd, "--scale", optarg, scales);
				goto out;
			}
			changes[n++] = (change){c, optarg};
			break;
		case OPT_REVIEW: {
			pd_error derr = {0};
			if (*optarg && !pd_date_parse(optarg, time(NULL), review, &derr)) {
				status = pd_cli_usage_error(cli, cmd, "--review: %s", derr.msg);
				goto out;
			}
			if (!*optarg)
				review[0] = '\0';
			changes[n++] = (change){c, review};
			break;
		}
		case OPT_WEBSITE:
		case OPT_PHONE:
		case OPT_EMAIL:
			status = pd_cli_check_reach(cli, cmd, c == OPT_EMAIL ? PD_REACH_EMAIL
			                            : c == OPT_PHONE ? PD_REACH_PHONE : PD_REACH_WEBSITE, optarg);
			if (status != PD_CLI_CONTINUE)
				goto out;
			status = PD_EXIT_FAIL;
			changes[n++] = (change){c, optarg};
			break;
		case OPT_FISCAL: {
			const char *one, *other;
			if (pd_month_clash(optarg, &one, &other)) {
				status = pd_cli_usage_error(cli, cmd, "--fiscal-month '%s' could be %s or %s: "
				                            "give more of the name, or 1-12", optarg, one, other);
				goto out;
			}
			if (!pd_month_parse(optarg, &month)) {
				status = pd_cli_usage_error(cli, cmd, "--fiscal-month is 1-12 or a month name, not '%s'", optarg);
				goto out;
			}
			changes[n++] = (change){c, optarg};
			break;
		}
		default:
			if (c >= OPT_NAME && c < OPT_IF_VERSION) {
				changes[n++] = (change){c, optarg};
				break;
			}
			status = pd_cli_option(cli, cmd, options, c, argv);
			if (status != PD_CLI_CONTINUE)
				goto out;
			status = PD_EXIT_FAIL;
		}
	}
	status = pd_cli_partner_operand(cli, cmd, argc, "edit");
	if (status != PD_CLI_CONTINUE)
		goto out;
	status = PD_EXIT_FAIL;
	if (n == 0) {
		status = pd_cli_usage_error(cli, cmd, "edit: nothing to change; give --FIELD VALUE");
		goto out;
	}
	if (!pd_cli_open(cli, 0))
		goto out;
	int64_t id = pd_cli_partner(cli, argv[optind]);
	if (!id)
		goto out;
	pd_error err = {0};
	/* Read and write in one BEGIN IMMEDIATE: nobody saw a version here, so
	 * another process's edit in between must not turn into a conflict. */
	if (!pd_db_begin(cli->db, &err)) {
		pd_cli_fail(cli, &err);
		goto out;
	}
	pd_partner *p = pd_partner_get(cli->db, id, &err);
	if (!p) {
		pd_db_rollback(cli->db);
		pd_cli_fail(cli, &err);
		goto out;
	}
	if (version && version != p->version) {
		pd_db_rollback(cli->db);
		pd_cli_errorf(cli, "conflict: %s changed since version %ld (now version %lld, updated %s); "
		              "look at it again with 'partnerdesk show' and retry",
		              p->name, version, (long long)p->version, p->updated);
		pd_partner_destroy(p);
		goto out;
	}
	status = PD_EXIT_OK;
	int64_t read_version = p->version;
	size_t n_fields = 0;
	for (size_t i = 0; i < n && status == PD_EXIT_OK; i++) {
		if (is_goal_change(&changes[i]))
			continue;
		status = apply(cli, p, &changes[i]);
		n_fields++;
	}
	/* Goals are rows of their own: changing only them leaves the partner's
	 * version alone, so nobody's open edit of it becomes a conflict. */
	if (status == PD_EXIT_OK && n_fields && !pd_partner_update(cli->db, p, &err)) {
		/* The model refuses a review date at an end state (the partner
		 * form goes through it too); said in move --review's shape. */
		if (err.code == PD_ERR_REFUSED && review[0])
			pd_cli_errorf(cli, "--review: %s; leave out --review", err.msg);
		else
			pd_cli_fail(cli, &err);
		status = PD_EXIT_FAIL;
	}
	size_t n_goals = 0;
	for (size_t i = 0; i < n && status == PD_EXIT_OK; i++)
		if (is_goal_change(&changes[i])) {
			status = apply_goal(cli, id, &changes[i]);
			n_goals++;
		}
	if (status == PD_EXIT_OK && !pd_db_commit(cli->db, &err))
		status = pd_cli_fail(cli, &err);
	else if (status == PD_EXIT_OK && p->version == read_version && !n_goals)
		pd_cli_sayf(cli, "nothing to change: %lld: %s is as given (version %lld)", (long long)p->id,
		            p->name, (long long)p->version);
	else if (status == PD_EXIT_OK) {
		pd_cli_sayf(cli, "updated %lld: %s (version %lld)", (long long)p->id, p->name,
		            (long long)p->version);
		/* Only once saved: a refused edit renamed nothing. */
		for (size_t i = 0; i < n; i++)
			if (changes[i].opt == OPT_NAME) {
				pd_cli_warn_same_name(cli, p->name, p->id);
				break;
			}
		/* Only a --review given now: one set earlier was warned of then. */
		pd_cli_warn_past(cli, "review date", review, time(NULL));
	}
	pd_db_rollback(cli->db);   /* after a commit there is nothing left to undo */
	pd_partner_destroy(p);
out:
	free(changes);
	return status;
}
