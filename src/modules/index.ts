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
import { fontconfigModule } from "./misc/fontconfig.js";
import { gtkModules } from "./misc/gtk/index.js";
import { manModules } from "./programs/man.js";
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
import { notmuchModule } from "./programs/notmuch.js";
import { mbsyncModule } from "./programs/mbsync/index.js";
import { neomuttModule } from "./programs/neomutt/index.js";
import { gitCredentialOauthModule } from "./programs/git-credential-oauth.js";
import { patdiffModule } from "./programs/patdiff.js";
import { riffModule } from "./programs/riff.js";
import { gpgModule } from "./programs/gpg.js";
import { neovimModule } from "./programs/neovim/index.js";
import { vimModule } from "./programs/vim.js";
import { firefoxModule, floorpModule, librewolfModule, mozillaMessagingHostsModule } from "./programs/firefox/index.js";
import { homeManagerModule } from "./programs/home-manager.js";
import { programsSshModule } from "./programs/ssh.js";
import { servicesEmacsModule } from "./services/emacs.js";
import { gpgAgentModule } from "./services/gpg-agent.js";
import { sshAgentModule } from "./services/ssh-agent.js";
import { syncthingModule } from "./services/syncthing.js";
import { keychainModule } from "./programs/keychain.js";
import { passwordStoreModule } from "./programs/password-store.js";
import { nixGcModule } from "./services/nix-gc.js";
import { systemdModule } from "./systemd.js";
import { launchdModule } from "./launchd.js";
import { genericLinuxModule } from "./targets/generic-linux.js";
import { bashModule } from "./programs/bash.js";
import { zshModule } from "./programs/zsh/index.js";
import { fishModules } from "./programs/fish/index.js";
import { beetsModule } from "./programs/beets.js";
import { skimModule } from "./programs/skim.js";
import { zoxideModule } from "./programs/zoxide.js";
import { powerlineGoModule } from "./programs/powerline-go.js";
import { direnvModule } from "./programs/direnv.js";
import { starshipModule } from "./programs/starship.js";
import { ohMyPoshModule } from "./programs/oh-my-posh.js";
import { miseModule } from "./programs/mise.js";
import { ghosttyModule } from "./programs/ghostty.js";
import { tmuxModule } from "./programs/tmux.js";
import { tmuxinatorModule } from "./programs/tmuxinator.js";
import { batModule } from "./programs/bat.js";
import { ezaModule } from "./programs/eza.js";
import { htopModule } from "./programs/htop.js";
import { fzfModuleValue } from "./programs/fzf.js";
import { readlineModule } from "./programs/readline.js";
import { lessModule } from "./programs/less.js";
import { alacrittyModule } from "./programs/alacritty.js";
import { kittyModule } from "./programs/kitty.js";
import { nushellModule } from "./programs/nushell.js";
import { vscodeModule } from "./programs/vscode/index.js";
import { ionModule } from "./programs/ion.js";
import { mcflyModule } from "./programs/mcfly.js";
import { carapaceModule } from "./programs/carapace.js";
import { brootModule } from "./programs/broot.js";
import { atuinModule } from "./programs/atuin.js";
import { mpdModule } from "./services/mpd.js";
import { i3Module } from "./services/window-managers/i3-sway/i3.js";
import { swayModule } from "./services/window-managers/i3-sway/sway.js";
import { swaynagModule } from "./services/window-managers/i3-sway/swaynag.js";
import { hyprlandModule } from "./services/window-managers/hyprland/index.js";
import { ripgrepModule } from "./programs/ripgrep.js";
import { fdModule } from "./programs/fd.js";
import { btopModule } from "./programs/btop.js";
import { mpvModule } from "./programs/mpv.js";
import { fehModule } from "./programs/feh.js";
import { imvModule } from "./programs/imv.js";
import { ytDlpModule } from "./programs/yt-dlp.js";
import { aria2Module } from "./programs/aria2.js";
import { lazygitModule } from "./programs/lazygit.js";
import { goModuleValue } from "./programs/go.js";
import { yaziModule } from "./programs/yazi.js";
import { helixModule } from "./programs/helix.js";
import { footModule } from "./programs/foot.js";
import { i3statusModule } from "./programs/i3status.js";
import { i3statusRustModule } from "./programs/i3status-rust.js";
import { swaylockModule } from "./programs/swaylock.js";
import { swayidleModule } from "./services/swayidle.js";
import { homeManagerAutoUpgradeModule } from "./services/home-manager-auto-upgrade.js";
import { kanshiModule } from "./services/kanshi.js";
import { qtModule } from "./misc/qt/index.js";
import { zellijModule } from "./programs/zellij.js";
import { weztermModule } from "./programs/wezterm.js";
import { mcpModule } from "./programs/mcp.js";
import { rofiModule } from "./programs/rofi.js";
import { qutebrowserModule } from "./programs/qutebrowser.js";
import { dunstModule } from "./services/dunst.js";
import { dbusModule } from "./misc/dbus.js";
import { makoModule } from "./services/mako.js";
import { udiskieModule } from "./services/udiskie.js";
import { playerctldModule } from "./services/playerctld.js";
import { flameshotModule } from "./services/flameshot.js";
import { gammastepModule, redshiftModule } from "./services/redshift-gammastep/index.js";
import { waybarModule } from "./programs/waybar.js";
import { tealdeerModule } from "./programs/tealdeer.js";
import { tldrUpdateModule } from "./services/tldr-update.js";
import { nixIndexModule } from "./programs/nix-index.js";
import { commandNotFoundModule } from "./programs/command-not-found.js";
import { jujutsuModule } from "./programs/jujutsu.js";
import { k9sModule } from "./programs/k9s.js";
import { chromiumModule } from "./programs/chromium.js";
import { lsdModule } from "./programs/lsd.js";
import { dircolorsModule } from "./programs/dircolors.js";
import { jqModule } from "./programs/jq.js";
import { autojumpModule } from "./programs/autojump.js";
import { microModule } from "./programs/micro.js";
import { newsboatModule } from "./programs/newsboat.js";
import { picomModule } from "./services/picom.js";
import { polybarModule } from "./services/polybar.js";
import { xresourcesModule } from "./xresources.js";
import { gnomeKeyringModule } from "./services/gnome-keyring.js";
import { lfModule } from "./programs/lf.js";
import { nnnModule } from "./programs/nnn.js";
import { rangerModule } from "./programs/ranger.js";
import { pandocModule } from "./programs/pandoc.js";

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
    fontconfigModule,
    ...gtkModules,
    ...manModules,
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
    zoxideModule.value,
    powerlineGoModule.value,
    direnvModule,
    starshipModule,
    ohMyPoshModule,
    miseModule,
    ghosttyModule,
    tmuxModule.value,
    tmuxinatorModule,
    batModule.value,
    ezaModule,
    htopModule.value,
    fzfModuleValue,
    readlineModule.value,
    lessModule,
    alacrittyModule,
    kittyModule,
    nushellModule.value,
    ionModule.value,
    mcflyModule,
    carapaceModule.value,
    brootModule,
    atuinModule,
    ripgrepModule.value,
    fdModule.value,
    btopModule,
    mpvModule,
    fehModule.value,
    imvModule.value,
    ytDlpModule.value,
    aria2Module,
    lazygitModule,
    goModuleValue,
    yaziModule,
    helixModule,
    footModule,
    i3statusModule.value,
    i3statusRustModule,
    swaylockModule.value,
    swayidleModule,
    homeManagerAutoUpgradeModule.value,
    kanshiModule.value,
    qtModule,
    zellijModule,
    weztermModule,
    mcpModule,
    rofiModule,
    qutebrowserModule.value,
    dunstModule.value,
    picomModule,
    polybarModule.value,
    xresourcesModule.value,
    gnomeKeyringModule.value,
    dbusModule.value,
    makoModule,
    udiskieModule,
    playerctldModule.value,
    flameshotModule,
    redshiftModule,
    gammastepModule,
    waybarModule,
    programsSshModule,
    emacsModule.value,
    getmailModule,
    gitModule,
    msmtpModule,
    notmuchModule.value,
    mbsyncModule.value,
    neomuttModule.value,
    deltaModule,
    diffHighlightModule,
    diffSoFancyModule,
    difftasticModule,
    ghModule,
    gitCredentialOauthModule.value,
    patdiffModule,
    riffModule,
    gpgModule,
    neovimModule,
    vimModule.value,
    mozillaMessagingHostsModule.value,
    firefoxModule,
    floorpModule,
    librewolfModule,
    servicesEmacsModule.value,
    gpgAgentModule,
    sshAgentModule,
    syncthingModule,
    keychainModule.value,
    passwordStoreModule.value,
    nixGcModule,
    mpdModule.value,
    swayModule,
    i3Module,
    swaynagModule.value,
    hyprlandModule.value,
    vscodeModule,
    tealdeerModule,
    tldrUpdateModule.value,
    nixIndexModule.value,
    commandNotFoundModule.value,
    jujutsuModule,
    k9sModule,
    chromiumModule.value,
    lsdModule,
    dircolorsModule.value,
    jqModule.value,
    autojumpModule.value,
    microModule,
    newsboatModule.value,
    lfModule.value,
    nnnModule.value,
    rangerModule.value,
    pandocModule,
  ];
}

export { STATE_VERSIONS, HM_RELEASE } from "./misc/version.js";
export type { HomeFileValue } from "./lib/file-type.js";
export type { Assertion } from "./misc/assertions.js";
export type { NewsEntry } from "./misc/news.js";
export type { DagEntry } from "./module-kit.js";
export { unitText, toIni, pathSafeName } from "./systemd-units.js";
export { sessionVarsScript } from "./home-environment.js";
