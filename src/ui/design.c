/* design.c - the evaluation design screen (SPEC §2.8): planning an
 * experiment with a yes/no outcome, people randomised to the
 * intervention or a waiting list across several sites (förbund).
 *
 * Reached from the start screen (a plan of its own, kept until soem ends)
 * and from the Effect step (p0 and p1 from the calculation, the
 * break-even success rate offered as the effect to detect; the plan is
 * stored in the calculation's `evaluation:` section after every change).
 *
 * The screen: the results on top, for the inflow as given and beside it
 * the stress case "inflow halved"; below them the plan as a form (the
 * parameters, then one row per site with its months to the minimum,
 * then the subgroups with the effect they can show).  The guidance pane
 * holds the plain-language sentence of the row's number, from the same
 * text as `soem design` (report/design.c); x shows all of them.  The
 * math is design/design.c's, nothing is computed here. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "design/design.h"
#include "io/eval_io.h"
#include "yaml/ynode.h"
#include "ui/uipriv.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum drow {
	D_ALPHA, D_POWER, D_RATIO, D_P0, D_P1, D_BE, D_N, D_ATTR, D_DEFF,
	D_CC, D_SCALE, D_SITEMIN, D_SITES_HEAD, D_SITES_COLS, D_SITE,
	D_SITE_ADD, D_SUB_HEAD, D_SUB, D_SUB_ADD
};

#define NCOLS 6
#define SUMMARY_ROWS 4

struct drowref {
	enum drow kind;
	size_t i;      /* D_SITE, D_SUB: the index */
};


static void push(struct ui_design_view *dv, enum drow k, size_t i)
{
	xgrow((void **)&dv->rows, &dv->caprows, dv->nrows + 1, sizeof *dv->rows);
	dv->rows[dv->nrows].kind = k;
	dv->rows[dv->nrows].i = i;
	dv->nrows++;
}

static void build_rows(struct ui_design_view *dv)
{
	dv->nrows = 0;
	for (int k = D_ALPHA; k <= D_SITEMIN; k++) {
		if (k == D_BE && !(isfinite(dv->be_p1) && dv->from_calc))
			continue;
		push(dv, (enum drow)k, 0);
	}
	push(dv, D_SITES_HEAD, 0);
	if (dv->in.nsites)
		push(dv, D_SITES_COLS, 0);
	for (size_t i = 0; i < dv->in.nsites; i++)
		push(dv, D_SITE, i);
	push(dv, D_SITE_ADD, 0);
	push(dv, D_SUB_HEAD, 0);
	for (size_t i = 0; i < dv->in.nsub; i++)
		push(dv, D_SUB, i);
	push(dv, D_SUB_ADD, 0);
}

/* ---------------------------------------------------------------------
 * The plan and its results
 */

static void set_problem(soem_design_in *in)
{
	bool p0 = !isnan(in->p0), p1 = !isnan(in->p1), n = !isnan(in->n);
	if (p0 && p1 && n)
		in->problem = SOEM_DESIGN_POWER;
	else if (p0 && p1)
		in->problem = SOEM_DESIGN_SIZE;
	else if (p0 && n)
		in->problem = SOEM_DESIGN_P1;
	else
		in->problem = SOEM_DESIGN_NONE;
}

/* What is missing or wrong (translated), or NULL when the plan solves. */
static const char *plan_problem(struct ui_design_view *dv)
{
	set_problem(&dv->in);
	if (isnan(dv->in.p0))
		return _("Give p0, the share that reaches the effect measure without the intervention.");
	if (dv->in.problem == SOEM_DESIGN_NONE)
		return _("Give p1 (the effect to detect), or n per group to find the smallest effect it can show.");
	const char *why = soem_design_check(&dv->in);
	return why ? gettext(why) : NULL;
}

/* The stress case: every inflow halved (on top of the plan's scale). */
static void halved_in(const struct ui_design_view *dv, soem_design_in *h)
{
	*h = dv->in;
	h->inflow_scale = dv->in.inflow_scale * 0.5;
}

static void store(struct ui *u)
{
	struct ui_design_view *dv = &u->dsg;
	if (!dv->from_calc || !u->calc)
		return;
	static const char *const known[] = {
		"alpha", "power", "ratio", "p0", "p1", "n", "attrition", "deff",
		"cc", "sites", "site_min", "inflow_scale", "subgroups", "level",
	};
	ynode *n = soem_eval_to_ynode(&dv->in);
	/* keys the plan does not know stay (a round trip keeps them) */
	const ynode *old = u->calc->evaluation;
	if (old && old->kind == YNODE_MAP)
		for (size_t i = 0; i + 1 < old->n; i += 2) {
			const char *k = old->v[i]->str;
			bool is_known = false;
			for (size_t j = 0; j < sizeof known / sizeof *known; j++)
				is_known = is_known || (k && strcmp(k, known[j]) == 0);
			if (k && !is_known && !ynode_map_get(n, k))
				ynode_map_put(n, k, ynode_clone(old->v[i + 1]));
		}
	ynode_free(&u->calc->evaluation);
	u->calc->evaluation = n;
	ui_changed(u, true);
}

static void site_free(soem_site *s)
{
	free(s->name);
	s->name = NULL;
}

