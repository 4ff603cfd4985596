/* Notes `log` could not save, kept as shell scripts in the data directory
 * (src/cli/keep.c writes them): where they live and what each holds, for
 * `check` and the interface's start, which remind the user of them. */
#ifndef PARTNERDESK_CONFIG_KEPT_H
#define PARTNERDESK_CONFIG_KEPT_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/error.h"

/* A kept script runs its command with this set to its own path, so that
 * a run that fails again keeps the note in that file, not a second one. */
#define PD_KEPT_ENV "PARTNERDESK_KEPT"
/* Comment lines of a kept file, for people and for the list below: what
 * the text is for ("Oak School (#2)") and the database it goes to. */
#define PD_KEPT_FOR "# for: "
#define PD_KEPT_DATABASE "# database: "

/* $XDG_DATA_HOME/partnerdesk/kept (allocated), or NULL when no home is
 * known. */
char *pd_kept_dir(void);

/* The canonical path of path when it is a kept file of this user: a
 * regular file (not a link) of its own, named *.sh, directly in
 * pd_kept_dir(); else NULL. Only such a file may be written over on the
 * word of the environment. */
char *pd_kept_own_file(const char *path);

typedef struct pd_kept_note {
	char *path;
	char at[PD_TIME_LEN];   /* the note's time (its --at), else when it was
	                           kept; ISO 8601 UTC, "" when neither is known */
	char *what_for;         /* "Oak School (#2)", or the partner as typed;
	                           NULL when unknown */
	char *database;         /* the --db it goes to; NULL: the default */
	char *words;            /* the text's first words on one line */
} pd_kept_note;

typedef struct pd_kept_notes {
	pd_kept_note *v;
	size_t n;
} pd_kept_notes;

/* Every kept file in pd_kept_dir(), oldest note first: regular files of
 * this user's only, never a link or another user's file. No directory is no
 * notes. False with err set when the directory cannot be read. */
bool pd_kept_list(pd_kept_notes *out, pd_error *err);
void pd_kept_notes_finish(pd_kept_notes *ks);

/* Reads one kept file's contents (for the list and its tests). */
bool pd_kept_parse(const char *path, const char *data, size_t len, pd_kept_note *out);

#endif
