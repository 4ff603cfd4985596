/* Locale-free text helpers: UTF-8 decoding and validation, and the folding
 * (normalisation and case) that makes stored name keys and typed queries agree. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/grapheme.h"
#include "partnerdesk/model/strv.h"
#include "partnerdesk/model/text.h"

size_t pd_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	unsigned char c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t need;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1; v = c & 0x1F; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2; v = c & 0x0F; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3; v = c & 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len < need + 1) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i <= need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (u[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return need + 1;
}

/* Decodes like pd_utf8_decode but tells a real U+FFFD from an invalid byte. */
static size_t decode_checked(const char *s, size_t len, uint32_t *cp, bool *bad)
{
	size_t n = pd_utf8_decode(s, len, cp);
	*bad = (*cp == 0xFFFD && n == 1);
	return n;
}

bool pd_utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		bool bad;
		i += decode_checked(s + i, len - i, &cp, &bad);
		if (bad)
			return false;
	}
	return true;
}

pd_text_bytes pd_text_bytes_check(const char *s, size_t len, size_t *nul_at)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *nul = memchr(s, '\0', len);
	if (nul_at)
		*nul_at = nul ? (size_t)(nul - s) : len;
	if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return PD_TEXT_BYTES_UTF16LE;
	if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return PD_TEXT_BYTES_UTF16BE;
	if (!nul)
		return PD_TEXT_BYTES_OK;
	/* Without a mark: Latin text in UTF-16 has a NUL in (nearly) every
	 * code unit, always on the same side; a NUL stuck into UTF-8 text
	 * has no such pattern. */
	size_t even = 0, odd = 0, units = len / 2;
	for (size_t i = 0; i + 1 < len; i += 2) {
		even += u[i] == 0;
		odd += u[i + 1] == 0;
	}
	if (units && odd * 2 >= units && even * 8 <= odd)
		return PD_TEXT_BYTES_UTF16LE;
	if (units && even * 2 >= units && odd * 8 <= even)
		return PD_TEXT_BYTES_UTF16BE;
	return PD_TEXT_BYTES_NUL;
}

char *pd_utf16_to_utf8(const char *s, size_t len, bool big_endian)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	if (len >= 2 && ((big_endian && u[0] == 0xFE && u[1] == 0xFF) || (!big_endian && u[0] == 0xFF && u[1] == 0xFE)))
		i = 2;
	pd_strbuf b = {0};
	pd_strbuf_put(&b, "", 0);
	while (i + 1 < len) {
		uint32_t c = big_endian ? (uint32_t)u[i] << 8 | u[i + 1] : (uint32_t)u[i + 1] << 8 | u[i];
		i += 2;
		if (c >= 0xD800 && c < 0xDC00 && i + 1 < len) {
			uint32_t lo = big_endian ? (uint32_t)u[i] << 8 | u[i + 1] : (uint32_t)u[i + 1] << 8 | u[i];
			if (lo >= 0xDC00 && lo < 0xE000) {
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
				i += 2;
			}
		}
		char out[4];
		/* pd_utf8_encode writes a lone surrogate as U+FFFD. */
		pd_strbuf_put(&b, out, pd_utf8_encode(c, out));
	}
	if (i < len)
		pd_strbuf_put(&b, "\xEF\xBF\xBD", 3);
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

size_t pd_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	/* A character has at most three continuation bytes: past that the
	 * text is not UTF-8 and any cut is as good as another. */
	size_t n = max;
	for (int k = 0; k < 3 && n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; k++)
		n--;
	return ((unsigned char)s[n] & 0xC0) == 0x80 ? max : n;
}

char *pd_utf8_fit(char *out, size_t size, const char *s, size_t max)
{
	if (size == 0)
		return out;
	size_t n = strlen(s);
	if (n <= max && n < size) {
		memcpy(out, s, n + 1);
		return out;
	}
	if (size < 4) {
		out[0] = '\0';
		return out;
	}
	size_t k = pd_utf8_cut(s, n, max < size - 4 ? max : size - 4);
	/* On a reader's character's edge: "Caerdyŵ" typed as w + U+0302
	 * cut after the w would quote a name the file does not hold. */
	k = pd_grapheme_start_utf8(s, n, k);
	memcpy(out, s, k);
	memcpy(out + k, "...", 4);
	return out;
}

void pd_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	if (size == 0)
		return;
	int n = vsnprintf(buf, size, fmt, ap);
	if (n < 0)
		buf[0] = '\0';
	else if ((size_t)n >= size && size >= 4)
		memcpy(buf + pd_utf8_cut(buf, size - 1, size - 4), "...", 4);
	else if ((size_t)n >= size) {
		/* No room for "...", as at the end of a message built piece by
		 * piece: not half a character either (a branch list's
		 * "Élan" was left its first byte). */
		size_t k = size - 1, lead = k;
		while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
			lead--;
		if (lead > 0) {
			unsigned char c = (unsigned char)buf[lead - 1];
			size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
			if (k - (lead - 1) < need)
				buf[lead - 1] = '\0';
		}
	}
}

char *pd_vformat_new(const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	char *s = n < 0 ? NULL : malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void pd_format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(buf, size, fmt, ap);
	va_end(ap);
}

