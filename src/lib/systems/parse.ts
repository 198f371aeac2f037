/**
 * `lib.systems.parse`: the platform vocabulary (CPU types, vendors, kernels,
 * executable formats, ABIs) as typed Nix sets (`_type` and `name` on each, as
 * nixpkgs' `setTypes`), and the parsers and printers between system strings
 * and parsed platforms: `mkSystemFromString` (with nixpkgs' skeleton rules for
 * 1- to 4-component strings and its defaults for vendor and ABI),
 * `doubleFromSystem`, `tripleFromSystem`, `isCompatible`, `mkMuslSystem`.
 *
 * The tables are data, converted to Nix values once per `lib`.
 */
import { eqValues } from "../../nix/ops.js";
import {
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
  strOf,
  throwError,
  update,
  type Lazy,
  type LibContext,
  type Value,
} from "../prim.js";

/** name: [bits, significant byte (L/B/none), family, version, arch]. */
const CPUS: Record<string, [number, string, string, string, string]> = {
  arm: [32, "L", "arm", "", ""],
  armv5tel: [32, "L", "arm", "5", "armv5t"],
  armv6m: [32, "L", "arm", "6", "armv6-m"],
  armv6l: [32, "L", "arm", "6", "armv6"],
  armv7a: [32, "L", "arm", "7", "armv7-a"],
  armv7r: [32, "L", "arm", "7", "armv7-r"],
  armv7m: [32, "L", "arm", "7", "armv7-m"],
  armv7l: [32, "L", "arm", "7", "armv7"],
  armv8a: [32, "L", "arm", "8", "armv8-a"],
  armv8r: [32, "L", "arm", "8", "armv8-a"],
  armv8m: [32, "L", "arm", "8", "armv8-m"],
  aarch64: [64, "L", "arm", "8", "armv8-a"],
  aarch64_be: [64, "B", "arm", "8", "armv8-a"],
  i386: [32, "L", "x86", "", "i386"],
  i486: [32, "L", "x86", "", "i486"],
  i586: [32, "L", "x86", "", "i586"],
  i686: [32, "L", "x86", "", "i686"],
  x86_64: [64, "L", "x86", "", "x86-64"],
  microblaze: [32, "B", "microblaze", "", ""],
  microblazeel: [32, "L", "microblaze", "", ""],
  mips: [32, "B", "mips", "", ""],
  mipsel: [32, "L", "mips", "", ""],
  mips64: [64, "B", "mips", "", ""],
  mips64el: [64, "L", "mips", "", ""],
  mmix: [64, "B", "mmix", "", ""],
  m68k: [32, "B", "m68k", "", ""],
  sh4: [32, "L", "sh", "", ""],
  powerpc: [32, "B", "power", "", ""],
  powerpc64: [64, "B", "power", "", ""],
  powerpc64le: [64, "L", "power", "", ""],
  powerpcle: [32, "L", "power", "", ""],
  riscv32: [32, "L", "riscv", "", ""],
  riscv64: [64, "L", "riscv", "", ""],
  s390: [32, "B", "s390", "", ""],
  s390x: [64, "B", "s390", "", ""],
  sparc: [32, "B", "sparc", "", ""],
  sparc64: [64, "B", "sparc", "", ""],
  wasm32: [32, "L", "wasm", "", ""],
  wasm64: [64, "L", "wasm", "", ""],
  alpha: [64, "L", "alpha", "", ""],
  rx: [32, "L", "rx", "", ""],
  msp430: [16, "L", "msp430", "", ""],
  avr: [8, "", "avr", "", ""],
  vc4: [32, "L", "vc4", "", ""],
  or1k: [32, "B", "or1k", "", ""],
  arc: [32, "L", "arc", "", ""],
  loongarch64: [64, "L", "loongarch", "", ""],
  javascript: [32, "L", "javascript", "", ""],
};

const VENDORS = ["apple", "pc", "knuth", "w64", "none", "unknown"];
const EXEC_FORMATS = ["aout", "elf", "macho", "pe", "wasm", "unknown"];

