/* calc_edit.c - see calc_edit.h */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/calc_edit.h"
#include "yaml/ynode.h"
#include "model/problem.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* Messages with a number in them (the module is single-threaded, as the
 * wizard is). */
static char why_buf[256];

__attribute__((format(printf, 1, 2))) static const char *
why_fmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why_buf, sizeof why_buf, fmt, ap);
	va_end(ap);
	return why_buf;
}

static void set_why(const char **why, const char *msg)
{
	if (why)
		*why = msg;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

void soem_str_set(char **dst, const char *s)
{
	char *old = *dst;
	*dst = blank(s) ? NULL : xstrdup(s);
	free(old);
}

const char *soem_calc_note(const soem_calc *c, const char *step)
{
	for (size_t i = 0; i < c->nnotes; i++)
		if (c->notes[i].key && strcmp(c->notes[i].key, step) == 0)
			return c->notes[i].text;
	return NULL;
}

void soem_calc_set_note(soem_calc *c, const char *step, const char *text)
{
	for (size_t i = 0; i < c->nnotes; i++) {
		if (!c->notes[i].key || strcmp(c->notes[i].key, step) != 0)
			continue;
		if (blank(text)) {
			free(c->notes[i].key);
			free(c->notes[i].text);
			memmove(&c->notes[i], &c->notes[i + 1],
				(c->nnotes - i - 1) * sizeof *c->notes);
			c->nnotes--;
		} else {
			soem_str_set(&c->notes[i].text, text);
		}
		return;
	}
	if (blank(text))
		return;
	c->notes = xrealloc(c->notes, (c->nnotes + 1) * sizeof *c->notes);
	c->notes[c->nnotes].key = xstrdup(step);
	c->notes[c->nnotes].text = xstrdup(text);
	c->nnotes++;
}

bool soem_num_set(soem_num *n, double v, const char **why)
{
	if (!isfinite(v)) {
		set_why(why, _("expected a number"));
		return false;
	}
	if (n->ranged && (v < n->low || v > n->high)) {
		set_why(why, _("the value must lie within its range (low to high); change low or high first"));
		return false;
	}
	n->value = v;
	if (!n->ranged)
		n->low = n->high = v;
	return true;
}

bool soem_num_set_bound(soem_num *n, bool high, bool has, double v,
			const char **why)
{
	if (!has) {
		n->ranged = false;
		n->low = n->high = n->value;
		return true;
	}
	if (!isfinite(v)) {
		set_why(why, _("expected a number"));
		return false;
	}
	if (high ? v < n->value : v > n->value) {
		set_why(why, high ? _("high must not be below the value")
				  : _("low must not be above the value"));
		return false;
	}
	if (!n->ranged) {
		n->low = n->high = n->value;
		n->ranged = true;
	}
	if (high)
		n->high = v;
	else
		n->low = v;
	return true;
}

bool soem_calc_set_share_bound(soem_num *n, bool high, bool has, double v,
			       bool may_be_negative, const char **why)
{
	double lo = may_be_negative ? -1.0 : 0.0;
	if (has && (!isfinite(v) || v < lo || v > 1.0)) {
		set_why(why, may_be_negative
				     ? _("expected a share between -100 % and 100 %, e.g. 10 % or 0,10")
				     : _("expected a share between 0 % and 100 %, e.g. 12 % or 0,12"));
		return false;
	}
	return soem_num_set_bound(n, high, has, v, why);
}

/* ---------------------------------------------------------------------
 * Horizon, course, intake
 */

static int max_year_used(const soem_calc *c)
{
	int m = 1;
	for (size_t i = 0; i < c->nintake; i++)
		if (c->intake[i].year > m)
			m = c->intake[i].year;
	for (size_t i = 0; i < c->ncosts; i++) {
		const soem_cost_item *ci = &c->costs[i];
		for (size_t j = 0; j < ci->nyears; j++)
			if (ci->years[j] > m)
				m = ci->years[j];
		if (ci->from > m)
			m = ci->from;
		if (ci->to > m)
			m = ci->to;
	}
	for (size_t g = 0; g < c->ngroups; g++) {
		int gm = max_year_used(c->groups[g].sub);
		if (gm > m)
			m = gm;
	}
	return m;
}

bool soem_calc_set_horizon(soem_calc *c, int h, const char **why)
{
	if (h < 1 || h > SOEM_HORIZON_MAX) {
		set_why(why, why_fmt(_("the horizon is a whole number of years from 1 to %d"),
				     SOEM_HORIZON_MAX));
		return false;
	}
	int m = max_year_used(c);
	if (h < m) {
		set_why(why, why_fmt(_("year %d is in use (intake or costs); the horizon must be at least %d"),
				     m, m));
		return false;
	}
	c->horizon = h;
	for (size_t g = 0; g < c->ngroups; g++)
		c->groups[g].sub->horizon = h;
	return true;
}

bool soem_calc_set_course(soem_calc *c, int years, const char **why)
{
	if (years < 1 || years > 100) {
		set_why(why, _("the course length is a whole number of years, at least 1 (1 = it ends in the year it starts)"));
		return false;
	}
	c->course_years = years;
	return true;
}

static bool intake_ok(const soem_calc *c, int year, double n,
		      const char **why)
{
	if (year < 1 || year > c->horizon) {
		set_why(why, why_fmt(_("the year must lie within the horizon (1 to %d)"),
				     c->horizon));
		return false;
	}
	if (!isfinite(n) || n < 0) {
		set_why(why, _("the number of participants cannot be negative"));
		return false;
	}
	return true;
}

bool soem_calc_add_intake(soem_calc *c, int year, double n,
			  const char **why)
{
	if (!intake_ok(c, year, n, why))
		return false;
	for (size_t i = 0; i < c->nintake; i++)
		if (c->intake[i].year == year) {
			set_why(why, why_fmt(_("year %d already has participants: change that number instead"),
					     year));
			return false;
		}
	/* kept in year order */
	size_t at = c->nintake;
	while (at > 0 && c->intake[at - 1].year > year)
		at--;
	c->intake = xrealloc(c->intake, (c->nintake + 1) * sizeof *c->intake);
	memmove(&c->intake[at + 1], &c->intake[at],
		(c->nintake - at) * sizeof *c->intake);
	memset(&c->intake[at], 0, sizeof *c->intake);
	c->intake[at].year = year;
	c->intake[at].participants = soem_num_of(n);
	c->nintake++;
	return true;
}

bool soem_calc_set_intake(soem_calc *c, size_t i, double n,
			  const char **why)
{
	if (i >= c->nintake)
		return false;
	if (!isfinite(n) || n < 0) {
		set_why(why, _("the number of participants cannot be negative"));
		return false;
	}
	soem_num *p = &c->intake[i].participants;
	if (p->ranged && (n < p->low || n > p->high)) {
		set_why(why, _("the value must lie within its range (low to high); change low or high first"));
		return false;
	}
	return soem_num_set(p, n, why);
}

bool soem_calc_set_intake_bound(soem_calc *c, size_t i, bool high, bool has,
				double v, const char **why)
{
	if (i >= c->nintake)
		return false;
	if (has && (!isfinite(v) || v < 0)) {
		set_why(why, _("the number of participants cannot be negative"));
		return false;
	}
	return soem_num_set_bound(&c->intake[i].participants, high, has, v,
				  why);
}

bool soem_calc_set_intake_year(soem_calc *c, size_t i, int year,
			       const char **why)
{
	if (i >= c->nintake)
		return false;
	if (!intake_ok(c, year, 0, why))
		return false;
	for (size_t k = 0; k < c->nintake; k++)
		if (k != i && c->intake[k].year == year) {
			set_why(why, why_fmt(_("year %d already has participants: change that number instead"),
					     year));
			return false;
		}
	c->intake[i].year = year;
	return true;
}

bool soem_calc_delete_intake(soem_calc *c, size_t i, const char **why)
{
	if (i >= c->nintake)
		return false;
	if (c->nintake == 1) {
		set_why(why, _("a calculation needs at least one year with participants; set the number to 0 instead"));
		return false;
	}
	ynode_free(&c->intake[i].extra);
	memmove(&c->intake[i], &c->intake[i + 1],
		(c->nintake - i - 1) * sizeof *c->intake);
	c->nintake--;
	return true;
}

double soem_calc_participants(const soem_calc *c)
{
	double s = 0;
	for (size_t i = 0; i < c->nintake; i++)
		s += c->intake[i].participants.value;
	return s;
}

/* ---------------------------------------------------------------------
 * Target group and effect measure
 */

static void ref_set(soem_ref *r, const char *kb, const char *custom)
{
	free(r->kb);
	free(r->custom);
	r->kb = kb ? xstrdup(kb) : NULL;
	r->custom = custom ? xstrdup(custom) : NULL;
}

void soem_calc_set_target_kb(soem_calc *c, const soem_kb *kb, const char *id)
{
	ref_set(&c->target_group, id, NULL);
	c->has_target_group = true;
	size_t g = soem_kb_group_index(kb, id);
	if (c->effect.has_measure && c->effect.measure.kb &&
	    (g == SOEM_NPOS ||
	     soem_kb_measure_index(&kb->groups[g], c->effect.measure.kb) ==
		     SOEM_NPOS)) {
		ref_set(&c->effect.measure, NULL, NULL);
		c->effect.has_measure = false;
	}
}

void soem_calc_set_target_custom(soem_calc *c, const char *name)
{
	ref_set(&c->target_group, NULL, name);
	c->has_target_group = true;
}

void soem_calc_set_measure_kb(soem_calc *c, const char *id)
{
	ref_set(&c->effect.measure, id, NULL);
	c->effect.has_measure = true;
}

void soem_calc_set_measure_custom(soem_calc *c, const char *name)
{
	ref_set(&c->effect.measure, NULL, name);
	c->effect.has_measure = true;
}

const soem_kb_group *soem_calc_kb_group(const soem_calc *c, const soem_kb *kb)
{
	if (!c->has_target_group || !c->target_group.kb)
		return NULL;
	size_t g = soem_kb_group_index(kb, c->target_group.kb);
	return g == SOEM_NPOS ? NULL : &kb->groups[g];
}

const soem_kb_measure *soem_calc_kb_measure(const soem_calc *c,
					    const soem_kb *kb)
{
	const soem_kb_group *g = soem_calc_kb_group(c, kb);
	if (!g || !c->effect.has_measure || !c->effect.measure.kb)
		return NULL;
	size_t m = soem_kb_measure_index(g, c->effect.measure.kb);
	return m == SOEM_NPOS ? NULL : &g->measures[m];
}

const soem_kb_consequence *soem_calc_estimate(const soem_calc *c,
					      const soem_kb *kb, size_t k)
{
	const soem_kb_measure *m = soem_calc_kb_measure(c, kb);
	if (!m)
		return NULL;
	for (size_t i = 0; i < m->ncons; i++)
		if (m->cons[i].service == k)
			return &m->cons[i];
	return NULL;
}

void soem_calc_set_effect_direct(soem_calc *c, bool direct)
{
	soem_effect *e = &c->effect;
	double s = 0;
	bool have = soem_calc_success_rate(c, &s);
	if (direct) {
		if (e->has_success_rate)
			return;
		e->has_p1 = e->has_p0 = false;
		e->p1 = e->p0 = soem_num_of(0);
		e->experiment.present = false;
		e->has_success_rate = have;
		e->success_rate = soem_num_of(s);
	} else {
		if (!e->has_success_rate)
			return;
		e->has_success_rate = false;
		e->success_rate = soem_num_of(0);
		if (have && s >= 0) {
			e->has_p1 = e->has_p0 = true;
			e->p1 = soem_num_of(s);
			e->p0 = soem_num_of(0);
		}
	}
}

bool soem_calc_set_share(soem_num *n, double v, bool may_be_negative,
			 const char **why)
{
	double lo = may_be_negative ? -1.0 : 0.0;
	if (!isfinite(v) || v < lo || v > 1.0) {
		set_why(why, may_be_negative
				     ? _("expected a share between -100 % and 100 %, e.g. 10 % or 0,10")
				     : _("expected a share between 0 % and 100 %, e.g. 12 % or 0,12"));
		return false;
	}
	return soem_num_set(n, v, why);
}

bool soem_calc_set_experiment(soem_calc *c, long x_t, long n_t, long x_c,
			      long n_c, const char **why)
{
	if (n_t < 1 || n_c < 1) {
		set_why(why, n_t < 1 ? _("the treated group needs at least 1 participant")
				     : _("the control group needs at least 1 participant"));
		return false;
	}
	if (x_t < 0 || x_c < 0) {
		set_why(why, _("a count cannot be negative"));
		return false;
	}
	if (x_t > n_t) {
		set_why(why, why_fmt(_("%ld reached the effect measure, but the treated group has only %ld participants (n_t)"),
				     x_t, n_t));
		return false;
	}
	if (x_c > n_c) {
		set_why(why, why_fmt(_("%ld reached the effect measure, but the control group has only %ld participants (n_c)"),
				     x_c, n_c));
		return false;
	}
	soem_effect *e = &c->effect;
	soem_experiment *x = &e->experiment;
	x->present = true;
	x->x_t = x_t;
	x->n_t = n_t;
	x->x_c = x_c;
	x->n_c = n_c;
	e->has_success_rate = false;
	e->success_rate = soem_num_of(0);
	e->has_p1 = e->has_p0 = true;
	e->p1 = soem_num_of((double)x_t / (double)n_t);
	e->p0 = soem_num_of((double)x_c / (double)n_c);
	return true;
}

bool soem_calc_set_waiting(soem_calc *c, bool has, double months,
			   const char **why)
{
	soem_experiment *x = &c->effect.experiment;
	if (has && (!isfinite(months) || months < 0 || months > 1200)) {
		set_why(why, _("the waiting time is a number of months, 0 or more"));
		return false;
	}
	x->has_waiting = has;
	x->waiting_months = has ? months : 0;
	return true;
}

void soem_calc_clear_experiment(soem_calc *c)
{
	c->effect.experiment.present = false;
	c->effect.experiment.has_waiting = false;
	c->effect.experiment.waiting_months = 0;
}

/* ---------------------------------------------------------------------
 * Costs
 */

size_t soem_calc_add_cost(soem_calc *c, const soem_kb *kb)
{
	c->costs = xrealloc(c->costs, (c->ncosts + 1) * sizeof *c->costs);
	soem_cost_item *ci = &c->costs[c->ncosts];
	memset(ci, 0, sizeof *ci);
	ci->payer = xstrdup(kb->npayers ? kb->payers[0].id : "");
	ci->basis = SOEM_BASIS_PER_PARTICIPANT;
	ci->amount = soem_num_of(0);
	return c->ncosts++;
}

void soem_calc_delete_cost(soem_calc *c, size_t i)
{
	if (i >= c->ncosts)
		return;
	soem_cost_item *ci = &c->costs[i];
	free(ci->name);
	free(ci->payer);
	free(ci->years);
	free(ci->group);
	ynode_free(&ci->extra);
	memmove(ci, ci + 1, (c->ncosts - i - 1) * sizeof *ci);
	c->ncosts--;
}

/* Reads whole numbers separated by blanks, ',' or ';' from s. */
static bool read_years(const char *s, int *out, size_t max, size_t *n)
{
	*n = 0;
	while (*s) {
		if (isspace((unsigned char)*s) || *s == ',' || *s == ';') {
			s++;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			return false;
		long v = 0;
		while (isdigit((unsigned char)*s)) {
			v = v * 10 + (*s - '0');
			if (v > 100000)
				return false;
			s++;
		}
		if (*n >= max)
			return false;
		out[(*n)++] = (int)v;
	}
	return true;
}

bool soem_calc_set_cost_years(soem_calc *c, size_t i, const char *text,
			      const char **why)
{
	if (i >= c->ncosts)
		return false;
	soem_cost_item *ci = &c->costs[i];
	int y[SOEM_HORIZON_MAX];
	size_t n = 0;
	if (ci->basis == SOEM_BASIS_ONCE) {
		if (!read_years(text ? text : "", y, SOEM_HORIZON_MAX, &n) ||
		    n == 0) {
			set_why(why, _("expected the years of the payment, e.g. 1 or 1 3 5"));
			return false;
		}
		for (size_t k = 0; k < n; k++)
			if (y[k] < 1 || y[k] > c->horizon) {
				set_why(why, why_fmt(_("the year must lie within the horizon (1 to %d)"),
						     c->horizon));
				return false;
			}
		free(ci->years);
		ci->years = xcalloc(n, sizeof *ci->years);
		memcpy(ci->years, y, n * sizeof *y);
		ci->nyears = n;
		return true;
	}
	if (ci->basis == SOEM_BASIS_YEARLY) {
		int from = 0, to = 0;
		if (!blank(text)) {
			const char *dash = strchr(text, '-');
			if (!dash) {
				if (!read_years(text, y, 2, &n) || n != 1)
					goto bad;
				from = to = y[0];
			} else {
				char a[32], b[32];
				size_t la = (size_t)(dash - text);
				if (la >= sizeof a || strlen(dash + 1) >= sizeof b)
					goto bad;
				memcpy(a, text, la);
				a[la] = '\0';
				snprintf(b, sizeof b, "%s", dash + 1);
				size_t na, nb;
				if (!read_years(a, &from, 1, &na) ||
				    !read_years(b, &to, 1, &nb))
					goto bad;
				if (na == 0)
					from = 1;
				if (nb == 0)
					to = c->horizon;
			}
			if (from < 1 || to > c->horizon) {
				set_why(why, why_fmt(_("the year must lie within the horizon (1 to %d)"),
						     c->horizon));
				return false;
			}
			if (to < from) {
				set_why(why, _("the last year comes before the first year"));
				return false;
			}
		}
		ci->from = from <= 1 ? 0 : from;
		ci->to = to == c->horizon ? 0 : to;
		return true;
	bad:
		set_why(why, _("expected the years as first-last, e.g. 1-3 (empty: every year)"));
		return false;
	}
	set_why(why, _("this basis has no years: the cost follows the participants"));
	return false;
}

void soem_calc_set_cost_basis(soem_calc *c, size_t i, enum soem_basis b)
{
	if (i >= c->ncosts)
		return;
	soem_cost_item *ci = &c->costs[i];
	if (ci->basis == b)
		return;
	ci->basis = b;
	free(ci->years);
	ci->years = NULL;
	ci->nyears = 0;
	ci->from = ci->to = 0;
	if (b == SOEM_BASIS_ONCE) {
		ci->years = xcalloc(1, sizeof *ci->years);
		ci->years[0] = 1;
		ci->nyears = 1;
	}
}

bool soem_calc_set_cost_amount(soem_calc *c, size_t i, double v,
			       const char **why)
{
	if (i >= c->ncosts)
		return false;
	return soem_num_set(&c->costs[i].amount, v, why);
}

bool soem_calc_set_cost_bound(soem_calc *c, size_t i, bool high, bool has,
			      double v, const char **why)
{
	if (i >= c->ncosts)
		return false;
	soem_num *a = &c->costs[i].amount;
	if (has && isfinite(v) && (high ? v < a->value : v > a->value)) {
		set_why(why, high ? _("high must be at least the amount")
				  : _("low must be at most the amount"));
		return false;
	}
	return soem_num_set_bound(a, high, has, v, why);
}

/* ---------------------------------------------------------------------
 * Consequences
 */

size_t soem_calc_find_cons(const soem_calc *c, const char *service)
{
	for (size_t i = 0; i < c->ncons; i++)
		if (c->cons[i].service && strcmp(c->cons[i].service, service) == 0)
			return i;
	return SOEM_NPOS;
}

static size_t cons_append(soem_calc *c)
{
	c->cons = xrealloc(c->cons, (c->ncons + 1) * sizeof *c->cons);
	soem_consequence *q = &c->cons[c->ncons];
	memset(q, 0, sizeof *q);
	q->enabled = true;
	q->scale = soem_num_of(1.0);
	q->during = soem_num_of(0.0);
	return c->ncons++;
}

static void cons_copy_estimate(soem_consequence *q,
			       const soem_kb_consequence *e)
{
	free(q->years);
	q->nyears = e->nyears;
	q->years = xcalloc(e->nyears ? e->nyears : 1, sizeof *q->years);
	for (size_t j = 0; j < e->nyears; j++)
		q->years[j] = soem_num_of(e->years[j]);
	q->from_kb = true;
}

size_t soem_calc_use_service(soem_calc *c, const soem_kb *kb, const char *id)
{
	size_t i = soem_calc_find_cons(c, id);
	if (i != SOEM_NPOS) {
		c->cons[i].enabled = true;
		return i;
	}
	i = cons_append(c);
	c->cons[i].service = xstrdup(id);
	size_t k = soem_kb_service_index(kb, id);
	const soem_kb_consequence *e =
		k == SOEM_NPOS ? NULL : soem_calc_estimate(c, kb, k);
	if (e)
		cons_copy_estimate(&c->cons[i], e);
	return i;
}

bool soem_calc_set_cons_year(soem_calc *c, size_t i, size_t j, double v,
			     const char **why)
{
	if (i >= c->ncons)
		return false;
	if (j < 1 || j > SOEM_HORIZON_MAX) {
		set_why(why, why_fmt(_("the year must lie within the horizon (1 to %d)"),
				     SOEM_HORIZON_MAX));
		return false;
	}
	soem_consequence *q = &c->cons[i];
	if (j <= q->nyears)
		return soem_num_set(&q->years[j - 1], v, why);
	if (!isfinite(v)) {
		set_why(why, _("expected a number"));
		return false;
	}
	q->years = xrealloc(q->years, j * sizeof *q->years);
	for (size_t k = q->nyears; k < j; k++)
		q->years[k] = soem_num_of(0);
	q->years[j - 1] = soem_num_of(v);
	q->nyears = j;
	return true;
}

void soem_calc_set_cons_during(soem_calc *c, size_t i, bool has, double v)
{
	if (i >= c->ncons)
		return;
	c->cons[i].has_during = has;
	c->cons[i].during = soem_num_of(has ? v : 0.0);
}

bool soem_calc_set_cons_scale(soem_calc *c, size_t i, double v,
			      const char **why)
{
	if (i >= c->ncons)
		return false;
	soem_consequence *q = &c->cons[i];
	if (!soem_num_set(&q->scale, v, why))
		return false;
	q->has_scale = q->scale.ranged || q->scale.value != 1.0;
	return true;
}

bool soem_calc_set_cons_scale_bound(soem_calc *c, size_t i, bool high,
				    bool has, double v, const char **why)
{
	if (i >= c->ncons)
		return false;
	soem_consequence *q = &c->cons[i];
	if (!q->has_scale)
		q->scale = soem_num_of(1.0);
	if (!soem_num_set_bound(&q->scale, high, has, v, why))
		return false;
	q->has_scale = q->scale.ranged || q->scale.value != 1.0;
	return true;
}

/* A payer's price schedule (SPEC §2.9), freed. */
static void sched_free(soem_price_payer *pp)
{
	for (size_t j = 0; j < pp->nsched; j++)
		ynode_free(&pp->sched[j].extra);
	free(pp->sched);
	pp->sched = NULL;
	pp->nsched = 0;
}

static void price_entry_free(soem_price_entry *pe)
{
	free(pe->service);
	for (size_t i = 0; i < pe->n; i++) {
		free(pe->v[i].payer);
		sched_free(&pe->v[i]);
	}
	free(pe->v);
	ynode_free(&pe->extra);
}

static size_t price_find(const soem_calc *c, const char *service)
{
	for (size_t i = 0; i < c->nprices; i++)
		if (c->prices[i].service &&
		    strcmp(c->prices[i].service, service) == 0)
			return i;
	return SOEM_NPOS;
}

static void price_remove(soem_calc *c, size_t i)
{
	price_entry_free(&c->prices[i]);
	memmove(&c->prices[i], &c->prices[i + 1],
		(c->nprices - i - 1) * sizeof *c->prices);
	c->nprices--;
}

void soem_calc_remove_cons(soem_calc *c, size_t i)
{
	if (i >= c->ncons)
		return;
	soem_consequence *q = &c->cons[i];
	if (q->custom) {
		size_t p = price_find(c, q->service);
		if (p != SOEM_NPOS)
			price_remove(c, p);
	}
	free(q->service);
	free(q->cs.id);
	free(q->cs.name);
	free(q->cs.unit);
	free(q->cs.area);
	ynode_free(&q->cs.extra);
	free(q->years);
	ynode_free(&q->extra);
	memmove(q, q + 1, (c->ncons - i - 1) * sizeof *q);
	c->ncons--;
}

static enum soem_est_status est_status(const soem_calc *c, const soem_kb *kb)
{
	if (!c->has_target_group)
		return SOEM_EST_NO_GROUP;
	if (!c->target_group.kb)
		return SOEM_EST_CUSTOM_GROUP;
	if (!soem_calc_kb_group(c, kb))
		return SOEM_EST_NO_GROUP;
	if (!c->effect.has_measure)
		return SOEM_EST_NO_MEASURE;
	if (!c->effect.measure.kb)
		return SOEM_EST_CUSTOM_MEASURE;
	if (!soem_calc_kb_measure(c, kb))
		return SOEM_EST_NO_MEASURE;
	return SOEM_EST_OK;
}

enum soem_est_status soem_calc_add_estimates(soem_calc *c, const soem_kb *kb,
					     bool supported_only,
					     size_t *added, size_t *enabled)
{
	size_t na = 0, ne = 0;
	enum soem_est_status st = est_status(c, kb);
	if (st == SOEM_EST_OK) {
		const soem_kb_measure *m = soem_calc_kb_measure(c, kb);
		for (size_t i = 0; i < m->ncons; i++) {
			const soem_kb_consequence *e = &m->cons[i];
			if (supported_only && !e->supported)
				continue;
			const char *id = kb->services[e->service].id;
			size_t r = soem_calc_find_cons(c, id);
			if (r == SOEM_NPOS) {
				r = cons_append(c);
				c->cons[r].service = xstrdup(id);
				cons_copy_estimate(&c->cons[r], e);
				na++;
			} else if (!c->cons[r].enabled) {
				c->cons[r].enabled = true;
				ne++;
			}
		}
	}
	if (added)
		*added = na;
	if (enabled)
		*enabled = ne;
	return st;
}

/* An id from a name: lower-case ASCII letters and digits, '_' between
 * words ("Eget tilbud" -> "eget_tilbud", "Støtte" -> "stoette"); other
 * letters outside ASCII are dropped. */
static void make_id(const char *name, char *out, size_t size)
{
	/* the Nordic letters (UTF-8 C3 xx), lower case */
	static const struct { unsigned char b; const char *s; } nordic[] = {
		{ 0xA6, "ae" }, { 0x86, "ae" }, { 0xB8, "oe" }, { 0x98, "oe" },
		{ 0xA5, "aa" }, { 0x85, "aa" }, { 0xA4, "a" }, { 0x84, "a" },
		{ 0xB6, "o" }, { 0x96, "o" }, { 0xA9, "e" }, { 0x89, "e" },
		{ 0xBC, "u" }, { 0x9C, "u" },
	};
	size_t n = 0;
	bool sep = false;
	for (const unsigned char *p = (const unsigned char *)name;
	     *p && n + 4 < size; p++) {
		const char *t = NULL;
		char one[2] = { 0, 0 };
		if (isalnum(*p) && *p < 0x80) {
			one[0] = (char)tolower(*p);
			t = one;
		} else if (*p == 0xC3 && p[1]) {
			for (size_t i = 0; i < sizeof nordic / sizeof nordic[0]; i++)
				if (nordic[i].b == p[1])
					t = nordic[i].s;
			p++;
		} else if (*p < 0x80) {
			sep = true;
		}
		if (!t)
			continue;
		if (sep && n > 0)
			out[n++] = '_';
		for (; *t && n + 2 < size; t++)
			out[n++] = *t;
		sep = false;
	}
	out[n] = '\0';
	if (n == 0)
		snprintf(out, size, "%s", "own_service");
}

/* An id some group of top (or top itself) uses for a row or a price. */
static bool id_in_groups(const soem_calc *top, const char *id)
{
	if (!top)
		return false;
	if (price_find(top, id) != SOEM_NPOS ||
	    soem_calc_find_cons(top, id) != SOEM_NPOS)
		return true;
	for (size_t g = 0; g < top->ngroups; g++)
		if (soem_calc_find_cons(top->groups[g].sub, id) != SOEM_NPOS)
			return true;
	return false;
}

static bool add_custom(const soem_calc *top, soem_calc *c, const soem_kb *kb,
		       const char *name, const char *unit, const char *area,
		       enum soem_kind kind, size_t *row, const char **why)
{
	if (blank(name)) {
		set_why(why, _("the service needs a name"));
		return false;
	}
	if (!area || soem_kb_area_index(kb, area) == SOEM_NPOS) {
		set_why(why, _("choose one of the profile's consequence areas"));
		return false;
	}
	char base[64], id[80];
	make_id(name, base, sizeof base);
	snprintf(id, sizeof id, "%s", base);
	for (int k = 2; soem_kb_service_index(kb, id) != SOEM_NPOS ||
			soem_calc_find_cons(c, id) != SOEM_NPOS ||
			price_find(c, id) != SOEM_NPOS ||
			id_in_groups(top, id);
	     k++)
		snprintf(id, sizeof id, "%s_%d", base, k);
	size_t i = cons_append(c);
	soem_consequence *q = &c->cons[i];
	q->service = xstrdup(id);
	q->custom = true;
	q->cs.id = xstrdup(id);
	q->cs.name = xstrdup(name);
	q->cs.unit = blank(unit) ? NULL : xstrdup(unit);
	q->cs.area = xstrdup(area);
	q->cs.kind = kind;
	if (row)
		*row = i;
	return true;
}

bool soem_calc_add_custom_service(soem_calc *c, const soem_kb *kb,
				  const char *name, const char *unit,
				  const char *area, enum soem_kind kind,
				  size_t *row, const char **why)
{
	return add_custom(NULL, c, kb, name, unit, area, kind, row, why);
}

bool soem_calc_add_group_custom_service(soem_calc *top, size_t g,
					const soem_kb *kb, const char *name,
					const char *unit, const char *area,
					enum soem_kind kind, size_t *row,
					const char **why)
{
	return add_custom(top->ngroups ? top : NULL,
			  soem_calc_group_calc(top, g), kb, name, unit, area,
			  kind, row, why);
}

void soem_calc_remove_group_cons(soem_calc *top, size_t g, size_t i)
{
	soem_calc *c = soem_calc_group_calc(top, g);
	if (c == top || i >= c->ncons) {
		soem_calc_remove_cons(top, i);
		return;
	}
	char *svc = c->cons[i].custom && c->cons[i].service
			    ? xstrdup(c->cons[i].service)
			    : NULL;
	soem_calc_remove_cons(c, i);
	/* an own service's prices are the calculation's: they go with the
	 * last group's row of it */
	if (svc) {
		bool used = false;
		for (size_t k = 0; k < top->ngroups; k++)
			if (soem_calc_find_cons(top->groups[k].sub, svc) !=
			    SOEM_NPOS)
				used = true;
		size_t p = price_find(top, svc);
		if (!used && p != SOEM_NPOS)
			price_remove(top, p);
	}
	free(svc);
}

/* ---------------------------------------------------------------------
 * Prices
 */

bool soem_calc_set_price(soem_calc *c, const soem_kb *kb, const char *service,
			 size_t p, double v, const char **why)
{
	if (p >= kb->npayers)
		return false;
	if (!isfinite(v) || v < 0) {
		set_why(why, _("a price cannot be negative (a saving is a negative consequence, not a negative price)"));
		return false;
	}
	size_t e = price_find(c, service);
	if (e == SOEM_NPOS) {
		c->prices = xrealloc(c->prices,
				     (c->nprices + 1) * sizeof *c->prices);
		e = c->nprices++;
		memset(&c->prices[e], 0, sizeof c->prices[e]);
		c->prices[e].service = xstrdup(service);
	}
	soem_price_entry *pe = &c->prices[e];
	/* typed at the shown price level (SPEC 2.9): a new entry is stored
	 * at that level */
	if (pe->n == 0 && c->price_level && c->price_level != kb->price_year)
		pe->price_year = c->price_level;
	double f = 1.0;
	if (!soem_calc_price_factor(c, kb, pe->price_year, &f))
		f = 1.0;
	double stored = f > 0 ? v / f : v;
	const char *payer = kb->payers[p].id;
	for (size_t i = 0; i < pe->n; i++)
		if (pe->v[i].payer && strcmp(pe->v[i].payer, payer) == 0) {
			if (!soem_num_set(&pe->v[i].price, stored, why))
				return false;
			/* one price typed: it replaces a schedule */
			sched_free(&pe->v[i]);
			return true;
		}
	pe->v = xrealloc(pe->v, (pe->n + 1) * sizeof *pe->v);
	pe->v[pe->n] = (soem_price_payer){ .payer = xstrdup(payer),
					   .price = soem_num_of(stored) };
	pe->n++;
	return true;
}

void soem_calc_clear_price(soem_calc *c, const soem_kb *kb,
			   const char *service, size_t p)
{
	size_t e = price_find(c, service);
	if (e == SOEM_NPOS || p >= kb->npayers)
		return;
	soem_price_entry *pe = &c->prices[e];
	const char *payer = kb->payers[p].id;
	for (size_t i = 0; i < pe->n; i++) {
		if (!pe->v[i].payer || strcmp(pe->v[i].payer, payer) != 0)
			continue;
		free(pe->v[i].payer);
		sched_free(&pe->v[i]);
		memmove(&pe->v[i], &pe->v[i + 1],
			(pe->n - i - 1) * sizeof *pe->v);
		pe->n--;
		break;
	}
	if (pe->n == 0 && !pe->extra)
		price_remove(c, e);
}

/* The calculation's own price of service for payer p, or NULL; *f the
 * entry's factor to the shown price level. */
static double sched_factor(const soem_calc *c, const soem_kb *kb,
			   const soem_price_entry *pe,
			   const soem_sched_entry *se);
static size_t sched_shown(const soem_calc *c, const soem_kb *kb,
			  const soem_price_payer *pp);

/* The price of service for payer p that a range goes on: the plain
 * price, or with a schedule the entry the row shows (in force in the
 * start year; SPEC 2.9 ranges stand on schedule amounts).  *f converts
 * it to the shown level. */
static soem_num *price_own(const soem_calc *c, const soem_kb *kb,
			   const char *service, size_t p, double *f)
{
	size_t e = price_find(c, service);
	*f = 1.0;
	if (e == SOEM_NPOS || p >= kb->npayers)
		return NULL;
	soem_price_entry *pe = &c->prices[e];
	if (!soem_calc_price_factor(c, kb, pe->price_year, f))
		*f = 1.0;
	for (size_t i = 0; i < pe->n; i++)
		if (pe->v[i].payer &&
		    strcmp(pe->v[i].payer, kb->payers[p].id) == 0) {
			soem_price_payer *pp = &pe->v[i];
			if (!pp->nsched)
				return &pp->price;
			soem_sched_entry *se = &pp->sched[sched_shown(c, kb, pp)];
			*f = sched_factor(c, kb, pe, se);
			return &se->amount;
		}
	return NULL;
}

/* With a schedule, the price mirrors its first entry (sched_tidy). */
static void price_mirror(soem_calc *c, const char *service)
{
	size_t e = price_find(c, service);
	if (e == SOEM_NPOS)
		return;
	for (size_t i = 0; i < c->prices[e].n; i++)
		if (c->prices[e].v[i].nsched)
			c->prices[e].v[i].price = c->prices[e].v[i].sched[0].amount;
}

bool soem_calc_set_price_bound(soem_calc *c, const soem_kb *kb,
			       const char *service, size_t p, bool high,
			       bool has, double v, const char **why)
{
	double f;
	soem_num *n = price_own(c, kb, service, p, &f);
	if (!has) {
		if (n)
			soem_num_set_bound(n, high, false, 0, why);
		price_mirror(c, service);
		return true;
	}
	if (!isfinite(v) || v < 0) {
		set_why(why, _("a price cannot be negative (a saving is a negative consequence, not a negative price)"));
		return false;
	}
	if (!n) {
		double price, kbp;
		bool over;
		if (!soem_calc_price(c, kb, service, p, &price, &kbp, &over) ||
		    !soem_calc_set_price(c, kb, service, p, price, why))
			return false;
		n = price_own(c, kb, service, p, &f);
		if (!n)
			return false;
	}
	double stored = f > 0 ? v / f : v;
	/* compare at the shown price level, as the user sees the price */
	if (high ? v < n->value * f : v > n->value * f) {
		set_why(why, high ? _("high must be at least the price")
				  : _("low must be at most the price"));
		return false;
	}
	soem_num t = *n;
	if (!t.ranged) {
		t.low = t.high = t.value;
		t.ranged = true;
	}
	if (high)
		t.high = stored < t.value ? t.value : stored;
	else
		t.low = stored > t.value ? t.value : stored;
	*n = t;
	price_mirror(c, service);
	return true;
}

bool soem_calc_price_range(const soem_calc *c, const soem_kb *kb,
			   const char *service, size_t p, double *low,
			   double *high)
{
	double f;
	const soem_num *n = price_own(c, kb, service, p, &f);
	if (!n || !n->ranged)
		return false;
	*low = n->low * f;
	*high = n->high * f;
	return true;
}

bool soem_calc_has_prices(const soem_calc *c, const char *service)
{
	size_t e = price_find(c, service);
	return e != SOEM_NPOS && c->prices[e].n > 0;
}

const char *soem_calc_cons_name(const soem_calc *c, const soem_kb *kb,
				size_t i, const char *lang)
{
	if (i >= c->ncons)
		return "";
	const soem_consequence *q = &c->cons[i];
	if (q->custom)
		return q->cs.name ? q->cs.name : (q->service ? q->service : "");
	size_t k = soem_kb_service_index(kb, q->service ? q->service : "");
	if (k == SOEM_NPOS)
		return q->service ? q->service : "";
	return soem_text_get(&kb->services[k].name, lang, kb->language);
}

/* ---------------------------------------------------------------------
 * Groups (SPEC 2.9) and completion
 */

size_t soem_calc_group_count(const soem_calc *c)
{
	return c->ngroups ? c->ngroups : 1;
}

soem_calc *soem_calc_group_calc(soem_calc *c, size_t g)
{
	if (!c->ngroups)
		return c;
	return c->groups[g < c->ngroups ? g : c->ngroups - 1].sub;
}

/* A group name: not blank, not used by another group (skip: its own
 * index, or SOEM_NPOS). */
static bool group_name_ok(const soem_calc *c, const char *name, size_t skip,
			  const char **why)
{
	if (blank(name)) {
		set_why(why, _("a group needs a name"));
		return false;
	}
	for (size_t g = 0; g < c->ngroups; g++)
		if (g != skip && c->groups[g].name &&
		    strcmp(c->groups[g].name, name) == 0) {
			set_why(why, why_fmt(_("the name '%s' is used by another group already"),
					     name));
			return false;
		}
	return true;
}

/* The top-level group keys move into one group named name. */
static void make_grouped(soem_calc *c, const char *name)
{
	soem_calc *s = soem_calc_new();
	s->format = c->format;
	s->horizon = c->horizon;
	s->course_years = c->course_years;
	s->nintake = c->nintake;
	s->intake = c->intake;
	s->target_group = c->target_group;
	s->has_target_group = c->has_target_group;
	s->effect = c->effect;
	s->match = c->match;
	s->ncons = c->ncons;
	s->cons = c->cons;
	s->has_completion = c->has_completion;
	s->completion = c->completion;
	c->nintake = 0;
	c->intake = NULL;
	memset(&c->target_group, 0, sizeof c->target_group);
	c->has_target_group = false;
	memset(&c->effect, 0, sizeof c->effect);
	c->effect.persist = SOEM_PERSIST_FULL;
	c->effect.decay = soem_num_of(0.0);
	memset(&c->match, 0, sizeof c->match);
	c->ncons = 0;
	c->cons = NULL;
	c->has_completion = false;
	c->completion = soem_num_of(1.0);
	c->course_years = 1;
	c->groups = xcalloc(1, sizeof *c->groups);
	c->groups[0].name = xstrdup(name);
	c->groups[0].sub = s;
	c->ngroups = 1;
}

bool soem_calc_add_group(soem_calc *c, const char *first_name,
			 const char *name, size_t *idx, const char **why)
{
	if (!c->ngroups) {
		if (!group_name_ok(c, first_name, SOEM_NPOS, why))
			return false;
		if (strcmp(first_name, name) == 0) {
			set_why(why, why_fmt(_("the name '%s' is used by another group already"),
					     name));
			return false;
		}
	}
	if (!group_name_ok(c, name, SOEM_NPOS, why))
		return false;
	if (!c->ngroups)
		make_grouped(c, first_name);
	soem_calc *s = soem_calc_new();
	s->format = c->format;
	s->horizon = c->horizon;
	/* the file format needs a cohort: year 1, no participants yet */
	s->intake = xcalloc(1, sizeof *s->intake);
	s->intake[0].year = 1;
	s->intake[0].participants = soem_num_of(0.0);
	s->nintake = 1;
	c->groups = xrealloc(c->groups, (c->ngroups + 1) * sizeof *c->groups);
	c->groups[c->ngroups].name = xstrdup(name);
	c->groups[c->ngroups].sub = s;
	c->groups[c->ngroups].extra = NULL;
	if (idx)
		*idx = c->ngroups;
	c->ngroups++;
	return true;
}

bool soem_calc_rename_group(soem_calc *c, size_t g, const char *name,
			    const char **why)
{
	if (!group_name_ok(c, name, c->ngroups ? g : SOEM_NPOS, why))
		return false;
	if (!c->ngroups) {
		make_grouped(c, name);
		return true;
	}
	if (g >= c->ngroups)
		return false;
	char *old = c->groups[g].name;
	/* cost items that count only this group follow its new name */
	for (size_t i = 0; i < c->ncosts; i++)
		if (old && c->costs[i].group &&
		    strcmp(c->costs[i].group, old) == 0)
			soem_str_set(&c->costs[i].group, name);
	c->groups[g].name = xstrdup(name);
	free(old);
	return true;
}

bool soem_calc_delete_group(soem_calc *c, size_t g, const char **why)
{
	if (c->ngroups <= 1 || g >= c->ngroups) {
		set_why(why, _("a calculation has at least one group"));
		return false;
	}
	const char *name = c->groups[g].name;
	for (size_t i = 0; i < c->ncosts; i++)
		if (name && c->costs[i].group &&
		    strcmp(c->costs[i].group, name) == 0) {
			set_why(why, why_fmt(_("cost item %zu counts only this group's participants: change it on the Costs step first"),
					     i + 1));
			return false;
		}
	soem_calc_free(&c->groups[g].sub);
	free(c->groups[g].name);
	ynode_free(&c->groups[g].extra);
	memmove(&c->groups[g], &c->groups[g + 1],
		(c->ngroups - g - 1) * sizeof *c->groups);
	c->ngroups--;
	return true;
}

bool soem_calc_set_completion(soem_calc *c, bool has, double v,
			      const char **why)
{
	if (!has) {
		c->has_completion = false;
		c->completion = soem_num_of(1.0);
		return true;
	}
	if (!isfinite(v) || v <= 0 || v > 1) {
		set_why(why, _("the completion is a share above 0 % and at most 100 %, e.g. 83 % or 0,83"));
		return false;
	}
	if (c->completion.ranged && c->has_completion &&
	    (v < c->completion.low || v > c->completion.high)) {
		set_why(why, _("the value must lie within its range (low to high); change low or high first"));
		return false;
	}
	if (!c->has_completion)
		c->completion = soem_num_of(v);
	else
		c->completion.value = v;
	c->has_completion = true;
	return true;
}

size_t soem_calc_ncons_all(const soem_calc *c)
{
	if (!c->ngroups)
		return c->ncons;
	size_t n = 0;
	for (size_t g = 0; g < c->ngroups; g++)
		n += c->groups[g].sub->ncons;
	return n;
}

const soem_consequence *soem_calc_cons_at(const soem_calc *c, size_t i,
					  const soem_calc **owner,
					  size_t *local)
{
	const soem_calc *o = c;
	for (size_t g = 0; g < c->ngroups; g++) {
		o = c->groups[g].sub;
		if (i < o->ncons)
			break;
		i -= o->ncons;
		if (g + 1 == c->ngroups)
			return NULL;
	}
	if (i >= o->ncons)
		return NULL;
	if (owner)
		*owner = o;
	if (local)
		*local = i;
	return &o->cons[i];
}

/* ---------------------------------------------------------------------
 * SPEC 2.9 in the wizard: price schedules, tax shares, price level
 */

/* The calculation's own payer entry of service for payer p, or NULL. */
static soem_price_payer *payer_own(soem_calc *c, const soem_kb *kb,
				   const char *service, size_t p,
				   soem_price_entry **pep)
{
	size_t e = price_find(c, service);
	if (e == SOEM_NPOS || p >= kb->npayers)
		return NULL;
	soem_price_entry *pe = &c->prices[e];
	if (pep)
		*pep = pe;
	for (size_t i = 0; i < pe->n; i++)
		if (pe->v[i].payer &&
		    strcmp(pe->v[i].payer, kb->payers[p].id) == 0)
			return &pe->v[i];
	return NULL;
}

const soem_price_payer *soem_calc_price_payer(const soem_calc *c,
					      const soem_kb *kb,
					      const char *service, size_t p)
{
	return payer_own((soem_calc *)c, kb, service, p, NULL);
}

/* The entry's factor from its own prices to the shown level. */
static double sched_factor(const soem_calc *c, const soem_kb *kb,
			   const soem_price_entry *pe,
			   const soem_sched_entry *se)
{
	double f = 1.0;
	int y = se && se->price_year ? se->price_year
				     : pe ? pe->price_year : 0;
	if (!soem_calc_price_factor(c, kb, y, &f) || !(f > 0))
		f = 1.0;
	return f;
}

/* The entry in force in the start year (else the profile's price year),
 * else the earliest: the one the Prices row shows. */
static size_t sched_shown(const soem_calc *c, const soem_kb *kb,
			  const soem_price_payer *pp)
{
	int y = c->intervention.start_year ? c->intervention.start_year
					   : kb->price_year;
	size_t best = SOEM_NPOS, first = 0;
	for (size_t i = 0; i < pp->nsched; i++) {
		if (pp->sched[i].from < pp->sched[first].from)
			first = i;
		if (pp->sched[i].from <= y &&
		    (best == SOEM_NPOS ||
		     pp->sched[i].from > pp->sched[best].from))
			best = i;
	}
	return best == SOEM_NPOS ? first : best;
}

size_t soem_calc_sched_count(const soem_calc *c, const soem_kb *kb,
			     const char *service, size_t p)
{
	const soem_price_payer *pp = soem_calc_price_payer(c, kb, service, p);
	return pp ? pp->nsched : 0;
}

bool soem_calc_sched_get(const soem_calc *c, const soem_kb *kb,
			 const char *service, size_t p, size_t i, int *from,
			 double *amount)
{
	soem_price_entry *pe = NULL;
	soem_price_payer *pp = payer_own((soem_calc *)c, kb, service, p, &pe);
	if (!pp || i >= pp->nsched)
		return false;
	*from = pp->sched[i].from;
	*amount = pp->sched[i].amount.value *
		  sched_factor(c, kb, pe, &pp->sched[i]);
	return true;
}

/* Keeps the schedule sorted by from and the payer's price at its first
 * entry's amount (as the loader leaves it). */
static void sched_tidy(soem_price_payer *pp)
{
	for (size_t i = 1; i < pp->nsched; i++)
		for (size_t j = i; j > 0 &&
				   pp->sched[j - 1].from > pp->sched[j].from;
		     j--) {
			soem_sched_entry t = pp->sched[j];
			pp->sched[j] = pp->sched[j - 1];
			pp->sched[j - 1] = t;
		}
	if (pp->nsched)
		pp->price = pp->sched[0].amount;
}

bool soem_calc_sched_put(soem_calc *c, const soem_kb *kb, const char *service,
			 size_t p, size_t i, int from, double amount,
			 const char **why)
{
	if (p >= kb->npayers)
		return false;
	if (from < 1900 || from > 2200) {
		set_why(why, _("the year from which an amount applies is a calendar year, e.g. 2026"));
		return false;
	}
	if (!isfinite(amount) || amount < 0) {
		set_why(why, _("a price cannot be negative (a saving is a negative consequence, not a negative price)"));
		return false;
	}
	soem_price_entry *pe = NULL;
	soem_price_payer *pp = payer_own(c, kb, service, p, &pe);
	if (pp && pp->nsched)
		for (size_t j = 0; j < pp->nsched; j++)
			if (j != i && pp->sched[j].from == from) {
				set_why(why, why_fmt(_("the schedule already has an amount from %d: edit that one"),
						     from));
				return false;
			}
	/* a plain price's range goes on to the schedule's first amount
	 * (never dropped silently): that amount must lie within it */
	soem_num carry = soem_num_of(0);
	if (pp && !pp->nsched && pp->price.ranged) {
		carry = pp->price;
		double f0 = sched_factor(c, kb, pe, NULL);
		if (!soem_num_set(&carry, amount / f0, NULL)) {
			set_why(why, why_fmt(_("the price has a range from %.2f to %.2f, which goes on to the schedule's first amount: give an amount within it, or change low or high first"),
					     carry.low * f0, carry.high * f0));
			return false;
		}
	}
	if (!pp || (!pp->nsched && i != 0)) {
		/* a new own price: soem_calc_set_price makes the entry at the
		 * shown level, the schedule replaces its plain price */
		if (!soem_calc_set_price(c, kb, service, p, amount, why))
			return false;
		pp = payer_own(c, kb, service, p, &pe);
		if (!pp)
			return false;
	}
	if (!pp->nsched)
		i = 0;
	if (i >= pp->nsched) {
		pp->sched = xrealloc(pp->sched,
				     (pp->nsched + 1) * sizeof *pp->sched);
		i = pp->nsched++;
		memset(&pp->sched[i], 0, sizeof pp->sched[i]);
	}
	soem_sched_entry *se = &pp->sched[i];
	double f = sched_factor(c, kb, pe, se);
	if (carry.ranged) {
		se->amount = carry;
	} else if (se->amount.ranged) {
		/* an entry's own range stays; the amount must lie within it */
		if (!soem_num_set(&se->amount, amount / f, why))
			return false;
	} else {
		se->amount = soem_num_of(amount / f);
	}
	se->from = from;
	sched_tidy(pp);
	return true;
}

void soem_calc_sched_delete(soem_calc *c, const soem_kb *kb,
			    const char *service, size_t p, size_t i)
{
	soem_price_payer *pp = payer_own(c, kb, service, p, NULL);
	if (!pp || i >= pp->nsched)
		return;
	if (pp->nsched == 1) {
		/* the last amount: the database's price applies again */
		soem_calc_clear_price(c, kb, service, p);
		return;
	}
	ynode_free(&pp->sched[i].extra);
	memmove(&pp->sched[i], &pp->sched[i + 1],
		(pp->nsched - i - 1) * sizeof *pp->sched);
	pp->nsched--;
	sched_tidy(pp);
}

bool soem_calc_sched_copy_kb(soem_calc *c, const soem_kb *kb,
			     const char *service, size_t p, const char **why)
{
	size_t k = soem_kb_service_index(kb, service);
	if (k == SOEM_NPOS || p >= kb->npayers || !kb->services[k].nsched ||
	    !kb->services[k].nsched[p])
		return false;
	const soem_kb_service *ks = &kb->services[k];
	soem_calc_clear_price(c, kb, service, p);
	for (size_t j = 0; j < ks->nsched[p]; j++) {
		const soem_kb_sched *e = &ks->sched[p][j];
		double f = 1.0;
		if (!soem_calc_price_factor(c, kb, e->price_year, &f))
			f = 1.0;
		if (!soem_calc_sched_put(c, kb, service, p, SOEM_NPOS, e->from,
					 e->amount * f, why))
			return false;
	}
	return true;
}

bool soem_calc_sched_year(const soem_calc *c, const soem_kb *kb,
			  const char *service, size_t p, int *year,
			  double *amount)
{
	int y = c->intervention.start_year ? c->intervention.start_year
					   : kb->price_year;
	soem_price_entry *pe = NULL;
	soem_price_payer *pp = payer_own((soem_calc *)c, kb, service, p, &pe);
	*year = y;
	if (pp) {
		if (!pp->nsched)
			return false;
		size_t best = SOEM_NPOS, first = 0;
		for (size_t i = 0; i < pp->nsched; i++) {
			if (pp->sched[i].from < pp->sched[first].from)
				first = i;
			if (pp->sched[i].from <= y &&
			    (best == SOEM_NPOS ||
			     pp->sched[i].from > pp->sched[best].from))
				best = i;
		}
		if (best == SOEM_NPOS)
			best = first;
		*amount = pp->sched[best].amount.value *
			  sched_factor(c, kb, pe, &pp->sched[best]);
		return true;
	}
	size_t k = soem_kb_service_index(kb, service);
	if (k == SOEM_NPOS || p >= kb->npayers || !kb->services[k].nsched ||
	    !kb->services[k].nsched[p])
		return false;
	const soem_kb_sched *e = NULL, *first = NULL;
	for (size_t j = 0; j < kb->services[k].nsched[p]; j++) {
		const soem_kb_sched *x = &kb->services[k].sched[p][j];
		if (!first || x->from < first->from)
			first = x;
		if (x->from <= y && (!e || x->from > e->from))
			e = x;
	}
	if (!e)
		e = first;
	double f = 1.0;
	if (!soem_calc_price_factor(c, kb, e->price_year, &f))
		f = 1.0;
	*amount = e->amount * f;
	return true;
}

bool soem_calc_sched_needs_start(const soem_calc *c, const char **service)
{
	if (c->intervention.start_year)
		return false;
	for (size_t i = 0; i < c->nprices; i++)
		for (size_t j = 0; j < c->prices[i].n; j++)
			if (c->prices[i].v[j].nsched) {
				if (service)
					*service = c->prices[i].service;
				return true;
			}
	return false;
}

/* Tax shares */

static soem_tax_entry *tax_find(soem_calc *c, const char *service)
{
	for (size_t i = 0; i < c->ntaxes; i++)
		if (c->taxes[i].service &&
		    strcmp(c->taxes[i].service, service) == 0)
			return &c->taxes[i];
	return NULL;
}

static bool service_revenue(const soem_calc *c, const soem_kb *kb,
			    const char *service)
{
	size_t k = soem_kb_service_index(kb, service);
	if (k != SOEM_NPOS)
		return kb->services[k].kind == SOEM_REVENUE;
	size_t r = soem_calc_find_cons(c, service);
	return r != SOEM_NPOS && c->cons[r].custom &&
	       c->cons[r].cs.kind == SOEM_REVENUE;
}

double soem_calc_tax_share(const soem_calc *c, const soem_kb *kb,
			   const char *service, size_t p, bool *own)
{
	double v = 0;
	if (own)
		*own = false;
	size_t k = soem_kb_service_index(kb, service);
	if (k != SOEM_NPOS && kb->services[k].tax && p < kb->npayers)
		v = kb->services[k].tax[p];
	const soem_tax_entry *te = tax_find((soem_calc *)c, service);
	for (size_t j = 0; te && j < te->n; j++)
		if (te->v[j].payer && p < kb->npayers &&
		    strcmp(te->v[j].payer, kb->payers[p].id) == 0) {
			v = te->v[j].price.value;
			if (own)
				*own = true;
		}
	return v;
}

bool soem_calc_has_tax(const soem_calc *c, const soem_kb *kb,
		       const char *service)
{
	for (size_t p = 0; p < kb->npayers; p++)
		if (soem_calc_tax_share(c, kb, service, p, NULL) != 0)
			return true;
	return false;
}

bool soem_calc_set_tax(soem_calc *c, const soem_kb *kb, const char *service,
		       size_t p, bool has, double v, const char **why)
{
	if (p >= kb->npayers)
		return false;
	soem_tax_entry *te = tax_find(c, service);
	const char *payer = kb->payers[p].id;
	if (!has) {
		for (size_t j = 0; te && j < te->n; j++)
			if (te->v[j].payer && strcmp(te->v[j].payer, payer) == 0) {
				free(te->v[j].payer);
				memmove(&te->v[j], &te->v[j + 1],
					(te->n - j - 1) * sizeof *te->v);
				te->n--;
				break;
			}
		if (te && te->n == 0) {
			size_t i = (size_t)(te - c->taxes);
			free(te->service);
			free(te->v);
			memmove(&c->taxes[i], &c->taxes[i + 1],
				(c->ntaxes - i - 1) * sizeof *c->taxes);
			c->ntaxes--;
		}
		return true;
	}
	if (service_revenue(c, kb, service)) {
		set_why(why, _("a revenue service carries no tax: tax shares belong to transfers that are expenses"));
		return false;
	}
	if (!isfinite(v) || v < 0 || v > 1) {
		set_why(why, _("a tax share lies between 0 and 100 %"));
		return false;
	}
	double sum = v;
	for (size_t q = 0; q < kb->npayers; q++)
		if (q != p)
			sum += soem_calc_tax_share(c, kb, service, q, NULL);
	if (sum > 1 + 1e-9) {
		set_why(why, _("the tax shares of all payers together are at most 100 % of the transfer"));
		return false;
	}
	if (!te) {
		c->taxes = xrealloc(c->taxes, (c->ntaxes + 1) * sizeof *c->taxes);
		te = &c->taxes[c->ntaxes++];
		memset(te, 0, sizeof *te);
		te->service = xstrdup(service);
	}
	for (size_t j = 0; j < te->n; j++)
		if (te->v[j].payer && strcmp(te->v[j].payer, payer) == 0)
			return soem_num_set(&te->v[j].price, v, why);
	te->v = xrealloc(te->v, (te->n + 1) * sizeof *te->v);
	te->v[te->n++] = (soem_price_payer){ .payer = xstrdup(payer),
					     .price = soem_num_of(v) };
	return true;
}

/* Price level */

/* The profile's index years as "2015-2026" or "2020, 2022-2024". */
static void index_years(const soem_kb *kb, char *b, size_t n)
{
	size_t off = 0;
	b[0] = '\0';
	for (size_t i = 0; i < kb->nindex && off < n; i++) {
		size_t j = i;
		while (j + 1 < kb->nindex &&
		       kb->index[j + 1].year == kb->index[j].year + 1)
			j++;
		int w = j > i ? snprintf(b + off, n - off, "%s%d-%d",
					 off ? ", " : "", kb->index[i].year,
					 kb->index[j].year)
			      : snprintf(b + off, n - off, "%s%d",
					 off ? ", " : "", kb->index[i].year);
		if (w < 0)
			break;
		off += (size_t)w;
		i = j;
	}
}

bool soem_calc_set_price_level(soem_calc *c, const soem_kb *kb, int year,
			       const char **why)
{
	double v;
	if (year == 0 || year == kb->price_year) {
		c->price_level = 0;
		return true;
	}
	if (!soem_kb_price_index(kb, year, &v) || !(v > 0)) {
		char years[160];
		index_years(kb, years, sizeof years);
		if (years[0])
			set_why(why, why_fmt(_("the price index has no year %d: it has %s"),
					     year, years));
		else
			set_why(why, why_fmt(_("the price index has no year %d: the profile gives no price index, so only %d"),
					     year, kb->price_year));
		return false;
	}
	c->price_level = year;
	return true;
}
