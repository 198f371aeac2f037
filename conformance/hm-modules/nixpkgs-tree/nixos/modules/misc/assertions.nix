# Stand-in for nixpkgs' nixos/modules/misc/assertions.nix, written for the
# hm-modules runner: the scratch nixpkgs tree of each case holds it, so a
# case that evaluates modules on its own (`pkgs.path + "/nixos/modules/misc/
# assertions.nix"`) gets the `assertions` and `warnings` options.
{ lib, ... }:
{
  options = {
    assertions = lib.mkOption {
      type = lib.types.listOf lib.types.unspecified;
      internal = true;
      default = [ ];
      example = [
        {
          assertion = false;
          message = "this always fails";
        }
      ];
      description = "Conditions that must hold (`assertion`), each with the `message` shown when it does not.";
    };
    warnings = lib.mkOption {
      type = lib.types.listOf lib.types.str;
      internal = true;
      default = [ ];
      example = [ "this is a warning" ];
      description = "Messages shown to the user when the configuration is evaluated.";
    };
  };
}
