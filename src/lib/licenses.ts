/**
 * `lib.licenses`: every licence of licenses-data.ts as nixpkgs' `mkLicense`
 * builds it (`shortName`, `spdxId`, `fullName`, `url`, `free`,
 * `redistributable`, `deprecated`, `licenseType = "simple"`), the compound
 * operators `OR`, `AND`, `WITH`, `PLUS`, and the helpers `evaluateProperty`,
 * `evaluateNamedProperty`, `isFree`, `isRedistributable`, `containsLicenses`,
 * `toSPDX`.
 */
import { eqValues } from "../nix/ops.js";
import { LICENSES } from "./licenses-data.js";
import {
  attrs,
  call,
  fn,
  force,
  forceBool,
  forceList,
  get,
  NixAttrs,
  strOf,
  throwError,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

function license(
  key: string,
  [fullName, spdxId, url, flags, shortName]: readonly [string | null, string | null, string, string, string?],
): NixAttrs {
  const m = new Map<string, Lazy>();
  m.set("shortName", shortName ?? key);
  m.set("free", flags.includes("f"));
  m.set("deprecated", flags.includes("d"));
  m.set("redistributable", flags.includes("r"));
  m.set("licenseType", "simple");
  if (spdxId !== null) {
    m.set("spdxId", spdxId);
    m.set("url", url === "" ? `https://spdx.org/licenses/${spdxId}.html` : url);
  } else if (url !== "") m.set("url", url);
  if (fullName !== null) m.set("fullName", fullName);
  return new NixAttrs(m);
}

type Evaluate = (l: Lazy) => boolean;

function typeOf(l: Lazy): string {
  return strOf(force(get(l, "licenseType")) as string);
}

/** nixpkgs' handling of compound, exception and plus licences. */
function complex(sub: Evaluate, permissive: boolean, l: Lazy): boolean {
  const kind = typeOf(l);
  const any = (xs: Lazy[]) => xs.some(sub);
  const all = (xs: Lazy[]) => xs.every(sub);
  if (kind === "compound") {
    const op = strOf(force(get(l, "operator")) as string);
    const list = forceList(get(l, "licenses"));
    if (op === "OR") return permissive ? any(list) : all(list);
    if (op === "AND") return permissive ? all(list) : any(list);
    throw throwError("Unknown license operator");
  }
  if (kind === "exception") return sub(get(l, "license")) && sub(get(l, "exception"));
  if (kind === "plus") return sub(get(l, "license"));
  throw throwError("Unknown license type or legacy license");
}

function evaluateProperty(predicate: (l: Lazy) => boolean, permissive: boolean): Evaluate {
  const ev: Evaluate = (l) => (typeOf(l) === "simple" ? predicate(l) : complex(ev, permissive, l));
  return ev;
}

function toSPDX(ctx: LibContext, l: Lazy): string {
  const kind = typeOf(l);
  const bracket = (x: Lazy) => {
    const k = typeOf(x);
    return k === "compound" || k === "exception" ? `(${toSPDX(ctx, x)})` : toSPDX(ctx, x);
  };
  const op = () => strOf(force(get(l, "operator")) as string);
  if (kind === "simple") {
    const set = force(l) as NixAttrs;
    const id = set.get("spdxId");
    return id !== undefined ? strOf(force(id) as string) : `LicenseRef-nixos-${strOf(ctx.B.toStr(get(set, "shortName")))}`;
  }
  if (kind === "compound") return forceList(get(l, "licenses")).map(bracket).join(` ${op()} `);
  if (kind === "exception") return `${bracket(get(l, "license"))} ${op()} ${bracket(get(l, "exception"))}`;
  if (kind === "plus") return `${bracket(get(l, "license"))}${op()}`;
  throw throwError("Unknown license type");
}

export function licenses(ctx: LibContext): Value {
  const m = new Map<string, Lazy>();
  for (const [k, row] of Object.entries(LICENSES)) m.set(k, license(k, row));
  const named = (name: string, permissive: boolean) => evaluateProperty((l) => forceBool(get(l, name)), permissive);
  const ops = attrs({
    OR: fn("lib.licenses.OR", 1, ([l]) => attrs({ licenseType: "compound", operator: "OR", licenses: l! })),
    AND: fn("lib.licenses.AND", 1, ([l]) => attrs({ licenseType: "compound", operator: "AND", licenses: l! })),
    WITH: fn("lib.licenses.WITH", 2, ([l, e]) => attrs({ licenseType: "exception", operator: "WITH", license: l!, exception: e! })),
    PLUS: fn("lib.licenses.PLUS", 1, ([l]) => attrs({ licenseType: "plus", operator: "+", license: l! })),
    evaluateProperty: fn("lib.licenses.evaluateProperty", 3, ([p, perm, l]) =>
      evaluateProperty((x) => forceBool(call(p!, x)), forceBool(perm!))(l!),
    ),
    evaluateNamedProperty: fn("lib.licenses.evaluateNamedProperty", 3, ([n, perm, l]) => {
      const name = strOf(force(n!) as string);
      const ev: Evaluate = (x) => (typeOf(x) === "simple" ? (force(get(x, name)) as boolean) : complex(ev, forceBool(perm!), x));
      return ev(l!) as Value;
    }),
    isFree: fn("lib.licenses.isFree", 1, ([l]) => named("free", true)(l!)),
    isRedistributable: fn("lib.licenses.isRedistributable", 1, ([l]) => named("redistributable", true)(l!)),
    containsLicenses: fn("lib.licenses.containsLicenses", 2, ([ls, l]) => {
      const list = forceList(ls!);
      return evaluateProperty((x) => list.some((y) => eqValues(x, y)), false)(l!);
    }),
    toSPDX: fn("lib.licenses.toSPDX", 1, ([l]) => toSPDX(ctx, l!)),
  });
  for (const [k, v] of ops.map) m.set(k, v);
  return new NixAttrs(m);
}
