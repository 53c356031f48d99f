/* kb.h - the knowledge database of one profile (SPEC §3.1), in memory.
 *
 * Loaded by io/kb_load.c, immutable afterwards and passed as const.
 * Free with soem_kb_free.  Ids are unique within their list and every
 * reference is resolved to an index when loading (kb_load validates).
 */
#ifndef SOEM_KB_H
#define SOEM_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/strpool.h"

/* A name that may be given per language: `name: Tekst` or
 * `name: {da: ..., sv: ..., en: ...}`.  A plain string is stored with
 * lang NULL. */
typedef struct soem_text {
	uint32_t n;
	bool pooled;   /* lang, text and their strings are a loaded kb's
			  (its pool, issue 18): soem_text_free only
			  forgets them, soem_kb_free frees the pool */
	char **lang;   /* [n], NULL entry = the plain string; one pointer
			  per language code in a loaded kb */
	char **text;   /* [n]: lang + n, in lang's allocation (soem_text_alloc;
			  soem_text_free frees the block with lang) */
} soem_text;

/* The text in lang, else in fallback (the profile's language), else the
 * plain string, else the first entry, else "". Never NULL. */
const char *soem_text_get(const soem_text *t, const char *lang,
			  const char *fallback);
/* Which of n entries with the language codes langs (NULL: the plain
 * string) soem_text_get gives: the first in lang, else in fallback, else
 * the first plain one, else 0.  The loader keeps only that one when it
 * reads for one language (soem_kbset_lazy). */
size_t soem_text_pick(const char *const *langs, size_t n, const char *lang,
		      const char *fallback);
void soem_text_free(soem_text *t);
/* Empty lang and text arrays of n entries for t (one allocation). */
void soem_text_alloc(soem_text *t, size_t n);
/* The same in pool: t becomes pooled (its strings must be pool's). */
void soem_text_alloc_pool(soem_text *t, size_t n, soem_strpool *pool);
/* True when s is a language code as a database writes one: two or three
 * small letters (da, sv, en).  The loader and the head cache both check
 * with it. */
bool soem_lang_code_ok(const char *s);
/* Replaces all of t by the one plain text s (NULL: t becomes empty). */
void soem_text_set_plain(soem_text *t, const char *s);

/* Where a figure comes from: `source: "..."` or `illustrative: true`;
 * `source` and `note` may be texts by language (SPEC 3.1). */
typedef struct soem_provenance {
	const char *source;    /* NULL when not given; else the text in the
				  profile's language (else plain, else any):
				  one of source_text's, not a copy */
	soem_text source_text; /* all of it, by language; n == 0: none */
	soem_text note;        /* n == 0 when not given */
	bool illustrative;
} soem_provenance;

/* The text of t in lang, else fallback (the profile's language), else
 * any; NULL when t holds no text (e.g. no source given). */
const char *soem_text_opt(const soem_text *t, const char *lang,
			  const char *fallback);

typedef struct soem_kb_area {
	char *id;
	soem_text name;
} soem_kb_area;

typedef struct soem_kb_payer {
	char *id;
	soem_text name;
} soem_kb_payer;

/* An entry of a database price schedule (SPEC §2.9): the amount in
 * force from calendar year `from` on, at price_year's prices (0: the
 * profile's).  The service's price[] holds the entry in force in the
 * profile's price year, converted to the profile's prices. */
typedef struct soem_kb_sched {
	int from;
	double amount;
	int price_year;
} soem_kb_sched;

/* A payer group (SPEC §2.9): a cost named to it is split among payers. */
typedef struct soem_kb_payer_group {
	char *id;              /* never a payer's id */
	soem_text name;
	double *split;         /* [npayers] shares summing to 1 */
	soem_provenance prov;  /* source, note, illustrative */
} soem_kb_payer_group;

enum soem_kind { SOEM_EXPENSE = 0, SOEM_REVENUE = 1 };