bool pd_require_utf8(const char *const *fields, const char *const *labels, size_t n, pd_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (fields[i] && !pd_utf8_valid(fields[i], strlen(fields[i])))
			return pd_error_set(err, PD_ERR_INVALID, "the %s is not UTF-8 text; set the terminal "
				"(or the file) to UTF-8 and type it again", labels[i]);
	return true;
}

bool pd_require_notes_max(const char *text, const char *what, pd_error *err)
{
	size_t n = text ? strlen(text) : 0;
	if (n > PD_NOTES_MAX)
		return pd_error_set(err, PD_ERR_INVALID, "%s %zu bytes; notes hold at most %u",
			what, n, PD_NOTES_MAX);
	return true;
}

bool pd_name_fits(const char *name, const char *whose, char *why, size_t size)
{
	size_t chars = pd_utf8_chars(name ? name : "");
	if (chars <= PD_NAME_MAX)
		return true;
	if (size)
		snprintf(why, size, "a %s name holds at most %d characters, and this one has "
		         "%zu: shorten it (the rest can go in the notes)", whose, PD_NAME_MAX, chars);
	return false;
}

/* Whether a name key holds something a reader sees. Folding has already
 * taken the default-ignorable code points (zero-width, the Hangul fillers)
 * and made every kind of space a plain one; U+2800 BRAILLE PATTERN BLANK is
 * a symbol to Unicode, not a space, yet draws as nothing, and is what is
 * pasted where a blank name is wanted. */
static bool key_shows(const char *key)
{
	for (const char *c = key; *c; c++) {
		if (*c == ' ')
			continue;
		if (!strncmp(c, "\xe2\xa0\x80", 3)) {
			c += 2;
			continue;
		}
		return true;
	}
	return false;
}

bool pd_require_name_fits(const char *name, const char *old, const char *whose, pd_error *err)
{
	char why[160];
	if (old && pd_same_text(old, name))
		return true;
	/* Only spaces of other scripts (a no-break or ideographic space, as
	 * pasted or typed by an input method) or invisible characters: a
	 * blank row in every list, matched by no search, and "the same name"
	 * as every other such partner. */
	char *key = pd_name_key(name);
	bool shows = !key || key_shows(key);
	free(key);
	if (!shows)
		return pd_error_set(err, PD_ERR_INVALID, "a %s name is only spaces or invisible characters "
		                    "(no-break, ideographic or zero-width): give it one that shows", whose);
	if (!pd_name_fits(name, whose, why, sizeof why))
		return pd_error_set(err, PD_ERR_INVALID, "%s", why);
	return true;
}

bool pd_require_utf8_list(const pd_strv *sv, const char *label, pd_error *err)
{
	for (size_t i = 0; i < sv->n; i++) {
		const char *one = sv->v[i];
		if (!pd_require_utf8(&one, &label, 1, err))
			return false;
	}
	return true;
}

size_t pd_utf8_chars(const char *s)
{
	return pd_utf8_chars_n(s, strlen(s));
}

size_t pd_utf8_chars_n(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

size_t pd_utf8_cols(const char *s, size_t len)
{
	size_t cols = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t used = pd_utf8_decode(s + i, len - i, &cp);
		/* utf8proc's widths, not wcwidth's: the C locale knows none
		 * beyond ASCII, and a message is laid out in any locale. */
		int w = cp == 0xFFFD && used == 1 ? 1 : utf8proc_charwidth((utf8proc_int32_t)cp);
		cols += w > 0 ? (size_t)w : 0;
		i += used;
	}
	return cols;
}

