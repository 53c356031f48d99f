/* uncertain.c - ranges, one-way sensitivity and Monte Carlo (SPEC §2.7);
 * see uncertain.h.
 *
 * Choices where SPEC.md is silent:
 *  - A normal draw of s is not truncated (s may leave [-1, 1] in a rare
 *    draw; PV(R) stays linear in s, so the mean is unbiased).
 *  - u = 0 of a normal input is taken as 2^-54 (the quantile of 0 is -inf).
 *  - The mean sums the draws in draw order; the standard deviation divides
 *    by draws - 1 (0 for a single draw).
 *  - Sensitivity ties (equal swing) keep the inputs' order.
 */
#include "config.h"

#include "engine/uncertain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "design/design.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* The generator. */

uint64_t soem_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void soem_rng_seed(soem_rng *r, uint64_t seed)
{
	uint64_t st = seed;

	for (int i = 0; i < 4; i++)
		r->s[i] = soem_splitmix64(&st);
}

static uint64_t rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t soem_rng_next(soem_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rng_rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rng_rotl(s[3], 45);
	return result;
}

double soem_rng_u(soem_rng *r)
{
	return (double)(soem_rng_next(r) >> 11) * 0x1.0p-53;
}

/* ------------------------------------------------------------------ */
/* Inputs. */

size_t soem_uset_add(soem_uset *u, const char *name, enum soem_ukind kind,
		     double value, double low, double high, size_t i,
		     size_t j, double factor)
{
	soem_uinput *in;

	u->in = xrealloc(u->in, (u->n + 1) * sizeof *u->in);
	in = &u->in[u->n];
	*in = (soem_uinput){
		.name = xstrdup(name), .kind = kind,
		.dist = SOEM_DIST_TRIANGULAR, .value = value, .low = low,
		.high = high, .i = i, .j = j, .factor = factor,
	};
	return u->n++;
}

void soem_uset_free(soem_uset *u)
{
	for (size_t i = 0; i < u->n; i++) {
		free(u->in[i].name);
		free(u->in[i].also);
	}
	free(u->in);
	free(u->gp1);
	free(u->gp0);
	u->in = NULL;
	u->n = 0;
	u->gp1 = u->gp0 = NULL;
	u->ng = 0;
}

double soem_uinput_quantile(const soem_uinput *in, double u)
{
	double a = in->low, c = in->value, b = in->high;

	if (in->dist == SOEM_DIST_NORMAL) {
		if (u <= 0)
			u = 0x1.0p-54;
		return in->value + in->sd * soem_qnorm(u);
	}
	if (!(b > a))
		return c;
	if (u * (b - a) < c - a)
		return a + sqrt(u * (b - a) * (c - a));
	return b - sqrt((1 - u) * (b - a) * (b - c));
}

void soem_uset_values(const soem_uset *u, double *x)
{
	for (size_t i = 0; i < u->n; i++)
		x[i] = u->in[i].value;
}

static void *uncertain_dup(const void *p, size_t n, size_t size)
{
	void *q;

	if (!p || n == 0)
		return NULL;
	q = xcalloc(n, size);
	memcpy(q, p, n * size);
	return q;
}

void soem_problem_clone(const soem_problem *src, soem_problem *dst)
{
	*dst = *src;
	dst->cohorts = uncertain_dup(src->cohorts, src->ncohorts,
				     sizeof *src->cohorts);
	dst->rho = uncertain_dup(src->rho, src->nrho, sizeof *src->rho);
	dst->steps = uncertain_dup(src->steps, src->nsteps,
				   sizeof *src->steps);
	dst->services = uncertain_dup(src->services, src->nservices,
				      sizeof *src->services);
	for (size_t k = 0; k < src->nservices; k++) {
		soem_pservice *sv = &dst->services[k];

		sv->delta = uncertain_dup(src->services[k].delta, sv->nyears,
					  sizeof(double));
		sv->price = uncertain_dup(src->services[k].price,
					  src->npayers, sizeof(double));
		sv->rho = uncertain_dup(src->services[k].rho, sv->nrho,
					sizeof(double));
		sv->price_t = uncertain_dup(src->services[k].price_t,
					    src->services[k].price_t
						    ? (size_t)src->horizon *
							      src->npayers
						    : 0,
					    sizeof(double));
		sv->tax = uncertain_dup(src->services[k].tax,
					src->services[k].tax ? src->npayers
							     : 0,
					sizeof(double));
	}
	dst->costs = uncertain_dup(src->costs, src->ncosts,
				   sizeof *src->costs);
	for (size_t i = 0; i < src->ncosts; i++) {
		dst->costs[i].years = uncertain_dup(src->costs[i].years,
						    src->costs[i].nyears,
						    sizeof(int));
		dst->costs[i].split = uncertain_dup(src->costs[i].split,
						    src->costs[i].split
							    ? src->npayers
							    : 0,
						    sizeof(double));
	}
	dst->groups = uncertain_dup(src->groups, src->ngroups,
				    sizeof *src->groups);
	for (size_t g = 0; g < src->ngroups; g++) {
		dst->groups[g].cohorts = uncertain_dup(
			src->groups[g].cohorts, src->groups[g].ncohorts,
			sizeof *src->groups[g].cohorts);
		dst->groups[g].rho = uncertain_dup(src->groups[g].rho,
						   src->groups[g].nrho,
						   sizeof(double));
	}
	dst->report_years = uncertain_dup(src->report_years,
					  src->nreport_years, sizeof(int));
}

void soem_problem_clone_free(soem_problem *pb)
{
	for (size_t k = 0; k < pb->nservices; k++) {
		free(pb->services[k].delta);
		free(pb->services[k].price);
		free(pb->services[k].rho);
		free(pb->services[k].price_t);
		free(pb->services[k].tax);
	}
	for (size_t i = 0; i < pb->ncosts; i++) {
		free(pb->costs[i].years);
		free(pb->costs[i].split);
	}
	for (size_t g = 0; g < pb->ngroups; g++) {
		free(pb->groups[g].cohorts);
		free(pb->groups[g].rho);
	}
	free(pb->groups);
	free(pb->report_years);
	free(pb->services);
	free(pb->costs);
	free(pb->cohorts);
	free(pb->rho);
	free(pb->steps);
	memset(pb, 0, sizeof *pb);
}

/* The price of service k for payer p, in every year when it has a price
 * per year (a payer beside a schedule keeps one price in all years). */
static void uncertain_set_price(soem_problem *pb, size_t k, size_t p,
				double v)
{
	soem_pservice *sv = &pb->services[k];
	sv->price[p] = v;
	if (sv->price_t)
		for (int t = 0; t < pb->horizon; t++)
			sv->price_t[(size_t)t * pb->npayers + p] = v;
}

/* A tax share of service k for payer p (an array of zeros first when the
 * service had no tax at its central values). */
static void uncertain_set_tax(soem_problem *pb, size_t k, size_t p, double v)
{
	soem_pservice *sv = &pb->services[k];
	if (!sv->tax)
		sv->tax = xcalloc(pb->npayers ? pb->npayers : 1,
				  sizeof *sv->tax);
	sv->tax[p] = v;
}

/* The price of service k for payer p in the years t0..t1 of a schedule
 * entry (the first year's is also price[p], as model/problem.c sets it). */
static void uncertain_set_sched(soem_problem *pb, size_t k, size_t p,
				int t0, int t1, double v)
{
	soem_pservice *sv = &pb->services[k];
	if (!sv->price_t)
		return;
	for (int t = t0 < 0 ? 0 : t0; t <= t1 && t < pb->horizon; t++)
		sv->price_t[(size_t)t * pb->npayers + p] = v;
	if (t0 <= 0 && t1 >= 0)
		sv->price[p] = v;
}

