/* A vCard reader written by hand, as Debian has no maintained C vCard
 * library: RFC 2425 line unfolding, vCard 2.1 quoted-printable and
 * charsets, 3.0/4.0 escapes and parameters, and groups. What a partner or
 * contact person has no field for but a librarian would look for (more
 * numbers, chat, birthdays) becomes notes lines; photos and technical
 * properties are passed over. */
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/import.h"
#include "partnerdesk/io/vcard.h"
#include "partnerdesk/io/win1252.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/text.h"

/* A logical line: unfolded, with the physical line it started on. */
typedef struct cline {
	char *text;
	long line;
	size_t len, cap;      /* of text, so that unfolding appends in O(1) */
	bool header_seen;     /* the ':' ending the name and parameters is in */
	bool qp;              /* its parameters say QUOTED-PRINTABLE */
	bool after_blank;     /* a blank line came before it: 2.1's end of base64 data */
} cline;

typedef struct prop {
	const char *name;     /* upper-cased in place, group stripped */
	const char *group;    /* "item1" of "item1.EMAIL", as written; NULL: none */
	const char *value;    /* raw, before decoding */
	bool qp;              /* ENCODING=QUOTED-PRINTABLE */
	bool latin;           /* CHARSET other than UTF-8 */
	char charset[32];     /* that CHARSET when Windows-1252 is not it either
	                         (Windows-1251, ISO-8859-2, Shift_JIS), upper-cased */
	bool base64;          /* ENCODING=BASE64 or B: 2.1 may go on over unfolded lines */
	int pref;             /* 0: none; else a rank, 1 most preferred (PREF=n in
	                         4.0; TYPE=pref and 2.1's bare PREF count as 1) */
	bool value_uri;
	char types[96];       /* the TYPE values (2.1: the bare ones) as written,
	                         ','-separated; what says "work" or "mobile" in notes */
	char service[40];     /* X-SERVICE-TYPE or SERVICE-TYPE (IMPP, social profiles) */
	char omit_year[8];    /* Apple's X-APPLE-OMIT-YEAR: the year a BDAY without one has */
	int control;          /* the first control character found in what was decoded
	                         of the value (-1: none): the card is refused for it */
} prop;

/* Whether one parameter (upper-cased) says quoted-printable: 2.1's bare
 * value or ENCODING=, matched whole ("X-NOTE=NOT-QUOTED-PRINTABLE" does
 * not). */
static bool param_qp(const char *param)
{
	return strcmp(param, "QUOTED-PRINTABLE") == 0 || strcmp(param, "ENCODING=QUOTED-PRINTABLE") == 0
	       || strcmp(param, "ENCODING=\"QUOTED-PRINTABLE\"") == 0;
}

/* param_qp of any parameter in hdr, "NAME;P=V;P2" (upper-cased in place),
 * a quoted value's ';' not ending it. */
static bool header_qp(char *hdr)
{
	char *c = strchr(pd_ascii_upper(hdr), ';');
	while (c) {
		char *param = c + 1;
		bool quoted = false;
		for (c = param; *c && (quoted || *c != ';'); c++)
			if (*c == '"')
				quoted = !quoted;
		char save = *c;
		*c = '\0';
		bool qp = param_qp(param);
		*c = save;
		if (qp)
			return true;
		c = save ? c : NULL;
	}
	return false;
}

/* The ':' that ends a content line's name and parameters: the first one
 * outside a quoted parameter value (X-A="a:b" holds one that does not). */
static const char *header_end(const char *text, size_t len)
{
	bool quoted = false;
	for (size_t i = 0; i < len && text[i]; i++) {
		if (text[i] == '"')
			quoted = !quoted;
		else if (text[i] == ':' && !quoted)
			return text + i;
	}
	return NULL;
}

