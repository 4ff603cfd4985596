/* Near misses from the desk's own names, people and tags (guess.h),
 * measured by suggest.c's edit distance on text folded as the search
 * folds it (stored name keys; the typed text through pd_fold). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "partnerdesk/model/guess.h"
#include "partnerdesk/model/partner.h"
#include "partnerdesk/model/suggest.h"
#include "partnerdesk/model/text.h"

#define MAX_WORDS 16
#define MAX_TIES 3
/* Room for a name read back: PD_NAME_MAX characters of up to four bytes, and
 * a name stored longer before that limit. */
#define NAME_BUF 2048

/* ---- the nearest so far, ties kept ---- */

typedef struct nearest {
	size_t best;            /* distance key of those kept; SIZE_MAX: none */
	pd_strv ties;           /* up to `max`, in the order met */
	size_t max, more;       /* and how many more were as near */
	bool failed;
} nearest;

static void nearest_offer(nearest *n, size_t d, const char *what)
{
	if (d > n->best)
		return;
	if (d < n->best) {
		pd_strv_clear(&n->ties);
		n->best = d;
		n->more = 0;
	}
	for (size_t i = 0; i < n->ties.n; i++)
		if (strcmp(n->ties.v[i], what) == 0)
			return;
	if (n->ties.n < n->max) {
		if (!pd_strv_push(&n->ties, what))
			n->failed = true;
	} else {
		n->more++;
	}
}

/* ---- the desk's words, each kept once ---- */

/* An open-addressed set of words: a name's words come again in every
 * partner of its kind ("museum", "center"), and each is measured once. */
struct pd_guess_words {
	long long mark;         /* the newest audit entry when read: every
	                           change to the desk writes one */
	struct word_slot {
		uint64_t hash;
		char *word;     /* NULL: free */
		size_t len;
	} *slot;
	size_t cap, n;
};

/* What a byte is to the words of folded text: 1 space, 2 punctuation
 * around a word (no part of it: "co.", "(ltd)"), 0 a letter (any byte of
 * a character beyond ASCII is one). A table: it is asked of every byte
 * of every name and person on the desk. */
static const unsigned char byte_class[256] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
	['.'] = 2, [','] = 2, [';'] = 2, [':'] = 2, ['!'] = 2, ['?'] = 2, ['('] = 2, [')'] = 2,
	['['] = 2, [']'] = 2, ['{'] = 2, ['}'] = 2, ['"'] = 2, ['\''] = 2, ['/'] = 2, ['&'] = 2,
};

static bool words_grow(pd_guess_words *ws)
{
	size_t cap = ws->cap ? ws->cap * 2 : 1024;
	struct word_slot *slot = calloc(cap, sizeof *slot);
	if (!slot)
		return false;
	for (size_t i = 0; i < ws->cap; i++) {
		if (!ws->slot[i].word)
			continue;
		size_t j = (size_t)ws->slot[i].hash & (cap - 1);
		while (slot[j].word)
			j = (j + 1) & (cap - 1);
		slot[j] = ws->slot[i];
	}
	free(ws->slot);
	ws->slot = slot;
	ws->cap = cap;
	return true;
}

/* Holds s[0..len) (hashed h) unless held already; false when out of memory. */
static bool words_add(pd_guess_words *ws, const char *s, size_t len, uint64_t h)
{
	if (ws->n * 2 >= ws->cap && !words_grow(ws))
		return false;
	size_t j = (size_t)h & (ws->cap - 1);
	for (; ws->slot[j].word; j = (j + 1) & (ws->cap - 1))
		if (ws->slot[j].hash == h && ws->slot[j].len == len && memcmp(ws->slot[j].word, s, len) == 0)
			return true;
	char *copy = malloc(len + 1);
	if (!copy)
		return false;
	memcpy(copy, s, len);
	copy[len] = '\0';
	ws->slot[j] = (struct word_slot){h, copy, len};
	ws->n++;
	return true;
}

static void words_destroy(pd_guess_words *ws)
{
	if (!ws)
		return;
	for (size_t i = 0; i < ws->cap; i++)
		free(ws->slot[i].word);
	free(ws->slot);
	free(ws);
}

void pd_guess_forget(pd_db *db)
{
	words_destroy(db->guess_words);
	db->guess_words = NULL;
}

