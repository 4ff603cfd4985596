/* Keeping text a person typed when the write that should store it is
 * refused: waiting while another writer (an import) holds the desk, and a
 * file in the data directory that holds the text and the command that
 * stores it later. Shared by the commands whose input is typed text. */
#ifndef PARTNERDESK_CLI_KEEP_H
#define PARTNERDESK_CLI_KEEP_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/cli/command.h"
#include "partnerdesk/model/error.h"

/* The text and the partnerdesk arguments that store it again with the
 * text on standard input ("log", PARTNER, "--channel", "phone", ...,
 * "-"). path is the kept file once written. */
typedef struct pd_cli_keep {
	const char *what;     /* "note": for messages */
	const char *text;     /* borrowed */
	char **argv;
	size_t argc, cap;
	bool oom;
	char *what_for;       /* "Oak School (#2)", for the file's comments */
	char *database;       /* the database it goes to, likewise */
	char *path;
	bool reused;          /* path is the kept file this run came from */
} pd_cli_keep;

void pd_cli_keep_init(pd_cli_keep *k, const char *what, const char *text);
/* Appends one argument of the command that stores the text again. */
void pd_cli_keep_arg(pd_cli_keep *k, const char *arg);
/* Says in the kept file, for people and for pd_kept_list, what the text
 * is for (the partner by name and id) and which database it goes to;
 * either may be NULL. */
void pd_cli_keep_about(pd_cli_keep *k, const char *what_for, const char *database);

/* Reads f (standard input) to its end, as a note typed or piped in. A
 * SIGINT, SIGTERM or SIGHUP meanwhile (Ctrl-C, a shutdown, an SSH session
 * dropped while the note was being typed) ends the reading instead of the
 * program: *sig then names it, and what was read so far is returned, for
 * the caller to keep. Sets *len; NULL on a read error or out of memory. */
char *pd_cli_keep_read(FILE *f, size_t *len, int *sig);

/* Runs write(arg, err) and, while it fails as busy (another writer holds
 * the lock), tries again in short slices, having first written the kept
 * file and said once on stderr that it waits and where the text is. Stops
 * on success, on any other failure, when PARTNERDESK_LOCK_WAIT seconds
 * have passed (default: no limit when stderr is a terminal, where a
 * person can press Ctrl-C; 600 for scripts and cron), or on SIGINT,
 * SIGTERM or SIGHUP (err then says so). */
bool pd_cli_keep_write(pd_cli *cli, pd_cli_keep *k, bool (*write)(void *arg, pd_error *err),
                       void *arg, pd_error *err);

/* After a failure: writes the kept file (unless waiting already did) and
 * says where it is and the command that stores the text; false when even
 * that failed (the text is then printed on stderr instead).
 * A kept file runs its command with PARTNERDESK_KEPT set to its own path
 * (see config/kept.h): when that names a kept file of this user, the file
 * is written over in place rather than a second one made, so a note whose
 * script fails again is still kept exactly once. */
bool pd_cli_keep_save(pd_cli *cli, pd_cli_keep *k, const char *why);

/* Frees k; removes the kept file when stored (the write succeeded). */
void pd_cli_keep_finish(pd_cli_keep *k, bool stored);

#endif
