/* The generic form engine behind every modal form (private to src/ui):
 * labelled fields with wide-character line editing, choices and dates,
 * Tab between fields (scrolled into view, with a mark for the hidden ones),
 * Ctrl-S to save, Esc to cancel, drafts as you type, and an overlay slot
 * for a picker or the conflict dialog. */
#ifndef PD_UI_FORM_H
#define PD_UI_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "partnerdesk/model/contact_check.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/strv.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/draw.h"
#include "partnerdesk/ui/pane.h"

typedef enum pd_field_kind {
	PD_FIELD_TEXT,     /* one line */
	PD_FIELD_LONG,     /* several lines; Enter is a newline; Ctrl-E edits it */
	PD_FIELD_CHOICE,   /* one of a list: Left/Right/Space cycle, a letter jumps */
	PD_FIELD_DATE,     /* any pd_date_parse form; shows the resolved date */
} pd_field_kind;

typedef struct pd_field {
	char *key;                 /* stable name: drafts and conflict rows use it */
	char *label;
	pd_field_kind kind;
	wchar_t *text;             /* TEXT, LONG, DATE: the edited text */
	size_t len, cap, cur;      /* characters, capacity, cursor */
	size_t hscroll;            /* TEXT/DATE: first character shown */
	size_t top;                /* LONG: first wrapped row shown */
	int rows;                  /* LONG: rows on screen */
	pd_strv choices;           /* CHOICE: the values */
	pd_strv shown;             /* CHOICE: what choices[i] is shown as; "" or past
	                            * the end: the value itself */
	size_t choice;             /* CHOICE: index into choices */
	bool readonly;
	bool past_ok;              /* DATE: a day before today is not said to be
	                            * past (an agreement's start) */
	bool hidden;               /* not shown, focused or checked on save: a
	                            * field that does not apply to what is chosen
	                            * (the move form's review date for a stage
	                            * with no review period) */
	bool when;                 /* TEXT: a time a call was (pd_when_parse), shown
	                            * beside it as it reads ("= Fri 2026-11-20
	                            * 15:00"), as a DATE field shows its day */
	bool offer;                /* its value is an offer (the log form's When
	                            * "now"): a character typed or pasted first on
	                            * arriving replaces it, so "yesterday 15:00"
	                            * is not typed onto "now"; an arrow or any
	                            * other key first keeps it. Ends at the first
	                            * edit, or a value set by pd_form_set_value. */
	char *alone;               /* CHOICE: said instead of "has no other choice"
	                            * when a key seeks another of its one choice:
	                            * why there is none, and what to do instead */
} pd_field;

/* Field editing, exposed for the unit tests. */
void pd_field_set(pd_field *fld, const char *utf8);
char *pd_field_get(const pd_field *fld);          /* allocated UTF-8 */
bool pd_field_insert(pd_field *fld, wchar_t c);
bool pd_field_backspace(pd_field *fld);
bool pd_field_delete(pd_field *fld);
bool pd_field_word_delete(pd_field *fld);          /* C-w */
bool pd_field_kill_start(pd_field *fld);           /* C-u: to the line's start */
bool pd_field_kill_end(pd_field *fld);             /* C-k: to the line's end */
void pd_field_left(pd_field *fld);
void pd_field_right(pd_field *fld);
void pd_field_home(pd_field *fld);
void pd_field_end(pd_field *fld);
/* CHOICE: shows `value` as `shown` (a stage's label for its name); the
 * value is still what pd_field_get returns. No-op for an unknown value. */
void pd_field_choice_show(pd_field *fld, const char *value, const char *shown);
/* CHOICE: what choice i is shown as. */
const char *pd_field_choice_text(const pd_field *fld, size_t i);
/* CHOICE: chooses the first choice, from the current one on (with here)
 * or from the one after it, whose shown text starts with prefix, ignoring
 * case (pd_fold); false, and nothing changed, when none does. */
bool pd_field_choice_seek(pd_field *fld, const char *prefix, bool here);
/* DATE: the resolved date in out ("" when empty); false when it is not a date. */
bool pd_field_date(const pd_field *fld, time_t now, char out[PD_DATE_LEN]);

typedef struct pd_form pd_form;

/* What a form type adds to the engine. */
typedef struct pd_form_ops {
	const char *draft_name;    /* pd_draft.form; NULL keeps no drafts */
	/* Ctrl-S. True closes the form (the draft goes). False keeps it open
	 * with err->msg shown (unless the save left a pd_form_note of its
	 * own); PD_ERR_CONFLICT calls `conflict` when set. */
	bool (*save)(pd_form *f, pd_error *err);
	/* Someone else saved first: put the conflict dialog up (pd_form_set_overlay). */
	void (*conflict)(pd_form *f);
	/* A key changed field `key` (may be NULL): the form may show or hide
	 * the fields that depend on it. */
	void (*changed)(pd_form *f, const char *key);
	void (*destroy_ctx)(void *ctx);
} pd_form_ops;

