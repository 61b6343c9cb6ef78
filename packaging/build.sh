#!/usr/bin/env bash
# Build the one-folder okcomposer app with PyInstaller, then smoke-test the built binary.
#
#   packaging/build.sh VENV [OUTDIR]
#
# VENV: a virtual environment (created if missing); okcomposer (this checkout, unless one is installed
# already) and PyInstaller are installed into it when missing. OUTDIR (default dist/pyinstaller) gets
# okcomposer/, the app folder. Then the built binary must: print this version for --version; publish
# resources/examples/group-post.json to a built-in sandbox; start the desktop app offscreen on a built-in
# sandbox, show its window and pass the launcher's checks (icons, translations, keyring backend), each within
# OKC_SMOKE_TIMEOUT s (default 60). Linux and macOS; on Windows run the same steps by hand
# (packaging/README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="${1:?usage: packaging/build.sh VENV [OUTDIR]}"
out="${2:-$root/dist/pyinstaller}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export PIP_DISABLE_PIP_VERSION_CHECK=1
started=$(date +%s)
step() { echo "build.sh [$(($(date +%s) - started)) s] $*"; }

[ -x "$venv/bin/python" ] || { step "creating $venv"; python3 -m venv "$venv"; }
py="$venv/bin/python"
if ! "$py" -c "import okcomposer" 2>/dev/null; then
  step "installing okcomposer from $root into $venv"
  "$py" -m pip install -q "$root"
fi
if ! "$py" -c "import PyInstaller" 2>/dev/null; then
  step "installing PyInstaller into $venv"
  "$py" -m pip install -q "pyinstaller>=6.10"
fi
version="$("$py" -c 'import okcomposer; print(okcomposer.__version__)')"
step "PyInstaller $("$py" -m PyInstaller --version), okcomposer $version"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step "building into $out/okcomposer"
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$out" --workpath "$work/build" "$here/okcomposer.spec"

app="$out/okcomposer"
exe="$app/okcomposer"
[ -x "$exe" ] || { echo "build.sh: no $exe" >&2; exit 1; }
for f in okcomposer/ui/translations/okcomposer_ru.qm okcomposer/ui/icons/okcomposer.svg; do
  if [ -z "$(find "$app" -path "*/$f" -print -quit)" ]; then
    echo "build.sh: $f is not in the bundle" >&2
    exit 1
  fi
done
step "built: $(du -sh "$app" | cut -f1) in $(find "$app" -type f | wc -l) files"

printed="$("$exe" --version)"
[ "$printed" = "okcomposer $version" ] || { echo "build.sh: --version printed '$printed'" >&2; exit 1; }
step "--version: $printed"

# The smoke tests run in a throwaway home (no settings, drafts, logs or keyring of yours), with no display.
home="$work/home"
mkdir -p "$home"
in_home() {
  env -u DISPLAY -u WAYLAND_DISPLAY HOME="$home" OKCOMPOSER_HOME="$home/okcomposer" \
    XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_CACHE_HOME="$home/.cache" \
    XDG_STATE_HOME="$home/.local/state" QT_QPA_PLATFORM=offscreen \
    timeout "${OKC_SMOKE_TIMEOUT:-60}" "$@" </dev/null
}

# The command line: the README's demo, a group post with 3 photos, a poll and a link, to a built-in sandbox.
topic="$(in_home "$exe" --sandbox post "$root/resources/examples/group-post.json")"
[ -n "$topic" ] || { echo "build.sh: the built app's post printed no topic id" >&2; exit 1; }
step "okcomposer --sandbox post: published topic $topic"

# The desktop app on a built-in sandbox; the launcher checks it and quits (packaging/launcher.py).
log="$work/smoke.log"
status=0
OKC_SMOKE_TEST_MS="${OKC_SMOKE_TEST_MS:-1500}" in_home "$exe" --sandbox >"$log" 2>&1 || status=$?
cat "$log"
if [ "$status" -ne 0 ] || ! grep -q "okcomposer smoke test: OK" "$log"; then
  echo "build.sh: the built app failed its smoke test (exit code $status)" >&2
  exit 1
fi
step "smoke test passed; the app is $app"
