/**
 * From `home.file` entries to the link farm's inputs. Targets are made
 * relative to the home directory (an absolute target inside home loses its
 * prefix, as Home Manager's `target` option does); a target that leaves home
 * (`../x`, `/etc/x`) or names home itself is rejected here, before anything is
 * built. Duplicate targets are refused. Entries are sorted by target length
 * (stable), so a directory comes before files placed inside it. A host path
 * is put into the store under the sanitised name of its base name, a store
 * path (ours or Nix's) is used as it is, and a text is kept to be written
 * straight into the link farm (one file instead of a store path plus a link
 * to it: the content is the same, and half the file-system work). Systemd user
 * units become files under `<xdg.configHome>/systemd/user`, with the
 * `<target>.wants` / `.requires` links their `[Install]` section asks for.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isInStore } from "../nix/store/paths.js";
import type { HomeStore } from "../store/home-store.js";
import { parseUnit } from "../activation/systemd-switch.js";
import { BuildError, type HomeFileSpec, type HomeGeneration } from "./home-config.js";

/** What a `home.file` entry provides: a store path, or a text written straight into the link farm. */
export type FileSource = { readonly kind: "path"; readonly path: string } | { readonly kind: "text"; readonly text: string };

/** A `home.file` entry ready to be linked. */
export interface LinkSpec {
  readonly name: string;
  /** Relative to home, normalised. */
  readonly target: string;
  readonly source: FileSource;
  readonly executable: boolean | null;
  readonly recursive: boolean;
  readonly ignorelinks: boolean;
  readonly onChange: string;
  readonly force: boolean;
}

/** `lib.hm.strings.storeFileName`: `hm_` and the name without unsafe characters. */
export function storeFileName(name: string): string {
  return "hm_" + name.replace(/[^A-Za-z0-9+._?=]/g, "");
}

/** nixpkgs' `mkPathSafeName` for unit file names. */
function pathSafeName(name: string): string {
  return name.replace(/[@:\\]/g, "-").replace(/[[\]]/g, "");
}

/** The target relative to `home`, or a BuildError when it is not inside it. */
export function relativeTarget(home: string, target: string): string {
  // Fast path: an already normal relative path (no `.`/`..` segments, no `//`).
  if (!target.startsWith("/") && target !== "" && !/(^|\/)\.{1,2}(\/|$)|\/\/|\/$/.test(target)) return target;
  const abs = path.posix.normalize(target.startsWith("/") ? target : `${home}/${target}`).replace(/\/+$/, "");
  if (!abs.startsWith(home + "/") || abs.length === home.length + 1)
    throw new BuildError(`Error installing file '${target}' outside $HOME`);
  return abs.slice(home.length + 1);
}

const NIX_STORE = "/nix/store";

function importSource(store: HomeStore, spec: HomeFileSpec, name: string): FileSource {
  if (spec.text !== undefined && spec.text !== null) return { kind: "text", text: spec.text };
  return { kind: "path", path: importPath(store, spec, name) };
}

function importPath(store: HomeStore, spec: HomeFileSpec, name: string): string {
  const src = spec.source;
  if (src === undefined || src === null) throw new BuildError(`The option \`home.file."${name}".source' is used but not defined.`);
  if (!path.isAbsolute(src)) throw new BuildError(`The source of home.file."${name}" must be an absolute path: '${src}'`);
  if (isInStore(src, store.storeDir) || isInStore(src, NIX_STORE)) {
    // A missing path inside an existing store object gives a dangling link, as Home Manager's `ln -s` does.
    const dir = isInStore(src, store.storeDir) ? store.storeDir : NIX_STORE;
    const object = `${dir}/${src.slice(dir.length + 1).split("/")[0]!}`;
    if (fs.lstatSync(src, { throwIfNoEntry: false }) === undefined && fs.lstatSync(object, { throwIfNoEntry: false }) === undefined)
      throw new BuildError(`The source of home.file."${name}" does not exist: '${src}'`);
    return src;
  }
  if (fs.lstatSync(src, { throwIfNoEntry: false }) === undefined)
    throw new BuildError(`The source of home.file."${name}" does not exist: '${src}'`);
  return store.addSource(src, storeFileName(path.basename(src)));
}

/** Unit files as `home.file` entries under `<configHomeRel>/systemd/user`. */
function unitSpecs(store: HomeStore, g: HomeGeneration, configHomeRel: string): HomeFileSpec[] {
  const units = g.systemd?.enable === false ? {} : (g.systemd?.units ?? {});
  const dir = (configHomeRel === "" ? "" : configHomeRel + "/") + "systemd/user";
  const specs: HomeFileSpec[] = [];
  for (const name of Object.keys(units).sort()) {
    const text = units[name]!;
    // Inside a directory, so the link's final target still carries the unit's name.
    const pkg = store.addTextTree(pathSafeName(name), { [name]: text });
    const source = `${pkg}/${name}`;
    specs.push({ name: `${dir}/${name}`, target: `${dir}/${name}`, source });
    const install = parseUnit(text).get("Install");
    for (const [key, variant] of [
      ["WantedBy", "wants"],
      ["RequiredBy", "requires"],
    ] as const) {
      for (const t of (install?.get(key) ?? []).flatMap((v) => v.split(/\s+/)).filter((x) => x !== "")) {
        specs.push({ name: `${dir}/${t}.${variant}/${name}`, target: `${dir}/${t}.${variant}/${name}`, source });
      }
    }
  }
  return specs;
}

/** All enabled files, normalised, imported and sorted by target length. */
export function linkSpecs(store: HomeStore, g: HomeGeneration, configHomeRel: string): LinkSpec[] {
  const home = g.homeDirectory;
  const all = [...(g.files ?? []), ...unitSpecs(store, g, configHomeRel)].filter((f) => f.enable !== false);
  const seen = new Map<string, number>();
  const prepared = all.map((f) => {
    const target = relativeTarget(home, f.target);
    seen.set(target, (seen.get(target) ?? 0) + 1);
    return { f, target };
  });
  const dups = [...seen].filter(([, n]) => n > 1).map(([t]) => t);
  if (dups.length > 0) throw new BuildError(`Conflicting managed target files: ${dups.sort().join(", ")}`);
  const specs = prepared.map(({ f, target }) => {
    const name = f.name ?? f.target;
    return {
      name,
      target,
      source: importSource(store, f, name),
      executable: f.executable ?? null,
      recursive: f.recursive ?? false,
      ignorelinks: f.ignorelinks ?? false,
      onChange: f.onChange ?? "",
      force: f.force ?? false,
    };
  });
  // Array.prototype.sort is stable, like Nix's sort.
  return specs.sort((a, b) => a.target.length - b.target.length);
}
