/* Importing files into the database: the options and counts every format
 * shares, and the entry point that picks the reader by --format or by the
 * file itself. Everything happens in one transaction: all or nothing. */
#ifndef PARTNERDESK_IO_IMPORT_H
#define PARTNERDESK_IO_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/contact_check.h"
#include "partnerdesk/model/db.h"
#include "partnerdesk/model/likely_same.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/partner.h"

typedef enum pd_import_format {
	PD_IMPORT_AUTO = 0,     /* by extension, then by content */
	PD_IMPORT_CSV,
	PD_IMPORT_YAML,
	PD_IMPORT_VCF,
} pd_import_format;

typedef enum pd_dup_policy {
	PD_DUP_SKIP = 0,   /* a partner of that name exists: leave it */
	PD_DUP_MERGE,      /* fill it in from the row */
	PD_DUP_NEW,        /* add another of the same name */
} pd_dup_policy;

/* The rows an import skipped for a name the desk already holds, kept
 * until the reader is done (pd_import_skip_known): a few are named, many
 * are counted on one line. */
typedef struct pd_import_known pd_import_known;

typedef struct pd_import_opts {
	const char *name;              /* the file as the user named it, for messages */
	pd_import_format format;
	pd_dup_policy on_duplicate;
	bool dry_run;                  /* do it all, report it, roll it back */
	bool keep_going;               /* commit the good rows despite bad ones */
	const char *const *maps;       /* "COLUMN=FIELD" overrides (CSV) */
	size_t n_maps;
	pd_csv_encoding encoding;      /* CSV */
	FILE *out;                     /* row-by-row lines of a dry run; NULL: none */
	FILE *err;                     /* "partnerdesk: FILE:ROW: reason" lines; NULL: none */
	FILE *progress;                /* where progress goes if it is a terminal */
	int out_cols, err_cols;        /* the width of the terminal out and err show on,
	                                  0 for a pipe or a file: a long finding is
	                                  wrapped within it (and 80) on a terminal, one
	                                  line a finding elsewhere */
	FILE *held;                    /* set by pd_import_buffer, not by callers: where
	                                  an import that one bad row would still undo
	                                  keeps the likely duplicates it names, said
	                                  once it is committed ("added as #12" of a
	                                  row no failed import wrote misled) */
	pd_import_known *known;        /* set by pd_import_buffer, not by callers: the
	                                  skips of names the desk holds, and the
	                                  messages held with them while they may be
	                                  few; NULL: said as they come */
	const char *partner;           /* vCard: the partner (id, name or prefix) of
	                                  people whose card has no ORG; NULL: skip them */
	/* Called right before the commit (after = false) and right after it
	 * (after = true, with whether it took), so that a caller can hold
	 * signals across the one moment that decides whether anything was
	 * imported and then say which it was. May be NULL. */
	void (*committing)(bool after, bool committed);
} pd_import_opts;

/* What a vCard holds that has no field of its own and is kept in the
 * notes, by kind, for the summary to name. */
enum {
	PD_NOTED_PHONE = 1 << 0,
	PD_NOTED_EMAIL = 1 << 1,
	PD_NOTED_ADDRESS = 1 << 2,
	PD_NOTED_WEBSITE = 1 << 3,
	PD_NOTED_CHAT = 1 << 4,      /* IMPP, social profiles */
	PD_NOTED_DATE = 1 << 5,      /* birthday, anniversary */
	PD_NOTED_OTHER = 1 << 6,     /* department, categories, nickname, ... */
};

