/**
 * `lib.fetchers`: `proxyImpureEnvVars`, and the hash-argument normalisers
 * `normalizeHash` (turn `hash`/`sha256`/… into `outputHash` and
 * `outputHashAlgo`, with nixpkgs' fake hashes for empty values) and
 * `withNormalizedHash` (wrap a fetcher taking `outputHash*` so it accepts
 * `hash` instead, keeping its `functionArgs` accurate).
 */
import { FAKE_HASHES } from "./misc.js";
import { functorSet, libFunctionArgs } from "./trivial.js";
import {
  assertError,
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceList,
  forceStringNoContext,
  get,
  lazy,
  NixAttrs,
  throwError,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

const PROXY_VARS = [
  "http_proxy",
  "https_proxy",
  "ftp_proxy",
  "all_proxy",
  "no_proxy",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "FTP_PROXY",
  "ALL_PROXY",
  "NO_PROXY",
  "NIX_SSL_CERT_FILE",
];

function hashNames(types: Lazy | undefined): string[] {
  return ["hash", ...(types === undefined ? ["sha256"] : forceList(types).map((x) => forceStringNoContext(x)))];
}

function normalize(names: string[], required: boolean, argsL: Lazy): Value {
  const args = forceAttrs(argsL);
  if (args.has("outputHash")) return args;
  const present = names.filter((n) => args.has(n)).sort();
  let h: string | null;
  if (present.length === 0) {
    if (required) throw throwError("fetcher called without `hash`");
    h = null;
  } else if (present.length !== 1) {
    throw throwError(`fetcher called with mutually-incompatible arguments: ${present.join(", ")}`);
  } else h = present[0]!;
  const m = new Map(args.map);
  for (const n of names) m.delete(n);
  if (h !== null) {
    const name = h;
    const value = args.get(name)!;
    m.set("outputHashAlgo", name === "hash" ? null : name);
    m.set(
      "outputHash",
      lazy(() => {
        const v = force(value);
        if (typeof v === "string" && v === "") {
          const fake = FAKE_HASHES[name];
          if (fake === undefined) throw throwError(`no “fake hash” defined for ${name}`);
          return fake;
        }
        return v;
      }),
    );
  }
  return new NixAttrs(m);
}

export function fetchers(ctx: LibContext): Value {
  return attrs({
    proxyImpureEnvVars: PROXY_VARS.slice(),
    normalizeHash: fn("lib.fetchers.normalizeHash", 2, ([o, a]) => {
      const opts = forceAttrs(o!);
      const req = opts.get("required");
      return normalize(hashNames(opts.get("hashTypes")), req === undefined || forceBool(req), a!);
    }),
    withNormalizedHash: fn("lib.fetchers.withNormalizedHash", 2, ([o, fetcher]) => {
      const names = hashNames(forceAttrs(o!).get("hashTypes"));
      const fArgs = forceAttrs(libFunctionArgs(ctx, fetcher!));
      if (!(fArgs.has("outputHash") && fArgs.has("outputHashAlgo")))
        throw assertError("((fArgs ? outputHash) && (fArgs ? outputHashAlgo))");
      if (names.some((n) => fArgs.has(n))) throw assertError("((intersectAttrs fArgs hashSet) == {  })");
      const required = !forceBool(get(fArgs, "outputHash"));
      const m = new Map(fArgs.map);
      m.delete("outputHash");
      m.delete("outputHashAlgo");
      m.set("hash", get(fArgs, "outputHash"));
      return functorSet(
        fn("lib.fetchers.withNormalizedHash.fetch", 1, ([args]) =>
          call(
            fetcher!,
            lazy(() => normalize(names, required, args!)),
          ),
        ),
        new NixAttrs(m),
      );
    }),
  });
}
