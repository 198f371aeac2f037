/**
 * `programs.password-store`: pass, the standard Unix password manager.
 * Installs `package` and exports `settings` as session variables (also
 * imported into the X session when `xsession` is enabled; and handed to
 * `services.pass-secret-service.storePath` when that module is in the
 * catalog and `PASSWORD_STORE_DIR` is set). From state version 25.11 the
 * default `settings` is empty; before, while `settings` keeps its default,
 * `PASSWORD_STORE_DIR = "${xdg.dataHome}/password-store"` is still exported
 * and Home Manager's state-version warning is given.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { originOf } from "../../module-system/ts-view.js";
import type { Lazy } from "../../nix/values.js";
import { isDeclared, libCall } from "../module-kit.js";

const FILE = "modules/programs/password-store.ts";

const LEGACY_TEXT = '{ PASSWORD_STORE_DIR = "${config.xdg.dataHome}/password-store"; }';

export const passwordStoreModule = defineModule({
  file: FILE,
  path: "programs.password-store",
  options: {
    enable: mkEnableOption("Password store"),
    package: mkPackageOption("pass", {
      extraDescription: "Choose it to add extensions, e.g. `pkgs.pass.withExtensions (exts: [ exts.pass-otp ])`.",
    }),
    settings: option({
      type: t.attrsOf(t.str),
      default: {},
      defaultText: `if lib.versionAtLeast config.home.stateVersion "25.11" then { } else ${LEGACY_TEXT}`,
      example: {
        PASSWORD_STORE_DIR: "${config.xdg.dataHome}/password-store",
        PASSWORD_STORE_KEY: "12345678",
        PASSWORD_STORE_CLIP_TIME: "60",
      },
      description:
        "Environment variables for `pass`, exported in the session. The variables are listed in the " +
        "ENVIRONMENT VARIABLES section of pass(1) and in the manuals of its extensions.",
    }),
  },
  config: ({ cfg, config, lib, arg }) => {
    const deprecation = () => {
      const cfgView = arg("config") as AttrsView;
      const dataHome = (cfgView.xdg as AttrsView).dataHome as string;
      return libCall((originOf(lib) ?? lib) as Lazy, "hm.deprecations.mkStateVersionOptionDefault", {
        stateVersion: (cfgView.home as AttrsView).stateVersion,
        config: cfgView,
        options: arg("options"),
        since: "25.11",
        optionPath: ["programs", "password-store", "settings"],
        legacy: { value: { PASSWORD_STORE_DIR: `${dataHome}/password-store` }, text: LEGACY_TEXT },
        current: { value: {} },
        deferWarningToConfig: true,
      }) as AttrsView;
    };
    const settings = (): Readonly<Record<string, string>> => {
      const d = deprecation();
      return d.shouldWarn === true ? { ...(d.effectiveDefault as Record<string, string>), ...cfg.settings } : cfg.settings;
    };
    return mkMerge([
      mkIf(() => cfg.enable, {
        warnings: () => {
          const d = deprecation();
          return d.shouldWarn === true ? [d.warning as string] : [];
        },
        "home.packages": () => [cfg.package],
        "home.sessionVariables": () => settings() as JsValue,
        "xsession.importedVariables": () => mkIf(config.bool("xsession.enable"), Object.keys(settings())),
      }),
      // An option nobody declares cannot be defined even under a false mkIf: without that module this part is left out.
      ...(isDeclared(arg("options"), "services.pass-secret-service.storePath")
        ? [
            mkIf(() => cfg.enable && "PASSWORD_STORE_DIR" in settings(), {
              "services.pass-secret-service.storePath": () => settings().PASSWORD_STORE_DIR!,
            }),
          ]
        : []),
    ]);
  },
});
