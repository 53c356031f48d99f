/* kb.c - see kb.h */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/kb.h"
#include "util/hash.h"
#include "util/xalloc.h"

/* The first of langs[0..n-1] equal to lang (NULL: the first NULL one);
 * n when none is. */
static size_t lang_find(const char *const *langs, size_t n, const char *lang)
{
	for (size_t i = 0; i < n; i++) {
		if (!lang && !langs[i])
			return i;
		if (lang && langs[i] && strcmp(langs[i], lang) == 0)
			return i;
	}
	return n;
}

size_t soem_text_pick(const char *const *langs, size_t n, const char *lang,
		      const char *fallback)
{
	size_t i = n;

	if (lang && *lang)
		i = lang_find(langs, n, lang);
	if (i == n && fallback && *fallback)
		i = lang_find(langs, n, fallback);
	if (i == n)
		i = lang_find(langs, n, NULL);
	return i == n ? 0 : i;
}

const char *soem_text_get(const soem_text *t, const char *lang,
			  const char *fallback)
{
	if (!t || t->n == 0)
		return "";
	const char *s = t->text[soem_text_pick((const char *const *)t->lang,
					       t->n, lang, fallback)];
	return s ? s : "";
}

void soem_text_free(soem_text *t)
{
	if (!t)
		return;
	if (t->pooled) {
		/* (the kb's pool frees them) */
		*t = (soem_text){ 0 };
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		free(t->lang[i]);
		free(t->text[i]);
	}
	free(t->lang);   /* (and text, in the same block) */
	t->lang = NULL;
	t->text = NULL;
	t->n = 0;
}

void soem_text_set_plain(soem_text *t, const char *s)
{
	soem_text_free(t);
	if (!s)
		return;
	soem_text_alloc(t, 1);
	t->text[0] = xstrdup(s);
}

bool soem_lang_code_ok(const char *s)
{
	size_t len = strlen(s);

	if (len < 2 || len > 3)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return false;
	return true;
}

void soem_text_alloc(soem_text *t, size_t n)
{
	if (n > UINT32_MAX / 2)
		abort();
	t->lang = xcalloc(2 * n, sizeof *t->lang);
	t->text = t->lang + n;
	t->n = (uint32_t)n;
	t->pooled = false;
}

void soem_text_alloc_pool(soem_text *t, size_t n, soem_strpool *pool)
{
	if (n > UINT32_MAX / 2)
		abort();
	t->lang = soem_strpool_alloc(pool, 2 * n * sizeof *t->lang);
	t->text = t->lang + n;
	t->n = (uint32_t)n;
	t->pooled = true;
}

const char *soem_text_opt(const soem_text *t, const char *lang,
			  const char *fallback)
{
	if (!t || t->n == 0)
		return NULL;
	return soem_text_get(t, lang, fallback);
}

size_t soem_kb_measure_nsupported(const soem_kb_measure *m)
{
	size_t n = 0;
	for (size_t i = 0; m && i < m->ncons; i++)
		if (m->cons[i].supported)
			n++;
	return n;
}

void soem_kb_count(const soem_kb *kb, soem_kb_counts *c)
{
	memset(c, 0, sizeof *c);
	c->groups = kb->ngroups;
	c->services = kb->nservices;
	for (size_t s = 0; s < kb->nservices; s++) {
		const soem_provenance *p = &kb->services[s].prov;
		if (p->illustrative)
			c->services_illustrative++;
		else if (p->source_text.n || p->source)
			c->services_sourced++;
	}
	for (size_t g = 0; g < kb->ngroups; g++)
		for (size_t m = 0; m < kb->groups[g].nmeasures; m++) {
			const soem_kb_measure *me = &kb->groups[g].measures[m];
			for (size_t i = 0; i < me->ncons; i++) {
				const soem_kb_consequence *q = &me->cons[i];
				c->rows++;
				if (q->prov.illustrative)
					c->illustrative++;
				else if (q->prov.source_text.n ||
					 q->prov.source)
					c->sourced++;
				if (q->supported)
					c->supported++;
			}
		}
}

/* p, unless it is in kb's pool (which soem_kb_free frees last). */
static void kfree(const soem_kb *kb, void *p)
{
	if (p && !soem_strpool_owns(kb->pool, p))
		free(p);
}

static void prov_free(soem_provenance *p)
{
	p->source = NULL;   /* (one of source_text's) */
	soem_text_free(&p->source_text);
	soem_text_free(&p->note);
}

static void area_free(const soem_kb *kb, soem_kb_area *a)
{
	kfree(kb, a->id);
	soem_text_free(&a->name);
}

