/* ASCII-only case comparison for protocol words: see ascii.h for why the
 * C library's, which follow the locale, will not do. */
#include <string.h>

#include "partnerdesk/model/ascii.h"

int pd_ascii_ncasecmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ca = pd_ascii_tolower((unsigned char)a[i]);
		int cb = pd_ascii_tolower((unsigned char)b[i]);
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (!ca)
			break;
	}
	return 0;
}

int pd_ascii_casecmp(const char *a, const char *b)
{
	return pd_ascii_ncasecmp(a, b, (size_t)-1);
}

bool pd_ascii_prefix(const char *s, const char *prefix)
{
	return pd_ascii_ncasecmp(s, prefix, strlen(prefix)) == 0;
}

char *pd_ascii_upper(char *s)
{
	for (char *c = s; c && *c; c++)
		*c = (char)pd_ascii_toupper((unsigned char)*c);
	return s;
}
