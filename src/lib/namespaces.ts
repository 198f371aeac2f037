/**
 * The namespaces of `lib` this folder implements, by attribute name. Each
 * builder runs once per `lib` (on first use of the namespace) and returns the
 * namespace's attribute set.
 */
import { asserts } from "./asserts.js";
import { attrsets } from "./attrsets.js";
import { cli } from "./cli.js";
import { customisation } from "./customisation.js";
import { debug } from "./debug.js";
import { derivations } from "./derivations.js";
import { fetchers } from "./fetchers.js";
import { fileset } from "./fileset.js";
import { filesystem } from "./filesystem.js";
import { fixedPoints } from "./fixed-points.js";
import { generators } from "./generators/index.js";
import { gvariant } from "./gvariant.js";
import { flakes, kernel, sourceTypes } from "./kernel.js";
import { licenses } from "./licenses.js";
import { lists } from "./lists.js";
import { meta } from "./meta.js";
import { misc } from "./misc.js";
import { network } from "./network.js";
import { path } from "./path.js";
import { NixAttrs, type LibContext, type Value } from "./prim.js";
import { sources } from "./sources.js";
import { strings } from "./strings.js";
import { stringsWithDeps } from "./strings-with-deps.js";
import { systems } from "./systems/index.js";
import { trivial } from "./trivial.js";
import { versions } from "./versions.js";

/**
 * `maintainers` and `teams` are empty: nixpkgs reads them from its
 * `maintainers/` tree, which the lib-only distribution does not carry.
 */
const empty = (): Value => NixAttrs.empty;

export const NAMESPACES: Readonly<Record<string, (ctx: LibContext) => Value>> = {
  trivial,
  fixedPoints,
  attrsets,
  lists,
  strings,
  stringsWithDeps,
  customisation,
  derivations,
  maintainers: empty,
  teams: empty,
  meta,
  versions,
  licenses,
  sourceTypes,
  systems,
  cli,
  gvariant,
  generators,
  asserts,
  debug,
  misc,
  fetchers,
  path,
  filesystem,
  fileset,
  sources,
  kernel,
  network,
  flakes,
};
