/* screen.c - the layout (title, step list, main area, guidance, message
 * and key bar), colours and their monochrome twins, text output with
 * the ASCII fallback, and numbers in the user's convention.
 *
 * Every frame is drawn into the windows with werase() and the terminal is
 * updated with wnoutrefresh() and one doupdate(): ncurses then sends only
 * the cells that changed.  clear() is never used (only Ctrl-L repaints
 * the whole screen).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/uipriv.h"
#include "model/calc_edit.h"
#include "util/i18n.h"
#include "util/textsafe.h"
#include "util/xalloc.h"

/* ---------------------------------------------------------------------
 * Attributes: colour where it is wanted and possible, else attributes
 * that make sense on a monochrome terminal.  No information is carried by
 * colour alone.
 */

enum { PAIR_TITLE = 1, PAIR_TAB_CUR, PAIR_HEAD, PAIR_ERROR, PAIR_INFO,
       PAIR_AREA, PAIR_KEY, PAIR_GUIDE, PAIR_WARN };

attr_t ui_attr(const struct ui *u, enum ui_role r)
{
	if (u->color) {
		switch (r) {
		case R_TITLE: return COLOR_PAIR(PAIR_TITLE) | A_BOLD;
		case R_TAB: return A_NORMAL;
		case R_TAB_CUR: return COLOR_PAIR(PAIR_TAB_CUR) | A_REVERSE;
		case R_HEAD: return COLOR_PAIR(PAIR_HEAD) | A_UNDERLINE;
		case R_KEY: return COLOR_PAIR(PAIR_KEY) | A_REVERSE;
		case R_KEYLABEL: return A_NORMAL;
		case R_ERROR: return COLOR_PAIR(PAIR_ERROR) | A_BOLD;
		case R_INFO: return COLOR_PAIR(PAIR_INFO);
		case R_AREA: return COLOR_PAIR(PAIR_AREA) | A_UNDERLINE;
		case R_DIM: return A_DIM;
		case R_GUIDE: return COLOR_PAIR(PAIR_GUIDE);
		case R_POPUP: return A_NORMAL;
		case R_GOOD: return COLOR_PAIR(PAIR_INFO);
		case R_WARN: return COLOR_PAIR(PAIR_WARN);
		default: return A_NORMAL;
		}
	}
	switch (r) {
	case R_TITLE: return A_REVERSE;
	case R_TAB_CUR: return A_REVERSE;
	case R_HEAD: return A_UNDERLINE;
	case R_KEY: return A_REVERSE;
	case R_ERROR: return A_BOLD;
	case R_AREA: return A_UNDERLINE;
	case R_DIM: return A_DIM;
	default: return A_NORMAL;
	}
}

static void colors_init(struct ui *u)
{
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_TAB_CUR, COLOR_CYAN, -1);
	init_pair(PAIR_HEAD, COLOR_CYAN, -1);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_INFO, COLOR_GREEN, -1);
	init_pair(PAIR_AREA, COLOR_YELLOW, -1);
	init_pair(PAIR_KEY, COLOR_CYAN, -1);
	init_pair(PAIR_GUIDE, COLOR_CYAN, -1);
	init_pair(PAIR_WARN, COLOR_YELLOW, -1);
}

/* Called by app.c once curses is up. */
void ui_screen_init(struct ui *u);
void ui_screen_init(struct ui *u)
{
	/* off (--no-color or the configuration's "never"), on (the
	 * configuration's "always") when the terminal can, else NO_COLOR,
	 * then whether the terminal can */
	const char *nc = getenv("NO_COLOR");
	if (u->set->color == SOEM_UI_OFF)
		u->color = false;
	else if (u->set->color == SOEM_UI_ON)
		u->color = has_colors();
	else
		u->color = !(nc && *nc) && has_colors();
	colors_init(u);
	/* iconv is opened by the first character only it can spell in
	 * ASCII (to_ascii): its tables cost every wizard some 32 kB,
	 * and a UTF-8 terminal never needs them (issue 18: memory per
	 * user) */
	u->ic = (iconv_t)-1;
	u->ic_tried = false;
}

/* ---------------------------------------------------------------------
 * Glyphs with ASCII twins
 */

static const char *const glyph_utf8[G__COUNT] = {
	"[x]", "[ ]", "(\u2022)", "( )", "\u2713", "!", "\u2026", "\u2588",
	"\u258c", "\u25c2", "\u25b8", "\u25b8", "\u2500", "\u2502", "\u2502",
	"\u2592", "\u25b4", "\u25be",
};
static const char *const glyph_ascii[G__COUNT] = {
	"[x]", "[ ]", "(*)", "( )", "+", "!", "~", "#", "#", "<", ">", ">",
	"-", "|", "|", "=", "^", "v",
};

const char *ui_glyph(const struct ui *u, enum ui_glyph g)
{
	return u->ascii ? glyph_ascii[g] : glyph_utf8[g];
}

/* ---------------------------------------------------------------------
 * Text: UTF-8 inside, ASCII on screen when the locale is not UTF-8 or
 * with --ascii (database text transliterated: "Kontanthjaelp").
 */

