/* Key input below the keymap (src/ui/input.c): characters decoded across
 * reads and whatever the locale, nothing after a bad byte lost, bracketed
 * pastes as text (never keys), and the Esc delay from ESCDELAY. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../tap.h"
#include "../../../src/ui/input.h"

/* What feeding `keys` (n values, as wgetch returns them) gives, as text:
 * a character as itself (UTF-8), a pasted one as "{c}", a key code as
 * "<code>", a control character as "^X". */
static const char *feed(pd_input *in, const int *keys, size_t n)
{
	static char out[4096];
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		pd_input_key k[PD_INPUT_MAX];
		size_t m = pd_input_feed(in, keys[i], k);
		for (size_t j = 0; j < m; j++) {
			char one[32];
			if (k[j].code) {
				snprintf(one, sizeof one, "<%d>", k[j].ev.key);
			} else if (k[j].ev.pasted) {
				char mb[8] = {0};
				if (k[j].ev.wch == L'\t')
					strcpy(mb, "\\t");
				else if (k[j].ev.wch == L'\n')
					strcpy(mb, "\\n");
				else
					wcrtomb(mb, (wchar_t)k[j].ev.wch, NULL);
				snprintf(one, sizeof one, "{%s}", mb);
			} else if (!k[j].ev.is_char) {
				snprintf(one, sizeof one, "^%c", k[j].ev.key < 32 ? '@' + k[j].ev.key : '?');
			} else {
				char mb[8] = {0};
				wcrtomb(mb, (wchar_t)k[j].ev.wch, NULL);
				snprintf(one, sizeof one, "%s", mb);
			}
			o += (size_t)snprintf(out + o, sizeof out - o, "%s", one);
		}
	}
	return out;
}

static size_t bytes(const char *s, int *keys)
{
	size_t n = 0;
	for (; *s; s++)
		keys[n++] = (unsigned char)*s;
	return n;
}

static const char *feed_str(pd_input *in, const char *s)
{
	int keys[512];
	return feed(in, keys, bytes(s, keys));
}

static void test_c_locale(void)
{
	/* LANG unset over SSH: the terminal sends UTF-8 all the same. */
	pd_input in;
	pd_input_init_as(&in, true, true);
	streq(feed_str(&in, "Ros\xc3\xa9 from the Caf\xc3\xa9 said"), "Rosé from the Café said",
	      "an ASCII locale: UTF-8 letters are read, and nothing after them is lost");
	ok(in.n_foreign == 2 && in.n_bad == 0, "two letters the locale cannot show are counted, no bad bytes");
	streq(feed_str(&in, "\xc5\x81\xc3\xb3\x64\xc5\xba \xed\x95\x9c\xea\xb5\xad \xf0\x9f\x91\x8d"), "Łódź 한국 👍",
	      "two-, three- and four-byte characters");

	/* One read may end inside a character. */
	int a[] = {'C', 'a', 'f', 0xc3};
	int b[] = {0xa9, '!'};
	streq(feed(&in, a, 4), "Caf", "a character cut by the end of a read waits");
	streq(feed(&in, b, 2), "é!", "and ends with the next read");
}

static void test_bad_bytes(void)
{
	pd_input in;
	pd_input_init_as(&in, true, true);
	/* A Latin-1 terminal in a C locale: é is 0xE9, not UTF-8. */
	streq(feed_str(&in, "Ros\xe9 from the Caf\xe9 said"), "Ros from the Caf said",
	      "a byte that is not UTF-8 is left out; the rest is all there");
	is(in.n_bad, 2, "and counted");
	is(in.last_bad, 0xe9, "the byte is known, to be named");
	streq(feed_str(&in, "x\xc3(y\xe2\x82z\x80\xc0\xaf\xed\xa0\x80!"), "x(yz!",
	      "cut sequences, lone continuations, overlong forms and surrogates are bad; what follows them is kept");
	int k[] = {0xc3, KEY_LEFT, 'a'};
	streq(feed(&in, k, 3), "<260>a", "a key code after half a character: the key and what follows");

	pd_input_init_as(&in, true, true);
	int half[] = {'o', 0xe2, 0x82};
	streq(feed(&in, half, 3), "o", "half a character at the end of the typing waits");
	pd_input_key none[PD_INPUT_MAX];
	is(pd_input_quiet(&in, none), 0, "a quiet second with half a character: nothing comes out");
	is(in.n_bad, 2, "a quiet second drops it, counted");
	streq(feed_str(&in, "k"), "k", "and the next key is a key");
}

