/**
 * `lib.hm.types`: Home Manager's option types — `dagOf`, `selectorFunction`,
 * `overlayFunction`, `fontType`, `gvariant`, `nushellValue`, `sourceFile`,
 * `sourceFileOrLines` and `SCFGDirectives`.
 *
 * They are built on the module system's Nix-visible type API
 * (`lib.mkOptionType`, `lib.types.*`, `lib.mkOption`), so they compose with
 * every other type exactly as Home Manager's do. Submodule functions that need
 * module arguments (`name`, `config`) are real Nix lambdas with formals (a
 * one-line adapter around a primop), because the module system reads
 * `builtins.functionArgs` to decide what to pass.
 */
import { NixError } from "../../nix/errors.js";
import { callFunction, eqValues, forceAttrs, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, isFunction, NixAttrs, type Lazy, type Value } from "../../nix/values.js";
import { isEntry, entryBetween } from "./dag.js";
import type { GVariantLib } from "./gvariant.js";
import { isGVariant } from "./gvariant.js";
import { apply, attrs, getAttr, lazy, LibRef, prim, StrBuf, textOf, update } from "./prim.js";

const P = "lib.hm.types.";

/** Wrap a one-argument primop in a Nix lambda `{ a, b, ... }@args: f args`. */
function withFormals(st: EvalState, names: string[], f: Lazy): Value {
  let perState = ADAPTERS.get(st);
  if (!perState) ADAPTERS.set(st, (perState = new Map()));
  const key = names.join(",");
  let adapter = perState.get(key);
  if (adapter === undefined) {
    adapter = st.evalString(`f: { ${names.join(", ")}, ... }@args: f args`, "«lib.hm.types adapter»");
    perState.set(key, adapter);
  }
  return callFunction(adapter, f);
}

const ADAPTERS = new WeakMap<EvalState, Map<string, Value>>();

class HmTypes {
  constructor(
    private readonly st: EvalState,
    private readonly lib: LibRef,
    private readonly gv: GVariantLib,
  ) {}

  private t(name: string): Value {
    return this.lib.at(`types.${name}`);
  }

  private option(fields: Record<string, Lazy>): Lazy {
    return lazy(() => this.lib.call("mkOption", attrs(fields)));
  }

  private description(elemType: Lazy, prefix: string): Lazy {
    return lazy(() => new StrBuf(this.st).text(prefix).interp(getAttr(elemType, "description")).value());
  }

  /** The submodule one DAG entry is merged through: `{ data; after; before; }`. */
  private dagEntryOf(elemType: Lazy): Value {
    const strList = lazy(() => this.lib.call("types.listOf", this.t("str")));
    const module = prim(P + "dagEntryModule", 1, ([args]) => {
      const name = getAttr(args!, "name");
      const isSub = lazy(() => eqValues(getAttr(elemType, "name"), "submodule"));
      const dataArgs = attrs({ _module: attrs({ args: attrs({ dagName: name }) }) });
      return attrs({
        options: attrs({
          data: this.option({ type: elemType }),
          after: this.option({ type: strList }),
          before: this.option({ type: strList }),
        }),
        config: lazy(() => this.lib.call("mkIf", isSub, attrs({ data: dataArgs }))),
      });
    });
    const submodule = lazy(() => this.lib.call("types.submodule", withFormals(this.st, ["name"], module)));
    const convert = (def: Lazy): Lazy =>
      lazy(() => {
        const d = forceAttrs(def);
        const value = getAttr(d, "value");
        if (isEntry(value)) return force(value);
        const prio = d.get("priority");
        const data = prio === undefined ? value : lazy(() => this.lib.call("mkOrder", prio, value));
        return entryBetween([], [], data);
      });
    const merge = prim(P + "dagEntryOf.merge", 2, ([loc, defs]) => {
      const converted = forceList(defs!).map((def) => attrs({ file: lazy(() => force(getAttr(def, "file"))), value: convert(def) }));
      return apply(getAttr(submodule, "merge"), loc!, converted);
    });
    return this.lib.call("mkOptionType", attrs({ name: "dagEntryOf", description: this.description(elemType, "DAG entry of "), merge }));
  }

  dagOf(elemType: Lazy): Value {
    const equivalent = lazy(() => this.lib.call("types.attrsOf", this.dagEntryOf(elemType)));
    return this.lib.call(
      "mkOptionType",
      attrs({
        name: "dagOf",
        description: this.description(elemType, "DAG of "),
        check: lazy(() => force(getAttr(equivalent, "check"))),
        merge: lazy(() => force(getAttr(equivalent, "merge"))),
        emptyValue: lazy(() => force(getAttr(equivalent, "emptyValue"))),
        getSubOptions: prim(P + "dagOf.getSubOptions", 1, ([prefix]) =>
          apply(getAttr(elemType, "getSubOptions"), forceList(prefix!).concat(["<name>"])),
        ),
        getSubModules: lazy(() => force(getAttr(elemType, "getSubModules"))),
        substSubModules: prim(P + "dagOf.substSubModules", 1, ([m]) =>
          this.dagOf(lazy(() => apply(getAttr(elemType, "substSubModules"), m!))),
        ),
        functor: lazy(() => update(forceAttrs(this.lib.call("defaultFunctor", "dagOf")), attrs({ wrapped: elemType }))),
        nestedTypes: attrs({ elemType }),
      }),
    );
  }

