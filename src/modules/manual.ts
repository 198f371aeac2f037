/**
 * `manual.*`: which forms of the option manual to install (HTML with the
 * `home-manager-help` tool, the `home-configuration.nix` man page, a JSON
 * list of options). The options are Home Manager's; building the documents
 * themselves belongs to the documentation generator, so for now enabling
 * them adds nothing to `home.packages`.
 */
import { defineModule, option, t } from "../module-system/index.js";

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
});
