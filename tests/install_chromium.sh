#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests, if it is not there already.
# (Never `playwright install`: browser tests use the system Chromium at /usr/bin/chromium.)
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
