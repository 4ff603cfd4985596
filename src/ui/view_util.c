/* Small things the views share: relative ages ("3d", "2mo"), stage labels
 * from the rules, what counts as stale, and making and freeing a view's
 * pane. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/ui/app.h"
#include "views.h"

long pd_view_days_since(const char *iso, long now)
{
	time_t t;
	if (!iso || !*iso || !pd_time_parse(iso, &t))
		return -1;
	/* Local calendar days, not 24-hour periods: last evening's call
	 * is "1d" this morning, not "today". */
	long d = pd_time_days_between(t, (time_t)now);
	return d < 0 ? 0 : d;
}

void pd_view_age(const char *iso, long now, char *buf, size_t len)
{
	long d = pd_view_days_since(iso, now);
	if (d < 0)
		snprintf(buf, len, "never");
	else if (d == 0)
		snprintf(buf, len, "today");
	else if (d < 45)
		snprintf(buf, len, "%ldd", d);
	else if (d < 365)
		snprintf(buf, len, "%ldmo", d / 30);
	else
		snprintf(buf, len, "%ldy", d / 365);
}

void pd_view_age_words(const char *iso, long now, char *buf, size_t len)
{
	long d = pd_view_days_since(iso, now);
	if (d == 1) {
		snprintf(buf, len, "yesterday");
		return;
	}
	pd_view_age(iso, now, buf, len);
	if (d > 1) {
		size_t n = strlen(buf);
		snprintf(buf + n, len - n, " ago");
	}
}

void pd_view_plan_date(const char *date, long days, bool full, char *buf, size_t len)
{
	/* Past, today or more than a year off, the year is needed or the
	 * day is no plan: the date as it is. */
	if (!pd_date_valid(date) || days <= 0 || (!full && days >= 365))
		snprintf(buf, len, "%s", date);
	else
		snprintf(buf, len, "%s %s", pd_date_weekday_abbr(date), full ? date : date + 5);
}

const char *pd_view_stage_label(struct pd_app *app, const char *stage)
{
	if (!stage)
		return "";
	const pd_db *db = pd_app_db(app);
	const pd_rules *r = db ? pd_db_rules(db) : NULL;
	const pd_stage *st = r ? pd_rules_stage(r, stage) : NULL;
	return st && st->label ? st->label : stage;
}

bool pd_view_is_stale(struct pd_app *app, const char *stage, const char *last_contact, const char *created)
{
	pd_db *db = pd_app_db(app);
	const pd_rules *r = db ? pd_db_rules(db) : NULL;
	if (!r || r->stale_days <= 0)
		return false;
	const pd_stage *st = pd_rules_stage(r, stage ? stage : "");
	if (st && st->closed)
		return false;
	/* Never contacted counts from when it was added, as the attention
	 * report does: a partner just added has not yet gone quiet, one
	 * added long ago and never called has. */
	const char *since = last_contact && *last_contact ? last_contact : created;
	long d = pd_view_days_since(since, (long)pd_db_now(db));
	return d > r->stale_days;
}

pd_pane *pd_view_pane_create(struct pd_app *app, const pd_pane_ops *ops, size_t state_size)
{
	pd_pane *p = calloc(1, sizeof *p);
	void *s = calloc(1, state_size);
	if (!p || !s) {
		free(p);
		free(s);
		return NULL;
	}
	p->ops = ops;
	p->state = s;
	p->app = app;
	return p;
}

void pd_view_pane_free(pd_pane *p)
{
	if (!p)
		return;
	free(p->state);
	free(p);
}
