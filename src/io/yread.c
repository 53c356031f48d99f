/* yread.c - see yread.h */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/yread.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int yread_fail(yread *r, const ynode *n, const char *path, const char *fmt,
	       ...)
{
	char msg[SOEM_ERR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int line = n ? n->line : 1, col = n ? n->col : 1;
	if (path && *path)
		return soem_err_at(r->err, SOEM_EX_DATAERR, r->file, line, col,
				   "%s: %s", path, msg);
	return soem_err_at(r->err, SOEM_EX_DATAERR, r->file, line, col, "%s",
			   msg);
}

static const char *kind_name(const ynode *n)
{
	return gettext(ynode_kind_name(n));
}

static const char *expected_name(ynode_kind kind)
{
	switch (kind) {
	case YNODE_SCALAR:
		return _("a value");
	case YNODE_SEQ:
		return _("a list");
	case YNODE_MAP:
		return _("a map");
	}
	return "";
}

int yread_expect(yread *r, const ynode *n, const char *path, ynode_kind kind)
{
	if (n && n->kind == kind)
		return 0;
	return yread_fail(r, n, path, _("expected %s, found %s"),
			  expected_name(kind), kind_name(n));
}

int yread_str(yread *r, const ynode *n, const char *path, char **out)
{
	if (!n || n->kind != YNODE_SCALAR)
		return yread_fail(r, n, path, _("expected a text, found %s"),
				  kind_name(n));
	free(*out);
	*out = xstrndup(n->str, n->len);
	return 0;
}

/* Strict decimal syntax: [-+]digits[.digits][e[-+]digits] or .digits */
static bool decimal_syntax(const char *s)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	size_t digits = 0;
	while (*p >= '0' && *p <= '9') {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits++;
		}
	}
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

int yread_double(yread *r, const ynode *n, const char *path, double *out)
{
	if (!n || n->kind != YNODE_SCALAR)
		return yread_fail(r, n, path, _("expected a number, found %s"),
				  kind_name(n));
	if (!n->plain && decimal_syntax(n->str))
		return yread_fail(r, n, path,
				  _("a number must be written without quotes: %.40s"),
				  n->str);
	if (!n->plain || !decimal_syntax(n->str))
		return yread_fail(r, n, path,
				  _("expected a number such as 1234.5, found '%.40s'"),
				  n->str);
	errno = 0;
	char *end;
	double v = strtod(n->str, &end);
	if (*end != '\0' || !isfinite(v) || errno == ERANGE) {
		if (errno == ERANGE && isfinite(v) && fabs(v) < 1.0) {
			/* underflow: a tiny number is as good as 0 */
			*out = v;
			return 0;
		}
		return yread_fail(r, n, path,
				  _("the number '%.40s' is too large"),
				  n->str);
	}
	*out = v;
	return 0;
}

int yread_long(yread *r, const ynode *n, const char *path, long min,
	       long max, long *out)
{
	if (!n || n->kind != YNODE_SCALAR)
		return yread_fail(r, n, path,
				  _("expected a whole number, found %s"),
				  kind_name(n));
	const char *s = n->str;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	bool ok = n->plain && *p;
	for (; ok && *p; p++)
		if (*p < '0' || *p > '9')
			ok = false;
	if (!ok && !n->plain && decimal_syntax(s))
		return yread_fail(r, n, path,
				  _("a number must be written without quotes: %.40s"),
				  s);
	if (!ok)
		return yread_fail(r, n, path,
				  _("expected a whole number, found '%.40s'"),
				  s);
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno == ERANGE || v < min || v > max)
		return yread_fail(r, n, path,
				  _("%.40s is out of range (%ld to %ld)"), s,
				  min, max);
	*out = v;
	return 0;
}

int yread_int(yread *r, const ynode *n, const char *path, int min, int max,
	      int *out)
{
	long v;
	int rc = yread_long(r, n, path, min, max, &v);
	if (!rc)
		*out = (int)v;
	return rc;
}

