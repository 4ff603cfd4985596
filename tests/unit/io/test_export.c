/* Exports: the YAML backup restored into an empty database exports the
 * same bytes; iCalendar read back by libical (when built with it) and
 * checked line by line against RFC 5545; vCards read back by our reader
 * and checked against RFC 6350's structure; -o writes 0600 via rename. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "partnerdesk/io/export.h"
#include "partnerdesk/io/import.h"
#include "partnerdesk/io/vcard.h"
#include "partnerdesk/model/agreement.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/fit.h"
#include "partnerdesk/model/interaction.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/snapshot.h"
#include "partnerdesk/model/stage.h"
#include "partnerdesk/model/text.h"
#include "tap.h"

#ifdef PD_HAVE_LIBICAL
#include <libical/ical.h>
#endif

static char dir[] = "/tmp/pd-io-export-XXXXXX";

static pd_db *open_db(const char *name, time_t now)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	pd_error e = { 0 };
	pd_db *db = pd_db_open(path, PD_OPEN_CREATE, NULL, &e);
	if (!db)
		printf("# open: %s\n", e.msg);
	else
		pd_db_set_now(db, now);
	return db;
}

/* The UID of the component (VTODO, VEVENT, VCARD) of an export whose text,
 * unfolded, holds needle; "" if none. Into out. */
static const char *uid_of(const char *text, const char *needle, char *out, size_t size)
{
	out[0] = '\0';
	if (!text)
		return out;
	size_t n = strlen(text), o = 0;
	char *u = malloc(n + 2);
	u[o++] = '\n';   /* so the first BEGIN is found as the others are */
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\r' && text[i + 1] == '\n' && text[i + 2] == ' ') {
			i += 2;
			continue;
		}
		u[o++] = text[i];
	}
	u[o] = '\0';
	for (char *c = strstr(u, "\nBEGIN:V"); c; c = strstr(c + 1, "\nBEGIN:V")) {
		char *end = strstr(c, "\nEND:V");
		if (!end)
			break;
		char *hit = strstr(c, needle), *id = strstr(c, "\nUID:");
		if (hit && hit < end && id && id < end) {
			id += 5;
			size_t len = strcspn(id, "\r\n");
			snprintf(out, size, "%.*s", (int)len, id);
			break;
		}
	}
	free(u);
	return out;
}

static char *export_str(pd_db *db, pd_export_format fmt, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	pd_error e = { 0 };
	bool ok = pd_export_write(db, fmt, f, NULL, NULL, &e);
	fclose(f);
	if (!ok) {
		printf("# export: %s\n", e.msg);
		free(buf);
		return NULL;
	}
	if (len)
		*len = n;
	return buf;
}

/* A partner with one of everything, and text that tempts a YAML writer:
 * newlines, "yes", numbers, ": ", '#', quotes, leading spaces, Unicode. */
static bool fill(pd_db *db)
{
	pd_error e = { 0 };
	pd_partner *p = pd_partner_create();
	p->name = strdup("Musée d'Art: \"Łódź\" #1");
	p->kind = strdup("museum");
	p->scale = strdup("macro");
	p->mission = strdup("yes");
	p->position = strdup("  leading spaces and trailing  ");
	p->directions = strdup("0123");
	p->fiscal_month = 7;
	p->website = strdup("https://example.org/?a=1&b=2");
	p->phone = strdup("+48 42 000 00 00");
	p->email = strdup("info@example.org");
	p->address = strdup("ul. Więckowskiego 36, 90-734 Łódź");
	p->owner = strdup("Ana");
	p->notes = strdup("first line\nsecond line\n\nafter a blank, tab\there, null, ~, true");
	pd_strv_push(&p->tags, "science");
	pd_strv_push(&p->tags, "art");
	pd_strv_push(&p->audiences, "teens");
	pd_strv_push(&p->branches, "Main");
	bool ok = pd_partner_insert(db, p, &e);
	if (!ok)
		printf("# %s\n", e.msg);
	int64_t pid = p->id;
	pd_partner_destroy(p);
	pd_contact c = { .partner_id = pid, .name = strdup("Zofia Nowak"), .title = strdup("Head of Education"),
		.email = strdup("zofia@example.org"), .phone = strdup("+48 1"), .notes = strdup("prefers; commas, \\ and semicolons"),
		.channel = strdup("email") };
	ok = ok && pd_contact_insert(db, &c, &e);
	pd_contact c2 = { .partner_id = pid, .name = strdup("Ala Kowalska") };
	ok = ok && pd_contact_insert(db, &c2, &e);
	pd_db_set_now(db, pd_db_now(db) + 3600);
	pd_interaction it = { .partner_id = pid, .contact_id = c.id, .channel = strdup("phone"),
		.text = strdup("Called about the summer programme, with a very long note that goes on and on past seventy-five octets: zażółć gęślą jaźń"),
		.follow_up = "2026-12-01" };
	strcpy(it.at, "2026-11-18T10:00:00Z");
	ok = ok && pd_interaction_insert(db, &it, &e);
	pd_interaction it2 = { .partner_id = pid, .channel = strdup("visit"), .text = strdup("done one"), .follow_up = "2026-11-01", .done = true };
	strcpy(it2.at, "2026-10-01T09:00:00Z");
	ok = ok && pd_interaction_insert(db, &it2, &e);
	pd_move_request mv = { .to = "date", .reason = "a pilot" };
	ok = ok && pd_stage_move(db, pid, &mv, &e);
	pd_move_request mv2 = { .to = "engagement", .reason = "going well", .review_date = "2027-03-01" };
	ok = ok && pd_stage_move(db, pid, &mv2, &e);
	pd_agreement a = { .partner_id = pid, .stage = strdup("engagement"), .title = strdup("Summer science"),
		.start_date = "2026-12-01", .end_date = "2027-02-28", .review_date = "2027-03-01",
		.approved_by = strdup("Director"), .notes = strdup("draft") };
	pd_agreement_add_offer(&a, "library", "space", "the auditorium");
	pd_agreement_add_offer(&a, "partner", "exhibits", NULL);
	ok = ok && pd_agreement_insert(db, &a, &e);
	ok = ok && pd_fit_set(db, pid, "mission", 3, "close", &e) && pd_fit_set(db, pid, "timing", 1, NULL, &e);
	ok = ok && pd_goal_set(db, pid, "reach new users", "teens", &e);
	pd_partner *q = pd_partner_create();
	q->name = strdup("Zoo");
	ok = ok && pd_partner_insert(db, q, &e);
	pd_partner_destroy(q);
	q = pd_partner_create();
	q->name = strdup("zoo");   /* a same-name pair keeps its order */
	ok = ok && pd_partner_insert(db, q, &e);
	pd_partner_destroy(q);
	if (!ok)
		printf("# fill: %s\n", e.msg);
	pd_contact_finish(&c);
	pd_contact_finish(&c2);
	pd_interaction_finish(&it);
	pd_interaction_finish(&it2);
	pd_agreement_finish(&a);
	return ok;
}