typedef struct pd_import_stats {
	long added, merged, skipped, failed;
	long contacts;                 /* contact people added */
	long contacts_matched;         /* of them, at a partner the row matched by name (CSV) */
	long warnings;                 /* cells reported and not applied */
	long likely;                   /* of the added, those likely the same as a partner
	                                  already in the desk (a similar name, a domain) */
	long skipped_same_file;        /* of the skipped, for an earlier row's or card's name */
	long skipped_other;            /* the others --on-duplicate new would add (the desk's
	                                  names, a row that added its person to an earlier row's) */
	bool cards;                    /* the file holds vCards, not rows */
	long noted;                    /* cards some of whose details went into notes */
	unsigned noted_kinds;          /* which (PD_NOTED_*) */
	char noted_columns[1024];      /* CSV: the columns kept in the notes, each header
	                                  quoted, ", " between ("" none) */
	bool committed;                /* false after a dry run or a refused import */
	bool kinds_listed;             /* a warning has listed the configured kinds: once
	                                  is enough, every row again fills a screen */
} pd_import_stats;

/* Reads path and imports it. Returns false when nothing was written: a
 * file-level error, a bad row without keep_going (err says how many), a
 * database error. Row problems go to opts->err as they are found. */
bool pd_import_file(pd_db *db, const char *path, const pd_import_opts *opts,
	pd_import_stats *stats, pd_error *err);
/* The file at path ("-": standard input) in memory, for the caller to
 * free; NULL with err set when it can't be read (missing, a directory,
 * too big). Lets a command read its input before it creates a database. */
char *pd_import_read(const char *path, size_t *len, pd_error *err);
/* Whether the options suit a file of format fmt: --map only for CSV,
 * --partner only for vCards; false with err saying why otherwise. With
 * --format given this is a usage error, found before the file is read. */
bool pd_import_options_fit(pd_import_format fmt, const pd_import_opts *opts, pd_error *err);
/* What can be refused before a database is touched: a file in a format
 * partnerdesk does not read (its own JSON export, a database copy made by
 * backup, a workbook or PDF not saved as CSV) and options that do not suit
 * its format. */
bool pd_import_check(const char *data, size_t len, const pd_import_opts *opts, pd_error *err);
/* The same for a buffer already in memory (tests, fuzzing). */
bool pd_import_buffer(pd_db *db, const char *data, size_t len, const pd_import_opts *opts,
	pd_import_stats *stats, pd_error *err);

/* "12 added, 1 merged, 3 skipped, 0 failed", and ", 2 warnings" when
 * something in the file was not applied and a warning said so; for
 * vCards whose details went into notes, which kinds for how many cards;
 * for a spreadsheet, every column it kept in the notes by its header, on
 * lines of their own after a '\n', indented by two spaces, within 80
 * columns. */
void pd_import_summary(const pd_import_stats *st, char *buf, size_t size);
/* What to do about rows skipped for the name of an earlier row of the same
 * file (most likely two partners, or people, who share a name), said once
 * after the summary; which advice holds depends on whether the import was
 * written (st->committed): --on-duplicate new for the whole file only
 * while nothing is in and no other row would be added by it. False, and buf
 * empty, when there is nothing to advise. */
bool pd_import_advice(const pd_import_stats *st, char *buf, size_t size);

/* The per-format importers, called inside the transaction pd_import_*
 * opened; each reports rows and fills stats. False aborts the import. */
bool pd_csv_import(pd_db *db, const char *data, size_t len, const pd_import_opts *opts,
	pd_import_stats *stats, pd_error *err);
bool pd_vcard_import(pd_db *db, const char *data, size_t len, const pd_import_opts *opts,
	pd_import_stats *stats, pd_error *err);
bool pd_backup_import(pd_db *db, const char *data, size_t len, const pd_import_opts *opts,
	pd_import_stats *stats, pd_error *err);

/* --on-duplicate merge for a contact person: row's title, email and phone
 * fill and replace contact id's, row's notes lines are merged as
 * pd_import_notes_merge does (labels: pd_import_card_labels); the contact
 * is saved only if something changed. */
