/* A spreadsheet of partners into the database: the header row decides which
 * column is which, each following row becomes a partner (and perhaps a
 * contact person), duplicates are skipped, merged or added as asked. Runs
 * inside the transaction pd_import_* holds. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/io/csv_out.h"
#include "partnerdesk/io/field_map.h"
#include "partnerdesk/io/import.h"
#include "partnerdesk/io/progress.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/audit.h"
#include "partnerdesk/model/branch.h"
#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/date.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/rules.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/text.h"

/* Folded, without spaces: "First  Contact" meets "first contact". */
static char *squash(const char *s)
{
	char *f = pd_fold(s);
	size_t o = 0;
	for (size_t i = 0; f && f[i]; i++)
		if (f[i] != ' ' && f[i] != '\t')
			f[o++] = f[i];
	if (f)
		f[o] = '\0';
	return f;
}

static void sb_puts(pd_strbuf *b, const char *s)
{
	pd_strbuf_put(b, s, strlen(s));
}

/* Joins with sep unless the buffer is empty. */
static void sb_join(pd_strbuf *b, const char *sep, const char *s)
{
	if (b->n)
		sb_puts(b, sep);
	sb_puts(b, s);
}

char *pd_import_strip_scheme(char *v, const char *scheme)
{
	if (pd_ascii_prefix(v, scheme)) {
		size_t n = strlen(scheme);
		memmove(v, v + n, strlen(v + n) + 1);
		if (pd_ascii_casecmp(scheme, "mailto:") == 0) {
			char *q = strchr(v, '?');
			if (q)
				*q = '\0';
		}
		pd_trim(v);
	}
	return v;
}

/* A list cell ("teens; families"). A semicolon anywhere makes semicolons
 * the only separator, so a value holding a comma ("Arts, culture") comes
 * back whole from our own export, which separates with "; " and ends a
 * lone value holding a comma with ";". A spreadsheet's "a, b" still splits.
 * A value that starts with '"' is read to its closing '"' ("" for one),
 * separators and all: our export quotes so a value holding ';'. */
static void split_list(pd_strv *sv, const char *text)
{
	const char sep = strchr(text, ';') ? ';' : ',';
	char *copy = strdup(text);
	if (!copy)
		return;
	for (char *r = copy; *r;) {
		char *item = r, *w = r;
		while (*r == ' ' || *r == '\t')
			r++;
		if (*r == '"')
			for (r++; *r && (*r != '"' || r[1] == '"'); r++)
				*w++ = *r == '"' ? *++r : *r;
		if (*r == '"')
			r++;
		while (*r && *r != sep)
			*w++ = *r++;
		if (*r)
			r++;
		*w = '\0';
		pd_trim(item);
		if (*item && pd_strv_find(sv, item) < 0)
			pd_strv_push(sv, item);
	}
	free(copy);
}

/* An address book's Labels cell: Google joins several with " ::: " and
 * starts its own ("* myContacts", "* starred") with "* "; those say
 * nothing about the partner and are no tags of it. */
static void split_labels(pd_strv *sv, const char *text)
{
	char *copy = strdup(text);
	for (char *item = copy, *next; item; item = next) {
		next = strstr(item, ":::");
		if (next) {
			*next = '\0';
			next += 3;
		}
		pd_trim(item);
		if (*item && strncmp(item, "* ", 2) != 0 && pd_strv_find(sv, item) < 0)
			pd_strv_push(sv, item);
	}
	free(copy);
}

typedef struct row_data {
	pd_partner *p;
	pd_contact *c;       /* NULL when the row names no contact person */
} row_data;

static void row_data_finish(row_data *rd)
{
	pd_partner_destroy(rd->p);
	pd_contact_destroy(rd->c);
	rd->p = NULL;
	rd->c = NULL;
}

/* "info@mco.org": one '@' with something before it and a dot after it,
 * no spaces. */
static bool looks_like_email(const char *v)
{
	const char *at = strchr(v, '@');
	return at && at > v && !strchr(at + 1, '@') && strchr(at + 1, '.') && at[1] != '.'
	       && !strpbrk(v, " \t<>,;\"");
}

/* Where v's extension starts ("555-123-4567 ext. 12", "x12", "#12"):
 * a marker word or '#', then digits to the end; v's end when it has none. */
static const char *phone_extension(const char *v)
{
	const char *end = v + strlen(v), *q = end;
	while (q > v && pd_ascii_isdigit((unsigned char)q[-1]))
		q--;
	if (q == end)
		return end;
	while (q > v && (q[-1] == ' ' || q[-1] == '.' || q[-1] == ':'))
		q--;
	if (q > v && q[-1] == '#')
		return q - 1;
	const char *w = q;
	while (w > v && pd_ascii_isalpha((unsigned char)w[-1]))
		w--;
	size_t n = (size_t)(q - w);
	bool marker = (n == 1 && pd_ascii_tolower((unsigned char)*w) == 'x')
		|| (n == 3 && pd_ascii_ncasecmp(w, "ext", 3) == 0)
		|| (n == 9 && pd_ascii_ncasecmp(w, "extension", 9) == 0);
	/* "x" only after the number ("555-1234x12"), never a word's last letter */
	return marker && w > v && !pd_ascii_isalpha((unsigned char)w[-1]) ? w : end;
}

/* "555-123-4567", "+44 (0)20 7946 0000", "1-800-FLOWERS", "555-1234
 * ext. 12": a number as a sheet writes one, never a person's name. Digits
 * and the punctuation numbers are written with, from a digit, '+' or
 * '(' on, with at least six digits; or a vanity number's letters among
 * them: seven to fifteen keys (a whole number's length) with at least
 * three digits, written as numbers are, with a '-' or from '+' or '(',
 * and the letters in capitals or joined to the digits without a space
 * ("1-800-flowers"), so that "100 Main Street", "100 MAIN ST", "911
 * DISPATCH" or "24/7 helpline" stays what it was. */
static bool looks_like_phone(const char *v)
{
	if (!pd_ascii_isdigit((unsigned char)*v) && *v != '+' && *v != '(')
		return false;
	const char *end = phone_extension(v);
	/* The space before "ext. 12" parts the extension off, not the number's
	 * letters from its digits ("1-800-Flowers ext. 5"). */
	while (end > v && end[-1] == ' ')
		end--;
	size_t digits = 0, letters = 0;
	bool lower = false, space = false;
	for (const char *q = v; q < end; q++) {
		unsigned char ch = (unsigned char)*q;
		if (pd_ascii_isdigit(ch)) {
			digits++;
		} else if (pd_ascii_isalpha(ch)) {
			letters++;
			lower |= ch >= 'a' && ch <= 'z';
		} else if (strchr(" +-()./", ch)) {
			space |= ch == ' ';
		} else {
			return false;
		}
	}
	if (!letters)
		return digits >= 6;
	bool written_as_number = *v == '+' || *v == '(' || memchr(v, '-', (size_t)(end - v)) != NULL;
	return digits >= 3 && digits + letters >= 7 && digits + letters <= 15 && written_as_number
		&& !(lower && space);
}

/* A Stage cell by the stage's name or by its label (what the interface
 * shows, so what a sheet kept by hand says), ignoring case and spaces. */
static const pd_stage *stage_from_cell(const pd_rules *rules, const char *v)
{
	const pd_stage *st = pd_rules_stage(rules, v);
	if (st)
		return st;
	char *want = squash(v);
	for (size_t s = 0; want && !st && s < rules->n_stages; s++) {
		const char *names[2] = { rules->stages[s].name, rules->stages[s].label };
		for (size_t k = 0; k < 2 && !st; k++) {
			char *have = names[k] ? squash(names[k]) : NULL;
			if (have && strcmp(have, want) == 0)
				st = &rules->stages[s];
			free(have);
		}
	}
	free(want);
	return st;
}

/* How a message names column i: by its header, else by its number. */
static const char *column_name(const pd_csv_record *hdr, size_t i, char *out, size_t size)
{
	char q[48];
	if (i < hdr->n && hdr->fields[i][0])
		snprintf(out, size, "column \"%s\"", pd_utf8_fit(q, sizeof q, hdr->fields[i], 40));
	else
		snprintf(out, size, "column %zu", i + 1);
	return out;
}

/* A field as a message says it: "review date", not "review_date". */
static void field_words(pd_field f, char *out, size_t size)
{
	snprintf(out, size, "%s", pd_field_name(f));
	for (char *u = out; *u; u++)
		if (*u == '_')
			*u = ' ';
}

/* Adds cell i's refusal to why ("; " between them), naming the column and
 * the field it was read as unless cell_why names it already: a "Status"
 * of Active/Inactive is not a stage, and only the column's name leads to
 * --map. */
static void say_refused(const pd_csv_record *hdr, const pd_field *cols, size_t i, bool named,
	const char *cell_why, char *why, size_t why_size)
{
	size_t o = strlen(why);
	if (o + 3 >= why_size)
		return;
	if (o)
		o += (size_t)snprintf(why + o, why_size - o, "; ");
	if (named || i >= hdr->n) {
		pd_format(why + o, why_size - o, "%s", cell_why);
		return;
	}
	char field[32], col[40], name[24];
	field_words(cols[i], field, sizeof field);
	if (hdr->fields[i][0])
		snprintf(col, sizeof col, "column \"%s\"", pd_utf8_fit(name, sizeof name, hdr->fields[i], 20));
	else
		snprintf(col, sizeof col, "Column %zu", i + 1);
	pd_format(why + o, why_size - o, "%s (read as the %s): %s", col, field, cell_why);
}

/* What the cells of a review-date column show of the order its dates
 * were written in (pd_date_written_order), for the cells that may be
 * either way round: the first row of each order (0: none). */
typedef struct col_dates {
	long day_row, month_row;
	char day_cell[16], month_cell[16];
} col_dates;

/* Builds the partner a row describes; a reason in `why` when it can't,
 * and in *bad_col the column whose cell was refused (SIZE_MAX: none).
 * second[c] (hdr->n of them) is set for a column a field reads whose cell
 * went into the notes as a second value of that field ("Direct line"
 * beside "Mobile"), for the summary to name it. */
