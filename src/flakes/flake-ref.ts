/**
 * Flake references, as `flake.nix` inputs and `--flake` name them: the URL
 * forms (`path:`, plain paths, `git+file:`, `github:`, `gitlab:`,
 * `sourcehut:`, `git+https:`, tarball URLs, registry names such as `nixpkgs`
 * or `home-manager/master`) and the attribute form (`{ type = "github";
 * owner = …; repo = …; }`), reduced to one shape: a type and its attributes,
 * as Nix's `fetchTree` takes them. Local references (a directory on this
 * machine) are used in place; the others need Nix to fetch them.
 */
import * as path from "node:path";

export type FlakeAttrs = Readonly<Record<string, string | number | boolean>>;

export interface FlakeRef {
  /** `path`, `git`, `github`, `gitlab`, `sourcehut`, `tarball`, `file`, `mercurial` or `indirect`. */
  readonly type: string;
  readonly attrs: FlakeAttrs;
  /** The subdirectory holding `flake.nix` (`?dir=`). */
  readonly dir: string;
  /** How the user wrote it (for messages). */
  readonly text: string;
}

export class FlakeRefError extends Error {}

function query(q: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of q.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    out[k] = decodeURIComponent(eq < 0 ? "" : part.slice(eq + 1));
  }
  return out;
}

/** Split `url?query` and pull `dir` out of the query. */
function splitQuery(s: string): { base: string; params: Record<string, string> } {
  const q = s.indexOf("?");
  return q < 0 ? { base: s, params: {} } : { base: s.slice(0, q), params: query(s.slice(q + 1)) };
}

/** Query parameters Nix keeps among a reference's attributes (the rest, such as `dir`, are ours to read). */
function withParams(
  attrs: Record<string, string | number | boolean>,
  params: Record<string, string>,
): Record<string, string | number | boolean> {
  for (const [k, v] of Object.entries(params)) {
    if (k === "dir") continue;
    if (k === "revCount" || k === "lastModified") attrs[k] = Number(v);
    else if (k === "submodules" || k === "shallow" || k === "allRefs") attrs[k] = v === "1" || v === "true";
    else attrs[k] = v;
  }
  return attrs;
}

const REV = /^[0-9a-f]{40}$/;

/**
 * Parse a flake reference written as a URL or path. `base` is the directory
 * relative paths start from (the flake's own directory for inputs, the current
 * directory for `--flake`).
 */
