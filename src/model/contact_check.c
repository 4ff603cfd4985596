/* The checks behind pd_reach_check: is an email address, a phone number or
 * a website as typed plausibly one. Each rule catches a typo seen in real
 * partner lists ("jane.museum.org", "jane@@museum", "htp:/museum",
 * "museum,org"); none judges what the world legitimately does (UTF-8 local
 * parts, internationalised domains, vanity numbers, "ext. 12"). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/contact_check.h"
#include "partnerdesk/model/text.h"
#include "internal.h"

/* A stretch of the value: the trimmed whole, a part of it. */
typedef struct span {
	const char *s;
	size_t n;
} span;

const char *pd_reach_name(pd_reach what)
{
	switch (what) {
	case PD_REACH_EMAIL: return "email";
	case PD_REACH_PHONE: return "phone";
	case PD_REACH_WEBSITE: return "website";
	}
	return "value";
}

/* Writes "NAME 'VALUE'" and the tail fmt to why (the tail brings its own
 * space or colon), the value cut to 60 bytes; returns false. */
__attribute__((format(printf, 5, 6)))
static bool refuse(pd_reach what, span v, char *why, size_t size, const char *fmt, ...)
{
	char whole[256], q[72], tail[400];
	size_t k = pd_utf8_cut(v.s, v.n, sizeof whole - 1);
	memcpy(whole, v.s, k);
	whole[k] = '\0';
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(tail, sizeof tail, fmt, ap);
	va_end(ap);
	if (why && size)
		pd_format(why, size, "%s '%s'%s", pd_reach_name(what), pd_utf8_fit(q, sizeof q, whole, 60), tail);
	return false;
}

/* The code point at s (at most n bytes) in *cp; returns its length. */
static size_t next_cp(const char *s, size_t n, uint32_t *cp)
{
	return pd_utf8_decode(s, n, cp);
}

/* White space of any script, a line break, a control: never inside an
 * address. */
static bool is_blank_or_control(uint32_t cp)
{
	if (cp < 0x80)
		return pd_ascii_isspace((int)cp) || cp < 0x20 || cp == 0x7f;
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP
	       || c == UTF8PROC_CATEGORY_CC;
}

/* '.' and the full stops IDNA reads as one: 。 ． ｡ (a domain typed with
 * an East Asian input method). */
static bool is_dot(uint32_t cp)
{
	return cp == '.' || cp == 0x3002 || cp == 0xff0e || cp == 0xff61;
}

/* How a message names a blank or control code point. */
static const char *blank_name(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029 ? "a line break"
	       : cp == '\t' ? "a tab"
	       : cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ? "a control character"
	       : "a space";
}

/* The first blank or control in v: "" when none, else how to say it. */
static const char *blank_in(span v)
{
	for (size_t i = 0; i < v.n;) {
		uint32_t cp;
		i += next_cp(v.s + i, v.n - i, &cp);
		if (is_blank_or_control(cp))
			return blank_name(cp);
	}
	return "";
}

static span trimmed(const char *s)
{
	span v = { s ? s : "", s ? strlen(s) : 0 };
	while (v.n && pd_ascii_isspace((unsigned char)v.s[0])) {
		v.s++;
		v.n--;
	}
	while (v.n && pd_ascii_isspace((unsigned char)v.s[v.n - 1]))
		v.n--;
	return v;
}

static const char *find_byte(span v, char c)
{
	return memchr(v.s, c, v.n);
}

/* The domain d of an email (after its @) or a website's host: labels of
 * letters (any script), digits and '-' (and '_', which some web hosts
 * have), split by dots, none empty, at least two, the last not a single
 * ASCII letter. */
