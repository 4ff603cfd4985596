/* The quick log form against a scratch database: When takes what
 * `log --at` takes (yesterday 15:00) and refuses a time in the future, and
 * a note recovered from a draft is logged when it was typed, not when it
 * was found again; a note whose partner is deleted meanwhile goes to
 * another partner, never lost. The same form corrects an entry logged
 * before: filled, version-checked, a colleague's change merged or shown as
 * a conflict, a dropped session's correction offered back. */
#include <sqlite3.h>

#include "form_harness.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/forms.h"

static void type_text(pd_pane *p, const char *s)
{
	for (; *s; s++)
		ch(p, (wchar_t)(unsigned char)*s);
}

/* The time of the interaction of partner `id` logged last ("" when none). */
static const char *last_at(int64_t id)
{
	static char buf[PD_TIME_LEN];
	pd_error err = {0};
	pd_interactions list = {0};
	buf[0] = '\0';
	/* The entry logged last, whatever time it is logged at: the list
	 * comes newest first by that time (yesterday 15:00 sorts before a note
	 * typed two days ago once midnight has passed since). */
	size_t last = 0;
	if (pd_interaction_list(test_db, id, 0, &list, &err) && list.n) {
		for (size_t i = 1; i < list.n; i++)
			if (list.v[i].id > list.v[last].id)
				last = i;
		snprintf(buf, sizeof buf, "%s", list.v[last].at);
	}
	pd_interactions_finish(&list);
	return buf;
}

static void clear_when(pd_pane *p)
{
	pd_form_set_value(p->state, "when", "");
}

static void all(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	int64_t id = add_partner("Amgueddfa Cymru");

	pd_pane *p = pd_form_log_create(NULL, id);
	ok(p != NULL, "the log form opens");
	type_text(p, "Spoke about the stand");
	clear_when(p);
	pd_form_focus(p->state, "when");
	type_text(p, "tomorrow");
	unsigned r = save(p);
	ok(!(r & PD_PANE_CLOSE), "When 'tomorrow' is refused");
	draw(p);
	ok(on_screen("after today"), "saying it is after today");
	clear_when(p);
	type_text(p, "yesterday 15:00");
	r = save(p);
	ok(r & PD_PANE_CLOSE, "When 'yesterday 15:00' is taken, as log --at takes it");
	p->ops->destroy(p);
	char want[PD_TIME_LEN], yday[PD_DATE_LEN];
	pd_date_parse("yesterday", time(NULL), yday, NULL);
	snprintf(want, sizeof want, "%sT15:00:00Z", yday);
	streq(last_at(id), want, "logged yesterday at 15:00");

	/* A note typed yesterday afternoon in a session that then dropped. */
	time_t then;
	pd_time_parse("2026-11-22T15:00:20Z", &then);
	if (then > time(NULL) - 3600)
		then = time(NULL) - 86400;   /* the test machine's clock runs behind */
	char then_iso[PD_TIME_LEN];
	pd_time_format(then, then_iso);
	pd_db_set_now(test_db, then);
	p = pd_form_log_create(NULL, id);
	type_text(p, "Spoke to Dafydd about the Eisteddfod stand");
	pd_form_draft_flush(p->state);
	pd_db_set_now(test_db, 0);
	p->ops->destroy(p);   /* the session ends without a save */

	p = restore_the_draft(pd_form_log_from_draft);
	ok(p != NULL, "the draft reopens in the log form");
	if (!p)
		return;
	struct tm tm;
	char local[32];
	localtime_r(&then, &tm);
	strftime(local, sizeof local, "%Y-%m-%d %H:%M", &tm);
	streq(value(p, "when"), local, "When is the time the note was typed, not now");
	r = save(p);
	ok(r & PD_PANE_CLOSE, "the restored note saves");
	p->ops->destroy(p);
	char want2[PD_TIME_LEN];
	snprintf(want2, sizeof want2, "%.16s:00Z", then_iso);
	const char *got = last_at(id);
	ok(strcmp(got, want2) == 0, "logged at %s, when it was typed (got %s)", want2, got);

	/* "Now" typed in capitals means now as "now" does (the save reads it
	 * so): the recovered draft's When is when it was typed too. */
	pd_db_set_now(test_db, then);
	p = pd_form_log_create(NULL, id);
	type_text(p, "Dafydd again");
	pd_form_set_value(p->state, "when", "Now");
	pd_form_draft_flush(p->state);
	pd_db_set_now(test_db, 0);
	p->ops->destroy(p);
	p = restore_the_draft(pd_form_log_from_draft);
	ok(p != NULL, "the draft with When 'Now' reopens");
	if (!p)
		return;
	streq(value(p, "when"), local, "its When is the time it was typed, not the time it is found");
	ok(save(p) & PD_PANE_CLOSE, "and it saves");
	p->ops->destroy(p);
}

