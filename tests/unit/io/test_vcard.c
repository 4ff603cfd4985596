/* The vCard reader against real cards (khard's fixtures) and a 2.1 card
 * with quoted-printable: names, ORG, KIND:org, tel: and mailto: URIs, photos skipped,
 * AGENT cards (2.1 on their own lines, 3.0 inline) passed over, the
 * unparsable card reported by its line; PREF and QUOTED-PRINTABLE read as
 * parameters in each version's form, not found as text in others. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/import.h"
#include "partnerdesk/io/vcard.h"
#include "tap.h"

#ifndef PD_TEST_DATA
#define PD_TEST_DATA "tests/data"
#endif

static char *slurp(const char *rel, size_t *len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", PD_TEST_DATA, rel);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static bool load(const char *rel, pd_vcards *cards, pd_error *e)
{
	size_t len = 0;
	char *s = slurp(rel, &len);
	if (!s)
		return pd_error_set(e, PD_ERR_IO, "cannot read %s", rel);
	bool ok = pd_vcard_parse(rel, s, len, cards, e);
	free(s);
	return ok;
}

/* Two cards, the first with an AGENT: both read, whole and without error,
 * and nothing of the agent's card taken for the first one's. */
static void agent_is(const char *what, const char *text)
{
	pd_vcards c;
	pd_error e = { 0 };
	ok(pd_vcard_parse(what, text, strlen(text), &c, &e), "%s: parses: %s", what, e.msg);
	if (!ok(c.n == 2, "%s: two cards, the agent's is not one of them (%zu)", what, c.n)) {
		pd_vcards_finish(&c);
		return;
	}
	ok(!c.v[0].error && !c.v[1].error, "%s: no card refused: %s", what,
	   c.v[0].error ? c.v[0].error : c.v[1].error ? c.v[1].error : "");
	streq(c.v[0].name, "Ada Lovelace", "%s: the card's own name", what);
	streq(c.v[0].email, "ada@museum.org", "%s: the card's own email", what);
	streq(c.v[0].phone, "+44 20 7946 0000", "%s: a property after the agent is read", what);
	ok(!c.v[0].extra, "%s: nothing of the agent's kept: %s", what, c.v[0].extra ? c.v[0].extra : "");
	streq(c.v[1].name, "Bob Smith", "%s: the next card", what);
	pd_vcards_finish(&c);
}

static void test_agent(void)
{
	/* RFC 2426 3.5.4's example: in 3.0 the agent's card is one escaped
	 * TEXT value, so no END:VCARD line of its own follows. */
	agent_is("3.0 inline AGENT",
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nORG:City Museum\r\n"
		"EMAIL:ada@museum.org\r\n"
		"AGENT:BEGIN:VCARD\\nFN:Susan Thomas\\nTEL:+1-919-555-\r\n 1234\\nEMAIL\\;INTERNET:sthomas@host.com\\nEND:VCARD\\n\r\n"
		"TEL:+44 20 7946 0000\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Smith\r\nORG:City Museum\r\nEND:VCARD\r\n");
	/* vCard 2.1 2.4.4: the agent's card on lines of its own. */
	agent_is("2.1 AGENT, card on the next lines",
		"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lovelace;Ada\r\nEMAIL;INTERNET:ada@museum.org\r\n"
		"AGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Friday;Fred\r\n"
		"TEL;WORK;VOICE:+1-213-555-1234\r\nEMAIL;INTERNET:fred@host.com\r\nEND:VCARD\r\n"
		"TEL:+44 20 7946 0000\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Smith;Bob\r\nEND:VCARD\r\n");
	agent_is("2.1 AGENT:BEGIN:VCARD on one line",
		"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ada Lovelace\r\nEMAIL:ada@museum.org\r\n"
		"agent:begin:vcard \r\nFN:Fred Friday\r\nEMAIL:fred@host.com\r\nEND:VCARD\r\n"
		"TEL:+44 20 7946 0000\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Bob Smith\r\nEND:VCARD\r\n");
	/* An empty AGENT that no card follows must not take the card's END. */
	agent_is("empty AGENT, no card after it",
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@museum.org\r\nAGENT:\r\n"
		"TEL:+44 20 7946 0000\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Smith\r\nEND:VCARD\r\n");
	agent_is("AGENT as a URI",
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@museum.org\r\n"
		"AGENT;VALUE=uri:CID:JQPUBLIC.part3.960129T083020.xyzMail@host3.com\r\n"
		"TEL:+44 20 7946 0000\r\nEND:VCARD\r\n"
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Smith\r\nEND:VCARD\r\n");
}

/* The card's one card, parsed; NULL (and a failed test) if not. */
static pd_vcard *one_card(pd_vcards *c, const char *what, const char *text)
{
	pd_error e = { 0 };
	if (!ok(pd_vcard_parse(what, text, strlen(text), c, &e) && c->n == 1, "%s: parses: %s", what, e.msg))
		return NULL;
	return &c->v[0];
}

/* What follows a 2.1 AGENT's card is the outer card's, labels too: the
 * agent's END:VCARD ends the agent's card, and its X-ABLabel lines name
 * the agent's numbers, not the outer card's. */
static void test_agent_labels(void)
{
	static const struct { const char *what, *agent; } forms[] = {
		{ "2.1 AGENT, card on the next lines", "AGENT:\r\nBEGIN:VCARD\r\n" },
		{ "2.1 AGENT:BEGIN:VCARD on one line", "AGENT:BEGIN:VCARD\r\n" },
		{ "grouped AGENT", "item9.AGENT;ENCODING=8BIT:\r\nBEGIN:VCARD\r\n" },
	};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		char text[1024];
		snprintf(text, sizeof text, "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lovelace;Ada\r\nORG:City Museum\r\n%s"
			"VERSION:2.1\r\nN:Friday;Fred\r\nitem1.TEL;WORK;VOICE:+1-213-555-1234\r\n"
			"item1.X-ABLabel:Fred's desk\r\nEND:VCARD\r\n"
			"TEL;WORK;VOICE:+44 20 7946 0000\r\nTEL;HOME;VOICE:+44 20 7946 0001\r\n"
			"item1.TEL;CELL:+44 7700 900111\r\nitem1.X-ABLabel:Box office\r\n"
			"item2.EMAIL;INTERNET:ada@museum.org\r\nitem2.X-ABLabel:_$!<Work>!$_\r\n"
			"item3.EMAIL;INTERNET:ada@home.example\r\nitem3.X-ABLabel:PTA\r\nEND:VCARD\r\n",
			forms[i].agent);
		pd_vcards c;
		pd_vcard *v = one_card(&c, forms[i].what, text);
		if (v) {
			ok(!v->error, "%s: no error (%s)", forms[i].what, v->error ? v->error : "");
			streq(v->phone, "+44 20 7946 0000", "%s: the outer card's first TEL", forms[i].what);
			streq(v->email, "ada@museum.org", "%s: the outer card's EMAIL", forms[i].what);
			streq(v->extra, "Phone (home): +44 20 7946 0001\nPhone (Box office): +44 7700 900111\n"
			      "Email (PTA): ada@home.example",
			      "%s: bare 2.1 types and the group labels after the agent read, "
			      "the agent's own label not taken", forms[i].what);
		}
		pd_vcards_finish(&c);
	}
}

