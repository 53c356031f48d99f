/* autosave.c - see autosave.h */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/atomic.h"
#include "session/autosave.h"
#include "io/calc_io.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* mkdir -p with mode 0700 for what it creates. */
static int make_dirs(const char *path, soem_err *err)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			int e = errno;
			soem_err_set(err, SOEM_EX_CANTCREAT,
				     _("cannot create the directory %s: %s"), p,
				     strerror(e));
			free(p);
			return SOEM_EX_CANTCREAT;
		}
		*s = '/';
	}
	int rc = 0;
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		rc = soem_err_set(err, SOEM_EX_CANTCREAT,
				  _("cannot create the directory %s: %s"), p,
				  strerror(errno));
	free(p);
	return rc;
}

int soem_autosave_dir(char **dir, soem_err *err)
{
	*dir = NULL;
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *d;
	if (xdg && *xdg == '/')
		d = xasprintf("%s/soem/autosave", xdg);
	else if (home && *home == '/')
		d = xasprintf("%s/.local/state/soem/autosave", home);
	else
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("neither XDG_STATE_HOME nor HOME is set: there is nowhere to keep autosaves"));
	int rc = make_dirs(d, err);
	if (rc) {
		free(d);
		return rc;
	}
	struct stat st;
	if (lstat(d, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != geteuid()) {
		soem_err_set(err, SOEM_EX_CANTCREAT,
			     _("%s is not a directory of yours; autosaves are not written there"),
			     d);
		free(d);
		return SOEM_EX_CANTCREAT;
	}
	if ((st.st_mode & 0777) != 0700 && chmod(d, 0700) != 0) {
		soem_err_set(err, SOEM_EX_CANTCREAT,
			     _("cannot make %s private: %s"), d,
			     strerror(errno));
		free(d);
		return SOEM_EX_CANTCREAT;
	}
	*dir = d;
	return 0;
}

char *soem_autosave_path(const char *dir, const char *calc_path,
			 time_t started)
{
	if (!calc_path) {
		char stamp[32];
		struct tm tm;
		localtime_r(&started, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
		return xasprintf("%s/untitled-%s%s", dir, stamp,
				 SOEM_AUTOSAVE_SUFFIX);
	}
	char abs[PATH_MAX];
	const char *src = calc_path;
	if (calc_path[0] != '/') {
		if (getcwd(abs, sizeof abs) &&
		    strlen(abs) + strlen(calc_path) + 2 < sizeof abs) {
			strcat(abs, "/");
			strcat(abs, calc_path);
			src = abs;
		}
	}
	char *name = xstrdup(src);
	for (char *s = name; *s; s++)
		if (*s == '/')
			*s = '%';
	/* a file name has at most NAME_MAX bytes: keep the end, which has
	 * the calculation's own name */
	size_t max = NAME_MAX - strlen(SOEM_AUTOSAVE_SUFFIX);
	size_t len = strlen(name);
	const char *tail = len > max ? name + len - max : name;
	char *p = xasprintf("%s/%s%s", dir, tail, SOEM_AUTOSAVE_SUFFIX);
	free(name);
	return p;
}

int soem_autosave_write(const char *path, const soem_calc *c, soem_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	int rc = soem_calc_write(c, &buf, &len, err);
	if (rc)
		return rc;
	/* atomic write gives a new file 0600 (or stricter) and keeps an
	 * existing autosave's mode, which is ours and 0600 */
	rc = soem_atomic_write(path, buf, len, err);
	free(buf);
	return rc;
}

static char *origin_of(const char *name)
{
	size_t n = strlen(name), s = strlen(SOEM_AUTOSAVE_SUFFIX);
	if (n <= s || strcmp(name + n - s, SOEM_AUTOSAVE_SUFFIX) != 0)
		return NULL;
	if (name[0] != '%')
		return NULL; /* untitled-... */
	char *o = xstrndup(name, n - s);
	for (char *p = o; *p; p++)
		if (*p == '%')
			*p = '/';
	return o;
}

static int newest_first(const void *a, const void *b)
{
	const soem_autosave_entry *x = a, *y = b;
	return (y->when > x->when) - (y->when < x->when);
}

int soem_autosave_list(const char *dir, soem_autosave_entry **v, size_t *n,
		       soem_err *err)
{
	*v = NULL;
	*n = 0;
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 0;
		return soem_err_set(err, SOEM_EX_NOINPUT,
				    _("cannot read %s: %s"), dir,
				    strerror(errno));
	}
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name), s = strlen(SOEM_AUTOSAVE_SUFFIX);
		if (e->d_name[0] == '.' || len <= s ||
		    strcmp(e->d_name + len - s, SOEM_AUTOSAVE_SUFFIX) != 0)
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (lstat(p, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		xgrow((void **)v, &cap, *n + 1, sizeof **v);
		(*v)[*n].path = p;
		(*v)[*n].origin = origin_of(e->d_name);
		(*v)[*n].when = st.st_mtime;
		(*n)++;
	}
	closedir(d);
	if (*n > 1)
		qsort(*v, *n, sizeof **v, newest_first);
	return 0;
}

void soem_autosave_list_free(soem_autosave_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].origin);
	}
	free(v);
}
