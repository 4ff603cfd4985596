/* Unit tests of a window's draft after `partnerdesk restore` put a copy
 * under it: the copy may hold someone else's draft, or another of this
 * user's, under the id the window remembers, and nothing the window does
 * with its draft may write or delete that one; a draft begun in the same
 * second as one just deleted has an id of its own. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/put_back.h"

/* Draft `id` as "user|form|payload|owner_host|heartbeat|created" ("" when
 * there is none), into out. */
static const char *row(const char *path, int64_t id, char *out, size_t len)
{
	return tu_sql(path, "SELECT os_user || '|' || form || '|' || payload || '|' || "
		"ifnull(owner_host, '') || '|' || ifnull(heartbeat, '') || '|' || created "
		"FROM drafts WHERE id = ?1", id, out, len);
}

/* How many drafts of this user hold payload. */
static int drafts_holding(pd_db *db, const char *payload)
{
	pd_drafts list = {0};
	pd_error err = {0};
	int n = 0;
	if (!pd_draft_list(db, &list, &err))
		printf("# %s\n", err.msg);
	for (size_t i = 0; i < list.n; i++)
		n += strcmp(list.v[i].payload, payload) == 0;
	pd_drafts_finish(&list);
	return n;
}

/* err emptied, so that a message printed is this call's. */
static pd_error *fresh(pd_error *err)
{
	*err = (pd_error){0};
	return err;
}

/* The restore: `partnerdesk restore copy` run by someone while the window
 * stays open. */
static bool restore(const char *copy, const char *keep)
{
	pd_error err = {0};
	pd_db *desk = pd_db_open(tu_path("desk.db"), 0, NULL, &err);
	bool ok = desk && pd_db_put_back(desk, copy, keep, NULL, &err);
	if (!ok)
		printf("# restore: %s\n", err.msg);
	pd_db_close(desk);
	return ok;
}

/* A copy of d's name only, as the window remembered it. */
static pd_draft remembered(const pd_draft *d)
{
	pd_draft r = {.id = d->id, .form = d->form};
	memcpy(r.created, d->created, sizeof r.created);
	return r;
}

