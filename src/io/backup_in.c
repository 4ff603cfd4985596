/* Restoring a YAML backup: the tree from yaml_in.c checked key by key
 * (errors name FILE:LINE:COLUMN), then put back through the model API, with
 * restore.h for the row times and histories the API would stamp anew and
 * for the criteria, goals and channels the config no longer lists. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/backup.h"
#include "partnerdesk/io/import.h"
#include "partnerdesk/io/progress.h"
#include "partnerdesk/io/yaml_in.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/restore.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"

typedef struct ctx {
	pd_db *db;
	const pd_import_opts *o;
	const char *file;
	pd_error *err;
	pd_import_stats *st;
	bool was_empty;        /* no partners before: nothing can be a duplicate */
	int64_t max_before;    /* highest partner id before the restore */
} ctx;

__attribute__((format(printf, 3, 4)))
static bool fail_at(ctx *c, const pd_yin *n, const char *fmt, ...)
{
	char msg[600];
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return pd_error_set(c->err, PD_ERR_INVALID, "%s:%lu:%lu: %s", c->file,
		n ? n->line : 0, n ? n->column : 0, msg);
}

/* A model error on the row at n: its message with the position. */
static bool model_fail(ctx *c, const pd_yin *n, const pd_error *e)
{
	return pd_error_set(c->err, e->code == PD_OK ? PD_ERR_GENERIC : e->code, "%s:%lu:%lu: %s",
		c->file, n->line, n->column, e->msg);
}

/* Checks that a mapping holds only the keys allowed (NULL-terminated). */
static bool only_keys(ctx *c, const pd_yin *map, const char *what, const char *const *allowed)
{
	if (map->type != PD_YIN_MAP)
		return fail_at(c, map, "%s should be a mapping of keys to values", what);
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const pd_yin *k = map->kids[i];
		if (k->type != PD_YIN_SCALAR)
			return fail_at(c, k, "a key in %s should be plain text", what);
		bool known = false;
		for (size_t a = 0; allowed[a] && !known; a++)
			known = strcmp(allowed[a], k->text) == 0;
		char q[64];
		if (!known)
			return fail_at(c, k, "%s has no key \"%s\"", what, pd_utf8_fit(q, sizeof q, k->text, 60));
		for (size_t j = 0; j < i; j += 2)
			if (strcmp(map->kids[j]->text, k->text) == 0)
				return fail_at(c, k, "\"%s\" appears twice in %s",
					pd_utf8_fit(q, sizeof q, k->text, 60), what);
	}
	return true;
}

/* The node under key when it is a `type` (NULL when absent or null);
 * false, saying "KEY should be WANT", when it is another. */
static bool get_node(ctx *c, const pd_yin *map, const char *key, pd_yin_type type, const char *want,
	const pd_yin **out)
{
	const pd_yin *n = pd_yin_get(map, key);
	*out = NULL;
	if (!n || pd_yin_is_null(n))
		return true;
	if (n->type != type)
		return fail_at(c, n, "\"%s\" should be %s", key, want);
	*out = n;
	return true;
}

/* A text value (NULL when absent or null). */
static bool get_str(ctx *c, const pd_yin *map, const char *key, const char **out)
{
	const pd_yin *n;
	if (!get_node(c, map, key, PD_YIN_SCALAR, "text", &n))
		return false;
	*out = n ? n->text : NULL;
	return true;
}

static bool get_dup(ctx *c, const pd_yin *map, const char *key, char **dst)
{
	const char *s;
	if (!get_str(c, map, key, &s))
		return false;
	if (!pd_set_str(dst, s))
		return pd_error_set(c->err, PD_ERR_NOMEM, "out of memory");
	return true;
}

/* A notes text (notes, an interaction's text): get_dup, held to what
 * notes hold, said at its key rather than by the model at its row. */
static bool get_notes(ctx *c, const pd_yin *map, const char *key, char **dst)
{
	if (!get_dup(c, map, key, dst))
		return false;
	size_t n = *dst ? strlen(*dst) : 0;
	if (n > PD_NOTES_MAX)
		return fail_at(c, pd_yin_get(map, key), "\"%s\" is %zu bytes; notes hold at most %u",
			key, n, PD_NOTES_MAX);
	return true;
}

