#!/bin/sh
# soem calc: formats, output file, option order, exit codes and messages.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
EX="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"
KB="--kb $SOEM_KB_DIR"

# text (the default)
expect_exit 0 "$SOEM_BIN" calc "$EX" $KB --lang en
expect_in "$OUT" "Net budget effect per year"
expect_in "$OUT" "Break-even success rate"
cp "$OUT" "$T/text-after"

# options before the command word give the same output
expect_exit 0 "$SOEM_BIN" $KB --lang en calc "$EX"
cmp -s "$OUT" "$T/text-after" || fail "options before 'calc' changed the output"

# yaml has the layout's top-level keys in order (the example has ranges:
# sensitivity and monte_carlo follow by_area, SPEC 4)
expect_exit 0 "$SOEM_BIN" calc "$EX" $KB --format yaml
keys=$(grep -E '^[a-z_]+:' "$OUT" | cut -d: -f1 | tr '\n' ' ')
want="soem_result currency price_year horizon payers success_rate years totals break_even_year return_per_krone break_even_success_rate per_participant per_success at_years break_even_participants by_service by_area illustrative_share sensitivity monte_carlo "
[ "$keys" = "$want" ] || fail "YAML keys: '$keys', expected '$want'"
CHECKS=$((CHECKS + 1))

# -o writes the file (0600 for a new file), stdout stays empty
expect_exit 0 "$SOEM_BIN" calc "$EX" $KB --format yaml -o "$T/r.yaml"
[ -s "$T/r.yaml" ] || fail "-o did not write the file"
[ -s "$OUT" ] && fail "-o also wrote to stdout"
mode=$(stat -c %a "$T/r.yaml")
[ "$mode" = 600 ] || fail "new output file has mode $mode, expected 600"
CHECKS=$((CHECKS + 3))

# csv: Danish uses ; and a decimal comma with a byte-order mark
expect_exit 0 "$SOEM_BIN" calc "$EX" $KB --format csv --lang da
head -c 3 "$OUT" | od -An -tx1 | grep -q 'ef bb bf' || fail "da CSV has no BOM"
sed -n 2p "$OUT" | grep -q '^1;1,000000;' || fail "da CSV row 1: $(sed -n 2p "$OUT")"
expect_exit 0 "$SOEM_BIN" calc "$EX" $KB --format csv --lang en
head -c 3 "$OUT" | od -An -tx1 | grep -q 'ef bb bf' && fail "en CSV has a BOM"
sed -n 2p "$OUT" | grep -q '^1,1.000000,' || fail "en CSV row 1: $(sed -n 2p "$OUT")"
expect_exit 0 "$SOEM_BIN" calc "$EX" $KB --format csv --lang en --csv-sep ';'
sed -n 2p "$OUT" | grep -q '^1;1.000000;' || fail "--csv-sep ';' row 1: $(sed -n 2p "$OUT")"
CHECKS=$((CHECKS + 5))

# markdown
expect_exit 0 "$SOEM_BIN" calc "$EX" $KB --format markdown --lang en
expect_in "$OUT" "## Net budget effect per year"
expect_in "$OUT" "|---|"

# exit codes
expect_exit 66 "$SOEM_BIN" calc "$T/does-not-exist.soem.yaml" $KB
expect_in "$ERR" "does-not-exist.soem.yaml: cannot open"
expect_exit 2 "$SOEM_BIN" calc $KB
expect_in "$ERR" "exactly one calculation file"
expect_exit 2 "$SOEM_BIN" calc "$EX" $KB --format pdf
expect_in "$ERR" "unknown format 'pdf'"
expect_exit 2 "$SOEM_BIN" calc "$EX" $KB --bogus
expect_in "$ERR" "unknown option '--bogus'"
expect_exit 2 "$SOEM_BIN" calc "$EX" $KB --lang fr
expect_exit 65 "$SOEM_BIN" calc "$SOEM_TEST_DATA/bad/calc-syntax.soem.yaml" $KB
expect_in "$ERR" "calc-syntax.soem.yaml:"
# a folder the user cannot write: 73.  Root can write anywhere, so as root
# the command runs as nobody (setpriv, util-linux) on copies of the
# binary, example and database that nobody can read, into a folder of
# nobody's own that nobody cannot write: the check runs for everyone.
if [ "$(id -u)" != 0 ]; then
	mkdir "$T/ro" && chmod 500 "$T/ro"
	expect_exit 73 "$SOEM_BIN" calc "$EX" $KB -o "$T/ro/out.txt"
	expect_in "$ERR" "$T/ro/out.txt"
elif ! command -v setpriv >/dev/null 2>&1; then
	fail "setpriv (util-linux) is missing: the exit-73 check cannot run as root"
else
	chmod 711 "$T"
	N="$T/nobody"
	mkdir -p "$N/kb" "$N/home" "$N/ro"
	cp "$SOEM_BIN" "$N/soem" && cp "$EX" "$N/ex.soem.yaml" &&
		cp "$SOEM_KB_DIR"/*.yaml "$N/kb/"
	chmod -R a+rX "$N"
	chown 65534:65534 "$N/home" "$N/ro"
	chmod 500 "$N/ro"
	expect_exit 73 env HOME="$N/home" XDG_CONFIG_HOME="$N/home/.config" \
		XDG_STATE_HOME="$N/home/.state" \
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$N/soem" calc "$N/ex.soem.yaml" --kb "$N/kb" -o "$N/ro/out.txt"
	expect_in "$ERR" "$N/ro/out.txt"
	CHECKS=$((CHECKS + 1))
	[ ! -e "$N/ro/out.txt" ] || fail "nobody wrote $N/ro/out.txt"
fi
# a directory where the output file should be cannot be written (root too)
mkdir "$T/isdir"
expect_exit 73 "$SOEM_BIN" calc "$EX" $KB -o "$T/isdir"
# nothing to compute: no effect given
sed '/^  p1:/d; /^  p0:/d; /^  success_rate:/d; /^  experiment:/d' "$EX" >"$T/noeffect.soem.yaml"
expect_exit 1 "$SOEM_BIN" calc "$T/noeffect.soem.yaml" $KB
expect_in "$ERR" "nothing to compute"
finish
