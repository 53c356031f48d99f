/* kb_load.c - reading and validating a knowledge database (SPEC §3.1).
 *
 * The YAML tree from ynode_parse is walked with the typed readers of
 * yread.h.  The top-level sections are read in the order their
 * references need (profile, payers, areas, discount, price_index,
 * services, target_groups), whatever their order in the file.  Ids are
 * checked for uniqueness with small hash maps as they are read, so a
 * database of many thousand services loads in linear time.
 *
 * A path names an item of a list by its id once the id has been read
 * (services[kontanthjaelp].prices.kommune) and by its position before
 * that and in lists without ids (discount.steps[0]).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/kb_io.h"
#include "io/kb_headcache.h"
#include "yaml/ynode.h"
#include "yaml/yread.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* ---- a small hash map from id to index ------------------------------- */

typedef struct idslot {
	const char *key;   /* borrowed from the kb being built */
	size_t val;
	int line;
} idslot;

typedef struct idmap {
	size_t cap;        /* 0 or a power of two */
	size_t n;
	idslot *slot;
} idmap;

static idslot *idmap_slot(const idmap *m, const char *key)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)soem_fnv1a(key, strlen(key)) & mask;

	while (m->slot[i].key && strcmp(m->slot[i].key, key) != 0)
		i = (i + 1) & mask;
	return &m->slot[i];
}

static const idslot *idmap_get(const idmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	const idslot *s = idmap_slot(m, key);
	return s->key ? s : NULL;
}

static void idmap_grow(idmap *m)
{
	idmap bigger = { m->cap ? m->cap * 2 : 16, m->n, NULL };

	bigger.slot = xcalloc(bigger.cap, sizeof *bigger.slot);
	for (size_t i = 0; i < m->cap; i++)
		if (m->slot[i].key)
			*idmap_slot(&bigger, m->slot[i].key) = m->slot[i];
	free(m->slot);
	*m = bigger;
}

/* Adds key; when it is there already, returns its slot and adds nothing. */
static const idslot *idmap_add(idmap *m, const char *key, size_t val,
			       int line)
{
	if ((m->n + 1) * 2 > m->cap)
		idmap_grow(m);
	idslot *s = idmap_slot(m, key);
	if (s->key)
		return s;
	s->key = key;
	s->val = val;
	s->line = line;
	m->n++;
	return NULL;
}

static void idmap_free(idmap *m)
{
	free(m->slot);
	m->slot = NULL;
	m->cap = m->n = 0;
}

/* ---- the reading context --------------------------------------------- */

typedef struct kbctx {
	yread r;
	soem_warnings *warn;
	soem_kb *kb;
	idmap payers;
	idmap areas;
	idmap gareas;
	idmap services;
	const char *lang;       /* soem_kbset_lazy's: one language kept */
} kbctx;

/* Issue 18: the kb's strings and arrays of a size known when they are
 * made are in its pool (see util/strpool.h); each text once. */
static void *kcalloc(kbctx *k, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		abort();
	return soem_strpool_alloc(k->kb->pool, n * size);
}

static char *kstr(kbctx *k, const char *s, size_t len)
{
	return soem_strpool_intern(k->kb->pool, s, len);
}

/* A new kb being read (its path given), with its pool. */
static soem_kb *kb_new(const char *path)
{
	soem_kb *kb = xcalloc(1, sizeof *kb);

	kb->pool = soem_strpool_new();
	kb->path = soem_strpool_strndup(kb->pool, path, strlen(path));
	return kb;
}

static const char *const root_keys[] = {
	"soem_kb", "profile", "payers", "discount", "price_index", "areas",
	"services", "target_groups", "payer_groups", NULL
};
static const char *const pgroup_keys[] = {
	"id", "name", "split", "source", "note", "illustrative", NULL
};
static const char *const profile_keys[] = {
	"id", "name", "version", "currency", "price_year", "language",
	"target_group_areas", NULL
};
static const char *const idname_keys[] = { "id", "name", NULL };
static const char *const discount_keys[] = {
	"first_year", "steps", "source", "note", "illustrative", NULL
};
static const char *const step_keys[] = { "from", "rate", NULL };
static const char *const index_keys[] = {
	"years", "source", "note", "illustrative", NULL
};
static const char *const service_keys[] = {
	"id", "name", "unit", "area", "kind", "prices", "source", "note",
	"illustrative", "tax", NULL
};
static const char *const group_keys[] = {
	"id", "name", "area", "description", "success_measures",
	"effect_studies", NULL
};
static const char *const measure_keys[] = {
	"id", "name", "consequences", NULL
};
static const char *const cons_keys[] = {
	"service", "baseline", "years", "supported", "supported_source",
	"source", "note", "illustrative", "direction", "time_perspective", NULL
};
static const char *const study_keys[] = {
	"intervention", "p1", "p0", "evidence_level", "source", "note",
	"illustrative", NULL
};

static const char *const first_year_names[] = {
	"undiscounted", "discounted", NULL
};
static const char *const kind_names[] = { "expense", "revenue", NULL };
static const char *const direction_names[] = { "up", "down", NULL };
static const char *const persp_names[] = {
	"short", "medium", "long", "very_long", NULL
};

static bool in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (s[0] == list[i][0] && strcmp(s, list[i]) == 0)
			return true;
	return false;
}

/* Warns about every key of map n that is not in known. */
static void warn_unknown(kbctx *k, const ynode *n, const char *path,
			 const char *const *known)
{
	for (size_t i = 0; i < n->n; i += 2) {
		const ynode *key = n->v[i];

		if (in_list(key->str, known))
			continue;
		soem_warn_add(k->warn,
			      _("%s:%d:%d: %s%s'%s' is not a key this version of soem knows; it is ignored"),
			      k->r.file, key->line, key->col, path,
			      *path ? ": " : "", key->str);
	}
}

/* Expects a map and warns about every key that is not in known. */
static int open_map(kbctx *k, const ynode *n, const char *path,
		    const char *const *known)
{
	int rc = yread_expect(&k->r, n, path, YNODE_MAP);

	if (!rc)
		warn_unknown(k, n, path, known);
	return rc;
}

static const ynode *get(const ynode *map, const char *key)
{
	return ynode_map_get(map, key);
}

/* The value of a key that must be there (and not empty). */
static int need(kbctx *k, const ynode *map, const char *path,
		const char *key, const ynode **out)
{
	const ynode *v = ynode_map_get(map, key);

	if (!v || ynode_is_null(v)) {
		char p[YPATH_MAX];

		if (v)
			return yread_fail(&k->r, v,
					  ypath_key(p, sizeof p, path, key),
					  _("a value is needed here"));
		return yread_fail(&k->r, map, path, _("'%s' is missing"),
				  key);
	}
	*out = v;
	return 0;
}

/* A list; an empty one is refused when nonempty is set. */
static int need_list(kbctx *k, const ynode *n, const char *path,
		     bool nonempty)
{
	int rc = yread_expect(&k->r, n, path, YNODE_SEQ);

	if (rc)
		return rc;
	if (nonempty && n->n == 0)
		return yread_fail(&k->r, n, path,
				  _("the list is empty; it needs at least one entry"));
	return 0;
}

/* n must be a text (empty only when allow_empty). */
static int check_text(kbctx *k, const ynode *n, const char *path,
		      bool allow_empty)
{
	if (!n || n->kind != YNODE_SCALAR)
		return yread_fail(&k->r, n, path,
				  _("expected a text, found %s"),
				  gettext(ynode_kind_name(n)));
	if (!allow_empty && (n->len == 0 || ynode_is_null(n)))
		return yread_fail(&k->r, n, path,
				  _("the text must not be empty"));
	return 0;
}

static int read_text_str(kbctx *k, const ynode *n, const char *path,
			 bool allow_empty, char **out)
{
	int rc = check_text(k, n, path, allow_empty);

	if (!rc)
		*out = kstr(k, n->str, n->len);
	return rc;
}

