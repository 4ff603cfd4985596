/* Keys as data: the table of actions with their names, default keys, help
 * and where they apply; key-name parsing; the config's `keys:` overrides on
 * top. Dispatch, the help overlay and the man page all read this table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/keymap.h"

#define VIEWS "list detail kanban agenda reports"
#define MOVING "list detail kanban agenda reports help"

static const pd_keydef keydefs[] = {
	[PD_ACT_NONE] = {PD_ACT_NONE, "none", {NULL}, "does nothing", "", false},
	[PD_ACT_HELP] = {PD_ACT_HELP, "help", {"?", "F1"}, "show the keys of this view[; {!help} those of a form]", VIEWS, false},
	[PD_ACT_QUIT] = {PD_ACT_QUIT, "quit", {"q"}, "close the dialog or pane; from the main view, quit", VIEWS " help", false},
	[PD_ACT_VIEW_LIST] = {PD_ACT_VIEW_LIST, "view-list", {"1"}, "the partner list", VIEWS, false},
	[PD_ACT_VIEW_KANBAN] = {PD_ACT_VIEW_KANBAN, "view-kanban", {"2"}, "the kanban board, a column per stage", VIEWS, false},
	[PD_ACT_VIEW_AGENDA] = {PD_ACT_VIEW_AGENDA, "view-agenda", {"3"}, "the agenda: follow-ups, reviews, agreement dates due", VIEWS, false},
	[PD_ACT_VIEW_REPORTS] = {PD_ACT_VIEW_REPORTS, "view-reports", {"4"}, "the reports", VIEWS, false},
	[PD_ACT_NEXT_PANE] = {PD_ACT_NEXT_PANE, "next-pane", {"Tab"}, "list and detail side by side: the other one; else the list opens the selected partner, and a detail filling the screen goes back to the view it was opened from; next report; next field in a form", "list detail reports form", false},
	[PD_ACT_PREV_PANE] = {PD_ACT_PREV_PANE, "prev-pane", {"S-Tab"}, "as {next-pane} between list and detail; previous report; previous field in a form", "list detail reports form", false},
	[PD_ACT_DOWN] = {PD_ACT_DOWN, "down", {"j", "Down"}, "move down", MOVING, false},
	[PD_ACT_UP] = {PD_ACT_UP, "up", {"k", "Up"}, "move up", MOVING, false},
	[PD_ACT_TOP] = {PD_ACT_TOP, "top", {"g", "Home"}, "go to the top", MOVING, false},
	[PD_ACT_BOTTOM] = {PD_ACT_BOTTOM, "bottom", {"G", "End"}, "go to the bottom", MOVING, false},
	[PD_ACT_PAGE_DOWN] = {PD_ACT_PAGE_DOWN, "page-down", {"PgDn", "C-f"}, "a page down", MOVING, false},
	[PD_ACT_PAGE_UP] = {PD_ACT_PAGE_UP, "page-up", {"PgUp", "C-b"}, "a page up", MOVING, false},
	[PD_ACT_LEFT] = {PD_ACT_LEFT, "left", {"h", "Left"}, "kanban: previous column; detail: previous tab; reports: previous report", "kanban detail reports", false},
	[PD_ACT_RIGHT] = {PD_ACT_RIGHT, "right", {"l", "Right"}, "kanban: next column; detail: next tab; reports: next report", "kanban detail reports", false},
	[PD_ACT_OPEN] = {PD_ACT_OPEN, "open", {"Enter"}, "open the selected partner (from a list filtered by one of its people: at them, in its Contacts tab; from a follow-up in the agenda: at its note, in the Log tab); in the detail's Contacts tab, edit the person marked > ({down}/{up} move the mark)", "list detail kanban agenda", false},
	[PD_ACT_FILTER] = {PD_ACT_FILTER, "filter", {"/"}, "find a partner: type part of a name; Enter keeps the filter (then Enter opens, {log} logs a call), {cancel} clears it, C-u erases what was typed; {next-pane} takes its guess", VIEWS, false},
	[PD_ACT_CANCEL] = {PD_ACT_CANCEL, "cancel", {"Esc"}, "clear the filter; cancel a form or dialog", "list form", false},
	[PD_ACT_ADD] = {PD_ACT_ADD, "add", {"a"}, "add a partner", VIEWS, true},
	[PD_ACT_EDIT] = {PD_ACT_EDIT, "edit", {"e"}, "edit the selected partner", "list detail kanban agenda", true},
	[PD_ACT_LOG] = {PD_ACT_LOG, "log", {"c"}, "log a contact (call, email, visit) for the selected partner, or pick one; from a list filtered by one of its people (name, number, email), With starts at them", VIEWS, true},
	[PD_ACT_STAGE_PREV] = {PD_ACT_STAGE_PREV, "stage-prev", {"<"}, "move the selected partner to the previous stage", "list detail kanban agenda", true},
	[PD_ACT_STAGE_NEXT] = {PD_ACT_STAGE_NEXT, "stage-next", {">"}, "move the selected partner to the next stage", "list detail kanban agenda", true},
	[PD_ACT_STAGE_MOVE] = {PD_ACT_STAGE_MOVE, "stage-move", {"m"}, "move the selected partner to any allowed stage", "list detail kanban agenda", true},
	[PD_ACT_REDRAW] = {PD_ACT_REDRAW, "redraw", {"C-l"}, "redraw the screen", "all", false},
	[PD_ACT_SORT] = {PD_ACT_SORT, "sort", {"s"}, "sort by name, stage, last contact, next follow-up", "list", false},
	[PD_ACT_DONE] = {PD_ACT_DONE, "done", {"d"}, "mark the selected follow-up done (in the detail's Log tab: the one marked >)", "agenda detail", true},
	[PD_ACT_ADD_CONTACT] = {PD_ACT_ADD_CONTACT, "add-contact", {"C"}, "add a contact person to the selected partner", "list detail kanban agenda", true},
	[PD_ACT_SAVE] = {PD_ACT_SAVE, "save", {"C-s"}, "save the form", "form", false},
	[PD_ACT_EDITOR] = {PD_ACT_EDITOR, "editor", {"C-e"}, "edit a long text field in $VISUAL or $EDITOR", "form", false},
	[PD_ACT_PERIOD] = {PD_ACT_PERIOD, "period", {"p"}, "reports: this month, quarter, year or all time", "reports", false},
	[PD_ACT_FIT] = {PD_ACT_FIT, "fit", {"F"}, "score the selected partner's fit (each question 0-3 with a note) and tick its goals", "list detail kanban agenda", true},
	[PD_ACT_AGREEMENT] = {PD_ACT_AGREEMENT, "agreement", {"A"}, "edit the selected partner's agreement (or record one)", "list detail kanban agenda", true},
	[PD_ACT_REOPEN] = {PD_ACT_REOPEN, "reopen", {"u"}, "reopen a follow-up marked done: the agenda's last {done}, or in the Log tab the one marked >", "agenda detail", true},
	[PD_ACT_REMOVE_CONTACT] = {PD_ACT_REMOVE_CONTACT, "remove-contact", {"X"}, "in the detail's Contacts tab, remove the person marked > (y confirms; their log entries stay)", "detail", true},
	[PD_ACT_MERGE] = {PD_ACT_MERGE, "merge", {"M"}, "put the selected partner, added twice, into the one you choose (those likely the same, by name, a similar name, website or email domain, offered first): shows what would move, y merges", "list detail kanban agenda", true},
	[PD_ACT_DELETE] = {PD_ACT_DELETE, "delete", {"D"}, "delete the selected partner if it holds nothing (y confirms); one with a log, people, agreements or stage moves is kept and the merge offered", "list detail kanban agenda", true},
	[PD_ACT_EDIT_LOG] = {PD_ACT_EDIT_LOG, "edit-log", {"r"}, "correct a log entry (note, channel, person, when, follow-up): in the Log tab the one marked >, in the agenda the selected follow-up", "agenda detail", true},
	[PD_ACT_CALL] = {PD_ACT_CALL, "call", {"C-t"}, "the phone rings: pick the caller's partner (name or number) and log the call; over a form half typed too, which waits as it was", VIEWS " form", true},
};

_Static_assert(sizeof keydefs / sizeof keydefs[0] == PD_ACT__COUNT,
               "keymap table must have one entry per pd_action");

bool pd_keymap_action_writes(pd_action a)
{
	return a > PD_ACT_NONE && a < PD_ACT__COUNT && keydefs[a].writes;
}

const pd_keydef *pd_keymap_defaults(size_t *n)
{
	if (n)
		*n = PD_ACT__COUNT;
	return keydefs;
}

typedef struct pd_keycode {
	int key;
	bool is_key;
} pd_keycode;

struct pd_keymap {
	pd_keycode keys[PD_ACT__COUNT][PD_KEYMAP_MAX_KEYS];
	size_t n[PD_ACT__COUNT];
};

/* ---- key names ---- */

