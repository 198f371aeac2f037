/**
 * `lib.systems`: `parse`, `inspect`, `elaborate`, `doubles` (the system
 * doubles nixpkgs supports, and per-family selections of them), `equals`,
 * `flakeExposed`, `systemToAttrs`, `examples`, `platforms` and
 * `architectures`. Tables are built once per `lib`, on first use.
 */
import { eqValues } from "../../nix/ops.js";
import { matchAttrs } from "../attrsets.js";
import { attrs, fn, force, get, lazy, NixAttrs, type Lazy, type LibContext, type Value } from "../prim.js";
import { architecturesNamespace } from "./architectures.js";
import { elaborate, FUNCTION_NAMES } from "./elaborate.js";
import { EXAMPLES, type ExampleValue } from "./examples.js";
import { buildPatterns, inspectNamespace, matchAny } from "./inspect.js";
import { doubleFromSystem, mkSystemFromString, parseNamespace, SystemTables } from "./parse.js";

/** Every system double nixpkgs knows, in its order. */
export const ALL_DOUBLES = [
  "i686-cygwin",
  "x86_64-cygwin",
  "x86_64-darwin",
  "aarch64-darwin",
  "i686-freebsd",
  "x86_64-freebsd",
  "aarch64-freebsd",
  "aarch64-genode",
  "i686-genode",
  "x86_64-genode",
  "x86_64-solaris",
  "javascript-ghcjs",
  "aarch64-linux",
  "arc-linux",
  "armv5tel-linux",
  "armv6l-linux",
  "armv7a-linux",
  "armv7l-linux",
  "i686-linux",
  "loongarch64-linux",
  "m68k-linux",
  "sh4-linux",
  "microblaze-linux",
  "microblazeel-linux",
  "mips-linux",
  "mips64-linux",
  "mips64el-linux",
  "mipsel-linux",
  "powerpc-linux",
  "powerpc64-linux",
  "powerpc64le-linux",
  "riscv32-linux",
  "riscv64-linux",
  "s390-linux",
  "s390x-linux",
  "x86_64-linux",
  "mmix-mmixware",
  "aarch64-netbsd",
  "armv6l-netbsd",
  "armv7a-netbsd",
  "armv7l-netbsd",
  "i686-netbsd",
  "m68k-netbsd",
  "mipsel-netbsd",
  "powerpc-netbsd",
  "riscv32-netbsd",
  "riscv64-netbsd",
  "x86_64-netbsd",
  "aarch64_be-none",
  "aarch64-none",
  "arm-none",
  "armv6l-none",
  "avr-none",
  "i686-none",
  "microblaze-none",
  "microblazeel-none",
  "mips-none",
  "mips64-none",
  "msp430-none",
  "or1k-none",
  "m68k-none",
  "powerpc-none",
  "powerpcle-none",
  "riscv32-none",
  "riscv64-none",
  "rx-none",
  "s390-none",
  "s390x-none",
  "vc4-none",
  "x86_64-none",
  "i686-openbsd",
  "x86_64-openbsd",
  "x86_64-redox",
  "wasm64-wasi",
  "wasm32-wasi",
  "aarch64-windows",
  "x86_64-windows",
  "i686-windows",
  "aarch64-uefi",
  "x86_64-uefi",
];

/** Doubles selected by an inspect pattern: name in `lib.systems.doubles` to pattern name. */
const DOUBLE_FILTERS: [string, string][] = [
  ["arm", "isAarch32"],
  ["armv7", "isArmv7"],
  ["aarch", "isAarch"],
  ["aarch64", "isAarch64"],
  ["x86", "isx86"],
  ["i686", "isi686"],
  ["x86_64", "isx86_64"],
  ["microblaze", "isMicroBlaze"],
  ["mips", "isMips"],
  ["mmix", "isMmix"],
  ["power", "isPower"],
  ["riscv", "isRiscV"],
  ["riscv32", "isRiscV32"],
  ["riscv64", "isRiscV64"],
  ["rx", "isRx"],
  ["vc4", "isVc4"],
  ["or1k", "isOr1k"],
  ["m68k", "isM68k"],
  ["arc", "isArc"],
  ["sh4", "isSh4"],
  ["s390", "isS390"],
  ["s390x", "isS390x"],
  ["loongarch64", "isLoongArch64"],
  ["js", "isJavaScript"],
  ["bigEndian", "isBigEndian"],
  ["littleEndian", "isLittleEndian"],
  ["cygwin", "isCygwin"],
  ["darwin", "isDarwin"],
  ["freebsd", "isFreeBSD"],
  ["illumos", "isSunOS"],
  ["linux", "isLinux"],
  ["netbsd", "isNetBSD"],
  ["openbsd", "isOpenBSD"],
  ["unix", "isUnix"],
  ["wasi", "isWasi"],
  ["redox", "isRedox"],
  ["windows", "isWindows"],
  ["genode", "isGenode"],
  ["uefi", "isUefi"],
  ["embedded", "isNone"],
];

