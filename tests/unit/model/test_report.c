/* The report queries against a known data set (report_data.h) with the
 * clock pinned: every figure below is worked out by hand from the data. */
#include "../tap.h"
#include "testutil.h"
#include "report_data.h"

#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/explain.h"
#include "partnerdesk/model/report.h"
#include "partnerdesk/model/text.h"

static pd_db *db;

static long val(const pd_report *r, const char *table, const char *row, const char *col)
{
	const pd_report_table *t = pd_report_table_find(r, table);
	const pd_report_row *rw = pd_report_row_find(t, row);
	long c = pd_report_column(t, col);
	if (!t || !rw || c < 0) {
		printf("# no %s/%s/%s\n", table, row, col);
		return -999;
	}
	return rw->values[c];
}

static size_t nrows(const pd_report *r, const char *table)
{
	const pd_report_table *t = pd_report_table_find(r, table);
	return t ? t->n_rows : (size_t)-1;
}

static bool build(pd_report_kind k, pd_report_period p, pd_report *r)
{
	pd_error err = {0};
	bool ok = pd_report_build(db, k, p, r, &err);
	if (!ok)
		printf("# %s\n", err.msg);
	return ok;
}

static void test_names(void)
{
	pd_report_kind k;
	pd_report_period p;
	ok(pd_report_kind_parse("audiences", &k) && k == PD_REPORT_AUDIENCES, "kind parses");
	ok(!pd_report_kind_parse("Pipeline", &k), "kind is exact");
	ok(pd_report_period_parse("quarter", &p) && p == PD_PERIOD_QUARTER, "period parses");
	ok(!pd_report_period_parse("week", &p), "unknown period refused");
	char d[PD_DATE_LEN];
	pd_report_period_start(PD_PERIOD_MONTH, TU_NOW, d);
	streq(d, "2026-11-01", "month starts on the 1st");
	pd_report_period_start(PD_PERIOD_QUARTER, TU_NOW, d);
	streq(d, "2026-10-01", "quarter starts in October");
	pd_report_period_start(PD_PERIOD_YEAR, TU_NOW, d);
	streq(d, "2026-01-01", "year starts in January");
	pd_report_period_start(PD_PERIOD_ALL, TU_NOW, d);
	streq(d, "", "all has no start");
}

static void test_bars(void)
{
	char buf[256];
	is(pd_report_bar(10, 10, 8, false, buf, sizeof buf), 8, "full ASCII bar is the width");
	streq(buf, "########", "ASCII bar of #");
	is(pd_report_bar(1, 100, 8, false, buf, sizeof buf), 1, "a positive value shows a sliver");
	is(pd_report_bar(0, 100, 8, false, buf, sizeof buf), 0, "zero draws nothing");
	streq(buf, "", "zero bar is empty");
	is(pd_report_bar(5, 10, 3, true, buf, sizeof buf), 2, "half of 3 columns: one full and a half block");
	streq(buf, "\xe2\x96\x88\xe2\x96\x8c", "U+2588 then U+258C");
	is(pd_report_bar(1, 8, 1, true, buf, sizeof buf), 1, "one eighth");
	streq(buf, "\xe2\x96\x8f", "U+258F is one eighth");
	is(pd_report_bar(7, 8, 1, true, buf, sizeof buf), 1, "seven eighths");
	streq(buf, "\xe2\x96\x89", "U+2589 is seven eighths");
}

/* How a line is shared between label, figures and bar: a label of 51
 * columns beside one figure (2 + 3) with indent and gap (4). */
