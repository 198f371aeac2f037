/**
 * Shared tools for the catalog's TypeScript modules: the `lib.types` that the
 * typed `t` does not cover (`nonEmptyStr`, `ints.unsigned`, `coercedTo`,
 * `oneOf`, `hm.types.dagOf`, submodules with a freeform type, …), modules
 * built once per evaluation (for option types that, as in Home Manager, close
 * over other options such as `home.homeDirectory`), lazy reads of the
 * configuration as Nix values, and calls into `lib`. Nothing here forces a
 * value before the module system asks for it.
 */
import { callFunction, forceAttrs } from "../nix/ops.js";
import { force, NixAttrs, NixPath, NixString, PrimOp, type Lazy, type Value } from "../nix/values.js";
import { splitAttrPath } from "../nix/auto-call.js";
import {
  defineModule,
  option,
  TsType,
  toJs,
  toNix,
  wrapType,
  type AttrsView,
  type JsValue,
  type ModuleSystem,
  type OptionsDecl,
} from "../module-system/index.js";
import { attrs, lazy, nixThrow, select, selectPath } from "../module-system/nix-values.js";
import { originOf } from "../module-system/ts-view.js";
import type { DefaultArgs } from "../module-system/ts-types.js";

/** A type built from the module system's type library. */
function native<T>(pick: (ms: ModuleSystem) => ReturnType<TsType<T>["build"]>): TsType<T> {
  return new TsType<T>(pick);
}

/** `lib.hm.types.<name>` applied to `args`, as a native type. */
function hmType(ms: ModuleSystem, name: string, ...args: Lazy[]): Value {
  const fn = select(select(select(ms.lib(), "hm"), "types"), name);
  let v = force(fn);
  for (const a of args) v = callFunction(v, a);
  return v;
}

/** Any TypeScript module, whatever its options (TsModule<O> is invariant in O). */
export interface AnyModule {
  readonly value: Lazy;
  readonly spec: { readonly file: string };
}

/** Types beyond `t`, named as in `lib.types`. */
export const ty = {
  nonEmptyStr: native<string>((ms) => ms.types.nonEmptyStr),
  unspecified: native<JsValue>((ms) => ms.types.unspecified),
  pathInStore: native<string>((ms) => ms.types.pathInStore),
  unsigned: native<number>((ms) => ms.types.ints.unsigned!),
  /** `enum [ … ]` whose members may include `null`. */
  enumOf: <const V extends readonly (string | null)[]>(values: V) => new TsType<V[number]>((ms) => ms.types.enum([...values])),
  /** `oneOf [ … ]`. */
  oneOf: <T>(types: readonly TsType<unknown>[]) => new TsType<T>((ms) => ms.types.oneOf(types.map((x) => x.build(ms)))),
  /** `coercedTo from f to`, `f` a TypeScript function of the view. */
  coercedTo: <F, T>(from: TsType<F>, f: (v: F) => unknown, to: TsType<T>) =>
    new TsType<T>((ms) =>
      ms.types.coercedTo(
        from.build(ms),
        toNix((v: JsValue) => f(v as F)),
        to.build(ms),
      ),
    ),
  /** `lib.hm.types.dagOf t`: entries `{ data; after; before; }`. */
  dagOf: <T>(elem: TsType<T>) =>
    new TsType<Readonly<Record<string, DagEntry<T>>>>((ms) => wrapType(ms, hmType(ms, "dagOf", elem.build(ms).facade()))),
  /** `lib.hm.types.<name>` (no arguments). */
  hm: <T>(name: string) => new TsType<T>((ms) => wrapType(ms, select(select(select(ms.lib(), "hm"), "types"), name))),
  /** `submodule [ m … ]`, optionally with a freeform type (`freeformType = …`). */
  submodule: <T>(m: AnyModule | readonly AnyModule[], freeform?: TsType<unknown>, description?: string) =>
    new TsType<T>((ms) => {
      const list = Array.isArray(m) ? (m as readonly AnyModule[]) : [m as AnyModule];
      const modules: Lazy[] = list.map((x) => x.value);
      if (freeform) modules.push(attrs({ _file: list[0]!.spec.file, freeformType: lazy(() => freeform.build(ms).facade()) }));
      const sub = ms.types.submodule(modules);
      return description === undefined ? sub : ms.types.override(sub, { description });
    }),
  /** A type with another description (`t // { description = …; }`). */
  described: <T>(base: TsType<T>, description: string) => new TsType<T>((ms) => ms.types.override(base.build(ms), { description })),
};

