/* The three-way merge of a colleague's save with what was typed (see
 * form_merge.h): fields compared base / theirs / mine, what one side
 * changed taken, the clashes put to the conflict dialog, and its answer
 * carried out, for every form that merges. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_merge.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/keymap.h"

unsigned pd_merge_side(const char *base, const char *theirs, const char *mine)
{
	if (pd_same_text(theirs, mine))
		return PD_MERGE_SAME;
	if (pd_same_text(base, mine))
		return PD_MERGE_THEIRS;
	if (pd_same_text(base, theirs))
		return PD_MERGE_MINE;
	return PD_MERGE_BOTH;
}

void pd_merge_add(pd_merge *m, const pd_merge_field *fld, char *base, char *theirs, char *mine)
{
	if (m->n >= PD_MERGE_MAX) {
		free(base);
		free(theirs);
		free(mine);
		return;
	}
	size_t i = m->n++;
	m->fields[i] = fld;
	m->side[i] = theirs && mine ? pd_merge_side(base, theirs, mine) : 0;
	m->theirs[i] = theirs;
	m->mine[i] = mine;
	free(base);
}

/* The field's value as the form has it: trimmed, "" when empty; NULL when
 * the form has no such field (an edit form without the add form's stage). */
static char *value_of(pd_form *f, const pd_merge_field *fld)
{
	if (!fld->key || !pd_form_field(f, fld->key))
		return NULL;
	char *v = pd_form_value(f, fld->key);
	return v ? v : pd_strdup("");
}

void pd_merge_read(pd_merge *m, pd_form *f, const pd_merge_ops *ops)
{
	for (size_t i = 0; i < ops->n; i++) {
		const pd_merge_field *fld = &ops->fields[i];
		pd_merge_add(m, fld, ops->base(f, fld), ops->theirs(f, fld), (ops->mine ? ops->mine : value_of)(f, fld));
	}
}

size_t pd_merge_take(const pd_merge *m, pd_form *f, const pd_merge_ops *ops, unsigned sides)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n; i++) {
		if (!(m->side[i] & sides))
			continue;
		if (ops && ops->take)
			ops->take(f, m->fields[i], m->theirs[i]);
		else if (m->fields[i]->key)
			pd_form_set_value(f, m->fields[i]->key, m->theirs[i]);
		else
			continue;
		n++;
	}
	return n;
}

size_t pd_merge_count(const pd_merge *m, unsigned sides)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n; i++)
		n += (m->side[i] & sides) != 0;
	return n;
}

static const char *shown(const pd_merge_field *fld, const char *v)
{
	return fld->none && !*v ? fld->none : v;
}

size_t pd_merge_rows(const pd_merge *m, unsigned sides, pd_conflict_row *rows)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n; i++)
		if (m->side[i] & sides)
			rows[n++] = (pd_conflict_row){m->fields[i]->label, shown(m->fields[i], m->theirs[i]),
			                              shown(m->fields[i], m->mine[i])};
	return n;
}

void pd_merge_labels(const pd_merge *m, unsigned sides, char *buf, size_t size)
{
	if (!size)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < m->n; i++)
		if (m->side[i] & sides)
			pd_form_label_list_add(buf, size, m->fields[i]->label);
}

void pd_merge_finish(pd_merge *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->theirs[i]);
		free(m->mine[i]);
	}
	memset(m, 0, sizeof *m);
}

void pd_form_merge_conflict(pd_form *f, const pd_merge_ops *ops, const char *what, char *merged, size_t size,
                            void (*done)(void *ctx, pd_conflict_choice choice))
{
	pd_merge m = {0};
	pd_merge_read(&m, f, ops);
	pd_merge_take(&m, f, ops, PD_MERGE_THEIRS);
	char taken[256], kept[256];
	pd_merge_labels(&m, PD_MERGE_THEIRS, taken, sizeof taken);
	pd_merge_labels(&m, PD_MERGE_MINE, kept, sizeof kept);
	if (size)
		merged[0] = '\0';
	if (taken[0])
		pd_format(merged, size, "merged in their change to %s", taken);
	pd_conflict_row rows[PD_MERGE_MAX];
	size_t n = pd_merge_rows(&m, PD_MERGE_BOTH, rows);
	if (n == 0) {
		/* Nothing both changed: the merge is the answer; it is saved over
		 * their version and the message says what came from them. */
		pd_merge_finish(&m);
		ops->rebase(f);
		pd_form_save_now(f);
		return;
	}
	char line[512], said[600] = "";
	pd_format(line, sizeof line, "%s; you both changed %s", what, n == 1 ? "this field" : "these fields");
	if (taken[0])
		pd_format(said, sizeof said, "Taken from theirs: %s.", taken);
	if (kept[0])
		pd_format(said + strlen(said), sizeof said - strlen(said), "%sKept from yours: %s.", said[0] ? " " : "",
		          kept);
	pd_form_set_overlay(f, pd_conflict_create_merged(pd_form_app(f), line, rows, n, said[0] ? said : NULL, done, f));
	pd_merge_finish(&m);
}

void pd_form_merge_resolved(pd_form *f, const pd_merge_ops *ops, pd_conflict_choice choice, const char *merged,
                            const char *kept)
{
	/* The fields only one side changed are merged into the form already;
	 * the choice settles the clashes. Mine is left to save where the form
	 * still differs from theirs. */
	pd_merge m = {0};
	pd_merge_read(&m, f, ops);
	unsigned left = PD_MERGE_THEIRS | PD_MERGE_MINE;
	if (choice == PD_CONFLICT_THEIRS)
		pd_merge_take(&m, f, ops, PD_MERGE_BOTH);
	else
		left |= PD_MERGE_BOTH;
	bool mine_left = pd_merge_count(&m, left) > 0;
	pd_merge_finish(&m);
	ops->rebase(f);
	struct pd_app *app = pd_form_app(f);
	switch (choice) {
	case PD_CONFLICT_THEIRS:
		if (!mine_left) {
			pd_app_status(app, "%s", kept);
			pd_form_close(f, true);
			return;
		}
		/* my other changes are saved with theirs */
		pd_form_save_now(f);
		return;
	case PD_CONFLICT_MINE:
		pd_form_save_now(f);
		return;
	case PD_CONFLICT_BACK: {
		pd_form_set_dirty(f, true);
		char save[32];
		pd_keymap_first(pd_app_keymap(app), PD_ACT_SAVE, save, sizeof save);
		pd_form_message(f, "%s%swhere you both changed a field yours is shown. %s saves", merged,
		                merged[0] ? "; " : "", save);
		return;
	}
	}
}
