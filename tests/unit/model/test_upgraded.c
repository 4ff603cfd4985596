/* A desk a newer partnerdesk upgrades while this one has it open (a window
 * left open all day at one desk, the new version started at another): this
 * one reads on, but writes nothing, since what the newer schema keeps beside
 * each row (as migration 13's website and email keys) it would not keep;
 * it says what to do. A desk at its own schema takes writes as before. */
#include "../tap.h"
#include "testutil.h"

#include "partnerdesk/model/partner.h"

int main(void)
{
	pd_db *db = tu_open("desk.db");
	const char *desk = tu_path("desk.db");
	pd_error err = {0};
	int64_t id = tu_add(db, "Open All Day Library Friends", NULL);
	char sql[64], got[128];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", pd_db_latest_schema_version() + 1);
	tu_sql(desk, sql, 0, NULL, 0);

	pd_partner *p = pd_partner_get(db, id, &err);
	ok(p != NULL, "the partner still reads %s", err.msg);
	if (!p) {
		tu_cleanup();
		return tap_done();
	}
	free(p->website);
	p->website = strdup("https://friends.example.org");
	err = (pd_error){0};
	ok(!pd_partner_update(db, p, &err), "an edit is refused");
	is(err.code, PD_ERR_NEWER, "as a newer schema is");
	ok(strstr(err.msg, "upgraded by a newer partnerdesk") && strstr(err.msg, "nothing was saved") &&
	   strstr(err.msg, "start the newer partnerdesk"), "saying so and what to do: %s", err.msg);
	streq(tu_sql(desk, "SELECT ifnull(website, '-') FROM partners WHERE id = ?1", id, got, sizeof got), "-",
	      "nothing written");
	pd_partner *q = pd_partner_create();
	q->name = strdup("Added in the old window");
	err = (pd_error){0};
	ok(!pd_partner_insert(db, q, &err) && err.code == PD_ERR_NEWER, "an add is refused too");
	pd_partner_destroy(q);

	/* Back at this program's schema (as no upgrade would do, but the
	 * refusal is the schema's, not the handle's for good). */
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", pd_db_latest_schema_version());
	tu_sql(desk, sql, 0, NULL, 0);
	err = (pd_error){0};
	ok(pd_partner_update(db, p, &err), "at its own schema the edit goes through %s", err.msg);
	streq(tu_sql(desk, "SELECT website_key FROM partners WHERE id = ?1", id, got, sizeof got),
	      "friends.example.org", "keyed");
	pd_partner_destroy(p);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
