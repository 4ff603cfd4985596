/* Saying who changed a row meanwhile (private to src/ui): the audit's
 * last entry for it, as "ben at 07:58", for a move or an edit that finds
 * the partner no longer as the screen showed it. */
#ifndef PD_UI_MEANWHILE_H
#define PD_UI_MEANWHILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pd_app;

/* Who last changed entity #id and when, local time: "ben at 07:58", or
 * "ben at 07:58 on 2026-11-20" on another day. False (out "") when the
 * audit names nobody, or, with `since` (UTC, as the audit stamps), when
 * the last change is older than that. *moved (may be NULL): the change
 * was a stage move. */
bool pd_ui_changed_by(struct pd_app *app, const char *entity, int64_t id, const char *since,
                      char *out, size_t len, bool *moved);

#endif