/* Notes merged line by line, for every import that merges: a line of add
 * already among have's lines (whole, ignoring spaces at the ends) is left
 * out, so a short note is never lost because its text occurs inside a
 * longer one; a "Label: value" line whose Label is one of labels (a
 * column the import keeps in the notes) replaces have's line of that
 * Label when each holds it once; the rest are appended. Returns the new
 * notes (caller frees; NULL: out of memory); *changed: they differ. */
char *pd_import_notes_merge(const char *have, const char *add, const char *const *labels,
	size_t n_labels, bool *changed);
/* v, in place, without a leading scheme ("mailto:" or "tel:", any case):
 * what follows it trimmed, and after mailto: its "?subject=..." dropped.
 * A spreadsheet or an address book may hold a link where an address or a
 * number goes. Returns v. */
char *pd_import_strip_scheme(char *v, const char *scheme);
/* The labels of the lines a vCard import writes into notes. */
extern const char *const pd_import_card_labels[];
extern const size_t pd_import_n_card_labels;
bool pd_import_contact_merge(pd_db *db, int64_t id, const pd_contact *row, pd_error *err);

/* Where a skipped row is named: in a dry run, the plan on stdout (once,
 * among the other rows); otherwise stderr. Always named: a count alone
 * hides which rows the librarian must look at. */
FILE *pd_import_skip_to(const pd_import_opts *opts);
/* A row or card skipped because the desk already holds a partner (or,
 * person, a contact person) of its name, as "FILE:ROW: skip ...": in a
 * dry run a line of the plan as it comes; otherwise held, with the
 * messages that come after it, until it is known whether there are at
 * most PD_IMPORT_KNOWN_NAMED of them: more within PD_IMPORT_KNOWN_WAIT
 * rows of the first, and they are counted on one line (a backup imported
 * again into its own desk named every partner of it) and the messages go
 * out at once; else, once those rows are read or the file ends, each is
 * said in row order among those messages, and later ones as they come,
 * those past PD_IMPORT_KNOWN_NAMED counted on one line at the end. */
