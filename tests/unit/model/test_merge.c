/* Unit tests of merging one partner into another and deleting a partner
 * that holds nothing: every moved row as it was but for its partner, INTO's
 * fields filled only where empty, fit scores and goals as merge.h says,
 * notes appended, drafts moved, the search index and activity columns of
 * INTO, the audit trail, a dry run writing nothing; delete refusing a
 * partner that holds anything; and ids never given to a second partner. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "testutil.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"

#define DB "merge.db"

/* FROM's rows of table, every column but partner_id, in id order. */
static char *rows_of(const char *table, int64_t partner)
{
	static char buf[4][4096];
	static int next;
	char *b = buf[next++ % 4];
	char sql[600];
	/* Every column but partner_id. */
	const char *cols =
		strcmp(table, "contacts") == 0 ? "id, name, name_fold, title, email, phone, notes, channel, version, created, updated, uid" :
		strcmp(table, "interactions") == 0 ? "id, contact_id, at, channel, staff, text, follow_up, done, version, created, updated, uid" :
		strcmp(table, "stage_history") == 0 ? "id, from_stage, to_stage, at, moved_by, reason, review_date, approved_by, version, created, updated" :
		"id, stage, title, start_date, end_date, review_date, approved_by, notes, version, created, updated";
	snprintf(sql, sizeof sql, "SELECT group_concat(r, ';') FROM (SELECT json_array(%s) AS r FROM %s "
		"WHERE partner_id = ?1 ORDER BY id)", cols, table);
	return (char *)tu_sql(tu_path(DB), sql, partner, b, sizeof buf[0]);
}

static long count_of(const char *sql, int64_t arg)
{
	char out[64];
	return atol(tu_sql(tu_path(DB), sql, arg, out, sizeof out));
}

static int64_t add_full(pd_db *db, const char *name, const char *website, const char *phone,
	const char *address, const char *notes, const char *tags[], const char *audiences[])
{
	pd_error err = {0};
	pd_partner *p = pd_partner_create();
	p->name = strdup(name);
	p->kind = strdup("museum");
	p->website = website ? strdup(website) : NULL;
	p->phone = phone ? strdup(phone) : NULL;
	p->address = address ? strdup(address) : NULL;
	p->notes = notes ? strdup(notes) : NULL;
	for (size_t i = 0; tags && tags[i]; i++)
		pd_strv_push(&p->tags, tags[i]);
	for (size_t i = 0; audiences && audiences[i]; i++)
		pd_strv_push(&p->audiences, audiences[i]);
	int64_t id = pd_partner_insert(db, p, &err) ? p->id : 0;
	if (!id)
		printf("# cannot add %s: %s\n", name, err.msg);
	pd_partner_destroy(p);
	return id;
}

static int64_t add_contact(pd_db *db, int64_t partner, const char *name)
{
	pd_error err = {0};
	pd_contact *c = pd_contact_create();
	c->partner_id = partner;
	c->name = strdup(name);
	c->email = strdup("someone@example.org");
	int64_t id = pd_contact_insert(db, c, &err) ? c->id : 0;
	pd_contact_destroy(c);
	return id;
}

static int64_t add_log(pd_db *db, int64_t partner, int64_t contact, const char *at, const char *text,
	const char *follow_up)
{
	pd_error err = {0};
	pd_interaction it = {.partner_id = partner, .contact_id = contact};
	snprintf(it.at, sizeof it.at, "%s", at);
	it.text = strdup(text);
	it.channel = strdup("phone");
	if (follow_up)
		snprintf(it.follow_up, sizeof it.follow_up, "%s", follow_up);
	int64_t id = pd_interaction_insert(db, &it, &err) ? it.id : 0;
	if (!id)
		printf("# cannot log: %s\n", err.msg);
	pd_interaction_finish(&it);
	return id;
}

static bool finds(pd_db *db, const char *text, int64_t id)
{
	pd_partner_query q = {.text = text};
	pd_partner_rows rows;
	pd_error err = {0};
	bool found = false;
	if (pd_partner_query_run(db, &q, &rows, &err))
		for (size_t i = 0; i < rows.n; i++)
			found |= rows.v[i].id == id;
	pd_partner_rows_finish(&rows);
	return found;
}

static bool check_clean(pd_db *db)
{
	pd_check_report r;
	pd_error err = {0};
	if (!pd_db_check(db, &r, &err))
		return false;
	for (size_t i = 0; i < r.n_lines; i++)
		printf("# check: %s\n", r.lines[i]);
	bool ok = r.ok && r.n_lines == 0;
	pd_check_report_finish(&r);
	return ok;
}

