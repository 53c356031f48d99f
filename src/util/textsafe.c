/* textsafe.c - untrusted text on its way out; see textsafe.h */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/textsafe.h"
#include "util/xalloc.h"

#define FFFD "\xEF\xBF\xBD"

static bool shown_as_fffd(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	       (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

unsigned soem_term_cp(unsigned cp)
{
	if (cp == '\t' || cp == '\n' || cp == '\r')
		return ' ';
	if (shown_as_fffd(cp) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	return cp;
}

/* The unit (one byte, or one UTF-8 sequence) at p, at most avail bytes:
 * its length in *len; NULL when it goes out as it is, else what is shown
 * for it.  A NUL ends a sequence like any byte that does not continue
 * it, so avail may be SIZE_MAX for a NUL-terminated string. */
static const char *unit(const unsigned char *p, size_t avail, size_t *len,
			bool doc)
{
	unsigned c = p[0], cp, min;
	size_t n;

	*len = 1;
	if (c < 0x80) {
		if (c >= 0x20 && c != 0x7F)
			return NULL;
		if (c == '\t' || c == '\n' || c == '\r')
			return doc ? NULL : " ";
		return FFFD;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
		min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		return FFFD; /* a continuation byte, C0/C1, F5-FF */
	}
	if (avail < n)
		return FFFD;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return FFFD;
		cp = (cp << 6) | (p[i] & 0x3Fu);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return FFFD;
	*len = n;
	return shown_as_fffd(cp) ? FFFD : NULL;
}

/* The offset of the first unit in s[0..len) that needs work, or len. */
static size_t first_bad(const unsigned char *s, size_t len, bool doc)
{
	size_t i = 0, n;

	while (i < len) {
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			i++;
			continue;
		}
		if (unit(s + i, len - i, &n, doc))
			return i;
		i += n;
	}
	return len;
}

static void write_safe(FILE *f, const unsigned char *s, size_t len, bool doc)
{
	size_t i = first_bad(s, len, doc), run = 0, n;

	while (i < len) {
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			i++;
			continue;
		}
		const char *rep = unit(s + i, len - i, &n, doc);
		if (rep) {
			fwrite(s + run, 1, i - run, f);
			fputs(rep, f);
			run = i + n;
		}
		i += n;
	}
	fwrite(s + run, 1, len - run, f);
}

bool soem_term_clean(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	return first_bad((const unsigned char *)s, len, false) == len;
}

void soem_term_write(FILE *f, const char *s)
{
	if (s)
		write_safe(f, (const unsigned char *)s, strlen(s), false);
}

void soem_term_write_doc(FILE *f, const char *s, size_t len)
{
	write_safe(f, (const unsigned char *)s, len, true);
}

/* s's one-line form into b (n > 0 bytes), whole units only. */
static void render(const unsigned char *s, size_t len, char *b, size_t n)
{
	size_t i = 0, o = 0, k;

	while (i < len) {
		const char *rep = unit(s + i, len - i, &k, false);
		size_t rl = rep ? strlen(rep) : k;
		if (o + rl >= n)
			break;
		memcpy(b + o, rep ? (const unsigned char *)rep : s + i, rl);
		o += rl;
		i += k;
	}
	b[o] = '\0';
}

const char *soem_term_str(const char *s, char *b, size_t n)
{
	if (!s)
		return "";
	size_t len = strlen(s);
	if (first_bad((const unsigned char *)s, len, false) == len)
		return s;
	if (n)
		render((const unsigned char *)s, len, b, n);
	return n ? b : "";
}

#define RING 16

/* soem_term_tmp's and soem_term_pad's copies */
static char *ring[RING];
static unsigned next;

const char *soem_term_tmp(const char *s)
{

	if (!s)
		return "";
	size_t len = strlen(s);
	if (first_bad((const unsigned char *)s, len, false) == len)
		return s;
	/* every byte becomes at most the three of U+FFFD */
	size_t n = 3 * len + 1;
	char *b = xmalloc(n);
	render((const unsigned char *)s, len, b, n);
	free(ring[next]);
	ring[next] = b;
	next = (next + 1) % RING;
	return b;
}

int soem_term_cols(const char *s)
{
	mbstate_t st;
	size_t len = strlen(s);
	int cols = 0;

	memset(&st, 0, sizeof st);
	while (len) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, len, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			/* not a character here: one column, start afresh */
			memset(&st, 0, sizeof st);
			k = 1;
			cols++;
		} else {
			int w = wcwidth(wc);
			cols += w > 0 ? w : 0;
		}
		s += k;
		len -= k;
	}
	return cols;
}

const char *soem_term_pad(const char *s, int cols)
{
	const char *t = soem_term_tmp(s);
	int have = soem_term_cols(t);
	if (have >= cols)
		return t;
	size_t len = strlen(t);
	size_t n = len + (size_t)(cols - have) + 1;
	char *b = xmalloc(n);
	memcpy(b, t, len);
	memset(b + len, ' ', n - len - 1);
	b[n - 1] = '\0';
	free(ring[next]);
	ring[next] = b;
	next = (next + 1) % RING;
	return b;
}

void soem_html_write(FILE *f, const char *s, bool br)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	if (!s)
		return;
	for (; *p; p++) {
		const char *rep;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\n': rep = br ? "<br>\n" : " "; break;
		case '\t': case '\r': rep = " "; break;
		default:
			if (*p >= 0x20 && *p != 0x7f)
				continue; /* written with the run */
			rep = ""; /* other control characters: dropped */
			break;
		}
		fwrite(run, 1, (size_t)(p - run), f);
		fputs(rep, f);
		run = p + 1;
	}
	fwrite(run, 1, (size_t)(p - run), f);
}

void soem_csv_write(FILE *f, const char *s, char sep)
{
	bool formula, quote;

	if (!s)
		s = "";
	formula = *s && strchr("=+-@\t\r", *s);
	/* A spreadsheet cell is no place for control characters either: the
	 * same visible form as on a terminal (the brief: never raw in a
	 * spreadsheet cell). */
	s = soem_term_tmp(s);
	quote = strchr(s, sep) || strpbrk(s, "\"\n\r");
	if (quote)
		fputc('"', f);
	if (formula)
		fputc('\'', f);
	if (!quote) {
		fputs(s, f);
		return;
	}
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		fwrite(s, 1, (size_t)(q - s) + 1, f);
		fputc('"', f);
	}
	fputs(s, f);
	fputc('"', f);
}

size_t soem_utf8_cut(const char *s, size_t max)
{
	size_t len = strnlen(s, max + 1);

	if (len <= max)
		return len;
	/* s[max] is the first byte left out: back to a character's start */
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}
