/**
 * `lib.generators`: assembles the key/value and INI generators (ini.ts), the
 * pretty-printer (pretty.ts) and the document formats (formats.ts) into one
 * namespace.
 */
import { attrs, type LibContext, type Value } from "../prim.js";
import { formatGenerators } from "./formats.js";
import { iniGenerators } from "./ini.js";
import { prettyGenerators } from "./pretty.js";

export function generators(ctx: LibContext): Value {
  return attrs({ ...iniGenerators(ctx), ...prettyGenerators(ctx), ...formatGenerators(ctx) });
}
