/* The report queries: the pipeline, activity, audiences and attention, read
 * from the database into plain tables of whole numbers that every front end
 * draws from. Grouping by month happens here in C, on local dates, so a call
 * logged late on the last evening of a month counts in that month. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/report.h"
#include "partnerdesk/model/text.h"

static const char *const kind_names[PD_REPORT__COUNT] = {
	"pipeline", "activity", "audiences", "attention",
};
static const char *const period_names[PD_PERIOD__COUNT] = {"month", "quarter", "year", "all"};
static const char *const period_labels[PD_PERIOD__COUNT] = {
	"this month", "this quarter", "this year", "all time",
};

const char *pd_report_kind_name(pd_report_kind k)
{
	return k < PD_REPORT__COUNT ? kind_names[k] : "?";
}

bool pd_report_kind_parse(const char *s, pd_report_kind *out)
{
	for (int i = 0; s && i < PD_REPORT__COUNT; i++) {
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (pd_report_kind)i;
			return true;
		}
	}
	return false;
}

bool pd_report_kind_uses_period(pd_report_kind k)
{
	return k == PD_REPORT_PIPELINE || k == PD_REPORT_ACTIVITY;
}

const char *pd_report_period_name(pd_report_period p)
{
	return p < PD_PERIOD__COUNT ? period_names[p] : "?";
}

const char *pd_report_period_label(pd_report_period p)
{
	return p < PD_PERIOD__COUNT ? period_labels[p] : "?";
}

bool pd_report_period_parse(const char *s, pd_report_period *out)
{
	for (int i = 0; s && i < PD_PERIOD__COUNT; i++) {
		if (strcmp(s, period_names[i]) == 0) {
			*out = (pd_report_period)i;
			return true;
		}
	}
	return false;
}

void pd_report_period_start(pd_report_period p, time_t now, char out[PD_DATE_LEN])
{
	struct tm tm;
	out[0] = '\0';
	if (p == PD_PERIOD_ALL || !localtime_r(&now, &tm))
		return;
	int mon = tm.tm_mon;
	if (p == PD_PERIOD_QUARTER)
		mon = mon / 3 * 3;
	else if (p == PD_PERIOD_YEAR)
		mon = 0;
	snprintf(out, PD_DATE_LEN, "%04u-%02u-01", (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(mon + 1) % 100u);
}

/* The UTC instant of a local date's midnight, as stored times compare. */
static void local_midnight_iso(const char *date, char out[PD_TIME_LEN])
{
	struct tm tm = {0};
	out[0] = '\0';
	if (!date[0] || sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	pd_time_format(t, out);
}

/* ---- building tables ---- */

/* Whether t's first n columns hold key. */
static bool column_taken(const pd_report_table *t, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t->columns[i], key) == 0)
			return true;
	return false;
}

/* A copy of want that none of t's first n columns has as its key: want,
 * else want_2, want_3 ... A row's values are an object by column key in
 * JSON (and a column per record in CSV): two columns of one key left one
 * figure, the other lost without a word. */
static char *column_key(const pd_report_table *t, size_t n, const char *want)
{
	if (!column_taken(t, n, want))
		return pd_strdup(want);
	size_t size = strlen(want) + 24;
	char *key = malloc(size);
	for (unsigned k = 2; key; k++) {
		snprintf(key, size, "%s_%u", want, k);
		if (!column_taken(t, n, key))
			break;
	}
	return key;
}

static pd_report_table *table_add(pd_report *r, const char *key, const char *title,
                                  const char *const *columns, size_t n_columns, int bar_column)
{
	pd_report_table *v = realloc(r->tables, (r->n_tables + 1) * sizeof *v);
	if (!v)
		return NULL;
	r->tables = v;
	pd_report_table *t = &v[r->n_tables];
	memset(t, 0, sizeof *t);
	t->key = pd_strdup(key);
	t->title = pd_strdup(title);
	t->columns = calloc(n_columns ? n_columns : 1, sizeof *t->columns);
	t->bar_column = bar_column;
	r->n_tables++;
	if (!t->key || !t->title || !t->columns)
		return NULL;
	for (size_t i = 0; i < n_columns; i++) {
		if (!(t->columns[i] = column_key(t, i, columns[i])))
			return NULL;
		t->n_columns++;
	}
	return t;
}

/* A column added after rows exist (a channel first seen late). */
static long column_add(pd_report_table *t, const char *key)
{
	char **c = realloc(t->columns, (t->n_columns + 1) * sizeof *c);
	if (!c)
		return -1;
	t->columns = c;
	if (!(c[t->n_columns] = column_key(t, t->n_columns, key)))
		return -1;
	for (size_t i = 0; i < t->n_rows; i++) {
		long *v = realloc(t->rows[i].values, (t->n_columns + 1) * sizeof *v);
		if (!v)
			return -1;
		v[t->n_columns] = 0;
		t->rows[i].values = v;
	}
	return (long)t->n_columns++;
}

static void row_free(pd_report_row *row)
{
	free(row->key);
	free(row->label);
	free(row->values);
}

static pd_report_row *row_add(pd_report_table *t, const char *key, const char *label)
{
	pd_report_row *v = pd_grow(t->rows, t->n_rows, &t->cap_rows, sizeof *v, 16);
	if (!v)
		return NULL;
	t->rows = v;
	pd_report_row *row = &t->rows[t->n_rows];
	row->key = pd_strdup(key);
	row->label = pd_strdup(label ? label : key);
	row->values = calloc(t->n_columns ? t->n_columns : 1, sizeof *row->values);
	if (!row->key || !row->label || !row->values) {
		row_free(row);
		return NULL;
	}
	t->n_rows++;
	return row;
}

static pd_report_row *row_get(pd_report_table *t, const char *key)
{
	for (size_t i = 0; i < t->n_rows; i++)
		if (strcmp(t->rows[i].key, key) == 0)
			return &t->rows[i];
	return NULL;
}

