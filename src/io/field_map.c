/* Spreadsheet headers to partner fields: the synonyms libraries use (English,
 * Welsh, French, German, Spanish), compared ignoring case, accents, punctuation. */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/field_map.h"
#include "partnerdesk/model/ascii.h"
#include "partnerdesk/model/text.h"

static const char *const field_names[PD_FIELD__COUNT] = {
	[PD_FIELD_NONE] = "notes-line",
	[PD_FIELD_IGNORE] = "ignore",
	[PD_FIELD_NAME] = "name",
	[PD_FIELD_KIND] = "kind",
	[PD_FIELD_SCALE] = "scale",
	[PD_FIELD_STAGE] = "stage",
	[PD_FIELD_EMAIL] = "email",
	[PD_FIELD_WEBSITE] = "website",
	[PD_FIELD_PHONE] = "phone",
	[PD_FIELD_ADDRESS] = "address",
	[PD_FIELD_NOTES] = "notes",
	[PD_FIELD_TAGS] = "tags",
	[PD_FIELD_AUDIENCES] = "audiences",
	[PD_FIELD_BRANCHES] = "branches",
	[PD_FIELD_OWNER] = "owner",
	[PD_FIELD_MISSION] = "mission",
	[PD_FIELD_POSITION] = "position",
	[PD_FIELD_DIRECTIONS] = "directions",
	[PD_FIELD_CONTACT] = "contact",
	[PD_FIELD_CONTACT_TITLE] = "title",
	[PD_FIELD_CONTACT_EMAIL] = "contact_email",
	[PD_FIELD_CONTACT_PHONE] = "contact_phone",
	[PD_FIELD_FISCAL_MONTH] = "fiscal_month",
	[PD_FIELD_REVIEW_DATE] = "review_date",
	[PD_FIELD_FIRST_NAME] = "first_name",
	[PD_FIELD_LAST_NAME] = "last_name",
	[PD_FIELD_LABELS] = "tags",   /* what it is read as; --map never names it */
};