pd_form *pd_form_new(struct pd_app *app, const char *title, const pd_form_ops *ops, void *ctx);
/* Wraps the form in a pane for pd_app_push; the pane owns the form. */
pd_pane *pd_form_pane(pd_form *f);
void pd_form_free(pd_form *f);

pd_field *pd_form_add(pd_form *f, pd_field_kind kind, const char *key, const char *label, const char *value);
/* CHOICE: value selected (added to the list when it is not in it). */
pd_field *pd_form_add_choice(pd_form *f, const char *key, const char *label, const pd_strv *choices, const char *value);
/* A checklist row (the fit form's goals, the agreement's library offers):
 * a choice between PD_FORM_UNTICKED and PD_FORM_TICKED before item, keyed
 * "KEY.I" (an item may hold anything a draft's key may not), with its note
 * keyed "KEY_note.I" under it; section labels the first row. Space ticks. */
#define PD_FORM_TICKED "[x] "
#define PD_FORM_UNTICKED "[ ] "
void pd_form_add_tick(pd_form *f, const char *key, size_t i, const char *section, const char *item,
                      bool ticked, const char *note);
pd_field *pd_form_field(pd_form *f, const char *key);
size_t pd_form_count(const pd_form *f);
pd_field *pd_form_at(pd_form *f, size_t i);
void pd_form_focus(pd_form *f, const char *key);
const char *pd_form_focused_key(const pd_form *f);

/* The field's text, trimmed, allocated; NULL when empty. */
char *pd_form_value(pd_form *f, const char *key);
/* A save's check of a long field the model holds to PD_NOTES_MAX: true
 * when it fits; else the field is focused and err says by how much, and
 * what to do (the model's own message says neither). */
bool pd_form_notes_fit(pd_form *f, const char *key, pd_error *err);
/* A save's check of an email, phone or website field (pd_reach_check):
 * true when it can be one, is empty, or is still `was` (what the form
 * opened with: a value an import kept is not the edit's to refuse); else
 * the field is focused and err says what is wrong with it. */
bool pd_form_reach_fit(pd_form *f, const char *key, pd_reach what, const char *was, pd_error *err);
/* Replaces a field's text (restoring a draft, merging a conflict). */
void pd_form_set_value(pd_form *f, const char *key, const char *value);

struct pd_app *pd_form_app(pd_form *f);
void *pd_form_ctx(pd_form *f);
void pd_form_set_title(pd_form *f, const char *title);
/* What follows the title and is drawn whole however narrow the form: the
 * title before it (a long partner name) is what shortens. NULL: none. */