/* A name: a text, or a map of texts by language {da: ..., en: ...}. */
static int read_text(kbctx *k, const ynode *n, const char *path,
		     bool allow_empty, soem_text *out)
{
	int rc;

	soem_text_free(out);
	if (n && n->kind == YNODE_SCALAR) {
		/* soem_text_set_plain without a copy of the copy */
		rc = check_text(k, n, path, allow_empty);
		if (rc)
			return rc;
		soem_text_alloc_pool(out, 1, k->kb->pool);
		out->text[0] = kstr(k, n->str, n->len);
		return 0;
	}
	if (!n || n->kind != YNODE_MAP)
		return yread_fail(&k->r, n, path,
				  _("expected a text, or texts by language such as {da: ..., en: ...}; found %s"),
				  gettext(ynode_kind_name(n)));
	if (n->n == 0)
		return yread_fail(&k->r, n, path,
				  _("the map of texts by language is empty"));
	size_t count = n->n / 2;
	/* k->lang: every entry is checked, one is kept (kbctx.lang) */
	bool one = k->lang && k->kb->language;

	soem_text_alloc_pool(out, one ? 1 : count, k->kb->pool);
	for (size_t i = 0; i < count; i++) {
		const ynode *key = n->v[2 * i];
		char p[YPATH_MAX];

		ypath_key(p, sizeof p, path, key->str);
		if (!soem_lang_code_ok(key->str))
			return yread_fail(&k->r, key, p,
					  _("'%s' is not a language code (two or three small letters such as da, sv or en)"),
					  key->str);
		if (one) {
			rc = check_text(k, n->v[2 * i + 1], p, allow_empty);
			if (rc)
				return rc;
			continue;
		}
		out->lang[i] = kstr(k, key->str, key->len);
		rc = read_text_str(k, n->v[2 * i + 1], p, allow_empty,
				   &out->text[i]);
		if (rc)
			return rc;
	}
	if (one) {
		/* the one soem_text_get(t, k->lang, kb->language) gives */
		const char **langs = xmalloc(count * sizeof *langs);
		for (size_t i = 0; i < count; i++)
			langs[i] = n->v[2 * i]->str;
		size_t i = soem_text_pick(langs, count, k->lang,
					  k->kb->language);
		free(langs);
		const ynode *key = n->v[2 * i], *v = n->v[2 * i + 1];
		out->lang[0] = kstr(k, key->str, key->len);
		out->text[0] = kstr(k, v->str, v->len);
	}
	return 0;
}

/* Ids are what other parts of a database and calculations refer to:
 * letters (also non-ASCII ones), digits, '_', '-' and '.'. */
static bool is_id(const char *s)
{
	if (!*s)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80 || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '_' || *p == '-' || *p == '.')
			continue;
		return false;
	}
	return true;
}

static int check_id_syntax(kbctx *k, const ynode *n, const char *path)
{
	if (!is_id(n->str))
		return yread_fail(&k->r, n, path,
				  _("'%.40s' cannot be an id: use letters, digits, '_', '-' and '.' only, no spaces"),
				  n->str);
	return 0;
}

/* Reads `id` of map into *out and adds it to ids (unless ids is NULL). */
static int read_id(kbctx *k, const ynode *map, const char *path,
		   idmap *ids, size_t index, char **out)
{
	const ynode *n;
	char p[YPATH_MAX];
	int rc = need(k, map, path, "id", &n);

	if (rc)
		return rc;
	ypath_key(p, sizeof p, path, "id");
	rc = read_text_str(k, n, p, false, out);
	if (rc)
		return rc;
	rc = check_id_syntax(k, n, p);
	if (rc)
		return rc;
	if (ids) {
		const idslot *dup = idmap_add(ids, *out, index, n->line);

		if (dup)
			return yread_fail(&k->r, n, p,
					  _("the id '%s' is used twice in this list (first at line %d)"),
					  *out, dup->line);
	}
	return 0;
}

/* "a, b, c" from the ids of an array of structs (see kb.c: find_id). */
static void join_ids(char *buf, size_t size, const void *arr, size_t n,
		     size_t stride, size_t off)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used + 1 < size; i++) {
		const char *s;

		memcpy(&s, (const char *)arr + i * stride + off, sizeof s);
		int w = snprintf(buf + used, size - used, "%s%s",
				 i ? ", " : "", s ? s : "");
		if (w < 0)
			break;
		used += (size_t)w;
	}
	if (used >= size && size > 4)
		memcpy(buf + size - 4, "...", 4);
}

/* ---- paths put together only for a message (issue 18) ---------------
 *
 * A consequence row and its provenance are read tens of thousands of
 * times in a large database; their keys are found in one pass over the
 * map and the paths a message would name (target_groups[g]...
 * consequences[svc].baseline) are built only when there is a message.
 * Every message is the one the eager code gave: a value that fails the
 * quick check is read again with its path by the same yread function. */
typedef struct lazypath {
	const char *ready;   /* the path, when given; else list[id] */
	const char *list, *id;
	bool made;
	char buf[YPATH_MAX];
} lazypath;

static const char *lp_get(lazypath *lp)
{
	if (lp->ready)
		return lp->ready;
	if (!lp->made) {
		ypath_id(lp->buf, sizeof lp->buf, lp->list, lp->id);
		lp->made = true;
	}
	return lp->buf;
}

/* The values of map m's keys in known (v[j] for known[j], NULL when
 * absent, as ynode_map_get gives them); returns how many keys are not in
 * known (warn_unknown warns about them). */
static size_t map_keys(const ynode *m, const char *const *known,
		       const ynode **v)
{
	size_t nk, unknown = 0;

	for (nk = 0; known[nk]; nk++)
		v[nk] = NULL;
	for (size_t i = 0; i + 1 < m->n; i += 2) {
		const char *key = m->v[i]->str;
		size_t j = 0;

		while (j < nk && (key[0] != known[j][0] ||
				  strcmp(key, known[j]) != 0))
			j++;
		if (j == nk)
			unknown++;
		else if (!v[j])
			v[j] = m->v[i + 1];
	}
	return unknown;
}

/* yread_double, yread_bool, yread_enum of n at lp.key: tried without a
 * path, and again with it when that fails (for the message). */
static int lazy_double(kbctx *k, const ynode *n, lazypath *lp,
		       const char *key, double *out)
{
	yread quiet = { k->r.file, NULL, k->r.prefix }; /* (no message) */
	char q[YPATH_MAX];

	if (!yread_double(&quiet, n, "", out))
		return 0;
	return yread_double(&k->r, n, ypath_key(q, sizeof q, lp_get(lp), key),
			    out);
}

static int lazy_bool(kbctx *k, const ynode *n, lazypath *lp,
		     const char *key, bool *out)
{
	yread quiet = { k->r.file, NULL, k->r.prefix }; /* (no message) */
	char q[YPATH_MAX];

	if (!yread_bool(&quiet, n, "", out))
		return 0;
	return yread_bool(&k->r, n, ypath_key(q, sizeof q, lp_get(lp), key),
			  out);
}

static int lazy_enum(kbctx *k, const ynode *n, lazypath *lp,
		     const char *key, const char *const *names, int *out)
{
	yread quiet = { k->r.file, NULL, k->r.prefix }; /* (no message) */
	char q[YPATH_MAX];

	if (!yread_enum(&quiet, n, "", names, out))
		return 0;
	return yread_enum(&k->r, n, ypath_key(q, sizeof q, lp_get(lp), key),
			  names, out);
}

/* read_text of n at lp.key; a plain text (the common case) without the
 * path. */
static int lazy_text(kbctx *k, const ynode *n, lazypath *lp,
		     const char *key, bool allow_empty, soem_text *out)
{
	char q[YPATH_MAX];

	if (n && n->kind == YNODE_SCALAR &&
	    (allow_empty || (n->len && !ynode_is_null(n)))) {
		/* what read_text does with a text that check_text passes */
		soem_text_free(out);
		soem_text_alloc_pool(out, 1, k->kb->pool);
		out->text[0] = kstr(k, n->str, n->len);
		return 0;
	}
	return read_text(k, n, ypath_key(q, sizeof q, lp_get(lp), key),
			 allow_empty, out);
}

/* source, note and illustrative (values of a map's keys, or NULL). */
static int read_prov_v(kbctx *k, const ynode *src, const ynode *note,
		       const ynode *ill, lazypath *lp, soem_provenance *out)
{
	int rc;

	if (src && !ynode_is_null(src)) {
		rc = lazy_text(k, src, lp, "source", false, &out->source_text);
		if (rc)
			return rc;
		out->source = soem_text_get(&out->source_text, NULL,
					    k->kb->language);
	}
	if (note && !ynode_is_null(note)) {
		rc = lazy_text(k, note, lp, "note", false, &out->note);
		if (rc)
			return rc;
	}
	if (ill && !ynode_is_null(ill)) {
		rc = lazy_bool(k, ill, lp, "illustrative", &out->illustrative);
		if (rc)
			return rc;
	}
	return 0;
}

static int read_prov(kbctx *k, const ynode *map, const char *path,
		     soem_provenance *out)
{
	lazypath lp = { .ready = path };

	return read_prov_v(k, get(map, "source"), get(map, "note"),
			   get(map, "illustrative"), &lp, out);
}

/* A map {id, name}: payers, consequence areas, target-group areas. */
static int read_idname(kbctx *k, const ynode *n, const char *list,
		       size_t i, idmap *ids, char **id, soem_text *name)
{
	char p[YPATH_MAX], q[YPATH_MAX];
	const ynode *v;

	ypath_index(p, sizeof p, list, i);
	int rc = yread_expect(&k->r, n, p, YNODE_MAP);
	if (rc)
		return rc;
	rc = read_id(k, n, p, ids, i, id);
	if (rc)
		return rc;
	ypath_id(p, sizeof p, list, *id);
	warn_unknown(k, n, p, idname_keys);
	rc = need(k, n, p, "name", &v);
	if (rc)
		return rc;
	return read_text(k, v, ypath_key(q, sizeof q, p, "name"), false,
			 name);
}

