/* Remaking what a desk derives from what was typed (name keys, people's
 * name keys, website and
 * email keys, loose name keys, search documents, each partner's cached activity) where
 * `check` finds it stale, for `check --repair`. */
#ifndef PARTNERDESK_MODEL_REPAIR_H
#define PARTNERDESK_MODEL_REPAIR_H

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

/* How many partners (people, for contact_keys) had each thing remade. */
typedef struct pd_repair_counts {
	long name_keys;       /* name_fold: search, duplicate check */
	long contact_keys;    /* contacts' name_fold: a person found by name */
	long order_keys;      /* sort_key: name order */
	long domain_keys;     /* website and email keys (likely the same) */
	long loose_keys;      /* loose name keys (a similar name: likely the same) */
	long search;          /* search documents missing or made again */
	long last_contacts;
	long next_follow_ups;
} pd_repair_counts;

/* In one write transaction; never changes a typed value, a version or an
 * `updated` time, and writes no audit entry (nothing anyone typed moves).
 * A partner whose name keys were stale has its search document made again
 * too: both come from the same folding. */
bool pd_db_repair(pd_db *db, pd_repair_counts *out, pd_error *err);

/* The sum of out's counts. */
long pd_repair_total(const pd_repair_counts *c);

#endif
