/**
 * Whole-document generators of `lib.generators`: `toPlist` (Apple property
 * lists, tab-indented, optional XML escaping), `toDhall`, `toLua` (tables
 * with `["key"] = value` entries, `mkLuaInline` expressions, or top-level
 * bindings), `toJSON`/`toYAML` (JSON, which is valid YAML), and the dconf
 * INI flavour built on `lib.gvariant`.
 *
 * Output is byte-for-byte nixpkgs'; aborts and warnings use its wording.
 */
import { eqValues } from "../../nix/ops.js";
import { isDerivationValue } from "../attrsets.js";
import { isLibFunctionOneLevel } from "../trivial.js";
import {
  abortError,
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  interpolate,
  lazy,
  NixAttrs,
  NixPath,
  NixString,
  select,
  strOf,
  throwError,
  type Lazy,
  type LibContext,
  type Value,
} from "../prim.js";
import { formals, mkKeyValueDefault } from "./ini.js";
import { prettyDefault } from "./pretty.js";

function escapeXml(s: string): string {
  return s.replace(/["'<>&]/g, (c) => ({ '"': "&quot;", "'": "&apos;", "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c]!);
}

class Plist {
  readonly context = new Set<string>();
  constructor(
    readonly ctx: LibContext,
    readonly escape: boolean,
  ) {}

  private text(v: Value): string {
    if (v instanceof NixString) for (const c of v.context) this.context.add(c);
    const s = strOf(v as string);
    return this.escape ? escapeXml(s) : s;
  }

  expr(ind: string, l: Lazy): string {
    const x = force(l);
    if (x === null) return "";
    if (typeof x === "boolean") return ind + (x ? "<true/>" : "<false/>");
    if (typeof x === "bigint") return `${ind}<integer>${x}</integer>`;
    if (typeof x === "string" || x instanceof NixString) return `${ind}<string>${this.text(x)}</string>`;
    if (Array.isArray(x)) return [`${ind}<array>`, x.map((e) => this.expr(`\t${ind}`, e)).join("\n"), `${ind}</array>`].join("\n");
    if (x instanceof NixAttrs) {
      const items: string[] = [];
      for (const name of x.sortedNames()) {
        const value = x.get(name)!;
        if (name === "_module" || force(value) === null) continue;
        items.push(`\t${ind}<key>${this.text(name)}</key>`, this.expr(`\t${ind}`, value));
      }
      return [`${ind}<dict>`, items.join("\n"), `${ind}</dict>`].join("\n");
    }
    if (x instanceof NixPath) return `${ind}<string>${this.text(x.path)}</string>`;
    if (typeof x === "number") return `${ind}<real>${strOf(this.ctx.B.call("toString", x) as string)}</real>`;
    throw abortError("generators.toPlist: should never happen");
  }
}

function toPlist(ctx: LibContext, o: Lazy, v: Lazy): Value {
  const get = formals("toPlist", o, ["escape"]);
  const escL = get("escape");
  const escape = escL !== undefined && forceBool(escL);
  const doc = () => {
    const p = new Plist(ctx, escape);
    const body = p.expr("", v);
    const text =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<!DOCTYPE plist PUBLIC "-//Apple Computer//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
      '<plist version="1.0">\n' +
      body +
      "\n</plist>";
    return p.context.size > 0 ? new NixString(text, p.context) : text;
  };
  if (!escape) return ctx.B.call("warn", "Using `lib.generators.toPlist` without `escape = true` is deprecated", lazy(doc));
  return doc();
}

function toDhall(ctx: LibContext, v: Lazy): Value {
  const x = force(v);
  const { B } = ctx;
  if (x instanceof NixAttrs) {
    const items = x.sortedNames().map((k) => lazy(() => interpolate(ctx.st, k, " = ", toDhall(ctx, x.get(k)!))));
    return interpolate(ctx.st, "{ ", B.call("concatStringsSep", ", ", items), " }");
  }
  if (Array.isArray(x))
    return interpolate(
      ctx.st,
      "[ ",
      B.call(
        "concatStringsSep",
        ", ",
        x.map((e) => lazy(() => toDhall(ctx, e))),
      ),
      " ]",
    );
  if (typeof x === "bigint") return `${x < 0n ? "" : "+"}${x}`;
  if (typeof x === "boolean") return x ? "True" : "False";
  if (isLibFunctionOneLevel(x)) throw abortError("generators.toDhall: cannot convert a function to Dhall");
  if (x === null) throw abortError("generators.toDhall: cannot convert a null to Dhall");
  return B.call("toJSON", x);
}