int main(void)
{
	pd_error err = {0};
	char path[512];   /* tu_path's buffers are reused */
	snprintf(path, sizeof path, "%s", tu_path("desk.db"));
	pd_db *win = tu_open("desk.db");
	char before[512], after[512];

	/* ---- a colleague's draft under the id ---- */
	/* Last week's copy holds a colleague's note; she saved it since.
	 * Drafts' ids are random now, but a copy from before they were may
	 * hold hers under the id this window's note has: made so below. */
	tu_sql(path, "INSERT INTO drafts (id, form, payload, os_user, created, updated, owner_host, "
		"owner_pid, heartbeat) VALUES (1, 'log', 'note=Colleague: the mural grant is due Friday', "
		"'colleague', '2026-11-16T09:00:00Z', '2026-11-16T09:05:00Z', 'branch-2', 4242, "
		"'2026-11-16T09:05:00Z')", 0, NULL, 0);
	ok(pd_db_backup(win, tu_path("week.db"), false, NULL, fresh(&err)), "a copy is made: %s", err.msg);
	tu_sql(path, "DELETE FROM drafts WHERE id = 1", 0, NULL, 0);

	pd_draft d = {.form = strdup("log"), .payload = strdup("note=Mine: asked about the reading room")};
	ok(pd_draft_save(win, &d, fresh(&err)), "the window writes its draft: %s", err.msg);
	tu_sql(tu_path("week.db"), "UPDATE drafts SET id = ?1 WHERE id = 1", d.id, NULL, 0);
	int64_t theirs = d.id;
	ok(restore(tu_path("week.db"), tu_path("keep1.db")), "the copy is put back under the window");
	row(path, theirs, before, sizeof before);
	ok(strstr(before, "colleague|log|note=Colleague") != NULL, "the window's id is the colleague's note now: %s", before);

	pd_draft stale = remembered(&d);
	ok(!pd_draft_touch(win, &stale, 50, fresh(&err)) && err.code == PD_ERR_NOTFOUND,
		"a heartbeat finds no draft of this window: %s", err.msg);
	ok(!pd_draft_release(win, &stale, fresh(&err)) && err.code == PD_ERR_NOTFOUND,
		"nor does a release: %s", err.msg);
	ok(pd_draft_delete(win, &stale, fresh(&err)), "a delete (the form saved) goes through: %s", err.msg);
	streq(row(path, theirs, after, sizeof after), before, "and the colleague's note is still there, as it was");

	free(d.payload);
	d.payload = strdup("note=Mine: asked about the reading room, booked");
	ok(pd_draft_save(win, &d, fresh(&err)), "the window's next draft write: %s", err.msg);
	ok(d.id != theirs, "goes into a new draft (%lld)", (long long)d.id);
	streq(row(path, theirs, after, sizeof after), before, "the colleague's note untouched");
	is(drafts_holding(win, "note=Mine: asked about the reading room, booked"), 1, "the text is in the desk once");
	ok(pd_draft_delete(win, &d, fresh(&err)), "saved for real, the draft goes: %s", err.msg);
	is(drafts_holding(win, "note=Mine: asked about the reading room, booked"), 0, "it is gone");
	streq(row(path, theirs, after, sizeof after), before, "and only it");
	pd_draft_finish(&d);

	/* ---- another of this user's drafts under the id ---- */
	tu_sql(path, "DELETE FROM drafts", 0, NULL, 0);
	pd_db_set_now(win, TU_NOW - 86400);
	pd_draft other = {.form = strdup("partner"), .payload = strdup("name=Riverside Allotments")};
	ok(pd_draft_save(win, &other, fresh(&err)), "yesterday's note, another form: %s", err.msg);
	pd_draft named = remembered(&other);
	ok(pd_draft_release(win, &named, fresh(&err)), "left over (its session ended): %s", err.msg);
	ok(pd_db_backup(win, tu_path("yesterday.db"), false, NULL, fresh(&err)), "a copy is made: %s", err.msg);
	ok(pd_draft_delete(win, &named, fresh(&err)), "and then it was saved: %s", err.msg);

	pd_db_set_now(win, TU_NOW);
	pd_draft e = {.form = strdup("log"), .payload = strdup("note=Rang the allotment society")};
	ok(pd_draft_save(win, &e, fresh(&err)), "today's note: %s", err.msg);
	tu_sql(tu_path("yesterday.db"), "UPDATE drafts SET id = ?1 WHERE form = 'partner'", e.id, NULL, 0);
	ok(restore(tu_path("yesterday.db"), tu_path("keep2.db")), "yesterday's copy is put back");
	row(path, e.id, before, sizeof before);
	ok(strstr(before, "|partner|name=Riverside Allotments|||") != NULL, "the id holds the left-over note: %s", before);

	stale = remembered(&e);
	ok(!pd_draft_touch(win, &stale, 50, fresh(&err)) && err.code == PD_ERR_NOTFOUND, "a heartbeat finds nothing");
	ok(!pd_draft_claim(win, &stale, fresh(&err)) && err.code == PD_ERR_NOTFOUND, "nor a claim: %s", err.msg);
	ok(!pd_draft_release(win, &stale, fresh(&err)) && err.code == PD_ERR_NOTFOUND, "nor a release");
	ok(pd_draft_delete(win, &stale, fresh(&err)), "a delete: %s", err.msg);
	streq(row(path, stale.id, after, sizeof after), before, "the left-over note is as it was: not taken, not deleted");

	free(e.payload);
	e.payload = strdup("note=Rang the allotment society: plots free in March");
	ok(pd_draft_save(win, &e, fresh(&err)), "the next draft write: %s", err.msg);
	ok(e.id != stale.id, "is a new draft");
	streq(row(path, stale.id, after, sizeof after), before, "yesterday's note is not overwritten");
	is(drafts_holding(win, "name=Riverside Allotments"), 1, "both notes are offered back:");
	is(drafts_holding(win, "note=Rang the allotment society: plots free in March"), 1, "the old and the new");
	streq(e.created, "2026-11-23T14:05:00Z", "the new one still says when its typing began");
	pd_draft_finish(&e);

	/* ---- the copy holds this very draft ---- */
	pd_draft f = {.form = strdup("fit"), .payload = strdup("reason=Shared audience")};
	ok(pd_draft_save(win, &f, fresh(&err)), "a draft: %s", err.msg);
	ok(pd_db_backup(win, tu_path("now.db"), false, NULL, fresh(&err)), "copied with it: %s", err.msg);
	int64_t fid = f.id;
	ok(restore(tu_path("now.db"), tu_path("keep3.db")), "and put back");
	free(f.payload);
	f.payload = strdup("reason=Shared audience, and a hall");
	ok(pd_draft_save(win, &f, fresh(&err)) && f.id == fid, "the window writes on into its own draft");
	is(drafts_holding(win, "reason=Shared audience"), 0, "not a second one beside it");
	pd_draft_finish(&f);

	/* ---- the same name, held by another running session ---- */
	pd_draft g = {.form = strdup("contact"), .payload = strdup("name=Ana")};
	ok(pd_draft_save(win, &g, fresh(&err)), "a draft: %s", err.msg);
	tu_sql(path, "UPDATE drafts SET payload = 'name=Ana Lima', owner_host = 'some-other-branch-server', "
		"owner_pid = 77, heartbeat = '2026-11-23T14:05:00Z' WHERE id = ?1", g.id, NULL, 0);
	int64_t gid = g.id;
	row(path, gid, before, sizeof before);
	ok(pd_draft_save(win, &g, fresh(&err)) && g.id != gid, "a draft another window is typing is not written over");
	streq(row(path, gid, after, sizeof after), before, "that window's text stays");
	pd_draft_finish(&g);

	/* ---- whether the row still holds the window's text ---- */
	pd_draft h = {.form = strdup("log"), .payload = strdup("note=Rang the harbour trust")};
	bool holds = false;
	ok(pd_draft_save(win, &h, fresh(&err)), "a draft: %s", err.msg);
	ok(pd_draft_holds(win, &h, &holds, fresh(&err)) && holds, "its row holds its text");
	ok(pd_db_backup(win, tu_path("older.db"), false, NULL, fresh(&err)), "copied: %s", err.msg);
	free(h.payload);
	h.payload = strdup("note=Rang the harbour trust about the tide tables");
	ok(pd_draft_save(win, &h, fresh(&err)), "written on: %s", err.msg);
	ok(restore(tu_path("older.db"), tu_path("keep4.db")), "the older copy put back");
	ok(pd_draft_holds(win, &h, &holds, fresh(&err)) && !holds, "the row holds less than the window now");
	tu_sql(path, "DELETE FROM drafts WHERE id = ?1", h.id, NULL, 0);
	ok(pd_draft_holds(win, &h, &holds, fresh(&err)) && !holds, "nor does a row that is gone");
	pd_draft_finish(&h);

	/* ---- a note saved and the next begun in the same second ---- */
	/* The first note's draft is in the night's copy; the note is saved
	 * (its draft goes) and the next one begun within the second. Put
	 * back, the copy brings the first draft back (its save undone with
	 * the rest): the next note's writes and its save must leave it. */
	tu_sql(path, "DELETE FROM drafts", 0, NULL, 0);
	pd_draft one = {.form = strdup("log"), .payload = strdup("note=Booked the hall for the fair")};
	ok(pd_draft_save(win, &one, fresh(&err)), "a note's draft: %s", err.msg);
	ok(pd_db_backup(win, tu_path("night.db"), false, NULL, fresh(&err)), "copied: %s", err.msg);
	ok(pd_draft_delete(win, &one, fresh(&err)), "the note is saved, its draft goes: %s", err.msg);
	pd_draft two = {.form = strdup("log"), .payload = strdup("note=Rang the scouts")};
	ok(pd_draft_save(win, &two, fresh(&err)), "the next note's draft: %s", err.msg);
	streq(two.created, one.created, "begun in the same second");
	ok(two.id != one.id, "under an id of its own, not the one just freed (%lld)", (long long)two.id);
	ok(restore(tu_path("night.db"), tu_path("keep5.db")), "the copy is put back");
	row(path, one.id, before, sizeof before);
	ok(strstr(before, "|log|note=Booked the hall for the fair|") != NULL, "the first note's draft is back: %s",
	   before);
	free(two.payload);
	two.payload = strdup("note=Rang the scouts about the hall");
	ok(pd_draft_save(win, &two, fresh(&err)), "the next note is written on: %s", err.msg);
	streq(row(path, one.id, after, sizeof after), before, "not over the first note's draft");
	ok(pd_draft_delete(win, &two, fresh(&err)), "the next note is saved, its draft goes: %s", err.msg);
	streq(row(path, one.id, after, sizeof after), before, "the first note's draft is not deleted with it");
	is(drafts_holding(win, "note=Booked the hall for the fair"), 1, "it is offered back");
	pd_draft_finish(&one);
	pd_draft_finish(&two);

	pd_draft_finish(&other);
	pd_db_close(win);
	tu_cleanup();
	return tap_done();
}
