/* Merging one partner into another and deleting a partner that holds
 * nothing. A merge moves rows by partner_id (their ids, uids and versions
 * stay, so a colleague's open edit of a moved person or agreement still
 * saves; a uid INTO holds already is made anew), joins a person INTO holds
 * already (the same name, no field written differently) with that one,
 * fills INTO's empty fields through pd_partner_update (its audit
 * entry says which, and its version check holds), and deletes FROM. */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "schema.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/merge.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"

/* The changes a merge's two audit entries carry: the other partner's id
 * (FROM's "merged into" INTO's, INTO's "merged in" FROM's), which
 * pd_partner_merged_into and audit.c's trail follow, and beside it, in
 * "merged in name" / "merged into name", that partner's name then. */
#define MERGED_IN "merged in"
#define MERGED_INTO "merged into"
#define NAME_OF " name"

/* The one number sql (?1 FROM, ?2 INTO) gives; -1 with err set. */
static long count2(pd_db *db, const char *sql, int64_t from, int64_t into, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, from);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, into);
	return pd_count_step(db, st, "reading what the partner holds", err);
}

/* Runs sql (?1 FROM, ?2 INTO, ?3 a number) to its end. */
static bool run2(pd_db *db, const char *sql, int64_t from, int64_t into, int64_t n, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, from);
	int params = sqlite3_bind_parameter_count(st);
	if (params >= 2)
		sqlite3_bind_int64(st, 2, into);
	if (params >= 3)
		sqlite3_bind_int64(st, 3, n);
	int rc = sqlite3_step(st);
	pd_stmt_done(db, st);
	if (rc != SQLITE_DONE)
		return pd_db_fail(db, err, "merging partners");
	return true;
}

bool pd_partner_holds_anything(const pd_partner_holdings *h)
{
	return h->interactions || h->contacts || h->agreements || h->moves;
}

void pd_partner_holdings_text(const pd_partner_holdings *h, char *out, size_t size)
{
	char parts[4][48];
	size_t n = 0;
	if (h->interactions)
		snprintf(parts[n++], sizeof parts[0], "%ld log %s", h->interactions,
		         h->interactions == 1 ? "entry" : "entries");
	if (h->contacts)
		snprintf(parts[n++], sizeof parts[0], "%ld %s", h->contacts, h->contacts == 1 ? "person" : "people");
	if (h->agreements)
		snprintf(parts[n++], sizeof parts[0], "%ld %s", h->agreements,
		         h->agreements == 1 ? "agreement" : "agreements");
	if (h->moves)
		snprintf(parts[n++], sizeof parts[0], "%ld stage %s", h->moves, h->moves == 1 ? "move" : "moves");
	size_t used = 0;
	if (!size)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++)
		used += (size_t)snprintf(out + used, size - used, "%s%s",
		                         i == 0 ? "" : i + 1 == n ? " and " : ", ", parts[i]);
}

bool pd_partner_holdings_get(pd_db *db, int64_t id, pd_partner_holdings *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	/* A move has a stage it came from; the row a partner was added with
	 * (and a merged partner's) has none. */
	return (out->interactions = count2(db, "SELECT count(*) FROM interactions WHERE partner_id = ?1", id, 0, err)) >= 0 &&
	       (out->contacts = count2(db, "SELECT count(*) FROM contacts WHERE partner_id = ?1", id, 0, err)) >= 0 &&
	       (out->agreements = count2(db, "SELECT count(*) FROM agreements WHERE partner_id = ?1", id, 0, err)) >= 0 &&
	       (out->moves = count2(db, "SELECT count(*) FROM stage_history WHERE partner_id = ?1 "
		"AND from_stage IS NOT NULL", id, 0, err)) >= 0;
}

bool pd_partner_delete_unused(pd_db *db, int64_t id, bool force, pd_partner_holdings *out,
	pd_error *err)
{
	pd_partner_holdings none;
	if (!out)
		out = &none;
	if (!pd_db_begin(db, err))
		return false;
	char name[256];
	sqlite3_stmt *st = NULL;
	int64_t version = 0;
	if (!pd_partner_name(db, id, name, sizeof name, err) || !pd_partner_holdings_get(db, id, out, err))
		goto fail;
	if (!force && pd_partner_holds_anything(out)) {
		pd_error_set(err, PD_ERR_REFUSED, "%s (#%lld) holds what a delete would lose",
			name, (long long)id);
		goto fail;
	}
	if (!(st = pd_stmt(db, "SELECT version FROM partners WHERE id = ?1", err)))
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int64(st, 0);
	pd_stmt_done(db, st);
	/* Nested: its own audit entry, search removal and version check. */
	if (!pd_partner_delete(db, id, version, err) || !pd_db_commit(db, err))
		goto fail;
	return true;
fail:
	pd_db_rollback(db);
	return false;
}

/* ---- what would move ---- */

