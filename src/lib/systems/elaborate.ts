/**
 * `lib.systems.elaborate`: a system string (or `{ system = …; … }`) becomes
 * the full platform description nixpkgs' stdenv and modules read — `parsed`,
 * `system`, `config`, every inspect predicate (`isLinux`, `isDarwin`,
 * `isx86_64`, `isAarch64`, …), `libc`, `linker`, `extensions`, `uname`,
 * `linuxArch`/`qemuArch`/`efiArch`/`darwinArch`, `canExecute`, the emulator
 * helpers, and the `rust`, `go`, `node` and `nim` sub-descriptions. The result
 * is a fixed point: each attribute is computed on first use from the others,
 * and user arguments override computed attributes, as in nixpkgs.
 */
import { NixError } from "../../nix/errors.js";
import { eqValues } from "../../nix/ops.js";
import { fixNative } from "../fixed-points.js";
import {
  attrs,
  call,
  fn,
  force,
  forceAttrs,
  forceBool,
  get,
  interpolate,
  lazy,
  NixAttrs,
  select,
  strOf,
  throwError,
  update,
  type Lazy,
  type LibContext,
  type Value,
} from "../prim.js";
import { canExecuteArch, featureSupport, FEATURE_PREDICATES } from "./architectures.js";
import { matchAny } from "./inspect.js";
import { darwinArch, doubleFromSystem, isCompatible, mkSystemFromString, tripleFromSystem, type SystemTables } from "./parse.js";

export const FUNCTION_NAMES = ["canExecute", "emulator", "emulatorAvailable", "staticEmulatorAvailable"];

export interface SystemsData {
  readonly t: SystemTables;
  readonly patterns: NixAttrs;
}

/** `platforms.select final`: the gcc settings nixpkgs picks for some CPUs. */
function selectGcc(final: Lazy, b: (n: string) => boolean, t: SystemTables): Record<string, Lazy> | null {
  if (b("isAarch32")) {
    const v = forceAttrs(select(final, "parsed", "cpu")).get("version");
    if (v === undefined) return null;
    const n = Number(strOf(force(v) as string));
    if (n < 6) return { arch: "armv5te" };
    if (n < 7) return { arch: "armv6kz", fpu: "vfpv2" };
    return { arch: "armv7-a", fpu: "vfpv3-d16" };
  }
  if (b("isAarch64")) {
    return b("isDarwin") ? { arch: "armv8.3-a+crypto+sha2+aes+crc+fp16+lse+simd+ras+rdm+rcpc", cpu: "apple-a13" } : { arch: "armv8-a" };
  }
  if (b("isLoongArch64")) return { arch: "la64v1.0", "strict-align": false, cmodel: "medium" };
  if (eqValues(select(final, "parsed", "cpu"), t.cpuTypes.get("mipsel")!)) return { arch: "mips32r2", abi: "32" };
  return null;
}

const UNAME_SYSTEM: Record<string, string> = {
  linux: "Linux",
  windows: "Windows",
  cygwin: "CYGWIN_NT",
  darwin: "Darwin",
  netbsd: "NetBSD",
  freebsd: "FreeBSD",
  openbsd: "OpenBSD",
  wasi: "Wasi",
  redox: "Redox",
  genode: "Genode",
};

const GOARCH: Record<string, string> = {
  aarch64: "arm64",
  arm: "arm",
  armv5tel: "arm",
  armv6l: "arm",
  armv7l: "arm",
  i686: "386",
  loongarch64: "loong64",
  mips: "mips",
  mips64el: "mips64le",
  mipsel: "mipsle",
  powerpc64: "ppc64",
  powerpc64le: "ppc64le",
  riscv64: "riscv64",
  s390x: "s390x",
  x86_64: "amd64",
  wasm32: "wasm",
};

const RUST_CPU: Record<string, string> = {
  armv7a: "armv7",
  armv7l: "armv7",
  armv6l: "arm",
  armv5tel: "armv5te",
  riscv32: "riscv32gc",
  riscv64: "riscv64gc",
};

/** First matching `[condition, value]`, else the fallback. */
function firstOf<T>(cases: [() => boolean, () => T][], fallback: () => T): T {
  for (const [c, v] of cases) if (c()) return v();
  return fallback();
}