/** One entry of a `dagOf` option. */
export interface DagEntry<T> {
  readonly data: T;
  readonly after: readonly string[];
  readonly before: readonly string[];
}

/** What a per-evaluation module factory receives: the module arguments of this evaluation. */
export interface EvalArgs {
  /** The whole configuration, as a Nix value (forced lazily). */
  readonly config: Lazy;
  /** `lib` of this evaluation. */
  readonly lib: Lazy;
  /** The value of the option at a dotted path, as a view (forced when called). */
  get(path: string): JsValue;
  /** Whether the configuration has a value set at this dotted path (forcing the sets on the way). */
  has(path: string): boolean;
  /** `pkgs` (`_module.args.pkgs`), forced when called. */
  pkgs(): AttrsView;
}

/**
 * A module built anew for each evaluation, so the option types it declares
 * can close over this evaluation's configuration (Home Manager's `fileType`
 * closes over `home.homeDirectory` the same way). The result is an ordinary
 * Nix module function; `make` runs when the module system loads it.
 */
export function perEvaluation(file: string, make: (a: EvalArgs) => AnyModule | readonly Lazy[]): PrimOp {
  return new PrimOp(`module ${file}`, 1, ([a]) => {
    const args = forceAttrs(a!);
    const config = args.get("config") ?? NixAttrs.empty;
    const lib = args.get("lib") ?? NixAttrs.empty;
    const ea: EvalArgs = {
      config,
      lib,
      get: (path) => toJs(selectPath(config, splitAttrPath(path))),
      has: (path) => {
        let cur: Value = force(config);
        for (const p of splitAttrPath(path)) {
          if (!(cur instanceof NixAttrs)) return false;
          const next = cur.get(p);
          if (next === undefined) return false;
          cur = force(next);
        }
        return true;
      },
      pkgs: () => toJs(selectPath(config, ["_module", "args", "pkgs"])) as AttrsView,
    };
    const made = make(ea);
    const imports = Array.isArray(made) ? (made as readonly Lazy[]) : [(made as AnyModule).value];
    return attrs({ _file: file, imports: imports.slice() });
  });
}

/**
 * The option type of `pkgs.formats.<name> args` of this evaluation (so that
 * `settings` take exactly the values the file format can write); any value
 * when the package set has no such format (a bare stand-in set).
 */
export function formatType(a: EvalArgs, name: string, args: Readonly<Record<string, unknown>> = {}): TsType<JsValue> {
  return new TsType<JsValue>((ms) => {
    const formats = a.pkgs().formats as AttrsView | undefined;
    const fmt = formats?.[name];
    const type = fmt === undefined ? null : (toJs(callFunction(force(toNix(fmt)), toNix(args))) as AttrsView).type;
    const isType = type !== null && typeof type === "object" && (type as AttrsView)._type === "option-type";
    return isType ? wrapType(ms, toNix(type)) : ms.types.anything;
  });
}

/** `lib.<path>` called with `args` (TypeScript values converted), as a view. */
export function libCall(lib: Lazy | NixAttrs, path: string, ...args: unknown[]): JsValue {
  let f: Value = force(selectPath(lib, splitAttrPath(path)));
  for (const a of args) f = callFunction(f, toNix(a));
  return toJs(f);
}

/** Is an option declared at this dotted path? (Reads the declarations, never the configuration.) */
export function isDeclared(options: JsValue, path: string): boolean {
  let cur: JsValue = options;
  for (const p of splitAttrPath(path)) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur) || !(p in (cur as AttrsView))) return false;
    cur = (cur as AttrsView)[p]!;
  }
  return true;
}

/** `lib.versionAtLeast` for Home Manager state versions (`YY.MM`). */
export function versionAtLeast(v: string, min: string): boolean {
  const a = v.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** Nix's `toString` of a view: packages give their `outPath`, paths their text, bools `1`/``. */
export function nixToString(v: JsValue): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "1" : "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return v.map(nixToString).join(" ");
  return String(v);
}

