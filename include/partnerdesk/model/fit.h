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
	size_t configured;   /* v[0..configured) are the configured criteria */
} pd_fit;

/* Scores in the order of the configured criteria (unscored ones -1), then
 * any stored for criteria no longer configured: those are hidden, not
 * deleted (partnerdesk.yaml(5)); the backup keeps them. */
bool pd_fit_load(pd_db *db, int64_t partner_id, pd_fit *out, pd_error *err);

/* What every view (show, the interface's Fit tab) shows of a fit: the
 * configured criteria only, so all of them say the same "2 of 6". */
typedef struct pd_fit_shown {
	size_t rows;     /* f->v[0..rows) are shown, in the configured order */
	size_t scored;   /* how many of those have a score */
	int total;       /* the sum of their scores */
	int max;         /* 3 for each configured criterion */
} pd_fit_shown;
pd_fit_shown pd_fit_show(const pd_fit *f);
/* Sets one score (score -1 removes it); refuses a score outside 0-3. */
bool pd_fit_set(pd_db *db, int64_t partner_id, const char *criterion, int score, const char *note, pd_error *err);
int pd_fit_total(const pd_fit *f);    /* pd_fit_show(f).total */
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
