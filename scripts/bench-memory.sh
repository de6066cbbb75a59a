#!/usr/bin/env bash
# Memory benchmark (BENCHMARKS.md): peak resident set size of lanyard with a FOSDEM-size schedule
# (900 events, ~2.7 MB of frab XML) open for 60 frames under Xvfb, from `/usr/bin/time -v`
# ("Maximum resident set size"). Target: ≤ 120 MB (MiB here: 1 MB = 1024 KiB, the stricter).
#   scripts/bench-memory.sh [RUNS]        (default 3 runs; the median is reported)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}

cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/lanyard
for tool in Xvfb xdotool /usr/bin/time; do
  command -v "$tool" >/dev/null || {
    echo "bench-memory: needs $tool (apt-get install -y xvfb xdotool time)" >&2
    exit 2
  }
done

work=$(mktemp -d)
trap 'kill "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
. scripts/lib/headless-x.sh
start_headless_x "$work"

file=$work/fosdem-900.xml
"$bin" gen --events 900 --seed 1 -o "$file" >/dev/null

peaks=()
for i in $(seq "$runs"); do
  /usr/bin/time -v -o "$work/time-$i.txt" \
    "$bin" "$file" --data-dir "$work/data-$i" --quit-after-frames 60 >"$work/app.log" 2>&1 || {
    echo "bench-memory: lanyard failed:" >&2
    cat "$work/app.log" "$work/time-$i.txt" >&2
    exit 1
  }
  peaks+=("$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time-$i.txt")")
done
median_kib=$(printf '%s\n' "${peaks[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
median_mib=$(awk -v k="$median_kib" 'BEGIN { printf "%.1f", k / 1024 }')
echo "peak RSS, 900-event XML open for 60 frames, $runs runs (KiB): ${peaks[*]}"
echo "median: ${median_kib} KiB = ${median_mib} MiB; target ≤ 120 MiB"
if [ "$median_kib" -le $((120 * 1024)) ]; then echo "memory: meets the target"; else echo "memory: MISSES the target"; exit 1; fi
