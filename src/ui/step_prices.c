/* step_prices.c - step 6: the unit price of every service in use, per
 * payer (SPEC §2.4); the database's price beside one's own; r shows low
 * and high beside each price (SPEC §2.7; shown anyway when a price has
 * a range). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/calc_edit.h"
#include "ui/uipriv.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Service and unit, and the price type (schedule, net of tax) when some
 * row has one (set by step_prices_grid). */
#define FIXED (vw->prices.nfixed)

/* Row i of the consequences of every group (SPEC 2.9). */
#define CONS(u, i) (*soem_calc_cons_at((u)->calc, (i), NULL, NULL))

static const char *cons_name(struct ui *u, size_t i, const char *lang)
{
	const soem_calc *o;
	size_t local;
	soem_calc_cons_at(u->calc, i, &o, &local);
	return soem_calc_cons_name(o, u->kb, local, lang);
}


static void build_rows(struct ui *u, struct ui_view *vw)
{
	struct ui_prices_view *pv = &vw->prices;
	pv->nsvc = 0;
	/* the rows of every group (SPEC 2.9), each service once */
	size_t n = soem_calc_ncons_all(u->calc);
	for (size_t i = 0; i < n; i++) {
		const soem_consequence *q = soem_calc_cons_at(u->calc, i, NULL,
							      NULL);
		if (!q->enabled)
			continue;
		bool seen = false;
		for (size_t k = 0; k < pv->nsvc && q->service; k++)
			if (CONS(u, pv->svc[k]).service &&
			    strcmp(CONS(u, pv->svc[k]).service, q->service) == 0)
				seen = true;
		if (seen)
			continue;
		xgrow((void **)&pv->svc, &pv->capsvc, pv->nsvc + 1,
		      sizeof *pv->svc);
		pv->svc[pv->nsvc++] = i;
	}
}

/* Columns after the fixed ones: a price per payer, and beside it the
 * database's price when some service has its own price for that payer;
 * with the ranges shown, low and high after each price. */
struct pcol {
	size_t payer;
	bool db;
	int range;  /* 0: the price, 1: its low, 2: its high */
};

static size_t payer_of(const struct ui_view *vw, int c, bool *db)
{
	const struct pcol *pc = &vw->prices.pcols[c - FIXED];
	*db = pc->db;
	return pc->payer;
}

static int range_of(const struct ui_view *vw, int c)
{
	return vw->prices.pcols[c - FIXED].range;
}

static bool any_range(struct ui *u)
{
	for (size_t i = 0; i < u->calc->nprices; i++)
		for (size_t j = 0; j < u->calc->prices[i].n; j++)
		{
			const soem_price_payer *pp = &u->calc->prices[i].v[j];
			if (pp->price.ranged)
				return true;
			for (size_t k = 0; k < pp->nsched; k++)
				if (pp->sched[k].amount.ranged)
					return true;
		}
	return false;
}

static bool payer_overridden(struct ui *u, struct ui_view *vw, size_t p)
{
	for (size_t r = 0; r < vw->prices.nsvc; r++) {
		double v, kbp;
		bool over = false;
		const soem_consequence *q = &CONS(u, vw->prices.svc[r]);
		if (soem_calc_price(u->calc, u->kb, q->service, p, &v, &kbp,
				    &over) &&
		    over && !q->custom)
			return true;
	}
	return false;
}

/* Whether some payer's price of service is a schedule (the
 * calculation's or the database's). */
static bool row_sched(struct ui *u, const char *service)
{
	for (size_t p = 0; p < u->kb->npayers; p++) {
		int y;
		double a;
		if (soem_calc_sched_year(u->calc, u->kb, service, p, &y, &a))
			return true;
	}
	return false;
}

/* The price type of service: a schedule, a tax that comes back, both,
 * or "" (SPEC 2.9). */
static const char *price_type(struct ui *u, const char *service)
{
	bool sched = row_sched(u, service);
	bool tax = soem_calc_has_tax(u->calc, u->kb, service);
	return sched && tax ? _("schedule, net")
	       : sched     ? _("schedule")
	       : tax       ? _("net of tax")
			   : "";
}

