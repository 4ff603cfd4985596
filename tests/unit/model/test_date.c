/* Unit tests of dates as typed and stored: every DATE form, month-end
 * clamping, weekdays strictly after today, ISO times and day arithmetic. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/date.h"

static void parse_is(const char *text, time_t now, const char *want)
{
	char out[PD_DATE_LEN] = "";
	pd_error err = {0};
	bool ok = pd_date_parse(text, now, out, &err);
	if (!ok)
		printf("# %s\n", err.msg);
	streq(ok ? out : NULL, want, "\"%s\" is %s", text, want);
}

static time_t at(const char *iso)
{
	time_t t = 0;
	if (!pd_time_parse(iso, &t))
		printf("# bad fixture %s\n", iso);
	return t;
}

/* pd_when_parse: when a call happened, one parser for the log form and
 * `log --at`. */
static void when_is(const char *text, time_t now, const char *want)
{
	char out[PD_TIME_LEN] = "";
	pd_error err = {0};
	bool ok = pd_when_parse(text, now, out, &err);
	if (!ok)
		printf("# %s\n", err.msg);
	if (want)
		streq(ok ? out : NULL, want, "when \"%s\" is %s", text, want);
	else
		ok(!ok, "when \"%s\" is refused", text);
}

static void test_when(time_t now)
{
	when_is("now", now, "2026-11-23T14:05:00Z");
	when_is("", now, "2026-11-23T14:05:00Z");
	when_is("yesterday 15:00", now, "2026-11-22T15:00:00Z");
	when_is("Yesterday  09:30", now, "2026-11-22T09:30:00Z");
	when_is("yesterday", now, "2026-11-22T12:00:00Z");
	when_is("today", now, "2026-11-23T14:05:00Z");
	when_is("today 08:15", now, "2026-11-23T08:15:00Z");
	when_is("2026-11-20 14:30", now, "2026-11-20T14:30:00Z");
	when_is("-3d", now, "2026-11-20T12:00:00Z");
	/* a day said with its month, alone or with a time, the last such day
	 * (it was "dec" at 3, "give the time as HH:MM") */
	when_is("nov 20", now, "2026-11-20T12:00:00Z");
	when_is("Nov 20 15:00", now, "2026-11-20T15:00:00Z");
	when_is("20 nov  9:30", now, "2026-11-20T09:30:00Z");
	when_is("dec 3", now, "2025-12-03T12:00:00Z");   /* the last one, as "fri" */
	/* 29 February: the last within a year, else refused (it was the
	 * 2024 one, or "give the time as HH:MM") */
	when_is("feb 29", at("2028-06-01T10:00:00Z"), "2028-02-29T12:00:00Z");
	when_is("feb 29", now, NULL);
	when_is("29 feb 10:00", now, NULL);
	when_is("nov 23 09:00", now, "2026-11-23T09:00:00Z");
	/* A day that is none is said so, not read as a day and a time
	 * ("31" at "feb" o'clock: "give the time as HH:MM"). */
	{
		const char *const none[] = { "31 feb", "feb 29 2027", "sept 31", "31 feb 10:00" };
		for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
			char w[PD_TIME_LEN];
			pd_error e = { 0 };
			bool took = pd_when_parse(none[i], now, w, &e);
			ok(!took && strstr(e.msg, "is no such day; write it as YYYY-MM-DD"),
			   "When '%s': no such day (%s)", none[i], took ? w : e.msg);
		}
	}
	when_is("2026-11-01T10:00:00Z", now, "2026-11-01T10:00:00Z");
	/* a call logged has happened: nothing after today; later today is
	 * clock slack between desks, and a weekday is the last such day */
	when_is("tomorrow", now, NULL);
	when_is("2026-11-24T00:00:00Z", now, NULL);
	when_is("2027-11-20 10:00", now, NULL);
	when_is("today 15:00", now, "2026-11-23T15:00:00Z");
	/* a time alone is today's; a time alone later today is clock slack,
	 * as "today 15:00" is, and one past midnight's end is no time */
	when_is("09:30", now, "2026-11-23T09:30:00Z");
	when_is(" 9:05 ", now, "2026-11-23T09:05:00Z");
	when_is("15:00", now, "2026-11-23T15:00:00Z");
	when_is("24:00", now, NULL);
	when_is("9:5x", now, NULL);
	when_is("123:00", now, NULL);
	when_is("2026-11-23T14:06:00Z", now, "2026-11-23T14:06:00Z");
	when_is("fri", now, "2026-11-20T12:00:00Z");
	when_is("Fri 09:30", now, "2026-11-20T09:30:00Z");
	when_is("mon", now, "2026-11-23T14:05:00Z");
	when_is("sun", now, "2026-11-22T12:00:00Z");
	/* As said on a call: the last weekday, days ago, twelve-hour times
	 * (each was refused, "give the time as HH:MM"). */
	/* as read off an email, eight words at most (seven were refused) */
	when_is("Saturday 21st November 2026 at 3:30 pm", now, "2026-11-21T15:30:00Z");
	when_is("Wednesday 30th September 2026 at 3:30 pm", now, "2026-09-30T15:30:00Z");
	when_is("Saturday 21st November 2026 at 3:30 pm sharp", now, NULL);
	when_is("last fri", now, "2026-11-20T12:00:00Z");
	when_is("Last Friday 9:30am", now, "2026-11-20T09:30:00Z");
	/* "last mon" said on a Monday is the one a week ago, as GNU date has
	 * it; "mon" alone is still today (it was today too, a week off). */
	when_is("last mon", now, "2026-11-16T12:00:00Z");
	when_is("LAST MONDAY 3pm", now, "2026-11-16T15:00:00Z");
	when_is("last sun", now, "2026-11-22T12:00:00Z");
	when_is("mon 09:00", now, "2026-11-23T09:00:00Z");
	when_is("2 days ago", now, "2026-11-21T12:00:00Z");
	when_is("two days ago 14:00", now, "2026-11-21T14:00:00Z");
	when_is("a week ago", now, "2026-11-16T12:00:00Z");
	when_is("last week", now, "2026-11-16T12:00:00Z");
	when_is("yesterday 3pm", now, "2026-11-22T15:00:00Z");
	when_is("yesterday 3 PM", now, "2026-11-22T15:00:00Z");
	when_is("yesterday 3:45 p.m.", now, "2026-11-22T15:45:00Z");
	when_is("10am", now, "2026-11-23T10:00:00Z");
	when_is("12am", now, "2026-11-23T00:00:00Z");
	when_is("12pm", now, "2026-11-23T12:00:00Z");
	when_is("noon", now, "2026-11-23T12:00:00Z");
	when_is("nov 20 4:15pm", now, "2026-11-20T16:15:00Z");
	/* "at" before the time, and minutes or hours ago, as said of a call
	 * just ended (each was "give the time as HH:MM"). */
	when_is("yesterday at 3pm", now, "2026-11-22T15:00:00Z");
	when_is("last fri at 09:30", now, "2026-11-20T09:30:00Z");
	when_is("at 10am", now, "2026-11-23T10:00:00Z");
	when_is("10 mins ago", now, "2026-11-23T13:55:00Z");
	when_is("an hour ago", now, "2026-11-23T13:05:00Z");
	when_is("two hours ago", now, "2026-11-23T12:05:00Z");
	when_is("1 minute ago", now, "2026-11-23T14:04:00Z");
	/* A weekday before the day, as read off an email, looking back. */
	when_is("sat 21 nov", now, "2026-11-21T12:00:00Z");
	when_is("Saturday 21st November at 3pm", now, "2026-11-21T15:00:00Z");
	when_is("fri 21 nov", now, NULL);
	{
		pd_error err = {0};
		char out[PD_TIME_LEN];
		ok(!pd_when_parse("fri 21 nov 10:00", now, out, &err) &&
			strstr(err.msg, "2026-11-21 is a Saturday, not a Friday"), "a weekday not the day's is named: %s",
			err.msg);
	}
	when_is("at", now, NULL);
	when_is("yesterday at", now, NULL);
	when_is("10 secs ago", now, NULL);
	when_is("hour ago", now, NULL);
	when_is("13pm", now, NULL);
	when_is("0am", now, NULL);
	when_is("3:60pm", now, NULL);
	when_is("3pmx", now, NULL);
	when_is("in 2 days", now, NULL);
	when_is("2 days", now, NULL);
	when_is("last", now, NULL);
	when_is("ago", now, NULL);
	/* "2 ago", the unit left out, was 2 August ("ago" starts the
	 * Spanish agosto): refused, naming the forms meant. */
	when_is("2 ago", now, NULL);
	when_is("ago 2", now, NULL);
	when_is("two ago 3pm", now, NULL);
	when_is("2 ago.", now, NULL);
	{
		pd_error err = {0};
		char out[PD_TIME_LEN];
		ok(!pd_when_parse("2 ago", now, out, &err) && strstr(err.msg, "2 days ago")
			&& strstr(err.msg, "2 aug is the 2nd of August"), "\"2 ago\" names 2 days ago: %s", err.msg);
	}
	when_is("2 agosto", now, "2026-08-02T12:00:00Z");   /* the Spanish month written out */
	/* A tab, or the no-break space an email puts in, between the words
	 * as pasted splits them as a space does (each was refused). */
	when_is("yesterday\t15:00", now, "2026-11-22T15:00:00Z");
	when_is("last\tfri", now, "2026-11-20T12:00:00Z");
	when_is("2\tdays ago", now, "2026-11-21T12:00:00Z");
	when_is("10\tmins ago", now, "2026-11-23T13:55:00Z");
	when_is("yesterday 3:30\xe2\x80\xafpm", now, "2026-11-22T15:30:00Z");
	when_is("21\xc2\xa0nov", now, "2026-11-21T12:00:00Z");
	/* not a time */
	when_is("yesterday 25:00", now, NULL);
	when_is("someday", now, NULL);
	when_is("yesterday at 3", now, NULL);
	pd_error err = {0};
	char out[PD_TIME_LEN];
	ok(!pd_when_parse("tomorrow", now, out, &err) && strstr(err.msg, "after today"),
		"a future time is refused saying so: %s", err.msg);
	/* A day alone is said back as the day, not as the noon it stands for;
	 * a time typed is said back with its time. */
	ok(!pd_when_parse("+1d", now, out, &err) && strcmp(err.msg, "'+1d' is after today (2026-11-24)") == 0,
		"a day alone typed is said back as a day: %s", err.msg);
	ok(!pd_when_parse("tomorrow 09:30", now, out, &err) &&
		strcmp(err.msg, "'tomorrow 09:30' is after today (2026-11-24 09:30)") == 0,
		"a day and a time typed keep the time: %s", err.msg);
}

