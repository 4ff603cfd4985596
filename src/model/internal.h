/* Model internals shared by the files of src/model only: the handle's layout, the
 * statement cache, transaction wrappers, stamping and the audit write. Not
 * installed, not for other layers. */
#ifndef PARTNERDESK_MODEL_INTERNAL_H
#define PARTNERDESK_MODEL_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>
#include <time.h>

#include "partnerdesk/model/date.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/strv.h"
#include "partnerdesk/model/text.h"

typedef struct pd_stmt_entry {
	char *sql;
	sqlite3_stmt *stmt;
	bool busy;            /* handed out and not yet returned */
} pd_stmt_entry;

/* What tells whether anybody touched the file while we looked at it as
 * immutable: the main file's identity, size and change time, and whether
 * -wal or -shm files exist beside it. */
typedef struct pd_file_mark {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	bool wal, shm;
} pd_file_mark;

struct pd_db {
	sqlite3 *h;
	char *path;
	unsigned flags;
	const pd_rules *rules;
	pd_rules own_rules;   /* used when the caller gave none */
	bool has_own_rules;
	int schema;
	int depth;            /* transaction nesting */
	/* Bulk mode (bulk.h): inside a transaction begun while it is on, nested
	 * writes open no savepoint; a nested rollback then marks the whole
	 * transaction damaged and its commit is refused. */
	bool bulk, tx_bulk, tx_damaged;
	/* A part (bulk.h) open in the transaction: the depth it was opened at
	 * and whether the transaction was damaged then; part_depth 0: none. */
	int part_depth;
	bool part_damaged;
	/* Whether this connection saved a change (a migration, a commit that
	 * changed rows), and the row count of changes when the outermost
	 * transaction began: only a connection that wrote runs PRAGMA
	 * optimize on close, so reading and dry runs leave the file's bytes. */
	bool wrote;
	int64_t tx_changes;
	sqlite3_stmt *tx_stmts[9];   /* BEGIN, COMMIT, ROLLBACK and two savepoints' three */
	time_t fixed_now;
	char user[128];
	/* Where this handle's changes come from when not typed (a restore of
	 * FILE); added to each audit detail, or empty (pd_audit_set_source). */
	char audit_source[320];
	pd_stmt_entry *stmts;
	size_t n_stmts, cap_stmts;
	/* Partners whose search documents are rebuilt when the outermost
	 * transaction commits (see pd_search_refresh). */
	int64_t *search_dirty;
	size_t n_search_dirty, cap_search_dirty;
	pd_strv *explain;     /* query plans being recorded (explain.h), or NULL */
	/* The words of the desk's names, people and tags a search's guess
	 * measures against (guess.c), read once per change of the desk. */
	struct pd_guess_words *guess_words;
	/* The partners the last filter's words of one or two letters found
	 * (name_set.c), or NULL. */
	struct pd_name_set *name_set;
	/* pd_db_desk_version: the data version it last looked at and the
	 * newest audit entry it found then. */
	long long desk_dv, desk_mark;
	bool desk_known;
	/* Read-only handles of a user who may not write the file or its
	 * directory (see pd_db_open): why not, else empty. Such a handle reads
	 * a file nobody has open as immutable, which holds only while `mark`
	 * stays as it was; guard_fd holds a reader's lock on the file so that
	 * no writer's close removes -wal and -shm while we decide how to look
	 * (-1 when none). */
	char readonly_why[2 * 4096 + 256];
	bool immutable;
	bool unsettled;       /* a read met a -shm being set up: look again */
	pd_file_mark mark;
	int guard_fd;
	/* The file a writable handle opened, by device and inode: its -wal and
	 * -shm go by the path's name, so once the path names another file (a
	 * copy restored with mv, the file removed) this handle must write no
	 * more, nor checkpoint or remove them on close (see pd_db_replaced). */
	dev_t file_dev;
	ino_t file_ino;
	bool file_known, replaced;
	/* What the user should know about how the file was opened (pd_db_note),
	 * else empty. */
	char note[3 * 4096 + 512];
};

