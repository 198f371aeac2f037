# Laid out like nixpkgs, so that Home Manager recognises the tree.
args: import ../../package-set.nix ({ channel = "stable"; } // args)
