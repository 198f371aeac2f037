/**
 * `programs.rofi`: the Rofi launcher (Linux only). Installs `finalPackage`
 * (`package` overridden with `plugins` when there are any) and writes the
 * rasi configuration to `configPath`: a `configuration { … }` section made
 * of `cycle`, `font`, `terminal`, the offsets, the numeric `location`,
 * `modes` and `extraConfig`, then `@theme "<name>"`. A theme given as an
 * attribute set is rendered to `$XDG_DATA_HOME/rofi/themes/custom.rasi`, a
 * theme given as a path is linked there under its own name. Values made by
 * `config.lib.formats.rasi.mkLiteral` are written without quotes. The old
 * layout options (`colors`, `width`, …) are removed options.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { force, NixAttrs, NixPath } from "../../nix/values.js";
import { selectPath } from "../../module-system/nix-values.js";
import { callNix, libCall, perEvaluation, removedOptionModule, ty, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/rofi.ts";

/** Rofi's location names and the numbers its configuration uses. */
export const ROFI_LOCATIONS = {
  center: 0,
  "top-left": 1,
  top: 2,
  "top-right": 3,
  right: 4,
  "bottom-right": 5,
  bottom: 6,
  "bottom-left": 7,
  left: 8,
} as const;

const isLiteral = (v: unknown): v is { _type: "literal"; value: string } =>
  v !== null && typeof v === "object" && !Array.isArray(v) && (v as AttrsView)._type === "literal";

const isSection = (v: unknown): v is AttrsView => v !== null && typeof v === "object" && !Array.isArray(v) && !isLiteral(v);

/** Names in Nix's order (byte order). */
const sortedEntries = (o: AttrsView): [string, JsValue][] =>
  Object.keys(o)
    .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
    .map((k) => [k, o[k]!]);

/** One rasi value: booleans and integers bare, literals as given, strings quoted, lists in brackets. */
export function rasiValue(v: JsValue): string {
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (isLiteral(v)) return v.value;
  if (typeof v === "string") return `"${v}"`;
  if (Array.isArray(v)) return `[ ${(v as readonly JsValue[]).map(rasiValue).join(",")} ]`;
  throw new Error(`Unhandled value type ${v === null ? "null" : typeof v}`);
}

/** The body of a section: `key: value;` lines and nested sections, nulls left out. */
function rasiBody(o: AttrsView): string {
  return sortedEntries(o)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => (isSection(v) ? `${k} {\n${rasiBody(v)}\n}` : `${k}: ${rasiValue(v)};`))
    .join("\n");
}

/** A rasi document: `@theme`, then `@import`, then the other sections (or `name value` lines), each ending with a newline. */
export function toRasi(o: AttrsView): string {
  const top = (k: string, v: JsValue) => (isSection(v) ? `${k} {\n${rasiBody(v)}\n}\n` : `${k} ${rasiValue(v)}\n`);
  const entries = sortedEntries(o);
  const ordered = [
    ...entries.filter(([k]) => k === "@theme"),
    ...entries.filter(([k]) => k === "@import"),
    ...entries.filter(([k]) => k !== "@theme" && k !== "@import"),
  ];
  return ordered.map(([k, v]) => top(k, v)).join("\n");
}

const rasiLiteral = ty.submodule<AttrsView>(
  defineModule({
    file: FILE,
    key: `${FILE}#literal`,
    options: {
      _type: option({ type: t.enum(["literal"]), internal: true }),
      value: option({ type: t.str, internal: true }),
    },
  }),
  undefined,
  "Rasi literal string",
);
const configValue = ty.oneOf<JsValue>([t.str, t.int, t.bool, rasiLiteral]);
const sectionType = t.attrsOf(t.either(configValue, t.listOf(configValue)));
const extraConfigType = t.attrsOf(t.either(sectionType, t.either(configValue, t.listOf(configValue))));
const themeType = t.attrsOf(t.either(sectionType, t.str));

const modeType = t.either(
  t.str,
  ty.submodule<AttrsView>(
    defineModule({
      file: FILE,
      key: `${FILE}#mode`,
      options: {
        name: option({ type: t.str, description: "The name the mode list refers to this script mode by." }),
        path: option({ type: t.str, description: "The program implementing the script mode." }),
      },
    }),
  ),
);