/* A note begun two hours ago whose save went through only now (the desk
 * was busy): "now" in When is when it was begun, and so is its draft's
 * first-written time however late the draft is first written. */
static void begun_not_saved(void)
{
	int64_t id = add_partner("Oriel Gallery");
	time_t begun = time(NULL) - 7200;
	char begun_iso[PD_TIME_LEN];
	pd_time_format(begun, begun_iso);
	pd_db_set_now(test_db, begun);
	pd_pane *p = pd_form_log_create(NULL, id);
	pd_db_set_now(test_db, 0);
	type_text(p, "Begun two hours ago, saved now");
	pd_form_draft_flush(p->state);
	pd_drafts drafts = {0};
	pd_error err = {0};
	ok(pd_draft_list(test_db, &drafts, &err) && drafts.n == 1, "the draft is written");
	if (drafts.n == 1)
		streq(drafts.v[0].created, begun_iso, "the draft is begun when the form was, not when first written");
	pd_drafts_finish(&drafts);
	streq(value(p, "when"), "now", "When says now");
	unsigned r = save(p);
	ok(r & PD_PANE_CLOSE, "the note saves");
	p->ops->destroy(p);
	streq(last_at(id), begun_iso, "logged when it was begun, not when it was saved");
}

/* The partner is deleted (by a colleague, a restore) while the note is
 * typed: the save does not lose the note, nor say only "there is no
 * partner": it asks whose note it is; Esc goes back to the note. */
static void partner_deleted(void)
{
	int64_t gone = add_partner("Theatr Gone Meanwhile");
	int64_t other = add_partner("Canolfan Other");
	pd_pane *p = pd_form_log_create(NULL, gone);
	type_text(p, "Said yes to the summer reading stall");
	pd_error err = {0};
	pd_partner *row = pd_partner_get(test_db, gone, &err);
	ok(row && pd_partner_delete(test_db, gone, row->version, &err), "a colleague deletes the partner: %s", err.msg);
	pd_partner_destroy(row);
	unsigned r = save(p);
	ok(!(r & PD_PANE_CLOSE), "the save does not close the form");
	draw(p);
	ok(on_screen("Theatr Gone Meanwhile is gone: whose note is this?"), "the picker asks whose note it is");
	key(p, PD_ACT_CANCEL, 27);
	r = save(p);
	ok(!(r & PD_PANE_CLOSE), "Esc goes back to the note; a save asks again");
	draw(p);
	ok(on_screen("whose note is this?"), "and the picker is up again");
	type_text(p, "Canolfan");
	key(p, PD_ACT_OPEN, '\n');
	draw(p);
	ok(on_screen("Log a contact with Canolfan Other"), "the note now goes to the partner chosen");
	streq(value(p, "note"), "Said yes to the summer reading stall", "the note is as typed");
	r = save(p);
	ok(r & PD_PANE_CLOSE, "and saves");
	p->ops->destroy(p);
	pd_interactions list = {0};
	ok(pd_interaction_list(test_db, other, 0, &list, &err) && list.n == 1 &&
	   strcmp(list.v[0].text, "Said yes to the summer reading stall") == 0, "logged with the partner chosen");
	pd_interactions_finish(&list);
}

/* A note one byte past what a note holds: the save says by how much and
 * what to do, with the note focused; a byte less saves. */
static void note_too_long(void)
{
	int64_t id = add_partner("Neuadd Hir");
	pd_pane *p = pd_form_log_create(NULL, id);
	char *big = malloc(PD_NOTES_MAX + 2);
	memset(big, 'a', PD_NOTES_MAX + 1);
	big[PD_NOTES_MAX + 1] = '\0';
	pd_form_set_value(p->state, "note", big);
	free(big);
	pd_form_focus(p->state, "when");
	unsigned r = save(p);
	ok(!(r & PD_PANE_CLOSE), "a note of 64 KiB + 1 is not saved");
	draw(p);
	ok(on_screen("Note: 65537 bytes, 1 more than it holds (65536): shorten it"),
	   "the message says by how much, and what to do");
	/* The editor Ctrl-E runs by its name (form_stubs.h's), not "$EDITOR". */
	ok(on_screen("the-test-editor), then C-s saves"), "the message names the editor Ctrl-E runs");
	streq(pd_form_focused_key(p->state), "note", "the note is focused to shorten");
	pd_form_focus(p->state, "note");
	key(p, PD_ACT_NONE, KEY_BACKSPACE);
	r = save(p);
	ok(r & PD_PANE_CLOSE, "64 KiB exactly saves");
	p->ops->destroy(p);
}

