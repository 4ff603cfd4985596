/* The model benchmark: each operation the interface and the commands make,
 * timed through the model API and against its floor (the same answer from
 * hand-written SQL through the sqlite3 library, same process, same file),
 * at several sizes side by side. Reports; never fails on a slow result.
 *
 * Besides the table: each file's size, and PRAGMA quick_check on it (what
 * every open ran before opening checked the schema only) against the open.
 *
 * usage: bench_model [CACHE_DIR] (env BENCH_SIZES="1000,10000,100000",
 * BENCH_RUNS=10, BENCH_SKIP="import,export,quick_check") */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen.h"
#include "partnerdesk/io/export.h"
#include "partnerdesk/io/import.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/guess.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "../../src/model/internal.h"

#define MAX_SIZES 4
#define MAX_RUNS 200

enum op {
	OP_OPEN, OP_FILTER, OP_FILTER_SET, OP_FILTER_PAIR, OP_PAIR_PEOPLE, OP_COMMON_PAIR, OP_FILTER_TYPO, OP_FILTER_NONE, OP_KANBAN, OP_AGENDA, OP_DETAIL, OP_EXPORT, OP_IMPORT, OP__COUNT
};

static const char *const op_names[OP__COUNT] = {
	"open + first screen (50 by name)",
	"filter keystroke \"mus\" (50 + count)",
	"filter \"sci\" (floor: per partner)",
	"filter \"xy\", a rare pair (names only)",
	"filter \"xy\" (floor: names + people)",
	"filter \"mu\", common pair (count 1,000)",
	"filter \"harbr\" + guess (floor: none)",
	"filter \"xyzzy\" + guess, none near",
	"kanban: counts + top 30 per stage",
	"agenda: due within 14 days",
	"detail: contacts, last 50, history",
	"export everything as YAML",
	"import N CSV rows (fresh file)",
};

typedef struct result {
	double model, floor;   /* medians, seconds; < 0: not measured */
	int runs;
	long items;            /* rows the operation produced, a sanity check */
	long floor_items;
} result;

typedef struct ctx {
	const char *path;      /* the cached database */
	const char *dir;
	long n;
	pd_db *db;             /* the model's handle for the read operations */
	sqlite3 *h;            /* the floor's own connection */
	FILE *devnull;
	long items, floor_items;
	double t_end;          /* set by an operation whose cleanup is not timed */
} ctx;

static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_model: %s: %s\n", what, msg);
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

static sqlite3_stmt *prep(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(h));
	return st;
}

/* Steps st to the end, touching every column as a reader would. */
static long drain(sqlite3_stmt *st)
{
	long n = 0;
	int cols = sqlite3_column_count(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < cols; i++)
			(void)sqlite3_column_text(st, i);
		n++;
	}
	sqlite3_reset(st);
	return n;
}

static sqlite3 *floor_open(const char *path)
{
	sqlite3 *h;
	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(path, sqlite3_errmsg(h));
	return h;
}

/* ---- the operations through the model ---- */

static const char *const list_cols =
	"SELECT id, name, kind, stage, scale, owner, last_contact, next_follow_up, version FROM partners ";

static void model_open(ctx *c)
{
	pd_error err = {0};
	pd_db *db = pd_db_open(c->path, 0, NULL, &err);
	if (!db)
		die("open", err.msg);
	pd_partner_query q = {.sort = PD_SORT_NAME, .limit = 50};
	pd_partner_rows rows;
	long count = pd_partner_query_count(db, &q, &err);
	if (count < 0 || !pd_partner_query_run(db, &q, &rows, &err))
		die("first screen", err.msg);
	c->items = (long)rows.n;
	c->t_end = gen_now();   /* closing (PRAGMA optimize) is not part of it */
	pd_partner_rows_finish(&rows);
	pd_db_close(db);
}

