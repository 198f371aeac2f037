/**
 * `misc/version`: `home.stateVersion`, checked against the list of Home
 * Manager's state versions (an enum, so a typo is a type error naming every
 * valid value), and the read-only `home.version.*` facts of this release. The
 * release is the one whose options and defaults the catalog follows.
 */
import { defineModule, option, t } from "../../module-system/index.js";

/** Every state version Home Manager knows, oldest first. */
export const STATE_VERSIONS = [
  "18.09",
  "19.03",
  "19.09",
  "20.03",
  "20.09",
  "21.03",
  "21.05",
  "21.11",
  "22.05",
  "22.11",
  "23.05",
  "23.11",
  "24.05",
  "24.11",
  "25.05",
  "25.11",
  "26.05",
  "26.11",
] as const;

/** The Home Manager release this catalog follows. */
export const HM_RELEASE = "26.11";
export const HM_IS_RELEASE_BRANCH = false;

export const versionModule = defineModule({
  file: "modules/misc/version.ts",
  options: {
    home: {
      stateVersion: option({
        type: t.enum(STATE_VERSIONS),
        description:
          "The Home Manager release whose defaults this configuration was written against. " +
          "Some defaults change between releases in ways that would break existing data (a file's format " +
          "or location, say); keeping this value fixed keeps the old defaults. Raise it only after reading " +
          "what changed and doing any manual migration.",
      }),
      version: {
        full: option({
          type: t.str,
          internal: true,
          readOnly: true,
          default: (a) => {
            const v = a.arg("config") as { home: { version: { release: string; revision: string | null } } };
            const { release, revision } = v.home.version;
            return revision === null ? release : `${release}+${revision.slice(0, 8)}`;
          },
          example: "22.11+213a0629",
          description: "The release, followed by the first eight characters of the revision when one is known.",
        }),
        release: option({
          type: t.str,
          internal: true,
          readOnly: true,
          default: HM_RELEASE,
          example: "22.11",
          description: "The Home Manager release.",
        }),
        isReleaseBranch: option({
          type: t.bool,
          internal: true,
          readOnly: true,
          default: HM_IS_RELEASE_BRANCH,
          description: "Whether this release comes from a release branch (as opposed to the development branch).",
        }),
        revision: option({
          type: t.nullOr(t.str),
          internal: true,
          default: null,
          description: "The source revision this configuration was built from, when known.",
        }),
      },
    },
  },
});
