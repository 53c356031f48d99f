## tests/mutants/local.mk - `make mutants`: the mutation job (never part of
## `make check`).  tests/mutants/run.sh writes each named mutant of
## tests/mutants/mutants.txt into a copy of the source tree under
## mutants-work/ of the build tree, rebuilds the copy and runs the unit
## tests and tests/cli; it prints killed/survived per mutant and fails when
## one survived.  MUTANTS=name1,name2 runs a subset; MUTANT_JOBS=N sets how
## many copies run at once (default: the number of processors).

EXTRA_DIST += tests/mutants/local.mk tests/mutants/run.sh \
	tests/mutants/mutate.py tests/mutants/mutants.txt

mutants:
	SOEM_SRCDIR='$(abs_top_srcdir)' MUTANT_WORK='$(abs_top_builddir)/mutants-work' \
	$(SHELL) $(top_srcdir)/tests/mutants/run.sh

clean-local: clean-mutants
clean-mutants:
	-rm -rf mutants-work

.PHONY: mutants clean-mutants
