/**
 * Declarative search engines of a Firefox-like profile: the per-profile
 * `search` submodule and the `search.json.mozlz4` it produces. Engines given
 * with only `metaData` are the browser's built-in ones; others are custom
 * engines, whose option names are mapped to the browser's internal field
 * names (`urls` → `_urls`, `searchForm` → `__searchForm`, …) and which get a
 * `[home-manager]/…` load path. Older forms are migrated with a warning:
 * engine names used as ids (search settings version 7), icon maps keyed by
 * JSON sizes (version 11) and `iconURL`/`iconUpdateURL` (version 12). The
 * file is search settings version 12; the default engines' hashes are the
 * base64 SHA-256 of profile path + engine id + Mozilla's disclaimer, as the
 * browser checks them, and the JSON is stored LZ4-compressed (`mozlz4`).
 *
 * The profile module passes `hmFirefoxProfile` (`{ name, path }`) to this
 * submodule through `_module.args`, since the file depends on the profile.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { force, NixAttrs, NixPath, NixString, type Lazy } from "../../../nix/values.js";
import { defineModule, option, t, toJs, TsType, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { originOf } from "../../../module-system/ts-view.js";
import { nixThrow } from "../../../module-system/nix-values.js";
import { libCall, nixToString } from "../../module-kit.js";
import { ENGINE_NAME_TO_ID } from "./engine-ids.js";
import { compressMozLz4 } from "./mozlz4.js";
import { storeBytes, toJsonText } from "./store-bytes.js";

const FILE = "modules/programs/firefox/search.ts";

/** What a browser module tells the search submodule. */
export interface SearchContext {
  readonly lib: Lazy;
  /** The browser's display name (`Firefox`). */
  readonly appName: string;
  /** The browser module's option path (`["programs", "firefox"]`). */
  readonly modulePath: readonly string[];
  /** The browser's `finalPackage` (read for its `application.ini` name), or null. */
  readonly finalPackage: () => JsValue;
}

/** Option names of custom engines and the browser's internal field names for them. */
const INTERNAL_FIELDS: Readonly<Record<string, string>> = {
  name: "_name",
  isAppProvided: "_isAppProvided",
  loadPath: "_loadPath",
  updateInterval: "_updateInterval",
  updateURL: "_updateURL",
  iconMapObj: "_iconMapObj",
  metaData: "_metaData",
  orderHint: "_orderHint",
  definedAliases: "_definedAliases",
  urls: "_urls",
  searchForm: "__searchForm",
};

const DISCLAIMER =
  "By modifying this file, I agree that I am doing so only within @appName@ itself, using official, user-driven search " +
  "engine selection processes, and in a way which does not circumvent user consent. I acknowledge that any attempt to " +
  "change this file from outside of @appName@ is a malicious act, and will be responded to accordingly.";

/** An engine as a map from field to a raw Nix value (so paths stay paths). */
type Engine = Map<string, Lazy>;

function warn(lib: Lazy, message: string): void {
  libCall(lib, "warn", message, null);
}

/** An engine name used where an id is expected, mapped to its id (with a warning). */
export function migrateEngineName(lib: Lazy, engine: string): string {
  if (!Object.hasOwn(ENGINE_NAME_TO_ID, engine)) return engine;
  const id = ENGINE_NAME_TO_ID[engine]!;
  warn(lib, `Search engines are now referenced by id instead of by name, use '${id}' instead of '${engine}'`);
  return id;
}

function rawEntries(l: Lazy): Engine {
  const v = force(l);
  if (!(v instanceof NixAttrs)) return new Map();
  return new Map(v.sortedNames().map((n) => [n, v.get(n)!] as const));
}

function str(l: Lazy): string {
  const v = force(l);
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  if (v instanceof NixPath) return v.path;
  return nixToString(toJs(l));
}

/** Version 11: icon maps keyed by a JSON `{"width":…}` are keyed by the width. */
function migrateIconsV11(lib: Lazy, e: Engine): Engine {
  const icons = e.get("iconMapObj");
  if (icons === undefined) return e;
  const out = new Map<string, Lazy>();
  for (const [name, value] of rawEntries(icons)) {
    if (/^\s*-?\d+\s*$/.test(name)) out.set(name, value);
    else {
      const size = String((JSON.parse(name) as { width: unknown }).width);
      warn(lib, `JSON object names for 'iconMapObj' are deprecated, use '${size}' instead of '${name}'`);
      out.set(size, value);
    }
  }
  return new Map([...e, ["iconMapObj", new NixAttrs(out)]]);
}

