# Laid out like nixpkgs, so that Home Manager recognises the tree.
args: import ../../../nixpkgs/package-set.nix ({ channel = "unstable"; } // args)
