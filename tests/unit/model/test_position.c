/* pd_partner_query_position against the list itself: for every filter the
 * list and the picker build (text with short and long words, stage, kind,
 * tag, exclude, count_limit, each sort either way), every partner's
 * position is its index in pd_partner_query_run's list, and -1 for one the
 * filter hides, one deleted, one merged away and an id never given: the
 * partner's own row asked first must say what the walk of the list says,
 * and the list is read only for a partner it holds. A partner far down
 * a long list is found without stepping through the rows above it. */
#define _GNU_SOURCE
#include <dlfcn.h>

#include "../tap.h"
#include "testutil.h"

#include "partnerdesk/model/explain.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/merge.h"

static long rows_stepped;   /* rows the model's statements gave */

int sqlite3_step(sqlite3_stmt *st)
{
	static int (*real)(sqlite3_stmt *);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "sqlite3_step");
	int rc = real(st);
	rows_stepped += rc == SQLITE_ROW;
	return rc;
}

/* Whether the whole list was read (stepped in order, or numbered) by one of
 * the statements prepared. */
static bool walked(const pd_strv *plans)
{
	for (size_t i = 0; i < plans->n; i++)
		if (strstr(plans->v[i], "LIMIT :limit OFFSET :offset") || strstr(plans->v[i], "row_number()"))
			return true;
	return false;
}

static const struct {
	const char *name, *kind, *stage, *tag, *log;
} seed[] = {
	{"St Mary's Food Bank", "nonprofit", "date", "food", "st patrick's day drive"},
	{"Riverside Arts Council", "arts", NULL, "art", "mural by the river"},
	{"Riverside Museum", "museum", "engagement", "art", NULL},
	{"La Leche League", "nonprofit", NULL, NULL, "riverside meeting room"},
	{"Łódź Sister City Committee", "civic group", "date", "twin", NULL},
	{"Museum of Art", "museum", NULL, "Art", "st mary's choir concert"},
	{"Xi Xi Dumplings", "business", "engagement", NULL, NULL},
	{"Café Olé", "business", NULL, "food", "cafe meeting"},
	{"Stanley St Library Friends", "nonprofit", "date", "art", NULL},
	{"ab", "arts", NULL, NULL, "ab ab"},
	{"Abbey Road Studios", "business", NULL, NULL, NULL},
	{"Zoo of St Louis", "museum", "engagement", "animals", "riverside zoo walk"},
	{"Quiet Partner", NULL, NULL, NULL, NULL},
	{"St Mary's Food Bank", "nonprofit", NULL, NULL, NULL},
	{"Main St Hardware", "business", NULL, "food", "st hardware"},
	{"River Sangha", "civic group", NULL, NULL, NULL},
};
#define N_SEED (sizeof seed / sizeof seed[0])

static const char *const texts[] = {
	NULL, "st", "river", "st river", "a", "xi", "mary st", "art", "zz", "cafe", "riverside meeting", "ab",
};
static const char *const stages[] = { NULL, "date", "engagement" };
static const char *const kinds[] = { NULL, "museum", "nonprofit" };
static const char *const tags[] = { NULL, "art" };

