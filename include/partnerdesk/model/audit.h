/* The audit trail: every change, with the OS user and the time. Append-only:
 * the schema refuses updates and deletes of it. */
#ifndef PARTNERDESK_MODEL_AUDIT_H
#define PARTNERDESK_MODEL_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef struct pd_audit_entry {
	int64_t id;
	char at[PD_TIME_LEN];
	char *user;
	char *entity;       /* "partner", "contact", "interaction", ... */
	int64_t entity_id;
	char *action;       /* "insert", "update", "delete", "move", ... */
	char *detail;       /* a short human summary */
} pd_audit_entry;

typedef struct pd_audit_log {
	pd_audit_entry *v;
	size_t n;
} pd_audit_log;

/* Entries for one entity (entity NULL: all), newest first, up to limit. */
bool pd_audit_list(pd_db *db, const char *entity, int64_t entity_id, long limit, pd_audit_log *out, pd_error *err);
void pd_audit_log_finish(pd_audit_log *log);

#endif
