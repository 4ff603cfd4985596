/* The likely-duplicates benchmark: the merge picker's query for one partner
 * and check's pairs over the desk, through the model against the statements
 * before migration 13 (a LIKE over every website and email) in the same run.
 *
 * usage: bench_likely [CACHE_DIR] (env BENCH_SIZES="100000,1000000",
 * BENCH_RUNS=7). The cached desk's middle partner is given an email once
 * (an edit through the model, kept: the picker is measured on a partner
 * with a website and an email). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "partnerdesk/model/likely_same.h"
#include "partnerdesk/model/partner.h"

#define MAX_SIZES 4
#define MAX_RUNS 50

/* The statements of likely_same.c before the keys were stored. */
static const char old_same_sql[] =
	"SELECT id, name, stage, name_fold = ?2, pd_likely_domain(website, 0), pd_likely_domain(email, 1) "
	"FROM partners WHERE id <> ?1 AND (name_fold = ?2"
	" OR ((website LIKE ?5 ESCAPE '\\' OR email LIKE ?5 ESCAPE '\\'"
	"      OR website LIKE ?6 ESCAPE '\\' OR email LIKE ?6 ESCAPE '\\')"
	"     AND (pd_likely_domain(website, 0) IN (?3, ?4) OR pd_likely_domain(email, 1) IN (?3, ?4))))"
	" ORDER BY name_fold = ?2 DESC, sort_key, id";
