/* Unsaved forms kept in a file of the data directory when the interface
 * ends and the desk will not take their drafts (locked, or replaced), so
 * that the text outlives a terminal that is gone and a killed process. */
#ifndef PARTNERDESK_IO_KEPT_FORMS_H
#define PARTNERDESK_IO_KEPT_FORMS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/draft.h"
#include "partnerdesk/model/error.h"

/* The files are DIR/unsaved-forms-DATE-TIME-PID.txt: not *.sh, so that
 * the kept notes of `log` (config/kept.h) never count them. */
#define PD_KEPT_FORMS_PREFIX "unsaved-forms-"
#define PD_KEPT_FORMS_SUFFIX ".txt"

/* The file's text: the desk, then each draft's form, id, partner_id,
 * target_id, target_version, created and payload, one "key: value" line
 * each (a payload over several lines, one per line it holds), control
 * characters and bytes that are not text written as ^X and ^xHH so that
 * `cat` shows it safely; a count at the end tells a whole file from a cut
 * one. why says in a comment why it was kept. NULL when out of memory. */
char *pd_kept_forms_format(const char *desk, const pd_draft *v, size_t n, const char *why, time_t now);

/* Reads what pd_kept_forms_format wrote back exactly: the desk (allocated)
 * and the drafts (form, id, partner_id, target_id, target_version,
 * created, payload). Anything else, a cut file included, is an error
 * naming the line. */
bool pd_kept_forms_parse(const char *data, size_t len, char **desk, pd_drafts *out, pd_error *err);

/* The desk's path as the files record it and compare it: canonical
 * (links resolved, absolute), the directory's when the file itself is gone
 * (replaced by hand). Allocated; NULL when out of memory. */
char *pd_kept_forms_desk(const char *path);

/* Writes a new file in dir (which must exist): mode 0600, written to a
 * hidden temporary file, synced, then renamed into place and the directory
 * synced. Its path in *path (allocated). With held, the file stays open
 * and locked (flock) in *held until the caller closes it: a start
 * meanwhile leaves the file to this process, which may yet write the
 * drafts itself (a killed process lets go of it). False with err set. */
bool pd_kept_forms_write(const char *dir, const char *desk, const pd_draft *v, size_t n,
                         const char *why, char **path, int *held, pd_error *err);

/* What pd_kept_forms_put_back did. */
typedef struct pd_kept_forms_back {
	size_t forms;        /* drafts put back into the desk */
	size_t files;        /* their files, read and removed */
	size_t other_desks;  /* files for other desks, left alone */
	char *unread;        /* a file that could not be read back whole (left
	                        in place), NULL when none */
	size_t n_unread;     /* how many such files */
	char why[PD_ERROR_MSG_MAX];   /* what was wrong with `unread` */
	char *waiting;       /* a file left because the desk would not take
	                        its drafts now (busy), NULL when none */
	size_t n_waiting;
	char waiting_why[PD_ERROR_MSG_MAX];
} pd_kept_forms_back;

/* Every file of dir kept for db's desk becomes drafts of this user there,
 * left over for the start's offer, and is removed; one whose drafts are
 * already in the desk with older text (the rows written before the lock)
 * updates those rows rather than add a second copy, unless a row was
 * written after the file (typed on since): then the file's text goes
 * into a draft of its own beside it. A file its process
 * still holds (pd_kept_forms_write), or another start is putting back
 * meanwhile, is skipped. Each file is one transaction,
 * waiting at most wait_ms for another writer. False with err set only
 * when dir cannot be read (no directory is nothing kept). */
bool pd_kept_forms_put_back(pd_db *db, const char *dir, int wait_ms, pd_kept_forms_back *out,
                            pd_error *err);

/* What pd_kept_forms_put_back would take for the desk at path, counted
 * without writing or removing anything (forms, files, unread, and in
 * waiting a file whose session still waits to write it itself), for
 * `check`. */
bool pd_kept_forms_look(const char *desk, const char *dir, pd_kept_forms_back *out, pd_error *err);
void pd_kept_forms_back_finish(pd_kept_forms_back *b);

#endif
