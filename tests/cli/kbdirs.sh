#!/bin/sh
# Knowledge-database folders with a broken file (SPEC §3.3, issue 12 §3):
# profiles are searched in order (--kb, kb_path, $XDG_DATA_HOME/soem/kb,
# the installed ones), the first with an id winning and every clash named;
# a file that does not load is warned about (file:line:col) and skipped;
# only a profile that is asked for and broken is an error (65).
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
EX="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"
export XDG_DATA_HOME="$T/data"
mkdir -p "$T/kb" "$T/shared" "$XDG_DATA_HOME/soem/kb" "$XDG_CONFIG_HOME/soem"
# the installed database of this test: the source tree's, by --kb last
INST="--kb $SOEM_KB_DIR"

profile() { # ID NAME > file: the dk profile under another id and name
	sed -e "s/^  id: dk\$/  id: $1/" -e "s/\"Danmark (SØM)\"/\"$2\"/" \
		"$SOEM_KB_DIR/dk.yaml"
}
profile odense "Odense" >"$T/kb/odense.yaml"
grep -q '^  id: odense$' "$T/kb/odense.yaml" || fail "test set-up: id not replaced"
# a file with a syntax error: its profile id cannot be known
printf 'soem_kb: 1\nprofile: {id: aarhus, name: [\n' >"$T/kb/aarhus.yaml"
sed 's/profile: dk/profile: odense/' "$EX" >"$T/odense.soem.yaml"
sed 's/profile: dk/profile: aarhus/' "$EX" >"$T/aarhus.soem.yaml"

# --- a broken file in a --kb folder does not stop what needs another ------
expect_exit 0 "$SOEM_BIN" calc "$EX" --kb "$T/kb" $INST --format yaml
expect_in "$OUT" "soem_result: 1"
expect_in "$ERR" "warning: $T/kb/aarhus.yaml:3:1: "
expect_in "$ERR" "(the file is skipped)"
expect_exit 0 "$SOEM_BIN" calc "$T/odense.soem.yaml" --kb "$T/kb" $INST --format yaml
expect_in "$OUT" "soem_result: 1"
expect_exit 0 "$SOEM_BIN" kb list --kb "$T/kb" $INST
expect_in "$OUT" "odense"
expect_in "$OUT" "dk "
expect_in "$OUT" "se "
expect_in "$ERR" "$T/kb/aarhus.yaml:3:1: "
expect_exit 0 "$SOEM_BIN" kb show kontanthjaelp --kb "$T/kb" $INST --profile odense
expect_in "$OUT" "Profile: odense"
expect_exit 0 "$SOEM_BIN" kb show kontanthjaelp --kb "$T/kb" $INST
# design reads no database: unaffected
expect_exit 0 "$SOEM_BIN" design --kb "$T/kb" --p0 0.2 --p1 0.3
# the profile asked for is nowhere: not found, and the broken file is
# named as where it may be
expect_exit 65 "$SOEM_BIN" calc "$T/aarhus.soem.yaml" --kb "$T/kb" $INST
expect_in "$ERR" "profile 'aarhus' is not installed"
expect_in "$ERR" "it may be in a file that does not load: $T/kb/aarhus.yaml"
# a missing id is not bad data (SPEC 4: exit 1), even beside a broken file
expect_exit 1 "$SOEM_BIN" kb show no_such_id --kb "$T/kb" $INST
expect_in "$ERR" "it may be in $T/kb/aarhus.yaml, which does not load"
# validate is where a broken file is an error (the good ones still checked)
expect_exit 65 "$SOEM_BIN" kb validate --kb "$T/kb" $INST
expect_in "$OUT" "odense.yaml: valid"
expect_in "$OUT" "dk.yaml: valid"
expect_in "$ERR" "1 knowledge-database file does not load"

# --- a broken file whose profile id is known: asking for it is the error --
# (the first file with an id wins: dk is not taken silently from the
# installed folder when the user's own dk does not load)
profile dk "Danmark (SØM)" | sed 's/^  currency: DKK$/  currency: [DKK]/' >"$T/shared/dk.yaml"
grep -q 'currency: \[DKK\]' "$T/shared/dk.yaml" || fail "test set-up: currency not broken"
line=$(grep -n 'currency: \[DKK\]' "$T/shared/dk.yaml" | cut -d: -f1)
expect_exit 65 "$SOEM_BIN" calc "$EX" --kb "$T/shared" $INST
expect_in "$ERR" "profile 'dk' cannot be used: $T/shared/dk.yaml:$line:13: profile.currency"
# other profiles still work with it there; the later dk is named as a clash
expect_exit 0 "$SOEM_BIN" kb list --kb "$T/shared" --kb "$T/kb" $INST
expect_in "$OUT" "odense"
expect_not_in "$OUT" "dk     "
expect_in "$ERR" "$SOEM_KB_DIR/dk.yaml: the profile 'dk' is already given by $T/shared/dk.yaml, which does not load"
expect_exit 0 "$SOEM_BIN" calc "$T/odense.soem.yaml" --kb "$T/shared" --kb "$T/kb" $INST
expect_exit 65 "$SOEM_BIN" kb show kontanthjaelp --kb "$T/shared" $INST --profile dk
expect_in "$ERR" "profile 'dk' cannot be used: $T/shared/dk.yaml:$line:13:"
# after a good one, the broken file only warns (calc stops at the folder
# that gives its profile and does not even read it)
expect_exit 0 "$SOEM_BIN" calc "$EX" $INST --kb "$T/shared" --format yaml
expect_not_in "$ERR" "$T/shared/dk.yaml"
expect_exit 0 "$SOEM_BIN" kb list $INST --kb "$T/shared"
expect_in "$OUT" "dk "
expect_in "$ERR" "$T/shared/dk.yaml:$line:13: profile.currency"
expect_in "$ERR" "the profile 'dk' is loaded from $SOEM_KB_DIR/dk.yaml"

