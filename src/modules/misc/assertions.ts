/**
 * `assertions` and `warnings`, as nixpkgs' `misc/assertions.nix` declares
 * them for Home Manager: modules add `{ assertion; message; }` sets and
 * warning texts; the evaluation entry (`src/home`) fails with every failed
 * assertion's message and prints the warnings.
 */
import { defineModule, option, t } from "../../module-system/index.js";
import { ty } from "../module-kit.js";

/** One entry of `assertions` as modules write it. */
export interface Assertion {
  readonly assertion: boolean;
  readonly message: string;
}

export const assertionsModule = defineModule({
  file: "modules/misc/assertions.ts",
  options: {
    assertions: option({
      type: t.listOf(ty.unspecified),
      internal: true,
      default: [],
      example: [{ assertion: false, message: "you can't enable this for that reason" }],
      description: "Conditions that must hold for the configuration to be built, each with the message shown when it does not.",
    }),
    warnings: option({
      type: t.listOf(t.str),
      internal: true,
      default: [],
      example: ["The `foo' service is deprecated and will go away soon!"],
      description: "Messages shown to the user while the configuration is built.",
    }),
  },
});
