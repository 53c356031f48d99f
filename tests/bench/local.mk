## tests/bench/local.mk - `make bench`: the figures of SPEC §6 beside their
## bars, their limits and their peers (tests/bench/README says what each
## figure is).  Included by the top-level Makefile.am.  No benchmark is
## part of `make check`; only tests/bench/inputs.sh is, which checks
## without timing anything that gen.py writes the inputs the README
## promises.
##
## tests/bench/bench.py compiles its own soem from the source lists below,
## once with -O2 and once with -O0 (the unoptimised reference), without
## the configured CFLAGS and sanitizers, into tests/bench/o2 and o0 of the
## build tree; generates the large inputs into tests/bench/gen (nothing
## large is in the source tree); runs each figure BENCH_RUNS times and
## prints the medians.

BENCH_RUNS = 11
BENCH_CLOCK = auto

EXTRA_DIST += tests/bench/README tests/bench/local.mk tests/bench/bench.py \
	tests/bench/gen.py tests/bench/ptyrun.c tests/bench/bare.c \
	tests/bench/bench_core.c tests/bench/inputs.sh
TESTS += tests/bench/inputs.sh

bench:
	@$(MKDIR_P) tests/bench
	@python3 $(srcdir)/tests/bench/bench.py --runs '$(BENCH_RUNS)' \
		--clock '$(BENCH_CLOCK)' \
		--srcdir '$(abs_top_srcdir)' --builddir '$(abs_top_builddir)' \
		--cc '$(CC)' \
		--cppflags '$(DEFS) -I$(abs_top_builddir) -I$(abs_top_srcdir)/src $(AM_CPPFLAGS) $(CPPFLAGS)' \
		--cflags '$(YAML_CFLAGS) $(INIPARSER_CFLAGS)' \
		--ncurses-cflags '$(NCURSESW_CFLAGS)' \
		--libs '$(YAML_LIBS) $(INIPARSER_LIBS) $(LIBINTL) -lm' \
		--ncurses-libs '$(NCURSESW_LIBS)' \
		--core '$(libsoem_a_SOURCES)' --soem '$(soem_SOURCES)'

clean-local: clean-bench
clean-bench:
	-rm -rf tests/bench/o2 tests/bench/o0 tests/bench/gen tests/bench/home

.PHONY: bench clean-bench
