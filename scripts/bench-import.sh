#!/usr/bin/env bash
# Whole-process import benchmark (BENCHMARKS.md): `lanyard check` on a FOSDEM-size frab XML
# (900 events, ~2.7 MB) against Python's ElementTree merely parsing the same file.
# Target: lanyard ≤ 25 % of Python.
#
# The two commands run interleaved (lanyard, python, lanyard, python, …) after warm-up runs, so
# both see the same machine state; the best and the median of each are reported, and the verdict
# uses the best runs. If hyperfine is installed, it measures both once more for mean ± σ.
#   scripts/bench-import.sh [ROUNDS]        (default 21 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-21}

cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/lanyard
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file=$work/fosdem-900.xml
"$bin" gen --events 900 --seed 1 -o "$file" >/dev/null
size=$(stat -c %s "$file")
py='import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])'
# The interpreter itself, not a wrapper such as a pyenv shim that would add its own start-up time.
python=$(python3 -c 'import sys; print(sys.executable)')

run_lanyard() { "$bin" check "$file" >/dev/null 2>&1; }
run_python() { "$python" -c "$py" "$file"; }

# Microseconds taken by one run of a function, timed with bash's own clock (no fork to time).
time_us() {
  local start=$EPOCHREALTIME
  "$@"
  local end=$EPOCHREALTIME
  echo $(((${end/./} - ${start/./})))
}

for _ in 1 2 3; do run_lanyard; run_python; done
lanyard_us=() python_us=()
for _ in $(seq "$rounds"); do
  lanyard_us+=("$(time_us run_lanyard)")
  python_us+=("$(time_us run_python)")
done

stats() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%d %d", a[1], a[int((NR + 1) / 2)] }'; }
read -r lanyard_best lanyard_median <<<"$(stats "${lanyard_us[@]}")"
read -r python_best python_median <<<"$(stats "${python_us[@]}")"
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }
ratio_best=$(awk -v a="$lanyard_best" -v b="$python_best" 'BEGIN { printf "%.1f", 100 * a / b }')
ratio_median=$(awk -v a="$lanyard_median" -v b="$python_median" 'BEGIN { printf "%.1f", 100 * a / b }')

echo "file: 900 events, $size bytes; $rounds interleaved rounds after 3 warm-up rounds; $($python --version)"
echo "lanyard check:      best $(ms "$lanyard_best"), median $(ms "$lanyard_median")"
echo "python ElementTree: best $(ms "$python_best"), median $(ms "$python_median")"
echo "lanyard / python:   ${ratio_best} % (best), ${ratio_median} % (median); target ≤ 25 %"

if command -v hyperfine >/dev/null; then
  echo
  hyperfine --shell=none --warmup 3 --runs "$rounds" \
    "$bin check $file" "$python -c '$py' $file" 2>/dev/null || true
fi

awk -v r="$ratio_best" 'BEGIN { exit !(r <= 25) }' && echo "import: meets the target" || {
  echo "import: MISSES the target"
  exit 1
}
