/**
 * The ATerm text format of .drv files: writing Nix's escaped strings and
 * reading a `Derive(...)` term back into a `Derivation` (for input derivations
 * that were not produced in the current evaluation but exist on disk).
 */
import { NixError } from "../errors.js";
import type { Derivation, DerivationOutput } from "./store.js";

/** A quoted string with Nix's escapes (`"`, `\`, newline, CR, tab). */
export function atermString(s: string): string {
  let out = '"';
  for (const c of s) {
    if (c === '"' || c === "\\") out += "\\" + c;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else out += c;
  }
  return out + '"';
}

/** A quoted string without escaping (Nix prints paths, output names and the platform so). */
export function atermUnquoted(s: string): string {
  return '"' + s + '"';
}

/** `[a,b,…]` of already printed items. */
export function atermList(items: Iterable<string>): string {
  return "[" + [...items].join(",") + "]";
}

function formatError(message: string): NixError {
  return new NixError("eval", message);
}

/** A cursor over ATerm text. */
class Reader {
  private pos = 0;
  constructor(private readonly s: string) {}

  expect(lit: string): void {
    if (!this.s.startsWith(lit, this.pos)) throw formatError(`expected string '${lit}'`);
    this.pos += lit.length;
  }

  peek(lit: string): boolean {
    return this.s.startsWith(lit, this.pos);
  }

  string(): string {
    this.expect('"');
    let out = "";
    for (;;) {
      const c = this.s[this.pos++];
      if (c === undefined) throw formatError("unterminated string in derivation");
      if (c === '"') return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.s[this.pos++];
      out += e === "n" ? "\n" : e === "r" ? "\r" : e === "t" ? "\t" : (e ?? "");
    }
  }

  /** `[item,item,…]` */
  list<T>(item: () => T): T[] {
    const out: T[] = [];
    this.expect("[");
    while (!this.peek("]")) {
      if (out.length > 0) this.expect(",");
      out.push(item());
    }
    this.expect("]");
    return out;
  }

  atEnd(): boolean {
    return this.pos === this.s.length;
  }
}

function readOutput(r: Reader): [string, DerivationOutput] {
  r.expect("(");
  const name = r.string();
  r.expect(",");
  const path = r.string();
  r.expect(",");
  const hashAlgo = r.string();
  r.expect(",");
  const hash = r.string();
  r.expect(")");
  const out: DerivationOutput = {};
  if (path !== "") out.path = path;
  if (hashAlgo !== "") out.hashAlgo = hashAlgo;
  if (hash !== "") out.hash = hash;
  return [name, out];
}

function readInputDrv(r: Reader): [string, Set<string>] {
  r.expect("(");
  const path = r.string();
  r.expect(",");
  const outputs = r.list(() => r.string());
  r.expect(")");
  return [path, new Set(outputs)];
}

function readPair(r: Reader): [string, string] {
  r.expect("(");
  const k = r.string();
  r.expect(",");
  const v = r.string();
  r.expect(")");
  return [k, v];
}

/** Parse the contents of a .drv file; `name` is the derivation name (store path name without `.drv`). */
export function parseDerivation(text: string, name: string): Derivation {
  const r = new Reader(text);
  r.expect("Derive(");
  const outputs = new Map(r.list(() => readOutput(r)));
  r.expect(",");
  const inputDrvs = new Map(r.list(() => readInputDrv(r)));
  r.expect(",");
  const inputSrcs = new Set(r.list(() => r.string()));
  r.expect(",");
  const platform = r.string();
  r.expect(",");
  const builder = r.string();
  r.expect(",");
  const args = r.list(() => r.string());
  r.expect(",");
  const env = new Map(r.list(() => readPair(r)));
  r.expect(")");
  if (!r.atEnd()) throw formatError("trailing data after derivation");
  return { name, outputs, inputDrvs, inputSrcs, platform, builder, args, env };
}
