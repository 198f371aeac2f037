/**
 * Modules written in TypeScript, lazy by construction. A module declares its
 * options as a typed object and its definitions as a function returning a map
 * from option path to a thunk (or value), possibly under `mkIf(() => …)`:
 *
 *   defineModule({
 *     file: "modules/programs/fzf.ts", path: "programs.fzf",
 *     options: { enable: mkEnableOption("fzf"), … },
 *     config: ({ cfg }) => mkIf(() => cfg.enable, {
 *       "home.packages": () => [cfg.package],
 *       "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, "…"),
 *     }),
 *   })
 *
 * Calling `config` reads nothing: `cfg` is a lazy typed view, forced per
 * option when a thunk reads it, so the module system learns which options a
 * module defines without running the code that computes them, and TS and Nix
 * modules can read each other's options in any direction. A TS module is a
 * Nix value (a function) usable wherever a module is, in one `evalModules`
 * with Nix modules.
 */
import { forceAttrs } from "../nix/ops.js";
import { force, NixAttrs, PrimOp, type Lazy } from "../nix/values.js";
import { splitAttrPath } from "../nix/auto-call.js";
import type { ModuleSystem } from "./context.js";
import { applyModuleArgs, registerNativeModule, type LoadContext, type Module } from "./collect-modules.js";
import { mkMergeValue } from "./definitions.js";
import { attrOr, attrs, lazy, prim, select, selectPath } from "./nix-values.js";
import { mkOption } from "./option-decls.js";
import { AnyOptionDecl, TsType, type DefaultArgs, type OptionsDecl, type Values } from "./ts-types.js";
import { propertyToNix, toJs, toNix, TsProperty, type AttrsView, type JsValue } from "./ts-view.js";

/** Untyped access to the whole configuration, forced at each call. */
export interface ConfigView {
  /** The value at a dotted path (`"programs.bash.enable"`, quotes allowed: `home.file.".x".text`). */
  get(path: string): JsValue;
  bool(path: string): boolean;
  str(path: string): string;
}

/** What a TypeScript module's `config` function receives. */
export interface ModuleArgs<V> {
  /** This module's own options (at `path`), typed from its declarations; lazy. */
  readonly cfg: V;
  readonly config: ConfigView;
  /** The package set (`_module.args.pkgs`), forced on first attribute read. */
  readonly pkgs: AttrsView;
  /** `lib`, for Nix functions a module wants to call. */
  readonly lib: NixAttrs;
  /** Any module argument, by name. */
  arg(name: string): JsValue;
}

/** Definitions: option path → thunk or value, or properties over such maps. */
export type Definitions = { readonly [path: string]: unknown } | TsProperty;

export interface ModuleSpec<O extends OptionsDecl> {
  /** Shown as the file of declarations and definitions in errors. */
  readonly file: string;
  /** Identity for `imports` deduplication and `disabledModules` (default: `file`). */
  readonly key?: string;
  /** Where `options` are declared and what `cfg` shows (dotted path; default: the root). */
  readonly path?: string;
  readonly options?: O;
  readonly imports?: readonly (TsModule<OptionsDecl> | Lazy)[];
  readonly config?: (args: ModuleArgs<Values<O>>) => Definitions;
}

/** A typed lazy view of a declaration tree over the configuration at `path`. */
function typedView<O extends OptionsDecl>(decls: O, value: () => Lazy): Values<O> {
  const cache = new Map<string, unknown>();
  return new Proxy(Object.create(null) as Values<O>, {
    get(_t, key) {
      if (typeof key !== "string" || !(key in decls)) return undefined;
      if (cache.has(key)) return cache.get(key);
      const d = decls[key]!;
      const sub = () => select(value(), key);
      const v = d instanceof AnyOptionDecl ? toJs(sub()) : typedView(d, sub);
      cache.set(key, v);
      return v;
    },
    has: (_t, key) => typeof key === "string" && key in decls,
    ownKeys: () => Object.keys(decls),
    getOwnPropertyDescriptor: (_t, key) => (typeof key === "string" && key in decls ? { enumerable: true, configurable: true } : undefined),
  });
}

/** An attribute-set view forced on first read. */
function lazyAttrsView(get: () => Lazy): AttrsView {
  let view: AttrsView | undefined;
  const real = () => (view ??= toJs(get()) as AttrsView);
  return new Proxy(Object.create(null) as AttrsView, {
    get: (_t, key) => Reflect.get(real(), key),
    has: (_t, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_t, key) => Reflect.getOwnPropertyDescriptor(real(), key),
  });
}

function configView(config: Lazy): ConfigView {
  const get = (path: string) => toJs(selectPath(config, splitAttrPath(path)));
  return {
    get,
    bool: (p) => get(p) === true,
    str: (p) => String(get(p)),
  };
}

/** The argument named `name` as a module function would receive it. */
function moduleArg(ctx: LoadContext, key: string, name: string): Lazy {
  const probe = new PrimOp("arg", 1, ([a]) => force(select(a!, name)));
  const formals = attrs({ [name]: false });
  return lazy(() => applyModuleArgs(key, withFormals(probe, formals), ctx.args));
}

/** A function with `__functionArgs`, so `applyModuleArgs` resolves its arguments lazily. */
function withFormals(f: PrimOp, formals: NixAttrs): NixAttrs {
  return attrs({ __functor: prim("functor", 2, ([, a]) => force(f.fn([a!], undefined))), __functionArgs: formals });
}