static bool domain_ok(pd_reach what, span v, span d, char *why, size_t size)
{
	const bool web = what == PD_REACH_WEBSITE;
	size_t labels = 0, len = 0;    /* len: code points in the label so far */
	bool ascii_letters = true;     /* the label so far is ASCII letters only */
	for (size_t i = 0; i < d.n;) {
		uint32_t cp;
		i += next_cp(d.s + i, d.n - i, &cp);
		if (is_dot(cp)) {
			if (len == 0)
				return refuse(what, v, why, size, labels ? " has two dots in a row"
					: web ? " starts with a dot" : ": the domain after the @ starts with a dot");
			labels++;
			len = 0;
			ascii_letters = true;
			continue;
		}
		if (cp < 0x80 && !pd_ascii_isalnum((int)cp) && cp != '-' && !(web && cp == '_'))
			return refuse(what, v, why, size, " has '%c' in its %s (a domain holds letters, digits, "
				"'-' and dots)", (char)cp, web ? "address" : "domain");
		ascii_letters &= cp < 0x80 && pd_ascii_isalpha((int)cp);
		len++;
	}
	if (len == 0 && labels)
		return refuse(what, v, why, size, " ends with a dot");
	if (labels == 0)
		return refuse(what, v, why, size, web ? " has no dot (as in museum.org)"
			: " has no dot after the @ (as in museum.org)");
	if (len == 1 && ascii_letters)
		return refuse(what, v, why, size, " ends in a one-letter '.%.*s'; no top-level domain is one "
			"letter", 1, d.s + d.n - 1);
	return true;
}

static bool email_ok(span v, char *why, size_t size)
{
	const pd_reach what = PD_REACH_EMAIL;
	size_t ats = 0;
	for (size_t i = 0; i < v.n; i++)
		ats += v.s[i] == '@';
	const char *lt = find_byte(v, '<');
	if (lt && ats && find_byte(v, '>'))
		return refuse(what, v, why, size, ": give the address alone, without the name or < >");
	if (ats > 1 && (find_byte(v, ',') || find_byte(v, ';') || find_byte(v, ' ')))
		return refuse(what, v, why, size, " holds more than one address; keep one here and the "
			"others in the notes");
	if (ats == 0)
		return refuse(what, v, why, size, " has no @%s", strstr(v.s, "\xef\xbc\xa0")
			? " (the one in it is the full-width \xef\xbc\xa0)" : "");
	if (ats > 1)
		return refuse(what, v, why, size, " has more than one @");
	const char *blank = blank_in(v);
	if (*blank)
		return refuse(what, v, why, size, " has %s in it", blank);
	const char *at = find_byte(v, '@');
	span local = { v.s, (size_t)(at - v.s) }, domain = { at + 1, v.n - local.n - 1 };
	if (!local.n)
		return refuse(what, v, why, size, " has nothing before the @");
	if (!domain.n)
		return refuse(what, v, why, size, " has nothing after the @");
	/* Never in an address unquoted, and a sign of two run together. */
	for (size_t i = 0; i < local.n; i++)
		if (strchr(",;<>", local.s[i]))
			return refuse(what, v, why, size, " has '%c' in it", local.s[i]);
	return domain_ok(what, v, domain, why, size);
}

/* "4.4123E+11", "4,4123E+11": how a spreadsheet shows a long number in a
 * cell it takes for a number, and then saves or copies it. It passes the
 * rest of the phone check (digits, a letter, '+', '.'), but the digits past
 * the mantissa's are gone; only the sheet's author has them. */
static bool scientific(span v)
{
	const unsigned char *s = (const unsigned char *)v.s, *end = s + v.n;
	if (s == end || !pd_ascii_isdigit(*s++))
		return false;
	if (s < end && (*s == '.' || *s == ',')) {
		if (++s == end || !pd_ascii_isdigit(*s))
			return false;
		while (s < end && pd_ascii_isdigit(*s))
			s++;
	}
	if (s == end || (*s != 'E' && *s != 'e'))
		return false;
	if (++s < end && (*s == '+' || *s == '-'))
		s++;
	if (s == end || !pd_ascii_isdigit(*s))
		return false;
	while (s < end && pd_ascii_isdigit(*s))
		s++;
	return s == end;
}

bool pd_phone_scientific(const char *value)
{
	return scientific(trimmed(value));
}

/* Punctuation numbers are written with; letters of any script are taken
 * too ("1-800-FLOWERS", "x12", "доб. 12"). */
