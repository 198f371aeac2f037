/**
 * The type of `systemd.user.settings`: INI sections (a freeform set of
 * `formats.ini { listsAsDuplicateKeys = true; }`) with two typed keys,
 * `Manager.DefaultEnvironment` and `Manager.ManagerEnvironment`, each a set
 * of variables turned into `NAME=value …` with shell quoting. The option's
 * value (`settingsApply`) leaves out either key when it came out empty, since
 * an empty value would reset what the system configured.
 */
import { defineModule, option, t, type AttrsView, type JsValue, type TsType } from "../module-system/index.js";
import { escapeShellArg, nixToString, ty } from "./module-kit.js";

const FILE = "modules/systemd.ts";

const iniAtom = ty.described(t.nullOr(ty.oneOf<JsValue>([t.bool, t.int, t.float, t.str])), "INI atom (null, bool, int, float or string)");
const iniType = t.attrsOf(t.attrsOf(t.either(iniAtom, t.listOf(iniAtom))));

const ENV_KEYS = ["ManagerEnvironment", "DefaultEnvironment"];

function environmentOption(description: string) {
  return option({
    type: t.attrsOf(t.nullOr(ty.oneOf<JsValue>([t.str, t.path, t.package]))),
    default: {},
    example: { PATH: "%u/bin:%u/.cargo/bin" },
    apply: (value: Readonly<Record<string, JsValue>>) =>
      Object.keys(value)
        .map((n) => `${n}=${escapeShellArg(nixToString(value[n]!))}`)
        .join(" "),
    description,
  });
}

const settingsModule = defineModule({
  file: FILE,
  key: `${FILE}#settings`,
  options: {
    Manager: {
      DefaultEnvironment: environmentOption("Environment variables passed to every process the manager starts."),
      ManagerEnvironment: environmentOption("Environment variables of the manager process itself."),
    },
  },
});

export const settingsType: TsType<AttrsView> = ty.submodule<AttrsView>(settingsModule, iniType);

/** The option's value: the sections, with empty environment keys of `Manager` removed. */
export function settingsApply(sections: AttrsView): Record<string, JsValue> {
  const out: Record<string, JsValue> = {};
  for (const k of Object.keys(sections)) out[k] = sections[k]!;
  const manager = sections.Manager as AttrsView;
  const kept: Record<string, JsValue> = {};
  for (const k of Object.keys(manager)) if (!(ENV_KEYS.includes(k) && manager[k] === "")) kept[k] = manager[k]!;
  out.Manager = kept;
  return out;
}
