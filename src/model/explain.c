/* The EXPLAIN QUERY PLAN recorder behind explain.h: pd_stmt hands every
 * SQL text it is asked for to pd_explain_record while recording is on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/explain.h"

bool pd_db_explain_start(pd_db *db)
{
	if (!db->explain && !(db->explain = calloc(1, sizeof *db->explain)))
		return false;
	pd_strv_clear(db->explain);
	return true;
}

void pd_db_explain_stop(pd_db *db, pd_strv *out)
{
	pd_strv_clear(out);
	if (!db->explain)
		return;
	*out = *db->explain;
	free(db->explain);
	db->explain = NULL;
}

void pd_explain_record(pd_db *db, const char *sql)
{
	static const char prefix[] = "EXPLAIN QUERY PLAN ";
	size_t len = strlen(sql);
	char *text = malloc(sizeof prefix + len);
	if (!text)
		return;
	memcpy(text, prefix, sizeof prefix - 1);
	memcpy(text + sizeof prefix - 1, sql, len + 1);
	size_t cap = len + 64, used = 0;
	char *entry = malloc(cap);
	sqlite3_stmt *st = NULL;
	if (entry && sqlite3_prepare_v2(db->h, text, -1, &st, NULL) == SQLITE_OK) {
		used = (size_t)snprintf(entry, cap, "%s", sql);
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *detail = (const char *)sqlite3_column_text(st, 3);
			size_t need = used + 4 + (detail ? strlen(detail) : 0);
			if (need >= cap) {
				char *v = realloc(entry, cap = 2 * need);
				if (!v)
					break;
				entry = v;
			}
			used += (size_t)snprintf(entry + used, cap - used, "\n  %s", detail ? detail : "");
		}
		pd_strv_push(db->explain, entry);
	}
	sqlite3_finalize(st);
	free(entry);
	free(text);
}

bool pd_plan_line_is_full_scan(const char *line)
{
	const char *s = strstr(line, "SCAN ");
	if (!s)
		return false;
	s += 5;
	if (strstr(s, "USING INDEX") || strstr(s, "USING COVERING INDEX") ||
	    strstr(s, "USING INTEGER PRIMARY KEY") || strstr(s, "VIRTUAL TABLE") ||
	    strncmp(s, "CONSTANT ROW", 12) == 0 || strncmp(s, "SUBQUERY", 8) == 0 ||
	    strncmp(s, "(subquery", 9) == 0)
		return false;
	return true;
}