void soem_uset_apply(const soem_uset *u, soem_problem *pb, const double *x)
{
	double p1 = u->p1, p0 = u->p0;
	bool has_p = false;
	size_t ng = u->ng && u->ng == pb->ngroups ? u->ng : 0;
	double *gp = ng ? xcalloc(2 * ng, sizeof *gp) : NULL;
	bool *gset = ng ? xcalloc(ng, sizeof *gset) : NULL;

	for (size_t g = 0; g < ng; g++) {
		gp[2 * g] = u->gp1[g];
		gp[2 * g + 1] = u->gp0[g];
	}

	for (size_t n = 0; n < u->n; n++) {
		const soem_uinput *in = &u->in[n];

		switch (in->kind) {
		case SOEM_U_S:
			pb->s = x[n];
			break;
		case SOEM_U_P1:
			p1 = x[n];
			has_p = true;
			break;
		case SOEM_U_P0:
			p0 = x[n];
			has_p = true;
			break;
		case SOEM_U_COHORT:
			pb->cohorts[in->i].n = x[n];
			break;
		case SOEM_U_COST:
			pb->costs[in->i].amount = x[n] * in->factor;
			break;
		case SOEM_U_DELTA:
			pb->services[in->i].delta[in->j] = x[n];
			break;
		case SOEM_U_DURING:
			pb->services[in->i].during = x[n];
			break;
		case SOEM_U_SCALE:
			pb->services[in->i].scale = x[n];
			break;
		case SOEM_U_PRICE:
			uncertain_set_price(pb, in->i, in->j, x[n] * in->factor);
			for (size_t a = 0; a < in->nalso; a++)
				uncertain_set_price(pb, in->also[a], in->j,
						    x[n] * in->factor);
			break;
		case SOEM_U_GS:
			if (in->j < pb->ngroups)
				pb->groups[in->j].s = x[n];
			break;
		case SOEM_U_GP1:
		case SOEM_U_GP0:
			if (in->j < ng) {
				gp[2 * in->j + (in->kind == SOEM_U_GP0)] = x[n];
				gset[in->j] = true;
			}
			break;
		case SOEM_U_GCOHORT:
			if (in->j < pb->ngroups &&
			    in->i < pb->groups[in->j].ncohorts)
				pb->groups[in->j].cohorts[in->i].n = x[n];
			break;
		case SOEM_U_GDECAY:
			if (in->j < pb->ngroups)
				pb->groups[in->j].decay = x[n];
			break;
		case SOEM_U_GRHO:
			if (in->j < pb->ngroups &&
			    in->i < pb->groups[in->j].nrho)
				pb->groups[in->j].rho[in->i] = x[n];
			break;
		case SOEM_U_RATE:
			pb->steps[in->i].rate = x[n];
			break;
		case SOEM_U_DECAY:
			pb->decay = x[n];
			break;
		case SOEM_U_RHO:
			pb->rho[in->i] = x[n];
			break;
		case SOEM_U_COMPLETION:
			pb->completion = x[n];
			break;
		case SOEM_U_GCOMPLETION:
			if (in->j < pb->ngroups)
				pb->groups[in->j].completion = x[n];
			break;
		case SOEM_U_TAX:
			uncertain_set_tax(pb, in->i, in->j, x[n]);
			for (size_t a = 0; a < in->nalso; a++)
				uncertain_set_tax(pb, in->also[a], in->j, x[n]);
			break;
		case SOEM_U_SCHED:
			uncertain_set_sched(pb, in->i, in->j, in->t0, in->t1,
					    x[n] * in->factor);
			for (size_t a = 0; a < in->nalso; a++)
				uncertain_set_sched(pb, in->also[a], in->j,
						    in->t0, in->t1,
						    x[n] * in->factor);
			break;
		case SOEM_U_SDECAY:
			pb->services[in->i].decay = x[n];
			break;
		case SOEM_U_SRHO:
			if (in->j < pb->services[in->i].nrho)
				pb->services[in->i].rho[in->j] = x[n];
			break;
		}
	}
	if (has_p)
		pb->s = p1 - p0;
	for (size_t g = 0; g < ng; g++)
		if (gset[g])
			pb->groups[g].s = gp[2 * g] - gp[2 * g + 1];
	free(gp);
	free(gset);
}

void soem_full_pv(const soem_problem *pb, const soem_uset *u,
		  const double *x, double *pv)
{
	soem_problem cl;

	soem_problem_clone(pb, &cl);
	soem_uset_apply(u, &cl, x);
	soem_pv_net(&cl, pv);
	soem_problem_clone_free(&cl);
}

/* ------------------------------------------------------------------ */
/* The fast path. */

#define NO_INPUT ((size_t)-1)

struct fast_svc {          /* a service that some input touches */
	size_t k;
	size_t nin;
	size_t *in;        /* input indices */
	double *g;         /* [C] sum_j w_cj delta_kj, base */
	double *g2;        /* [C] scratch */
	double *b0;        /* [P][C] base price * scale * g (issue 18: the
			      per-draw work is only what an input changes) */
	double *bd0;       /* [P] base price * during */
	size_t *pin;       /* [P] the (last) input of each payer's price, or
			      NO_INPUT */
	size_t *tin;       /* [P] the (last) input of each payer's tax
			      share, or NO_INPUT */
	double *pr, *ef;   /* [P] scratch: the draw's prices, and the prices
			      net of tax each payer bears */
	bool has_delta;    /* some input is one of its consequence years */
	bool taxed;        /* the service has a tax, or a tax share input */
	/* A service with a price schedule (price_t): its terms are
	 * recomputed per draw from the prices of each year. */
	double *dl;        /* [J] scratch: the draw's consequence years */
	double *pt, *et;   /* [H][P] scratch: the draw's prices, net of tax */
	double *bs0;       /* [P][C] base scale * sum_j w_cj e_pt delta_j */
	double *bdd0;      /* [P][C] base during * sum_course d_t e_pt */
	double *bddr0;     /* [P][C] with an input of completion: the part
			      of the later course years (bdd0 then holds
			      the start year's) */
};

struct fast_cost {         /* a cost item whose amount is an input */
	size_t i, input;
	double *q;         /* [C] PV of one unit per participant of cohort c */
	double *qr;        /* [C] with an input of c: the part that is c
			      times this (else 0, in q) */
	double q0;         /* PV of one unit of a once/yearly amount */
};

struct soem_fast {
	const soem_problem *pb;
	const soem_uset *u;
	size_t P, C, H;
	size_t *cin;       /* [C] input of each cohort, or NO_INPUT */
	double *w;         /* [C][H] d_{f_c+j-1} rho_j for j = 1..H */
	double *hc;        /* [C] sum of d over the course years */
	double *ag, *bd;   /* base: [P][C] sum_k sign price scale g; [P] sum_k
			      sign price during */
	double *cq, *c0;   /* base costs: [P][C] per participant; [P] */
	size_t nsv, ncost;
	struct fast_svc *sv;
	struct fast_cost *cost;
	double *sag, *sbd, *scq, *sc0; /* scratch copies */
	double *d;         /* [H] discount factors */
	bool has_sched;    /* some service has a price schedule: */
	double *dd, *sdd;  /* [P][C] during terms of those services (they do
			      not factor as hc[c] bd[p]); scratch copy */
	/* SPEC §2.9 completion c (of the one group): participant-years
	 * count N in the start year and N c in the later course years, a
	 * per_completer cost N c in the finishing year. */
	size_t in_comp;    /* the (last) input of a c, or NO_INPUT */
	double *hc1, *hcr; /* [C] d of the start year; sum of d over the
			      later course years (hc = hc1 + c hcr) */
	double *cqr, *scqr; /* [P][C] with an input of c: the costs per
			       participant that are c times this (the
			       later course years of per_participant_year,
			       per_completer); scratch copy */
	double *hcd;       /* [C] scratch: hc at the draw's c */
	double *ddr, *sddr; /* [P][C] with an input of c: the during terms
			       of scheduled services of the later course
			       years (c times this); scratch copy */
	double *nc;        /* [C] scratch: the participants of each cohort */
	/* Groups (SPEC §2.9): the cohorts of every group one after the
	 * other, each with its group's course, completion and persistence;
	 * a problem without groups is one group. */
	size_t G;          /* groups (1 without groups) */
	size_t *cg;        /* [C] group of each cohort */
	long long *cy, *cl; /* [C] start year; course length of its group */
	double *cn;        /* [C] base participants */
	double *cc;        /* [C] base completion of its group (0 read as 1) */
	double *gs;        /* [G] scratch: the draw's success rate */
	double *gcm;       /* [G] scratch: the draw's completion */
	size_t *gin_s, *gin_p1, *gin_p0, *gin_c; /* [G] the (last) input of
			      a group's s, p1, p0, completion, or NO_INPUT */
};

