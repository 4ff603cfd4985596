/* Temporary files a command (import into a new database, export -o,
 * backup, restore) has beside its destination, removed when a signal ends
 * the program first: Ctrl-C, SIGTERM (a cron timeout), SIGHUP (a dropped
 * SSH session) or SIGPIPE (`--dry-run | head`); and what it then says. */
#ifndef PARTNERDESK_CLI_CLEANUP_H
#define PARTNERDESK_CLI_CLEANUP_H

#include <stdbool.h>

#include "partnerdesk/model/tempfile.h"

/* Remembers path (and with sidecars its -journal, -wal and -shm) to be
 * unlinked on one of those signals (a directory: removed once the files
 * in it are), which then ends the program as it
 * would have (exit status 128+N). The first path installs the handlers,
 * for signals whose action is the default (an ignored SIGHUP under nohup
 * stays ignored). False when the path is too long or too many are held:
 * the file is then only not removed on a signal. */
bool pd_cleanup_add(const char *path, bool sidecars);
/* Forgets path (renamed into place or removed); the last one forgotten
 * puts back the actions that were there before. */
void pd_cleanup_forget(const char *path);

/* Delays those signals from hold(true) to hold(false) (not nested), so
 * that a file made in between is remembered before one can strike. */
void pd_cleanup_hold(bool on);

/* Says msg on standard error when one of those signals other than SIGPIPE
 * (whose reader is gone) ends the program, first clearing the line when
 * clear_line (a progress line is up there); msg must outlive the command,
 * as a string literal does. NULL says nothing again. */
void pd_cleanup_say(const char *msg, bool clear_line);
/* Says msg (copied; at most 2 paths' length and a line) instead, from the
 * moment pd_cleanup_watch is told that something was put in place at
 * path (restore: the desk as it was kept, the copy in the desk); as many
 * as two at once, until pd_cleanup_say(NULL). False when too long or too
 * many: then only the message before is said. */
bool pd_cleanup_say_once_placed(const char *path, const char *msg);

/* The three above as the hook the model's backup and the export take. */
extern const pd_temp_watch pd_cleanup_watch;

#endif
