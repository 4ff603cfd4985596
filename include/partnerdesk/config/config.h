/* The YAML configuration as plain structs: the domain rules (filled into the
 * model's pd_rules), the database path, the colour theme and key overrides.
 * Knows nothing of actions, curses or SQL. */
#ifndef PARTNERDESK_CONFIG_CONFIG_H
#define PARTNERDESK_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/error.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/strv.h"

/* A 1-based position in the config file. */
typedef struct pd_config_pos {
	unsigned long line, column;
} pd_config_pos;

/* One `keys:` override: an action name (as the keymap names it) and the
 * key names bound to it ("j", "Down", "C-s", "PgDn", "F1", ...). The UI
 * checks the names; a bad one is reported with this position. */
typedef struct pd_key_binding {
	char *action;
	pd_strv keys;
	unsigned long line, column;   /* 1-based, in `file` of pd_config */
	pd_config_pos *key_pos;       /* where each keys.v[i] was written */
} pd_key_binding;

/* One `theme:` entry: an element ("title", "selected", "stale", ...) and
 * its colours/attributes. */
typedef struct pd_theme_entry {
	char *element;
	char *fg, *bg;           /* colour names or NULL */
	bool bold, reverse, underline;
} pd_theme_entry;

typedef struct pd_config {
	char *file;              /* the file this came from; NULL for built-in defaults */
	pd_rules rules;
	char *database;          /* `database:`, ~ expanded; NULL if not set */
	pd_theme_entry *theme;
	size_t n_theme;
	pd_key_binding *keys;
	size_t n_keys;
} pd_config;

/* The built-in defaults (the same values config/partnerdesk.yaml documents). */
pd_config *pd_config_create_default(pd_error *err);

/* Loads path over the defaults: keys the file sets replace the defaults,
 * the rest keep them. Errors are "FILE:LINE:COLUMN: what is wrong" (1-based)
 * in err->msg with code PD_ERR_INVALID. */
pd_config *pd_config_load_file(const char *path, pd_error *err);
/* The same from a buffer; `name` stands for the file in messages. */
pd_config *pd_config_load_buffer(const char *name, const char *data, size_t len, pd_error *err);

void pd_config_destroy(pd_config *cfg);   /* accepts NULL */

/* The theme entry for an element ("title", "stage.glance", ...), or NULL
 * when the config has none (for stage.NAME: use the stage's color). */
const pd_theme_entry *pd_config_theme_entry(const pd_config *cfg, const char *element);

/* A colour name as the config writes it (black red green yellow blue
 * magenta cyan white, bright-RED etc., default, or 0-255) as a colour
 * number: 0-7, 8-15 for bright, -1 for the terminal's default. False when
 * the name is unknown. Case-insensitive. */
bool pd_config_color_index(const char *name, int *index);

#endif