/** Version 12: `iconURL`/`iconUpdateURL` become the 16-pixel entry of `iconMapObj`. */
function migrateIconsV12(lib: Lazy, e: Engine): Engine {
  if (e.has("hasPreferredIcon")) throw nixThrow("hasPreferredIcon has been removed");
  const icons = new Map<string, Lazy>();
  const explicit = e.has("iconMapObj") ? rawEntries(e.get("iconMapObj")!) : new Map<string, Lazy>();
  for (const key of ["iconURL", "iconUpdateURL"]) {
    const v = e.get(key);
    if (v !== undefined) icons.set("16", v);
  }
  // Only the entry that ends up in the map is read, so only its form is warned about.
  if (icons.has("16") && !explicit.has("16")) {
    const key = e.has("iconUpdateURL") ? "iconUpdateURL" : "iconURL";
    const url = str(e.get(key)!);
    warn(lib, `'${key}' is deprecated, use 'icon = ${libCall(lib, "strings.escapeNixString", url) as string}' instead`);
  }
  for (const [k, v] of explicit) icons.set(k, v);
  const out = new Map(e);
  out.delete("iconURL");
  out.delete("iconUpdateURL");
  if (icons.size > 0) out.set("iconMapObj", new NixAttrs(icons));
  return out;
}

/** `file://` for absolute paths (a Nix path is copied to the store first); URLs unchanged. */
function iconUrl(lib: Lazy, icon: Lazy): Lazy {
  const v = force(icon);
  if (v instanceof NixPath) return `file://${libCall(lib, "strings.concatStrings", [v]) as string}`;
  const s = str(icon);
  return s.startsWith("/") ? `file://${s}` : icon;
}

function customEngine(c: SearchContext, enginesPath: readonly string[], e: Engine): Engine {
  const out = new Map<string, Lazy>([["name", e.get("id")!]]);
  for (const [k, v] of e) if (k !== "icon") out.set(k, v);
  if (e.has("icon") || e.has("iconMapObj")) {
    const icons = new Map<string, Lazy>();
    if (e.has("icon")) icons.set("16", e.get("icon")!);
    if (e.has("iconMapObj")) for (const [k, v] of rawEntries(e.get("iconMapObj")!)) icons.set(k, v);
    out.set("iconMapObj", new NixAttrs(new Map([...icons].map(([k, v]) => [k, iconUrl(c.lib, v)]))));
  }
  const id = str(e.get("id")!);
  out.set("loadPath", `[home-manager]/${libCall(c.lib, "showAttrPath", [...enginesPath, id]) as string}`);
  return out;
}

/** One engine's configuration with the browser's field names. */
function engineConfig(c: SearchContext, enginesPath: readonly string[], id: string, input: Lazy): Engine {
  const given = rawEntries(input);
  const isAppProvided = given.has("isAppProvided")
    ? force(given.get("isAppProvided")!) === true
    : [...given.keys()].every((k) => k === "metaData");
  const required: Engine = new Map<string, Lazy>([
    ["id", id],
    ["isAppProvided", isAppProvided],
    ["metaData", given.get("metaData") ?? NixAttrs.empty],
  ]);
  let e: Engine = required;
  if (!isAppProvided) e = customEngine(c, enginesPath, migrateIconsV12(c.lib, migrateIconsV11(c.lib, new Map([...given, ...required]))));
  return new Map([...e].map(([k, v]) => [INTERNAL_FIELDS[k] ?? k, v]));
}

/** What the search submodule shows. */
export interface SearchValue {
  readonly enable: boolean;
  readonly force: boolean;
  readonly default: string | null;
  readonly privateDefault: string | null;
  readonly order: readonly string[];
  readonly engines: AttrsView;
  readonly file: string;
}

/** The search settings (version 12) of a search configuration, hashes as `@hash@`/`@privateHash@`. */
export function searchSettings(c: SearchContext, profileName: string, s: SearchValue): unknown {
  const enginesPath = [...c.modulePath, "profiles", profileName, "search", "engines"];
  const raw = originOf(s.engines) as NixAttrs;
  const input = new Map<string, Lazy>(raw.sortedNames().map((n) => [n, raw.get(n)!] as const));
  for (const d of [s.default, s.privateDefault]) if (d !== null && !input.has(d)) input.set(d, NixAttrs.empty);
  const configs = new Map<string, Engine>();
  for (const id of [...input.keys()].sort()) configs.set(id, engineConfig(c, enginesPath, id, input.get(id)!));
  const ordered = s.order.map((id, i) => {
    const e =
      configs.get(id) ??
      new Map<string, Lazy>([
        ["id", id],
        ["_isAppProvided", true],
        ["_metaData", NixAttrs.empty],
      ]);
    const meta = rawEntries(e.get("_metaData") ?? NixAttrs.empty);
    meta.set("order", BigInt(i + 1));
    return new Map([...e, ["_metaData", new NixAttrs(meta)]]);
  });
  const rest = [...configs].filter(([id]) => !s.order.includes(id)).map(([, e]) => e);
  const engines = [...ordered, ...rest].map((e) => new NixAttrs(e));
  const metaData: Record<string, unknown> = {};
  if (s.default !== null) Object.assign(metaData, { defaultEngineId: s.default, defaultEngineIdHash: "@hash@" });
  if (s.privateDefault !== null)
    Object.assign(metaData, { privateDefaultEngineId: s.privateDefault, privateDefaultEngineIdHash: "@privateHash@" });
  metaData.useSavedOrder = s.order.length > 0;
  return { version: 12, engines, metaData };
}