/** `lib.systems.flakeExposed`: the systems nixpkgs' flake exposes packages for. */
export const FLAKE_EXPOSED: readonly string[] = [
  "x86_64-linux",
  "aarch64-linux",
  "x86_64-darwin",
  "armv6l-linux",
  "armv7l-linux",
  "i686-linux",
  "aarch64-darwin",
  "powerpc64le-linux",
  "riscv64-linux",
  "x86_64-freebsd",
];

const GNU_ABIS = ["gnu", "gnueabi", "gnueabihf", "gnuabin32", "gnuabi64", "gnuabielfv1", "gnuabielfv2"];

function doubles(t: SystemTables, patterns: NixAttrs): NixAttrs {
  const parsed = ALL_DOUBLES.map((d) => mkSystemFromString(t, d));
  const select = (test: (p: NixAttrs) => boolean): Lazy[] => parsed.filter(test).map((p) => doubleFromSystem(p));
  const m = new Map<string, Lazy>();
  m.set("all", ALL_DOUBLES.slice());
  m.set("none", []);
  for (const [name, pattern] of DOUBLE_FILTERS)
    m.set(
      name,
      lazy(() => select((p) => matchAny(patterns.get(pattern)!, p))),
    );
  m.set(
    "gnu",
    lazy(() => GNU_ABIS.flatMap((abi) => select((p) => matchAttrs(attrs({ kernel: t.kernels.get("linux")!, abi: t.abis.get(abi)! }), p)))),
  );
  return new NixAttrs(m);
}

export function systems(ctx: LibContext): Value {
  const t = new SystemTables();
  const patterns = buildPatterns(t);
  const data = { t, patterns };
  const systemToAttrs = (x: Lazy) => {
    const v = force(x);
    return v instanceof NixAttrs ? v : attrs({ system: v });
  };
  return attrs({
    parse: () => parseNamespace(ctx, t),
    inspect: () => inspectNamespace(ctx, patterns),
    doubles: () => doubles(t, patterns),
    elaborate: fn("lib.systems.elaborate", 1, ([s]) => elaborate(ctx, data, s!)),
    equals: fn("lib.systems.equals", 2, ([a, b]) => eqValues(get(a!, "_withoutFunctions"), get(b!, "_withoutFunctions"))),
    flakeExposed: FLAKE_EXPOSED.slice(),
    functionNames: FUNCTION_NAMES.slice(),
    systemToAttrs: fn("lib.systems.systemToAttrs", 1, ([x]) => systemToAttrs(x!)),
    examples: () => attrs(Object.fromEntries(Object.entries(EXAMPLES).map(([k, v]) => [k, exampleValue(v)]))),
    platforms: () => platformsNamespace(),
    architectures: () => architecturesNamespace(),
  });
}

function exampleValue(v: ExampleValue): Value {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return BigInt(v);
  return attrs(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, exampleValue(x)])));
}

function platformsNamespace(): Value {
  const gcc = (g: Record<string, Lazy>) => attrs({ gcc: attrs(g) });
  const armv7 = gcc({ arch: "armv7-a", fpu: "vfpv3-d16" });
  return attrs({
    "armv5tel-multiplatform": gcc({ arch: "armv5te" }),
    raspberrypi: gcc({ arch: "armv6kz", fpu: "vfpv2" }),
    raspberrypi2: armv7,
    "armv7l-hf-multiplatform": armv7,
    "aarch64-multiplatform": gcc({ arch: "armv8-a" }),
    "apple-m1": gcc({ arch: "armv8.3-a+crypto+sha2+aes+crc+fp16+lse+simd+ras+rdm+rcpc", cpu: "apple-a13" }),
    "loongarch64-multiplatform": gcc({ arch: "la64v1.0", "strict-align": false, cmodel: "medium" }),
  });
}