/** A Nix string or path value's text (for values read straight from Nix). */
export function textOfValue(v: Value): string | undefined {
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  if (v instanceof NixPath) return v.path;
  return undefined;
}

/** Call a Nix function seen as a view with curried arguments. */
export function callFn(f: JsValue | undefined, ...args: unknown[]): JsValue {
  let v: JsValue | undefined = f;
  for (const a of args) {
    if (typeof v !== "function") throw nixThrow(`expected a function but found ${v === null ? "null" : typeof v}`);
    v = v(a);
  }
  return v ?? null;
}

/** `lib.escapeShellArg`: unchanged when made of safe characters only, else single-quoted. */
export function escapeShellArg(s: string): string {
  return /^[A-Za-z0-9,._+:@%/-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

/**
 * `lib.mkRemovedOptionModule` with instructions computed only when shown
 * (Home Manager's mention `home.profileDirectory`, which a module's imports
 * must not force): the old option stays declared, invisible; defining it
 * fails the assertion, reading it fails with the instructions.
 */
export function removedOptionModule(file: string, optionPath: string, instructions: () => string): AnyModule {
  const segments = splitAttrPath(optionPath);
  let decls: OptionsDecl = {
    [segments[segments.length - 1]!]: option({
      type: ty.unspecified,
      visible: false,
      apply: () => {
        throw nixThrow(`The option \`${optionPath}' can no longer be used since it's been removed. ${instructions()}`);
      },
    }),
  };
  for (let i = segments.length - 2; i >= 0; i--) decls = { [segments[i]!]: decls };
  return defineModule({
    file,
    key: `${file}#removed:${optionPath}`,
    options: decls,
    config: ({ arg }) => ({
      assertions: () => {
        let opt = arg("options") as AttrsView;
        for (const s of segments) opt = opt[s] as AttrsView;
        const files = (opt.files as readonly string[]).map((f) => `\`${f}'`).join(", ");
        return [
          {
            assertion: opt.isDefined !== true,
            message: `The option definition \`${optionPath}' in ${files} no longer has any effect; please remove it.\n${instructions()}\n`,
          },
        ];
      },
    }),
  });
}

/** Call a Nix function or functor set (package stand-ins are sets with `__functor`) with curried arguments. */
export function callNix(f: JsValue | undefined, ...args: unknown[]): JsValue {
  let v: Value = force(toNix(f));
  for (const x of args) v = callFunction(v, toNix(x));
  return toJs(v);
}

/**
 * The Nix value of attribute `name` of the set behind a view — so that a path
 * stays a path (and interpolating it copies it to the store).
 */
export function rawAttr(view: unknown, name: string): Lazy {
  const origin = originOf(view);
  const v = origin === undefined ? undefined : force(origin);
  if (!(v instanceof NixAttrs) || !v.has(name)) throw new Error(`no attribute '${name}' behind this view`);
  return v.get(name)!;
}

/** Is this an empty attribute set (`x == { }`, a test Home Manager's conditions often make)? */
export function isEmpty(v: unknown): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0;
}

/**
 * `toString set.<name>` computed by `lib.toString` on the attribute's Nix value
 * itself: a view turns the float `0.0` into the JavaScript number `0`, which
 * would print as `0` where Nix prints `0.000000`.
 */
export function toStringOfAttr(lib: Lazy | NixAttrs, set: unknown, name: string): string {
  const libSet = force(lib) as NixAttrs;
  const fn = force(libSet.get("toString")!);
  return String(toJs(callFunction(fn, rawAttr(set, name))));
}

/** The target graphical user services bind to when nothing more specific is known. */
export const GRAPHICAL_SESSION_TARGET = "graphical-session.target";

/**
 * The default systemd target of a Wayland service: `wayland.systemd.target`
 * where a module declares it (as Home Manager's Wayland window-manager
 * modules do), else the graphical session.
 */
export function waylandSystemdTarget(d: DefaultArgs): string {
  if (!isDeclared(d.arg("options"), "wayland.systemd.target")) return GRAPHICAL_SESSION_TARGET;
  return String((d.arg("config") as { wayland: { systemd: { target: string } } }).wayland.systemd.target);
}