  selectorFunction(): Value {
    const merge = prim(P + "selectorFunction.merge", 3, ([, defs, as]) => {
      const out: Lazy[] = [];
      for (const d of forceList(defs!)) out.push(...forceList(apply(getAttr(d, "value"), as!)));
      return out;
    });
    return this.lib.call(
      "mkOptionType",
      attrs({
        name: "selectorFunction",
        description: "Function that takes an attribute set and returns a list containing a selection of the values of the input set",
        check: prim(P + "isFunction", 1, ([v]) => isCallable(force(v!))),
        merge,
      }),
    );
  }

  overlayFunction(): Value {
    const merge = prim(P + "overlayFunction.merge", 4, ([, defs, self, sup]) => {
      let res: NixAttrs = NixAttrs.empty;
      for (const d of forceList(defs!)) res = update(res, forceAttrs(apply(getAttr(d, "value"), self!, sup!)));
      return res;
    });
    return this.lib.call(
      "mkOptionType",
      attrs({
        name: "overlayFunction",
        description: "An overlay function, takes self and super and returns an attribute set overriding the desired attributes.",
        check: prim(P + "isFunction", 1, ([v]) => isCallable(force(v!))),
        merge,
      }),
    );
  }

  fontType(): Value {
    const nullOr = (t: string) => lazy(() => this.lib.call("types.nullOr", this.t(t)));
    return this.lib.call(
      "types.submodule",
      attrs({
        options: attrs({
          package: this.option({
            type: nullOr("package"),
            default: null,
            example: lazy(() => this.lib.call("literalExpression", "pkgs.dejavu_fonts")),
            description:
              "The package that provides the font; it is installed into the profile. With `null`, the font must already be available.",
          }),
          name: this.option({
            type: lazy(() => this.t("str")),
            example: "DejaVu Sans",
            description: "The font's family name as the package provides it.",
          }),
          size: this.option({ type: nullOr("number"), default: null, example: "8", description: "The font size." }),
        }),
      }),
    );
  }

  gvariant(self: () => Value): Value {
    const gv = this.gv;
    const check = prim(P + "gvariant.check", 1, ([v]) => gv.mkValue(v!) !== null);
    const merge = prim(P + "gvariant.merge", 2, ([loc, defs]) => this.mergeGVariant(self, check, loc!, forceList(defs!)));
    return this.lib.call("mkOptionType", attrs({ name: "gvariant", description: "GVariant value", check, merge }));
  }

  private mergeGVariant(self: () => Value, check: Lazy, loc: Lazy, defs: Lazy[]): Value {
    const vdefs = defs.map((d) => {
      const v = getAttr(d, "value");
      return update(forceAttrs(d), attrs({ value: lazy(() => (isGVariant(v) ? force(v) : this.gv.mkValue(v))) }));
    });
    const types = vdefs.map((d) => getAttr(getAttr(d, "value"), "type"));
    let shared: Lazy = types[0]!;
    for (const t of types) shared = eqValues(shared, t) ? t : null;
    const allChecked = vdefs.every((d) => force(apply(check, getAttr(d, "value"))) === true);
    if (force(shared) === null) {
      const files = this.lib.call("showFiles", this.lib.call("getFiles", defs));
      const b = new StrBuf(this.st).text("Cannot merge definitions of `").interp(this.lib.call("showOption", loc));
      throw new NixError("throw", textOfValue(b.text("' with mismatched GVariant types given in ").interp(files).text(".").value()));
    }
    const t = textOfValue(force(shared));
    const one = () => this.lib.call("mergeOneOption", loc, defs);
    if (allChecked && t.startsWith("a")) {
      const listDefs = vdefs.map((d) => update(d, attrs({ value: lazy(() => force(getAttr(getAttr(d, "value"), "value"))) })));
      const merged = apply(getAttr(this.lib.call("types.listOf", self()), "merge"), loc, listDefs);
      return update(forceAttrs(this.gv.mkValue(merged)), attrs({ type: shared }));
    }
    if (allChecked && (t.startsWith("(") || t.startsWith("m") || t.startsWith("{") || t === "v")) return one();
    if (allChecked && t === "s") return apply(getAttr(this.t("str"), "merge"), loc, defs);
    if (allChecked && t === "d") return apply(getAttr(this.t("float"), "merge"), loc, defs);
    return this.lib.call("mergeDefaultOption", loc, defs);
  }

