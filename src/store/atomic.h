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
#include <sys/stat.h>
#include <sys/types.h>

#include "util/err.h"

enum soem_replace {
	SOEM_REPLACE_OK = 0,
	SOEM_REPLACE_NOT_YOURS,  /* another user owns the file */
	SOEM_REPLACE_PROTECTED,  /* the owner's write bit is off (0444) */
};

/* Whether this user may replace the existing file st describes: it must
 * be the user's own (root included: replacing would take the file from
 * its owner) and have its owner's write bit.  Mode bits and owner, not
 * access(2), which always says yes to root. */
int soem_atomic_replaceable(const struct stat *st);

/* The name of user uid, or the number when it has none; in buf. */
const char *soem_atomic_user(uid_t uid, char *buf, size_t n);

/* The name of group gid, or the number when it has none; in buf. */
const char *soem_atomic_group(gid_t gid, char *buf, size_t n);

/* Makes this user's regular file at path (not a link) belong to group
 * gid and have mode (a copy handed in to a trainer's group).  Returns 0
 * or SOEM_EX_CANTCREAT with a message. */
int soem_atomic_share(const char *path, gid_t gid, mode_t mode,
		      soem_err *err);

/* Writes len bytes of buf to path: a new temporary file in the same
 * directory (opened with O_EXCL|O_NOFOLLOW, mode 0600 while it is
 * written), fsync, then the mode (and, where allowed, the group) of the
 * existing file, rename over path, fsync of the directory.  A new file
 * gets mode 0600 less the umask.  A path that is a symbolic link, not a
 * regular file, another user's file or write-protected (see
 * soem_atomic_replaceable) is refused before anything is written.  After
 * a save, temporary files of ours that a killed save left in the folder
 * (".NAME.tmpXXXXXX", this user's, a day old, not locked) are removed.
 * Returns 0, or
 * SOEM_EX_CANTCREAT with a message naming the path and the system error;
 * then the old file is untouched and the temporary file removed. */
int soem_atomic_write(const char *path, const void *buf, size_t len,
		      soem_err *err);

#endif
