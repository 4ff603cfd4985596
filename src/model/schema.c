/* The schema as migration steps, indexed by PRAGMA user_version: step i
 * takes a database from version i to i + 1. Never edit a released step;
 * append a new one. Each step sets user_version and application_id itself,
 * so db.c applies it in one transaction with nothing formatted at run time. */
#include <stddef.h>

#include "schema.h"

/* Times are ISO 8601 UTC text, dates YYYY-MM-DD, so they sort as text.
 * Every row carries created, updated and version; updates name the version
 * they read (optimistic locking for several people on one file). */
static const char migration_1[] =
	"CREATE TABLE partners (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
	"  name_fold TEXT NOT NULL,\n"       /* pd_name_key(name): sort and match */
	"  kind TEXT,\n"
	"  scale TEXT CHECK (scale IN ('macro', 'micro')),\n"
	"  stage TEXT NOT NULL,\n"
	"  mission TEXT,\n"
	"  position TEXT,\n"
	"  directions TEXT,\n"
	"  fiscal_month INTEGER NOT NULL DEFAULT 0 CHECK (fiscal_month BETWEEN 0 AND 12),\n"
	"  website TEXT,\n"
	"  phone TEXT,\n"
	"  email TEXT,\n"
	"  address TEXT,\n"
	"  owner TEXT,\n"
	"  notes TEXT,\n"
	"  review_date TEXT,\n"
	"  last_contact TEXT,\n"             /* latest interaction time, kept by the model */
	"  next_follow_up TEXT,\n"           /* earliest open follow-up, kept by the model */
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX partners_by_name ON partners (name_fold, id);\n"
	"CREATE INDEX partners_by_stage ON partners (stage, name_fold);\n"
	"CREATE INDEX partners_by_kind ON partners (kind, name_fold);\n"
	"CREATE INDEX partners_by_last_contact ON partners (last_contact);\n"
	"CREATE INDEX partners_kanban ON partners (stage, last_contact);\n"
	"CREATE INDEX partners_by_follow_up ON partners (next_follow_up) WHERE next_follow_up IS NOT NULL;\n"
	"CREATE INDEX partners_by_review ON partners (review_date) WHERE review_date IS NOT NULL;\n"
	"CREATE INDEX partners_by_updated ON partners (updated);\n"
	"\n"
	"CREATE TABLE partner_tags (\n"
	"  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,\n"
	"  value TEXT NOT NULL,\n"
	"  value_fold TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL,\n"
	"  PRIMARY KEY (partner_id, value_fold)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX partner_tags_by_value ON partner_tags (value_fold, partner_id);\n"
	"CREATE TABLE partner_audiences (\n"
	"  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,\n"
	"  value TEXT NOT NULL,\n"
	"  value_fold TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL,\n"
	"  PRIMARY KEY (partner_id, value_fold)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX partner_audiences_by_value ON partner_audiences (value_fold, partner_id);\n"
	"CREATE TABLE partner_branches (\n"
	"  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,\n"
	"  value TEXT NOT NULL,\n"
	"  value_fold TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL,\n"
	"  PRIMARY KEY (partner_id, value_fold)\n"
	") WITHOUT ROWID;\n"
	"\n"
	"CREATE TABLE contacts (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,\n"
	"  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
	"  name_fold TEXT NOT NULL,\n"
	"  title TEXT,\n"
	"  email TEXT,\n"
	"  phone TEXT,\n"
	"  notes TEXT,\n"
	"  channel TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX contacts_by_partner ON contacts (partner_id, name_fold);\n"
	"\n"
	"CREATE TABLE interactions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,\n"
	"  contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,\n"
	"  at TEXT NOT NULL,\n"
	"  channel TEXT,\n"
	"  staff TEXT,\n"
	"  text TEXT NOT NULL DEFAULT '',\n"
	"  follow_up TEXT,\n"
	"  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX interactions_by_partner ON interactions (partner_id, at);\n"
	"CREATE INDEX interactions_by_contact ON interactions (contact_id) WHERE contact_id IS NOT NULL;\n"
	"CREATE INDEX interactions_by_at ON interactions (at);\n"
	"CREATE INDEX interactions_open_follow_ups ON interactions (follow_up, partner_id)\n"
	"  WHERE done = 0 AND follow_up IS NOT NULL;\n"
	"\n"
	"CREATE TABLE stage_history (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,\n"
	"  from_stage TEXT,\n"
	"  to_stage TEXT NOT NULL,\n"
	"  at TEXT NOT NULL,\n"
	"  moved_by TEXT NOT NULL,\n"
	"  reason TEXT,\n"
	"  review_date TEXT,\n"
	"  approved_by TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX stage_history_by_partner ON stage_history (partner_id, at, id);\n"
	"CREATE INDEX stage_history_by_at ON stage_history (at);\n"
	"\n"
	"CREATE TABLE agreements (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,\n"
	"  stage TEXT,\n"
	"  title TEXT,\n"
	"  start_date TEXT,\n"
	"  end_date TEXT,\n"
	"  review_date TEXT,\n"
	"  approved_by TEXT,\n"
	"  notes TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX agreements_by_partner ON agreements (partner_id, created);\n"
	"CREATE TABLE agreement_offers (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,\n"
	"  side TEXT NOT NULL CHECK (side IN ('library', 'partner')),\n"
	"  item TEXT NOT NULL,\n"
	"  note TEXT,\n"
	"  position INTEGER NOT NULL,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX agreement_offers_by_agreement ON agreement_offers (agreement_id, position);\n"
	"\n"
	"CREATE TABLE fit_scores (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,\n"
	"  criterion TEXT NOT NULL,\n"
	"  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 3),\n"
	"  note TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL,\n"
	"  UNIQUE (partner_id, criterion)\n"
	");\n"
	"CREATE TABLE goals (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  partner_id INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,\n"
	"  goal TEXT NOT NULL,\n"
	"  note TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL,\n"
	"  UNIQUE (partner_id, goal)\n"
	");\n"
	"\n"
	"CREATE TABLE drafts (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  form TEXT NOT NULL,\n"
	"  partner_id INTEGER REFERENCES partners (id) ON DELETE SET NULL,\n"
	"  target_id INTEGER,\n"
	"  target_version INTEGER,\n"
	"  payload TEXT NOT NULL DEFAULT '',\n"
	"  os_user TEXT NOT NULL,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX drafts_by_user ON drafts (os_user, updated);\n"
	"\n"
	"CREATE TABLE audit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  os_user TEXT NOT NULL,\n"
	"  entity TEXT NOT NULL,\n"
	"  entity_id INTEGER,\n"
	"  action TEXT NOT NULL,\n"
	"  detail TEXT,\n"
	"  version INTEGER NOT NULL DEFAULT 1,\n"
	"  created TEXT NOT NULL,\n"
	"  updated TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX audit_by_entity ON audit (entity, entity_id, id);\n"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;\n"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;\n"
	"\n"
	/* One folded document per partner (rowid = partners.id); trigram
	 * tokens make any substring of 3+ characters an index lookup. */
	"CREATE VIRTUAL TABLE partner_search USING fts5 (name, body,\n"
	"  tokenize = 'trigram case_sensitive 0');\n"
	"\n"
	"PRAGMA application_id = 1346655051;\n"   /* PD_APPLICATION_ID, "PDSK" */
	"PRAGMA user_version = 1;\n";