/* Latin-1 letters and common punctuation, so that the result does not
 * depend on the locale iconv runs in.  The Danish and Norwegian letters
 * are spelled as Danes write them without them: å aa, æ ae, ø oe ("Aar 1",
 * "maalgruppe", "Skoen"); ä and ö lose their dots, as Swedes write
 * them ("Forsakringskassan"); the same as the ids made from names
 * (model/calc_edit.c). */
static const char *translit_cp(unsigned cp)
{
	static const char *const latin1[96] = {
		" ", "!", "c", "GBP", "?", "JPY", "|", "S", "\"", "(C)", "a",
		"<<", "!", "-", "(R)", "-", "o", "+-", "2", "3", "'", "u",
		"P", ".", ",", "1", "o", ">>", " 1/4", " 1/2", " 3/4", "?",
		"A", "A", "A", "A", "A", "Aa", "Ae", "C", "E", "E", "E", "E",
		"I", "I", "I", "I", "D", "N", "O", "O", "O", "O", "O", "x",
		"Oe", "U", "U", "U", "U", "Y", "TH", "ss", "a", "a", "a", "a",
		"a", "aa", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", "/", "oe", "u", "u", "u",
		"u", "y", "th", "y",
	};
	if (cp >= 0xA0 && cp <= 0xFF)
		return latin1[cp - 0xA0];
	switch (cp) {
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
		return "-";
	case 0x2014: return "--";
	case 0x2018: case 0x2019: return "'";
	case 0x201C: case 0x201D: case 0x201E: return "\"";
	case 0x2026: return "...";
	case 0x2022: return "*";
	case 0x2192: return "->";
	case 0x2190: return "<-";
	case 0x2264: return "<=";
	case 0x2265: return ">=";
	case 0x20AC: return "EUR";
	case 0x202F: case 0x2009: case 0x2007: return " ";
	case 0x2713: return "+";
	default: return NULL;
	}
}

/* Decodes one UTF-8 sequence at s; returns its length (1 for a bad byte,
 * with *cp = 0xFFFD). */
static size_t utf8_dec(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0];
	size_t n;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 2;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3;
		c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4;
		c &= 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return n;
}

static bool is_upper_cp(unsigned cp)
{
	return (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

/* Å, Æ or Ø between prev (the last ASCII byte written) and next stands in
 * a word in capitals: the next letter is a capital, or there is none and
 * the one before is. */
static bool caps_word(char prev, const unsigned char *next)
{
	unsigned cp = 0;
	if (*next)
		utf8_dec(next, &cp);
	if (is_upper_cp(cp))
		return true;
	bool letter = (cp >= 'a' && cp <= 'z') || cp >= 0xC0;
	return !letter && prev >= 'A' && prev <= 'Z';
}

/* The next unit of s in ASCII at *pp (advanced past it): what is shown
 * for it, in tb (16 bytes) or a constant; prev is the last byte shown
 * before it. */
static const char *ascii_unit(struct ui *u, const unsigned char **pp,
			      char prev, char *tb)
{
	const unsigned char *p = *pp;
	unsigned cp;
	size_t len = utf8_dec(p, &cp);
	const char *t = NULL;

	*pp = p + len;
	/* controls, C1 and bidi overrides: shown, not obeyed (the
	 * terminal sink's rule, util/textsafe.h) */
	cp = soem_term_cp(cp);
	if (cp == 0xFFFD) {
		t = "?";
	} else if (cp < 0x80) {
		tb[0] = (char)(cp < ' ' || cp == 0x7F ? ' ' : cp);
		tb[1] = '\0';
		t = tb;
	} else if ((cp == 0xC5 || cp == 0xC6 || cp == 0xD8) &&
		   caps_word(prev, p + len)) {
		/* in a word in capitals: "SØM" -> "SOEM" */
		t = cp == 0xC5 ? "AA" : cp == 0xC6 ? "AE" : "OE";
	} else if (!(t = translit_cp(cp))) {
		t = "?";
		if (!u->ic_tried) {
			u->ic_tried = true;
			u->ic = iconv_open("ASCII//TRANSLIT", "UTF-8");
		}
		if (u->ic != (iconv_t)-1) {
			char in[8], *ip = in, *op = tb;
			size_t il = len, ol = 16 - 1;
			memcpy(in, p, len);
			iconv(u->ic, NULL, NULL, NULL, NULL);
			if (iconv(u->ic, &ip, &il, &op, &ol) != (size_t)-1 &&
			    op > tb) {
				*op = '\0';
				t = tb;
			}
		}
	}
	return t;
}

/* s in ASCII, into out. */
static void to_ascii(struct ui *u, const char *s, char *out, size_t n)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && o + 1 < n) {
		char tb[16];
		const char *t = ascii_unit(u, &p, o ? out[o - 1] : 0, tb);
		for (; *t && o + 1 < n; t++)
			out[o++] = *t;
	}
	out[o] = '\0';
}

void ui_ascii(struct ui *u, const char *s, char *out, size_t n)
{
	to_ascii(u, s, out, n);
}