/* Keys are normalised: folded, letters and digits only. */
static const struct { const char *key; pd_field field; } synonyms[] = {
	{ "name", PD_FIELD_NAME }, { "organisation", PD_FIELD_NAME },
	{ "organization", PD_FIELD_NAME }, { "org", PD_FIELD_NAME },
	{ "organisationname", PD_FIELD_NAME }, { "organizationname", PD_FIELD_NAME },
	{ "libraryname", PD_FIELD_NAME }, { "library", PD_FIELD_NAME },
	{ "partner", PD_FIELD_NAME }, { "partnername", PD_FIELD_NAME },
	{ "company", PD_FIELD_NAME }, { "institution", PD_FIELD_NAME },
	{ "email", PD_FIELD_EMAIL }, { "emailaddress", PD_FIELD_EMAIL },
	{ "mail", PD_FIELD_EMAIL },
	{ "website", PD_FIELD_WEBSITE }, { "url", PD_FIELD_WEBSITE },
	{ "web", PD_FIELD_WEBSITE }, { "webaddress", PD_FIELD_WEBSITE },
	{ "homepage", PD_FIELD_WEBSITE }, { "site", PD_FIELD_WEBSITE },
	{ "webpage", PD_FIELD_WEBSITE },
	{ "phone", PD_FIELD_PHONE }, { "telephone", PD_FIELD_PHONE },
	{ "tel", PD_FIELD_PHONE }, { "phonenumber", PD_FIELD_PHONE },
	{ "telephonenumber", PD_FIELD_PHONE },
	{ "type", PD_FIELD_KIND }, { "kind", PD_FIELD_KIND },
	{ "partnertype", PD_FIELD_KIND }, { "category", PD_FIELD_KIND },
	{ "scale", PD_FIELD_SCALE },
	/* "Status" only as a guess (see guesses): in partner sheets it says
	 * Active or Inactive, which is no stage, unless the config's stages
	 * are so named. */
	{ "status", PD_FIELD_STAGE },
	{ "stage", PD_FIELD_STAGE }, { "pipelinestage", PD_FIELD_STAGE },
	{ "relationshipstage", PD_FIELD_STAGE }, { "partnershipstage", PD_FIELD_STAGE },
	{ "notes", PD_FIELD_NOTES }, { "note", PD_FIELD_NOTES },
	{ "comments", PD_FIELD_NOTES }, { "comment", PD_FIELD_NOTES },
	{ "remarks", PD_FIELD_NOTES }, { "remark", PD_FIELD_NOTES },
	{ "description", PD_FIELD_NOTES },
	{ "address", PD_FIELD_ADDRESS }, { "street", PD_FIELD_ADDRESS },
	{ "streetaddress", PD_FIELD_ADDRESS }, { "city", PD_FIELD_ADDRESS },
	{ "town", PD_FIELD_ADDRESS }, { "county", PD_FIELD_ADDRESS },
	{ "state", PD_FIELD_ADDRESS }, { "region", PD_FIELD_ADDRESS },
	{ "postcode", PD_FIELD_ADDRESS }, { "postalcode", PD_FIELD_ADDRESS },
	{ "zip", PD_FIELD_ADDRESS }, { "zipcode", PD_FIELD_ADDRESS },
	{ "country", PD_FIELD_ADDRESS },
	{ "tags", PD_FIELD_TAGS }, { "tag", PD_FIELD_TAGS }, { "labels", PD_FIELD_TAGS },
	{ "audiences", PD_FIELD_AUDIENCES }, { "audience", PD_FIELD_AUDIENCES },
	{ "groupsserved", PD_FIELD_AUDIENCES },
	{ "branches", PD_FIELD_BRANCHES }, { "branch", PD_FIELD_BRANCHES },
	{ "owner", PD_FIELD_OWNER }, { "staff", PD_FIELD_OWNER },
	{ "assignedto", PD_FIELD_OWNER },
	{ "mission", PD_FIELD_MISSION },
	/* "position" is the partner's place in the community (edit
	 * --position, and the column partnerdesk's own export writes), not a
	 * person's job title: a title column is "Title" or "Job title". */
	{ "position", PD_FIELD_POSITION }, { "communityposition", PD_FIELD_POSITION },
	{ "directions", PD_FIELD_DIRECTIONS }, { "strategicdirections", PD_FIELD_DIRECTIONS },
	{ "contact", PD_FIELD_CONTACT }, { "contactname", PD_FIELD_CONTACT },
	{ "contactperson", PD_FIELD_CONTACT }, { "person", PD_FIELD_CONTACT },
	{ "title", PD_FIELD_CONTACT_TITLE }, { "jobtitle", PD_FIELD_CONTACT_TITLE },
	{ "contacttitle", PD_FIELD_CONTACT_TITLE },
	{ "role", PD_FIELD_CONTACT_TITLE },
	/* A person's name in pieces: the contact person at the partner. */
	{ "firstname", PD_FIELD_FIRST_NAME }, { "givenname", PD_FIELD_FIRST_NAME },
	{ "forename", PD_FIELD_FIRST_NAME }, { "middlename", PD_FIELD_FIRST_NAME },
	{ "lastname", PD_FIELD_LAST_NAME }, { "familyname", PD_FIELD_LAST_NAME },
	{ "surname", PD_FIELD_LAST_NAME },
	{ "contactfirstname", PD_FIELD_FIRST_NAME }, { "contactlastname", PD_FIELD_LAST_NAME },
	{ "contactemail", PD_FIELD_CONTACT_EMAIL },
	{ "contactphone", PD_FIELD_CONTACT_PHONE },
	/* A number that rings one person: the contact person's, as "Contact
	 * phone" is; a plain "Phone" (or "Main phone") is the partner's, as
	 * a plain "Email" is. "Direct email" alike. */
	{ "mobile", PD_FIELD_CONTACT_PHONE }, { "mobilephone", PD_FIELD_CONTACT_PHONE },
	{ "mobilenumber", PD_FIELD_CONTACT_PHONE }, { "mobilephonenumber", PD_FIELD_CONTACT_PHONE },
	{ "cell", PD_FIELD_CONTACT_PHONE }, { "cellphone", PD_FIELD_CONTACT_PHONE },
	{ "cellnumber", PD_FIELD_CONTACT_PHONE }, { "directline", PD_FIELD_CONTACT_PHONE },
	{ "directdial", PD_FIELD_CONTACT_PHONE }, { "directphone", PD_FIELD_CONTACT_PHONE },
	{ "directemail", PD_FIELD_CONTACT_EMAIL },
	{ "fiscalmonth", PD_FIELD_FISCAL_MONTH }, { "fiscalyearstart", PD_FIELD_FISCAL_MONTH },
	{ "reviewdate", PD_FIELD_REVIEW_DATE }, { "review", PD_FIELD_REVIEW_DATE },
	{ "financialyearstart", PD_FIELD_FISCAL_MONTH },
	{ "ignore", PD_FIELD_IGNORE }, { "skip", PD_FIELD_IGNORE },

	/* The same fields as a localized Excel or Google Sheets heads them:
	 * the common words only, each read as its English counterpart above
	 * reads ("Adresse" is the postal address, "Position" the partner's
	 * place, "Nom" and "Nombre" the partner's name as "Name" is). Not a
	 * word that is another in English or another language here ("Math",
	 * "Art", "Land", "Firma", "Poste"). Accents fold away first. */
	/* Welsh */
	{ "enw", PD_FIELD_NAME }, { "sefydliad", PD_FIELD_NAME },
	{ "enwrsefydliad", PD_FIELD_NAME },
	{ "ebost", PD_FIELD_EMAIL }, { "cyfeiriadebost", PD_FIELD_EMAIL },
	{ "gwefan", PD_FIELD_WEBSITE },
	{ "ffon", PD_FIELD_PHONE }, { "rhifffon", PD_FIELD_PHONE },
	{ "ffonsymudol", PD_FIELD_CONTACT_PHONE },
	{ "nodiadau", PD_FIELD_NOTES }, { "nodyn", PD_FIELD_NOTES },
	{ "cyfeiriad", PD_FIELD_ADDRESS }, { "codpost", PD_FIELD_ADDRESS },
	{ "cyswllt", PD_FIELD_CONTACT }, { "personcyswllt", PD_FIELD_CONTACT },
	{ "teitl", PD_FIELD_CONTACT_TITLE }, { "teitlswydd", PD_FIELD_CONTACT_TITLE },
	{ "enwcyntaf", PD_FIELD_FIRST_NAME }, { "cyfenw", PD_FIELD_LAST_NAME },
	/* A sheet's own words for the planning cycle, the review and the
	 * scale: a French or Welsh sheet's "Début de l'exercice" or "Dechrau'r
	 * flwyddyn ariannol" went into the notes unread, so its partners had
	 * no fiscal month though its cells ("Octobre", "hydref") are read. Not
	 * a bare "Exercice" or "Blwyddyn ariannol": those hold a year. */
	{ "dechraurflwyddynariannol", PD_FIELD_FISCAL_MONTH },
	{ "misdechraurflwyddynariannol", PD_FIELD_FISCAL_MONTH },
	{ "dyddiadadolygu", PD_FIELD_REVIEW_DATE }, { "graddfa", PD_FIELD_SCALE },
	/* French */
	{ "nom", PD_FIELD_NAME }, { "organisme", PD_FIELD_NAME },
	{ "etablissement", PD_FIELD_NAME }, { "partenaire", PD_FIELD_NAME },
	{ "entreprise", PD_FIELD_NAME }, { "nomdelorganisation", PD_FIELD_NAME },
	{ "courriel", PD_FIELD_EMAIL }, { "adresseemail", PD_FIELD_EMAIL },
	{ "adressecourriel", PD_FIELD_EMAIL }, { "adresseelectronique", PD_FIELD_EMAIL },
	{ "siteweb", PD_FIELD_WEBSITE }, { "siteinternet", PD_FIELD_WEBSITE },
	{ "numerodetelephone", PD_FIELD_PHONE },
	{ "telephoneportable", PD_FIELD_CONTACT_PHONE }, { "portable", PD_FIELD_CONTACT_PHONE },
	{ "lignedirecte", PD_FIELD_CONTACT_PHONE },
	{ "categorie", PD_FIELD_KIND },
	{ "remarques", PD_FIELD_NOTES }, { "remarque", PD_FIELD_NOTES },
	{ "commentaires", PD_FIELD_NOTES }, { "commentaire", PD_FIELD_NOTES },
	{ "adresse", PD_FIELD_ADDRESS }, { "codepostal", PD_FIELD_ADDRESS },
	{ "ville", PD_FIELD_ADDRESS }, { "pays", PD_FIELD_ADDRESS },
	{ "nomducontact", PD_FIELD_CONTACT }, { "personneacontacter", PD_FIELD_CONTACT },
	{ "interlocuteur", PD_FIELD_CONTACT },
	{ "fonction", PD_FIELD_CONTACT_TITLE },
	{ "prenom", PD_FIELD_FIRST_NAME }, { "nomdefamille", PD_FIELD_LAST_NAME },
	{ "debutdelexercice", PD_FIELD_FISCAL_MONTH }, { "debutdexercice", PD_FIELD_FISCAL_MONTH },
	{ "moisdedebutdelexercice", PD_FIELD_FISCAL_MONTH },
	{ "moisdedebutdexercice", PD_FIELD_FISCAL_MONTH },
	{ "debutdelexercicebudgetaire", PD_FIELD_FISCAL_MONTH },
	{ "datederevision", PD_FIELD_REVIEW_DATE }, { "echelle", PD_FIELD_SCALE },
	{ "etape", PD_FIELD_STAGE }, { "stade", PD_FIELD_STAGE },
	/* German ("Name", "Organisation", "Institution", "Partner", "Website",
	 * "Homepage" and "Position" are the English words) */
	{ "einrichtung", PD_FIELD_NAME },
	{ "emailadresse", PD_FIELD_EMAIL },
	{ "webseite", PD_FIELD_WEBSITE }, { "internetseite", PD_FIELD_WEBSITE },
	{ "telefon", PD_FIELD_PHONE }, { "telefonnummer", PD_FIELD_PHONE },
	{ "handy", PD_FIELD_CONTACT_PHONE }, { "mobiltelefon", PD_FIELD_CONTACT_PHONE },
	{ "durchwahl", PD_FIELD_CONTACT_PHONE },
	{ "typ", PD_FIELD_KIND }, { "kategorie", PD_FIELD_KIND },
	{ "notizen", PD_FIELD_NOTES }, { "notiz", PD_FIELD_NOTES },
	{ "bemerkungen", PD_FIELD_NOTES }, { "bemerkung", PD_FIELD_NOTES },
	{ "anmerkungen", PD_FIELD_NOTES },
	{ "anschrift", PD_FIELD_ADDRESS },   /* "Adresse" as the French */
	{ "strasse", PD_FIELD_ADDRESS }, { "plz", PD_FIELD_ADDRESS },
	{ "postleitzahl", PD_FIELD_ADDRESS }, { "ort", PD_FIELD_ADDRESS },
	{ "stadt", PD_FIELD_ADDRESS },
	{ "ansprechpartner", PD_FIELD_CONTACT }, { "ansprechperson", PD_FIELD_CONTACT },
	{ "kontakt", PD_FIELD_CONTACT }, { "kontaktperson", PD_FIELD_CONTACT },
	{ "funktion", PD_FIELD_CONTACT_TITLE },
	{ "vorname", PD_FIELD_FIRST_NAME }, { "nachname", PD_FIELD_LAST_NAME },
	{ "familienname", PD_FIELD_LAST_NAME },
	{ "beginndesgeschaftsjahres", PD_FIELD_FISCAL_MONTH },
	{ "geschaftsjahresbeginn", PD_FIELD_FISCAL_MONTH },
	{ "uberprufungsdatum", PD_FIELD_REVIEW_DATE }, { "wiedervorlage", PD_FIELD_REVIEW_DATE },
	{ "stufe", PD_FIELD_STAGE },
	/* Spanish */
	{ "nombre", PD_FIELD_NAME }, { "organizacion", PD_FIELD_NAME },
	{ "institucion", PD_FIELD_NAME }, { "entidad", PD_FIELD_NAME },
	{ "empresa", PD_FIELD_NAME },
	{ "correoelectronico", PD_FIELD_EMAIL }, { "correo", PD_FIELD_EMAIL },
	{ "direcciondecorreo", PD_FIELD_EMAIL },
	{ "direcciondecorreoelectronico", PD_FIELD_EMAIL },
	{ "sitioweb", PD_FIELD_WEBSITE }, { "paginaweb", PD_FIELD_WEBSITE },
	{ "telefono", PD_FIELD_PHONE }, { "numerodetelefono", PD_FIELD_PHONE },
	{ "movil", PD_FIELD_CONTACT_PHONE }, { "telefonomovil", PD_FIELD_CONTACT_PHONE },
	{ "celular", PD_FIELD_CONTACT_PHONE },
	{ "tipo", PD_FIELD_KIND }, { "categoria", PD_FIELD_KIND },
	{ "notas", PD_FIELD_NOTES }, { "observaciones", PD_FIELD_NOTES },
	{ "comentarios", PD_FIELD_NOTES },
	{ "direccion", PD_FIELD_ADDRESS }, { "ciudad", PD_FIELD_ADDRESS },
	{ "codigopostal", PD_FIELD_ADDRESS }, { "pais", PD_FIELD_ADDRESS },
	{ "contacto", PD_FIELD_CONTACT }, { "personadecontacto", PD_FIELD_CONTACT },
	{ "nombredecontacto", PD_FIELD_CONTACT },
	{ "cargo", PD_FIELD_CONTACT_TITLE }, { "puesto", PD_FIELD_CONTACT_TITLE },
	{ "apellidos", PD_FIELD_LAST_NAME }, { "apellido", PD_FIELD_LAST_NAME },
	{ "nombredepila", PD_FIELD_FIRST_NAME },
	{ "iniciodelanofiscal", PD_FIELD_FISCAL_MONTH },
	{ "iniciodelejercicio", PD_FIELD_FISCAL_MONTH },
	{ "mesdeiniciodelejercicio", PD_FIELD_FISCAL_MONTH },
	{ "fechaderevision", PD_FIELD_REVIEW_DATE }, { "escala", PD_FIELD_SCALE },
	{ "etapa", PD_FIELD_STAGE }, { "fase", PD_FIELD_STAGE },
};

