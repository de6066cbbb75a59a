#!/usr/bin/env bash
# Builds the Debian package with cargo-deb, installs it with apt as a user would, and checks what
# an installed desktop app must do: the binary and its version, a schedule check, the real window
# (smoke test), the launcher entry and AppStream metadata (validated), the file associations
# (xdg-mime), the man page and completions. Then removes the package and checks that the user's
# plans are untouched. Needs root (apt). Prints how long each part took.
#   scripts/package-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
note() { printf 'package: %s (%ss)\n' "$*" "$(($(date +%s) - started))"; }

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
# libfile-mimeinfo-perl: outside a desktop session xdg-mime asks `mimetype`, which reads the
# shared MIME database as file managers do (`file` would not know lanyard's types).
tools=(desktop-file-utils appstream xdg-utils shared-mime-info libfile-mimeinfo-perl man-db bash-completion)
missing=()
for p in "${tools[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install cargo-deb --locked --version 3.8.0 --quiet
fi
note "tools ready"

# The plan of someone who used lanyard before installing the package: removal must keep it.
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/.local/share/lanyard/cascadia-py-2027"
cp assets/sample-plan.ron "$home/.local/share/lanyard/cascadia-py-2027/plan.ron"
before=$(sha256sum "$home/.local/share/lanyard/cascadia-py-2027/plan.ron")

# PACKAGE_CHECK_NO_BUILD=1 packs the release binary already built (quick local reruns).
if [ -n "${PACKAGE_CHECK_NO_BUILD:-}" ]; then
  cargo deb --no-build --quiet >/dev/null
else
  cargo deb --locked --quiet >/dev/null
fi
deb=$(ls -t target/debian/lanyard_*.deb | head -n 1)
note "built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Depends|Recommends):'
# The binary's glibc needs, as the loader sees them, must be declared.
if readelf -V target/release/lanyard | grep -q GLIBC_ABI_DT_RELR; then
  dpkg-deb --field "$deb" Depends | grep -q 'libc6 (>= 2.36)' \
    || { echo "package: the binary needs glibc 2.36 (DT_RELR); Depends does not say so" >&2; exit 1; }
fi

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb" >/dev/null
note "installed"
[ "$(command -v lanyard)" = /usr/bin/lanyard ] || { echo "package: lanyard is not /usr/bin/lanyard" >&2; exit 1; }
version=$(lanyard --version)
echo "package: $version"
expected="lanyard $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1) ("
[[ "$version" == "$expected"* ]] || { echo "package: --version says '$version', expected '$expected…'" >&2; exit 1; }
lanyard check assets/sample-conference.ron
scripts/smoke.sh /usr/bin/lanyard
note "installed binary runs"

desktop-file-validate /usr/share/applications/org.lanyard.Lanyard.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.lanyard.Lanyard.metainfo.xml
for size in 16 24 32 48 64 128 256; do
  test -f "/usr/share/icons/hicolor/${size}x${size}/apps/org.lanyard.Lanyard.png"
done
note "desktop entry, metainfo and icons valid"

# File associations, as a file manager sees them.
export HOME="$home" XDG_DATA_DIRS=/usr/local/share:/usr/share
probe=$(mktemp -d)
cp tests/fixtures/xml/ccc_day_change.xml "$probe/schedule.xml"
cp assets/sample-conference.ron "$probe/cascadia.ron"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' >"$probe/talks.ics"
printf '{"schedule": {"version": "1", "conference": {}}}\n' >"$probe/schedule.json"
for file in schedule.xml schedule.json cascadia.ron talks.ics; do
  type=$(xdg-mime query filetype "$probe/$file")
  app=$(xdg-mime query default "$type")
  echo "package: $file is $type, opened by $app"
  [ "$app" = org.lanyard.Lanyard.desktop ] || { echo "package: $file does not open in lanyard" >&2; exit 1; }
done
rm -rf "$probe"

man -w lanyard >/dev/null
man lanyard 2>/dev/null | grep -q 'LANYARD ROSTER'
test -f /usr/share/bash-completion/completions/lanyard
test -f /usr/share/zsh/vendor-completions/_lanyard
test -f /usr/share/fish/vendor_completions.d/lanyard.fish
bash -c 'source /usr/share/bash-completion/completions/lanyard && complete -p lanyard' >/dev/null
note "man page and completions installed"

DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq lanyard >/dev/null
[ ! -e /usr/bin/lanyard ] || { echo "package: /usr/bin/lanyard is still there after removal" >&2; exit 1; }
after=$(sha256sum "$home/.local/share/lanyard/cascadia-py-2027/plan.ron")
[ "$before" = "$after" ] || { echo "package: removal touched the user's plan" >&2; exit 1; }
note "removed cleanly; the user's plan is untouched"
