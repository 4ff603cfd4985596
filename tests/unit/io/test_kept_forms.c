/* The file of unsaved forms kept at exit: every pd_draft field round-trips
 * exactly (line breaks, tabs, Welsh, Korean, Arabic, an escape byte, bytes
 * that are not UTF-8), the text is safe to cat, a file cut anywhere is
 * refused, and putting back takes only this desk's files, whole ones. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "partnerdesk/io/kept_forms.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "tap.h"

static char dir[] = "/tmp/pd-io-kept-forms-XXXXXX";

/* What a form might hold: every kind of byte a person or a paste brings. */
static const char *const payloads[] = {
	"channel=phone\nnote=Bore da! Ŵyn, ŷd, Llanelli\\nail linell\n\tindented\twith tabs\n"
	"korean=감사합니다, 도서관\narabic=شكرا جزيلا للمكتبة\n",
	"esc=\033[31mred\033[0m and a bell\a, DEL\x7f, CR\r, caret ^ ^^ ^J ^x1B literal\n"
	"rs=\x1e (its caret form is ^^), us=\x1f\n"
	"c1=\xc2\x9b""6n, bidi \xe2\x80\xae""reversed\xe2\x80\xac, bom \xef\xbb\xbf, sep \xe2\x80\xa8!\n"
	"bad=\xff\xfe half \xe2\x82 of a euro, backslash \\ and \\n\n",
	"no line break at the end: = ^ \t",
	"",
	"\n\n\nblank lines\n\n",
};
#define N_PAYLOADS (sizeof payloads / sizeof *payloads)

static void fill(pd_draft *v)
{
	static const char *const forms[] = {"log", "partner", "agreement", "contact", "fit"};
	for (size_t i = 0; i < N_PAYLOADS; i++) {
		memset(&v[i], 0, sizeof v[i]);
		v[i].form = (char *)forms[i % 5];
		v[i].id = (int64_t)(i * 7);
		v[i].partner_id = i == 3 ? 0 : (int64_t)(1000000000000LL + (long long)i);
		v[i].target_id = (int64_t)i * 3;
		v[i].target_version = INT64_MAX - (int64_t)i;
		v[i].payload = (char *)payloads[i];
		if (i != 4)
			snprintf(v[i].created, sizeof v[i].created, "2026-11-2%zuT09:0%zu:00Z", i, i);
	}
}

static bool same(const pd_draft *a, const pd_draft *b)
{
	return strcmp(a->form, b->form) == 0 && a->id == b->id && a->partner_id == b->partner_id
	    && a->target_id == b->target_id && a->target_version == b->target_version
	    && strcmp(a->created, b->created) == 0 && strcmp(a->payload, b->payload) == 0;
}

