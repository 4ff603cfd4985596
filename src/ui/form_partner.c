/* Adding and editing a partner. An edit remembers the version it was opened
 * on; when someone else saved first, the two edits are merged field by
 * field: a field only they changed takes theirs, one only I changed keeps
 * mine, and only fields both changed differently go to the conflict dialog
 * for the person to decide. Never a silent overwrite. */
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "form_merge.h"
#include "meanwhile.h"
#include "partnerdesk/model/branch.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/text.h"
#include "partnerdesk/ui/app.h"
#include "partnerdesk/ui/forms.h"
#include "partnerdesk/ui/keymap.h"
#include "views.h"

/* How a field is kept in pd_partner (pd_merge_field.type). */
enum { F_STR, F_LIST, F_CHOICE, F_DATE, F_MONTH };

/* The fields, their labels and where they live in pd_partner (off: of the
 * char *, pd_strv, char[PD_DATE_LEN] or int the type says). */
#define PF(k, l, kd, t, member) {.key = k, .label = l, .kind = kd, .type = t, .off = offsetof(pd_partner, member)}
static const pd_merge_field pfields[] = {
	PF("name", "Name", PD_FIELD_TEXT, F_STR, name),
	PF("kind", "Kind", PD_FIELD_CHOICE, F_CHOICE, kind),
	PF("scale", "Scale", PD_FIELD_CHOICE, F_CHOICE, scale),
	PF("stage", "Stage", PD_FIELD_CHOICE, F_CHOICE, stage),
	PF("owner", "Owner", PD_FIELD_TEXT, F_STR, owner),
	PF("website", "Website", PD_FIELD_TEXT, F_STR, website),
	PF("phone", "Phone", PD_FIELD_TEXT, F_STR, phone),
	PF("email", "Email", PD_FIELD_TEXT, F_STR, email),
	PF("address", "Address", PD_FIELD_TEXT, F_STR, address),
	PF("audiences", "Audiences", PD_FIELD_TEXT, F_LIST, audiences),
	PF("tags", "Tags", PD_FIELD_TEXT, F_LIST, tags),
	PF("branches", "Branches", PD_FIELD_TEXT, F_LIST, branches),
	/* The current stage's review date: the agenda lists the partner from
	 * then on; a new date (or none) settles a review without a stage move. */
	PF("review", "Review by", PD_FIELD_DATE, F_DATE, review_date),
	/* A month name or 1-12, as `edit --fiscal-month` takes it; shown as the name. */
	PF("fiscal", "Fiscal month", PD_FIELD_TEXT, F_MONTH, fiscal_month),
	PF("mission", "Mission", PD_FIELD_LONG, F_STR, mission),
	PF("position", "Position", PD_FIELD_LONG, F_STR, position),
	PF("directions", "Directions", PD_FIELD_LONG, F_STR, directions),
	PF("notes", "Notes", PD_FIELD_LONG, F_STR, notes),
};
#undef PF
#define N_PFIELDS (sizeof pfields / sizeof pfields[0])

#define NO_SCALE "(unknown)"
#define NO_KIND "(none)"

typedef struct partner_ctx {
	int64_t id;               /* 0: adding */
	pd_partner *base;         /* the row being edited; a save writes the form into it */
	pd_partner *theirs;       /* during a conflict: the row as it is now */
	char *orig[N_PFIELDS];    /* each field as the form opened it, for the merge */
	char merged[512];         /* what the last merge took from them, for the messages */
	char by[200];             /* who saved meanwhile ("ben at 07:58"), for the messages */
	char warned[600];         /* the warning the last C-s gave: the same again saves */
} partner_ctx;

static void partner_ctx_destroy(void *p)
{
	partner_ctx *c = p;
	if (!c)
		return;
	pd_partner_destroy(c->base);
	pd_partner_destroy(c->theirs);
	for (size_t i = 0; i < N_PFIELDS; i++)
		free(c->orig[i]);
	free(c);
}