static void test_fit_line(void)
{
	pd_report_fit f = pd_report_fit_line(51, 4, 5, 5, 200);
	ok(f.all && f.label == 51, "200 columns: the whole label (%d), not 28", f.label);
	f = pd_report_fit_line(51, 4, 5, 5, 80);
	is(f.label, 51, "80 columns: whole too, a bar of 20 beside it");
	f = pd_report_fit_line(51, 4, 5, 5, 40);
	is(f.label, 40 - 4 - 5 - PD_REPORT_BAR_MIN, "40 columns: cut for a bar of 10, not to a bar of 3");
	is(pd_report_fit_line(5, 4, 5, 5, 40).label, 5, "a short label takes what it needs");
	is(pd_report_fit_line(51, 4, 5, 5, 20).label, PD_REPORT_LABEL_MIN, "never cut below 10: the bar gives way");
	is(pd_report_fit_line(6, 4, 5, 5, 12).label, 6, "nor a label narrower than that");
	f = pd_report_fit_line(40, 4, 97, 7, 80);
	ok(!f.all && f.label == 40, "80 columns: 97 of figures give way, the label keeps 40 (%d)", f.label);
	f = pd_report_fit_line(60, 4, 30, 7, 60);
	ok(f.all && f.label == 60 - 4 - 30 - PD_REPORT_BAR_MIN, "figures within half the line stay, the label is cut (%d)",
	   f.label);
	f = pd_report_fit_line(60, 4, 30, 7, 52);
	ok(!f.all && f.label == 52 - 4 - 7 - PD_REPORT_BAR_MIN,
	   "figures that would cut the label below 10 give way (%d)", f.label);
}

static void test_pipeline(void)
{
	pd_report r;
	ok(build(PD_REPORT_PIPELINE, PD_PERIOD_ALL, &r), "pipeline (all) builds");
	is(val(&r, "stages", "glance", "partners"), 1, "1 at glance");
	is(val(&r, "stages", "date", "partners"), 1, "1 at date");
	is(val(&r, "stages", "engagement", "partners"), 2, "2 engaged");
	is(val(&r, "stages", "marriage", "partners"), 1, "1 married");
	is(val(&r, "stages", "dissolved", "partners"), 1, "1 dissolved");
	streq(r.tables[0].rows[2].label, "Engagement", "rows carry the stage label");

	const pd_report_table *m = pd_report_table_find(&r, "moves_per_month");
	long total = 0;
	for (size_t i = 0; m && i < m->n_rows; i++)
		total += m->rows[i].values[0];
	is(total, 9, "9 moves in all");
	streq(m && m->n_rows ? m->rows[0].key : "", "2026-02", "months start at the first move (E, 280 days ago)");
	is(val(&r, "moves_per_month", "2026-11", "moves"), 2, "2 moves in November");
	is(val(&r, "moves_per_month", "2026-12", "moves"), -999, "no month after now");
	is(val(&r, "moves_per_month", "2026-07", "moves"), 0, "a month without moves is a row of 0");

	is(val(&r, "conversions", "glance>date", "partners"), 4, "4 glances became dates");
	is(val(&r, "conversions", "date>engagement", "partners"), 3, "3 dates became engagements");
	is(val(&r, "conversions", "engagement>marriage", "partners"), 1, "1 engagement became a marriage");
	is(val(&r, "conversions", ">dissolved", "partners"), 1, "1 dissolved");

	is(val(&r, "stage_days", "glance", "stays"), 6, "6 glance stays");
	is(val(&r, "stage_days", "glance", "median_days"), 10, "glance median 10 days");
	is(val(&r, "stage_days", "glance", "p90_days"), 395, "glance p90 395 days");
	is(val(&r, "stage_days", "date", "stays"), 4, "4 date stays");
	is(val(&r, "stage_days", "date", "median_days"), 30, "date median 30");
	is(val(&r, "stage_days", "date", "p90_days"), 220, "date p90 220");
	is(val(&r, "stage_days", "engagement", "median_days"), 80, "engagement median 80");
	is(val(&r, "stage_days", "engagement", "p90_days"), 140, "engagement p90 140");
	is(val(&r, "stage_days", "marriage", "median_days"), 60, "marriage median 60 (still running)");
	is(val(&r, "stage_days", "dissolved", "stays"), -999, "no stays for a closed stage");
	pd_report_finish(&r);

	ok(build(PD_REPORT_PIPELINE, PD_PERIOD_MONTH, &r), "pipeline (month) builds");
	streq(r.from, "2026-11-01", "from the 1st");
	streq(r.to, "2026-11-23", "to today");
	is((long)nrows(&r, "moves_per_month"), 1, "one month");
	is(val(&r, "moves_per_month", "2026-11", "moves"), 2, "2 moves this month");
	is(val(&r, "conversions", "glance>date", "partners"), 1, "1 glance became a date this month");
	is(val(&r, "conversions", "date>engagement", "partners"), 0, "no new engagement this month");
	is(val(&r, "conversions", ">dissolved", "partners"), 1, "1 dissolved this month");
	is(val(&r, "stage_days", "glance", "stays"), 3, "glance stays ended this month or running: 3");
	is(val(&r, "stage_days", "glance", "median_days"), 90, "glance median this month 90");
	is(val(&r, "stage_days", "engagement", "median_days"), 30, "engagement median 30");
	is(val(&r, "stage_days", "engagement", "p90_days"), 80, "engagement p90 80");
	is(val(&r, "stages", "engagement", "partners"), 2, "partners per stage are a snapshot");
	pd_report_finish(&r);

	ok(build(PD_REPORT_PIPELINE, PD_PERIOD_QUARTER, &r), "pipeline (quarter) builds");
	is((long)nrows(&r, "moves_per_month"), 2, "October and November");
	is(val(&r, "moves_per_month", "2026-10", "moves"), 1, "1 move in October");
	is(val(&r, "conversions", "date>engagement", "partners"), 1, "1 engagement this quarter");
	is(val(&r, "conversions", "engagement>marriage", "partners"), 0, "the marriage was in September");
	pd_report_finish(&r);

	ok(build(PD_REPORT_PIPELINE, PD_PERIOD_YEAR, &r), "pipeline (year) builds");
	is((long)nrows(&r, "moves_per_month"), 11, "January to November");
	is(val(&r, "conversions", "engagement>marriage", "partners"), 1, "the marriage is this year");
	pd_report_finish(&r);
}

