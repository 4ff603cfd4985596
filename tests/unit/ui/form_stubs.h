/* The few app services a form asks for, for tests that drive forms
 * without the app: one database (NULL: drafts are skipped), the status
 * line kept for checking, and an editor hook. Included by exactly one test
 * file per program. */
#ifndef PD_TEST_FORM_STUBS_H
#define PD_TEST_FORM_STUBS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/keymap.h"

#define HARNESS_UNUSED __attribute__((unused))

static HARNESS_UNUSED char last_status[512];
static HARNESS_UNUSED pd_db *test_db;        /* NULL: drafts are skipped */
/* What $EDITOR would do with the text; NULL: no editor. */
static HARNESS_UNUSED bool (*harness_editor)(char **text);

struct pd_db *pd_app_db(struct pd_app *app) { return test_db; }
const pd_config *pd_app_config(struct pd_app *app) { return NULL; }
const struct pd_theme *pd_app_theme(struct pd_app *app) { return NULL; }
bool pd_app_closing(struct pd_app *app) { return false; }
void pd_app_status(struct pd_app *app, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_status, sizeof last_status, fmt, ap);
	va_end(ap);
}
/* The keys forms name in their hints: the defaults unless a test sets
 * harness_keymap (a config's `keys:`). */
static HARNESS_UNUSED pd_keymap *harness_keymap;
const struct pd_keymap *pd_app_keymap(struct pd_app *app)
{
	static pd_keymap *defaults;
	if (harness_keymap)
		return harness_keymap;
	if (!defaults)
		defaults = pd_keymap_create(NULL, NULL);
	return defaults;
}
/* No other window writes here; nothing to read again. */
bool pd_app_catch_up(struct pd_app *app, char *since, size_t len) { return false; }
void pd_app_reload(struct pd_app *app) {}
void pd_app_drop_typeahead(struct pd_app *app) {}
void pd_app_show_cursor(struct pd_app *app) {}
/* Draft writes waiting for the desk: done at once with the usual wait
 * (the app's queue is app.c's); what failed is counted. */
static HARNESS_UNUSED int harness_draft_failures;
/* The text of the last draft a form left, as it was handed over. */
static HARNESS_UNUSED char harness_left[256];
void pd_app_draft_leave(struct pd_app *app, pd_draft *d, bool write)
{
	pd_error err = {0};
	snprintf(harness_left, sizeof harness_left, "%s", d->payload ? d->payload : "");
	if (test_db && ((write && !pd_draft_save(test_db, d, &err)) ||
	                (d->id && !pd_draft_release(test_db, d, &err))))
		harness_draft_failures++;
	pd_draft_finish(d);
}
void pd_app_draft_discard(struct pd_app *app, const pd_draft *d)
{
	pd_error err = {0};
	if (test_db && d->id && !pd_draft_delete(test_db, d, &err))
		harness_draft_failures++;
}
bool pd_app_draft_discarding(struct pd_app *app, const pd_draft *d) { return false; }
bool pd_app_edit_text(struct pd_app *app, char **text, pd_error *err)
{
	return harness_editor && harness_editor(text);
}
const char *pd_app_editor_name(void) { return "the-test-editor"; }

#endif