static char **str_at(pd_partner *p, const pd_merge_field *pf)
{
	return (char **)(void *)((char *)p + pf->off);
}

static char *date_at(pd_partner *p, const pd_merge_field *pf)
{
	return (char *)p + pf->off;
}

static pd_strv *list_at(pd_partner *p, const pd_merge_field *pf)
{
	return (pd_strv *)(void *)((char *)p + pf->off);
}

static int *month_at(pd_partner *p, const pd_merge_field *pf)
{
	return (int *)(void *)((char *)p + pf->off);
}

static const char *const month_names[] = { "", "January", "February", "March", "April", "May",
	"June", "July", "August", "September", "October", "November", "December" };

/* A partner field as the form shows it (lists joined by ", "); allocated. */
static char *partner_text(pd_partner *p, const pd_merge_field *pf)
{
	if (!p)
		return pd_strdup("");
	if (pf->type == F_DATE)
		return pd_strdup(date_at(p, pf));
	if (pf->type == F_MONTH) {
		int m = *month_at(p, pf);
		return pd_strdup(m >= 1 && m <= 12 ? month_names[m] : "");
	}
	if (pf->type != F_LIST) {
		const char *s = *str_at(p, pf);
		return pd_strdup(s ? s : "");
	}
	const pd_strv *sv = list_at(p, pf);
	size_t len = 1;
	for (size_t i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + 2;
	char *out = malloc(len);
	if (!out)
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			strcat(out, ", ");
		strcat(out, sv->v[i]);
	}
	return out;
}

/* The spellings a list field's entries are stored in: the configured
 * audiences, or the branches the desk's partners name (into *desk,
 * cleared by the caller); NULL for tags, kept as typed. */
static const pd_strv *list_spellings(pd_db *db, const char *key, pd_strv *desk)
{
	const pd_rules *r = db ? pd_db_rules(db) : NULL;
	if (r && strcmp(key, "audiences") == 0)
		return &r->audiences;
	/* Unread, a branch stays as typed: the save says what went wrong. */
	if (db && strcmp(key, "branches") == 0 && pd_branches_list(db, desk, NULL))
		return desk;
	return NULL;
}

/* tok as list (list_spellings) spells it; allocated, NULL for as typed. */
static char *list_entry(const char *key, const pd_strv *list, const char *tok)
{
	bool known;
	if (!list)
		return NULL;
	return strcmp(key, "branches") == 0 ? pd_branch_as_spelled(list, tok, &known)
	       : pd_strv_as_listed(list, tok, &known);
}

/* The form's value for a field, as partner_text would show it. */
static char *form_text(pd_form *f, const pd_merge_field *pf)
{
	if (pf->type == F_DATE) {
		/* The date it resolves to ("+30d" is a day, not the text). */
		char d[PD_DATE_LEN] = "";
		const pd_field *fld = pd_form_field(f, pf->key);
		if (fld && !pd_field_date(fld, time(NULL), d))
			return pd_form_value(f, pf->key);
		return pd_strdup(d);
	}
	char *v = pd_form_value(f, pf->key);
	if (pf->type == F_MONTH) {
		/* The month it names ("jul", "7" are July); text that names none
		 * stays as typed for the save to refuse. */
		int m;
		if (!pd_month_parse(v ? v : "", &m))
			return v;
		free(v);
		return pd_strdup(m >= 1 && m <= 12 ? month_names[m] : "");
	}
	if (v && ((strcmp(pf->key, "scale") == 0 && strcmp(v, NO_SCALE) == 0)
	          || (strcmp(pf->key, "kind") == 0 && strcmp(v, NO_KIND) == 0))) {
		free(v);
		v = NULL;
	}
	if (!v)
		return pd_strdup("");
	if (pf->type == F_LIST) {
		/* normalise "a,b ,  c" to "a, b, c" so comparisons are fair; an
		 * audience as add stores it ("Teens" is the configured "teens"),
		 * a branch as the desk spells it ("north side" is "Northside") */
		pd_strv desk = {0};
		const pd_strv *list = list_spellings(pd_app_db(pd_form_app(f)), pf->key, &desk);
		pd_strv sv = {0};
		for (char *tok = strtok(v, ","); tok; tok = strtok(NULL, ","))
			if (*pd_trim(tok)) {
				char *as = list_entry(pf->key, list, tok);
				pd_strv_push(&sv, as ? as : tok);
				free(as);
			}
		/* "Westend, west end" typed together is one branch. */
		if (list && strcmp(pf->key, "branches") == 0)
			pd_branches_spell(list, &sv, NULL);
		pd_strv_clear(&desk);
		size_t len = 1;
		for (size_t i = 0; i < sv.n; i++)
			len += strlen(sv.v[i]) + 2;
		char *out = malloc(len);
		if (out) {
			out[0] = '\0';
			for (size_t i = 0; i < sv.n; i++) {
				if (i)
					strcat(out, ", ");
				strcat(out, sv.v[i]);
			}
		}
		pd_strv_clear(&sv);
		free(sv.v);
		free(v);
		return out;
	}
	return v;
}

