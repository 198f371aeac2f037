/**
 * The files a VS Code–style editor module puts in the home directory: per
 * profile `settings.json` (with the update-check switches folded in),
 * `tasks.json`, `mcp.json` (optionally merged with `programs.mcp.servers`),
 * `keybindings.json` and snippets; `argv.json`; each non-default profile's
 * `extensions.json`; and the extensions directory — either one link per
 * extension plus an `.extensions-immutable.json` whose change makes the
 * editor rebuild its list (mutable), or one joined tree (immutable).
 * Values stay Nix values; a path given instead of a value is linked as is.
 */
import { mkMerge } from "../../../module-system/index.js";
import { toJs, type AttrsView } from "../../../module-system/ts-view.js";
import { attrs, call, lazy, nixThrow, select, selectPath } from "../../../module-system/nix-values.js";
import { force, NixAttrs, type Lazy } from "../../../nix/values.js";
import { forceAttrs } from "../../../nix/ops.js";
import * as fs from "node:fs";
import { libCall, nixToString } from "../../module-kit.js";
import { dropNulls, isEmptyList, isEmptySet, isPathLike, jsonFile, listOf, namesOf, updateSets, type RawCtx } from "./nix-data.js";
import type { EditorSpec } from "./options.js";

const EXT_SUBDIR = "share/vscode/extensions";

/** Paths of one editor in one evaluation. */
export interface EditorPaths {
  /** `<config home>/<nameShort>/User` (or the macOS equivalent). */
  userDir(): string;
  profileDir(profile: string): string;
  readonly argvPath: string;
  readonly extensionPath: string;
}

export function editorPaths(spec: EditorSpec, c: RawCtx): EditorPaths {
  const userDir = () => {
    const darwin = toJs(selectPath(c.pkgs, ["stdenv", "hostPlatform", "isDarwin"])) === true;
    return darwin
      ? `${String(c.a.get("home.homeDirectory"))}/Library/Application Support/${spec.nameShort}/User`
      : `${String(c.a.get("xdg.configHome"))}/${spec.nameShort}/User`;
  };
  return {
    userDir,
    profileDir: (p) => `${userDir()}${p === "default" ? "" : `/profiles/${p}`}`,
    argvPath: `${spec.dataFolderName}/argv.json`,
    extensionPath: `${spec.dataFolderName}/extensions`,
  };
}

/** A file whose source is a path value as given, or JSON generated from a value. */
function sourceOf(c: RawCtx, name: string, v: Lazy): { source: Lazy } {
  return { source: isPathLike(c, v) ? v : jsonFile(c, name, v) };
}

/** `settings.json`'s value: the settings, with the update switches when they are off. */
function mergedSettings(c: RawCtx, profile: string): Lazy {
  const settings = c.cfg("profiles", profile, "userSettings");
  if (isPathLike(c, settings)) return settings;
  const extra = new Map<string, Lazy>();
  if (force(c.cfg("profiles", profile, "enableUpdateCheck")) === false) extra.set("update.mode", "none");
  if (force(c.cfg("profiles", profile, "enableExtensionUpdateCheck")) === false) extra.set("extensions.autoCheckUpdates", false);
  return updateSets(settings, new NixAttrs(extra));
}

/** `mcp.json`'s value: the profile's own, over the transformed `programs.mcp.servers` when integrated. */
function mcpValue(c: RawCtx, profile: string, integrate: boolean): Lazy {
  const userMcp = c.cfg("profiles", profile, "userMcp");
  if (isPathLike(c, userMcp)) return userMcp;
  const hmMcp = selectPath(c.a.lib, ["hm", "mcp"]);
  const servers = new Map<string, Lazy>();
  if (integrate) {
    const all = selectPath(c.a.config, ["programs", "mcp", "servers"]);
    for (const name of namesOf(all)) {
      const transforms = [select(hmMcp, "addType"), lazy(() => call(select(hmMcp, "wrapEnvFilesCommand"), attrs({ pkgs: c.pkgs, name })))];
      servers.set(
        name,
        lazy(() => call(select(hmMcp, "transformMcpServer"), attrs({ server: select(all, name), extraTransforms: transforms }))),
      );
    }
  }
  const own = forceAttrs(userMcp).get("servers");
  const merged = own === undefined ? new NixAttrs(servers) : updateSets(new NixAttrs(servers), own);
  return merged.size === 0 ? userMcp : updateSets(userMcp, attrs({ servers: merged }));
}

