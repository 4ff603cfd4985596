/* The outreach log: calls, emails, visits, meetings and events, each with an
 * optional follow-up date; and the agenda of what is due: follow-ups, stage
 * reviews and the current agreement's review and end dates. */
#ifndef PARTNERDESK_MODEL_INTERACTION_H
#define PARTNERDESK_MODEL_INTERACTION_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef struct pd_interaction {
	int64_t id, partner_id;
	int64_t contact_id;              /* 0: none */
	char *removed_contact;           /* with contact_id 0: the name of the person it was
	                                    logged with, since removed from the partner's
	                                    people; NULL while contact_id names someone.
	                                    Kept on insert (a restore's). On update any
	                                    non-NULL keeps the name as stored (its text is
	                                    not written); NULL with contact_id 0 clears it
	                                    ("with no one", chosen) */
	char at[PD_TIME_LEN];            /* when it happened; "" on insert means now;
	                                    a date alone is stored as its midnight UTC */
	char *channel;                   /* one of rules.channels */
	char *by;                        /* staff member; NULL on insert means the OS user */
	char *text;
	char follow_up[PD_DATE_LEN];     /* "" none */
	bool done;                       /* follow-up done */
	int64_t version;
	char created[PD_TIME_LEN], updated[PD_TIME_LEN];
	char uid[PD_UID_LEN];            /* as pd_partner.uid, unique within the partner */
	/* filled on read, ignored on write */
	char *contact_name;
	char *partner_name;
} pd_interaction;

typedef struct pd_interactions {
	pd_interaction *v;
	size_t n;
} pd_interactions;

void pd_interaction_finish(pd_interaction *it);
bool pd_interaction_insert(pd_db *db, pd_interaction *it, pd_error *err);
bool pd_interaction_update(pd_db *db, pd_interaction *it, pd_error *err);  /* version-checked */
bool pd_interaction_set_done(pd_db *db, int64_t id, int64_t version, bool done, pd_error *err);
/* One entry (with contact and partner names) into *out; PD_ERR_NOTFOUND if gone. */
bool pd_interaction_get(pd_db *db, int64_t id, pd_interaction *out, pd_error *err);
/* Version-checked, like update. */
bool pd_interaction_delete(pd_db *db, int64_t id, int64_t version, pd_error *err);
/* Newest first; limit <= 0 for all. */
bool pd_interaction_list(pd_db *db, int64_t partner_id, long limit, pd_interactions *out, pd_error *err);
void pd_interactions_finish(pd_interactions *list);

/* ---- agenda ---- */

typedef enum pd_agenda_kind {
	PD_AGENDA_FOLLOW_UP,   /* an open follow-up */
	PD_AGENDA_REVIEW,      /* a partner whose stage review date is due */
	PD_AGENDA_AGREEMENT_REVIEW,  /* the current agreement's review date */
	PD_AGENDA_AGREEMENT_END,     /* the current agreement's end date (ending or ended) */
} pd_agenda_kind;

typedef struct pd_agenda_item {
	pd_agenda_kind kind;
	int64_t partner_id;
	char *partner_name;
	char *stage;
	int64_t interaction_id;         /* for follow-ups */
	int64_t interaction_version;
	int64_t agreement_id;           /* for agreement reviews and ends */
	char date[PD_DATE_LEN];         /* follow-up, review or end date */
	long days;                      /* date - today: negative when overdue */
	char *text;                     /* the interaction text; "Engagement review" (the
	                                   stage label); "Agreement review", "Agreement
	                                   ends" or "Agreement ended", then ": TITLE"
	                                   when the agreement has one */
	char *contact_name;             /* a follow-up's person, or the name it was
	                                   logged with when they were since removed: */
	bool contact_removed;           /* then true */
	/* When the rows whose names and stage the item shows last changed, so
	 * that a calendar entry is stamped as changed when they are: the
	 * partner's updated, and for a follow-up its contact's ("" without). */
	char partner_updated[PD_TIME_LEN];
	char contact_updated[PD_TIME_LEN];
} pd_agenda_item;

typedef struct pd_agenda {
	pd_agenda_item *v;
	size_t n;
} pd_agenda;

/* Open follow-ups, stage reviews and agreement review and end dates on or
 * before today + days (everything overdue or ended included), earliest
 * first; on one day stage reviews, agreement reviews, agreement ends, then
 * follow-ups. Reviews and agreements of a partner at a closed stage are
 * left out. An agreement counts while it is the partner's current one: the
 * newest, made for the stage the partner is at (the one the agreement form
 * edits); a newer agreement, a move to another stage, or a later or no
 * date settles it. An agreement review on the day of the partner's own
 * stage review is that review, shown once. */
bool pd_agenda_load(pd_db *db, int days, pd_agenda *out, pd_error *err);
/* As days: everything open, however far ahead (to 9999-12-31). */
#define PD_AGENDA_ALL INT_MAX
void pd_agenda_finish(pd_agenda *a);
/* A follow-up's words on an agenda row, the interface's and the command
 * line's alike: the first line of its note, led by its person ("Ann Lee:
 * ", "Ann Lee (removed): ") unless the note begins with that name, as
 * notes often do ("Gabriela Ríos asked..."). Cut to size at a whole
 * character. */
void pd_agenda_follow_up_words(const pd_agenda_item *it, char *buf, size_t size);
/* Follow-ups marked done whose entry last changed in the last `days` days
 * (from that day's start, UTC), as agenda items (date: the follow-up date),
 * oldest follow-up date first: what the calendar export marks completed. */
bool pd_agenda_done_within(pd_db *db, int days, pd_agenda *out, pd_error *err);
/* How many items pd_agenda_load(db, days) would give, counted in the
 * indexes without loading them (the status bar's "N due"); -1 on error. */
long pd_agenda_count(pd_db *db, int days, pd_error *err);

#endif
