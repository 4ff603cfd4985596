/* Unit tests of whose a draft is: a note still being typed in another
 * window (a live process on this host, or a recent heartbeat from another
 * host) is marked live, cannot be claimed, and is not left over; one whose
 * process ended (whatever its heartbeat says), whose other host's heartbeat
 * went quiet, or that was released is. And
 * a draft write waits only as long as it is told for another writer. */
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/draft.h"

/* Sets the owner of draft id as another session would have written it. */
static void set_owner(const char *path, int64_t id, const char *host, long pid, const char *beat)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	sqlite3_open(path, &h);
	sqlite3_busy_timeout(h, 5000);
	sqlite3_prepare_v2(h, "UPDATE drafts SET owner_host = ?1, owner_pid = ?2, heartbeat = ?3 WHERE id = ?4",
		-1, &st, NULL);
	sqlite3_bind_text(st, 1, host, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_text(st, 3, beat, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, id);
	if (sqlite3_step(st) != SQLITE_DONE)
		printf("# set_owner: %s\n", sqlite3_errmsg(h));
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* Whether draft id is listed as live. */
static bool listed_live(pd_db *db, int64_t id)
{
	pd_drafts list = {0};
	pd_error err = {0};
	bool live = false;
	if (!pd_draft_list(db, &list, &err))
		printf("# %s\n", err.msg);
	for (size_t i = 0; i < list.n; i++)
		if (list.v[i].id == id)
			live = list.v[i].live;
	pd_drafts_finish(&list);
	return live;
}

int main(void)
{
	pd_error err = {0};
	const char *path = tu_path("owner.db");
	pd_db *db = tu_open("owner.db");
	int64_t pid_partner = tu_add(db, "Amgueddfa Cymru", NULL);
	char now[PD_TIME_LEN], old[PD_TIME_LEN], host[256];
	pd_time_format(TU_NOW, now);
	pd_time_format(TU_NOW - PD_DRAFT_LIVE_SECONDS - 5, old);
	gethostname(host, sizeof host);
	host[sizeof host - 1] = '\0';

	pd_draft d = {.form = strdup("log"), .partner_id = pid_partner, .payload = strdup("note=Live note")};
	ok(pd_draft_save(db, &d, &err), "a draft saved: %s", err.msg);
	ok(!listed_live(db, d.id), "this session's own draft is not another window's");

	/* Another window on this host, typing now: a live process. */
	pid_t child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	set_owner(path, d.id, host, (long)child, now);
	ok(listed_live(db, d.id), "a draft of a running process with a fresh heartbeat is live");
	ok(!pd_draft_claim(db, &d, &err) && err.code == PD_ERR_CONFLICT, "and cannot be claimed: %s", err.msg);
	ok(strstr(err.msg, "another window") != NULL, "the refusal says it is open in another window");

	/* Its heartbeat went quiet long ago but the process is there: a
	 * session stopped with Ctrl-Z (or a laptop's SSH session asleep) is
	 * still the note's owner; on this host the process decides. */
	set_owner(path, d.id, host, (long)child, old);
	ok(listed_live(db, d.id), "a running process with a stale heartbeat (suspended) is live");
	ok(!pd_draft_claim(db, &d, &err) && err.code == PD_ERR_CONFLICT, "and cannot be claimed: %s", err.msg);

	/* The process ended (SIGKILL: no chance to release). */
	set_owner(path, d.id, host, (long)child, now);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	ok(!listed_live(db, d.id), "a draft whose process has ended is left over at once");

	/* Another host: only the heartbeat tells. */
	set_owner(path, d.id, "some-other-branch-server", 12345, now);
	ok(listed_live(db, d.id), "another host's draft with a fresh heartbeat is live");
	set_owner(path, d.id, "some-other-branch-server", 12345, old);
	ok(!listed_live(db, d.id), "and left over once its heartbeat is older than %d s", PD_DRAFT_LIVE_SECONDS);

	/* Claimed here, it is this session's; a touch keeps it so. */
	ok(pd_draft_claim(db, &d, &err), "a left-over draft is claimed: %s", err.msg);
	ok(!listed_live(db, d.id), "and is this session's");
	pd_db_set_now(db, TU_NOW + 60);
	ok(pd_draft_touch(db, &d, 50, &err), "the heartbeat is refreshed: %s", err.msg);

	/* Released at the end of the session: left over for the next start. */
	set_owner(path, d.id, "some-other-branch-server", 12345, now);
	ok(listed_live(db, d.id), "(someone else's, live)");
	ok(pd_draft_release(db, &d, &err), "released: %s", err.msg);
	ok(!listed_live(db, d.id), "a released draft is left over");
	pd_draft gone = {.id = 999999, .form = d.form};
	memcpy(gone.created, d.created, sizeof gone.created);
	ok(pd_draft_claim(db, &gone, &err) == false && err.code == PD_ERR_NOTFOUND, "a gone draft: %s", err.msg);

	/* Another program holds the write lock: a quick draft write gives up
	 * in the time it was given instead of the usual seconds. */
	sqlite3 *h;
	sqlite3_open(path, &h);
	int rc = sqlite3_exec(h, "BEGIN IMMEDIATE; UPDATE drafts SET updated = updated;", NULL, NULL, NULL);
	ok(rc == SQLITE_OK, "another connection holds the write lock");
	free(d.payload);
	d.payload = strdup("note=Live note, typed on");
	ok(!pd_draft_save_within(db, &d, 20, &err) && err.code == PD_ERR_BUSY,
		"a draft write with a short wait is refused as busy: %s", err.msg);
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h);
	ok(pd_draft_save_within(db, &d, 20, &err), "and goes through once the lock is gone: %s", err.msg);
	pd_drafts list = {0};
	ok(pd_draft_list(db, &list, &err) && list.n == 1 && strcmp(list.v[0].payload, "note=Live note, typed on") == 0,
		"with the text typed meanwhile");
	pd_drafts_finish(&list);

	pd_draft_finish(&d);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