/* Each word of text, hashed (FNV-1a) as it is walked. */
static bool add_words_of(pd_guess_words *ws, const unsigned char *p)
{
	while (*p) {
		while (*p && byte_class[*p])
			p++;
		const unsigned char *start = p, *end = p;
		uint64_t h = 1469598103934665603u, at_end = h;
		while (*p && byte_class[*p] != 1) {
			h = (h ^ *p) * 1099511628211u;
			p++;
			if (!byte_class[p[-1]]) {
				end = p;
				at_end = h;
			}
		}
		if (end > start && !words_add(ws, (const char *)start, (size_t)(end - start), at_end))
			return false;
	}
	return true;
}

/* Every row's first column, folded text, word by word. */
static bool add_rows(pd_db *db, pd_guess_words *ws, const char *sql, pd_error *err)
{
	sqlite3_stmt *st = pd_stmt(db, sql, err);
	if (!st)
		return false;
	int rc;
	bool ok = true;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *text = sqlite3_column_text(st, 0);
		ok = !text || add_words_of(ws, text);
	}
	if (!ok)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	else if (rc != SQLITE_DONE)
		ok = pd_db_fail(db, err, "reading the words to guess from");
	pd_stmt_done(db, st);
	return ok;
}

/* The desk's words, read again only when the desk changed since: the
 * first guess on a desk of 100,000 partners reads every name and person,
 * each one after reads one audit id. */
static const pd_guess_words *desk_words(pd_db *db, pd_error *err)
{
	long mark = pd_count(db, "SELECT coalesce(max(id), 0) FROM audit", "reading the audit trail", err);
	if (mark < 0)
		return NULL;
	if (db->guess_words && db->guess_words->mark == mark)
		return db->guess_words;
	pd_guess_forget(db);
	pd_guess_words *ws = calloc(1, sizeof *ws);
	if (!ws) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return NULL;
	}
	ws->mark = mark;
	if (!add_rows(db, ws, "SELECT name_fold FROM partners", err) ||
	    !add_rows(db, ws, "SELECT name_fold FROM contacts", err) ||
	    !add_rows(db, ws, "SELECT DISTINCT value_fold FROM partner_tags", err)) {
		words_destroy(ws);
		return NULL;
	}
	db->guess_words = ws;
	return ws;
}

/* Below this many partners and people the words are read in a few
 * milliseconds (some 40 ms for 100,000 partners with 300,000 people). */
#define QUICK_ROWS 40000

bool pd_guess_search_quick(pd_db *db)
{
	pd_error err = {0};
	long mark = pd_count(db, "SELECT coalesce(max(id), 0) FROM audit", "reading the audit trail", &err);
	if (mark >= 0 && db->guess_words && db->guess_words->mark == mark)
		return true;
	long partners = pd_count(db, "SELECT coalesce(max(id), 0) FROM partners", "counting partners", &err);
	long people = pd_count(db, "SELECT coalesce(max(id), 0) FROM contacts", "counting people", &err);
	return partners >= 0 && people >= 0 && partners + people < QUICK_ROWS;
}

/* ---- a search's words ---- */

typedef struct typed_word {
	char *text;             /* folded */
	char *bare;             /* the same without the punctuation around it,
	                           as the desk's words are kept: measured */
	size_t chars, limit;
	bool unknown;           /* finds nothing alone: to be guessed */
	bool settled;           /* guessed already: its bare word finds */
	nearest near;
} typed_word;

/* Offers each of the desk's words to each unknown typed word: by its
 * start first (a word cut short as it is typed), then whole, so that of
 * "harbor" and "harborview" for "harbr", "harbor" is nearer. */
static bool offer_words(const pd_guess_words *ws, typed_word *tw, size_t ntw)
{
	for (size_t k = 0; k < ws->cap; k++) {
		const char *word = ws->slot[k].word;
		if (!word)
			continue;
		for (size_t i = 0; i < ntw; i++) {
			typed_word *t = &tw[i];
			if (!t->unknown || t->settled)
				continue;
			size_t lim = t->near.best == SIZE_MAX ? t->limit : t->near.best / 128;
			size_t d = pd_suggest_prefix_distance(t->bare, word, lim);
			/* 0: the typed word starts this one, and so is no typo. */
			if (d > lim || d == 0)
				continue;
			size_t whole = pd_suggest_distance(t->bare, word, 127);
			nearest_offer(&t->near, d * 128 + (whole > 127 ? 127 : whole), word);
			if (t->near.failed)
				return false;
		}
	}
	return true;
}

static bool found_alone(pd_db *db, const char *word, bool *found, pd_error *err)
{
	pd_partner_query q = {.text = word, .count_limit = 1};
	long n = pd_partner_query_count(db, &q, err);
	*found = n > 0;
	return n >= 0;
}

