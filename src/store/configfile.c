/* configfile.c - see configfile.h */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <iniparser.h>

#include "store/configfile.h"
#include "store/datadir.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* iniparser reports through one global callback: collect its words. */
static char ini_msg[512];

static int ini_error(const char *fmt, ...)
{
	size_t len = strlen(ini_msg);
	va_list ap;
	va_start(ap, fmt);
	if (len < sizeof ini_msg - 1)
		vsnprintf(ini_msg + len, sizeof ini_msg - len, fmt, ap);
	va_end(ap);
	return 0;
}

/* "iniparser: syntax error in FILE (LINE):\n-> text" -> LINE, or 0 */
static int ini_error_line(void)
{
	const char *p = strrchr(ini_msg, '(');
	return p ? atoi(p + 1) : 0;
}

static void free_list(char ***v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

static void set_kb_path(soem_config *cfg, const char *s)
{
	free_list(&cfg->kb_path, &cfg->nkb_path);
	const char *p = s;
	while (*p) {
		const char *e = strchr(p, ':');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n) {
			cfg->kb_path = xrealloc(cfg->kb_path,
						(cfg->nkb_path + 1) *
							sizeof *cfg->kb_path);
			cfg->kb_path[cfg->nkb_path++] = xstrndup(p, n);
		}
		p += n;
		if (*p == ':')
			p++;
	}
}

static void take_tristate(const dictionary *d, const char *key,
			  const char *file, const char *yes, const char *no,
			  enum soem_tristate *out, soem_warnings *warn)
{
	const char *v = iniparser_getstring(d, key, NULL);
	if (!v)
		return;
	if (strcasecmp(v, "auto") == 0)
		*out = SOEM_AUTO;
	else if (strcasecmp(v, yes) == 0)
		*out = SOEM_YES;
	else if (strcasecmp(v, no) == 0)
		*out = SOEM_NO;
	else
		soem_warn_add(warn,
			      _("%s: %s = %s is not auto, %s or %s; it is ignored"),
			      file, key, v, yes, no);
}

static void apply(soem_config *cfg, const dictionary *d, const char *file,
		  soem_warnings *warn)
{
	const char *v = iniparser_getstring(d, "general:language", NULL);
	if (v) {
		if (strcmp(v, "da") == 0 || strcmp(v, "sv") == 0 ||
		    strcmp(v, "en") == 0) {
			free(cfg->language);
			cfg->language = xstrdup(v);
		} else {
			soem_warn_add(warn,
				      _("%s: general:language = %s is not da, sv or en; it is ignored"),
				      file, v);
		}
	}
	v = iniparser_getstring(d, "general:profile", NULL);
	if (v && *v) {
		free(cfg->profile);
		cfg->profile = xstrdup(v);
	}
	v = iniparser_getstring(d, "general:kb_path", NULL);
	if (v)
		set_kb_path(cfg, v);
	take_tristate(d, "display:color", file, "always", "never", &cfg->color,
		      warn);
	take_tristate(d, "display:ascii", file, "yes", "no", &cfg->ascii,
		      warn);
	v = iniparser_getstring(d, "course:handin", NULL);
	if (v) {
		free(cfg->handin);
		cfg->handin = *v ? xstrdup(v) : NULL;
	}
	v = iniparser_getstring(d, "autosave:interval", NULL);
	if (v) {
		char *end;
		errno = 0;
		long n = strtol(v, &end, 10);
		if (*v && *end == '\0' && errno == 0 && n >= 0 && n <= 86400)
			cfg->autosave_interval = n;
		else
			soem_warn_add(warn,
				      _("%s: autosave:interval = %s is not a number of seconds from 0 to 86400; it is ignored"),
				      file, v);
	}
}

/* Reads one file; a missing optional file is skipped.  The file is
 * opened once, without waiting (a FIFO would block open()), checked to be
 * a regular file of at most SOEM_CONFIG_MAX bytes, and that same open file
 * is what iniparser reads (through /proc/self/fd where there is one):
 * iniparser's time grows faster than the number of keys, and 200 000 of
 * them took over 10 s. */
static int read_file(soem_config *cfg, const char *path, bool required,
		     soem_warnings *warn, soem_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (!required && errno == ENOENT)
			return 0;
		if (!required) {
			soem_warn_add(warn,
				      _("%s: cannot be read; the whole file is ignored"),
				      path);
			return 0;
		}
		return soem_err_set(err, SOEM_EX_NOINPUT,
				    _("%s: cannot open: %s"), path,
				    strerror(errno));
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		if (!required) {
			soem_warn_add(warn,
				      _("%s: not a regular file; it is ignored"),
				      path);
			return 0;
		}
		return soem_err_set(err, SOEM_EX_NOINPUT,
				    _("%s: not a regular file"), path);
	}
	if (st.st_size > SOEM_CONFIG_MAX) {
		close(fd);
		soem_warn_add(warn,
			      _("%s: larger than %d KiB; the whole file is ignored"),
			      path, SOEM_CONFIG_MAX / 1024);
		return 0;
	}
	char fdpath[64];
	snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
	const char *load = access(fdpath, R_OK) == 0 ? fdpath : path;
	ini_msg[0] = '\0';
	iniparser_set_error_callback(ini_error);
	dictionary *d = iniparser_load(load);
	close(fd);
	if (!d) {
		int line = ini_error_line();
		if (line > 0)
			soem_warn_add(warn,
				      _("%s:%d: syntax error; the whole file is ignored"),
				      path, line);
		else
			soem_warn_add(warn,
				      _("%s: cannot be read; the whole file is ignored"),
				      path);
		return 0;
	}
	apply(cfg, d, path, warn);
	iniparser_freedict(d);
	cfg->files = xrealloc(cfg->files, (cfg->nfiles + 1) * sizeof *cfg->files);
	cfg->files[cfg->nfiles++] = xstrdup(path);
	return 0;
}

int soem_config_load(soem_config *cfg, const char *system_dir,
		     const char *explicit_file, soem_warnings *warn,
		     soem_err *err)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->autosave_interval = SOEM_AUTOSAVE_DEFAULT;
	char *path;
	if (system_dir && *system_dir) {
		path = xasprintf("%s/soem.ini", system_dir);
		read_file(cfg, path, false, warn, err);
		free(path);
	}
	path = soem_xdg_path("XDG_CONFIG_HOME", ".config", "soem/soem.ini");
	if (path) {
		read_file(cfg, path, false, warn, err);
		free(path);
	}
	if (explicit_file)
		return read_file(cfg, explicit_file, true, warn, err);
	return 0;
}

void soem_config_free(soem_config *cfg)
{
	free(cfg->language);
	free(cfg->profile);
	free(cfg->handin);
	free_list(&cfg->kb_path, &cfg->nkb_path);
	free_list(&cfg->files, &cfg->nfiles);
	memset(cfg, 0, sizeof *cfg);
}
