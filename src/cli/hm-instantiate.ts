/**
 * `home-manager instantiate`: Home Manager prints the `.drv` of the
 * activation package without building it. We have no derivations, so the
 * analogue is the generation itself: build it into the private store (no
 * `./result` link, nothing activated, the profile untouched) and print its
 * store path. Flakes are refused with Home Manager's message.
 */
import { locateFlake } from "./config-file.js";
import { HmContext } from "./hm-context.js";
import { doBuild } from "./hm-switch.js";

/** `home-manager instantiate`. */
export function doInstantiate(ctx: HmContext): number {
  const flake = locateFlake({ env: ctx.env, cwd: ctx.io.cwd, file: ctx.args.file, flake: ctx.args.flake, warn: (m) => ctx.warn(m) });
  if (flake !== undefined) {
    ctx.err("Can't instantiate a flake configuration");
    return 1;
  }
  return doBuild(new HmContext(ctx.io, { ...ctx.args, noOutLink: true }, ctx.prog));
}
