/* The kept notes of the data directory read back: when, for whom, the
 * first words, from files as keep.c writes them now and as it wrote them
 * before they named the partner; which files the environment may name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/config/kept.h"
#include "tap.h"

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static const char now_file[] =
	"#!/bin/sh\n"
	"# partnerdesk kept this note at 2026-11-23T16:21:06Z: the desk stayed locked\n"
	"# for: Oak School (#2)\n"
	"# database: /srv/desk/branch.db\n"
	"# Save it with:  sh /x/note-1.sh\n"
	"# (this file removes itself once saved; the note is the lines between the PARTNERDESK_TEXT_1 markers)\n"
	"PARTNERDESK_KEPT=\"$0\" /usr/bin/partnerdesk --db /srv/desk/branch.db log --channel phone "
	"--contact '#4' --at 2026-11-23T16:21:05Z -- '#2' - <<'PARTNERDESK_TEXT_1' && rm -f -- \"$0\"\n"
	"  Called Ann\tabout the\n"
	"PARTNERDESK_TEXT\n"
	"fair.\n"
	"PARTNERDESK_TEXT_1\n";

/* Written before the comments named the partner: the command says it. */
static const char old_file[] =
	"#!/bin/sh\n"
	"# partnerdesk kept this note at 2026-11-23T16:25:28Z: it could not be logged\n"
	"# Save it with:  sh /x/note-2.sh\n"
	"'/opt/pd/partnerdesk' --db '/home/a b/x.db' log --at 2026-11-23T16:25:27Z -- 'O'\\''Brien Hall' - "
	"<<'PARTNERDESK_TEXT' && rm -f -- \"$0\"\n"
	"a very long note that goes on and on well past what one line of a listing shows\n"
	"PARTNERDESK_TEXT\n";

int main(void)
{
	pd_kept_note k;
	ok(pd_kept_parse("/x/note-1.sh", now_file, sizeof now_file - 1, &k), "a kept file reads");
	streq(k.at, "2026-11-23T16:21:05Z", "when: the note's --at, not when it was kept");
	streq(k.what_for, "Oak School (#2)", "for whom: the comment");
	streq(k.database, "/srv/desk/branch.db", "the database");
	streq(k.words, "Called Ann about the PARTNERDESK_TEXT fair.",
	      "the words up to its own marker, on one line");
	streq(k.path, "/x/note-1.sh", "its path");
	free(k.path); free(k.what_for); free(k.database); free(k.words);

	ok(pd_kept_parse("/x/note-2.sh", old_file, sizeof old_file - 1, &k), "an older kept file reads");
	streq(k.what_for, "O'Brien Hall", "for whom: the partner as its command names it");
	streq(k.database, "/home/a b/x.db", "the database from --db");
	streq(k.at, "2026-11-23T16:25:27Z", "when from --at");
	ok(strlen(k.words) < 70 && strstr(k.words, "a very long note") == k.words
	   && strcmp(k.words + strlen(k.words) - 3, "...") == 0, "the first words, cut: %s", k.words);
	free(k.path); free(k.what_for); free(k.database); free(k.words);

	ok(pd_kept_parse("/x/junk.sh", "echo hi\n", 8, &k), "a stranger's script reads");
	ok(k.what_for == NULL && k.at[0] == '\0', "as nothing known");
	free(k.path); free(k.what_for); free(k.database); free(k.words);

	/* The list and the files the environment may name. */
	char root[] = "/tmp/pd-kept-XXXXXX";
	if (!mkdtemp(root))
		return 1;
	char data[256], dir[512], a[600], b[600], hidden[600], outside[600], link_[600];
	snprintf(data, sizeof data, "%s/data", root);
	setenv("XDG_DATA_HOME", data, 1);
	pd_kept_notes ks;
	pd_error err = {0};
	ok(pd_kept_list(&ks, &err) && ks.n == 0, "no kept directory: no notes");
	snprintf(dir, sizeof dir, "%s/partnerdesk/kept", data);
	char *d = pd_kept_dir();
	streq(d, dir, "the kept directory is in the data directory");
	free(d);
	mkdir(data, 0700);
	snprintf(a, sizeof a, "%s/partnerdesk", data);
	mkdir(a, 0700);
	mkdir(dir, 0700);
	snprintf(a, sizeof a, "%s/note-b.sh", dir);
	snprintf(b, sizeof b, "%s/note-a.sh", dir);
	snprintf(hidden, sizeof hidden, "%s/.note-a.sh-1.tmp", dir);
	snprintf(outside, sizeof outside, "%s/victim.sh", root);
	snprintf(link_, sizeof link_, "%s/note-link.sh", dir);
	write_file(a, now_file);
	write_file(b, old_file);
	write_file(hidden, now_file);
	write_file(outside, "echo mine\n");
	if (symlink(outside, link_) != 0)
		return 1;
	/* A colleague's script planted in a shared data directory is not a
	 * note of mine (it can be made only as root: the suite runs so). */
	char planted[600];
	snprintf(planted, sizeof planted, "%s/note-0.sh", dir);
	write_file(planted, now_file);
	if (getuid() == 0) {
		ok(chown(planted, 65534, 65534) == 0, "a colleague's file in kept/");
	} else {
		printf("ok %d - # SKIP a file of another user's needs root to make\n", ++tap_n);
		unlink(planted);
	}
	ok(pd_kept_list(&ks, &err), "the list reads: %s", err.msg);
	is(ks.n, 2, "every *.sh file of mine, not a rewrite under way, a link nor another user's file");
	if (ks.n == 2) {
		streq(ks.v[0].path, a, "oldest note first (by its time, not its name)");
		streq(ks.v[1].what_for, "O'Brien Hall", "then the next");
	}
	pd_kept_notes_finish(&ks);

	char *own = pd_kept_own_file(a);
	ok(own && strcmp(own, a) == 0, "a kept file of ours may be named");
	free(own);
	ok(!pd_kept_own_file(outside), "a file outside kept/ may not");
	ok(!pd_kept_own_file(link_), "nor a link in kept/ to one outside");
	ok(!pd_kept_own_file(hidden), "nor a hidden file");
	ok(!pd_kept_own_file(NULL) && !pd_kept_own_file(""), "nor nothing");

	unlink(a); unlink(b); unlink(planted); unlink(hidden); unlink(link_); unlink(outside);
	rmdir(dir);
	snprintf(a, sizeof a, "%s/partnerdesk", data);
	rmdir(a);
	rmdir(data);
	rmdir(root);
	return tap_done();
}
