/**
 * The nixpkgs-lib conformance runner reads lib/tests/modules.sh instead of
 * running it; these cases pin how it reads shell: quoting, `"$@"` after
 * `set --`, line continuations, brace expansion, environment prefixes, and
 * skipping function bodies and here-documents.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { modulesCaseId, parseModulesSh, shellWords, toJsRegExp } from "../../conformance/nixpkgs-lib.js";

describe("modules.sh words", () => {
  const words = (s: string, pos: string[] = []) => shellWords(s, pos, new Map([["X", "ex"]]));
  test("quotes", () => assert.deepEqual(words(`a 'b c' "d \\" e" f\\ g`), ["a", "b c", 'd " e', "f g"]));
  test("single quotes keep backslashes", () => assert.deepEqual(words(`'^\\{"a":1\\}$'`), ['^\\{"a":1\\}$']));
  test("double quotes keep unknown escapes", () => assert.deepEqual(words(`"the \\'either\\' type"`), ["the \\'either\\' type"]));
  test('"$@"', () => assert.deepEqual(words(`cmd "$@" ./x.nix`, ["config.a", "./y.nix"]), ["cmd", "config.a", "./y.nix", "./x.nix"]));
  test("variables", () => assert.deepEqual(words(`"$X-\${X}" $X`), ["ex-ex", "ex"]));
  test("braces", () => assert.deepEqual(words(`./d/{a.nix,b.nix} '{x,y}' {z}`), ["./d/a.nix", "./d/b.nix", "{x,y}", "{z}"]));
  test("comments", () => assert.deepEqual(words(`a b # c d`), ["a", "b"]));
  test("unsupported syntax", () => assert.equal(words(`a | b`), null));
});

const SCRIPT = `#!/usr/bin/env bash
checkConfigOutput() {
    local outputContains=$1
}
cat <<EOF
checkConfigOutput 'not' a ./case.nix
EOF
checkConfigOutput '^true$' config.enable ./declare-enable.nix ./define-enable.nix
set -- config.enable ./a.nix
ABORT_ON_WARN=1 checkConfigError 'msg\\n\\s*- In' "$@" ./b.nix
checkConfigError \\
  'long one' \\
  config.set \\
  ./x.nix ./y.nix
REQUIRE_INFINITE_RECURSION_HINT=1 STRICT_EVAL=1 checkConfigError 'rec' config.c ./c.nix
checkExpression './graph/test.nix'
helper() {
}
helper x
`;

describe("modules.sh cases", () => {
  const { cases, others } = parseModulesSh(SCRIPT);
  test("cases and their lines", () =>
    assert.deepEqual(
      cases.map((c) => [c.kind, c.line, c.regex, c.attr, c.files.join(" ")]),
      [
        ["output", 8, "^true$", "config.enable", "./declare-enable.nix ./define-enable.nix"],
        ["error", 10, "msg\\n\\s*- In", "config.enable", "./a.nix ./b.nix"],
        ["error", 11, "long one", "config.set", "./x.nix ./y.nix"],
        ["error", 15, "rec", "config.c", "./c.nix"],
        ["expression", 16, "", "", "./graph/test.nix"],
      ],
    ));
  test("environment prefixes", () => {
    assert.deepEqual(
      cases.map((c) => [c.abortOnWarn, c.strict, c.requireRecursionHint]),
      [
        [false, false, false],
        [true, false, false],
        [false, false, false],
        [false, true, true],
        [false, false, false],
      ],
    );
  });
  test("other functions are reported for skipping", () => assert.deepEqual(others, [{ line: 19, call: "helper" }]));
  test("case ids", () => assert.equal(modulesCaseId(cases[1]!), "modules:config.enable:./a.nix,./b.nix"));
});

describe("grep regular expressions", () => {
  test("POSIX classes", () => assert.ok(toJsRegExp("^[[:alnum:]_]+$").test("a_1")));
  test("PCRE escapes of quotes", () => assert.ok(toJsRegExp("the \\'either\\' type").test("the 'either' type")));
});
