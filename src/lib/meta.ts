/**
 * `lib.meta`: derivation metadata helpers (`addMetaAttrs`, `setName`,
 * `appendToName`, priorities `lowPrio`/`hiPrio`), platform matching
 * (`platformMatch`, `availableOn`), SPDX licence lookup over `lib.licenses`
 * (`licensesSpdx`, `getLicenseFromSpdxId(Or)`), and executables of packages
 * (`getExe`, `getExe'`, reading `meta.mainProgram` and the `bin` output).
 */
import { eqValues } from "../nix/ops.js";
import { isDerivationValue } from "./attrsets.js";
import { escapeNixIdentifier } from "./strings-escape.js";
import { getOutput } from "./strings.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  forceList,
  get,
  interpolate,
  lazy,
  NixAttrs,
  NixString,
  select,
  strOf,
  throwError,
  update,
  type Lazy,
  type LibContext,
  type Value,
} from "./prim.js";

function addMetaAttrs(newAttrs: Lazy, drvL: Lazy): Value {
  const drv = forceAttrs(drvL);
  const oa = drv.get("overrideAttrs");
  const merged = (old: Lazy) => {
    const o = force(old);
    const meta = o instanceof NixAttrs ? o.get("meta") : undefined;
    return update(forceAttrs(meta ?? NixAttrs.empty), forceAttrs(newAttrs));
  };
  if (oa !== undefined) {
    return call(
      oa,
      fn("lib.meta.addMetaAttrs.update", 1, ([old]) => attrs({ meta: lazy(() => merged(old!)) })),
    );
  }
  return update(drv, attrs({ meta: lazy(() => merged(drv)) }));
}

/** `lib.meta.platformMatch platform elem`. */
export function platformMatch(platformL: Lazy, elemL: Lazy, matchAttrs: (p: Lazy, a: Lazy) => boolean): boolean {
  const elem = force(elemL);
  if (typeof elem === "string" || elem instanceof NixString) {
    const p = force(platformL);
    return p instanceof NixAttrs && p.has("system") && eqValues(elem, p.get("system")!);
  }
  const pattern = elem instanceof NixAttrs && elem.has("parsed") ? elem : attrs({ parsed: elem });
  return matchAttrs(pattern, platformL);
}

function hasMetaAttr(pkg: Lazy, name: string): Lazy | undefined {
  const p = force(pkg);
  if (!(p instanceof NixAttrs)) return undefined;
  const meta = p.get("meta");
  if (meta === undefined) return undefined;
  const m = force(meta);
  return m instanceof NixAttrs ? m.get(name) : undefined;
}

const MAIN_PROGRAM_WARNING = (name: string) =>
  `getExe: Package ${name} does not have the meta.mainProgram attribute. We'll assume that the main program has the same name for now, but this behavior is deprecated, because it leads to surprising errors when the assumption does not hold. If the package has a main program, please set \`meta.mainProgram\` in its definition to make this warning go away. Otherwise, if the package does not have a main program, or if you don't control its definition, use getExe' to specify the name to the program, such as lib.getExe' foo "bar".`;

function getExePrime(ctx: LibContext, x: Lazy, y: Lazy): Value {
  const xv = force(x);
  const typeOf = (v: Lazy) => strOf(ctx.B.call("typeOf", v) as string);
  if (!isDerivationValue(xv)) {
    throw throwError(`lib.meta.getExe': The first argument is of type ${typeOf(xv)}, but it should be a derivation instead.`);
  }
  const yv = force(y);
  if (!(typeof yv === "string" || yv instanceof NixString)) {
    throw throwError(`lib.meta.getExe': The second argument is of type ${typeOf(yv)}, but it should be a string instead.`);
  }
  if (strOf(yv).includes("/")) {
    throw throwError(
      `lib.meta.getExe': The second argument "${strOf(yv)}" is a nested path with a "/" character, but it should just be the name of the executable instead.`,
    );
  }
  return interpolate(ctx.st, getOutput("bin", xv), "/bin/", yv);
}

