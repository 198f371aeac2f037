/**
 * Home Manager's text generators for specific formats: `toHyprconf`
 * (Hyprland), `toKDL` (niri, zellij, …) and `toSCFG` (simple config format).
 *
 * Output is byte-for-byte Home Manager's. Each call collects the string
 * context of every value it prints into one set and attaches it to the result,
 * so store paths inside a configuration remain dependencies.
 */
import { coerceToString } from "../../nix/coerce.js";
import { NixError } from "../../nix/errors.js";
import { eqValues, forceAttrs, forceList } from "../../nix/ops.js";
import type { EvalState } from "../../nix/state.js";
import { force, mkString, NixAttrs, NixString, typeOf, type Lazy, type Value } from "../../nix/values.js";
import { attrs, formals, getAttr, LibRef, opt, prim } from "./prim.js";

/** Text pieces with the union of their contexts. */
class Ctx {
  readonly set = new Set<string>();
  constructor(private readonly st: EvalState) {}
  /** `toString v` (paths not copied). */
  toStr(v: Lazy): string {
    return coerceToString(this.st, v, { coerceMore: true, copyToStore: false, context: this.set });
  }
  /** A string value's characters, its context recorded. */
  text(v: Value): string {
    if (typeof v === "string") return v;
    if (v instanceof NixString) {
      for (const c of v.context) this.set.add(c);
      return v.s;
    }
    return coerceToString(this.st, v, { copyToStore: true, context: this.set });
  }
  result(s: string): Value {
    return mkString(s, this.set);
  }
}

function throwMsg(msg: string): never {
  throw new NixError("throw", msg);
}

/** Join lines, split on newlines, and prefix every line with a tab. */
function indentStrings(items: string[]): string {
  return items
    .join("\n")
    .split("\n")
    .map((x) => "\t" + x)
    .join("\n");
}

// ------------------------------------------------------------------ KDL

class KDL {
  private readonly escapes: Record<string, string>;
  constructor(
    private readonly c: Ctx,
    escapeBackslashes: boolean,
    escapeTabs: boolean,
  ) {
    this.escapes = { "\n": "\\n", '"': '\\"' };
    if (escapeBackslashes) this.escapes["\\"] = "\\\\";
    if (escapeTabs) this.escapes["\t"] = "\\t";
  }

  private literal(l: Lazy): string {
    const v = force(l);
    const t = typeOf(v);
    if (!["int", "float", "string", "bool", "null"].includes(t)) throwMsg(`Cannot convert value of type ${t} to KDL literal.`);
    if (v === null) return "null";
    if (typeof v === "boolean") return v ? "true" : "false";
    if (t === "string") return `"${this.c.text(v).replace(/[\n"\\\t]/g, (ch) => this.escapes[ch] ?? ch)}"`;
    return this.c.toStr(v);
  }

  private node(name: string, set: NixAttrs): string {
    const args = set.get("_args");
    const props = set.get("_props");
    const children = set.get("_children");
    const parts = [name];
    if (args !== undefined) for (const a of forceList(args)) parts.push(this.literal(a));
    if (props !== undefined) {
      const p = forceAttrs(props);
      for (const n of p.sortedNames()) parts.push(`${n}=${this.literal(p.get(n)!)}`);
    }
    const kids: string[] = [];
    if (children !== undefined) for (const child of forceList(children)) kids.push(...this.entries(forceAttrs(child)));
    for (const n of set.sortedNames()) if (n !== "_args" && n !== "_props" && n !== "_children") kids.push(this.attr(n, set.get(n)!));
    if (kids.length > 0) parts.push(`{\n${indentStrings(kids)}\n}`);
    return parts.join(" ");
  }

  entries(set: NixAttrs): string[] {
    return set.sortedNames().map((n) => this.attr(n, set.get(n)!));
  }

  private list(name: string, items: Lazy[]): string {
    const flat = !items.some((el) => {
      const t = typeOf(force(el));
      return t === "list" || t === "set";
    });
    if (flat) return `${name} ${items.map((x) => this.literal(x)).join(" ")}`;
    return `${name} {\n${indentStrings(items.map((x) => this.attr("-", x)))}\n}`;
  }

  attr(name: string, l: Lazy): string {
    const v = force(l);
    const t = typeOf(v);
    if (["int", "float", "bool", "null", "string"].includes(t)) return `${name} ${this.literal(v)}`;
    if (v instanceof NixAttrs) return this.node(name, v);
    if (Array.isArray(v)) {
      if (name === "_children") return v.map((child) => this.entries(forceAttrs(child)).join("\n")).join("\n");
      return this.list(name, v);
    }
    return throwMsg(`Cannot convert type \`(${t})\` to KDL:\n  ${name} = ${this.c.toStr(v)}\n`);
  }
}

function toKDL(st: EvalState, opts: Lazy, value: Lazy): Value {
  const o = formals(opts, "toKDL", ["escapeBackslashes?", "escapeTabs?"]);
  const flag = (n: string) => {
    const v = o.get(n);
    return v === undefined ? false : force(v) === true;
  };
  const c = new Ctx(st);
  const k = new KDL(c, flag("escapeBackslashes"), flag("escapeTabs"));
  return c.result(k.entries(forceAttrs(value)).join("\n") + "\n");
}