# --- the same through the configuration's kb_path -------------------------
printf '[general]\nkb_path = %s:%s\n' "$T/shared" "$T/kb" >"$XDG_CONFIG_HOME/soem/soem.ini"
expect_exit 0 "$SOEM_BIN" calc "$T/odense.soem.yaml" $INST --format yaml
expect_in "$ERR" "$T/kb/aarhus.yaml:3:1: "
expect_exit 0 "$SOEM_BIN" kb list $INST
expect_in "$OUT" "odense"
# --kb comes before kb_path: the good dk wins, the broken one is warned about
expect_exit 0 "$SOEM_BIN" calc "$EX" $INST --format yaml
expect_exit 0 "$SOEM_BIN" kb show kontanthjaelp $INST --profile dk
expect_in "$ERR" "$T/shared/dk.yaml:$line:13:"
# without --kb, kb_path's broken dk is the one asked for
expect_exit 65 "$SOEM_BIN" calc "$EX"
expect_in "$ERR" "profile 'dk' cannot be used: $T/shared/dk.yaml:$line:13:"
rm "$XDG_CONFIG_HOME/soem/soem.ini"

# --- $XDG_DATA_HOME/soem/kb: after kb_path, before the installed ones -----
profile mine "Mine" >"$XDG_DATA_HOME/soem/kb/mine.yaml"
profile odense "Odense (mine)" >"$XDG_DATA_HOME/soem/kb/odense.yaml"
expect_exit 0 "$SOEM_BIN" kb list
expect_in "$OUT" "mine"
expect_in "$OUT" "$XDG_DATA_HOME/soem/kb/mine.yaml"
printf '[general]\nkb_path = %s\n' "$T/kb" >"$XDG_CONFIG_HOME/soem/soem.ini"
expect_exit 0 "$SOEM_BIN" kb list
expect_in "$OUT" "$T/kb/odense.yaml"
expect_in "$ERR" "$XDG_DATA_HOME/soem/kb/odense.yaml: the profile 'odense' is already loaded from $T/kb/odense.yaml"
rm "$XDG_CONFIG_HOME/soem/soem.ini"
# and it comes before the installed folder
profile dk "Danmark (mine)" >"$XDG_DATA_HOME/soem/kb/dk.yaml"
expect_exit 0 "$SOEM_BIN" kb list
expect_in "$OUT" "$XDG_DATA_HOME/soem/kb/dk.yaml"
# the default place is ~/.local/share/soem/kb
mkdir -p "$HOME/.local/share/soem/kb"
mv "$XDG_DATA_HOME/soem/kb/mine.yaml" "$HOME/.local/share/soem/kb/"
expect_exit 0 env -u XDG_DATA_HOME "$SOEM_BIN" kb list
expect_in "$OUT" "$HOME/.local/share/soem/kb/mine.yaml"

# issue 18: soem calc reads only the header of a profile it does not use:
# a file whose header reads but whose rest is broken is not read (and so
# not warned about) by a calculation of another profile, and is reported
# with its file, line and column by one that uses it
mkdir -p "$T/lazy"
cp "$SOEM_KB_DIR/dk.yaml" "$T/lazy/dk.yaml"
profile lund "Lund" | sed 's/^payers:$/payers: [oops/' >"$T/lazy/lund.yaml"
grep -q '^payers: \[oops' "$T/lazy/lund.yaml" || fail "test set-up: lund not broken"
line=$(grep -n '^payers: \[oops' "$T/lazy/lund.yaml" | cut -d: -f1)
expect_exit 0 "$SOEM_BIN" calc "$EX" --kb "$T/lazy"
expect_not_in "$ERR" "lund.yaml"
sed 's/profile: dk/profile: lund/' "$EX" >"$T/lund.soem.yaml"
expect_exit 65 "$SOEM_BIN" calc "$T/lund.soem.yaml" --kb "$T/lazy"
expect_in "$ERR" "warning: $T/lazy/lund.yaml:$((line + 1)):"
expect_in "$ERR" "profile 'lund' cannot be used: $T/lazy/lund.yaml:$((line + 1)):"
# kb validate and kb list still read every file whole
expect_exit 0 "$SOEM_BIN" kb list --kb "$T/lazy"
expect_in "$ERR" "$T/lazy/lund.yaml:$((line + 1)):"
finish
