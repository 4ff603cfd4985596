/* Dates as people type them (today, fri, +2w) and as the database stores
 * them (YYYY-MM-DD, ISO 8601 UTC). Calendar arithmetic is done on day
 * numbers, so no mktime/timegm and no surprises at DST changes. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/text.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static void format_date(long y, int m, int d, char out[PD_DATE_LEN])
{
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	char buf[48];
	snprintf(buf, sizeof buf, "%04ld-%02d-%02d", y, m, d);
	memcpy(out, buf, PD_DATE_LEN - 1);
	out[PD_DATE_LEN - 1] = '\0';
}

static void format_days(long z, char out[PD_DATE_LEN])
{
	long y;
	int m, d;
	civil_from_days(z, &y, &m, &d);
	format_date(y, m, d, out);
}

/* Reads exactly n digits. */
static bool digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool split_date(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, y) || !digits(s + 5, 2, m) || !digits(s + 8, 2, d))
		return false;
	return *y >= 1 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= month_days(*y, *m);
}

bool pd_date_valid(const char *s)
{
	int y, m, d;
	return s && strlen(s) == 10 && split_date(s, &y, &m, &d);
}

static long local_today(time_t now)
{
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return (long)(now / 86400);
	return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

void pd_date_today(time_t now, char out[PD_DATE_LEN])
{
	format_days(local_today(now), out);
}

long pd_date_diff(const char *a, const char *b)
{
	int ya, ma, da, yb, mb, db;
	if (!split_date(a, &ya, &ma, &da) || !split_date(b, &yb, &mb, &db))
		return 0;
	return days_from_civil(yb, mb, db) - days_from_civil(ya, ma, da);
}

void pd_date_add_days(const char *date, long days, char out[PD_DATE_LEN])
{
	int y, m, d;
	if (!split_date(date, &y, &m, &d)) {
		out[0] = '\0';
		return;
	}
	format_days(days_from_civil(y, m, d) + days, out);
}

long pd_time_days_between(time_t a, time_t b)
{
	return local_today(b) - local_today(a);
}

int pd_date_weekday(const char *date)
{
	int y, m, d;
	if (!pd_date_valid(date) || !split_date(date, &y, &m, &d))
		return 0;
	long z = days_from_civil(y, m, d);
	return (int)(((z % 7) + 7 + 3) % 7) + 1;   /* 1970-01-01 was a Thursday (4) */
}

const char *pd_date_weekday_abbr(const char *date)
{
	static const char *const days[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	return days[pd_date_weekday(date)];
}

/* The day a year after (years 1) or before (-1) today: 29 February's
 * year on is 28 February. */
static long add_years_days(long today, long years)
{
	long y;
	int m, d;
	civil_from_days(today, &y, &m, &d);
	y += years;
	if (d > month_days(y, m))
		d = month_days(y, m);
	return days_from_civil(y, m, d);
}

/* Today plus `months`, clamped to the month's last day; false when that
 * falls outside the years a date may have (0001-9999). */
static bool add_months(long today, long months, char out[PD_DATE_LEN])
{
	long y;
	int m, d;
	civil_from_days(today, &y, &m, &d);
	long total = y * 12 + (m - 1) + months;
	long ny = total >= 0 ? total / 12 : (total - 11) / 12;
	if (ny < 1 || ny > 9999)
		return false;
	int nm = (int)(total - ny * 12) + 1;
	int md = month_days(ny, nm);
	format_date(ny, nm, d > md ? md : d, out);
	return true;
}

/* Day number z as a date; false when it is outside 0001-01-01..9999-12-31. */
static bool days_in_range(long z, char out[PD_DATE_LEN])
{
	if (z < days_from_civil(1, 1, 1) || z > days_from_civil(9999, 12, 31))
		return false;
	format_days(z, out);
	return true;
}

static const struct {
	const char *name;
	int wday;  /* 0 = Sunday */
} weekdays[] = {
	{"sun", 0}, {"sunday", 0}, {"mon", 1}, {"monday", 1},
	{"tue", 2}, {"tues", 2}, {"tuesday", 2}, {"wed", 3}, {"weds", 3}, {"wednesday", 3},
	{"thu", 4}, {"thur", 4}, {"thurs", 4}, {"thursday", 4},
	{"fri", 5}, {"friday", 5}, {"sat", 6}, {"saturday", 6},
};

static bool invalid(const char *text, pd_error *err)
{
	return pd_error_set(err, PD_ERR_INVALID,
		"\"%s\" is not a date; use YYYY-MM-DD, today, tomorrow, yesterday, "
		"a weekday (fri), dec 3, in 2 weeks, or +3d, +2w, +1m, +1y (or - for the past)", text);
}

/* Reads "24/11/2026" (also with . or - between, a day or month of one
 * digit, a four-digit year last) as its day and month: *a the first
 * number, *b the second. */
static bool split_written(const char *s, int *a, int *b, int *y)
{
	size_t i = 0;
	int part[2] = {0, 0};
	char sep = 0;
	for (int k = 0; k < 2; k++) {
		size_t start = i;
		while (isdigit((unsigned char)s[i]) && i - start < 2)
			part[k] = part[k] * 10 + (s[i++] - '0');
		/* strchr finds the string's own NUL too: "3" ended here. */
		if (i == start || !s[i] || !strchr("/.-", s[i]) || (sep && s[i] != sep))
			return false;
		sep = s[i++];
	}
	if (strlen(s + i) != 4 || !digits(s + i, 4, y) || *y < 1)
		return false;
	*a = part[0];
	*b = part[1];
	return true;
}

static bool real_date(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/* Day first and month first are two different real dates. */
static bool either_way(int a, int b, int y)
{
	return a != b && real_date(y, b, a) && real_date(y, a, b);
}

bool pd_date_either_way(const char *s)
{
	int a, b, y;
	return s && split_written(s, &a, &b, &y) && either_way(a, b, y);
}

bool pd_date_written(const char *s, char out[PD_DATE_LEN], pd_error *err)
{
	int a, b, y;
	if (pd_date_valid(s)) {
		memcpy(out, s, PD_DATE_LEN);
		return true;
	}
	if (!s || !split_written(s, &a, &b, &y))
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not a date (YYYY-MM-DD)", s ? s : "");
	bool day_first = real_date(y, b, a), month_first = real_date(y, a, b);
	if (either_way(a, b, y)) {
		char one[PD_DATE_LEN], other[PD_DATE_LEN];
		format_date(y, b, a, one);
		format_date(y, a, b, other);
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" may be %s or %s", s, one, other);
	}
	if (!day_first && !month_first)
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not a date (YYYY-MM-DD)", s);
	if (day_first)
		format_date(y, b, a, out);
	else
		format_date(y, a, b, out);
	return true;
}

pd_date_order pd_date_written_order(const char *s)
{
	int a, b, y;
	if (!s || !split_written(s, &a, &b, &y))
		return PD_DATE_ORDER_NONE;
	bool day_first = real_date(y, b, a), month_first = real_date(y, a, b);
	if (day_first && !month_first)
		return PD_DATE_DAY_FIRST;
	if (month_first && !day_first)
		return PD_DATE_MONTH_FIRST;
	return PD_DATE_ORDER_NONE;
}

bool pd_date_written_as(const char *s, pd_date_order order, char out[PD_DATE_LEN],
	pd_error *err)
{
	int a, b, y;
	if (order != PD_DATE_ORDER_NONE && s && split_written(s, &a, &b, &y) && either_way(a, b, y)) {
		if (order == PD_DATE_DAY_FIRST)
			format_date(y, b, a, out);
		else
			format_date(y, a, b, out);
		return true;
	}
	return pd_date_written(s, out, err);
}

/* A day number of 1-31, with an English ordinal's ending or none
 * ("3", "3rd", "21st"); 0 for anything else. */
static int day_number(const char *s)
{
	int d = 0;
	size_t i = 0;
	for (; isdigit((unsigned char)s[i]) && i < 2; i++)
		d = d * 10 + (s[i] - '0');
	if (i == 0 || d < 1 || d > 31)
		return 0;
	const char *rest = s + i;
	return !*rest || !strcmp(rest, "st") || !strcmp(rest, "nd") || !strcmp(rest, "rd") || !strcmp(rest, "th")
		? d : 0;
}

/* A day and a month's name as said on the phone, either way round: "dec
 * 3", "3 December", "3rd Dec.", "3 déc", "3 rhagfyr", with a four-digit
 * year last or none ("Dec 3, 2026"). With no year, as a weekday is read:
 * ahead > 0, the next such day, today included (a follow-up, a review);
 * else the last, today included (when a call happened). 1 when taken into
 * out, 0 when text is no such form, -1 for one that is no date ("feb 30",
 * "31 april 2027"), -2 for a day that does not come within a year that
 * way (29 February), out then the nearest one, for the message. */
/* A day and month written in figures with no year ("24/11", "3.12"):
 * *a the first number, *b the second. The hyphen is left out: "3-12" is
 * as often a range of days as a date. */
static bool split_day_month(const char *s, int *a, int *b)
{
	size_t i = 0;
	int part[2] = {0, 0};
	for (int k = 0; k < 2; k++) {
		size_t start = i;
		while (isdigit((unsigned char)s[i]) && i - start < 2)
			part[k] = part[k] * 10 + (s[i++] - '0');
		if (i == start)
			return false;
		if (k == 0 && (s[i] != '/' && s[i] != '.'))
			return false;
		if (k == 0)
			i++;
	}
	if (s[i])
		return false;
	*a = part[0];
	*b = part[1];
	return true;
}

/* Whether day d of month m comes in some year (29 February does). */
static bool some_year_day(int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= month_days(2028, m);
}

/* The day-first and month-first readings of a day and month in figures
 * with no year that are two different days (3/12: 3 December or 12
 * March): the day-first one into day1 and month1, the other into day2
 * and month2. */
static bool day_month_either(const char *s, int *day1, int *month1, int *day2, int *month2)
{
	int a, b;
	if (!split_day_month(s, &a, &b) || a == b || !some_year_day(b, a) || !some_year_day(a, b))
		return false;
	*day1 = a;
	*month1 = b;
	*day2 = b;
	*month2 = a;
	return true;
}

static int day_month_next(int day, int month, long year, long today, int ahead, char out[PD_DATE_LEN]);

static int day_and_month(const char *text, long today, int ahead, char out[PD_DATE_LEN])
{
	char words[32];
	size_t len = strlen(text);
	if (len >= sizeof words)
		return 0;
	/* "24/11" as "24 nov", the one reading that is a day; "3/12", 3
	 * December or 12 March, is -4 for the caller to name both. */
	int a, b, d1, m1, d2, m2;
	if (split_day_month(text, &a, &b)) {
		if (day_month_either(text, &d1, &m1, &d2, &m2))
			return -4;
		if (some_year_day(b, a))
			return day_month_next(a, b, 0, today, ahead, out);
		if (some_year_day(a, b))
			return day_month_next(b, a, 0, today, ahead, out);
		return -1;
	}
	for (size_t i = 0; i <= len; i++)
		words[i] = (char)pd_ascii_tolower(text[i]);
	char *w[4];
	size_t n = 0;
	char *at_word;
	for (char *tok = strtok_r(words, " ,", &at_word); tok; tok = strtok_r(NULL, " ,", &at_word)) {
		/* "the 3rd of December" as it is said, the same day as "3 dec" */
		if ((n == 0 && strcmp(tok, "the") == 0) || (n == 1 && strcmp(tok, "of") == 0))
			continue;
		if (n < 4)
			w[n++] = tok;
	}
	if (n < 2 || n > 3)
		return 0;
	long year = 0;
	if (n == 3) {
		int y;
		if (strlen(w[2]) != 4 || !digits(w[2], 4, &y) || y < 1)
			return 0;
		year = y;
	}
	/* The month a name, never a number: "3 12" is no date said aloud. */
	int day = 0, month = 0;
	for (int first = 0; first < 2 && !day; first++) {
		const char *d = w[first], *m = w[1 - first];
		if (!isalpha((unsigned char)m[0]) && (unsigned char)m[0] < 0x80)
			continue;
		if (day_number(d) && pd_month_parse(m, &month) && month)
			day = day_number(d);
	}
	if (!day)
		return 0;
	return day_month_next(day, month, year, today, ahead, out);
}

/* Day and month (and year, or 0 for none) as day_and_month reads them. */
static int day_month_next(int day, int month, long year, long today, int ahead, char out[PD_DATE_LEN])
{
	if (year) {
		if (day > month_days(year, month))
			return -1;
		format_date(year, month, day, out);
		return 1;
	}
	long y;
	int m0, d0;
	civil_from_days(today, &y, &m0, &d0);
	/* This year's, else the next (or last) year's that has the day. A
	 * person saying "feb 29" means one within a year, never one up to
	 * four years off: past that it is refused, the nearest named. */
	for (int tries = 0; tries < 9; tries++, y += ahead > 0 ? 1 : -1) {
		if (day > month_days(y, month))
			continue;
		long z = days_from_civil(y, month, day);
		if (ahead > 0 ? z >= today : z <= today) {
			format_days(z, out);
			/* A year on from 29 February is 28 February, which
			 * is within it: "feb 28" said on a leap day. */
			long year_off = ahead > 0 ? add_years_days(today, 1) : add_years_days(today, -1);
			return (ahead > 0 ? z <= year_off : z >= year_off) ? 1 : -2;
		}
	}
	return -1;
}

/* The spaces of s as one ' ' each, in place, and s trimmed of them: a
 * tab ("next\tfri" pasted from a sheet), or the no-break space an email
 * or a calendar puts in "5 Dec" or "3:30 PM" (U+00A0, U+202F), split the
 * words as a space does, and the readers split at ' '. */
static void plain_spaces(char *s)
{
	size_t w = 0;
	for (size_t r = 0; s[r];) {
		size_t wide = 0;
		if (pd_ascii_isspace((unsigned char)s[r]))
			wide = 1;
		else if ((unsigned char)s[r] == 0xc2 && (unsigned char)s[r + 1] == 0xa0)
			wide = 2;
		else if (strncmp(s + r, "\xe2\x80\xaf", 3) == 0)
			wide = 3;
		if (!wide) {
			s[w++] = s[r++];
			continue;
		}
		r += wide;
		if (w && s[w - 1] != ' ')
			s[w++] = ' ';
	}
	while (w && s[w - 1] == ' ')
		w--;
	s[w] = '\0';
}

/* text with its spaces plain, in lower case, into buf; false when nothing
 * is left or it is longer than any date typed. */
static bool typed_date(const char *text, char buf[32])
{
	char plain[64];
	while (pd_ascii_isspace(*text))
		text++;
	size_t n = strlen(text);
	if (n >= sizeof plain)
		return false;
	memcpy(plain, text, n + 1);
	plain_spaces(plain);
	n = strlen(plain);
	if (n == 0 || n >= 32)
		return false;
	for (size_t i = 0; i <= n; i++)
		buf[i] = (char)pd_ascii_tolower(plain[i]);
	return true;
}

/* A count as said: "a", "an", "one" to "twelve", or up to seven digits;
 * -1 for anything else. */
static long spoken_count(const char *word)
{
	static const char *const counts[] = {
		"a", "one", "two", "three", "four", "five", "six",
		"seven", "eight", "nine", "ten", "eleven", "twelve",
	};
	if (pd_ascii_casecmp(word, "an") == 0)
		return 1;
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++)
		if (pd_ascii_casecmp(word, counts[i]) == 0)
			return i ? (long)i : 1;
	size_t digits_n = strspn(word, "0123456789");
	if (digits_n && !word[digits_n] && digits_n <= 7)
		return strtol(word, NULL, 10);
	return -1;
}

/* "2 weeks", "a fortnight", "six months" as +2w, +2w, +6m (sign '+')
 * or -2w ... ('-') into out; false when the words are no such span. */
static bool spoken_span(const char *count_word, const char *unit_word, char sign, char *out, size_t len)
{
	static const struct {
		const char *word;
		char unit;
		int times;
	} units[] = {
		{"day", 'd', 1}, {"days", 'd', 1}, {"week", 'w', 1}, {"weeks", 'w', 1},
		{"wk", 'w', 1}, {"wks", 'w', 1}, {"fortnight", 'w', 2}, {"fortnights", 'w', 2},
		{"month", 'm', 1}, {"months", 'm', 1}, {"year", 'y', 1}, {"years", 'y', 1},
		{"yr", 'y', 1}, {"yrs", 'y', 1},
	};
	long count = spoken_count(count_word);
	if (count < 0)
		return false;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (pd_ascii_casecmp(unit_word, units[i].word) == 0) {
			snprintf(out, len, "%c%ld%c", sign, count * units[i].times, units[i].unit);
			return true;
		}
	return false;
}

static const char *weekday_named(const char *word)
{
	for (size_t i = 0; i < sizeof weekdays / sizeof *weekdays; i++)
		if (pd_ascii_casecmp(word, weekdays[i].name) == 0)
			return weekdays[i].name;
	return NULL;
}

/* Up to `max` words of s (split at spaces) into a copy in `words`. */
static size_t split_words(const char *s, char *words, size_t len, char **w, size_t max)
{
	size_t n = 0;
	char *at;
	snprintf(words, len, "%s", s);
	for (char *tok = strtok_r(words, " ", &at); tok; tok = strtok_r(NULL, " ", &at)) {
		if (n == max)
			return max + 1;
		w[n++] = tok;
	}
	return n;
}

/* "2 ago" (or "ago 2") with the unit left unsaid: "ago" is also the
 * Spanish August's start, and it was read as 2 August, a day months from
 * the one meant. The count said, for the message; -1 for any other text
 * ("2 days ago" names its unit). */
static long ago_unsaid(const char *buf)
{
	char words[64], *w[5];
	size_t n = split_words(buf, words, sizeof words, w, 4);
	/* "2 ago", "2 ago 15:00", "ago 2": a longer text ("may 5 ago") is
	 * no such slip, and is refused as any other. */
	for (size_t i = 0; i < 2 && i < n && n <= 3; i++) {
		size_t len = strlen(w[i]);
		if (len && w[i][len - 1] == '.')
			w[i][--len] = '\0';
		if (pd_ascii_casecmp(w[i], "ago") != 0)
			continue;
		if (i == 1 && spoken_count(w[0]) >= 0)
			return spoken_count(w[0]);
		if (i == 0 && n == 2 && day_number(w[1]))
			return day_number(w[1]);
	}
	return -1;
}

/* The day in August a refused "2 ago" could have meant, for its
 * message. */
static const char *ago_august(long n, char out[48])
{
	if (n >= 1 && n <= 31)
		snprintf(out, 48, "; %ld aug is the %ld%s of August", n, n,
		         n % 10 == 1 && n != 11 ? "st" : n % 10 == 2 && n != 12 ? "nd"
		         : n % 10 == 3 && n != 13 ? "rd" : "th");
	else
		out[0] = '\0';
	return out;
}

/* The offsets said aloud on a call, rewritten in buf to the forms typed:
 * "in 2 weeks" and "2 weeks" to +2w, "in a month" to +1m, "next week" to
 * +1w, "in a fortnight" to +2w, "in 2 weeks' time" and "2 weeks from
 * now" to +2w, and "next fri" to fri, the coming Friday (as GNU date
 * reads it; the date said back names its weekday). Anything else is
 * left as it was. */
static void spoken_offset(char buf[32])
{
	char words[32], *w[4];
	size_t n = split_words(buf, words, sizeof words, w, 4);
	const char *day;
	if (n == 4 && strcmp(w[0], "in") == 0 && strcmp(w[3], "time") == 0) {
		/* "in 2 weeks' time", "in a week's time", the apostrophe
		 * typed (or a typographic one) or not */
		size_t ul = strlen(w[2]);
		if (ul > 2 && w[2][ul - 1] == 's' && w[2][ul - 2] == '\'')
			w[2][ul - 2] = '\0';
		else if (ul > 4 && strcmp(w[2] + ul - 4, "\xe2\x80\x99s") == 0)
			w[2][ul - 4] = '\0';
		else if (ul > 1 && w[2][ul - 1] == '\'')
			w[2][ul - 1] = '\0';
		else if (ul > 3 && strcmp(w[2] + ul - 3, "\xe2\x80\x99") == 0)
			w[2][ul - 3] = '\0';
		spoken_span(w[1], w[2], '+', buf, 32);
	} else if (n == 4 && strcmp(w[2], "from") == 0 && (strcmp(w[3], "now") == 0 || strcmp(w[3], "today") == 0))
		spoken_span(w[0], w[1], '+', buf, 32);
	else if (n == 2 && strcmp(w[0], "next") == 0 && (day = weekday_named(w[1])) != NULL)
		snprintf(buf, 32, "%s", day);
	else if (n == 2 && strcmp(w[0], "next") == 0)
		spoken_span("1", w[1], '+', buf, 32);
	else if (n == 3 && strcmp(w[0], "in") == 0)
		spoken_span(w[1], w[2], '+', buf, 32);
	else if (n == 2)
		spoken_span(w[0], w[1], '+', buf, 32);
}

static const char *const weekday_names[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

/* A weekday said before a day and a month, as read off a calendar or an
 * email ("sat 5 dec", "Saturday, 5th December"): the day and month say
 * which day, the weekday checks them, for one of the two is misheard as
 * often as not. 1 when taken into out; 0 when buf is no such form; -3
 * when the weekday is not that day's (out the day, *said the weekday
 * said, 0 = Sunday); else what day_and_month says of the rest. */
static int weekday_and_day(const char *buf, long today, int ahead, char out[PD_DATE_LEN], int *said)
{
	char first[16];
	size_t len = strcspn(buf, " ,");
	if (len == 0 || len >= sizeof first || !buf[len])
		return 0;
	memcpy(first, buf, len);
	first[len] = '\0';
	if (len > 1 && first[len - 1] == '.')
		first[len - 1] = '\0';
	int wd = -1;
	for (size_t i = 0; i < sizeof weekdays / sizeof *weekdays && wd < 0; i++)
		if (pd_ascii_casecmp(first, weekdays[i].name) == 0)
			wd = weekdays[i].wday;
	if (wd < 0)
		return 0;
	int r = day_and_month(buf + len + strspn(buf + len, " ,"), today, ahead, out);
	if (r <= 0)
		return r;
	*said = wd;
	int is = pd_date_weekday(out) % 7;   /* 1 Monday ... 7 Sunday, as 0 = Sunday */
	return is == wd ? 1 : -3;
}

static const char *const month_full[] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

void pd_date_day_month(const char *date, char out[16])
{
	int y, m, d;
	if (pd_date_valid(date) && split_date(date, &y, &m, &d))
		snprintf(out, 16, "%d %.3s", d, month_full[m - 1]);
	else
		out[0] = '\0';
}

/* The coming day of weekday wd (0 = Sunday), today included. */
static long coming_weekday(long today, int wd)
{
	/* 1970-01-01 was a Thursday. */
	long is = ((today % 7) + 7 + 4) % 7;
	return today + (wd - is + 7) % 7;
}

/* The ends and weeks-on said on a call, into out: "end of month" (of
 * the month, of this month), "end of next month", "end of last month";
 * "end of week" (the working week's Friday, today included; on a
 * weekend the Friday coming), next and last week's; "end of year";
 * their starts as well ("start of next month" its 1st, "beginning of
 * next week" its Monday, "start of week" this working week's, on a
 * weekend the Monday coming);
 * "friday week" (also "fri week", "a week on friday", "a week friday",
 * "tomorrow week", "a week today"), a week after the coming Friday,
 * today included, as GNU date reads "fri week" and as the British mean
 * it. False when buf is none of these. */
static bool spoken_end(const char *buf, long today, char out[PD_DATE_LEN])
{
	char words[32], *w[6];
	size_t n = split_words(buf, words, sizeof words, w, 5);
	bool start = strcmp(w[0], "start") == 0 || strcmp(w[0], "beginning") == 0;
	if (n >= 3 && n <= 5 && (start || strcmp(w[0], "end") == 0) && strcmp(w[1], "of") == 0) {
		size_t i = 2;
		int step = 0;
		if (n == 4 && (strcmp(w[i], "the") == 0 || strcmp(w[i], "this") == 0))
			i++;
		else if (n == 4 && strcmp(w[i], "next") == 0)
			step = 1, i++;
		else if (n == 4 && strcmp(w[i], "last") == 0)
			step = -1, i++;
		if (i + 1 != n)
			return false;
		long y;
		int m, d;
		civil_from_days(today, &y, &m, &d);
		if (strcmp(w[i], "month") == 0) {
			long mm = y * 12 + (m - 1) + step;
			y = mm / 12;
			m = (int)(mm % 12) + 1;
			return days_in_range(days_from_civil(y, m, start ? 1 : month_days(y, m)), out);
		}
		/* The working week's Friday, or its Monday: on a weekend the
		 * week to come is the one meant, and is "next week" too (said
		 * on a Saturday, "start of next week" is the Monday coming, not
		 * the one after). */
		long friday = coming_weekday(today, 5);
		if (strcmp(w[i], "week") == 0 && step > 0 && friday - today > 4)
			step = 0;
		if (strcmp(w[i], "week") == 0)
			return days_in_range((start ? friday - 4 : friday) + 7 * step, out);
		if (strcmp(w[i], "year") == 0)
			return days_in_range(days_from_civil(y + step, start ? 1 : 12, start ? 1 : 31), out);
		return false;
	}
	const char *day = NULL;
	if (n == 2 && strcmp(w[1], "week") == 0)
		day = w[0];
	else if (n == 4 && strcmp(w[0], "a") == 0 && strcmp(w[1], "week") == 0 && strcmp(w[2], "on") == 0)
		day = w[3];
	else if (n == 3 && strcmp(w[0], "a") == 0 && strcmp(w[1], "week") == 0)
		day = w[2];
	if (!day)
		return false;
	if (strcmp(day, "today") == 0)
		return days_in_range(today + 7, out);
	if (strcmp(day, "tomorrow") == 0)
		return days_in_range(today + 8, out);
	for (size_t i = 0; i < sizeof weekdays / sizeof *weekdays; i++)
		if (strcmp(day, weekdays[i].name) == 0)
			return days_in_range(coming_weekday(today, weekdays[i].wday) + 7, out);
	return false;
}

/* The words dates are said in, for a typo's nearest: a weekday's or a
 * month's abbreviation is left out, as too short to be guessed at. */
static const char *const date_words[] = {
	"today", "tomorrow", "yesterday", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "next", "this", "last", "week",
	"weeks", "month", "months", "year", "years", "days", "fortnight", "end", "start", "beginning",
	"from", "time", "january", "february", "march", "april", "june", "july",
	"august", "september", "october", "november", "december",
};

static bool date_word(const char *word)
{
	for (size_t i = 0; i < sizeof date_words / sizeof *date_words; i++)
		if (strcmp(word, date_words[i]) == 0)
			return true;
	return false;
}

static bool date_read(const char *text, time_t now, char out[PD_DATE_LEN], pd_error *err, bool guess);

/* The one date word a few edits off word (1 up to five letters, 2 up to
 * eight), else NULL. Not pd_suggest's wider reach for config keys, nor
 * its "starts with" rule: that took "weekend" for week, "friday week"
 * run together for friday and "minutes" for months, each another day. */
static const char *date_word_near(const char *word)
{
	size_t limit = pd_suggest_near(strlen(word));
	const char *best = NULL;
	size_t best_d = limit + 1;
	bool tie = false;
	for (size_t i = 0; i < sizeof date_words / sizeof *date_words; i++) {
		size_t d = pd_suggest_distance(word, date_words[i], limit);
		if (d < best_d) {
			best = date_words[i];
			best_d = d;
			tie = false;
		} else if (d == best_d && best) {
			tie = true;
		}
	}
	return tie ? NULL : best;
}

/* buf with each word a letter or two off a date word put right, into
 * fixed, and that read as a date into out; false when no word was off
 * or what is put right is still no date. */
static bool date_typo(const char *buf, time_t now, char fixed[32], char out[PD_DATE_LEN])
{
	char words[32], *w[5];
	size_t n = split_words(buf, words, sizeof words, w, 4);
	if (n == 0 || n > 4)
		return false;
	bool changed = false;
	size_t at = 0;
	fixed[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *word = w[i];
		bool letters = true;
		for (const char *c = word; *c; c++)
			letters = letters && isalpha((unsigned char)*c);
		int month;
		if (letters && strlen(word) >= 4 && !date_word(word) && !weekday_named(word) &&
		    !(pd_month_parse(word, &month) && month)) {
			const char *near = date_word_near(word);
			if (near) {
				word = near;
				changed = true;
			}
		}
		int wrote = snprintf(fixed + at, 32 - at, "%s%s", i ? " " : "", word);
		if (wrote < 0 || (size_t)wrote >= 32 - at)
			return false;
		at += (size_t)wrote;
	}
	return changed && date_read(fixed, now, out, NULL, false);
}

bool pd_date_typo(const char *text, time_t now, char fixed[32], char out[PD_DATE_LEN])
{
	char buf[32];
	return text && typed_date(text, buf) && !date_read(text, now, out, NULL, false) &&
		date_typo(buf, now, fixed, out);
}

/* The two readings of a day and month in figures as one reads them:
 * "3 December (Thu 2026-12-03) or 12 March (Fri 2027-03-12); write dec 3
 * or mar 12", each the next (ahead > 0) or the last such day. */
static bool day_month_both(const char *buf, long today, int ahead, char *msg, size_t len)
{
	int d1, m1, d2, m2;
	char one[PD_DATE_LEN], other[PD_DATE_LEN];
	if (!day_month_either(buf, &d1, &m1, &d2, &m2) || day_month_next(d1, m1, 0, today, ahead, one) <= 0 ||
	    day_month_next(d2, m2, 0, today, ahead, other) <= 0)
		return false;
	snprintf(msg, len, "%d %s (%s %s) or %d %s (%s %s); write %.3s %d or %.3s %d, or YYYY-MM-DD",
	         d1, month_full[m1 - 1], pd_date_weekday_abbr(one), one,
	         d2, month_full[m2 - 1], pd_date_weekday_abbr(other), other,
	         month_full[m1 - 1], d1, month_full[m2 - 1], d2);
	return true;
}

bool pd_date_day_or_month(const char *text, time_t now, char one[PD_DATE_LEN], char other[PD_DATE_LEN])
{
	char buf[32];
	int d1, m1, d2, m2;
	return text && typed_date(text, buf) && day_month_either(buf, &d1, &m1, &d2, &m2) &&
		day_month_next(d1, m1, 0, local_today(now), 1, one) > 0 &&
		day_month_next(d2, m2, 0, local_today(now), 1, other) > 0;
}

bool pd_date_weekday_clash(const char *text, time_t now, char out[PD_DATE_LEN])
{
	char buf[32];
	int said;
	return text && typed_date(text, buf) && weekday_and_day(buf, local_today(now), 1, out, &said) == -3;
}

bool pd_date_parse(const char *text, time_t now, char out[PD_DATE_LEN], pd_error *err)
{
	return date_read(text, now, out, err, true);
}

/* pd_date_parse; `guess`, whether a word a letter off a date word is
 * named in the message ("tommorow": did you mean "tomorrow"?). */
static bool date_read(const char *text, time_t now, char out[PD_DATE_LEN], pd_error *err, bool guess)
{
	char buf[32];
	if (!text)
		return invalid("", err);
	while (pd_ascii_isspace(*text))
		text++;
	if (!typed_date(text, buf))
		return invalid(text, err);
	long said_ago = ago_unsaid(buf);
	char aug[48];
	if (said_ago >= 0)
		return pd_error_set(err, PD_ERR_INVALID,
			"\"%s\" says ago but not what: write -%ldd for %ld day%s back, -%ldw for weeks%s",
			text, said_ago, said_ago, said_ago == 1 ? "" : "s", said_ago, ago_august(said_ago, aug));
	spoken_offset(buf);

	if (pd_date_valid(buf)) {
		memcpy(out, buf, PD_DATE_LEN);
		return true;
	}
	/* 24/11/2026 as a British or European librarian writes it, and
	 * 11/24/2026 as an American does: taken when one reading alone is a
	 * date; 03/12/2026 is refused naming both. */
	int a, b, y;
	if (split_written(buf, &a, &b, &y)) {
		if (pd_date_written(buf, out, err))
			return true;
		if (err && either_way(a, b, y))
			pd_format(err->msg + strlen(err->msg), sizeof err->msg - strlen(err->msg),
			          ": write it as YYYY-MM-DD");
		return false;
	}
	long today = local_today(now);
	if (strcmp(buf, "today") == 0) {
		format_days(today, out);
		return true;
	}
	if (strcmp(buf, "tomorrow") == 0) {
		format_days(today + 1, out);
		return true;
	}
	if (strcmp(buf, "yesterday") == 0) {
		format_days(today - 1, out);
		return true;
	}
	if (spoken_end(buf, today, out))
		return true;
	/* "this fri" is the coming Friday, today itself on a Friday (where
	 * "fri" alone, as "next fri", is a week on). */
	char this_words[32], *tw[3];
	bool this_day = split_words(buf, this_words, sizeof this_words, tw, 2) == 2 &&
		strcmp(tw[0], "this") == 0 && weekday_named(tw[1]);
	const char *day_word = this_day ? tw[1] : buf;
	for (size_t i = 0; i < sizeof weekdays / sizeof *weekdays; i++) {
		if (strcmp(day_word, weekdays[i].name) == 0) {
			/* 1970-01-01 was a Thursday. */
			long wd = ((today % 7) + 7 + 4) % 7;
			long ahead = (weekdays[i].wday - wd + 7) % 7;
			format_days(today + (ahead || this_day ? ahead : 7), out);
			return true;
		}
	}
	int wd_said = 0;
	int said = weekday_and_day(buf, today, 1, out, &wd_said);
	if (said == -3)
		return pd_error_set(err, PD_ERR_INVALID,
			"\"%s\": %s is a %s, not a %s; type the date alone, or the weekday alone, whichever is meant",
			text, out, weekday_names[pd_date_weekday(out) % 7], weekday_names[wd_said]);
	if (said == 0)
		said = day_and_month(buf, today, 1, out);
	if (said > 0)
		return true;
	if (said == -2)
		return pd_error_set(err, PD_ERR_INVALID,
			"\"%s\" does not come within a year; the next is %s: write that date if it is meant",
			text, out);
	char both[160];
	if (said == -4 && day_month_both(buf, today, 1, both, sizeof both))
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" may be %s", text, both);
	if (said < 0)
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is no such day; write it as YYYY-MM-DD", text);
	if (buf[0] == '+' || buf[0] == '-') {
		char *end;
		errno = 0;
		long v = strtol(buf + 1, &end, 10);
		if (end == buf + 1 || !isdigit((unsigned char)buf[1]))
			return invalid(text, err);
		char unit = *end ? *end : 'd';
		if ((*end && end[1]) || !strchr("dwmy", unit))
			return invalid(text, err);
		/* A count too far for any date (and far below overflowing the
		 * arithmetic below) is out of range like one just past 9999. */
		bool ok = !errno && v <= 10000000;
		if (ok) {
			if (buf[0] == '-')
				v = -v;
			switch (unit) {
			case 'd': ok = days_in_range(today + v, out); break;
			case 'w': ok = days_in_range(today + 7 * v, out); break;
			case 'm': ok = add_months(today, v, out); break;
			default: ok = add_months(today, 12 * v, out); break;
			}
		}
		/* Said in the user's words, never as the clamped date they did
		 * not type (-100000y is not "0000-11-23"). */
		if (!ok)
			return pd_error_set(err, PD_ERR_INVALID,
				"\"%s\" is out of range: a date must fall between 0001-01-01 and 9999-12-31", text);
		return true;
	}
	char fixed[32];
	if (guess && date_typo(buf, now, fixed, out))
		return pd_error_set(err, PD_ERR_INVALID, "\"%s\" is not a date; did you mean \"%s\" (%s %s)?",
			text, fixed, pd_date_weekday_abbr(out), out);
	return invalid(text, err);
}

bool pd_date_beyond_year(const char *text, time_t now, char out[PD_DATE_LEN])
{
	char buf[32];
	return text && typed_date(text, buf) && day_and_month(buf, local_today(now), 1, out) == -2;
}

void pd_time_format(time_t t, char out[PD_TIME_LEN])
{
	long days = (long)(t / 86400);
	long secs = (long)(t % 86400);
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	long y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	if (y < 0) y = 0;
	if (y > 9999) y = 9999;
	/* By hand, not snprintf: every write stamps rows two or three times,
	 * and formatting was 5% of a bulk import. */
	long f[6] = { y, m, d, secs / 3600, secs / 60 % 60, secs % 60 };
	static const char sep[6] = { '-', '-', 'T', ':', ':', 'Z' };
	char *o = out;
	for (int i = 0; i < 6; i++) {
		if (i == 0) {
			*o++ = (char)('0' + f[0] / 1000);
			*o++ = (char)('0' + f[0] / 100 % 10);
		}
		*o++ = (char)('0' + f[i] / 10 % 10);
		*o++ = (char)('0' + f[i] % 10);
		*o++ = sep[i];
	}
	*o = '\0';
}

bool pd_time_parse(const char *s, time_t *out)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	if (!s || !split_date(s, &y, &m, &d))
		return false;
	size_t n = strlen(s);
	if (n == 10) {
		/* a date alone: midnight UTC */
	} else if (n == 20 && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z') {
		if (!digits(s + 11, 2, &hh) || !digits(s + 14, 2, &mm) || !digits(s + 17, 2, &ss))
			return false;
		if (hh > 23 || mm > 59 || ss > 60)
			return false;
	} else {
		return false;
	}
	*out = (time_t)days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
	return true;
}

