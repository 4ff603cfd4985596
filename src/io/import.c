/* The import entry point: read the file, pick the reader, run it inside one
 * transaction, and commit only when every row went in (or --keep-going
 * said the good ones may go in alone). A dry run does everything and rolls
 * it back, so what it reports is exactly what would happen. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "partnerdesk/io/import.h"
#include "partnerdesk/io/message_wrap.h"
#include "partnerdesk/io/progress.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/bulk.h"
#include "partnerdesk/model/likely_same.h"
#include "partnerdesk/model/text.h"

/* Bigger than any partner list; stops /dev/zero and mistakes early. */
#define IMPORT_MAX_BYTES (512L * 1024 * 1024)

void *pd_import_made_slot(pd_import_made *m, int64_t id)
{
	if (!m->first_id)
		m->first_id = id;
	if (id < m->first_id)
		return NULL;
	size_t k = (size_t)(id - m->first_id);
	if (k >= m->cap) {
		size_t cap = m->cap ? m->cap : 64;
		while (cap <= k)
			cap *= 2;
		unsigned char *v = realloc(m->v, cap * m->size);
		if (!v)
			return NULL;
		memset(v + m->cap * m->size, 0, (cap - m->cap) * m->size);
		m->v = v;
		m->cap = cap;
	}
	if (k >= m->n)
		m->n = k + 1;
	return m->v + k * m->size;
}

void *pd_import_made_get(const pd_import_made *m, int64_t id)
{
	if (!m->first_id || id < m->first_id || (size_t)(id - m->first_id) >= m->n)
		return NULL;
	return m->v + (size_t)(id - m->first_id) * m->size;
}

void pd_import_made_finish(pd_import_made *m)
{
	free(m->v);
	m->v = NULL;
	m->n = m->cap = 0;
}

void pd_import_warn_reach(const pd_import_opts *opts, pd_import_stats *st, long line,
	const char *who, pd_reach what, const char *value)
{
	char why[512];
	if (what == PD_REACH_PHONE && pd_phone_scientific(value)) {
		/* The check says so too; an import also says how to mend it: a
		 * sheet's column can be made Text and read again, a card cannot. */
		st->warnings++;
		char v[48];
		pd_utf8_fit(v, sizeof v, value, 40);
		if (st->cards)
			pd_import_report(opts, opts->err, "%s:%ld: warning: %s%sphone '%s' is a number in "
				"scientific notation, as the program that made the card wrote it, so its last "
				"digits are lost; kept as it is: put it right afterwards",
				opts->name ? opts->name : "import", line, who ? who : "", who ? ": " : "", v);
		else
			pd_import_report(opts, opts->err, "%s:%ld: warning: %s%sphone '%s' is a number the "
				"spreadsheet wrote in scientific notation, so its last digits are lost; kept as "
				"it is: put it right afterwards, or format the column as Text in the "
				"spreadsheet, type the numbers again and import again",
				opts->name ? opts->name : "import", line, who ? who : "", who ? ": " : "", v);
		return;
	}
	if (pd_reach_check(what, value, why, sizeof why))
		return;
	st->warnings++;
	pd_import_report(opts, opts->err, "%s:%ld: warning: %s%s%s; kept as it is",
		opts->name ? opts->name : "import", line, who ? who : "", who ? ": " : "", why);
}

/* The partner already in the desk (made before this import) that the
 * row just added as p is likely the same as, by the model's rules, in
 * *like (id 0: none), and how many more there are. The same name is not
 * one: --on-duplicate said what to do with it. Rows of this file alike
 * are not looked for: only the desk's partners before it. */
bool pd_import_likely_find(pd_db *db, int64_t first_id, const pd_partner *p, pd_likely *like,
	size_t *more, pd_error *err)
{
	pd_likely_list l;
	pd_error e = { 0 };
	*more = 0;
	/* p is stored already: it is neither listed nor counted again among
	 * its domain's holders (the first card of a file is noted as made
	 * only after this, its first_id still 0). All of them: the query
	 * reads every one anyway, and "(and 3 more)", all a list of four
	 * held, hid the rest (the same-named, first in it, could fill it). */
	if (!pd_likely_same_as(db, p->name, p->website, p->email, first_id ? first_id : p->id, p->id, SIZE_MAX,
	                       &l, &e))
		return pd_error_set(err, e.code, "%s", e.msg);
	for (size_t i = 0; i < l.n; i++) {
		if (l.v[i].why & PD_LIKELY_NAME)
			continue;
		if (like->id) {
			(*more)++;
			continue;
		}
		*like = l.v[i];
		l.v[i].name = l.v[i].stage = NULL;
	}
	pd_likely_list_finish(&l);
	return true;
}

/* The width a message to `to` wraps to: the terminal's (opts' err_cols
 * for its messages, out_cols for its output), else none. */