static bool get_date(ctx *c, const pd_yin *map, const char *key, char out[PD_DATE_LEN])
{
	const char *s;
	out[0] = '\0';
	if (!get_str(c, map, key, &s))
		return false;
	if (!s)
		return true;
	char q[44];
	if (!pd_date_valid(s))
		return fail_at(c, pd_yin_get(map, key), "\"%s\" should be a date (YYYY-MM-DD), not \"%s\"",
			key, pd_utf8_fit(q, sizeof q, s, 40));
	memcpy(out, s, PD_DATE_LEN);
	return true;
}

static bool get_time(ctx *c, const pd_yin *map, const char *key, char out[PD_TIME_LEN])
{
	const char *s;
	time_t t;
	out[0] = '\0';
	if (!get_str(c, map, key, &s))
		return false;
	if (!s)
		return true;
	char q[44];
	if (strlen(s) >= PD_TIME_LEN || !pd_time_parse(s, &t))
		return fail_at(c, pd_yin_get(map, key),
			"\"%s\" should be a time like 2026-11-23T14:05:00Z, not \"%s\"", key,
			pd_utf8_fit(q, sizeof q, s, 40));
	snprintf(out, PD_TIME_LEN, "%s", s);
	return true;
}

/* A row's uid (backups from before migration 7 have none: out ""). Only
 * letters, digits, '.', '-' and '_', as the exports put it in their UIDs. */
static bool get_uid(ctx *c, const pd_yin *map, char out[PD_UID_LEN])
{
	const char *s;
	out[0] = '\0';
	if (!get_str(c, map, "uid", &s))
		return false;
	if (!s)
		return true;
	size_t n = strlen(s);
	bool ok = n > 0 && n < PD_UID_LEN;
	for (size_t i = 0; ok && i < n; i++)
		ok = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z')
		     || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.' || s[i] == '-' || s[i] == '_';
	char q[64];
	if (!ok)
		return fail_at(c, pd_yin_get(map, "uid"), "\"uid\" should be up to %d letters, digits, "
			"'.', '-' or '_' (as an export writes it), not \"%s\"", PD_UID_LEN - 1,
			pd_utf8_fit(q, sizeof q, s, 60));
	memcpy(out, s, n + 1);
	return true;
}

static bool get_int(ctx *c, const pd_yin *map, const char *key, long lo, long hi, long *out)
{
	const char *s;
	if (!get_str(c, map, key, &s))
		return false;
	if (!s)
		return true;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || end == s || v < lo || v > hi)
		return fail_at(c, pd_yin_get(map, key), "\"%s\" should be a number from %ld to %ld", key, lo, hi);
	*out = v;
	return true;
}

/* The sequence under key, or NULL (absent or empty); false on a non-list. */
static bool get_seq(ctx *c, const pd_yin *map, const char *key, const pd_yin **out)
{
	return get_node(c, map, key, PD_YIN_SEQ, "a list", out);
}

static bool get_list(ctx *c, const pd_yin *map, const char *key, pd_strv *out)
{
	const pd_yin *n;
	if (!get_seq(c, map, key, &n))
		return false;
	for (size_t i = 0; n && i < n->n; i++) {
		if (n->kids[i]->type != PD_YIN_SCALAR)
			return fail_at(c, n->kids[i], "items of \"%s\" should be text", key);
		if (!pd_strv_push(out, n->kids[i]->text))
			return pd_error_set(c->err, PD_ERR_NOMEM, "out of memory");
	}
	return true;
}

static const char *const partner_keys[] = {
	"name", "kind", "scale", "stage", "review_date", "owner", "website", "phone", "email",
	"address", "fiscal_month", "mission", "position", "directions", "tags", "audiences",
	"branches", "notes", "created", "updated", "contacts", "interactions", "history",
	"agreements", "fit", "goals", "uid", NULL,
};
static const char *const contact_keys[] = {
	"name", "title", "email", "phone", "channel", "notes", "created", "updated", "uid", NULL,
};
static const char *const interaction_keys[] = {
	"at", "channel", "by", "contact", "contact_number", "removed_contact", "text", "follow_up",
	"done", "created", "updated", "uid", NULL,
};
static const char *const move_keys[] = {
	"at", "from", "to", "by", "reason", "review_date", "approved_by", NULL,
};
static const char *const agreement_keys[] = {
	"stage", "title", "start_date", "end_date", "review_date", "approved_by", "notes", "offers",
	"created", "updated", NULL,
};
static const char *const offer_keys[] = { "side", "item", "note", NULL };
static const char *const fit_keys[] = { "criterion", "score", "note", NULL };
static const char *const goal_keys[] = { "goal", "note", NULL };

