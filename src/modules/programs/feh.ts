/**
 * `programs.feh`: feh, a light image viewer. Installs `package` (unless
 * null) and, when not empty, writes under `$XDG_CONFIG_HOME/feh/`: `buttons`
 * and `keys` from `buttons` and `keybindings` (one `action [binding…]` line
 * per action: first the disabled actions, set to null, as a bare name, then
 * the others, each group in name order), and `themes` (one `name args…` line
 * per theme, the arguments shell-quoted). Each file ends with a newline. An
 * empty string as a key binding is refused: null is the way to disable one.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type TsType } from "../../module-system/index.js";
import { escapeShellArg } from "../module-kit.js";

const FILE = "modules/programs/feh.ts";

type Binding = string | number;
/** Action → binding(s); null disables the action. */
export type FehBindings = Readonly<Record<string, Binding | readonly Binding[] | null>>;

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The text of feh's `buttons` or `keys` file. */
export function fehBindingsText(bindings: FehBindings): string {
  const names = Object.keys(bindings).sort(byCodeUnits);
  const line = (name: string) => {
    const v = bindings[name];
    if (v === null || v === undefined) return name;
    return [name, ...(Array.isArray(v) ? (v as readonly Binding[]) : [v as Binding]).map(String)].join(" ");
  };
  const disabled = names.filter((n) => bindings[n] === null);
  const enabled = names.filter((n) => bindings[n] !== null);
  return [...disabled, ...enabled].map(line).join("\n") + "\n";
}

/** The text of feh's `themes` file. */
export function fehThemesText(themes: Readonly<Record<string, readonly string[]>>): string {
  return (
    Object.keys(themes)
      .sort(byCodeUnits)
      .map((name) => [name, ...themes[name]!.map(escapeShellArg)].join(" "))
      .join("\n") + "\n"
  );
}

const bindingsOf = <T>(elem: TsType<T>) => t.attrsOf(t.nullOr(t.either(elem, t.listOf(elem))));

export const fehModule = defineModule({
  file: FILE,
  path: "programs.feh",
  options: {
    enable: mkEnableOption("feh - a fast and light image viewer"),
    package: mkPackageOption("feh", { nullable: true }),
    buttons: option({
      type: bindingsOf(t.either(t.str, t.int)),
      default: {},
      example: { zoom_in: 4, zoom_out: "C-4", prev_img: [3, "C-3"] },
      description:
        "Mouse button bindings replacing feh's defaults, by action: a button, a list of buttons, or null to disable " +
        "the action. feh's manual (https://man.finalrewind.org/1/feh/#BUTTONS_CONFIG_SYNTAX) lists actions and defaults.",
    }),
    keybindings: option({
      type: bindingsOf(t.str),
      default: {},
      example: { zoom_in: "plus", zoom_out: "minus", prev_img: ["h", "Left"] },
      description:
        "Key bindings replacing feh's defaults, by action: a key, a list of keys, or null to disable the action. " +
        "feh's manual (https://man.finalrewind.org/1/feh/#KEYS_CONFIG_SYNTAX) lists actions and defaults.",
    }),
    themes: option({
      type: t.attrsOf(t.listOf(t.str)),
      default: {},
      example: { feh: ["--image-bg", "black"], webcam: ["--multiwindow", "--reload", "20"] },
      description:
        "Named sets of command-line options for feh (`feh -T name`). Mind the limits feh puts on them " +
        "(https://man.finalrewind.org/1/feh/#THEMES_CONFIG_SYNTAX).",
    }),
  },
  config: ({ cfg }) =>
    mkIf(() => cfg.enable, {
      assertions: () => [
        {
          assertion: !Object.values(cfg.keybindings).some((v) => v === ""),
          message: "To disable a keybinding, use `null` instead of an empty string.",
        },
      ],
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      "xdg.configFile": () => {
        const files: Record<string, unknown> = {};
        if (Object.keys(cfg.buttons).length > 0) files["feh/buttons"] = { text: fehBindingsText(cfg.buttons as FehBindings) };
        if (Object.keys(cfg.keybindings).length > 0) files["feh/keys"] = { text: fehBindingsText(cfg.keybindings) };
        if (Object.keys(cfg.themes).length > 0) files["feh/themes"] = { text: fehThemesText(cfg.themes) };
        return files;
      },
    }),
});