/* The group of service sv (0 without groups). */
static size_t fast_svc_group(const soem_problem *pb, const soem_pservice *sv)
{
	return pb->ngroups && sv->group < pb->ngroups ? sv->group : 0;
}

static bool fast_linear(const soem_uset *u)
{
	for (size_t i = 0; i < u->n; i++) {
		enum soem_ukind k = u->in[i].kind;

		if (k == SOEM_U_RATE || k == SOEM_U_DECAY || k == SOEM_U_RHO ||
		    k == SOEM_U_GDECAY || k == SOEM_U_GRHO ||
		    k == SOEM_U_SDECAY || k == SOEM_U_SRHO)
			return false;
	}
	return true;
}

/* g_kc = sum over consequence years j of w_cj * delta_kj. */
static double fast_g(const struct soem_fast *f, const soem_pservice *sv,
		     size_t c)
{
	double g = 0;
	size_t J = sv->nyears < f->H ? sv->nyears : f->H;

	if (f->cg[c] != fast_svc_group(f->pb, sv))
		return 0;
	for (size_t j = 0; j < J; j++)
		g += f->w[c * f->H + j] * sv->delta[j];
	return g;
}

static void fast_weights(struct soem_fast *f, const double *d)
{
	const soem_problem *pb = f->pb;

	for (size_t c = 0; c < f->C; c++) {
		long long start = f->cy[c];
		long long fin = start + f->cl[c] - 1;
		soem_problem gp = *pb; /* the persistence of c's group */

		if (pb->ngroups) {
			const soem_pgroup *g = &pb->groups[f->cg[c]];

			gp.persist = g->persist;
			gp.decay = g->decay;
			gp.nrho = g->nrho;
			gp.rho = g->rho;
		}
		for (long long t = fin; t <= (long long)f->H; t++) {
			long long j = t - fin + 1;

			f->w[c * f->H + (size_t)(j - 1)] =
				d[t - 1] * soem_persistence(&gp, (int)j);
		}
		for (long long t = start; t <= fin && t <= (long long)f->H; t++)
			f->hc[c] += d[t - 1];
		if (start >= 1 && start <= (long long)f->H)
			f->hc1[c] = d[start - 1];
		for (long long t = start + 1; t <= fin && t <= (long long)f->H;
		     t++)
			f->hcr[c] += d[t - 1];
		/* completion (SPEC §2.9): the later course years count c */
		if (f->cc[c] != 1)
			f->hc[c] = f->hc1[c] + f->cc[c] * f->hcr[c];
	}
}

/* Unit present values of cost item co: per participant of each cohort
 * (q[c]) and for the amount itself (q0). */
static void fast_cost_units(const struct soem_fast *f, const soem_pcost *co,
			    const double *d, double *q, double *qr, double *q0)
{
	long long h = (long long)f->H;
	bool split = f->in_comp != NO_INPUT;

	*q0 = 0;
	for (size_t c = 0; c < f->C; c++)
		q[c] = qr[c] = 0;
	switch (co->basis) {
	case SOEM_BASIS_PER_PARTICIPANT:
		for (size_t c = 0; c < f->C; c++)
			if (!co->has_group || co->group == f->cg[c])
				q[c] = d[f->cy[c] - 1];
		break;
	case SOEM_BASIS_PER_PARTICIPANT_YEAR:
		for (size_t c = 0; c < f->C; c++) {
			if (co->has_group && co->group != f->cg[c])
				continue;
			q[c] = split ? f->hc1[c] : f->hc[c];
			qr[c] = split ? f->hcr[c] : 0;
		}
		break;
	case SOEM_BASIS_ONCE:
		for (size_t y = 0; y < co->nyears; y++)
			if (co->years[y] >= 1 && co->years[y] <= h)
				*q0 += d[co->years[y] - 1];
		break;
	case SOEM_BASIS_YEARLY: {
		long long from = co->from < 1 ? 1 : co->from;
		long long to = co->to > h ? h : co->to;

		for (long long t = from; t <= to; t++)
			*q0 += d[t - 1];
		break;
	}
	case SOEM_BASIS_PER_COMPLETER: /* N c in the finishing year */
		for (size_t c = 0; c < f->C; c++) {
			long long fin = f->cy[c] + f->cl[c] - 1;

			if (fin < 1 || fin > h ||
			    (co->has_group && co->group != f->cg[c]))
				continue;
			if (split)
				qr[c] = d[fin - 1];
			else
				q[c] = f->cc[c] * d[fin - 1];
		}
		break;
	}
}

/* The price each payer bears (SPEC §2.9 taxes): pi'_p = pi_p - tau_p G
 * with G = sum_q pi_q, the engine's arithmetic term for term; without a
 * tax (tax NULL and no tax input) the price itself. */
static void fast_net_prices(size_t P, const double *pr, const double *tax,
			    const size_t *tin, const double *x, double *ef)
{
	double gross = 0;

	for (size_t p = 0; p < P; p++)
		gross += pr[p];
	for (size_t p = 0; p < P; p++) {
		double t = tin && tin[p] != NO_INPUT ? x[tin[p]]
			   : tax ? tax[p] : 0;

		ef[p] = pr[p] - t * gross;
	}
}

/* The prices net of tax of a service with a schedule, year by year:
 * et[t][p] = pt[t][p] - tau_p sum_q pt[t][q] (tax and tin as in
 * fast_net_prices). */
static void fast_net_prices_t(const struct soem_fast *f, const double *pt,
			      const double *tax, const size_t *tin,
			      const double *x, double *et)
{
	for (size_t t = 0; t < f->H; t++)
		fast_net_prices(f->P, pt + t * f->P, tax, tin, x,
				et + t * f->P);
}

/* The terms of a service with a schedule for payer p and cohort c at the
 * yearly prices et, years delta, scale and during: *a = scale sum_j w_cj
 * e_{p,t} delta_j over the consequence years, *b = during sum over the
 * course years of d_t e_{p,t} (the later course years weighing the
 * completion, SPEC §2.9).  With an input of completion (f->ddr), *b is
 * the start year's term and *br the later years' sum, unweighted. */
static void fast_sched_terms(const struct soem_fast *f, const soem_pservice *sv,
			     const double *et, const double *delta,
			     double scale, double during, size_t p, size_t c,
			     double *a, double *b, double *br)
{
	long long start = f->cy[c];
	long long fin = start + f->cl[c] - 1;
	size_t J = sv->nyears < f->H ? sv->nyears : f->H;
	double g = 0, h = 0;

	if (f->cg[c] != fast_svc_group(f->pb, sv)) {
		*a = *b = *br = 0; /* another group's cohort */
		return;
	}
	for (size_t j = 0; j < J; j++) {
		long long t = fin + (long long)j; /* 1-based year */

		if (t > (long long)f->H)
			break;
		g += f->w[c * f->H + j] * et[(size_t)(t - 1) * f->P + p] *
		     delta[j];
	}
	*a = scale * g;
	if (f->ddr) {
		double hr = 0;

		for (long long t = start; t <= fin && t <= (long long)f->H;
		     t++) {
			double v = f->d[t - 1] * et[(size_t)(t - 1) * f->P + p];

			if (t == start)
				h = v;
			else
				hr += v;
		}
		*b = during * h;
		*br = during * hr;
		return;
	}
	for (long long t = start; t <= fin && t <= (long long)f->H; t++)
		h += (t == start ? 1 : f->cc[c]) * f->d[t - 1] *
		     et[(size_t)(t - 1) * f->P + p];
	*b = during * h;
	*br = 0;
}

