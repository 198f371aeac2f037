/**
 * `lib.debug`: tracing helpers (`traceIf`, `traceVal(Fn)`, `traceSeq(N)`,
 * `traceValSeq(N)(Fn)`, `traceFnSeqN`) over `builtins.trace`, and the test
 * runner `runTests` / `throwTestFailures` / `testAllTrue` that nixpkgs' own
 * lib tests use. `traceSeqN` prints with `toPretty`, eliding values below the
 * depth limit as `[…]` / `{…}`.
 */
import { eqValues } from "../nix/ops.js";
import { prettyValue } from "./generators/pretty.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceInt,
  forceList,
  get,
  lazy,
  NixAttrs,
  strOf,
  throwError,
  Thunk,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

const PRETTY_ALLOW = { allowPrettyValues: true, multiline: true, indent: "" };

/** Replace everything `depth` levels down by a pretty placeholder. */
function snipAt(depth: bigint, v: Lazy): Lazy {
  const x = force(v);
  if (depth === 0n) {
    if (Array.isArray(x)) return placeholder("[…]", x);
    if (x instanceof NixAttrs) return placeholder("{…}", x);
    return x;
  }
  if (Array.isArray(x)) return x.map((e) => Thunk.of(() => force(snipAt(depth - 1n, e))));
  if (x instanceof NixAttrs) {
    const m = new Map<string, Lazy>();
    for (const [k, e] of x.map)
      m.set(
        k,
        Thunk.of(() => force(snipAt(depth - 1n, e))),
      );
    return new NixAttrs(m);
  }
  return x;
}

function placeholder(text: string, v: Value): NixAttrs {
  return attrs({ __pretty: fn("lib.debug.traceSeqN.snip", 1, () => text), val: v });
}

export function debug(ctx: LibContext): Value {
  const { B } = ctx;
  const trace = (msg: Lazy, v: Lazy) => B.call("trace", msg, v);
  const deep = (v: Lazy) => B.call("deepSeq", v, v);
  const traceSeqN = (depth: Lazy, x: Lazy, y: Lazy) =>
    trace(
      lazy(() => prettyValue(ctx, snipAt(forceInt(depth), x), PRETTY_ALLOW)),
      y,
    );
  const traceValFn = (f: Lazy, x: Lazy) =>
    trace(
      lazy(() => call(f, x)),
      x,
    );
  const idFn = fn("id", 1, ([x]) => force(x!));
  return attrs({
    trace: B.get("trace"),
    addErrorContext: B.get("addErrorContext"),
    unsafeGetAttrPos: B.get("unsafeGetAttrPos"),
    traceIf: fn("lib.debug.traceIf", 3, ([p, m, x]) => (forceBool(p!) ? trace(m!, x!) : force(x!))),
    traceValFn: fn("lib.debug.traceValFn", 2, ([f, x]) => traceValFn(f!, x!)),
    traceVal: fn("lib.debug.traceVal", 1, ([x]) => traceValFn(idFn, x!)),
    traceSeq: fn("lib.debug.traceSeq", 2, ([x, y]) =>
      trace(
        lazy(() => deep(x!)),
        y!,
      ),
    ),
    traceSeqN: fn("lib.debug.traceSeqN", 3, ([d, x, y]) => traceSeqN(d!, x!, y!)),
    traceValSeqFn: fn("lib.debug.traceValSeqFn", 2, ([f, v]) =>
      traceValFn(
        f!,
        lazy(() => deep(v!)),
      ),
    ),
    traceValSeq: fn("lib.debug.traceValSeq", 1, ([v]) =>
      traceValFn(
        idFn,
        lazy(() => deep(v!)),
      ),
    ),
    traceValSeqNFn: fn("lib.debug.traceValSeqNFn", 3, ([f, d, v]) =>
      traceSeqN(
        d!,
        lazy(() => call(f!, v!)),
        v!,
      ),
    ),
    traceValSeqN: fn("lib.debug.traceValSeqN", 2, ([d, v]) => traceSeqN(d!, v!, v!)),
    traceFnSeqN: fn("lib.debug.traceFnSeqN", 4, ([d, name, f, v]) => {
      const res = lazy(() => call(f!, v!));
      return traceSeqN(
        lazy(() => forceInt(d!) + 1n),
        attrs({ fn: name!, from: v!, to: res }),
        res,
      );
    }),
    runTests: fn("lib.debug.runTests", 1, ([t]) => runTests(t!)),
    throwTestFailures: fn("lib.debug.throwTestFailures", 1, ([a]) => throwTestFailures(ctx, a!)),
    testAllTrue: fn("lib.debug.testAllTrue", 1, ([e]) => attrs({ expr: e!, expected: lazy(() => forceList(e!).map(() => true)) })),
  });
}

function runTests(testsL: Lazy): Value {
  const tests = forceAttrs(testsL);
  const out: Lazy[] = [];
  for (const name of tests.sortedNames()) {
    const t = tests.get(name)!;
    const toRun = tests.has("tests") ? forceList(tests.get("tests")!) : [];
    const listed = () => toRun.some((x) => eqValues(x, name));
    if (!(name.startsWith("test") || listed())) continue;
    if (!(toRun.length === 0 || forceList(get(tests, "tests")).some((x) => eqValues(x, name)))) continue;
    const test = forceAttrs(t);
    const expr = get(test, "expr");
    const expected = get(test, "expected");
    if (eqValues(expr, expected, undefined, true)) continue;
    out.push(attrs({ name, expected, result: expr }));
  }
  return out;
}

function throwTestFailures(ctx: LibContext, argsL: Lazy): Value {
  const args = forceAttrs(argsL);
  const failures = forceList(get(args, "failures"));
  const description = args.get("description") ?? "tests";
  if (failures.length === 0) return null;
  const pretty = (v: Lazy) => prettyValue(ctx, v, PRETTY_ALLOW);
  for (const f of failures) {
    const text = `FAIL ${pretty(get(f, "name"))}:\nExpected:\n${pretty(get(f, "expected"))}\n\nResult:\n${pretty(get(f, "result"))}\n`;
    ctx.B.call("trace", text, null);
  }
  const names = failures.map((f) => strOf(ctx.B.toStr(get(f, "name")))).join("\n- ");
  const json = strOf(ctx.B.call("toJSON", failures) as string);
  throw throwError(`${failures.length} ${strOf(ctx.B.toStr(description))} failed:\n- ${names}\n\n${json}`);
}
