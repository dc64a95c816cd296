#!/bin/sh
# Install the Debian packages listed in scripts/debian-packages.txt for NEED (run or test)
# when they are missing: as root with apt-get, or with `sudo -n`. Otherwise stop before
# anything else starts and print the one command that installs them.
set -eu
need="${1:?usage: debian-packages.sh run|test}"
list="$(dirname "$0")/debian-packages.txt"
arch_dir="/usr/lib/$(uname -m)-linux-gnu"

missing=""
while read -r pkg_need package check; do
  case "$pkg_need" in ''|'#'*) continue ;; esac
  if [ "$need" = run ] && [ "$pkg_need" != run ]; then continue; fi
  case "$check" in
    cmd:*) command -v "${check#cmd:}" >/dev/null 2>&1 && continue ;;
    file:*) path="$(echo "${check#file:}" | sed "s|/usr/lib/x86_64-linux-gnu|$arch_dir|")"
            [ -e "$path" ] && continue ;;
    *) echo "debian-packages.txt: unknown check '$check' for $package" >&2; exit 2 ;;
  esac
  case " $missing " in *" $package "*) ;; *) missing="$missing $package" ;; esac
done < "$list"

[ -z "$missing" ] && exit 0
command="apt-get update && apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "TradeBridge needs these Debian packages:$missing" >&2
  echo "Install them with:  sudo sh -c '$command'" >&2
  exit 1
fi
echo "Installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