/* The list n of {id, name} maps into arr (entries of size bytes, each
 * an soem_kb_area or an soem_kb_payer: the two share their layout). */
_Static_assert(offsetof(soem_kb_payer, id) == offsetof(soem_kb_area, id) &&
		       offsetof(soem_kb_payer, name) ==
			       offsetof(soem_kb_area, name),
	       "payers and areas are read alike");
static int read_idnames(kbctx *k, const ynode *n, const char *list,
			idmap *ids, void *arr, size_t size)
{
	for (size_t i = 0; i < n->n; i++) {
		char *e = (char *)arr + i * size;
		int rc = read_idname(
			k, n->v[i], list, i, ids,
			(char **)(void *)(e + offsetof(soem_kb_area, id)),
			(soem_text *)(void *)(e + offsetof(soem_kb_area, name)));

		if (rc)
			return rc;
	}
	return 0;
}

/* ---- the sections ---------------------------------------------------- */

static int read_format(kbctx *k, const ynode *root)
{
	const ynode *n = get(root, "soem_kb");
	int rc;

	if (!n) {
		if (get(root, "soem_calc"))
			return yread_fail(&k->r, root, "",
					  _("this is a calculation (soem_calc), not a knowledge database"));
		return yread_fail(&k->r, root, "",
				  _("'soem_kb' is missing: a knowledge database starts with the line 'soem_kb: %d'"),
				  SOEM_KB_FORMAT);
	}
	rc = yread_int(&k->r, n, "soem_kb", 1, INT_MAX, &k->kb->format);
	if (rc)
		return rc;
	if (k->kb->format > SOEM_KB_FORMAT)
		return yread_fail(&k->r, n, "soem_kb",
				  _("this knowledge database has format %d, but this version of soem reads format %d at most; a newer soem is needed"),
				  k->kb->format, SOEM_KB_FORMAT);
	return 0;
}

static int read_profile(kbctx *k, const ynode *root)
{
	soem_kb *kb = k->kb;
	const ynode *m, *n;
	int rc = need(k, root, "", "profile", &m);

	if (rc)
		return rc;
	rc = open_map(k, m, "profile", profile_keys);
	if (rc)
		return rc;
	rc = read_id(k, m, "profile", NULL, 0, &kb->id);
	if (rc)
		return rc;
	if ((rc = need(k, m, "profile", "name", &n)) ||
	    (rc = read_text(k, n, "profile.name", false, &kb->name)))
		return rc;
	if ((rc = need(k, m, "profile", "version", &n)) ||
	    (rc = read_text_str(k, n, "profile.version", false,
				&kb->version)))
		return rc;
	if ((rc = need(k, m, "profile", "currency", &n)) ||
	    (rc = read_text_str(k, n, "profile.currency", false,
				&kb->currency)))
		return rc;
	if ((rc = need(k, m, "profile", "price_year", &n)) ||
	    (rc = yread_int(&k->r, n, "profile.price_year", 1000, 9999,
			    &kb->price_year)))
		return rc;
	if ((rc = need(k, m, "profile", "language", &n)) ||
	    (rc = read_text_str(k, n, "profile.language", false,
				&kb->language)))
		return rc;
	if (!soem_lang_code_ok(kb->language))
		return yread_fail(&k->r, n, "profile.language",
				  _("'%.40s' is not a language code (two or three small letters such as da, sv or en)"),
				  kb->language);
	if ((rc = need(k, m, "profile", "target_group_areas", &n)) ||
	    (rc = need_list(k, n, "profile.target_group_areas", true)))
		return rc;
	kb->group_areas = kcalloc(k, n->n, sizeof *kb->group_areas);
	kb->ngroup_areas = n->n;
	return read_idnames(k, n, "profile.target_group_areas", &k->gareas,
			    kb->group_areas, sizeof *kb->group_areas);
}

static int read_payers(kbctx *k, const ynode *root)
{
	soem_kb *kb = k->kb;
	const ynode *n;
	int rc = need(k, root, "", "payers", &n);

	if (rc || (rc = need_list(k, n, "payers", true)))
		return rc;
	kb->payers = kcalloc(k, n->n, sizeof *kb->payers);
	kb->npayers = n->n;
	return read_idnames(k, n, "payers", &k->payers, kb->payers,
			    sizeof *kb->payers);
}

/* payer_groups (SPEC §2.9): [{id, name, split: {PAYER: share}}]; the
 * shares sum to 1 within 1e-9; an id is not a payer's. */
static int read_payer_groups(kbctx *k, const ynode *root)
{
	soem_kb *kb = k->kb;
	const ynode *n = get(root, "payer_groups");
	char p[YPATH_MAX], q[YPATH_MAX], r[YPATH_MAX];
	idmap ids = { 0 };
	int rc;

	if (!n || ynode_is_null(n))
		return 0;
	if ((rc = need_list(k, n, "payer_groups", false)))
		return rc;
	kb->pgroups = kcalloc(k, n->n ? n->n : 1, sizeof *kb->pgroups);
	for (size_t i = 0; i < n->n && !rc; i++) {
		soem_kb_payer_group *g = &kb->pgroups[kb->npgroups++];
		const ynode *m = n->v[i], *v, *split;
		double sum = 0;

		g->split = kcalloc(k, kb->npayers ? kb->npayers : 1,
				   sizeof *g->split);
		ypath_index(p, sizeof p, "payer_groups", i);
		if ((rc = open_map(k, m, p, pgroup_keys)) ||
		    (rc = read_id(k, m, p, &ids, i, &g->id)))
			break;
		if (idmap_get(&k->payers, g->id)) {
			rc = yread_fail(&k->r, get(m, "id"),
					ypath_key(q, sizeof q, p, "id"),
					_("'%s' is already a payer's id: a payer group needs an id of its own"),
					g->id);
			break;
		}
		if ((rc = need(k, m, p, "name", &v)) ||
		    (rc = read_text(k, v, ypath_key(q, sizeof q, p, "name"),
				    false, &g->name)))
			break;
		ypath_key(q, sizeof q, p, "split");
		if ((rc = need(k, m, p, "split", &split)) ||
		    (rc = yread_expect(&k->r, split, q, YNODE_MAP)))
			break;
		for (size_t j = 0; j + 1 < split->n && !rc; j += 2) {
			const ynode *key = split->v[j];
			const idslot *pay = idmap_get(&k->payers, key->str);
			ypath_key(r, sizeof r, q, key->str);
			if (!pay) {
				char list[256];
				join_ids(list, sizeof list, kb->payers,
					 kb->npayers, sizeof *kb->payers,
					 offsetof(soem_kb_payer, id));
				rc = yread_fail(&k->r, key, r,
						_("'%.40s' is not a payer of this profile (the payers are: %s)"),
						key->str, list);
				break;
			}
			double *share = &g->split[pay->val];
			if ((rc = yread_double(&k->r, split->v[j + 1], r, share)))
				break;
			if (!(*share >= 0 && *share <= 1))
				rc = yread_fail(&k->r, split->v[j + 1], r,
						_("%g is not a share between 0 and 1 (a quarter is written 0.25)"),
						*share);
			sum += *share;
		}
		if (!rc && fabs(sum - 1) > 1e-9)
			rc = yread_fail(&k->r, split, q,
					_("the shares sum to %.10g, not 1: a payer group splits all of a cost"),
					sum);
		if (!rc)
			rc = read_prov(k, m, p, &g->prov);
	}
	idmap_free(&ids);
	return rc;
}

static int read_areas(kbctx *k, const ynode *root)
{
	soem_kb *kb = k->kb;
	const ynode *n;
	int rc = need(k, root, "", "areas", &n);

	if (rc || (rc = need_list(k, n, "areas", true)))
		return rc;
	kb->areas = kcalloc(k, n->n, sizeof *kb->areas);
	kb->nareas = n->n;
	return read_idnames(k, n, "areas", &k->areas, kb->areas,
			    sizeof *kb->areas);
}

static int cmp_step(const void *a, const void *b)
{
	const soem_kb_step *x = a, *y = b;

	return (x->from > y->from) - (x->from < y->from);
}

