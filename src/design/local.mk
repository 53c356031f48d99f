## src/design/local.mk - included by the top-level Makefile.am.
## Evaluation design (SPEC 2.8) and uncertainty (SPEC 2.7): core sources
## added to libsoem.a, the `soem design` command, and their tests.

libsoem_a_SOURCES += \
	src/design/design.c src/design/design.h \
	src/engine/uncertain.c src/engine/uncertain.h \
	src/model/uncertainty.c src/model/uncertainty.h \
	src/io/eval_load.c src/io/eval_io.h \
	src/report/design.c

soem_SOURCES += src/cli/cmd_design.c

if HAVE_CMOCKA
DESIGN_TESTS = tests/unit/test_design tests/unit/test_uncertain
check_PROGRAMS += $(DESIGN_TESTS)
TESTS += $(DESIGN_TESTS)
tests_unit_test_design_SOURCES = tests/unit/test_design.c
tests_unit_test_design_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_design_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_design_LDADD = $(UNIT_LDADD)
tests_unit_test_uncertain_SOURCES = tests/unit/test_uncertain.c
tests_unit_test_uncertain_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_uncertain_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_uncertain_LDADD = $(UNIT_LDADD)
endif

TESTS += tests/cli/design.sh tests/cli/uncertainty.sh
EXTRA_DIST += tests/cli/design.sh tests/cli/uncertainty.sh \
	tests/cli/yamlcheck.py
