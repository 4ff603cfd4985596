/* Restoring a YAML backup exactly: after the ordinary inserts, the row
 * times and stage they had, and the stage history as it was rather than
 * the one an insert starts. For the backup reader only; everything else
 * goes through the ordinary API, which stamps rows with the present. */
#ifndef PARTNERDESK_MODEL_RESTORE_H
#define PARTNERDESK_MODEL_RESTORE_H

#include <stdbool.h>
#include <stdint.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef enum pd_restore_kind {
	PD_RESTORE_PARTNER,
	PD_RESTORE_CONTACT,
	PD_RESTORE_INTERACTION,
	PD_RESTORE_AGREEMENT,
} pd_restore_kind;

/* Sets created and updated (ISO 8601 UTC; NULL or "" leaves one as it is)
 * of one row. */
bool pd_restore_stamps(pd_db *db, pd_restore_kind kind, int64_t id, const char *created,
	const char *updated, pd_error *err);

/* A backup from before uids were stored (migration 8) has none: forget
 * the one the insert made for a partner, contact or log entry, so that
 * pd_restore_derive_uids gives it the key the exports of the original
 * used. A backup's own uid goes in through the insert (pd_partner.uid). */
bool pd_restore_uid_forget(pd_db *db, pd_restore_kind kind, int64_t id, pd_error *err);
/* Once every row is in: gives each forgotten uid its derived key. */
bool pd_restore_derive_uids(pd_db *db, pd_error *err);

/* Sets a partner's stage and review date verbatim (a backup holds the
 * stage the partner reached, whatever today's transition rules say, even
 * one the config no longer lists). */
bool pd_restore_partner_stage(pd_db *db, int64_t id, const char *stage, const char *review_date,
	pd_error *err);

/* A backup keeps what the database held, including fit scores, goals and
 * channels the config no longer lists (removing one from the config hides
 * it; it does not delete it). These put such a value back verbatim: the
 * config's lists judge what people type, not what a backup restores.
 * Blank names, text that is not UTF-8 and scores outside 0-3 are still
 * refused. */
bool pd_restore_fit(pd_db *db, int64_t partner_id, const char *criterion, int score,
	const char *note, pd_error *err);
bool pd_restore_goal(pd_db *db, int64_t partner_id, const char *goal, const char *note,
	pd_error *err);
/* Sets the channel of one contact (PD_RESTORE_CONTACT: the preferred one)
 * or interaction; NULL or "" clears it. */
bool pd_restore_channel(pd_db *db, pd_restore_kind kind, int64_t id, const char *channel,
	pd_error *err);
/* Sets the stage an agreement was made for verbatim; NULL or "" clears it. */
bool pd_restore_agreement_stage(pd_db *db, int64_t id, const char *stage, pd_error *err);

/* Deletes a partner's stage history, so that pd_history_insert_raw can put
 * back the one in the backup in place of the row the insert wrote. */
bool pd_restore_history_clear(pd_db *db, int64_t partner_id, pd_error *err);

#endif
