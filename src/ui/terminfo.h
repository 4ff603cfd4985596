/* Whether the system's terminfo knows a terminal type (private to src/ui),
 * asked apart from app.c so that <term.h>'s capability macros (lines,
 * columns, ...) stay out of the rest of the interface. */
#ifndef PD_UI_TERMINFO_H
#define PD_UI_TERMINFO_H

#include <stdbool.h>

/* True when terminfo has an entry for term. Asked before newterm, which
 * on an unknown type fails but keeps the half-made screen it allocated. */
bool pd_terminfo_knows(const char *term, int fd);

#endif
