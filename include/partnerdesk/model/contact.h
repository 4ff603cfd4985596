/* Contact people at a partner: who we talk to there. */
#ifndef PARTNERDESK_MODEL_CONTACT_H
#define PARTNERDESK_MODEL_CONTACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef struct pd_contact {
	int64_t id, partner_id;
	char *name, *title, *email, *phone, *notes;
	char *channel;           /* preferred channel, NULL if none */
	int64_t version;
	char created[PD_TIME_LEN], updated[PD_TIME_LEN];
	char uid[PD_UID_LEN];    /* as pd_partner.uid, unique within the partner */
} pd_contact;

typedef struct pd_contacts {
	pd_contact *v;
	size_t n;
} pd_contacts;

pd_contact *pd_contact_create(void);
void pd_contact_destroy(pd_contact *c);
void pd_contact_finish(pd_contact *c);        /* frees fields of an embedded one */

/* A name longer than PD_NAME_MAX is refused (PD_ERR_INVALID). */
bool pd_contact_insert(pd_db *db, pd_contact *c, pd_error *err);
/* pd_contact_insert for a contact from a YAML backup: its name is not held
 * to PD_NAME_MAX, so a desk that kept a longer name from before the limit
 * restores whole. */
bool pd_contact_insert_kept(pd_db *db, pd_contact *c, pd_error *err);
/* Version-checked; a new name is held to PD_NAME_MAX, one stored before
 * the limit keeps through an edit of the other fields. */
bool pd_contact_update(pd_db *db, pd_contact *c, pd_error *err);
/* Version-checked. The log entries that named the person keep the name
 * (pd_interaction.removed_contact) and move to a new version: an edit of
 * one read before is a conflict. */
bool pd_contact_delete(pd_db *db, int64_t id, int64_t version, pd_error *err);
/* pd_contact_delete for a person a merge joined into `into` (whose log
 * entries already name into): the audit says "NAME joined into NAME by
 * merge", action merge, rather than that the person was deleted. */
bool pd_contact_join(pd_db *db, int64_t id, int64_t version, const pd_contact *into, pd_error *err);
pd_contact *pd_contact_get(pd_db *db, int64_t id, pd_error *err);
/* A partner's contacts, ordered by name. */
bool pd_contact_list(pd_db *db, int64_t partner_id, pd_contacts *out, pd_error *err);
/* A contact of this partner by case-insensitive name or unique prefix; 0 on error. */
int64_t pd_contact_resolve(pd_db *db, int64_t partner_id, const char *text, pd_error *err);
/* The first contact of this partner, by id after `after` (0: from the
 * start), whose name is name's as names are matched (pd_name_key: case,
 * spacing, composition); 0 when none, or on error (err set). Indexed: what
 * an import asks for every row. */
int64_t pd_contact_find_named(pd_db *db, int64_t partner_id, const char *name, int64_t after,
	pd_error *err);
/* The contact of this partner whose uid is uid; 0 when none (or uid is
 * empty), or on error (err set). */
int64_t pd_contact_find_uid(pd_db *db, int64_t partner_id, const char *uid, pd_error *err);
void pd_contacts_finish(pd_contacts *cs);
/* The log entries that name this contact (a delete leaves them with the
 * name alone, marked removed, so it is said before); -1 on error. */
long pd_contact_log_count(pd_db *db, int64_t id, pd_error *err);
/* Contact people at all partners (a vCard export's total); -1 on error. */
long pd_contact_count(pd_db *db, pd_error *err);

#endif
