/**
 * Collecting modules, as nixpkgs' `collectModules`: load each module (import
 * paths, call functions with their arguments, unify the syntax), recurse into
 * `imports`, drop the modules named by `disabledModules`, and keep each key
 * once, in the order `genericClosure` gives. Module arguments are lazy: an
 * argument that is not in the base arguments (or `specialArgs`) is looked up
 * in `config._module.args` only when the module reads it. A module may also be
 * a native (TypeScript) module, registered with `registerNativeModule`.
 */
import { missingAttr } from "../nix/compile.js";
import { forceAttrs, forceList } from "../nix/ops.js";
import { force, NixAttrs, NixPath, Thunk, typeOf, type Lazy, type Value } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { mkMergeValue } from "./definitions.js";
import {
  attrOr,
  attrs,
  call,
  functionArgsOf,
  isFunctionLike,
  isString,
  isStringLike,
  nixThrow,
  removeAttrs,
  str,
  toStr,
  updateAttrs,
  withContext,
} from "./nix-values.js";
import { escapeNixString, showDefs, showOption } from "./show.js";

export const UNKNOWN_MODULE = "<unknown-file>";

/** A module in canonical form. */
export interface Module {
  readonly file: string;
  readonly key: string;
  readonly class: string | null;
  readonly disabledModules: Lazy[];
  readonly imports: Lazy[];
  /** The option declarations (a set, forced when merged). */
  readonly options: Lazy;
  /** The definitions (a set or properties over sets). */
  readonly config: Lazy;
}

/** What a module function receives, plus what loading needs to know. */
export interface LoadContext {
  readonly ms: ModuleSystem;
  readonly args: NixAttrs;
  readonly class: string | null;
  readonly prefix: readonly string[];
}

export type NativeLoader = (ctx: LoadContext, file: string, key: string) => Module;

const nativeModules = new WeakMap<object, NativeLoader>();

/** Make a value (usually a primop) load through native code when used as a module. */
export function registerNativeModule(v: object, loader: NativeLoader): void {
  nativeModules.set(v, loader);
}

/** Call a module function with its arguments, resolving missing ones from `_module.args`. */
export function applyModuleArgs(key: string, f: Value, args: NixAttrs): Value {
  const fa = functionArgsOf(f);
  if (fa.size === 0) return call(f, args);
  const extra = new Map<string, Lazy>();
  for (const name of fa.map.keys()) {
    extra.set(
      name,
      ctxThunk(`while evaluating the module argument \`${name}' in "${key}":`, () => {
        const given = args.get(name);
        if (given !== undefined) return force(given);
        return withContext(
          "noting that argument `" + name + "` is not externally provided, so querying `_module.args` instead, requiring `config`",
          () => moduleArg(args, name),
        );
      }),
    );
  }
  return call(f, updateAttrs(args, new NixAttrs(extra)));
}

function moduleArg(args: NixAttrs, name: string): Value {
  const cfg = forceAttrs(attrOr(args, "config", NixAttrs.empty));
  const m = forceAttrs(getOrMissing(cfg, "_module"));
  const a = forceAttrs(getOrMissing(m, "args"));
  const v = a.get(name);
  if (v === undefined) {
    const e = missingAttr(a, name);
    e.notes.push(`The module argument \`${name}' was not found: it is neither in \`specialArgs' nor defined in \`_module.args'.`);
    throw e;
  }
  return force(v);
}

function getOrMissing(a: NixAttrs, name: string): Lazy {
  const v = a.get(name);
  if (v === undefined) throw missingAttr(a, name);
  return v;
}

function ctxThunk(message: string, fn: () => Value): Lazy {
  return Thunk.of(() => withContext(message, fn));
}

const FULL_ATTRS = ["_class", "_file", "key", "disabledModules", "imports", "options", "config", "meta", "freeformType"];
const SHORTHAND_REMOVED = ["_class", "_file", "key", "disabledModules", "require", "imports", "freeformType"];

