/* atomic.h - replacing a file so that it is either the old one or the
 * new one, never half of each (SPEC §3.2, §5.4).
 *
 * src/store/ is the operating-system side of keeping files: atomic
 * writes, locks and the configuration files (read by both cli/ and the
 * wizard).  It uses only util/; io/ (the savers), session/ and the
 * programs call down into it.
 */
#ifndef SOEM_ATOMIC_H
#define SOEM_ATOMIC_H

#include <stddef.h>

#include "util/err.h"

/* Writes len bytes of buf to path: a new temporary file in the same
 * directory (opened with O_EXCL|O_NOFOLLOW), fsync, the mode (and, where
 * allowed, the group) of the existing file, rename over path, fsync of the
 * directory.  A new file gets mode 0600 less the umask.  A path that is a
 * symbolic link, or not a regular file, is refused.  Returns 0, or
 * SOEM_EX_CANTCREAT with a message naming the path and the system error;
 * then the old file is untouched and the temporary file removed. */
int soem_atomic_write(const char *path, const void *buf, size_t len,
		      soem_err *err);

#endif