#define PD_IMPORT_KNOWN_NAMED 10
#define PD_IMPORT_KNOWN_WAIT 1000
void pd_import_skip_known(const pd_import_opts *opts, bool person, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The reader is through `done` of its rows (cards, partners), as
 * pd_progress_step is told: skips held longer than PD_IMPORT_KNOWN_WAIT
 * rows are said, and the messages held with them. */
void pd_import_at_row(const pd_import_opts *opts, long done);

/* What one import has made, by id, an entry of `size` bytes each (zero
 * until set): the ids of one transaction's inserts only grow, so every id
 * from the first on is this import's. Lets a row or card tell a match
 * with something the same file made from one with the desk's own. */
typedef struct pd_import_made {
	size_t size;          /* set before use */
	int64_t first_id;     /* 0 until the first entry */
	unsigned char *v;
	size_t n, cap;
} pd_import_made;

/* The entry for id, zeroed when new; NULL when out of memory (only the
 * telling apart is lost) or when id comes before this import's first. */
void *pd_import_made_slot(pd_import_made *m, int64_t id);
/* The entry for id; NULL when none was made for it. */
void *pd_import_made_get(const pd_import_made *m, int64_t id);
void pd_import_made_finish(pd_import_made *m);

/* A model error met while storing the row or card at line of the file:
 * one the model refused the row for (PD_ERR_INVALID: a field it does not
 * take) is reported as FILE:LINE: reason and counted failed, so that the
 * other rows go in as --keep-going says (true); any other ends the import
 * with err naming the line (false). */
bool pd_import_refused(const pd_import_opts *opts, pd_import_stats *st, long line,
	const pd_error *e, pd_error *err);

/* One row or card under keep_going, all or nothing: pd_import_unit_begin
 * before it is stored, pd_import_unit_end after with what storing it
 * returned. A unit that counted a failure is undone in the database and
 * in the counts (the failure and warnings stay counted); a false `ok`
 * ends the import, which rolls everything back. Without keep_going any
 * failure rolls back the whole import, so nothing is done per unit. */
typedef struct pd_import_unit {
	bool on;
	pd_import_stats before;
} pd_import_unit;
bool pd_import_unit_begin(pd_db *db, const pd_import_opts *opts, const pd_import_stats *st,
	pd_import_unit *u, pd_error *err);
bool pd_import_unit_end(pd_db *db, const pd_import_unit *u, pd_import_stats *st, bool ok,
	pd_error *err);

/* A dry run's plan under a merged row or card (import_plan.c): each line
 * is counted in *n and written to `to`; to NULL only counts, so that the
 * row's own line can say "nothing changes" before the lines it heads. */
void pd_import_plan_line(const pd_import_opts *opts, FILE *to, long *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Each partner field old -> now, tags added, notes lines taken out and
 * put in; address_kept: the row's address, said to be only part of the
 * partner's (kept), or NULL. */
void pd_import_plan_partner(const pd_import_opts *opts, FILE *to, long *n, const pd_partner *old,
	const pd_partner *now, const char *address_kept);
/* The same for a contact person's title, email, phone and notes, indented
 * by indent spaces. */
void pd_import_plan_contact(const pd_import_opts *opts, FILE *to, long *n, int indent,
	const pd_contact *old, const pd_contact *now);

/* An email, phone or website from the file that can't be one
 * (pd_reach_check): never a reason to refuse the row or card (a typo in
 * one cell of a spreadsheet), so it is stored as the file has it, warned
 * of as "FILE:LINE: warning: [who: ]why; kept as it is" and counted in
 * st->warnings. who names the contact person the value is of ("contact
 * \"Jane Doe\""), or is NULL for the partner's own. */
void pd_import_warn_reach(const pd_import_opts *opts, pd_import_stats *st, long line,
	const char *who, pd_reach what, const char *value);

/* A row or card just added as the new partner p that the desk likely
 * holds already (by likely_same.h's rules; the same name is left to
 * --on-duplicate): *like, id 0 when none; *more, how many others. Only
 * partners before first_id (this import's first, 0: none yet) are looked
 * at: what the file itself holds alike is not. like's strings are the
 * caller's to free. */
bool pd_import_likely_find(pd_db *db, int64_t first_id, const pd_partner *p, pd_likely *like,
	size_t *more, pd_error *err);
/* Says so: in a dry run two plan lines under the add line, else one
 * message with the partnerdesk merge that joins the two, each wrapped on
 * a terminal (opts' out_cols, err_cols), never inside a name. line: the
 * row's or card's. */
void pd_import_likely_say(const pd_import_opts *opts, long line, const pd_partner *p,
	const pd_likely *like, size_t more);

/* Writes "partnerdesk: " fmt "\n" to opts->err (to opts->out: without the
 * prefix) with bytes that could steer a terminal (escape sequences from a
 * hostile file) shown as placeholders (^[, \xNN). On a terminal (opts'
 * err_cols, out_cols) the line is wrapped within it and 80 columns at
 * spaces, never inside the file's name and row, a quoted "name" or
 * `command`, or a partnerdesk command; later lines are indented by two
 * spaces more than the first. Elsewhere it stays one line, for grep. */
void pd_import_report(const pd_import_opts *opts, FILE *to, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* text (not a format) as pd_import_report says it, after lead on the
 * first line and indent on the lines it wraps onto: a command's own
 * messages and summary wrapped as the import's are. */
void pd_import_say_text(const pd_import_opts *opts, FILE *to, const char *lead, const char *indent,
	const char *text);
/* A message (not a format) whose newlines are its layout, as the model
 * writes "say which:\n  #1 ...": on a terminal each line is wrapped alone
 * as pd_import_say_text wraps one, the first after the program's name,
 * the rest under their own indent; elsewhere written as it is, a line
 * each. */
void pd_import_say_lines(const pd_import_opts *opts, FILE *to, const char *text);

#endif
