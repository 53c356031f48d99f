#!/bin/sh
# The keys the bar shows survive a terminal multiplexer (issue 14 point
# 6): soem runs inside a nested tmux with its default prefix (Ctrl-B)
# active, and inside GNU screen (prefix Ctrl-A) when screen is installed;
# the keys go to the outer tmux, which passes them on to the inner
# multiplexer as a terminal would (send-keys into the inner one itself
# would bypass its prefix).  Every action of the bar, and Alt or Esc with
# a letter, reaches soem; Ctrl-B alone does not (tmux takes it).
. "${SOEM_SRCDIR:-.}/tests/e2e/lib-tmux.sh"

cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
chmod u+w "$WORK/hf.soem.yaml"

# step N is shown
on_step() {
	wait_for "Step $1 of 7:"
}

# the bar's keys, through whatever runs between the outer tmux and soem
drive() {
	on_step 1
	keys C-f                       # Next
	on_step 2
	keys C-p                       # Back
	on_step 1
	keys M-n                       # Alt-n: Next
	on_step 2
	keys C-f
	on_step 3
	keys Escape
	keys n                         # Esc, then n: Next (off a text field)
	on_step 4
	keys M-p                       # Alt-p: Back
	on_step 3
	keys Escape
	keys p                         # Esc, then p: Back
	on_step 2
	keys C-g                       # Steps, then a number
	wait_for "Go to step"
	keys 5
	on_step 5
	keys C-r                       # the note
	wait_for "Note for the step"
	keys Escape
	wait_gone "Note for the step"
	keys F1                        # help
	wait_for "What to do here"
	keys Escape
	wait_gone "What to do here"
	keys C-g
	wait_for "Go to step"
	keys 1
	on_step 1
	# while editing: Home goes to the start of the field (Ctrl-A is
	# screen's prefix)
	keys Down
	type "bc"
	keys Home
	type "a"
	keys Enter
	wait_for "Description                    abc"
	keys C-s                       # Save
	wait_for "Saved to hf.soem.yaml."
}

# --- tmux inside tmux, prefix Ctrl-B -----------------------------------
printf 'set -g status off\n' >"$T/inner.conf"
SOEM_WRAP="'$TMUX_BIN' -S '$T/inner.sock' -f '$T/inner.conf' new-session"
soem_start -- hf.soem.yaml
drive
# Ctrl-B is the inner tmux's prefix: alone it never reaches soem; twice,
# tmux sends one on (its send-prefix), and soem goes back a step
keys C-f
on_step 2
keys C-b
settle
check 'screen_has "Step 2 of 7:"' "Ctrl-B went through the inner tmux"
keys C-b
on_step 1
keys C-x                       # Quit
wait_for "__EXIT=0"

# --- soem inside GNU screen, prefix Ctrl-A -----------------------------
if command -v screen >/dev/null 2>&1; then
	printf 'startup_message off\nhardstatus off\n' >"$T/screenrc"
	mkdir -p "$T/screendir"
	chmod 700 "$T/screendir"
	cp "$SOEM_SRCDIR/share/soem/examples/housing-first.soem.yaml" "$WORK/hf.soem.yaml"
	chmod u+w "$WORK/hf.soem.yaml"
	SOEM_WRAP="$(command -v screen) -c '$T/screenrc'"
	soem_start SCREENDIR="$T/screendir" -- hf.soem.yaml
	drive
	keys C-x
	wait_for "__EXIT=0"
else
	echo "note: screen is not installed; only the tmux part ran"
fi
finish