/* Headers that name the stage only as a guess: another language's word
 * for a step is also a school's year group ("Stufe: 5", "Etapa:
 * Primaria"), a project's phase ("Fase"), a level ("Stade"); "Status"
 * says Active or Inactive in most partner sheets. A column
 * under one is the stage only when its cells are stage names; else it is
 * kept in the notes (see pd_field_header_guess). Keys normalised. */
static const char *const guesses[] = { "status", "etape", "stade", "stufe", "etapa", "fase", NULL };

/* Address-book exports: a row is a person, and the organisation column
 * is the partner. Recognised by headers no partner sheet has together;
 * their columns read as listed, the others as usual. Keys normalised. */
typedef struct layout_col { const char *key; pd_field field; } layout_col;
static const struct layout {
	const char *says;
	const char *needs[4];
	layout_col cols[16];
} layouts[] = {
	{ "a Google Contacts export: Organization 1 - Name is the partner, Name its contact "
	  "person (Organization 1 - Title, E-mail 1, Phone 1 the person's; Group Membership "
	  "the partner's tags, Google's own such as * myContacts left out)",
	  { "givenname", "organization1name", NULL },
	  { { "name", PD_FIELD_CONTACT }, { "organization1name", PD_FIELD_NAME },
	    { "organization1title", PD_FIELD_CONTACT_TITLE },
	    { "email1value", PD_FIELD_CONTACT_EMAIL }, { "phone1value", PD_FIELD_CONTACT_PHONE },
	    { "givenname", PD_FIELD_FIRST_NAME }, { "additionalname", PD_FIELD_FIRST_NAME },
	    { "familyname", PD_FIELD_LAST_NAME }, { "groupmembership", PD_FIELD_LABELS },
	    { NULL, PD_FIELD_NONE } } },
	/* Google's export since 2020 or so: the same, under other names. */
	{ "a Google Contacts export: Organization Name is the partner, First, Middle and Last "
	  "Name its contact person (Organization Title, E-mail 1, Phone 1 the person's; Labels "
	  "the partner's tags, Google's own such as * myContacts left out)",
	  { "firstname", "organizationname", "organizationtitle", NULL },
	  { { "organizationname", PD_FIELD_NAME }, { "organizationtitle", PD_FIELD_CONTACT_TITLE },
	    { "email1value", PD_FIELD_CONTACT_EMAIL }, { "phone1value", PD_FIELD_CONTACT_PHONE },
	    { "firstname", PD_FIELD_FIRST_NAME }, { "middlename", PD_FIELD_FIRST_NAME },
	    { "lastname", PD_FIELD_LAST_NAME }, { "labels", PD_FIELD_LABELS },
	    { NULL, PD_FIELD_NONE } } },
	{ "an Outlook contacts export: Company is the partner, First/Middle/Last Name its contact "
	  "person (Job Title, E-mail Address, Business Phone the person's; Title, the "
	  "honorific, kept in the notes)",
	  { "firstname", "company", NULL },
	  { { "title", PD_FIELD_NONE }, { "emailaddress", PD_FIELD_CONTACT_EMAIL },
	    { "businessphone", PD_FIELD_CONTACT_PHONE },
	    { "emaildisplayname", PD_FIELD_IGNORE },   /* "Name (address)": both kept already */
	    { "businessstreet", PD_FIELD_ADDRESS }, { "businesscity", PD_FIELD_ADDRESS },
	    { "businessstate", PD_FIELD_ADDRESS }, { "businesspostalcode", PD_FIELD_ADDRESS },
	    { "businesscountryregion", PD_FIELD_ADDRESS }, { "webpage", PD_FIELD_WEBSITE },
	    { "firstname", PD_FIELD_FIRST_NAME }, { "middlename", PD_FIELD_FIRST_NAME },
	    { "lastname", PD_FIELD_LAST_NAME }, { "company", PD_FIELD_NAME },
	    { NULL, PD_FIELD_NONE } } },
};