/* Files input n under service k (a new entry in slot order when k is not
 * touched yet). */
static void fast_svc_add(struct soem_fast *f, size_t *slot, size_t k,
			 size_t n)
{
	struct fast_svc *s;

	if (k >= f->pb->nservices)
		return;
	if (slot[k] == NO_INPUT) {
		slot[k] = f->nsv;
		s = &f->sv[f->nsv++];
		s->k = k;
		s->g = xcalloc(f->C ? f->C : 1, sizeof(double));
		s->g2 = xcalloc(f->C ? f->C : 1, sizeof(double));
		for (size_t c = 0; c < f->C; c++)
			s->g[c] = fast_g(f, &f->pb->services[k], c);
	}
	s = &f->sv[slot[k]];
	for (size_t m = 0; m < s->nin; m++)
		if (s->in[m] == n)
			return;
	s->in = xrealloc(s->in, (s->nin + 1) * sizeof *s->in);
	s->in[s->nin++] = n;
}

static void fast_services(struct soem_fast *f)
{
	const soem_problem *pb = f->pb;
	const soem_uset *u = f->u;
	size_t *slot = xcalloc(pb->nservices ? pb->nservices : 1,
			       sizeof *slot);

	for (size_t k = 0; k < pb->nservices; k++)
		slot[k] = NO_INPUT;
	f->sv = xcalloc(pb->nservices ? pb->nservices : 1, sizeof *f->sv);
	for (size_t n = 0; n < u->n; n++) {
		const soem_uinput *in = &u->in[n];

		if (in->kind != SOEM_U_DELTA && in->kind != SOEM_U_DURING &&
		    in->kind != SOEM_U_SCALE && in->kind != SOEM_U_PRICE &&
		    in->kind != SOEM_U_TAX && in->kind != SOEM_U_SCHED)
			continue;
		fast_svc_add(f, slot, in->i, n);
		/* a price, schedule entry or tax share of the same service in
		 * several rows */
		if (in->kind == SOEM_U_PRICE || in->kind == SOEM_U_TAX ||
		    in->kind == SOEM_U_SCHED)
			for (size_t a = 0; a < in->nalso; a++)
				fast_svc_add(f, slot, in->also[a], n);
	}
	free(slot);
	for (size_t i = 0; i < f->nsv; i++) {
		struct fast_svc *s = &f->sv[i];
		const soem_pservice *sv = &pb->services[s->k];
		size_t P = f->P ? f->P : 1;

		s->b0 = xcalloc(P * (f->C ? f->C : 1), sizeof(double));
		s->bd0 = xcalloc(P, sizeof(double));
		s->pin = xcalloc(P, sizeof *s->pin);
		s->tin = xcalloc(P, sizeof *s->tin);
		s->pr = xcalloc(P, sizeof(double));
		s->ef = xcalloc(P, sizeof(double));
		s->taxed = sv->tax != NULL;
		for (size_t p = 0; p < f->P; p++)
			s->pin[p] = s->tin[p] = NO_INPUT;
		for (size_t m = 0; m < s->nin; m++) {
			const soem_uinput *in = &u->in[s->in[m]];

			if (in->kind == SOEM_U_PRICE && in->j < f->P)
				s->pin[in->j] = s->in[m];
			if (in->kind == SOEM_U_TAX && in->j < f->P) {
				s->tin[in->j] = s->in[m];
				s->taxed = true;
			}
			if (in->kind == SOEM_U_DELTA && in->j < f->H)
				s->has_delta = true;
		}
		if (sv->price_t) {
			size_t HP = f->H * P;

			s->dl = xcalloc(sv->nyears ? sv->nyears : 1,
					sizeof(double));
			s->pt = xcalloc(HP ? HP : 1, sizeof(double));
			s->et = xcalloc(HP ? HP : 1, sizeof(double));
			s->bs0 = xcalloc(P * (f->C ? f->C : 1), sizeof(double));
			s->bdd0 = xcalloc(P * (f->C ? f->C : 1),
					  sizeof(double));
			s->bddr0 = xcalloc(P * (f->C ? f->C : 1),
					   sizeof(double));
			fast_net_prices_t(f, sv->price_t, sv->tax, NULL, NULL,
					  s->et);
			for (size_t p = 0; p < f->P; p++)
				for (size_t c = 0; c < f->C; c++)
					fast_sched_terms(f, sv, s->et, sv->delta,
							 sv->scale, sv->during,
							 p, c,
							 &s->bs0[p * f->C + c],
							 &s->bdd0[p * f->C + c],
							 &s->bddr0[p * f->C + c]);
			continue;
		}
		if (s->taxed)
			fast_net_prices(f->P, sv->price, sv->tax, NULL, NULL,
					s->ef);
		else
			memcpy(s->ef, sv->price, f->P * sizeof(double));
		for (size_t p = 0; p < f->P; p++) {
			for (size_t c = 0; c < f->C; c++)
				s->b0[p * f->C + c] = s->ef[p] *
						      sv->scale * s->g[c];
			s->bd0[p] = s->ef[p] * sv->during;
		}
	}
	/* The base sums over every service, at the prices net of tax. */
	double *ef = xcalloc(f->P ? f->P : 1, sizeof(double));
	size_t hp = f->H * f->P;
	double *et = f->has_sched ? xcalloc(hp > 0 ? hp : 1, sizeof(double))
				  : NULL;
	for (size_t k = 0; k < pb->nservices; k++) {
		const soem_pservice *sv = &pb->services[k];
		const double *pr = sv->price;

		if (sv->price_t) {
			fast_net_prices_t(f, sv->price_t, sv->tax, NULL, NULL,
					  et);
			for (size_t p = 0; p < f->P; p++)
				for (size_t c = 0; c < f->C; c++) {
					double a, b, br;

					fast_sched_terms(f, sv, et, sv->delta,
							 sv->scale, sv->during,
							 p, c, &a, &b, &br);
					f->ag[p * f->C + c] += sv->sign * a;
					f->dd[p * f->C + c] += sv->sign * b;
					if (f->ddr)
						f->ddr[p * f->C + c] +=
							sv->sign * br;
				}
			continue;
		}
		if (sv->tax) {
			fast_net_prices(f->P, sv->price, sv->tax, NULL, NULL,
					ef);
			pr = ef;
		}
		for (size_t c = 0; c < f->C; c++) {
			double g = fast_g(f, sv, c) * sv->scale * sv->sign;

			for (size_t p = 0; p < f->P; p++)
				f->ag[p * f->C + c] += pr[p] * g;
		}
		for (size_t p = 0; p < f->P; p++)
			f->bd[fast_svc_group(pb, sv) * f->P + p] +=
				sv->sign * pr[p] * sv->during;
	}
	free(ef);
	free(et);
}