static bool phone_ok(span v, char *why, size_t size)
{
	const pd_reach what = PD_REACH_PHONE;
	if (scientific(v))
		return refuse(what, v, why, size, " is a number in scientific notation, as a spreadsheet "
			"writes a long number, so its last digits are lost; type the whole number");
	if (find_byte(v, '@'))
		return refuse(what, v, why, size, " looks like an email address; if it is one, "
			"it belongs in the email field");
	bool url = pd_ascii_prefix(v.s, "www.");
	for (size_t i = 0; i + 3 <= v.n && !url; i++)
		url = memcmp(v.s + i, "://", 3) == 0;
	if (url)
		return refuse(what, v, why, size, " looks like a web address; if it is one, "
			"it belongs in the website field");
	size_t digits = 0;
	for (size_t i = 0; i < v.n;) {
		uint32_t cp;
		size_t k = next_cp(v.s + i, v.n - i, &cp);
		if (cp < 0x80) {
			if (pd_ascii_isdigit((int)cp))
				digits++;
			else if (!pd_ascii_isalpha((int)cp) && !strchr(" -+()[]./#*,;:'&=", (int)cp))
				return cp < 0x20 || cp == 0x7f
				       ? refuse(what, v, why, size, " has %s in it", blank_name(cp))
				       : refuse(what, v, why, size, " has '%c' in it (a number holds digits, letters, "
				                "spaces and + ( ) - . / # *)", (char)cp);
		} else if (utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ND) {
			digits++;
		} else if (is_blank_or_control(cp) && utf8proc_category((utf8proc_int32_t)cp)
		           != UTF8PROC_CATEGORY_ZS) {
			/* A no-break or thin space is how many sheets group digits. */
			return refuse(what, v, why, size, " has %s in it", blank_name(cp));
		}
		i += k;
	}
	if (digits == 0)
		return refuse(what, v, why, size, " has no digits");
	if (digits < 3)
		return refuse(what, v, why, size, " has only %zu digit%s", digits, digits == 1 ? "" : "s");
	return true;
}

/* How long the scheme at the start of v is ("https" of "https://..."),
 * 0 when v has none: letters, digits, '+', '-' and a ':' not followed by
 * a port number ("museum.org:8080" has none, "localhost:8080" neither). */
static size_t scheme_len(span v)
{
	size_t i = 0;
	if (!v.n || !pd_ascii_isalpha((unsigned char)v.s[0]))
		return 0;
	while (i < v.n && (pd_ascii_isalnum((unsigned char)v.s[i]) || v.s[i] == '+' || v.s[i] == '-'))
		i++;
	if (i >= v.n || v.s[i] != ':')
		return 0;
	size_t j = i + 1;
	while (j < v.n && pd_ascii_isdigit((unsigned char)v.s[j]))
		j++;
	if (j > i + 1 && (j == v.n || v.s[j] == '/'))
		return 0;
	return i;
}

static bool website_ok(span v, char *why, size_t size)
{
	const pd_reach what = PD_REACH_WEBSITE;
	const char *blank = blank_in(v);
	if (*blank)
		return refuse(what, v, why, size, " has %s in it", blank);
	span rest = v;
	size_t sl = scheme_len(v);
	if (sl) {
		bool web = (sl == 4 && pd_ascii_ncasecmp(v.s, "http", 4) == 0)
		           || (sl == 5 && pd_ascii_ncasecmp(v.s, "https", 5) == 0);
		if (!web)
			return refuse(what, v, why, size, " starts with '%.*s:'; a web address starts with http:// "
				"or https://, or with neither (museum.org)", (int)sl, v.s);
		if (v.n < sl + 3 || v.s[sl + 1] != '/' || v.s[sl + 2] != '/')
			return refuse(what, v, why, size, " needs // after '%.*s:'", (int)sl, v.s);
		rest = (span){ v.s + sl + 3, v.n - sl - 3 };
	} else if (pd_ascii_prefix(v.s, "http//") || pd_ascii_prefix(v.s, "https//")) {
		return refuse(what, v, why, size, " needs ':' after '%.*s'", (int)strcspn(v.s, "/"), v.s);
	}
	span host = { rest.s, strcspn(rest.s, "/?#") };
	if (host.n > rest.n)
		host.n = rest.n;
	const char *at = NULL;
	for (size_t i = 0; i < host.n; i++)
		if (host.s[i] == '@')
			at = host.s + i;
	if (at && !sl)
		return refuse(what, v, why, size, " looks like an email address; if it is one, "
			"it belongs in the email field");
	if (at) {   /* user@host: the host is what is checked */
		host.n -= (size_t)(at + 1 - host.s);
		host.s = at + 1;
	}
	if (host.n && host.s[0] == '[')
		return true;   /* an IPv6 address: not judged */
	/* museum.org:8080 */
	size_t port = host.n;
	while (port && pd_ascii_isdigit((unsigned char)host.s[port - 1]))
		port--;
	if (port && port < host.n && host.s[port - 1] == ':')
		host.n = port - 1;
	if (!host.n)
		return refuse(what, v, why, size, " has no address after '%.*s'", (int)(host.s - v.s), v.s);
	return domain_ok(what, v, host, why, size);
}