static void card_error(pd_vcard *c, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void card_error(pd_vcard *c, long line, const char *fmt, ...)
{
	if (c->error)
		return;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->error = strdup(msg);
	c->error_line = line;
}

/* A control character found in a value known to be kept only later than
 * its line (a LABEL at END, an X-ABLabel once its group's value is noted):
 * said at its line, ahead of what a later line got wrong. */
static void card_control_at(pd_vcard *c, long line, const char *name, int control)
{
	if (control < 0)
		return;
	if (c->error && c->error_line > line) {
		free(c->error);
		c->error = NULL;
	}
	card_error(c, line, "%s holds control character 0x%02X", name, control);
}

static void card_free(pd_vcard *c)
{
	free(c->error);
	free(c->name);
	free(c->org);
	free(c->org_unit);
	free(c->title);
	free(c->email);
	free(c->phone);
	free(c->url);
	free(c->note);
	free(c->address);
	free(c->categories);
	free(c->extra);
	free(c->uid);
	memset(c, 0, sizeof *c);
}

void pd_vcards_finish(pd_vcards *cards)
{
	if (!cards)
		return;
	for (size_t i = 0; i < cards->n; i++)
		card_free(&cards->v[i]);
	free(cards->v);
	memset(cards, 0, sizeof *cards);
}

/* Splits the buffer into unfolded logical lines. A line starting with a
 * space or tab continues the previous one (RFC 6350 3.2); in a
 * quoted-printable value a trailing '=' does too (vCard 2.1). */
static bool split_lines(const char *s, size_t len, cline **out, size_t *n_out)
{
	size_t cap = 64, n = 0;
	cline *v = malloc(cap * sizeof *v);
	if (!v)
		return false;
	size_t i = 0;
	long phys = 0;
	bool blank = false;
	while (i < len) {
		size_t start = i;
		while (i < len && s[i] != '\n' && s[i] != '\r')
			i++;
		size_t end = i;
		if (i < len && s[i] == '\r')
			i++;
		if (i < len && s[i] == '\n')
			i++;
		phys++;
		const char *seg = s + start;
		size_t seglen = end - start;
		cline *prev = n > 0 ? &v[n - 1] : NULL;
		/* A 2.1 quoted-printable soft break (the line ends in '=') comes
		 * first: the next line is data as it stands, a leading space
		 * included, since encoders cut at a fixed width. */
		bool qp_cont = prev && prev->qp && prev->len > 0 && prev->text[prev->len - 1] == '=';
		bool cont = !qp_cont && prev && seglen > 0 && (seg[0] == ' ' || seg[0] == '\t');
		if (cont || qp_cont) {
			if (cont) {
				seg++;
				seglen--;
			} else {
				prev->len--;   /* drop the soft-break '=' */
			}
			if (prev->len + seglen + 1 > prev->cap) {
				/* Doubling: a megabyte photo folded at 75 octets is
				 * thousands of appends. */
				size_t want = prev->cap * 2 > prev->len + seglen + 1 ? prev->cap * 2
				              : prev->len + seglen + 1;
				char *grown = realloc(prev->text, want);
				if (!grown)
					goto fail;
				prev->text = grown;
				prev->cap = want;
			}
			memcpy(prev->text + prev->len, seg, seglen);
			prev->len += seglen;
			prev->text[prev->len] = '\0';
		} else {
			if (seglen == 0) {
				blank = true;
				continue;
			}
			if (n == cap) {
				cap *= 2;
				cline *nv = realloc(v, cap * sizeof *nv);
				if (!nv)
					goto fail;
				v = nv;
			}
			v[n] = (cline){ .text = strndup(seg, seglen), .line = phys, .len = seglen, .cap = seglen + 1,
			                .after_blank = blank };
			blank = false;
			if (!v[n].text)
				goto fail;
			prev = &v[n++];
		}
		/* The parameters are known once the ':' is in (a name folded
		 * over lines is rare, so looked for again only until then). */
		if (!prev->header_seen) {
			const char *colon = header_end(prev->text, prev->len);
			if (colon) {
				prev->header_seen = true;
				char *hdr = strndup(prev->text, (size_t)(colon - prev->text));
				if (!hdr)
					goto fail;
				prev->qp = header_qp(hdr);
				free(hdr);
			}
		}
	}
	*out = v;
	*n_out = n;
	return true;
fail:
	for (size_t k = 0; k < n; k++)
		free(v[k].text);
	free(v);
	return false;
}

/* The preference one parameter (upper-cased) states, as a rank, 1 the most
 * preferred; 0: none. Matched as whole names and values, never as text
 * within them: "TYPE=PREFERRED-X" or "TYPE=X-NOPREF" prefers nothing. */
static int param_pref(const char *param)
{
	if (strcmp(param, "PREF") == 0)     /* 2.1: a bare value */
		return 1;
	if (strncmp(param, "PREF=", 5) == 0) {
		/* RFC 6350 5.3: an integer 1 to 100, lower is preferred; one
		 * out of range or not a number still says "preferred", least so. */
		const char *num = param + 5;
		size_t len = strlen(num);
		if (len >= 2 && num[0] == '"' && num[len - 1] == '"') {
			num++;
			len -= 2;
		}
		long n = 0;
		size_t i = 0;
		for (; i < len && i < 4 && num[i] >= '0' && num[i] <= '9'; i++)
			n = n * 10 + (num[i] - '0');
		return i > 0 && i == len && n >= 1 && n <= 100 ? (int)n : 100;
	}
	if (strncmp(param, "TYPE=", 5) != 0)
		return 0;
	/* 3.0: "pref" among the types, "TYPE=INTERNET,PREF" or quoted as
	 * 4.0 writes lists, "TYPE=\"WORK,PREF\"". */
	for (const char *t = param + 5; *t;) {
		size_t len = strcspn(t, ",");
		const char *v = t;
		size_t vlen = len;
		while (vlen && *v == '"') {
			v++;
			vlen--;
		}
		while (vlen && v[vlen - 1] == '"')
			vlen--;
		if (vlen == 4 && memcmp(v, "PREF", 4) == 0)
			return 1;
		t += len + (t[len] == ',');
	}
	return 0;
}

/* Appends v[0..n) to the ','-separated list buf (size bytes), quotes
 * dropped; what does not fit is left out. */
static void list_add(char *buf, size_t size, const char *v, size_t n)
{
	while (n && *v == '"')
		v++, n--;
	while (n && v[n - 1] == '"')
		n--;
	size_t used = strlen(buf);
	if (!n || used + n + 2 > size)
		return;
	if (used)
		buf[used++] = ',';
	memcpy(buf + used, v, n);
	buf[used + n] = '\0';
}

/* Keeps, in their own case, the parameter's TYPE values (2.1's bare ones,
 * "WORK" of ";WORK;VOICE", count as such) and a service's name. */
static void keep_type(prop *p, const char *param)
{
	const char *eq = strchr(param, '=');
	if (!eq) {
		list_add(p->types, sizeof p->types, param, strlen(param));
	} else if (eq - param == 4 && pd_ascii_ncasecmp(param, "TYPE", 4) == 0) {
		for (const char *t = eq + 1; *t;) {
			size_t len = strcspn(t, ",");
			list_add(p->types, sizeof p->types, t, len);
			t += len + (t[len] == ',');
		}
	} else if ((eq - param == 14 && pd_ascii_ncasecmp(param, "X-SERVICE-TYPE", 14) == 0)
	           || (eq - param == 12 && pd_ascii_ncasecmp(param, "SERVICE-TYPE", 12) == 0)) {
		p->service[0] = '\0';
		list_add(p->service, sizeof p->service, eq + 1, strlen(eq + 1));
	} else if (eq - param == 17 && pd_ascii_ncasecmp(param, "X-APPLE-OMIT-YEAR", 17) == 0) {
		p->omit_year[0] = '\0';
		list_add(p->omit_year, sizeof p->omit_year, eq + 1, strlen(eq + 1));
	}
}

/* p->charset from a CHARSET value (upper-cased) that names a code page
 * other than Windows-1252 and the ones it covers; left empty for those,
 * and for a name no charset has. */
static void keep_charset(prop *p, const char *cs)
{
	static const char *const w1252[] = { "WINDOWS-1252", "CP1252", "ISO-8859-1", "ISO8859-1",
		"ISO_8859-1", "LATIN1", "LATIN-1", "US-ASCII", "ASCII", "ANSI_X3.4-1968" };
	size_t n = strlen(cs);
	if (n >= 2 && cs[0] == '"' && cs[n - 1] == '"')
		cs++, n -= 2;
	p->charset[0] = '\0';
	if (!n || n >= sizeof p->charset || strspn(cs, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:") < n)
		return;
	for (size_t i = 0; i < sizeof w1252 / sizeof w1252[0]; i++)
		if (strlen(w1252[i]) == n && memcmp(w1252[i], cs, n) == 0)
			return;
	memcpy(p->charset, cs, n);
	p->charset[n] = '\0';
}

/* s[0..len) from charset to UTF-8, newly allocated, *out_len its length;
 * NULL when the C library has no such charset or s is not in it (the
 * caller then reads it as Windows-1252, as before), or out of memory. */
static char *charset_to_utf8(const char *charset, const char *s, size_t len, size_t *out_len)
{
	iconv_t cd = iconv_open("UTF-8", charset);
	if (cd == (iconv_t)-1)
		return NULL;
	/* Four bytes of UTF-8 at most for each byte in: no code page packs
	 * more than one character into a byte. */
	size_t cap = len * 4 + 8, left = cap - 1;
	char *out = malloc(cap), *w = out;
	char *in = (char *)s;
	size_t in_left = len;
	bool ok = out && iconv(cd, &in, &in_left, &w, &left) != (size_t)-1
	          && iconv(cd, NULL, NULL, &w, &left) != (size_t)-1;
	iconv_close(cd);
	if (!ok) {
		free(out);
		return NULL;
	}
	*w = '\0';
	*out_len = (size_t)(w - out);
	return out;
}

/* Splits "group.NAME;P=V;P2=V2:value" in place. Parameter values may be
 * quoted and hold ':' and ';'. False when there is no ':'. */
static bool parse_prop(char *text, prop *p)
{
	memset(p, 0, sizeof *p);
	p->control = -1;
	char *colon = (char *)header_end(text, strlen(text));
	if (!colon)
		return false;
	*colon = '\0';
	p->value = colon + 1;
	char *semi = strchr(text, ';');
	/* Parameters can't be split with strchr once quotes are involved. */
	char *params = NULL;
	if (semi) {
		*semi = '\0';
		params = semi + 1;
	}
	char *dot = strrchr(text, '.');
	if (dot) {
		*dot = '\0';
		p->group = text;
	}
	p->name = pd_ascii_upper(dot ? dot + 1 : text);
	while (params && *params) {
		char *end = params;
		bool quoted = false;
		while (*end && (quoted || *end != ';')) {
			if (*end == '"')
				quoted = !quoted;
			end++;
		}
		char save = *end;
		*end = '\0';
		keep_type(p, params);
		pd_ascii_upper(params);
		if (strcmp(params, "BASE64") == 0 || strcmp(params, "ENCODING=BASE64") == 0
		    || strcmp(params, "ENCODING=B") == 0)
			p->base64 = true;
		/* 2.1 writes bare values: ";QUOTED-PRINTABLE;PREF;CELL" */
		if (param_qp(params))
			p->qp = true;
		if (strncmp(params, "CHARSET=", 8) == 0 && strcmp(params + 8, "UTF-8") != 0
		    && strcmp(params + 8, "\"UTF-8\"") != 0) {
			p->latin = true;
			keep_charset(p, params + 8);
		}
		int rank = param_pref(params);
		if (rank && (!p->pref || rank < p->pref))
			p->pref = rank;
		if (strcmp(params, "VALUE=URI") == 0)
			p->value_uri = true;
		params = save ? end + 1 : end;
	}
	return true;
}

/* Decodes a property value: quoted-printable, charset, then (for text) the
 * backslash escapes; `component` picks the n-th ';'-separated part of a
 * structured value (-1: the whole value). list: a text list such as
 * CATEGORIES, whose unescaped commas separate values: they come back as
 * '\n', and an escaped one ("arts\, culture") stays in its value. */
static char *decode_text(prop *p, int component, bool list)
{
	size_t len = strlen(p->value);
	char *raw = malloc(len + 1);
	if (!raw)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		int h1, h2;
		if (p->qp && p->value[i] == '=' && i + 2 < len
		    && (h1 = pd_ascii_hexval((unsigned char)p->value[i + 1])) >= 0
		    && (h2 = pd_ascii_hexval((unsigned char)p->value[i + 2])) >= 0) {
			raw[o++] = (char)(h1 * 16 + h2);
			i += 2;
		} else {
			raw[o++] = p->value[i];
		}
	}
	raw[o] = '\0';
	size_t cs_len = 0;
	char *cs = p->charset[0] ? charset_to_utf8(p->charset, raw, o, &cs_len) : NULL;
	if (cs) {
		free(raw);
		raw = cs;
		o = cs_len;
	} else if (p->latin || !pd_utf8_valid(raw, o)) {
		char *conv = pd_win1252_to_utf8(raw, o, &o);
		free(raw);
		raw = conv;
		if (!raw)
			return NULL;
	}
	/* Pick the component, unescaping as we go. */
	char *out = malloc(o + 1);
	if (!out) {
		free(raw);
		return NULL;
	}
	size_t w = 0;
	int comp = 0;
	for (size_t i = 0; i < o; i++) {
		char ch = raw[i];
		if (ch == '\\' && i + 1 < o) {
			char nx = raw[++i];
			ch = (nx == 'n' || nx == 'N') ? '\n' : nx;
			if (component < 0 || comp == component)
				out[w++] = ch;
			continue;
		}
		if (ch == ';' && component >= 0) {
			comp++;
			continue;
		}
		if (ch == ',' && list)
			ch = '\n';
		if (component < 0 || comp == component)
			out[w++] = ch;
	}
	out[w] = '\0';
	free(raw);
	/* Line breaks as the rest of partnerdesk keeps them: LF. */
	size_t k = 0;
	for (size_t i = 0; i < w; i++) {
		if (out[i] == '\r') {
			out[k++] = '\n';
			if (i + 1 < w && out[i + 1] == '\n')
				i++;
		} else {
			out[k++] = out[i];
		}
	}
	out[k] = '\0';
	w = k;
	/* Control characters other than newline and tab have no business in a
	 * name or note; they would reach terminals later. The first is kept in
	 * p->control (a NUL, =00 in quoted-printable, is one too): the card is
	 * refused for it, as a spreadsheet's cell is, since kept as '?' the
	 * text would be stored as the file never said it. */
	for (size_t i = 0; i < w; i++) {
		unsigned char c = (unsigned char)out[i];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
			if (p->control < 0)
				p->control = c;
			out[i] = '?';
		}
	}
	pd_trim(out);
	return out;
}

static char *decode_value(prop *p, int component)
{
	return decode_text(p, component, false);
}

/* The size of a qualifier: "work", "mobile", "Box office", "Skype". */
#define QUAL_MAX 64

/* "Label: value", or "Label (qual): value", as a line of c->extra, kind
 * (PD_NOTED_*) noted. A value's own line breaks (an ADR's street of two
 * lines) become ", ": one line each, so that a merge can tell them. */
static void append_extra(pd_vcard *c, unsigned kind, const char *label, const char *qual,
	const char *value)
{
	if (!value || !*value)
		return;
	pd_strbuf b = { 0 };
	if (c->extra) {
		pd_strbuf_put(&b, c->extra, strlen(c->extra));
		pd_strbuf_put(&b, "\n", 1);
	}
	pd_strbuf_put(&b, label, strlen(label));
	if (qual && *qual) {
		pd_strbuf_put(&b, " (", 2);
		pd_strbuf_put(&b, qual, strlen(qual));
		pd_strbuf_put(&b, ")", 1);
	}
	pd_strbuf_put(&b, ": ", 2);
	for (const char *v = value; *v; v++)
		pd_strbuf_put(&b, *v == '\n' ? ", " : v, *v == '\n' ? 2 : 1);
	if (b.failed) {
		free(b.p);
		return;
	}
	free(c->extra);
	c->extra = b.p;
	c->noted |= kind;
}

/* The word a TYPE value says to a reader, NULL for one that says nothing
 * to them (INTERNET, VOICE, PREF, X-...). */
static const char *type_word(const char *t, size_t n)
{
	static const struct { const char *type, *word; } words[] = {
		{ "WORK", "work" }, { "HOME", "home" }, { "CELL", "mobile" }, { "MOBILE", "mobile" },
		{ "FAX", "fax" }, { "PAGER", "pager" }, { "MAIN", "main" }, { "OTHER", "other" },
		{ "VIDEO", "video" }, { "TEXTPHONE", "textphone" }, { "CAR", "car" },
		{ "IPHONE", "iPhone" }, { "SCHOOL", "school" },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].type) == n && pd_ascii_ncasecmp(t, words[i].type, n) == 0)
			return words[i].word;
	return NULL;
}

