/* UIDs for the iCalendar and vCard exports that stay the same from one
 * export to the next and through a backup and its restore: built from the
 * creation times a restore keeps, not from row ids, which it renumbers. */
#ifndef PARTNERDESK_IO_UID_H
#define PARTNERDESK_IO_UID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

#define PD_UID_KEY_LEN 40

/* A row's part of a UID: its creation time, compacted (20261123T140500Z),
 * and ".N" when it is the N-th (N >= 2) of its kind created in that same
 * second, counted in the order a backup writes them. */
void pd_uid_key(const char *created, size_t nth, char out[PD_UID_KEY_LEN]);

/* Every partner's key; partners created in the same second are counted in
 * the backup's order (by name, then id), which a restore keeps. */
typedef struct pd_uid_partner {
	int64_t id;
	char key[PD_UID_KEY_LEN];
} pd_uid_partner;

typedef struct pd_uid_partners {
	pd_uid_partner *v;   /* in id order */
	size_t n;
} pd_uid_partners;

bool pd_uid_partners_load(pd_db *db, pd_uid_partners *out, pd_error *err);
void pd_uid_partners_finish(pd_uid_partners *p);
/* The key of partner id; "" if there is none. */
const char *pd_uid_partner_key(const pd_uid_partners *p, int64_t id);

#endif
