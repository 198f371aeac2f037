/**
 * `nix`: the user's Nix configuration, as Home Manager writes it —
 * `nix.settings` and `nix.extraOptions` become `$XDG_CONFIG_HOME/nix/nix.conf`
 * (a warning header, then `key = value` lines in name order, then the extra
 * text), built with a check phase that asks `nix.package` whether it accepts
 * the file; `nix.registry` becomes `nix/registry.json`; `nix.nixPath` (and
 * the declarative `nix.channels`, each linked as `<name>` in
 * `~/.nix-defexpr/50-home-manager` or its XDG counterpart) becomes `NIX_PATH` in the session; `nix.useXdg`
 * says whether Nix is known to use the XDG base directories. The remote
 * builders (`nix.buildMachines`, `nix.distributedBuilds`) live in
 * `nix-remote-build.ts`. A `nix.conf` is only written when `nix.package` is
 * set, since its version decides the file's check.
 */
import { defineModule, mkDefault, mkIf, mkMerge, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { originOf } from "../../module-system/ts-view.js";
import { force, NixAttrs, NixPath, NixString, type Lazy, type Value } from "../../nix/values.js";
import { nixThrow } from "../../module-system/nix-values.js";
import { callFn, libCall, nixToString, ty } from "../module-kit.js";
import { nixRemoteBuildModule } from "./nix-remote-build.js";

const FILE = "modules/misc/nix.ts";

/** `lib.versionAtLeast (lib.getVersion pkg) min`. */
export function nixAtLeast(lib: NixAttrs, pkg: JsValue, min: string): boolean {
  return libCall(lib, "versionAtLeast", libCall(lib, "getVersion", pkg), min) === true;
}

/** Nix's `toString` of a float (`%f`), as `lib.floatToString` gives it. */
function floatText(x: number): string {
  return x.toFixed(6);
}

/** `toString` of one element of a list (booleans are `1`/empty there, unlike top-level values). */
function listElementText(v: Value): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "1" : "";
  if (typeof v === "number") return floatText(v);
  return atomText(v);
}

/** A nix.conf value: null empty, booleans `true`/`false`, lists space-separated, packages their path. */
function atomText(v: Value): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return floatText(v);
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  if (v instanceof NixPath) return v.path;
  if (Array.isArray(v)) return (v as readonly Lazy[]).map((e) => listElementText(force(e))).join(" ");
  // Packages (and other sets with an `outPath`) give their path.
  if (v instanceof NixAttrs && v.has("outPath")) return atomText(force(v.get("outPath")!));
  throw nixThrow(`The nix conf value: ${v instanceof NixAttrs ? "{ ... }" : "<function>"} can not be encoded`);
}

/** The `key = value` lines of `nix.settings`, in name order; `=` in a key is escaped. */
export function settingsLines(settings: NixAttrs): string {
  return settings
    .sortedNames()
    .map((k) => `${k.replace(/=/g, "\\=")} = ${atomText(force(settings.get(k)!))}`)
    .join("\n");
}

/** The text of `nix.conf`. */
export function nixConfText(settings: NixAttrs, extraOptions: string): string {
  return (
    "# WARNING: this file is generated from the nix.settings option in\n" +
    "# your Home Manager configuration at $XDG_CONFIG_HOME/nix/nix.conf.\n" +
    "# Do not edit it!\n" +
    `${settingsLines(settings)}\n${extraOptions}\n`
  );
}

/** The check phase of `nix.conf`: `nix config show` (or `show-config`) must not report errors. */
function checkPhase(lib: NixAttrs, pkgs: AttrsView, pkg: JsValue, checkConfig: boolean): string {
  const stdenv = pkgs.stdenv as AttrsView;
  const host = (stdenv.hostPlatform as AttrsView).config;
  const build = (stdenv.buildPlatform as AttrsView).config;
  if (host !== build) return 'echo "Ignoring validation for cross-compilation"\n';
  const show = nixAtLeast(lib, pkg, "2.20pre") ? "config show" : "show-config";
  const noNet = nixAtLeast(lib, pkg, "2.3pre") ? "--no-net --option experimental-features nix-command" : "";
  const pattern = checkConfig ? "^error:" : "^error: unknown setting";
  return [
    'echo "Validating generated nix.conf"',
    "ln -s $out ./nix.conf",
    "set -e",
    "set +o pipefail",
    "NIX_CONF_DIR=$PWD \\",
    `  ${nixToString(pkg)}/bin/nix ${show} ${noNet} \\`,
    "  |& sed -e 's/^warning:/error:/' \\",
    `  | (! grep '${pattern}')`,
    "set -o pipefail",
    "",
  ].join("\n");
}

const inputAttrs = t.attrsOf(ty.oneOf<JsValue>([t.str, t.int, t.bool, t.package]));

const REGISTRY_FLAKE_KEYS = ["lastModified", "rev", "revCount", "narHash"];

