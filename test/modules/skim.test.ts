/**
 * `programs.skim` golden cases: the `SKIM_*` session variables and the
 * shell integrations (Bash and fish here; each only when enabled).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Case, textAt } from "./harness.js";

test("skim: session variables and shell integrations", () => {
  const c = new Case({ HOME_MANAGER_PACKAGES: "stub" });
  c.homeNix(`
  programs.bash.enable = true;
  programs.fish = { enable = true; generateCompletions = false; };
  programs.skim = {
    enable = true;
    defaultCommand = "fd --type f";
    defaultOptions = [ "--height 40%" "--prompt >" ];
    historyWidgetOptions = [ "--tac" ];
    enableBashIntegration = true;
    enableFishIntegration = true;
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const vars = c.json(ev, "home.sessionVariables") as Record<string, string>;
  assert.deepEqual(Object.fromEntries(Object.entries(vars).filter(([k]) => k.startsWith("SKIM_"))), {
    SKIM_CTRL_R_OPTS: "--tac",
    SKIM_DEFAULT_COMMAND: "fd --type f",
    SKIM_DEFAULT_OPTIONS: "--height 40% --prompt >",
  });
  assert.match(
    textAt(g, ".bashrc"),
    /\nif \[\[ :\$SHELLOPTS: =~ :\(vi\|emacs\): \]\]; then\n {2}\. \S+\/share\/skim\/completion\.bash\n {2}\. \S+\/share\/skim\/key-bindings\.bash\nfi\n/,
  );
  assert.match(textAt(g, ".config/fish/config.fish"), /\nsource \S+\/share\/skim\/key-bindings\.fish && skim_key_bindings\n/);
  const off = new Case({ HOME_MANAGER_PACKAGES: "stub" }).gen(`
  programs.fish = { enable = true; generateCompletions = false; };
  programs.skim = { enable = true; enableFishIntegration = false; };`);
  assert.doesNotMatch(textAt(off, ".config/fish/config.fish"), /skim/);
});