/* Names sort by pd_sort_key (Łódź among the L's, not after Z); name_fold
 * stays the key names are matched and told apart by. pd_sort_key() is the
 * SQL function the model registers on every connection. */
static const char migration_2[] =
	"ALTER TABLE partners ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';\n"
	"UPDATE partners SET sort_key = pd_sort_key(name);\n"
	"CREATE INDEX partners_by_sort_key ON partners (sort_key, id);\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 2;\n";

/* Drafts name the session typing them (host, process, and a heartbeat it
 * refreshes while the form is open), so that a note still being typed in
 * another window is not offered back as left by an ended session, nor
 * opened twice. A draft with no owner belongs to an ended session. */
static const char migration_3_draft_owner[] =
	"ALTER TABLE drafts ADD COLUMN owner_host TEXT;\n"
	"ALTER TABLE drafts ADD COLUMN owner_pid INTEGER;\n"
	"ALTER TABLE drafts ADD COLUMN heartbeat TEXT;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 3;\n";

/* Keys made before pd_fold normalised text (NFKC_Casefold): a name typed
 * decomposed ("Muse" + COMBINING ACUTE + "e") was keyed apart from the same
 * name composed. Every stored key is made again by the functions the model
 * registers, and the search documents as search.c builds them; only rows
 * whose key changes are written (ASCII text keys as before), so a desk of
 * 100,000 partners and a million log entries is not rewritten whole.
 * Two values of one partner's list that now share a key (a tag saved once
 * composed and once decomposed) become one, the first saved kept.
 * Self-contained: it can take another number if migrations are merged. */