/* The row for key, made (labelled label) when missing. */
static pd_report_row *row_need(pd_report_table *t, const char *key, const char *label)
{
	pd_report_row *row = row_get(t, key);
	return row ? row : row_add(t, key, label);
}

const pd_report_table *pd_report_table_find(const pd_report *r, const char *key)
{
	for (size_t i = 0; r && key && i < r->n_tables; i++)
		if (strcmp(r->tables[i].key, key) == 0)
			return &r->tables[i];
	return NULL;
}

const pd_report_row *pd_report_row_find(const pd_report_table *t, const char *key)
{
	for (size_t i = 0; t && key && i < t->n_rows; i++)
		if (strcmp(t->rows[i].key, key) == 0)
			return &t->rows[i];
	return NULL;
}

long pd_report_column(const pd_report_table *t, const char *key)
{
	for (size_t i = 0; t && key && i < t->n_columns; i++)
		if (strcmp(t->columns[i], key) == 0)
			return (long)i;
	return -1;
}

long pd_report_bar_value(const pd_report_table *t, const pd_report_row *row)
{
	if (t->bar_column >= 0 && (size_t)t->bar_column < t->n_columns)
		return row->values[t->bar_column];
	long sum = 0;
	for (size_t i = 0; i < t->n_columns; i++)
		sum += row->values[i];
	return sum;
}

void pd_report_column_label(const pd_report_table *t, size_t c, char *buf, size_t size)
{
	if (!size)
		return;
	snprintf(buf, size, "%s", t && c < t->n_columns && t->columns[c] ? t->columns[c] : "");
	for (char *p = buf; *p; p++)
		if (*p == '_')
			*p = ' ';
}

bool pd_report_names_columns(const pd_report_table *t)
{
	if (!t || t->n_columns == 0)
		return false;
	if (t->n_columns > 1)
		return true;
	char label[128];
	pd_report_column_label(t, 0, label, sizeof label);
	size_t n = strlen(label);
	for (const char *p = t->title; n && p && *p; p++)
		if (pd_ascii_ncasecmp(p, label, n) == 0)
			return false;
	return true;
}

long pd_report_bar_max(const pd_report_table *t)
{
	long max = 1;
	for (size_t i = 0; i < t->n_rows; i++) {
		long v = pd_report_bar_value(t, &t->rows[i]);
		if (v > max)
			max = v;
	}
	return max;
}

int pd_report_bar_value_width(const pd_report_table *t)
{
	int w = 1;
	for (size_t i = 0; t && i < t->n_rows; i++) {
		char num[32];
		int n = snprintf(num, sizeof num, "%ld", pd_report_bar_value(t, &t->rows[i]));
		if (n > w)
			w = n;
	}
	return w;
}

pd_report_fit pd_report_fit_line(int widest, int fixed, int all_figures, int one_figure, int width)
{
	pd_report_fit f;
	int least = widest < PD_REPORT_LABEL_MIN ? widest : PD_REPORT_LABEL_MIN;
	/* The bars are the point of a chart: the figures take at most about
	 * half of the line. */
	f.all = all_figures <= width / 2 + 4 && fixed + least + all_figures + PD_REPORT_BAR_MIN <= width;
	int room = width - fixed - (f.all ? all_figures : one_figure) - PD_REPORT_BAR_MIN;
	f.label = widest < room ? widest : room;
	if (f.label < least)
		f.label = least;
	return f;
}

int pd_report_bar(long value, long max, int width, bool utf8, char *buf, size_t size)
{
	buf[0] = '\0';
	if (value <= 0 || max <= 0 || width <= 0 || size < 4)
		return 0;
	if (value > max)
		value = max;
	size_t o = 0;
	int cols = 0;
	if (utf8) {
		/* Eighths of a column: U+2588 full, U+2589..U+258F seven to one. */
		long eighths = (long)((double)value * width * 8 / (double)max + 0.5);
		if (eighths < 1)
			eighths = 1;
		for (long full = eighths / 8; full > 0 && o + 4 < size; full--, cols++) {
			memcpy(buf + o, "\xe2\x96\x88", 3);
			o += 3;
		}
		int rest = (int)(eighths % 8);
		if (rest && o + 4 < size) {
			buf[o++] = '\xe2';
			buf[o++] = '\x96';
			buf[o++] = (char)(0x88 + (8 - rest));   /* 7/8 is U+2589 ... 1/8 is U+258F */
			cols++;
		}
	} else {
		long n = (long)((double)value * width / (double)max + 0.5);
		if (n < 1)
			n = 1;
		for (; n > 0 && o + 1 < size; n--, cols++)
			buf[o++] = '#';
	}
	buf[o] = '\0';
	return cols;
}

void pd_report_finish(pd_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_tables; i++) {
		pd_report_table *t = &r->tables[i];
		for (size_t k = 0; k < t->n_rows; k++)
			row_free(&t->rows[k]);
		free(t->rows);
		for (size_t k = 0; k < t->n_columns; k++)
			free(t->columns[k]);
		free(t->columns);
		free(t->key);
		free(t->title);
	}
	free(r->tables);
	r->tables = NULL;
	r->n_tables = 0;
}

/* ---- shared bits ---- */

typedef struct ctx {
	pd_db *db;
	const pd_rules *rules;
	pd_report *r;
	time_t now;
	char today[PD_DATE_LEN];
	char since[PD_TIME_LEN];    /* the period's first instant, "" for all */
	pd_error *err;
} ctx;

static bool nomem(ctx *c)
{
	return pd_error_set(c->err, PD_ERR_NOMEM, "out of memory");
}

static const char *stage_label(const pd_rules *r, const char *name)
{
	const pd_stage *st = pd_rules_stage(r, name ? name : "");
	return st && st->label ? st->label : name ? name : "";
}

static bool stage_closed(const pd_rules *r, const char *name)
{
	const pd_stage *st = pd_rules_stage(r, name ? name : "");
	return st && st->closed;
}