static void floor_open_screen(ctx *c)
{
	sqlite3 *h = floor_open(c->path);
	sqlite3_busy_timeout(h, 5000);
	sqlite3_stmt *st = prep(h, "SELECT count(*) FROM partners");
	drain(st);
	sqlite3_finalize(st);
	char sql[512];
	snprintf(sql, sizeof sql, "%s ORDER BY name_fold, id LIMIT 50", list_cols);
	st = prep(h, sql);
	c->floor_items = drain(st);
	c->t_end = gen_now();
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* The filter's keystroke; with `guess`, as the interface makes it: what
 * was most likely meant, asked when nothing matched. */
static void filter_text(ctx *c, const char *text, bool guess)
{
	pd_error err = {0};
	pd_partner_query q = {.text = text, .sort = PD_SORT_NAME, .limit = 50};
	pd_partner_rows rows;
	long count = pd_partner_query_count(c->db, &q, &err);
	if (count < 0 || !pd_partner_query_run(c->db, &q, &rows, &err))
		die("filter", err.msg);
	c->items = count;
	pd_partner_rows_finish(&rows);
	if (guess && count == 0) {
		pd_strv guesses = {0};
		if (!pd_guess_search(c->db, text, &guesses, &err))
			die("guess", err.msg);
		c->items = -(long)guesses.n;   /* guesses made, shown negative */
		pd_strv_clear(&guesses);
	}
}

static void model_text(ctx *c, const char *text)
{
	filter_text(c, text, true);
}

static void model_filter(ctx *c)
{
	model_text(c, "mus");
}

/* "sci" matches a few thousand partners at 100,000: the model gathers
 * them as a set and walks the name index against it. */
static void model_filter_set(ctx *c)
{
	model_text(c, "sci");
}

/* A pair of letters no name holds: the trigram index cannot answer it.
 * The set of partners the handle kept from the run before is dropped
 * first: typed, "xy" follows "x", whose set it is not. */
static void model_filter_pair(ctx *c)
{
	pd_name_set_forget(c->db);
	model_text(c, "xy");
}

/* A pair most names hold, as the interface asks it: the count capped at
 * 1,000 (its FILTER_COUNT_LIMIT) and the first screen. */
static void model_common_pair(ctx *c)
{
	pd_error err = {0};
	pd_partner_query q = {.text = "mu", .sort = PD_SORT_NAME, .limit = 50, .count_limit = 1000};
	pd_partner_rows rows;
	long count = pd_partner_query_count(c->db, &q, &err);
	q.count_limit = 0;
	if (count < 0 || !pd_partner_query_run(c->db, &q, &rows, &err))
		die("filter", err.msg);
	c->items = count;
	pd_partner_rows_finish(&rows);
}

/* A typo no word holds ("harbr" for Harbor): the filter finds nothing,
 * then the guess reads the desk's names, people and tags. Its floor is
 * the same filter without the guess: the difference is what it costs. */
static void model_filter_typo(ctx *c)
{
	model_text(c, "harbr");
}

/* The filter alone, without the guess: a guessing line's floor. */
static void floor_unguessed(ctx *c, const char *phrase)
{
	long items = c->items;
	filter_text(c, phrase, false);
	c->floor_items = c->items;
	c->items = items;
}

static void floor_filter_typo(ctx *c)
{
	floor_unguessed(c, "harbr");
}

/* Nothing near: every word read, none kept (the longest the guess takes). */
static void model_filter_none(ctx *c)
{
	model_text(c, "xyzzy");
}

static void floor_filter_none(ctx *c)
{
	floor_unguessed(c, "xyzzy");
}

/* A floor's two statements, the count and the first screen, kept for the
 * handle they were prepared on. */
typedef struct count_screen {
	sqlite3 *h;
	sqlite3_stmt *cnt, *rows;
} count_screen;

/* Finalizes s's statements when c's handle is not theirs; true when the
 * caller is to prepare new ones for it. */
static bool count_screen_for(ctx *c, count_screen *s)
{
	if (s->h == c->h)
		return false;
	sqlite3_finalize(s->cnt);
	sqlite3_finalize(s->rows);
	s->cnt = s->rows = NULL;
	s->h = c->h;
	return s->h != NULL;
}

/* The count into floor_items, then the screen; each bound to phrase when
 * one is given. */
static void count_screen_run(ctx *c, count_screen *s, const char *phrase)
{
	if (!s->h)
		return;
	if (phrase)
		sqlite3_bind_text(s->cnt, 1, phrase, -1, SQLITE_STATIC);
	if (sqlite3_step(s->cnt) == SQLITE_ROW)
		c->floor_items = sqlite3_column_int64(s->cnt, 0);
	sqlite3_reset(s->cnt);
	if (phrase)
		sqlite3_bind_text(s->rows, 1, phrase, -1, SQLITE_STATIC);
	drain(s->rows);
}

/* The floor of a text filter, and of "sci" too: the form that is fastest
 * for a dense match ("mus"), and the one the model itself used for every
 * match before it gathered a medium one as a set. */
static void floor_text(ctx *c, const char *phrase)
{
	static count_screen s;
	if (count_screen_for(c, &s)) {
		s.cnt = prep(c->h, "SELECT count(*) FROM partner_search WHERE partner_search MATCH ?1");
		char sql[512];
		/* The fastest hand-written form for a dense match: the name
		 * index in order, the search index asked per partner. */
		snprintf(sql, sizeof sql, "%s p WHERE EXISTS (SELECT 1 FROM partner_search "
			"WHERE partner_search.rowid = p.id AND partner_search MATCH ?1) "
			"ORDER BY name_fold, id LIMIT 50", list_cols);
		s.rows = prep(c->h, sql);
	}
	count_screen_run(c, &s, phrase);
}

static void floor_filter(ctx *c)
{
	floor_text(c, "\"mus\"");
}

static void floor_filter_set(ctx *c)
{
	floor_text(c, "\"sci\"");
}

/* The names holding the pair: the count and the first 50 in name order. */
static void floor_filter_pair(ctx *c)
{
	static count_screen s;
	if (count_screen_for(c, &s)) {
		s.cnt = prep(c->h, "SELECT count(*) FROM partners WHERE name_fold LIKE '%xy%'");
		char sql[512];
		snprintf(sql, sizeof sql, "%s WHERE name_fold LIKE '%%xy%%' ORDER BY name_fold, id LIMIT 50",
			list_cols);
		s.rows = prep(c->h, sql);
	}
	count_screen_run(c, &s, NULL);
}

/* The same answer as the model's: a pair is looked for in the partners'
 * names and in their people's (300,000 at 100,000 partners), each gathered
 * once. */
static void floor_pair_people(ctx *c)
{
	static count_screen s;
	if (count_screen_for(c, &s)) {
		static const char *const held = "SELECT id FROM partners WHERE name_fold LIKE '%xy%' "
			"UNION SELECT partner_id FROM contacts WHERE name_fold LIKE '%xy%'";
		char sql[768];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s)", held);
		s.cnt = prep(c->h, sql);
		snprintf(sql, sizeof sql, "%s WHERE id IN (%s) ORDER BY name_fold, id LIMIT 50", list_cols, held);
		s.rows = prep(c->h, sql);
	}
	count_screen_run(c, &s, NULL);
}