/* ui_width and ui_puts look at a text's first WBUF characters (in ASCII,
 * its first 2 * WBUF - 1 bytes), or on a terminal wider than that one
 * more than it has columns (a longer text is cut there with an
 * ellipsis, as on any other terminal), one piece at a time: no copy of
 * it on the stack, which was 8 kB deep at every frame (issue 18: memory
 * per extra wizard). */
#define WBUF 1024
#define ASCII_MAX (WBUF * 2 - 1)
#define PIECE 128

static size_t wide_cap(const struct ui *u)
{
	size_t c = u->cols > 0 ? (size_t)u->cols + 1 : 0;
	return c > WBUF ? c : WBUF;
}

static size_t ascii_cap(const struct ui *u)
{
	size_t c = u->cols > 0 ? (size_t)u->cols + 1 : 0;
	return c > ASCII_MAX ? c : ASCII_MAX;
}

/* s in ASCII up to n bytes: added to w a piece at a time (stopping
 * where waddnstr fails, as one waddnstr of the whole would) or, with w
 * NULL, only counted; returns how many bytes it came to. */
static size_t ascii_walk(struct ui *u, WINDOW *w, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	char b[PIECE];
	size_t o = 0, k = 0;
	char prev = 0;
	while (*p && o < n) {
		char tb[16];
		const char *t = ascii_unit(u, &p, prev, tb);
		for (; *t && o < n; t++, o++) {
			prev = *t;
			if (!w)
				continue;
			b[k++] = *t;
			if (k == sizeof b) {
				if (waddnstr(w, b, (int)k) == ERR)
					return o + 1;
				k = 0;
			}
		}
	}
	if (w && k)
		waddnstr(w, b, (int)k);
	return o;
}

/* The next character of s at *pp (advanced past it) as shown, with its
 * width in *cw. */
static wchar_t wide_unit(const unsigned char **pp, int *cw)
{
	const unsigned char *p = *pp;
	unsigned cp;
	/* printable ASCII, most of every screen: one column each,
	 * nothing to replace (issue 18: instructions per frame) */
	if (*p >= 0x20 && *p < 0x7F) {
		*pp = p + 1;
		*cw = 1;
		return (wchar_t)*p;
	}
	*pp = p + utf8_dec(p, &cp);
	/* controls, C1 and bidi overrides as U+FFFD, TAB/LF/CR as a
	 * space: the terminal sink's rule (util/textsafe.h) */
	cp = soem_term_cp(cp);
	int w = wcwidth((wchar_t)cp);
	if (w < 0) {
		cp = '?';
		w = 1;
	}
	*cw = w;
	return (wchar_t)cp;
}

/* Adds the first n characters of s (as wide_unit shows them) to w, a
 * piece at a time; stops where waddnwstr fails, as one waddnwstr of
 * them all would. */
static void wide_add(WINDOW *w, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	wchar_t b[PIECE];
	size_t k = 0;
	for (size_t i = 0; i < n && *p; i++) {
		int cw;
		b[k++] = wide_unit(&p, &cw);
		if (k == PIECE) {
			if (waddnwstr(w, b, (int)k) == ERR)
				return;
			k = 0;
		}
	}
	if (k)
		waddnwstr(w, b, (int)k);
}

int ui_width(struct ui *u, const char *s)
{
	if (!s)
		return 0;
	if (u->ascii)
		return (int)ascii_walk(u, NULL, s, ascii_cap(u));
	const unsigned char *p = (const unsigned char *)s;
	int total = 0;
	size_t cap = wide_cap(u);
	for (size_t n = 0; *p && n < cap; n++) {
		int cw;
		wide_unit(&p, &cw);
		total += cw;
	}
	return total;
}

int ui_puts(struct ui *u, WINDOW *w, const char *s, int width)
{
	if (!s || width <= 0)
		return 0;
	if (u->ascii) {
		int len = (int)ascii_walk(u, NULL, s, ascii_cap(u));
		if (len <= width) {
			ascii_walk(u, w, s, (size_t)len);
			return len;
		}
		ascii_walk(u, w, s, (size_t)(width - 1));
		waddstr(w, ui_glyph(u, G_ELLIPSIS));
		return width;
	}
	/* the characters of its first wide_cap that fit before an ellipsis
	 * (k, acc columns), and its width (total) until it is known not to
	 * fit; a text of at most PIECE characters is decoded once, into b */
	wchar_t b[PIECE];
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, k = 0;
	int total = 0, acc = 0;
	bool fits = true;
	size_t cap = wide_cap(u);
	for (; *p && n < cap; n++) {
		int cw;
		wchar_t c = wide_unit(&p, &cw);
		if (n < PIECE)
			b[n] = c;
		total += cw;
		if (fits && acc + cw <= width - 1) {
			acc += cw;
			k++;
		} else {
			fits = false;
			if (total > width)
				break;  /* cut at k: the rest is not shown */
		}
	}
	if (total <= width) {
		if (n <= PIECE)
			waddnwstr(w, b, (int)n);
		else
			wide_add(w, s, n);
		return total;
	}
	if (k <= PIECE)
		waddnwstr(w, b, (int)k);
	else
		wide_add(w, s, k);
	waddstr(w, ui_glyph(u, G_ELLIPSIS));
	return acc + 1;
}

