/* Writing RFC 4180 CSV: minimal quoting, CRLF record ends, no dependence on
 * the locale; and, for --excel, a byte order mark and the formula guard. */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/csv_out.h"

/* Excel reads a CSV opened by double-click as UTF-8 only when it starts
 * with a byte order mark; without one it reads Windows-1252, and "Café"
 * shows as "CafÃ©". Our own import, and Python's utf-8-sig, skip it. */
void pd_csv_out_init(pd_csv_out *c, FILE *f, bool excel)
{
	c->f = f;
	c->col = 0;
	c->failed = false;
	c->excel = excel;
	if (excel && fputs("\xEF\xBB\xBF", f) == EOF)
		c->failed = true;
}

/* Excel and LibreOffice take a cell that starts with = + - or @ for a
 * formula, quoted or not ("+44 20 ..." turns into #NAME?, a hostile
 * "=cmd|' /C calc'!A0" runs: CSV injection), and OWASP's CSV Injection
 * page adds tab, CR and LF, which some readers skip before looking. The
 * guard is a leading apostrophe, as OWASP and CWE-1236 advise, rather
 * than a leading tab: opened from a CSV, Excel keeps the apostrophe as
 * visible text and never evaluates the cell (reported in apache/superset
 * PR 13735: "'=10+20" is shown as is); in LibreOffice a leading apostrophe
 * is either kept as text or read as its own "this is text" mark (its
 * wiki's EscapingCharacters page), text both ways. A tab would be
 * invisible, but it is itself on OWASP's list of leading characters to
 * guard (OWASP www-community PR 401: a cell begun with a tab bypassed a
 * check) and stays in the cell unseen, in every copy and comparison. A
 * visible apostrophe says what was done, and our import takes it off
 * again (csv_import.c). Neither survives a cell edited in Excel and saved
 * as CSV again (OWASP www-community issue 517): the guard is for opening
 * the file, not for a round trip through Excel. A user's own leading
 * apostrophe before such a character is doubled, so that taking one off
 * is right every time. The full-width ＝ ＋ － ＠ (U+FF1D U+FF0B U+FF0D
 * U+FF20) are guarded too: an East Asian Excel reads them as the ASCII
 * ones when a cell is entered (OWASP's CSV Injection page and its Web
 * Security Testing Guide list them, "may be interpreted as formulas in
 * some locales (e.g. Japanese environments)"), and a Japanese or Chinese
 * input method types them for the keyboard's. */
bool pd_csv_excel_guarded(const char *s)
{
	while (s && *s == '\'')
		s++;
	if (!s || !*s)
		return false;
	if (strchr("=+-@\t\r\n", *s))
		return true;
	static const char *const wide[] = { "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D",
		"\xEF\xBC\xA0" };
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (strncmp(s, wide[i], 3) == 0)
			return true;
	return false;
}

void pd_csv_field(pd_csv_out *c, const char *s)
{
	if (!s)
		s = "";
	if (c->col++ > 0 && fputc(',', c->f) == EOF)
		c->failed = true;
	const char *guard = c->excel && pd_csv_excel_guarded(s) ? "'" : "";
	if (!strpbrk(s, ",\"\r\n")) {
		if ((fputs(guard, c->f) == EOF && *guard) || (fputs(s, c->f) == EOF && *s))
			c->failed = true;
		return;
	}
	if (fputc('"', c->f) == EOF || (fputs(guard, c->f) == EOF && *guard))
		c->failed = true;
	for (; *s; s++) {
		if (*s == '"' && fputc('"', c->f) == EOF)
			c->failed = true;
		if (fputc(*s, c->f) == EOF)
			c->failed = true;
	}
	if (fputc('"', c->f) == EOF)
		c->failed = true;
}

void pd_csv_field_int(pd_csv_out *c, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	pd_csv_field(c, buf);
}

void pd_csv_end_record(pd_csv_out *c)
{
	if (fputs("\r\n", c->f) == EOF)
		c->failed = true;
	c->col = 0;
}

bool pd_csv_out_ok(const pd_csv_out *c)
{
	return !c->failed && !ferror(c->f);
}

const char *const pd_csv_partner_columns[] = {
	"id", "name", "kind", "scale", "stage", "owner", "tags", "audiences",
	"branches", "website", "phone", "email", "address", "mission", "position",
	"directions", "fiscal_month", "review_date", "last_contact", "next_follow_up",
	"notes",
};
const size_t pd_csv_partner_columns_count =
	sizeof pd_csv_partner_columns / sizeof pd_csv_partner_columns[0];

void pd_csv_partner_header(pd_csv_out *c)
{
	for (size_t i = 0; i < pd_csv_partner_columns_count; i++)
		pd_csv_field(c, pd_csv_partner_columns[i]);
	pd_csv_end_record(c);
}

/* "a; b" for a list cell; a lone value holding a comma gets a closing ";"
 * so that import (split_list in csv_import.c) keeps it whole, and a value
 * holding ";" (or starting with '"') is written in double quotes, '"' as
 * "", so that import reads it whole: "Cardiff; Central"; teens. */
static void joined(pd_csv_out *c, const pd_strv *sv)
{
	size_t len = 2;
	for (size_t i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) * 2 + 4;
	char *s = malloc(len);
	if (!s) {
		c->failed = true;
		pd_csv_field(c, "");
		return;
	}
	size_t o = 0;
	for (size_t i = 0; i < sv->n; i++) {
		const char *v = sv->v[i];
		if (i) {
			s[o++] = ';';
			s[o++] = ' ';
		}
		bool quote = strchr(v, ';') || v[0] == '"';
		if (quote)
			s[o++] = '"';
		for (; *v; v++) {
			if (quote && *v == '"')
				s[o++] = '"';
			s[o++] = *v;
		}
		if (quote)
			s[o++] = '"';
	}
	s[o] = '\0';
	if (sv->n == 1 && strchr(s, ','))
		s[o++] = ';', s[o] = '\0';
	pd_csv_field(c, s);
	free(s);
}

void pd_csv_partner(pd_csv_out *c, const pd_partner *p, const char *last_contact,
                    const char *next_follow_up)
{
	pd_csv_field_int(c, p->id);
	pd_csv_field(c, p->name);
	pd_csv_field(c, p->kind);
	pd_csv_field(c, p->scale);
	pd_csv_field(c, p->stage);
	pd_csv_field(c, p->owner);
	joined(c, &p->tags);
	joined(c, &p->audiences);
	joined(c, &p->branches);
	pd_csv_field(c, p->website);
	pd_csv_field(c, p->phone);
	pd_csv_field(c, p->email);
	pd_csv_field(c, p->address);
	pd_csv_field(c, p->mission);
	pd_csv_field(c, p->position);
	pd_csv_field(c, p->directions);
	if (p->fiscal_month)
		pd_csv_field_int(c, p->fiscal_month);
	else
		pd_csv_field(c, "");
	pd_csv_field(c, p->review_date);
	pd_csv_field(c, last_contact);
	pd_csv_field(c, next_follow_up);
	pd_csv_field(c, p->notes);
	pd_csv_end_record(c);
}
