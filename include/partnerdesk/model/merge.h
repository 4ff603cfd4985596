/* Putting one partner into another (a partner added twice, or by mistake)
 * and deleting a partner that holds nothing: what `merge` and `delete` do.
 * Everything FROM holds moves to INTO in one transaction, then FROM goes. */
#ifndef PARTNERDESK_MODEL_MERGE_H
#define PARTNERDESK_MODEL_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

/* What a partner holds that deleting it would throw away. */
typedef struct pd_partner_holdings {
	long interactions, contacts, agreements;
	long moves;              /* stage moves (history beyond the row it was added with) */
} pd_partner_holdings;

/* What a merge moves (or, dry, would move) from FROM to INTO. */
typedef struct pd_merge_counts {
	long contacts, interactions, agreements;
	/* FROM's people who are one of INTO's (the same name, and no field
	 * both wrote differently: a partner added twice by two colleagues has
	 * each one's copy of the person called): joined into INTO's, their
	 * log entries then naming INTO's, its empty fields filled; not among
	 * contacts. joined_names: "Priya Raman, Tom Alvarez". */
	long contacts_joined;
	char joined_names[240];
	long history;   /* FROM's stage moves, written into INTO's notes */
	/* Fit scores for criteria INTO has not scored move; where both scored
	 * one, INTO's stays and FROM's is dropped (named in the audit entry). */
	long fit_moved, fit_dropped;
	/* Goals are a union; a goal both hold keeps INTO's note (FROM's when
	 * INTO's is empty: goals_noted of goals_shared). */
	long goals_moved, goals_shared, goals_noted;
	long tags, audiences, branches;   /* values INTO did not have */
	long drafts;                      /* unsaved forms for FROM, now for INTO */
	char filled[160];                 /* INTO's empty fields filled: "website, phone" */
	bool notes;                       /* FROM's notes appended to INTO's */
	char dropped[400];                /* FROM's fit scores dropped: "reach 2, need 1" */
} pd_merge_counts;

/* Moves everything of partner `from` onto partner `into` and deletes
 * `from`, in one transaction; the audit trail says what went where, INTO's
 * version moves on when its own fields change (a colleague's open edit
 * then meets it as a conflict instead of blanking what was filled), its
 * search document and activity columns are rebuilt. With dry_run nothing
 * is written: *out says what would move. PD_ERR_INVALID for from == into,
 * PD_ERR_NOTFOUND for either missing. */
bool pd_partner_merge(pd_db *db, int64_t from, int64_t into, bool dry_run, pd_merge_counts *out,
	pd_error *err);

/* What c moved, for people: "2 people, 1 log entry" (those not 0), or
 * "nothing"; and the list values INTO gained ("1 tag"), or "". */
void pd_merge_counts_moved(const pd_merge_counts *c, char *out, size_t size);
void pd_merge_counts_added(const pd_merge_counts *c, char *out, size_t size);

/* What a merge did, in one line, for the status line and the audit
 * entry: "moved 1 log entry; added 1 tag; filled owner" (each part it
 * did), "moved nothing" only when it did nothing else either. */
void pd_merge_counts_done(const pd_merge_counts *c, char *out, size_t size);

/* What a merge of `from` into `into` (names) moves, one line each as
 * `merge` prints them ("would move: 2 people", "would fill ...'s empty
 * website"), joined by '\n'; dry says "would". "moved: nothing" only when
 * the merge does nothing else either (as pd_merge_counts_done). With both stage labels
 * given and different, a last line says which stays (a merge the wrong
 * way round is seen before it is made). */
void pd_merge_counts_describe(const pd_merge_counts *c, const char *from, const char *into,
	const char *from_stage, const char *into_stage, bool dry, char *out, size_t size);

/* What partner id holds that a delete would lose. */
bool pd_partner_holdings_get(pd_db *db, int64_t id, pd_partner_holdings *out, pd_error *err);
bool pd_partner_holds_anything(const pd_partner_holdings *h);
/* "3 log entries and 2 people": what h holds, joined as said; "" for
 * nothing. */
void pd_partner_holdings_text(const pd_partner_holdings *h, char *out, size_t size);

/* Deletes partner id unless it holds anything (then PD_ERR_REFUSED, *out
 * saying what), or with force whatever it holds; checked and deleted in
 * one transaction, so a note logged meanwhile is never deleted unseen. */
bool pd_partner_delete_unused(pd_db *db, int64_t id, bool force, pd_partner_holdings *out,
	pd_error *err);

/* The partner a merged partner went into (following merges of merges), or
 * 0 when id was not merged; for things that name a partner by id from
 * before (drafts, kept notes). */
int64_t pd_partner_merged_into(pd_db *db, int64_t id, pd_error *err);

/* A merge's change of entry e: "merged in" (on INTO's entry) or "merged
 * into" (on FROM's), holding the other partner's id, which goes in
 * *other; that partner's name then in *name, *name_len bytes (not
 * terminated; 0 when unknown), from the "merged in name" / "merged into
 * name" change pd_partner_merge records beside it (an entry from before
 * those: as its detail gives it). False, nothing set, for any other
 * change. */
bool pd_merge_change_other(const pd_audit_entry *e, const pd_audit_change *c, int64_t *other,
	const char **name, size_t *name_len);

/* True for the change that only carries the other partner's name: the
 * id's change says it (above), so a trail shows it not on its own. */
bool pd_merge_change_is_name(const pd_audit_change *c);

/* A merge's change in words, as the audit trail shows it: "merged in #31
 * Harbour Science Centre" ("merged in #31" when the name is unknown); ""
 * for the name's own change (pd_merge_change_is_name: show nothing).
 * False, out untouched, for any other change. */
bool pd_merge_change_words(const pd_audit_entry *e, const pd_audit_change *c, char *out, size_t size);

#endif