/* Columns of partnerdesk's own CSV export that another database must not
 * take over: row ids and what the model derives from the log. */
static const char *const derived[] = { "id", "lastcontact", "nextfollowup", NULL };
/* The headers only that export has together: a colleague's sheet with a
 * "Next follow up" column holds dates someone typed, not a copy of a
 * log. */
static const char *const own_export[] = { "id", "fiscalmonth", "reviewdate", "lastcontact",
	"nextfollowup", NULL };

/* Folded text with only letters and digits left: "E-mail address " and
 * "email_address" meet as "emailaddress"; letters lose their accents, so
 * "Téléphone" is "Telephone" and "Ffôn" "ffon" (a sheet typed without
 * them, or an Excel that drops them, heads a column alike). The
 * typographic apostrophes (’ ‘ ʼ) pd_sort_key has made the keyboard's, so
 * they go as it does: "Nom de l’organisation" is "Nom de l'organisation". */
static char *normalise(const char *s)
{
	char *f = pd_sort_key(s ? s : "");
	if (!f)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; f[i]; i++) {
		unsigned char c = (unsigned char)f[i];
		if (c >= 0x80 || pd_ascii_isalnum(c))
			f[o++] = (char)c;
	}
	f[o] = '\0';
	return f;
}

/* How many owners one header may name around its field ("Main contact
 * email": the partner's, then the person's). Each owner taken off is
 * tried several ways, so without a bound a long cell of owner words
 * ("Ansprechpartner General General ... Company 382", found by
 * fuzz_typed) took time growing 25-fold a word: minutes for one cell. */
#define MAX_OWNERS 2

static pd_field lookup_at(const char *key, int owners);

/* A person's field, as a column about the contact person names it. */
static bool is_contact_field(pd_field f)
{
	return f == PD_FIELD_CONTACT || f == PD_FIELD_CONTACT_TITLE || f == PD_FIELD_CONTACT_EMAIL
	       || f == PD_FIELD_CONTACT_PHONE || f == PD_FIELD_FIRST_NAME || f == PD_FIELD_LAST_NAME;
}

/* The field a header names once its owner is taken off: "email" of
 * "Organisation email", and of "Partner's website" (its apostrophe gone,
 * "partnerswebsite") "website". */
static pd_field owned_field(const char *rest, int owners)
{
	pd_field f = lookup_at(rest, owners);
	if (f == PD_FIELD_NONE && rest[0] == 's' && rest[1])
		f = lookup_at(rest + 1, owners);
	return f;
}

/* A partner's field, as a header naming the partner as its owner means
 * it; NONE for one nobody has that way ("Organisation size"). Its name
 * only when the owner comes after ("Nom de l'établissement"): before, it
 * is a synonym ("Organisation name") or no name ("Partner notes"). */
static pd_field partner_owns(pd_field f, bool after)
{
	if (f == PD_FIELD_EMAIL || f == PD_FIELD_PHONE || f == PD_FIELD_WEBSITE
	    || f == PD_FIELD_ADDRESS || f == PD_FIELD_KIND || is_contact_field(f)
	    || (after && f == PD_FIELD_NAME))
		return f;
	return PD_FIELD_NONE;
}

/* The contact person's field, as a header naming the person as its owner
 * means it: "Contact email" is the person's address, "Contact name" the
 * person; "Contact address" and "Contact notes" nobody's field. */