#define REFOLD_LIST(table) \
	"DELETE FROM refold_values;\n" \
	"INSERT INTO refold_values SELECT partner_id, value, pd_name_key(value), version, created, updated\n" \
	"  FROM " table " WHERE partner_id IN\n" \
	"    (SELECT partner_id FROM " table " WHERE value_fold IS NOT pd_name_key(value));\n" \
	"DELETE FROM " table " WHERE partner_id IN (SELECT partner_id FROM refold_values);\n" \
	"INSERT OR IGNORE INTO " table " (partner_id, value, value_fold, version, created, updated)\n" \
	"  SELECT partner_id, value, value_fold, version, created, updated FROM refold_values\n" \
	"  ORDER BY partner_id, created, value;\n"

/* Every stored key made again by the functions the model registers; only
 * rows whose key changes are written. */
#define REFOLD_KEYS \
	"UPDATE partners SET name_fold = pd_name_key(name), sort_key = pd_sort_key(name)\n" \
	"  WHERE name_fold IS NOT pd_name_key(name) OR sort_key IS NOT pd_sort_key(name);\n" \
	"UPDATE contacts SET name_fold = pd_name_key(name) WHERE name_fold IS NOT pd_name_key(name);\n" \
	"CREATE TEMP TABLE refold_values (partner_id, value, value_fold, version, created, updated);\n" \
	REFOLD_LIST("partner_tags") \
	REFOLD_LIST("partner_audiences") \
	REFOLD_LIST("partner_branches") \
	"DROP TABLE refold_values;\n"

/* The search documents, as search.c builds them, of the partners chosen by
 * what follows (a FROM clause), into the temp table refold_docs. */
#define REFOLD_DOCS_AS \
	"CREATE TEMP TABLE refold_docs AS\n" \
	"  SELECT p.id AS id, p.name_fold AS name, pd_search_doc(p.kind,\n" \
	"    (SELECT group_concat(value, char(10)) FROM partner_tags WHERE partner_id = p.id),\n" \
	"    (SELECT group_concat(name, char(10)) FROM\n" \
	"      (SELECT name FROM contacts WHERE partner_id = p.id ORDER BY id)),\n" \
	"    (SELECT group_concat(text, char(10)) FROM\n" \
	"      (SELECT text FROM interactions WHERE partner_id = p.id AND text <> ''\n" \
	"       ORDER BY at, id))) AS body\n"

static const char migration_4_refold[] =
	REFOLD_KEYS
	REFOLD_DOCS_AS
	"  FROM partners p;\n"
	"DELETE FROM refold_docs WHERE EXISTS (SELECT 1 FROM partner_search s\n"
	"  WHERE s.rowid = refold_docs.id AND s.name IS refold_docs.name AND s.body IS refold_docs.body);\n"
	"DELETE FROM partner_search WHERE rowid IN (SELECT id FROM refold_docs);\n"
	"INSERT INTO partner_search (rowid, name, body) SELECT id, name, body FROM refold_docs;\n"
	"DROP TABLE refold_docs;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 4;\n";

/* Keys made before typographic apostrophes, quotes and dashes folded to
 * the keyboard's (pd_fold): "St Mary’s" from a spreadsheet was keyed apart
 * from "St Mary's" typed, so the filter missed it and an import added it
 * twice. The keys are made again as in migration 4; of the search
 * documents only those the new folding changes are rebuilt (a stored
 * document is folded text, so it changes exactly when folding it again
 * does), which on a desk of a million log entries is a read, not a
 * rewrite. */
static const char migration_5_refold_punctuation[] =
	REFOLD_KEYS
	"CREATE TEMP TABLE refold_ids AS SELECT s.rowid AS id FROM partner_search s\n"
	"  WHERE s.name IS NOT (SELECT name_fold FROM partners WHERE id = s.rowid)\n"
	"     OR s.body IS NOT pd_search_doc(s.body, NULL, NULL, NULL);\n"
	REFOLD_DOCS_AS
	"  FROM partners p WHERE p.id IN (SELECT id FROM refold_ids);\n"
	"DELETE FROM partner_search WHERE rowid IN (SELECT id FROM refold_docs);\n"
	"INSERT INTO partner_search (rowid, name, body) SELECT id, name, body FROM refold_docs;\n"
	"DROP TABLE refold_docs;\n"
	"DROP TABLE refold_ids;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 5;\n";

