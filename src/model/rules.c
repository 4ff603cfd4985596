/* The domain rules as plain data: the built-in Williamsburg defaults, deep
 * copies for the config layer, and the lookups the model enforces. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/text.h"

static const struct {
	const char *name, *label, *description, *color;
	int review_days;
	bool closed;
} default_stages[] = {
	{"glance", "Glance", "Any overture or contact between the library and a community group", "cyan", 0, false},
	{"date", "Date", "A short-term activity or commitment together", "yellow", 0, false},
	{"engagement", "Engagement", "An experimental phase working toward a marriage; reviewed by a date, "
		"then it becomes a marriage, dissolves, or downsizes to a date", "magenta", 90, false},
	{"marriage", "Marriage", "A formal long-term agreement: shared work, risk and results; "
		"needs management approval", "green", 0, false},
	{"dissolved", "Dissolved", "The partnership has ended", "red", 0, true},
};

static const struct {
	const char *from, *to;
	unsigned requires;
} default_transitions[] = {
	{"glance", "date", PD_REQ_REASON},
	{"glance", "dissolved", 0},
	{"date", "engagement", PD_REQ_REASON | PD_REQ_REVIEW},
	{"date", "glance", 0},
	{"date", "dissolved", PD_REQ_REASON},
	{"engagement", "marriage", PD_REQ_REASON | PD_REQ_APPROVAL},
	{"engagement", "date", PD_REQ_REASON},          /* downsizes */
	{"engagement", "dissolved", PD_REQ_REASON},
	{"marriage", "engagement", PD_REQ_REASON | PD_REQ_REVIEW},
	{"marriage", "dissolved", PD_REQ_REASON},
	{"dissolved", "glance", PD_REQ_REASON},         /* renewing contact */
};

static const char *const default_kinds[] = {
	"museum", "science center", "archive", "botanical garden", "zoo",
	"arts organisation", "school", "college", "nonprofit", "business",
	"civic group", "government agency", "public broadcaster", "library", "other",
};

static const char *const default_audiences[] = {
	"children", "teens", "families", "adults", "seniors", "English learners",
	"rural", "job seekers", "new residents", "people with disabilities", "educators",
};

static const char *const default_channels[] = {
	"phone", "email", "visit", "meeting", "event", "other",
};

static const char *const default_goals[] = {
	"reach new users", "reach current patrons in a new way", "tap community assets",
	"gain support", "gain feedback", "create new resources",
};

static const char *const default_offers[] = {
	"space", "an audience", "resources", "programming and expertise",
	"promotion and outreach", "service and volunteer opportunities",
};

static const struct {
	const char *key, *question;
} default_criteria[] = {
	{"mission", "Does their mission overlap ours?"},
	{"position", "What is their position in the community?"},
	{"groups", "Which groups do they serve?"},
	{"resources", "What resources and strengths do they bring?"},
	{"directions", "Do their strategic directions fit ours?"},
	{"leaders", "Who are their leaders, and do we know them?"},
	{"timing", "Is the timing right for both of us?"},
	{"culture", "Do our cultures fit?"},
	{"cycle", "Does their planning and budget cycle fit ours?"},
	{"unique", "What unique opportunity does this partnership offer?"},
};

static const char *const default_keywords[] = {
	"education", "outreach", "public programs", "community", "youth",
	"engagement", "learning",
};

#define COUNT(a) (sizeof (a) / sizeof *(a))

static bool push_all(pd_strv *sv, const char *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!pd_strv_push(sv, items[i]))
			return false;
	return true;
}

