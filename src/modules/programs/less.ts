/**
 * `programs.less`: the `less` pager. Installs `package` (unless null) and
 * writes `config` to `$XDG_CONFIG_HOME/lesskey` when it is not empty.
 * `options` (a list of command-line options, or a set turned into GNU-style
 * options by `lib.cli.toCommandLineGNU { }`) goes first in that file as the
 * `LESS` variable of an `#env` section. The old name `programs.less.keys`
 * is renamed to `config`.
 */
import { defineModule, mkBefore, mkEnableOption, mkIf, mkPackageOption, option, t, toNix, TsType } from "../../module-system/index.js";
import { select } from "../../module-system/nix-values.js";
import { callFunction } from "../../nix/ops.js";
import { force } from "../../nix/values.js";
import { libCall, perEvaluation } from "../module-kit.js";

const FILE = "modules/programs/less.ts";

/** `coercedTo (attrsOf (either scalar (listOf scalar))) (lib.cli.toCommandLineGNU { }) (listOf str)`, scalar = bool, int or str. */
const optionsType = new TsType<readonly string[]>((ms) => {
  const ty = ms.types;
  const scalar = ty.oneOf([ty.bool, ty.int, ty.str]);
  const attrs = ty.attrsOf(ty.either(scalar, ty.listOf(scalar)));
  const toGnu = callFunction(force(select(select(ms.lib(), "cli"), "toCommandLineGNU")), toNix({}));
  return ty.coercedTo(attrs, toGnu, ty.listOf(ty.str));
});

const lessModule0 = defineModule({
  file: FILE,
  path: "programs.less",
  options: {
    enable: mkEnableOption("less, opposite of more"),
    package: mkPackageOption("less", { nullable: true }),
    config: option({
      type: t.lines,
      default: "",
      example: "#command\ns        back-line\nt        forw-line\n",
      description: "The lesskey source written to `$XDG_CONFIG_HOME/lesskey` (key bindings, `#env` variables, …).",
    }),
    options: option({
      type: optionsType,
      default: [],
      example: { "RAW-CONTROL-CHARS": true, quiet: true, "wheel-lines": 3 },
      description:
        "Options put in the `LESS` environment variable (through the lesskey file): a list of options, " +
        "or a set of long option names to values (`true` for a flag, lists for repeated options).",
    }),
  },
  config: ({ cfg }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      'xdg.configFile."lesskey"': () => mkIf(cfg.config !== "", { text: cfg.config }),
      "programs.less.config": () => mkIf(cfg.options.length > 0, mkBefore(`#env\nLESS = ${cfg.options.join(" ")}\n`)),
    }),
});

/** The module, with the old `keys` option renamed to `config`. */
export const lessModule = perEvaluation(FILE, (a) => [
  toNix(libCall(a.lib, "mkRenamedOptionModule", ["programs", "less", "keys"], ["programs", "less", "config"])),
  lessModule0.value,
]);
