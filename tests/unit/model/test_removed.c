/* Unit tests of what the desk remembers when rows go: a person removed
 * from a partner's people leaves the log entries logged with them naming
 * them (marked removed), through edits, and as a restore writes them; and
 * the ids of people, log entries and agreements are never given again
 * after a delete, so whatever still names "#12" never finds a stranger.
 * The filter finds a partner by a removed person's name, and the audit
 * names them, marked removed, when their entry is given to someone else. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"

static int64_t add_person(pd_db *db, int64_t partner, const char *name)
{
	pd_error err = {0};
	pd_contact *c = pd_contact_create();
	c->partner_id = partner;
	c->name = strdup(name);
	int64_t id = pd_contact_insert(db, c, &err) ? c->id : 0;
	if (!id)
		printf("# cannot add %s: %s\n", name, err.msg);
	pd_contact_destroy(c);
	return id;
}

static int64_t log_with(pd_db *db, int64_t partner, int64_t person, const char *text)
{
	pd_error err = {0};
	pd_interaction it = {.partner_id = partner, .contact_id = person, .text = strdup(text)};
	int64_t id = pd_interaction_insert(db, &it, &err) ? it.id : 0;
	if (!id)
		printf("# cannot log %s: %s\n", text, err.msg);
	pd_interaction_finish(&it);
	return id;
}

/* How many partners the filter finds for text. */
static long found(pd_db *db, const char *text)
{
	pd_error err = {0};
	pd_partner_query q = {.text = text, .sort = PD_SORT_NAME};
	long n = pd_partner_query_count(db, &q, &err);
	if (n < 0)
		printf("# cannot filter by %s: %s\n", text, err.msg);
	return n;
}

/* The newest audit entry of the partner's trail changed field from was to
 * now (NULL: empty). */
static bool newest_change(pd_db *db, int64_t partner, const char *field, const char *was,
	const char *now)
{
	pd_error err = {0};
	pd_audit_filter f = {.partner_id = partner, .limit = 1};
	pd_audit_log log = {0};
	bool same = false;
	if (pd_audit_query(db, &f, &log, &err) && log.n == 1) {
		for (size_t i = 0; i < log.v[0].n_changes; i++) {
			const pd_audit_change *c = &log.v[0].changes[i];
			if (strcmp(c->field, field) != 0)
				continue;
			printf("# %s: %s -> %s\n", field, c->old_value ? c->old_value : "(none)",
				c->new_value ? c->new_value : "(none)");
			same = (c->old_value && was ? strcmp(c->old_value, was) == 0 : c->old_value == was) &&
			       (c->new_value && now ? strcmp(c->new_value, now) == 0 : c->new_value == now);
		}
	}
	pd_audit_log_finish(&log);
	return same;
}

