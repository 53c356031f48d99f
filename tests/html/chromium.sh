#!/bin/sh
# The HTML report in a real browser (issue 7, SPEC §5.7): headless
# Chromium (Debian: chromium) loads each report from a file:// URL and
# dumps the DOM it built.  Checked: the browser logs no console message
# (the report has no scripts, so any message is an error: a refused or
# failed load, a parse problem), and the DOM's SVG has exactly one bar
# per year and payer and one line for the cumulative discounted net
# (tests/html/domcheck.py); soem compare's HTML has one bar per file and
# payer, each as high as that PV of net.  Reports: the Danish example in English and
# in Danish (with the build's translations), and the Swedish one with its
# five payers.
#
# Skips (77) only when no Chromium is installed.  Runs as root, so
# --no-sandbox; every run is limited to 60 s.
set -u
: "${SOEM_BIN:?SOEM_BIN is not set (run through make check)}"
: "${SOEM_SRCDIR:=.}"
: "${SOEM_BUILDDIR:=.}"
: "${SOEM_KB_DIR:=$SOEM_SRCDIR/share/soem/kb}"

CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
	for c in chromium chromium-headless-shell chromium-browser; do
		if command -v "$c" >/dev/null 2>&1; then
			CHROMIUM=$(command -v "$c")
			break
		fi
	done
fi
if [ -z "$CHROMIUM" ]; then
	echo "SKIP: chromium is not installed (Debian: apt-get install chromium)"
	exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "FAIL: python3 is missing"; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "FAIL: python3-yaml is missing"; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/soem-html.XXXXXX")
trap 'rm -rf "$T"' EXIT
FAILED=0
CHECKS=0
EX="$SOEM_SRCDIR/share/soem/examples"

# the build's catalogues (SOEM_LOCALEDIR, made from po/*.po by make check)
: "${SOEM_LOCALEDIR:?SOEM_LOCALEDIR is not set (run through make check)}"

soem() {
	env HOME="$T" XDG_CONFIG_HOME="$T/config" LANG=C.UTF-8 LC_ALL= \
		LANGUAGE= TZ=UTC SOEM_LOCALEDIR="$SOEM_LOCALEDIR" \
		"$SOEM_BIN" --kb "$SOEM_KB_DIR" "$@"
}

# name, example, language
check_report() {
	name=$1 ex=$2 lang=$3
	CHECKS=$((CHECKS + 1))
	if ! soem calc "$EX/$ex" --lang "$lang" --format html >"$T/$name.html" ||
		! soem calc "$EX/$ex" --format yaml >"$T/$name.yaml"; then
		echo "FAIL: soem calc $ex"
		FAILED=1
		return
	fi
	profile=$(mktemp -d "$T/profile.XXXXXX")
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 \
		--dump-dom "file://$T/$name.html" \
		>"$T/$name.dom" 2>"$T/$name.err" </dev/null
	rc=$?
	if [ $rc != 0 ]; then
		echo "FAIL: $name: chromium exited $rc (124: timed out)"
		tail -20 "$T/$name.err"
		FAILED=1
		return
	fi
	if ! grep -q "</svg>" "$T/$name.dom"; then
		echo "FAIL: $name: the dumped DOM has no SVG"
		head -c 1000 "$T/$name.dom"
		FAILED=1
		return
	fi
	# console messages: ...:INFO:CONSOLE(1)] "msg", source: ...; and
	# what Blink says about refused or failed loads
	if grep -E ':CONSOLE|Uncaught|Failed to load resource|Refused to' \
		"$T/$name.err" >"$T/$name.console"; then
		echo "FAIL: $name: the browser logged console messages:"
		head -20 "$T/$name.console"
		FAILED=1
	fi
	CHECKS=$((CHECKS + 1))
	python3 "$SOEM_SRCDIR/tests/html/domcheck.py" "$T/$name.dom" \
		"$T/$name.yaml" "$T/$name.html" "$lang" || FAILED=1
}

check_report hf-en housing-first.soem.yaml en
check_report hf-da housing-first.soem.yaml da
check_report se-sv samordningsteam.soem.yaml sv

