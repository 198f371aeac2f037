# Stand-in for nixpkgs' nixos/modules/misc/meta.nix, written for the
# hm-modules runner (see assertions.nix beside it): the `meta` options that
# modules set about themselves.
{ lib, ... }:
{
  options.meta = {
    maintainers = lib.mkOption {
      type = lib.types.listOf lib.types.raw;
      internal = true;
      default = [ ];
      description = "The maintainers of the modules that set it.";
    };
    teams = lib.mkOption {
      type = lib.types.listOf lib.types.raw;
      internal = true;
      default = [ ];
      description = "The teams maintaining the modules that set it.";
    };
    doc = lib.mkOption {
      type = lib.types.path;
      internal = true;
      example = "./meta.chapter.md";
      description = "Documentation of the module, as a file.";
    };
    buildDocsInSandbox = lib.mkOption {
      type = lib.types.bool;
      internal = true;
      default = true;
      description = "Whether the module's documentation can be built in a sandbox.";
    };
  };
}