/** name: [exec format, families, explicit name]. */
const KERNELS: Record<string, [string, string[], string?]> = {
  macos: ["macho", ["darwin"], "darwin"],
  ios: ["macho", ["darwin"]],
  freebsd: ["elf", ["bsd"], "freebsd"],
  linux: ["elf", []],
  netbsd: ["elf", ["bsd"]],
  none: ["unknown", []],
  openbsd: ["elf", ["bsd"]],
  solaris: ["elf", []],
  wasi: ["wasm", []],
  redox: ["elf", []],
  windows: ["pe", []],
  cygwin: ["pe", []],
  ghcjs: ["unknown", []],
  genode: ["elf", []],
  mmixware: ["unknown", []],
  uefi: ["pe", []],
};
const KERNEL_ALIASES: Record<string, string> = { darwin: "macos", watchos: "ios", tvos: "ios", win32: "windows" };

/** name: extra attributes (float, eabi, abi). */
const ABIS: Record<string, { float?: string; eabi?: boolean; abi?: string }> = {
  msvc: {},
  eabi: { float: "soft", eabi: true },
  eabihf: { float: "hard", eabi: true },
  elf: {},
  androideabi: { eabi: true },
  android: {},
  gnueabi: { float: "soft", eabi: true },
  gnueabihf: { float: "hard", eabi: true },
  gnu: {},
  gnuabi64: { abi: "64" },
  muslabi64: { abi: "64" },
  gnuabin32: { abi: "n32" },
  muslabin32: { abi: "n32" },
  gnuabielfv2: { abi: "elfv2" },
  gnuabielfv1: { abi: "elfv1" },
  musleabi: { float: "soft", eabi: true },
  musleabihf: { float: "hard", eabi: true },
  musl: {},
  uclibceabi: { float: "soft", eabi: true },
  uclibceabihf: { float: "hard", eabi: true },
  uclibc: {},
  unknown: {},
};

const ABI_ASSERTIONS: Record<string, [string, string][]> = {
  android: [["isAarch32", 'The "android" ABI is not for 32-bit ARM. Use "androideabi" instead.\n']],
  gnu: [
    ["isAarch32", 'The "gnu" ABI is ambiguous on 32-bit ARM. Use "gnueabi" or "gnueabihf" instead.\n'],
    ["isPower64BigEndian", 'The "gnu" ABI is ambiguous on big-endian 64-bit PowerPC. Use "gnuabielfv2" or "gnuabielfv1" instead.\n'],
  ],
};

function typed(type: string, name: string, extra: Record<string, Lazy> = {}): NixAttrs {
  return attrs({ _type: type, name, ...extra });
}

/** The parse tables as Nix values. */
export class SystemTables {
  readonly significantBytes = attrs({
    bigEndian: typed("significant-byte", "bigEndian"),
    littleEndian: typed("significant-byte", "littleEndian"),
  });
  readonly cpuTypes: NixAttrs;
  readonly vendors: NixAttrs;
  readonly execFormats: NixAttrs;
  readonly kernelFamilies = attrs({ bsd: typed("exec-format", "bsd"), darwin: typed("exec-format", "darwin") });
  readonly kernels: NixAttrs;
  readonly abis: NixAttrs;

  constructor() {
    const cpus = new Map<string, Lazy>();
    for (const [name, [bits, sb, family, version, arch]] of Object.entries(CPUS)) {
      const extra: Record<string, Lazy> = { bits: BigInt(bits), family };
      if (sb) extra.significantByte = this.significantBytes.get(sb === "L" ? "littleEndian" : "bigEndian")!;
      if (version) extra.version = version;
      if (arch) extra.arch = arch;
      cpus.set(name, typed("cpu-type", name, extra));
    }
    cpus.set("arm64", cpus.get("aarch64")!);
    this.cpuTypes = new NixAttrs(cpus);
    this.vendors = new NixAttrs(new Map(VENDORS.map((v) => [v, typed("vendor", v)])));
    this.execFormats = new NixAttrs(new Map(EXEC_FORMATS.map((v) => [v, typed("exec-format", v)])));
    const kernels = new Map<string, Lazy>();
    for (const [key, [fmt, fams, name]] of Object.entries(KERNELS)) {
      const families = new NixAttrs(new Map(fams.map((f) => [f, this.kernelFamilies.get(f)!])));
      kernels.set(key, typed("kernel", name ?? key, { execFormat: this.execFormats.get(fmt)!, families }));
    }
    for (const [alias, target] of Object.entries(KERNEL_ALIASES)) kernels.set(alias, kernels.get(target)!);
    this.kernels = new NixAttrs(kernels);
    const abis = new Map<string, Lazy>();
    for (const [name, extra] of Object.entries(ABIS)) {
      const e: Record<string, Lazy> = {};
      if (extra.float !== undefined) e.float = extra.float;
      if (extra.eabi !== undefined) e.eabi = extra.eabi;
      if (extra.abi !== undefined) e.abi = extra.abi;
      const asserts = ABI_ASSERTIONS[name];
      if (asserts) e.assertions = asserts.map(([pred, message]) => attrs({ assertion: assertionFn(pred), message }));
      abis.set(name, typed("abi", name, e));
    }
    this.abis = new NixAttrs(abis);
  }
}

