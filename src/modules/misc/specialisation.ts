/**
 * `specialisation.<name>.configuration`: named variants of the configuration.
 * Each variant is the whole configuration evaluated again with the variant's
 * definitions added (`extendModules` of this evaluation, with
 * `specialisation` itself forced empty so variants do not nest), and is
 * built as a generation of its own, linked from the main generation as
 * `specialisation/<name>` (the builder does this from the `specialisations`
 * of the `HomeGeneration`); `home-manager switch --specialisation <name>`
 * activates it. Names may not contain `/`. The old spelling
 * `specialization` is renamed.
 */
import { forceAttrs } from "../../nix/ops.js";
import { NixAttrs, PrimOp, type Lazy } from "../../nix/values.js";
import { defineModule, mkIf, option, t, toNix, type AttrsView } from "../../module-system/index.js";
import { mkOverrideValue } from "../../module-system/definitions.js";
import { attrs, call, lazy, select, selectPath } from "../../module-system/nix-values.js";
import { libCall, ty } from "../module-kit.js";

const FILE = "modules/misc/specialisation.ts";

/** The type of a variant's configuration: this evaluation extended by a module that empties `specialisation`. */
function extendedType(config: Lazy): Lazy {
  return lazy(() => {
    const moduleArgs = () => selectPath(config, ["_module", "args"]);
    const stopNesting = attrs({
      _file: FILE,
      specialisation: mkOverrideValue(0n, NixAttrs.empty),
      // Inside a NixOS or nix-darwin module `name` is the user's name; keep it rather than the option's name.
      _module: attrs({
        args: attrs({
          name: mkOverrideValue(
            50n,
            lazy(() => call(select(moduleArgs(), "name"))),
          ),
        }),
      }),
    });
    const extended = call(select(moduleArgs(), "extendModules"), attrs({ modules: [stopNesting] }));
    return call(select(extended, "type"));
  });
}

function specialisationModule(config: Lazy): Lazy {
  const variant = defineModule({
    file: FILE,
    key: `${FILE}#variant`,
    options: {
      configuration: option({
        type: t.nix(extendedType(config)),
        default: {},
        visible: "shallow",
        description: "The Home Manager configuration of this variant, added to the main one.",
      }),
    },
  });
  return defineModule({
    file: FILE,
    key: `${FILE}#options`,
    options: {
      specialisation: option({
        type: t.attrsOf(ty.submodule<AttrsView>(variant)),
        default: {},
        description:
          'Named variants of this configuration, such as "light" and "dark" colour themes. Each variant is ' +
          "built as a generation of its own, inside the main one at `specialisation/<name>`, and is activated by " +
          "`home-manager switch --specialisation <name>` (or by running its `activate` script). This option is " +
          "experimental: how variants are activated may change.",
      }),
    },
    config: ({ config: c }) => {
      const names = () => Object.keys(c.get("specialisation") as AttrsView);
      return mkIf(() => names().length > 0, {
        assertions: () =>
          names().map((n) => ({
            assertion: !n.includes("/"),
            message: "<name> in specialisation.<name> cannot contain a forward slash.",
          })),
      });
    },
  }).value;
}

/** The module: built per evaluation, since a variant's type is this evaluation extended. */
export const specialisationModuleValue = new PrimOp(`module ${FILE}`, 1, ([a]) => {
  const args = forceAttrs(a!);
  const config = args.get("config") ?? NixAttrs.empty;
  const lib = args.get("lib") ?? NixAttrs.empty;
  return attrs({
    _file: FILE,
    imports: [toNix(libCall(lib, "mkRenamedOptionModule", ["specialization"], ["specialisation"])), specialisationModule(config)],
  });
});
