/* step_target.c - step 2: the target group, from the profile's groups
 * (filtered by area, type to search) or one's own (SPEC §5.1). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/calc_edit.h"
#include "ui/uipriv.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void lower(const char *s, char *o, size_t n)
{
	size_t i = 0;
	for (; s[i] && i + 1 < n; i++)
		o[i] = (char)tolower((unsigned char)s[i]);
	o[i] = '\0';
}

/* The groups shown, in the profile's order after the first entry,
 * (SOEM_NPOS) "own target group": never hidden below the list (issue 14). */
static void build(struct ui *u, struct ui_view *vw)
{
	struct ui_target_view *t = &vw->target;
	const soem_kb *kb = u->kb;
	char want[256];
	lower(t->search, want, sizeof want);
	t->nvis = 0;
	xgrow((void **)&t->vis, &t->capvis, 1, sizeof *t->vis);
	t->vis[t->nvis++] = SOEM_NPOS;
	for (size_t g = 0; g < kb->ngroups; g++) {
		const soem_kb_group *gr = &kb->groups[g];
		if (t->area >= 0 && gr->area != (size_t)t->area)
			continue;
		if (want[0]) {
			char name[512], desc[2048];
			lower(ui_text(u, &gr->name), name, sizeof name);
			lower(ui_text(u, &gr->description), desc, sizeof desc);
			if (!strstr(name, want) && !strstr(desc, want) &&
			    !strstr(gr->id, want))
				continue;
		}
		xgrow((void **)&t->vis, &t->capvis, t->nvis + 1,
		      sizeof *t->vis);
		t->vis[t->nvis++] = g;
	}
	if (t->cur >= (int)t->nvis)
		t->cur = (int)t->nvis - 1;
	if (t->cur < 0)
		t->cur = 0;
}

void step_target_enter(struct ui *u, struct ui_view *vw)
{
	/* start on the chosen group */
	vw->target.area = -1;
	vw->target.search[0] = '\0';
	build(u, vw);
	const soem_calc *c = ui_gcalc(u);
	for (size_t i = 0; i < vw->target.nvis; i++) {
		if (vw->target.vis[i] == SOEM_NPOS) {
			if (c->has_target_group && c->target_group.custom)
				vw->target.cur = (int)i;
		} else if (c->has_target_group && c->target_group.kb &&
			   strcmp(c->target_group.kb,
				  u->kb->groups[vw->target.vis[i]].id) == 0) {
			vw->target.cur = (int)i;
		}
	}
}

static bool chosen(const struct ui *u, size_t g)
{
	const soem_calc *c = ui_gcalc(u);
	if (!c->has_target_group)
		return false;
	if (g == SOEM_NPOS)
		return c->target_group.custom != NULL;
	return c->target_group.kb &&
	       strcmp(c->target_group.kb, u->kb->groups[g].id) == 0;
}

struct wrapdraw {
	struct ui *u;
	WINDOW *w;
	int y, ymax;
};

static void wd_line(void *arg, const char *line, size_t len)
{
	struct wrapdraw *d = arg;
	if (d->y > d->ymax)
		return;
	char b[600];
	if (len >= sizeof b)
		len = sizeof b - 1;
	memcpy(b, line, len);
	b[len] = '\0';
	wmove(d->w, d->y++, 4);
	ui_puts(d->u, d->w, b, d->u->cols - 6);
}

