/* The --demo data: every kind, both scales, every stage, people, a log
 * with overdue and upcoming follow-ups, an engagement past review,
 * agreements; refused over a database that holds partners. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "partnerdesk/io/demo.h"
#include "partnerdesk/io/record.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "tap.h"

/* Whether s still holds one of the demo templates' %c, %t or %p. */
static bool placeholder(const char *s)
{
	return s && (strstr(s, "%c") || strstr(s, "%t") || strstr(s, "%p"));
}

/* A demo made with the clock at `now`, in the temp dir: its partners'
 * last contacts as calendar days before now (-1 never, -9 in the future),
 * in list order, into ages[max]; returns how many, or 0. */
static size_t demo_ages_at(time_t now, long *ages, size_t max)
{
	char path[] = "/tmp/pd-demo-clock-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	pd_error err = {0};
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	size_t n = 0;
	pd_partner_rows rows = {0};
	pd_partner_query all = {0};
	if (db) {
		pd_db_set_now(db, now);
		if (pd_demo_fill(db, &err) && pd_partner_query_run(db, &all, &rows, &err)) {
			for (size_t i = 0; i < rows.n && n < max; i++) {
				time_t t;
				if (!rows.v[i].last_contact[0] || !pd_time_parse(rows.v[i].last_contact, &t))
					ages[n++] = -1;
				else
					ages[n++] = t > now ? -9 : pd_time_days_between(t, now);
			}
		}
		pd_partner_rows_finish(&rows);
		pd_db_close(db);
	}
	if (err.msg[0])
		printf("# %s\n", err.msg);
	const char *const suffix[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < 3; i++) {
		char f[64];
		snprintf(f, sizeof f, "%s%s", path, suffix[i]);
		unlink(f);
	}
	return n;
}

/* The calls the demo logs today are today's at any hour: made just after
 * midnight they were yesterday afternoon's ("1d" in the list until noon). */
static void test_today_at_any_hour(void)
{
	/* 2026-11-24 00:05, 03:00 and 14:05 UTC (the test runs at TZ=UTC). */
	const time_t midnight = (time_t)1795478400;
	long noon_ages[64], ages[64];
	size_t n = demo_ages_at(midnight + 14 * 3600 + 300, noon_ages, 64);
	size_t today = 0, future = 0;
	for (size_t i = 0; i < n; i++) {
		today += noon_ages[i] == 0;
		future += noon_ages[i] == -9;
	}
	ok(n > 0 && today >= 3 && !future, "at 14:05 the demo has calls logged today (%zu of %zu)", today, n);
	const time_t early[] = {midnight, midnight + 300, midnight + 3 * 3600};
	for (size_t e = 0; e < sizeof early / sizeof early[0]; e++) {
		size_t m = demo_ages_at(early[e], ages, 64);
		size_t same = 0;
		for (size_t i = 0; i < m && i < n; i++)
			same += ages[i] == noon_ages[i];
		ok(m == n && same == n, "at %02ld:%02ld the same last contacts as at 14:05 (%zu of %zu), today's today",
		   (long)(early[e] - midnight) / 3600, (long)(early[e] - midnight) % 3600 / 60, same, n);
	}
}

