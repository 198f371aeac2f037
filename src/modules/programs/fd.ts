/**
 * `programs.fd`: fd, a friendlier `find`. Installs `package` (unless null);
 * writes `ignores` to `$XDG_CONFIG_HOME/fd/ignore`, one pattern per line; and
 * when `hidden` or `extraOptions` give arguments, defines the alias
 * `fd = "fd <arguments>"` (shell-quoted) in Bash, Zsh, fish, Ion and Nushell.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { escapeShellArg } from "../module-kit.js";

const FILE = "modules/programs/fd.ts";

/** Is `programs.ion.shellAliases` declared? Reads only the declaration sets (Ion's module may be absent). */
function ionDeclared(options: JsValue): boolean {
  const programs = (options as AttrsView).programs as AttrsView | undefined;
  return programs !== undefined && "ion" in programs && "shellAliases" in (programs.ion as AttrsView);
}

export const fdModule = defineModule({
  file: FILE,
  path: "programs.fd",
  options: {
    enable: mkEnableOption("fd, a simple, fast and user-friendly alternative to {command}`find`"),
    ignores: option({
      type: t.listOf(t.str),
      default: [],
      example: [".git/", "*.bak"],
      description: "Patterns fd ignores everywhere (its global ignore file).",
    }),
    hidden: option({
      type: t.bool,
      default: false,
      description: "Whether fd also searches hidden files and directories (adds `--hidden`).",
    }),
    extraOptions: option({
      type: t.listOf(t.str),
      default: [],
      example: ["--no-ignore", "--absolute-path"],
      description: "More command-line options the `fd` alias passes.",
    }),
    package: mkPackageOption("fd", { nullable: true }),
  },
  config: ({ cfg, arg }) => {
    const aliases = () => {
      const args = [...(cfg.hidden ? ["--hidden"] : []), ...cfg.extraOptions].map(escapeShellArg).join(" ");
      return args === "" ? {} : { fd: `fd ${args}` };
    };
    return mkIf(() => cfg.enable, {
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      "programs.bash.shellAliases": () => aliases(),
      "programs.zsh.shellAliases": () => aliases(),
      "programs.fish.shellAliases": () => aliases(),
      ...(ionDeclared(arg("options")) ? { "programs.ion.shellAliases": () => aliases() } : {}),
      "programs.nushell.shellAliases": () => aliases(),
      "xdg.configFile": () => mkIf(cfg.ignores.length > 0, { "fd/ignore": { text: cfg.ignores.join("\n") + "\n" } }),
    });
  },
});