/* An entry logged before, read back. */
static pd_interaction entry(int64_t id)
{
	pd_interaction it = {0};
	pd_error err = {0};
	ok(pd_interaction_get(test_db, id, &it, &err), "entry %lld read: %s", (long long)id, err.msg);
	return it;
}

static int64_t log_one(int64_t partner, const char *text, const char *follow_up)
{
	pd_interaction it = {0};
	pd_error err = {0};
	it.partner_id = partner;
	it.channel = strdup("phone");
	it.by = strdup("mgarcia");
	it.text = strdup(text);
	snprintf(it.follow_up, sizeof it.follow_up, "%s", follow_up ? follow_up : "");
	ok(pd_interaction_insert(test_db, &it, &err), "logged: %s", err.msg);
	int64_t id = it.id;
	pd_interaction_finish(&it);
	return id;
}

/* A colleague's correction: the note, or the channel, saved over the
 * entry as it is. */
static void colleague(int64_t id, const char *text, const char *channel)
{
	pd_interaction it = entry(id);
	pd_error err = {0};
	if (text)
		pd_set_str(&it.text, text);
	if (channel)
		pd_set_str(&it.channel, channel);
	ok(pd_interaction_update(test_db, &it, &err), "a colleague's correction: %s", err.msg);
	pd_interaction_finish(&it);
}

/* The log form on an entry logged before: filled, the note and follow-up
 * corrected on the entry itself; its time (to the second) and who logged
 * it stay. */
static void correct(void)
{
	int64_t pid = add_partner("Llyfrgell Cywiro");
	char fu[PD_DATE_LEN], week[PD_DATE_LEN];
	pd_date_parse("+3d", time(NULL), fu, NULL);
	pd_date_parse("+1w", time(NULL), week, NULL);
	int64_t id = log_one(pid, "Left a voicmail", fu);
	pd_interaction was = entry(id);
	pd_pane *p = pd_form_log_edit_create(NULL, id, NULL);
	ok(p != NULL, "the log form opens on the entry");
	if (!p)
		return;
	draw(p);
	ok(on_screen("Correct the log entry of"), "titled as a correction");
	streq(value(p, "note"), "Left a voicmail", "the note filled");
	streq(value(p, "follow_up"), fu, "the follow-up filled");
	streq(value(p, "channel"), "phone", "the channel filled");
	streq(pd_form_focused_key(p->state), "note", "the cursor in the note");
	pd_form_set_value(p->state, "note", "Left a voicemail for Mair");
	pd_form_set_value(p->state, "follow_up", "+1w");
	unsigned r = save(p);
	ok(r & PD_PANE_CLOSE, "the correction saves");
	p->ops->destroy(p);
	pd_interaction now = entry(id);
	streq(now.text, "Left a voicemail for Mair", "the note corrected");
	streq(now.follow_up, week, "the follow-up moved");
	streq(now.at, was.at, "the time kept to the second");
	streq(now.by, "mgarcia", "who logged it kept");
	pd_interactions list = {0};
	pd_error err = {0};
	ok(pd_interaction_list(test_db, pid, 0, &list, &err) && list.n == 1, "no entry added");
	pd_interactions_finish(&list);
	pd_interaction_finish(&was);
	pd_interaction_finish(&now);

	p = pd_form_log_edit_create(NULL, id, "follow_up");
	ok(p && strcmp(pd_form_focused_key(p->state), "follow_up") == 0, "the agenda's form starts in Follow up");
	if (p)
		p->ops->destroy(p);
	p = pd_form_log_edit_create(NULL, 999999, NULL);
	ok(p == NULL, "an entry that is not there opens no form");
}

/* A colleague corrects the same note meanwhile: the dialog, what was
 * typed kept, mine saved when chosen. Their change to another field (the
 * follow-up marked done, the channel) is merged in without asking. */