static void fast_costs(struct soem_fast *f, const double *d)
{
	const soem_problem *pb = f->pb;
	const soem_uset *u = f->u;
	double *q = xcalloc(f->C ? f->C : 1, sizeof(double));
	double *qr = xcalloc(f->C ? f->C : 1, sizeof(double));

	for (size_t i = 0; i < pb->ncosts; i++) {
		const soem_pcost *co = &pb->costs[i];
		double a = co->saved ? -co->amount : co->amount, q0;

		fast_cost_units(f, co, d, q, qr, &q0);
		for (size_t p = 0; p < f->P; p++) {
			/* a payer group's split shares the amount out */
			double sh = co->split ? co->split[p]
					      : p == co->payer ? 1 : 0;

			if (sh == 0)
				continue;
			for (size_t c = 0; c < f->C; c++)
				f->cq[p * f->C + c] += co->split
							       ? a * sh * q[c]
							       : a * q[c];
			for (size_t c = 0; f->cqr && c < f->C; c++)
				f->cqr[p * f->C + c] += co->split
								? a * sh * qr[c]
								: a * qr[c];
			f->c0[p] += co->split ? a * sh * q0 : a * q0;
		}
	}
	free(q);
	free(qr);
	f->cost = xcalloc(u->n ? u->n : 1, sizeof *f->cost);
	for (size_t n = 0; n < u->n; n++) {
		struct fast_cost *fc;

		if (u->in[n].kind != SOEM_U_COST)
			continue;
		fc = &f->cost[f->ncost++];
		fc->i = u->in[n].i;
		fc->input = n;
		fc->q = xcalloc(f->C ? f->C : 1, sizeof(double));
		fc->qr = xcalloc(f->C ? f->C : 1, sizeof(double));
		fast_cost_units(f, &pb->costs[fc->i], d, fc->q, fc->qr,
				&fc->q0);
	}
}

/* The fast path knows the problem of SPEC §2.1-2.6, the taxes of §2.9
 * (the price a payer bears, pi_p - tau_p sum_q pi_q, is linear in the
 * prices and in each tau), payer groups' splits of costs (fixed shares of
 * an amount) and price schedules (a year's price weighs that year's
 * units) and completion with per_completer costs (SPEC §2.9: the net is
 * linear in c, participant-years count N c after the start year and a
 * completer N c in the finishing year; effects of success do not depend
 * on c) and groups (each group's cohorts with its own course, completion,
 * persistence and s; a service counts its group's cohorts, a cost its
 * group's or every group's): a problem with a row's own persistence is
 * recalculated. */
static bool fast_plain(const soem_problem *pb)
{
	for (size_t k = 0; k < pb->nservices; k++)
		if (pb->services[k].own_persist)
			return false;
	/* a payer group's split is a fixed linear share of the amount; a
	 * cost's group without groups is the one group; completion and
	 * per_completer costs are linear in c and in the amount */
	return true;
}

/* Whether every draw of the tax share inputs keeps each service's shares
 * in [0, 1] with a sum of at most 1, as soem_problem_check wants: a set
 * whose draws the full recalculation could refuse is left to it. */
static bool fast_taxes_safe(const soem_problem *pb, const soem_uset *u)
{
	size_t P = pb->npayers;
	double *hi = xcalloc(P ? P : 1, sizeof *hi);
	bool ok = true;

	for (size_t k = 0; ok && k < pb->nservices; k++) {
		const soem_pservice *sv = &pb->services[k];
		double sum = 0;
		bool any = false;

		for (size_t p = 0; p < P; p++)
			hi[p] = sv->tax ? sv->tax[p] : 0;
		for (size_t n = 0; ok && n < u->n; n++) {
			const soem_uinput *in = &u->in[n];
			bool here = in->i == k;

			if (in->kind != SOEM_U_TAX)
				continue;
			for (size_t a = 0; a < in->nalso; a++)
				here = here || in->also[a] == k;
			if (!here)
				continue;
			any = true;
			if (in->j >= P || in->dist != SOEM_DIST_TRIANGULAR ||
			    !(in->low >= 0 && in->high <= 1 &&
			      in->low <= in->value && in->value <= in->high))
				ok = false;
			else
				hi[in->j] = in->high;
		}
		for (size_t p = 0; any && p < P; p++)
			sum += hi[p];
		if (any && sum > 1 + 1e-9)
			ok = false;
	}
	free(hi);
	return ok;
}

/* Whether an input of completion can take the fast path: every draw in
 * (0, 1] (0 would read as 1). */
static bool fast_completion_safe(const soem_uset *u)
{
	for (size_t n = 0; n < u->n; n++) {
		const soem_uinput *in = &u->in[n];

		if (in->kind != SOEM_U_COMPLETION &&
		    in->kind != SOEM_U_GCOMPLETION)
			continue;
		if (in->dist != SOEM_DIST_TRIANGULAR ||
		    !(in->low > 0 && in->high <= 1 && in->low <= in->value &&
		      in->value <= in->high))
			return false;
	}
	return true;
}

/* The cohorts of every group one after the other (SPEC §2.9; a problem
 * without groups is one group of the top-level fields), and the inputs
 * of each cohort and group, as soem_uset_apply files them: the top-level
 * s, p1, p0 and completion are the one group's (a grouped problem does
 * not read them), a group's p1 or p0 only when the set has each group's
 * central values (u->ng). */
static void fast_groups(struct soem_fast *f)
{
	const soem_problem *pb = f->pb;
	const soem_uset *u = f->u;
	size_t G = pb->ngroups ? pb->ngroups : 1, c = 0;
	size_t *off = xcalloc(G + 1, sizeof *off);

	f->G = G;
	f->C = 0;
	for (size_t g = 0; g < G; g++) {
		off[g] = f->C;
		f->C += pb->ngroups ? pb->groups[g].ncohorts : pb->ncohorts;
	}
	off[G] = f->C;
	f->cin = xcalloc(f->C ? f->C : 1, sizeof *f->cin);
	f->cg = xcalloc(f->C ? f->C : 1, sizeof *f->cg);
	f->cy = xcalloc(f->C ? f->C : 1, sizeof *f->cy);
	f->cl = xcalloc(f->C ? f->C : 1, sizeof *f->cl);
	f->cn = xcalloc(f->C ? f->C : 1, sizeof *f->cn);
	f->cc = xcalloc(f->C ? f->C : 1, sizeof *f->cc);
	f->gs = xcalloc(G, sizeof *f->gs);
	f->gcm = xcalloc(G, sizeof *f->gcm);
	f->gin_s = xcalloc(G, sizeof *f->gin_s);
	f->gin_p1 = xcalloc(G, sizeof *f->gin_p1);
	f->gin_p0 = xcalloc(G, sizeof *f->gin_p0);
	f->gin_c = xcalloc(G, sizeof *f->gin_c);
	for (size_t g = 0; g < G; g++) {
		const soem_cohort *co = pb->ngroups ? pb->groups[g].cohorts
						    : pb->cohorts;
		int len = pb->ngroups ? pb->groups[g].course_years
				      : pb->course_years;
		double cm = pb->ngroups ? pb->groups[g].completion
					: pb->completion;

		f->gin_s[g] = f->gin_p1[g] = f->gin_p0[g] = f->gin_c[g] =
			NO_INPUT;
		f->gcm[g] = cm == 0 ? 1 : cm; /* the base; a draw's in fast_pv */
		for (; c < off[g + 1]; c++) {
			f->cin[c] = NO_INPUT;
			f->cg[c] = g;
			f->cy[c] = co[c - off[g]].year;
			f->cl[c] = len;
			f->cn[c] = co[c - off[g]].n;
			f->cc[c] = cm == 0 ? 1 : cm;
		}
	}
	f->in_comp = NO_INPUT;
	for (size_t n = 0; n < u->n; n++) {
		const soem_uinput *in = &u->in[n];
		bool one = pb->ngroups == 0;

		switch (in->kind) {
		case SOEM_U_COHORT:
			if (one && in->i < f->C)
				f->cin[in->i] = n;
			break;
		case SOEM_U_GCOHORT:
			if (!one && in->j < G && in->i < off[in->j + 1] - off[in->j])
				f->cin[off[in->j] + in->i] = n;
			break;
		case SOEM_U_S:
			if (one)
				f->gin_s[0] = n;
			break;
		case SOEM_U_P1:
			if (one)
				f->gin_p1[0] = n;
			break;
		case SOEM_U_P0:
			if (one)
				f->gin_p0[0] = n;
			break;
		case SOEM_U_GS:
			if (!one && in->j < G)
				f->gin_s[in->j] = n;
			break;
		case SOEM_U_GP1:
			if (!one && in->j < G && u->ng == G)
				f->gin_p1[in->j] = n;
			break;
		case SOEM_U_GP0:
			if (!one && in->j < G && u->ng == G)
				f->gin_p0[in->j] = n;
			break;
		case SOEM_U_COMPLETION:
			if (one)
				f->gin_c[0] = f->in_comp = n;
			break;
		case SOEM_U_GCOMPLETION:
			if (!one && in->j < G)
				f->gin_c[in->j] = f->in_comp = n;
			break;
		default:
			break;
		}
	}
	free(off);
}

