/* Which partner field a spreadsheet column holds: header names and their
 * synonyms (Organisation, E-mail, Telephone ...), and `--map COLUMN=FIELD`
 * overrides. Shared by the CSV importer and its tests. */
#ifndef PARTNERDESK_IO_FIELD_MAP_H
#define PARTNERDESK_IO_FIELD_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/error.h"

typedef enum pd_field {
	PD_FIELD_NONE = 0,       /* not recognised: kept in notes as "Header: value" */
	PD_FIELD_IGNORE,         /* --map COL=ignore: dropped on purpose */
	PD_FIELD_NAME,
	PD_FIELD_KIND,
	PD_FIELD_SCALE,
	PD_FIELD_STAGE,
	PD_FIELD_EMAIL,
	PD_FIELD_WEBSITE,
	PD_FIELD_PHONE,
	PD_FIELD_ADDRESS,        /* several columns (Address 1, Town, Postcode) join */
	PD_FIELD_NOTES,
	PD_FIELD_TAGS,
	PD_FIELD_AUDIENCES,
	PD_FIELD_BRANCHES,
	PD_FIELD_OWNER,
	PD_FIELD_MISSION,
	PD_FIELD_POSITION,       /* the partner's position in the community */
	PD_FIELD_DIRECTIONS,     /* the partner's strategic directions */
	PD_FIELD_CONTACT,        /* a contact person's name */
	PD_FIELD_CONTACT_TITLE,
	PD_FIELD_CONTACT_EMAIL,
	PD_FIELD_CONTACT_PHONE,
	PD_FIELD_FISCAL_MONTH,   /* 1-12 */
	PD_FIELD_REVIEW_DATE,    /* YYYY-MM-DD */
	PD_FIELD_FIRST_NAME,     /* the contact person's first (and middle) name */
	PD_FIELD_LAST_NAME,      /* and last: joined into the contact's name */
	PD_FIELD_LABELS,         /* an address book's labels: tags, " ::: " between
	                            them, its own ("* myContacts") left out; only a
	                            layout reads a column so, never --map */
	PD_FIELD__COUNT
} pd_field;

/* How a column came to be read as its field, for the lines that tell the
 * user before a row is imported. */
typedef enum pd_field_how {
	PD_HOW_HEADER = 0,       /* by its header: the field's name or a synonym */
	PD_HOW_LAYOUT,           /* as the address-book layout reads that column */
	PD_HOW_MAP,              /* by --map */
	PD_HOW_OTHER_NAME,       /* named the partner too, but another column is
	                            the name: read as the contact person or kept */
} pd_field_how;

/* The name --map uses for a field ("name", "contact_email", "ignore"). */
const char *pd_field_name(pd_field f);
/* A field from what a person wrote after --map's '=' (names and synonyms);
 * PD_FIELD_NONE when unknown. */
pd_field pd_field_parse(const char *text);
/* The field a header names, by synonym, ignoring case, spaces and
 * punctuation; PD_FIELD_NONE when it names none. */
pd_field pd_field_from_header(const char *header);

/* Whether header reads as its field only as a guess, to be borne out by
 * the column's cells: "Stufe", "Etapa", "Fase", "Stade", "Étape" head a
 * school's year group or a project's phase as often as a partner's stage,
 * and "Status" says Active or Inactive as often.
 * "Stage", "Relationship stage" and a --map are sure. */
bool pd_field_header_guess(const char *header);

/* When the header row is a known address-book export (Google Contacts,
 * Outlook), a sentence saying so and how its columns are read; NULL when
 * it is not. pd_field_map_build reads such a row that way. */
const char *pd_field_layout(char *const *headers, size_t n_headers);

/* Checks one --map argument: "COLUMN=FIELD" with a field --map knows;
 * PD_ERR_INVALID with the way to write it, or the fields, otherwise. */
bool pd_field_map_check(const char *override, pd_error *err);

/* Fills cols[0..n_headers) for a header row (as its layout says, if it has
 * one), then applies overrides of the form "COLUMN=FIELD" (COLUMN compared
 * as headers are). Of several columns naming the partner one is its name:
 * one --map made so, else the most particular header (Partner, then
 * Organisation, Company ..., then Name, then Library); a "Name" beside a
 * more particular one is the contact person when no other column names
 * the person, the others are kept in the notes. how (NULL: not wanted)
 * gets how each column was read. An override naming no column or no
 * field is PD_ERR_INVALID with the choices in the message. */
bool pd_field_map_build(char *const *headers, size_t n_headers,
	const char *const *overrides, size_t n_overrides, pd_field *cols, pd_field_how *how,
	pd_error *err);

/* What the import says about a header row pd_field_map_build read, each
 * NULL when there is nothing to say (or out of memory); the caller frees.
 * name_choice: which of several columns naming the partner is its name,
 * what became of the others, and the --map that swaps them. readings: the
 * columns but the name's read by a synonym that is not (and does not
 * hold) the field's own name ("Site" as website), on at most two lines,
 * with the --map that keeps one in the notes. */
char *pd_field_map_name_choice(char *const *headers, size_t n_headers, const pd_field *cols,
	const pd_field_how *how);
char *pd_field_map_readings(char *const *headers, size_t n_headers, const pd_field *cols,
	const pd_field_how *how);

/* When the row names a contact person and a plain "Phone" (else "Email")
 * column is read as the partner's, with no column of the person's of that
 * kind: a sentence saying so and the --map that makes it the person's;
 * NULL otherwise. The caller frees. */
char *pd_field_map_whose(char *const *headers, size_t n_headers, const pd_field *cols,
	const pd_field_how *how);

/* The list of field names for messages: "name, kind, ...". */
const char *pd_field_names_list(void);

#endif
