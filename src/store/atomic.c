/* atomic.c - see atomic.h */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/atomic.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define TMP_TRIES 100
#define TMP_BASE_MAX 200   /* keep the temporary name under NAME_MAX */

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Six letters or digits; unpredictable enough, and O_EXCL makes a clash
 * harmless. */
static void tmp_suffix(char *out)
{
	static const char set[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static uint64_t counter;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t s = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
		     ((uint64_t)getpid() << 40) ^ ++counter;
	uint64_t r = splitmix(&s);
	for (int i = 0; i < 6; i++) {
		out[i] = set[r % (sizeof set - 1)];
		r /= sizeof set - 1;
	}
	out[6] = '\0';
}

/* Why a write failed, in words a caseworker understands. */
static int write_failed(soem_err *err, const char *path, int e)
{
	if (e == ENOSPC)
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("%s: cannot save: the disk is full (%s); the old file is unchanged"),
				    path, strerror(e));
#ifdef EDQUOT
	if (e == EDQUOT)
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("%s: cannot save: your disk quota is used up (%s); the old file is unchanged"),
				    path, strerror(e));
#endif
	return soem_err_set(err, SOEM_EX_CANTCREAT,
			    _("%s: cannot save: %s; the old file is unchanged"),
			    path, strerror(e));
}

static void fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	/* Some file systems refuse fsync on a directory (EINVAL); the data
	 * itself is already on disk, so this is not worth an error. */
	(void)fsync(fd);
	close(fd);
}

int soem_atomic_write(const char *path, const void *buf, size_t len,
		      soem_err *err)
{
	struct stat st;
	bool exists = false;

	if (!path || !*path)
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("cannot save: no file name given"));
	size_t plen = strlen(path);
	if (path[plen - 1] == '/')
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("%s: cannot save: this names a folder, not a file"),
				    path);
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return soem_err_set(err, SOEM_EX_CANTCREAT,
					    _("%s: cannot save: it is a symbolic link, and soem does not write through links (save under another name)"),
					    path);
		if (!S_ISREG(st.st_mode))
			return soem_err_set(err, SOEM_EX_CANTCREAT,
					    _("%s: cannot save: it is not a regular file"),
					    path);
		exists = true;
	} else if (errno != ENOENT) {
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("%s: cannot save: %s"), path,
				    strerror(errno));
	}

	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t dlen = slash == path ? 1 : (size_t)(slash - path);
	char *dir = slash ? xstrndup(path, dlen) : xstrdup(".");
	size_t prefix = (size_t)(base - path);
	size_t blen = strlen(base);
	if (blen > TMP_BASE_MAX)
		blen = TMP_BASE_MAX;

	char *tmp = NULL;
	int fd = -1, e = 0;
	for (int i = 0; i < TMP_TRIES && fd < 0; i++) {
		char sfx[7];
		tmp_suffix(sfx);
		free(tmp);
		tmp = xasprintf("%.*s.%.*s.tmp%s", (int)prefix, path, (int)blen,
				base, sfx);
		fd = open(tmp,
			  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			  0600);
		e = errno;
		if (fd < 0 && e != EEXIST)
			break;
	}
	if (fd < 0) {
		int rc = soem_err_set(err, SOEM_EX_CANTCREAT,
				      _("%s: cannot save: the folder %s cannot be written (%s)"),
				      path, dir, strerror(e));
		free(tmp);
		free(dir);
		return rc;
	}

	int rc = 0;
	if (exists) {
		/* the group of a shared folder stays; failing is harmless */
		if (st.st_gid != getegid())
			(void)!fchown(fd, (uid_t)-1, st.st_gid);
		if (fchmod(fd, st.st_mode & 0777) != 0)
			rc = write_failed(err, path, errno);
	}
	const char *p = buf;
	size_t left = len;
	while (!rc && left > 0) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			rc = write_failed(err, path, errno);
			break;
		}
		p += w;
		left -= (size_t)w;
	}
	if (!rc && fsync(fd) != 0)
		rc = write_failed(err, path, errno);
	if (close(fd) != 0 && !rc)
		rc = write_failed(err, path, errno);
	if (!rc && rename(tmp, path) != 0)
		rc = write_failed(err, path, errno);
	if (rc)
		unlink(tmp);
	else
		fsync_dir(dir);
	free(tmp);
	free(dir);
	return rc;
}
