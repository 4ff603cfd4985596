/* Windows-1252 to UTF-8 conversion, and the test that tells a Windows-1252
 * file from a damaged UTF-8 one. */
#include <stdint.h>
#include <stdlib.h>

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

static bool ascii_letter(unsigned char c)
{
	return ascii_lower(c) || (c >= 'A' && c <= 'Z');
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
