/* The one sanitizer for the command line's terminal output, and the display
 * width of what it produces (for aligned tables of UTF-8 names). */
/* wcwidth is an X/Open function. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "partnerdesk/cli/sanitize.h"
#include "partnerdesk/model/grapheme.h"
#include "partnerdesk/model/text.h"

/* Decodes one well-formed UTF-8 sequence of a NUL-terminated string;
 * returns its length, or 0 when the byte at s does not start one. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
	/* strnlen: a sequence is at most 4 bytes, and never runs past the NUL. */
	size_t len = pd_utf8_decode((const char *)s, strnlen((const char *)s, 4), cp);
	return *cp == 0xFFFD && len == 1 ? 0 : len;
}

char *pd_sanitize(const char *s, unsigned flags)
{
	pd_strbuf b = {0};
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	char tmp[PD_PLACEHOLDER_MAX];

	pd_strbuf_put(&b, "", 0);
	while (*u) {
		uint32_t cp;
		size_t len = utf8_next(u, &cp);
		if (len == 0) {
			snprintf(tmp, sizeof tmp, "\\x%02x", *u);
			pd_strbuf_put(&b, tmp, strlen(tmp));
			u++;
			continue;
		}
		if ((cp == '\n' || cp == '\t') && (flags & PD_SANITIZE_NEWLINES))
			pd_strbuf_put(&b, (const char *)u, 1);
		else if (pd_text_placeholder(cp, PD_PLACEHOLDER_PLAIN, tmp))
			pd_strbuf_put(&b, tmp, strlen(tmp));
		else
			pd_strbuf_put(&b, (const char *)u, len);
		u += len;
	}
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* Columns of one code point when the locale cannot say (C/POSIX): wide East
 * Asian blocks take two, combining marks none. */
static int fallback_width(uint32_t cp)
{
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) ||
	    (cp >= 0x0591 && cp <= 0x05BD) || (cp >= 0x0610 && cp <= 0x061A) ||
	    (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 ||
	    (cp >= 0x06D6 && cp <= 0x06ED) || (cp >= 0x200B && cp <= 0x200F) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F))
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
	    (cp >= 0x3041 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x1F900 && cp <= 0x1F9FF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

static int cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);
	if (w >= 0 && !(w == 1 && cp > 0x7F && fallback_width(cp) != 1))
		return w;
	/* wcwidth says -1 for anything beyond ASCII in the C locale, and 1 for
	 * everything in some minimal ones; the table knows better there. */
	return cp < 0x20 ? 0 : fallback_width(cp);
}

size_t pd_text_width(const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t w = 0;
	while (*u) {
		uint32_t cp;
		size_t len = utf8_next(u, &cp);
		if (len == 0) {
			w++;
			u++;
			continue;
		}
		w += (size_t)cp_width(cp);
		u += len;
	}
	return w;
}

char *pd_text_fit(const char *s, size_t cols)
{
	return pd_text_fit_mark(s, cols, "...");
}

char *pd_text_fit_mark(const char *s, size_t cols, const char *mark)
{
	if (!s)
		s = "";
	if (pd_text_width(s) <= cols)
		return strdup(s);
	/* Text cut without its mark would pass for whole. */
	size_t mark_w = pd_text_width(mark);
	if (mark_w > cols)
		return strdup("");
	size_t budget = cols - mark_w;
	/* Cut before the last grapheme cluster that does not fit whole, as
	 * the interface's draw routine clips: never half a flag, an emoji
	 * without its skin tone or the rest of a ZWJ family, or a letter
	 * without its spacing vowel sign ("कि" cut to "क" reads as another
	 * syllable). */
	const unsigned char *u = (const unsigned char *)s;
	pd_grapheme gr = {0};
	size_t w = 0, bytes = 0, cluster = 0;
	while (u[bytes]) {
		uint32_t cp;
		size_t len = utf8_next(u + bytes, &cp);
		int cw = len ? cp_width(cp) : 1;
		if (len == 0) {
			len = 1;
			cp = 0xFFFD;   /* a byte that is not UTF-8: a cluster of its own */
		}
		if (pd_grapheme_starts(&gr, cp))
			cluster = bytes;
		if (w + (size_t)cw > budget) {
			bytes = cluster;
			break;
		}
		w += (size_t)cw;
		bytes += len;
	}
	size_t mark_len = strlen(mark);
	char *out = malloc(bytes + mark_len + 1);
	if (!out)
		return NULL;
	memcpy(out, s, bytes);
	memcpy(out + bytes, mark, mark_len + 1);
	return out;
}