/* What tells this value from the card's others of its kind, into out:
 * the label the card gives its group (X-ABLabel), else the service
 * (IMPP's X-SERVICE-TYPE), else its TYPE values as words ("work fax");
 * raw: the TYPE values as written (a social profile's "twitter"). */
static void qualifier_words(const prop *p, const char *label, bool raw, char *out);

static void qualifier(const prop *p, const char *label, bool raw, char *out)
{
	qualifier_words(p, label, raw, out);
	/* A parameter is not decoded as a value is: what it holds raw must
	 * be text a terminal can be shown, or nothing. */
	size_t n = strlen(out);
	if (!pd_utf8_valid(out, n))
		out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7F)
			out[i] = '?';
}

static void qualifier_words(const prop *p, const char *label, bool raw, char *out)
{
	out[0] = '\0';
	/* A label cut on a character's edge: a custom one can be long. */
	if (label && *label) {
		pd_utf8_fit(out, QUAL_MAX, label, QUAL_MAX - 4);
		return;
	}
	if (p->service[0]) {
		pd_utf8_fit(out, QUAL_MAX, p->service, QUAL_MAX - 4);
		return;
	}
	size_t used = 0;
	for (const char *t = p->types; *t;) {
		size_t n = strcspn(t, ",");
		const char *w = raw && !(n == 4 && pd_ascii_ncasecmp(t, "PREF", 4) == 0)
		                && !(n > 2 && pd_ascii_ncasecmp(t, "X-", 2) == 0) ? t : type_word(t, n);
		size_t wn = w == t ? n : w ? strlen(w) : 0;
		/* Each word once: "TYPE=CELL;TYPE=MOBILE" is one mobile. */
		bool seen = false;
		for (const char *o = out; wn && *o && !seen; o += strcspn(o, " ") + (o[strcspn(o, " ")] == ' '))
			seen = strcspn(o, " ") == wn && memcmp(o, w, wn) == 0;
		if (wn && !seen && used + wn + 2 < QUAL_MAX) {
			if (used)
				out[used++] = ' ';
			memcpy(out + used, w, wn);
			out[used += wn] = '\0';
		}
		t += n + (t[n] == ',');
	}
}