static void cell(struct ui *u, struct ui_view *vw, int r, int c,
		 struct ui_cell *o)
{
	const soem_consequence *q = &CONS(u, vw->prices.svc[r]);
	const soem_kb *kb = u->kb;
	size_t k = soem_kb_service_index(kb, q->service);
	if (c == 0) {
		snprintf(o->text, sizeof o->text, "%s",
			 cons_name(u, vw->prices.svc[r],
					     u->set->ui_lang));
		return;
	}
	if (c == 1) {
		if (q->custom)
			snprintf(o->text, sizeof o->text, "%s",
				 q->cs.unit ? q->cs.unit : "");
		else if (k != SOEM_NPOS)
			snprintf(o->text, sizeof o->text, "%s",
				 kb->services[k].unit_name.n
					 ? ui_text(u, &kb->services[k].unit_name)
					 : (kb->services[k].unit ? kb->services[k].unit
								 : ""));
		return;
	}
	if (c == 2 && FIXED == 3) {
		/* SPEC 2.9: a schedule on the row, a tax that comes back */
		snprintf(o->text, sizeof o->text, "%s",
			 price_type(u, q->service));
		o->role = R_INFO;
		return;
	}
	bool db;
	size_t p = payer_of(vw, c, &db);
	double price = 0, kbp = 0;
	bool over = false;
	if (!soem_calc_price(u->calc, kb, q->service, p, &price, &kbp, &over))
		return;
	int syear;
	double samount;
	if (!db && !range_of(vw, c) &&
	    soem_calc_sched_year(u->calc, kb, q->service, p, &syear,
				 &samount)) {
		/* a schedule: the amount in force in the start year; Enter
		 * opens it */
		char n[SOEM_NUM_BUFSIZE];
		snprintf(o->text, sizeof o->text, "%s%s",
			 ui_num(u, samount, 2, n, sizeof n), ui_glyph(u, G_MORE_RIGHT));
		o->kind = CK_CHOICE;
		o->right = true;
		o->role = R_INFO;
		if (over)
			o->attr = A_UNDERLINE;
		return;
	}
	if (db) {
		if (over && !q->custom)
			ui_num(u, kbp, 2, o->text, sizeof o->text);
		o->right = true;
		o->role = R_DIM;
		return;
	}
	if (range_of(vw, c)) {
		double lo = price, hi = price;
		bool ranged = soem_calc_price_range(u->calc, kb, q->service, p,
						    &lo, &hi);
		o->right = true;
		ui_range_cell(u, ranged, range_of(vw, c) == 2 ? hi : lo,
			      range_of(vw, c) == 2, false, 2, o);
		return;
	}
	ui_num(u, price, 2, o->text, sizeof o->text);
	ui_num_edit(u, price, o->edit, sizeof o->edit);
	o->kind = CK_NUM;
	o->right = true;
	if (over)
		o->attr = A_UNDERLINE;
}

static bool commit(struct ui *u, struct ui_view *vw, int r, int c,
		   const char *text,
		   const char **why)
{
	bool db;
	size_t p = payer_of(vw, c, &db);
	double v;
	if (!db && range_of(vw, c)) {
		bool has;
		return ui_range_parse(u, text, false, &has, &v, why) &&
		       soem_calc_set_price_bound(u->calc, u->kb,
						 CONS(u, vw->prices.svc[r]).service, p,
						 range_of(vw, c) == 2, has, v,
							  why);
	}
	if (db || !ui_parse(u, text, false, &v, why))
		return false;
	int y;
	double a;
	if (soem_calc_sched_year(u->calc, u->kb,
				 CONS(u, vw->prices.svc[r]).service, p,
				 &y, &a)) {
		*why = _("this price is a schedule: Enter or s opens it");
		return false;
	}
	return soem_calc_set_price(u->calc, u->kb,
				   CONS(u, vw->prices.svc[r]).service,
				   p, v, why);
}

