/**
 * `lib.hm.generators`: DAG-ordered rendering of freeform settings (an
 * attribute whose value is a DAG entry with `after`/`before` is placed by
 * `hm.dag.topoSort`, plain siblings are unordered entries) for JSON, YAML,
 * TOML, INI and key-value formats, plus the format-specific text generators
 * of generators-text.ts.
 *
 * As in Home Manager, sets are only sorted when at least one value carries
 * ordering; otherwise attributes keep name order. DAG entries without
 * ordering are kept as values (not unwrapped). A cycle aborts with
 * `<cycleErrorMessage>: <toJSON of the topoSort result>`.
 */
import { NixError } from "../../nix/errors.js";
import { valueToJSON } from "../../nix/builtins/serial.js";
import { eqValues, forceAttrs, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, mkString, NixAttrs, NixPath, type Lazy, type Value } from "../../nix/values.js";
import { entryBetween, isEntry, topoSort } from "./dag.js";
import { textGenerators } from "./generators-text.js";
import { apply, attrs, formals, getAttr, lazy, LibRef, mapText, prim, str, StrBuf, textOf, update, opt } from "./prim.js";

const P = "lib.hm.generators.";
const DEFAULT_CYCLE = "Dependency cycle in DAG entries";
const EMPTY: Lazy[] = [];

interface Entry {
  readonly name: string;
  readonly value: Lazy;
}

/** A DAG entry with a non-empty `after` or `before`. */
export function isOrderedEntry(e: Lazy): boolean {
  if (!isEntry(e)) return false;
  return !eqValues(getAttr(e, "after"), EMPTY) || !eqValues(getAttr(e, "before"), EMPTY);
}

function hasOrdered(set: NixAttrs): boolean {
  return set.sortedNames().some((n) => isOrderedEntry(set.get(n)!));
}

function anywhere(v: Lazy): NixAttrs {
  return entryBetween(EMPTY, EMPTY, v);
}

export class DagGenerators {
  constructor(
    private readonly st: EvalState,
    private readonly lib: LibRef,
  ) {}

  /** `sortDAGEntries`: non-entries become unordered entries; a cycle aborts. */
  sortEntries(msg: Lazy, set: NixAttrs, wrap: (v: Lazy) => boolean = isEntry): Entry[] {
    const m = new Map<string, Lazy>();
    for (const [n, v] of set.map)
      m.set(
        n,
        lazy(() => (wrap(v) ? force(v) : anywhere(v))),
      );
    const sorted = forceAttrs(topoSort(new NixAttrs(m)));
    const result = sorted.get("result");
    if (result === undefined) {
      const b = new StrBuf(this.st)
        .interp(msg)
        .text(": ")
        .text(valueToJSON(this.st, sorted, new Set()));
      throw new NixError("abort", textOf(b.value()).s);
    }
    return forceList(result).map((e) => ({ name: str(getAttr(e, "name")), value: lazy(() => force(getAttr(e, "data"))) }));
  }

  /** `toDAGOrderedAttrs`: name/value pairs, topologically ordered when any entry has ordering. */
  orderedAttrs(msg: Lazy, set: NixAttrs): Entry[] {
    if (hasOrdered(set)) return this.sortEntries(msg, set, isOrderedEntry);
    return set.sortedNames().map((name) => ({ name, value: set.get(name)! }));
  }

  static entriesValue(es: Entry[]): Value {
    return es.map((e) => attrs({ name: e.name, value: e.value }));
  }

  /** `toDAGOrderedText { renderAttrs, renderList, renderValue, … } value`. */
  renderText(o: NixAttrs, msg: Lazy, value: Lazy): Value {
    const v = force(value);
    if (v instanceof NixPath || (v instanceof NixAttrs && v.isDerivation())) return apply(getAttr(o, "renderValue"), v);
    if (v instanceof NixAttrs) {
      const es = this.orderedAttrs(msg, v).map((e) => attrs({ name: e.name, value: lazy(() => this.renderText(o, msg, e.value)) }));
      return apply(getAttr(o, "renderAttrs"), es);
    }
    if (Array.isArray(v))
      return apply(
        getAttr(o, "renderList"),
        v.map((x) => lazy(() => this.renderText(o, msg, x))),
      );
    return apply(getAttr(o, "renderValue"), v);
  }