typedef struct soem_kb_service {
	char *id;
	soem_text name;
	char *unit;
	soem_text unit_name;   /* unit may also be per language; unit = plain */
	size_t area;           /* index into kb->areas */
	enum soem_kind kind;
	double *price;         /* [npayers]; payers not named pay 0 */
	bool *price_given;     /* [npayers] named in the file */
	double *tax;           /* [npayers] SPEC §2.9 tax shares, or NULL */
	size_t *nsched;        /* [npayers] entries of a price schedule
				  (SPEC §2.9; 0: a plain price), or NULL
				  when no payer has one */
	struct soem_kb_sched **sched; /* [npayers] the entries, file order */
	soem_provenance prov;
} soem_kb_service;

enum soem_direction { SOEM_DIR_NONE = 0, SOEM_DIR_UP, SOEM_DIR_DOWN };
enum soem_time_persp {
	SOEM_TP_NONE = 0, SOEM_TP_SHORT, SOEM_TP_MEDIUM, SOEM_TP_LONG,
	SOEM_TP_VERY_LONG
};

typedef struct soem_kb_consequence {
	/* (issue 18: laid out small; a profile has hundreds of rows and a
	 * large database hundreds of thousands) */
	uint32_t service;      /* index into kb->services */
	uint32_t nyears;
	double baseline;       /* gns. forbrug i udgangsåret */
	double *years;         /* change per success, consequence years 1.. */
	soem_text supported_source;  /* where the support comes from; n == 0:
					not sourced */
	soem_provenance prov;
	bool has_baseline : 1;
	bool supported : 1;    /* literature and practice/expert knowledge */
	enum soem_direction direction : 2;
	enum soem_time_persp time_perspective : 3;
} soem_kb_consequence;

typedef struct soem_kb_study {
	char *intervention;
	double p1, p0;
	bool has_p1, has_p0;
	int evidence_level;    /* 1..3, 0 when not given */
	soem_provenance prov;
} soem_kb_study;

typedef struct soem_kb_measure {
	char *id;
	soem_text name;
	size_t ncons;
	soem_kb_consequence *cons;
} soem_kb_measure;

/* How many of the measure's consequence rows are supported. */
size_t soem_kb_measure_nsupported(const soem_kb_measure *m);

typedef struct soem_kb_group {
	char *id;
	soem_text name;
	size_t area;           /* index into kb->group_areas */
	soem_text description;
	size_t nmeasures;
	soem_kb_measure *measures;
	size_t nstudies;
	soem_kb_study *studies;
} soem_kb_group;

typedef struct soem_kb_step {
	int from;
	double rate;
} soem_kb_step;

typedef struct soem_kb_index_year {
	int year;
	double value;
} soem_kb_index_year;

typedef struct soem_kb {
	/* Issue 18: a loaded kb's strings (each text once: equal texts,
	 * language codes too, are one pointer) and its small arrays are
	 * in pool; soem_kb_free frees what is not the pool's one by one
	 * (a kb built by hand has no pool), then the pool. */
	soem_strpool *pool;
	char *path;            /* the file it came from */
	int format;            /* soem_kb: N */
	/* Issue 18: a profile the wizard and `soem calc` have not used yet
	 * holds only its header (path, id, name, version, currency, price
	 * year, language); soem_kbset_find reads the rest when the profile
	 * is first asked for.  fail: the file did not load then (SPEC §3.3:
	 * the profile is then one that does not load). */
	bool header_only;
	struct soem_kb_broken *fail;
	/* profile */
	char *id;
	soem_text name;
	char *version;
	char *currency;
	int price_year;
	char *language;        /* the profile's language (fallback for names) */
	size_t ngroup_areas;
	soem_kb_area *group_areas;
	/* lists */
	size_t npayers;
	soem_kb_payer *payers;
	size_t npgroups;       /* payer_groups (SPEC §2.9) */
	soem_kb_payer_group *pgroups;
	bool first_discounted;
	size_t nsteps;
	soem_kb_step *steps;
	soem_provenance discount_prov;
	size_t nindex;
	soem_kb_index_year *index;   /* sorted by year */
	soem_provenance index_prov;
	size_t nareas;
	soem_kb_area *areas;
	size_t nservices;
	soem_kb_service *services;
	size_t *service_slots;  /* hash index of services by id: index + 1,
				   0 = empty; svc_cap slots (a power of two);
				   built by soem_kb_index, NULL = none */
	size_t svc_cap;
	size_t ngroups;
	soem_kb_group *groups;
} soem_kb;

