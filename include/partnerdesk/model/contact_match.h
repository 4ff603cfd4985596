/* Which of a partner's people a list filter's text names: the one the
 * librarian on the phone typed the caller's name, number or address of. */
#ifndef PARTNERDESK_MODEL_CONTACT_MATCH_H
#define PARTNERDESK_MODEL_CONTACT_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "partnerdesk/model/db.h"
#include "partnerdesk/model/error.h"

/* *contact_id: the one current person of partner_id whom text names, 0
 * when nobody or more than one does. A person is named
 *  - by name: every word of text is in the name, both folded as names are
 *    matched (pd_name_key: case, accents, composition, spacing);
 *  - by phone: text read as a number as the list's search reads it (6
 *    digits or more, with only " -.()+/" between), its digits in the
 *    person's phone run together, also as dialled at home ("06 12 34 56
 *    78" for +33 6 12 34 56 78, "00 44 ..." for +44 ...), or text as
 *    written in the phone;
 *  - by email: text (3 characters or more: shorter words find names only,
 *    as in the search) inside the part of the address before the @, case
 *    aside; text with an @ after something, inside the whole address. A
 *    domain alone ("museolatino", "@museolatino") names nobody: it is the
 *    partner's, as its name is.
 * People removed from the partner are not asked. False on a read error or
 * out of memory (err set). */
bool pd_contact_matching_filter(pd_db *db, int64_t partner_id, const char *text,
	int64_t *contact_id, pd_error *err);

#endif
