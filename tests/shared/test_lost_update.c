/* Lost updates in the model: two instances read the same partner at the
 * same version and both save. Exactly one save may win; the other must get
 * PD_ERR_CONFLICT and write nothing. 200 rounds with two handles in one
 * process, then 200 with two processes saving at the same instant. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/partner.h"
#include "../unit/tap.h"

#define ROUNDS 200

static char *value(const char *who, int round)
{
	static char buf[2][64];
	static int k;
	k ^= 1;
	snprintf(buf[k], sizeof buf[k], "%s-%d", who, round);
	return buf[k];
}

static bool set_notes(pd_partner *p, const char *s)
{
	free(p->notes);
	return (p->notes = strdup(s)) != NULL;
}

/* ---- two handles, one process ---- */

static void two_handles(const char *path, int64_t id)
{
	pd_error err = {0};
	pd_db *a = pd_db_open(path, 0, NULL, &err);
	pd_db *b = pd_db_open(path, 0, NULL, &err);
	if (!ok(a && b, "two handles on one file")) {
		printf("#   %s\n", err.msg);
		pd_db_close(a);
		pd_db_close(b);
		return;
	}
	int a_won = 0, b_won = 0, conflicts = 0, both = 0, neither = 0, other = 0, silent = 0;
	for (int i = 0; i < ROUNDS; i++) {
		pd_partner *pa = pd_partner_get(a, id, &err);
		pd_partner *pb = pd_partner_get(b, id, &err);
		if (!pa || !pb || pa->version != pb->version) {
			other++;
			pd_partner_destroy(pa);
			pd_partner_destroy(pb);
			continue;
		}
		int64_t v = pa->version;
		set_notes(pa, value("a", i));
		set_notes(pb, value("b", i));
		/* Alternate who saves first, so both paths lose half the time. */
		pd_db *first = i % 2 ? b : a, *second = i % 2 ? a : b;
		pd_partner *p1 = i % 2 ? pb : pa, *p2 = i % 2 ? pa : pb;
		pd_error e1 = {0}, e2 = {0};
		bool ok1 = pd_partner_update(first, p1, &e1);
		bool ok2 = pd_partner_update(second, p2, &e2);
		if (ok1 && ok2)
			both++;
		else if (!ok1 && !ok2)
			neither++;
		else {
			pd_error *lost = ok1 ? &e2 : &e1;
			if (lost->code == PD_ERR_CONFLICT)
				conflicts++;
			else
				other++;
			if (ok1 == (first == a))
				a_won++;
			else
				b_won++;
		}
		pd_partner *now = pd_partner_get(a, id, &err);
		const char *want = ok1 ? p1->notes : ok2 ? p2->notes : NULL;
		if (!now || !want || strcmp(now->notes ? now->notes : "", want) != 0 ||
		    now->version != v + 1)
			silent++;
		pd_partner_destroy(now);
		pd_partner_destroy(pa);
		pd_partner_destroy(pb);
	}
	printf("# two handles, %d rounds: first saver won %d (a %d, b %d), conflicts reported %d, "
	       "both saved %d, neither %d, other errors %d, wrong final value %d\n",
	       ROUNDS, a_won + b_won, a_won, b_won, conflicts, both, neither, other, silent);
	is(both, 0, "never do both saves succeed");
	is(conflicts, ROUNDS, "every round the loser is told PD_ERR_CONFLICT");
	is(silent, 0, "the stored value is always the winner's, at version + 1");
	ok(a_won > 0 && b_won > 0, "both handles win some rounds (order alternates)");
	pd_db_close(a);
	pd_db_close(b);
}

/* ---- two processes saving at once ---- */

struct child {
	pid_t pid;
	int to, from;    /* commands to it, answers from it */
};

/* The child's side: for each round, read the partner and answer its
 * version, wait for "go", save, answer 'W' (won), 'C' (conflict) or 'E'. */
static int child_main(const char *path, int64_t id, const char *who, int in, int out)
{
	pd_error err = {0};
	pd_db *db = pd_db_open(path, 0, NULL, &err);
	char cmd;
	while (read(in, &cmd, 1) == 1) {
		if (cmd == 'q')
			break;
		int round;
		if (read(in, &round, sizeof round) != sizeof round)
			break;
		pd_partner *p = db ? pd_partner_get(db, id, &err) : NULL;
		int64_t v = p ? p->version : -1;
		if (write(out, &v, sizeof v) != sizeof v)
			break;
		if (read(in, &cmd, 1) != 1)
			break;
		char res = 'E';
		if (p && set_notes(p, value(who, round))) {
			pd_error e = {0};
			if (pd_partner_update(db, p, &e))
				res = 'W';
			else if (e.code == PD_ERR_CONFLICT)
				res = 'C';
			else
				fprintf(stderr, "%s: %s\n", who, e.msg);
		}
		pd_partner_destroy(p);
		if (write(out, &res, 1) != 1)
			break;
	}
	pd_db_close(db);
	return 0;
}