static bool row_build(pd_db *db, const pd_csv_record *hdr, const pd_field *cols,
	const col_dates *dates, const pd_csv_record *r, row_data *out, char *why, size_t why_size,
	size_t *bad_col, bool *second)
{
	*bad_col = SIZE_MAX;
	memset(second, 0, (hdr->n ? hdr->n : 1) * sizeof *second);
	const pd_rules *rules = pd_db_rules(db);
	pd_partner *p = pd_partner_create();
	if (!p) {
		snprintf(why, why_size, "out of memory");
		return false;
	}
	out->p = p;
	pd_strbuf notes = { 0 }, extra = { 0 }, address = { 0 };
	const char *cname = NULL, *ctitle = NULL, *cemail = NULL, *cphone = NULL;
	const char *cell_email = NULL, *cell_phone = NULL;   /* from a Contact cell */
	pd_strbuf first = { 0 }, last = { 0 }, parts = { 0 }, whole = { 0 };
	bool ok = true;
	/* Every refused cell of the row is said, so that one run shows all a
	 * sheet needs: cell_ok is this cell's, said into cell_why. */
	bool cell_ok = true, oom = false;
	bool named = false;   /* cell_why names the column already */
	char cell_why[512];
	why[0] = '\0';

	for (size_t i = 0; i <= r->n && !oom; i++) {
		if (!cell_ok) {
			say_refused(hdr, cols, i - 1, named, cell_why, why, why_size);
			if (*bad_col == SIZE_MAX)
				*bad_col = i - 1;
			ok = false;
		}
		cell_ok = true;
		named = false;
		if (i == r->n)
			break;
		char *v = r->fields[i];
		pd_trim(v);
		if (!*v)
			continue;
		pd_field f = i < hdr->n ? cols[i] : PD_FIELD_NONE;
		const char *header = i < hdr->n && hdr->fields[i][0] ? hdr->fields[i] : NULL;
		size_t vlen = strlen(v);
		if (vlen > PD_NOTES_MAX && (f == PD_FIELD_NOTES || f == PD_FIELD_NONE)) {
			/* Said here, by the column's name: the model would only
			 * say the notes are too long. */
			char col[64];
			pd_format(cell_why, sizeof cell_why, "%s is %zu bytes; notes hold at most %u%s",
				column_name(hdr, i, col, sizeof col), vlen, PD_NOTES_MAX,
				f == PD_FIELD_NOTES ? "" : " (the column is kept in the notes)");
			named = true;
			cell_ok = false;
			continue;
		}
		char **slot = NULL;
		/* Google Contacts joins an address's or a number's several values
		 * with " ::: ": the first is the field's, the others are kept. */
		char *more = f == PD_FIELD_EMAIL || f == PD_FIELD_PHONE || f == PD_FIELD_WEBSITE
		             || f == PD_FIELD_CONTACT_EMAIL || f == PD_FIELD_CONTACT_PHONE
		             ? strstr(v, " ::: ") : NULL;
		if (more) {
			if (i < hdr->n)
				second[i] = true;
			*more = '\0';
			pd_trim(more += 5);
			char col[32];
			snprintf(col, sizeof col, "Column %zu", i + 1);
			sb_join(&extra, "\n", header ? header : col);
			sb_puts(&extra, ": ");
			sb_puts(&extra, more);
			pd_trim(v);
		}
		switch (f) {
		case PD_FIELD_IGNORE:
			continue;
		case PD_FIELD_NAME: slot = &p->name; break;
		case PD_FIELD_EMAIL: slot = &p->email; pd_import_strip_scheme(v, "mailto:"); break;
		case PD_FIELD_PHONE: slot = &p->phone; pd_import_strip_scheme(v, "tel:"); break;
		case PD_FIELD_WEBSITE: slot = &p->website; break;
		case PD_FIELD_OWNER: slot = &p->owner; break;
		case PD_FIELD_MISSION: slot = &p->mission; break;
		case PD_FIELD_POSITION: slot = &p->position; break;
		case PD_FIELD_DIRECTIONS: slot = &p->directions; break;
		case PD_FIELD_KIND: {
			long k = pd_strv_find(&rules->kinds, v);
			if (k >= 0)
				v = rules->kinds.v[k];
			slot = &p->kind;
			break;
		}
		case PD_FIELD_SCALE: {
			char *low = pd_fold(v);
			bool macro = low && strcmp(low, "macro") == 0;
			bool good = macro || (low && strcmp(low, "micro") == 0);
			free(low);
			if (good)
				v = macro ? "macro" : "micro";   /* copied into the slot below */
			if (!good) {
				char q[64];
				pd_format(cell_why, sizeof cell_why, "scale \"%s\" is neither macro nor micro",
					pd_utf8_fit(q, sizeof q, v, 60));
				cell_ok = false;
				continue;
			}
			slot = &p->scale;
			break;
		}
		case PD_FIELD_STAGE: {
			const pd_stage *st = stage_from_cell(rules, v);
			if (!st) {
				pd_strbuf names = { 0 };
				for (size_t s = 0; s < rules->n_stages; s++) {
					const pd_stage *k = &rules->stages[s];
					sb_join(&names, ", ", k->label ? k->label : k->name);
					if (k->label && pd_ascii_casecmp(k->label, k->name) != 0) {
						sb_puts(&names, " (");
						sb_puts(&names, k->name);
						sb_puts(&names, ")");
					}
				}
				char q[64];
				const char *known[64];
				size_t nk = 0;
				for (; nk < rules->n_stages && nk < 64; nk++)
					known[nk] = rules->stages[nk].label ? rules->stages[nk].label
					                                    : rules->stages[nk].name;
				const char *guess = pd_suggest(v, known, nk);
				char meant[96] = "";
				if (guess)
					pd_format(meant, sizeof meant, "did you mean %s? ", guess);
				pd_format(cell_why, sizeof cell_why, "no stage \"%s\" (%sstages: %s)",
					pd_utf8_fit(q, sizeof q, v, 60), meant, names.p ? names.p : "");
				free(names.p);
				cell_ok = false;
				continue;
			}
			v = st->name;
			slot = &p->stage;
			break;
		}
		case PD_FIELD_FISCAL_MONTH: {
			int m;
			if (!pd_month_parse(v, &m)) {
				char q[44];
				const char *one, *other;
				if (pd_month_clash(v, &one, &other))
					pd_format(cell_why, sizeof cell_why, "fiscal month \"%s\" could be %s or %s: "
						"write more of the name, or 1-12", pd_utf8_fit(q, sizeof q, v, 40), one, other);
				else
					pd_format(cell_why, sizeof cell_why, "fiscal month \"%s\" is not a month (1-12 or a name "
						"such as Oct or October; 0 or blank: not known)", pd_utf8_fit(q, sizeof q, v, 40));
				cell_ok = false;
				continue;
			}
			/* A second, different month is kept, as a second of any
			 * field is: never dropped silently. */
			if (!p->fiscal_month)
				p->fiscal_month = m;
			else if (m && m != p->fiscal_month)
				goto keep;
			continue;
		}
		case PD_FIELD_REVIEW_DATE: {
			/* A date as the sheet's locale shows it is read when only
			 * one reading is a date (24/11/2026); 01/12/2026, the 1st
			 * of December or the 12th of January, is put right in the
			 * sheet, where its meaning is known. */
			/* Read as the column's other cells show it was written
			 * (24/11/2026 in another row: day first); a column that
			 * shows both ways is no help. */
			char date[PD_DATE_LEN];
			pd_error derr = {0};
			const col_dates *cd = dates ? &dates[i] : NULL;
			pd_date_order order = !cd || (cd->day_row && cd->month_row) ? PD_DATE_ORDER_NONE
				: cd->day_row ? PD_DATE_DAY_FIRST : cd->month_row ? PD_DATE_MONTH_FIRST
				: PD_DATE_ORDER_NONE;
			if (!pd_date_written_as(v, order, date, &derr)) {
				char q[44];
				bool digits = strpbrk(v, "0123456789") != NULL;
				if (pd_date_either_way(v) && cd && cd->day_row && cd->month_row)
					pd_format(cell_why, sizeof cell_why, "review date %s, and the column has "
						"both: %s (row %ld) is day first, %s (row %ld) month first", derr.msg,
						cd->day_cell, cd->day_row, cd->month_cell, cd->month_row);
				else if (pd_date_either_way(v))
					pd_format(cell_why, sizeof cell_why, "review date %s", derr.msg);
				else
					pd_format(cell_why, sizeof cell_why, "review date \"%s\" is not a date (YYYY-MM-DD)",
						pd_utf8_fit(q, sizeof q, v, 40));
				if (digits)
					pd_format(cell_why + strlen(cell_why), sizeof cell_why - strlen(cell_why),
						"; format the column as yyyy-mm-dd in the spreadsheet and save the CSV again");
				cell_ok = false;
				continue;
			}
			if (!p->review_date[0])
				snprintf(p->review_date, sizeof p->review_date, "%s", date);
			else if (strcmp(p->review_date, date) != 0)
				goto keep;
			continue;
		}
		case PD_FIELD_ADDRESS: sb_join(&address, ", ", v); continue;
		case PD_FIELD_NOTES: sb_join(&notes, "\n", v); continue;
		case PD_FIELD_TAGS: split_list(&p->tags, v); continue;
		case PD_FIELD_LABELS: split_labels(&p->tags, v); continue;
		case PD_FIELD_AUDIENCES:
			split_list(&p->audiences, v);
			/* "Teens" as the config spells it, as a kind is, and as
			 * add and the partner form store it. */
			for (size_t a = 0; a < p->audiences.n && !oom; a++) {
				bool known;
				char *as = pd_strv_as_listed(&rules->audiences, p->audiences.v[a], &known);
				if (!as) {
					oom = true;
					break;
				}
				free(p->audiences.v[a]);
				p->audiences.v[a] = as;
			}
			continue;
		case PD_FIELD_BRANCHES: split_list(&p->branches, v); continue;
		case PD_FIELD_CONTACT: {
			/* "How to reach them" as often as a person: an address or a
			 * number goes where it belongs, "Jane Doe <jane@x.org>" splits. */
			char *addr = NULL;
			size_t n = strlen(v);
			char *lt = strrchr(v, '<');
			size_t inner = lt ? (size_t)(v + n - 1 - (lt + 1)) : 0;
			if (lt && n > 2 && v[n - 1] == '>' && inner < 320) {
				char buf[320];
				memcpy(buf, lt + 1, inner);
				buf[inner] = '\0';
				pd_trim(pd_import_strip_scheme(pd_trim(buf), "mailto:"));
				if (looks_like_email(buf)) {
					addr = lt + 1;
					memcpy(addr, buf, strlen(buf) + 1);
					*lt = '\0';
					pd_trim(v);
					/* "\"Doe, Jane\" <jane@x.org>" */
					size_t m = strlen(v);
					if (m >= 2 && v[0] == '"' && v[m - 1] == '"') {
						v[m - 1] = '\0';
						memmove(v, v + 1, m - 1);
						pd_trim(v);
					}
				}
			}
			if (!addr && looks_like_email(pd_import_strip_scheme(v, "mailto:"))) {
				if (!cell_email) cell_email = v; else goto keep;
				continue;
			}
			if (!addr && looks_like_phone(pd_import_strip_scheme(v, "tel:"))) {
				if (!cell_phone) cell_phone = v; else goto keep;
				continue;
			}
			if (addr && !cell_email)
				cell_email = addr;
			if (!*v)
				continue;
			if (!cname) cname = v; else goto keep;
			continue;
		}
		case PD_FIELD_FIRST_NAME:
		case PD_FIELD_LAST_NAME:
			/* First, Middle, Last: joined into the person's name below;
			 * beside a whole name they are only kept if they add to it. */
			sb_join(f == PD_FIELD_FIRST_NAME ? &first : &last, " ", v);
			sb_join(&parts, "\n", header ? header : "Name");
			sb_puts(&parts, ": ");
			sb_puts(&parts, v);
			continue;
		case PD_FIELD_CONTACT_TITLE: if (!ctitle) ctitle = v; else goto keep; continue;
		case PD_FIELD_CONTACT_EMAIL:
			pd_import_strip_scheme(v, "mailto:");
			if (!cemail) cemail = v; else goto keep;
			continue;
		case PD_FIELD_CONTACT_PHONE:
			pd_import_strip_scheme(v, "tel:");
			if (!cphone) cphone = v; else goto keep;
			continue;
		case PD_FIELD_NONE:
		case PD_FIELD__COUNT:
			goto keep;
		}
		if (slot && !*slot) {
			if (!pd_set_str(slot, v))
				oom = true;
			continue;
		}
		if (slot && strcmp(*slot, v) == 0)
			continue;
	keep:
		/* Never dropped: an unrecognised column, or a second value for a
		 * field that holds one, goes into the notes under its header. */
		if (f != PD_FIELD_NONE && i < hdr->n)
			second[i] = true;
		if (extra.n)
			sb_puts(&extra, "\n");
		if (header) {
			sb_puts(&extra, header);
		} else {
			char col[32];
			snprintf(col, sizeof col, "Column %zu", i + 1);
			sb_puts(&extra, col);
		}
		sb_puts(&extra, ": ");
		sb_puts(&extra, v);
	}
	if (oom) {
		snprintf(why, why_size, "out of memory");
		ok = false;
	}
	if (ok && (!p->name || !*p->name)) {
		size_t name_col = hdr->n;
		for (size_t i = 0; i < hdr->n; i++)
			if (cols[i] == PD_FIELD_NAME) {
				name_col = i;
				break;
			}
		char q[64];
		if (name_col < hdr->n)
			pd_format(why, why_size, "no name: the \"%s\" cell is blank",
				pd_utf8_fit(q, sizeof q, hdr->fields[name_col], 60));
		else
			snprintf(why, why_size, "no name");
		ok = false;
	}
	if (ok && (first.n || last.n)) {
		if (!cname) {
			sb_join(&whole, "", first.n ? first.p : "");
			sb_join(&whole, " ", last.n ? last.p : "");
			cname = whole.p;
		} else if (!(first.n && !strstr(cname, first.p)) && !(last.n && !strstr(cname, last.p))) {
			/* Google's Name beside its Given and Family Name: the same. */
		} else {
			sb_join(&extra, "\n", parts.p);
		}
	}
	/* A Contact cell's address or number: the person's when the row
	 * names one, else the partner's; a second, different one is kept. */
	const char *reach[2] = { cell_email, cell_phone };
	const char **person[2] = { &cemail, &cphone };
	char **own[2] = { &p->email, &p->phone };
	for (size_t k = 0; ok && k < 2; k++) {
		if (!reach[k])
			continue;
		const char *have = cname ? *person[k] : *own[k];
		if (!have && cname)
			*person[k] = reach[k];
		else if (!have && !pd_set_str(own[k], reach[k])) {
			snprintf(why, why_size, "out of memory");
			ok = false;
		} else if (have && strcmp(have, reach[k]) != 0) {
			sb_join(&extra, "\n", "Contact: ");
			sb_puts(&extra, reach[k]);
		}
	}
	if (ok && !cname && (ctitle || cemail || cphone)) {
		/* Contact details with nobody to hang them on are the partner's:
		 * an address book's organisation row (Google's, Outlook's) has its
		 * own address and number in the person's columns. They fill the
		 * partner's email and phone (and so a merge's, as other cells do);
		 * a title, or one the row already has another of, is kept. */
		const char *mine[2] = { cemail, cphone };
		static const char *const label[2] = { "Contact email: ", "Contact phone: " };
		if (ctitle) { sb_join(&extra, "\n", "Contact title: "); sb_puts(&extra, ctitle); }
		for (size_t k = 0; ok && k < 2; k++) {
			if (!mine[k] || (*own[k] && strcmp(*own[k], mine[k]) == 0))
				continue;
			if (!*own[k]) {
				ok = pd_set_str(own[k], mine[k]);
				if (!ok)
					snprintf(why, why_size, "out of memory");
				continue;
			}
			sb_join(&extra, "\n", label[k]);
			sb_puts(&extra, mine[k]);
		}
	}
	if (ok && extra.n)
		sb_join(&notes, "\n", extra.p);
	if (ok && notes.n > PD_NOTES_MAX) {
		pd_format(why, why_size, "the notes this row makes (its notes cells and the columns kept "
			"in the notes) are %zu bytes; notes hold at most %u", notes.n, PD_NOTES_MAX);
		ok = false;
	}
	if (ok && notes.n && !pd_set_str(&p->notes, notes.p))
		ok = false;
	if (ok && address.n && !pd_set_str(&p->address, address.p))
		ok = false;
	if (ok && (notes.failed || extra.failed || address.failed || first.failed || last.failed
	           || parts.failed || whole.failed)) {
		snprintf(why, why_size, "out of memory");
		ok = false;
	}
	if (ok && cname) {
		pd_contact *c = pd_contact_create();
		if (!c || !pd_set_str(&c->name, cname) || !pd_set_str(&c->title, ctitle)
		    || !pd_set_str(&c->email, cemail) || !pd_set_str(&c->phone, cphone)) {
			pd_contact_destroy(c);
			snprintf(why, why_size, "out of memory");
			ok = false;
		} else {
			out->c = c;
		}
	}
	free(notes.p);
	free(extra.p);
	free(address.p);
	free(first.p);
	free(last.p);
	free(parts.p);
	free(whole.p);
	if (!ok)
		row_data_finish(out);
	return ok;
}