/* The configured stage's name for what is stored (case folded), else as is. */
static const char *stage_key(const pd_rules *r, const char *name)
{
	const pd_stage *st = pd_rules_stage(r, name ? name : "");
	return st ? st->name : name ? name : "";
}

static void month_of(const char *iso, char out[8])
{
	char d[PD_DATE_LEN];
	pd_time_local_date(iso, d);
	snprintf(out, 8, "%.7s", d);
}

static void month_next(char m[8])
{
	int y = 0, mo = 0;
	if (sscanf(m, "%d-%d", &y, &mo) != 2)
		return;
	if (++mo > 12) {
		mo = 1;
		y++;
	}
	snprintf(m, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u);
}

/* Rows for every month from first to last (YYYY-MM) that has none yet. */
static bool months_fill(pd_report_table *t, const char *first, const char *last)
{
	if (!first[0] || !last[0])
		return true;
	char m[8];
	snprintf(m, sizeof m, "%s", first);
	for (int guard = 0; strcmp(m, last) <= 0 && guard < 12 * 200; guard++) {
		if (!row_need(t, m, m))
			return false;
		month_next(m);
	}
	return true;
}

/* Calendar days, as every age in the program (pd_time_days_between): a
 * stage entered on 31 Jan and left on 1 Mar lasted 29 days, whatever the
 * hours. */
static long days_between(time_t a, time_t b)
{
	long d = pd_time_days_between(a, b);
	return d > 0 ? d : 0;
}

static long days_since_iso(const char *iso, time_t now)
{
	time_t t;
	if (!iso || !pd_time_parse(iso, &t))
		return 0;
	return days_between(t, now);
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static int cmp_row_key(const void *a, const void *b)
{
	return strcmp(((const pd_report_row *)a)->key, ((const pd_report_row *)b)->key);
}

/* Sorts rows by the first column, largest first, then by label. */
static int cmp_row_desc(const void *a, const void *b)
{
	const pd_report_row *x = a, *y = b;
	if (x->values[0] != y->values[0])
		return x->values[0] < y->values[0] ? 1 : -1;
	return pd_fold_cmp(x->label, y->label);
}

/* ---- pipeline ---- */

typedef struct hist_row {
	int64_t partner_id;
	char *from, *to;
	char at[PD_TIME_LEN];
	time_t t;
} hist_row;

static void hist_free(hist_row *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(h[i].from);
		free(h[i].to);
	}
	free(h);
}

static bool fill_hist(sqlite3_stmt *st, void *row)
{
	hist_row *h = row;
	h->partner_id = sqlite3_column_int64(st, 0);
	pd_col_buf(st, 3, h->at, sizeof h->at);
	if (!pd_time_parse(h->at, &h->t))
		h->t = 0;
	/* from is NULL for the stage a partner was created in: a copy lost
	 * to memory must not pass for one. */
	return pd_col_copy(st, 1, &h->from) && pd_col_copy(st, 2, &h->to);
}

static bool hist_load(ctx *c, hist_row **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	sqlite3_stmt *st = pd_stmt(c->db, "SELECT partner_id, from_stage, to_stage, at FROM stage_history "
		"ORDER BY partner_id, at, id", c->err);
	if (!st)
		return false;
	hist_row *v = NULL;
	size_t n = 0;
	if (!pd_rows_read(c->db, st, &v, &n, sizeof *v, 256, fill_hist, "reading the stage history", c->err)) {
		hist_free(v, n);
		return false;
	}
	*out = v;
	*n_out = n;
	return true;
}

static bool rows_by_fold(pd_report_table *t, size_t first);
static bool pipeline_kinds(ctx *c);

static bool pipeline_stages(ctx *c)
{
	static const char *const cols[] = {"partners"};
	pd_report_table *t = table_add(c->r, "stages", "Partners per stage (now)", cols, 1, 0);
	if (!t)
		return nomem(c);
	for (size_t i = 0; i < c->rules->n_stages; i++)
		if (!row_add(t, c->rules->stages[i].name, stage_label(c->rules, c->rules->stages[i].name)))
			return nomem(c);
	sqlite3_stmt *st = pd_stmt(c->db, "SELECT stage, count(*) FROM partners GROUP BY stage", c->err);
	if (!st)
		return false;
	int rc;
	bool ok = true;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *stage = (const char *)sqlite3_column_text(st, 0);
		const char *key = stage_key(c->rules, stage);
		pd_report_row *row = row_need(t, key, stage_label(c->rules, key));
		if (!row)
			ok = nomem(c);
		else
			row->values[0] += sqlite3_column_int64(st, 1);
	}
	if (ok && rc != SQLITE_DONE)
		ok = pd_db_fail(c->db, c->err, "counting partners per stage");
	pd_stmt_done(c->db, st);
	/* Stages an old config listed, however the desk spells them: one row. */
	if (ok && !rows_by_fold(t, c->rules->n_stages))
		ok = nomem(c);
	return ok;
}

static bool in_period(const ctx *c, const char *at)
{
	return !c->since[0] || strcmp(at, c->since) >= 0;
}

static bool pipeline_moves(ctx *c, const hist_row *h, size_t n)
{
	static const char *const cols[] = {"moves"};
	pd_report_table *t = table_add(c->r, "moves_per_month", "Stage moves per month", cols, 1, 0);
	if (!t)
		return nomem(c);
	/* Months from the period's first (or the first move ever) to now. */
	char first[8] = "", last[8];
	if (c->since[0]) {
		month_of(c->since, first);
	} else {
		for (size_t i = 0; i < n; i++) {
			char m[8];
			if (!h[i].from)
				continue;
			month_of(h[i].at, m);
			if (!first[0] || strcmp(m, first) < 0)
				snprintf(first, sizeof first, "%s", m);
		}
	}
	char stamp[PD_TIME_LEN];
	pd_time_format(c->now, stamp);
	month_of(stamp, last);
	for (size_t i = 0; i < n; i++) {
		char m[8];
		if (h[i].from && in_period(c, h[i].at)) {
			month_of(h[i].at, m);
			if (strcmp(m, last) > 0)
				snprintf(last, sizeof last, "%s", m);
		}
	}
	if (first[0] && !months_fill(t, first, last))
		return nomem(c);
	for (size_t i = 0; i < n; i++) {
		if (!h[i].from || !in_period(c, h[i].at))
			continue;
		char m[8];
		month_of(h[i].at, m);
		pd_report_row *row = row_need(t, m, m);
		if (!row)
			return nomem(c);
		row->values[0]++;
	}
	return true;
}

