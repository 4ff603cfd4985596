/* Moving a partner through the configured stages, under the transition rules,
 * and the stage history every move leaves behind. */
#ifndef PARTNERDESK_MODEL_STAGE_H
#define PARTNERDESK_MODEL_STAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef struct pd_move_request {
	const char *to;            /* target stage name */
	const char *reason;        /* why; required by rules with PD_REQ_REASON */
	const char *review_date;   /* YYYY-MM-DD; NULL: defaulted from the stage's review_days */
	const char *approved_by;   /* required by rules with PD_REQ_APPROVAL */
	int64_t expected_version;  /* the partner version the caller saw; 0: don't check */
} pd_move_request;

/* Moves the partner if the rules allow it and its requirements are met;
 * otherwise PD_ERR_REFUSED with a sentence saying what is missing or which
 * moves are allowed from here. Records from, to, when, who (OS user), why. */
bool pd_stage_move(pd_db *db, int64_t partner_id, const pd_move_request *req, pd_error *err);

/* The stages reachable from `from` under the rules, in pipeline order. */
size_t pd_stage_allowed(const pd_rules *rules, const char *from, const char **out, size_t max);

typedef struct pd_move {
	int64_t id, partner_id;
	char *from;               /* NULL for the first row (creation) */
	char *to;
	char at[PD_TIME_LEN];
	char *by;
	char *reason;
	char review_date[PD_DATE_LEN];
	char *approved_by;
} pd_move;

typedef struct pd_history {
	pd_move *v;
	size_t n;
} pd_history;

/* Oldest first. */
bool pd_history_list(pd_db *db, int64_t partner_id, pd_history *out, pd_error *err);
void pd_history_finish(pd_history *h);

/* Restores a history row verbatim (YAML backup import only). */
bool pd_history_insert_raw(pd_db *db, const pd_move *m, pd_error *err);

#endif
