/* numfmt.c - see numfmt.h */
#include "config.h"

#include "util/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* The longest input (after trimming) that we try to read. */
#define NUMFMT_MAX_IN 256

static const char *numfmt_expected(bool share)
{
	return share ? N_("expected a share such as 10 % or 0,10")
		     : N_("expected a number such as 1234,5");
}

static int numfmt_refuse(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return -1;
}

static bool numfmt_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool numfmt_all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!numfmt_digit(s[i]))
			return false;
	return true;
}

/* Copies s into b (cap bytes) with blanks, U+00A0, U+202F and U+2009 as
 * ' ' and U+2212 MINUS SIGN as '-', without the blanks around.  Returns the
 * length, or -1 when it does not fit. */
static int numfmt_normalise(const char *s, char *b, size_t cap)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;

	while (*u) {
		char c = (char)*u;
		size_t adv = 1;

		if (*u == '\t' || *u == '\n' || *u == '\r' || *u == '\v' ||
		    *u == '\f') {
			c = ' ';
		} else if (u[0] == 0xc2 && u[1] == 0xa0) {
			c = ' ';
			adv = 2;
		} else if (u[0] == 0xe2 && u[1] == 0x80 &&
			   (u[2] == 0xaf || u[2] == 0x89)) {
			c = ' ';
			adv = 3;
		} else if (u[0] == 0xe2 && u[1] == 0x88 && u[2] == 0x92) {
			c = '-';
			adv = 3;
		}
		if (!(c == ' ' && n == 0)) {
			if (n + 1 >= cap)
				return -1;
			b[n++] = c;
		}
		u += adv;
	}
	while (n > 0 && b[n - 1] == ' ')
		n--;
	b[n] = '\0';
	return (int)n;
}

/* Checks an integer part with thousands separators: all separators the
 * same character, a first group of 1-3 digits, then groups of exactly 3.
 * Copies the digits to d.  Returns the number of digits or -1. */
static int numfmt_groups(const char *s, size_t n, char *d)
{
	char sep = 0;
	size_t group = 0, nd = 0;
	bool first = true;

	for (size_t i = 0; i < n; i++) {
		if (numfmt_digit(s[i])) {
			d[nd++] = s[i];
			group++;
			continue;
		}
		if (sep && s[i] != sep)
			return -1;
		sep = s[i];
		if (first ? (group < 1 || group > 3) : group != 3)
			return -1;
		first = false;
		group = 0;
	}
	if (sep && group != 3)
		return -1;
	return (int)nd;
}

/* Could "int.frac" (one mark) be a number with one thousands separator? */
static bool numfmt_thousands_shape(const char *ip, size_t ni, const char *fp,
				   size_t nf)
{
	return ni >= 1 && ni <= 3 && ip[0] != '0' &&
	       numfmt_all_digits(ip, ni) && nf == 3 &&
	       numfmt_all_digits(fp, nf);
}

