/* test_headcache.c - the cache of profile headers (io/kb_headcache.c,
 * issue 18 goal 1): a start with unchanged databases reads no YAML for
 * the headers; a changed file, a broken cache or an unsafe cache folder
 * never shows anything but what the YAML says.
 *
 * Every test works in its own temporary folder and points XDG_CACHE_HOME
 * (and HOME) there: nothing of the machine's is read or written. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/kb_headcache.h"
#include "io/kb_io.h"
#include "model/kb.h"
#include "util/err.h"

/* the rest of a small valid database (as tests/unit/test_kb.c's) */
#define REST \
	"payers:\n" \
	"  - {id: kommune, name: Kommune}\n" \
	"  - {id: stat, name: Stat}\n" \
	"discount:\n" \
	"  steps:\n" \
	"    - {from: 1, rate: 0.035}\n" \
	"  source: test\n" \
	"price_index:\n" \
	"  years: {2023: 100.0, 2024: 102.0}\n" \
	"  illustrative: true\n" \
	"areas:\n" \
	"  - {id: transfers, name: Indkomstoverførsler}\n" \
	"services:\n" \
	"  - id: kontanthjaelp\n" \
	"    name: Kontanthjælp\n" \
	"    unit: uger\n" \
	"    area: transfers\n" \
	"    prices: {kommune: 2000.0, stat: 500.0}\n" \
	"    illustrative: true\n" \
	"target_groups:\n" \
	"  - id: hjemloese\n" \
	"    name: Borgere i hjemløshed\n" \
	"    area: adults\n" \
	"    success_measures:\n" \
	"      - id: ophold_herberg\n" \
	"        name: Ophører med ophold\n" \
	"        consequences:\n" \
	"          - {service: kontanthjaelp, years: [-2.85], illustrative: true}\n"

/* Two profiles; p_a has texts by language and two areas, p_b plain
 * texts.  VERSION is one character that the tests change (same size). */
static const char p_a[] =
	"# profile a\n"
	"soem_kb: 2\n"
	"profile:\n"
	"  id: a\n"
	"  name: {da: \"Danmark (SØM)\", en: Denmark}\n"
	"  version: \"V\"\n"
	"  currency: DKK\n"
	"  price_year: 2024\n"
	"  language: da\n"
	"  target_group_areas:\n"
	"    - {id: adults, name: {da: Voksne, sv: Vuxna, en: Adults}}\n"
	"    - {id: kids, name: Børn}\n"
	REST;
static const char p_b[] =
	"soem_kb: 1\n"
	"profile:\n"
	"  id: b\n"
	"  name: \"Bee: a name\\nwith a line break\"\n"
	"  version: \"2026.1\"\n"
	"  currency: SEK\n"
	"  price_year: 2023\n"
	"  language: sv\n"
	"  target_group_areas:\n"
	"    - {id: adults, name: Vuxna}\n"
	REST;
/* a header that does not read: never cached, reported each time */
static const char p_bad[] =
	"soem_kb: 2\n"
	"profile:\n"
	"  id: bad\n"
	"  name: Bad\n"
	"  version: \"1\"\n"
	"  currency: DKK\n"
	"  price_year: 12\n"
	"  language: da\n"
	"  target_group_areas: []\n";

typedef struct fx {
	char root[64];
	char kb[128];      /* root/kb: the databases */
	char cache[128];   /* root/cache: XDG_CACHE_HOME */
	char cdir[160];    /* root/cache/soem */
	char cfile[192];   /* root/cache/soem/kb-heads */
} fx;

static void write_at(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Writes dir/name and dates it ago seconds back (nanoseconds ns). */
static void put_db(const char *dir, const char *name, const char *text,
		   time_t ago, long ns)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	write_at(path, text, strlen(text));
	struct timespec ts[2] = { { time(NULL) - ago, ns },
				  { time(NULL) - ago, ns } };
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
}