static size_t width_for(const pd_import_opts *o, FILE *to)
{
	bool err = to == o->err || to == o->held;
	return pd_message_width(err ? o->err_cols : to == o->out ? o->out_cols : 0);
}

/* Messages (to err, or held for it) start "partnerdesk: "; output not. */
static const char *prefix_for(const pd_import_opts *o, FILE *to)
{
	return to == o->err || to == o->held ? "partnerdesk: " : "";
}

struct pd_import_known {
	FILE *f;          /* the messages since the first such skip, in order,
	                   * while it is not known whether they are few */
	char *buf;
	size_t len;
	long n;
	bool partners, people;
	bool holding;     /* messages to err go into f */
	bool few;         /* the wait ended with few: those held went out named, the
	                   * rest are named as they come while they stay few */
	long at;          /* the rows the reader is through (pd_import_at_row) */
	long held_at;     /* `at` when the first skip was held */
	long named[PD_IMPORT_KNOWN_NAMED][2];   /* where in f each skip named is */
};

/* Where a message meant for to goes: while skips of names the desk has
 * may still be named, with them, in row order; else to itself. */
static FILE *held_with_skips(const pd_import_opts *o, FILE *to)
{
	return o->known && o->known->holding && to == o->err ? o->known->f : to;
}

static void say(const pd_import_opts *o, FILE *to, const char *lead, const char *indent, const pd_message *m)
{
	if (!to)
		return;
	FILE *into = held_with_skips(o, to);
	if (into == to)
		pd_progress_make_way(o->progress, to);
	pd_message_write(into, width_for(o, to), prefix_for(o, to), lead, indent, m);
}

void pd_import_say_text(const pd_import_opts *opts, FILE *to, const char *lead, const char *indent,
	const char *text)
{
	if (!to)
		return;
	FILE *into = held_with_skips(opts, to);
	if (into == to)
		pd_progress_make_way(opts->progress, to);
	pd_message_say(into, width_for(opts, to), prefix_for(opts, to), lead, indent, opts->name, text);
}

void pd_import_say_lines(const pd_import_opts *opts, FILE *to, const char *text)
{
	if (!to)
		return;
	FILE *into = held_with_skips(opts, to);
	if (into == to)
		pd_progress_make_way(opts->progress, to);
	pd_message_say_lines(into, width_for(opts, to), prefix_for(opts, to), opts->name, text);
}

/* pd_import_report with ap. */
static void vreport(const pd_import_opts *opts, FILE *to, const char *fmt, va_list ap)
{
	char cut[2048];
	va_list again;
	va_copy(again, ap);
	char *whole = pd_vformat_new(fmt, ap);
	/* Out of memory: said cut rather than not at all. */
	if (!whole)
		pd_vformat(cut, sizeof cut, fmt, again);
	va_end(again);
	const char *buf = whole ? whole : cut;
	/* A plan's line indented under its row keeps its indent, and the
	 * lines it wraps onto go further in. */
	char lead[PD_MESSAGE_LEAD_MAX], indent[PD_MESSAGE_LEAD_MAX + 2];
	size_t k = pd_message_lead(buf, lead, indent);
	pd_import_say_text(opts, to, lead, indent, buf + k);
	free(whole);
}

void pd_import_report(const pd_import_opts *opts, FILE *to, const char *fmt, ...)
{
	if (!to)
		return;
	va_list ap;
	va_start(ap, fmt);
	vreport(opts, to, fmt, ap);
	va_end(ap);
}

static bool known_release(const pd_import_opts *o, pd_import_known *k, bool with_skips);

void pd_import_skip_known(const pd_import_opts *o, bool person, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pd_import_known *k = o->known;
	if (o->dry_run || !k || !k->f) {
		FILE *to = pd_import_skip_to(o);
		if (to)
			vreport(o, to, fmt, ap);
		va_end(ap);
		return;
	}
	k->n++;
	if (person)
		k->people = true;
	else
		k->partners = true;
	if (k->few) {
		/* Known to be few when the wait ended: named as it comes, the
		 * ones past PD_IMPORT_KNOWN_NAMED counted at the end. */
		if (k->n <= PD_IMPORT_KNOWN_NAMED && o->err)
			vreport(o, o->err, fmt, ap);
	} else if (k->n <= PD_IMPORT_KNOWN_NAMED) {
		/* Said among the row messages it came with, held with them
		 * until it is known whether it is one of few. */
		if (!k->holding)
			k->held_at = k->at;
		k->holding = true;
		long at = ftell(k->f);
		if (o->err)
			vreport(o, o->err, fmt, ap);
		k->named[k->n - 1][0] = at;
		k->named[k->n - 1][1] = ftell(k->f);
	} else if (k->n == PD_IMPORT_KNOWN_NAMED + 1) {
		/* Many: the count is all that is said of them; the messages
		 * held with them go out now, and the rest as they come. */
		known_release(o, k, false);
	}
	va_end(ap);
}