static int read_discount(kbctx *k, const ynode *root)
{
	soem_kb *kb = k->kb;
	const ynode *m = get(root, "discount");
	const ynode *n;
	char p[YPATH_MAX], q[YPATH_MAX];
	int rc;

	/* No discount block: no discounting (SPEC 2.6, an empty list). */
	if (!m || ynode_is_null(m))
		return 0;
	rc = open_map(k, m, "discount", discount_keys);
	if (rc)
		return rc;
	n = get(m, "first_year");
	if (n && !ynode_is_null(n)) {
		int fy;

		rc = yread_enum(&k->r, n, "discount.first_year",
				first_year_names, &fy);
		if (rc)
			return rc;
		kb->first_discounted = fy == 1;
	}
	n = get(m, "steps");
	if (n && !ynode_is_null(n)) {
		rc = need_list(k, n, "discount.steps", false);
		if (rc)
			return rc;
		kb->steps = kcalloc(k, n->n, sizeof *kb->steps);
		kb->nsteps = n->n;
		for (size_t i = 0; i < n->n; i++) {
			const ynode *s = n->v[i], *v;
			soem_kb_step *st = &kb->steps[i];

			ypath_index(p, sizeof p, "discount.steps", i);
			rc = open_map(k, s, p, step_keys);
			if (rc)
				return rc;
			if ((rc = need(k, s, p, "from", &v)) ||
			    (rc = yread_int(&k->r, v,
					    ypath_key(q, sizeof q, p, "from"),
					    1, 10000, &st->from)))
				return rc;
			for (size_t j = 0; j < i; j++) {
				int first = get(n->v[j], "from")->line;

				if (kb->steps[j].from == st->from)
					return yread_fail(&k->r, v, q,
							  _("a step from year %d is given twice (first at line %d)"),
							  st->from, first);
			}
			if ((rc = need(k, s, p, "rate", &v)) ||
			    (rc = yread_double(&k->r, v,
					       ypath_key(q, sizeof q, p,
							 "rate"),
					       &st->rate)))
				return rc;
			if (!(st->rate >= 0.0 && st->rate < 1.0))
				return yread_fail(&k->r, v, q,
						  _("a rate is a share between 0 and 1: write 3.5 %% as 0.035"));
		}
		qsort(kb->steps, kb->nsteps, sizeof *kb->steps, cmp_step);
	}
	return read_prov(k, m, "discount", &kb->discount_prov);
}

static int cmp_index(const void *a, const void *b)
{
	const soem_kb_index_year *x = a, *y = b;

	return (x->year > y->year) - (x->year < y->year);
}

static int read_price_index(kbctx *k, const ynode *root)
{
	soem_kb *kb = k->kb;
	const ynode *m, *n;
	char p[YPATH_MAX];
	int rc = need(k, root, "", "price_index", &m);

	if (rc || (rc = open_map(k, m, "price_index", index_keys)))
		return rc;
	if ((rc = need(k, m, "price_index", "years", &n)) ||
	    (rc = yread_expect(&k->r, n, "price_index.years", YNODE_MAP)))
		return rc;
	if (n->n == 0)
		return yread_fail(&k->r, n, "price_index.years",
				  _("the price index has no years"));
	size_t count = n->n / 2;

	kb->index = kcalloc(k, count, sizeof *kb->index);
	kb->nindex = count;
	for (size_t i = 0; i < count; i++) {
		const ynode *key = n->v[2 * i];
		soem_kb_index_year *iy = &kb->index[i];
		size_t len = strlen(key->str);
		bool ok = len == 4;

		ypath_key(p, sizeof p, "price_index.years", key->str);
		for (size_t j = 0; ok && j < len; j++)
			ok = key->str[j] >= '0' && key->str[j] <= '9';
		if (!ok || key->str[0] == '0')
			return yread_fail(&k->r, key, "price_index.years",
					  _("'%.40s' is not a year such as 2024"),
					  key->str);
		iy->year = atoi(key->str);
		rc = yread_double(&k->r, n->v[2 * i + 1], p, &iy->value);
		if (rc)
			return rc;
		if (!(iy->value > 0.0))
			return yread_fail(&k->r, n->v[2 * i + 1], p,
					  _("an index value must be above 0"));
	}
	qsort(kb->index, kb->nindex, sizeof *kb->index, cmp_index);
	rc = read_prov(k, m, "price_index", &kb->index_prov);
	if (rc)
		return rc;
	if (!soem_kb_price_index(kb, kb->price_year, NULL)) {
		const ynode *py = get(get(root, "profile"), "price_year");

		return yread_fail(&k->r, py, "profile.price_year",
				  _("the price year %d is not in price_index.years; add its index value there"),
				  kb->price_year);
	}
	return 0;
}

/* A price schedule of payer p (SPEC §2.9): [{from: YEAR, amount: A,
 * price_year: Y}]; a repeated from is refused.  price[p] becomes the
 * entry in force in the profile's price year, at its prices. */
static int read_schedule(kbctx *k, const ynode *n, const char *path,
			 soem_kb_service *s, size_t p)
{
	static const char *const keys[] = { "from", "amount", "price_year",
					    NULL };
	soem_kb *kb = k->kb;
	char q[YPATH_MAX], r[YPATH_MAX];
	const ynode *v;
	int rc;

	if (n->n == 0)
		return yread_fail(&k->r, n, path,
				  _("the price schedule is empty: give at least one {from: YEAR, amount: PRICE}"));
	if (!s->sched) {
		s->sched = kcalloc(k, kb->npayers, sizeof *s->sched);
		s->nsched = kcalloc(k, kb->npayers, sizeof *s->nsched);
	}
	s->sched[p] = kcalloc(k, n->n, sizeof **s->sched);
	size_t best = SOEM_NPOS, first = 0;
	for (size_t i = 0; i < n->n; i++) {
		soem_kb_sched *e = &s->sched[p][s->nsched[p]++];
		const ynode *m = n->v[i];
		ypath_index(q, sizeof q, path, i);
		if ((rc = open_map(k, m, q, keys)) ||
		    (rc = need(k, m, q, "from", &v)) ||
		    (rc = yread_int(&k->r, v, ypath_key(r, sizeof r, q, "from"),
				    1, 9999, &e->from)))
			return rc;
		for (size_t j = 0; j < i; j++)
			if (s->sched[p][j].from == e->from)
				return yread_fail(&k->r, v, r,
						  _("the year %d is already given by entry [%zu] of this schedule"),
						  e->from, j);
		if ((rc = need(k, m, q, "amount", &v)) ||
		    (rc = yread_double(&k->r, v,
				       ypath_key(r, sizeof r, q, "amount"),
				       &e->amount)))
			return rc;
		if (e->amount < 0)
			return yread_fail(&k->r, v, r,
					  _("a price must not be below 0 (a service that brings money in is 'kind: revenue')"));
		v = get(m, "price_year");
		if (v && !ynode_is_null(v)) {
			double at;
			ypath_key(r, sizeof r, q, "price_year");
			if ((rc = yread_int(&k->r, v, r, 1000, 9999,
					    &e->price_year)))
				return rc;
			if (!soem_kb_price_index(kb, e->price_year, &at))
				return yread_fail(&k->r, v, r,
						  _("the price year %d is not in price_index.years; add its index value there"),
						  e->price_year);
		}
		if (e->from < s->sched[p][first].from)
			first = i;
		if (e->from <= kb->price_year &&
		    (best == SOEM_NPOS || e->from > s->sched[p][best].from))
			best = i;
	}
	const soem_kb_sched *e = &s->sched[p][best == SOEM_NPOS ? first : best];
	double base = 1, at = 1;
	if (e->price_year && e->price_year != kb->price_year &&
	    soem_kb_price_index(kb, kb->price_year, &base) &&
	    soem_kb_price_index(kb, e->price_year, &at) && at > 0)
		s->price[p] = e->amount * base / at;
	else
		s->price[p] = e->amount;
	return 0;
}

static int read_prices(kbctx *k, const ynode *n, const char *path,
		       soem_kb_service *s)
{
	soem_kb *kb = k->kb;
	char p[YPATH_MAX];
	int rc = yread_expect(&k->r, n, path, YNODE_MAP);

	if (rc)
		return rc;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const ynode *key = n->v[i];
		const idslot *pay = idmap_get(&k->payers, key->str);

		ypath_key(p, sizeof p, path, key->str);
		if (!pay) {
			char list[256];

			join_ids(list, sizeof list, kb->payers, kb->npayers,
				 sizeof *kb->payers,
				 offsetof(soem_kb_payer, id));
			return yread_fail(&k->r, key, path,
					  _("'%.40s' is not a payer of this profile (the payers are: %s)"),
					  key->str, list);
		}
		if (n->v[i + 1]->kind == YNODE_SEQ) {
			if ((rc = read_schedule(k, n->v[i + 1], p, s,
						pay->val)))
				return rc;
			s->price_given[pay->val] = true;
			continue;
		}
		rc = yread_double(&k->r, n->v[i + 1], p, &s->price[pay->val]);
		if (rc)
			return rc;
		if (s->price[pay->val] < 0.0)
			return yread_fail(&k->r, n->v[i + 1], p,
					  _("a price must not be below 0 (a service that brings money in is 'kind: revenue')"));
		s->price_given[pay->val] = true;
	}
	return 0;
}

