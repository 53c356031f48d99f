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
#include "store/datadir.h"
#include "session/autosave.h"
#include "io/calc_io.h"
#include "util/i18n.h"
#include "util/hash.h"
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
	char *d = soem_xdg_path("XDG_STATE_HOME", ".local/state",
				"soem/autosave");
	/* autosaves are made: a relative HOME is no place for them */
	if (!d || d[0] != '/') {
		free(d);
		return soem_err_set(err, SOEM_EX_CANTCREAT,
				    _("neither XDG_STATE_HOME nor HOME is set: there is nowhere to keep autosaves"));
	}
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

/* 64-bit FNV-1a: spreads the absolute path over the name.  Not a proof
 * against collisions; the path stored inside the file is (see
 * soem_autosave_origin). */
static unsigned long long fnv1a(const char *s)
{
	return soem_fnv1a(s, strlen(s));
}

char *soem_autosave_abs(const char *calc_path)
{
	char buf[PATH_MAX];
	if (calc_path[0] == '/')
		return xstrdup(calc_path);
	if (realpath(calc_path, buf))
		return xstrdup(buf);
	if (getcwd(buf, sizeof buf))
		return xasprintf("%s/%s", buf, calc_path);
	return xstrdup(calc_path);
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
	char *abs = soem_autosave_abs(calc_path);
	const char *slash = strrchr(abs, '/');
	const char *base = slash ? slash + 1 : abs;
	/* the calculation's own name, for a reader of the folder: cut to
	 * fit NAME_MAX, on a UTF-8 character's boundary */
	size_t max = NAME_MAX - strlen(SOEM_AUTOSAVE_SUFFIX) - 17;
	size_t len = strlen(base);
	if (len > max) {
		len = max;
		while (len > 0 && ((unsigned char)base[len] & 0xc0) == 0x80)
			len--;
	}
	char *p = xasprintf("%s/%016llx-%.*s%s", dir, fnv1a(abs), (int)len,
			    base, SOEM_AUTOSAVE_SUFFIX);
	free(abs);
	return p;
}

#define ORIGIN_TAG "# soem autosave of: "
#define ORIGIN_MAX (PATH_MAX * 3 + 64)

int soem_autosave_write(const char *path, const soem_calc *c,
			const char *origin, soem_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	int rc = soem_calc_write(c, &buf, &len, err);
	if (rc)
		return rc;
	/* the first line names the calculation's file, every byte that is
	 * not printable (and '%') as %XX: a YAML comment, so the file still
	 * opens as an ordinary calculation */
	size_t cap = strlen(ORIGIN_TAG) + (origin ? strlen(origin) * 3 : 0) +
		     2 + len;
	char *all = xmalloc(cap);
	size_t o = 0;
	if (origin) {
		static const char hex[] = "0123456789ABCDEF";
		memcpy(all, ORIGIN_TAG, strlen(ORIGIN_TAG));
		o = strlen(ORIGIN_TAG);
		for (const unsigned char *s = (const unsigned char *)origin; *s;
		     s++) {
			if (*s < 0x20 || *s == 0x7f || *s == '%') {
				all[o++] = '%';
				all[o++] = hex[*s >> 4];
				all[o++] = hex[*s & 15];
			} else {
				all[o++] = (char)*s;
			}
		}
		all[o++] = '\n';
	}
	memcpy(all + o, buf, len);
	o += len;
	free(buf);
	/* atomic write gives a new file 0600 (or stricter) and keeps an
	 * existing autosave's mode, which is ours and 0600 */
	rc = soem_atomic_write(path, all, o, err);
	free(all);
	return rc;
}

static int unhex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *soem_autosave_origin(const char *path)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return NULL;
	char *line = xmalloc(ORIGIN_MAX);
	char *o = NULL;
	if (fgets(line, ORIGIN_MAX, f) &&
	    strncmp(line, ORIGIN_TAG, strlen(ORIGIN_TAG)) == 0 &&
	    strchr(line, '\n')) {
		const char *s = line + strlen(ORIGIN_TAG);
		o = xmalloc(strlen(s) + 1);
		size_t n = 0;
		for (; *s && *s != '\n'; s++) {
			if (*s != '%') {
				o[n++] = *s;
				continue;
			}
			int a = unhex(s[1]), b = a < 0 ? -1 : unhex(s[2]);
			if (b < 0 || (a == 0 && b == 0)) {
				n = 0;
				break;
			}
			o[n++] = (char)(a * 16 + b);
			s += 2;
		}
		o[n] = '\0';
		if (o[0] != '/') {
			free(o);
			o = NULL;
		}
	}
	free(line);
	fclose(f);
	return o;
}

/* Whether d is a directory that belongs to this user. */
static bool own_dir(const char *d)
{
	struct stat st;
	return d && *d && stat(d, &st) == 0 && S_ISDIR(st.st_mode) &&
	       st.st_uid == geteuid();
}

int soem_autosave_fallback(const char *calc_path, const soem_calc *c,
			   time_t when, char **out, soem_err *err)
{
	*out = NULL;
	char *origin = calc_path ? soem_autosave_abs(calc_path) : NULL;
	char *dirs[2] = { NULL, NULL };
	char *name;
	if (origin) {
		const char *slash = strrchr(origin, '/');
		dirs[0] = slash == origin ? xstrdup("/")
					  : xstrndup(origin,
						     (size_t)(slash - origin));
		const char *base = slash + 1;
		size_t n = strlen(base);
		if (n > 10 && strcmp(base + n - 10, ".soem.yaml") == 0)
			n -= 10;
		if (n > 100)
			n = 100;
		while (n > 0 && ((unsigned char)base[n] & 0xc0) == 0x80)
			n--;
		name = n ? xstrndup(base, n) : xstrdup("untitled");
	} else {
		name = xstrdup("untitled");
	}
	const char *home = getenv("HOME");
	if (home && *home == '/')
		dirs[1] = xstrdup(home);
	char stamp[32];
	struct tm tm;
	localtime_r(&when, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	int rc = soem_err_set(err, SOEM_EX_CANTCREAT, "%s",
			      _("neither the calculation's folder nor your home folder is a folder of yours"));
	for (int d = 0; d < 2 && !*out; d++) {
		if (!own_dir(dirs[d]))
			continue;
		for (int i = 0; i < 100; i++) {
			char *p = i ? xasprintf("%s/%s.emergency-%s-%d.soem.yaml",
						dirs[d], name, stamp, i)
				    : xasprintf("%s/%s.emergency-%s.soem.yaml",
						dirs[d], name, stamp);
			struct stat st;
			if (lstat(p, &st) == 0) {
				free(p);
				continue;
			}
			soem_err e = { 0 };
			if (soem_autosave_write(p, c, origin, &e) == 0) {
				*out = p;
				rc = 0;
			} else {
				free(p);
				soem_err_clear(err);
				rc = soem_err_set(err, e.code, "%s", e.msg);
			}
			break;
		}
	}
	free(dirs[0]);
	free(dirs[1]);
	free(name);
	free(origin);
	return rc;
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
		/* what the file says, never what its name suggests */
		(*v)[*n].origin = soem_autosave_origin(p);
		/* named "%dir%file" by older versions of soem: '/' and '%' were
		 * both '%', so the name cannot say which file it was */
		(*v)[*n].legacy = e->d_name[0] == '%';
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
