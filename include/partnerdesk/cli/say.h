/* A command's prose line on standard output (a confirmation, restore's
 * "the database as it was is kept in PATH"): on a terminal wrapped within
 * its width, to a pipe one line as ever. Not for machine output. */
#ifndef PARTNERDESK_CLI_SAY_H
#define PARTNERDESK_CLI_SAY_H

#include "partnerdesk/cli/command.h"

/* fmt (one line, without its newline) on cli->out as pd_cli_printf writes
 * it, and a newline. To a pipe or a file byte for byte that line. On a
 * terminal, a line wider than it (and than 80 columns) is wrapped at the
 * format's spaces, the lines it wraps onto indented two spaces past the
 * line's own indent; what an argument brings (a name, a path) is never
 * broken inside, nor a "quoted" name or a `command`. A line that fits is
 * written as it is. */
void pd_cli_sayf(pd_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* lead (spaces) and text (one line of prose, without its newline: a line
 * of a merge's account, a problem check found) as pd_cli_sayf writes
 * them, text sanitized as an argument is, but free to break at any of its
 * spaces outside a "quoted" name or a `command`. */
void pd_cli_say_under(pd_cli *cli, const char *lead, const char *text);

#endif