static void service_free(const soem_kb *kb, soem_kb_service *s)
{
	kfree(kb, s->id);
	soem_text_free(&s->name);
	kfree(kb, s->unit);
	soem_text_free(&s->unit_name);
	kfree(kb, s->price);
	kfree(kb, s->price_given);
	kfree(kb, s->tax);
	if (s->sched)
		for (size_t p = 0; p < kb->npayers; p++)
			kfree(kb, s->sched[p]);
	kfree(kb, s->sched);
	kfree(kb, s->nsched);
	prov_free(&s->prov);
}

static void measure_free(const soem_kb *kb, soem_kb_measure *m)
{
	kfree(kb, m->id);
	soem_text_free(&m->name);
	for (size_t i = 0; i < m->ncons; i++) {
		kfree(kb, m->cons[i].years);
		prov_free(&m->cons[i].prov);
		soem_text_free(&m->cons[i].supported_source);
	}
	kfree(kb, m->cons);
}

static void group_free(const soem_kb *kb, soem_kb_group *g)
{
	kfree(kb, g->id);
	soem_text_free(&g->name);
	soem_text_free(&g->description);
	for (size_t i = 0; i < g->nmeasures; i++)
		measure_free(kb, &g->measures[i]);
	kfree(kb, g->measures);
	for (size_t i = 0; i < g->nstudies; i++) {
		kfree(kb, g->studies[i].intervention);
		prov_free(&g->studies[i].prov);
	}
	kfree(kb, g->studies);
}

void soem_kb_free(soem_kb **pkb)
{
	if (!pkb || !*pkb)
		return;
	soem_kb *kb = *pkb;

	if (kb->fail) {
		free(kb->fail->path);
		free(kb->fail->id);
		free(kb->fail->msg);
		free(kb->fail);
	}
	kfree(kb, kb->path);
	kfree(kb, kb->id);
	free(kb->service_slots);
	soem_text_free(&kb->name);
	kfree(kb, kb->version);
	kfree(kb, kb->currency);
	kfree(kb, kb->language);
	for (size_t i = 0; i < kb->ngroup_areas; i++)
		area_free(kb, &kb->group_areas[i]);
	kfree(kb, kb->group_areas);
	for (size_t i = 0; i < kb->npayers; i++) {
		kfree(kb, kb->payers[i].id);
		soem_text_free(&kb->payers[i].name);
	}
	for (size_t i = 0; i < kb->npgroups; i++) {
		kfree(kb, kb->pgroups[i].id);
		soem_text_free(&kb->pgroups[i].name);
		kfree(kb, kb->pgroups[i].split);
		prov_free(&kb->pgroups[i].prov);
	}
	kfree(kb, kb->payers);
	kfree(kb, kb->pgroups);
	kfree(kb, kb->steps);
	prov_free(&kb->discount_prov);
	kfree(kb, kb->index);
	prov_free(&kb->index_prov);
	for (size_t i = 0; i < kb->nareas; i++)
		area_free(kb, &kb->areas[i]);
	kfree(kb, kb->areas);
	for (size_t i = 0; i < kb->nservices; i++)
		service_free(kb, &kb->services[i]);
	kfree(kb, kb->services);
	for (size_t i = 0; i < kb->ngroups; i++)
		group_free(kb, &kb->groups[i]);
	kfree(kb, kb->groups);
	soem_strpool_free(&kb->pool);
	free(kb);
	*pkb = NULL;
}

/* The lists are small (a profile has a handful of payers and areas and
 * some hundred services), so a linear search is the simple choice.  arr
 * is an array of n structs of size bytes whose `char *id` is at off. */
static size_t find_id(const void *arr, size_t n, size_t size, size_t off,
		      const char *id)
{
	if (!arr || !id)
		return SOEM_NPOS;
	for (size_t i = 0; i < n; i++) {
		const char *p = (const char *)arr + i * size + off;
		const char *s;

		memcpy(&s, p, sizeof s);
		if (s && strcmp(s, id) == 0)
			return i;
	}
	return SOEM_NPOS;
}

size_t soem_kb_payer_index(const soem_kb *kb, const char *id)
{
	return kb ? find_id(kb->payers, kb->npayers, sizeof *kb->payers,
			    offsetof(soem_kb_payer, id), id)
		  : SOEM_NPOS;
}

size_t soem_kb_payer_group_index(const soem_kb *kb, const char *id)
{
	return kb ? find_id(kb->pgroups, kb->npgroups, sizeof *kb->pgroups,
			    offsetof(soem_kb_payer_group, id), id)
		  : SOEM_NPOS;
}

