/**
 * The catalog: every module of this Home Manager, laid out like Home
 * Manager's own tree. `coreModules` lists them in Home Manager's order; the
 * evaluation entry (`src/home`) evaluates them together with the user's
 * configuration. Each entry is a module value usable in `evalModules`.
 */
import type { Lazy } from "../nix/values.js";
import { filesModule } from "./files.js";
import { homeEnvironmentModule } from "./home-environment.js";
import { manualModule } from "./manual.js";
import { assertionsModule } from "./misc/assertions.js";
import { libModule } from "./misc/lib.js";
import { metaModule } from "./misc/meta.js";
import { newsModule } from "./misc/news.js";
import { nixpkgsModule } from "./misc/nixpkgs.js";
import { shellModule } from "./misc/shell.js";
import { submoduleSupportModule } from "./misc/submodule-support.js";
import { uninstallModule } from "./misc/uninstall.js";
import { versionModule } from "./misc/version.js";
import { xdgBaseDirsModule, xdgSystemDirsModule } from "./misc/xdg/index.js";
import { sshAuthSockModule } from "./misc/ssh-auth-sock.js";
import { emacsModule } from "./programs/emacs.js";
import { gpgModule } from "./programs/gpg.js";
import { homeManagerModule } from "./programs/home-manager.js";
import { servicesEmacsModule } from "./services/emacs.js";
import { gpgAgentModule } from "./services/gpg-agent.js";
import { systemdModule } from "./systemd.js";
import { genericLinuxModule } from "./targets/generic-linux.js";

/** The core modules (Home Manager's `modules/modules.nix` core list, as far as this catalog has them). */
export function coreModules(): Lazy[] {
  return [
    filesModule,
    homeEnvironmentModule,
    manualModule.value,
    libModule.value,
    newsModule.value,
    shellModule.value,
    submoduleSupportModule.value,
    uninstallModule.value,
    versionModule.value,
    xdgBaseDirsModule,
    xdgSystemDirsModule.value,
    systemdModule.value,
    genericLinuxModule,
    assertionsModule.value,
    metaModule.value,
    nixpkgsModule.value,
    sshAuthSockModule.value,
    homeManagerModule.value,
    emacsModule.value,
    gpgModule,
    servicesEmacsModule.value,
    gpgAgentModule,
  ];
}

export { STATE_VERSIONS, HM_RELEASE } from "./misc/version.js";
export type { HomeFileValue } from "./lib/file-type.js";
export type { Assertion } from "./misc/assertions.js";
export type { NewsEntry } from "./misc/news.js";
export type { DagEntry } from "./module-kit.js";
export { unitText, toIni, pathSafeName } from "./systemd-units.js";
export { sessionVarsScript } from "./home-environment.js";