/* The agenda reads agreements by review and end date (the current
 * agreement's dates are on it); without these it would read every
 * agreement each time the status bar counts what is due.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_6_agreement_dates[] =
	"CREATE INDEX agreements_by_review ON agreements (review_date) WHERE review_date IS NOT NULL;\n"
	"CREATE INDEX agreements_by_end ON agreements (end_date) WHERE end_date IS NOT NULL;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 6;\n";

/* The audit trail says what a change changed: audit_changes holds each
 * changed field of an update as it was and as it became (a rename keeps
 * the old name, an edit of notes the old text), and audit.partner_id
 * names the partner an entry belongs to, so that a partner's trail holds
 * its contacts', log entries' and agreements' entries too, even after the
 * row itself was deleted. Rows written before this step keep their
 * detail and gain the partner where the row still exists and is not a
 * later row that took a deleted one's id (made after the entry).
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_7_audit_changes[] =
	"ALTER TABLE audit ADD COLUMN partner_id INTEGER;\n"
	"DROP TRIGGER audit_no_update;\n"
	"UPDATE audit SET partner_id = CASE entity\n"
	"  WHEN 'partner' THEN entity_id WHEN 'fit' THEN entity_id WHEN 'goal' THEN entity_id\n"
	"  WHEN 'contact' THEN (SELECT partner_id FROM contacts WHERE id = audit.entity_id AND created <= audit.at)\n"
	"  WHEN 'interaction' THEN (SELECT partner_id FROM interactions WHERE id = audit.entity_id AND created <= audit.at)\n"
	"  WHEN 'agreement' THEN (SELECT partner_id FROM agreements WHERE id = audit.entity_id AND created <= audit.at)\n"
	"  WHEN 'stage_history' THEN (SELECT partner_id FROM stage_history WHERE id = audit.entity_id AND created <= audit.at)\n"
	"  END;\n"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;\n"
	"CREATE INDEX audit_by_partner ON audit (partner_id, id) WHERE partner_id IS NOT NULL;\n"
	"CREATE TABLE audit_changes (\n"
	"  audit_id INTEGER NOT NULL REFERENCES audit (id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  field TEXT NOT NULL,\n"
	"  old TEXT,\n"
	"  new TEXT,\n"
	"  PRIMARY KEY (audit_id, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE TRIGGER audit_changes_no_update BEFORE UPDATE ON audit_changes\n"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;\n"
	"CREATE TRIGGER audit_changes_no_delete BEFORE DELETE ON audit_changes\n"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 7;\n";

/* A uid per partner, contact and log entry, made once when the row is
 * and never changed, so that the calendar and card exports' UIDs do not
 * move when a name does. Rows made before keep the key their exports had
 * (PD_DERIVE_UIDS), so a calendar that imported an export sees no change.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_8_uids[] =
	"ALTER TABLE partners ADD COLUMN uid TEXT;\n"
	"ALTER TABLE contacts ADD COLUMN uid TEXT;\n"
	"ALTER TABLE interactions ADD COLUMN uid TEXT;\n"
	"CREATE UNIQUE INDEX partners_by_uid ON partners (uid);\n"
	PD_DERIVE_UIDS
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 8;\n";

/* A person or log entry is found by its uid when our own export comes
 * back (a vCard's UID names the partner's uid and the person's) and
 * whenever one is added with a uid (is it taken at that partner?);
 * without these each of those read all of the partner's rows, so
 * re-importing a partner's people grew with their number squared. Not UNIQUE: a uid
 * is its partner's only, and migration 8 derived the same key for rows of
 * different partners made in the same second (any import does that); it
 * does not check a derived key against a partner's kept ones either
 * (a restore of an old backup), so a unique index could refuse a real
 * desk's upgrade. NULL uids, which a restore leaves until it derives them,
 * are indexed like any value. partner_id second: the lookups name it.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_9_uid_indexes[] =
	"CREATE INDEX contacts_by_uid ON contacts (uid, partner_id);\n"
	"CREATE INDEX interactions_by_uid ON interactions (uid, partner_id);\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 9;\n";

/* The name a log entry's person had, kept when the person is removed
 * from the partner's people (ON DELETE SET NULL empties contact_id), so
 * the log still says who was talked to. Written at removal, not at log
 * time: while the person is on the list the entry reads the name through
 * contact_id, so a corrected spelling shows on every entry and a rename
 * rewrites no entries; only a removal, which already stamps the entries
 * it touches, copies the name. NULL whenever contact_id names someone.
 * Entries whose person was removed before this step stay without a name:
 * neither they nor the audit trail recorded which person they named.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_10_removed_contact[] =
	"ALTER TABLE interactions ADD COLUMN contact_name TEXT;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 10;\n";

/* Each search document a new folding changes, folded again where it is
 * (a document is folded text), with its partner's name key as stored. */