/* True when every comma-separated piece of part is one of whole's: the
 * row's address pieces (a City column alone) say nothing whole doesn't. */
static bool address_within(const char *part, const char *whole)
{
	char *a = pd_strdup(part);
	bool within = a != NULL;
	char *sa = NULL;
	for (char *x = a ? strtok_r(a, ",", &sa) : NULL; x && within; x = strtok_r(NULL, ",", &sa)) {
		pd_trim(x);
		if (!*x)
			continue;
		bool found = false;
		const char *w = whole;
		while (!found && *w) {
			while (*w == ',' || *w == ' ' || *w == '\t')
				w++;
			size_t n = strcspn(w, ",");
			size_t k = n;
			while (k && (w[k - 1] == ' ' || w[k - 1] == '\t'))
				k--;
			found = k == strlen(x) && pd_ascii_ncasecmp(w, x, k) == 0;
			w += n;
		}
		within = found;
	}
	free(a);
	return within;
}

/* The merge: cells of the row fill and replace fields (the spreadsheet is
 * the newer word), notes lines are merged (labels: the file's columns
 * kept in notes), lists join. An address the row only has pieces of
 * (every piece already in the partner's address) keeps the fuller one:
 * *address_kept. */
static bool merge_into(pd_partner *have, const pd_partner *row, const pd_strv *labels,
	bool *address_kept)
{
	*address_kept = row->address && have->address && strcmp(row->address, have->address) != 0
		&& address_within(row->address, have->address);
	char **dst[] = { &have->kind, &have->scale, &have->email, &have->website,
		&have->phone, &have->address, &have->owner, &have->mission, &have->position,
		&have->directions };
	char *const src[] = { row->kind, row->scale, row->email, row->website,
		row->phone, *address_kept ? NULL : row->address, row->owner, row->mission, row->position,
		row->directions };
	for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
		if (src[i] && *src[i] && !pd_set_str(dst[i], src[i]))
			return false;
	if (row->notes && *row->notes) {
		bool changed = false;
		char *joined = pd_import_notes_merge(have->notes, row->notes,
			(const char *const *)labels->v, labels->n, &changed);
		if (!joined)
			return false;
		if (changed) {
			free(have->notes);
			have->notes = joined;
		} else {
			free(joined);
		}
	}
	if (row->fiscal_month)
		have->fiscal_month = row->fiscal_month;
	if (row->review_date[0])
		memcpy(have->review_date, row->review_date, sizeof have->review_date);
	/* A branch as the kept partner spells it: the desk may spell it two
	 * ways (partners saved before add checked spellings), and the row's
	 * "west end", spelled as the desk's "West End", would give a partner
	 * at "Westend" a second spelling of its one branch. */
	pd_strv branches = { 0 };
	if (!pd_strv_copy(&branches, &row->branches) || !pd_branches_spell(&have->branches, &branches, NULL)) {
		pd_strv_clear(&branches);
		return false;
	}
	const pd_strv *from[] = { &row->tags, &row->audiences, &branches };
	pd_strv *to[] = { &have->tags, &have->audiences, &have->branches };
	bool ok = true;
	for (size_t k = 0; k < 3 && ok; k++)
		for (size_t i = 0; i < from[k]->n && ok; i++)
			if (pd_strv_find(to[k], from[k]->v[i]) < 0)
				ok = pd_strv_push(to[k], from[k]->v[i]);
	pd_strv_clear(&branches);
	return ok;
}

/* What a row did to its contact person: for its message, and for the
 * plan of a dry run, the person a merge changed as it was and became. */
typedef struct person_did {
	const char *what;        /* "added", "merged"; NULL: nothing */
	pd_contact *was, *is;    /* a dry run's merged person; NULL otherwise */
} person_did;

static void person_did_finish(person_did *d)
{
	pd_contact_destroy(d->was);
	pd_contact_destroy(d->is);
	*d = (person_did){ 0 };
}

/* The row's contact person at partner_id. fresh: the partner was made by
 * this row, so it has no one yet. A person already there is left as is,
 * or with merge has the row's details filled in and replaced. *did: what
 * happened to the person. *row_failed: the model refused the person, and
 * the row is reported. */
static bool add_contact(pd_db *db, const pd_import_opts *o, long rownum, int64_t partner_id,
	bool fresh, pd_contact *c, pd_import_stats *st, person_did *did, bool *row_failed, pd_error *err)
{
	*did = (person_did){ 0 };
	if (!c)
		return true;
	pd_error e = { 0 };
	if (!fresh) {
		int64_t have = pd_contact_find_named(db, partner_id, c->name, 0, &e);
		if (e.code != PD_OK)
			return pd_error_set(err, e.code, "%s", e.msg);
		if (have) {
			if (o->on_duplicate != PD_DUP_MERGE)
				return true;
			if (o->dry_run && !(did->was = pd_contact_get(db, have, err)))
				return false;
			if (pd_import_contact_merge(db, have, c, &e)) {
				did->what = "merged";
				return !o->dry_run || (did->is = pd_contact_get(db, have, err)) != NULL;
			}
			*row_failed = true;
			return pd_import_refused(o, st, rownum, &e, err);
		}
	}
	c->partner_id = partner_id;
	if (!pd_contact_insert(db, c, &e)) {
		*row_failed = true;
		return pd_import_refused(o, st, rownum, &e, err);
	}
	st->contacts++;
	if (!fresh)
		st->contacts_matched++;
	did->what = "added";
	return true;
}

/* A merged row's plan: the partner's fields, then its contact person's,
 * added or changed field by field under the person's name. */
static void plan_row(const pd_import_opts *o, FILE *to, long *n, const pd_partner *old,
	const pd_partner *now, const row_data *rd, bool address_kept, const person_did *did)
{
	pd_import_plan_partner(o, to, n, old, now, address_kept ? rd->p->address : NULL);
	if (did->what && strcmp(did->what, "added") == 0) {
		pd_import_plan_line(o, to, n, "    contact \"%s\" added", rd->c->name);
	} else if (did->was && did->is) {
		long k = 0;
		pd_import_plan_contact(o, NULL, &k, 8, did->was, did->is);
		if (k)
			pd_import_plan_line(o, to, n, "    contact #%lld \"%s\":", (long long)did->is->id,
				did->is->name);
		pd_import_plan_contact(o, to, n, 8, did->was, did->is);
	}
}

/* The row of this file that added each partner (a long per id, in a
 * pd_import_made): a skipped row whose match came from the same file is
 * most likely a different partner with the same name (three Dalry
 * libraries), and the message says so. */
static void added_note(pd_import_made *a, int64_t id, long rownum)
{
	long *row = pd_import_made_slot(a, id);
	if (row)
		*row = rownum;   /* out of memory: only the hint in a message is lost */
}

/* The row of this file that added partner id; 0 when another import did. */
static long added_row(const pd_import_made *a, int64_t id)
{
	const long *row = pd_import_made_get(a, id);
	return row ? *row : 0;
}

/* The desk's branches, read once an import meets a Branches column, and
 * grown by the branches its rows bring: "Northside" in row 2 and
 * "northside" in row 9 are one branch, and a new one is said once. */
typedef struct desk_branches {
	pd_strv v;
	bool read;
	bool had;   /* the desk had branches before: a first import's are no news */
} desk_branches;

/* The row's branches as the desk (or an earlier row) spells them, case and
 * spacing aside, as add and the partner form store them. */
static bool branches_spell(pd_db *db, desk_branches *desk, pd_partner *p, pd_error *err)
{
	if (!p->branches.n)
		return true;
	if (!desk->read) {
		if (!pd_branches_list(db, &desk->v, err))
			return false;
		desk->read = true;
		desk->had = desk->v.n > 0;
	}
	if (!pd_branches_spell(&desk->v, &p->branches, NULL))
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	return true;
}

/* A kind or audience the config does not list is kept (the config may
 * be behind), but said, as add and edit say it: a typo such as "Libary"
 * would otherwise become a kind of its own unseen. So is a branch no
 * partner had, naming the desk's: "northside branch" beside Northside
 * would split the reports. */
