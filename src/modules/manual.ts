/**
 * `manual.*`: which forms of the manual to install into the profile. The
 * `home-configuration.nix(5)` and `home-manager(1)` manual pages
 * (`manual.manpages.enable`, on by default), the HTML manual under
 * `share/doc/home-manager/` with the `home-manager-help` command that opens it
 * (`manual.html.enable`), and every option as JSON in
 * `share/doc/home-manager/options.json` (`manual.json.enable`).
 *
 * The documents describe the catalog's options (manual/options-data.ts) and
 * depend on this installation's code only, so each is a store entry named
 * after a fingerprint of that code (`pkgs.__lazyTextTree`): naming it costs
 * nothing, and its contents are rendered only when the entry is written —
 * once per installation, not once per evaluation.
 */
import { forceAttrs } from "../nix/ops.js";
import { force, NixAttrs, type Lazy } from "../nix/values.js";
import { defineModule, mkIf, mkMerge, option, t, toNix, type AttrsView } from "../module-system/index.js";
import { attrs, call, lazy, select } from "../module-system/nix-values.js";
import { escapeShellArg } from "./module-kit.js";
import { HM_RELEASE } from "./misc/version.js";
import { codeKey } from "./manual/code-key.js";
import { commandManPage } from "./manual/cli-page.js";
import { htmlManual } from "./manual/html-pages.js";
import { configurationManPage } from "./manual/man-page.js";
import { manualData, type ManualData } from "./manual/options-data.js";
import { optionsJson } from "./manual/options-json.js";
import { coreModules } from "./index.js";

/** Bump when the rendering changes in a way the code fingerprint would not show. */
const FORMAT = 1;

const DOC_DIR = "share/doc/home-manager";

type Files = Readonly<Record<string, string>>;

/** Rendered documents by key: every evaluation of a process (tests) renders each once. */
const rendered = new Map<string, Files>();

/** A store entry of text files, rendered only when it is written. */
function lazyTree(pkgs: Lazy, name: string, system: string, render: () => Files): Lazy {
  const key = JSON.stringify({ format: FORMAT, code: codeKey(), release: HM_RELEASE, system, name });
  const files = lazy(() => {
    const out = new Map<string, Lazy>();
    let texts = rendered.get(key);
    if (texts === undefined) rendered.set(key, (texts = render()));
    for (const [rel, text] of Object.entries(texts)) out.set(rel, attrs({ text }));
    return new NixAttrs(out);
  });
  return lazy(() => call(select(pkgs, "__lazyTextTree"), attrs({ name, key, files })));
}

/** The `home-manager-help` command: opens the HTML manual in a browser. */
function helpScript(html: string): string {
  const index = `${html}/${DOC_DIR}/index.html`;
  return `set -eu
browser="\${BROWSER:-}"
if [ -z "$browser" ]; then
  for candidate in xdg-open open w3m; do
    if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "$0: no web browser found; set \\$BROWSER" >&2
  exit 1
fi
exec "$browser" ${escapeShellArg(index)}`;
}

export const manualModule = defineModule({
  file: "modules/manual.ts",
  path: "manual",
  options: {
    html: {
      enable: option({
        type: t.bool,
        default: false,
        description: "Whether to install the HTML manual and the `home-manager-help` command that opens it in a browser.",
      }),
    },
    manpages: {
      enable: option({
        type: t.bool,
        default: true,
        example: false,
        description: "Whether to install the `home-configuration.nix(5)` manual page describing every option.",
      }),
    },
    json: {
      enable: option({
        type: t.bool,
        default: false,
        example: true,
        description:
          "Whether to install every option as JSON at `<profile directory>/share/doc/home-manager/options.json`, " +
          "for editors and other tools.",
      }),
    },
  },
  config: ({ cfg, lib, pkgs }) => {
    const raw = (): Lazy => toNix(pkgs as AttrsView);
    const system = (): string => String(force(select(raw(), "system")));
    const data = (): ManualData => manualData(lib, coreModules, raw(), system());
    const tree = (name: string, render: () => Files) => lazyTree(raw(), name, system(), render);
    let htmlTree: Lazy | undefined;
    const html = (): Lazy => (htmlTree ??= tree("home-manager-manual", () => prefixed(htmlManual(data(), HM_RELEASE))));
    const helpTool = () =>
      lazy(() =>
        call(
          select(raw(), "writeShellScriptBin"),
          "home-manager-help",
          lazy(() => helpScript(String(force(select(html(), "outPath"))))),
        ),
      );
    return {
      // A package set made elsewhere (a flake's own `pkgs`) may lack the native builder: then nothing is installed.
      "home.packages": () =>
        !forceAttrs(raw()).has("__lazyTextTree")
          ? []
          : mkMerge([
              mkIf(cfg.manpages.enable, [
                tree("home-manager-manpages", () => ({
                  "share/man/man5/home-configuration.nix.5": configurationManPage(data().options, HM_RELEASE),
                  "share/man/man1/home-manager.1": commandManPage(HM_RELEASE),
                })),
              ]),
              mkIf(cfg.html.enable, [html(), helpTool()]),
              mkIf(cfg.json.enable, [
                tree("home-manager-options-json", () => ({ [`${DOC_DIR}/options.json`]: optionsJson(data().options) })),
              ]),
            ]),
    };
  },
});

function prefixed(files: Files): Files {
  return Object.fromEntries(Object.entries(files).map(([rel, text]) => [`${DOC_DIR}/${rel}`, text]));
}