#define REFOLD_DOCS_IN_PLACE \
	"CREATE TEMP TABLE refold_docs AS\n" \
	"  SELECT s.rowid AS id, p.name_fold AS name, pd_search_doc(s.body, NULL, NULL, NULL) AS body\n" \
	"  FROM partner_search s JOIN partners p ON p.id = s.rowid\n" \
	"  WHERE s.name IS NOT p.name_fold OR s.body IS NOT pd_search_doc(s.body, NULL, NULL, NULL);\n" \
	"DELETE FROM partner_search WHERE rowid IN (SELECT id FROM refold_docs);\n" \
	"INSERT INTO partner_search (rowid, name, body) SELECT id, name, body FROM refold_docs;\n" \
	"DROP TABLE refold_docs;\n"

/* Keys made before pd_fold took diacritics off (text.c, plain_letters):
 * "Café Olé" was keyed apart from "Cafe Ole", so "cafe" typed did not
 * find it and an import added it twice. The keys are made again as in
 * migration 4 (two tags of one partner that now share a key, "Café" and
 * "Cafe", become one, the first saved kept). A search document is folded
 * text and folding it again gives what folding its sources does now, so
 * each document the new folding changes is folded again where it is,
 * not rebuilt from the partner's rows: whatever the documents hold stays
 * in them, and a desk of English text is read, not rewritten.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_11_refold_diacritics[] =
	REFOLD_KEYS
	REFOLD_DOCS_IN_PLACE
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 11;\n";

/* Keys made before pd_fold mapped the punctuation a compatibility
 * decomposition makes (text.c, keyboard_punctuation): the Afrikaans "ŉ"
 * keyed as "ʼn", so "'n" typed did not find "ŉ Nuwe Begin", and a key
 * folded again was not itself (also ‴ ⁗, ⁻ ₋ and the vertical and small
 * dashes ︱ ︲ ﹘). Keys and search documents are made again as in
 * migration 11; only rows holding one of those eight characters change.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_12_refold_punctuation[] =
	REFOLD_KEYS
	REFOLD_DOCS_IN_PLACE
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 12;\n";

/* The merge picker's likely duplicates of a partner are those sharing its
 * website host or email domain (likely_same.c); found by a LIKE over every
 * partner's website and email, the picker read the whole table each time
 * it opened (30 ms at 100,000 partners, 450 ms at a million; from the
 * indexes, under a millisecond). Each partner's keys, pd_likely_domain()
 * of its website and of its email, are stored beside them (written with
 * them by partner.c, as name_fold is) and indexed where a partner has one. A change to what
 * pd_likely_domain() keys (its list of shared domains) makes them again
 * in a migration of its own, as a new folding does name_fold.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_13_likely_keys[] =
	"ALTER TABLE partners ADD COLUMN website_key TEXT;\n"
	"ALTER TABLE partners ADD COLUMN email_key TEXT;\n"
	"UPDATE partners SET website_key = pd_likely_domain(website, 0), email_key = pd_likely_domain(email, 1)\n"
	"  WHERE website IS NOT NULL OR email IS NOT NULL;\n"
	"CREATE INDEX partners_by_website_key ON partners (website_key) WHERE website_key IS NOT NULL;\n"
	"CREATE INDEX partners_by_email_key ON partners (email_key) WHERE email_key IS NOT NULL;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 13;\n";

/* An imported partner wrote some 1,230 bytes against the 87 of its row in
 * a plain table (tests/bench, import_100k, dbstat); these are parts no
 * reader needs. stage_history_by_at (33 B a partner): no statement reads
 * the history by time alone, only a partner's by partner_id (the report
 * sorts by partner_id, at, id: stage_history_by_partner). The search
 * index's per-document sizes (partner_search_docsize, 11 B): they serve
 * only bm25() and the auxiliary functions, which nothing calls; the
 * documents are copied as they are, not rebuilt. detail=full stays: every
 * word searched is a phrase of trigrams. partners_by_stage stays too,
 * though partners_kanban also leads with stage: a stage filter with a
 * short word tests name_fold in it without reading the rows. Five
 * indexes named a table's id as their last column, which SQLite stores
 * again as the rowid that ends every entry (4 B each an entry); made
 * again without it they hold the same entries in the same order, and
 * answer the same ORDER BY ..., id. IF EXISTS: a desk missing one of them
 * (check names it) still upgrades, and gets the ones it keeps made.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_14_leaner[] =
	"DROP INDEX IF EXISTS stage_history_by_at;\n"
	"CREATE VIRTUAL TABLE partner_search_next USING fts5 (name, body,\n"
	"  tokenize = 'trigram case_sensitive 0', columnsize = 0);\n"
	"INSERT INTO partner_search_next (rowid, name, body) SELECT rowid, name, body FROM partner_search;\n"
	"DROP TABLE partner_search;\n"
	"ALTER TABLE partner_search_next RENAME TO partner_search;\n"
	"DROP INDEX IF EXISTS partners_by_name;\n"
	"CREATE INDEX partners_by_name ON partners (name_fold);\n"
	"DROP INDEX IF EXISTS partners_by_sort_key;\n"
	"CREATE INDEX partners_by_sort_key ON partners (sort_key);\n"
	"DROP INDEX IF EXISTS stage_history_by_partner;\n"
	"CREATE INDEX stage_history_by_partner ON stage_history (partner_id, at);\n"
	"DROP INDEX IF EXISTS audit_by_entity;\n"
	"CREATE INDEX audit_by_entity ON audit (entity, entity_id);\n"
	"DROP INDEX IF EXISTS audit_by_partner;\n"
	"CREATE INDEX audit_by_partner ON audit (partner_id) WHERE partner_id IS NOT NULL;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 14;\n";

/* A partner's notes, mission, address, website, email and phone join its
 * search document (search.c): what an import keeps of a sheet's unmapped
 * columns goes into the notes, and a librarian who filters for a word of
 * it ("visites scolaires", a postcode) must find the partner. The
 * documents of partners that hold any of them are made again as search.c
 * makes them now; the others' are as they were.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_15_search_details[] =
	"CREATE TEMP TABLE detail_docs AS\n"
	"  SELECT p.id AS id, p.name_fold AS name, " PD_SEARCH_BODY_OF_P " AS body FROM partners p\n"
	"  WHERE coalesce(p.notes, p.mission, p.address, p.website, p.email, p.phone) IS NOT NULL;\n"
	"DELETE FROM partner_search WHERE rowid IN (SELECT id FROM detail_docs);\n"
	"INSERT INTO partner_search (rowid, name, body) SELECT id, name, body FROM detail_docs;\n"
	"DROP TABLE detail_docs;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 15;\n";

/* The merge picker and check offer as likely the same two partners whose
 * names differ only by an article, a legal form, a plural, '&' for "and"
 * or "St" for "Saint" ("The Museum of Cardiff", "Museum of Cardiff"):
 * the same loose key, pd_likely_loose_name() (likely_same.c). It is
 * stored, as name_fold is, where it is not the name key itself
 * (pd_loose_key() is NULL there, and a lookup reads the name index for
 * those), and indexed where it is stored: most names have nothing to
 * drop, and cost no bytes for it. A change to what the loose key drops
 * makes it again in a migration of its own.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_16_loose_names[] =
	"ALTER TABLE partners ADD COLUMN loose_key TEXT;\n"
	"UPDATE partners SET loose_key = pd_loose_key(name) WHERE pd_loose_key(name) IS NOT NULL;\n"
	"CREATE INDEX partners_by_loose_key ON partners (loose_key) WHERE loose_key IS NOT NULL;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 16;\n";

/* The partner's people's emails and phones join its search document
 * (search.c): the number on a caller's display, the address in the inbox,
 * is mostly a person's at the partner, and found nobody. The documents of
 * partners with such a person are made again as search.c makes them now.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_17_search_people[] =
	"CREATE TEMP TABLE people_docs AS\n"
	"  SELECT p.id AS id, p.name_fold AS name, " PD_SEARCH_BODY_OF_P " AS body FROM partners p\n"
	"  WHERE EXISTS (SELECT 1 FROM contacts c WHERE c.partner_id = p.id\n"
	"    AND coalesce(c.email, c.phone) IS NOT NULL);\n"
	"DELETE FROM partner_search WHERE rowid IN (SELECT id FROM people_docs);\n"
	"INSERT INTO partner_search (rowid, name, body) SELECT id, name, body FROM people_docs;\n"
	"DROP TABLE people_docs;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 17;\n";

/* A number is found by its digits whatever script they were typed in
 * (٠٦ ١٢ ٣٤ ٥٦ ٧٨ is 06 12 34 56 78), and written with its country code
 * by the number on file without it, which is looked up at the start of a
 * line (search.c, partner.c). The documents that change are made again as
 * search.c makes them now: those of partners with a phone, or a person
 * with a phone, beyond ASCII (pd_phone_digits reads their digits and
 * spaces), and those that begin with a digit or + (a partner whose phone
 * is all its document holds), which begin with a newline now. A phone in
 * ASCII runs together as before, but for a slash (0621/293-8933, as
 * German sheets write the area code), which is taken out now: the number
 * as a display shows it (06212938933) found nobody.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_18_phone_digits[] =
	"CREATE TEMP TABLE phone_docs AS\n"
	"  SELECT p.id AS id, p.name_fold AS name, " PD_SEARCH_BODY_OF_P " AS body FROM partners p\n"
	"  WHERE length(p.phone) <> length(CAST(p.phone AS BLOB))\n"
	"    OR EXISTS (SELECT 1 FROM contacts c WHERE c.partner_id = p.id\n"
	"      AND length(c.phone) <> length(CAST(c.phone AS BLOB)))\n"
	"    OR instr(p.phone, '/') OR EXISTS (SELECT 1 FROM contacts c WHERE c.partner_id = p.id\n"
	"      AND instr(c.phone, '/'))\n"
	"    OR p.id IN (SELECT rowid FROM partner_search WHERE substr(body, 1, 1) GLOB '[0-9+]');\n"
	"DELETE FROM partner_search WHERE rowid IN (SELECT id FROM phone_docs);\n"
	"INSERT INTO partner_search (rowid, name, body) SELECT id, name, body FROM phone_docs;\n"
	"DROP TABLE phone_docs;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 18;\n";

/* The loose key drops every leading article, not the first only: "The El
 * Paso Museum of Art" kept its El and was not "El Paso Museum of Art". A
 * name whose key changes has an article to drop, so a loose key stored
 * already: only those are read.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_19_loose_articles[] =
	"UPDATE partners SET loose_key = pd_loose_key(name)\n"
	"  WHERE loose_key IS NOT NULL AND loose_key IS NOT pd_loose_key(name);\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 19;\n";

/* A number typed with its trunk 0 (06 12 34 56 78) is found at the
 * start of one on file, not inside another (+1 612 345 6789 holds
 * 612345678): the document holds each number written with its country
 * code as dialled at home too (pd_phone_home, search.c), where it found
 * that number less its 0 anywhere. The documents of partners with such
 * a phone, or a person with one, are made again as search.c makes them
 * now; a number that has no home form apart from what it holds (+1 ...,
 * a country without a trunk) changes nothing, and is only read.
 * Self-contained: it can take another number if migrations are merged. */