/* "mu" by hand: the count stopped past 1,000, the names walked in order,
 * the people of each partner whose name does not hold it asked. */
static void floor_common_pair(ctx *c)
{
	static count_screen s;
	if (count_screen_for(c, &s)) {
		static const char *const held = "(p.name_fold LIKE '%mu%' OR EXISTS (SELECT 1 FROM contacts c "
			"WHERE c.partner_id = p.id AND c.name_fold LIKE '%mu%'))";
		char sql[768];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT 1 FROM partners p WHERE %s LIMIT 1001)", held);
		s.cnt = prep(c->h, sql);
		snprintf(sql, sizeof sql, "SELECT p.id, p.name, p.kind, p.stage, p.scale, p.owner, p.last_contact, "
			"p.next_follow_up, p.version FROM partners p WHERE %s ORDER BY p.name_fold, p.id LIMIT 50", held);
		s.rows = prep(c->h, sql);
	}
	count_screen_run(c, &s, NULL);
}

static void model_kanban(ctx *c)
{
	pd_error err = {0};
	const pd_rules *r = pd_db_rules(c->db);
	long cards = 0;
	for (size_t i = 0; i < r->n_stages; i++) {
		pd_partner_query q = {.stage = r->stages[i].name, .sort = PD_SORT_LAST_CONTACT, .limit = 30};
		pd_partner_rows rows;
		long count = pd_partner_query_count(c->db, &q, &err);
		if (count < 0 || !pd_partner_query_run(c->db, &q, &rows, &err))
			die("kanban", err.msg);
		cards += (long)rows.n;
		pd_partner_rows_finish(&rows);
	}
	c->items = cards;
}

static void floor_kanban(ctx *c)
{
	static sqlite3_stmt *cnt, *top;
	static sqlite3 *for_h;
	if (for_h != c->h) {
		sqlite3_finalize(cnt);
		sqlite3_finalize(top);
		cnt = top = NULL;
		for_h = c->h;
		if (!for_h)
			return;
		cnt = prep(c->h, "SELECT stage, count(*) FROM partners GROUP BY stage");
		char sql[512];
		snprintf(sql, sizeof sql, "%s WHERE stage = ?1 ORDER BY last_contact DESC, id DESC LIMIT 30",
			list_cols);
		top = prep(c->h, sql);
	}
	drain(cnt);
	const pd_rules *r = pd_db_rules(c->db);
	long cards = 0;
	for (size_t i = 0; i < r->n_stages; i++) {
		sqlite3_bind_text(top, 1, r->stages[i].name, -1, SQLITE_STATIC);
		cards += drain(top);
	}
	c->floor_items = cards;
}

static void model_agenda(ctx *c)
{
	pd_error err = {0};
	pd_agenda a;
	if (!pd_agenda_load(c->db, 14, &a, &err))
		die("agenda", err.msg);
	c->items = (long)a.n;
	pd_agenda_finish(&a);
}

