/**
 * `xdg.mimeApps`: the read-only `$XDG_CONFIG_HOME/mimeapps.list` (also
 * linked as `$XDG_DATA_HOME/applications/mimeapps.list`), an INI file with
 * the sections `Added Associations`, `Removed Associations` and `Default
 * Applications`, each MIME type mapped to its `.desktop` names joined by
 * `;`. With `defaultApplicationPackages`, the MIME types listed by those
 * packages' desktop files are appended to the defaults at build time (with
 * crudini, as Home Manager does). Linux only. Home Manager's deprecated
 * `lib.xdg.mimeAssociations` (import from derivation) is not provided.
 */
import { defineModule, mkIf, option, t, toJs, toNix, type AttrsView, type JsValue, type TsType } from "../../../module-system/index.js";
import { call, select } from "../../../module-system/nix-values.js";
import { callFn, libCall, nixToString, ty } from "../../module-kit.js";

const FILE = "modules/misc/xdg/mime-apps.ts";

/** A list of names, or one name taken as a list of one. */
const names = ty.coercedTo(t.either(t.listOf(t.str), t.str), (v: JsValue) => (Array.isArray(v) ? v : [v]), t.listOf(t.str)) as TsType<
  readonly string[]
>;

const associations = (description: string, example: unknown) => option({ type: t.attrsOf(names), default: {}, example, description });

/** The build step that appends the packages' MIME types to the defaults. */
function mergeScript(crudini: string, base: string): string {
  return `export PATH=$PATH:${crudini}/bin

function mergeEntry() {
  local mime="$1"
  local name="$2"
  local existing

  existing="$(crudini --get $out 'Default Applications' "$mime" 2>/dev/null || true)"
  local value="$existing\${existing:+;}$name"
  crudini --ini-options=nospace --inplace --set $out 'Default Applications' "$mime" "$value"
}

install -m644 ${base} $out

for p in $ps ; do
  for path in "$p"/share/applications/*.desktop ; do
    name="\${path##*/}"
    mimes=$(crudini --get "$path" 'Desktop Entry' MimeType 2>/dev/null || true)
    for mime in \${mimes//;/ }; do
      mergeEntry "$mime" "$name"
    done
  done
done
`;
}

export const xdgMimeAppsModule = defineModule({
  file: FILE,
  path: "xdg.mimeApps",
  options: {
    enable: option({
      type: t.bool,
      default: false,
      description: "Whether to manage the read-only file `$XDG_CONFIG_HOME/mimeapps.list`.",
    }),
    associations: {
      added: associations("Applications associated with MIME types as if their desktop files listed them.", {
        "image/png": ["viewer.desktop"],
      }),
      removed: associations("Associations to drop, as if the desktop files did not list the MIME types.", {
        "image/png": "editor.desktop",
      }),
    },
    defaultApplications: associations("The application opening each MIME type by default; the next ones are tried in turn.", {
      "application/pdf": ["reader.desktop"],
    }),
    defaultApplicationPackages: option({
      type: t.listOf(t.package),
      default: [],
      description:
        "Packages whose desktop files add default applications for the MIME types they list, after `defaultApplications`, earlier packages first. Many packages make the build slow.",
    }),
  },
  config: ({ cfg, pkgs, lib }) => {
    /** The file: the INI text, or the INI text with the packages' associations merged in. */
    const listSource = (): JsValue => {
      const join = (m: Readonly<Record<string, readonly string[]>>) => Object.fromEntries(Object.keys(m).map((k) => [k, m[k]!.join(";")]));
      const ini = call(select(select(toNix(pkgs), "formats"), "ini"), toNix({}));
      const base = call(
        select(ini, "generate"),
        "mimeapps.list",
        toNix({
          "Added Associations": join(cfg.associations.added),
          "Removed Associations": join(cfg.associations.removed),
          "Default Applications": join(cfg.defaultApplications),
        }),
      );
      if (cfg.defaultApplicationPackages.length === 0) return toJs(base);
      const crudini = nixToString(libCall(lib, "getBin", (pkgs as AttrsView).crudini));
      return callFn(
        (pkgs as AttrsView).runCommand,
        "mimeapps.list",
        { ps: cfg.defaultApplicationPackages },
        mergeScript(crudini, nixToString(libCall(lib, "toString", base))),
      );
    };
    return mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "xdg.mimeApps", pkgs, libCall(lib, "platforms.linux"))],
      "xdg.configFile": () => ({ "mimeapps.list": { source: listSource() } }),
      "xdg.dataFile": () => ({ "applications/mimeapps.list": { source: listSource() } }),
    });
  },
});
