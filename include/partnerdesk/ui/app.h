/* The terminal interface entry point: what main calls when no subcommand is
 * given. */
#ifndef PARTNERDESK_UI_APP_H
#define PARTNERDESK_UI_APP_H

#include <stdbool.h>

typedef struct pd_ui_options {
	const char *db_flag;       /* --db, or NULL */
	const char *config_flag;   /* --config, or NULL */
	bool demo;                 /* --demo */
} pd_ui_options;

/* Runs the interface until the user quits or the terminal goes away.
 * Returns an exit status (0, 1). Restores the terminal on every path. */
int pd_ui_run(const pd_ui_options *opts);

#endif
