/* The terminal interface's event loop and the services it offers panes
 * (pd_app_*): config, keymap and database set-up, the pane stack, signals
 * and the terminal going away. */
#include <stdio.h>

#include "partnerdesk/ui/app.h"

int pd_ui_run(const pd_ui_options *opts)
{
	(void)opts;
	/* Replaced within the session by the real loop; this keeps the
	 * executable linking while the layers below land. */
	fputs("partnerdesk: the terminal interface is not built yet; use a command (see --help)\n", stderr);
	return 1;
}
