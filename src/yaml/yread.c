/* yread.c - see yread.h */
#include "config.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml/yread.h"
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
	if (r->prefix && *r->prefix) {
		if (path && *path)
			return soem_err_at(r->err, SOEM_EX_DATAERR, r->file,
					   line, col, "%s.%s: %s", r->prefix,
					   path, msg);
		return soem_err_at(r->err, SOEM_EX_DATAERR, r->file, line, col,
				   "%s: %s", r->prefix, msg);
	}
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

/* The value of s when s has decimal_syntax and is exact to compute
 * without strtod: at most 15 significant digits and a power of ten up to
 * 22, so that the digits and the power are exact doubles and one
 * multiplication or division rounds once, correctly (Clinger 1990).  Most
 * numbers in soem's files are like that; strtod does the rest. */
static bool fast_decimal(const char *s, double *out)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
		1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
		1e21, 1e22,
	};
	const char *p = s;
	bool neg = false;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	uint64_t m = 0;
	int sig = 0, exp10 = 0;
	const char *digits = p;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (m || *p != '0')
			sig++;
		m = m * 10 + (uint64_t)(*p - '0');
		if (sig > 15)
			return false;
	}
	size_t ndigits = (size_t)(p - digits);
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (m || *p != '0')
				sig++;
			m = m * 10 + (uint64_t)(*p - '0');
			exp10--;
			ndigits++;
			if (sig > 15)
				return false;
		}
	}
	if (!ndigits)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		bool eneg = false;
		if (*p == '-' || *p == '+')
			eneg = *p++ == '-';
		if (!(*p >= '0' && *p <= '9'))
			return false;
		int e = 0;
		for (; *p >= '0' && *p <= '9'; p++) {
			e = e * 10 + (*p - '0');
			if (e > 400)
				return false;
		}
		exp10 += eneg ? -e : e;
	}
	if (*p)
		return false;
	double v = (double)m;
	if (m && exp10 > 0) {
		if (exp10 > 22)
			return false;
		v *= pow10[exp10];
	} else if (m && exp10 < 0) {
		if (exp10 < -22)
			return false;
		v /= pow10[-exp10];
	}
	*out = neg ? -v : v;
	return true;
#else
	(void)s;
	(void)out;
	return false;
#endif
}

/* n is a plain number that fast_decimal reads: the common case, which
 * needs neither strtod nor the path for a message. */
static bool fast_number(const ynode *n, double *out)
{
	return n && n->kind == YNODE_SCALAR && n->plain &&
	       fast_decimal(n->str, out);
}

int yread_double(yread *r, const ynode *n, const char *path, double *out)
{
	if (fast_number(n, out))
		return 0;
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

int yread_double_at(yread *r, const ynode *n, const char *parent, size_t i,
		    double *out)
{
	char p[YPATH_MAX];

	if (fast_number(n, out))
		return 0;
	return yread_double(r, n, ypath_index(p, sizeof p, parent, i), out);
}

int yread_num_at(yread *r, const ynode *n, const char *parent, size_t i,
		 soem_num *out)
{
	char p[YPATH_MAX];
	double d;

	if (fast_number(n, &d)) {
		*out = soem_num_of(d);
		return 0;
	}
	return yread_num(r, n, ypath_index(p, sizeof p, parent, i), out);
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

/* The paths are built for every value read (a message may need them), so
 * they are put together by hand rather than with snprintf, with the same
 * result: as much as fits, always NUL-terminated. */
typedef struct pbuf {
	char *buf;
	size_t size, len;
} pbuf;

static void pb_put(pbuf *b, const char *s, size_t n)
{
	if (b->len + 1 >= b->size)
		return;
	if (n > b->size - 1 - b->len)
		n = b->size - 1 - b->len;
	memmove(b->buf + b->len, s, n); /* s may be the start of buf */
	b->len += n;
}

static void pb_str(pbuf *b, const char *s)
{
	pb_put(b, s, strlen(s));
}

static const char *pb_end(pbuf *b)
{
	if (b->size)
		b->buf[b->len] = '\0';
	return b->buf;
}

const char *ypath_key(char *buf, size_t size, const char *parent,
		      const char *key)
{
	pbuf b = { buf, size, 0 };
	if (parent && *parent) {
		pb_str(&b, parent);
		pb_put(&b, ".", 1);
	}
	pb_str(&b, key);
	return pb_end(&b);
}

const char *ypath_index(char *buf, size_t size, const char *parent,
			size_t i)
{
	char num[24];
	size_t k = sizeof num;
	do {
		num[--k] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	pbuf b = { buf, size, 0 };
	pb_str(&b, parent ? parent : "");
	pb_put(&b, "[", 1);
	pb_put(&b, num + k, sizeof num - k);
	pb_put(&b, "]", 1);
	return pb_end(&b);
}

const char *ypath_id(char *buf, size_t size, const char *parent,
		     const char *id)
{
	pbuf b = { buf, size, 0 };
	pb_str(&b, parent ? parent : "");
	pb_put(&b, "[", 1);
	pb_str(&b, id);
	pb_put(&b, "]", 1);
	return pb_end(&b);
}