function makeRofi(a: EvalArgs) {
  return defineModule({
    file: FILE,
    path: "programs.rofi",
    options: {
      enable: mkEnableOption("Rofi: A window switcher, application launcher and dmenu replacement"),
      package: mkPackageOption("rofi"),
      finalPackage: option({ type: t.package, readOnly: true, description: "The rofi package installed, with `plugins` added." }),
      plugins: option({ type: t.listOf(t.package), default: [], description: "Rofi plugins to build into the package." }),
      font: option({ type: t.nullOr(t.str), default: null, example: "Droid Sans Mono 14", description: "The font Rofi uses." }),
      terminal: option({
        type: t.nullOr(t.str),
        default: null,
        description: "The terminal program Rofi runs console applications in.",
      }),
      cycle: option({ type: t.nullOr(t.bool), default: null, description: "Whether moving past the end of the list wraps around." }),
      location: option({
        type: t.enum(Object.keys(ROFI_LOCATIONS).sort() as (keyof typeof ROFI_LOCATIONS)[]),
        default: "center",
        description: "Where on the screen Rofi shows up.",
      }),
      xoffset: option({ type: t.int, default: 0, description: "Horizontal shift in pixels from `location`." }),
      yoffset: option({ type: t.int, default: 0, description: "Vertical shift in pixels from `location`." }),
      theme: option({
        type: t.nullOr(ty.oneOf<JsValue>([t.str, t.path, themeType])),
        default: null,
        description:
          "The theme: the name of an installed theme, a rasi file, or an attribute set of sections rendered to a " +
          "theme file (use `config.lib.formats.rasi.mkLiteral` for values written without quotes).",
      }),
      configPath: option({
        type: ty.nonEmptyStr,
        default: (d) => `${(d.arg("config") as { xdg: { configHome: string } }).xdg.configHome}/rofi/config.rasi`,
        defaultText: "$XDG_CONFIG_HOME/rofi/config.rasi",
        description: "Where the generated configuration is written.",
      }),
      modes: option({
        type: t.listOf(modeType),
        default: [],
        description: "The modes to enable; a custom script mode is given as `{ name; path; }` (see rofi-script(5)).",
      }),
      extraConfig: option({
        type: extraConfigType,
        default: {},
        example: { "kb-primary-paste": "Control+V,Shift+Insert", "run,drun": { "display-name": "open:" } },
        description: "More entries of the `configuration` section.",
      }),
    },
    config: ({ cfg, pkgs, lib }) => {
      const rawTheme = () => force(selectPath(a.config, ["programs", "rofi", "theme"]));
      const themeKind = (): "none" | "name" | "attrs" | "path" => {
        const v = rawTheme();
        if (v === null) return "none";
        if (v instanceof NixPath) return "path";
        if (v instanceof NixAttrs) return "attrs";
        return "name";
      };
      const themeName = (): string | null => {
        const kind = themeKind();
        if (kind === "none") return null;
        if (kind === "name") return cfg.theme as string;
        if (kind === "attrs") return "custom";
        const base = (rawTheme() as NixPath).path.split("/").pop()!;
        return base.endsWith(".rasi") ? base.slice(0, -".rasi".length) : base;
      };
      const modes = () =>
        (cfg.modes as readonly (string | AttrsView)[]).map((m) => (typeof m === "string" ? m : `${String(m.name)}:${String(m.path)}`));
      const configText = () => {
        const configuration: Record<string, JsValue> = {
          cycle: cfg.cycle,
          font: cfg.font,
          terminal: cfg.terminal,
          xoffset: cfg.xoffset,
          yoffset: cfg.yoffset,
          location: ROFI_LOCATIONS[cfg.location as keyof typeof ROFI_LOCATIONS],
          ...(modes().length > 0 ? { modes: modes() } : {}),
          ...(cfg.extraConfig as AttrsView),
        };
        const name = themeName();
        return toRasi({ configuration }) + (name !== null ? toRasi({ "@theme": name }) : "");
      };
      return mkIf(() => cfg.enable, {
        assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "programs.rofi", pkgs, libCall(lib, "platforms.linux"))],
        "lib.formats.rasi.mkLiteral": () => (value: unknown) => ({ _type: "literal", value }),
        "programs.rofi.finalPackage": () => {
          const p = cfg.package;
          if ("override" in p && cfg.plugins.length > 0)
            return callNix(p.override, (old: AttrsView) => ({
              plugins: [...((old.plugins as readonly JsValue[] | undefined) ?? []), ...cfg.plugins],
            }));
          return p;
        },
        "home.packages": () => [cfg.finalPackage],
        "home.file": () => ({ [cfg.configPath]: { text: configText() } }),
        "xdg.dataFile": () => {
          const kind = themeKind();
          if (kind === "none" || kind === "name") return mkIf(false, {});
          const target = `rofi/themes/${themeName()!}.rasi`;
          return kind === "attrs"
            ? { [target]: { text: toRasi(cfg.theme as AttrsView) } }
            : { [target]: { source: selectPath(a.config, ["programs", "rofi", "theme"]) } };
        },
      });
    },
  });
}

const REMOVED = ["width", "lines", "borderWidth", "rowHeight", "padding", "separator", "scrollbar", "fullscreen", "colors"];

/** The module, with the old layout options removed in favour of themes. */
export const rofiModule = perEvaluation(FILE, (a) => [
  ...REMOVED.map((o) => removedOptionModule(FILE, `programs.rofi.${o}`, () => "Please use a Rofi theme instead.").value),
  makeRofi(a).value,
]);
