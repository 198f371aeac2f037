/**
 * `lib.hm`: Home Manager's own library, as Nix code sees it under `lib.hm`
 * (and modules under `config.lib`). Every function is a native primop with
 * Home Manager's semantics and output; namespaces that need nixpkgs' `lib`
 * (option builders, `lib.generators`, the module system's types) reach it
 * through the `lib` callback, called only when such a function runs, so
 * `lib.hm` may itself be an attribute of that `lib`.
 */
import type { EvalState } from "../../nix/state.js";
import { NixAttrs, type Lazy } from "../../nix/values.js";
import { dagLib } from "./dag.js";
import { deprecationsLib } from "./deprecations.js";
import { generatorsLib } from "./generators.js";
import { GVariantLib } from "./gvariant.js";
import { maintainersLib } from "./maintainers.js";
import { mcpLib } from "./mcp.js";
import { assertionsLib, booleansLib, darwinLib, gitLib } from "./misc.js";
import { nushellLib } from "./nushell.js";
import { lazy, LibRef } from "./prim.js";
import { shellLib, zshLib } from "./shell.js";
import { stringsLib } from "./strings.js";
import { hmTypesLib } from "./types.js";

export { DagSorter, topoSort } from "./dag.js";
export { GVariantLib, isGVariant } from "./gvariant.js";

/** Build `lib.hm`. `lib` returns the complete library (nixpkgs `lib` with `hm` inside). */
export function hmLib(st: EvalState, lib: () => NixAttrs): NixAttrs {
  const libRef = new LibRef(lib);
  const gvariant = new GVariantLib(st);
  const m = new Map<string, Lazy>();
  const add = (name: string, make: () => NixAttrs) => m.set(name, lazy(make));
  add("dag", () => dagLib(st));
  add("assertions", () => assertionsLib(st));
  add("booleans", () => booleansLib());
  add("darwin", () => darwinLib(st));
  add("deprecations", () => deprecationsLib(st, libRef));
  add("generators", () => generatorsLib(st, libRef));
  add("git", () => gitLib());
  add("gvariant", () => gvariant.namespace());
  add("maintainers", () => maintainersLib());
  add("mcp", () => mcpLib(st));
  add("strings", () => stringsLib(st));
  add("types", () => hmTypesLib(st, libRef, gvariant));
  add("shell", () => shellLib(st, libRef));
  add("zsh", () => zshLib(st));
  add("nushell", () => nushellLib(st, libRef));
  return new NixAttrs(m);
}
