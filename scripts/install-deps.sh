#!/usr/bin/env bash
# Installs the system packages trove builds and tests with, only those missing (Debian/Ubuntu, as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
missing=()
for package in libncursesw5-dev libsqlite3-dev zlib1g-dev libzstd-dev tmux sqlite3; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "trove needs: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
    exit 1
fi
echo "installing ${missing[*]}"
apt-get update -qq
apt-get install -y -qq "${missing[@]}" </dev/null
