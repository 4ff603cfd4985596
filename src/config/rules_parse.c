/* The domain-rule sections of the config (stages, transitions, the plain
 * lists, fit criteria) into the model's pd_rules, checked with positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_parse.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/text.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const stage_fields[] = {
	"name", "label", "description", "color", "review_days", "closed",
};
static const char *const transition_fields[] = {"from", "to", "requires"};
static const char *const criterion_fields[] = {"key", "question"};

static const struct {
	const char *name;
	unsigned bit;
} requirements[] = {
	{"reason", PD_REQ_REASON},
	{"review_date", PD_REQ_REVIEW},
	{"approval", PD_REQ_APPROVAL},
};

static void stage_finish(pd_stage *s)
{
	free(s->name);
	free(s->label);
	free(s->description);
	free(s->color);
	memset(s, 0, sizeof *s);
}

static void stages_free(pd_stage *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		stage_finish(&v[i]);
	free(v);
}

/* Every key of a mapping must be a string naming a known field. */
static bool check_fields(const pd_cfgctx *c, const pd_ynode *map, const char *what,
                         const char *const *known, size_t n_known)
{
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const pd_ynode *k = map->items[i];
		if (!pd_cfg_expect(c, k, PD_YNODE_SCALAR, what))
			return false;
		bool found = false;
		for (size_t j = 0; j < n_known && !found; j++)
			found = strcmp(k->value, known[j]) == 0;
		if (!found) {
			char label[80];
			snprintf(label, sizeof label, "%s field", what);
			return pd_cfg_unknown(c, k, label, k->value, known, n_known);
		}
	}
	return true;
}

/* The key node of a field, for positions of "missing" complaints. */
static const pd_ynode *key_node(const pd_ynode *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->items[i]->type == PD_YNODE_SCALAR && strcmp(map->items[i]->value, key) == 0)
			return map->items[i];
	return NULL;
}

static bool parse_stage(const pd_cfgctx *c, const pd_ynode *n, pd_stage *s)
{
	if (!pd_cfg_expect(c, n, PD_YNODE_MAP, "stages: each stage"))
		return false;
	if (!check_fields(c, n, "stage", stage_fields, COUNT(stage_fields)))
		return false;
	const pd_ynode *v;
	if (!(v = pd_ynode_get(n, "name")))
		return pd_cfg_fail(c, n, "stage: a stage needs a name");
	if (!pd_cfg_ident(c, v, "stage name", &s->name))
		return false;
	if (strcmp(s->name, "*") == 0)
		return pd_cfg_fail(c, v, "stage name: '*' means any stage in transitions");
	if ((v = pd_ynode_get(n, "label")) && !pd_cfg_text(c, v, "label", &s->label))
		return false;
	if (!s->label && !(s->label = strdup(s->name)))
		return pd_cfg_nomem(c);
	if ((v = pd_ynode_get(n, "description")) && !pd_ynode_is_null(v) &&
	    !pd_cfg_text(c, v, "description", &s->description))
		return false;
	if ((v = pd_ynode_get(n, "color")) && !pd_ynode_is_null(v) &&
	    !pd_cfg_color(c, v, "color", &s->color))
		return false;
	if ((v = pd_ynode_get(n, "review_days")) &&
	    !pd_cfg_int(c, v, "review_days", 0, 3650, &s->review_days))
		return false;
	if ((v = pd_ynode_get(n, "closed")) && !pd_cfg_bool(c, v, "closed", &s->closed))
		return false;
	return true;
}

bool pd_cfg_parse_stages(const pd_cfgctx *c, const pd_ynode *n, pd_rules *r)
{
	if (!pd_cfg_expect(c, n, PD_YNODE_SEQ, "stages"))
		return false;
	if (n->n == 0)
		return pd_cfg_fail(c, n, "stages: at least one stage is needed");
	pd_stage *v = calloc(n->n, sizeof *v);
	const char **names = calloc(n->n, sizeof *names);
	if (!v || !names) {
		free(v);
		free(names);
		return pd_cfg_nomem(c);
	}
	bool good = true;
	size_t done = 0;
	for (; good && done < n->n; done++) {
		good = parse_stage(c, n->items[done], &v[done]);
		names[done] = v[done].name ? v[done].name : "";
	}
	size_t first, second;
	bool oom = false;
	if (good && pd_cfg_find_duplicate(names, n->n, pd_ascii_casecmp, &first, &second, &oom)) {
		const pd_ynode *at = pd_ynode_get(n->items[second], "name");
		const pd_ynode *was = pd_ynode_get(n->items[first], "name");
		good = pd_cfg_fail(c, at, "stage '%s' is defined twice (first at line %lu)",
		                   names[second], was->line);
	}
	if (good && oom)
		good = pd_cfg_nomem(c);
	if (good && v[0].closed)
		good = pd_cfg_fail(c, n->items[0], "stage '%s': the first stage is where new "
		                   "partners start, so it cannot be closed", v[0].name);
	free(names);
	if (!good) {
		stages_free(v, n->n);
		return false;
	}
	stages_free(r->stages, r->n_stages);
	r->stages = v;
	r->n_stages = n->n;
	return true;
}

