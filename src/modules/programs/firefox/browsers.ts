/**
 * The browsers built from the shared Firefox module: `programs.firefox`
 * (configuration under `$XDG_CONFIG_HOME/mozilla/firefox` from state version
 * 26.05, `~/.mozilla/firefox` before, with a warning while the old default is
 * in use; options of old releases removed with instructions),
 * `programs.floorp` (`~/.floorp`) and `programs.librewolf` (`~/.librewolf`,
 * plus global `settings` written to `librewolf.overrides.cfg`). Each adds its
 * package (whose wrapper carries the native messaging hosts) and
 * `nativeMessagingHosts` to the `mozilla.*NativeMessagingHosts` lists.
 */
import { defineModule, mkIf, option, t, TsType, type AttrsView, type JsValue } from "../../../module-system/index.js";
import type { DefaultArgs } from "../../../module-system/ts-types.js";
import { originOf } from "../../../module-system/ts-view.js";
import type { Lazy } from "../../../nix/values.js";
import { libCall, removedOptionModule, type EvalArgs } from "../../module-kit.js";
import { firefoxLikeModule } from "./make-firefox-module.js";
import { toJsonText } from "./store-bytes.js";

/** `lib.hm.deprecations.mkStateVersionOptionDefault` for Firefox's configuration directory on Linux. */
function firefoxConfigPathDefault(lib: unknown, arg: (n: string) => JsValue): AttrsView {
  const config = arg("config") as AttrsView;
  const home = config.home as AttrsView;
  const configHome = (config.xdg as AttrsView).configHome as string;
  const prefix = `${home.homeDirectory as string}/`;
  const rel = configHome.startsWith(prefix) ? configHome.slice(prefix.length) : configHome;
  const pkgs = arg("pkgs") as AttrsView;
  const isDarwin = ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
  const libValue = (originOf(lib) ?? lib) as Lazy;
  return libCall(libValue, "hm.deprecations.mkStateVersionOptionDefault", {
    stateVersion: home.stateVersion,
    since: "26.05",
    config,
    options: arg("options"),
    deferWarningToConfig: true,
    optionPath: ["programs", "firefox", "configPath"],
    legacy: { value: ".mozilla/firefox" },
    current: { value: `${rel}/mozilla/firefox`, text: '"${config.xdg.configHome}/mozilla/firefox"' },
    shouldWarn: (x: JsValue) => (x as AttrsView).optionUsesDefaultPriority === true && !isDarwin,
    extraWarning:
      "To migrate to the XDG path, move `~/.mozilla/firefox` to\n" +
      "`$XDG_CONFIG_HOME/mozilla/firefox` and remove the old directory.\n" +
      "Native messaging hosts are not moved by this option change.\n",
  }) as AttrsView;
}

/** Native messaging hosts of a browser: its own list plus its package. */
function hostsModule(file: string, browser: string, target: string) {
  return defineModule({
    file,
    key: `${file}#native-messaging-hosts`,
    config: ({ config }) =>
      mkIf(() => config.bool(`${browser}.enable`), {
        [target]: () => {
          const hosts = config.get(`${browser}.nativeMessagingHosts`) as readonly JsValue[];
          const pkg = config.get(`${browser}.finalPackage`);
          return pkg !== null ? [...hosts, pkg] : hosts;
        },
      }),
  });
}

const FIREFOX_FILE = "modules/programs/firefox/firefox.ts";

