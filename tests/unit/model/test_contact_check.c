/* Unit tests of pd_reach_check: the email, phone and website a librarian
 * types or imports, real ones of many countries taken, typos refused with
 * a message that names the field, quotes the value and says what is wrong. */
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "partnerdesk/model/contact_check.h"

/* value is accepted (and why left empty). */
static void good(pd_reach what, const char *value)
{
	char why[300] = "x";
	bool okay = pd_reach_check(what, value, why, sizeof why);
	ok(okay && !why[0], "%s '%s' accepted", pd_reach_name(what), value ? value : "(null)");
	if (!okay)
		printf("#   said: %s\n", why);
}

/* value is refused with exactly the message want. */
static void bad(pd_reach what, const char *value, const char *want)
{
	char why[300] = "";
	bool okay = pd_reach_check(what, value, why, sizeof why);
	ok(!okay, "%s '%s' refused", pd_reach_name(what), value);
	streq(why, want, "and said so");
}

static void emails(void)
{
	const pd_reach E = PD_REACH_EMAIL;
	good(E, NULL);
	good(E, "");
	good(E, "   ");
	good(E, "jane@museum.org");
	good(E, "  jane@museum.org  ");
	good(E, "Jane.Doe+partners@education.museum.org");
	good(E, "o'brien@council.gov.uk");
	good(E, "taro..@docomo.ne.jp");             /* real, if against the rules */
	good(E, "ymholiadau@llyfrgell-ŵyl.cymru");  /* Welsh */
	good(E, "post@amgueddfa.cymru");
	good(E, "안내@박물관.한국");                  /* Korean */
	good(E, "info@مثال.مصر");                   /* Arabic */
	good(E, "用户@例子.广告");                    /* a UTF-8 local part */
	good(E, "info@博物馆。中国");                 /* the ideographic full stop */
	good(E, "info@xn--80ak6aa92e.com");
	good(E, "a@b.co");

	bad(E, "jane.museum.org", "email 'jane.museum.org' has no @");
	bad(E, "jane@@museum", "email 'jane@@museum' has more than one @");
	bad(E, "jane@museum", "email 'jane@museum' has no dot after the @ (as in museum.org)");
	bad(E, "jane＠museum.org", "email 'jane＠museum.org' has no @ (the one in it is the full-width ＠)");
	bad(E, "@museum.org", "email '@museum.org' has nothing before the @");
	bad(E, "jane@", "email 'jane@' has nothing after the @");
	bad(E, "jane doe@museum.org", "email 'jane doe@museum.org' has a space in it");
	bad(E, "jane@museum\n.org", "email 'jane@museum\n.org' has a line break in it");
	bad(E, "jane@.museum.org", "email 'jane@.museum.org': the domain after the @ starts with a dot");
	bad(E, "jane@museum.org.", "email 'jane@museum.org.' ends with a dot");
	bad(E, "jane@museum..org", "email 'jane@museum..org' has two dots in a row");
	bad(E, "jane@museum,org", "email 'jane@museum,org' has ',' in its domain (a domain holds letters, "
		"digits, '-' and dots)");
	bad(E, "jane@museum.o", "email 'jane@museum.o' ends in a one-letter '.o'; no top-level domain is "
		"one letter");
	bad(E, "Jane Doe <jane@museum.org>", "email 'Jane Doe <jane@museum.org>': give the address alone, "
		"without the name or < >");
	bad(E, "a@museum.org, b@museum.org", "email 'a@museum.org, b@museum.org' holds more than one "
		"address; keep one here and the others in the notes");
	bad(E, "jane;doe@museum.org", "email 'jane;doe@museum.org' has ';' in it");
	/* A long value is quoted cut, on a character's edge. */
	char why[300];
	ok(!pd_reach_check(E, "ŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵŵ.org", why, sizeof why)
	   && strstr(why, "...' has no @"), "a long value is cut in the message: %s", why);
}