typedef struct name_id {
	const char *name;
	int64_t id;
} name_id;

static bool restore_contacts(ctx *c, const pd_yin *pn, int64_t pid, name_id **map, size_t *n_map)
{
	const pd_yin *seq;
	if (!get_seq(c, pn, "contacts", &seq))
		return false;
	if (!seq)
		return true;
	*map = calloc(seq->n, sizeof **map);
	if (!*map)
		return pd_error_set(c->err, PD_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < seq->n; i++) {
		const pd_yin *cn = seq->kids[i];
		if (!only_keys(c, cn, "a contact", contact_keys))
			return false;
		pd_contact ct = { .partner_id = pid };
		char created[PD_TIME_LEN], updated[PD_TIME_LEN];
		bool ok = get_dup(c, cn, "name", &ct.name) && get_dup(c, cn, "title", &ct.title)
		          && get_dup(c, cn, "email", &ct.email) && get_dup(c, cn, "phone", &ct.phone)
		          && get_dup(c, cn, "channel", &ct.channel) && get_notes(c, cn, "notes", &ct.notes)
		          && get_time(c, cn, "created", created) && get_time(c, cn, "updated", updated)
		          && get_uid(c, cn, ct.uid);
		if (ok && !ct.name)
			ok = fail_at(c, cn, "a contact needs a name");
		/* The channel goes in verbatim after the insert: one the config no
		 * longer lists is still the contact's (restore.h). */
		char *channel = ct.channel;
		ct.channel = NULL;
		pd_error e = { 0 };
		if (ok && !pd_contact_insert_kept(c->db, &ct, &e))
			ok = model_fail(c, cn, &e);
		if (ok && !pd_restore_channel(c->db, PD_RESTORE_CONTACT, ct.id, channel, &e))
			ok = model_fail(c, cn, &e);
		free(channel);
		if (ok && !pd_restore_stamps(c->db, PD_RESTORE_CONTACT, ct.id, created, updated, &e))
			ok = model_fail(c, cn, &e);
		if (ok && !ct.uid[0] && !pd_restore_uid_forget(c->db, PD_RESTORE_CONTACT, ct.id, &e))
			ok = model_fail(c, cn, &e);
		if (ok) {
			const char *nm;
			get_str(c, cn, "name", &nm);
			(*map)[*n_map].name = nm;
			(*map)[(*n_map)++].id = ct.id;
		}
		pd_contact_finish(&ct);
		if (!ok)
			return false;
	}
	return true;
}

/* The contact an interaction names: by contact_number (its place in the
 * partner's contacts list, which must hold that name) when the backup
 * gives one, else by name. Older backups give only the name; if several
 * contacts share it, the first is taken, with a warning. */
static bool find_contact(ctx *c, const pd_yin *in, const char *contact, const name_id *map,
	size_t n_map, int64_t *id)
{
	long number = 0;
	const pd_yin *nn = pd_yin_get(in, "contact_number");
	*id = 0;
	if (!get_int(c, in, "contact_number", 1, n_map ? (long)n_map : 1, &number))
		return false;
	if (number && !contact)
		return fail_at(c, nn, "\"contact_number\" needs \"contact\", the contact's name");
	if (!contact)
		return true;
	char q[64];
	if (number) {
		if (number > (long)n_map || strcmp(map[number - 1].name, contact) != 0)
			return fail_at(c, nn, "contact %ld of this partner is not \"%s\"", number,
				pd_utf8_fit(q, sizeof q, contact, 60));
		*id = map[number - 1].id;
		return true;
	}
	size_t same = 0;
	for (size_t k = 0; k < n_map; k++)
		if (strcmp(map[k].name, contact) == 0 && !same++)
			*id = map[k].id;
	if (!same)
		return fail_at(c, pd_yin_get(in, "contact"),
			"no contact \"%s\" among this partner's contacts", pd_utf8_fit(q, sizeof q, contact, 60));
	if (same > 1) {
		const pd_yin *cn = pd_yin_get(in, "contact");
		c->st->warnings++;
		pd_import_report(c->o, c->o->err, "%s:%lu:%lu: %zu contacts are called \"%s\" and "
			"no contact_number says which; the first is taken", c->file, cn->line, cn->column,
			same, pd_utf8_fit(q, sizeof q, contact, 60));
	}
	return true;
}