static void test_activity(void)
{
	pd_report r;
	ok(build(PD_REPORT_ACTIVITY, PD_PERIOD_ALL, &r), "activity builds");
	is((long)nrows(&r, "per_month"), 7, "May to November");
	is(val(&r, "per_month", "2026-05", "interactions"), 1, "1 in May");
	is(val(&r, "per_month", "2026-06", "interactions"), 0, "0 in June");
	is(val(&r, "per_month", "2026-10", "interactions"), 2, "2 in October");
	is(val(&r, "per_month", "2026-11", "interactions"), 3, "3 in November");
	is(val(&r, "by_channel", "phone", "interactions"), 3, "3 calls");
	is(val(&r, "by_channel", "email", "interactions"), 2, "2 emails");
	is(val(&r, "by_channel", "event", "interactions"), 0, "configured channels show with 0");
	is(val(&r, "by_staff", "ann", "interactions"), 4, "ann logged 4");
	is(val(&r, "by_staff", "bob", "interactions"), 2, "bob 2");
	is(val(&r, "by_staff", "cy", "interactions"), 1, "cy 1");
	const pd_report_table *s = pd_report_table_find(&r, "by_staff");
	streq(s && s->n_rows ? s->rows[0].key : "", "ann", "busiest first");
	is(val(&r, "per_month_by_channel", "2026-10", "phone"), 1, "October: 1 call");
	is(val(&r, "per_month_by_channel", "2026-10", "email"), 1, "October: 1 email");
	is(val(&r, "per_month_by_channel", "2026-11", "meeting"), 1, "November: 1 meeting");
	const pd_report_table *x = pd_report_table_find(&r, "per_month_by_channel");
	is(x ? pd_report_bar_value(x, pd_report_row_find(x, "2026-11")) : -1, 3, "the cross table's bar is the row total");
	pd_report_finish(&r);

	ok(build(PD_REPORT_ACTIVITY, PD_PERIOD_MONTH, &r), "activity (month) builds");
	is(val(&r, "per_month", "2026-11", "interactions"), 3, "3 this month");
	is(val(&r, "by_channel", "phone", "interactions"), 0, "no calls this month");
	is(val(&r, "by_staff", "ann", "interactions"), -999, "ann logged nothing this month");
	is(val(&r, "by_staff", "bob", "interactions"), 2, "bob 2 this month");
	pd_report_finish(&r);
}