static void removed_person(pd_db *db)
{
	pd_error err = {0};
	int64_t zoo = tu_add(db, "City Zoo", "zoo");
	int64_t sian = add_person(db, zoo, "Siân Evans"), pat = add_person(db, zoo, "Pat Lee");
	int64_t call = log_with(db, zoo, sian, "Talked about the spring nights");
	int64_t alone = log_with(db, zoo, 0, "Left a note at the desk");
	int64_t other = log_with(db, zoo, pat, "Pat called back");
	is(pd_contact_log_count(db, sian, &err), 1, "Siân is named in one entry");

	is(found(db, "siân"), 1, "the filter finds the zoo by Siân's name");
	ok(pd_contact_delete(db, sian, 1, &err), "Siân removed: %s", err.msg);
	is(found(db, "siân"), 1, "and still does after she was removed, by the name her entry keeps");
	is(found(db, "evans"), 1, "by her surname too");
	pd_interaction it;
	ok(pd_interaction_get(db, call, &it, &err), "her entry stays");
	ok(it.contact_id == 0 && it.contact_name == NULL, "naming no one on the list");
	streq(it.removed_contact, "Siân Evans", "but the name it was logged with");
	pd_interaction_finish(&it);
	ok(pd_interaction_get(db, alone, &it, &err) && it.removed_contact == NULL && it.contact_name == NULL,
	   "an entry that named nobody names nobody still");
	pd_interaction_finish(&it);
	ok(pd_interaction_get(db, other, &it, &err) && it.contact_id == pat && it.removed_contact == NULL,
	   "an entry with someone still on the list is not marked");
	pd_interaction_finish(&it);

	/* A later edit of the entry keeps the name; naming someone on the
	 * list instead replaces it. */
	ok(pd_interaction_get(db, call, &it, &err), "read again");
	free(it.text);
	it.text = strdup("Talked about the spring family nights");
	ok(pd_interaction_update(db, &it, &err), "its text corrected: %s", err.msg);
	pd_interaction_finish(&it);
	ok(pd_interaction_get(db, call, &it, &err), "read again");
	streq(it.removed_contact, "Siân Evans", "the edit keeps the name");
	it.contact_id = pat;
	ok(pd_interaction_update(db, &it, &err), "now said to be with Pat: %s", err.msg);
	pd_interaction_finish(&it);
	ok(newest_change(db, zoo, "contact", "Siân Evans (removed)", "Pat Lee"),
	   "the audit names whom the entry was with: the removed person, marked so");
	is(found(db, "siân"), 0, "with no entry keeping her name, the filter no longer finds her");
	ok(pd_interaction_get(db, call, &it, &err) && it.contact_id == pat && it.removed_contact == NULL,
	   "with Pat, and the removed name gone");
	streq(it.contact_name, "Pat Lee", "named as Pat");
	pd_interaction_finish(&it);

	/* What a restore writes: an entry with the removed person's name. */
	pd_interaction back = {.partner_id = zoo, .text = strdup("From a backup"),
		.removed_contact = strdup("Siân Evans")};
	ok(pd_interaction_insert(db, &back, &err), "an entry logged with a removed person: %s", err.msg);
	int64_t restored = back.id;
	pd_interaction_finish(&back);
	ok(pd_interaction_get(db, restored, &it, &err), "read");
	streq(it.removed_contact, "Siân Evans", "keeps the name");
	/* Saved with no one and no name ("(none)" chosen, --contact none):
	 * the name goes, and the audit says whom it was with. */
	free(it.removed_contact);
	it.removed_contact = NULL;
	ok(pd_interaction_update(db, &it, &err), "saved with no one: %s", err.msg);
	pd_interaction_finish(&it);
	ok(newest_change(db, zoo, "contact", "Siân Evans (removed)", NULL),
	   "the audit says it was with the removed person");
	ok(pd_interaction_get(db, restored, &it, &err) && it.contact_id == 0 && it.removed_contact == NULL,
	   "the removed name is cleared");
	pd_interaction_finish(&it);
	back = (pd_interaction){.partner_id = zoo, .contact_id = pat, .text = strdup("Both"),
		.removed_contact = strdup("Siân Evans")};
	ok(pd_interaction_insert(db, &back, &err), "one with a person and a removed name");
	int64_t both = back.id;
	pd_interaction_finish(&back);
	ok(pd_interaction_get(db, both, &it, &err) && it.contact_id == pat && it.removed_contact == NULL,
	   "is with the person: the removed name is not stored beside one");
	pd_interaction_finish(&it);
	back = (pd_interaction){.partner_id = zoo, .text = strdup("Bad"), .removed_contact = strdup("\xff")};
	ok(!pd_interaction_insert(db, &back, &err) && err.code == PD_ERR_INVALID,
	   "a removed name that is not UTF-8 is refused: %s", err.msg);
	pd_interaction_finish(&back);

	/* A correction read before its person was removed, saved with them
	 * still chosen: the entry changed under it (no one on the list, the
	 * name kept), so it is a conflict for the form's merge, not refused
	 * as "contact #N is not one of partner #M's", after which "(none)"
	 * was the only save left and it dropped the name. */
	int64_t kim = add_person(db, zoo, "Kim Park");
	int64_t met = log_with(db, zoo, kim, "Met at the fair");
	pd_interaction stale;
	ok(pd_interaction_get(db, met, &stale, &err), "a correction opens on Kim's entry: %s", err.msg);
	ok(pd_contact_delete(db, kim, 1, &err), "Kim removed meanwhile: %s", err.msg);
	ok(pd_interaction_get(db, met, &it, &err) && it.version > stale.version,
	   "the entry's version moved with the removal");
	pd_interaction_finish(&it);
	free(stale.text);
	stale.text = strdup("Met at the autumn fair");
	ok(!pd_interaction_update(db, &stale, &err) && err.code == PD_ERR_CONFLICT,
	   "the stale correction is a conflict: %s", err.msg);
	pd_interaction_finish(&stale);
	ok(pd_interaction_get(db, met, &it, &err) && it.removed_contact &&
	   strcmp(it.removed_contact, "Kim Park") == 0 && strcmp(it.text, "Met at the fair") == 0,
	   "and the entry still names Kim, as it was");
	pd_interaction_finish(&it);
}

static void ids_not_reused(pd_db *db)
{
	pd_error err = {0};
	int64_t hall = tu_add(db, "Town Hall", NULL);

	/* People: the newest one removed, the next one added. */
	int64_t quinn = add_person(db, hall, "Quinn");
	ok(quinn && pd_contact_delete(db, quinn, 1, &err), "the newest person removed");
	int64_t rae = add_person(db, hall, "Rae");
	ok(rae > quinn, "the next person gets an id of its own (%lld after %lld)", (long long)rae,
	   (long long)quinn);

	/* Log entries. */
	int64_t gone = log_with(db, hall, 0, "A mistake");
	ok(gone && pd_interaction_delete(db, gone, 1, &err), "the newest log entry deleted");
	int64_t next = log_with(db, hall, 0, "The real note");
	ok(next > gone, "the next entry gets an id of its own (%lld after %lld)", (long long)next,
	   (long long)gone);

	/* Agreements go only with their partner. */
	int64_t brief = tu_add(db, "Brief Partner", NULL);
	pd_agreement a = {.partner_id = brief, .title = strdup("A short one")};
	ok(pd_agreement_insert(db, &a, &err), "an agreement: %s", err.msg);
	int64_t old = a.id;
	pd_agreement_finish(&a);
	pd_partner *bp = pd_partner_get(db, brief, &err);
	ok(bp && pd_partner_delete(db, brief, bp->version, &err), "its partner deleted: %s", err.msg);
	pd_partner_destroy(bp);
	pd_agreement b = {.partner_id = hall, .title = strdup("The hall's")};
	ok(pd_agreement_insert(db, &b, &err), "another agreement: %s", err.msg);
	ok(b.id > old, "gets an id of its own (%lld after %lld)", (long long)b.id, (long long)old);
	pd_agreement_finish(&b);

	/* And after a reopen, from the trail alone. */
	int64_t sol = add_person(db, hall, "Sol");
	ok(sol && pd_contact_delete(db, sol, 1, &err), "another newest person removed");
	pd_db_close(db);
	pd_db *again = pd_db_open(tu_path("removed.db"), 0, NULL, &err);
	ok(again != NULL, "reopened");
	int64_t tam = add_person(again, hall, "Tam");
	ok(tam > sol, "the next person after a reopen is new too (%lld after %lld)", (long long)tam,
	   (long long)sol);
	pd_db_close(again);
}

int main(void)
{
	pd_db *db = tu_open("removed.db");
	removed_person(db);
	ids_not_reused(db);
	tu_cleanup();
	return tap_done();
}
