/**
 * `wrapFirefox browser { … }` done natively, for package sets without Nix
 * (the stub and host backends; Home Manager's browser modules and its test
 * suite call it). The result is made with `lib.makeOverridable` over the
 * wrapper's arguments (`pname`, `nameSuffix`, `cfg`, `extraPolicies`,
 * `pkcs11Modules`, `nativeMessagingHosts`, …), so
 * `pkg.override (old: { extraPolicies = …; })` works as Home Manager uses
 * it; `wrapFirefox.override { config = …; }` (the path for state versions
 * before 19.09) gives the same function. The built tree holds the launcher
 * `bin/<binaryName><nameSuffix>` (a bash script exporting
 * `MOZ_APP_LAUNCHER` and `MOZ_SYSTEM_DIR` and running the browser's own
 * program), `lib/<libName>/distribution/policies.json` (`DisableAppUpdate`
 * merged with `extraPolicies`), `lib/mozilla/native-messaging-hosts` and
 * `lib/mozilla/pkcs11-modules` filled from the given packages, and links to
 * everything else of the browser. The set keeps `unwrapped`,
 * `browserName` and the browser's `meta` with `mainProgram` set to the
 * launcher's name and a priority one better than the browser's.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { callFunction, forceAttrs } from "../../nix/ops.js";
import { valueToJSON } from "../../nix/builtins/serial.js";
import { force, NixAttrs, type Lazy } from "../../nix/values.js";
import { attrs, lazy, prim, select } from "../../module-system/nix-values.js";
import type { BuilderContext } from "./index.js";
import { ArgReader, makeDerivation, storeRefs } from "./derivation.js";
import { lndir } from "./link-trees.js";

/** The arguments the wrapper declares (all optional), as its `__functionArgs` shows them. */
const WRAPPER_ARGS = [
  "applicationName",
  "browserName",
  "pname",
  "version",
  "desktopName",
  "nameSuffix",
  "icon",
  "wmClass",
  "extraNativeMessagingHosts",
  "nativeMessagingHosts",
  "pkcs11Modules",
  "useGlvnd",
  "cfg",
  "extraPrefs",
  "extraPrefsFiles",
  "extraPolicies",
  "extraPoliciesFiles",
  "libName",
  "nixExtensions",
  "hasMozSystemDirPatch",
];

/** The packages' directories under `sub`, each entry linked into `dir` (as `ln -sLt`). */
function linkEntries(dir: string, sources: readonly string[], sub: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const s of sources) {
    const from = path.join(s, sub);
    if (!fs.statSync(from, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const n of fs.readdirSync(from).sort()) {
      const to = path.join(dir, n);
      if (fs.lstatSync(to, { throwIfNoEntry: false }) === undefined) fs.symlinkSync(fs.realpathSync(path.join(from, n)), to);
    }
  }
}

