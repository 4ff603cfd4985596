/* `partnerdesk export`: the whole database as a YAML backup, CSV, JSON,
 * iCalendar (open follow-ups and stage reviews) or vCards (contact
 * people), to a stream or to a file written safely (temp + rename). */
#ifndef PARTNERDESK_IO_EXPORT_H
#define PARTNERDESK_IO_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

typedef enum pd_export_format {
	PD_EXPORT_YAML = 0,
	PD_EXPORT_CSV,
	PD_EXPORT_JSON,
	PD_EXPORT_ICS,
	PD_EXPORT_VCF,
	PD_EXPORT_CSV_EXCEL,   /* csv for a spreadsheet (--excel): pd_csv_out_init(..., true) */
} pd_export_format;

/* "yaml", "csv", "json", "ics", "vcf" (and "vcard", "ical", "yml"); never
 * PD_EXPORT_CSV_EXCEL, which is csv asked for with --excel. */
bool pd_export_format_parse(const char *s, pd_export_format *out);
/* The format a file name suggests (by extension); false when none. */
bool pd_export_format_for_path(const char *path, pd_export_format *out);

/* Writes db in fmt to f; progress (may be NULL) gets a progress line when
 * it is a terminal and the export is big. items (may be NULL) gets what the
 * file holds: partners (yaml, csv, json), to-dos and events (ics), cards
 * (vcf), so that a caller can say when that is nothing at all. */
bool pd_export_write(pd_db *db, pd_export_format fmt, FILE *f, FILE *progress, size_t *items,
	pd_error *err);

/* The file a chain of symbolic links at path ends at (path itself when it
 * is none), so that an export or a backup replaces what a `latest.yaml ->
 * ...` link points to rather than the link. The end need not exist yet.
 * Malloc'd; NULL with err set for a loop, or for a link or an existing
 * file on the way that another user owns in a sticky directory anyone may
 * write (/tmp): what they planted is neither followed nor replaced. */
char *pd_path_follow_links(const char *path, pd_error *err);

/* The same to path: a new file is created 0600 (an existing one keeps its
 * mode), written to a temporary file beside it and renamed over it only
 * when complete, so a failed export never leaves half a file. A symbolic
 * link is written through: the file it points at is replaced, beside
 * itself, and the link stays. The database's own file and its -wal/-shm
 * are refused (pd_db_is_own_file). watch (may be NULL) is told about the
 * temporary file; the directory is synced after the rename. */
bool pd_export_to_path(pd_db *db, pd_export_format fmt, const char *path, FILE *progress,
	const pd_temp_watch *watch, size_t *items, pd_error *err);

/* The writers behind pd_export_write; progress and items as there. */
bool pd_ics_write(pd_db *db, FILE *f, FILE *progress, size_t *items, pd_error *err);
bool pd_vcard_write(pd_db *db, FILE *f, FILE *progress, size_t *items, pd_error *err);

#endif