static void warn_unlisted(pd_db *db, const pd_import_opts *o, long rownum, const pd_partner *row,
	desk_branches *desk, pd_import_stats *st)
{
	const pd_rules *rules = pd_db_rules(db);
	const char *file = o->name ? o->name : "import";
	if (row->kind && rules->kinds.n && pd_strv_find(&rules->kinds, row->kind) < 0) {
		pd_strbuf kinds = { 0 };
		for (size_t k = 0; k < rules->kinds.n; k++)
			sb_join(&kinds, ", ", rules->kinds.v[k]);
		st->warnings++;
		/* "science centre", "Musuem": the kind meant is named, so
		 * the sheet is put right before a second kind splits the
		 * lists and the reports. */
		const char *guess = pd_suggest(row->kind, (const char *const *)rules->kinds.v, rules->kinds.n);
		if (guess)
			pd_import_report(o, o->err, "%s:%ld: '%s' is not a configured kind (did you mean "
				"'%s'?); kept as written", file, rownum, row->kind, guess);
		else if (st->kinds_listed)
			pd_import_report(o, o->err, "%s:%ld: '%s' is not a configured kind; kept as written",
				file, rownum, row->kind);
		else
			pd_import_report(o, o->err, "%s:%ld: '%s' is not a configured kind (%s); kept as written",
				file, rownum, row->kind, kinds.p ? kinds.p : "");
		st->kinds_listed = st->kinds_listed || !guess;
		free(kinds.p);
	}
	for (size_t i = 0; i < row->audiences.n; i++)
		if (rules->audiences.n && pd_strv_find(&rules->audiences, row->audiences.v[i]) < 0) {
			st->warnings++;
			pd_import_report(o, o->err, "%s:%ld: '%s' is not a configured audience; kept as written",
				file, rownum, row->audiences.v[i]);
		}
	for (size_t i = 0; i < row->branches.n; i++) {
		const char *b = row->branches.v[i];
		if (!*b || pd_strv_find(&desk->v, b) >= 0)
			continue;
		if (desk->had) {
			char note[1024];
			pd_branch_new_note(&desk->v, b, note, sizeof note);
			st->warnings++;
			pd_import_report(o, o->err, "%s:%ld: %s; kept as written", file, rownum, note);
		}
		/* Out of memory: a later row's same branch is said again. */
		pd_strv_push(&desk->v, b);
	}
}

/* A review date for a partner at an end state (dissolved) is on no agenda
 * and in no report, and the model refuses a new one there: the sheet's is
 * left out with a warning rather than the row refused, since a sheet is
 * never refused for what it says beside the partner. stored: the date the
 * partner keeps ("" for a new one). */
static void drop_closed_review(pd_db *db, const pd_import_opts *o, long rownum, pd_partner *p,
	const char *stored, pd_import_stats *st)
{
	const pd_stage *at = pd_partner_review_refused(pd_db_rules(db), p->stage, stored, p->review_date);
	if (!at)
		return;
	st->warnings++;
	pd_import_report(o, o->err, "%s:%ld: review date %s not kept: \"%s\" is at %s, which has no "
		"review period", o->name ? o->name : "import", rownum, p->review_date, p->name,
		at->label ? at->label : at->name);
	snprintf(p->review_date, sizeof p->review_date, "%s", stored);
}

/* The row's email, phone and website that can't be one, and its contact
 * person's (NULL: none stored), each a warning: a sheet is never refused
 * for a typo, but the typo is found before the mail bounces. */
static void warn_reach(const pd_import_opts *o, long rownum, const pd_partner *p,
	const pd_contact *c, pd_import_stats *st)
{
	if (p) {
		pd_import_warn_reach(o, st, rownum, NULL, PD_REACH_EMAIL, p->email);
		pd_import_warn_reach(o, st, rownum, NULL, PD_REACH_PHONE, p->phone);
		pd_import_warn_reach(o, st, rownum, NULL, PD_REACH_WEBSITE, p->website);
	}
	if (c) {
		char who[160], q[120];
		pd_format(who, sizeof who, "contact \"%s\"", pd_utf8_fit(q, sizeof q, c->name, 80));
		pd_import_warn_reach(o, st, rownum, who, PD_REACH_EMAIL, c->email);
		pd_import_warn_reach(o, st, rownum, who, PD_REACH_PHONE, c->phone);
	}
}

/* One good row into the database. false: a database error that ends the
 * import; *row_failed: the model refused this row only. labels: the
 * file's columns that rows keep in their notes ("Column: value"). */
