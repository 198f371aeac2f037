/**
 * `programs.chromium` and the browsers built on the same code, each its own
 * option set: `google-chrome`, `google-chrome-beta`, `google-chrome-dev`,
 * `brave`, `brave-origin`, `vivaldi` and `microsoft-edge` (only chromium's
 * options are shown in the documentation). Each installs `finalPackage`:
 * `package` unless null, overridden with `commandLineArgs` (joined by
 * spaces) and, for google-chrome on Linux, `plasmaSupport`. In the browser's
 * profile directory it links `dictionaries` (under `Dictionaries/`, by their
 * `passthru.dictFileName`), the `etc/chromium/native-messaging-hosts` of the
 * joined `nativeMessagingHosts` (plus Plasma's integration host when
 * `plasmaSupport` is on) as `NativeMessagingHosts/`, and one JSON file per
 * extension under `External Extensions/` (an update URL, or a local crx
 * file with its version). The profile directory follows the package
 * actually used (its name, when that is one of the browsers here): chromium
 * given `pkgs.brave` writes to Brave's directory. Proprietary Google Chrome
 * on Linux ignores user extensions, so setting them is an assertion failure;
 * on macOS it only takes Chrome Web Store extensions.
 */
import {
  defineModule,
  mkIf,
  mkMerge,
  option,
  t,
  toJs,
  TsType,
  type AttrsView,
  type JsValue,
  type ModuleArgs,
} from "../../module-system/index.js";
import { attrs, nixThrow, selectPath } from "../../module-system/nix-values.js";
import { callFunction } from "../../nix/ops.js";
import { force, type Lazy } from "../../nix/values.js";
import { callNix, libCall, nixToString, rawAttr, ty } from "../module-kit.js";

const FILE = "modules/programs/chromium.ts";

const WEB_STORE_UPDATE_URL = "https://clients2.google.com/service/update2/crx";

/** The browsers, by option name, with their display names. */
export const BROWSERS: Readonly<Record<string, string>> = {
  chromium: "Chromium",
  "google-chrome": "Google Chrome",
  "google-chrome-beta": "Google Chrome Beta",
  "google-chrome-dev": "Google Chrome Dev",
  brave: "Brave Browser",
  "brave-origin": "Brave Origin",
  vivaldi: "Vivaldi Browser",
  "microsoft-edge": "Microsoft Edge",
};

/** Browsers that have the Plasma (Qt theme) switch on Linux. */
const PLASMA_BROWSERS = ["google-chrome"];

/** Profile directories under `~/Library/Application Support` on macOS (else the browser's name). */
const DARWIN_DIRS: Readonly<Record<string, string>> = {
  chromium: "Chromium",
  "google-chrome": "Google/Chrome",
  "google-chrome-beta": "Google/Chrome Beta",
  "google-chrome-dev": "Google/Chrome Dev",
  brave: "BraveSoftware/Brave-Browser",
  "brave-origin": "BraveSoftware/Brave-Origin",
  "microsoft-edge": "Microsoft Edge",
};

/** Profile directories under `$XDG_CONFIG_HOME` on Linux (else the browser's name). */
const LINUX_DIRS: Readonly<Record<string, string>> = {
  brave: "BraveSoftware/Brave-Browser",
  "brave-origin": "BraveSoftware/Brave-Origin",
};

interface Extension {
  readonly id: string;
  readonly updateUrl: string;
  readonly crxPath: string | null;
  readonly version: string | null;
}

const extensionId = new TsType<string>((ms) => ms.types.strMatching("[a-zA-Z]{32}"));

const extensionModule = defineModule({
  file: FILE,
  key: `${FILE}#extension`,
  options: {
    id: option({ type: extensionId, default: "", description: "The extension's ID (from its Chrome Web Store address or its crx)." }),
    updateUrl: option({
      type: t.str,
      default: WEB_STORE_UPDATE_URL,
      description: "Where the extension's update manifest (XML) is. Google Chrome on macOS accepts only the Chrome Web Store's.",
    }),
    crxPath: option({
      type: t.nullOr(t.path),
      default: null,
      description: "A local crx file of the extension (not supported by Google Chrome on macOS).",
    }),
    version: option({
      type: t.nullOr(t.str),
      default: null,
      description: "The version of the local crx file; needed with `crxPath`.",
    }),
  },
});

const extensionType = ty.coercedTo(t.str, (id: string) => ({ id }), ty.submodule<Extension>(extensionModule));

