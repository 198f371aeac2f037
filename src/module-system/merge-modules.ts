/**
 * nixpkgs' `mergeModules'`: walk the option declarations of all modules level
 * by level, pairing them with the definitions found at the same path. A name
 * whose declarations are options becomes an `OptionValue`; a name declared as
 * a tree recurses. Everything is lazy per name: reading `config.a.b` forces
 * the declarations on the way to `a.b` and the definitions of `a.b`, never
 * unrelated definitions. Definitions without a declaration are collected as
 * "unmatched" (for `freeformType` or the "does not exist" error).
 */
import { forceAttrs } from "../nix/ops.js";
import type { Span } from "../nix/source.js";
import { force, NixAttrs, typeOf, type Lazy } from "../nix/values.js";
import type { ModuleSystem } from "./context.js";
import { pushDownProperties, type Def } from "./definitions.js";
import { attrOr, attrs, lazy, nixThrow, str, tagOf } from "./nix-values.js";
import { fixupOptionType, mergeOptionDecls, mkOption, OptionValue, type DeclEntry } from "./option-decls.js";
import { wrapType } from "./option-type.js";
import { escapeNixIdentifier, showOption } from "./show.js";

/** Definitions (pushed down) of one module at a path. */
export interface ConfigEntry {
  readonly file: string;
  readonly config: Lazy;
  readonly pos?: Span;
}

/** A definition no option matched, with the path (below the node) where it left declared territory. */
export interface UnmatchedDef extends Def {
  readonly prefix: readonly string[];
}

function declarationTypeError(loc: readonly string[], tag: string, file: string): Error {
  const name = escapeNixIdentifier(loc[loc.length - 1]!);
  const paras = [
    `In module ${file}: expected an option declaration at option path \`${showOption(loc)}\` but got an attribute set with type ${tag}`,
  ];
  if (tag === "option-type") {
    const comment = loc.length > 1 ? `\n    # ${showOption(loc)}` : "";
    paras.push(
      "When declaring an option, you must wrap the type in a `mkOption` call. It should look somewhat like:\n" +
        `    ${comment}\n` +
        `    ${name} = lib.mkOption {\n` +
        "      description = ...;\n" +
        `      type = <the type you wrote for ${name}>;\n` +
        "      ...\n" +
        "    };\n",
    );
  }
  return nixThrow(paras.join("\n\n"));
}

/** An option whose declarations are merged only when it is read. */
export class OptionLeaf {
  private value: OptionValue | undefined;
  constructor(private readonly make: () => OptionValue) {}
  get(): OptionValue {
    return (this.value ??= this.make());
  }
}

/** The common answer of `unmatched()` (never mutated). */
const NONE_UNMATCHED: UnmatchedDef[] = [];

export class ModuleNode {
  private decls: Map<string, DeclEntry[]> | undefined;
  private raw: Map<string, Def[]> | undefined;
  private readonly results = new Map<string, OptionLeaf | ModuleNode>();
  private configList: ConfigEntry[] | undefined;
  private optionsCache: NixAttrs | undefined;
  private configCache: NixAttrs | undefined;

  constructor(
    readonly ms: ModuleSystem,
    readonly prefix: readonly string[],
    readonly declSources: readonly DeclEntry[],
    private readonly getConfigs: () => ConfigEntry[],
  ) {}

  /** The (pushed-down) definitions at this path, computed on first use. */
  get configs(): readonly ConfigEntry[] {
    return (this.configList ??= this.getConfigs());
  }

  /** name → the declarations of that name, in module order. */
  declsByName(): Map<string, DeclEntry[]> {
    if (this.decls) return this.decls;
    const out = new Map<string, DeclEntry[]>();
    for (const d of this.declSources) {
      const sub = force(d.options);
      if (!(sub instanceof NixAttrs)) {
        throw nixThrow(
          `An option declaration for \`${this.prefix.join(".")}' has type\n\`${typeOf(sub)}' rather than an attribute set.\nDid you mean to define this outside of \`options'?\n`,
        );
      }
      for (const [n, o] of sub.map) {
        const entry = { file: d.file, pos: sub.pos?.get(n), options: o };
        // A one-element literal for the first (and usually only) entry: an
        // array grown by `push` from empty keeps room for 17 for the whole run.
        const l = out.get(n);
        if (l) l.push(entry);
        else out.set(n, [entry]);
      }
    }
    return (this.decls = out);
  }

  /** name → the raw definitions of that name. */
  rawDefs(): Map<string, Def[]> {
    if (this.raw) return this.raw;
    const out = new Map<string, Def[]>();
    for (const c of this.configs) {
      const v = force(c.config);
      if (!(v instanceof NixAttrs)) {
        const p = this.prefix.join(".");
        throw nixThrow(
          `In module \`${c.file}', you're trying to define a value of type \`${typeOf(v)}'\nrather than an attribute set for the option\n\`${p}'!\n\n` +
            `This usually happens if \`${p}' has option\ndefinitions inside that are not matched. Please check how to properly define\nthis option by e.g. referring to \`man 5 configuration.nix'!\n`,
          c.pos,
        );
      }
      for (const [n, x] of v.map) {
        const def = { file: c.file, value: x, pos: v.pos?.get(n) ?? c.pos };
        const l = out.get(n);
        if (l) l.push(def);
        else out.set(n, [def]);
      }
    }
    return (this.raw = out);
  }

