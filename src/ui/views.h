/* The main views and the app's own dialogs (private to src/ui): each is a
 * pd_pane made by its create function, in its own file. */
#ifndef PD_UI_VIEWS_H
#define PD_UI_VIEWS_H

#include <stdbool.h>
#include <stdint.h>

#include "partnerdesk/ui/pane.h"

struct pd_app;

pd_pane *pd_view_list_create(struct pd_app *app);       /* view_list.c */
/* The filter typed afresh: what an earlier search kept is dropped, the
 * list's keys go to typing. For / pressed away from the list. */
void pd_view_list_find_anew(pd_pane *list);
pd_pane *pd_view_detail_create(struct pd_app *app);     /* view_detail.c */
/* Which partner the detail shows (0: none); keeps the tab, resets scrolling
 * when the partner changes. */
void pd_view_detail_show(pd_pane *detail, int64_t partner_id);
/* Marks person contact_id (>) in the Contacts tab of the partner shown,
 * when they are one of its people, and scrolls that tab to them. */
void pd_view_detail_mark_person(pd_pane *detail, int64_t contact_id);
/* Shows the tab named tab, as its heading spells it ("Agreement"); false
 * if there is none. */
bool pd_view_detail_tab(pd_pane *detail, const char *tab);
/* Marks log entry interaction_id (>) in the Log tab of the partner shown
 * and scrolls that tab to it, the entry's first line at the top (or as
 * near as the tab's end allows). */
void pd_view_detail_mark_entry(pd_pane *detail, int64_t interaction_id);
pd_pane *pd_view_kanban_create(struct pd_app *app);     /* view_kanban.c */
pd_pane *pd_view_agenda_create(struct pd_app *app);     /* view_agenda.c */
pd_pane *pd_view_reports_create(struct pd_app *app);    /* view_reports.c */

/* A view's pane: ops and app set, its state state_size zeroed bytes;
 * NULL when out of memory. pd_view_pane_free frees both (what the state
 * holds is the view's to free first); it accepts NULL. (view_util.c) */
pd_pane *pd_view_pane_create(struct pd_app *app, const pd_pane_ops *ops, size_t state_size);
void pd_view_pane_free(pd_pane *p);

/* A scroll position past any end. Keys come in batches: G typed right
 * after a key that changes what a pane shows cannot know the new length,
 * so it goes here and the next draw, which measures, pulls it back to the
 * last page (view_detail.c, view_reports.c). */
#define PD_VIEW_SCROLL_END (1 << 30)

/* The ? overlay: every key of `view` from the keymap table. */
pd_pane *pd_help_create(struct pd_app *app, const char *view);   /* help.c */

/* M and D (merge.c): the picker that asks which partner `from` goes into,
 * then the confirmation with the dry run; the confirmation of a delete,
 * or for a partner holding anything, what it holds and the merge offered.
 * NULL with the reason on the status line. */
pd_pane *pd_merge_start(struct pd_app *app, int64_t from);
pd_pane *pd_delete_start(struct pd_app *app, int64_t id);

/* First start with no database: says where it will be created and offers
 * the demo. *choice becomes 'd' (demo), 'e' (empty) or 'q' (quit). */
pd_pane *pd_first_run_create(struct pd_app *app, const char *path, int *choice);  /* first_run.c */

/* Relative age for lists and cards: "today", "3d", "2mo", "1y"; "never"
 * for "". now is the model's clock. (view_list.c) */
void pd_view_age(const char *iso, long now, char *buf, size_t len);
/* The same age in words for a sentence: "today", "yesterday", "3d ago",
 * "2mo ago"; "never" for "". (view_util.c) */
void pd_view_age_words(const char *iso, long now, char *buf, size_t len);
/* Local calendar days since an ISO time (pd_time_days_between), or -1
 * for "" / unparsable. */
long pd_view_days_since(const char *iso, long now);
/* A date to come (days from today) with its weekday, as the agenda says
 * it: "Fri 11-27" (full: "Fri 2026-11-27"); a past date, today or one a
 * year off or more without full is the date as it is. */
void pd_view_plan_date(const char *date, long days, bool full, char *buf, size_t len);
/* A stage's label from the rules, or the name itself. */
const char *pd_view_stage_label(struct pd_app *app, const char *stage);
/* True when a partner with this stage and last contact is flagged stale. */
bool pd_view_is_stale(struct pd_app *app, const char *stage, const char *last_contact, const char *created);

/* What the bars show, kept by the app (app.c). */
const char *pd_app_status_text(struct pd_app *app);
const char *pd_app_db_label(struct pd_app *app);
long pd_app_count_partners(struct pd_app *app);   /* -1 unknown */
long pd_app_count_due(struct pd_app *app);        /* agenda items due today or overdue */
/* Where Tab takes the keys from the detail: the view ("list", "agenda")
 * a full-screen detail goes back to, the list beside it; NULL where the
 * detail does not have the keys. */
const char *pd_app_tab_goes(struct pd_app *app);

/* Title bar, status line and key hints (status.c). place: where in the
 * view the keys are (the focused pane's hint_place), NULL for the view. */
void pd_status_draw_title(struct pd_app *app, WINDOW *w, const char *view);
void pd_status_draw(struct pd_app *app, WINDOW *w, const char *view, const char *place);

#endif