static void add_site(struct ui *u)
{
	struct ui_design_view *dv = &u->dsg;
	soem_design_in *in = &dv->in;
	in->sites = xrealloc(in->sites, (in->nsites + 1) * sizeof *in->sites);
	soem_site *s = &in->sites[in->nsites];
	/* a new site takes the consent and delay of the one before */
	double consent = in->nsites ? in->sites[in->nsites - 1].consent : 1.0;
	double delay = in->nsites ? in->sites[in->nsites - 1].delay : 0.0;
	char b[64];
	snprintf(b, sizeof b, _("Site %zu"), in->nsites + 1);
	*s = (soem_site){ .name = xstrdup(b), .inflow = 0, .consent = consent,
			  .delay = delay };
	in->nsites++;
	store(u);
	build_rows(dv);
	for (size_t r = 0; r < dv->nrows; r++)
		if (dv->rows[r].kind == D_SITE && dv->rows[r].i == in->nsites - 1) {
			u->design.grid.r = (int)r;
			u->design.grid.c = 0;
		}
	ui_edit_start(&u->ed, "", false);
	u->ed.step = UI_ED_DESIGN;
	u->ed.r = u->design.grid.r;
	u->ed.c = 0;
	ui_msg(u, false, "%s",
	       _("A new site: type its name, then Tab: yearly inflow, consent share, start delay in months."));
}

static void add_sub(struct ui *u)
{
	struct ui_design_view *dv = &u->dsg;
	soem_design_in *in = &dv->in;
	in->sub = xrealloc(in->sub, (in->nsub + 1) * sizeof *in->sub);
	in->sub[in->nsub++] = 0.5;
	store(u);
	build_rows(dv);
	for (size_t r = 0; r < dv->nrows; r++)
		if (dv->rows[r].kind == D_SUB && dv->rows[r].i == in->nsub - 1) {
			u->design.grid.r = (int)r;
			u->design.grid.c = 1;
		}
	ui_msg(u, false, "%s",
	       _("A subgroup of half the people: change its share if it holds more or fewer."));
}

/* ---------------------------------------------------------------------
 * The sentences of `soem design` (report/design.c), one per number
 */

struct item {
	char *label, *sentence;
};

static size_t text_items(const soem_design_in *in,
			 const soem_design_out *out, enum soem_numconv conv,
			 struct item **items)
{
	char *buf = NULL;
	size_t len = 0, n = 0, cap = 0;
	soem_err err = { 0 };
	*items = NULL;
	if (soem_design_text(in, out, conv, false, &buf, &len, &err) != 0)
		return 0;
	char *save = NULL;
	struct item *v = NULL;
	for (char *line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "    ", 4) == 0) {
			if (n && !v[n - 1].sentence)
				v[n - 1].sentence = xstrdup(line + 4);
			continue;
		}
		xgrow((void **)&v, &cap, n + 1, sizeof *v);
		v[n].label = xstrdup(line);
		v[n].sentence = NULL;
		n++;
	}
	free(buf);
	*items = v;
	return n;
}

static void items_free(struct item *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].label);
		free(v[i].sentence);
	}
	free(v);
}

/* The k-th item (0-based) whose label starts with prefix. */
static const struct item *item_find(const struct item *v, size_t n,
				    const char *prefix, size_t k)
{
	size_t l = strlen(prefix);
	for (size_t i = 0; i < n; i++)
		if (v[i].sentence && strncmp(v[i].label, prefix, l) == 0 &&
		    k-- == 0)
			return &v[i];
	return NULL;
}

/* The fixed part of a translated format before its first %. */
static void fmt_prefix(const char *fmt, char *b, size_t n)
{
	const char *p = strchr(fmt, '%');
	size_t l = p ? (size_t)(p - fmt) : strlen(fmt);
	if (l >= n)
		l = n - 1;
	memcpy(b, fmt, l);
	b[l] = '\0';
}

/* The sentence for table row r of the plan solved as out. */
static const char *row_sentence(const struct ui_design_view *dv,
				const struct item *v, size_t n, size_t r)
{
	char pre[256];
	const struct item *it = NULL;
	switch (dv->rows[r].kind) {
	case D_ALPHA:
		it = item_find(v, n, _("Significance level (two-sided)"), 0);
		break;
	case D_POWER:
		it = item_find(v, n, _("Power"), 0);
		break;
	case D_RATIO:
		it = item_find(v, n, _("Allocation (treated per control)"), 0);
		break;
	case D_P0:
		it = item_find(v, n, "p0 =", 0);
		break;
	case D_P1:
	case D_BE:
		it = item_find(v, n, "p1 =", 0);
		break;
	case D_N:
		it = item_find(v, n, _("Per group, unrounded (control / treated)"), 0);
		break;
	case D_DEFF:
		it = item_find(v, n, _("Per group, rounded up (control / treated)"), 0);
		break;
	case D_ATTR:
		it = item_find(v, n, _("To enrol"), 0);
		break;
	case D_CC:
		it = item_find(v, n, _("Continuity correction: on"), 0);
		break;
	case D_SCALE:
	case D_SITES_HEAD:
	case D_SITES_COLS:
	case D_SITE_ADD:
		it = item_find(v, n, _("Months of recruitment"), 0);
		break;
	case D_SITEMIN:
	case D_SITE:
		if (dv->in.has_site_min && dv->rows[r].kind == D_SITE) {
			snprintf(pre, sizeof pre, "%s:",
				 dv->in.sites[dv->rows[r].i].name);
			it = item_find(v, n, pre, 0);
		} else if (dv->in.has_site_min && dv->in.nsites) {
			snprintf(pre, sizeof pre, "%s:", dv->in.sites[0].name);
			it = item_find(v, n, pre, 0);
		} else {
			it = item_find(v, n, _("Months of recruitment"), 0);
		}
		break;
	case D_SUB:
		fmt_prefix(_("Subgroup of %s: detectable p1 = %s"), pre,
			   sizeof pre);
		it = item_find(v, n, pre, dv->rows[r].i);
		break;
	case D_SUB_HEAD:
	case D_SUB_ADD:
		fmt_prefix(_("Subgroup of %s: detectable p1 = %s"), pre,
			   sizeof pre);
		it = item_find(v, n, pre, 0);
		break;
	}
	return it ? it->sentence : NULL;
}

