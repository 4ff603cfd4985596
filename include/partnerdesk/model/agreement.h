/* Agreements for a date, engagement or marriage: what each side offers,
 * start, end and review dates, who approved it. */
#ifndef PARTNERDESK_MODEL_AGREEMENT_H
#define PARTNERDESK_MODEL_AGREEMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/rules.h"

typedef struct pd_offer {
	char *side;        /* "library" or "partner" */
	char *item;        /* for the library: one of rules.library_offers */
	char *note;
} pd_offer;

typedef struct pd_agreement {
	int64_t id, partner_id;
	char *stage;                      /* the stage it was made for */
	char *title;
	pd_offer *offers;
	size_t n_offers;
	char start_date[PD_DATE_LEN], end_date[PD_DATE_LEN], review_date[PD_DATE_LEN];
	char *approved_by;
	char *notes;
	int64_t version;
	char created[PD_TIME_LEN], updated[PD_TIME_LEN];
} pd_agreement;

typedef struct pd_agreements {
	pd_agreement *v;
	size_t n;
} pd_agreements;

void pd_agreement_finish(pd_agreement *a);
bool pd_agreement_add_offer(pd_agreement *a, const char *side, const char *item, const char *note);
/* Dates that contradict each other: false, with *field ("end" or
 * "review") the one to change and err saying why, when the agreement ends
 * before it starts or is reviewed after it has ended. The saves below
 * refuse such an agreement; only pd_agreement_insert (the backup's
 * restore) keeps a review after the end, as older versions stored it. */
bool pd_agreement_dates_agree(const pd_agreement *a, const char **field, pd_error *err);
/* An agreement for a stage that any move into needs an approval for (a
 * marriage: "needs management approval") names whoever approved it: false,
 * with err saying so, when a->approved_by is blank. The saves below refuse
 * such an agreement; pd_agreement_insert (the backup's restore) keeps one
 * made before the rule, as it was. */
bool pd_agreement_approval_given(const pd_rules *r, const pd_agreement *a, pd_error *err);
bool pd_agreement_insert(pd_db *db, pd_agreement *a, pd_error *err);
/* The same, for the stage's first agreement: PD_ERR_CONFLICT, writing
 * nothing, when the partner's newest agreement is already for a->stage
 * (someone recorded it since this one was begun). Checked inside the
 * write, so two people saving at once cannot both get through. */
bool pd_agreement_insert_first(pd_db *db, pd_agreement *a, pd_error *err);
bool pd_agreement_update(pd_db *db, pd_agreement *a, pd_error *err);  /* version-checked */
/* Newest first. */
bool pd_agreement_list(pd_db *db, int64_t partner_id, pd_agreements *out, pd_error *err);
void pd_agreements_finish(pd_agreements *list);

#endif