static bool counts_of(pd_db *db, int64_t from, int64_t into, pd_merge_counts *c, pd_error *err)
{
	static const struct {
		const char *sql;
		size_t at;
	} q[] = {
		{"SELECT count(*) FROM contacts WHERE partner_id = ?1", offsetof(pd_merge_counts, contacts)},
		{"SELECT count(*) FROM interactions WHERE partner_id = ?1", offsetof(pd_merge_counts, interactions)},
		{"SELECT count(*) FROM stage_history WHERE partner_id = ?1 AND from_stage IS NOT NULL",
		 offsetof(pd_merge_counts, history)},
		{"SELECT count(*) FROM agreements WHERE partner_id = ?1", offsetof(pd_merge_counts, agreements)},
		{"SELECT count(*) FROM fit_scores f WHERE partner_id = ?1 AND NOT EXISTS "
		 "(SELECT 1 FROM fit_scores g WHERE g.partner_id = ?2 AND g.criterion = f.criterion)",
		 offsetof(pd_merge_counts, fit_moved)},
		{"SELECT count(*) FROM fit_scores f WHERE partner_id = ?1 AND EXISTS "
		 "(SELECT 1 FROM fit_scores g WHERE g.partner_id = ?2 AND g.criterion = f.criterion)",
		 offsetof(pd_merge_counts, fit_dropped)},
		{"SELECT count(*) FROM goals f WHERE partner_id = ?1 AND NOT EXISTS "
		 "(SELECT 1 FROM goals g WHERE g.partner_id = ?2 AND g.goal = f.goal)",
		 offsetof(pd_merge_counts, goals_moved)},
		{"SELECT count(*) FROM goals f WHERE partner_id = ?1 AND EXISTS "
		 "(SELECT 1 FROM goals g WHERE g.partner_id = ?2 AND g.goal = f.goal)",
		 offsetof(pd_merge_counts, goals_shared)},
		/* of those, the ones whose note INTO takes (moves[] below) */
		{"SELECT count(*) FROM goals f WHERE partner_id = ?1 AND coalesce(f.note, '') <> '' AND EXISTS "
		 "(SELECT 1 FROM goals g WHERE g.partner_id = ?2 AND g.goal = f.goal AND coalesce(g.note, '') = '')",
		 offsetof(pd_merge_counts, goals_noted)},
		{"SELECT count(*) FROM partner_tags f WHERE partner_id = ?1 AND NOT EXISTS "
		 "(SELECT 1 FROM partner_tags g WHERE g.partner_id = ?2 AND g.value_fold = f.value_fold)",
		 offsetof(pd_merge_counts, tags)},
		{"SELECT count(*) FROM partner_audiences f WHERE partner_id = ?1 AND NOT EXISTS "
		 "(SELECT 1 FROM partner_audiences g WHERE g.partner_id = ?2 AND g.value_fold = f.value_fold)",
		 offsetof(pd_merge_counts, audiences)},
		{"SELECT count(*) FROM partner_branches f WHERE partner_id = ?1 AND NOT EXISTS "
		 "(SELECT 1 FROM partner_branches g WHERE g.partner_id = ?2 AND g.value_fold = f.value_fold)",
		 offsetof(pd_merge_counts, branches)},
		{"SELECT count(*) FROM drafts WHERE partner_id = ?1 OR (form IN ('partner', 'move') AND target_id = ?1)",
		 offsetof(pd_merge_counts, drafts)},
	};
	for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
		long n = count2(db, q[i].sql, from, into, err);
		if (n < 0)
			return false;
		memcpy((char *)c + q[i].at, &n, sizeof n);
	}
	/* The scores dropped, by criterion, for the report and the trail. */
	sqlite3_stmt *st = pd_stmt(db, "SELECT f.criterion, f.score, g.score FROM fit_scores f "
		"JOIN fit_scores g ON g.partner_id = ?2 AND g.criterion = f.criterion "
		"WHERE f.partner_id = ?1 ORDER BY f.criterion", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, into);
	size_t used = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && used < sizeof c->dropped)
		used += (size_t)snprintf(c->dropped + used, sizeof c->dropped - used, "%s%s %d (kept %d)",
			used ? ", " : "", (const char *)sqlite3_column_text(st, 0),
			sqlite3_column_int(st, 1), sqlite3_column_int(st, 2));
	pd_stmt_done(db, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pd_db_fail(db, err, "reading the fit scores");
	return true;
}

/* ---- the same person at both ---- */

static bool blank_or_null(const char *s)
{
	return !s || pd_blank(s);
}

/* Whether a and b, one person's field at FROM and at INTO, say the same:
 * either empty, or alike as fold (case, accents) or, for a phone, its
 * digits run together ("804 555 0151" is "(804) 555-0151"). -1 when out
 * of memory. */
static int same_field(const char *a, const char *b, bool phone)
{
	if (blank_or_null(a) || blank_or_null(b) || pd_fold_cmp(a, b) == 0)
		return 1;
	if (!phone)
		return 0;
	char *ka = pd_name_key(a), *kb = pd_name_key(b);
	char *ra = ka ? pd_search_phone_run(ka) : NULL, *rb = kb ? pd_search_phone_run(kb) : NULL;
	int same = ra && rb ? strcmp(ra, rb) == 0 : -1;
	free(ka), free(kb), free(ra), free(rb);
	return same;
}

