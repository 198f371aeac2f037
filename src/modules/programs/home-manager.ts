/**
 * `programs.home-manager`: let Home Manager install its own command.
 * `package` is the `home-manager` package of the package set (with the stub
 * set, this installation's own command); `path` is where the command looks
 * for Home Manager's sources when none is given.
 */
import { defineModule, mkEnableOption, mkIf, option, t, type AttrsView } from "../../module-system/index.js";

export const homeManagerModule = defineModule({
  file: "modules/programs/home-manager.ts",
  path: "programs.home-manager",
  options: {
    enable: mkEnableOption("Home Manager"),
    path: option({
      type: t.nullOr(t.str),
      default: null,
      example: "$HOME/devel/home-manager",
      description:
        "Where the `home-manager` command finds Home Manager's sources. When null, the `home-manager` " +
        "channel and the legacy locations under `~/.config/nixpkgs` and `~/.nixpkgs` are tried.",
    }),
    package: option({
      type: t.package,
      readOnly: true,
      default: (a) => a.pkgs["home-manager"] as AttrsView,
      defaultText: "pkgs.home-manager",
      description: "The package providing the `home-manager` command.",
    }),
  },
  config: ({ cfg, config }) =>
    mkIf(() => cfg.enable && !config.bool("submoduleSupport.enable"), {
      "home.packages": () => [cfg.package],
    }),
});