void pd_import_at_row(const pd_import_opts *o, long done)
{
	pd_import_known *k = o->known;
	if (!k)
		return;
	k->at = done;
	/* A skip held longer would hold every message after it to the end of
	 * a long file, where a librarian watching wants them as they come: the
	 * skips held are few, named now in row order with the rest. */
	if (k->holding && done - k->held_at > PD_IMPORT_KNOWN_WAIT) {
		known_release(o, k, true);
		k->few = true;
	}
}

/* Writes the messages held with the skips to err, the skips themselves
 * too when with_skips, and holds no more. False when they were lost
 * (out of memory). */
static bool known_release(const pd_import_opts *o, pd_import_known *k, bool with_skips)
{
	if (!k->holding)
		return true;
	k->holding = false;
	if (fflush(k->f) != 0)
		return false;
	pd_progress_make_way(o->progress, o->err);
	long from = 0;
	for (long i = 0; !with_skips && i < k->n && i < PD_IMPORT_KNOWN_NAMED; i++) {
		if (k->named[i][0] < from || k->named[i][1] < k->named[i][0])
			break;   /* ftell failed: said whole rather than lost */
		fwrite(k->buf + from, 1, (size_t)(k->named[i][0] - from), o->err);
		from = k->named[i][1];
	}
	if ((size_t)from <= k->len)
		fwrite(k->buf + from, 1, k->len - (size_t)from, o->err);
	return true;
}

/* The kept skips, said: named if few (with the messages held with them,
 * in row order), else counted. */
static void known_say(const pd_import_opts *o, pd_import_known *k, pd_import_format fmt)
{
	if (!k->f)
		return;
	bool ok = known_release(o, k, true);
	ok = fclose(k->f) == 0 && ok;
	k->f = NULL;
	if (!k->n || !o->err)
		return;
	if (ok && k->n <= PD_IMPORT_KNOWN_NAMED)
		return;
	const char *who = k->people && k->partners ? "a partner or person" : k->people ? "a person"
		: "a partner";
	/* Named as they came, until more came than are named: those past
	 * them may be one. */
	bool more = ok && k->few;
	long count = more ? k->n - PD_IMPORT_KNOWN_NAMED : k->n;
	bool one = count == 1;
	const char *unit = fmt == PD_IMPORT_VCF ? "card" : fmt == PD_IMPORT_YAML ? "partner" : "row";
	/* A backup is restored as written: merge is not for it. */
	pd_import_report(o, o->err, "%s: %ld %s%s%s skipped: the desk has %s of %s name already; "
		"import with --dry-run to list them%s%s%s%s", o->name ? o->name : "import",
		count, more ? "more " : "", unit, one ? "" : "s", who, one ? "its" : "each one's", more ? " all" : "",
		fmt == PD_IMPORT_YAML ? "" : ", or with --on-duplicate merge to fill ",
		fmt == PD_IMPORT_YAML ? "" : one ? "it" : "them", fmt == PD_IMPORT_YAML ? "" : " in from the file");
}

/* An added row likely the same as a partner already here: said under the
 * dry run's add line, or as a message of the import; --on-duplicate,
 * which goes by the name alone, does not merge the two. */
void pd_import_likely_say(const pd_import_opts *o, long rownum, const pd_partner *p, const pd_likely *like,
	size_t more)
{
	char why[100], name[160];
	pd_likely_why_text(like->why, why, sizeof why);
	pd_utf8_fit(name, sizeof name, like->name ? like->name : "", 36);
	pd_message m;
	pd_message_start(&m);
	if (o->dry_run) {
		pd_message_put(&m, false, "likely the same as #%lld ", (long long)like->id);
		pd_message_put(&m, true, "\"%s\"", name);
		pd_message_put(&m, false, " (%s)", why);
		if (more)
			pd_message_put(&m, false, " (and %zu more)", more);
		say(o, o->out, "    ", "      ", &m);
		pd_message_finish(&m);
		pd_import_report(o, o->out, "    --on-duplicate does not merge it: partnerdesk merge after, "
			"or fix the name");
		return;
	}
	char added[160];
	pd_utf8_fit(added, sizeof added, p->name, 36);
	pd_message_put(&m, true, "%s:%ld:", o->name ? o->name : "import", rownum);
	pd_message_put(&m, false, " added ");
	pd_message_put(&m, true, "\"%s\"", added);
	pd_message_put(&m, false, " as #%lld, likely the same as #%lld ", (long long)p->id, (long long)like->id);
	pd_message_put(&m, true, "\"%s\"", name);
	pd_message_put(&m, false, " (%s)", why);
	if (more)
		pd_message_put(&m, false, " (and %zu more)", more);
	pd_message_put(&m, false, "; --on-duplicate does not merge it: ");
	pd_message_put(&m, true, "partnerdesk merge %lld %lld", (long long)p->id, (long long)like->id);
	pd_message_put(&m, false, " if so, or fix the name");
	say(o, o->held ? o->held : o->err, "", "  ", &m);
	pd_message_finish(&m);
}

