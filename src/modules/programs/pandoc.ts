/**
 * `programs.pandoc`: the pandoc document converter. Writes `defaults` as
 * JSON to a store file (`defaultsFile`, read-only) and installs
 * `finalPackage`: `package` joined into `pandoc-with-defaults` whose
 * `bin/pandoc` is wrapped to pass `--defaults <defaultsFile>`. Links each
 * of `templates` to `$XDG_DATA_HOME/pandoc/templates/<name>` and each of
 * `citationStyles` to `$XDG_DATA_HOME/pandoc/csl/<its file name>`.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView } from "../../module-system/index.js";
import { callNix, formatType, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/pandoc.ts";

/** The last component of a path (as `baseNameOf`: a trailing `/` ignored). */
const baseName = (p: string) => p.replace(/\/+$/, "").replace(/^.*\//, "");

function makePandoc(a: EvalArgs) {
  const json = () => callNix((a.pkgs().formats as AttrsView).json, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.pandoc",
    options: {
      enable: mkEnableOption("pandoc"),
      package: mkPackageOption("pandoc"),
      finalPackage: option({
        type: t.package,
        readOnly: true,
        description: "The pandoc package as installed: `package` wrapped to read `defaultsFile`.",
      }),
      defaults: option({
        type: formatType(a, "json"),
        default: {},
        example: { metadata: { author: "John Doe" }, "pdf-engine": "xelatex", citeproc: true },
        description: "Default options for every pandoc run, written as JSON to a defaults file (see “Defaults files” in pandoc's manual).",
      }),
      defaultsFile: option({ type: t.path, readOnly: true, description: "The defaults file made from `defaults`." }),
      templates: option({
        type: t.attrsOf(t.path),
        default: {},
        example: '{ "default.latex" = ./my-template.latex; }',
        description: "Templates by file name, linked into pandoc's templates directory.",
      }),
      citationStyles: option({
        type: t.listOf(t.path),
        default: [],
        example: "[ ./ieee.csl ]",
        description: "Citation style (`.csl`) files linked into pandoc's `csl` directory.",
      }),
    },
    config: ({ cfg, pkgs }) =>
      mkIf(() => cfg.enable, {
        "programs.pandoc.defaultsFile": () => callNix(json().generate, "hm.json", cfg.defaults),
        "programs.pandoc.finalPackage": () =>
          callNix(pkgs.symlinkJoin, {
            name: "pandoc-with-defaults",
            paths: [cfg.package],
            nativeBuildInputs: [pkgs.makeWrapper],
            postBuild: `wrapProgram "$out/bin/pandoc" \\\n  --add-flags '--defaults "${nixToString(cfg.defaultsFile)}"'\n`,
          }),
        "home.packages": () => [cfg.finalPackage],
        "xdg.dataFile": () => {
          const files: Record<string, unknown> = {};
          for (const [name, file] of Object.entries(cfg.templates)) files[`pandoc/templates/${name}`] = { source: file };
          for (const file of cfg.citationStyles) files[`pandoc/csl/${baseName(nixToString(file))}`] = { source: file };
          return files;
        },
      }),
  });
}

/** The module (made per evaluation, for the type of `pkgs.formats.json`). */
export const pandocModule = perEvaluation(FILE, (a) => makePandoc(a));