static const char migration_20_phone_home[] =
	"CREATE TEMP TABLE home_docs AS\n"
	"  SELECT p.id AS id, p.name_fold AS name, " PD_SEARCH_BODY_OF_P " AS body FROM partners p\n"
	"  WHERE p.id IN (SELECT id FROM partners WHERE " PD_PHONE_HOME("phone") " IS NOT NULL\n"
	"    UNION SELECT partner_id FROM contacts WHERE " PD_PHONE_HOME("phone") " IS NOT NULL);\n"
	"DELETE FROM partner_search WHERE rowid IN (SELECT id FROM home_docs);\n"
	"INSERT INTO partner_search (rowid, name, body) SELECT id, name, body FROM home_docs;\n"
	"DROP TABLE home_docs;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 20;\n";

/* A number on file with its country code but without + or 00
 * (33612345678, as Excel leaves +33 6 12 34 56 78) is found by the
 * number dialled at home (06 12 34 56 78), which its document holds now
 * (pd_phone_home, search.c, reads the code by its rule); since 20 it
 * found nobody. The documents of partners with a phone that has a home
 * form, or a person with one, and is not written after + or 00 (which
 * migration 20 made) are made again; the rest is only read.
 * Self-contained: it can take another number if migrations are merged. */
#define BARE_HOME(col) \
	"(" PD_PHONE_HOME(col) " IS NOT NULL AND NOT instr(" col ", '+')" \
	" AND ltrim(" col ", ' (') NOT LIKE '00%')"
