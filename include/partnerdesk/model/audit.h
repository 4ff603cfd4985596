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

typedef struct pd_audit_change {
	char *field;
	char *old_value, *new_value;   /* NULL: empty */
} pd_audit_change;

typedef struct pd_audit_entry {
	int64_t id;
	char at[PD_TIME_LEN];
	char *user;
	char *entity;       /* "partner", "contact", "interaction", ... */
	int64_t entity_id;
	char *action;       /* "insert", "update", "delete", "move", ... */
	char *detail;       /* a short human summary */
	int64_t partner_id; /* the partner it belongs to, 0 if unknown */
	char *partner;      /* that partner's name now, NULL if deleted or unknown */
	pd_audit_change *changes;   /* an update's fields, old and new; none before schema 7 */
	size_t n_changes;
} pd_audit_entry;

typedef struct pd_audit_log {
	pd_audit_entry *v;
	size_t n;
} pd_audit_log;

/* Entries for one entity (entity NULL: all), newest first, up to limit. */
bool pd_audit_list(pd_db *db, const char *entity, int64_t entity_id, long limit, pd_audit_log *out, pd_error *err);
void pd_audit_log_finish(pd_audit_log *log);

/* What to read of the trail; zero/NULL fields do not filter. */
typedef struct pd_audit_filter {
	int64_t partner_id;     /* the partner's own entries and its contacts', log's, ... */
	const char *user;       /* OS user, exactly */
	const char *since;      /* ISO UTC time: entries at or after it */
	long limit;             /* the newest `limit` entries; <= 0 all */
	bool oldest_first;
} pd_audit_filter;

bool pd_audit_query(pd_db *db, const pd_audit_filter *f, pd_audit_log *out, pd_error *err);

/* Every audit entry this handle writes from now on says it came from
 * source (e.g. "restore of backup.yaml"); NULL or "" stops it. */
void pd_audit_set_source(pd_db *db, const char *source);

#endif