static bool restore_interactions(ctx *c, const pd_yin *pn, int64_t pid, const name_id *map, size_t n_map)
{
	const pd_yin *seq;
	if (!get_seq(c, pn, "interactions", &seq))
		return false;
	for (size_t i = 0; seq && i < seq->n; i++) {
		const pd_yin *in = seq->kids[i];
		if (!only_keys(c, in, "an interaction", interaction_keys))
			return false;
		pd_interaction it = { .partner_id = pid };
		char created[PD_TIME_LEN], updated[PD_TIME_LEN];
		const char *contact = NULL, *done = NULL;
		bool ok = get_time(c, in, "at", it.at) && get_dup(c, in, "channel", &it.channel)
		          && get_dup(c, in, "by", &it.by) && get_str(c, in, "contact", &contact)
		          && get_dup(c, in, "removed_contact", &it.removed_contact)
		          && get_notes(c, in, "text", &it.text) && get_date(c, in, "follow_up", it.follow_up)
		          && get_str(c, in, "done", &done) && get_time(c, in, "created", created)
		          && get_time(c, in, "updated", updated) && get_uid(c, in, it.uid);
		if (ok && !it.at[0])
			ok = fail_at(c, in, "an interaction needs \"at\", the time it happened");
		if (ok && done) {
			if (strcmp(done, "true") == 0)
				it.done = true;
			else if (strcmp(done, "false") != 0)
				ok = fail_at(c, pd_yin_get(in, "done"), "\"done\" should be true or false");
		}
		/* An empty removed_contact names no one (the model stores it
		 * as none), so it is no second name beside contact. */
		if (ok && contact && !pd_blank(it.removed_contact))
			ok = fail_at(c, pd_yin_get(in, "removed_contact"), "an interaction names either "
				"\"contact\" (one of this partner's contacts) or \"removed_contact\" (a person "
				"since removed), not both");
		if (ok)
			ok = find_contact(c, in, contact, map, n_map, &it.contact_id);
		char *channel = it.channel;   /* verbatim after the insert, as for contacts */
		it.channel = NULL;
		pd_error e = { 0 };
		if (ok && !pd_interaction_insert(c->db, &it, &e))
			ok = model_fail(c, in, &e);
		if (ok && !pd_restore_channel(c->db, PD_RESTORE_INTERACTION, it.id, channel, &e))
			ok = model_fail(c, in, &e);
		free(channel);
		if (ok && !pd_restore_stamps(c->db, PD_RESTORE_INTERACTION, it.id, created, updated, &e))
			ok = model_fail(c, in, &e);
		if (ok && !it.uid[0] && !pd_restore_uid_forget(c->db, PD_RESTORE_INTERACTION, it.id, &e))
			ok = model_fail(c, in, &e);
		pd_interaction_finish(&it);
		if (!ok)
			return false;
	}
	return true;
}

static bool restore_history(ctx *c, const pd_yin *pn, int64_t pid)
{
	const pd_yin *seq;
	if (!get_seq(c, pn, "history", &seq))
		return false;
	if (!seq)
		return true;   /* keep the row the insert wrote */
	pd_error e = { 0 };
	if (!pd_restore_history_clear(c->db, pid, &e))
		return model_fail(c, seq, &e);
	for (size_t i = 0; i < seq->n; i++) {
		const pd_yin *mn = seq->kids[i];
		if (!only_keys(c, mn, "a history entry", move_keys))
			return false;
		pd_move m = { .partner_id = pid };
		bool ok = get_time(c, mn, "at", m.at) && get_dup(c, mn, "from", &m.from)
		          && get_dup(c, mn, "to", &m.to) && get_dup(c, mn, "by", &m.by)
		          && get_dup(c, mn, "reason", &m.reason) && get_date(c, mn, "review_date", m.review_date)
		          && get_dup(c, mn, "approved_by", &m.approved_by);
		if (ok && (!m.to || !m.at[0]))
			ok = fail_at(c, mn, "a history entry needs \"at\" and \"to\"");
		if (ok && !pd_history_insert_raw(c->db, &m, &e))
			ok = model_fail(c, mn, &e);
		free(m.from);
		free(m.to);
		free(m.by);
		free(m.reason);
		free(m.approved_by);
		if (!ok)
			return false;
	}
	return true;
}