static void test_round_trip(void)
{
	pd_draft v[N_PAYLOADS];
	fill(v);
	const char *desk = "/srv/desks/branch one/partner\ndesk ^.db";
	char *text = pd_kept_forms_format(desk, v, N_PAYLOADS, "a test\nwith a line break", 1795442700);
	ok(text != NULL, "formatted");
	if (!text)
		return;
	char *got_desk = NULL;
	pd_drafts got = {0};
	pd_error err = {0};
	ok(pd_kept_forms_parse(text, strlen(text), &got_desk, &got, &err), "read back: %s", err.msg);
	streq(got_desk ? got_desk : "", desk, "the desk round-trips");
	is(got.n, N_PAYLOADS, "every form comes back");
	for (size_t i = 0; i < got.n && i < N_PAYLOADS; i++) {
		ok(same(&got.v[i], &v[i]), "form %zu round-trips exactly", i);
		if (!same(&got.v[i], &v[i]))
			streq(got.v[i].payload, v[i].payload, "payload %zu", i);
	}
	free(got_desk);
	pd_drafts_finish(&got);

	/* Safe to cat: no byte a terminal would act on, only line breaks. */
	bool safe = true;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
		    || (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xae || p[2] == 0xa8)))
			safe = false;
	ok(safe, "no control character, C1 control or bidi override is written as it is");
	ok(strstr(text, "Bore da! Ŵyn, ŷd, Llanelli") && strstr(text, "감사합니다, 도서관")
	   && strstr(text, "شكرا جزيلا للمكتبة"), "Welsh, Korean and Arabic read as they were typed");
	ok(strstr(text, "payload: ^Iindented^Iwith tabs^J\n") != NULL, "a line break ends the file's line too");
	ok(strstr(text, "^[[31mred") != NULL, "the escape byte shows as ^[");
	ok(strstr(text, "^xFF^xFE") != NULL, "bytes that are not UTF-8 show as ^xHH");

	/* Cut anywhere, it is refused rather than read in part. */
	size_t len = strlen(text), taken = 0;
	for (size_t cut = 0; cut < len; cut++) {
		pd_error e = {0};
		char *d = NULL;
		pd_drafts part = {0};
		if (pd_kept_forms_parse(text, cut, &d, &part, &e)) {
			taken++;
			free(d);
			pd_drafts_finish(&part);
		}
	}
	is(taken, 0, "no cut of the file (of %zu bytes) is taken as whole", len);

	/* A form lost from the middle is noticed by the count. */
	char *second = strstr(text, "\nform: partner\n");
	char *third = second ? strstr(second + 1, "\nform: ") : NULL;
	if (second && third) {
		memmove(second, third, strlen(third) + 1);
		char *d = NULL;
		pd_drafts part = {0};
		err = (pd_error){0};
		ok(!pd_kept_forms_parse(text, strlen(text), &d, &part, &err) && strstr(err.msg, "cut short"),
		   "a form missing from the middle: %s", err.msg);
	}
	free(text);

	static const char *const wrong[] = {
		"partnerdesk unsaved forms, format 2\ndesk: /d\nforms: 0\n",
		"partnerdesk unsaved forms, format 1\ndesk: /d\nform: log\ndraft: 0\npartner: 0\ntarget: 0\n"
		"target-version: 0\ncreated: \npayload: a^@b\nend\nforms: 1\n",
		"partnerdesk unsaved forms, format 1\ndesk: /d\nform: log\ndraft: -1\npartner: 0\ntarget: 0\n"
		"target-version: 0\ncreated: \npayload: a\nend\nforms: 1\n",
		"partnerdesk unsaved forms, format 1\ndesk: /d\nform: log\ndraft: 0\npartner: 0\ntarget: 0\n"
		"target-version: 0\ncreated: \npayload: one\npayload: two\nend\nforms: 1\n",
		"partnerdesk unsaved forms, format 1\ndesk: /d\nform: log\ndraft: 0\npartner: 0\ntarget: 0\n"
		"target-version: 0\ncreated: \nend\nforms: 1\n",
		"partnerdesk unsaved forms, format 1\ndesk: /d\nforms: 0\nform: log\n",
	};
	for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
		char *d = NULL;
		pd_drafts part = {0};
		err = (pd_error){0};
		ok(!pd_kept_forms_parse(wrong[i], strlen(wrong[i]), &d, &part, &err) && err.msg[0],
		   "refused: %s", err.msg);
	}
}

static size_t count_files(const char *sub, const char *prefix)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, sub);
	DIR *d = opendir(path);
	size_t n = 0;
	struct dirent *de;
	while (d && (de = readdir(d)))
		n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
	if (d)
		closedir(d);
	return n;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	*len = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	if (buf)
		buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void test_write(void)
{
	char kept[PATH_MAX];
	snprintf(kept, sizeof kept, "%s/kept", dir);
	mkdir(kept, 0700);
	pd_draft v[N_PAYLOADS];
	fill(v);
	char *path = NULL;
	pd_error err = {0};
	ok(pd_kept_forms_write(kept, "/srv/desk.db", v, N_PAYLOADS, "locked", &path, NULL, &err), "written: %s", err.msg);
	struct stat st;
	ok(path && stat(path, &st) == 0 && (st.st_mode & 07777) == 0600, "mode 0600");
	const char *name = path ? strrchr(path, '/') + 1 : "";
	ok(strncmp(name, PD_KEPT_FORMS_PREFIX, strlen(PD_KEPT_FORMS_PREFIX)) == 0
	   && strcmp(name + strlen(name) - 4, ".txt") == 0, "named %s", name);
	is(count_files("kept", "."), 2, "no temporary file left beside it (only . and ..)");
	size_t len = 0;
	char *text = path ? slurp(path, &len) : NULL, *desk = NULL;
	pd_drafts got = {0};
	ok(text && pd_kept_forms_parse(text, len, &desk, &got, &err), "the file reads back: %s", err.msg);
	bool all = got.n == N_PAYLOADS;
	for (size_t i = 0; all && i < got.n; i++)
		all = same(&got.v[i], &v[i]);
	ok(all, "and holds every form exactly");
	pd_drafts_finish(&got);
	free(desk);
	free(text);
	if (path)
		unlink(path);
	free(path);
}