static pd_field person_owns(pd_field f)
{
	switch (f) {
	case PD_FIELD_EMAIL: return PD_FIELD_CONTACT_EMAIL;
	case PD_FIELD_PHONE: return PD_FIELD_CONTACT_PHONE;
	case PD_FIELD_NAME: return PD_FIELD_CONTACT;
	default: return is_contact_field(f) ? f : PD_FIELD_NONE;
	}
}

/* Owners a header names after its field, in the five languages, the
 * longer of two with the same ending first ("personadecontacto" before
 * "contacto"): "Email of contact", "Phone (contact)", "Courriel du
 * contact", "Téléphone de l'interlocuteur", "E-Mail des Ansprechpartners",
 * "Correo del contacto", "E-bost y cyswllt"; "Site web de l'organisme",
 * "Telefon der Einrichtung", "Nom de la structure". */
static const char *const person_after[] = { "contactperson", "contact", "interlocuteur",
	"personneacontacter", "ansprechpartners", "ansprechpartnerin", "ansprechpartner",
	"ansprechperson", "kontaktperson", "kontakts", "kontakt", "personadecontacto", "contacto",
	"personcyswllt", "cyswllt", NULL };
static const char *const partner_after[] = { "organisation", "organization", "partner",
	"company", "institution", "organisme", "partenaire", "etablissement", "structure", "einrichtung",
	"organizacion", "institucion", "entidad", "empresa", "sefydliad", NULL };
/* The words between a field and its owner, folded as keys are ("de l'"
 * is "del"); none at all ("Phone (contact)") is tried first. */
static const char *const owner_joins[] = { "", "ofthe", "of", "dela", "del", "des", "der",
	"du", "de", "yr", "y", NULL };

/* The field a key names before one of owners (NONE: it ends in none of
 * them, or what is before is no field); *stem: the length of that part.
 * taken: the owners taken off so far, this one included. */
static pd_field field_before(const char *key, const char *const *owners, size_t *stem, int taken)
{
	size_t len = strlen(key);
	for (size_t i = 0; owners[i]; i++) {
		size_t n = strlen(owners[i]);
		if (n >= len || strcmp(key + len - n, owners[i]) != 0)
			continue;
		for (size_t j = 0; owner_joins[j]; j++) {
			size_t k = strlen(owner_joins[j]), rest = len - n;
			if (k >= rest || strncmp(key + rest - k, owner_joins[j], k) != 0)
				continue;
			char *head = strndup(key, rest - k);
			pd_field f = head ? lookup_at(head, taken) : PD_FIELD_NONE;
			free(head);
			if (f != PD_FIELD_NONE) {
				if (stem)
					*stem = rest - k;
				return f;
			}
		}
		return PD_FIELD_NONE;
	}
	return PD_FIELD_NONE;
}

/* A header that says whose its field is: "Organisation email", "Partner
 * website", "Main phone" the partner's; "Contact e-mail address",
 * "Contact telephone", "Contact job title", "Main contact" the person's.
 * Only fields that can be someone's in that way: "Organisation name" and
 * "Contact address" stay as they are. French, German and Spanish put the
 * owner after the field as often ("Courriel du contact"), English too
 * ("Email of contact"). */
static pd_field lookup_qualified(const char *key, int owners)
{
	static const char *const partner[] = { "organisation", "organization", "org", "partner",
		"company", "institution", "general", "main", "office" };
	for (size_t i = 0; i < sizeof partner / sizeof partner[0]; i++) {
		size_t n = strlen(partner[i]);
		if (strncmp(key, partner[i], n) != 0 || !key[n])
			continue;
		pd_field f = partner_owns(owned_field(key + n, owners + 1), false);
		if (f != PD_FIELD_NONE)
			return f;
	}
	/* German puts the person first too: "Ansprechpartner E-Mail". */
	static const char *const person[] = { "contact", "ansprechpartner", "kontakt" };
	for (size_t i = 0; i < sizeof person / sizeof person[0]; i++) {
		size_t n = strlen(person[i]);
		if (strncmp(key, person[i], n) != 0 || !key[n])
			continue;
		pd_field f = person_owns(owned_field(key + n, owners + 1));
		if (f != PD_FIELD_NONE)
			return f;
	}
	pd_field f = person_owns(field_before(key, person_after, NULL, owners + 1));
	if (f != PD_FIELD_NONE)
		return f;
	return partner_owns(field_before(key, partner_after, NULL, owners + 1), true);
}

/* The field key names, owners having been taken off it already. */
static pd_field lookup_at(const char *key, int owners)
{
	for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
		if (strcmp(synonyms[i].key, key) == 0)
			return synonyms[i].field;
	pd_field q = owners < MAX_OWNERS ? lookup_qualified(key, owners) : PD_FIELD_NONE;
	if (q != PD_FIELD_NONE)
		return q;
	/* "Address 1", "Address line 2", "Street 2", "Phone 2" */
	size_t n = strlen(key);
	while (n > 0 && isdigit((unsigned char)key[n - 1]))
		n--;
	if (n > 0 && n < strlen(key)) {
		char *base = strndup(key, n);
		pd_field f = base ? lookup_at(base, owners) : PD_FIELD_NONE;
		free(base);
		return f;
	}
	if (strncmp(key, "addressline", 11) == 0)
		return PD_FIELD_ADDRESS;
	return PD_FIELD_NONE;
}

static pd_field lookup(const char *key)
{
	return lookup_at(key, 0);
}

const char *pd_field_name(pd_field f)
{
	return (unsigned)f < PD_FIELD__COUNT ? field_names[f] : "?";
}

pd_field pd_field_parse(const char *text)
{
	char *key = normalise(text);
	if (!key)
		return PD_FIELD_NONE;
	pd_field found = PD_FIELD_NONE;
	for (int f = PD_FIELD_IGNORE; f < PD_FIELD__COUNT; f++) {
		if (f == PD_FIELD_LABELS)
			continue;
		char *nm = normalise(field_names[f]);
		bool same = nm && strcmp(nm, key) == 0;
		free(nm);
		if (same) {
			found = (pd_field)f;
			break;
		}
	}
	if (found == PD_FIELD_NONE)
		found = lookup(key);
	free(key);
	return found;
}

pd_field pd_field_from_header(const char *header)
{
	char *key = normalise(header);
	pd_field f = key && key[0] ? lookup(key) : PD_FIELD_NONE;
	if (f == PD_FIELD_IGNORE)
		f = PD_FIELD_NONE;   /* a column called "Skip" is data */
	for (size_t i = 0; key && derived[i]; i++)
		if (strcmp(key, derived[i]) == 0)
			f = PD_FIELD_IGNORE;
	free(key);
	return f;
}

