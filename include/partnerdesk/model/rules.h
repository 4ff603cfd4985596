/* The configurable domain rules as plain structs: stages and transitions,
 * kinds, audiences, channels, fit criteria, outreach keywords. The config
 * layer fills them from YAML; the model enforces them. No YAML, no SQL here. */
#ifndef PARTNERDESK_MODEL_RULES_H
#define PARTNERDESK_MODEL_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/strv.h"

/* What a transition demands of the person making the move. */
enum {
	PD_REQ_REASON   = 1u << 0,  /* a non-empty reason */
	PD_REQ_REVIEW   = 1u << 1,  /* a review date (defaulted from review_days) */
	PD_REQ_APPROVAL = 1u << 2,  /* the name of whoever approved it */
};

typedef struct pd_stage {
	char *name;         /* key stored in the database: "glance" */
	char *label;        /* shown to people: "Glance" */
	char *description;
	char *color;        /* curses colour name, may be NULL */
	int review_days;    /* > 0: entering this stage sets a review date */
	bool closed;        /* an end state (dissolved): not counted as active */
} pd_stage;

typedef struct pd_transition {
	char *from;          /* stage name, or "*" for any */
	char *to;            /* stage name */
	unsigned requires;   /* PD_REQ_* bits */
} pd_transition;

typedef struct pd_criterion {
	char *key;           /* "mission", stored with each score */
	char *question;      /* the question a person answers */
} pd_criterion;

typedef struct pd_rules {
	pd_stage *stages;            /* in pipeline order; the first is where new partners start */
	size_t n_stages;
	pd_transition *transitions;
	size_t n_transitions;
	pd_strv kinds;               /* museum, school, ... */
	pd_strv audiences;           /* teens, families, ... */
	pd_strv channels;            /* phone, email, visit, meeting, event, other */
	pd_strv goals;               /* reach new users, ... */
	pd_strv library_offers;      /* space, an audience, ... */
	pd_criterion *criteria;      /* the fit questions */
	size_t n_criteria;
	pd_strv outreach_keywords;   /* education, outreach, public programs, ... */
	int stale_days;              /* no contact for this long: flagged */
} pd_rules;

/* Built-in defaults (the Williamsburg model and the lists of DESIGN.md), so
 * the model works, and tests run, with no config file at all. The config
 * layer starts from these and overlays what a file sets. */
bool pd_rules_init_defaults(pd_rules *r);
void pd_rules_finish(pd_rules *r);     /* frees contents; struct reusable */
bool pd_rules_copy(pd_rules *dst, const pd_rules *src);

const pd_stage *pd_rules_stage(const pd_rules *r, const char *name);   /* case-insensitive; NULL if none */
long pd_rules_stage_index(const pd_rules *r, const char *name);        /* -1 if none */
/* The stage a step along the pipeline from `from` reaches (dir +1 the
 * next, -1 the previous), passing over end states (dissolved), which are
 * no step: its index, else PD_STEP_UNLISTED when the config lists no
 * stage `from`, or PD_STEP_NONE at either end; then *end (may be NULL)
 * the first end state after `from`, when dir is +1 and there is one. */
enum { PD_STEP_UNLISTED = -1, PD_STEP_NONE = -2 };
long pd_rules_step(const pd_rules *r, const char *from, int dir, const pd_stage **end);
/* The transition from -> to, or NULL when the move is not allowed. An
 * exact rule wins over a "*" rule. */
const pd_transition *pd_rules_transition(const pd_rules *r, const char *from, const char *to);
/* Whether a partner at `from` may move to the listed stage `to`, and what
 * the move requires (PD_REQ_* into *requires): the transition's rule; or,
 * for a partner left in a stage the rules no longer list (the config
 * changed after it got there) and no rule for it, a way out to any listed
 * stage that needs a reason and whatever any rule into `to` needs. */
bool pd_rules_move_allowed(const pd_rules *r, const char *from, const char *to, unsigned *requires);
/* Whether an agreement can be made for the listed stage: any stage but the
 * first (where every partner starts, before anything is agreed) and the
 * closed ones (the partnership has ended). The default pipeline's date,
 * engagement and marriage. False for a stage the rules do not list. */
bool pd_rules_stage_takes_agreement(const pd_rules *r, const char *stage);
/* Whether any allowed move into `stage` needs an approval (PD_REQ_APPROVAL):
 * then so does an agreement made for it (a marriage's). */
bool pd_rules_stage_needs_approval(const pd_rules *r, const char *stage);
/* Whether the move from -> to sets a review date: it requires one, or `to`
 * has a review period. A move that does not keeps no review date. */
bool pd_rules_move_reviewed(const pd_rules *r, const char *from, const char *to);
/* True when a contact's title holds an outreach keyword (case-insensitive). */
bool pd_rules_is_outreach_title(const pd_rules *r, const char *title);

#endif