static bool pipeline_conversions(ctx *c, const hist_row *h, size_t n)
{
	static const char *const cols[] = {"partners"};
	pd_report_table *t = table_add(c->r, "conversions",
		"Conversions: partners moved on (in the period)", cols, 1, 0);
	if (!t)
		return nomem(c);
	const pd_rules *r = c->rules;
	/* From each open stage to the next open one, in pipeline order; then
	 * into each closed stage. The row's key names both ends. */
	for (size_t i = 0; i < r->n_stages; i++) {
		if (r->stages[i].closed)
			continue;
		size_t j = i + 1;
		while (j < r->n_stages && r->stages[j].closed)
			j++;
		if (j >= r->n_stages)
			break;
		char key[256], label[256];
		snprintf(key, sizeof key, "%s>%s", r->stages[i].name, r->stages[j].name);
		snprintf(label, sizeof label, "%s to %s", stage_label(r, r->stages[i].name),
		         stage_label(r, r->stages[j].name));
		if (!row_add(t, key, label))
			return nomem(c);
	}
	for (size_t i = 0; i < r->n_stages; i++) {
		if (!r->stages[i].closed)
			continue;
		char key[256];
		snprintf(key, sizeof key, ">%s", r->stages[i].name);
		if (!row_add(t, key, stage_label(r, r->stages[i].name)))
			return nomem(c);
	}
	/* A partner counts once per row however often it made the move. */
	int64_t *last = calloc(t->n_rows ? t->n_rows : 1, sizeof *last);
	if (!last)
		return nomem(c);
	for (size_t i = 0; i < n; i++) {
		if (!h[i].from || !in_period(c, h[i].at))
			continue;
		char key[256];
		if (stage_closed(r, h[i].to))
			snprintf(key, sizeof key, ">%s", stage_key(r, h[i].to));
		else
			snprintf(key, sizeof key, "%s>%s", stage_key(r, h[i].from), stage_key(r, h[i].to));
		for (size_t k = 0; k < t->n_rows; k++) {
			if (strcmp(t->rows[k].key, key) == 0 && last[k] != h[i].partner_id) {
				t->rows[k].values[0]++;
				last[k] = h[i].partner_id;
			}
		}
	}
	free(last);
	return true;
}

static bool pipeline_stage_days(ctx *c, const hist_row *h, size_t n)
{
	static const char *const cols[] = {"stays", "median_days", "p90_days"};
	pd_report_table *t = table_add(c->r, "stage_days", "Days spent in each stage (median)", cols, 3, 1);
	if (!t)
		return nomem(c);
	const pd_rules *r = c->rules;
	size_t ns = r->n_stages;
	long **days = calloc(ns ? ns : 1, sizeof *days);
	size_t *cnt = calloc(ns ? ns : 1, sizeof *cnt);
	bool ok = days && cnt;
	for (size_t i = 0; ok && i < n; i++) {
		long s = pd_rules_stage_index(r, h[i].to ? h[i].to : "");
		if (s < 0 || r->stages[s].closed)
			continue;
		bool ended = i + 1 < n && h[i + 1].partner_id == h[i].partner_id;
		if (ended && !in_period(c, h[i + 1].at))
			continue;
		long d = days_between(h[i].t, ended ? h[i + 1].t : c->now);
		long *v = realloc(days[s], (cnt[s] + 1) * sizeof *v);
		if (!v) {
			ok = false;
			break;
		}
		v[cnt[s]++] = d;
		days[s] = v;
	}
	for (size_t s = 0; ok && s < ns; s++) {
		if (r->stages[s].closed)
			continue;
		pd_report_row *row = row_add(t, r->stages[s].name, stage_label(r, r->stages[s].name));
		if (!row) {
			ok = false;
			break;
		}
		size_t k = cnt[s];
		row->values[0] = (long)k;
		if (k) {
			qsort(days[s], k, sizeof *days[s], cmp_long);
			/* Nearest rank: the ceil(p * n)-th smallest. */
			row->values[1] = days[s][(k + 1) / 2 - 1];
			row->values[2] = days[s][(9 * k + 9) / 10 - 1];
		}
	}
	for (size_t s = 0; days && s < ns; s++)
		free(days[s]);
	free(days);
	free(cnt);
	return ok ? true : nomem(c);
}

static bool build_pipeline(ctx *c)
{
	hist_row *h;
	size_t n;
	if (!pipeline_stages(c) || !pipeline_kinds(c) || !hist_load(c, &h, &n))
		return false;
	bool ok = pipeline_moves(c, h, n) && pipeline_stage_days(c, h, n) && pipeline_conversions(c, h, n);
	hist_free(h, n);
	return ok;
}

/* ---- activity ---- */

/* The month of n, starting at starts[i] (in order), that the stored time at
 * falls in; -1 for a time before the first or not in the stored form. */
static long month_row(const char (*starts)[PD_TIME_LEN], size_t n, const char *at)
{
	if (strlen(at) != PD_TIME_LEN - 1)
		return -1;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(starts[mid], at) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo - 1;
}

static long channel_column(ctx *c, pd_report_table *t, const char *channel)
{
	long col = pd_report_column(t, channel);
	return col >= 0 ? col : column_add(t, channel);
}

