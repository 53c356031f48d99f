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
	static char kb[4096], examples[4096];
	char *buf = strcmp(sub, "kb") == 0 ? kb : examples;
	const char *env = getenv("SOEM_DATADIR");
	if (env && *env) {
		snprintf(buf, sizeof kb, "%s/%s", env, sub);
		return buf;
	}
	snprintf(buf, sizeof kb, "%s/%s", PKGDATADIR, sub);
	if (is_dir(buf))
		return buf;
	char src[4096];
	snprintf(src, sizeof src, "%s/share/soem/%s", ABS_SRCDIR, sub);
	if (is_dir(src))
		snprintf(buf, sizeof kb, "%s", src);
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