soem_fast *soem_fast_new(const soem_problem *pb, const soem_uset *u)
{
	struct soem_fast *f;
	double *d;
	size_t pc;

	if (!fast_linear(u) || soem_problem_check(pb, NULL) ||
	    !fast_plain(pb) || !fast_taxes_safe(pb, u) ||
	    !fast_completion_safe(u))
		return NULL;
	f = xcalloc(1, sizeof *f);
	f->pb = pb;
	f->u = u;
	f->P = pb->npayers;
	f->H = (size_t)pb->horizon;
	fast_groups(f);
	pc = (f->P ? f->P : 1) * (f->C ? f->C : 1);
	f->nc = xcalloc(f->C ? f->C : 1, sizeof(double));
	f->w = xcalloc((f->C ? f->C : 1) * f->H, sizeof(double));
	f->hc = xcalloc(f->C ? f->C : 1, sizeof(double));
	f->hc1 = xcalloc(f->C ? f->C : 1, sizeof(double));
	f->hcr = xcalloc(f->C ? f->C : 1, sizeof(double));
	if (f->in_comp != NO_INPUT) {
		f->hcd = xcalloc(f->C ? f->C : 1, sizeof(double));
		f->cqr = xcalloc(pc, sizeof(double));
		f->scqr = xcalloc(pc, sizeof(double));
		f->ddr = xcalloc(pc, sizeof(double));
		f->sddr = xcalloc(pc, sizeof(double));
	}
	f->ag = xcalloc(pc, sizeof(double));
	f->cq = xcalloc(pc, sizeof(double));
	f->sag = xcalloc(pc, sizeof(double));
	f->scq = xcalloc(pc, sizeof(double));
	f->bd = xcalloc((f->P ? f->P : 1) * f->G, sizeof(double));
	f->c0 = xcalloc(f->P ? f->P : 1, sizeof(double));
	f->sbd = xcalloc((f->P ? f->P : 1) * f->G, sizeof(double));
	f->sc0 = xcalloc(f->P ? f->P : 1, sizeof(double));
	d = xcalloc(f->H, sizeof(double));
	soem_discount_factors(pb, d);
	f->d = d;
	for (size_t k = 0; k < pb->nservices; k++)
		f->has_sched = f->has_sched || pb->services[k].price_t;
	f->dd = xcalloc(pc, sizeof(double));
	f->sdd = xcalloc(pc, sizeof(double));
	fast_weights(f, d);
	fast_services(f);
	fast_costs(f, d);
	return f;
}

void soem_fast_free(soem_fast **fp)
{
	struct soem_fast *f;

	if (!fp || !*fp)
		return;
	f = *fp;
	for (size_t i = 0; i < f->nsv; i++) {
		free(f->sv[i].in);
		free(f->sv[i].g);
		free(f->sv[i].g2);
		free(f->sv[i].b0);
		free(f->sv[i].bd0);
		free(f->sv[i].pin);
		free(f->sv[i].dl);
		free(f->sv[i].pt);
		free(f->sv[i].et);
		free(f->sv[i].bs0);
		free(f->sv[i].bdd0);
		free(f->sv[i].bddr0);
		free(f->sv[i].tin);
		free(f->sv[i].pr);
		free(f->sv[i].ef);
	}
	for (size_t i = 0; i < f->ncost; i++) {
		free(f->cost[i].q);
		free(f->cost[i].qr);
	}
	free(f->sv);
	free(f->cost);
	free(f->cin);
	free(f->w);
	free(f->hc);
	free(f->hc1);
	free(f->hcr);
	free(f->hcd);
	free(f->cqr);
	free(f->scqr);
	free(f->ag);
	free(f->bd);
	free(f->cq);
	free(f->c0);
	free(f->sag);
	free(f->sbd);
	free(f->scq);
	free(f->sc0);
	free(f->d);
	free(f->dd);
	free(f->sdd);
	free(f->ddr);
	free(f->sddr);
	free(f->nc);
	free(f->cg);
	free(f->cy);
	free(f->cl);
	free(f->cn);
	free(f->cc);
	free(f->gs);
	free(f->gcm);
	free(f->gin_s);
	free(f->gin_p1);
	free(f->gin_p0);
	free(f->gin_c);
	free(f);
	*fp = NULL;
}

/* Adds the change of one touched service to the scratch sums.  The
 * arithmetic is that of the plain formula, term for term (the results are
 * the same to the last digit); only what does not depend on the draw is
 * computed once, in soem_fast_new. */
/* The change of a touched service with a schedule: its terms at the
 * draw's years, scale, during, prices and tax shares (inputs applied in
 * their order, as soem_uset_apply does) less the base terms. */
static void fast_sched_delta(struct soem_fast *f, struct fast_svc *s,
			     const double *x)
{
	const soem_pservice *sv = &f->pb->services[s->k];
	const soem_uinput *in = f->u->in;
	double scale = sv->scale, during = sv->during, sign = sv->sign;
	size_t P = f->P, C = f->C, H = f->H;

	if (sv->nyears)
		memcpy(s->dl, sv->delta, sv->nyears * sizeof(double));
	memcpy(s->pt, sv->price_t, H * P * sizeof(double));
	for (size_t m = 0; m < s->nin; m++) {
		const soem_uinput *i = &in[s->in[m]];
		double v = x[s->in[m]];

		switch (i->kind) {
		case SOEM_U_DELTA:
			if (i->j < sv->nyears)
				s->dl[i->j] = v;
			break;
		case SOEM_U_DURING:
			during = v;
			break;
		case SOEM_U_SCALE:
			scale = v;
			break;
		case SOEM_U_PRICE:
			if (i->j < P)
				for (size_t t = 0; t < H; t++)
					s->pt[t * P + i->j] = v * i->factor;
			break;
		case SOEM_U_SCHED:
			for (int t = i->t0 < 0 ? 0 : i->t0;
			     i->j < P && t <= i->t1 && t < (int)H; t++)
				s->pt[(size_t)t * P + i->j] = v * i->factor;
			break;
		default:
			break;
		}
	}
	fast_net_prices_t(f, s->pt, sv->tax, s->tin, x, s->et);
	for (size_t p = 0; p < P; p++)
		for (size_t c = 0; c < C; c++) {
			double a, b, br;

			fast_sched_terms(f, sv, s->et, s->dl, scale, during, p,
					 c, &a, &b, &br);
			f->sag[p * C + c] += sign * (a - s->bs0[p * C + c]);
			f->sdd[p * C + c] += sign * (b - s->bdd0[p * C + c]);
			if (f->sddr)
				f->sddr[p * C + c] +=
					sign * (br - s->bddr0[p * C + c]);
		}
}

