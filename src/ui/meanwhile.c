/* Who changed a row meanwhile, from the audit trail, in the words the move
 * and edit dialogs use instead of "someone else". */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "meanwhile.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/ui/app.h"

bool pd_ui_changed_by(struct pd_app *app, const char *entity, int64_t id, const char *since,
                      char *out, size_t len, bool *moved)
{
	if (moved)
		*moved = false;
	if (len)
		out[0] = '\0';
	pd_db *db = pd_app_db(app);
	if (!db || !len)
		return false;
	pd_audit_log log = {0};
	pd_error err = {0};
	if (!pd_audit_list(db, entity, id, 1, &log, &err))
		return false;
	bool found = false;
	if (log.n > 0 && log.v[0].user && (!since || !*since || strcmp(log.v[0].at, since) >= 0)) {
		time_t t;
		struct tm tm, today;
		time_t now = time(NULL);
		char when[32] = "";
		if (pd_time_parse(log.v[0].at, &t) && localtime_r(&t, &tm) && localtime_r(&now, &today)) {
			bool same_day = tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday;
			strftime(when, sizeof when, same_day ? "%H:%M" : "%H:%M on %Y-%m-%d", &tm);
		}
		snprintf(out, len, "%s%s%s", log.v[0].user, when[0] ? " at " : "", when);
		if (moved)
			*moved = log.v[0].action && strcmp(log.v[0].action, "move") == 0;
		found = true;
	}
	pd_audit_log_finish(&log);
	return found;
}