bool pd_import_refused(const pd_import_opts *opts, pd_import_stats *st, long line,
	const pd_error *e, pd_error *err)
{
	const char *file = opts->name ? opts->name : "import";
	if (e->code != PD_ERR_INVALID)
		return pd_error_set(err, e->code, "%s:%ld: %s", file, line, e->msg);
	st->failed++;
	pd_import_report(opts, opts->err, "%s:%ld: %s", file, line, e->msg);
	return true;
}

bool pd_import_unit_begin(pd_db *db, const pd_import_opts *opts, const pd_import_stats *st,
	pd_import_unit *u, pd_error *err)
{
	u->on = opts->keep_going;
	u->before = *st;
	return !u->on || pd_db_part_begin(db, err);
}

bool pd_import_unit_end(pd_db *db, const pd_import_unit *u, pd_import_stats *st, bool ok,
	pd_error *err)
{
	if (!u->on || !ok)
		return ok;
	bool failed = st->failed > u->before.failed;
	if (!pd_db_part_end(db, !failed, err))
		return false;
	if (failed) {
		/* What it added or merged before it failed is undone: so are
		 * the counts of it. What was said of it stays said. */
		long n_failed = st->failed, warnings = st->warnings;
		*st = u->before;
		st->failed = n_failed;
		st->warnings = warnings;
	}
	return true;
}

FILE *pd_import_skip_to(const pd_import_opts *opts)
{
	return opts->dry_run ? opts->out : opts->err;
}

void pd_import_summary(const pd_import_stats *st, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%ld added, %ld merged, %ld skipped, %ld failed",
		st->added, st->merged, st->skipped, st->failed);
	/* The people a skipped or merged row added, lest "skipped" hide them. */
	if (st->contacts_matched && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, ", %ld contact%s added to matched partners",
			st->contacts_matched, st->contacts_matched == 1 ? "" : "s");
	if (st->warnings && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, ", %ld warning%s", st->warnings,
			st->warnings == 1 ? "" : "s");
	/* --on-duplicate goes by the name alone: what it let in that the
	 * desk likely has already is counted where it is seen. */
	if (st->likely && n >= 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, "; %ld added that look%s already here: see %s",
			st->likely, st->likely == 1 ? "s like a partner" : " like partners", st->committed ? "check" : "above");
	/* A spreadsheet's columns that no field took: every one named, so
	 * "Statutory" and "Year opened" are seen to be in the notes. */
	if (st->noted_columns[0] && st->added + st->merged && n >= 0 && (size_t)n < size) {
		/* On lines of their own: the first line's length is the
		 * caller's, with whatever it puts before it. */
		n += snprintf(buf + n, size - (size_t)n, "; kept in the notes:\n ");
		size_t col = 1;
		for (const char *p = st->noted_columns; *p && n >= 0 && (size_t)n < size;) {
			/* one quoted header and its comma at a time */
			const char *end = strstr(p, "\", \"");
			size_t k = end ? (size_t)(end - p) + 2 : strlen(p);
			size_t width = 0;   /* characters: near enough to columns for headers */
			for (size_t i = 0; i < k; i++)
				width += ((unsigned char)p[i] & 0xC0) != 0x80;
			if (col > 1 && col + 1 + width > 80) {
				n += snprintf(buf + n, size - (size_t)n, "\n ");
				col = 1;
			}
			if (n >= 0 && (size_t)n < size)
				n += snprintf(buf + n, size - (size_t)n, " %.*s", (int)k, p);
			col += 1 + width;
			p += k;
			while (*p == ' ')
				p++;
		}
	}
	/* An address book's card holds more than a contact person has
	 * fields for: where it went is said, not left to be found. */
	static const char *const kinds[] = { "phones", "emails", "addresses", "websites",
		"chat and social profiles", "dates", "other details" };
	size_t n_kinds = 0;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		n_kinds += (st->noted_kinds >> i) & 1;
	if (!st->noted || !n_kinds || n < 0 || (size_t)n >= size)
		return;
	n += snprintf(buf + n, size - (size_t)n, "; kept in the notes of %ld card%s: ", st->noted,
		st->noted == 1 ? "" : "s");
	for (size_t i = 0, said = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (!((st->noted_kinds >> i) & 1) || n < 0 || (size_t)n >= size)
			continue;
		said++;
		n += snprintf(buf + n, size - (size_t)n, "%s%s", said == 1 ? "" : said == n_kinds ? " and "
			: ", ", kinds[i]);
	}
}

