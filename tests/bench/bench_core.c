/* bench_core.c - the in-process figures of `make bench`
 * (tests/bench/README), linked with soem's core built -O2 and again -O0.
 *
 *   bench_core load FILE REPS
 *       load_ms: soem_kb_load of FILE (reading, parsing, validating)
 *   bench_core yaml REPS FILE...
 *       yaml_ms: libyaml's bare event loop over the FILEs (reading each,
 *       every event parsed and deleted, nothing kept): the limit of
 *       loading them
 *   bench_core engine KBDIR CALC REPS DRAWS MCREPS
 *       compute_ms: soem_compute of CALC (its problem built once)
 *       limit_compute_ms: a plain loop doing only the multiply-adds of
 *           the same calculation (units per service and year from the
 *           cohorts, times the prices, times the discount factors: PV(E),
 *           compute_check is its difference to soem's, relative)
 *       mc_ms: soem_mc_run of DRAWS draws over CALC's uncertain inputs
 *       limit_mc_ms: the same draws (the same generator and inverse
 *           triangular) and a plain loop doing only the multiply-adds of
 *           the present value per draw, from per-unit present values
 *           computed beforehand (what any Monte Carlo of a model linear in
 *           its inputs must do at least)
 *       mc_inputs, mc_fast, mc_check: the number of uncertain inputs,
 *           whether soem used its fast path, and |mean(soem) - mean(limit)|
 *           relative (the two must agree)
 *   bench_core loadrss FILE
 *       maxrss_kb: the process's peak resident memory (VmHWM) after
 *       one soem_kb_load of FILE, the model held to the exit (not freed:
 *       that is no part of loading)
 *   bench_core yamltree FILE
 *       maxrss_kb: the same after libyaml's own document tree of FILE
 *       (yaml_parser_load), the tree still held: the reference of
 *       SPEC 6's peak memory while loading (<= 3x)
 *   bench_core idle
 *       maxrss_kb: the same for a process that loads nothing
 * Each figure is the median of REPS (MCREPS) timed runs, in ms of
 * wall-clock time, or of CPU time with BENCH_CPU=1. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <yaml.h>

#include "engine/engine.h"
#include "engine/uncertain.h"
#include "io/calc_io.h"
#include "io/kb_io.h"
#include "yaml/ynode.h"
#include "model/calc.h"
#include "model/problem.h"
#include "model/uncertainty.h"
#include "util/xalloc.h"

/* Wall-clock or, with BENCH_CPU=1 in the environment (make bench on a
 * busy machine), the process's own CPU time. */
static double now_ms(void)
{
	static int cpu = -1;
	if (cpu < 0) {
		const char *e = getenv("BENCH_CPU");
		cpu = e && *e == '1';
	}
	struct timespec ts;
	clock_gettime(cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static volatile double sink;

static void die(const char *what, const soem_err *err)
{
	fprintf(stderr, "bench_core: %s: %s\n", what, err ? err->msg : "");
	exit(1);
}

/* ------------------------------------------------------------------ */

static int cmd_load(const char *file, int reps)
{
	double *t = xcalloc((size_t)reps, sizeof *t);
	for (int i = 0; i < reps; i++) {
		soem_err err = { 0 };
		soem_warnings warn = { 0 };
		soem_kb *kb = NULL;
		double t0 = now_ms();
		if (soem_kb_load(file, &kb, &warn, &err))
			die(file, &err);
		t[i] = now_ms() - t0;
		soem_kb_free(&kb);
		soem_warnings_free(&warn);
	}
	printf("load_ms %.3f\n", median(t, reps));
	free(t);
	return 0;
}

static int cmd_yaml(char **files, int nfiles, int reps)
{
	double *t = xcalloc((size_t)reps, sizeof *t);
	for (int i = 0; i < reps; i++) {
	    double t0 = now_ms();
	    for (int f = 0; f < nfiles; f++) {
		const char *file = files[f];
		char *buf;
		size_t len;
		soem_err err = { 0 };
		if (soem_read_file(file, SOEM_YAML_MAX_FILE, &buf, &len, &err))
			die(file, &err);
		yaml_parser_t p;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
		long events = 0;
		for (;;) {
			yaml_event_t ev;
			if (!yaml_parser_parse(&p, &ev)) {
				fprintf(stderr, "bench_core: %s: %s\n", file,
					p.problem);
				return 1;
			}
			bool end = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
			events++;
			if (end)
				break;
		}
		yaml_parser_delete(&p);
		free(buf);
		sink = (double)events;
	    }
	    t[i] = now_ms() - t0;
	}
	printf("yaml_ms %.3f\n", median(t, reps));
	free(t);
	return 0;
}

/* The peak resident memory of this process (kB): VmHWM of
 * /proc/self/status, which is this program's own (ru_maxrss keeps the
 * peak of the process that exec'd it, e.g. bench.py's Python), else
 * getrusage. */
static long maxrss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char l[256];
	long kb = -1;
	while (f && fgets(l, sizeof l, f))
		if (strncmp(l, "VmHWM:", 6) == 0)
			kb = atol(l + 6);
	if (f)
		fclose(f);
	if (kb < 0) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		kb = ru.ru_maxrss;
	}
	return kb;
}

