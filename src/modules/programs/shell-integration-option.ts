/**
 * `enable<Shell>Integration` options for program modules: a boolean that
 * defaults to the matching `home.shell.enable<Shell>Integration` switch, as
 * Home Manager's `lib.hm.shell.mk<Shell>IntegrationOption` builds them.
 */
import { option, t, type OptionDecl } from "../../module-system/index.js";

/** The shells that have a `home.shell` switch. */
export type IntegrationShell = "Bash" | "Fish" | "Ion" | "Nushell" | "Zsh";

/** The option `enable<shell>Integration`, defaulting to the `home.shell` switch of that shell. */
export function integrationOption(shell: IntegrationShell, extra = ""): OptionDecl<boolean> {
  return option({
    type: t.bool,
    default: (a) => (a.arg("config") as { home: { shell: Record<string, boolean> } }).home.shell[`enable${shell}Integration`]!,
    defaultText: `config.home.shell.enable${shell}Integration`,
    example: false,
    description: `Whether to turn on the ${shell} integration.${extra === "" ? "" : `\n\n${extra}`}`,
  });
}
