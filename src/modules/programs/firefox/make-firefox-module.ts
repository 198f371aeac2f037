/**
 * The module shared by Firefox and the browsers built from it (Floorp,
 * LibreWolf), as Home Manager's `mkFirefoxModule`: one call per browser with
 * its option path, name, package names and per-platform configuration
 * directories. It declares the browser's options (package, policies, global
 * extensions, language packs, profiles, …) and, when enabled, installs the
 * wrapped package (`finalPackage`: the package overridden with `policies`,
 * `pkcs11Modules` and the GNOME connector flag when its `override` takes
 * `cfg`), writes `profiles.ini` and every profile's files (`user.js`,
 * `chrome/*.css`, `containers.json`, `search.json.mozlz4`, `handlers.json`,
 * extensions, per-extension `storage.js`), and makes policies for bookmarks,
 * language packs and global extensions.
 */
import {
  defineModule,
  mkIf,
  mkMerge,
  mkOptionDefault,
  option,
  t,
  TsType,
  type AttrsView,
  type OptionsDecl,
  type JsValue,
} from "../../../module-system/index.js";
import type { DefaultArgs } from "../../../module-system/ts-types.js";
import { force, NixString, type Lazy } from "../../../nix/values.js";
import { lazy } from "../../../module-system/nix-values.js";
import { toJs, toNix } from "../../../module-system/index.js";
import { callFunction } from "../../../nix/ops.js";
import { originOf } from "../../../module-system/ts-view.js";
import { callFn, libCall, nixToString, perEvaluation, ty, versionAtLeast, type AnyModule, type EvalArgs } from "../../module-kit.js";
import { browserAssertions, globalExtensionPackage } from "./assertions.js";
import { containersJson, hasUserJs, profilesIni, userJs } from "./profile-files.js";
import { profileModule, type ProfileValue } from "./profile.js";
import { toJsonText } from "./store-bytes.js";

/** What differs between the browsers built by this module. */
export interface BrowserSpec {
  /** Shown as the file of the browser's declarations. */
  readonly file: string;
  /** The option path, dotted (`programs.firefox`). */
  readonly modulePath: string;
  /** The display name (`Firefox`). */
  readonly name: string;
  /** A sentence added to `enable`'s description. */
  readonly description?: string;
  readonly wrappedPackageName: string | null;
  readonly unwrappedPackageName: string | null;
  /** The configuration directory on Linux (relative to home, or absolute). */
  readonly linuxConfigPath: (a: DefaultArgs) => string;
  readonly darwin: { readonly configPath: string; readonly defaultsId?: string; readonly appName?: string };
  readonly enableBookmarks?: boolean;
}

/** The extensions directory every profile shares (Firefox's application id). */
export const EXTENSION_PATH = "extensions/{ec8030f7-c20a-464f-9b0e-13a3a9e97384}";

/** Call a Nix function or functor set (`makeOverridable` gives sets with `__functor`) with curried arguments. */
function apply(f: JsValue | undefined, ...args: unknown[]): JsValue {
  let v: Lazy = toNix(f);
  for (const x of args) v = callFunction(force(v), toNix(x));
  return toJs(v);
}

/** A value computed only when the module system reads it. */
const later = (f: () => unknown): Lazy => lazy(() => force(toNix(f())));

const jsonType = new TsType<JsValue>((ms) => ms.types.json);

/** The browser's view of its own options. */
interface BrowserCfg {
  readonly enable: boolean;
  readonly package: JsValue;
  readonly release: string;
  readonly globalExtensions: readonly JsValue[];
  readonly languagePacks: readonly string[];
  readonly name: string;
  readonly wrappedPackageName: string | null;
  readonly darwinDefaultsId: string | null;
  readonly darwinAppName: string;
  readonly profilesPath: string;
  readonly vendorPath: string | null;
  readonly configPath: string;
  readonly nativeMessagingHosts: readonly AttrsView[];
  readonly finalPackage: JsValue;
  readonly policies: AttrsView;
  readonly profileVersion: number | null;
  readonly profiles: Readonly<Record<string, ProfileValue>>;
  readonly enableGnomeExtensions: boolean;
  readonly pkcs11Modules: readonly AttrsView[];
}

const isDarwinOf = (pkgs: AttrsView) => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;