/** `a.b.c or dflt` on lazy sets. */
function attrPathOr(v: Lazy, path: string[], dflt: () => Value): Value {
  let x: Lazy = v;
  for (const p of path) {
    const s = force(x);
    if (!(s instanceof NixAttrs)) return dflt();
    const n = s.get(p);
    if (n === undefined) return dflt();
    x = n;
  }
  return force(x);
}

function hasPath(v: Lazy, path: string[]): boolean {
  let x: Lazy = v;
  for (const p of path) {
    const s = force(x);
    if (!(s instanceof NixAttrs) || !s.has(p)) return false;
    x = s.get(p)!;
  }
  return true;
}

/** What the attribute builders share: the final platform and a setter for lazy attributes. */
interface Final {
  readonly self: Lazy;
  readonly m: Map<string, Lazy>;
  /** `final.<name>` as a Boolean. */
  b(name: string): boolean;
  /** `final.<path>` as a string. */
  s(...path: string[]): string;
  /** Define `final.<name>` lazily. */
  set(name: string, compute: () => Value): void;
}

export function elaborate(ctx: LibContext, data: SystemsData, systemOrArgs: Lazy): Value {
  const { t, patterns } = data;
  const given = force(systemOrArgs);
  const allArgs = given instanceof NixAttrs ? given : attrs({ system: given });
  const argsMap = new Map(allArgs.map);
  for (const k of ["parsed", "system", "_withoutFunctions"]) argsMap.delete(k);
  const args = new NixAttrs(argsMap);
  const rust = lazy(() => force(args.get("rust") ?? args.get("rustc") ?? NixAttrs.empty));

  const final = fixNative((self) => {
    const m = new Map<string, Lazy>();
    const f: Final = {
      self,
      m,
      b: (n) => forceBool(get(self, n)),
      s: (...path) => strOf(select(self, ...path) as string),
      set: (name, compute) => void m.set(name, lazy(compute)),
    };
    addIdentity(ctx, f, t, args, allArgs);
    addRuntime(ctx, f, t, args);
    addArchNames(f, args);
    addEmulators(ctx, m, self, f.b);
    const parsed = lazy(() => force(get(self, "parsed")));
    for (const [name, pattern] of patterns.map)
      m.set(
        name,
        lazy(() => matchAny(pattern, parsed)),
      );
    for (const [name, feature] of Object.entries(FEATURE_PREDICATES)) {
      m.set(
        name,
        lazy(() => featureSupport(feature, strOf(attrPathOr(self, ["gcc", "arch"], () => "default") as string))),
      );
    }
    for (const [k, v] of args.map) m.set(k, v);
    f.set("rust", () => rustInfo(ctx, self, args, rust, f.b, f.s));
    addToolchains(f);
    return new NixAttrs(m);
  });
  checkElaborated(args, final as NixAttrs);
  return final;
}

/** nixpkgs' assertions on an elaborated platform (run when it is first forced). */
function checkElaborated(args: NixAttrs, f: NixAttrs): void {
  if (args.has("linux-kernel")) throw throwError("lib.systems.elaborate: linux-kernel has been removed; see the 26.11 release notes");
  if (forceBool(get(f, "useAndroidPrebuilt")) && !forceBool(get(f, "isAndroid"))) {
    throw new NixError("assert", "assertion '((final).useAndroidPrebuilt -> (final).isAndroid)' failed");
  }
  const abi = forceAttrs(select(f, "parsed", "abi"));
  const assertions = abi.get("assertions");
  if (assertions === undefined) return;
  for (const a of force(assertions) as Lazy[]) {
    if (!forceBool(call(get(a, "assertion"), f))) throw throwError(strOf(force(get(a, "message")) as string));
  }
}

function addIdentity(ctx: LibContext, f: Final, t: SystemTables, args: NixAttrs, allArgs: NixAttrs): void {
  const { self, s } = f;
  const set = f.set;
  const m = f.m;
  const B = ctx.B;
  set("_withoutFunctions", () => B.call("removeAttrs", self, [...FUNCTION_NAMES, "_withoutFunctions"]));
  set("parsed", () => mkSystemFromString(t, strOf(force(args.get("config") ?? get(allArgs, "system")) as string)));
  set("system", () => doubleFromSystem(get(self, "parsed")));
  set("config", () => tripleFromSystem(get(self, "parsed")));
  m.set(
    "canExecute",
    fn("lib.systems.elaborate.canExecute", 1, ([platform]) => {
      if (forceBool(get(self, "isAndroid")) !== forceBool(get(platform!, "isAndroid"))) return false;
      if (!isCompatible(t, select(self, "parsed", "cpu"), select(platform!, "parsed", "cpu"))) return false;
      if (!eqValues(select(self, "parsed", "kernel"), select(platform!, "parsed", "kernel"))) return false;
      if (!eqValues(select(self, "parsed", "cpu"), select(platform!, "parsed", "cpu"))) return true;
      if (!hasPath(platform!, ["gcc", "arch"])) return true;
      return hasPath(self, ["gcc", "arch"]) && canExecuteArch(s("gcc", "arch"), strOf(select(platform!, "gcc", "arch") as string));
    }),
  );
}

