/**
 * `lib.versions`: `splitVersion`, `compareVersions` (the builtins), the
 * component getters `major`, `minor`, `patch`, `majorMinor`, and `pad`,
 * which fills a version to `n` numeric components keeping its `-suffix`.
 */
import { attrs, fn, force, forceInt, forceList, strOf, type Lazy, type LibContext, type Value } from "./prim.js";

export function versions(ctx: LibContext): Value {
  const { B } = ctx;
  const component = (name: string, i: bigint) => fn(`lib.versions.${name}`, 1, ([v]) => B.call("elemAt", B.call("splitVersion", v!), i));
  return attrs({
    compareVersions: B.get("compareVersions"),
    splitVersion: B.get("splitVersion"),
    major: component("major", 0n),
    minor: component("minor", 1n),
    patch: component("patch", 2n),
    majorMinor: fn("lib.versions.majorMinor", 1, ([v]) =>
      forceList(B.call("splitVersion", v!))
        .slice(0, 2)
        .map((x) => strOf(force(x) as string))
        .join("."),
    ),
    pad: fn("lib.versions.pad", 2, ([n, v]) => {
      const count = Number(forceInt(n!));
      const version = strOf(force(v!) as string);
      const numeric = version.split("-")[0]!;
      const suffix = version.slice(numeric.length);
      const parts = (forceList(B.call("splitVersion", numeric)) as Lazy[]).map((x) => strOf(force(x) as string));
      for (let i = 0; i < count; i++) parts.push("0");
      return parts.slice(0, Math.max(count, 0)).join(".") + suffix;
    }),
  });
}