static pd_db *open_db(const char *name)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	pd_error e = {0};
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &e);
	if (!db)
		printf("# open %s: %s\n", path, e.msg);
	return db;
}

static void test_put_back(void)
{
	char kept[PATH_MAX];
	snprintf(kept, sizeof kept, "%s/back", dir);
	mkdir(kept, 0700);
	pd_db *a = open_db("a.db"), *b = open_db("b.db");
	if (!a || !b) {
		ok(0, "databases open");
		return;
	}
	pd_error err = {0};
	pd_partner *p = pd_partner_create();
	p->name = strdup("Harbor Science Center");
	p->kind = strdup("museum");
	ok(pd_partner_insert(a, p, &err), "partner: %s", err.msg);

	/* What the session had written before the lock: an older text. */
	pd_draft old = {.form = "log", .partner_id = p->id, .payload = "note=Diolch\n"};
	snprintf(old.created, sizeof old.created, "2026-11-23T10:00:00Z");
	ok(pd_draft_save(a, &old, &err) && pd_draft_release(a, &old, &err), "an older draft: %s", err.msg);
	pd_draft newer = old;
	newer.payload = "note=Diolch yn fawr — 감사합니다 — شكرا\\nline two\n\ttab \033 esc\n";
	pd_draft fresh = {.form = "partner", .payload = "name=Ysgol Gymraeg\n"};
	snprintf(fresh.created, sizeof fresh.created, "2026-11-23T10:05:00Z");
	pd_draft both[2] = {newer, fresh};
	char *desk_a = pd_kept_forms_desk(pd_db_path(a)), *desk_b = pd_kept_forms_desk(pd_db_path(b));
	char *file_a = NULL, *file_b = NULL;
	int held = -1;
	ok(pd_kept_forms_write(kept, desk_a, both, 2, "locked", &file_a, &held, &err), "kept for a: %s", err.msg);
	ok(pd_kept_forms_write(kept, desk_b, &fresh, 1, "locked", &file_b, NULL, &err), "kept for b: %s", err.msg);
	/* A cut copy sorts first: named, left, and the others still come back. */
	char cut[PATH_MAX + 64];
	snprintf(cut, sizeof cut, "%s/" PD_KEPT_FORMS_PREFIX "00000000-000000-1.txt", kept);
	size_t len = 0;
	char *text = slurp(file_a, &len);
	FILE *f = fopen(cut, "wb");
	if (f && text)
		fwrite(text, 1, len / 2, f);
	if (f)
		fclose(f);
	free(text);

	/* The session that kept it still waits to write it: left to it. */
	pd_kept_forms_back back;
	ok(held >= 0 && pd_kept_forms_put_back(a, kept, 50, &back, &err), "put back while held: %s", err.msg);
	is(back.forms, 0, "nothing taken from a file its session still holds");
	is(back.n_waiting, 1, "but counted as waiting, so that the start looks again once it is let go");
	is(back.other_desks, 1, "b's file, not held, is another desk's");
	ok(access(file_a, F_OK) == 0, "and the file stays");
	pd_kept_forms_back_finish(&back);
	if (held >= 0)
		close(held);

	/* Another writer holds the desk: nothing is taken, the file stays. */
	pd_db *holder = open_db("a.db");
	ok(holder && pd_db_begin(holder, &err), "another writer takes the desk");
	ok(pd_kept_forms_put_back(a, kept, 50, &back, &err), "put back on a busy desk: %s", err.msg);
	is(back.forms, 0, "nothing taken while the desk is busy");
	is(back.n_waiting, 1, "the file waits");
	ok(access(file_a, F_OK) == 0, "and stays");
	pd_kept_forms_back_finish(&back);
	pd_db_rollback(holder);
	pd_db_close(holder);

	ok(pd_kept_forms_put_back(a, kept, 50, &back, &err), "put back: %s", err.msg);
	is(back.forms, 2, "both forms are drafts again");
	is(back.files, 1, "from the one file");
	is(back.other_desks, 1, "desk b's file is another desk's");
	is(back.n_unread, 1, "the cut file is not read");
	ok(back.unread && strcmp(back.unread, cut) == 0, "and named: %s", back.unread ? back.unread : "(none)");
	ok(strstr(back.why, "cut short") != NULL, "as cut short: %s", back.why);
	ok(access(file_a, F_OK) != 0, "a's file is gone");
	ok(access(file_b, F_OK) == 0, "b's file stays");
	ok(access(cut, F_OK) == 0, "the cut file stays");
	pd_kept_forms_back_finish(&back);

	pd_drafts list = {0};
	ok(pd_draft_list(a, &list, &err), "drafts: %s", err.msg);
	is(list.n, 2, "two drafts: the older row took the newer text, no second copy");
	for (size_t i = 0; i < list.n; i++) {
		const pd_draft *d = &list.v[i];
		const pd_draft *want = strcmp(d->form, "log") == 0 ? &newer : &fresh;
		ok(strcmp(d->payload, want->payload) == 0 && strcmp(d->created, want->created) == 0
		   && d->partner_id == want->partner_id && !d->live, "%s: text, begun time and partner as kept", d->form);
		if (want == &newer)
			is(d->id, old.id, "in the row the session had written");
	}
	pd_drafts_finish(&list);

	ok(pd_kept_forms_put_back(b, kept, 50, &back, &err), "put back on b: %s", err.msg);
	is(back.forms, 1, "b gets its own form");
	ok(access(file_b, F_OK) != 0, "b's file is gone");
	pd_kept_forms_back_finish(&back);

	free(desk_a);
	free(desk_b);
	free(file_a);
	free(file_b);
	unlink(cut);
	free(old.user);   /* set by the model */
	pd_partner_destroy(p);
	pd_db_close(a);
	pd_db_close(b);
}