static void floor_agenda(ctx *c)
{
	static sqlite3_stmt *fu, *rev;
	static sqlite3 *for_h;
	if (for_h != c->h) {
		sqlite3_finalize(fu);
		sqlite3_finalize(rev);
		fu = rev = NULL;
		for_h = c->h;
		if (!for_h)
			return;
		fu = prep(c->h, "SELECT i.id, i.version, i.partner_id, p.name, p.stage, i.follow_up, i.text, c.name "
			"FROM interactions i JOIN partners p ON p.id = i.partner_id "
			"LEFT JOIN contacts c ON c.id = i.contact_id "
			"WHERE i.done = 0 AND i.follow_up IS NOT NULL AND i.follow_up <= ?1 "
			"ORDER BY i.follow_up, i.id");
		rev = prep(c->h, "SELECT id, name, stage, review_date FROM partners "
			"WHERE review_date IS NOT NULL AND review_date <= ?1 ORDER BY review_date, id");
	}
	char until[PD_DATE_LEN];
	pd_date_add_days(GEN_ANCHOR, 14, until);
	sqlite3_bind_text(fu, 1, until, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(rev, 1, until, -1, SQLITE_TRANSIENT);
	c->floor_items = drain(fu) + drain(rev);
}

static int64_t detail_id(const ctx *c)
{
	return c->n / 2 + 1;
}

static void model_detail(ctx *c)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_get(c->db, detail_id(c), &err);
	pd_contacts cs;
	pd_interactions log;
	pd_history hist;
	if (!p || !pd_contact_list(c->db, p->id, &cs, &err) ||
	    !pd_interaction_list(c->db, p->id, 50, &log, &err) ||
	    !pd_history_list(c->db, p->id, &hist, &err))
		die("detail", err.msg);
	c->items = (long)(cs.n + log.n + hist.n);
	pd_partner_destroy(p);
	pd_contacts_finish(&cs);
	pd_interactions_finish(&log);
	pd_history_finish(&hist);
}

static void floor_detail(ctx *c)
{
	static sqlite3_stmt *st[7];
	static sqlite3 *for_h;
	static const char *const sql[7] = {
		"SELECT * FROM partners WHERE id = ?1",
		"SELECT value FROM partner_tags WHERE partner_id = ?1 ORDER BY value_fold",
		"SELECT value FROM partner_audiences WHERE partner_id = ?1 ORDER BY value_fold",
		"SELECT value FROM partner_branches WHERE partner_id = ?1 ORDER BY value_fold",
		"SELECT * FROM contacts WHERE partner_id = ?1 ORDER BY name_fold, id",
		"SELECT i.*, c.name, p.name FROM interactions i JOIN partners p ON p.id = i.partner_id "
		"LEFT JOIN contacts c ON c.id = i.contact_id WHERE i.partner_id = ?1 "
		"ORDER BY i.at DESC, i.id DESC LIMIT 50",
		"SELECT * FROM stage_history WHERE partner_id = ?1 ORDER BY at, id",
	};
	if (for_h != c->h) {
		for (int i = 0; i < 7; i++) {
			sqlite3_finalize(st[i]);
			st[i] = NULL;
		}
		for_h = c->h;
		if (!for_h)
			return;
		for (int i = 0; i < 7; i++)
			st[i] = prep(c->h, sql[i]);
	}
	long n = 0;
	for (int i = 0; i < 7; i++) {
		sqlite3_bind_int64(st[i], 1, detail_id(c));
		long k = drain(st[i]);
		if (i >= 4)
			n += k;
	}
	c->floor_items = n;
}

static void model_export(ctx *c)
{
	pd_error err = {0};
	rewind(c->devnull);
	if (!pd_export_write(c->db, PD_EXPORT_YAML, c->devnull, NULL, NULL, &err))
		die("export", err.msg);
	c->items = 1;
}

/* The floor of an export: every row of every table the backup holds, read
 * in partner order through the indexes and printed as YAML-like lines. */