/** Whether `programs.mcp` is there, on, and has servers. */
function mcpServersAvailable(c: RawCtx): boolean {
  if (!c.a.has("programs.mcp.enable")) return false;
  return c.a.get("programs.mcp.enable") === true && !isEmptySet(selectPath(c.a.config, ["programs", "mcp", "servers"]));
}

/** The files of one profile. */
function profileFiles(c: RawCtx, paths: EditorPaths, profile: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const dir = paths.profileDir(profile);
  const raw = (o: string) => c.cfg("profiles", profile, o);
  const settings = mergedSettings(c, profile);
  if (!isEmptySet(settings)) out[`${dir}/settings.json`] = sourceOf(c, "vscode-user-settings", settings);
  if (!isEmptySet(raw("userTasks"))) out[`${dir}/tasks.json`] = sourceOf(c, "vscode-user-tasks", raw("userTasks"));
  const integrate = force(raw("enableMcpIntegration")) === true && mcpServersAvailable(c);
  if (!isEmptySet(raw("userMcp")) || integrate) out[`${dir}/mcp.json`] = sourceOf(c, "vscode-user-mcp", mcpValue(c, profile, integrate));
  const keys = raw("keybindings");
  if (!isEmptyList(keys))
    out[`${dir}/keybindings.json`] = isPathLike(c, keys)
      ? { source: keys }
      : {
          source: jsonFile(
            c,
            "vscode-keybindings",
            listOf(keys).map((k) => lazy(() => dropNulls(k))),
          ),
        };
  const langs = raw("languageSnippets");
  for (const lang of namesOf(langs))
    out[`${dir}/snippets/${lang}.json`] = { source: jsonFile(c, `user-snippet-${lang}.json`, select(langs, lang)) };
  if (!isEmptySet(raw("globalSnippets")))
    out[`${dir}/snippets/global.code-snippets`] = {
      source: jsonFile(c, "user-snippet-global.code-snippets", raw("globalSnippets")),
    };
  return out;
}

/** One extension's entry in `extensions.json` (nixpkgs' `vscode-utils.toExtensionJsonEntry`; keys sorted as `toJSON` sorts them). */
function extensionEntry(ext: Lazy): Record<string, unknown> {
  const e = toJs(ext) as AttrsView;
  const id = nixToString(e.vscodeExtUniqueId ?? null);
  const fsPath = `${nixToString(e)}/${EXT_SUBDIR}/${id}`;
  return {
    identifier: { id, uuid: "" },
    location: { $mid: 1, fsPath, path: fsPath, scheme: "file" },
    metadata: {
      id: "",
      installedTimestamp: 0,
      isApplicationScoped: false,
      isPreReleaseVersion: false,
      preRelease: false,
      publisherDisplayName: nixToString(e.vscodeExtPublisher ?? null),
      publisherId: "",
      targetPlatform: "undefined",
      updated: false,
    },
    relativeLocation: id,
    version: nixToString(e.version ?? null),
  };
}

/**
 * `pkgs.vscode-utils.toExtensionJson extensions`, computed here: it only reads attributes of the extension
 * packages, and so works with every package backend (a host machine has no `vscode-utils`).
 */
function extensionJson(_c: RawCtx, extensions: Lazy): Lazy {
  return lazy(() => JSON.stringify(listOf(extensions).map(extensionEntry)));
}

/** A package holding `text` as `share/vscode/extensions/extensions.json`. */
function extensionJsonFile(c: RawCtx, name: string, text: Lazy): Lazy {
  return lazy(() =>
    call(select(c.pkgs, "writeTextFile"), attrs({ text, name: `extensions-json-${name}`, destination: `/${EXT_SUBDIR}/extensions.json` })),
  );
}

