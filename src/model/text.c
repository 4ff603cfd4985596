/* Locale-free text helpers: UTF-8 decoding and validation, and the simple
 * case folding that makes stored name keys and typed queries agree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Pairs where upper case is even and lower case is the next code point. */
static bool even_pair(uint32_t c, uint32_t lo, uint32_t hi)
{
	return c >= lo && c <= hi && (c & 1) == (lo & 1);
}

static const struct { uint16_t from, to; } latin_b_map[] = {
	{0x0181, 0x0253}, {0x0182, 0x0183}, {0x0184, 0x0185}, {0x0186, 0x0254},
	{0x0187, 0x0188}, {0x0189, 0x0256}, {0x018A, 0x0257}, {0x018B, 0x018C},
	{0x018E, 0x01DD}, {0x018F, 0x0259}, {0x0190, 0x025B}, {0x0191, 0x0192},
	{0x0193, 0x0260}, {0x0194, 0x0263}, {0x0196, 0x0269}, {0x0197, 0x0268},
	{0x0198, 0x0199}, {0x019C, 0x026F}, {0x019D, 0x0272}, {0x019F, 0x0275},
	{0x01A0, 0x01A1}, {0x01A2, 0x01A3}, {0x01A4, 0x01A5}, {0x01A6, 0x0280},
	{0x01A7, 0x01A8}, {0x01A9, 0x0283}, {0x01AC, 0x01AD}, {0x01AE, 0x0288},
	{0x01AF, 0x01B0}, {0x01B1, 0x028A}, {0x01B2, 0x028B}, {0x01B3, 0x01B4},
	{0x01B5, 0x01B6}, {0x01B7, 0x0292}, {0x01B8, 0x01B9}, {0x01BC, 0x01BD},
	{0x01C4, 0x01C6}, {0x01C5, 0x01C6}, {0x01C7, 0x01C9}, {0x01C8, 0x01C9},
	{0x01CA, 0x01CC}, {0x01CB, 0x01CC}, {0x01F1, 0x01F3}, {0x01F2, 0x01F3},
	{0x01F4, 0x01F5}, {0x01F6, 0x0195}, {0x01F7, 0x01BF}, {0x0220, 0x019E},
	{0x023A, 0x2C65}, {0x023B, 0x023C}, {0x023D, 0x019A}, {0x023E, 0x2C66},
	{0x0241, 0x0242}, {0x0243, 0x0180}, {0x0244, 0x0289}, {0x0245, 0x028C},
};

static uint32_t fold_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? c + 32 : c;
	if (c < 0x100) {
		if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
			return c + 32;
		if (c == 0xB5)               /* micro sign folds to mu */
			return 0x3BC;
		return c;
	}
	if (c < 0x180) {                 /* Latin Extended-A */
		if (c == 0x130)
			return 'i';
		if (c == 0x178)
			return 0xFF;
		if (c == 0x17F)
			return 's';
		if (even_pair(c, 0x100, 0x12F) || even_pair(c, 0x132, 0x137) ||
		    even_pair(c, 0x14A, 0x177))
			return c + 1;
		if (even_pair(c, 0x139, 0x148) || even_pair(c, 0x179, 0x17E))
			return c + 1;
		return c;
	}
	if (c < 0x250) {                 /* Latin Extended-B */
		for (size_t i = 0; i < sizeof latin_b_map / sizeof *latin_b_map; i++)
			if (latin_b_map[i].from == c)
				return latin_b_map[i].to;
		if (even_pair(c, 0x1CD, 0x1DC) || even_pair(c, 0x1DE, 0x1EF) ||
		    even_pair(c, 0x1F8, 0x21F) || even_pair(c, 0x222, 0x233) ||
		    even_pair(c, 0x246, 0x24F))
			return c + 1;
		return c;
	}
	if (c >= 0x370 && c < 0x400) {   /* Greek */
		if (even_pair(c, 0x370, 0x373) || c == 0x376)
			return c + 1;
		if (c == 0x37F) return 0x3F3;
		if (c == 0x386) return 0x3AC;
		if (c >= 0x388 && c <= 0x38A) return c + 37;
		if (c == 0x38C) return 0x3CC;
		if (c == 0x38E || c == 0x38F) return c + 63;
		if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB))
			return c + 32;
		if (c == 0x3C2) return 0x3C3;   /* final sigma matches sigma */
		if (c == 0x3CF) return 0x3D7;
		if (even_pair(c, 0x3D8, 0x3EF))
			return c + 1;
		if (c == 0x3F4) return 0x3B8;
		if (c == 0x3F7 || c == 0x3FA) return c + 1;
		if (c == 0x3F9) return 0x3F2;
		if (c >= 0x3FD && c <= 0x3FF) return c - 130;
		return c;
	}
	if (c >= 0x400 && c < 0x530) {   /* Cyrillic and its supplement */
		if (c <= 0x40F) return c + 80;
		if (c <= 0x42F) return c + 32;
		if (even_pair(c, 0x460, 0x481) || even_pair(c, 0x48A, 0x4BF))
			return c + 1;
		if (c == 0x4C0) return 0x4CF;
		if (even_pair(c, 0x4C1, 0x4CE))
			return c + 1;
		if (even_pair(c, 0x4D0, 0x52F))
			return c + 1;
		return c;
	}
	if (c >= 0x531 && c <= 0x556)    /* Armenian */
		return c + 48;
	if (c >= 0x1E00 && c <= 0x1EFF) { /* Latin Extended Additional (Vietnamese, Welsh) */
		if (c == 0x1E9E)
			return 0xDF;
		if (even_pair(c, 0x1E00, 0x1E95) || even_pair(c, 0x1EA0, 0x1EFF))
			return c + 1;
		return c;
	}
	if (c >= 0xFF21 && c <= 0xFF3A)  /* full-width Latin */
		return c + 32;
	return c;
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

char *pd_fold(const char *s)
{
	if (!s)
		s = "";
	size_t len = strlen(s);
	/* A folded code point never needs more than 3 bytes where its source
	 * used 2 (U+023A -> U+2C65), so 3/2 of the input plus one is enough. */
	char *out = malloc(len + len / 2 + 2);
	if (!out)
		return NULL;
	size_t i = 0, o = 0;
	while (i < len) {
		uint32_t cp;
		bool bad;
		size_t n = decode_checked(s + i, len - i, &cp, &bad);
		if (bad)
			out[o++] = s[i];
		else
			o += pd_utf8_encode(fold_cp(cp), out + o);
		i += n;
	}
	out[o] = '\0';
	return out;
}

int pd_fold_cmp(const char *a, const char *b)
{
	if (!a) a = "";
	if (!b) b = "";
	size_t la = strlen(a), lb = strlen(b), i = 0, j = 0;
	while (i < la && j < lb) {
		uint32_t ca, cb;
		bool bad_a, bad_b;
		size_t na = decode_checked(a + i, la - i, &ca, &bad_a);
		size_t nb = decode_checked(b + j, lb - j, &cb, &bad_b);
		/* Invalid bytes sort after every code point, by their value. */
		ca = bad_a ? 0x110000u + (unsigned char)a[i] : fold_cp(ca);
		cb = bad_b ? 0x110000u + (unsigned char)b[j] : fold_cp(cb);
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

char *pd_trim(char *s)
{
	if (!s)
		return s;
	char *p = s;
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
		p++;
	size_t n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' ||
	                 p[n - 1] == '\r' || p[n - 1] == '\f' || p[n - 1] == '\v'))
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
