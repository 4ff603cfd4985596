/* The descriptors of every subcommand, one per src/cli/cmd_*.c file; the
 * sorted table in src/cli/command.c lists them. A new command adds its
 * line here and its entry there (in name order). */
#ifndef PARTNERDESK_CLI_COMMANDS_H
#define PARTNERDESK_CLI_COMMANDS_H

#include "partnerdesk/cli/command.h"

extern const pd_command pd_cmd_add;
extern const pd_command pd_cmd_agenda;
extern const pd_command pd_cmd_audit;
extern const pd_command pd_cmd_backup;
extern const pd_command pd_cmd_check;
extern const pd_command pd_cmd_complete;
extern const pd_command pd_cmd_contact;
extern const pd_command pd_cmd_delete;
extern const pd_command pd_cmd_edit;
extern const pd_command pd_cmd_export;
extern const pd_command pd_cmd_import;
extern const pd_command pd_cmd_list;
extern const pd_command pd_cmd_log;
extern const pd_command pd_cmd_merge;
extern const pd_command pd_cmd_move;
extern const pd_command pd_cmd_report;
extern const pd_command pd_cmd_restore;
extern const pd_command pd_cmd_show;

#endif
