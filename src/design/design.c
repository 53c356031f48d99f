/* design.c - planning an experiment (SPEC §2.8); see design.h.
 *
 * Choices where SPEC.md is silent:
 *  - Power counts one tail only, as R's power.prop.test does by default
 *    (the opposite tail adds well under 1e-6 at the sizes that matter).
 *  - With the continuity correction, the power for a given n and the
 *    detectable p1 use the uncorrected n that the correction maps to n.
 *  - Sizes are rounded up forgiving 1e-9 relative (40 / 0.8 is 50, not 51).
 *  - Subgroups use f * n_control (unrounded, before the design effect and
 *    attrition) per control group and the same power, ratio and correction.
 */
#include "config.h"

#include "design/design.h"

#include <math.h>
#include <stdlib.h>

#include "util/i18n.h"
#include "util/xalloc.h"

/* Horner: c[0] r^7 + c[1] r^6 + ... + c[7]. */
static double design_poly(const double *c, double r)
{
	double v = c[0];

	for (int i = 1; i < 8; i++)
		v = v * r + c[i];
	return v;
}

/* Wichura, M. J. (1988), Algorithm AS241, Applied Statistics 37:477-484:
 * PPND16, accurate to about 1e-16; R's qnorm uses the same algorithm. */
double soem_qnorm(double p)
{
	static const double a[8] = {
		2.5090809287301226727e+3, 3.3430575583588128105e+4,
		6.7265770927008700853e+4, 4.5921953931549871457e+4,
		1.3731693765509461125e+4, 1.9715909503065514427e+3,
		1.3314166789178437745e+2, 3.3871328727963666080e+0,
	};
	static const double b[8] = {
		5.2264952788528545610e+3, 2.8729085735721942674e+4,
		3.9307895800092710610e+4, 2.1213794301586595867e+4,
		5.3941960214247511077e+3, 6.8718700749205790830e+2,
		4.2313330701600911252e+1, 1.0,
	};
	static const double c[8] = {
		7.74545014278341407640e-4, 2.27238449892691845833e-2,
		2.41780725177450611770e-1, 1.27045825245236838258e+0,
		3.64784832476320460504e+0, 5.76949722146069140550e+0,
		4.63033784615654529590e+0, 1.42343711074968357734e+0,
	};
	static const double d[8] = {
		1.05075007164441684324e-9, 5.47593808499534494600e-4,
		1.51986665636164571966e-2, 1.48103976427480074590e-1,
		6.89767334985100004550e-1, 1.67638483018380384940e+0,
		2.05319162663775882187e+0, 1.0,
	};
	static const double e[8] = {
		2.01033439929228813265e-7, 2.71155556874348757815e-5,
		1.24266094738807843860e-3, 2.65321895265761230930e-2,
		2.96560571828504891230e-1, 1.78482653991729133580e+0,
		5.46378491116411436990e+0, 6.65790464350110377720e+0,
	};
	static const double f[8] = {
		2.04426310338993978564e-15, 1.42151175831644588870e-7,
		1.84631831751005468180e-5, 7.86869131145613259100e-4,
		1.48753612908506148525e-2, 1.36929880922735805310e-1,
		5.99832206555887937690e-1, 1.0,
	};
	double q, r, x;

	if (isnan(p) || p < 0 || p > 1)
		return NAN;
	if (p == 0)
		return -INFINITY;
	if (p == 1)
		return INFINITY;
	q = p - 0.5;
	if (fabs(q) <= 0.425) {
		r = 0.180625 - q * q;
		return q * design_poly(a, r) / design_poly(b, r);
	}
	r = sqrt(-log(q < 0 ? p : 1 - p));
	if (r <= 5) {
		r -= 1.6;
		x = design_poly(c, r) / design_poly(d, r);
	} else {
		r -= 5;
		x = design_poly(e, r) / design_poly(f, r);
	}
	return q < 0 ? -x : x;
}

double soem_pnorm(double x)
{
	return 0.5 * erfc(-x / M_SQRT2);
}

static bool design_share(double p)
{
	return p >= 0 && p <= 1;
}

/* The two standard deviations of the power equation for n = 1:
 * under H0 sqrt((1 + 1/k) pbar qbar), under H1 sqrt(p0 q0 + p1 q1 / k). */
