/* Whether an email address, a phone number or a website as typed can be
 * one: the check every way in makes (add, edit, contact add, the forms,
 * CSV and vCard import), so a typo is said while it can still be put right
 * rather than found when the mail bounces. Deliberately lenient: a
 * refusal of a real address on the phone costs more than a missed typo. */
#ifndef PARTNERDESK_MODEL_CONTACT_CHECK_H
#define PARTNERDESK_MODEL_CONTACT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"
#include "partnerdesk/model/strv.h"

typedef enum pd_reach {
	PD_REACH_EMAIL,
	PD_REACH_PHONE,
	PD_REACH_WEBSITE,
} pd_reach;

/* The field's name as messages give it: "email", "phone", "website". */
const char *pd_reach_name(pd_reach what);

/* True when value can be what's asked for; NULL and blank are a cleared
 * field, so true. False: why[size] says what is wrong, naming the field
 * and quoting the value ("email 'jane.museum.org' has no @"), for the
 * person who typed it to put right.
 *
 * email: one @, something before it, a domain after it with a dot, no
 *   empty label (a leading, trailing or doubled dot), a top-level label of
 *   two or more characters, nothing but letters, digits and '-' in it;
 *   no white space. Letters beyond ASCII are letters (Welsh, Korean,
 *   Arabic domains, a UTF-8 local part), and the ideographic full stops
 *   IDNA reads as dots are dots. The local part is otherwise not judged:
 *   real ones break the rules ("taro..@docomo.ne.jp").
 * phone: at least three digits (any script's), and otherwise letters
 *   (vanity numbers, "x12", "ext. 12"), spaces, dashes and + ( ) [ ] . /
 *   # * , ; : ' & = ("Tel & fax: ...", "+1-555-010-0199;ext=12"); an @ or
 *   a web address is said to belong elsewhere; so is a number in
 *   scientific notation (pd_phone_scientific).
 * website: "museum.org", "www.museum.org/teens" or http:// or https://
 *   before it; a host with a dot (an IPv4 address is one), no empty label;
 *   no white space. Stored as typed, scheme or not. */
bool pd_reach_check(pd_reach what, const char *value, char *why, size_t size);

/* "4.4123E+11" or "4,4123E+11" (blanks around it aside): a phone number a
 * spreadsheet wrote in scientific notation, its last digits lost. The one
 * rule behind the phone check's refusal and an import's own warning. */
bool pd_phone_scientific(const char *value);

/* The stored values pd_reach_check refuses (an import keeps them, a
 * backup restores them, an older partnerdesk took them), one line each
 * onto out, by partner id and then contact: 'partner #3 "City Museum":
 * email 'jane.museum.org' has no @', 'contact #7 "Jane Doe" at partner #3
 * "City Museum": phone 'call me' has no digits'. For `check` to list. */
bool pd_reach_stored(pd_db *db, pd_strv *out, pd_error *err);

#endif