bool pd_field_header_guess(const char *header)
{
	char *key = normalise(header);
	/* "Status 2" as "Status" */
	for (size_t n = key ? strlen(key) : 0; n > 0 && isdigit((unsigned char)key[n - 1]); n--)
		key[n - 1] = '\0';
	bool guess = false;
	for (size_t i = 0; key && guesses[i] && !guess; i++)
		guess = strcmp(key, guesses[i]) == 0;
	free(key);
	return guess;
}

const char *pd_field_names_list(void)
{
	return "name, kind, scale, stage, email, website, phone, address, notes, tags, "
	       "audiences, branches, owner, mission, position, directions, contact, title, "
	       "contact_email, contact_phone, first_name, last_name, fiscal_month, review_date, "
	       "ignore";
}

static bool has_header(char *const *headers, size_t n, const char *key)
{
	bool found = false;
	for (size_t i = 0; i < n && !found; i++) {
		char *have = normalise(headers[i]);
		found = have && strcmp(have, key) == 0;
		free(have);
	}
	return found;
}

static const struct layout *layout_of(char *const *headers, size_t n)
{
	for (size_t l = 0; l < sizeof layouts / sizeof layouts[0]; l++) {
		bool all = true;
		for (size_t k = 0; all && layouts[l].needs[k]; k++)
			all = has_header(headers, n, layouts[l].needs[k]);
		if (all)
			return &layouts[l];
	}
	return NULL;
}

const char *pd_field_layout(char *const *headers, size_t n_headers)
{
	const struct layout *l = layout_of(headers, n_headers);
	return l ? l->says : NULL;
}

bool pd_field_map_check(const char *override, pd_error *err)
{
	const char *eq = strrchr(override, '=');
	if (!eq || eq == override || !eq[1])
		return pd_error_set(err, PD_ERR_INVALID,
			"--map %s: write it as COLUMN=FIELD, e.g. --map \"Org name=name\"", override);
	if (pd_field_parse(eq + 1) == PD_FIELD_NONE)
		return pd_error_set(err, PD_ERR_INVALID, "--map %s: no field \"%s\"; fields are: %s",
			override, eq + 1, pd_field_names_list());
	return true;
}

/* A plain name word beside its own language's other half of a person's
 * name is that person's, as "Last name" is beside "First name": French
 * sheets head a person "Prénom" and "Nom", German ones "Vorname" and
 * "Name", Spanish ones "Nombre" and "Apellidos" (Nombre then the given
 * name), so that "Nom" there is no organisation. Alone, or beside a column
 * that already holds that half ("Nom de famille"), each keeps its meaning
 * as a name. The owner may follow either ("Nom du contact" beside
 * "Prénom du contact"). English "Name" beside "First name" is left as the
 * partner's name: an English sheet says "Last name". */
static const struct { const char *word, *beside; pd_field is; } name_halves[] = {
	{ "nom", "prenom", PD_FIELD_LAST_NAME },
	{ "name", "vorname", PD_FIELD_LAST_NAME },
	{ "nombre", "nombredepila", PD_FIELD_LAST_NAME },
	{ "enw", "enwcyntaf", PD_FIELD_LAST_NAME },
	{ "nombre", "apellidos", PD_FIELD_FIRST_NAME },
	{ "nombre", "apellido", PD_FIELD_FIRST_NAME },
};

/* Whether key is word, or word with a contact person after it ("Nom du
 * contact" for "nom"). */
static bool is_name_word(const char *key, const char *word)
{
	size_t stem = 0;
	if (strcmp(key, word) == 0)
		return true;
	return field_before(key, person_after, &stem, 1) != PD_FIELD_NONE && stem == strlen(word)
	       && strncmp(key, word, stem) == 0;
}