typedef struct named_key {
	const char *name;
	int key;
	bool is_key;
} named_key;

/* The first of each code is the name shown; later ones are aliases. */
static const named_key named_keys[] = {
	{"Down", KEY_DOWN, true},
	{"Up", KEY_UP, true},
	{"Left", KEY_LEFT, true},
	{"Right", KEY_RIGHT, true},
	{"PgDn", KEY_NPAGE, true},
	{"PgUp", KEY_PPAGE, true},
	{"Home", KEY_HOME, true},
	{"End", KEY_END, true},
	{"Enter", '\r', false},
	{"Tab", '\t', false},
	{"S-Tab", KEY_BTAB, true},
	{"Esc", 27, false},
	{"Space", ' ', false},
	{"Backspace", KEY_BACKSPACE, true},
	{"Del", KEY_DC, true},
	{"Insert", KEY_IC, true},
	{"PageDown", KEY_NPAGE, true},
	{"PageUp", KEY_PPAGE, true},
	{"Return", '\r', false},
	{"Escape", 27, false},
	{"BTab", KEY_BTAB, true},
	{"Delete", KEY_DC, true},
};

/* One code per key, whatever way the terminal sent it: Enter as CR, LF
 * or KEY_ENTER; Backspace as DEL, C-h or KEY_BACKSPACE. */
