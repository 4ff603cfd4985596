/* Realistic sample data for --demo: partners of every kind, scale and stage,
 * contact people, months of calls and follow-ups, histories, agreements;
 * built through the model API only. */
#ifndef PARTNERDESK_IO_DEMO_H
#define PARTNERDESK_IO_DEMO_H

#include <stdbool.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

/* Fills an empty database (refuses one holding partners: PD_ERR_REFUSED).
 * Dates are relative to pd_db_now(db), so the demo always looks current:
 * some follow-ups overdue, some due this week, an engagement past review. */
bool pd_demo_fill(pd_db *db, pd_error *err);

#endif