/* The labels of a card's groups ("item3.X-ABLabel:Box office"), which
 * Apple Contacts and Google Contacts write on a line of their own after
 * the property they name. At most LABELS_MAX a card: a real one has a
 * handful, and a hostile one must not make each lookup long. */
#define LABELS_MAX 64
typedef struct group_labels {
	size_t n;
	char *group[LABELS_MAX], *label[LABELS_MAX];
	long line[LABELS_MAX];      /* where the label was read */
	int control[LABELS_MAX];    /* the first control character it held, -1: none */
} group_labels;

static void labels_clear(group_labels *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->group[i]);
		free(g->label[i]);
	}
	g->n = 0;
}

static const char *label_of(const group_labels *g, const char *group)
{
	for (size_t i = 0; group && i < g->n; i++)
		if (pd_ascii_casecmp(g->group[i], group) == 0)
			return g->label[i];
	return NULL;
}

/* The label a property's group takes (the group's first X-ABLabel), where
 * it was read and the first control character it held (-1: none): it is
 * refused for one only where it goes into what is kept. */
typedef struct label_ref {
	const char *text;
	long line;
	int control;
} label_ref;

static label_ref label_ref_of(const group_labels *g, const char *group)
{
	for (size_t i = 0; group && i < g->n; i++)
		if (pd_ascii_casecmp(g->group[i], group) == 0)
			return (label_ref){ g->label[i], g->line[i], g->control[i] };
	return (label_ref){ NULL, 0, -1 };
}

/* Apple's own labels are written "_$!<HomeFAX>!$_": "home fax". One the
 * person typed ("Box office") is theirs, kept as it is. Takes l; NULL
 * only when out of memory. */
static char *label_words(char *l)
{
	size_t n = strlen(l);
	if (n < 9 || memcmp(l, "_$!<", 4) != 0 || memcmp(l + n - 4, ">!$_", 4) != 0)
		return l;
	const char *in = l + 4;
	size_t len = n - 8;
	/* A space at most before each letter: twice the length is enough. */
	char *out = malloc(2 * len + 1), *w = out;
	if (!out) {
		free(l);
		return NULL;
	}
	bool as_is = len == 6 && memcmp(in, "iPhone", 6) == 0;
	for (size_t i = 0; i < len; i++) {
		if (as_is) {
			*w++ = in[i];
			continue;
		}
		char ch = in[i], prev = i ? in[i - 1] : '\0';
		if (i && pd_ascii_isalpha(ch) && pd_ascii_toupper(ch) == ch && pd_ascii_isalpha(prev)
		    && pd_ascii_tolower(prev) == prev)
			*w++ = ' ';
		*w++ = (char)pd_ascii_tolower(ch);
	}
	*w = '\0';
	free(l);
	return out;
}

/* "BEGIN:VCARD" alone, in any case, trailing blanks allowed. */
static bool is_begin_vcard(const char *s)
{
	return pd_ascii_ncasecmp(s, "BEGIN:VCARD", 11) == 0 && !s[11 + strspn(s + 11, " \t")];
}

static bool is_end_vcard(const char *s)
{
	return pd_ascii_ncasecmp(s, "END:VCARD", 9) == 0 && !s[9 + strspn(s + 9, " \t")];
}

static char *decode_value(prop *p, int component);

/* The X-ABLabel lines of the card whose properties start at lines[from]
 * (its END, or the next BEGIN, ends it), read ahead so that a property
 * knows its label when it comes. */
