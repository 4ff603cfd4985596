/* Draft writes that wait for the desk (private to src/ui): a colleague's
 * import can hold the write lock for minutes, and neither a discarded
 * draft nor the note of a session that is ending may wait on screen for
 * it. Each is tried at once for a moment, then kept here and tried again
 * (the loop's quiet seconds, and on the way out) until the desk lets it. */
#ifndef PD_UI_WAITING_H
#define PD_UI_WAITING_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/draft.h"

typedef struct pd_waiting_job pd_waiting_job;

typedef struct pd_waiting {
	pd_waiting_job *v;
	size_t n, cap;
	size_t held;  /* places past n kept for notes (pd_waiting_hold) */
	char *kept;   /* the file pd_waiting_keep wrote, while it is needed */
	int kept_fd;  /* with kept: that file, open and locked (no start takes
	                 it while this process may still write its drafts) */
	char *kept_desk, *kept_why;   /* pd_waiting_keep's, to write it again */
	bool kept_all;
	uint64_t kept_sig_written;    /* what the file holds (see kept_sig) */
	pd_error last;   /* why the last try that failed did: a busy desk, or
	                    one that cannot take the text (a full disk) */
} pd_waiting;

/* Keeps places for `notes` forms to leave their drafts without asking for
 * memory then (pd_waiting_leave), as many as the dialogs open: called as
 * one opens, it can be refused while nothing is typed in it yet. False
 * when there is no memory for them. */
bool pd_waiting_hold(pd_waiting *w, size_t notes);
/* The session is ending with draft d unsaved: it is written (when `write`)
 * and released for the next start to offer back. Takes d's contents (d is
 * left empty) whether it went through now or waits; only when it can do
 * neither and no place was held (pd_waiting_hold) for want of memory does
 * d keep them. */
void pd_waiting_leave(pd_waiting *w, pd_db *db, pd_draft *d, bool write, int wait_ms);
/* Draft d is discarded: deleted now, or once the desk lets it (d's name is
 * copied; a row that is not d any more by then is left alone). */
void pd_waiting_discard(pd_waiting *w, pd_db *db, const pd_draft *d, int wait_ms);
/* Whether draft d waits to be deleted (not to be offered meanwhile). */
bool pd_waiting_discards(const pd_waiting *w, const pd_draft *d);
/* Tries everything again, each waiting at most wait_ms for the lock;
 * returns how many still wait. */
size_t pd_waiting_retry(pd_waiting *w, pd_db *db, int wait_ms);
/* What still waits, as what is to be done ("keep 1 unsaved form as a
 * draft and delete 2 discarded drafts"), for a message. */
void pd_waiting_describe(const pd_waiting *w, char *out, size_t len);
/* How many unsaved forms wait (written to the desk or not). */
size_t pd_waiting_notes(const pd_waiting *w);
/* How many unsaved forms wait whose text the desk does not hold yet. */
size_t pd_waiting_unwritten(const pd_waiting *w);
/* Those forms (with all, every form still waiting with its text: the desk
 * file was replaced, and what it holds is in a file no one opens again),
 * kept in a new file of the data directory for the next start on desk
 * (db's path) to offer back (see io/kept_forms.h): the text then outlives
 * a process killed while it waits. pd_waiting_retry writes the file again
 * as what it must hold changes, and removes it once the desk holds them
 * all. Its path; NULL with err set, or with err untouched when there is
 * nothing to keep. */
const char *pd_waiting_keep(pd_waiting *w, const char *desk, const char *why, bool all, pd_error *err);
/* Whether the kept file holds all it should now (a write of it can fail). */
bool pd_waiting_kept_whole(const pd_waiting *w);
/* The text of the unsaved forms still waiting, as their drafts hold it
 * ("field=value" lines, line breaks as \n), on f with control characters
 * shown as '?': the last place a note can go when the desk never will. */
void pd_waiting_print(const pd_waiting *w, FILE *f);
/* Forgets what waits (its drafts are lost to this session: see the
 * caller); a file pd_waiting_keep wrote stays for the next start. */
void pd_waiting_finish(pd_waiting *w);

#endif
