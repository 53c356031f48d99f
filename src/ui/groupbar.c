/* groupbar.c - the group bar (SPEC §2.9, issue 15 point 4): the first
 * row of the Intervention, Target group, Effect and Consequences steps.
 * It names the calculation's groups and marks the one the step edits;
 * Up from the step's first row reaches it, Left and Right switch groups
 * there, Enter offers add, rename and delete (letters type into the
 * steps' searches, so the bar has no letter keys of its own).
 *
 * A calculation without groups shows its one implicit group as
 * "Group 1"; adding a group (or renaming that one) turns it into a
 * calculation with groups: its top-level group keys move into the first
 * group (calc_edit.c). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "model/calc_edit.h"
#include "ui/uipriv.h"
#include "util/i18n.h"

bool ui_gbar_step(const struct ui *u)
{
	if (!u->calc || u->screen != SCR_STEP)
		return false;
	return u->step == SOEM_STEP_INTERVENTION ||
	       u->step == SOEM_STEP_TARGET || u->step == SOEM_STEP_EFFECT ||
	       u->step == SOEM_STEP_CONSEQUENCES;
}

bool ui_gbar_on(const struct ui *u)
{
	return u->gbar && ui_gbar_step(u);
}

soem_calc *ui_gcalc(const struct ui *u)
{
	return soem_calc_group_calc(u->calc, u->group);
}

/* The name shown for group g ("Group 1" without groups). */
static const char *gname(const struct ui *u, size_t g, char *b, size_t n)
{
	if (!u->calc->ngroups) {
		snprintf(b, n, _("Group %zu"), (size_t)1);
		return b;
	}
	return u->calc->groups[g].name ? u->calc->groups[g].name : "";
}

void ui_gbar_draw(struct ui *u, WINDOW *w, int y)
{
	size_t n = soem_calc_group_count(u->calc);
	bool on = ui_gbar_on(u);
	char b[256];
	if (u->calc->ngroups && u->group >= u->calc->ngroups)
		u->group = u->calc->ngroups - 1;
	wmove(w, y, 0);
	wclrtoeol(w);
	if (on)
		ui_cell_put(u, w, y, 0, ui_glyph(u, G_ROW), 1, false, A_NORMAL);
	wmove(w, y, 1);
	ui_puts(u, w, _("Group:"), 12);
	int x = getcurx(w) + 1;
	int right = u->cols - 2;
	for (size_t g = 0; g < n && x < right - 4; g++) {
		const char *s = gname(u, g, b, sizeof b);
		/* the current group between brackets: seen without colour */
		char t[300];
		snprintf(t, sizeof t, g == u->group ? "[%s]" : " %s ", s);
		int tw = ui_fit_width(u, t, right - x);
		attr_t a = g == u->group ? (on ? A_REVERSE : A_BOLD) : A_NORMAL;
		ui_cell_put(u, w, y, x, t, tw, false, a);
		x += tw + 1;
	}
	if (x < right - 10) {
		const char *hint = on ? _("(Left/Right: switch, Enter: add, rename, delete)")
				      : _("(Up to here: switch groups)");
		wattrset(w, ui_attr(u, R_DIM));
		wmove(w, y, x + 1);
		ui_puts(u, w, hint, right - x - 1);
		wattrset(w, A_NORMAL);
	}
	if (on) {
		u->text_focus = false;
		u->cur_win = NULL;
	}
}

void ui_gbar_detail(struct ui *u, char *b, size_t n)
{
	char nb[256];
	snprintf(b, n, _("Group bar: this step shows group %s (%zu of %zu); Left/Right switch, Enter adds, renames or deletes"),
		 gname(u, u->group, nb, sizeof nb), u->group + 1,
		 soem_calc_group_count(u->calc));
}

/* After the current group changed: the step starts on its values. */
static void regroup(struct ui *u)
{
	if (u->calc->ngroups && u->group >= u->calc->ngroups)
		u->group = u->calc->ngroups - 1;
	if (ui_steps[u->step].enter)
		ui_steps[u->step].enter(u, &u->view[u->step]);
	struct ui_view *v = &u->view[u->step];
	if (ui_steps[u->step].grid)
		ui_grid_fix(u, ui_steps[u->step].grid(u, v), &v->grid);
}

