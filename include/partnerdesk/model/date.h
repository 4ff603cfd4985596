/* Dates and times as the user types them and as they are stored:
 * dates as YYYY-MM-DD, times as ISO 8601 UTC (2026-11-23T14:05:00Z). */
#ifndef PARTNERDESK_MODEL_DATE_H
#define PARTNERDESK_MODEL_DATE_H

#include <stdbool.h>
#include <time.h>

#include "partnerdesk/model/error.h"

#define PD_DATE_LEN 11  /* "YYYY-MM-DD" + NUL */
#define PD_TIME_LEN 21  /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

/* Parses what a person types for a date, relative to `now` in local time:
 * 2026-12-01, today, tomorrow, yesterday, a weekday (mon, monday, fri, ...:
 * the next such day strictly after today), a day and a month's name either
 * way round with a four-digit year last or none ("dec 3", "3 December",
 * "Dec 3, 2027", "3 rhagfyr", "the 3rd of December": with none, the next
 * such day, today included), the same after a weekday that must be that
 * day's ("sat 5 dec"), "this fri" (the coming one, today included),
 * +3d, +2w, +1m, +1y (and -Nd...), and those said in words ("in 2
 * weeks", "in 2 weeks' time", "2 weeks from now", "next fri"); "end of
 * month" (of next month, last month; of week: the coming Friday, today
 * included; of year); "friday week" (a week after the coming Friday,
 * today included, as GNU date reads it); a day and month in figures
 * with no year ("24/11", the next such day) when one reading alone is a
 * day, "3/12" refused naming both. A word a letter off a date word is
 * refused asking for it ("did you mean \"tomorrow\"?").
 * Month arithmetic clamps to the month's last day (Jan 31 +1m = Feb 28).
 * Writes YYYY-MM-DD to out. Invalid text is PD_ERR_INVALID naming the forms;
 * a relative date landing outside 0001-01-01..9999-12-31 is PD_ERR_INVALID
 * naming what was typed and that range (never clamped). */
bool pd_date_parse(const char *text, time_t now, char out[PD_DATE_LEN], pd_error *err);

/* A date as a person or a spreadsheet writes it: YYYY-MM-DD, or day and
 * month with a four-digit year last, between / . or - (24/11/2026,
 * 11/24/2026, 24.11.2026) when one reading alone is a real date (or both
 * are the same day). 03/12/2026, the 3rd of December or the 12th of
 * March, is PD_ERR_INVALID naming both ("... may be 2026-12-03 or
 * 2026-03-12"), for the caller to say how to write it. pd_date_parse
 * takes these too. */
bool pd_date_written(const char *s, char out[PD_DATE_LEN], pd_error *err);
/* Whether s is such a day and month that may be either way round
 * (03/12/2026): what pd_date_written and pd_date_parse refuse naming both
 * readings, for a caller to say so in its own words. */
bool pd_date_either_way(const char *s);

/* Which way round a day and month written as pd_date_written reads them
 * must go: day first when only that reading is a date (24/11/2026), month
 * first when only that one is (11/24/2026); none for one either way, the
 * same day both ways, YYYY-MM-DD, or no date. What a spreadsheet column's
 * other cells show of the order its 03/12/2026 was written in. */
typedef enum pd_date_order {
	PD_DATE_ORDER_NONE = 0,
	PD_DATE_DAY_FIRST,
	PD_DATE_MONTH_FIRST,
} pd_date_order;
pd_date_order pd_date_written_order(const char *s);
/* pd_date_written, but a date either way round read in order (NONE: refused
 * as pd_date_written refuses it). */
bool pd_date_written_as(const char *s, pd_date_order order, char out[PD_DATE_LEN],
	pd_error *err);

/* When something happened, as a person types it (the log form's When and
 * `log --at`): now or nothing; an ISO 8601 UTC time; "DATE HH:MM" in local
 * time (yesterday 15:00, dec 3 15:00); a DATE alone (now if it is today,
 * else noon that day; a weekday, or a day and month with no year, the last
 * such day, today included, a weekday before it checked as pd_date_parse
 * checks one); as said, "last fri 3pm", "yesterday at 3pm", "2 days ago",
 * "10 mins ago". A time after today
 * is refused: a call logged has happened.
 * Writes ISO UTC to out. */
bool pd_when_parse(const char *text, time_t now, char out[PD_TIME_LEN], pd_error *err);
/* As pd_when_parse; *day_alone (may be NULL) whether text named a day
 * with no time of day in it ("yesterday", "mon", "-7d"), for a caller
 * that reads such a day from its start (`audit --since`); false for a
 * time, "3pm" and "10 mins ago" included, which no ':' in the text tells. */
bool pd_when_parse_day(const char *text, time_t now, char out[PD_TIME_LEN], bool *day_alone, pd_error *err);

