# The example package collection (stable channel); see package-set.nix.
{ ... }@args: import ./pkgs/top-level/all-packages.nix args
