/**
 * Keyword arguments of `lib.hm` functions are checked as Home Manager's
 * lambdas with formals check them: a missing required argument or an
 * unexpected one is an error naming the function (current Nix wording; Nix
 * 2.8 also printed the lambda's position, which a primop does not have).
 */
import { describe } from "node:test";
import { table, type Case } from "./hm-helpers.js";

const CASES: Case[] = [
  [
    "hm.generators.mkDAGOrderedJsonFormat { x = 1; }",
    { error: "function 'mkDAGOrderedJsonFormat' called without required argument 'pkgs'" },
  ], // Nix 2.8: "'mkDAGOrderedJsonFormat' at /work/upstream/nix-community+home-manager/modules/lib/generators.nix:443:5 called without required argument 'pkgs'"
  ["hm.generators.toHyprconf { x = 1; }", { error: "function 'toHyprconf' called without required argument 'attrs'" }], // Nix 2.8: "'toHyprconf' at /work/upstream/nix-community+home-manager/modules/lib/generators.nix:683:5 called without required argument 'attrs'"
  ["hm.generators.toKDL { x = 1; } { }", { error: "function 'toKDL' called with unexpected argument 'x'" }], // Nix 2.8: "'toKDL' at /work/upstream/nix-community+home-manager/modules/lib/generators.nix:747:5 called with unexpected argument 'x'"
  ["hm.mcp.transformMcpServer { }", { error: "function 'transformMcpServer' called without required argument 'server'" }], // Nix 2.8: "'transformMcpServer' at /work/upstream/nix-community+home-manager/modules/lib/mcp.nix:184:5 called without required argument 'server'"
  ['hm.deprecations.remapAttrsRecursive { } "" { }', { error: "function 'remapAttrsRecursive' called without required argument 'pred'" }], // Nix 2.8: "'remapAttrsRecursive' at /work/upstream/nix-community+home-manager/modules/lib/deprecations.nix:121:5 called without required argument 'transform'"
  ["hm.zsh.exportAll { } { x = 1; }", { error: "function 'exportAll' called with unexpected argument 'x'" }], // Nix 2.8: "'exportAll' at /work/upstream/nix-community+home-manager/modules/lib/zsh.nix:35:5 called with unexpected argument 'x'"
  ["hm.generators.sortDAGEntries { y = 1; } { }", { error: "function 'sortDAGEntries'' called with unexpected argument 'y'" }], // Nix 2.8: "'sortDAGEntries'' at /work/upstream/nix-community+home-manager/modules/lib/generators.nix:8:5 called with unexpected argument 'y'"
];

describe("lib.hm argument checking", () => table(CASES));