static void correct_conflict(void)
{
	int64_t pid = add_partner("Llyfrgell Gwrthdaro");
	int64_t id = log_one(pid, "Left a voicemail", "");
	pd_pane *p = pd_form_log_edit_create(NULL, id, NULL);
	if (!p)
		return;
	pd_form_set_value(p->state, "note", "Left a voicemail (no answer)");
	colleague(id, "Colleague: voicemail left", NULL);
	unsigned r = save(p);
	ok(!(r & PD_PANE_CLOSE), "a clash does not save");
	draw(p);
	ok(on_screen("Changed meanwhile") && on_screen("Colleague: voicemail left"), "the dialog shows theirs");
	ch(p, 'b');
	draw(p);
	ok(!on_screen("Changed meanwhile"), "b goes back to the form");
	streq(value(p, "note"), "Left a voicemail (no answer)", "what was typed is kept");
	r = save(p);
	ok(r & PD_PANE_CLOSE, "a second save saves mine");
	p->ops->destroy(p);
	pd_interaction now = entry(id);
	streq(now.text, "Left a voicemail (no answer)", "mine is saved");
	pd_interaction_finish(&now);

	p = pd_form_log_edit_create(NULL, id, NULL);
	pd_form_set_value(p->state, "note", "Left a voicemail (no answer). Again.");
	colleague(id, NULL, "email");
	r = save(p);
	ok(r & PD_PANE_CLOSE, "their change to another field: saved without a dialog");
	p->ops->destroy(p);
	now = entry(id);
	streq(now.text, "Left a voicemail (no answer). Again.", "mine kept");
	streq(now.channel, "email", "theirs merged in");
	pd_interaction_finish(&now);

	/* Deleted meanwhile: nothing to save to, said; the form stays. */
	p = pd_form_log_edit_create(NULL, id, NULL);
	pd_form_set_value(p->state, "note", "Too late");
	now = entry(id);
	pd_error err = {0};
	ok(pd_interaction_delete(test_db, id, now.version, &err), "a colleague deletes it: %s", err.msg);
	pd_interaction_finish(&now);
	r = save(p);
	ok(!(r & PD_PANE_CLOSE), "a deleted entry is not saved to");
	draw(p);
	ok(on_screen("deleted this log entry meanwhile"), "and the form says so");
	p->ops->destroy(p);
}

/* A correction left by a dropped session is offered back as a
 * correction, merged on save against what it was typed over: a colleague's
 * change since to a field not typed in is kept. */
static void correct_draft(void)
{
	int64_t pid = add_partner("Llyfrgell Drafft");
	int64_t id = log_one(pid, "Asked about the stall", "");
	pd_pane *p = pd_form_log_edit_create(NULL, id, NULL);
	if (!p)
		return;
	pd_form_focus(p->state, "note");
	key(p, PD_ACT_NONE, KEY_END);
	type_text(p, " Mair calls back Friday.");
	pd_form_draft_flush(p->state);
	p->ops->destroy(p);   /* the session ends without a save */
	colleague(id, NULL, "visit");
	p = restore_the_draft(pd_form_log_from_draft);
	ok(p != NULL, "the draft reopens");
	if (!p)
		return;
	draw(p);
	ok(on_screen("Correct the log entry of"), "as a correction");
	unsigned r = save(p);
	ok(r & PD_PANE_CLOSE, "and saves");
	p->ops->destroy(p);
	pd_interaction now = entry(id);
	ok(now.text && strstr(now.text, "Mair calls back Friday."), "the correction is saved on the entry: %s", now.text);
	streq(now.channel, "visit", "the colleague's channel since is kept");
	pd_interaction_finish(&now);
	pd_interactions list = {0};
	pd_error err = {0};
	ok(pd_interaction_list(test_db, pid, 0, &list, &err) && list.n == 1, "no entry added");
	pd_interactions_finish(&list);
}

/* Two people of one name at a partner: a correction of the note keeps
 * the entry with the one it was logged with, not the first of the name. */