/* Writes the form's fields into p (stage only when adding). */
static void form_to_partner(pd_form *f, pd_partner *p, bool adding)
{
	for (size_t i = 0; i < N_PFIELDS; i++) {
		const pd_merge_field *pf = &pfields[i];
		if ((strcmp(pf->key, "stage") == 0 && !adding) || !pd_form_field(f, pf->key))
			continue;
		char *v = form_text(f, pf);
		if (pf->type == F_MONTH) {
			/* The save checked the month first. */
			int m = 0;
			if (v && pd_month_parse(v, &m))
				*month_at(p, pf) = m;
			free(v);
			continue;
		}
		if (pf->type == F_DATE) {
			/* The form checked every date before the save. */
			snprintf(date_at(p, pf), PD_DATE_LEN, "%s", v && pd_date_valid(v) ? v : "");
			free(v);
			continue;
		}
		if (pf->type == F_LIST) {
			pd_strv *sv = list_at(p, pf);
			pd_strv_clear(sv);
			for (char *tok = strtok(v ? v : (char[]){""}, ","); tok; tok = strtok(NULL, ","))
				if (*pd_trim(tok))
					pd_strv_push(sv, tok);
		} else {
			pd_set_str(str_at(p, pf), v && *v ? v : NULL);
		}
		free(v);
	}
}

/* Appends to out what the list field `key` has now, and had not when the
 * form opened, that `known` does not hold: an audience the config does
 * not list, a branch no partner has yet (naming the desk's). */
static void list_warnings(pd_form *f, partner_ctx *c, const char *key, const pd_strv *known,
                          char *out, size_t size)
{
	size_t fi = 0;
	while (fi < N_PFIELDS && strcmp(pfields[fi].key, key) != 0)
		fi++;
	if (fi == N_PFIELDS)
		return;
	bool branches = strcmp(key, "branches") == 0;
	/* Only entries typed now: one the partner had is no news. */
	pd_strv had = {0};
	char *was = pd_strdup(c->orig[fi] ? c->orig[fi] : "");
	for (char *tok = was ? strtok(was, ",") : NULL; tok; tok = strtok(NULL, ","))
		if (*pd_trim(tok))
			pd_strv_push(&had, pd_trim(tok));
	free(was);
	char *now = form_text(f, &pfields[fi]);
	for (char *tok = now ? strtok(now, ",") : NULL; tok; tok = strtok(NULL, ",")) {
		tok = pd_trim(tok);
		if (!*tok || pd_strv_find(known, tok) >= 0 || pd_strv_find(&had, tok) >= 0)
			continue;
		size_t len = strlen(out);
		if (len)
			pd_format(out + len, size - len, "; ");
		len = strlen(out);
		if (branches)
			pd_branch_new_note(known, tok, out + len, size - len);
		else
			pd_format(out + len, size - len, "'%s' is not a configured audience", tok);
	}
	free(now);
	pd_strv_clear(&had);
}

