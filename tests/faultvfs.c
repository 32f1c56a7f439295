/*
 * faultvfs.c - the "nkfault" test VFS (faultvfs.h): every file is the
 * default VFS's file wrapped so that reads, writes, truncations and
 * syncs pass a counter that can fail them.  Everything else, locks and
 * the WAL index included, goes straight to the default VFS.
 */
#include <sqlite3.h>
#include <string.h>

#include "faultvfs.h"

/* The wrapped file lives right after ours in the memory SQLite gives. */
typedef struct fault_file {
	sqlite3_file base;
	sqlite3_file *real;
} fault_file;

static struct {
	bool armed, persist;
	unsigned long n, calls, fired;
} fault;

static sqlite3_vfs *root;

void nkt_fault_arm(unsigned long n, bool persist)
{
	fault.armed = true;
	fault.persist = persist;
	fault.n = n;
	fault.calls = 0;
	fault.fired = 0;
}

void nkt_fault_disarm(void)
{
	fault.armed = false;
}

unsigned long nkt_fault_calls(void)
{
	return fault.calls;
}

unsigned long nkt_fault_fired(void)
{
	return fault.fired;
}

/* Count one operation; true when it is to fail. */
static bool fail_now(void)
{
	if (!fault.armed)
		return false;
	fault.calls++;
	const bool fail = fault.calls == fault.n ||
			  (fault.persist && fault.calls > fault.n);
	fault.fired += fail;
	return fail;
}

static sqlite3_file *real(sqlite3_file *f)
{
	return ((fault_file *)f)->real;
}

/* ---------------------------------------------------------------- */
/* Files: the four counted operations, the rest passed through        */
/* ---------------------------------------------------------------- */

static int f_close(sqlite3_file *f)
{
	return real(f)->pMethods->xClose(real(f));
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	if (fail_now())
		return SQLITE_IOERR_READ;
	return real(f)->pMethods->xRead(real(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n,
		   sqlite3_int64 off)
{
	if (fail_now())
		return SQLITE_IOERR_WRITE;
	return real(f)->pMethods->xWrite(real(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	if (fail_now())
		return SQLITE_IOERR_TRUNCATE;
	return real(f)->pMethods->xTruncate(real(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
	if (fail_now())
		return SQLITE_IOERR_FSYNC;
	return real(f)->pMethods->xSync(real(f), flags);
}

static int f_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return real(f)->pMethods->xFileSize(real(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
	return real(f)->pMethods->xLock(real(f), level);
}

static int f_unlock(sqlite3_file *f, int level)
{
	return real(f)->pMethods->xUnlock(real(f), level);
}

static int f_check_reserved(sqlite3_file *f, int *out)
{
	return real(f)->pMethods->xCheckReservedLock(real(f), out);
}

static int f_file_control(sqlite3_file *f, int op, void *arg)
{
	return real(f)->pMethods->xFileControl(real(f), op, arg);
}

static int f_sector_size(sqlite3_file *f)
{
	return real(f)->pMethods->xSectorSize(real(f));
}

static int f_device(sqlite3_file *f)
{
	return real(f)->pMethods->xDeviceCharacteristics(real(f));
}

static int f_shm_map(sqlite3_file *f, int region, int size, int extend,
		     void volatile **pp)
{
	return real(f)->pMethods->xShmMap(real(f), region, size, extend, pp);
}

static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
	real(f)->pMethods->xShmBarrier(real(f));
}

static int f_shm_unmap(sqlite3_file *f, int delete_flag)
{
	return real(f)->pMethods->xShmUnmap(real(f), delete_flag);
}

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
	return real(f)->pMethods->xFetch(real(f), off, n, pp);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return real(f)->pMethods->xUnfetch(real(f), off, p);
}

/* Version 3, as the unix VFS's own: WAL (xShm*) and mmap (xFetch). */
static const sqlite3_io_methods fault_methods = {
	.iVersion = 3,
	.xClose = f_close,
	.xRead = f_read,
	.xWrite = f_write,
	.xTruncate = f_truncate,
	.xSync = f_sync,
	.xFileSize = f_file_size,
	.xLock = f_lock,
	.xUnlock = f_unlock,
	.xCheckReservedLock = f_check_reserved,
	.xFileControl = f_file_control,
	.xSectorSize = f_sector_size,
	.xDeviceCharacteristics = f_device,
	.xShmMap = f_shm_map,
	.xShmLock = f_shm_lock,
	.xShmBarrier = f_shm_barrier,
	.xShmUnmap = f_shm_unmap,
	.xFetch = f_fetch,
	.xUnfetch = f_unfetch,
};

/* ---------------------------------------------------------------- */
/* The VFS: opening wraps, the rest is the default VFS's              */
/* ---------------------------------------------------------------- */

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f,
		  int flags, int *out_flags)
{
	fault_file *ff = (fault_file *)f;
	ff->base.pMethods = NULL;
	ff->real = (sqlite3_file *)(ff + 1);
	const int rc = root->xOpen(root, name, ff->real, flags, out_flags);
	if (rc != SQLITE_OK) {
		/* SQLite will not close what it did not get open. */
		if (ff->real->pMethods)
			ff->real->pMethods->xClose(ff->real);
		return rc;
	}
	if (ff->real->pMethods->iVersion < fault_methods.iVersion) {
		ff->real->pMethods->xClose(ff->real);
		return SQLITE_CANTOPEN;
	}
	ff->base.pMethods = &fault_methods;
	return SQLITE_OK;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	return root->xDelete(root, name, sync_dir);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	return root->xAccess(root, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n,
			   char *out)
{
	return root->xFullPathname(root, name, n, out);
}

static void *v_dl_open(sqlite3_vfs *vfs, const char *name)
{
	return root->xDlOpen(root, name);
}

static void v_dl_error(sqlite3_vfs *vfs, int n, char *msg)
{
	root->xDlError(root, n, msg);
}

static void (*v_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	return root->xDlSym(root, h, sym);
}

static void v_dl_close(sqlite3_vfs *vfs, void *h)
{
	root->xDlClose(root, h);
}

static int v_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	return root->xRandomness(root, n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us)
{
	return root->xSleep(root, us);
}

static int v_current_time(sqlite3_vfs *vfs, double *out)
{
	return root->xCurrentTime(root, out);
}

static int v_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
	return root->xGetLastError(root, n, msg);
}

static int v_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	return root->xCurrentTimeInt64(root, out);
}

static sqlite3_vfs fault_vfs = {
	.iVersion = 2,
	.zName = NKT_FAULT_VFS,
	.xOpen = v_open,
	.xDelete = v_delete,
	.xAccess = v_access,
	.xFullPathname = v_full_pathname,
	.xDlOpen = v_dl_open,
	.xDlError = v_dl_error,
	.xDlSym = v_dl_sym,
	.xDlClose = v_dl_close,
	.xRandomness = v_randomness,
	.xSleep = v_sleep,
	.xCurrentTime = v_current_time,
	.xGetLastError = v_last_error,
	.xCurrentTimeInt64 = v_current_time64,
};

int nkt_faultvfs_register(void)
{
	if (root)
		return SQLITE_OK;
	sqlite3_vfs *def = sqlite3_vfs_find(NULL);
	if (!def || def->iVersion < fault_vfs.iVersion)
		return SQLITE_ERROR;
	fault_vfs.szOsFile = (int)sizeof(fault_file) + def->szOsFile;
	fault_vfs.mxPathname = def->mxPathname;
	root = def;
	return sqlite3_vfs_register(&fault_vfs, 0);
}
