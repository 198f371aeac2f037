/**
 * Option types for TypeScript modules, typed: each `TsType<T>` builds the
 * native `lib.types` type when a module is loaded and carries, for the
 * compiler only, the TypeScript type `T` of its values as `cfg` shows them
 * (`t.listOf(t.str)` is `TsType<readonly string[]>`). Declarations made with
 * `option()` keep that type, so a module's `cfg` is typed from its own
 * declaration object.
 */
import type { Lazy } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { wrapType, type OptionType } from "./option-type.js";
import type { AttrsView, JsValue } from "./ts-view.js";

/** A type of option values whose TypeScript view is `T`. */
export class TsType<T> {
  /** Phantom: the TypeScript type of values (never set). */
  declare readonly valueType: T;
  constructor(readonly build: (ms: ModuleSystem) => OptionType) {}
}

function leaf<T>(pick: (ms: ModuleSystem) => OptionType): TsType<T> {
  return new TsType<T>(pick);
}

/** What `option({ … })` declares. */
export interface OptionSpec<T> {
  readonly type: TsType<T>;
  /** The default value, or a function of the module arguments computing it (called lazily). */
  readonly default?: T | ((args: DefaultArgs) => T);
  readonly defaultText?: string;
  readonly example?: unknown;
  readonly description?: string;
  readonly readOnly?: boolean;
  readonly internal?: boolean;
  readonly visible?: boolean | "shallow" | "transparent";
  readonly apply?: (value: T) => unknown;
}

/** What a default function receives. */
export interface DefaultArgs {
  readonly pkgs: AttrsView;
  /** Any module argument (`config` included), as a view. */
  arg(name: string): JsValue;
}

/** What every declaration's spec is, whatever its value type. */
export interface AnyOptionSpec {
  readonly type: TsType<unknown>;
  readonly default?: unknown;
  readonly defaultText?: string;
  readonly example?: unknown;
  readonly description?: string;
  readonly readOnly?: boolean;
  readonly internal?: boolean;
  readonly visible?: boolean | "shallow" | "transparent";
  readonly apply?: (value: never) => unknown;
}

/** A declaration of some value type (the base of `OptionDecl<T>`). */
export class AnyOptionDecl {
  constructor(readonly spec: AnyOptionSpec) {}
}

/** An option declaration of a TypeScript module. */
export class OptionDecl<T> extends AnyOptionDecl {
  declare readonly valueType: T;
  declare readonly spec: OptionSpec<T>;
}

/** A tree of declarations. */
export interface OptionsDecl {
  readonly [name: string]: AnyOptionDecl | OptionsDecl;
}

/** The values of a declaration tree, as `cfg` shows them. */
export type Values<O> = {
  readonly [K in keyof O]: O[K] extends OptionDecl<infer T> ? T : Values<O[K]>;
};

export function option<T>(spec: OptionSpec<T>): OptionDecl<T> {
  return new OptionDecl<T>(spec);
}

/** `mkEnableOption name`: a boolean, false by default. */
export function mkEnableOption(name: string): OptionDecl<boolean> {
  return option({ type: t.bool, default: false, example: true, description: `Whether to enable ${name}.` });
}

/** `mkPackageOption pkgs name {}`: a package defaulting to `pkgs.<name>`. */
export function mkPackageOption(
  name: string | readonly string[],
  opts: { nullable?: boolean; extraDescription?: string } = {},
): OptionDecl<AttrsView> {
  const path = typeof name === "string" ? [name] : name;
  const shown = path[path.length - 1]!;
  return option<AttrsView>({
    type: opts.nullable ? (t.nullOr(t.package) as unknown as TsType<AttrsView>) : t.package,
    default: (args) => {
      let v: JsValue = args.pkgs;
      for (const p of path) v = (v as AttrsView)[p]!;
      return v as AttrsView;
    },
    defaultText: `pkgs.${path.join(".")}`,
    description: `The ${shown} package to use.` + (opts.extraDescription ? ` ${opts.extraDescription}` : ""),
  });
}

export const t = {
  bool: leaf<boolean>((ms) => ms.types.bool),
  int: leaf<number>((ms) => ms.types.int),
  float: leaf<number>((ms) => ms.types.float),
  number: leaf<number>((ms) => ms.types.number),
  port: leaf<number>((ms) => ms.types.port),
  str: leaf<string>((ms) => ms.types.str),
  lines: leaf<string>((ms) => ms.types.lines),
  commas: leaf<string>((ms) => ms.types.commas),
  path: leaf<string>((ms) => ms.types.path),
  package: leaf<AttrsView>((ms) => ms.types.package),
  attrs: leaf<AttrsView>((ms) => ms.types.attrs),
  anything: leaf<JsValue>((ms) => ms.types.anything),
  raw: leaf<JsValue>((ms) => ms.types.raw),
  listOf: <T>(e: TsType<T>) => new TsType<readonly T[]>((ms) => ms.types.listOf(e.build(ms))),
  attrsOf: <T>(e: TsType<T>) => new TsType<Readonly<Record<string, T>>>((ms) => ms.types.attrsOf(e.build(ms))),
  lazyAttrsOf: <T>(e: TsType<T>) => new TsType<Readonly<Record<string, T>>>((ms) => ms.types.lazyAttrsOf(e.build(ms))),
  nullOr: <T>(e: TsType<T>) => new TsType<T | null>((ms) => ms.types.nullOr(e.build(ms))),
  either: <A, B>(a: TsType<A>, b: TsType<B>) => new TsType<A | B>((ms) => ms.types.either(a.build(ms), b.build(ms))),
  enum: <const V extends readonly string[]>(values: V) => new TsType<V[number]>((ms) => ms.types.enum(values.slice())),
  /** A type given as a Nix type value (e.g. one of `lib.hm.types`). */
  nix: (type: Lazy) => new TsType<JsValue>((ms) => wrapType(ms, type)),
};