static char *with_version(char v)
{
	char *s = strdup(p_a);
	assert_non_null(s);
	char *at = strstr(s, "\"V\"");
	assert_non_null(at);
	at[1] = v;
	return s;
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	snprintf(f->root, sizeof f->root, "/tmp/soem-hc-XXXXXX");
	assert_non_null(mkdtemp(f->root));
	snprintf(f->kb, sizeof f->kb, "%s/kb", f->root);
	snprintf(f->cache, sizeof f->cache, "%s/cache", f->root);
	snprintf(f->cdir, sizeof f->cdir, "%s/soem", f->cache);
	snprintf(f->cfile, sizeof f->cfile, "%s/kb-heads", f->cdir);
	assert_int_equal(mkdir(f->kb, 0755), 0);
	setenv("XDG_CACHE_HOME", f->cache, 1);
	setenv("HOME", f->root, 1);
	char *a = with_version('1');
	put_db(f->kb, "a.yaml", a, 100, 0);
	free(a);
	put_db(f->kb, "b.yaml", p_b, 100, 0);
	put_db(f->kb, "bad.yaml", p_bad, 100, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'",
		 f->root, f->root);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* The headers of dir as the wizard reads them; *hits and *misses: the
 * cache's counts during it. */
static void load(const char *dir, soem_kbset *set, soem_warnings *warn,
		 size_t *hits, size_t *misses)
{
	soem_err err = { 0 };
	size_t h0, m0, h1, m1;
	memset(set, 0, sizeof *set);
	soem_kbset_lazy(set, NULL);
	soem_headcache_counts(&h0, &m0);
	assert_int_equal(soem_kbset_add_dir(set, dir, warn, &err), 0);
	soem_headcache_counts(&h1, &m1);
	*hits = h1 - h0;
	*misses = m1 - m0;
}

static void text_equal(const soem_text *x, const soem_text *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++) {
		if (!x->lang[i] || !y->lang[i])
			assert_ptr_equal(x->lang[i], y->lang[i]);
		else
			assert_string_equal(x->lang[i], y->lang[i]);
		assert_string_equal(x->text[i], y->text[i]);
	}
}

/* Two headers are the same, field by field. */
static void head_equal(const soem_kb *x, const soem_kb *y)
{
	assert_non_null(x);
	assert_non_null(y);
	assert_true(x->header_only);
	assert_true(y->header_only);
	assert_null(x->fail);
	assert_null(y->fail);
	assert_string_equal(x->path, y->path);
	assert_int_equal(x->format, y->format);
	assert_string_equal(x->id, y->id);
	text_equal(&x->name, &y->name);
	assert_string_equal(x->version, y->version);
	assert_string_equal(x->currency, y->currency);
	assert_int_equal(x->price_year, y->price_year);
	assert_string_equal(x->language, y->language);
	assert_int_equal(x->ngroup_areas, y->ngroup_areas);
	for (size_t i = 0; i < x->ngroup_areas; i++) {
		assert_string_equal(x->group_areas[i].id, y->group_areas[i].id);
		text_equal(&x->group_areas[i].name, &y->group_areas[i].name);
	}
	assert_int_equal(x->npayers, 0);
	assert_int_equal(y->npayers, 0);
}

static void set_equal(const soem_kbset *x, const soem_kbset *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++)
		head_equal(x->kb[i], y->kb[i]);
	assert_int_equal(x->nbroken, y->nbroken);
	for (size_t i = 0; i < x->nbroken; i++) {
		assert_string_equal(x->broken[i].path, y->broken[i].path);
		assert_string_equal(x->broken[i].msg, y->broken[i].msg);
	}
}

static void warn_equal(const soem_warnings *x, const soem_warnings *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++)
		assert_string_equal(x->msg[i], y->msg[i]);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(HEADCACHE_MAX + 2);
	assert_non_null(buf);
	*len = fread(buf, 1, HEADCACHE_MAX + 1, f);
	fclose(f);
	return buf;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode & 07777;
}

/* The reference: the headers read from the YAML (a first start). */
static void reference(fx *f, soem_kbset *ref, soem_warnings *rw)
{
	size_t hits, misses;
	load(f->kb, ref, rw, &hits, &misses);
	assert_int_equal(hits, 0);
	assert_int_equal(misses, 3);
	assert_int_equal(ref->n, 2);
	assert_int_equal(ref->nbroken, 1);
}

/* A second start takes both good headers from the cache (no YAML read),
 * and they equal the YAML's; the broken one is read and reported again. */