/** Is `package.override` a function taking `cfg` (the wrapper's override)? */
function overrideTakesCfg(lib: Lazy, pkg: AttrsView): boolean {
  if (!("override" in pkg)) return false;
  const args = libCall(lib, "functionArgs", pkg.override) as AttrsView;
  return "cfg" in args;
}

function wrapPackage(a: EvalArgs, spec: BrowserSpec, cfg: BrowserCfg, isWrapped: boolean): JsValue {
  const pkg = cfg.package as AttrsView | null;
  if (pkg === null) return null;
  const fcfg = { enableGnomeExtensions: cfg.enableGnomeExtensions };
  if (!isWrapped) {
    const browserName =
      "browserName" in pkg ? (pkg.browserName as string) : ((libCall(a.lib, "parseDrvName", pkg.name) as AttrsView).name as string);
    const wrapFirefox = a.pkgs().wrapFirefox as AttrsView;
    const wrapper = apply(wrapFirefox.override, { config: { [browserName]: fcfg } });
    return apply(wrapper, pkg, {});
  }
  if (overrideTakesCfg(a.lib, pkg)) {
    const merge = (old: AttrsView) => ({
      cfg: { ...((old.cfg as AttrsView | undefined) ?? {}), ...fcfg },
      extraPolicies: { ...((old.extraPolicies as AttrsView | undefined) ?? {}), ...cfg.policies },
      pkcs11Modules: [...((old.pkcs11Modules as readonly JsValue[] | undefined) ?? []), ...cfg.pkcs11Modules],
    });
    return apply(pkg.override, merge);
  }
  const isDarwin = isDarwinOf(a.pkgs());
  const droppedPolicies = Object.keys(cfg.policies).length > 0 && (!isDarwin || cfg.darwinDefaultsId === null);
  if (droppedPolicies || cfg.pkcs11Modules.length > 0 || cfg.enableGnomeExtensions) {
    const browserName =
      "browserName" in pkg ? (pkg.browserName as string) : ((libCall(a.lib, "parseDrvName", pkg.name) as AttrsView).name as string);
    libCall(
      a.lib,
      "warn",
      `${spec.modulePath}: '${browserName}' cannot be reconfigured; 'policies', 'pkcs11Modules', and 'enableGnomeExtensions' will not be applied.`,
      null,
    );
  }
  return pkg;
}

/** A `css` option's home.file entry: text, or a file (a path or a package) as `source`. */
function cssFile(raw: Lazy): Record<string, Lazy> {
  const v = force(raw);
  return typeof v === "string" || v instanceof NixString ? { text: raw } : { source: raw };
}

function profileFiles(a: EvalArgs, cfg: BrowserCfg, profile: ProfileValue): unknown {
  const dir = `${cfg.profilesPath}/${profile.path}`;
  const raw = originOf(profile) as unknown as { get(n: string): Lazy | undefined };
  const files: Record<string, unknown> = {
    [`${dir}/.keep`]: { text: "" },
    [`${dir}/chrome/userChrome.css`]: mkIf(
      profile.userChrome !== "",
      later(() => cssFile(raw.get("userChrome")!)),
    ),
    [`${dir}/chrome/userContent.css`]: mkIf(
      profile.userContent !== "",
      later(() => cssFile(raw.get("userContent")!)),
    ),
    [`${dir}/user.js`]: mkIf(
      hasUserJs(profile),
      later(() => ({ text: userJs(a.lib, profile) })),
    ),
    [`${dir}/containers.json`]: mkIf(
      Object.keys(profile.containers).length > 0,
      later(() => ({ text: containersJson(a.lib, profile.containers), force: profile.containersForce })),
    ),
    [`${dir}/search.json.mozlz4`]: mkIf(
      profile.search.enable,
      later(() => ({ enable: profile.search.enable, force: profile.search.force, source: profile.search.file })),
    ),
    [`${dir}/handlers.json`]: mkIf(
      profile.handlers.enable,
      later(() => ({ source: profile.handlers.configFile, force: profile.handlers.force })),
    ),
    [`${dir}/extensions`]: mkIf(
      profile.extensions.packages.length > 0,
      later(() => {
        const env = callFn(a.pkgs().buildEnv, { name: "hm-firefox-extensions", paths: profile.extensions.packages });
        return { source: `${nixToString(env)}/share/mozilla/${EXTENSION_PATH}`, recursive: true, force: true };
      }),
    ),
  };
  const storage = Object.entries(profile.extensions.settings).map(([id, s]) =>
    mkIf(Object.keys(s.settings).length > 0, {
      [`${dir}/browser-extension-data/${id}/storage.js`]: later(() => ({
        force: s.force || profile.extensions.force,
        text: toJsonText(a.lib, s.settings),
      })),
    }),
  );
  return mkMerge([files, mkMerge(storage)]);
}