static void check_content_lines(const char *s, const char *what)
{
	bool crlf = true, short_lines = true, utf8_whole = true;
	const char *line = s;
	while (*line) {
		const char *end = strstr(line, "\r\n");
		if (!end) {
			crlf = false;
			break;
		}
		if (end - line > 75)
			short_lines = false;
		/* A fold must not split a character: no line starts with a
		 * continuation byte after its leading space. */
		if (line[0] == ' ' && ((unsigned char)line[1] & 0xC0) == 0x80)
			utf8_whole = false;
		line = end + 2;
	}
	ok(crlf, "%s: every line ends in CRLF", what);
	ok(short_lines, "%s: no line longer than 75 octets", what);
	ok(utf8_whole, "%s: folding never splits a UTF-8 character", what);
}

/* n copies of the UTF-8 character c, allocated. */
static char *repeat(const char *c, size_t n)
{
	size_t len = strlen(c);
	char *s = malloc(len * n + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * len, c, len);
	s[len * n] = '\0';
	return s;
}

#ifdef PD_HAVE_LIBICAL
/* The SUMMARY of the component whose UID starts with prefix, or NULL. */
static const char *summary_by_uid(icalcomponent *cal, icalcomponent_kind kind, const char *prefix)
{
	for (icalcomponent *c = cal ? icalcomponent_get_first_component(cal, kind) : NULL; c;
	     c = icalcomponent_get_next_component(cal, kind)) {
		const char *u = icalcomponent_get_uid(c);
		if (u && strncmp(u, prefix, strlen(prefix)) == 0)
			return icalcomponent_get_summary(c);
	}
	return NULL;
}
#endif

/* A phone note typed as one long Korean paragraph, and a long Korean name:
 * each SUMMARY is cut short, but between two characters (the file is UTF-8,
 * RFC 5545 3.1.4), as long as it may be. */
static void check_long_text(void)
{
	pd_error e = { 0 };
	pd_db *db = open_db("long.db", 1795000000);
	char *note = repeat("\xea\xb5\xad", 200);   /* 국: 600 bytes, one line */
	char *name = repeat("\xeb\x8f\x84", 200);   /* 도: 600 bytes, the most characters a name holds */
	pd_partner *p = pd_partner_create();
	p->name = strdup("Short");
	bool good = pd_partner_insert(db, p, &e);
	pd_interaction it = { .partner_id = p->id, .text = strdup(note), .follow_up = "2026-12-01" };
	good = good && pd_interaction_insert(db, &it, &e);
	pd_interaction_finish(&it);
	pd_partner_destroy(p);
	p = pd_partner_create();
	p->name = strdup(name);
	good = good && pd_partner_insert(db, p, &e);
	pd_move_request mv = { .to = "date", .reason = "a pilot" };
	pd_move_request mv2 = { .to = "engagement", .reason = "well", .review_date = "2027-03-01" };
	good = good && pd_stage_move(db, p->id, &mv, &e) && pd_stage_move(db, p->id, &mv2, &e);
	pd_agreement a = { .partner_id = p->id, .stage = strdup("engagement"), .start_date = "2026-12-01",
		.end_date = "2027-02-28", .review_date = "2027-01-15" };
	good = good && pd_agreement_insert(db, &a, &e);
	pd_agreement_finish(&a);
	pd_partner_destroy(p);
	ok(good, "a long note and a long name: %s", e.msg);
	size_t len = 0;
	char *ics = export_str(db, PD_EXPORT_ICS, &len);
	ok(ics && pd_utf8_valid(ics, len), "the calendar is valid UTF-8");
	if (ics)
		check_content_lines(ics, "long ics");
#ifdef PD_HAVE_LIBICAL
	icalcomponent *cal = ics ? icalparser_parse_string(ics) : NULL;
	ok(cal != NULL, "libical parses it");
	char want[700];
	snprintf(want, sizeof want, "Follow up: Short - %.399s", note);   /* 133 whole characters */
	streq(summary_by_uid(cal, ICAL_VTODO_COMPONENT, "interaction-"), want,
	      "the note's line cut before 400 bytes, after a whole character");
	const char *labels[][2] = { { "review-", "Engagement review: " },
		{ "agreement-review-", "Agreement review: " }, { "agreement-end-", "Agreement ends: " } };
	for (size_t i = 0; i < 3; i++) {
		const char *sum = summary_by_uid(cal, ICAL_VEVENT_COMPONENT, labels[i][0]);
		size_t pre = strlen(labels[i][1]), n = sum ? strlen(sum) : 0;
		ok(sum && strncmp(sum, labels[i][1], pre) == 0 && pd_utf8_valid(sum, n)
		   && (n - pre) % 3 == 0 && n <= 599 && n > 599 - 3
		   && strncmp(sum + pre, name, n - pre) == 0,
		   "%sthe name cut before 600 bytes, after a whole character (%zu bytes)", labels[i][1], n);
	}
	if (cal)
		icalcomponent_free(cal);
#else
	ok(1, "# SKIP libical not found");
#endif
	free(ics);
	free(note);
	free(name);
	pd_db_close(db);
}

