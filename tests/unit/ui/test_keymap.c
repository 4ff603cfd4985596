/* The keymap table, key-name parsing, and the config's `keys:` overrides
 * with their error positions. Pure functions: no terminal needed. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/ui/keymap.h"
#include "tap.h"

static void test_table(void)
{
	size_t n;
	const pd_keydef *t = pd_keymap_defaults(&n);
	is(n, PD_ACT__COUNT, "the table has one entry per action");
	for (size_t i = 0; i < n; i++)
		is(t[i].action, i, "entry %zu is indexed by its action", i);
	int named = 0, helped = 0, keyed = 0, parsed = 0, keys = 0;
	for (size_t i = 1; i < n; i++) {
		named += t[i].name && *t[i].name;
		helped += t[i].help && *t[i].help && t[i].where && *t[i].where;
		keyed += t[i].keys[0] != NULL;
		for (size_t k = 0; k < PD_KEYMAP_MAX_KEYS && t[i].keys[k]; k++) {
			int key;
			bool fk;
			keys++;
			if (pd_key_parse(t[i].keys[k], &key, &fk))
				parsed++;
			else
				ok(0, "default key '%s' of %s parses", t[i].keys[k], t[i].name);
		}
	}
	is(named, n - 1, "every action has a name");
	is(helped, n - 1, "every action has help text and a where");
	is(keyed, n - 1, "every action has a default key");
	is(parsed, keys, "every default key name parses");

	int dup_names = 0, dup_keys = 0;
	for (size_t i = 1; i < n; i++) {
		for (size_t j = i + 1; j < n; j++) {
			if (strcmp(t[i].name, t[j].name) == 0)
				dup_names++;
			if (!pd_keydef_overlap(&t[i], &t[j]))
				continue;
			for (size_t a = 0; a < PD_KEYMAP_MAX_KEYS && t[i].keys[a]; a++) {
				for (size_t b = 0; b < PD_KEYMAP_MAX_KEYS && t[j].keys[b]; b++) {
					int ka, kb;
					bool fa, fb;
					pd_key_parse(t[i].keys[a], &ka, &fa);
					pd_key_parse(t[j].keys[b], &kb, &fb);
					if (ka == kb && fa == fb) {
						dup_keys++;
						ok(0, "key %s bound to both %s and %s", t[i].keys[a], t[i].name, t[j].name);
					}
				}
			}
		}
	}
	is(dup_names, 0, "action names are unique");
	is(dup_keys, 0, "no default key is bound twice where both apply");
	is(pd_action_from_name("stage-next"), PD_ACT_STAGE_NEXT, "actions are found by name");
	is(pd_action_from_name("nonsense"), PD_ACT_NONE, "an unknown name is no action");
	ok(pd_keydef_applies(&t[PD_ACT_SORT], "list"), "sort applies in the list");
	ok(!pd_keydef_applies(&t[PD_ACT_SORT], "kanban"), "sort does not apply in kanban");
	ok(pd_keydef_applies(&t[PD_ACT_QUIT], "kanban"), "quit applies everywhere");
}

static void test_parse(void)
{
	static const struct {
		const char *name;
		int key;
		bool is_key;
	} cases[] = {
		{"j", 'j', false}, {"G", 'G', false}, {"Down", KEY_DOWN, true},
		{"down", KEY_DOWN, true}, {"Up", KEY_UP, true}, {"Left", KEY_LEFT, true},
		{"Right", KEY_RIGHT, true}, {"PgDn", KEY_NPAGE, true}, {"PgUp", KEY_PPAGE, true},
		{"Home", KEY_HOME, true}, {"End", KEY_END, true}, {"Enter", '\r', false},
		{"Tab", '\t', false}, {"S-Tab", KEY_BTAB, true}, {"Esc", 27, false},
		{"C-a", 1, false}, {"C-z", 26, false}, {"C-L", 12, false}, {"F1", KEY_F(1), true},
		{"F12", KEY_F(12), true}, {"Space", ' ', false}, {"<", '<', false},
		{">", '>', false}, {"?", '?', false}, {"/", '/', false},
		{"\xc3\xa9", 0xE9, false},           /* é: one character */
		{"C-h", KEY_BACKSPACE, true},        /* C-h is what Backspace sends */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int key = -1;
		bool fk = !cases[i].is_key;
		ok(pd_key_parse(cases[i].name, &key, &fk), "'%s' parses", cases[i].name);
		is(key, cases[i].key, "'%s' is the right code", cases[i].name);
		is(fk, cases[i].is_key, "'%s' is%s a function key", cases[i].name, cases[i].is_key ? "" : " not");
	}
	static const char *const bad[] = {"", "jj", "F0", "F13", "C-", "C-1", "Ctrl-a", "\x1b", "\xff", "\x7f", "Foo"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int key;
		bool fk;
		ok(!pd_key_parse(bad[i], &key, &fk), "bad key name %zu is refused", i);
	}
	char buf[32];
	static const char *const round[] = {"j", "Down", "PgDn", "Enter", "S-Tab", "Esc", "C-s", "F5", "Space", "?"};
	for (size_t i = 0; i < sizeof round / sizeof round[0]; i++) {
		int key;
		bool fk;
		pd_key_parse(round[i], &key, &fk);
		pd_key_name(key, fk, buf, sizeof buf);
		streq(buf, round[i], "'%s' names itself back", round[i]);
	}
}

