/**
 * `programs.alacritty`: the Alacritty terminal. Installs `package` (unless
 * null) and writes `settings` as TOML (`pkgs.formats.toml`) to
 * `$XDG_CONFIG_HOME/alacritty/alacritty.toml` when they are not empty.
 * Alacritty wants `\uXXXX` escapes in strings (key binding `chars`), which
 * the TOML writer would double-escape: as in Home Manager, each such escape
 * (and the `\^[` caret form, read as `\u001b`) is swapped for a placeholder
 * before generation and turned back into `\u` by a build step afterwards.
 * `theme` imports a theme of `themePackage` (renamed
 * `alacritty-theme-for-home-manager`, its install checking that the theme
 * exists) through `general.import` (Alacritty 0.14 and later) or `import`.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  wrapType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { force, NixAttrs, NixString, type Lazy, type Value } from "../../nix/values.js";
import { lazy } from "../../module-system/nix-values.js";
import { callNix, isEmpty, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/alacritty.ts";

/** What stands for `\u` in the generated TOML until the build step restores it. */
export const UNICODE_ESCAPE_PLACEHOLDER = "__home_manager_alacritty_unicode_escape_";

/** `\^[` becomes `\u001b`, then every `\uXXXX` becomes the placeholder followed by the four hex digits. */
export function normalizeEscapes(s: string): string {
  return s.replaceAll("\\^[", "\\u001b").replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => UNICODE_ESCAPE_PLACEHOLDER + hex);
}

/** The settings with every string normalized (lazily, keeping other values and string contexts as they are). */
function normalizeValue(l: Lazy): Value {
  const v = force(l);
  if (typeof v === "string") return normalizeEscapes(v);
  if (v instanceof NixString) return new NixString(normalizeEscapes(v.s), v.context);
  if (Array.isArray(v)) return v.map((e: Lazy) => lazy(() => normalizeValue(e)));
  if (v instanceof NixAttrs) {
    const m = new Map<string, Lazy>();
    for (const [k, e] of v.map)
      m.set(
        k,
        lazy(() => normalizeValue(e)),
      );
    return new NixAttrs(m);
  }
  return v;
}

function makeAlacritty(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  const settingsType = new TsType<JsValue>((ms) => wrapType(ms, toNix(toml().type)));
  return defineModule({
    file: FILE,
    path: "programs.alacritty",
    options: {
      enable: mkEnableOption("Alacritty"),
      package: mkPackageOption("alacritty", { nullable: true }),
      themePackage: mkPackageOption("alacritty-theme"),
      theme: option({
        type: t.nullOr(t.str),
        default: null,
        example: "solarized_dark",
        description:
          "The name of a theme of the alacritty-theme collection (a file of its `themes` directory, without `.toml`) " +
          "to import. For a theme of your own, set `settings.general.import` or `settings.colors` instead.",
      }),
      settings: option({
        type: settingsType,
        default: {} as JsValue,
        example: {
          window: { dimensions: { lines: 3, columns: 200 } },
          keyboard: { bindings: [{ key: "K", mods: "Control", chars: "\\u000c" }] },
        },
        description: "Alacritty's configuration, written as TOML to `$XDG_CONFIG_HOME/alacritty/alacritty.toml`.",
      }),
    },
    config: ({ cfg, lib }) => {
      const themeFile = () => {
        const themed = callNix((cfg.themePackage as AttrsView).overrideAttrs, (prev: AttrsView) => {
          const before = "postInstall" in prev ? nixToString(prev.postInstall!) : "";
          const check =
            cfg.theme === null
              ? ""
              : `if [ ! -f "$out/share/alacritty-theme/${cfg.theme}.toml" ]; then\n` +
                `  echo "error: alacritty theme '${cfg.theme}' does not exist"\n  exit 1\nfi\n`;
          return { name: "alacritty-theme-for-home-manager", postInstall: [before, check].join("\n") };
        });
        return `${nixToString(themed)}/share/alacritty-theme/${cfg.theme}.toml`;
      };
      const version = () => nixToString((cfg.package as AttrsView).version!);
      const tomlFile = () => {
        const generated = callNix(
          toml().generate,
          "alacritty.toml",
          lazy(() => normalizeValue(toNix(cfg.settings))),
        );
        const runCommand = a.pkgs().runCommand as JsValue;
        return callNix(
          runCommand,
          "alacritty.toml",
          {},
          `cp ${nixToString(generated)} $out\nchmod u+w $out\n` +
            `substituteInPlace $out --replace-quiet '${UNICODE_ESCAPE_PLACEHOLDER}' '\\u'\n`,
        );
      };
      return mkIf(() => cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
        "programs.alacritty.settings": () =>
          mkIf(cfg.theme !== null, {
            general: { import: mkIf(() => libCall(lib, "versionAtLeast", version(), "0.14") === true, [themeFile()]) },
            import: mkIf(() => libCall(lib, "versionOlder", version(), "0.14") === true, [themeFile()]),
          }),
        'xdg.configFile."alacritty/alacritty.toml"': () => mkIf(!isEmpty(cfg.settings), { source: tomlFile() }),
      });
    },
  });
}

/** The module (made per evaluation: the settings type is this evaluation's `pkgs.formats.toml`). */
export const alacrittyModule = perEvaluation(FILE, (a) => makeAlacritty(a));
