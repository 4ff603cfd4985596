/* A known data set for the report tests, built through the model API with
 * the clock set before each write: six partners whose moves, calls and
 * follow-ups sit a known number of days before `base`. The model tests pin
 * base to TU_NOW; the command-line tests build it around the real clock
 * (tests/cli/report_fixture.c) and expect the same figures. The expected
 * numbers are worked out by hand in tests/unit/model/test_report.c and
 * tests/cli/test_report.py. */
#ifndef PD_TESTS_REPORT_DATA_H
#define PD_TESTS_REPORT_DATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"

#define RD_DAY 86400

static time_t rd_base;

static time_t rd_ago(double days)
{
	return rd_base - (time_t)(days * RD_DAY);
}

static bool rd_fail(const char *what, const pd_error *err)
{
	printf("# report data: %s: %s\n", what, err->msg);
	return false;
}

static int64_t rd_partner(pd_db *db, const char *name, const char *kind, const char *scale, double created_ago,
                          const char *aud1, const char *aud2)
{
	pd_error err = {0};
	pd_db_set_now(db, rd_ago(created_ago));
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	p->kind = strdup(kind);
	p->scale = strdup(scale);
	if (aud1)
		pd_strv_push(&p->audiences, aud1);
	if (aud2)
		pd_strv_push(&p->audiences, aud2);
	int64_t id = pd_partner_insert(db, p, &err) ? p->id : 0;
	if (!id)
		rd_fail(name, &err);
	pd_partner_destroy(p);
	return id;
}

static bool rd_move(pd_db *db, int64_t id, const char *to, double ago, double review_ago, const char *approved)
{
	pd_error err = {0};
	char review[PD_DATE_LEN] = "";
	if (review_ago != 0)
		pd_date_today(rd_ago(review_ago), review);
	pd_db_set_now(db, rd_ago(ago));
	pd_move_request req = {.to = to, .reason = "report test", .review_date = review[0] ? review : NULL,
	                       .approved_by = approved};
	return pd_stage_move(db, id, &req, &err) || rd_fail(to, &err);
}

static bool rd_log(pd_db *db, int64_t id, const char *channel, const char *by, double ago, double follow_up_ago)
{
	pd_error err = {0};
	pd_interaction it = {0};
	it.partner_id = id;
	pd_time_format(rd_ago(ago), it.at);
	it.channel = strdup(channel);   /* the model may replace them */
	it.by = strdup(by);
	it.text = strdup("report test");
	if (follow_up_ago != 0)
		pd_date_today(rd_ago(follow_up_ago), it.follow_up);
	pd_db_set_now(db, rd_ago(ago));
	bool ok = pd_interaction_insert(db, &it, &err) || rd_fail("log", &err);
	pd_interaction_finish(&it);
	return ok;
}

/* Fills db; leaves its clock pinned at base. */
static bool rd_fill(pd_db *db, time_t base)
{
	pd_error err = {0};
	rd_base = base;
	int64_t a = rd_partner(db, "Alpha Museum", "museum", "macro", 300, "teens", "families");
	int64_t b = rd_partner(db, "Beta School", "school", "micro", 100, "teens", NULL);
	int64_t c = rd_partner(db, "Gamma Zoo", "zoo", "macro", 400, "seniors", NULL);
	int64_t d = rd_partner(db, "Delta Arts", "arts organisation", "micro", 3, NULL, NULL);
	int64_t e = rd_partner(db, "Epsilon Library", "library", "macro", 290, "families", NULL);
	int64_t f = rd_partner(db, "Foxtrot College", "college", "micro", 120, "adults", NULL);
	bool ok = a && b && c && d && e && f &&
		rd_move(db, a, "date", 250, 0, NULL) &&
		rd_move(db, a, "engagement", 30, 0, NULL) &&
		rd_move(db, b, "date", 10, 0, NULL) &&
		rd_move(db, c, "dissolved", 5, 0, NULL) &&
		rd_move(db, e, "date", 280, 0, NULL) &&
		rd_move(db, e, "engagement", 200, 110, NULL) &&
		rd_move(db, e, "marriage", 60, 0, "Director Reyes") &&
		rd_move(db, f, "date", 110, 0, NULL) &&
		rd_move(db, f, "engagement", 80, 20, NULL) &&
		rd_log(db, a, "phone", "ann", 40, 0) &&
		rd_log(db, a, "email", "ann", 35, 5) &&
		rd_log(db, b, "visit", "bob", 10, 0) &&
		rd_log(db, c, "phone", "ann", 200, 0) &&
		rd_log(db, e, "meeting", "bob", 2, 0) &&
		rd_log(db, e, "email", "cy", 15, -3) &&
		rd_log(db, f, "phone", "ann", 100, 0);
	pd_db_set_now(db, base);
	if (ok && (!pd_fit_set(db, a, "mission", 3, "a close match", &err) ||
	           !pd_fit_set(db, e, "timing", 2, NULL, &err)))
		ok = rd_fail("fit", &err);
	return ok;
}

#endif
