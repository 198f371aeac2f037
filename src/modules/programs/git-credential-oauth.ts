/**
 * `programs.git-credential-oauth`: the OAuth credential helper for git.
 * Installs `package` and appends it (with `extraFlags`) to git's
 * `credential.helper` list, after any helpers set elsewhere.
 */
import { defineModule, mkAfter, mkEnableOption, mkIf, mkPackageOption, option, t } from "../../module-system/index.js";
import { nixToString } from "../module-kit.js";

const FILE = "modules/programs/git-credential-oauth.ts";

export const gitCredentialOauthModule = defineModule({
  file: FILE,
  path: "programs.git-credential-oauth",
  options: {
    enable: mkEnableOption("Git authentication handler for OAuth"),
    package: mkPackageOption("git-credential-oauth"),
    extraFlags: option({
      type: t.listOf(t.str),
      default: [],
      example: ["-device"],
      description: "Extra arguments for git-credential-oauth; see git-credential-oauth(1).",
    }),
  },
  config: ({ cfg }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => [cfg.package],
      "programs.git.settings.credential.helper": () => {
        const flags = cfg.extraFlags.length > 0 ? ` ${cfg.extraFlags.join(" ")}` : "";
        return mkAfter([`${nixToString(cfg.package)}/bin/git-credential-oauth${flags}`]);
      },
    }),
});