/* A prepared statement for sql, from the handle's cache (prepared on first
 * use). Hand it back with pd_stmt_done, which resets and clears it. If the
 * same SQL is already handed out (a nested use), a private one is prepared
 * and finalized by pd_stmt_done. */
sqlite3_stmt *pd_stmt(pd_db *db, const char *sql, pd_error *err);
/* Records sql's query plan while explain.h's recorder is on. */
void pd_explain_record(pd_db *db, const char *sql);
void pd_stmt_done(pd_db *db, sqlite3_stmt *st);

/* Fills one element of a list, handed over zeroed, from the statement's
 * current row; false only when out of memory. */
typedef bool pd_row_fill(sqlite3_stmt *st, void *row);
/* Steps st, prepared and bound, to its end and hands it back, each row
 * filled by fill into a new element of `size` bytes at the end of the array
 * whose pointer is at `rows` (&out->v) and whose count is *n (&out->n),
 * grown as pd_grow grows it from `first`. False with err set when a step
 * fails (an error about `doing`) or memory runs out; the rows read by then
 * stay in the array, the one being filled counted, for the caller to free
 * as it frees the list. */
bool pd_rows_read(pd_db *db, sqlite3_stmt *st, void *rows, size_t *n, size_t size, size_t first,
	pd_row_fill *fill, const char *doing, pd_error *err);
/* One new element, zeroed and counted in *n, at the end of the array whose
 * pointer is at `rows`, grown as pd_grow grows it (*cap: the room it has);
 * NULL when out of memory, the array as it was. */
void *pd_row_add(void *rows, size_t *n, size_t *cap, size_t size, size_t first);

/* Another connection to db's own file, only reading, with none of
 * pd_db_open's checks (db passed them): in WAL mode it sees what was last
 * committed, not what db is writing. Fails (PD_ERR_REPLACED) when db's
 * path names another file now. Closed with pd_db_close, before db. */
pd_db *pd_db_open_reader(pd_db *db, pd_error *err);

/* A private directory's mkdtemp template beside dest for a copy of the
 * desk: ".NAME<tag>.PID.XXXXXX" where NAME is dest's base. The next
 * pd_db_backup beside it removes one whose process is gone (see
 * sweep_in in db.c), with the copy in it. */
void pd_copy_dir_template(const char *dest, const char *tag, char *out, size_t size);

/* Drops the words guess.c keeps (the connection closes, or names
 * another file). */
void pd_guess_forget(pd_db *db);

/* The partners whose names or people's names hold every one of a filter's
 * words of one or two letters (words: their LIKE patterns, in order),
 * as a JSON array of ids and their number in *n, when this handle gathered
 * them with the desk as it is now and outside a transaction; else NULL.
 * pd_name_set_mark notes where the desk is before a set is gathered;
 * pd_name_set_put keeps the set (a copy of ids) in place of the last when
 * the desk is still there: a colleague's commit that lands while the names
 * are read, or after and before the desk's version is looked at, would
 * otherwise label a set of the desk before with the version after.
 * pd_name_set_forget drops it (a restore put another file's pages in). */
typedef struct pd_name_mark {
	long long dv;      /* PRAGMA data_version */
	int64_t changes;   /* sqlite3_total_changes64 */
	bool ok;           /* false inside a transaction or when unknown */
} pd_name_mark;
const char *pd_name_set_get(pd_db *db, char *const *words, size_t n_words, long *n);
pd_name_mark pd_name_set_mark(pd_db *db);
void pd_name_set_put(pd_db *db, pd_name_mark mark, char *const *words, size_t n_words, const char *ids,
	long n);
void pd_name_set_forget(pd_db *db);

/* Sets err from the connection's last error; `doing` says what we were at. */
bool pd_db_fail(pd_db *db, pd_error *err, const char *doing);
/* The one number a fixed "SELECT count(*) ..." gives; -1 with err set. */
long pd_count(pd_db *db, const char *sql, const char *doing, pd_error *err);
/* The same from a statement pd_stmt prepared and bound; it is done after. */
long pd_count_step(pd_db *db, sqlite3_stmt *st, const char *doing, pd_error *err);
/* Maps an SQLite result code to our status. */
pd_status pd_db_status(int rc);

