/* The database handle: open with safety checks, pragmas, migrations,
 * transactions, integrity check and online backup. The only SQL lives in
 * src/model/. */
#ifndef PARTNERDESK_MODEL_DB_H
#define PARTNERDESK_MODEL_DB_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "partnerdesk/model/error.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/tempfile.h"

/* PRAGMA application_id: "PDSK" */
#define PD_APPLICATION_ID 0x5044534B

/* A row's uid (partners, contacts, log entries): 32 hex digits made at
 * random when the row is, or the key the exports used before uids were
 * stored (see schema.h); never changed. With its NUL. */
#define PD_UID_LEN 48

typedef struct pd_db pd_db;

enum {
	PD_OPEN_CREATE   = 1u << 0,  /* create (mode 0600) if missing */
	PD_OPEN_READONLY = 1u << 1,  /* never write, never migrate */
	/* The caller can do without writing (a command that only reads, the
	 * interface): a file this user may not write, or whose directory they
	 * may not create -wal and -shm in, is opened read-only instead of
	 * refused. Without it such a file is refused before SQLite opens it. */
	PD_OPEN_OR_READONLY = 1u << 2,
	/* The file is a backup copy to be read (restore's FILE), not the desk:
	 * a refusal advises another copy, not another --db. */
	PD_OPEN_COPY     = 1u << 3,
};

/* Opens path. Refuses, leaving the file byte-for-byte unchanged:
 * a file that is not SQLite or not ours (PD_ERR_NOT_OURS), a damaged one
 * (PD_ERR_DAMAGED), a newer schema (PD_ERR_NEWER). A fresh file gets the
 * schema; an older one is migrated, one transaction per step. Sets WAL,
 * foreign keys, busy timeout. `rules` is borrowed and must outlive the
 * handle; NULL means the built-in defaults. */
pd_db *pd_db_open(const char *path, unsigned flags, const pd_rules *rules, pd_error *err);
void pd_db_close(pd_db *db);  /* accepts NULL */
/* Whether the directory a database at path would be made in does not
 * exist (a --db on a new machine), and the words that say so, with the
 * mkdir that makes it (one shell word, quoted where needed): "the
 * directory DIR does not exist; make it (mkdir -p DIR)". What the
 * refusal to create it says, and what a command that only reads says. */
bool pd_db_dir_missing(const char *path);
void pd_db_dir_words(const char *path, char *out, size_t size);

/* Whether the handle only reads (PD_OPEN_READONLY, or PD_OPEN_OR_READONLY
 * on a file this user may not write), and if this user may not write the
 * file, why not ("FILE is not writable for you"), else NULL. */
bool pd_db_readonly(const pd_db *db);
const char *pd_db_readonly_why(const pd_db *db);

/* What the user should hear about how the file was opened, or NULL: a
 * new database made private (0600) in a set-group-ID directory its group
 * may write, with the chmod that shares it. For the caller to show once. */
const char *pd_db_note(const pd_db *db);

/* A reader (a user who may not write) cannot look through -wal and -shm
 * when nobody has the file open: SQLite would have to create them. It then
 * reads the file as immutable, which holds only while nobody writes it.
 * pd_db_stale is true when the file or its side files changed since such
 * a handle was opened: what was read may mix two states and must be read
 * again after pd_db_reopen, which looks anew (through the others' -wal and
 * -shm if they are there now). It is also true after a reader's read
 * failed because a writer was setting up the -shm the reader may only read
 * (the error says busy). False for every other handle, and pd_db_reopen
 * does nothing to a handle that may write. If it fails, the
 * handle's reads fail until a later pd_db_reopen succeeds. */
bool pd_db_stale(const pd_db *db);
bool pd_db_reopen(pd_db *db, pd_error *err);