/* One row per thing however the log spells it, for t's rows from `first`
 * on: "jane" from the OS user and "Jane" from an imported log or a backup
 * are the same member of staff, "Fax" and "fax" (a channel the config does
 * not list) the same channel. Rows whose keys differ only by case or
 * accents (pd_fold: "Émile", "ÉMILE" and "Emile") become one, keyed and labelled as
 * the spelling with the most entries (the first in byte order on a tie, so
 * it does not depend on the log's order). Folds once per spelling, not per
 * entry. */
static bool rows_by_fold(pd_report_table *t, size_t first)
{
	size_t n = t->n_rows, out = first;
	if (n <= first)
		return true;
	char **folds = calloc(n, sizeof *folds);
	long *most = calloc(n, sizeof *most);   /* entries of the kept spelling */
	bool ok = folds && most;
	for (size_t i = first; ok && i < n; i++)
		ok = (folds[i] = pd_fold(t->rows[i].key)) != NULL;
	for (size_t i = first; ok && i < n; i++) {
		pd_report_row *row = &t->rows[i];
		size_t g = first;
		while (g < out && strcmp(folds[g], folds[i]) != 0)
			g++;
		if (g == out) {
			t->rows[out] = *row;
			most[out] = pd_report_bar_value(t, row);
			if (out != i) {
				free(folds[out]);
				folds[out] = folds[i];
				folds[i] = NULL;
			}
			out++;
			continue;
		}
		pd_report_row *into = &t->rows[g];
		long v = pd_report_bar_value(t, row);
		for (size_t k = 0; k < t->n_columns; k++)
			into->values[k] += row->values[k];
		if (v > most[g] || (v == most[g] && strcmp(row->key, into->key) < 0)) {
			/* This spelling names the group: its key and label move. */
			char *k = into->key, *l = into->label;
			into->key = row->key;
			into->label = row->label;
			row->key = k;
			row->label = l;
			most[g] = v;
		}
		row_free(row);
	}
	if (ok)
		t->n_rows = out;
	for (size_t i = 0; folds && i < n; i++)
		free(folds[i]);
	free(folds);
	free(most);
	return ok;
}

/* The same for t's columns from `first` on (the channels the config does
 * not list, as the log spells them): columns whose keys fold alike add up
 * in one, keyed as `names` (rows_by_fold's table of the same channels)
 * names their group, so a table and its columns agree. */