static void floor_export(ctx *c)
{
	static const char *const sql[] = {
		"SELECT * FROM partners ORDER BY id",
		"SELECT * FROM partner_tags ORDER BY partner_id",
		"SELECT * FROM partner_audiences ORDER BY partner_id",
		"SELECT * FROM partner_branches ORDER BY partner_id",
		"SELECT * FROM contacts ORDER BY partner_id, id",
		"SELECT * FROM interactions ORDER BY partner_id, at, id",
		"SELECT * FROM stage_history ORDER BY partner_id, at, id",
		"SELECT * FROM agreements ORDER BY partner_id, id",
		"SELECT * FROM fit_scores ORDER BY partner_id, id",
		"SELECT * FROM goals ORDER BY partner_id, id",
	};
	enum { N_SQL = sizeof sql / sizeof *sql };
	sqlite3_stmt *st[N_SQL];
	bool live[N_SQL];
	int64_t at[N_SQL];
	for (int i = 0; i < N_SQL; i++) {
		st[i] = prep(c->h, sql[i]);
		live[i] = sqlite3_step(st[i]) == SQLITE_ROW;
		at[i] = live[i] ? sqlite3_column_int64(st[i], i == 0 ? 0 : (i < 4 ? 0 : 1)) : 0;
	}
	FILE *f = c->devnull;
	rewind(f);
	long rows = 0;
	/* Partners drive; each child cursor advances while it is on this partner. */
	while (live[0]) {
		int64_t pid = sqlite3_column_int64(st[0], 0);
		fputs("- ", f);
		for (int k = 0; k < sqlite3_column_count(st[0]); k++) {
			const unsigned char *v = sqlite3_column_text(st[0], k);
			if (v)
				fprintf(f, "%s%s: \"%s\"\n", k ? "  " : "", sqlite3_column_name(st[0], k), v);
		}
		for (int i = 1; i < N_SQL; i++) {
			int key = i < 4 ? 0 : 1;
			while (live[i] && at[i] == pid) {
				fputs("    - ", f);
				for (int k = 0; k < sqlite3_column_count(st[i]); k++) {
					const unsigned char *v = sqlite3_column_text(st[i], k);
					if (v)
						fprintf(f, "%s%s: \"%s\"\n", k ? "      " : "",
							sqlite3_column_name(st[i], k), v);
				}
				rows++;
				live[i] = sqlite3_step(st[i]) == SQLITE_ROW;
				at[i] = live[i] ? sqlite3_column_int64(st[i], key) : 0;
			}
		}
		rows++;
		live[0] = sqlite3_step(st[0]) == SQLITE_ROW;
	}
	for (int i = 0; i < N_SQL; i++)
		sqlite3_finalize(st[i]);
	c->floor_items = rows;
}

/* ---- import ---- */

static char csv_path[4096], import_db[4200];

