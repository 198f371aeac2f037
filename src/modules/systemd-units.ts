/**
 * Systemd unit files as Home Manager writes them: a unit's sections with
 * null and empty-list fields removed, then empty sections removed, rendered
 * as INI with sections and keys in Nix's (byte) order, a list as repeated
 * keys, booleans as `true`/`false`, everything else through Nix's `toString`
 * (a package gives its store path). Also the unit option types: a freeform
 * set of sections whose typed keys are `Unit.Description`,
 * `Unit.Documentation` and, for services, the switch triggers,
 * `X-SwitchMethod`, `Service.Environment` and `Service.ExecStart`.
 */
import { defineModule, option, t, type AttrsView, type JsValue, type TsType } from "../module-system/index.js";
import { nixToString, ty } from "./module-kit.js";

/** A unit's sections, as the configuration holds them. */
export type UnitValue = Readonly<Record<string, Readonly<Record<string, JsValue>>>>;

const FILE = "modules/systemd.ts";

/** nixpkgs' `mkPathSafeName`: `@`, `:` and `\` become `-`, `[` and `]` disappear. */
export function pathSafeName(name: string): string {
  return name.replace(/[@:\\]/g, "-").replace(/[[\]]/g, "");
}

/** Byte-order comparison of attribute names (as Nix sorts them). */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A unit value: `true`/`false` for booleans, Nix's `toString` otherwise. */
function unitValue(v: JsValue): string {
  return typeof v === "boolean" ? (v ? "true" : "false") : nixToString(v);
}

/** `lib.generators.toINI { listsAsDuplicateKeys = true; mkKeyValue = k: v: "${k}=${value v}"; }`. */
export function toIni(
  sections: Readonly<Record<string, Readonly<Record<string, JsValue>>>>,
  value: (v: JsValue) => string = unitValue,
): string {
  return Object.keys(sections)
    .sort(byName)
    .map((sec) => {
      const kv = sections[sec]!;
      const lines = Object.keys(kv)
        .sort(byName)
        .flatMap((k) => {
          const v = kv[k]!;
          return (Array.isArray(v) ? (v as readonly JsValue[]) : [v]).map((x) => `${k}=${value(x)}\n`);
        })
        .join("");
      return `[${sec.replace(/[[\]]/g, (c) => "\\" + c)}]\n${lines}`;
    })
    .join("\n");
}

/** The unit with null and empty-list fields, then empty sections, removed. */
export function finalUnit(unit: UnitValue): Record<string, Record<string, JsValue>> {
  const out: Record<string, Record<string, JsValue>> = {};
  for (const sec of Object.keys(unit)) {
    const fields = unit[sec]!;
    if (fields === null || typeof fields !== "object" || Array.isArray(fields)) continue;
    const kept: Record<string, JsValue> = {};
    for (const k of Object.keys(fields)) {
      const v = fields[k]!;
      if (v === null || (Array.isArray(v) && v.length === 0)) continue;
      kept[k] = v;
    }
    if (Object.keys(kept).length > 0) out[sec] = kept;
  }
  return out;
}

/** The text of a unit file. */
export function unitText(unit: UnitValue): string {
  return toIni(finalUnit(unit));
}

/** The targets named in `Install.<key>` (a list, or one name). */
export function installTargets(unit: UnitValue, key: "WantedBy" | "RequiredBy"): string[] {
  const install = unit.Install as AttrsView | undefined;
  const v = install?.[key];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? (v as readonly JsValue[]) : [v]).map(nixToString);
}

const primitive = ty.oneOf<JsValue>([t.bool, t.int, t.str, t.path]);

function freeform(kind: string): TsType<unknown> {
  return ty.described(t.attrsOf(t.attrsOf(t.either(primitive, t.listOf(primitive)))), `systemd ${kind} unit configuration`);
}

const toList = (v: JsValue): JsValue => (Array.isArray(v) ? v : [v]);

const commonUnit = defineModule({
  file: FILE,
  key: `${FILE}#unit`,
  options: {
    Unit: {
      Description: option({
        type: t.nullOr(t.str),
        default: null,
        example: "My daily database backup",
        description: "A short, human-readable name of the unit.",
      }),
      Documentation: option({
        type: ty.coercedTo(t.str, toList, t.listOf(t.str)),
        default: [],
        description: "URIs of documentation for the unit.",
      }),
    },
  },
});

const packageOrStr = t.either(t.package, t.str);

const serviceExtra = defineModule({
  file: FILE,
  key: `${FILE}#service`,
  options: {
    Unit: {
      "X-Reload-Triggers": option({
        type: t.listOf(packageOrStr),
        default: [],
        description: "Values whose change between generations makes activation reload the service.",
      }),
      "X-Restart-Triggers": option({
        type: t.listOf(packageOrStr),
        default: [],
        description: "Values whose change between generations makes activation restart the service.",
      }),
      "X-SwitchMethod": option({
        type: ty.enumOf([null, "reload", "restart", "stop-start", "keep-old"] as const),
        default: null,
        description: "How activation switches from the old to the new version of this service.",
      }),
    },
    Service: {
      Environment: option({
        type: ty.coercedTo(t.str, toList, t.listOf(t.str)),
        default: [],
        example: ["VAR1=foo", 'VAR2="bar baz"'],
        description: "Environment variables of the service's processes, as `NAME=value` assignments.",
      }),
      ExecStart: option({
        type: t.either(packageOrStr, t.listOf(packageOrStr)),
        apply: (v: JsValue) => toList(v),
        default: [],
        example: "/absolute/path/to/command arg1 arg2",
        description: "The command run to start the service.",
      }),
    },
  },
});

/** `attrsOf` units of a kind. */
export function unitType(kind: string): TsType<Readonly<Record<string, UnitValue>>> {
  return t.attrsOf(ty.submodule<UnitValue>(commonUnit, freeform(kind)));
}

/** `attrsOf` services. */
export const serviceType: TsType<Readonly<Record<string, UnitValue>>> = t.attrsOf(
  ty.submodule<UnitValue>([commonUnit, serviceExtra], freeform("service")),
);