static bool phrase_push(pd_strv *out, typed_word *tw, size_t ntw, size_t which, size_t tie)
{
	size_t len = 1;
	for (size_t i = 0; i < ntw; i++)
		len += strlen(tw[i].text) + 1 + (tw[i].unknown ? strlen(tw[i].near.ties.v[i == which ? tie : 0]) : 0);
	char *phrase = malloc(len);
	if (!phrase)
		return false;
	size_t n = 0;
	for (size_t i = 0; i < ntw; i++) {
		const char *w = tw[i].unknown ? tw[i].near.ties.v[i == which ? tie : 0] : tw[i].text;
		size_t k = strlen(w);
		if (n)
			phrase[n++] = ' ';
		memcpy(phrase + n, w, k);
		n += k;
	}
	phrase[n] = '\0';
	bool ok = pd_strv_push(out, phrase);
	free(phrase);
	return ok;
}

bool pd_guess_search(pd_db *db, const char *text, pd_strv *guesses, pd_error *err)
{
	pd_strv_clear(guesses);
	char *folded = pd_fold(text ? text : "");
	if (!folded) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return false;
	}
	typed_word tw[MAX_WORDS];
	size_t ntw = 0, unknown = 0, unsettled = 0;
	bool ok = true, hopeless = false;
	for (char *save = NULL, *w = strtok_r(folded, " \t\n\r\f\v", &save); w;
	     w = strtok_r(NULL, " \t\n\r\f\v", &save)) {
		if (ntw == MAX_WORDS) {
			hopeless = true;
			break;
		}
		/* "(harbr)" and "harbr," are measured as "harbr", as the desk's
		 * words are kept without theirs: the brackets were two edits
		 * more, and no guess was made. */
		const char *b = w;
		while (*b && byte_class[(unsigned char)*b] == 2)
			b++;
		size_t blen = strlen(b);
		while (blen && byte_class[(unsigned char)b[blen - 1]] == 2)
			blen--;
		char *bare = malloc(blen + 1);
		if (!bare) {
			ok = false;
			break;
		}
		memcpy(bare, b, blen);
		bare[blen] = '\0';
		typed_word *t = &tw[ntw++];
		*t = (typed_word){.text = w, .bare = bare, .chars = pd_utf8_chars(bare),
		                  .near = {.best = SIZE_MAX, .max = MAX_TIES}};
		t->limit = pd_suggest_near(t->chars);
	}
	if (!ok)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	/* Which words find nothing: asked of the search index word by word
	 * (the whole may find nothing only with the list's other filters).
	 * One of one or two letters is never guessed (nearly any word is
	 * near it), nor counted: that is a scan of every name. */
	for (size_t i = 0; ok && !hopeless && i < ntw; i++) {
		bool found = false;
		if (tw[i].chars < 3)
			continue;
		if (!(ok = found_alone(db, tw[i].text, &found, err)))
			break;
		if (found)
			continue;
		tw[i].unknown = true;
		unknown++;
		/* Its bare word finds ("(museum)"): that is the guess. */
		if (strcmp(tw[i].bare, tw[i].text) != 0) {
			if (!(ok = found_alone(db, tw[i].bare, &found, err)))
				break;
			if (found) {
				tw[i].settled = true;
				nearest_offer(&tw[i].near, 0, tw[i].bare);
				if (tw[i].near.failed) {
					ok = pd_error_set(err, PD_ERR_NOMEM, "out of memory");
					break;
				}
				continue;
			}
		}
		unsettled++;
		if (!tw[i].limit)
			hopeless = true;
	}
	if (ok && !hopeless && unsettled) {
		const pd_guess_words *ws = desk_words(db, err);
		ok = ws != NULL;
		if (ok && !offer_words(ws, tw, ntw)) {
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
			ok = false;
		}
	}
	for (size_t i = 0; ok && !hopeless && i < ntw; i++)
		if (tw[i].unknown && !tw[i].near.ties.n)
			hopeless = true;
	if (ok && !hopeless && unknown) {
		/* One word equally near several: each, to choose from; more
		 * than one word guessed: the nearest of each, one guess. */
		size_t which = 0;
		while (!tw[which].unknown)
			which++;
		/* In their order, not the order met: the same desk guesses
		 * the same way every time. */
		for (size_t i = 0; i < ntw; i++)
			pd_strv_sort_unique(&tw[i].near.ties);
		size_t ties = unknown == 1 ? tw[which].near.ties.n : 1;
		for (size_t k = 0; ok && k < ties; k++)
			if (!phrase_push(guesses, tw, ntw, which, k)) {
				pd_error_set(err, PD_ERR_NOMEM, "out of memory");
				ok = false;
			}
	}
	for (size_t i = 0; i < ntw; i++) {
		pd_strv_clear(&tw[i].near.ties);
		free(tw[i].bare);
	}
	free(folded);
	if (!ok)
		pd_strv_clear(guesses);
	return ok;
}