static pd_keycode normalize(int key, bool is_key)
{
	if (is_key && key == KEY_ENTER)
		return (pd_keycode){'\r', false};
	if (!is_key && key == '\n')
		return (pd_keycode){'\r', false};
	if (!is_key && (key == 127 || key == 8))
		return (pd_keycode){KEY_BACKSPACE, true};
	return (pd_keycode){key, is_key};
}

bool pd_key_parse(const char *name, int *key, bool *is_key)
{
	if (!name || !*name)
		return false;
	int k = 0;
	bool fk = false;
	bool found = false;
	size_t len = strlen(name);
	uint32_t cp;
	if (pd_utf8_decode(name, len, &cp) == len && !(cp == 0xFFFD && len == 1)) {
		/* One character: itself. */
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
			return false;
		k = (int)cp;
		found = true;
	} else if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	           ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z'))) {
		k = (name[2] | 0x20) & 0x1F;
		found = true;
	} else if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
		char *end;
		long v = strtol(name + 1, &end, 10);
		if (*end == '\0' && v >= 1 && v <= 12 && name[1] != '0') {
			k = KEY_F((int)v);
			fk = true;
			found = true;
		}
	}
	for (size_t i = 0; !found && i < sizeof named_keys / sizeof named_keys[0]; i++) {
		if (pd_ascii_casecmp(name, named_keys[i].name) == 0) {
			k = named_keys[i].key;
			fk = named_keys[i].is_key;
			found = true;
		}
	}
	if (!found)
		return false;
	pd_keycode c = normalize(k, fk);
	if (key)
		*key = c.key;
	if (is_key)
		*is_key = c.is_key;
	return true;
}

bool pd_key_name(int key, bool is_key, char *buf, size_t len)
{
	pd_keycode c = normalize(key, is_key);
	if (len == 0)
		return false;
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
		if (named_keys[i].key == c.key && named_keys[i].is_key == c.is_key) {
			snprintf(buf, len, "%s", named_keys[i].name);
			return true;
		}
	}
	if (c.is_key) {
		for (int f = 1; f <= 12; f++) {
			if (c.key == KEY_F(f)) {
				snprintf(buf, len, "F%d", f);
				return true;
			}
		}
		snprintf(buf, len, "key-%d", c.key);
		return false;
	}
	if (c.key >= 1 && c.key <= 26) {
		snprintf(buf, len, "C-%c", 'a' + c.key - 1);
		return true;
	}
	if (c.key < 0x20 || c.key == 0x7F || c.key > 0x10FFFF) {
		snprintf(buf, len, "key-%d", c.key);
		return false;
	}
	/* The character itself, as UTF-8. */
	unsigned v = (unsigned)c.key;
	char out[5] = {0};
	if (v < 0x80) {
		out[0] = (char)v;
	} else if (v < 0x800) {
		out[0] = (char)(0xC0 | (v >> 6));
		out[1] = (char)(0x80 | (v & 0x3F));
	} else if (v < 0x10000) {
		out[0] = (char)(0xE0 | (v >> 12));
		out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
		out[2] = (char)(0x80 | (v & 0x3F));
	} else {
		out[0] = (char)(0xF0 | (v >> 18));
		out[1] = (char)(0x80 | ((v >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((v >> 6) & 0x3F));
		out[3] = (char)(0x80 | (v & 0x3F));
	}
	snprintf(buf, len, "%s", out);
	return true;
}

/* ---- contexts ---- */

static bool where_has(const char *where, const char *word)
{
	size_t wl = strlen(word);
	for (const char *p = where; p && *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n == wl && strncmp(p, word, n) == 0)
			return true;
		p += n;
	}
	return false;
}