/* ---------------------------------------------------------------------
 * The table
 */

static enum ui_row_type rtype(struct ui *u, struct ui_view *vw, int r)
{
	struct ui_design_view *dv = &u->dsg; /* vw is u->design */
	(void)vw;
	(void)u;
	return dv->rows[r].kind == D_SITES_HEAD || dv->rows[r].kind == D_SUB_HEAD
		       ? ROW_HEADING
		       : ROW_DATA;
}

static void share_cell(struct ui *u, double v, struct ui_cell *o)
{
	if (isnan(v))
		return;
	ui_pct(u, v, 1, o->text, sizeof o->text);
	ui_pct_edit(u, v, o->edit, sizeof o->edit);
}

static void num_cell(struct ui *u, double v, int dec, struct ui_cell *o)
{
	if (isnan(v))
		return;
	ui_num(u, v, dec, o->text, sizeof o->text);
	ui_num_edit(u, v, o->edit, sizeof o->edit);
}

/* A number with its decimals shown only as far as they go (0,05; 1). */
static void plain_cell(struct ui *u, double v, struct ui_cell *o)
{
	if (isnan(v))
		return;
	ui_num_edit(u, v, o->text, sizeof o->text);
	ui_num_edit(u, v, o->edit, sizeof o->edit);
}

/* Results per site and subgroup, solved as the table is drawn. */

static void months_text(struct ui *u, double m, char *b, size_t n)
{
	if (isfinite(m))
		ui_num(u, m, 2, b, n);
	else
		snprintf(b, n, "%s", _("never"));
}

