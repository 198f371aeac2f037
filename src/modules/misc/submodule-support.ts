/**
 * `submoduleSupport`: whether this configuration is evaluated inside a
 * NixOS or nix-darwin system (never, for the standalone tool), and the
 * module arguments those systems provide (`osConfig`, `nixosConfig`,
 * `darwinConfig`), defaulting to null so modules can test for them.
 */
import { defineModule, mkDefault, option, t } from "../../module-system/index.js";

export const submoduleSupportModule = defineModule({
  file: "modules/misc/submodule-support.ts",
  options: {
    submoduleSupport: {
      enable: option({
        type: t.bool,
        default: false,
        internal: true,
        description: "Whether Home Manager runs as a module of a NixOS or nix-darwin system.",
      }),
      externalPackageInstall: option({
        type: t.bool,
        default: false,
        internal: true,
        description: "Whether `home.packages` are installed by the surrounding system rather than by activation.",
      }),
    },
  },
  config: () => ({
    "_module.args": () => ({ osConfig: mkDefault(null), nixosConfig: mkDefault(null), darwinConfig: mkDefault(null) }),
  }),
});
