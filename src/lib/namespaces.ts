/**
 * The namespaces of `lib` this folder implements, by attribute name. Each
 * builder runs once per `lib` (on first use of the namespace) and returns the
 * namespace's attribute set.
 */
import { attrsets } from "./attrsets.js";
import { fixedPoints } from "./fixed-points.js";
import { generators } from "./generators/index.js";
import { lists } from "./lists.js";
import type { LibContext, Value } from "./prim.js";
import { strings } from "./strings.js";
import { trivial } from "./trivial.js";

export const NAMESPACES: Readonly<Record<string, (ctx: LibContext) => Value>> = {
  trivial,
  fixedPoints,
  attrsets,
  lists,
  strings,
  generators,
};
