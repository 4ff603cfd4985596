/* Every partner's id and uid in one read, for the calendar and card
 * exports, whose UIDs are built from the uid each row keeps for life. */
#ifndef PARTNERDESK_MODEL_PARTNER_UID_H
#define PARTNERDESK_MODEL_PARTNER_UID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef struct pd_partner_uid {
	int64_t id;
	char uid[PD_UID_LEN];
} pd_partner_uid;

typedef struct pd_partner_uids {
	pd_partner_uid *v;   /* in id order */
	size_t n;
} pd_partner_uids;

bool pd_partner_uids_load(pd_db *db, pd_partner_uids *out, pd_error *err);
void pd_partner_uids_finish(pd_partner_uids *u);
/* The uid of partner id; "" if there is none. */
const char *pd_partner_uid_of(const pd_partner_uids *u, int64_t id);

#endif