void ui_cell_put(struct ui *u, WINDOW *w, int y, int x, const char *s,
		 int width, bool right, attr_t attr)
{
	if (width <= 0)
		return;
	wmove(w, y, x);
	wattrset(w, attr);
	int tw = ui_width(u, s);
	if (tw > width)
		tw = width;
	if (right)
		for (int i = tw; i < width; i++)
			waddch(w, ' ');
	ui_puts(u, w, s, width);
	if (!right)
		for (int i = tw; i < width; i++)
			waddch(w, ' ');
	wattrset(w, A_NORMAL);
}

int ui_fit_width(struct ui *u, const char *s, int width)
{
	int tw = ui_width(u, s);

	return tw < width ? tw : width;
}

void ui_hline(struct ui *u, WINDOW *w, int y, int x, int n)
{
	const char *g = ui_glyph(u, G_HLINE);
	wchar_t wc[2] = { 0, 0 };
	cchar_t cc;

	wmove(w, y, x);
	/* one whline_set, not a waddstr per column: the separator is drawn
	 * at every frame (issue 18: start-up instructions) */
	if (mbtowc(&wc[0], g, strlen(g)) > 0 && wcwidth(wc[0]) == 1 &&
	    setcchar(&cc, wc, A_NORMAL, 0, NULL) == OK) {
		int mx = getmaxx(w);

		whline_set(w, &cc, n);
		wmove(w, y, x + n < mx ? x + n : mx - 1);
		return;
	}
	for (int i = 0; i < n; i++)
		waddstr(w, g);
}

int ui_wrap(struct ui *u, const char *s, int width,
	    void (*fn)(void *arg, const char *line, size_t len), void *arg)
{
	int lines = 0;
	if (width < 4)
		width = 4;
	const char *p = s ? s : "";
	for (;;) {
		/* one line: as many characters as fit, broken at a blank */
		const char *q = p, *brk = NULL;
		int cols = 0;
		while (*q && *q != '\n') {
			unsigned cp;
			size_t len = utf8_dec((const unsigned char *)q, &cp);
			int cw = 1;
			cp = soem_term_cp(cp); /* as ui_puts shows it */
			if (!u->ascii) {
				cw = wcwidth((wchar_t)cp);
				if (cw < 0)
					cw = 1;
			} else {
				const char *t = cp < 0x80 ? NULL : translit_cp(cp);
				cw = t ? (int)strlen(t) : 1;
			}
			if (cols + cw > width)
				break;
			/* a number keeps its unit: no break in "12 %" */
			if (*q == ' ' &&
			    !(q[1] == '%' && q > p && q[-1] >= '0' &&
			      q[-1] <= '9'))
				brk = q;
			cols += cw;
			q += len;
		}
		const char *end = q;
		const char *next = q;
		if (*q && *q != '\n' && brk && brk > p) {
			end = brk;
			next = brk + 1;
		} else if (*q == '\n') {
			next = q + 1;
		}
		fn(arg, p, (size_t)(end - p));
		lines++;
		if (!*next && *q != '\n')
			break;
		if (!*next)
			break;
		p = next;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
	}
	return lines;
}

/* ---------------------------------------------------------------------
 * Numbers
 */

const char *ui_num(const struct ui *u, double v, int decimals, char *b,
		   size_t n)
{
	return soem_num_format(v, decimals, u->set->conv, b, n);
}

const char *ui_pct(const struct ui *u, double share, int decimals, char *b,
		   size_t n)
{
	char t[SOEM_NUM_BUFSIZE];
	if (!isfinite(share)) {
		snprintf(b, n, "%s", _("n/a"));
		return b;
	}
	soem_num_format(share * 100.0, decimals, u->set->conv, t, sizeof t);
	snprintf(b, n, "%s %%", t);
	return b;
}

static void decimal_mark(const struct ui *u, char *b)
{
	if (u->set->conv == SOEM_NUM_EN)
		return;
	for (; *b; b++)
		if (*b == '.')
			*b = ',';
}

const char *ui_num_edit(const struct ui *u, double v, char *b, size_t n)
{
	snprintf(b, n, "%.15g", v);
	if (strchr(b, 'e'))
		snprintf(b, n, "%.2f", v);
	decimal_mark(u, b);
	return b;
}

const char *ui_pct_edit(const struct ui *u, double share, char *b, size_t n)
{
	char t[64];
	snprintf(t, sizeof t, "%.12g", share * 100.0);
	if (strchr(t, 'e'))
		snprintf(t, sizeof t, "%.6f", share * 100.0);
	decimal_mark(u, t);
	snprintf(b, n, "%s %%", t);
	return b;
}

/* The note "TEXT read as N" for a number whose reading is not plain: a
 * `.` taken as a thousands separator (it would be a decimal mark on the
 * command line) or a currency word left out.  N is written with spaces
 * between thousands, which no language reads two ways. */
