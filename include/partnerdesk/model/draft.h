/* Drafts: text typed but not yet saved, written as it is typed so that a
 * dropped SSH session or a crash loses nothing; offered back on next start. */
#ifndef PARTNERDESK_MODEL_DRAFT_H
#define PARTNERDESK_MODEL_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef struct pd_draft {
	int64_t id;              /* 0 until first saved; then drawn (the time
	                          * and random bits), never one another draft had */
	char *form;              /* "log", "partner", "contact", ... */
	int64_t partner_id;      /* 0 when none yet */
	int64_t target_id;       /* the row being edited, 0 for a new one */
	int64_t target_version;  /* the version the form was opened on */
	char *payload;           /* the form's fields, serialised by the form */
	char *user;              /* OS user; set by the model */
	char created[PD_TIME_LEN];   /* when the typing began: as set before the
	                              * first save, else the first save's time */
	char updated[PD_TIME_LEN];
	/* Set by pd_draft_list: another session that is still running (on
	 * this host: its process alive, whatever its heartbeat; on another: a
	 * heartbeat in the last PD_DRAFT_LIVE_SECONDS) holds it open; it is not
	 * left over, and cannot be claimed. */
	bool live;
} pd_draft;

/* A session with a form open refreshes its drafts' heartbeat at least this
 * often (pd_draft_touch); another host's session silent for
 * PD_DRAFT_LIVE_SECONDS has ended (this host's are asked directly). */
#define PD_DRAFT_HEARTBEAT_SECONDS 30
#define PD_DRAFT_LIVE_SECONDS 120

typedef struct pd_drafts {
	pd_draft *v;
	size_t n;
} pd_drafts;

void pd_draft_finish(pd_draft *d);
/* A draft is named by its id, form, user and `created` together, never its
 * id alone: a copy made before ids were drawn, put back, can hold another
 * draft under the same id, and no function here writes or deletes that one
 * for this d. */

/* Inserts or updates the draft; cheap enough to call every couple of
 * seconds while typing. Never version-checked: a draft is one person's.
 * When d's row is gone, is not d any more (a restore), or another running
 * session holds it, the text goes into a fresh draft and d->id is its id. */
bool pd_draft_save(pd_db *db, pd_draft *d, pd_error *err);
/* The same, waiting at most wait_ms for another writer's lock (the usual
 * wait is seconds): typing must not freeze behind an import. A lock held
 * longer is PD_ERR_BUSY, and the caller tries again later. The draft is
 * marked as this session's (host, process, heartbeat now). */
bool pd_draft_save_within(pd_db *db, pd_draft *d, int wait_ms, pd_error *err);
/* Refreshes the heartbeat of this session's draft d (waiting at most
 * wait_ms), so that other windows see it is still being typed.
 * PD_ERR_NOTFOUND when d is gone, is not d any more, or another session
 * took it up: the caller writes its text afresh (pd_draft_save). */
bool pd_draft_touch(pd_db *db, const pd_draft *d, int wait_ms, pd_error *err);
/* The session is ending with the draft unsaved: it becomes left over at
 * once, offered back by the next start. PD_ERR_NOTFOUND when d is gone or
 * is not d any more: the caller writes its text afresh, then releases. */
bool pd_draft_release(pd_db *db, const pd_draft *d, pd_error *err);
/* Takes a left-over draft into this session before it is reopened;
 * PD_ERR_CONFLICT when a running session (another window) holds it,
 * PD_ERR_NOTFOUND when it is gone (saved or discarded meanwhile). */
bool pd_draft_claim(pd_db *db, const pd_draft *d, pd_error *err);
/* Whether the row that names draft d holds d's text (*holds): false when
 * it is gone, is another draft now, or holds other text, as when a
 * restore put back a copy taken before the last words. A read, so that
 * windows asking it after each other's writes do not set each other
 * off. */
bool pd_draft_holds(pd_db *db, const pd_draft *d, bool *holds, pd_error *err);
/* Deletes draft d; nothing when it is gone or is not d any more. */
bool pd_draft_delete(pd_db *db, const pd_draft *d, pd_error *err);
/* This OS user's drafts, newest first, each marked live or not. */
bool pd_draft_list(pd_db *db, pd_drafts *out, pd_error *err);
void pd_drafts_finish(pd_drafts *list);

/* One field of a draft beside what is stored, for the offer's preview:
 * label as its form shows it, stored the value the entity holds now (for
 * a new entry the form's default), typed the draft's (NULL: the draft
 * holds no such field). */
typedef struct pd_draft_field {
	const char *label;
	const char *stored;
	const char *typed;
} pd_draft_field;

/* What a draft would change, in a few words on one line, so that the
 * person can tell it from the others before discarding it. An edit's
 * (edit): each field typed differently, in order, `Label → value` (arrow:
 * the glyph the terminal can show, NULL "->"), joined by "; ", or
 * "(no change from what is saved)". A new entry's: its first
 * three fields typed, `Label "value"`, joined by ", "; "" when none.
 * Each value is cut to a few words, its line breaks made spaces; control
 * characters are left for the draw routine to show. */
void pd_draft_changes(const pd_draft_field *fields, size_t n, bool edit, const char *arrow, char *out,
                      size_t size);

#endif
