/**
 * The options goimapnotify adds to each email account (`….imapnotify`), as
 * Home Manager's `services/imapnotify/accounts.nix`: turning it on, the
 * commands run on new mail, the folders watched, extra arguments and extra
 * JSON settings. They take effect once `services.imapnotify` exists.
 */
import { defineModule, mkEnableOption, option, t, type JsValue } from "../../../module-system/index.js";
import type { AnyModule, EvalArgs } from "../../module-kit.js";
import { extendAccounts, formatType } from "./kit.js";

const FILE = "modules/services/imapnotify/accounts.ts";

export function imapnotifyAccounts(a: EvalArgs): AnyModule {
  const accountModule = defineModule({
    file: FILE,
    key: `${FILE}#account`,
    path: "imapnotify",
    options: {
      enable: mkEnableOption("imapnotify"),
      onNotify: option({
        type: t.either(t.str, t.attrsOf(t.str)),
        default: "",
        example: "${pkgs.isync}/bin/mbsync test-%s",
        description: "Shell commands run on any event (one command, or one per kind of event).",
      }),
      onNotifyPost: option({
        type: t.either(t.str, t.attrsOf(t.str)),
        default: "",
        example: { mail: "${pkgs.notmuch}/bin/notmuch new && ${pkgs.libnotify}/bin/notify-send 'New mail arrived'" },
        description: "Shell commands run after the `onNotify` ones.",
      }),
      boxes: option({
        type: t.listOf(t.str),
        default: [],
        example: ["Inbox", "[Gmail]/MyLabel"],
        description: "The IMAP folders watched.",
      }),
      extraArgs: option({
        type: t.listOf(t.str),
        default: [],
        example: ["-wait 1"],
        description: "More arguments for goimapnotify.",
      }),
      extraConfig: option({
        type: formatType(a, "json"),
        default: {} as JsValue,
        description: "More settings for this account, merged into its goimapnotify configuration.",
      }),
    },
  });
  return extendAccounts(FILE, accountModule);
}
