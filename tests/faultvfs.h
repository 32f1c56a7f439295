/*
 * faultvfs.h - a SQLite VFS for tests that fails the Nth file operation:
 * "nkfault", a pass-through over the default VFS whose xRead, xWrite,
 * xTruncate and xSync return SQLITE_IOERR_* once armed.  Open a
 * connection on it with the URI "file:NAME?vfs=nkfault" (after
 * sqlite3_config(SQLITE_CONFIG_URI, 1)).  One process, one thread.
 */
#ifndef NK_FAULTVFS_H
#define NK_FAULTVFS_H

#include <stdbool.h>

#define NKT_FAULT_VFS "nkfault"

/* Register "nkfault" (not as the default VFS); SQLITE_OK or an error.
 * Calling it again is harmless. */
int nkt_faultvfs_register(void);

/*
 * Count the operations from now on and fail the nth (n >= 1); with
 * persist, every later one fails too, as on a disk that went away.
 */
void nkt_fault_arm(unsigned long n, bool persist);

/* Stop failing and counting; the counts stay readable. */
void nkt_fault_disarm(void);

/* Operations counted, and failures injected, since the last arm. */
unsigned long nkt_fault_calls(void);
unsigned long nkt_fault_fired(void);

#endif /* NK_FAULTVFS_H */