/* tax: {PAYER: share} on an expense (SPEC §2.9): shares in [0, 1] that
 * sum to at most 1. */
static int read_tax(kbctx *k, const ynode *n, const char *path,
		    soem_kb_service *s)
{
	soem_kb *kb = k->kb;
	char p[YPATH_MAX];
	double sum = 0;
	int rc = yread_expect(&k->r, n, path, YNODE_MAP);

	if (rc)
		return rc;
	if (s->kind == SOEM_REVENUE)
		return yread_fail(&k->r, n, path,
				  _("a revenue carries no tax: only a transfer (kind: expense) does"));
	s->tax = kcalloc(k, kb->npayers ? kb->npayers : 1, sizeof *s->tax);
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const ynode *key = n->v[i];
		const idslot *pay = idmap_get(&k->payers, key->str);
		double *t;

		ypath_key(p, sizeof p, path, key->str);
		if (!pay) {
			char list[256];

			join_ids(list, sizeof list, kb->payers, kb->npayers,
				 sizeof *kb->payers,
				 offsetof(soem_kb_payer, id));
			return yread_fail(&k->r, key, path,
					  _("'%.40s' is not a payer of this profile (the payers are: %s)"),
					  key->str, list);
		}
		t = &s->tax[pay->val];
		if ((rc = yread_double(&k->r, n->v[i + 1], p, t)))
			return rc;
		if (!(*t >= 0 && *t <= 1))
			return yread_fail(&k->r, n->v[i + 1], p,
					  _("%g is not a tax share between 0 and 1 (25 %% is written 0.25)"),
					  *t);
		sum += *t;
	}
	if (sum > 1 + 1e-9)
		return yread_fail(&k->r, n, path,
				  _("the tax shares sum to %g: at most 1 of the transfer can come back as tax"),
				  sum);
	return 0;
}

static int read_service(kbctx *k, const ynode *m, size_t i)
{
	soem_kb *kb = k->kb;
	soem_kb_service *s = &kb->services[i];
	const ynode *n;
	char p[YPATH_MAX], q[YPATH_MAX];
	int rc;

	ypath_index(p, sizeof p, "services", i);
	if ((rc = yread_expect(&k->r, m, p, YNODE_MAP)) ||
	    (rc = read_id(k, m, p, &k->services, i, &s->id)))
		return rc;
	ypath_id(p, sizeof p, "services", s->id);
	warn_unknown(k, m, p, service_keys);
	s->price = kcalloc(k, kb->npayers, sizeof *s->price);
	s->price_given = kcalloc(k, kb->npayers, sizeof *s->price_given);
	if ((rc = need(k, m, p, "name", &n)) ||
	    (rc = read_text(k, n, ypath_key(q, sizeof q, p, "name"), false,
			    &s->name)))
		return rc;
	if ((rc = need(k, m, p, "unit", &n)) ||
	    (rc = read_text(k, n, ypath_key(q, sizeof q, p, "unit"), false,
			    &s->unit_name)))
		return rc;
	/* unit: the plain text if there is one, else the profile's
	 * language, else the first. */
	const char *plain = NULL;
	for (size_t j = 0; j < s->unit_name.n; j++)
		if (!s->unit_name.lang[j])
			plain = s->unit_name.text[j];
	if (!plain)
		plain = soem_text_get(&s->unit_name, NULL, kb->language);
	s->unit = kstr(k, plain, strlen(plain));   /* (the same pointer) */
	if ((rc = need(k, m, p, "area", &n)) ||
	    (rc = check_text(k, n, ypath_key(q, sizeof q, p, "area"), false)))
		return rc;
	const idslot *a = idmap_get(&k->areas, n->str);
	if (!a) {
		char list[256];

		join_ids(list, sizeof list, kb->areas, kb->nareas,
			 sizeof *kb->areas, offsetof(soem_kb_area, id));
		return yread_fail(&k->r, n, q,
				  _("'%.40s' is not one of the areas of this profile (%s)"),
				  n->str, list);
	}
	s->area = a->val;
	n = get(m, "kind");
	if (n && !ynode_is_null(n)) {
		int kind;

		rc = yread_enum(&k->r, n, ypath_key(q, sizeof q, p, "kind"),
				kind_names, &kind);
		if (rc)
			return rc;
		s->kind = kind == 1 ? SOEM_REVENUE : SOEM_EXPENSE;
	}
	n = get(m, "prices");
	if (n && !ynode_is_null(n)) {
		rc = read_prices(k, n, ypath_key(q, sizeof q, p, "prices"), s);
		if (rc)
			return rc;
	}
	n = get(m, "tax");
	if (n && !ynode_is_null(n)) {
		rc = read_tax(k, n, ypath_key(q, sizeof q, p, "tax"), s);
		if (rc)
			return rc;
	}
	return read_prov(k, m, p, &s->prov);
}

static int read_services(kbctx *k, const ynode *root)
{
	soem_kb *kb = k->kb;
	const ynode *n;
	int rc = need(k, root, "", "services", &n);

	if (rc || (rc = need_list(k, n, "services", true)))
		return rc;
	kb->services = kcalloc(k, n->n, sizeof *kb->services);
	kb->nservices = n->n;
	for (size_t i = 0; i < n->n; i++) {
		rc = read_service(k, n->v[i], i);
		if (rc)
			return rc;
	}
	return 0;
}

/* The entries of cons_keys, in its order. */
enum { C_SERVICE, C_BASELINE, C_YEARS, C_SUPPORTED, C_SUPPORTED_SOURCE,
       C_SOURCE, C_NOTE, C_ILLUSTRATIVE, C_DIRECTION, C_PERSP, C_N };
_Static_assert(sizeof cons_keys / sizeof *cons_keys == C_N + 1,
	       "cons_keys and the C_ names agree");

static int read_consequence(kbctx *k, const ynode *m, const char *list,
			    size_t i, idmap *seen, soem_kb_consequence *c)
{
	soem_kb *kb = k->kb;
	const ynode *n, *v[C_N];
	char p[YPATH_MAX], q[YPATH_MAX];
	int rc;

	if (!m || m->kind != YNODE_MAP)
		return yread_expect(&k->r, m, ypath_index(p, sizeof p, list, i),
				    YNODE_MAP);
	size_t unknown = map_keys(m, cons_keys, v);
	n = v[C_SERVICE];
	if (!n || ynode_is_null(n) || n->kind != YNODE_SCALAR || !n->len) {
		ypath_index(p, sizeof p, list, i);
		if ((rc = need(k, m, p, "service", &n)) ||
		    (rc = check_text(k, n, ypath_key(q, sizeof q, p, "service"),
				     false)))
			return rc;
	}
	const idslot *sv = idmap_get(&k->services, n->str);
	if (!sv) {
		ypath_key(q, sizeof q, ypath_index(p, sizeof p, list, i),
			  "service");
		return yread_fail(&k->r, n, q,
				  _("'%.40s' is not one of the services of this profile"),
				  n->str);
	}
	c->service = (uint32_t)sv->val;   /* (services: far fewer) */
	const idslot *dup = idmap_add(seen, kb->services[sv->val].id, i,
				      n->line);
	if (dup) {
		ypath_key(q, sizeof q, ypath_index(p, sizeof p, list, i),
			  "service");
		return yread_fail(&k->r, n, q,
				  _("the service '%s' has two rows for this success measure (first at line %d)"),
				  n->str, dup->line);
	}
	/* consequences[svc], put together when a message needs it */
	lazypath lp = { .list = list, .id = n->str };
	if (unknown)
		warn_unknown(k, m, lp_get(&lp), cons_keys);

	n = v[C_BASELINE];
	if (n && !ynode_is_null(n)) {
		rc = lazy_double(k, n, &lp, "baseline", &c->baseline);
		if (rc)
			return rc;
		if (c->baseline < 0.0)
			return yread_fail(&k->r, n,
					  ypath_key(q, sizeof q, lp_get(&lp),
						    "baseline"),
					  _("the baseline is an average use and cannot be below 0"));
		c->has_baseline = true;
	}

	n = v[C_YEARS];
	if (!n || ynode_is_null(n) || n->kind != YNODE_SEQ || !n->n) {
		ypath_key(q, sizeof q, lp_get(&lp), "years");
		if ((rc = need(k, m, lp_get(&lp), "years", &n)) ||
		    (rc = need_list(k, n, q, true)))
			return rc;
	}
	if (n->n > UINT32_MAX)
		abort();   /* (no file within the limits has as many) */
	c->years = kcalloc(k, n->n, sizeof *c->years);
	c->nyears = (uint32_t)n->n;
	yread quiet = { k->r.file, NULL, k->r.prefix }; /* (no message) */
	for (size_t j = 0; j < n->n; j++)
		if (yread_double_at(&quiet, n->v[j], "", j, &c->years[j])) {
			ypath_key(q, sizeof q, lp_get(&lp), "years");
			return yread_double_at(&k->r, n->v[j], q, j,
					       &c->years[j]);
		}

	n = v[C_SUPPORTED];
	if (n && !ynode_is_null(n)) {
		bool b = false;

		if ((rc = lazy_bool(k, n, &lp, "supported", &b)))
			return rc;
		c->supported = b;
	}
	n = v[C_SUPPORTED_SOURCE];
	if (n && !ynode_is_null(n) &&
	    (rc = lazy_text(k, n, &lp, "supported_source", false,
			    &c->supported_source)))
		return rc;
	n = v[C_DIRECTION];
	if (n && !ynode_is_null(n)) {
		int d;

		rc = lazy_enum(k, n, &lp, "direction", direction_names, &d);
		if (rc)
			return rc;
		c->direction = d == 0 ? SOEM_DIR_UP : SOEM_DIR_DOWN;
	}
	n = v[C_PERSP];
	if (n && !ynode_is_null(n)) {
		int t;

		rc = lazy_enum(k, n, &lp, "time_perspective", persp_names, &t);
		if (rc)
			return rc;
		c->time_perspective = (enum soem_time_persp)(SOEM_TP_SHORT + t);
	}
	return read_prov_v(k, v[C_SOURCE], v[C_NOTE], v[C_ILLUSTRATIVE], &lp,
			   &c->prov);
}