function declsToNix(ms: ModuleSystem, decls: OptionsDecl, dargs: DefaultArgs): NixAttrs {
  const m = new Map<string, Lazy>();
  for (const [k, d] of Object.entries(decls))
    m.set(k, d instanceof AnyOptionDecl ? lazy(() => optionToNix(ms, d, dargs)) : lazy(() => declsToNix(ms, d, dargs)));
  return new NixAttrs(m);
}

function optionToNix(ms: ModuleSystem, d: AnyOptionDecl, dargs: DefaultArgs): NixAttrs {
  const s = d.spec;
  const f: Record<string, Lazy> = { type: s.type.build(ms).facade() };
  if ("default" in s) {
    const dv = s.default;
    f.default = typeof dv === "function" ? lazy(() => force(toNix((dv as (a: DefaultArgs) => unknown)(dargs)))) : toNix(dv);
  }
  if (s.defaultText !== undefined) f.defaultText = attrs({ _type: "literalExpression", text: s.defaultText });
  if (s.example !== undefined) f.example = toNix(s.example);
  if (s.description !== undefined) f.description = s.description;
  if (s.readOnly !== undefined) f.readOnly = s.readOnly;
  if (s.internal !== undefined) f.internal = s.internal;
  if (s.visible !== undefined) f.visible = s.visible;
  if (s.apply) {
    const apply = s.apply;
    f.apply = prim("apply", 1, ([x]) => force(toNix((apply as (v: JsValue) => unknown)(toJs(x!)))));
  }
  return mkOption(attrs(f));
}

/** Nest `a.b.c = v` entries into sets; a path that is also a prefix of another is merged with mkMerge. */
function defsToNix(d: Definitions): Lazy {
  if (d instanceof TsProperty) return propertyToNix(d, (c) => defsToNix(c as Definitions));
  const root = new Map<string, Lazy>();
  const extra: Lazy[] = [];
  for (const [path, v] of Object.entries(d)) {
    const parts = splitAttrPath(path);
    const value = typeof v === "function" ? lazy(() => force(toNix((v as () => unknown)()))) : toNix(v);
    let m = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const cur = m.get(parts[i]!);
      if (cur === undefined || !(cur instanceof NixAttrs)) {
        if (cur !== undefined) extra.push(nest(parts.slice(0, i + 1), cur));
        const next = new NixAttrs(new Map());
        m.set(parts[i]!, next);
        m = next.map;
      } else m = cur.map;
    }
    const last = parts[parts.length - 1]!;
    if (m.has(last)) extra.push(nest(parts, value));
    else m.set(last, value);
  }
  const top = new NixAttrs(root);
  return extra.length === 0 ? top : mkMergeValue([top, ...extra]);
}

function nest(path: readonly string[], v: Lazy): Lazy {
  let x = v;
  for (let i = path.length - 1; i >= 0; i--) x = attrs({ [path[i]!]: x });
  return x;
}

function nestDecls(path: readonly string[], tree: Lazy): Lazy {
  return path.length === 0 ? tree : nest(path, tree);
}

/** A TypeScript module: a Nix module value plus typed access to its options. */
export class TsModule<O extends OptionsDecl> {
  readonly path: readonly string[];
  /** The module as a Nix value (usable in `imports` and `evalModules`). */
  readonly value: PrimOp;

  constructor(readonly spec: ModuleSpec<O>) {
    this.path = spec.path ? splitAttrPath(spec.path) : [];
    this.value = new PrimOp(`module ${spec.file}`, 1, () => {
      throw new Error(`the TypeScript module ${spec.file} is loaded by evalModules, not called`);
    });
    registerNativeModule(this.value, (ctx, file, key) => this.load(ctx, file, key));
  }

  /** This module's options in a configuration, typed (lazy). */
  cfg(config: Lazy): Values<O> {
    return typedView(this.spec.options ?? ({} as O), () => selectPath(config, this.path));
  }

  private load(ctx: LoadContext, _file: string, _key: string): Module {
    const s = this.spec;
    const key = s.key ?? s.file;
    const arg = (name: string) => moduleArg(ctx, key, name);
    const config = lazy(() => force(attrOr(ctx.args, "config", NixAttrs.empty)));
    const pkgs = lazyAttrsView(() => arg("pkgs"));
    const dargs: DefaultArgs = { pkgs, arg: (n) => toJs(arg(n)) };
    const margs: ModuleArgs<Values<O>> = {
      cfg: this.cfg(config),
      config: configView(config),
      pkgs,
      lib: forceAttrs(attrOr(ctx.args, "lib", NixAttrs.empty)),
      arg: (n) => toJs(arg(n)),
    };
    return {
      file: s.file,
      key,
      class: null,
      disabledModules: [],
      imports: (s.imports ?? []).map((m) => (m instanceof TsModule ? m.value : m)),
      options: lazy(() => force(nestDecls(this.path, declsToNix(ctx.ms, s.options ?? {}, dargs)))),
      config: lazy(() => (s.config ? force(defsToNix(s.config(margs))) : NixAttrs.empty)),
    };
  }
}

/** Define a TypeScript module. */
export function defineModule<O extends OptionsDecl>(spec: ModuleSpec<O>): TsModule<O> {
  return new TsModule(spec);
}

/** `t.submodule({ … })`: a submodule type from a declaration object, typed. */
export function submoduleOf<O extends OptionsDecl>(options: O, file = "<typescript submodule>"): TsType<Values<O>> {
  const m = defineModule({ file, options });
  return new TsType<Values<O>>((ms) => ms.types.submodule([m.value]));
}