/** nixpkgs' unifyModuleSyntax: a module set in canonical form. */
export function unifyModuleSyntax(ms: ModuleSystem, file: string, key: string, l: Lazy): Module {
  const v = force(l);
  const m = v instanceof NixAttrs ? v : null;
  const fileOf = () => (m && m.has("_file") ? toStr(ms.st, m.get("_file")!) : file);
  const keyOf = () => (m && m.has("key") ? toStr(ms.st, m.get("key")!) : key);
  const classOf = () => {
    const c = m ? force(attrOr(m, "_class", null)) : null;
    return c === null ? null : str(c);
  };
  if (m && (m.has("config") || m.has("options"))) {
    const bad = [...removeAttrs(m, FULL_ATTRS).map.keys()].sort();
    if (bad.length > 0) {
      throw nixThrow(
        `Module \`${key}' has an unsupported attribute \`${bad[0]}'. This is caused by introducing a top-level \`config' or \`options' attribute. Add configuration attributes immediately on the top level instead, or move all of them (namely: ${bad.join(" ")}) into the explicit \`config' attribute.`,
      );
    }
    return {
      file: fileOf(),
      key: keyOf(),
      class: classOf(),
      disabledModules: forceList(attrOr(m, "disabledModules", [])),
      imports: forceList(attrOr(m, "imports", [])),
      options: attrOr(m, "options", NixAttrs.empty),
      config: addFreeformType(m, addMeta(m, attrOr(m, "config", NixAttrs.empty))),
    };
  }
  if (!m) throw nixThrow(`module ${file} (${key}) does not look like a module.`);
  return {
    file: fileOf(),
    key: keyOf(),
    class: classOf(),
    disabledModules: forceList(attrOr(m, "disabledModules", [])),
    imports: [...forceList(attrOr(m, "require", [])), ...forceList(attrOr(m, "imports", []))],
    options: NixAttrs.empty,
    config: addFreeformType(m, removeAttrs(m, SHORTHAND_REMOVED)),
  };
}

function addMeta(m: NixAttrs, config: Lazy): Lazy {
  const meta = m.get("meta");
  return meta === undefined ? config : mkMergeValue([config, attrs({ meta })]);
}

function addFreeformType(m: NixAttrs, config: Lazy): Lazy {
  const ft = m.get("freeformType");
  if (ft === undefined) return config;
  const pos = m.pos?.get("freeformType");
  const inner = new NixAttrs(new Map([["freeformType", ft]]), pos ? new Map([["freeformType", pos]]) : undefined);
  return mkMergeValue([config, attrs({ _module: inner })]);
}

/** nixpkgs' `messages.not_a_module` (without terminal colours). */
function notAModule(fallbackFile: string, type: string, expectedClass: string | null, prefix: readonly string[]): string {
  const into = fallbackFile !== UNKNOWN_MODULE ? `, while trying to load a module into ${fallbackFile}` : "";
  const intoPrefix = prefix.length > 0 ? `, while trying to load a module into ${showOption(prefix)}` : "";
  const paras = [
    `Expected a module, but found a value of type ${escapeNixString(type)}${into}${intoPrefix}.\n` +
      "A module is typically loaded by adding it to the imports = [ ... ]; attribute of an existing module, or in the modules = [ ... ]; argument of various functions.\n" +
      "Please make sure that each of the list items is a module, and not a different kind of value.",
  ];
  if (type === "configuration") {
    paras.push(
      "If you really mean to import this configuration, instead please only import the modules that make up the configuration.\n" +
        "You may have to create a `let` binding, file or attribute to give yourself access to the relevant modules.\n" +
        "While loading a configuration into the module system is a very sensible idea, it can not be done cleanly in practice.",
    );
  } else if (type === "flake") {
    const sel = expectedClass === null ? ".modules.someApp.default" : `.modules.${expectedClass}.default`;
    let p = `Perhaps you forgot to select an attribute name?\nInstead of, for example,\n    inputs.someflake\nyou need to write something like\n    inputs.someflake${sel}`;
    if (expectedClass === "nixos") p += "\nor\n    inputs.someflake.nixosModules.default";
    if (expectedClass === "darwin") p += "\nor\n    inputs.someflake.darwinModules.default";
    paras.push(p);
  }
  return paras.join("\n\n");
}

/** Load one module value: import paths, apply functions, unify. */
export function loadModule(ctx: LoadContext, fallbackFile: string, fallbackKey: string, l: Lazy): Module {
  const m = force(l);
  if (isFunctionLike(m)) {
    const native = nativeModules.get(m as object);
    if (native) return native(ctx, fallbackFile, fallbackKey);
    return unifyModuleSyntax(ctx.ms, fallbackFile, fallbackKey, applyModuleArgs(fallbackKey, m, ctx.args));
  }
  if (m instanceof NixAttrs) {
    const t = m.get("_type");
    const tag = t === undefined ? "module" : str(t);
    if (tag === "module") return unifyModuleSyntax(ctx.ms, fallbackFile, fallbackKey, m);
    if (tag === "if" || tag === "override") return loadModule(ctx, fallbackFile, fallbackKey, attrs({ config: m }));
    throw nixThrow(notAModule(fallbackFile, tag, ctx.class, ctx.prefix));
  }
  if (Array.isArray(m)) {
    throw nixThrow(
      `Module imports can't be nested lists. Perhaps you meant to remove one level of lists? Definitions: ${showDefs([{ file: fallbackFile, value: m }])}`,
    );
  }
  const file = toStr(ctx.ms.st, m);
  const imported = call(ctx.ms.st.builtins.get("import")!, m);
  const native = isFunctionLike(imported) ? nativeModules.get(imported as object) : undefined;
  if (native) return native(ctx, file, file);
  const body = isFunctionLike(imported) ? applyModuleArgs(file, imported, ctx.args) : imported;
  return unifyModuleSyntax(ctx.ms, file, file, body);
}

