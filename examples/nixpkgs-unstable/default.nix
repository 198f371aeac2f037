# The example package collection (unstable channel): same packages, newer versions.
{ ... }@args: import ./pkgs/top-level/all-packages.nix args