bool pd_keydef_applies(const pd_keydef *d, const char *view)
{
	if (!d || !d->where)
		return false;
	return where_has(d->where, "all") || where_has(d->where, view);
}

bool pd_keydef_overlap(const pd_keydef *a, const pd_keydef *b)
{
	if (where_has(a->where, "all") || where_has(b->where, "all"))
		return true;
	for (const char *p = a->where; *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		char word[32];
		if (n > 0 && n < sizeof word) {
			memcpy(word, p, n);
			word[n] = '\0';
			if (where_has(b->where, word))
				return true;
		}
		p += n;
	}
	return false;
}

pd_action pd_action_from_name(const char *name)
{
	for (int a = 1; a < PD_ACT__COUNT; a++) {
		if (name && strcmp(keydefs[a].name, name) == 0)
			return (pd_action)a;
	}
	return PD_ACT_NONE;
}

/* ---- the keymap ---- */

static bool bind_defaults(pd_keymap *km, pd_error *err)
{
	for (int a = 1; a < PD_ACT__COUNT; a++) {
		for (size_t i = 0; i < PD_KEYMAP_MAX_KEYS && keydefs[a].keys[i]; i++) {
			pd_keycode c;
			if (!pd_key_parse(keydefs[a].keys[i], &c.key, &c.is_key))
				return pd_error_set(err, PD_ERR_GENERIC, "built-in key '%s' of '%s' does not parse",
				                    keydefs[a].keys[i], keydefs[a].name);
			km->keys[a][km->n[a]++] = c;
		}
	}
	return true;
}

/* The action already holding key, other than `except`; NONE if free. */
static pd_action holder(const pd_keymap *km, pd_keycode c, pd_action except)
{
	for (int a = 1; a < PD_ACT__COUNT; a++) {
		if (a == (int)except)
			continue;
		for (size_t i = 0; i < km->n[a]; i++) {
			if (km->keys[a][i].key == c.key && km->keys[a][i].is_key == c.is_key)
				return (pd_action)a;
		}
	}
	return PD_ACT_NONE;
}

/* A key that types a character (a letter, a digit, Space, ...). Forms and
 * filters take such a key as text before the keymap is asked, so it can
 * never reach an action that works there. */
static bool types_text(pd_keycode c)
{
	return !c.is_key && c.key >= 0x20 && c.key != 0x7F && !(c.key >= 0x80 && c.key < 0xA0);
}

/* Where the config wrote kb's i-th key (the action's place when the
 * binding was made without positions). */
static pd_config_pos key_at(const pd_key_binding *kb, size_t i)
{
	if (kb->key_pos && i < kb->keys.n && kb->key_pos[i].line)
		return kb->key_pos[i];
	return (pd_config_pos){kb->line, kb->column};
}

/* The index of the config's binding for the action named `name`, or
 * cfg->n_keys when the config leaves it at its defaults. */
static size_t binding_of(const pd_config *cfg, const char *name)
{
	size_t b = 0;
	while (b < cfg->n_keys && !(cfg->keys[b].action && strcmp(cfg->keys[b].action, name) == 0))
		b++;
	return b;
}

bool pd_keymap_picker_acts(pd_action a)
{
	return a == PD_ACT_CANCEL || a == PD_ACT_DOWN || a == PD_ACT_UP || a == PD_ACT_PAGE_DOWN ||
	       a == PD_ACT_PAGE_UP;
}

bool pd_keymap_enter_chooses(const pd_keymap *km)
{
	pd_action a = pd_keymap_lookup(km, '\r', false);
	return a == PD_ACT_OPEN || !pd_keymap_picker_acts(a);
}

