/* Whether the locale's character set is UTF-8: the one answer the screen,
 * the keyboard and the command line's tables all go by. */
#ifndef PARTNERDESK_MODEL_CHARSET_H
#define PARTNERDESK_MODEL_CHARSET_H

#include <stdbool.h>

/* True when nl_langinfo(CODESET) names UTF-8 (as glibc spells it, or
 * "utf8"): an ellipsis, a bar of block characters or a wide character can
 * be written; else ASCII stands in. Follows the current LC_CTYPE. */
bool pd_locale_utf8(void);

#endif
