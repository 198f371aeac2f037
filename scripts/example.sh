#!/usr/bin/env bash
# `npm run example`: switch examples/home.nix into a scratch home directory
# (./.example-home, recreated each time) and show what it made. Your own home
# directory is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$PWD/.example-home"
rm -rf "$scratch"
mkdir -p "$scratch/.local/state"
export HOME="$scratch" USER="${USER:-$(id -un)}" XDG_CONFIG_HOME="$scratch/.config" XDG_STATE_HOME="$scratch/.local/state"
unset XDG_DATA_HOME XDG_CACHE_HOME
# Packages: real Nix with the bundled example package set (examples/nixpkgs) when Nix is
# installed; otherwise the stub backend (placeholders, nothing installed into the profile).
if command -v nix-build > /dev/null; then
  export NIX_PATH="nixpkgs=$PWD/examples/nixpkgs"
  packages=()
else
  echo "(Nix is not installed: packages are placeholders — the stub package backend)"
  packages=(--packages stub)
fi
echo "\$ home-manager -f examples/home.nix switch   (HOME=$scratch)"
bin/home-manager -f examples/home.nix "${packages[@]}" switch
echo
echo "\$ home-manager -f examples/home.nix switch   (again: nothing to do)"
bin/home-manager -f examples/home.nix "${packages[@]}" switch
echo
echo "\$ home-manager generations"
bin/home-manager generations
echo
echo "\$ cat ~/.hello ~/.config/example/settings.ini ~/.gnupg/gpg-agent.conf"
cat "$HOME/.hello" "$HOME/.config/example/settings.ini" "$HOME/.gnupg/gpg-agent.conf"
echo
echo "\$ ls ~/.config/systemd/user"
ls "$HOME/.config/systemd/user"
if [[ -d $HOME/.nix-profile/bin ]]; then
  echo
  echo "\$ ls ~/.nix-profile/bin; htop; fortune"
  ls "$HOME/.nix-profile/bin"
  "$HOME/.nix-profile/bin/htop"
  "$HOME/.nix-profile/bin/fortune"
fi