void soem_kb_free(soem_kb **kb);

/* What `kb validate --summary` counts (issue 16).  A row is a
 * consequence row of a success measure; sourced = has a source and is
 * not illustrative (a row that is both counts as illustrative); the
 * same for services. */
typedef struct soem_kb_counts {
	size_t groups, rows, sourced, illustrative, supported;
	size_t services, services_sourced, services_illustrative;
} soem_kb_counts;
void soem_kb_count(const soem_kb *kb, soem_kb_counts *c);

/* Lookups by id; return the index or (size_t)-1. */
size_t soem_kb_payer_index(const soem_kb *kb, const char *id);
size_t soem_kb_area_index(const soem_kb *kb, const char *id);
size_t soem_kb_payer_group_index(const soem_kb *kb, const char *id);
size_t soem_kb_service_index(const soem_kb *kb, const char *id);
size_t soem_kb_group_index(const soem_kb *kb, const char *id);
size_t soem_kb_measure_index(const soem_kb_group *g, const char *id);

/* Builds the hash index that makes soem_kb_service_index constant-time
 * (the loader calls it once the services are read). */
void soem_kb_index(soem_kb *kb);

/* The net price index of year; false when the year is missing. */
bool soem_kb_price_index(const soem_kb *kb, int year, double *value);

#define SOEM_NPOS ((size_t)-1)

/* A profile file that did not load (SPEC §3.3: warned about, skipped;
 * an error only when its profile is asked for). */
typedef struct soem_kb_broken {
	char *path;
	char *id;              /* the profile id it gives, NULL when it cannot
				  be known (e.g. a syntax error) */
	char *msg;             /* why: "FILE:LINE:COL: ..." */
	int code;              /* the exit code of that error */
} soem_kb_broken;

/* A set of loaded profiles (from --kb dirs, kb_path, the user's data
 * directory and the installed directory; the first profile with a given
 * id wins), and the files that did not load. */
typedef struct soem_kbset {
	size_t n;
	soem_kb **kb;
	size_t nbroken;
	soem_kb_broken *broken;
	/* Reads the rest of a header-only profile (set by the loader when
	 * it adds headers only; NULL: every profile is whole).  On failure
	 * it sets kb->fail.  Warnings of that reading go to late. */
	void (*fill)(soem_kb *kb, soem_warnings *late, const char *lang);
	soem_warnings *late;
	/* Given to fill (soem_kbset_lazy): a profile read whole later keeps
	 * of each text by language only the one soem_text_get(t, lang,
	 * its language) gives; NULL: every language (issue 18: the
	 * wizard, which shows texts in one language only). */
	char *lang;
} soem_kbset;

/* The profile id, read whole first when only its header was read (then
 * NULL when the rest does not load: soem_kbset_broken gives why). */
const soem_kb *soem_kbset_find(const soem_kbset *set, const char *id);
/* The profile id as it is in the set (perhaps only its header, perhaps
 * one whose file turned out not to load), without reading anything. */
const soem_kb *soem_kbset_peek(const soem_kbset *set, const char *id);
/* The broken file that gives the profile id, when no loaded profile with
 * that id came before it in the search order; else NULL. */
const soem_kb_broken *soem_kbset_broken(const soem_kbset *set,
					const char *id);
/* How many broken files give no id (they might hold any profile). */
size_t soem_kbset_broken_unknown(const soem_kbset *set);
void soem_kbset_free(soem_kbset *set);

#endif
