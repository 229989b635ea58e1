#!/usr/bin/env bash
# One entry for a fresh machine: installs what is missing, then runs the app or the tests.
#   bash scripts/dev.sh run    # start the app (a demo shop is created when the store is empty)
#   bash scripts/dev.sh test   # run the whole test suite
#   bash scripts/dev.sh bundle # build the PyInstaller bundle and run its selfcheck
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt (offscreen and xcb) and PyInstaller need these on Debian/Ubuntu (see shared/platform.md).
APT_PACKAGES=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
  libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libx11-xcb1 binutils)
# The tests also run the store on a throwaway PostgreSQL server (the database-URL option).
TEST_APT_PACKAGES=(postgresql)

install_system_packages() {
  command -v apt-get >/dev/null 2>&1 || return 0
  local missing=()
  for p in "${APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  local py=${PYTHON:-python3}
  if [ ! -x .venv/bin/python ]; then
    "$py" -m venv .venv
  fi
  local stamp
  stamp=$(cat requirements.txt requirements-dev.txt | sha1sum | cut -d' ' -f1)
  if [ "$(cat .venv/.requirements-stamp 2>/dev/null)" != "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -r requirements-dev.txt
    echo "$stamp" > .venv/.requirements-stamp
  fi
}

setup() {
  install_system_packages
  install_python_packages
}

case "${1:-run}" in
  run)
    setup
    shift || true
    orders=$(.venv/bin/python main.py stats --json | .venv/bin/python -c "import json,sys; print(json.load(sys.stdin)['orders'])")
    if [ "$orders" = "0" ]; then
      echo "The store is empty: creating the demo shop first."
      .venv/bin/python main.py demo
    fi
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = "Linux" ]; then
      echo "No display here: showing the store's figures instead of the window."
      exec .venv/bin/python main.py stats
    fi
    exec .venv/bin/python main.py "$@"
    ;;
  test)
    install_system_packages "${TEST_APT_PACKAGES[@]}"
    install_python_packages
    shift || true
    QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest -q "$@"
    ;;
  bundle)
    setup
    rm -rf build dist
    .venv/bin/pyinstaller --noconfirm --log-level WARN pyinstaller.spec
    QT_QPA_PLATFORM=offscreen dist/siyu/siyu selfcheck
    du -sh dist/siyu
    ;;
  *)
    echo "usage: bash scripts/dev.sh run|test|bundle" >&2
    exit 2
    ;;
esac
