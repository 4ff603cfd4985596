/* Turns what curses reads (bytes and KEY_* codes, from wgetch) into events
 * (private to src/ui): characters decoded whatever the read boundaries and
 * the locale, and a bracketed paste taken as text, never as keys. */
#ifndef PD_UI_INPUT_H
#define PD_UI_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <curses.h>

#include "partnerdesk/ui/pane.h"

/* The codes curses returns for the paste brackets (define_key). */
#define PD_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define PD_KEY_PASTE_END (KEY_MAX + 2)

/* When ESCDELAY is not set: how long a lone Esc waits for the rest of an
 * escape sequence (ms). */
#define PD_ESCDELAY_DEFAULT 200

/* In a paste, how long the start of an end marker split by the link (an
 * Esc curses gave up on after ESCDELAY) waits for the rest (ms); past it
 * the bytes are pasted text. */
#define PD_PASTE_MARK_WAIT_MS 3000

/* At most this many events come out of one key fed in. */
#define PD_INPUT_MAX 8

typedef struct pd_input {
	bool utf8;            /* decode UTF-8 (a UTF-8 locale, or an ASCII-only one) */
	bool ascii_locale;    /* the locale's own encoding is ASCII (C, POSIX) */
	unsigned char pend[PD_INPUT_MAX];   /* a character's bytes so far */
	size_t npend;
	bool in_paste;
	char paste_end[PD_INPUT_MAX - 1];   /* the end marker (the terminal's PE) */
	unsigned char mark[PD_INPUT_MAX];   /* in a paste: a marker's start held back */
	size_t nmark;
	long long mark_at;    /* clock_ms() when its last byte came */
	long long (*clock_ms)(void);   /* monotonic ms; the tests' seam */
	bool after_cr;        /* in a paste: an LF just after a CR is that newline */
	size_t n_bad;         /* bytes that could not be decoded, in all */
	unsigned char last_bad;
	size_t n_foreign;     /* non-ASCII characters read as UTF-8 in an ASCII locale */
} pd_input;

typedef struct pd_input_key {
	pd_event ev;          /* action PD_ACT_NONE: the caller asks the keymap */
	bool code;            /* ev.key is a curses KEY_* code */
} pd_input_key;

/* Set up for the current LC_CTYPE. */
void pd_input_init(pd_input *in);
/* Set up as told (the tests): decode UTF-8 or the locale's encoding;
 * ascii: the locale shows ASCII only. */
void pd_input_init_as(pd_input *in, bool utf8, bool ascii_locale);

/* The bytes that end a paste when curses gives them one at a time (its
 * own match, PD_KEY_PASTE_END, missed them: they came split by more than
 * ESCDELAY). Default "\033[201~", also for a marker longer than 6 bytes
 * (what is held comes out in one call's events). */
void pd_input_paste_end(pd_input *in, const char *marker);

/* Feeds one value wgetch returned; writes what it completes into out and
 * returns how many. Pasted text comes out with ev.pasted set, ev.key 0
 * and ev.wch the character (a TAB and a newline included). */
size_t pd_input_feed(pd_input *in, int key, pd_input_key out[PD_INPUT_MAX]);

/* Nothing arrived for a while: a character left unfinished is dropped
 * (counted in n_bad), and a paste whose end never came ends, so that
 * keys are keys again; but the start of an end marker held for less than
 * PD_PASTE_MARK_WAIT_MS waits on. Held bytes given up on come out in out
 * as pasted text; returns how many events. */
size_t pd_input_quiet(pd_input *in, pd_input_key out[PD_INPUT_MAX]);

/* What was typed so far is dropped (the caller flushed the terminal's
 * queue): a character half read, a paste begun, a marker held back. The
 * counts of bad and foreign input stay. */
void pd_input_drop(pd_input *in);

/* The Esc delay in ms from the ESCDELAY environment value (NULL when
 * unset): the value when it is a number of ms, else the default. */
int pd_input_escdelay(const char *env);

#endif