static int cmd_loadrss(const char *file)
{
	soem_err err = { 0 };
	soem_warnings warn = { 0 };
	soem_kb *kb = NULL;
	if (soem_kb_load(file, &kb, &warn, &err))
		die(file, &err);
	printf("maxrss_kb %ld\n", maxrss_kb());
	/* held to the end, as by the wizard: freeing it is not loading */
	sink = (double)(kb != NULL);
	soem_warnings_free(&warn);
	return 0;
}

static int cmd_yamltree(const char *file)
{
	char *buf;
	size_t len;
	soem_err err = { 0 };
	if (soem_read_file(file, SOEM_YAML_MAX_FILE, &buf, &len, &err))
		die(file, &err);
	yaml_parser_t p;
	yaml_document_t doc;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&p, &doc)) {
		fprintf(stderr, "bench_core: %s: %s\n", file, p.problem);
		return 1;
	}
	sink = (double)(doc.nodes.top - doc.nodes.start);
	printf("maxrss_kb %ld\n", maxrss_kb());
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	free(buf);
	return 0;
}

/* ------------------------------------------------------------------ */
/* The plain loops. */

static double limit_compute(const soem_problem *pb, const double *d,
			    const double *rho, double *u, double *e)
{
	int h = pb->horizon;
	size_t np = pb->npayers;
	memset(e, 0, (size_t)h * np * sizeof *e);
	for (size_t k = 0; k < pb->nservices; k++) {
		const soem_pservice *sv = &pb->services[k];
		memset(u, 0, (size_t)h * sizeof *u);
		for (size_t c = 0; c < pb->ncohorts; c++) {
			double n = pb->cohorts[c].n, succ = n * pb->s * sv->scale;
			int start = pb->cohorts[c].year;
			int fin = start + pb->course_years - 1;
			int jmax = h - fin + 1;
			if (jmax > (int)sv->nyears)
				jmax = (int)sv->nyears;
			for (int j = 1; j <= jmax; j++)
				u[fin + j - 2] += succ * rho[j - 1] * sv->delta[j - 1];
			for (int t = start; t <= fin && t <= h; t++)
				u[t - 1] += n * sv->during;
		}
		for (int t = 0; t < h; t++)
			for (size_t p = 0; p < np; p++)
				e[(size_t)t * np + p] += sv->sign * sv->price[p] * u[t];
	}
	double pv = 0;
	for (int t = 0; t < h; t++)
		for (size_t p = 0; p < np; p++)
			pv += e[(size_t)t * np + p] * d[t];
	return pv;
}

/* xoshiro256** and the inverse triangular, as uncertain.h defines them */
static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline double lim_u(uint64_t *s)
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return (double)(r >> 11) * 0x1.0p-53;
}

struct lim {
	size_t P, C, K, N;
	double *g;       /* [K][C] sum_j d_{f_c+j-1} rho_j delta_kj */
	double *hc;      /* [C] sum of d over the course years */
	double *q, *q0;  /* [ncosts][C], [ncosts] unit PV of each cost */
	long *xs_price;  /* [K][P] input or -1 */
	long *xs_scale, *xs_during, *xs_cohort, *xs_cost;
	long xs_s, xs_p1, xs_p0;
	double *A, *B, *CQ, *C0, *x;
};