static void test_audiences(void)
{
	pd_report r;
	ok(build(PD_REPORT_AUDIENCES, PD_PERIOD_ALL, &r), "audiences build");
	is(val(&r, "by_audience", "teens", "partners"), 2, "2 partners reach teens");
	is(val(&r, "by_audience", "teens", "date"), 1, "one of them at date");
	is(val(&r, "by_audience", "teens", "micro"), 1, "one micro");
	is(val(&r, "by_audience", "families", "macro"), 2, "families: 2 macro");
	is(val(&r, "by_audience", "families", "marriage"), 1, "families: 1 marriage");
	is(val(&r, "by_audience", "seniors", "partners"), 0, "seniors: no active partner");
	is(val(&r, "by_audience", "seniors", "dissolved"), 1, "seniors: one dissolved");
	is(val(&r, "by_audience", "children", "partners"), 0, "children listed with 0");
	is((long)nrows(&r, "not_reached"), 8, "8 configured audiences not reached");
	is(val(&r, "not_reached", "seniors", "past_partners"), 1, "seniors were reached once");
	is(val(&r, "not_reached", "teens", "past_partners"), -999, "teens are reached");
	/* a bare "seniors 1" under "Who we do not reach" reads as reached by one */
	const pd_report_table *nr = pd_report_table_find(&r, "not_reached");
	ok(pd_report_names_columns(nr), "the not-reached list names its column");
	char head[64];
	pd_report_column_label(nr, 0, head, sizeof head);
	streq(head, "past partners", "as past partners");
	const pd_report_table *ba = pd_report_table_find(&r, "by_audience");
	ok(ba && strstr(ba->title, "Active partners") == NULL,
	   "the per-audience title does not call the dissolved column active: %s", ba ? ba->title : "");
	pd_report_finish(&r);
}

static void test_attention(void)
{
	pd_report r;
	ok(build(PD_REPORT_ATTENTION, PD_PERIOD_ALL, &r), "attention builds");
	is(val(&r, "summary", "stale", "count"), 1, "1 stale");
	is(val(&r, "summary", "past_review", "count"), 1, "1 past review");
	is(val(&r, "summary", "no_fit", "count"), 3, "3 without fit");
	is(val(&r, "summary", "overdue", "count"), 1, "1 overdue follow-up");
	const pd_report_table *t = pd_report_table_find(&r, "stale");
	ok(!pd_report_names_columns(t), "the stale list's title names its days already");
	streq(t && t->n_rows ? t->rows[0].label : "", "Foxtrot College", "Foxtrot is stale");
	is(t && t->n_rows ? t->rows[0].values[0] : -1, 100, "quiet 100 days");
	t = pd_report_table_find(&r, "past_review");
	streq(t && t->n_rows ? t->rows[0].label : "", "Foxtrot College", "Foxtrot is past review");
	is(t && t->n_rows ? t->rows[0].values[0] : -1, 20, "by 20 days");
	t = pd_report_table_find(&r, "no_fit");
	streq(t && t->n_rows == 3 ? t->rows[0].label : "", "Foxtrot College", "longest known first");
	streq(t && t->n_rows == 3 ? t->rows[2].label : "", "Delta Arts", "newest last");
	is(t && t->n_rows == 3 ? t->rows[1].values[0] : -1, 100, "Beta added 100 days ago");
	t = pd_report_table_find(&r, "overdue");
	streq(t && t->n_rows ? t->rows[0].label : "", "Alpha Museum", "Alpha's follow-up is overdue");
	is(t && t->n_rows ? t->rows[0].values[0] : -1, 5, "by 5 days");
	pd_report_finish(&r);
}

static time_t when(const char *iso)
{
	time_t t = 0;
	pd_time_parse(iso, &t);
	return t;
}

/* An audience the config does not list counts once however partners spell
 * it, as a configured one does; each keeps its first partner's spelling. */
