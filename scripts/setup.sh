#!/usr/bin/env bash
# Set Parallax up on a fresh machine: Debian's chromium for the browser tests,
# a virtual environment at .venv/ with the package, its models and every extra.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "setup: installing Debian's chromium for the browser tests"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "setup: chromium could not be installed; browser tests will be skipped"
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# torch==2.13.0 is the CPU wheel (pinned in the 'embed' extra); never a loose torch.
.venv/bin/python -m pip install -q -e ".[all]"
# Distil the static sentence embeddings from the packaged all-MiniLM-L6-v2 (once; a few minutes).
.venv/bin/python -m parallax.embed
.venv/bin/parallax --help >/dev/null
echo "setup: done. Try: .venv/bin/parallax compare examples/harbor-blackout/"