  /** JSON text with DAG-ordered object keys. */
  jsonText(msg: Lazy, value: Lazy): Value {
    const ctx = new Set<string>();
    const out: string[] = [];
    const go = (l: Lazy): void => {
      const v = force(l);
      if (v instanceof NixAttrs && !v.isDerivation()) {
        out.push("{");
        this.orderedAttrs(msg, v).forEach((e, i) => {
          out.push((i > 0 ? "," : "") + JSON.stringify(e.name) + ":");
          go(e.value);
        });
        out.push("}");
      } else if (Array.isArray(v)) {
        out.push("[");
        v.forEach((x, i) => {
          if (i > 0) out.push(",");
          go(x);
        });
        out.push("]");
      } else out.push(valueToJSON(this.st, v, ctx));
    };
    go(value);
    return mkString(out.join(""), ctx);
  }

  /** `toDAGOrderedKeyValue` with its options already read. */
  keyValue(o: KeyValueOptions, set: Lazy): Value {
    const b = new StrBuf(this.st);
    const line = (name: string, v: Lazy) =>
      b
        .interp(o.indent)
        .interp(apply(o.mkKeyValue, name, v))
        .text("\n");
    for (const e of this.orderedAttrs(o.cycleErrorMessage, forceAttrs(set))) {
      if (o.listsAsDuplicateKeys) {
        const v = force(e.value);
        for (const x of Array.isArray(v) ? v : [v]) line(e.name, x);
      } else {
        const v = force(e.value);
        line(e.name, o.listToValue !== null && Array.isArray(v) ? lazy(() => apply(o.listToValue!, v)) : v);
      }
    }
    return b.value();
  }

  /** `toDAGOrderedINI` with its options already read. */
  ini(o: KeyValueOptions & { mkSectionName: Lazy }, set: Lazy): Value {
    const b = new StrBuf(this.st);
    this.orderedAttrs(o.cycleErrorMessage, forceAttrs(set)).forEach((e, i) => {
      if (i > 0) b.text("\n");
      b.text("[").interp(apply(o.mkSectionName, e.name)).text("]\n");
      b.interp(this.keyValue({ ...o, indent: "" }, e.value));
    });
    return b.value();
  }

  /** Read the options of `toDAGOrderedKeyValue` / `toDAGOrderedINI`, checking their assertion. */
  keyValueOptions(a: NixAttrs, defaultMsg: string): KeyValueOptions {
    const dup = opt(a, "listsAsDuplicateKeys", false);
    const ltv = opt(a, "listToValue", null);
    const listsAsDuplicateKeys = force(dup) === true;
    const listToValue = force(ltv);
    if (listsAsDuplicateKeys && listToValue !== null) {
      throw new NixError("assert", "assertion '(listsAsDuplicateKeys -> (listToValue == null))' failed");
    }
    return {
      mkKeyValue: opt(
        a,
        "mkKeyValue",
        lazy(() => this.lib.call("generators.mkKeyValueDefault", NixAttrs.empty, "=")),
      ),
      listsAsDuplicateKeys,
      listToValue: listToValue === null ? null : ltv,
      indent: opt(a, "indent", ""),
      cycleErrorMessage: opt(a, "cycleErrorMessage", defaultMsg),
    };
  }
}

interface KeyValueOptions {
  mkKeyValue: Lazy;
  listsAsDuplicateKeys: boolean;
  listToValue: Lazy | null;
  indent: Lazy;
  cycleErrorMessage: Lazy;
}

/** `lib.escape [ "[" "]" ]`, the default INI section-name escaping. */
export const escapeSectionName = prim(P + "mkSectionName", 1, ([n]) => {
  return mapText(n!, (s) => s.replace(/[[\]]/g, (c) => "\\" + c));
});