static void test_audience_spellings(void)
{
	pd_db *d = tu_open("spellings.db");
	rd_base = TU_NOW;
	bool made = rd_partner(d, "One", "museum", "macro", 10, "Rural Folks", "Teens") &&
	            rd_partner(d, "Two", "museum", "micro", 10, "RURAL FOLKS", "TEENS") &&
	            rd_partner(d, "Three", "museum", "micro", 10, "rural folks", NULL);
	ok(made, "three partners spell an audience three ways");
	pd_db_set_now(d, TU_NOW);
	pd_report r;
	pd_error err = {0};
	ok(pd_report_build(d, PD_REPORT_AUDIENCES, PD_PERIOD_ALL, &r, &err), "audiences build: %s", err.msg);
	const pd_report_table *t = pd_report_table_find(&r, "by_audience");
	size_t rural = 0;
	for (size_t i = 0; t && i < t->n_rows; i++)
		if (pd_ascii_ncasecmp(t->rows[i].key, "rural folks", 12) == 0)
			rural++;
	is((long)rural, 1, "one row for Rural Folks");
	const pd_report_row *row = pd_report_row_find(t, "Rural Folks");
	long partners = pd_report_column(t, "partners"), micro = pd_report_column(t, "micro");
	is(row && partners >= 0 ? row->values[partners] : -1, 3, "served by three partners");
	is(row && micro >= 0 ? row->values[micro] : -1, 2, "two of them micro");
	row = pd_report_row_find(t, "teens");
	is(row && partners >= 0 ? row->values[partners] : -1, 2, "a configured audience counts every spelling");
	pd_report_finish(&r);

	/* A partner left in a stage the config no longer lists (renamed
	 * there) is in a stage column too, as it has its row in the pipeline:
	 * the stage columns of active partners add up to the partners. */
	int64_t four = rd_partner(d, "Four", "museum", "macro", 10, "rural folks", NULL);
	pd_db_set_now(d, TU_NOW);
	tu_sql(tu_path("spellings.db"), "UPDATE partners SET stage = 'courtship' WHERE id = ?1", four, NULL, 0);
	ok(pd_report_build(d, PD_REPORT_AUDIENCES, PD_PERIOD_ALL, &r, &err), "audiences build: %s", err.msg);
	t = pd_report_table_find(&r, "by_audience");
	row = pd_report_row_find(t, "Rural Folks");
	long court = pd_report_column(t, "courtship"), glance = pd_report_column(t, "glance");
	is(row && court >= 0 ? row->values[court] : -1, 1, "one Rural Folks partner in courtship");
	is(row && glance >= 0 ? row->values[glance] : -1, 3, "three at glance");
	is(row ? row->values[partners] : -1, 4, "four active partners");
	row = pd_report_row_find(t, "teens");
	is(row && court >= 0 ? row->values[court] : -1, 0, "none of teens' partners in courtship");
	pd_report_finish(&r);
	pd_db_close(d);
}

/* Interactions by staff member: "jane" (the OS user) and "Jane" (an
 * imported log) are one person, as are "Émile" and "ÉMILE" beyond ASCII;
 * the row is named as the spelling with the most entries. */
static void test_staff_spellings(void)
{
	pd_db *d = tu_open("staff.db");
	rd_base = TU_NOW;
	int64_t p = rd_partner(d, "One", "museum", "macro", 30, NULL, NULL);
	const char *const by[] = {"jane", "Jane", "Jane", "JANE", "\u00c9mile", "\u00c9MILE", "\u00e9mile",
	                          "\u00c9mile", "\u00c9mile", "bo", "Bo"};
	bool made = p != 0;
	for (size_t i = 0; made && i < sizeof by / sizeof by[0]; i++)
		made = rd_log(d, p, "phone", by[i], 20 - (double)i, 0);
	ok(made, "eleven entries by three people in eight spellings");
	pd_db_set_now(d, TU_NOW);
	pd_report r;
	pd_error err = {0};
	ok(pd_report_build(d, PD_REPORT_ACTIVITY, PD_PERIOD_ALL, &r, &err), "activity builds: %s", err.msg);
	const pd_report_table *t = pd_report_table_find(&r, "by_staff");
	is(t ? (long)t->n_rows : -1, 3, "three staff rows, not eight");
	streq(t && t->n_rows ? t->rows[0].label : "", "\u00c9mile", "\u00c9mile first (5), named as written most");
	is(val(&r, "by_staff", "\u00c9mile", "interactions"), 5, "\u00c9mile, \u00c9MILE and \u00e9mile: 5");
	is(val(&r, "by_staff", "Jane", "interactions"), 4, "jane, Jane, JANE: 4, named Jane (2 of them)");
	is(val(&r, "by_staff", "Bo", "interactions"), 2, "a tie: Bo before bo in byte order");
	long sum = 0;
	for (size_t i = 0; t && i < t->n_rows; i++)
		sum += t->rows[i].values[0];
	is(sum, 11, "every entry counted once");
	pd_report_finish(&r);
	pd_db_close(d);
}

/* A channel the config does not list (an imported log, a YAML backup) is
 * one row and one column however the log spells it, beyond ASCII too,
 * named as the spelling with the most entries; a configured one in
 * another case is the configured one. */
