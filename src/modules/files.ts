/**
 * `files`: `home.file`, the files linked into the home directory, with
 * Home Manager's options and semantics (see `lib/file-type.ts`), the hidden
 * `home.fileOverlapResolution`, the assertion that no two enabled files share
 * a target, and `config.lib.file.mkOutOfStoreSymlink`, which makes a file
 * link to a path outside the store (through a store entry that is itself a
 * symbolic link). Linking, collision checks and `onChange` hooks are the
 * builder's and activation's work (`src/build`, `src/activation`).
 */
import { defineModule, option, t, type AttrsView, type JsValue } from "../module-system/index.js";
import { callFn, libCall, nixToString, perEvaluation } from "./module-kit.js";
import { fileType, type HomeFileValue } from "./lib/file-type.js";

const FILE = "modules/files.ts";

/** Targets used by more than one enabled file, sorted as Nix sorts attribute names. */
export function duplicateTargets(files: Readonly<Record<string, HomeFileValue>>): string[] {
  const counts = new Map<string, number>();
  for (const name of Object.keys(files)) {
    const f = files[name]!;
    if (f.enable) counts.set(f.target, (counts.get(f.target) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n > 1)
    .map(([target]) => target)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Nix's `baseNameOf`: the last component, a trailing slash ignored. */
function baseNameOf(p: string): string {
  const s = p.endsWith("/") ? p.slice(0, -1) : p;
  return s.slice(s.lastIndexOf("/") + 1);
}

function conflictMessage(dups: readonly string[]): string {
  return `Conflicting managed target files: ${dups.join(", ")}

This may happen, for example, if you have a configuration similar to

    home.file = {
      conflict1 = { source = ./foo.nix; target = "baz"; };
      conflict2 = { source = ./bar.nix; target = "baz"; };
    }`;
}

export const filesModule = perEvaluation(FILE, (a) => {
  const homeDirectory = () => a.get("home.homeDirectory") as string;
  return defineModule({
    file: FILE,
    key: `${FILE}#options`,
    options: {
      home: {
        file: option({
          type: fileType("home.file", "{env}`HOME`", homeDirectory, { homeDirectory, pkgs: a.pkgs, lib: a.lib }),
          default: {},
          description: "Files to link into the home directory, by name.",
        }),
        fileOverlapResolution: option({
          type: t.enum(["ignore", "error", "override"] as const),
          default: "ignore",
          visible: false,
          description:
            "What happens when a file lands inside a recursively linked directory where that directory " +
            "already provides the same path: `ignore` keeps the directory's file, `error` fails the build, " +
            "`override` uses the separately linked file.",
        }),
      },
      "home-files": option({ type: t.package, internal: true, description: "The link farm holding every home file." }),
    },
    config: ({ config, pkgs, lib }) => ({
      assertions: () => {
        const dups = duplicateTargets(config.get("home.file") as unknown as Readonly<Record<string, HomeFileValue>>);
        return [{ assertion: dups.length === 0, message: conflictMessage(dups) }];
      },
      "lib.file.mkOutOfStoreSymlink": () => (path: JsValue) => {
        const pathStr = nixToString(path);
        const name = libCall(lib, "hm.strings.storeFileName", baseNameOf(pathStr));
        const cmd = `ln -s ${libCall(lib, "escapeShellArg", pathStr) as string} $out`;
        return callFn((pkgs as AttrsView).runCommandLocal, name, {}, cmd);
      },
    }),
  });
});
