/* Key input below the keymap: bytes from curses made into characters
 * (UTF-8 or the locale's encoding, across reads), and bracketed pastes
 * made into text events. No terminal needed, so the tests drive it. */
#include <langinfo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <wctype.h>

#include "clock.h"
#include "input.h"
#include "partnerdesk/model/charset.h"

void pd_input_init_as(pd_input *in, bool utf8, bool ascii_locale)
{
	memset(in, 0, sizeof *in);
	in->utf8 = utf8;
	in->ascii_locale = ascii_locale;
	in->clock_ms = pd_ui_now_ms;
	pd_input_paste_end(in, NULL);
}

void pd_input_paste_end(pd_input *in, const char *marker)
{
	if (!marker || !*marker || strlen(marker) >= sizeof in->paste_end)
		marker = "\033[201~";
	snprintf(in->paste_end, sizeof in->paste_end, "%s", marker);
}

void pd_input_init(pd_input *in)
{
	const char *cs = nl_langinfo(CODESET);
	bool utf8 = pd_locale_utf8();
	bool ascii = cs && (strcmp(cs, "ANSI_X3.4-1968") == 0 || strcmp(cs, "ASCII") == 0 ||
	                    strcmp(cs, "US-ASCII") == 0 || strcmp(cs, "646") == 0);
	/* An ASCII-only locale (C, POSIX: LANG unset over SSH) cannot say
	 * what a byte above 127 is; the terminal nearly always sends UTF-8,
	 * which is what the database keeps. Read it as such rather than lose
	 * it; what cannot be UTF-8 is counted and told. Any other locale
	 * (UTF-8, Latin-1, EUC-JP) says itself how its bytes decode. */
	pd_input_init_as(in, utf8 || ascii, ascii);
}

void pd_input_drop(pd_input *in)
{
	in->npend = 0;
	in->in_paste = false;
	in->nmark = 0;
	in->mark_at = 0;
	in->after_cr = false;
}

int pd_input_escdelay(const char *env)
{
	if (env && *env) {
		char *end;
		long v = strtol(env, &end, 10);
		if (*end == '\0' && v >= 0 && v <= INT_MAX)
			return (int)v;
	}
	return PD_ESCDELAY_DEFAULT;
}

static bool is_control(wint_t c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
}

static void put_char(pd_input *in, wint_t c, pd_input_key out[], size_t *n)
{
	pd_input_key *k = &out[*n];
	memset(k, 0, sizeof *k);
	if (in->in_paste) {
		/* Terminals send a pasted newline as CR (tmux too), some as
		 * CR LF; either is one newline. Other control characters
		 * (Ctrl-S, Esc, a pasted escape sequence) are dropped: nothing
		 * pasted acts as a key. */
		bool lf_after_cr = c == L'\n' && in->after_cr;
		in->after_cr = c == L'\r';
		if (lf_after_cr)
			return;
		if (c == L'\r')
			c = L'\n';
		if (is_control(c) && c != L'\n' && c != L'\t')
			return;
		k->ev.pasted = true;
		k->ev.wch = c;
		(*n)++;
		return;
	}
	k->ev.key = (int)c;
	k->ev.wch = c;
	/* The C locale's iswprint knows no letter above ASCII; the code
	 * point does. */
	k->ev.is_char = in->ascii_locale && c >= 0x80 ? !is_control(c) : iswprint(c) != 0;
	if (c >= 0x80 && in->ascii_locale)
		in->n_foreign++;
	(*n)++;
}

static void drop_bad(pd_input *in, size_t count)
{
	in->last_bad = in->pend[0];
	in->n_bad += count;
	memmove(in->pend, in->pend + count, in->npend - count);
	in->npend -= count;
}

/* The length of a UTF-8 sequence from its first byte; 0 if none starts so. */
static size_t utf8_length(unsigned char b)
{
	if (b < 0x80)
		return 1;
	if (b >= 0xc2 && b <= 0xdf)
		return 2;
	if (b >= 0xe0 && b <= 0xef)
		return 3;
	if (b >= 0xf0 && b <= 0xf4)
		return 4;
	return 0;
}

/* Whether byte i of a sequence led by `lead` may be `b` (no overlong
 * forms, surrogates or code points past U+10FFFF). */
static bool utf8_follows(unsigned char lead, size_t i, unsigned char b)
{
	if (i == 1) {
		if (lead == 0xe0)
			return b >= 0xa0 && b <= 0xbf;
		if (lead == 0xed)
			return b >= 0x80 && b <= 0x9f;
		if (lead == 0xf0)
			return b >= 0x90 && b <= 0xbf;
		if (lead == 0xf4)
			return b >= 0x80 && b <= 0x8f;
	}
	return b >= 0x80 && b <= 0xbf;
}