/* A line without ':' after 2.1 base64 data: more of the data while it is
 * base64 and no blank line has ended the data (Android's and Outlook's
 * readers read it so); otherwise the card is reported by that line, and
 * the next card is read. */
static void test_base64_end(void)
{
	static const char photo[] = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Tanaka;Yui\r\nORG:Museum\r\n"
		"PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN\r\n"
		"Hh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwh\r\n";
	static const struct { const char *what, *rest; long bad_line; } cases[] = {
		{ "no blank line, then a property", "TEL;CELL:+81 90 1234 5678\r\nEND:VCARD\r\n", 0 },
		{ "no blank line, more data, then a property",
		  "MjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAABAAEDASIA==\r\n"
		  "TEL;CELL:+81 90 1234 5678\r\nEND:VCARD\r\n", 0 },
		{ "no blank line, then a stray line of text",
		  "Call her on Tuesdays, not Mondays\r\nTEL;CELL:+81 90 1234 5678\r\nEND:VCARD\r\n", 7 },
		{ "the blank line, then a stray word",
		  "\r\nTuesdays\r\nTEL;CELL:+81 90 1234 5678\r\nEND:VCARD\r\n", 8 },
		{ "the blank line, then more base64-looking text",
		  "\r\nMjIyMjIyMjIy\r\nTEL;CELL:+81 90 1234 5678\r\nEND:VCARD\r\n", 8 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[1024];
		snprintf(text, sizeof text, "%s%sBEGIN:VCARD\r\nVERSION:2.1\r\nN:Sato;Ken\r\nEND:VCARD\r\n",
		         photo, cases[i].rest);
		pd_vcards c;
		pd_error e = { 0 };
		const char *w = cases[i].what;
		if (!ok(pd_vcard_parse(w, text, strlen(text), &c, &e) && c.n == 2, "%s: two cards: %s", w, e.msg)) {
			pd_vcards_finish(&c);
			continue;
		}
		if (cases[i].bad_line) {
			ok(c.v[0].error && c.v[0].error_line == cases[i].bad_line && strstr(c.v[0].error, "no ':'"),
			   "%s: reported by its line %ld (%s at %ld)", w, cases[i].bad_line,
			   c.v[0].error ? c.v[0].error : "no error", c.v[0].error_line);
			ok(c.v[0].error && strstr(c.v[0].error, "base64"), "%s: the reason names the base64 data", w);
		} else {
			ok(!c.v[0].error, "%s: no error (%s)", w, c.v[0].error ? c.v[0].error : "");
			streq(c.v[0].phone, "+81 90 1234 5678", "%s: the TEL after the data read", w);
			ok(!c.v[0].extra && !c.v[0].note, "%s: nothing of the data kept", w);
		}
		ok(!c.v[1].error && c.v[1].name && strcmp(c.v[1].name, "Ken Sato") == 0, "%s: the next card read", w);
		pd_vcards_finish(&c);
	}
}

/* The rank one EMAIL's parameters give it: 0 none, 1 most preferred. */
static int pref_of(const char *params)
{
	char card[512];
	snprintf(card, sizeof card, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\nEMAIL;%s:ann@x.org\r\nEND:VCARD\r\n",
	         params);
	pd_vcards c;
	pd_error e = { 0 };
	int pref = -1;
	if (pd_vcard_parse("pref", card, strlen(card), &c, &e) && c.n == 1 && c.v[0].email)
		pref = c.v[0].email_pref;
	pd_vcards_finish(&c);
	return pref;
}

/* PREF read as parameters, not found as text in them: each vCard
 * version's form in any case, and what only looks like one. */
static void test_pref_params(void)
{
	static const struct { const char *params; int want; } cases[] = {
		{"PREF=1", 1}, {"pref=1", 1}, {"PREF=7", 7}, {"PREF=100", 100}, {"PREF=\"3\"", 3},
		{"TYPE=WORK;PREF=2", 2}, {"PREF=5;PREF=4", 4},
		/* out of range or no number: preferred, least so */
		{"PREF=0", 100}, {"PREF=101", 100}, {"PREF=1x", 100}, {"PREF=", 100},
		{"TYPE=pref", 1}, {"type=Pref", 1}, {"TYPE=INTERNET,pref", 1}, {"TYPE=pref,INTERNET", 1},
		{"TYPE=WORK;TYPE=PREF", 1}, {"TYPE=\"work,pref\"", 1}, {"TYPE=INTERNET;PREF=3", 3},
		{"PREF", 1}, {"INTERNET;pref", 1}, {"WORK;PREF;INTERNET", 1},
		/* false positives of a search for "PREF" in the text */
		{"TYPE=PREFERRED-X", 0}, {"TYPE=X-NOPREF", 0}, {"TYPE=INTERNET,X-PREFIX", 0},
		{"TYPE=\"work,preferred\"", 0}, {"TYPE=PREFS", 0}, {"X-PREF=1", 0}, {"PREFERRED", 0},
		{"X-LABEL=PREF", 0}, {"TYPE=WORK;X-NOTE=\"TYPE=PREF\"", 0}, {"TYPE=WORK", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = pref_of(cases[i].params);
		ok(got == cases[i].want, "EMAIL;%s: rank %d (got %d)", cases[i].params, cases[i].want, got);
	}
	/* A value that says PREF is no parameter. */
	is(pref_of("TYPE=WORK"), 0, "a plain card: no rank");
	const char val[] = "BEGIN:VCARD\r\nFN:Ann\r\nEMAIL;TYPE=HOME:home@x.org\r\n"
		"EMAIL;TYPE=WORK:PREF@x.org\r\nEMAIL;TYPE=INTERNET,X-PREFIX:x@x.org\r\n"
		"EMAIL;TYPE=INTERNET,pref:pref@x.org\r\nEND:VCARD\r\n";
	pd_vcards c;
	pd_error e = { 0 };
	ok(pd_vcard_parse("val", val, sizeof val - 1, &c, &e), "a card of look-alikes parses");
	streq(c.v[0].email, "pref@x.org", "the preferred one wins over a value and a type that hold PREF");
	pd_vcards_finish(&c);
}

/* The NOTE a card of one NOTE;params:value line (then a TITLE line) is
 * read with, and its TITLE through *title; "" for none. */
static void note_of(const char *params, const char *value, char *note, char *title, size_t size)
{
	char card[512];
	snprintf(card, sizeof card, "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\nNOTE;%s:%s\r\nTITLE:Keeper\r\n"
	         "END:VCARD\r\n", params, value);
	pd_vcards c;
	pd_error e = { 0 };
	note[0] = title[0] = '\0';
	if (pd_vcard_parse("qp", card, strlen(card), &c, &e) && c.n == 1) {
		snprintf(note, size, "%s", c.v[0].note ? c.v[0].note : "");
		snprintf(title, size, "%s", c.v[0].title ? c.v[0].title : "");
	}
	pd_vcards_finish(&c);
}

/* Quoted-printable read as a parameter too: 2.1's bare value and
 * ENCODING=, in any case; a parameter that only holds the words is not,
 * neither for the value nor for a soft line break that would swallow the
 * next line. */
static void test_qp_params(void)
{
	static const struct { const char *params; bool qp; } cases[] = {
		{"QUOTED-PRINTABLE", true}, {"quoted-printable", true}, {"ENCODING=QUOTED-PRINTABLE", true},
		{"CHARSET=UTF-8;ENCODING=quoted-printable", true}, {"ENCODING=\"QUOTED-PRINTABLE\"", true},
		{"X-NOTE=NOT-QUOTED-PRINTABLE", false}, {"X-QUOTED-PRINTABLE-ISH", false},
		{"X-LABEL=\"ENCODING=QUOTED-PRINTABLE\"", false}, {"CHARSET=UTF-8", false},
		{"X-A=\"a:b\";ENCODING=QUOTED-PRINTABLE", true},
	};
	char note[128], title[128];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		note_of(cases[i].params, "Caf=C3=A9", note, title, sizeof note);
		streq(note, cases[i].qp ? "Caf\xc3\xa9" : "Caf=C3=A9", "NOTE;%s: %s", cases[i].params,
		      cases[i].qp ? "decoded" : "as it stands");
		note_of(cases[i].params, "Open late=", note, title, sizeof note);
		ok(cases[i].qp ? !strcmp(note, "Open lateTITLE:Keeper") && !title[0]
		               : !strcmp(note, "Open late=") && !strcmp(title, "Keeper"),
		   "NOTE;%s ending in '=': the next line is %s (%s | %s)", cases[i].params,
		   cases[i].qp ? "joined to it (a soft break)" : "its own", note, title);
	}
}

/* What each address book writes beyond one email and one phone, kept
 * as notes lines in the card's order, each saying what tells it from the
 * kept one (TYPE, Apple's and Google's X-ABLabel, IMPP's service); the
 * photo and technical properties (X-ABUID, X-ABADR, REV, LABEL beside its
 * ADR) left out. */
static void test_channels(void)
{
	static const struct {
		const char *file, *email, *phone, *address, *extra;
	} cases[] = {
		{ "vcards/apple-channels.vcf", "kwame.mensah@mail.example.com", "+44 161 496 0321",
		  "Riverside House, 2 Quay Street, Manchester, M3 3HN, United Kingdom",
		  "Nickname: Kojo\n"
		  "Email (work): kwame@riverside.example.org\n"
		  "Phone (mobile): +44 7700 900777\n"
		  "Phone (Box office): +44 161 496 0999\n"
		  "Address (home): 14 Elm Grove, Salford, M6 7AB, United Kingdom\n"
		  "URL (blog): https://blog.riverside.example.org\n"
		  "Chat (Skype): skype:kwame.riverside\n"
		  "Social profile (twitter): http://twitter.com/kwamearts\n"
		  "Social profile (linkedin): https://www.linkedin.com/in/kwamemensah\n"
		  "Birthday: --03-17\n"
		  "Anniversary: 2015-09-01\n"
		  "Related (assistant): Ama Owusu" },
		{ "vcards/google-channels.vcf", "priya@lincoln.example.edu", "+1 215-555-0134",
		  "400 School Lane, Philadelphia, PA, 19104, US",
		  "Nickname: Pri\n"
		  "Email (home): p.shah@mail.example.com\n"
		  "Email (PTA): priya.pta@mail.example.com\n"
		  "Phone (mobile): +1 215-555-0178\n"
		  "Birthday: 1979-11-02\n"
		  "Anniversary: 2008-05-20\n"
		  "Related (spouse): Sam Shah\n"
		  "Chat (Jabber): xmpp:priya@chat.example.org" },
		{ "vcards/outlook-channels.vcf", "tomas@ccl.example.org", "+1 312 555 0140",
		  "1500 W Cermak Rd, Chicago, IL, 60608, United States of America",
		  "Phone (home): +1 312 555 0188\n"
		  "Phone (mobile): +1 312 555 0199\n"
		  "Phone (work fax): +1 312 555 0141\n"
		  "Address (home): 22 Elm St, Cicero, IL, 60804, United States of America\n"
		  "Birthday: 1975-08-23\n"
		  "Anniversary: 2005-06-11\n"
		  "Chat: tomas.ortega@chat.example.org\n"
		  "Related (manager): In\xc3\xa9s Vidal\n"
		  "Email: tortega@mail.example.com" },
		{ "vcards/thunderbird-channels.vcf", "sione@pacific.example.org", "+64 9 555 0101",
		  "12 Queen St, Auckland, 1010, New Zealand",
		  "Email (home): sione.t@example.net\n"
		  "Email (work): programs@pacific.example.org\n"
		  "Nickname: Sio\n"
		  "Phone (mobile): +64 21 555 0102\n"
		  "Address (home): 4 Kauri Rd, Auckland, 0600, New Zealand\n"
		  "Chat: xmpp:sione@chat.example.org\n"
		  "Birthday: 1988-02-14\n"
		  "Anniversary: 2012-09-01\n"
		  "URL (home): https://sione.example.net" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pd_vcards c = { 0 };
		pd_error e = { 0 };
		const char *f = cases[i].file;
		if (!ok(load(f, &c, &e) && c.n == 1 && !c.v[0].error, "%s parses, one card: %s", f,
		        c.n && c.v[0].error ? c.v[0].error : e.msg))
			continue;
		streq(c.v[0].email, cases[i].email, "%s: the preferred email kept", f);
		streq(c.v[0].phone, cases[i].phone, "%s: the preferred (or first) phone kept", f);
		streq(c.v[0].address, cases[i].address, "%s: the preferred address, on one line", f);
		streq(c.v[0].extra, cases[i].extra, "%s: the rest as notes lines", f);
		unsigned want = PD_NOTED_PHONE | PD_NOTED_EMAIL | PD_NOTED_CHAT | PD_NOTED_DATE;
		ok((c.v[0].noted & want) == want, "%s: the kinds noted (%#x)", f, c.v[0].noted);
		pd_vcards_finish(&c);
	}
}

/* What real address book files hold that tripped the reader. */
static void test_trips(void)
{
	pd_vcards c;
	pd_vcard *v;
	/* 2.1 ends base64 data with a blank line, and some writers do not
	 * indent its lines: a photo, not a broken card. */
	v = one_card(&c, "unindented base64", "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Tanaka;Yui\r\nORG:Museum\r\n"
		"PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN\r\n"
		"Hh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwh\r\n"
		"MjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAABAAEDASIA\r\n"
		"\r\nTEL;CELL:+81 90 1234 5678\r\nEND:VCARD\r\n");
	if (v) {
		ok(!v->error, "unindented base64: no error (%s)", v->error ? v->error : "");
		streq(v->phone, "+81 90 1234 5678", "unindented base64: the TEL after it read");
		ok(!v->extra, "unindented base64: nothing of it kept");
	}
	pd_vcards_finish(&c);
	/* A line of a card that is no property is still reported after a
	 * property that is not base64. */
	v = one_card(&c, "stray line", "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Tanaka;Yui\r\nNOTE:x\r\nstray\r\nEND:VCARD\r\n");
	ok(v && v->error && v->error_line == 5, "a stray line after a NOTE still reported");
	pd_vcards_finish(&c);

	/* Apple's street of two lines: one notes line, one address field. */
	v = one_card(&c, "two-line street", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n"
		"ADR;type=WORK:;;Riverside House\\n2 Quay Street;Manchester;;M3 3HN\r\n"
		"ADR;type=HOME:;Flat 2\\n;14 Elm Grove;Salford\r\nEND:VCARD\r\n");
	if (v) {
		streq(v->address, "Riverside House, 2 Quay Street, Manchester, M3 3HN", "the street's lines joined");
		streq(v->extra, "Address (home): Flat 2, 14 Elm Grove, Salford", "a further one's too");
	}
	pd_vcards_finish(&c);

	/* A LABEL is the address only when no ADR gives one. */
	v = one_card(&c, "LABEL only", "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jo\r\n"
		"LABEL;WORK;ENCODING=QUOTED-PRINTABLE:1500 W Cermak Rd=0D=0AChicago, IL 60608\r\nEND:VCARD\r\n");
	streq(v ? v->address : NULL, "1500 W Cermak Rd, Chicago, IL 60608", "LABEL without ADR: the address");
	pd_vcards_finish(&c);

	/* The same address under two labels, as Apple lists it: no notes
	 * line repeating the kept email, and its PREF still counts. */
	v = one_card(&c, "same email twice", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n"
		"item1.EMAIL;type=INTERNET;type=WORK:ann@museum.org\r\nitem1.X-ABLabel:_$!<Work>!$_\r\n"
		"item2.EMAIL;type=INTERNET;type=pref:ANN@museum.org\r\nEMAIL:ann@home.org\r\nEND:VCARD\r\n");
	if (v) {
		streq(v->email, "ann@museum.org", "the first of the two kept");
		is(v->email_pref, 1, "the second's PREF counts for it");
		streq(v->extra, "Email: ann@home.org", "the other email kept, the repeat not");
	}
	pd_vcards_finish(&c);

	/* A fax is not the number to call: Outlook may write it first. */
	v = one_card(&c, "fax first", "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jo\r\n"
		"TEL;WORK;FAX;PREF:+1 312 555 0141\r\nTEL;PAGER:+1 312 555 0150\r\nTEL;CELL;VOICE:+1 312 555 0199\r\n"
		"TEL;HOME;FAX:+1 312 555 0142\r\nEND:VCARD\r\n");
	if (v) {
		streq(v->phone, "+1 312 555 0199", "the mobile, not the preferred fax nor the pager");
		streq(v->extra, "Phone (pager): +1 312 555 0150\nPhone (work fax): +1 312 555 0141\n"
		      "Phone (home fax): +1 312 555 0142", "the fax and pager numbers kept in notes");
	}
	pd_vcards_finish(&c);
	v = one_card(&c, "fax only", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jo\r\nTEL;TYPE=fax:111\r\n"
		"TEL;TYPE=\"work,fax\":222\r\nEND:VCARD\r\n");
	streq(v ? v->phone : NULL, "111", "only faxes: the first is the phone still");
	pd_vcards_finish(&c);

	/* Groups: the label follows its property, in any case; a label of
	 * another card is not this one's. */
	v = one_card(&c, "labels", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nTEL:1\r\n"
		"ITEM1.TEL:+44 161 496 0999\r\nitem1.x-ablabel:Box office\r\n"
		"item2.TEL;type=WORK:+44 161 496 0998\r\nitem2.X-ABLabel:_$!<WorkFAX>!$_\r\n"
		"item3.TEL:+44 161 496 0997\r\nitem3.X-ABLabel:_$!<iPhone>!$_\r\n"
		"item4.TEL;type=HOME:+44 161 496 0996\r\nitem4.X-ABLabel:\r\nEND:VCARD\r\n");
	streq(v ? v->extra : NULL, "Phone (Box office): +44 161 496 0999\nPhone (work fax): +44 161 496 0998\n"
	      "Phone (iPhone): +44 161 496 0997\nPhone (home): +44 161 496 0996",
	      "X-ABLabel names the number; Apple's own labels as words; an empty one gives way to TYPE");
	pd_vcards_finish(&c);

	/* CR LF, LF and a lone CR in one file (a card edited by hand on
	 * another system), folding across them. */
	v = one_card(&c, "mixed ends", "BEGIN:VCARD\r\nVERSION:3.0\nFN:Mixed\r ends\r\nORG:City\n  Museum\r"
		"EMAIL;CHARSET=UTF-8:caf\xc3\xa9@museum.example\nNOTE;CHARSET=\"utf-8\":D\xc3\xa9j\xc3\xa0 vu\r\n"
		"END:VCARD\n");
	if (v) {
		ok(!v->error, "mixed ends: no error (%s)", v->error ? v->error : "");
		streq(v->name, "Mixedends", "mixed ends: folded over a lone CR");
		streq(v->org, "City Museum", "mixed ends: folded over an LF");
		streq(v->email, "caf\xc3\xa9@museum.example", "CHARSET=UTF-8: read as UTF-8");
		streq(v->note, "D\xc3\xa9j\xc3\xa0 vu", "CHARSET=\"utf-8\", quoted and in lower case: UTF-8 too");
	}
	pd_vcards_finish(&c);

	/* Each CHARSET as what it names: a Russian or Czech Outlook's code
	 * page, a Japanese phone's Shift_JIS under quoted-printable; one no
	 * charset has read as Windows-1252, as before. */
	v = one_card(&c, "charsets", "BEGIN:VCARD\r\nVERSION:2.1\r\n"
		"N;CHARSET=Windows-1251:\xcf\xe5\xf2\xf0\xee\xe2;\xc8\xe2\xe0\xed\r\n"
		"ORG;CHARSET=ISO-8859-2:Knihovna P\xf8\xed" "bram\r\n"
		"TITLE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:=93=63=92=86\r\n"
		"NOTE;CHARSET=\"iso-8859-15\":\xa4 5\r\nROLE;CHARSET=X-NO-SUCH:Caf\xe9\r\n"
		"NICKNAME;CHARSET=Windows-1252:\x93Ren\xe9\x94\r\nEND:VCARD\r\n");
	if (v) {
		streq(v->name, "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd \xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2",
		      "CHARSET=Windows-1251: Cyrillic");
		streq(v->org, "Knihovna P\xc5\x99\xc3\xad" "bram", "CHARSET=ISO-8859-2: Czech");
		streq(v->title, "\xe7\x94\xb0\xe4\xb8\xad", "CHARSET=SHIFT_JIS, quoted-printable: Japanese");
		streq(v->note, "\xe2\x82\xac 5", "CHARSET=\"iso-8859-15\": the euro sign");
		streq(v->extra, "Role: Caf\xc3\xa9\nNickname: \xe2\x80\x9cRen\xc3\xa9\xe2\x80\x9d",
		      "an unknown CHARSET and Windows-1252 itself: read as Windows-1252");
	}
	pd_vcards_finish(&c);

	/* Dates as a reader writes them. */
	v = one_card(&c, "dates", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\nBDAY:--0317\r\n"
		"ANNIVERSARY:20120901T000000Z\r\nX-ANNIVERSARY:2012-09-01\r\nEND:VCARD\r\n");
	streq(v ? v->extra : NULL, "Birthday: --03-17\nAnniversary: 2012-09-01\nAnniversary: 2012-09-01",
	      "basic dates in the extended form, a time left out");
	pd_vcards_finish(&c);
}

/* Item: the email kept is the one the card prefers, as each address book
 * marks it, wherever it stands among the others. */
static void test_pref_exporters(void)
{
	static const struct { const char *what, *card, *email; } cases[] = {
		{ "Thunderbird 4.0, PREF=1 last",
		  "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL;TYPE=home:b@x.org\r\nEMAIL:c@x.org\r\n"
		  "EMAIL;PREF=1:a@x.org\r\nFN:Kim\r\nEND:VCARD\r\n", "a@x.org" },
		{ "Thunderbird 4.0, PREF=1 and PREF=2",
		  "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL;PREF=2:b@x.org\r\nEMAIL;PREF=1:a@x.org\r\nFN:Kim\r\nEND:VCARD\r\n",
		  "a@x.org" },
		{ "Thunderbird 3.0 style, TYPE=INTERNET,PREF",
		  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim\r\nEMAIL;TYPE=INTERNET:b@x.org\r\n"
		  "EMAIL;TYPE=INTERNET,PREF:a@x.org\r\nEND:VCARD\r\n", "a@x.org" },
		{ "Apple 3.0, type=pref on the second item",
		  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim\r\nitem1.EMAIL;type=INTERNET;type=WORK:b@x.org\r\n"
		  "item1.X-ABLabel:_$!<Work>!$_\r\nitem2.EMAIL;type=INTERNET;type=HOME;type=pref:a@x.org\r\n"
		  "END:VCARD\r\n", "a@x.org" },
		{ "Google 3.0, no PREF: the first",
		  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim\r\nEMAIL;TYPE=INTERNET;TYPE=WORK:a@x.org\r\n"
		  "EMAIL;TYPE=INTERNET;TYPE=HOME:b@x.org\r\nEND:VCARD\r\n", "a@x.org" },
		{ "Outlook 2.1, PREF on the second",
		  "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Lee;Kim\r\nEMAIL;INTERNET:b@x.org\r\n"
		  "EMAIL;PREF;INTERNET:a@x.org\r\nEND:VCARD\r\n", "a@x.org" },
		{ "Outlook for Mac 3.0, type=pref in lower case",
		  "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kim\r\nEMAIL;type=INTERNET;type=HOME:b@x.org\r\n"
		  "EMAIL;type=INTERNET;type=WORK;type=pref:a@x.org\r\nEND:VCARD\r\n", "a@x.org" },
		{ "4.0 PREF=1 on an empty EMAIL: the next best",
		  "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Kim\r\nEMAIL;PREF=1:\r\nEMAIL:a@x.org\r\nEND:VCARD\r\n",
		  "a@x.org" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pd_vcards c;
		pd_vcard *v = one_card(&c, cases[i].what, cases[i].card);
		streq(v ? v->email : NULL, cases[i].email, "%s: the preferred email kept", cases[i].what);
		ok(v && (!strstr(cases[i].card, "b@x.org") || (v->extra && strstr(v->extra, "b@x.org")))
		   && (!v->extra || !strstr(v->extra, cases[i].email)),
		   "%s: the other in notes (%s)", cases[i].what, v && v->extra ? v->extra : "");
		pd_vcards_finish(&c);
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	pd_vcards c;
	pd_error e = { 0 };

	ok(load("vcards/org.vcf", &c, &e), "org.vcf parses: %s", e.msg);
	is(c.n, 1, "one card");
	ok(c.v[0].is_org, "KIND:org seen");
	streq(c.v[0].name, "ACME Inc.", "FN");
	streq(c.v[0].org, "ACME Inc.", "ORG first component");
	pd_vcards_finish(&c);

	ok(load("vcards/individual.vcf", &c, &e), "individual.vcf parses");
	ok(!c.v[0].is_org, "a person");
	streq(c.v[0].name, "Wile E. Coyote", "FN");
	streq(c.v[0].org, "ACME Inc.", "ORG links to a partner");
	pd_vcards_finish(&c);

	ok(load("vcards/korean-c.vcf", &c, &e), "korean-c parses");
	streq(c.v[0].name, "최유림", "Korean FN");
	pd_vcards_finish(&c);

	ok(load("vcards/photov3.vcf", &c, &e), "photov3 parses");
	ok(c.v[0].error == NULL, "photo skipped without harm");
	streq(c.v[0].name, "with photo v3", "name");
	ok(c.v[0].note && strstr(c.v[0].note, "encodeddata), TYPE may"), "folded NOTE unescaped: %s",
		c.v[0].note ? c.v[0].note : "");
	pd_vcards_finish(&c);

	ok(load("vcards/photov4.vcf", &c, &e), "photov4 parses");
	ok(c.v[0].error == NULL && c.v[0].note, "photo v4 skipped, note kept");
	pd_vcards_finish(&c);

	ok(load("vcards/tel-value-uri.vcf", &c, &e), "tel-value-uri parses");
	streq(c.v[0].phone, "67545678", "TEL with VALUE=URI");
	pd_vcards_finish(&c);

	ok(load("vcards/labels.vcf", &c, &e), "labels parses");
	streq(c.v[0].org, "Test Inc", "grouped item1.ORG");
	pd_vcards_finish(&c);

	ok(load("vcards/nickname.vcf", &c, &e), "nickname.vcf parses");
	streq(c.v[0].name, "Michael Smith", "name built from N without FN");
	streq(c.v[0].email, "ms@example.org", "EMAIL;TYPE=pref");
	pd_vcards_finish(&c);

	ok(load("vcards/post.vcf", &c, &e), "post.vcf parses");
	streq(c.v[0].address, "PostBox, Ext, Main Street 1, The City, SomeState, 00000, HomeCountry",
		"ADR kept, its parts joined");
	pd_vcards_finish(&c);

	const char zoo[] = "BEGIN:VCARD\nVERSION:4.0\nFN:Lee Park\nORG:City Zoo;Education Department\n"
		"ADR;TYPE=work:;;1 Zoo Road;Springfield;IL;62701;USA\nADR;TYPE=home:;;2 Elm St;Springfield\n"
		"CATEGORIES:animals,family\nCATEGORIES:\nCATEGORIES:docent\n"
		"NOTE:\nNOTE:Met at the fair\nNOTE:\nNOTE:Prefers mornings\nEND:VCARD\n";
	ok(pd_vcard_parse("zoo", zoo, sizeof zoo - 1, &c, &e), "zoo card parses");
	streq(c.v[0].org, "City Zoo", "ORG's first component is the partner");
	streq(c.v[0].org_unit, "Education Department", "ORG's unit kept");
	streq(c.v[0].address, "1 Zoo Road, Springfield, IL, 62701, USA", "first ADR, empty parts left out");
	ok(c.v[0].extra && strstr(c.v[0].extra, "Address (home): 2 Elm St, Springfield"),
	   "second ADR kept in extra, its TYPE said");
	streq(c.v[0].categories, "animals\nfamily\ndocent", "CATEGORIES joined, one value a line");
	streq(c.v[0].note, "Met at the fair\nPrefers mornings", "each NOTE kept on a line, empty ones not");
	pd_vcards_finish(&c);
	/* RFC 6350 3.4: "\," is a comma inside one value of a text list. */
	const char cats[] = "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Escapes\\, Inc.\r\n"
		"CATEGORIES:arts\\, culture,youth\r\nEND:VCARD\r\n";
	ok(pd_vcard_parse("cats", cats, sizeof cats - 1, &c, &e), "escaped-comma card parses");
	streq(c.v[0].categories, "arts, culture\nyouth", "an escaped comma stays in its category");
	streq(c.v[0].name, "Escapes, Inc.", "FN's escaped comma too");
	pd_vcards_finish(&c);

	ok(load("vcards/unparsable.vcf", &c, &e), "unparsable.vcf still returns its card");
	is(c.n, 1, "one card");
	ok(c.v[0].error && c.v[0].error_line == 1, "reported by its line: %s",
		c.v[0].error ? c.v[0].error : "");
	pd_vcards_finish(&c);

	ok(load("vcards/v21-qp.vcf", &c, &e), "2.1 card parses: %s", e.msg);
	streq(c.v[0].name, "Ada Lovel\xC3\xA1" "ce", "quoted-printable FN");
	streq(c.v[0].email, "ada@engines.example", "preferred email");
	ok(c.v[0].extra && strstr(c.v[0].extra, "ada@home.example"), "second email kept");
	streq(c.v[0].note, "First line\nsecond line", "soft line break joined");
	streq(c.v[0].title, "Head of Education", "TITLE");
	streq(c.v[0].phone, "+44 20 7946 0000", "TEL");
	pd_vcards_finish(&c);

	/* A soft break whose next line starts with a space: the space is
	 * data (encoders cut at a fixed width), not folding. */
	const char qp_space[] = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nORG:City Museum\r\n"
		"NOTE;ENCODING=QUOTED-PRINTABLE:about the reading=\r\n programme for=\r\n"
		"  teens\r\nEND:VCARD\r\n";
	ok(pd_vcard_parse("qp", qp_space, sizeof qp_space - 1, &c, &e), "soft break before a space parses");
	streq(c.v[0].note, "about the reading programme for  teens", "the space after a soft break is kept");
	pd_vcards_finish(&c);

	/* A value folded over many lines (a photo, a long note) is joined
	 * whole: 50,000 folds of 74 octets. */
	size_t folds = 50000, flen = 0;
	char *folded = malloc(folds * 77 + 200);
	flen += (size_t)sprintf(folded, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long\r\nNOTE:x");
	for (size_t k = 0; k < folds; k++) {
		memcpy(folded + flen, "\r\n ", 3);
		memset(folded + flen + 3, 'a' + (int)(k % 26), 74);
		flen += 77;
	}
	flen += (size_t)sprintf(folded + flen, "\r\nEND:VCARD\r\n");
	ok(pd_vcard_parse("long", folded, flen, &c, &e), "a value folded 50,000 times parses");
	ok(c.n == 1 && c.v[0].note && strlen(c.v[0].note) == 1 + folds * 74
	   && c.v[0].note[1] == 'a' && c.v[0].note[1 + 74 * 25] == 'z', "and is joined whole, in order");
	pd_vcards_finish(&c);
	free(folded);

	const char two[] = "BEGIN:VCARD\nVERSION:3.0\nFN:One\nbroken line\nEND:VCARD\n"
	                   "BEGIN:VCARD\nVERSION:3.0\nFN:Two\\, Esq.\nEND:VCARD\n";
	ok(pd_vcard_parse("two", two, sizeof two - 1, &c, &e), "two cards parse");
	is(c.n, 2, "both returned");
	ok(c.v[0].error && c.v[0].error_line == 4, "broken line named: %s", c.v[0].error ? c.v[0].error : "");
	streq(c.v[1].name, "Two, Esq.", "escaped comma");
	ok(c.v[1].error == NULL, "the good card is fine");
	pd_vcards_finish(&c);

	const char noend[] = "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n";
	ok(pd_vcard_parse("noend", noend, sizeof noend - 1, &c, &e), "missing END parses");
	is(c.n, 2, "two cards");
	ok(c.v[0].error != NULL, "first reported");
	streq(c.v[1].name, "B", "second fine");
	pd_vcards_finish(&c);

	/* A control character in a value partnerdesk keeps fails the card, as
	 * it fails a spreadsheet's row: the property and the character named
	 * at its line. The newline and tab a value decodes to do not. */
	const char esc[] = "BEGIN:VCARD\nFN:\x1b[31mred\nEND:VCARD\n";
	ok(pd_vcard_parse("esc", esc, sizeof esc - 1, &c, &e), "escape card parses");
	ok(c.v[0].name && !strchr(c.v[0].name, 0x1b), "no ESC kept in the name");
	ok(c.v[0].error && strcmp(c.v[0].error, "FN holds control character 0x1B") == 0 && c.v[0].error_line == 2,
		"but the card fails at FN's line: %s", c.v[0].error ? c.v[0].error : "(none)");
	pd_vcards_finish(&c);
	static const struct { const char *card, *error; long line; } controls[] = {
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nN:Lee;Ann\x07;;;\r\nEND:VCARD\r\n",
		  "N holds control character 0x07", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nORG:City\x08 Zoo;Education\r\nEND:VCARD\r\n",
		  "ORG holds control character 0x08", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nTITLE:Head\x7f\r\nEND:VCARD\r\n",
		  "TITLE holds control character 0x7F", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEMAIL:a\x1b@x.org\r\nEND:VCARD\r\n",
		  "EMAIL holds control character 0x1B", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nTEL:555\x0c\r\nEND:VCARD\r\n",
		  "TEL holds control character 0x0C", 4 },
		/* Folded over two lines: reported at the line it starts on. */
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nNOTE:one\r\n  two\x1b[2J\r\nEND:VCARD\r\n",
		  "NOTE holds control character 0x1B", 4 },
		/* Quoted-printable hides one as well as it hides a newline. */
		{ "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ann=1B]0;x=07\r\nEND:VCARD\r\n",
		  "FN holds control character 0x1B", 3 },
		/* A NUL among them: it was taken for none and kept as '?'. */
		{ "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ann=00Lee\r\nEND:VCARD\r\n",
		  "FN holds control character 0x00", 3 },
		/* Every property kept, not only the name's and the note's: an
		 * address, a web link, categories, a chat, a date, the label a
		 * group is noted under, a second organisation, an envelope's
		 * address (there was no ADR) were kept with '?' for it. */
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nADR;TYPE=work:;;1 Quay\x1b[2J St;Hull;;HU1;UK\r\nEND:VCARD\r\n",
		  "ADR holds control character 0x1B", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nURL:https://quay.example/\x07\r\nEND:VCARD\r\n",
		  "URL holds control character 0x07", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nCATEGORIES:arts,te\x1b]0;x\x07ens\r\nEND:VCARD\r\n",
		  "CATEGORIES holds control character 0x1B", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nX-SKYPE:ann\x1b.lee\r\nEND:VCARD\r\n",
		  "X-SKYPE holds control character 0x1B", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nBDAY:1975\x08-08-23\r\nEND:VCARD\r\n",
		  "BDAY holds control character 0x08", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nORG:Quay Library\r\nORG:Old\x1b Mill\r\nEND:VCARD\r\n",
		  "ORG holds control character 0x1B", 5 },
		{ "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\nLABEL;ENCODING=QUOTED-PRINTABLE:1 Quay St=0D=0AHull=1B\r\n"
		  "END:VCARD\r\n", "LABEL holds control character 0x1B", 4 },
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nTEL:111\r\nitem1.TEL:222\r\n"
		  "item1.X-ABLabel:Box\x1b office\r\nEND:VCARD\r\n", "X-ABLABEL holds control character 0x1B", 6 },
		/* A label kept in the notes with the value it names, moved
		 * there when a preferred number came, fails the card at its
		 * line. */
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nitem1.TEL:111\r\nitem1.X-ABLabel:Box\x1b office\r\n"
		  "TEL;TYPE=pref:222\r\nEND:VCARD\r\n", "X-ABLABEL holds control character 0x1B", 5 },
		/* The LABEL kept, there being no ADR, fails the card at its
		 * line, ahead of a later line's wrong. */
		{ "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\nLABEL:1 Quay St\x07\r\nTEL:555\x0c\r\n"
		  "END:VCARD\r\n", "LABEL holds control character 0x07", 4 },
		/* What a NOTE of lines decodes to, escaped, quoted-printable or
		 * with a tab, and a photo's data: no error. */
		{ "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\tLee\r\nNOTE:one\\ntwo\\Nthree\ttab\r\n"
		  "PHOTO;ENCODING=b:\x01\x02" "AAAA\r\nX-FOO:\x1b\r\nEND:VCARD\r\n", NULL, 0 },
		{ "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\nNOTE;ENCODING=QUOTED-PRINTABLE:one=0D=0Atwo=0Athree=09\r\n"
		  "END:VCARD\r\n", NULL, 0 },
	};
	for (size_t k = 0; k < sizeof controls / sizeof controls[0]; k++) {
		ok(pd_vcard_parse("ctl", controls[k].card, strlen(controls[k].card), &c, &e), "control card %zu parses", k);
		if (controls[k].error)
			ok(c.n == 1 && c.v[0].error && strcmp(c.v[0].error, controls[k].error) == 0
			   && c.v[0].error_line == controls[k].line, "card %zu: %s at line %ld (got %s at %ld)", k,
				controls[k].error, controls[k].line, c.n && c.v[0].error ? c.v[0].error : "(none)",
				c.n ? c.v[0].error_line : 0L);
		else
			ok(c.n == 1 && !c.v[0].error && c.v[0].note && strstr(c.v[0].note, "one\ntwo\nthree"),
				"card %zu: newlines and tabs pass (%s)", k, c.n && c.v[0].error ? c.v[0].error : "no error");
		pd_vcards_finish(&c);
	}

	/* A LABEL beside an ADR is never kept (the ADR is the address): a
	 * control character in it fails nothing, before or after the ADR. */
	static const char *const label_unkept[] = {
		"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\nADR;WORK:;;1 Quay St;Hull;;HU1;UK\r\n"
		"LABEL;WORK;ENCODING=QUOTED-PRINTABLE:1 Quay St=0D=0AHull=0C\r\nEND:VCARD\r\n",
		"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ann\r\nLABEL;WORK:1 Quay St\x1b Hull\r\n"
		"ADR;WORK:;;1 Quay St;Hull;;HU1;UK\r\nEND:VCARD\r\n",
	};
	for (size_t k = 0; k < sizeof label_unkept / sizeof label_unkept[0]; k++) {
		ok(pd_vcard_parse("lab", label_unkept[k], strlen(label_unkept[k]), &c, &e), "label card %zu parses", k);
		ok(c.n == 1 && !c.v[0].error && c.v[0].address && strcmp(c.v[0].address, "1 Quay St, Hull, HU1, UK") == 0,
		   "label card %zu: imported with its ADR (%s)", k, c.n && c.v[0].error ? c.v[0].error : "no error");
		pd_vcards_finish(&c);
	}

	/* A group's label is kept only in the notes, beside a value noted
	 * there: the card's one phone, kept in its field, and a group of a
	 * label alone keep none, and a control character in them fails
	 * nothing. */
	const char unlabelled[] = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nitem1.TEL:555 0101\r\n"
		"item1.X-ABLabel:Box\x1b office\r\nitem2.X-ABLabel:Lone\x07\r\nEND:VCARD\r\n";
	ok(pd_vcard_parse("lab", unlabelled, sizeof unlabelled - 1, &c, &e), "labelled phone card parses");
	ok(c.n == 1 && !c.v[0].error && c.v[0].phone && strcmp(c.v[0].phone, "555 0101") == 0 && !c.v[0].extra,
	   "imported with its phone, no label kept (%s)", c.n && c.v[0].error ? c.v[0].error : "no error");
	pd_vcards_finish(&c);

	/* vCard 4.0 PREF=n is a rank, 1 the most preferred (RFC 6350 5.3). */
	const char rank[] = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zed Keeper\r\nORG:City Zoo\r\n"
		"EMAIL;PREF=2:a@z.org\r\nEMAIL;PREF=1:b@z.org\r\nEMAIL:c@z.org\r\n"
		"TEL;PREF=50:111\r\nTEL;VALUE=uri;PREF=\"3\":tel:333\r\nTEL;PREF=7:777\r\nEND:VCARD\r\n";
	ok(pd_vcard_parse("rank", rank, sizeof rank - 1, &c, &e), "PREF=n card parses");
	streq(c.v[0].email, "b@z.org", "PREF=1 beats an earlier PREF=2");
	ok(c.v[0].extra && strstr(c.v[0].extra, "Email: a@z.org") && strstr(c.v[0].extra, "Email: c@z.org"),
		"the others kept: %s", c.v[0].extra ? c.v[0].extra : "");
	streq(c.v[0].phone, "333", "the lowest rank wins, quoted or not");
	ok(c.v[0].email_pref == 1 && c.v[0].phone_pref == 3, "and the ranks kept values carry: %d, %d",
		c.v[0].email_pref, c.v[0].phone_pref);
	pd_vcards_finish(&c);
	const char v3[] = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\n"
		"EMAIL;TYPE=INTERNET,HOME:home@x.org\r\nEMAIL;TYPE=INTERNET,WORK,PREF:work@x.org\r\n"
		"EMAIL;TYPE=pref:later@x.org\r\nEND:VCARD\r\n";
	ok(pd_vcard_parse("v3", v3, sizeof v3 - 1, &c, &e), "3.0 card parses");
	streq(c.v[0].email, "work@x.org", "3.0 TYPE=pref still wins; the first of two preferred");
	ok(c.v[0].email_pref == 1 && c.v[0].phone_pref == 0, "3.0 TYPE=pref is rank 1; no TEL, none");
	pd_vcards_finish(&c);
	const char v21[] = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Tel;Cai\r\nTEL;WORK;VOICE:111\r\n"
		"TEL;CELL;PREF;VOICE:222\r\nEMAIL;INTERNET:cai@x.org\r\nEND:VCARD\r\n";
	ok(pd_vcard_parse("v21", v21, sizeof v21 - 1, &c, &e), "2.1 card parses");
	ok(!strcmp(c.v[0].phone, "222") && c.v[0].phone_pref == 1 && c.v[0].email_pref == 0,
		"2.1's bare PREF: the TEL kept, rank 1; the EMAIL none");
	pd_vcards_finish(&c);

	test_pref_params();
	test_qp_params();

	/* Links where the address and number go, read as a CSV import reads
	 * them: the scheme, a mailto's ?subject and the spaces after it gone. */
	const char links[] = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Ruiz\r\n"
		"EMAIL:MAILTO:ana@museum.org?subject=Partnership\r\nTEL;VALUE=uri:tel: +44 20 7946 0000\r\n"
		"END:VCARD\r\n";
	ok(pd_vcard_parse("links", links, sizeof links - 1, &c, &e), "a card of links parses");
	streq(c.v[0].email, "ana@museum.org", "mailto: and its ?subject dropped");
	streq(c.v[0].phone, "+44 20 7946 0000", "tel: and the space after it dropped");
	pd_vcards_finish(&c);

	test_agent();
	test_agent_labels();
	test_base64_end();
	test_channels();
	test_trips();
	test_pref_exporters();

	/* A long N is kept whole: it was cut at 1023 bytes, in the middle of
	 * a character when the name is not ASCII. */
	{
		size_t family = 700;   /* "é" each: 1400 bytes */
		size_t cap = family * 2 + 200;
		char *longn = malloc(cap), *want = malloc(cap);
		size_t k = (size_t)snprintf(longn, cap, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:");
		size_t w = (size_t)snprintf(want, cap, "Ada ");
		for (size_t i = 0; i < family; i++) {
			memcpy(longn + k, "\xc3\xa9", 2);
			memcpy(want + w, "\xc3\xa9", 2);
			k += 2;
			w += 2;
		}
		snprintf(want + w, cap - w, " Jr.");
		snprintf(longn + k, cap - k, ";Ada;;;Jr.\r\nORG:City Zoo\r\nEND:VCARD\r\n");
		ok(pd_vcard_parse("longn", longn, strlen(longn), &c, &e), "a card with a long N parses");
		ok(c.n == 1 && c.v[0].name && strcmp(c.v[0].name, want) == 0,
		   "the long N is the whole name (%zu bytes of %zu)",
		   c.n && c.v[0].name ? strlen(c.v[0].name) : 0, strlen(want));
		pd_vcards_finish(&c);
		free(longn);
		free(want);
	}

	ok(!pd_vcard_parse("bin", "\x89PNG\0\0", 6, &c, &e), "binary refused");
	ok(!pd_vcard_parse("text", "hello\n", 6, &c, &e), "no card refused");
	ok(strstr(e.msg, "not a vCard") != NULL, "says so: %s", e.msg);
	return tap_done();
}