export function parseFlakeRef(text: string, base: string): FlakeRef {
  const { base: url, params } = splitQuery(text);
  const dir = params.dir ?? "";
  const make = (type: string, attrs: Record<string, string | number | boolean>): FlakeRef => ({
    type,
    attrs: withParams({ type, ...attrs }, params),
    dir,
    text,
  });
  if (url.startsWith("path:")) return make("path", { path: path.resolve(base, url.slice(5)) });
  if (url.startsWith("/") || url.startsWith(".") || url === "~" || url.startsWith("~/")) {
    const p = url.startsWith("~") ? path.join(process.env.HOME ?? "/", url.slice(1)) : path.resolve(base, url);
    return make("path", { path: p });
  }
  if (url.startsWith("git+file://")) return make("git", { url: url.slice(4) });
  if (/^git\+(https?|ssh|git):\/\//.test(url)) return make("git", { url: url.slice(4) });
  if (/^hg\+(https?|ssh|file):\/\//.test(url)) return make("mercurial", { url: url.slice(3) });
  if (/^tarball\+/.test(url)) return make("tarball", { url: url.slice(8) });
  if (/^file\+/.test(url)) return make("file", { url: url.slice(5) });
  const forge = /^(github|gitlab|sourcehut):([^/]+)\/([^/]+)(?:\/(.+))?$/.exec(url);
  if (forge !== null) {
    const [, type, owner, repo, refOrRev] = forge;
    const attrs: Record<string, string> = { owner: owner!, repo: repo! };
    if (refOrRev !== undefined) attrs[REV.test(refOrRev) ? "rev" : "ref"] = refOrRev;
    return make(type!, attrs);
  }
  if (/^https?:\/\//.test(url)) {
    return make(/\.(tar(\.[a-z0-9]+)?|tgz|zip)$/.test(url) ? "tarball" : "file", { url });
  }
  const indirect = /^(?:flake:)?([a-zA-Z][a-zA-Z0-9_-]*)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(url);
  if (indirect !== null) {
    const [, id, a, b] = indirect;
    const attrs: Record<string, string> = { id: id! };
    if (a !== undefined) attrs[REV.test(a) ? "rev" : "ref"] = a;
    if (b !== undefined) attrs.rev = b;
    return make("indirect", attrs);
  }
  throw new FlakeRefError(`'${text}' is not a flake reference this version understands`);
}

/** A reference given as attributes (`inputs.x = { type = "github"; owner = …; }`). */
export function flakeRefOfAttrs(attrs: FlakeAttrs, base: string): FlakeRef {
  const type = String(attrs.type ?? "");
  if (type === "") throw new FlakeRefError("a flake input given as attributes needs a 'type'");
  const a: Record<string, string | number | boolean> = { ...attrs };
  const dir = typeof a.dir === "string" ? a.dir : "";
  delete a.dir;
  if (type === "path" && typeof a.path === "string") a.path = path.resolve(base, a.path);
  return { type, attrs: a, dir, text: describe(a) };
}

/** A reference written back as a URL (for messages and for Nix's command line). */
export function describe(a: FlakeAttrs): string {
  const extra = (skip: string[]): string => {
    const q = Object.entries(a)
      .filter(([k]) => !skip.includes(k) && k !== "type")
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
    return q.length === 0 ? "" : `?${q.join("&")}`;
  };
  switch (a.type) {
    case "path":
      return `path:${String(a.path)}${extra(["path"])}`;
    case "github":
    case "gitlab":
    case "sourcehut":
      return `${a.type}:${String(a.owner)}/${String(a.repo)}${a.rev !== undefined ? `/${String(a.rev)}` : a.ref !== undefined ? `/${String(a.ref)}` : ""}${extra(["owner", "repo", "rev", "ref"])}`;
    case "git":
      return `git+${String(a.url)}${extra(["url"])}`;
    case "mercurial":
      return `hg+${String(a.url)}${extra(["url"])}`;
    case "indirect":
      return `${String(a.id)}${a.ref !== undefined ? `/${String(a.ref)}` : ""}${a.rev !== undefined ? `/${String(a.rev)}` : ""}`;
    default:
      return `${String(a.url ?? a.type)}`;
  }
}

/** The directory a local reference names (`path:` and `git+file:`), else undefined. */
export function localDir(ref: FlakeRef): string | undefined {
  const a = ref.attrs;
  if (ref.type === "path" && typeof a.path === "string") return a.path;
  if (ref.type === "git" && typeof a.url === "string" && a.url.startsWith("file://") && a.rev === undefined && a.ref === undefined)
    return decodeURIComponent(a.url.slice(7));
  return undefined;
}

/** Does this reference name Home Manager itself (`github:nix-community/home-manager`, the registry's `home-manager`, …)? */
export function isHomeManagerRef(ref: FlakeRef): boolean {
  const a = ref.attrs;
  if (ref.type === "indirect") return a.id === "home-manager";
  if (ref.type === "github" || ref.type === "gitlab" || ref.type === "sourcehut")
    return String(a.repo).toLowerCase() === "home-manager" && ["nix-community", "rycee"].includes(String(a.owner).toLowerCase());
  if ((ref.type === "git" || ref.type === "tarball") && typeof a.url === "string")
    return (
      /\/\/(github\.com|gitlab\.com)\/(nix-community|rycee)\/home-manager(\.git)?(\/|$|\?)/i.test(a.url) ||
      /github\.com\/nix-community\/home-manager\/archive\//i.test(a.url)
    );
  return false;
}
