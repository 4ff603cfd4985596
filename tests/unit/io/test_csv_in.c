/* The CSV reader: quoting, embedded newlines, CRLF, BOM, separators, the
 * sep= hint, stray quotes, Windows-1252, and the refusals (binary, NUL, control characters, huge
 * cells, broken UTF-8). */
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/csv_in.h"
#include "partnerdesk/io/field_map.h"
#include "partnerdesk/io/win1252.h"
#include "tap.h"

static bool rd(const char *s, size_t len, pd_csv_encoding enc, pd_csv *c, pd_error *e)
{
	return pd_csv_read("t.csv", s, len, enc, c, e);
}

int main(void)
{
	pd_csv c;
	pd_error e = { 0 };
	setvbuf(stdout, NULL, _IONBF, 0);

	const char basic[] = "\xEF\xBB\xBFName,Notes\r\n\"Smith, Jones & Co\",\"line one\r\nline \"\"two\"\"\"\r\n\r\nMus\xC3\xA9" "e,\r\n";
	ok(rd(basic, sizeof basic - 1, PD_CSV_ENC_AUTO, &c, &e), "basic file reads: %s", e.msg);
	is(c.n, 4, "header, two rows and the blank line between");
	streq(c.v[0].fields[0], "Name", "BOM stripped from the first header");
	streq(c.v[1].fields[0], "Smith, Jones & Co", "quoted comma kept");
	streq(c.v[1].fields[1], "line one\nline \"two\"", "embedded CRLF made LF, doubled quotes undone");
	is(c.v[1].row, 2, "first data row is spreadsheet row 2");
	is(c.v[2].n, 0, "blank line is an empty record");
	is(c.v[3].row, 4, "row numbers count the blank line, not embedded newlines");
	streq(c.v[3].fields[0], "Mus\xC3\xA9" "e", "UTF-8 kept");
	ok(!c.converted, "not converted");
	pd_csv_finish(&c);

	const char semi[] = "Name;Email\nA;a@x\n";
	ok(rd(semi, sizeof semi - 1, PD_CSV_ENC_AUTO, &c, &e), "semicolon file reads");
	is(c.delimiter, ';', "semicolon sniffed");
	streq(c.v[1].fields[1], "a@x", "second field");
	pd_csv_finish(&c);

	const char cp[] = "Name\nCaf\xE9 \x93quoted\x94\n";
	ok(rd(cp, sizeof cp - 1, PD_CSV_ENC_AUTO, &c, &e), "Windows-1252 file reads");
	ok(c.converted, "marked converted");
	streq(c.v[1].fields[0], "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", "converted to UTF-8");
	pd_csv_finish(&c);

	/* 0x81 is no Windows-1252 character: the file is in another code page
	 * (Mac Roman's A-ring), refused with its row (the spreadsheet's: a cell over two
	 * lines is one row) rather than read as U+FFFD. */
	const char mac[] = "Name,Notes\nCaf\xE9,z\n\"two\nlines\",x\n\x81ngstr\xF6m Hall,y\n";
	ok(!rd(mac, sizeof mac - 1, PD_CSV_ENC_AUTO, &c, &e), "a byte no Windows-1252 character is refused");
	ok(strstr(e.msg, ":4: byte 0x81 is not a Windows-1252 character") != NULL, "names its row and byte: %s", e.msg);
	ok(strstr(e.msg, "CSV UTF-8") != NULL, "says what to do: %s", e.msg);
	ok(!rd(mac, sizeof mac - 1, PD_CSV_ENC_WIN1252, &c, &e), "refused when Windows-1252 is asked for too");
	is((long)pd_win1252_undefined("ok\x80\x9D", 4), 3, "the undefined byte's offset");
	is((long)pd_win1252_undefined("ok", 2), 2, "none: the length");

	/* Mac Roman words whose letters Windows-1252 reads as ’ – — œ š Õ:
	 * found, at the byte; Windows-1252's own uses of those between
	 * letters are not. Written as Python's mac_roman and cp1252 give them. */
	static const struct { const char *text, *what; } mac_words[] = {
		{ "Garc\x92" "a", "Garc'a (García: í)" }, { "Rodr\x92guez", "Rodr'guez (Rodríguez)" },
		{ "C\x92vico", "C'vico (Cívico)" }, { "Espa\x96" "a", "Espa-a (España: ñ)" },
		{ "ni\x96os", "ni-os (niños)" }, { "Asociaci\x97n", "Asociaci-n (Asociación: ó)" },
		{ "G\x97mez", "G-mez (Gómez)" }, { "Ra\x9Cl", "Raœl (Raúl: ú)" },
		{ "Per\x9C", "Perœ (Perú)" }, { "p\x9C" "blico", "pœblico (público)" },
		{ "m\x9Csica", "mœsica (música)" }, { "K\x9Aln", "Kšln (Köln: ö)" },
		{ "Schr\x9A" "der", "Schršder (Schröder)" }, { "Men\xD5s", "MenÕs (Men’s: Mac ’)" },
		{ "BJ\x85RK", "BJ…RK (BJÖRK)" },
	};
	for (size_t i = 0; i < sizeof mac_words / sizeof mac_words[0]; i++) {
		size_t n = strlen(mac_words[i].text), at = pd_win1252_mac_roman(mac_words[i].text, n);
		ok(at < n && (unsigned char)mac_words[i].text[at] >= 0x80, "Mac Roman %s: found", mac_words[i].what);
	}
	static const char *const win_words[] = {
		"O\x92" "Brien", "St Mary\x92s", "children\x92s", "don\x92t", "rock\x92n\x92roll",
		"Hallowe\x92" "en", "Qur\x92" "an", "Sa\x92id", "l\x92\xC9glise", "aujourd\x92hui",
		"presqu\x92\xEEle", "Marchallac\x92h", "Enw\x92r", "gyda\x92i", "i\x92w", "dell\x92" "Arte",
		"library\x97" "and more", "A\x97the best", "Mon\x96" "Fri", "9\x96" "5", "a\x96z",
		"pre\x96school", "drop\x96in", "C\x9Cur", "s\x9Curs", "\x9Cuvre", "f\x9Ctus", "Ko\x9Aice",
		"Milo\x9A", "T\x9A" "ekki", "wait\x85what", "MAN\x8CUVRE",
	};
	for (size_t i = 0; i < sizeof win_words / sizeof win_words[0]; i++) {
		size_t n = strlen(win_words[i]);
		is((long)pd_win1252_mac_roman(win_words[i], n), (long)n, "Windows-1252 word %zu: not taken for Mac Roman", i);
	}

	const char mixed[] = "Name\nMus\xC3\xA9" "e\nCaf\xE9\n";
	ok(rd(mixed, sizeof mixed - 1, PD_CSV_ENC_AUTO, &c, &e), "mixed file reads");
	ok(c.v[1].error == NULL, "the UTF-8 row is fine");
	ok(c.v[2].error && strstr(c.v[2].error, "not valid UTF-8"), "the bad row is named: %s",
		c.v[2].error ? c.v[2].error : "");
	pd_csv_finish(&c);

	ok(rd(cp, sizeof cp - 1, PD_CSV_ENC_UTF8, &c, &e), "strict UTF-8 reads");
	ok(c.v[1].error != NULL, "strict UTF-8 refuses the row");
	pd_csv_finish(&c);

	const char esc[] = "Name\n\x1b[2Jevil\n";
	ok(rd(esc, sizeof esc - 1, PD_CSV_ENC_AUTO, &c, &e), "escape file reads");
	ok(c.v[1].error && strstr(c.v[1].error, "0x1B"), "escape refused: %s", c.v[1].error ? c.v[1].error : "");
	pd_csv_finish(&c);

	const char nul[] = "Name\nA\nB\0C\n";
	ok(!rd(nul, sizeof nul - 1, PD_CSV_ENC_AUTO, &c, &e), "NUL refused");
	ok(strstr(e.msg, "t.csv:3:") != NULL, "NUL row named: %s", e.msg);

	const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	ok(!rd((const char *)png, sizeof png, PD_CSV_ENC_AUTO, &c, &e), "PNG refused");
	ok(strstr(e.msg, "not") != NULL, "says so: %s", e.msg);

	const char u16[] = "\xFF\xFEN\0a\0";
	ok(!rd(u16, sizeof u16 - 1, PD_CSV_ENC_AUTO, &c, &e), "UTF-16 refused");
	ok(strstr(e.msg, "UTF-16") != NULL, "says UTF-16: %s", e.msg);
	/* Excel's and Notepad's "Unicode" text may come without the mark. */
	const char u16bare[] = "N\0a\0m\0e\0\r\0\n\0A\0\r\0\n\0";
	ok(!rd(u16bare, sizeof u16bare - 1, PD_CSV_ENC_AUTO, &c, &e), "UTF-16 without a mark refused");
	ok(strstr(e.msg, "UTF-16") != NULL, "and called UTF-16, not a NUL byte: %s", e.msg);

	const char unclosed[] = "Name\n\"never closed\n";
	ok(!rd(unclosed, sizeof unclosed - 1, PD_CSV_ENC_AUTO, &c, &e), "unclosed quote refused");
	ok(strstr(e.msg, "t.csv:2:") != NULL, "row named: %s", e.msg);

	/* Line ends inside a quoted cell become LF whatever the file used. */
	const char crs[] = "Name,Notes\r\nA,\"multi\r\nline\rold mac\r\r\nend\"\r\nB,x\r\n";
	ok(rd(crs, sizeof crs - 1, PD_CSV_ENC_AUTO, &c, &e), "CR file reads: %s", e.msg);
	is(c.n, 3, "header and two rows");
	streq(c.v[1].fields[1], "multi\nline\nold mac\n\nend", "CRLF and lone CR in a cell made LF");
	is(c.v[2].row, 3, "the multi-line cell is one row");
	pd_csv_finish(&c);

	/* Excel's separator hint: names the separator, is not the header, and
	 * is row 1 as an editor shows it. */
	const char sep[] = "sep=;\r\nName;Email\r\nSepLine Library;s@l.org\r\n";
	ok(rd(sep, sizeof sep - 1, PD_CSV_ENC_AUTO, &c, &e), "sep= file reads: %s", e.msg);
	is(c.delimiter, ';', "sep=; sets the separator");
	is(c.n, 2, "the hint is not a record");
	streq(c.v[0].fields[0], "Name", "the header follows the hint");
	is(c.v[0].row, 2, "the header is row 2 after the hint");
	is(c.v[1].row, 3, "the first data row is row 3");
	streq(c.v[1].fields[1], "s@l.org", "cells split at ;");
	pd_csv_finish(&c);

	const char sepc[] = "\xEF\xBB\xBFsep=,\nName;Semi,Email\nA;b,c\n";
	ok(rd(sepc, sizeof sepc - 1, PD_CSV_ENC_AUTO, &c, &e), "sep=, file reads: %s", e.msg);
	is(c.delimiter, ',', "sep=, beats the sniffed ;");
	streq(c.v[0].fields[0], "Name;Semi", "; is text when , separates");
	pd_csv_finish(&c);

	const char *seps[][2] = {
		{ "sep=\t\nName\tEmail\nA\tb\n", "\t" },
		{ "sep=\\t\nName\tEmail\nA\tb\n", "\t" },
		{ "sep=|\nName|Email\nA|b\n", "|" },
		{ "\"sep=|\"\nName|Email\nA|b\n", "|" },
		{ "SEP=|\rName|Email\rA|b\r", "|" },
		{ "sep=;;\nName;Email\nA;b\n", ";" },
	};
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		const char *f = seps[i][0];
		ok(rd(f, strlen(f), PD_CSV_ENC_AUTO, &c, &e), "hint %zu reads: %s", i, e.msg);
		is(c.delimiter, seps[i][1][0], "hint %zu sets the separator", i);
		ok(c.n == 2 && c.v[0].n == 2 && strcmp(c.v[0].fields[1], "Email") == 0
			&& strcmp(c.v[1].fields[1], "b") == 0, "hint %zu: header and row split", i);
		pd_csv_finish(&c);
	}
	const char notsep[] = "sep=;x,y\nA,b\n";
	ok(rd(notsep, sizeof notsep - 1, PD_CSV_ENC_AUTO, &c, &e), "a sep= line with more reads");
	streq(c.v[0].fields[0], "sep=;x", "more on the line: data, not a hint");
	is(c.v[0].row, 1, "and it is row 1");
	pd_csv_finish(&c);
	const char sepnul[] = "sep=;\nName\nA\0\n";
	ok(!rd(sepnul, sizeof sepnul - 1, PD_CSV_ENC_AUTO, &c, &e), "NUL after a hint refused");
	ok(strstr(e.msg, "t.csv:3:") != NULL, "the row counts the hint: %s", e.msg);
	const char sepopen[] = "sep=;\nName;Notes\nA;\"open\n";
	ok(!rd(sepopen, sizeof sepopen - 1, PD_CSV_ENC_AUTO, &c, &e), "unclosed after a hint refused");
	ok(strstr(e.msg, "t.csv:3:") != NULL, "the row counts the hint: %s", e.msg);

	/* A cell that only begins with a quoted word is text, quotes and all;
	 * it does not swallow the rest of the file. */
	const char tsv[] = "Name\tNotes\nFriends Org\t\"Big Read\" partner\nNext Org\tx\nThird Org\ty\n";
	ok(rd(tsv, sizeof tsv - 1, PD_CSV_ENC_AUTO, &c, &e), "TSV with a quoted word reads: %s", e.msg);
	is(c.n, 4, "all four rows");
	streq(c.v[1].fields[1], "\"Big Read\" partner", "the cell as written");
	streq(c.v[2].fields[0], "Next Org", "the next row is its own");
	is(c.v[3].row, 4, "row numbers unchanged");
	pd_csv_finish(&c);

	const char lead[] = "Name,Notes,More\n\"Friends\" of the Library,ok,1\nA,\"Big Read\" partner,z\n\"x\" y \"z\",2,3\n";
	ok(rd(lead, sizeof lead - 1, PD_CSV_ENC_AUTO, &c, &e), "CSV with quoted words reads: %s", e.msg);
	is(c.n, 4, "all rows");
	streq(c.v[1].fields[0], "\"Friends\" of the Library", "first cell as written");
	ok(c.v[2].n == 3, "the row keeps its three cells");
	streq(c.v[2].fields[1], "\"Big Read\" partner", "middle cell as written");
	streq(c.v[2].fields[2], "z", "the cell after it");
	streq(c.v[3].fields[0], "\"x\" y \"z\"", "several quoted words");
	pd_csv_finish(&c);

	const char stray[] = "Name,Notes\nA,\"oops\nB,\"Big Read\" partner\nC,\"two\nlines\"\n";
	ok(rd(stray, sizeof stray - 1, PD_CSV_ENC_AUTO, &c, &e), "a stray opening quote reads: %s", e.msg);
	is(c.n, 4, "it does not take the next row");
	streq(c.v[1].fields[1], "\"oops", "the stray quote is text");
	streq(c.v[2].fields[1], "\"Big Read\" partner", "the next row as written");
	streq(c.v[3].fields[1], "two\nlines", "a real quoted cell after it");
	is(c.v[3].row, 4, "rows still counted");
	pd_csv_finish(&c);

	const char pads[] = " Name , \"Email\" ,\tNotes\n a b , \"x, y\" ,z \n";
	ok(rd(pads, sizeof pads - 1, PD_CSV_ENC_AUTO, &c, &e), "spaced cells read");
	streq(c.v[0].fields[0], "Name", "spaces around a cell dropped");
	streq(c.v[0].fields[1], "Email", "spaces around a quoted cell dropped");
	streq(c.v[0].fields[2], "Notes", "a tab around a cell dropped");
	streq(c.v[1].fields[0], "a b", "inner spaces kept");
	streq(c.v[1].fields[1], "x, y", "quoted comma kept");
	pd_csv_finish(&c);

	const char late[] = "Name,Notes\nA,b\n\"Multi\nline\",ok\nC,\"never\nD,e\n";
	ok(!rd(late, sizeof late - 1, PD_CSV_ENC_AUTO, &c, &e), "a quote open to the end refused");
	ok(strstr(e.msg, "t.csv:4:") && strstr(e.msg, "column B") && strstr(e.msg, "never closed"),
		"row and column where it opened: %s", e.msg);

	size_t big = 1024 * 1024;
	char *huge = malloc(big + 16);
	memcpy(huge, "Name\n", 5);
	memset(huge + 5, 'x', big);
	memcpy(huge + 5 + big, "\nok\n", 4);
	ok(rd(huge, big + 9, PD_CSV_ENC_AUTO, &c, &e), "1 MB cell file reads");
	ok(c.v[1].error && strstr(c.v[1].error, "at most"), "1 MB cell refused: %s", c.v[1].error ? c.v[1].error : "");
	streq(c.v[2].fields[0], "ok", "the next row still reads");
	pd_csv_finish(&c);
	free(huge);

	/* header mapping */
	is(pd_field_from_header("Library name"), PD_FIELD_NAME, "Library name");
	is(pd_field_from_header(" ORGANISATION "), PD_FIELD_NAME, "Organisation");
	is(pd_field_from_header("E-mail"), PD_FIELD_EMAIL, "E-mail");
	is(pd_field_from_header("Email address"), PD_FIELD_EMAIL, "Email address");
	is(pd_field_from_header("Telephone"), PD_FIELD_PHONE, "Telephone");
	is(pd_field_from_header("URL"), PD_FIELD_WEBSITE, "URL");
	is(pd_field_from_header("Address 2"), PD_FIELD_ADDRESS, "Address 2");
	is(pd_field_from_header("Postcode"), PD_FIELD_ADDRESS, "Postcode");
	is(pd_field_from_header("Contact name"), PD_FIELD_CONTACT, "Contact name");
	is(pd_field_from_header("Type of library"), PD_FIELD_NONE, "Type of library not guessed");
	is(pd_field_from_header("Year opened"), PD_FIELD_NONE, "unknown stays unknown");
	is(pd_field_from_header("id"), PD_FIELD_IGNORE, "our export's id column is left out");
	is(pd_field_from_header("next_follow_up"), PD_FIELD_IGNORE, "derived export columns left out");
	is(pd_field_from_header("fiscal_month"), PD_FIELD_FISCAL_MONTH, "fiscal_month");
	is(pd_field_from_header("Skip"), PD_FIELD_NONE, "a column called Skip is data");
	ok(pd_field_from_header("Status") == PD_FIELD_STAGE && pd_field_header_guess("Status"),
	   "Status (Active/Inactive as often) is the stage only as a guess, for its cells to bear out");
	is(pd_field_from_header("Stage"), PD_FIELD_STAGE, "Stage is");
	is(pd_field_from_header("First Name"), PD_FIELD_FIRST_NAME, "First Name: the contact's");
	is(pd_field_from_header("Surname"), PD_FIELD_LAST_NAME, "Surname too");
	is(pd_field_parse("last_name"), PD_FIELD_LAST_NAME, "--map ...=last_name");

	/* Address-book exports: the organisation is the partner. */
	char *outlook[] = { "First Name", "Middle Name", "Last Name", "Title", "Company", "Job Title",
		"Business Phone", "E-mail Address", "Web Page" };
	pd_field oc[9];
	ok(pd_field_map_build(outlook, 9, NULL, 0, oc, NULL, &e), "Outlook header maps: %s", e.msg);
	ok(pd_field_layout(outlook, 9) && strstr(pd_field_layout(outlook, 9), "Outlook"), "and is named Outlook");
	ok(oc[0] == PD_FIELD_FIRST_NAME && oc[1] == PD_FIELD_FIRST_NAME && oc[2] == PD_FIELD_LAST_NAME,
		"First, Middle, Last Name: the person's name");
	is(oc[3], PD_FIELD_NONE, "Outlook's Title (Dr.) is not the job title");
	is(oc[4], PD_FIELD_NAME, "Company: the partner");
	is(oc[5], PD_FIELD_CONTACT_TITLE, "Job Title: the person's");
	ok(oc[6] == PD_FIELD_CONTACT_PHONE && oc[7] == PD_FIELD_CONTACT_EMAIL, "phone and email the person's");
	is(oc[8], PD_FIELD_WEBSITE, "Web Page: the website");
	char *google[] = { "Name", "Given Name", "Family Name", "E-mail 1 - Value", "Organization 1 - Name",
		"Organization 1 - Title" };
	pd_field gc[6];
	ok(pd_field_map_build(google, 6, NULL, 0, gc, NULL, &e), "Google header maps: %s", e.msg);
	ok(pd_field_layout(google, 6) && strstr(pd_field_layout(google, 6), "Google"), "and is named Google");
	ok(gc[0] == PD_FIELD_CONTACT && gc[4] == PD_FIELD_NAME && gc[5] == PD_FIELD_CONTACT_TITLE
		&& gc[3] == PD_FIELD_CONTACT_EMAIL, "Name is the person, Organization 1 - Name the partner");
	char *plain[] = { "Name", "Email", "Title" };
	pd_field pc[3];
	ok(pd_field_map_build(plain, 3, NULL, 0, pc, NULL, &e) && !pd_field_layout(plain, 3)
		&& pc[0] == PD_FIELD_NAME && pc[2] == PD_FIELD_CONTACT_TITLE, "a partner sheet is read as before");

	char *hdr[] = { "Org", "Weird", "Email" };
	pd_field cols[3];
	const char *maps[] = { "weird=tags", "EMAIL=ignore" };
	ok(pd_field_map_build(hdr, 3, maps, 2, cols, NULL, &e), "map builds: %s", e.msg);
	is(cols[1], PD_FIELD_TAGS, "--map names an unknown column");
	is(cols[2], PD_FIELD_IGNORE, "--map overrides a known one");
	const char *bad[] = { "Nope=name" };
	ok(!pd_field_map_build(hdr, 3, bad, 1, cols, NULL, &e), "unknown column refused");
	ok(strstr(e.msg, "no column") != NULL, "says so: %s", e.msg);
	const char *badf[] = { "Org=flavour" };
	ok(!pd_field_map_build(hdr, 3, badf, 1, cols, NULL, &e), "unknown field refused");
	ok(strstr(e.msg, "fields are") != NULL, "lists fields: %s", e.msg);

	size_t n;
	char *w = pd_win1252_to_utf8("\x80\x81", 2, &n);
	streq(w, "\xE2\x82\xAC\xEF\xBF\xBD", "euro sign and an undefined byte");
	free(w);
	return tap_done();
}
