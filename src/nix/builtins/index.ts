/**
 * Every builtin group, in registration order. A later group may not redefine a
 * name an earlier one declared.
 */
import type { BuiltinGroup } from "./registry.js";
import { coreBuiltins } from "./core.js";
import { attrsBuiltins } from "./attrs.js";
import { listsBuiltins } from "./lists.js";
import { arithBuiltins } from "./arith.js";
import { stringsBuiltins } from "./strings.js";
import { contextBuiltins } from "./context.js";
import { serialBuiltins } from "./serial.js";
import { storeBuiltins } from "./store.js";
import { derivationBuiltins } from "./derivation.js";
import { fetcherBuiltins } from "./fetchers.js";
import { flakeRefBuiltins } from "./flake-ref.js";

export const ALL_BUILTINS: readonly BuiltinGroup[] = [
  coreBuiltins,
  attrsBuiltins,
  listsBuiltins,
  arithBuiltins,
  stringsBuiltins,
  contextBuiltins,
  serialBuiltins,
  storeBuiltins,
  derivationBuiltins,
  fetcherBuiltins,
  flakeRefBuiltins,
];