void pd_form_set_title_tail(pd_form *f, const char *tail);
void pd_form_message(pd_form *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends an item to a "Owner, Website" list (a merge's fields, the fit's
 * questions changed meanwhile), NUL-terminated within size. */
void pd_form_label_list_add(char *buf, size_t size, const char *label);
/* A message that stays while the person types, until the next save (what
 * changed meanwhile, why a save did not go through). */
void pd_form_note(pd_form *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True once the person typed anything (Esc then asks). */
bool pd_form_dirty(const pd_form *f);
void pd_form_set_dirty(pd_form *f, bool dirty);

/* A pane drawn over the form and given every key until it closes (the
 * picker, the conflict dialog). The form owns it. */
void pd_form_set_overlay(pd_form *f, pd_pane *overlay);
/* Asks the form to close once the current key is handled. `saved` also
 * deletes the draft and tells the views to reload. */
void pd_form_close(pd_form *f, bool saved);
/* Runs the save (as Ctrl-S does); used by the conflict dialog's "mine". */
void pd_form_save_now(pd_form *f);

/* ---- drafts ---- */

/* What the draft row says beside the payload. */
void pd_form_draft_target(pd_form *f, int64_t partner_id, int64_t target_id, int64_t target_version);
/* Payload lines (pd_payload_put's) the draft keeps after the fields: what
 * the form was opened on, where one version number cannot say it (the fit
 * form's answers), so that a draft reopened later is compared with it and
 * not with what is stored by then. Copied; NULL keeps none. */
void pd_form_draft_base(pd_form *f, const char *lines);
/* Takes over an existing draft (restored from the offer dialog): fills the
 * fields from its payload and keeps updating the same row. */
void pd_form_draft_adopt(pd_form *f, const pd_draft *d);
/* When the form was begun (its draft's, for one restored): what "now" in
 * it means, however late the desk lets it be saved. */
time_t pd_form_begun(const pd_form *f);
/* Writes the draft now if anything changed since the last write. */
void pd_form_draft_flush(pd_form *f);

/* The payload format: one `key=value` line per field, with backslash,
 * newline and carriage return escaped (\\ \n \r). Stable and readable. */
char *pd_form_serialize(pd_form *f);
void pd_form_deserialize(pd_form *f, const char *payload);
/* Looks one key up in a payload; allocated, NULL when absent. */
char *pd_payload_get(const char *payload, const char *key);
/* Appends the payload line `key=value` (escaped) to b. */
void pd_payload_put(pd_strbuf *b, const char *key, const char *value);

/* ---- the forms, restored from drafts (drafts.c dispatches by name) ---- */

/* Takes left-over draft d into this session before a form reopens it,
 * waiting a moment for a colleague's write: true when taken, or when the
 * desk stayed busy (a colleague's import): that does not keep a note from
 * being read and typed on, as no running session holds it and its first
 * draft write makes it this session's. False, err saying why, when another
 * window took it up or it was saved or discarded meanwhile (form.c); err
 * may be NULL. */
bool pd_drafts_take(pd_db *db, const pd_draft *d, pd_error *err);

pd_pane *pd_form_log_from_draft(struct pd_app *app, const pd_draft *d);
pd_pane *pd_form_partner_from_draft(struct pd_app *app, const pd_draft *d);
pd_pane *pd_form_contact_from_draft(struct pd_app *app, const pd_draft *d);
pd_pane *pd_form_move_from_draft(struct pd_app *app, const pd_draft *d);
pd_pane *pd_form_fit_from_draft(struct pd_app *app, const pd_draft *d);
pd_pane *pd_form_agreement_from_draft(struct pd_app *app, const pd_draft *d);

/* The offer dialog's preview of draft d (pd_draft_changes): an edit's
 * fields that differ from the entity as stored now, read through the
 * model, or a new entry's first fields typed, by the form's labels in its
 * order. false when there is nothing to compare with (the entity gone). */
bool pd_form_partner_preview(struct pd_app *app, const pd_draft *d, char *out, size_t size);
bool pd_form_contact_preview(struct pd_app *app, const pd_draft *d, char *out, size_t size);
bool pd_form_agreement_preview(struct pd_app *app, const pd_draft *d, char *out, size_t size);
/* A log note's: its note quoted, where one is typed that is new (a new
 * note's, or a correction's that changes it); else what else it holds, a
 * new note's fields typed past the form's defaults (`Follow up
 * "2026-12-04"`) or a correction's changes; "" for a new note holding
 * nothing. false when the entry corrected is gone. */
bool pd_form_log_preview(struct pd_app *app, const pd_draft *d, char *out, size_t size);

/* A form reopened from draft d at partner_id, another than the one it was
 * typed for (gone: `why` says what became of it, for the form's note). */
typedef pd_pane *(*pd_form_draft_at_fn)(struct pd_app *app, const pd_draft *d, int64_t partner_id,
                                         const char *why);
/* For a draft whose partner is gone (or cannot take it, `why` says): a
 * pane that asks with the partner picker (titled "WHY: whose WHAT is
 * this?", else "Its partner was deleted: ...") and then opens the form at
 * the partner chosen with `at`, choosing again when that one cannot take
 * it; Esc in the picker closes it, the draft untouched. NULL when out of
 * memory. */
pd_pane *pd_form_draft_repick(struct pd_app *app, const pd_draft *d, const char *what, const char *why,
                              pd_form_draft_at_fn at);

/* ---- the conflict dialog (conflict.c) ---- */

typedef enum pd_conflict_choice {
	PD_CONFLICT_THEIRS,   /* keep what the other person saved; drop mine
	                         (after a merge: theirs in the clashing fields) */
	PD_CONFLICT_MINE,     /* save mine over the new version (after a merge:
	                         mine in the clashing fields) */
	PD_CONFLICT_BACK,     /* back to the form (their other changes merged in) */
} pd_conflict_choice;

typedef struct pd_conflict_row {
	const char *label;
	const char *theirs;   /* borrowed; NULL shows as empty */
	const char *yours;
} pd_conflict_row;

/* A dialog listing field by field what differs, theirs vs yours; calls
 * done(ctx, choice) as it closes. Rows are copied. */
pd_pane *pd_conflict_create(struct pd_app *app, const char *what, const pd_conflict_row *rows, size_t n,
	void (*done)(void *ctx, pd_conflict_choice choice), void *ctx);
/* The same after a three-way merge: rows are only the fields both sides
 * changed, `merged` (may be NULL) says what was merged without asking,
 * and t / m choose theirs or mine for those fields alone. */
pd_pane *pd_conflict_create_merged(struct pd_app *app, const char *what, const pd_conflict_row *rows, size_t n,
	const char *merged, void (*done)(void *ctx, pd_conflict_choice choice), void *ctx);

/* The partner a form opens on (pd_partner_destroy it); NULL, the status
 * line saying why, when none is selected (0) or it cannot be read. */
struct pd_partner *pd_form_partner_get(struct pd_app *app, int64_t partner_id);

/* ---- small shared drawing helpers (form.c) ---- */

/* The width of a form's box on a terminal `cols` wide. */
int pd_form_width(int cols);
/* A centred box of at most want_h x want_w inside w, cleared, titled;
 * returns its top-left corner and size. */
void pd_form_box(WINDOW *w, const pd_theme *th, int want_h, int want_w, const char *title, int *y, int *x, int *h, int *wd);
/* A title for the box at (y, x), wd wide (pd_form_box's with title NULL):
 * `tail` shown whole after `title`, which is what is shortened ("…") when
 * both do not fit. */
void pd_form_box_title(WINDOW *w, const pd_theme *th, int y, int x, int wd, const char *title, const char *tail);

#endif