function addRuntime(ctx: LibContext, f: Final, t: SystemTables, args: NixAttrs): void {
  const { self, b, s, set, m } = f;
  set("useLLVM", () => b("isFreeBSD") || b("isOpenBSD"));
  set("libc", () =>
    firstOf<Value>(
      [
        [() => b("isDarwin"), () => "libSystem"],
        [() => b("isMsvc"), () => "ucrt"],
        [() => b("isMinGW"), () => "msvcrt"],
        [() => b("isCygwin"), () => "cygwin"],
        [() => b("isWasi"), () => "wasilibc"],
        [() => b("isWasm") && !b("isWasi"), () => null],
        [() => b("isRedox"), () => "relibc"],
        [() => b("isMusl"), () => "musl"],
        [() => b("isUClibc"), () => "uclibc"],
        [() => b("isAndroid"), () => "bionic"],
        [() => b("isLinux"), () => "glibc"],
        [() => b("isFreeBSD"), () => "fblibc"],
        [() => b("isOpenBSD"), () => "oblibc"],
        [() => b("isNetBSD"), () => "nblibc"],
        [() => b("isAvr"), () => "avrlibc"],
        [() => b("isGhcjs"), () => null],
        [() => b("isNone"), () => "newlib"],
      ],
      () => "native/impure",
    ),
  );
  set("linker", () => (forceBool(attrPathOr(self, ["useLLVM"], () => false)) ? "lld" : b("isDarwin") ? "cctools" : "bfd"));
  set("libDir", () => (b("isLinux") ? (b("isx86_64") || b("isMips64") || b("isPower64") ? "lib64" : "lib") : null));
  set("extensions", () => {
    const e = new Map<string, Lazy>();
    const ext = new NixAttrs(e);
    e.set(
      "staticLibrary",
      lazy(() => (b("isWindows") ? ".lib" : ".a")),
    );
    e.set(
      "library",
      lazy(() => force(get(ext, b("isStatic") ? "staticLibrary" : "sharedLibrary"))),
    );
    e.set(
      "executable",
      lazy(() => (b("isWindows") || b("isCygwin") ? ".exe" : "")),
    );
    if (b("hasSharedLibraries"))
      e.set(
        "sharedLibrary",
        lazy(() => (b("isDarwin") ? ".dylib" : b("isWindows") || b("isCygwin") ? ".dll" : ".so")),
      );
    return ext;
  });
  m.set("useAndroidPrebuilt", false);
  m.set("useiOSPrebuilt", false);
  set("uname", () =>
    attrs({
      system: () => UNAME_SYSTEM[s("parsed", "kernel", "name")] ?? null,
      processor: () => {
        const le = () => b("isLittleEndian");
        if (b("isPower64")) return `ppc64${le() ? "le" : ""}`;
        if (b("isPower")) return `ppc${le() ? "le" : ""}`;
        if (b("isMips64")) return "mips64";
        if (b("isDarwin")) return force(get(self, "darwinArch"));
        return s("parsed", "cpu", "name");
      },
      release: null,
    }),
  );
  set(
    "hasSharedLibraries",
    () =>
      [
        "isAndroid",
        "isGnu",
        "isMusl",
        "isDarwin",
        "isSunOS",
        "isOpenBSD",
        "isFreeBSD",
        "isNetBSD",
        "isCygwin",
        "isMinGW",
        "isWindows",
        "isWasm",
      ].some(b) && !b("isStatic"),
  );
  set("isStatic", () => b("isWasi") || b("isRedox"));
  set("gcc", () => {
    const picked = selectGcc(self, b, t);
    return picked === null ? force(args.get("gcc") ?? NixAttrs.empty) : attrs(picked);
  });
  set("rustc", () => force(args.get("rustc") ?? NixAttrs.empty));
}

