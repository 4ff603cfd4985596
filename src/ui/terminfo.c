/* Asks terminfo whether it knows a terminal type (see terminfo.h). */
#include <curses.h>
#include <term.h>

#include "terminfo.h"

bool pd_terminfo_knows(const char *term, int fd)
{
	int found = 0;
	/* With an errret, setupterm reports instead of printing and exiting,
	 * and allocates nothing when the type is unknown. */
	if (setupterm(term, fd, &found) != OK)
		return false;
	del_curterm(cur_term);
	return found == 1;
}
