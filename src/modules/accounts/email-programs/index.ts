/**
 * The per-account options of the mail programs Home Manager has, gathered
 * in one catalog module: aerc, alot, astroid, himalaya, imapnotify, lieer,
 * mblaze, meli, mu, mujmap, offlineimap and thunderbird each add a group of
 * options to `accounts.email.accounts.<name>` (msmtp, getmail, mbsync,
 * notmuch and neomutt declare theirs in their own modules). The programs'
 * own modules are not in the catalog yet, so these options have no effect
 * for now; declaring them keeps every Home Manager account configuration
 * valid (and lets modules such as git read accounts that set them). Each
 * program's module, when it arrives, takes its file from here and leaves
 * this list.
 */
import { perEvaluation } from "../../module-kit.js";
import { aercAccounts } from "./aerc.js";
import { alotAccounts } from "./alot.js";
import { astroidAccounts } from "./astroid.js";
import { himalayaAccounts } from "./himalaya.js";
import { imapnotifyAccounts } from "./imapnotify.js";
import { lieerAccounts } from "./lieer.js";
import { mblazeAccounts } from "./mblaze.js";
import { meliAccounts } from "./meli.js";
import { muAccounts } from "./mu.js";
import { mujmapAccounts } from "./mujmap.js";
import { offlineimapAccounts } from "./offlineimap.js";
import { thunderbirdAccounts } from "./thunderbird.js";

const FILE = "modules/accounts/email-programs.ts";

/** The module (made per evaluation: some options use this evaluation's `pkgs`). */
export const emailProgramAccountsModule = perEvaluation(FILE, (a) =>
  [
    aercAccounts,
    alotAccounts(a),
    astroidAccounts,
    himalayaAccounts(a),
    imapnotifyAccounts(a),
    lieerAccounts(a),
    mblazeAccounts,
    meliAccounts(a),
    muAccounts,
    mujmapAccounts(a),
    offlineimapAccounts,
    thunderbirdAccounts,
  ].map((m) => m.value),
);