function assertionFn(pred: string): Value {
  return fn(`lib.systems.parse.abis.assertion`, 1, ([p]) => {
    if (pred === "isAarch32") return !forceBool(get(p!, "isAarch32"));
    return !(forceBool(get(p!, "isPower64")) && forceBool(get(p!, "isBigEndian")));
  });
}

const sel = (v: Lazy, ...path: string[]): Value => {
  let x: Lazy = v;
  for (const p of path) x = get(x, p);
  return force(x);
};
const str = (v: Lazy, ...path: string[]) => strOf(sel(v, ...path) as string);

/** Platform tests on a parsed system, computed directly from the tables' fields. */
export const parsedIs = {
  darwin: (p: Lazy) => forceAttrs(sel(p, "kernel", "families")).has("darwin"),
  windows: (p: Lazy) => str(p, "kernel", "name") === "windows",
  cygwin: (p: Lazy) => str(p, "kernel", "name") === "cygwin",
  linux: (p: Lazy) => str(p, "kernel", "name") === "linux",
  aarch32: (p: Lazy) => str(p, "cpu", "family") === "arm" && sel(p, "cpu", "bits") === 32n,
  power64: (p: Lazy) => str(p, "cpu", "family") === "power" && sel(p, "cpu", "bits") === 64n,
  bigEndian: (p: Lazy) => {
    const c = forceAttrs(sel(p, "cpu"));
    const sb = c.get("significantByte");
    return sb !== undefined && str(sb, "name") === "bigEndian";
  },
};

function removeAbiSuffix(x: string): string {
  const m = /^(.*)e?abi.*$/s.exec(x);
  return m ? m[1]! : x;
}

function skeleton(l: string[]): Record<string, string> {
  const joined = l.join("-");
  switch (l.length) {
    case 1:
      if (l[0] === "avr") return { cpu: l[0], kernel: "none", abi: "unknown" };
      throw throwError(`system string '${joined}' with 1 component is ambiguous`);
    case 2:
      if (l[1] === "cygwin") return skeleton([l[0]!, "pc", "cygwin"]);
      if (l[1] === "windows") return { cpu: l[0]!, kernel: "windows", abi: "msvc" };
      if (l[1] === "elf") return { cpu: l[0]!, vendor: "unknown", kernel: "none", abi: l[1] };
      return { cpu: l[0]!, kernel: l[1]! };
    case 3: {
      const [a, b, c] = l as [string, string, string];
      if (b === "linux" || ["eabi", "eabihf", "elf", "gnu"].includes(c)) return { cpu: a, kernel: b, abi: c, vendor: "unknown" };
      if (
        b === "apple" ||
        ["redox", "mmixware", "ghcjs", "mingw32", "uefi"].includes(c) ||
        ["freebsd", "netbsd", "openbsd", "genode"].some((p) => c.startsWith(p)) ||
        a.startsWith("wasm32")
      ) {
        return { cpu: a, vendor: b, kernel: c === "mingw32" ? "windows" : c };
      }
      if (c === "cygwin") return { cpu: a, vendor: b, kernel: "cygwin" };
      throw throwError(`system string '${joined}' with 3 components is ambiguous`);
    }
    case 4:
      return { cpu: l[0]!, vendor: l[1]!, kernel: l[2]!, abi: l[3]! };
  }
  throw throwError(`system string '${joined}' has invalid number of hyphen-separated components`);
}