static void test_second_start_from_cache(void **state)
{
	fx *f = *state;
	soem_kbset ref, set;
	soem_warnings rw = { 0 }, w = { 0 };
	size_t hits, misses;

	reference(f, &ref, &rw);
	assert_int_equal(mode_of(f->cdir), 0700);
	assert_int_equal(mode_of(f->cfile), 0600);
	assert_int_equal(mode_of(f->cache) & 077, 0);

	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 2);
	assert_int_equal(misses, 1);          /* bad.yaml: not cached */
	set_equal(&ref, &set);
	warn_equal(&rw, &w);
	const soem_kb *a = soem_kbset_peek(&set, "a");
	assert_non_null(a);
	assert_string_equal(a->version, "1");
	assert_string_equal(soem_text_get(&a->name, "en", "da"), "Denmark");
	assert_string_equal(soem_text_get(&a->group_areas[0].name, "sv", "da"),
			    "Vuxna");
	const soem_kb *b = soem_kbset_peek(&set, "b");
	assert_non_null(b);
	assert_string_equal(soem_text_get(&b->name, "da", "sv"),
			    "Bee: a name\nwith a line break");

	/* the whole profile still reads when it is used */
	const soem_kb *full = soem_kbset_find(&set, "a");
	assert_non_null(full);
	assert_false(full->header_only);
	assert_int_equal(full->npayers, 2);
	assert_int_equal(full->ngroups, 1);

	soem_kbset_free(&set);
	soem_kbset_free(&ref);
	soem_warnings_free(&w);
	soem_warnings_free(&rw);
}

/* A changed file is read from its YAML: same size and a new time; the
 * old time stamp put back; a new file renamed over it (new inode). */
static void test_changed_file(void **state)
{
	fx *f = *state;
	soem_kbset ref, set;
	soem_warnings rw = { 0 }, w = { 0 };
	size_t hits, misses;
	char path[256];
	snprintf(path, sizeof path, "%s/a.yaml", f->kb);

	reference(f, &ref, &rw);
	struct stat old;
	assert_int_equal(stat(path, &old), 0);

	/* same size, another mtime */
	char *a2 = with_version('2');
	put_db(f->kb, "a.yaml", a2, 50, 0);
	free(a2);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 1);
	assert_int_equal(misses, 2);
	assert_string_equal(soem_kbset_peek(&set, "a")->version, "2");
	soem_kbset_free(&set);
	/* now cached as version 2 */
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 2);
	assert_string_equal(soem_kbset_peek(&set, "a")->version, "2");
	soem_kbset_free(&set);

	/* the same size and the very time stamp of the cached one: only the
	 * change time tells, and it does */
	char *a3 = with_version('3');
	assert_int_equal(stat(path, &old), 0);
	write_at(path, a3, strlen(a3));
	free(a3);
	struct timespec ts[2] = { old.st_atim, old.st_mtim };
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 1);
	assert_string_equal(soem_kbset_peek(&set, "a")->version, "3");
	soem_kbset_free(&set);

	/* a new file renamed over it: another inode */
	char tmp[256];
	snprintf(tmp, sizeof tmp, "%s/.new", f->kb);
	char *a4 = with_version('4');
	put_db(f->kb, ".new", a4, 50, 0);
	free(a4);
	assert_int_equal(rename(tmp, path), 0);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 1);
	assert_string_equal(soem_kbset_peek(&set, "a")->version, "4");
	soem_kbset_free(&set);

	/* a file removed: gone from the list and from the cache */
	assert_int_equal(unlink(path), 0);
	load(f->kb, &set, &w, &hits, &misses);
	assert_null(soem_kbset_peek(&set, "a"));
	assert_int_equal(set.n, 1);
	soem_kbset_free(&set);
	size_t len;
	char *c = slurp(f->cfile, &len);
	assert_non_null(c);
	c[len] = '\0';
	assert_null(strstr(c, "/a.yaml"));
	free(c);

	/* a file changed a moment ago is read from the YAML until it has
	 * rested (its time stamp could be shared by another change) */
	char *a5 = with_version('5');
	put_db(f->kb, "a.yaml", a5, 0, 0);
	free(a5);
	load(f->kb, &set, &w, &hits, &misses);
	soem_kbset_free(&set);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 1);            /* b only */
	assert_int_equal(misses, 2);
	assert_string_equal(soem_kbset_peek(&set, "a")->version, "5");
	soem_kbset_free(&set);

	soem_kbset_free(&ref);
	soem_warnings_free(&w);
	soem_warnings_free(&rw);
}