function legacyBookmarksWarning(a: EvalArgs, spec: BrowserSpec, name: string, kind: string): string {
  const base = [...spec.modulePath.split("."), "profiles", name, "bookmarks"];
  const show = (p: readonly string[]) => libCall(a.lib, "showOption", p) as string;
  const example = kind === "a list" ? "[ ... ]" : "{ ... }";
  const opt = `${spec.modulePath}.profiles.${name}.bookmarks`;
  return (
    `Using \`${show(base)}\` as ${kind} is deprecated and will be\n` +
    `removed in a future release. Please use \`${show([...base, "settings"])}\` with \`${show([...base, "force"])} = true\` instead.\n` +
    `\nSet \`force = true\` to acknowledge replacing existing custom bookmarks.\n\n` +
    `Replace:\n  ${opt} = ${example};\n\nWith:\n  ${opt} = {\n    force = true;\n    settings = ${example};\n  };\n\n`
  );
}

function warnings(a: EvalArgs, spec: BrowserSpec, cfg: BrowserCfg): string[] {
  const out: string[] = [];
  if (cfg.enableGnomeExtensions)
    out.push(
      `Using '${spec.modulePath}.enableGnomeExtensions' has been deprecated and\nwill be removed in the future. ` +
        `Please change to overriding the package\nconfiguration using '${spec.modulePath}.package' instead. ` +
        "You can refer to\nits example for how to do this.\n",
    );
  if (cfg.vendorPath !== null)
    out.push(
      `Using '${spec.modulePath}.vendorPath' has been deprecated and\nwill be removed in the future. ` +
        "Native messaging hosts will function normally without specifying this path.\n",
    );
  for (const name of Object.keys(cfg.profiles).sort()) {
    const kind = cfg.profiles[name]!.bookmarks._legacySettings;
    if (kind !== null) out.push(legacyBookmarksWarning(a, spec, name, kind));
  }
  return out;
}

function policyDefinitions(cfg: BrowserCfg): Record<string, unknown> {
  const langPacks = () =>
    Object.fromEntries(
      cfg.languagePacks.map((lang) => [
        `langpack-${lang}@firefox.mozilla.org`,
        {
          installation_mode: "normal_installed",
          install_url: `https://releases.mozilla.org/pub/firefox/releases/${cfg.release}/linux-x86_64/xpi/${lang}.xpi`,
        },
      ]),
    );
  const globals = () =>
    Object.fromEntries(
      cfg.globalExtensions
        .filter((e) => "addonId" in globalExtensionPackage(e))
        .map((e) => {
          const pkg = globalExtensionPackage(e);
          const v = e as AttrsView;
          const settings = v.type !== "derivation" && "settings" in v ? (v.settings as AttrsView) : {};
          const id = pkg.addonId as string;
          return [
            id,
            {
              installation_mode: "force_installed",
              install_url: `file://${nixToString(pkg.outPath!)}/share/mozilla/${EXTENSION_PATH}/${id}.xpi`,
              ...settings,
            },
          ];
        }),
    );
  return {
    NoDefaultBookmarks: mkIf(() => Object.values(cfg.profiles).some((p) => p.bookmarks.enable), false),
    ExtensionSettings: mkMerge([
      mkIf(() => cfg.languagePacks.length > 0, later(langPacks)),
      mkIf(() => cfg.globalExtensions.length > 0, later(globals)),
    ]),
  };
}

function globalExtensionModule(file: string) {
  return defineModule({
    file,
    key: `${file}#globalExtension`,
    options: {
      package: option({ type: t.package, description: "The add-on package (it must have `addonId` in its passthru)." }),
      settings: option({
        type: t.attrsOf(jsonType),
        default: {},
        description: "Fields added to the add-on's `ExtensionSettings` policy (e.g. `private_browsing`, `default_area`).",
      }),
    },
  });
}

