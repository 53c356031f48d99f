/* lock.h - one writer per calculation file (SPEC §5.4).
 *
 * The lock is FILE.lock beside the file, held with flock(2) for as long
 * as the calculation is open, and holding one line "user host pid time"
 * so that a second process can say who has it (believed only when the lock
 * file belongs to that user; else "locked by uid N").  The kernel drops a flock
 * when its process dies, so a lock file left by a crashed or killed soem
 * never blocks anyone.  The lock file is opened with O_NOFOLLOW: a symlink
 * planted at its path is refused, never followed.
 */
#ifndef SOEM_LOCK_H
#define SOEM_LOCK_H

#include <stdbool.h>

#include "util/err.h"

typedef struct soem_lock {
	int fd;            /* -1 when not held */
	char *path;        /* FILE.lock */
} soem_lock;

typedef struct soem_lock_holder {
	bool known;        /* the note below is believed: the lock file belongs
			      to the user it names (or to us); otherwise
			      only uid is known and the rest is empty */
	long uid;          /* the owner of the lock file */
	char user[64];
	char host[256];
	long pid;
	long long since;   /* seconds since the epoch, 0 if unknown */
} soem_lock_holder;

/* Returned by soem_lock_take when another process holds the lock. */
#define SOEM_LOCK_HELD 100

/* Takes the lock of file.  0: taken (release with soem_lock_release).
 * SOEM_LOCK_HELD: another process has it; *holder says who (as far as the
 * lock file tells).  Otherwise an exit code with a message (for example a
 * read-only directory: SOEM_EX_CANTCREAT) — the caller may then open the
 * file read-only. */
int soem_lock_take(const char *file, soem_lock *lk, soem_lock_holder *holder,
		   soem_err *err);

/* Releases and removes the lock file.  Safe on a lock never taken. */
void soem_lock_release(soem_lock *lk);

#endif