export function meta(ctx: LibContext): Value {
  const { B } = ctx;
  const matchAttrs = (p: Lazy, a: Lazy) => forceBool(call(select(ctx.self(), "attrsets", "matchAttrs"), p, a));
  const setPrio = (prio: Lazy) => fn("lib.meta.setPrio.apply", 1, ([d]) => addMetaAttrs(attrs({ priority: prio }), d!));
  const mapDerivationAttrset = (f: Lazy, set: Lazy) => {
    const s = forceAttrs(set);
    const m = new Map<string, Lazy>();
    for (const [k, v] of s.map)
      m.set(
        k,
        lazy(() => (isDerivationValue(force(v)) ? call(f, v) : force(v))),
      );
    return new NixAttrs(m);
  };
  const licensesSpdx = lazy(() => {
    const lics = forceAttrs(select(ctx.self(), "licenses"));
    const m = new Map<string, Lazy>();
    for (const name of lics.sortedNames()) {
      const lic = lics.get(name)!;
      const lv = force(lic);
      if (!(lv instanceof NixAttrs && lv.has("spdxId"))) continue;
      const id = strOf(force(get(lic, "spdxId")) as string);
      if (!m.has(id)) m.set(id, lic);
    }
    return new NixAttrs(m);
  });
  const lowercase = lazy(() => {
    const m = new Map<string, Lazy>();
    const spdx = forceAttrs(licensesSpdx);
    for (const name of spdx.sortedNames()) {
      const k = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
      if (!m.has(k)) m.set(k, spdx.get(name)!);
    }
    return new NixAttrs(m);
  });
  const getLicenseFromSpdxIdOr = fn("lib.meta.getLicenseFromSpdxIdOr", 2, ([l, d]) => {
    const key = strOf(force(l!) as string).replace(/[A-Z]/g, (c) => c.toLowerCase());
    const hit = forceAttrs(lowercase).get(key);
    return hit === undefined ? force(d!) : force(hit);
  });
  return attrs({
    addMetaAttrs: fn("lib.meta.addMetaAttrs", 2, ([a, d]) => addMetaAttrs(a!, d!)),
    dontDistribute: fn("lib.meta.dontDistribute", 1, ([d]) => addMetaAttrs(attrs({ hydraPlatforms: [] }), d!)),
    setName: fn("lib.meta.setName", 2, ([n, d]) => update(forceAttrs(d!), attrs({ name: n! }))),
    updateName: fn("lib.meta.updateName", 2, ([u, d]) => update(forceAttrs(d!), attrs({ name: lazy(() => call(u!, get(d!, "name"))) }))),
    appendToName: fn("lib.meta.appendToName", 2, ([suffix, d]) =>
      update(
        forceAttrs(d!),
        attrs({
          name: lazy(() => {
            const x = forceAttrs(B.call("parseDrvName", get(d!, "name")));
            return interpolate(ctx.st, get(x, "name"), "-", suffix!, "-", get(x, "version"));
          }),
        }),
      ),
    ),
    mapDerivationAttrset: fn("lib.meta.mapDerivationAttrset", 2, ([f, s]) => mapDerivationAttrset(f!, s!)),
    defaultPriority: 5n,
    setPrio: fn("lib.meta.setPrio", 2, ([p, d]) => addMetaAttrs(attrs({ priority: p! }), d!)),
    lowPrio: setPrio(10n),
    lowPrioSet: fn("lib.meta.lowPrioSet", 1, ([s]) => mapDerivationAttrset(setPrio(10n), s!)),
    hiPrio: setPrio(-10n),
    hiPrioSet: fn("lib.meta.hiPrioSet", 1, ([s]) => mapDerivationAttrset(setPrio(-10n), s!)),
    platformMatch: fn("lib.meta.platformMatch", 2, ([p, e]) => platformMatch(p!, e!, matchAttrs)),
    availableOn: fn("lib.meta.availableOn", 2, ([p, pkg]) => {
      const platforms = hasMetaAttr(pkg!, "platforms");
      const bad = hasMetaAttr(pkg!, "badPlatforms");
      const any = (l: Lazy) => forceList(l).some((e) => platformMatch(p!, e, matchAttrs));
      return (platforms === undefined || any(platforms)) && (bad === undefined || !any(bad));
    }),
    licensesSpdx,
    getLicenseFromSpdxId: fn("lib.meta.getLicenseFromSpdxId", 1, ([l]) =>
      call(
        getLicenseFromSpdxIdOr,
        l!,
        lazy(() =>
          B.call(
            "warn",
            lazy(() => interpolate(ctx.st, "getLicenseFromSpdxId: No license with the given SPDX ID found: ", l!)),
            attrs({ shortName: l!, spdxId: l! }),
          ),
        ),
      ),
    ),
    getLicenseFromSpdxIdOr,
    getExe: fn("lib.meta.getExe", 1, ([x]) => {
      const main = hasMetaAttr(x!, "mainProgram");
      const y =
        main ??
        lazy(() => {
          const xs = forceAttrs(x!);
          const metaName = hasMetaAttr(xs, "name");
          const name = metaName ?? xs.get("pname") ?? get(xs, "name");
          B.call("warn", MAIN_PROGRAM_WARNING(escapeNixIdentifier(strOf(force(name) as string))), null);
          return call(select(ctx.self(), "getName"), xs);
        });
      return getExePrime(ctx, x!, y);
    }),
    "getExe'": fn("lib.meta.getExe'", 2, ([x, y]) => getExePrime(ctx, x!, y!)),
    cpeFullVersionWithVendor: fn("lib.meta.cpeFullVersionWithVendor", 2, ([vendor, version]) =>
      attrs({ vendor: vendor!, version: version!, update: "*" }),
    ),
  });
}
