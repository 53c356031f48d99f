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

#define FIXED 2

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
			if (u->calc->prices[i].v[j].price.ranged)
				return true;
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
	bool db;
	size_t p = payer_of(vw, c, &db);
	double price = 0, kbp = 0;
	bool over = false;
	if (!soem_calc_price(u->calc, kb, q->service, p, &price, &kbp, &over))
		return;
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
	return soem_calc_set_price(u->calc, u->kb,
				   CONS(u, vw->prices.svc[r]).service,
				   p, v, why);
}


const struct ui_griddef *step_prices_grid(struct ui *u, struct ui_view *vw)
{
	struct ui_prices_view *pv = &vw->prices;
	build_rows(u, vw);
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
		pv->widths, pv->head, vw, cell, NULL, commit, NULL, false };
	return &vw->def;
}

void step_prices_draw(struct ui *u, struct ui_view *vw, WINDOW *w, int h)
{
	char b[300];
	ui_step_heading(u, w, NULL);
	snprintf(b, sizeof b, _("Price per unit in %s at %d prices; your own prices are underlined, the database's stand beside them."),
		 u->kb->currency ? u->kb->currency : "", u->kb->price_year);
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