#ifdef PD_HAVE_LIBICAL
/* DTSTAMP (as time_t), LAST-MODIFIED present and SEQUENCE of the component
 * whose UID starts with prefix; false when there is none. */
static bool stamps_of(icalcomponent *cal, icalcomponent_kind kind, const char *prefix, time_t *stamp,
	int *seq, const char **summary, const char **categories)
{
	for (icalcomponent *c = cal ? icalcomponent_get_first_component(cal, kind) : NULL; c;
	     c = icalcomponent_get_next_component(cal, kind)) {
		const char *u = icalcomponent_get_uid(c);
		if (!u || strncmp(u, prefix, strlen(prefix)) != 0)
			continue;
		icalproperty *lm = icalcomponent_get_first_property(c, ICAL_LASTMODIFIED_PROPERTY);
		struct icaltimetype m = lm ? icalproperty_get_lastmodified(lm) : icaltime_null_time();
		struct icaltimetype d = icalcomponent_get_dtstamp(c);
		if (icaltime_compare(m, d) != 0)
			return false;
		*stamp = icaltime_as_timet(d);
		*seq = icalcomponent_get_sequence(c);
		*summary = icalcomponent_get_summary(c);
		icalproperty *cat = icalcomponent_get_first_property(c, ICAL_CATEGORIES_PROPERTY);
		*categories = cat ? icalproperty_get_categories(cat) : NULL;
		return true;
	}
	return false;
}
#endif

/* Text typed on an old Mac or pasted from one ends its lines with a lone
 * CR: CR, CRLF and LF are each one line break, written as \n in TEXT and
 * ending the SUMMARY's first line, never dropped so that words run on. */
static void check_line_breaks(void)
{
	pd_error e = { 0 };
	pd_db *db = open_db("breaks.db", 1795000000);
	pd_partner *p = pd_partner_create();
	p->name = strdup("Mac Museum");
	bool good = pd_partner_insert(db, p, &e);
	int64_t pid = p->id;
	pd_partner_destroy(p);
	pd_contact c = { .partner_id = pid, .name = strdup("Ann Mac"),
		.notes = strdup("one\rtwo\r\nthree\nfour") };
	good = good && pd_contact_insert(db, &c, &e);
	pd_contact_finish(&c);
	pd_interaction it = { .partner_id = pid, .text = strdup("call back\rabout the fair\r\nsoon"),
		.follow_up = "2026-12-01" };
	good = good && pd_interaction_insert(db, &it, &e);
	pd_interaction_finish(&it);
	ok(good, "notes and a follow-up with CR, CRLF and LF: %s", e.msg);
	size_t len = 0;
	char *ics = export_str(db, PD_EXPORT_ICS, &len);
	ok(ics && strstr(ics, "\r\nSUMMARY:Follow up: Mac Museum - call back\r\n"),
		"the SUMMARY's first line ends at a lone CR");
	ok(ics && strstr(ics, "\r\nDESCRIPTION:call back\\nabout the fair\\nsoon\r\n"),
		"a lone CR and a CRLF are each one \\n in the DESCRIPTION");
#ifdef PD_HAVE_LIBICAL
	icalcomponent *cal = ics ? icalparser_parse_string(ics) : NULL;
	icalcomponent *todo = cal ? icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT) : NULL;
	streq(todo ? icalcomponent_get_description(todo) : NULL, "call back\nabout the fair\nsoon",
		"libical reads three lines back");
	streq(todo ? icalcomponent_get_summary(todo) : NULL, "Follow up: Mac Museum - call back",
		"and the first line as the summary");
	if (cal)
		icalcomponent_free(cal);
#endif
	free(ics);
	char *vcf = export_str(db, PD_EXPORT_VCF, &len);
	ok(vcf && strstr(vcf, "\r\nNOTE:one\\ntwo\\nthree\\nfour\r\n"),
		"the card's NOTE has four lines");
	pd_vcards cards;
	if (vcf && pd_vcard_parse("breaks.vcf", vcf, len, &cards, &e)) {
		streq(cards.n == 1 ? cards.v[0].note : NULL, "one\ntwo\nthree\nfour", "our reader reads them back");
		pd_vcards_finish(&cards);
	} else {
		ok(0, "our reader reads the card: %s", e.msg);
	}
	free(vcf);
	pd_db_close(db);
}

/* A rename, a stage move, a contact's rename: the follow-up to-do and the
 * agreement events that show the name, stage or contact are stamped as
 * changed (RFC 5546 ordering: a calendar takes only a newer DTSTAMP or a
 * higher SEQUENCE as an update), and SEQUENCE only grows. */
