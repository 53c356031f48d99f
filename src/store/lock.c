/* lock.c - see lock.h */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/lock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The lock file's note is believed only when the file belongs to the
 * user it names, or to us: anyone may write a note into a lock file in a
 * world-writable folder.  Otherwise only its owner's uid is known. */
static void read_holder(int fd, soem_lock_holder *h)
{
	memset(h, 0, sizeof *h);
	struct stat st;
	if (fstat(fd, &st) != 0)
		return;
	h->uid = (long)st.st_uid;
	char buf[512];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	if (n <= 0)
		return;
	buf[n] = '\0';
	char user[64], host[256];
	long pid;
	long long since;
	if (sscanf(buf, "%63s %255s %ld %lld", user, host, &pid, &since) == 4) {
		const struct passwd *pw = getpwnam(user);
		if (st.st_uid != geteuid() && !(pw && pw->pw_uid == st.st_uid))
			return;
		h->known = true;
		snprintf(h->user, sizeof h->user, "%s", user);
		snprintf(h->host, sizeof h->host, "%s", host);
		h->pid = pid;
		h->since = since;
	}
}

static void write_holder(int fd)
{
	char host[256] = "?";
	const struct passwd *pw = getpwuid(geteuid());
	gethostname(host, sizeof host - 1);
	host[sizeof host - 1] = '\0';
	char line[512];
	int n = snprintf(line, sizeof line, "%s %s %ld %lld\n",
			 pw && pw->pw_name ? pw->pw_name : "?", host,
			 (long)getpid(), (long long)time(NULL));
	if (ftruncate(fd, 0) == 0 && n > 0)
		(void)!pwrite(fd, line, (size_t)n, 0);
}

/* The lock file's mode follows the calculation's, so that whoever may
 * read the file may also see who has it open; 0600 for a new file. */
static mode_t lock_mode(const char *file)
{
	struct stat st;
	if (stat(file, &st) == 0)
		return st.st_mode & 0666;
	return 0600;
}

int soem_lock_take(const char *file, soem_lock *lk, soem_lock_holder *holder,
		   soem_err *err)
{
	lk->fd = -1;
	lk->path = xasprintf("%s.lock", file);
	for (int attempt = 0; attempt < 5; attempt++) {
		int fd = open(lk->path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
					       O_NOCTTY,
			      lock_mode(file));
		if (fd < 0) {
			int e = errno;
			int code = e == ELOOP ? SOEM_EX_DATAERR
					      : SOEM_EX_CANTCREAT;
			soem_err_set(err, code,
				     e == ELOOP
					     ? _("%s is a symbolic link; soem does not follow it")
					     : _("cannot create the lock file %s: %s"),
				     lk->path, strerror(e));
			free(lk->path);
			lk->path = NULL;
			return code;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
			int e = errno;
			if (e == EWOULDBLOCK) {
				if (holder)
					read_holder(fd, holder);
				close(fd);
				free(lk->path);
				lk->path = NULL;
				return SOEM_LOCK_HELD;
			}
			close(fd);
			soem_err_set(err, SOEM_EX_IOERR,
				     _("cannot lock %s: %s"), lk->path,
				     strerror(e));
			free(lk->path);
			lk->path = NULL;
			return SOEM_EX_IOERR;
		}
		/* The holder before us may have removed the file between our
		 * open and our flock: then our lock is on a file nobody else
		 * will open.  Start again. */
		struct stat a, b;
		if (fstat(fd, &a) == 0 && lstat(lk->path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			write_holder(fd);
			lk->fd = fd;
			return 0;
		}
		close(fd);
	}
	soem_err_set(err, SOEM_EX_IOERR, _("cannot lock %s: it keeps changing"),
		     lk->path);
	free(lk->path);
	lk->path = NULL;
	return SOEM_EX_IOERR;
}

void soem_lock_release(soem_lock *lk)
{
	if (!lk)
		return;
	if (lk->fd >= 0) {
		/* remove while still holding it, so nobody takes a lock on a
		 * file that is about to vanish (see the inode check above) */
		unlink(lk->path);
		close(lk->fd);
	}
	lk->fd = -1;
	free(lk->path);
	lk->path = NULL;
}
