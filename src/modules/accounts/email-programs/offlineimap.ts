/**
 * The options OfflineIMAP adds to each email account (`….offlineimap`), as
 * Home Manager's `programs/offlineimap/accounts.nix`: turning it on, extra
 * settings of the account, local and remote sections, and a command run
 * after each sync. They take effect once `programs.offlineimap` exists.
 */
import { defineModule, mkEnableOption, option, t, type JsValue } from "../../../module-system/index.js";
import type { AnyModule } from "../../module-kit.js";
import { extendAccounts } from "./kit.js";

const FILE = "modules/programs/offlineimap/accounts.ts";

const extraConfigType = t.attrsOf(t.either(t.either(t.str, t.int), t.bool));
const extra = (what: string, example: Record<string, JsValue>) =>
  option({ type: extraConfigType, default: {}, example, description: `More settings for the ${what} section.` });

const accountModule = defineModule({
  file: FILE,
  key: `${FILE}#account`,
  path: "offlineimap",
  options: {
    enable: mkEnableOption("OfflineIMAP"),
    extraConfig: {
      account: extra("account", { autorefresh: 20 }),
      local: extra("local repository", { sync_deletes: true }),
      remote: extra("remote repository", { maxconnections: 2, expunge: false }),
    },
    postSyncHookCommand: option({ type: t.lines, default: "", description: "A command run after new mail is fetched." }),
  },
});

export const offlineimapAccounts: AnyModule = extendAccounts(FILE, accountModule);
