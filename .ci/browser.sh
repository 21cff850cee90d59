#!/usr/bin/env bash
# Debian's Chromium for tests/test_browser.py (driven by the playwright Python
# package with executable_path=/usr/bin/chromium; Playwright's own browser
# download is not used).  Installs only when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null; then SUDO="sudo"; fi
for attempt in 1 2 3; do
  if $SUDO apt-get -o DPkg::Lock::Timeout=120 update -qq && $SUDO apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
    break
  fi
  echo "apt-get failed (attempt $attempt); retrying in 10 s" >&2
  sleep 10
done
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo installed)"
else
  echo "chromium could not be installed: the browser tests will be skipped" >&2
fi