static void test_locale_decoding(void)
{
	/* A locale that decodes itself (here C.UTF-8 through mbrtowc, as
	 * Latin-1 or EUC-JP would). */
	if (!setlocale(LC_CTYPE, "C.UTF-8")) {
		ok(1, "# SKIP no C.UTF-8 locale");
		return;
	}
	pd_input in;
	pd_input_init_as(&in, false, false);
	int a[] = {'d', 0xc3};
	int b[] = {0xa9, 'j', 0xe0, 'x'};
	streq(feed(&in, a, 2), "d", "the locale's decoder: a character cut by a read waits");
	streq(feed(&in, b, 4), "éjx", "ends with the next read; a bad byte is left out, the rest kept");
	is(in.n_bad, 1, "the bad byte is counted");
	is(in.n_foreign, 0, "a locale that can show them: nothing to tell");
	pd_input_init(&in);
	ok(in.utf8 && !in.ascii_locale, "pd_input_init: C.UTF-8 reads UTF-8");
	setlocale(LC_CTYPE, "C");
	pd_input_init(&in);
	ok(in.utf8 && in.ascii_locale, "pd_input_init: C reads UTF-8 too, and knows it cannot show it");
	setlocale(LC_CTYPE, "C.UTF-8");
}

static void test_paste(void)
{
	pd_input in;
	pd_input_init_as(&in, true, false);
	int k[64];
	size_t n = 0;
	k[n++] = PD_KEY_PASTE_BEGIN;
	n += bytes("a\tb\r\nc\rd\ne", k + n);
	k[n++] = 0x13;    /* C-s: would save */
	k[n++] = 27;      /* Esc: would cancel */
	k[n++] = KEY_UP;  /* a pasted escape sequence curses made a key */
	k[n++] = 0xc3;
	k[n++] = 0xa9;
	k[n++] = PD_KEY_PASTE_END;
	k[n++] = 'q';
	k[n++] = 0x13;
	streq(feed(&in, k, n), "{a}{\\t}{b}{\\n}{c}{\\n}{d}{\\n}{e}{é}q^S",
	      "a paste: TAB and newlines (CR, CR LF, LF) as text, control keys and key codes dropped; keys again after it");

	/* A paste that comes in several reads: the state carries over. */
	pd_input_init_as(&in, true, false);
	int r1[] = {PD_KEY_PASTE_BEGIN, 'x', '\r'};
	int r2[] = {'\n', '\t', KEY_RESIZE};
	int r3[] = {'y', PD_KEY_PASTE_END, '\t'};
	streq(feed(&in, r1, 3), "{x}{\\n}", "a paste in three reads: the first");
	streq(feed(&in, r2, 3), "{\\t}<410>", "the second (the LF of a CR LF cut by a read is no second newline; a resize still counts)");
	streq(feed(&in, r3, 3), "{y}^I", "the third; the TAB after the end is the key again");

	/* The end marker lost: a quiet second gives the keys back. */
	pd_input_init_as(&in, true, false);
	int lost[] = {PD_KEY_PASTE_BEGIN, 'z'};
	streq(feed(&in, lost, 2), "{z}", "a paste whose end never comes");
	pd_input_key none[PD_INPUT_MAX];
	pd_input_quiet(&in, none);
	streq(feed_str(&in, "\t"), "^I", "ends after a quiet second: TAB is a key again");
}

/* The tests' clock for the input's wait on a split end marker. */
static long long fake_now;
static long long fake_clock(void)
{
	return fake_now;
}

/* What a quiet second gives, as feed shows it. */
static const char *quiet(pd_input *in)
{
	static char out[64];
	pd_input_key k[PD_INPUT_MAX];
	size_t n = pd_input_quiet(in, k);
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(out + o, sizeof out - o, k[i].ev.pasted ? "{%lc}" : "%lc", (wint_t)k[i].ev.wch);
	return out;
}

