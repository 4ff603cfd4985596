/* The person a list filter's text names (pd_contact_matching_filter), whom
 * the log form's With starts at: by name as names are folded (case,
 * accents, composition, Hangul syllables or jamo, Arabic presentation
 * forms), by phone as the search reads a number (run together, dialled at
 * home with a trunk 0 or 00 (a trunk 0 at the start of a number on file,
 * not inside another), written with its country code for one on file as
 * dialled at home (after +44 (0), Lithuania's trunk 8), on file with its
 * country code but without + (33611223344), North America's
 * long-distance 1 at the start of a number, in Arabic-Indic digits), by email before its @ (a domain is the partner's: its name
 * typed names nobody), or whole when typed with its @; nobody when two
 * people match, and never a person removed. Welsh, Korean, Arabic,
 * French, Spanish, German and Lithuanian desks. */
#include "../tap.h"
#include "testutil.h"

#include "partnerdesk/model/contact.h"
#include "partnerdesk/model/contact_match.h"

static int64_t person(pd_db *db, int64_t partner, const char *name, const char *phone,
	const char *email)
{
	pd_error err = {0};
	pd_contact c = {.partner_id = partner};
	c.name = strdup(name);
	c.phone = phone ? strdup(phone) : NULL;
	c.email = email ? strdup(email) : NULL;
	if (!pd_contact_insert(db, &c, &err))
		printf("# cannot add %s: %s\n", name, err.msg);
	int64_t id = c.id;
	pd_contact_finish(&c);
	return id;
}

/* Whom text names at partner; -1 on an error. */
static int64_t named(pd_db *db, int64_t partner, const char *text)
{
	pd_error err = {0};
	int64_t id = -2;
	if (!pd_contact_matching_filter(db, partner, text, &id, &err)) {
		printf("# %s: %s\n", text, err.msg);
		return -1;
	}
	return id;
}

/* NFD: a + COMBINING CIRCUMFLEX, as pasted from many web pages. */
#define SIAN_NFD "Sia\xcc\x82n"
/* 김민준 as conjoining jamo. */
#define KIM_JAMO "\xe1\x84\x80\xe1\x85\xb5\xe1\x86\xb7\xe1\x84\x86\xe1\x85\xb5\xe1\x86\xab" \
	"\xe1\x84\x8c\xe1\x85\xae\xe1\x86\xab"
/* عمر in presentation forms (initial, medial, final), as text copied out
 * of a PDF comes. */
#define OMAR_FORMS "\xef\xbb\x8b\xef\xbb\xa4\xef\xba\xae"