/* The price schedule of row r's service for payer p (SPEC 2.9): a list of
 * from-year and amount pairs to add to, edit and delete from; a database
 * schedule is shown read-only with "override" to copy it. */
static void schedule_popup(struct ui *u, struct ui_view *vw, int r, size_t p)
{
	soem_calc *calc = u->calc;
	/* the row of any group's consequences (SPEC 2.9) */
	const char *svc = CONS(u, vw->prices.svc[r]).service;
	const char *sname = cons_name(u, vw->prices.svc[r], u->set->ui_lang);
	const char *pname = ui_text(u, &u->kb->payers[p].name);
	enum { MAXE = 60 };
	char lines[MAXE + 3][160], title[300];
	const char *items[MAXE + 3];
	int cur = 0;
	for (;;) {
		size_t n = soem_calc_sched_count(calc, u->kb, svc, p);
		size_t k = soem_kb_service_index(u->kb, svc);
		bool kbs = n == 0 && k != SOEM_NPOS && u->kb->services[k].nsched &&
			   u->kb->services[k].nsched[p] &&
			   !soem_calc_price_payer(calc, u->kb, svc, p);
		int level = calc->price_level ? calc->price_level
					      : u->kb->price_year;
		snprintf(title, sizeof title,
			 kbs ? _("Database price schedule (%d prices): %s, %s")
			     : _("Price from year (%d prices): %s, %s"),
			 level, sname, pname);
		int m = 0;
		char num[SOEM_NUM_BUFSIZE];
		if (kbs) {
			const soem_kb_service *ks = &u->kb->services[k];
			for (size_t j = 0; j < ks->nsched[p] && m < MAXE; j++) {
				double f = 1.0;
				if (!soem_calc_price_factor(calc, u->kb,
							    ks->sched[p][j].price_year,
							    &f))
					f = 1.0;
				snprintf(lines[m], sizeof lines[m],
					 _("from %d: %s"), ks->sched[p][j].from,
					 ui_num(u, ks->sched[p][j].amount * f, 2,
						num, sizeof num));
				items[m] = lines[m];
				m++;
			}
			snprintf(lines[m], sizeof lines[m], "%s",
				 _("Override: copy it to your own prices and edit it"));
			items[m] = lines[m];
			int ov = m++;
			int i = ui_pick(u, title, items, m, ov, false,
					_("The database's schedule is read-only."));
			if (i != ov)
				return;
			const char *why = NULL;
			if (!soem_calc_sched_copy_kb(calc, u->kb, svc, p, &why)) {
				ui_msg(u, true, "%s", why ? why : "");
				return;
			}
			ui_changed(u, true);
			continue;
		}
		for (size_t j = 0; j < n && m < MAXE; j++) {
			int from;
			double a;
			soem_calc_sched_get(calc, u->kb, svc, p, j, &from, &a);
			snprintf(lines[m], sizeof lines[m], _("from %d: %s"), from,
				 ui_num(u, a, 2, num, sizeof num));
			items[m] = lines[m];
			m++;
		}
		int add = m;
		snprintf(lines[m], sizeof lines[m], "%s",
			 _("+ Add an amount from a year"));
		items[m] = lines[m];
		m++;
		int del = -1;
		if (n) {
			del = m;
			snprintf(lines[m], sizeof lines[m], "%s",
				 _("- Delete an amount"));
			items[m] = lines[m];
			m++;
		}
		if (cur >= m)
			cur = m - 1;
		int i = ui_pick(u, title, items, m, cur, false,
				calc->intervention.start_year
					? _("Enter: edit the amount; the amount applies from its year until the next one.")
					: _("A schedule needs the start year (step 1): the file cannot be saved without it."));
		if (i < 0)
			return;
		cur = i;
		if (i == del) {
			int d = ui_pick(u, _("Delete which amount?"), items,
					(int)n, 0, false, NULL);
			if (d >= 0) {
				soem_calc_sched_delete(calc, u->kb, svc, p,
						       (size_t)d);
				ui_changed(u, true);
				if (n == 1)
					return;
			}
			continue;
		}
		int from = 0;
		double a = 0;
		size_t at = SOEM_NPOS;
		if (i == add) {
			from = calc->intervention.start_year
				       ? calc->intervention.start_year
				       : u->kb->price_year;
			for (size_t j = 0; j < n; j++) {
				int f2;
				double a2;
				soem_calc_sched_get(calc, u->kb, svc, p, j, &f2,
						    &a2);
				if (f2 >= from)
					from = f2 + 1;
				a = a2;
			}
			double kbp;
			bool over;
			if (!n)
				soem_calc_price(calc, u->kb, svc, p, &a, &kbp,
						&over);
		} else {
			at = (size_t)i;
			soem_calc_sched_get(calc, u->kb, svc, p, at, &from, &a);
		}
		char yb[32], ab[64];
		snprintf(yb, sizeof yb, "%d", from);
		if (!ui_prompt(u, title, _("From year (calendar year):"), yb,
			       sizeof yb))
			continue;
		ui_num_edit(u, a, ab, sizeof ab);
		if (!ui_prompt(u, title, _("Amount per unit from that year:"),
			       ab, sizeof ab))
			continue;
		const char *why = NULL;
		int y;
		double v;
		if (!ui_parse_int(u, yb, 1900, 2200, &y, &why)) {
			ui_msg(u, true, _("\"%s\" refused: %s."), yb, why);
			continue;
		}
		if (!ui_parse(u, ab, false, &v, &why) ||
		    !soem_calc_sched_put(calc, u->kb, svc, p, at, y, v, &why)) {
			ui_msg(u, true, _("\"%s\" refused: %s."), ab, why);
			continue;
		}
		ui_changed(u, true);
	}
}