static int read_measure(kbctx *k, const ynode *m, const char *list,
			size_t i, idmap *ids, soem_kb_measure *me)
{
	const ynode *n;
	char p[YPATH_MAX], q[YPATH_MAX];
	int rc;

	ypath_index(p, sizeof p, list, i);
	if ((rc = yread_expect(&k->r, m, p, YNODE_MAP)) ||
	    (rc = read_id(k, m, p, ids, i, &me->id)))
		return rc;
	ypath_id(p, sizeof p, list, me->id);
	warn_unknown(k, m, p, measure_keys);
	if ((rc = need(k, m, p, "name", &n)) ||
	    (rc = read_text(k, n, ypath_key(q, sizeof q, p, "name"), false,
			    &me->name)))
		return rc;
	n = get(m, "consequences");
	if (!n || ynode_is_null(n))
		return 0;
	ypath_key(q, sizeof q, p, "consequences");
	if ((rc = need_list(k, n, q, false)))
		return rc;
	me->cons = kcalloc(k, n->n, sizeof *me->cons);
	me->ncons = n->n;
	idmap seen = { 0 };
	for (size_t j = 0; j < n->n && !rc; j++)
		rc = read_consequence(k, n->v[j], q, j, &seen, &me->cons[j]);
	idmap_free(&seen);
	return rc;
}

/* An optional share (0..1) under key of map m. */
static int read_share(kbctx *k, const ynode *m, const char *path,
		      const char *key, double *out, bool *has)
{
	const ynode *n = get(m, key);
	char q[YPATH_MAX];
	int rc;

	if (!n || ynode_is_null(n))
		return 0;
	ypath_key(q, sizeof q, path, key);
	if ((rc = yread_double(&k->r, n, q, out)))
		return rc;
	if (!(*out >= 0.0 && *out <= 1.0))
		return yread_fail(&k->r, n, q,
				  _("a share must lie between 0 and 1: write 60 %% as 0.60"));
	*has = true;
	return 0;
}

static int read_study(kbctx *k, const ynode *m, const char *list, size_t i,
		      soem_kb_study *st)
{
	const ynode *n;
	char p[YPATH_MAX], q[YPATH_MAX];
	int rc;

	ypath_index(p, sizeof p, list, i);
	if ((rc = open_map(k, m, p, study_keys)) ||
	    (rc = need(k, m, p, "intervention", &n)) ||
	    (rc = read_text_str(k, n,
				ypath_key(q, sizeof q, p, "intervention"),
				false, &st->intervention)))
		return rc;
	if ((rc = read_share(k, m, p, "p1", &st->p1, &st->has_p1)) ||
	    (rc = read_share(k, m, p, "p0", &st->p0, &st->has_p0)))
		return rc;
	n = get(m, "evidence_level");
	if (n && !ynode_is_null(n) &&
	    (rc = yread_int(&k->r, n,
			    ypath_key(q, sizeof q, p, "evidence_level"), 1, 3,
			    &st->evidence_level)))
		return rc;
	return read_prov(k, m, p, &st->prov);
}

static int read_group(kbctx *k, const ynode *m, size_t i, idmap *ids)
{
	soem_kb *kb = k->kb;
	soem_kb_group *g = &kb->groups[i];
	const ynode *n;
	char p[YPATH_MAX], q[YPATH_MAX];
	int rc;

	ypath_index(p, sizeof p, "target_groups", i);
	if ((rc = yread_expect(&k->r, m, p, YNODE_MAP)) ||
	    (rc = read_id(k, m, p, ids, i, &g->id)))
		return rc;
	ypath_id(p, sizeof p, "target_groups", g->id);
	warn_unknown(k, m, p, group_keys);
	if ((rc = need(k, m, p, "name", &n)) ||
	    (rc = read_text(k, n, ypath_key(q, sizeof q, p, "name"), false,
			    &g->name)))
		return rc;
	if ((rc = need(k, m, p, "area", &n)) ||
	    (rc = check_text(k, n, ypath_key(q, sizeof q, p, "area"), false)))
		return rc;
	const idslot *a = idmap_get(&k->gareas, n->str);
	if (!a) {
		char list[256];

		join_ids(list, sizeof list, kb->group_areas, kb->ngroup_areas,
			 sizeof *kb->group_areas, offsetof(soem_kb_area, id));
		return yread_fail(&k->r, n, q,
				  _("'%.40s' is not one of the profile's target_group_areas (%s)"),
				  n->str, list);
	}
	g->area = a->val;
	n = get(m, "description");
	if (n && !ynode_is_null(n) &&
	    (rc = read_text(k, n, ypath_key(q, sizeof q, p, "description"),
			    true, &g->description)))
		return rc;

	ypath_key(q, sizeof q, p, "success_measures");
	if ((rc = need(k, m, p, "success_measures", &n)) ||
	    (rc = need_list(k, n, q, true)))
		return rc;
	g->measures = kcalloc(k, n->n, sizeof *g->measures);
	g->nmeasures = n->n;
	idmap mids = { 0 };
	for (size_t j = 0; j < n->n && !rc; j++)
		rc = read_measure(k, n->v[j], q, j, &mids, &g->measures[j]);
	idmap_free(&mids);
	if (rc)
		return rc;

	n = get(m, "effect_studies");
	if (!n || ynode_is_null(n))
		return 0;
	ypath_key(q, sizeof q, p, "effect_studies");
	if ((rc = need_list(k, n, q, false)))
		return rc;
	g->studies = kcalloc(k, n->n, sizeof *g->studies);
	g->nstudies = n->n;
	for (size_t j = 0; j < n->n; j++) {
		rc = read_study(k, n->v[j], q, j, &g->studies[j]);
		if (rc)
			return rc;
	}
	return 0;
}

static int read_groups(kbctx *k, const ynode *root)
{
	soem_kb *kb = k->kb;
	const ynode *n = get(root, "target_groups");
	int rc;

	if (!n || ynode_is_null(n))
		return 0;
	if ((rc = need_list(k, n, "target_groups", false)))
		return rc;
	kb->groups = kcalloc(k, n->n, sizeof *kb->groups);
	kb->ngroups = n->n;
	idmap ids = { 0 };
	for (size_t i = 0; i < n->n && !rc; i++)
		rc = read_group(k, n->v[i], i, &ids);
	idmap_free(&ids);
	return rc;
}

static int read_root(kbctx *k, const ynode *root)
{
	int rc;

	if (!root || root->kind != YNODE_MAP)
		return yread_fail(&k->r, root, "",
				  _("a knowledge database is a map of keys (soem_kb, profile, payers, ...), found %s"),
				  gettext(ynode_kind_name(root)));
	if ((rc = read_format(k, root)))
		return rc;
	if ((rc = open_map(k, root, "", root_keys)))
		return rc;
	if ((rc = read_profile(k, root)) || (rc = read_payers(k, root)) ||
	    (rc = read_payer_groups(k, root)) ||
	    (rc = read_areas(k, root)) || (rc = read_discount(k, root)) ||
	    (rc = read_price_index(k, root)) ||
	    (rc = read_services(k, root)) || (rc = read_groups(k, root)))
		return rc;
	return 0;
}

/* The profile id a tree gives (profile: {id: ...}), or NULL: what a
 * file that fails validation would have provided. Caller frees. */