/* 1 when f (FROM's) and g (INTO's, the same name) are one person: no
 * field both wrote differently. Two emails or titles that differ may be
 * two people of one name, and are kept both, as before. */
static int one_person(const pd_contact *f, const pd_contact *g)
{
	const char *const fa[] = {f->title, f->email, f->phone, f->channel};
	const char *const ga[] = {g->title, g->email, g->phone, g->channel};
	for (size_t i = 0; i < sizeof fa / sizeof *fa; i++) {
		int same = same_field(fa[i], ga[i], i == 2);
		if (same <= 0)
			return same;
	}
	return 1;
}

/* Fills g's empty fields from f, and adds f's notes below g's when they
 * differ; whether anything changed in *changed. False when out of memory. */
static bool fill_person(pd_contact *g, const pd_contact *f, bool *changed)
{
	char **to[] = {&g->title, &g->email, &g->phone, &g->channel};
	const char *const v[] = {f->title, f->email, f->phone, f->channel};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		if (blank_or_null(*to[i]) && !blank_or_null(v[i])) {
			if (!pd_set_str(to[i], v[i]))
				return false;
			*changed = true;
		}
	if (blank_or_null(f->notes) || (g->notes && strcmp(g->notes, f->notes) == 0))
		return true;
	if (blank_or_null(g->notes)) {
		*changed = true;
		return pd_set_str(&g->notes, f->notes);
	}
	size_t n = strlen(g->notes) + strlen(f->notes) + 3;
	char *both = malloc(n);
	if (!both)
		return false;
	snprintf(both, n, "%s\n\n%s", g->notes, f->notes);
	free(g->notes);
	g->notes = both;
	*changed = true;
	return true;
}

/* Whether f, a candidate to join INTO's person g, agrees with every
 * person of FROM found before it to join g (pairs[0..n)): two of FROM's
 * of one name whose addresses differ are two people, and INTO's person
 * with neither address is not known to be either. 1, 0, or -1 when out
 * of memory or unread (err set). */
static int agrees_with_earlier(pd_db *db, const int64_t *pairs, size_t n, const pd_contact *f,
	int64_t gid, pd_error *err)
{
	for (size_t i = 0; i < n; i++) {
		if (pairs[i * 2 + 1] != gid)
			continue;
		pd_contact *e = pd_contact_get(db, pairs[i * 2], err);
		int same = e ? one_person(f, e) : -2;
		pd_contact_destroy(e);
		if (same <= 0)
			return same == -1 ? (pd_error_set(err, PD_ERR_NOMEM, "out of memory"), -1) : same;
	}
	return 1;
}

/* FROM's people who are one of INTO's (one_person), as pairs of ids
 * {FROM's, INTO's} into *pairs (n of them, malloc'd); counted and named in
 * c. Read before the rows move. An INTO person two of FROM's disagreeing
 * people would join joins neither: all three stay. */
static bool find_joins(pd_db *db, int64_t from, int64_t into, int64_t **pairs, size_t *n,
	pd_merge_counts *c, pd_error *err)
{
	*pairs = NULL;
	*n = 0;
	/* INTO's first of that name: two there already stay two. */
	sqlite3_stmt *st = pd_stmt(db, "SELECT f.id, (SELECT min(g.id) FROM contacts g "
		"WHERE g.partner_id = ?2 AND g.name_fold = f.name_fold) AS g_id "
		"FROM contacts f WHERE f.partner_id = ?1 AND g_id IS NOT NULL ORDER BY f.id", err);
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, into);
	int rc;
	bool ok = true;
	/* INTO's people that two of FROM's who disagree would both join. */
	int64_t *torn = NULL;
	size_t n_torn = 0;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t fid = sqlite3_column_int64(st, 0), gid = sqlite3_column_int64(st, 1);
		pd_contact *f = pd_contact_get(db, fid, err), *g = f ? pd_contact_get(db, gid, err) : NULL;
		int one = g ? one_person(f, g) : -2;
		if (one > 0) {
			one = agrees_with_earlier(db, *pairs, *n, f, gid, err);
			if (one == 0) {
				int64_t *t = realloc(torn, (n_torn + 1) * sizeof *torn);
				if (t) {
					torn = t;
					torn[n_torn++] = gid;
				} else {
					one = -1;
					pd_error_set(err, PD_ERR_NOMEM, "out of memory");
				}
			}
		}
		int64_t *more = one > 0 ? realloc(*pairs, (*n + 1) * 2 * sizeof **pairs) : NULL;
		if (one == -1 || (one > 0 && !more)) {
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			ok = false;
		} else if (one == -2) {
			ok = false;
		} else if (one > 0) {
			*pairs = more;
			more[*n * 2] = fid;
			more[*n * 2 + 1] = gid;
			(*n)++;
		}
		pd_contact_destroy(f);
		pd_contact_destroy(g);
	}
	pd_stmt_done(db, st);
	if (ok && rc != SQLITE_DONE)
		ok = pd_db_fail(db, err, "reading the people of both partners");
	/* The torn ones' pairs out; the rest counted and named. */
	size_t kept = 0, used = 0;
	c->joined_names[0] = '\0';
	for (size_t i = 0; ok && i < *n; i++) {
		bool out = false;
		for (size_t k = 0; k < n_torn && !out; k++)
			out = torn[k] == (*pairs)[i * 2 + 1];
		if (out)
			continue;
		(*pairs)[kept * 2] = (*pairs)[i * 2];
		(*pairs)[kept * 2 + 1] = (*pairs)[i * 2 + 1];
		kept++;
		c->contacts--;
		c->contacts_joined++;
		bool named_already = false;
		for (size_t k = 0; k + 1 < kept && !named_already; k++)
			named_already = (*pairs)[k * 2 + 1] == (*pairs)[i * 2 + 1];
		/* cut on a character's edge when many names do not fit */
		if (!named_already && used + 1 < sizeof c->joined_names) {
			pd_contact *g = pd_contact_get(db, (*pairs)[i * 2 + 1], err);
			if (!g) {
				ok = false;
				break;
			}
			pd_format(c->joined_names + used, sizeof c->joined_names - used, "%s%s",
				used ? ", " : "", g->name);
			used = strlen(c->joined_names);
			pd_contact_destroy(g);
		}
	}
	free(torn);
	*n = kept;
	if (!ok) {
		free(*pairs);
		*pairs = NULL;
		*n = 0;
	}
	return ok;
}