/* What a librarian should know before this is saved, as `import` and `add`
 * would say it: a partner of the same name (case and spacing aside) when
 * adding, audiences the config does not list, branches no partner has
 * yet. "" when nothing. */
static void save_warnings(pd_form *f, partner_ctx *c, const char *name, char *out, size_t size)
{
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	out[0] = '\0';
	if (!c->id) {
		int64_t ids[2];
		pd_error e = {0};
		size_t n = pd_partner_find_same_name(db, name, ids, 2, &e);
		pd_partner *other = n ? pd_partner_get(db, ids[0], &e) : NULL;
		if (other)
			snprintf(out, size, "same name as #%lld %s%s", (long long)ids[0],
			         other->name ? other->name : "", n > 1 ? " and more" : "");
		pd_partner_destroy(other);
	}
	const pd_rules *r = pd_db_rules(db);
	if (r && r->audiences.n)
		list_warnings(f, c, "audiences", &r->audiences, out, size);
	/* Read as the form spelled them; unread, nothing to say. */
	pd_strv desk = {0};
	if (pd_branches_list(db, &desk, NULL) && desk.n)
		list_warnings(f, c, "branches", &desk, out, size);
	pd_strv_clear(&desk);
}

static bool partner_save(pd_form *f, pd_error *err)
{
	partner_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_db *db = pd_app_db(app);
	char *name = pd_form_value(f, "name");
	if (!name) {
		pd_form_focus(f, "name");
		return pd_error_set(err, PD_ERR_INVALID, "a partner needs a name");
	}
	/* The model's rule, said here with the field focused; a name kept
	 * from before the rule is not the edit's to refuse. */
	char why[200];
	if (!pd_same_text(name, c->orig[0]) && !pd_name_fits(name, "partner's", why, sizeof why)) {
		pd_form_focus(f, "name");
		free(name);
		return pd_error_set(err, PD_ERR_INVALID, "Name: %s", why);
	}
	if (!pd_form_notes_fit(f, "notes", err)) {
		free(name);
		return false;
	}
	char *month = pd_form_value(f, "fiscal");
	int m;
	bool month_ok = !month || pd_month_parse(month, &m);
	if (!month_ok) {
		pd_form_focus(f, "fiscal");
		const char *one, *other;
		if (pd_month_clash(month, &one, &other))
			pd_error_set(err, PD_ERR_INVALID, "Fiscal month '%s' could be %s or %s: type more of the name, or 1-12",
			             month, one, other);
		else
			pd_error_set(err, PD_ERR_INVALID, "Fiscal month is a month's name or 1-12 (empty: unknown), not '%s'", month);
	}
	free(month);
	if (!month_ok) {
		free(name);
		return false;
	}
	/* In the form's order, so the first field to put right has the focus. */
	for (size_t i = 0; i < N_PFIELDS; i++) {
		const char *k = pfields[i].key;
		int what = strcmp(k, "website") == 0 ? PD_REACH_WEBSITE : strcmp(k, "phone") == 0
		           ? PD_REACH_PHONE : strcmp(k, "email") == 0 ? PD_REACH_EMAIL : -1;
		if (what >= 0 && !pd_form_reach_fit(f, k, (pd_reach)what, c->orig[i], err)) {
			free(name);
			return false;
		}
	}
	char warn[sizeof c->warned];
	save_warnings(f, c, name, warn, sizeof warn);
	free(name);
	if (warn[0] && strcmp(warn, c->warned) != 0) {
		/* Said once before anything is written; the same C-s again means
		 * "yes, this is what I want". */
		snprintf(c->warned, sizeof c->warned, "%s", warn);
		char key[32];
		pd_keymap_describe(pd_app_keymap(app), PD_ACT_SAVE, key, sizeof key);
		/* The way on first: at 80 columns a long name cuts the end. */
		return pd_error_set(err, PD_ERR_INVALID, "%s again %s: %s", key[0] ? key : "save",
		                    c->id ? "saves anyway" : "adds it anyway", warn);
	}
	bool ok;
	if (!c->id) {
		pd_partner *p = pd_partner_create();
		if (!p)
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		form_to_partner(f, p, true);
		ok = pd_partner_add(db, p, NULL, err);
		if (ok) {
			pd_app_status(app, "added %s at %s", p->name, p->stage ? pd_view_stage_label(app, p->stage) : "the first stage");
			/* The new partner is the one the next key is about. */
			pd_app_follow(app, p->id);
		}
		pd_partner_destroy(p);
		return ok;
	}
	form_to_partner(f, c->base, false);
	ok = pd_partner_update(db, c->base, err);
	/* Refused only for a review date typed at an end stage (moved there
	 * while the form was open, its version taken by the merge): the field
	 * to clear. A date left as read is the conflict, merged. */
	if (!ok && err && err->code == PD_ERR_REFUSED)
		pd_form_focus(f, "review");
	if (ok && c->merged[0])
		pd_app_status(app, "saved %s, %s (saved by %s meanwhile)", c->base->name, c->merged,
		              c->by[0] ? c->by : "someone else");
	else if (ok)
		pd_app_status(app, "saved %s", c->base->name);
	return ok;
}

