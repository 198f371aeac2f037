/**
 * The data the manual is made of: every visible, non-internal option of the
 * catalog (name, location, type description, rendered default and example,
 * description, declaring files, read-only flag) and the news entries, read
 * from an evaluation of the catalog made for documentation — as Home Manager
 * builds its manual from its modules with a fixed configuration, not from the
 * user's — through the module system's `optionAttrSetToDocList`. The result
 * depends on this installation's code (and the system) only, so it is
 * computed once per process and shared by every evaluation in it. A default
 * or example that fails to evaluate is left out, and so is an option whose
 * entry fails, so one broken option does not stop a build.
 */
import { forceAttrs, forceList } from "../../nix/ops.js";
import { force, NixAttrs, NixString, type Lazy } from "../../nix/values.js";
import { attrs, call, select } from "../../module-system/nix-values.js";
import { HM_RELEASE } from "../misc/version.js";

/** A default or example as the documentation shows it. */
export interface RenderedValue {
  /** `literalExpression` (Nix code) or `literalMD` (Markdown). */
  readonly type: string;
  readonly text: string;
}

export interface OptionDoc {
  readonly name: string;
  readonly loc: readonly string[];
  readonly type: string;
  readonly description: string | null;
  readonly default?: RenderedValue;
  readonly example?: RenderedValue;
  readonly declarations: readonly string[];
  readonly readOnly: boolean;
}

export interface NewsDoc {
  readonly id: string;
  readonly time: string;
  readonly message: string;
}

export interface ManualData {
  readonly options: readonly OptionDoc[];
  readonly news: readonly NewsDoc[];
}

function text(l: Lazy): string {
  const v = force(l);
  if (typeof v === "string") return v;
  if (v instanceof NixString) return v.s;
  if (v instanceof NixAttrs && v.has("text")) return text(v.get("text")!);
  return String(v);
}

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function rendered(l: Lazy): RenderedValue {
  const v = forceAttrs(l);
  return { type: v.has("_type") ? text(v.get("_type")!) : "literalExpression", text: text(v.get("text")!) };
}

function optionDoc(entry: NixAttrs): OptionDoc | undefined {
  if (force(entry.get("internal")!) === true || force(entry.get("visible")!) === false) return undefined;
  const description = force(entry.get("description")!);
  const dflt = entry.has("default") ? attempt(() => rendered(entry.get("default")!)) : undefined;
  const example = entry.has("example") ? attempt(() => rendered(entry.get("example")!)) : undefined;
  return {
    name: text(entry.get("name")!),
    loc: forceList(entry.get("loc")!).map(text),
    type: attempt(() => text(entry.get("type")!)) ?? "unspecified",
    description: description === null ? null : text(description),
    ...(dflt === undefined ? {} : { default: dflt }),
    ...(example === undefined ? {} : { example }),
    declarations: attempt(() => forceList(entry.get("declarations")!).map(text)) ?? [],
    readOnly: force(entry.get("readOnly")!) === true,
  };
}

/** The configuration the documentation evaluation is made with. */
function docsConfig(pkgs: Lazy): NixAttrs {
  return attrs({
    _file: "modules/manual.ts#documentation",
    config: attrs({
      home: attrs({ username: "hm-user", homeDirectory: "/home/hm-user", stateVersion: HM_RELEASE }),
      _module: attrs({ args: attrs({ pkgs }) }),
    }),
  });
}

function newsOf(config: Lazy): NewsDoc[] {
  const entries = attempt(() => forceList(select(select(config, "news"), "entries"))) ?? [];
  return entries.flatMap((e) => {
    const d = attempt(() => ({ id: text(select(e, "id")), time: text(select(e, "time")), message: text(select(e, "message")) }));
    return d === undefined ? [] : [d];
  });
}

const memo = new Map<string, ManualData>();

/**
 * The manual's data for `system`: `modules` (the catalog) evaluated with
 * `lib.evalModules` and a fixed configuration, `pkgs` given to them.
 */
export function manualData(lib: Lazy, modules: () => readonly Lazy[], pkgs: Lazy, system: string): ManualData {
  const known = memo.get(system);
  if (known !== undefined) return known;
  const evaluation = forceAttrs(
    call(select(lib, "evalModules"), attrs({ modules: [...modules(), docsConfig(pkgs)], class: "homeManager" })),
  );
  const list = forceList(call(select(lib, "optionAttrSetToDocList"), evaluation.get("options")!));
  const options = list
    // An option whose entry cannot be evaluated is left out: the manual must not stop a build.
    .map((e) => attempt(() => optionDoc(forceAttrs(e))))
    .filter((o): o is OptionDoc => o !== undefined)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const data = { options, news: newsOf(evaluation.get("config")!) };
  memo.set(system, data);
  return data;
}