static void check_stamps(void)
{
#ifdef PD_HAVE_LIBICAL
	pd_error e = { 0 };
	time_t t0 = 1795000000;
	pd_db *db = open_db("stamps.db", t0);
	pd_partner *p = pd_partner_create();
	p->name = strdup("Old Name Museum");
	bool good = pd_partner_insert(db, p, &e);
	int64_t pid = p->id;
	pd_partner_destroy(p);
	pd_contact c = { .partner_id = pid, .name = strdup("Ann Old") };
	good = good && pd_contact_insert(db, &c, &e);
	pd_interaction it = { .partner_id = pid, .contact_id = c.id, .text = strdup("call back"),
		.follow_up = "2026-12-01" };
	good = good && pd_interaction_insert(db, &it, &e);
	pd_move_request mv = { .to = "date", .reason = "a pilot" };
	pd_move_request mv2 = { .to = "engagement", .reason = "well", .review_date = "2027-03-01" };
	good = good && pd_stage_move(db, pid, &mv, &e) && pd_stage_move(db, pid, &mv2, &e);
	pd_agreement a = { .partner_id = pid, .stage = strdup("engagement"), .start_date = "2026-12-01",
		.end_date = "2027-02-28", .review_date = "2027-01-15" };
	good = good && pd_agreement_insert(db, &a, &e);
	pd_agreement_finish(&a);
	pd_interaction_finish(&it);
	ok(good, "a partner with a follow-up, a contact and an agreement: %s", e.msg);

	const char *uids[] = { "interaction-", "agreement-review-", "agreement-end-" };
	time_t stamp[5][3] = { { 0 } };
	int seq[5][3] = { { 0 } };
	const char *sum[3], *cat[3];
	char *ics[5] = { NULL };
	icalcomponent *cal[5] = { NULL };
	for (int step = 0; step < 5; step++) {
		pd_db_set_now(db, t0 + 600 * (step + 1));
		if (step == 1) {
			p = pd_partner_get(db, pid, &e);
			free(p->name);
			p->name = strdup("New Name Museum");
			ok(pd_partner_update(db, p, &e), "renamed: %s", e.msg);
			pd_partner_destroy(p);
		} else if (step == 2) {
			pd_move_request down = { .to = "date", .reason = "smaller" };
			ok(pd_stage_move(db, pid, &down, &e), "moved back to date: %s", e.msg);
		} else if (step == 3) {
			pd_contact *pc = pd_contact_get(db, c.id, &e);
			free(pc->name);
			pc->name = strdup("Ann New");
			ok(pc && pd_contact_update(db, pc, &e), "the contact renamed: %s", e.msg);
			pd_contact_destroy(pc);
		} else if (step == 4) {
			pd_contact *pc = pd_contact_get(db, c.id, &e);
			ok(pc && pd_contact_delete(db, pc->id, pc->version, &e), "the contact deleted: %s", e.msg);
			pd_contact_destroy(pc);
		}
		ics[step] = export_str(db, PD_EXPORT_ICS, NULL);
		cal[step] = ics[step] ? icalparser_parse_string(ics[step]) : NULL;
		for (int k = 0; k < 3; k++) {
			bool there = stamps_of(cal[step], k ? ICAL_VEVENT_COMPONENT : ICAL_VTODO_COMPONENT, uids[k],
				&stamp[step][k], &seq[step][k], &sum[k], &cat[k]);
			if (step == 0) {
				ok(there, "%s: in the calendar, LAST-MODIFIED = DTSTAMP", uids[k]);
			} else if (step == 1) {
				ok(there && sum[k] && strstr(sum[k], "New Name Museum"), "%s: the new name: %s", uids[k],
					there && sum[k] ? sum[k] : "");
				ok(stamp[1][k] > stamp[0][k] && seq[1][k] > seq[0][k],
					"%s: after the rename, a later DTSTAMP (%lld > %lld) and a higher SEQUENCE (%d > %d)",
					uids[k], (long long)stamp[1][k], (long long)stamp[0][k], seq[1][k], seq[0][k]);
			} else if (k == 0) {
				ok(there && stamp[step][0] > stamp[step - 1][0] && seq[step][0] > seq[step - 1][0],
					"the to-do after %s: a later DTSTAMP and a higher SEQUENCE (%d > %d)",
					step == 2 ? "the move" : step == 3 ? "the contact's rename" : "the contact's deletion",
					seq[step][0], seq[step - 1][0]);
				if (step == 2)
					streq(there ? cat[0] : NULL, "date", "its CATEGORIES: the new stage");
			}
		}
	}
	ok(ics[3] && strstr(ics[3], "X-PARTNERDESK-CONTACT:Ann New\r\n"), "the contact's new name");
	ok(ics[4] && strstr(ics[4], "X-PARTNERDESK-CONTACT:Ann New\r\n"),
	   "once deleted, still the name the follow-up was logged with");
	for (int step = 0; step < 5; step++) {
		if (cal[step])
			icalcomponent_free(cal[step]);
		free(ics[step]);
	}
	pd_contact_finish(&c);
	pd_db_close(db);
#else
	ok(1, "# SKIP libical not found");
#endif
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (!mkdtemp(dir))
		return 1;
	pd_error e = { 0 };
	pd_db *db = open_db("a.db", 1795000000);
	ok(db && fill(db), "sample data written");

	/* ---- YAML round trip ---- */
	size_t alen = 0, blen = 0;
	char *a = export_str(db, PD_EXPORT_YAML, &alen);
	ok(a != NULL, "YAML export");
	char *again = export_str(db, PD_EXPORT_YAML, NULL);
	ok(a && again && strcmp(a, again) == 0, "two exports are identical (no export time in it)");
	free(again);
	pd_db *db2 = open_db("b.db", 1800000000);   /* a different clock: stamps must come from the file */
	pd_import_opts o = { .name = "a.yaml" };
	pd_import_stats st;
	ok(db2 && a && pd_import_buffer(db2, a, alen, &o, &st, &e), "backup restores: %s", e.msg);
	is(st.added, 3, "three partners restored");
	char *b = export_str(db2, PD_EXPORT_YAML, &blen);
	ok(a && b && alen == blen && memcmp(a, b, alen) == 0, "restore then export: byte-identical");
	if (a && b && (alen != blen || memcmp(a, b, alen) != 0)) {
		FILE *fa = fopen("/tmp/pd-a.yaml", "w"), *fb = fopen("/tmp/pd-b.yaml", "w");
		fwrite(a, 1, alen, fa);
		fwrite(b, 1, blen, fb);
		fclose(fa);
		fclose(fb);
		printf("# diff /tmp/pd-a.yaml /tmp/pd-b.yaml\n");
	}
	ok(a && strstr(a, "partnerdesk-backup: 1\n"), "format line");
	ok(a && strstr(a, "mission: \"yes\""), "\"yes\" stays a string");
	ok(a && strstr(a, "directions: \"0123\""), "a number-like string stays a string");
	ok(a && strstr(a, "done: true"), "done follow-up kept");
	ok(a && strstr(a, "side: library"), "agreement offers");
	ok(a && strstr(a, "criterion: mission"), "fit");
	ok(a && strstr(a, "goal: reach new users"), "goals");
	free(b);
	/* importing into a database that has them skips them */
	ok(pd_import_buffer(db2, a, alen, &o, &st, &e), "second restore runs");
	is(st.skipped, 3, "existing partners skipped");
	pd_db_close(db2);

	/* An empty desk's backup: the format line first, so that the file is
	 * known for a backup by its content (a name with no .yaml). */
	pd_db *empty = open_db("empty.db", 1795000000);
	size_t elen = 0;
	char *ey = empty ? export_str(empty, PD_EXPORT_YAML, &elen) : NULL;
	streq(ey ? ey : "", "---\npartnerdesk-backup: 1\npartners: []\n...\n",
		"an empty desk's backup, format line first");
	o = (pd_import_opts){ .name = "nightly-backup" };
	ok(ey && pd_import_buffer(empty, ey, elen, &o, &st, &e) && st.added == 0,
		"and it reads back as a backup by its content: %s", e.msg);
	free(ey);
	pd_db_close(empty);

	/* A backup cut short at the end of any line (a full disk, a copy that
	 * stopped) is refused as a whole; most such cuts are still YAML. */
	ok(a && strncmp(a, "---\npartnerdesk-backup: 1\n", 26) == 0 && alen > 4 &&
	   strcmp(a + alen - 4, "...\n") == 0, "the backup is marked at its start and its end");
	pd_db *cut_db = open_db("cut.db", 1795000000);
	size_t cuts = 0, refused = 0, said = 0;
	for (size_t i = 0; a && cut_db && i + 4 < alen; i++) {
		if (a[i] != '\n')
			continue;
		cuts++;
		o = (pd_import_opts){ .name = "cut.yaml" };
		pd_error_clear(&e);
		refused += !pd_import_buffer(cut_db, a, i + 1, &o, &st, &e);
		said += strstr(e.msg, "cut short") != NULL;
	}
	ok(cuts > 50 && refused == cuts, "each of %zu cuts at a line's end is refused (%zu were)", cuts, refused);
	ok(said == cuts, "each as cut short (%zu were)", said);
	is(cut_db ? pd_partner_count(cut_db, &e) : -1, 0, "and none restored anything");
	pd_db_close(cut_db);
	o = (pd_import_opts){ .name = "old.yaml" };
	pd_error_clear(&e);
	const char *unmarked = "partnerdesk-backup: 1\npartners:\n- name: Older\n";
	pd_db *old_db = open_db("old.db", 1795000000);
	ok(old_db && pd_import_buffer(old_db, unmarked, strlen(unmarked), &o, &st, &e) && st.added == 1,
		"a backup from before the marks still restores: %s", e.msg);
	pd_db_close(old_db);

	/* ---- hostile YAML ---- */
	pd_db *db3 = open_db("c.db", 1795000000);
	size_t depth = 10000;
	char *deep = malloc(depth * 2 + 64);
	size_t n = (size_t)sprintf(deep, "partnerdesk-backup: 1\npartners: ");
	for (size_t i = 0; i < depth; i++)
		deep[n++] = '[';
	for (size_t i = 0; i < depth; i++)
		deep[n++] = ']';
	deep[n] = '\0';
	o = (pd_import_opts){ .name = "deep.yaml" };
	ok(!pd_import_buffer(db3, deep, n, &o, &st, &e), "10,000-deep nesting refused");
	ok(strstr(e.msg, "deep.yaml:2:") && strstr(e.msg, "nested"), "with its position: %s", e.msg);
	free(deep);
	const char *bad[][2] = {
		{ "partnerdesk-backup: 1\npartners:\n- name: A\n  colour: red\n", "bad.yaml:4:3: a partner has no key \"colour\"" },
		{ "partnerdesk-backup: 1\npartners:\n- name: A\n  fiscal_month: 13\n", "bad.yaml:4:17:" },
		{ "partnerdesk-backup: 1\npartners:\n- name: A\n  interactions:\n  - at: yesterday\n", "bad.yaml:5:9:" },
		{ "partnerdesk-backup: 9\npartners: []\n", "newer" },
		{ "partners: &a [*a]\n", "alias" },
		{ "partnerdesk-backup: 1\npartners: [\n", "bad.yaml:" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		o = (pd_import_opts){ .name = "bad.yaml" };
		pd_error_clear(&e);
		ok(!pd_import_buffer(db3, bad[i][0], strlen(bad[i][0]), &o, &st, &e) && strstr(e.msg, bad[i][1]),
			"bad backup %zu refused: %s", i, e.msg);
	}
	is(pd_partner_count(db3, &e), 0, "nothing restored from bad backups");
	pd_db_close(db3);
	free(a);

	/* ---- iCalendar ---- */
	char *ics = export_str(db, PD_EXPORT_ICS, NULL);
	ok(ics != NULL, "iCalendar export");
	if (ics) {
		check_content_lines(ics, "ics");
		ok(strncmp(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 37) == 0, "VCALENDAR, VERSION, PRODID first");
		ok(strstr(ics, "DUE;VALUE=DATE:20261201\r\n") != NULL, "the open follow-up is due 2026-12-01");
		ok(strstr(ics, "DUE;VALUE=DATE:20261101\r\n") != NULL, "the done follow-up is in, completed");
		ok(strstr(ics, "DTSTART;VALUE=DATE:20270301\r\n") != NULL, "the engagement review date");
		ok(strstr(ics, "DTSTAMP:2026") != NULL, "DTSTAMP");
		char *ics2 = export_str(db, PD_EXPORT_ICS, NULL);
		ok(ics2 && strcmp(ics, ics2) == 0, "UIDs and all stable across exports");
		free(ics2);
#ifdef PD_HAVE_LIBICAL
		icalcomponent *cal = icalparser_parse_string(ics);
		ok(cal != NULL, "libical parses it");
		if (cal) {
			is(icalcomponent_count_components(cal, ICAL_VTODO_COMPONENT), 2, "two VTODOs: open, done");
			/* The stage review, and the agreement's end; its review falls on
			 * the stage's review day and is that event, not a second one. */
			is(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 2, "two VEVENTs");
			icalcomponent *todo = icalcomponent_get_first_component(cal, ICAL_VTODO_COMPONENT);
			const char *sum = todo ? icalcomponent_get_summary(todo) : NULL;
			ok(sum && strstr(sum, "Follow up: Musée d'Art: \"Łódź\" #1 - Called about the summer programme, with"),
				"summary unescaped and unfolded: %s", sum ? sum : "");
			const char *uid = todo ? icalcomponent_get_uid(todo) : NULL;
			ok(uid && strncmp(uid, "interaction-", 12) == 0 && strstr(uid, "@partnerdesk"), "UID: %s", uid ? uid : "");
			struct icaltimetype due = todo ? icalcomponent_get_due(todo) : icaltime_null_time();
			ok(due.year == 2026 && due.month == 12 && due.day == 1 && due.is_date, "DUE read back as a date");
			icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
			const char *evs = ev ? icalcomponent_get_summary(ev) : NULL;
			icalcomponent *review = NULL, *end = NULL;
			for (; ev; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
				const char *u = icalcomponent_get_uid(ev);
				if (u && strncmp(u, "review-", 7) == 0)
					review = ev;
				else if (u && strncmp(u, "agreement-end-", 14) == 0)
					end = ev;
			}
			evs = review ? icalcomponent_get_summary(review) : NULL;
			ok(evs && strstr(evs, "Engagement review"), "review event summary: %s", evs ? evs : "");
			evs = end ? icalcomponent_get_summary(end) : NULL;
			streq(evs, "Agreement ends: Musée d'Art: \"Łódź\" #1", "the agreement's end names the partner");
			struct icaltimetype t0 = end ? icalcomponent_get_dtstart(end) : icaltime_null_time();
			struct icaltimetype t1 = end ? icalcomponent_get_dtend(end) : icaltime_null_time();
			ok(t0.is_date && t0.year == 2027 && t0.month == 2 && t0.day == 28, "on the day it ends, all day");
			ok(t1.is_date && t1.year == 2027 && t1.month == 3 && t1.day == 1, "to the next day");
			streq(end ? icalcomponent_get_description(end) : NULL, "Summer science", "its title as the description");
			const char *euid = end ? icalcomponent_get_uid(end) : NULL;
			ok(euid && strstr(euid, "@partnerdesk"), "UID: %s", euid ? euid : "");
			icalcomponent_free(cal);
		}
		/* An agreement review of its own day is an event of its own. */
		pd_agreements ags;
		ok(pd_agreement_list(db, 1, &ags, &e) && ags.n == 1, "the agreement: %s", e.msg);
		if (ags.n == 1) {
			strcpy(ags.v[0].review_date, "2027-01-15");
			ok(pd_agreement_update(db, &ags.v[0], &e), "its review moved to 2027-01-15: %s", e.msg);
		}
		pd_agreements_finish(&ags);
		char *ics3 = export_str(db, PD_EXPORT_ICS, NULL);
		icalcomponent *cal3 = ics3 ? icalparser_parse_string(ics3) : NULL;
		ok(cal3 != NULL, "libical parses it again");
		is(cal3 ? icalcomponent_count_components(cal3, ICAL_VEVENT_COMPONENT) : 0, 3, "three VEVENTs");
		icalcomponent *rev = NULL;
		for (icalcomponent *c3 = cal3 ? icalcomponent_get_first_component(cal3, ICAL_VEVENT_COMPONENT) : NULL;
		     c3; c3 = icalcomponent_get_next_component(cal3, ICAL_VEVENT_COMPONENT)) {
			const char *u = icalcomponent_get_uid(c3);
			if (u && strncmp(u, "agreement-review-", 17) == 0)
				rev = c3;
		}
		streq(rev ? icalcomponent_get_summary(rev) : NULL, "Agreement review: Musée d'Art: \"Łódź\" #1",
			"the agreement review names the partner");
		struct icaltimetype rt = rev ? icalcomponent_get_dtstart(rev) : icaltime_null_time();
		ok(rt.is_date && rt.year == 2027 && rt.month == 1 && rt.day == 15, "on its day");
		if (cal3)
			icalcomponent_free(cal3);
		free(ics3);
#else
		ok(1, "# SKIP libical not found");
#endif
	}
	free(ics);

	/* ---- vCard ---- */
	size_t vlen = 0;
	char *vcf = export_str(db, PD_EXPORT_VCF, &vlen);
	ok(vcf != NULL, "vCard export");
	if (vcf) {
		check_content_lines(vcf, "vcf");
		ok(strncmp(vcf, "BEGIN:VCARD\r\nVERSION:4.0\r\n", 26) == 0, "VERSION right after BEGIN (RFC 6350 6.7.9)");
		ok(strstr(vcf, "ORG:Musée d'Art: \"Łódź\" #1\r\n") != NULL, "ORG names the partner");
		ok(strstr(vcf, "NOTE:prefers\\; commas\\, \\\\ and semicolons\r\n") != NULL, "TEXT escaped");
		pd_vcards cards;
		ok(pd_vcard_parse("out.vcf", vcf, vlen, &cards, &e), "our reader reads it back");
		is(cards.n, 2, "two cards");
		if (cards.n == 2) {
			streq(cards.v[1].name, "Zofia Nowak", "FN back");
			streq(cards.v[1].org, "Musée d'Art: \"Łódź\" #1", "ORG back");
			streq(cards.v[1].title, "Head of Education", "TITLE back");
			streq(cards.v[1].email, "zofia@example.org", "EMAIL back");
			streq(cards.v[1].phone, "+48 1", "TEL back");
			streq(cards.v[1].note, "prefers; commas, \\ and semicolons", "NOTE back");
			ok(cards.v[0].error == NULL && cards.v[1].error == NULL, "no errors");
		}
		pd_vcards_finish(&cards);
		/* and into a fresh database: people land at their partner again */
		pd_db *db4 = open_db("d.db", 1795000000);
		o = (pd_import_opts){ .name = "out.vcf" };
		ok(pd_import_buffer(db4, vcf, vlen, &o, &st, &e), "vCards import: %s", e.msg);
		is(st.contacts, 2, "two contacts");
		is(pd_partner_count(db4, &e), 1, "one partner made from ORG");
		pd_db_close(db4);
	}
	free(vcf);

	/* ---- UIDs: for life, through renames and restores ---- */
	{
		pd_db *u = open_db("uid.db", 1795000000);
		const char *names[] = { "Alpha Arts", "Beta Books", "Gamma Garden" };
		int64_t ids[3];
		for (int i = 0; i < 3; i++) {
			pd_partner *p = pd_partner_create();
			p->name = strdup(names[i]);
			ok(pd_partner_insert(u, p, &e), "%s added in the same second: %s", names[i], e.msg);
			ids[i] = p->id;
			pd_partner_destroy(p);
			char note[64], who[64];
			snprintf(note, sizeof note, "follow up with %s", names[i]);
			snprintf(who, sizeof who, "Person at %s", names[i]);
			pd_interaction it = { .partner_id = ids[i], .text = strdup(note), .follow_up = "2026-12-01" };
			pd_contact c = { .partner_id = ids[i], .name = strdup(who) };
			ok(pd_interaction_insert(u, &it, &e) && pd_contact_insert(u, &c, &e), "a follow-up and a contact");
			pd_interaction_finish(&it);
			pd_contact_finish(&c);
		}
		char *ics1 = export_str(u, PD_EXPORT_ICS, NULL), *vcf1 = export_str(u, PD_EXPORT_VCF, NULL);
		char before[3][2][200];
		for (int i = 0; i < 3; i++) {
			char note[64], who[64];
			snprintf(note, sizeof note, "follow up with %s", names[i]);
			snprintf(who, sizeof who, "FN:Person at %s", names[i]);
			uid_of(ics1, note, before[i][0], sizeof before[i][0]);
			uid_of(vcf1, who, before[i][1], sizeof before[i][1]);
			ok(before[i][0][0] && before[i][1][0], "%s: to-do %s, card %s", names[i], before[i][0], before[i][1]);
		}
		ok(strcmp(before[0][0], before[1][0]) && strcmp(before[1][0], before[2][0]) &&
		   strcmp(before[0][1], before[1][1]), "all different");
		pd_partner *alpha = pd_partner_get(u, ids[0], &e);
		free(alpha->name);
		alpha->name = strdup("Zeta Arts (formerly Alpha)");
		ok(pd_partner_update(u, alpha, &e), "Alpha renamed to sort last: %s", e.msg);
		pd_partner_destroy(alpha);
		char *ics2 = export_str(u, PD_EXPORT_ICS, NULL), *vcf2 = export_str(u, PD_EXPORT_VCF, NULL);
		for (int i = 0; i < 3; i++) {
			char note[64], who[64], got[200];
			snprintf(note, sizeof note, "follow up with %s", names[i]);
			snprintf(who, sizeof who, "FN:Person at %s", names[i]);
			streq(uid_of(ics2, note, got, sizeof got), before[i][0], "after the rename, %s's to-do keeps its UID", names[i]);
			streq(uid_of(vcf2, who, got, sizeof got), before[i][1], "and its contact's card its UID");
		}
		/* A backup and its restore keep them, and the whole calendar. */
		size_t ylen = 0;
		char *y = export_str(u, PD_EXPORT_YAML, &ylen);
		ok(y && strstr(y, "\n  uid: "), "the backup holds the uids");
		pd_db *r = open_db("uid-restored.db", 1795000000);
		o = (pd_import_opts){ .name = "uid.yaml" };
		ok(pd_import_buffer(r, y, ylen, &o, &st, &e), "restored: %s", e.msg);
		char *ics3 = export_str(r, PD_EXPORT_ICS, NULL), *vcf3 = export_str(r, PD_EXPORT_VCF, NULL);
		ok(ics2 && ics3 && strcmp(ics2, ics3) == 0, "the restored desk's calendar is the same, UIDs and all");
		ok(vcf2 && vcf3 && strcmp(vcf2, vcf3) == 0, "and its cards");
		pd_db_close(r);
		free(ics3);
		free(vcf3);
		/* Marked done: the same to-do, completed, with a higher SEQUENCE. */
		pd_db_set_now(u, 1795000600);
		pd_interactions log = { 0 };
		ok(pd_interaction_list(u, ids[1], 0, &log, &e) && log.n == 1, "Beta's follow-up");
		ok(log.n == 1 && pd_interaction_set_done(u, log.v[0].id, log.v[0].version, true, &e), "marked done: %s", e.msg);
		pd_interactions_finish(&log);
		char *ics4 = export_str(u, PD_EXPORT_ICS, NULL), got[200];
		streq(uid_of(ics4, "follow up with Beta Books", got, sizeof got), before[1][0], "the done to-do keeps its UID");
#ifdef PD_HAVE_LIBICAL
		icalcomponent *c2 = ics2 ? icalparser_parse_string(ics2) : NULL, *c4 = ics4 ? icalparser_parse_string(ics4) : NULL;
		icalcomponent *t2 = NULL, *t4 = NULL;
		for (icalcomponent *t = c2 ? icalcomponent_get_first_component(c2, ICAL_VTODO_COMPONENT) : NULL; t;
		     t = icalcomponent_get_next_component(c2, ICAL_VTODO_COMPONENT))
			if (strcmp(icalcomponent_get_uid(t), before[1][0]) == 0)
				t2 = t;
		for (icalcomponent *t = c4 ? icalcomponent_get_first_component(c4, ICAL_VTODO_COMPONENT) : NULL; t;
		     t = icalcomponent_get_next_component(c4, ICAL_VTODO_COMPONENT))
			if (strcmp(icalcomponent_get_uid(t), before[1][0]) == 0)
				t4 = t;
		ok(t2 && icalcomponent_get_status(t2) == ICAL_STATUS_NEEDSACTION, "before: NEEDS-ACTION");
		ok(t4 && icalcomponent_get_status(t4) == ICAL_STATUS_COMPLETED, "after: libical reads STATUS:COMPLETED");
		icalproperty *done = t4 ? icalcomponent_get_first_property(t4, ICAL_COMPLETED_PROPERTY) : NULL;
		struct icaltimetype when = done ? icalproperty_get_completed(done) : icaltime_null_time();
		ok(when.year == 2026 && when.month == 11 && when.day == 18 && when.hour == 11 && when.minute == 16,
		   "COMPLETED: when it was marked done (2026-11-18 11:16 UTC)");
		ok(t2 && t4 && icalcomponent_get_sequence(t4) > icalcomponent_get_sequence(t2),
		   "SEQUENCE grew: %d -> %d", t2 ? icalcomponent_get_sequence(t2) : -1,
		   t4 ? icalcomponent_get_sequence(t4) : -1);
		ok(t4 && icalcomponent_get_first_property(t4, ICAL_LASTMODIFIED_PROPERTY), "LAST-MODIFIED");
		if (c2)
			icalcomponent_free(c2);
		if (c4)
			icalcomponent_free(c4);
#endif
		/* Done long ago: no longer in the file. */
		pd_db_set_now(u, 1795000600 + 91 * 86400);
		char *ics5 = export_str(u, PD_EXPORT_ICS, NULL);
		ok(ics5 && !strstr(ics5, "follow up with Beta") && strstr(ics5, "follow up with Gamma"),
		   "a follow-up done more than 90 days ago is left out");
		/* However far ahead: 9999-12-31 is on the agenda and in the calendar. */
		pd_interaction far = { .partner_id = ids[2], .text = strdup("far"), .follow_up = "9999-12-31" };
		ok(pd_interaction_insert(u, &far, &e), "a follow-up on 9999-12-31: %s", e.msg);
		pd_interaction_finish(&far);
		char *ics6 = export_str(u, PD_EXPORT_ICS, NULL);
		ok(ics6 && strstr(ics6, "DUE;VALUE=DATE:99991231\r\n"), "is in the calendar");
		free(ics1);
		free(ics2);
		free(ics4);
		free(ics5);
		free(ics6);
		free(vcf1);
		free(vcf2);
		free(y);
		pd_db_close(u);
	}

	check_long_text();
	check_stamps();
	check_line_breaks();

	/* ---- -o FILE ---- */
	char path[300];
	snprintf(path, sizeof path, "%s/out.yaml", dir);
	ok(pd_export_to_path(db, PD_EXPORT_YAML, path, NULL, NULL, NULL, &e), "export to a file: %s", e.msg);
	struct stat sb;
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600, "a new file is 0600");
	chmod(path, 0640);
	ok(pd_export_to_path(db, PD_EXPORT_YAML, path, NULL, NULL, NULL, &e), "export over it");
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0640, "an existing file keeps its mode");
	char bad_path[320];
	snprintf(bad_path, sizeof bad_path, "%s/no/such/dir/x.yaml", dir);
	ok(!pd_export_to_path(db, PD_EXPORT_YAML, bad_path, NULL, NULL, NULL, &e), "an impossible path fails: %s", e.msg);
	/* A snapshot holds while another handle saves. */
	pd_db *other = open_db("a.db", 1795000000);
	long n_before = pd_partner_count(db, &e);
	ok(pd_db_snapshot_begin(db, &e), "snapshot begins: %s", e.msg);
	pd_partner *late = pd_partner_create();
	late->name = strdup("Saved meanwhile");
	ok(other && pd_partner_insert(other, late, &e), "another handle saves during the snapshot: %s", e.msg);
	pd_partner_destroy(late);
	is(pd_partner_count(db, &e), n_before, "the snapshot does not see it");
	pd_db_snapshot_end(db);
	is(pd_partner_count(db, &e), n_before + 1, "after the snapshot it does");
	pd_db_close(other);
	pd_export_format f;
	ok(pd_export_format_for_path("x.ics", &f) && f == PD_EXPORT_ICS, "format from extension");
	pd_db_close(db);
	return tap_done();
}
