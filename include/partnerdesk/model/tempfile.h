/* Files put in place beside their destination (a backup copy, an export):
 * the hook that tells a caller about each temporary file while it exists,
 * and the directory sync that makes the final rename last. */
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

#endif
