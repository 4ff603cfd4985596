/* Windows-1252 to UTF-8 conversion, and the test that tells a Windows-1252
 * file from a damaged UTF-8 one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/win1252.h"
#include "partnerdesk/model/text.h"

/* 0x80-0x9F are where Windows-1252 differs from Latin-1. */
static const uint16_t c1_table[32] = {
	0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
	0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

size_t pd_win1252_undefined(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 && c <= 0x9F && c1_table[c - 0x80] == 0xFFFD)
			return i;
	}
	return len;
}

static bool ascii_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static bool ascii_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool ascii_letter(unsigned char c)
{
	return ascii_lower(c) || ascii_upper(c);
}

/* A letter as Windows-1252 reads the byte: ASCII's, Š Œ Ž š œ ž Ÿ, and
 * À to ÿ but × and ÷. */
static bool cp_letter(unsigned char c)
{
	return ascii_letter(c) || c == 0x8A || c == 0x8C || c == 0x8E || c == 0x9A || c == 0x9C
	       || c == 0x9E || c == 0x9F || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
}

/* A word's letters around u[i]: the count before it and after it. */
typedef struct around {
	const unsigned char *pre, *post;
	size_t before, after;
} around;

static around around_of(const unsigned char *u, size_t len, size_t i)
{
	around w = { .pre = u + i, .post = u + i + 1 };
	while (w.before < i && cp_letter(u[i - 1 - w.before]))
		w.before++;
	while (i + 1 + w.after < len && cp_letter(u[i + 1 + w.after]))
		w.after++;
	w.pre -= w.before;
	return w;
}

