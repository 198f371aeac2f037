/**
 * `programs.aria2`: aria2, a download utility. Installs `package` (unless
 * null); when `settings` is not empty writes them with
 * `pkgs.formats.keyValue` to `$XDG_CONFIG_HOME/aria2/aria2.conf`; with
 * `systemd.enable` defines the user service `aria2` running
 * `aria2c --enable-rpc` (restarted on failure, wanted by `default.target`,
 * restarted when the config file changes). The old `extraConfig` is
 * declared as removed.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  toNix,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { lazy } from "../../module-system/nix-values.js";
import { force } from "../../nix/values.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, removedOptionModule, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/aria2.ts";

function makeAria2(a: EvalArgs) {
  const keyValue = () => callNix((a.pkgs().formats as AttrsView).keyValue, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.aria2",
    imports: [
      removedOptionModule(
        FILE,
        "programs.aria2.extraConfig",
        () => "This option has been removed. Please use 'programs.aria2.settings' instead.",
      ).value,
    ],
    options: {
      enable: mkEnableOption("aria2"),
      package: mkPackageOption("aria2", { nullable: true }),
      settings: option({
        type: formatType(a, "keyValue"),
        default: {} as JsValue,
        defaultText: "{ }",
        example: { "listen-port": 60000, "dht-listen-port": 60000, "max-upload-limit": "50K", "ftp-pasv": true },
        description: "Options for {file}`aria2.conf`, written as `key=value` lines; {manpage}`aria2c(1)` lists them.",
      }),
      systemd: { enable: mkEnableOption("Aria2 systemd integration") },
    },
    config: ({ cfg, lib }) => {
      const hasSettings = () => !isEmpty(cfg.settings);
      let generated: JsValue | undefined;
      const confFile = () => (generated ??= callNix(keyValue().generate, "aria2.conf", cfg.settings));
      return mkIf(() => cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        "xdg.configFile": () => mkIf(hasSettings(), { "aria2/aria2.conf": { source: confFile() } }),
        "systemd.user.services": () =>
          mkIf(cfg.systemd.enable, {
            aria2: {
              Unit: {
                Description: "Aria2c daemon",
                Documentation: "man:aria2c(1)",
                "X-Restart-Triggers": mkIf(
                  hasSettings(),
                  // The generated file itself rather than `xdg.configFile`'s entry, which depends on the units.
                  lazy(() => force(toNix([nixToString(confFile())]))),
                ),
              },
              Service: {
                ExecStart: `${nixToString(libCall(lib, "getExe", cfg.package))} --enable-rpc`,
                Restart: "on-failure",
              },
              Install: { WantedBy: ["default.target"] },
            },
          }),
      });
    },
  });
}

export const aria2Module = perEvaluation(FILE, makeAria2);