/* Loads with the cache file holding buf (len bytes, mode 0600) and
 * checks that the result is the reference's; returns the hits. */
static size_t load_with(fx *f, const char *buf, size_t len,
			const soem_kbset *ref, const soem_warnings *rw)
{
	soem_kbset set;
	soem_warnings w = { 0 };
	size_t hits, misses;
	unlink(f->cfile);
	int fd = open(f->cfile, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits + misses, 3);
	set_equal(ref, &set);
	warn_equal(rw, &w);
	soem_kbset_free(&set);
	soem_warnings_free(&w);
	return hits;
}

/* A cache truncated at every length, with any byte changed, from another
 * version, or too large is ignored (the YAML's headers, the same
 * warnings) and written anew. */
static void test_broken_cache(void **state)
{
	fx *f = *state;
	soem_kbset ref;
	soem_warnings rw = { 0 };
	size_t len;

	reference(f, &ref, &rw);
	char *good = slurp(f->cfile, &len);
	assert_non_null(good);
	assert_true(len > 100);
	assert_int_equal(load_with(f, good, len, &ref, &rw), 2);

	for (size_t n = 0; n < len; n++) {
		assert_int_equal(load_with(f, good, n, &ref, &rw), 0);
		/* written anew: the next start uses it */
		size_t l2;
		char *again = slurp(f->cfile, &l2);
		assert_non_null(again);
		assert_int_equal(l2, len);
		assert_memory_equal(again, good, len);
		free(again);
	}
	char *bad = malloc(len + 1);
	assert_non_null(bad);
	for (size_t i = 0; i < len; i++) {
		memcpy(bad, good, len);
		bad[i] ^= 0x01;
		assert_int_equal(load_with(f, bad, len, &ref, &rw), 0);
		memcpy(bad, good, len);
		bad[i] = '\0';
		assert_int_equal(load_with(f, bad, len, &ref, &rw), 0);
	}
	/* a byte more */
	memcpy(bad, good, len);
	bad[len] = '\n';
	assert_int_equal(load_with(f, bad, len + 1, &ref, &rw), 0);
	free(bad);

	/* another soem's: a different magic line */
	char *other = malloc(len + 16);
	assert_non_null(other);
	const char *nl = memchr(good, '\n', len);
	assert_non_null(nl);
	int k = snprintf(other, len + 16, "soem-kb-heads 999 0 2");
	memcpy(other + k, nl, len - (size_t)(nl - good));
	assert_int_equal(load_with(f, other, (size_t)k + len - (size_t)(nl - good),
				   &ref, &rw), 0);
	free(other);

	/* too large */
	char *big = malloc(HEADCACHE_MAX + 1);
	assert_non_null(big);
	memset(big, '\n', HEADCACHE_MAX + 1);
	memcpy(big, good, len);
	assert_int_equal(load_with(f, big, HEADCACHE_MAX + 1, &ref, &rw), 0);
	free(big);
	size_t l3;
	char *now = slurp(f->cfile, &l3);
	assert_non_null(now);
	assert_int_equal(l3, len);
	free(now);

	/* the cache file a symbolic link, or a folder: not used, replaced */
	unlink(f->cfile);
	char target[256];
	snprintf(target, sizeof target, "%s/elsewhere", f->root);
	write_at(target, good, len);
	chmod(target, 0600);
	assert_int_equal(symlink(target, f->cfile), 0);
	soem_kbset set;
	soem_warnings w = { 0 };
	size_t hits, misses;
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 0);
	set_equal(&ref, &set);
	soem_kbset_free(&set);
	assert_int_equal(mode_of(f->cfile), 0600);   /* a file now */

	/* a cache file others may read or write: not used, made 0600 */
	assert_int_equal(chmod(f->cfile, 0666), 0);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 0);
	soem_kbset_free(&set);
	assert_int_equal(mode_of(f->cfile), 0600);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 2);
	soem_kbset_free(&set);

	soem_warnings_free(&w);
	free(good);
	soem_kbset_free(&ref);
	soem_warnings_free(&rw);
}

/* Records whose checksum is made to fit (as if written by a broken soem)
 * never crash the reader; whatever it takes from them is a whole header
 * (valgrind and the sanitizer build check the memory). */