static void pair_name_halves(char *const *headers, size_t n, pd_field *cols,
	const pd_field_how *how)
{
	char **keys = calloc(n ? n : 1, sizeof *keys);
	if (!keys)
		return;   /* the plain reading stands */
	for (size_t i = 0; i < n; i++)
		keys[i] = normalise(headers[i]);
	for (size_t i = 0; i < n; i++) {
		if (!keys[i] || how[i] != PD_HOW_HEADER
		    || (cols[i] != PD_FIELD_NAME && cols[i] != PD_FIELD_CONTACT))
			continue;
		for (size_t p = 0; p < sizeof name_halves / sizeof name_halves[0]; p++) {
			if (!is_name_word(keys[i], name_halves[p].word))
				continue;
			pd_field other = name_halves[p].is == PD_FIELD_LAST_NAME ? PD_FIELD_FIRST_NAME
			                                                        : PD_FIELD_LAST_NAME;
			bool beside = false, taken = false;
			for (size_t j = 0; j < n; j++) {
				beside |= keys[j] && cols[j] == other && is_name_word(keys[j], name_halves[p].beside);
				taken |= cols[j] == name_halves[p].is;
			}
			if (beside && !taken) {
				cols[i] = name_halves[p].is;
				break;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

/* How surely a header names the partner rather than a person or a
 * branch of one's own: the lowest wins when several columns name it. A
 * "Library" beside a partner column is which branch works with it. */
static int name_rank(const char *header)
{
	static const struct { const char *key; int rank; } ranks[] = {
		{ "partner", 1 }, { "partnername", 1 },
		{ "organisation", 2 }, { "organization", 2 }, { "org", 2 },
		{ "organisationname", 2 }, { "organizationname", 2 }, { "company", 2 },
		{ "institution", 2 }, { "libraryname", 2 },
		{ "name", 3 }, { "library", 5 },
		/* The words of other languages, as their English ones rank. */
		{ "partenaire", 1 },
		{ "sefydliad", 2 }, { "enwrsefydliad", 2 }, { "organisme", 2 }, { "etablissement", 2 },
		{ "entreprise", 2 }, { "nomdelorganisation", 2 }, { "einrichtung", 2 },
		{ "organizacion", 2 }, { "institucion", 2 }, { "entidad", 2 }, { "empresa", 2 },
		{ "enw", 3 }, { "nom", 3 }, { "nombre", 3 },
	};
	char *key = normalise(header);
	int rank = 4;   /* "Name 2", "Partner 3": after the plain ones */
	for (size_t i = 0; key && i < sizeof ranks / sizeof ranks[0]; i++)
		if (strcmp(ranks[i].key, key) == 0)
			rank = ranks[i].rank;
	/* "Nom de l'établissement", "Nombre de la entidad": as "Organisation name". */
	if (rank == 4 && key && field_before(key, partner_after, NULL, 1) == PD_FIELD_NAME)
		rank = 2;
	free(key);
	return rank;
}

static bool is_person_name(pd_field f)
{
	return f == PD_FIELD_CONTACT || f == PD_FIELD_FIRST_NAME || f == PD_FIELD_LAST_NAME;
}

/* One column is the partner's name: see pd_field_map_build. */
static void choose_name(char *const *headers, size_t n, pd_field *cols, pd_field_how *how)
{
	size_t win = n, names = 0;
	int best = INT_MAX;
	bool person = false;
	for (size_t i = 0; i < n; i++) {
		person |= is_person_name(cols[i]);
		if (cols[i] != PD_FIELD_NAME)
			continue;
		names++;
		/* What a --map or the layout made the name outranks any header. */
		int rank = how[i] == PD_HOW_HEADER ? name_rank(headers[i]) : 0;
		if (rank < best) {
			best = rank;
			win = i;
		}
	}
	if (names < 2)
		return;
	for (size_t i = 0; i < n; i++) {
		if (i == win || cols[i] != PD_FIELD_NAME)
			continue;
		/* "Name" beside "Organisation" (a mail-merge list): the person. */
		bool plain = how[i] == PD_HOW_HEADER && name_rank(headers[i]) == 3;
		if (plain && best < 3 && !person) {
			cols[i] = PD_FIELD_CONTACT;
			person = true;
		} else {
			cols[i] = PD_FIELD_NONE;
		}
		how[i] = PD_HOW_OTHER_NAME;
	}
}

bool pd_field_map_build(char *const *headers, size_t n_headers,
	const char *const *overrides, size_t n_overrides, pd_field *cols, pd_field_how *how,
	pd_error *err)
{
	pd_field_how *mine = NULL;
	if (!how) {
		how = mine = calloc(n_headers ? n_headers : 1, sizeof *how);
		if (!mine)
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
	}
	const struct layout *l = layout_of(headers, n_headers);
	bool ours = true;
	for (size_t k = 0; ours && own_export[k]; k++)
		ours = has_header(headers, n_headers, own_export[k]);
	for (size_t i = 0; i < n_headers; i++) {
		cols[i] = pd_field_from_header(headers[i]);
		how[i] = PD_HOW_HEADER;
		/* Another sheet's "Last contact" or "Next follow-up" is kept in
		 * the notes and named in the summary, as any column no field
		 * reads; it was left out without a word, and with it the dates
		 * a colleague had set. Only an "ID" is always left out. */
		char *key = normalise(headers[i]);
		if (cols[i] == PD_FIELD_IGNORE && !ours && key && strcmp(key, "id") != 0)
			cols[i] = PD_FIELD_NONE;
		for (size_t k = 0; l && key && l->cols[k].key; k++)
			if (strcmp(l->cols[k].key, key) == 0) {
				cols[i] = l->cols[k].field;
				how[i] = PD_HOW_LAYOUT;
			}
		free(key);
	}
	for (size_t k = 0; k < n_overrides; k++) {
		if (!pd_field_map_check(overrides[k], err)) {
			free(mine);
			return false;
		}
		const char *eq = strrchr(overrides[k], '=');
		pd_field f = pd_field_parse(eq + 1);
		char *col = strndup(overrides[k], (size_t)(eq - overrides[k]));
		char *want = col ? normalise(col) : NULL;
		free(col);
		if (!want) {
			free(mine);
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		}
		bool found = false;
		for (size_t i = 0; i < n_headers; i++) {
			char *have = normalise(headers[i]);
			if (have && strcmp(have, want) == 0) {
				cols[i] = f;
				how[i] = PD_HOW_MAP;
				found = true;
			}
			free(have);
		}
		free(want);
		if (!found) {
			free(mine);
			return pd_error_set(err, PD_ERR_INVALID,
				"--map %s: the header row has no column \"%.*s\"", overrides[k],
				(int)(eq - overrides[k]), overrides[k]);
		}
	}
	pair_name_halves(headers, n_headers, cols, how);
	choose_name(headers, n_headers, cols, how);
	free(mine);
	return true;
}

static void put(pd_strbuf *b, const char *s)
{
	pd_strbuf_put(b, s, strlen(s));
}

/* A header as a message names it: quoted, cut at 40 bytes (on a
 * character's edge), "Column N" when blank. */
static void put_header(pd_strbuf *b, char *const *headers, size_t i)
{
	if (!headers[i][0]) {
		char col[32];
		snprintf(col, sizeof col, "Column %zu", i + 1);
		put(b, col);
		return;
	}
	size_t n = strlen(headers[i]), cut = pd_utf8_cut(headers[i], n, 40);
	put(b, "\"");
	pd_strbuf_put(b, headers[i], cut);
	put(b, cut < n ? "...\"" : "\"");
}

/* Item i of n in a list read as English: ", " before each but the first,
 * " and " before the last. */
static void put_sep(pd_strbuf *b, size_t i, size_t n)
{
	if (i > 0)
		put(b, i + 1 == n ? " and " : ", ");
}

static char *finish(pd_strbuf *b)
{
	if (b->failed) {
		free(b->p);
		return NULL;
	}
	return b->p;
}

char *pd_field_map_name_choice(char *const *headers, size_t n_headers, const pd_field *cols,
	const pd_field_how *how)
{
	size_t win = n_headers, others = 0, first_other = n_headers;
	for (size_t i = 0; i < n_headers; i++) {
		if (how[i] == PD_HOW_OTHER_NAME && others++ == 0)
			first_other = i;
		if (cols[i] == PD_FIELD_NAME)
			win = i;
	}
	if (!others || win == n_headers)
		return NULL;
	pd_strbuf b = { 0 };
	for (size_t i = 0, k = 0; i < n_headers; i++)
		if (i == win || how[i] == PD_HOW_OTHER_NAME) {
			put_sep(&b, k++, others + 1);
			put_header(&b, headers, i);
		}
	put(&b, others == 1 ? " both" : " all");
	put(&b, " name the partner: ");
	put_header(&b, headers, win);
	put(&b, " is read as its name");
	for (size_t i = 0, k = 0; i < n_headers; i++) {
		if (how[i] != PD_HOW_OTHER_NAME)
			continue;
		put(&b, k++ + 1 == others ? " and " : ", ");
		put_header(&b, headers, i);
		put(&b, cols[i] == PD_FIELD_CONTACT ? " as its contact person" : " kept in the notes");
	}
	char *key_win = normalise(headers[win]), *key_other = normalise(headers[first_other]);
	bool same = key_win && key_other && strcmp(key_win, key_other) == 0;
	free(key_win);
	free(key_other);
	if (how[win] != PD_HOW_MAP && same && headers[win][0]) {
		/* Two columns of one name: a --map names both at once. */
		char col[160];
		snprintf(col, sizeof col, "; the columns have the same name, which --map cannot tell "
			"apart: if column %zu is the partner's name, rename it \"Partner\" in the header "
			"row and import again", first_other + 1);
		put(&b, col);
	} else if (how[win] != PD_HOW_MAP && headers[first_other][0] && headers[win][0]) {
		/* A --map outranks every header, so these two swap them. */
		put(&b, "; if ");
		put_header(&b, headers, first_other);
		put(&b, " is the partner's name: --map \"");
		put(&b, headers[first_other]);
		put(&b, "=name\" --map \"");
		put(&b, headers[win]);
		put(&b, "=notes\"");
	}
	return finish(&b);
}

char *pd_field_map_whose(char *const *headers, size_t n_headers, const pd_field *cols,
	const pd_field_how *how)
{
	bool person = false;
	for (size_t i = 0; i < n_headers; i++)
		person |= is_person_name(cols[i]);
	if (!person)
		return NULL;
	/* The first plain phone or email beside the person, and whether the
	 * person has one of that kind already. */
	for (int k = 0; k < 2; k++) {
		pd_field mine = k ? PD_FIELD_EMAIL : PD_FIELD_PHONE;
		pd_field theirs = k ? PD_FIELD_CONTACT_EMAIL : PD_FIELD_CONTACT_PHONE;
		size_t at = n_headers;
		bool has = false;
		for (size_t i = 0; i < n_headers; i++) {
			has |= cols[i] == theirs;
			if (at == n_headers && cols[i] == mine && how[i] == PD_HOW_HEADER && headers[i][0])
				at = i;
		}
		if (at == n_headers || has)
			continue;
		pd_strbuf b = { 0 };
		put_header(&b, headers, at);
		put(&b, k ? " is taken as the partner's email, not the contact person's; --map \""
		          : " is taken as the partner's phone, not the contact person's; --map \"");
		put(&b, headers[at]);
		put(&b, k ? "=contact_email\" makes it theirs" : "=contact_phone\" makes it theirs");
		return finish(&b);
	}
	return NULL;
}

/* True when the header holds the field's own name ("Email address",
 * "Library name", "Address 2"): then it says how it is read itself. */
static bool says_own_name(const char *header, pd_field f)
{
	char *key = normalise(header), *own = normalise(pd_field_name(f));
	bool says = key && own && strstr(key, own);
	free(key);
	free(own);
	return says;
}

/* How long the list of readings may grow: with the file's name and the
 * --map hint the line stays within two of a terminal's. */
#define READINGS_BUDGET 80

/* The readings of the listed columns, by field in the order the fields
 * first appear ("Town", "Postcode" as address), at most per_field headers
 * of each and no field once the list is past the budget; *example: the
 * first header named. */
static void put_readings(pd_strbuf *b, char *const *headers, size_t n, const pd_field *cols,
	const bool *listed, size_t per_field, size_t *example, size_t *notes_example)
{
	size_t unsaid = 0;
	bool *done = calloc(n ? n : 1, sizeof *done);
	if (!done) {
		b->failed = true;
		return;
	}
	put(b, "read ");
	for (size_t i = 0, groups = 0; i < n; i++) {
		if (!listed[i] || done[i])
			continue;
		size_t in_group = 0, shown = 0;
		bool say = b->n <= READINGS_BUDGET;
		if (say && groups++)
			put(b, ", ");
		for (size_t j = i; j < n; j++) {
			if (!listed[j] || done[j] || cols[j] != cols[i])
				continue;
			done[j] = true;
			in_group++;
			if (!say || shown == per_field)
				continue;
			if (shown)
				put(b, ", ");
			put_header(b, headers, j);
			/* "--map Notizen=notes" would change nothing. */
			size_t *ex = cols[j] == PD_FIELD_NOTES ? notes_example : example;
			if (*ex == n)
				*ex = j;
			shown++;
		}
		if (!say) {
			unsaid += in_group;
			continue;
		}
		if (in_group > shown) {
			char more[48];
			snprintf(more, sizeof more, " and %zu more", in_group - shown);
			put(b, more);
		}
		put(b, " as ");
		put(b, pd_field_name(cols[i]));
	}
	if (unsaid) {
		char more[64];
		snprintf(more, sizeof more, ", and %zu more column%s", unsaid, unsaid == 1 ? "" : "s");
		put(b, more);
	}
	free(done);
}

char *pd_field_map_readings(char *const *headers, size_t n_headers, const pd_field *cols,
	const pd_field_how *how)
{
	bool *listed = calloc(n_headers ? n_headers : 1, sizeof *listed);
	if (!listed)
		return NULL;
	size_t n_listed = 0;
	for (size_t i = 0; i < n_headers; i++) {
		pd_field f = cols[i];
		/* Not the name column: every line of the dry run shows what it
		 * read, and the name line says why when there were several. */
		listed[i] = how[i] == PD_HOW_HEADER && f != PD_FIELD_NONE && f != PD_FIELD_IGNORE
		            && f != PD_FIELD_NAME && headers[i][0] && !says_own_name(headers[i], f);
		n_listed += listed[i];
	}
	if (!n_listed) {
		free(listed);
		return NULL;
	}
	/* Every header when they fit; else two of each field, so a wide
	 * sheet still shows which fields were taken. */
	pd_strbuf b = { 0 };
	size_t example = n_headers, notes_example = n_headers;
	put_readings(&b, headers, n_headers, cols, listed, SIZE_MAX, &example, &notes_example);
	if (!b.failed && b.n > READINGS_BUDGET + 5) {
		free(b.p);
		b = (pd_strbuf){ 0 };
		example = notes_example = n_headers;
		put_readings(&b, headers, n_headers, cols, listed, 2, &example, &notes_example);
	}
	/* Only notes columns said: a --map can leave one out, not keep it. */
	bool notes_only = example == n_headers;
	put(&b, "; --map \"");
	put(&b, headers[notes_only ? notes_example : example]);
	put(&b, notes_only ? "=ignore\" leaves one out" : "=notes\" keeps one in the notes");
	free(listed);
	return finish(&b);
}
