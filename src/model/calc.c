/* calc.c - see calc.h */
#include "config.h"

#include <stdlib.h>

#include "yaml/ynode.h"
#include "model/calc.h"
#include "util/xalloc.h"

soem_calc *soem_calc_new(void)
{
	soem_calc *c = xcalloc(1, sizeof *c);

	c->format = 1;
	c->horizon = 10;
	c->course_years = 1;
	c->draws = 10000;
	c->seed = 1;
	c->effect.persist = SOEM_PERSIST_FULL;
	c->effect.decay = soem_num_of(0.0);
	return c;
}

static void ref_free(soem_ref *r)
{
	free(r->kb);
	free(r->custom);
	ynode_free(&r->extra);
}

static void effect_free(soem_effect *e)
{
	ref_free(&e->measure);
	free(e->source_note);
	ynode_free(&e->source_extra);
	ynode_free(&e->experiment.extra);
	free(e->rho);
	ynode_free(&e->persistence_extra);
	ynode_free(&e->extra);
}

static void cost_free(soem_cost_item *ci)
{
	free(ci->name);
	free(ci->payer);
	free(ci->group);
	free(ci->years);
	ynode_free(&ci->extra);
}

static void cons_free(soem_consequence *q)
{
	free(q->service);
	free(q->cs.id);
	free(q->cs.name);
	free(q->cs.unit);
	free(q->cs.area);
	ynode_free(&q->cs.extra);
	free(q->years);
	free(q->rho);
	ynode_free(&q->persistence_extra);
	ynode_free(&q->extra);
}

static void price_free(soem_price_entry *pe)
{
	free(pe->service);
	for (size_t i = 0; i < pe->n; i++) {
		free(pe->v[i].payer);
		for (size_t j = 0; j < pe->v[i].nsched; j++)
			ynode_free(&pe->v[i].sched[j].extra);
		free(pe->v[i].sched);
	}
	free(pe->v);
	ynode_free(&pe->extra);
}

void soem_calc_free(soem_calc **pc)
{
	if (!pc || !*pc)
		return;
	soem_calc *c = *pc;

	free(c->kb_profile);
	free(c->kb_version);
	ynode_free(&c->kb_extra);

	soem_intervention *iv = &c->intervention;
	free(iv->name);
	free(iv->description);
	free(iv->municipality);
	free(iv->author);
	free(iv->usual_practice);
	ynode_free(&iv->extra);

	for (size_t i = 0; i < c->nintake; i++)
		ynode_free(&c->intake[i].extra);
	free(c->intake);

	ref_free(&c->target_group);
	effect_free(&c->effect);

	for (size_t i = 0; i < c->ncosts; i++)
		cost_free(&c->costs[i]);
	free(c->costs);

	free(c->match.note);
	ynode_free(&c->match.extra);

	for (size_t i = 0; i < c->ncons; i++)
		cons_free(&c->cons[i]);
	free(c->cons);

	for (size_t i = 0; i < c->nprices; i++)
		price_free(&c->prices[i]);
	free(c->prices);

	for (size_t i = 0; i < c->discount.nsteps; i++)
		ynode_free(&c->discount.steps[i].extra);
	free(c->discount.steps);
	ynode_free(&c->discount.extra);

	ynode_free(&c->uncertainty_extra);

	for (size_t i = 0; i < c->ngroups; i++) {
		free(c->groups[i].name);
		soem_calc_free(&c->groups[i].sub);
		ynode_free(&c->groups[i].extra);
	}
	free(c->groups);

	free(c->report_years);
	for (size_t i = 0; i < c->ntaxes; i++) {
		free(c->taxes[i].service);
		for (size_t j = 0; j < c->taxes[i].n; j++)
			free(c->taxes[i].v[j].payer);
		free(c->taxes[i].v);
	}
	free(c->taxes);

	for (size_t i = 0; i < c->nnotes; i++) {
		free(c->notes[i].key);
		free(c->notes[i].text);
	}
	free(c->notes);

	ynode_free(&c->evaluation);
	ynode_free(&c->extra);
	/* last: the extras may live in it */
	ynode_free(&c->tree);
	free(c);
	*pc = NULL;
}

soem_consequence *soem_calc_all_cons(const soem_calc *c, size_t *n)
{
	/* a calculation with groups has no top-level rows (a report's view
	 * of it may hold these same rows as its cons: not counted twice) */
	size_t top = c->ngroups ? 0 : c->ncons;
	size_t total = top, k = 0;
	for (size_t g = 0; g < c->ngroups; g++)
		total += c->groups[g].sub->ncons;
	soem_consequence *all = xcalloc(total ? total : 1, sizeof *all);
	for (size_t i = 0; i < top; i++)
		all[k++] = c->cons[i];
	for (size_t g = 0; g < c->ngroups; g++)
		for (size_t i = 0; i < c->groups[g].sub->ncons; i++)
			all[k++] = c->groups[g].sub->cons[i];
	*n = k;
	return all;
}

const soem_calc *soem_calc_row_group(const soem_calc *c, size_t k,
				     size_t *g)
{
	if (g)
		*g = 0;
	if (!c->ngroups)
		return k < c->ncons ? c : NULL;
	for (size_t i = 0; i < c->ngroups; i++) {
		if (k < c->groups[i].sub->ncons) {
			if (g)
				*g = i;
			return c->groups[i].sub;
		}
		k -= c->groups[i].sub->ncons;
	}
	return NULL;
}
