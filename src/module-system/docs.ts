/**
 * Option documentation data, as nixpkgs' `optionAttrSetToDocList`: every
 * option of an options tree (and, when visible, the sub-options of its type)
 * as `{ loc, name, description, declarations, internal, visible, readOnly,
 * type, default?, example?, relatedPackages? }`, with defaults and examples
 * rendered as `literalExpression`s. Entries are built lazily, so listing the
 * options does not evaluate their defaults.
 */
import { forceAttrs } from "../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { UNKNOWN_MODULE } from "./collect-modules.js";
import { attrOr, attrs, call, lazy, readStrList, select, str, tagOf, withContext } from "./nix-values.js";
import { wrapType } from "./option-type.js";
import { showOption } from "./show.js";

/** Every option set inside an attribute tree, in attribute order. */
export function collectOptions(l: Lazy, out: NixAttrs[] = []): NixAttrs[] {
  const v = force(l);
  if (!(v instanceof NixAttrs)) return out;
  if (tagOf(v) === "option") {
    out.push(v);
    return out;
  }
  for (const n of v.sortedNames()) collectOptions(v.get(n)!, out);
  return out;
}

/** A default or example as documentation shows it. */
export function renderOptionValue(ms: ModuleSystem, l: Lazy): Value {
  const v = force(l);
  if (v instanceof NixAttrs && v.has("_type") && v.has("text")) return v;
  const gens = forceAttrs(select(ms.lib(), "generators"));
  const pretty = call(select(gens, "toPretty"), attrs({ multiline: true, allowPrettyValues: true }), v);
  return attrs({ _type: "literalExpression", text: pretty });
}

function docEntry(ms: ModuleSystem, opt: NixAttrs): NixAttrs {
  const loc = readStrList(attrOr(opt, "loc", []));
  const name = showOption(loc);
  const visible = force(attrOr(opt, "visible", true));
  const typeL = opt.get("type");
  const m = new Map<string, Lazy>([
    ["loc", loc.slice()],
    ["name", name],
    ["description", attrOr(opt, "description", null)],
    ["declarations", lazy(() => readStrList(attrOr(opt, "declarations", [])).filter((f) => f !== UNKNOWN_MODULE))],
    ["internal", attrOr(opt, "internal", false)],
    ["visible", typeof visible === "boolean" ? visible : str(visible) === "shallow"],
    ["readOnly", attrOr(opt, "readOnly", false)],
    ["type", lazy(() => (typeL === undefined ? "unspecified" : force(attrOr(forceAttrs(typeL), "description", "unspecified"))))],
  ]);
  if (opt.has("example")) {
    m.set(
      "example",
      lazy(() => withContext(`while evaluating the example of option \`${name}\``, () => renderOptionValue(ms, opt.get("example")!))),
    );
  }
  const type = typeL === undefined ? undefined : wrapType(ms, typeL);
  const empty = type?.emptyValue().value;
  const hasDefault = opt.has("defaultText") || opt.has("default") || (empty !== undefined && type!.getSubModules() === null);
  if (hasDefault) {
    const what = opt.has("defaultText") ? "defaultText" : "default value";
    // `has`, not `??`: a default of Nix `null` is the JavaScript `null`, and still a default.
    const src = opt.has("defaultText") ? opt.get("defaultText")! : opt.has("default") ? opt.get("default")! : empty!;
    m.set(
      "default",
      lazy(() => withContext(`while evaluating the ${what} of option \`${name}\``, () => renderOptionValue(ms, src))),
    );
  }
  const rp = opt.get("relatedPackages");
  if (rp !== undefined && force(rp) !== null) m.set("relatedPackages", rp);
  return new NixAttrs(m);
}

/** nixpkgs' `optionAttrSetToDocList`. */
export function optionAttrSetToDocList(ms: ModuleSystem, options: Lazy): Lazy[] {
  const out: Lazy[] = [];
  for (const opt of collectOptions(options)) {
    out.push(docEntry(ms, opt));
    const visible = force(attrOr(opt, "visible", true));
    const subVisible = typeof visible === "boolean" ? visible : str(visible) === "transparent";
    const typeL = opt.get("type");
    if (!subVisible || typeL === undefined) continue;
    const ss = wrapType(ms, typeL).getSubOptions(readStrList(attrOr(opt, "loc", [])));
    if (ss.size > 0) out.push(...optionAttrSetToDocList(ms, ss));
  }
  return out;
}