/* Runs one statement with no results (no bound values). */
bool pd_db_exec(pd_db *db, const char *sql, pd_error *err);

/* Binding helpers: NULL or "" text binds NULL where noted. */
void pd_bind_text(sqlite3_stmt *st, int i, const char *s);         /* NULL -> NULL */
void pd_bind_text_or_null(sqlite3_stmt *st, int i, const char *s); /* NULL or "" -> NULL */
void pd_bind_id(sqlite3_stmt *st, int i, int64_t id);             /* 0 -> NULL */

/* Column helpers. */
char *pd_col_str(sqlite3_stmt *st, int i);            /* NULL stays NULL; NULL on OOM too */
/* pd_col_str into *out, false only when out of memory (not for NULL). */
bool pd_col_copy(sqlite3_stmt *st, int i, char **out);
void pd_col_buf(sqlite3_stmt *st, int i, char *out, size_t size);   /* NULL -> "" */

/* The current time in ISO UTC from the handle's clock. */
void pd_db_stamp(const pd_db *db, char out[PD_TIME_LEN]);
/* Today's local date from the handle's clock. */
void pd_db_today(const pd_db *db, char out[PD_DATE_LEN]);

/* Appends an audit row (inside the caller's transaction). The partner it
 * belongs to is found from the entity's row. */
bool pd_audit_write(pd_db *db, const char *entity, int64_t entity_id, const char *action,
	const char *detail, pd_error *err);

/* What an update changed, field by field, as it was and as it became
 * (NULL for empty); kept with the audit row. */
typedef struct pd_change {
	const char *field;
	char *old_value, *new_value;
} pd_change;
typedef struct pd_changes {
	pd_change *v;
	size_t n, cap;
	bool nomem;
} pd_changes;
/* Adds field when old and new differ ("" and NULL are the same). */
void pd_changes_add(pd_changes *c, const char *field, const char *old_value, const char *new_value);
/* Adds a value list as "a, b, c" (each side sorted as stored). */
void pd_changes_add_list(pd_changes *c, const char *field, const pd_strv *old_value,
	const pd_strv *new_value);
void pd_changes_finish(pd_changes *c);

/* pd_audit_write with the changes, and with the partner given (0: found
 * from the entity, as for pd_audit_write): a delete names the partner
 * itself, as the deleted row cannot. */
bool pd_audit_write_changes(pd_db *db, const char *entity, int64_t entity_id, int64_t partner_id,
	const char *action, const char *detail, const pd_changes *changes, pd_error *err);

/* Fills err for a version-check failure on entity #id: who changed it and
 * when, from the audit trail, or that it no longer exists. */
bool pd_conflict(pd_db *db, pd_error *err, const char *entity, int64_t id, const char *what);

/* The name of partner #id into out (truncated to size), or PD_ERR_NOTFOUND:
 * the check every write to a partner's rows makes first. */
bool pd_partner_name(pd_db *db, int64_t id, char *out, size_t size, pd_error *err);
/* PD_ERR_NOTFOUND for partner #id, saying where it went when it was
 * merged ("...: it was merged into #9 (Museum of Art)" and then `then`):
 * a form or note opened before a colleague's merge learns where to look.
 * Always false. */
bool pd_partner_gone(pd_db *db, int64_t id, const char *then, pd_error *err);

/* SQL for a new row's id in `table`: past every id a row of the audit
 * trail's `entity` ever had, not only past the rows there now. The tables
 * have no AUTOINCREMENT, and SQLite gives a deleted newest row's id to the
 * next one, so whatever still names the old one (a draft, a kept note's
 * `log #7`, a script, the trail itself) would find a stranger. Every
 * insert of a partner, person, log entry and agreement writes the
 * append-only trail, so its highest id of the entity is the high-water
 * mark, with no migration; each max() is one lookup at an end of a
 * b-tree: the table's own (NOT INDEXED: with statistics from when the
 * table was small, SQLite read all of partners_by_uid for max(id)) and
 * audit_by_entity. PD_MAX_ID alone is the filter's estimate of a desk's
 * size, on every filtered list. */