function checkClass(m: Module, cls: string | null): Module {
  if (cls === null || m.class === null || m.class === cls) return m;
  const c = escapeNixString(m.class);
  const e = escapeNixString(cls);
  throw nixThrow(
    `The module \`${m.file || m.key}\` (class: ${c}) cannot be imported into a module evaluation that expects class ${e}.\n\n` +
      "Help:\n" +
      "- Ensure that you are importing the correct module.\n" +
      `- Verify that the module's \`_class\`, ${c} matches the expected \`class\` ${e}.\n` +
      "- If you are using a custom class, make sure it is correctly defined and used consistently across your modules.\n",
  );
}

/** A module with the modules it imports. */
export interface Structured {
  readonly key: string;
  readonly module: Module;
  readonly modules: Structured[];
}

interface Disabled {
  readonly file: string;
  readonly disabled: Lazy[];
}

function collectStructured(ctx: LoadContext, parentFile: string, parentKey: string, initial: Lazy[], disabled: Disabled[]): Structured[] {
  return initial.map((x, i) => {
    const module = checkClass(loadModule(ctx, parentFile, `${parentKey}:anon-${i + 1}`, x), ctx.class);
    if (module.disabledModules.length > 0) disabled.push({ file: module.file, disabled: module.disabledModules });
    const modules = collectStructured(ctx, module.file, module.key, module.imports, disabled);
    return { key: module.key, module, modules };
  });
}

function isConvertibleWithToString(v: Value): boolean {
  if (isStringLike(v)) return true;
  if (v === null || typeof v === "bigint" || typeof v === "number" || typeof v === "boolean") return true;
  return Array.isArray(v) && v.every((x) => isConvertibleWithToString(force(x)));
}

function disabledKey(ms: ModuleSystem, modulesPath: string, file: string, l: Lazy): string {
  const m = force(l);
  if (isString(m)) {
    const s = str(m);
    return s.startsWith("/") ? s : `${modulesPath}/${s}`;
  }
  if (isConvertibleWithToString(m)) {
    const ts = toStr(ms.st, m);
    if (m instanceof NixAttrs && m.has("key") && toStr(ms.st, m.get("key")!) !== ts) {
      throw nixThrow(
        `Module \`${file}\` contains a disabledModules item that is an attribute set that can be converted to a string (${ts}) but also has a \`.key\` attribute (${toStr(ms.st, m.get("key")!)}) with a different value. This makes it ambiguous which module should be disabled.`,
      );
    }
    return ts;
  }
  if (m instanceof NixAttrs && m.has("key")) return toStr(ms.st, m.get("key")!);
  if (m instanceof NixAttrs) {
    throw nixThrow(
      `Module \`${file}\` contains a disabledModules item that is an attribute set, presumably a module, that does not have a \`key\` attribute. This means that the module system doesn't have any means to identify the module that should be disabled. Make sure that you've put the correct value in disabledModules: a string path relative to modulesPath, a path value, or an attribute set with a \`key\` attribute.`,
    );
  }
  throw nixThrow(
    `Each disabledModules item must be a path, string, or a attribute set with a key attribute, or a value supported by toString. However, one of the disabledModules items in \`${file}\` is none of that, but is of type ${typeOf(m)}.`,
  );
}

export interface Collected {
  /** Unique modules, in genericClosure order. */
  readonly modules: Module[];
  /** The import graph, as `evalModules`' `graph` attribute. */
  readonly graph: () => Lazy[];
}

/** Collect every module reachable from `initial`, minus disabled ones, once per key. */
export function collectModules(ctx: LoadContext, modulesPath: string, initial: Lazy[]): Collected {
  const disabledList: Disabled[] = [];
  const tree = collectStructured(ctx, UNKNOWN_MODULE, "", initial, disabledList);
  let keys: Set<string> | undefined;
  const isDisabled = (s: Structured) => {
    keys ??= new Set(disabledList.flatMap((d) => d.disabled.map((x) => disabledKey(ctx.ms, modulesPath, d.file, x))));
    return keys.has(s.key);
  };
  const seen = new Set<string>();
  const modules: Module[] = [];
  const queue: Structured[] = tree.filter((s) => !isDisabled(s));
  for (let i = 0; i < queue.length; i++) {
    const s = queue[i]!;
    if (seen.has(s.key)) continue;
    seen.add(s.key);
    modules.push(s.module);
    for (const c of s.modules) if (!isDisabled(c)) queue.push(c);
  }
  const toGraph = (s: Structured): Lazy =>
    attrs({ disabled: isDisabled(s), key: s.key, file: s.module.file, imports: s.modules.map(toGraph) });
  return { modules, graph: () => tree.filter((s) => s.key !== "lib/modules.nix").map(toGraph) };
}

export { NixPath };
