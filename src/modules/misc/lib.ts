/**
 * `lib`: helpers that modules publish to each other under `config.lib`
 * (`config.lib.file.mkOutOfStoreSymlink`, `config.lib.shell`, …). As in Home
 * Manager, it starts out holding `lib.hm`, so `config.lib.dag` is
 * `lib.hm.dag`.
 */
import { defineModule, option, t } from "../../module-system/index.js";

export const libModule = defineModule({
  file: "modules/misc/lib.ts",
  options: {
    lib: option({
      type: t.attrsOf(t.attrs),
      default: {},
      description: "Helper functions and constants that modules share, by namespace.",
    }),
  },
  config: ({ lib }) => ({
    lib: () => lib.get("hm"),
  }),
});