static void test_fitted_checksum(void **state)
{
	fx *f = *state;
	soem_kbset ref;
	soem_warnings rw = { 0 };
	size_t len;

	reference(f, &ref, &rw);
	char *good = slurp(f->cfile, &len);
	assert_non_null(good);
	char *bad = malloc(len + 1);
	assert_non_null(bad);
	/* each byte before the checksum becomes one of these in turn */
	static const char subst[] = "09:- \n";
	for (size_t i = 0; i + 21 < len; i++) {
		for (const char *d = subst + i % 6, *e = d + 1; d < e; d++) {
			memcpy(bad, good, len);
			bad[i] = *d;
			uint64_t h = 0xcbf29ce484222325ULL;
			for (size_t j = 0; j + 21 < len; j++) {
				h ^= (unsigned char)bad[j];
				h *= 0x100000001b3ULL;
			}
			char t[32];
			snprintf(t, sizeof t, "end %016llx\n",
				 (unsigned long long)h);
			memcpy(bad + len - 21, t, 21);
			unlink(f->cfile);
			write_at(f->cfile, bad, len);
			chmod(f->cfile, 0600);
			soem_kbset set;
			soem_warnings w = { 0 };
			size_t hits, misses;
			load(f->kb, &set, &w, &hits, &misses);
			assert_int_equal(hits + misses, 3);
			for (size_t s = 0; s < set.n; s++) {
				const soem_kb *kb = set.kb[s];
				assert_true(kb->header_only);
				assert_non_null(kb->id);
				assert_non_null(kb->version);
				assert_non_null(kb->currency);
				assert_non_null(kb->language);
				assert_true(kb->name.n > 0);
				assert_true(kb->price_year >= 1000 &&
					    kb->price_year <= 9999);
			}
			soem_kbset_free(&set);
			soem_warnings_free(&w);
		}
	}
	free(bad);
	free(good);
	soem_kbset_free(&ref);
	soem_warnings_free(&rw);
}

/* Checks that a start with the cache folder as it is now neither uses
 * nor writes the cache file (which holds good, len bytes, or is absent
 * when good is NULL). */
static void not_used(fx *f, const char *cfile, const char *good, size_t len,
		     const soem_kbset *ref, const soem_warnings *rw)
{
	soem_kbset set;
	soem_warnings w = { 0 };
	size_t hits, misses;
	struct stat before, after;
	bool had = good != NULL;
	if (had)
		assert_int_equal(lstat(cfile, &before), 0);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 0);
	set_equal(ref, &set);
	warn_equal(rw, &w);
	soem_kbset_free(&set);
	soem_warnings_free(&w);
	if (!had) {
		assert_int_equal(lstat(cfile, &after), -1);
		return;
	}
	assert_int_equal(lstat(cfile, &after), 0);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	size_t l2;
	char *now = slurp(cfile, &l2);
	assert_non_null(now);
	assert_int_equal(l2, len);
	assert_memory_equal(now, good, len);
	free(now);
	/* nor anything else in the folder */
	char dir[256];
	snprintf(dir, sizeof dir, "%s", cfile);
	*strrchr(dir, '/') = '\0';
	DIR *d = opendir(dir);
	assert_non_null(d);
	const struct dirent *e;
	int files = 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			files++;
	closedir(d);
	assert_int_equal(files, 1);
}

/* A cache folder others may write, of another user, or a symbolic link
 * is neither used nor written; without HOME and XDG_CACHE_HOME soem
 * works without a cache. */