static bool lim_setup(struct lim *L, const soem_problem *pb,
		      const soem_uset *u)
{
	size_t P = pb->npayers, C = pb->ncohorts, K = pb->nservices;
	int h = pb->horizon;
	L->P = P;
	L->C = C;
	L->K = K;
	L->N = u->n;
	double *d = xcalloc((size_t)h, sizeof *d);
	soem_discount_factors(pb, d);
	L->g = xcalloc(K * C, sizeof *L->g);
	L->hc = xcalloc(C, sizeof *L->hc);
	for (size_t c = 0; c < C; c++) {
		int start = pb->cohorts[c].year, fin = start + pb->course_years - 1;
		for (int t = start; t <= fin && t <= h; t++)
			L->hc[c] += d[t - 1];
		for (size_t k = 0; k < K; k++) {
			const soem_pservice *sv = &pb->services[k];
			double g = 0;
			for (int t = fin; t <= h; t++) {
				size_t j = (size_t)(t - fin + 1);
				if (j > sv->nyears)
					break;
				g += d[t - 1] * soem_persistence(pb, (int)j) *
				     sv->delta[j - 1];
			}
			L->g[k * C + c] = g;
		}
	}
	L->q = xcalloc(pb->ncosts * C + 1, sizeof *L->q);
	L->q0 = xcalloc(pb->ncosts + 1, sizeof *L->q0);
	for (size_t i = 0; i < pb->ncosts; i++) {
		const soem_pcost *co = &pb->costs[i];
		for (size_t c = 0; c < C; c++) {
			int start = pb->cohorts[c].year;
			if (co->basis == SOEM_BASIS_PER_PARTICIPANT)
				L->q[i * C + c] = d[start - 1];
			else if (co->basis == SOEM_BASIS_PER_PARTICIPANT_YEAR)
				L->q[i * C + c] = L->hc[c];
		}
		if (co->basis == SOEM_BASIS_ONCE)
			for (size_t y = 0; y < co->nyears; y++)
				if (co->years[y] >= 1 && co->years[y] <= h)
					L->q0[i] += d[co->years[y] - 1];
		if (co->basis == SOEM_BASIS_YEARLY)
			for (int t = co->from < 1 ? 1 : co->from;
			     t <= (co->to > h ? h : co->to); t++)
				L->q0[i] += d[t - 1];
	}
	free(d);
	L->xs_price = xmalloc((K * P + 1) * sizeof(long));
	L->xs_scale = xmalloc((K + 1) * sizeof(long));
	L->xs_during = xmalloc((K + 1) * sizeof(long));
	L->xs_cohort = xmalloc((C + 1) * sizeof(long));
	L->xs_cost = xmalloc((pb->ncosts + 1) * sizeof(long));
	for (size_t i = 0; i < K * P; i++)
		L->xs_price[i] = -1;
	for (size_t i = 0; i < K; i++)
		L->xs_scale[i] = L->xs_during[i] = -1;
	for (size_t i = 0; i < C; i++)
		L->xs_cohort[i] = -1;
	for (size_t i = 0; i < pb->ncosts; i++)
		L->xs_cost[i] = -1;
	L->xs_s = L->xs_p1 = L->xs_p0 = -1;
	for (size_t n = 0; n < u->n; n++) {
		const soem_uinput *in = &u->in[n];
		switch (in->kind) {
		case SOEM_U_S: L->xs_s = (long)n; break;
		case SOEM_U_P1: L->xs_p1 = (long)n; break;
		case SOEM_U_P0: L->xs_p0 = (long)n; break;
		case SOEM_U_COHORT: L->xs_cohort[in->i] = (long)n; break;
		case SOEM_U_COST: L->xs_cost[in->i] = (long)n; break;
		case SOEM_U_SCALE: L->xs_scale[in->i] = (long)n; break;
		case SOEM_U_DURING: L->xs_during[in->i] = (long)n; break;
		case SOEM_U_PRICE: L->xs_price[in->i * P + in->j] = (long)n; break;
		default: return false; /* not linear or not modelled here */
		}
	}
	L->A = xcalloc(P * C + 1, sizeof *L->A);
	L->CQ = xcalloc(P * C + 1, sizeof *L->CQ);
	L->B = xcalloc(P + 1, sizeof *L->B);
	L->C0 = xcalloc(P + 1, sizeof *L->C0);
	L->x = xcalloc(u->n + 1, sizeof *L->x);
	return true;
}

