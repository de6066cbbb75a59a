#!/usr/bin/env bash
# Starts the real lanyard binary under Xvfb with an empty data folder, checks that its window
# appears, lets it draw, and checks that it quits cleanly without errors.
#   scripts/smoke.sh [BINARY]
set -euo pipefail
bin=${1:-${CARGO_TARGET_DIR:-target}/debug/lanyard}
[ -x "$bin" ] || cargo build --quiet
[ -x "$bin" ] || { echo "smoke: no binary at $bin" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
. "$(dirname "$0")/lib/headless-x.sh"
start_headless_x "$work"

# Enough frames to be sure it drew, few enough to end on its own.
"$bin" --data-dir "$work/data" --quit-after-frames 120 >"$work/app.log" 2>&1 &
app=$!

# Sets $window to the app's window once it shows (up to 30 s), or to nothing if it never does.
wait_for_window() {
  window=""
  for _ in $(seq 150); do
    window=$(xdotool search --pid "$app" 2>/dev/null | head -n 1 || true)
    [ -n "$window" ] && break
    kill -0 "$app" 2>/dev/null || break
    sleep 0.2
  done
}

wait_for_window
if [ -z "$window" ]; then
  echo "smoke: no window appeared" >&2
  cat "$work/app.log" >&2
  exit 1
fi
echo "smoke: window $window is up: $(xdotool getwindowname "$window" 2>/dev/null || echo '?')"

# It quits by itself after its frames; give it 60 s, then close it ourselves.
status=0
for _ in $(seq 300); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app" 2>/dev/null; then
  echo "smoke: still running after 60 s; closing it" >&2
  kill -TERM "$app"
fi
wait "$app" || status=$?
if [ "$status" -ne 0 ] || grep -qE 'panicked| ERROR ' "$work/app.log"; then
  echo "smoke: the app exited with status $status or logged an error:" >&2
  cat "$work/app.log" >&2
  exit 1
fi
echo "smoke: ok (window appeared, app quit cleanly)"

# Logout or shutdown: SIGTERM must save and close the window, not drop the plan. Start on a plan
# whose pick remembers an old title: lanyard updates it on start, an edit only it has made.
plan_dir="$work/term/cascadia-py-2027"
mkdir -p "$plan_dir"
printf '(version: 2, conference: "cascadia-py-2027", picks: {"cpc27-003": (priority: Must, title: "OLD TITLE")})\n' \
  >"$plan_dir/plan.ron"
"$bin" --data-dir "$work/term" >"$work/term.log" 2>&1 &
app=$!
wait_for_window
[ -n "$window" ] || { echo "smoke: no window for the SIGTERM check" >&2; cat "$work/term.log" >&2; exit 1; }
kill -TERM "$app"
status=0
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app" 2>/dev/null; then
  echo "smoke: SIGTERM did not close the window within 10 s" >&2
  exit 1
fi
wait "$app" || status=$?
if [ "$status" -ne 0 ] || grep -q 'OLD TITLE' "$plan_dir/plan.ron"; then
  echo "smoke: after SIGTERM: status $status; plan:" >&2
  cat "$plan_dir/plan.ron" "$work/term.log" >&2
  exit 1
fi
echo "smoke: ok (SIGTERM saved the plan and closed the window)"