static pd_config *config_with(const char *action, const char *k1, const char *k2, unsigned long line)
{
	pd_config *c = calloc(1, sizeof *c);
	c->file = strdup("my.yaml");
	c->keys = calloc(1, sizeof *c->keys);
	c->n_keys = 1;
	c->keys[0].action = strdup(action);
	if (k1)
		pd_strv_push(&c->keys[0].keys, k1);
	if (k2)
		pd_strv_push(&c->keys[0].keys, k2);
	c->keys[0].line = line;
	c->keys[0].column = 3;
	return c;
}

static void config_free(pd_config *c)
{
	for (size_t i = 0; i < c->n_keys; i++) {
		free(c->keys[i].action);
		pd_strv_clear(&c->keys[i].keys);
	}
	free(c->keys);
	free(c->file);
	free(c);
}

static void test_overrides(void)
{
	pd_error err = {0};
	pd_keymap *km = pd_keymap_create(NULL, &err);
	ok(km != NULL, "the default keymap builds");
	is(pd_keymap_lookup(km, 'j', false), PD_ACT_DOWN, "j moves down");
	is(pd_keymap_lookup(km, KEY_DOWN, true), PD_ACT_DOWN, "Down moves down");
	is(pd_keymap_lookup(km, '\n', false), PD_ACT_OPEN, "LF is Enter");
	is(pd_keymap_lookup(km, KEY_ENTER, true), PD_ACT_OPEN, "KEY_ENTER is Enter");
	is(pd_keymap_lookup(km, '\r', false), PD_ACT_OPEN, "CR is Enter");
	is(pd_keymap_lookup(km, 19, false), PD_ACT_SAVE, "C-s saves");
	is(pd_keymap_lookup(km, 'Z', false), PD_ACT_NONE, "an unbound key is no action");
	char buf[64];
	pd_keymap_describe(km, PD_ACT_DOWN, buf, sizeof buf);
	streq(buf, "j, Down", "down is described");
	pd_keymap_destroy(km);

	pd_config *c = config_with("down", "n", "Down", 7);
	km = pd_keymap_create(c, &err);
	ok(km != NULL, "an override builds: %s", err.msg);
	is(pd_keymap_lookup(km, 'n', false), PD_ACT_DOWN, "the new key works");
	is(pd_keymap_lookup(km, 'j', false), PD_ACT_NONE, "the replaced key is free");
	pd_keymap_describe(km, PD_ACT_DOWN, buf, sizeof buf);
	streq(buf, "n, Down", "the override is described");
	pd_keymap_destroy(km);
	config_free(c);

	c = config_with("dwon", "n", NULL, 12);
	km = pd_keymap_create(c, &err);
	ok(km == NULL, "an unknown action is refused");
	is(err.code, PD_ERR_INVALID, "as invalid");
	ok(strstr(err.msg, "my.yaml:12:3: 'dwon' is not an action") == err.msg, "with its position: %s", err.msg);
	config_free(c);

	c = config_with("up", "k", "Uup", 4);
	km = pd_keymap_create(c, &err);
	ok(km == NULL, "an unknown key name is refused");
	ok(strstr(err.msg, "my.yaml:4:3: 'Uup' is not a key name") == err.msg, "with its position: %s", err.msg);
	config_free(c);

	c = config_with("quit", "j", NULL, 9);
	km = pd_keymap_create(c, &err);
	ok(km == NULL, "a key bound to two actions is refused");
	ok(strstr(err.msg, "my.yaml:9:3: key 'j' is bound to both 'quit' and 'down'") != NULL, "saying which: %s", err.msg);
	config_free(c);

	c = config_with("quit", NULL, NULL, 2);
	km = pd_keymap_create(c, &err);
	ok(km == NULL, "quit cannot be left without a key");
	config_free(c);

	/* Swapping two actions' keys is fine: clashes are checked after all
	 * overrides are applied. */
	c = config_with("down", "k", NULL, 2);
	c->keys = realloc(c->keys, 2 * sizeof *c->keys);
	memset(&c->keys[1], 0, sizeof c->keys[1]);
	c->keys[1].action = strdup("up");
	pd_strv_push(&c->keys[1].keys, "j");
	c->n_keys = 2;
	km = pd_keymap_create(c, &err);
	ok(km != NULL, "swapping j and k works: %s", err.msg);
	is(pd_keymap_lookup(km, 'k', false), PD_ACT_DOWN, "k now moves down");
	is(pd_keymap_lookup(km, 'j', false), PD_ACT_UP, "j now moves up");
	pd_keymap_destroy(km);
	config_free(c);
}

