/* The config loader: built-in defaults, the shipped file equal to them,
 * overlay semantics, theme and keys, and every error with its exact
 * FILE:LINE:COLUMN. argv[1] is config/partnerdesk.yaml. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "partnerdesk/config/config.h"
#include "tap.h"

static pd_config *load(const char *yaml, pd_error *err)
{
	return pd_config_load_buffer("t.yaml", yaml, strlen(yaml), err);
}

/* Loads yaml, expects refusal with exactly `want`. */
#define refuses(yaml, want) do { \
	pd_error e_ = {0}; \
	pd_config *c_ = load((yaml), &e_); \
	ok(!c_, "refused: %s", (want)); \
	streq(e_.msg, (want), "message: %s", (want)); \
	is(e_.code, c_ ? PD_OK : e_.code == PD_ERR_NOMEM ? -1 : PD_ERR_INVALID, "code invalid"); \
	pd_config_destroy(c_); \
} while (0)

static bool same_str(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool same_strv(const pd_strv *a, const pd_strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

/* Field-by-field equality, with a TAP line for each part so a difference
 * says where it is. */
static void check_same(const pd_config *a, const pd_config *b, const char *what)
{
	const pd_rules *x = &a->rules, *y = &b->rules;
	is(x->n_stages, y->n_stages, "%s: stage count", what);
	for (size_t i = 0; i < x->n_stages && i < y->n_stages; i++) {
		const pd_stage *s = &x->stages[i], *t = &y->stages[i];
		ok(same_str(s->name, t->name) && same_str(s->label, t->label) &&
		   same_str(s->description, t->description) && same_str(s->color, t->color) &&
		   s->review_days == t->review_days && s->closed == t->closed,
		   "%s: stage %zu (%s) equal", what, i, t->name);
		if (!same_str(s->description, t->description))
			printf("#   '%s'\n#   '%s'\n", s->description, t->description);
	}
	is(x->n_transitions, y->n_transitions, "%s: transition count", what);
	for (size_t i = 0; i < x->n_transitions && i < y->n_transitions; i++) {
		const pd_transition *s = &x->transitions[i], *t = &y->transitions[i];
		ok(same_str(s->from, t->from) && same_str(s->to, t->to) && s->requires == t->requires,
		   "%s: transition %s -> %s equal", what, t->from, t->to);
	}
	ok(same_strv(&x->kinds, &y->kinds), "%s: kinds", what);
	ok(same_strv(&x->audiences, &y->audiences), "%s: audiences", what);
	ok(same_strv(&x->channels, &y->channels), "%s: channels", what);
	ok(same_strv(&x->goals, &y->goals), "%s: goals", what);
	ok(same_strv(&x->library_offers, &y->library_offers), "%s: library_offers", what);
	ok(same_strv(&x->outreach_keywords, &y->outreach_keywords), "%s: outreach_keywords", what);
	is(x->n_criteria, y->n_criteria, "%s: criteria count", what);
	for (size_t i = 0; i < x->n_criteria && i < y->n_criteria; i++)
		ok(same_str(x->criteria[i].key, y->criteria[i].key) &&
		   same_str(x->criteria[i].question, y->criteria[i].question),
		   "%s: criterion %s equal", what, y->criteria[i].key);
	is(x->stale_days, y->stale_days, "%s: stale_days", what);
	ok(same_str(a->database, b->database), "%s: database", what);
	is(a->n_theme, b->n_theme, "%s: theme size", what);
	for (size_t i = 0; i < b->n_theme; i++) {
		const pd_theme_entry *t = &b->theme[i];
		const pd_theme_entry *s = pd_config_theme_entry(a, t->element);
		ok(s && same_str(s->fg, t->fg) && same_str(s->bg, t->bg) && s->bold == t->bold &&
		   s->reverse == t->reverse && s->underline == t->underline,
		   "%s: theme %s equal", what, t->element);
	}
	is(a->n_keys, b->n_keys, "%s: key overrides", what);
}

static void test_defaults(void)
{
	pd_error err = {0};
	pd_config *cfg = pd_config_create_default(&err);
	ok(cfg != NULL, "defaults created");
	ok(cfg->file == NULL, "defaults have no file");
	const pd_rules *r = &cfg->rules;
	is(r->n_stages, 5, "five stages");
	streq(r->stages[0].name, "glance", "first stage glance");
	is(r->stages[2].review_days, 90, "engagement reviewed after 90 days");
	ok(r->stages[4].closed, "dissolved is closed");
	is(r->n_transitions, 11, "eleven transitions");
	is(r->stale_days, 90, "stale after 90 days");
	is(r->n_criteria, 10, "ten fit criteria");
	ok(cfg->database == NULL, "no database by default");
	is(cfg->n_keys, 0, "no key overrides");
	const pd_theme_entry *t = pd_config_theme_entry(cfg, "selected");
	ok(t && t->reverse, "selected is reverse, so it shows without colour");
	t = pd_config_theme_entry(cfg, "overdue");
	ok(t && same_str(t->fg, "red") && t->bold, "overdue red and bold");
	ok(pd_config_theme_entry(cfg, "nonesuch") == NULL, "unknown element: NULL");
	pd_config_destroy(cfg);
	pd_config_destroy(NULL);
	ok(1, "destroy accepts NULL");
}

static void test_shipped(const char *path)
{
	pd_error err = {0};
	pd_config *def = pd_config_create_default(&err);
	pd_config *cfg = pd_config_load_file(path, &err);
	ok(cfg != NULL, "shipped config loads: %s", err.msg);
	if (cfg) {
		streq(cfg->file, path, "file recorded");
		check_same(cfg, def, "shipped");
	}
	pd_config_destroy(cfg);
	pd_config_destroy(def);
}

static void test_empty_and_overlays(void)
{
	pd_error err = {0};
	pd_config *def = pd_config_create_default(&err);
	const char *empties[] = {"", "# only a comment\n", "---\n", "~\n", "---\n...\n", "\xEF\xBB\xBF"};
	for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
		pd_config *cfg = load(empties[i], &err);
		ok(cfg != NULL, "empty document %zu is all defaults", i);
		if (cfg)
			check_same(cfg, def, "empty");
		pd_config_destroy(cfg);
	}
	pd_config *cfg = pd_config_load_buffer("t.yaml", NULL, 0, &err);
	ok(cfg != NULL, "NULL buffer is all defaults");
	pd_config_destroy(cfg);

	cfg = load("stale_days: 30\n", &err);
	ok(cfg != NULL, "stale_days only");
	if (cfg) {
		is(cfg->rules.stale_days, 30, "stale_days set");
		def->rules.stale_days = 30;
		check_same(cfg, def, "stale_days only");
		def->rules.stale_days = 90;
	}
	pd_config_destroy(cfg);

	cfg = load("stages:\n"
	           "  - name: new\n"
	           "  - {name: active, label: Active, color: Bright-Green, review_days: 30}\n"
	           "  - {name: gone, closed: true}\n"
	           "transitions:\n"
	           "  - {from: new, to: active, requires: reason}\n"
	           "  - {from: '*', to: gone, requires: [reason, approval, reason]}\n"
	           "  - {from: Gone, to: NEW}\n", &err);
	ok(cfg != NULL, "stages replaced: %s", err.msg);
	if (cfg) {
		const pd_rules *r = &cfg->rules;
		is(r->n_stages, 3, "three stages");
		streq(r->stages[0].label, "new", "label defaults to the name");
		ok(r->stages[0].description == NULL, "no description");
		ok(r->stages[0].color == NULL, "no colour");
		streq(r->stages[1].color, "bright-green", "colour kept, lower case");
		is(r->stages[1].review_days, 30, "review_days");
		ok(r->stages[2].closed, "closed");
		is(r->n_transitions, 3, "three transitions");
		is(r->transitions[0].requires, PD_REQ_REASON, "a single requirement without brackets");
		streq(r->transitions[1].from, "*", "any-stage rule");
		is(r->transitions[1].requires, PD_REQ_REASON | PD_REQ_APPROVAL, "repeated requirement once");
		streq(r->transitions[2].from, "gone", "stage names take the stage's spelling");
		streq(r->transitions[2].to, "new", "to as well");
		is(r->transitions[2].requires, 0, "no requirements");
		ok(same_strv(&r->kinds, &def->rules.kinds), "kinds kept");
		is(r->stale_days, 90, "stale_days kept");
	}
	pd_config_destroy(cfg);

	/* Stages that keep every name the default transitions use. */
	cfg = load("stages:\n"
	           "  - {name: glance}\n  - {name: date}\n  - {name: engagement}\n"
	           "  - {name: marriage}\n  - {name: dissolved, closed: true}\n"
	           "  - {name: archived, closed: true}\n", &err);
	ok(cfg != NULL, "more stages, default transitions still valid: %s", err.msg);
	if (cfg)
		is(cfg->rules.n_transitions, 11, "default transitions kept");
	pd_config_destroy(cfg);

	cfg = load("kinds: [library, Musée]\naudiences: []\ntransitions: []\n"
	           "fit_criteria: [{key: fit, question: Is it a fit?}]\n"
	           "outreach_keywords: [learning]\ngoals: [gain support]\n"
	           "library_offers: [space]\nchannels: [phone, 'e-mail']\n", &err);
	ok(cfg != NULL, "lists replaced: %s", err.msg);
	if (cfg) {
		const pd_rules *r = &cfg->rules;
		is(r->kinds.n, 2, "two kinds");
		streq(r->kinds.v[1], "Musée", "UTF-8 kind");
		is(r->audiences.n, 0, "empty list allowed");
		is(r->n_transitions, 0, "no transitions: no moves");
		is(r->n_criteria, 1, "one criterion");
		streq(r->criteria[0].question, "Is it a fit?", "question");
		streq(r->channels.v[1], "e-mail", "quoted channel");
		is(r->n_stages, 5, "stages kept");
	}
	pd_config_destroy(cfg);

	cfg = load("database: /srv/pd/branch.db\n", &err);
	ok(cfg && same_str(cfg->database, "/srv/pd/branch.db"), "absolute database");
	pd_config_destroy(cfg);
	cfg = load("database:\n", &err);
	ok(cfg && cfg->database == NULL, "empty database: unset");
	pd_config_destroy(cfg);

	/* Anchors and aliases are plain YAML and work. */
	cfg = load("kinds: &k [zoo, museum]\naudiences: *k\n", &err);
	ok(cfg && cfg->rules.audiences.n == 2, "alias reused: %s", err.msg);
	pd_config_destroy(cfg);
	pd_config_destroy(def);
}

static void test_theme_and_keys(void)
{
	pd_error err = {0};
	pd_config *cfg = load("theme:\n"
	                      "  title: {fg: white, bg: blue, bold: true}\n"
	                      "  stage.marriage: {fg: 208, underline: TRUE}\n"
	                      "  help:\n"
	                      "keys:\n"
	                      "  quit: [q, C-q]\n"
	                      "  down: Down\n"
	                      "  sort: []\n", &err);
	ok(cfg != NULL, "theme and keys: %s", err.msg);
	if (cfg) {
		const pd_theme_entry *t = pd_config_theme_entry(cfg, "title");
		ok(t && same_str(t->fg, "white") && same_str(t->bg, "blue") && t->bold && !t->reverse,
		   "title replaced as a whole (reverse gone)");
		t = pd_config_theme_entry(cfg, "stage.marriage");
		ok(t && same_str(t->fg, "208") && t->underline, "stage element with a number");
		t = pd_config_theme_entry(cfg, "help");
		ok(t && !t->fg && !t->bg && !t->bold, "empty element is plain");
		t = pd_config_theme_entry(cfg, "overdue");
		ok(t && same_str(t->fg, "red"), "elements not named keep their defaults");
		is(cfg->n_keys, 3, "three overrides");
		streq(cfg->keys[0].action, "quit", "action");
		is(cfg->keys[0].line, 6, "action line");
		is(cfg->keys[0].column, 3, "action column");
		is(cfg->keys[0].keys.n, 2, "two keys");
		streq(cfg->keys[0].keys.v[1], "C-q", "second key");
		is(cfg->keys[0].key_pos[1].line, 6, "key line");
		is(cfg->keys[0].key_pos[1].column, 13, "key column");
		is(cfg->keys[1].keys.n, 1, "one key without brackets");
		streq(cfg->keys[1].keys.v[0], "Down", "Down");
		is(cfg->keys[1].key_pos[0].column, 9, "its column");
		is(cfg->keys[2].keys.n, 0, "empty list unbinds");
		streq(cfg->file, "t.yaml", "name kept for the keymap's messages");
	}
	pd_config_destroy(cfg);

	int idx = 99;
	ok(pd_config_color_index("default", &idx) && idx == -1, "default colour");
	ok(pd_config_color_index("Cyan", &idx) && idx == 6, "cyan");
	ok(pd_config_color_index("bright-red", &idx) && idx == 9, "bright red");
	ok(pd_config_color_index("255", &idx) && idx == 255, "255");
	ok(!pd_config_color_index("256", &idx), "256 refused");
	ok(!pd_config_color_index("purple", &idx), "purple refused");
	ok(!pd_config_color_index("", &idx), "empty refused");
}

static void test_errors(void)
{
	/* Top level. */
	refuses("stale_days: 30\nstale_day: 3\n",
	        "t.yaml:2:1: unknown setting 'stale_day'; did you mean 'stale_days'?");
	/* The threshold's own word, or its name cut short, is stale_days,
	 * not the nearer-spelled stages. */
	refuses("staleness: 30\n",
	        "t.yaml:1:1: unknown setting 'staleness'; did you mean 'stale_days'?");
	refuses("stale: 30\n", "t.yaml:1:1: unknown setting 'stale'; did you mean 'stale_days'?");
	refuses("stages:\n  - {name: a, review_period: 30}\n",
	        "t.yaml:2:15: unknown stage field 'review_period'; did you mean 'review_days'?");
	refuses("colour: red\n",
	        "t.yaml:1:1: unknown setting 'colour' (expected one of: stages, transitions, "
	        "kinds, audiences, channels, goals, library_offers, fit_criteria, "
	        "outreach_keywords, stale_days, database, theme, keys)");
	refuses("- a\n- b\n", "t.yaml:1:1: expected a mapping of settings such as "
	        "'stale_days: 90', got a list");
	refuses("hello world\n", "t.yaml:1:1: expected a mapping of settings such as "
	        "'stale_days: 90', got a string");
	refuses("[a]: 1\n", "t.yaml:1:1: setting name: expected a string, got a list");
	refuses("stale_days: 3\nkinds: []\nstale_days: 4\n",
	        "t.yaml:3:1: duplicate key 'stale_days' (first given at line 1, column 1)");

	/* Types. */
	refuses("kinds:\n  museum: 1\n", "t.yaml:2:3: kinds: expected a list, got a mapping");
	refuses("kinds: museum\n", "t.yaml:1:8: kinds: expected a list, got a string");
	refuses("kinds:\n", "t.yaml:1:7: kinds: expected a list, got nothing (write [] for none)");
	refuses("kinds: [zoo, [a]]\n", "t.yaml:1:14: kinds: expected a string, got a list");
	refuses("kinds: [zoo, '']\n", "t.yaml:1:14: kinds: must not be empty");
	/* no channel at all: no call could be logged */
	refuses("stale_days: 30\nchannels: []\n",
	        "t.yaml:2:11: channels: at least one channel is needed (leave the key out for the defaults)");
	refuses("kinds: [zoo, \"a\\0b\"]\n", "t.yaml:1:14: kinds: a NUL character is not allowed");
	refuses("kinds: [Zoo, museum, zoo]\n",
	        "t.yaml:1:22: kinds: 'zoo' is listed twice (first at line 1)");
	refuses("stages: {glance: 1}\n", "t.yaml:1:9: stages: expected a list, got a mapping");
	refuses("transitions:\n", "t.yaml:1:13: transitions: expected a list, got nothing "
	        "(write [] to allow no moves)");
	refuses("theme: [a]\n", "t.yaml:1:8: theme: expected a mapping, got a list");
	refuses("keys: q\n", "t.yaml:1:7: keys: expected a mapping, got a string");
	refuses("keys:\n  quit: {a: b}\n",
	        "t.yaml:2:9: keys: quit: expected a key name or a list of them, got a mapping");
	refuses("keys:\n  quit: [q, '']\n", "t.yaml:2:13: key name: must not be empty");

	/* stale_days. */
	refuses("stale_days: 0\n",
	        "t.yaml:1:13: stale_days: expected a whole number from 1 to 36500, got '0'");
	refuses("stale_days: -5\n",
	        "t.yaml:1:13: stale_days: expected a whole number from 1 to 36500, got '-5'");
	refuses("stale_days: ninety\n",
	        "t.yaml:1:13: stale_days: expected a whole number from 1 to 36500, got 'ninety'");
	refuses("stale_days: 9.5\n",
	        "t.yaml:1:13: stale_days: expected a whole number from 1 to 36500, got '9.5'");
	refuses("stale_days: 99999999999999999999\n",
	        "t.yaml:1:13: stale_days: expected a whole number from 1 to 36500, "
	        "got '99999999999999999999'");
	refuses("stale_days: [1]\n",
	        "t.yaml:1:13: stale_days: expected a whole number from 1 to 36500, got a list");
	refuses("stale_days:\n",
	        "t.yaml:1:12: stale_days: expected a whole number from 1 to 36500, got nothing");

	/* Stages. */
	refuses("stages: []\n", "t.yaml:1:9: stages: at least one stage is needed");
	refuses("stages:\n  - glance\n",
	        "t.yaml:2:5: stages: each stage: expected a mapping, got a string");
	refuses("stages:\n  - {label: Glance}\n", "t.yaml:2:5: stage: a stage needs a name");
	refuses("stages:\n  - {name: a, colour: red}\n",
	        "t.yaml:2:15: unknown stage field 'colour'; did you mean 'color'?");
	refuses("stages:\n  - name: a\n  - name: b\n  - name: A\n",
	        "t.yaml:4:11: stage 'A' is defined twice (first at line 2)");
	refuses("stages:\n  - name: a b\n",
	        "t.yaml:2:11: stage name: 'a b' is not a valid name (up to 64 ASCII letters, "
	        "digits, '-' and '_')");
	refuses("stages:\n  - {name: a, review_days: -1}\n",
	        "t.yaml:2:28: review_days: expected a whole number from 0 to 3650, got '-1'");
	refuses("stages:\n  - {name: a, closed: yes}\n",
	        "t.yaml:2:23: closed: expected true or false, got 'yes'");
	refuses("stages:\n  - {name: a, color: purple}\n",
	        "t.yaml:2:22: unknown colour 'purple' (expected one of: default, black, red, "
	        "green, yellow, blue, magenta, cyan, white, bright-black, bright-red, "
	        "bright-green, bright-yellow, bright-blue, bright-magenta, bright-cyan, "
	        "bright-white), or a number 0-255");
	refuses("stages:\n  - {name: a, color: gren}\n",
	        "t.yaml:2:22: unknown colour 'gren'; did you mean 'green'?");
	refuses("stages:\n  - {name: a, closed: true}\n  - {name: b}\n",
	        "t.yaml:2:5: stage 'a': the first stage is where new partners start, so it "
	        "cannot be closed");
	refuses("stages:\n  - {name: glance}\n  - {name: dissolved}\n",
	        "t.yaml:1:1: stages: the default transitions use stage 'date', which this "
	        "list does not define; give transitions: too");

	/* Transitions. */
	refuses("transitions:\n  - {from: glance, to: dat}\n",
	        "t.yaml:2:24: unknown stage 'dat'; did you mean 'date'?");
	refuses("transitions:\n  - {from: nowhere, to: date}\n",
	        "t.yaml:2:12: unknown stage 'nowhere' (expected one of: glance, date, "
	        "engagement, marriage, dissolved)");
	refuses("transitions:\n  - {from: glance, to: '*'}\n",
	        "t.yaml:2:24: unknown stage '*' (expected one of: glance, date, "
	        "engagement, marriage, dissolved)");
	refuses("transitions:\n  - {from: glance}\n", "t.yaml:2:5: transition: 'to' is missing");
	refuses("transitions:\n  - {from: date, to: date}\n",
	        "t.yaml:2:22: transition from 'date' to itself");
	refuses("transitions:\n  - {from: glance, to: date, requires: [reason, review]}\n",
	        "t.yaml:2:49: unknown requirement 'review'; did you mean 'review_date'?");
	refuses("transitions:\n  - {from: glance, to: date, requires: [signature]}\n",
	        "t.yaml:2:41: unknown requirement 'signature' (expected one of: reason, "
	        "review_date, approval)");
	refuses("transitions:\n  - {from: glance, to: date, needs: [reason]}\n",
	        "t.yaml:2:30: unknown transition field 'needs' (expected one of: from, to, requires)");
	refuses("transitions:\n  - {from: glance, to: date}\n  - {from: Glance, to: DATE}\n",
	        "t.yaml:3:5: transition from 'glance' to 'date' is given twice (first at line 2)");
	refuses("stages: [{name: a}, {name: b}]\ntransitions:\n  - {from: a, to: c}\n",
	        "t.yaml:3:19: unknown stage 'c'; did you mean 'a'?");

	/* Fit criteria. */
	refuses("fit_criteria:\n  - {key: a}\n",
	        "t.yaml:2:6: fit criterion 'a': 'question' is missing");
	refuses("fit_criteria:\n  - {question: Why?}\n",
	        "t.yaml:2:5: fit criterion: 'key' is missing");
	refuses("fit_criteria:\n  - {key: a, question: x}\n  - {key: a, question: y}\n",
	        "t.yaml:3:11: fit criterion 'a' is defined twice (first at line 2)");

	/* Theme. */
	refuses("theme:\n  titel: {bold: true}\n",
	        "t.yaml:2:3: unknown theme element 'titel'; did you mean 'title'?");
	refuses("theme:\n  stage.engaged: {bold: true}\n",
	        "t.yaml:2:3: unknown theme element 'stage.engaged'; did you mean 'stage.engagement'?");
	refuses("theme:\n  title: {bold: 1}\n",
	        "t.yaml:2:17: bold: expected true or false, got '1'");
	refuses("theme:\n  title: {fg: red, blink: true}\n",
	        "t.yaml:2:20: unknown theme attribute 'blink' (expected one of: fg, bg, bold, "
	        "reverse, underline)");
	refuses("theme:\n  title: red\n", "t.yaml:2:10: title: expected a mapping, got a string");

	/* Database. */
	refuses("database: ~nosuchuser-pd/x.db\n",
	        "t.yaml:1:11: database: cannot expand '~nosuchuser-pd': no such user");
	refuses("database: [a]\n", "t.yaml:1:11: database: expected a string, got a list");

	/* YAML itself. */
	refuses("kinds: [zoo\n",
	        "t.yaml:2:1: invalid YAML: did not find expected ',' or ']' (while parsing a "
	        "flow sequence that started at line 1, column 8)");
	refuses("stale_days: 3\n\tkinds: []\n",
	        "t.yaml:2:1: a tab character: YAML indents with spaces, not tabs");
	refuses("kinds:\n  - a\n\t- b\n",
	        "t.yaml:3:1: a tab character: YAML indents with spaces, not tabs");
	refuses("stale_days: 3\nkinds: [a\xff]\n",
	        "t.yaml:2:10: not UTF-8 text: invalid leading UTF-8 octet (byte 0xff)");
	refuses("a: b: c\n",
	        "t.yaml:1:5: invalid YAML: mapping values are not allowed in this context");
	refuses("stale_days: 1\n---\nstale_days: 2\n",
	        "t.yaml:2:1: a second YAML document: a config is one document");
	refuses("kinds: *nothing\n",
	        "t.yaml:1:8: alias '*nothing' names no anchor defined before it");
	refuses("kinds: &k [a, *k]\n",
	        "t.yaml:1:15: alias '*k' names no anchor defined before it");
	/* A byte order mark is not a column an editor counts. */
	refuses("\xEF\xBB\xBFstale_days: x\n",
	        "t.yaml:1:13: stale_days: expected a whole number from 1 to 36500, got 'x'");
	refuses("\xEF\xBB\xBFkinds: [a\xff]\n",
	        "t.yaml:1:10: not UTF-8 text: invalid leading UTF-8 octet (byte 0xff)");
	refuses("\xEF\xBB\xBFkinds: [a\n",
	        "t.yaml:2:1: invalid YAML: did not find expected ',' or ']' (while parsing a "
	        "flow sequence that started at line 1, column 8)");
	refuses("\x7f\x45\x4c\x46\x02\x01\x01\x00\x00",
	        "t.yaml:1:1: not UTF-8 text: control characters are not allowed (byte 0x7f)");
}

/* Hostile shapes: deep nesting, alias bombs, huge and odd inputs. */
static void test_hostile(void)
{
	char deep[300];
	memset(deep, '[', 200);
	deep[200] = '\0';
	refuses(deep, "t.yaml:1:65: nested too deeply (more than 64 levels)");

	/* A billion laughs: aliases share nodes instead of copying, so this
	 * costs nine small lists, and the nesting is refused where it is used.
	 * A value reached through an alias is reported where it is written. */
	const char *bomb =
		"keys:\n"
		"  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
		"  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
		"  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
		"  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
		"  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
		"  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
		"  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
		"  h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
		"  i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
	refuses(bomb, "t.yaml:2:6: key name: expected a string, got a list");

	/* One long list reached through many aliases: refused by the per-entry
	 * bounds before any work is multiplied. */
	size_t cap = 400000;
	char *amp = malloc(cap);
	if (amp) {
		size_t n = (size_t)snprintf(amp, cap, "keys:\n  a: &l [");
		for (int i = 0; i < 20000; i++)
			n += (size_t)snprintf(amp + n, cap - n, "%sx", i ? "," : "");
		n += (size_t)snprintf(amp + n, cap - n, "]\n");
		for (int i = 0; i < 20000 && n + 40 < cap; i++)
			n += (size_t)snprintf(amp + n, cap - n, "  b%d: *l\n", i);
		refuses(amp, "t.yaml:2:6: keys: a: at most 16 keys per action");
		free(amp);
	}
	refuses("transitions:\n  - {from: glance, to: date, requires: &r [reason, reason, reason, "
	        "reason, reason, reason, reason, reason, reason]}\n",
	        "t.yaml:2:40: requires: at most 8 entries");

	size_t big = (1u << 20) + 10;
	char *huge = malloc(big + 1);
	if (huge) {
		memset(huge, '#', big);
		huge[big] = '\0';
		refuses(huge, "t.yaml: too large for a config (over 1048576 bytes)");
		free(huge);
	}

	/* Every prefix of a valid config either loads or fails with a message;
	 * nothing crashes and nothing leaks (ASan/valgrind runs see to that). */
	const char *text =
		"stages:\n  - {name: a, label: \"A\\u00e9\", review_days: 3}\n  - name: b\n"
		"transitions: [{from: a, to: b, requires: [reason]}]\n"
		"theme: {title: {fg: red}}\nkeys: {quit: [q]}\nstale_days: 7\n";
	size_t len = strlen(text);
	bool all_fine = true;
	for (size_t i = 0; i <= len; i++) {
		pd_error e = {0};
		pd_config *c = pd_config_load_buffer("p.yaml", text, i, &e);
		if (!c && strncmp(e.msg, "p.yaml:", 7) != 0)
			all_fine = false;
		pd_config_destroy(c);
	}
	ok(all_fine, "every prefix loads or fails with a positioned message");
}

static void test_files(void)
{
	pd_error err = {0};
	pd_config *cfg = pd_config_load_file("/nonexistent/pd/config.yaml", &err);
	ok(!cfg, "missing file refused");
	streq(err.msg, "/nonexistent/pd/config.yaml: cannot read: No such file or directory",
	      "cannot read message");
	is(err.code, PD_ERR_IO, "io error");

	char dir[] = "/tmp/pd-config-test-XXXXXX";
	ok(mkdtemp(dir) != NULL, "temp dir");
	cfg = pd_config_load_file(dir, &err);
	ok(!cfg, "directory refused");
	char want[700];
	snprintf(want, sizeof want, "%s: cannot read: Is a directory", dir);
	streq(err.msg, want, "directory message");

	char path[300];
	snprintf(path, sizeof path, "%s/c.yaml", dir);
	FILE *f = fopen(path, "w");
	fputs("database: data/branch.db\nstale_days: x\n", f);
	fclose(f);
	cfg = pd_config_load_file(path, &err);
	snprintf(want, sizeof want, "%s:2:13: stale_days: expected a whole number from 1 to "
	         "36500, got 'x'", path);
	streq(err.msg, want, "file name in the message");
	f = fopen(path, "w");
	fputs("database: data/branch.db\n", f);
	fclose(f);
	cfg = pd_config_load_file(path, &err);
	snprintf(want, sizeof want, "%s/data/branch.db", dir);
	ok(cfg && same_str(cfg->database, want), "relative database from the config's directory");
	pd_config_destroy(cfg);
	unlink(path);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	test_defaults();
	if (argc > 1)
		test_shipped(argv[1]);
	else
		ok(0, "the shipped config path is passed as argv[1]");
	test_empty_and_overlays();
	test_theme_and_keys();
	test_errors();
	test_hostile();
	test_files();
	return tap_done();
}
