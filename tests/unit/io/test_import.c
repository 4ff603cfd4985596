/* Import end to end through the model: the library directories field by
 * field, synonyms and --map, duplicates (skip/merge/new), dry runs, all or
 * nothing with bad rows, hostile files leaving the database unchanged, and
 * vCards from real address books. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "partnerdesk/io/import.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/text.h"
#include "tap.h"

#ifndef PD_TEST_DATA
#define PD_TEST_DATA "tests/data"
#endif

static char dir[] = "/tmp/pd-io-import-XXXXXX";

/* Set: every fclose closes its stream and then says it failed (the
 * memory stream holding an import's lines could not be grown to hold the
 * last of them). */
static bool fclose_fails;

int fclose(FILE *f)
{
	static int (*real)(FILE *);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "fclose");
	int rc = real(f);
	return fclose_fails ? EOF : rc;
}
static int db_no;

static pd_db *fresh_db(void)
{
	char path[256];
	snprintf(path, sizeof path, "%s/t%d.db", dir, ++db_no);
	pd_error e = { 0 };
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &e);
	if (!db)
		printf("# open: %s\n", e.msg);
	pd_db_set_now(db, 1795000000);   /* 2026-11-18 */
	return db;
}

/* Everything written leaves an audit row: counting them tells "nothing
 * was written" better than counting partners. */
static long writes(pd_db *db)
{
	pd_audit_log log = { 0 };
	pd_error e = { 0 };
	if (!pd_audit_list(db, NULL, 0, 1000000, &log, &e))
		return -1;
	long n = (long)log.n;
	pd_audit_log_finish(&log);
	return n;
}

static pd_partner *by_name(pd_db *db, const char *name)
{
	int64_t ids[2];
	pd_error e = { 0 };
	if (pd_partner_find_same_name(db, name, ids, 2, &e) < 1)
		return NULL;
	return pd_partner_get(db, ids[0], &e);
}

static bool import_str(pd_db *db, const char *name, const char *data, size_t len, pd_import_opts *o,
	pd_import_stats *st, pd_error *e)
{
	o->name = name;
	return pd_import_buffer(db, data, len, o, st, e);
}

static bool import_path(pd_db *db, const char *rel, pd_import_opts *o, pd_import_stats *st, pd_error *e)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", PD_TEST_DATA, rel);
	o->name = NULL;
	return pd_import_file(db, path, o, st, e);
}

/* Imports data, with what goes to stderr in *report (caller frees). */
static bool import_report(pd_db *db, const char *name, const char *data, pd_dup_policy dup, bool keep_going,
	pd_import_stats *st, char **report, pd_error *e)
{
	size_t len = 0;
	*report = NULL;
	FILE *rep = open_memstream(report, &len);
	FILE *sink = fopen("/dev/null", "w");
	pd_import_opts o = { .err = rep, .out = sink, .on_duplicate = dup, .keep_going = keep_going };
	bool ok = import_str(db, name, data, strlen(data), &o, st, e);
	fclose(rep);
	fclose(sink);
	return ok;
}

static long contacts_at(pd_db *db, int64_t pid, const char *email_sought, bool *found)
{
	pd_contacts cs = { 0 };
	pd_error e = { 0 };
	*found = false;
	if (!pd_contact_list(db, pid, &cs, &e))
		return -1;
	long n = (long)cs.n;
	for (size_t i = 0; i < cs.n; i++)
		if (email_sought && cs.v[i].email && strcmp(cs.v[i].email, email_sought) == 0)
			*found = true;
	pd_contacts_finish(&cs);
	return n;
}

/* A card the model refuses while it is stored (here: a new partner, with
 * no stage configured to start it at) fails that card, reported as
 * FILE:LINE; the other cards still go in with --keep-going, and without
 * it nothing does, as with a spreadsheet's rows. It ended the whole
 * import, naming no line, even with --keep-going. */
static void test_card_refused(void)
{
	char path[256];
	snprintf(path, sizeof path, "%s/t%d.db", dir, ++db_no);
	pd_error e = { 0 };
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &e);
	pd_partner *zoo = pd_partner_create();
	ok(db && zoo && pd_set_str(&zoo->name, "City Zoo") && pd_partner_insert(db, zoo, &e),
	   "City Zoo is there: %s", e.msg);
	int64_t zoo_id = zoo ? zoo->id : 0;
	pd_partner_destroy(zoo);
	pd_db_close(db);
	pd_rules bare;
	pd_rules_init_defaults(&bare);
	size_t n_stages = bare.n_stages;
	bare.n_stages = 0;
	db = pd_db_open(path, 0, &bare, &e);
	const char cards[] =
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nORG:City Zoo\r\nEND:VCARD\r\n"      /* 1 */
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Ray\r\nORG:New Museum\r\nEND:VCARD\r\n"     /* 6 */
		"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Art Hall\r\nEND:VCARD\r\n"          /* 11 */
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Dunn\r\nORG:City Zoo\r\nEND:VCARD\r\n";     /* 16 */
	pd_import_stats st;
	char *report = NULL;
	ok(!import_report(db, "c.vcf", cards, PD_DUP_SKIP, false, &st, &report, &e),
	   "without --keep-going a refused card fails the import");
	ok(strstr(e.msg, "2 cards could not be imported, so nothing was") != NULL, "saying how many: %s", e.msg);
	bool found = false;
	is(contacts_at(db, zoo_id, NULL, &found), 0, "and nothing went in");
	ok(report && strstr(report, "c.vcf:6: no stages are configured\n")
	   && strstr(report, "c.vcf:11: no stages are configured\n"),
	   "each refused card is named by its line: %s", report ? report : "");
	free(report);
	e = (pd_error){ 0 };
	ok(import_report(db, "c.vcf", cards, PD_DUP_SKIP, true, &st, &report, &e),
	   "with --keep-going the import goes on: %s", e.msg);
	free(report);
	is(st.failed, 2, "two cards failed");
	is(st.added, 2, "two people added");
	is(contacts_at(db, zoo_id, NULL, &found), 2, "the other cards' people are at City Zoo");
	pd_db_close(db);
	bare.n_stages = n_stages;
	pd_rules_finish(&bare);
}

/* An address book's organisation row (no person on it) has the
 * organisation's own email and phone in the person's columns: they are
 * the partner's, added or merged, not lines of its notes. */
static void test_org_row_reach(void)
{
	pd_db *db = fresh_db();
	pd_error e = { 0 };
	pd_partner *zoo = pd_partner_create();
	ok(zoo && pd_set_str(&zoo->name, "City Zoo") && pd_partner_insert(db, zoo, &e), "City Zoo: %s", e.msg);
	pd_partner_destroy(zoo);
	const char google[] = "First Name,Middle Name,Last Name,Organization Name,Organization Title,"
		"E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
		",,,City Zoo,,Work,info@zoo.org,Work,555-1234\n"
		",,,Harbor Museum,,Work,desk@harbor.org,,\n";
	pd_import_stats st;
	char *report = NULL;
	ok(import_report(db, "g.csv", google, PD_DUP_MERGE, false, &st, &report, &e), "org rows merge: %s", e.msg);
	free(report);
	is(st.merged, 1, "City Zoo merged");
	is(st.added, 1, "Harbor Museum added");
	pd_partner *p = by_name(db, "City Zoo");
	streq(p ? p->email : NULL, "info@zoo.org", "the organisation's email fills the partner's");
	streq(p ? p->phone : NULL, "555-1234", "and its phone");
	ok(p && !(p->notes && strstr(p->notes, "Contact email")), "not kept as a notes line: %s",
	   p && p->notes ? p->notes : "");
	pd_partner_destroy(p);
	p = by_name(db, "Harbor Museum");
	streq(p ? p->email : NULL, "desk@harbor.org", "a new partner gets it too");
	pd_partner_destroy(p);
	pd_db_close(db);
}

/* The plan of a dry run, as given to o->out, for data merged into db. */
static char *plan_of(pd_db *db, const char *name, const char *data, pd_import_stats *st)
{
	char *plan = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&plan, &len);
	FILE *sink = fopen("/dev/null", "w");
	pd_error e = { 0 };
	pd_import_opts o = { .err = sink, .out = out, .on_duplicate = PD_DUP_MERGE, .dry_run = true };
	if (!import_str(db, name, data, strlen(data), &o, st, &e))
		printf("# %s: %s\n", name, e.msg);
	fclose(out);
	fclose(sink);
	return plan;
}

/* A desk with City Zoo and its curator Jane Doe, title only. */
static pd_db *zoo_desk(int64_t *jane)
{
	pd_db *db = fresh_db();
	pd_error e = { 0 };
	pd_partner *zoo = pd_partner_create();
	pd_contact *c = pd_contact_create();
	bool ok = zoo && c && pd_set_str(&zoo->name, "City Zoo") && pd_partner_insert(db, zoo, &e);
	if (ok) {
		c->partner_id = zoo->id;
		ok = pd_set_str(&c->name, "Jane Doe") && pd_set_str(&c->title, "Curator")
		     && pd_contact_insert(db, c, &e);
	}
	*jane = ok ? c->id : 0;
	pd_partner_destroy(zoo);
	pd_contact_destroy(c);
	return db;
}

static bool has_line(const char *plan, const char *want)
{
	return plan && strstr(plan, want) != NULL;
}

/* --on-duplicate merge --dry-run says what the merge does to contact
 * people, row by row, and the real run then does just that. It said
 * nothing about a vCard person's fields, only "merged" for a row's. */