/** `builtins.toJSON` of a Nix set (so paths are copied to the store and contexts kept). */
function toJSON(lib: Lazy, entries: Record<string, Lazy>): string {
  const f = callFunction(force(selectPath(lib, ["generators", "toJSON"])), attrs({}));
  return toJs(callFunction(f, attrs(entries))) as string;
}

function browserModule(browser: string, name: string) {
  const visible = browser === "chromium";
  const plasma = PLASMA_BROWSERS.includes(browser);
  return defineModule({
    file: FILE,
    key: `${FILE}#${browser}`,
    path: `programs.${browser}`,
    options: {
      enable: option({ type: t.bool, default: false, example: true, visible, description: `Whether to enable ${name}.` }),
      package: option({
        type: t.nullOr(t.package),
        default: (a) => a.pkgs[browser] as AttrsView,
        defaultText: `pkgs.${browser}`,
        visible,
        description: `The ${name} package to use; null installs nothing.`,
      }),
      finalPackage: option({
        type: t.nullOr(t.package),
        readOnly: true,
        visible,
        description:
          `The ${name} package as installed: \`package\` with the Home Manager customizations (\`commandLineArgs\`, ` +
          `\`plasmaSupport\`) applied, for other options to refer to as \`config.programs.${browser}.finalPackage\`.`,
      }),
      commandLineArgs: option({
        type: t.listOf(t.str),
        default: [],
        example: ["--enable-logging=stderr", "--ignore-gpu-blocklist"],
        visible,
        description:
          `Command-line switches ${name} is always started with. Common ones are listed in Chromium's ` +
          "[chrome_switches.cc](https://chromium.googlesource.com/chromium/src/+/refs/heads/main/chrome/common/chrome_switches.cc).",
      }),
      ...(plasma
        ? {
            plasmaSupport: option({
              type: t.bool,
              default: false,
              example: true,
              visible,
              description: `Whether ${name} offers the 'Use QT' theme (Linux only).`,
            }),
            plasmaBrowserIntegrationPackage: option({
              type: t.package,
              default: (a) => (a.pkgs.kdePackages as AttrsView)["plasma-browser-integration"] as AttrsView,
              defaultText: "pkgs.kdePackages.plasma-browser-integration",
              visible,
              description:
                "The plasma-browser-integration package to use; its native messaging host is installed on Linux when `plasmaSupport` is on.",
            }),
          }
        : {}),
      dictionaries: option({
        type: t.listOf(t.package),
        default: [],
        example: "[ pkgs.hunspellDictsChromium.en_US ]",
        visible,
        description: `Spell-checking dictionaries for ${name}.`,
      }),
      nativeMessagingHosts: option({
        type: t.listOf(t.package),
        default: [],
        example: "[ pkgs.keepassxc ]",
        description: `Native messaging hosts for ${name}: packages with an \`etc/chromium/native-messaging-hosts\` directory.`,
      }),
      extensions: option({
        type: t.listOf(extensionType),
        default: [],
        example:
          '[ { id = "cjpalhdlnbpafiamejdnhcphjbkeiagm"; } { id = "aaaaaaaaaabbbbbbbbbbcccccccccc"; crxPath = "/home/share/extension.crx"; version = "1.0"; } ]',
        visible,
        description:
          `Extensions for ${name}, each an ID (from its Chrome Web Store page) or a set with an \`updateUrl\`, ` +
          "or a local `crxPath` and its `version` (see Chrome's documentation on external extensions). " +
          "With `pkgs.ungoogled-chromium` on Linux, local crx files work best. Google Chrome ignores these on Linux " +
          "and accepts only Chrome Web Store extensions on macOS.",
      }),
    },
  });
}

