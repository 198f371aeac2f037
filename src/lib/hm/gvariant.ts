/**
 * `lib.hm.gvariant`: GVariant values for dconf, as Home Manager builds and
 * prints them. A value is `{ _type = "gvariant"; type; value; __toString; }`;
 * `toString v` gives the GVariant text written to dconf INI files.
 *
 * Every `__toString` reads `self.type` and `self.value`, so a value updated
 * with `//` (as the `gvariant` option type does) prints its new fields. Type
 * strings of compound values are computed lazily from their elements.
 */
import { coerceToString } from "../../nix/coerce.js";
import { eqValues, forceAttrs, forceBool, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, NixAttrs, NixString, PrimOp, type Lazy, type Value } from "../../nix/values.js";
import { attrs, getAttr, lazy, mapText, prim, StrBuf, str } from "./prim.js";

const P = "lib.hm.gvariant.";

/** The one-letter type codes. */
const CODES = {
  string: "s",
  boolean: "b",
  uchar: "y",
  int16: "n",
  uint16: "q",
  int32: "i",
  uint32: "u",
  int64: "x",
  uint64: "t",
  double: "d",
  variant: "v",
} as const;

/** `v._type or "" == "gvariant"`. */
export function isGVariant(v: Lazy): boolean {
  const x = force(v);
  if (!(x instanceof NixAttrs)) return false;
  const t = x.get("_type");
  if (t === undefined) return false;
  return eqValues(t, "gvariant");
}

export class GVariantLib {
  private readonly toStr: Record<string, PrimOp>;