/* Whether the path a handle that may write opened names another file now,
 * or none (a backup copy moved over it while this was open, the file
 * removed): cheap (one stat), so an interface asks every second. From then
 * on the handle's writes are refused (PD_ERR_REPLACED, nothing saved) and
 * its close leaves the side files, which go by the path's name and so
 * belong to the file there now, alone; to work on that file, open it
 * anew. False for read-only handles (pd_db_stale is theirs). */
bool pd_db_replaced(pd_db *db);

/* A number that changes whenever another connection (another window, a CLI
 * command, a colleague) commits to the file, never for this handle's own
 * writes (SQLite's PRAGMA data_version): cheap enough to ask every second,
 * so an interface reads again only when someone else wrote. -1 when it
 * cannot be read (a reader between reopens). */
long long pd_db_data_version(pd_db *db);

/* A number that changes when another connection changed the desk's data
 * (anything the audit trail records), not when it only kept a draft: what
 * an interface compares to know whether to read again. Asks the audit
 * trail only when pd_db_data_version moved. -1 when it cannot be read. */
long long pd_db_desk_version(pd_db *db);

const pd_rules *pd_db_rules(const pd_db *db);
const char *pd_db_path(const pd_db *db);
int pd_db_schema_version(const pd_db *db);
int pd_db_latest_schema_version(void);

/* The operating-system user of the process's uid (getpwuid), never $USER. */
const char *pd_db_user(const pd_db *db);

/* The clock the model stamps rows with. Tests and the demo pin it. */
time_t pd_db_now(const pd_db *db);
void pd_db_set_now(pd_db *db, time_t fixed);   /* 0 returns to the real clock */

/* How long a write waits for another writer's lock before it fails as
 * busy: ms, or < 0 for the usual wait (10 s, or PARTNERDESK_BUSY_TIMEOUT_MS,
 * a setting for tests). A command that keeps typed text waits in short
 * slices so that it can notice Ctrl-C between them. */
void pd_db_busy_wait(pd_db *db, int ms);

/* Transactions. Model write functions open their own BEGIN IMMEDIATE; a
 * caller that wants several writes to be one (an import) wraps them in
 * pd_db_begin/pd_db_commit, and the inner ones become savepoints. */
bool pd_db_begin(pd_db *db, pd_error *err);
bool pd_db_commit(pd_db *db, pd_error *err);
void pd_db_rollback(pd_db *db);

/* A report from `check`: each line one finding; ok when there are none. */
typedef struct pd_check_report {
	bool ok;
	char **lines;
	size_t n_lines;
	size_t repairable;   /* of them, derived data pd_db_repair remakes */
} pd_check_report;
bool pd_db_check(pd_db *db, pd_check_report *out, pd_error *err);
void pd_check_report_finish(pd_check_report *r);

/* A consistent copy through SQLite's online backup API while others write.
 * The destination is created 0600 unless it exists. An existing
 * destination is replaced only with replace; without it, one that appears
 * while the copy is made is left alone too (PD_ERR_INVALID). watch (may
 * be NULL) is told about the temporary copy beside the destination; the
 * directory is synced once the copy has its name. */
bool pd_db_backup(pd_db *db, const char *dest_path, bool replace,
	const pd_temp_watch *watch, pd_error *err);

/* Whether path is the open database's file or one of SQLite's side files
 * beside it (-wal, -shm, -journal), by device and inode, so a symlink or
 * another name for it counts; a path that does not exist yet counts when
 * it names one of them. *what (may be NULL) gets which, e.g. "the database
 * itself", for a message. Backup and export refuse to write over these. */
bool pd_db_is_own_file(const pd_db *db, const char *path, const char **what);

/* Flushes the WAL into the database when nobody holds it (on close, and
 * periodically by long-running readers). */
void pd_db_checkpoint(pd_db *db);

/* True when the file's filesystem is NFS/CIFS/SMB etc. (statfs magic);
 * callers warn, since SQLite locking is unsafe there. */
bool pd_db_on_network_fs(const char *path);

#endif
