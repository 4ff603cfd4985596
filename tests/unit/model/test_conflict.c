/* Unit tests of optimistic locking with two handles on one file, as two
 * people at two terminals: the second save over a stale version is
 * refused with who changed it and when, and nothing of it is applied. */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"

int main(void)
{
	pd_error err = {0};
	pd_db *a = tu_open("shared.db");
	pd_db *b = pd_db_open(tu_path("shared.db"), 0, NULL, &err);
	ok(b != NULL, "second handle");
	pd_db_set_now(b, TU_NOW + 60);
	int64_t id = tu_add(a, "Harbor Arts Collective", "arts organisation");

	/* The interface's cheap "did someone else write?": another handle's
	 * commit changes it, the handle's own does not. */
	long long dv = pd_db_data_version(b);
	ok(dv >= 0, "data version readable");
	ok(pd_db_data_version(b) == dv, "unchanged while nobody writes");
	int64_t dv_id = tu_add(a, "Data Version Museum", "museum");
	ok(pd_db_data_version(b) != dv, "another handle's commit changes it");
	dv = pd_db_data_version(b);
	pd_partner *own = pd_partner_get(b, dv_id, &err);
	free(own->phone);
	own->phone = strdup("555-0100");
	ok(pd_partner_update(b, own, &err), "own write");
	ok(pd_db_data_version(b) == dv, "the handle's own commit leaves it");
	pd_partner_destroy(own);

	/* What the interface compares: a colleague's change moves it, their
	 * draft (kept every few seconds while they type) does not. */
	long long desk = pd_db_desk_version(b);
	ok(desk > 0, "desk version readable");
	pd_draft typing = {.form = strdup("log"), .partner_id = dv_id, .payload = strdup("Called about")};
	ok(pd_draft_save(a, &typing, &err), "a colleague keeps a draft");
	ok(pd_db_data_version(b) != dv, "the data version moves with it");
	ok(pd_db_desk_version(b) == desk, "the desk version does not");
	pd_draft_finish(&typing);
	tu_add(a, "Desk Version Library", "library");
	ok(pd_db_desk_version(b) != desk, "a colleague's change moves it");

	pd_partner *pa = pd_partner_get(a, id, &err);
	pd_partner *pb = pd_partner_get(b, id, &err);
	ok(pa && pb && pa->version == pb->version, "both read version 1");

	free(pa->phone);
	pa->phone = strdup("555-0111");
	ok(pd_partner_update(a, pa, &err), "the first save wins");

	free(pb->phone);
	pb->phone = strdup("555-0999");
	free(pb->notes);
	pb->notes = strdup("my notes");
	pd_strv_push(&pb->tags, "mine");
	ok(!pd_partner_update(b, pb, &err), "the second save over a stale version is refused");
	is(err.code, PD_ERR_CONFLICT, "as a conflict");
	struct passwd *pw = getpwuid(getuid());
	char want[300];
	snprintf(want, sizeof want, "partner #%lld (Harbor Arts Collective) was changed by %s at "
		"2026-11-23T14:05:00Z since you opened it", (long long)id, pw ? pw->pw_name : "?");
	ok(strncmp(err.msg, want, strlen(want)) == 0, "says who and when: %s", err.msg);
	is(pb->version, 1, "the loser's version is untouched");

	pd_partner *now = pd_partner_get(b, id, &err);
	streq(now->phone, "555-0111", "the first save stands");
	ok(now->notes == NULL, "nothing of the second save was written");
	is(now->tags.n, 0, "not even its tags");
	is(now->version, 2, "version 2");
	pd_partner_destroy(now);

	/* after reloading, the second person can save */
	pd_partner_destroy(pb);
	pb = pd_partner_get(b, id, &err);
	free(pb->notes);
	pb->notes = strdup("merged notes");
	ok(pd_partner_update(b, pb, &err), "a save over the fresh version works");
	is(pb->version, 3, "version 3");

	/* a stage move from a stale view conflicts too */
	pd_move_request m = {.to = "date", .reason = "r", .expected_version = pa->version};
	ok(!pd_stage_move(a, id, &m, &err) && err.code == PD_ERR_CONFLICT, "a move from a stale view");
	m.expected_version = 3;
	ok(pd_stage_move(a, id, &m, &err), "a move from the current view");

	/* logging a call does not make someone's open edit a conflict */
	pd_partner_destroy(pa);
	pa = pd_partner_get(a, id, &err);
	pd_interaction it = {.partner_id = id, .text = strdup("quick call")};
	ok(pd_interaction_insert(b, &it, &err), "someone logs a call meanwhile");
	free(pa->website);
	pa->website = strdup("https://harbor.example");
	ok(pd_partner_update(a, pa, &err), "the open edit still saves: %s", err.msg);

	/* contacts and interactions are version-checked the same way */
	pd_contact *c = pd_contact_create();
	c->partner_id = id;
	c->name = strdup("Ines Alvarez");
	pd_contact_insert(a, c, &err);
	pd_contact *c2 = pd_contact_get(b, c->id, &err);
	free(c->title);
	c->title = strdup("Education Director");
	ok(pd_contact_update(a, c, &err), "contact saved by one");
	free(c2->phone);
	c2->phone = strdup("555-0123");
	ok(!pd_contact_update(b, c2, &err) && err.code == PD_ERR_CONFLICT, "contact conflict for the other");
	ok(!pd_contact_delete(b, c2->id, c2->version, &err) && err.code == PD_ERR_CONFLICT,
		"deleting a stale contact conflicts");
	pd_contact_destroy(c);
	pd_contact_destroy(c2);

	pd_interaction other;
	ok(pd_interaction_get(a, it.id, &other, &err), "log entry read by the other");
	free(it.text);
	it.text = strdup("quick call about the fair");
	ok(pd_interaction_update(b, &it, &err), "log entry edited");
	ok(!pd_interaction_set_done(a, other.id, other.version, true, &err) && err.code == PD_ERR_CONFLICT,
		"marking a stale entry done conflicts");
	pd_interaction_finish(&other);
	pd_interaction_finish(&it);

	/* a partner deleted under someone's open edit */
	pd_partner_destroy(pb);
	pb = pd_partner_get(b, id, &err);
	pd_partner_destroy(pa);
	pa = pd_partner_get(a, id, &err);
	ok(pd_partner_delete(a, id, pa->version, &err), "one deletes it");
	ok(!pd_partner_update(b, pb, &err) && err.code == PD_ERR_CONFLICT, "the other's save conflicts");
	ok(strstr(err.msg, "was deleted by") != NULL, "saying it was deleted: %s", err.msg);

	pd_partner_destroy(pa);
	pd_partner_destroy(pb);

	/* Two people record the stage's first agreement at once: the second
	 * meets the first, inside its own write. */
	int64_t museum = tu_add(a, "Riverbend Museum", "museum");
	pd_agreement first = {.partner_id = museum, .stage = strdup("glance"), .title = strdup("Robotics")};
	pd_agreement second = {.partner_id = museum, .stage = strdup("Glance"), .title = strdup("Stars")};
	ok(pd_agreement_insert_first(a, &first, &err), "the first agreement for glance: %s", err.msg);
	ok(!pd_agreement_insert_first(b, &second, &err) && err.code == PD_ERR_CONFLICT,
	   "a second first agreement for the same stage is a conflict");
	pd_agreements list = {0};
	ok(pd_agreement_list(b, museum, &list, &err) && list.n == 1 && strcmp(list.v[0].title, "Robotics") == 0,
	   "and nothing of it was written");
	pd_agreements_finish(&list);
	free(second.stage);
	second.stage = strdup("date");
	second.id = 0;
	ok(pd_agreement_insert_first(b, &second, &err), "for another stage it is recorded: %s", err.msg);
	ok(pd_agreement_insert(b, &first, &err), "pd_agreement_insert does not look");
	pd_agreement_finish(&first);
	pd_agreement_finish(&second);

	pd_db_close(a);
	pd_db_close(b);
	tu_cleanup();
	return tap_done();
}