/* The stage's own spelling of a name, or NULL when there is none. */
static const char *stage_named(const pd_rules *r, const char *name)
{
	for (size_t i = 0; i < r->n_stages; i++)
		if (pd_ascii_casecmp(r->stages[i].name, name) == 0)
			return r->stages[i].name;
	return NULL;
}

static bool unknown_stage(const pd_cfgctx *c, const pd_ynode *at, const pd_rules *r,
                          const char *what, const char *name)
{
	const char **known = calloc(r->n_stages, sizeof *known);
	if (!known)
		return pd_cfg_nomem(c);
	for (size_t i = 0; i < r->n_stages; i++)
		known[i] = r->stages[i].name;
	pd_cfg_unknown(c, at, what, name, known, r->n_stages);
	free(known);
	return false;
}

static bool transition_stage(const pd_cfgctx *c, const pd_ynode *map, const char *field,
                             const pd_rules *r, bool any_ok, char **out)
{
	const pd_ynode *v = pd_ynode_get(map, field);
	if (!v)
		return pd_cfg_fail(c, map, "transition: '%s' is missing", field);
	char what[40];
	snprintf(what, sizeof what, "transition %s", field);
	if (!pd_cfg_text(c, v, what, out))
		return false;
	if (any_ok && strcmp(*out, "*") == 0)
		return true;
	const char *canon = stage_named(r, *out);
	if (!canon) {
		return unknown_stage(c, v, r, "stage", *out);
	}
	char *copy = strdup(canon);
	if (!copy)
		return pd_cfg_nomem(c);
	free(*out);
	*out = copy;
	return true;
}

static bool parse_requires(const pd_cfgctx *c, const pd_ynode *v, unsigned *bits)
{
	const char *known[COUNT(requirements)];
	for (size_t i = 0; i < COUNT(requirements); i++)
		known[i] = requirements[i].name;
	if (pd_ynode_is_null(v))
		return true;
	if (v->type == PD_YNODE_MAP)
		return pd_cfg_expect(c, v, PD_YNODE_SEQ, "requires");
	/* One requirement may be written without brackets. */
	size_t n = v->type == PD_YNODE_SEQ ? v->n : 1;
	if (n > PD_CONFIG_MAX_REQUIRES)
		return pd_cfg_fail(c, v, "requires: at most %d entries", PD_CONFIG_MAX_REQUIRES);
	for (size_t i = 0; i < n; i++) {
		const pd_ynode *item = v->type == PD_YNODE_SEQ ? v->items[i] : v;
		if (!pd_cfg_expect(c, item, PD_YNODE_SCALAR, "requires"))
			return false;
		size_t j = 0;
		while (j < COUNT(requirements) && strcmp(item->value, requirements[j].name) != 0)
			j++;
		if (j == COUNT(requirements))
			return pd_cfg_unknown(c, item, "requirement", item->value, known, COUNT(known));
		*bits |= requirements[j].bit;
	}
	return true;
}

static void transitions_free(pd_transition *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].from);
		free(v[i].to);
	}
	free(v);
}

static bool parse_transition(const pd_cfgctx *c, const pd_ynode *n, const pd_rules *r,
                             pd_transition *t)
{
	if (!pd_cfg_expect(c, n, PD_YNODE_MAP, "transitions: each transition"))
		return false;
	if (!check_fields(c, n, "transition", transition_fields, COUNT(transition_fields)))
		return false;
	if (!transition_stage(c, n, "from", r, true, &t->from) ||
	    !transition_stage(c, n, "to", r, false, &t->to))
		return false;
	if (strcmp(t->from, t->to) == 0)
		return pd_cfg_fail(c, pd_ynode_get(n, "to"),
		                   "transition from '%s' to itself", t->to);
	const pd_ynode *v = pd_ynode_get(n, "requires");
	return !v || parse_requires(c, v, &t->requires);
}

bool pd_cfg_parse_transitions(const pd_cfgctx *c, const pd_ynode *n, pd_rules *r)
{
	if (pd_ynode_is_null(n))
		return pd_cfg_fail(c, n, "transitions: expected a list, got nothing "
		                   "(write [] to allow no moves)");
	if (!pd_cfg_expect(c, n, PD_YNODE_SEQ, "transitions"))
		return false;
	pd_transition *v = calloc(n->n ? n->n : 1, sizeof *v);
	char **pairs = calloc(n->n ? n->n : 1, sizeof *pairs);
	if (!v || !pairs) {
		free(v);
		free(pairs);
		return pd_cfg_nomem(c);
	}
	bool good = true;
	for (size_t i = 0; good && i < n->n; i++) {
		good = parse_transition(c, n->items[i], r, &v[i]);
		if (good) {
			/* from and to are names without spaces: "a b" is a safe key. */
			size_t len = strlen(v[i].from) + strlen(v[i].to) + 2;
			if (!(pairs[i] = malloc(len)))
				good = pd_cfg_nomem(c);
			else
				snprintf(pairs[i], len, "%s %s", v[i].from, v[i].to);
		}
	}
	size_t first, second;
	bool oom = false;
	if (good && pd_cfg_find_duplicate((const char *const *)pairs, n->n, pd_ascii_casecmp,
	                                  &first, &second, &oom))
		good = pd_cfg_fail(c, n->items[second],
		                   "transition from '%s' to '%s' is given twice (first at line %lu)",
		                   v[second].from, v[second].to, n->items[first]->line);
	if (good && oom)
		good = pd_cfg_nomem(c);
	for (size_t i = 0; i < n->n; i++)
		free(pairs[i]);
	free(pairs);
	if (!good) {
		transitions_free(v, n->n);
		return false;
	}
	transitions_free(r->transitions, r->n_transitions);
	r->transitions = v;
	r->n_transitions = n->n;
	return true;
}