/* Joins each pair's FROM person into INTO's, after the rows moved: INTO's
 * person takes what it lacked (its own audit entry), the log entries that
 * named FROM's name INTO's (moving to a new version: a correction opened
 * on one before is a conflict, not a save naming a person gone), and
 * FROM's person goes (its audit entry keeps its fields and says it was
 * joined into INTO's, not deleted). */
static bool join_people(pd_db *db, const int64_t *pairs, size_t n, pd_error *err)
{
	char now[PD_TIME_LEN];
	pd_db_stamp(db, now);
	for (size_t i = 0; i < n; i++) {
		pd_contact *f = pd_contact_get(db, pairs[i * 2], err), *g = f ? pd_contact_get(db, pairs[i * 2 + 1], err) : NULL;
		bool changed = false, ok = g != NULL;
		if (ok && !fill_person(g, f, &changed))
			ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		if (ok && changed)
			ok = pd_contact_update(db, g, err);
		sqlite3_stmt *st = ok ? pd_stmt(db, "UPDATE interactions SET contact_id = ?2, updated = ?3, "
			"version = version + 1 WHERE contact_id = ?1", err) : NULL;
		if (st) {
			sqlite3_bind_int64(st, 1, f->id);
			sqlite3_bind_int64(st, 2, g->id);
			sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
			int rc = sqlite3_step(st);
			pd_stmt_done(db, st);
			if (rc != SQLITE_DONE)
				ok = pd_db_fail(db, err, "naming the person joined in the log");
		} else {
			ok = false;
		}
		ok = ok && pd_contact_join(db, f->id, f->version, g, err);
		pd_contact_destroy(f);
		pd_contact_destroy(g);
		if (!ok)
			return false;
	}
	return true;
}

/* ---- INTO's own fields ---- */

/* Adds v to sv unless sv holds it already as the model keys values
 * ("Teens" is "teens"): INTO's spelling stays, and the audit entry names
 * only what INTO gained. */
static bool add_value(pd_strv *sv, const char *v)
{
	char *key = pd_name_key(v);
	if (!key)
		return false;
	bool have = false;
	for (size_t i = 0; i < sv->n && !have; i++) {
		char *k = pd_name_key(sv->v[i]);
		if (!k) {
			free(key);
			return false;
		}
		have = strcmp(k, key) == 0;
		free(k);
	}
	free(key);
	return have || pd_strv_push(sv, v);
}

/* Fills INTO's empty fields from FROM, adds FROM's list values and notes;
 * the names of the fields filled into c->filled. */