/* Whether the n letters at p are word, ASCII case aside. */
static bool letters_are(const unsigned char *p, size_t n, const char *word)
{
	if (strlen(word) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((p[i] | 0x20) != (unsigned char)word[i])
			return false;
	return true;
}

static bool letters_end(const unsigned char *p, size_t n, const char *word)
{
	size_t k = strlen(word);
	return n >= k && letters_are(p + n - k, k, word);
}

static bool vowel(unsigned char c)
{
	return c && strchr("aeiouyAEIOUY", c);
}

/* ’ (Mac Roman's í) inside a word where no apostrophe goes ("Garc’a",
 * "Mar’a", "Rodr’guez", "C’vico" for García, María, Rodríguez, Cívico):
 * not before a contraction ('s 't 'd 'm 're 've 'll 'em, Welsh 'r 'n 'w
 * 'i 'u 'ch, Qur'an, Hallowe'en, Jumu'ah), nor Breton c’h
 * ("Marchallac’h"), nor after an elision (qu’ dell’ aujourd’hui
 * entr’acte; l’ d’ O’ and the like before a vowel, h or a capital, as in
 * l’homme, O’Brien, Sa’id, and y’know). A name such as Shi’a or Ng’ang’a
 * is taken for Mac Roman: said, with its way out (--encoding
 * windows-1252). */
static bool odd_apostrophe(const unsigned char *u, size_t len, size_t i)
{
	around w = around_of(u, len, i);
	if (!w.before || !w.after)
		return false;
	static const char *const tails[] = { "s", "t", "d", "m", "r", "n", "w", "i", "u", "ll",
		"re", "ve", "em", "ch", "an", "en", "ah", NULL };
	static const char *const elided[] = { "quest", "tutt", "aujourd", "entr", "grand", "y", NULL };
	for (size_t k = 0; tails[k]; k++)
		if (letters_are(w.post, w.after, tails[k]))
			return false;
	for (size_t k = 0; elided[k]; k++)
		if (letters_are(w.pre, w.before, elided[k]))
			return false;
	unsigned char next = w.post[0];
	if ((w.pre[w.before - 1] | 0x20) == 'c' && (next | 0x20) == 'h')
		return false;
	if (letters_end(w.pre, w.before, "qu") || letters_end(w.pre, w.before, "ll"))
		return false;
	bool quoted = w.pre > u && w.pre[-1] == 0x92;   /* rock’n’roll */
	if (w.before <= 2)
		return !(quoted || vowel(next) || next == 'h' || next == 'H' || !ascii_lower(next));
	return true;
}

/* — (Mac Roman's ó) cutting a word's last letter off ("Asociaci—n",
 * "Le—n", "adi—s") or its capital ("G—mez", "C—rdoba"); not between
 * words, as English writes it ("library—and", "A—the"). */
static bool odd_em_dash(const unsigned char *u, size_t len, size_t i)
{
	around w = around_of(u, len, i);
	if (!w.before || !w.after)
		return false;
	if (w.before >= 2 && w.after == 1 && (w.post[0] == 'n' || w.post[0] == 's'))
		return true;
	return w.before == 1 && ascii_upper(w.pre[0]) && w.pre[0] != 'A' && w.pre[0] != 'I'
	       && ascii_lower(w.post[0]);
}

/* œ (Mac Roman's ú) where French has none: after a vowel ("Raœl",
 * "aœn"), ending a word ("Perœ", "Nœ–ez"), or inside a word before
 * other than u i e ("pœblico", "mœsica", "Tœnez"): French has cœur sœur
 * vœu œil, and œ before d n s c only first (œdème œnologie œsophage
 * œcuménique), cœl- and fœtus, and Phœbé, Phœnix. */
static bool odd_oe(const unsigned char *u, size_t len, size_t i)
{
	unsigned char prev = i ? u[i - 1] : 0, next = i + 1 < len ? u[i + 1] : 0;
	if (!cp_letter(prev))
		return false;
	if (vowel(prev) || !cp_letter(next))
		return true;
	unsigned char p = prev | 0x20, n = next | 0x20;
	if (!ascii_letter(next) || p == 'h' || strchr("uie", n))
		return false;
	return !((p == 'c' && n == 'l') || (p == 'f' && n == 't'));
}

/* š (Mac Roman's ö) after a word's capital first letter or after "sch"
 * or "schr" ("Kšln", "Gšteborg", "Mšller", "Schšn", "Schršder"); not Tš or Pš, which Finnish
 * and Czech write ("Tšekki", "Pšenice"), nor inside a Slavic word
 * ("Košice", "Miloš"). */
static bool odd_s_caron(const unsigned char *u, size_t len, size_t i)
{
	around w = around_of(u, len, i);
	if (!w.after || !ascii_lower(w.post[0]))
		return false;
	if (w.before == 1 && strchr("BDFGHJKLMNRW", w.pre[0]))
		return true;
	return letters_end(w.pre, w.before, "sch") || letters_end(w.pre, w.before, "schr");
}

size_t pd_win1252_mac_roman(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 1; i < len; i++) {
		unsigned char c = u[i], prev = u[i - 1], next = i + 1 < len ? u[i + 1] : 0;
		switch (c) {
		/* Capitals after a small letter: Mac Roman's ä å é ü ("BŠckerei",
		 * "CafŽ", "MŸnchen"); Windows-1252 text never has them there. */
		case 0x8A: case 0x8C: case 0x8E: case 0x9F:
			if (ascii_lower(prev))
				return i;
			break;
		/* Signs inside a word: Mac Roman's Ä É Ñ Ü á à â ã ï ò ô õ ß
		 * ("Stra§e", "Mal‡ga"). Not ’ – — … or the quotes, which
		 * Windows-1252 text does put between letters. */
		case 0x80: case 0x83: case 0x84: case 0x86: case 0x87: case 0x88: case 0x89:
		case 0x8B: case 0x95: case 0x98: case 0x99: case 0x9B: case 0xA7:
			if (ascii_letter(prev) && ascii_letter(next))
				return i;
			break;
		/* Capitals between small letters: Mac Roman's ’ “ ” ‘ – — as
		 * Windows-1252 reads them ("MenÕs", "PartnerÕs website"). */
		case 0xD0: case 0xD1: case 0xD2: case 0xD3: case 0xD4: case 0xD5:
			if (ascii_lower(prev) && ascii_lower(next))
				return i;
			break;
		/* … between capitals: Mac Roman's Ö ("BJ…RK"). */
		case 0x85:
			if (ascii_upper(prev) && ascii_upper(next))
				return i;
			break;
		/* – between small vowels: Mac Roman's ñ ("Espa–a", "ni–os",
		 * "Logro–o"); not a range of two single letters ("a–z"), nor a
		 * dash typed for a hyphen ("pre–school", "drop–in"). */
		case 0x96: {
			around w = around_of(u, len, i);
			if (ascii_lower(prev) && vowel(prev) && ascii_lower(next) && vowel(next)
			    && !(w.before == 1 && w.after == 1))
				return i;
			break;
		}
		case 0x92:
			if (odd_apostrophe(u, len, i))
				return i;
			break;
		case 0x97:
			if (odd_em_dash(u, len, i))
				return i;
			break;
		case 0x9C:
			if (odd_oe(u, len, i))
				return i;
			break;
		case 0x9A:
			if (odd_s_caron(u, len, i))
				return i;
			break;
		default:
			break;
		}
	}
	return len;
}

char *pd_win1252_to_utf8(const char *s, size_t len, size_t *out_len)
{
	/* Every byte becomes at most 3. */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	char *out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c;
		if (c >= 0x80 && c <= 0x9F)
			cp = c1_table[c - 0x80];
		o += pd_utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	if (out_len)
		*out_len = o;
	return out;
}

bool pd_utf8_has_multibyte(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = pd_utf8_decode(s + i, len - i, &cp);
		if (n > 1)
			return true;
		i += n;
	}
	return false;
}