static void design_sds(double p0, double p1, double k, double *sd0,
		       double *sd1)
{
	double pbar = (p0 + k * p1) / (1 + k);

	*sd0 = sqrt((1 + 1 / k) * pbar * (1 - pbar));
	*sd1 = sqrt(p0 * (1 - p0) + p1 * (1 - p1) / k);
}

double soem_design_cc(double n, double delta, double ratio)
{
	double d = fabs(delta);
	double r;

	if (!(n > 0) || !(d > 0))
		return n;
	r = 1 + sqrt(1 + 2 * (ratio + 1) / (n * ratio * d));
	return n / 4 * r * r;
}

double soem_design_uncc(double ncc, double delta, double ratio)
{
	/* n' = n/4 (1 + sqrt(1 + A/n))^2 with A = 2(k+1)/(k|delta|) gives
	 * sqrt(n) = (4n' - A) / (4 sqrt(n')). */
	double d = fabs(delta);
	double a, x;

	if (!(ncc > 0) || !(d > 0))
		return ncc;
	a = 2 * (ratio + 1) / (ratio * d);
	x = (4 * ncc - a) / (4 * sqrt(ncc));
	return x > 0 ? x * x : 0;
}

double soem_design_n(double p0, double p1, double alpha, double power,
		     double ratio, bool cc)
{
	double za, zb, sd0, sd1, delta, root, n;

	if (!design_share(p0) || !design_share(p1) || p0 == p1 ||
	    !(alpha > 0 && alpha < 1) || !(power > 0 && power < 1) ||
	    !(ratio > 0) || !isfinite(ratio))
		return NAN;
	za = soem_qnorm(1 - alpha / 2);
	zb = soem_qnorm(power);
	design_sds(p0, p1, ratio, &sd0, &sd1);
	delta = p1 - p0;
	root = za * sd0 + zb * sd1;
	n = root * root / (delta * delta);
	return cc ? soem_design_cc(n, delta, ratio) : n;
}

double soem_design_power(double n, double p0, double p1, double alpha,
			 double ratio, bool cc)
{
	double za, sd0, sd1, delta, neff, num;

	if (!design_share(p0) || !design_share(p1) ||
	    !(alpha > 0 && alpha < 1) || !(n > 0) || !(ratio > 0) ||
	    !isfinite(ratio))
		return NAN;
	delta = fabs(p1 - p0);
	neff = cc ? soem_design_uncc(n, delta, ratio) : n;
	za = soem_qnorm(1 - alpha / 2);
	design_sds(p0, p1, ratio, &sd0, &sd1);
	num = sqrt(neff) * delta - za * sd0;
	if (sd1 == 0)
		return num > 0 ? 1 : num < 0 ? 0 : 0.5;
	return soem_pnorm(num / sd1);
}