/* The partner picker (merge, a person's partner) takes letters into its
 * filter, so it chooses with open's keys that type nothing, or with
 * Enter while Enter does nothing else there. Neither: the picker could
 * never choose, only be cancelled. */
static bool picker_can_choose(const pd_keymap *km, const pd_config *cfg, const char *file, pd_error *err)
{
	for (size_t i = 0; i < km->n[PD_ACT_OPEN]; i++)
		if (!types_text(km->keys[PD_ACT_OPEN][i]))
			return true;
	if (pd_keymap_enter_chooses(km))
		return true;
	pd_action enter = pd_keymap_lookup(km, '\r', false);
	size_t b = binding_of(cfg, "open");
	if (b == cfg->n_keys)
		b = binding_of(cfg, keydefs[enter].name);
	unsigned long line = b < cfg->n_keys ? cfg->keys[b].line : 0;
	unsigned long column = b < cfg->n_keys ? cfg->keys[b].column : 0;
	return pd_error_set(err, PD_ERR_INVALID,
	                    "%s:%lu:%lu: the partner picker would have no key to choose with: letters filter it, "
	                    "'open' has no other key and Enter is bound to '%s'; give 'open' a key that types "
	                    "nothing (C-o, F2 ...) or give '%s' keys other than Enter",
	                    file, line, column, keydefs[enter].name, keydefs[enter].name);
}

bool pd_keymap_check(const pd_config *cfg, pd_error *err)
{
	pd_keymap *km = pd_keymap_create(cfg, err);
	pd_keymap_destroy(km);
	return km != NULL;
}

pd_keymap *pd_keymap_create(const pd_config *cfg, pd_error *err)
{
	pd_keymap *km = calloc(1, sizeof *km);
	if (!km) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (!bind_defaults(km, err))
		goto fail;
	if (!cfg)
		return km;
	const char *file = cfg->file ? cfg->file : "config";
	/* First replace every overridden action's keys, then look for clashes,
	 * so that swapping two keys between actions works. */
	for (size_t b = 0; b < cfg->n_keys; b++) {
		const pd_key_binding *kb = &cfg->keys[b];
		pd_action a = pd_action_from_name(kb->action);
		if (a == PD_ACT_NONE) {
			pd_error_set(err, PD_ERR_INVALID,
			             "%s:%lu:%lu: '%s' is not an action (actions: help, quit, down, up, "
			             "top, bottom, page-down, page-up, left, right, open, filter, add, "
			             "edit, log, stage-next, ...; see KEYS in man partnerdesk)",
			             file, kb->line, kb->column, kb->action ? kb->action : "");
			goto fail;
		}
		if (kb->keys.n > PD_KEYMAP_MAX_KEYS) {
			pd_error_set(err, PD_ERR_INVALID, "%s:%lu:%lu: '%s' has %zu keys; at most %d",
			             file, kb->line, kb->column, kb->action, kb->keys.n, PD_KEYMAP_MAX_KEYS);
			goto fail;
		}
		/* Without these there is no way out, or a form's text can never
		 * be saved (only lost with the form). */
		if (kb->keys.n == 0 && (a == PD_ACT_QUIT || a == PD_ACT_CANCEL || a == PD_ACT_SAVE)) {
			pd_error_set(err, PD_ERR_INVALID, "%s:%lu:%lu: '%s' needs at least one key",
			             file, kb->line, kb->column, kb->action);
			goto fail;
		}
		km->n[a] = 0;
		for (size_t i = 0; i < kb->keys.n; i++) {
			pd_keycode c;
			if (!pd_key_parse(kb->keys.v[i], &c.key, &c.is_key)) {
				pd_config_pos at = key_at(kb, i);
				pd_error_set(err, PD_ERR_INVALID,
				             "%s:%lu:%lu: '%s' is not a key name (write j, G, ?, Down, Up, "
				             "Left, Right, PgDn, PgUp, Home, End, Enter, Tab, S-Tab, Esc, "
				             "Space, C-a ... C-z, F1 ... F12)",
				             file, at.line, at.column, kb->keys.v[i]);
				goto fail;
			}
			/* save: [x] would leave a form no key that saves, and with
			 * cancel: [y] too, no way out of it at all. */
			if (types_text(c) && where_has(keydefs[a].where, "form")) {
				pd_config_pos at = key_at(kb, i);
				pd_error_set(err, PD_ERR_INVALID,
				             "%s:%lu:%lu: key '%s' types text in a form, so it would never "
				             "reach '%s' there; give '%s' a key that types nothing "
				             "(C-a ... C-z, F1 ... F12, Esc, Tab)",
				             file, at.line, at.column, kb->keys.v[i], kb->action, kb->action);
				goto fail;
			}
			km->keys[a][km->n[a]++] = c;
		}
	}
	for (size_t b = 0; b < cfg->n_keys; b++) {
		const pd_key_binding *kb = &cfg->keys[b];
		pd_action a = pd_action_from_name(kb->action);
		for (size_t i = 0; i < km->n[a]; i++) {
			pd_action other = holder(km, km->keys[a][i], a);
			if (other == PD_ACT_NONE)
				continue;
			/* Two bindings written in the file clash at the later one,
			 * which is the one just typed; a clash with a default is
			 * at the binding, and the default's action must move. */
			size_t ob = binding_of(cfg, keydefs[other].name);
			if (ob < cfg->n_keys && ob > b)
				continue;
			pd_config_pos at = key_at(kb, i);
			if (ob < cfg->n_keys)
				pd_error_set(err, PD_ERR_INVALID,
				             "%s:%lu:%lu: key '%s' is bound to both '%s' (line %lu) and '%s'; "
				             "give one of them another key",
				             file, at.line, at.column, kb->keys.v[i], keydefs[other].name,
				             cfg->keys[ob].line, kb->action);
			else
				pd_error_set(err, PD_ERR_INVALID,
				             "%s:%lu:%lu: key '%s' is bound to both '%s' and '%s' (by default); "
				             "give '%s' other keys too",
				             file, at.line, at.column, kb->keys.v[i], kb->action,
				             keydefs[other].name, keydefs[other].name);
			goto fail;
		}
	}
	if (!picker_can_choose(km, cfg, file, err))
		goto fail;
	return km;
fail:
	free(km);
	return NULL;
}

