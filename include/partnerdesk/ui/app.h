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


/* ---- what panes may ask of the running application (src/ui/app.c) ---- */

#include <stddef.h>
#include <stdint.h>
#include "partnerdesk/config/config.h"
#include "partnerdesk/model/db.h"

struct pd_app;
struct pd_pane;
struct pd_keymap;

struct pd_db *pd_app_db(struct pd_app *app);
const pd_config *pd_app_config(struct pd_app *app);
const struct pd_keymap *pd_app_keymap(struct pd_app *app);

/* Stacks a modal pane (a form, picker, prompt or dialog) on top; the loop
 * gives it every key until it returns PD_PANE_CLOSE, then destroys it. */
void pd_app_push(struct pd_app *app, struct pd_pane *modal);

/* A one-line message on the status line until the next key. */
void pd_app_status(struct pd_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The partner selected in the current view (list, detail, kanban, agenda); 0 if none. */
int64_t pd_app_selected_partner(struct pd_app *app);

/* Every pane re-reads the model (after a save). */
void pd_app_reload(struct pd_app *app);

/* Before acting on what the screen shows (opening a move or an edit):
 * when someone else wrote since the panes were read (another window, a
 * CLI command, a colleague), the panes are read again now and true comes
 * back, with `since` (may be NULL) set to when they had been read, in UTC
 * as the audit stamps it, so the caller can say who changed what since. */
bool pd_app_catch_up(struct pd_app *app, char *since, size_t len);

/* Called by a pane as it draws: the cursor shows, where the pane left
 * its window's cursor (a pane drawn last). Without it, it is hidden. Set
 * once per frame, so an unchanged frame sends the terminal nothing. */
void pd_app_show_cursor(struct pd_app *app);

/* Keys typed before the next frame is drawn are dropped: a dialog that
 * appears at start-up (unsaved work) must not take keys meant for what
 * the person expected to see. */
void pd_app_drop_typeahead(struct pd_app *app);

/* Leaves curses, runs $VISUAL or $EDITOR (else vi) on a temporary file
 * holding *text, reads it back into *text (newly allocated), restores the
 * screen. False (text unchanged) when the editor failed, err saying how
 * and what to do (an editor not installed: set VISUAL or EDITOR). */
bool pd_app_edit_text(struct pd_app *app, char **text, pd_error *err);
/* The editor pd_app_edit_text runs ($VISUAL, else $EDITOR, else vi), as
 * the messages that speak of it name it. */
const char *pd_app_editor_name(void);

/* True once the terminal has gone away or SIGHUP/SIGTERM arrived: panes
 * stop asking questions and flush. */
bool pd_app_closing(struct pd_app *app);

/* Draft writes that must not wait on screen for a colleague's lock (see
 * src/ui/waiting.h): tried at once for a moment, else again on the quiet
 * seconds and on the way out until the desk lets them.
 * The session is ending with draft *d unsaved: written (when `write`) and
 * left for the next start to offer back; d's contents are taken. */
struct pd_draft;
void pd_app_draft_leave(struct pd_app *app, struct pd_draft *d, bool write);
/* Draft *d is discarded (or its form saved): deleted now or once the desk
 * lets it, never to be offered again (only d's name is kept). */
void pd_app_draft_discard(struct pd_app *app, const struct pd_draft *d);
/* Whether draft *d is discarded but waits for the desk to be deleted. */
bool pd_app_draft_discarding(struct pd_app *app, const struct pd_draft *d);

/* ---- added by the interface core ---- */

/* Shows a partner's detail: beside the list when the terminal is wide,
 * else full size (q goes back to the view it came from). */
void pd_app_open_partner(struct pd_app *app, int64_t id);
/* The same, on its Contacts tab with person contact_id marked > and
 * scrolled to (0: none, the tab as pd_app_open_partner leaves it): Enter
 * on a partner the list's filter found by one of its people. */
void pd_app_open_partner_person(struct pd_app *app, int64_t id, int64_t contact_id);
/* The same, at the detail's tab named tab, as its heading spells it
 * ("Agreement"). */
void pd_app_open_partner_tab(struct pd_app *app, int64_t id, const char *tab);
/* The same, on its Log tab with entry interaction_id marked > and
 * scrolled to: Enter on a follow-up in the agenda. */
void pd_app_open_partner_entry(struct pd_app *app, int64_t id, int64_t interaction_id);

/* After a save that added a partner or moved its row: every view selects
 * it when it next reads the model (a stage move follows the card into its
 * new column, so the next key acts on the same partner). */
void pd_app_follow(struct pd_app *app, int64_t id);

/* Partner id was merged into `into` (0: deleted) here: a detail showing
 * it shows INTO instead, or, deleted, closes back to the view it came
 * from. (A detail that finds its partner gone by someone else's hand says
 * so itself: view_detail.c.) */
void pd_app_partner_gone(struct pd_app *app, int64_t id, int64_t into);

/* On a desk this user may read but not write, why not ("FILE is not
 * writable for you"); NULL when they may write. The interface then only
 * looks: keys that would write are refused before any form opens. */
const char *pd_app_readonly(struct pd_app *app);

/* The look every pane draws with (pd_theme_attr); NULL before the screen
 * is up, which gives the monochrome look. */
struct pd_theme;
const struct pd_theme *pd_app_theme(struct pd_app *app);

#endif
