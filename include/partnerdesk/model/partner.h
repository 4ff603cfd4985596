/* Partners: the organisations the library works with. Create, read, update
 * with version checks, resolve what a person typed to one partner, and the
 * windowed, filtered list the interface and `list` show. */
#ifndef PARTNERDESK_MODEL_PARTNER_H
#define PARTNERDESK_MODEL_PARTNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/strv.h"
#include "partnerdesk/model/text.h"

typedef struct pd_partner {
	int64_t id;              /* 0 until created */
	char *name;
	char *kind;              /* one of rules.kinds (others accepted, warned by callers) */
	char *scale;             /* "macro" or "micro" (NULL: unknown) */
	char *stage;             /* set only through pd_partner_create / pd_stage_move */
	char *mission;           /* their mission and where it overlaps ours */
	char *position;          /* their position in the community */
	char *directions;        /* their strategic directions */
	int fiscal_month;        /* planning/budget year starts: 1-12, 0 unknown */
	char *website, *phone, *email, *address;
	char *owner;             /* staff member who holds the relationship */
	char *notes;
	char review_date[PD_DATE_LEN];  /* "" or when the current stage is reviewed */
	pd_strv tags, audiences, branches;
	int64_t version;         /* row version; an update must name the one it read */
	char created[PD_TIME_LEN], updated[PD_TIME_LEN];
	/* Filled on read; on insert "" makes a new one, and one another
	 * partner holds is replaced by a new one (a restore keeps its own). */
	char uid[PD_UID_LEN];
} pd_partner;

/* A partner's name holds PD_NAME_MAX characters (pd_name_fits, text.h). */
#define PD_PARTNER_NAME_MAX PD_NAME_MAX

pd_partner *pd_partner_create(void);          /* zeroed */
void pd_partner_destroy(pd_partner *p);        /* accepts NULL */

/* Inserts p (p->stage NULL means the first configured stage), records the
 * first stage-history row and an audit row; sets p->id, version, times.
 * A name longer than PD_PARTNER_NAME_MAX is refused (PD_ERR_INVALID). */
bool pd_partner_insert(pd_db *db, pd_partner *p, pd_error *err);
/* pd_partner_insert for a partner from a YAML backup: its name is not held
 * to PD_PARTNER_NAME_MAX, so a desk that kept a longer name from before
 * the limit restores whole and exports the same bytes again. */
bool pd_partner_insert_kept(pd_db *db, pd_partner *p, pd_error *err);
/* pd_partner_insert for a partner a person adds now (add, the add form):
 * at a stage that any move into needs an approval for (a marriage), it is
 * refused (PD_ERR_REFUSED, saying what is missing) unless approved_by
 * names who approved it, kept in the first stage-history row; never the
 * first stage, where every partner starts. Imports and
 * restores, which bring in records that already got there, use
 * pd_partner_insert and are not held to it. */
bool pd_partner_add(pd_db *db, pd_partner *p, const char *approved_by, pd_error *err);

/* Loads a partner with its tags, audiences and branches. */
pd_partner *pd_partner_get(pd_db *db, int64_t id, pd_error *err);

/* Writes every field of p except stage, if the row's version is still
 * p->version; otherwise PD_ERR_CONFLICT and nothing is written. On success
 * p->version and p->updated move on, unless p holds what is stored already:
 * then nothing is written (no new version, no audit row) and true is
 * returned with p->version unchanged. A new review date on a partner at
 * an end stage (closed: dissolved) is refused (PD_ERR_REFUSED, naming the
 * stage): no agenda or report would show it. Checked only when p->version
 * is the row's: a stale edit is the conflict, whatever its date. */
bool pd_partner_update(pd_db *db, pd_partner *p, pd_error *err);
/* The end stage (closed) that refuses `review` for a partner at `stage`
 * when it is a new date (not `stored`, which is kept); NULL when the date
 * may be kept. pd_partner_update refuses by it; an import leaves the date
 * out by it. */
const pd_stage *pd_partner_review_refused(const pd_rules *r, const char *stage, const char *stored,
	const char *review);

/* Deletes a partner and everything of theirs (the audit trail keeps the
 * record). Version-checked like update. */
bool pd_partner_delete(pd_db *db, int64_t id, int64_t version, pd_error *err);

/* What a person typed: an id, a case-insensitive full name, or a unique
 * prefix of a name. Ambiguous -> PD_ERR_AMBIGUOUS with the candidates
 * (id and name, up to 10) in the message. Returns the id, or 0 on error. */
int64_t pd_partner_resolve(pd_db *db, const char *text, pd_error *err);

/* Ids of partners whose folded, space-collapsed name equals name's
 * (duplicate detection for imports); returns count found, up to max. */
size_t pd_partner_find_same_name(pd_db *db, const char *name, int64_t *ids, size_t max, pd_error *err);

/* ---- the list: one row per partner, as list views and `list` show it ---- */

typedef enum pd_sort {
	PD_SORT_NAME = 0,
	PD_SORT_STAGE,        /* pipeline order, then name */
	PD_SORT_KIND,
	PD_SORT_LAST_CONTACT, /* most recent first; desc: never contacted, then oldest, first */
	PD_SORT_NEXT_FOLLOW_UP, /* earliest first, none last; desc reverses */
	PD_SORT_UPDATED,      /* most recently changed first; desc reverses */
	PD_SORT__COUNT
} pd_sort;

typedef struct pd_partner_query {
	const char *stage;    /* NULL: any */
	const char *kind;
	const char *tag;
	const char *scale;
	const char *text;     /* filter as you type: names, kinds, tags, contact
	                         names, interaction text; case-insensitive substring.
	                         Words separated by spaces must all match
	                         ("art museum" finds "Museum of Art"); a word
	                         of one or two letters matches names only
	                         (the trigram index cannot answer it, and the
	                         log text is too much to scan per keystroke). */
	pd_sort sort;
	bool desc;
	long offset;          /* windowed paging */
	long limit;           /* <= 0: no limit */
	int64_t exclude;      /* a partner left out (0: none): merge's picker
	                         does not offer the partner being merged */
	long count_limit;     /* pd_partner_query_count: > 0 stops counting at
	                         count_limit + 1, so a larger answer means "more
	                         than count_limit" (a one-letter filter matches
	                         nearly everything, and counting it all is a scan) */
} pd_partner_query;

typedef struct pd_partner_row {
	int64_t id;
	char *name, *kind, *stage, *scale, *owner;
	char last_contact[PD_TIME_LEN];     /* "" when never */
	char next_follow_up[PD_DATE_LEN];   /* earliest open follow-up, "" none */
	int64_t version;
	char created[PD_TIME_LEN];          /* when added: never contacted since
	                                       then counts as quiet since then */
} pd_partner_row;

typedef struct pd_partner_rows {
	pd_partner_row *v;
	size_t n;
} pd_partner_rows;

bool pd_partner_query_run(pd_db *db, const pd_partner_query *q, pd_partner_rows *out, pd_error *err);
long pd_partner_query_count(pd_db *db, const pd_partner_query *q, pd_error *err);  /* -1 on error */
void pd_partner_rows_finish(pd_partner_rows *rows);

/* Where partner id sits in q's order (offset and limit ignored): 0 for the
 * first row. -1 when q does not show it (err untouched), or on error (err
 * set). Lets a view keep its selection on a partner whose row moved (a
 * stage move, an edit that changes the sort order, another session's save). */
long pd_partner_query_position(pd_db *db, const pd_partner_query *q, int64_t id, pd_error *err);

/* Total partners (for summaries and tests). */
long pd_partner_count(pd_db *db, pd_error *err);

#endif