int soem_num_parse(const char *s, enum soem_numconv conv, bool share,
		   double *out, const char **why)
{
	char b[NUMFMT_MAX_IN + 1];
	char digits[NUMFMT_MAX_IN + 1];
	char num[NUMFMT_MAX_IN + 32];
	const char *body;
	size_t n, ndot = 0, ncomma = 0, nint, nfrac = 0;
	long dec = -1, last = -1;
	int nd, exp10 = 0;
	bool neg = false;
	char *end;
	double v;
	int len;

	if (!s)
		return numfmt_refuse(why, numfmt_expected(share));
	len = numfmt_normalise(s, b, sizeof(b));
	if (len <= 0)
		return numfmt_refuse(why, numfmt_expected(share));
	n = (size_t)len;
	if (share && b[n - 1] == '%') {
		n--;
		if (n > 0 && b[n - 1] == ' ')
			n--;
		exp10 = -2;
	}
	body = b;
	if (n > 0 && (body[0] == '-' || body[0] == '+')) {
		neg = body[0] == '-';
		body++;
		n--;
	}
	if (n == 0)
		return numfmt_refuse(why, numfmt_expected(share));
	for (size_t i = 0; i < n; i++) {
		char c = body[i];

		if (c == '.')
			ndot++;
		else if (c == ',')
			ncomma++;
		else if (c != ' ' && !numfmt_digit(c))
			return numfmt_refuse(why, numfmt_expected(share));
		if (c == '.' || c == ',')
			last = (long)i;
	}
	if (!numfmt_digit(body[n - 1]))
		return numfmt_refuse(why, numfmt_expected(share));

	if (ndot > 0 && ncomma > 0) {
		/* The last mark is the decimal mark and occurs once. */
		if ((body[last] == '.' ? ndot : ncomma) != 1)
			return numfmt_refuse(why, numfmt_expected(share));
		dec = last;
	} else if (ndot + ncomma == 1) {
		const char *fp = body + last + 1;
		size_t nf = n - (size_t)last - 1;
		bool shape = numfmt_thousands_shape(body, (size_t)last, fp, nf);

		if (conv != SOEM_NUM_EN && body[last] == '.' && shape)
			return numfmt_refuse(
				why, N_("ambiguous: write 1234 or 1,234"));
		if (!(conv == SOEM_NUM_EN && body[last] == ',' && shape))
			dec = last;
	}
	/* Otherwise no mark, or two or more of one kind: thousands. */

	nint = dec >= 0 ? (size_t)dec : n;
	if (dec >= 0) {
		nfrac = n - nint - 1;
		if (nfrac == 0 || !numfmt_all_digits(body + nint + 1, nfrac))
			return numfmt_refuse(why, numfmt_expected(share));
	}
	if (nint == 0 && dec < 0)
		return numfmt_refuse(why, numfmt_expected(share));
	nd = numfmt_groups(body, nint, digits);
	if (nd < 0)
		return numfmt_refuse(why, numfmt_expected(share));
	memcpy(digits + nd, body + nint + 1, nfrac);
	nd += (int)nfrac;
	if (nd == 0)
		return numfmt_refuse(why, numfmt_expected(share));
	digits[nd] = '\0';
	exp10 -= (int)nfrac;

	/* "digits e exp10" has no decimal point, so strtod reads it the same
	 * way in every locale, correctly rounded. */
	snprintf(num, sizeof(num), "%s%se%d", neg ? "-" : "", digits, exp10);
	v = strtod(num, &end);
	if (*end != '\0' || !isfinite(v))
		return numfmt_refuse(why, numfmt_expected(share));
	if (v == 0)
		v = 0; /* no -0 */
	*out = v;
	if (why)
		*why = NULL;
	return 0;
}

static void numfmt_marks(enum soem_numconv conv, char *thou, char *mark)
{
	switch (conv) {
	case SOEM_NUM_DA:
		*thou = '.';
		*mark = ',';
		break;
	case SOEM_NUM_SV:
		*thou = ' ';
		*mark = ',';
		break;
	case SOEM_NUM_EN:
	default:
		*thou = ',';
		*mark = '.';
		break;
	}
}

static char *numfmt_copy(char *buf, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

char *soem_num_format(double v, int decimals, enum soem_numconv conv, char *buf,
		      size_t size)
{
	char tmp[SOEM_NUM_BUFSIZE], res[SOEM_NUM_BUFSIZE];
	char thou, mark;
	size_t ni = 0, fs, nf = 0, n = 0;
	bool nonzero = false;

	if (!buf || size == 0)
		return buf;
	if (!isfinite(v))
		return numfmt_copy(buf, size, "n/a", 3);
	if (decimals < 0)
		decimals = 0;
	if (decimals > 20)
		decimals = 20;
	numfmt_marks(conv, &thou, &mark);

	/* At most 309 integer digits, a point and 20 decimals.  The point is
	 * whatever the C library writes: we only take the digits. */
	snprintf(tmp, sizeof(tmp), "%.*f", decimals, fabs(v));
	while (numfmt_digit(tmp[ni]))
		ni++;
	fs = ni;
	while (tmp[fs] && !numfmt_digit(tmp[fs]))
		fs++;
	while (numfmt_digit(tmp[fs + nf]))
		nf++;
	for (size_t i = 0; i < ni; i++)
		nonzero |= tmp[i] != '0';
	for (size_t i = 0; i < nf; i++)
		nonzero |= tmp[fs + i] != '0';

	if (signbit(v) && nonzero)
		res[n++] = '-';
	for (size_t i = 0; i < ni; i++) {
		if (i > 0 && (ni - i) % 3 == 0)
			res[n++] = thou;
		res[n++] = tmp[i];
	}
	if (nf > 0) {
		res[n++] = mark;
		memcpy(res + n, tmp + fs, nf);
		n += nf;
	}
	return numfmt_copy(buf, size, res, n);
}

enum soem_numconv soem_numconv_for_lang(const char *lang)
{
	char a, b;

	if (!lang || !lang[0])
		return SOEM_NUM_EN;
	a = (char)(lang[0] | 0x20);
	b = (char)(lang[1] | 0x20);
	if (a == 'd' && b == 'a')
		return SOEM_NUM_DA;
	if (a == 's' && b == 'v')
		return SOEM_NUM_SV;
	return SOEM_NUM_EN;
}

const char *soem_num_exact(double v, char *buf, size_t size)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}