static void cell(struct ui *u, struct ui_view *vw, int r, int c,
		 struct ui_cell *o)
{
	struct ui_design_view *dv = &u->dsg; /* vw is u->design */
	(void)vw;
	static const char *const labels[] = {
		[D_ALPHA] = N_("Significance level (two-sided)"),
		[D_POWER] = N_("Power"),
		[D_RATIO] = N_("Treated per control (allocation)"),
		[D_P0] = N_("p0: share reaching it anyway"),
		[D_P1] = N_("p1: share with the intervention"),
		[D_BE] = N_("The break-even effect"),
		[D_N] = N_("n per group, if fixed"),
		[D_ATTR] = N_("Drop-out (attrition)"),
		[D_DEFF] = N_("Design effect"),
		[D_CC] = N_("Continuity correction"),
		[D_SCALE] = N_("Inflow scale"),
		[D_SITEMIN] = N_("Minimum per site"),
		[D_SITES_HEAD] = N_("Sites (förbund): yearly inflow, consent, start delay; months to the minimum"),
		[D_SUB_HEAD] = N_("Subgroups: the share of the people they hold, and the effect they can show"),
	};
	const soem_design_in *in = &dv->in;
	const struct drowref *row = &dv->rows[r];
	if (row->kind == D_SITES_HEAD || row->kind == D_SUB_HEAD) {
		if (c == 0)
			snprintf(o->text, sizeof o->text, "%s", _(labels[row->kind]));
		return;
	}
	if (row->kind <= D_SITEMIN) {
		if (c == 0) {
			snprintf(o->text, sizeof o->text, "%s", _(labels[row->kind]));
			return;
		}
		if (c != 2)
			return;
		o->kind = CK_NUM;
		switch (row->kind) {
		case D_ALPHA: plain_cell(u, in->alpha, o); break;
		case D_POWER:
			o->share = true;
			if (in->problem == SOEM_DESIGN_POWER && dv->out_ok) {
				ui_pct(u, dv->out.power, 1, o->text, sizeof o->text);
				size_t l = strlen(o->text);
				snprintf(o->text + l, sizeof o->text - l, " (%s)",
					 _("computed"));
				o->kind = CK_LABEL;
			} else {
				share_cell(u, in->power, o);
			}
			break;
		case D_RATIO: plain_cell(u, in->ratio, o); break;
		case D_P0:
			o->share = true;
			share_cell(u, in->p0, o);
			if (isnan(in->p0)) {
				snprintf(o->text, sizeof o->text, "%s", _("(enter)"));
				o->placeholder = true;
			}
			break;
		case D_P1:
			o->share = true;
			share_cell(u, in->p1, o);
			if (isnan(in->p1)) {
				char t[SOEM_NUM_BUFSIZE];
				if (in->problem == SOEM_DESIGN_P1 && dv->out_ok &&
				    isfinite(dv->out.p1))
					snprintf(o->text, sizeof o->text,
						 "(%s: %s)", _("computed"),
						 ui_pct(u, dv->out.p1, 1, t, sizeof t));
				else
					snprintf(o->text, sizeof o->text, "%s",
						 _("(enter)"));
				o->placeholder = true;
			}
			break;
		case D_BE: {
			char a[SOEM_NUM_BUFSIZE], b[SOEM_NUM_BUFSIZE];
			snprintf(o->text, sizeof o->text,
				 _("p1 = %s (s = %s): Enter uses it"),
				 ui_pct(u, dv->be_p1, 1, a, sizeof a),
				 ui_pct(u, dv->be_p1 - in->p0, 1, b, sizeof b));
			o->kind = CK_ACTION;
			break;
		}
		case D_N:
			num_cell(u, in->n, 2, o);
			if (isnan(in->n)) {
				snprintf(o->text, sizeof o->text, "%s",
					 _("(computed)"));
				o->placeholder = true;
			}
			break;
		case D_ATTR:
			o->share = true;
			share_cell(u, in->attrition, o);
			break;
		case D_DEFF: plain_cell(u, in->deff, o); break;
		case D_CC:
			snprintf(o->text, sizeof o->text, "%s %s",
				 ui_glyph(u, in->cc ? G_CHECK_ON : G_CHECK_OFF),
				 in->cc ? _("on (Fleiss)") : _("off"));
			o->kind = CK_CHECK;
			break;
		case D_SCALE: plain_cell(u, in->inflow_scale, o); break;
		case D_SITEMIN:
			if (in->has_site_min) {
				plain_cell(u, in->site_min, o);
			} else {
				snprintf(o->text, sizeof o->text, "%s",
					 _("(none)"));
				o->placeholder = true;
			}
			break;
		default:
			break;
		}
		return;
	}
	switch (row->kind) {
	case D_SITES_COLS: {
		static const char *const h[NCOLS] = {
			N_("  Name"), N_("Inflow/yr"), N_("Consent"), N_("Delay"),
			N_("Months"), N_("Halved"),
		};
		snprintf(o->text, sizeof o->text, "%s", _(h[c]));
		o->right = c > 0;
		o->role = R_HEAD;
		return;
	}
	case D_SITE: {
		const soem_site *s = &in->sites[row->i];
		o->right = c > 0;
		switch (c) {
		case 0:
			snprintf(o->text, sizeof o->text, "%s", s->name);
			o->kind = CK_TEXT;
			break;
		case 1: num_cell(u, s->inflow, s->inflow == floor(s->inflow) ? 0 : 2, o);
			o->kind = CK_NUM;
			break;
		case 2:
			o->share = true;
			share_cell(u, s->consent, o);
			o->kind = CK_NUM;
			break;
		case 3: num_cell(u, s->delay, s->delay == floor(s->delay) ? 0 : 1, o);
			o->kind = CK_NUM;
			break;
		case 4:
		case 5: {
			const soem_design_out *d = c == 4 ? &dv->out : &dv->half;
			if (dv->out_ok && d->site_months)
				months_text(u, d->site_months[row->i], o->text,
					    sizeof o->text);
			else if (dv->out_ok)
				snprintf(o->text, sizeof o->text, "%s", "-");
			break;
		}
		}
		return;
	}
	case D_SITE_ADD:
		if (c == 0) {
			snprintf(o->text, sizeof o->text, "%s", _("+ Add a site (a)"));
			o->kind = CK_ACTION;
		}
		return;
	case D_SUB:
		if (c == 0) {
			snprintf(o->text, sizeof o->text, "  %s %zu",
				 _("Subgroup"), row->i + 1);
		} else if (c == 1) {
			o->share = true;
			o->kind = CK_NUM;
			o->right = true;
			share_cell(u, in->sub[row->i], o);
		} else if (c == 2 && dv->out_ok && dv->out.sub_p1) {
			double p = dv->out.sub_p1[row->i];
			char a[SOEM_NUM_BUFSIZE], b[SOEM_NUM_BUFSIZE];
			if (isfinite(p))
				snprintf(o->text, sizeof o->text,
					 _("can show p1 = %s (s = %s)"),
					 ui_pct(u, p, 1, a, sizeof a),
					 ui_pct(u, p - in->p0, 1, b, sizeof b));
			else
				snprintf(o->text, sizeof o->text, "%s",
					 _("too small to show any effect"));
		}
		return;
	case D_SUB_ADD:
		if (c == 0) {
			snprintf(o->text, sizeof o->text, "%s",
				 _("+ Add a subgroup (a)"));
			o->kind = CK_ACTION;
		}
		return;
	default:
		return;
	}
}

static bool blank(const char *s)
{
	while (*s == ' ')
		s++;
	return !*s;
}