  private pushedDefs(name: string): ConfigEntry[] {
    const out: ConfigEntry[] = [];
    for (const d of this.rawDefs().get(name) ?? []) {
      for (const c of pushDownProperties(d.value)) out.push({ file: d.file, config: c, pos: d.pos });
    }
    return out;
  }

  /** The option or sub-tree for a declared name. */
  result(name: string): OptionLeaf | ModuleNode {
    let r = this.results.get(name);
    if (!r) {
      r = this.computeResult(name);
      this.results.set(name, r);
    }
    return r;
  }

  private computeResult(name: string): OptionLeaf | ModuleNode {
    const loc = this.prefix.concat(name);
    const decls = this.declsByName().get(name)!;
    // Usually every declaration is an option: then `decls` itself, no filtered copy.
    let optionCount = 0;
    for (let i = 0; i < decls.length; i++) {
      const d = decls[i]!;
      const tag = tagOf(d.options);
      if (tag === undefined) continue;
      if (tag !== "option") throw declarationTypeError(loc, tag, d.file);
      optionCount++;
    }
    const optionDecls = optionCount === decls.length ? decls : decls.filter((d) => tagOf(d.options) === "option");
    const defs = () => (this.configs.length === 0 ? [] : (this.rawDefs().get(name) ?? []));
    if (optionDecls.length === decls.length) {
      return new OptionLeaf(() => new OptionValue(this.ms, loc, fixupOptionType(this.ms, mergeOptionDecls(this.ms, loc, decls)), defs()));
    }
    if (optionDecls.length > 0) {
      if (optionDecls.every((d) => typeNameOf(d.options) === "submodule")) {
        const asOptions = decls.map((d) => (tagOf(d.options) === "option" ? d : this.treeToOption(d)));
        return new OptionLeaf(
          () => new OptionValue(this.ms, loc, fixupOptionType(this.ms, mergeOptionDecls(this.ms, loc, asOptions)), defs()),
        );
      }
      const first = optionDecls[0]!;
      const desc = typeDescriptionOr(first.options);
      const nonOptions = decls.filter((d) => tagOf(d.options) !== "option");
      const lines = nonOptions.flatMap((d) =>
        [...forceAttrs(d.options).map.keys()].map((p) => ` - option(s) with prefix \`${showOption([...loc, p])}' in module \`${d.file}'`),
      );
      lines.sort();
      throw nixThrow(
        `The option \`${showOption(loc)}' in module \`${first.file}' would be a parent of the following options, but its type \`${desc}' does not support nested options.\n${lines.join("\n")}`,
      );
    }
    return new ModuleNode(this.ms, loc, decls, () => (this.configs.length === 0 ? [] : this.pushedDefs(name)));
  }

  /** A bare tree of options declared beside a submodule option becomes part of that submodule. */
  private treeToOption(d: DeclEntry): DeclEntry {
    const type = this.ms.types.submoduleWith({
      modules: [attrs({ options: d.options })],
      specialArgs: NixAttrs.empty,
      shorthandOnlyDefinesConfig: null,
      description: null,
      class: null,
    });
    return { file: d.file, pos: d.pos, options: mkOption(attrs({ type: type.facade() })) };
  }

  /** The options tree (`options`), lazily per name. */
  options(): NixAttrs {
    if (this.optionsCache) return this.optionsCache;
    const m = new Map<string, Lazy>();
    for (const n of this.declsByName().keys()) {
      m.set(
        n,
        lazy(() => {
          const r = this.result(n);
          return r instanceof OptionLeaf ? r.get().facade() : r.options();
        }),
      );
    }
    return (this.optionsCache = new NixAttrs(m));
  }

  /** The declared config tree, lazily per name. */
  config(): NixAttrs {
    if (this.configCache) return this.configCache;
    const m = new Map<string, Lazy>();
    for (const n of this.declsByName().keys()) {
      m.set(
        n,
        lazy(() => {
          const r = this.result(n);
          return r instanceof OptionLeaf ? force(r.get().value) : r.config();
        }),
      );
    }
    return (this.configCache = new NixAttrs(m));
  }

  /** Definitions no declaration matched, sorted by the name they were under. */
  unmatched(): UnmatchedDef[] {
    if (this.configs.length === 0) return NONE_UNMATCHED;
    // Allocated only once something is unmatched (this walks every node of every configuration).
    let byName: Map<string, UnmatchedDef[]> | undefined;
    const decls = this.declsByName();
    decls.forEach((_d, n) => {
      const r = this.result(n);
      if (r instanceof ModuleNode) {
        const u = r.unmatched();
        if (u.length > 0)
          (byName ??= new Map()).set(
            n,
            u.map((d) => ({ ...d, prefix: [n, ...d.prefix] })),
          );
      }
    });
    this.rawDefs().forEach((defs, n) => {
      if (!decls.has(n))
        (byName ??= new Map()).set(
          n,
          defs.map((d) => ({ ...d, prefix: [n] })),
        );
    });
    if (byName === undefined) return NONE_UNMATCHED;
    const found = byName;
    return [...found.keys()].sort().flatMap((n) => found.get(n)!);
  }
}

function typeNameOf(l: Lazy): string | null {
  const t = forceAttrs(l).get("type");
  if (t === undefined) return null;
  const n = forceAttrs(t).get("name");
  return n === undefined ? null : str(n);
}

function typeDescriptionOr(l: Lazy): string {
  const t = forceAttrs(l).get("type");
  if (t === undefined) return "<no description>";
  return str(attrOr(forceAttrs(t), "description", "<no description>"));
}

export { wrapType };
