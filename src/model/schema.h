/* The schema's migration steps and the objects `check` expects to find;
 * private to src/model/. */
#ifndef PARTNERDESK_MODEL_SCHEMA_H
#define PARTNERDESK_MODEL_SCHEMA_H

/* pd_migrations[v] takes user_version v to v + 1. */
extern const char *const pd_migrations[];
extern const int pd_n_migrations;
/* When not NULL, pd_migrations_after_previous[v] is what step v runs
 * instead of pd_migrations[v] in an upgrade that has just run step v - 1,
 * when nobody else wrote in between. */
extern const char *const pd_migrations_after_previous[];

/* NULL-terminated names that a current schema must hold. */
extern const char *const pd_schema_tables[];
extern const char *const pd_schema_indexes[];
extern const char *const pd_schema_triggers[];

/* A phone's digits run together (ASCII, whatever script they were
 * typed in; spaces, dashes, dots, brackets and the slash of a German
 * 0621/293-8933 taken out), NULL where the phone is written so already
 * (or is NULL):
 * col is a fixed column name. pd_phone_digits() is search.c's. */
#define PD_PHONE_DIGITS(col) "pd_phone_digits(" col ")"
/* A phone written with its country code as dialled at home, a line for
 * each trunk (+33 6 12 34 56 78 is 0612345678), NULL where it has no
 * such form or holds it at its start (+1 ...): pd_phone_home() is
 * search.c's. */
#define PD_PHONE_HOME(col) "pd_phone_home(" col ")"

/* The body of partner p's search document, fixed SQL shared by search.c
 * and migrations 15, 17, 18, 20, 21 and 22: its kind, tags, audiences and
 * branches (since 22), contact names (those removed
 * keep the name their log entries hold), its people's emails and phones
 * (a caller is mostly a person at the partner), logged text, and what a person types or an
 * import keeps about the partner (notes, mission, address, website, email,
 * phone, and the phone's digits run together, as a number read off a
 * caller's display is typed, and written with its country code as
 * dialled at home), folded by pd_search_doc. */
#define PD_SEARCH_BODY_OF_P \
	"pd_search_doc(p.kind, " \
	"  (SELECT group_concat(value, char(10)) FROM partner_tags WHERE partner_id = p.id), " \
	"  (SELECT group_concat(value, char(10)) FROM partner_audiences WHERE partner_id = p.id), " \
	"  (SELECT group_concat(value, char(10)) FROM partner_branches WHERE partner_id = p.id), " \
	"  (SELECT group_concat(name, char(10)) FROM " \
	"    (SELECT * FROM (SELECT name FROM contacts WHERE partner_id = p.id ORDER BY id) " \
	"     UNION ALL SELECT * FROM (SELECT DISTINCT contact_name FROM interactions " \
	"       WHERE partner_id = p.id AND contact_id IS NULL AND contact_name IS NOT NULL " \
	"       ORDER BY contact_name))), " \
	"  (SELECT group_concat(v, char(10)) FROM " \
	"    (SELECT email AS v FROM contacts WHERE partner_id = p.id " \
	"     UNION ALL SELECT phone FROM contacts WHERE partner_id = p.id " \
	"     UNION ALL SELECT " PD_PHONE_DIGITS("phone") " FROM contacts WHERE partner_id = p.id " \
	"     UNION ALL SELECT " PD_PHONE_HOME("phone") " FROM contacts WHERE partner_id = p.id)), " \
	"  (SELECT group_concat(text, char(10)) FROM " \
	"    (SELECT text FROM interactions WHERE partner_id = p.id AND text <> '' " \
	"     ORDER BY at, id)), " \
	"  p.notes, p.mission, p.address, p.website, p.email, p.phone, " \
	"  " PD_PHONE_DIGITS("p.phone") ", " PD_PHONE_HOME("p.phone") ")"

/* Fills every NULL uid of partners, contacts and interactions with the key
 * the exports built before uids were stored (io/uid.c up to migration 7):
 * the creation time compacted, and ".N" for the N-th created in that same
 * second, counted among partners by name (collation pd_fold, then bytes,
 * then id), among a partner's contacts in the contact list's order, among a
 * partner's log entries in the log's order. A partner key another partner
 * holds already (a restore into a desk that has it) is made random.
 * Fixed SQL: shared by migration 7 and a restore of an older backup. */
#define PD_UID_COMPACT(col) "replace(replace(" col ", '-', ''), ':', '')"
#define PD_UID_NTH "CASE WHEN n > 1 THEN '.' || n ELSE '' END"
#define PD_UID_RANDOM "lower(hex(randomblob(16)))"
#define PD_DERIVE_UIDS \
	"UPDATE partners SET uid = CASE WHEN EXISTS (SELECT 1 FROM partners q WHERE q.uid = d.key)\n" \
	"  THEN " PD_UID_RANDOM " ELSE d.key END\n" \
	"  FROM (SELECT id, " PD_UID_COMPACT("created") " || " PD_UID_NTH " AS key FROM\n" \
	"    (SELECT id, created, row_number() OVER (PARTITION BY created\n" \
	"       ORDER BY name COLLATE pd_fold, name COLLATE BINARY, id) AS n\n" \
	"     FROM partners WHERE uid IS NULL)) AS d\n" \
	"  WHERE partners.id = d.id;\n" \
	"UPDATE contacts SET uid = d.key\n" \
	"  FROM (SELECT id, " PD_UID_COMPACT("created") " || " PD_UID_NTH " AS key FROM\n" \
	"    (SELECT id, created, row_number() OVER (PARTITION BY partner_id, created\n" \
	"       ORDER BY name_fold, id) AS n\n" \
	"     FROM contacts WHERE uid IS NULL)) AS d\n" \
	"  WHERE contacts.id = d.id;\n" \
	"UPDATE interactions SET uid = d.key\n" \
	"  FROM (SELECT id, " PD_UID_COMPACT("created") " || " PD_UID_NTH " AS key FROM\n" \
	"    (SELECT id, created, row_number() OVER (PARTITION BY partner_id, created\n" \
	"       ORDER BY at, id) AS n\n" \
	"     FROM interactions WHERE uid IS NULL)) AS d\n" \
	"  WHERE interactions.id = d.id;\n"

#endif