static bool restore_agreements(ctx *c, const pd_yin *pn, int64_t pid)
{
	const pd_yin *seq;
	if (!get_seq(c, pn, "agreements", &seq))
		return false;
	for (size_t i = 0; seq && i < seq->n; i++) {
		const pd_yin *an = seq->kids[i];
		if (!only_keys(c, an, "an agreement", agreement_keys))
			return false;
		pd_agreement a = { .partner_id = pid };
		char created[PD_TIME_LEN], updated[PD_TIME_LEN];
		const pd_yin *offers = NULL;
		bool ok = get_dup(c, an, "stage", &a.stage) && get_dup(c, an, "title", &a.title)
		          && get_date(c, an, "start_date", a.start_date) && get_date(c, an, "end_date", a.end_date)
		          && get_date(c, an, "review_date", a.review_date)
		          && get_dup(c, an, "approved_by", &a.approved_by) && get_notes(c, an, "notes", &a.notes)
		          && get_seq(c, an, "offers", &offers) && get_time(c, an, "created", created)
		          && get_time(c, an, "updated", updated);
		for (size_t k = 0; ok && offers && k < offers->n; k++) {
			const pd_yin *on = offers->kids[k];
			const char *side, *item, *note;
			ok = only_keys(c, on, "an offer", offer_keys) && get_str(c, on, "side", &side)
			     && get_str(c, on, "item", &item) && get_str(c, on, "note", &note);
			if (ok && (!side || !item))
				ok = fail_at(c, on, "an offer needs \"side\" and \"item\"");
			if (ok && !pd_agreement_add_offer(&a, side, item, note))
				ok = pd_error_set(c->err, PD_ERR_NOMEM, "out of memory");
		}
		/* The stage verbatim after the insert, which knows only configured ones. */
		char *stage = a.stage;
		a.stage = NULL;
		pd_error e = { 0 };
		if (ok && !pd_agreement_insert(c->db, &a, &e))
			ok = model_fail(c, an, &e);
		if (ok && !pd_restore_agreement_stage(c->db, a.id, stage, &e))
			ok = model_fail(c, an, &e);
		free(stage);
		if (ok && !pd_restore_stamps(c->db, PD_RESTORE_AGREEMENT, a.id, created, updated, &e))
			ok = model_fail(c, an, &e);
		pd_agreement_finish(&a);
		if (!ok)
			return false;
	}
	return true;
}

static bool restore_fit_goals(ctx *c, const pd_yin *pn, int64_t pid)
{
	const pd_yin *seq;
	pd_error e = { 0 };
	if (!get_seq(c, pn, "fit", &seq))
		return false;
	for (size_t i = 0; seq && i < seq->n; i++) {
		const pd_yin *fn = seq->kids[i];
		const char *crit, *note;
		long score = -1;
		if (!only_keys(c, fn, "a fit score", fit_keys) || !get_str(c, fn, "criterion", &crit)
		    || !get_int(c, fn, "score", 0, 3, &score) || !get_str(c, fn, "note", &note))
			return false;
		if (!crit || score < 0)
			return fail_at(c, fn, "a fit score needs \"criterion\" and \"score\"");
		/* Two scores for one criterion: which one is meant can't be told,
		 * as with a key given twice. */
		for (size_t j = 0; j < i; j++) {
			const pd_yin *earlier = pd_yin_get(seq->kids[j], "criterion");
			char q[64];
			if (earlier && earlier->type == PD_YIN_SCALAR && strcmp(earlier->text, crit) == 0)
				return fail_at(c, pd_yin_get(fn, "criterion"),
					"fit criterion \"%s\" appears twice in a partner (also at line %lu)",
					pd_utf8_fit(q, sizeof q, crit, 60), earlier->line);
		}
		if (!pd_restore_fit(c->db, pid, crit, (int)score, note, &e))
			return model_fail(c, fn, &e);
	}
	if (!get_seq(c, pn, "goals", &seq))
		return false;
	for (size_t i = 0; seq && i < seq->n; i++) {
		const pd_yin *gn = seq->kids[i];
		const char *goal, *note;
		if (!only_keys(c, gn, "a goal", goal_keys) || !get_str(c, gn, "goal", &goal)
		    || !get_str(c, gn, "note", &note))
			return false;
		if (!goal)
			return fail_at(c, gn, "a goal needs \"goal\"");
		if (!pd_restore_goal(c->db, pid, goal, note, &e))
			return model_fail(c, gn, &e);
	}
	return true;
}