static const char old_pairs_sql[] =
	"WITH k(id, key, site) AS MATERIALIZED ("
	"  SELECT id, pd_likely_domain(website, 0), 1 FROM partners WHERE website IS NOT NULL"
	"  UNION ALL SELECT id, pd_likely_domain(email, 1), 0 FROM partners WHERE email IS NOT NULL),"
	" few(key) AS (SELECT key FROM k WHERE key IS NOT NULL GROUP BY key"
	"  HAVING count(DISTINCT id) BETWEEN 2 AND ?1),"
	" pairs(a, b, why) AS ("
	"  SELECT x.id, y.id, CASE WHEN x.site AND y.site THEN 2 WHEN x.site OR y.site THEN 8 ELSE 4 END"
	"  FROM k x JOIN k y ON y.key = x.key AND y.id > x.id WHERE x.key IN few"
	"  UNION ALL SELECT x.id, y.id, 1 FROM partners x JOIN partners y"
	"  ON y.name_fold = x.name_fold AND y.id > x.id)"
	"SELECT a, pa.name, pa.stage, b, pb.name, pb.stage, why FROM pairs"
	" JOIN partners pa ON pa.id = a JOIN partners pb ON pb.id = b ORDER BY a, b";

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_likely: %s: %s\n", what, msg);
	exit(1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The model's function, on the old statements' own connection. */
static void fn_likely_domain(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	char key[256];
	pd_likely_domain((const char *)sqlite3_value_text(argv[0]), sqlite3_value_int(argv[1]) != 0, key,
		sizeof key);
	if (key[0])
		sqlite3_result_text(ctx, key, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

static long drain(sqlite3_stmt *st)
{
	long n = 0;
	while (sqlite3_step(st) == SQLITE_ROW)
		n++;
	sqlite3_reset(st);
	return n;
}

/* "%key%", as like_pattern() made it (the generated keys hold no wildcard). */
static void like_of(const char *key, char *out, size_t size)
{
	snprintf(out, size, "%%%s%%", key);
}

static void bench_size(const char *dir, long n, int runs)
{
	char path[4096], msg[512];
	double made;
	if (!gen_cached_db(dir, n, path, sizeof path, &made, msg, sizeof msg))
		die("generating", msg);
	pd_error err = {0};
	pd_db *db = pd_db_open(path, 0, NULL, &err);   /* migrates an older cache, untimed */
	if (!db)
		die("open", err.msg);
	int64_t id = n / 2 + 1;
	pd_partner *p = pd_partner_get(db, id, &err);
	if (!p)
		die("reading the partner", err.msg);
	if (!p->email) {
		char mail[96];
		snprintf(mail, sizeof mail, "info@partner%lld.example.org", (long long)(id - 1));
		p->email = strdup(mail);
		if (!p->email || !pd_partner_update(db, p, &err))
			die("giving the partner an email", err.msg[0] ? err.msg : "out of memory");
	}
	char site[256], mail[256], like_site[300], like_mail[300];
	pd_likely_domain(p->website, false, site, sizeof site);
	pd_likely_domain(p->email, true, mail, sizeof mail);
	like_of(site, like_site, sizeof like_site);
	like_of(mail, like_mail, sizeof like_mail);

	sqlite3 *h;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_create_function(h, "pd_likely_domain", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                            fn_likely_domain, NULL, NULL) != SQLITE_OK)
		die(path, sqlite3_errmsg(h));
	sqlite3_stmt *old_same, *old_pairs;
	if (sqlite3_prepare_v2(h, old_same_sql, -1, &old_same, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, old_pairs_sql, -1, &old_pairs, NULL) != SQLITE_OK)
		die("preparing", sqlite3_errmsg(h));
	sqlite3_bind_int64(old_same, 1, id);
	sqlite3_stmt *fold;
	if (sqlite3_prepare_v2(h, "SELECT name_fold FROM partners WHERE id = ?1", -1, &fold, NULL) != SQLITE_OK)
		die("preparing", sqlite3_errmsg(h));
	sqlite3_bind_int64(fold, 1, id);
	if (sqlite3_step(fold) != SQLITE_ROW)
		die("reading the name key", sqlite3_errmsg(h));
	sqlite3_bind_text(old_same, 2, (const char *)sqlite3_column_text(fold, 0), -1, SQLITE_TRANSIENT);
	sqlite3_finalize(fold);
	sqlite3_bind_text(old_same, 3, site, -1, SQLITE_STATIC);
	sqlite3_bind_text(old_same, 4, mail, -1, SQLITE_STATIC);
	sqlite3_bind_text(old_same, 5, like_site, -1, SQLITE_STATIC);
	sqlite3_bind_text(old_same, 6, like_mail, -1, SQLITE_STATIC);
	sqlite3_bind_int(old_pairs, 1, PD_LIKELY_DOMAIN_MAX);

	double t_old[MAX_RUNS], t_new[MAX_RUNS], tp_old[MAX_RUNS], tp_new[MAX_RUNS];
	long rows_old = 0, rows_new = 0, pairs_old = 0, pairs_new = 0;
	int pair_runs = runs < 3 ? runs : 3;
	/* alternated, so that a busy moment of the shared machine falls on both */
	for (int r = 0; r < runs; r++) {
		double t0 = gen_now();
		rows_old = drain(old_same);
		t_old[r] = gen_now() - t0;
		pd_likely_list l;
		t0 = gen_now();
		if (!pd_partner_likely_same(db, id, 50, &l, &err))
			die("likely same", err.msg);
		t_new[r] = gen_now() - t0;
		rows_new = (long)l.n;
		pd_likely_list_finish(&l);
		if (r >= pair_runs)
			continue;
		t0 = gen_now();
		pairs_old = drain(old_pairs);
		tp_old[r] = gen_now() - t0;
		t0 = gen_now();
		if (!pd_partner_likely_pairs(db, &l, &err))
			die("likely pairs", err.msg);
		tp_new[r] = gen_now() - t0;
		pairs_new = (long)l.n / 2;
		pd_likely_list_finish(&l);
	}
	double mo = median(t_old, runs), mn = median(t_new, runs);
	double po = median(tp_old, pair_runs), pn = median(tp_new, pair_runs);
	printf("%9ld partners  picker (M on #%lld, %s + %s):  LIKE scan %9.3f ms  stored keys %8.3f ms"
	       "  x%.0f  (rows %ld / %ld)\n",
		n, (long long)id, site, mail, mo * 1e3, mn * 1e3, mn > 0 ? mo / mn : 0, rows_old, rows_new);
	printf("%9ld partners  check's pairs:                 keyed per row %9.3f ms  stored keys %8.3f ms"
	       "  x%.1f  (pairs %ld / %ld)\n",
		n, po * 1e3, pn * 1e3, pn > 0 ? po / pn : 0, pairs_old, pairs_new);
	fflush(stdout);
	sqlite3_finalize(old_same);
	sqlite3_finalize(old_pairs);
	sqlite3_close(h);
	pd_partner_destroy(p);
	pd_db_close(db);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	const char *sizes = getenv("BENCH_SIZES") ? getenv("BENCH_SIZES") : "100000,1000000";
	int runs = getenv("BENCH_RUNS") ? atoi(getenv("BENCH_RUNS")) : 7;
	if (runs < 1)
		runs = 1;
	if (runs > MAX_RUNS)
		runs = MAX_RUNS;
	printf("likely duplicates: median of %d runs (check's pairs: of %d); before = the statements\n"
	       "before migration 13 on their own connection, after = the model\n", runs, runs < 3 ? runs : 3);
	int k = 0;
	for (const char *s = sizes; *s && k < MAX_SIZES; k++) {
		char *end;
		long n = strtol(s, &end, 10);
		if (end == s || n < 2)
			die("BENCH_SIZES", sizes);
		bench_size(dir, n, runs);
		s = *end == ',' ? end + 1 : end;
	}
	return 0;
}