/** The `Name=` of the package's `lib/*\/application.ini`, if it has one. */
function applicationName(pkg: JsValue): string | undefined {
  if (pkg === null) return undefined;
  const libDir = path.join(nixToString(pkg), "lib");
  let dirs: string[];
  try {
    dirs = fs.readdirSync(libDir).sort();
  } catch {
    return undefined;
  }
  for (const d of dirs) {
    const ini = path.join(libDir, d, "application.ini");
    if (!fs.existsSync(ini)) continue;
    const m = /^Name=(.*)$/m.exec(fs.readFileSync(ini, "utf8"));
    return m?.[1];
  }
  return undefined;
}

const sha256Base64 = (s: string) => createHash("sha256").update(s, "utf8").digest("base64");

/** The `search.json.mozlz4` of a search configuration; returns its store path. */
export function searchFile(c: SearchContext, profile: { name: string; path: string }, s: SearchValue): string {
  const json = toJsonText(c.lib, searchSettings(c, profile.name, s));
  let text: string;
  if (s.default !== null) {
    const appName = applicationName(c.finalPackage()) ?? c.appName;
    const disclaimer = DISCLAIMER.replaceAll("@appName@", appName);
    const hash = sha256Base64(profile.path + s.default + disclaimer);
    const privateHash = sha256Base64(s.privateDefault !== null ? profile.path + s.privateDefault + disclaimer : "");
    text = json.replaceAll("@hash@", hash).replaceAll("@privateHash@", privateHash);
  } else text = json + "\n";
  return storeBytes(c.lib, "search.json.mozlz4", compressMozLz4(Buffer.from(text, "utf8")));
}

const uniqueStrings = new TsType<readonly string[]>((ms) => ms.types.unique("", ms.types.listOf(ms.types.str)));
const engineType = new TsType<AttrsView>((ms) => ms.types.attrsOf(ms.types.attrsOf(ms.types.json)));

/** The `search` submodule of the profiles of one browser. */
export function searchModule(c: SearchContext) {
  const migrate = (v: string | null) => (v === null ? null : migrateEngineName(c.lib, v));
  return defineModule({
    file: FILE,
    key: `${FILE}#${c.modulePath.join(".")}`,
    options: {
      enable: option({
        type: t.bool,
        default: (a) => {
          const s = a.arg("config") as unknown as SearchValue;
          return s.default !== null || s.privateDefault !== null || s.order.length > 0 || Object.keys(s.engines).length > 0;
        },
        internal: true,
        description: "Whether the search configuration is managed (true when anything in it is set).",
      }),
      force: option({
        type: t.bool,
        default: false,
        description:
          `Whether to replace an existing search configuration. ${c.appName} replaces the link to it at every start, ` +
          "so this is recommended, but whatever was configured in the browser is lost.",
      }),
      default: option({
        type: t.nullOr(t.str),
        default: null,
        apply: migrate,
        example: "ddg",
        description: "The id of the default search engine of the address bar and the search bar.",
      }),
      privateDefault: option({
        type: t.nullOr(t.str),
        default: null,
        apply: migrate,
        example: "ddg",
        description: "The id of the default search engine in private windows.",
      }),
      order: option({
        type: uniqueStrings,
        default: [],
        apply: (v: readonly string[]) => v.map((x) => migrateEngineName(c.lib, x)),
        example: ["ddg", "google"],
        description: "Engine ids in the order the browser lists them; engines not named here follow in no particular order.",
      }),
      engines: option({
        type: engineType,
        default: {},
        apply: (v: AttrsView) => {
          const out: Record<string, JsValue> = {};
          for (const [k, e] of Object.entries(v)) {
            const id = migrateEngineName(c.lib, k);
            if (!(id in out)) out[id] = e;
          }
          return out;
        },
        example: {
          "nix-packages": {
            name: "Nix Packages",
            urls: [{ template: "https://search.nixos.org/packages?query={searchTerms}" }],
            definedAliases: ["@np"],
          },
          bing: { metaData: { hidden: true } },
        },
        description:
          "Search engines by id. An engine given only `metaData` is one of the browser's own; any other is a custom engine " +
          "taking the fields of the browser's search engine settings without their leading underscores (`name`, `urls`, " +
          "`definedAliases`, `iconMapObj`, `updateInterval`, …). `icon` is a shorthand for the 16-pixel icon, and an " +
          "absolute path there becomes a `file://` address.",
      }),
      file: option({
        type: t.path,
        default: (a) => {
          const profile = a.arg("hmFirefoxProfile") as { name: string; path: string };
          return searchFile(c, profile, a.arg("config") as unknown as SearchValue);
        },
        // Documentation must not build the file: outside a profile there is no `hmFirefoxProfile` to build it for.
        defaultText: "search.json.mozlz4 built from engines, default, privateDefault and order",
        internal: true,
        readOnly: true,
        description: "The generated `search.json.mozlz4`.",
      }),
    },
  });
}