static void correct_namesakes(void)
{
	int64_t pid = add_partner("Llyfrgell Enwau");
	int64_t ids[2] = {0, 0};
	for (int i = 0; i < 2; i++) {
		pd_contact *c = pd_contact_create();
		pd_error err = {0};
		c->partner_id = pid;
		c->name = strdup("Sam Lee");
		ok(pd_contact_insert(test_db, c, &err), "Sam Lee %d: %s", i + 1, err.msg);
		ids[i] = c->id;
		pd_contact_destroy(c);
	}
	int64_t id = log_one(pid, "Spoke to the second Sam", "");
	pd_interaction it = entry(id);
	pd_error err = {0};
	it.contact_id = ids[1];
	ok(pd_interaction_update(test_db, &it, &err), "with the second Sam Lee: %s", err.msg);
	pd_interaction_finish(&it);
	pd_pane *p = pd_form_log_edit_create(NULL, id, NULL);
	if (!p)
		return;
	pd_form_set_value(p->state, "note", "Spoke to the second Sam, again");
	ok(save(p) & PD_PANE_CLOSE, "the correction saves");
	p->ops->destroy(p);
	it = entry(id);
	ok(it.contact_id == ids[1], "the entry is still with the second Sam Lee (#%lld, want #%lld)",
	   (long long)it.contact_id, (long long)ids[1]);
	pd_interaction_finish(&it);
}

/* When's "now" is an offer: what is typed first on arriving there takes
 * its place ("yesterday 15:00", not "nowyesterday 15:00"); an arrow first
 * keeps it, and once typed in, the field is the typist's. */
/* Esc, then Ctrl-X: the form closes and its draft goes with it. */
static void discard(pd_pane *p)
{
	key(p, PD_ACT_CANCEL, 27);
	key(p, PD_ACT_NONE, 24);
	p->ops->destroy(p);
}

static void when_offer(void)
{
	int64_t id = add_partner("Oriel Amser");
	pd_pane *p = pd_form_log_create(NULL, id);
	if (!p)
		return;
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);    /* note -> With */
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);    /* -> When */
	streq(pd_form_focused_key(p->state), "when", "Shift-Tab twice from the note reaches When");
	type_text(p, "yesterday 15:00");
	streq(value(p, "when"), "yesterday 15:00", "typed on arriving, it replaces now");
	key(p, PD_ACT_NEXT_PANE, '\t');
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	type_text(p, "x");
	streq(value(p, "when"), "yesterday 15:00x", "what was typed is kept on coming back");
	discard(p);

	p = pd_form_log_create(NULL, id);
	if (!p)
		return;
	pd_form_focus(p->state, "when");
	key(p, PD_ACT_RIGHT, KEY_RIGHT);
	type_text(p, "x");
	streq(value(p, "when"), "nowx", "an arrow first keeps now, to be edited");
	discard(p);

	p = pd_form_log_create(NULL, id);
	if (!p)
		return;
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);    /* at When */
	key(p, PD_ACT_PREV_PANE, KEY_BTAB);    /* through it to Channel */
	key(p, PD_ACT_NEXT_PANE, '\t');        /* back */
	type_text(p, "fri 9:30");
	streq(value(p, "when"), "fri 9:30", "passed through and come back to, now is still an offer");
	discard(p);
}

/* An entry with a person removed since, whose name is long (a name has no
 * length limit): the form offers the whole name and " (removed)" after it,
 * and a save leaves the name whole. */
static void correct_removed_long(void)
{
	int64_t pid = add_partner("Llyfrgell Enw Hir");
	/* 700 bytes: past what a label buffer of a few hundred bytes holds,
	 * and two-byte characters where such a buffer would end. */
	char name[701];
	memcpy(name, "Dana ", 5);
	for (size_t i = 5; i + 2 <= 700; i += 2)
		memcpy(name + i, "\xc3\xa9", 2);   /* é */
	name[5 + (700 - 5) / 2 * 2] = '\0';
	pd_interaction it = {0};
	pd_error err = {0};
	it.partner_id = pid;
	it.channel = strdup("phone");
	it.by = strdup("mgarcia");
	it.text = strdup("Met at the fair");
	it.removed_contact = strdup(name);
	ok(pd_interaction_insert(test_db, &it, &err), "logged with a removed person: %s", err.msg);
	int64_t id = it.id;
	pd_interaction_finish(&it);
	pd_pane *p = pd_form_log_edit_create(NULL, id, NULL);
	ok(p != NULL, "the log form opens on the entry");
	if (!p)
		return;
	char want[800];
	snprintf(want, sizeof want, "%s (removed)", name);
	char *with = pd_form_value(p->state, "contact");
	ok(with && strcmp(with, want) == 0, "With: the whole long name, then (removed) (got %zu bytes: ...%s)",
	   with ? strlen(with) : 0, with && strlen(with) > 12 ? with + strlen(with) - 12 : "");
	free(with);
	pd_form_set_value(p->state, "note", "Met at the book fair");
	ok(save(p) & PD_PANE_CLOSE, "the correction saves");
	p->ops->destroy(p);
	pd_interaction now = entry(id);
	ok(now.contact_id == 0 && now.removed_contact && strcmp(now.removed_contact, name) == 0,
	   "the removed person's name kept whole");
	pd_interaction_finish(&now);
}