#define PD_MAX_ID(table) "coalesce((SELECT max(id) FROM " table " NOT INDEXED), 0)"
#define PD_NEXT_ID(table, entity) \
	"max(" PD_MAX_ID(table) ", " \
	"coalesce((SELECT max(entity_id) FROM audit WHERE entity = '" entity "'), 0)) + 1"

/* Steps a version-checked UPDATE or DELETE (one that ends "WHERE id = ?
 * AND version = ?") and hands the statement back: a failed step is an error
 * about `doing`; no row changed means the version moved, and that is the
 * conflict on entity #id, never a silent success. */
bool pd_step_versioned(pd_db *db, sqlite3_stmt *st, const char *doing,
	const char *entity, int64_t id, const char *what, pd_error *err);

/* Rebuilds the search document for one partner (name, kind, tags, contact
 * names, interaction text), inside the caller's transaction. Inside an
 * outer transaction (an import, several writes made one) the rebuild waits
 * for the outermost commit, so a partner written 14 times is indexed once. */
bool pd_search_refresh(pd_db *db, int64_t partner_id, pd_error *err);
bool pd_search_remove(pd_db *db, int64_t partner_id, pd_error *err);
/* Registers the SQL functions the rebuild builds documents with,
 * pd_search_doc(), pd_phone_digits() and pd_phone_home() (search.c). */
bool pd_search_register(pd_db *db);
/* A filter's text (folded) read as a phone number, one reading for the
 * list's search (partner.c) and for the person the text names
 * (contact_match.c). */
typedef struct pd_phone_query {
	/* NULL when the text is not a number (a character other than digits
	 * and " -.()+/", or under 6 digits); else its digits run together,
	 * in ASCII whatever script they were typed in, allocated. They are
	 * looked up anywhere in a number on file */
	char *digits;
	/* where the same number is looked up anywhere less what it starts
	 * with: past the 00 that is a +; 0 when it has no such form (a
	 * trunk 0 alone: less it, the number is looked up at the start of
	 * one, as the document holds every number with its country code
	 * dialled at home too) */
	size_t local;
	/* where the number less its country code starts in digits (past a
	 * 0 written after the code: +44 (0)1758 ...), when the text is
	 * written with one (+ or 00) and 7 digits or more follow it, or past
	 * North America's long-distance 1 (1 804 555 0231); 0 when not. It
	 * is looked up at the start of a number on file, after a trunk or
	 * without one */
	size_t national;
	/* static: {"0"} mostly, {"1"} for +1, {"8"} for +7, {"0", "8"} for
	 * Lithuania, {""} where there is none; NULL after the last */
	const char *trunk[2];
} pd_phone_query;
/* False only when out of memory; pd_phone_query_finish frees. */
bool pd_search_phone_digits(const char *text, pd_phone_query *q);
void pd_phone_query_finish(pd_phone_query *q);
/* A phone's folded text as the search document holds it run together: the
 * spaces, dashes, dots and brackets taken out, the digits of the scripts
 * search.c knows in ASCII. NULL when out of memory. */
char *pd_search_phone_run(const char *folded);
/* A phone run together (as above) written with its country code (after
 * + or 00, or without either by search.c's rule: 33612345678), as
 * dialled at home: a line for each of its country's trunks, where the
 * run does not hold it at its start (pd_phone_home in SQL). NULL with
 * *none when it has no such form, without when out of memory. */
char *pd_search_phone_home(const char *run, bool *none);
/* Whether q finds a phone whose run (as above) and home forms (or NULL)
 * these are, as the search finds it in the document (partner.c). */
bool pd_search_phone_found(const pd_phone_query *q, const char *run, const char *home);
/* Registers pd_likely_domain(), pd_likely_page() and pd_loose_key()
 * (likely_same.c) on the connection. */