/* Puts a value partner_text gave into the form ("" on a choice is its
 * "none" entry). */
static void set_field(pd_form *f, const pd_merge_field *pf, const char *v)
{
	if (pf->type == F_CHOICE && !*v)
		v = strcmp(pf->key, "scale") == 0 ? NO_SCALE : NO_KIND;
	pd_form_set_value(f, pf->key, v);
}

/* An edit form's title: the partner by its name. */
static void edit_title(const pd_partner *p, char *out, size_t size)
{
	snprintf(out, size, "Edit %s", p->name ? p->name : "partner");
}

/* From now on the form edits `theirs`: a save passes the version check
 * (unless someone saves yet again), and a later merge starts from it. */
static void rebase(pd_form *f, partner_ctx *c, pd_partner *theirs)
{
	for (size_t i = 0; i < N_PFIELDS; i++) {
		free(c->orig[i]);
		c->orig[i] = partner_text(theirs, &pfields[i]);
	}
	/* A colleague's rename the form took (merged in, or theirs chosen)
	 * retitles it; a name typed here that wins leaves the title be. */
	char *name = pd_form_value(f, "name");
	if (name && theirs->name && strcmp(name, theirs->name) == 0) {
		char title[512];
		edit_title(theirs, title, sizeof title);
		pd_form_set_title(f, title);
	}
	free(name);
	pd_partner_destroy(c->base);
	c->base = theirs;
	pd_form_draft_target(f, c->id, c->id, c->base->version);
}

/* The merge's sides: as the form opened (orig), theirs now, mine in the
 * form. An edit has no stage field (stages change only by a move, which
 * keeps history): mine reads none, and the stage is left out. */
static char *merge_base(pd_form *f, const pd_merge_field *pf)
{
	const partner_ctx *c = pd_form_ctx(f);
	const char *b = c->orig[pf - pfields];
	return pd_strdup(b ? b : "");
}

static char *merge_theirs(pd_form *f, const pd_merge_field *pf)
{
	return partner_text(((partner_ctx *)pd_form_ctx(f))->theirs, pf);
}

static char *merge_mine(pd_form *f, const pd_merge_field *pf)
{
	return pd_form_field(f, pf->key) ? form_text(f, pf) : NULL;
}