static char *tree_profile_id(const ynode *root)
{
	const ynode *id = ynode_map_get(ynode_map_get(root, "profile"), "id");
	if (!id || id->kind != YNODE_SCALAR || !id->len)
		return NULL;
	return xstrdup(id->str);
}

/* ---- services and target groups as they are parsed (issue 18) --------
 *
 * The target groups are most of a large database (9 of the 10 MB of
 * make bench's) and the services most of the rest; their tree was most
 * of the memory a load took.  When what the services need (soem_kb,
 * profile, payers, areas, price_index) comes before them in the file,
 * those sections are read as soon as services: is reached and each
 * service as soon as its YAML is parsed; when the services and the
 * profile come before target_groups:, each group likewise.  The parser
 * reuses an item's memory for the next one.  The result, the warnings
 * and which error is reported (and its place) are those of read_root:
 * an error in a service or a group is held until the sections read
 * after the rest of the file (payer_groups, discount) have been checked,
 * a service's before a group's, and the warnings are put back in
 * read_root's order.  Otherwise (another order of the sections, or an
 * error in those read first) the lists stay in the tree and read_root
 * reads it all. */
typedef struct kbstream {
	const char *file;
	const char *lang;    /* kbctx's lang */
	kbctx k;             /* the sections read at services: or */
	soem_err err;        /* target_groups:, their error (then no */
	soem_warnings w;     /* streaming), their warnings; */
	size_t w_payers;     /* w.n after profile and payers, */
	size_t w_areas;      /* after areas */
	bool groups_seen;    /* target_groups: came */
	bool svc_on;         /* services are read as they come: */
	size_t nsvc;         /* how many, */
	soem_err serr;       /* the first one's error, */
	int src;             /* its code (no service is read after it) */
	size_t svc_cap;      /* entries allocated in kb->services */
	bool on;             /* groups are read as they come: */
	bool in_groups;      /* (the list now handed over) */
	soem_err gerr;       /* the first group's error, */
	int grc;             /* its code (no group is read after it) */
	soem_warnings wg;    /* the groups' warnings */
	idmap ids;           /* the groups' ids */
	size_t cap;          /* entries allocated in kb->groups */
} kbstream;

static void kbctx_free_maps(kbctx *k)
{
	idmap_free(&k->payers);
	idmap_free(&k->areas);
	idmap_free(&k->gareas);
	idmap_free(&k->services);
}

static void kbstream_free(kbstream *s)
{
	kbctx_free_maps(&s->k);
	soem_kb_free(&s->k.kb);
	soem_warnings_free(&s->w);
	soem_warnings_free(&s->wg);
	idmap_free(&s->ids);
}

/* The sections the services need, from head (the top-level keys read so
 * far), into a fresh s->k; false when one is missing or wrong. */
static bool read_before_services(kbstream *s, const ynode *head)
{
	kbctx *k = &s->k;

	kbctx_free_maps(k);
	soem_kb_free(&k->kb);
	soem_warnings_free(&s->w);
	soem_err_clear(&s->err);
	*k = (kbctx){ .r = { s->file, &s->err, NULL }, .warn = &s->w,
		      .lang = s->lang };
	k->kb = kb_new(s->file);
	if (read_format(k, head) || read_profile(k, head) ||
	    read_payers(k, head))
		return false;
	s->w_payers = s->w.n;
	if (read_areas(k, head))
		return false;
	s->w_areas = s->w.n;
	return !read_price_index(k, head);
}

/* ynode_stream's start: head holds the top-level keys before key. */
static bool stream_start(void *data, const char *key, const ynode *head)
{
	kbstream *s = data;
	kbctx *k = &s->k;

	if (strcmp(key, "services") == 0) {
		/* services after target_groups: the groups are in the tree
		 * and read_root reads them with the services */
		if (s->groups_seen || !read_before_services(s, head))
			return false;
		k->r.err = &s->serr;
		s->svc_on = true;
		s->in_groups = false;
		return true;
	}
	s->groups_seen = true;
	if (s->svc_on) {
		/* the services were read as they came: the groups need all
		 * of them right (else the services' error is reported) */
		if (s->src || !s->nsvc)
			return false;
	} else if (!read_before_services(s, head) ||
		   read_services(k, head)) {
		return false;
	}
	k->r.err = &s->gerr;
	k->warn = &s->wg;
	s->on = true;
	s->in_groups = true;
	return true;
}

/* ynode_stream's item: service or target group i, read as read_services
 * and read_groups read it. */
static void stream_item(void *data, size_t i, const ynode *item)
{
	kbstream *s = data;
	soem_kb *kb = s->k.kb;

	if (!s->in_groups) {
		s->nsvc = i + 1;
		if (s->src)
			return;
		if (i >= s->svc_cap) {
			size_t old = s->svc_cap;
			xgrow((void **)&kb->services, &s->svc_cap, i + 1,
			      sizeof *kb->services);
			memset(kb->services + old, 0,
			       (s->svc_cap - old) * sizeof *kb->services);
		}
		kb->nservices = i + 1;
		s->src = read_service(&s->k, item, i);
		return;
	}
	if (s->grc)
		return;
	if (i >= s->cap) {
		size_t old = s->cap;
		xgrow((void **)&kb->groups, &s->cap, i + 1, sizeof *kb->groups);
		memset(kb->groups + old, 0,
		       (s->cap - old) * sizeof *kb->groups);
	}
	kb->ngroups = i + 1;
	s->grc = read_group(&s->k, item, i, &s->ids);
}

static void warn_move(soem_warnings *to, const soem_warnings *from,
		      size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		soem_warn_add(to, "%s", from->msg[i]);
}

/* What read_root reads besides what was read as it came, in read_root's
 * order, with the errors held for their turn. */
static int read_rest(kbctx *k, const ynode *root, const kbstream *s)
{
	int rc;

	if ((rc = open_map(k, root, "", root_keys)))
		return rc;
	warn_move(k->warn, &s->w, 0, s->w_payers);
	if ((rc = read_payer_groups(k, root)))
		return rc;
	warn_move(k->warn, &s->w, s->w_payers, s->w_areas);
	if ((rc = read_discount(k, root)))
		return rc;
	if (s->svc_on) {
		/* (the list is in the tree without its items) */
		if (!s->nsvc)
			return need_list(k, get(root, "services"), "services",
					 true);
		if (s->src)
			return soem_err_set(k->r.err, s->src, "%s",
					    s->serr.msg);
	}
	warn_move(k->warn, &s->w, s->w_areas, s->w.n);
	if (!s->on)
		return read_groups(k, root);
	if (s->grc)
		return soem_err_set(k->r.err, s->grc, "%s", s->gerr.msg);
	warn_move(k->warn, &s->wg, 0, s->wg.n);
	return 0;
}

/* soem_kb_parse, or with buf NULL soem_kb_load of the file file (read a
 * piece at a time as it is parsed); when the file parses as YAML but is
 * not a valid database and bad_id is not NULL, *bad_id gets the profile
 * id it gives (or NULL). */
static int kb_parse(const char *buf, size_t len, const char *file,
		    soem_kb **out, soem_warnings *warn, soem_err *err,
		    char **bad_id, const char *lang)
{
	ynode *root = NULL;
	int rc;

	*out = NULL;
	if (!file)
		file = "<input>";
	kbstream s = { .file = file, .lang = lang };
	static const char *const lists[] = { "services", "target_groups",
					     NULL };
	const ynode_stream st = { lists, stream_start, stream_item, &s };
	if (buf)
		rc = ynode_parse_stream(buf, len, file, &st, &root, err);
	else
		rc = ynode_parse_file_stream(file, &st, &root, err);
	if (rc) {
		kbstream_free(&s);
		return rc;
	}

	/* Warnings go to a private list first: a file that fails adds only
	 * its error, not half of its warnings. */
	soem_warnings w = { 0 };
	kbctx k = { .r = { file, err }, .warn = &w, .lang = lang };

	if (s.on || s.svc_on) {
		/* the sections before services or target_groups are read,
		 * and the lists that came after them */
		k = s.k;
		s.k = (kbctx){ 0 };
		k.r.err = err;
		k.warn = &w;
		rc = read_rest(&k, root, &s);
		/* the lists grown as they came, to their size */
		soem_kb *kb = k.kb;
		if (s.svc_on && s.svc_cap > kb->nservices && kb->nservices)
			kb->services = xrealloc(kb->services,
						kb->nservices *
							sizeof *kb->services);
		if (s.on && s.cap > kb->ngroups && kb->ngroups)
			kb->groups = xrealloc(kb->groups,
					      kb->ngroups * sizeof *kb->groups);
	} else {
		k.kb = kb_new(file);
		rc = read_root(&k, root);
	}
	kbstream_free(&s);
	kbctx_free_maps(&k);
	if (rc && bad_id)
		*bad_id = tree_profile_id(root);
	ynode_free(&root);
	if (rc) {
		soem_warnings_free(&w);
		soem_kb_free(&k.kb);
		return rc;
	}
	for (size_t i = 0; i < w.n; i++)
		soem_warn_add(warn, "%s", w.msg[i]);
	soem_warnings_free(&w);
	soem_kb_index(k.kb);
	soem_strpool_seal(k.kb->pool);
	*out = k.kb;
	return 0;
}