void step_target_draw(struct ui *u, struct ui_view *vw, WINDOW *w, int h)
{
	const soem_kb *kb = u->kb;
	build(u, vw);
	ui_step_heading(u, w, NULL);
	ui_gbar_draw(u, w, 1);
	/* the area filter */
	wmove(w, 2, 1);
	ui_puts(u, w, _("Area:"), 10);
	waddch(w, ' ');
	for (int a = -1; a < (int)kb->ngroup_areas; a++) {
		const char *name = a < 0 ? _("all") : ui_text(u, &kb->group_areas[a].name);
		wattrset(w, a == vw->target.area ? A_REVERSE : A_NORMAL);
		waddch(w, ' ');
		ui_puts(u, w, name, 30);
		waddch(w, ' ');
		wattrset(w, A_NORMAL);
		waddch(w, ' ');
	}
	wattrset(w, ui_attr(u, R_DIM));
	ui_puts(u, w, _("(Left/Right)"), 14);
	wattrset(w, A_NORMAL);
	/* the search */
	wmove(w, 3, 1);
	ui_puts(u, w, _("Search:"), 10);
	waddch(w, ' ');
	int sx = getcurx(w);
	wattrset(w, A_UNDERLINE);
	int used = ui_puts(u, w, vw->target.search, 30);
	for (int i = used; i < 30; i++)
		waddch(w, ' ');
	wattrset(w, ui_attr(u, R_DIM));
	waddch(w, ' ');
	ui_puts(u, w, _("type to search, Esc clears"), u->cols - sx - 34);
	wattrset(w, A_NORMAL);
	/* the list */
	int list_h = h - 5 - 4;
	if (list_h < 3)
		list_h = 3;
	int top = vw->target.cur >= list_h ? vw->target.cur - list_h + 1 : 0;
	for (int i = 0; i < list_h && top + i < (int)vw->target.nvis; i++) {
		int y = 5 + i;
		size_t g = vw->target.vis[top + i];
		bool here = top + i == vw->target.cur && !ui_gbar_on(u);
		char b[600];
		if (g == SOEM_NPOS) {
			if (ui_gcalc(u)->target_group.custom)
				snprintf(b, sizeof b, "%s %s: %s",
					 ui_glyph(u, chosen(u, g) ? G_RADIO_ON : G_RADIO_OFF),
					 _("Own target group"),
					 ui_gcalc(u)->target_group.custom);
			else
				snprintf(b, sizeof b, "%s %s",
					 ui_glyph(u, G_RADIO_OFF),
					 _("Own target group (no database estimates)..."));
		} else {
			const soem_kb_group *gr = &kb->groups[g];
			snprintf(b, sizeof b, "%s %s  (%s)",
				 ui_glyph(u, chosen(u, g) ? G_RADIO_ON : G_RADIO_OFF),
				 ui_text(u, &gr->name),
				 gr->area < kb->ngroup_areas
					 ? ui_text(u, &kb->group_areas[gr->area].name)
					 : "");
		}
		/* the mark plain and the highlight as wide as its text: a
		 * move sends the two rows' text, not their blanks (issue 18) */
		if (here)
			ui_cell_put(u, w, y, 1, ui_glyph(u, G_ROW), 1, false,
				    A_NORMAL);
		ui_cell_put(u, w, y, 3, b, ui_fit_width(u, b, u->cols - 5),
			    false, A_NORMAL);
		/* the highlight on the radio button only: a move rewrites
		 * two buttons, not two names (issue 18: bytes per move) */
		if (here) {
			const char *on = ui_glyph(u, G_RADIO_ON);
			size_t gl = strncmp(b, on, strlen(on))
					    ? strlen(ui_glyph(u, G_RADIO_OFF))
					    : strlen(on);
			char gb[32];

			snprintf(gb, sizeof gb, "%.*s",
				 (int)(gl < sizeof gb ? gl : sizeof gb - 1), b);
			ui_cell_put(u, w, y, 3, gb,
				    ui_fit_width(u, gb, u->cols - 5), false,
				    A_REVERSE);
		}
	}
	/* the marks on the blank rows just above and below the list: not
	 * moved by its scrolling, so not redrawn at every move (issue 18) */
	ui_scroll_marks(u, w, 4, 5 + list_h, u->cols - 1, top > 0,
			top + list_h < (int)vw->target.nvis);
	/* what the highlighted group is */
	size_t g = vw->target.vis[vw->target.cur];
	struct wrapdraw d = { u, w, 5 + list_h + 1, h - 2 };
	if (g != SOEM_NPOS)
		ui_wrap(u, ui_text(u, &kb->groups[g].description), u->cols - 6,
			wd_line, &d);
	else
		ui_wrap(u, _("A target group of your own: name it. The database has no consequence estimates for it, so you enter the consequences yourself on step 5."),
			u->cols - 6, wd_line, &d);
	ui_note_line(u, w, h - 1);
	/* the cursor stays in the search field: typing searches (not
	 * while the focus is on the group bar) */
	if (ui_gbar_on(u))
		return;
	u->text_focus = true;
	u->cur_win = w;
	u->cur_y = 3;
	u->cur_x = sx + (used < 30 ? used : 29);
}

