/* uncert.c - what the steps share of SPEC §2.7 and §2.8: the low and high
 * cells beside a value, and the uncertainty of the calculation being
 * edited (inputs, one-way sensitivity, Monte Carlo, the experiment's
 * interval: model/uncertainty.h, exactly as `soem calc` computes them).
 *
 * The uncertainty is computed when a screen asks for it and kept until
 * the next change (ui_changed counts changes in u->gen).  A live preview
 * asks for at most UI_LIVE_DRAWS draws; the Results step asks for the
 * file's uncertainty.draws, and both say on screen which they show. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/uipriv.h"
#include "util/i18n.h"

void ui_range_cell(struct ui *u, bool ranged, double v, bool high,
		   bool share, int decimals, struct ui_cell *o)
{
	char b[SOEM_NUM_BUFSIZE];
	/* a table's column says low or high in its heading (word NULL) */
	const char *word = o->right ? NULL : high ? _("high") : _("low");
	o->kind = CK_NUM;
	o->share = share;
	if (!ranged) {
		if (word)
			snprintf(o->text, sizeof o->text, "%s -", word);
		o->edit[0] = '\0';
		o->placeholder = true;
		o->role = R_DIM;
		return;
	}
	if (share) {
		ui_pct(u, v, decimals, b, sizeof b);
		ui_pct_edit(u, v, o->edit, sizeof o->edit);
	} else {
		ui_num(u, v, decimals, b, sizeof b);
		ui_num_edit(u, v, o->edit, sizeof o->edit);
	}
	if (word)
		snprintf(o->text, sizeof o->text, "%.60s %.60s", word, b);
	else
		snprintf(o->text, sizeof o->text, "%s", b);
}

bool ui_range_parse(struct ui *u, const char *text, bool share,
		    bool *has, double *v, const char **why)
{
	const char *t = text;
	while (*t == ' ')
		t++;
	*has = *t != '\0';
	*v = 0;
	return !*has || ui_parse(u, text, share, v, why);
}

void ui_report_of(struct ui *u, const soem_unc *unc, soem_report *rp)
{
	memset(rp, 0, sizeof *rp);
	rp->calc = u->calc;
	rp->kb = u->kb;
	rp->res = u->res;
	rp->svc_cons = u->svc_cons;
	rp->lang = u->set->ui_lang;
	rp->conv = u->set->conv;
	rp->unc = unc;
}

const soem_unc *ui_unc(struct ui *u, bool full, const char **err)
{
	if (err)
		*err = NULL;
	if (!u->calc || !u->res)
		return NULL;
	struct ui_unc_cache *k = &u->unc;
	if (k->have && k->gen == u->gen && k->calc == u->calc &&
	    (k->full || !full)) {
		if (err && k->err[0])
			*err = k->err;
		return &k->unc;
	}
	ui_unc_cleanup(u);
	long draws = u->calc->draws;
	if (!full && draws > UI_LIVE_DRAWS)
		draws = UI_LIVE_DRAWS;
	soem_err e = { 0 };
	if (soem_unc_run(u->calc, u->kb, &u->pb, u->svc_cons,
			 draws == u->calc->draws ? -1 : draws, &k->unc, &e) != 0)
		snprintf(k->err, sizeof k->err, "%s", e.msg);
	k->have = true;
	k->gen = u->gen;
	k->calc = u->calc;
	k->full = draws == u->calc->draws;
	if (err && k->err[0])
		*err = k->err;
	return &k->unc;
}

void ui_unc_cleanup(struct ui *u)
{
	struct ui_unc_cache *k = &u->unc;
	if (k->have)
		soem_unc_free(&k->unc);
	memset(&k->unc, 0, sizeof k->unc);
	k->have = false;
	k->full = false;
	k->calc = NULL;
	k->err[0] = '\0';
}
