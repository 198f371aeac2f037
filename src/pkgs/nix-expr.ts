/**
 * Package references written as Nix expressions, for the Nix backend's one
 * batched call. A reference is written as the user reached it
 * (`s_…​.emacsPackages.magit`, `(s_….git.override { … })`), where `s_…` names
 * an imported nixpkgs tree with its configuration. Arguments are written as
 * Nix values: data as literals, paths as absolute paths (Nix copies them),
 * other packages as their own expressions (also inside strings, where a
 * package's out path appears), and functions by calling them with a symbolic
 * parameter and writing the result (`ps: [ ps.magit ]`). What cannot be
 * written (a function that inspects its argument, a builtin) is an error
 * that names the package.
 */
import { createHash } from "node:crypto";
import { NixError } from "../nix/errors.js";
import { callFunction } from "../nix/ops.js";
import { force, isFunction, Lambda, NixAttrs, NixPath, NixString, type Lazy, type Value } from "../nix/values.js";
import { closedLambdaText } from "./closed-lambda.js";
import type { Ref } from "./ref.js";
import { OUTPUT_NAMES } from "./stub-backend.js";

/** How the writer reaches what is not data. */
export interface ExprContext {
  /** The Nix name of a package set (`s_1a2b3c4d`). */
  setName(set: number): string;
  /** The reference a value stands for, if it is one of ours. */
  refOf(v: NixAttrs): Ref | undefined;
  /** A symbolic parameter value for a function argument. */
  param(n: number): NixAttrs;
  /** Known out paths → the expressions of their packages (for strings that embed them). */
  readonly outPaths: ReadonlyMap<string, string>;
}

export class ExprError extends Error {}

const IDENT = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
const KEYWORDS = new Set(["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or"]);

export function attrName(name: string): string {
  return IDENT.test(name) && !KEYWORDS.has(name) ? name : nixString(name);
}

/** A Nix string literal for `s`. */
export function nixString(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$\{/g, "\\${").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;
}

export class ExprWriter {
  private params = 0;

  constructor(private readonly ctx: ExprContext) {}

  ref(r: Ref): string {
    switch (r.kind) {
      case "root":
        return this.ctx.setName(r.set);
      case "param":
        return `p${r.n}`;
      case "select":
        // An output, as `lib.getOutput` reaches it: the package itself when it has no such output.
        if (OUTPUT_NAMES.has(r.name) && r.of.kind !== "root") {
          const of = this.ref(r.of);
          return `(${of}.${r.name} or ${of}.out or ${of})`;
        }
        return `${this.ref(r.of)}.${attrName(r.name)}`;
      case "apply":
        return `(${this.ref(r.of)} ${this.value(r.arg, 0)})`;
    }
  }

  value(l: Lazy, depth: number): string {
    if (depth > 200) throw new ExprError("the value is nested too deeply to pass to Nix");
    const v = force(l);
    return this.plain(v, depth);
  }

  private plain(v: Value, depth: number): string {
    if (v === null) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "bigint") return v < 0n ? `(${v})` : String(v);
    if (typeof v === "number") {
      const t = Number.isInteger(v) && Math.abs(v) < 1e21 ? `${v}.0` : String(v);
      return v < 0 ? `(${t})` : t;
    }
    if (typeof v === "string") return this.str(v);
    if (v instanceof NixString) return this.str(v.s);
    if (v instanceof NixPath) return `(/. + ${nixString(v.path)})`;
    if (Array.isArray(v)) return `[ ${v.map((x) => `(${this.value(x, depth + 1)})`).join(" ")} ]`;
    if (v instanceof NixAttrs) {
      const r = this.ctx.refOf(v);
      if (r !== undefined) return this.ref(r);
      if (v.isDerivation() && v.has("outPath")) {
        // A derivation we built natively (a private-store path): Nix copies it into its store.
        const out = force(v.get("outPath")!);
        const p = typeof out === "string" ? out : out instanceof NixString ? out.s : undefined;
        if (p !== undefined) return this.ctx.outPaths.get(p) ?? `(/. + ${nixString(p)})`;
      }
      const parts = v.sortedNames().map((k) => `${attrName(k)} = ${this.value(v.get(k)!, depth + 1)};`);
      return parts.length === 0 ? "{ }" : `{ ${parts.join(" ")} }`;
    }
    if (isFunction(v)) return this.func(v, depth);
    throw new ExprError(`a value of this kind cannot be passed to Nix`);
  }

  private str(s: string): string {
    if (this.ctx.outPaths.size === 0 || !s.includes("/")) return nixString(s);
    // Out paths of packages inside the string become interpolations, so Nix knows the dependency.
    let out = "";
    let rest = s;
    for (;;) {
      let best: { at: number; path: string } | undefined;
      for (const p of this.ctx.outPaths.keys()) {
        const at = rest.indexOf(p);
        if (at >= 0 && (best === undefined || at < best.at || (at === best.at && p.length > best.path.length))) best = { at, path: p };
      }
      if (best === undefined) break;
      out += nixString(rest.slice(0, best.at)).slice(1, -1) + "${" + this.ctx.outPaths.get(best.path)! + "}";
      rest = rest.slice(best.at + best.path.length);
    }
    return `"${out}${nixString(rest).slice(1, -1)}"`;
  }

  private func(f: Value, depth: number): string {
    const n = this.params++;
    try {
      const result = force(callFunction(f as Parameters<typeof callFunction>[0], this.ctx.param(n)));
      return isFunction(result) ? `(p${n}: ${this.func(result, depth + 1)})` : `(p${n}: ${this.plain(result, depth + 1)})`;
    } catch (e) {
      if (!(e instanceof NixError) && !(e instanceof ExprError)) throw e;
      const why = e.message.split("\n")[0];
      // A function that needs the real argument: handed over as its own text when it is closed.
      if (f instanceof Lambda) {
        const closed = closedLambdaText(f);
        if ("text" in closed) return `(${closed.text})`;
        throw new ExprError(
          `a function given to it uses its argument in a way only real Nix can evaluate (${why}), ` +
            `and it refers to ${closed.free.join(", ")} from around it, which cannot be passed to Nix; ` +
            `write it so that it only uses its arguments (e.g. \`old: { patches = (old.patches or [ ]) ++ [ ./fix.patch ]; }\`)`,
        );
      }
      throw new ExprError(
        `a function given to it uses its argument in a way only real Nix can evaluate (${why}); ` +
          `write the function so that it only selects packages from its argument (e.g. \`ps: [ ps.foo ]\`)`,
      );
    }
  }
}

/** A short stable name for a package set from what identifies it. */
export function setNameFor(identity: string): string {
  return `s_${createHash("sha256").update(identity).digest("hex").slice(0, 12)}`;
}
