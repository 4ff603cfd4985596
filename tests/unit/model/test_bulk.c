/* Bulk mode (bulk.h): nested writes without savepoints stay all or nothing,
 * unless held in a part, which is undone alone (an import row under
 * --keep-going); the search index rebuilt set-wise at the commit finds
 * what was written (names, kinds, tags, contact names, log text) and not
 * what was removed or undone. */
#include "../tap.h"
#include "testutil.h"

#include "partnerdesk/model/bulk.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"

static long matches(pd_db *db, const char *text)
{
	pd_error err = {0};
	pd_partner_query q = { .text = text, .sort = PD_SORT_NAME };
	return pd_partner_query_count(db, &q, &err);
}

static bool add_contact(pd_db *db, int64_t pid, const char *name)
{
	pd_error err = {0};
	pd_contact c = { .partner_id = pid, .name = strdup(name) };
	bool ok = pd_contact_insert(db, &c, &err);
	pd_contact_finish(&c);
	return ok;
}

static bool add_log(pd_db *db, int64_t pid, const char *at, const char *text)
{
	pd_error err = {0};
	pd_interaction it = { .partner_id = pid, .text = strdup(text) };
	snprintf(it.at, sizeof it.at, "%s", at);
	bool ok = pd_interaction_insert(db, &it, &err);
	pd_interaction_finish(&it);
	return ok;
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open("bulk.db");
	ok(pd_db_bulk_mode(db, &err), "bulk mode: %s", err.msg);

	/* A whole import: nested writes, one commit. */
	ok(pd_db_begin(db, &err), "begin");
	int64_t a = tu_add(db, "Riverside Museum", "museum");
	int64_t b = tu_add(db, "Hillcrest School", "school");
	int64_t c = tu_add(db, "Harbour Food Bank", NULL);
	ok(a && b && c, "three partners added");
	pd_partner *p = pd_partner_get(db, b, &err);
	ok(p && pd_strv_push(&p->tags, "zebrafish club") && pd_partner_update(db, p, &err),
		"a tag added in the same transaction");
	pd_partner_destroy(p);
	ok(add_contact(db, a, "Xanthippe Quill"), "a contact person");
	ok(add_log(db, c, "2026-11-01T10:00:00Z", "talked about the quokka exhibit")
	   && add_log(db, c, "2026-10-01T10:00:00Z", ""), "log entries, one with no text");
	ok(pd_db_commit(db, &err), "commit: %s", err.msg);
	is(pd_partner_count(db, &err), 3, "all three are there");
	is(matches(db, "riverside"), 1, "found by name");
	is(matches(db, "school"), 1, "found by kind or name");
	is(matches(db, "zebrafish"), 1, "found by a tag");
	is(matches(db, "xanthippe"), 1, "found by a contact's name");
	is(matches(db, "quokka"), 1, "found by log text");
	is(matches(db, "museum quill"), 1, "words from name and contact together");

	/* A nested write that fails has no savepoint to undo it alone: the
	 * commit is refused and nothing of the transaction stays. */
	ok(pd_db_begin(db, &err), "begin again");
	ok(tu_add(db, "Kept Until The End", NULL) != 0, "a write");
	ok(pd_db_begin(db, &err), "nested begin");
	tu_add(db, "Half Written", NULL);
	pd_db_rollback(db);
	err = (pd_error){0};
	ok(!pd_db_commit(db, &err), "the commit is refused");
	ok(err.code != PD_OK && strstr(err.msg, "none of it was saved"), "and says so: %s", err.msg);
	is(pd_partner_count(db, &err), 3, "nothing of it was saved");
	is(matches(db, "kept until"), 0, "nor indexed");

	/* The next transaction is whole again. */
	ok(pd_db_begin(db, &err), "a new transaction");
	int64_t d = tu_add(db, "Quayside Library", NULL);
	ok(pd_partner_delete(db, a, 1, &err), "a partner deleted: %s", err.msg);
	ok(pd_db_commit(db, &err), "commits: %s", err.msg);
	is(pd_partner_count(db, &err), 3, "one added, one deleted");
	is(matches(db, "quayside"), 1, "the new one is found");
	is(matches(db, "riverside"), 0, "the deleted one is gone from the index");
	is(matches(db, "xanthippe"), 0, "with its contact's name");
	ok(d != 0, "ids are kept");

	/* A part is undone alone, a nested write that failed inside it with
	 * it: the rest of the transaction commits. */
	ok(pd_db_begin(db, &err), "a transaction with parts");
	ok(tu_add(db, "Before The Parts", NULL) != 0, "a write outside them");
	ok(pd_db_part_begin(db, &err), "a part: %s", err.msg);
	ok(!pd_db_part_begin(db, &err), "one at a time: %s", err.msg);
	p = pd_partner_get(db, b, &err);
	ok(p && pd_strv_push(&p->tags, "okapi society") && pd_partner_update(db, p, &err),
		"a partner updated in it");
	pd_partner_destroy(p);
	ok(pd_db_begin(db, &err), "a nested write in it");
	tu_add(db, "Half Written Again", NULL);
	pd_db_rollback(db);
	ok(pd_db_part_end(db, false, &err), "the part undone: %s", err.msg);
	ok(pd_db_part_begin(db, &err), "another part");
	ok(tu_add(db, "Kept Part", NULL) != 0, "a write in it");
	ok(pd_db_part_end(db, true, &err), "kept: %s", err.msg);
	err = (pd_error){0};
	ok(pd_db_commit(db, &err), "the transaction commits: %s", err.msg);
	is(pd_partner_count(db, &err), 5, "the write outside the parts and the kept part's are in");
	is(matches(db, "okapi"), 0, "the undone update is not, nor indexed");
	is(matches(db, "half written again"), 0, "nor the failed write");
	is(matches(db, "kept part"), 1, "the kept part's partner is indexed");
	ok(!pd_db_part_begin(db, &err), "no part outside a transaction: %s", err.msg);

	/* A commit with a part still open fails, and ends the transaction
	 * like every failed commit: nothing of it saved, no lock held. */
	ok(pd_db_begin(db, &err) && pd_db_part_begin(db, &err), "a part left open");
	ok(tu_add(db, "Left Open", NULL) != 0, "a write in it");
	err = (pd_error){0};
	ok(!pd_db_commit(db, &err), "the commit is refused: %s", err.msg);
	is(matches(db, "left open"), 0, "nothing of it is saved");
	ok(tu_add(db, "After The Refusal", NULL) != 0, "and the next write stands on its own");
	char seen[64];
	tu_sql(tu_path("bulk.db"), "SELECT count(*) FROM partners WHERE name = 'After The Refusal'", 0, seen,
	       sizeof seen);
	is(atol(seen), 1, "another connection sees it at once: no transaction was left open");

	/* Outside a transaction each write indexes itself. */
	ok(add_log(db, b, "2026-11-02T10:00:00Z", "planned a narwhal talk"), "a write on its own");
	is(matches(db, "narwhal"), 1, "indexed at once");
	is(matches(db, "zebrafish narwhal"), 1, "the rest of its document is kept");

	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
