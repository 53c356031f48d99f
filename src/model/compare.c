/* compare.c - the comparison of calculations (issue 17); see compare.h */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/compare.h"
#include "model/problem.h"
#include "util/i18n.h"
#include "util/xalloc.h"
#include "yaml/ynode.h"

int soem_compare_compute(const soem_calc *c, const soem_kb *kb,
			 const char *what, soem_result **res, soem_err *err)
{
	soem_problem pb;
	int rc;

	*res = NULL;
	memset(&pb, 0, sizeof pb);
	rc = soem_problem_build(c, kb, &pb, NULL, err);
	if (rc == 0) {
		*res = soem_compute(&pb);
		if (!*res)
			rc = soem_err_set(err, SOEM_EX_CALC,
					  _("%s: the calculation cannot be computed"),
					  what);
	}
	soem_problem_free(&pb);
	return rc;
}

size_t soem_compare_at_years(int horizon, int *y)
{
	static const int std[] = { 1, 3, 5, 10 };
	size_t n = 0;

	for (size_t i = 0; i < sizeof std / sizeof std[0]; i++)
		if (std[i] <= horizon)
			y[n++] = std[i];
	if (horizon >= 1 && (n == 0 || y[n - 1] != horizon))
		y[n++] = horizon;
	return n;
}

/* ------------------------------------------------------------------ */

typedef struct builder {
	soem_compare *c;
	size_t cap;
} builder;

static soem_cmp_row *add_row(builder *b, bool result, enum soem_cmp_what w,
			     enum soem_cmp_fmt fmt, char *key)
{
	soem_compare *c = b->c;
	soem_cmp_row *r;

	xgrow((void **)&c->rows, &b->cap, c->nrows + 1, sizeof *c->rows);
	r = &c->rows[c->nrows++];
	memset(r, 0, sizeof *r);
	r->result = result;
	r->what = w;
	r->fmt = fmt;
	r->key = key;
	r->payer = SOEM_NPOS;
	r->cell = xcalloc(c->nfiles, sizeof *r->cell);
	for (size_t f = 0; f < c->nfiles; f++)
		r->cell[f].v = r->cell[f].diff = r->cell[f].pct = NAN;
	return r;
}

static void set_num(soem_cmp_row *r, size_t f, double v)
{
	r->cell[f].present = true;
	r->cell[f].v = v;
}

static void set_text(soem_cmp_row *r, size_t f, const char *s)
{
	r->cell[f].present = true;
	free(r->cell[f].text);
	r->cell[f].text = xstrdup(s ? s : "");
}

static void free_row(soem_cmp_row *r, size_t nfiles)
{
	for (size_t f = 0; f < nfiles; f++)
		free(r->cell[f].text);
	free(r->cell);
	free(r->key);
	free(r->name);
	free(r->svc_name);
}

/* Differences against the reference, and whether the row differs. */
static void finish_row(soem_cmp_row *r, size_t nfiles)
{
	const soem_cmp_cell *ref = &r->cell[0];

	r->differs = false;
	for (size_t f = 0; f < nfiles; f++) {
		soem_cmp_cell *x = &r->cell[f];
		bool same;

		if (x->present != ref->present) {
			same = false;
		} else if (!x->present) {
			same = true;
		} else if (r->fmt == SOEM_CMPF_TEXT) {
			same = strcmp(x->text, ref->text) == 0;
		} else if (r->fmt == SOEM_CMPF_YEAR) {
			same = x->be == ref->be;
			if (x->be > 0 && ref->be > 0)
				x->diff = (double)(x->be - ref->be);
		} else {
			same = x->v == ref->v || (isnan(x->v) && isnan(ref->v));
			if (isfinite(x->v) && isfinite(ref->v)) {
				x->diff = x->v - ref->v;
				if (ref->v != 0)
					x->pct = x->diff / fabs(ref->v) * 100.0;
				else if (x->diff == 0)
					x->pct = 0;
			}
		}
		if (!same)
			r->differs = true;
	}
}

/* ------------------------------------------------------------------ */
/* Keys shared by several files: (name, payer, occurrence). */