/* The tax shares of row r's service (SPEC 2.9): per payer, the share of
 * the gross transfer that comes back as income tax; editable, saved
 * under taxes:. */
static void taxes_popup(struct ui *u, struct ui_view *vw, int r)
{
	soem_calc *calc = u->calc;
	/* the row of any group's consequences (SPEC 2.9) */
	const char *svc = CONS(u, vw->prices.svc[r]).service;
	const char *sname = cons_name(u, vw->prices.svc[r], u->set->ui_lang);
	size_t P = u->kb->npayers < 16 ? u->kb->npayers : 16;
	char lines[16][160], title[300], pct[SOEM_NUM_BUFSIZE];
	const char *items[16];
	int cur = 0;
	snprintf(title, sizeof title,
		 _("Tax shares (income tax on the transfer that comes back to each payer): %s"),
		 sname);
	for (;;) {
		for (size_t p = 0; p < P; p++) {
			bool own;
			double t = soem_calc_tax_share(calc, u->kb, svc, p, &own);
			snprintf(lines[p], sizeof lines[p], "%s: %s%s",
				 ui_text(u, &u->kb->payers[p].name),
				 ui_pct(u, t, 1, pct, sizeof pct),
				 own ? _(" (yours)") : "");
			items[p] = lines[p];
		}
		int i = ui_pick(u, title, items, (int)P, cur, false,
				_("Enter: change a share (empty: the database's again). The price a payer bears is net of this tax."));
		if (i < 0)
			return;
		cur = i;
		char b[64];
		bool own;
		double t = soem_calc_tax_share(calc, u->kb, svc, (size_t)i, &own);
		ui_pct_edit(u, t, b, sizeof b);
		if (!ui_prompt(u, title, _("Share of the transfer (e.g. 25 %; empty: the database's):"),
			       b, sizeof b))
			continue;
		const char *why = NULL, *q = b;
		while (*q == ' ')
			q++;
		double v = 0;
		bool has = *q != '\0';
		if ((has && !ui_parse(u, b, true, &v, &why)) ||
		    !soem_calc_set_tax(calc, u->kb, svc, (size_t)i, has, v,
				       &why)) {
			ui_msg(u, true, _("\"%s\" refused: %s."), b, why);
			continue;
		}
		ui_changed(u, true);
	}
}