function wrap(ctx: BuilderContext, browserL: Lazy, argsL: Lazy): NixAttrs {
  const r = new ArgReader(ctx.st);
  const browser = forceAttrs(browserL);
  const args = forceAttrs(argsL);
  const text = (a: NixAttrs, n: string): string | undefined => {
    const v = a.get(n);
    return v === undefined || force(v) === null ? undefined : r.interp(v);
  };
  const getName = () => r.interp(callLib(ctx, "getName", browserL));
  const browserName = text(args, "browserName") ?? text(browser, "browserName") ?? getName();
  const applicationName = text(args, "applicationName") ?? text(browser, "binaryName") ?? getName();
  const nameSuffix = text(args, "nameSuffix") ?? "";
  const launcher = `${applicationName}${nameSuffix}`;
  const libName = text(args, "libName") ?? text(browser, "libName") ?? "firefox";
  const pname = text(args, "pname") ?? browserName;
  const version = text(args, "version") ?? text(browser, "version") ?? "";
  const name = version === "" ? pname : `${pname}-${version}`;
  const meta = lazy(() => {
    const own = browser.get("meta");
    const m = new Map(own === undefined ? [] : forceAttrs(own).map);
    const prio = m.get("priority");
    m.set("mainProgram", launcher);
    m.set(
      "priority",
      lazy(() => (prio === undefined ? 5n : BigInt(force(prio) as bigint)) - 1n),
    );
    return new NixAttrs(m);
  });
  const policies = lazy(() => {
    const extra = args.get("extraPolicies");
    const m = new Map<string, Lazy>([["DisableAppUpdate", true]]);
    if (extra !== undefined) for (const [k, v] of forceAttrs(extra).map) m.set(k, v);
    return attrs({ policies: new NixAttrs(m) });
  });
  return makeDerivation({
    name,
    meta,
    extra: {
      pname,
      version,
      unwrapped: browserL,
      browserName,
      applicationName,
      libName,
      passthru: attrs({ unwrapped: browserL, browserName, applicationName }),
    },
    outPath: () => {
      const src = r.interp(browserL);
      const json = valueToJSON(ctx.st, policies, new Set());
      const hosts = [...r.list(args, "nativeMessagingHosts"), ...r.list(args, "extraNativeMessagingHosts")].map((h) => r.interp(h));
      const pkcs11 = r.list(args, "pkcs11Modules").map((h) => r.interp(h));
      const script =
        `#!${ctx.runtimeShell}\n` +
        `export MOZ_APP_LAUNCHER="${launcher}"\n` +
        `export MOZ_SYSTEM_DIR="$(dirname "$(dirname "$(readlink -f "$0")")")/lib/mozilla"\n` +
        `exec "${src}/bin/${applicationName}" "$@"\n`;
      const build = (tmp: string) => {
        fs.mkdirSync(path.join(tmp, "bin"), { recursive: true });
        fs.writeFileSync(path.join(tmp, "bin", launcher), script, { mode: 0o755 });
        const dist = path.join(tmp, "lib", libName, "distribution");
        fs.mkdirSync(dist, { recursive: true });
        fs.writeFileSync(path.join(dist, "policies.json"), json);
        linkEntries(path.join(tmp, "lib/mozilla/native-messaging-hosts"), hosts, "lib/mozilla/native-messaging-hosts");
        linkEntries(path.join(tmp, "lib/mozilla/pkcs11-modules"), pkcs11, "lib/mozilla/pkcs11-modules");
        if (src.startsWith("/") && fs.statSync(src, { throwIfNoEntry: false })?.isDirectory()) lndir(src, tmp);
      };
      const description = { kind: "wrapFirefox", src, launcher, libName, json, hosts, pkcs11 };
      return ctx.store.add(name, description, build, storeRefs(ctx.store.storeDir, [src, json, ...hosts, ...pkcs11]));
    },
  });
}

/** `lib.<fn> args…`, lazily. */
function callLib(ctx: BuilderContext, fn: string, ...args: Lazy[]): Lazy {
  return lazy(() => {
    let v = force(select(ctx.lib, fn));
    for (const a of args) v = callFunction(v, a);
    return v;
  });
}

/** `pkgs.wrapFirefox`: `browser: args: …`, with `override` giving itself back. */
export function wrapFirefox(ctx: BuilderContext): NixAttrs {
  const wrapper = (browser: Lazy) =>
    attrs({
      __functor: prim("wrapFirefox.wrapper", 2, ([, a]) => wrap(ctx, browser, a!)),
      __functionArgs: attrs(Object.fromEntries(WRAPPER_ARGS.map((n) => [n, true]))),
    });
  const call = (browser: Lazy, args: Lazy) => {
    const overridable = callFunction(force(select(ctx.lib, "makeOverridable")), wrapper(browser));
    return callFunction(overridable, args);
  };
  const self: NixAttrs = attrs({
    __functor: prim("pkgs.wrapFirefox", 3, ([, browser, args]) => call(browser!, args!)),
    override: prim("pkgs.wrapFirefox.override", 1, () => self),
  });
  return self;
}
