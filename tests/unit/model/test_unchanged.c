/* Unit tests that a save holding what is stored already writes nothing:
 * no new version (a colleague's next save must not become a conflict
 * over no change at all) and no audit row. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"

static size_t audit_rows(pd_db *db)
{
	pd_audit_log log = {0};
	pd_error err = {0};
	size_t n = pd_audit_list(db, NULL, 0, 100000, &log, &err) ? log.n : (size_t)-1;
	pd_audit_log_finish(&log);
	return n;
}

int main(void)
{
	pd_error err = {0};
	pd_db *a = tu_open("unchanged.db");
	pd_db *b = pd_db_open(tu_path("unchanged.db"), 0, NULL, &err);
	ok(b != NULL, "second handle");
	int64_t id = tu_add(a, "Harbor Arts Collective", "arts organisation");

	/* partner: the same owner again, and a tag list only reordered */
	pd_partner *p = pd_partner_get(a, id, &err);
	free(p->owner);
	p->owner = strdup("bo");
	pd_strv_push(&p->tags, "art");
	pd_strv_push(&p->tags, "kids");
	ok(pd_partner_update(a, p, &err), "a real change saves");
	int64_t v = p->version;
	pd_partner *other = pd_partner_get(b, id, &err);   /* a colleague opens it */
	size_t rows = audit_rows(a);
	pd_partner_destroy(p);
	p = pd_partner_get(a, id, &err);
	free(p->owner);
	p->owner = strdup("bo");
	pd_strv_clear(&p->tags);
	pd_strv_push(&p->tags, "kids");
	pd_strv_push(&p->tags, " art ");
	ok(pd_partner_update(a, p, &err), "an unchanged save succeeds: %s", err.msg);
	is(p->version, v, "without a new version");
	is(audit_rows(a), rows, "and without an audit row");
	pd_partner_destroy(p);
	p = pd_partner_get(a, id, &err);
	is(p->version, v, "the stored version did not move either");
	free(other->phone);
	other->phone = strdup("999");
	ok(pd_partner_update(b, other, &err), "the colleague's save is no conflict: %s", err.msg);
	/* an unchanged save from a stale view is still a conflict */
	ok(!pd_partner_update(a, p, &err) && err.code == PD_ERR_CONFLICT, "a stale unchanged save conflicts");
	pd_partner_destroy(p);
	pd_partner_destroy(other);

	/* contact */
	pd_contact *c = pd_contact_create();
	c->partner_id = id;
	c->name = strdup("Ines Alvarez");
	c->title = strdup("Director");
	ok(pd_contact_insert(a, c, &err), "contact added");
	rows = audit_rows(a);
	ok(pd_contact_update(a, c, &err), "contact saved unchanged: %s", err.msg);
	is(c->version, 1, "contact keeps version 1");
	is(audit_rows(a), rows, "no audit row for the contact");
	pd_contact_destroy(c);

	/* interaction */
	pd_interaction it = {.partner_id = id, .text = strdup("quick call")};
	ok(pd_interaction_insert(a, &it, &err), "call logged");
	pd_interaction_finish(&it);
	pd_interactions list = {0};
	ok(pd_interaction_list(a, id, 10, &list, &err) && list.n == 1, "read back");
	rows = audit_rows(a);
	ok(pd_interaction_update(a, &list.v[0], &err), "log entry saved unchanged: %s", err.msg);
	is(list.v[0].version, 1, "log entry keeps version 1");
	is(audit_rows(a), rows, "no audit row for the log entry");
	pd_interactions_finish(&list);

	/* agreement */
	pd_agreement ag = {.partner_id = id, .stage = strdup("glance"), .title = strdup("Robotics")};
	pd_agreement_add_offer(&ag, "partner", "space", "the hall");
	ok(pd_agreement_insert(a, &ag, &err), "agreement recorded: %s", err.msg);
	rows = audit_rows(a);
	ok(pd_agreement_update(a, &ag, &err), "agreement saved unchanged: %s", err.msg);
	is(ag.version, 1, "agreement keeps version 1");
	is(audit_rows(a), rows, "no audit row for the agreement");
	free(ag.offers[0].note);
	ag.offers[0].note = strdup("the big hall");
	ok(pd_agreement_update(a, &ag, &err) && ag.version == 2, "a changed offer is a change");
	pd_agreement_finish(&ag);

	/* fit score and goal set to what they are */
	const pd_rules *r = pd_db_rules(a);
	ok(r->n_criteria > 0, "there are fit criteria");
	ok(pd_fit_set(a, id, r->criteria[0].key, 2, "good", &err), "scored");
	rows = audit_rows(a);
	ok(pd_fit_set(a, id, r->criteria[0].key, 2, "good", &err), "scored the same again");
	is(audit_rows(a), rows, "no audit row for the same score");
	if (r->goals.n) {
		ok(pd_goal_set(a, id, r->goals.v[0], "n", &err), "goal set");
		rows = audit_rows(a);
		ok(pd_goal_set(a, id, r->goals.v[0], "n", &err), "goal set the same again");
		is(audit_rows(a), rows, "no audit row for the same goal");
	}

	pd_db_close(a);
	pd_db_close(b);
	tu_cleanup();
	return tap_done();
}