static void activate(struct ui *u, struct ui_view *vw, int r, int c)
{
	if (c < FIXED || r < 0 || (size_t)r >= vw->prices.nsvc)
		return;
	bool db;
	size_t p = payer_of(vw, c, &db);
	schedule_popup(u, vw, r, p);
}

const struct ui_griddef *step_prices_grid(struct ui *u, struct ui_view *vw)
{
	struct ui_prices_view *pv = &vw->prices;
	build_rows(u, vw);
	pv->nfixed = 2;
	for (size_t r = 0; r < pv->nsvc && pv->nfixed == 2; r++) {
		const char *svc = CONS(u, pv->svc[r]).service;
		if (row_sched(u, svc) || soem_calc_has_tax(u->calc, u->kb, svc))
			pv->nfixed = 3;
	}
	pv->npcols = 0;
	bool ranges = pv->show_ranges || any_range(u);
	for (size_t p = 0; p < u->kb->npayers; p++) {
		xgrow((void **)&pv->pcols, &pv->cappcols, pv->npcols + 4,
		      sizeof *pv->pcols);
		pv->pcols[pv->npcols++] = (struct pcol){ p, false, 0 };
		if (ranges) {
			pv->pcols[pv->npcols++] = (struct pcol){ p, false, 1 };
			pv->pcols[pv->npcols++] = (struct pcol){ p, false, 2 };
		}
		if (payer_overridden(u, vw, p))
			pv->pcols[pv->npcols++] = (struct pcol){ p, true, 0 };
	}
	int ncols = FIXED + (int)pv->npcols;
	if (ncols > pv->ncols_alloc) {
		pv->widths = xrealloc(pv->widths,
				      (size_t)ncols * sizeof *pv->widths);
		pv->head = xrealloc(pv->head, (size_t)ncols * sizeof *pv->head);
		pv->headbuf = xrealloc(pv->headbuf,
				       (size_t)ncols * sizeof *pv->headbuf);
		pv->ncols_alloc = ncols;
	}
	pv->widths[0] = 22;
	pv->widths[1] = 8;
	pv->head[0] = _("Service");
	pv->head[1] = _("Unit");
	if (FIXED == 3) {
		/* as wide as its widest text, not wider: at 80 columns a
		 * payer's price and the database's beside it stay in view
		 * with the next payer's */
		pv->head[2] = _("Price type");
		int tw = ui_width(u, pv->head[2]);
		for (size_t r = 0; r < pv->nsvc; r++) {
			int w = ui_width(u, price_type(u, CONS(u, pv->svc[r]).service));
			if (w > tw)
				tw = w;
		}
		pv->widths[2] = tw > 14 ? 14 : tw;
	}
	for (int c = FIXED; c < ncols; c++) {
		bool db;
		size_t p = payer_of(vw, c, &db);
		if (db) {
			snprintf(pv->headbuf[c], sizeof pv->headbuf[c], "%s",
				 _("(database)"));
			pv->widths[c] = 10;
		} else if (range_of(vw, c)) {
			snprintf(pv->headbuf[c], sizeof pv->headbuf[c], "%s",
				 range_of(vw, c) == 1 ? _("Low") : _("High"));
			pv->widths[c] = 12;
		} else {
			const char *name = ui_text(u, &u->kb->payers[p].name);
			snprintf(pv->headbuf[c], sizeof pv->headbuf[c], "%s", name);
			int nw = ui_width(u, name);
			pv->widths[c] = nw < 10 ? 10 : nw > 12 ? 12 : nw;
		}
		pv->head[c] = pv->headbuf[c];
	}
	vw->def = (struct ui_griddef){ (int)pv->nsvc, ncols, FIXED,
		pv->widths, pv->head, vw, cell, NULL, commit, activate, false };
	return &vw->def;
}