size_t pd_utf8_encode(uint32_t c, char out[4])
{
	unsigned char *o = (unsigned char *)out;
	if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		c = 0xFFFD;
	if (c < 0x80) {
		o[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (unsigned char)(0xC0 | (c >> 6));
		o[1] = (unsigned char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (c >> 12));
		o[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (c >> 18));
	o[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (c & 0x3F));
	return 4;
}

bool pd_text_placeholder(uint32_t cp, pd_placeholder_style style, char out[PD_PLACEHOLDER_MAX])
{
	if (cp < 0x20) {
		out[0] = '^';
		out[1] = (char)(cp + 0x40);
		out[2] = '\0';
	} else if (cp == 0x7F) {
		memcpy(out, "^?", 3);
	} else if (cp >= 0x80 && cp <= 0x9F) {
		snprintf(out, PD_PLACEHOLDER_MAX, style == PD_PLACEHOLDER_MARKED ? "<%02x>" : "\\x%02x",
			(unsigned)cp);
	} else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
	           cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF) {
		snprintf(out, PD_PLACEHOLDER_MAX, "<U+%04X>", (unsigned)(uint16_t)cp);   /* all in the BMP */
	} else {
		return false;
	}
	return true;
}

char *pd_text_one_line(const char *s)
{
	pd_strbuf b = {0};
	pd_strbuf_put(&b, "", 0);
	/* Only ASCII bytes change, so UTF-8 sequences pass whole. */
	for (const char *p = s ? s : ""; *p; p++) {
		char ph[PD_PLACEHOLDER_MAX];
		if ((*p == '\n' || *p == '\r' || *p == '\t') &&
		    pd_text_placeholder((unsigned char)*p, PD_PLACEHOLDER_PLAIN, ph))
			pd_strbuf_put(&b, ph, strlen(ph));
		else
			pd_strbuf_put(&b, p, 1);
	}
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

void pd_strbuf_quoted(pd_strbuf *b, const pd_strv *v, bool or_last)
{
	for (size_t i = 0; i < v->n; i++) {
		const char *sep = i == 0 ? "" : i + 1 == v->n && or_last ? " or " : ", ";
		/* The list's quotes are its own; a string's newline is not. */
		char *one = pd_text_one_line(v->v[i]);
		pd_strbuf_puts(b, sep);
		pd_strbuf_puts(b, "\"");
		pd_strbuf_puts(b, one ? one : v->v[i]);
		pd_strbuf_puts(b, "\"");
		free(one);
	}
}

char *pd_text_spaced(char *s)
{
	for (char *c = s; c && *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	return s;
}

/* The key text is matched by: Unicode's NFKC_Casefold (compatibility
 * normalisation, full case folding, default-ignorable code points dropped),
 * from utf8proc, and then the marks a librarian leaves out taken off
 * (plain_letters). Composing is what makes a name pasted decomposed ("Muse" +
 * COMBINING ACUTE + "e", as macOS and many web pages give it) match the same
 * name typed composed, and Hangul conjoining jamo match syllables; the
 * compatibility step goes further and lets full-width Latin from an input
 * method ("ｍｕｓｅｕｍ") and ligatures from a PDF ("ﬁ") match their plain
 * letters, which is what someone searching means. Full folding makes
 * "strasse" find "Straße". Capital I with dot folds to a plain i (not i +
 * COMBINING DOT) so "istanbul" finds "İstanbul". The typographic
 * apostrophes, quotes and dashes a word processor or spreadsheet puts in
 * for the keyboard's own fold to those ("St Mary’s" typed "st mary's");
 * Unicode's folding leaves them apart. */
#define FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | \
                      UTF8PROC_CASEFOLD | UTF8PROC_IGNORE)

static utf8proc_int32_t keyboard_punctuation(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0x2BC:                     /* MODIFIER LETTER APOSTROPHE */
	case 0x2018: case 0x2019:       /* ‘ ’ */
	case 0x201B: case 0x2032:       /* ‛ ′ */
		return '\'';
	case 0x201C: case 0x201D:       /* “ ” */
	case 0x201F: case 0x2033:       /* ‟ ″ */
		return '"';
	case 0x2010: case 0x2011:       /* hyphen, non-breaking hyphen */
	case 0x2012: case 0x2013:       /* figure dash, en dash */
	case 0x2014: case 0x2015:       /* em dash, horizontal bar */
	case 0x2212:                    /* minus sign */
		return '-';
	default:
		return cp;
	}
}

/* Before decomposition, so İ is case folded as I. The punctuation is
 * mapped again after (plain_letters): utf8proc calls this on each code
 * point it is given, not on what a compatibility decomposition makes, and
 * "ŉ" (ʼn), "‴" (′′′), "⁻" (−), "︱" (—) would otherwise key as a
 * punctuation mark that folding the key again takes to the keyboard's, so
 * a key stored would not be its own key (fold(fold(x)) != fold(x)). */
static utf8proc_int32_t plain_keyboard(utf8proc_int32_t cp, void *data)
{
	(void)data;
	return cp == 0x130 ? 'I' : keyboard_punctuation(cp);   /* İ */
}

/* Library catalogues match names without their diacritics (LC's NACO
 * normalisation), and so does someone on a UK or US keyboard typing a
 * name during a phone call: "cafe" finds "Café", "lodz" "Łódź", "llyn"
 * "Llŷn". On the text decomposed and case folded, these go:
 *  - the combining diacritics U+0300-U+036F, which is every accent of
 *    Latin, Greek (tonos, dialytika) and Cyrillic (ё as е, й as и, ї as
 *    і: a query typed with them still finds them, both sides fold);
 *  - Arabic harakat, the optional vowel marks U+064B-U+0652 and
 *    U+0656-U+065F, and the superscript alef U+0670: most writing leaves
 *    them out. Madda and hamza (U+0653-U+0655) stay: they are what make
 *    آ أ إ ؤ ئ, letters, not vowels;
 *  - Hebrew points and cantillation (the marks among U+0591-U+05C7; maqaf,
 *    paseq, sof pasuq and nun hafukha are punctuation and stay): unpointed
 *    text is how Hebrew is written.
 * Letters that do not decompose but are typed plain become the letters
 * NACO makes them (ł l, ø o, đ d, ð d, ı i, æ ae, œ oe, þ th) and ħ h;
 * ß is already ss by case folding. Nothing else: Indic vowel signs, Thai
 * marks, the kana voicing marks (が is not か) and Hangul jamo are letters
 * of their scripts, and names in them match exactly as written. */
static const char *plain_letter(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0xE6:  return "ae";        /* æ */
	case 0xF0:  return "d";         /* ð */
	case 0xF8:  return "o";         /* ø */
	case 0xFE:  return "th";        /* þ */
	case 0x111: return "d";         /* đ */
	case 0x127: return "h";         /* ħ */
	case 0x131: return "i";         /* ı */
	case 0x142: return "l";         /* ł */
	case 0x153: return "oe";        /* œ */
	default:    return NULL;
	}
}

