/* Spreadsheet headers to partner fields: the synonyms libraries actually use
 * in their partner lists, compared without regard to case or punctuation. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "partnerdesk/io/field_map.h"
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
	/* Not "Status": in partner sheets it says Active or Inactive, which
	 * is no stage, and would fail every row. */
	{ "stage", PD_FIELD_STAGE }, { "pipelinestage", PD_FIELD_STAGE },
	{ "notes", PD_FIELD_NOTES }, { "note", PD_FIELD_NOTES },
	{ "comments", PD_FIELD_NOTES }, { "comment", PD_FIELD_NOTES },
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
	{ "fiscalmonth", PD_FIELD_FISCAL_MONTH }, { "fiscalyearstart", PD_FIELD_FISCAL_MONTH },
	{ "reviewdate", PD_FIELD_REVIEW_DATE }, { "review", PD_FIELD_REVIEW_DATE },
	{ "ignore", PD_FIELD_IGNORE }, { "skip", PD_FIELD_IGNORE },
};

/* Address-book exports: a row is a person, and the organisation column
 * is the partner. Recognised by headers no partner sheet has together;
 * their columns read as listed, the others as usual. Keys normalised. */
typedef struct layout_col { const char *key; pd_field field; } layout_col;
static const struct layout {
	const char *says;
	const char *needs[3];
	layout_col cols[16];
} layouts[] = {
	{ "a Google Contacts export: Organization 1 - Name is the partner, Name its contact "
	  "person (Organization 1 - Title, E-mail 1, Phone 1 the person's)",
	  { "givenname", "organization1name", NULL },
	  { { "name", PD_FIELD_CONTACT }, { "organization1name", PD_FIELD_NAME },
	    { "organization1title", PD_FIELD_CONTACT_TITLE },
	    { "email1value", PD_FIELD_CONTACT_EMAIL }, { "phone1value", PD_FIELD_CONTACT_PHONE },
	    { "additionalname", PD_FIELD_FIRST_NAME }, { NULL, PD_FIELD_NONE } } },
	{ "an Outlook contacts export: Company is the partner, First/Middle/Last Name its contact "
	  "person (Job Title, E-mail Address, Business Phone the person's; Title, the "
	  "honorific, kept in the notes)",
	  { "firstname", "company", NULL },
	  { { "title", PD_FIELD_NONE }, { "emailaddress", PD_FIELD_CONTACT_EMAIL },
	    { "businessphone", PD_FIELD_CONTACT_PHONE },
	    { "emaildisplayname", PD_FIELD_IGNORE },   /* "Name (address)": both kept already */
	    { "businessstreet", PD_FIELD_ADDRESS }, { "businesscity", PD_FIELD_ADDRESS },
	    { "businessstate", PD_FIELD_ADDRESS }, { "businesspostalcode", PD_FIELD_ADDRESS },
	    { "businesscountryregion", PD_FIELD_ADDRESS }, { NULL, PD_FIELD_NONE } } },
};

/* Columns of partnerdesk's own CSV export that another database must not
 * take over: row ids and what the model derives from the log. */
static const char *const derived[] = { "id", "lastcontact", "nextfollowup", NULL };

/* Folded text with only letters and digits left: "E-mail address " and
 * "email_address" meet as "emailaddress". */
static char *normalise(const char *s)
{
	char *f = pd_fold(s ? s : "");
	if (!f)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; f[i]; i++) {
		unsigned char c = (unsigned char)f[i];
		if (c >= 0x80 || isalnum(c))
			f[o++] = (char)c;
	}
	f[o] = '\0';
	return f;
}

static pd_field lookup(const char *key)
{
	for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
		if (strcmp(synonyms[i].key, key) == 0)
			return synonyms[i].field;
	/* "Address 1", "Address line 2", "Street 2", "Phone 2" */
	size_t n = strlen(key);
	while (n > 0 && isdigit((unsigned char)key[n - 1]))
		n--;
	if (n > 0 && n < strlen(key)) {
		char *base = strndup(key, n);
		pd_field f = base ? lookup(base) : PD_FIELD_NONE;
		free(base);
		return f;
	}
	if (strncmp(key, "addressline", 11) == 0)
		return PD_FIELD_ADDRESS;
	return PD_FIELD_NONE;
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

bool pd_field_map_build(char *const *headers, size_t n_headers,
	const char *const *overrides, size_t n_overrides, pd_field *cols, pd_error *err)
{
	const struct layout *l = layout_of(headers, n_headers);
	for (size_t i = 0; i < n_headers; i++) {
		cols[i] = pd_field_from_header(headers[i]);
		char *key = l ? normalise(headers[i]) : NULL;
		for (size_t k = 0; key && l->cols[k].key; k++)
			if (strcmp(l->cols[k].key, key) == 0)
				cols[i] = l->cols[k].field;
		free(key);
	}
	for (size_t k = 0; k < n_overrides; k++) {
		const char *eq = strrchr(overrides[k], '=');
		if (!eq || eq == overrides[k] || !eq[1])
			return pd_error_set(err, PD_ERR_INVALID,
				"--map %s: write it as COLUMN=FIELD, e.g. --map \"Org name=name\"", overrides[k]);
		pd_field f = pd_field_parse(eq + 1);
		if (f == PD_FIELD_NONE)
			return pd_error_set(err, PD_ERR_INVALID,
				"--map %s: no field \"%s\"; fields are: %s", overrides[k], eq + 1,
				pd_field_names_list());
		char *col = strndup(overrides[k], (size_t)(eq - overrides[k]));
		char *want = col ? normalise(col) : NULL;
		free(col);
		if (!want)
			return pd_error_set(err, PD_ERR_NOMEM, "out of memory");
		bool found = false;
		for (size_t i = 0; i < n_headers; i++) {
			char *have = normalise(headers[i]);
			if (have && strcmp(have, want) == 0) {
				cols[i] = f;
				found = true;
			}
			free(have);
		}
		free(want);
		if (!found)
			return pd_error_set(err, PD_ERR_INVALID,
				"--map %s: the header row has no column \"%.*s\"", overrides[k],
				(int)(eq - overrides[k]), overrides[k]);
	}
	return true;
}