/** The configuration of one browser (upstream merges them in the order of the browsers' names). */
function browserConfig(browser: string, cfgOf: () => JsValue, { config, pkgs, lib }: ModuleArgs<unknown>): unknown {
  // Read lazily: the option values are only known once every module's definitions are.
  const cfg = new Proxy({}, { get: (_t, k: string) => (cfgOf() as AttrsView)[k] });
  const plasma = PLASMA_BROWSERS.includes(browser);
  const c = cfg as unknown as {
    enable: boolean;
    package: AttrsView | null;
    finalPackage: AttrsView | null;
    commandLineArgs: readonly string[];
    plasmaSupport?: boolean;
    plasmaBrowserIntegrationPackage?: AttrsView;
    dictionaries: readonly AttrsView[];
    nativeMessagingHosts: readonly AttrsView[];
    extensions: readonly Extension[];
  };
  const platform = () => (pkgs.stdenv as AttrsView).hostPlatform as AttrsView;
  const isDarwin = () => platform().isDarwin === true;
  const isLinux = () => platform().isLinux === true;
  const effective = (): string => {
    if (c.package === null) return browser;
    const pname = nixToString(libCall(lib, "getName", c.package));
    return pname in BROWSERS ? pname : browser;
  };
  const proprietary = () => effective().startsWith("google-chrome");
  const userExtensions = () => !proprietary() || isDarwin();
  const configDir = () =>
    isDarwin()
      ? `Library/Application Support/${DARWIN_DIRS[effective()] ?? effective()}`
      : `${config.str("xdg.configHome")}/${LINUX_DIRS[effective()] ?? effective()}`;
  const plasmaOn = () => isLinux() && plasma && c.plasmaSupport === true;
  const hosts = () =>
    libCall(lib, "unique", [...c.nativeMessagingHosts, ...(plasmaOn() ? [c.plasmaBrowserIntegrationPackage!] : [])]) as AttrsView[];
  const extensionFile = (ext: Extension): string => {
    if (ext.crxPath !== null && ext.version === null) throw nixThrow("assertion '(ext.crxPath != null -> ext.version != null)' failed");
    return ext.crxPath !== null
      ? toJSON(lib as Lazy, { external_crx: rawAttr(ext, "crxPath"), external_version: rawAttr(ext, "version") })
      : toJSON(lib as Lazy, { external_update_url: rawAttr(ext, "updateUrl") });
  };
  return mkIf(() => c.enable, {
    assertions: () => [
      {
        assertion: !(c.package === null && c.commandLineArgs.length > 0),
        message: `Cannot set \`commandLineArgs\` when \`package\` is null for ${browser}.`,
      },
      {
        assertion: !(proprietary() && isLinux() && c.extensions.length > 0),
        message:
          `Cannot set \`extensions\` for \`${effective()}\` on Linux. Google Chrome only loads external extensions ` +
          "from system-managed directories, which Home Manager does not manage.",
      },
      {
        assertion: !(
          proprietary() &&
          isDarwin() &&
          !c.extensions.every((e) => e.crxPath === null && e.version === null && e.updateUrl === WEB_STORE_UPDATE_URL)
        ),
        message:
          `Cannot set \`crxPath\`, \`version\`, or a custom \`updateUrl\` for \`${effective()}\` on Darwin. ` +
          "Google Chrome only supports Chrome Web Store external extensions there.",
      },
    ],
    [`programs.${browser}.finalPackage`]: () => {
      if (c.package === null) return null;
      if (c.commandLineArgs.length === 0 && !plasmaOn()) return c.package;
      const args: Record<string, Lazy> = {};
      if (c.commandLineArgs.length > 0) args.commandLineArgs = c.commandLineArgs.join(" ");
      if (plasmaOn()) Object.assign(args, { plasmaSupport: true, kdePackages: rawAttr(pkgs, "kdePackages") });
      return callNix(c.package.override, attrs(args));
    },
    "home.packages": () => mkIf(c.finalPackage !== null, [c.finalPackage]),
    "home.file": () => {
      const files: Record<string, unknown> = {};
      if (userExtensions())
        for (const ext of c.extensions) files[`${configDir()}/External Extensions/${ext.id}.json`] = { text: extensionFile(ext) };
      for (const d of c.dictionaries) {
        const dictFile = nixToString((d.passthru as AttrsView).dictFileName!);
        files[`${configDir()}/Dictionaries/${dictFile}`] = { source: d };
      }
      const joined = () => nixToString(callNix(pkgs.symlinkJoin, { name: `${effective()}-native-messaging-hosts`, paths: hosts() }));
      files[`${configDir()}/NativeMessagingHosts`] = mkIf(hosts().length > 0, {
        source: `${joined()}/etc/chromium/native-messaging-hosts`,
        recursive: true,
      });
      return files;
    },
  });
}

/** All the browsers' modules. */
export const chromiumModule = defineModule({
  file: FILE,
  key: `${FILE}#browsers`,
  imports: Object.entries(BROWSERS).map(([browser, name]) => browserModule(browser, name).value),
  options: {},
  config: (args) =>
    mkMerge(
      Object.keys(BROWSERS)
        .sort()
        .map((browser) => browserConfig(browser, () => args.config.get(`programs.${browser}`), args)),
    ),
});