static bool row_store(pd_db *db, const pd_import_opts *o, long rownum, row_data *rd,
	pd_import_made *added, const pd_strv *labels, desk_branches *desk, pd_import_stats *st,
	bool *row_failed, pd_error *err)
{
	const char *file = o->name ? o->name : "import";
	int64_t ids[3];
	pd_error e = { 0 };
	person_did did = { 0 };
	*row_failed = false;
	if (!branches_spell(db, desk, rd->p, err))
		return false;
	size_t same = pd_partner_find_same_name(db, rd->p->name, ids, 3, &e);
	if (e.code != PD_OK)
		return pd_error_set(err, e.code, "%s", e.msg);
	/* Two partners of that name: merge can't know which to fill in, and
	 * picking the lower id would change one the user may not mean. */
	if (same > 1 && o->on_duplicate == PD_DUP_MERGE) {
		*row_failed = true;
		st->failed++;
		pd_import_report(o, o->err, "%s:%ld: \"%s\" matches partners #%lld and #%lld%s; a merge "
			"can't tell which to fill in: rename one (partnerdesk edit ID --name NEW) and "
			"import again, or add the row as another partner with --on-duplicate new",
			file, rownum, rd->p->name, (long long)ids[0], (long long)ids[1],
			same > 2 ? " (and more)" : "");
		return true;
	}
	if (same > 0 && o->on_duplicate == PD_DUP_SKIP) {
		/* One row per contact person (a mail-merge list): the partner's
		 * cells are skipped, but a person not yet at that one partner is
		 * the row's news, and is added; the same person again is not. */
		if (same == 1 && rd->c
		    && !add_contact(db, o, rownum, ids[0], false, rd->c, st, &did, row_failed, err))
			return false;
		if (*row_failed)
			return true;
		if (did.what)
			warn_reach(o, rownum, NULL, rd->c, st);
		st->skipped++;
		FILE *to = pd_import_skip_to(o);
		long earlier = added_row(added, ids[0]);
		/* One person a row at an earlier row's partner is the sheet's
		 * shape, not a namesake. */
		if (earlier && !did.what)
			st->skipped_same_file++;
		else
			st->skipped_other++;
		char from[64];
		if (earlier)
			snprintf(from, sizeof from, "row %ld of this file", earlier);
		else
			snprintf(from, sizeof from, "partner #%lld", (long long)ids[0]);
		if (did.what)
			pd_import_report(o, to, "%s:%ld: skip \"%s\": %s has that name (its contact \"%s\" "
				"joins it)", file, rownum, rd->p->name, from, rd->c->name);
		else if (same > 1 && !earlier)
			/* Skipped either way; naming one would hide the other. */
			pd_import_skip_known(o, false, "%s:%ld: skip \"%s\": partners #%lld and #%lld%s have that name",
				file, rownum, rd->p->name, (long long)ids[0], (long long)ids[1],
				same > 2 ? " (and more)" : "");
		else if (earlier)
			/* What to do about it depends on whether the import goes
			 * in: said once, after the summary (pd_import_advice). */
			pd_import_report(o, to, "%s:%ld: skip \"%s\": row %ld of this file has that name",
				file, rownum, rd->p->name, earlier);
		else
			pd_import_skip_known(o, false, "%s:%ld: skip \"%s\": partner #%lld has that name",
				file, rownum, rd->p->name, (long long)ids[0]);
		return true;
	}
	if (same > 0 && o->on_duplicate == PD_DUP_MERGE) {
		pd_partner *have = pd_partner_get(db, ids[0], err);
		pd_partner *old = have && o->dry_run ? pd_partner_get(db, ids[0], err) : NULL;
		if (!have || (o->dry_run && !old)) {
			pd_partner_destroy(have);
			return false;
		}
		bool address_kept = false;
		char stored_review[sizeof have->review_date];
		memcpy(stored_review, have->review_date, sizeof stored_review);
		if (!merge_into(have, rd->p, labels, &address_kept)) {
			pd_partner_destroy(have);
			pd_partner_destroy(old);
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
		/* A stage changes only with a move, which obeys the transition
		 * rules and records why; a merge neither applies nor hides it. */
		if (rd->p->stage && have->stage && strcmp(rd->p->stage, have->stage) != 0) {
			st->warnings++;
			pd_import_report(o, o->err, "%s:%ld: stage not changed: \"%s\" is at %s, the row says %s; "
				"a merge does not move a partner (use partnerdesk move, which obeys the "
				"transition rules)", file, rownum, have->name, have->stage, rd->p->stage);
		}
		drop_closed_review(db, o, rownum, have, stored_review, st);
		bool ok = pd_partner_update(db, have, &e);
		if (!ok) {
			*row_failed = true;
			ok = pd_import_refused(o, st, rownum, &e, err);
		} else {
			ok = add_contact(db, o, rownum, have->id, false, rd->c, st, &did, row_failed, err);
		}
		if (ok && !*row_failed) {
			st->merged++;
			warn_unlisted(db, o, rownum, rd->p, desk, st);
			warn_reach(o, rownum, rd->p, did.what ? rd->c : NULL, st);
		}
		if (ok && !*row_failed && o->dry_run) {
			long lines = 0;
			plan_row(o, NULL, &lines, old, have, rd, address_kept, &did);
			pd_import_report(o, o->out, "%s:%ld: merge into #%lld \"%s\"%s", file, rownum,
				(long long)have->id, have->name, lines ? "" : ": nothing changes");
			plan_row(o, o->out, &lines, old, have, rd, address_kept, &did);
		}
		person_did_finish(&did);
		pd_partner_destroy(have);
		pd_partner_destroy(old);
		return ok;
	}
	drop_closed_review(db, o, rownum, rd->p, "", st);
	if (!pd_partner_insert(db, rd->p, &e)) {
		*row_failed = true;
		return pd_import_refused(o, st, rownum, &e, err);
	}
	added_note(added, rd->p->id, rownum);
	if (!add_contact(db, o, rownum, rd->p->id, true, rd->c, st, &did, row_failed, err))
		return false;
	if (*row_failed)
		return true;
	st->added++;
	warn_unlisted(db, o, rownum, rd->p, desk, st);
	warn_reach(o, rownum, rd->p, rd->c, st);
	pd_likely like = { 0 };
	size_t more = 0;
	if (!pd_import_likely_find(db, added->first_id, rd->p, &like, &more, err))
		return false;
	st->likely += like.id != 0;
	if (o->dry_run)
		pd_import_report(o, o->out, "%s:%ld: add \"%s\"%s%s%s", file, rownum, rd->p->name,
			rd->c ? " with contact \"" : "", rd->c ? rd->c->name : "", rd->c ? "\"" : "");
	if (like.id)
		pd_import_likely_say(o, rownum, rd->p, &like, more);
	free(like.name);
	free(like.stage);
	return true;
}

/* The labels of the "Column: value" lines row_build writes into notes:
 * the header's names ("Column N" for a blank one) and the contact's
 * details kept when no person is named. */
static bool notes_labels(const pd_csv_record *hdr, pd_strv *labels)
{
	static const char *const contact[] = { "Contact title", "Contact email", "Contact phone" };
	bool ok = true;
	for (size_t i = 0; i < hdr->n && ok; i++) {
		char col[32];
		snprintf(col, sizeof col, "Column %zu", i + 1);
		ok = pd_strv_push(labels, hdr->fields[i][0] ? hdr->fields[i] : col);
	}
	for (size_t i = 0; i < 3 && ok; i++)
		ok = pd_strv_push(labels, contact[i]);
	return ok;
}

static bool header_again(const pd_csv_record *r);
static bool note_column(const pd_csv_record *hdr, size_t c, pd_import_stats *st);
static bool total_row(const pd_csv_record *r, const pd_field *cols, size_t n_cols);

static size_t rows_end(const pd_csv *csv, size_t h);
static bool same_row(const pd_csv_record *a, const pd_csv_record *b);
static bool partners_again(const pd_csv *csv, size_t h, size_t i, const pd_csv_record *hdr);
static bool table_title(const pd_csv *csv, size_t h, size_t i, const pd_field *cols, size_t n_cols);
static size_t foreign_table_end(const pd_csv *csv, size_t h, size_t i, const pd_field *cols,
	size_t n_cols);
static bool figure(const char *v);
static bool header_cell(const char *v);
static size_t foreign_table(const pd_csv *csv, size_t h, size_t i, const pd_field *cols,
	size_t n_cols, size_t *figures_in);
static size_t notes_below(const pd_csv *csv, size_t h, size_t i);

/* The columns below header row h, to the next header, that no field took
 * and whose cells hold something, by header ("Column N" for a blank one,
 * and for a cell past the header, which row_build keeps as one), added to
 * st->noted_columns for the summary (first: the file's first header, the
 * list starts afresh); a header already named is not named again; as many
 * as it holds, then "...". Each header's own rows and columns: a second
 * table's "Year opened" under the first's "Branch" was never named, and
 * the first's columns were checked against the second's rows. */
static void noted_columns(const pd_csv *csv, size_t h, const pd_field *cols, bool first,
	pd_import_stats *st)
{
	const pd_csv_record *hdr = &csv->v[h];
	if (first)
		st->noted_columns[0] = '\0';
	/* A row wider than the header keeps its cells past it in the notes
	 * ("Column 3: Statutory"), unseen in the summary; a total row, which
	 * is skipped, keeps nothing. */
	size_t width = hdr->n, end = rows_end(csv, h);
	for (size_t i = h + 1; i < end; i++) {
		size_t table_end = foreign_table_end(csv, h, i, cols, hdr->n);
		if (table_end) {   /* a table of something else: none of its columns is kept */
			i = table_end - 1;
			continue;
		}
		const pd_csv_record *r = &csv->v[i];
		size_t held = r->n;   /* trailing empty cells (a comma ending each row) hold nothing */
		while (held > hdr->n && !r->fields[held - 1][0])
			held--;
		if (held > width && !r->error && !total_row(r, cols, hdr->n))
			width = held;
	}
	for (size_t c = 0; c < width; c++) {
		if (c < hdr->n && cols[c] != PD_FIELD_NONE)
			continue;
		bool filled = false;
		for (size_t i = h + 1; i < end && !filled; i++) {
			size_t table_end = foreign_table_end(csv, h, i, cols, hdr->n);
			if (table_end) {
				i = table_end - 1;
				continue;
			}
			const pd_csv_record *r = &csv->v[i];
			filled = c < r->n && r->fields[c][0] && (c < hdr->n || (!r->error && !total_row(r, cols, hdr->n)))
			         && !same_row(r, hdr) && !table_title(csv, h, i, cols, hdr->n);
		}
		if (!filled)
			continue;
		if (!note_column(hdr, c, st))
			return;
	}
}

/* Adds column c of header hdr, by its header ("Column N" for a blank one
 * or one past it), to st->noted_columns, unless named there already, as
 * a whole name; false when the list is full (and ends in "and more"). */
static bool note_column(const pd_csv_record *hdr, size_t c, pd_import_stats *st)
{
	size_t size = sizeof st->noted_columns;
	static const char more[] = " and more";
	size_t o = strlen(st->noted_columns);
	if (o >= sizeof more - 1 && strcmp(st->noted_columns + o - (sizeof more - 1), more) == 0)
		return false;
	char col[32], quoted[300];
	snprintf(col, sizeof col, "Column %zu", c + 1);
	const char *name = c < hdr->n && hdr->fields[c][0] ? hdr->fields[c] : col;
	snprintf(quoted, sizeof quoted, "\"%s\"", name);
	/* Named already, whole: by an earlier header of the file. */
	bool said = false;
	for (const char *p = st->noted_columns; !said && (p = strstr(p, quoted)); p++)
		said = (p == st->noted_columns || p[-1] == ' ')
		       && (p[strlen(quoted)] == '\0' || p[strlen(quoted)] == ',');
	if (said)
		return true;
	int w = snprintf(st->noted_columns + o, size - o, "%s%s", o ? ", " : "", quoted);
	if (w < 0 || (size_t)w >= size - o) {
		/* Cut after a whole header, room made for the words that
		 * say so: a sheet of a hundred columns. */
		st->noted_columns[o] = '\0';
		while (o && o + sizeof more > size) {
			char *last = st->noted_columns;
			for (char *p = st->noted_columns; (p = strstr(p, ", \"")); p++)
				last = p;
			o = (size_t)(last - st->noted_columns);
			st->noted_columns[o] = '\0';
		}
		if (o)
			memcpy(st->noted_columns + o, more, sizeof more);
		return false;
	}
	return true;
}


/* Whether rows a and b hold the same cells. */
static bool same_row(const pd_csv_record *a, const pd_csv_record *b)
{
	bool same = a->n == b->n;
	for (size_t i = 0; same && i < a->n; i++)
		same = strcmp(a->fields[i], b->fields[i]) == 0;
	return same;
}

/* The row after header row h where its rows end: the next header
 * (header_again), else the end of the file. The same header again (a
 * printout's pages) goes on with the same columns. */
static size_t rows_end(const pd_csv *csv, size_t h)
{
	for (size_t i = h + 1; i < csv->n; i++)
		if (!csv->v[i].error && (header_again(&csv->v[i]) || partners_again(csv, h, i, &csv->v[h]))
		    && !same_row(&csv->v[i], &csv->v[h]))
			return i;
	return csv->n;
}

/* Cell c of row i below header row h as row_build reads it (trimmed, into
 * buf), or NULL when row_build reads no such cell: blank, a bad row, a
 * total row, a table's title. */
static const char *sheet_cell(const pd_csv *csv, size_t h, size_t i, size_t c,
	const pd_field *cols, size_t n_cols, char *buf, size_t size)
{
	const pd_csv_record *r = &csv->v[i];
	if (r->error || c >= r->n || !r->fields[c][0] || total_row(r, cols, n_cols)
	    || table_title(csv, h, i, cols, n_cols))
		return NULL;
	snprintf(buf, size, "%s", r->fields[c]);
	pd_trim(buf);
	return buf[0] ? buf : NULL;
}

/* Reads what the columns of header row h hold, in the rows below it to
 * the next header, before any is imported. A column whose header names
 * the stage only as a guess (pd_field_header_guess: "Stufe", "Etapa")
 * and whose cells are not all stage names is a year group or a phase:
 * it is kept in the notes, as a column no field reads, and said so;
 * refusing every row of a school's sheet for it stopped the import. A
 * review-date column's cells say which way round its dates go: dates[c].
 * where: how messages start ("file" or "file:ROW"). */
static void settle_columns(pd_db *db, const pd_import_opts *o, const pd_csv *csv, size_t h,
	pd_field *cols, pd_field_how *how, col_dates *dates, const char *where)
{
	const pd_csv_record *hdr = &csv->v[h];
	const pd_rules *rules = pd_db_rules(db);
	size_t end = rows_end(csv, h);
	char buf[1024], q[44], name[64];
	for (size_t c = 0; c < hdr->n; c++) {
		dates[c] = (col_dates){ 0 };
		if (hdr->fields[c][0])
			snprintf(name, sizeof name, "\"%s\"", pd_utf8_fit(q, sizeof q, hdr->fields[c], 40));
		else
			snprintf(name, sizeof name, "Column %zu", c + 1);
		if (cols[c] == PD_FIELD_STAGE && how[c] == PD_HOW_HEADER
		    && pd_field_header_guess(hdr->fields[c])) {
			for (size_t i = h + 1; i < end; i++) {
				size_t table_end = foreign_table_end(csv, h, i, cols, hdr->n);
				if (table_end) {
					i = table_end - 1;
					continue;
				}
				const char *v = sheet_cell(csv, h, i, c, cols, hdr->n, buf, sizeof buf);
				if (!v || stage_from_cell(rules, v))
					continue;
				cols[c] = PD_FIELD_NONE;
				pd_import_report(o, o->err, "%s: %s kept in the notes, not read as the stage: "
					"\"%s\" (row %ld) is no stage; --map \"%s=stage\" reads it as one", where, name,
					pd_utf8_fit(q, sizeof q, v, 40), csv->v[i].row, hdr->fields[c]);
				break;
			}
		}
		if (cols[c] != PD_FIELD_REVIEW_DATE)
			continue;
		col_dates *d = &dates[c];
		long either = 0;
		for (size_t i = h + 1; i < end; i++) {
			size_t table_end = foreign_table_end(csv, h, i, cols, hdr->n);
			if (table_end) {
				i = table_end - 1;
				continue;
			}
			const char *v = sheet_cell(csv, h, i, c, cols, hdr->n, buf, sizeof buf);
			if (!v)
				continue;
			either += pd_date_either_way(v);
			pd_date_order order = pd_date_written_order(v);
			long *row = order == PD_DATE_DAY_FIRST ? &d->day_row
			            : order == PD_DATE_MONTH_FIRST ? &d->month_row : NULL;
			if (row && !*row) {
				*row = csv->v[i].row;
				snprintf(order == PD_DATE_DAY_FIRST ? d->day_cell : d->month_cell,
					sizeof d->day_cell, "%s", v);
			}
		}
		/* Said once, and only when a date was read by it. */
		if (either && (!d->day_row) != (!d->month_row))
			pd_import_report(o, o->err, "%s: %s read %s first, as %s in row %ld shows", where, name,
				d->day_row ? "day" : "month", d->day_row ? d->day_cell : d->month_cell,
				d->day_row ? d->day_row : d->month_row);
	}
}

/* How far down the header row is looked for. */
#define HEADER_SEARCH 5

/* The cells of r that hold something. */
static size_t filled_cells(const pd_csv_record *r)
{
	size_t filled = 0;
	for (size_t i = 0; i < r->n; i++)
		filled += r->fields[i][0] != '\0';
	return filled;
}

/* Whether row r, read as the header, has a column for the partner's name. */
static bool names_partner(const pd_csv_record *r, const pd_import_opts *o)
{
	pd_field *cols = calloc(r->n ? r->n : 1, sizeof *cols);
	bool named = false;
	pd_error e = { 0 };
	if (cols && pd_field_map_build(r->fields, r->n, o->maps, o->n_maps, cols, NULL, &e))
		for (size_t i = 0; i < r->n; i++)
			named |= cols[i] == PD_FIELD_NAME;
	free(cols);
	return named;
}

/* Whether row r reads as a row of column names, though none of them is
 * the partner's: two or more cells, each written as a header's word is
 * (header_cell), and two of them names of fields the importer knows
 * ("Email address", "Phone"), or one when a blank row stands between r
 * and the title above and the others are single words (a partner's row,
 * "Harbour Museum", "museum", holds none; "Harbour Museum", "Contact"
 * holds one and a name of words). */
static bool column_names(const pd_csv_record *r, bool gap)
{
	size_t filled = 0, known = 0;
	bool named = false;   /* an unknown cell of words, as a partner's name is */
	for (size_t i = 0; i < r->n; i++) {
		const char *v = r->fields[i];
		if (!v[0])
			continue;
		if (!header_cell(v))
			return false;
		filled++;
		if (pd_field_from_header(v) != PD_FIELD_NONE)
			known++;
		else
			named |= strchr(v, ' ') != NULL;
	}
	/* One known name beside "Harbour Museum" is a partner's row whose
	 * other cell happens to read as one ("Contact", "Stage"): a column's
	 * name the importer does not know is one word ("Business"). */
	return filled > 1 && (known >= 2 || (gap && known >= 1 && !named));
}

/* Row h names a partner column in its one cell: a title that is also a
 * column's name ("Partner", "Organisation" in A1) or a one-column sheet.
 * The first row below it with more than one cell, if it is close and
 * names a partner column too, is the header and h the title above it:
 * else its names ("Name", "Email") would be imported as a partner. */
static size_t header_below_title(const pd_csv *csv, size_t h, const pd_import_opts *o)
{
	if (filled_cells(&csv->v[h]) > 1)
		return h;
	bool gap = false;
	for (size_t k = h + 1; k < csv->n && k < HEADER_SEARCH; k++) {
		if (csv->v[k].error)
			return h;
		size_t filled = filled_cells(&csv->v[k]);
		if (filled > 1) {
			if (names_partner(&csv->v[k], o))
				return k;
			/* Column names the importer does not know ("Business",
			 * "Email address") under a title that happens to be one
			 * ("Name"): that row is the header, refused for want of a
			 * name column, not the title read as a one-column header
			 * whose first partner would be "Business". */
			return column_names(&csv->v[k], gap) ? k : h;
		}
		gap |= filled == 0;
	}
	return h;
}

/* The header row below row h, which holds more than one cell and names
 * no partner column: a row of group names over the columns ("Contact",
 * "", "", "Address" above "Name", "Email", "Phone", "Street"), or a title
 * spread over two cells. The first row within HEADER_SEARCH that is a
 * header by header_again, with the rows from h to it each holding fewer
 * cells than it and no address (no partner's row); h when there is none. */
static size_t header_below_groups(const pd_csv *csv, size_t h)
{
	for (size_t k = h + 1; k < csv->n && k < HEADER_SEARCH; k++) {
		const pd_csv_record *r = &csv->v[k];
		if (r->error)
			return h;
		if (!header_again(r))
			continue;
		size_t filled = filled_cells(r);
		for (size_t j = h; j < k; j++) {
			const pd_csv_record *above = &csv->v[j];
			if (above->error || filled_cells(above) >= filled)
				return h;
			for (size_t c = 0; c < above->n; c++)
				if (strchr(above->fields[c], '@'))
					return h;
		}
		return k;
	}
	return h;
}

/* Whether the file is partnerdesk's own `--excel` CSV (export or list):
 * a UTF-8 byte order mark, then as its first row a header of partnerdesk's
 * partner columns alone, as written (a spreadsheet that saved it again as
 * "CSV UTF-8" keeps both, and may have dropped or moved columns). Only
 * there is a leading apostrophe known to be our formula guard; in anyone
 * else's file it is the user's own and kept. */
static bool excel_export(const char *data, size_t len, const pd_csv_record *hdr, size_t h)
{
	if (h != 0 || len < 3 || memcmp(data, "\xEF\xBB\xBF", 3) != 0 || hdr->n == 0)
		return false;
	for (size_t i = 0; i < hdr->n; i++) {
		size_t k = 0;
		while (k < pd_csv_partner_columns_count && strcmp(hdr->fields[i], pd_csv_partner_columns[k]) != 0)
			k++;
		if (k == pd_csv_partner_columns_count)
			return false;
	}
	return true;
}

/* Takes off the apostrophe the --excel guard put before a cell that a
 * spreadsheet would read as a formula: one, and only where what follows
 * is itself guarded (pd_csv_excel_guarded), so that "'+44 20 ..." gives
 * "+44 20 ...", "''=x" (a user's own "'=x") gives "'=x", and "'tis" stays.
 * The number of cells changed. */
static size_t excel_unguard(pd_csv *csv, size_t h)
{
	size_t n = 0;
	for (size_t i = h + 1; i < csv->n; i++)
		for (size_t k = 0; !csv->v[i].error && k < csv->v[i].n; k++) {
			char *f = csv->v[i].fields[k];
			if (f[0] == '\'' && pd_csv_excel_guarded(f + 1)) {
				memmove(f, f + 1, strlen(f));
				n++;
			}
		}
	return n;
}

/* A row below the header that is itself a header: a second sheet pasted
 * under the first with its own column names, or the header repeated (a
 * printout's pages). It names the partner column, and most of what it
 * holds are column names: a partner's row holds values. */
static bool header_again(const pd_csv_record *r)
{
	/* Asked of every row, some rows more than once, and reading a cell
	 * as a header is dear (its words against every synonym, owner and
	 * language): a fifth of a large import's time went here. So the
	 * cheap answers first; each leaves the answer as it was. */
	size_t filled = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (!r->fields[i][0])
			continue;
		/* An address is a value: "Library;Library;info@lib.org" is a
		 * partner called Library. */
		if (strchr(r->fields[i], '@') || strstr(r->fields[i], "://"))
			return false;
		filled++;
	}
	size_t known = 0, unknown = 0;
	bool name = false;
	for (size_t i = 0; i < r->n; i++) {
		const char *v = r->fields[i];
		if (!v[0])
			continue;
		/* No letter in it (a number, a date, a phone): no header names
		 * a field so. */
		bool letters = false;
		for (const unsigned char *c = (const unsigned char *)v; *c && !letters; c++)
			letters = *c >= 0x80 || pd_ascii_isalpha(*c);
		pd_field f = letters ? pd_field_from_header(v) : PD_FIELD_NONE;
		name |= f == PD_FIELD_NAME;
		if (f == PD_FIELD_NONE)
			unknown++;
		else
			known++;
		/* More unknown than the rest could make up for. */
		if (unknown > known + (filled - known - unknown))
			return false;
	}
	return name && known >= 2 && unknown <= known;
}