double soem_design_detectable(double n, double p0, double alpha,
			      double power, double ratio, bool cc)
{
	double lo = p0, hi = 1;

	if (!design_share(p0) || p0 >= 1 || !(power > 0 && power < 1) ||
	    !(n > 0))
		return NAN;
	if (!(soem_design_power(n, p0, hi, alpha, ratio, cc) >= power))
		return NAN;
	/* power(lo) < power <= power(hi): halve until the bracket is at
	 * the resolution of doubles near p1. */
	for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
		double mid = lo + (hi - lo) / 2;

		if (mid <= lo || mid >= hi)
			break;
		if (soem_design_power(n, p0, mid, alpha, ratio, cc) >= power)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

long soem_design_ceil(double x)
{
	double y = x - 1e-9 * fmax(1, fabs(x));

	if (!isfinite(x) || x >= 9e15)
		return -1;
	return (long)ceil(y);
}

long soem_design_enrol(double n, double deff, double attrition, long *group)
{
	long g = soem_design_ceil(n * deff);

	if (group)
		*group = g;
	if (g < 0 || !(attrition >= 0 && attrition < 1))
		return -1;
	return soem_design_ceil((double)g / (1 - attrition));
}

double soem_design_recruited(const soem_site *s, size_t n, double scale,
			     double t)
{
	double r = 0;

	for (size_t i = 0; i < n; i++) {
		double rate = s[i].inflow * scale * s[i].consent / 12;

		if (t > s[i].delay)
			r += rate * (t - s[i].delay);
	}
	return r;
}

long soem_design_months(const soem_site *s, size_t n, double scale,
			double total)
{
	double rate = 0, delay = 0, top;
	long lo, hi;

	for (size_t i = 0; i < n; i++) {
		rate += s[i].inflow * scale * s[i].consent / 12;
		delay = fmax(delay, s[i].delay);
	}
	if (total <= 0)
		return 0;
	if (!(rate > 0))
		return -1;
	/* All sites have started after `delay` months; from then on the
	 * rate is the full one, so this bound is always enough. */
	top = ceil(delay + total / rate) + 1;
	if (!(top < 1e9))
		return -1;
	lo = 0;
	hi = (long)top;
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;

		if (soem_design_recruited(s, n, scale, (double)mid) >=
		    total * (1 - 1e-12))
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

double soem_design_site_months(const soem_site *s, double scale, double min)
{
	double rate = s->inflow * scale * s->consent / 12;

	if (!(rate > 0))
		return NAN;
	return min / rate + s->delay;
}

void soem_wilson(long x, long n, double z, double *lo, double *hi)
{
	double nn = (double)n, xx = (double)x, z2 = z * z;
	double centre = (xx + z2 / 2) / (nn + z2);
	double half = z * sqrt(xx * (nn - xx) / nn + z2 / 4) / (nn + z2);

	*lo = fmax(0, centre - half);
	*hi = fmin(1, centre + half);
	/* Exactly 0 and 1 where the counts are: no rounding leftovers. */
	if (x == 0)
		*lo = 0;
	if (x == n)
		*hi = 1;
}

void soem_newcombe(long xt, long nt, long xc, long nc, double level,
		   double *diff, double *lo, double *hi)
{
	double z = soem_qnorm(1 - (1 - level) / 2);
	double p1 = (double)xt / (double)nt, p0 = (double)xc / (double)nc;
	double l1, u1, l0, u0, d = p1 - p0;

	soem_wilson(xt, nt, z, &l1, &u1);
	soem_wilson(xc, nc, z, &l0, &u0);
	if (diff)
		*diff = d;
	if (lo)
		*lo = d - sqrt((p1 - l1) * (p1 - l1) + (u0 - p0) * (u0 - p0));
	if (hi)
		*hi = d + sqrt((u1 - p1) * (u1 - p1) + (p0 - l0) * (p0 - l0));
}

/* ------------------------------------------------------------------ */

void soem_design_in_init(soem_design_in *in)
{
	*in = (soem_design_in){
		.alpha = 0.05, .power = 0.8, .ratio = 1, .p0 = NAN, .p1 = NAN,
		.n = NAN, .deff = 1, .inflow_scale = 1, .level = 0.95,
	};
}

void soem_design_in_free(soem_design_in *in)
{
	for (size_t i = 0; i < in->nsites; i++)
		free(in->sites[i].name);
	free(in->sites);
	free(in->sub);
	in->sites = NULL;
	in->sub = NULL;
	in->nsites = in->nsub = 0;
}

static bool design_open01(double x)
{
	return x > 0 && x < 1;
}

const char *soem_design_check(const soem_design_in *in)
{
	if (!design_open01(in->alpha))
		return N_("the significance level (alpha) must lie between 0 and 1, e.g. 0.05");
	if (!design_open01(in->power))
		return N_("the power must lie between 0 and 1, e.g. 0.8");
	if (!(in->ratio > 0) || !isfinite(in->ratio))
		return N_("the allocation ratio must be a positive number (treated per control)");
	if (!(in->attrition >= 0 && in->attrition < 1))
		return N_("the attrition must be a share from 0 up to (not including) 1");
	if (!(in->deff > 0) || !isfinite(in->deff))
		return N_("the design effect must be a positive number (1 without clustering)");
	if (!(in->inflow_scale >= 0) || !isfinite(in->inflow_scale))
		return N_("the inflow scale must be 0 or more (0.5 halves every inflow)");
	if (!design_open01(in->level))
		return N_("the confidence level must lie between 0 and 1, e.g. 0.95");
	if (in->problem != SOEM_DESIGN_NONE && !(in->p0 >= 0 && in->p0 < 1))
		return N_("p0 must be a share from 0 up to (not including) 1");
	if ((in->problem == SOEM_DESIGN_SIZE ||
	     in->problem == SOEM_DESIGN_POWER) &&
	    !(in->p1 >= 0 && in->p1 <= 1))
		return N_("p1 must be a share between 0 and 1");
	if ((in->problem == SOEM_DESIGN_SIZE ||
	     in->problem == SOEM_DESIGN_POWER) && in->p1 == in->p0)
		return N_("p1 must differ from p0: there is no effect to detect");
	if ((in->problem == SOEM_DESIGN_POWER ||
	     in->problem == SOEM_DESIGN_P1) &&
	    (!(in->n > 0) || !isfinite(in->n)))
		return N_("n (people per control group) must be a positive number");
	if (in->problem == SOEM_DESIGN_P1 && !(in->power > in->alpha / 2))
		return N_("the power must exceed half the significance level");
	for (size_t i = 0; i < in->nsites; i++) {
		const soem_site *s = &in->sites[i];

		if (!(s->inflow >= 0) || !isfinite(s->inflow))
			return N_("a site's yearly inflow must be 0 or more");
		if (!(s->consent >= 0 && s->consent <= 1))
			return N_("a site's consent share must lie between 0 and 1");
		if (!(s->delay >= 0) || !isfinite(s->delay))
			return N_("a site's start delay must be 0 or more months");
	}
	if (in->has_site_min &&
	    (!(in->site_min > 0) || !isfinite(in->site_min)))
		return N_("the per-site minimum must be a positive number");
	for (size_t i = 0; i < in->nsub; i++)
		if (!(in->sub[i] > 0 && in->sub[i] <= 1))
			return N_("a subgroup share must lie above 0 and at most 1");
	if (in->has_counts &&
	    (in->n_t < 1 || in->n_c < 1 || in->x_t < 0 || in->x_c < 0 ||
	     in->x_t > in->n_t || in->x_c > in->n_c))
		return N_("the counts need 0 <= x <= n and n >= 1 in both groups");
	return NULL;
}

void soem_design_solve(const soem_design_in *in, soem_design_out *out)
{
	double k = in->ratio;

	*out = (soem_design_out){
		.power = in->power, .p1 = in->p1, .n_control = NAN,
		.n_treatment = NAN, .months = -1, .diff = NAN,
		.ci_low = NAN, .ci_high = NAN,
	};
	switch (in->problem) {
	case SOEM_DESIGN_SIZE:
		out->n_control = soem_design_n(in->p0, in->p1, in->alpha,
					       in->power, k, in->cc);
		break;
	case SOEM_DESIGN_POWER:
		out->n_control = in->n;
		out->power = soem_design_power(in->n, in->p0, in->p1,
					       in->alpha, k, in->cc);
		break;
	case SOEM_DESIGN_P1:
		out->n_control = in->n;
		out->p1 = soem_design_detectable(in->n, in->p0, in->alpha,
						 in->power, k, in->cc);
		break;
	case SOEM_DESIGN_NONE:
		break;
	}
	if (in->problem != SOEM_DESIGN_NONE) {
		out->n_treatment = k * out->n_control;
		out->enrol_control = soem_design_enrol(out->n_control, in->deff,
						       in->attrition,
						       &out->group_control);
		out->enrol_treatment =
			soem_design_enrol(out->n_treatment, in->deff,
					  in->attrition, &out->group_treatment);
		out->enrol_total = out->enrol_control + out->enrol_treatment;
		if (in->nsites) {
			out->has_months = true;
			out->months = soem_design_months(
				in->sites, in->nsites, in->inflow_scale,
				(double)out->enrol_total);
		}
		out->sub_p1 = xcalloc(in->nsub ? in->nsub : 1, sizeof(double));
		for (size_t i = 0; i < in->nsub; i++)
			out->sub_p1[i] = soem_design_detectable(
				in->sub[i] * out->n_control, in->p0, in->alpha,
				in->power, k, in->cc);
	}
	if (in->nsites && in->has_site_min) {
		out->site_months = xcalloc(in->nsites, sizeof(double));
		for (size_t i = 0; i < in->nsites; i++)
			out->site_months[i] = soem_design_site_months(
				&in->sites[i], in->inflow_scale, in->site_min);
	}
	if (in->has_counts) {
		soem_newcombe(in->x_t, in->n_t, in->x_c, in->n_c, in->level,
			      &out->diff, &out->ci_low, &out->ci_high);
		out->p1_obs = (double)in->x_t / (double)in->n_t;
		out->p0_obs = (double)in->x_c / (double)in->n_c;
	}
}

void soem_design_out_free(soem_design_out *out)
{
	free(out->site_months);
	free(out->sub_p1);
	out->site_months = NULL;
	out->sub_p1 = NULL;
}
