#!/bin/sh
# The configuration files (SPEC §3.3): order, kb_path, language, profile,
# a broken file ignored as a whole with its line named.
. "${SOEM_SRCDIR:-.}/tests/lib.sh"
EX="$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml"
SYS="$T/etc"
export SOEM_SYSCONFDIR="$SYS"
mkdir -p "$SYS" "$XDG_CONFIG_HOME/soem" "$T/munikb"

# A municipality's own profile, shipped through the system file's kb_path
sed -e 's/^  id: dk$/  id: odense/' -e 's/"Danmark (SØM)"/"Odense (egne priser)"/' \
	"$SOEM_KB_DIR/dk.yaml" >"$T/munikb/odense.yaml"
grep -q 'id: odense' "$T/munikb/odense.yaml" || fail "test set-up: profile id not replaced"
printf '[general]\nkb_path = %s\nlanguage = da\n' "$T/munikb" >"$SYS/soem.ini"

expect_exit 0 "$SOEM_BIN" kb list
expect_in "$OUT" "odense"
# the language of the system file: Danish numbers
expect_exit 0 "$SOEM_BIN" calc "$EX" --format csv
sed -n 2p "$OUT" | grep -q '^1;1,000000;' || fail "system language da not used: $(sed -n 2p "$OUT")"
# --lang beats the configuration
expect_exit 0 "$SOEM_BIN" calc "$EX" --format csv --lang en
sed -n 2p "$OUT" | grep -q '^1,1.000000,' || fail "--lang en did not win: $(sed -n 2p "$OUT")"

# the user's file wins over the system file
printf '[general]\nlanguage = en\n' >"$XDG_CONFIG_HOME/soem/soem.ini"
expect_exit 0 "$SOEM_BIN" calc "$EX" --format csv
sed -n 2p "$OUT" | grep -q '^1,1.000000,' || fail "user language en did not win: $(sed -n 2p "$OUT")"
expect_exit 0 "$SOEM_BIN" kb list
expect_in "$OUT" "odense"

# a broken user file is ignored as a whole, named with its line; the
# system file still applies
printf '[general]\nlanguage = en\nthis line is not ini\n' >"$XDG_CONFIG_HOME/soem/soem.ini"
expect_exit 0 "$SOEM_BIN" calc "$EX" --format csv
expect_in "$ERR" "soem.ini:3: syntax error; the whole file is ignored"
sed -n 2p "$OUT" | grep -q '^1;1,000000;' || fail "broken user file was not ignored as a whole"

# --config is read last and wins; a missing one is an error
printf '[general]\nlanguage = sv\nprofile = odense\n' >"$T/extra.ini"
rm "$XDG_CONFIG_HOME/soem/soem.ini"
sed '/^kb:/d' "$EX" >"$T/noprofile.soem.yaml"
expect_exit 0 "$SOEM_BIN" calc "$T/noprofile.soem.yaml" --config "$T/extra.ini" --format text
expect_in "$OUT" "Odense (egne priser)"
expect_exit 66 "$SOEM_BIN" calc "$EX" --config "$T/none.ini"
expect_in "$ERR" "none.ini: cannot open"

# a value soem does not know is named and ignored
printf '[display]\ncolor = purple\n' >"$T/odd.ini"
expect_exit 0 "$SOEM_BIN" kb list --config "$T/odd.ini"
expect_in "$ERR" "display:color = purple"
# a kb_path directory that does not exist is skipped with a warning
printf '[general]\nkb_path = %s/nowhere\n' "$T" >"$T/nowhere.ini"
# (the system file says language = da: --lang en for the English words)
expect_exit 0 "$SOEM_BIN" kb list --config "$T/nowhere.ini" --lang en
expect_in "$ERR" "nowhere is not a directory"

# a file larger than 64 KiB is not handed to iniparser (200 000 keys took
# it over 10 s): warned about with its name and ignored as a whole; the
# system file (language da) and the defaults apply
{
	printf '[general]\nlanguage = en\n[many]\n'
	i=0
	while [ $i -lt 2000 ]; do
		printf 'key%d = a value to make the file large\n' $i
		i=$((i + 1))
	done
} >"$XDG_CONFIG_HOME/soem/soem.ini"
[ "$(wc -c <"$XDG_CONFIG_HOME/soem/soem.ini")" -gt 65536 ] ||
	fail "test set-up: the large soem.ini is not over 64 KiB"
expect_exit 0 timeout 10 "$SOEM_BIN" calc "$EX" --format csv
expect_in "$ERR" "soem.ini: larger than 64 KiB; the whole file is ignored"
sed -n 2p "$OUT" | grep -q '^1;1,000000;' || fail "the large user file was not ignored as a whole"
# a file just under 64 KiB is read
head -c 65536 "$XDG_CONFIG_HOME/soem/soem.ini" | sed '$d' >"$T/big.ini"
expect_exit 0 timeout 10 "$SOEM_BIN" calc "$EX" --format csv --config "$T/big.ini"
expect_not_in "$ERR" "big.ini: larger than"
sed -n 2p "$OUT" | grep -q '^1,1.000000,' || fail "a file of 64 KiB was not read"
# --config too: ignored with a warning (like a syntax error), not fatal
python3 -c "
import sys
sys.stdout.write('[general]\nlanguage = en\n[many]\n')
for i in range(200000):
    sys.stdout.write('k%d = v\n' % i)
" >"$T/huge.ini"
rm "$XDG_CONFIG_HOME/soem/soem.ini"
expect_exit 0 timeout 10 "$SOEM_BIN" calc "$EX" --format csv --config "$T/huge.ini"
expect_in "$ERR" "huge.ini: larger than 64 KiB; the whole file is ignored"
sed -n 2p "$OUT" | grep -q '^1;1,000000;' || fail "--config's large file was not ignored"
finish