static void test_plan_people(void)
{
	pd_import_stats st;
	int64_t jane;
	pd_db *db = zoo_desk(&jane);
	pd_error e = { 0 };
	const char google[] = "First Name,Middle Name,Last Name,Organization Name,Organization Title,"
		"E-mail 1 - Value\n"
		"Jane,,Doe,City Zoo,Head Curator,jane@zoo.org\n"
		"Bob,,Ray,City Zoo,Keeper,bob@zoo.org\n"
		"Jane,,Doe,City Zoo,Head Curator,jane@zoo.org\n";
	char *plan = plan_of(db, "g.csv", google, &st);
	ok(has_line(plan, "g.csv:2: merge into #1 \"City Zoo\"\n    contact #1 \"Jane Doe\":\n"
		"        title: \"Curator\" -> \"Head Curator\"\n"
		"        email: \"jane@zoo.org\" (was empty)\n"),
	   "a row's plan lists its person's changes: %s", plan ? plan : "");
	ok(has_line(plan, "g.csv:3: merge into #1 \"City Zoo\"\n    contact \"Bob Ray\" added\n"),
	   "and a person it adds");
	ok(has_line(plan, "g.csv:4: merge into #1 \"City Zoo\": nothing changes\n"),
	   "a row whose person is already so changes nothing");
	free(plan);
	pd_import_opts o = { .on_duplicate = PD_DUP_MERGE };
	ok(import_str(db, "g.csv", google, sizeof google - 1, &o, &st, &e), "the real run: %s", e.msg);
	pd_contact *c = pd_contact_get(db, jane, &e);
	streq(c ? c->title : NULL, "Head Curator", "the title the plan said");
	streq(c ? c->email : NULL, "jane@zoo.org", "the email the plan said");
	pd_contact_destroy(c);
	bool found = false;
	is(contacts_at(db, 1, "bob@zoo.org", &found), 2, "Bob Ray added");
	pd_db_close(db);

	db = zoo_desk(&jane);
	const char cards[] =
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nORG:City Zoo\r\nTITLE:Head Curator\r\n"
		"TEL:555-0101\r\nEND:VCARD\r\n"                                                  /* 1 */
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nORG:City Zoo\r\nTITLE:Head Curator\r\n"
		"END:VCARD\r\n"                                                                   /* 8 */
		"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:City Zoo\r\nEMAIL:info@zoo.org\r\n"
		"TEL:555-1234\r\nEND:VCARD\r\n"                                                  /* 14 */
		"BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:City Zoo\r\nEMAIL:info@zoo.org\r\n"
		"END:VCARD\r\n";                                                                  /* 21 */
	plan = plan_of(db, "p.vcf", cards, &st);
	ok(has_line(plan, "p.vcf:1: merge into contact #1 \"Jane Doe\" at \"City Zoo\"\n"
		"    title: \"Curator\" -> \"Head Curator\"\n    phone: \"555-0101\" (was empty)\n"),
	   "a card's plan lists its person's changes: %s", plan ? plan : "");
	ok(has_line(plan, "p.vcf:8: merge into contact #1 \"Jane Doe\" at \"City Zoo\": nothing changes\n"),
	   "a card that changes nothing says so");
	ok(has_line(plan, "p.vcf:14: merge into partner \"City Zoo\"\n    email: \"info@zoo.org\" (was empty)\n"
		"    phone: \"555-1234\" (was empty)\n"), "an organisation's card lists the partner's changes");
	ok(has_line(plan, "p.vcf:21: merge into partner \"City Zoo\": nothing changes\n"),
	   "and says when there are none");
	free(plan);
	ok(import_str(db, "p.vcf", cards, sizeof cards - 1, &o, &st, &e), "the real run: %s", e.msg);
	c = pd_contact_get(db, jane, &e);
	streq(c ? c->title : NULL, "Head Curator", "the title the plan said");
	streq(c ? c->phone : NULL, "555-0101", "the phone the plan said");
	pd_contact_destroy(c);
	pd_partner *p = by_name(db, "City Zoo");
	streq(p ? p->email : NULL, "info@zoo.org", "the partner's email the plan said");
	streq(p ? p->phone : NULL, "555-1234", "and phone");
	pd_partner_destroy(p);
	pd_db_close(db);
}

/* An import refused for what is in the file, whose held lines then could
 * not be closed: the refusal is said, not "out of memory" over it. */
static void test_held_close(void)
{
	pd_db *db = fresh_db();
	FILE *sink = fopen("/dev/null", "w");
	pd_import_opts o = { .err = sink, .out = sink };
	pd_import_stats st;
	pd_error e = { 0 };
	const char *csv = "Town,Postcode\nCardiff,CF10 1AA\n";
	fclose_fails = true;
	bool done = import_str(db, "nameless.csv", csv, strlen(csv), &o, &st, &e);
	fclose_fails = false;
	ok(!done, "a sheet without names is refused");
	ok(e.code != PD_ERR_NOMEM && strstr(e.msg, "nameless.csv"), "saying why, not out of memory: %s", e.msg);
	fclose(sink);
	pd_db_close(db);
}