int main(void)
{
	char path[] = "/tmp/pd-demo-test-XXXXXX";
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	pd_error err = {0};
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	ok(db != NULL, "fresh database (%s)", err.msg);
	if (!db)
		return tap_done();
	ok(pd_demo_fill(db, &err), "demo fills an empty database (%s)", err.msg);
	long n = pd_partner_count(db, &err);
	ok(n >= 20 && n <= 40, "20-40 partners (%ld)", n);

	const pd_rules *rules = pd_db_rules(db);
	for (size_t i = 0; i < rules->n_stages; i++) {
		pd_partner_query q = {.stage = rules->stages[i].name};
		ok(pd_partner_query_count(db, &q, &err) > 0, "some partner at %s", rules->stages[i].name);
	}
	for (size_t i = 0; i < rules->kinds.n; i++) {
		pd_partner_query q = {.kind = rules->kinds.v[i]};
		ok(pd_partner_query_count(db, &q, &err) > 0, "some partner of kind %s", rules->kinds.v[i]);
	}
	pd_partner_query macro = {.scale = "macro"}, micro = {.scale = "micro"};
	ok(pd_partner_query_count(db, &macro, &err) > 0 && pd_partner_query_count(db, &micro, &err) > 0,
	   "both scales");

	pd_agenda a = {0};
	ok(pd_agenda_load(db, 7, &a, &err), "agenda loads");
	size_t overdue = 0, upcoming = 0, reviews = 0;
	for (size_t i = 0; i < a.n; i++) {
		if (a.v[i].kind == PD_AGENDA_REVIEW && a.v[i].days < 0)
			reviews++;
		else if (a.v[i].days < 0)
			overdue++;
		else
			upcoming++;
	}
	ok(overdue >= 2, "follow-ups overdue (%zu)", overdue);
	ok(upcoming >= 2, "follow-ups due this week (%zu)", upcoming);
	ok(reviews >= 1, "an engagement past its review date (%zu)", reviews);
	pd_agenda_finish(&a);

	size_t people = 0, notes = 0, done = 0, agreements = 0, moves = 0, scored = 0, goals = 0;
	size_t unfilled = 0;   /* notes and move reasons still holding %c, %t or %p */
	pd_strv staff = {0};
	pd_partner_rows rows = {0};
	pd_partner_query all = {0};
	ok(pd_partner_query_run(db, &all, &rows, &err), "list loads");
	for (size_t i = 0; i < rows.n; i++) {
		pd_record r;
		if (!pd_record_load(db, rows.v[i].id, &r, &err)) {
			ok(0, "record %lld loads: %s", (long long)rows.v[i].id, err.msg);
			continue;
		}
		people += r.contacts.n;
		notes += r.interactions.n;
		for (size_t k = 0; k < r.interactions.n; k++) {
			done += r.interactions.v[k].done;
			if (r.interactions.v[k].by && pd_strv_find(&staff, r.interactions.v[k].by) < 0)
				pd_strv_push(&staff, r.interactions.v[k].by);
		}
		for (size_t k = 0; k < r.interactions.n; k++)
			unfilled += placeholder(r.interactions.v[k].text);
		for (size_t k = 0; k < r.history.n; k++)
			unfilled += placeholder(r.history.v[k].reason);
		agreements += r.agreements.n;
		moves += r.history.n;
		for (size_t k = 0; k < r.fit.n; k++)
			scored += r.fit.v[k].score >= 0;
		goals += r.goals.n;
		if (r.partner->stage && strcmp(r.partner->stage, "glance") != 0)
			ok(r.history.n >= 2, "%s has a history into %s", r.partner->name, r.partner->stage);
		pd_record_finish(&r);
	}
	pd_partner_rows_finish(&rows);
	ok(people >= (size_t)n, "contact people (%zu)", people);
	ok(notes >= (size_t)n * 3, "months of logged notes (%zu)", notes);
	ok(done >= 5, "follow-ups already done (%zu)", done);
	ok(staff.n >= 4, "notes by several staff (%zu)", staff.n);
	ok(agreements >= 5, "agreements (%zu)", agreements);
	ok(moves > (size_t)n, "stage histories (%zu rows)", moves);
	ok(scored > 0 && goals > 0, "fit scores (%zu) and goals (%zu)", scored, goals);
	is(unfilled, 0, "every note and move reason has its contact, topic and partner filled in");
	pd_strv_clear(&staff);

	ok(!pd_demo_fill(db, &err) && err.code == PD_ERR_REFUSED, "a second fill is refused: %s", err.msg);
	ok(pd_partner_count(db, &err) == n, "and changes nothing");

	/* Deterministic: a second database gets the same names in the same order. */
	char path2[] = "/tmp/pd-demo-test2-XXXXXX";
	fd = mkstemp(path2);
	close(fd);
	unlink(path2);
	pd_db *db2 = pd_db_open(path2, PD_OPEN_CREATE, NULL, &err);
	ok(db2 && pd_demo_fill(db2, &err), "second demo database");
	ok(db2 && pd_partner_count(db2, &err) == n, "same number of partners");
	pd_db_close(db2);
	pd_db_close(db);
	const char *files[] = {path, path2};
	for (size_t i = 0; i < 2; i++) {
		char aux[64];
		unlink(files[i]);
		snprintf(aux, sizeof aux, "%s-wal", files[i]);
		unlink(aux);
		snprintf(aux, sizeof aux, "%s-shm", files[i]);
		unlink(aux);
	}
	test_today_at_any_hour();
	return tap_done();
}