/* A start offered the row while the file waited for a busy desk, and the
 * user typed on in it: the row was written after the file. Putting the
 * file back then must not write over what was typed since: its text goes
 * into a draft of its own. */
static void test_put_back_newer_row(void)
{
	char kept[PATH_MAX];
	snprintf(kept, sizeof kept, "%s/newer", dir);
	mkdir(kept, 0700);
	pd_db *c = open_db("c.db");
	if (!c) {
		ok(0, "database opens");
		return;
	}
	pd_error err = {0};
	pd_draft row = {.form = "log", .payload = "note=before the lock\n"};
	snprintf(row.created, sizeof row.created, "2026-11-23T10:00:00Z");
	ok(pd_draft_save(c, &row, &err) && pd_draft_release(c, &row, &err), "the row before the lock: %s", err.msg);
	pd_draft in_file = row;
	in_file.payload = "note=kept at the exit\n";
	char *desk = pd_kept_forms_desk(pd_db_path(c)), *file = NULL;
	ok(pd_kept_forms_write(kept, desk, &in_file, 1, "locked", &file, NULL, &err), "kept: %s", err.msg);
	/* The file from an hour ago; the row typed on since. */
	struct utimbuf hour_ago = {.actime = time(NULL) - 3600, .modtime = time(NULL) - 3600};
	ok(file && utime(file, &hour_ago) == 0, "the file is an hour old");
	row.payload = "note=typed on after a start offered it\n";
	ok(pd_draft_save(c, &row, &err) && pd_draft_release(c, &row, &err), "typed on in the row: %s", err.msg);

	pd_kept_forms_back back;
	ok(pd_kept_forms_put_back(c, kept, 50, &back, &err), "put back: %s", err.msg);
	is(back.forms, 1, "the file's form is a draft again");
	pd_kept_forms_back_finish(&back);
	pd_drafts list = {0};
	ok(pd_draft_list(c, &list, &err), "drafts: %s", err.msg);
	is(list.n, 2, "two drafts: the row and the file's text beside it");
	int seen_row = 0, seen_file = 0;
	for (size_t i = 0; i < list.n; i++) {
		if (list.v[i].id == row.id && strcmp(list.v[i].payload, row.payload) == 0)
			seen_row++;
		if (list.v[i].id != row.id && strcmp(list.v[i].payload, in_file.payload) == 0)
			seen_file++;
	}
	is(seen_row, 1, "what was typed since stays in its row");
	is(seen_file, 1, "the file's text is in a row of its own");
	pd_drafts_finish(&list);
	free(desk);
	free(file);
	free(row.user);   /* set by the model */
	pd_db_close(c);
}