# Untrusted text (issue 12): a database and a calculation whose every
# text field starts with HTML that would run script (set document.title
# to PWNED, window.__pwned) or add elements, and their plain twin with a
# harmless word in the same places (tests/cli/hostile_text.py).  In the
# DOM Chromium built after running whatever scripts it found: the title
# is the report's, nothing says PWNED but the escaped text, and every
# element and attribute count equals the plain twin's.
hostile_report() {
	for m in hostile plain; do
		python3 "$SOEM_SRCDIR/tests/cli/hostile_text.py" \
			"$SOEM_KB_DIR/dk.yaml" "$EX/housing-first.soem.yaml" \
			"$T/ht-$m" "$m" || return 1
		env HOME="$T" XDG_CONFIG_HOME="$T/config" LANG=C.UTF-8 LC_ALL= \
			LANGUAGE= TZ=UTC SOEM_LOCALEDIR="$SOEM_LOCALEDIR" \
			"$SOEM_BIN" --kb "$T/ht-$m/kb" calc "$T/ht-$m/calc.soem.yaml" \
			--lang en --format html >"$T/ht-$m.html" || return 1
		profile=$(mktemp -d "$T/profile.XXXXXX")
		timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
			--disable-dev-shm-usage --disable-background-networking \
			--disable-component-update --disable-sync --no-first-run \
			--user-data-dir="$profile" --enable-logging=stderr --v=0 \
			--dump-dom "file://$T/ht-$m.html" \
			>"$T/ht-$m.dom" 2>"$T/ht-$m.err" </dev/null || return 1
	done
	python3 "$SOEM_SRCDIR/tests/html/domcheck.py" --hostile \
		"$T/ht-hostile.dom" "$T/ht-plain.dom" "$T/ht-hostile.err"
}
CHECKS=$((CHECKS + 1))
hostile_report || {
	echo "FAIL: the hostile database's report"
	FAILED=1
}

# soem compare's HTML (issue 17): one bar per file and payer, each as
# high as the file's PV of net for that payer (domcheck.py --compare).
# Three Danish files (the example, a costlier and a cheaper variant: the
# municipality's net changes sign between them), in English and Danish.
sed 's/amount: 300000}/amount: 1950000}/' "$EX/housing-first.soem.yaml" >"$T/dear.soem.yaml"
sed 's/amount: 300000}/amount: 100000}/' "$EX/housing-first.soem.yaml" >"$T/cheap.soem.yaml"
for lang in en da; do
	CHECKS=$((CHECKS + 1))
	name=cmp-$lang
	if ! soem compare "$EX/housing-first.soem.yaml" "$T/dear.soem.yaml" \
		"$T/cheap.soem.yaml" --lang "$lang" --format html >"$T/$name.html" ||
		! soem compare "$EX/housing-first.soem.yaml" "$T/dear.soem.yaml" \
		"$T/cheap.soem.yaml" --format yaml >"$T/$name.yaml"; then
		echo "FAIL: soem compare"
		FAILED=1
		continue
	fi
	profile=$(mktemp -d "$T/profile.XXXXXX")
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 \
		--dump-dom "file://$T/$name.html" \
		>"$T/$name.dom" 2>"$T/$name.err" </dev/null || {
		echo "FAIL: $name: chromium failed"
		FAILED=1
		continue
	}
	if grep -E ':CONSOLE|Uncaught|Failed to load resource|Refused to' "$T/$name.err"; then
		echo "FAIL: $name: the browser logged console messages"
		FAILED=1
	fi
	python3 "$SOEM_SRCDIR/tests/html/domcheck.py" --compare "$T/$name.dom" \
		"$T/$name.yaml" "$T/$name.html" "$lang" || FAILED=1
done
grep -q 'pv_net' "$T/cmp-en.yaml" && python3 - "$T/cmp-en.yaml" <<'PY' || { echo "FAIL: the variants do not give a gain and a loss for the municipality"; FAILED=1; }
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
v = [r for r in c["results"] if r["key"] == "pv_net" and r["payer"] == "kommune"][0]["values"]
assert min(v) < 0 < max(v), v
PY

# the Danish report is in Danish: numbers and, with the catalogue, words
# (the present value of the net in total, from the YAML result, so the
# shipped database's figures do not matter)
CHECKS=$((CHECKS + 1))
N=$(python3 -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1])); print("{:,}".format(round(d["totals"]["pv_net"]["total"])).replace(",", "."))' "$T/hf-da.yaml")
case "$N" in *.*.*) ;; *) echo "FAIL: no net in millions in hf-da.yaml: $N"; FAILED=1 ;; esac
grep -qF "$N" "$T/hf-da.html" || {
	echo "FAIL: the Danish report does not write $N"
	FAILED=1
}
# the build's catalogue is always there (SOEM_LOCALEDIR, see above)
CHECKS=$((CHECKS + 1))
grep -q 'Konsekvenser' "$T/hf-da.html" || {
	echo "FAIL: the Danish report is not translated"
	FAILED=1
}
echo "$CHECKS checks, failed: $FAILED"
[ "$FAILED" = 0 ]
