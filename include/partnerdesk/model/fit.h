/* Fit assessment: each configured criterion scored 0-3 with a note; and the
 * library's goals for a partnership. */
#ifndef PARTNERDESK_MODEL_FIT_H
#define PARTNERDESK_MODEL_FIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef struct pd_fit_score {
	char *criterion;   /* rules.criteria[i].key */
	int score;         /* 0-3; -1 not yet scored */
	char *note;
} pd_fit_score;

typedef struct pd_fit {
	int64_t partner_id;
	pd_fit_score *v;
	size_t n;
} pd_fit;

/* Scores in the order of the configured criteria (unscored ones -1), then
 * any stored for criteria no longer configured. */
bool pd_fit_load(pd_db *db, int64_t partner_id, pd_fit *out, pd_error *err);
/* Sets one score (score -1 removes it); refuses a score outside 0-3. */
bool pd_fit_set(pd_db *db, int64_t partner_id, const char *criterion, int score, const char *note, pd_error *err);
int pd_fit_total(const pd_fit *f);    /* sum of scored criteria */
void pd_fit_finish(pd_fit *f);

typedef struct pd_goal {
	char *goal;    /* rules.goals entry */
	char *note;
} pd_goal;

typedef struct pd_goals {
	pd_goal *v;
	size_t n;
} pd_goals;

bool pd_goal_list(pd_db *db, int64_t partner_id, pd_goals *out, pd_error *err);
bool pd_goal_set(pd_db *db, int64_t partner_id, const char *goal, const char *note, pd_error *err);
bool pd_goal_remove(pd_db *db, int64_t partner_id, const char *goal, pd_error *err);
void pd_goals_finish(pd_goals *g);

#endif
