/* The desk's branches: those its partners name, so that a branch typed in
 * another case or spacing is stored as the desk spells it, and a new one
 * is said before it splits the reports. */
#ifndef PARTNERDESK_MODEL_BRANCH_H
#define PARTNERDESK_MODEL_BRANCH_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/strv.h"

/* Fills out (cleared first) with the branches the desk's partners name,
 * one spelling each (the one most partners use; "Northside" and
 * "North side" are one branch), sorted. False with err set when they
 * could not be read. */
bool pd_branches_list(pd_db *db, pd_strv *out, pd_error *err);

/* value trimmed, spelled as `desk` spells it when it is one of them case
 * and spacing aside ("north side" is "Northside"). *known says whether it
 * is (true when desk is empty: a first branch is no news). Allocated;
 * NULL when out of memory. */
char *pd_branch_as_spelled(const pd_strv *desk, const char *value, bool *known);

/* Each of branches (a partner's, as typed) as pd_branch_as_spelled spells
 * it, and one the desk has not as the first of them that is the same
 * branch case and spacing aside, the repeats left out: "Westend, west end"
 * is one new branch, not two that split the reports. fresh (cleared
 * first; may be NULL) gets those the desk has not, each once (none when
 * the desk has none). False when out of memory, branches then holding
 * those spelled so far and the rest as they were. */
bool pd_branches_spell(const pd_strv *desk, pd_strv *branches, pd_strv *fresh);

/* Says in out that value is a branch the desk has not had, naming the
 * ones it has ("'northside branch' is a new branch; the desk has Eastgate,
 * Northside"), the first few when they are many. */
void pd_branch_new_note(const pd_strv *desk, const char *value, char *out, size_t size);

#endif
