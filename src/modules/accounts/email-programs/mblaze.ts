/**
 * The options mblaze adds to each email account (`….mblaze`), as Home
 * Manager's `programs/mblaze/accounts.nix`: turning mblaze on, the command
 * sending mail (msmtpq by default when the account uses msmtp) and extra
 * profile entries. They take effect once `programs.mblaze` exists.
 */
import { defineModule, mkDefault, mkEnableOption, mkIf, option, t } from "../../../module-system/index.js";
import type { AnyModule } from "../../module-kit.js";
import { extendAccounts } from "./kit.js";

const FILE = "modules/programs/mblaze/accounts.ts";

const accountModule = defineModule({
  file: FILE,
  key: `${FILE}#account`,
  options: {
    mblaze: {
      enable: mkEnableOption("mblaze for this email account"),
      sendMailCommand: option({
        type: t.nullOr(t.str),
        default: null,
        example: "msmtpq --read-envelope-from --read-recipients",
        description:
          "The `Sendmail:` entry of the account's profile: the command mcom(1) sends mail with (followed by the " +
          "`Sendmail-Args:` entry, `-t` by default). msmtpq when the account uses msmtp; when null, mblaze uses " +
          "`sendmail` from `PATH`.",
      }),
      settings: option({
        type: t.attrsOf(t.str),
        default: {},
        example: { "Scan-Format": "%c%u%r %-3n %10d %17f %t %2i%s" },
        description: "Entries of the account's mblaze profile (mblaze-profile(5)); they win over generated and global ones.",
      }),
    },
  },
  config: ({ arg }) => ({
    "mblaze.sendMailCommand": mkIf(
      () => (arg("config") as { msmtp: { enable: boolean } }).msmtp.enable,
      mkDefault("msmtpq --read-envelope-from --read-recipients"),
    ),
  }),
});

export const mblazeAccounts: AnyModule = extendAccounts(FILE, accountModule);
