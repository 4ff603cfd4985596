/* Unit tests of the locale-free text helpers: folding beyond ASCII (and
 * that a key folds to itself), folded comparison, UTF-8 validation and
 * decoding, trim and strings. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tap.h"
#include "partnerdesk/model/strv.h"
#include "partnerdesk/model/text.h"

static utf8proc_int32_t plain_i(utf8proc_int32_t cp, void *data)
{
	(void)data;
	return cp == 0x130 ? 'I' : cp;
}

/* pd_fold hands utf8proc only the stretches around non-ASCII text; the
 * answer must be the one for the whole text at once (NFKC_Casefold of the
 * whole, which composes and reorders across those edges, folded again:
 * folding does not undo what the whole-text step did). Fixed-seed strings
 * of pieces that compose, reorder and fold across those edges. */
static void fold_in_pieces_is_fold_whole(void)
{
	static const char *const pieces[] = {
		"e", "E", "a", " ", "\xcc\x81", "\xcc\xa3", "\xcc\x82", "\xc3\xa9", "\xc3\x89",
		"\xe1\x84\x89", "\xe1\x85\xa5", "\xe1\x86\xaf", "\xec\x84\x9c", "\xef\xac\x81",
		"\xc2\xad", "\xc3\x9f", "\xc4\xb0", "\xef\xbc\xa1", "\xce\xa3", "\xcd\x85", "I", "\n",
	};
	const size_t np = sizeof pieces / sizeof *pieces;
	uint32_t seed = 12345;
	int bad = 0;
	char text[128], first_bad[128] = "";
	for (int round = 0; round < 5000; round++) {
		size_t n = 0;
		text[0] = '\0';
		int k = 1 + round % 9;
		for (int p = 0; p < k; p++) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = pieces[(seed >> 16) % np];
			memcpy(text + n, piece, strlen(piece) + 1);
			n += strlen(piece);
		}
		utf8proc_uint8_t *whole = NULL;
		utf8proc_ssize_t wn = utf8proc_map_custom((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)n, &whole,
			UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE,
			plain_i, NULL);
		char *f = pd_fold(text), *g = wn < 0 ? NULL : pd_fold((const char *)whole);
		if (!g || !f || strcmp(f, g) != 0) {
			if (!bad++)
				memcpy(first_bad, text, n + 1);
		}
		free(f);
		free(g);
		free(whole);
	}
	ok(bad == 0, "5,000 mixed texts fold in pieces as they fold whole (%d differ; first: \"%s\")",
		bad, first_bad);
}

static void fold_is(const char *in, const char *want)
{
	char *f = pd_fold(in);
	streq(f, want, "fold \"%s\"", in);
	free(f);
}

/* Diacritics go the way a librarian on a UK or US keyboard types a name
 * (NACO): the key of the name as written is the key of the name typed
 * plain. Marks that are letters of their scripts stay. */
