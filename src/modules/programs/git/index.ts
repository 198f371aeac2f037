/**
 * `programs.git`: Git. Installs `package` (and git-lfs with `lfs.enable`) and
 * writes `$XDG_CONFIG_HOME/git/config` with `lib.generators.toGitINI`: first
 * `iniContent` (the `settings` set, plus signing, hooks, LFS, maintenance and
 * the `sendemail` sections of email accounts), then each fragment of a list
 * `settings` in order (blank renderings dropped), joined by newlines, then
 * the `include`/`includeIf` sections of `includes` (appended with `mkAfter`).
 * `ignores` and `attributes` go to `git/ignore` and `git/attributes`.
 * Maintenance adds a systemd template service with its timers (and launchd
 * agents where `launchd` is declared). Home Manager's renamed options
 * (`extraConfig`, `userName`, `userEmail`, `aliases`, `signing.gpgPath`)
 * keep working with a warning. Options of other modules (email accounts, the
 * diff tools' git integrations) are read only when those modules are in the
 * catalog.
 */
import { defineModule, mkAfter, mkIf, mkMerge, mkOptionDefault, toNix, type AttrsView } from "../../../module-system/index.js";
import { isEmpty, libCall, perEvaluation, versionAtLeast, type EvalArgs } from "../../module-kit.js";
import { derived } from "./derived.js";
import { lfsFilter, signingSections } from "./ini-content.js";
import { maintenanceAgents, maintenanceService, maintenanceTimers } from "./maintenance.js";
import { FILE, gitOptions } from "./options.js";

function makeGitModule(a: EvalArgs) {
  return defineModule({
    file: FILE,
    path: "programs.git",
    options: gitOptions(() => a.pkgs(), a.lib),
    config: (args) => {
      const { cfg, config } = args;
      const d = derived(a.lib, args);
      const exe = (fallback: string) => d.exeOr(cfg.package, fallback);
      return mkIf(
        () => cfg.enable,
        mkMerge([
          {
            "home.packages": () => (cfg.package === null ? [] : [cfg.package]),
            assertions: () => [d.integrationAssertion()],
            'xdg.configFile."git/config".text': () => d.configText(),
            'xdg.configFile."git/ignore"': () => mkIf(cfg.ignores.length > 0, { text: cfg.ignores.join("\n") + "\n" }),
            'xdg.configFile."git/attributes"': () => mkIf(cfg.attributes.length > 0, { text: cfg.attributes.join("\n") + "\n" }),
            "programs.git.iniContent": () => d.emailSections(),
          },
          {
            "programs.git.signing.format": () =>
              mkOptionDefault(versionAtLeast(config.str("home.stateVersion"), "25.05") ? null : "openpgp"),
            "programs.git.signing.signer": () => {
              const format = cfg.signing.format;
              return mkIf(format !== null, mkOptionDefault(format === null ? null : d.defaultSigner(format)));
            },
            "programs.git.iniContent": () =>
              signingSections({
                key: cfg.signing.key,
                format: cfg.signing.format,
                signByDefault: cfg.signing.signByDefault,
                signer: () => cfg.signing.signer,
              }),
          },
          mkIf(() => !isEmpty(cfg.hooks), {
            "programs.git.iniContent.core.hooksPath": () => d.hooksPath(),
          }),
          mkIf(() => !Array.isArray(cfg.settings) && !isEmpty(cfg.settings), {
            "programs.git.iniContent": () => cfg.settings,
          }),
          mkIf(() => cfg.includes.length > 0, {
            'xdg.configFile."git/config".text': () => mkAfter(d.includeSections()),
          }),
          mkIf(() => cfg.lfs.enable, {
            "home.packages": () => (cfg.lfs.package === null ? [] : [cfg.lfs.package]),
            "programs.git.iniContent.filter.lfs": () => lfsFilter(d.exeOr(cfg.lfs.package, "git-lfs"), cfg.lfs.skipSmudge),
          }),
          mkIf(() => cfg.maintenance.enable, {
            "programs.git.iniContent.maintenance.repo": () => cfg.maintenance.repositories,
            'systemd.user.services."git-maintenance@"': () => maintenanceService(exe("git")),
            "systemd.user.timers": () => maintenanceTimers(cfg.maintenance.timers),
            "launchd.agents": () =>
              mkIf(
                (((args.pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin as boolean) === true,
                maintenanceAgents(exe("git")),
              ),
          }),
        ]),
      );
    },
  });
}

/** The module, with Home Manager's renamed options. */
export const gitModule = perEvaluation(FILE, (a) => {
  const rename = (from: string, to: string) => toNix(libCall(a.lib, "mkRenamedOptionModule", from.split("."), to.split(".")));
  return [
    // First: list definitions (warnings) come out in reverse import order, so its own follow the renames' as in Home Manager.
    makeGitModule(a).value,
    rename("programs.git.signing.gpgPath", "programs.git.signing.signer"),
    rename("programs.git.extraConfig", "programs.git.settings"),
    rename("programs.git.userName", "programs.git.settings.user.name"),
    rename("programs.git.userEmail", "programs.git.settings.user.email"),
    rename("programs.git.aliases", "programs.git.settings.alias"),
  ];
});