static const char migration_21_phone_home_bare[] =
	"CREATE TEMP TABLE bare_docs AS\n"
	"  SELECT p.id AS id, p.name_fold AS name, " PD_SEARCH_BODY_OF_P " AS body FROM partners p\n"
	"  WHERE p.id IN (SELECT id FROM partners WHERE " BARE_HOME("phone") "\n"
	"    UNION SELECT partner_id FROM contacts WHERE " BARE_HOME("phone") ");\n"
	"DELETE FROM partner_search WHERE rowid IN (SELECT id FROM bare_docs);\n"
	"INSERT INTO partner_search (rowid, name, body) SELECT id, name, body FROM bare_docs;\n"
	"DROP TABLE bare_docs;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 21;\n";
#undef BARE_HOME

/* The audiences and branches a partner serves and is served by are in
 * its search document: "Northside" in the filter missed the partners of
 * the Northside branch, and "seniors" those who serve seniors, though a
 * tag was found. The documents of partners with either are made again;
 * the rest is only read. Self-contained: it can take another number if
 * migrations are merged. */
static const char migration_22_search_lists[] =
	"CREATE TEMP TABLE list_docs AS\n"
	"  SELECT p.id AS id, p.name_fold AS name, " PD_SEARCH_BODY_OF_P " AS body FROM partners p\n"
	"  WHERE p.id IN (SELECT partner_id FROM partner_audiences\n"
	"    UNION SELECT partner_id FROM partner_branches);\n"
	"DELETE FROM partner_search WHERE rowid IN (SELECT id FROM list_docs);\n"
	"INSERT INTO partner_search (rowid, name, body) SELECT id, name, body FROM list_docs;\n"
	"DROP TABLE list_docs;\n"
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 22;\n";