static void read_note(struct ui *u, const char *text, bool share, double v)
{
	double plain;
	bool letters = false;
	char b[SOEM_NUM_BUFSIZE];

	u->read_note[0] = '\0';
	for (const char *p = text; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			letters = true;
	if (share || (!letters &&
		      soem_num_parse(text, u->set->conv, false, &plain, NULL) == 0 &&
		      plain == v))
		return;
	int d = 0;
	while (d < 10) {
		double back;
		soem_num_format(v, d, SOEM_NUM_SV, b, sizeof b);
		if (soem_num_parse(b, SOEM_NUM_SV, false, &back, NULL) == 0 &&
		    fabs(back - v) <= 1e-9 * fmax(1, fabs(v)))
			break;
		d++;
	}
	soem_num_format(v, d, SOEM_NUM_SV, b, sizeof b);
	snprintf(u->read_note, sizeof u->read_note, _("\"%s\" read as %s"),
		 soem_term_tmp(text), b);
}

bool ui_parse(struct ui *u, const char *text, bool share, double *v,
	      const char **why)
{
	const char *w = NULL;
	const char *t = text;
	u->read_note[0] = '\0';
	while (*t == ' ')
		t++;
	if (!*t) {
		*why = share ? /* xgettext:no-c-format */ _("a value is needed here (a share such as 10 % or 0,10)")
			     : _("a value is needed here (a number such as 1234,5)");
		return false;
	}
	if (soem_num_parse_field(text, u->set->conv, share, v, &w) != 0) {
		*why = w ? _(w) : _("expected a number such as 1234,5");
		return false;
	}
	read_note(u, t, share, *v);
	return true;
}

bool ui_parse_int(struct ui *u, const char *text, int lo, int hi,
		  int *v, const char **why)
{
	static char b[160];
	double d;
	if (!ui_parse(u, text, false, &d, why))
		return false;
	if (d != floor(d) || d < lo || d > hi) {
		snprintf(b, sizeof b, _("expected a whole number from %d to %d"),
			 lo, hi);
		*why = b;
		return false;
	}
	*v = (int)d;
	return true;
}

const char *ui_text(const struct ui *u, const soem_text *t)
{
	return soem_text_get(t, u->set->ui_lang, u->kb ? u->kb->language : NULL);
}

void ui_msg(struct ui *u, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof u->msg, fmt, ap);
	va_end(ap);
	u->msg_error = error;
}

/* ---------------------------------------------------------------------
 * Layout
 */

static void del(WINDOW **w)
{
	if (*w)
		delwin(*w);
	*w = NULL;
}

void ui_frame_invalidate(struct ui *u)
{
	u->frame_gen++;
	if (!u->frame_gen)
		u->frame_gen++;
}

/* The frame's windows tile the screen: each is a part of stdscr (derwin)
 * rather than a window of its own, so that a wizard holds its 80x24
 * cells once, not twice (issue 18: memory per user).  Only the frame
 * draws on them; a popup is a window of its own over them. */
static WINDOW *mk(int h, int w, int y, int x)
{
	WINDOW *win = derwin(stdscr, h, w, y, x);
	if (win) {
		keypad(win, TRUE);
		touchwin(win); /* all of it goes out, as with newwin */
	}
	return win;
}

void ui_layout(struct ui *u)
{
	ui_frame_invalidate(u);
	getmaxyx(stdscr, u->rows, u->cols);
	del(&u->wtitle);
	del(&u->wtabs);
	del(&u->wmain);
	del(&u->wsep);
	del(&u->wguide);
	del(&u->wmsg);
	del(&u->wkeys);
	u->small = u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS;
	if (u->small)
		return;
	int r = u->rows, c = u->cols;
	/* blank, as new windows of their own would be (stdscr may still
	 * hold the notice of a small window) */
	werase(stdscr);
	u->main_h = r - 2 - 1 - UI_GUIDE_ROWS - 1 - 2;
	u->wtitle = mk(1, c, 0, 0);
	u->wtabs = mk(1, c, 1, 0);
	u->wmain = mk(u->main_h, c, 2, 0);
	u->wsep = mk(1, c, 2 + u->main_h, 0);
	u->wguide = mk(UI_GUIDE_ROWS, c, 3 + u->main_h, 0);
	u->wmsg = mk(1, c, r - 3, 0);
	u->wkeys = mk(2, c, r - 2, 0);
	if (!u->wtitle || !u->wtabs || !u->wmain || !u->wsep || !u->wguide ||
	    !u->wmsg || !u->wkeys)
		u->small = true;
}

/* ---------------------------------------------------------------------
 * The parts of the frame
 */

