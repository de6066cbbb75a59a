#!/usr/bin/env bash
# Regenerates docs/screenshots/: every view of the sample conference, in light and dark, on
# Saturday 10:15 conference time, with the sample plan (Ana's) and the sample roster open.
#   scripts/screenshots.sh [BINARY]
# Needs Xvfb (xvfb-run). The search view needs xdotool to type into the search box.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-${CARGO_TARGET_DIR:-target}/debug/lanyard}
[ -x "$bin" ] || cargo build --quiet
out=docs/screenshots
mkdir -p "$out"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now="2027-04-17 10:15"

# A data folder as Ana's laptop would have it: welcome seen, her plan, a copy of the roster.
fresh_data() {
  rm -rf "$work/data" && mkdir -p "$work/data/cascadia-py-2027"
  cp assets/sample-plan.ron "$work/data/cascadia-py-2027/plan.ron"
  printf '(version: 1, welcomed: true)\n' >"$work/data/settings.ron"
  cp assets/sample-roster.ron "$work/roster.ron"
}

shot() { # VIEW THEME FILE
  fresh_data
  xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --data-dir "$work/data" --roster "$work/roster.ron" \
    --view "$1" --theme "$2" --now "$now" --screenshot "$out/$3" --quit-after-frames 40 >/dev/null 2>&1
  echo "wrote $out/$3"
}

for theme in light dark; do
  shot now "$theme" "now-$theme.png"
  shot schedule "$theme" "schedule-$theme.png"
  shot grid "$theme" "room-grid-$theme.png"
  shot agenda "$theme" "agenda-$theme.png"
  shot roster "$theme" "roster-$theme.png"
done