static bool columns_by_fold(pd_report_table *t, size_t first, const pd_report_table *names)
{
	size_t n = t->n_columns, out = first;
	if (n <= first)
		return true;
	char **folds = calloc(n, sizeof *folds);
	bool ok = folds != NULL;
	for (size_t i = first; ok && i < n; i++)
		ok = (folds[i] = pd_fold(t->columns[i])) != NULL;
	for (size_t i = first; ok && i < n; i++) {
		size_t g = first;
		while (g < out && strcmp(folds[g], folds[i]) != 0)
			g++;
		if (g == out) {
			if (out != i) {
				t->columns[out] = t->columns[i];
				t->columns[i] = NULL;
				free(folds[out]);
				folds[out] = folds[i];
				folds[i] = NULL;
				for (size_t r = 0; r < t->n_rows; r++)
					t->rows[r].values[out] = t->rows[r].values[i];
			}
			out++;
			continue;
		}
		for (size_t r = 0; r < t->n_rows; r++)
			t->rows[r].values[g] += t->rows[r].values[i];
		free(t->columns[i]);
		t->columns[i] = NULL;
	}
	if (!ok) {
		/* Nothing has moved when a fold failed: the first loop stopped. */
		for (size_t i = 0; folds && i < n; i++)
			free(folds[i]);
		free(folds);
		return false;
	}
	t->n_columns = out;
	for (size_t g = first; ok && g < out; g++) {
		for (size_t r = 0; r < names->n_rows; r++) {
			if (pd_fold_cmp(names->rows[r].key, t->columns[g]) != 0
			    || strcmp(names->rows[r].key, t->columns[g]) == 0)
				continue;
			char *key = pd_strdup(names->rows[r].key);
			if (!key) {
				ok = false;
				break;
			}
			free(t->columns[g]);
			t->columns[g] = key;
			break;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(folds[i]);
	free(folds);
	return ok;
}

static bool build_activity(ctx *c)
{
	static const char *const cols[] = {"interactions"};
	const pd_rules *r = c->rules;
	pd_report_table *per_month = table_add(c->r, "per_month", "Interactions per month", cols, 1, 0);
	pd_report_table *by_channel = per_month ? table_add(c->r, "by_channel", "Interactions by channel", cols, 1, 0) : NULL;
	pd_report_table *by_staff = by_channel ? table_add(c->r, "by_staff", "Interactions by staff member", cols, 1, 0) : NULL;
	pd_report_table *cross = by_staff ? table_add(c->r, "per_month_by_channel", "Interactions per month by channel",
	                                              (const char *const *)r->channels.v, r->channels.n, -1) : NULL;
	if (!cross)
		return nomem(c);
	/* table_add may move the tables: find them again by position. */
	size_t base = c->r->n_tables - 4;
	per_month = &c->r->tables[base];
	by_channel = &c->r->tables[base + 1];
	by_staff = &c->r->tables[base + 2];
	cross = &c->r->tables[base + 3];
	for (size_t i = 0; i < r->channels.n; i++)
		if (!row_add(by_channel, r->channels.v[i], r->channels.v[i]))
			return nomem(c);

	/* The months: the period's (or the first entry's) to now's, or to the
	 * last entry's when one lies ahead. */
	char first[8] = "", last[8];
	char stamp[PD_TIME_LEN];
	pd_time_format(c->now, stamp);
	month_of(stamp, last);
	sqlite3_stmt *st = pd_stmt(c->db, "SELECT (SELECT min(at) FROM interactions), "
		"(SELECT max(at) FROM interactions)", c->err);
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		char at[PD_TIME_LEN], m[8];
		pd_col_buf(st, 0, at, sizeof at);
		if (!c->since[0] && at[0])
			month_of(at, first);
		pd_col_buf(st, 1, at, sizeof at);
		month_of(at, m);
		if (strcmp(m, last) > 0)
			snprintf(last, sizeof last, "%s", m);
	}
	pd_stmt_done(c->db, st);
	if (rc != SQLITE_ROW)
		return pd_db_fail(c->db, c->err, "reading the log");
	if (c->since[0])
		month_of(c->since, first);
	if (first[0] && (!months_fill(per_month, first, last) || !months_fill(cross, first, last)))
		return nomem(c);
	/* Where each month begins as a stored time, so that an entry finds its
	 * local month by a binary search, not a conversion each. */
	size_t n_months = per_month->n_rows;
	char (*starts)[PD_TIME_LEN] = calloc(n_months ? n_months : 1, sizeof *starts);
	if (!starts)
		return nomem(c);
	for (size_t i = 0; i < n_months; i++) {
		char day[PD_DATE_LEN];
		snprintf(day, sizeof day, "%.7s-01", per_month->rows[i].key);
		local_midnight_iso(day, starts[i]);
	}

	/* One pass over the table in its own order: a range over the index on
	 * at (or ORDER BY at) visits the rows' pages at random, 2.8 s for a
	 * million entries against 0.3 s for the pass. */
	st = pd_stmt(c->db, "SELECT at, channel, staff FROM interactions WHERE +at >= ?1", c->err);
	if (!st) {
		free(starts);
		return false;
	}
	sqlite3_bind_text(st, 1, c->since, -1, SQLITE_TRANSIENT);
	bool ok = true;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *at = (const char *)sqlite3_column_text(st, 0);
		const char *ch = (const char *)sqlite3_column_text(st, 1);
		const char *by = (const char *)sqlite3_column_text(st, 2);
		long mi = month_row((const char (*)[PD_TIME_LEN])starts, n_months, at ? at : "");
		pd_report_row *a, *x;
		if (mi >= 0) {
			a = &per_month->rows[mi];
			x = &cross->rows[mi];
		} else {
			char month[8];
			month_of(at ? at : "", month);
			a = row_need(per_month, month, month);
			x = a ? row_need(cross, month, month) : NULL;
		}
		/* The channel as configured, whatever its case in the row. */
		if (!ch || !*ch)
			ch = "(none)";
		long ci = pd_strv_find(&r->channels, ch);
		const char *channel = ci >= 0 ? r->channels.v[ci] : ch;
		pd_report_row *b = row_need(by_channel, channel, channel);
		pd_report_row *s = row_need(by_staff, by && *by ? by : "(unknown)", NULL);
		long col = channel_column(c, cross, channel);
		if (!a || !b || !s || col < 0 || !x) {
			ok = nomem(c);
			break;
		}
		a->values[0]++;
		b->values[0]++;
		s->values[0]++;
		x->values[col]++;
	}
	if (ok && rc != SQLITE_DONE)
		ok = pd_db_fail(c->db, c->err, "reading the log");
	pd_stmt_done(c->db, st);
	free(starts);
	/* An entry whose time is not in the stored form made its month last. */
	if (ok && per_month->n_rows > 1)
		qsort(per_month->rows, per_month->n_rows, sizeof *per_month->rows, cmp_row_key);
	if (ok && cross->n_rows > 1)
		qsort(cross->rows, cross->n_rows, sizeof *cross->rows, cmp_row_key);
	if (ok && (!rows_by_fold(by_staff, 0) || !rows_by_fold(by_channel, r->channels.n)
	           || !columns_by_fold(cross, r->channels.n, by_channel)))
		ok = nomem(c);
	if (ok && by_staff->n_rows > 1)
		qsort(by_staff->rows, by_staff->n_rows, sizeof *by_staff->rows, cmp_row_desc);
	return ok;
}

/* ---- audiences ---- */

/* The audiences table's own columns besides the stages'. */
static const char *const audience_counts[] = {"partners", "macro", "micro"};

/* A stage's column key in the audiences table: its name, or "stage:NAME"
 * for a stage named like one of the table's own columns (a stage called
 * "micro" or "partners"), whose key stays as documented. A name never
 * holds ':', so the two cannot meet again. */
static const char *audience_stage_key(const char *stage, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof audience_counts / sizeof audience_counts[0]; i++) {
		if (pd_ascii_casecmp(stage, audience_counts[i]) == 0) {
			snprintf(buf, size, "stage:%s", stage);
			return buf;
		}
	}
	return stage;
}

/* The column, from `first` on, of a stage the config no longer lists (made
 * when missing): its partners are counted in a stage column as any, as
 * they have their row in the pipeline. */
static long unlisted_stage_column(pd_report_table *t, size_t first, const char *stage)
{
	char buf[128];
	const char *key = audience_stage_key(stage, buf, sizeof buf);
	for (size_t i = first; i < t->n_columns; i++)
		if (pd_fold_cmp(t->columns[i], key) == 0)
			return (long)i;
	return column_add(t, key);
}

/* A table of partners per value (an audience, a kind): the active ones
 * in "partners", every one in its stage's column (closed stages too: who
 * we used to reach), the active ones again by scale; a row per value
 * `listed` names, in its order. NULL after nomem. */
static pd_report_table *by_value_table(ctx *c, const char *key, const char *title, const pd_strv *listed)
{
	const pd_rules *r = c->rules;
	size_t nc = 1 + r->n_stages + 2;
	const char **cols = calloc(nc, sizeof *cols);
	char (*keys)[80] = calloc(r->n_stages ? r->n_stages : 1, sizeof *keys);
	if (!cols || !keys) {
		free(cols);
		free(keys);
		nomem(c);
		return NULL;
	}
	cols[0] = audience_counts[0];
	for (size_t i = 0; i < r->n_stages; i++)
		cols[1 + i] = audience_stage_key(r->stages[i].name, keys[i], sizeof keys[i]);
	cols[1 + r->n_stages] = audience_counts[1];
	cols[2 + r->n_stages] = audience_counts[2];
	pd_report_table *t = table_add(c->r, key, title, cols, nc, 0);
	free(cols);
	free(keys);
	for (size_t i = 0; t && i < listed->n; i++)
		if (!row_add(t, listed->v[i], listed->v[i]))
			t = NULL;
	if (!t)
		nomem(c);
	return t;
}