static bool dropped_mark(utf8proc_int32_t cp)
{
	if (cp < 0x300 || cp > 0x670)
		return false;
	if (cp <= 0x36F)
		return true;
	if (cp >= 0x591 && cp <= 0x5C7)
		return cp <= 0x5BD || cp == 0x5BF || cp == 0x5C1 || cp == 0x5C2 ||
		       cp == 0x5C4 || cp == 0x5C5 || cp == 0x5C7;
	return (cp >= 0x64B && cp <= 0x652) || (cp >= 0x656 && cp <= 0x65F) || cp == 0x670;
}

/* Takes the marks off w[0..n) and writes the plain letters and the
 * keyboard's punctuation: in place when no letter becomes two, else (æ, œ
 * and þ do) into a fresh array put in *w, which the caller frees when it
 * is not the one it passed. Returns the new length, or -1 out of memory. */
static utf8proc_ssize_t plain_letters(utf8proc_int32_t **w, utf8proc_ssize_t n)
{
	utf8proc_int32_t *from = *w, *to = from;
	size_t len = 0;
	bool grows = false;
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		const char *p = plain_letter(from[i]);
		size_t k = dropped_mark(from[i]) ? 0 : p ? strlen(p) : 1;
		grows |= k > 1;
		len += k;
	}
	/* utf8proc_reencode writes a NUL after the text: one slot to spare. */
	if (grows && !(to = malloc((len + 1) * sizeof *to)))
		return -1;
	size_t o = 0;
	for (utf8proc_ssize_t i = 0; i < n; i++) {
		if (dropped_mark(from[i]))
			continue;
		const char *p = plain_letter(from[i]);
		if (!p)
			to[o++] = keyboard_punctuation(from[i]);
		else
			while (*p)
				to[o++] = (unsigned char)*p++;
	}
	*w = to;
	return (utf8proc_ssize_t)o;
}

