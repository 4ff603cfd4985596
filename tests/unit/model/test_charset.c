/* Unit tests of pd_locale_utf8, the one test of the locale's character
 * set that the interface and the command line share: each spelling of a
 * UTF-8 locale this system has says yes, C and POSIX say no. */
#include <locale.h>
#include <stdio.h>

#include "tap.h"
#include "partnerdesk/model/charset.h"

int main(void)
{
	static const char *const not_utf8[] = {"C", "POSIX"};
	static const char *const utf8[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"};
	for (size_t i = 0; i < sizeof not_utf8 / sizeof not_utf8[0]; i++) {
		ok(setlocale(LC_CTYPE, not_utf8[i]), "%s is there", not_utf8[i]);
		ok(!pd_locale_utf8(), "%s is not UTF-8", not_utf8[i]);
	}
	int tried = 0;
	for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++) {
		if (!setlocale(LC_CTYPE, utf8[i])) {
			printf("# %s is not installed here\n", utf8[i]);
			continue;
		}
		tried++;
		ok(pd_locale_utf8(), "%s is UTF-8", utf8[i]);
		/* Only LC_CTYPE counts: messages or collation in C change nothing. */
		setlocale(LC_MESSAGES, "C");
		ok(pd_locale_utf8(), "%s with LC_MESSAGES=C is still UTF-8", utf8[i]);
	}
	ok(tried > 0, "at least one UTF-8 locale was there to try");
	setlocale(LC_ALL, "C");
	ok(!pd_locale_utf8(), "back to C: not UTF-8 again");
	return tap_done();
}