// ------------------------------------------------------------------ SCFG

const SCFG_RESERVED: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\r": "\\r", "\n": "\\n", "\t": "\\t" };
const SCFG_SPECIAL = /["\\\r\n\t '{}]/;

class SCFG {
  constructor(private readonly c: Ctx) {}

  private literal(l: Lazy): string {
    const v = force(l);
    const t = typeOf(v);
    if (!["int", "float", "string", "bool"].includes(t)) throwMsg(`Cannot convert value of type ${t} to SCFG literal.`);
    if (typeof v === "boolean") return v ? "true" : "false";
    if (t === "string") {
      const s = this.c.text(v);
      if (s === "" || SCFG_SPECIAL.test(s)) return `"${s.replace(/["\\\r\n\t]/g, (ch) => SCFG_RESERVED[ch]!)}"`;
      return s;
    }
    return this.c.toStr(v);
  }

  /** Directives with `params = [ null ]`-style empty bodies dropped, as Home Manager drops them. */
  private keep(d: Lazy): boolean {
    const a = forceAttrs(d);
    if (!a.has("params") && !a.has("children")) return true;
    const params = opt(a, "params", [null]);
    const children = opt(a, "children", []);
    return !(eqValues(params, [null]) && eqValues(children, []));
  }

  directives(list: Lazy): string[] {
    return forceList(list)
      .filter((d) => this.keep(d))
      .map((d) => {
        const a = forceAttrs(d);
        let out = this.literal(getAttr(a, "name"));
        const params = a.get("params");
        if (params !== undefined && force(params) !== null)
          out +=
            " " +
            forceList(params)
              .map((p) => this.literal(p))
              .join(" ");
        const children = a.get("children");
        if (children !== undefined && force(children) !== null) out += ` {\n${indentStrings(this.directives(children))}\n}`;
        return out;
      });
  }
}

function toSCFG(st: EvalState, directives: Lazy): Value {
  const list = forceList(directives);
  if (list.length === 0) return "";
  const c = new Ctx(st);
  return c.result(new SCFG(c).directives(list).join("\n") + "\n");
}

// ------------------------------------------------------------------ Hyprland

class Hyprconf {
  constructor(
    private readonly c: Ctx,
    private readonly lib: LibRef,
    private readonly important: string[],
  ) {}

  private fields(indent: string, set: Map<string, Lazy>): string {
    if (set.size === 0) return "";
    const opts = attrs({ listsAsDuplicateKeys: true, indent });
    return this.c.text(this.lib.call("generators.toKeyValue", opts, new NixAttrs(set)));
  }

  private section(indent: string, name: string, l: Lazy): string {
    const v = force(l);
    if (Array.isArray(v)) {
      const sep = v.every((x) => force(x) instanceof NixAttrs) ? "\n" : "";
      return v.map((x) => this.section(indent, name, x)).join(sep);
    }
    if (v instanceof NixAttrs) return `${indent}${name} {\n${this.render(`  ${indent}`, v)}${indent}}\n`;
    return this.render(indent, new NixAttrs(new Map([[name, v]])));
  }

  render(indent: string, set: NixAttrs): string {
    const importantFields = new Map<string, Lazy>();
    const sections: [string, Lazy][] = [];
    const fields = new Map<string, Lazy>();
    for (const n of set.sortedNames()) {
      const v = set.get(n)!;
      if (this.important.some((p) => n.startsWith(p))) {
        importantFields.set(n, v);
        continue;
      }
      const x = force(v);
      if (x instanceof NixAttrs || Array.isArray(x)) sections.push([n, v]);
      else fields.set(n, v);
    }
    return (
      this.fields(indent, importantFields) + sections.map(([n, v]) => this.section(indent, n, v)).join("\n") + this.fields(indent, fields)
    );
  }
}

export function textGenerators(st: EvalState, lib: LibRef): Record<string, Lazy> {
  const P = "lib.hm.generators.";
  return {
    toKDL: prim(P + "toKDL", 2, ([o, v]) => toKDL(st, o!, v!)),
    toSCFG: prim(P + "toSCFG", 2, ([, d]) => toSCFG(st, d!)),
    toHyprconf: prim(P + "toHyprconf", 1, ([a]) => {
      const o = formals(a!, "toHyprconf", ["attrs", "indentLevel?", "importantPrefixes?"]);
      const level = o.get("indentLevel");
      const indent = "  ".repeat(level === undefined ? 0 : Number(force(level)));
      const prefixes = o.get("importantPrefixes");
      const important = prefixes === undefined ? ["$"] : forceList(prefixes).map((p) => new Ctx(st).text(force(p)));
      const c = new Ctx(st);
      return c.result(new Hyprconf(c, lib, important).render(indent, forceAttrs(o.get("attrs")!)));
    }),
  };
}