/* Row i, below a blank row (and a title, if any) under header row h, is
 * the partners' header again with fewer columns: a second block of
 * partners headed "Name", "Budget" under "Name", "Kind", "Budget". Each
 * of its two or more cells is a cell of hdr, the header the rows above
 * are read by, and one names the partner's column. header_again wants two
 * fields it knows; a block's own header may have one ("Budget" is none),
 * and its rows, read as a second table of figures, were not imported. */
static bool partners_again(const pd_csv *csv, size_t h, size_t i, const pd_csv_record *hdr)
{
	if (i < h + 2 || i >= csv->n)
		return false;
	const pd_csv_record *r = &csv->v[i], *before = &csv->v[i - 1];
	if (r->error || before->error)
		return false;
	if (filled_cells(before)
	    && (i < h + 3 || filled_cells(before) != 1 || csv->v[i - 2].error || filled_cells(&csv->v[i - 2])))
		return false;
	size_t filled = 0;
	bool name = false;
	for (size_t c = 0; c < r->n; c++) {
		const char *v = r->fields[c];
		if (!v[0])
			continue;
		bool theirs = false;
		for (size_t k = 0; k < hdr->n && !theirs; k++)
			theirs = pd_ascii_casecmp(v, hdr->fields[k]) == 0;
		if (!theirs)
			return false;
		filled++;
		name |= pd_field_from_header(v) == PD_FIELD_NAME;
	}
	return filled >= 2 && name && !same_row(r, hdr);
}

/* Row i, below header row h, is the title of a second table: its one
 * cell stands after a blank row, and the next row that holds anything is
 * a header again ("Partners 2027" above a pasted sheet), or the header of
 * a table of something else (foreign_table_end: "Events 2026" above
 * "Event, Date, Attendance"). Imported, it would be a partner called so.
 * cols holds the n_cols columns of the header the rows are read by. */
static bool table_title(const pd_csv *csv, size_t h, size_t i, const pd_field *cols, size_t n_cols)
{
	const pd_csv_record *r = &csv->v[i], *before = &csv->v[i - 1];
	if (r->error || i <= h + 1 || before->error || filled_cells(before) || filled_cells(r) != 1)
		return false;
	for (size_t j = i + 1; j < csv->n; j++) {
		if (csv->v[j].error)
			return false;
		if (filled_cells(&csv->v[j]))
			return header_again(&csv->v[j]) || partners_again(csv, h, j, &csv->v[h])
			       || foreign_table_end(csv, h, j, cols, n_cols);
	}
	return false;
}

/* Whether v is written as a column's name is, whichever field it names:
 * no digit (a count, a date, a phone), no address, one line, short. */
static bool header_cell(const char *v)
{
	return *v && strlen(v) <= 40 && !strpbrk(v, "0123456789@\n") && !strstr(v, "://");
}

/* Whether v is a figure or a date as a spreadsheet writes one ("85",
 * "1 250,50 €", "2026-06-20", "20/06/2026"). */
static bool figure_or_date(const char *v)
{
	size_t n = strlen(v);
	return figure(v) || (n && strspn(v, "0123456789/-.: ") == n && strpbrk(v, "0123456789"));
}

/* Whether a column read as f holds words in a partner's row (a name, a
 * kind, an email), so that a column of figures under it is no partner's. */
static bool words_field(pd_field f)
{
	return f == PD_FIELD_NAME || f == PD_FIELD_KIND || f == PD_FIELD_EMAIL || f == PD_FIELD_WEBSITE
	       || f == PD_FIELD_CONTACT || f == PD_FIELD_CONTACT_TITLE || f == PD_FIELD_CONTACT_EMAIL
	       || f == PD_FIELD_FIRST_NAME || f == PD_FIELD_LAST_NAME || f == PD_FIELD_OWNER;
}

/* Row i, below header row h, heads a second table of something else than
 * partners ("Event, Date, Attendance" below a blank row under the partner
 * list), one with no column for a partner's name: the row after its last
 * row (the blank row or the header that ends it, or the end of the file);
 * 0 when it heads none. Imported, its header and rows would be partners
 * called "Event" and "Summer Reading launch", with a date for an email.
 * So that no partner's row is taken for one, it must be all of: below a
 * blank row (and a title, if any), two or more cells side by side, each a
 * column's name (header_cell), not the partners' header again; and the rows
 * under it must hold only figures or dates in a column where it holds a
 * word and the partners' header reads words (words_field): "Date" over
 * dates where the partners have their email. cols holds the n_cols columns
 * of the header the rows are read by. */
static size_t foreign_table_end(const pd_csv *csv, size_t h, size_t i, const pd_field *cols,
	size_t n_cols)
{
	return foreign_table(csv, h, i, cols, n_cols, NULL);
}

/* foreign_table_end, and in *figures_in (if not NULL) the column whose
 * figures or dates told the table from partners. The table's header may
 * name the partner's column ("Name", "Amount" for a budget under the
 * list) when its rows have figures where the partners have words. */
static size_t foreign_table(const pd_csv *csv, size_t h, size_t i, const pd_field *cols,
	size_t n_cols, size_t *figures_in)
{
	if (i < h + 2 || i >= csv->n)
		return 0;
	const pd_csv_record *r = &csv->v[i], *before = &csv->v[i - 1];
	if (r->error || before->error)
		return 0;
	if (filled_cells(before)) {
		/* A title between: one cell, itself below a blank row. */
		const pd_csv_record *blank = &csv->v[i - 2];
		if (i < h + 3 || filled_cells(before) != 1 || blank->error || filled_cells(blank))
			return 0;
	}
	/* Asked of every row, so only where a blank row is above: reading a
	 * row as a header is the dearest test of all. */
	if (header_again(r) || partners_again(csv, h, i, &csv->v[h]))
		return 0;
	size_t first = 0, last = r->n;
	while (first < r->n && !r->fields[first][0])
		first++;
	while (last > first && !r->fields[last - 1][0])
		last--;
	if (last - first < 2)
		return 0;
	for (size_t c = first; c < last; c++)
		if (!header_cell(r->fields[c]))
			return 0;
	size_t end = i + 1;
	while (end < csv->n && (csv->v[end].error || filled_cells(&csv->v[end]))
	       && (csv->v[end].error || !header_again(&csv->v[end])))
		end++;
	for (size_t c = first; c < last && c < n_cols; c++) {
		if (!words_field(cols[c]))
			continue;
		size_t figures = 0, words = 0;
		for (size_t j = i + 1; j < end && !words; j++) {
			const pd_csv_record *row = &csv->v[j];
			if (row->error || c >= row->n || !row->fields[c][0])
				continue;
			if (figure_or_date(row->fields[c]))
				figures++;
			else
				words++;
		}
		if (figures && !words) {
			if (figures_in)
				*figures_in = c;
			return end;
		}
	}
	return 0;
}

/* Whether the n bytes at w are a month's name ("As of March"). */
static bool month_word(const char *w, size_t n)
{
	static const char *const months[] = { "january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november", "december" };
	for (size_t k = 0; k < sizeof months / sizeof months[0]; k++)
		if (strlen(months[k]) == n && pd_ascii_ncasecmp(w, months[k], n) == 0)
			return true;
	return false;
}

/* Whether v is written as a partner's name is, not as a note's sentence:
 * two words or more, no digit or colon, each word capitalised but for the
 * small ones a name has ("of", "the", "&") and none a month's name. So
 * "Updated Living Foundation", "Kept By Grace Ministries" and "* Star
 * Readers" are names that open as a note does; "Updated by J. Smith",
 * "Prepared by Outreach" and "As of March" are notes. */