bool pd_rules_init_defaults(pd_rules *r)
{
	memset(r, 0, sizeof *r);
	r->stages = calloc(COUNT(default_stages), sizeof *r->stages);
	r->transitions = calloc(COUNT(default_transitions), sizeof *r->transitions);
	r->criteria = calloc(COUNT(default_criteria), sizeof *r->criteria);
	if (!r->stages || !r->transitions || !r->criteria)
		goto fail;
	for (size_t i = 0; i < COUNT(default_stages); i++) {
		pd_stage *s = &r->stages[r->n_stages++];
		s->name = pd_strdup(default_stages[i].name);
		s->label = pd_strdup(default_stages[i].label);
		s->description = pd_strdup(default_stages[i].description);
		s->color = pd_strdup(default_stages[i].color);
		s->review_days = default_stages[i].review_days;
		s->closed = default_stages[i].closed;
		if (!s->name || !s->label || !s->description || !s->color)
			goto fail;
	}
	for (size_t i = 0; i < COUNT(default_transitions); i++) {
		pd_transition *t = &r->transitions[r->n_transitions++];
		t->from = pd_strdup(default_transitions[i].from);
		t->to = pd_strdup(default_transitions[i].to);
		t->requires = default_transitions[i].requires;
		if (!t->from || !t->to)
			goto fail;
	}
	for (size_t i = 0; i < COUNT(default_criteria); i++) {
		pd_criterion *c = &r->criteria[r->n_criteria++];
		c->key = pd_strdup(default_criteria[i].key);
		c->question = pd_strdup(default_criteria[i].question);
		if (!c->key || !c->question)
			goto fail;
	}
	if (!push_all(&r->kinds, default_kinds, COUNT(default_kinds)) ||
	    !push_all(&r->audiences, default_audiences, COUNT(default_audiences)) ||
	    !push_all(&r->channels, default_channels, COUNT(default_channels)) ||
	    !push_all(&r->goals, default_goals, COUNT(default_goals)) ||
	    !push_all(&r->library_offers, default_offers, COUNT(default_offers)) ||
	    !push_all(&r->outreach_keywords, default_keywords, COUNT(default_keywords)))
		goto fail;
	r->stale_days = 90;
	return true;
fail:
	pd_rules_finish(r);
	return false;
}

void pd_rules_finish(pd_rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_stages; i++) {
		free(r->stages[i].name);
		free(r->stages[i].label);
		free(r->stages[i].description);
		free(r->stages[i].color);
	}
	free(r->stages);
	for (size_t i = 0; i < r->n_transitions; i++) {
		free(r->transitions[i].from);
		free(r->transitions[i].to);
	}
	free(r->transitions);
	for (size_t i = 0; i < r->n_criteria; i++) {
		free(r->criteria[i].key);
		free(r->criteria[i].question);
	}
	free(r->criteria);
	pd_strv_clear(&r->kinds);
	pd_strv_clear(&r->audiences);
	pd_strv_clear(&r->channels);
	pd_strv_clear(&r->goals);
	pd_strv_clear(&r->library_offers);
	pd_strv_clear(&r->outreach_keywords);
	memset(r, 0, sizeof *r);
}

/* strdup that fails only when a non-NULL source could not be copied. */
static bool dup_into(char **dst, const char *src)
{
	*dst = pd_strdup(src);
	return !src || *dst;
}

bool pd_rules_copy(pd_rules *dst, const pd_rules *src)
{
	memset(dst, 0, sizeof *dst);
	if (src->n_stages && !(dst->stages = calloc(src->n_stages, sizeof *dst->stages)))
		goto fail;
	for (size_t i = 0; i < src->n_stages; i++) {
		const pd_stage *s = &src->stages[i];
		pd_stage *d = &dst->stages[dst->n_stages++];
		d->review_days = s->review_days;
		d->closed = s->closed;
		if (!dup_into(&d->name, s->name) || !dup_into(&d->label, s->label) ||
		    !dup_into(&d->description, s->description) || !dup_into(&d->color, s->color))
			goto fail;
	}
	if (src->n_transitions &&
	    !(dst->transitions = calloc(src->n_transitions, sizeof *dst->transitions)))
		goto fail;
	for (size_t i = 0; i < src->n_transitions; i++) {
		const pd_transition *s = &src->transitions[i];
		pd_transition *d = &dst->transitions[dst->n_transitions++];
		d->requires = s->requires;
		if (!dup_into(&d->from, s->from) || !dup_into(&d->to, s->to))
			goto fail;
	}
	if (src->n_criteria && !(dst->criteria = calloc(src->n_criteria, sizeof *dst->criteria)))
		goto fail;
	for (size_t i = 0; i < src->n_criteria; i++) {
		const pd_criterion *s = &src->criteria[i];
		pd_criterion *d = &dst->criteria[dst->n_criteria++];
		if (!dup_into(&d->key, s->key) || !dup_into(&d->question, s->question))
			goto fail;
	}
	if (!pd_strv_copy(&dst->kinds, &src->kinds) ||
	    !pd_strv_copy(&dst->audiences, &src->audiences) ||
	    !pd_strv_copy(&dst->channels, &src->channels) ||
	    !pd_strv_copy(&dst->goals, &src->goals) ||
	    !pd_strv_copy(&dst->library_offers, &src->library_offers) ||
	    !pd_strv_copy(&dst->outreach_keywords, &src->outreach_keywords))
		goto fail;
	dst->stale_days = src->stale_days;
	return true;
fail:
	pd_rules_finish(dst);
	return false;
}