static void merge_rebase(pd_form *f)
{
	partner_ctx *c = pd_form_ctx(f);
	pd_partner *theirs = c->theirs;
	c->theirs = NULL;
	rebase(f, c, theirs);
}

static const pd_merge_ops partner_merge = {
	.fields = pfields,
	.n = N_PFIELDS,
	.base = merge_base,
	.theirs = merge_theirs,
	.mine = merge_mine,
	.take = set_field,
	.rebase = merge_rebase,
};

static void resolved(void *ctx, pd_conflict_choice choice)
{
	pd_form *f = ctx;
	partner_ctx *c = pd_form_ctx(f);
	if (!c->theirs) {
		char cancel[32];
		pd_keymap_first(pd_app_keymap(pd_form_app(f)), PD_ACT_CANCEL, cancel, sizeof cancel);
		pd_form_message(f, "the partner is gone; %s closes the form", cancel);
		return;
	}
	char kept[300];
	pd_format(kept, sizeof kept, "kept the version saved by %s; nothing of yours was left to save",
	          c->by[0] ? c->by : "someone else");
	pd_form_merge_resolved(f, &partner_merge, choice, c->merged, kept);
}

static void partner_conflict(pd_form *f)
{
	partner_ctx *c = pd_form_ctx(f);
	struct pd_app *app = pd_form_app(f);
	pd_error err = {0};
	pd_partner_destroy(c->theirs);
	c->theirs = pd_partner_get(pd_app_db(app), c->id, &err);
	/* The panes behind show what was saved meanwhile, and the dialog who. */
	pd_app_reload(app);
	if (!pd_ui_changed_by(app, "partner", c->id, NULL, c->by, sizeof c->by, NULL))
		snprintf(c->by, sizeof c->by, "someone else");
	if (!c->theirs) {
		/* Nothing is left to save to: say so, and the way out (Esc
		 * alone asks, and C-x answers it). */
		char cancel[32], name[120];
		pd_keymap_first(pd_app_keymap(app), PD_ACT_CANCEL, cancel, sizeof cancel);
		/* orig: the name as it was, not as the save wrote it into base */
		pd_utf8_fit(name, sizeof name, c->orig[0] && *c->orig[0] ? c->orig[0] : "this partner", 80);
		if (err.code == PD_ERR_NOTFOUND)
			pd_form_note(f, "someone else deleted %s meanwhile, so there is nothing to save this edit to; "
			             "%s, then C-x, closes the form", name, cancel[0] ? cancel : "cancel");
		else
			pd_form_message(f, "could not read %s as it is now: %s", name, err.msg);
		return;
	}
	char what[512];
	pd_format(what, sizeof what, "%s was changed by %s while you edited it",
	          c->theirs->name ? c->theirs->name : "This partner", c->by);
	pd_form_merge_conflict(f, &partner_merge, what, c->merged, sizeof c->merged, resolved);
}

static const pd_form_ops partner_ops = {
	.draft_name = "partner",
	.save = partner_save,
	.conflict = partner_conflict,
	.destroy_ctx = partner_ctx_destroy,
};