static void test_channel_spellings(void)
{
	pd_db *d = tu_open("channels.db");
	rd_base = TU_NOW;
	int64_t p = rd_partner(d, "One", "museum", "macro", 30, NULL, NULL);
	static const char *const by[] = {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"};
	bool made = p != 0;
	for (size_t i = 0; made && i < sizeof by / sizeof by[0]; i++)
		made = rd_log(d, p, "phone", by[i], 20 - (double)i, 0);
	ok(made, "eight entries");
	tu_sql(tu_path("channels.db"), "UPDATE interactions SET channel = CASE staff "
	       "WHEN 'c1' THEN 'Fax' WHEN 'c2' THEN 'fax' WHEN 'c3' THEN 'fax' WHEN 'c4' THEN 'FAX' "
	       "WHEN 'c5' THEN 't\u00e9l\u00e9copie' WHEN 'c6' THEN 'T\u00c9L\u00c9COPIE' "
	       "WHEN 'c7' THEN 'T\u00c9L\u00c9COPIE' ELSE 'PHONE' END WHERE ?1", 1, NULL, 0);
	pd_db_set_now(d, TU_NOW);
	size_t configured = pd_db_rules(d)->channels.n;
	pd_report r;
	pd_error err = {0};
	ok(pd_report_build(d, PD_REPORT_ACTIVITY, PD_PERIOD_ALL, &r, &err), "activity builds: %s", err.msg);
	is((long)nrows(&r, "by_channel"), (long)configured + 2, "two rows besides the configured channels, not five");
	is(val(&r, "by_channel", "fax", "interactions"), 4, "Fax, fax, FAX: 4, named fax (2 of them)");
	is(val(&r, "by_channel", "T\u00c9L\u00c9COPIE", "interactions"), 3,
	   "t\u00e9l\u00e9copie and T\u00c9L\u00c9COPIE: 3, named as written twice");
	is(val(&r, "by_channel", "phone", "interactions"), 1, "PHONE is the configured phone");
	const pd_report_table *x = pd_report_table_find(&r, "per_month_by_channel");
	is(x ? (long)x->n_columns : -1, (long)configured + 2, "two columns besides the configured channels");
	long fax = pd_report_column(x, "fax"), tel = pd_report_column(x, "T\u00c9L\u00c9COPIE");
	ok(fax >= 0 && tel >= 0, "named as the rows are");
	long sum_fax = 0, sum_tel = 0, sum = 0;
	for (size_t i = 0; x && fax >= 0 && tel >= 0 && i < x->n_rows; i++) {
		sum_fax += x->rows[i].values[fax];
		sum_tel += x->rows[i].values[tel];
		for (size_t k = 0; k < x->n_columns; k++)
			sum += x->rows[i].values[k];
	}
	is(sum_fax, 4, "every fax in its column");
	is(sum_tel, 3, "every t\u00e9l\u00e9copie in its column");
	is(sum, 8, "every entry counted once");
	pd_report_finish(&r);

	/* A stage the config does not list, spelt two ways beyond ASCII, is
	 * one column of the audiences table. */
	int64_t two = rd_partner(d, "Two", "museum", "macro", 10, "teens", NULL);
	int64_t three = rd_partner(d, "Three", "museum", "micro", 10, "teens", NULL);
	pd_db_set_now(d, TU_NOW);
	tu_sql(tu_path("channels.db"), "UPDATE partners SET stage = '\u00e9coute' WHERE id = ?1", two, NULL, 0);
	tu_sql(tu_path("channels.db"), "UPDATE partners SET stage = '\u00c9COUTE' WHERE id = ?1", three, NULL, 0);
	ok(pd_report_build(d, PD_REPORT_AUDIENCES, PD_PERIOD_ALL, &r, &err), "audiences build: %s", err.msg);
	const pd_report_table *t = pd_report_table_find(&r, "by_audience");
	size_t cols = 0;
	for (size_t i = 0; t && i < t->n_columns; i++)
		if (pd_fold_cmp(t->columns[i], "\u00e9coute") == 0)
			cols++;
	is((long)cols, 1, "one column for \u00e9coute and \u00c9COUTE");
	is(val(&r, "by_audience", "teens", "\u00e9coute"), 2, "holding both partners");
	pd_report_finish(&r);
	pd_db_close(d);
}

/* Partners at a stage an old config listed and the current one does not
 * (an imported desk, a YAML backup) are one row of the pipeline's stages
 * however they are spelt, beyond ASCII too, named as most spell it. */
static void test_stage_spellings(void)
{
	pd_db *d = tu_open("stages.db");
	rd_base = TU_NOW;
	static const char *const stage[] = {"Prospect", "prospect", "Prospect", "\u00e9tude", "\u00c9TUDE"};
	int64_t id[5];
	bool made = true;
	for (size_t i = 0; made && i < 5; i++) {
		char name[16];
		snprintf(name, sizeof name, "P%zu", i);
		made = (id[i] = rd_partner(d, name, "museum", "macro", 10, NULL, NULL)) != 0;
	}
	ok(made, "five partners");
	for (size_t i = 0; made && i < 5; i++) {
		char sql[96];
		snprintf(sql, sizeof sql, "UPDATE partners SET stage = '%s' WHERE id = ?1", stage[i]);
		tu_sql(tu_path("stages.db"), sql, id[i], NULL, 0);
	}
	pd_db_set_now(d, TU_NOW);
	size_t configured = pd_db_rules(d)->n_stages;
	pd_report r;
	pd_error err = {0};
	ok(pd_report_build(d, PD_REPORT_PIPELINE, PD_PERIOD_ALL, &r, &err), "pipeline builds: %s", err.msg);
	is((long)nrows(&r, "stages"), (long)configured + 2, "two rows besides the configured stages, not four");
	is(val(&r, "stages", "Prospect", "partners"), 3, "Prospect and prospect: 3, named Prospect (2 of them)");
	is(val(&r, "stages", "\u00c9TUDE", "partners"), 2, "\u00e9tude and \u00c9TUDE: 2, a tie named in byte order");
	pd_report_finish(&r);
	pd_db_close(d);
}

/* The activity report reads the log in one pass over its table: a walk of
 * the index on at fetches every entry's page at random (2.8 s for the
 * million entries of a 100,000-partner desk, 0.5 s in one pass). */
static void test_activity_plan(void)
{
	static const pd_report_period periods[] = {PD_PERIOD_ALL, PD_PERIOD_YEAR};
	for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
		pd_report r;
		pd_strv plans = {0};
		ok(pd_db_explain_start(db), "recording query plans");
		bool built = build(PD_REPORT_ACTIVITY, periods[i], &r);
		pd_db_explain_stop(db, &plans);
		ok(built, "activity (%s) builds", pd_report_period_name(periods[i]));
		int walks = 0;
		for (size_t k = 0; k < plans.n; k++) {
			if (strstr(plans.v[k], "USING INDEX interactions_by_at")) {
				printf("# %s\n", plans.v[k]);
				walks++;
			}
		}
		is(walks, 0, "activity (%s) does not walk the log by the at index", pd_report_period_name(periods[i]));
		is(val(&r, "per_month", "2026-11", "interactions"), 3, "and counts 3 in November");
		pd_strv_clear(&plans);
		if (built)
			pd_report_finish(&r);
	}
}

