/**
 * The option mu adds to each email account (`….mu.enable`, as Home
 * Manager's `programs/mu.nix`): whether mu indexes the account. It takes
 * effect once `programs.mu` exists.
 */
import { defineModule, mkEnableOption } from "../../../module-system/index.js";
import type { AnyModule } from "../../module-kit.js";
import { extendAccounts } from "./kit.js";

const FILE = "modules/programs/mu.ts";

export const muAccounts: AnyModule = extendAccounts(
  FILE,
  defineModule({ file: FILE, key: `${FILE}#account`, options: { mu: { enable: mkEnableOption("mu indexing") } } }),
);