static void test_unsafe_folder(void **state)
{
	fx *f = *state;
	soem_kbset ref, set;
	soem_warnings rw = { 0 }, w = { 0 };
	size_t len, hits, misses;

	reference(f, &ref, &rw);
	char *good = slurp(f->cfile, &len);
	assert_non_null(good);

	assert_int_equal(chmod(f->cdir, 0777), 0);
	not_used(f, f->cfile, good, len, &ref, &rw);
	assert_int_equal(chmod(f->cdir, 0770), 0);
	not_used(f, f->cfile, good, len, &ref, &rw);
	assert_int_equal(chmod(f->cdir, 0702), 0);
	not_used(f, f->cfile, good, len, &ref, &rw);
	/* nor made when it is not there */
	assert_int_equal(chmod(f->cdir, 0777), 0);
	assert_int_equal(unlink(f->cfile), 0);
	not_used(f, f->cfile, NULL, 0, &ref, &rw);
	write_at(f->cfile, good, len);
	assert_int_equal(chmod(f->cfile, 0600), 0);
	assert_int_equal(chmod(f->cdir, 0700), 0);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 2);          /* usable again */
	soem_kbset_free(&set);

	/* another user's folder (only root can make one to test with) */
	if (geteuid() == 0) {
		assert_int_equal(chown(f->cdir, 65534, 65534), 0);
		not_used(f, f->cfile, good, len, &ref, &rw);
		assert_int_equal(chown(f->cdir, 0, 0), 0);
		load(f->kb, &set, &w, &hits, &misses);
		assert_int_equal(hits, 2);
		soem_kbset_free(&set);
	} else {
		print_message("(another user's cache folder: not tested, not root)\n");
	}

	/* XDG_CACHE_HOME/soem a symbolic link to a good cache folder */
	char real[256];
	snprintf(real, sizeof real, "%s/real", f->root);
	assert_int_equal(rename(f->cdir, real), 0);
	assert_int_equal(symlink(real, f->cdir), 0);
	char rfile[300];
	snprintf(rfile, sizeof rfile, "%s/kb-heads", real);
	not_used(f, rfile, good, len, &ref, &rw);
	assert_int_equal(unlink(rfile), 0);
	not_used(f, rfile, NULL, 0, &ref, &rw);
	assert_int_equal(unlink(f->cdir), 0);

	/* no XDG_CACHE_HOME: ~/.cache/soem; a relative one counts as none */
	setenv("XDG_CACHE_HOME", "relative", 1);
	load(f->kb, &set, &w, &hits, &misses);
	soem_kbset_free(&set);
	char home_cache[256];
	snprintf(home_cache, sizeof home_cache, "%s/.cache/soem/kb-heads",
		 f->root);
	assert_int_equal(mode_of(home_cache), 0600);
	unsetenv("XDG_CACHE_HOME");
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 2);
	soem_kbset_free(&set);

	/* neither: no cache, the same headers */
	unsetenv("HOME");
	for (int i = 0; i < 2; i++) {
		soem_warnings w2 = { 0 };
		load(f->kb, &set, &w2, &hits, &misses);
		assert_int_equal(hits, 0);
		set_equal(&ref, &set);
		warn_equal(&rw, &w2);
		soem_kbset_free(&set);
		soem_warnings_free(&w2);
	}
	setenv("HOME", f->root, 1);

	soem_warnings_free(&w);
	free(good);
	soem_kbset_free(&ref);
	soem_warnings_free(&rw);
}

/* The folders are kept apart: reading one folder keeps the other
 * folder's entries; the non-lazy loader (kb validate and the like) does
 * not touch the cache. */
static void test_two_folders(void **state)
{
	fx *f = *state;
	soem_kbset set;
	soem_warnings w = { 0 };
	soem_err err = { 0 };
	size_t hits, misses;
	char kb2[200];
	snprintf(kb2, sizeof kb2, "%s/kb2", f->root);
	assert_int_equal(mkdir(kb2, 0755), 0);
	put_db(kb2, "b.yaml", p_b, 100, 0);

	load(f->kb, &set, &w, &hits, &misses);
	soem_kbset_free(&set);
	load(kb2, &set, &w, &hits, &misses);
	assert_int_equal(hits, 0);
	assert_int_equal(misses, 1);
	soem_kbset_free(&set);
	load(f->kb, &set, &w, &hits, &misses);
	assert_int_equal(hits, 2);
	soem_kbset_free(&set);
	load(kb2, &set, &w, &hits, &misses);
	assert_int_equal(hits, 1);
	soem_kbset_free(&set);

	/* whole loads neither read nor write it */
	assert_int_equal(unlink(f->cfile), 0);
	size_t h0, m0, h1, m1;
	soem_headcache_counts(&h0, &m0);
	memset(&set, 0, sizeof set);
	assert_int_equal(soem_kbset_add_dir(&set, f->kb, &w, &err), 0);
	soem_headcache_counts(&h1, &m1);
	assert_int_equal(h1 + m1, h0 + m0);
	assert_false(set.kb[0]->header_only);
	soem_kbset_free(&set);
	struct stat st;
	assert_int_equal(lstat(f->cfile, &st), -1);
	soem_warnings_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_second_start_from_cache,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_broken_cache, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_fitted_checksum, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unsafe_folder, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_two_folders, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
