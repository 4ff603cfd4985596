/* Reading vCards (2.1, 3.0, 4.0) into the few fields partnerdesk keeps:
 * unfolding, quoted-printable, parameters, groups (item1.EMAIL), escapes.
 * What a person's card holds beyond those (more phones and emails, ADR,
 * chat, birthdays) comes back as notes lines; photos and technical
 * properties are skipped. Pure parsing: vcard_import.c stores the result. */
#ifndef PARTNERDESK_IO_VCARD_H
#define PARTNERDESK_IO_VCARD_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/error.h"

typedef struct pd_vcard {
	long line;          /* line of BEGIN:VCARD */
	char *error;        /* NULL, or why this card can't be used */
	long error_line;    /* the line error is about */
	bool is_org;        /* KIND:org (4.0) or X-ABShowAs:COMPANY */
	char *name;         /* FN, else built from N, else (for an org) ORG */
	char *org;          /* first ORG component */
	char *org_unit;     /* the further ORG components ("Education Department"), ", "-joined */
	char *title, *email, *phone, *url, *note;
	long email_line, phone_line, url_line;   /* the lines email, phone and url came from */
	int email_pref, phone_pref;   /* the PREF rank email and phone carried (1 most
	                                 preferred; 2.1's PREF and 3.0's TYPE=pref are 1), 0: none */
	char *address;      /* the first (or preferred) ADR, its parts ", "-joined */
	char *categories;   /* CATEGORIES, one value a line ("arts, culture" is one) */
	char *extra;        /* what has no field: further emails, phones, addresses,
	                       chat, birthdays..., a line each, "Label: value" or
	                       "Label (work): value" */
	unsigned noted;     /* the kinds extra holds, PD_NOTED_* of import.h */
	char *uid;          /* UID as written, NULL if none: tells two people of
	                       one name apart, and a card seen before */
} pd_vcard;

typedef struct pd_vcards {
	pd_vcard *v;
	size_t n;
} pd_vcards;

/* Parses every card in the buffer. False only for a file that is not
 * vCard text at all (binary data, no BEGIN:VCARD); a broken card gets its
 * error and the others are still returned. */
bool pd_vcard_parse(const char *name, const char *data, size_t len, pd_vcards *out, pd_error *err);
void pd_vcards_finish(pd_vcards *cards);

#endif
