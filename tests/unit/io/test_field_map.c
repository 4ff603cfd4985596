/* The header row read as fields: which of several columns naming the
 * partner is its name, Google Contacts' current export, --map checked on
 * its own, and the lines that say how columns were read. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "partnerdesk/io/field_map.h"
#include "tap.h"

#define N(a) (sizeof a / sizeof a[0])

int main(void)
{
	pd_error e = { 0 };
	setvbuf(stdout, NULL, _IONBF, 0);

	/* Two columns naming the partner: the more particular one is. */
	char *amb[] = { "Name", "Organisation", "Email" };
	pd_field c3[3];
	pd_field_how h3[3];
	ok(pd_field_map_build(amb, 3, NULL, 0, c3, h3, &e), "Name, Organisation builds: %s", e.msg);
	is(c3[1], PD_FIELD_NAME, "Organisation is the partner's name");
	is(c3[0], PD_FIELD_CONTACT, "Name beside it is the contact person");
	is(h3[0], PD_HOW_OTHER_NAME, "and is marked as the other name column");
	char *said = pd_field_map_name_choice(amb, 3, c3, h3);
	ok(said && strstr(said, "\"Organisation\" is read as its name")
		&& strstr(said, "\"Name\" as its contact person")
		&& strstr(said, "--map \"Name=name\" --map \"Organisation=notes\""),
		"the choice and the swap are said: %s", said ? said : "(none)");
	free(said);

	/* The swap it suggests does swap them, and says so without a hint. */
	const char *swap[] = { "Name=name", "Organisation=notes" };
	ok(pd_field_map_build(amb, 3, swap, 2, c3, h3, &e), "the swap builds: %s", e.msg);
	ok(c3[0] == PD_FIELD_NAME && c3[1] == PD_FIELD_NOTES, "Name is the name, Organisation notes");
	said = pd_field_map_name_choice(amb, 3, c3, h3);
	ok(!said, "one name column left: nothing to say");
	free(said);
	const char *one[] = { "Name=name" };
	ok(pd_field_map_build(amb, 3, one, 1, c3, h3, &e) && c3[0] == PD_FIELD_NAME
		&& c3[1] == PD_FIELD_NONE, "a --map name outranks any header; the other is kept in the notes");
	said = pd_field_map_name_choice(amb, 3, c3, h3);
	ok(said && !strstr(said, "--map"), "no swap suggested against the user's --map: %s",
		said ? said : "(none)");
	free(said);

	/* A Library column beside Partner is the branch, kept in the notes. */
	char *lp[] = { "Library", "Partner" };
	pd_field c2[2];
	pd_field_how h2[2];
	ok(pd_field_map_build(lp, 2, NULL, 0, c2, h2, &e), "Library, Partner builds");
	ok(c2[1] == PD_FIELD_NAME && c2[0] == PD_FIELD_NONE, "Partner is the name, Library kept");
	/* A Name beside a person's own column is not a second person. */
	char *np[] = { "Name", "Company", "Contact" };
	ok(pd_field_map_build(np, 3, NULL, 0, c3, h3, &e) && c3[1] == PD_FIELD_NAME
		&& c3[0] == PD_FIELD_NONE && c3[2] == PD_FIELD_CONTACT,
		"with a Contact column, Name is kept in the notes");
	/* Alone, any of them is the name, as before. */
	char *lib[] = { "Library", "Email" };
	ok(pd_field_map_build(lib, 2, NULL, 0, c2, h2, &e) && c2[0] == PD_FIELD_NAME,
		"a lone Library column is still the name");

	/* Google Contacts' current export. */
	char *g[] = { "First Name", "Middle Name", "Last Name", "File As", "Organization Name",
		"Organization Title", "Organization Department", "Notes", "Labels", "E-mail 1 - Label",
		"E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value" };
	pd_field gc[N(g)];
	pd_field_how gh[N(g)];
	ok(pd_field_map_build(g, N(g), NULL, 0, gc, gh, &e), "Google's current header builds");
	ok(pd_field_layout(g, N(g)) && strstr(pd_field_layout(g, N(g)), "Google Contacts"),
		"and is named a Google Contacts export");
	ok(gc[4] == PD_FIELD_NAME && gc[5] == PD_FIELD_CONTACT_TITLE && gc[10] == PD_FIELD_CONTACT_EMAIL
		&& gc[12] == PD_FIELD_CONTACT_PHONE, "the organisation is the partner, the rest the person's");
	ok(gc[0] == PD_FIELD_FIRST_NAME && gc[1] == PD_FIELD_FIRST_NAME && gc[2] == PD_FIELD_LAST_NAME,
		"First, Middle, Last Name: the person's name");
	is(gc[8], PD_FIELD_LABELS, "Labels: tags without Google's own");
	said = pd_field_map_readings(g, N(g), gc, gh);
	ok(!said, "the layout line says it all: %s", said ? said : "(nothing more)");
	free(said);
	char *plain_g[] = { "First Name", "Organization Name", "Email" };
	ok(pd_field_map_build(plain_g, 3, NULL, 0, c3, h3, &e) && !pd_field_layout(plain_g, 3),
		"a partner sheet with First name and Organization name is no Google export");
	is(pd_field_parse("labels"), PD_FIELD_TAGS, "--map ...=labels is tags");

	/* The readings line: synonyms not the field's own name, once. */
	char *syn[] = { "Partner", "Site", "Staff", "Email address", "Address 2", "Review" };
	pd_field c6[N(syn)];
	pd_field_how h6[N(syn)];
	ok(pd_field_map_build(syn, N(syn), NULL, 0, c6, h6, &e), "the synonym sheet builds");
	said = pd_field_map_readings(syn, N(syn), c6, h6);
	ok(said && strstr(said, "\"Site\" as website") && strstr(said, "\"Staff\" as owner")
		&& strstr(said, "\"Review\" as review_date") && strstr(said, "--map \"Site=notes\""),
		"Site, Staff and Review are named with the way out: %s", said ? said : "(none)");
	ok(said && !strstr(said, "Email address") && !strstr(said, "Address 2")
		&& !strstr(said, "Partner"), "headers holding their field's name, and the name, are not");
	ok(said && !strchr(said, '\n'), "one line");
	free(said);
	const char *keep[] = { "Site=notes", "Staff=ignore", "Review=notes" };
	ok(pd_field_map_build(syn, N(syn), keep, 3, c6, h6, &e), "mapped away");
	said = pd_field_map_readings(syn, N(syn), c6, h6);
	ok(!said, "what --map says is not said again: %s", said ? said : "(none)");
	free(said);
	char *own[] = { "name", "email", "website", "phone", "tags", "review_date", "fiscal_month" };
	pd_field c7[N(own)];
	pd_field_how h7[N(own)];
	ok(pd_field_map_build(own, N(own), NULL, 0, c7, h7, &e), "our own export's names build");
	said = pd_field_map_readings(own, N(own), c7, h7);
	ok(!said, "and need no word");
	free(said);
	/* A wide sheet of synonyms stays within two lines. */
	char *wide[40];
	char bufs[40][24];
	static const char *const words[] = { "Town", "Web", "Tel", "Category", "Staff", "Site",
		"Mail", "Comments", "Role", "Person" };
	for (size_t i = 0; i < 40; i++) {
		snprintf(bufs[i], sizeof bufs[i], "%s %zu", words[i % 10], i / 10 + 1);
		wide[i] = bufs[i];
	}
	pd_field c40[40];
	pd_field_how h40[40];
	const char *name40[] = { "Town 1=name" };
	ok(pd_field_map_build(wide, 40, name40, 1, c40, h40, &e), "a wide sheet builds: %s", e.msg);
	said = pd_field_map_readings(wide, 40, c40, h40);
	ok(said && strlen(said) < 150 && strstr(said, " more"), "its readings are cut short: %s",
		said ? said : "(none)");
	free(said);

	/* A header that says whose field it is: the partner's ("Organisation
	 * email") or the contact person's ("Contact e-mail address"); not a
	 * field nobody has that way ("Contact address", "Organisation size"). */
	static const struct { const char *header; pd_field want; } whose[] = {
		{ "Organisation Email", PD_FIELD_EMAIL }, { "Organization phone", PD_FIELD_PHONE },
		{ "Organisation Website", PD_FIELD_WEBSITE }, { "Organisation address", PD_FIELD_ADDRESS },
		{ "Partner E-mail", PD_FIELD_EMAIL }, { "Partner website", PD_FIELD_WEBSITE },
		{ "Org type", PD_FIELD_KIND }, { "Company URL", PD_FIELD_WEBSITE },
		{ "General e-mail address", PD_FIELD_EMAIL }, { "Main phone number", PD_FIELD_PHONE },
		{ "Office telephone", PD_FIELD_PHONE }, { "Company Main Phone", PD_FIELD_PHONE },
		{ "Contact E-mail address", PD_FIELD_CONTACT_EMAIL },
		{ "Contact email address 2", PD_FIELD_CONTACT_EMAIL },
		{ "Contact Telephone", PD_FIELD_CONTACT_PHONE },
		{ "Contact phone number", PD_FIELD_CONTACT_PHONE },
		{ "Contact Job Title", PD_FIELD_CONTACT_TITLE }, { "Contact role", PD_FIELD_CONTACT_TITLE },
		{ "Contact surname", PD_FIELD_LAST_NAME }, { "Contact given name", PD_FIELD_FIRST_NAME },
		{ "Main contact", PD_FIELD_CONTACT }, { "Main contact email", PD_FIELD_CONTACT_EMAIL },
		{ "Partner contact", PD_FIELD_CONTACT }, { "Organisation contact phone", PD_FIELD_CONTACT_PHONE },
		{ "Contact address", PD_FIELD_NONE }, { "Contact notes", PD_FIELD_NONE },
		{ "Contact type", PD_FIELD_NONE }, { "Organisation size", PD_FIELD_NONE },
		{ "Organisation name", PD_FIELD_NAME }, { "Main", PD_FIELD_NONE },
		{ "Partner notes", PD_FIELD_NONE }, { "Company number", PD_FIELD_NONE },
	};
	for (size_t i = 0; i < N(whose); i++)
		is(pd_field_from_header(whose[i].header), whose[i].want, "\"%s\" is %s", whose[i].header,
			pd_field_name(whose[i].want));

	/* A localized spreadsheet's headers, Welsh, French, German and
	 * Spanish, read as their English words; accents and case aside. */
	static const struct { const char *header; pd_field want; } local[] = {
		/* English notes under the names French has "Remarques" for. */
		{ "Remarks", PD_FIELD_NOTES }, { "Remark", PD_FIELD_NOTES },
		{ "Comments", PD_FIELD_NOTES }, { "Comment", PD_FIELD_NOTES },
		/* Welsh */
		{ "Enw", PD_FIELD_NAME }, { "Sefydliad", PD_FIELD_NAME },
		{ "Enw'r sefydliad", PD_FIELD_NAME }, { "E-bost", PD_FIELD_EMAIL },
		{ "Cyfeiriad e-bost", PD_FIELD_EMAIL }, { "Ffôn", PD_FIELD_PHONE },
		{ "FFON", PD_FIELD_PHONE }, { "Rhif ffôn", PD_FIELD_PHONE },
		{ "Gwefan", PD_FIELD_WEBSITE }, { "Nodiadau", PD_FIELD_NOTES },
		{ "Cyfeiriad", PD_FIELD_ADDRESS }, { "Cod post", PD_FIELD_ADDRESS },
		{ "Cyswllt", PD_FIELD_CONTACT }, { "Teitl swydd", PD_FIELD_CONTACT_TITLE },
		/* French: "Adresse" is the postal address, as "Address" */
		{ "Nom", PD_FIELD_NAME }, { "Organisation", PD_FIELD_NAME },
		{ "Établissement", PD_FIELD_NAME }, { "Courriel", PD_FIELD_EMAIL },
		{ "Adresse e-mail", PD_FIELD_EMAIL }, { "Adresse électronique", PD_FIELD_EMAIL },
		{ "Adresse", PD_FIELD_ADDRESS }, { "Code postal", PD_FIELD_ADDRESS },
		{ "Téléphone", PD_FIELD_PHONE }, { "TÉLÉPHONE", PD_FIELD_PHONE },
		{ "Telephone", PD_FIELD_PHONE }, { "Téléphone 2", PD_FIELD_PHONE },
		{ "Site web", PD_FIELD_WEBSITE }, { "Site Internet", PD_FIELD_WEBSITE },
		{ "Remarques", PD_FIELD_NOTES }, { "Notes", PD_FIELD_NOTES },
		{ "Catégorie", PD_FIELD_KIND }, { "Contact", PD_FIELD_CONTACT },
		{ "Nom du contact", PD_FIELD_CONTACT }, { "Fonction", PD_FIELD_CONTACT_TITLE },
		{ "Prénom", PD_FIELD_FIRST_NAME }, { "Nom de famille", PD_FIELD_LAST_NAME },
		/* German: "Position" is the partner's place, as in English */
		{ "Name", PD_FIELD_NAME }, { "Einrichtung", PD_FIELD_NAME },
		{ "E-Mail", PD_FIELD_EMAIL }, { "E-Mail-Adresse", PD_FIELD_EMAIL },
		{ "Telefon", PD_FIELD_PHONE }, { "Telefonnummer", PD_FIELD_PHONE },
		{ "Webseite", PD_FIELD_WEBSITE }, { "Website", PD_FIELD_WEBSITE },
		{ "Notizen", PD_FIELD_NOTES }, { "Bemerkungen", PD_FIELD_NOTES },
		{ "Typ", PD_FIELD_KIND }, { "Anschrift", PD_FIELD_ADDRESS },
		{ "Straße", PD_FIELD_ADDRESS }, { "PLZ", PD_FIELD_ADDRESS },
		{ "Ansprechpartner", PD_FIELD_CONTACT }, { "Funktion", PD_FIELD_CONTACT_TITLE },
		{ "Position", PD_FIELD_POSITION }, { "Vorname", PD_FIELD_FIRST_NAME },
		{ "Nachname", PD_FIELD_LAST_NAME },
		/* Spanish */
		{ "Nombre", PD_FIELD_NAME }, { "Organización", PD_FIELD_NAME },
		{ "Organizacion", PD_FIELD_NAME }, { "Correo electrónico", PD_FIELD_EMAIL },
		{ "Teléfono", PD_FIELD_PHONE }, { "Sitio web", PD_FIELD_WEBSITE },
		{ "Notas", PD_FIELD_NOTES }, { "Tipo", PD_FIELD_KIND },
		{ "Dirección", PD_FIELD_ADDRESS }, { "Contacto", PD_FIELD_CONTACT },
		{ "Persona de contacto", PD_FIELD_CONTACT }, { "Cargo", PD_FIELD_CONTACT_TITLE },
		{ "Apellidos", PD_FIELD_LAST_NAME },
		/* Whose field: the owner before it, as the English rules know it
		 * and German puts the person ... */
		{ "Contact Téléphone", PD_FIELD_CONTACT_PHONE }, { "Contact Courriel", PD_FIELD_CONTACT_EMAIL },
		{ "Organisation E-Mail", PD_FIELD_EMAIL }, { "Ansprechpartner E-Mail", PD_FIELD_CONTACT_EMAIL },
		{ "Ansprechpartner Telefon", PD_FIELD_CONTACT_PHONE }, { "Kontakt Telefon", PD_FIELD_CONTACT_PHONE },
		{ "Contact E-mail address", PD_FIELD_CONTACT_EMAIL },
		/* ... or after it, as French, German and Spanish mostly do. */
		{ "Courriel du contact", PD_FIELD_CONTACT_EMAIL },
		{ "Téléphone du contact", PD_FIELD_CONTACT_PHONE },
		{ "Correo del contacto", PD_FIELD_CONTACT_EMAIL },
		{ "Teléfono del contacto", PD_FIELD_CONTACT_PHONE },
		{ "Correo electrónico de la persona de contacto", PD_FIELD_CONTACT_EMAIL },
		{ "E-Mail des Ansprechpartners", PD_FIELD_CONTACT_EMAIL },
		{ "Telefon der Kontaktperson", PD_FIELD_CONTACT_PHONE },
		{ "E-Mail Ansprechpartner", PD_FIELD_CONTACT_EMAIL },
		{ "Email of contact", PD_FIELD_CONTACT_EMAIL }, { "Phone (contact)", PD_FIELD_CONTACT_PHONE },
		{ "Email of the contact person", PD_FIELD_CONTACT_EMAIL },
		{ "Courriel de l'interlocuteur", PD_FIELD_CONTACT_EMAIL },
		{ "Fonction du contact", PD_FIELD_CONTACT_TITLE },
		{ "Prénom du contact", PD_FIELD_FIRST_NAME },
		{ "Name des Ansprechpartners", PD_FIELD_CONTACT },
		{ "E-bost y cyswllt", PD_FIELD_CONTACT_EMAIL }, { "Ffôn cyswllt", PD_FIELD_CONTACT_PHONE },
		{ "Site web de l'organisme", PD_FIELD_WEBSITE }, { "Telefon der Einrichtung", PD_FIELD_PHONE },
		{ "Correo de la organización", PD_FIELD_EMAIL }, { "Type de partenaire", PD_FIELD_KIND },
		{ "Nom de l'établissement", PD_FIELD_NAME }, { "Nom de la structure", PD_FIELD_NAME },
		/* and not what nobody owns that way, nor a word merely ending so */
		{ "Adresse du contact", PD_FIELD_NONE }, { "Notes du contact", PD_FIELD_NONE },
		{ "Remarques de l'organisme", PD_FIELD_NONE }, { "Date du contact", PD_FIELD_NONE },
		{ "Premier contact", PD_FIELD_NONE }, { "Dernier contact", PD_FIELD_NONE },
		/* Typographic apostrophes are the typewriter's. */
		{ "Nom de l’organisation", PD_FIELD_NAME }, { "Nom de l‘organisation", PD_FIELD_NAME },
		{ "Nom de lʼorganisation", PD_FIELD_NAME }, { "Enw’r sefydliad", PD_FIELD_NAME },
		{ "Partner’s website", PD_FIELD_WEBSITE }, { "Partner's website", PD_FIELD_WEBSITE },
		{ "Contact’s email", PD_FIELD_CONTACT_EMAIL }, { "Organisation’s phone", PD_FIELD_PHONE },
		{ "Téléphone\u00a0:", PD_FIELD_PHONE }, { "E\u2011mail", PD_FIELD_EMAIL },
		/* Words another language or English means otherwise: not taken. */
		{ "Math", PD_FIELD_NONE }, { "Art", PD_FIELD_NONE }, { "Firma", PD_FIELD_NONE },
	};
	for (size_t i = 0; i < N(local); i++)
		is(pd_field_from_header(local[i].header), local[i].want, "\"%s\" is %s", local[i].header,
			pd_field_name(local[i].want));
	/* The organisation beside a plain name word ranks as in English. */
	char *fr[] = { "Nom", "Organisme", "Courriel" };
	ok(pd_field_map_build(fr, 3, NULL, 0, c3, h3, &e) && c3[1] == PD_FIELD_NAME
		&& c3[0] == PD_FIELD_CONTACT, "Organisme is the name, Nom beside it the contact person");
	/* A name word beside its language's other half of a person's name
	 * is that person's, as "Last name" is beside "First name". */
	static const struct { const char *h[4]; pd_field want[4]; const char *says; } halves[] = {
		{ { "Organisme", "Prénom", "Nom", "Courriel" },
		  { PD_FIELD_NAME, PD_FIELD_FIRST_NAME, PD_FIELD_LAST_NAME, PD_FIELD_EMAIL },
		  "Prénom, Nom beside Organisme: the person's" },
		{ { "Nom", "Prénom", "Structure", "Courriel" },
		  { PD_FIELD_LAST_NAME, PD_FIELD_FIRST_NAME, PD_FIELD_NONE, PD_FIELD_EMAIL },
		  "Nom before Prénom too" },
		{ { "Einrichtung", "Vorname", "Name", "E-Mail" },
		  { PD_FIELD_NAME, PD_FIELD_FIRST_NAME, PD_FIELD_LAST_NAME, PD_FIELD_EMAIL },
		  "Vorname, Name: the person's" },
		{ { "Entidad", "Nombre de pila", "Nombre", "Correo" },
		  { PD_FIELD_NAME, PD_FIELD_FIRST_NAME, PD_FIELD_LAST_NAME, PD_FIELD_EMAIL },
		  "Nombre de pila, Nombre: the person's" },
		{ { "Entidad", "Nombre", "Apellidos", "Correo" },
		  { PD_FIELD_NAME, PD_FIELD_FIRST_NAME, PD_FIELD_LAST_NAME, PD_FIELD_EMAIL },
		  "Nombre, Apellidos: Nombre is the given name" },
		{ { "Organisme", "Prénom du contact", "Nom du contact", "Courriel du contact" },
		  { PD_FIELD_NAME, PD_FIELD_FIRST_NAME, PD_FIELD_LAST_NAME, PD_FIELD_CONTACT_EMAIL },
		  "Prénom du contact, Nom du contact: halves too" },
		/* Alone, or beside a column that holds that half, as before. */
		{ { "Nom", "Courriel", "Téléphone", "Adresse" },
		  { PD_FIELD_NAME, PD_FIELD_EMAIL, PD_FIELD_PHONE, PD_FIELD_ADDRESS },
		  "Nom alone is the partner's name" },
		{ { "Nom", "Prénom", "Nom de famille", "Courriel" },
		  { PD_FIELD_NAME, PD_FIELD_FIRST_NAME, PD_FIELD_LAST_NAME, PD_FIELD_EMAIL },
		  "beside Nom de famille, Nom is still the name" },
		{ { "Name", "First name", "Email", "Phone" },
		  { PD_FIELD_NAME, PD_FIELD_FIRST_NAME, PD_FIELD_EMAIL, PD_FIELD_PHONE },
		  "English Name beside First name: still the partner's name" },
		{ { "Nom", "Prénom", "Courriel", "Téléphone" },
		  { PD_FIELD_LAST_NAME, PD_FIELD_FIRST_NAME, PD_FIELD_EMAIL, PD_FIELD_PHONE },
		  "Prénom, Nom without an organisation: a person, no partner name" },
	};
	for (size_t k = 0; k < N(halves); k++) {
		pd_field c4[4];
		pd_field_how h4[4];
		bool built = pd_field_map_build((char **)halves[k].h, 4, NULL, 0, c4, h4, &e);
		ok(built && c4[0] == halves[k].want[0] && c4[1] == halves[k].want[1]
			&& c4[2] == halves[k].want[2] && c4[3] == halves[k].want[3],
			"%s (%s %s %s %s)", halves[k].says, pd_field_name(c4[0]), pd_field_name(c4[1]),
			pd_field_name(c4[2]), pd_field_name(c4[3]));
	}
	const char *nom_map[] = { "Nom=name" };
	char *nom[] = { "Prénom", "Nom", "Courriel" };
	ok(pd_field_map_build(nom, 3, nom_map, 1, c3, h3, &e) && c3[1] == PD_FIELD_NAME
		&& c3[0] == PD_FIELD_FIRST_NAME, "a --map Nom=name still makes it the name");

	char *cy[] = { "Enw", "Sefydliad", "E-bost" };
	ok(pd_field_map_build(cy, 3, NULL, 0, c3, h3, &e) && c3[1] == PD_FIELD_NAME
		&& c3[0] == PD_FIELD_CONTACT, "Sefydliad is the name, Enw beside it the contact person");

	/* --map on its own, as the command line checks it. */
	ok(pd_field_map_check("Org name=name", &e), "COLUMN=FIELD passes");
	ok(pd_field_map_check("a=b=tags", &e), "the last '=' splits");
	ok(!pd_field_map_check("Org name", &e) && strstr(e.msg, "COLUMN=FIELD"), "no '=': %s", e.msg);
	ok(!pd_field_map_check("=name", &e), "no COLUMN");
	ok(!pd_field_map_check("Org=", &e), "no FIELD");
	ok(!pd_field_map_check("Org=colour", &e) && strstr(e.msg, "fields are"), "unknown FIELD: %s", e.msg);

	/* A cell of owner words is read at once, as no field: each owner was
	 * taken off every way it could be, 25 times as long a word, and this
	 * one took minutes (found by fuzz_typed). Real ones keep their reading. */
	char slow[400] = "";
	for (int i = 0; i < 6; i++)
		strcat(slow, "Ansprechpartner General General ");
	for (int i = 0; i < 6; i++)
		strcat(slow, "382 Company 382 ");
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pd_field slow_f = pd_field_from_header(slow);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(slow_f == PD_FIELD_NONE && took < 2.0, "a header of 30 owner words: no field, in %.3f s", took);
	ok(pd_field_from_header("Main contact email 2") == PD_FIELD_CONTACT_EMAIL,
		"two owners and a number still read: Main contact email 2");
	ok(pd_field_from_header("Contact email of the organisation") == PD_FIELD_CONTACT_EMAIL,
		"an owner each side still read");

	/* The stage by another language's word for a step is a guess, for the
	 * import to check against the column's cells; by its own name sure. */
	static const char *const guessed[] = { "Stufe", "Etapa", "Fase", "Stade", "Étape" };
	for (size_t i = 0; i < N(guessed); i++)
		ok(pd_field_from_header(guessed[i]) == PD_FIELD_STAGE
		   && pd_field_header_guess(guessed[i]), "%s reads as the stage, as a guess", guessed[i]);
	static const char *const sure[] = { "Stage", "Relationship stage", "Pipeline stage" };
	for (size_t i = 0; i < N(sure); i++)
		ok(pd_field_from_header(sure[i]) == PD_FIELD_STAGE && !pd_field_header_guess(sure[i]),
		   "%s is the stage, surely", sure[i]);

	/* A number that rings one person is the contact person's; a plain
	 * Phone the partner's, and said so beside a person. */
	static const char *const person_phone[] = { "Mobile", "Mobile phone", "Cell", "Direct line",
		"Handy", "Portable", "Móvil", "Ffôn symudol" };
	for (size_t i = 0; i < N(person_phone); i++)
		is(pd_field_from_header(person_phone[i]), PD_FIELD_CONTACT_PHONE, "%s is the person's phone",
		   person_phone[i]);
	is(pd_field_from_header("Main phone"), PD_FIELD_PHONE, "Main phone is the partner's");
	char *ph[] = { "Organisation", "Contact", "Phone" };
	pd_field pc[3];
	pd_field_how phw[3];
	ok(pd_field_map_build(ph, 3, NULL, 0, pc, phw, &e), "Organisation, Contact, Phone builds");
	char *said_whose = pd_field_map_whose(ph, 3, pc, phw);
	ok(said_whose && strstr(said_whose, "\"Phone\" is taken as the partner's phone")
	   && strstr(said_whose, "--map \"Phone=contact_phone\""), "a plain Phone beside a person is said: %s",
	   said_whose ? said_whose : "(none)");
	free(said_whose);

	/* Only notes columns read by another name: the hint leaves one out,
	 * for "--map Notizen=notes" would change nothing. */
	char *nz[] = { "Einrichtung", "Notizen" };
	pd_field nc[2];
	pd_field_how nh[2];
	ok(pd_field_map_build(nz, 2, NULL, 0, nc, nh, &e), "Einrichtung, Notizen builds");
	char *nz_said = pd_field_map_readings(nz, 2, nc, nh);
	ok(nz_said && strstr(nz_said, "--map \"Notizen=ignore\" leaves one out")
	   && !strstr(nz_said, "=notes"), "a notes column's hint leaves it out: %s",
	   nz_said ? nz_said : "(none)");
	free(nz_said);

	return tap_done();
}
