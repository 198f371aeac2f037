/**
 * `lib.hm.nushell`: Nushell values from Nix (`toNushell`), inline Nushell
 * expressions (`mkNushellInline`, `isNushellInline`), and `let` bindings.
 *
 * Scalars are printed as JSON; lists and records are laid out over several
 * lines (four-space indentation) unless `multiline = false`. Variable names
 * are validated with Home Manager's own regular expression, run through the
 * evaluator's `builtins.match` so that its POSIX bracket semantics (a range
 * hidden in the escaped character list) are reproduced exactly.
 */
import { valueToJSON } from "../../nix/builtins/serial.js";
import { coerceToString } from "../../nix/coerce.js";
import { NixError } from "../../nix/errors.js";
import { callFunction, eqValues, forceAttrs } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, mkString, NixAttrs, typeOf, type Lazy, type Value } from "../../nix/values.js";
import { attrs, formals, LibRef, prim, textOf, opt } from "./prim.js";

/** `^[$]?[^<escapeRegex ".[({+-*^/=!<>&|">]+$`, as Home Manager spells it. */
const VAR_NAME_REGEX = "^[$]?[^\\.\\[\\(\\{\\+-\\*\\^/=!<>&\\|]+$";

interface Opts {
  indent: string;
  multiline: boolean;
  asBindings: boolean;
}

class Nushell {
  readonly ctx = new Set<string>();
  constructor(
    private readonly st: EvalState,
    private readonly lib: LibRef,
  ) {}

  private isBadName(name: string): boolean {
    const match = force(this.st.builtins.get("match")!);
    return force(callFunction(callFunction(match, VAR_NAME_REGEX), name)) === null;
  }

  private json(v: Value): string {
    return valueToJSON(this.st, v, this.ctx);
  }

  render(o: Opts, l: Lazy): string {
    const inner: Opts = { indent: o.asBindings ? o.indent : o.indent + "    ", multiline: o.multiline, asBindings: false };
    const innerIndent = o.indent + "    ";
    const intro = o.multiline ? "\n" + innerIndent : " ";
    const outro = o.multiline ? "\n" + o.indent : " ";
    if (o.asBindings) return this.bindings(o, inner, forceAttrs(l));
    const v = force(l);
    if (v === null) return "null";
    const t = typeOf(v);
    if (t === "int" || t === "float" || t === "string" || t === "bool") return this.json(v);
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      return `[${intro}${v.map((x) => this.render(inner, x)).join(intro)}${outro}]`;
    }
    if (v instanceof NixAttrs) {
      if (isNushellInline(v)) {
        const e = v.get("expr");
        if (e === undefined) throw new NixError("eval", "attribute 'expr' missing");
        return `(${this.text(force(e))})`;
      }
      if (v.size === 0) return "{}";
      if (v.isDerivation()) return coerceToString(this.st, v, { coerceMore: true, context: this.ctx });
      const items = v.sortedNames().map((k) => `${this.json(k)}: ${this.render(inner, v.get(k)!)}`);
      return `{${intro}${items.join(intro)}${outro}}`;
    }
    throw new NixError("throw", `nushell.toNushell: type ${t} is unsupported`);
  }

  private text(v: Value): string {
    const { s, ctx } = textOf(v);
    if (ctx) for (const c of ctx) this.ctx.add(c);
    return s;
  }

  private bindings(o: Opts, inner: Opts, set: NixAttrs): string {
    const bad = set.sortedNames().filter((n) => this.isBadName(n));
    if (bad.length > 0) {
      const shown = textOf(this.lib.call("generators.toPretty", NixAttrs.empty, bad)).s;
      throw new NixError("throw", `Bad Nushell variable names: ${shown}`);
    }
    return set
      .sortedNames()
      .map((k) => `${o.indent}let ${k} = ${this.render(inner, set.get(k)!)}\n`)
      .join("");
  }
}

/** `lib.isType "nushell-inline"`: `_type` equals the tag. */
export function isNushellInline(v: Lazy): boolean {
  const x = force(v);
  if (!(x instanceof NixAttrs)) return false;
  const t = x.get("_type");
  return t !== undefined && eqValues(t, "nushell-inline");
}

/** The `lib.hm.nushell` attribute set. */
export function nushellLib(st: EvalState, lib: LibRef): NixAttrs {
  const P = "lib.hm.nushell.";
  return attrs({
    mkNushellInline: prim(P + "mkNushellInline", 1, ([e]) => attrs({ _type: "nushell-inline", expr: e! })),
    isNushellInline: prim(P + "isNushellInline", 1, ([v]) => isNushellInline(v!)),
    toNushell: prim(P + "toNushell", 2, ([a, v]) => {
      const o = formals(a!, "toNushell", ["indent?", "multiline?", "asBindings?"]);
      const n = new Nushell(st, lib);
      const opts: Opts = {
        indent: textOf(force(opt(o, "indent", ""))).s,
        multiline: force(opt(o, "multiline", true)) === true,
        asBindings: force(opt(o, "asBindings", false)) === true,
      };
      const out = n.render(opts, v!);
      return mkString(out, n.ctx);
    }),
  });
}