static bool fill_into(pd_partner *into, const pd_partner *from, const pd_history *moves, const char *today,
                      pd_merge_counts *c)
{
	struct {
		const char *name;
		char **to;
		const char *v;
	} f[] = {
		{"kind", &into->kind, from->kind},
		{"scale", &into->scale, from->scale},
		{"mission", &into->mission, from->mission},
		{"position", &into->position, from->position},
		{"directions", &into->directions, from->directions},
		{"website", &into->website, from->website},
		{"phone", &into->phone, from->phone},
		{"email", &into->email, from->email},
		{"address", &into->address, from->address},
		{"owner", &into->owner, from->owner},
	};
	size_t used = 0;
	for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
		if (!blank_or_null(*f[i].to) || blank_or_null(f[i].v))
			continue;
		if (!pd_set_str(f[i].to, f[i].v))
			return false;
		if (used < sizeof c->filled)
			used += (size_t)snprintf(c->filled + used, sizeof c->filled - used, "%s%s",
				used ? ", " : "", f[i].name);
	}
	if (!into->fiscal_month && from->fiscal_month) {
		into->fiscal_month = from->fiscal_month;
		if (used < sizeof c->filled)
			used += (size_t)snprintf(c->filled + used, sizeof c->filled - used, "%sfiscal month",
				used ? ", " : "");
	}
	const pd_strv *gives[] = {&from->tags, &from->audiences, &from->branches};
	pd_strv *takes[] = {&into->tags, &into->audiences, &into->branches};
	for (size_t l = 0; l < 3; l++)
		for (size_t i = 0; i < gives[l]->n; i++)
			if (!add_value(takes[l], gives[l]->v[i]))
				return false;
	/* FROM's notes under a line naming it, so nothing typed is lost and
	 * a reader sees where they came from. FROM's stage moves go there too,
	 * not into INTO's stage history: INTO keeps its own stage, and moves
	 * of another record interleaved with its own would make a history
	 * that ends somewhere INTO is not (its last row "added at glance" on
	 * the day of the merge) and days in each stage no one spent. The
	 * audit trail keeps each move whole, shown with INTO's. */
	bool moved = false;
	for (size_t i = 0; i < moves->n; i++)
		moved |= moves->v[i].from != NULL;
	bool other_stage = from->stage && into->stage && pd_fold_cmp(from->stage, into->stage) != 0;
	if (!blank_or_null(from->notes) || moved) {
		pd_strbuf b = {0};
		pd_strbuf_put(&b, "", 0);
		if (!blank_or_null(into->notes)) {
			pd_strbuf_put(&b, into->notes, strlen(into->notes));
			pd_strbuf_put(&b, "\n\n", 2);
		}
		/* The name whole, however long: cut, it could end inside a
		 * character and the notes would not be UTF-8. */
		char id_day[80];
		snprintf(id_day, sizeof id_day, " (#%lld), merged in on %s", (long long)from->id, today);
		pd_strbuf_put(&b, "From ", 5);
		pd_strbuf_put(&b, from->name, strlen(from->name));
		pd_strbuf_put(&b, id_day, strlen(id_day));
		if (other_stage) {
			pd_strbuf_put(&b, " (it was at ", 12);
			pd_strbuf_put(&b, from->stage, strlen(from->stage));
			pd_strbuf_put(&b, ")", 1);
		}
		pd_strbuf_put(&b, ":\n", 2);
		for (size_t i = 0; i < moves->n; i++) {
			const pd_move *m = &moves->v[i];
			if (!m->from)
				continue;
			char line[PD_TIME_LEN + 32];
			/* "2026-03-29 10:17", as show prints a move */
			snprintf(line, sizeof line, "%.10s %.5s ", m->at, m->at[0] ? m->at + 11 : "");
			pd_strbuf_put(&b, line, strlen(line));
			pd_strbuf_put(&b, m->from, strlen(m->from));
			pd_strbuf_put(&b, " -> ", 4);
			pd_strbuf_put(&b, m->to ? m->to : "?", strlen(m->to ? m->to : "?"));
			if (!blank_or_null(m->by)) {
				pd_strbuf_put(&b, " by ", 4);
				pd_strbuf_put(&b, m->by, strlen(m->by));
			}
			if (!blank_or_null(m->reason)) {
				pd_strbuf_put(&b, ": ", 2);
				pd_strbuf_put(&b, m->reason, strlen(m->reason));
			}
			pd_strbuf_put(&b, "\n", 1);
		}
		if (!blank_or_null(from->notes))
			pd_strbuf_put(&b, from->notes, strlen(from->notes));
		else if (b.n && b.p[b.n - 1] == '\n')
			b.p[--b.n] = '\0';
		if (b.failed) {
			free(b.p);
			return false;
		}
		free(into->notes);
		into->notes = b.p;
		c->notes = true;
	}
	return true;
}

/* ---- the moves ---- */

/* ?1 FROM, ?2 INTO, ?3 INTO's version as read: the forms whose target is
 * the partner itself (its edit, a stage move; ui/form_partner.c and
 * form_move.c) now edit INTO as it was, and meet the merge as a conflict.
 * Fixed SQL only: check_sql.sh. */
static const char *const moves[] = {
	/* A uid is unique within its partner only, and keys derived from the
	 * second a row was made (migration 8, an old backup's restore) repeat
	 * across partners: a moved row whose uid INTO holds takes a new one,
	 * so our own vCard export coming back finds one person, INTO's. */
	"UPDATE contacts SET uid = " PD_UID_RANDOM " WHERE partner_id = ?1 AND uid IN "
	"(SELECT uid FROM contacts WHERE partner_id = ?2)",
	"UPDATE interactions SET uid = " PD_UID_RANDOM " WHERE partner_id = ?1 AND uid IN "
	"(SELECT uid FROM interactions WHERE partner_id = ?2)",
	"UPDATE contacts SET partner_id = ?2 WHERE partner_id = ?1",
	"UPDATE interactions SET partner_id = ?2 WHERE partner_id = ?1",
	"UPDATE agreements SET partner_id = ?2 WHERE partner_id = ?1",
	"UPDATE fit_scores SET partner_id = ?2 WHERE partner_id = ?1 AND criterion NOT IN "
	"(SELECT criterion FROM fit_scores WHERE partner_id = ?2)",
	"UPDATE goals SET note = (SELECT f.note FROM goals f WHERE f.partner_id = ?1 AND f.goal = goals.goal) "
	"WHERE partner_id = ?2 AND coalesce(note, '') = '' AND goal IN "
	"(SELECT goal FROM goals WHERE partner_id = ?1 AND coalesce(note, '') <> '')",
	"UPDATE goals SET partner_id = ?2 WHERE partner_id = ?1 AND goal NOT IN "
	"(SELECT goal FROM goals WHERE partner_id = ?2)",
	"UPDATE drafts SET target_id = ?2, target_version = ?3 WHERE form IN ('partner', 'move') AND target_id = ?1",
	"UPDATE drafts SET partner_id = ?2 WHERE partner_id = ?1",
};

