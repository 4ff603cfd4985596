/* The filter's short words (one or two letters) match names only, and the
 * first screen and the count come out right whichever way the model finds
 * them: walking the names in order (many match), fetching and sorting a
 * few, or walking with a set of ids (many match but sort far from the
 * start: every name holding "ł" sorts among the L's). */
#include "../tap.h"
#include "testutil.h"

#include "partnerdesk/model/bulk.h"
#include "partnerdesk/model/interaction.h"

static long count_of(pd_db *db, const char *text, long cap)
{
	pd_error err = {0};
	pd_partner_query q = { .text = text, .sort = PD_SORT_NAME, .count_limit = cap };
	return pd_partner_query_count(db, &q, &err);
}

/* The first screen's names, joined by "|". */
static const char *screen(pd_db *db, const char *text, long offset, long limit)
{
	static char buf[8192];
	pd_error err = {0};
	pd_partner_query q = { .text = text, .sort = PD_SORT_NAME, .offset = offset, .limit = limit };
	pd_partner_rows rows;
	buf[0] = '\0';
	if (!pd_partner_query_run(db, &q, &rows, &err)) {
		snprintf(buf, sizeof buf, "error: %s", err.msg);
		return buf;
	}
	size_t n = 0;
	for (size_t i = 0; i < rows.n && n < sizeof buf - 64; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "", rows.v[i].name);
	pd_partner_rows_finish(&rows);
	return buf;
}

static void expect(char *out, size_t size, const char *stem, int from, int n)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < n; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s %04d", i ? "|" : "", stem, from + i);
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("filter.db");
	ok(pd_db_bulk_mode(db, &err) && pd_db_begin(db, &err), "begin");
	char name[64];
	bool added = true;
	for (int i = 1; i <= 6000 && added; i++) {
		snprintf(name, sizeof name, "Able %04d", i);
		added = tu_add(db, name, NULL) != 0;
	}
	for (int i = 1; i <= 2100 && added; i++) {
		snprintf(name, sizeof name, "\xc5\x81\xc3\xb3" "d\xc5\xba %04d", i);   /* Łódź */
		added = tu_add(db, name, NULL) != 0;
	}
	for (int i = 1; i <= 10 && added; i++) {
		snprintf(name, sizeof name, "Quokka %04d", i);
		added = tu_add(db, name, NULL) != 0;
	}
	int64_t logged = tu_add(db, "Zebra House", NULL);
	ok(added && logged, "8,111 partners added");
	pd_interaction it = { .partner_id = logged, .text = strdup("talked about the xq7 project") };
	ok(pd_interaction_insert(db, &it, &err), "a log entry");
	pd_interaction_finish(&it);
	ok(pd_db_commit(db, &err), "commit: %s", err.msg);

	char want[8192];
	/* Many names match near the start: the walk. */
	expect(want, sizeof want, "Able", 1, 50);
	streq(screen(db, "ab", 0, 50), want, "\"ab\": the first screen in name order");
	is(count_of(db, "ab", 1000), 1001, "\"ab\": the count stops past 1,000");
	is(count_of(db, "ab", 0), 6000, "\"ab\": counted to the end");

	/* Many names match, all far into the order: the set of ids. */
	expect(want, sizeof want, "\xc5\x81\xc3\xb3" "d\xc5\xba", 1, 50);
	streq(screen(db, "\xc5\x82", 0, 50), want, "\"ł\": Łódź 0001 to 0050 (they sort among the L's)");
	streq(screen(db, "\xc5\x82\xc3\xb3", 0, 50), want, "\"łó\" too");
	expect(want, sizeof want, "\xc5\x81\xc3\xb3" "d\xc5\xba", 2001, 50);
	streq(screen(db, "\xc5\x82", 2000, 50), want, "\"ł\": a window further on");
	is(count_of(db, "\xc5\x82", 0), 2100, "\"ł\": counted");

	/* A few names match, far into the order: fetched and sorted. */
	expect(want, sizeof want, "Quokka", 1, 10);
	streq(screen(db, "qu", 0, 50), want, "\"qu\": the ten Quokkas");
	is(count_of(db, "qu", 1000), 10, "\"qu\": counted");

	/* Short words match names only; three letters search the log too. */
	streq(screen(db, "xq", 0, 50), "", "\"xq\" is in a log entry only: not matched");
	is(count_of(db, "xq", 1000), 0, "nor counted");
	streq(screen(db, "xq7", 0, 50), "Zebra House", "\"xq7\" finds the log entry");
	streq(screen(db, "xq7 ze", 0, 50), "Zebra House", "a long word and a short one");
	streq(screen(db, "xq7 ab", 0, 50), "", "both must match");
	is(count_of(db, "ze xq7", 1000), 1, "counted");
	{
		/* The 101st to 103rd "Able" names holding "10", worked out here. */
		size_t used = 0;
		int seen = 0;
		want[0] = '\0';
		for (int i = 1; i <= 6000; i++) {
			snprintf(name, sizeof name, "Able %04d", i);
			if (!strstr(name, "10"))
				continue;
			if (seen >= 100 && seen < 103)
				used += (size_t)snprintf(want + used, sizeof want - used, "%s%s", used ? "|" : "", name);
			seen++;
		}
		streq(screen(db, "10 ab", 100, 3), want, "two short words, a window: both in the name");
	}
	streq(screen(db, "%", 0, 5), "", "%% is a character, not a wildcard");
	streq(screen(db, "_", 0, 5), "", "_ too");

	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
