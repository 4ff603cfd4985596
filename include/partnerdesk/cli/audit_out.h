/* The audit trail as `show PARTNER --audit` and `audit` print it: a
 * readable list (local time with seconds, user, what, old -> new) or
 * JSON. */
#ifndef PARTNERDESK_CLI_AUDIT_OUT_H
#define PARTNERDESK_CLI_AUDIT_OUT_H

#include <jansson.h>
#include <stdbool.h>

#include "partnerdesk/cli/command.h"
#include "partnerdesk/model/audit.h"

/* Entries as text; with_partner names each one's partner (the desk-wide
 * list), "indent" is put before each entry's first line. */
void pd_cli_audit_text(pd_cli *cli, const pd_audit_log *log, bool with_partner, const char *indent);

/* An array of entry objects: id, at, user, partner_id, partner, entity,
 * entity_id, action, detail, changes (objects with field, old, new). */
json_t *pd_cli_audit_json(const pd_audit_log *log);

/* An ISO UTC time as local "YYYY-MM-DD HH:MM:SS" (the text itself if it
 * is not one). */
void pd_cli_local_seconds(const char *iso, char out[32]);

#endif