static void collect_labels(const cline *lines, size_t from, size_t n_lines, group_labels *g)
{
	labels_clear(g);
	int depth = 0;             /* as the parser counts 2.1 AGENT cards */
	bool agent_open = false;
	for (size_t i = from; i < n_lines && g->n < LABELS_MAX; i++) {
		const char *t = lines[i].text;
		bool after_agent = agent_open;
		agent_open = false;
		size_t name_len = strcspn(t, ";:");
		const char *dot = strchr(t, '.');
		const char *name = dot && (size_t)(dot - t) < name_len ? dot + 1 : t;
		if (name_len - (size_t)(name - t) == 5 && pd_ascii_ncasecmp(name, "AGENT", 5) == 0) {
			/* The agent's own card, inline (2.1) or after an empty AGENT:
			 * its END is not this card's, its labels not this card's. */
			const char *colon = header_end(t, strlen(t));
			if (colon && is_begin_vcard(colon + 1))
				depth++;
			else if (colon && !colon[1])
				agent_open = true;
			continue;
		}
		if (is_begin_vcard(t) && after_agent) {
			depth++;
			continue;
		}
		if (is_end_vcard(t) && depth > 0) {
			depth--;
			continue;
		}
		if (depth > 0)
			continue;
		if (is_end_vcard(t) || pd_ascii_ncasecmp(t, "BEGIN:VCARD", 11) == 0)
			break;
		if (!dot || (size_t)(dot - t) >= name_len || name_len - (size_t)(dot + 1 - t) != 9
		    || pd_ascii_ncasecmp(dot + 1, "X-ABLABEL", 9) != 0)
			continue;
		char *copy = strdup(t);
		prop p;
		if (!copy || !parse_prop(copy, &p) || !p.group || label_of(g, p.group)) {
			free(copy);
			continue;
		}
		char *label = decode_value(&p, -1), *group = strdup(p.group);
		free(copy);
		if (!label || !group || !*label) {
			free(label);
			free(group);
			continue;
		}
		if (!(label = label_words(label))) {
			free(group);
			continue;
		}
		g->group[g->n] = group;
		g->line[g->n] = lines[i].line;
		g->control[g->n] = p.control;
		g->label[g->n++] = label;
	}
}

/* A CATEGORIES list (one value a line) without Google Contacts' own
 * groups, which its export puts on every card ("myContacts", "starred"):
 * they say nothing about the person, as the CSV import's "* myContacts"
 * label says nothing. In place; returns list. */
static char *drop_google_groups(char *list)
{
	if (!list)
		return NULL;
	char *w = list;
	for (char *line = list, *next; line; line = next) {
		next = strchr(line, '\n');
		size_t n = next ? (size_t)(next - line) : strlen(line);
		if (next)
			next++;
		if ((n == 10 && memcmp(line, "myContacts", 10) == 0) || (n == 7 && memcmp(line, "starred", 7) == 0))
			continue;
		if (w != list)
			*w++ = '\n';
		memmove(w, line, n);
		w += n;
	}
	*w = '\0';
	return list;
}

/* v (taken; NULL or "" adds nothing) on a line of its own after what
 * *field holds: a second NOTE or CATEGORIES is kept, not lost. */
static void append_line(char **field, char *v)
{
	if (v && *v && *field) {
		size_t n = strlen(*field) + strlen(v) + 2;
		char *j = malloc(n);
		if (j) {
			snprintf(j, n, "%s\n%s", *field, v);
			free(*field);
			*field = j;
		}
	} else if (v && *v) {
		*field = v;
		return;
	}
	free(v);
}

/* A field's value on the card being read: its PREF rank and what tells
 * it from the others of its kind, for when a later one takes its place. */
typedef struct slot_info {
	int pref;
	bool poor;            /* a fax or pager number: not the person's phone while a
	                         number one can call is on the card */
	char qual[QUAL_MAX];
	long qual_line;       /* with qual from a label holding a control character, */
	int qual_control;     /* the label's line (0: none) and that character */
} slot_info;

/* A TEL only a fax machine or a pager answers ("TEL;WORK;FAX"), not one
 * that also says VOICE or CELL. */
static bool tel_poor(const prop *p)
{
	bool poor = false, voice = false;
	for (const char *t = p->types; *t;) {
		size_t n = strcspn(t, ",");
		poor |= (n == 3 && pd_ascii_ncasecmp(t, "FAX", 3) == 0)
		        || (n == 5 && pd_ascii_ncasecmp(t, "PAGER", 5) == 0);
		voice |= (n == 5 && pd_ascii_ncasecmp(t, "VOICE", 5) == 0)
		         || (n == 4 && pd_ascii_ncasecmp(t, "CELL", 4) == 0);
		t += n + (t[n] == ',');
	}
	return poor && !voice;
}

/* A single-valued field: the most preferred value wins (PREF=1 over
 * PREF=2 over none), the first among equals; the others go to extra, with
 * what tells them apart ("Phone (work): ..."), so nothing is lost. */
static bool take(pd_vcard *c, char **slot, slot_info *si, const prop *p, const label_ref *lab,
	unsigned kind, const char *label, char *v, bool poor)
{
	if (!v)
		return false;
	if (!*v) {
		free(v);
		return false;
	}
	char qual[QUAL_MAX];
	qualifier(p, lab->text, false, qual);
	/* The label is kept only as a qualifier in the notes: the value kept
	 * in the field ("Phone") is kept without it. */
	int qual_control = lab->text && *lab->text ? lab->control : -1;
	bool better = p->pref && (!si->pref || p->pref < si->pref);
	if (*slot && pd_ascii_casecmp(*slot, v) == 0) {
		/* The same address twice (Apple lists one under two labels): the
		 * field has it, and a notes line would only repeat it. */
		if (better && !poor)
			si->pref = p->pref;
		free(v);
		return false;
	}
	if (!*slot || (si->poor && !poor) || (better && poor == si->poor)) {
		if (*slot) {
			append_extra(c, kind, label, si->qual, *slot);
			if (si->qual_line)
				card_control_at(c, si->qual_line, "X-ABLABEL", si->qual_control);
		}
		free(*slot);
		*slot = v;
		si->pref = p->pref;
		si->poor = poor;
		memcpy(si->qual, qual, sizeof qual);
		si->qual_line = qual_control >= 0 ? lab->line : 0;
		si->qual_control = qual_control;
		return true;
	}
	append_extra(c, kind, label, qual, v);
	card_control_at(c, lab->line, "X-ABLABEL", qual_control);
	free(v);
	return false;
}

/* A date as a reader writes it: 2.1's and 3.0's basic "19840317" as
 * "1984-03-17", "--0317" (no year) as "--03-17", a time after it left
 * out; Apple's year that stands in for a missing one (X-APPLE-OMIT-YEAR)
 * gone. Anything else (4.0's VALUE=text "circa 1800") as written. Takes
 * d; returns the date (NULL: out of memory). */