const char *const pd_migrations[] = {
	migration_1,
	migration_2,
	migration_3_draft_owner,
	migration_4_refold,
	migration_5_refold_punctuation,
	migration_6_agreement_dates,
	migration_7_audit_changes,
	migration_8_uids,
	migration_9_uid_indexes,
	migration_10_removed_contact,
	migration_11_refold_diacritics,
	migration_12_refold_punctuation,
	migration_13_likely_keys,
	migration_14_leaner,
	migration_15_search_details,
	migration_16_loose_names,
	migration_17_search_people,
	migration_18_phone_digits,
	migration_19_loose_articles,
	migration_20_phone_home,
	migration_21_phone_home_bare,
	migration_22_search_lists,
};

const int pd_n_migrations = (int)(sizeof pd_migrations / sizeof *pd_migrations);

/* Migration 11 makes every key and search document with the functions of
 * the program running it, which fold what migration 12 refolds; in the
 * upgrade that ran 11, 12 would read every key and document again (some
 * 20 s on a desk of a million partners) to change nothing. A desk at 11,
 * folded by an older program, still gets 12 whole, as does one such a
 * program wrote to between the two steps (db.c's migrate). */
static const char migration_12_after_11[] =
	"PRAGMA application_id = 1346655051;\n"
	"PRAGMA user_version = 12;\n";

const char *const pd_migrations_after_previous[sizeof pd_migrations / sizeof *pd_migrations] = {
	[11] = migration_12_after_11,
};

const char *const pd_schema_tables[] = {
	"partners", "partner_tags", "partner_audiences", "partner_branches",
	"contacts", "interactions", "stage_history", "agreements",
	"agreement_offers", "fit_scores", "goals", "drafts", "audit",
	"audit_changes", "partner_search", NULL,
};

const char *const pd_schema_indexes[] = {
	"partners_by_name", "partners_by_sort_key", "partners_by_stage", "partners_by_kind",
	"partners_by_last_contact", "partners_kanban", "partners_by_follow_up",
	"partners_by_review", "partners_by_updated", "partner_tags_by_value",
	"partner_audiences_by_value", "contacts_by_partner",
	"interactions_by_partner", "interactions_by_contact", "interactions_by_at",
	"interactions_open_follow_ups", "stage_history_by_partner",
	"agreements_by_partner", "agreements_by_review", "agreements_by_end", "partners_by_uid",
	"contacts_by_uid", "interactions_by_uid",
	"agreement_offers_by_agreement", "drafts_by_user", "audit_by_entity",
	"audit_by_partner", "partners_by_website_key", "partners_by_email_key",
	"partners_by_loose_key", NULL,
};

const char *const pd_schema_triggers[] = {
	"audit_no_update", "audit_no_delete", "audit_changes_no_update",
	"audit_changes_no_delete", NULL,
};