static bool written_as_name(const char *v)
{
	static const char *const small[] = { "of", "the", "and", "for", "a", "an", "in", "on", "at", "to",
		"de", "du", "des", "la", "le", "les", "et", "y", "del" };
	if (strpbrk(v, "0123456789:"))
		return false;
	size_t words = 0;
	for (const char *p = v; *p;) {
		while (*p == ' ' || *p == '\t')
			p++;
		const char *end = p;
		while (*end && *end != ' ' && *end != '\t')
			end++;
		const char *w = p;
		while (w < end && !pd_ascii_isalpha((unsigned char)*w) && (unsigned char)*w < 0x80)
			w++;
		size_t n = (size_t)(end - w);
		while (n && !pd_ascii_isalpha((unsigned char)w[n - 1]) && (unsigned char)w[n - 1] < 0x80)
			n--;
		p = end;
		if (!n)
			continue;   /* "&", "-", "*" */
		words++;
		if ((unsigned char)*w >= 0x80)
			continue;
		if (*w >= 'A' && *w <= 'Z') {
			if (month_word(w, n))
				return false;
			continue;
		}
		bool is_small = false;
		for (size_t k = 0; k < sizeof small / sizeof small[0] && !is_small; k++)
			is_small = strlen(small[k]) == n && strncmp(w, small[k], n) == 0;
		if (!is_small)
			return false;
	}
	return words >= 2;
}

/* Whether v, a row's one cell, reads as a note about the sheet: it opens
 * as a note does ("Updated by J. Smith", "Source: ...", "Printed on",
 * "As of March", "Page 2 of 3") or holds a date written with slashes ("3/2026",
 * "03/03/2026"), which no partner's name does. A word is a whole word:
 * "Sourcebooks", "Printed Word Press" and "Page Turners Book Club" are
 * partners, and so is "24/7 Youth Centre"; so are "Updated Living
 * Foundation" and "Page 2 Youth Theatre", written as names are. */
static bool note_text(const char *v)
{
	static const char *const opening[] = { "updated", "last updated", "last update", "last edited",
		"last changed", "source:", "sources:", "prepared by", "compiled by", "created by",
		"maintained by", "kept by", "edited by", "note:", "notes:", "nb:", "n.b.", "printed on",
		"printed by", "printed:", "generated on", "generated by", "generated:", "exported on",
		"exported by", "exported from", "exported:", "as of", "as at", "*", "\xc2\xa9", "(c) ",
		"confidential" };
	for (size_t k = 0; k < sizeof opening / sizeof opening[0]; k++) {
		size_t n = strlen(opening[k]);
		if (pd_ascii_ncasecmp(v, opening[k], n) != 0
		    || (pd_ascii_isalpha((unsigned char)opening[k][n - 1]) && pd_ascii_isalnum((unsigned char)v[n])))
			continue;
		/* Words open so, and a name may too: a lone name under the
		 * list ("Confidential Care Services") was a partner before. */
		bool word = pd_ascii_isalpha((unsigned char)opening[k][n - 1]) || opening[k][0] == '*';
		bool more = false;
		for (const char *p = v + n; *p && !more; p++)
			more = pd_ascii_isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80;
		if (!word || !more || !written_as_name(v))
			return true;
	}
	/* "Page 2", "Page 2 of 3", "Page 2/3"; "Page 2 Youth Theatre" is a
	 * partner. */
	if (pd_ascii_ncasecmp(v, "page ", 5) == 0 && pd_ascii_isdigit((unsigned char)v[5])) {
		const char *p = v + 5;
		while (pd_ascii_isdigit((unsigned char)*p))
			p++;
		while (*p == ' ')
			p++;
		if (*p == '/' || (pd_ascii_ncasecmp(p, "of ", 3) == 0)) {
			p += *p == '/' ? 1 : 3;
			while (*p == ' ')
				p++;
			const char *of = p;
			while (pd_ascii_isdigit((unsigned char)*p))
				p++;
			while (p > of && *p == ' ')
				p++;
			if (p == of)
				p = "x";   /* "Page 2 of Harbour ...": no page's count */
		}
		if (!*p)
			return true;
	}
	/* Runs of digits joined by slashes: a date when there are three, or
	 * the last has four (a year). */
	for (const char *p = v; *p;) {
		if (!pd_ascii_isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		size_t parts = 0, digits = 0;
		for (;;) {
			digits = 0;
			while (pd_ascii_isdigit((unsigned char)*p)) {
				p++;
				digits++;
			}
			parts++;
			if (*p != '/' || !pd_ascii_isdigit((unsigned char)p[1]))
				break;
			p++;
		}
		if (parts == 3 || (parts == 2 && digits == 4))
			return true;
	}
	return false;
}

/* Row i, below header row h, begins what stands under the table and is no
 * part of it: below a blank row, a note of one cell (note_text: "Updated
 * by J. Smith 3/2026"), and from it to the end of the file nothing but
 * blank rows and rows of one cell. The end of the file, or 0. Imported, it
 * would be a partner called "Updated by J. Smith 3/2026". */
static size_t notes_below(const pd_csv *csv, size_t h, size_t i)
{
	if (i < h + 2)
		return 0;
	const pd_csv_record *r = &csv->v[i], *before = &csv->v[i - 1];
	if (r->error || before->error || filled_cells(before) || filled_cells(r) != 1)
		return 0;
	size_t c = 0;
	while (!r->fields[c][0])
		c++;
	if (!note_text(r->fields[c]))
		return 0;
	for (size_t j = i + 1; j < csv->n; j++)
		if (csv->v[j].error || filled_cells(&csv->v[j]) > 1)
			return 0;
	return csv->n;
}

/* Whether text is a figure as a spreadsheet writes one: "4", "1 250,50 €",
 * "12%", "(300)". */
static bool figure(const char *v)
{
	/* Euro, pound, no-break space, narrow no-break space (French Excel's
	 * thousands separator). */
	static const char *const marks[] = { "\xe2\x82\xac", "\xc2\xa3", "\xc2\xa0", "\xe2\x80\xaf" };
	bool digit = false;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			digit = true;
		} else if ((unsigned char)*p < 0x80) {
			if (!strchr(" .,%-+()'$", *p))
				return false;
		} else {
			size_t k = 0, l = 0;
			while (k < 4 && strncmp(p, marks[k], l = strlen(marks[k])) != 0)
				k++;
			if (k == 4)
				return false;
			p += l - 1;
		}
	}
	return digit;
}

/* The total row a spreadsheet keeps at the bottom of a list: its first
 * cell says total (in the languages whose headers are read) and the rest
 * are figures, none of them in a phone column (a partner called Total
 * has a phone number). Imported, it would be a partner called "Total".
 * cols holds the n_cols columns of the header; the row may be wider. */
static bool total_row(const pd_csv_record *r, const pd_field *cols, size_t n_cols)
{
	static const char *const words[] = { "total", "totals", "grandtotal", "sum", "totaux",
		"totalgeneral", "gesamt", "summe", "insgesamt", "cyfanswm", "totales", "suma" };
	size_t first = 0;
	while (first < r->n && !r->fields[first][0])
		first++;
	if (first == r->n)
		return false;
	char *w = squash(r->fields[first]);
	if (!w)
		return false;
	size_t n = strlen(w);
	while (n > 0 && (w[n - 1] == ':' || w[n - 1] == '.'))
		w[--n] = '\0';
	bool word = false;
	for (size_t i = 0; i < sizeof words / sizeof words[0] && !word; i++)
		word = strcmp(w, words[i]) == 0;
	free(w);
	if (!word)
		return false;
	size_t figures = 0;
	for (size_t i = first + 1; i < r->n; i++) {
		if (!r->fields[i][0])
			continue;
		pd_field f = i < n_cols ? cols[i] : PD_FIELD_NONE;
		if (!figure(r->fields[i]) || f == PD_FIELD_PHONE || f == PD_FIELD_CONTACT_PHONE)
			return false;
		figures++;
	}
	return figures > 0;
}

/* Row r is a header again (header_again): the rows below it are read by
 * it, and said so, in the plan of a dry run too. The --map options whose
 * column it lacks belonged to the header above: they are left out. */
static bool next_header(pd_db *db, const pd_import_opts *o, const pd_csv *csv, size_t at,
	const pd_csv_record **hdr, pd_field **cols, col_dates **dates, pd_strv *labels,
	pd_import_stats *st, pd_error *err)
{
	const pd_csv_record *r = &csv->v[at];
	const char *file = o->name ? o->name : "import";
	if (same_row(r, *hdr)) {
		pd_import_report(o, pd_import_skip_to(o), "%s:%ld: the header again; not imported", file, r->row);
		return true;
	}
	pd_field *ncols = calloc(r->n ? r->n : 1, sizeof *ncols);
	pd_field_how *how = calloc(r->n ? r->n : 1, sizeof *how);
	col_dates *ndates = calloc(r->n ? r->n : 1, sizeof *ndates);
	const char **maps = calloc(o->n_maps ? o->n_maps : 1, sizeof *maps);
	bool ok = ncols && how && maps && ndates;
	size_t n_maps = 0;
	for (size_t k = 0; ok && k < o->n_maps; k++) {
		pd_error e = { 0 };
		if (pd_field_map_build(r->fields, r->n, &o->maps[k], 1, ncols, NULL, &e))
			maps[n_maps++] = o->maps[k];
	}
	pd_error map_err = { 0 };
	if (!ok)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	else if (!(ok = pd_field_map_build(r->fields, r->n, maps, n_maps, ncols, how, &map_err)))
		pd_error_set(err, map_err.code, "%s:%ld: %s", file, r->row, map_err.msg);
	pd_strv_clear(labels);
	if (ok && !notes_labels(r, labels))
		ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	if (ok) {
		pd_strbuf names = { 0 };
		for (size_t i = 0; i < r->n && i < 8; i++)
			if (r->fields[i][0])
				sb_join(&names, ", ", r->fields[i]);
		pd_import_report(o, pd_import_skip_to(o), "%s:%ld: a header again (%s): the rows below "
			"are read by it", file, r->row, names.p ? names.p : "");
		free(names.p);
		char where[300];
		snprintf(where, sizeof where, "%s:%ld", file, r->row);
		settle_columns(db, o, csv, at, ncols, how, ndates, where);
		noted_columns(csv, at, ncols, false, st);
		char *said[3] = { pd_field_map_name_choice(r->fields, r->n, ncols, how),
		                  pd_field_map_readings(r->fields, r->n, ncols, how),
		                  pd_field_map_whose(r->fields, r->n, ncols, how) };
		for (size_t k = 0; k < 3; k++) {
			if (said[k])
				pd_import_report(o, o->err, "%s:%ld: %s", file, r->row, said[k]);
			free(said[k]);
		}
		free(*cols);
		*cols = ncols;
		free(*dates);
		*dates = ndates;
		*hdr = r;
		ncols = NULL;
		ndates = NULL;
	}
	free(ncols);
	free(ndates);
	free(how);
	free(maps);
	return ok;
}