  constructor(private readonly st: EvalState) {
    const self = (l: Lazy) => forceAttrs(l);
    const field = (l: Lazy, n: string) => getAttr(self(l), n);
    const head = (b: StrBuf, l: Lazy) => b.text("@").interp(field(l, "type"));
    const joined = (b: StrBuf, l: Lazy) => {
      const items = forceList(field(l, "value"));
      items.forEach((x, i) => (i > 0 ? b.text(",").toStr(x) : b.toStr(x)));
      return b;
    };
    const ts = (name: string, fn: (b: StrBuf, l: Lazy) => StrBuf) =>
      prim(`${P}${name}.__toString`, 1, ([l]) => fn(new StrBuf(st), l!).value());
    this.toStr = {
      primitive: ts("primitive", (b, l) => head(b, l).text(" ").toStr(field(l, "value"))),
      maybe: ts("maybe", (b, l) => {
        const v = force(field(l, "value"));
        return v === null ? head(b, l).text(" nothing") : b.text("just ").toStr(v);
      }),
      array: ts("array", (b, l) => joined(head(b, l).text(" ["), l).text("]")),
      variant: ts("variant", (b, l) => head(b, l).text(" <").toStr(field(l, "value")).text(">")),
      dict: ts("dictionaryEntry", (b, l) => joined(head(b, l).text(" {"), l).text("}")),
      tuple: ts("tuple", (b, l) => joined(head(b, l).text(" ("), l).text(")")),
      boolean: ts("boolean", (b, l) => b.text(forceBool(field(l, "value")) ? "true" : "false")),
      string: ts("string", (b, l) =>
        b
          .text("'")
          .interp(mapText(field(l, "value"), sanitize))
          .text("'"),
      ),
      objectpath: ts("objectpath", (b, l) =>
        b
          .text("objectpath '")
          .interp(mapText(field(l, "value"), (s) => s.replace(/'/g, "\\'")))
          .text("'"),
      ),
      plain: ts("plain", (b, l) => b.toStr(field(l, "value"))),
    };
  }

  private make(type: Lazy, value: Lazy, kind: string): NixAttrs {
    return attrs({ _type: "gvariant", type, value, __toString: this.toStr[kind]! });
  }

  /** The GVariant type of a Nix value, or "" when there is none. */
  typeOf(v: Lazy): Lazy {
    const x = force(v);
    if (typeof x === "boolean") return CODES.boolean;
    if (typeof x === "bigint") return CODES.int32;
    if (typeof x === "number") return CODES.double;
    if (typeof x === "string" || x instanceof NixString) return CODES.string;
    if (Array.isArray(x)) {
      const e = this.elemTypeOf(x);
      const es = force(e);
      if (es === "") return "";
      return new StrBuf(this.st).text("a").interp(es).value();
    }
    if (x instanceof NixAttrs && x.has("type")) return force(x.get("type")!);
    return "";
  }

  private elemTypeOf(vs: Lazy[]): Lazy {
    return vs.length === 0 ? "" : this.typeOf(vs[0]!);
  }

  private arrayType(elemType: Lazy): Lazy {
    return lazy(() => new StrBuf(this.st).text("a").interp(elemType).value());
  }

  /** The closest GVariant value, or null. */
  mkValue(v: Lazy): Value {
    const x = force(v);
    if (typeof x === "boolean") return this.make(CODES.boolean, x, "boolean");
    if (typeof x === "bigint") return this.make(CODES.int32, x, "plain");
    if (typeof x === "number") return this.make(CODES.double, x, "plain");
    if (typeof x === "string" || x instanceof NixString) return this.make(CODES.string, x, "string");
    if (Array.isArray(x)) {
      if (x.length === 0) return this.mkArray(CODES.string, x);
      return this.mkArray(
        lazy(() => force(this.elemTypeOf(x))),
        x,
      );
    }
    if (x instanceof NixAttrs && isGVariant(x)) return x;
    return null;
  }

  mkArray(elemType: Lazy, elems: Lazy): NixAttrs {
    const value = lazy(() => forceList(elems).map((e) => lazy(() => this.mkValue(e))));
    return this.make(this.arrayType(elemType), value, "array");
  }

  private elemsOf(elems: Lazy): Lazy {
    return lazy(() => forceList(elems).map((e) => lazy(() => this.mkValue(e))));
  }

  private compoundType(open: string, close: string, gvarElems: Lazy): Lazy {
    return lazy(() => {
      const b = new StrBuf(this.st).text(open);
      for (const e of forceList(gvarElems)) b.interp(getAttr(e, "type"));
      return b.text(close).value();
    });
  }

  mkTuple(elems: Lazy): NixAttrs {
    const gv = this.elemsOf(elems);
    return this.make(this.compoundType("(", ")", gv), gv, "tuple");
  }

  mkDictionaryEntry(elems: Lazy): NixAttrs {
    const gv = this.elemsOf(elems);
    return this.make(this.compoundType("{", "}", gv), gv, "dict");
  }

  mkMaybe(elemType: Lazy, elem: Lazy): NixAttrs {
    return this.make(
      lazy(() => new StrBuf(this.st).text("m").interp(elemType).value()),
      elem,
      "maybe",
    );
  }

  mkJust(elem: Lazy): NixAttrs {
    const gv = lazy(() => this.mkValue(elem));
    return this.mkMaybe(
      lazy(() => force(getAttr(gv, "type"))),
      gv,
    );
  }

  /** The `type` attribute set: codes and the type constructors. */
  typeAttrs(): NixAttrs {
    const st = this.st;
    const wrap = (name: string, pre: string) => prim(`${P}type.${name}`, 1, ([t]) => new StrBuf(st).text(pre).interp(t!).value());
    const concat = (name: string, open: string, close: string) =>
      prim(`${P}type.${name}`, 1, ([ts]) => {
        const b = new StrBuf(st).text(open);
        for (const t of forceList(ts!)) b.interp(t);
        return b.text(close).value();
      });
    return attrs({
      ...CODES,
      arrayOf: wrap("arrayOf", "a"),
      maybeOf: wrap("maybeOf", "m"),
      tupleOf: concat("tupleOf", "(", ")"),
      dictionaryEntryOf: concat("dictionaryEntryOf", "{", "}"),
    });
  }

  /** The `lib.hm.gvariant` attribute set. */
  namespace(): NixAttrs {
    const prefixTest = (name: string, pre: string) =>
      prim(P + name, 1, ([s]) => {
        return str(s!).startsWith(pre);
      });
    const primitive = (name: string, code: string) => prim(P + name, 1, ([v]) => this.make(code, v!, "primitive"));
    return attrs({
      type: this.typeAttrs(),
      typeOf: prim(P + "typeOf", 1, ([v]) => force(this.typeOf(v!))),
      isGVariant: prim(P + "isGVariant", 1, ([v]) => isGVariant(v!)),
      isArray: prefixTest("isArray", "a"),
      isDictionaryEntry: prefixTest("isDictionaryEntry", "{"),
      isMaybe: prefixTest("isMaybe", "m"),
      isTuple: prefixTest("isTuple", "("),
      mkValue: prim(P + "mkValue", 1, ([v]) => this.mkValue(v!)),
      mkArray: prim(P + "mkArray", 2, ([t, es]) => this.mkArray(t!, es!)),
      mkEmptyArray: prim(P + "mkEmptyArray", 1, ([t]) => this.mkArray(t!, [])),
      mkVariant: prim(P + "mkVariant", 1, ([e]) =>
        this.make(
          CODES.variant,
          lazy(() => this.mkValue(e!)),
          "variant",
        ),
      ),
      mkDictionaryEntry: prim(P + "mkDictionaryEntry", 1, ([es]) => this.mkDictionaryEntry(es!)),
      mkNothing: prim(P + "mkNothing", 1, ([t]) => this.mkMaybe(t!, null)),
      mkJust: prim(P + "mkJust", 1, ([e]) => this.mkJust(e!)),
      mkTuple: prim(P + "mkTuple", 1, ([es]) => this.mkTuple(es!)),
      mkBoolean: prim(P + "mkBoolean", 1, ([v]) => this.make(CODES.boolean, v!, "boolean")),
      mkString: prim(P + "mkString", 1, ([v]) => this.make(CODES.string, v!, "string")),
      mkObjectpath: prim(P + "mkObjectpath", 1, ([v]) => this.make(CODES.string, v!, "objectpath")),
      mkUchar: primitive("mkUchar", CODES.uchar),
      mkInt16: primitive("mkInt16", CODES.int16),
      mkUint16: primitive("mkUint16", CODES.uint16),
      mkInt32: prim(P + "mkInt32", 1, ([v]) => this.make(CODES.int32, v!, "plain")),
      mkUint32: primitive("mkUint32", CODES.uint32),
      mkInt64: primitive("mkInt64", CODES.int64),
      mkUint64: primitive("mkUint64", CODES.uint64),
      mkDouble: prim(P + "mkDouble", 1, ([v]) => this.make(CODES.double, v!, "plain")),
    });
  }

  /** `toString (mkValue v)` for native callers (dconf INI writers). */
  render(v: Lazy): string {
    return coerceToString(this.st, this.mkValue(v), { coerceMore: true, copyToStore: true });
  }
}

/** `'` and `\` backslash-escaped, newlines as `\n`. */
function sanitize(s: string): string {
  return s.replace(/['\\]/g, (c) => "\\" + c).replace(/\n/g, "\\n");
}