/* pd_drafts_take takes a NULL err, as every function taking one does. */
static void take_null_err(void)
{
	pd_draft gone = {.id = 424242, .form = "log"};
	ok(!pd_drafts_take(test_db, &gone, NULL), "taking a draft that is gone, err NULL: false, no crash");
}

/* Runs sql on the test database through a connection of its own (a
 * colleague, or damage the model cannot be asked for). */
static bool other_sql(const char *sql)
{
	sqlite3 *h = NULL;
	bool done = sqlite3_open(pd_db_path(test_db), &h) == SQLITE_OK &&
	            sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK;
	if (!done)
		printf("# %s: %s\n", sql, h ? sqlite3_errmsg(h) : "no handle");
	sqlite3_close(h);
	return done;
}

/* c on a partner whose note a dropped session left, when the drafts cannot
 * be read (here their table is out of reach for a moment): the form opens
 * on the partner, saying a note may be waiting and that it is kept, and the
 * status line says so too. Once they can be read, c brings the note back,
 * once. */
static void left_unread(void)
{
	int64_t id = add_partner("Bodelwyddan Castle Trust");
	pd_pane *p = pd_form_log_create(NULL, id);
	type_text(p, "The dropped call about the portrait loan");
	pd_form_draft_flush(p->state);
	p->ops->destroy(p);   /* the session ends without a save */

	ok(other_sql("ALTER TABLE drafts RENAME TO drafts_away"), "the drafts are out of reach");
	last_status[0] = '\0';
	p = pd_form_log_create(NULL, id);
	ok(p != NULL, "c still opens the log form");
	if (p) {
		draw(p);
		ok(on_screen("Log a contact with Bodelwyddan Castle Trust"), "on the partner");
		ok(on_screen("Could not look for a note an earlier"), "the form says it could not look");
		ok(on_screen("kept") && on_screen("looks again"), "that a note there is kept, and how to look again");
		ok(strstr(last_status, "could not look for an unsaved note") != NULL,
		   "the status line says so: '%s'", last_status);
		streq(value(p, "note"), "(empty)", "the form is empty");
		p->ops->destroy(p);
	}
	ok(other_sql("ALTER TABLE drafts_away RENAME TO drafts"), "the drafts are back");

	p = pd_form_log_create(NULL, id);
	ok(p != NULL, "c again opens the form");
	if (p) {
		streq(value(p, "note"), "The dropped call about the portrait loan", "with the left note in it");
		ok(save(p) & PD_PANE_CLOSE, "which logs");
		p->ops->destroy(p);
	}
	pd_drafts drafts = {0};
	pd_error err = {0};
	ok(pd_draft_list(test_db, &drafts, &err) && drafts.n == 0, "no draft is left over (%zu)", drafts.n);
	pd_drafts_finish(&drafts);
}

/* The partner's people cannot be read (here their table is out of reach
 * for a moment): the form opens, With offers no one, and it says why. */
static void people_unread(void)
{
	int64_t id = add_partner("Plas Newydd Trust");
	ok(other_sql("ALTER TABLE contacts RENAME TO contacts_away"), "the people are out of reach");
	pd_pane *p = pd_form_log_create(NULL, id);
	ok(p != NULL, "c opens the log form");
	if (p) {
		draw(p);
		ok(on_screen("could not read the partner's people"), "saying With cannot offer them");
		p->ops->destroy(p);
	}
	ok(other_sql("ALTER TABLE contacts_away RENAME TO contacts"), "the people are back");
}

static void tests(void)
{
	all();
	when_offer();
	begun_not_saved();
	partner_deleted();
	note_too_long();
	correct();
	correct_conflict();
	correct_draft();
	correct_namesakes();
	correct_removed_long();
	take_null_err();
	left_unread();
	people_unread();
}

int main(void)
{
	return harness_run("log-form", tests);
}
