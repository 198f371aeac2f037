/**
 * The Nix-visible `lib.options` set: `mkOption`, `mkEnableOption`,
 * `mkPackageOption`, `mkSinkUndeclaredOptions`, the shared merge functions,
 * the `show*` helpers, literal wrappers for documentation and the option
 * documentation list (`optionAttrSetToDocList`).
 */
import { forceAttrs, forceList } from "../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { UNKNOWN_MODULE } from "./collect-modules.js";
import { defsFromNix, type Def } from "./definitions.js";
import { optionAttrSetToDocList, renderOptionValue } from "./docs.js";
import { mergeDefaultOption, mergeEqualOption, mergeOneOption, mergeUniqueOption } from "./merge-helpers.js";
import { attrOr, attrs, call, isString, isTagged, lazy, nixThrow, prim, readStrList, str, updateAttrs } from "./nix-values.js";
import { mkOption } from "./option-decls.js";
import { wrapType } from "./option-type.js";
import { checkFormals } from "./ns-types.js";
import { escapeNixIdentifier, showDefs, showFiles, showOption } from "./show.js";

const MK_OPTION_ARGS = new Set([
  "default",
  "defaultText",
  "example",
  "description",
  "relatedPackages",
  "type",
  "apply",
  "internal",
  "visible",
  "readOnly",
]);

function literal(kind: string): Lazy {
  return prim(kind, 1, ([t]) => {
    if (!isString(force(t!))) throw nixThrow(`${kind} expects a string.`);
    return attrs({ _type: kind, text: t! });
  });
}

/** lib.attrsets.showAttrPath */
export function showAttrPath(path: readonly string[]): string {
  return path.length === 0 ? "<root attribute path>" : path.map(escapeNixIdentifier).join(".");
}

function toList(l: Lazy): Lazy[] {
  const v = force(l);
  return Array.isArray(v) ? v : [l];
}

function mkPackageOption(ms: ModuleSystem, pkgs: Lazy, nameL: Lazy, a: NixAttrs): NixAttrs {
  checkFormals("mkPackageOption", a, new Set(["nullable", "default", "example", "extraDescription", "pkgsText"]));
  const nameV = force(nameL);
  const name = Array.isArray(nameV) ? str(nameV[nameV.length - 1]!) : str(nameV);
  const nullable = force(attrOr(a, "nullable", false)) === true;
  const dflt = attrOr(a, "default", nameL);
  const pkgsText = str(attrOr(a, "pkgsText", "pkgs"));
  const extra = str(attrOr(a, "extraDescription", ""));
  const fields: Record<string, Lazy> = {};
  if (force(dflt) !== null) {
    const path = toList(dflt).map((x) => str(x));
    const text = showAttrPath(path);
    fields.default = lazy(() => {
      let cur: Value = force(pkgs);
      for (const p of path) {
        const next = cur instanceof NixAttrs ? cur.get(p) : undefined;
        if (next === undefined) throw nixThrow(`${text} cannot be found in ${pkgsText}`);
        cur = force(next);
      }
      return cur;
    });
    fields.defaultText = attrs({ _type: "literalExpression", text: `${pkgsText}.${text}` });
  } else if (nullable) fields.default = null;
  fields.description = `The ${name} package to use.` + (extra === "" ? "" : " ") + extra;
  fields.type = nullable ? ms.types.nullOr(ms.types.package).facade() : ms.types.package.facade();
  const ex = force(attrOr(a, "example", null));
  if (ex !== null) {
    const text = Array.isArray(ex) ? `${pkgsText}.${showAttrPath(ex.map((x) => str(x)))}` : ex;
    fields.example = attrs({ _type: "literalExpression", text });
  }
  return mkOption(attrs(fields));
}

function sinkType(ms: ModuleSystem): Lazy {
  return lazy(() =>
    call(
      forceAttrs(attrOr(ms.lib(), "types", NixAttrs.empty)).get("mkOptionType")!,
      attrs({
        name: "sink",
        check: prim("check", 1, () => true),
        merge: prim("merge", 2, () => false),
      }),
    ),
  );
}