static char *date_words(char *d, const char *omit_year)
{
	size_t n = strcspn(d, "T");
	bool digits = n > 0 && n < 16;
	for (size_t i = 0; digits && i < n; i++)
		digits = pd_ascii_isdigit(d[i]) || d[i] == '-';
	if (!digits)
		return d;
	char tmp[24];
	if (n == 8 && strspn(d, "0123456789") == 8)
		snprintf(tmp, sizeof tmp, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
	else if (n == 6 && d[0] == '-' && d[1] == '-' && strspn(d + 2, "0123456789") == 4)
		snprintf(tmp, sizeof tmp, "--%.2s-%.2s", d + 2, d + 4);
	else
		snprintf(tmp, sizeof tmp, "%.*s", (int)n, d);
	if (omit_year && strlen(omit_year) == 4 && strncmp(tmp, omit_year, 4) == 0 && tmp[4] == '-'
	    && strlen(tmp) == 10)
		memmove(tmp + 2, tmp + 5, 6), tmp[0] = tmp[1] = '-';
	free(d);
	return strdup(tmp);
}

/* The properties kept in the notes as they are, by the label they get
 * there: a person's channels and dates that partnerdesk has no field
 * for. raw: the TYPE values say a service ("twitter"), kept as written;
 * service: the qualifier when the card gives none (X-SKYPE is Skype). */
static const struct noted_prop {
	const char *name, *label, *service;
	unsigned kind;
	bool raw, date;
} noted_props[] = {
	{ "IMPP", "Chat", NULL, PD_NOTED_CHAT, false, false },
	{ "X-AIM", "Chat", "AIM", PD_NOTED_CHAT, false, false },
	{ "X-ICQ", "Chat", "ICQ", PD_NOTED_CHAT, false, false },
	{ "X-JABBER", "Chat", "Jabber", PD_NOTED_CHAT, false, false },
	{ "X-MSN", "Chat", "MSN", PD_NOTED_CHAT, false, false },
	{ "X-YAHOO", "Chat", "Yahoo", PD_NOTED_CHAT, false, false },
	{ "X-SKYPE", "Chat", "Skype", PD_NOTED_CHAT, false, false },
	{ "X-SKYPE-USERNAME", "Chat", "Skype", PD_NOTED_CHAT, false, false },
	{ "X-GOOGLE-TALK", "Chat", "Google Talk", PD_NOTED_CHAT, false, false },
	{ "X-GTALK", "Chat", "Google Talk", PD_NOTED_CHAT, false, false },
	{ "X-QQ", "Chat", "QQ", PD_NOTED_CHAT, false, false },
	{ "X-MS-IMADDRESS", "Chat", NULL, PD_NOTED_CHAT, false, false },
	{ "X-SOCIALPROFILE", "Social profile", NULL, PD_NOTED_CHAT, true, false },
	{ "SOCIALPROFILE", "Social profile", NULL, PD_NOTED_CHAT, true, false },
	{ "X-TWITTER", "Social profile", "twitter", PD_NOTED_CHAT, false, false },
	{ "BDAY", "Birthday", NULL, PD_NOTED_DATE, false, true },
	{ "ANNIVERSARY", "Anniversary", NULL, PD_NOTED_DATE, false, true },
	{ "X-ANNIVERSARY", "Anniversary", NULL, PD_NOTED_DATE, false, true },
	{ "X-MS-ANNIVERSARY", "Anniversary", NULL, PD_NOTED_DATE, false, true },
	{ "X-EVOLUTION-ANNIVERSARY", "Anniversary", NULL, PD_NOTED_DATE, false, true },
	{ "X-ABDATE", "Date", NULL, PD_NOTED_DATE, false, true },
	{ "NICKNAME", "Nickname", NULL, PD_NOTED_OTHER, false, false },
	{ "ROLE", "Role", NULL, PD_NOTED_OTHER, false, false },
	{ "LANG", "Language", NULL, PD_NOTED_OTHER, false, false },
	{ "RELATED", "Related", NULL, PD_NOTED_OTHER, true, false },
	{ "X-ABRELATEDNAMES", "Related", NULL, PD_NOTED_OTHER, false, false },
	{ "X-ASSISTANT", "Related", "assistant", PD_NOTED_OTHER, false, false },
	{ "X-MANAGER", "Related", "manager", PD_NOTED_OTHER, false, false },
	{ "X-SPOUSE", "Related", "spouse", PD_NOTED_OTHER, false, false },
	{ "X-MS-ASSISTANT", "Related", "assistant", PD_NOTED_OTHER, false, false },
	{ "X-MS-MANAGER", "Related", "manager", PD_NOTED_OTHER, false, false },
	{ "X-MS-SPOUSE", "Related", "spouse", PD_NOTED_OTHER, false, false },
	{ "X-EVOLUTION-ASSISTANT", "Related", "assistant", PD_NOTED_OTHER, false, false },
	{ "X-EVOLUTION-MANAGER", "Related", "manager", PD_NOTED_OTHER, false, false },
	{ "X-EVOLUTION-SPOUSE", "Related", "spouse", PD_NOTED_OTHER, false, false },
};

/* A property of noted_props into c->extra. */
static void note_prop(pd_vcard *c, const struct noted_prop *np, prop *p, const label_ref *lab,
	const char *omit_year)
{
	/* NICKNAME is a text list: "Kojo, KM". */
	char *v = np->kind == PD_NOTED_OTHER && strcmp(np->name, "NICKNAME") == 0 ? decode_text(p, -1, true)
	          : decode_value(p, -1);
	if (!v)
		return;
	if (np->date && !(v = date_words(v, omit_year)))
		return;
	char qual[QUAL_MAX];
	qualifier(p, lab->text, np->raw, qual);
	if (lab->text && *lab->text)
		card_control_at(c, lab->line, "X-ABLABEL", lab->control);
	if (!qual[0] && np->service)
		snprintf(qual, sizeof qual, "%s", np->service);
	const char *label = np->label;
	/* Apple's and Google's custom dates: the anniversary is one. */
	if (strcmp(np->name, "X-ABDATE") == 0 && pd_ascii_casecmp(qual, "anniversary") == 0) {
		label = "Anniversary";
		qual[0] = '\0';
	}
	append_extra(c, np->kind, label, qual, v);
	free(v);
}

/* The components of a structured value that have text, joined with sep:
 * order[0..n) when order is given, else first..first+n-1; NULL if none or
 * out of memory. Grows as it goes: a name or an address has no fixed
 * size, and a cut one would be stored as if whole. */
static char *join_parts(prop *p, const int *order, int first, size_t n, const char *sep)
{
	pd_strbuf b = { 0 };
	for (size_t k = 0; k < n && !b.failed; k++) {
		char *part = decode_value(p, order ? order[k] : first + (int)k);
		if (part && *part) {
			if (b.n)
				pd_strbuf_put(&b, sep, strlen(sep));
			/* A street of two lines ("Riverside House\n2 Quay St") is
			 * two parts: a notes line or an address field of one. */
			for (const char *q = part; *q; q++)
				pd_strbuf_put(&b, *q == '\n' ? ", " : q, *q == '\n' ? 2 : 1);
		}
		b.failed |= !part;
		free(part);
	}
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* "1 Zoo Road, Springfield, IL, 62701" from components first..last. */
static char *join_components(prop *p, int first, int last)
{
	return last < first ? NULL : join_parts(p, NULL, first, (size_t)(last - first + 1), ", ");
}

/* How many ';'-separated components a raw value has (escaped ones aside). */
static int count_components(const char *v)
{
	int n = 1;
	for (; *v; v++) {
		if (*v == '\\' && v[1])
			v++;
		else if (*v == ';')
			n++;
	}
	return n;
}

/* "Dr. Ada K. Lovelace" from N's family;given;additional;prefix;suffix. */
static char *name_from_n(prop *p)
{
	static const int order[] = { 3, 1, 2, 0, 4 };
	return join_parts(p, order, 0, sizeof order / sizeof order[0], " ");
}

/* A line of base64 alone (its alphabet, '=' padding, blanks at the ends):
 * what 2.1 data on a line of its own holds, and a stray word of text
 * seldom does. */
static bool base64_line(const char *s)
{
	s += strspn(s, " \t");
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");
	return n > 0 && !s[n + strspn(s + n, " \t")];
}

/* s's lines joined with ", " (newly allocated; NULL: out of memory). */
static char *one_line(const char *s)
{
	pd_strbuf b = { 0 };
	for (const char *q = s; *q; q++)
		pd_strbuf_put(&b, *q == '\n' ? ", " : q, *q == '\n' ? 2 : 1);
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* What the parser keeps of one card while reading it, made new. */
static void start_card(const cline *lines, size_t from, size_t n_lines, group_labels *labels,
	slot_info *email, slot_info *phone, slot_info *url, slot_info *addr, slot_info *title,
	char **label_addr)
{
	collect_labels(lines, from, n_lines, labels);
	*email = *phone = *url = *addr = *title = (slot_info){ 0 };
	free(*label_addr);
	*label_addr = NULL;
}

/* A control character in what was decoded of p's value to be kept
 * fails the card at p's line, whatever the property: an ADR or a URL as
 * much as an FN. One in a value not kept (a second FN, a PHOTO, an X-...
 * property) is never decoded, so never seen. */
static void refuse_control(pd_vcard *c, const prop *p, long line)
{
	if (p->control >= 0)
		card_error(c, line, "%s holds control character 0x%02X", p->name, p->control);
}

static pd_vcard *new_card(pd_vcards *out, size_t *cap, long line)
{
	if (out->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		pd_vcard *nv = realloc(out->v, ncap * sizeof *nv);
		if (!nv)
			return NULL;
		out->v = nv;
		*cap = ncap;
	}
	pd_vcard *card = &out->v[out->n++];
	memset(card, 0, sizeof *card);
	card->line = line;
	return card;
}

bool pd_vcard_parse(const char *name, const char *data, size_t len, pd_vcards *out, pd_error *err)
{
	memset(out, 0, sizeof *out);
	switch (pd_text_bytes_check(data, len, NULL)) {
	case PD_TEXT_BYTES_UTF16LE:
	case PD_TEXT_BYTES_UTF16BE:
		/* What some Windows address books write: a vCard all the same,
		 * not "not a vCard file". */
		return pd_error_set(err, PD_ERR_INVALID, "%s: the file is UTF-16; open it in a text "
			"editor, save it with the encoding UTF-8, and import that file", name);
	case PD_TEXT_BYTES_NUL:
		return pd_error_set(err, PD_ERR_INVALID, "%s: holds NUL bytes: this is not a vCard file", name);
	case PD_TEXT_BYTES_OK:
		break;
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	cline *lines;
	size_t n_lines;
	if (!split_lines(data, len, &lines, &n_lines))
		return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	size_t cap = 0;
	pd_vcard *card = NULL;
	bool have_fn = false;
	char *n_name = NULL;
	bool ok = true;
	int depth = 0;   /* 2.1 AGENT cards nest; their contents are skipped */
	bool agent_open = false;   /* the line before was a 2.1 "AGENT:" */
	bool in_base64 = false;    /* the property before was 2.1 base64 data */
	group_labels labels = { 0 };
	slot_info si_email = { 0 }, si_phone = { 0 }, si_url = { 0 }, si_addr = { 0 }, si_title = { 0 };
	char *label_addr = NULL;   /* a LABEL: the address, when no ADR gives one */
	int label_ctl = -1;        /* with label_addr: the control it held, and */
	long label_line = 0;       /* its line: refused only once taken (END) */
	for (size_t i = 0; i < n_lines && ok; i++) {
		prop p;
		char *text = lines[i].text;
		long line = lines[i].line;
		if (!card) {
			if (is_begin_vcard(text)) {
				card = new_card(out, &cap, line);
				if (!card) {
					ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
					break;
				}
				have_fn = false;
				depth = 0;
				in_base64 = false;
				start_card(lines, i + 1, n_lines, &labels, &si_email, &si_phone, &si_url, &si_addr,
					&si_title, &label_addr);
			}
			/* Anything between cards is ignored. */
			continue;
		}
		bool agent_card = agent_open;
		agent_open = false;
		/* vCard 2.1 2.1.3: base64 data ends at a blank line. Exporters
		 * that leave it out (Android's reader allows for them) go on with
		 * a property, which has a ':'. */
		bool was_base64 = in_base64;
		if (lines[i].after_blank)
			in_base64 = false;
		if (!parse_prop(text, &p)) {
			/* 2.1 lets base64 data run on over lines that are not
			 * indented: a photo, not a broken card. A line that is no
			 * base64, or comes after the blank line, is text the card
			 * lost its way in: the card is reported, not read in part. */
			if (in_base64 && base64_line(text))
				continue;
			if (was_base64)
				card_error(card, line, "this line is not a vCard property (no ':'), nor part of the "
					"base64 data above it (2.1 ends that at a blank line)");
			else
				card_error(card, line, "this line is not a vCard property (no ':')");
			in_base64 = false;
			continue;
		}
		in_base64 = p.base64;
		if (strcmp(p.name, "AGENT") == 0) {
			/* 2.1 embeds the agent's card on lines of its own, after an
			 * empty AGENT value or one that is just BEGIN:VCARD: its
			 * properties aren't ours. 3.0 writes the whole card as one
			 * escaped TEXT value ("BEGIN:VCARD\nFN:...\nEND:VCARD\n", RFC
			 * 2426 3.5.4) and 4.0 as a URI: no END line of its own follows,
			 * so this line is all there is to pass over. */
			if (is_begin_vcard(p.value))
				depth++;
			else if (!*p.value)
				agent_open = true;
			continue;
		}
		if (strcmp(p.name, "BEGIN") == 0) {
			if (agent_card && pd_ascii_casecmp(p.value, "VCARD") == 0) {
				depth++;
			} else if (pd_ascii_casecmp(p.value, "VCARD") == 0 && depth == 0) {
				/* A card that never ended: report it, start anew here. */
				card_error(card, card->line, "no END:VCARD before the next card's BEGIN:VCARD at "
					"line %ld", line);
				if (!card->name && n_name) {
					card->name = n_name;
					n_name = NULL;
				}
				free(n_name);
				n_name = NULL;
				card = new_card(out, &cap, line);
				if (!card) {
					ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
					break;
				}
				have_fn = false;
				start_card(lines, i + 1, n_lines, &labels, &si_email, &si_phone, &si_url, &si_addr,
					&si_title, &label_addr);
			}
			continue;
		}
		if (strcmp(p.name, "END") == 0) {
			if (depth > 0) {
				depth--;
				continue;
			}
			if (!card->name && n_name) {
				card->name = n_name;
				n_name = NULL;
			}
			if (!card->name && card->org && card->is_org)
				card->name = strdup(card->org);
			if (!card->address && label_addr && *label_addr) {
				card->address = one_line(label_addr);
				card_control_at(card, label_line, "LABEL", label_ctl);
			}
			if (!card->name)
				card_error(card, card->line, "card has no name (FN or N)");
			free(n_name);
			n_name = NULL;
			card = NULL;
			continue;
		}
		if (depth > 0)
			continue;
		label_ref lab = label_ref_of(&labels, p.group);
		const struct noted_prop *np = NULL;
		for (size_t k = 0; k < sizeof noted_props / sizeof noted_props[0] && !np; k++)
			if (strcmp(p.name, noted_props[k].name) == 0)
				np = &noted_props[k];
		if (np) {
			note_prop(card, np, &p, &lab, p.omit_year[0] ? p.omit_year : NULL);
		} else if (strcmp(p.name, "FN") == 0 && !have_fn) {
			char *v = decode_value(&p, -1);
			if (v && *v) {
				free(card->name);
				card->name = v;
				have_fn = true;
			} else {
				free(v);
			}
		} else if (strcmp(p.name, "N") == 0 && !n_name) {
			n_name = name_from_n(&p);
		} else if (strcmp(p.name, "KIND") == 0 || strcmp(p.name, "X-ADDRESSBOOKSERVER-KIND") == 0
		           || strcmp(p.name, "X-ABSHOWAS") == 0) {
			card->is_org = pd_ascii_casecmp(p.value, "org") == 0
			               || pd_ascii_casecmp(p.value, "company") == 0
			               || pd_ascii_casecmp(p.value, "organization") == 0;
		} else if (strcmp(p.name, "ORG") == 0 && !card->org) {
			char *v = decode_value(&p, 0);
			if (v && *v)
				card->org = v;
			else
				free(v);
			/* "City Zoo;Education Department": the unit is not dropped. */
			free(card->org_unit);
			card->org_unit = join_components(&p, 1, count_components(p.value) - 1);
		} else if (strcmp(p.name, "ORG") == 0) {
			/* A second organisation (rare): noted, not taken for the partner. */
			char *v = join_components(&p, 0, count_components(p.value) - 1);
			append_extra(card, PD_NOTED_OTHER, "Organisation", NULL, v);
			free(v);
		} else if (strcmp(p.name, "ADR") == 0) {
			/* PO box; extended; street; locality; region; code; country */
			take(card, &card->address, &si_addr, &p, &lab, PD_NOTED_ADDRESS, "Address",
				join_components(&p, 0, count_components(p.value) - 1), false);
		} else if (strcmp(p.name, "LABEL") == 0) {
			/* 2.1's and 3.0's address as printed on an envelope: the ADR
			 * again, unless the card has no ADR. */
			if (!label_addr) {
				label_addr = decode_value(&p, -1);
				label_ctl = p.control;
				label_line = line;
			}
			/* Kept only where the card has no ADR, known at END: a
			 * control in one never kept fails nothing. */
			p.control = -1;
		} else if (strcmp(p.name, "CATEGORIES") == 0) {
			append_line(&card->categories, drop_google_groups(decode_text(&p, -1, true)));
		} else if (strcmp(p.name, "TITLE") == 0) {
			take(card, &card->title, &si_title, &p, &lab, PD_NOTED_OTHER, "Title", decode_value(&p, -1),
				false);
		} else if (strcmp(p.name, "EMAIL") == 0) {
			char *v = decode_value(&p, -1);
			if (v)
				pd_import_strip_scheme(v, "mailto:");
			if (take(card, &card->email, &si_email, &p, &lab, PD_NOTED_EMAIL, "Email", v, false))
				card->email_line = line;
			card->email_pref = si_email.pref;
		} else if (strcmp(p.name, "TEL") == 0) {
			char *v = decode_value(&p, -1);
			if (v)
				pd_import_strip_scheme(v, "tel:");
			if (take(card, &card->phone, &si_phone, &p, &lab, PD_NOTED_PHONE, "Phone", v, tel_poor(&p)))
				card->phone_line = line;
			card->phone_pref = si_phone.pref;
		} else if (strcmp(p.name, "URL") == 0) {
			/* URLs aren't TEXT: a backslash is a backslash. */
			if (take(card, &card->url, &si_url, &p, &lab, PD_NOTED_WEBSITE, "URL", decode_value(&p, -1),
				false))
				card->url_line = line;
		} else if (strcmp(p.name, "NOTE") == 0) {
			append_line(&card->note, decode_value(&p, -1));
			/* Said before its size: what it holds is the first wrong. */
			refuse_control(card, &p, line);
			size_t n = card->note ? strlen(card->note) : 0;
			if (n > PD_NOTES_MAX)
				card_error(card, line, "NOTE is %zu bytes; notes hold at most %u", n, PD_NOTES_MAX);
		} else if (strcmp(p.name, "UID") == 0 && !card->uid) {
			char *v = decode_value(&p, -1);
			if (v && *v)
				card->uid = v;
			else
				free(v);
		} else if (strcmp(p.name, "X-ABLABEL") == 0) {
			/* Decoded ahead, for the property before it to be noted
			 * under ("Phone (Box office)"), and refused there, where
			 * it is kept (label_ref). */
			p.control = -1;
		}
		/* PHOTO, LOGO, SOUND, KEY, GEO, TZ, REV, PRODID, X-ABUID and other
		 * X-...: no use to a librarian, not kept. */
		refuse_control(card, &p, line);
	}
	if (card) {
		card_error(card, card->line, "no END:VCARD before the file ends (is the file cut short?)");
		if (!card->name && n_name) {
			card->name = n_name;
			n_name = NULL;
		}
	}
	free(n_name);
	free(label_addr);
	labels_clear(&labels);
	for (size_t k = 0; k < n_lines; k++)
		free(lines[k].text);
	free(lines);
	if (ok && out->n == 0)
		ok = pd_error_set(err, PD_ERR_INVALID, "%s: no BEGIN:VCARD: this is not a vCard file", name);
	if (!ok)
		pd_vcards_finish(out);
	return ok;
}