/* "2 people" / "1 person" after a ", " unless first; nothing for 0. */
static void part(char *buf, size_t size, long n, const char *one, const char *many)
{
	size_t used = strlen(buf);
	if (n && used < size)
		snprintf(buf + used, size - used, "%s%ld %s", used ? ", " : "", n, n == 1 ? one : many);
}

/* What moved, "" for nothing. */
static void moved_parts(const pd_merge_counts *c, char *out, size_t size)
{
	out[0] = '\0';
	part(out, size, c->contacts, "person", "people");
	part(out, size, c->interactions, "log entry", "log entries");
	part(out, size, c->history, "stage move (into the notes)", "stage moves (into the notes)");
	part(out, size, c->agreements, "agreement", "agreements");
	part(out, size, c->fit_moved, "fit score", "fit scores");
	part(out, size, c->goals_moved, "goal", "goals");
	part(out, size, c->drafts, "unsaved draft", "unsaved drafts");
}

void pd_merge_counts_moved(const pd_merge_counts *c, char *out, size_t size)
{
	moved_parts(c, out, size);
	if (!out[0])
		snprintf(out, size, "nothing");
}

void pd_merge_counts_added(const pd_merge_counts *c, char *out, size_t size)
{
	out[0] = '\0';
	part(out, size, c->tags, "tag", "tags");
	part(out, size, c->audiences, "audience", "audiences");
	part(out, size, c->branches, "branch", "branches");
}

/* Appends one part of a description to out, after sep unless it is the
 * first; what does not fit is cut on a character's edge (names run to
 * 200 characters of up to four bytes), never overrun. */
__attribute__((format(printf, 4, 5)))
static void joined(char *out, size_t size, const char *sep, const char *fmt, ...)
{
	size_t used = strlen(out), n = strlen(sep);
	if (used + n >= size)
		return;
	if (used)
		memcpy(out + used, sep, n + 1), used += n;
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(out + used, size - used, fmt, ap);
	va_end(ap);
}

/* Whether a merge leaves INTO with anything of FROM's beyond rows moved,
 * or drops any of FROM's: "moved nothing" alone would hide it. */
static bool does_more(const pd_merge_counts *c, const char *added)
{
	return added[0] || c->filled[0] || c->notes || c->goals_noted || c->fit_dropped || c->contacts_joined;
}

void pd_merge_counts_done(const pd_merge_counts *c, char *out, size_t size)
{
	char moved[400], added[200];
	if (!size)
		return;
	out[0] = '\0';
	moved_parts(c, moved, sizeof moved);
	pd_merge_counts_added(c, added, sizeof added);
	if (moved[0] || !does_more(c, added))
		joined(out, size, "; ", "moved %s", moved[0] ? moved : "nothing");
	if (c->contacts_joined)
		joined(out, size, "; ", "joined %s with the one%s of the same name", c->joined_names,
			c->contacts_joined == 1 ? "" : "s");
	if (added[0])
		joined(out, size, "; ", "added %s", added);
	if (c->filled[0])
		joined(out, size, "; ", "filled %s", c->filled);
	if (c->notes)
		joined(out, size, "; ", "appended its notes");
	if (c->goals_noted)
		joined(out, size, "; ", "took its note on %ld goal%s", c->goals_noted, c->goals_noted == 1 ? "" : "s");
	if (c->fit_dropped)
		joined(out, size, "; ", "dropped %ld fit score%s the other had", c->fit_dropped,
			c->fit_dropped == 1 ? "" : "s");
}

