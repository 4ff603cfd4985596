/* The known word a mistyped one most likely meant: a config key, a command
 * option, a branch; and the edit distance the guesses from the desk's own
 * words (guess.h) measure by. ASCII case-insensitive, never the user's
 * locale. */
#ifndef PARTNERDESK_MODEL_SUGGEST_H
#define PARTNERDESK_MODEL_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The known word nearest to `word` when it is a likely typo, else NULL:
 * a few letters off (more for a longer word), cut short, or starting with
 * the first part of a known word before its '_' or '-'. A word cut short
 * or a first part that several known words share names none of them. */
const char *pd_suggest(const char *word, const char *const *known, size_t n);

/* Edits (a letter added, dropped, changed, or swapped with the next)
 * from a to b, by code point, ASCII case-insensitive (give folded text
 * for the rest); limit + 1 when more than limit. */
size_t pd_suggest_distance(const char *a, const char *b, size_t limit);

/* The same from typed to the nearest start of known: a name or word cut
 * short as it is typed ("harbr" is one edit from "harbor arts center"). */
size_t pd_suggest_prefix_distance(const char *typed, const char *known, size_t limit);

/* How many edits a typed word of `chars` characters may be from a known
 * one and still be taken for it: 0 below four characters (most short
 * words are one edit from many others: no wild guesses), 1 up to five,
 * 2 up to eight, 3 beyond. */
size_t pd_suggest_near(size_t chars);

#endif
