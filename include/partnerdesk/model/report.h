/* Reports over the whole desk: the pipeline, activity, audiences and what
 * needs attention, as plain tables of whole numbers that the command line
 * (text bars, CSV, JSON) and the interface's bar charts all draw from, so
 * every place shows the same figures. */
#ifndef PARTNERDESK_MODEL_REPORT_H
#define PARTNERDESK_MODEL_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef enum pd_report_kind {
	PD_REPORT_PIPELINE = 0,
	PD_REPORT_ACTIVITY,
	PD_REPORT_AUDIENCES,
	PD_REPORT_ATTENTION,
	PD_REPORT__COUNT
} pd_report_kind;

/* Calendar periods ending today (local time): this month, this quarter,
 * this year, or everything. Event counts (moves, interactions, stays that
 * ended) use the period; snapshots (partners per stage, audiences, what
 * needs attention) are always as of now. */
typedef enum pd_report_period {
	PD_PERIOD_MONTH = 0,
	PD_PERIOD_QUARTER,
	PD_PERIOD_YEAR,
	PD_PERIOD_ALL,
	PD_PERIOD__COUNT
} pd_report_period;

const char *pd_report_kind_name(pd_report_kind k);          /* "pipeline" */
bool pd_report_kind_parse(const char *s, pd_report_kind *out);
const char *pd_report_period_name(pd_report_period p);      /* "month" */
const char *pd_report_period_label(pd_report_period p);     /* "this month" */
bool pd_report_period_parse(const char *s, pd_report_period *out);
/* The period `report` and the reports view both start at: all time, so
 * the screen and the printed report answer the same question unless asked
 * otherwise (a view at this year showed 412 calls where `report activity`
 * printed 1,930). All time, as `report` has always printed it: a saved
 * command or spreadsheet keeps its figures. */
#define PD_REPORT_PERIOD_DEFAULT PD_PERIOD_ALL
/* Whether the period changes report k's figures: the audiences and what
 * needs attention are always as of today. */
bool pd_report_kind_uses_period(pd_report_kind k);
/* The period's first local date ("" for all). */
void pd_report_period_start(pd_report_period p, time_t now, char out[PD_DATE_LEN]);

/* One row: a stable key (stage name, "2026-11", partner id, audience), the
 * label people read, and one value per column of its table. */
typedef struct pd_report_row {
	char *key;
	char *label;
	long *values;
} pd_report_row;

typedef struct pd_report_table {
	char *key;          /* "stages", "moves_per_month", ...: stable, for CSV/JSON */
	char *title;        /* "Partners per stage" */
	char **columns;     /* column keys: "partners", "median_days", a channel ...;
	                       no two alike (a JSON row's values are keyed by them):
	                       a later one met twice gets "_2" */
	size_t n_columns;
	int bar_column;     /* the column the bar shows; -1: the row's total */
	pd_report_row *rows;
	size_t n_rows, cap_rows;
} pd_report_table;

typedef struct pd_report {
	pd_report_kind kind;
	pd_report_period period;
	char from[PD_DATE_LEN];    /* "" for all */
	char to[PD_DATE_LEN];      /* today */
	pd_report_table *tables;
	size_t n_tables;
} pd_report;

/* Builds one report from the database under its rules. Tables:
 *  pipeline:  stages (partners now), by_kind (partners now per kind, as
 *             by_audience counts them; kinds no partner has left out),
 *             moves_per_month (moves in the period,
 *             months without moves included), stage_days (stays, median and
 *             90th-percentile days, nearest rank, per open stage: stays that
 *             ended in the period and the ones still running), conversions
 *             (partners moved from each stage to the next, and into each
 *             closed stage, in the period);
 *  activity:  per_month, by_channel, by_staff (one row per person, names
 *             that differ only by case together, keyed and labelled as
 *             most entries spell it), per_month_by_channel;
 *  audiences: by_audience (active partners per audience: total, per stage,
 *             macro, micro, then any stage the config no longer lists),
 *             not_reached (configured audiences no active
 *             partner serves);
 *  attention: summary, stale (no contact for more than stale_days; never
 *             contacted and added that long ago), past_review, no_fit,
 *             overdue (open follow-ups before today). */
bool pd_report_build(pd_db *db, pd_report_kind kind, pd_report_period period,
                     pd_report *out, pd_error *err);
void pd_report_finish(pd_report *r);

/* A table by key, or NULL. */
const pd_report_table *pd_report_table_find(const pd_report *r, const char *key);
/* A row by key, or NULL. */
const pd_report_row *pd_report_row_find(const pd_report_table *t, const char *key);
/* A column's index, or -1. */
long pd_report_column(const pd_report_table *t, const char *key);
/* What the row's bar shows (its bar column, or the sum of its values). */
long pd_report_bar_value(const pd_report_table *t, const pd_report_row *row);
/* The largest bar value in the table (at least 1). */
long pd_report_bar_max(const pd_report_table *t);
/* The characters of the widest bar value in decimal (a total of 100000
 * takes 6): the column that shows them is sized by it, not fixed. */
int pd_report_bar_value_width(const pd_report_table *t);
/* A bar narrower than this says little: figures give way to it, and
 * labels are cut for it. */
#define PD_REPORT_BAR_MIN 10
/* A label is not cut shorter than this for a bar: the bar gives way. */
#define PD_REPORT_LABEL_MIN 10

/* How a chart's line of `width` columns is shared: the labels' columns and
 * whether every figure of a table shows beside the bars (else only the one
 * each bar shows). widest: the widest label; fixed: the columns that are
 * neither label, figures nor bar (indent, the gap before the bar);
 * all_figures, one_figure: the columns every figure, or only the bar's,
 * takes with its gaps. Every figure shows when it takes about half the
 * line at most and leaves a label of PD_REPORT_LABEL_MIN (or the widest,
 * if narrower) and a bar of PD_REPORT_BAR_MIN. The labels then get all
 * they need while a bar of PD_REPORT_BAR_MIN fits, else what the bar can
 * give up: a name is not cut at a fixed width where the bar has room to
 * spare, nor left whole where the bar would vanish. The interface and
 * `report` share out alike. */
typedef struct pd_report_fit {
	int label;
	bool all;
} pd_report_fit;
pd_report_fit pd_report_fit_line(int widest, int fixed, int all_figures, int one_figure, int width);
/* Whether a text view prints the column names above the rows: for several
 * columns, and for a single one the title does not name (a bare "adults 1"
 * under "Who we do not reach" reads as reached by one). */
bool pd_report_names_columns(const pd_report_table *t);
/* Column c's name as a heading: its key with '_' as a space ("past partners"). */
void pd_report_column_label(const pd_report_table *t, size_t c, char *buf, size_t size);

/* The longest bar, in columns, however wide the terminal: the most an
 * 80-column line leaves beside the shortest label and figure (80 - 12).
 * On 200 columns the longest bar ran to 180 for a count of 7, a line
 * across the screen rather than a bar beside its label. */
#define PD_REPORT_BAR_MAX 68

/* A bar of value/max over `width` columns into buf: full blocks and an
 * eighth-block remainder (U+2588, U+258F..U+2589) when utf8, else '#'
 * (rounded). A positive value always shows at least a sliver. Returns the
 * columns the bar takes. */
int pd_report_bar(long value, long max, int width, bool utf8, char *buf, size_t size);

#endif