bool pd_cfg_check_transitions(const pd_cfgctx *c, const pd_ynode *at, const pd_rules *r)
{
	for (size_t i = 0; i < r->n_transitions; i++) {
		const pd_transition *t = &r->transitions[i];
		const char *missing = strcmp(t->from, "*") != 0 && !stage_named(r, t->from) ? t->from
		                      : !stage_named(r, t->to) ? t->to : NULL;
		if (missing)
			return pd_cfg_fail(c, at, "stages: the default transitions use stage '%s', "
			                   "which this list does not define; give transitions: too",
			                   missing);
	}
	return true;
}

bool pd_cfg_parse_list(const pd_cfgctx *c, const pd_ynode *n, const char *what,
                       pd_strv *out)
{
	if (pd_ynode_is_null(n))
		return pd_cfg_fail(c, n, "%s: expected a list, got nothing (write [] for none)", what);
	if (!pd_cfg_expect(c, n, PD_YNODE_SEQ, what))
		return false;
	pd_strv v = {0};
	bool good = true;
	for (size_t i = 0; good && i < n->n; i++) {
		char *s = NULL;
		good = pd_cfg_text(c, n->items[i], what, &s);
		if (good && !pd_strv_push(&v, pd_trim(s)))
			good = pd_cfg_nomem(c);
		free(s);
	}
	size_t first, second;
	bool oom = false;
	if (good && pd_cfg_find_duplicate((const char *const *)v.v, v.n, pd_fold_cmp,
	                                  &first, &second, &oom))
		good = pd_cfg_fail(c, n->items[second], "%s: '%s' is listed twice (first at line %lu)",
		                   what, v.v[second], n->items[first]->line);
	if (good && oom)
		good = pd_cfg_nomem(c);
	if (!good) {
		pd_strv_clear(&v);
		return false;
	}
	pd_strv_clear(out);
	*out = v;
	return true;
}

static void criteria_free(pd_criterion *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].question);
	}
	free(v);
}

static bool parse_criterion(const pd_cfgctx *c, const pd_ynode *n, pd_criterion *k)
{
	if (!pd_cfg_expect(c, n, PD_YNODE_MAP, "fit_criteria: each criterion"))
		return false;
	if (!check_fields(c, n, "fit criterion", criterion_fields, COUNT(criterion_fields)))
		return false;
	const pd_ynode *v;
	if (!(v = pd_ynode_get(n, "key")))
		return pd_cfg_fail(c, n, "fit criterion: 'key' is missing");
	if (!pd_cfg_ident(c, v, "fit criterion key", &k->key))
		return false;
	if (!(v = pd_ynode_get(n, "question")))
		return pd_cfg_fail(c, key_node(n, "key"), "fit criterion '%s': 'question' is missing",
		                   k->key);
	return pd_cfg_text(c, v, "question", &k->question);
}

bool pd_cfg_parse_criteria(const pd_cfgctx *c, const pd_ynode *n, pd_rules *r)
{
	if (pd_ynode_is_null(n))
		return pd_cfg_fail(c, n, "fit_criteria: expected a list, got nothing (write [] for none)");
	if (!pd_cfg_expect(c, n, PD_YNODE_SEQ, "fit_criteria"))
		return false;
	pd_criterion *v = calloc(n->n ? n->n : 1, sizeof *v);
	const char **keys = calloc(n->n ? n->n : 1, sizeof *keys);
	if (!v || !keys) {
		free(v);
		free(keys);
		return pd_cfg_nomem(c);
	}
	bool good = true;
	for (size_t i = 0; good && i < n->n; i++) {
		good = parse_criterion(c, n->items[i], &v[i]);
		keys[i] = v[i].key;
	}
	size_t first, second;
	bool oom = false;
	if (good && pd_cfg_find_duplicate(keys, n->n, pd_ascii_casecmp, &first, &second, &oom))
		good = pd_cfg_fail(c, pd_ynode_get(n->items[second], "key"),
		                   "fit criterion '%s' is defined twice (first at line %lu)",
		                   keys[second], n->items[first]->line);
	if (good && oom)
		good = pd_cfg_nomem(c);
	free(keys);
	if (!good) {
		criteria_free(v, n->n);
		return false;
	}
	criteria_free(r->criteria, r->n_criteria);
	r->criteria = v;
	r->n_criteria = n->n;
	return true;
}