bool pd_import_advice(const pd_import_stats *st, char *buf, size_t size)
{
	buf[0] = '\0';
	long n = st->skipped_same_file;
	if (n <= 0)
		return false;
	const char *unit = st->cards ? "card" : "row", *s = n == 1 ? "" : "s";
	int k = snprintf(buf, size, "%ld %s%s skipped for the name of an earlier %s of this file", n,
		unit, s, unit);
	if (k < 0 || (size_t)k >= size)
		return true;
	if (st->committed)
		/* The rest are in: the whole file again with --on-duplicate new
		 * would add every one of them a second time. */
		snprintf(buf + k, size - (size_t)k, " %s not in; if they are different partners (or "
			"people), import a file of just %s with --on-duplicate new, not this file again",
			n == 1 ? "is" : "are", n == 1 ? "that one" : "those");
	else if (st->skipped_other > 0)
		snprintf(buf + k, size - (size_t)k, "; if they are different partners (or people), "
			"--on-duplicate new would keep them but also add the %ld other skipped %s%s as new: "
			"import this file, then a file of just %s with --on-duplicate new",
			st->skipped_other, unit, st->skipped_other == 1 ? "" : "s", n == 1 ? "that one" : "those");
	else
		snprintf(buf + k, size - (size_t)k, "; if they are different partners (or people), "
			"import with --on-duplicate new, which keeps them all");
	return true;
}

/* One line of a notes text: where it starts and how long it is. */
typedef struct note_line {
	const char *s;
	size_t n;
} note_line;

typedef struct note_lines {
	note_line *v;
	size_t n, cap;
	bool failed;
} note_lines;

static void lines_push(note_lines *ls, const char *s, size_t n)
{
	if (ls->failed)
		return;
	if (ls->n == ls->cap) {
		size_t cap = ls->cap ? ls->cap * 2 : 16;
		note_line *v = realloc(ls->v, cap * sizeof *v);
		if (!v) {
			ls->failed = true;
			return;
		}
		ls->v = v;
		ls->cap = cap;
	}
	ls->v[ls->n++] = (note_line){ s, n };
}

static void lines_split(note_lines *ls, const char *text, bool skip_blank)
{
	for (const char *p = text; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		size_t k = n;
		while (k && (p[k - 1] == ' ' || p[k - 1] == '\t' || p[k - 1] == '\r'))
			k--;
		if (k || !skip_blank)
			lines_push(ls, p, skip_blank ? k : n);
		if (!end)
			break;
		p = end + 1;
	}
}

/* The same line, ignoring spaces at either end. */
static bool line_eq(note_line a, note_line b)
{
	while (a.n && (*a.s == ' ' || *a.s == '\t'))
		a.s++, a.n--;
	while (b.n && (*b.s == ' ' || *b.s == '\t'))
		b.s++, b.n--;
	while (a.n && (a.s[a.n - 1] == ' ' || a.s[a.n - 1] == '\t' || a.s[a.n - 1] == '\r'))
		a.n--;
	while (b.n && (b.s[b.n - 1] == ' ' || b.s[b.n - 1] == '\t' || b.s[b.n - 1] == '\r'))
		b.n--;
	return a.n == b.n && memcmp(a.s, b.s, a.n) == 0;
}

/* The length of "Label: " when the line starts so with one of labels; 0 else. */
static size_t line_label(note_line l, const char *const *labels, size_t n_labels)
{
	for (size_t i = 0; i < n_labels; i++) {
		size_t k = labels[i] ? strlen(labels[i]) : 0;
		if (k && l.n > k + 1 && memcmp(l.s, labels[i], k) == 0 && l.s[k] == ':' && l.s[k + 1] == ' ')
			return k + 2;
	}
	return 0;
}

static size_t count_label(const note_lines *ls, size_t from, size_t to, note_line l, size_t k)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++)
		n += ls->v[i].n >= k && memcmp(ls->v[i].s, l.s, k) == 0;
	return n;
}

