#!/usr/bin/env bash
# The main job on the bundled sample: normalise the sample article (before
# and after), split it into sentences and tokens, segment its clitics and
# find the bundled gazetteer's names in it. Installs what is missing first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
kalima_system_deps
kalima_venv
kalima_pip_install
exec "$KALIMA_VENV/bin/python" -m kalima demo "$@"