void pd_keymap_destroy(pd_keymap *km)
{
	free(km);
}

pd_action pd_keymap_lookup(const pd_keymap *km, int key, bool is_key)
{
	if (!km)
		return PD_ACT_NONE;
	return holder(km, normalize(key, is_key), PD_ACT_NONE);
}

pd_action pd_keymap_moved(const pd_keymap *km, int key, bool is_key)
{
	if (!km)
		return PD_ACT_NONE;
	pd_keycode c = normalize(key, is_key);
	if (holder(km, c, PD_ACT_NONE) != PD_ACT_NONE)
		return PD_ACT_NONE;
	size_t n;
	const pd_keydef *defs = pd_keymap_defaults(&n);
	for (size_t a = 1; a < n; a++)
		for (size_t i = 0; i < PD_KEYMAP_MAX_KEYS && defs[a].keys[i]; i++) {
			int k;
			bool ik;
			if (!pd_key_parse(defs[a].keys[i], &k, &ik))
				continue;
			pd_keycode d = normalize(k, ik);
			if (d.key == c.key && d.is_key == c.is_key)
				return defs[a].action;
		}
	return PD_ACT_NONE;
}

size_t pd_keymap_keys(const pd_keymap *km, pd_action a, int *keys, bool *is_key, size_t max)
{
	if (!km || a <= PD_ACT_NONE || a >= PD_ACT__COUNT)
		return 0;
	size_t n = 0;
	for (; n < km->n[a] && n < max; n++) {
		keys[n] = km->keys[a][n].key;
		is_key[n] = km->keys[a][n].is_key;
	}
	return n;
}

void pd_keymap_describe(const pd_keymap *km, pd_action a, char *buf, size_t len)
{
	if (len == 0)
		return;
	buf[0] = '\0';
	if (!km || a <= PD_ACT_NONE || a >= PD_ACT__COUNT)
		return;
	size_t o = 0;
	for (size_t i = 0; i < km->n[a]; i++) {
		char name[32];
		pd_key_name(km->keys[a][i].key, km->keys[a][i].is_key, name, sizeof name);
		int w = snprintf(buf + o, len - o, "%s%s", i ? ", " : "", name);
		if (w < 0 || (size_t)w >= len - o)
			break;
		o += (size_t)w;
	}
}

static void hint_key(const pd_keymap *km, pd_action a, bool no_chars, char *buf, size_t len);

/* Text [p, end) with its placeholders replaced, appended at buf[*o]; false
 * when a "{!action}" in it names no key (the caller drops its [...] part).
 * A "{action}" with no key stays as written, as it always has. */