static void fast_svc_delta(struct soem_fast *f, struct fast_svc *s,
			   const double *x)
{
	const soem_pservice *sv = &f->pb->services[s->k];
	const soem_uinput *in = f->u->in;
	double scale = sv->scale, during = sv->during, sign = sv->sign;
	const double *g2 = s->g;
	size_t P = f->P, C = f->C;

	if (s->has_delta) {
		for (size_t c = 0; c < C; c++)
			s->g2[c] = s->g[c];
		g2 = s->g2;
	}
	for (size_t m = 0; m < s->nin; m++) {
		size_t n = s->in[m];

		switch (in[n].kind) {
		case SOEM_U_DELTA:
			if (in[n].j < f->H) {
				double dx = x[n] - sv->delta[in[n].j];
				const double *w = f->w + in[n].j;

				size_t gk = fast_svc_group(f->pb, sv);

				for (size_t c = 0; c < C; c++)
					if (f->cg[c] == gk)
						s->g2[c] += w[c * f->H] * dx;
			}
			break;
		case SOEM_U_DURING:
			during = x[n];
			break;
		case SOEM_U_SCALE:
			scale = x[n];
			break;
		default:
			break;
		}
	}
	for (size_t p = 0; p < P; p++) {
		size_t n = s->pin[p];

		s->pr[p] = n == NO_INPUT ? sv->price[p] : x[n] * in[n].factor;
	}
	if (s->taxed)
		fast_net_prices(P, s->pr, sv->tax, s->tin, x, s->ef);
	for (size_t p = 0; p < P; p++) {
		double price = s->taxed ? s->ef[p] : s->pr[p];
		double ps = price * scale;
		const double *restrict b0 = s->b0 + p * C;
		const double *restrict g = g2;
		double *restrict sag = f->sag + p * C;
		size_t c = 0;

		/* two at a time: the same operations on each element */
		for (; c + 1 < C; c += 2) {
			double t0 = sign * (ps * g[c] - b0[c]);
			double t1 = sign * (ps * g[c + 1] - b0[c + 1]);

			sag[c] += t0;
			sag[c + 1] += t1;
		}
		for (; c < C; c++)
			sag[c] += sign * (ps * g[c] - b0[c]);
		f->sbd[fast_svc_group(f->pb, sv) * P + p] +=
			sign * (price * during - s->bd0[p]);
	}
}

void soem_fast_pv(soem_fast *f, const double *x, double *pv)
{
	const soem_problem *pb = f->pb;
	const soem_uset *u = f->u;
	size_t P = f->P, C = f->C, G = f->G;
	double total = 0;

	for (size_t g = 0; g < G; g++) {
		/* the group's s (the one group: the problem's), p1 and p0 */
		bool one = pb->ngroups == 0;
		double s = one ? pb->s : pb->groups[g].s;
		double p1 = one ? u->p1 : u->ng == G ? u->gp1[g] : 0;
		double p0 = one ? u->p0 : u->ng == G ? u->gp0[g] : 0;

		if (f->gin_s[g] != NO_INPUT)
			s = x[f->gin_s[g]];
		if (f->gin_p1[g] != NO_INPUT)
			p1 = x[f->gin_p1[g]];
		if (f->gin_p0[g] != NO_INPUT)
			p0 = x[f->gin_p0[g]];
		if (f->gin_p1[g] != NO_INPUT || f->gin_p0[g] != NO_INPUT)
			s = p1 - p0;
		f->gs[g] = s;
		if (f->gin_c[g] != NO_INPUT)
			f->gcm[g] = x[f->gin_c[g]];
	}
	for (size_t c = 0; c < C; c++)
		f->nc[c] = f->cin[c] == NO_INPUT ? f->cn[c] : x[f->cin[c]];
	memcpy(f->sag, f->ag, P * C * sizeof(double));
	memcpy(f->scq, f->cq, P * C * sizeof(double));
	memcpy(f->sbd, f->bd, P * G * sizeof(double));
	memcpy(f->sc0, f->c0, P * sizeof(double));
	if (f->has_sched)
		memcpy(f->sdd, f->dd, P * C * sizeof(double));
	if (f->cqr) {
		memcpy(f->scqr, f->cqr, P * C * sizeof(double));
		memcpy(f->sddr, f->ddr, P * C * sizeof(double));
	}
	for (size_t i = 0; i < f->nsv; i++) {
		if (f->sv[i].pt)
			fast_sched_delta(f, &f->sv[i], x);
		else
			fast_svc_delta(f, &f->sv[i], x);
	}
	for (size_t i = 0; i < f->ncost; i++) {
		const struct fast_cost *fc = &f->cost[i];
		const soem_pcost *co = &pb->costs[fc->i];
		double a = x[fc->input] * u->in[fc->input].factor;
		double da = co->saved ? -(a - co->amount) : a - co->amount;

		if (co->split) {
			for (size_t p = 0; p < P; p++) {
				double ds = da * co->split[p];

				for (size_t c = 0; c < C; c++)
					f->scq[p * C + c] += ds * fc->q[c];
				for (size_t c = 0; f->scqr && c < C; c++)
					f->scqr[p * C + c] += ds * fc->qr[c];
				f->sc0[p] += ds * fc->q0;
			}
			continue;
		}
		for (size_t c = 0; c < C; c++)
			f->scq[co->payer * C + c] += da * fc->q[c];
		for (size_t c = 0; f->scqr && c < C; c++)
			f->scqr[co->payer * C + c] += da * fc->qr[c];
		f->sc0[co->payer] += da * fc->q0;
	}
	if (f->in_comp != NO_INPUT) {
		/* a draw of completion: hc and the costs that count N c at
		 * the draw's c (SPEC §2.9) */
		for (size_t c = 0; c < C; c++)
			f->hcd[c] = f->hc1[c] + f->gcm[f->cg[c]] * f->hcr[c];
		for (size_t p = 0; p < P; p++) {
			double v = -f->sc0[p];

			for (size_t c = 0; c < C; c++) {
				size_t g = f->cg[c];
				double cm = f->gcm[g];

				v += f->nc[c] * (f->gs[g] * f->sag[p * C + c] +
						 f->hcd[c] * f->sbd[g * P + p] -
						 (f->scq[p * C + c] +
						  cm * f->scqr[p * C + c]));
			}
			for (size_t c = 0; f->has_sched && c < C; c++)
				v += f->nc[c] * (f->sdd[p * C + c] +
						 f->gcm[f->cg[c]] *
							 f->sddr[p * C + c]);
			pv[p] = v;
			total += v;
		}
		pv[P] = total;
		return;
	}
	for (size_t p = 0; p < P; p++) {
		double v = -f->sc0[p];

		for (size_t c = 0; c < C; c++)
			v += f->nc[c] * (f->gs[f->cg[c]] * f->sag[p * C + c] +
					 f->hc[c] * f->sbd[f->cg[c] * P + p] -
					 f->scq[p * C + c]);
		/* a schedule's during terms (a separate sum, so that a
		 * problem without schedules keeps its last digits) */
		for (size_t c = 0; f->has_sched && c < C; c++)
			v += f->nc[c] * f->sdd[p * C + c];
		pv[p] = v;
		total += v;
	}
	pv[P] = total;
}

/* ------------------------------------------------------------------ */
/* Sensitivity. */

static int sens_cmp(const void *a, const void *b)
{
	const soem_sens_row *x = a, *y = b;
	double sx = fabs(x->pv_high - x->pv_low);
	double sy = fabs(y->pv_high - y->pv_low);

	if (sx > sy)
		return -1;
	if (sx < sy)
		return 1;
	return x->input < y->input ? -1 : x->input > y->input;
}

/* The total PV of net with the inputs at x: by the fast path when there
 * is one, else by the whole model on the clone cl. */
static double sens_pv(soem_fast *fast, const soem_uset *u, soem_problem *cl,
		      const double *x, double *pv)
{
	if (fast) {
		soem_fast_pv(fast, x, pv);
		return pv[fast->P];
	}
	soem_uset_apply(u, cl, x);
	return soem_pv_net(cl, pv);
}