static void add_group(struct ui *u)
{
	char first[128], name[128];
	size_t n = soem_calc_group_count(u->calc);
	snprintf(first, sizeof first, _("Group %zu"), (size_t)1);
	/* a proposal no group has yet */
	for (size_t k = n + 1;; k++) {
		snprintf(name, sizeof name, _("Group %zu"), k);
		bool used = !u->calc->ngroups && strcmp(name, first) == 0;
		for (size_t g = 0; g < u->calc->ngroups; g++)
			if (u->calc->groups[g].name &&
			    strcmp(u->calc->groups[g].name, name) == 0)
				used = true;
		if (!used)
			break;
	}
	if (!ui_prompt(u, _("Add a group"),
		       _("Name of the new group (e.g. young people, adults):"),
		       name, sizeof name))
		return;
	const char *why = NULL;
	size_t idx;
	if (!soem_calc_add_group(u->calc, first, name, &idx, &why)) {
		ui_msg(u, true, _("\"%s\" refused: %s."), name, why);
		return;
	}
	u->group = idx;
	ui_changed(u, true);
	regroup(u);
	ui_msg(u, false, _("Group %s added: give it its own intake, target group, effect and consequences."),
	       name);
}

static void rename_group(struct ui *u)
{
	char name[256];
	char nb[256];
	snprintf(name, sizeof name, "%s", gname(u, u->group, nb, sizeof nb));
	if (!ui_prompt(u, _("Rename the group"), _("New name of the group:"),
		       name, sizeof name))
		return;
	const char *why = NULL;
	if (!soem_calc_rename_group(u->calc, u->group, name, &why)) {
		ui_msg(u, true, _("\"%s\" refused: %s."), name, why);
		return;
	}
	ui_changed(u, true);
	ui_msg(u, false, _("The group is now called %s."), name);
}

static void delete_group(struct ui *u)
{
	char nb[256], q[400];
	if (soem_calc_group_count(u->calc) <= 1) {
		ui_msg(u, true, "%s",
		       _("The only group cannot be deleted: a calculation has at least one group."));
		return;
	}
	snprintf(q, sizeof q,
		 _("Delete group %s with its intake, target group, effect and consequences?"),
		 gname(u, u->group, nb, sizeof nb));
	if (ui_ask(u, q, "yn", _("y: delete   n or Esc: keep")) != 'y')
		return;
	const char *why = NULL;
	if (!soem_calc_delete_group(u->calc, u->group, &why)) {
		ui_msg(u, true, "%s", why);
		return;
	}
	if (u->group >= u->calc->ngroups)
		u->group = u->calc->ngroups - 1;
	ui_changed(u, true);
	regroup(u);
	ui_msg(u, false, _("Deleted. This step now shows group %s."),
	       gname(u, u->group, nb, sizeof nb));
}

static void menu(struct ui *u)
{
	const char *items[] = {
		_("Add a group"),
		_("Rename this group"),
		_("Delete this group"),
	};
	switch (ui_pick(u, _("Groups"), items, 3, 0, false,
			_("Each group has its own intake, target group, effect and consequences."))) {
	case 0: add_group(u); break;
	case 1: rename_group(u); break;
	case 2: delete_group(u); break;
	default: break;
	}
}

static int pos(struct ui *u)
{
	struct ui_view *v = &u->view[u->step];
	return u->step == SOEM_STEP_TARGET ? v->target.cur : v->grid.r;
}

bool ui_gbar_key(struct ui *u, enum ui_act a, int ch, bool is_key,
		 bool *up_from)
{
	*up_from = false;
	if (!ui_gbar_step(u))
		return false;
	if (!u->gbar) {
		/* Up on the step's first row: the step moves nothing, and the
		 * caller then puts the focus on the bar */
		if (a == ACT_UP)
			*up_from = true;
		return false;
	}
	size_t n = soem_calc_group_count(u->calc);
	switch (a) {
	case ACT_LEFT:
	case ACT_RIGHT:
		if (n <= 1) {
			ui_msg(u, false, "%s",
			       _("There is one group: Enter adds another."));
			return true;
		}
		if (a == ACT_LEFT)
			u->group = u->group ? u->group - 1 : n - 1;
		else
			u->group = u->group + 1 < n ? u->group + 1 : 0;
		regroup(u);
		return true;
	case ACT_ENTER:
	case ACT_TOGGLE:
		menu(u);
		return true;
	case ACT_DOWN:
	case ACT_TAB:
	case ACT_CANCEL:
		u->gbar = false;
		return true;
	case ACT_UP:
	case ACT_PGUP:
	case ACT_HOME:
	case ACT_BTAB:
		return true;
	case ACT_NONE:
		if (is_key || ch < ' ')
			return true;
		/* a letter on the Target step types into its search */
		if (u->step == SOEM_STEP_TARGET) {
			u->gbar = false;
			return false;
		}
		ui_msg(u, false, "%s",
		       _("On the group bar: Left/Right switch groups, Enter adds, renames or deletes; Down goes back to the fields."));
		return true;
	default:
		return false;
	}
}

void ui_gbar_after_up(struct ui *u, int before)
{
	if (pos(u) == before)
		u->gbar = true;
}

int ui_gbar_pos(struct ui *u)
{
	return pos(u);
}
