/**
 * `home.shell.*`: the global switch for shell integrations and one switch
 * per shell (Bash, Fish, Ion, Nushell, Zsh), each defaulting to the global
 * one. Program modules default their `enable<Shell>Integration` options to
 * these.
 */
import { defineModule, option, t, type OptionDecl } from "../../module-system/index.js";

const SHELLS = ["Bash", "Fish", "Ion", "Nushell", "Zsh"] as const;

function shellOption(shell: string): OptionDecl<boolean> {
  return option({
    type: t.bool,
    default: (a) => (a.arg("config") as { home: { shell: { enableShellIntegration: boolean } } }).home.shell.enableShellIntegration,
    defaultText: "config.home.shell.enableShellIntegration",
    example: false,
    description: `Whether to enable ${shell} integration.`,
  });
}

export const shellModule = defineModule({
  file: "modules/misc/shell.ts",
  path: "home.shell",
  options: {
    enableShellIntegration: option({
      type: t.bool,
      default: true,
      example: false,
      description:
        "Whether program modules integrate with every supported shell. Each shell's own switch " +
        "(`home.shell.enableBashIntegration`, …) defaults to this value.",
    }),
    ...Object.fromEntries(SHELLS.map((s) => [`enable${s}Integration`, shellOption(s)])),
  },
});