/* ---- a partner by name ---- */

bool pd_guess_partners(pd_db *db, const char *text, size_t max, pd_strv *names, size_t *more,
                       pd_error *err)
{
	pd_strv_clear(names);
	if (more)
		*more = 0;
	char *key = pd_name_key(text ? text : "");
	if (!key) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return false;
	}
	size_t limit = pd_suggest_near(pd_utf8_chars(key));
	if (!limit || !max) {
		free(key);
		return true;
	}
	/* The name index alone (each partner's key and id): the rows
	 * themselves, with their notes and mission, are five times the
	 * reading. The names of those kept are read after, by id. */
	sqlite3_stmt *st = pd_stmt(db, "SELECT name_fold, id FROM partners ORDER BY name_fold, id", err);
	if (!st) {
		free(key);
		return false;
	}
	/* From the name's start, and failing that from a word's start
	 * within it: a partner is named by its name's start. */
	nearest from_start = {.best = SIZE_MAX, .max = max}, within = {.best = SIZE_MAX, .max = max};
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *fold = (const char *)sqlite3_column_text(st, 0);
		if (!fold)
			continue;
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)sqlite3_column_int64(st, 1));
		size_t lim = from_start.best == SIZE_MAX ? limit : from_start.best;
		size_t d = pd_suggest_prefix_distance(key, fold, lim);
		if (d <= lim) {
			nearest_offer(&from_start, d, id);
			continue;
		}
		if (from_start.best != SIZE_MAX)
			continue;
		lim = within.best == SIZE_MAX ? limit : within.best;
		for (const char *sp = strchr(fold, ' '); sp; sp = strchr(sp + 1, ' ')) {
			d = pd_suggest_prefix_distance(key, sp + 1, lim);
			if (d <= lim) {
				nearest_offer(&within, d, id);
				break;
			}
		}
	}
	pd_stmt_done(db, st);
	free(key);
	nearest *won = from_start.best != SIZE_MAX ? &from_start : &within;
	bool ok = !from_start.failed && !within.failed;
	if (rc != SQLITE_DONE)
		ok = pd_db_fail(db, err, "guessing which partner was meant");
	else if (!ok)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	for (size_t i = 0; ok && i < won->ties.n; i++) {
		char name[NAME_BUF];
		ok = pd_partner_name(db, strtoll(won->ties.v[i], NULL, 10), name, sizeof name, err);
		if (ok && !(ok = pd_strv_push(names, name)))
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	if (ok && more)
		*more = won->more;
	if (!ok)
		pd_strv_clear(names);
	pd_strv_clear(&from_start.ties);
	pd_strv_clear(&within.ties);
	return ok;
}

/* ---- a tag ---- */

bool pd_guess_tag(pd_db *db, const char *tag, pd_strv *tags, pd_error *err)
{
	pd_strv_clear(tags);
	char *key = pd_name_key(tag ? tag : "");
	if (!key) {
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		return false;
	}
	size_t limit = pd_suggest_near(pd_utf8_chars(key));
	if (!limit) {
		free(key);
		return true;
	}
	sqlite3_stmt *st = pd_stmt(db, "SELECT min(value), value_fold FROM partner_tags GROUP BY value_fold", err);
	if (!st) {
		free(key);
		return false;
	}
	nearest n = {.best = SIZE_MAX, .max = MAX_TIES};
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *value = (const char *)sqlite3_column_text(st, 0);
		const char *fold = (const char *)sqlite3_column_text(st, 1);
		if (!value || !fold)
			continue;
		size_t d = pd_suggest_distance(key, fold, limit);
		if (d == 0) {
			/* Held: the list found nothing for its other filters.
			 * The read stops here, which is no read error. */
			pd_strv_clear(&n.ties);
			rc = SQLITE_DONE;
			break;
		}
		if (d <= limit)
			nearest_offer(&n, d, value);
	}
	pd_stmt_done(db, st);
	free(key);
	bool ok = !n.failed;
	if (rc != SQLITE_DONE)
		ok = pd_db_fail(db, err, "guessing which tag was meant");
	else if (!ok)
		pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	for (size_t i = 0; ok && i < n.ties.n; i++)
		if (!(ok = pd_strv_push(tags, n.ties.v[i])))
			pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	pd_strv_clear(&n.ties);
	return ok;
}
