#!/usr/bin/env bash
# Installs what kalima needs on a fresh Debian machine: the system libraries
# (when missing) and a virtual environment (.venv) with kalima built into it.
# Sourced by scripts/demo.sh and scripts/test.sh.
set -euo pipefail

KALIMA_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KALIMA_VENV=${KALIMA_VENV:-$KALIMA_REPO/.venv}
# Not exported, and not named KALIMA_ROOT: CMake (policy CMP0144) reads an
# environment variable <Package>_ROOT as a search prefix for find_package.
export KALIMA_VENV

kalima_apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$pkg")
  done
  ((${#missing[@]})) || return 0
  echo "kalima: installing Debian packages: ${missing[*]}" >&2
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

kalima_system_deps() {
  kalima_apt_install g++ make libicu-dev libabsl-dev pkg-config "$@"
  command -v cmake >/dev/null || kalima_apt_install cmake
  command -v python3 >/dev/null || kalima_apt_install python3 python3-venv python3-dev
  python3 -c 'import venv, ensurepip' 2>/dev/null || kalima_apt_install python3-venv
}

kalima_venv() {
  if [[ ! -x $KALIMA_VENV/bin/python ]]; then
    python3 -m venv "$KALIMA_VENV"
    # Once, when made: a venv's own pip may predate the build backend's needs.
    "$KALIMA_VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  fi
}

# Builds and installs kalima (and the given extras) into the venv.
kalima_pip_install() {
  local spec=$KALIMA_REPO
  [[ $# -gt 0 ]] && spec="$KALIMA_REPO[$1]"
  "$KALIMA_VENV/bin/python" -m pip install -q "$spec"
}