int main(void)
{
	pd_db *db = tu_open("position.db");
	pd_error err = {0};
	int64_t ids[N_SEED + 3];
	bool made = true;
	for (size_t i = 0; i < N_SEED; i++) {
		pd_partner *p = pd_partner_create();
		p->name = strdup(seed[i].name);
		p->kind = seed[i].kind ? strdup(seed[i].kind) : NULL;
		p->stage = seed[i].stage ? strdup(seed[i].stage) : NULL;
		if (seed[i].tag)
			pd_strv_push(&p->tags, seed[i].tag);
		made = made && pd_partner_insert(db, p, &err);
		ids[i] = p->id;
		pd_partner_destroy(p);
		if (made && seed[i].log) {
			pd_interaction it = {.partner_id = ids[i], .text = strdup(seed[i].log)};
			made = pd_interaction_insert(db, &it, &err);
			pd_interaction_finish(&it);
		}
	}
	ok(made, "%zu partners %s", N_SEED, err.msg);
	/* One deleted, one merged into another, one id never given. */
	int64_t gone = tu_add(db, "Riverside Gone", "museum");
	int64_t merged = tu_add(db, "Riverside Merged Twice", "museum");
	pd_merge_counts mc;
	ok(gone && pd_partner_delete(db, gone, 1, &err), "a partner deleted %s", err.msg);
	ok(merged && pd_partner_merge(db, merged, ids[2], false, &mc, &err), "one merged away %s", err.msg);
	ids[N_SEED] = gone;
	ids[N_SEED + 1] = merged;
	ids[N_SEED + 2] = 999999;

	long combos = 0, wrong = 0, held = 0, hidden = 0, walks_held = 0, walks_hidden = 0, held_recorded = 0;
	pd_strv plans = {0};
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
	for (size_t s = 0; s < sizeof stages / sizeof *stages; s++)
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
	for (size_t g = 0; g < sizeof tags / sizeof *tags; g++)
	for (int x = 0; x < 2; x++)
	for (int c = 0; c < 2; c++) {
		int sort = (int)(combos % (2 * PD_SORT__COUNT));
		pd_partner_query q = {
			.text = texts[t], .stage = stages[s], .kind = kinds[k], .tag = tags[g],
			.exclude = x ? ids[1] : 0, .count_limit = c ? 2 : 0,
			.sort = (pd_sort)(sort / 2), .desc = sort % 2,
			/* what the list's window holds: position ignores both */
			.offset = 3, .limit = 2,
		};
		combos++;
		pd_partner_query whole = q;
		whole.offset = whole.limit = 0;
		pd_partner_rows rows;
		if (!pd_partner_query_run(db, &whole, &rows, &err)) {
			wrong++;
			printf("# run: %s\n", err.msg);
			continue;
		}
		for (size_t i = 0; i < N_SEED + 3; i++) {
			long want = -1;
			for (size_t r = 0; r < rows.n; r++)
				if (rows.v[r].id == ids[i])
					want = (long)r;
			err = (pd_error){0};
			/* Its statements recorded for one filter in four (the
			 * recording costs more than the asking). */
			bool record = combos % 4 == 0;
			if (record)
				pd_db_explain_start(db);
			long got = pd_partner_query_position(db, &q, ids[i], &err);
			if (record)
				pd_db_explain_stop(db, &plans);
			if (record && walked(&plans))
				want >= 0 ? walks_held++ : walks_hidden++;
			if (record && want >= 0)
				held_recorded++;
			if (got != want || err.code) {
				wrong++;
				printf("# text '%s' stage %s kind %s tag %s exclude %d cap %d sort %d%s: #%lld at %ld, "
				       "want %ld %s\n", texts[t] ? texts[t] : "", stages[s] ? stages[s] : "-",
				       kinds[k] ? kinds[k] : "-", tags[g] ? tags[g] : "-", x, c, sort / 2,
				       sort % 2 ? " desc" : "", (long long)ids[i], got, want, err.msg);
			}
			if (want >= 0)
				held++;
			else
				hidden++;
		}
		pd_partner_rows_finish(&rows);
	}
	is(wrong, 0, "every partner at its place in the list, or none (%ld filters, %ld held, %ld not)",
	   combos, held, hidden);
	ok(held > 500 && hidden > 500, "both kinds asked often");
	ok(held_recorded > 100 && walks_held == held_recorded, "the list read for each partner it holds (%ld of %ld)",
	   walks_held, held_recorded);
	is(walks_hidden, 0, "and never for one it does not");
	pd_strv_clear(&plans);

	/* A long list: places far down it are had without stepping there. */
	bool filled = pd_db_begin(db, &err);
	for (int i = 0; filled && i < 1100; i++) {
		static const char *const words[] = { "Riverside", "Hillside", "St", "Quay" };
		char name[64];
		snprintf(name, sizeof name, "%s %s Club %04d", words[i % 4], i % 3 ? "Arts" : "Book", (i * 7919) % 1100);
		pd_partner *p = pd_partner_create();
		p->name = strdup(name);
		p->kind = strdup(i % 5 ? "nonprofit" : "museum");
		p->stage = i % 2 ? strdup("date") : NULL;
		filled = pd_partner_insert(db, p, &err);
		pd_partner_destroy(p);
	}
	ok(filled && pd_db_commit(db, &err), "1,100 partners more %s", err.msg);
	static const char *const long_texts[] = { NULL, "riverside", "arts club", "st" };
	long deep_wrong = 0, deep = 0, most = 0;
	for (size_t t = 0; t < sizeof long_texts / sizeof *long_texts; t++)
	for (int sort = 0; sort < 2 * PD_SORT__COUNT; sort++)
	for (int k = 0; k < 2; k++) {
		pd_partner_query q = { .text = long_texts[t], .kind = k ? "nonprofit" : NULL,
			.sort = (pd_sort)(sort / 2), .desc = sort % 2, .exclude = ids[1] };
		pd_partner_rows rows;
		if (!pd_partner_query_run(db, &q, &rows, &err)) {
			deep_wrong++;
			continue;
		}
		for (size_t at = 0; at < rows.n; at += 1 + rows.n / 8) {
			size_t r = at ? rows.n - at : rows.n - 1;
			rows_stepped = 0;
			long got = pd_partner_query_position(db, &q, rows.v[r].id, &err);
			if (got != (long)r) {
				deep_wrong++;
				printf("# text '%s' kind %d sort %d: row %zu at %ld\n", long_texts[t] ? long_texts[t] : "",
				       k, sort, r, got);
			}
			if (r >= 1000) {
				deep++;
				if (rows_stepped > most)
					most = rows_stepped;
			}
		}
		pd_partner_rows_finish(&rows);
	}
	is(deep_wrong, 0, "far down long lists too, every sort, text and kind");
	ok(deep > 10 && most <= 600, "a place past row 1,000 had stepping %ld rows at most (%ld asked)", most, deep);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