static bool commit(struct ui *u, struct ui_view *vw, int r, int c,
		   const char *text, const char **why)
{
	struct ui_design_view *dv = &u->dsg; /* vw is u->design */
	(void)vw;
	soem_design_in *in = &dv->in;
	const struct drowref *row = &dv->rows[r];
	double v = 0;
	bool empty = blank(text);
	bool share = row->kind == D_POWER || row->kind == D_P0 ||
		     row->kind == D_P1 || row->kind == D_ATTR ||
		     (row->kind == D_SITE && c == 2) || row->kind == D_SUB;
	bool may_be_empty = row->kind == D_P1 || row->kind == D_N ||
			    row->kind == D_SITEMIN;
	if (row->kind == D_SITE && c == 0) {
		if (empty) {
			*why = _("a site needs a name");
			return false;
		}
		free(in->sites[row->i].name);
		in->sites[row->i].name = xstrdup(text);
		return true;
	}
	if (!(empty && may_be_empty) && !ui_parse(u, text, share, &v, why))
		return false;
	switch (row->kind) {
	case D_ALPHA:
		if (!(v > 0 && v < 0.5)) {
			*why = _("the significance level lies between 0 and 0,5 (usually 0,05)");
			return false;
		}
		in->alpha = v;
		return true;
	case D_POWER:
		if (!(v > 0 && v < 1)) {
			*why = _("the power is a share between 0 % and 100 %, usually 80 %");
			return false;
		}
		in->power = v;
		return true;
	case D_RATIO:
		if (!(v > 0) || v > 100) {
			*why = _("the number treated per control must be above 0 (1: equal groups)");
			return false;
		}
		in->ratio = v;
		return true;
	case D_P0:
		if (!(v >= 0 && v < 1)) {
			*why = _("p0 must be a share from 0 % up to (not including) 100 %");
			return false;
		}
		in->p0 = v;
		return true;
	case D_P1:
		if (empty) {
			in->p1 = NAN;
			return true;
		}
		if (!(v >= 0 && v <= 1)) {
			*why = _("p1 must be a share between 0 % and 100 %");
			return false;
		}
		in->p1 = v;
		return true;
	case D_N:
		if (empty) {
			in->n = NAN;
			return true;
		}
		if (!(v > 0) || v > 1e9) {
			*why = _("n is the number of people in the control group, above 0");
			return false;
		}
		in->n = v;
		return true;
	case D_ATTR:
		if (!(v >= 0 && v < 1)) {
			*why = _("the drop-out is a share from 0 % up to (not including) 100 %");
			return false;
		}
		in->attrition = v;
		return true;
	case D_DEFF:
		if (!(v >= 1) || v > 100) {
			*why = _("the design effect is 1 or more (1 when individuals are randomised)");
			return false;
		}
		in->deff = v;
		return true;
	case D_SCALE:
		if (!(v >= 0) || v > 100) {
			*why = _("the inflow scale is 0 or more (0,5 halves every inflow)");
			return false;
		}
		in->inflow_scale = v;
		return true;
	case D_SITEMIN:
		if (empty) {
			in->has_site_min = false;
			in->site_min = 0;
			return true;
		}
		if (!(v > 0) || v > 1e9) {
			*why = _("the minimum per site is a number of people above 0");
			return false;
		}
		in->has_site_min = true;
		in->site_min = v;
		return true;
	case D_SITE: {
		soem_site *s = &in->sites[row->i];
		if (c == 1) {
			if (!(v >= 0) || v > 1e9) {
				*why = _("the yearly inflow is a number of people, 0 or more");
				return false;
			}
			s->inflow = v;
		} else if (c == 2) {
			if (!(v >= 0 && v <= 1)) {
				*why = _("the consent is a share between 0 % and 100 %");
				return false;
			}
			s->consent = v;
		} else if (c == 3) {
			if (!(v >= 0) || v > 1200) {
				*why = _("the start delay is a number of months, 0 or more");
				return false;
			}
			s->delay = v;
		} else {
			return false;
		}
		return true;
	}
	case D_SUB:
		if (!(v > 0 && v <= 1)) {
			*why = /* xgettext:no-c-format */ _("a subgroup holds a share above 0 % and at most 100 % of the people");
			return false;
		}
		in->sub[row->i] = v;
		return true;
	default:
		return false;
	}
}

static void activate(struct ui *u, struct ui_view *vw, int r, int c)
{
	struct ui_design_view *dv = &u->dsg; /* vw is u->design */
	(void)vw;
	(void)c;
	switch (dv->rows[r].kind) {
	case D_CC:
		dv->in.cc = !dv->in.cc;
		break;
	case D_BE:
		dv->in.p1 = dv->be_p1;
		ui_msg(u, false, "%s",
		       _("p1 is now the break-even effect: the smallest effect at which the intervention pays for itself."));
		break;
	case D_SITE_ADD:
		add_site(u);
		return;
	case D_SUB_ADD:
		add_sub(u);
		return;
	default:
		return;
	}
	store(u);
}

_Static_assert(NCOLS <= UI_VIEW_COLS, "the columns fit a view");

const struct ui_griddef *ui_design_grid(struct ui *u)
{
	struct ui_design_view *dv = &u->dsg;
	build_rows(dv);
	/* name, inflow, consent, delay, months, months halved */
	static const int base[NCOLS] = { 24, 9, 9, 7, 10, 10 };
	int used = 2;
	for (int c = 0; c < NCOLS; c++) {
		u->design.width[c] = base[c];
		used += base[c] + 1;
	}
	if (u->cols - used > 0)
		u->design.width[0] += u->cols - used > 16 ? 16 : u->cols - used;
	u->design.def = (struct ui_griddef){ (int)dv->nrows, NCOLS, NCOLS,
		u->design.width, NULL, &u->design, cell, rtype, commit,
		activate, true };
	return &u->design.def;
}

/* ---------------------------------------------------------------------
 * Opening, drawing, keys
 */