void soem_sens_run(const soem_problem *pb, const soem_uset *u,
		   soem_sens *out)
{
	size_t w = pb->npayers + 1;
	double *x = xcalloc(u->n ? u->n : 1, sizeof(double));
	double *pv = xcalloc(w, sizeof(double));
	soem_fast *fast;
	soem_problem cl;

	memset(out, 0, sizeof *out);
	out->pv_base = soem_pv_net(pb, NULL);
	if (u->n == 0) {
		free(x);
		free(pv);
		return;
	}
	out->row = xcalloc(u->n, sizeof *out->row);
	out->n = u->n;
	/* Where the net is linear in every input, the Monte Carlo's fast path
	 * gives the same present values without recomputing the model twice
	 * per input (issue 18: the tornado cost 2.4 times the draws). */
	fast = soem_fast_new(pb, u);
	if (!fast)
		soem_problem_clone(pb, &cl);
	soem_uset_values(u, x);
	for (size_t i = 0; i < u->n; i++) {
		soem_sens_row *r = &out->row[i];

		r->input = i;
		r->low = u->in[i].low;
		r->high = u->in[i].high;
		x[i] = r->low;
		r->pv_low = sens_pv(fast, u, &cl, x, pv);
		x[i] = r->high;
		r->pv_high = sens_pv(fast, u, &cl, x, pv);
		x[i] = u->in[i].value;
	}
	if (fast)
		soem_fast_free(&fast);
	else
		soem_problem_clone_free(&cl);
	qsort(out->row, out->n, sizeof *out->row, sens_cmp);
	free(x);
	free(pv);
}

void soem_sens_free(soem_sens *s)
{
	free(s->row);
	s->row = NULL;
	s->n = 0;
}

/* ------------------------------------------------------------------ */
/* Monte Carlo. */

double soem_quantile7(const double *x, size_t n, double p)
{
	double h, lo;
	size_t i;

	if (n == 0)
		return NAN;
	h = (double)(n - 1) * p;
	lo = floor(h);
	i = (size_t)lo;
	if (i + 1 >= n)
		return x[n - 1];
	return x[i] + (h - lo) * (x[i + 1] - x[i]);
}

/* Puts the k-th smallest of a[0..n-1] (0-based) at a[k], with no larger
 * value before it and no smaller after it, in expected linear time
 * (Hoare's FIND with Wirth's loop; the pivot is the median of the first,
 * middle and last value of the range, so sorted and constant columns are
 * not the worst case).  Order statistics do not depend on how they are
 * found: the percentiles equal those of a full sort, digit for digit.
 * Values must not be NaN (soem_mc_run keeps NaN out). */
static void mc_select(double *a, size_t n, size_t k)
{
	ptrdiff_t l = 0, m = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;

	while (l < m) {
		double x1 = a[l], x2 = a[l + (m - l) / 2], x3 = a[m], x;
		ptrdiff_t i = l, j = m;

		x = x1 < x2 ? (x2 < x3 ? x2 : (x1 < x3 ? x3 : x1))
			    : (x1 < x3 ? x1 : (x2 < x3 ? x3 : x2));
		do {
			while (a[i] < x)
				i++;
			while (x < a[j])
				j--;
			if (i <= j) {
				double t = a[i];

				a[i] = a[j];
				a[j] = t;
				i++;
				j--;
			}
		} while (i <= j);
		if (j < kk)
			l = i;
		if (kk < i)
			m = j;
	}
}

/* R's type-7 percentile p of a[0..n-1], which it reorders: only the two
 * order statistics the interpolation needs are found.  Everything from
 * index *from on is still unordered; the search starts there, so asking
 * for p in increasing order costs O(n) in all. */
static double mc_percentile(double *a, size_t n, double p, size_t *from)
{
	double h = (double)(n - 1) * p, lo = floor(h), next;
	size_t i = (size_t)lo;

	mc_select(a + *from, n - *from, i - *from);
	*from = i;
	if (i + 1 >= n)
		return a[i];
	next = a[i + 1];
	for (size_t j = i + 2; j < n; j++)
		if (a[j] < next)
			next = a[j];
	return a[i] + (h - lo) * (next - a[i]);
}

static void mc_alloc(soem_mc *m, size_t w, long draws)
{
	m->mean = xcalloc(w, sizeof(double));
	m->sd = xcalloc(w, sizeof(double));
	m->p5 = xcalloc(w, sizeof(double));
	m->p50 = xcalloc(w, sizeof(double));
	m->p95 = xcalloc(w, sizeof(double));
	m->share_positive = xcalloc(w, sizeof(double));
	m->total = xcalloc((size_t)draws, sizeof(double));
}

void soem_quantiles7(double *x, size_t n, const double *p, size_t np,
		     double *out)
{
	size_t from = 0;

	for (size_t k = 0; k < np; k++)
		out[k] = n ? mc_percentile(x, n, p[k], &from) : NAN;
}

/* Statistics of column col[0..n-1] into entry p (reorders col). */
static void mc_stats(soem_mc *m, size_t p, double *col, size_t n)
{
	double sum = 0, ss = 0, mean;
	size_t pos = 0;

	for (size_t i = 0; i < n; i++) {
		sum += col[i];
		pos += col[i] > 0;
	}
	mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (col[i] - mean) * (col[i] - mean);
	m->mean[p] = mean;
	m->sd[p] = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
	m->share_positive[p] = (double)pos / (double)n;
	{
		static const double ps[3] = {0.05, 0.50, 0.95};
		double q[3];

		soem_quantiles7(col, n, ps, 3, q);
		m->p5[p] = q[0];
		m->p50[p] = q[1];
		m->p95[p] = q[2];
	}
}

int soem_mc_run(const soem_problem *pb, const soem_uset *u, long draws,
		uint64_t seed, soem_mc *out)
{
	size_t w = pb->npayers + 1, n = (size_t)draws;
	double *x, *pv, *cols;
	soem_fast *fast;
	soem_problem cl;
	soem_rng rng;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (draws <= 0 || soem_problem_check(pb, NULL))
		return 1;
	out->draws = draws;
	out->seed = seed;
	out->npayers = pb->npayers;
	x = xcalloc(u->n ? u->n : 1, sizeof(double));
	pv = xcalloc(w, sizeof(double));
	cols = xcalloc(n * w, sizeof(double));
	fast = soem_fast_new(pb, u);
	out->fast = fast != NULL;
	if (!fast)
		soem_problem_clone(pb, &cl);
	soem_rng_seed(&rng, seed);
	for (size_t d = 0; d < n; d++) {
		for (size_t i = 0; i < u->n; i++)
			x[i] = soem_uinput_quantile(&u->in[i],
						    soem_rng_u(&rng));
		if (fast) {
			soem_fast_pv(fast, x, pv);
		} else {
			soem_uset_apply(u, &cl, x);
			soem_pv_net(&cl, pv);
		}
		for (size_t p = 0; p < w; p++) {
			if (!isfinite(pv[p]))
				rc = 1;
			cols[p * n + d] = pv[p];
		}
	}
	if (fast)
		soem_fast_free(&fast);
	else
		soem_problem_clone_free(&cl);
	if (!rc) {
		mc_alloc(out, w, draws);
		memcpy(out->total, cols + (w - 1) * n, n * sizeof(double));
		for (size_t p = 0; p < w; p++)
			mc_stats(out, p, cols + p * n, n);
	} else {
		out->draws = 0;
	}
	free(cols);
	free(pv);
	free(x);
	return rc;
}

void soem_mc_free(soem_mc *m)
{
	free(m->mean);
	free(m->sd);
	free(m->p5);
	free(m->p50);
	free(m->p95);
	free(m->share_positive);
	free(m->total);
	memset(m, 0, sizeof *m);
}
