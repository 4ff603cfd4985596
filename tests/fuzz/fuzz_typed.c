/* libFuzzer harness: what a person types that a parser reads (a log's
 * When, a date field, a fiscal month, an --map argument), each checked
 * against what its header promises of the result; a spreadsheet's date
 * (pd_date_written) too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/io/field_map.h"
#include "partnerdesk/model/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *text, const char *got)
{
	fprintf(stderr, "fuzz_typed: %s: \"%s\" gave \"%s\"\n", what, text, got);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Zones with changes of clocks (mktime's gaps and repeated hours),
	 * far east and west of Greenwich, and a half hour off it. */
	static const char *const zones[] = { "Europe/London", "Asia/Tokyo", "Pacific/Kiritimati",
	                                     "America/St_Johns" };
	static int zone = -1;
	/* The first four bytes pick the clock (1970..2106, to the second):
	 * month ends, leap days and clock changes depend on today; the
	 * lowest two bits the zone. */
	if (size < 4)
		return 0;
	if (zone != (data[0] & 3)) {
		zone = data[0] & 3;
		setenv("TZ", zones[zone], 1);
		tzset();
	}
	time_t now = (time_t)((uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
	                      (uint32_t)data[3] << 24);
	char *text = malloc(size - 4 + 1);
	if (!text)
		return 0;
	memcpy(text, data + 4, size - 4);
	text[size - 4] = '\0';

	char date[PD_DATE_LEN], when[PD_TIME_LEN], again[PD_TIME_LEN];
	pd_error err = { 0 };
	if (pd_date_parse(text, now, date, &err) && !pd_date_valid(date))
		fail("pd_date_parse", text, date);

	/* A spreadsheet's cell, read as it is (its exact bytes: a read past
	 * its end is ASan's to see). */
	bool either = pd_date_either_way(text);
	if (pd_date_written(text, date, &err)) {
		if (!pd_date_valid(date))
			fail("pd_date_written", text, date);
		if (either)
			fail("pd_date_written of a date either way round", text, date);
	}

	/* A column's order (pd_date_written_order): a cell that shows one
	 * is read by it, and any order read gives a real date. */
	pd_date_order order = pd_date_written_order(text);
	if (order != PD_DATE_ORDER_NONE && (either || !pd_date_written_as(text, order, date, &err)))
		fail("pd_date_written_order", text, "an order it is not read in");
	for (int k = PD_DATE_ORDER_NONE; k <= PD_DATE_MONTH_FIRST; k++)
		if (pd_date_written_as(text, (pd_date_order)k, date, &err) && !pd_date_valid(date))
			fail("pd_date_written_as", text, date);

	time_t t, t2;
	if (pd_when_parse(text, now, when, &err)) {
		if (!pd_time_parse(when, &t))
			fail("pd_when_parse", text, when);
		/* A call logged has happened: nothing after today's end. */
		char today[PD_DATE_LEN], day[PD_DATE_LEN];
		pd_date_today(now, today);
		pd_time_local_date(when, day);
		if (strcmp(day, today) > 0)
			fail("pd_when_parse after today", text, when);
	}

	if (pd_time_parse(text, &t)) {
		pd_time_format(t, again);
		if (!pd_time_parse(again, &t2) || t2 != t)
			fail("pd_time_parse round trip", text, again);
	}

	int month = -1;
	if (pd_month_parse(text, &month) && (month < 0 || month > 12))
		fail("pd_month_parse", text, "a month out of 0..12");

	int wd = pd_date_weekday(text);
	if (wd < 0 || wd > 7 || (wd == 0) == pd_date_valid(text))
		fail("pd_date_weekday", text, "a weekday out of place");

	char *local = pd_time_local_in_text(text);
	if (local && strlen(local) > strlen(text))
		fail("pd_time_local_in_text", text, local);
	free(local);

	/* --map COLUMN=FIELD, checked alone and then applied to a header row. */
	if (pd_field_map_check(text, &err)) {
		char *headers[] = { "Name", "Organisation", "E-mail", "Notes", text };
		pd_field cols[5];
		pd_field_how how[5];
		const char *maps[] = { text };
		pd_field_map_build(headers, 5, maps, 1, cols, how, &err);
	}
	(void)pd_field_from_header(text);
	free(text);
	return 0;
}
