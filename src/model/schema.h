/* The schema's migration steps and the objects `check` expects to find;
 * private to src/model/. */
#ifndef PARTNERDESK_MODEL_SCHEMA_H
#define PARTNERDESK_MODEL_SCHEMA_H

/* pd_migrations[v] takes user_version v to v + 1. */
extern const char *const pd_migrations[];
extern const int pd_n_migrations;

/* NULL-terminated names that a current schema must hold. */
extern const char *const pd_schema_tables[];
extern const char *const pd_schema_indexes[];
extern const char *const pd_schema_triggers[];

#endif
