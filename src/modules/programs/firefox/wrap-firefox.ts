/**
 * A native stand-in for nixpkgs' `wrapFirefox browser { … }`, for package
 * sets without Nix (the stub and host backends): the result is overridable
 * with the wrapper's arguments (`cfg`, `extraPolicies`, `pkcs11Modules`,
 * `nativeMessagingHosts`, `pname`, …, as Home Manager's browser modules
 * override it) and is the join of a launcher `bin/<binaryName>` (which
 * exports `MOZ_APP_LAUNCHER` and runs the browser), the enterprise policies
 * at `lib/<libName>/distribution/policies.json` (`DisableAppUpdate` plus
 * `extraPolicies`), `lib/mozilla/native-messaging-hosts` with the given
 * hosts, and the browser itself. It keeps `unwrapped`, `browserName` and the
 * browser's `meta` with `mainProgram` set to the launcher. Only `lib` and the
 * package set's trivial builders are used, so the package layer can offer it
 * as `pkgs.wrapFirefox`.
 */
import { callFunction } from "../../../nix/ops.js";
import { force, NixAttrs, PrimOp, type Lazy, type Value } from "../../../nix/values.js";
import { attrs, lazy, select } from "../../../module-system/nix-values.js";
import { toJs, toNix, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { libCall, nixToString } from "../../module-kit.js";

/** The arguments the wrapper takes (all optional), as its `__functionArgs` shows them. */
const WRAPPER_ARGS = [
  "pname",
  "nameSuffix",
  "cfg",
  "extraPolicies",
  "extraPrefs",
  "extraPrefsFiles",
  "extraPoliciesFiles",
  "pkcs11Modules",
  "nativeMessagingHosts",
  "nixExtensions",
  "icon",
  "wmClass",
  "desktopName",
];

function call(f: Lazy, ...args: unknown[]): Value {
  let v: Value = force(f);
  for (const a of args) v = force(callFunction(v, toNix(a)));
  return v;
}

function wrapped(lib: Lazy, pkgs: () => Lazy, browser: Lazy, args: AttrsView): Value {
  const b = toJs(browser) as AttrsView;
  const name = (libCall(lib, "getName", b) as string) || "firefox";
  const binaryName = "binaryName" in b ? nixToString(b.binaryName!) : name;
  const launcher = `${binaryName}${"nameSuffix" in args ? nixToString(args.nameSuffix!) : ""}`;
  const libName = "libName" in b ? nixToString(b.libName!) : "firefox";
  const browserName = "browserName" in b ? nixToString(b.browserName!) : binaryName;
  const pname = "pname" in args ? nixToString(args.pname!) : browserName;
  const version = "version" in b && b.version !== null ? `-${nixToString(b.version!)}` : "";
  const p = () => pkgs();
  const policies = { policies: { DisableAppUpdate: true, ...((args.extraPolicies as AttrsView | undefined) ?? {}) } };
  const json = libCall(lib, "generators.toJSON", {}, policies) as string;
  const script = `export MOZ_APP_LAUNCHER="${launcher}"\n` + `exec "${nixToString(b as JsValue)}/bin/${binaryName}" "$@"\n`;
  const launcherPkg = call(select(p(), "writeShellScriptBin"), launcher, script);
  const policiesPkg = call(select(p(), "writeTextDir"), `lib/${libName}/distribution/policies.json`, json);
  const hostsKeep = call(select(p(), "writeTextDir"), "lib/mozilla/native-messaging-hosts/.keep", "");
  const hosts = (args.nativeMessagingHosts as readonly JsValue[] | undefined) ?? [];
  const joined = call(select(p(), "symlinkJoin"), {
    name: `${pname}${version}`,
    paths: [launcherPkg, policiesPkg, hostsKeep, ...hosts, browser],
  }) as NixAttrs;
  const m = new Map(joined.map);
  m.set("unwrapped", browser);
  m.set("browserName", browserName);
  m.set(
    "meta",
    lazy(() => {
      const own = "meta" in b ? (force(select(browser, "meta")) as NixAttrs) : NixAttrs.empty;
      const mm = new Map(own.map);
      mm.set("mainProgram", launcher);
      return new NixAttrs(mm);
    }),
  );
  const self = new NixAttrs(m);
  m.set("out", self);
  return self;
}

/**
 * `wrapFirefox` as a Nix function (`browser: args: …`) over this evaluation's
 * `lib` and package set; a set with `__functor`, so that
 * `wrapFirefox.override { config = …; }` (Home Manager's path for state
 * versions before 19.09) works too, giving the same wrapper.
 */
export function makeWrapFirefox(lib: Lazy, pkgs: () => Lazy): NixAttrs {
  const wrap = new PrimOp("pkgs.wrapFirefox", 2, ([browser, wrapperArgs]) => {
    const inner = attrs({
      __functor: new PrimOp("wrapFirefox.wrapper", 2, ([, a]) => wrapped(lib, pkgs, browser!, toJs(a!) as AttrsView)),
      __functionArgs: attrs(Object.fromEntries(WRAPPER_ARGS.map((n) => [n, true]))),
    });
    const overridable = force(toNix(libCall(lib, "makeOverridable", inner)));
    return force(callFunction(overridable, wrapperArgs!));
  });
  const self: NixAttrs = attrs({
    __functor: new PrimOp("wrapFirefox.functor", 3, ([, browser, args]) => force(callFunction(force(callFunction(wrap, browser!)), args!))),
    override: new PrimOp("wrapFirefox.override", 1, () => self),
  });
  return self;
}
