/* numfmt.c - see numfmt.h */
#include "config.h"

#include "util/numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* The longest input (after trimming) that we try to read. */
#define NUMFMT_MAX_IN 256

static const char *numfmt_expected(bool share)
{
	return share ? /* xgettext:no-c-format */ N_("expected a share such as 10 % or 0,10")
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

/* Drops a trailing currency word ("kr", "kr.", "kroner", "kronor", "DKK",
 * "SEK", any case, with or without a space before it) from b (length n).
 * Returns the new length. */
static size_t numfmt_drop_currency(const char *b, size_t n)
{
	static const char *const words[] = {"kroner", "kronor", "kr.", "kr",
					    "dkk",    "sek"};

	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		size_t k = strlen(words[w]);
		bool same = n > k;

		for (size_t i = 0; same && i < k; i++) {
			char c = b[n - k + i];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			same = c == words[w][i];
		}
		if (!same || !(numfmt_digit(b[n - k - 1]) || b[n - k - 1] == ' '))
			continue;
		n -= k;
		while (n > 0 && b[n - 1] == ' ')
			n--;
		return n;
	}
	return n;
}

/* In a wizard field in da/sv: do the dots of body (n bytes, no comma)
 * group thousands?  Every '.' is followed by exactly three digits and then
 * the end or another '.', and the integer part does not start with 0
 * (SPEC 5.3: `60.000`, `1.234.567`; `0.125` stays a decimal). */
static bool numfmt_dots_group(const char *body, size_t n)
{
	size_t run = 0;
	bool first = true, seen = false;

	if (n == 0 || body[0] == '0')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (numfmt_digit(body[i])) {
			run++;
			continue;
		}
		if (body[i] != '.')
			return false;
		if (first ? (run < 1 || run > 3) : run != 3)
			return false;
		first = false;
		seen = true;
		run = 0;
	}
	return seen && run == 3;
}