static bool restore_partner(ctx *c, const pd_yin *pn, pd_import_stats *st)
{
	if (!only_keys(c, pn, "a partner", partner_keys))
		return false;
	pd_partner *p = pd_partner_create();
	if (!p)
		return pd_error_set(c->err, PD_ERR_NOMEM, "out of memory");
	char created[PD_TIME_LEN], updated[PD_TIME_LEN], review[PD_DATE_LEN];
	long fiscal = 0;
	name_id *map = NULL;
	size_t n_map = 0;
	bool ok = get_dup(c, pn, "name", &p->name) && get_dup(c, pn, "kind", &p->kind)
	          && get_dup(c, pn, "scale", &p->scale) && get_dup(c, pn, "stage", &p->stage)
	          && get_date(c, pn, "review_date", review) && get_dup(c, pn, "owner", &p->owner)
	          && get_dup(c, pn, "website", &p->website) && get_dup(c, pn, "phone", &p->phone)
	          && get_dup(c, pn, "email", &p->email) && get_dup(c, pn, "address", &p->address)
	          && get_int(c, pn, "fiscal_month", 0, 12, &fiscal)
	          && get_dup(c, pn, "mission", &p->mission) && get_dup(c, pn, "position", &p->position)
	          && get_dup(c, pn, "directions", &p->directions)
	          && get_list(c, pn, "tags", &p->tags) && get_list(c, pn, "audiences", &p->audiences)
	          && get_list(c, pn, "branches", &p->branches) && get_notes(c, pn, "notes", &p->notes)
	          && get_time(c, pn, "created", created) && get_time(c, pn, "updated", updated)
	          && get_uid(c, pn, p->uid);
	if (ok && (!p->name || pd_trim(p->name)[0] == '\0'))
		ok = fail_at(c, pn, "a partner needs a name");
	p->fiscal_month = (int)fiscal;
	memcpy(p->review_date, review, sizeof review);
	pd_error e = { 0 };
	/* Only partners that were there before the restore are duplicates:
	 * two of one name in the backup are two partners. */
	if (ok && c->o->on_duplicate != PD_DUP_NEW && !c->was_empty) {
		int64_t ids[1];
		if (pd_partner_find_same_name(c->db, p->name, ids, 1, &e) > 0 && ids[0] <= c->max_before) {
			st->skipped++;
			/* Named as CSV and vCard rows are: stderr, or the plan in a dry run. */
			pd_import_skip_known(c->o, false,
				"%s:%lu: skip \"%s\": partner #%lld has that name", c->file, pn->line,
				p->name, (long long)ids[0]);
			pd_partner_destroy(p);
			return true;
		}
		if (e.code != PD_OK)
			ok = model_fail(c, pn, &e);
	}
	/* A stage the config no longer lists is still the partner's: the
	 * insert starts at the first stage, and the restore sets the real one. */
	char *stage = NULL;
	if (ok && p->stage && !(stage = strdup(p->stage)))
		ok = pd_error_set(c->err, PD_ERR_NOMEM, "out of memory");
	if (ok && stage && !pd_rules_stage(pd_db_rules(c->db), stage)) {
		const pd_yin *sn = pd_yin_get(pn, "stage");
		st->warnings++;
		pd_import_report(c->o, c->o->err, "%s:%lu:%lu: \"%s\" is in stage \"%s\", which the "
			"config does not list; kept as it is", c->file, sn->line, sn->column, p->name, stage);
		free(p->stage);
		p->stage = NULL;
	}
	if (ok && !pd_partner_insert_kept(c->db, p, &e))
		ok = model_fail(c, pn, &e);
	if (ok && !pd_restore_partner_stage(c->db, p->id, stage ? stage : p->stage, review, &e))
		ok = model_fail(c, pn, &e);
	free(stage);
	ok = ok && restore_contacts(c, pn, p->id, &map, &n_map)
	     && restore_interactions(c, pn, p->id, map, n_map)
	     && restore_history(c, pn, p->id) && restore_agreements(c, pn, p->id)
	     && restore_fit_goals(c, pn, p->id);
	/* Last: the writes above touch the partner's row. */
	if (ok && !pd_restore_stamps(c->db, PD_RESTORE_PARTNER, p->id, created, updated, &e))
		ok = model_fail(c, pn, &e);
	if (ok && !p->uid[0] && !pd_restore_uid_forget(c->db, PD_RESTORE_PARTNER, p->id, &e))
		ok = model_fail(c, pn, &e);
	if (ok) {
		st->added++;
		st->contacts += (long)n_map;
		if (c->o->dry_run)
			pd_import_report(c->o, c->o->out, "%s:%lu: add \"%s\"", c->file, pn->line, p->name);
	}
	free(map);
	pd_partner_destroy(p);
	return ok;
}

