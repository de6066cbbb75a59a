# Sourced by the scripts that run the real window: a private home and runtime folder under
# "$work", and an Xvfb display of its own (the first free one from :99), waited for until it
# answers (up to 20 s: on a loaded 2-core machine 5 s was once not enough). Sets $xvfb to its
# pid, for the caller's EXIT trap to kill. Fails, showing Xvfb's log, if the display never answers.
#   . scripts/lib/headless-x.sh; start_headless_x "$work"
start_headless_x() {
  local work=$1 d=99
  export XDG_RUNTIME_DIR=$work/run HOME=$work/home
  mkdir -p "$XDG_RUNTIME_DIR" "$HOME"
  chmod 700 "$XDG_RUNTIME_DIR"
  while [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
  Xvfb :$d -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb=$!
  export DISPLAY=:$d
  unset WAYLAND_DISPLAY
  for _ in $(seq 200); do xdotool getdisplaygeometry >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "headless-x: Xvfb :$d did not answer; its log:" >&2
  cat "$work/xvfb.log" >&2
  return 1
}