bool pd_likely_register(pd_db *db);
/* Rebuilds the documents waiting for the commit (pd_db_commit calls it;
 * a text query calls it first so it never reads a stale index). */
bool pd_search_flush(pd_db *db, pd_error *err);
/* Forgets them (the transaction rolled back). */
void pd_search_forget(pd_db *db);

/* What a partner's row derives from what was typed, as `check` finds it
 * stale and `check --repair` remakes it (repair.c): one wording for both. */
#define PD_STALE_NAME_KEY "name_fold IS NOT pd_name_key(name)"
#define PD_STALE_ORDER_KEY "sort_key IS NOT pd_sort_key(name)"
#define PD_DOMAIN_KEYS_SET \
	"website_key = pd_likely_domain(website, 0), email_key = pd_likely_domain(email, 1)"
#define PD_STALE_DOMAIN_KEYS \
	"(website_key IS NOT pd_likely_domain(website, 0) OR email_key IS NOT pd_likely_domain(email, 1))"
#define PD_LOOSE_KEY_SET "loose_key = pd_loose_key(name)"
#define PD_STALE_LOOSE_KEY "loose_key IS NOT pd_loose_key(name)"
#define PD_MISSING_SEARCH "id NOT IN (SELECT rowid FROM partner_search)"
#define PD_LAST_CONTACT_OF "(SELECT max(at) FROM interactions i WHERE i.partner_id = partners.id)"
#define PD_NEXT_FOLLOW_UP_OF \
	"(SELECT min(follow_up) FROM interactions i WHERE i.partner_id = partners.id " \
	"AND i.done = 0 AND i.follow_up IS NOT NULL)"

/* Appends a stage-history row, stamped now and by the OS user. */
bool pd_history_write(pd_db *db, int64_t partner_id, const char *from, const char *to,
	const char *reason, const char *review_date, const char *approved_by, pd_error *err);

/* Recomputes partners.last_contact and next_follow_up for one partner. */
bool pd_partner_refresh_activity(pd_db *db, int64_t partner_id, pd_error *err);

/* Turns text pd_fold already folded (a name key) into its sort key in
 * place: pd_sort_key without folding twice. */
void pd_sort_key_in_place(char *folded);

/* "a, b, c" from a string vector, truncated to size. */
void pd_join(const pd_strv *sv, char *out, size_t size);

/* Room for element n of an array v holding *cap: v itself while there is
 * room, else v grown to twice *cap (first when empty) and *cap updated.
 * NULL when out of memory, or when the bytes that takes do not fit a
 * size_t, with v and *cap as they were. */
static inline void *pd_grow(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	if (n < *cap)
		return v;
	size_t want = *cap ? *cap * 2 : first;
	/* A doubling that wrapped comes out below *cap; unchecked, either
	 * wrap would hand back a block smaller than the room it counts. */
	if (want < *cap || want > SIZE_MAX / size)
		return NULL;
	void *grown = realloc(v, want * size);
	if (grown)
		*cap = want;
	return grown;
}

/* Refuses text that is not UTF-8 (typed in a Latin-1 terminal, say) before
 * it is stored, naming the field: stored, it would show as U+FFFD
 * everywhere and leave JSON and YAML exports unable to carry it as given.
 * fields[i] may be NULL; labels[i] names it for the message. */
bool pd_require_utf8(const char *const *fields, const char *const *labels, size_t n, pd_error *err);
bool pd_require_utf8_list(const pd_strv *sv, const char *label, pd_error *err);
/* PD_NOTES_MAX for text; what says what it is, with its verb ("the note
 * is"). */
bool pd_require_notes_max(const char *text, const char *what, pd_error *err);
/* A name new to its record (old: the name stored, NULL for a new record)
 * is held to PD_NAME_MAX and must show something (not only no-break,
 * ideographic or zero-width spaces); one kept from before, unchanged, does
 * not hold up an edit of the rest. whose: "partner's", "contact's". */
bool pd_require_name_fits(const char *name, const char *old, const char *whose, pd_error *err);

#endif