bool pd_csv_import(pd_db *db, const char *data, size_t len, const pd_import_opts *o,
	pd_import_stats *st, pd_error *err)
{
	const char *file = o->name ? o->name : "import";
	pd_csv csv;
	if (!pd_csv_read(file, data, len, o->encoding, &csv, err))
		return false;
	if (csv.n == 0) {
		pd_csv_finish(&csv);
		return pd_error_set(err, PD_ERR_INVALID, "%s: empty: a CSV import needs a header row", file);
	}
	/* The header is the first row that names a partner column; above it
	 * may stand a title ("Partner list 2026", Numbers' "Table 1") and
	 * blank rows: rows of at most one cell, never more than a few. */
	size_t h = 0;
	const pd_csv_record *hdr = NULL;
	pd_field *cols = NULL;
	pd_field_how *how = NULL;
	bool ok = true;
	bool back_to_first = false;
	for (;;) {
		hdr = &csv.v[h];
		if (hdr->error) {
			ok = pd_error_set(err, PD_ERR_INVALID, "%s:%ld: %s", file, hdr->row, hdr->error);
			break;
		}
		free(cols);
		free(how);
		cols = calloc(hdr->n ? hdr->n : 1, sizeof *cols);
		how = calloc(hdr->n ? hdr->n : 1, sizeof *how);
		if (!cols || !how) {
			ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			break;
		}
		pd_error map_err = { 0 };
		bool built = pd_field_map_build(hdr->fields, hdr->n, o->maps, o->n_maps, cols, how,
			&map_err);
		bool named = false;
		for (size_t i = 0; built && i < hdr->n; i++)
			named |= cols[i] == PD_FIELD_NAME;
		if (named) {
			size_t below = header_below_title(&csv, h, o);
			if (below == h)
				break;
			h = below;
			continue;
		}
		size_t filled = filled_cells(hdr);
		if (filled <= 1 && !back_to_first && h + 1 < csv.n && h + 1 < HEADER_SEARCH) {
			h++;
			continue;
		}
		if (filled <= 1 && h > 0) {
			/* Titles all the way down: the first row is the one to show,
			 * mapped afresh: cols and how were made for the last row
			 * looked at, which may have fewer cells. */
			h = 0;
			back_to_first = true;
			continue;
		}
		if (filled > 1 && !back_to_first) {
			size_t below = header_below_groups(&csv, h);
			if (below != h) {
				h = below;
				continue;
			}
		}
		if (!built && filled > 1) {
			ok = pd_error_set(err, map_err.code, "%s", map_err.msg);
			break;
		}
		pd_strbuf held = { 0 };
		for (size_t i = 0; i < hdr->n && i < 8; i++) {
			char cell[48], q[44];
			snprintf(cell, sizeof cell, "\"%s\"", pd_utf8_fit(q, sizeof q, hdr->fields[i], 40));
			sb_join(&held, ", ", cell);
		}
		if (hdr->n > 8)
			sb_puts(&held, ", ...");
		/* "Nom" beside "Prénom" is a person's: say so, or the user
		 * reads "looked for Name" against a column called Nom. */
		pd_strbuf half = { 0 };
		for (size_t i = 0; built && i < hdr->n && !half.n; i++)
			if ((cols[i] == PD_FIELD_LAST_NAME || cols[i] == PD_FIELD_FIRST_NAME)
			    && pd_field_from_header(hdr->fields[i]) == PD_FIELD_NAME) {
				char q[44];
				sb_puts(&half, " (\"");
				sb_puts(&half, pd_utf8_fit(q, sizeof q, hdr->fields[i], 40));
				sb_puts(&half, "\" is read as a person's ");
				sb_puts(&half, cols[i] == PD_FIELD_LAST_NAME ? "last" : "first");
				sb_puts(&half, " name, beside the other half of it)");
			}
		/* Said, so that a user who sees the title rows passed over
		 * does not look for the fault in them. */
		char above[64] = "";
		if (h == 1)
			snprintf(above, sizeof above, " (row %ld above it skipped as a title)", csv.v[0].row);
		else if (h > 1)
			snprintf(above, sizeof above, " (rows %ld-%ld above it skipped as a title)", csv.v[0].row,
				csv.v[h - 1].row);
		ok = pd_error_set(err, PD_ERR_INVALID,
			"%s:%ld: no column holds the partner's name (looked for Name, Organisation, "
			"Library name, Partner ...); row %ld, read as the header, holds %s%s%s: if the header "
			"is further down, delete the rows above it; else name the column with --map "
			"\"COLUMN=name\"", file, hdr->row, hdr->row, held.p ? held.p : "nothing",
			half.p ? half.p : "", above);
		free(held.p);
		free(half.p);
		break;
	}
	if (!ok) {
		free(cols);
		free(how);
		pd_csv_finish(&csv);
		return false;
	}
	const char *layout = pd_field_layout(hdr->fields, hdr->n);
	if (layout)
		pd_import_report(o, o->err, "%s: read as %s", file, layout);
	size_t unguarded = excel_export(data, len, hdr, h) ? excel_unguard(&csv, h) : 0;
	if (unguarded)
		pd_import_report(o, o->err, "%s: read as partnerdesk's --excel CSV: the leading apostrophe "
			"that kept %zu cell%s from being read as a formula is taken off", file, unguarded,
			unguarded == 1 ? "" : "s");
	if (h > 0) {
		pd_strbuf names = { 0 };
		for (size_t i = 0; i < hdr->n && i < 8; i++)
			if (hdr->fields[i][0])
				sb_join(&names, ", ", hdr->fields[i]);
		pd_import_report(o, o->err, "%s: row %ld (%s) is the header; the row%s above it %s "
			"not imported", file, hdr->row, names.p ? names.p : "", h == 1 ? "" : "s",
			h == 1 ? "is" : "are");
		free(names.p);
	}
	col_dates *dates = calloc(hdr->n ? hdr->n : 1, sizeof *dates);
	if (!dates) {
		free(cols);
		free(how);
		pd_csv_finish(&csv);
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	settle_columns(db, o, &csv, h, cols, how, dates, file);
	/* Said before any row, dry run or not: a column read as a field it
	 * does not hold (a "Site" that is a branch, a "Name" that is the
	 * person) is otherwise seen only in what the import made. */
	char *said[3] = { pd_field_map_name_choice(hdr->fields, hdr->n, cols, how),
	                  pd_field_map_readings(hdr->fields, hdr->n, cols, how),
	                  pd_field_map_whose(hdr->fields, hdr->n, cols, how) };
	for (size_t k = 0; k < 3; k++) {
		if (said[k])
			pd_import_report(o, o->err, "%s: %s", file, said[k]);
		free(said[k]);
	}
	free(how);
	/* Forced, the file may well be UTF-8: say it was read so because asked. */
	if (ok && csv.converted && o->encoding == PD_CSV_ENC_WIN1252)
		pd_import_report(o, o->err, "%s: read as Windows-1252 (--encoding windows-1252)", file);
	else if (ok && csv.converted)
		pd_import_report(o, o->err, "%s: not UTF-8; read as Windows-1252", file);

	if (ok)
		noted_columns(&csv, h, cols, true, st);
	pd_progress prog;
	pd_progress_init(&prog, o->progress, "importing", (long)(csv.n - 1 - h), false);
	char why[2048];   /* every refused cell of a row, each a sentence */
	pd_import_made added = { .size = sizeof(long) };
	desk_branches desk = { 0 };
	pd_strv labels = { 0 };
	if (ok && !notes_labels(hdr, &labels))
		ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	/* As wide as the widest header: a header further down may be wider. */
	size_t widest = 1;
	for (size_t i = h; i < csv.n; i++)
		widest = csv.v[i].n > widest ? csv.v[i].n : widest;
	bool *second = calloc(widest, sizeof *second);
	if (ok && !second)
		ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	long bad_rows = 0;          /* rows refused for a cell */
	size_t bad_col = SIZE_MAX;  /* the column all of them were refused for */
	for (size_t i = h + 1; ok && i < csv.n; i++) {
		const pd_csv_record *r = &csv.v[i];
		pd_progress_step(&prog, (long)(i - h));
		pd_import_at_row(o, (long)(i - h));
		if (r->n == 0 && !r->error)
			continue;   /* a blank line */
		if (r->error) {
			/* By the header, as the rows' other messages name columns. */
			char cell_why[512];
			pd_csv_row_error(r, hdr, cell_why, sizeof cell_why);
			pd_import_report(o, o->err, "%s:%ld: %s", file, r->row, cell_why);
			st->failed++;
			continue;
		}
		if (header_again(r) || partners_again(&csv, h, i, hdr)) {
			ok = next_header(db, o, &csv, i, &hdr, &cols, &dates, &labels, st, err);
			bad_col = SIZE_MAX;
			continue;
		}
		size_t notes_end = notes_below(&csv, h, i);
		if (notes_end) {
			char q[44], span[64];
			long last = csv.v[notes_end - 1].row;
			size_t c = 0;
			while (!r->fields[c][0])
				c++;
			if (last > r->row)
				snprintf(span, sizeof span, "rows %ld-%ld", r->row, last);
			else
				snprintf(span, sizeof span, "row %ld", r->row);
			pd_import_report(o, pd_import_skip_to(o), "%s:%ld: skip %s, below the table: a note "
				"(\"%s\"), not a partner", file, r->row, span, pd_utf8_fit(q, sizeof q, r->fields[c], 40));
			st->skipped += (long)(notes_end - i);
			pd_progress_step(&prog, (long)(notes_end - 1 - h));
			i = notes_end - 1;
			continue;
		}
		size_t figures_in = SIZE_MAX;
		size_t table_end = foreign_table(&csv, h, i, cols, hdr->n, &figures_in);
		if (table_end) {
			pd_strbuf names = { 0 };
			for (size_t c = 0; c < r->n && c < 8; c++)
				if (r->fields[c][0]) {
					char cell[48], q[44];
					snprintf(cell, sizeof cell, "\"%s\"", pd_utf8_fit(q, sizeof q, r->fields[c], 40));
					sb_join(&names, ", ", cell);
				}
			if (r->n > 8)
				sb_puts(&names, ", ...");
			char span[64];
			long last = csv.v[table_end - 1].row;
			if (last > r->row)
				snprintf(span, sizeof span, "rows %ld-%ld", r->row, last);
			else
				snprintf(span, sizeof span, "row %ld", r->row);
			bool named = false;
			for (size_t c = 0; c < r->n; c++)
				named |= r->fields[c][0] && pd_field_from_header(r->fields[c]) == PD_FIELD_NAME;
			if (!named)
				pd_import_report(o, pd_import_skip_to(o), "%s:%ld: skip %s: a table headed %s, which "
					"has no column for the partner's name; its rows are not partners", file, r->row,
					span, names.p ? names.p : "");
			else {
				char col[64];
				column_name(hdr, figures_in, col, sizeof col);
				pd_import_report(o, pd_import_skip_to(o), "%s:%ld: skip %s: a second table, headed %s, "
					"with figures in the partners' %s; its rows are not partners", file, r->row,
					span, names.p ? names.p : "", col);
			}
			free(names.p);
			st->skipped += (long)(table_end - i);
			pd_progress_step(&prog, (long)(table_end - 1 - h));
			i = table_end - 1;
			continue;
		}
		if (table_title(&csv, h, i, cols, hdr->n)) {
			size_t c = 0;
			while (!r->fields[c][0])
				c++;
			pd_import_report(o, pd_import_skip_to(o), "%s:%ld: skip \"%s\": the title of the table "
				"below, not a partner", file, r->row, r->fields[c]);
			st->skipped++;
			continue;
		}
		if (total_row(r, cols, hdr->n)) {
			pd_import_report(o, pd_import_skip_to(o), "%s:%ld: skip \"%s\": a total row, not a partner",
				file, r->row, r->fields[0][0] ? r->fields[0] : "Total");
			st->skipped++;
			continue;
		}
		row_data rd = { 0 };
		size_t bad;
		if (!row_build(db, hdr, cols, dates, r, &rd, why, sizeof why, &bad, second)) {
			pd_import_report(o, o->err, "%s:%ld: %s", file, r->row, why);
			st->failed++;
			bad_col = bad_rows++ == 0 || bad == bad_col ? bad : SIZE_MAX;
			continue;
		}
		bool row_failed;
		/* As a restore does: the audit says which row of which file. */
		char source[300];
		snprintf(source, sizeof source, "import of %s:%ld", file, r->row);
		pd_audit_set_source(db, source);
		pd_import_unit unit;
		ok = pd_import_unit_begin(db, o, st, &unit, err)
		     && row_store(db, o, r->row, &rd, &added, &labels, &desk, st, &row_failed, err);
		ok = pd_import_unit_end(db, &unit, st, ok, err);
		row_data_finish(&rd);
		/* A second value kept in the notes is named with the columns
		 * kept there ("Direct line" beside "Mobile"): the notes hold it. */
		for (size_t c = 0; ok && !row_failed && c < hdr->n; c++)
			if (second[c] && !note_column(hdr, c, st))
				break;
	}
	pd_audit_set_source(db, NULL);
	pd_progress_finish(&prog);
	if (ok && bad_rows > 1 && bad_col < hdr->n && bad_rows == st->failed) {
		/* Every refusal was the same column: most likely it holds
		 * something else under a name that sounds like a field. */
		char field[32];
		field_words(cols[bad_col], field, sizeof field);
		pd_import_report(o, o->err, "%s: the %ld failed rows all failed on column \"%s\" (read as "
			"the %s); if it holds something else, keep it in the notes with --map \"%s=notes\" "
			"or leave it out with --map \"%s=ignore\"", file, bad_rows,
			hdr->fields[bad_col][0] ? hdr->fields[bad_col] : "?", field,
			hdr->fields[bad_col], hdr->fields[bad_col]);
	}
	pd_import_made_finish(&added);
	pd_strv_clear(&desk.v);
	pd_strv_clear(&labels);
	free(second);
	free(cols);
	free(dates);
	pd_csv_finish(&csv);
	return ok;
}
