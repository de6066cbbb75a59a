# Sourced by the scripts that run the real window: a private home and runtime folder under
# "$work", and an Xvfb display of its own (the first free one from :99), waited for until it
# answers (up to 20 s). Sets $xvfb to its pid, for the caller's EXIT trap to kill. Fails, showing
# Xvfb's log, if the display never answers.
# -noreset: by default an X server resets whenever its last client leaves, and drops any client
# still in its connection handshake at that moment. Our own xdotool probes are often that last
# client, so the app's connection now and then failed with "Failed to open connection to X
# server" (2 of 200 connections failed while xdotool polled; once in CI).
#   . scripts/lib/headless-x.sh; start_headless_x "$work"
start_headless_x() {
  local work=$1 d=99
  export XDG_RUNTIME_DIR=$work/run HOME=$work/home
  mkdir -p "$XDG_RUNTIME_DIR" "$HOME"
  chmod 700 "$XDG_RUNTIME_DIR"
  while [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
  Xvfb :$d -screen 0 1280x800x24 -nolisten tcp -noreset >"$work/xvfb.log" 2>&1 &
  xvfb=$!
  export DISPLAY=:$d
  unset WAYLAND_DISPLAY
  for _ in $(seq 200); do xdotool getdisplaygeometry >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "headless-x: Xvfb :$d did not answer; its log:" >&2
  cat "$work/xvfb.log" >&2
  return 1
}