/** The extension directories of a package without `vscodeExtUniqueId` (`builtins.readDir`, names sorted). */
function extensionDirs(out: string): string[] {
  try {
    return fs.readdirSync(`${out}/${EXT_SUBDIR}`).sort();
  } catch {
    throw nixThrow(`cannot list the VS Code extensions of '${out}' (no ${EXT_SUBDIR} directory, no vscodeExtUniqueId)`);
  }
}

/** One `home.file` entry per extension directory an extension package holds. */
function extensionLinks(paths: EditorPaths, ext: Lazy): Record<string, unknown>[] {
  const e = forceAttrs(ext);
  const out = nixToString(toJs(ext));
  const id = e.get("vscodeExtUniqueId");
  const ids = id !== undefined ? [nixToString(toJs(id))] : extensionDirs(out);
  return ids.map((k) => ({ [`${paths.extensionPath}/${k}`]: { source: `${out}/${EXT_SUBDIR}/${k}` } }));
}

/** The extensions directory: links (mutable) or one joined tree (immutable). */
function extensionFiles(spec: EditorSpec, c: RawCtx, paths: EditorPaths): unknown {
  const profiles = namesOf(c.cfg("profiles"));
  const others = profiles.filter((n) => n !== "default");
  const allExtensions = profiles.flatMap((n) => listOf(c.cfg("profiles", n, "extensions")));
  const hasDefault = profiles.includes("default");
  const pkg = c.cfg("package");
  const version = () =>
    force(pkg) !== null && forceAttrs(pkg).has("version") ? select(pkg, "version") : selectPath(c.pkgs, ["vscode", "version"]);
  const recentEnough = () => spec.skipVersionCheck === true || libCall(c.a.lib, "versionAtLeast", version(), "1.74.0") === true;
  const defaultExtensions = () => c.cfg("profiles", "default", "extensions");
  if (force(c.cfg("mutableExtensionsDir")) === true && others.length === 0) {
    const parts: unknown[] = allExtensions.flatMap((e) => extensionLinks(paths, e));
    if (hasDefault && force(pkg) !== null && recentEnough()) {
      const exe = nixToString(libCall(c.a.lib, "getExe", pkg));
      const ep = paths.extensionPath;
      parts.push({
        [`${ep}/.extensions-immutable.json`]: {
          text: extensionJson(c, defaultExtensions()),
          onChange:
            `run rm $VERBOSE_ARG -f ${ep}/{extensions.json,.init-default-profile-extensions}\n` +
            `verboseEcho "Regenerating VSCode extensions.json"\n` +
            `run ${exe} --list-extensions > /dev/null\n`,
        },
      });
    }
    return mkMerge(parts);
  }
  const envPaths: Lazy[] = [...allExtensions];
  if (hasDefault && recentEnough()) envPaths.push(extensionJsonFile(c, "default", extensionJson(c, defaultExtensions())));
  const env = lazy(() => call(select(c.pkgs, "buildEnv"), attrs({ name: "vscode-extensions", paths: envPaths })));
  return { [paths.extensionPath]: { source: lazy(() => `${nixToString(toJs(env))}/${EXT_SUBDIR}`) } };
}

/** Everything the module adds to `home.file`. */
export function homeFiles(spec: EditorSpec, c: RawCtx, paths: EditorPaths): unknown {
  const parts: unknown[] = [];
  const argv = c.cfg("argvSettings");
  if (!isEmptySet(argv)) parts.push({ [paths.argvPath]: sourceOf(c, "vscode-argv", argv) });
  const profiles = namesOf(c.cfg("profiles"));
  for (const n of profiles) parts.push(profileFiles(c, paths, n));
  for (const n of profiles.filter((p) => p !== "default")) {
    const file = extensionJsonFile(c, n, extensionJson(c, c.cfg("profiles", n, "extensions")));
    parts.push({
      [`${paths.profileDir(n)}/extensions.json`]: {
        source: lazy(() => `${nixToString(toJs(file))}/${EXT_SUBDIR}/extensions.json`),
      },
    });
  }
  if (profiles.length > 0) parts.push(extensionFiles(spec, c, paths));
  return mkMerge(parts);
}