void step_prices_draw(struct ui *u, struct ui_view *vw, WINDOW *w, int h)
{
	char b[300];
	ui_step_heading(u, w, NULL);
	snprintf(b, sizeof b, _("Price per unit in %s at %d prices; your own prices are underlined, the database's stand beside them."),
		 u->kb->currency ? u->kb->currency : "",
		 u->calc->price_level ? u->calc->price_level : u->kb->price_year);
	wmove(w, 1, 1);
	ui_puts(u, w, b, u->cols - 2);
	const struct ui_griddef *d = step_prices_grid(u, vw);
	struct ui_grid *g = &vw->grid;
	if (d->nrows == 0) {
		wmove(w, 3, 2);
		ui_puts(u, w, _("No service is in use yet: choose the consequences on step 5 first."),
			u->cols - 4);
	} else {
		if (g->c < FIXED)
			g->c = FIXED;
		ui_grid_draw(u, w, 2, h - 3, d, g);
	}
	ui_note_line(u, w, h - 1);
}

bool step_prices_key(struct ui *u, struct ui_view *vw, enum ui_act a, int ch,
		     bool k)
{
	(void)ch;
	(void)k;
	if (a == ACT_RANGES) {
		if (vw->prices.show_ranges && any_range(u)) {
			ui_msg(u, false, "%s",
			       _("Some prices have a range, so low and high stay shown (empty a low or high to remove one)."));
			return true;
		}
		vw->prices.show_ranges = !vw->prices.show_ranges;
		ui_msg(u, false, "%s",
		       vw->prices.show_ranges
			       ? _("Low and high beside each price: a range for the sensitivity and Monte Carlo (empty: none).")
			       : _("Low and high are hidden."));
		return true;
	}
	if (a == ACT_SCHEDULE || a == ACT_TAXES) {
		const struct ui_griddef *d = step_prices_grid(u, vw);
		struct ui_grid *g = &vw->grid;
		if (d->nrows == 0 || g->r >= d->nrows)
			return true;
		if (a == ACT_TAXES) {
			taxes_popup(u, vw, g->r);
			return true;
		}
		if (g->c < FIXED)
			g->c = FIXED;
		bool db;
		schedule_popup(u, vw, g->r, payer_of(vw, g->c, &db));
		return true;
	}
	if (a != ACT_REVERT_PRICE)
		return false;
	const struct ui_griddef *d = step_prices_grid(u, vw);
	struct ui_grid *g = &vw->grid;
	if (d->nrows == 0 || g->r >= d->nrows || g->c < FIXED)
		return true;
	bool db;
	size_t p = payer_of(vw, g->c, &db);
	soem_calc_clear_price(u->calc, u->kb,
			      CONS(u, vw->prices.svc[g->r]).service,
			      p);
	ui_changed(u, true);
	ui_msg(u, false, "%s", _("The database's price applies again."));
	return true;
}

void step_prices_detail(struct ui *u, struct ui_view *vw, char *b, size_t n)
{
	build_rows(u, vw);
	const struct ui_grid *g = &vw->grid;
	if (g->r < 0 || (size_t)g->r >= vw->prices.nsvc)
		return;
	const soem_consequence *q = &CONS(u, vw->prices.svc[g->r]);
	size_t k = soem_kb_service_index(u->kb, q->service);
	const char *src = NULL;
	if (k != SOEM_NPOS) {
		const soem_provenance *pv = &u->kb->services[k].prov;
		src = pv->illustrative ? _("illustrative price (made up): replace it with your own")
				       : soem_text_opt(&pv->source_text,
						       u->set->ui_lang,
						       u->kb->language);
	} else {
		src = _("your own service: give its price per unit for each payer that pays");
	}
	snprintf(b, n, "%s: %s",
		 cons_name(u, vw->prices.svc[g->r],
				     u->set->ui_lang),
		 src ? src : "");
}

void step_prices_cleanup(struct ui_view *vw)
{
	free(vw->prices.svc);
	free(vw->prices.pcols);
	free(vw->prices.widths);
	free(vw->prices.head);
	free(vw->prices.headbuf);
	vw->prices.svc = NULL;
	vw->prices.pcols = NULL;
	vw->prices.widths = NULL;
	vw->prices.head = NULL;
	vw->prices.headbuf = NULL;
	vw->prices.nsvc = vw->prices.capsvc = 0;
	vw->prices.npcols = vw->prices.cappcols = 0;
	vw->prices.ncols_alloc = 0;
}
