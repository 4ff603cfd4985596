/* When each partner was created, with its name: what the exports' UIDs are
 * built from, since a restore gives rows new ids but keeps these. */
#ifndef PARTNERDESK_MODEL_BIRTH_H
#define PARTNERDESK_MODEL_BIRTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef struct pd_partner_birth {
	int64_t id;
	char *name;
	char created[PD_TIME_LEN];
} pd_partner_birth;

typedef struct pd_partner_births {
	pd_partner_birth *v;   /* in id order */
	size_t n;
} pd_partner_births;

bool pd_partner_births_load(pd_db *db, pd_partner_births *out, pd_error *err);
void pd_partner_births_finish(pd_partner_births *b);

#endif
