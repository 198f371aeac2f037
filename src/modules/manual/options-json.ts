/**
 * `options.json`: every option as nixpkgs' `optionsJSON` writes it — an
 * object keyed by option name whose values hold `declarations`, `default`
 * and `example` (as `{ "_type": "literalExpression", "text": … }`),
 * `description`, `loc`, `readOnly` and `type`, keys sorted as
 * `builtins.toJSON` sorts them.
 */
import type { OptionDoc } from "./options-data.js";

function entry(o: OptionDoc): Record<string, unknown> {
  const e: Record<string, unknown> = {
    declarations: o.declarations,
    ...(o.default === undefined ? {} : { default: { _type: o.default.type, text: o.default.text } }),
    description: o.description ?? "",
    ...(o.example === undefined ? {} : { example: { _type: o.example.type, text: o.example.text } }),
    loc: o.loc,
    readOnly: o.readOnly,
    type: o.type,
  };
  return e;
}

/** The text of `options.json`. */
export function optionsJson(options: readonly OptionDoc[]): string {
  const out: Record<string, unknown> = {};
  for (const o of [...options].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) out[o.name] = entry(o);
  return JSON.stringify(out);
}
