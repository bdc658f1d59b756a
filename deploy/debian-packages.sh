#!/usr/bin/env bash
# Installs the named Debian packages that are missing (root; apt-get update first, only when something is missing;
# bounded: 15 minutes for the update and the install each). Not root: names the missing ones and fails.
#   deploy/debian-packages.sh PACKAGE...
set -euo pipefail
missing=""
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "these Debian packages are needed; install them as root:$missing" >&2
  exit 1
fi
echo "installing$missing" >&2
DEBIAN_FRONTEND=noninteractive timeout 900 apt-get -q update >/dev/null
DEBIAN_FRONTEND=noninteractive timeout 900 apt-get -q -y install --no-install-recommends $missing >/dev/null