static void diacritics_fold_as_typed(void)
{
	static const char *const plain[][2] = {
		{"Café Olé Coffee Roasters", "cafe ole coffee roasters"},
		{"Łódź Sister City Committee", "lodz sister city committee"},
		{"Amgueddfa Ŵyl Llŷn", "amgueddfa wyl llyn"},
		{"Ñandú Öl Çay Ąa Ő", "nandu ol cay aa o"},
		{"Ἀθῆναι Άρτα ΐ", "αθηναι αρτα ι"},                  /* Greek tonos, breathings */
		{"Ёлка Йошкар Її", "елка иошкар іі"},                /* Cyrillic breve, diaeresis */
		{"Łł Øø Đđ Ðð Ħħ Iı", "ll oo dd dd hh ii"},         /* no decomposition: NACO's letters */
		{"Æsir Œuvre Þing ǢǼ", "aesir oeuvre thing aeae"},   /* one letter, two typed */
		{"Straße", "strasse"},
		{"Vi\xe1\xbb\x87t Nam \xc6\xa0\xc6\xb0", "viet nam ou"},   /* Việt, Ơư: stacked marks, horn */
		/* Arabic harakat (fatha, sukun, shadda, tanwin, superscript alef) */
		{"\xd9\x85\xd9\x8e\xd9\x83\xd9\x92\xd8\xaa\xd9\x8e\xd8\xa8\xd9\x8e\xd8\xa9\xd9\x8c "
		 "\xd8\xb1\xd9\x8e\xd8\xad\xd9\x92\xd9\x85\xd9\x80\xd9\xb0\xd9\x86 \xd8\xb4\xd9\x91",
		 "\xd9\x85\xd9\x83\xd8\xaa\xd8\xa8\xd8\xa9 \xd8\xb1\xd8\xad\xd9\x85\xd9\x80\xd9\x86 \xd8\xb4"},
		/* Hebrew points and a cantillation mark; שׁ from its presentation form */
		{"\xd7\xa9\xd7\x81\xd6\xb8\xd7\x9c\xd7\x95\xd6\xb9\xd7\x9d\xd6\x91 \xef\xac\xaa",
		 "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\xa9"},
	};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		fold_is(plain[i][0], plain[i][1]);

	/* Marks that are letters, or make letters, fold as before: exactly. */
	static const char *const kept[] = {
		"\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf \xd8\xa5 \xd8\xa2 \xd8\xa4 \xd8\xa6",   /* Arabic hamza, madda: أحمد إ آ ؤ ئ */
		"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d\xd6\xbe\xd7\x90",                           /* Hebrew maqaf */
		"\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\x82\xe0\xa4\xa6\xe0\xa5\x80 \xe0\xa4\x95\xe0\xa4\xbc",   /* हिंदी, क़ */
		"\xe0\xb9\x84\xe0\xb8\x97\xe0\xb8\xa2 \xe0\xb8\x81\xe0\xb8\xb4\xe0\xb9\x88",                   /* Thai: ไทย กิ่ */
		"\xe3\x81\x8c\xe3\x81\xa3\xe3\x81\x93\xe3\x81\x86 \xe3\x83\x91",            /* がっこう パ */
		"\xec\x84\x9c\xec\x9a\xb8 \xeb\x8f\x84\xec\x84\x9c\xea\xb4\x80",           /* 서울 도서관 */
		"\xd2\x91 \xd3\x99",                                                                  /* ґ ә */
	};
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
		fold_is(kept[i], kept[i]);
	/* Voicing marks typed apart still compose: が is not か. */
	fold_is("\xe3\x81\x8b\xe3\x82\x99", "\xe3\x81\x8c");
	ok(pd_fold_cmp("\xe3\x81\x8c", "\xe3\x81\x8b") != 0, "\xe3\x81\x8c is not \xe3\x81\x8b");
	/* A Devanagari name is not found by its bare consonants. */
	ok(pd_fold_cmp("\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\x82\xe0\xa4\xa6\xe0\xa5\x80",
	               "\xe0\xa4\xb9\xe0\xa4\xa6") != 0, "a Devanagari vowel sign is a letter");
	ok(pd_fold_cmp("Café Olé", "CAFE OLE") == 0, "Café Olé equals CAFE OLE folded");
}

/* A key is its own key: a name folded and stored (name_fold, a search
 * document) is compared with a query folded, and what the migrations
 * fold again must come out as it was. Every code point U+0001-U+10FFFF,
 * surrogates aside, alone and between letters (a compatibility
 * decomposition may give a mark or punctuation the fold maps only when
 * it is typed: ŉ is ʼn, ‴ three ′). */
static void fold_is_idempotent(void)
{
	long bad = 0, keys_bad = 0;
	char first[64] = "";
	for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char s[16] = "a";
		size_t n = 1 + pd_utf8_encode(cp, s + 1);
		s[n++] = 'B';
		s[n] = '\0';
		for (int whole = 0; whole < 2; whole++) {
			const char *in = whole ? s : s + 1;
			if (!whole)
				s[n - 1] = '\0';
			char *f = pd_fold(in), *g = f ? pd_fold(f) : NULL;
			char *k = pd_name_key(in), *kk = k ? pd_name_key(k) : NULL;
			if (!f || !g || strcmp(f, g) != 0) {
				if (!bad++)
					snprintf(first, sizeof first, "U+%04X: \"%s\" \"%s\"", (unsigned)cp,
						f ? f : "(null)", g ? g : "(null)");
			}
			keys_bad += !k || !kk || strcmp(k, kk) != 0;
			free(f);
			free(g);
			free(k);
			free(kk);
			s[n - 1] = 'B';
		}
	}
	ok(bad == 0, "fold(fold(x)) is fold(x) for every code point (%ld differ; first %s)", bad, first);
	ok(keys_bad == 0, "and a name key is its own key (%ld differ)", keys_bad);
	static const char *const were[][2] = {
		{"\xc5\x89", "'n"},                  /* ŉ: ʼn */
		{"\xe2\x80\xb4 \xe2\x81\x97", "''' ''''"},   /* ‴ ⁗ */
		{"\xe2\x81\xbb\xe2\x82\x8b", "--"},       /* superscript, subscript minus */
		{"\xef\xb8\xb1\xef\xb8\xb2\xef\xb9\x98", "---"},   /* vertical dashes, small em dash */
	};
	for (size_t i = 0; i < sizeof were / sizeof were[0]; i++)
		fold_is(were[i][0], were[i][1]);
}

