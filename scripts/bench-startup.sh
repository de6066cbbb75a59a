#!/usr/bin/env bash
# Start-up benchmark (BENCHMARKS.md): wall time from process start until lanyard has drawn its
# first frame and quit, with a FOSDEM-size schedule (900 events, ~2.7 MB of frab XML) given on
# the command line, under Xvfb. Target: median ≤ 0.5 s.
#
# Each run is a fresh start: a new data folder, so no remembered settings or plan. The time
# includes everything up to the process exiting after frame 1 (window creation, GL set-up, the
# import, the first layout and paint, shutdown), so it is an upper bound on "start to first frame".
#   scripts/bench-startup.sh [RUNS]        (default 9 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}

cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/lanyard
for tool in Xvfb xdotool; do
  command -v "$tool" >/dev/null || { echo "bench-startup: needs $tool (apt-get install -y xvfb xdotool)" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'kill "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
. scripts/lib/headless-x.sh
start_headless_x "$work"

file=$work/fosdem-900.xml
"$bin" gen --events 900 --seed 1 -o "$file" >/dev/null

# One warm-up run so the binary and the file are in the page cache, as on a second start.
"$bin" "$file" --data-dir "$work/warm" --quit-after-frames 1 >"$work/app.log" 2>&1

times=()
for i in $(seq "$runs"); do
  start=$EPOCHREALTIME
  "$bin" "$file" --data-dir "$work/data-$i" --quit-after-frames 1 >"$work/app.log" 2>&1 || {
    echo "bench-startup: lanyard failed:" >&2
    cat "$work/app.log" >&2
    exit 1
  }
  end=$EPOCHREALTIME
  times+=($(((${end/./} - ${start/./}) / 1000)))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
echo "start-up to first frame (and exit), 900-event XML, $runs runs: ${sorted}ms"
echo "median: ${median} ms; target ≤ 500 ms"
if [ "$median" -le 500 ]; then echo "startup: meets the target"; else echo "startup: MISSES the target"; exit 1; fi
