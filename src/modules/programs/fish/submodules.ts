/**
 * The submodules of `programs.fish`: plugins, functions (a body plus the
 * flags of fish's `function` command), completions, abbreviations and key
 * bindings, with Home Manager's option names, types and defaults.
 */
import { defineModule, mkEnableOption, option, t } from "../../../module-system/index.js";
import { ty } from "../../module-kit.js";

const FILE = "modules/programs/fish/submodules.ts";

const nullStr = (description: string) => option({ type: t.nullOr(t.str), default: null, description });
const strOrList = t.nullOr(t.either(t.str, t.listOf(t.str)));
const strOrInt = t.nullOr(t.either(t.str, t.int));
const modeType = t.nullOr(t.either(t.enum(["default", "insert", "paste"] as const), t.str));

export const pluginOptions = defineModule({
  file: FILE,
  key: `${FILE}#plugin`,
  options: {
    src: option({
      type: t.path,
      description:
        "The plugin's directory. Its `functions` and `completions` directories join fish's search paths; its `conf.d/*.fish`, " +
        "`key_bindings.fish` and `init.fish` are sourced when present.",
    }),
    name: option({ type: t.str, description: "The plugin's name." }),
  },
});

export const functionOptions = defineModule({
  file: FILE,
  key: `${FILE}#function`,
  options: {
    body: option({ type: t.lines, description: "The commands the function runs." }),
    argumentNames: option({
      type: strOrList,
      default: null,
      description: "Names given, in order, to the function's command-line arguments.",
    }),
    description: nullStr("What the function does, shown as its completion description."),
    wraps: nullStr("A command whose completions the function takes over."),
    onEvent: option({
      type: strOrList,
      default: null,
      description: "Named events (such as `fish_prompt`) that run the function when fish emits them.",
    }),
    onVariable: nullStr("A variable whose changes run the function."),
    onJobExit: option({
      type: strOrInt,
      default: null,
      description: "A job group id (or `caller`, inside a command substitution) whose exit runs the function.",
    }),
    onProcessExit: option({
      type: strOrInt,
      default: null,
      example: "$fish_pid",
      description: "A process id (or `%self`, meaning this fish) whose exit runs the function.",
    }),
    onSignal: option({
      type: strOrInt,
      default: null,
      example: ["SIGHUP", "HUP", 1],
      description: "A signal, by name or number, whose delivery runs the function.",
    }),
    noScopeShadowing: option({ type: t.bool, default: false, description: "Whether the function sees the variables of its callers." }),
    inheritVariable: nullStr("A variable whose value at definition time the function keeps as a local variable."),
  },
});

export const completionOptions = defineModule({
  file: FILE,
  key: `${FILE}#completion`,
  options: {
    body: option({ type: t.lines, description: "The completion script." }),
  },
});

export const abbrOptions = defineModule({
  file: FILE,
  key: `${FILE}#abbr`,
  options: {
    name: nullStr("The text that expands (defaults to the attribute name)."),
    expansion: nullStr("The text the abbreviation expands to."),
    position: option({
      type: t.nullOr(t.str),
      default: null,
      example: "anywhere",
      description: "Where the abbreviation expands: `command` (in command position only) or `anywhere`.",
    }),
    regex: nullStr("A regular expression matched instead of the literal name."),
    command: option({
      type: strOrList,
      default: null,
      description: "Commands whose arguments, only, the abbreviation expands in.",
    }),
    setCursor: option({
      type: t.either(t.bool, t.str),
      default: false,
      description:
        "Where the cursor goes after expanding: `true` marks it with `%` in the expansion, a string is another marker (`abbr --set-cursor`).",
    }),
    function: nullStr("A fish function whose output is the expansion, instead of a fixed text."),
  },
});

export const bindOptions = defineModule({
  file: FILE,
  key: `${FILE}#bind`,
  options: {
    name: nullStr("The key sequence bound (defaults to the attribute name)."),
    enable: option({ type: t.bool, default: true, example: false, description: "Whether to enable the binding." }),
    mode: option({ type: modeType, default: null, description: "The bind mode the binding belongs to." }),
    command: option({
      type: t.nullOr(ty.oneOf<string | readonly string[]>([t.str, t.listOf(t.str)])),
      default: null,
      description: "The command or commands the key runs (may be left out when `erase` is set).",
    }),
    setsMode: option({ type: modeType, default: null, description: "The bind mode to switch to after the command runs." }),
    erase: mkEnableOption("removing the binding"),
    silent: mkEnableOption("operating silently"),
    repaint: mkEnableOption("redrawing the prompt after the command"),
    operate: option({
      type: t.nullOr(t.enum(["preset", "user"] as const)),
      default: null,
      description: "Whether the binding acts on the preset bindings or the user's.",
    }),
  },
});