/* Interactions count in the local month they happened in, at a month's
 * edge under a change of summer time (New York left it on 1 Nov 2026) and
 * in a zone half an hour off the hour (Kolkata, UTC+5:30). */
static void test_activity_month_edges(void)
{
	static const struct {
		const char *tz, *at, *month;
	} cases[] = {
		{"America/New_York", "2026-11-01T03:59:59Z", "2026-10"},   /* 31 Oct 23:59 EDT */
		{"America/New_York", "2026-11-01T04:00:00Z", "2026-11"},   /* 1 Nov 00:00 EDT */
		{"America/New_York", "2026-03-01T04:59:59Z", "2026-02"},   /* 28 Feb 23:59 EST */
		{"America/New_York", "2026-03-01T05:00:00Z", "2026-03"},
		{"Asia/Kolkata", "2026-09-30T18:29:59Z", "2026-09"},
		{"Asia/Kolkata", "2026-09-30T18:30:00Z", "2026-10"},       /* 1 Oct 00:00 IST */
		{"Europe/London", "2025-12-31T23:59:59Z", "2025-12"},
		{"Europe/London", "2026-01-01T00:00:00Z", "2026-01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		setenv("TZ", cases[i].tz, 1);
		tzset();
		char name[32];
		snprintf(name, sizeof name, "edges%zu.db", i);
		pd_db *d = tu_open(name);
		rd_base = when("2026-11-20T12:00:00Z");
		int64_t id = rd_partner(d, "Edge Library", "library", "micro", 400, NULL, NULL);
		pd_db_set_now(d, rd_base);
		pd_interaction it = {.partner_id = id};
		snprintf(it.at, sizeof it.at, "%s", cases[i].at);
		it.channel = strdup("phone");
		it.text = strdup("a call at the month's edge");
		pd_error err = {0};
		ok(id && pd_interaction_insert(d, &it, &err), "a call at %s: %s", cases[i].at, err.msg);
		pd_interaction_finish(&it);
		pd_report r;
		ok(pd_report_build(d, PD_REPORT_ACTIVITY, PD_PERIOD_ALL, &r, &err), "activity builds: %s", err.msg);
		const pd_report_table *t = pd_report_table_find(&r, "per_month");
		const pd_report_row *row = pd_report_row_find(t, cases[i].month);
		is(row ? row->values[0] : -1, 1, "in %s it counts in %s", cases[i].tz, cases[i].month);
		streq(t && t->n_rows ? t->rows[0].key : "", cases[i].month, "the first month shown");
		pd_report_finish(&r);
		pd_db_close(d);
	}
	setenv("TZ", "UTC", 1);
	tzset();
}

/* Days in a stage and days quiet are local calendar days, as every age:
 * added 31 Jan 10:00, moved 1 Mar 09:00 is 29 days in glance (not the 28
 * that 24-hour periods give); a call 91 dates ago is 91 days quiet. */
static void test_calendar_days(void)
{
	setenv("TZ", "Europe/London", 1);
	tzset();
	pd_db *cal = tu_open("calendar.db");
	rd_base = when("2026-03-02T12:00:00Z");
	int64_t id = rd_partner(cal, "Calendar Museum", "museum", "macro",
	                        (double)(rd_base - when("2026-01-31T10:00:00Z")) / RD_DAY, NULL, NULL);
	ok(id && rd_move(cal, id, "date", (double)(rd_base - when("2026-03-01T09:00:00Z")) / RD_DAY, 0, NULL),
	   "added 31 Jan 10:00, moved to date 1 Mar 09:00");
	pd_db_set_now(cal, rd_base);
	pd_report r;
	pd_error err = {0};
	ok(pd_report_build(cal, PD_REPORT_PIPELINE, PD_PERIOD_ALL, &r, &err), "pipeline builds: %s", err.msg);
	const pd_report_table *t = pd_report_table_find(&r, "stage_days");
	const pd_report_row *g = pd_report_row_find(t, "glance");
	long c = pd_report_column(t, "median_days");
	is(g && c >= 0 ? g->values[c] : -1, 29, "29 calendar days in glance");
	pd_report_finish(&r);

	/* a call on 28 Aug 17:00 BST; the report at 09:00 GMT on 27 Nov */
	ok(rd_log(cal, id, "phone", "ann", (double)(rd_base - when("2026-08-28T16:00:00Z")) / RD_DAY, 0),
	   "a call logged on 28 Aug");
	pd_db_set_now(cal, when("2026-11-27T09:00:00Z"));
	ok(pd_report_build(cal, PD_REPORT_ATTENTION, PD_PERIOD_ALL, &r, &err), "attention builds: %s", err.msg);
	t = pd_report_table_find(&r, "stale");
	ok(t && t->n_rows == 1, "91 calendar days quiet is stale (90 days and 17 hours)");
	is(t && t->n_rows ? t->rows[0].values[0] : -1, 91, "quiet 91 days");
	pd_report_finish(&r);
	pd_db_close(cal);
	setenv("TZ", "UTC", 1);
	tzset();
}

int main(void)
{
	tu_tmpdir();
	db = tu_open("report.db");
	ok(rd_fill(db, TU_NOW), "the data set is built");
	test_names();
	test_bars();
	test_fit_line();
	test_pipeline();
	test_activity();
	test_audiences();
	test_attention();
	test_calendar_days();
	test_audience_spellings();
	test_staff_spellings();
	test_channel_spellings();
	test_stage_spellings();
	test_activity_plan();
	test_activity_month_edges();
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
