/* Near misses: the partner, word or tag the desk holds that a mistyped
 * name or search most likely meant ("harbr": Harbor Arts Center; "musem":
 * museum). Asked only once nothing matched; never acted on. */
#ifndef PARTNERDESK_MODEL_GUESS_H
#define PARTNERDESK_MODEL_GUESS_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/strv.h"

/* The words a search is guessed from, kept by the desk handle. */
typedef struct pd_guess_words pd_guess_words;

/* The partners whose names are nearest to text, a name no partner has
 * nor starts with, into *names (as stored): measured from the start of the
 * name first ("harbr": "Harbor Arts Center"), else from the start of any
 * of its words ("musem": "Riverside Art Museum"). All those equally near,
 * up to max, and *more says how many more there were (may be NULL).
 * None when nothing is near (pd_suggest_near). False on a read error. */
bool pd_guess_partners(pd_db *db, const char *text, size_t max, pd_strv *names, size_t *more,
                       pd_error *err);

/* What text, a search (the filter, `list --search`) that found nothing,
 * most likely meant, into *guesses: the text with each word no partner's
 * name, person or tag holds, and that finds nothing alone, put as the
 * nearest word those hold (folded as the search folds: "Musem" is
 * "museum"). Several when one word is equally near several (up to 3);
 * none when a word is near nothing, or is too short to guess from. */
bool pd_guess_search(pd_db *db, const char *text, pd_strv *guesses, pd_error *err);

/* Whether pd_guess_search answers at once (well under a keystroke): the
 * desk's words are kept and the desk has not changed since, or it is
 * small enough that reading them takes a few milliseconds. Otherwise the
 * first guess reads every name, person and tag (some 40 ms at 100,000
 * partners): an interface makes it when the keys stop, not on one. */
bool pd_guess_search_quick(pd_db *db);

/* The tags nearest to tag, one no partner has, into *tags (as first
 * stored), those equally near, up to 3. */
bool pd_guess_tag(pd_db *db, const char *tag, pd_strv *tags, pd_error *err);

#endif
