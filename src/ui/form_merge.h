/* The three-way merge of a colleague's save with what was typed, for the
 * forms that edit a stored row (private to src/ui). Each field is compared
 * as text three ways: as the form opened on it (base), as it is stored now
 * (theirs), as typed (mine). A field only one side changed takes that
 * side; one both changed, differently, is a clash for the conflict dialog.
 * A form describes its fields in a table and says how each side reads;
 * the comparing, the dialog's rows and what the messages say are here. */
#ifndef PD_UI_FORM_MERGE_H
#define PD_UI_FORM_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"

/* How a field stands between the sides; bits, so that several are asked
 * for at once. */
enum {
	PD_MERGE_SAME   = 1u << 0,   /* theirs and mine agree: nothing to do */
	PD_MERGE_THEIRS = 1u << 1,   /* only they changed it: theirs comes in */
	PD_MERGE_MINE   = 1u << 2,   /* only I changed it: mine stays */
	PD_MERGE_BOTH   = 1u << 3,   /* both changed it, differently: a clash */
};
/* Theirs and mine differ, whoever changed it (a two-way dialog's rows). */
#define PD_MERGE_DIFFER (PD_MERGE_THEIRS | PD_MERGE_MINE | PD_MERGE_BOTH)

/* The three compared byte for byte, NULL as "" (pd_same_text). Callers give
 * each side as the form shows it, trimmed as pd_form_value trims, so that
 * a space typed at an end is no change and a cleared field is "". */
unsigned pd_merge_side(const char *base, const char *theirs, const char *mine);

/* A field of a form's table. The merge reads key, label and none; kind,
 * type and off are the form's own (how it builds the field, and where and
 * how its row keeps the value). */
typedef struct pd_merge_field {
	const char *key;        /* the form's field; NULL: no one field (nothing is
	                         * read or taken by key) */
	const char *label;      /* how the dialog and the messages name it */
	pd_field_kind kind;
	int type;
	size_t off;
	const char *none;       /* an empty value as the dialog shows it; NULL: empty */
} pd_merge_field;

/* How a form's sides read, over its table. */
typedef struct pd_merge_ops {
	const pd_merge_field *fields;
	size_t n;
	/* A field as the form opened on it, as stored now, as typed: text to
	 * compare, allocated. NULL leaves the field out of the merge (out of
	 * memory; for mine also a field this form does not have). `mine` NULL:
	 * the field's value, trimmed, "" when empty, left out when the form
	 * has no such field. */
	char *(*base)(pd_form *f, const pd_merge_field *fld);
	char *(*theirs)(pd_form *f, const pd_merge_field *fld);
	char *(*mine)(pd_form *f, const pd_merge_field *fld);
	/* Puts theirs (as `theirs` read it) into the form; NULL: pd_form_set_value. */
	void (*take)(pd_form *f, const pd_merge_field *fld, const char *theirs);
	/* From now on the form edits the row as stored now: a save passes the
	 * version check (unless someone saves yet again), a later merge starts
	 * from it. Required by pd_form_merge_conflict and pd_form_merge_resolved
	 * (a form with a two-way dialog of its own needs none). */
	void (*rebase)(pd_form *f);
} pd_merge_ops;

#define PD_MERGE_MAX 32

/* The fields compared, in the order added. Zeroed to start. */
typedef struct pd_merge {
	const pd_merge_field *fields[PD_MERGE_MAX];
	unsigned side[PD_MERGE_MAX];         /* 0: left out */
	char *theirs[PD_MERGE_MAX], *mine[PD_MERGE_MAX];
	size_t n;
} pd_merge;

/* Adds fld with its three sides, allocated and taken over (base is freed
 * at once); a NULL theirs or mine leaves the field out. Past PD_MERGE_MAX
 * fields the texts are freed and nothing is added. */
void pd_merge_add(pd_merge *m, const pd_merge_field *fld, char *base, char *theirs, char *mine);
/* Adds every field of ops's table, each side read from the form. */
void pd_merge_read(pd_merge *m, pd_form *f, const pd_merge_ops *ops);
/* Puts theirs into the form for the fields standing as `sides` (ops or its
 * take NULL: by pd_form_set_value, where the field has a key); returns how
 * many. */
size_t pd_merge_take(const pd_merge *m, pd_form *f, const pd_merge_ops *ops, unsigned sides);
size_t pd_merge_count(const pd_merge *m, unsigned sides);
/* The dialog's rows for the fields standing as `sides`, in order, into
 * rows (room for PD_MERGE_MAX); they borrow m's text. Returns how many. */
size_t pd_merge_rows(const pd_merge *m, unsigned sides, pd_conflict_row *rows);
/* Their labels as "Owner, Website" into buf. */
void pd_merge_labels(const pd_merge *m, unsigned sides, char *buf, size_t size);
void pd_merge_finish(pd_merge *m);

/* Someone saved the row first (the form has read it as theirs): what only
 * they changed comes into the form, what only I changed stays. With no
 * clash the merge is the answer: rebased and saved at once. Else the
 * conflict dialog lists the clashes, `what` opening its first line ("Hill
 * Museum was changed by ben at 07:58 while you edited it"), and calls done
 * with the form. `merged` gets "merged in their change to Owner", or "". */
void pd_form_merge_conflict(pd_form *f, const pd_merge_ops *ops, const char *what, char *merged, size_t size,
                            void (*done)(void *ctx, pd_conflict_choice choice));
/* The dialog's answer (from done): theirs or mine in the clashes, rebased,
 * then saved; or back to the form to go on. `merged` is what
 * pd_form_merge_conflict wrote; `kept` the status line when theirs leaves
 * nothing of mine to save, and the form closes. */
void pd_form_merge_resolved(pd_form *f, const pd_merge_ops *ops, pd_conflict_choice choice, const char *merged,
                            const char *kept);

#endif
