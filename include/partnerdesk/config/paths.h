/* Where things live: the config file and the database, resolved in the
 * order DESIGN.md gives (flag, environment, config, XDG default). */
#ifndef PARTNERDESK_CONFIG_PATHS_H
#define PARTNERDESK_CONFIG_PATHS_H

#include <stdbool.h>

#include "partnerdesk/config/config.h"
#include "partnerdesk/model/error.h"

/* --config FILE, else $PARTNERDESK_CONFIG, else
 * $XDG_CONFIG_HOME/partnerdesk/config.yaml (~/.config/...) if it exists,
 * else the installed partnerdesk.yaml if it can be read (an administrator
 * may set a branch server's rules there), else NULL (use the built-in
 * defaults, which equal the shipped file). Returns an allocated path or
 * NULL; *explicit set when the user named it (a named file that is missing
 * is an error, a default one is not). */
char *pd_paths_config(const char *flag, bool *is_explicit);

/* --db FILE, else $PARTNERDESK_DB, else cfg->database, else
 * $XDG_DATA_HOME/partnerdesk/partnerdesk.db (~/.local/share/...). An empty
 * --db or a set but empty $PARTNERDESK_DB names no file and is refused
 * (NULL with *err set; err may be NULL), never taken for the default. */
char *pd_paths_database(const char *flag, const pd_config *cfg, pd_error *err);

/* What an empty --db (or --db=) is told: a usage error, exit status 2. */
#define PD_PATHS_EMPTY_DB_FLAG "an empty --db names no file; name the database file, " \
	"or leave --db out to use the default one"

/* The data directory ($XDG_DATA_HOME/partnerdesk), for demo.db. */
char *pd_paths_data_dir(void);

/* mkdir -p with mode 0700 for directories we create. */
bool pd_paths_mkdirs(const char *dir, pd_error *err);

/* "~" and "~/x" from $HOME (or the password entry), "~user/x" from that
 * user's entry; any other path is copied. NULL with a message when the
 * home directory cannot be found. Used for `database:`. */
char *pd_paths_expand_home(const char *path, pd_error *err);

/* Resolves and loads the config in one step (NULL path: built-in defaults). */
pd_config *pd_paths_load_config(const char *flag, pd_error *err);

#endif