function makeModule(a: EvalArgs, spec: BrowserSpec): AnyModule {
  const mp = spec.modulePath;
  const path = mp.split(".");
  const name = spec.name;
  const enableBookmarks = spec.enableBookmarks ?? true;
  const isWrapped = () => versionAtLeast(a.get("home.stateVersion") as string, "19.09") && spec.wrappedPackageName !== null;
  const packageName = spec.wrappedPackageName ?? spec.unwrappedPackageName!;
  const profile = profileModule({
    lib: a.lib,
    appName: name,
    name,
    modulePath: path,
    finalPackage: () => a.get(`${mp}.finalPackage`),
    pkgs: () => a.pkgs(),
    enableBookmarks,
  });
  const isDarwin = () => isDarwinOf(a.pkgs());
  const policies: OptionsDecl =
    spec.wrappedPackageName === null
      ? {}
      : {
          policies: option({
            type: t.attrsOf(jsonType),
            default: {},
            example: { BlockAboutConfig: true, DefaultDownloadDirectory: "${home}/Downloads" },
            description: `Enterprise policies of ${name}, given to its wrapper. See <https://mozilla.github.io/policy-templates/>.`,
          }),
        };
  return defineModule({
    file: spec.file,
    path: mp,
    options: {
      enable: option({
        type: t.bool,
        default: false,
        example: true,
        description: `Whether to enable ${name}.${spec.description !== undefined ? ` ${spec.description}` : ""}`,
      }),
      package: option({
        type: t.nullOr(t.package),
        default: (d) => {
          const attr = isWrapped() ? spec.wrappedPackageName! : spec.unwrappedPackageName!;
          return d.pkgs[attr] as AttrsView;
        },
        defaultText: `pkgs.${packageName}`,
        example: `pkgs.${packageName}.override { nativeMessagingHosts = [ pkgs.tridactyl-native ]; }`,
        description:
          `The ${name} package, or null to install none. With a state version of 19.09 or later this is a wrapped ` +
          `${name} (whose wrapper takes the policies); before, an unwrapped one.`,
      }),
      release: option({
        type: t.str,
        internal: true,
        description: "The upstream release of the browser (used for language pack addresses on `releases.mozilla.org`).",
      }),
      globalExtensions: option({
        type: t.listOf(ty.oneOf<JsValue>([t.package, ty.submodule<AttrsView>(globalExtensionModule(spec.file))])),
        default: [],
        example:
          "with pkgs.nur.repos.rycee.firefox-addons; [ privacy-badger { package = ublock-origin; settings.private_browsing = true; } ]",
        description:
          `Add-ons installed for every profile through policies, and enabled on first start. Each is a package with an ` +
          "`addonId` in its passthru (as the Nix User Repository's `firefox-addons` have), or `{ package; settings; }` " +
          "where `settings` are added to its policy.",
      }),
      languagePacks: option({
        type: t.listOf(t.str),
        default: [],
        example: ["en-GB", "de"],
        description:
          "Language packs to install, by language code (see `https://releases.mozilla.org/pub/firefox/releases/<version>/linux-x86_64/xpi/`). " +
          "If the browser's version differs from Firefox's, set `release`.",
      }),
      name: option({ type: t.str, default: name, internal: true, example: "Firefox", description: "The browser's name." }),
      wrappedPackageName: option({
        type: t.nullOr(t.str),
        default: spec.wrappedPackageName,
        internal: true,
        description: "The attribute name of the wrapped browser package.",
      }),
      darwinDefaultsId: option({
        type: t.nullOr(t.str),
        default: spec.darwin.defaultsId ?? null,
        example: spec.darwin.defaultsId ?? "com.developer.app",
        description: "The macOS defaults domain that receives the policies.",
      }),
      darwinAppName: option({
        type: t.str,
        default: (d) => {
          if (spec.darwin.appName !== undefined) return spec.darwin.appName;
          const w = ((d.arg("config") as AttrsView).wrappedPackageName ?? "") as string;
          // Home Manager reads this through the option, so a set `wrappedPackageName` counts.
          const own = (a.get(`${mp}.wrappedPackageName`) as string | null) ?? w;
          return own.slice(0, 1).toUpperCase() + own.slice(1).toLowerCase();
        },
        internal: true,
        description: "The browser's application name on macOS.",
      }),
      profilesPath: option({
        type: t.str,
        default: () => {
          const c = a.get(`${mp}.configPath`) as string;
          return isDarwin() ? `${c}/Profiles` : c;
        },
        internal: true,
        description: "The directory of the profiles.",
      }),
      vendorPath: option({
        type: t.nullOr(t.str),
        default: null,
        defaultText: "platform specific vendor path",
        example: ".mozilla",
        internal: true,
        description: "Deprecated: the directory holding the native messaging hosts directory.",
      }),
      configPath: option({
        type: t.str,
        default: (d) => (isDarwin() ? spec.darwin.configPath : spec.linuxConfigPath(d)),
        example: ".mozilla/firefox",
        internal: true,
        description: `The directory of ${name}'s configuration (relative to the home directory, or absolute).`,
      }),
      nativeMessagingHosts: option({
        type: t.listOf(t.package),
        default: [],
        description: `Packages with native messaging hosts for ${name}'s extensions.`,
      }),
      finalPackage: option({
        type: t.nullOr(t.package),
        readOnly: true,
        description: `The ${name} package that is installed: \`package\` with this module's wrapper settings.`,
      }),
      ...policies,
      profileVersion: option({
        type: t.nullOr(ty.unsigned),
        default: () => (isDarwin() ? null : 2),
        internal: true,
        description: "The `Version` of `profiles.ini` (null on macOS).",
      }),
      profiles: option({
        type: t.attrsOf(ty.submodule<ProfileValue>(profile)),
        default: {},
        example:
          mp === "programs.firefox"
            ? '{ "dev-edition-default" = { id = 0; path = config.home.username; settings."browser.aboutConfig.showWarning" = false; }; }'
            : undefined,
        description:
          `${name}'s profiles, by name.` +
          (mp === "programs.firefox"
            ? " Firefox Developer Edition uses the profile named `dev-edition-default`; its `path` may still be any directory."
            : ""),
      }),
      enableGnomeExtensions: option({
        type: t.bool,
        default: false,
        description:
          "Deprecated: whether to enable the GNOME Shell native connector (the system also needs " +
          "`services.gnome.gnome-browser-connector.enable`). Override the package instead.",
      }),
      pkcs11Modules: option({
        type: t.listOf(t.package),
        default: [],
        description: `Packages loaded as PKCS #11 modules by ${name}.`,
      }),
    },
    config: ({ cfg: c, lib, pkgs }) => {
      const cfg = c as unknown as BrowserCfg;
      return mkIf(() => cfg.enable, {
        assertions: () => {
          const platforms = [...(libCall(lib, "platforms.linux") as JsValue[]), ...(libCall(lib, "platforms.darwin") as JsValue[])];
          const platform = libCall(lib, "hm.assertions.assertPlatform", mp, pkgs, platforms);
          const rest = browserAssertions(a.lib, {
            modulePath: path,
            appName: name,
            isDarwin: isDarwin(),
            package: cfg.package,
            darwinDefaultsId: cfg.darwinDefaultsId,
            languagePacks: cfg.languagePacks,
            globalExtensions: cfg.globalExtensions,
            profiles: cfg.profiles,
          });
          return [platform, ...rest];
        },
        warnings: () => warnings(a, spec, cfg),
        "home.packages": () => (cfg.finalPackage !== null ? [cfg.finalPackage] : []),
        "home.file": () =>
          mkMerge([
            {
              [`${cfg.configPath}/profiles.ini`]: mkIf(
                Object.keys(cfg.profiles).length > 0,
                later(() => ({ text: profilesIni(a.lib, cfg.profiles, isDarwin(), cfg.profileVersion) })),
              ),
            },
            ...Object.keys(cfg.profiles)
              .sort()
              .map((n) => profileFiles(a, cfg, cfg.profiles[n]!)),
          ]),
        [`${mp}.finalPackage`]: () => wrapPackage(a, spec, cfg, isWrapped()),
        [`${mp}.release`]: () => mkOptionDefault(later(() => nixToString((cfg.package as AttrsView).version!).split("-")[0]!)),
        ...(spec.wrappedPackageName !== null ? { [`${mp}.policies`]: () => policyDefinitions(cfg) } : {}),
      });
    },
  });
}

/** A Firefox-like browser module (made per evaluation: its option types close over `pkgs` and `lib`). */
export function firefoxLikeModule(spec: BrowserSpec, extra: (a: EvalArgs) => readonly AnyModule[] = () => []) {
  return perEvaluation(spec.file, (a) => [makeModule(a, spec).value, ...extra(a).map((m) => m.value)]);
}