/* Mean total PV(R) over draws. */
static double limit_mc(struct lim *L, const soem_problem *pb,
		       const soem_uset *u, long draws, uint64_t seed)
{
	soem_rng r;
	soem_rng_seed(&r, seed);
	uint64_t s[4] = { r.s[0], r.s[1], r.s[2], r.s[3] };
	size_t P = L->P, C = L->C, K = L->K, N = L->N;
	double *x = L->x, sum = 0;
	for (long dr = 0; dr < draws; dr++) {
		for (size_t i = 0; i < N; i++) {
			const soem_uinput *in = &u->in[i];
			double uu = lim_u(s), a = in->low, c = in->value, b = in->high;
			if (!(b > a))
				x[i] = c;
			else if (uu * (b - a) < c - a)
				x[i] = a + sqrt(uu * (b - a) * (c - a));
			else
				x[i] = b - sqrt((1 - uu) * (b - a) * (b - c));
		}
		double sr = L->xs_s >= 0 ? x[L->xs_s] : pb->s;
		if (L->xs_p1 >= 0 || L->xs_p0 >= 0)
			sr = (L->xs_p1 >= 0 ? x[L->xs_p1] : u->p1) -
			     (L->xs_p0 >= 0 ? x[L->xs_p0] : u->p0);
		memset(L->A, 0, P * C * sizeof *L->A);
		memset(L->CQ, 0, P * C * sizeof *L->CQ);
		memset(L->B, 0, P * sizeof *L->B);
		memset(L->C0, 0, P * sizeof *L->C0);
		for (size_t k = 0; k < K; k++) {
			const soem_pservice *sv = &pb->services[k];
			double sc = L->xs_scale[k] >= 0 ? x[L->xs_scale[k]] : sv->scale;
			double du = L->xs_during[k] >= 0 ? x[L->xs_during[k]] : sv->during;
			const double *g = L->g + k * C;
			for (size_t p = 0; p < P; p++) {
				long xi = L->xs_price[k * P + p];
				double pr = xi >= 0 ? x[xi] * u->in[xi].factor
						    : sv->price[p];
				double a = sv->sign * pr * sc;
				double *A = L->A + p * C;
				for (size_t c = 0; c < C; c++)
					A[c] += a * g[c];
				L->B[p] += sv->sign * pr * du;
			}
		}
		for (size_t i = 0; i < pb->ncosts; i++) {
			const soem_pcost *co = &pb->costs[i];
			double a = L->xs_cost[i] >= 0
					   ? x[L->xs_cost[i]] * u->in[L->xs_cost[i]].factor
					   : co->amount;
			if (co->saved)
				a = -a;
			double *cq = L->CQ + co->payer * C;
			for (size_t c = 0; c < C; c++)
				cq[c] += a * L->q[i * C + c];
			L->C0[co->payer] += a * L->q0[i];
		}
		double total = 0;
		for (size_t p = 0; p < P; p++) {
			double v = -L->C0[p];
			for (size_t c = 0; c < C; c++) {
				double n = L->xs_cohort[c] >= 0 ? x[L->xs_cohort[c]]
							       : pb->cohorts[c].n;
				v += n * (sr * L->A[p * C + c] + L->hc[c] * L->B[p] -
					  L->CQ[p * C + c]);
			}
			total += v;
		}
		sum += total;
	}
	return sum / (double)draws;
}

