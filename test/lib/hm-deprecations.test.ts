/**
 * `lib.hm.deprecations`: warning texts, renamed-settings modules, recursive
 * key renaming and the state-version defaults. They show option paths with
 * `lib.showOption` and build modules with `lib.mkRenamedOptionModule`, so they
 * run once our `lib` has the module system's namespaces. Expected texts are
 * real Nix 2.8 output for Home Manager's lib.
 */
import { describe } from "node:test";
import { hasModuleSystem, table, type Case } from "./hm-helpers.js";

const CASES: Case[] = [
  [
    'hm.deprecations.mkDeprecatedOptionValueWarning { option = [ "programs" "example" "settings" ]; old = "a list"; replacement = "`programs.example.settings.items`"; }',
    '"Using `programs.example.settings` as a list is deprecated and will be\\nremoved in a future release. Please use `programs.example.settings.items` instead.\\n"',
  ],
  [
    'hm.deprecations.mkDeprecatedOptionValueWarning { option = [ "a" "b.c" ]; old = "x"; replacement = "y"; details = "More info."; }',
    '"Using `a.\\"b.c\\"` as x is deprecated and will be\\nremoved in a future release. Please use y instead.\\n\\nMore info.\\n"',
  ],
  [
    'hm.deprecations.mkDeprecatedOptionValueRenameWarning { option = [ "a" "b" ]; old = "`foo`"; replacement = "`bar`"; }',
    '"The value `foo` for `a.b` is deprecated and will be\\nremoved in a future release. Please use `bar` instead.\\n"',
  ],
  [
    'map (m: m.config or m) (hm.deprecations.mkSettingsRenamedOptionModules [ "programs" "x" ] [ "programs" "x" "settings" ] { } [ "someOption" [ "fooBar" "someSubOption" ] { old = "someOtherOption"; new = [ "foo_bar" "some_other_option" ]; } ])',
    "[ <LAMBDA> <LAMBDA> <LAMBDA> ]",
  ],
  ['builtins.length (hm.deprecations.mkSettingsRenamedOptionModules [ "p" ] [ "q" ] { transform = lib.toUpper; } [ "a" ])', "1"],
  [
    'hm.deprecations.remapAttrsRecursive { pred = key: builtins.match ".*[a-z][A-Z].*" key != null; transform = hm.strings.toSnakeCase; ignore = [ "allowThisOne" ]; } "programs.m.settings" { someSetting = 1; allowThisOne = 2; nested = { innerKey = [ { deepKey = 1; } 2 ]; }; }',
    "{ allowThisOne = 2; nested = { inner_key = [ { deep_key = 1; } 2 ]; }; some_setting = 1; }",
  ],
  [
    '(hm.deprecations.mkStateVersionOptionDefault { stateVersion = "25.11"; since = "26.05"; optionPath = [ "programs" "example" "foo" ]; legacy.value = "old"; current.value = "new"; }) // { default = null; }',
    '{ default = null; defaultText = { _type = "literalExpression"; text = "if lib.versionAtLeast config.home.stateVersion \\"26.05\\" then \\"new\\" else \\"old\\"\\n"; }; effectiveDefault = "old"; optionUsesDefaultPriority = false; shouldWarn = false; warning = "The default value of `programs.example.foo` has changed from `\\"old\\"` to `\\"new\\"`.\\nYou are currently using the legacy default (`\\"old\\"`) because `home.stateVersion` is less than \\"26.05\\".\\nTo silence this warning and keep legacy behavior, set:\\n  programs.example.foo = \\"old\\";\\nTo adopt the new default behavior, set:\\n  programs.example.foo = \\"new\\";\\n"; }',
  ],
  [
    '(hm.deprecations.mkStateVersionOptionDefault { stateVersion = "26.05"; since = "26.05"; optionPath = [ "programs" "example" "foo" ]; legacy.value = { a = 1; }; current.value = [ ]; extraWarning = "Extra."; })',
    '{ default = [ ]; defaultText = { _type = "literalExpression"; text = "if lib.versionAtLeast config.home.stateVersion \\"26.05\\" then [ ] else {\\n  a = 1;\\n}\\n"; }; effectiveDefault = [ ]; optionUsesDefaultPriority = false; shouldWarn = false; warning = "The default value of `programs.example.foo` has changed from `{\\n  a = 1;\\n}` to `[ ]`.\\nYou are currently using the legacy default (`{\\n  a = 1;\\n}`) because `home.stateVersion` is less than \\"26.05\\".\\nTo silence this warning and keep legacy behavior, set:\\n  programs.example.foo = {\\n  a = 1;\\n};\\nTo adopt the new default behavior, set:\\n  programs.example.foo = [ ];\\n\\nExtra."; }',
  ],
  [
    '(hm.deprecations.mkStateVersionOptionDefault { stateVersion = "25.05"; since = "26.05"; optionPath = [ "p" "x" ]; legacy = { value = 1; text = "one"; }; current.value = 2; deferWarningToConfig = true; config = { }; options = { p.x = { highestPrio = 1500; }; }; })',
    '{ default = 2; defaultText = { _type = "literalExpression"; text = "if lib.versionAtLeast config.home.stateVersion \\"26.05\\" then 2 else one\\n"; }; effectiveDefault = 1; optionUsesDefaultPriority = true; shouldWarn = true; warning = "The default value of `p.x` has changed from `one` to `2`.\\nYou are currently using the legacy default (`one`) because `home.stateVersion` is less than \\"26.05\\".\\nTo silence this warning and keep legacy behavior, set:\\n  p.x = one;\\nTo adopt the new default behavior, set:\\n  p.x = 2;\\n"; }',
  ],
  [
    '(hm.deprecations.mkStateVersionOptionDefault { stateVersion = "25.05"; since = "26.05"; optionPath = [ "p" "x" ]; legacy.value = 1; current.value = 2; deferWarningToConfig = true; config = { }; options = { p.x = { highestPrio = 100; }; }; shouldWarn = i: i.optionInfo.highestPrio == 100; })',
    '{ default = 2; defaultText = { _type = "literalExpression"; text = "if lib.versionAtLeast config.home.stateVersion \\"26.05\\" then 2 else 1\\n"; }; effectiveDefault = 1; optionUsesDefaultPriority = false; shouldWarn = true; warning = "The default value of `p.x` has changed from `1` to `2`.\\nYou are currently using the legacy default (`1`) because `home.stateVersion` is less than \\"26.05\\".\\nTo silence this warning and keep legacy behavior, set:\\n  p.x = 1;\\nTo adopt the new default behavior, set:\\n  p.x = 2;\\n"; }',
  ],
  [
    '(hm.deprecations.mkStateVersionOptionDefault { stateVersion = "25.05"; since = "26.05"; optionPath = [ "p" "x" ]; legacy.value = 1; current.value = 2; deferWarningToConfig = true; })',
    { error: "`lib.hm.deprecations.mkStateVersionOptionDefault` requires both `config` and `options`" },
  ],
  [
    '[ ((hm.deprecations.mkListEntryOmittedFieldPredicate { omittedField = "type"; triggerField = "config"; }) { value = { config = "x"; }; }) ((hm.deprecations.mkListEntryOmittedFieldPredicate { omittedField = "type"; triggerField = "config"; }) { value = { config = ""; }; }) ((hm.deprecations.mkListEntryOmittedFieldPredicate { omittedField = "type"; triggerField = "config"; }) { value = { config = "x"; type = 1; }; }) ((hm.deprecations.mkListEntryOmittedFieldPredicate { omittedField = "type"; triggerField = "config"; triggerPredicate = v: v == 5; }) { value = { config = 5; }; }) ((hm.deprecations.mkListEntryOmittedFieldPredicate { omittedField = "type"; triggerField = "config"; }) { value = 3; }) ]',
    "[ true false false true false ]",
  ],
  [
    'hm.deprecations.mkStateVersionListSubmoduleWarnings { stateVersion = "25.05"; since = "26.05"; baseWarning = "Base warning.\\n"; definitions = [ { file = "/a/b/home.nix"; value = [ { config = 1; } { } { config = 2; name = "n"; } ]; } { file = "/c/d.nix"; value = [ { config = 3; } ]; } ]; shouldWarnEntry = e: e.value ? config; describeEntry = e: "entry `${e.value.name or "?"}`"; extraEntryWarning = e: if e.index == 1 then "First!" else ""; }',
    '[ "Base warning.\\nTriggered by entry `?` defined in `home.nix` at list index 1.\\nFirst!" "Base warning.\\nTriggered by entry `n` defined in `home.nix` at list index 3." "Base warning.\\nTriggered by entry `?` defined in `d.nix` at list index 1.\\nFirst!" ]',
  ],
  [
    'hm.deprecations.mkStateVersionListSubmoduleWarnings { stateVersion = "26.05"; since = "26.05"; baseWarning = "B"; definitions = [ { file = "/a"; value = [ 1 ]; } ]; shouldWarnEntry = e: true; }',
    "[ ]",
  ],
  [
    'hm.deprecations.mkStateVersionListSubmoduleWarnings { stateVersion = "25.05"; since = "26.05"; baseWarning = "B"; definitions = [ { file = "/a"; value = [ 1 ]; } ]; shouldWarnEntry = e: true; }',
    '[ "B\\nTriggered by an entry defined in `a` at list index 1." ]',
  ],
];

describe("lib.hm.deprecations", () => table(CASES, !hasModuleSystem() && "lib.options is not available yet"));