static pd_form *partner_build(struct pd_app *app, int64_t partner_id)
{
	pd_db *db = pd_app_db(app);
	const pd_rules *rules = db ? pd_db_rules(db) : NULL;
	partner_ctx *c = calloc(1, sizeof *c);
	if (!c || !rules) {
		free(c);
		return NULL;
	}
	c->id = partner_id;
	/* The screen may be behind: the panes catch up, and the form says so. */
	char since[PD_TIME_LEN] = "", by[200] = "";
	if (partner_id && pd_app_catch_up(app, since, sizeof since))
		pd_ui_changed_by(app, "partner", partner_id, since, by, sizeof by, NULL);
	if (partner_id) {
		pd_error err = {0};
		c->base = pd_partner_get(db, partner_id, &err);
		if (!c->base) {
			pd_app_status(app, "%s", err.msg);
			free(c);
			return NULL;
		}
	}
	char title[512];
	if (c->base)
		edit_title(c->base, title, sizeof title);
	else
		snprintf(title, sizeof title, "Add a partner");
	pd_form *f = pd_form_new(app, title, &partner_ops, c);
	if (!f) {
		partner_ctx_destroy(c);
		return NULL;
	}
	if (by[0])
		pd_form_note(f, "changed by %s since you looked; this is how it is now", by);
	pd_strv kinds = {0}, scales = {0}, stages = {0};
	const pd_stage *at = c->base ? pd_rules_stage(rules, c->base->stage) : NULL;
	pd_strv_push(&kinds, NO_KIND);
	for (size_t i = 0; i < rules->kinds.n; i++)
		pd_strv_push(&kinds, rules->kinds.v[i]);
	pd_strv_push(&scales, NO_SCALE);
	pd_strv_push(&scales, "macro");
	pd_strv_push(&scales, "micro");
	for (size_t i = 0; i < rules->n_stages; i++)
		pd_strv_push(&stages, rules->stages[i].name);
	for (size_t i = 0; i < N_PFIELDS; i++) {
		const pd_merge_field *pf = &pfields[i];
		if (strcmp(pf->key, "stage") == 0 && partner_id)
			continue;   /* stages change only by a move, which keeps history */
		if (pf->type == F_DATE && !partner_id)
			continue;   /* a new partner's review follows its stage's rule */
		if (pf->type == F_DATE && at && at->closed)
			continue;   /* an end stage has no review (the model refuses one) */
		if (!partner_id && (pf->type == F_MONTH || strcmp(pf->key, "position") == 0 ||
		                    strcmp(pf->key, "directions") == 0))
			continue;   /* the Add form stays one 80x24 screen of what is known on day one */
		char *v = partner_text(c->base, pf);
		c->orig[i] = pd_strdup(v);
		if (!c->base && strcmp(pf->key, "owner") == 0 && pd_db_user(db)) {
			/* whoever adds a partner usually holds the relationship */
			free(v);
			v = pd_strdup(pd_db_user(db));
		}
		if (pf->kind == PD_FIELD_CHOICE) {
			const pd_strv *list = pf->key[1] == 'i' ? &kinds : pf->key[1] == 'c' ? &scales : &stages;
			const char *def = v && *v ? v : list->n ? list->v[0] : NULL;
			pd_field *fld = pd_form_add_choice(f, pf->key, pf->label, list, def);
			for (size_t k = 0; fld && list == &stages && k < rules->n_stages; k++)
				pd_field_choice_show(fld, rules->stages[k].name, rules->stages[k].label);
		} else {
			pd_field *fld = pd_form_add(f, pf->kind, pf->key, pf->label, v);
			if (fld && pf->kind == PD_FIELD_LONG)
				fld->rows = 3;
		}
		free(v);
	}
	pd_strv_clear(&kinds);
	pd_strv_clear(&scales);
	pd_strv_clear(&stages);
	free(kinds.v);
	free(scales.v);
	free(stages.v);
	pd_form_focus(f, "name");
	pd_form_draft_target(f, partner_id, partner_id, c->base ? c->base->version : 0);
	return f;
}

pd_pane *pd_form_partner_create(struct pd_app *app, int64_t partner_id)
{
	return pd_form_pane(partner_build(app, partner_id));
}

pd_pane *pd_form_partner_edit_at(struct pd_app *app, int64_t partner_id, const char *field)
{
	pd_form *f = partner_build(app, partner_id);
	if (f && field)
		pd_form_focus(f, field);
	return pd_form_pane(f);
}

pd_pane *pd_form_partner_from_draft(struct pd_app *app, const pd_draft *d)
{
	pd_form *f = partner_build(app, d->target_id);
	if (!f)
		return NULL;
	pd_form_draft_adopt(f, d);
	partner_ctx *c = pd_form_ctx(f);
	/* The draft was typed over the version it was opened on: a save then
	 * meets anything saved since as a conflict. */
	if (c->base && d->target_version)
		c->base->version = d->target_version;
	return pd_form_pane(f);
}