/** The `lib.hm.generators` attribute set. */
export function generatorsLib(st: EvalState, lib: LibRef): NixAttrs {
  const g = new DagGenerators(st, lib);
  const msgOf = (a: NixAttrs, d = DEFAULT_CYCLE): Lazy => opt(a, "cycleErrorMessage", d);
  const opts = (l: Lazy, fname: string, names: string[]) => formals(l, fname, names);
  const KV = ["mkKeyValue?", "listsAsDuplicateKeys?", "listToValue?", "indent?", "cycleErrorMessage?"];
  const INI = ["mkSectionName?", "mkKeyValue?", "listsAsDuplicateKeys?", "listToValue?", "cycleErrorMessage?"];
  return attrs({
    isDAGEntryWithOrdering: prim(P + "isDAGEntryWithOrdering", 1, ([e]) => isOrderedEntry(e!)),
    hasDAGEntryWithOrdering: prim(P + "hasDAGEntryWithOrdering", 1, ([a]) => hasOrdered(forceAttrs(a!))),
    sortDAGEntries: prim(P + "sortDAGEntries", 2, ([o, a]) =>
      DagGenerators.entriesValue(g.sortEntries(msgOf(opts(o!, "sortDAGEntries'", ["cycleErrorMessage?"])), forceAttrs(a!))),
    ),
    toDAGOrderedAttrs: prim(P + "toDAGOrderedAttrs", 2, ([o, a]) =>
      DagGenerators.entriesValue(g.orderedAttrs(msgOf(opts(o!, "toDAGOrderedAttrs'", ["cycleErrorMessage?"])), forceAttrs(a!))),
    ),
    toDAGOrderedText: prim(P + "toDAGOrderedText", 2, ([o, v]) => {
      const a = opts(o!, "toDAGOrderedText'", ["renderAttrs", "renderList", "renderValue", "cycleErrorMessage?"]);
      return g.renderText(a, msgOf(a), v!);
    }),
    toDAGOrderedKeyValue: prim(P + "toDAGOrderedKeyValue", 1, ([o]) => {
      const kv = g.keyValueOptions(opts(o!, "toDAGOrderedKeyValue'", KV), DEFAULT_CYCLE);
      return prim(P + "toDAGOrderedKeyValue", 1, ([a]) => g.keyValue(kv, a!));
    }),
    toDAGOrderedINI: prim(P + "toDAGOrderedINI", 1, ([o]) => {
      const a = opts(o!, "toDAGOrderedINI'", INI);
      const kv = g.keyValueOptions(a, "Dependency cycle in INI sections");
      const mkSectionName = opt(a, "mkSectionName", escapeSectionName);
      return prim(P + "toDAGOrderedINI", 1, ([s]) => g.ini({ ...kv, mkSectionName }, s!));
    }),
    ...formatGenerators(st, g),
    ...textGenerators(st, lib),
  });
}