/* A planning year's first month as people write it: 1-12, a month's
 * name or the start of it (oct, Sept, October, "Oct.") in English,
 * French, German, Spanish or Welsh (octobre, Okt., Août, hydref), any case,
 * accents or none; 0 or "" for not known. False for anything else, and
 * for a start two languages end differently ("jui": juin or juillet). One
 * parser for `edit --fiscal-month`, the partner form and a spreadsheet's
 * Fiscal month column. */
bool pd_month_parse(const char *s, int *month);

/* Whether s is refused by pd_month_parse as the start of two months' names
 * ("jui": juin or juillet); *one and *other are then those names, for a
 * message saying what more to type. */
bool pd_month_clash(const char *s, const char **one, const char **other);

/* True when s is a real calendar date in YYYY-MM-DD form. */
bool pd_date_valid(const char *s);

/* Today's local date. */
void pd_date_today(time_t now, char out[PD_DATE_LEN]);

/* Whole days from date a to date b (b - a), both YYYY-MM-DD. */
long pd_date_diff(const char *a, const char *b);

/* Adds days to a YYYY-MM-DD date. */
void pd_date_add_days(const char *date, long days, char out[PD_DATE_LEN]);

/* Formats t as ISO 8601 UTC. */
void pd_time_format(time_t t, char out[PD_TIME_LEN]);

/* Parses ISO 8601 UTC (as written by pd_time_format; a date alone means
 * midnight UTC); returns false on anything else. */
bool pd_time_parse(const char *s, time_t *out);

/* The local calendar date of an ISO UTC time. */
void pd_time_local_date(const char *iso, char out[PD_DATE_LEN]);
/* An ISO UTC time as local "YYYY-MM-DD HH:MM", as `log --at` and the log
 * form's When take it back; "" when iso is no time. */
#define PD_MINUTE_LEN 32
void pd_time_local_minute(const char *iso, char out[PD_MINUTE_LEN]);
/* Text (an audit entry's detail) with every ISO UTC time in it, as
 * pd_time_format writes one, shown as pd_time_local_minute shows it:
 * "phone with X at 2026-11-24T08:16:45Z" reads "... at 2026-11-24 08:16"
 * wherever the reader is. For people only; the stored text keeps UTC.
 * Returns a new string to free(), or NULL when out of memory. */
char *pd_time_local_in_text(const char *text);

/* Calendar days from the local date of time a to the local date of time b
 * (b - a; negative when b's date is the earlier): a call at 17:00
 * yesterday was 1 day ago at 09:00 today, and 27 Oct to 27 Nov is 31 days
 * across a change of clocks. Counted on the user's local dates (TZ), never
 * as seconds / 86400. The one rule for every age and duration in days:
 * "Last contact", staleness, days in a stage, days quiet. */
long pd_time_days_between(time_t a, time_t b);

/* Whether text is a day and month said without a year that does not
 * come within a year of today ("feb 29" in November 2026), which
 * pd_date_parse refuses; out gets the one it would be (2028-02-29), for
 * the user to be told. */
bool pd_date_beyond_year(const char *text, time_t now, char out[PD_DATE_LEN]);

/* Whether text, which pd_date_parse refuses, has a word a letter or two
 * off a date word ("tommorow", "fridy week"): fixed gets the text put
 * right ("tomorrow"), out the date that is, for the user to be asked. */
bool pd_date_typo(const char *text, time_t now, char fixed[32], char out[PD_DATE_LEN]);

/* Whether text is a day and month in figures with no year that may be
 * either way round ("3/12": 3 December or 12 March), which pd_date_parse
 * refuses naming both: one gets the next day-first reading, other the
 * next month-first one. */
bool pd_date_day_or_month(const char *text, time_t now, char one[PD_DATE_LEN], char other[PD_DATE_LEN]);

/* Whether text is a weekday and a day said together whose weekday is not
 * that day's ("fri 5 dec" when 5 December is a Saturday), which
 * pd_date_parse refuses; out gets the day and month's date, for the
 * user to be told which weekday it is. */
bool pd_date_weekday_clash(const char *text, time_t now, char out[PD_DATE_LEN]);

/* The weekday of a YYYY-MM-DD date, ISO 8601: 1 Monday ... 7 Sunday; 0
 * for anything that is not a date. */
int pd_date_weekday(const char *date);

/* "Mon" ... "Sun" for a YYYY-MM-DD date (English, as the rest of the
 * program speaks); "" for anything that is not a date. */
const char *pd_date_weekday_abbr(const char *date);

/* "3 Dec" for 2026-12-03, short enough to give two readings side by
 * side; "" for anything that is not a date. */
void pd_date_day_month(const char *date, char out[16]);

#endif