static void choose(struct ui *u, struct ui_view *vw)
{
	size_t g = vw->target.vis[vw->target.cur];
	soem_calc *c = ui_gcalc(u);
	if (g == SOEM_NPOS) {
		char b[256] = "";
		if (c->target_group.custom)
			snprintf(b, sizeof b, "%s", c->target_group.custom);
		if (!ui_prompt(u, _("Own target group"),
			       _("Name your target group (who takes part):"), b,
			       sizeof b))
			return;
		const char *t = b;
		while (*t == ' ')
			t++;
		if (!*t) {
			ui_msg(u, true, "%s", _("The target group needs a name."));
			return;
		}
		soem_calc_set_target_custom(c, b);
		ui_changed(u, true);
		ui_msg(u, false, "%s",
		       _("Your own target group is chosen. Next: the effect measure (Ctrl-F)."));
		return;
	}
	const soem_kb_group *gr = &u->kb->groups[g];
	soem_calc_set_target_kb(c, u->kb, gr->id);
	if (!c->effect.has_measure && gr->nmeasures == 1) {
		soem_calc_set_measure_kb(c, gr->measures[0].id);
		ui_msg(u, false, _("Chosen: %s. Its success measure is chosen too (step 3). Next: Ctrl-F."),
		       ui_text(u, &gr->name));
	} else {
		ui_msg(u, false, _("Chosen: %s. Next: the effect measure (Ctrl-F)."),
		       ui_text(u, &gr->name));
	}
	ui_changed(u, true);
}

static void set_search(struct ui_view *vw, const char *s)
{
	size_t l = strlen(s);
	if (l >= sizeof vw->target.search)
		l = sizeof vw->target.search - 1;
	memcpy(vw->target.search, s, l);
	vw->target.search[l] = '\0';
}

bool step_target_key(struct ui *u, struct ui_view *vw, enum ui_act a, int ch,
		     bool k)
{
	build(u, vw);
	size_t len = strlen(vw->target.search);
	bool first_match = false;   /* to the first group, past the own one */
	switch (a) {
	case ACT_UP: vw->target.cur--; break;
	case ACT_DOWN: vw->target.cur++; break;
	case ACT_PGUP: vw->target.cur -= 8; break;
	case ACT_PGDN: vw->target.cur += 8; break;
	case ACT_HOME: vw->target.cur = 0; break;
	case ACT_END: vw->target.cur = (int)vw->target.nvis - 1; break;
	case ACT_LEFT:
		vw->target.area = vw->target.area < 0
					 ? (int)u->kb->ngroup_areas - 1
					 : vw->target.area - 1;
		first_match = true;
		break;
	case ACT_RIGHT:
	case ACT_AREA:
		vw->target.area = vw->target.area + 1 >= (int)u->kb->ngroup_areas
					 ? -1
					 : vw->target.area + 1;
		first_match = true;
		break;
	case ACT_ENTER:
		choose(u, vw);
		break;
	case ACT_CANCEL:
		vw->target.search[0] = '\0';
		break;
	default:
		if (k && ch == KEY_BACKSPACE) {
			goto backspace;
		} else if (!k && (ch == 127 || ch == 8)) {
			goto backspace;
		} else if (!k && ch >= ' ' && len + 4 < sizeof vw->target.search) {
			struct ui_edit e;
			ui_edit_start(&e, vw->target.search, false);
			ui_edit_key(&e, ch, false);
			set_search(vw, e.buf);
			first_match = true;
		} else {
			return false;
		}
		break;
	backspace:
		if (len) {
			struct ui_edit e;
			ui_edit_start(&e, vw->target.search, false);
			ui_edit_key(&e, KEY_BACKSPACE, true);
			set_search(vw, e.buf);
		}
		break;
	}
	if (vw->target.cur < 0)
		vw->target.cur = 0;
	build(u, vw);
	if (first_match)
		vw->target.cur = vw->target.nvis > 1 ? 1 : 0;
	return true;
}

void step_target_detail(struct ui *u, struct ui_view *vw, char *b, size_t n)
{
	(void)vw;
	/* the legend names the marker the screen shows */
	snprintf(b, n, _("Enter chooses the highlighted group; %s marks the chosen one"),
		 ui_glyph(u, G_RADIO_ON));
}

void step_target_cleanup(struct ui_view *vw)
{
	free(vw->target.vis);
	vw->target.vis = NULL;
	vw->target.nvis = vw->target.capvis = 0;
}