static bool expand(const pd_keymap *km, const char *p, const char *end, char *buf, size_t len, size_t *o)
{
	bool whole = true;
	while (p < end && *o + 1 < len) {
		const char *close = *p == '{' ? memchr(p, '}', (size_t)(end - p)) : NULL;
		bool no_chars = close && p[1] == '!';
		const char *from = p + 1 + no_chars;
		char name[32] = "", key[32] = "";
		pd_action named = PD_ACT_NONE;
		if (close && (size_t)(close - from) < sizeof name) {
			memcpy(name, from, (size_t)(close - from));
			name[close - from] = '\0';
			named = pd_action_from_name(name);
			hint_key(km, named, no_chars, key, sizeof key);
			/* An action the config left with no key is named by its
			 * action name ("done"), the word its keys: entry takes,
			 * never as the raw "{done}". */
			if (!key[0] && !no_chars && named != PD_ACT_NONE)
				snprintf(key, sizeof key, "%s", name);
		}
		if (key[0]) {
			int n = snprintf(buf + *o, len - *o, "%s", key);
			*o += n > 0 && (size_t)n < len - *o ? (size_t)n : len - *o - 1;
			p = close + 1;
		} else if (no_chars && close) {
			whole = false;
			p = close + 1;
		} else {
			buf[(*o)++] = *p++;
		}
	}
	buf[*o] = '\0';
	return whole;
}

void pd_keymap_help(const pd_keymap *km, pd_action a, char *buf, size_t len)
{
	if (len == 0)
		return;
	buf[0] = '\0';
	if (a <= PD_ACT_NONE || a >= PD_ACT__COUNT)
		return;
	size_t o = 0;
	const char *p = keydefs[a].help;
	while (*p) {
		const char *open = strchr(p, '['), *close = open ? strchr(open, ']') : NULL;
		if (!close) {
			expand(km, p, p + strlen(p), buf, len, &o);
			break;
		}
		expand(km, p, open, buf, len, &o);
		/* A part that names a key which is not bound is left out whole
		 * ("; F1 those of a form" when help has no such key). */
		size_t before = o;
		if (!expand(km, open + 1, close, buf, len, &o)) {
			o = before;
			buf[o] = '\0';
		}
		p = close + 1;
	}
}

/* One action's part of a hint: its first key, or with no_chars its
 * first that is not a character (j is typed into a filter; Down moves). */
static void hint_key(const pd_keymap *km, pd_action a, bool no_chars, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!no_chars) {
		pd_keymap_first(km, a, buf, len);
		return;
	}
	if (!km || a <= PD_ACT_NONE || a >= PD_ACT__COUNT)
		return;
	for (size_t i = 0; i < km->n[a]; i++) {
		if (!types_text(km->keys[a][i])) {
			pd_key_name(km->keys[a][i].key, km->keys[a][i].is_key, buf, len);
			return;
		}
	}
}

void pd_keymap_hint_keys(const pd_keymap *km, pd_action a, pd_action b, bool no_chars, char *buf, size_t len)
{
	if (len == 0)
		return;
	hint_key(km, a, no_chars, buf, len);
	char second[32];
	if (!buf[0] || b == PD_ACT_NONE)
		return;
	hint_key(km, b, no_chars, second, sizeof second);
	size_t o = strlen(buf);
	if (second[0] && o < len)
		snprintf(buf + o, len - o, "/%s", second);
}

void pd_keymap_first(const pd_keymap *km, pd_action a, char *buf, size_t len)
{
	if (len == 0)
		return;
	buf[0] = '\0';
	if (!km || a <= PD_ACT_NONE || a >= PD_ACT__COUNT || km->n[a] == 0)
		return;
	pd_key_name(km->keys[a][0].key, km->keys[a][0].is_key, buf, len);
}

void pd_keymap_say(const pd_keymap *km, pd_action a, const char *with_key, const char *without, char *buf,
                   size_t len)
{
	if (len == 0)
		return;
	char key[32];
	pd_keymap_first(km, a, key, sizeof key);
	const char *at = key[0] ? strstr(with_key, "%s") : NULL;
	if (!at) {
		snprintf(buf, len, "%s", key[0] ? with_key : without);
		return;
	}
	snprintf(buf, len, "%.*s%s%s", (int)(at - with_key), with_key, key, at + 2);
}