const pd_stage *pd_rules_stage(const pd_rules *r, const char *name)
{
	long i = pd_rules_stage_index(r, name);
	return i < 0 ? NULL : &r->stages[i];
}

long pd_rules_stage_index(const pd_rules *r, const char *name)
{
	if (!r || !name)
		return -1;
	for (size_t i = 0; i < r->n_stages; i++)
		if (r->stages[i].name && pd_fold_cmp(r->stages[i].name, name) == 0)
			return (long)i;
	return -1;
}

long pd_rules_step(const pd_rules *r, const char *from, int dir, const pd_stage **end)
{
	if (end)
		*end = NULL;
	long i = pd_rules_stage_index(r, from);
	if (i < 0)
		return PD_STEP_UNLISTED;
	long j = i + dir;
	/* An end state (dissolved) is no step along the pipeline: it is
	 * named, for the caller to say how to get there. */
	while (j >= 0 && (size_t)j < r->n_stages && r->stages[j].closed)
		j += dir;
	if (j >= 0 && (size_t)j < r->n_stages)
		return j;
	for (size_t k = (size_t)i + 1; end && dir > 0 && k < r->n_stages && !*end; k++)
		if (r->stages[k].closed)
			*end = &r->stages[k];
	return PD_STEP_NONE;
}

const pd_transition *pd_rules_transition(const pd_rules *r, const char *from, const char *to)
{
	if (!r || !to)
		return NULL;
	const pd_transition *wild = NULL;
	for (size_t i = 0; i < r->n_transitions; i++) {
		const pd_transition *t = &r->transitions[i];
		if (!t->to || pd_fold_cmp(t->to, to) != 0 || !t->from)
			continue;
		if (from && pd_fold_cmp(t->from, from) == 0)
			return t;
		if (strcmp(t->from, "*") == 0 && !wild)
			wild = t;
	}
	return wild;
}

bool pd_rules_move_allowed(const pd_rules *r, const char *from, const char *to, unsigned *requires)
{
	*requires = 0;
	const pd_transition *t = pd_rules_transition(r, from, to);
	if (t) {
		*requires = t->requires;
		return true;
	}
	if (pd_rules_stage_index(r, from) >= 0 || pd_rules_stage_index(r, to) < 0)
		return false;
	/* Out of a stage nobody can move into any more: the rules into `to`
	 * still hold (approval before a marriage), and the history says why. */
	*requires = PD_REQ_REASON;
	for (size_t i = 0; i < r->n_transitions; i++)
		if (r->transitions[i].to && pd_fold_cmp(r->transitions[i].to, to) == 0)
			*requires |= r->transitions[i].requires;
	return true;
}

bool pd_rules_stage_takes_agreement(const pd_rules *r, const char *stage)
{
	long i = stage ? pd_rules_stage_index(r, stage) : -1;
	return i > 0 && !r->stages[i].closed;
}

bool pd_rules_stage_needs_approval(const pd_rules *r, const char *stage)
{
	for (size_t i = 0; stage && i < r->n_transitions; i++)
		if (r->transitions[i].to && pd_fold_cmp(r->transitions[i].to, stage) == 0 &&
		    (r->transitions[i].requires & PD_REQ_APPROVAL))
			return true;
	return false;
}

bool pd_rules_move_reviewed(const pd_rules *r, const char *from, const char *to)
{
	unsigned requires = 0;
	const pd_stage *st = pd_rules_stage(r, to);
	pd_rules_move_allowed(r, from, to, &requires);
	return (requires & PD_REQ_REVIEW) || (st && st->review_days > 0);
}

bool pd_rules_is_outreach_title(const pd_rules *r, const char *title)
{
	if (!r || !title || !*title)
		return false;
	char *ft = pd_fold(title);
	if (!ft)
		return false;
	bool found = false;
	for (size_t i = 0; i < r->outreach_keywords.n && !found; i++) {
		char *fk = pd_fold(r->outreach_keywords.v[i]);
		if (fk && *fk && strstr(ft, fk))
			found = true;
		free(fk);
	}
	free(ft);
	return found;
}