function firefoxExtras(a: EvalArgs) {
  const remove = (opt: string, why: string) => removedOptionModule(FIREFOX_FILE, `programs.firefox.${opt}`, () => why);
  return [
    hostsModule(FIREFOX_FILE, "programs.firefox", "mozilla.firefoxNativeMessagingHosts"),
    defineModule({
      file: FIREFOX_FILE,
      key: `${FIREFOX_FILE}#config-path-warning`,
      config: ({ config, arg }) =>
        mkIf(() => config.bool("programs.firefox.enable"), {
          warnings: () => {
            const d = firefoxConfigPathDefault(a.lib, arg);
            return d.shouldWarn === true ? [d.warning as string] : [];
          },
        }),
    }),
    remove(
      "extensions",
      "Extensions are now managed per-profile. That is, change from\n\n" +
        "  programs.firefox.extensions = [ foo bar ];\n\nto\n\n" +
        "  programs.firefox.profiles.myprofile.extensions.packages = [ foo bar ];",
    ),
    remove("enableAdobeFlash", "Support for this option has been removed."),
    remove("enableGoogleTalk", "Support for this option has been removed."),
    remove("enableIcedTea", "Support for this option has been removed."),
  ];
}

/** `programs.firefox`. */
export const firefoxModule = firefoxLikeModule(
  {
    file: FIREFOX_FILE,
    modulePath: "programs.firefox",
    name: "Firefox",
    wrappedPackageName: "firefox",
    unwrappedPackageName: "firefox-unwrapped",
    linuxConfigPath: (d: DefaultArgs) => firefoxConfigPathDefault(d.arg("lib"), d.arg).effectiveDefault as string,
    darwin: { configPath: "Library/Application Support/Firefox", defaultsId: "org.mozilla.firefox.plist" },
  },
  firefoxExtras,
);

const FLOORP_FILE = "modules/programs/floorp.ts";

/** `programs.floorp`. */
export const floorpModule = firefoxLikeModule(
  {
    file: FLOORP_FILE,
    modulePath: "programs.floorp",
    name: "Floorp",
    wrappedPackageName: "floorp-bin",
    unwrappedPackageName: "floorp-bin-unwrapped",
    linuxConfigPath: () => ".floorp",
    darwin: { appName: "Floorp", configPath: "Library/Application Support/Floorp" },
  },
  () => [hostsModule(FLOORP_FILE, "programs.floorp", "mozilla.firefoxNativeMessagingHosts")],
);

const LIBREWOLF_FILE = "modules/programs/librewolf.ts";

const prefType = new TsType<boolean | number | string>((ms) => ms.types.either(ms.types.bool, ms.types.either(ms.types.int, ms.types.str)));

function librewolfExtras(a: EvalArgs) {
  return [
    hostsModule(LIBREWOLF_FILE, "programs.librewolf", "mozilla.librewolfNativeMessagingHosts"),
    defineModule({
      file: LIBREWOLF_FILE,
      key: `${LIBREWOLF_FILE}#settings`,
      path: "programs.librewolf",
      options: {
        settings: option({
          type: t.attrsOf(prefType),
          default: {},
          example: { "webgl.disabled": false, "privacy.resistFingerprinting": false },
          description:
            "LibreWolf's global preferences, written as `defaultPref` lines to `~/.librewolf/librewolf.overrides.cfg`. " +
            "See <https://librewolf.net/docs/settings/>.",
        }),
      },
      config: ({ cfg, config }) =>
        mkIf(() => config.bool("programs.librewolf.enable"), {
          'home.file.".librewolf/librewolf.overrides.cfg"': () =>
            mkIf(Object.keys(cfg.settings).length > 0, {
              text:
                "// Generated by Home Manager.\n\n" +
                Object.keys(cfg.settings)
                  .sort()
                  .map((n) => `defaultPref("${n}", ${toJsonText(a.lib, cfg.settings[n])});\n`)
                  .join("") +
                "\n",
            }),
        }),
    }),
  ];
}

/** `programs.librewolf`. */
export const librewolfModule = firefoxLikeModule(
  {
    file: LIBREWOLF_FILE,
    modulePath: "programs.librewolf",
    name: "LibreWolf",
    description: "LibreWolf is a privacy enhanced Firefox fork.",
    wrappedPackageName: "librewolf",
    unwrappedPackageName: "librewolf-unwrapped",
    linuxConfigPath: () => ".librewolf",
    darwin: { configPath: "Library/Application Support/LibreWolf" },
  },
  librewolfExtras,
);