/* Errors point at the key that is wrong, as the config file wrote it. */
static void test_positions(void)
{
	static const struct { const char *yaml, *want; } cases[] = {
		{ "keys:\n  quit: [q]\n  down: [q]\n",
		  "pos.yaml:3:10: key 'q' is bound to both 'quit' (line 2) and 'down'" },
		{ "keys:\n  down: [q]\n  quit: [q]\n",
		  "pos.yaml:3:10: key 'q' is bound to both 'down' (line 2) and 'quit'" },
		{ "keys:\n  quit: [Ctrl-Q]\n", "pos.yaml:2:10: 'Ctrl-Q' is not a key name" },
		{ "keys:\n  up:\n    - k\n    - Uup\n", "pos.yaml:4:7: 'Uup' is not a key name" },
		{ "keys:\n  down: [n, q]\n", "pos.yaml:2:13: key 'q' is bound to both 'down' and 'quit'" },
		{ "keys:\n  quitt: [x]\n", "pos.yaml:2:3: 'quitt' is not an action" },
		/* A form takes a letter as text: save on z would never save, and
		 * with cancel on x as well nothing would leave the form. */
		{ "keys:\n  save: [C-w, z]\n",
		  "pos.yaml:2:15: key 'z' types text in a form, so it would never reach 'save' there" },
		{ "keys:\n  cancel: x\n",
		  "pos.yaml:2:11: key 'x' types text in a form, so it would never reach 'cancel'" },
		{ "keys:\n  next-pane: [Space]\n",
		  "pos.yaml:2:15: key 'Space' types text in a form" },
		{ "keys:\n  editor: [\"\u00e9\"]\n", "pos.yaml:2:12: key '\u00e9' types text in a form" },
		/* No key at all: nothing would leave the program, or save a form. */
		{ "keys:\n  quit: []\n", "pos.yaml:2:3: 'quit' needs at least one key" },
		{ "keys:\n  cancel: []\n", "pos.yaml:2:3: 'cancel' needs at least one key" },
		{ "keys:\n  save: []\n", "pos.yaml:2:3: 'save' needs at least one key" },
		/* The partner picker takes letters as its filter: open on o alone
		 * with Enter moving down (or cancelling) leaves it no key that
		 * chooses. */
		{ "keys:\n  open: [o]\n  down: [Enter, j]\n",
		  "pos.yaml:2:3: the partner picker would have no key to choose with: letters filter it, "
		  "'open' has no other key and Enter is bound to 'down'; give 'open' a key that types nothing" },
		{ "keys:\n  cancel: [Esc, Enter]\n  open: []\n",
		  "pos.yaml:3:3: the partner picker would have no key to choose with" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pd_error err = {0};
		pd_config *c = pd_config_load_buffer("pos.yaml", cases[i].yaml, strlen(cases[i].yaml), &err);
		ok(c != NULL, "case %zu loads: %s", i, err.msg);
		if (!c)
			continue;
		ok(!pd_keymap_check(c, &err), "case %zu is refused", i);
		ok(strstr(err.msg, cases[i].want) == err.msg, "at the key: %s", err.msg);
		pd_config_destroy(c);
	}
	pd_error err = {0};
	const char *good = "keys:\n  down: [k]\n  up: [j]\n  save: [C-w, F2]\n  cancel: [Esc, C-g]\n"
	                   "  sort: [o]\n";
	pd_config *c = pd_config_load_buffer("pos.yaml", good, strlen(good), &err);
	ok(c && pd_keymap_check(c, &err), "a good keys: section passes the check: %s", err.msg);
	pd_config_destroy(c);
	/* Either half alone leaves a key that chooses: Enter (open: [o]),
	 * or open's C-o (Enter moving down). */
	const char *chooses[] = {"keys:\n  open: [o]\n", "keys:\n  open: [C-o]\n  down: [Enter, j]\n",
	                         "keys:\n  open: [o]\n  sort: [Enter]\n"};
	for (size_t i = 0; i < sizeof chooses / sizeof chooses[0]; i++) {
		c = pd_config_load_buffer("pos.yaml", chooses[i], strlen(chooses[i]), &err);
		ok(c && pd_keymap_check(c, &err), "the picker keeps a key to choose (%zu): %s", i, err.msg);
		pd_config_destroy(c);
	}
}

/* The keys hints name: a pair as "h/l", what the config binds, and where
 * letters are text the first key that types none. */
static void test_hint_keys(void)
{
	pd_error err = {0};
	const char *yaml = "keys:\n  left: [H, Left]\n  right: [L, Right]\n  down: [n, Down]\n"
	                   "  remove-contact: []\n";
	pd_config *c = pd_config_load_buffer("hint.yaml", yaml, strlen(yaml), &err);
	pd_keymap *def = pd_keymap_create(NULL, &err), *km = c ? pd_keymap_create(c, &err) : NULL;
	ok(def && km, "the keymaps build: %s", err.msg);
	char buf[64];
	pd_keymap_hint_keys(def, PD_ACT_LEFT, PD_ACT_RIGHT, false, buf, sizeof buf);
	streq(buf, "h/l", "the default tab keys are h/l");
	pd_keymap_hint_keys(km, PD_ACT_LEFT, PD_ACT_RIGHT, false, buf, sizeof buf);
	streq(buf, "H/L", "rebound, they are H/L");
	pd_keymap_hint_keys(km, PD_ACT_DOWN, PD_ACT_UP, true, buf, sizeof buf);
	streq(buf, "Down/Up", "where letters are text, the arrows");
	pd_keymap_hint_keys(km, PD_ACT_EDIT_LOG, PD_ACT_NONE, false, buf, sizeof buf);
	streq(buf, "r", "one action alone");
	pd_keymap_hint_keys(km, PD_ACT_REMOVE_CONTACT, PD_ACT_NONE, false, buf, sizeof buf);
	streq(buf, "", "an action with no key is named by none");
	pd_keymap_hint_keys(km, PD_ACT_OPEN, PD_ACT_NONE, true, buf, 3);
	streq(buf, "En", "cut to the buffer, ended");
	/* The help text names the keys in force, not j/k. */
	char help[256];
	pd_keymap_help(km, PD_ACT_OPEN, help, sizeof help);
	ok(strstr(help, "(n/k move the mark)") != NULL, "open's help names n/k: %s", help);
	/* A message's words: the key as bound, or the words without one. */
	pd_keymap_say(def, PD_ACT_LEFT, "%s goes left", "go left", buf, sizeof buf);
	streq(buf, "h goes left", "the default key in the words");
	pd_keymap_say(km, PD_ACT_LEFT, "%s goes left", "go left", buf, sizeof buf);
	streq(buf, "H goes left", "the key as bound in the words");
	pd_keymap_say(km, PD_ACT_REMOVE_CONTACT, "%s removes", "remove them in words", buf, sizeof buf);
	streq(buf, "remove them in words", "no key: the words without one");
	pd_keymap_say(km, PD_ACT_LEFT, "; press %s", "", buf, 6);
	streq(buf, "; pre", "cut to the buffer, ended");
	pd_keymap_destroy(def);
	pd_keymap_destroy(km);
	pd_config_destroy(c);

	/* A key the config unbinds leaves its action's name in the help of
	 * another that names it, never the raw placeholder. */
	static const char unbound[] = "keys:\n  done: []\n";
	c = pd_config_load_buffer("unbound.yaml", unbound, strlen(unbound), &err);
	km = c ? pd_keymap_create(c, &err) : NULL;
	ok(km != NULL, "done unbound: the keymap builds: %s", err.msg);
	pd_keymap_help(km, PD_ACT_REOPEN, help, sizeof help);
	ok(strstr(help, "the agenda's last done,") != NULL && !strchr(help, '{'),
	   "reopen's help names done by its action, no braces: %s", help);
	pd_keymap_destroy(km);
	pd_config_destroy(c);
}

/* Help's line names the key that reaches a form's help (one that types no
 * text: ? is typed there), and names none when help has no such key. */
static void test_help_key(void)
{
	pd_error err = {0};
	char help[256];
	pd_keymap *def = pd_keymap_create(NULL, &err);
	pd_keymap_help(def, PD_ACT_HELP, help, sizeof help);
	streq(help, "show the keys of this view; F1 those of a form", "by default: F1 for a form's keys");
	pd_keymap_destroy(def);
	static const struct {
		const char *yaml, *want, *why;
	} cases[] = {
		{"keys:\n  help: [\"?\"]\n", "show the keys of this view", "help on ? alone: no form key named"},
		{"keys:\n  help: [\"?\", F2]\n", "show the keys of this view; F2 those of a form", "help on ? and F2: F2"},
		{"keys:\n  help: [C-o]\n", "show the keys of this view; C-o those of a form", "help on C-o: C-o"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pd_config *c = pd_config_load_buffer("help.yaml", cases[i].yaml, strlen(cases[i].yaml), &err);
		pd_keymap *km = c ? pd_keymap_create(c, &err) : NULL;
		ok(km != NULL, "%s: the keymap builds: %s", cases[i].why, err.msg);
		pd_keymap_help(km, PD_ACT_HELP, help, sizeof help);
		streq(help, cases[i].want, "%s", cases[i].why);
		pd_keymap_destroy(km);
		pd_config_destroy(c);
	}
	/* Cut to the buffer, ended, whatever part is dropped. */
	pd_keymap_help(NULL, PD_ACT_HELP, help, 10);
	streq(help, "show the ", "cut to the buffer, ended");
}

int main(void)
{
	test_table();
	test_parse();
	test_overrides();
	test_positions();
	test_hint_keys();
	test_help_key();
	return tap_done();
}
