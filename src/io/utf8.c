/* Repairing text that is not valid UTF-8 before JSON or YAML writers see
 * it: they refuse such strings outright, and data must never be lost for
 * one bad byte. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/utf8.h"
#include "partnerdesk/model/text.h"

char *pd_utf8_repair(const char *s)
{
	if (!s)
		return NULL;
	size_t len = strlen(s);
	if (pd_utf8_valid(s, len))
		return strdup(s);
	/* Each bad byte becomes three bytes at most. */
	char *out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t used = pd_utf8_decode(s + i, len - i, &cp);
		if (used == 0)
			used = 1;
		if (cp == 0xFFFD && !(used == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0)) {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(out + o, s + i, used);
			o += used;
		}
		i += used;
	}
	out[o] = '\0';
	return out;
}