int main(void)
{
	pd_error err = {0};
	pd_db *db = tu_open(DB);
	const char *into_tags[] = {"art", NULL}, *into_aud[] = {"teens", NULL};
	const char *from_tags[] = {"Art", "science", NULL}, *from_aud[] = {"teens", "seniors", NULL};

	/* INTO: the record kept. */
	int64_t into = add_full(db, "Museum of Art", "https://moa.example.org", NULL, NULL,
		"Ana prefers mornings.", into_tags, into_aud);
	int64_t ana = add_contact(db, into, "Ana Lopez");
	add_log(db, into, ana, "2026-11-02T10:00:00Z", "first call about teen nights", "2026-12-10");
	pd_move_request mv = {.to = "date", .reason = "teen night agreed"};
	ok(pd_stage_move(db, into, &mv, &err), "INTO moved to date: %s", err.msg);
	ok(pd_fit_set(db, into, "mission", 3, "close", &err) && pd_goal_set(db, into, "gain support", NULL, &err),
	   "INTO scored and given a goal: %s", err.msg);

	/* FROM: the same museum typed wrong, with a life of its own. */
	pd_db_set_now(db, TU_NOW + 60);
	int64_t from = add_full(db, "Musuem of Art", "https://typo.example.org", "555-0100", "1 Art Way",
		"Parking behind the building.", from_tags, from_aud);
	pd_partner *fp = pd_partner_get(db, from, &err);
	pd_strv_push(&fp->branches, "North");
	fp->fiscal_month = 7;
	ok(fp && pd_partner_update(db, fp, &err), "FROM given a branch and fiscal month: %s", err.msg);
	pd_partner_destroy(fp);
	int64_t bo = add_contact(db, from, "Bo Chenowith");
	add_contact(db, from, "Cy Dale");
	add_log(db, from, bo, "2026-11-20T09:00:00Z", "zebrafish workshop planned", "2026-12-01");
	add_log(db, from, 0, "2026-10-01T09:00:00Z", "an older note", NULL);
	pd_move_request mv2 = {.to = "date", .reason = "typed twice"};
	ok(pd_stage_move(db, from, &mv2, &err), "FROM moved too: %s", err.msg);
	pd_agreement ag = {.partner_id = from, .stage = strdup("date"), .title = strdup("Robot club")};
	ok(pd_agreement_insert(db, &ag, &err), "FROM has an agreement: %s", err.msg);
	pd_agreement_finish(&ag);
	ok(pd_fit_set(db, from, "mission", 1, "unsure", &err) && pd_fit_set(db, from, "timing", 2, "soon", &err) &&
	   pd_goal_set(db, from, "gain support", "their board", &err) &&
	   pd_goal_set(db, from, "gain feedback", "surveys", &err), "FROM scored and given goals: %s", err.msg);
	pd_draft note = {.form = strdup("log"), .partner_id = from, .payload = strdup("note=half typed")};
	pd_draft edit = {.form = strdup("partner"), .partner_id = from, .target_id = from, .target_version = 2,
		.payload = strdup("name=Musuem")};
	pd_draft stage_move = {.form = strdup("move"), .partner_id = from, .target_id = from, .target_version = 2,
		.payload = strdup("reason=why")};
	ok(pd_draft_save(db, &note, &err) && pd_draft_save(db, &edit, &err) && pd_draft_save(db, &stage_move, &err),
	   "drafts for FROM: %s", err.msg);

	const char *tables[] = {"contacts", "interactions", "agreements"};
	char before[3][4096];
	for (int i = 0; i < 3; i++)
		snprintf(before[i], sizeof before[i], "%s", rows_of(tables[i], from));
	pd_partner *into_before = pd_partner_get(db, into, &err);
	long audit_before = count_of("SELECT count(*) FROM audit WHERE ?1 IS NOT NULL", 1);

	/* ---- the dry run ---- */
	pd_merge_counts c;
	char out[256];
	ok(pd_partner_merge(db, from, into, true, &c, &err), "dry run: %s", err.msg);
	is(c.contacts, 2, "would move 2 people");
	is(c.interactions, 2, "2 log entries");
	is(c.history, 1, "1 stage move (FROM's glance -> date; not the row it was added with)");
	is(c.agreements, 1, "1 agreement");
	is(c.fit_moved, 1, "1 fit score (timing)");
	is(c.fit_dropped, 1, "1 dropped (mission: INTO has its own)");
	ok(strcmp(c.dropped, "mission 1 (kept 3)") == 0, "named: %s", c.dropped);
	is(c.goals_moved, 1, "1 goal moved, gain feedback");
	is(c.goals_shared, 1, "1 goal both hold");
	is(c.goals_noted, 1, "its note (their board) taken: INTO's is empty");
	is(c.tags, 1, "1 tag INTO lacks (Art is art)");
	is(c.audiences, 1, "1 audience");
	is(c.branches, 1, "1 branch");
	is(c.drafts, 3, "3 drafts");
	ok(strcmp(c.filled, "phone, address, fiscal month") == 0, "fills phone, address, fiscal month: %s", c.filled);
	ok(c.notes, "appends the notes");
	char said[2048];
	pd_merge_counts_describe(&c, "Musuem of Art", "Museum of Art", NULL, NULL, true, said, sizeof said);
	ok(strstr(said, "1 goal both held: would take Musuem of Art's note, Museum of Art's is empty") &&
	   !strstr(said, "note kept"), "the dry run says FROM's goal note is taken, not INTO's kept: %s", said);
	ok(count_of("SELECT count(*) FROM partners WHERE id = ?1", from) == 1 &&
	   count_of("SELECT count(*) FROM audit WHERE ?1 IS NOT NULL", 1) == audit_before &&
	   strcmp(rows_of("contacts", from), before[0]) == 0, "the dry run wrote nothing");

	/* ---- the merge ---- */
	ok(!pd_partner_merge(db, into, into, false, &c, &err) && err.code == PD_ERR_INVALID,
	   "a partner into itself is refused: %s", err.msg);
	ok(!pd_partner_merge(db, 999, into, false, &c, &err) && err.code == PD_ERR_NOTFOUND,
	   "a missing FROM: %s", err.msg);
	/* A colleague's window, with INTO's edit form and FROM's person's
	 * open from before the merge. */
	pd_db *other = pd_db_open(tu_path(DB), 0, NULL, &err);
	pd_partner *open_into = other ? pd_partner_get(other, into, &err) : NULL;
	pd_contact *open_bo = other ? pd_contact_get(other, bo, &err) : NULL;
	ok(open_into && open_bo, "a colleague has INTO and FROM's person open: %s", err.msg);
	pd_db_set_now(db, TU_NOW + 120);
	ok(pd_partner_merge(db, from, into, false, &c, &err), "merged: %s", err.msg);
	is(c.contacts, 2, "it says 2 people moved");
	ok(count_of("SELECT count(*) FROM partners WHERE id = ?1", from) == 0, "FROM is gone");
	for (int i = 0; i < 3; i++) {
		ok(count_of(strcmp(tables[i], "contacts") == 0 ? "SELECT count(*) FROM contacts WHERE partner_id = ?1" :
		            strcmp(tables[i], "interactions") == 0 ? "SELECT count(*) FROM interactions WHERE partner_id = ?1" :
		            "SELECT count(*) FROM agreements WHERE partner_id = ?1", from) == 0,
		   "no %s left under FROM", tables[i]);
		/* Under INTO: FROM's rows exactly as they were (INTO's own
		 * have other ids), field by field. */
		const char *after = rows_of(tables[i], into);
		ok(strstr(after, before[i]) != NULL, "%s: FROM's rows under INTO as they were", tables[i]);
		if (!strstr(after, before[i]))
			printf("# before: %s\n# after:  %s\n", before[i], after);
	}
	/* FROM's moves are not INTO's stage history (INTO keeps its stage,
	 * and the history must end where INTO is): they are in the notes. */
	pd_history hist = {0};
	bool listed = pd_history_list(db, into, &hist, &err);
	ok(listed && hist.n == 2 && !hist.v[0].from && strcmp(hist.v[1].to, "date") == 0 &&
	   strcmp(hist.v[1].reason, "teen night agreed") == 0, "INTO's history is its own 2 rows (%zu): %s",
	   hist.n, err.msg);
	pd_history_finish(&hist);
	ok(count_of("SELECT count(*) FROM stage_history WHERE partner_id = ?1", from) == 0, "no history left under FROM");

	pd_partner *p = pd_partner_get(db, into, &err);
	ok(p && strcmp(p->stage, "date") == 0, "INTO's stage is its own");
	ok(p && strcmp(p->name, "Museum of Art") == 0, "and its name");
	ok(p && strcmp(p->website, "https://moa.example.org") == 0, "its own website kept");
	ok(p && p->phone && strcmp(p->phone, "555-0100") == 0, "empty phone filled from FROM");
	ok(p && p->address && strcmp(p->address, "1 Art Way") == 0, "empty address filled");
	ok(p && p->fiscal_month == 7, "fiscal month filled");
	ok(p && p->tags.n == 2 && strcmp(p->tags.v[0], "art") == 0 && strcmp(p->tags.v[1], "science") == 0,
	   "tags: a union, INTO's spelling kept");
	ok(p && p->audiences.n == 2 && p->branches.n == 1 && strcmp(p->branches.v[0], "North") == 0,
	   "audiences and branches a union");
	char want_notes[512];
	snprintf(want_notes, sizeof want_notes, "Ana prefers mornings.\n\nFrom Musuem of Art (#2), merged in on "
	         "2026-11-23:\n2026-11-23 14:06 glance -> date by %s: typed twice\nParking behind the building.",
	         pd_db_user(db));
	ok(p && p->notes && strcmp(p->notes, want_notes) == 0,
	   "notes appended under a line naming FROM, its stage moves first: %s",
	   p && p->notes ? p->notes : "(none)");
	ok(p && into_before && p->version == into_before->version + 1,
	   "INTO's version moved on (an edit opened before meets it)");

	pd_fit fit = {0};
	ok(pd_fit_load(db, into, &fit, &err), "INTO's fit loads");
	int mission = -9, timing = -9;
	for (size_t i = 0; i < fit.n; i++) {
		if (strcmp(fit.v[i].criterion, "mission") == 0)
			mission = fit.v[i].score;
		if (strcmp(fit.v[i].criterion, "timing") == 0)
			timing = fit.v[i].score;
	}
	pd_fit_finish(&fit);
	ok(mission == 3 && timing == 2, "fit: INTO's mission 3 kept, FROM's timing 2 moved (%d, %d)", mission, timing);
	ok(strcmp(tu_sql(tu_path(DB), "SELECT group_concat(goal || '=' || coalesce(note, ''), '|') FROM "
	   "(SELECT goal, note FROM goals WHERE partner_id = ?1 ORDER BY goal)", into, out, sizeof out),
	   "gain feedback=surveys|gain support=their board") == 0, "goals: a union, the empty note filled: %s", out);

	ok(strcmp(tu_sql(tu_path(DB), "SELECT group_concat(form || ':' || partner_id || ':' || coalesce(target_id, 0) "
	   "|| ':' || coalesce(target_version, 0), '|') FROM (SELECT * FROM drafts ORDER BY form) WHERE ?1",
	   1, out, sizeof out), "log:1:0:0|move:1:1:2|partner:1:1:2") == 0,
	   "FROM's drafts are INTO's, its own form's on INTO's version as read: %s", out);

	ok(strcmp(tu_sql(tu_path(DB), "SELECT last_contact || ' ' || next_follow_up FROM partners WHERE id = ?1",
	   into, out, sizeof out), "2026-11-20T09:00:00Z 2026-12-01") == 0,
	   "last contact and next follow-up recomputed from the log now INTO's: %s", out);
	ok(finds(db, "zebrafish", into) && finds(db, "chenowith", into), "the search finds FROM's log text and "
	   "people under INTO");
	ok(!finds(db, "musuem", from), "and FROM's name nowhere");

	pd_audit_filter af = {.partner_id = into};
	pd_audit_log log = {0};
	bool merge_entry = false, from_person = false;
	ok(pd_audit_query(db, &af, &log, &err), "INTO's trail");
	for (size_t i = 0; i < log.n; i++)
		from_person |= strcmp(log.v[i].entity, "contact") == 0 && log.v[i].partner_id == from &&
			strstr(log.v[i].detail, "added Bo Chenowith") != NULL;
	for (size_t i = 0; i < log.n; i++)
		if (strcmp(log.v[i].action, "merge") == 0 &&
		    strstr(log.v[i].detail, "merged Musuem of Art (#2) into Museum of Art (#1): moved 2 people, 2 log entries") &&
		    strstr(log.v[i].detail, "; dropped 1 fit score the other had: mission 1 (kept 3)"))
			merge_entry = true;
	ok(merge_entry, "INTO's trail says what was merged into it, and what was dropped");
	ok(from_person, "and holds FROM's own entries (its people's, its log's), under FROM's id");
	/* Each side's change names the other by id and by name as records,
	 * not as read out of the detail; the name's own change is shown by it. */
	char sides[2][200] = { "", "" };
	size_t name_changes = 0;
	for (size_t i = 0; i < log.n; i++) {
		const pd_audit_entry *e = &log.v[i];
		if (strcmp(e->action, "merge") != 0)
			continue;
		for (size_t k = 0; k < e->n_changes; k++) {
			int64_t other_id;
			const char *name;
			size_t len;
			char words[200];
			if (pd_merge_change_is_name(&e->changes[k])) {
				name_changes += pd_merge_change_words(e, &e->changes[k], words, sizeof words) && !words[0];
				continue;
			}
			if (pd_merge_change_other(e, &e->changes[k], &other_id, &name, &len))
				snprintf(sides[e->entity_id == into], sizeof sides[0], "%s %lld %.*s", e->changes[k].field,
					(long long)other_id, (int)len, name);
		}
	}
	streq(sides[1], "merged in 2 Musuem of Art", "INTO's merge change: FROM's id and name");
	streq(sides[0], "merged into 1 Museum of Art", "FROM's: INTO's id and name");
	is(name_changes, 2, "each name's own change in no words (its id's change says it)");
	pd_audit_log_finish(&log);
	ok(strcmp(tu_sql(tu_path(DB), "SELECT a.action || ' ' || c.new FROM audit a JOIN audit_changes c ON "
	   "c.audit_id = a.id WHERE a.entity = 'partner' AND a.entity_id = ?1 AND c.field = 'merged into'",
	   from, out, sizeof out), "merge 1") == 0, "FROM's trail ends with where it went: %s", out);
	ok(pd_partner_merged_into(db, from, &err) == into && pd_partner_merged_into(db, into, &err) == 0,
	   "pd_partner_merged_into follows it");
	ok(check_clean(db), "check is clean after the merge");

	free(open_into->phone);
	open_into->phone = NULL;
	free(open_into->notes);
	open_into->notes = strdup("Ana prefers afternoons.");
	ok(open_into && !pd_partner_update(other, open_into, &err) && err.code == PD_ERR_CONFLICT,
	   "the colleague's save of INTO opened before meets the merge as a conflict: %s", err.msg);
	free(open_bo->title);
	open_bo->title = strdup("Curator");
	ok(open_bo && pd_contact_update(other, open_bo, &err), "their edit of a moved person saves: %s", err.msg);
	ok(strcmp(tu_sql(tu_path(DB), "SELECT partner_id || ' ' || title FROM contacts WHERE id = ?1", bo, out,
	   sizeof out), "1 Curator") == 0, "on the person, now INTO's: %s", out);
	pd_partner_destroy(open_into);
	pd_contact_destroy(open_bo);
	pd_db_close(other);
	/* An edit of FROM opened before the merge: told where it went. */
	pd_partner *stale = pd_partner_create();
	stale->id = from;
	stale->name = strdup("Musuem of Art");
	stale->version = 2;
	ok(!pd_partner_update(db, stale, &err) && err.code == PD_ERR_CONFLICT && strstr(err.msg, "merged into"),
	   "a stale edit of FROM says it was merged: %s", err.msg);
	pd_partner_destroy(stale);
	/* A form left open on FROM saves its draft: it goes to INTO. */
	pd_draft late = {.form = strdup("log"), .partner_id = from, .payload = strdup("note=late")};
	ok(pd_draft_save(db, &late, &err) && late.partner_id == into, "a draft saved for FROM afterwards is INTO's");

	/* A kept note's `log #2`: told where FROM went. */
	ok(pd_partner_resolve(db, "#2", &err) == 0 && err.code == PD_ERR_NOTFOUND &&
	   strstr(err.msg, "merged into #1 (Museum of Art)"), "#FROM resolves to a message naming INTO: %s", err.msg);

	/* A note typed for FROM in a form opened before the merge: the save
	 * is told where FROM went, not only that it is gone. */
	pd_interaction late_note = {.partner_id = from, .text = strdup("typed before the merge")};
	ok(!pd_interaction_insert(db, &late_note, &err) && err.code == PD_ERR_NOTFOUND &&
	   strstr(err.msg, "merged into #1 (Museum of Art)"), "a log entry for FROM names INTO: %s", err.msg);
	pd_interaction_finish(&late_note);

	/* The merge picker leaves the partner being merged out, counted too. */
	pd_partner_query ex = {.text = "museum", .exclude = into};
	pd_partner_rows exr;
	long exn = pd_partner_query_count(db, &ex, &err);
	bool ex_ok = pd_partner_query_run(db, &ex, &exr, &err);
	bool ex_has = false;
	for (size_t i = 0; ex_ok && i < exr.n; i++)
		ex_has |= exr.v[i].id == into;
	ok(finds(db, "museum", into) && ex_ok && !ex_has && exn == (long)exr.n, "a query with exclude leaves out one it finds (%ld rows, %zu read)", exn,
	   ex_ok ? exr.n : 0);
	if (ex_ok)
		pd_partner_rows_finish(&exr);

	/* ---- delete ---- */
	pd_partner_holdings h;
	ok(!pd_partner_delete_unused(db, into, false, &h, &err) && err.code == PD_ERR_REFUSED,
	   "a partner with a log is not deleted: %s", err.msg);
	ok(h.interactions == 3 && h.contacts == 3 && h.agreements == 1 && h.moves == 1,
	   "holdings: %ld log, %ld people, %ld agreements, %ld moves", h.interactions, h.contacts, h.agreements, h.moves);
	ok(count_of("SELECT count(*) FROM partners WHERE id = ?1", into) == 1, "and it is there");
	int64_t typo = tu_add(db, "Musem Typo", "museum");
	ok(pd_partner_delete_unused(db, typo, false, &h, &err), "a partner holding nothing is deleted: %s", err.msg);
	ok(!pd_partner_delete_unused(db, typo, false, &h, &err) && err.code == PD_ERR_NOTFOUND, "once");
	int64_t moved_only = tu_add(db, "Moved Museum", "museum");
	pd_move_request mv3 = {.to = "date", .reason = "met once"};
	ok(pd_stage_move(db, moved_only, &mv3, &err), "a partner with a stage move only");
	ok(!pd_partner_delete_unused(db, moved_only, false, &h, &err) && err.code == PD_ERR_REFUSED &&
	   h.moves == 1 && !h.interactions && !h.contacts && !h.agreements, "is not deleted either (%ld moves)", h.moves);
	ok(pd_partner_delete_unused(db, into, true, &h, &err), "--force deletes what it holds: %s", err.msg);
	ok(count_of("SELECT count(*) FROM contacts WHERE partner_id = ?1", into) == 0, "people and all");
	ok(check_clean(db), "check is clean after the deletes");

	/* Notes that together would not fit: refused, nothing moved. */
	char *big = malloc(40001);
	memset(big, 'x', 40000);
	big[40000] = '\0';
	int64_t a = add_full(db, "Long Notes A", NULL, NULL, NULL, big, NULL, NULL);
	int64_t b = add_full(db, "Long Notes B", NULL, NULL, NULL, big, NULL, NULL);
	add_contact(db, a, "Di Long");
	ok(!pd_partner_merge(db, a, b, false, &c, &err) && err.code == PD_ERR_INVALID && strstr(err.msg, "shorten"),
	   "notes too long together are refused: %s", err.msg);
	ok(count_of("SELECT count(*) FROM contacts WHERE partner_id = ?1", a) == 1 &&
	   count_of("SELECT count(*) FROM partners WHERE id = ?1", a) == 1, "and nothing moved");
	free(big);

	/* ---- uids stay unique at INTO ---- */
	/* Keys derived from the second a row was made (migration 8, a restore
	 * of an old backup) are the same for two partners' people made in the
	 * same second, as an import makes them; after a merge INTO would hold
	 * the key twice and our own vCard export coming back would update one
	 * of the two people for either card. */
	int64_t ux = tu_add(db, "Uid From", "museum"), uy = tu_add(db, "Uid Into", "museum");
	int64_t eve = add_contact(db, ux, "Eve From"), fay = add_contact(db, uy, "Fay Into");
	add_contact(db, ux, "Gus From");
	add_log(db, ux, eve, "2026-11-03T10:00:00Z", "from's entry", NULL);
	int64_t fay_log = add_log(db, uy, fay, "2026-11-03T10:00:00Z", "into's entry", NULL);
	tu_sql(tu_path(DB), "UPDATE contacts SET uid = '20261103T100000Z' WHERE partner_id = ?1 AND name <> 'Gus From'",
	       ux, NULL, 0);
	tu_sql(tu_path(DB), "UPDATE contacts SET uid = '20261103T100000Z' WHERE partner_id = ?1", uy, NULL, 0);
	tu_sql(tu_path(DB), "UPDATE contacts SET uid = 'gus-uid' WHERE name = 'Gus From' AND ?1", 1, NULL, 0);
	tu_sql(tu_path(DB), "UPDATE interactions SET uid = '20261103T100000Z.1' WHERE partner_id = ?1", ux, NULL, 0);
	tu_sql(tu_path(DB), "UPDATE interactions SET uid = '20261103T100000Z.1' WHERE partner_id = ?1", uy, NULL, 0);
	ok(count_of("SELECT count(*) FROM contacts WHERE uid = '20261103T100000Z' AND ?1", 1) == 2 &&
	   count_of("SELECT count(*) FROM interactions WHERE uid = '20261103T100000Z.1' AND ?1", 1) == 2,
	   "a person and a log entry of each partner with the same derived key");
	ok(pd_partner_merge(db, ux, uy, false, &c, &err), "merged: %s", err.msg);
	is(count_of("SELECT count(*) - count(DISTINCT uid) FROM contacts WHERE partner_id = ?1", uy), 0,
	   "INTO's people have a uid each");
	is(count_of("SELECT count(*) - count(DISTINCT uid) FROM interactions WHERE partner_id = ?1", uy), 0,
	   "INTO's log entries have a uid each");
	is(pd_contact_find_uid(db, uy, "20261103T100000Z", &err), fay, "INTO's own person keeps its uid");
	is(count_of("SELECT id FROM interactions WHERE uid = '20261103T100000Z.1' AND ?1", 1), fay_log,
	   "and INTO's own log entry");
	is(count_of("SELECT count(*) FROM contacts WHERE uid = 'gus-uid' AND partner_id = ?1", uy), 1,
	   "a moved person whose uid INTO does not hold keeps it");

	/* ---- what a merge that moves no row did ---- */
	/* It filled an empty field: said, not "moved nothing" (the status
	 * line, `merge` and the audit entry alike). */
	int64_t fi = tu_add(db, "Fill Into", "museum"), ff = tu_add(db, "Fill From", "museum");
	pd_partner *fp2 = pd_partner_get(db, ff, &err);
	ok(fp2 && (fp2->owner = strdup("Dana")) && pd_partner_update(db, fp2, &err), "FROM has an owner: %s",
	   err.msg);
	pd_partner_destroy(fp2);
	ok(pd_partner_merge(db, ff, fi, false, &c, &err), "merged: %s", err.msg);
	pd_merge_counts_done(&c, said, sizeof said);
	streq(said, "filled owner", "what it did: it filled the owner");
	pd_merge_counts_describe(&c, "Fill From", "Fill Into", NULL, NULL, false, said, sizeof said);
	streq(said, "filled Fill Into's empty owner", "merge's lines: the fill alone, no 'moved: nothing'");
	char want_detail[120];
	snprintf(want_detail, sizeof want_detail, "merged Fill From (#%lld) into Fill Into (#%lld): filled owner",
	         (long long)ff, (long long)fi);
	streq(tu_sql(tu_path(DB), "SELECT detail FROM audit WHERE entity_id = ?1 AND action = 'merge'", fi, out,
	      sizeof out), want_detail, "the audit entry");
	/* A tag and a note taken, nothing moved or filled. */
	int64_t ti = tu_add(db, "Tag Into", "museum");
	const char *one_tag[] = {"arts", NULL};
	int64_t tf = add_full(db, "Tag From", NULL, NULL, NULL, "Call after six.", one_tag, NULL);
	ok(pd_partner_merge(db, tf, ti, false, &c, &err), "merged: %s", err.msg);
	pd_merge_counts_done(&c, said, sizeof said);
	streq(said, "added 1 tag; appended its notes", "what it did: a tag and the notes");
	/* Truly nothing: says so. */
	int64_t ni = tu_add(db, "Bare Into", "museum"), nf = tu_add(db, "Bare From", "museum");
	ok(pd_partner_merge(db, nf, ni, false, &c, &err), "merged: %s", err.msg);
	pd_merge_counts_done(&c, said, sizeof said);
	streq(said, "moved nothing", "one that held nothing: moved nothing");
	pd_merge_counts_describe(&c, "Bare From", "Bare Into", NULL, NULL, false, said, sizeof said);
	streq(said, "moved: nothing", "and merge's line");

	/* Names as long as a name may be, 200 characters of four bytes: the
	 * audit entry keeps both whole and what the merge did, and words cut
	 * to their buffer end on a character's edge. */
	char long_from[801], long_into[801], detail[2048];
	for (int i = 0; i < 200; i++) {
		memcpy(long_from + 4 * i, "\xf0\x9f\x93\x9a", 4);   /* U+1F4DA books */
		memcpy(long_into + 4 * i, "\xf0\x9f\x8e\xad", 4);   /* U+1F3AD masks */
	}
	long_from[800] = long_into[800] = '\0';
	int64_t li = tu_add(db, long_into, "theatre"), lf = tu_add(db, long_from, "library");
	add_log(db, lf, 0, "2026-11-20T09:00:00Z", "readings on stage", NULL);
	add_contact(db, lf, long_into);
	/* Every audit entry those wrote (a partner added, a person "added
	 * NAME at PARTNER"), cut to its buffer on a character's edge. */
	char added[2048];
	tu_sql(tu_path(DB), "SELECT detail FROM audit WHERE entity = 'partner' AND entity_id = ?1 AND action = "
	       "'insert'", lf, added, sizeof added);
	bool whole_chars = added[0] && pd_utf8_valid(added, strlen(added));
	tu_sql(tu_path(DB), "SELECT detail FROM audit WHERE entity = 'contact' AND partner_id = ?1", lf, added,
	       sizeof added);
	ok(whole_chars && added[0] && pd_utf8_valid(added, strlen(added)),
	   "the long names' own audit entries end on a character's edge");
	ok(li && lf && pd_partner_merge(db, lf, li, false, &c, &err), "two long names merged: %s", err.msg);
	tu_sql(tu_path(DB), "SELECT detail FROM audit WHERE entity_id = ?1 AND action = 'merge'", li, detail,
	       sizeof detail);
	ok(pd_utf8_valid(detail, strlen(detail)) && strstr(detail, long_from) && strstr(detail, long_into) &&
	   strstr(detail, "): moved 1 person, 1 log entry"), "the audit entry names both whole and what moved (%zu bytes)",
	   strlen(detail));
	pd_merge_counts described = {.notes = 1};
	snprintf(described.filled, sizeof described.filled, "owner");
	char cut[1004];
	bool edges = true;
	for (size_t size = 1000; size <= sizeof cut; size++) {   /* the cut at each byte of a character */
		pd_merge_counts_describe(&described, long_from, long_into, NULL, NULL, true, cut, size);
		edges = edges && pd_utf8_valid(cut, strlen(cut)) && strncmp(cut, "would fill ", 11) == 0;
	}
	ok(edges, "a description cut to its buffer ends on a character's edge");

	/* ---- a merge's changes in words ---- */
	pd_audit_change in_c = {.field = "merged in", .new_value = "31"},
	                into_c = {.field = "merged into", .new_value = "5"},
	                other_c = {.field = "phone", .new_value = "31"};
	pd_audit_entry into_e = {.entity_id = 5, .detail = "merged Harbour (#2) into Science (#31) Centre (#31) into "
	                         "Museum (#5) (#5): 1 person"};
	pd_audit_entry from_e = into_e;
	from_e.entity_id = 31;
	char words[200] = "untouched";
	ok(pd_merge_change_words(&into_e, &in_c, words, sizeof words) &&
	   strcmp(words, "merged in #31 Harbour (#2) into Science (#31) Centre") == 0,
	   "INTO's change names FROM as the detail does, whatever its name holds: %s", words);
	ok(pd_merge_change_words(&from_e, &into_c, words, sizeof words) &&
	   strcmp(words, "merged into #5 Museum (#5)") == 0, "FROM's names INTO: %s", words);
	pd_audit_entry bare = {.entity_id = 5};
	ok(pd_merge_change_words(&bare, &in_c, words, sizeof words) && strcmp(words, "merged in #31") == 0,
	   "without a detail, the id: %s", words);
	strcpy(words, "untouched");
	ok(!pd_merge_change_words(&into_e, &other_c, words, sizeof words) && strcmp(words, "untouched") == 0,
	   "another field is not a merge's");
	/* The name recorded beside the id: whatever the detail says. */
	pd_audit_change both[] = {{.field = "merged in", .new_value = "31"},
	                          {.field = "merged in name", .new_value = "Harbour Science Centre"}};
	pd_audit_entry worded = {.entity_id = 5, .detail = "Harbour Science Centre (31) went into Museum (5)",
	                         .changes = both, .n_changes = 2};
	ok(pd_merge_change_words(&worded, &both[0], words, sizeof words) &&
	   strcmp(words, "merged in #31 Harbour Science Centre") == 0,
	   "a detail in other words: the recorded name still: %s", words);
	/* A name of 800 bytes in 200 words' room: cut on a character's edge. */
	both[1].new_value = long_from;
	bool edge = true;
	for (size_t size = 196; size <= sizeof words; size++)
		edge = edge && pd_merge_change_words(&worded, &both[0], words, size) && pd_utf8_valid(words, strlen(words));
	ok(edge, "a long name cut to the words' room ends on a character's edge: %s", words);
	int64_t other_id = 0;
	const char *other_name = NULL;
	size_t other_len = 99;
	ok(pd_merge_change_other(&bare, &in_c, &other_id, &other_name, &other_len) && other_id == 31 &&
	   other_len == 0, "pd_merge_change_other without a name: the id, length 0");
	ok(!pd_merge_change_other(&worded, &both[1], &other_id, &other_name, &other_len) &&
	   pd_merge_change_is_name(&both[1]) && !pd_merge_change_is_name(&both[0]),
	   "the name's change is no merge change of its own");

	/* ---- the same person at both ---- */
	{
		/* Two colleagues each added the partner and the person they
		 * spoke to: after the merge, one Priya Raman, holding both
		 * copies' details and both their log entries. Two people of one
		 * name whose addresses differ stay two. */
		int64_t hsc = tu_add(db, "Harbour Science Centre", "science center");
		int64_t dup = tu_add(db, "The Harbour Science Centre", "science center");
		pd_contact keep = {.partner_id = hsc}, copy = {.partner_id = dup};
		keep.name = strdup("Priya Raman");
		keep.title = strdup("Youth Outreach Coordinator");
		keep.phone = strdup("(804) 555-0151");
		copy.name = strdup("PRIYA RAMAN");
		copy.phone = strdup("804 555 0151");
		copy.email = strdup("praman@harbour.example.org");
		copy.notes = strdup("Met at the STEM fair");
		ok(hsc && dup && pd_contact_insert(db, &keep, &err) && pd_contact_insert(db, &copy, &err),
		   "a partner added twice, each with its copy of the person: %s", err.msg);
		int64_t sam_a = add_contact(db, hsc, "Sam Lee");
		pd_contact other_sam = {.partner_id = dup};
		other_sam.name = strdup("Sam Lee");
		other_sam.email = strdup("sam.lee@other.example");
		int64_t sam_b = pd_contact_insert(db, &other_sam, &err) ? other_sam.id : 0;
		pd_contact_finish(&other_sam);
		int64_t called = add_log(db, dup, copy.id, "2026-11-20T10:00:00Z", "Called about STEM Saturdays", NULL);
		pd_merge_counts mc;
		ok(pd_partner_merge(db, dup, hsc, true, &mc, &err) && mc.contacts == 1 && mc.contacts_joined == 1 &&
		   strcmp(mc.joined_names, "Priya Raman") == 0,
		   "the dry run: 1 person moves, Priya Raman joins the one there (%ld, %ld, '%s')", mc.contacts,
		   mc.contacts_joined, mc.joined_names);
		char told[600];
		pd_merge_counts_describe(&mc, "The Harbour Science Centre", "Harbour Science Centre", NULL, NULL, true,
			told, sizeof told);
		ok(strstr(told, "would move: 1 person, 1 log entry\n") &&
		   strstr(told, "would join The Harbour Science Centre's Priya Raman with the one of the same name "
			"at Harbour Science Centre"), "and says so: %s", told);
		ok(pd_partner_merge(db, dup, hsc, false, &mc, &err), "merged: %s", err.msg);
		is(count_of("SELECT count(*) FROM contacts WHERE partner_id = ?1 AND name_fold = 'priya raman'", hsc), 1,
		   "one Priya Raman after the merge");
		pd_contact *priya = pd_contact_get(db, keep.id, &err);
		ok(priya && strcmp(priya->email, "praman@harbour.example.org") == 0 &&
		   strcmp(priya->phone, "(804) 555-0151") == 0 && strcmp(priya->title, "Youth Outreach Coordinator") == 0 &&
		   strcmp(priya->notes, "Met at the STEM fair") == 0,
		   "she keeps her own phone and title, and takes the copy's address and notes");
		pd_contact_destroy(priya);
		is(count_of("SELECT contact_id FROM interactions WHERE id = ?1", called), keep.id,
		   "the copy's log entry names her");
		is(count_of("SELECT count(*) FROM contacts WHERE partner_id = ?1 AND name_fold = 'sam lee'", hsc), 2,
		   "two Sam Lees of different addresses stay two");
		ok(sam_a && sam_b, "(both Sam Lees were added)");
		ok(check_clean(db), "check finds nothing wrong after joining a person");
		/* A colleague saving the copy opened before: told it was joined
		 * into the one kept (it said "changed ... open it again", of a
		 * person no longer there to open). */
		free(copy.title);
		copy.title = strdup("Educator");
		pd_error gone = {0};
		ok(!pd_contact_update(db, &copy, &gone) && gone.code == PD_ERR_CONFLICT &&
		   strstr(gone.msg, "joined into a person of the same name"),
		   "saving the person joined meanwhile says where it went");
		if (!strstr(gone.msg, "joined into"))
			printf("# said: %s\n", gone.msg);
		pd_contact_finish(&keep);
		pd_contact_finish(&copy);
	}
	{
		/* Two of FROM's people of one name, their addresses different,
		 * and one of that name at INTO with no address: she is not known
		 * to be either, and joining both into her kept one address and
		 * deleted the other's. All three stay. */
		int64_t lib = tu_add(db, "Eastside Youth Library", "library");
		int64_t twice = tu_add(db, "Eastside Youth Library (2)", "library");
		pd_contact alex_bare = {.partner_id = lib}, alex_one = {.partner_id = twice}, alex_other = {.partner_id = twice};
		alex_bare.name = strdup("Alex Morgan");
		alex_one.name = strdup("Alex Morgan");
		alex_one.email = strdup("alex.morgan@eastside.example");
		alex_other.name = strdup("Alex Morgan");
		alex_other.email = strdup("amorgan@riverside.example");
		ok(lib && twice && pd_contact_insert(db, &alex_bare, &err) && pd_contact_insert(db, &alex_one, &err) &&
		   pd_contact_insert(db, &alex_other, &err), "one Alex Morgan at a partner, two at its copy: %s", err.msg);
		pd_merge_counts mc;
		bool dry = pd_partner_merge(db, twice, lib, true, &mc, &err);
		ok(dry && mc.contacts_joined == 0 && mc.contacts == 2,
		   "the dry run joins nobody, moves both (%ld joined, %ld moved)", mc.contacts_joined, mc.contacts);
		ok(pd_partner_merge(db, twice, lib, false, &mc, &err), "merged: %s", err.msg);
		is(count_of("SELECT count(*) FROM contacts WHERE partner_id = ?1 AND name_fold = 'alex morgan'", lib), 3,
		   "three Alex Morgans after the merge");
		is(count_of("SELECT count(*) FROM contacts WHERE partner_id = ?1 AND email IN "
			"('alex.morgan@eastside.example', 'amorgan@riverside.example')", lib), 2,
		   "both addresses kept");
		pd_contact_finish(&alex_bare);
		pd_contact_finish(&alex_one);
		pd_contact_finish(&alex_other);
	}
	{
		/* Two copies of one person at FROM that agree both join INTO's. */
		int64_t club = tu_add(db, "Northside Chess Club", "club");
		int64_t again = tu_add(db, "Northside Chess Club (2)", "club");
		pd_contact there = {.partner_id = club}, rui_a = {.partner_id = again}, rui_b = {.partner_id = again};
		there.name = strdup("Rui Costa");
		rui_a.name = strdup("Rui Costa");
		rui_a.email = strdup("rui@chess.example");
		rui_b.name = strdup("rui costa");
		rui_b.phone = strdup("0161 555 0199");
		ok(club && again && pd_contact_insert(db, &there, &err) && pd_contact_insert(db, &rui_a, &err) &&
		   pd_contact_insert(db, &rui_b, &err), "one Rui Costa at a club, two copies that agree at its copy: %s",
		   err.msg);
		pd_merge_counts mc;
		bool merged = pd_partner_merge(db, again, club, false, &mc, &err);
		ok(merged && mc.contacts_joined == 2 && strcmp(mc.joined_names, "Rui Costa") == 0,
		   "both join him, named once ('%s')", merged ? mc.joined_names : err.msg);
		pd_contact *rui = pd_contact_get(db, there.id, &err);
		ok(rui && rui->email && rui->phone && strcmp(rui->email, "rui@chess.example") == 0 &&
		   strcmp(rui->phone, "0161 555 0199") == 0, "he holds the address and the phone");
		pd_contact_destroy(rui);
		is(count_of("SELECT count(*) FROM contacts WHERE partner_id = ?1", club), 1, "one Rui Costa");
		pd_contact_finish(&there);
		pd_contact_finish(&rui_a);
		pd_contact_finish(&rui_b);
	}

	/* ---- ids are never given twice ---- */
	ok(pd_partner_delete_unused(db, b, false, &h, &err), "the newest partner deleted: %s", err.msg);
	int64_t next = tu_add(db, "New Nursery", "school");
	ok(next > b, "a new partner gets an id no partner had (%lld > %lld)", (long long)next, (long long)b);
	pd_draft orphan = {.form = strdup("log"), .partner_id = typo, .payload = strdup("note=for the typo")};
	ok(pd_draft_save(db, &orphan, &err) && orphan.partner_id == 0,
	   "a draft of a deleted partner keeps its text, attached to nobody");

	pd_draft_finish(&note);
	pd_draft_finish(&edit);
	pd_draft_finish(&stage_move);
	pd_draft_finish(&late);
	pd_draft_finish(&orphan);
	pd_partner_destroy(p);
	pd_partner_destroy(into_before);
	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
