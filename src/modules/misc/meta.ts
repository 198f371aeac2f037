/**
 * `meta`, as nixpkgs' `misc/meta.nix` declares it: module metadata that a
 * module sets with a top-level `meta = { … }` (maintainers, documentation).
 * Home Manager's own modules set `meta.maintainers`; user modules may too.
 */
import { defineModule, option, t } from "../../module-system/index.js";

export const metaModule = defineModule({
  file: "modules/misc/meta.ts",
  options: {
    meta: {
      maintainers: option({
        type: t.listOf(t.raw),
        internal: true,
        default: [],
        description: "The people responsible for a module.",
      }),
      doc: option({
        type: t.path,
        internal: true,
        description: "Documentation of a module, as a path to a Markdown file.",
      }),
      buildDocsInSandbox: option({
        type: t.bool,
        internal: true,
        default: true,
        description: "Whether a module's documentation can be built without network access.",
      }),
    },
  },
});