static void phones(void)
{
	const pd_reach P = PD_REACH_PHONE;
	good(P, "+44 29 2039 2000");
	good(P, "(555) 010-0199 x12");
	good(P, "1-800-FLOWERS");
	good(P, "555-CALL-ME");          /* a vanity number: letters are dialled */
	good(P, "555.010.0199");
	good(P, "+49 (0)30 / 123 456");
	good(P, "555-0100 ext. 12");
	good(P, "555-0100 #12");
	good(P, "311");
	good(P, "555–0100");             /* an en dash from a word processor */
	good(P, "029\xc2\xa0" "2039\xc2\xa0" "2000");  /* no-break spaces from a sheet */
	good(P, "٠٢٠ ١٢٣٤ ٥٦٧٨");       /* Arabic-Indic digits */
	good(P, "02-123-4567 (내선 12)"); /* Korean "extension" */
	good(P, "555-0100 (Jane's desk)");
	good(P, "Tel & fax: 555-0100");
	good(P, "+1-555-010-0199;ext=12");   /* as a tel: link writes it */
	good(P, "+1 555 010 0199 [cell]");

	bad(P, "call the front desk", "phone 'call the front desk' has no digits");
	bad(P, "12", "phone '12' has only 2 digits");
	bad(P, "jane@museum.org", "phone 'jane@museum.org' looks like an email address; if it is one, "
		"it belongs in the email field");
	bad(P, "www.museum.org", "phone 'www.museum.org' looks like a web address; if it is one, it "
		"belongs in the website field");
	bad(P, "555_0100", "phone '555_0100' has '_' in it (a number holds digits, letters, spaces and "
		"+ ( ) - . / # *)");
	bad(P, "555-0100!", "phone '555-0100!' has '!' in it (a number holds digits, letters, spaces and "
		"+ ( ) - . / # *)");
	bad(P, "555\t0100", "phone '555\t0100' has a tab in it");
	/* What a spreadsheet makes of a long number: the digits are gone. */
	const char *sci = " is a number in scientific notation, as a spreadsheet writes a long number, "
		"so its last digits are lost; type the whole number";
	char want[300];
	static const char *const mangled[] = { "4.4123E+11", "4,4123E+11", "4.41235e+11", "4E11", "1.5E-3" };
	for (size_t k = 0; k < sizeof mangled / sizeof *mangled; k++) {
		snprintf(want, sizeof want, "phone '%s'%s", mangled[k], sci);
		bad(P, mangled[k], want);
		ok(pd_phone_scientific(mangled[k]), "pd_phone_scientific('%s')", mangled[k]);
	}
	ok(pd_phone_scientific("  4.4123E+11 "), "blanks round it aside");
	good(P, "1E5 0100");             /* looks like one, then goes on */
	good(P, "4.4123 E+11");
	good(P, "E11 555 0100");
	ok(!pd_phone_scientific("441234567890") && !pd_phone_scientific(NULL)
	   && !pd_phone_scientific("4.E+11") && !pd_phone_scientific("4.4123E+"),
	   "a plain number, none, a broken exponent: not scientific");
}

static void websites(void)
{
	const pd_reach W = PD_REACH_WEBSITE;
	good(W, "museum.org");
	good(W, "www.museum.org/teens?x=1#a");
	good(W, "https://museum.org");
	good(W, "HTTP://Museum.Org/");
	good(W, "https://www.amgueddfa.cymru/caerdydd/");
	good(W, "https://박물관.한국");
	good(W, "https://مثال.مصر/صفحة");
	good(W, "http://192.168.0.10:8080/intranet");
	good(W, "museum.org:8080");
	good(W, "https://[2001:db8::1]/");
	good(W, "https://my_host.example.org");

	bad(W, "htp:/museum", "website 'htp:/museum' starts with 'htp:'; a web address starts with "
		"http:// or https://, or with neither (museum.org)");
	bad(W, "http:/museum.org", "website 'http:/museum.org' needs // after 'http:'");
	bad(W, "https//museum.org", "website 'https//museum.org' needs ':' after 'https'");
	bad(W, "museum", "website 'museum' has no dot (as in museum.org)");
	bad(W, "https://", "website 'https://' has no address after 'https://'");
	bad(W, "museum .org", "website 'museum .org' has a space in it");
	bad(W, "museum,org", "website 'museum,org' has ',' in its address (a domain holds letters, "
		"digits, '-' and dots)");
	bad(W, "museum..org", "website 'museum..org' has two dots in a row");
	bad(W, ".museum.org", "website '.museum.org' starts with a dot");
	bad(W, "jane@museum.org", "website 'jane@museum.org' looks like an email address; if it is "
		"one, it belongs in the email field");
}

int main(void)
{
	emails();
	phones();
	websites();
	return tap_done();
}