/** `mkSystemFromSkeleton`. */
export function fromSkeleton(t: SystemTables, args: Record<string, string>): NixAttrs {
  const pick = (table: NixAttrs, what: string, name: string) => {
    const v = table.get(name);
    if (v === undefined) throw throwError(`Unknown ${what}: ${name}`);
    return v;
  };
  const cpu = pick(t.cpuTypes, "CPU type", args.cpu!);
  const k = args.kernel!;
  const kernel = k.startsWith("darwin")
    ? pick(t.kernels, "kernel", "darwin")
    : k.startsWith("netbsd")
      ? pick(t.kernels, "kernel", "netbsd")
      : pick(t.kernels, "kernel", removeAbiSuffix(k));
  const partial = attrs({ cpu, kernel });
  const vendor =
    args.vendor !== undefined
      ? pick(t.vendors, "vendor", args.vendor)
      : parsedIs.darwin(partial)
        ? t.vendors.get("apple")!
        : parsedIs.windows(partial) || parsedIs.cygwin(partial)
          ? t.vendors.get("pc")!
          : t.vendors.get("unknown")!;
  let abi: Lazy;
  if (args.abi !== undefined) abi = pick(t.abis, "ABI", args.abi);
  else if (parsedIs.linux(partial) || parsedIs.windows(partial)) {
    if (parsedIs.aarch32(partial)) {
      const version = forceAttrs(cpu).get("version");
      const v = version === undefined ? "0" : strOf(force(version) as string);
      abi = t.abis.get(compareVersionStrings(v, "6") >= 0 ? "gnueabihf" : "gnueabi")!;
    } else if (parsedIs.power64(partial) && parsedIs.bigEndian(partial)) abi = t.abis.get("gnuabielfv1")!;
    else abi = t.abis.get("gnu")!;
  } else abi = t.abis.get("unknown")!;
  return attrs({ cpu, vendor, kernel, abi, _type: "system" });
}

/** Only used for the ARM version test ("5" < "6" <= "7", "8"). */
function compareVersionStrings(a: string, b: string): number {
  return a === b ? 0 : Number(a) < Number(b) ? -1 : 1;
}

export function mkSystemFromString(t: SystemTables, s: string): NixAttrs {
  return fromSkeleton(t, skeleton(s.split("-")));
}

export function kernelName(kernel: Lazy): string {
  const k = forceAttrs(kernel);
  const version = k.get("version");
  return str(k, "name") + (version === undefined ? "" : strOf(force(version) as string));
}

export function darwinArch(cpu: Lazy): string {
  const name = str(cpu, "name");
  return name === "aarch64" ? "arm64" : name;
}

export function doubleFromSystem(sys: Lazy): string {
  const kernel = sel(sys, "kernel");
  if (forceAttrs(get(kernel, "families")).has("darwin")) return `${str(sys, "cpu", "name")}-darwin`;
  return `${str(sys, "cpu", "name")}-${kernelName(kernel)}`;
}

function netBSDDefaultExecFormat(cpu: Lazy): string {
  const family = str(cpu, "family");
  return sel(cpu, "bits") === 32n && ["arm", "sparc", "m68k", "x86"].includes(family) ? "aout" : "elf";
}

export function tripleFromSystem(sys: Lazy): string {
  const s = forceAttrs(sys);
  const kernel = get(s, "kernel");
  const cpu = get(s, "cpu");
  const abiName = str(s, "abi", "name");
  const kname = str(kernel, "name");
  const fmt = str(kernel, "execFormat", "name");
  const optExecFormat = kname === "netbsd" && netBSDDefaultExecFormat(cpu) !== fmt ? fmt : "";
  const optAbi = abiName !== "unknown" ? `-${abiName}` : "";
  const darwin = forceAttrs(get(kernel, "families")).has("darwin");
  const cpuName = darwin ? darwinArch(cpu) : str(cpu, "name");
  return `${cpuName}-${str(s, "vendor", "name")}-${kernelName(kernel)}${optExecFormat}${optAbi}`;
}

const COMPAT: [string, string][] = [
  ["i386", "i486"],
  ["i486", "i586"],
  ["i586", "i686"],
  ["i686", "x86_64"],
  ["arm", "armv5tel"],
  ["armv5tel", "armv6l"],
  ["armv6m", "armv6l"],
  ["armv6l", "armv7l"],
  ["armv7l", "armv7a"],
  ["armv7l", "armv7r"],
  ["armv7m", "armv7a"],
  ["armv7m", "armv7r"],
  ["armv8a", "aarch64"],
  ["powerpc", "powerpc64"],
  ["powerpcle", "powerpc64le"],
  ["mips", "mips64"],
  ["mipsel", "mips64el"],
  ["sparc", "sparc64"],
];