const registryEntry = defineModule({
  file: FILE,
  key: `${FILE}#registry`,
  options: {
    from: option({
      type: inputAttrs,
      example: { type: "indirect", id: "nixpkgs" },
      description: "The flake reference that is rewritten.",
    }),
    to: option({
      type: inputAttrs,
      example: { type: "github", owner: "my-org", repo: "my-nixpkgs" },
      description: "The flake reference that `from` is rewritten to.",
    }),
    flake: option({
      type: t.nullOr(t.attrs),
      default: null,
      example: "nixpkgs",
      description: "A flake (for instance an input of your own flake) that `from` is rewritten to; sets `to` to its store path.",
    }),
    exact: option({
      type: t.bool,
      default: true,
      description: "Whether `from` must match exactly: if set, `nixpkgs` does not match `nixpkgs/nixos-20.03`.",
    }),
  },
  config: ({ cfg, arg }) => ({
    from: () => mkDefault({ type: "indirect", id: arg("name") }),
    to: () => {
      const flake = cfg.flake;
      if (flake === null) return mkIf(false, {});
      const extra: Record<string, JsValue> = {};
      for (const k of Object.keys(flake)) if (REGISTRY_FLAKE_KEYS.includes(k)) extra[k] = flake[k]!;
      return { type: "path", path: flake.outPath ?? null, ...extra };
    },
  }),
});

const confAtom = ty.described(
  t.nullOr(ty.oneOf<JsValue>([t.bool, t.int, t.float, t.str, t.path, t.package])),
  "Nix config atom (null, bool, int, float, str, path or package)",
);

const settingsModule = defineModule({ file: FILE, key: `${FILE}#settings` });

/** `nix.useXdg`: assumed, or `use-xdg-base-directories` of the enabled user (then system) configuration. */
function useXdg(cfg: AttrsView, osConfig: JsValue): boolean {
  const fromConf = (fallback: boolean, conf: JsValue): boolean => {
    if (conf === null || typeof conf !== "object" || Array.isArray(conf)) return fallback;
    const c = conf as AttrsView;
    if (c.enable !== true) return fallback;
    const settings = c.settings as AttrsView | undefined;
    const v = settings?.["use-xdg-base-directories"];
    return v === undefined ? fallback : v === true;
  };
  const osNix = osConfig !== null && typeof osConfig === "object" && !Array.isArray(osConfig) ? (osConfig as AttrsView).nix : undefined;
  return cfg.assumeXdg === true || fromConf(fromConf(false, osNix ?? null), cfg);
}

