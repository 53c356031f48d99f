/* widgets.c - the line editor, the table with a fixed first column and
 * sideways scrolling, and the popups: a list to pick from (type to
 * filter), a question, a text prompt and a pager. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/uipriv.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define CTRL(c) ((c)&0x1f)
#define ESC 27

/* ---------------------------------------------------------------------
 * The line editor
 */

void ui_edit_start(struct ui_edit *e, const char *text, bool numeric)
{
	snprintf(e->buf, sizeof e->buf, "%s", text ? text : "");
	/* one line: newlines become blanks */
	for (char *p = e->buf; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	e->len = strlen(e->buf);
	e->cur = e->len;
	e->scroll = 0;
	e->numeric = numeric;
	e->proposed = false;
	e->active = true;
}

static size_t prev_cp(const struct ui_edit *e, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && ((unsigned char)e->buf[at] & 0xC0) == 0x80)
		at--;
	return at;
}

static size_t next_cp(const struct ui_edit *e, size_t at)
{
	if (at >= e->len)
		return e->len;
	at++;
	while (at < e->len && ((unsigned char)e->buf[at] & 0xC0) == 0x80)
		at++;
	return at;
}

static void cut(struct ui_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
}

static void insert(struct ui_edit *e, unsigned cp)
{
	char u8[4];
	size_t n;
	if (cp < 0x80) {
		u8[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u8[0] = (char)(0xC0 | (cp >> 6));
		u8[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u8[0] = (char)(0xE0 | (cp >> 12));
		u8[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u8[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u8[0] = (char)(0xF0 | (cp >> 18));
		u8[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u8[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u8[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	if (e->len + n >= sizeof e->buf)
		return;
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, u8, n);
	e->len += n;
	e->cur += n;
}

enum ui_edit_end ui_edit_key(struct ui_edit *e, int ch, bool is_key)
{
	/* a proposal is replaced by typing, and kept by anything else */
	if (e->proposed) {
		e->proposed = false;
		if (!is_key && ch >= ' ' && ch != 127) {
			e->len = e->cur = 0;
			e->buf[0] = '\0';
		}
	}
	if (is_key) {
		switch (ch) {
		case KEY_LEFT: e->cur = prev_cp(e, e->cur); return ED_GOING;
		case KEY_RIGHT: e->cur = next_cp(e, e->cur); return ED_GOING;
		case KEY_HOME: e->cur = 0; return ED_GOING;
		case KEY_END: e->cur = e->len; return ED_GOING;
		case KEY_BACKSPACE:
			if (e->cur)
				cut(e, prev_cp(e, e->cur), e->cur);
			return ED_GOING;
		case KEY_DC:
			if (e->cur < e->len)
				cut(e, e->cur, next_cp(e, e->cur));
			return ED_GOING;
		case KEY_UP: return ED_COMMIT_UP;
		case KEY_DOWN: return ED_COMMIT_DOWN;
		case KEY_BTAB: return ED_COMMIT_PREV;
		case KEY_ENTER: return ED_COMMIT;
		case KEY_RESIZE: return ED_GOING;
		default: return ED_COMMIT_PASS;
		}
	}
	switch (ch) {
	case '\n':
	case '\r': return ED_COMMIT;
	case ESC: return ED_CANCEL;
	case '\t': return ED_COMMIT_NEXT;
	case 127:
	case CTRL('H'):
		if (e->cur)
			cut(e, prev_cp(e, e->cur), e->cur);
		return ED_GOING;
	case CTRL('D'):
		if (e->cur < e->len)
			cut(e, e->cur, next_cp(e, e->cur));
		return ED_GOING;
	case CTRL('A'): e->cur = 0; return ED_GOING;
	case CTRL('E'): e->cur = e->len; return ED_GOING;
	case CTRL('U'): cut(e, 0, e->cur); return ED_GOING;
	case CTRL('K'): cut(e, e->cur, e->len); return ED_GOING;
	default: break;
	}
	if (ch < ' ')
		return ED_COMMIT_PASS;
	insert(e, (unsigned)ch);
	return ED_GOING;
}

/* The field's text as code points (ASCII mode: the first letter of each
 * one's transliteration). */
static size_t edit_cps(struct ui *u, const struct ui_edit *e, wchar_t *w,
		       size_t max, size_t *cur)
{
	size_t n = 0;
	*cur = 0;
	for (size_t i = 0; i < e->len && n < max;) {
		if (i == e->cur)
			*cur = n;
		unsigned char c = (unsigned char)e->buf[i];
		size_t len = 1;
		unsigned cp = c;
		if (c >= 0x80) {
			if ((c & 0xE0) == 0xC0) {
				len = 2;
				cp = c & 0x1F;
			} else if ((c & 0xF0) == 0xE0) {
				len = 3;
				cp = c & 0x0F;
			} else {
				len = 4;
				cp = c & 0x07;
			}
			for (size_t k = 1; k < len && i + k < e->len; k++)
				cp = (cp << 6) | ((unsigned char)e->buf[i + k] & 0x3F);
		}
		if (u->ascii && cp >= 0x80)
			cp = '?';
		w[n++] = (wchar_t)cp;
		i += len;
	}
	if (e->cur >= e->len)
		*cur = n;
	return n;
}

void ui_edit_draw(struct ui *u, WINDOW *w, int y, int x, int width,
		  struct ui_edit *e)
{
	wchar_t cps[1100];
	size_t cur;
	size_t n = edit_cps(u, e, cps, 1100, &cur);
	if (width < 2)
		width = 2;
	/* keep the cursor in view (the last column is for the cursor) */
	if ((int)cur < e->scroll)
		e->scroll = (int)cur;
	if ((int)cur > e->scroll + width - 1)
		e->scroll = (int)cur - width + 1;
	if (e->scroll < 0)
		e->scroll = 0;
	wmove(w, y, x);
	/* a proposal shows selected, as typing replaces it */
	wattrset(w, e->proposed ? A_REVERSE : A_UNDERLINE | A_BOLD);
	int col = 0, curx = x;
	for (size_t i = (size_t)e->scroll; i <= n && col < width; i++) {
		if (i == cur)
			curx = x + col;
		if (i == n)
			break;
		int cw = wcwidth(cps[i]);
		if (cw < 1)
			cw = 1;
		if (col + cw > width)
			break;
		waddnwstr(w, &cps[i], 1);
		col += cw;
	}
	for (; col < width; col++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
	u->cur_win = w;
	u->cur_y = y;
	u->cur_x = curx;
}

/* ---------------------------------------------------------------------
 * The table
 */

static void cell_of(struct ui *u, const struct ui_griddef *def, int r, int c,
		    struct ui_cell *out)
{
	out->text[0] = '\0';
	out->edit[0] = '\0';
	out->kind = CK_LABEL;
	out->right = false;
	out->share = false;
	out->attr = 0;
	out->role = 0;
	out->placeholder = false;
	if (r < 0 || r >= def->nrows || c < 0 || c >= def->ncols)
		return;
	def->cell(u, def->view, r, c, out);
}

static enum ui_row_type row_type(struct ui *u, const struct ui_griddef *def,
				 int r)
{
	return def->row_type ? def->row_type(u, def->view, r) : ROW_DATA;
}

static bool sel(struct ui *u, const struct ui_griddef *def, int r, int c)
{
	if (r < 0 || r >= def->nrows || c < 0 || c >= def->ncols)
		return false;
	if (row_type(u, def, r) != ROW_DATA)
		return false;
	struct ui_cell cl;
	cell_of(u, def, r, c, &cl);
	return cl.kind != CK_LABEL;
}

static int row_first(struct ui *u, const struct ui_griddef *def, int r)
{
	for (int c = 0; c < def->ncols; c++)
		if (sel(u, def, r, c))
			return c;
	return -1;
}

/* The selectable cell of row r nearest to column c, or -1. */
static int row_near(struct ui *u, const struct ui_griddef *def, int r, int c)
{
	for (int d = 0; d < def->ncols; d++) {
		if (sel(u, def, r, c - d))
			return c - d;
		if (sel(u, def, r, c + d))
			return c + d;
	}
	return -1;
}

void ui_grid_fix(struct ui *u, const struct ui_griddef *def,
		 struct ui_grid *g)
{
	if (g->r >= def->nrows)
		g->r = def->nrows - 1;
	if (g->r < 0)
		g->r = 0;
	if (sel(u, def, g->r, g->c))
		return;
	for (int d = 0; d < def->nrows; d++) {
		int rs[2] = { g->r + d, g->r - d };
		for (int k = 0; k < 2; k++) {
			int c = row_near(u, def, rs[k], g->c);
			if (c >= 0) {
				g->r = rs[k];
				g->c = c;
				return;
			}
		}
	}
}

enum ui_cell_kind ui_grid_cur_kind(struct ui *u, const struct ui_griddef *def,
				   const struct ui_grid *g)
{
	if (!sel(u, def, g->r, g->c))
		return CK_LABEL;
	struct ui_cell cl;
	cell_of(u, def, g->r, g->c, &cl);
	return cl.kind;
}

#define GUTTER 2

static int fixed_width(const struct ui_griddef *def)
{
	int w = GUTTER;
	for (int c = 0; c < def->nfixed && c < def->ncols; c++)
		w += def->width[c] + 1;
	return w;
}

/* Makes the cursor's column visible; returns the last visible column. */
static int scroll_cols(const struct ui_griddef *def, struct ui_grid *g,
		       int total)
{
	int avail = total - fixed_width(def);
	if (g->left < def->nfixed)
		g->left = def->nfixed;
	if (g->c >= def->nfixed) {
		if (g->c < g->left)
			g->left = g->c;
		for (;;) {
			int w = 0;
			for (int c = g->left; c <= g->c; c++)
				w += def->width[c] + 1;
			if (w <= avail || g->left >= g->c)
				break;
			g->left++;
		}
	}
	int w = 0, last = g->left - 1;
	for (int c = g->left; c < def->ncols; c++) {
		if (w + def->width[c] + 1 > avail)
			break;
		w += def->width[c] + 1;
		last = c;
	}
	return last;
}

void ui_scroll_marks(struct ui *u, WINDOW *w, int y0, int y1, int xr,
		     bool above, bool below)
{
	char b[96];
	for (int k = 0; k < 2; k++) {
		if (!(k ? below : above))
			continue;
		snprintf(b, sizeof b, " %s %s ",
			 ui_glyph(u, k ? G_MORE_DOWN : G_MORE_UP),
			 k ? _("more below") : _("more above"));
		int bw = ui_width(u, b);
		if (bw > xr)
			bw = xr;
		ui_cell_put(u, w, k ? y1 : y0, xr - bw, b, bw, false,
			    A_NORMAL);
	}
}

/* attributes that show on a blank cell */
#define SHOWS_ON_BLANK (A_REVERSE | A_UNDERLINE | A_STANDOUT | A_COLOR)

/* The blanks of a table row (columns x0 to x1 - 1) in the attribute that
 * costs the fewest bytes, where it does not show (dim, bold): the one of
 * the text after them, so that a dim row is one run of one attribute and
 * not an attribute change at every cell; and blanks after the row's last
 * text plain, which ncurses clears, and shifts with a delete-character,
 * instead of rewriting them when the years scroll sideways (issue 18:
 * bytes per cursor move). */
static void blank_runs(WINDOW *w, int y, int x0, int x1)
{
	attr_t next = A_NORMAL;
	for (int x = x1 - 1; x >= x0; x--) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t at;
		short pair;
		if (mvwin_wch(w, y, x, &cc) == ERR ||
		    getcchar(&cc, wc, &at, &pair, NULL) == ERR)
			return;
		at &= ~A_COLOR;
		bool shows = (at & SHOWS_ON_BLANK) || pair != 0;
		if (wc[0] != L' ' || wc[1] != L'\0' || shows) {
			next = shows ? A_NORMAL : at;
			continue;
		}
		if (at != next)
			mvwchgat(w, y, x, 1, next, 0, NULL);
	}
}

void ui_grid_draw(struct ui *u, WINDOW *w, int y, int height,
		  const struct ui_griddef *def, struct ui_grid *g)
{
	int W = getmaxx(w);
	if (def->nrows > 0)
		ui_grid_fix(u, def, g);
	int body = height - (def->head ? 1 : 0);
	if (body < 1)
		return;
	g->page = body;
	if (g->r < g->top)
		g->top = g->r;
	if (g->r >= g->top + body)
		g->top = g->r - body + 1;
	/* show the heading above the first row of a group */
	if (g->top > 0 && g->r == g->top &&
	    row_type(u, def, g->top - 1) == ROW_HEADING)
		g->top--;
	if (g->top > def->nrows - body)
		g->top = def->nrows - body > 0 ? def->nrows - body : 0;
	if (g->r < g->top)
		g->top = g->r;
	int last = scroll_cols(def, g, W);

	int yy = y;
	if (def->head) {
		int x = GUTTER;
		wmove(w, yy, 0);
		if (g->left > def->nfixed)
			ui_cell_put(u, w, yy, 0, ui_glyph(u, G_MORE_LEFT), 1,
				    false, A_NORMAL);
		for (int c = 0; c < def->ncols; c++) {
			if (c >= def->nfixed && (c < g->left || c > last))
				continue;
			ui_cell_put(u, w, yy, x, def->head[c], def->width[c],
				    false, ui_attr(u, R_HEAD));
			/* the blank between two headings in their attribute:
			 * one run, not two attribute changes per column */
			if (c + 1 < def->ncols && c < last &&
			    x + def->width[c] < W)
				mvwaddch(w, yy, x + def->width[c],
					 ' ' | ui_attr(u, R_HEAD));
			x += def->width[c] + 1;
		}
		if (last < def->ncols - 1 && x < W)
			ui_cell_put(u, w, yy, W - 1, ui_glyph(u, G_MORE_RIGHT),
				    1, false, A_NORMAL);
		yy++;
	}
	for (int i = 0; i < body; i++) {
		int r = g->top + i;
		if (r >= def->nrows)
			break;
		enum ui_row_type rt = row_type(u, def, r);
		if (rt == ROW_BLANK)
			continue;
		struct ui_cell cl;
		if (rt == ROW_HEADING) {
			cell_of(u, def, r, 0, &cl);
			wmove(w, yy + i, 0);
			/* only the text: trailing blanks in its attribute would
			 * be sent at every scroll (issue 18) */
			int hw = ui_width(u, cl.text);
			ui_cell_put(u, w, yy + i, 1, cl.text,
				    hw < W - 2 ? hw : W - 2, false,
				    ui_attr(u, (enum ui_role)(cl.role ? cl.role
									: R_AREA)));
			continue;
		}
		/* the gutter's marks in the plain attribute: an attribute
		 * change costs more bytes than the mark (issue 18) */
		/* no cursor while the focus is on the group bar */
		bool bar = ui_gbar_on(u);
		if (r == g->r && !bar)
			ui_cell_put(u, w, yy + i, 0, ui_glyph(u, G_ROW), 1,
				    false, A_NORMAL);
		int x = GUTTER;
		for (int c = 0; c < def->ncols; c++) {
			if (c >= def->nfixed && (c < g->left || c > last))
				continue;
			int cw = def->width[c];
			/* forms: run on over empty label cells */
			int c0 = c;
			while (def->span && c + 1 < def->ncols &&
			       (c + 1 < def->nfixed || c + 1 <= last)) {
				struct ui_cell nx;
				cell_of(u, def, r, c + 1, &nx);
				if (nx.kind != CK_LABEL || nx.text[0])
					break;
				c++;
				cw += def->width[c] + 1;
			}
			bool here = r == g->r && c0 == g->c && !bar;
			if (here && u->ed.active &&
			    u->ed.step == (u->screen == SCR_DESIGN ? UI_ED_DESIGN
								   : u->step) &&
			    u->ed.r == r && u->ed.c == c0) {
				ui_edit_draw(u, w, yy + i, x, cw, &u->ed);
				x += cw + 1;
				continue;
			}
			cell_of(u, def, r, c0, &cl);
			attr_t a = cl.attr;
			if (cl.role)
				a |= ui_attr(u, (enum ui_role)cl.role);
			if (here)
				a |= A_REVERSE;
			ui_cell_put(u, w, yy + i, x, cl.text, cw, cl.right, a);
			x += cw + 1;
		}
		blank_runs(w, yy + i, GUTTER, W);
	}
	/* rows hidden above or below: a mark in the gutter of the first and
	 * last row shown (the cursor's own row keeps its mark) */
	if (g->top > 0 && g->r != g->top)
		ui_cell_put(u, w, yy, 0, ui_glyph(u, G_MORE_UP), 1, false,
			    A_NORMAL);
	if (g->top + body < def->nrows && g->r != g->top + body - 1)
		ui_cell_put(u, w, yy + body - 1, 0, ui_glyph(u, G_MORE_DOWN),
			    1, false, A_NORMAL);
	if (!u->ed.active)
		u->text_focus = ui_grid_cur_kind(u, def, g) == CK_TEXT &&
				!ui_gbar_on(u);
}

static void move_row(struct ui *u, const struct ui_griddef *def,
		     struct ui_grid *g, int dir, int count)
{
	int r = g->r, best = -1, bestc = -1;
	for (int k = 0; k < count; k++) {
		int rr = r + dir;
		int c = -1;
		while (rr >= 0 && rr < def->nrows &&
		       (c = row_near(u, def, rr, g->c)) < 0)
			rr += dir;
		if (rr < 0 || rr >= def->nrows || c < 0)
			break;
		r = rr;
		best = rr;
		bestc = c;
	}
	if (best >= 0) {
		g->r = best;
		g->c = bestc;
	}
}

static bool start_edit(struct ui *u, const struct ui_griddef *def,
		       struct ui_grid *g, const char *init, bool replace)
{
	struct ui_cell cl;
	cell_of(u, def, g->r, g->c, &cl);
	if (cl.kind != CK_TEXT && cl.kind != CK_NUM)
		return false;
	ui_edit_start(&u->ed,
		      replace ? init
		      : cl.edit[0] || cl.placeholder ? cl.edit : cl.text,
		      cl.kind == CK_NUM);
	u->ed.step = u->screen == SCR_DESIGN ? UI_ED_DESIGN : u->step;
	u->ed.r = g->r;
	u->ed.c = g->c;
	return true;
}

static bool number_char(int ch)
{
	return (ch >= '0' && ch <= '9') || ch == '-' || ch == '+' ||
	       ch == '.' || ch == ',';
}

bool ui_grid_key(struct ui *u, const struct ui_griddef *def,
		 struct ui_grid *g, enum ui_act a, int ch, bool is_key)
{
	if (def->nrows == 0)
		return false;
	ui_grid_fix(u, def, g);
	struct ui_cell cl;
	cell_of(u, def, g->r, g->c, &cl);
	bool ok = sel(u, def, g->r, g->c);
	switch (a) {
	case ACT_UP:
		move_row(u, def, g, -1, 1);
		return true;
	case ACT_DOWN:
		move_row(u, def, g, 1, 1);
		return true;
	case ACT_PGUP:
		move_row(u, def, g, -1, g->page > 1 ? g->page - 1 : 1);
		return true;
	case ACT_PGDN:
		move_row(u, def, g, 1, g->page > 1 ? g->page - 1 : 1);
		return true;
	case ACT_LEFT:
		for (int c = g->c - 1; c >= 0; c--)
			if (sel(u, def, g->r, c)) {
				g->c = c;
				break;
			}
		return true;
	case ACT_RIGHT:
		for (int c = g->c + 1; c < def->ncols; c++)
			if (sel(u, def, g->r, c)) {
				g->c = c;
				break;
			}
		return true;
	case ACT_HOME: {
		int c = row_first(u, def, g->r);
		if (c >= 0 && c != g->c) {
			g->c = c;
		} else {
			g->r = 0;
			g->c = 0;
			ui_grid_fix(u, def, g);
		}
		return true;
	}
	case ACT_END:
		for (int c = def->ncols - 1; c >= 0; c--)
			if (sel(u, def, g->r, c)) {
				if (c == g->c) {
					g->r = def->nrows - 1;
					ui_grid_fix(u, def, g);
				} else {
					g->c = c;
				}
				break;
			}
		return true;
	case ACT_TAB:
	case ACT_BTAB: {
		int dir = a == ACT_TAB ? 1 : -1;
		int r = g->r, c = g->c;
		for (int steps = 0; steps < def->nrows * def->ncols; steps++) {
			c += dir;
			if (c >= def->ncols) {
				c = 0;
				r++;
			} else if (c < 0) {
				c = def->ncols - 1;
				r--;
			}
			if (r < 0 || r >= def->nrows)
				break;
			if (sel(u, def, r, c)) {
				g->r = r;
				g->c = c;
				break;
			}
		}
		return true;
	}
	case ACT_ENTER:
		if (!ok)
			return false;
		if (cl.kind == CK_TEXT || cl.kind == CK_NUM)
			return start_edit(u, def, g, NULL, false);
		if (def->activate)
			def->activate(u, def->view, g->r, g->c);
		return true;
	case ACT_TOGGLE:
		if (!ok)
			return false;
		if (cl.kind == CK_CHECK || cl.kind == CK_CHOICE) {
			if (def->activate)
				def->activate(u, def->view, g->r, g->c);
			return true;
		}
		if (cl.kind == CK_TEXT)
			return start_edit(u, def, g, " ", true);
		return false;
	default:
		break;
	}
	if (!is_key && ok && ch >= ' ' && ch != 127) {
		char b[8];
		if (ch < 0x80) {
			b[0] = (char)ch;
			b[1] = '\0';
		} else {
			struct ui_edit tmp;
			ui_edit_start(&tmp, "", false);
			insert(&tmp, (unsigned)ch);
			memcpy(b, tmp.buf, tmp.len < 7 ? tmp.len : 7);
			b[tmp.len < 7 ? tmp.len : 7] = '\0';
		}
		if (cl.kind == CK_TEXT)
			return start_edit(u, def, g, b, true);
		if (cl.kind == CK_NUM && number_char(ch))
			return start_edit(u, def, g, b, true);
	}
	return false;
}

/* ---------------------------------------------------------------------
 * Popups
 */

/* Waits for a key while a popup is up; false when the wizard must leave
 * (hang-up) or a resize happened (then *ch is KEY_RESIZE). */
static bool popup_key(struct ui *u, WINDOW *w, int *ch, bool *is_key)
{
	for (;;) {
		int rc = ui_getkey(u, w, ch, is_key);
		if (ui_check_signals(u, rc))
			return false;
		if (rc == ERR)
			continue;
		if (*is_key && *ch == KEY_RESIZE) {
			ui_layout(u);
			clearok(curscr, TRUE);
		}
		return true;
	}
}

static WINDOW *popup_win(struct ui *u, int h, int wdt, const char *title)
{
	if (h > u->rows)
		h = u->rows;
	if (wdt > u->cols)
		wdt = u->cols;
	ui_frame_invalidate(u);
	WINDOW *w = newwin(h, wdt, (u->rows - h) / 2, (u->cols - wdt) / 2);
	if (!w)
		return NULL;
	keypad(w, TRUE);
	wattrset(w, ui_attr(u, R_POPUP));
	werase(w);
	if (u->ascii)
		wborder(w, '|', '|', '-', '-', '+', '+', '+', '+');
	else
		box(w, 0, 0);
	if (title && *title) {
		wmove(w, 0, 2);
		waddch(w, ' ');
		wattrset(w, A_BOLD);
		ui_puts(u, w, title, wdt - 6);
		wattrset(w, A_NORMAL);
		waddch(w, ' ');
	}
	return w;
}

static void lower_ascii(const char *s, char *out, size_t n)
{
	size_t i = 0;
	for (; s[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
}

int ui_pick(struct ui *u, const char *title, const char *const *items,
	    int n, int cur, bool filter, const char *hint)
{
	char flt[64] = "";
	int *vis = xcalloc(n > 0 ? (size_t)n : 1, sizeof *vis);
	int result = -1;
	int top = 0;
	for (;;) {
		int nv = 0, sel_i = 0;
		char lf[64];
		lower_ascii(flt, lf, sizeof lf);
		for (int i = 0; i < n; i++) {
			char li[512];
			lower_ascii(items[i], li, sizeof li);
			if (!lf[0] || strstr(li, lf))
				vis[nv++] = i;
		}
		for (int i = 0; i < nv; i++)
			if (vis[i] == cur)
				sel_i = i;
		if (nv && vis[sel_i] != cur)
			cur = vis[sel_i];
		ui_draw(u);
		if (u->small) {
			doupdate();
		} else {
			int wide = ui_width(u, title) + 8;
			for (int i = 0; i < n; i++) {
				int iw = ui_width(u, items[i]) + 6;
				if (iw > wide)
					wide = iw;
			}
			if (hint && ui_width(u, hint) + 4 > wide)
				wide = ui_width(u, hint) + 4;
			if (wide > u->cols - 4)
				wide = u->cols - 4;
			int extra = (filter ? 1 : 0) + (hint ? 1 : 0);
			int h = nv + 2 + extra;
			if (h < 4 + extra)
				h = 4 + extra;
			if (h > u->rows - 4)
				h = u->rows - 4;
			int body = h - 2 - extra;
			if (sel_i < top)
				top = sel_i;
			if (sel_i >= top + body)
				top = sel_i - body + 1;
			WINDOW *w = popup_win(u, h, wide, title);
			if (!w)
				break;
			int y = 1;
			if (hint) {
				wmove(w, y++, 2);
				ui_puts(u, w, hint, wide - 4);
			}
			if (filter) {
				char fl[128];
				snprintf(fl, sizeof fl, "%s %s", _("Search:"),
					 flt);
				wmove(w, y++, 2);
				ui_puts(u, w, fl, wide - 4);
			}
			int cy = y, cx = 2;
			for (int i = 0; i < body && top + i < nv; i++) {
				bool here = top + i == sel_i;
				if (here)
					ui_cell_put(u, w, y + i, 1,
						    ui_glyph(u, G_ROW), 1,
						    false, A_NORMAL);
				ui_cell_put(u, w, y + i, 2, items[vis[top + i]],
					    ui_fit_width(u, items[vis[top + i]],
							 wide - 4), false,
					    here ? A_REVERSE : A_NORMAL);
				if (here)
					cy = y + i;
			}
			if (nv == 0) {
				wmove(w, y, 2);
				ui_puts(u, w, _("(nothing matches)"), wide - 4);
			}
			ui_scroll_marks(u, w, y, y + body - 1, wide - 1,
					top > 0, top + body < nv);
			wnoutrefresh(w);
			wmove(w, cy, cx);
			wnoutrefresh(w);
			curs_set(0);
			doupdate();
			delwin(w);
		}
		int ch;
		bool k;
		if (!popup_key(u, u->small ? stdscr : u->wmain, &ch, &k))
			break;
		if (k && ch == KEY_RESIZE)
			continue;
		if (!k && (ch == ESC || ch == CTRL('C') || ch == CTRL('Q')))
			break;
		if ((!k && (ch == '\n' || ch == '\r')) || (k && ch == KEY_ENTER)) {
			if (nv)
				result = vis[sel_i];
			break;
		}
		if (k) {
			if (ch == KEY_UP && sel_i > 0)
				cur = vis[sel_i - 1];
			else if (ch == KEY_DOWN && sel_i + 1 < nv)
				cur = vis[sel_i + 1];
			else if (ch == KEY_PPAGE && nv)
				cur = vis[sel_i > 8 ? sel_i - 8 : 0];
			else if (ch == KEY_NPAGE && nv)
				cur = vis[sel_i + 8 < nv ? sel_i + 8 : nv - 1];
			else if (ch == KEY_HOME && nv)
				cur = vis[0];
			else if (ch == KEY_END && nv)
				cur = vis[nv - 1];
			else if (ch == KEY_BACKSPACE && filter && flt[0])
				flt[strlen(flt) - 1] = '\0';
			continue;
		}
		if (filter) {
			if ((ch == 127 || ch == CTRL('H')) && flt[0])
				flt[strlen(flt) - 1] = '\0';
			else if (ch >= ' ' && ch < 127 && strlen(flt) + 1 < sizeof flt) {
				size_t l = strlen(flt);
				flt[l] = (char)ch;
				flt[l + 1] = '\0';
			}
		} else if (ch >= '1' && ch <= '9' && ch - '1' < n) {
			result = ch - '1';
			break;
		}
	}
	free(vis);
	return result;
}

struct wraplines {
	char lines[12][400];
	int n;
};

static void wl_add(void *arg, const char *line, size_t len)
{
	struct wraplines *c = arg;
	if (c->n >= 12)
		return;
	if (len >= sizeof c->lines[0])
		len = sizeof c->lines[0] - 1;
	memcpy(c->lines[c->n], line, len);
	c->lines[c->n][len] = '\0';
	c->n++;
}

/* The letter that answers "yes" in the user's language: j (ja) in Danish
 * and Swedish, y in English; y is taken in every language. */
static int yes_key(const struct ui *u)
{
	const char *l = u->set ? u->set->ui_lang : NULL;
	return l && (strcmp(l, "da") == 0 || strcmp(l, "sv") == 0) ? 'j' : 'y';
}

/* The answers of a question: choices reads "y: label   n or Esc: label"
 * (one part per key, two or more blanks between them); the labels are
 * the text after each part's first ": ".  false when choices is not of
 * that shape (then it is shown as it is). */
struct answer {
	char key;         /* of keys */
	char label[120];
};

static bool split_answers(const char *choices, size_t nk, struct answer *an)
{
	const char *p = choices;
	for (size_t i = 0; i < nk; i++) {
		while (*p == ' ')
			p++;
		const char *end = strstr(p, "  ");
		if (!end)
			end = p + strlen(p);
		const char *colon = strstr(p, ": ");
		if (!*p || !colon || colon >= end)
			return false;
		colon += 2;
		size_t len = (size_t)(end - colon);
		if (len >= sizeof an[i].label)
			len = sizeof an[i].label - 1;
		memcpy(an[i].label, colon, len);
		an[i].label[len] = '\0';
		p = end;
	}
	while (*p == ' ')
		p++;
	return *p == '\0';
}

int ui_ask(struct ui *u, const char *question, const char *keys,
	   const char *choices)
{
	size_t nk = strlen(keys);
	struct answer an[8];
	bool buttons = nk >= 2 && nk <= 8 && split_answers(choices, nk, an);
	int yes = yes_key(u);
	int sel = 0; /* the answer Enter gives: the first until Tab moves */
	for (;;) {
		ui_draw(u);
		if (!u->small) {
			int wide = u->cols - 10 < 70 ? u->cols - 10 : 70;
			struct wraplines q = { .n = 0 }, c = { .n = 0 };
			ui_wrap(u, question, wide - 4, wl_add, &q);
			char hint[400];
			if (buttons) {
				snprintf(hint, sizeof hint,
					 _("Enter: %s   Esc: %s   Tab or arrows: another answer"),
					 an[sel].label, an[nk - 1].label);
				ui_wrap(u, hint, wide - 4, wl_add, &c);
			} else {
				ui_wrap(u, choices, wide - 4, wl_add, &c);
			}
			int extra = buttons ? 2 : 0;
			WINDOW *w = popup_win(u, q.n + c.n + 3 + extra, wide, NULL);
			if (!w)
				return keys[nk - 1];
			for (int i = 0; i < q.n; i++) {
				wmove(w, 1 + i, 2);
				wattrset(w, A_BOLD);
				ui_puts(u, w, q.lines[i], wide - 4);
			}
			wattrset(w, A_NORMAL);
			if (buttons) {
				/* the answers as buttons, as dialog(1) shows
				 * them; they wrap when the popup is narrow */
				int y = 2 + q.n, x = 2;
				for (size_t i = 0; i < nk; i++) {
					char b[160];
					int k = keys[i] == 'y' ? yes : keys[i];
					snprintf(b, sizeof b, "[ %c: %s ]", k,
						 an[i].label);
					int bw = ui_width(u, b);
					if (x > 2 && x + bw > wide - 2) {
						y++;
						x = 2;
					}
					wmove(w, y, x);
					wattrset(w, (int)i == sel
						    ? ui_attr(u, R_TAB_CUR) | A_REVERSE
						    : A_NORMAL);
					x += ui_puts(u, w, b, wide - 2 - x) + 2;
				}
				wattrset(w, A_NORMAL);
			}
			for (int i = 0; i < c.n; i++) {
				wmove(w, 2 + q.n + extra + i, 2);
				wattrset(w, ui_attr(u, R_DIM));
				ui_puts(u, w, c.lines[i], wide - 4);
			}
			wattrset(w, A_NORMAL);
			wnoutrefresh(w);
			delwin(w);
		}
		curs_set(0);
		doupdate();
		int ch;
		bool k;
		if (!popup_key(u, u->small ? stdscr : u->wmain, &ch, &k))
			return keys[nk - 1];
		if (k && ch == KEY_RESIZE)
			continue;
		if (!k && ch == ESC)
			return keys[nk - 1];
		if ((!k && (ch == '\n' || ch == '\r')) || (k && ch == KEY_ENTER))
			return keys[buttons ? sel : 0];
		if (buttons && ((!k && ch == '\t') ||
				(k && (ch == KEY_RIGHT || ch == KEY_DOWN)))) {
			sel = (sel + 1) % (int)nk;
			continue;
		}
		if (buttons && k && (ch == KEY_BTAB || ch == KEY_LEFT ||
				     ch == KEY_UP)) {
			sel = (sel + (int)nk - 1) % (int)nk;
			continue;
		}
		if (!k && ch < 127) {
			int c = tolower(ch);
			/* ja: j in Danish and Swedish, beside y */
			if (c == yes && strchr(keys, 'y'))
				return 'y';
			for (size_t i = 0; i < nk; i++)
				if (c == keys[i])
					return keys[i];
		}
	}
}

/* Draws a wrapped multi-line field: code points per row = width. */
/* Where each row of a long text field starts: a row ends after its last
 * blank, so words are not cut (a word longer than a row is); returns the
 * number of rows (at least 1), at most max. */
static int long_rows(const wchar_t *cps, size_t n, int width, size_t *starts,
		     int max)
{
	int r = 0;
	size_t s = 0;
	starts[r++] = 0;
	while (r < max && n - s > (size_t)width) {
		size_t e = s + (size_t)width, b = e;
		if (cps[e] != ' ') {
			for (b = e; b > s && cps[b - 1] != ' '; b--)
				;
			if (b == s)
				b = e; /* one word wider than the row */
		}
		s = b;
		starts[r++] = s;
	}
	return r;
}

/* The row and column of character cur. */
static void long_pos(const size_t *starts, int nrows, size_t cur, int width,
		     int *row, int *col)
{
	int r = nrows - 1;
	while (r > 0 && starts[r] > cur)
		r--;
	*row = r;
	*col = (int)(cur - starts[r]);
	if (*col >= width) {
		/* the cursor after a full last row */
		*row = r + 1;
		*col = 0;
	}
}

#define LONG_MAXROWS 1100

static void long_draw(struct ui *u, WINDOW *w, int y, int x, int width,
		      int rows, struct ui_edit *e)
{
	wchar_t cps[1100];
	size_t starts[LONG_MAXROWS];
	size_t cur;
	size_t n = edit_cps(u, e, cps, 1100, &cur);
	int nr = long_rows(cps, n, width, starts, LONG_MAXROWS);
	int crow, ccol;
	long_pos(starts, nr, cur, width, &crow, &ccol);
	if (crow < e->scroll)
		e->scroll = crow;
	if (crow >= e->scroll + rows)
		e->scroll = crow - rows + 1;
	for (int r = 0; r < rows; r++) {
		wmove(w, y + r, x);
		wattrset(w, A_UNDERLINE | A_BOLD);
		int row = e->scroll + r;
		int col = 0;
		if (row < nr) {
			size_t to = row + 1 < nr ? starts[row + 1] : n;
			for (size_t i = starts[row]; i < to && col < width;
			     i++, col++)
				waddnwstr(w, &cps[i], 1);
		}
		for (; col < width; col++)
			waddch(w, ' ');
	}
	wattrset(w, A_NORMAL);
	u->cur_win = w;
	u->cur_y = y + crow - e->scroll;
	u->cur_x = x + ccol;
}

/* Up or Down in a long text field: the same column of the row above or
 * below, as its words are wrapped. */
static void long_updown(struct ui *u, struct ui_edit *e, int width, bool up)
{
	wchar_t cps[1100];
	size_t starts[LONG_MAXROWS];
	size_t cur;
	size_t n = edit_cps(u, e, cps, 1100, &cur);
	int nr = long_rows(cps, n, width, starts, LONG_MAXROWS);
	int row, col;
	long_pos(starts, nr, cur, width, &row, &col);
	int to = up ? row - 1 : row + 1;
	if (to < 0 || to >= nr)
		return;
	size_t from = starts[to];
	size_t end = to + 1 < nr ? starts[to + 1] - 1 : n;
	size_t target = from + (size_t)col;
	if (target > end)
		target = end;
	for (; cur < target; cur++)
		ui_edit_key(e, KEY_RIGHT, true);
	for (; cur > target; cur--)
		ui_edit_key(e, KEY_LEFT, true);
}

static bool prompt(struct ui *u, const char *title, const char *label,
		   char *buf, size_t n, int rows)
{
	struct ui_edit e;
	ui_edit_start(&e, buf, false);
	for (;;) {
		ui_draw(u);
		WINDOW *w = NULL;
		if (!u->small) {
			int wide = u->cols - 6 < 74 ? u->cols - 6 : 74;
			struct wraplines l = { .n = 0 };
			ui_wrap(u, label, wide - 4, wl_add, &l);
			w = popup_win(u, l.n + rows + 4, wide, title);
			if (!w)
				return false;
			for (int i = 0; i < l.n; i++) {
				wmove(w, 1 + i, 2);
				ui_puts(u, w, l.lines[i], wide - 4);
			}
			if (rows > 1)
				long_draw(u, w, 2 + l.n, 2, wide - 4, rows, &e);
			else
				ui_edit_draw(u, w, 2 + l.n, 2, wide - 4, &e);
			wmove(w, l.n + rows + 2, 2);
			wattrset(w, ui_attr(u, R_DIM));
			ui_puts(u, w, _("Enter: keep   Esc: cancel"), wide - 4);
			wattrset(w, A_NORMAL);
			wnoutrefresh(w);
			wmove(w, u->cur_y, u->cur_x);
			wnoutrefresh(w);
			curs_set(1);
		}
		doupdate();
		if (w)
			delwin(w);
		u->cur_win = NULL;
		int ch;
		bool k;
		if (!popup_key(u, u->small ? stdscr : u->wmain, &ch, &k)) {
			/* a hang-up while a note is typed: keep the text (the
			 * emergency save follows); a short prompt (a file
			 * name) is cancelled */
			if (rows > 1 && u->hangup) {
				snprintf(buf, n, "%s", e.buf);
				return true;
			}
			return false;
		}
		if (k && ch == KEY_RESIZE)
			continue;
		int width = u->cols - 6 < 74 ? u->cols - 6 - 4 : 70;
		if (rows > 1 && k && (ch == KEY_UP || ch == KEY_DOWN)) {
			/* move a row up or down in the wrapped text */
			long_updown(u, &e, width, ch == KEY_UP);
			continue;
		}
		enum ui_edit_end end = ui_edit_key(&e, ch, k);
		if (end == ED_CANCEL) {
			curs_set(0);
			return false;
		}
		if (end == ED_COMMIT || end == ED_COMMIT_NEXT) {
			snprintf(buf, n, "%s", e.buf);
			curs_set(0);
			return true;
		}
		if (end == ED_COMMIT_PASS && !k &&
		    (ch == CTRL('C') || ch == CTRL('Q'))) {
			curs_set(0);
			return false;
		}
	}
}

bool ui_prompt(struct ui *u, const char *title, const char *label,
	       char *buf, size_t n)
{
	return prompt(u, title, label, buf, n, 1);
}

bool ui_prompt_long(struct ui *u, const char *title, const char *label,
		    char *buf, size_t n)
{
	return prompt(u, title, label, buf, n, 6);
}

/* ---------------------------------------------------------------------
 * Documents and the pager
 */

void ui_doc_add(struct ui_doc *d, attr_t attr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		s = xstrdup("");
	va_end(ap);
	xgrow((void **)&d->v, &d->cap, d->n + 1, sizeof *d->v);
	d->v[d->n].text = s;
	d->v[d->n].attr = attr;
	d->n++;
}

struct docwrap {
	struct ui_doc *d;
	attr_t attr;
	int indent;
};

static void dw_add(void *arg, const char *line, size_t len)
{
	struct docwrap *w = arg;
	ui_doc_add(w->d, w->attr, "%*s%.*s", w->indent, "", (int)len, line);
}

void ui_doc_wrap(struct ui *u, struct ui_doc *d, attr_t attr, int indent,
		 int width, const char *s)
{
	struct docwrap w = { d, attr, indent };
	ui_wrap(u, s, width - indent, dw_add, &w);
}

void ui_doc_free(struct ui_doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* s without its first skip columns (code points). */
static const char *skip_cols(const char *s, int skip)
{
	while (*s && skip > 0) {
		s++;
		while (((unsigned char)*s & 0xC0) == 0x80)
			s++;
		skip--;
	}
	return s;
}

void ui_pager(struct ui *u, const char *title, const struct ui_doc *d)
{
	int top = 0, left = 0;
	for (;;) {
		ui_draw(u);
		int body = 1;
		if (!u->small) {
			int h = u->rows - 2, wdt = u->cols - 2;
			body = h - 3;
			if (top > (int)d->n - body)
				top = (int)d->n - body;
			if (top < 0)
				top = 0;
			WINDOW *w = popup_win(u, h, wdt, title);
			if (!w)
				return;
			for (int i = 0; i < body && top + i < (int)d->n; i++) {
				const struct ui_line *l = &d->v[top + i];
				wmove(w, 1 + i, 2);
				wattrset(w, l->attr);
				ui_puts(u, w, skip_cols(l->text, left), wdt - 4);
				wattrset(w, A_NORMAL);
			}
			char b[200];
			snprintf(b, sizeof b, "%s  (%d-%d / %zu)",
				 _("Esc or q: close   Up/Down PgUp/PgDn Left/Right: scroll"),
				 d->n ? top + 1 : 0,
				 top + body < (int)d->n ? top + body : (int)d->n,
				 d->n);
			wmove(w, h - 2, 2);
			wattrset(w, ui_attr(u, R_DIM));
			ui_puts(u, w, b, wdt - 4);
			wattrset(w, A_NORMAL);
			wnoutrefresh(w);
			delwin(w);
		}
		curs_set(0);
		doupdate();
		int ch;
		bool k;
		if (!popup_key(u, u->small ? stdscr : u->wmain, &ch, &k))
			return;
		if (k) {
			switch (ch) {
			case KEY_UP: top--; break;
			case KEY_DOWN: top++; break;
			case KEY_PPAGE: top -= body - 1; break;
			case KEY_NPAGE: top += body - 1; break;
			case KEY_HOME: top = 0; left = 0; break;
			case KEY_END: top = (int)d->n; break;
			case KEY_LEFT: left = left > 8 ? left - 8 : 0; break;
			case KEY_RIGHT: left += 8; break;
			case KEY_F(1): case KEY_F(10): return;
			default: break;
			}
			if (top < 0)
				top = 0;
			continue;
		}
		if (ch == ESC || ch == 'q' || ch == '\n' || ch == '\r' ||
		    ch == CTRL('C') || ch == CTRL('Q'))
			return;
		if (ch == ' ')
			top += body - 1;
	}
}
