/**
 * `uninstall`: a configuration that removes everything Home Manager
 * manages. It forces an empty file and package set and a quiet, check-free
 * build, and adds the `uninstall` activation step (after packages and links
 * are gone) that removes the profile link and Home Manager's data. The state
 * directory holding the store and generations is removed by the
 * `home-manager uninstall` command itself, after activation has finished: the
 * running activation script lives in that store.
 */
import { defineModule, mkForce, mkIf, option, t } from "../../module-system/index.js";
import { libCall } from "../module-kit.js";

const UNINSTALL_SCRIPT = `if [[ -L $HOME/.nix-profile ]]; then
  case "$(readlink "$HOME/.nix-profile")" in
    "$hmStatePath"/store/*-home-manager-path) run rm $VERBOSE_ARG "$HOME/.nix-profile" ;;
  esac
fi

if [[ -e $hmDataPath ]]; then
    run rm $VERBOSE_ARG -r "$hmDataPath"
fi

if [[ -e $legacyGenGcPath ]]; then
    run rm $VERBOSE_ARG "$legacyGenGcPath"
fi
`;

export const uninstallModule = defineModule({
  file: "modules/misc/uninstall.ts",
  options: {
    uninstall: option({
      type: t.bool,
      default: false,
      description:
        "Whether to build a configuration that, when activated, removes every file, package and piece of " +
        "state Home Manager manages, generations included. Use with great care.",
    }),
  },
  config: ({ cfg, lib }) =>
    mkIf(() => cfg.uninstall, {
      "home.packages": () => mkForce([]),
      "home.file": () => mkForce({}),
      "home.stateVersion": () => mkForce("26.05"),
      "home.enableNixpkgsReleaseCheck": () => mkForce(false),
      "manual.manpages.enable": () => mkForce(false),
      "news.display": () => mkForce("silent"),
      "home.activation.uninstall": () => libCall(lib, "hm.dag.entryAfter", ["installPackages", "linkGeneration"], UNINSTALL_SCRIPT),
    }),
});