void pd_merge_counts_describe(const pd_merge_counts *c, const char *from, const char *into,
	const char *from_stage, const char *into_stage, bool dry, char *out, size_t size)
{
	char moved[400], added[200];
	if (!size)
		return;
	out[0] = '\0';
	moved_parts(c, moved, sizeof moved);
	pd_merge_counts_added(c, added, sizeof added);
	if (moved[0] || !does_more(c, added))
		joined(out, size, "\n", "%s: %s", dry ? "would move" : "moved", moved[0] ? moved : "nothing");
	if (c->contacts_joined)
		joined(out, size, "\n", "%s %s's %s with the one%s of the same name at %s", dry ? "would join" : "joined",
			from, c->joined_names, c->contacts_joined == 1 ? "" : "s", into);
	if (added[0])
		joined(out, size, "\n", "%s: %s", dry ? "would add" : "added", added);
	if (c->filled[0])
		joined(out, size, "\n", "%s %s's empty %s", dry ? "would fill" : "filled", into, c->filled);
	if (c->notes)
		joined(out, size, "\n", "%s %s's notes to %s's, under a line naming it", dry ? "would append" : "appended",
			from, into);
	long kept = c->goals_shared - c->goals_noted;
	if (kept > 0)
		joined(out, size, "\n", "%ld goal%s both held: %s's note kept", kept, kept == 1 ? "" : "s", into);
	if (c->goals_noted)
		joined(out, size, "\n", "%ld goal%s both held: %s %s's note, %s's %s empty", c->goals_noted,
			c->goals_noted == 1 ? "" : "s", dry ? "would take" : "took", from, into, dry ? "is" : "was");
	if (c->dropped[0])
		joined(out, size, "\n", "%s %s's fit scores where %s has its own: %s", dry ? "would drop" : "dropped",
			from, into, c->dropped);
	/* The one thing a merge does not take from FROM. */
	if (from_stage && into_stage && pd_fold_cmp(from_stage, into_stage) != 0)
		joined(out, size, "\n", "%s keeps its stage, %s; %s %s at %s (merge the other way to keep %s)",
			into, into_stage, from, dry ? "is" : "was", from_stage, from_stage);
}

bool pd_partner_merge(pd_db *db, int64_t from_id, int64_t into_id, bool dry_run, pd_merge_counts *out,
	pd_error *err)
{
	pd_merge_counts none;
	if (!out)
		out = &none;
	memset(out, 0, sizeof *out);
	if (from_id == into_id)
		return pd_error_set(err, PD_ERR_INVALID, "partner #%lld cannot be merged into itself",
			(long long)from_id);
	/* A dry run only reads: a read-only desk can answer it. */
	if (!dry_run && !pd_db_begin(db, err))
		return false;
	pd_partner *from = pd_partner_get(db, from_id, err), *into = NULL;
	int64_t *pairs = NULL;
	size_t n_pairs = 0;
	if (!from || !(into = pd_partner_get(db, into_id, err)) || !counts_of(db, from_id, into_id, out, err) ||
	    !find_joins(db, from_id, into_id, &pairs, &n_pairs, out, err))
		goto fail;
	char today[PD_DATE_LEN];
	pd_db_today(db, today);
	int64_t into_version = into->version;
	pd_history history = {0};
	if (!pd_history_list(db, from_id, &history, err))
		goto fail;
	bool filled = fill_into(into, from, &history, today, out);
	pd_history_finish(&history);
	if (!filled) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		goto fail;
	}
	if (into->notes && strlen(into->notes) > PD_NOTES_MAX) {
		pd_error_set(err, PD_ERR_INVALID, "the notes of %s and %s together are longer than %u "
			"bytes, more than one partner's notes may hold; shorten one of them first",
			from->name, into->name, PD_NOTES_MAX);
		goto fail;
	}
	if (dry_run) {
		free(pairs);
		pd_partner_destroy(from);
		pd_partner_destroy(into);
		return true;
	}
	for (size_t i = 0; i < sizeof moves / sizeof *moves; i++)
		if (!run2(db, moves[i], from_id, into_id, into_version, err))
			goto fail;
	if (!join_people(db, pairs, n_pairs, err))
		goto fail;
	/* What it did as the status line says it; the scores dropped (the
	 * last part) named, as nothing else keeps them. */
	/* Sized to hold both names whole: a fixed buffer cut the second
	 * name inside a character and lost what the merge did. */
	char counts[600];
	pd_merge_counts_done(out, counts, sizeof counts);
	size_t detail_size = strlen(from->name) + strlen(into->name) + strlen(counts) + strlen(out->dropped) + 80;
	char *detail = malloc(detail_size);
	if (!detail) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		goto fail;
	}
	snprintf(detail, detail_size, "merged %s (#%lld) into %s (#%lld): %s%s%s", from->name,
		(long long)from_id, into->name, (long long)into_id, counts, out->dropped[0] ? ": " : "", out->dropped);
	/* FROM's trail ends with where it went; the successor's id in a field
	 * of its own, for pd_partner_merged_into. */
	char successor[24];
	snprintf(successor, sizeof successor, "%lld", (long long)into_id);
	/* INTO's names FROM likewise: its trail shows FROM's (audit.c). */
	char predecessor[24];
	snprintf(predecessor, sizeof predecessor, "%lld", (long long)from_id);
	pd_changes went = {0}, took = {0};
	pd_changes_add(&went, MERGED_INTO, NULL, successor);
	pd_changes_add(&took, MERGED_IN, NULL, predecessor);
	/* And the other's name, which no table keeps once FROM is gone: for
	 * pd_merge_change_other, whatever the detail's wording. */
	pd_changes_add(&went, MERGED_INTO NAME_OF, NULL, into->name);
	pd_changes_add(&took, MERGED_IN NAME_OF, NULL, from->name);
	bool logged = pd_audit_write_changes(db, "partner", from_id, from_id, "merge", detail, &went, err) &&
		pd_audit_write_changes(db, "partner", into_id, into_id, "merge", detail, &took, err);
	free(detail);
	pd_changes_finish(&went);
	pd_changes_finish(&took);
	if (!logged ||
	    !run2(db, "DELETE FROM partners WHERE id = ?1", from_id, 0, 0, err) ||
	    !pd_search_remove(db, from_id, err) ||
	    /* Nested: its own audit entry for the fields it fills, its
	     * version check against what was read above. */
	    !pd_partner_update(db, into, err) ||
	    !pd_partner_refresh_activity(db, into_id, err) ||
	    !pd_search_refresh(db, into_id, err) ||
	    !pd_db_commit(db, err))
		goto fail;
	free(pairs);
	pd_partner_destroy(from);
	pd_partner_destroy(into);
	return true;
