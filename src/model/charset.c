/* The locale's character set, asked in one place so that the interface and
 * the command line never disagree about whether it is UTF-8. */
#include <langinfo.h>
#include <string.h>

#include "partnerdesk/model/charset.h"

bool pd_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