function addArchNames(f: Final, args: NixAttrs): void {
  const { self, b, s, set, m } = f;
  set("linuxArch", () =>
    firstOf<Value>(
      [
        [() => b("isAarch32"), () => "arm"],
        [() => b("isAarch64"), () => "arm64"],
        [() => b("isx86_32"), () => "i386"],
        [() => b("isx86_64"), () => "x86_64"],
        [() => b("isMicroBlaze"), () => "microblaze"],
        [() => b("isMips32"), () => "mips"],
        [() => b("isMips64"), () => "mips"],
        [() => b("isPower"), () => "powerpc"],
        [() => b("isRiscV"), () => "riscv"],
        [() => b("isSh4"), () => "sh"],
        [() => b("isS390"), () => "s390"],
        [() => b("isLoongArch64"), () => "loongarch"],
      ],
      () => s("parsed", "cpu", "name"),
    ),
  );
  set("ubootArch", () => (b("isx86_32") ? "x86" : b("isMips64") ? "mips64" : force(get(self, "linuxArch"))));
  set("qemuArch", () =>
    firstOf<Value>(
      [
        [() => b("isAarch32"), () => "arm"],
        [() => b("isAarch64"), () => `aarch64${b("isBigEndian") ? "_be" : ""}`],
        [() => b("isS390") && !b("isS390x"), () => null],
        [() => b("isx86_64"), () => "x86_64"],
        [() => b("isx86"), () => "i386"],
        [() => b("isMips64n32"), () => `mipsn32${b("isLittleEndian") ? "el" : ""}`],
        [() => b("isMips64"), () => `mips64${b("isLittleEndian") ? "el" : ""}`],
      ],
      () => force(select(self, "uname", "processor")),
    ),
  );
  set("efiArch", () =>
    b("isx86_32") ? "ia32" : b("isx86_64") ? "x64" : b("isAarch32") ? "arm" : b("isAarch64") ? "aa64" : s("parsed", "cpu", "name"),
  );
  set("darwinArch", () => darwinArch(select(self, "parsed", "cpu")));
  set("darwinPlatform", () => (b("isMacOS") ? "macos" : b("isiOS") ? "ios" : null));
  set("darwinSdkVersion", () => attrPathOr(self, ["sdkVer"], () => "14.4"));
  m.set("darwinMinVersion", "14.0");
  set("darwinMinVersionVariable", () => (b("isMacOS") ? "MACOSX_DEPLOYMENT_TARGET" : b("isiOS") ? "IPHONEOS_DEPLOYMENT_TARGET" : null));
  set("androidSdkVersion", () => force(args.get("androidSdkVersion") ?? null));
  set("androidNdkVersion", () => force(args.get("androidNdkVersion") ?? null));
}

function addToolchains(f: Final): void {
  const { self, b, s, set } = f;
  set("go", () =>
    attrs({
      GOARCH: () => GOARCH[s("parsed", "cpu", "name")] ?? null,
      GOOS: () => (b("isWasi") ? "wasip1" : s("parsed", "kernel", "name")),
      GOARM: () => {
        const v = strOf(attrPathOr(self, ["parsed", "cpu", "version"], () => "") as string);
        return ["5", "6", "7"].includes(v) ? v : "";
      },
    }),
  );
  set("node", () =>
    attrs({
      arch: () =>
        firstOf<Value>(
          [
            [() => b("isAarch"), () => "arm" + (b("is64bit") ? "64" : "")],
            [() => b("isMips32"), () => "mips" + (b("isLittleEndian") ? "el" : "")],
            [() => b("isMips64") && b("isLittleEndian"), () => "mips64el"],
            [() => b("isPower"), () => "ppc" + (b("is64bit") ? "64" : "")],
            [() => b("isx86_64"), () => "x64"],
            [() => b("isx86_32"), () => "ia32"],
            [() => b("isS390x"), () => "s390x"],
            [() => b("isRiscV64"), () => "riscv64"],
            [() => b("isLoongArch64"), () => "loong64"],
          ],
          () => null,
        ),
      platform: () =>
        firstOf<Value>(
          [
            [() => b("isAndroid"), () => "android"],
            [() => b("isDarwin"), () => "darwin"],
            [() => b("isFreeBSD"), () => "freebsd"],
            [() => b("isLinux"), () => "linux"],
            [() => b("isOpenBSD"), () => "openbsd"],
            [() => b("isSunOS"), () => "sunos"],
            [() => b("isWindows") || b("isCygwin"), () => "win32"],
          ],
          () => null,
        ),
    }),
  );
  set("nim", () =>
    attrs({
      cpu: () =>
        firstOf<Value>(
          [
            [() => b("isAarch32"), () => "arm"],
            [() => b("isAarch64"), () => "arm64"],
            [() => b("isAlpha"), () => "alpha"],
            [() => b("isAvr"), () => "avr"],
            [() => b("isMips") && b("is32Bit"), () => "mips"],
            [() => b("isMips") && b("is64Bit"), () => "mips64"],
            [() => b("isMsp430"), () => "msp430"],
            [() => b("isPower") && b("is32bit"), () => "powerpc"],
            [() => b("isPower") && b("is64bit"), () => "powerpc64"],
            [() => b("isRiscV") && b("is64bit"), () => "riscv64"],
            [() => b("isSparc"), () => "sparc"],
            [() => b("isx86_32"), () => "i386"],
            [() => b("isx86_64"), () => "amd64"],
          ],
          () => null,
        ),
      os: () =>
        firstOf<Value>(
          [
            [() => b("isAndroid"), () => "Android"],
            [() => b("isDarwin"), () => "MacOSX"],
            [() => b("isFreeBSD"), () => "FreeBSD"],
            [() => b("isGenode"), () => "Genode"],
            [() => b("isLinux"), () => "Linux"],
            [() => b("isNetBSD"), () => "NetBSD"],
            [() => b("isNone"), () => "Standalone"],
            [() => b("isOpenBSD"), () => "OpenBSD"],
            [() => b("isWindows"), () => "Windows"],
            [() => b("isiOS"), () => "iOS"],
          ],
          () => null,
        ),
    }),
  );
}