static void decode_utf8(pd_input *in, pd_input_key out[], size_t *n)
{
	while (in->npend > 0) {
		size_t need = utf8_length(in->pend[0]);
		if (need == 0) {
			drop_bad(in, 1);
			continue;
		}
		size_t i = 1;
		while (i < need && i < in->npend && utf8_follows(in->pend[0], i, in->pend[i]))
			i++;
		if (i < need && i < in->npend) {
			/* Cut short by a byte that does not belong: what came
			 * before it is lost, that byte starts anew. */
			drop_bad(in, i);
			continue;
		}
		if (i < need)
			return;   /* the rest is in a later read */
		wint_t c = need == 1 ? in->pend[0] : (wint_t)(in->pend[0] & (0x7f >> need));
		for (size_t j = 1; j < need; j++)
			c = (c << 6) | (in->pend[j] & 0x3f);
		memmove(in->pend, in->pend + need, in->npend - need);
		in->npend -= need;
		put_char(in, c, out, n);
	}
}

static void decode_locale(pd_input *in, pd_input_key out[], size_t *n)
{
	while (in->npend > 0) {
		mbstate_t st;
		memset(&st, 0, sizeof st);
		wchar_t wc;
		size_t r = mbrtowc(&wc, (const char *)in->pend, in->npend, &st);
		if (r == (size_t)-2) {
			if (in->npend < sizeof in->pend)
				return;
			drop_bad(in, 1);
			continue;
		}
		if (r == (size_t)-1) {
			drop_bad(in, 1);
			continue;
		}
		if (r == 0)
			r = 1;   /* a NUL byte (Ctrl-Space) */
		memmove(in->pend, in->pend + r, in->npend - r);
		in->npend -= r;
		put_char(in, (wint_t)wc, out, n);
	}
}

static void decode(pd_input *in, pd_input_key out[], size_t *n)
{
	if (in->utf8)
		decode_utf8(in, out, n);
	else
		decode_locale(in, out, n);
}

/* The held start of an end marker turned out to be text: it is pasted as
 * such (an Esc in it dropped, as any pasted control). */
static void release_mark(pd_input *in, pd_input_key out[], size_t *n)
{
	size_t m = in->nmark;
	in->nmark = 0;
	for (size_t i = 0; i < m; i++) {
		in->pend[in->npend++] = in->mark[i];
		decode(in, out, n);
	}
}

/* In a paste, a byte that starts or goes on with the end marker is held
 * back rather than decided on: curses gives up on an Esc after ESCDELAY,
 * and a marker split over a slow link would otherwise be typed as
 * "[201~" with the paste going on. True when the byte was taken. */
static bool hold_mark(pd_input *in, unsigned char b, pd_input_key out[], size_t *n)
{
	size_t len = strlen(in->paste_end);
	if (in->nmark && (unsigned char)in->paste_end[in->nmark] == b) {
		in->mark[in->nmark++] = b;
		in->mark_at = in->clock_ms();
		if (in->nmark == len) {
			in->nmark = 0;
			in->in_paste = false;
		}
		return true;
	}
	if (in->nmark)
		release_mark(in, out, n);
	if (b != (unsigned char)in->paste_end[0])
		return false;
	/* A character left half-way is cut short by it, as by any byte
	 * that does not belong. */
	if (in->npend)
		drop_bad(in, in->npend);
	in->mark[0] = b;
	in->nmark = 1;
	in->mark_at = in->clock_ms();
	return true;
}

size_t pd_input_feed(pd_input *in, int key, pd_input_key out[PD_INPUT_MAX])
{
	size_t n = 0;
	if (key < 0)
		return 0;
	if (key > 0xff && key != KEY_RESIZE && in->nmark)
		release_mark(in, out, &n);
	if (key > 0xff) {
		/* A curses key code: a character left half-way never ends. */
		if (in->npend)
			drop_bad(in, in->npend);
		if (key == PD_KEY_PASTE_BEGIN) {
			in->in_paste = true;
			in->after_cr = false;
			return n;
		}
		if (key == PD_KEY_PASTE_END) {
			in->in_paste = false;
			return n;
		}
		if (in->in_paste && key != KEY_RESIZE)
			return n;   /* a pasted escape sequence is not a key */
		memset(&out[n], 0, sizeof out[n]);
		out[n].ev.key = key;
		out[n].code = true;
		return n + 1;
	}
	if (in->in_paste && hold_mark(in, (unsigned char)key, out, &n))
		return n;
	in->pend[in->npend++] = (unsigned char)key;
	decode(in, out, &n);
	return n;
}

size_t pd_input_quiet(pd_input *in, pd_input_key out[PD_INPUT_MAX])
{
	size_t n = 0;
	if (in->nmark) {
		if (in->clock_ms() - in->mark_at < PD_PASTE_MARK_WAIT_MS)
			return 0;   /* the rest of the marker may yet come */
		release_mark(in, out, &n);
	}
	if (in->npend)
		drop_bad(in, in->npend);
	in->in_paste = false;
	return n;
}