void pd_time_local_date(const char *iso, char out[PD_DATE_LEN])
{
	time_t t;
	if (!pd_time_parse(iso, &t)) {
		out[0] = '\0';
		return;
	}
	pd_date_today(t, out);
}

void pd_time_local_minute(const char *iso, char out[PD_MINUTE_LEN])
{
	time_t t;
	struct tm tm;
	if (!iso || !pd_time_parse(iso, &t) || !localtime_r(&t, &tm) ||
	    !strftime(out, PD_MINUTE_LEN, "%Y-%m-%d %H:%M", &tm))
		out[0] = '\0';
}

/* An ISO UTC time starts at s: 20 characters, digits where digits go. */
static bool utc_time_at(const char *s)
{
	static const char shape[] = "0000-00-00T00:00:00Z";
	for (size_t i = 0; i < sizeof shape - 1; i++) {
		if (shape[i] == '0' ? !pd_ascii_isdigit(s[i]) : s[i] != shape[i])
			return false;
	}
	return true;
}

char *pd_time_local_in_text(const char *text)
{
	if (!text)
		text = "";
	/* The local form is never longer than the UTC one it replaces. */
	char *out = malloc(strlen(text) + 1), *o = out;
	if (!out)
		return NULL;
	for (const char *s = text; *s;) {
		char iso[PD_TIME_LEN], local[PD_MINUTE_LEN] = "";
		bool word_start = s == text || !pd_ascii_isalnum(s[-1]);
		if (word_start && utc_time_at(s)) {
			memcpy(iso, s, PD_TIME_LEN - 1);
			iso[PD_TIME_LEN - 1] = '\0';
			pd_time_local_minute(iso, local);
		}
		size_t n = strlen(local);
		if (n && n <= PD_TIME_LEN - 1) {
			memcpy(o, local, n);
			o += n;
			s += PD_TIME_LEN - 1;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

/* A weekday name as the most recent such day: today included ("fri"
 * typed on a Friday), or not (before_today: "last fri" said on one is a
 * week ago, as GNU date reads it). */
static bool last_weekday(const char *word, time_t now, bool before_today, char out[PD_DATE_LEN])
{
	for (size_t i = 0; i < sizeof weekdays / sizeof *weekdays; i++) {
		if (pd_ascii_casecmp(word, weekdays[i].name) == 0) {
			long today = local_today(now);
			long wd = ((today % 7) + 7 + 4) % 7;   /* 1970-01-01 was a Thursday */
			long back = (wd - weekdays[i].wday + 7) % 7;
			format_days(today - (back == 0 && before_today ? 7 : back), out);
			return true;
		}
	}
	return false;
}

/* A time as said in twelve hours, "3pm", "3:30pm", "10 am" (ampm the
 * word after, or NULL), and "noon", as HH:MM into out; false for
 * anything else, a 24-hour 15:00 included (taken as it is). */
static bool spoken_clock(const char *word, const char *ampm, char out[8])
{
	if (!ampm && pd_ascii_casecmp(word, "noon") == 0) {
		snprintf(out, 8, "12:00");
		return true;
	}
	int h, m = 0, used = 0;
	if (sscanf(word, "%2d%n:%2d%n", &h, &used, &m, &used) < 1 || !isdigit((unsigned char)word[0]))
		return false;
	const char *rest = word + used;
	if (!ampm)
		ampm = rest;
	else if (*rest)
		return false;
	bool pm = pd_ascii_casecmp(ampm, "pm") == 0 || pd_ascii_casecmp(ampm, "p.m.") == 0;
	bool am = pd_ascii_casecmp(ampm, "am") == 0 || pd_ascii_casecmp(ampm, "a.m.") == 0;
	if ((!am && !pm) || h < 1 || h > 12 || m < 0 || m > 59)
		return false;
	snprintf(out, 8, "%02d:%02d", h % 12 + (pm ? 12 : 0), m);
	return true;
}

/* "10 minutes ago", "an hour ago", "2 hrs ago": the seconds before now
 * into *secs, the time the call ended as it is logged; false for other
 * words. */
static bool minutes_ago(const char *buf, long *secs)
{
	char words[64], *w[4];
	if (split_words(buf, words, sizeof words, w, 3) != 3 || pd_ascii_casecmp(w[2], "ago") != 0)
		return false;
	static const struct {
		const char *word;
		long secs;
	} units[] = {
		{"minute", 60}, {"minutes", 60}, {"min", 60}, {"mins", 60},
		{"hour", 3600}, {"hours", 3600}, {"hr", 3600}, {"hrs", 3600},
	};
	long count = spoken_count(w[0]);
	if (count < 0 || count > 1000000)
		return false;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (pd_ascii_casecmp(w[1], units[i].word) == 0) {
			*secs = count * units[i].secs;
			return true;
		}
	return false;
}

/* When a call was, as said: "last fri" as the last Friday before today,
 * "2 days ago" as -2d, "last week" as -1w, and a time after them in
 * twelve hours ("yesterday 3pm") as 15:00. Rewritten in buf; anything
 * else is left as it was. */
static void spoken_when(char buf[64], time_t now)
{
	/* Up to eight words: "Wednesday 30th September 2026 at 3:30 pm". */
	char words[64], *w[9];
	size_t n = split_words(buf, words, sizeof words, w, 8);
	if (n == 0 || n > 8)
		return;
	char clock[8] = "";
	if (n >= 2 && spoken_clock(w[n - 2], w[n - 1], clock))
		n -= 2;
	else if (spoken_clock(w[n - 1], NULL, clock))
		n -= 1;
	else if (strchr(w[n - 1], ':'))
		snprintf(clock, sizeof clock, "%.7s", w[--n]);
	if (strlen(clock) > 5)
		return;
	/* "yesterday at 3pm", as it is said; "at 3" alone stays no time */
	if (clock[0] && n >= 1 && pd_ascii_casecmp(w[n - 1], "at") == 0)
		n--;
	char day[48] = "";
	if (n == 2 && pd_ascii_casecmp(w[0], "last") == 0 && last_weekday(w[1], now, true, day))
		;
	else if (n == 2 && pd_ascii_casecmp(w[0], "last") == 0 && spoken_span("1", w[1], '-', day, sizeof day))
		;
	else if (n == 3 && pd_ascii_casecmp(w[2], "ago") == 0 && spoken_span(w[0], w[1], '-', day, sizeof day))
		;
	else if (!clock[0] || strchr(clock, ':') == NULL)
		return;
	else {
		/* Only the time was said otherwise: the day's words stay. */
		size_t at = 0;
		for (size_t i = 0; i < n && at < sizeof day; i++)
			at += (size_t)snprintf(day + at, sizeof day - at, "%s%s", i ? " " : "", w[i]);
		if (at >= sizeof day)
			return;
	}
	snprintf(buf, 64, "%s%s%s", day, day[0] && clock[0] ? " " : "", clock);
}

/* pd_when_parse_day's reading; *day_alone as it says. */
static bool when_read(const char *text, time_t now, char out[PD_TIME_LEN], bool *day_alone_out,
	pd_error *err)
{
	char buf[64];
	*day_alone_out = false;
	if (!text)
		text = "";
	while (pd_ascii_isspace(*text))
		text++;
	size_t n = strlen(text);
	while (n > 0 && pd_ascii_isspace(text[n - 1]))
		n--;
	if (n >= sizeof buf)
		return pd_error_set(err, PD_ERR_INVALID, "'%s' is not a time", pd_utf8_fit(buf, 44, text, 40));
	memcpy(buf, text, n);
	buf[n] = '\0';
	plain_spaces(buf);
	n = strlen(buf);
	long said_ago = ago_unsaid(buf);
	char aug[48];
	if (said_ago >= 0)
		return pd_error_set(err, PD_ERR_INVALID,
			"'%s' says ago but not what: write %ld %s ago, %ld %s ago or %ld %s ago%s", text,
			said_ago, said_ago == 1 ? "day" : "days", said_ago, said_ago == 1 ? "hour" : "hours",
			said_ago, said_ago == 1 ? "week" : "weeks", ago_august(said_ago, aug));
	time_t t;
	long ago;
	bool day_alone = false;
	if (minutes_ago(buf, &ago)) {
		t = now - (time_t)ago;
		goto check;
	}
	spoken_when(buf, now);
	n = strlen(buf);
	if (n == 0 || pd_ascii_casecmp(buf, "now") == 0) {
		pd_time_format(now, out);
		return true;
	}
	if (strchr(buf, 'T') && pd_time_parse(buf, &t))
		goto check;
	/* A time alone is today's: "15:30" typed during a call's note is
	 * what one says of a call earlier today, and short to type. */
	int h, m;
	char tail;
	if (n <= 5 && isdigit((unsigned char)buf[0]) && sscanf(buf, "%2d:%2d%c", &h, &m, &tail) == 2) {
		memmove(buf + 6, buf, n + 1);
		memcpy(buf, "today ", 6);
	}
	/* The time is the last word: a date may have words of its own ("dec
	 * 3 15:00"), and "dec 3" alone is a day, not "dec" at 3. */
	char *space = strrchr(buf, ' ');
	char probe[PD_DATE_LEN];
	long today_n = local_today(now);
	if (space && !strchr(space + 1, ':')) {
		int wd_probe;
		int as_day = pd_date_parse(buf, now, probe, NULL) ? 1 : weekday_and_day(buf, today_n, -1, probe, &wd_probe);
		if (as_day == 0)
			as_day = day_and_month(buf, today_n, -1, probe);
		if (as_day == -1)
			/* "31 feb" is a day that is none, not "31" at "feb" o'clock. */
			return pd_error_set(err, PD_ERR_INVALID, "'%s' is no such day; write it as YYYY-MM-DD", text);
		if (as_day != 0)
			space = NULL;
	}
	day_alone = !space;
	*day_alone_out = day_alone;
	int hour = 12, minute = 0;
	if (space) {
		*space = '\0';
		const char *hm = space + 1;
		while (*hm == ' ')
			hm++;
		char extra;
		if (sscanf(hm, "%d:%d%c", &hour, &minute, &extra) != 2 || hour < 0 || hour > 23 ||
		    minute < 0 || minute > 59)
			return pd_error_set(err, PD_ERR_INVALID,
				"'%s': give the time as HH:MM or with am/pm, e.g. yesterday 15:00 or yesterday 3pm",
				text);
	}
	char date[PD_DATE_LEN], today[PD_DATE_LEN], both[160], fixed[32];
	int wd_said = 0;
	int said = last_weekday(buf, now, false, date) ? 1 : weekday_and_day(buf, today_n, -1, date, &wd_said);
	if (said == 0)
		said = day_and_month(buf, today_n, -1, date);
	if (said == -3)
		return pd_error_set(err, PD_ERR_INVALID,
			"'%s': %s is a %s, not a %s; type the date alone, or the weekday alone, whichever is meant",
			text, date, weekday_names[pd_date_weekday(date) % 7], weekday_names[wd_said]);
	if (said > 0)
		;   /* a call on "fri" was last Friday, on "dec 3" the last 3rd of December */
	else if (said == -1)
		return pd_error_set(err, PD_ERR_INVALID, "'%s': %s is no such day; write it as YYYY-MM-DD",
			text, buf);
	else if (said == -2)
		return pd_error_set(err, PD_ERR_INVALID,
			"'%s' was not within the last year; the last was %s: write that date if it is meant",
			text, date);
	else if (said == -4 && day_month_both(buf, today_n, -1, both, sizeof both))
		return pd_error_set(err, PD_ERR_INVALID, "'%s' may be %s", text, both);
	else if (!pd_date_parse(buf, now, date, NULL) && pd_date_typo(buf, now, fixed, date))
		return pd_error_set(err, PD_ERR_INVALID, "'%s' is not a time; did you mean '%s%s%s'?", text, fixed,
			space ? " " : "", space ? space + 1 : "");
	else if (!pd_date_parse(buf, now, date, NULL))
		return pd_error_set(err, PD_ERR_INVALID,
			"'%s' is not a time; use now, HH:MM or 3pm (today), a date (2026-12-01, today, "
			"yesterday, last fri, 2 days ago), or a date and a time (yesterday 15:00)", text);
	if (!space) {
		/* A day alone: now if it is today, else noon that day. */
		pd_date_today(now, today);
		if (strcmp(today, date) == 0) {
			pd_time_format(now, out);
			return true;
		}
	}
	struct tm tm = {0};
	if (sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return pd_error_set(err, PD_ERR_INVALID, "'%s' is not a time", text);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	/* Stored in UTC, which must be a date too: east of Greenwich the
	 * first hours of 0001-01-01 are still year 0 there, a time no
	 * reader takes back. */
	if (t == (time_t)-1 || t < (time_t)days_from_civil(1, 1, 1) * 86400)
		return pd_error_set(err, PD_ERR_INVALID,
			"'%s' is out of range: a time must fall after 0001-01-01 00:00 UTC", text);
check:
	/* Refused only after today: a year typed wrong (2027 for 2026) would
	 * make "last contact" a future date that hides the partner from the
	 * stale list for a year, while later today is clock slack between
	 * desks, or a note typed just before the meeting it records. */
	if (t > now) {
		char local[32] = "", day[PD_DATE_LEN];
		struct tm lt;
		if (localtime_r(&t, &lt))
			strftime(local, sizeof local, "%Y-%m-%d %H:%M", &lt);
		pd_date_today(now, today);
		snprintf(day, sizeof day, "%.10s", local);
		/* A day typed alone is said back as a day: the noon it stands
		 * for is nothing anybody typed. */
		if (!*local || strcmp(day, today) > 0)
			return pd_error_set(err, PD_ERR_INVALID,
				"'%s' is after today (%s)", text, day_alone ? day : local);
	}
	pd_time_format(t, out);
	return true;
}

bool pd_when_parse_day(const char *text, time_t now, char out[PD_TIME_LEN], bool *day_alone, pd_error *err)
{
	bool alone;
	bool ok = when_read(text, now, out, &alone, err);
	if (day_alone)
		*day_alone = ok && alone;
	return ok;
}

bool pd_when_parse(const char *text, time_t now, char out[PD_TIME_LEN], pd_error *err)
{
	return pd_when_parse_day(text, now, out, NULL, err);
}

/* Month names in the languages a sheet's headers are read in (English,
 * French, German, Spanish, Welsh), folded as pd_fold folds them (février
 * is "fevrier", März "marz"), each with its month. */
static const struct {
	const char *name;
	int month;
} month_names[] = {
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
	{"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
	{"december", 12},
	{"janvier", 1}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"mai", 5}, {"juin", 6},
	{"juillet", 7}, {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11},
	{"decembre", 12},
	{"januar", 1}, {"februar", 2}, {"marz", 3}, {"juni", 6}, {"juli", 7}, {"oktober", 10},
	{"dezember", 12},
	{"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
	{"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
	{"noviembre", 11}, {"diciembre", 12},
	{"ionawr", 1}, {"chwefror", 2}, {"mawrth", 3}, {"ebrill", 4}, {"mehefin", 6},
	{"gorffennaf", 7}, {"awst", 8}, {"medi", 9}, {"hydref", 10}, {"tachwedd", 11},
	{"rhagfyr", 12},
};

/* What s names: 0 for blank, -1 for nothing, else its month. A start that
 * two languages end differently ("jui": juin or juillet) names none, and
 * those two names are put in *one and *other. */
static int month_lookup(const char *s, const char **one, const char **other)
{
	*one = *other = NULL;
	while (pd_ascii_isspace(*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && pd_ascii_isspace(s[n - 1]))
		n--;
	if (n == 0)
		return 0;
	if (pd_ascii_isdigit((unsigned char)s[0])) {
		long m = 0;
		for (size_t i = 0; i < n; i++) {
			if (!pd_ascii_isdigit((unsigned char)s[i]) || i >= 2)
				return -1;
			m = m * 10 + (s[i] - '0');
		}
		return m > 12 ? -1 : (int)m;
	}
	if (s[n - 1] == '.')   /* "Oct." */
		n--;
	char typed[64];
	if (n >= sizeof typed)
		return -1;
	memcpy(typed, s, n);
	typed[n] = '\0';
	char *key = pd_fold(typed);   /* Août, FEBRERO, März */
	if (!key)
		return -1;
	/* A name or the start of one, of at least three letters. */
	size_t k = strlen(key);
	int found = 0;
	for (size_t i = 0; k >= 3 && i < sizeof month_names / sizeof *month_names; i++) {
		if (strncmp(month_names[i].name, key, k) != 0)
			continue;
		if (!found) {
			found = month_names[i].month;
			*one = month_names[i].name;
		} else if (found != month_names[i].month && !*other) {
			*other = month_names[i].name;
		}
	}
	free(key);
	return !found || *other ? -1 : found;
}

bool pd_month_parse(const char *s, int *month)
{
	const char *one, *other;
	int m = month_lookup(s, &one, &other);
	if (m < 0)
		return false;
	*month = m;
	return true;
}

bool pd_month_clash(const char *s, const char **one, const char **other)
{
	return month_lookup(s, one, other) < 0 && *other;
}