fail:
	if (!dry_run)
		pd_db_rollback(db);
	free(pairs);
	pd_partner_destroy(from);
	pd_partner_destroy(into);
	return false;
}

/* Entries written before the name had a change of its own: the name as
 * their detail gives it, "merged FROM (#f) into INTO (#i): ..." (a
 * wording those entries keep), with f and i from the entry's own id and
 * the change's; *len 0 when it does not read so. */
static const char *name_in_old_detail(const pd_audit_entry *e, bool in, long long other, size_t *len)
{
	long long from = in ? other : (long long)e->entity_id, into = in ? (long long)e->entity_id : other;
	char after_from[48], after_into[48];
	snprintf(after_from, sizeof after_from, " (#%lld) into ", from);
	snprintf(after_into, sizeof after_into, " (#%lld): ", into);
	const char *start = NULL, *stop = NULL;
	if (e->detail && strncmp(e->detail, "merged ", 7) == 0) {
		const char *mid = strstr(e->detail + 7, after_from);
		if (mid) {
			start = in ? e->detail + 7 : mid + strlen(after_from);
			stop = in ? mid : strstr(start, after_into);
		}
	}
	*len = start && stop && stop > start ? (size_t)(stop - start) : 0;
	return *len ? start : "";
}

bool pd_merge_change_other(const pd_audit_entry *e, const pd_audit_change *c, int64_t *other,
	const char **name, size_t *name_len)
{
	bool in = strcmp(c->field, MERGED_IN) == 0;
	if ((!in && strcmp(c->field, MERGED_INTO) != 0) || c->old_value || !c->new_value)
		return false;
	char *end;
	long long id = strtoll(c->new_value, &end, 10);
	if (*end || id <= 0)
		return false;
	*other = id;
	const char *field = in ? MERGED_IN NAME_OF : MERGED_INTO NAME_OF;
	for (size_t k = 0; k < e->n_changes; k++) {
		const pd_audit_change *n = &e->changes[k];
		if (n->field && n->new_value && strcmp(n->field, field) == 0) {
			*name = n->new_value;
			*name_len = strlen(n->new_value);
			return true;
		}
	}
	*name = name_in_old_detail(e, in, id, name_len);
	return true;
}

bool pd_merge_change_is_name(const pd_audit_change *c)
{
	return c->field && (strcmp(c->field, MERGED_IN NAME_OF) == 0
	                    || strcmp(c->field, MERGED_INTO NAME_OF) == 0);
}

bool pd_merge_change_words(const pd_audit_entry *e, const pd_audit_change *c, char *out, size_t size)
{
	if (!size)
		return false;
	if (pd_merge_change_is_name(c)) {
		out[0] = '\0';
		return true;
	}
	int64_t other;
	const char *name;
	size_t len;
	if (!pd_merge_change_other(e, c, &other, &name, &len))
		return false;
	/* Cut, if out is short, on a character's edge: a name runs to 800
	 * bytes. */
	pd_format(out, size, "%s #%lld%s%.*s", c->field, (long long)other, len ? " " : "",
		len > INT_MAX ? INT_MAX : (int)len, name);
	return true;
}

int64_t pd_partner_merged_into(pd_db *db, int64_t id, pd_error *err)
{
	int64_t at = id, found = 0;
	/* A bound on the chain: a partner merged into one merged on. */
	for (int hop = 0; hop < 32; hop++) {
		sqlite3_stmt *st = pd_stmt(db, "SELECT c.new FROM audit a JOIN audit_changes c ON c.audit_id = a.id "
			"WHERE a.entity = 'partner' AND a.entity_id = ?1 AND a.action = 'merge' "
			"AND c.field = 'merged into' ORDER BY a.id DESC LIMIT 1", err);
		if (!st)
			return 0;
		sqlite3_bind_int64(st, 1, at);
		int rc = sqlite3_step(st);
		int64_t next = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		pd_stmt_done(db, st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			pd_db_fail(db, err, "reading the audit trail");
			return 0;
		}
		if (!next || next == at)
			return found;
		found = at = next;
	}
	return found;
}