static void remove_db(const char *path)
{
	char side[4300];
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static void model_import(ctx *c)
{
	remove_db(import_db);
	pd_error err = {0};
	pd_db *db = pd_db_open(import_db, PD_OPEN_CREATE, NULL, &err);
	if (!db)
		die("import open", err.msg);
	pd_import_opts o = {.name = csv_path, .format = PD_IMPORT_CSV, .on_duplicate = PD_DUP_NEW};
	pd_import_stats s = {0};
	if (!pd_import_file(db, csv_path, &o, &s, &err))
		die("import", err.msg);
	c->items = s.added;
	pd_db_close(db);
}

/* The floor of an import: the same rows parsed by hand and written with
 * prepared statements into the same schema (partner, contact, first
 * stage-history row, search document) in one transaction. */
static void floor_import(ctx *c)
{
	remove_db(import_db);
	pd_error err = {0};
	pd_db *made = pd_db_open(import_db, PD_OPEN_CREATE, NULL, &err);   /* the schema */
	if (!made)
		die("import open", err.msg);
	pd_db_close(made);
	sqlite3 *h = floor_open(import_db);
	sqlite3_exec(h, "PRAGMA cache_size = -65536; BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_stmt *ins_p = prep(h, "INSERT INTO partners (name, name_fold, kind, stage, scale, "
		"email, phone, website, notes, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)");
	sqlite3_stmt *ins_c = prep(h, "INSERT INTO contacts (partner_id, name, name_fold, title, email, "
		"created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
	sqlite3_stmt *ins_h = prep(h, "INSERT INTO stage_history (partner_id, to_stage, at, moved_by, "
		"created, updated) VALUES (?1, ?2, ?3, 'bench', ?3, ?3)");
	sqlite3_stmt *ins_s = prep(h, "INSERT INTO partner_search (rowid, name, body) VALUES (?1, ?2, ?3)");
	FILE *f = fopen(csv_path, "r");
	if (!f)
		die(csv_path, "cannot read");
	char line[2048];
	const char *now = "2026-11-01T12:00:00Z";
	long rows = 0;
	bool header = true;
	while (fgets(line, sizeof line, f)) {
		if (header) {
			header = false;
			continue;
		}
		line[strcspn(line, "\n")] = '\0';
		char *fld[11] = {0};
		char *s = line;
		for (int i = 0; i < 11 && s; i++) {
			fld[i] = s;
			s = strchr(s, ',');
			if (s)
				*s++ = '\0';
		}
		if (!fld[10])
			continue;
		char *nf = pd_fold(fld[0]);
		char *cf = pd_fold(fld[7]);
		char body[512];
		snprintf(body, sizeof body, "%s\n%s", fld[1], cf);
		sqlite3_bind_text(ins_p, 1, fld[0], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 2, nf, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 3, fld[1], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 4, fld[2], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 5, fld[3], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 6, fld[4], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 7, fld[5], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 8, fld[6], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 9, fld[10], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_p, 10, now, -1, SQLITE_STATIC);
		if (sqlite3_step(ins_p) != SQLITE_DONE)
			die("floor import", sqlite3_errmsg(h));
		sqlite3_reset(ins_p);
		int64_t id = sqlite3_last_insert_rowid(h);
		sqlite3_bind_int64(ins_c, 1, id);
		sqlite3_bind_text(ins_c, 2, fld[7], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_c, 3, cf, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_c, 4, fld[8], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_c, 5, fld[9], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_c, 6, now, -1, SQLITE_STATIC);
		sqlite3_step(ins_c);
		sqlite3_reset(ins_c);
		sqlite3_bind_int64(ins_h, 1, id);
		sqlite3_bind_text(ins_h, 2, fld[2], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_h, 3, now, -1, SQLITE_STATIC);
		sqlite3_step(ins_h);
		sqlite3_reset(ins_h);
		sqlite3_bind_int64(ins_s, 1, id);
		sqlite3_bind_text(ins_s, 2, nf, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins_s, 3, body, -1, SQLITE_STATIC);
		sqlite3_step(ins_s);
		sqlite3_reset(ins_s);
		free(nf);
		free(cf);
		rows++;
	}
	fclose(f);
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die("floor import", sqlite3_errmsg(h));
	sqlite3_finalize(ins_p);
	sqlite3_finalize(ins_c);
	sqlite3_finalize(ins_h);
	sqlite3_finalize(ins_s);
	sqlite3_close(h);
	c->floor_items = rows;
}

/* ---- the file ---- */

/* What the file holds, from SQLite's page count. */
static double file_bytes(ctx *c)
{
	sqlite3_stmt *st = prep(c->h, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
	double b = sqlite3_step(st) == SQLITE_ROW ? (double)sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return b;
}

/* PRAGMA quick_check reads every page: each open ran it before opening
 * checked only the schema on a large file (CHECK_FULL_BYTES in
 * src/model/db.c). The median of runs, after one untimed. */
static double quick_check_seconds(ctx *c, int runs)
{
	double t[MAX_RUNS];
	sqlite3_stmt *st = prep(c->h, "PRAGMA quick_check");
	for (int i = -1; i < runs; i++) {
		double t0 = gen_now();
		drain(st);
		if (i >= 0)
			t[i] = gen_now() - t0;
	}
	sqlite3_finalize(st);
	return median(t, runs);
}

/* ---- driver ---- */

typedef void (*op_fn)(ctx *);

static const struct {
	op_fn model, floor;
} ops[OP__COUNT] = {
	[OP_OPEN] = {model_open, floor_open_screen},
	[OP_FILTER] = {model_filter, floor_filter},
	[OP_FILTER_SET] = {model_filter_set, floor_filter_set},
	[OP_FILTER_PAIR] = {model_filter_pair, floor_filter_pair},
	[OP_PAIR_PEOPLE] = {model_filter_pair, floor_pair_people},
	[OP_COMMON_PAIR] = {model_common_pair, floor_common_pair},
	[OP_FILTER_TYPO] = {model_filter_typo, floor_filter_typo},
	[OP_FILTER_NONE] = {model_filter_none, floor_filter_none},
	[OP_KANBAN] = {model_kanban, floor_kanban},
	[OP_AGENDA] = {model_agenda, floor_agenda},
	[OP_DETAIL] = {model_detail, floor_detail},
	[OP_EXPORT] = {model_export, floor_export},
	[OP_IMPORT] = {model_import, floor_import},
};

static double time_one(op_fn fn, ctx *c)
{
	c->t_end = 0;
	double t0 = gen_now();
	fn(c);
	double t1 = gen_now();
	return (c->t_end > t0 ? c->t_end : t1) - t0;
}

static result measure(enum op o, ctx *c, int runs)
{
	result r = {.runs = runs};
	double m[MAX_RUNS], f[MAX_RUNS];
	/* One untimed pass of each warms the page cache and the statement
	 * caches, as a running interface would have them. */
	ops[o].model(c);
	ops[o].floor(c);
	/* Alternate, so drift in the machine's load falls on both alike. */
	for (int i = 0; i < runs; i++) {
		m[i] = time_one(ops[o].model, c);
		f[i] = time_one(ops[o].floor, c);
	}
	r.model = median(m, runs);
	r.floor = median(f, runs);
	r.items = c->items;
	r.floor_items = c->floor_items;
	return r;
}

static bool skipped(const char *name)
{
	const char *s = getenv("BENCH_SKIP");
	return s && strstr(s, name);
}

static void print_time(double s)
{
	if (s < 0)
		printf(" %10s", "-");
	else if (s < 0.001)
		printf(" %8.0fus", s * 1e6);
	else if (s < 1)
		printf(" %8.2fms", s * 1e3);
	else
		printf(" %9.2fs", s);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	long sizes[MAX_SIZES] = {1000, 10000, 100000};
	int n_sizes = 3;
	const char *env = getenv("BENCH_SIZES");
	if (env) {
		n_sizes = 0;
		char *copy = strdup(env), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t && n_sizes < MAX_SIZES; t = strtok_r(NULL, ",", &save))
			sizes[n_sizes++] = atol(t);
		free(copy);
	}
	int runs = getenv("BENCH_RUNS") ? atoi(getenv("BENCH_RUNS")) : 10;
	if (runs < 1)
		runs = 1;
	if (runs > MAX_RUNS)
		runs = MAX_RUNS;
	/* Export and import rewrite everything; at 100,000 partners a run
	 * takes seconds, so they get fewer runs (said in the table). */
	int heavy_runs = getenv("BENCH_HEAVY_RUNS") ? atoi(getenv("BENCH_HEAVY_RUNS")) : 3;
	if (heavy_runs < 1)
		heavy_runs = 1;

	result res[MAX_SIZES][OP__COUNT];
	double gen_seconds[MAX_SIZES], bytes[MAX_SIZES], quick_check[MAX_SIZES], cold_guess[MAX_SIZES];
	for (int s = 0; s < n_sizes; s++) {
		char path[4096], msg[512];
		if (!gen_cached_db(dir, sizes[s], path, sizeof path, &gen_seconds[s], msg, sizeof msg))
			die("generating", msg);
		ctx c = {.path = path, .dir = dir, .n = sizes[s]};
		c.devnull = fopen("/dev/null", "w");
		pd_error err = {0};
		/* Once untimed: a cache made by an older build is migrated here. */
		pd_db *warm = pd_db_open(path, 0, NULL, &err);
		if (!warm)
			die("open", err.msg);
		pd_db_close(warm);
		c.db = pd_db_open(path, 0, NULL, &err);
		if (!c.db)
			die("open", err.msg);
		pd_db_set_now(c.db, gen_anchor_time());
		c.h = floor_open(path);
		snprintf(csv_path, sizeof csv_path, "%s/bench-import-%ld.csv", dir, sizes[s]);
		snprintf(import_db, sizeof import_db, "%s/bench-import-%ld.db", dir, sizes[s]);
		if (access(csv_path, R_OK) != 0 && !gen_write_csv(csv_path, sizes[s], msg, sizeof msg))
			die("csv", msg);
		for (int o = 0; o < OP__COUNT; o++) {
			static const char *const keys[OP__COUNT] = {
				"open", "filter", "filter_set", "filter_pair", "people_pair", "common_pair", "filter_typo", "filter_none", "kanban", "agenda", "detail",
				"export", "import",
			};
			if (skipped(keys[o])) {
				res[s][o] = (result){-1, -1, 0, 0, 0};
				continue;
			}
			int r = (o == OP_EXPORT || o == OP_IMPORT) && sizes[s] >= 100000 ? heavy_runs : runs;
			fprintf(stderr, "  %ld partners: %s x%d\n", sizes[s], op_names[o], r);
			res[s][o] = measure((enum op)o, &c, r);
		}
		remove_db(import_db);
		cold_guess[s] = -1;
		if (!skipped("filter_typo")) {
			/* The first guess on a handle reads the desk's words;
			 * those after, only whether the desk changed. */
			double v[MAX_RUNS];
			int r = runs < 5 ? runs : 5;
			for (int i = 0; i < r; i++) {
				pd_db *fresh = pd_db_open(path, 0, NULL, &err);
				if (!fresh)
					die("open", err.msg);
				pd_strv g = {0};
				double t0 = gen_now();
				if (!pd_guess_search(fresh, "harbr", &g, &err))
					die("guess", err.msg);
				v[i] = gen_now() - t0;
				pd_strv_clear(&g);
				pd_db_close(fresh);
			}
			cold_guess[s] = median(v, r);
		}
		bytes[s] = file_bytes(&c);
		quick_check[s] = -1;
		if (!skipped("quick_check")) {
			int r = sizes[s] >= 100000 ? heavy_runs : runs;
			fprintf(stderr, "  %ld partners: PRAGMA quick_check x%d\n", sizes[s], r);
			quick_check[s] = quick_check_seconds(&c, r);
		}
		/* Drop the floor's cached statements before its connection goes. */
		sqlite3 *h = c.h;
		c.h = NULL;
		floor_filter(&c);
		floor_filter_pair(&c);
		floor_pair_people(&c);
		floor_common_pair(&c);
		floor_kanban(&c);
		floor_agenda(&c);
		floor_detail(&c);
		sqlite3_close(h);
		pd_db_close(c.db);
		fclose(c.devnull);
	}

	printf("\npartnerdesk model benchmark: median of %d runs (export and import at 100,000: %d runs)\n",
		runs, heavy_runs);
	printf("floor = the same answer from hand-written SQL through sqlite3, same process, same file\n");
	printf("each partner has %d contact people and %d log entries\n\n", GEN_CONTACTS, GEN_INTERACTIONS);
	printf("%-38s", "operation");
	for (int s = 0; s < n_sizes; s++)
		printf(" | %10ld %10s %6s", sizes[s], "floor", "ratio");
	printf("\n");
	for (int o = 0; o < OP__COUNT; o++) {
		printf("%-38s", op_names[o]);
		for (int s = 0; s < n_sizes; s++) {
			printf(" |");
			print_time(res[s][o].model);
			print_time(res[s][o].floor);
			if (res[s][o].model >= 0 && res[s][o].floor > 0)
				printf(" %5.2fx", res[s][o].model / res[s][o].floor);
			else
				printf(" %6s", "-");
		}
		printf("\n");
	}
	printf("\nrows (model / floor):");
	for (int s = 0; s < n_sizes; s++)
		printf("  N=%ld filter %ld/%ld, sci %ld/%ld, xy %ld/%ld (people %ld/%ld), mu %ld/%ld, "
			"harbr %ld/%ld, xyzzy %ld/%ld, "
			"kanban %ld/%ld, agenda %ld/%ld, detail %ld/%ld;", sizes[s],
			res[s][OP_FILTER].items, res[s][OP_FILTER].floor_items,
			res[s][OP_FILTER_SET].items, res[s][OP_FILTER_SET].floor_items,
			res[s][OP_FILTER_PAIR].items, res[s][OP_FILTER_PAIR].floor_items,
			res[s][OP_PAIR_PEOPLE].items, res[s][OP_PAIR_PEOPLE].floor_items,
			res[s][OP_COMMON_PAIR].items, res[s][OP_COMMON_PAIR].floor_items,
			res[s][OP_FILTER_TYPO].items, res[s][OP_FILTER_TYPO].floor_items,
			res[s][OP_FILTER_NONE].items, res[s][OP_FILTER_NONE].floor_items,
			res[s][OP_KANBAN].items, res[s][OP_KANBAN].floor_items,
			res[s][OP_AGENDA].items, res[s][OP_AGENDA].floor_items,
			res[s][OP_DETAIL].items, res[s][OP_DETAIL].floor_items);
	printf("\n");
	for (int s = 0; s < n_sizes; s++) {
		if (res[s][OP_IMPORT].model > 0)
			printf("import at %ld rows: %.0f rows/s (floor %.0f rows/s; goal >= 100,000 rows/s)\n",
				sizes[s], sizes[s] / res[s][OP_IMPORT].model, sizes[s] / res[s][OP_IMPORT].floor);
	}
	for (int s = 0; s < n_sizes; s++) {
		if (cold_guess[s] >= 0) {
			printf("first guess on a fresh handle at %ld partners (reads every name, person and tag):",
				sizes[s]);
			print_time(cold_guess[s]);
			printf("\n");
		}
	}
	for (int s = 0; s < n_sizes; s++) {
		if (gen_seconds[s] >= 0)
			printf("generated %ld partners (%ld log entries) through the model in one transaction: %.1f s\n",
				sizes[s], sizes[s] * GEN_INTERACTIONS, gen_seconds[s]);
		else
			printf("%ld partners: reused the cached database (delete bench-g*-%ld.db to time generation)\n",
				sizes[s], sizes[s]);
	}
	for (int s = 0; s < n_sizes; s++) {
		printf("file at %ld partners: %.0f MB", sizes[s], bytes[s] / 1e6);
		if (quick_check[s] >= 0) {
			printf("; PRAGMA quick_check on it (each open ran it before): ");
			print_time(quick_check[s]);
			if (res[s][OP_OPEN].model > 0)
				printf(", %.0fx the open + first screen", quick_check[s] / res[s][OP_OPEN].model);
		}
		printf("\n");
	}
	printf("goal: each operation within 2x of its floor (the \"sci\", \"xy\", \"harbr\" and \"xyzzy\"\n"
		"  rows excepted: \"sci\"'s floor is the per-partner form the model used before; \"xy\"'s\n"
		"  first is the partners' names alone, its second the same answer, their people's\n"
		"  names too; \"harbr\"'s and \"xyzzy\"'s the same filter without the guess,\n"
		"  which must stay well under a keystroke, 30 ms at 100,000; a negative row count\n"
		"  is the guesses made)\n");
	return 0;
}
