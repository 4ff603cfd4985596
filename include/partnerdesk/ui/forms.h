/* Modal forms and dialogs, each a pane stacked by pd_app_push: add/edit a
 * partner, add a contact person, the quick log, a stage move, the partner
 * picker, the conflict dialog, and the draft offered back on start. */
#ifndef PARTNERDESK_UI_FORMS_H
#define PARTNERDESK_UI_FORMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/ui/pane.h"

/* Add (partner_id 0) or edit a partner. */
pd_pane *pd_form_partner_create(struct pd_app *app, int64_t partner_id);
/* Edit a partner, the cursor in `field` ("review": the agenda's e on a
 * stage review), or in the name where the form has no such field. */
pd_pane *pd_form_partner_edit_at(struct pd_app *app, int64_t partner_id, const char *field);
/* Add a contact person to a partner. */
pd_pane *pd_form_contact_create(struct pd_app *app, int64_t partner_id);
/* Edit a contact person: the form filled, saved version-checked. */
pd_pane *pd_form_contact_edit(struct pd_app *app, int64_t contact_id);
/* Quick log: channel phone, time now, cursor in the note. partner_id 0 asks
 * with the picker first. */
pd_pane *pd_form_log_create(struct pd_app *app, int64_t partner_id);
/* The same, With at person contact_id when they are still one of the
 * partner's people (the agenda's c on a follow-up: the call is with whom
 * it names); else as pd_form_log_create. */
pd_pane *pd_form_log_create_with(struct pd_app *app, int64_t partner_id, int64_t contact_id);
/* The same form correcting log entry interaction_id: its fields filled, the
 * cursor in `field` ("follow_up"; NULL: the note), the save version-checked
 * (a colleague's change meanwhile merged, clashes shown as a conflict).
 * NULL, the status saying why, when it is gone. */
pd_pane *pd_form_log_edit_create(struct pd_app *app, int64_t interaction_id, const char *field);
/* Move a stage: `to` NULL asks which (allowed moves only); then asks the
 * reason and what the transition requires. */
pd_pane *pd_form_move_create(struct pd_app *app, int64_t partner_id, const char *to);
/* Score the partner's fit: each configured question 0-3 with a note. */
pd_pane *pd_form_fit_create(struct pd_app *app, int64_t partner_id);
/* Edit the agreement made for the partner's current stage, or record a new
 * one (offers carried over from the last). */
pd_pane *pd_form_agreement_create(struct pd_app *app, int64_t partner_id);
/* The same, the cursor in `field` ("end", "review": the agenda's A on an
 * agreement's end or review date). */
pd_pane *pd_form_agreement_edit_at(struct pd_app *app, int64_t partner_id, const char *field);
/* A filterable partner picker; calls done(app, id, ctx) with the choice. */
/* What the status line says, said in form p when p is a form (else
 * nothing): a form saved over another (a call taken over an agreement
 * half typed) says what it did where the form beneath, which covers the
 * status line, shows it. A note the form keeps stays. */
void pd_form_told(pd_pane *p, const char *msg);
pd_pane *pd_picker_partner_create(struct pd_app *app, void (*done)(struct pd_app *, int64_t, void *), void *ctx);
/* What was typed into the filter, allocated, is put in *into (freeing
 * what was there) just before done is told of a partner chosen. */
void pd_picker_partner_typed_into(pd_pane *p, char **into);
/* Why the picker is asked, in its title, instead of "Choose a partner". */
void pd_picker_partner_title(pd_pane *p, const char *title);
/* A question shown whole after the title (": whose note is this?"): on a
 * narrow screen the title, the variable part, is what is shortened. */
void pd_picker_partner_question(pd_pane *p, const char *question);
/* Leaves partner id out of the list (the one being merged). */
void pd_picker_partner_exclude(pd_pane *p, int64_t id);
/* The picker frees its ctx with free_ctx when it goes (chosen or not);
 * done must then not free it. */
void pd_picker_partner_owns(pd_pane *p, void (*free_ctx)(void *));
/* Offers first, while nothing is typed, at most max partners likely the
 * same as partner `of` (merge's duplicates), each marked "likely: same
 * name" (why); read now and again whenever the picker reloads (a
 * colleague's change), so none offered is gone. The full list follows as
 * without; its last line counts each partner once. */
void pd_picker_partner_likely(pd_pane *p, int64_t of, size_t max);
/* On start: pushes a dialog offering back this user's waiting drafts, if
 * any. Returns true when one was pushed. */
bool pd_drafts_offer(struct pd_app *app);

#endif
