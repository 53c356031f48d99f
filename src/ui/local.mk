## src/ui/local.mk - included by the top-level Makefile.am.
## The wizard's sources (linked into soem only; the only files that
## include curses.h), the pure model logic it needs (in libsoem.a, tested
## without a terminal) and its tests.

libsoem_a_SOURCES += \
	src/model/missing.c src/model/missing.h \
	src/model/calc_edit.c src/model/calc_edit.h

UI_SOURCES = \
	src/ui/ui.h src/ui/uipriv.h \
	src/ui/app.c src/ui/screen.c src/ui/keys.c src/ui/widgets.c \
	src/ui/session.c src/ui/start.c src/ui/groupbar.c \
	src/ui/step_intervention.c src/ui/step_target.c \
	src/ui/step_effect.c src/ui/step_costs.c \
	src/ui/step_consequences.c src/ui/step_prices.c \
	src/ui/step_results.c src/ui/export.c \
	src/ui/uncert.c src/ui/design.c src/ui/room.c \
	src/ui/termcheck.c src/ui/termcheck.h

if HAVE_CMOCKA
UI_UNIT_TESTS = tests/unit/test_missing tests/unit/test_calc_edit
check_PROGRAMS += $(UI_UNIT_TESTS)
TESTS += $(UI_UNIT_TESTS)
tests_unit_test_missing_SOURCES = tests/unit/test_missing.c \
	tests/unit/dk_fixture.h
tests_unit_test_missing_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_missing_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_missing_LDADD = $(UNIT_LDADD)
tests_unit_test_calc_edit_SOURCES = tests/unit/test_calc_edit.c \
	tests/unit/dk_fixture.h
tests_unit_test_calc_edit_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_test_calc_edit_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_calc_edit_LDADD = $(UNIT_LDADD)
endif

## Terminal tests: the real binary in tmux (tests/e2e/lib-tmux.sh).
E2E_TESTS = \
	tests/e2e/walkthrough.sh \
	tests/e2e/consequences.sh \
	tests/e2e/prices.sh \
	tests/e2e/refused.sh \
	tests/e2e/resize_nocolor.sh \
	tests/e2e/hangup.sh \
	tests/e2e/sigterm.sh \
	tests/e2e/autosave.sh \
	tests/e2e/lock.sh \
	tests/e2e/symlink.sh \
	tests/e2e/readonly_dir.sh \
	tests/e2e/files.sh \
	tests/e2e/headcache.sh \
	tests/e2e/results_heads.sh \
	tests/e2e/results_groups.sh \
	tests/e2e/prices_groups.sh \
	tests/e2e/term.sh \
	tests/e2e/wrapmarks.sh
TESTS += $(E2E_TESTS)

## The wizard as caseworkers meet it: keys, questions, forms (issue 14).
E2E_TESTS_KEYS = tests/e2e/keybar.sh tests/e2e/nested.sh tests/e2e/ask.sh \
	tests/e2e/form.sh tests/e2e/mentor.sh tests/e2e/groups.sh
TESTS += $(E2E_TESTS_KEYS)
EXTRA_DIST += $(E2E_TESTS_KEYS)
EXTRA_DIST += tests/e2e/lib-tmux.sh tests/e2e/screen.py $(E2E_TESTS)

## Files on a shared server (issue 12, §3).
E2E_TESTS_SAVE = tests/e2e/autosave_names.sh tests/e2e/emergency_fallback.sh \
	tests/e2e/readonly_file.sh
TESTS += $(E2E_TESTS_SAVE)
EXTRA_DIST += $(E2E_TESTS_SAVE)

## Languages in the wizard, and the Results step's export (issue 7).
E2E_TESTS_I18N = tests/e2e/lang.sh tests/e2e/export.sh tests/e2e/steps14.sh
TESTS += $(E2E_TESTS_I18N)
EXTRA_DIST += $(E2E_TESTS_I18N)

## The training room and scenarios (issue 14 point 18, issue 17).
E2E_TESTS_ROOM = tests/e2e/room.sh tests/e2e/scenario.sh
TESTS += $(E2E_TESTS_ROOM)
EXTRA_DIST += $(E2E_TESTS_ROOM)

## Untrusted text in the wizard and the emergency message (issue 12);
## long texts cut at the right column (issue 18).
E2E_TESTS_TEXT = tests/e2e/untrusted.sh tests/e2e/longtext.sh
TESTS += $(E2E_TESTS_TEXT)
EXTRA_DIST += $(E2E_TESTS_TEXT)

## Uncertainty and the evaluation design in the wizard (issue 5).
E2E_TESTS_UNC = tests/e2e/uncertainty.sh tests/e2e/design.sh
TESTS += $(E2E_TESTS_UNC)
EXTRA_DIST += $(E2E_TESTS_UNC)

## The start screen's help, browser and examples, and the setters no other
## terminal test reached (issue 12).
E2E_TESTS_SETTERS = tests/e2e/start_setters.sh
TESTS += $(E2E_TESTS_SETTERS)
EXTRA_DIST += $(E2E_TESTS_SETTERS)

## Bring your own figures: an imported profile is offered by the wizard
## without configuration (issue 16 point 9).
E2E_TESTS_KBIMPORT = tests/e2e/kb_import.sh
TESTS += $(E2E_TESTS_KBIMPORT)
EXTRA_DIST += $(E2E_TESTS_KBIMPORT)

## Issue 15 point 4 in the wizard: price schedules, tax shares, the price
## level and payer groups (SPEC 2.9).
E2E_TESTS_REAL = tests/e2e/prices_schedule.sh tests/e2e/prices_tax.sh \
	tests/e2e/price_level.sh tests/e2e/costs_payer_group.sh \
	tests/e2e/costs_completer.sh \
	tests/e2e/schedule_recover.sh tests/e2e/help_groupbar.sh
TESTS += $(E2E_TESTS_REAL)
EXTRA_DIST += $(E2E_TESTS_REAL)

## The database browser and the keys of SPEC 2.9 (issue 16).
E2E_TESTS_BROWSE = tests/e2e/browse_kb.sh
TESTS += $(E2E_TESTS_BROWSE)
EXTRA_DIST += $(E2E_TESTS_BROWSE)
