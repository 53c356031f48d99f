#!/bin/sh
# A symbolic link planted at the save path (or at its FILE.lock) is not
# followed (SPEC §3.2): its target is unchanged, a message says why, and
# the work stays open and marked changed.  Run with TERM=xterm-256color:
# the frames are Unicode line drawing, not "lqqk" (NCURSES_NO_UTF8_ACS).
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

echo "original" >"$T/target"
echo "original 2" >"$T/target2"
ln -s "$T/target" "$WORK/sym.soem.yaml"
ln -s "$T/target2" "$WORK/lk.soem.yaml.lock"

soem_start TERM=xterm-256color
new_calc
type "Symlink test"
keys Enter
wait_for "Symlink test  [not saved yet, changed]"

keys C-s
wait_for "File name"
check 'screen_has "┌"' "the frame is not drawn with line-drawing characters"
check '! screen | grep -qE "lq+k|mq+j"' "the frame is drawn as lqqk"
keys C-u
type "sym.soem.yaml"
keys Enter
wait_for "sym.soem.yaml exists. Replace it?"
keys y
wait_for "Enter: OK"
check 'popup_text | grep -qF "sym.soem.yaml: cannot save: it is a symbolic link, and soem does not write through links (save under another name). Your work is still open and not saved."' "no clear message: $(popup_text)"
keys Enter
wait_gone "Enter: OK"
check '[ "$(cat "$T/target")" = original ]' "the link's target was written"
check '[ -L "$WORK/sym.soem.yaml" ]' "the link was replaced"
check 'screen_has "Symlink test  [not saved yet, changed]"' "the work is not kept"
check '[ "$(ls -A "$WORK" | sort | tr "\n" " ")" = "lk.soem.yaml.lock sym.soem.yaml " ]' "files were left in the folder: $(ls -A "$WORK")"

# a link planted at FILE.lock
keys C-s
wait_for "File name"
keys C-u
type "lk.soem.yaml"
keys Enter
wait_for "Enter: OK"
check 'popup_text | grep -qF "Not saved: lk.soem.yaml.lock is a symbolic link; soem does not follow it"' "no clear message: $(popup_text)"
keys Enter
wait_gone "Enter: OK"
check '[ "$(cat "$T/target2")" = "original 2" ]' "the lock link's target was written"
check '[ ! -e "$WORK/lk.soem.yaml" ]' "saved in spite of the planted lock link"
check 'screen_has "Symlink test  [not saved yet, changed]"' "the work is not kept"

# another name works
keys C-s
wait_for "File name"
keys C-u
type "real.soem.yaml"
keys Enter
wait_for "Saved to real.soem.yaml."
check 'grep -q "name: Symlink test" "$WORK/real.soem.yaml"' "not saved"
keys C-q
wait_for "__EXIT=0"
finish