static void draw_title(struct ui *u)
{
	WINDOW *w = u->wtitle;
	char left[512], right[256], b[SOEM_NUM_BUFSIZE];
	werase(w);
	wbkgdset(w, ' ' | ui_attr(u, R_TITLE));
	werase(w);
	wattrset(w, ui_attr(u, R_TITLE));
	right[0] = '\0';
	if (u->screen == SCR_START || !u->calc) {
		snprintf(left, sizeof left, " soem %s  %s", PACKAGE_VERSION,
			 _("budget effects of social interventions (SØM)"));
	} else {
		const char *name = u->calc->intervention.name;
		const char *file = u->path ? strrchr(u->path, '/') : NULL;
		file = file ? file + 1 : u->path;
		if (u->res)
			snprintf(right, sizeof right, "%s %s %s ",
				 _("Net present value:"),
				 ui_num(u, u->res->pv_net[u->res->npayers], 0, b,
					sizeof b),
				 u->kb->currency ? u->kb->currency : "");
		else
			snprintf(right, sizeof right, "%s %s ",
				 _("Net present value:"), _("not yet"));
		/* the name gives way to the file name and the summary */
		char tail[400], scen[200] = "";
		if (u->scenario_of)
			snprintf(scen, sizeof scen, _(", scenario of %s"),
				 u->scenario_of);
		snprintf(tail, sizeof tail, "  [%s%s%s%s]",
			 file ? file : _("not saved yet"), scen,
			 u->dirty ? _(", changed") : "",
			 u->readonly ? _(", read-only") : "");
		int room = u->cols - ui_width(u, right) - ui_width(u, tail) - 3;
		wmove(w, 0, 0);
		waddch(w, ' ');
		ui_puts(u, w, name && *name ? name : _("(new calculation)"),
			room > 8 ? room : 8);
		snprintf(left, sizeof left, "%s", tail);
		int lx = getcurx(w);
		int rw = ui_width(u, right);
		ui_puts(u, w, left, u->cols - rw - lx - 1);
		wmove(w, 0, u->cols - rw);
		ui_puts(u, w, right, rw);
		wattrset(w, A_NORMAL);
		wnoutrefresh(w);
		return;
	}
	int rw = ui_width(u, right);
	int lw = u->cols - rw - 1;
	wmove(w, 0, 0);
	ui_puts(u, w, left, lw);
	if (rw) {
		wmove(w, 0, u->cols - rw);
		ui_puts(u, w, right, rw);
	}
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

/* The first n characters of s (UTF-8) into b. */
static void prefix(const char *s, int n, char *b, size_t size)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && n > 0 && o + 5 < size) {
		unsigned cp;
		size_t len = utf8_dec(p, &cp);
		memcpy(b + o, p, len);
		o += len;
		p += len;
		n--;
	}
	b[o] = '\0';
}

static int chars(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			n++;
	return n;
}

static bool step_missing(const struct ui *u, int s)
{
	if (s == SOEM_STEP_RESULTS)
		return !u->res;
	return soem_issues_count(&u->issues, (enum soem_step)s,
				 SOEM_ISSUE_MISSING) > 0;
}

/* The Prices step was looked at: shown since the file was opened, or the
 * file has prices of its own or a note on the step (written there). */
static bool prices_seen(const struct ui *u)
{
	if (u->seen[SOEM_STEP_PRICES])
		return true;
	if (!u->calc)
		return false;
	if (u->calc->nprices > 0)
		return true;
	const char *note = soem_calc_note(u->calc,
					  soem_step_name(SOEM_STEP_PRICES));
	return note && *note;
}

static void draw_tabs(struct ui *u)
{
	WINDOW *w = u->wtabs;
	werase(w);
	if (u->screen != SCR_STEP || !u->calc) {
		wnoutrefresh(w);
		return;
	}
	const char *label[SOEM_STEP_COUNT];
	int longest = 0;
	u->seen[u->step] = true;
	for (int s = 0; s < SOEM_STEP_COUNT; s++) {
		label[s] = _(ui_steps[s].tab);
		if (chars(label[s]) > longest)
			longest = chars(label[s]);
	}
	/* "1 Intervention! 2 Target! ...": ! = something is missing, a tick
	 * = nothing is; the Results step's state is the title's summary.
	 * The other steps' names are shortened until the list fits. */
	int maxlen = longest;
	for (; maxlen > 0; maxlen--) {
		int total = 0;
		for (int s = 0; s < SOEM_STEP_COUNT; s++) {
			int l = chars(label[s]);
			if (s != u->step && l > maxlen)
				l = maxlen;
			total += (s ? 1 : 0) + 2 + l +
				 (s == SOEM_STEP_RESULTS ? 0 : 1);
		}
		if (total <= u->cols)
			break;
	}
	wmove(w, 0, 0);
	for (int s = 0; s < SOEM_STEP_COUNT; s++) {
		char b[128], t[160];
		int keep = s == u->step ? 1000 : maxlen;
		if (chars(label[s]) > keep && keep > 1) {
			/* a shortened name says so */
			prefix(label[s], keep - 1, b, sizeof b - 4);
			snprintf(b + strlen(b), sizeof b - strlen(b), "%s",
				 ui_glyph(u, G_ELLIPSIS));
		} else {
			prefix(label[s], keep, b, sizeof b);
		}
		/* Prices has nothing to fill in by default: no tick before
		 * the user has looked at them (issue 14), in this session or
		 * as the file shows: prices of its own or a note on them */
		const char *mark = s == SOEM_STEP_RESULTS ? ""
				   : step_missing(u, s) ? ui_glyph(u, G_TODO)
				   : s == SOEM_STEP_PRICES && !prices_seen(u) ? ""
							: ui_glyph(u, G_DONE);
		snprintf(t, sizeof t, "%d %s%s", s + 1, b, mark);
		if (s)
			waddch(w, ' ');
		wattrset(w, ui_attr(u, s == u->step ? R_TAB_CUR : R_TAB));
		int room = u->cols - getcurx(w);
		if (room <= 0)
			break;
		ui_puts(u, w, t, room);
		wattrset(w, A_NORMAL);
	}
	wnoutrefresh(w);
}