  nushellValue(): Value {
    const rec = lazy(() => force(valueType));
    const named = (t: Value, description: string) => update(forceAttrs(t), attrs({ description, descriptionClass: "name" }));
    const valueType: Lazy = lazy(() => {
      const inline = this.lib.call(
        "mkOptionType",
        attrs({
          name: "nushell",
          description: "Nushell inline value",
          descriptionClass: "name",
          check: prim(P + "isNushellInline", 1, ([v]) => {
            const x = force(v!);
            return x instanceof NixAttrs && x.has("_type") && eqValues(x.get("_type")!, "nushell-inline");
          }),
        }),
      );
      const choices: Lazy[] = [
        inline,
        ...["bool", "int", "float", "str", "path"].map((n) => lazy(() => this.t(n))),
        lazy(() => named(this.lib.call("types.attrsOf", rec), "attribute set of Nushell values")),
        lazy(() => named(this.lib.call("types.listOf", rec), "list of Nushell values")),
      ];
      return this.lib.call("types.nullOr", this.lib.call("types.oneOf", choices));
    });
    return force(valueType);
  }

  sourceFile(targetDir: Lazy, fileName: Lazy): Value {
    const st = this.st;
    const targetFile = lazy(() => new StrBuf(st).interp(targetDir).text("/").interp(fileName).value());
    const module = prim(P + "sourceFileModule", 1, ([args]) => {
      const config = getAttr(args!, "config");
      const target = lazy(() => {
        const source = force(getAttr(config, "source"));
        const isDir = source !== null && force(this.lib.call("pathIsDirectory", source)) === true;
        return force(isDir ? targetDir : targetFile);
      });
      return attrs({
        options: attrs({
          target: this.option({ type: lazy(() => this.t("singleLineStr")), internal: true, readOnly: true }),
          source: this.option({
            type: lazy(() => this.lib.call("types.nullOr", this.t("path"))),
            default: null,
            description: lazy(() =>
              new StrBuf(st)
                .text("A file or directory to link: a directory goes to `")
                .interp(targetDir)
                .text("`, a file to `")
                .interp(targetFile)
                .text("`.\n")
                .value(),
            ),
          }),
          text: this.option({
            type: lazy(() => this.t("lines")),
            default: "",
            description: lazy(() => new StrBuf(st).text("Text written to `").interp(targetFile).text("`.\n").value()),
          }),
          recursive: lazy(() =>
            this.lib.call(
              "mkEnableOption",
              new StrBuf(st)
                .text("linking the files of {option}`source` one by one into `")
                .interp(targetDir)
                .text("` when it is a directory\n")
                .value(),
            ),
          ),
        }),
        config: attrs({ target }),
      });
    });
    return this.lib.call("types.submodule", withFormals(st, ["config"], module));
  }

  sourceFileOrLines(targetDir: Lazy, fileName: Lazy): Value {
    const fileType = lazy(() => this.sourceFile(targetDir, fileName));
    const lines = lazy(() => this.t("lines"));
    const union = forceAttrs(this.lib.call("types.either", lines, fileType));
    const merge = prim(P + "sourceFileOrLines.merge", 2, ([loc, defs]) => {
      const converted = forceList(defs!).map((def) =>
        lazy(() => {
          const value = getAttr(def, "value");
          if (force(apply(getAttr(lines, "check"), value)) !== true) return force(def);
          return attrs({ file: getAttr(def, "file"), value: attrs({ text: value, source: null, recursive: false }) });
        }),
      );
      return apply(getAttr(fileType, "merge"), loc!, converted);
    });
    return update(union, attrs({ merge }));
  }
}

function isCallable(v: Value): boolean {
  return isFunction(v) || (v instanceof NixAttrs && v.has("__functor"));
}

function textOfValue(v: Value): string {
  return textOf(v).s;
}

/** The `lib.hm.types` attribute set. */
export function hmTypesLib(st: EvalState, lib: LibRef, gv: GVariantLib): NixAttrs {
  const h = new HmTypes(st, lib, gv);
  const gvariantType: Lazy = lazy(() => h.gvariant(() => force(gvariantType)));
  return attrs({
    dagOf: prim(P + "dagOf", 1, ([t]) => h.dagOf(t!)),
    selectorFunction: lazy(() => h.selectorFunction()),
    overlayFunction: lazy(() => h.overlayFunction()),
    fontType: lazy(() => h.fontType()),
    gvariant: gvariantType,
    nushellValue: lazy(() => h.nushellValue()),
    sourceFile: prim(P + "sourceFile", 2, ([d, f]) => h.sourceFile(d!, f!)),
    sourceFileOrLines: prim(P + "sourceFileOrLines", 2, ([d, f]) => h.sourceFileOrLines(d!, f!)),
    SCFGDirectives: lazy(() => lib.at("types.anything")),
  });
}
