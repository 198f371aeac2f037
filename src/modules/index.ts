/**
 * The catalog: every module of this Home Manager, laid out like Home
 * Manager's own tree. `coreModules` lists them in Home Manager's order; the
 * evaluation entry (`src/home`) evaluates them together with the user's
 * configuration. Each entry is a module value usable in `evalModules`.
 */
import type { Lazy } from "../nix/values.js";
import { accountsEmailModule } from "./accounts/email/index.js";
import { emailProgramAccountsModule } from "./accounts/email-programs/index.js";
import { i18nModule } from "./config/i18n.js";
import { filesModule } from "./files.js";
import { homeEnvironmentModule } from "./home-environment.js";
import { manualModule } from "./manual.js";
import { assertionsModule } from "./misc/assertions.js";
import { dconfModule } from "./misc/dconf.js";
import { libModule } from "./misc/lib.js";
import { metaModule } from "./misc/meta.js";
import { newsModule } from "./misc/news.js";
import { nixModule } from "./misc/nix.js";
import { nixpkgsModule } from "./misc/nixpkgs.js";
import { shellModule } from "./misc/shell.js";
import { specialisationModuleValue } from "./misc/specialisation.js";
import { submoduleSupportModule } from "./misc/submodule-support.js";
import { uninstallModule } from "./misc/uninstall.js";
import { versionModule } from "./misc/version.js";
import { xsessionModule } from "./misc/xsession.js";
import {
  xdgAutostartModule,
  xdgBaseDirsModule,
  xdgDesktopEntriesModule,
  xdgMimeAppsModule,
  xdgMimeModule,
  xdgPortalModule,
  xdgSystemDirsModule,
  xdgUserDirsModules,
} from "./misc/xdg/index.js";
import { sshAuthSockModule } from "./misc/ssh-auth-sock.js";
import { emacsModule } from "./programs/emacs.js";
import { deltaModule } from "./programs/delta.js";
import { diffHighlightModule } from "./programs/diff-highlight.js";
import { diffSoFancyModule } from "./programs/diff-so-fancy.js";
import { difftasticModule } from "./programs/difftastic.js";
import { ghModule } from "./programs/gh.js";
import { gitModule } from "./programs/git/index.js";
import { getmailModule } from "./programs/getmail.js";
import { msmtpModule } from "./programs/msmtp.js";
import { gitCredentialOauthModule } from "./programs/git-credential-oauth.js";
import { patdiffModule } from "./programs/patdiff.js";
import { riffModule } from "./programs/riff.js";
import { gpgModule } from "./programs/gpg.js";
import { firefoxModule, floorpModule, librewolfModule, mozillaMessagingHostsModule } from "./programs/firefox/index.js";
import { homeManagerModule } from "./programs/home-manager.js";
import { programsSshModule } from "./programs/ssh.js";
import { servicesEmacsModule } from "./services/emacs.js";
import { gpgAgentModule } from "./services/gpg-agent.js";
import { nixGcModule } from "./services/nix-gc.js";
import { systemdModule } from "./systemd.js";
import { launchdModule } from "./launchd.js";
import { genericLinuxModule } from "./targets/generic-linux.js";
import { bashModule } from "./programs/bash.js";
import { zshModule } from "./programs/zsh/index.js";
import { fishModules } from "./programs/fish/index.js";
import { beetsModule } from "./programs/beets.js";
import { skimModule } from "./programs/skim.js";
import { nushellModule } from "./programs/nushell.js";
import { mpdModule } from "./services/mpd.js";

/** The core modules (Home Manager's `modules/modules.nix` core list, as far as this catalog has them). */
export function coreModules(): Lazy[] {
  return [
    accountsEmailModule,
    emailProgramAccountsModule,
    i18nModule.value,
    filesModule,
    homeEnvironmentModule,
    manualModule.value,
    libModule.value,
    newsModule.value,
    shellModule.value,
    specialisationModuleValue,
    submoduleSupportModule.value,
    uninstallModule.value,
    versionModule.value,
    xdgBaseDirsModule,
    xdgSystemDirsModule.value,
    xdgAutostartModule.value,
    xdgUserDirsModules,
    xdgMimeModule.value,
    xdgPortalModule.value,
    xdgDesktopEntriesModule.value,
    xdgMimeAppsModule.value,
    systemdModule.value,
    launchdModule.value,
    xsessionModule.value,
    genericLinuxModule,
    assertionsModule.value,
    dconfModule.value,
    metaModule.value,
    nixpkgsModule.value,
    nixModule.value,
    sshAuthSockModule.value,
    homeManagerModule.value,
    bashModule.value,
    zshModule,
    ...fishModules,
    beetsModule,
    skimModule.value,
    nushellModule.value,
    programsSshModule,
    emacsModule.value,
    getmailModule,
    gitModule,
    msmtpModule,
    deltaModule,
    diffHighlightModule,
    diffSoFancyModule,
    difftasticModule,
    ghModule,
    gitCredentialOauthModule.value,
    patdiffModule,
    riffModule,
    gpgModule,
    mozillaMessagingHostsModule.value,
    firefoxModule,
    floorpModule,
    librewolfModule,
    servicesEmacsModule.value,
    gpgAgentModule,
    nixGcModule,
    mpdModule.value,
  ];
}

export { STATE_VERSIONS, HM_RELEASE } from "./misc/version.js";
export type { HomeFileValue } from "./lib/file-type.js";
export type { Assertion } from "./misc/assertions.js";
export type { NewsEntry } from "./misc/news.js";
export type { DagEntry } from "./module-kit.js";
export { unitText, toIni, pathSafeName } from "./systemd-units.js";
export { sessionVarsScript } from "./home-environment.js";
