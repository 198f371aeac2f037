/**
 * `lib.gvariant`: GVariant values for dconf settings, as nixpkgs builds them:
 * sets with `_type = "gvariant"`, a GVariant `type` string, the `value`, and a
 * `__toString` that renders GVariant text format (`@as ['a','b']`, `<…>`
 * variants, `just`/`nothing` maybes, tuples, dictionary entries, quoted and
 * escaped strings). `mkValue` infers the type of plain Nix values and refuses
 * integers (their GVariant width is ambiguous) with nixpkgs' message.
 * `__toString` reads `type`/`value` from the set it is called on, so `//`
 * overrides are honoured as in nixpkgs.
 */
import {
  attrs,
  fn,
  force,
  forceList,
  get,
  interpolate,
  lazy,
  NixAttrs,
  NixString,
  strOf,
  throwError,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

const TYPES: Record<string, string> = {
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
};

const INT_CONSTRUCTORS: [string, string, bigint | null, bigint | null][] = [
  ["mkInt32", "i", -2147483648n, 2147483647n],
  ["mkUint32", "u", 0n, 4294967295n],
  ["mkInt64", "x", null, null],
  ["mkUint64", "t", 0n, null],
  ["mkInt16", "n", -32768n, 32767n],
  ["mkUint16", "q", 0n, 65535n],
  ["mkUchar", "y", 0n, 255n],
];

type Render = (self: Lazy) => Value;

export function gvariant(ctx: LibContext): Value {
  const { B, st } = ctx;
  const toStr = (v: Lazy) => B.call("toString", v);
  const primitive = (type: Lazy, value: Lazy, render?: Render): NixAttrs =>
    attrs({
      _type: "gvariant",
      type,
      value,
      __toString: fn("lib.gvariant.toString", 1, ([self]) =>
        render
          ? render(self!)
          : interpolate(
              st,
              "@",
              get(self!, "type"),
              " ",
              lazy(() => toStr(get(self!, "value"))),
            ),
      ),
    });
  const typeOf = (v: Lazy) => get(v, "type");
  const joinValues = (self: Lazy) =>
    B.call(
      "concatStringsSep",
      ",",
      forceList(get(self, "value")).map((x) => lazy(() => toStr(x))),
    );

  const isGVariant = (v: Value) => v instanceof NixAttrs && v.has("_type") && strOf(force(v.get("_type")!) as string) === "gvariant";

  const mkString = (v: Lazy) =>
    primitive(TYPES.string!, v, (self) => {
      const s = B.call("replaceStrings", ["'", "\\"], ["\\'", "\\\\"], get(self, "value"));
      return interpolate(st, "'", B.call("replaceStrings", ["\n"], ["\\n"], s), "'");
    });
  const mkBoolean = (v: Lazy) => primitive(TYPES.boolean!, v, (self) => (force(get(self, "value")) === true ? "true" : "false"));
  const mkDouble = (v: Lazy) => primitive(TYPES.double!, v, (self) => toStr(get(self, "value")));

  const mkValue = (vL: Lazy): Value => {
    const v = force(vL);
    if (typeof v === "boolean") return mkBoolean(v);
    if (typeof v === "number") return mkDouble(v);
    if (typeof v === "string" || v instanceof NixString) return mkString(v);
    if (Array.isArray(v)) return mkArray(v);
    if (isGVariant(v)) return v;
    if (typeof v === "bigint") {
      const valid = INT_CONSTRUCTORS.filter(([, , min, max]) => (min === null || min <= v) && (max === null || v <= max));
      const lines = valid.map(([name, type]) => `- \`lib.gvariant.${name}\` for \`${type}\``).join("\n");
      throw throwError(
        `The GVariant type for number “${v}” is unclear.\nPlease wrap the value with one of the following, depending on the value type in GSettings schema:\n\n${lines}\n`,
      );
    }
    if (v instanceof NixAttrs) {
      throw throwError(
        "Cannot construct GVariant value from an attribute set. If you want to construct a dictionary, you will need to create an array containing items constructed with `lib.gvariant.mkDictionaryEntry`.",
      );
    }
    throw throwError(`The GVariant type of “${strOf(B.call("typeOf", v) as string)}” can't be inferred.`);
  };

  const mkArray = (elemsL: Lazy): Value => {
    const elems = forceList(elemsL);
    if (elems.length === 0) throw throwError("Please create empty array with mkEmptyArray.");
    const vs = elems.map((e) => lazy(() => mkValue(e)));
    const elemType = lazy(() => {
      const first = typeOf(vs[0]!);
      if (!vs.every((x) => strOf(force(typeOf(x)) as string) === strOf(force(first) as string))) {
        throw throwError("Elements in a list should have same type.");
      }
      return force(first);
    });
    return primitive(
      lazy(() => interpolate(st, "a", elemType)),
      vs,
      (self) => interpolate(st, "@", get(self, "type"), " [", joinValues(self), "]"),
    );
  };

  const mkMaybe = (elemType: Lazy, elem: Lazy) =>
    primitive(
      lazy(() => interpolate(st, "m", elemType)),
      elem,
      (self) =>
        force(get(self, "value")) === null
          ? interpolate(st, "@", get(self, "type"), " nothing")
          : interpolate(
              st,
              "just ",
              lazy(() => toStr(get(self, "value"))),
            ),
    );

  const simple = (name: string, type: string) => fn(`lib.gvariant.${name}`, 1, ([v]) => primitive(type, v!));

  return attrs({
    type: attrs({
      ...TYPES,
      arrayOf: fn("lib.gvariant.type.arrayOf", 1, ([t]) => interpolate(st, "a", t!)),
      maybeOf: fn("lib.gvariant.type.maybeOf", 1, ([t]) => interpolate(st, "m", t!)),
      tupleOf: fn("lib.gvariant.type.tupleOf", 1, ([ts]) => interpolate(st, "(", B.call("concatStringsSep", "", ts!), ")")),
      dictionaryEntryOf: fn("lib.gvariant.type.dictionaryEntryOf", 2, ([n, v]) => interpolate(st, "{", n!, v!, "}")),
    }),
    isGVariant: fn("lib.gvariant.isGVariant", 1, ([v]) => isGVariant(force(v!))),
    intConstructors: INT_CONSTRUCTORS.map(([name, type, min, max]) => attrs({ name, type, min, max })),
    mkValue: fn("lib.gvariant.mkValue", 1, ([v]) => mkValue(v!)),
    mkArray: fn("lib.gvariant.mkArray", 1, ([v]) => mkArray(v!)),
    mkEmptyArray: fn("lib.gvariant.mkEmptyArray", 1, ([t]) =>
      primitive(
        lazy(() => interpolate(st, "a", t!)),
        [],
        (self) => interpolate(st, "@", get(self, "type"), " []"),
      ),
    ),
    mkVariant: fn("lib.gvariant.mkVariant", 1, ([e]) =>
      primitive(
        "v",
        lazy(() => mkValue(e!)),
        (self) =>
          interpolate(
            st,
            "<",
            lazy(() => toStr(get(self, "value"))),
            ">",
          ),
      ),
    ),
    mkDictionaryEntry: fn("lib.gvariant.mkDictionaryEntry", 2, ([n, v]) => {
      const name = lazy(() => mkValue(n!));
      const value = lazy(() => mkValue(v!));
      const type = lazy(() => interpolate(st, "{", typeOf(name), typeOf(value), "}"));
      return primitive(type, attrs({ name: n!, value: v! }), (self) =>
        interpolate(st, "@", get(self, "type"), " {", name, ",", value, "}"),
      );
    }),
    mkMaybe: fn("lib.gvariant.mkMaybe", 2, ([t, e]) => mkMaybe(t!, e!)),
    mkNothing: fn("lib.gvariant.mkNothing", 1, ([t]) => mkMaybe(t!, null)),
    mkJust: fn("lib.gvariant.mkJust", 1, ([e]) => {
      const g = lazy(() => mkValue(e!));
      return mkMaybe(
        lazy(() => force(typeOf(g))),
        g,
      );
    }),
    mkTuple: fn("lib.gvariant.mkTuple", 1, ([es]) => {
      const vs = forceList(es!).map((e) => lazy(() => mkValue(e)));
      const type = lazy(() => interpolate(st, "(", B.call("concatStringsSep", "", vs.map(typeOf)), ")"));
      return primitive(type, vs, (self) => interpolate(st, "@", get(self, "type"), " (", joinValues(self), ")"));
    }),
    mkBoolean: fn("lib.gvariant.mkBoolean", 1, ([v]) => mkBoolean(v!)),
    mkString: fn("lib.gvariant.mkString", 1, ([v]) => mkString(v!)),
    mkObjectpath: fn("lib.gvariant.mkObjectpath", 1, ([v]) =>
      primitive(TYPES.string!, v!, (self) =>
        interpolate(st, "objectpath '", B.call("replaceStrings", ["'"], ["\\'"], get(self, "value")), "'"),
      ),
    ),
    mkUchar: simple("mkUchar", "y"),
    mkInt16: simple("mkInt16", "n"),
    mkUint16: simple("mkUint16", "q"),
    mkInt32: fn("lib.gvariant.mkInt32", 1, ([v]) => primitive("i", v!, (self) => toStr(get(self, "value")))),
    mkUint32: simple("mkUint32", "u"),
    mkInt64: simple("mkInt64", "x"),
    mkUint64: simple("mkUint64", "t"),
    mkDouble: fn("lib.gvariant.mkDouble", 1, ([v]) => mkDouble(v!)),
  });
}