static bool spawn(struct child *c, const char *path, int64_t id, const char *who)
{
	int down[2], up[2];
	if (pipe(down) != 0 || pipe(up) != 0)
		return false;
	fflush(stdout);
	c->pid = fork();
	if (c->pid < 0)
		return false;
	if (c->pid == 0) {
		close(down[1]);
		close(up[0]);
		_exit(child_main(path, id, who, down[0], up[1]));
	}
	close(down[0]);
	close(up[1]);
	c->to = down[1];
	c->from = up[0];
	return true;
}

static void two_processes(const char *path, int64_t id)
{
	struct child c[2];
	if (!ok(spawn(&c[0], path, id, "p") && spawn(&c[1], path, id, "q"), "two processes started"))
		return;
	pd_error err = {0};
	pd_db *check = pd_db_open(path, 0, NULL, &err);
	int wins[2] = {0, 0}, conflicts = 0, both = 0, neither = 0, stale = 0, silent = 0, broken = 0;
	for (int i = 0; i < ROUNDS && check; i++) {
		int64_t v[2];
		bool io = true;
		for (int k = 0; k < 2; k++) {
			io = io && write(c[k].to, "r", 1) == 1 && write(c[k].to, &i, sizeof i) == sizeof i;
		}
		for (int k = 0; k < 2; k++)
			io = io && read(c[k].from, &v[k], sizeof v[k]) == sizeof v[k];
		if (!io) {
			broken++;
			break;
		}
		if (v[0] != v[1] || v[0] < 0) {
			stale++;
			continue;
		}
		/* Both have read version v; now both save at once. */
		char res[2] = {0, 0};
		for (int k = 0; k < 2; k++)
			io = io && write(c[k].to, "g", 1) == 1;
		for (int k = 0; k < 2; k++)
			io = io && read(c[k].from, &res[k], 1) == 1;
		if (!io) {
			broken++;
			break;
		}
		int won = (res[0] == 'W') + (res[1] == 'W');
		if (won == 2)
			both++;
		else if (won == 0)
			neither++;
		else {
			int w = res[0] == 'W' ? 0 : 1;
			wins[w]++;
			if (res[!w] == 'C')
				conflicts++;
		}
		pd_partner *now = pd_partner_get(check, id, &err);
		if (won == 1) {
			const char *want = value(res[0] == 'W' ? "p" : "q", i);
			if (!now || !now->notes || strcmp(now->notes, want) != 0 || now->version != v[0] + 1)
				silent++;
		}
		pd_partner_destroy(now);
	}
	for (int k = 0; k < 2; k++) {
		if (write(c[k].to, "q", 1) != 1)
			kill(c[k].pid, SIGTERM);
		close(c[k].to);
		close(c[k].from);
		int st;
		waitpid(c[k].pid, &st, 0);
	}
	printf("# two processes, %d rounds: p won %d, q won %d, conflicts reported %d, both saved %d, "
	       "neither %d, reads at different versions %d, wrong final value %d\n",
	       ROUNDS, wins[0], wins[1], conflicts, both, neither, stale, silent);
	is(broken, 0, "the children answered every round");
	is(both, 0, "never do both concurrent saves succeed");
	is(neither, 0, "one of the two always wins");
	is(conflicts, ROUNDS - stale, "every round the loser is told PD_ERR_CONFLICT");
	is(silent, 0, "the stored value is always the winner's, at version + 1");
	ok(stale < ROUNDS / 10, "both read the same version in nearly every round (%d did not)", stale);
	pd_db_close(check);
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/pd-lost-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char path[256];
	snprintf(path, sizeof path, "%s/test.db", dir);
	pd_error err = {0};
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &err);
	pd_partner *p = pd_partner_create();
	p->name = strdup("Contested Museum");
	if (!ok(db && pd_partner_insert(db, p, &err), "a database with one partner")) {
		printf("#   %s\n", err.msg);
		return tap_done();
	}
	int64_t id = p->id;
	pd_partner_destroy(p);
	pd_db_close(db);

	two_handles(path, id);
	two_processes(path, id);

	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return tap_done();
}