function mergeFns(): Record<string, Lazy> {
  const wrap =
    (f: (loc: readonly string[], defs: ReturnType<typeof defsFromNix>) => Lazy) =>
    ([l, d]: Lazy[]) =>
      force(f(readStrList(l!), defsFromNix(d!)));
  return {
    mergeDefaultOption: prim("mergeDefaultOption", 2, wrap(mergeDefaultOption)),
    mergeOneOption: prim("mergeOneOption", 2, wrap(mergeOneOption)),
    mergeEqualOption: prim("mergeEqualOption", 2, wrap(mergeEqualOption)),
    mergeUniqueOption: prim("mergeUniqueOption", 3, ([a, l, d]) => {
      const args = forceAttrs(a!);
      const m = args.get("merge");
      const merge =
        m === undefined
          ? null
          : (loc: readonly string[], defs: readonly Def[]) =>
              call(
                m,
                loc.slice(),
                defs.map((x) => attrs({ file: x.file, value: x.value })),
              );
      return force(mergeUniqueOption(str(attrOr(args, "message", "")), merge, readStrList(l!), defsFromNix(d!)));
    }),
    getValues: prim("getValues", 1, ([l]) => forceList(l!).map((x) => lazy(() => force(attrOr(forceAttrs(x), "value", null))))),
    getFiles: prim("getFiles", 1, ([l]) => forceList(l!).map((x) => lazy(() => force(attrOr(forceAttrs(x), "file", null))))),
  };
}

function scrubOptionValue(l: Lazy): Value {
  const x = force(l);
  if (x instanceof NixAttrs && x.isDerivation()) {
    const name = attrOr(x, "name", null);
    return attrs({ type: "derivation", drvPath: name, outPath: name, name });
  }
  if (Array.isArray(x)) return x.map((e) => lazy(() => scrubOptionValue(e)));
  if (x instanceof NixAttrs) {
    const m = new Map<string, Lazy>();
    for (const [k, v] of x.map)
      if (k !== "_args")
        m.set(
          k,
          lazy(() => scrubOptionValue(v)),
        );
    return new NixAttrs(m);
  }
  return x;
}

/** The `lib.options` set. */
export function optionsNamespace(ms: ModuleSystem): NixAttrs {
  return attrs({
    isOption: prim("isOption", 1, ([x]) => isTagged(x!, "option")),
    mkOption: prim("mkOption", 1, ([a]) => {
      const args = forceAttrs(a!);
      checkFormals("mkOption", args, MK_OPTION_ARGS);
      return mkOption(args);
    }),
    mkEnableOption: prim("mkEnableOption", 1, ([n]) =>
      mkOption(
        attrs({ default: false, example: true, description: lazy(() => `Whether to enable ${str(n!)}.`), type: ms.types.bool.facade() }),
      ),
    ),
    mkPackageOption: prim("mkPackageOption", 3, ([p, n, a]) => mkPackageOption(ms, p!, n!, forceAttrs(a!))),
    mkSinkUndeclaredOptions: prim("mkSinkUndeclaredOptions", 1, ([a]) =>
      mkOption(
        updateAttrs(
          attrs({
            internal: true,
            visible: false,
            default: false,
            description: "Sink for option definitions.",
            type: sinkType(ms),
            apply: prim("apply", 1, () => {
              throw nixThrow("Option value is not readable because the option is not declared.");
            }),
          }),
          forceAttrs(a!),
        ),
      ),
    ),
    ...mergeFns(),
    optionAttrSetToDocList: prim("optionAttrSetToDocList", 1, ([o]) => optionAttrSetToDocList(ms, o!)),
    "optionAttrSetToDocList'": prim("optionAttrSetToDocList'", 2, ([, o]) => optionAttrSetToDocList(ms, o!)),
    scrubOptionValue: prim("scrubOptionValue", 1, ([x]) => scrubOptionValue(x!)),
    renderOptionValue: prim("renderOptionValue", 1, ([x]) => renderOptionValue(ms, x!)),
    literalExpression: literal("literalExpression"),
    literalMD: literal("literalMD"),
    literalCode: prim("literalCode", 2, ([lang, t]) =>
      attrs({ _type: "literalMD", text: lazy(() => `\`\`\`${str(lang!)}\n${str(t!)}\n\`\`\`\n`) }),
    ),
    mdDoc: prim("mdDoc", 1, ([x]) => force(x!)),
    showOption: prim("showOption", 1, ([l]) => showOption(readStrList(l!))),
    showFiles: prim("showFiles", 1, ([l]) => showFiles(readStrList(l!))),
    showDefs: prim("showDefs", 1, ([d]) => showDefs(defsFromNix(d!))),
    showOptionWithDefLocs: prim("showOptionWithDefLocs", 1, ([o]) => {
      const opt = forceAttrs(o!);
      const files = readStrList(attrOr(opt, "files", []));
      return `${showOption(readStrList(attrOr(opt, "loc", [])))}, with values defined in:\n${files.map((f) => `  - ${f}`).join("\n")}\n`;
    }),
    unknownModule: UNKNOWN_MODULE,
  });
}

export { wrapType };