/* fmt's text appended to b. */
static void sb_printf(pd_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(pd_strbuf *b, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	pd_strbuf_put(b, line, n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static size_t count_of(const char *hay, const char *needle);

/* What a watched import has said, and whether its last row was in the
 * desk when its warning about a row in the middle was said. */
static struct {
	pd_db *db;
	pd_strbuf said;
	bool warned, last_in;
} watched;

static ssize_t watch_write(void *cookie, const char *buf, size_t n)
{
	(void)cookie;
	pd_strbuf_put(&watched.said, buf, n);
	if (!watched.warned && watched.said.p && strstr(watched.said.p, ":1503: warning")) {
		watched.warned = true;
		pd_partner *p = by_name(watched.db, "Last Row");
		watched.last_in = p != NULL;
		pd_partner_destroy(p);
	}
	return (ssize_t)n;
}

/* The rows of the lines of said that start with FILE:ROW:. */
static size_t rows_said(const char *said, const char *file, long *rows, size_t max)
{
	size_t n = 0, fl = strlen(file);
	for (const char *l = said; l && *l && n < max; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (strncmp(l, "partnerdesk: ", 13) == 0 && strncmp(l + 13, file, fl) == 0 && l[13 + fl] == ':'
		    && l[14 + fl] >= '0' && l[14 + fl] <= '9')
			rows[n++] = strtol(l + 14 + fl, NULL, 10);
	return n;
}

/* long.csv: Known 1 (row 2), a warning (row 3), 1,499 new rows, a
 * warning (row 1503), then Known 2 to Known `last` each after 50 new rows,
 * and Last Row; imported into db (which has Known 1 to 12), what it said
 * in watched. */
static void watch_import(pd_db *db, int last, pd_import_stats *st)
{
	pd_strbuf sheet = { 0 };
	sb_printf(&sheet, "Name,Email\nKnown 1,\nEarly Warned,bad-address\n");
	for (int k = 1; k <= 1499; k++)
		sb_printf(&sheet, "New %d,\n", k);
	sb_printf(&sheet, "Middle Warned,also-bad\n");   /* row 1503 */
	for (int k = 2; k <= last; k++) {
		for (int j = 0; j < 50; j++)
			sb_printf(&sheet, "Later %d-%d,\n", k, j);
		sb_printf(&sheet, "Known %d,\n", k);
	}
	sb_printf(&sheet, "Last Row,\n");
	watched = (__typeof__(watched)){ .db = db };
	FILE *err = fopencookie(NULL, "w", (cookie_io_functions_t){ .write = watch_write });
	setvbuf(err, NULL, _IONBF, 0);
	FILE *sink = fopen("/dev/null", "w");
	pd_import_opts o = { .err = err, .out = sink };
	pd_error e = { 0 };
	ok(import_str(db, "long.csv", sheet.p, sheet.n, &o, st, &e), "the long sheet imports: %s", e.msg);
	fclose(err);
	fclose(sink);
	free(sheet.p);
}

/* A few rows skipped as on the desk early in a long sheet held every
 * message after them until the sheet was read: on a slow link, nothing
 * for a while, then all at once. They wait PD_IMPORT_KNOWN_WAIT rows for
 * more; fewer came, so they are named then, in row order among the rest,
 * and what comes later is said as it comes; more than ten in all, those
 * past ten are counted at the end. */
static void test_skips_as_they_come(void)
{
	static const struct { int last; size_t lines; const char *count; } runs[] = {
		{ 9, 11, NULL },
		{ 12, 12, "partnerdesk: long.csv: 2 more rows skipped: the desk has a partner of each one's name "
		          "already; import with --dry-run to list them all" },
		/* One past ten: said as one ("1 more rows skipped" before). */
		{ 11, 12, "partnerdesk: long.csv: 1 more row skipped: the desk has a partner of its name "
		          "already; import with --dry-run to list them all, or with --on-duplicate merge to fill "
		          "it in from the file" },
	};
	for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
		pd_db *db = fresh_db();
		char *r = NULL;
		pd_import_stats st;
		pd_error e = { 0 };
		pd_strbuf known = { 0 };
		sb_printf(&known, "Name\n");
		for (int i = 1; i <= 12; i++)
			sb_printf(&known, "Known %d\n", i);
		ok(import_report(db, "known.csv", known.p, PD_DUP_SKIP, false, &st, &r, &e) && st.added == 12,
			"a desk of twelve: %s", e.msg);
		free(r);
		free(known.p);
		watch_import(db, runs[k].last, &st);
		is(st.skipped, runs[k].last, "%d known rows skipped", runs[k].last);
		ok(watched.warned && !watched.last_in, "%d known: the warning about row 1503 said while the sheet "
			"was still read", runs[k].last);
		long rows[32];
		size_t n = rows_said(watched.said.p, "long.csv", rows, 32);
		bool in_order = n == runs[k].lines;
		for (size_t i = 1; i < n; i++)
			in_order = in_order && rows[i] > rows[i - 1];
		ok(in_order && rows[0] == 2 && rows[1] == 3 && rows[2] == 1503,
			"%d known: the first skip named, each warning, then the later skips, in row order (%zu "
			"lines): %s", runs[k].last, n, watched.said.p);
		is(count_of(watched.said.p, ": skip \"Known "), runs[k].last < 10 ? runs[k].last : 10,
			"%d known: at most ten named", runs[k].last);
		if (runs[k].count)
			ok(strstr(watched.said.p, runs[k].count) != NULL, "%d known: those past ten counted at the "
			   "end: %s", runs[k].last, watched.said.p);
		else
			ok(!strstr(watched.said.p, "skipped: the desk has"), "%d known: no count", runs[k].last);
		free(watched.said.p);
		watched = (__typeof__(watched)){ 0 };
		pd_db_close(db);
	}
}

/* How many times needle is in hay. */
static size_t count_of(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *at = hay; at && (at = strstr(at, needle)); at += strlen(needle))
		n++;
	return n;
}

/* A file whose name is as long as a path may be (a few KB; here its bytes
 * are no UTF-8, each shown as \xNN): its messages are said whole, the
 * name to copy and the merge to run after it, never cut. */
static void test_long_name(void)
{
	char name[4096];
	size_t n = 0;
	name[n++] = '/';
	for (int i = 0; i < 2100; i++)
		name[n++] = (char)0xff;
	memcpy(name + n, "/new.csv", sizeof "/new.csv");
	pd_db *db = fresh_db();
	pd_partner *p = pd_partner_create();
	p->name = strdup("Mus\xc3\xa9" "e des Beaux-Arts");
	pd_error e = { 0 };
	ok(pd_partner_insert(db, p, &e), "a partner here: %s", e.msg);
	pd_partner_destroy(p);
	pd_import_stats st;
	char *report = NULL;
	ok(import_report(db, name, "Name\nMusee des Beaux Arts\n", PD_DUP_SKIP, false, &st, &report, &e),
	   "a row likely the same imports: %s", e.msg);
	ok(report && strstr(report, "partnerdesk merge 2 1 if so, or fix the name"),
	   "the merge to run is said after the long name (%zu bytes said)", report ? strlen(report) : 0);
	is((long)count_of(report, "\\xff"), 2100, "the name is said whole");
	free(report);
	/* The same file's name again, each of its bytes plain: a skip. */
	memset(name + 1, 'd', 2100);
	report = NULL;
	ok(import_report(db, name, "Name\nMusee des Beaux Arts\n", PD_DUP_SKIP, false, &st, &report, &e),
	   "a row of a name here is skipped: %s", e.msg);
	ok(report && strstr(report, "/new.csv:2: skip \"Musee des Beaux Arts\""),
	   "the skip is said whole after the long name: ...%s", report && strlen(report) > 80 ?
	   report + strlen(report) - 80 : "");
	free(report);
	pd_db_close(db);
}

/* What stands around a partner list: a title that names a column over a
 * header the importer does not know, a two-row header, and below the
 * list a budget headed "Name", "Amount" and a note. Each was imported as
 * a partner, or the two-row header refused; each is now the header, or
 * skipped and said by its rows. */
static void test_around_the_table(void)
{
	pd_import_stats st;
	pd_error e = { 0 };
	char *report = NULL;
	pd_db *db = fresh_db();
	ok(!import_report(db, "title.csv", "Partner,,,\n,,,\nBusiness,Email address,Phone,Type\n"
		"Harbour Museum,info@harbour.example,01632 960111,museum\n", PD_DUP_SKIP, false, &st, &report, &e),
		"a header the importer does not know, below a title naming a column, is refused");
	ok(strstr(e.msg, "title.csv:3: no column holds") && strstr(e.msg, "(rows 1-2 above it skipped as a title)")
	   && strstr(e.msg, "--map"), "at row 3, naming the skipped title and --map: %s", e.msg);
	ok(by_name(db, "Business") == NULL, "its header is no partner");
	free(report);

	pd_error_clear(&e);
	ok(import_report(db, "groups.csv", "Contact,,,Address,,\nName,Email,Phone,Street,City,Postcode\n"
		"Harbour Museum,info@harbour.example,01632 960111,1 Quay Street,Portsmouth,PO1 1AA\n",
		PD_DUP_SKIP, false, &st, &report, &e), "a two-row header imports: %s", e.msg);
	ok(report && strstr(report, "groups.csv: row 2 (Name, Email, Phone, Street, City, Postcode) is the header"),
		"the lower row is the header, and said");
	pd_partner *p = by_name(db, "Harbour Museum");
	ok(p && p->email && strcmp(p->email, "info@harbour.example") == 0, "read by the lower row");
	pd_partner_destroy(p);
	free(report);

	const char sheet[] = "Name,Email,Phone\nQuay School,office@quay.example,01632 960222\n,,\n"
		"Name,Amount,\nBooks,120,\nPrinting,45.50,\n,,\nUpdated by J. Smith 3/2026,,\n";
	char *plan = plan_of(db, "below.csv", sheet, &st);
	ok(has_line(plan, "below.csv:4: skip rows 4-6: a second table, headed \"Name\", \"Amount\", with figures "
		"in the partners' column \"Email\"; its rows are not partners\n"), "the budget is skipped by its rows");
	ok(has_line(plan, "below.csv:8: skip row 8, below the table: a note (\"Updated by J. Smith 3/2026\"), "
		"not a partner\n"), "the note is skipped by its row");
	is(st.added, 1, "one partner");
	is(st.skipped, 4, "three rows of the budget and the note skipped");
	free(plan);
	pd_db_close(db);
}

/* A partner's name alone under the list, after a blank row, that opens as
 * a note does ("Updated Living Foundation", "Page 2 Youth Theatre") was
 * imported before notes were skipped, and must still be: a name is written
 * as names are, a note as a sentence, a date or "Page 2 of 3". */
static void test_names_that_open_as_notes(void)
{
	static const char *const names[] = { "Updated Living Foundation", "Page 2 Youth Theatre",
		"Confidential Care Services", "As Of Yet Theatre", "Kept By Grace Ministries",
		"Created By Kids Studio", "* Star Readers", "Page 1 Productions" };
	static const char *const notes[] = { "Updated by J. Smith 3/2026", "Updated", "Last Updated",
		"Prepared by Outreach", "As of March", "Confidential", "*Funding confirmed for spring",
		"Page 2 of 3", "Page 2/3", "Page 2", "Source: county directory" };
	pd_import_stats st;
	pd_db *db = fresh_db();
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
		char sheet[200];
		snprintf(sheet, sizeof sheet, "Name,Email\nQuay School,office@quay.example\n,\n%s,\n", names[k]);
		char *plan = plan_of(db, "names.csv", sheet, &st);
		ok(st.added == 2 && st.skipped == 0 && plan && !strstr(plan, "a note"),
		   "\"%s\" alone under the list is a partner: %s", names[k], plan ? plan : "");
		free(plan);
	}
	for (size_t k = 0; k < sizeof notes / sizeof notes[0]; k++) {
		char sheet[200];
		snprintf(sheet, sizeof sheet, "Name,Email\nQuay School,office@quay.example\n,\n%s,\n", notes[k]);
		char *plan = plan_of(db, "notes.csv", sheet, &st);
		ok(st.added == 1 && st.skipped == 1 && plan && strstr(plan, "below the table: a note"),
		   "\"%s\" under the list is a note: %s", notes[k], plan ? plan : "");
		free(plan);
	}
	pd_db_close(db);
}

/* A second block of partners under a blank row, headed by some of the
 * partners' own columns ("Name", "Budget" under "Name", "Kind", "Budget")
 * is read by that header: since c1415fa it was skipped as a second table
 * of figures, its partners not imported. A budget headed "Name",
 * "Amount" is still skipped. */
static void test_second_block_of_partners(void)
{
	pd_import_stats st;
	pd_db *db = fresh_db();
	char *plan = plan_of(db, "blocks.csv", "Name,Kind,Budget\nHarbour Museum,museum,500\n,,\n"
		"Name,Budget,\nQuay School,300,\nRiverside Shed,120,\n", &st);
	ok(has_line(plan, "blocks.csv:4: a header again (Name, Budget): the rows below are read by it\n")
	   && has_line(plan, "blocks.csv:5: add \"Quay School\"\n") && has_line(plan, "blocks.csv:6: add \"Riverside Shed\"\n"),
	   "the second block's partners are read by its header: %s", plan ? plan : "");
	is(st.added, 3, "three partners");
	is(st.skipped, 0, "none skipped");
	free(plan);
	plan = plan_of(db, "blocks.csv", "Name,Contact,Attendance\nHarbour Museum,Ann Lee,120\n\nSchools\n"
		"Name,Attendance\nQuay School,80\n", &st);
	ok(has_line(plan, "blocks.csv:4: skip \"Schools\": the title of the table below, not a partner\n")
	   && has_line(plan, "blocks.csv:6: add \"Quay School\"\n"), "under a title too: %s", plan ? plan : "");
	free(plan);
	plan = plan_of(db, "budget.csv", "Name,Kind,Budget\nHarbour Museum,museum,500\n,,\nName,Amount,\n"
		"Books,120,\n", &st);
	ok(has_line(plan, "budget.csv:4: skip rows 4-5: a second table"), "a budget is skipped: %s", plan ? plan : "");
	free(plan);
	pd_db_close(db);
}

/* A list headed "Name" alone, a blank row under it, whose first partner
 * has a second cell that reads as a column's name ("Contact", "Stage")
 * was refused since c1415fa as a header with no name column; it imported
 * before, and must. A row of column names under a title ("Business",
 * "Email") is still the header. */
static void test_title_over_a_partner(void)
{
	static const char *const cells[] = { "Contact", "Stage", "Status", "Type", "Notes", "Region" };
	pd_import_stats st;
	pd_db *db = fresh_db();
	for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
		char sheet[200];
		snprintf(sheet, sizeof sheet, "Name\n\nHarbour Museum,%s\nQuay School\n", cells[k]);
		char *plan = plan_of(db, "list.csv", sheet, &st);
		ok(has_line(plan, "list.csv:3: add \"Harbour Museum\"\n") && st.added == 2,
		   "\"Harbour Museum\", \"%s\" under \"Name\" is a partner: %s", cells[k], plan ? plan : "");
		free(plan);
	}
	pd_error e = { 0 };
	char *report = NULL;
	ok(!import_report(db, "title.csv", "Name\n\nBusiness,Email\nHarbour Museum,info@harbour.example\n",
		PD_DUP_SKIP, false, &st, &report, &e) && strstr(e.msg, "title.csv:3: no column holds"),
		"one-word column names under the title are the header, refused: %s", e.msg);
	free(report);
	pd_db_close(db);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (!mkdtemp(dir))
		return 1;
	test_held_close();
	test_skips_as_they_come();
	test_long_name();
	test_around_the_table();
	test_names_that_open_as_notes();
	test_second_block_of_partners();
	test_title_over_a_partner();
	FILE *sink = fopen("/dev/null", "w");
	pd_error e = { 0 };
	pd_import_stats st;

	/* ---- the Welsh directory ---- */
	pd_db *db = fresh_db();
	pd_import_opts o = { .err = sink, .out = sink };
	ok(import_path(db, "csv/libraries_wales.csv", &o, &st, &e), "Wales imports: %s", e.msg);
	is(st.added, 265, "every library added");
	is(st.failed, 0, "none failed");
	ok(st.committed, "committed");
	pd_partner *p = by_name(db, "Amlwch Library");
	ok(p != NULL, "Amlwch Library found");
	if (p) {
		streq(p->email, "kbxlh@anglesey.gov.uk", "mailto: stripped");
		streq(p->website, "http://www.anglesey.gov.uk/leisure/libraries/libraries-my-local-library/amlwch-library/", "URL -> website");
		streq(p->address, "Ffordd Parys, Amlwch, Anglesey, LL68 9EA", "address columns joined, postcode too");
		ok(p->notes && strstr(p->notes, "Local authority code: W06000001"), "unmapped column kept in notes");
		ok(p->notes && strstr(p->notes, "Type of library: LAL"), "Type of library kept in notes");
		ok(p->notes && !strstr(p->notes, "Year opened"), "blank cells leave no line");
		streq(p->stage, "glance", "first stage");
	}
	pd_partner_destroy(p);
	p = by_name(db, "Cemaes Library");
	ok(p && p->address && strstr(p->address, "Lôn Glascoed"), "Welsh circumflex kept: %s", p && p->address ? p->address : "");
	pd_partner_destroy(p);
	p = by_name(db, "  amlwch   LIBRARY ");
	ok(p != NULL, "found ignoring case and spacing");
	pd_partner_destroy(p);

	/* the same file again: all skipped, nothing written */
	long before = writes(db);
	char *again = NULL;
	size_t again_len = 0;
	FILE *againrep = open_memstream(&again, &again_len);
	o = (pd_import_opts){ .err = againrep, .out = sink };
	ok(import_path(db, "csv/libraries_wales.csv", &o, &st, &e), "second import runs");
	fclose(againrep);
	o = (pd_import_opts){ .err = sink, .out = sink };
	is(st.skipped, 265, "all duplicates skipped");
	/* So many of the desk's own names are counted on one line; a dry
	 * run names each. */
	ok(again && strstr(again, "libraries_wales.csv: 265 rows skipped: the desk has a partner of each "
		"one's name already; import with --dry-run to list them"), "so many skipped rows counted: %s",
		again ? again : "");
	ok(again && !strstr(again, "--on-duplicate new"), "a match from an earlier import suggests nothing");
	long skip_lines = 0;
	for (const char *q = again; q && (q = strstr(q, ": skip \"")); q++)
		skip_lines++;
	is(skip_lines, 0, "and not named one by one");
	free(again);
	again = NULL;
	againrep = open_memstream(&again, &again_len);
	o = (pd_import_opts){ .err = sink, .out = againrep, .dry_run = true };
	ok(import_path(db, "csv/libraries_wales.csv", &o, &st, &e), "a dry run of it");
	fclose(againrep);
	o = (pd_import_opts){ .err = sink, .out = sink };
	ok(again && strstr(again, "libraries_wales.csv:2: skip \"Amlwch Library\": partner #1 has that name"),
		"names a skipped row with the partner it matched");
	skip_lines = 0;
	for (const char *q = again; q && (q = strstr(q, ": skip \"")); q++)
		skip_lines++;
	is(skip_lines, 265, "every skipped row named");
	free(again);
	is(st.added, 0, "none added");
	is(writes(db), before, "nothing written");
	pd_db_close(db);

	/* ---- the Scottish directory ---- */
	db = fresh_db();
	char *skips = NULL;
	size_t skips_len = 0;
	FILE *skiprep = open_memstream(&skips, &skips_len);
	o = (pd_import_opts){ .err = skiprep, .out = sink };
	ok(import_path(db, "csv/libraries_scotland.csv", &o, &st, &e), "Scotland imports: %s", e.msg);
	fclose(skiprep);
	o = (pd_import_opts){ .err = sink, .out = sink };
	is(st.added + st.skipped, 483, "every row added or skipped as a duplicate");
	is(st.skipped, 3, "three rows share a name with an earlier row");
	/* Not only in a dry run: each skipped row is named with the row it
	 * matched, and since that row is in the same file, --on-duplicate new
	 * is suggested. */
	ok(skips && strstr(skips, "libraries_scotland.csv:148: skip \"Dalry Library\": row 147 of this file"),
		"Dalry (North Ayrshire) named with the row it matched");
	ok(skips && strstr(skips, "libraries_scotland.csv:441: skip \"Tarbert Library\""), "Tarbert (Harris) named");
	ok(skips && strstr(skips, "libraries_scotland.csv:483: skip \"Woodside Library\""), "Woodside (Aberdeen) named");
	ok(skips && !strstr(skips, "--on-duplicate new"),
	   "a row does not suggest --on-duplicate new before the outcome is known");
	is(st.skipped_same_file, 3, "the three counted as skipped for an earlier row's name");
	char advice[600];
	ok(pd_import_advice(&st, advice, sizeof advice) && strstr(advice, "not this file again"),
	   "the import is in: not the whole file again with --on-duplicate new: %s", advice);
	free(skips);
	p = by_name(db, "AK Bell Library");
	ok(p != NULL, "AK Bell Library");
	if (p) {
		streq(p->address, "York Place, Perth, PH2 8EP", "blank Address 2 skipped");
		streq(p->website, "http://www.culturepk.org.uk/your-local-library/ak-bell-library/", "URL");
	}
	pd_partner_destroy(p);
	p = by_name(db, "Aberchirder Library");
	ok(p && p->address && strncmp(p->address, "111 Main Street,", 16) == 0, "trailing space in a cell trimmed: %s",
		p && p->address ? p->address : "");
	pd_partner_destroy(p);
	pd_db_close(db);

	/* ---- synonyms, contact, quoted commas, --map, merge ---- */
	db = fresh_db();
	const char sheet[] =
		"Organization,E-mail,Tel,Kind,Stage,Tags,Contact name,Job title,Favourite colour,Comments\r\n"
		"\"Museum of Art, History & Science\",MAILTO:info@mahs.example,tel:+1 555 0100,museum,date,\"teens; families\",Ana Ruiz,Education Director,blue,\"line 1\nline 2\"\r\n"
		"Zoo,,,,,,,,,\r\n";
	o = (pd_import_opts){ .err = sink, .out = sink };
	ok(import_str(db, "s.csv", sheet, sizeof sheet - 1, &o, &st, &e), "synonym sheet imports: %s", e.msg);
	is(st.added, 2, "two added");
	is(st.contacts, 1, "one contact person");
	p = by_name(db, "Museum of Art, History & Science");
	ok(p != NULL, "quoted comma in the name");
	if (p) {
		streq(p->email, "info@mahs.example", "MAILTO: stripped whatever its case");
		streq(p->phone, "+1 555 0100", "tel: stripped");
		streq(p->kind, "museum", "kind");
		streq(p->stage, "date", "stage from the sheet");
		is(p->tags.n, 2, "tags split on ;");
		ok(p->notes && strstr(p->notes, "line 1\nline 2"), "embedded newline kept");
		ok(p->notes && strstr(p->notes, "Favourite colour: blue"), "unknown column kept");
		pd_contacts cs = { 0 };
		ok(pd_contact_list(db, p->id, &cs, &e) && cs.n == 1, "contact made");
		if (cs.n == 1) {
			streq(cs.v[0].name, "Ana Ruiz", "contact name");
			streq(cs.v[0].title, "Education Director", "contact title");
		}
		pd_contacts_finish(&cs);
	}
	pd_partner_destroy(p);

	const char more[] = "Organization,Website,Tags,Colour\nmuseum of art,  HISTORY & science,https://mahs.example,adults,red\n";
	(void)more;
	const char merge[] = "Organization,Website,Tags,Colour\n\"museum of art, history  &  SCIENCE\",https://mahs.example,adults,red\n";
	const char *maps[] = { "Colour=ignore" };
	o = (pd_import_opts){ .err = sink, .out = sink, .on_duplicate = PD_DUP_MERGE, .maps = maps, .n_maps = 1 };
	ok(import_str(db, "m.csv", merge, sizeof merge - 1, &o, &st, &e), "merge imports: %s", e.msg);
	is(st.merged, 1, "merged into the existing partner");
	p = by_name(db, "Museum of Art, History & Science");
	if (p) {
		streq(p->website, "https://mahs.example", "merge fills the website");
		is(p->tags.n, 3, "tags joined");
		ok(p->notes && !strstr(p->notes, "red"), "--map ignore drops the column");
		streq(p->email, "info@mahs.example", "merge keeps what the row lacks");
	}
	pd_partner_destroy(p);
	/* position and directions are the partner's, by header and by --map;
	 * "position" once meant a contact's title and filled that instead. */
	const char posdir[] = "Name,Position,Strategic directions,Where\nPos Museum,anchor of the arts district,more teens,on the hill\n";
	const char *posmap[] = { "Where=position" };
	o = (pd_import_opts){ .err = sink, .out = sink };
	ok(import_str(db, "pd.csv", posdir, sizeof posdir - 1, &o, &st, &e), "position/directions sheet imports");
	p = by_name(db, "Pos Museum");
	if (p) {
		streq(p->position, "anchor of the arts district", "Position header fills the partner's position");
		streq(p->directions, "more teens", "Strategic directions header fills directions");
		ok(!p->notes || !strstr(p->notes, "Contact title"), "no contact title made of it");
	}
	pd_partner_destroy(p);
	const char posmapped[] = "Name,Where\nMapped Museum,on the hill\n";
	o = (pd_import_opts){ .err = sink, .out = sink, .maps = posmap, .n_maps = 1 };
	ok(import_str(db, "pm.csv", posmapped, sizeof posmapped - 1, &o, &st, &e), "--map Where=position imports");
	p = by_name(db, "Mapped Museum");
	ok(p && p->position && strcmp(p->position, "on the hill") == 0, "--map X=position fills the partner's position");
	ok(p && !p->notes, "and nothing else");
	pd_partner_destroy(p);
	pd_error_clear(&e);

	o = (pd_import_opts){ .err = sink, .out = sink, .on_duplicate = PD_DUP_NEW };
	ok(import_str(db, "m.csv", merge, sizeof merge - 1, &o, &st, &e), "new imports");
	is(st.added, 1, "a second partner of that name");
	is(pd_partner_count(db, &e), 5, "five partners now");

	/* ---- merge reaches contact people; a stage cell is reported ---- */
	{
		const char base[] = "Name,Contact,Title\nMerge Museum,Pat,Educator\n";
		const char upd[] = "Name,Contact,Title,Contact email,Contact phone,Stage\n"
			"Merge Museum,Pat,Director of Learning,pat@new.org,555-0000,marriage\n";
		o = (pd_import_opts){ .err = sink, .out = sink, .on_duplicate = PD_DUP_MERGE };
		ok(import_str(db, "a.csv", base, sizeof base - 1, &o, &st, &e), "merge base imports: %s", e.msg);
		char *mrep = NULL;
		size_t mrep_len = 0;
		FILE *mf = open_memstream(&mrep, &mrep_len);
		o = (pd_import_opts){ .err = mf, .out = sink, .on_duplicate = PD_DUP_MERGE };
		ok(import_str(db, "mg2.csv", upd, sizeof upd - 1, &o, &st, &e), "merge with a contact imports: %s", e.msg);
		fclose(mf);
		is(st.merged, 1, "one merged");
		is(st.contacts, 0, "no second Pat");
		is(st.warnings, 1, "the stage cell is a warning");
		ok(mrep && strstr(mrep, "mg2.csv:2: stage not changed: \"Merge Museum\" is at glance, the row says marriage"),
			"the stage cell is reported with FILE:ROW: %s", mrep ? mrep : "");
		free(mrep);
		char sum[200];
		pd_import_summary(&st, sum, sizeof sum);
		streq(sum, "0 added, 1 merged, 0 skipped, 0 failed, 1 warning", "the summary counts the warning");
		p = by_name(db, "Merge Museum");
		ok(p && strcmp(p->stage, "glance") == 0, "the stage stays: only move changes it");
		pd_contacts cs = { 0 };
		if (p && pd_contact_list(db, p->id, &cs, &e) && cs.n == 1) {
			streq(cs.v[0].title, "Director of Learning", "merge replaces the contact's title");
			streq(cs.v[0].email, "pat@new.org", "merge fills the contact's email");
			streq(cs.v[0].phone, "555-0000", "merge fills the contact's phone");
		} else {
			ok(0, "one contact after the merge (%zu)", cs.n);
		}
		pd_contacts_finish(&cs);

		/* vCard people follow --on-duplicate too. */
		const char pat[] = "BEGIN:VCARD\nVERSION:4.0\nFN:Pat\nORG:Merge Museum\nEMAIL:pat@vcard.org\nTEL:777\nEND:VCARD\n";
		mrep = NULL;
		mf = open_memstream(&mrep, &mrep_len);
		o = (pd_import_opts){ .err = mf, .out = sink };
		ok(import_str(db, "pat.vcf", pat, sizeof pat - 1, &o, &st, &e), "vCard skip runs");
		fclose(mf);
		is(st.skipped, 1, "skip: the person is skipped");
		ok(mrep && strstr(mrep, "pat.vcf:1: skip \"Pat\": contact #"), "and named without --dry-run: %s",
			mrep ? mrep : "");
		free(mrep);
		o = (pd_import_opts){ .err = sink, .out = sink, .on_duplicate = PD_DUP_MERGE };
		ok(import_str(db, "pat.vcf", pat, sizeof pat - 1, &o, &st, &e), "vCard merge runs");
		is(st.merged, 1, "merge: the person is merged");
		is(st.skipped, 0, "not skipped");
		if (p && pd_contact_list(db, p->id, &cs, &e) && cs.n == 1) {
			streq(cs.v[0].email, "pat@vcard.org", "vCard merge replaces the email");
			streq(cs.v[0].phone, "777", "vCard merge replaces the phone");
			streq(cs.v[0].title, "Director of Learning", "and keeps what the card lacks");
		} else {
			ok(0, "one contact after the vCard merge");
		}
		pd_contacts_finish(&cs);
		o = (pd_import_opts){ .err = sink, .out = sink, .on_duplicate = PD_DUP_NEW };
		ok(import_str(db, "pat.vcf", pat, sizeof pat - 1, &o, &st, &e), "vCard new runs");
		is(st.contacts, 1, "new: another Pat");
		if (p && pd_contact_list(db, p->id, &cs, &e))
			is(cs.n, 2, "two contacts called Pat");
		pd_contacts_finish(&cs);
		pd_partner_destroy(p);
	}

	/* ---- dry run ---- */
	before = writes(db);
	const char dry[] = "Name\nNew One\nZoo\nNew One\n";
	char *report = NULL;
	size_t report_len = 0;
	FILE *rep = open_memstream(&report, &report_len);
	o = (pd_import_opts){ .err = sink, .out = rep, .dry_run = true };
	ok(import_str(db, "d.csv", dry, sizeof dry - 1, &o, &st, &e), "dry run runs");
	fclose(rep);
	is(st.added, 1, "dry run: one would be added");
	is(st.skipped, 2, "dry run: existing and in-file duplicates skipped");
	ok(!st.committed, "dry run not committed");
	is(writes(db), before, "dry run writes nothing");
	ok(report && strstr(report, "d.csv:2: add \"New One\""), "row by row report");
	ok(report && strstr(report, "d.csv:4: skip"), "in-file duplicate reported");
	free(report);

	/* ---- all or nothing ---- */
	const char bad[] = "Name,Stage\nGood One,glance\n,glance\nBad Stage,courtship\nGood Two,\n";
	report = NULL;
	rep = open_memstream(&report, &report_len);
	o = (pd_import_opts){ .err = rep, .out = sink };
	before = writes(db);
	ok(!import_str(db, "b.csv", bad, sizeof bad - 1, &o, &st, &e), "bad rows refuse the import");
	fclose(rep);
	ok(strstr(e.msg, "2 rows") && strstr(e.msg, "nothing was"), "says nothing was imported: %s", e.msg);
	ok(report && strstr(report, "b.csv:3: no name"), "blank name row named");
	ok(report && strstr(report, "b.csv:4: column \"Stage\" (read as the stage): no stage \"courtship\""), "bad stage row named");
	is(writes(db), before, "nothing written");
	free(report);
	o = (pd_import_opts){ .err = sink, .out = sink, .keep_going = true };
	ok(import_str(db, "b.csv", bad, sizeof bad - 1, &o, &st, &e), "--keep-going imports the rest");
	is(st.added, 2, "two good rows in");
	is(st.failed, 2, "two failed");
	ok(st.committed, "committed");
	pd_db_close(db);

	/* ---- hostile files: a message and an unchanged database ---- */
	db = fresh_db();
	o = (pd_import_opts){ .err = sink, .out = sink };
	const char seed[] = "Name\nSeed\n";
	import_str(db, "seed.csv", seed, sizeof seed - 1, &o, &st, &e);
	before = writes(db);
	struct { const char *what; const char *data; size_t len; const char *expect; } hostile[] = {
		{ "an escape sequence", "Name\n\x1b]0;pwned\x07\x1b[2J\n", 0, "control character" },
		{ "NUL bytes", "Name\nA\0B\n", 9, "NUL" },
		{ "invalid UTF-8 beside UTF-8", "Name\nMus\xC3\xA9" "e\n\xFF\xFE\xFD\n", 0, "not valid UTF-8" },
		{ "a PNG", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "not" },
		{ "no name column", "Colour,Size\nred,big\n", 0, "no column holds the partner's name" },
		/* Titles all the way down, the first wider than the last: it is
		 * shown, read by its own columns (once by the last row's, past
		 * their end: found by fuzz_csv). */
		{ "a wide title over a narrow one", "Contacts 2026,,,\nTable 1\n", 0,
		  "row 1, read as the header, holds \"Contacts 2026\", \"\", \"\", \"\": " },
		{ "an unclosed quote", "Name\n\"open\n", 0, "never closed" },
	};
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		size_t len = hostile[i].len ? hostile[i].len : strlen(hostile[i].data);
		report = NULL;
		rep = open_memstream(&report, &report_len);
		o = (pd_import_opts){ .err = rep, .out = sink };
		pd_error_clear(&e);
		bool r = import_str(db, "h.csv", hostile[i].data, len, &o, &st, &e);
		fclose(rep);
		ok(!r, "%s refused", hostile[i].what);
		ok(strstr(e.msg, hostile[i].expect) || (report && strstr(report, hostile[i].expect)),
			"%s: a clear message", hostile[i].what);
		printf("#   %s\n", e.msg);
		if (report && *report)
			printf("#   %s", report);
		ok(!report || !strchr(report, 0x1b), "%s: no escape byte reaches the terminal", hostile[i].what);
		is(writes(db), before, "%s: database unchanged", hostile[i].what);
		free(report);
	}
	size_t big = 1024 * 1024;
	char *huge = malloc(big + 32);
	memcpy(huge, "Name,Notes\nBig,", 15);
	memset(huge + 15, 'x', big);
	memcpy(huge + 15 + big, "\n", 1);
	o = (pd_import_opts){ .err = sink, .out = sink };
	ok(!import_str(db, "big.csv", huge, big + 16, &o, &st, &e), "1 MB cell refused");
	is(writes(db), before, "1 MB cell: database unchanged");
	free(huge);
	FILE *bin = fopen("/bin/true", "rb");
	if (bin) {
		fclose(bin);
		o = (pd_import_opts){ .err = sink, .out = sink, .format = PD_IMPORT_CSV };
		ok(!pd_import_file(db, "/bin/true", &o, &st, &e), "/bin/true refused: %s", e.msg);
		is(writes(db), before, "/bin/true: database unchanged");
	}
	const char cp1252[] = "Name,Notes\nCaf\xE9 M\xFCller,\x93quoted\x94\n";
	report = NULL;
	rep = open_memstream(&report, &report_len);
	o = (pd_import_opts){ .err = rep, .out = sink };
	ok(import_str(db, "w.csv", cp1252, sizeof cp1252 - 1, &o, &st, &e), "Windows-1252 file imports");
	fclose(rep);
	ok(report && strstr(report, "Windows-1252"), "and says how it was read");
	free(report);
	p = by_name(db, "Café Müller");
	ok(p != NULL, "converted name found");
	pd_partner_destroy(p);
	o = (pd_import_opts){ .err = sink, .out = sink, .encoding = PD_CSV_ENC_UTF8 };
	before = writes(db);
	ok(!import_str(db, "w2.csv", cp1252, sizeof cp1252 - 1, &o, &st, &e), "--encoding utf-8 refuses it");
	is(writes(db), before, "refused: database unchanged");
	pd_db_close(db);

	/* ---- vCards ---- */
	db = fresh_db();
	const char *cards[] = { "org.vcf", "individual.vcf", "labels.vcf", "korean-c.vcf", "photov3.vcf",
		"tel-value-uri.vcf", "v21-qp.vcf" };
	long people = 0, orgless = 0;
	for (size_t i = 0; i < sizeof cards / sizeof cards[0]; i++) {
		char rel[64];
		snprintf(rel, sizeof rel, "vcards/%s", cards[i]);
		o = (pd_import_opts){ .err = sink, .out = sink };
		ok(import_path(db, rel, &o, &st, &e), "%s imports: %s", cards[i], e.msg);
		people += st.contacts;
		orgless += st.skipped;
	}
	is(people, 3, "three people with an ORG became contacts");
	is(orgless, 3, "three without ORG skipped with a message");
	p = by_name(db, "ACME Inc.");
	ok(p != NULL, "KIND:org card is a partner");
	if (p) {
		pd_contacts cs = { 0 };
		ok(pd_contact_list(db, p->id, &cs, &e) && cs.n == 1 && strcmp(cs.v[0].name, "Wile E. Coyote") == 0,
			"ORG linked the person to the existing partner");
		pd_contacts_finish(&cs);
	}
	pd_partner_destroy(p);
	p = by_name(db, "Test Inc");
	ok(p != NULL, "a partner made for a missing ORG");
	pd_partner_destroy(p);
	p = by_name(db, "Analytical Engines Ltd");
	if (p) {
		pd_contacts cs = { 0 };
		pd_contact_list(db, p->id, &cs, &e);
		ok(cs.n == 1 && cs.v[0].title && strcmp(cs.v[0].title, "Head of Education") == 0, "2.1 card's TITLE");
		ok(cs.n == 1 && cs.v[0].notes && strstr(cs.v[0].notes, "ada@home.example"), "second email kept in notes");
		pd_contacts_finish(&cs);
	} else {
		ok(0, "2.1 card's partner");
	}
	pd_partner_destroy(p);
	/* Nothing on a card is dropped: an organisation's ADR is its address
	 * and CATEGORIES its tags; a person's URL, ADR and ORG unit go into
	 * their notes the way a second EMAIL does. */
	const char zoo[] = "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:City Zoo\nORG:City Zoo\n"
		"ADR;TYPE=work:;;1 Zoo Road;Springfield;IL;62701;USA\nURL:https://zoo.org\n"
		"CATEGORIES:animals,family\nNOTE:Big zoo\nEND:VCARD\n"
		"BEGIN:VCARD\nVERSION:4.0\nFN:Lee Park\nORG:City Zoo;Education Department\n"
		"URL:https://zoo.org/staff/lee\nADR;TYPE=work:;;1 Zoo Road;Springfield;IL;62701;USA\n"
		"TEL:555\nEND:VCARD\n";
	o = (pd_import_opts){ .err = sink, .out = sink };
	ok(import_str(db, "zoo.vcf", zoo, sizeof zoo - 1, &o, &st, &e), "zoo cards import: %s", e.msg);
	p = by_name(db, "City Zoo");
	if (p) {
		streq(p->address, "1 Zoo Road, Springfield, IL, 62701, USA", "org card's ADR is the partner's address");
		ok(p->tags.n == 2 && pd_strv_find(&p->tags, "animals") >= 0 && pd_strv_find(&p->tags, "family") >= 0,
			"CATEGORIES are tags");
		streq(p->notes, "Big zoo", "NOTE is the notes");
		pd_contacts cs = { 0 };
		if (pd_contact_list(db, p->id, &cs, &e) && cs.n == 1) {
			const char *n = cs.v[0].notes ? cs.v[0].notes : "";
			ok(strstr(n, "Department: Education Department") != NULL, "ORG unit in the person's notes: %s", n);
			ok(strstr(n, "URL: https://zoo.org/staff/lee") != NULL, "person's URL in notes");
			ok(strstr(n, "Address: 1 Zoo Road, Springfield, IL, 62701, USA") != NULL, "person's ADR in notes");
		} else {
			ok(0, "Lee Park at City Zoo");
		}
		pd_contacts_finish(&cs);
	} else {
		ok(0, "City Zoo imported");
	}
	pd_partner_destroy(p);

	before = writes(db);
	o = (pd_import_opts){ .err = sink, .out = sink };
	report = NULL;
	rep = open_memstream(&report, &report_len);
	o = (pd_import_opts){ .err = rep, .out = sink };
	ok(!import_path(db, "vcards/unparsable.vcf", &o, &st, &e), "unparsable card refuses the import");
	fclose(rep);
	/* By its line, its name and what is wrong: a file cut short. */
	ok(report && strstr(report, "unparsable.vcf:1: card \"second contact with minimal Vcard\": no END:VCARD "
		"before the file ends (is the file cut short?)"),
		"reported as FILE:LINE: like every other message, naming the card: %s", report ? report : "");
	free(report);
	ok(strstr(e.msg, "nothing was") != NULL, "nothing imported: %s", e.msg);
	is(writes(db), before, "unparsable: database unchanged");
	const char mixed[] = "BEGIN:VCARD\nVERSION:4.0\nFN:Good\nORG:Good Org\nEND:VCARD\nBEGIN:VCARD\nFN:Bad\n";
	o = (pd_import_opts){ .err = sink, .out = sink, .keep_going = true };
	ok(import_str(db, "m.vcf", mixed, sizeof mixed - 1, &o, &st, &e), "--keep-going imports the good card");
	is(st.failed, 1, "the bad one counted");
	/* A card left open where the next begins: which card, and where. */
	const char open_card[] = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Open\nORG:Good Org\nBEGIN:VCARD\nFN:Bo\n"
		"ORG:Good Org\nEND:VCARD\n";
	report = NULL;
	rep = open_memstream(&report, &report_len);
	o = (pd_import_opts){ .err = rep, .out = sink, .keep_going = true };
	ok(import_str(db, "o.vcf", open_card, sizeof open_card - 1, &o, &st, &e), "--keep-going: %s", e.msg);
	fclose(rep);
	ok(report && strstr(report, "o.vcf:1: card \"Ann Open\": no END:VCARD before the next card's "
		"BEGIN:VCARD at line 5"), "a card without END: named, and where the next begins: %s",
		report ? report : "");
	free(report);
	o = (pd_import_opts){ .err = sink, .out = sink, .partner = "acme" };
	ok(import_path(db, "vcards/korean-j.vcf", &o, &st, &e), "--partner files an ORG-less card: %s", e.msg);
	is(st.contacts, 1, "as a contact");
	p = by_name(db, "ACME Inc.");
	if (p) {
		pd_contacts cs = { 0 };
		pd_contact_list(db, p->id, &cs, &e);
		bool found = false;
		for (size_t i = 0; i < cs.n; i++)
			found |= strcmp(cs.v[i].name, "전도훈") == 0;
		ok(found, "at the partner --partner named");
		pd_contacts_finish(&cs);
	}
	pd_partner_destroy(p);
	o = (pd_import_opts){ .err = sink, .out = sink, .partner = "No Such Partner" };
	ok(!import_path(db, "vcards/korean-j.vcf", &o, &st, &e), "--partner naming nobody fails: %s", e.msg);

	/* The report line quotes names from the file: nothing in them may
	 * drive the terminal it is printed on. */
	FILE *rline = tmpfile();
	o = (pd_import_opts){ .err = rline, .out = sink };
	pd_import_report(&o, rline, "x.csv:2: \"%s\"", "Evil\x1b]0;t\a \xc2\x9b" "31m \xe2\x80\xae" "cba \x9b Ok");
	char line[256] = "";
	rewind(rline);
	if (!fgets(line, sizeof line, rline))
		line[0] = '\0';
	fclose(rline);
	streq(line, "partnerdesk: x.csv:2: \"Evil^[]0;t^G \\x9b31m <U+202E>cba \\x9b Ok\"\n",
		"the report shows ESC, BEL, C1, bidi and a stray byte as placeholders");

	/* Month names in a Fiscal month column, as edit takes them. */
	const char fm[] = "Name,Fiscal month\nFm Oct,Oct\nFm October,October\nFm Seven,7\nFm Blank,\n";
	o = (pd_import_opts){ .err = sink, .out = sink };
	ok(import_str(db, "fm.csv", fm, sizeof fm - 1, &o, &st, &e), "month names import: %s", e.msg);
	const struct { const char *name; int month; } fms[] = {
		{ "Fm Oct", 10 }, { "Fm October", 10 }, { "Fm Seven", 7 }, { "Fm Blank", 0 } };
	for (size_t i = 0; i < sizeof fms / sizeof fms[0]; i++) {
		p = by_name(db, fms[i].name);
		ok(p && p->fiscal_month == fms[i].month, "%s: fiscal month %d", fms[i].name, fms[i].month);
		pd_partner_destroy(p);
	}
	const char fmbad[] = "Name,Fiscal month\nFm Bad,Octopus\n";
	report = NULL;
	rep = open_memstream(&report, &report_len);
	o = (pd_import_opts){ .err = rep, .out = sink };
	ok(!import_str(db, "fmbad.csv", fmbad, sizeof fmbad - 1, &o, &st, &e), "a non-month refused");
	fclose(rep);
	ok(report && strstr(report, "fmbad.csv:2: column \"Fiscal month\" (read as the fiscal month): fiscal month \"Octopus\" is not a month"), "named by FILE:ROW: %s",
		report ? report : "");
	free(report);

	/* partnerdesk's own JSON, by name or by content, is refused as JSON. */
	const char json[] = "[\n  {\"id\": 1, \"name\": \"Zoo\"}\n]\n";
	before = writes(db);
	o = (pd_import_opts){ .err = sink, .out = sink };
	ok(!import_str(db, "full.json", json, sizeof json - 1, &o, &st, &e), "a .json file refused");
	ok(strstr(e.msg, "full.json: this is JSON") && strstr(e.msg, "export --format yaml"),
		"as JSON, pointing to the YAML backup: %s", e.msg);
	ok(!import_str(db, "one.txt", json, sizeof json - 1, &o, &st, &e), "JSON content refused whatever the name");
	ok(strstr(e.msg, "this is JSON") != NULL, "as JSON: %s", e.msg);
	ok(pd_import_check(json, sizeof json - 1, &o, &e) == false, "pd_import_check refuses it without a database");
	is(writes(db), before, "JSON: database unchanged");
	/* A database copy (backup's SQLite file) is named as one, not as a
	 * text file with a NUL byte, whatever format it is taken for. */
	const char sqlite[] = "SQLite format 3\0\x10\0\x01\x01\0@  ";
	o = (pd_import_opts){ .err = sink, .out = sink, .name = "bk.db", .format = PD_IMPORT_CSV };
	ok(!pd_import_check(sqlite, sizeof sqlite - 1, &o, &e) &&
	   strstr(e.msg, "bk.db: this is a database copy") && strstr(e.msg, "partnerdesk restore bk.db"),
	   "a database copy is said to be one, pointing to restore: %s", e.msg);
	ok(!import_str(db, "bk.db", sqlite, sizeof sqlite - 1, &o, &st, &e) && !strstr(e.msg, "NUL"),
	   "and an import of it is refused so: %s", e.msg);
	o.name = "my backup.db";   /* the command it gives runs as given */
	ok(!pd_import_check(sqlite, sizeof sqlite - 1, &o, &e) &&
	   strstr(e.msg, "`partnerdesk restore 'my backup.db'`"),
	   "a file name with a space is quoted in the restore it points to: %s", e.msg);
	is(writes(db), before, "database copy: database unchanged");
	o = (pd_import_opts){ .err = sink, .out = sink };
	const char bracket[] = "[Name],Email\nBracket Museum,b@x.org\n";
	ok(import_str(db, "b.csv", bracket, sizeof bracket - 1, &o, &st, &e), "a CSV header starting with [ is CSV");

	/* Guessing the format of a nameless buffer never reads past its end
	 * (the buffer is not NUL-terminated; ASan catches an over-read). */
	char *yam = malloc(3);
	memcpy(yam, "%YA", 3);
	o = (pd_import_opts){ .err = sink, .out = sink };
	pd_import_buffer(db, yam, 3, &o, &st, &e);
	is(st.added, 0, "three bytes of \"%%YA\" add nobody");
	free(yam);
	pd_db_close(db);

	/* ---- kinds and audiences the config does not list ---- */
	db = fresh_db();
	ok(import_report(db, "kinds.csv", "Name,Kind,Audiences\nAlien Org,Public Library,aliens; Teens\n"
		"Libr,Libary,\nMus,MUSEUM,TEENS\n", PD_DUP_SKIP, false, &st, &report, &e), "kinds.csv imports: %s", e.msg);
	is(st.added, 3, "every row added anyway");
	is(st.warnings, 3, "each unlisted kind and audience counted as a warning");
	ok(report && strstr(report, "kinds.csv:2: 'Public Library' is not a configured kind (museum, ")
		&& strstr(report, "); kept as written"), "an unlisted kind is named by FILE:ROW, with the kinds: %s",
		report ? report : "");
	ok(report && strstr(report, "kinds.csv:3: 'Libary' is not a configured kind (did you mean 'library'?); "
		"kept as written\n"), "a likely typo names the kind meant, not the list: %s", report ? report : "");
	ok(report && strstr(report, "kinds.csv:2: 'aliens' is not a configured audience; kept as written"),
		"an unlisted audience too");
	ok(report && !strstr(report, "'Teens'") && !strstr(report, "MUSEUM"), "listed ones, whatever their case, are not");
	free(report);
	p = by_name(db, "Alien Org");
	ok(p && p->audiences.n == 2 && strcmp(p->audiences.v[1], "teens") == 0,
		"\"Teens\" stored as the config spells it: %s", p && p->audiences.n > 1 ? p->audiences.v[1] : "");
	pd_partner_destroy(p);
	p = by_name(db, "Mus");
	ok(p && p->kind && strcmp(p->kind, "museum") == 0 && p->audiences.n == 1
		&& strcmp(p->audiences.v[0], "teens") == 0, "kind and audience folded alike");
	pd_partner_destroy(p);
	pd_db_close(db);

	/* ---- a name two partners share ---- */
	db = fresh_db();
	const char rhs_org[] = "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Riverside Society\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Souza\r\nORG:Riverside Society\r\nEMAIL:ana@r.org\r\nEND:VCARD\r\n";
	ok(import_report(db, "one.vcf", rhs_org, PD_DUP_SKIP, false, &st, &report, &e), "first Riverside: %s", e.msg);
	free(report);
	ok(import_report(db, "two.vcf", rhs_org, PD_DUP_NEW, false, &st, &report, &e), "--on-duplicate new: %s", e.msg);
	free(report);
	is(st.added, 2, "a second Riverside and its person");
	bool found;
	is(contacts_at(db, 2, "ana@r.org", &found), 1, "the person of the new card is filed under the partner "
		"this file just made (#2)");
	is(contacts_at(db, 1, NULL, &found), 1, "not a second time under the older namesake (#1)");
	before = writes(db);
	ok(!import_report(db, "m.csv", "Name,Phone\nRiverside Society,999\n", PD_DUP_MERGE, false, &st, &report, &e),
		"merge into an ambiguous name refused without --keep-going");
	is(st.failed, 1, "as a failed row");
	is(st.merged, 0, "merged into neither");
	ok(report && strstr(report, "m.csv:2: \"Riverside Society\" matches partners #1 and #2"),
		"the message names both candidates: %s", report ? report : "");
	free(report);
	is(writes(db), before, "nothing written");
	ok(import_report(db, "m2.csv", "Name,Phone\nRiverside Society,999\nOther Place,1\n", PD_DUP_MERGE, true,
		&st, &report, &e), "with --keep-going the rest goes in: %s", e.msg);
	ok(st.failed == 1 && st.added == 1, "one failed, one added");
	free(report);
	ok(import_report(db, "m.vcf", rhs_org, PD_DUP_MERGE, true, &st, &report, &e), "vCard merge, --keep-going");
	is(st.failed, 2, "the org card and the person card whose ORG is ambiguous both fail");
	ok(report && strstr(report, "m.vcf:1: \"Riverside Society\" matches partners #1 and #2")
		&& strstr(report, "m.vcf:6: \"Riverside Society\" matches partners #1 and #2"),
		"each names both candidates: %s", report ? report : "");
	free(report);
	ok(import_report(db, "s.csv", "Name,Phone\nRiverside Society,999\n", PD_DUP_SKIP, false, &st, &report, &e),
		"skip: the row is skipped either way");
	ok(report && strstr(report, "s.csv:2: skip \"Riverside Society\": partners #1 and #2 have that name"),
		"and the message names both: %s", report ? report : "");
	free(report);
	pd_db_close(db);

	/* ---- two people of one name on cards with different UIDs ---- */
	db = fresh_db();
	const char marys[] =
		"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:contact-0123456789abcdef0123456789abcdef-aaaa1111aaaa1111aaaa1111aaaa1111@partnerdesk\r\n"
		"FN:Mary O'Brien\r\nORG:Youth Club\r\nEMAIL:mary@club.org\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:contact-0123456789abcdef0123456789abcdef-bbbb2222bbbb2222bbbb2222bbbb2222@partnerdesk\r\n"
		"FN:Mary O'Brien\r\nORG:Youth Club\r\nEMAIL:mary2@club.org\r\nEND:VCARD\r\n";
	ok(import_report(db, "marys.vcf", marys, PD_DUP_SKIP, false, &st, &report, &e), "marys.vcf: %s", e.msg);
	is(st.skipped, 0, "no card skipped");
	is(st.contacts, 2, "two people, as their UIDs say");
	free(report);
	is(contacts_at(db, 1, "mary2@club.org", &found), 2, "both at the club");
	ok(found, "the second Mary's email kept");
	pd_contacts cs = { 0 };
	ok(pd_contact_list(db, 1, &cs, &e) && cs.n == 2
		&& ((strcmp(cs.v[0].uid, "aaaa1111aaaa1111aaaa1111aaaa1111") == 0
		     && strcmp(cs.v[1].uid, "bbbb2222bbbb2222bbbb2222bbbb2222") == 0)
		    || (strcmp(cs.v[1].uid, "aaaa1111aaaa1111aaaa1111aaaa1111") == 0
		        && strcmp(cs.v[0].uid, "bbbb2222bbbb2222bbbb2222bbbb2222") == 0)),
		"each keeps the uid its card's UID was built from");
	pd_contacts_finish(&cs);
	before = writes(db);
	ok(import_report(db, "marys.vcf", marys, PD_DUP_SKIP, false, &st, &report, &e), "the same file again");
	is(st.skipped, 2, "both recognised by UID and skipped");
	ok(report && strstr(report, "marys.vcf:1: skip \"Mary O'Brien\": contact #1 at \"Youth Club\" is this card's person"),
		"named as the same person: %s", report ? report : "");
	free(report);
	is(writes(db), before, "nothing written");
	/* Without UIDs a second card of one name is the same person, and the
	 * message says how to keep both. */
	const char sams[] = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sam\r\nORG:Zoo\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sam\r\nORG:Zoo\r\nEND:VCARD\r\n";
	ok(import_report(db, "sams.vcf", sams, PD_DUP_SKIP, false, &st, &report, &e), "sams.vcf");
	ok(st.skipped == 1 && report && strstr(report, "sams.vcf:6: skip \"Sam\": the card at line 1 of this file "
		"has that name at \"Zoo\"\n"), "a skip caused by an earlier card of the file says so: %s",
		report ? report : "");
	char said[600];
	ok(pd_import_advice(&st, said, sizeof said) && strstr(said, "1 card skipped for the name of an "
		"earlier card of this file is not in; if they are different partners (or people), import a "
		"file of just that one with --on-duplicate new"), "and the advice after the summary: %s", said);
	free(report);
	pd_db_close(db);

	/* ---- what an import does to partners already there or made by the same file ---- */
	{
		/* F20: the people come first (alphabetical address books); the
		 * organisation's own card fills the partner their ORG made. */
		const char order[] =
			"BEGIN:VCARD\nVERSION:3.0\nFN:Al Keeper\nORG:Zoo Society\nEMAIL:al@zoo.org\nEND:VCARD\n"
			"BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\nORG:Riverside Historical Society\nEND:VCARD\n"
			"BEGIN:VCARD\nVERSION:3.0\nFN:Riverside Historical Society\nORG:Riverside Historical Society\n"
			"X-ABShowAs:COMPANY\nEMAIL:info@rhs.org\nTEL:555-0100\nURL:https://rhs.org\n"
			"ADR:;;2 Mill Lane;Riverside;;RV1 2AA;UK\nNOTE:Open Saturdays\nEND:VCARD\n"
			"BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Zoo Society\nEMAIL:hello@zoo.org\nURL:https://zoo.org\nEND:VCARD\n";
		for (int dup = PD_DUP_SKIP; dup <= PD_DUP_NEW; dup++) {
			db = fresh_db();
			ok(import_report(db, "order.vcf", order, (pd_dup_policy)dup, false, &st, &report, &e),
				"order.vcf (%d): %s", dup, e.msg);
			is(st.skipped, 0, "person before organisation (%d): the organisation's card is not skipped", dup);
			is(pd_partner_count(db, &e), 2, "two partners, not a second of either name (%d)", dup);
			free(report);
			p = by_name(db, "Riverside Historical Society");
			ok(p && p->email && strcmp(p->email, "info@rhs.org") == 0 && p->website
				&& strcmp(p->website, "https://rhs.org") == 0 && p->phone && strcmp(p->phone, "555-0100") == 0
				&& p->address && strstr(p->address, "2 Mill Lane") && p->notes
				&& strcmp(p->notes, "Open Saturdays") == 0,
				"the organisation card's email, URL, phone, address and note land (%d)", dup);
			is(p ? contacts_at(db, p->id, NULL, &found) : -1, 1, "with Ana Souza (%d)", dup);
			pd_partner_destroy(p);
			p = by_name(db, "Zoo Society");
			ok(p && p->email && strcmp(p->email, "hello@zoo.org") == 0, "the KIND:org card too (%d)", dup);
			pd_partner_destroy(p);
			if (dup == PD_DUP_SKIP) {
				before = writes(db);
				ok(import_report(db, "order.vcf", order, PD_DUP_SKIP, false, &st, &report, &e), "again");
				is(st.skipped, 4, "the second time every card is skipped");
				free(report);
				is(writes(db), before, "and nothing written");
			}
			pd_db_close(db);
		}

		/* F8: one row per contact person: the people after the first are
		 * added to the partner; the partner's cells follow skip. */
		db = fresh_db();
		ok(pd_partner_count(db, &e) == 0, "a fresh database");
		const char rows[] = "Organisation,Contact name,Job title,Contact email,Email\n"
			"City Zoo,Ann Lee,Education Officer,ann@zoo.org,info@zoo.org\n"
			"City Zoo,Bob Ray,Director,bob@zoo.org,other@zoo.org\n"
			"City Zoo,Cy Fox,Volunteer Lead,cy@zoo.org,\n"
			"Art Museum,Dee Hill,Curator,dee@art.org,\n";
		ok(import_report(db, "people.csv", rows, PD_DUP_SKIP, false, &st, &report, &e), "people.csv: %s", e.msg);
		is(st.added, 2, "two partners");
		is(st.contacts, 4, "every person at their partner");
		ok(report && strstr(report, "people.csv:3: skip \"City Zoo\": row 2 of this file has that name "
			"(its contact \"Bob Ray\" joins it)") && !strstr(report, "on-duplicate new"),
			"the message says the person was added, and does not suggest duplicate partners: %s",
			report ? report : "");
		free(report);
		char sum[200];
		pd_import_summary(&st, sum, sizeof sum);
		streq(sum, "2 added, 0 merged, 2 skipped, 0 failed, 2 contacts added to matched partners",
			"the summary counts them");
		p = by_name(db, "City Zoo");
		is(p ? contacts_at(db, p->id, "cy@zoo.org", &found) : -1, 3, "three people at City Zoo");
		ok(found, "with their details");
		ok(p && p->email && strcmp(p->email, "info@zoo.org") == 0, "skip left the partner's email alone");
		int64_t zoo_id = p ? p->id : 0;
		pd_partner_destroy(p);
		before = writes(db);
		ok(import_report(db, "people.csv", rows, PD_DUP_SKIP, false, &st, &report, &e), "the same sheet again");
		ok(st.skipped == 4 && st.contacts == 0, "nobody added twice (%ld skipped, %ld people)", st.skipped, st.contacts);
		free(report);
		is(writes(db), before, "nothing written");
		is(contacts_at(db, zoo_id, NULL, &found), 3, "still three");
		pd_db_close(db);

		/* F16: notes compared line by line, not as substrings. */
		db = fresh_db();
		ok(import_report(db, "n1.csv", "Name,Notes,Type of library,Statutory\n"
			"Branch Partner,not closed for repairs,LAL,True\n", PD_DUP_SKIP, false, &st, &report, &e), "n1.csv");
		free(report);
		ok(import_report(db, "n2.csv", "Name,Notes,Type of library,Statutory\n"
			"Branch Partner,closed,LAL-2,True\n", PD_DUP_MERGE, false, &st, &report, &e), "n2.csv");
		free(report);
		p = by_name(db, "Branch Partner");
		streq(p ? p->notes : NULL, "not closed for repairs\nType of library: LAL-2\nStatutory: True\nclosed",
			"a short note inside a longer one is added; a changed column's line replaced, the rest not repeated");
		pd_partner_destroy(p);
		/* vCard: the org card's note and a person's notes too. */
		const char v1[] = "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Harbor Trust\nNOTE:not closed\nEND:VCARD\n"
			"BEGIN:VCARD\nVERSION:4.0\nFN:Kim\nORG:Harbor Trust;Education\nNOTE:VIP guest\nEND:VCARD\n";
		const char v2[] = "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Harbor Trust\nNOTE:closed\nEND:VCARD\n"
			"BEGIN:VCARD\nVERSION:4.0\nFN:Kim\nORG:Harbor Trust;Learning\nNOTE:VIP\nEND:VCARD\n";
		ok(import_report(db, "v1.vcf", v1, PD_DUP_SKIP, false, &st, &report, &e), "v1.vcf: %s", e.msg);
		free(report);
		ok(import_report(db, "v2.vcf", v2, PD_DUP_MERGE, false, &st, &report, &e), "v2.vcf: %s", e.msg);
		free(report);
		p = by_name(db, "Harbor Trust");
		streq(p ? p->notes : NULL, "not closed\nclosed", "vCard org merge adds the short note");
		pd_contacts cs0 = { 0 };
		if (p && pd_contact_list(db, p->id, &cs0, &e) && cs0.n == 1)
			streq(cs0.v[0].notes, "VIP guest\nDepartment: Learning\nVIP",
				"a person's merge adds the short note and replaces the department line");
		else
			ok(0, "one person at Harbor Trust");
		pd_contacts_finish(&cs0);
		pd_partner_destroy(p);
		pd_db_close(db);

		/* F10: pieces of an address don't replace a fuller one, and the
		 * dry run lists what a merge changes. */
		db = fresh_db();
		ok(import_report(db, "ad1.csv", "Name,Street,City,Postcode,Country,Email\n"
			"Harbor Museum,1 Dock Rd,Portsmouth,PO1 3LJ,UK,old@harbor.org\n", PD_DUP_SKIP, false, &st, &report, &e),
			"ad1.csv");
		free(report);
		const char ad2[] = "Name,City,Email\nHarbor Museum,Portsmouth,new-address-for-bookings@harbor-museum.org.uk\n";
		char *plan = NULL;
		size_t plan_len = 0;
		FILE *pf = open_memstream(&plan, &plan_len);
		o = (pd_import_opts){ .err = sink, .out = pf, .on_duplicate = PD_DUP_MERGE, .dry_run = true };
		ok(import_str(db, "ad2.csv", ad2, sizeof ad2 - 1, &o, &st, &e), "ad2.csv dry run");
		fclose(pf);
		ok(plan && strstr(plan, "ad2.csv:2: merge into #1 \"Harbor Museum\"\n    email: \"old@harbor.org\" -> "
			"\"new-address-for-bookings@harbor-museum.org.uk\"\n"), "the plan shows the email old -> new: %s",
			plan ? plan : "");
		ok(plan && strstr(plan, "    address kept: the row's \"Portsmouth\" is only part of it\n"),
			"and that the address stays");
		bool narrow = true;
		for (const char *l = plan; l && *l;) {
			const char *end = strchr(l, '\n');
			size_t n = end ? (size_t)(end - l) : strlen(l);
			narrow &= n <= 80;
			l = end ? end + 1 : l + n;
		}
		ok(narrow, "every plan line fits 80 columns");
		free(plan);
		o = (pd_import_opts){ .err = sink, .out = sink, .on_duplicate = PD_DUP_MERGE };
		ok(import_str(db, "ad2.csv", ad2, sizeof ad2 - 1, &o, &st, &e), "ad2.csv merged");
		p = by_name(db, "Harbor Museum");
		streq(p ? p->address : NULL, "1 Dock Rd, Portsmouth, PO1 3LJ, UK", "a City-only column keeps the full address");
		pd_partner_destroy(p);
		ok(import_report(db, "ad3.csv", "Name,Street,City\nHarbor Museum,9 Quay St,Southsea\n", PD_DUP_MERGE,
			false, &st, &report, &e), "ad3.csv");
		free(report);
		p = by_name(db, "Harbor Museum");
		streq(p ? p->address : NULL, "9 Quay St, Southsea", "an address the row says more of replaces it");
		pd_partner_destroy(p);
		pd_db_close(db);
	}
	test_card_refused();
	test_org_row_reach();
	test_plan_people();
	fclose(sink);
	return tap_done();
}