void ui_design_open(struct ui *u, bool from_calc)
{
	struct ui_design_view *dv = &u->dsg;
	from_calc = from_calc && u->calc;
	if (!dv->ready || from_calc || dv->from_calc) {
		soem_design_in_free(&dv->in);
		soem_design_in_init(&dv->in);
		u->design.grid = (struct ui_grid){ 0 };
	}
	dv->ready = true;
	dv->from_calc = from_calc;
	dv->back = u->screen;
	dv->be_p1 = NAN;
	dv->name[0] = '\0';
	char warned[SOEM_ERR_MAX] = "";
	if (from_calc) {
		const soem_calc *c = u->calc;
		/* the current group's effect (SPEC 2.9) */
		const soem_effect *e = &ui_gcalc(u)->effect;
		snprintf(dv->name, sizeof dv->name, "%s",
			 c->intervention.name ? c->intervention.name
					      : _("(new calculation)"));
		if (c->evaluation) {
			soem_err err = { 0 };
			soem_warnings warn = { 0 };
			if (soem_eval_read(c->evaluation,
					   u->path ? u->path : _("the calculation"),
					   &dv->in, &warn, &err) != 0) {
				snprintf(warned, sizeof warned, "%s", err.msg);
				soem_design_in_free(&dv->in);
				soem_design_in_init(&dv->in);
			} else if (warn.n) {
				/* e.g. an unknown key in a site: not kept */
				snprintf(warned, sizeof warned, "%s", warn.msg[0]);
			}
			soem_warnings_free(&warn);
		}
		/* p0 and p1 from the calculation unless the plan has its own */
		if (isnan(dv->in.p0) && !e->has_success_rate && e->has_p1)
			dv->in.p0 = e->has_p0 ? e->p0.value : 0.0;
		if (isnan(dv->in.p1) && !e->has_success_rate && e->has_p1 &&
		    !isnan(dv->in.p0) && e->p1.value != dv->in.p0)
			dv->in.p1 = e->p1.value;
		if (u->res && isfinite(u->res->break_even_s) && !isnan(dv->in.p0)) {
			double p = dv->in.p0 + u->res->break_even_s;
			if (p > dv->in.p0 && p <= 1)
				dv->be_p1 = p;
		}
	}
	u->ed.active = false;
	u->screen = SCR_DESIGN;
	build_rows(dv);
	if (u->design.grid.r == 0 && u->design.grid.c == 0)
		u->design.grid.c = 2;
	if (warned[0])
		ui_msg(u, true, "%s", warned);
	else if (from_calc)
		ui_msg(u, false, "%s",
		       _("The plan is saved in the calculation's evaluation: section. Esc: back."));
	else
		ui_msg(u, false, "%s",
		       _("A plan of its own: kept until soem ends, not saved. Esc: back."));
}

/* Solves the plan and its stress case into dv->out and dv->half. */
static const char *solve(struct ui_design_view *dv)
{
	soem_design_out_free(&dv->out);
	soem_design_out_free(&dv->half);
	dv->out_ok = false;
	const char *why = plan_problem(dv);
	if (why)
		return why;
	soem_design_in h;
	soem_design_solve(&dv->in, &dv->out);
	halved_in(dv, &h);
	soem_design_solve(&h, &dv->half);
	dv->out_ok = true;
	return NULL;
}

static const char *months_of(struct ui *u, const soem_design_out *d,
			     char *b, size_t n)
{
	if (!d->has_months)
		snprintf(b, n, "%s", "-");
	else if (d->months < 0)
		snprintf(b, n, "%s", _("never"));
	else
		snprintf(b, n, "%ld", d->months);
	(void)u;
	return b;
}

/* The slowest site's months to the minimum (NAN: none) and its index. */
static double slowest(const struct ui_design_view *dv,
		      const soem_design_out *d, size_t *at)
{
	double m = NAN;
	*at = 0;
	if (!d->site_months)
		return NAN;
	for (size_t i = 0; i < dv->in.nsites; i++) {
		double v = d->site_months[i];
		if (!isfinite(v))
			v = INFINITY;
		if (isnan(m) || v > m) {
			m = v;
			*at = i;
		}
	}
	return m;
}

static void summary(struct ui *u, WINDOW *w, int y, const char *why)
{
	struct ui_design_view *dv = &u->dsg;
	char b[600], t1[SOEM_NUM_BUFSIZE], t2[SOEM_NUM_BUFSIZE],
		t3[SOEM_NUM_BUFSIZE];
	int W = u->cols - 2;
	if (why) {
		wmove(w, y, 1);
		wattrset(w, A_BOLD);
		ui_puts(u, w, why, W);
		wattrset(w, A_NORMAL);
		return;
	}
	const soem_design_out *o = &dv->out;
	/* the size */
	if (dv->in.problem == SOEM_DESIGN_P1)
		snprintf(b, sizeof b, _("With n = %s per group the smallest p1 it can show is %s."),
			 ui_num(u, o->n_control, 2, t1, sizeof t1),
			 isfinite(o->p1) ? ui_pct(u, o->p1, 1, t2, sizeof t2)
					 : _("none"));
	else if (dv->in.problem == SOEM_DESIGN_POWER)
		snprintf(b, sizeof b, _("With n = %s per group the power is %s."),
			 ui_num(u, o->n_control, 2, t1, sizeof t1),
			 ui_pct(u, o->power, 1, t2, sizeof t2));
	else
		snprintf(b, sizeof b, _("Per group: %s, rounded up %s."),
			 ui_num(u, o->n_control, 2, t1, sizeof t1),
			 ui_num(u, (double)o->group_control, 0, t2, sizeof t2));
	size_t l = strlen(b);
	snprintf(b + l, sizeof b - l, _(" To enrol: %s + %s = %s."),
		 ui_num(u, (double)o->enrol_control, 0, t1, sizeof t1),
		 ui_num(u, (double)o->enrol_treatment, 0, t2, sizeof t2),
		 ui_num(u, (double)o->enrol_total, 0, t3, sizeof t3));
	wmove(w, y, 1);
	wattrset(w, A_BOLD);
	ui_puts(u, w, b, W);
	wattrset(w, A_NORMAL);
	/* recruitment, as given and with the inflow halved */
	if (!dv->in.nsites) {
		wmove(w, y + 1, 1);
		wattrset(w, ui_attr(u, R_DIM));
		ui_puts(u, w, _("Add the sites (förbund) below to see how many months recruitment takes."),
			W);
		wattrset(w, A_NORMAL);
		return;
	}
	snprintf(b, sizeof b, _("Months of recruitment: %s; with the inflow halved: %s."),
		 months_of(u, o, t1, sizeof t1),
		 months_of(u, &dv->half, t2, sizeof t2));
	wmove(w, y + 1, 1);
	ui_puts(u, w, b, W);
	size_t at, at2;
	double m = slowest(dv, o, &at), m2 = slowest(dv, &dv->half, &at2);
	if (!isnan(m)) {
		char s1[SOEM_NUM_BUFSIZE + 40], s2[SOEM_NUM_BUFSIZE];
		months_text(u, m, s1, sizeof s1);
		months_text(u, m2, s2, sizeof s2);
		snprintf(b, sizeof b,
			 _("Minimum %s per site: slowest %s, %s months; inflow halved: %s."),
			 ui_num(u, dv->in.site_min,
				dv->in.site_min == floor(dv->in.site_min) ? 0
									  : 2,
				t3, sizeof t3),
			 dv->in.sites[at].name, s1, s2);
		wmove(w, y + 2, 1);
		ui_puts(u, w, b, W);
	}
}

