/**
 * `pkgs.formats`: the settings formats of nixpkgs (`json`, `yaml`,
 * `yaml_1_1`, `yaml_1_2`, `toml`, `ini`, `iniWithGlobalSection`, `gitIni`,
 * `keyValue`, `systemd`, `lua`, `elixirConf`, `nixConf`, `pythonVars`,
 * `xml`, `javaProperties`). Each is a function of its options giving `{ type; generate; lib?; }`
 * where `type` is a real module type and `generate name value` a
 * derivation-like file. Types and the generators that `lib.generators`
 * already covers are written in Nix (formats.nix.ts); the JSON-based ones
 * render natively at flush time (json-text.ts, yaml-emit.ts, toml-emit.ts,
 * xml-emit.ts, python-emit.ts) from `builtins.toJSON` of the value, as
 * nixpkgs renders them from that JSON with jq, remarshal and xmltodict.
 */
import * as fs from "node:fs";
import { valueToJSON } from "../../nix/builtins/serial.js";
import { callFunction, forceAttrs } from "../../nix/ops.js";
import { force, NixAttrs, type Lazy } from "../../nix/values.js";
import { attrs, lazy, prim } from "../../module-system/nix-values.js";
import { ArgReader, makeDerivation } from "../builders/derivation.js";
import type { BuilderContext } from "../builders/index.js";
import { BuilderError } from "../builders/run-command.js";
import { textBuilders, writeTextFile } from "../builders/write-text.js";
import { FORMATS_NIX } from "./formats.nix.js";
import { javaProperties } from "./java-properties.js";
import { jsonPretty } from "./json-text.js";
import { pythonVars } from "./python-emit.js";
import { jsonToToml } from "./toml-emit.js";
import { jsonToXml } from "./xml-emit.js";
import { jsonToYaml } from "./yaml-emit.js";

/** A file rendered from the JSON of a value when the store is flushed. */
function renderedFile(ctx: BuilderContext, kind: string, nameL: Lazy, value: Lazy, render: (json: string) => string): NixAttrs {
  const name = new ArgReader(ctx.st).interp(nameL);
  const json = lazy(() => valueToJSON(ctx.st, value, new Set()));
  return makeDerivation({
    name,
    extra: { value: json, passAsFile: ["value"], preferLocalBuild: true },
    outPath: () => {
      const text = force(json) as string;
      const build = (tmp: string) => {
        let out: string;
        try {
          out = render(text);
        } catch (e) {
          throw new BuilderError(`builder for '${name}' failed: ${(e as Error).message}`);
        }
        fs.writeFileSync(tmp, out, { mode: 0o644 });
      };
      return ctx.store.add(name, { kind: `formats.${kind}`, json: text }, build);
    },
  });
}

function native(ctx: BuilderContext): NixAttrs {
  const file = (kind: string, render: (json: string) => string) =>
    prim(`pkgs.formats.${kind}.generate`, 2, ([n, v]) => renderedFile(ctx, kind, n!, v!, render));
  return attrs({
    json: file("json", jsonPretty),
    toml: file("toml", jsonToToml),
    yaml: prim("pkgs.formats.yaml.generate", 3, ([ver, n, v]) => {
      const version = force(ver!) === "1.2" ? "1.2" : "1.1";
      return renderedFile(ctx, `yaml_${version.replace(".", "_")}`, n!, v!, (j) => jsonToYaml(j, version));
    }),
    xml: prim("pkgs.formats.xml.generate", 3, ([h, n, v]) => {
      const header = force(h!) === true;
      return renderedFile(ctx, "xml", n!, v!, (j) => jsonToXml(j, header));
    }),
    javaProperties: prim("pkgs.formats.javaProperties.generate", 3, ([c, n, v]) => {
      const comment = lazy(() => new ArgReader(ctx.st).interp(c!));
      return renderedFile(ctx, "javaProperties", n!, v!, (j) => javaProperties(force(comment) as string, j));
    }),
    python: prim("pkgs.formats.pythonVars.generate", 2, ([n, v]) => {
      const set = lazy(() => forceAttrs(v!));
      const imports = lazy(() => valueToJSON(ctx.st, forceAttrs(set).get("_imports") ?? [], new Set()));
      const rest = lazy(() => {
        const m = new Map(forceAttrs(set).map);
        m.delete("_imports");
        return new NixAttrs(m);
      });
      return renderedFile(ctx, "pythonVars", n!, rest, (j) => pythonVars(j, force(imports) as string));
    }),
  });
}

/** `pkgs.formats`. */
export function pkgsFormats(ctx: BuilderContext): NixAttrs {
  const builders = textBuilders(ctx);
  const fn = ctx.st.evalString(FORMATS_NIX, "«pkgs.formats»");
  const arg = attrs({
    lib: ctx.lib,
    native: native(ctx),
    writeText: builders["writeText"]!,
    writeTextFile: prim("pkgs.writeTextFile", 1, ([a]) => writeTextFile(ctx, a!)),
  });
  return forceAttrs(callFunction(fn, arg));
}
