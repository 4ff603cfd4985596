/* Keys as data: every action the interface knows, its name (as the config's
 * `keys:` and the man page say it), its default keys and its help text, in
 * one table. Dispatch, the help overlay and the man page all read it. */
#ifndef PARTNERDESK_UI_KEYMAP_H
#define PARTNERDESK_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "partnerdesk/config/config.h"
#include "partnerdesk/model/error.h"

typedef enum pd_action {
	PD_ACT_NONE = 0,
	PD_ACT_HELP,            /* ? */
	PD_ACT_QUIT,            /* q: close dialog/pane; from main view quit */
	PD_ACT_VIEW_LIST,       /* 1 */
	PD_ACT_VIEW_KANBAN,     /* 2 */
	PD_ACT_VIEW_AGENDA,     /* 3 */
	PD_ACT_VIEW_REPORTS,    /* 4 */
	PD_ACT_NEXT_PANE,       /* Tab */
	PD_ACT_PREV_PANE,       /* Shift-Tab */
	PD_ACT_DOWN,            /* j Down */
	PD_ACT_UP,              /* k Up */
	PD_ACT_TOP,             /* g Home */
	PD_ACT_BOTTOM,          /* G End */
	PD_ACT_PAGE_DOWN,       /* PgDn C-f */
	PD_ACT_PAGE_UP,         /* PgUp C-b */
	PD_ACT_LEFT,            /* h Left: kanban previous column, detail previous tab */
	PD_ACT_RIGHT,           /* l Right */
	PD_ACT_OPEN,            /* Enter */
	PD_ACT_FILTER,          /* / */
	PD_ACT_CANCEL,          /* Esc: clear filter, cancel form */
	PD_ACT_ADD,             /* a */
	PD_ACT_EDIT,            /* e */
	PD_ACT_LOG,             /* c: quick log */
	PD_ACT_STAGE_PREV,      /* < */
	PD_ACT_STAGE_NEXT,      /* > */
	PD_ACT_STAGE_MOVE,      /* m */
	PD_ACT_REDRAW,          /* C-l */
	PD_ACT_SORT,            /* s: cycle list sort */
	PD_ACT_DONE,            /* d: agenda: mark follow-up done */
	PD_ACT_ADD_CONTACT,     /* C: add a contact person */
	PD_ACT_SAVE,            /* C-s in forms */
	PD_ACT_EDITOR,          /* C-e in forms: $VISUAL / $EDITOR */
	PD_ACT_PERIOD,          /* p: reports: cycle the period */
	PD_ACT_FIT,             /* F: score the fit assessment */
	PD_ACT_AGREEMENT,       /* A: edit (or record) the agreement */
	PD_ACT_REOPEN,          /* u: agenda/detail log: reopen a follow-up marked done */
	PD_ACT_REMOVE_CONTACT,  /* X: detail Contacts tab: remove the person marked > */
	PD_ACT_MERGE,           /* M: put the selected partner into another */
	PD_ACT_DELETE,          /* D: delete the selected partner if it holds nothing */
	PD_ACT_EDIT_LOG,        /* r: detail log/agenda: correct a log entry */
	PD_ACT_CALL,            /* C-t: log a call for a partner picked, a form open included */
	PD_ACT__COUNT
} pd_action;

#define PD_KEYMAP_MAX_KEYS 4

typedef struct pd_keydef {
	pd_action action;
	const char *name;          /* "down", "stage-next", ... */
	const char *keys[PD_KEYMAP_MAX_KEYS];  /* default key names: "j", "Down", "C-s", "Tab", "S-Tab", "Enter", "Esc", "PgDn" */
	const char *help;          /* one line for the overlay and the man page;
	                              "{cancel}" stands for cancel's first key,
	                              "{!help}" for help's first key that types no
	                              text (what reaches it in a form); a "[...]"
	                              part goes when a "{!...}" in it has no key
	                              (pd_keymap_help) */
	const char *where;         /* the views it applies in: "all", "list", "kanban", "detail", "agenda", "form" ... */
	bool writes;               /* it changes the database (or opens a form that does) */
} pd_keydef;

/* The table, indexed by pd_action (a static assertion holds its size). */
const pd_keydef *pd_keymap_defaults(size_t *n);

typedef struct pd_keymap pd_keymap;