/* Counts st's rows (value, stage, scale, the value folded; in the folded
 * order) into a by_value_table. A value `listed` lacks is one row however
 * partners spell it ("Rural Folks", "RURAL FOLKS"), named as its first
 * partner does; an empty one is labelled `empty` ("(no kind)"). */
static bool count_by_value(ctx *c, pd_report_table *t, const pd_strv *listed, const char *empty,
                           sqlite3_stmt *st, const char *doing)
{
	const pd_rules *r = c->rules;
	int rc;
	bool ok = true;
	char *fold = NULL;
	size_t fold_row = 0;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *value = (const char *)sqlite3_column_text(st, 0);
		const char *stage = (const char *)sqlite3_column_text(st, 1);
		const char *scale = (const char *)sqlite3_column_text(st, 2);
		const char *vf = (const char *)sqlite3_column_text(st, 3);
		long ai = pd_strv_find(listed, value ? value : "");
		const char *said = ai >= 0 ? listed->v[ai] : value ? value : "";
		pd_report_row *row;
		if (ai < 0 && fold && vf && strcmp(fold, vf) == 0) {
			row = &t->rows[fold_row];
		} else {
			row = row_need(t, said, *said ? said : empty);
			if (row && ai < 0) {
				free(fold);
				fold = pd_strdup(vf ? vf : "");
				fold_row = (size_t)(row - t->rows);
			}
		}
		if (!row || (ai < 0 && !fold)) {
			ok = nomem(c);
			break;
		}
		long si = pd_rules_stage_index(r, stage ? stage : "");
		bool active = si < 0 || !r->stages[si].closed;
		long col = si >= 0 ? 1 + si : unlisted_stage_column(t, 3 + r->n_stages, stage ? stage : "");
		if (col < 0) {
			ok = nomem(c);
			break;
		}
		row->values[col]++;
		if (!active)
			continue;   /* counted only in its stage's column: who we used to reach */
		row->values[0]++;
		if (scale && strcmp(scale, "macro") == 0)
			row->values[1 + r->n_stages]++;
		else if (scale && strcmp(scale, "micro") == 0)
			row->values[2 + r->n_stages]++;
	}
	free(fold);
	if (ok && rc != SQLITE_DONE)
		ok = pd_db_fail(c->db, c->err, doing);
	pd_stmt_done(c->db, st);
	return ok;
}

/* Partners per kind, for the board's "what kinds of partner do we have,
 * and how far along": kinds no partner has, ever, are left out (fifteen
 * configured, most desks have a few). */
static bool pipeline_kinds(ctx *c)
{
	pd_report_table *t = by_value_table(c, "by_kind",
		"Partners per kind (partners, macro, micro: active ones only)", &c->rules->kinds);
	if (!t)
		return false;
	sqlite3_stmt *st = pd_stmt(c->db, "SELECT coalesce(kind, ''), stage, scale, pd_name_key(coalesce(kind, '')) "
		"FROM partners ORDER BY 4, id", c->err);
	if (!st || !count_by_value(c, t, &c->rules->kinds, "(no kind)", st, "counting partners per kind"))
		return false;
	size_t kept = 0;
	for (size_t i = 0; i < t->n_rows; i++) {
		bool any = false;
		for (size_t k = 0; k < t->n_columns && !any; k++)
			any = t->rows[i].values[k] != 0;
		if (any)
			t->rows[kept++] = t->rows[i];
		else
			row_free(&t->rows[i]);
	}
	t->n_rows = kept;
	return true;
}

static bool build_audiences(ctx *c)
{
	const pd_rules *r = c->rules;
	/* The stage columns count closed stages too (who we used to reach),
	 * so the title says which figures are the active partners only. */
	if (!by_value_table(c, "by_audience", "Partners per audience (partners, macro, micro: active ones only)",
	                    &r->audiences))
		return false;
	static const char *const nr_cols[] = {"past_partners"};
	if (!table_add(c->r, "not_reached", "Who we do not reach: audiences no active partner serves", nr_cols, 1, 0))
		return nomem(c);
	pd_report_table *t = &c->r->tables[c->r->n_tables - 2];
	pd_report_table *not_reached = &c->r->tables[c->r->n_tables - 1];

	sqlite3_stmt *st = pd_stmt(c->db, "SELECT a.value, p.stage, p.scale, a.value_fold FROM partner_audiences a "
		"JOIN partners p ON p.id = a.partner_id ORDER BY a.value_fold, p.id", c->err);
	if (!st)
		return false;
	bool ok = count_by_value(c, t, &r->audiences, "", st, "counting audiences");
	for (size_t i = 0; ok && i < r->audiences.n; i++) {
		const pd_report_row *row = row_get(t, r->audiences.v[i]);
		if (!row || row->values[0] > 0)
			continue;
		long past = 0;
		for (size_t s = 0; s < r->n_stages; s++)
			if (r->stages[s].closed)
				past += row->values[1 + s];
		pd_report_row *nr = row_add(not_reached, row->key, row->label);
		if (!nr)
			ok = nomem(c);
		else
			nr->values[0] = past;
	}
	return ok;
}

/* ---- attention ---- */

static bool partner_row(ctx *c, pd_report_table *t, int64_t id, const char *name, long value)
{
	char key[32];
	snprintf(key, sizeof key, "%lld", (long long)id);
	pd_report_row *row = row_add(t, key, name);
	if (!row)
		return nomem(c);
	row->values[0] = value;
	return true;
}