int soem_kb_parse(const char *buf, size_t len, const char *file,
		  soem_kb **out, soem_warnings *warn, soem_err *err)
{
	return kb_parse(buf ? buf : "", len, file, out, warn, err, NULL, NULL);
}

static int kb_load(const char *path, soem_kb **out, soem_warnings *warn,
		   soem_err *err, char **bad_id, const char *lang)
{
	return kb_parse(NULL, 0, path, out, warn, err, bad_id, lang);
}

int soem_kb_load(const char *path, soem_kb **out, soem_warnings *warn,
		 soem_err *err)
{
	return kb_load(path, out, warn, err, NULL, NULL);
}

/* ---- profile headers (issue 18) --------------------------------------- */

/* The header of the database at path: soem_kb and profile, parsed up to
 * the end of profile: (within the file's first KB_HEAD_MAX bytes) and
 * checked as kb_load checks them.  Nonzero when
 * that does not work; the caller then reads the whole file, which says
 * what is wrong. */
#define KB_HEAD_MAX 4096

static int kb_head(const char *path, soem_kb **out)
{
	char *buf;
	size_t len;
	soem_err err = { 0 };
	ynode *root = NULL;
	int rc;

	*out = NULL;
	/* The head of the file, to its last whole line: the profile comes
	 * near the top, and libyaml decodes all the text it is given */
	FILE *f = fopen(path, "rb");
	if (!f)
		return SOEM_EX_NOINPUT;
	buf = xmalloc(KB_HEAD_MAX);
	len = fread(buf, 1, KB_HEAD_MAX, f);
	fclose(f);
	while (len == KB_HEAD_MAX && len > 0 && buf[len - 1] != '\n')
		len--;
	/* the comment lines above the first key, which libyaml would scan a
	 * character at a time, are skipped here a line at a time (issue 18:
	 * start-up instructions; errors in the head are not shown, the
	 * whole file is read then) */
	size_t skip = 0;
	for (;;) {
		size_t i = skip;
		while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		if (i >= len || (buf[i] != '#' && buf[i] != '\n' &&
				 buf[i] != '\r'))
			break;
		const char *nl = memchr(buf + i, '\n', len - i);
		if (!nl)
			break;
		skip = (size_t)(nl - buf) + 1;
	}
	rc = ynode_parse_head(buf + skip, len - skip, path, "profile", &root,
			      &err);
	free(buf);
	if (rc)
		return rc;

	soem_warnings w = { 0 };
	kbctx k = { .r = { path, &err }, .warn = &w };

	k.kb = kb_new(path);
	if (root->kind != YNODE_MAP)
		rc = SOEM_EX_DATAERR;
	else if (!(rc = read_format(&k, root)))
		rc = read_profile(&k, root);
	idmap_free(&k.payers);
	idmap_free(&k.areas);
	idmap_free(&k.gareas);
	idmap_free(&k.services);
	ynode_free(&root);
	soem_warnings_free(&w);
	if (rc) {
		soem_kb_free(&k.kb);
		return rc;
	}
	k.kb->header_only = true;
	soem_strpool_seal(k.kb->pool);
	*out = k.kb;
	return 0;
}

/* soem_kbset's fill: the rest of the profile kb (only its header so
 * far), read whole into the same struct; on failure kb->fail says why. */
static void kb_fill(soem_kb *kb, soem_warnings *late, const char *lang)
{
	soem_kb *full = NULL;
	soem_err ferr = { 0 };
	int rc = kb_load(kb->path, &full, late, &ferr, NULL, lang);

	if (rc) {
		kb->fail = xcalloc(1, sizeof *kb->fail);
		*kb->fail = (soem_kb_broken){
			.path = xstrdup(kb->path), .id = xstrdup(kb->id),
			.msg = xstrdup(ferr.msg), .code = rc,
		};
		soem_warn_add(late, _("%s (the file is skipped)"), ferr.msg);
		return;
	}
	soem_kb tmp = *kb;
	*kb = *full;
	*full = tmp;
	soem_kb_free(&full);
}

void soem_kbset_lazy(soem_kbset *set, const char *lang)
{
	set->fill = kb_fill;
	free(set->lang);
	set->lang = lang ? xstrdup(lang) : NULL;
	if (!set->late)
		set->late = xcalloc(1, sizeof *set->late);
}

/* ---- sets of profiles ------------------------------------------------ */

bool soem_kbset_add(soem_kbset *set, soem_kb *kb, soem_warnings *warn)
{
	if (!kb)
		return false;
	const soem_kb *old = soem_kbset_peek(set, kb->id);

	if (old) {
		soem_warn_add(warn,
			      _("%s: the profile '%s' is already loaded from %s; this file is not used"),
			      kb->path ? kb->path : "<input>", kb->id,
			      old->path ? old->path : "<input>");
		soem_kb_free(&kb);
		return false;
	}
	const soem_kb_broken *bad = soem_kbset_broken(set, kb->id);
	if (bad) {
		/* the first file with an id wins, even a broken one: a
		 * profile is not taken silently from further down the
		 * search path (asking for it is the error) */
		soem_warn_add(warn,
			      _("%s: the profile '%s' is already given by %s, which does not load; this file is not used"),
			      kb->path ? kb->path : "<input>", kb->id,
			      bad->path);
		soem_kb_free(&kb);
		return false;
	}
	set->kb = xrealloc(set->kb, (set->n + 1) * sizeof *set->kb);
	set->kb[set->n++] = kb;
	return true;
}

/* Records a profile file that did not load, with a warning. */
static void add_broken(soem_kbset *set, const char *path, const char *id,
		       const soem_err *ferr, int code, soem_warnings *warn)
{
	const soem_kb *good = id ? soem_kbset_peek(set, id) : NULL;
	const soem_kb_broken *bad = id ? soem_kbset_broken(set, id) : NULL;
	if (good)
		soem_warn_add(warn,
			      _("%s (the file is skipped; the profile '%s' is loaded from %s)"),
			      ferr->msg, id, good->path ? good->path : "");
	else if (bad)
		soem_warn_add(warn,
			      _("%s (the file is skipped; the profile '%s' is also given by %s)"),
			      ferr->msg, id, bad->path);
	else
		soem_warn_add(warn, _("%s (the file is skipped)"), ferr->msg);
	set->broken = xrealloc(set->broken,
			       (set->nbroken + 1) * sizeof *set->broken);
	set->broken[set->nbroken++] = (soem_kb_broken){
		.path = xstrdup(path), .id = id ? xstrdup(id) : NULL,
		.msg = xstrdup(ferr->msg), .code = code,
	};
}

static bool is_yaml_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 5 &&
	       strcmp(name + len - 5, ".yaml") == 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int soem_kbset_add_dir(soem_kbset *set, const char *dir, soem_warnings *warn,
		       soem_err *err)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!d) {
		if (errno == ENOENT)
			return 0;
		return soem_err_set(err, SOEM_EX_NOINPUT,
				    _("%s: cannot read the knowledge database directory: %s"),
				    dir, strerror(errno));
	}
	for (;;) {
		errno = 0;
		struct dirent *e = readdir(d);

		if (!e) {
			if (errno)
				rc = soem_err_set(err, SOEM_EX_IOERR,
						  _("%s: cannot read the knowledge database directory: %s"),
						  dir, strerror(errno));
			break;
		}
		if (!is_yaml_name(e->d_name))
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_name);
	soem_headcache *hc = set->fill ? soem_headcache_open() : NULL;
	for (size_t i = 0; i < n && !rc; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		soem_kb *kb = NULL;

		/* Only regular files (a symbolic link to one is fine). */
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			soem_err ferr = { 0 };
			char *bad_id = NULL;
			int frc = 1;
			/* the header from the cache (issue 18), else from
			 * the YAML, which then goes into the cache */
			if (hc && (kb = soem_headcache_get(hc, path, &st)))
				frc = 0;
			else if (set->fill && !(frc = kb_head(path, &kb)))
				soem_headcache_put(hc, path, &st, kb);
			if (frc)
				frc = kb_load(path, &kb, warn, &ferr, &bad_id,
					      NULL);
			if (!frc) {
				soem_kbset_add(set, kb, warn);
			} else {
				/* SPEC §3.3: warned about and skipped */
				add_broken(set, path, bad_id, &ferr, frc, warn);
				free(bad_id);
			}
		}
		free(path);
	}
	soem_headcache_close(hc, rc ? NULL : dir);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