void pd_strbuf_put(pd_strbuf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->failed = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void pd_strbuf_puts(pd_strbuf *b, const char *s)
{
	pd_strbuf_put(b, s, strlen(s));
}

/* Folds valid UTF-8 s[0..len) onto b. utf8proc_map_custom would decompose
 * twice (to size, then to fill) into a fresh allocation; a stretch of
 * non-ASCII text is short, so it is decomposed once into the stack. */
#define FOLD_STACK 256

static void fold_run(pd_strbuf *b, const char *s, size_t len)
{
	if (!len)
		return;
	utf8proc_int32_t stack[FOLD_STACK], *w = stack;
	utf8proc_ssize_t n = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
		w, FOLD_STACK, FOLD_OPTIONS, plain_keyboard, NULL);
	/* utf8proc_reencode writes a NUL after the text: one slot to spare. */
	if (n >= FOLD_STACK) {
		size_t need = (size_t)n + 1;
		if (!(w = malloc(need * sizeof *w))) {
			b->failed = true;
			return;
		}
		n = utf8proc_decompose_custom((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			w, (utf8proc_ssize_t)need, FOLD_OPTIONS, plain_keyboard, NULL);
		if (n >= (utf8proc_ssize_t)need)
			n = UTF8PROC_ERROR_OVERFLOW;
	}
	if (n >= 0) {
		utf8proc_int32_t *was = w;
		n = plain_letters(&w, n);
		if (n < 0)
			n = UTF8PROC_ERROR_NOMEM;
		else if (w != was && was != stack)
			free(was);
	}
	if (n >= 0)
		n = utf8proc_reencode(w, n, FOLD_OPTIONS);
	if (n >= 0) {
		pd_strbuf_put(b, (const char *)w, (size_t)n);
	} else if (n == UTF8PROC_ERROR_NOMEM) {
		b->failed = true;
	} else {
		/* Nothing utf8proc refuses gets past pd_utf8_valid; should it,
		 * the text keys as itself, ASCII folded, rather than not at all. */
		for (size_t i = 0; i < len; i++) {
			char c = (char)pd_ascii_tolower(s[i]);
			pd_strbuf_put(b, &c, 1);
		}
	}
	if (w != stack)
		free(w);
}

static bool all_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* Folds s[0..len), text with non-ASCII in it, onto b: runs of valid UTF-8
 * through utf8proc, an invalid byte kept as it is. */
static void fold_mixed(pd_strbuf *b, const char *s, size_t len)
{
	size_t i = 0, run = 0;
	while (i < len) {
		uint32_t cp;
		bool bad;
		size_t n = decode_checked(s + i, len - i, &cp, &bad);
		if (bad) {
			fold_run(b, s + run, i - run);
			pd_strbuf_put(b, s + i, 1);
			run = i + 1;
		}
		i += n;
	}
	fold_run(b, s + run, len - run);
}

char *pd_fold(const char *s)
{
	if (!s)
		s = "";
	size_t len = strlen(s);
	if (all_ascii(s, len)) {
		/* Most names and every keystroke in English: no need to ask
		 * utf8proc, whose answer for ASCII is this. */
		char *out = malloc(len + 1);
		if (!out)
			return NULL;
		for (size_t i = 0; i <= len; i++)
			out[i] = (char)pd_ascii_tolower(s[i]);
		return out;
	}
	pd_strbuf b = {0};
	pd_strbuf_put(&b, "", 0);
	/* Only the non-ASCII stretches, each with the ASCII letter before it
	 * (a combining mark after "e" makes "é"), need utf8proc: nothing
	 * composes with an ASCII character that follows, and none reorders
	 * across one. A log of English with a few names in it stays cheap. */
	size_t i = 0;
	while (i < len && !b.failed) {
		size_t a = i;
		while (a < len && (unsigned char)s[a] < 0x80 && (a + 1 == len || (unsigned char)s[a + 1] < 0x80))
			a++;
		if (a > i) {
			size_t at = b.n;
			pd_strbuf_put(&b, s + i, a - i);
			for (size_t k = at; !b.failed && k < b.n; k++)
				b.p[k] = (char)pd_ascii_tolower(b.p[k]);
			i = a;
			continue;
		}
		size_t j = i + ((unsigned char)s[i] < 0x80);
		while (j < len && (unsigned char)s[j] >= 0x80)
			j++;
		fold_mixed(&b, s + i, j - i);
		i = j;
	}
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* Latin letters with diacritics and the Latin ligatures, as the plain
 * letters they sort among (from Unicode's decompositions, plus the letters
 * that have none: æ, ß, ø, ł, đ, ħ, þ, œ ...). Sorted by code point. */
static const struct { uint16_t cp; char base[3]; } latin_base[] = {
	{0x00C0, "a"}, {0x00C1, "a"}, {0x00C2, "a"}, {0x00C3, "a"}, {0x00C4, "a"}, {0x00C5, "a"},
	{0x00C6, "ae"}, {0x00C7, "c"}, {0x00C8, "e"}, {0x00C9, "e"}, {0x00CA, "e"}, {0x00CB, "e"},
	{0x00CC, "i"}, {0x00CD, "i"}, {0x00CE, "i"}, {0x00CF, "i"}, {0x00D0, "d"}, {0x00D1, "n"},
	{0x00D2, "o"}, {0x00D3, "o"}, {0x00D4, "o"}, {0x00D5, "o"}, {0x00D6, "o"}, {0x00D8, "o"},
	{0x00D9, "u"}, {0x00DA, "u"}, {0x00DB, "u"}, {0x00DC, "u"}, {0x00DD, "y"}, {0x00DE, "th"},
	{0x00DF, "ss"}, {0x00E0, "a"}, {0x00E1, "a"}, {0x00E2, "a"}, {0x00E3, "a"}, {0x00E4, "a"},
	{0x00E5, "a"}, {0x00E6, "ae"}, {0x00E7, "c"}, {0x00E8, "e"}, {0x00E9, "e"}, {0x00EA, "e"},
	{0x00EB, "e"}, {0x00EC, "i"}, {0x00ED, "i"}, {0x00EE, "i"}, {0x00EF, "i"}, {0x00F0, "d"},
	{0x00F1, "n"}, {0x00F2, "o"}, {0x00F3, "o"}, {0x00F4, "o"}, {0x00F5, "o"}, {0x00F6, "o"},
	{0x00F8, "o"}, {0x00F9, "u"}, {0x00FA, "u"}, {0x00FB, "u"}, {0x00FC, "u"}, {0x00FD, "y"},
	{0x00FE, "th"}, {0x00FF, "y"}, {0x0100, "a"}, {0x0101, "a"}, {0x0102, "a"}, {0x0103, "a"},
	{0x0104, "a"}, {0x0105, "a"}, {0x0106, "c"}, {0x0107, "c"}, {0x0108, "c"}, {0x0109, "c"},
	{0x010A, "c"}, {0x010B, "c"}, {0x010C, "c"}, {0x010D, "c"}, {0x010E, "d"}, {0x010F, "d"},
	{0x0110, "d"}, {0x0111, "d"}, {0x0112, "e"}, {0x0113, "e"}, {0x0114, "e"}, {0x0115, "e"},
	{0x0116, "e"}, {0x0117, "e"}, {0x0118, "e"}, {0x0119, "e"}, {0x011A, "e"}, {0x011B, "e"},
	{0x011C, "g"}, {0x011D, "g"}, {0x011E, "g"}, {0x011F, "g"}, {0x0120, "g"}, {0x0121, "g"},
	{0x0122, "g"}, {0x0123, "g"}, {0x0124, "h"}, {0x0125, "h"}, {0x0126, "h"}, {0x0127, "h"},
	{0x0128, "i"}, {0x0129, "i"}, {0x012A, "i"}, {0x012B, "i"}, {0x012C, "i"}, {0x012D, "i"},
	{0x012E, "i"}, {0x012F, "i"}, {0x0130, "i"}, {0x0131, "i"}, {0x0132, "ij"}, {0x0133, "ij"},
	{0x0134, "j"}, {0x0135, "j"}, {0x0136, "k"}, {0x0137, "k"}, {0x0138, "k"}, {0x0139, "l"},
	{0x013A, "l"}, {0x013B, "l"}, {0x013C, "l"}, {0x013D, "l"}, {0x013E, "l"}, {0x013F, "l"},
	{0x0140, "l"}, {0x0141, "l"}, {0x0142, "l"}, {0x0143, "n"}, {0x0144, "n"}, {0x0145, "n"},
	{0x0146, "n"}, {0x0147, "n"}, {0x0148, "n"}, {0x0149, "n"}, {0x014A, "n"}, {0x014B, "n"},
	{0x014C, "o"}, {0x014D, "o"}, {0x014E, "o"}, {0x014F, "o"}, {0x0150, "o"}, {0x0151, "o"},
	{0x0152, "oe"}, {0x0153, "oe"}, {0x0154, "r"}, {0x0155, "r"}, {0x0156, "r"}, {0x0157, "r"},
	{0x0158, "r"}, {0x0159, "r"}, {0x015A, "s"}, {0x015B, "s"}, {0x015C, "s"}, {0x015D, "s"},
	{0x015E, "s"}, {0x015F, "s"}, {0x0160, "s"}, {0x0161, "s"}, {0x0162, "t"}, {0x0163, "t"},
	{0x0164, "t"}, {0x0165, "t"}, {0x0166, "t"}, {0x0167, "t"}, {0x0168, "u"}, {0x0169, "u"},
	{0x016A, "u"}, {0x016B, "u"}, {0x016C, "u"}, {0x016D, "u"}, {0x016E, "u"}, {0x016F, "u"},
	{0x0170, "u"}, {0x0171, "u"}, {0x0172, "u"}, {0x0173, "u"}, {0x0174, "w"}, {0x0175, "w"},
	{0x0176, "y"}, {0x0177, "y"}, {0x0178, "y"}, {0x0179, "z"}, {0x017A, "z"}, {0x017B, "z"},
	{0x017C, "z"}, {0x017D, "z"}, {0x017E, "z"}, {0x017F, "s"}, {0x0180, "b"}, {0x0192, "f"},
	{0x019A, "l"}, {0x01A0, "o"}, {0x01A1, "o"}, {0x01AF, "u"}, {0x01B0, "u"}, {0x01B6, "z"},
	{0x01C4, "dz"}, {0x01C5, "dz"}, {0x01C6, "dz"}, {0x01C7, "lj"}, {0x01C8, "lj"}, {0x01C9, "lj"},
	{0x01CA, "nj"}, {0x01CB, "nj"}, {0x01CC, "nj"}, {0x01CD, "a"}, {0x01CE, "a"}, {0x01CF, "i"},
	{0x01D0, "i"}, {0x01D1, "o"}, {0x01D2, "o"}, {0x01D3, "u"}, {0x01D4, "u"}, {0x01D5, "u"},
	{0x01D6, "u"}, {0x01D7, "u"}, {0x01D8, "u"}, {0x01D9, "u"}, {0x01DA, "u"}, {0x01DB, "u"},
	{0x01DC, "u"}, {0x01DE, "a"}, {0x01DF, "a"}, {0x01E0, "a"}, {0x01E1, "a"}, {0x01E5, "g"},
	{0x01E6, "g"}, {0x01E7, "g"}, {0x01E8, "k"}, {0x01E9, "k"}, {0x01EA, "o"}, {0x01EB, "o"},
	{0x01EC, "o"}, {0x01ED, "o"}, {0x01F0, "j"}, {0x01F1, "dz"}, {0x01F2, "dz"}, {0x01F3, "dz"},
	{0x01F4, "g"}, {0x01F5, "g"}, {0x01F8, "n"}, {0x01F9, "n"}, {0x01FA, "a"}, {0x01FB, "a"},
	{0x0200, "a"}, {0x0201, "a"}, {0x0202, "a"}, {0x0203, "a"}, {0x0204, "e"}, {0x0205, "e"},
	{0x0206, "e"}, {0x0207, "e"}, {0x0208, "i"}, {0x0209, "i"}, {0x020A, "i"}, {0x020B, "i"},
	{0x020C, "o"}, {0x020D, "o"}, {0x020E, "o"}, {0x020F, "o"}, {0x0210, "r"}, {0x0211, "r"},
	{0x0212, "r"}, {0x0213, "r"}, {0x0214, "u"}, {0x0215, "u"}, {0x0216, "u"}, {0x0217, "u"},
	{0x0218, "s"}, {0x0219, "s"}, {0x021A, "t"}, {0x021B, "t"}, {0x021E, "h"}, {0x021F, "h"},
	{0x0225, "z"}, {0x0226, "a"}, {0x0227, "a"}, {0x0228, "e"}, {0x0229, "e"}, {0x022A, "o"},
	{0x022B, "o"}, {0x022C, "o"}, {0x022D, "o"}, {0x022E, "o"}, {0x022F, "o"}, {0x0230, "o"},
	{0x0231, "o"}, {0x0232, "y"}, {0x0233, "y"}, {0x1E00, "a"}, {0x1E01, "a"}, {0x1E02, "b"},
	{0x1E03, "b"}, {0x1E04, "b"}, {0x1E05, "b"}, {0x1E06, "b"}, {0x1E07, "b"}, {0x1E08, "c"},
	{0x1E09, "c"}, {0x1E0A, "d"}, {0x1E0B, "d"}, {0x1E0C, "d"}, {0x1E0D, "d"}, {0x1E0E, "d"},
	{0x1E0F, "d"}, {0x1E10, "d"}, {0x1E11, "d"}, {0x1E12, "d"}, {0x1E13, "d"}, {0x1E14, "e"},
	{0x1E15, "e"}, {0x1E16, "e"}, {0x1E17, "e"}, {0x1E18, "e"}, {0x1E19, "e"}, {0x1E1A, "e"},
	{0x1E1B, "e"}, {0x1E1C, "e"}, {0x1E1D, "e"}, {0x1E1E, "f"}, {0x1E1F, "f"}, {0x1E20, "g"},
	{0x1E21, "g"}, {0x1E22, "h"}, {0x1E23, "h"}, {0x1E24, "h"}, {0x1E25, "h"}, {0x1E26, "h"},
	{0x1E27, "h"}, {0x1E28, "h"}, {0x1E29, "h"}, {0x1E2A, "h"}, {0x1E2B, "h"}, {0x1E2C, "i"},
	{0x1E2D, "i"}, {0x1E2E, "i"}, {0x1E2F, "i"}, {0x1E30, "k"}, {0x1E31, "k"}, {0x1E32, "k"},
	{0x1E33, "k"}, {0x1E34, "k"}, {0x1E35, "k"}, {0x1E36, "l"}, {0x1E37, "l"}, {0x1E38, "l"},
	{0x1E39, "l"}, {0x1E3A, "l"}, {0x1E3B, "l"}, {0x1E3C, "l"}, {0x1E3D, "l"}, {0x1E3E, "m"},
	{0x1E3F, "m"}, {0x1E40, "m"}, {0x1E41, "m"}, {0x1E42, "m"}, {0x1E43, "m"}, {0x1E44, "n"},
	{0x1E45, "n"}, {0x1E46, "n"}, {0x1E47, "n"}, {0x1E48, "n"}, {0x1E49, "n"}, {0x1E4A, "n"},
	{0x1E4B, "n"}, {0x1E4C, "o"}, {0x1E4D, "o"}, {0x1E4E, "o"}, {0x1E4F, "o"}, {0x1E50, "o"},
	{0x1E51, "o"}, {0x1E52, "o"}, {0x1E53, "o"}, {0x1E54, "p"}, {0x1E55, "p"}, {0x1E56, "p"},
	{0x1E57, "p"}, {0x1E58, "r"}, {0x1E59, "r"}, {0x1E5A, "r"}, {0x1E5B, "r"}, {0x1E5C, "r"},
	{0x1E5D, "r"}, {0x1E5E, "r"}, {0x1E5F, "r"}, {0x1E60, "s"}, {0x1E61, "s"}, {0x1E62, "s"},
	{0x1E63, "s"}, {0x1E64, "s"}, {0x1E65, "s"}, {0x1E66, "s"}, {0x1E67, "s"}, {0x1E68, "s"},
	{0x1E69, "s"}, {0x1E6A, "t"}, {0x1E6B, "t"}, {0x1E6C, "t"}, {0x1E6D, "t"}, {0x1E6E, "t"},
	{0x1E6F, "t"}, {0x1E70, "t"}, {0x1E71, "t"}, {0x1E72, "u"}, {0x1E73, "u"}, {0x1E74, "u"},
	{0x1E75, "u"}, {0x1E76, "u"}, {0x1E77, "u"}, {0x1E78, "u"}, {0x1E79, "u"}, {0x1E7A, "u"},
	{0x1E7B, "u"}, {0x1E7C, "v"}, {0x1E7D, "v"}, {0x1E7E, "v"}, {0x1E7F, "v"}, {0x1E80, "w"},
	{0x1E81, "w"}, {0x1E82, "w"}, {0x1E83, "w"}, {0x1E84, "w"}, {0x1E85, "w"}, {0x1E86, "w"},
	{0x1E87, "w"}, {0x1E88, "w"}, {0x1E89, "w"}, {0x1E8A, "x"}, {0x1E8B, "x"}, {0x1E8C, "x"},
	{0x1E8D, "x"}, {0x1E8E, "y"}, {0x1E8F, "y"}, {0x1E90, "z"}, {0x1E91, "z"}, {0x1E92, "z"},
	{0x1E93, "z"}, {0x1E94, "z"}, {0x1E95, "z"}, {0x1E96, "h"}, {0x1E97, "t"}, {0x1E98, "w"},
	{0x1E99, "y"}, {0x1E9E, "ss"}, {0x1EA0, "a"}, {0x1EA1, "a"}, {0x1EA2, "a"}, {0x1EA3, "a"},
	{0x1EA4, "a"}, {0x1EA5, "a"}, {0x1EA6, "a"}, {0x1EA7, "a"}, {0x1EA8, "a"}, {0x1EA9, "a"},
	{0x1EAA, "a"}, {0x1EAB, "a"}, {0x1EAC, "a"}, {0x1EAD, "a"}, {0x1EAE, "a"}, {0x1EAF, "a"},
	{0x1EB0, "a"}, {0x1EB1, "a"}, {0x1EB2, "a"}, {0x1EB3, "a"}, {0x1EB4, "a"}, {0x1EB5, "a"},
	{0x1EB6, "a"}, {0x1EB7, "a"}, {0x1EB8, "e"}, {0x1EB9, "e"}, {0x1EBA, "e"}, {0x1EBB, "e"},
	{0x1EBC, "e"}, {0x1EBD, "e"}, {0x1EBE, "e"}, {0x1EBF, "e"}, {0x1EC0, "e"}, {0x1EC1, "e"},
	{0x1EC2, "e"}, {0x1EC3, "e"}, {0x1EC4, "e"}, {0x1EC5, "e"}, {0x1EC6, "e"}, {0x1EC7, "e"},
	{0x1EC8, "i"}, {0x1EC9, "i"}, {0x1ECA, "i"}, {0x1ECB, "i"}, {0x1ECC, "o"}, {0x1ECD, "o"},
	{0x1ECE, "o"}, {0x1ECF, "o"}, {0x1ED0, "o"}, {0x1ED1, "o"}, {0x1ED2, "o"}, {0x1ED3, "o"},
	{0x1ED4, "o"}, {0x1ED5, "o"}, {0x1ED6, "o"}, {0x1ED7, "o"}, {0x1ED8, "o"}, {0x1ED9, "o"},
	{0x1EDA, "o"}, {0x1EDB, "o"}, {0x1EDC, "o"}, {0x1EDD, "o"}, {0x1EDE, "o"}, {0x1EDF, "o"},
	{0x1EE0, "o"}, {0x1EE1, "o"}, {0x1EE2, "o"}, {0x1EE3, "o"}, {0x1EE4, "u"}, {0x1EE5, "u"},
	{0x1EE6, "u"}, {0x1EE7, "u"}, {0x1EE8, "u"}, {0x1EE9, "u"}, {0x1EEA, "u"}, {0x1EEB, "u"},
	{0x1EEC, "u"}, {0x1EED, "u"}, {0x1EEE, "u"}, {0x1EEF, "u"}, {0x1EF0, "u"}, {0x1EF1, "u"},
	{0x1EF2, "y"}, {0x1EF3, "y"}, {0x1EF4, "y"}, {0x1EF5, "y"}, {0x1EF6, "y"}, {0x1EF7, "y"},
	{0x1EF8, "y"}, {0x1EF9, "y"},
};

static const char *latin_base_of(uint32_t cp)
{
	size_t lo = 0, hi = sizeof latin_base / sizeof latin_base[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (latin_base[mid].cp == cp)
			return latin_base[mid].base;
		if (latin_base[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void pd_sort_key_in_place(char *f)
{
	/* Every replacement is no longer than its source (ẞ -> ss: 2 from 3),
	 * so the key is written over the folded text. */
	size_t len = strlen(f), i = 0, o = 0;
	while (i < len) {
		uint32_t cp;
		bool bad;
		size_t n = decode_checked(f + i, len - i, &cp, &bad);
		if (bad) {
			f[o++] = f[i++];
			continue;
		}
		/* Combining diacritics no letter composes with add nothing. */
		if (cp >= 0x300 && cp <= 0x36F) {
			i += n;
			continue;
		}
		const char *b = cp >= 0xC0 ? latin_base_of(cp) : NULL;
		if (b) {
			size_t k = strlen(b);
			memmove(f + o, b, k);
			o += k;
		} else {
			memmove(f + o, f + i, n);
			o += n;
		}
		i += n;
	}
	f[o] = '\0';
}

char *pd_sort_key(const char *s)
{
	char *f = pd_fold(s);
	if (f)
		pd_sort_key_in_place(f);
	return f;
}

/* Compares folded texts by code point; an invalid byte sorts after every
 * code point, by its value. */
static int cmp_code_points(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i = 0, j = 0;
	while (i < la && j < lb) {
		uint32_t ca, cb;
		bool bad_a, bad_b;
		size_t na = decode_checked(a + i, la - i, &ca, &bad_a);
		size_t nb = decode_checked(b + j, lb - j, &cb, &bad_b);
		if (bad_a)
			ca = 0x110000u + (unsigned char)a[i];
		if (bad_b)
			cb = 0x110000u + (unsigned char)b[j];
		if (ca != cb)
			return ca < cb ? -1 : 1;
		i += na;
		j += nb;
	}
	if (i < la)
		return 1;
	if (j < lb)
		return -1;
	return 0;
}

int pd_fold_cmp(const char *a, const char *b)
{
	if (!a) a = "";
	if (!b) b = "";
	size_t la = strlen(a), lb = strlen(b);
	if (all_ascii(a, la) && all_ascii(b, lb)) {
		for (size_t i = 0;; i++) {
			int ca = pd_ascii_tolower(a[i]);
			int cb = pd_ascii_tolower(b[i]);
			if (ca != cb || !ca)
				return (ca > cb) - (ca < cb);
		}
	}
	char *fa = pd_fold(a), *fb = pd_fold(b);
	/* Out of memory: the texts as they are, which is still an order. */
	int c = fa && fb ? cmp_code_points(fa, fb) : cmp_code_points(a, b);
	free(fa);
	free(fb);
	return c;
}

char *pd_trim(char *s)
{
	if (!s)
		return s;
	char *p = s;
	while (pd_ascii_isspace(*p))
		p++;
	size_t n = strlen(p);
	while (n > 0 && pd_ascii_isspace(p[n - 1]))
		n--;
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

char *pd_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

bool pd_set_str(char **dst, const char *src)
{
	char *copy = NULL;
	if (src && !(copy = strdup(src)))
		return false;
	free(*dst);
	*dst = copy;
	return true;
}

bool pd_same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

char *pd_shell_word(const char *s)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=+@,";
	size_t n = strlen(s);
	if (n && strspn(s, plain) == n)
		return pd_strdup(s);
	size_t quotes = 0;
	for (const char *p = s; *p; p++)
		quotes += *p == '\'';
	char *out = malloc(n + quotes * 3 + 3);
	if (!out)
		return NULL;
	char *o = out;
	*o++ = '\'';
	for (const char *p = s; *p; p++) {
		if (*p == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else {
			*o++ = *p;
		}
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}