/* Ages in days count local calendar dates, not 24-hour periods: the
 * seconds between two times say nothing of how many midnights passed. */
static void days_is(const char *from, const char *to, long want, const char *why)
{
	long got = pd_time_days_between(at(from), at(to));
	ok(got == want, "%s: %s -> %s is %ld days (got %ld)", why, from, to, want, got);
}

static void test_days_between(void)
{
	setenv("TZ", "Europe/London", 1);
	tzset();
	/* Friday 27 Nov 2026, 09:00 GMT */
	days_is("2026-11-26T17:00:00Z", "2026-11-27T09:00:00Z", 1, "London: yesterday evening");
	days_is("2026-11-27T00:30:00Z", "2026-11-27T09:00:00Z", 0, "London: early today");
	days_is("2026-10-27T17:00:00Z", "2026-11-27T09:00:00Z", 31, "London: 27 Oct to 27 Nov");
	days_is("2026-11-27T09:00:00Z", "2026-11-26T17:00:00Z", -1, "London: backwards");
	/* clocks go forward 29 Mar 2026: 23:30 GMT to 23:30 BST is 23 hours */
	days_is("2026-03-28T23:30:00Z", "2026-03-29T22:30:00Z", 1, "London: across spring forward");
	/* clocks go back 25 Oct 2026: 00:30 BST to 23:59 GMT is one day, 24.5 hours */
	days_is("2026-10-24T23:30:00Z", "2026-10-25T23:59:00Z", 0, "London: the fall-back day");
	/* a stay that began in summer time and ended in winter time */
	days_is("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 1, "London: BST 23:00 to GMT 23:00");
	/* month and year ends */
	days_is("2026-01-31T10:00:00Z", "2026-03-01T09:00:00Z", 29, "London: 31 Jan to 1 Mar");
	days_is("2028-02-28T12:00:00Z", "2028-03-01T08:00:00Z", 2, "London: leap February");
	days_is("2026-12-31T23:00:00Z", "2027-01-01T01:00:00Z", 1, "London: a year end");
	days_is("2026-04-30T23:59:00Z", "2026-05-01T00:00:00Z", 0, "London: 30 Apr 23:59 GMT is 1 May in BST");

	setenv("TZ", "America/New_York", 1);
	tzset();
	/* 9:00 EST is 14:00 UTC */
	days_is("2026-11-26T22:00:00Z", "2026-11-27T14:00:00Z", 1, "New York: yesterday 17:00");
	days_is("2026-11-27T04:30:00Z", "2026-11-27T14:00:00Z", 1, "New York: 23:30 last night (the same UTC date)");
	days_is("2026-11-27T13:00:00Z", "2026-11-28T01:00:00Z", 0, "New York: 08:00 to 20:00 (another UTC date)");
	/* clocks go forward 8 Mar 2026 */
	days_is("2026-03-08T04:30:00Z", "2026-03-09T03:30:00Z", 1, "New York: across spring forward");
	/* clocks go back 1 Nov 2026: 00:30 EDT to 23:30 EST is 24 hours, one date */
	days_is("2026-11-01T04:30:00Z", "2026-11-02T04:30:00Z", 0, "New York: the fall-back day");
	days_is("2026-02-28T17:00:00Z", "2026-03-31T14:00:00Z", 31, "New York: 28 Feb to 31 Mar");
	/* An audit detail's UTC time, shown to a person in New York. */
	struct { const char *in, *out; } texts[] = {
		{ "phone with Harbor Science Center at 2026-11-24T08:16:45Z",
		  "phone with Harbor Science Center at 2026-11-24 03:16" },
		{ "visit with A at 2026-07-01T02:00:00Z: met 2026-07-01T03:00:00Z",
		  "visit with A at 2026-06-30 22:00: met 2026-06-30 23:00" },
		{ "no time here", "no time here" },
		{ "", "" },
		{ "a date alone 2026-11-24 stays", "a date alone 2026-11-24 stays" },
		{ "cut short 2026-11-24T08:16:4", "cut short 2026-11-24T08:16:4" },
		{ "not a time 2026-13-45T99:99:99Z", "not a time 2026-13-45T99:99:99Z" },
		{ "inside a word x2026-11-24T08:16:45Z", "inside a word x2026-11-24T08:16:45Z" },
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		char *got = pd_time_local_in_text(texts[i].in);
		streq(got ? got : "(null)", texts[i].out, "local in text: \"%s\"", texts[i].in);
		free(got);
	}

	setenv("TZ", "UTC", 1);
	tzset();
	days_is("2026-11-26T23:59:59Z", "2026-11-27T00:00:00Z", 1, "UTC: a second before midnight");

	/* weekdays, ISO: Monday 1 ... Sunday 7 */
	ok(pd_date_weekday("2026-11-23") == 1, "2026-11-23 is a Monday");
	ok(pd_date_weekday("2026-11-27") == 5, "2026-11-27 is a Friday");
	ok(pd_date_weekday("2026-11-29") == 7, "2026-11-29 is a Sunday");
	ok(pd_date_weekday("2000-02-29") == 2, "2000-02-29 was a Tuesday");
	ok(pd_date_weekday("1969-12-31") == 3, "1969-12-31 was a Wednesday");
	ok(pd_date_weekday("2026-02-30") == 0 && pd_date_weekday("friday") == 0, "not a date: 0");
}

/* The dates people say that were refused: a typo of a date word asks
 * for the word, "end of month" and "friday week" read as meant, a day
 * and month in figures with no year taken when one reading alone is a
 * day and refused naming both when it may be either ("3/12"). */
static void test_said(time_t now)
{
	/* now: Monday 2026-11-23 */
	parse_is("end of month", now, "2026-11-30");
	parse_is("End of the month", now, "2026-11-30");
	parse_is("end of this month", now, "2026-11-30");
	parse_is("end of next month", now, "2026-12-31");
	parse_is("end of last month", now, "2026-10-31");
	parse_is("end of next month", at("2027-01-31T12:00:00Z"), "2027-02-28");
	parse_is("end of month", at("2026-11-30T12:00:00Z"), "2026-11-30");   /* today, on the last day */
	parse_is("end of week", now, "2026-11-27");                           /* the working week's Friday */
	parse_is("end of week", at("2026-11-27T12:00:00Z"), "2026-11-27");  /* today, on a Friday */
	parse_is("end of week", at("2026-11-28T12:00:00Z"), "2026-12-04");  /* the coming one on a Saturday */
	parse_is("end of next week", now, "2026-12-04");
	parse_is("end of year", now, "2026-12-31");
	parse_is("end of next year", now, "2027-12-31");
	/* And the starts: "call back at the start of next month". */
	parse_is("start of next month", now, "2026-12-01");
	parse_is("Beginning of next month", now, "2026-12-01");
	parse_is("start of the month", now, "2026-11-01");
	parse_is("start of next month", at("2026-12-15T12:00:00Z"), "2027-01-01");
	parse_is("start of next week", now, "2026-11-30");                     /* Monday */
	parse_is("start of week", at("2026-11-26T12:00:00Z"), "2026-11-23");   /* this working week's */
	parse_is("start of week", at("2026-11-28T12:00:00Z"), "2026-11-30");   /* the coming one on a Saturday */
	/* On a weekend the week to come is "next week": not the one after. */
	parse_is("start of next week", at("2026-11-28T12:00:00Z"), "2026-11-30");
	parse_is("end of next week", at("2026-11-29T12:00:00Z"), "2026-12-04");
	parse_is("start of next week", at("2026-11-27T12:00:00Z"), "2026-11-30");   /* a Friday: as any weekday */
	parse_is("end of next week", at("2026-11-27T12:00:00Z"), "2026-12-04");
	parse_is("beginning of next year", now, "2027-01-01");
	{
		char fixed[32], out[PD_DATE_LEN];
		ok(pd_date_typo("strat of next month", now, fixed, out) && strcmp(fixed, "start of next month") == 0 &&
		   strcmp(out, "2026-12-01") == 0, "\"strat of next month\" asks for \"start of next month\"");
	}
	/* British "Friday week": a week after the coming Friday, as GNU date
	 * reads "fri week" (on a Friday, a week today). */
	parse_is("friday week", now, "2026-12-04");
	parse_is("Fri week", now, "2026-12-04");
	parse_is("a week on friday", now, "2026-12-04");
	parse_is("a week friday", now, "2026-12-04");
	parse_is("friday week", at("2026-11-27T12:00:00Z"), "2026-12-04");
	parse_is("a week today", now, "2026-11-30");
	parse_is("tomorrow week", now, "2026-12-01");
	static const char *const not_ends[] = { "end of", "end of fortnight", "end of the next month x", "start of",
		"beginning of fortnight", "start next month",
		"week", "octopus week", "end month", NULL };
	for (int i = 0; not_ends[i]; i++) {
		char out[PD_DATE_LEN];
		ok(!pd_date_parse(not_ends[i], now, out, NULL), "\"%s\" is refused", not_ends[i]);
	}

	/* A typo of a date word asks for it. */
	static const struct { const char *typed, *meant, *date; } typos[] = {
		{ "tommorow", "tomorrow", "2026-11-24" }, { "Tomorow", "tomorrow", "2026-11-24" },
		{ "yesterdy", "yesterday", "2026-11-22" }, { "fridy week", "friday week", "2026-12-04" },
		{ "nextt friday", "next friday", "2026-11-27" }, { "end of mnoth", "end of month", "2026-11-30" },
		{ "in 2 weks", "in 2 weeks", "2026-12-07" },
	};
	for (size_t i = 0; i < sizeof typos / sizeof *typos; i++) {
		char out[PD_DATE_LEN] = "", fixed[32] = "";
		pd_error err = {0};
		char want[96];
		snprintf(want, sizeof want, "did you mean \"%s\"", typos[i].meant);
		ok(!pd_date_parse(typos[i].typed, now, out, &err) && strstr(err.msg, want) &&
		   strstr(err.msg, typos[i].date), "\"%s\" asks for \"%s\": %s", typos[i].typed, typos[i].meant, err.msg);
		ok(pd_date_typo(typos[i].typed, now, fixed, out) && !strcmp(fixed, typos[i].meant) &&
		   !strcmp(out, typos[i].date), "pd_date_typo(\"%s\") is %s %s", typos[i].typed, fixed, out);
	}
	/* Words that are not a date word cut short or run on, and would
	 * be another day if taken for one: "next weekend" is no "next week",
	 * "fridayweek" no "friday", minutes no months. */
	static const char *const no_typo[] = { "octopus", "tom", "tomorrow", "harbor", "2026-13-01",
		"next weekend", "this weekend", "fridayweek", "tomorrowweek", "in 2 minute", "someday", NULL };
	for (int i = 0; no_typo[i]; i++) {
		char out[PD_DATE_LEN], fixed[32];
		ok(!pd_date_typo(no_typo[i], now, fixed, out), "\"%s\" is no typo of a date word", no_typo[i]);
	}

	/* A day and month in figures with no year. */
	parse_is("24/11", now, "2026-11-24");
	parse_is("11/24", now, "2026-11-24");
	parse_is("22/11", now, "2027-11-22");   /* the next, as "nov 22" */
	parse_is("31.12", now, "2026-12-31");
	parse_is("5/5", now, "2027-05-05");     /* the same day either way */
	static const char *const dm_bad[] = { "3-12", "13/13", "2/30", "0/5", "123/4", "3/12/", NULL };
	for (int i = 0; dm_bad[i]; i++) {
		char out[PD_DATE_LEN];
		ok(!pd_date_parse(dm_bad[i], now, out, NULL), "\"%s\" is refused", dm_bad[i]);
	}
	{
		char out[PD_DATE_LEN], one[PD_DATE_LEN], other[PD_DATE_LEN];
		pd_error err = {0};
		ok(!pd_date_parse("3/12", now, out, &err) && strstr(err.msg, "3 December") &&
		   strstr(err.msg, "12 March") && strstr(err.msg, "2026-12-03") && strstr(err.msg, "2027-03-12") &&
		   strstr(err.msg, "Dec 3") && strstr(err.msg, "Mar 12") && strstr(err.msg, "YYYY-MM-DD"),
		   "\"3/12\" is refused naming both readings and the forms to write: %s", err.msg);
		ok(pd_date_day_or_month("3/12", now, one, other) && !strcmp(one, "2026-12-03") &&
		   !strcmp(other, "2027-03-12"), "3/12 is 3 December or 12 March");
		ok(!pd_date_day_or_month("24/11", now, one, other), "24/11 is one day");
		ok(!pd_date_day_or_month("5/5", now, one, other), "5/5 is one day");
		/* as the year-first form: unchanged */
		ok(!pd_date_parse("03/12/2026", now, out, &err) && strstr(err.msg, "2026-12-03 or 2026-03-12"),
		   "03/12/2026 still names both: %s", err.msg);
		/* when a call happened: the last such days */
		pd_error werr = {0};
		char iso[PD_TIME_LEN];
		ok(!pd_when_parse("3/12", now, iso, &werr) && strstr(werr.msg, "2025-12-03") &&
		   strstr(werr.msg, "2026-03-12"), "when \"3/12\" names the last of both: %s", werr.msg);
		ok(!pd_when_parse("yesterdy 15:00", now, iso, &werr) && strstr(werr.msg, "yesterday 15:00"),
		   "when \"yesterdy 15:00\" asks for yesterday: %s", werr.msg);
	}
	when_is("24/11", now, "2025-11-24T12:00:00Z");
	when_is("22/11 15:00", now, "2026-11-22T15:00:00Z");
	when_is("end of last month", now, "2026-10-31T12:00:00Z");
}

int main(void)
{
	tu_tmpdir();   /* sets TZ=UTC */
	time_t now = TU_NOW;   /* Monday 2026-11-23 14:05 UTC */
	char d[PD_DATE_LEN];
	pd_date_today(now, d);
	streq(d, "2026-11-23", "today from the pinned clock");

	parse_is("2026-12-01", now, "2026-12-01");
	parse_is("  2026-12-01 ", now, "2026-12-01");
	parse_is("today", now, "2026-11-23");
	parse_is("TODAY", now, "2026-11-23");
	parse_is("tomorrow", now, "2026-11-24");
	parse_is("yesterday", now, "2026-11-22");
	parse_is("mon", now, "2026-11-30");       /* strictly after today */
	parse_is("monday", now, "2026-11-30");
	parse_is("tue", now, "2026-11-24");
	parse_is("fri", now, "2026-11-27");
	parse_is("Friday", now, "2026-11-27");
	parse_is("sun", now, "2026-11-29");
	parse_is("thurs", now, "2026-11-26");
	parse_is("weds", now, "2026-11-25");   /* as tues and thurs are taken */
	parse_is("+3d", now, "2026-11-26");
	parse_is("+3", now, "2026-11-26");
	parse_is("+2w", now, "2026-12-07");
	parse_is("+1m", now, "2026-12-23");
	parse_is("+1y", now, "2027-11-23");
	parse_is("-1d", now, "2026-11-22");
	parse_is("-2w", now, "2026-11-09");
	parse_is("-1m", now, "2026-10-23");
	parse_is("+0d", now, "2026-11-23");
	parse_is("+40d", now, "2027-01-02");
	/* The offsets said aloud on a call, as the typed forms (they were
	 * "not a date"); "next fri" is the coming Friday, as "fri" and GNU
	 * date have it. */
	parse_is("next fri", now, "2026-11-27");
	parse_is("next\tfri", now, "2026-11-27");   /* a tab as pasted: it was "not a date" */
	parse_is("this\tfri", now, "2026-11-27");
	parse_is("in\t2 weeks", now, "2026-12-07");
	parse_is("5\xc2\xa0" "dec", now, "2026-12-05");
	parse_is("sat\t5 dec", now, "2026-12-05");
	parse_is("\t2026-11-20\t", now, "2026-11-20");
	/* "2 ago" was the next 2 August; refused, naming the form. */
	{
		pd_error err = {0};
		char out[PD_DATE_LEN];
		ok(!pd_date_parse("ago 2", now, out, NULL), "\"ago 2\" is refused");
		ok(!pd_date_parse("2 ago", now, out, &err) && strstr(err.msg, "-2d for 2 days back"),
		   "\"2 ago\" is refused, naming -2d: %s", err.msg);
	}
	parse_is("2 agosto", now, "2027-08-02");
	parse_is("Next Monday", now, "2026-11-30");
	parse_is("next  tue", now, "2026-11-24");
	parse_is("in 2 weeks", now, "2026-12-07");
	parse_is("2 weeks", now, "2026-12-07");
	parse_is("in two weeks", now, "2026-12-07");
	parse_is("in a fortnight", now, "2026-12-07");
	parse_is("in 3 days", now, "2026-11-26");
	parse_is("in a day", now, "2026-11-24");
	parse_is("in a month", now, "2026-12-23");
	parse_is("six months", now, "2027-05-23");
	parse_is("in 1 year", now, "2027-11-23");
	parse_is("next week", now, "2026-11-30");
	parse_is("next month", now, "2026-12-23");
	parse_is("next year", now, "2027-11-23");
	parse_is("in 0 days", now, "2026-11-23");
	/* As said on a call or read off an email, each "not a date" before:
	 * "in 2 weeks' time", "2 weeks from now", "this fri" (today on the
	 * day itself, where "fri" alone is a week on), a weekday before the
	 * day it is, "the 3rd of December". */
	parse_is("in 2 weeks time", now, "2026-12-07");
	parse_is("in 2 weeks' time", now, "2026-12-07");
	parse_is("in two weeks\xe2\x80\x99 time", now, "2026-12-07");
	parse_is("2 weeks from now", now, "2026-12-07");
	parse_is("in a week's time", now, "2026-11-30");
	parse_is("in a month\xe2\x80\x99s time", now, "2026-12-23");
	parse_is("a month from today", now, "2026-12-23");
	parse_is("this fri", now, "2026-11-27");
	parse_is("This Monday", now, "2026-11-23");
	parse_is("mon", now, "2026-11-30");
	parse_is("sat 5 dec", now, "2026-12-05");
	parse_is("Saturday, 5th December", now, "2026-12-05");
	parse_is("sat. dec 5", now, "2026-12-05");
	parse_is("thu 3 dec 2026", now, "2026-12-03");
	parse_is("the 3rd of December", now, "2026-12-03");
	parse_is("3rd of dec", now, "2026-12-03");
	{
		pd_error err = {0};
		char out[PD_DATE_LEN];
		ok(!pd_date_parse("fri 5 dec", now, out, &err) &&
			strcmp(err.msg, "\"fri 5 dec\": 2026-12-05 is a Saturday, not a Friday; type the date "
			       "alone, or the weekday alone, whichever is meant") == 0,
			"a weekday that is not the day's is refused, naming the day's: %s", err.msg);
		ok(pd_date_weekday_clash("Fri 5 Dec", now, out) && strcmp(out, "2026-12-05") == 0,
			"and pd_date_weekday_clash names the day: %s", out);
		ok(!pd_date_weekday_clash("sat 5 dec", now, out) && !pd_date_weekday_clash("dec 5", now, out),
			"a weekday that is the day's, or none, is no clash");
		ok(!pd_date_parse("fri 31 feb", now, out, &err) && strstr(err.msg, "no such day"),
			"a weekday before a day that is none says the day is none: %s", err.msg);
	}

	/* A day and a month said on the phone, either way round, in the
	 * languages pd_month_parse knows; no year: as a weekday, the next
	 * such day, today included. They were "not a date". */
	parse_is("dec 3", now, "2026-12-03");
	parse_is("Dec 3", now, "2026-12-03");
	parse_is("3 December", now, "2026-12-03");
	parse_is("3rd Dec.", now, "2026-12-03");
	parse_is("December 3RD", now, "2026-12-03");
	parse_is("Dec 3, 2027", now, "2027-12-03");
	parse_is("3 dec 2025", now, "2025-12-03");
	parse_is("3 déc", now, "2026-12-03");
	parse_is("3 rhagfyr", now, "2026-12-03");
	parse_is("3 März", now, "2027-03-03");
	parse_is("jun 30", now, "2027-06-30");     /* a school year's end, ahead */
	parse_is("nov 23", now, "2026-11-23");     /* today */
	parse_is("nov 22", now, "2027-11-22");
	/* 29 February without a year is the one within a year; one up to
	 * four years off is refused, naming it (it was taken: 2028-02-29
	 * for a follow-up said in November 2026). */
	parse_is("29 feb", at("2027-03-01T10:00:00Z"), "2028-02-29");
	parse_is("feb 29", at("2028-02-29T10:00:00Z"), "2028-02-29");
	/* On a leap day, a year on is 28 February: the next one is within
	 * the year (it was refused as "does not come within a year"). */
	parse_is("feb 28", at("2028-02-29T10:00:00Z"), "2029-02-28");
	parse_is("28 feb", at("2028-02-29T23:00:00Z"), "2029-02-28");
	{
		pd_error err = {0};
		char out[PD_DATE_LEN];
		ok(!pd_date_parse("29 feb", now, out, &err) && strstr(err.msg, "the next is 2028-02-29"),
			"\"29 feb\" in November 2026 is refused, naming the next: %s", err.msg);
		ok(!pd_date_parse("Feb 29", at("2028-03-01T10:00:00Z"), out, &err) &&
			strstr(err.msg, "the next is 2032-02-29"), "\"Feb 29\" after one is refused: %s", err.msg);
	}
	static const char *const said_bad[] = { "feb 30", "31 april 2027", "29 feb 2027", "3 12", "dec", "dec 32",
		"3 dec 26", "ma 3", "dec 3 4", NULL };
	for (int i = 0; said_bad[i]; i++) {
		pd_error err = {0};
		char out[PD_DATE_LEN];
		ok(!pd_date_parse(said_bad[i], now, out, &err) && err.code == PD_ERR_INVALID,
			"\"%s\" is refused: %s", said_bad[i], err.msg);
	}

	/* Month arithmetic clamps to the month's last day. */
	time_t jan31 = at("2027-01-31T10:00:00Z");
	parse_is("+1m", jan31, "2027-02-28");
	parse_is("+1m", at("2028-01-31T10:00:00Z"), "2028-02-29");
	parse_is("+2m", jan31, "2027-03-31");
	parse_is("-2m", jan31, "2026-11-30");
	parse_is("+1y", at("2028-02-29T10:00:00Z"), "2029-02-28");
	parse_is("+12m", jan31, "2028-01-31");
	parse_is("-13m", jan31, "2025-12-31");

	static const char *const bad[] = {
		"", "soon", "2026-13-01", "2026-02-30", "2026-2-3", "+d", "+3x", "+3dd",
		"++3d", "2026-12-01x", "frid", "in an hour", "next", "in 2", "next fridays", "in -2 weeks",
		"in 2 weeks times", "2 weeks from then", "this", "this week", "fri fri", "in twenty days",
		"in 12345678 days", NULL,
	};
	for (int i = 0; bad[i]; i++) {
		pd_error err = {0};
		char out[PD_DATE_LEN];
		ok(!pd_date_parse(bad[i], now, out, &err) && err.code == PD_ERR_INVALID,
			"\"%s\" is refused", bad[i]);
		if (i == 1)
			ok(strstr(err.msg, "YYYY-MM-DD") && strstr(err.msg, "+2w"),
				"the message names the forms: %s", err.msg);
	}
	/* A date as a British or an American librarian writes it, when one
	 * reading alone is a date; one that may be either is refused naming
	 * both (it was refused as no date at all). */
	parse_is("24/11/2026", now, "2026-11-24");
	parse_is("11/24/2026", now, "2026-11-24");
	parse_is("24.11.2026", now, "2026-11-24");
	parse_is("5-13-2027", now, "2027-05-13");
	parse_is("29/2/2028", now, "2028-02-29");
	parse_is("07/07/2026", now, "2026-07-07");
	static const char *const written_bad[] = { "03/12/2026", "31/02/2026", "24/11/26", "24/11-2026",
		"13/13/2026", "024/11/2026", "29/02/2027", NULL };
	for (int i = 0; written_bad[i]; i++) {
		pd_error err = {0};
		char out[PD_DATE_LEN];
		ok(!pd_date_parse(written_bad[i], now, out, &err) && err.code == PD_ERR_INVALID,
		   "\"%s\" is refused: %s", written_bad[i], err.msg);
		if (i == 0)
			ok(strstr(err.msg, "2026-12-03 or 2026-03-12") && strstr(err.msg, "YYYY-MM-DD"),
			   "the message names both readings and the form to write: %s", err.msg);
	}
	{
		pd_error err = {0};
		char out[PD_DATE_LEN];
		ok(pd_date_written("24/11/2026", out, &err) && !strcmp(out, "2026-11-24"),
		   "a sheet's 24/11/2026 is read so");
		ok(!pd_date_written("today", out, &err), "a sheet's \"today\" is no date");
	}
	{
		/* A lone number ends at its NUL, which is no separator: what
		 * lies after it in memory (a CSV's next cell, a stack buffer's
		 * last date) was read on as the month and year, "3" taken for
		 * 2026-03-13 and a cell at the end of a buffer read past it. */
		static const char cell[] = "3\0" "13/2026";
		char out[PD_DATE_LEN];
		pd_error err = {0};
		ok(!pd_date_written(cell, out, &err) && err.code == PD_ERR_INVALID,
		   "a cell of \"3\" is no date, whatever follows its end: %s", err.msg);
		static const char cell3[] = "3\0" "11/2026";
		ok(!pd_date_either_way(cell3), "nor one that may be either way round");
		static const char cell2[] = "24\0" "1.2026";
		ok(!pd_date_written(cell2, out, &err), "nor \"24\"");
	}
	/* What a cell shows of its column's order, and a date either way
	 * round read by it (a spreadsheet's column read as a whole). */
	{
		pd_error err = {0};
		char out[PD_DATE_LEN];
		is(pd_date_written_order("24/11/2026"), PD_DATE_DAY_FIRST, "24/11/2026 is day first");
		is(pd_date_written_order("11/24/2026"), PD_DATE_MONTH_FIRST, "11/24/2026 is month first");
		is(pd_date_written_order("03/12/2026"), PD_DATE_ORDER_NONE, "03/12/2026 shows neither");
		is(pd_date_written_order("05/05/2026"), PD_DATE_ORDER_NONE, "05/05/2026 shows neither");
		is(pd_date_written_order("2026-11-24"), PD_DATE_ORDER_NONE, "YYYY-MM-DD shows neither");
		ok(pd_date_written_as("03/12/2026", PD_DATE_DAY_FIRST, out, &err)
		   && !strcmp(out, "2026-12-03"), "03/12/2026 day first is 2026-12-03");
		ok(pd_date_written_as("03/12/2026", PD_DATE_MONTH_FIRST, out, &err)
		   && !strcmp(out, "2026-03-12"), "03/12/2026 month first is 2026-03-12");
		ok(!pd_date_written_as("03/12/2026", PD_DATE_ORDER_NONE, out, &err),
		   "03/12/2026 with no order is refused as before");
		ok(pd_date_written_as("24/11/2026", PD_DATE_MONTH_FIRST, out, &err)
		   && !strcmp(out, "2026-11-24"), "a date one way only is read so whatever the order");
	}
	/* A relative date past either end of 0001-01-01..9999-12-31 is refused
	 * in the user's words with that range, neither clamped to 9999 nor
	 * named as a "0000-..." date nobody typed; the ends themselves pass. */
	static const char *const far[] = {
		"-100000y", "+100000y", "+7974y", "-2026y", "+3000000d", "-3000000w", "+95678m", "+2912117d", "-739943d",
		"+99999999999999999999d", NULL,
	};
	for (int i = 0; far[i]; i++) {
		pd_error err = {0};
		char out[PD_DATE_LEN] = "";
		ok(!pd_date_parse(far[i], now, out, &err) && err.code == PD_ERR_INVALID && strstr(err.msg, far[i]) &&
		   strstr(err.msg, "0001-01-01") && strstr(err.msg, "9999-12-31") && !strstr(err.msg, "0000-"),
		   "%s is out of range: %s", far[i], err.msg);
	}
	parse_is("+7973y", now, "9999-11-23");
	parse_is("-2025y", now, "0001-11-23");
	parse_is("+100001d", now, "2300-09-09");
	parse_is("+2912116d", now, "9999-12-31");
	parse_is("+95677m", now, "9999-12-23");
	parse_is("-739942d", now, "0001-01-01");

	pd_error err = {0};
	char out[PD_DATE_LEN];
	ok(!pd_date_parse(NULL, now, out, &err), "NULL is refused");

	ok(pd_date_valid("2024-02-29"), "leap day valid");
	ok(!pd_date_valid("2023-02-29"), "not a leap year");
	ok(!pd_date_valid("1900-02-29"), "1900 was not a leap year");
	ok(pd_date_valid("2000-02-29"), "2000 was a leap year");
	ok(!pd_date_valid("2026-04-31"), "April has 30 days");
	ok(!pd_date_valid("2026-11-23T00:00:00Z"), "a time is not a date");
	ok(!pd_date_valid(NULL), "NULL is not a date");

	is(pd_date_diff("2026-11-23", "2026-12-01"), 8, "diff forward");
	is(pd_date_diff("2026-12-01", "2026-11-23"), -8, "diff backward");
	is(pd_date_diff("2026-01-01", "2027-01-01"), 365, "a year");
	is(pd_date_diff("2028-01-01", "2029-01-01"), 366, "a leap year");
	pd_date_add_days("2026-12-31", 1, d);
	streq(d, "2027-01-01", "add across a year");
	pd_date_add_days("2026-03-01", -1, d);
	streq(d, "2026-02-28", "subtract across a month");

	char t[PD_TIME_LEN];
	pd_time_format(now, t);
	streq(t, "2026-11-23T14:05:00Z", "format ISO UTC");
	pd_time_format(0, t);
	streq(t, "1970-01-01T00:00:00Z", "format the epoch");
	time_t back;
	ok(pd_time_parse("2026-11-23T14:05:00Z", &back) && back == now, "parse round-trips");
	ok(pd_time_parse("2026-11-23", &back) && back == at("2026-11-23T00:00:00Z"),
		"a date alone is midnight UTC");
	ok(!pd_time_parse("2026-11-23 14:05:00", &back), "no T and Z refused");
	ok(!pd_time_parse("2026-11-23T25:00:00Z", &back), "hour 25 refused");
	ok(!pd_time_parse("2026-11-23T14:05Z", &back), "missing seconds refused");
	ok(!pd_time_parse("garbage", &back), "garbage refused");

	pd_time_local_date("2026-11-23T23:30:00Z", d);
	streq(d, "2026-11-23", "local date in UTC");
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	pd_time_local_date("2026-11-23T23:30:00Z", d);
	streq(d, "2026-11-24", "local date follows TZ (Tokyo is ahead)");
	pd_date_today(now, d);
	streq(d, "2026-11-23", "today in Tokyo at 23:05");
	parse_is("tomorrow", at("2026-11-23T16:00:00Z"), "2026-11-25");  /* already the 24th there */
	/* The first hours of year 1 there are year 0 in UTC: refused, not
	 * stored as a time nothing reads back (what fuzz_typed checks). */
	{
		char w[PD_TIME_LEN];
		pd_error e = {0};
		ok(!pd_when_parse("0001-01-01 00:00", now, w, &e) && strstr(e.msg, "out of range"),
			"0001-01-01 00:00 in Tokyo is out of range: %s", e.msg);
		when_is("0001-01-01 10:00", now, "0001-01-01T00:41:01Z");
	}
	setenv("TZ", "UTC", 1);
	tzset();
	pd_time_local_date("nonsense", d);
	streq(d, "", "local date of nonsense is empty");

	/* The fiscal month, as edit and a spreadsheet both write it. */
	struct { const char *text; int month; } months[] = {
		{ "10", 10 }, { "1", 1 }, { "12", 12 }, { "0", 0 }, { "", 0 }, { " 7 ", 7 },
		{ "Oct", 10 }, { "oct", 10 }, { "October", 10 }, { "OCTOBER", 10 }, { "Oct.", 10 },
		{ "Sept", 9 }, { "sep", 9 }, { "may", 5 }, { "Jan", 1 }, { "december", 12 },
		/* as a French, German, Spanish or Welsh sheet writes them */
		{ "octobre", 10 }, { "Août", 8 }, { "février", 2 }, { "FÉVR.", 2 }, { "juil", 7 },
		{ "juin", 6 }, { "März", 3 }, { "Okt.", 10 }, { "Dezember", 12 }, { "diciembre", 12 },
		{ "ene", 1 }, { "Abril", 4 }, { "hydref", 10 }, { "Medi", 9 }, { "Mehefin", 6 },
		{ "mar", 3 }, { "jun", 6 },
	};
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
		int m = -1;
		ok(pd_month_parse(months[i].text, &m) && m == months[i].month, "month \"%s\" is %d (got %d)",
			months[i].text, months[i].month, m);
	}
	const char *not_months[] = { "13", "-1", "octopus", "Octobers", "ju", "1.5", "x", "100",
		"jui" /* juin or juillet */, "ma", "montag" };
	for (size_t i = 0; i < sizeof not_months / sizeof not_months[0]; i++) {
		int m = -1;
		ok(!pd_month_parse(not_months[i], &m), "\"%s\" is not a month", not_months[i]);
	}
	/* The refusal of a start two languages end differently can say which two. */
	const char *one = NULL, *other = NULL;
	ok(pd_month_clash("Jui", &one, &other) && one && other && !strcmp(one, "juin") && !strcmp(other, "juillet"),
	   "\"Jui\" could be juin or juillet (%s, %s)", one ? one : "-", other ? other : "-");
	const char *plain[] = { "octopus", "13", "", "juil", "jun", "ju" };
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		ok(!pd_month_clash(plain[i], &one, &other), "\"%s\" is no clash of two months", plain[i]);
	tu_cleanup();
	test_when(now);
	test_days_between();
	test_said(now);
	return tap_done();
}