void ui_design_draw(struct ui *u, WINDOW *w, int h)
{
	struct ui_design_view *dv = &u->dsg;
	char right[260] = "";
	const char *why = solve(dv);
	if (dv->from_calc)
		snprintf(right, sizeof right, "%s %s", _("for:"), dv->name);
	wmove(w, 0, 1);
	wattrset(w, A_BOLD);
	int rw = ui_width(u, right);
	ui_puts(u, w, _("Evaluation design: planning an experiment"),
		u->cols - rw - 4);
	wattrset(w, A_NORMAL);
	if (rw) {
		wmove(w, 0, u->cols - rw - 1);
		ui_puts(u, w, right, rw);
	}
	summary(u, w, 1, why);
	ui_hline(u, w, SUMMARY_ROWS, 0, u->cols);
	ui_grid_draw(u, w, SUMMARY_ROWS + 1, h - SUMMARY_ROWS - 1,
		     ui_design_grid(u), &u->design.grid);
}

/* x: every number with its sentence, the plan as given and then the
 * recruitment with the inflow halved. */
static void explain(struct ui *u)
{
	struct ui_design_view *dv = &u->dsg;
	const char *why = solve(dv);
	if (why) {
		ui_msg(u, true, "%s", why);
		return;
	}
	struct ui_doc d = { 0 };
	int width = u->cols - 6 > 20 ? u->cols - 6 : 20;
	char *buf = NULL;
	size_t len = 0;
	soem_err err = { 0 };
	if (soem_design_text(&dv->in, &dv->out, u->set->conv, false, &buf, &len,
			     &err) == 0) {
		char *save = NULL;
		for (char *line = strtok_r(buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			bool sentence = strncmp(line, "    ", 4) == 0;
			ui_doc_wrap(u, &d, sentence ? A_NORMAL : A_BOLD,
				    sentence ? 4 : 0, width,
				    sentence ? line + 4 : line);
		}
		free(buf);
	}
	if (dv->in.nsites) {
		soem_design_in h;
		struct item *v;
		halved_in(dv, &h);
		h.nsub = 0;
		h.has_counts = false;
		size_t n = text_items(&h, &dv->half, u->set->conv, &v);
		char title[200];
		snprintf(title, sizeof title, "%s",
			 _("If the inflow is halved (the stress case: fewer people come, as in 2020)"));
		ui_doc_add(&d, A_NORMAL, "%s", "");
		ui_doc_wrap(u, &d, A_BOLD, 0, width, title);
		bool on = false;
		for (size_t i = 0; i < n; i++) {
			if (!on && strncmp(v[i].label, _("Months of recruitment"),
					   strlen(_("Months of recruitment"))) == 0)
				on = true;
			if (!on || !v[i].sentence)
				continue;
			ui_doc_wrap(u, &d, A_BOLD, 0, width, v[i].label);
			ui_doc_wrap(u, &d, A_NORMAL, 4, width, v[i].sentence);
		}
		items_free(v, n);
	}
	ui_pager(u, _("Evaluation design: what the numbers mean"), &d);
	ui_doc_free(&d);
}

static void delete_row(struct ui *u)
{
	struct ui_design_view *dv = &u->dsg;
	if (u->design.grid.r < 0 || (size_t)u->design.grid.r >= dv->nrows)
		return;
	const struct drowref *row = &dv->rows[u->design.grid.r];
	soem_design_in *in = &dv->in;
	char q[300];
	if (row->kind == D_SITE) {
		snprintf(q, sizeof q, _("Delete the site \"%s\"?"),
			 in->sites[row->i].name);
		if (ui_ask(u, q, "yn", _("y: delete   n or Esc: keep")) != 'y')
			return;
		site_free(&in->sites[row->i]);
		memmove(&in->sites[row->i], &in->sites[row->i + 1],
			(in->nsites - row->i - 1) * sizeof *in->sites);
		in->nsites--;
	} else if (row->kind == D_SUB) {
		memmove(&in->sub[row->i], &in->sub[row->i + 1],
			(in->nsub - row->i - 1) * sizeof *in->sub);
		in->nsub--;
	} else {
		ui_msg(u, false, "%s",
		       _("Only a site or a subgroup can be deleted: move to it first."));
		return;
	}
	store(u);
}

bool ui_design_key(struct ui *u, enum ui_act a, int ch, bool is_key)
{
	struct ui_design_view *dv = &u->dsg;
	struct ui_grid *g = &u->design.grid;
	const struct ui_griddef *d = ui_design_grid(u);
	switch (a) {
	case ACT_CANCEL:
		u->screen = dv->back == SCR_DESIGN ? SCR_START : dv->back;
		if (u->screen == SCR_STEP && !u->calc)
			u->screen = SCR_START;
		return true;
	case ACT_HELP:
		ui_help(u, ui_scope(u), _("Help: evaluation design"),
			_("Plan an experiment with a yes/no outcome: people randomised to the intervention or a waiting list. Give p0 (the share that reaches the effect measure anyway) and p1 (the share you expect with the intervention), the significance level and the power; soem says how many to enrol. Add the sites (förbund) with their yearly inflow, the share that consents and the months before they start: soem says how many months recruitment takes, and beside it the stress case with the inflow halved. A minimum per site gives each site's own months. Subgroups show the smallest effect they can show: smaller effects in them cannot be told from chance. x explains every number."));
		return true;
	case ACT_EXPLAIN:
		explain(u);
		return true;
	case ACT_ADD:
		if (g->r >= 0 && (size_t)g->r < dv->nrows &&
		    (dv->rows[g->r].kind == D_SUB ||
		     dv->rows[g->r].kind == D_SUB_ADD ||
		     dv->rows[g->r].kind == D_SUB_HEAD))
			add_sub(u);
		else
			add_site(u);
		return true;
	case ACT_DELETE:
		delete_row(u);
		return true;
	default:
		break;
	}
	return ui_grid_key(u, d, &u->design.grid, a, ch, is_key);
}

void ui_design_edit_done(struct ui *u, enum ui_edit_end end)
{
	u->ed.active = false;
	if (end == ED_CANCEL)
		return;
	const struct ui_griddef *d = ui_design_grid(u);
	const char *why = NULL;
	char text[sizeof u->ed.buf];
	snprintf(text, sizeof text, "%s", u->ed.buf);
	if (u->ed.r >= d->nrows ||
	    !commit(u, &u->design, u->ed.r, u->ed.c, text, &why)) {
		ui_msg(u, true, _("\"%s\" refused: %s; the old value stays."),
		       text, why ? why : _("not a valid value here"));
		return;
	}
	store(u);
	d = ui_design_grid(u);
	struct ui_grid *g = &u->design.grid;
	switch (end) {
	case ED_COMMIT: ui_grid_key(u, d, g, ACT_DOWN, 0, false); break;
	case ED_COMMIT_NEXT: ui_grid_key(u, d, g, ACT_TAB, 0, false); break;
	case ED_COMMIT_PREV: ui_grid_key(u, d, g, ACT_BTAB, 0, false); break;
	case ED_COMMIT_UP: ui_grid_key(u, d, g, ACT_UP, 0, false); break;
	case ED_COMMIT_DOWN: ui_grid_key(u, d, g, ACT_DOWN, 0, false); break;
	default: break;
	}
}

void ui_design_detail(struct ui *u, char *b, size_t n)
{
	struct ui_design_view *dv = &u->dsg;
	(void)u;
	build_rows(dv);
	if (u->design.grid.r < 0 || (size_t)u->design.grid.r >= dv->nrows)
		return;
	static const char *const help[] = {
		[D_ALPHA] = N_("The risk of a false alarm, usually 0.05 (5 in 100)"),
		[D_POWER] = N_("The chance to show a real effect, usually 80 %"),
		[D_RATIO] = N_("1: as many treated as controls"),
		[D_P0] = N_("Reaches the effect measure anyway (the waiting list)"),
		[D_P1] = N_("Expected with the intervention; empty: give n"),
		[D_BE] = N_("Plan for the smallest effect that pays for itself"),
		[D_N] = N_("Fixed group size: gives the power, or the smallest p1"),
		[D_ATTR] = N_("The share lost before the outcome is measured"),
		[D_DEFF] = N_("1 when individuals are randomised; more when whole teams are"),
		[D_CC] = N_("Space: a little larger sizes for counting whole people"),
		[D_SCALE] = N_("1: the inflows as given; the stress case halves them"),
		[D_SITEMIN] = N_("People each site must randomise (empty: none)"),
		[D_SITE] = N_("Name, people a year, share consenting, months before it starts"),
		[D_SITE_ADD] = N_("Enter or a: add a site (förbund)"),
		[D_SUB] = N_("The share of all people in this subgroup"),
		[D_SUB_ADD] = N_("Enter or a: add a subgroup"),
	};
	enum drow k = dv->rows[u->design.grid.r].kind;
	if (k < sizeof help / sizeof help[0] && help[k])
		snprintf(b, n, "%s", _(help[k]));
}

const char *ui_design_guide(struct ui *u)
{
	struct ui_design_view *dv = &u->dsg;
	build_rows(dv);
	const char *why = solve(dv);
	const char *s = NULL;
	struct item *v = NULL;
	size_t n = 0;
	if (!why && u->design.grid.r >= 0 && (size_t)u->design.grid.r < dv->nrows) {
		n = text_items(&dv->in, &dv->out, u->set->conv, &v);
		s = row_sentence(dv, v, n, (size_t)u->design.grid.r);
	}
	snprintf(dv->guide, sizeof dv->guide, "%s",
		 s ? s : why ? why
		   : _("Give p0 and p1, then the sites. The sentence here says what the number of the row means; x explains them all."));
	items_free(v, n);
	return dv->guide;
}

void ui_design_cleanup(struct ui *u)
{
	struct ui_design_view *dv = &u->dsg;
	soem_design_in_free(&dv->in);
	soem_design_out_free(&dv->out);
	soem_design_out_free(&dv->half);
	free(dv->rows);
	dv->rows = NULL;
	dv->nrows = dv->caprows = 0;
	dv->ready = false;
}
