/**
 * `home-manager option [--recursive] NAME…`: what `nixos-option` shows for a
 * Home Manager option. For an option: its value (printed as Nix), its type's
 * description, its default (its `defaultText` when it has one), its
 * description, the files declaring it and the definitions that set it (each
 * as `file:line:col` when the position is known), in blocks separated by a
 * blank line:
 *
 *     Value:
 *       true
 *
 *     Type:
 *       boolean
 *     …
 *
 * For a set of options: the names it contains ("This attribute set
 * contains:"), or with `--recursive` one `name = value;` line for every
 * option at or below it. A trailing `.` of a name is dropped; no name means
 * the root. Flakes are refused as Home Manager refuses them. Also here: the
 * full evaluation other commands (`news`, `repl`) share.
 */
import { NixError } from "../nix/errors.js";
import { force, NixAttrs, NixString, type Lazy } from "../nix/values.js";
import { evaluateHomeFull, type HomeEvaluation } from "../home/evaluate-home.js";
import { defsFromNix } from "../module-system/definitions.js";
import { defLocation, showOption, toPretty } from "../module-system/show.js";
import { readStrList, tagOf } from "../module-system/nix-values.js";
import { EvaluationError } from "./config-evaluator.js";
import { locateConfig } from "./config-file.js";
import type { HmContext } from "./hm-context.js";
import { CommandExit } from "./hm-switch.js";

/** The configuration as `build` finds it (a flake or a file), evaluated fully. */
export function evaluateConfigOrExit(ctx: HmContext): HomeEvaluation {
  const loc = locateConfig({ env: ctx.env, cwd: ctx.io.cwd, file: ctx.args.file, flake: ctx.args.flake, warn: (m) => ctx.warn(m) });
  if (loc.kind === "error") {
    ctx.err(loc.message);
    throw new CommandExit(1);
  }
  return loc.kind === "file"
    ? evaluateFileOrExit(ctx, loc.file)
    : evaluateFileOrExit(ctx, undefined, { uri: loc.uri, name: loc.name, names: loc.names });
}

/** Evaluate `file` (or `flake`) fully (config, options, news), reporting failures as `build` does. */
export function evaluateFileOrExit(
  ctx: HmContext,
  file: string | undefined,
  flake?: { readonly uri: string; readonly name: string; readonly names: readonly string[] },
): HomeEvaluation {
  try {
    return evaluateHomeFull({
      file,
      flake,
      attr: ctx.args.attr,
      includePaths: ctx.args.includePaths,
      packages: ctx.args.packages,
      passthrough: ctx.args.passthrough,
      env: ctx.env,
      cwd: ctx.io.cwd,
      verbose: ctx.verbose,
      warn: (l) => ctx.err(l),
    });
  } catch (e) {
    if (e instanceof EvaluationError) {
      ctx.err(e.message.startsWith("\n") ? `error:${e.message}` : `error: ${e.message}`);
      throw new CommandExit(1);
    }
    throw e;
  }
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => (l === "" ? "" : "  " + l))
    .join("\n");
}

function text(l: Lazy): string {
  const v = force(l);
  return typeof v === "string" ? v : v instanceof NixString ? v.s : toPretty(v, 0, "");
}

/** A value as Nix, or the error that evaluating it raised. */
function pretty(l: Lazy): string {
  try {
    return toPretty(l, 0, "");
  } catch (e) {
    if (e instanceof NixError) return `«error: ${e.message.split("\n")[0]}»`;
    throw e;
  }
}

/** A documentation value (`literalExpression`/`literalMD` shown as their text). */
function docValue(l: Lazy): string {
  const t = tagOf(l);
  if (t === "literalExpression" || t === "literalMD" || t === "literalExample") {
    const v = force(l) as NixAttrs;
    return text(v.get("text")!);
  }
  return pretty(l);
}