static bool build_attention(ctx *c)
{
	static const char *const sum_cols[] = {"count"};
	static const char *const stale_cols[] = {"days_quiet"};
	static const char *const review_cols[] = {"days_past"};
	static const char *const fit_cols[] = {"days_since_added"};
	static const char *const due_cols[] = {"days_overdue"};
	const pd_rules *r = c->rules;
	/* The board asks "quiet for how long?": the title says the desk's
	 * stale_days, so that an empty list is read as an answer. */
	char stale_title[96];
	if (r->stale_days > 0)
		snprintf(stale_title, sizeof stale_title, "Stale: no contact in more than %d days (days quiet)",
		         r->stale_days);
	else
		snprintf(stale_title, sizeof stale_title, "Stale: not flagged, stale_days is 0 (days quiet)");
	if (!table_add(c->r, "summary", "Needs attention", sum_cols, 1, 0) ||
	    !table_add(c->r, "stale", stale_title, stale_cols, 1, 0) ||
	    !table_add(c->r, "past_review", "Past their review date (days past)", review_cols, 1, 0) ||
	    !table_add(c->r, "no_fit", "Without a fit assessment (days since added)", fit_cols, 1, 0) ||
	    !table_add(c->r, "overdue", "Overdue follow-ups (days overdue)", due_cols, 1, 0))
		return nomem(c);
	size_t base = c->r->n_tables - 5;
	pd_report_table *summary = &c->r->tables[base], *stale = &c->r->tables[base + 1],
		*review = &c->r->tables[base + 2], *nofit = &c->r->tables[base + 3], *due = &c->r->tables[base + 4];

	sqlite3_stmt *st = pd_stmt(c->db, "SELECT p.id, p.name, p.stage, p.last_contact, p.created, p.review_date, "
		"EXISTS (SELECT 1 FROM fit_scores f WHERE f.partner_id = p.id) FROM partners p ORDER BY p.sort_key, p.id",
		c->err);
	if (!st)
		return false;
	int rc;
	bool ok = true;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *stage = (const char *)sqlite3_column_text(st, 2);
		const char *last = (const char *)sqlite3_column_text(st, 3);
		const char *created = (const char *)sqlite3_column_text(st, 4);
		const char *rev = (const char *)sqlite3_column_text(st, 5);
		bool has_fit = sqlite3_column_int(st, 6) != 0;
		if (stage_closed(r, stage))
			continue;
		long quiet = days_since_iso(last && *last ? last : created, c->now);
		if (r->stale_days > 0 && quiet > r->stale_days)
			ok = partner_row(c, stale, id, name, quiet);
		if (ok && rev && pd_date_valid(rev) && strcmp(rev, c->today) < 0)
			ok = partner_row(c, review, id, name, pd_date_diff(rev, c->today));
		if (ok && !has_fit)
			ok = partner_row(c, nofit, id, name, days_since_iso(created, c->now));
	}
	if (ok && rc != SQLITE_DONE)
		ok = pd_db_fail(c->db, c->err, "reading partners");
	pd_stmt_done(c->db, st);
	if (!ok)
		return false;

	st = pd_stmt(c->db, "SELECT i.id, p.name, i.follow_up FROM interactions i JOIN partners p ON p.id = i.partner_id "
		"WHERE i.done = 0 AND i.follow_up IS NOT NULL AND i.follow_up <> '' AND i.follow_up < ?1 "
		"ORDER BY i.follow_up, i.id", c->err);
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, c->today, -1, SQLITE_TRANSIENT);
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char fu[PD_DATE_LEN];
		pd_col_buf(st, 2, fu, sizeof fu);
		ok = partner_row(c, due, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		                 pd_date_valid(fu) ? pd_date_diff(fu, c->today) : 0);
	}
	if (ok && rc != SQLITE_DONE)
		ok = pd_db_fail(c->db, c->err, "reading follow-ups");
	pd_stmt_done(c->db, st);
	if (!ok)
		return false;

	/* An empty table has no rows array, and qsort's is declared nonnull. */
	if (stale->n_rows > 1)
		qsort(stale->rows, stale->n_rows, sizeof *stale->rows, cmp_row_desc);
	if (review->n_rows > 1)
		qsort(review->rows, review->n_rows, sizeof *review->rows, cmp_row_desc);
	if (nofit->n_rows > 1)
		qsort(nofit->rows, nofit->n_rows, sizeof *nofit->rows, cmp_row_desc);
	const struct { const char *key, *label; const pd_report_table *t; } sums[] = {
		{"stale", "stale partners", stale},
		{"past_review", "past review", review},
		{"no_fit", "no fit assessment", nofit},
		{"overdue", "overdue follow-ups", due},
	};
	for (size_t i = 0; i < sizeof sums / sizeof sums[0]; i++) {
		pd_report_row *row = row_add(summary, sums[i].key, sums[i].label);
		if (!row)
			return nomem(c);
		row->values[0] = (long)sums[i].t->n_rows;
	}
	return true;
}

bool pd_report_build(pd_db *db, pd_report_kind kind, pd_report_period period, pd_report *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	if (kind >= PD_REPORT__COUNT || period >= PD_PERIOD__COUNT)
		return pd_error_set(err, PD_ERR_INVALID, "no such report or period");
	out->kind = kind;
	out->period = period;
	ctx c = {.db = db, .rules = pd_db_rules(db), .r = out, .now = pd_db_now(db), .err = err};
	pd_date_today(c.now, c.today);
	snprintf(out->to, sizeof out->to, "%s", c.today);
	pd_report_period_start(period, c.now, out->from);
	local_midnight_iso(out->from, c.since);
	bool ok = false;
	switch (kind) {
	case PD_REPORT_PIPELINE: ok = build_pipeline(&c); break;
	case PD_REPORT_ACTIVITY: ok = build_activity(&c); break;
	case PD_REPORT_AUDIENCES: ok = build_audiences(&c); break;
	case PD_REPORT_ATTENTION: ok = build_attention(&c); break;
	default: break;
	}
	if (!ok)
		pd_report_finish(out);
	return ok;
}
