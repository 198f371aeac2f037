/**
 * The type of `home.file` and the `xdg.*File` options, as Home Manager's
 * `fileType`: an attribute set of file submodules. A file's `target` is
 * relative to the option's base directory (or absolute) and is normalised to
 * be relative to the home directory; a file given by `text` gets as its
 * `source` (at default priority, so an explicit `source` wins) a store file
 * named `hm_<name>` holding that text, executable only when `executable` is
 * true. The type closes over the base directory and the home directory of
 * the evaluation it belongs to, read only when a target is applied.
 */
import type { Lazy } from "../../nix/values.js";
import { defineModule, mkDefault, mkIf, option, t, type AttrsView, type TsType } from "../../module-system/index.js";
import { callFn, libCall, ty } from "../module-kit.js";

/** One file entry as the configuration holds it. */
export interface HomeFileValue {
  readonly enable: boolean;
  /** Relative to the home directory (or absolute when outside it). */
  readonly target: string;
  readonly text: string | null;
  /** An absolute path: a store path, or a host path given by the user. */
  readonly source: string;
  readonly executable: boolean | null;
  readonly recursive: boolean;
  readonly ignorelinks: boolean;
  readonly onChange: string;
  readonly force: boolean;
}

export interface FileTypeContext {
  /** The home directory (`home.homeDirectory`). */
  readonly homeDirectory: () => string;
  /** `pkgs` of the evaluation (for `writeTextFile`). */
  readonly pkgs: () => AttrsView;
  readonly lib: Lazy;
}

/**
 * `fileType opt basePathDesc basePath`: `opt` names the option in
 * descriptions, `basePathDesc` describes the base directory, `basePath`
 * returns it.
 */
export function fileType(
  opt: string,
  basePathDesc: string,
  basePath: () => string,
  ctx: FileTypeContext,
): TsType<Readonly<Record<string, HomeFileValue>>> {
  const file = defineModule({
    file: "modules/lib/file-type.ts",
    key: `modules/lib/file-type.ts#${opt}`,
    options: {
      enable: option({
        type: t.bool,
        default: true,
        description: "Whether to create this file. Set it to false to leave out one file a module would create.",
      }),
      target: option({
        type: ty.nonEmptyStr,
        apply: (p: string) => {
          const abs = p.startsWith("/") ? p : `${basePath()}/${p}`;
          const prefix = `${ctx.homeDirectory()}/`;
          return abs.startsWith(prefix) ? abs.slice(prefix.length) : abs;
        },
        defaultText: "name",
        description: `Where the file goes, relative to ${basePathDesc} (or absolute).`,
      }),
      text: option({
        type: t.nullOr(t.lines),
        default: null,
        description: `The file's contents. When null, [](#opt-${opt}._name_.source) must be set.`,
      }),
      source: option({
        type: t.path,
        description: `The file or directory to link. When [](#opt-${opt}._name_.text) is set, this defaults to a file in the store holding that text.`,
      }),
      executable: option({
        type: t.nullOr(t.bool),
        default: null,
        description: "Whether the file is executable. When null, the source's mode is kept (files made from `text` are not executable).",
      }),
      recursive: option({
        type: t.bool,
        default: false,
        description:
          "For a directory source: whether to create the directory tree at the target and link each file " +
          "inside it separately (so other files can live beside them), instead of linking the directory itself.",
      }),
      ignorelinks: option({
        type: t.bool,
        default: false,
        description:
          "With `recursive`: treat symbolic links inside the source as plain entries, linking to the link " +
          "itself rather than following it into a directory tree (`lndir -ignorelinks`).",
      }),
      onChange: option({
        type: t.lines,
        default: "",
        description:
          "Shell commands run during activation, after the new files are linked, when this file's content " +
          "differs from the previous generation's. With `recursive`, they run on every activation.",
      }),
      force: option({
        type: t.bool,
        default: false,
        description:
          "Whether to replace whatever is at the target (file or link) without the usual collision check. " + "What was there is deleted.",
      }),
    },
    config: ({ cfg, arg }) => ({
      target: () => mkDefault(arg("name")),
      source: () => {
        const text = cfg.text;
        if (text === null) return mkIf(false, null);
        const name = libCall(ctx.lib, "hm.strings.storeFileName", arg("name"));
        return mkDefault(callFn(ctx.pkgs().writeTextFile, { text, executable: cfg.executable === true, name }));
      },
    }),
  });
  return t.attrsOf(ty.submodule<HomeFileValue>(file));
}
