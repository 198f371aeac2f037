/**
 * The options lieer adds to each email account (`….lieer`), as Home
 * Manager's `programs/lieer.nix`: turning lieer on, the notmuch warning, the
 * `.gmailieer.json` settings (typed ones plus free-form JSON) and the sync
 * service, with the old option names renamed into `settings`; the account
 * also gains the internal `warnings` list those renames report to. They take
 * effect once `programs.lieer` and `services.lieer` exist.
 */
import { defineModule, mkEnableOption, option, t, toNix, type AttrsView } from "../../../module-system/index.js";
import { libCall, ty, type AnyModule, type EvalArgs } from "../../module-kit.js";
import { extendAccounts, formatType, freeformSubmodule } from "./kit.js";

const FILE = "modules/programs/lieer.ts";

const RENAMED: readonly (readonly [string, string])[] = [
  ["dropNonExistingLabels", "drop_non_existing_label"],
  ["ignoreTagsRemote", "ignore_remote_labels"],
  ["ignoreTagsLocal", "ignore_tags"],
  ["timeout", "timeout"],
  ["replaceSlashWithDot", "replace_slash_with_dot"],
];

const settingsOptions = {
  drop_non_existing_label: option({ type: t.bool, default: false, description: "Whether labels missing on Gmail's side may be dropped." }),
  file_extension: option({
    type: t.str,
    default: "",
    example: "mbox",
    description: "An extension for local file names (helps programs that index mail by extension).",
  }),
  ignore_empty_history: option({
    type: t.bool,
    default: false,
    description: "Whether to tolerate the empty change history Gmail's API sometimes returns (lieer issue 120).",
  }),
  ignore_remote_labels: option({
    type: t.listOf(t.str),
    default: ["CATEGORY_FORUMS", "CATEGORY_PROMOTIONS", "CATEGORY_UPDATES", "CATEGORY_SOCIAL", "CATEGORY_PERSONAL"],
    description: "Gmail labels not turned into local tags (before translation).",
  }),
  ignore_tags: option({ type: t.listOf(t.str), default: [], description: "Local tags not turned into Gmail labels (after translation)." }),
  local_trash_tag: option({ type: t.str, default: "trash", description: "The local tag standing for Gmail's `TRASH` label." }),
  remove_local_messages: option({ type: t.bool, default: true, description: "Whether messages deleted on Gmail are deleted locally." }),
  replace_slash_with_dot: option({ type: t.bool, default: false, description: "Whether `/` in Gmail labels becomes `.`." }),
  timeout: option({
    type: ty.unsigned,
    default: 600,
    description: "The HTTP timeout in seconds; 0 waits forever (or the system's limit).",
  }),
};

export function lieerAccounts(a: EvalArgs): AnyModule {
  const renames = RENAMED.map(([from, to]) => toNix(libCall(a.lib, "mkRenamedOptionModule", ["lieer", from], ["lieer", "settings", to])));
  const accountModule = defineModule({
    file: FILE,
    key: `${FILE}#account`,
    imports: renames,
    options: {
      lieer: {
        enable: mkEnableOption("lieer Gmail synchronization for notmuch"),
        notmuchSetupWarning: option({
          type: t.bool,
          default: true,
          description: "Whether to warn when notmuch is not on for this account (off when `notmuch init` set it up elsewhere).",
        }),
        settings: option({
          type: freeformSubmodule(FILE, "settings", formatType(a, "json"), settingsOptions),
          default: {} as AttrsView,
          description: "The account's `.gmailieer.json` settings; see <https://github.com/gauteh/lieer/> for those not declared here.",
        }),
        sync: {
          enable: mkEnableOption("lieer synchronization service"),
          frequency: option({
            type: t.str,
            default: "*:0/5",
            description: "When to synchronize, as the systemd timer's `OnCalendar` (systemd.time(7)).",
          }),
        },
      },
      warnings: option({ type: t.listOf(t.str), default: [], internal: true, visible: false }),
    },
  });
  return extendAccounts(FILE, accountModule);
}