static void test_paste_split_end(void)
{
	/* The end marker split by a slow link: curses gave up on the Esc
	 * after ESCDELAY and hands its bytes over one at a time, seconds
	 * apart. The paste ends there; "[201~" is not typed. */
	pd_input in;
	pd_input_init_as(&in, true, false);
	in.clock_ms = fake_clock;
	fake_now = 1000;
	int a[] = {PD_KEY_PASTE_BEGIN, 'h', 'i', 27};
	streq(feed(&in, a, 4), "{h}{i}", "a paste, then an Esc: held back");
	fake_now += 1000;
	streq(quiet(&in), "", "a quiet second: nothing given up yet");
	ok(in.in_paste, "and the paste goes on, waiting for the marker");
	streq(feed_str(&in, "[20"), "", "more of the marker: held");
	fake_now += 2500;
	streq(quiet(&in), "", "another quiet spell shorter than the wait since the last byte");
	streq(feed_str(&in, "1~"), "", "the rest of the marker");
	ok(!in.in_paste, "ends the paste");
	streq(feed_str(&in, "q\t"), "q^I", "keys are keys again, nothing of the marker typed");

	/* Split after its Esc alone, as the report saw it. */
	pd_input_init_as(&in, true, false);
	in.clock_ms = fake_clock;
	int b[] = {PD_KEY_PASTE_BEGIN, 'x', 27};
	streq(feed(&in, b, 3), "{x}", "an Esc at the end of a read");
	fake_now += 1500;
	streq(quiet(&in), "", "1.5 s later: still waiting");
	streq(feed_str(&in, "[201~y"), "y", "the rest comes: the paste ends, y is a key");

	/* An Esc in the pasted text (or a marker that never completes):
	 * what was held back is text, never lost. */
	pd_input_init_as(&in, true, false);
	in.clock_ms = fake_clock;
	int c[] = {PD_KEY_PASTE_BEGIN, 27, '[', '2', 'x'};
	streq(feed(&in, c, 5), "{[}{2}{x}", "a byte that is no marker: the held bytes are pasted text");
	int d[] = {27, '[', '2', '0'};
	streq(feed(&in, d, 4), "", "a marker's start...");
	fake_now += PD_PASTE_MARK_WAIT_MS;
	streq(quiet(&in), "{[}{2}{0}", "...given up on after the wait: pasted text, and the paste ends");
	ok(!in.in_paste, "keys are keys again");
	int e[] = {PD_KEY_PASTE_BEGIN, 27, '[', PD_KEY_PASTE_END, 'k'};
	streq(feed(&in, e, 5), "{[}k", "a key code while held: the held bytes first");

	/* The terminal's own marker. */
	pd_input_init_as(&in, true, false);
	pd_input_paste_end(&in, "\033[9~");
	int f[] = {PD_KEY_PASTE_BEGIN, 'p', 27, '[', '9', '~', 'j'};
	streq(feed(&in, f, 7), "{p}j", "a terminal's PE string ends the paste when split");
}

static void test_escdelay(void)
{
	is(pd_input_escdelay(NULL), PD_ESCDELAY_DEFAULT, "no ESCDELAY: the default");
	ok(PD_ESCDELAY_DEFAULT >= 100 && PD_ESCDELAY_DEFAULT <= 300,
	   "the default outlasts SSH jitter (at least 100 ms) and keeps Esc quick (at most 300 ms)");
	is(pd_input_escdelay("1000"), 1000, "ESCDELAY=1000 is taken");
	is(pd_input_escdelay("0"), 0, "ESCDELAY=0 is taken");
	is(pd_input_escdelay(""), PD_ESCDELAY_DEFAULT, "empty: the default");
	is(pd_input_escdelay("fast"), PD_ESCDELAY_DEFAULT, "not a number: the default");
	is(pd_input_escdelay("-5"), PD_ESCDELAY_DEFAULT, "negative: the default");
	is(pd_input_escdelay("25ms"), PD_ESCDELAY_DEFAULT, "trailing letters: the default");
}

/* What was typed before a flush is gone for the decoder too: half a
 * character does not join the next key, a paste begun does not swallow
 * the keys after it. */
static void test_drop(void)
{
	pd_input in;
	pd_input_init_as(&in, true, false);
	feed_str(&in, "\xc3");
	pd_input_drop(&in);
	streq(feed_str(&in, "a"), "a", "half a character typed before a flush does not eat the next key");
	int keys[4] = {PD_KEY_PASTE_BEGIN, 'x'};
	feed(&in, keys, 2);
	pd_input_drop(&in);
	streq(feed_str(&in, "o"), "o", "a paste begun before a flush: the next key is a key");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_c_locale();
	test_bad_bytes();
	test_locale_decoding();
	test_paste();
	test_paste_split_end();
	test_escdelay();
	test_drop();
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
