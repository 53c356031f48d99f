/* atomic.c - see atomic.h */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/atomic.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define TMP_TRIES 100
#define TMP_BASE_MAX 200   /* keep the temporary name under NAME_MAX */
#define TMP_STALE_SECS (24 * 60 * 60) /* a temporary file older than this
					 is left from a killed save */

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

int soem_atomic_replaceable(const struct stat *st)
{
	if (st->st_uid != geteuid())
		return SOEM_REPLACE_NOT_YOURS;
	if (!(st->st_mode & S_IWUSR))
		return SOEM_REPLACE_PROTECTED;
	return SOEM_REPLACE_OK;
}

const char *soem_atomic_user(uid_t uid, char *buf, size_t n)
{
	const struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(buf, n, "%s", pw->pw_name);
	else
		snprintf(buf, n, "%ld", (long)uid);
	return buf;
}

const char *soem_atomic_group(gid_t gid, char *buf, size_t n)
{
	const struct group *gr = getgrgid(gid);
	if (gr && gr->gr_name && *gr->gr_name)
		snprintf(buf, n, "%s", gr->gr_name);
	else
		snprintf(buf, n, "%ld", (long)gid);
	return buf;
}

int soem_atomic_share(const char *path, gid_t gid, mode_t mode,
		      soem_err *err)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY |
				    O_NONBLOCK);
	struct stat st;
	char g[64];
	if (fd < 0)
		return soem_err_set(err, SOEM_EX_CANTCREAT, _("%s: %s"), path,
				    strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid()) {
		close(fd);
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("%s: not a file of yours"), path);
	}
	if (st.st_gid != gid && fchown(fd, (uid_t)-1, gid) != 0) {
		int e = errno;
		close(fd);
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("%s: cannot give it to the group %s: %s"),
				    path, soem_atomic_group(gid, g, sizeof g),
				    strerror(e));
	}
	if (fchmod(fd, mode) != 0) {
		int e = errno;
		close(fd);
		return soem_err_set(err, SOEM_EX_CANTCREAT, _("%s: %s"), path,
				    strerror(e));
	}
	close(fd);
	return 0;
}

/* Whether name is ".X.tmpSSSSSS" (S a letter or digit): a temporary file
 * of ours, as made below. */
static bool is_tmp_name(const char *name)
{
	size_t n = strlen(name);
	if (n < 1 + 1 + 1 + 3 + 6 || name[0] != '.')
		return false;
	const char *s = name + n - 6;
	for (int i = 0; i < 6; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')))
			return false;
	}
	return memcmp(s - 4, ".tmp", 4) == 0;
}

/* Removes the temporary files a killed save left in dir: named as ours,
 * regular, of this user, unchanged for a day, with one link and no
 * lock on them.  Anything else is left alone. */
static void remove_stale(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return;
	DIR *d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return;
	}
	time_t now = time(NULL);
	const struct dirent *e;
	while ((e = readdir(d))) {
		if (!is_tmp_name(e->d_name))
			continue;
		struct stat st;
		if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
		    st.st_nlink != 1 || now - st.st_mtime < TMP_STALE_SECS)
			continue;
		int fd = openat(dfd, e->d_name,
				O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		struct stat fst;
		if (fstat(fd, &fst) == 0 && fst.st_dev == st.st_dev &&
		    fst.st_ino == st.st_ino &&
		    flock(fd, LOCK_EX | LOCK_NB) == 0)
			(void)unlinkat(dfd, e->d_name, 0);
		close(fd);
	}
	closedir(d);
}

/* The message for a file that is there and may not be replaced. */
static int refuse(soem_err *err, const char *path, const struct stat *st,
		  int why)
{
	if (why == SOEM_REPLACE_NOT_YOURS) {
		char who[64];
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("%s: cannot save: the file belongs to %s (uid %ld), and saving would replace it with a file of yours; save under another name"),
				    path, soem_atomic_user(st->st_uid, who,
							   sizeof who),
				    (long)st->st_uid);
	}
	return soem_err_set(err, SOEM_EX_CANTCREAT,
			    _("%s: cannot save: the file is write-protected (mode %03o); save under another name, or make it writable first"),
			    path, (unsigned)(st->st_mode & 0777));
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
		/* before anything is written: another user's file is not
		 * replaced by one of ours (even by root, which would take the
		 * file from its owner), nor a write-protected one */
		int why = soem_atomic_replaceable(&st);
		if (why != SOEM_REPLACE_OK)
			return refuse(err, path, &st, why);
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
	/* the group of a shared folder stays; failing is harmless.  The
	 * file is 0600 while it is written, so the group cannot read it
	 * before it is complete and in place. */
	if (exists && st.st_gid != getegid())
		(void)!fchown(fd, (uid_t)-1, st.st_gid);
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
	if (!rc && exists) {
		/* only now, and only when the file there is still one of
		 * ours that may be replaced, its mode: another user's file
		 * planted meanwhile is not replaced either */
		struct stat now;
		int why;
		if (lstat(path, &now) == 0 && S_ISREG(now.st_mode) &&
		    (why = soem_atomic_replaceable(&now)) != SOEM_REPLACE_OK)
			rc = refuse(err, path, &now, why);
		else if (fchmod(fd, st.st_mode & 0777) != 0)
			rc = write_failed(err, path, errno);
	}
	if (close(fd) != 0 && !rc)
		rc = write_failed(err, path, errno);
	if (!rc && rename(tmp, path) != 0)
		rc = write_failed(err, path, errno);
	if (rc)
		unlink(tmp);
	else {
		fsync_dir(dir);
		remove_stale(dir);
	}
	free(tmp);
	free(dir);
	return rc;
}
