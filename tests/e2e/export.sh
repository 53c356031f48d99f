#!/bin/sh
# Export from the Results step (SPEC §5.7): e, a format, a file name (the
# calculation's name with the format's extension), an atomic write.  Each
# file equals `soem calc --format FMT` of the saved calculation, byte for
# byte; a bad name or directory is refused with a message and nothing of
# the calculation is lost.
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

# the same date in both (the reports say when they were made)
EPOCH=1767225600
cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"

# `soem calc` as the wizard runs: the same environment
calc() {
	(cd "$WORK" && env -i PATH="$PATH" HOME="$TH" \
		XDG_CONFIG_HOME="$TH/.config" XDG_STATE_HOME="$TH/.local/state" \
		LANG=C.UTF-8 TZ=UTC SOURCE_DATE_EPOCH=$EPOCH \
		SOEM_LOCALEDIR="$SOEM_LOCALEDIR" SOEM_DATADIR="$SOEM_DATADIR" \
		SOEM_SYSCONFDIR="$SOEM_SYSCONFDIR" \
		"$SOEM_BIN" --kb "$SOEM_KB_DIR" calc hf.soem.yaml "$@")
}

# exports format number $1 (0 Markdown, 1 HTML, 2 CSV, 3 YAML; the
# picker starts on the last one chosen, $2) to the offered name $3
export_as() {
	keys e
	wait_for "Export the report"
	_i=$2
	while [ "$_i" -lt "$1" ]; do
		keys Down
		_i=$((_i + 1))
	done
	keys Enter
	wait_for "File name"
	wait_for "$3"
	keys Enter
	wait_for "report is written to $3"
}

soem_start SOURCE_DATE_EPOCH=$EPOCH -- hf.soem.yaml
wait_for "Step 1 of 7: Intervention"
# a change, saved: the export is of the calculation as saved
type "Housing First, exported"
keys Enter
wait_for "Housing First, exported"
keys C-s
wait_for "Saved to hf.soem.yaml."
keys C-g
type 7
wait_for "Step 7 of 7: Results"
check 'screen | tail -2 | grep -q "Export"' "the key bar does not name Export"

export_as 0 0 hf.md
export_as 1 0 hf.html
export_as 2 1 hf.csv
export_as 3 2 hf.result.yaml
calc --format markdown >"$T/want.md"
calc --format html >"$T/want.html"
calc --format csv >"$T/want.csv"
calc --format yaml >"$T/want.yaml"
for f in md html csv; do
	check 'cmp -s "$WORK/hf.$f" "$T/want.$f"' "hf.$f differs from soem calc --format $f"
done
check 'cmp -s "$WORK/hf.result.yaml" "$T/want.yaml"' "hf.result.yaml differs from soem calc --format yaml"
check 'grep -q "Housing First, exported" "$WORK/hf.html"' "the HTML is not of the changed calculation"
check '[ "$(stat -c %a "$WORK/hf.html")" = 600 ]' "a new report is not mode 0600"

# the calculation's own file is refused as a name; an existing report is
# replaced only when the user says so; Esc exports nothing
keys e
wait_for "Export the report"
keys Enter                             # YAML again
wait_for "File name"
keys C-u
type "hf.soem.yaml"
keys Enter
wait_for "the calculation's own file"
wait_for "File name"
keys C-u
type "hf.csv"
keys Enter
wait_for "hf.csv exists. Replace it?"
keys n
wait_for "File name"
keys Escape
wait_for "Nothing was exported."
check 'cmp -s "$WORK/hf.csv" "$T/want.csv"' "hf.csv changed"

# a directory that does not exist: the message says why; the wizard and
# the calculation stay as they were
keys e
wait_for "Export the report"
keys Up Up Up Enter                    # Markdown
wait_for "File name"
keys C-u
type "no-such-dir/hf.md"
keys Enter
wait_for "Not exported:"
check 'screen | grep -q "no-such-dir/hf.md"' "the message does not name the file"
check 'screen | grep -q "Step 7 of 7: Results"' "the wizard left the Results step"
check '[ ! -e "$WORK/no-such-dir" ]' "a directory was made"

# in Danish (the build's catalogue): the words, the numbers and the
# CSV's separator follow the language
keys C-q
wait_for "__EXIT=0"
soem_start SOURCE_DATE_EPOCH=$EPOCH -- --lang da --step results hf.soem.yaml
wait_for "7 Res"
keys e
wait_for "Eksportér rapporten"
keys Down Down Enter                   # CSV
wait_for "hf.csv"
keys Enter
wait_for "hf.csv findes allerede. Erstat den?"
keys y                                 # over the English one
wait_for "rapporten er skrevet til hf.csv"
calc --lang da --format csv >"$T/want-da.csv"
check 'cmp -s "$WORK/hf.csv" "$T/want-da.csv"' "the Danish CSV differs from soem calc --lang da"
check 'head -c 3 "$WORK/hf.csv" | od -An -tx1 | grep -q "ef bb bf"' "the Danish CSV has no BOM"
check 'sed -n 2p "$WORK/hf.csv" | grep -q "^1;1,000000;"' "the Danish CSV is not ; and decimal comma"
keys C-q
wait_for "__EXIT=0"
finish
