#!/bin/sh
# Nothing installed on the machine reaches the wizard's tests (issue 12):
# the tmux helper's `env -i` passes SOEM_LOCALEDIR, SOEM_DATADIR and
# SOEM_SYSCONFDIR on (see tests/env/isolated.sh).  With --lang da the
# start screen speaks the build's Danish, and "Open an example
# calculation" lists exactly the examples in SOEM_DATADIR/examples.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

soem_start -- --lang da
wait_for "Hvad vil du gøre?"
# the example picker lists the files of $SOEM_DATADIR/examples, no others
keys Down Down
wait_for "Åbn et eksempel"
keys Enter
wait_for "housing-first.soem.yaml"
settle
want=$(cd "$SOEM_DATADIR/examples" && ls -- *.soem.yaml | sort)
got=$(screen | grep -o '[A-Za-z0-9_.-]*\.soem\.yaml' | sort -u)
check '[ "$want" = "$got" ]' "the examples listed are not those of $SOEM_DATADIR/examples: want [$want], got [$got]"
keys Escape
wait_gone "housing-first.soem.yaml"
keys C-q
wait_for "__EXIT=0"

# SOEM_DATADIR is what the wizard reads: a folder with one example of its own
mkdir -p "$T/data/examples"
cp "$SOEM_DATADIR/examples/housing-first.soem.yaml" "$T/data/examples/only-mine.soem.yaml"
cp -r "$SOEM_DATADIR/kb" "$T/data/kb"
soem_start SOEM_DATADIR="$T/data" -- --lang en
wait_for "What would you like to do?"
keys Down Down
wait_for "Open an example calculation"
keys Enter
wait_for "only-mine.soem.yaml"
check '! screen | grep -q "housing-first.soem.yaml"' "an example from elsewhere is listed"
keys Escape
wait_gone "only-mine.soem.yaml"
keys C-q
wait_for "__EXIT=0"
finish