export const nixModule = defineModule({
  file: FILE,
  path: "nix",
  imports: [nixRemoteBuildModule.value],
  options: {
    enable: option({
      type: t.bool,
      default: true,
      visible: false,
      example: true,
      description: "Whether to enable the Nix configuration module.",
    }),
    package: option({
      type: t.nullOr(t.package),
      default: null,
      defaultText: "null",
      description: "The Nix package whose version decides how `nix.conf` is written and checked; required for `nix.settings`.",
    }),
    nixPath: option({
      type: t.listOf(t.str),
      default: [],
      example: ["$HOME/.nix-defexpr/channels", "darwin-config=$HOME/.config/nixpkgs/darwin-configuration.nix"],
      description: "Entries added to Nix's search path `NIX_PATH`, where `<nixpkgs>`-style lookups are resolved.",
    }),
    keepOldNixPath: option({
      type: t.bool,
      default: true,
      example: false,
      description: "Whether `nix.nixPath` is put in front of the `NIX_PATH` already set, instead of replacing it.",
    }),
    channels: option({
      type: t.attrsOf(t.package),
      default: {},
      example: "{ inherit nixpkgs; }",
      description:
        "Channels given by store path (for example flake inputs) instead of being fetched by nix-channel(1). " +
        "They are linked under the `50-home-manager` directory of the Nix expression directory and added to " +
        "`nix.nixPath`; a channel of the same name registered with nix-channel is shadowed.",
    }),
    registry: option({
      type: t.attrsOf(ty.submodule<AttrsView>(registryEntry)),
      default: {},
      description: "The user's flake registry, written to `$XDG_CONFIG_HOME/nix/registry.json`.",
    }),
    registryVersion: option({ type: t.int, default: 2, internal: true, description: "The version of the registry file format." }),
    checkConfig: option({
      type: t.bool,
      default: true,
      description:
        "Whether building `nix.conf` fails on any error Nix reports about it (values of the wrong type included); " +
        "when off, only unknown settings fail it.",
    }),
    assumeXdg: option({
      type: t.bool,
      default: false,
      description:
        "Whether to assume that Nix uses the XDG base directories (because `use-xdg-base-directories` is set " +
        "system-wide, or `nix.conf` is not managed here). It changes where Home Manager puts Nix files, not how Nix behaves.",
    }),
    useXdg: option({
      type: t.bool,
      visible: false,
      readOnly: true,
      defaultText: "nix.assumeXdg, else use-xdg-base-directories of the enabled user or system Nix configuration",
      description: "Whether Nix is known to use the XDG base directories.",
    }),
    extraOptions: option({
      type: t.lines,
      default: "",
      example: "keep-outputs = true\nkeep-derivations = true\n",
      description: "Text added at the end of `nix.conf`.",
    }),
    settings: option({
      type: ty.submodule<AttrsView>(settingsModule, t.attrsOf(t.either(confAtom, t.listOf(confAtom)))),
      default: {},
      example: { sandbox: true, "show-trace": true, "system-features": ["big-parallel", "kvm", "recursive-nix"] },
      description: "Settings of Nix, written to `nix.conf` as `key = value` lines (see nix.conf(5)); `nix.extraOptions` follows them.",
    }),
  },
  config: ({ cfg, config, pkgs, lib, arg }) => {
    const c = cfg as unknown as AttrsView;
    const channelPath = () => {
      const dir = cfg.useXdg ? `${config.str("xdg.stateHome")}/nix/defexpr` : `${config.str("home.homeDirectory")}/.nix-defexpr`;
      return `${dir}/50-home-manager`;
    };
    const nixPath = () => cfg.nixPath.join(":");
    const settingsSet = () => originOf(cfg.settings) as NixAttrs;
    return mkMerge([
      {
        "nix.useXdg": () => useXdg(c, arg("osConfig")),
        assertions: () => [
          {
            assertion: !(cfg.assumeXdg && cfg.enable && "use-xdg-base-directories" in cfg.settings),
            message: "`nix.assumeXdg` should not be set if `nix.settings.use-xdg-base-directories` is.\n",
          },
        ],
      },
      mkIf(
        () => cfg.enable,
        mkMerge([
          mkIf(() => cfg.nixPath.length > 0 && !cfg.keepOldNixPath, { "home.sessionVariables.NIX_PATH": () => nixPath() }),
          mkIf(() => cfg.nixPath.length > 0 && cfg.keepOldNixPath, {
            "home.sessionVariables.NIX_PATH": () => `${nixPath()}\${NIX_PATH:+:$NIX_PATH}`,
          }),
          mkIf(() => Object.keys(cfg.channels).length > 0, {
            "nix.nixPath": () => [channelPath()],
            // One link per channel inside the directory (Home Manager links a `linkFarm` of them; the tree is the same).
            "home.file": () => {
              const files: Record<string, { source: string }> = {};
              for (const name of Object.keys(cfg.channels))
                files[`${channelPath()}/${name}`] = { source: nixToString(cfg.channels[name]!) };
              return files;
            },
          }),
          mkIf(() => Object.keys(cfg.registry).length > 0, {
            "xdg.configFile": () => {
              const flakes = Object.keys(cfg.registry).map((n) => {
                const e = cfg.registry[n]!;
                return { exact: e.exact, from: plainAttrs(e.from as AttrsView), to: plainAttrs(e.to as AttrsView) };
              });
              const text = registryJson({ flakes, version: cfg.registryVersion });
              return { "nix/registry.json": { source: callFn(pkgs.writeText, "registry.json", text) } };
            },
          }),
          mkIf(() => Object.keys(cfg.settings).length > 0 || cfg.extraOptions !== "", {
            assertions: () => [
              {
                assertion: cfg.package !== null,
                message: "A corresponding Nix package must be specified via `nix.package` for generating\nnix.conf.\n",
              },
            ],
            // Without a package only the assertion above reports; the file needs the package's version.
            "xdg.configFile": () => {
              const pkg = cfg.package as JsValue;
              if (pkg === null) return {};
              if (!nixAtLeast(lib, pkg, "2.2")) throw nixThrow("assertion '(isNixAtLeast \"2.2\")' failed");
              const conf = callFn(pkgs.writeTextFile, {
                name: "nix.conf",
                text: nixConfText(settingsSet(), cfg.extraOptions),
                checkPhase: checkPhase(lib, pkgs, pkg, cfg.checkConfig),
              });
              return { "nix/nix.conf": { source: conf } };
            },
          }),
        ]),
      ),
    ]);
  },
});

/** Flake reference attributes as plain values (a package gives its path, as `builtins.toJSON` does). */
function plainAttrs(v: Readonly<Record<string, JsValue>>): Record<string, JsValue> {
  const out: Record<string, JsValue> = {};
  for (const k of Object.keys(v)) {
    const x = v[k]!;
    out[k] = x !== null && typeof x === "object" && !Array.isArray(x) ? nixToString(x) : x;
  }
  return out;
}

/** JSON as `pkgs.formats.json` writes it (`jq`'s layout: keys sorted, two-space indent, a final newline). */
export function registryJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + "\n";
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = sortKeys(o[k]);
    return out;
  }
  return v;
}