int yread_bool(yread *r, const ynode *n, const char *path, bool *out)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes",
					   "Yes", "YES", "on", "On", "ON",
					   NULL };
	static const char *const no[] = { "false", "False", "FALSE", "no",
					  "No", "NO", "off", "Off", "OFF",
					  NULL };
	if (n && n->kind == YNODE_SCALAR && n->plain) {
		for (int i = 0; yes[i]; i++)
			if (strcmp(n->str, yes[i]) == 0) {
				*out = true;
				return 0;
			}
		for (int i = 0; no[i]; i++)
			if (strcmp(n->str, no[i]) == 0) {
				*out = false;
				return 0;
			}
	}
	if (n && n->kind == YNODE_SCALAR)
		return yread_fail(r, n, path,
				  _("expected true or false, found '%.40s'"),
				  n->str);
	return yread_fail(r, n, path, _("expected true or false, found %s"),
			  kind_name(n));
}

int yread_num(yread *r, const ynode *n, const char *path, soem_num *out)
{
	if (n && n->kind == YNODE_MAP) {
		char p[YPATH_MAX];
		soem_num v = { 0, 0, 0, true };
		const ynode *val = ynode_map_get(n, "value");
		const ynode *lo = ynode_map_get(n, "low");
		const ynode *hi = ynode_map_get(n, "high");
		for (size_t i = 0; i < n->n; i += 2) {
			const char *k = n->v[i]->str;
			if (strcmp(k, "value") && strcmp(k, "low") &&
			    strcmp(k, "high"))
				return yread_fail(r, n->v[i], path,
						  _("unknown key '%s' (expected value, low and high)"),
						  k);
		}
		if (!val)
			return yread_fail(r, n, path,
					  _("a range needs 'value'"));
		int rc = yread_double(r, val,
				      ypath_key(p, sizeof p, path, "value"),
				      &v.value);
		if (rc)
			return rc;
		v.low = v.high = v.value;
		if (lo && (rc = yread_double(r, lo,
					     ypath_key(p, sizeof p, path, "low"),
					     &v.low)))
			return rc;
		if (hi && (rc = yread_double(r, hi,
					     ypath_key(p, sizeof p, path, "high"),
					     &v.high)))
			return rc;
		if (!(v.low <= v.value && v.value <= v.high))
			return yread_fail(r, n, path,
					  _("low must not be above value and high not below it (low %g, value %g, high %g)"),
					  v.low, v.value, v.high);
		v.ranged = lo || hi;
		*out = v;
		return 0;
	}
	double d;
	int rc = yread_double(r, n, path, &d);
	if (rc)
		return rc;
	*out = soem_num_of(d);
	return 0;
}

int yread_enum(yread *r, const ynode *n, const char *path,
	       const char *const *names, int *out)
{
	if (n && n->kind == YNODE_SCALAR) {
		for (int i = 0; names[i]; i++)
			if (strcmp(n->str, names[i]) == 0) {
				*out = i;
				return 0;
			}
	}
	char list[256] = "";
	size_t off = 0;
	for (int i = 0; names[i] && off < sizeof list; i++)
		off += (size_t)snprintf(list + off, sizeof list - off, "%s%s",
					i ? ", " : "", names[i]);
	if (n && n->kind == YNODE_SCALAR)
		return yread_fail(r, n, path,
				  _("'%.40s' is not one of: %s"), n->str,
				  list);
	return yread_fail(r, n, path, _("expected one of: %s; found %s"), list,
			  kind_name(n));
}

const char *ypath_key(char *buf, size_t size, const char *parent,
		      const char *key)
{
	if (parent && *parent)
		snprintf(buf, size, "%s.%s", parent, key);
	else
		snprintf(buf, size, "%s", key);
	return buf;
}

const char *ypath_index(char *buf, size_t size, const char *parent,
			size_t i)
{
	snprintf(buf, size, "%s[%zu]", parent ? parent : "", i);
	return buf;
}

const char *ypath_id(char *buf, size_t size, const char *parent,
		     const char *id)
{
	snprintf(buf, size, "%s[%s]", parent ? parent : "", id);
	return buf;
}
