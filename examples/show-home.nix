# Evaluates ./home.nix as a module function with stand-in arguments and shows the
# definitions it makes. Packages are stand-ins named after their attribute, and
# functions (such as emacs' extraPackages) are applied to the same stand-ins so
# their results show. The real module system arrives with a later issue.
let
  standIns = builtins.mapAttrs (name: _: "«package ${name}»") {
    htop = 1; fortune = 1; nix-mode = 1; magit = 1;
  };
  pkgs = standIns;
  module = import ./home.nix { config = { }; inherit pkgs; lib = { }; };
  show = v:
    if builtins.isFunction v then show (v standIns)
    else if builtins.isAttrs v then builtins.mapAttrs (_: show) v
    else if builtins.isList v then map show v
    else v;
in
show module
