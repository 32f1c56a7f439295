/*
 * nk_sql.h - what the SQL engine extensions (ext/sqlite, ext/postgres)
 * share: which library errors are SQL NULL rather than SQL errors.
 */
#ifndef NK_SQL_H
#define NK_SQL_H

#include <stdbool.h>

#include "namekey.h"

/*
 * A name that cannot be keyed - nothing left to key, not UTF-8 (or a NUL
 * byte), longer than NK_NAME_MAX - has no key, and "no value" is NULL in
 * SQL.  An error instead would make one junk row fail a whole CREATE
 * INDEX or bulk load over an archive.  Every other code (out of memory,
 * ICU) is a failure of the library and is raised as an SQL error.
 */
static inline bool nk_sql_no_key(int rc)
{
	return rc == NK_EEMPTY || rc == NK_EUTF8 || rc == NK_ETOOLONG;
}

/* The first key of a list nk_key() wrote: its length in bytes. */
static inline size_t nk_sql_first_key_len(const char *keys)
{
	size_t n = 0;
	while (keys[n] != '\0' && keys[n] != ' ')
		n++;
	return n;
}

#endif /* NK_SQL_H */