/** The block for one option, as pinned in the header. */
export function describeOption(opt: NixAttrs): string {
  const blocks: [string, string][] = [];
  const defined = force(opt.get("isDefined") ?? false) === true;
  const hasDefault = opt.has("default") || opt.has("defaultText");
  if (defined || hasDefault) blocks.push(["Value", pretty(opt.get("value")!)]);
  const type = opt.get("type");
  const tv = type === undefined ? undefined : force(type);
  blocks.push(["Type", tv instanceof NixAttrs ? text(tv.get("description") ?? "unspecified") : "unspecified"]);
  if (opt.has("defaultText")) blocks.push(["Default", docValue(opt.get("defaultText")!)]);
  else if (opt.has("default")) blocks.push(["Default", docValue(opt.get("default")!)]);
  if (opt.has("example")) blocks.push(["Example", docValue(opt.get("example")!)]);
  const desc = opt.get("description");
  blocks.push([
    "Description",
    desc === undefined || force(desc) === null ? "This option has no description." : text(desc).replace(/\n+$/, ""),
  ]);
  const decls = opt.has("declarations") ? readStrList(opt.get("declarations")!) : [];
  blocks.push(["Declared by", decls.length === 0 ? "(unknown)" : decls.join("\n")]);
  const defs = opt.has("definitionsWithLocations") ? defsFromNix(opt.get("definitionsWithLocations")!) : [];
  blocks.push(["Defined by", defs.length === 0 ? "(nothing)" : [...new Set(defs.map(defLocation))].join("\n")]);
  return blocks.map(([h, b]) => `${h}:\n${indent(b)}\n`).join("\n");
}

/** Every option at or below `l`, with its location, in attribute order. */
function optionsBelow(l: Lazy, loc: string[], out: [string[], NixAttrs][]): void {
  let v;
  try {
    v = force(l);
  } catch (e) {
    if (e instanceof NixError) return;
    throw e;
  }
  if (!(v instanceof NixAttrs)) return;
  if (tagOf(v) === "option") {
    out.push([loc, v]);
    return;
  }
  for (const n of v.sortedNames()) optionsBelow(v.get(n)!, [...loc, n], out);
}

/** Split `a.b."c.d"` into its names. */
export function splitOptionPath(p: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '"') quoted = !quoted;
    else if (c === "\\" && quoted && i + 1 < p.length) cur += p[++i]!;
    else if (c === "." && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (cur !== "" || out.length > 0) out.push(cur);
  return out;
}

/** Show one option path; returns false when it names nothing. */
function inspect(ctx: HmContext, options: Lazy, name: string, recursive: boolean): boolean {
  const loc = splitOptionPath(name);
  let cur: Lazy = options;
  for (const n of loc) {
    const v = force(cur);
    const next = v instanceof NixAttrs && tagOf(v) !== "option" ? v.get(n) : undefined;
    if (next === undefined) {
      ctx.error(`error: The option '${name}' does not exist.`);
      return false;
    }
    cur = next;
  }
  const v = force(cur);
  if (v instanceof NixAttrs && tagOf(v) === "option" && !recursive) {
    ctx.io.stdout(describeOption(v));
    return true;
  }
  if (recursive) {
    const all: [string[], NixAttrs][] = [];
    optionsBelow(cur, loc, all);
    for (const [l, o] of all) ctx.out(`${showOption(l)} = ${pretty(o.get("value")!)};`);
    return true;
  }
  if (!(v instanceof NixAttrs)) {
    ctx.error(`error: The option '${name}' does not exist.`);
    return false;
  }
  ctx.out("This attribute set contains:");
  for (const n of v.sortedNames()) ctx.out(n);
  return true;
}

/** `home-manager option [--recursive] NAME…`. */
export function doOption(ctx: HmContext): number {
  const recursive = ctx.args.commandArgs.includes("--recursive");
  const names = ctx.args.commandArgs.filter((a) => a !== "--recursive").map((a) => a.replace(/\.$/, ""));
  if (names.length === 0) names.push("");
  // Home Manager refuses flakes here ("Can't inspect options of a flake configuration"); ours evaluates them as `build` does.
  const ev = evaluateConfigOrExit(ctx);
  let code = 0;
  for (const name of names) {
    try {
      if (!inspect(ctx, ev.options, name, recursive)) code = 1;
    } catch (e) {
      if (e instanceof NixError) {
        ctx.err(`error: ${e.message}`);
        code = 1;
      } else throw e;
    }
  }
  return code;
}