int main(void)
{
	pd_db *db = tu_open("match.db");

	int64_t cy = tu_add(db, "Canolfan Gymraeg", NULL);
	int64_t sian = person(db, cy, "Siân Prydderch", "+44 1758 555123", "sian.prydderch@canolfan.cymru");
	int64_t dafydd = person(db, cy, "Dafydd ap Gwilym", "01248 382000", "dafydd@canolfan.cymru");
	int64_t gwen = person(db, cy, "Gwenllian Prydderch", NULL, NULL);
	ok(cy && sian && dafydd && gwen, "a Welsh partner with three people");

	is(named(db, cy, "siân prydderch"), sian, "her whole name");
	is(named(db, cy, "SIAN"), sian, "without the accent, in capitals");
	is(named(db, cy, SIAN_NFD), sian, "the accent decomposed");
	is(named(db, cy, "  prydderch   sian "), sian, "the words in any order, spaced anyhow");
	is(named(db, cy, "ap gwilym"), dafydd, "short words: in his name");
	is(named(db, cy, "prydderch"), 0, "a surname two people have: nobody");
	is(named(db, cy, "prydderch dafydd"), 0, "words of two people's names: nobody");
	is(named(db, cy, "01758 555123"), sian, "her number dialled at home, trunk 0");
	is(named(db, cy, "0044 1758 555123"), sian, "dialled from abroad, 00 for +");
	is(named(db, cy, "+44 1758 555123"), sian, "as written on file");
	is(named(db, cy, "1758-555-123"), sian, "other punctuation, the digits run together");
	is(named(db, cy, "01248 382000"), dafydd, "his number as on file");
	is(named(db, cy, "5123"), 0, "four digits are not a number");
	is(named(db, cy, "SIAN.PRYDDERCH@"), sian, "her email, case aside");
	is(named(db, cy, "dafydd@canolfan"), dafydd, "his");
	is(named(db, cy, "canolfan.cymru"), 0, "the address both have: nobody");
	is(named(db, cy, "Gwenllian"), gwen, "a person with no phone or email, by name");
	is(named(db, cy, ""), 0, "no text: nobody");
	is(named(db, cy, "   "), 0, "blank text: nobody");
	is(named(db, cy, "Rhiannon"), 0, "a name nobody has: nobody");

	int64_t ko = tu_add(db, "한인 문화센터", NULL);
	int64_t kim = person(db, ko, "김민준", "+82 2-123-4567", "minjun.kim@hanin.or.kr");
	int64_t lee = person(db, ko, "이서연", "+82 10-9876-5432", NULL);
	int64_t kim2 = person(db, ko, "김지우", NULL, NULL);
	ok(ko && kim && lee && kim2, "a Korean partner with three people");
	is(named(db, ko, "김민준"), kim, "his name");
	is(named(db, ko, KIM_JAMO), kim, "typed as jamo");
	is(named(db, ko, "민준"), kim, "his given name");
	is(named(db, ko, "김"), 0, "a family name two people have: nobody");
	is(named(db, ko, "010-9876-5432"), lee, "her mobile as dialled in Korea");
	is(named(db, ko, "010 9876 5432"), lee, "spaced");
	is(named(db, ko, "02 123 4567"), kim, "his office, Seoul's trunk 0");
	is(named(db, ko, "MINJUN.KIM"), kim, "his email");
	is(named(db, cy, "김민준"), 0, "another partner's people are not asked");

	int64_t ar = tu_add(db, "جمعية الجالية العربية", NULL);
	int64_t omar = person(db, ar, "عمر صالح", "+971 4 123 4567", NULL);
	int64_t layla = person(db, ar, "ليلى حداد", "+961 1 350 000", "layla@jaliya.org");
	int64_t yusuf = person(db, ar, "يوسف صالح", "+971 4 123 4567", NULL);
	ok(ar && omar && layla && yusuf, "an Arabic partner with three people");
	is(named(db, ar, "عمر"), omar, "his name");
	is(named(db, ar, OMAR_FORMS), omar, "in presentation forms");
	is(named(db, ar, "صالح"), 0, "a family name two people have: nobody");
	is(named(db, ar, "ليلى حداد"), layla, "her whole name");
	is(named(db, ar, "01 350 000"), layla, "her number dialled in Lebanon");
	is(named(db, ar, "00961 1 350 000"), layla, "from abroad");
	is(named(db, ar, "04 123 4567"), 0, "a number two people share: nobody");

	/* Yusuf leaves; his name stays in the log entries, not among the
	 * people the call can be with. */
	pd_error err = {0};
	pd_contact *y = pd_contact_get(db, yusuf, &err);
	ok(y && pd_contact_delete(db, yusuf, y->version, &err), "Yusuf removed: %s", err.msg);
	pd_contact_destroy(y);
	is(named(db, ar, "صالح"), omar, "then the one left with that name");
	is(named(db, ar, "04 123 4567"), omar, "and that number");
	is(named(db, ar, "يوسف"), 0, "a removed person is nobody");

	int64_t fr = tu_add(db, "Médiathèque Jean Macé", NULL);
	int64_t camille = person(db, fr, "Camille Le Goff", "+33 6 12 34 56 78", "c.legoff@mediatheque.fr");
	int64_t bruno = person(db, fr, "Bruno Martin", "+33 1 40 00 00 00", "b.martin@lecture-paris.fr");
	ok(fr && camille && bruno, "a French partner with two people");
	is(named(db, fr, "06 12 34 56 78"), camille, "her mobile read out in pairs");
	is(named(db, fr, "06.12.34.56.78"), camille, "with dots");
	is(named(db, fr, "0612345678"), camille, "run together");
	is(named(db, fr, "+33 6 12 34 56 78"), camille, "as on file");
	is(named(db, fr, "le goff"), camille, "two short words of her name");
	is(named(db, fr, "le"), camille, "one short word: names only, not Bruno's email");
	is(named(db, fr, "01 40 00 00 00"), bruno, "his desk");
	int64_t hughes = person(db, cy, "Gwen Hughes", "01492 640 000", NULL);
	ok(hughes, "a Welsh person whose number is on file as dialled at home");
	is(named(db, cy, "+44 1492 640000"), hughes, "her number as a mobile shows the caller");
	is(named(db, cy, "0044 1492 640000"), hughes, "with 00 for +");
	is(named(db, fr, "b.martin"), bruno, "his email before the @");
	is(named(db, fr, "lecture"), 0, "a word of his address's domain alone: nobody");
	is(named(db, fr, "martin@lecture"), bruno, "his address with its @");
	int64_t dominique = person(db, fr, "Dominique Roy", "01 45 67 89 10", NULL);
	ok(dominique, "a third, her number on file as dialled in France");
	is(named(db, fr, "+33 1 45 67 89 10"), dominique, "found by it with its country code");
	is(named(db, fr, "0033 1 45 67 89 10"), dominique, "with 00 for +");
	is(named(db, fr, "+33 1 45 67 89 11"), 0, "another number: nobody");
	is(named(db, fr, "+33 1 45 67"), 0, "five digits after +33: too few to be looked up so");
	is(named(db, fr, "٠٦ ١٢ ٣٤ ٥٦ ٧٨"), camille, "her mobile in Arabic-Indic digits");
	int64_t jordan = person(db, fr, "Jordan Lee", "+1 612 345 6789", NULL);
	ok(jordan, "an American at the French partner, his number's digits holding 612345678");
	is(named(db, fr, "06 12 34 56 78"), camille,
		"her mobile dialled at home is hers: its trunk 0 says a national number, not digits inside his");
	is(named(db, fr, "612 345 6789"), jordan, "his, without a trunk");
	is(named(db, fr, "345 678"), 0, "six digits both numbers hold: nobody");
	is(named(db, cy, "+44 (0)1758 555123"), sian, "hers written +44 (0)1758, as British cards do");

	int64_t sara = person(db, ar, "سارة المنصوري", "٠٥٠ ١٢٣ ٤٥٦٧", NULL);
	ok(sara, "a person whose mobile is on file in Arabic-Indic digits, as dialled in the Emirates");
	is(named(db, ar, "050 123 4567"), sara, "found by ASCII digits");
	is(named(db, ar, "+971 50 123 4567"), sara, "and with the country code, as her call shows");
	is(named(db, ar, "۰۵۰۱۲۳۴۵۶۷"), sara, "and in Persian digits");
	is(named(db, ar, "٠٤ ١٢٣ ٤٥٦٧"), omar, "Omar's office in Arabic-Indic digits");

	/* The partner's own name is in the domain of the one address on file:
	 * the librarian typed the partner, not the person. */
	int64_t mu = tu_add(db, "Museo de la Herencia Latina", NULL);
	int64_t gabriela = person(db, mu, "Gabriela Ríos", "(804) 555-0511", "grios@museolatino.example.org");
	int64_t tomas = person(db, mu, "Tomás Vega", NULL, NULL);
	ok(mu && gabriela && tomas, "a museum, one of its two people with an address");
	is(named(db, mu, "museo"), 0, "its name, in her address's domain: nobody");
	is(named(db, mu, "museolatino"), 0, "the domain: nobody");
	is(named(db, mu, "@museolatino.example"), 0, "the domain with its @: nobody");
	is(named(db, mu, "grios"), gabriela, "her address before the @");
	is(named(db, mu, "GRIOS@MUSEO"), gabriela, "her address as far as the domain's start");
	is(named(db, mu, "grios@museolatino.example.org"), gabriela, "her whole address");
	is(named(db, mu, "tomas"), tomas, "him by name");

	int64_t de = tu_add(db, "Stadtbibliothek Mannheim", NULL);
	int64_t jonas = person(db, de, "Jonas Weber", "0621/293-8933", NULL);
	int64_t lena = person(db, de, "Lena Vogel", "+49 621/293-8900", NULL);
	ok(de && jonas && lena, "a German partner, numbers written with a slash");
	is(named(db, de, "06212938933"), jonas, "his number run together, as a display shows it");
	is(named(db, de, "0621 293 8933"), jonas, "spaced");
	is(named(db, de, "0049 621 293 8900"), lena, "hers from abroad");
	int64_t max = person(db, de, "Max Schulz", "+49 30 2123 4567", NULL);
	ok(max, "a third, in Berlin");
	is(named(db, de, "1 930 212 3456"), 0,
		"an American number with its long-distance 1 is not the ten digits inside his (9302123456)");
	is(named(db, de, "930 212 3456"), max, "those digits without a trunk are his");
	is(named(db, mu, "1 804 555 0511"), gabriela, "Gabriela's (804) 555-0511 with the long-distance 1");

	int64_t elodie = person(db, fr, "\xc3\x89lodie Bernard", "33611223344", NULL);
	int64_t ravi = person(db, cy, "Ravi Patel", "91 98765 43210", NULL);
	ok(elodie && ravi, "two people whose numbers are on file with the country code but no +, as Excel leaves them");
	is(named(db, fr, "06 11 22 33 44"), elodie, "hers dialled in France");
	is(named(db, cy, "098765 43210"), ravi, "his dialled in India");
	is(named(db, fr, "+33 6 11 22 33 44"), elodie, "and hers with the +");

	int64_t lt = tu_add(db, "Vilniaus biblioteka", NULL);
	int64_t ona = person(db, lt, "Ona Kazlauskienė", "8 5 212 3456", NULL);
	int64_t jonas_lt = person(db, lt, "Jonas Petraitis", "+370 612 34567", NULL);
	ok(lt && ona && jonas_lt, "a Lithuanian partner, one number with the old trunk 8");
	is(named(db, lt, "+370 5 212 3456"), ona, "hers with the country code: Lithuania's trunk was 8");
	is(named(db, lt, "8 612 34567"), jonas_lt, "his dialled at home with the 8");
	is(named(db, lt, "0 612 34567"), jonas_lt, "and with the 0 that replaced it");

	pd_db_close(db);
	tu_cleanup();
	return tap_done();
}