/* A partner draft's value for field pf as partner_text shows the stored
 * one (the form's placeholders for none as "", a list as "a, b", a date
 * or month as it resolves), so that only a real difference is listed;
 * NULL when the draft holds no such field. */
static char *draft_text(pd_db *db, const char *payload, const pd_merge_field *pf)
{
	char *v = pd_payload_get(payload, pf->key);
	if (!v)
		return NULL;
	if ((strcmp(pf->key, "scale") == 0 && strcmp(v, NO_SCALE) == 0)
	    || (strcmp(pf->key, "kind") == 0 && strcmp(v, NO_KIND) == 0)) {
		v[0] = '\0';
	} else if (pf->type == F_DATE) {
		char d[PD_DATE_LEN];
		if (pd_date_parse(pd_trim(v), time(NULL), d, NULL)) {
			free(v);
			return pd_strdup(d);
		}
	} else if (pf->type == F_MONTH) {
		int m;
		if (pd_month_parse(pd_trim(v), &m) && m >= 1 && m <= 12) {
			free(v);
			return pd_strdup(month_names[m]);
		}
	} else if (pf->type == F_LIST) {
		pd_strv desk = {0};
		const pd_strv *list = list_spellings(db, pf->key, &desk);
		pd_strbuf b = {0};
		pd_strbuf_put(&b, "", 0);
		for (char *tok = strtok(v, ","); tok; tok = strtok(NULL, ","))
			if (*pd_trim(tok)) {
				char *as = list_entry(pf->key, list, tok);
				if (b.p && b.p[0])
					pd_strbuf_put(&b, ", ", 2);
				pd_strbuf_put(&b, as ? as : tok, strlen(as ? as : tok));
				free(as);
			}
		pd_strv_clear(&desk);
		free(v);
		if (b.failed) {
			free(b.p);
			return NULL;
		}
		return b.p;
	}
	return v;
}

bool pd_form_partner_preview(struct pd_app *app, const pd_draft *d, char *out, size_t size)
{
	pd_db *db = pd_app_db(app);
	const pd_rules *rules = db ? pd_db_rules(db) : NULL;
	pd_partner *base = d->target_id && db ? pd_partner_get(db, d->target_id, NULL) : NULL;
	if ((d->target_id && !base) || !rules) {
		pd_partner_destroy(base);
		return false;
	}
	pd_draft_field fields[N_PFIELDS];
	char *stored[N_PFIELDS] = {0}, *typed[N_PFIELDS] = {0};
	size_t n = 0;
	for (size_t i = 0; i < N_PFIELDS; i++) {
		const pd_merge_field *pf = &pfields[i];
		/* A new partner's name heads its line already. */
		if (!base && strcmp(pf->key, "name") == 0)
			continue;
		stored[i] = partner_text(base, pf);
		/* A new partner's defaults (the first stage, its adder as owner)
		 * are not what was typed. */
		if (!base && strcmp(pf->key, "stage") == 0 && rules->n_stages)
			pd_set_str(&stored[i], rules->stages[0].name);
		if (!base && strcmp(pf->key, "owner") == 0 && pd_db_user(db))
			pd_set_str(&stored[i], pd_db_user(db));
		typed[i] = draft_text(db, d->payload, pf);
		fields[n++] = (pd_draft_field){.label = pf->label, .stored = stored[i], .typed = typed[i]};
	}
	pd_draft_changes(fields, n, base != NULL, pd_locale_utf8() ? "\xe2\x86\x92" : NULL, out, size);
	for (size_t i = 0; i < N_PFIELDS; i++) {
		free(stored[i]);
		free(typed[i]);
	}
	pd_partner_destroy(base);
	return true;
}
