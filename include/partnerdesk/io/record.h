/* A partner's full record: the partner with its contacts, interactions,
 * stage history, agreements, fit scores and goals, loaded in one call in a
 * stable order, for `show` and for exports and backups. */
#ifndef PARTNERDESK_IO_RECORD_H
#define PARTNERDESK_IO_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"

typedef struct pd_record {
	pd_partner *partner;
	pd_contacts contacts;           /* by name */
	pd_interactions interactions;   /* oldest first (by time, then id) */
	pd_history history;             /* oldest first */
	pd_agreements agreements;       /* oldest first (by id) */
	pd_fit fit;                     /* in configured criteria order */
	pd_goals goals;
	/* From the list row: when we last spoke and the next open follow-up. */
	char last_contact[PD_TIME_LEN];
	char next_follow_up[PD_DATE_LEN];
} pd_record;

/* What the emitters (json_out.h, yaml_out.h) write besides the data itself.
 * `show` wants everything; a backup that must survive re-import byte for
 * byte may leave out what a fresh database assigns anew. */
enum {
	PD_RECORD_IDS    = 1u << 0,   /* row ids and versions */
	PD_RECORD_STAMPS = 1u << 1,   /* created/updated times */
	PD_RECORD_ALL    = PD_RECORD_IDS | PD_RECORD_STAMPS,
};

/* Loads everything of partner id into *out (zeroed first). */
bool pd_record_load(pd_db *db, int64_t id, pd_record *out, pd_error *err);
void pd_record_finish(pd_record *r);   /* accepts a zeroed or NULL record */

/* The name of contact_id among the record's contacts, or NULL. */
const char *pd_record_contact_name(const pd_record *r, int64_t contact_id);
/* Who entry it was with: its person's name, or, when the person was since
 * removed from the partner's people, the name it was logged with and
 * *removed true (a reader is told so: "Siân Evans (removed)"); NULL when
 * it names nobody. */
const char *pd_record_who(const pd_record *r, const pd_interaction *it, bool *removed);

#endif
