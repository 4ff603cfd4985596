/* Errors as values: a status code plus a message the user can act on.
 * Every fallible function in the libraries takes a pd_error * (may be NULL). */
#ifndef PARTNERDESK_MODEL_ERROR_H
#define PARTNERDESK_MODEL_ERROR_H

#include <stdbool.h>

typedef enum pd_status {
	PD_OK = 0,
	PD_ERR_GENERIC,    /* anything not below */
	PD_ERR_INVALID,    /* a bad value from the user (date, stage, field) */
	PD_ERR_NOTFOUND,   /* no such partner, contact, ... */
	PD_ERR_AMBIGUOUS,  /* a name prefix matched several; msg lists them */
	PD_ERR_CONFLICT,   /* row changed by someone else since it was read */
	PD_ERR_REFUSED,    /* a stage rule refused the move; msg says why */
	PD_ERR_BUSY,       /* database stayed locked past the busy timeout */
	PD_ERR_IO,         /* disk full, read-only, permissions */
	PD_ERR_NOT_OURS,   /* the file is not a partnerdesk database */
	PD_ERR_NEWER,      /* schema newer than this program */
	PD_ERR_DAMAGED,    /* the database file is corrupt */
	PD_ERR_REPLACED,   /* the file was replaced or removed under an open handle */
	PD_ERR_NOMEM,
} pd_status;

#define PD_ERROR_MSG_MAX 1024

typedef struct pd_error {
	pd_status code;
	char msg[PD_ERROR_MSG_MAX];
} pd_error;

/* Sets code and a printf-formatted message; err may be NULL. Returns false
 * so that `return pd_error_set(...)` reads naturally in bool functions. */
bool pd_error_set(pd_error *err, pd_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pd_error_clear(pd_error *err);

#endif
