/* The YAML backup: everything in the database (partners with contact
 * people, interactions, stage history, agreements, fit, goals, tags,
 * audiences, branches) in a stable, sorted, readable form, and its
 * restore into an empty database. Export, restore, export again: the same
 * bytes. The format is documented in partnerdesk-backup(5). */
#ifndef PARTNERDESK_IO_BACKUP_H
#define PARTNERDESK_IO_BACKUP_H

#include <stdbool.h>
#include <stdio.h>

#include "partnerdesk/io/progress.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

#define PD_BACKUP_FORMAT_VERSION 1

/* Writes the backup of db to f. `progress` may be NULL. */
bool pd_backup_write(pd_db *db, FILE *f, FILE *progress, size_t *items, pd_error *err);

#endif
