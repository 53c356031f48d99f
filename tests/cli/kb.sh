#!/bin/sh
# soem kb list | show | validate
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
KB="--kb $SOEM_KB_DIR"

expect_exit 0 "$SOEM_BIN" kb list $KB --lang en
expect_in "$OUT" "dk"
expect_in "$OUT" "DKK"

expect_exit 0 "$SOEM_BIN" kb show hjemloese $KB --lang en
expect_in "$OUT" "Target group hjemloese"
expect_in "$OUT" "ophold_herberg"
# issue 16 point 4: no row of the shipped profile is marked supported
# (the concept note does not say which are); the marker itself is tested
# on the test database below
expect_in "$OUT" "0 of 10 estimates supported"
expect_not_in "$OUT" "* Social assistance"
expect_in "$OUT" "    Social assistance"
expect_in "$OUT" "20.98"
expect_in "$OUT" "-2.85 -2.19"
# issue 16 point 6: the public publication, not the project's seed table
expect_in "$OUT" "kvalificering-af-konsekvenser-i-soem-konceptbeskrivelse"
expect_not_in "$OUT" "seed table"
expect_exit 0 "$SOEM_BIN" kb show hjemloese $KB --lang da
expect_in "$OUT" "20,98"
expect_in "$OUT" "    Kontanthjælp"
expect_in "$OUT" "konceptbeskrivelsen"
expect_exit 0 "$SOEM_BIN" kb show kontanthjaelp $KB --lang en
expect_in "$OUT" "Service kontanthjaelp"
expect_in "$OUT" "Benefit only"
# issue 16 point 6: sources in the user's language
expect_exit 0 "$SOEM_BIN" kb show kontanthjaelp $KB --lang da
expect_in "$OUT" "Kun ydelsen: kontanthjælp 2024"
expect_exit 0 "$SOEM_BIN" kb show aktivitetsstod $KB --lang sv
expect_in "$OUT" "Arbetsförmedlingen beslutar om programmet"
expect_in "$OUT" "ersättningsdagar (mån-fre)"
expect_exit 0 "$SOEM_BIN" kb show sjukpenning $KB --lang sv
expect_in "$OUT" "fastställt i lag sedan 2015"
expect_in "$OUT" "kalenderdagar"
# SPEC 4: a missing id is an error (1), not bad data (65)
expect_exit 1 "$SOEM_BIN" kb show no_such_thing $KB
expect_in "$ERR" "no_such_thing"

# issue 14 points 1, 2, 14 on a test database: how many estimates are
# supported, where the support comes from (or that it is not sourced),
# and source/note in the user's language, else the profile's, else any
TKB="--kb $SOEM_TEST_DATA/kb-steps"
expect_exit 0 "$SOEM_BIN" kb show maal_med $TKB --lang en
expect_in "$OUT" "2 of 4 estimates supported"
expect_in "$OUT" "Supported according to: Recommendation on A from the test ministry 2023"
expect_in "$OUT" "support not sourced"
expect_in "$OUT" "Source: Estimate for A from the test table"
expect_not_in "$OUT" "Anbefaling"
expect_exit 0 "$SOEM_BIN" kb show maal_uden $TKB --lang en
expect_in "$OUT" "0 of 2 estimates supported"
expect_not_in "$OUT" "support not sourced"
expect_exit 0 "$SOEM_BIN" kb show maal_med $TKB --lang sv
expect_in "$OUT" "Rekommendation om A från testdepartementet 2023"
expect_in "$OUT" "Skattning för A ur testtabellen"
expect_exit 0 "$SOEM_BIN" kb show ydelse_a $TKB --lang sv
expect_in "$OUT" "Priset på ersättning A enligt testkällan"
expect_in "$OUT" "En svensk anteckning om A"
expect_exit 0 "$SOEM_BIN" kb show ydelse_a $TKB --lang da
expect_in "$OUT" "Prisen på ydelse A efter testkilden"
expect_in "$OUT" "En dansk note om A"
# a language the map lacks: the profile's (da)
expect_exit 0 "$SOEM_BIN" kb show ydelse_b $TKB --lang en
expect_in "$OUT" "Kilde til B på dansk"
# neither: any
expect_exit 0 "$SOEM_BIN" kb show ydelse_c $TKB --lang da
expect_in "$OUT" "English only source for C"
expect_exit 0 "$SOEM_BIN" kb validate "$SOEM_TEST_DATA/kb-steps/tst.yaml"