function addEmulators(ctx: LibContext, m: Map<string, Lazy>, self: Lazy, b: (n: string) => boolean): void {
  const selectEmulator = (pkgs: Lazy): Value => {
    const host = select(pkgs, "stdenv", "hostPlatform");
    if (forceBool(call(get(host, "canExecute"), self))) {
      const script = call(get(pkgs, "writeShellScriptBin"), "exec", 'exec "$@"');
      return call(select(ctx.self(), "getExe"), script);
    }
    if (b("isWindows")) {
      const bits = select(self, "parsed", "cpu", "bits");
      const wine = lazy(() =>
        force(
          get(
            lazy(() =>
              call(
                get(pkgs, "winePackagesFor"),
                lazy(() => interpolate(ctx.st, "wine", ctx.B.call("toString", bits))),
              ),
            ),
            "minimal",
          ),
        ),
      );
      return interpolate(ctx.st, wine, "/bin/wine");
    }
    if (b("isLinux") && forceBool(get(host, "isLinux")) && force(get(self, "qemuArch")) !== null) {
      return interpolate(ctx.st, get(pkgs, "qemu-user"), "/bin/qemu-", get(self, "qemuArch"));
    }
    if (b("isWasi")) return interpolate(ctx.st, get(pkgs, "wasmtime"), "/bin/wasmtime");
    if (b("isGhcjs")) return interpolate(ctx.st, get(pkgs, "nodejs-slim"), "/bin/node");
    if (b("isMmix")) return interpolate(ctx.st, get(pkgs, "mmixware"), "/bin/mmix");
    return null;
  };
  const available = (pkgs: Lazy) => selectEmulator(pkgs) !== null;
  m.set(
    "emulatorAvailable",
    fn("lib.systems.elaborate.emulatorAvailable", 1, ([p]) => available(p!)),
  );
  m.set(
    "staticEmulatorAvailable",
    fn(
      "lib.systems.elaborate.staticEmulatorAvailable",
      1,
      ([p]) => forceBool(call(get(self, "emulatorAvailable"), p!)) && (b("isLinux") || b("isWasi") || b("isMmix")),
    ),
  );
  m.set(
    "emulator",
    fn("lib.systems.elaborate.emulator", 1, ([p]) => {
      if (forceBool(call(get(self, "emulatorAvailable"), p!))) return selectEmulator(p!);
      throw throwError(`Don't know how to run ${strOf(force(get(self, "config")) as string)} executables.`);
    }),
  );
}