static int numfmt_parse(const char *s, enum soem_numconv conv, bool share,
			bool field, double *out, const char **why)
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
	if (!share)
		n = numfmt_drop_currency(b, n);
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
	} else if (ndot == 1 && ncomma == 0 && field && conv != SOEM_NUM_EN &&
		   numfmt_dots_group(body, n)) {
		/* A wizard field in da/sv: `60.000` is sixty thousand. */
	} else if (ndot + ncomma == 1) {
		const char *fp = body + last + 1;
		size_t nf = n - (size_t)last - 1;
		bool shape = numfmt_thousands_shape(body, (size_t)last, fp, nf);

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

int soem_num_parse(const char *s, enum soem_numconv conv, bool share,
		   double *out, const char **why)
{
	return numfmt_parse(s, conv, share, false, out, why);
}

int soem_num_parse_field(const char *s, enum soem_numconv conv, bool share,
			 double *out, const char **why)
{
	return numfmt_parse(s, conv, share, true, out, why);
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

/* Writes the decimal digits of u and a NUL into b (at least 21 bytes). */
static void numfmt_utoa(unsigned long long u, char *b)
{
	char d[24];
	size_t k = sizeof d;

	do {
		d[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	memcpy(b, d + k, sizeof d - k);
	b[sizeof d - k] = '\0';
}

/* "%.*f" of a >= 0 with 0..15 decimals, without printf, when that is
 * certain to give printf's digits: printf rounds the exact binary value
 * of a.  a * 10^decimals is one rounding away from it (10^d is exact), so
 * when that product is further than its own ulp from a half, both round
 * to the same whole number; nearer a half (or too large to be exact),
 * the caller asks printf.  With no decimals the product is a itself:
 * every whole number below 2^53 is exact and nearbyint rounds a tie to
 * even, as printf does in the default rounding mode. */
static bool numfmt_fixed_fast(double a, int decimals, char *out)
{
	static const unsigned long long upow10[] = {
		1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
		10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
		100000000000ULL, 1000000000000ULL, 10000000000000ULL,
		100000000000000ULL, 1000000000000000ULL,
	};

	if (decimals == 0) {
		if (!(a < 9007199254740992.0))
			return false;
		numfmt_utoa((unsigned long long)nearbyint(a), out);
		return true;
	}
	if (decimals > 15)
		return false;
	double p = a * (double)upow10[decimals]; /* 10^d is an exact double */
	if (!(p < 4503599627370496.0))  /* 2^52 */
		return false;
	double half = floor(p) + 0.5;
	if (fabs(p - half) <= 2 * (nextafter(p, INFINITY) - p))
		return false;
	unsigned long long u = (unsigned long long)nearbyint(p);
	unsigned long long q = upow10[decimals];
	numfmt_utoa(u / q, out);
	size_t n = strlen(out);
	out[n++] = '.';
	unsigned long long f = u % q;
	for (int i = decimals - 1; i >= 0; i--) {
		out[n + (size_t)i] = (char)('0' + f % 10);
		f /= 10;
	}
	out[n + (size_t)decimals] = '\0';
	return true;
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
	 * whatever the C library writes: we only take the digits.  Most
	 * numbers of a report are written without printf (SPEC 6: soem calc
	 * fast), with exactly printf's digits. */
	if (!numfmt_fixed_fast(fabs(v), decimals, tmp))
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

#ifdef __SIZEOF_INT128__
typedef unsigned __int128 numfmt_u128;

static numfmt_u128 numfmt_p10(int k)
{
	numfmt_u128 r = 1;

	while (k-- > 0)
		r *= 10;
	return r;
}

/* |v| = M / 2^F exactly; is it at least 10^j? */
static bool numfmt_at_least(uint64_t M, int F, int j)
{
	if (j >= 0)
		return (numfmt_u128)M >= numfmt_p10(j) << F;
	return (numfmt_u128)M * numfmt_p10(-j) >= (numfmt_u128)1 << F;
}

/* What soem_num_exact's printf loop writes, in exact integer arithmetic
 * (SPEC 6: reports and saves are mostly such numbers), for 1e-4 <= |v| <
 * 1e15 where "%.Pg" writes no exponent.  With |v| = M / 2^F (M the 53-bit
 * mantissa) and 10^e10 <= |v| < 10^(e10+1), the P digits printf writes
 * are U = M * 10^k / 2^F rounded half to even (k = P - 1 - e10), and
 * U / 10^k reads back as v when it is nearer to v than half of v's ulp:
 * |2 U 2^F - 2 M 10^k| < 10^k.  Here F >= 3, so a point halfway between
 * two doubles has at least 19 significant digits and is never such a U;
 * and a power of two (whose lower neighbour is nearer) has at most 15,
 * so reads back exactly.  Returns false, for printf to do it, outside
 * that range and when the rounding carries into one more digit. */
static bool numfmt_exact_int(double v, char *buf, size_t size)
{
	double a = fabs(v);
	int e;

	if (!(a >= 1e-4 && a < 1e15) || size < 32)
		return false;
	uint64_t M = (uint64_t)ldexp(frexp(a, &e), 53);
	int F = 53 - e;
	int e10 = (int)floor(log10(a));
	while (!numfmt_at_least(M, F, e10))
		e10--;
	while (numfmt_at_least(M, F, e10 + 1))
		e10++;
	for (int prec = 15; prec <= 17; prec++) {
		int k = prec - 1 - e10;
		numfmt_u128 p10k = numfmt_p10(k);
		numfmt_u128 N = (numfmt_u128)M * p10k;
		numfmt_u128 U = N >> F;
		numfmt_u128 r = N - (U << F);
		numfmt_u128 half = (numfmt_u128)1 << (F - 1);
		if (r > half || (r == half && (U & 1)))
			U++;
		if (U >= numfmt_p10(prec))
			return false;
		numfmt_u128 x = U << (F + 1), y = N << 1;
		numfmt_u128 d = x > y ? x - y : y - x;
		if (d >= p10k)
			continue;
		/* the digits, the point after e10 + 1 of them (or "0." and
		 * zeros before them), trailing zeros dropped as %g does */
		char dig[24], *o = buf;
		for (int i = prec - 1; i >= 0; i--) {
			dig[i] = (char)('0' + (int)(U % 10));
			U /= 10;
		}
		int nd = prec;
		while (nd > 0 && dig[nd - 1] == '0')
			nd--;
		if (v < 0)
			*o++ = '-';
		if (e10 >= 0) {
			for (int i = 0; i <= e10; i++)
				*o++ = i < nd ? dig[i] : '0';
			if (nd > e10 + 1) {
				*o++ = '.';
				for (int i = e10 + 1; i < nd; i++)
					*o++ = dig[i];
			}
		} else {
			*o++ = '0';
			*o++ = '.';
			for (int i = 0; i < -e10 - 1; i++)
				*o++ = '0';
			for (int i = 0; i < nd; i++)
				*o++ = dig[i];
		}
		*o = '\0';
		return true;
	}
	return false; /* not reached: 17 digits always read back */
}
#else
static bool numfmt_exact_int(double v, char *buf, size_t size)
{
	(void)v, (void)buf, (void)size;
	return false;
}
#endif

const char *soem_num_exact(double v, char *buf, size_t size)
{
	if (numfmt_exact_int(v, buf, size))
		return buf;
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

int soem_num_exact_decimals(double v, int min, int max)
{
	int d = min;
	while (d < max && v < 1e9 && v > -1e9) {
		double f = 1.0;
		for (int i = 0; i < d; i++)
			f *= 10.0;
		double r = (double)(long long)(v * f + (v < 0 ? -0.5 : 0.5)) / f;
		if (r - v < 1e-9 && v - r < 1e-9)
			break;
		d++;
	}
	return d;
}