static int64_t add_partner(pd_db *db, const char *name)
{
	pd_error err = {0};
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	int64_t id = pd_partner_insert(db, p, &err) ? p->id : 0;
	pd_partner_destroy(p);
	return id;
}

/* Forms kept for a partner deleted before the next start, and for one
 * merged into another: the first comes back attached to nobody, never to
 * a partner added since (ids are not given twice), the second to the
 * partner it went into. */
static void test_put_back_gone_partners(void)
{
	char kept[PATH_MAX];
	snprintf(kept, sizeof kept, "%s/gone", dir);
	mkdir(kept, 0700);
	pd_db *db = open_db("gone.db");
	if (!db) {
		ok(0, "database opens");
		return;
	}
	pd_error err = {0};
	int64_t from = add_partner(db, "Musuem of Art"), into = add_partner(db, "Museum of Art");
	int64_t typo = add_partner(db, "Typo Theatre");
	pd_draft v[2] = {
		{.form = "log", .partner_id = typo, .payload = "note=for the typo\n"},
		{.form = "log", .partner_id = from, .payload = "note=for the museum\n"},
	};
	snprintf(v[0].created, sizeof v[0].created, "2026-11-23T10:00:00Z");
	snprintf(v[1].created, sizeof v[1].created, "2026-11-23T10:01:00Z");
	char *desk = pd_kept_forms_desk(pd_db_path(db)), *file = NULL;
	ok(pd_kept_forms_write(kept, desk, v, 2, "locked", &file, NULL, &err), "kept: %s", err.msg);
	ok(pd_partner_delete_unused(db, typo, false, NULL, &err), "the newest partner deleted: %s", err.msg);
	int64_t added = add_partner(db, "Tidy Theatre");
	ok(added && added != typo, "one added since has an id of its own");
	ok(pd_partner_merge(db, from, into, false, NULL, &err), "merged: %s", err.msg);
	pd_kept_forms_back back;
	ok(pd_kept_forms_put_back(db, kept, 50, &back, &err) && back.forms == 2, "put back: %s", err.msg);
	pd_kept_forms_back_finish(&back);
	pd_drafts list = {0};
	int64_t typo_to = -1, museum_to = -1;
	ok(pd_draft_list(db, &list, &err), "drafts listed");
	for (size_t i = 0; i < list.n; i++) {
		if (strstr(list.v[i].payload, "typo"))
			typo_to = list.v[i].partner_id;
		if (strstr(list.v[i].payload, "museum"))
			museum_to = list.v[i].partner_id;
	}
	is(typo_to, 0, "the deleted partner's form is nobody's, not the new partner's");
	is(museum_to, into, "the merged partner's form is the one it went into");
	pd_drafts_finish(&list);
	free(desk);
	free(file);
	pd_db_close(db);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	test_round_trip();
	test_write();
	test_put_back();
	test_put_back_newer_row();
	test_put_back_gone_partners();
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
