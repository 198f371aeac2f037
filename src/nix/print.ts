/**
 * `nix-instantiate --eval` output: Nix's "ambiguous" printer. Attribute sets print
 * as `{ a = 1; }` with names unquoted and sorted, lists as `[ 1 2 ]`, unforced
 * thunks as `<CODE>`, functions as `<LAMBDA>`/`<PRIMOP>`/`<PRIMOP-APP>`, and a set
 * or list met again anywhere in the output as `«repeated»`. Printing is iterative, so
 * deep values cannot overflow the JS stack.
 */
import { formatFloat, printIdentifier, printLiteralString } from "./print-short.js";
import { Lambda, NixAttrs, NixPath, NixString, PrimOp, PrimOpApp, Thunk, type Lazy } from "./values.js";

/**
 * Print a value that has already been forced as far as wanted (`--strict`
 * forces it deeply first). Thunks still pending print as `<CODE>`.
 */
export function printAmbiguous(root: Lazy): string {
  const out: string[] = [];
  const seen = new Set<object>();
  // Work stack of items: a value to print, or a literal string to emit.
  const stack: (Lazy | { lit: string })[] = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item !== null && typeof item === "object" && "lit" in item && !(item instanceof NixAttrs)) {
      out.push((item as { lit: string }).lit);
      continue;
    }
    let v = item as Lazy;
    let key: object | null = null;
    if (v instanceof Thunk) {
      key = v;
      const w = v.peek();
      if (w === undefined) {
        out.push("<CODE>");
        continue;
      }
      v = w;
    }
    if (v === null) {
      out.push("null");
      continue;
    }
    switch (typeof v) {
      case "boolean":
        out.push(v ? "true" : "false");
        continue;
      case "bigint":
        out.push(v.toString());
        continue;
      case "number":
        out.push(formatFloat(v));
        continue;
      case "string":
        out.push(printLiteralString(v));
        continue;
    }
    if (v instanceof NixString) out.push(printLiteralString(v.s));
    else if (v instanceof NixPath) out.push(v.path);
    else if (Array.isArray(v)) {
      const k = key ?? v;
      if (v.length > 0 && seen.has(k)) {
        out.push("«repeated»");
        continue;
      }
      if (v.length > 0) seen.add(k);
      out.push("[ ");
      stack.push({ lit: "]" });
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ lit: " " });
        stack.push(v[i]!);
      }
    } else if (v instanceof NixAttrs) {
      if (v.size > 0 && seen.has(v)) {
        out.push("«repeated»");
        continue;
      }
      if (v.size > 0) seen.add(v);
      out.push("{ ");
      stack.push({ lit: "}" });
      const names = v.sortedNames();
      for (let i = names.length - 1; i >= 0; i--) {
        stack.push({ lit: "; " });
        stack.push(v.get(names[i]!)!);
        stack.push({ lit: `${printIdentifier(names[i]!)} = ` });
      }
    } else if (v instanceof Lambda) out.push("<LAMBDA>");
    else if (v instanceof PrimOp) out.push("<PRIMOP>");
    else if (v instanceof PrimOpApp) out.push("<PRIMOP-APP>");
  }
  return out.join("");
}