/* The lines ui_wrap makes, counted up to 16; the first keep of them are
 * kept in lines (the guidance keeps only the lines it shows: 8 kB less
 * on the stack at every frame, issue 18: memory per extra wizard). */
struct wrapcollect {
	char (*lines)[512];
	int keep;
	int n;
};

static void collect(void *arg, const char *line, size_t len)
{
	struct wrapcollect *c = arg;
	if (c->n >= 16)
		return;
	if (c->n < c->keep) {
		if (len >= sizeof c->lines[0])
			len = sizeof c->lines[0] - 1;
		memcpy(c->lines[c->n], line, len);
		c->lines[c->n][len] = '\0';
	}
	c->n++;
}

static const char *start_guide(void)
{
	return _("soem computes what a social intervention does to public budgets, per payer and year, in the way of the Danish SØM model. Choose with the arrow keys and Enter. A new calculation leads you through seven steps; F1 or ? shows help on every screen.");
}

static void draw_sep_guide(struct ui *u)
{
	char detail[512] = "";
	const char *guide;
	if (u->screen == SCR_STEP && u->calc) {
		const struct ui_step *st = &ui_steps[u->step];
		if (ui_gbar_on(u))
			ui_gbar_detail(u, detail, sizeof detail);
		else if (st->detail)
			st->detail(u, &u->view[u->step], detail,
				   sizeof detail);
		guide = _(st->guide);
	} else if (u->screen == SCR_DESIGN) {
		ui_design_detail(u, detail, sizeof detail);
		guide = ui_design_guide(u);
	} else {
		guide = start_guide();
	}
	/* the separator and the guidance change with the step or the cell,
	 * not at every key: drawn (and wrapped) again only when their text,
	 * the width or the colours changed or something drew over them
	 * (issue 18: instructions per key) */
	struct ui_guide_drawn *d = &u->guide_drawn;
	if (d->gen == u->frame_gen && d->gen && d->cols == u->cols &&
	    d->ascii == u->ascii && d->color == u->color &&
	    strcmp(detail, d->detail) == 0 && strcmp(guide, d->guide) == 0)
		return;
	size_t glen = strlen(guide);
	if (glen >= d->cap) {
		free(d->guide);
		d->cap = glen + 1 > 256 ? glen + 1 : 256;
		d->guide = xmalloc(d->cap);
	}
	memcpy(d->guide, guide, glen + 1);
	d->gen = u->frame_gen;
	snprintf(d->detail, sizeof d->detail, "%s", detail);
	d->cols = u->cols;
	d->ascii = u->ascii;
	d->color = u->color;
	WINDOW *w = u->wsep;
	werase(w);
	ui_hline(u, w, 0, 0, u->cols);
	wmove(w, 0, 2);
	waddch(w, ' ');
	wattrset(w, detail[0] ? A_NORMAL : ui_attr(u, R_GUIDE));
	ui_puts(u, w, detail[0] ? detail : _("Guidance"), u->cols - 6);
	wattrset(w, A_NORMAL);
	waddch(w, ' ');
	wnoutrefresh(w);

	w = u->wguide;
	werase(w);
	char lines[UI_GUIDE_ROWS][512];
	struct wrapcollect c = { lines, UI_GUIDE_ROWS, 0 };
	ui_wrap(u, guide, u->cols - 2, collect, &c);
	int rows = getmaxy(w);
	wattrset(w, ui_attr(u, R_GUIDE));
	for (int i = 0; i < c.n && i < rows && i < c.keep; i++) {
		wmove(w, i, 1);
		if (i == rows - 1 && c.n > rows) {
			const char *more = _("(more: F1)");
			int mw = ui_width(u, more) + 1;
			ui_puts(u, w, c.lines[i], u->cols - 2 - mw);
			waddch(w, ' ');
			ui_puts(u, w, more, mw);
		} else {
			ui_puts(u, w, c.lines[i], u->cols - 2);
		}
	}
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

/* The issues of kind k on the current step, joined, into b. */
static size_t join_issues(const struct ui *u, int k, char *b, size_t n)
{
	size_t o = 0, count = 0;
	b[0] = '\0';
	for (size_t i = 0; i < u->issues.n && o < n; i++) {
		const soem_issue *is = &u->issues.v[i];
		if ((int)is->step != u->step || (int)is->kind != k)
			continue;
		o += (size_t)snprintf(b + o, n - o, "%s%s", count ? "; " : "",
				      is->msg);
		count++;
	}
	return count;
}

static void draw_msg(struct ui *u)
{
	WINDOW *w = u->wmsg;
	char b[1024], t[1200];
	werase(w);
	wmove(w, 0, 0);
	if (u->msg[0]) {
		wattrset(w, ui_attr(u, u->msg_error ? R_ERROR : R_INFO));
		snprintf(t, sizeof t, "%s %s", u->msg_error ? "!" : " ",
			 u->msg);
		ui_puts(u, w, t, u->cols);
	} else if (u->screen == SCR_STEP && u->calc) {
		if (u->step == SOEM_STEP_RESULTS) {
			size_t n = soem_issues_count(&u->issues, SOEM_STEP_COUNT,
						     SOEM_ISSUE_MISSING);
			if (n) {
				snprintf(t, sizeof t,
					 P_("Not complete: %zu thing is missing (the steps marked ! say what).",
					    "Not complete: %zu things are missing (the steps marked ! say what).",
					    n),
					 n);
				wattrset(w, A_BOLD);
			} else {
				snprintf(t, sizeof t, "%s",
					 _("Every step is filled in."));
				wattrset(w, ui_attr(u, R_GOOD));
			}
		} else if (join_issues(u, SOEM_ISSUE_MISSING, b, sizeof b)) {
			snprintf(t, sizeof t, "%s %s", _("Missing:"), b);
			wattrset(w, A_BOLD);
		} else if (join_issues(u, SOEM_ISSUE_WARNING, b, sizeof b)) {
			snprintf(t, sizeof t, "%s %s", _("Check:"), b);
			wattrset(w, ui_attr(u, R_WARN));
		} else {
			snprintf(t, sizeof t, "%s",
				 _("Nothing is missing on this step."));
			wattrset(w, ui_attr(u, R_GOOD));
		}
		ui_puts(u, w, t, u->cols);
	}
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

static void draw_small(struct ui *u)
{
	WINDOW *w = stdscr;
	ui_frame_invalidate(u);
	char b[256];
	werase(w);
	int y = u->rows / 2 - 1;
	if (y < 0)
		y = 0;
	snprintf(b, sizeof b, _("soem needs a window of at least %dx%d characters (this one is %dx%d)."),
		 UI_MIN_COLS, UI_MIN_ROWS, u->cols, u->rows);
	char lines[16][512];
	struct wrapcollect c = { lines, 16, 0 };
	ui_wrap(u, b, u->cols > 2 ? u->cols - 2 : 1, collect, &c);
	for (int i = 0; i < c.n && y + i < u->rows; i++) {
		wmove(w, y + i, 1);
		ui_puts(u, w, c.lines[i], u->cols - 1);
	}
	int y2 = y + c.n + 1;
	if (y2 < u->rows) {
		wmove(w, y2, 1);
		wattrset(w, A_BOLD);
		ui_puts(u, w, _("Please enlarge the window."), u->cols - 1);
		wattrset(w, A_NORMAL);
	}
	wnoutrefresh(w);
}

void ui_step_heading(struct ui *u, WINDOW *w, const char *right)
{
	char b[256];
	snprintf(b, sizeof b, _("Step %d of %d: %s"), u->step + 1,
		 SOEM_STEP_COUNT, _(ui_steps[u->step].title));
	int rw = right ? ui_width(u, right) : 0;
	wmove(w, 0, 1);
	wattrset(w, A_BOLD);
	ui_puts(u, w, b, u->cols - rw - 3);
	wattrset(w, A_NORMAL);
	if (rw) {
		wmove(w, 0, u->cols - rw - 1);
		ui_puts(u, w, right, rw);
	}
}

void ui_note_line(struct ui *u, WINDOW *w, int y)
{
	const char *note = soem_calc_note(u->calc,
					  soem_step_name((enum soem_step)u->step));
	char b[600];
	if (note && *note)
		snprintf(b, sizeof b, "%s %s", _("Note:"), note);
	else
		snprintf(b, sizeof b, "%s %s", _("Note:"),
			 _("none yet (Ctrl-R writes one: why these figures?)"));
	wmove(w, y, 1);
	wattrset(w, note && *note ? A_NORMAL : ui_attr(u, R_DIM));
	ui_puts(u, w, b, u->cols - 2);
	wattrset(w, A_NORMAL);
}

void ui_draw(struct ui *u)
{
	u->cur_win = NULL;
	if (u->small || !u->wmain) {
		draw_small(u);
		return;
	}
	draw_title(u);
	draw_tabs(u);
	bool start = u->screen != SCR_DESIGN &&
		     (u->screen == SCR_START || !u->calc);
	/* the start screen after a move: only what changed (start.c) */
	if (!start || !ui_start_update(u, u->wmain)) {
		werase(u->wmain);
		u->start.start.drawn_gen = 0;
		if (u->screen == SCR_DESIGN)
			ui_design_draw(u, u->wmain, u->main_h);
		else if (start)
			ui_start_draw(u, u->wmain, u->main_h);
		else
			ui_steps[u->step].draw(u, &u->view[u->step],
					       u->wmain, u->main_h);
	}
	wnoutrefresh(u->wmain);
	draw_sep_guide(u);
	draw_msg(u);
	ui_draw_keybar(u, ui_scope(u));
}

void ui_refresh(struct ui *u)
{
	ui_draw(u);
	if (u->cur_win && !u->small) {
		wmove(u->cur_win, u->cur_y, u->cur_x);
		wnoutrefresh(u->cur_win);
		curs_set(1);
		leaveok(newscr, FALSE);
	} else {
		curs_set(0);
		/* an invisible cursor stays where the drawing left it: no
		 * move back to the last window's cursor at every key */
		leaveok(newscr, TRUE);
	}
	doupdate();
}