/** `isCompatible a b`: can a CPU of type `a` run code for `b`? */
export function isCompatible(t: SystemTables, a: Lazy, b: Lazy): boolean {
  if (eqValues(b, a)) return true;
  return COMPAT.some(([lower, higher]) => eqValues(b, t.cpuTypes.get(lower)!) && isCompatible(t, a, t.cpuTypes.get(higher)!));
}

const MUSL: Record<string, string> = {
  gnu: "musl",
  gnueabi: "musleabi",
  gnueabihf: "musleabihf",
  gnuabin32: "muslabin32",
  gnuabi64: "muslabi64",
  gnuabielfv2: "musl",
  gnuabielfv1: "musl",
  musleabi: "musleabi",
  musleabihf: "musleabihf",
  muslabin32: "muslabin32",
  muslabi64: "muslabi64",
};

export function parseNamespace(ctx: LibContext, t: SystemTables): NixAttrs {
  const mkSystem = fn("lib.systems.parse.mkSystem", 1, ([c]) => {
    const comps = forceAttrs(c!);
    for (const k of ["cpu", "vendor", "kernel", "abi"]) get(comps, k);
    return update(comps, attrs({ _type: "system" }));
  });
  return attrs({
    significantBytes: t.significantBytes,
    cpuTypes: t.cpuTypes,
    vendors: t.vendors,
    execFormats: t.execFormats,
    kernelFamilies: t.kernelFamilies,
    kernels: t.kernels,
    abis: t.abis,
    types: () => parseTypes(ctx, t),
    gnuNetBSDDefaultExecFormat: fn("lib.systems.parse.gnuNetBSDDefaultExecFormat", 1, ([c]) =>
      force(t.execFormats.get(netBSDDefaultExecFormat(c!))!),
    ),
    isCompatible: fn("lib.systems.parse.isCompatible", 2, ([a, b]) => isCompatible(t, a!, b!)),
    isSystem: fn("lib.systems.parse.isSystem", 1, ([x]) => {
      const v = force(x!);
      return v instanceof NixAttrs && v.has("_type") && eqValues(v.get("_type")!, "system");
    }),
    mkSystem,
    mkSkeletonFromList: fn("lib.systems.parse.mkSkeletonFromList", 1, ([l]) =>
      attrs(skeleton(forceList(l!).map((x) => forceStringNoContext(x)))),
    ),
    mkSystemFromSkeleton: fn("lib.systems.parse.mkSystemFromSkeleton", 1, ([a]) => {
      const set = forceAttrs(a!);
      const args: Record<string, string> = {};
      for (const [k, v] of set.map) args[k] = strOf(force(v) as string);
      return fromSkeleton(t, args);
    }),
    mkSystemFromString: fn("lib.systems.parse.mkSystemFromString", 1, ([s]) => mkSystemFromString(t, forceStringNoContext(s!))),
    kernelName: fn("lib.systems.parse.kernelName", 1, ([k]) => kernelName(k!)),
    darwinArch: fn("lib.systems.parse.darwinArch", 1, ([c]) => darwinArch(c!)),
    doubleFromSystem: fn("lib.systems.parse.doubleFromSystem", 1, ([s]) => doubleFromSystem(s!)),
    tripleFromSystem: fn("lib.systems.parse.tripleFromSystem", 1, ([s]) => tripleFromSystem(s!)),
    mkMuslSystem: fn("lib.systems.parse.mkMuslSystem", 1, ([p]) => {
      const parsed = forceAttrs(p!);
      const m = new Map(parsed.map);
      m.set(
        "abi",
        lazy(() => force(t.abis.get(MUSL[str(parsed, "abi", "name")] ?? "musl")!)),
      );
      m.delete("_type");
      return update(new NixAttrs(m), attrs({ _type: "system" }));
    }),
  });
}

/** `lib.systems.parse.types`: option types, built with the module system's `lib.types`. */
function parseTypes(ctx: LibContext, t: SystemTables): Value {
  const enumOf = (table: NixAttrs) =>
    lazy(() =>
      call(
        get(get(ctx.self(), "types"), "enum"),
        lazy(() => ctx.B.call("attrValues", table)),
      ),
    );
  return attrs({
    significantByte: enumOf(t.significantBytes),
    cpuType: enumOf(t.cpuTypes),
    vendor: enumOf(t.vendors),
    execFormat: enumOf(t.execFormats),
    kernelFamily: enumOf(t.kernelFamilies),
    kernel: enumOf(t.kernels),
    abi: enumOf(t.abis),
  });
}
