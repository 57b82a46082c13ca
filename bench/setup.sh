#!/usr/bin/env bash
# A bench-only virtual environment (.venv-bench) with kalima and the peers it
# is measured against. The peers never become kalima dependencies.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/bootstrap.sh"
kalima_system_deps libbenchmark-dev
KALIMA_VENV=$KALIMA_REPO/.venv-bench
kalima_venv
kalima_pip_install
py=$KALIMA_VENV/bin/python
# CAMeL Tools without its dependency tree (torch, transformers): its
# normalisation needs only emoji and six, its word tokenizer regex.
$py -m pip install -q emoji six pyarabic regex flashtext pyahocorasick
$py -m pip install -q --no-deps --no-warn-conflicts camel-tools==1.6.0
