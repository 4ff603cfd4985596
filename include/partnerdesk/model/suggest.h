/* The known word a mistyped one most likely meant: a config key, a command
 * option, a branch. ASCII case-insensitive, never the user's locale. */
#ifndef PARTNERDESK_MODEL_SUGGEST_H
#define PARTNERDESK_MODEL_SUGGEST_H

#include <stddef.h>

/* The known word nearest to `word` when it is a likely typo, else NULL:
 * a few letters off (more for a longer word), cut short, or starting with
 * the first part of a known word before its '_' or '-'. A word cut short
 * or a first part that several known words share names none of them. */
const char *pd_suggest(const char *word, const char *const *known, size_t n);

#endif