static int cmd_engine(const char *kbdir, const char *file, int reps,
		      long draws, int mcreps)
{
	soem_err err = { 0 };
	soem_warnings warn = { 0 };
	soem_kbset set = { 0 };
	if (soem_kbset_add_dir(&set, kbdir, &warn, &err))
		die(kbdir, &err);
	soem_calc *calc = NULL;
	const soem_kb *kb = NULL;
	if (soem_calc_load(file, &set, NULL, &calc, &kb, &warn, &err))
		die(file, &err);
	soem_problem pb;
	size_t *svc_cons = NULL;
	memset(&pb, 0, sizeof pb);
	if (soem_problem_build(calc, kb, &pb, &svc_cons, &err))
		die(file, &err);

	double *t = xcalloc((size_t)(reps > mcreps ? reps : mcreps), sizeof *t);
	double ref = 0;
	for (int i = 0; i < reps; i++) {
		double t0 = now_ms();
		soem_result *res = soem_compute(&pb);
		t[i] = now_ms() - t0;
		if (!res)
			die("soem_compute", NULL);
		ref = res->pv_effects[pb.npayers];
		soem_result_free(&res);
	}
	printf("compute_ms %.4f\n", median(t, reps));

	size_t h = (size_t)pb.horizon;
	double *d = xcalloc(h, sizeof *d), *rho = xcalloc(h, sizeof *rho);
	double *u = xcalloc(h, sizeof *u), *e = xcalloc(h * pb.npayers + 1, sizeof *e);
	soem_discount_factors(&pb, d);
	for (size_t j = 0; j < h; j++)
		rho[j] = soem_persistence(&pb, (int)j + 1);
	for (int i = 0; i < reps; i++) {
		double t0 = now_ms();
		sink = limit_compute(&pb, d, rho, u, e);
		t[i] = now_ms() - t0;
	}
	printf("limit_compute_ms %.4f\n", median(t, reps));
	printf("compute_check %.3g\n", fabs(sink - ref) / (fabs(ref) + 1));

	soem_uset us = { 0 };
	if (soem_unc_inputs(calc, kb, &pb, svc_cons, &us, &err))
		die("soem_unc_inputs", &err);
	printf("mc_inputs %zu\n", us.n);
	double mc_mean = NAN;
	if (draws > 0 && us.n > 0) {
		for (int i = 0; i < mcreps; i++) {
			soem_mc mc;
			double t0 = now_ms();
			if (soem_mc_run(&pb, &us, draws, calc->seed, &mc))
				die("soem_mc_run", NULL);
			t[i] = now_ms() - t0;
			printf("%s", i ? "" : mc.fast ? "mc_fast 1\n" : "mc_fast 0\n");
			mc_mean = mc.mean[pb.npayers];
			soem_mc_free(&mc);
		}
		printf("mc_ms %.3f\n", median(t, mcreps));
		struct lim L;
		memset(&L, 0, sizeof L);
		if (lim_setup(&L, &pb, &us)) {
			double m = 0;
			for (int i = 0; i < mcreps; i++) {
				double t0 = now_ms();
				m = limit_mc(&L, &pb, &us, draws, calc->seed);
				t[i] = now_ms() - t0;
			}
			printf("limit_mc_ms %.3f\n", median(t, mcreps));
			printf("mc_check %.3g\n",
			       fabs(m - mc_mean) / (fabs(mc_mean) + 1));
		}
		free(L.g), free(L.hc), free(L.q), free(L.q0), free(L.xs_price);
		free(L.xs_scale), free(L.xs_during), free(L.xs_cohort);
		free(L.xs_cost), free(L.A), free(L.B), free(L.CQ), free(L.C0);
		free(L.x);
	}
	soem_uset_free(&us);
	free(d), free(rho), free(u), free(e), free(t);
	free(svc_cons);
	soem_problem_free(&pb);
	soem_calc_free(&calc);
	soem_warnings_free(&warn);
	soem_kbset_free(&set);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "load") == 0)
		return cmd_load(argv[2], atoi(argv[3]));
	if (argc >= 4 && strcmp(argv[1], "yaml") == 0)
		return cmd_yaml(argv + 3, argc - 3, atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "loadrss") == 0)
		return cmd_loadrss(argv[2]);
	if (argc == 3 && strcmp(argv[1], "yamltree") == 0)
		return cmd_yamltree(argv[2]);
	if (argc == 2 && strcmp(argv[1], "idle") == 0) {
		printf("maxrss_kb %ld\n", maxrss_kb());
		return 0;
	}
	if (argc == 7 && strcmp(argv[1], "engine") == 0)
		return cmd_engine(argv[2], argv[3], atoi(argv[4]),
				  atol(argv[5]), atoi(argv[6]));
	fputs("usage: bench_core load FILE REPS\n"
	      "       bench_core yaml REPS FILE...\n"
	      "       bench_core engine KBDIR CALC REPS DRAWS MCREPS\n"
	      "       bench_core loadrss FILE | yamltree FILE | idle\n",
	      stderr);
	return 2;
}