function rustInfo(
  ctx: LibContext,
  self: Lazy,
  args: NixAttrs,
  rustL: Lazy,
  b: (n: string) => boolean,
  s: (...p: string[]) => string,
): Value {
  const { B } = ctx;
  const rust = forceAttrs(rustL);
  const hasPlatform = rust.has("platform");
  const platform = lazy(() => {
    const spec = attrPathOr(rust, ["rustcTargetSpec"], () => "");
    const basePlatform = hasPlatform
      ? force(rust.get("platform")!)
      : strOf(spec as string).endsWith(".json")
        ? B.call(
            "fromJSON",
            lazy(() => B.call("readFile", spec)),
          )
        : NixAttrs.empty;
    const vendorName = s("parsed", "vendor", "name");
    return update(
      forceAttrs(basePlatform),
      attrs({
        arch: () =>
          hasPlatform
            ? force(select(rust, "platform", "arch"))
            : b("isAarch32")
              ? "arm"
              : b("isMips64")
                ? "mips64"
                : b("isPower64")
                  ? "powerpc64"
                  : s("parsed", "cpu", "name"),
        os: () =>
          hasPlatform
            ? attrPathOr(rust, ["platform", "os"], () => "none")
            : b("isDarwin")
              ? "macos"
              : b("isWasm") && !b("isWasi")
                ? "unknown"
                : s("parsed", "kernel", "name"),
        "target-family": () => {
          if (hasPath(args, ["rust", "platform", "target-family"])) return force(select(args, "rust", "platform", "target-family"));
          if (hasPath(args, ["rustc", "platform", "target-family"])) {
            const f = force(select(args, "rustc", "platform", "target-family"));
            return Array.isArray(f) ? f : [f];
          }
          const out: Lazy[] = [];
          if (b("isUnix")) out.push("unix");
          if (b("isWindows")) out.push("windows");
          if (b("isWasm")) out.push("wasm");
          return out;
        },
        vendor: () => attrPathOr(rust, ["platform", "vendor"], () => (vendorName === "w64" ? "pc" : vendorName)),
      }),
    );
  });
  const info = new Map<string, Lazy>(rust.map);
  const result = new NixAttrs(info);
  info.set("platform", platform);
  info.set(
    "rustcTargetSpec",
    lazy(() => {
      const explicit = args.has("rust") ? forceAttrs(args.get("rust")!).get("rustcTargetSpec") : undefined;
      if (explicit !== undefined) return force(explicit);
      const rustcConfig = args.has("rustc") ? forceAttrs(args.get("rustc")!).get("config") : undefined;
      if (rustcConfig !== undefined) return force(rustcConfig);
      const cpuName = s("parsed", "cpu", "name");
      const abiName = s("parsed", "abi", "name");
      const cpu_ = strOf(attrPathOr(rust, ["platform", "arch"], () => RUST_CPU[cpuName] ?? cpuName) as string);
      const vendor_ = strOf(select(result, "platform", "vendor") as string);
      const abi_ = cpuName.startsWith("powerpc") && abiName.startsWith("gnuabielfv") ? "gnu" : abiName;
      const inferred = b("isWasi")
        ? `${cpu_}-wasip1`
        : `${cpu_}-${vendor_}-${s("parsed", "kernel", "name")}${abiName !== "unknown" ? `-${abi_}` : ""}`;
      if (hasPlatform) {
        const name = strOf(attrPathOr(rust, ["rustcTarget"], () => inferred) as string) + ".json";
        return B.call(
          "toFile",
          name,
          lazy(() => B.call("toJSON", get(rust, "platform"))),
        );
      }
      return attrPathOr(args, ["rust", "rustcTarget"], () => inferred);
    }),
  );
  info.set(
    "rustcTarget",
    lazy(() => attrPathOr(rust, ["rustcTarget"], () => force(get(result, "cargoShortTarget")))),
  );
  info.set(
    "cargoShortTarget",
    lazy(() => {
      const base = strOf(
        B.call(
          "baseNameOf",
          lazy(() => interpolate(ctx.st, get(result, "rustcTargetSpec"))),
        ) as string,
      );
      return base.endsWith(".json") ? base.slice(0, -5) : base;
    }),
  );
  info.set(
    "cargoEnvVarTarget",
    lazy(() =>
      strOf(force(get(result, "cargoShortTarget")) as string)
        .replaceAll("-", "_")
        .toUpperCase(),
    ),
  );
  info.set(
    "isNoStdTarget",
    lazy(() => {
      const target = strOf(force(get(result, "rustcTarget")) as string);
      return ["-none", "nvptx", "switch", "-uefi"].some((x) => target.includes(x));
    }),
  );
  void self;
  return result;
}
