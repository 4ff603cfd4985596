/* A debug hook for tests and benchmarks: while it records, every statement
 * the model prepares is also run through EXPLAIN QUERY PLAN, so a test can
 * call the real model functions and check how SQLite answers each of them
 * (no full table scans on the interface's paths) with the SQL kept in one
 * place, where the model uses it. */
#ifndef PARTNERDESK_MODEL_EXPLAIN_H
#define PARTNERDESK_MODEL_EXPLAIN_H

#include <stdbool.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/strv.h"

/* Starts recording (again, from nothing). */
bool pd_db_explain_start(pd_db *db);

/* Stops; out (cleared first) gets one entry per statement prepared since
 * the start, in order: the SQL, then each plan line on a line of its own
 * starting with two spaces. */
void pd_db_explain_stop(pd_db *db, pd_strv *out);

/* True when a plan line reads a whole table of ours row by row: "SCAN t"
 * (or its alias) without an index. Scans of an index, of the search
 * index's virtual table and of subquery results are not full scans. */
bool pd_plan_line_is_full_scan(const char *line);

#endif
