/**
 * `programs.carapace`: the carapace multi-shell completer. Installs
 * `package` (with `ignoreCase`, a wrapper of `pkgs.carapace` that sets
 * `CARAPACE_MATCH=1`) and loads `carapace _carapace <shell>` in Bash and Zsh
 * (process substitution), fish (interactive start) and Nushell (sourcing a
 * file made at build time, with the build's home directory replaced by
 * `$env.HOME`). For fish older than 4.0, an empty
 * `fish/completions/<name>.fish` is written for every command carapace lists,
 * so fish's own completions do not shadow carapace's; a fish package of
 * unknown version (the host and stub package layers have none) counts as new.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, libCall, nixToString } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/carapace.ts";

/** The `name` of each `name description…` line of `carapace --list` (lower-case letters, digits and dashes). */
export function listedCommands(list: string): string[] {
  const names: string[] = [];
  for (const line of list.split("\n")) {
    const m = /^([a-z0-9-]+) /.exec(line);
    if (m !== null) names.push(m[1]!);
  }
  return names;
}

export const carapaceModule = defineModule({
  file: FILE,
  path: "programs.carapace",
  options: {
    enable: mkEnableOption("carapace, a multi-shell multi-command argument completer"),
    package: mkPackageOption("carapace"),
    enableBashIntegration: integrationOption("Bash"),
    enableFishIntegration: integrationOption("Fish"),
    enableNushellIntegration: integrationOption("Nushell"),
    enableZshIntegration: integrationOption("Zsh"),
    ignoreCase: option({
      type: t.bool,
      default: false,
      description: "Whether completions match regardless of case: carapace is then wrapped with `CARAPACE_MATCH=1` in its environment.",
    }),
  },
  config: ({ cfg, config, lib, pkgs }) => {
    const bin = () => String(libCall(lib, "getExe", cfg.package));
    const wrapped = () =>
      callNix(pkgs.symlinkJoin, {
        name: "carapace-wrapped",
        paths: [pkgs.carapace],
        nativeBuildInputs: [pkgs.makeWrapper],
        postBuild: "wrapProgram $out/bin/carapace \\\n  --set CARAPACE_MATCH 1\n",
        meta: { mainProgram: "carapace" },
      });
    const oldFish = () => {
      if (!config.bool("programs.fish.enable") || !cfg.enableFishIntegration) return false;
      // An unknown version (the host and stub package layers give "") is taken as a current fish.
      const version = (config.get("programs.fish.package") as AttrsView).version;
      if (typeof version !== "string" || version === "") return false;
      return libCall(lib, "versionOlder", version, "4.0.0") === true;
    };
    /** One empty completion file per command carapace knows (read from `carapace --list` at evaluation time). */
    const emptyCompletions = () => {
      const list = callNix(pkgs.runCommandLocal, "carapace-list", { buildInputs: [cfg.package] }, `${bin()} --list > $out\n`);
      const text = String(libCall(lib, "fileContents", list));
      const files: Record<string, JsValue> = {};
      for (const name of listedCommands(text)) files[`fish/completions/${name}.fish`] = { text: "" };
      return files;
    };
    return mkMerge([
      mkIf(() => cfg.enable, {
        "programs.carapace.package": () => mkIf(cfg.ignoreCase, wrapped()),
        "home.packages": () => [cfg.package],
        "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, `source <(${bin()} _carapace bash)\n`),
        "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, `source <(${bin()} _carapace zsh)\n`),
        "programs.fish.interactiveShellInit": () => mkIf(cfg.enableFishIntegration, `${bin()} _carapace fish | source\n`),
        "xdg.configFile": () => (oldFish() ? emptyCompletions() : mkIf(false, {})),
      }),
      // A block of its own, so the init file is made only when the integration is on.
      mkIf(() => cfg.enable && cfg.enableNushellIntegration, {
        "programs.nushell.extraConfig": () => {
          const script = `${bin()} _carapace nushell | sed 's|"/homeless-shelter|$"($env.HOME)|g' >> "$out"\n`;
          return `source ${nixToString(callNix(pkgs.runCommand, "carapace-nushell-config.nu", {}, script))}\n`;
        },
      }),
    ]);
  },
});