/* The defaults with the config's `keys:` on top; a bad action or key name is
 * an error "FILE:LINE:COLUMN: ..." using the positions the config kept. */
pd_keymap *pd_keymap_create(const pd_config *cfg, pd_error *err);
void pd_keymap_destroy(pd_keymap *km);
/* Whether cfg's `keys:` make a keymap (pd_keymap_create's error if not),
 * for `check`; needs no terminal. */
bool pd_keymap_check(const pd_config *cfg, pd_error *err);

/* Whether the partner picker does a, other than choosing (moving,
 * cancelling): Enter bound to one of these does that there, not choose. */
bool pd_keymap_picker_acts(pd_action a);
/* Whether Enter chooses in the picker: bound to open, or to nothing the
 * picker does. */
bool pd_keymap_enter_chooses(const pd_keymap *km);

/* Whether an action changes the database or opens a form that does: on a
 * read-only desk the interface refuses it before anything is typed. */
bool pd_keymap_action_writes(pd_action a);

/* The action bound to a curses key (from wget_wch: is_key for KEY_* codes). */
pd_action pd_keymap_lookup(const pd_keymap *km, int key, bool is_key);
/* The action whose key this is by default but that the config's `keys:`
 * gave other keys, leaving this one to none ("c" with log moved to "L"),
 * for a key that does nothing to say where its action went; else
 * PD_ACT_NONE. */
pd_action pd_keymap_moved(const pd_keymap *km, int key, bool is_key);
/* The keys bound to an action, as people read them ("j, Down"). */
void pd_keymap_describe(const pd_keymap *km, pd_action a, char *buf, size_t len);

/* The first key bound to an action ("j" of "j, Down"), for hints that
 * name one key; "" when the action has no key. */
void pd_keymap_first(const pd_keymap *km, pd_action a, char *buf, size_t len);

/* A message's words for doing a: `with_key` with its "%s" replaced by
 * a's first key ("%s undoes" -> "U undoes"), or `without` when the
 * config left a no key, so that advice never names a key that does
 * nothing. */
void pd_keymap_say(const pd_keymap *km, pd_action a, const char *with_key, const char *without, char *buf,
                   size_t len);

/* The keys a hint names for a, or for the pair a and b ("h/l": each one's
 * first key; b PD_ACT_NONE for a alone); with no_chars each one's first
 * key that types no character ("Down/Up", for where letters are text).
 * "" when a has no such key. The hint line and the messages that send
 * somewhere ("... (h/l to reach it)") name keys through this. */
void pd_keymap_hint_keys(const pd_keymap *km, pd_action a, pd_action b, bool no_chars, char *buf, size_t len);

/* The action's help line with "{action}" in it replaced by that action's
 * first key in km ("... Esc clears it", or "C-g clears it" when the config
 * binds cancel to C-g), "{!action}" by its first key that types no text,
 * and a "[...]" part left out when such a key is missing ("; F1 those of a
 * form" goes when help is bound to ? alone). Readers show this, never the
 * table's raw text. */
void pd_keymap_help(const pd_keymap *km, pd_action a, char *buf, size_t len);

/* Key name <-> curses code: "j", "Down", "C-s", "F1", "Enter"...; false on unknown. */
bool pd_key_parse(const char *name, int *key, bool *is_key);

/* ---- added by the interface core ---- */

/* The name people read for a key ("j", "Down", "C-s", "S-Tab"); false
 * (and "key-N") for a code with no name. */
bool pd_key_name(int key, bool is_key, char *buf, size_t len);

/* The action named `name` ("stage-next"); PD_ACT_NONE if none. */
pd_action pd_action_from_name(const char *name);

/* True when the action applies in `view` ("list", "form", ...): its
 * `where` names the view or "all". */
bool pd_keydef_applies(const pd_keydef *d, const char *view);
/* True when two actions can be live at once (their `where`s share a word). */
bool pd_keydef_overlap(const pd_keydef *a, const pd_keydef *b);

/* The keys bound to an action, up to max; returns how many. */
size_t pd_keymap_keys(const pd_keymap *km, pd_action a, int *keys, bool *is_key, size_t max);

/* Writes the man page's KEYS list (roff: .SS per view, .TP per action)
 * for km's bindings (src/ui/keymap_man.c). */
void pd_keymap_write_man(FILE *f, const pd_keymap *km);

#endif