bool pd_reach_check(pd_reach what, const char *value, char *why, size_t size)
{
	if (why && size)
		why[0] = '\0';
	span v = trimmed(value);
	if (!v.n)
		return true;
	switch (what) {
	case PD_REACH_EMAIL: return email_ok(v, why, size);
	case PD_REACH_PHONE: return phone_ok(v, why, size);
	case PD_REACH_WEBSITE: return website_ok(v, why, size);
	}
	return true;
}

/* Adds "WHO: why" to out for each of the row's values the check refuses. */
static bool stored_line(pd_strv *out, const char *who, const char *const *values,
	const pd_reach *what, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char why[400], line[600];
		if (pd_reach_check(what[k], values[k], why, sizeof why))
			continue;
		pd_format(line, sizeof line, "%s: %s", who, why);
		if (!pd_strv_push(out, line))
			return false;
	}
	return true;
}

bool pd_reach_stored(pd_db *db, pd_strv *out, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, "SELECT id, name, website, phone, email FROM partners "
		"WHERE website <> '' OR phone <> '' OR email <> '' ORDER BY id", err);
	if (!st)
		return false;
	static const pd_reach partner_fields[] = { PD_REACH_WEBSITE, PD_REACH_PHONE, PD_REACH_EMAIL };
	static const pd_reach contact_fields[] = { PD_REACH_EMAIL, PD_REACH_PHONE };
	bool ok = true;
	int rc = SQLITE_DONE;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char who[200], q[120];
		const char *name = (const char *)sqlite3_column_text(st, 1);
		pd_format(who, sizeof who, "partner #%lld \"%s\"", (long long)sqlite3_column_int64(st, 0),
			pd_utf8_fit(q, sizeof q, name ? name : "", 80));
		const char *values[3];
		for (int k = 0; k < 3; k++)
			values[k] = (const char *)sqlite3_column_text(st, 2 + k);
		ok = stored_line(out, who, values, partner_fields, 3)
		     || pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	if (ok && rc != SQLITE_DONE)
		ok = pd_db_fail(db, err, "reading the partners' websites, phones and emails");
	pd_stmt_done(db, st);
	if (!ok)
		return false;
	st = pd_stmt(db, "SELECT c.id, c.name, c.email, c.phone, p.id, p.name FROM contacts c "
		"JOIN partners p ON p.id = c.partner_id WHERE c.email <> '' OR c.phone <> '' "
		"ORDER BY p.id, c.id", err);
	if (!st)
		return false;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char who[300], q[120], pq[120];
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *pname = (const char *)sqlite3_column_text(st, 5);
		pd_format(who, sizeof who, "contact #%lld \"%s\" at partner #%lld \"%s\"",
			(long long)sqlite3_column_int64(st, 0), pd_utf8_fit(q, sizeof q, name ? name : "", 80),
			(long long)sqlite3_column_int64(st, 4), pd_utf8_fit(pq, sizeof pq, pname ? pname : "", 80));
		const char *values[2];
		for (int k = 0; k < 2; k++)
			values[k] = (const char *)sqlite3_column_text(st, 2 + k);
		ok = stored_line(out, who, values, contact_fields, 2)
		     || pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	if (ok && rc != SQLITE_DONE)
		ok = pd_db_fail(db, err, "reading the contacts' phones and emails");
	pd_stmt_done(db, st);
	return ok;
}
