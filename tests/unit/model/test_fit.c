/* Unit tests of what a fit shows: the configured criteria only. Removing
 * a criterion hides its old score (partnerdesk.yaml(5)) without deleting
 * it, and the total counts what is shown: "2 of 6", never "3 of 6". A
 * score or goal for a partner merged away says where it went. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/rules.h"

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("fit.db");
	int64_t id = tu_add(db, "Riverside Art Museum", "museum");
	const pd_rules *dr = pd_db_rules(db);
	ok(dr->n_criteria >= 3, "the default criteria");
	char *k1 = strdup(dr->criteria[1].key), *k2 = strdup(dr->criteria[2].key);
	ok(pd_fit_set(db, id, dr->criteria[0].key, 2, NULL, &err) &&
	   pd_fit_set(db, id, k1, 1, NULL, &err) &&
	   pd_fit_set(db, id, k2, 0, NULL, &err), "three scored");
	pd_fit f;
	ok(pd_fit_load(db, id, &f, &err), "loaded");
	pd_fit_shown s = pd_fit_show(&f);
	is(s.rows, dr->n_criteria, "every configured criterion is a row");
	is(s.scored, 3, "three scored");
	is(s.total, 3, "total 3");
	is(s.max, (int)dr->n_criteria * 3, "of 3 per criterion");
	pd_fit_finish(&f);

	/* Merged into another (a fit form left open on it in another window):
	 * the save says which partner to score instead. */
	int64_t from = tu_add(db, "Riverside Art Musuem", "museum");
	int64_t into = tu_add(db, "Riverside Museum of Art", "museum");
	ok(pd_partner_merge(db, from, into, false, NULL, &err), "merged into #%lld: %s", (long long)into, err.msg);
	char want[128];
	snprintf(want, sizeof want, "there is no partner #%lld: it was merged into #%lld (Riverside Museum of Art)",
		(long long)from, (long long)into);
	pd_error_clear(&err);
	ok(!pd_fit_set(db, from, dr->criteria[0].key, 3, NULL, &err) && err.code == PD_ERR_NOTFOUND,
	   "a score for the merged-away partner is refused");
	streq(err.msg, want, "saying where it went");
	pd_error_clear(&err);
	ok(!pd_goal_set(db, from, dr->goals.v[0], NULL, &err) && err.code == PD_ERR_NOTFOUND,
	   "so is a goal");
	streq(err.msg, want, "saying so too");
	pd_db_close(db);

	/* the config now asks two questions: the first one kept, one new */
	pd_rules r = {0};
	ok(pd_rules_init_defaults(&r), "rules");
	for (size_t i = 1; i < r.n_criteria; i++) {
		free(r.criteria[i].key);
		free(r.criteria[i].question);
	}
	r.n_criteria = 2;
	r.criteria[1].key = strdup("money");
	r.criteria[1].question = strdup("Can they pay?");
	db = pd_db_open(tu_path("fit.db"), 0, &r, &err);
	ok(db != NULL, "reopened with two criteria");
	pd_db_set_now(db, TU_NOW);
	ok(pd_fit_load(db, id, &f, &err), "loaded again");
	s = pd_fit_show(&f);
	is(s.rows, 2, "two rows shown");
	streq(f.v[0].criterion, r.criteria[0].key, "the kept criterion first");
	streq(f.v[1].criterion, "money", "then the new one");
	is(s.scored, 1, "one of them scored");
	is(s.total, 2, "total 2, the removed criteria's points not counted");
	is(s.max, 6, "of 6");
	is(pd_fit_total(&f), 2, "pd_fit_total says the same");
	is(f.n, 4, "the removed criteria's scores are still loaded (for the backup)");
	ok(f.n == 4 && strcmp(f.v[2].criterion, k1) == 0 && f.v[2].score == 1, "hidden, not deleted");
	pd_fit_finish(&f);
	pd_db_close(db);
	pd_rules_finish(&r);
	free(k1);
	free(k2);
	tu_cleanup();
	return tap_done();
}