int main(void)
{
	fold_is_idempotent();
	fold_is("Museum of ART", "museum of art");
	fold_is("MUSÉE", "musee");
	fold_is("Łódź", "lodz");
	fold_is("ŁÓDŹ", "lodz");
	fold_is("ÀÉÎÕÜÇÑØÅÆÞ", "aeioucnoaaeth");
	fold_is("Straße", "strasse");               /* full folding: strasse finds Straße */
	fold_is("×", "×");                       /* multiplication sign is no letter */
	fold_is("ŠKODA ŽĎĽ", "skoda zdl");         /* Latin Extended-A */
	fold_is("İstanbul", "istanbul");
	fold_is("ǄǅǆǇ", "dzdzdzlj");               /* digraphs as their letters (dž, lj) */
	fold_is("ƏLİYEV", "əliyev");
	fold_is("ΑΘΗΝΑ Ά", "αθηνα α");            /* Greek, tonos dropped */
	fold_is("ΟΔΥΣΣΕΥΣ", "οδυσσευσ");
	fold_is("ς", "σ");                        /* final sigma matches sigma */
	fold_is("МОСКВА Ёж", "москва еж");        /* Cyrillic */
	fold_is("ЇЖАК Ґ", "іжак ґ");               /* ґ is its own letter, no mark */
	fold_is("ՀԱՅԱՍՏԱՆ", "հայաստան");          /* Armenian */
	fold_is("ＡＢＣ", "abc");                   /* full-width Latin is plain Latin */
	fold_is("ẞ", "ss");
	fold_is("漢字 😀", "漢字 😀");
	fold_is("", "");
	fold_in_pieces_is_fold_whole();
	diacritics_fold_as_typed();

	/* One key whichever way the text was composed (NFKC_Casefold): a name
	 * pasted decomposed, as macOS and many web pages give it, keys as the
	 * same name typed on a keyboard. */
	fold_is("Muse\xcc\x81" "e d\xe2\x80\x99Orsay Cafe\xcc\x81", "musee d'orsay cafe");
	/* A spreadsheet's typographic punctuation folds to the keyboard's. */
	fold_is("St Mary\xe2\x80\x99s", "st mary's");
	fold_is("\xe2\x80\x98Quoted\xe2\x80\x99 \xe2\x80\x9cTwice\xe2\x80\x9d", "'quoted' \"twice\"");
	fold_is("Arts\xe2\x80\x93" "Culture \xe2\x80\x94 Trust\xe2\x80\x91" "Fund", "arts-culture - trust-fund");
	fold_is("Hawai\xca\xbci", "hawai'i");   /* MODIFIER LETTER APOSTROPHE */
	fold_is("MUSE\xcc\x81" "E", "musee");                  /* E + COMBINING ACUTE */
	fold_is("\xc5\x81o\xcc\x81" "dz\xcc\x81", "lodz");   /* Łódź, ó and ź decomposed */
	fold_is("Vie\xcc\xa3\xcc\x82t", "viet");          /* marks in either order: ệ */
	fold_is("Vie\xcc\x82\xcc\xa3t", "viet");
	/* Hangul: 서울 as conjoining jamo (macOS file names) and as syllables. */
	fold_is("\xe1\x84\x89\xe1\x85\xa5\xe1\x84\x8b\xe1\x85\xae\xe1\x86\xaf", "\xec\x84\x9c\xec\x9a\xb8");
	fold_is("\xec\x84\x9c\xec\x9a\xb8", "\xec\x84\x9c\xec\x9a\xb8");
	/* Compatibility forms as their plain letters. */
	fold_is("\xef\xbd\x8d\xef\xbd\x95\xef\xbd\x93\xef\xbd\x85\xef\xbd\x95\xef\xbd\x8d", "museum");  /* ｍｕｓｅｕｍ */
	fold_is("\xef\xac\x81nance O\xef\xac\x83" "ce", "finance office");   /* ﬁ, ﬃ ligatures */
	fold_is("Caf\xc3\xa9\xc2\xa0Rouge", "cafe rouge");         /* no-break space */
	fold_is("Mu\xc2\xadse\xe2\x80\x8bum", "museum");                   /* soft hyphen, zero-width space */
	/* Folding twice changes nothing (stored keys are folded again by the
	 * sort key and check). */
	static const char *const twice[] = {
		"Muse\xcc\x81" "e", "\xe1\x84\x89\xe1\x85\xa5", "\xef\xac\x81", "Stra\xc3\x9f" "e",
		"\xc4\xb0stanbul", "\xce\x8f\xcd\x85", "\xe1\xbe\x88", "A\xff\xcc\x81",
	};
	for (size_t i = 0; i < sizeof twice / sizeof *twice; i++) {
		char *f1 = pd_fold(twice[i]), *f2 = f1 ? pd_fold(f1) : NULL;
		ok(f1 && f2 && strcmp(f1, f2) == 0, "folding \"%s\" again changes nothing", twice[i]);
		free(f1);
		free(f2);
	}

	/* Invalid bytes are kept as they are. */
	char *f = pd_fold("A\xff" "B\xc3");
	ok(f && strcmp(f, "a\xff" "b\xc3") == 0, "invalid bytes pass through fold");
	free(f);
	f = pd_fold(NULL);
	streq(f, "", "fold NULL is empty");
	free(f);

	/* The sort key: folded, Latin diacritics and ligatures as plain letters. */
	static const char *const keys[][2] = {
		{"Łódź Sister City Committee", "lodz sister city committee"},
		{"Cymdeithas Gŵyl Ddewi", "cymdeithas gwyl ddewi"},
		{"Émile ÆBLE Øresund", "emile aeble oresund"},
		{"Straße Þingvellir Œuvre", "strasse thingvellir oeuvre"},
		{"ĐURO Ħal İzmir ŠKODA Ž", "duro hal izmir skoda z"},
		{"Việt Nam ẞ", "viet nam ss"},
		{"Cafe\xcc\x81 decomposed", "cafe decomposed"},   /* e + combining acute */
		{"\xc5\x81o\xcc\x81" "dz\xcc\x81", "lodz"},                   /* Łódź decomposed */
		{"\xe1\x84\x89\xe1\x85\xa5\xe1\x84\x8b\xe1\x85\xae\xe1\x86\xaf", "\xec\x84\x9c\xec\x9a\xb8"},   /* 서울 from jamo */
		{"\xef\xbc\xa1\xef\xbc\xa2", "ab"},                         /* full-width ＡＢ among the A's */
		{"Дом культуры 서울 جمعية", "дом культуры 서울 جمعية"},
		{"A\xff", "a\xff"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char *k = pd_sort_key(keys[i][0]);
		streq(k, keys[i][1], "sort key of \"%s\"", keys[i][0]);
		free(k);
	}
	f = pd_sort_key(NULL);
	streq(f, "", "sort key of NULL is empty");
	free(f);

	ok(pd_fold_cmp("musée", "MUSÉE") == 0, "musée equals MUSÉE folded");
	ok(pd_fold_cmp("łódź", "Łódź") == 0, "łódź equals Łódź folded");
	ok(pd_fold_cmp("apple", "Banana") < 0, "apple sorts before Banana");
	ok(pd_fold_cmp("Zoo", "apple") > 0, "Zoo sorts after apple");
	ok(pd_fold_cmp("abc", "abcd") < 0, "a prefix sorts first");
	ok(pd_fold_cmp("abcd", "ABC") > 0, "longer sorts after its prefix");
	ok(pd_fold_cmp(NULL, "") == 0, "NULL compares as empty");
	ok(pd_fold_cmp("ж", "f") > 0, "code point order beyond ASCII");
	ok(pd_fold_cmp("é", "f") < 0, "é sorts as e, before f");
	ok(pd_fold_cmp("Musée", "MUSE\xcc\x81" "E") == 0, "Musée equals MUSÉE decomposed");
	ok(pd_fold_cmp("\xec\x84\x9c", "\xe1\x84\x89\xe1\x85\xa5") == 0, "서 equals its jamo");
	ok(pd_fold_cmp("\xff", "\xf0\x9f\x98\x80") > 0, "an invalid byte sorts after every code point");

	ok(pd_utf8_valid("plain", 5), "ASCII is valid");
	ok(pd_utf8_valid("łódź 😀", strlen("łódź 😀")), "multi-byte is valid");
	ok(!pd_utf8_valid("\xc0\xaf", 2), "overlong is invalid");
	ok(!pd_utf8_valid("\xed\xa0\x80", 3), "surrogate is invalid");
	ok(!pd_utf8_valid("\xf4\x90\x80\x80", 4), "beyond U+10FFFF is invalid");
	ok(!pd_utf8_valid("\xe2\x82", 2), "truncated is invalid");
	ok(!pd_utf8_valid("\x80", 1), "stray continuation is invalid");
	ok(pd_utf8_valid("\xef\xbf\xbd", 3), "a real U+FFFD is valid");

	is(pd_utf8_cut("abc", 3, 10), 3, "cut: what fits is kept whole");
	is(pd_utf8_cut("abc", 3, 2), 2, "cut: ASCII at the limit");
	is(pd_utf8_cut("a\xea\xb5\xad", 4, 2), 1, "cut: not inside a three-byte character");
	is(pd_utf8_cut("a\xea\xb5\xad", 4, 3), 1, "cut: not before its last byte either");
	is(pd_utf8_cut("\xf0\x9f\x93\x9a!", 5, 4), 4, "cut: right after a four-byte character");
	is(pd_utf8_cut("\xf0\x9f\x93\x9a!", 5, 3), 0, "cut: nothing rather than part of one");
	is(pd_utf8_cut("\x80\x80\x80\x80\x80", 5, 4), 4, "cut: not UTF-8, cut at the limit");

	char fit[16];
	streq(pd_utf8_fit(fit, sizeof fit, "abc", 3), "abc", "fit: what fits is kept whole");
	streq(pd_utf8_fit(fit, sizeof fit, "Stra\xc3\x9f" "e", 5), "Stra...", "fit: not inside ß, ... marks the cut");
	streq(pd_utf8_fit(fit, 8, "\xea\xb5\xad\xea\xb5\xad\xea\xb5\xad", 60), "\xea\xb5\xad...",
		"fit: a small buffer cuts shorter, on an edge");
	/* A reader's character, not a code point: a letter and its accent
	 * typed apart (w + U+0302 COMBINING CIRCUMFLEX, as a Mac's file
	 * names and some address books keep them), a Hangul syllable in
	 * jamo, a flag, are kept whole or left out whole. */
	char name[64];
	streq(pd_utf8_fit(name, sizeof name, "Caerdyw\xcc\x82", 8), "Caerdy...",
		"fit: w and its circumflex are one character, not cut apart");
	streq(pd_utf8_fit(name, sizeof name, "Caerdyw\xcc\x82", 9), "Caerdyw\xcc\x82", "fit: kept when it fits");
	streq(pd_utf8_fit(name, sizeof name, "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab!", 7), "...",
		"fit: a syllable in jamo (\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab) whole or not at all");
	streq(pd_utf8_fit(name, sizeof name, "ab\xf0\x9f\x87\xac\xf0\x9f\x87\xa7", 9), "ab...",
		"fit: not half a flag");
	char msg[8];
	pd_format(msg, sizeof msg, "%s!", "ab\xea\xb5\xad\xea\xb5\xad");
	streq(msg, "ab...", "format: a long message ends on an edge, with ...");
	pd_format(msg, sizeof msg, "%d", 42);
	streq(msg, "42", "format: a short message as snprintf has it");
	/* The last few bytes of a buffer a message is built in piece by
	 * piece: no room for "...", and none for half a character. */
	pd_format(msg, 3, "'%s", "\xc3\x89lan");
	streq(msg, "'", "format: in 3 bytes, not the first byte of \xc3\x89");
	pd_format(msg, 2, "%s", "\xc3\x89lan");
	streq(msg, "", "format: in 2 bytes, nothing of \xc3\x89 rather than half");
	pd_format(msg, 3, "%s", "\xc3\x89lan");
	streq(msg, "\xc3\x89", "format: in 3 bytes, \xc3\x89 whole");
	pd_format(msg, 3, "%s", "abc");
	streq(msg, "ab", "format: ASCII as snprintf cuts it");
	pd_format(msg, 3, "%s", "a\xe2\x82\xac");
	streq(msg, "a", "format: not two bytes of a three-byte \xe2\x82\xac");

	uint32_t cp;
	is(pd_utf8_decode("ł", 2, &cp), 2, "ł is two bytes");
	is(cp, 0x142, "ł is U+0142");
	is(pd_utf8_decode("😀", 4, &cp), 4, "emoji is four bytes");
	is(cp, 0x1F600, "emoji code point");
	is(pd_utf8_decode("\xff", 1, &cp), 1, "invalid byte uses one");
	is(cp, 0xFFFD, "invalid decodes to U+FFFD");
	is(pd_utf8_decode("\xe2\x82\xac", 2, &cp), 1, "short buffer: one byte");

	char enc[5] = {0};
	is(pd_utf8_encode(0x41, enc), 1, "encode ASCII: one byte");
	is(pd_utf8_encode(0xE9, enc), 2, "encode é: two bytes");
	streq(enc, "é", "é as UTF-8");
	is(pd_utf8_encode(0x20AC, enc), 3, "encode €: three bytes");
	streq(enc, "€", "€ as UTF-8");
	memset(enc, 0, sizeof enc);
	is(pd_utf8_encode(0x1F600, enc), 4, "encode an emoji: four bytes");
	streq(enc, "😀", "the emoji as UTF-8");
	memset(enc, 0, sizeof enc);
	is(pd_utf8_encode(0xD800, enc), 3, "a surrogate");
	streq(enc, "\xef\xbf\xbd", "becomes U+FFFD");
	memset(enc, 0, sizeof enc);
	is(pd_utf8_encode(0x110000, enc), 3, "past U+10FFFF");
	streq(enc, "\xef\xbf\xbd", "becomes U+FFFD too");

	/* The one list of what a terminal would obey: each layer's sanitizer. */
	char ph[PD_PLACEHOLDER_MAX];
	ok(pd_text_placeholder(0x1B, PD_PLACEHOLDER_PLAIN, ph), "ESC needs a placeholder");
	streq(ph, "^[", "ESC is ^[");
	ok(pd_text_placeholder('\n', PD_PLACEHOLDER_PLAIN, ph), "newline is a control too");
	streq(ph, "^J", "newline is ^J");
	ok(pd_text_placeholder(0x7F, PD_PLACEHOLDER_MARKED, ph), "DEL needs one");
	streq(ph, "^?", "DEL is ^?");
	ok(pd_text_placeholder(0x9B, PD_PLACEHOLDER_PLAIN, ph), "C1 CSI needs one");
	streq(ph, "\\x9b", "plain: C1 CSI is \\x9b");
	pd_text_placeholder(0x9B, PD_PLACEHOLDER_MARKED, ph);
	streq(ph, "<9b>", "marked: C1 CSI is <9b>");
	ok(pd_text_placeholder(0x202E, PD_PLACEHOLDER_PLAIN, ph), "a bidi override needs one");
	streq(ph, "<U+202E>", "shown as <U+202E>");
	ok(pd_text_placeholder(0x2028, PD_PLACEHOLDER_PLAIN, ph), "a line separator needs one");
	streq(ph, "<U+2028>", "shown as <U+2028>");
	ok(pd_text_placeholder(0xFEFF, PD_PLACEHOLDER_MARKED, ph), "a byte-order mark needs one");
	ok(!pd_text_placeholder(' ', PD_PLACEHOLDER_PLAIN, ph), "a space is shown as it is");
	ok(!pd_text_placeholder(0xE9, PD_PLACEHOLDER_PLAIN, ph), "é is shown as it is");
	ok(!pd_text_placeholder(0xA0, PD_PLACEHOLDER_PLAIN, ph), "no-break space is shown as it is");
	ok(!pd_text_placeholder(0x200D, PD_PLACEHOLDER_PLAIN, ph), "a zero-width joiner is shown (emoji need it)");

	/* Bytes a C string would cut: UTF-16 with and without a mark, NULs. */
	size_t at = 99;
	is(pd_text_bytes_check("plain note\n", 11, &at), PD_TEXT_BYTES_OK, "plain text is text");
	is(at, 11, "and has no NUL");
	is(pd_text_bytes_check("\xFF\xFE" "C\0a\0", 6, NULL), PD_TEXT_BYTES_UTF16LE, "FF FE marks UTF-16LE");
	is(pd_text_bytes_check("\xFE\xFF\0C\0a", 6, NULL), PD_TEXT_BYTES_UTF16BE, "FE FF marks UTF-16BE");
	is(pd_text_bytes_check("C\0a\0l\0l\0", 8, NULL), PD_TEXT_BYTES_UTF16LE,
	   "Latin text saved as Windows Unicode (no mark) is UTF-16LE");
	is(pd_text_bytes_check("\0C\0a\0l\0l", 8, NULL), PD_TEXT_BYTES_UTF16BE, "and big-endian");
	is(pd_text_bytes_check("C\0", 2, NULL), PD_TEXT_BYTES_UTF16LE, "one UTF-16 letter");
	is(pd_text_bytes_check("first part\0second part\n", 23, &at), PD_TEXT_BYTES_NUL,
	   "a NUL inside UTF-8 text is a NUL, not UTF-16");
	is(at, 10, "at its offset");
	char *u8 = pd_utf16_to_utf8("\xFF\xFE" "C\0\xE9\0=\xD8\x00\xDE", 10, false);
	streq(u8, "C\xC3\xA9\xF0\x9F\x98\x80", "UTF-16LE to UTF-8, the mark dropped, a surrogate pair joined");
	free(u8);
	u8 = pd_utf16_to_utf8("\0C\xD8\x00\0a\x01", 7, true);
	streq(u8, "C\xEF\xBF\xBD" "a\xEF\xBF\xBD", "a lone surrogate and an odd last byte are U+FFFD");
	free(u8);

	char buf[] = " \t hello world \n";
	streq(pd_trim(buf), "hello world", "trim both ends");
	char empty[] = "   ";
	streq(pd_trim(empty), "", "trim all space");

	ok(pd_strdup(NULL) == NULL, "strdup NULL");
	char *s = NULL;
	ok(pd_set_str(&s, "one"), "set_str");
	streq(s, "one", "set_str value");
	ok(pd_set_str(&s, NULL) && s == NULL, "set_str NULL frees");
	ok(pd_same_text(NULL, "") && pd_same_text("", NULL) && pd_same_text(NULL, NULL), "same_text: NULL is \"\"");
	ok(pd_same_text("Ann", "Ann") && !pd_same_text("Ann", "ann") && !pd_same_text("Ann", "Ann ") &&
	   !pd_same_text(NULL, " "), "same_text: byte for byte, case and spaces count");

	pd_strv sv = {0};
	pd_strv_push(&sv, "Teens");
	pd_strv_push(&sv, "ÉLÈVES");
	pd_strv_push(&sv, "teens");
	pd_strv_push(&sv, "adults");
	is(pd_strv_find(&sv, "élèves"), 1, "strv find ignores case beyond ASCII");
	is(pd_strv_find(&sv, "e\xcc\x81le\xcc\x80ves"), 1, "and how the accents were typed");
	pd_strv_sort_unique(&sv);
	is(sv.n, 3, "sort_unique drops folded duplicates");
	streq(sv.v[0], "adults", "sorted first");
	streq(sv.v[1], "ÉLÈVES", "sorted among the e's, accents aside");
	bool known = false;
	char *as = pd_strv_as_listed(&sv, "  élèves ", &known);
	ok(as && strcmp(as, "ÉLÈVES") == 0 && known, "as_listed: trimmed, spelled as the list spells it");
	free(as);
	as = pd_strv_as_listed(&sv, " aliens ", &known);
	ok(as && strcmp(as, "aliens") == 0 && !known, "as_listed: one not listed is trimmed, not known");
	free(as);
	pd_strv_clear(&sv);
	as = pd_strv_as_listed(&sv, " Teens", &known);
	ok(as && strcmp(as, "Teens") == 0 && known, "as_listed: against no list, trimmed and known");
	free(as);

	static const char *const words[][2] = {
		{ "Harbor", "Harbor" },
		{ "info@x.org", "info@x.org" },
		{ "Friends of the Library", "'Friends of the Library'" },
		{ "O'Neill Hall", "'O'\\''Neill Hall'" },
		{ "$(rm -rf ~)", "'$(rm -rf ~)'" },
		{ "", "''" },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		char *w = pd_shell_word(words[i][0]);
		streq(w, words[i][1], "shell word for \"%s\"", words[i][0]);
		free(w);
	}
	return tap_done();
}
