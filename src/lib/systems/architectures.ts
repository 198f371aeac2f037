/**
 * `lib.systems.architectures`, reduced to the generic x86-64 levels: their
 * CPU features (`features`), which levels run code built for which
 * (`inferiors`, `canExecute`), and the `…Support` predicates elaborated
 * platforms carry. Named micro-architectures (`skylake`, `znver3`, …) are not
 * tabulated: for them every predicate is false and `canExecute` needs the
 * two names to be equal.
 */
import { attrs, fn, force, strOf, type Lazy, type Value } from "../prim.js";

const SSE4 = ["sse3", "ssse3", "sse4_1", "sse4_2"];
export const FEATURES: Record<string, string[]> = {
  default: [],
  "x86-64": [],
  "x86-64-v2": SSE4,
  "x86-64-v3": [...SSE4, "avx", "avx2", "fma"],
  "x86-64-v4": [...SSE4, "avx", "avx2", "avx512", "fma"],
};

export const INFERIORS: Record<string, string[]> = {
  default: [],
  "x86-64": [],
  "x86-64-v2": ["x86-64"],
  "x86-64-v3": ["x86-64-v2", "x86-64"],
  "x86-64-v4": ["x86-64-v3", "x86-64-v2", "x86-64"],
};

export const FEATURE_PREDICATES: Record<string, string> = {
  sse3Support: "sse3",
  ssse3Support: "ssse3",
  sse4_1Support: "sse4_1",
  sse4_2Support: "sse4_2",
  sse4_aSupport: "sse4a",
  avxSupport: "avx",
  avx2Support: "avx2",
  avx512Support: "avx512",
  aesSupport: "aes",
  fmaSupport: "fma",
  fma4Support: "fma4",
  lsxSupport: "lsx",
  lasxSupport: "lasx",
};

export function featureSupport(feature: string, arch: string): boolean {
  return (FEATURES[arch] ?? []).includes(feature);
}

export function canExecuteArch(a: string, b: string): boolean {
  return a === b || (INFERIORS[a] ?? []).includes(b);
}

const strList = (xs: string[]): Lazy[] => xs.slice();

export function architecturesNamespace(): Value {
  const table = (t: Record<string, string[]>) => attrs(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, strList(v)])));
  const predicates: Record<string, Lazy> = {};
  for (const [name, feature] of Object.entries(FEATURE_PREDICATES)) {
    predicates[name] = fn(`lib.systems.architectures.predicates.${name}`, 1, ([x]) => featureSupport(feature, strOf(force(x!) as string)));
  }
  return attrs({
    features: table(FEATURES),
    inferiors: table(INFERIORS),
    hasInferior: fn("lib.systems.architectures.hasInferior", 2, ([a, b]) =>
      (INFERIORS[strOf(force(a!) as string)] ?? []).includes(strOf(force(b!) as string)),
    ),
    canExecute: fn("lib.systems.architectures.canExecute", 2, ([a, b]) =>
      canExecuteArch(strOf(force(a!) as string), strOf(force(b!) as string)),
    ),
    predicates: attrs(predicates),
  });
}
