/* Unit tests of the ASCII case and class helpers, in the C locale and again
 * under tr_TR.UTF-8, where the C library maps 'i' and 'I' differently. */
#define _XOPEN_SOURCE 700   /* nftw */
#include <ctype.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "partnerdesk/model/ascii.h"

extern char **environ;

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void checks(const char *where)
{
	is(pd_ascii_toupper('i'), 'I', "%s: toupper 'i' is 'I'", where);
	is(pd_ascii_tolower('I'), 'i', "%s: tolower 'I' is 'i'", where);
	is(pd_ascii_toupper('I'), 'I', "%s: toupper 'I' stays", where);
	is(pd_ascii_tolower('i'), 'i', "%s: tolower 'i' stays", where);
	is(pd_ascii_casecmp("I", "i"), 0, "%s: \"I\" and \"i\" are one letter", where);
	is(pd_ascii_casecmp("EMAIL", "email"), 0, "%s: EMAIL is email", where);
	is(pd_ascii_casecmp("title", "TITLE"), 0, "%s: title is TITLE", where);
	is(pd_ascii_ncasecmp("begin:vcard\r\n", "BEGIN:VCARD", 11), 0, "%s: ncasecmp stops at n", where);
	ok(pd_ascii_prefix("MAILTO:ada@museum.org", "mailto:"), "%s: MAILTO: is a mailto: prefix", where);
	ok(!pd_ascii_prefix("mail", "mailto:"), "%s: a shorter text is no prefix", where);

	char up[] = "encoding=quoted-printable;charset=iso-8859-9";
	streq(pd_ascii_upper(up), "ENCODING=QUOTED-PRINTABLE;CHARSET=ISO-8859-9", "%s: upper", where);

	/* The Turkish letters themselves are not ASCII: U+0130 (dotted I) and
	 * U+0131 (dotless i) stay as they are and match no ASCII letter. */
	char tr[] = "\xC4\xB0\xC4\xB1";
	streq(pd_ascii_upper(tr), "\xC4\xB0\xC4\xB1", "%s: U+0130 and U+0131 left alone", where);
	ok(pd_ascii_casecmp("\xC4\xB0", "i") != 0 && pd_ascii_casecmp("\xC4\xB1", "I") != 0,
	   "%s: U+0130 is not i, U+0131 is not I", where);
	is(pd_ascii_tolower((char)0xC4), (char)0xC4, "%s: a byte above ASCII is itself", where);
	ok(!pd_ascii_isalpha((char)0xC4) && !pd_ascii_isalnum((char)0xE9) && !pd_ascii_isspace((char)0xA0)
	   && !pd_ascii_isspace((char)0x85), "%s: bytes above ASCII are in no class", where);

	ok(pd_ascii_isspace(' ') && pd_ascii_isspace('\t') && pd_ascii_isspace('\n') && pd_ascii_isspace('\v')
	   && pd_ascii_isspace('\f') && pd_ascii_isspace('\r') && !pd_ascii_isspace('\0')
	   && !pd_ascii_isspace('x'), "%s: the six white-space characters, no others", where);
	ok(pd_ascii_isalpha('i') && pd_ascii_isalpha('I') && pd_ascii_isalnum('7') && !pd_ascii_isalpha('7')
	   && pd_ascii_isdigit('0') && !pd_ascii_isdigit('a') && !pd_ascii_isalnum('-'),
	   "%s: letters and digits", where);

	/* An order, as strcmp's (sorting finds duplicate names with it). */
	is(sign(pd_ascii_casecmp("a", "B")), -1, "%s: a before B", where);
	is(sign(pd_ascii_casecmp("Z", "\xC3\xA9")), -1, "%s: bytes above ASCII after ASCII", where);
	is(sign(pd_ascii_casecmp("ab", "AB c")), -1, "%s: a prefix first", where);
	is(pd_ascii_ncasecmp("abc", "ABC", 100), 0, "%s: n past the end", where);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Builds tr_TR.UTF-8 into dir with localedef (no root needed) and points
 * LOCPATH at it; false when it cannot. */
static bool build_turkish(const char *dir)
{
	char out[512];
	snprintf(out, sizeof out, "%s/tr_TR.UTF-8", dir);
	char *argv[] = { "localedef", "-i", "tr_TR", "-f", "UTF-8", out, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, "localedef", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return false;
	int status;
	while (waitpid(pid, &status, 0) < 0)
		;
	/* localedef exits 1 for mere warnings: the file it writes decides. */
	char ctype[600];
	snprintf(ctype, sizeof ctype, "%s/LC_CTYPE", out);
	return access(ctype, R_OK) == 0 && setenv("LOCPATH", dir, 1) == 0;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	checks("C");

	char dir[] = "/tmp/pd-test-ascii-XXXXXX";
	bool made = mkdtemp(dir) != NULL;
	const char *why = NULL;
	if (!setlocale(LC_ALL, "tr_TR.UTF-8")) {
		if (!made || !build_turkish(dir))
			why = "no tr_TR.UTF-8 locale, and localedef could not build one";
		else if (!setlocale(LC_ALL, "tr_TR.UTF-8"))
			why = "the tr_TR.UTF-8 that localedef built does not load";
	}
	/* Only a locale whose own case mapping differs tests anything. */
	if (!why && toupper('i') == 'I' && tolower('I') == 'i')
		why = "this tr_TR.UTF-8 maps i and I as ASCII does";
	if (why) {
		ok(1, "# SKIP %s", why);
	} else {
		ok(toupper('i') != 'I' || tolower('I') != 'i', "tr_TR: the C library's toupper('i') is '%c'",
		   toupper('i'));
		checks("tr_TR");
	}
	setlocale(LC_ALL, "C");
	if (made)
		nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