interface LuaOptions {
  multiline: boolean;
  indent: Lazy;
  asBindings: boolean;
}

const LUA_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function toLua(ctx: LibContext, o: LuaOptions, v: Lazy): Value {
  const { B, st } = ctx;
  const indent = strOf(force(o.indent) as string);
  const innerIndent = `${indent}  `;
  const intro = o.multiline ? `\n${innerIndent}` : " ";
  const outro = o.multiline ? `\n${indent}` : " ";
  const inner: LuaOptions = { multiline: o.multiline, indent: o.asBindings ? o.indent : innerIndent, asBindings: false };
  const items = (xs: Lazy[]) => B.call("concatStringsSep", `,${intro}`, xs);
  const x = force(v);
  if (o.asBindings) {
    const set = forceAttrs(x);
    const bad = set.sortedNames().filter((n) => !LUA_NAME.test(n));
    if (bad.length > 0) throw throwError(`Bad Lua var names: ${prettyDefault(ctx, bad)}`);
    const lines = set.sortedNames().map((k) => lazy(() => interpolate(st, indent, k, " = ", toLua(ctx, inner, set.get(k)!), "\n")));
    return B.call("concatStringsSep", "", lines);
  }
  if (x === null) return "nil";
  if (typeof x === "bigint" || typeof x === "number" || typeof x === "boolean" || typeof x === "string" || x instanceof NixString) {
    return B.call("toJSON", x);
  }
  if (x instanceof NixPath || isDerivationValue(x)) return B.call("toJSON", interpolate(st, x));
  if (Array.isArray(x)) {
    if (x.length === 0) return "{}";
    return interpolate(st, "{", intro, items(x.map((e) => lazy(() => toLua(ctx, inner, e)))), outro, "}");
  }
  if (x instanceof NixAttrs) {
    const t = x.get("_type");
    if (t !== undefined && eqValues(t, "lua-inline")) return interpolate(st, "(", select(x, "expr"), ")");
    if (x.size === 0) return "{}";
    const entries = x.sortedNames().map((k) => lazy(() => interpolate(st, "[", B.call("toJSON", k), "] = ", toLua(ctx, inner, x.get(k)!))));
    return interpolate(st, "{", intro, items(entries), outro, "}");
  }
  throw abortError(`generators.toLua: type ${strOf(B.call("typeOf", x) as string)} is unsupported`);
}

function luaOptions(o: Lazy): LuaOptions {
  const get = formals("toLua", o, ["multiline", "indent", "asBindings"]);
  const b = (n: string, d: boolean) => {
    const x = get(n);
    return x === undefined ? d : forceBool(x);
  };
  return { multiline: b("multiline", true), indent: get("indent") ?? "", asBindings: b("asBindings", false) };
}

export function formatGenerators(ctx: LibContext): Record<string, Lazy> {
  const toJSON = fn("lib.generators.toJSON", 2, ([o, v]) => {
    formals("toJSON", o!, []);
    return ctx.B.call("toJSON", v!);
  });
  const mkDconfKeyValue = lazy(() =>
    mkKeyValueDefault(
      ctx,
      fn("lib.generators.mkDconfKeyValue.value", 1, ([v]) =>
        ctx.B.call(
          "toString",
          lazy(() => call(select(ctx.self(), "gvariant", "mkValue"), v!)),
        ),
      ),
      "=",
    ),
  );
  return {
    toPlist: fn("lib.generators.toPlist", 2, ([o, v]) => toPlist(ctx, o!, v!)),
    toDhall: fn("lib.generators.toDhall", 2, ([o, v]) => {
      formals("toDhall", o!, []);
      return toDhall(ctx, v!);
    }),
    toLua: fn("lib.generators.toLua", 2, ([o, v]) => toLua(ctx, luaOptions(o!), v!)),
    mkLuaInline: fn("lib.generators.mkLuaInline", 1, ([e]) => attrs({ _type: "lua-inline", expr: e! })),
    toJSON,
    toYAML: fn("lib.generators.toYAML", 2, ([o, v]) => {
      formals("toYAML", o!, []);
      return ctx.B.call("toJSON", v!);
    }),
    mkDconfKeyValue,
    toDconfINI: lazy(() => call(select(ctx.self(), "generators", "toINI"), attrs({ mkKeyValue: mkDconfKeyValue }))),
  };
}