bool pd_backup_import(pd_db *db, const char *data, size_t len, const pd_import_opts *o,
	pd_import_stats *st, pd_error *err)
{
	const char *file = o->name ? o->name : "backup";
	if (o->on_duplicate == PD_DUP_MERGE)
		return pd_error_set(err, PD_ERR_INVALID,
			"%s: --on-duplicate merge is for spreadsheets and vCards; a backup is restored "
			"with skip or new", file);
	pd_yin_marks marks;
	pd_yin *root = pd_yaml_read(file, data, len, &marks, err);
	if (!root)
		return false;
	/* A backup that opens with "---" closes with "..." (backup_out.c);
	 * without it the file was cut short at a line's end, which still
	 * parses: restoring it would drop the rest without a word. Files from
	 * before the marks have neither, and restore as they did. */
	if (marks.start && !marks.end) {
		pd_yin_destroy(root);
		return pd_error_set(err, PD_ERR_INVALID, "%s: the backup stops before its last line "
			"(\"...\"): the file was cut short (a full disk, or a copy or download that "
			"did not finish); nothing was restored. Restore a whole copy", file);
	}
	ctx c = { .db = db, .o = o, .file = file, .err = err, .st = st };
	pd_partner_query q = { .sort = PD_SORT_NAME };
	pd_partner_rows rows = { 0 };
	if (!pd_partner_query_run(db, &q, &rows, err)) {
		pd_yin_destroy(root);
		return false;
	}
	c.was_empty = rows.n == 0;
	for (size_t i = 0; i < rows.n; i++)
		if (rows.v[i].id > c.max_before)
			c.max_before = rows.v[i].id;
	pd_partner_rows_finish(&rows);
	static const char *const top_keys[] = { "partnerdesk-backup", "partners", NULL };
	long version = 0;
	const pd_yin *partners = NULL;
	bool ok = only_keys(&c, root, "a partnerdesk backup", top_keys)
	          && get_int(&c, root, "partnerdesk-backup", 0, 1000000, &version);
	if (ok && version == 0)
		ok = fail_at(&c, root, "not a partnerdesk backup (no \"partnerdesk-backup:\" line)");
	if (ok && version > PD_BACKUP_FORMAT_VERSION)
		ok = fail_at(&c, root, "backup format %ld is newer than this partnerdesk reads (%d)",
			version, PD_BACKUP_FORMAT_VERSION);
	if (ok)
		ok = get_seq(&c, root, "partners", &partners);
	pd_progress prog;
	pd_progress_init(&prog, o->progress, "importing", partners ? (long)partners->n : 0, false);
	/* The backup carries no audit trail: the restore's own entries say
	 * where the rows came from, not only who ran it. */
	char source[300];
	snprintf(source, sizeof source, "restore of %s", file);
	pd_audit_set_source(db, source);
	for (size_t i = 0; ok && partners && i < partners->n; i++) {
		ok = restore_partner(&c, partners->kids[i], st);
		pd_progress_step(&prog, (long)i + 1);
		pd_import_at_row(o, (long)i + 1);
	}
	pd_audit_set_source(db, NULL);
	pd_progress_finish(&prog);
	pd_error e = { 0 };
	if (ok && !pd_restore_derive_uids(db, &e))
		ok = pd_error_set(err, e.code, "%s: %s", file, e.msg);
	pd_yin_destroy(root);
	return ok;
}
