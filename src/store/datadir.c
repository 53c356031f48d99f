/* datadir.c - see datadir.h */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/datadir.h"
#include "util/xalloc.h"

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *soem_data_dir(const char *sub)
{
	/* On the heap, not in two 4 kB static buffers: a page of them
	 * written was a page of memory for every user (issue 18). */
	static char *kb, *examples;
	char **keep = strcmp(sub, "kb") == 0 ? &kb : &examples;
	char *buf;
	const char *env = getenv("SOEM_DATADIR");
	if (env && *env) {
		buf = xasprintf("%s/%s", env, sub);
	} else {
		buf = xasprintf("%s/%s", PKGDATADIR, sub);
		if (!is_dir(buf)) {
			char *src = xasprintf("%s/share/soem/%s", ABS_SRCDIR,
					      sub);
			if (is_dir(src)) {
				free(buf);
				buf = src;
			} else {
				free(src);
			}
		}
	}
	free(*keep);
	*keep = buf;
	return buf;
}

char *soem_xdg_path(const char *var, const char *def, const char *sub)
{
	const char *xdg = getenv(var);
	const char *home = getenv("HOME");
	const char *sep = sub ? "/" : "";
	if (!sub)
		sub = "";
	if (xdg && *xdg == '/')
		return xasprintf("%s%s%s", xdg, sep, sub);
	if (home && *home)
		return xasprintf("%s/%s%s%s", home, def, sep, sub);
	return NULL;
}