/** The `mkDAGOrdered*Format` wrappers around `pkgs.formats.*`. */
function formatGenerators(st: EvalState, g: DagGenerators): Record<string, Lazy> {
  /** `format // { generate = name: value: pkgs.runCommandLocal name { … } buildCommand; }`. */
  const wrap = (a: NixAttrs, format: Lazy, render: (msg: Lazy, v: Lazy) => Value, inputs: Lazy, build: Lazy): Value => {
    const pkgs = getAttr(a, "pkgs");
    const msg = opt(a, "cycleErrorMessage", null);
    const generate = prim(P + "generate", 2, ([name, value]) => {
      const m = lazy(() => (force(msg) === null ? new StrBuf(st).text("Dependency cycle in ").interp(name!).value() : force(msg)));
      const drvArgs = attrs({ nativeBuildInputs: inputs, value: lazy(() => render(m, value!)), passAsFile: ["value"] });
      return apply(getAttr(pkgs, "runCommandLocal"), name!, drvArgs, build);
    });
    return update(forceAttrs(format), attrs({ generate }));
  };
  const pkgAttr = (a: NixAttrs, path: string[]) =>
    lazy(() => {
      let v: Lazy = getAttr(a, "pkgs");
      for (const p of path) v = getAttr(v, p);
      return force(v);
    });
  const fmt = (a: NixAttrs, key: string, kind: string, args: Lazy = NixAttrs.empty) =>
    opt(
      a,
      key,
      lazy(() => apply(pkgAttr(a, ["formats", kind]), args)),
    );
  const json = (msg: Lazy, v: Lazy) => g.jsonText(msg, v);
  return {
    mkDAGOrderedFormat: prim(P + "mkDAGOrderedFormat", 1, ([o]) => {
      const a = formals(o!, "mkDAGOrderedFormat'", [
        "pkgs",
        "format",
        "generator",
        "nativeBuildInputs?",
        "buildCommand?",
        "cycleErrorMessage?",
      ]);
      const render = (msg: Lazy, v: Lazy) => apply(getAttr(a, "generator"), attrs({ cycleErrorMessage: msg }), v);
      return wrap(a, getAttr(a, "format"), render, opt(a, "nativeBuildInputs", EMPTY), opt(a, "buildCommand", 'cp "$valuePath" "$out"\n'));
    }),
    mkDAGOrderedJsonFormat: prim(P + "mkDAGOrderedJsonFormat", 1, ([o]) => {
      const a = formals(o!, "mkDAGOrderedJsonFormat", ["pkgs", "jsonFormat?", "cycleErrorMessage?"]);
      return wrap(
        a,
        fmt(a, "jsonFormat", "json"),
        json,
        lazy(() => [pkgAttr(a, ["buildPackages", "jq"])]),
        'jq . "$valuePath" > "$out"\n',
      );
    }),
    mkDAGOrderedYamlFormat: prim(P + "mkDAGOrderedYamlFormat", 1, ([o]) => {
      const a = formals(o!, "mkDAGOrderedYamlFormat", ["pkgs", "yamlFormat?", "cycleErrorMessage?"]);
      const inputs = lazy(() => [pkgAttr(a, ["buildPackages", "remarshal"])]);
      return wrap(a, fmt(a, "yamlFormat", "yaml"), json, inputs, 'json2yaml "$valuePath" "$out"\n');
    }),
    mkDAGOrderedTomlFormat: prim(P + "mkDAGOrderedTomlFormat", 1, ([o]) => {
      const a = formals(o!, "mkDAGOrderedTomlFormat", ["pkgs", "tomlFormat?", "cycleErrorMessage?"]);
      const inputs = lazy(() => [pkgAttr(a, ["buildPackages", "remarshal"])]);
      return wrap(a, fmt(a, "tomlFormat", "toml"), json, inputs, 'json2toml "$valuePath" "$out"\n');
    }),
    mkDAGOrderedIniFormat: prim(P + "mkDAGOrderedIniFormat", 1, ([o]) => {
      const names = [
        "pkgs",
        "mkSectionName?",
        "mkKeyValue?",
        "listsAsDuplicateKeys?",
        "listToValue?",
        "atomsCoercedToLists?",
        "iniFormat?",
        "cycleErrorMessage?",
      ];
      const a = formals(o!, "mkDAGOrderedIniFormat", names);
      const kv = g.keyValueOptions(a, "");
      const fmtArgs = attrs({
        atomsCoercedToLists: opt(a, "atomsCoercedToLists", null),
        listsAsDuplicateKeys: kv.listsAsDuplicateKeys,
        listToValue: kv.listToValue ?? null,
      });
      const mkSectionName = opt(a, "mkSectionName", escapeSectionName);
      const render = (msg: Lazy, v: Lazy) => g.ini({ ...kv, indent: "", cycleErrorMessage: msg, mkSectionName }, v);
      return wrap(a, fmt(a, "iniFormat", "ini", fmtArgs), render, EMPTY, 'cp "$valuePath" "$out"\n');
    }),
    mkDAGOrderedKeyValueFormat: prim(P + "mkDAGOrderedKeyValueFormat", 1, ([o]) => {
      const names = ["pkgs", "mkKeyValue?", "listsAsDuplicateKeys?", "listToValue?", "keyValueFormat?", "cycleErrorMessage?"];
      const a = formals(o!, "mkDAGOrderedKeyValueFormat", names);
      const kv = g.keyValueOptions(a, "");
      const fmtArgs = attrs({ listsAsDuplicateKeys: kv.listsAsDuplicateKeys, listToValue: kv.listToValue ?? null });
      const render = (msg: Lazy, v: Lazy) => g.keyValue({ ...kv, indent: "", cycleErrorMessage: msg }, v);
      return wrap(a, fmt(a, "keyValueFormat", "keyValue", fmtArgs), render, EMPTY, 'cp "$valuePath" "$out"\n');
    }),
  };
}