# issue 16 point 3: kb validate names each row whose reduction is larger
# than its baseline use (here 12.5 against 10 in year 2, and 3.5 against 3
# in year 1); a row within its baseline is not named
sed -e 's/{service: ydelse_a, baseline: 10, years: \[-1.0\]/{service: ydelse_a, baseline: 10, years: [-1.0, -12.5, -11]/' \
    -e 's/{service: laegebesoeg, baseline: 3, years: \[-0.5\]/{service: laegebesoeg, baseline: 3, years: [-3.5]/' \
    "$SOEM_TEST_DATA/kb-steps/tst.yaml" > "$T/over.yaml"
grep -q -- '-12.5' "$T/over.yaml" || fail "the test database was not edited"
expect_exit 0 "$SOEM_BIN" kb validate "$T/over.yaml" --lang en
expect_in "$ERR" "gruppe_uden / maal_uden / ydelse_a: the reduction 12.5 in consequence year 2 is larger than the baseline use 10"
expect_in "$ERR" "gruppe_uden / maal_uden / laegebesoeg: the reduction 3.5 in consequence year 1 is larger than the baseline use 3"
expect_not_in "$ERR" "maal_med"
expect_in "$OUT" "valid (profile"
expect_exit 0 "$SOEM_BIN" kb validate "$SOEM_TEST_DATA/kb-steps/tst.yaml" --lang en
expect_not_in "$ERR" "larger than the baseline"

expect_exit 0 "$SOEM_BIN" kb validate "$SOEM_KB_DIR/dk.yaml" --lang en
expect_in "$OUT" "valid (profile dk"
# the shipped profiles are clean: no warning at all (issue 16)
! [ -s "$ERR" ] || fail "kb validate warned about a shipped profile: $(cat "$ERR")"
expect_exit 0 "$SOEM_BIN" kb validate "$SOEM_KB_DIR/se.yaml" --lang en
expect_in "$OUT" "valid (profile se"
! [ -s "$ERR" ] || fail "kb validate warned about a shipped profile: $(cat "$ERR")"
expect_exit 0 "$SOEM_BIN" kb validate $KB
expect_in "$OUT" "valid (profile dk"
for f in "$SOEM_TEST_DATA"/bad/kb-*.yaml; do
	expect_exit 65 "$SOEM_BIN" kb validate "$f"
	expect_in "$ERR" "$(basename "$f"):"
done
expect_exit 66 "$SOEM_BIN" kb validate "$T/missing.yaml"
expect_exit 2 "$SOEM_BIN" kb frobnicate $KB
expect_exit 2 "$SOEM_BIN" kb $KB
expect_exit 66 "$SOEM_BIN" kb list --kb "$T/no-such-dir"

# issue 18 note: the columns of kb show are padded by what a name takes
# on the screen, not by its bytes (printf's %-24s put Försäkringskassan's
# and Övrig stat's ids two and one columns left of Kommun's).  GNU grep
# counts characters in a UTF-8 locale: every payer line has its name in
# 24 columns, then " (id)".
expect_exit 0 env LC_ALL=C.UTF-8 "$SOEM_BIN" kb show se --lang sv \
	--kb "$SOEM_TEST_DATA/compat-kb-se"
expect_in "$OUT" "    Försäkringskassan        (forsakringskassan)"
CHECKS=$((CHECKS + 1))
n=$(LC_ALL=C.UTF-8 grep -cE '^    .{24} \((kommun|region|forsakringskassan|arbetsformedlingen|ovrig_stat)\)$' "$OUT")
[ "$n" = 5 ] || fail "kb show se: $n of 5 payer lines have their id at column 30"
# kb list: the version column starts at the same column for every
# profile ("Danmark (SØM)" has 13 characters in 14 bytes)
expect_exit 0 env LC_ALL=C.UTF-8 "$SOEM_BIN" kb list --lang da \
	--kb "$SOEM_TEST_DATA/kb-2026.2"
CHECKS=$((CHECKS + 1))
LC_ALL=C.UTF-8 grep -qE '^dk     Danmark \(SØM\) {16}2026\.2 ' "$OUT" ||
	fail "kb list: Danmark (SØM) is not padded to 28 columns"
finish
