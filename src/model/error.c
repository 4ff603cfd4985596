/* Errors as values: fill a pd_error with a code and a message. */
#include <stdarg.h>
#include <stdio.h>

#include "partnerdesk/model/error.h"
#include "partnerdesk/model/text.h"

bool pd_error_set(pd_error *err, pd_status code, const char *fmt, ...)
{
	if (!err)
		return false;
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	pd_vformat(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return false;
}

void pd_error_clear(pd_error *err)
{
	if (!err)
		return;
	err->code = PD_OK;
	err->msg[0] = '\0';
}
