/* Files put in place beside their destination (a backup copy, an export):
 * the hook that tells a caller about each temporary file while it exists,
 * the directory sync that makes the final rename last, and the one rule
 * by which a later run removes what a killed one left. */
#ifndef PARTNERDESK_MODEL_TEMPFILE_H
#define PARTNERDESK_MODEL_TEMPFILE_H

#include <stdbool.h>

/* Told about a temporary file right after it is made and right after it
 * is renamed into place or removed, so that the command line can remove
 * it when a signal ends the program in between (see cli/cleanup.h).
 * sidecars: SQLite may make PATH-journal (-wal, -shm) beside it. */
typedef struct pd_temp_watch {
	void (*hold)(bool on);   /* around making it: no signal in between */
	void (*made)(const char *path, bool sidecars);
	void (*gone)(const char *path);
	/* Told, with the signals of hold held, right after something is put
	 * in place at path: a backup at its name (pd_db_backup), a copy in
	 * the desk (pd_db_put_back's commit); so that what a signal then
	 * says of it is true. May be NULL. */
	void (*placed)(const char *path);
} pd_temp_watch;

/* mkstemp(tmpl) told to w (which may be NULL) with no moment between
 * the file appearing and w knowing it; -1 with errno as mkstemp. */
int pd_temp_mkstemp(const pd_temp_watch *w, char *tmpl, bool sidecars);
/* mkdtemp(tmpl) (mode 0700) told to w likewise, as a path to remove
 * (rmdir) once what is made in it is gone; NULL with errno as mkdtemp. A
 * directory only its owner may write, for files whose names SQLite derives
 * from them (PATH-journal, -wal, -shm): beside the destination, in a
 * directory others may write (as /tmp), someone seeing a temporary name
 * could put such a file there first. */
char *pd_temp_mkdtemp(const pd_temp_watch *w, char *tmpl);
/* Tells w (may be NULL) that path was renamed into place or removed. */
void pd_temp_gone(const pd_temp_watch *w, const char *path);

/* Flushes the directory path lies in, so that a rename or link just made
 * there survives a power cut. Best effort: the file is already in place,
 * and a file system that cannot sync a directory is no reason to call a
 * finished export failed. */
void pd_sync_dir_of(const char *path);

/* The directory dir opened (O_DIRECTORY) to look in with
 * pd_temp_left_by_dead, or -1: on a network file system a process of
 * another machine is not ours to look for, so nothing there is removed. */
int pd_temp_sweep_dir(const char *dir);
/* Whether name in the directory dfd is what a run of ours killed where
 * no handler runs (SIGKILL, the OOM killer, a power cut) left, which the
 * next run beside it may remove: pid (the one its name carries) is no
 * process (not this one; one we may not signal is someone's, running),
 * and it is ours and private as we make it, not through a symlink: a
 * directory of mode 0700 (mkdtemp's) when dir, else a regular file of
 * mode 0600. What it holds is the caller's to judge. */
bool pd_temp_left_by_dead(int dfd, const char *name, long pid, bool dir);

#endif