size_t soem_kb_area_index(const soem_kb *kb, const char *id)
{
	return kb ? find_id(kb->areas, kb->nareas, sizeof *kb->areas,
			    offsetof(soem_kb_area, id), id)
		  : SOEM_NPOS;
}

static size_t id_hash(const char *s)
{
	return (size_t)soem_fnv1a(s, strlen(s));
}

void soem_kb_index(soem_kb *kb)
{
	free(kb->service_slots);
	kb->service_slots = NULL;
	kb->svc_cap = 0;
	if (kb->nservices < 16)
		return; /* a scan is as fast */
	size_t cap = 32;
	while (cap < 2 * kb->nservices)
		cap *= 2;
	kb->service_slots = xcalloc(cap, sizeof *kb->service_slots);
	kb->svc_cap = cap;
	for (size_t i = 0; i < kb->nservices; i++) {
		if (!kb->services[i].id)
			continue;
		size_t j = id_hash(kb->services[i].id) & (cap - 1);
		while (kb->service_slots[j])
			j = (j + 1) & (cap - 1);
		kb->service_slots[j] = i + 1;
	}
}

size_t soem_kb_service_index(const soem_kb *kb, const char *id)
{
	if (kb && kb->service_slots && id) {
		size_t j = id_hash(id) & (kb->svc_cap - 1);
		while (kb->service_slots[j]) {
			size_t i = kb->service_slots[j] - 1;
			if (strcmp(kb->services[i].id, id) == 0)
				return i;
			j = (j + 1) & (kb->svc_cap - 1);
		}
		return SOEM_NPOS;
	}
	return kb ? find_id(kb->services, kb->nservices,
			    sizeof *kb->services,
			    offsetof(soem_kb_service, id), id)
		  : SOEM_NPOS;
}

size_t soem_kb_group_index(const soem_kb *kb, const char *id)
{
	return kb ? find_id(kb->groups, kb->ngroups, sizeof *kb->groups,
			    offsetof(soem_kb_group, id), id)
		  : SOEM_NPOS;
}

size_t soem_kb_measure_index(const soem_kb_group *g, const char *id)
{
	return g ? find_id(g->measures, g->nmeasures, sizeof *g->measures,
			   offsetof(soem_kb_measure, id), id)
		 : SOEM_NPOS;
}

bool soem_kb_price_index(const soem_kb *kb, int year, double *value)
{
	if (!kb)
		return false;
	size_t lo = 0, hi = kb->nindex;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (kb->index[mid].year == year) {
			if (value)
				*value = kb->index[mid].value;
			return true;
		}
		if (kb->index[mid].year < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

const soem_kb *soem_kbset_peek(const soem_kbset *set, const char *id)
{
	if (!set || !id)
		return NULL;
	for (size_t i = 0; i < set->n; i++)
		if (set->kb[i] && set->kb[i]->id &&
		    strcmp(set->kb[i]->id, id) == 0)
			return set->kb[i];
	return NULL;
}

const soem_kb *soem_kbset_find(const soem_kbset *set, const char *id)
{
	const soem_kb *k = soem_kbset_peek(set, id);
	if (!k)
		return NULL;
	for (size_t i = 0; i < set->n; i++) {
		soem_kb *kb = set->kb[i];
		if (kb != k)
			continue;
		if (kb->header_only && !kb->fail && set->fill)
			set->fill(kb, set->late, set->lang);
		return kb->fail || kb->header_only ? NULL : kb;
	}
	return NULL;
}

const soem_kb_broken *soem_kbset_broken(const soem_kbset *set,
					const char *id)
{
	const soem_kb *k = soem_kbset_peek(set, id);
	if (k && k->fail)
		return k->fail;
	if (!set || !id || k)
		return NULL;
	for (size_t i = 0; i < set->nbroken; i++)
		if (set->broken[i].id && strcmp(set->broken[i].id, id) == 0)
			return &set->broken[i];
	return NULL;
}

size_t soem_kbset_broken_unknown(const soem_kbset *set)
{
	size_t n = 0;
	for (size_t i = 0; set && i < set->nbroken; i++)
		if (!set->broken[i].id)
			n++;
	return n;
}

void soem_kbset_free(soem_kbset *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		soem_kb_free(&set->kb[i]);
	free(set->kb);
	set->kb = NULL;
	set->n = 0;
	for (size_t i = 0; i < set->nbroken; i++) {
		free(set->broken[i].path);
		free(set->broken[i].id);
		free(set->broken[i].msg);
	}
	free(set->broken);
	set->broken = NULL;
	set->nbroken = 0;
	free(set->lang);
	set->lang = NULL;
	if (set->late) {
		soem_warnings_free(set->late);
		free(set->late);
		set->late = NULL;
	}
	set->fill = NULL;
}