char *pd_import_notes_merge(const char *have, const char *add, const char *const *labels,
	size_t n_labels, bool *changed)
{
	*changed = false;
	note_lines out = { 0 }, in = { 0 };
	lines_split(&out, have, false);
	size_t n_have = out.n;
	lines_split(&in, add, true);
	for (size_t i = 0; i < in.n && !out.failed; i++) {
		note_line l = in.v[i];
		bool there = false;
		for (size_t j = 0; j < out.n && !there; j++)
			there = line_eq(out.v[j], l);
		if (there)
			continue;
		*changed = true;
		/* "Column: value" as the import writes it: the column's new value
		 * replaces its old one, when each side has that column once
		 * (second emails and the like come as several lines: added). */
		size_t k = line_label(l, labels, n_labels);
		if (k && count_label(&in, 0, in.n, l, k) == 1 && count_label(&out, 0, n_have, l, k) == 1) {
			for (size_t j = 0; j < n_have; j++)
				if (out.v[j].n >= k && memcmp(out.v[j].s, l.s, k) == 0)
					out.v[j] = l;
			continue;
		}
		lines_push(&out, l.s, l.n);
	}
	pd_strbuf b = { 0 };
	for (size_t j = 0; j < out.n; j++) {
		if (j)
			pd_strbuf_put(&b, "\n", 1);
		pd_strbuf_put(&b, out.v[j].s, out.v[j].n);
	}
	if (!b.p && !b.failed)
		pd_strbuf_put(&b, "", 0);
	bool failed = out.failed || in.failed || b.failed;
	free(out.v);
	free(in.v);
	if (failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* Sets *dst to src when src has text and differs; *changed says so. */
static bool replace(char **dst, const char *src, bool *changed)
{
	if (!src || !*src || (*dst && strcmp(*dst, src) == 0))
		return true;
	*changed = true;
	return pd_set_str(dst, src);
}

/* The "Label: value" lines a card's notes get (src/io/vcard.c and
 * vcard_import.c write them); a CSV row's person has no notes. */
const char *const pd_import_card_labels[] = { "Department", "Title", "URL", "Address",
	"Categories", "Email", "Phone", "Birthday", "Anniversary", "Nickname", "Role", "Language" };
const size_t pd_import_n_card_labels = sizeof pd_import_card_labels / sizeof pd_import_card_labels[0];

bool pd_import_contact_merge(pd_db *db, int64_t id, const pd_contact *row, pd_error *err)
{
	pd_contact *have = pd_contact_get(db, id, err);
	if (!have)
		return false;
	bool changed = false;
	bool ok = replace(&have->title, row->title, &changed) && replace(&have->email, row->email, &changed)
	          && replace(&have->phone, row->phone, &changed)
	          && replace(&have->channel, row->channel, &changed);
	if (ok && row->notes && *row->notes) {
		bool more = false;
		char *joined = pd_import_notes_merge(have->notes, row->notes, pd_import_card_labels,
			pd_import_n_card_labels, &more);
		ok = joined != NULL;
		if (ok && more) {
			free(have->notes);
			have->notes = joined;
			changed = true;
		} else {
			free(joined);
		}
	}
	if (!ok) {
		pd_contact_destroy(have);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	ok = !changed || pd_contact_update(db, have, err);
	pd_contact_destroy(have);
	return ok;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && pd_ascii_casecmp(s + n - m, suffix) == 0;
}

/* Not a format we read: partnerdesk's own JSON export, recognised so that
 * it is refused with a message about JSON rather than about CSV quoting. */
#define PD_IMPORT_JSON ((pd_import_format)-1)

static pd_import_format guess_format(const char *name, const char *data, size_t len)
{
	if (name) {
		if (ends_with(name, ".json"))
			return PD_IMPORT_JSON;
		if (ends_with(name, ".csv") || ends_with(name, ".tsv") || ends_with(name, ".txt"))
			return PD_IMPORT_CSV;
		if (ends_with(name, ".yaml") || ends_with(name, ".yml"))
			return PD_IMPORT_YAML;
		if (ends_with(name, ".vcf") || ends_with(name, ".vcard"))
			return PD_IMPORT_VCF;
	}
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (len - i >= 11 && pd_ascii_ncasecmp(data + i, "BEGIN:VCARD", 11) == 0)
		return PD_IMPORT_VCF;
	if (len - i >= 18 && strncmp(data + i, "partnerdesk-backup", 18) == 0)
		return PD_IMPORT_YAML;
	if ((len - i >= 3 && strncmp(data + i, "---", 3) == 0) ||
	    (len - i >= 5 && strncmp(data + i, "%YAML", 5) == 0))
		return PD_IMPORT_YAML;
	return PD_IMPORT_CSV;
}

/* An array or object whose first member opens a string or an object, or
 * that is empty: no spreadsheet's header row starts like that. */
static bool looks_like_json(const char *data, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i == len || (data[i] != '[' && data[i] != '{'))
		return false;
	size_t j = i + 1;
	while (j < len && (data[j] == ' ' || data[j] == '\t' || data[j] == '\r' || data[j] == '\n'))
		j++;
	return j == len || data[j] == '{' || data[j] == '"' || data[j] == ']' || data[j] == '}';
}

bool pd_import_options_fit(pd_import_format fmt, const pd_import_opts *opts, pd_error *err)
{
	const char *file = opts->name ? opts->name : "import";
	/* An option for another format would do nothing, unseen: a --map
	 * meant to steer a vCard import, a --partner meant for a sheet. */
	if (opts->n_maps && fmt != PD_IMPORT_CSV)
		return pd_error_set(err, PD_ERR_INVALID,
			"%s: --map is for spreadsheets (CSV) only; %s", file, fmt == PD_IMPORT_VCF
			? "a vCard's properties (ORG, FN, EMAIL ...) say what they hold"
			: "a backup is restored as it was written");
	if (opts->partner && fmt != PD_IMPORT_VCF)
		return pd_error_set(err, PD_ERR_INVALID,
			"%s: --partner is for vCards only (people whose card has no ORG); %s", file,
			fmt == PD_IMPORT_CSV ? "in a spreadsheet each row's name column is its partner"
			: "a backup is restored as it was written");
	return true;
}

/* Whether data[0..len) holds needle within its first `within` bytes. */
static bool holds_near_start(const char *data, size_t len, size_t within, const char *needle)
{
	size_t n = strlen(needle), end = len < within ? len : within;
	for (size_t i = 0; i + n <= end; i++)
		if (memcmp(data + i, needle, n) == 0)
			return true;
	return false;
}

/* A workbook or a document saved as it is, not exported as CSV: read as
 * CSV it would stop at "a NUL byte" or at a header of "%PDF-1.4", which
 * says nothing of what to do. Returns the sentence that says it (what the
 * file is and how to save it as CSV), or NULL for a file that may be text. */
static const char *not_a_text_file(const char *data, size_t len)
{
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
		/* The first member's name is at 30: LibreOffice puts "mimetype"
		 * there, holding the document's type; an .xlsx names xl/ parts. */
		if (holds_near_start(data, len, 128, "application/vnd.oasis.opendocument.spreadsheet"))
			return "this is a LibreOffice spreadsheet (.ods), not a CSV file; in LibreOffice "
			       "choose File > Save As, file type \"Text CSV (.csv)\", character set "
			       "\"Unicode (UTF-8)\", and import the .csv file";
		if (holds_near_start(data, len, 65536, "xl/"))
			return "this is an Excel workbook (.xlsx), not a CSV file; in Excel choose "
			       "File > Save As, \"CSV UTF-8 (Comma delimited) (*.csv)\" (in Google Sheets "
			       "File > Download > \"Comma-separated values\"), and import the .csv file";
		return "this is a zip archive (a workbook such as .xlsx, .ods or .numbers?), not a CSV "
		       "file; open it in its spreadsheet, save or export it as CSV UTF-8, and import "
		       "the .csv file";
	}
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return "this is an Excel 97-2003 workbook (.xls) or another Office document, not a "
		       "CSV file; in Excel choose File > Save As, \"CSV UTF-8 (Comma delimited) "
		       "(*.csv)\", and import the .csv file";
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return "this is a PDF document, not a CSV file; export the table as CSV from the "
		       "spreadsheet or program it came from, and import the .csv file";
	return NULL;
}

bool pd_import_check(const char *data, size_t len, const pd_import_opts *opts, pd_error *err)
{
	const char *file = opts->name ? opts->name : "import";
	/* A copy `partnerdesk backup` wrote is a database, not a text file:
	 * read as CSV it would stop at "a NUL byte", which says nothing of
	 * what it is or what puts it back. */
	static const char sqlite_magic[] = "SQLite format 3";   /* and its NUL: 16 bytes */
	if (len >= sizeof sqlite_magic && memcmp(data, sqlite_magic, sizeof sqlite_magic) == 0) {
		/* The command as it runs: the file one shell word ("'my backup.db'"). */
		char *word = pd_shell_word(file);
		pd_error_set(err, PD_ERR_INVALID,
			"%s: this is a database copy (an SQLite file, such as `partnerdesk backup` "
			"writes), not a file to import; `partnerdesk restore %s` puts a copy back "
			"in place of the current database", file, word ? word : file);
		free(word);
		return false;
	}
	const char *what = not_a_text_file(data, len);
	if (what)
		return pd_error_set(err, PD_ERR_INVALID, "%s: %s", file, what);
	pd_import_format fmt = opts->format;
	if (fmt == PD_IMPORT_AUTO)
		fmt = guess_format(opts->name, data, len);
	/* Read as CSV, JSON would fail on its quoting or its "header"; say
	 * what it is instead, whatever its name. */
	if (fmt == PD_IMPORT_JSON || (fmt == PD_IMPORT_CSV && looks_like_json(data, len)))
		return pd_error_set(err, PD_ERR_INVALID,
			"%s: this is JSON, which partnerdesk writes (export, list, show) but does not read "
			"back; to move partners to another database, export the YAML backup "
			"(partnerdesk export --format yaml -o FILE.yaml) and import that", file);
	return pd_import_options_fit(fmt, opts, err);
}

bool pd_import_buffer(pd_db *db, const char *data, size_t len, const pd_import_opts *opts,
	pd_import_stats *st, pd_error *err)
{
	memset(st, 0, sizeof *st);
	const char *file = opts->name ? opts->name : "import";
	if (!pd_import_check(data, len, opts, err))
		return false;
	pd_import_format fmt = opts->format;
	if (fmt == PD_IMPORT_AUTO)
		fmt = guess_format(opts->name, data, len);
	if (!pd_db_bulk_mode(db, err) || !pd_db_begin(db, err))
		return false;
	bool ok;
	/* Known before the readers run: a warning speaks of a card or a row. */
	st->cards = fmt == PD_IMPORT_VCF;
	/* The readers name the file in every message. */
	pd_import_opts named = *opts;
	named.name = file;
	/* A row named as likely the same as a partner here is said with the
	 * id it was added as and the merge to run: without --keep-going a
	 * later bad row undoes it, so those lines wait for the commit. */
	char *held = NULL;
	size_t held_len = 0;
	named.held = NULL;
	if (!opts->keep_going && !opts->dry_run && opts->err &&
	    !(named.held = open_memstream(&held, &held_len))) {
		pd_db_rollback(db);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	/* Skips of names the desk has wait for the count: importing a backup
	 * into its own desk named each of its partners on a line. Out of
	 * memory, they are said as they come. */
	pd_import_known known = { 0 };
	if (!opts->dry_run && opts->err) {
		known.f = open_memstream(&known.buf, &known.len);
		named.known = &known;
	}
	switch (fmt) {
	case PD_IMPORT_YAML: ok = pd_backup_import(db, data, len, &named, st, err); break;
	case PD_IMPORT_VCF: ok = pd_vcard_import(db, data, len, &named, st, err); break;
	default: ok = pd_csv_import(db, data, len, &named, st, err); break;
	}
	known_say(&named, &known, fmt);
	free(known.buf);
	/* Closed whatever happened; its failure said only over success, as
	 * what failed first is what the user can act on. */
	if (named.held && fclose(named.held) != 0 && ok)
		ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	/* A vCard file holds cards: say what the user has. */
	const char *unit = fmt == PD_IMPORT_VCF ? "card" : "row";
	if (ok && st->failed > 0 && !opts->keep_going && !opts->dry_run)
		ok = pd_error_set(err, PD_ERR_INVALID,
			"%s: %ld %s%s could not be imported, so nothing was; fix %s or use --keep-going "
			"to import the rest", file, st->failed, unit, st->failed == 1 ? "" : "s",
			st->failed == 1 ? "it" : "them");
	if (!ok || opts->dry_run) {
		pd_db_rollback(db);
		free(held);
		return ok;
	}
	if (opts->committing)
		opts->committing(false, false);
	bool committed = pd_db_commit(db, err);
	if (!committed)
		pd_db_rollback(db);
	if (opts->committing)
		opts->committing(true, committed);
	st->committed = committed;
	if (committed && held_len) {
		pd_progress_make_way(opts->progress, opts->err);
		fwrite(held, 1, held_len, opts->err);
	}
	free(held);
	return committed;
}

char *pd_import_read(const char *path, size_t *len_out, pd_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat sb;
	if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (f != stdin)
			fclose(f);
		pd_error_set(err, PD_ERR_INVALID, "%s: is a directory", path);
		return NULL;
	}
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	bool ok = buf != NULL;
	while (ok) {
		if (len == cap) {
			if (cap >= (size_t)IMPORT_MAX_BYTES) {
				ok = pd_error_set(err, PD_ERR_INVALID,
					"%s: larger than %ld MiB; that is not a partner list", path,
					IMPORT_MAX_BYTES / (1024 * 1024));
				break;
			}
			char *p = realloc(buf, cap * 2);
			if (!p) {
				ok = pd_error_set(err, PD_ERR_NOMEM, "%s: out of memory reading it", path);
				break;
			}
			buf = p;
			cap *= 2;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0) {
			if (ferror(f))
				ok = pd_error_set(err, PD_ERR_IO, "%s: %s", path, strerror(errno));
			break;
		}
	}
	if (!buf)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	if (f != stdin)
		fclose(f);
	if (!ok) {
		free(buf);
		return NULL;
	}
	*len_out = len;
	return buf;
}

bool pd_import_file(pd_db *db, const char *path, const pd_import_opts *opts,
	pd_import_stats *st, pd_error *err)
{
	memset(st, 0, sizeof *st);
	size_t len;
	char *buf = pd_import_read(path, &len, err);
	if (!buf)
		return false;
	pd_import_opts o = *opts;
	if (!o.name)
		o.name = path;
	bool ok = pd_import_buffer(db, buf, len, &o, st, err);
	free(buf);
	return ok;
}
