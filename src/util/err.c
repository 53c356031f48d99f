/* err.c - see err.h */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/err.h"
#include "util/xalloc.h"
#include <stdlib.h>

static int err_vset(soem_err *err, int code, const char *prefix,
		    const char *fmt, va_list ap)
{
	if (!err || err->code != 0)
		return code;
	err->code = code;
	size_t off = 0;
	if (prefix) {
		snprintf(err->msg, sizeof err->msg, "%s", prefix);
		off = strlen(err->msg);
	}
	vsnprintf(err->msg + off, sizeof err->msg - off, fmt, ap);
	return code;
}

int soem_err_set(soem_err *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(err, code, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int soem_err_at(soem_err *err, int code, const char *file, int line, int col,
		const char *fmt, ...)
{
	char prefix[512];
	snprintf(prefix, sizeof prefix, "%s:%d:%d: ", file ? file : "<input>",
		 line, col);
	va_list ap;
	va_start(ap, fmt);
	err_vset(err, code, prefix, fmt, ap);
	va_end(ap);
	return code;
}

void soem_err_clear(soem_err *err)
{
	if (!err)
		return;
	err->code = 0;
	err->msg[0] = '\0';
}

void soem_warn_add(soem_warnings *w, const char *fmt, ...)
{
	if (!w)
		return;
	char buf[SOEM_ERR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	w->msg = xrealloc(w->msg, (w->n + 1) * sizeof *w->msg);
	w->msg[w->n++] = xstrdup(buf);
}

void soem_warnings_free(soem_warnings *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++)
		free(w->msg[i]);
	free(w->msg);
	w->msg = NULL;
	w->n = 0;
}