typedef struct ikey {
	const char *name;   /* borrowed from a calculation */
	const char *payer;  /* NULL for consequences */
	int occ;
	const char *svc_name;
} ikey;

static int occurrence_of(const char *const *names, const char *const *payers,
			 size_t i)
{
	int k = 1;

	for (size_t j = 0; j < i; j++)
		if (strcmp(names[j], names[i]) == 0 &&
		    (!payers || strcmp(payers[j], payers[i]) == 0))
			k++;
	return k;
}

static bool ikey_eq(const ikey *a, const char *name, const char *payer,
		    int occ)
{
	return a->occ == occ && strcmp(a->name, name) == 0 &&
	       ((!a->payer && !payer) ||
		(a->payer && payer && strcmp(a->payer, payer) == 0));
}

static size_t ikey_add(ikey **keys, size_t *n, size_t *cap, const char *name,
		       const char *payer, int occ)
{
	for (size_t i = 0; i < *n; i++)
		if (ikey_eq(&(*keys)[i], name, payer, occ))
			return i;
	xgrow((void **)keys, cap, *n + 1, sizeof **keys);
	(*keys)[*n] = (ikey){ name, payer, occ, NULL };
	return (*n)++;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* ------------------------------------------------------------------ */
/* Inputs */

static void inputs_general(builder *b)
{
	soem_compare *c = b->c;
	size_t n = c->nfiles;
	soem_cmp_row *r;
	int maxy = 0;

	r = add_row(b, false, SOEM_CMPW_HORIZON, SOEM_CMPF_COUNT,
		    xstrdup("horizon"));
	for (size_t f = 0; f < n; f++)
		set_num(r, f, c->files[f].calc->horizon);
	r = add_row(b, false, SOEM_CMPW_COURSE_YEARS, SOEM_CMPF_COUNT,
		    xstrdup("course_years"));
	for (size_t f = 0; f < n; f++)
		set_num(r, f, c->files[f].calc->course_years);
	/* each file's own price level (its results are shown at the
	 * reference's: SPEC 2.9, issue 17) */
	r = add_row(b, false, SOEM_CMPW_PRICE_LEVEL, SOEM_CMPF_COUNT,
		    xstrdup("price_level"));
	for (size_t f = 0; f < n; f++)
		set_num(r, f, c->files[f].calc->price_level
				      ? c->files[f].calc->price_level
				      : c->files[f].kb->price_year);

	/* intake per year (repeated years add up; a year without a cohort
	 * has 0 participants) */
	for (size_t f = 0; f < n; f++)
		for (size_t i = 0; i < c->files[f].calc->nintake; i++)
			if (c->files[f].calc->intake[i].year > maxy)
				maxy = c->files[f].calc->intake[i].year;
	for (int y = 1; y <= maxy; y++) {
		bool any = false;

		for (size_t f = 0; f < n && !any; f++)
			for (size_t i = 0; i < c->files[f].calc->nintake; i++)
				any |= c->files[f].calc->intake[i].year == y;
		if (!any)
			continue;
		r = add_row(b, false, SOEM_CMPW_INTAKE, SOEM_CMPF_COUNT,
			    xasprintf("intake.year_%d", y));
		r->year = y;
		for (size_t f = 0; f < n; f++) {
			const soem_calc *k = c->files[f].calc;
			double sum = 0;

			for (size_t i = 0; i < k->nintake; i++)
				if (k->intake[i].year == y)
					sum += k->intake[i].participants.value;
			set_num(r, f, sum);
		}
	}
}

static void inputs_effect(builder *b)
{
	soem_compare *c = b->c;
	size_t n = c->nfiles;
	soem_cmp_row *r;
	int maxh = 0;

	/* SPEC 2.9: the share who complete (1 when not given) and the
	 * groups by name (a grouped file's own inputs are not compared
	 * group by group yet) */
	r = add_row(b, false, SOEM_CMPW_COMPLETION, SOEM_CMPF_SHARE,
		    xstrdup("completion"));
	for (size_t f = 0; f < n; f++) {
		const soem_calc *cf = c->files[f].calc;

		set_num(r, f, cf->has_completion ? cf->completion.value : 1.0);
	}
	r = add_row(b, false, SOEM_CMPW_GROUPS, SOEM_CMPF_TEXT,
		    xstrdup("groups"));
	for (size_t f = 0; f < n; f++) {
		const soem_calc *cf = c->files[f].calc;
		char *names = xstrdup("");

		for (size_t g = 0; g < cf->ngroups; g++) {
			char *t = xasprintf("%s%s%s", names, g ? ", " : "",
					    cf->groups[g].name);
			free(names);
			names = t;
		}
		set_text(r, f, names);
		free(names);
	}
	r = add_row(b, false, SOEM_CMPW_EFFECT_GIVEN, SOEM_CMPF_TEXT,
		    xstrdup("effect.given"));
	for (size_t f = 0; f < n; f++) {
		const soem_effect *e = &c->files[f].calc->effect;

		if (e->experiment.present)
			set_text(r, f, "experiment");
		else if (e->has_success_rate)
			set_text(r, f, "success_rate");
		else if (e->has_p1)
			set_text(r, f, "p1_p0");
	}
	r = add_row(b, false, SOEM_CMPW_P1, SOEM_CMPF_SHARE,
		    xstrdup("effect.p1"));
	for (size_t f = 0; f < n; f++)
		if (c->files[f].calc->effect.has_p1)
			set_num(r, f, c->files[f].calc->effect.p1.value);
	r = add_row(b, false, SOEM_CMPW_P0, SOEM_CMPF_SHARE,
		    xstrdup("effect.p0"));
	for (size_t f = 0; f < n; f++) {
		const soem_effect *e = &c->files[f].calc->effect;

		if (e->has_p1 || e->has_p0)
			set_num(r, f, e->has_p0 ? e->p0.value : 0);
	}
	r = add_row(b, false, SOEM_CMPW_SUCCESS_RATE, SOEM_CMPF_SHARE,
		    xstrdup("effect.success_rate"));
	for (size_t f = 0; f < n; f++)
		if (c->files[f].calc->effect.has_success_rate)
			set_num(r, f,
				c->files[f].calc->effect.success_rate.value);
	{
		static const enum soem_cmp_what w[4] = {
			SOEM_CMPW_EXP_XT, SOEM_CMPW_EXP_NT, SOEM_CMPW_EXP_XC,
			SOEM_CMPW_EXP_NC
		};
		static const char *const k[4] = { "x_t", "n_t", "x_c", "n_c" };

		for (int i = 0; i < 4; i++) {
			r = add_row(b, false, w[i], SOEM_CMPF_COUNT,
				    xasprintf("effect.experiment.%s", k[i]));
			for (size_t f = 0; f < n; f++) {
				const soem_experiment *x =
					&c->files[f].calc->effect.experiment;
				long v[4] = { x->x_t, x->n_t, x->x_c, x->n_c };

				if (x->present)
					set_num(r, f, (double)v[i]);
			}
		}
	}
	r = add_row(b, false, SOEM_CMPW_S, SOEM_CMPF_SHARE,
		    xstrdup("effect.s"));
	for (size_t f = 0; f < n; f++)
		set_num(r, f, c->files[f].res->success_rate);

	/* persistence rho_j, j = 1..the longest horizon */
	for (size_t f = 0; f < n; f++)
		if (c->files[f].calc->horizon > maxh)
			maxh = c->files[f].calc->horizon;
	for (int j = 1; j <= maxh; j++) {
		r = add_row(b, false, SOEM_CMPW_PERSISTENCE, SOEM_CMPF_SHARE,
			    xasprintf("effect.persistence.year_%d", j));
		r->year = j;
		for (size_t f = 0; f < n; f++) {
			const soem_effect *e = &c->files[f].calc->effect;
			double rho = 1;

			if (e->persist == SOEM_PERSIST_DECAY)
				rho = pow(1 - e->decay.value, j - 1);
			else if (e->persist == SOEM_PERSIST_LIST && e->nrho)
				rho = e->rho[(size_t)j <= e->nrho ? (size_t)j - 1
								  : e->nrho - 1]
					      .value;
			set_num(r, f, rho);
		}
	}
}

static const char *basis_word(enum soem_basis bs)
{
	switch (bs) {
	case SOEM_BASIS_PER_PARTICIPANT: return "per_participant";
	case SOEM_BASIS_PER_PARTICIPANT_YEAR: return "per_participant_year";
	case SOEM_BASIS_ONCE: return "once";
	case SOEM_BASIS_YEARLY: return "yearly";
	case SOEM_BASIS_PER_COMPLETER: return "per_completer";
	}
	return "?";
}

static void inputs_costs(builder *b)
{
	soem_compare *c = b->c;
	size_t n = c->nfiles, nk = 0, cap = 0;
	ikey *keys = NULL;
	size_t **idx = xcalloc(n, sizeof *idx); /* file, item -> key */

	for (size_t f = 0; f < n; f++) {
		const soem_calc *k = c->files[f].calc;
		const char **names = xcalloc(k->ncosts + 1, sizeof *names);
		const char **payers = xcalloc(k->ncosts + 1, sizeof *payers);

		idx[f] = xcalloc(k->ncosts + 1, sizeof **idx);
		for (size_t i = 0; i < k->ncosts; i++) {
			names[i] = nz(k->costs[i].name);
			payers[i] = nz(k->costs[i].payer);
		}
		for (size_t i = 0; i < k->ncosts; i++)
			idx[f][i] = ikey_add(&keys, &nk, &cap, names[i],
					     payers[i],
					     occurrence_of(names, payers, i));
		free(names);
		free(payers);
	}
	for (size_t q = 0; q < nk; q++) {
		static const enum soem_cmp_what w[] = {
			SOEM_CMPW_COST_AMOUNT, SOEM_CMPW_COST_BASIS,
			SOEM_CMPW_COST_YEARS, SOEM_CMPW_COST_FROM,
			SOEM_CMPW_COST_TO, SOEM_CMPW_COST_SAVED,
			SOEM_CMPW_COST_PRICE_YEAR
		};
		static const char *const field[] = {
			"amount", "basis", "years", "from", "to", "saved",
			"price_year"
		};
		static const enum soem_cmp_fmt fm[] = {
			SOEM_CMPF_MONEY, SOEM_CMPF_TEXT, SOEM_CMPF_TEXT,
			SOEM_CMPF_COUNT, SOEM_CMPF_COUNT, SOEM_CMPF_TEXT,
			SOEM_CMPF_COUNT
		};

		for (size_t a = 0; a < sizeof w / sizeof w[0]; a++) {
			soem_cmp_row *r = add_row(
				b, false, w[a], fm[a],
				xasprintf("costs[%s/%s/%d].%s", keys[q].name,
					  keys[q].payer, keys[q].occ,
					  field[a]));

			r->name = xstrdup(keys[q].name);
			r->payer = soem_kb_payer_index(c->kb, keys[q].payer);
			r->occurrence = keys[q].occ;
			for (size_t f = 0; f < n; f++) {
				const soem_calc *k = c->files[f].calc;

				for (size_t i = 0; i < k->ncosts; i++) {
					const soem_cost_item *ci = &k->costs[i];

					if (idx[f][i] != q)
						continue;
					switch (w[a]) {
					case SOEM_CMPW_COST_AMOUNT:
						set_num(r, f, ci->amount.value);
						break;
					case SOEM_CMPW_COST_BASIS:
						set_text(r, f,
							 basis_word(ci->basis));
						break;
					case SOEM_CMPW_COST_YEARS: {
						char *s;

						if (ci->basis != SOEM_BASIS_ONCE)
							break;
						s = xstrdup("");
						for (size_t y = 0;
						     y < ci->nyears; y++) {
							char *t = xasprintf(
								"%s%s%d", s,
								y ? ", " : "",
								ci->years[y]);
							free(s);
							s = t;
						}
						set_text(r, f, s);
						free(s);
						break;
					}
					case SOEM_CMPW_COST_FROM:
						if (ci->basis == SOEM_BASIS_YEARLY)
							set_num(r, f,
								ci->from ? ci->from
									 : 1);
						break;
					case SOEM_CMPW_COST_TO:
						if (ci->basis == SOEM_BASIS_YEARLY)
							set_num(r, f,
								ci->to ? ci->to
								       : k->horizon);
						break;
					case SOEM_CMPW_COST_SAVED:
						set_text(r, f,
							 ci->saved ? "yes" : "no");
						break;
					case SOEM_CMPW_COST_PRICE_YEAR:
						set_num(r, f,
							ci->price_year
								? ci->price_year
								: c->kb->price_year);
						break;
					default:
						break;
					}
				}
			}
		}
	}
	for (size_t f = 0; f < n; f++)
		free(idx[f]);
	free(idx);
	free(keys);
}

static void inputs_consequences(builder *b)
{
	soem_compare *c = b->c;
	size_t n = c->nfiles, nk = 0, cap = 0;
	ikey *keys = NULL;
	size_t **idx = xcalloc(n, sizeof *idx);

	for (size_t f = 0; f < n; f++) {
		const soem_calc *k = c->files[f].calc;
		const char **names = xcalloc(k->ncons + 1, sizeof *names);

		idx[f] = xcalloc(k->ncons + 1, sizeof **idx);
		for (size_t i = 0; i < k->ncons; i++)
			names[i] = nz(k->cons[i].service);
		for (size_t i = 0; i < k->ncons; i++) {
			idx[f][i] = ikey_add(&keys, &nk, &cap, names[i], NULL,
					     occurrence_of(names, NULL, i));
			if (k->cons[i].custom && !keys[idx[f][i]].svc_name)
				keys[idx[f][i]].svc_name = k->cons[i].cs.name;
		}
		free(names);
	}
	for (size_t q = 0; q < nk; q++) {
		size_t maxj = 0;
		soem_cmp_row *r;

		for (size_t f = 0; f < n; f++)
			for (size_t i = 0; i < c->files[f].calc->ncons; i++)
				if (idx[f][i] == q &&
				    c->files[f].calc->cons[i].nyears > maxj)
					maxj = c->files[f].calc->cons[i].nyears;
		for (int a = 0; a < 3 + (int)maxj; a++) {
			enum soem_cmp_what w = a == 0 ? SOEM_CMPW_CONS_ENABLED
					       : a == 1 ? SOEM_CMPW_CONS_SCALE
					       : a == 2 ? SOEM_CMPW_CONS_DURING
							: SOEM_CMPW_CONS_YEAR;
			int j = a - 2;
			char *key = a == 0 ? xasprintf("consequences[%s/%d].enabled",
						      keys[q].name, keys[q].occ)
				    : a == 1 ? xasprintf("consequences[%s/%d].scale",
							 keys[q].name, keys[q].occ)
				    : a == 2 ? xasprintf("consequences[%s/%d].during",
							 keys[q].name, keys[q].occ)
					     : xasprintf("consequences[%s/%d].years[%d]",
							 keys[q].name, keys[q].occ, j);

			r = add_row(b, false, w,
				    a == 0 ? SOEM_CMPF_TEXT : SOEM_CMPF_COUNT, key);
			r->name = xstrdup(keys[q].name);
			r->svc_name = xstrdup(keys[q].svc_name);
			r->occurrence = keys[q].occ;
			r->year = a >= 3 ? j : 0;
			for (size_t f = 0; f < n; f++) {
				const soem_calc *k = c->files[f].calc;

				for (size_t i = 0; i < k->ncons; i++) {
					const soem_consequence *cq = &k->cons[i];

					if (idx[f][i] != q)
						continue;
					if (a == 0)
						set_text(r, f,
							 cq->enabled ? "yes" : "no");
					else if (a == 1)
						set_num(r, f,
							cq->has_scale ? cq->scale.value
								      : 1);
					else if (a == 2)
						set_num(r, f,
							cq->has_during ? cq->during.value
								       : 0);
					else /* a year after the list's end counts 0 */
						set_num(r, f,
							(size_t)j <= cq->nyears
								? cq->years[j - 1].value
								: 0);
				}
			}
		}
	}
	for (size_t f = 0; f < n; f++)
		free(idx[f]);
	free(idx);
	free(keys);
}

/* The price each file uses for each service it names (in consequences
 * or prices) and each payer. */
static void inputs_prices(builder *b)
{
	soem_compare *c = b->c;
	size_t n = c->nfiles, nk = 0, cap = 0;
	ikey *keys = NULL;

	for (size_t f = 0; f < n; f++) {
		const soem_calc *k = c->files[f].calc;

		for (size_t i = 0; i < k->ncons; i++) {
			size_t q = ikey_add(&keys, &nk, &cap,
					    nz(k->cons[i].service), NULL, 1);
			if (k->cons[i].custom && !keys[q].svc_name)
				keys[q].svc_name = k->cons[i].cs.name;
		}
		for (size_t i = 0; i < k->nprices; i++)
			ikey_add(&keys, &nk, &cap, nz(k->prices[i].service),
				 NULL, 1);
	}
	for (size_t q = 0; q < nk; q++)
		for (size_t p = 0; p < c->npayers; p++) {
			soem_cmp_row *r = add_row(
				b, false, SOEM_CMPW_PRICE, SOEM_CMPF_MONEY,
				xasprintf("prices.%s.%s", keys[q].name,
					  c->kb->payers[p].id));

			r->name = xstrdup(keys[q].name);
			r->svc_name = xstrdup(keys[q].svc_name);
			r->payer = p;
			for (size_t f = 0; f < n; f++) {
				double v;

				if (soem_calc_price(c->files[f].calc,
						    c->files[f].kb, keys[q].name,
						    p, &v, NULL, NULL))
					set_num(r, f, v);
			}
		}
	free(keys);
}

/* The discount rate r_n at step n under a file's schedule (its own block
 * replaces the profile's). */
static double rate_at(const soem_calc *k, const soem_kb *kb, int step)
{
	double r = 0;
	int best = 0;

	if (k->discount.present) {
		for (size_t i = 0; i < k->discount.nsteps; i++)
			if (k->discount.steps[i].from <= step &&
			    k->discount.steps[i].from >= best) {
				best = k->discount.steps[i].from;
				r = k->discount.steps[i].rate.value;
			}
	} else {
		for (size_t i = 0; i < kb->nsteps; i++)
			if (kb->steps[i].from <= step && kb->steps[i].from >= best) {
				best = kb->steps[i].from;
				r = kb->steps[i].rate;
			}
	}
	return r;
}

static void inputs_discount(builder *b)
{
	soem_compare *c = b->c;
	size_t n = c->nfiles;
	soem_cmp_row *r;
	int *steps = NULL;
	size_t ns = 0, cap = 0;

	r = add_row(b, false, SOEM_CMPW_DISCOUNT_FIRST, SOEM_CMPF_TEXT,
		    xstrdup("discount.first_year"));
	for (size_t f = 0; f < n; f++) {
		const soem_calc *k = c->files[f].calc;
		bool first = k->discount.present ? k->discount.first_discounted
						 : c->files[f].kb->first_discounted;

		set_text(r, f, first ? "discounted" : "undiscounted");
	}
	/* every step where some schedule changes its rate */
	for (size_t f = 0; f < n; f++) {
		const soem_calc *k = c->files[f].calc;
		const soem_kb *kb = c->files[f].kb;
		size_t m = k->discount.present ? k->discount.nsteps : kb->nsteps;

		for (size_t i = 0; i < m; i++) {
			int from = k->discount.present ? k->discount.steps[i].from
						       : kb->steps[i].from;
			bool seen = false;

			for (size_t s = 0; s < ns; s++)
				seen |= steps[s] == from;
			if (seen)
				continue;
			xgrow((void **)&steps, &cap, ns + 1, sizeof *steps);
			steps[ns++] = from;
		}
	}
	/* ascending */
	for (size_t i = 1; i < ns; i++)
		for (size_t j = i; j > 0 && steps[j - 1] > steps[j]; j--) {
			int t = steps[j];
			steps[j] = steps[j - 1];
			steps[j - 1] = t;
		}
	for (size_t s = 0; s < ns; s++) {
		r = add_row(b, false, SOEM_CMPW_DISCOUNT_RATE, SOEM_CMPF_SHARE,
			    xasprintf("discount.rate_from_%d", steps[s]));
		r->year = steps[s];
		for (size_t f = 0; f < n; f++)
			set_num(r, f, rate_at(c->files[f].calc, c->files[f].kb,
					      steps[s]));
	}
	free(steps);
}

/* A kept node as one line of flow YAML (for comparing and showing). */
static void flow(const ynode *nd, char **s)
{
	char *t;

	if (!nd)
		return;
	if (nd->kind == YNODE_SCALAR) {
		t = xasprintf("%s%s", *s, nd->str);
	} else {
		bool map = nd->kind == YNODE_MAP;

		t = xasprintf("%s%s", *s, map ? "{" : "[");
		free(*s);
		*s = t;
		for (size_t i = 0; i < nd->n; i++) {
			if (i) {
				t = xasprintf("%s%s", *s, map && i % 2 ? ": " : ", ");
				free(*s);
				*s = t;
			}
			flow(nd->v[i], s);
		}
		t = xasprintf("%s%s", *s, map ? "}" : "]");
	}
	free(*s);
	*s = t;
}

/* Top-level keys soem keeps but does not compute with (SPEC §2.9's
 * completion, price_level, groups, ... until they are built): compared
 * as written. */
static void inputs_extra(builder *b)
{
	soem_compare *c = b->c;
	size_t n = c->nfiles, nk = 0, cap = 0;
	ikey *keys = NULL;

	for (size_t f = 0; f < n; f++) {
		const ynode *x = c->files[f].calc->extra;

		if (!x || x->kind != YNODE_MAP)
			continue;
		for (size_t i = 0; i + 1 < x->n; i += 2)
			ikey_add(&keys, &nk, &cap, x->v[i]->str, NULL, 1);
	}
	for (size_t q = 0; q < nk; q++) {
		soem_cmp_row *r = add_row(b, false, SOEM_CMPW_EXTRA,
					  SOEM_CMPF_TEXT,
					  xstrdup(keys[q].name));

		r->name = xstrdup(keys[q].name);
		for (size_t f = 0; f < n; f++) {
			const ynode *v = ynode_map_get(c->files[f].calc->extra,
						       keys[q].name);
			char *s = xstrdup("");

			if (!v) {
				free(s);
				continue;
			}
			flow(v, &s);
			set_text(r, f, s);
			free(s);
		}
	}
	free(keys);
}

/* ------------------------------------------------------------------ */
/* Results */

static void results(builder *b)
{
	soem_compare *c = b->c;
	size_t n = c->nfiles, P = c->npayers;
	static const struct {
		enum soem_cmp_what w;
		enum soem_cmp_fmt fmt;
		const char *key;
	} per_payer[] = {
		{ SOEM_CMPW_PV_COSTS, SOEM_CMPF_MONEY, "pv_costs" },
		{ SOEM_CMPW_PV_EFFECTS, SOEM_CMPF_MONEY, "pv_effects" },
		{ SOEM_CMPW_PV_NET, SOEM_CMPF_MONEY, "pv_net" },
		{ SOEM_CMPW_NET, SOEM_CMPF_MONEY, "net" },
		{ SOEM_CMPW_BREAK_EVEN, SOEM_CMPF_YEAR, "break_even_year" },
		{ SOEM_CMPW_RETURN, SOEM_CMPF_RATIO, "return_per_krone" },
		{ SOEM_CMPW_PER_PARTICIPANT, SOEM_CMPF_MONEY, "per_participant" },
	};
	int years[8];
	size_t ny = 0;

	for (size_t m = 0; m < sizeof per_payer / sizeof per_payer[0]; m++)
		for (size_t p = 0; p <= P; p++) {
			soem_cmp_row *r = add_row(b, true, per_payer[m].w,
						  per_payer[m].fmt,
						  xstrdup(per_payer[m].key));

			r->payer = p;
			for (size_t f = 0; f < n; f++) {
				const soem_result *res = c->files[f].res;
				const double *src =
					m == 0 ? res->pv_costs
					: m == 1 ? res->pv_effects
					: m == 2 ? res->pv_net
					: m == 3 ? res->tot_net
					: m == 5 ? res->return_per_krone
					: m == 6 ? res->per_participant
						 : NULL;

				if (src)
					set_num(r, f, src[p]);
				else {
					r->cell[f].present = true;
					r->cell[f].be = res->break_even[p];
				}
			}
		}
	{
		soem_cmp_row *r = add_row(b, true, SOEM_CMPW_BREAK_EVEN_S,
					  SOEM_CMPF_SHARE,
					  xstrdup("break_even_success_rate"));

		r->payer = P;
		for (size_t f = 0; f < n; f++)
			set_num(r, f, c->files[f].res->break_even_s);
	}

	/* after N years: the union of every file's years */
	for (size_t f = 0; f < n; f++) {
		int y[5];
		size_t k = soem_compare_at_years(c->files[f].res->horizon, y);

		for (size_t i = 0; i < k; i++) {
			bool seen = false;

			for (size_t j = 0; j < ny; j++)
				seen |= years[j] == y[i];
			if (!seen && ny < sizeof years / sizeof years[0])
				years[ny++] = y[i];
		}
	}
	for (size_t i = 1; i < ny; i++)
		for (size_t j = i; j > 0 && years[j - 1] > years[j]; j--) {
			int t = years[j];
			years[j] = years[j - 1];
			years[j - 1] = t;
		}
	for (int disc = 0; disc < 2; disc++)
		for (size_t i = 0; i < ny; i++)
			for (size_t p = 0; p <= P; p++) {
				soem_cmp_row *r = add_row(
					b, true,
					disc ? SOEM_CMPW_CUM_DISC : SOEM_CMPW_CUM,
					SOEM_CMPF_MONEY,
					xstrdup(disc ? "cumulative_discounted"
						     : "cumulative"));

				r->payer = p;
				r->year = years[i];
				for (size_t f = 0; f < n; f++) {
					const soem_result *res = c->files[f].res;
					double sum = 0;

					if (years[i] > res->horizon)
						continue;
					if (disc) {
						sum = res->cum_disc
							[(size_t)(years[i] - 1) *
								 (P + 1) +
							 p];
					} else {
						for (int t = 1; t <= years[i]; t++)
							sum += res->net
								[(size_t)(t - 1) *
									 (P + 1) +
								 p];
					}
					set_num(r, f, sum);
				}
			}
}

int soem_compare_build(const soem_cmp_file *files, size_t n,
		       soem_compare *out)
{
	builder b = { out, 0 };
	size_t first_result, w = 0;

	memset(out, 0, sizeof *out);
	out->nfiles = n;
	out->files = files;
	out->kb = files[0].kb;
	out->npayers = files[0].kb->npayers;

	inputs_general(&b);
	inputs_effect(&b);
	inputs_costs(&b);
	inputs_consequences(&b);
	inputs_prices(&b);
	inputs_discount(&b);
	inputs_extra(&b);
	first_result = out->nrows;
	results(&b);

	/* keep the inputs that differ, and every result */
	for (size_t i = 0; i < out->nrows; i++) {
		finish_row(&out->rows[i], n);
		if (i < first_result && !out->rows[i].differs) {
			free_row(&out->rows[i], n);
			continue;
		}
		out->rows[w++] = out->rows[i];
	}
	out->nrows = w;
	return 0;
}

void soem_compare_free(soem_compare *c)
{
	for (size_t i = 0; i < c->nrows; i++)
		free_row(&c->rows[i], c->nfiles);
	free(c->rows);
	c->rows = NULL;
	c->nrows = 0;
}
