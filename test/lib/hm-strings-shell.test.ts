/**
 * `lib.hm.strings`, `shell`, `zsh`, `booleans`, `assertions`, `darwin`,
 * `git`, the namespace listings and string context: generated shell text
 * must keep the context of the store paths put into it. Expected texts are
 * real Nix 2.8 output for Home Manager's lib.
 */
import { describe } from "node:test";
import { table, type Case } from "./hm-helpers.js";

const CASES: Case[] = [
  [
    'with hm.strings; [ (storeFileName "foo bar/.baz-1~x") (storeFileName "a?b=c+d_e.f") (storeFileName "ünï") (storeFileName "") ]',
    '[ "hm_foobar.baz1x" "hm_a?b=c+d_e.f" "hm_n" "hm_" ]',
  ],
  [
    'with hm.strings; [ (toSnakeCase "fooBarBaz") (toSnakeCase "FooBar") (toKebabCase "someURLThing") (toSnakeCase "already_snake") (toCaseWithSeparator "::" "AbC") (toCaseWithSeparator "" "aB") ]',
    '[ "foo_bar_baz" "foo_bar" "some-u-r-l-thing" "already_snake" "ab::c" "ab" ]',
  ],
  [
    'with hm.strings; map (f: map f [ "camelCase" "PascalCase" "snake_case" "kebab-case" "SCREAMING_SNAKE" "a" "A" "var1" "URLShortener" "" "a__b" ]) [ isCamelCase isPascalCase isSnakeCase isKebabCase isScreamingSnakeCase ]',
    "[ [ true false false false false false false false false false false ] [ false true false false false false true false true false false ] [ false false true false false true false true false false false ] [ false false false true false true false true false false false ] [ false false false false true false true false false false false ] ]",
  ],
  [
    'with hm.strings; [ (isPathLike ./.) (isPathLike "/nix/store/abc") (isPathLike "/nix/storex") (isPathLike { type = "derivation"; }) (isPathLike 1) (isPathLike "foo") ]',
    "[ true true false true false false ]",
  ],
  [
    'with hm.shell; [ (export "A" "b") (export "B" true) (export "C" false) (export "D" 1) (export "E" null) (export "F" [ "a" "b" ]) ]',
    '[ "export A=\\"b\\"" "export B=\\"true\\"" "export C=\\"false\\"" "export D=\\"1\\"" "export E=\\"\\"" "export F=\\"a b\\"" ]',
  ],
  ['with hm.shell; exportAll { A = "1"; B = null; C = true; Z = "z z"; }', '"export A=\\"1\\"\\nexport C=\\"true\\"\\nexport Z=\\"z z\\""'],
  ["with hm.shell; exportAll { }", '""'],
  ['with hm.shell; prependToVar ":" "PATH" [ "$HOME/bin" "$HOME/.local/bin" ]', '"$HOME/bin:$HOME/.local/bin\\${PATH:+:}$PATH"'],
  ['with hm.shell; prependToVar ":" "PATH" [ ]', '"\\${PATH:+:}$PATH"'],
  [
    'with hm.shell; [ (wrapLines [ "item1" "item2" "very-long-item" "item3" ] 20) (wrapLines [ "verylongitem" ] 5) (wrapLines [] 5) (wrapLines ["é" "é"] 4) ]',
    '[ [ "item1 item2" "very-long-item item3" ] [ "" "verylongitem" ] [ ] [ "é" "é" ] ]',
  ],
  [
    'with hm.shell; [ (formatShellArrayContent [ "a" "b c" "it\'s" ]) (formatShellArrayContent []) (formatShellArrayContent (builtins.genList (i: "item-number-${toString i}") 12)) ]',
    "[ \"\\n  a 'b c' 'it'\\\\''s'\\n\" \"\\n  \\n\" \"\\n  item-number-0 item-number-1 item-number-2 item-number-3 item-number-4\\n  item-number-5 item-number-6 item-number-7 item-number-8 item-number-9\\n  item-number-10 item-number-11\\n\" ]",
  ],
  [
    'with hm.zsh; [ (toZshValue true) (toZshValue "a\\"b`c\\\\d$e") (toZshValue 1) (toZshValue [ "a" 1 "b c" ]) (toZshValue null) (toZshValue 1.5) ]',
    '[ "true" "\\"a\\\\\\"b\\\\`c\\\\\\\\d$e\\"" "\\"1\\"" "(\\n  a 1 \'b c\'\\n)" "\\"\\"" "\\"1.500000\\"" ]',
  ],
  [
    'with hm.zsh; [ (define "X" "y") (defineAll { A = 1; B = [ "x" ]; }) (export "X" true) (exportAll { A = 1; B = null; C = "c"; } { }) (exportAll { A = 1; C = "c"; } { indent = "  "; }) ]',
    '[ "X=\\"y\\"" "A=\\"1\\"\\nB=(\\n  x\\n)" "export X=true" "export A=\\"1\\"\\nexport C=\\"c\\"" "export A=\\"1\\"\\n  export C=\\"c\\"" ]',
  ],
  ["with hm.booleans; [ (yesNo true) (yesNo false) ]", '[ "yes" "no" ]'],
  [
    'hm.assertions.assertPlatform "programs.foo" { stdenv.hostPlatform.system = "x86_64-linux"; } [ "x86_64-linux" "aarch64-darwin" "aarch64-linux" ]',
    '{ assertion = true; message = "The module programs.foo does not support your platform. It only supports\\n\\n  - aarch64-darwin\\n  - aarch64-linux\\n  - x86_64-linux"; }',
  ],
  [
    'hm.assertions.assertPlatform "programs.foo" { stdenv.hostPlatform.system = "i686-linux"; } [ "x86_64-linux" ]',
    '{ assertion = false; message = "The module programs.foo does not support your platform. It only supports\\n\\n  - x86_64-linux"; }',
  ],
  [
    'with hm.darwin; [ (mkCalendarInterval "hourly") (mkCalendarInterval "semiannually") (mkCalendarInterval "weekly") (mkCalendarInterval "nope") (mkCalendarInterval "__proto__") intervalDocumentation ]',
    '[ [ { Minute = 0; } ] [ { Day = 1; Hour = 0; Minute = 0; Month = 1; } { Day = 1; Hour = 0; Minute = 0; Month = 7; } ] [ { Hour = 0; Minute = 0; Weekday = 1; } ] null null "On Darwin, it must be one of: hourly, daily, weekly, monthly, semiannually, annually, which are implemented as defined in {manpage}`systemd.time(7)`.\\n" ]',
  ],
  [
    'with hm.darwin; [ (assertInterval "services.x.frequency" "daily" { stdenv.hostPlatform.isDarwin = true; }) (assertInterval "o" "*-*-* 00:00" { stdenv.hostPlatform.isDarwin = true; }) (assertInterval "o" "x" { stdenv.hostPlatform.isDarwin = false; }) ]',
    '[ { assertion = true; message = "On Darwin, services.x.frequency must be one of: hourly, daily, weekly, monthly, semiannually, annually."; } { assertion = false; message = "On Darwin, o must be one of: hourly, daily, weekly, monthly, semiannually, annually."; } { assertion = true; message = "On Darwin, o must be one of: hourly, daily, weekly, monthly, semiannually, annually."; } ]',
  ],
  ['hm.git.diffPagerConfig "delta"', '{ pager = { diff = "delta"; log = "delta"; show = "delta"; }; }'],
  [
    "builtins.attrNames hm",
    '[ "assertions" "booleans" "dag" "darwin" "deprecations" "generators" "git" "gvariant" "maintainers" "mcp" "nushell" "shell" "strings" "types" "zsh" ]',
  ],
  [
    "builtins.attrNames hm.shell",
    '[ "export" "exportAll" "formatShellArrayContent" "mkBashIntegrationOption" "mkFishIntegrationOption" "mkIonIntegrationOption" "mkNushellIntegrationOption" "mkZshIntegrationOption" "prependToVar" "wrapLines" ]',
  ],
  [
    "builtins.attrNames hm.generators",
    '[ "hasDAGEntryWithOrdering" "isDAGEntryWithOrdering" "mkDAGOrderedFormat" "mkDAGOrderedIniFormat" "mkDAGOrderedJsonFormat" "mkDAGOrderedKeyValueFormat" "mkDAGOrderedTomlFormat" "mkDAGOrderedYamlFormat" "sortDAGEntries" "toDAGOrderedAttrs" "toDAGOrderedINI" "toDAGOrderedKeyValue" "toDAGOrderedText" "toHyprconf" "toKDL" "toSCFG" ]',
  ],
  [
    "builtins.attrNames hm.deprecations",
    '[ "mkDeprecatedOptionValueRenameWarning" "mkDeprecatedOptionValueWarning" "mkListEntryOmittedFieldPredicate" "mkSettingsRenamedOptionModules" "mkStateVersionListSubmoduleWarnings" "mkStateVersionOptionDefault" "remapAttrsRecursive" ]',
  ],
  [
    "builtins.attrNames hm.types",
    '[ "SCFGDirectives" "dagOf" "fontType" "gvariant" "nushellValue" "overlayFunction" "selectorFunction" "sourceFile" "sourceFileOrLines" ]',
  ],
  [
    "builtins.attrNames hm.mcp",
    '[ "addType" "mkEnvFilesWrapper" "renderEnv" "resolveEnabled" "transformMcpServer" "wrapEnvFilesCommand" ]',
  ],
  [
    "builtins.attrNames hm.strings",
    '[ "isCamelCase" "isKebabCase" "isPascalCase" "isPathLike" "isScreamingSnakeCase" "isSnakeCase" "storeFileName" "toCaseWithSeparator" "toKebabCase" "toSnakeCase" ]',
  ],
  ["builtins.attrNames hm.nushell", '[ "isNushellInline" "mkNushellInline" "toNushell" ]'],
  ["builtins.attrNames hm.zsh", '[ "define" "defineAll" "export" "exportAll" "toZshValue" ]'],
  [
    "builtins.attrNames hm.dag",
    '[ "empty" "entriesAfter" "entriesAnywhere" "entriesBefore" "entriesBetween" "entryAfter" "entryAnywhere" "entryBefore" "entryBetween" "isDag" "isEntry" "map" "topoSort" ]',
  ],
  [
    "hm.maintainers",
    '{ Aehmlo = { email = "1622250+Aehmlo@users.noreply.github.com"; github = "Aehmlo"; githubId = 1622250; name = "Alex"; }; Avimitin = { email = "dev@avimit.in"; github = "Avimitin"; githubId = 30021675; name = "Avimitin"; }; CarlosLoboxyz = { email = "86011416+CarlosLoboxyz@users.noreply.github.com"; github = "CarlosLoboxyz"; githubId = 86011416; name = "Carlos Lobo"; }; Dines97 = { email = "19364873+Dines97@users.noreply.github.com"; github = "Dines97"; githubId = 19364873; name = "Denis Kaynar"; }; ErinaYip = { email = "erinayip@outlook.com"; github = "ErinaYip"; githubId = 227132255; name = "erina"; }; HPsaucii = { email = "me@hpsaucii.dev"; github = "HPsaucii"; githubId = 126502193; keys = [ { fingerprint = "AD32 73D4 5E0E 9478 E826  543F EDB2 C634 166A E6AD"; longkeyid = "rsa4096/0xEDB2C634166AE6AD"; } ]; name = "Holly Powell"; }; Kyure-A = { email = "49436968+Kyure-A@users.noreply.github.com"; github = "Kyure-A"; githubId = 49436968; name = "Kyure_A"; }; LesVu = { email = "lesvu@ingressland.com"; github = "LesVu"; githubId = 66196443; name = "John Ferse"; }; LucasWagler = { email = "lucas@wagler.dev"; github = "LucasWagler"; githubId = 32136449; name = "Lucas Wagler"; }; NateCox = { email = "nate@natecox.dev"; github = "natecox"; githubId = 2782695; name = "Nate Cox"; }; NitroSniper = { email = "nitro@ortin.dev"; github = "NitroSniper"; githubId = 44097331; name = "Nitro Sniper"; }; SunOfLife1 = { github = "SunOfLife1"; githubId = 30405063; name = "SunOfLife1"; }; _3ulalia = { email = "3ulalia@proton.me"; github = "3ulalia"; githubId = 179992797; name = "Eulalia del Sol"; }; _9p4 = { email = "vcs@ersei.net"; github = "9p4"; githubId = 17993169; name = "9p4"; }; aabccd021 = { email = "aabccd021@gmail.com"; github = "aabccd021"; githubId = 33031950; name = "Muhamad Abdurahman"; }; abayomi185 = { email = "yomi+nix@yomitosh.com"; github = "abayomi185"; githubId = 21103047; name = "Yomi"; }; afresquet = { email = "alvarofresquet@gmail.com"; github = "afresquet"; githubId = 29437693; name = "Alvaro Fresquet"; }; aguirre-matteo = { email = "aguirre.matteo@proton.me"; github = "aguirre-matteo"; githubId = 158215792; name = "aguirre-matteo"; }; aheaume = { email = "aheaume@users.noreply.github.com"; github = "aheaume"; githubId = 13830042; name = "aheaume"; }; austreelis = { email = "github@accounts.austreelis.net"; github = "Austreelis"; githubId = 56743515; name = "Morgane Austreelis"; }; bamhm182 = { email = "bamhm182@gmail.com"; github = "bamhm182"; githubId = 920269; name = "bamhm182"; }; bikku = { email = "bikku+dev@slmail.me"; github = "b1kku"; githubId = 77858854; name = "Bikku"; }; bittner = { email = "peter@painless.software"; github = "bittner"; githubId = 665072; name = "Peter Bittner"; }; bjpbakker = { email = "bart@thesoftwarecraft.com"; github = "bjpbakker"; githubId = 605641; name = "Bart Bakker"; }; blmhemu = { email = "19410501+blmhemu@users.noreply.github.com"; github = "blmhemu"; githubId = 19410501; name = "blmhemu"; }; csanthiago = { email = "git@csanthiago.dev"; github = "csanthiago"; githubId = 8346803; name = "csanthiago"; }; d-dervishi = { email = "david.dervishi@epfl.ch"; github = "d-dervishi"; githubId = 61125355; keys = [ { fingerprint = "4C92 E3B0 21B5 5562 A1E0  CE3D B1C0 12F0 E769 7195"; longKeyId = "rsa4096/0xB1C012F0E7697195"; } ]; name = "David Dervishi"; }; danjujan = { email = "44864658+danjujan@users.noreply.github.com"; github = "danjujan"; githubId = 44864658; name = "Jan Schmitz"; }; dosten = { email = "diego@saintesteben.me"; github = "dosten"; githubId = 510842; name = "Diego Saint Esteben"; }; dsoverlord = { email = "dsoverlord@vk.com"; github = "dsoverlord"; githubId = 78819443; name = "Kirill Zakharov"; }; dsqr = { email = "me@dsqr.dev"; github = "0xdsqr"; githubId = 99584622; name = "Dave Dennis"; }; dwagenk = { email = "dwagenk@mailbox.org"; github = "dwagenk"; githubId = 32838899; name = "Daniel Wagenknecht"; }; elanora96 = { email = "git@elanora.lol"; github = "elanora96"; githubId = 27848938; name = "Elanora Manson"; }; epixtm = { email = "kami@epix.icu"; github = "epixtm"; githubId = 168025607; name = "Epix"; }; exzombie = { email = "jure@varlec.si"; github = "exzombie"; githubId = 11456290; name = "Jure Varlec"; }; farberbrodsky = { email = "misha@farberbrodsky.com"; github = "farberbrodsky"; githubId = 36243759; name = "Michael Farber Brodsky"; }; fendse = { email = "46252070+Fendse@users.noreply.github.com"; github = "Fendse"; githubId = 46252070; name = "Sara Johnsson"; }; florpe = { email = "jens.krewald@gmail.com"; github = "florpe"; githubId = 53856373; name = "Jens Krewald"; }; folliehiyuki = { email = "folliekazetani@protonmail.com"; github = "folliehiyuki"; githubId = 67634026; name = "Hoang Nguyen"; }; fpob = { email = "fpob@proton.me"; github = "fpob"; githubId = 6289078; name = "Filip Pobořil"; }; garklein = { email = "garklein97@gmail.com"; github = "garklein"; githubId = 63201615; name = "Garklein"; }; gauthsvenkat = { email = "gauthsvenkat+home-manager@gmail.com"; github = "gauthsvenkat"; githubId = 26820345; }; glmlm = { email = "91877885+glmlm@users.noreply.github.com"; github = "glmlm"; githubId = 91877885; }; henrisota = { email = "henrisota@users.noreply.github.com"; github = "henrisota"; githubId = 56848082; name = "Henri Sota"; }; isaacST08 = { email = "isaacst.nix@proton.me"; github = "isaacST08"; githubId = 106057977; name = "Isaac Shiells Thomas"; }; jack5079 = { email = "nix@jack.cab"; github = "jack5079"; githubId = 29169102; name = "Jack W."; }; janik = { email = "janik@aq0.de"; github = "Janik-Haag"; githubId = 80165193; matrix = "@janik0:matrix.org"; name = "Janik"; }; joker9944 = { email = "github@shroud.mozmail.com"; github = "Joker9944"; githubId = 9194199; name = "Felix von Arx"; }; jonringer = { email = "jonringer117@gmail.com"; github = "jonringer"; githubId = 7673602; matrix = "@jonringer:matrix.org"; name = "Jonathan Ringer"; }; joygnu = { email = "contact@joygnu.org"; github = "joygnu"; githubId = 152063003; name = "joygnu"; }; jrobsonchase = { email = "josh@robsonchase.com"; github = "jrobsonchase"; githubId = 1553581; name = "Josh Robson Chase"; }; jtrrll = { email = "jacksonterrill3@gmail.com"; github = "jtrrll"; githubId = 77407057; name = "Jackson Terrill"; }; kaleo = { email = "kaleocheng@gmail.com"; github = "kaleocheng"; githubId = 7939352; name = "Kaleo Cheng"; }; kalhauge = { email = "kalhauge@users.noreply.github.com"; github = "kalhauge"; githubId = 1182166; name = "Christian Gram Kalhauge"; }; kayskayskays = { email = "115312476+kayskayskays@users.noreply.github.com"; github = "kayskayskays"; githubId = 115312476; name = "Kays"; }; kmaasrud = { email = "km@aasrud.com"; github = "kmaasrud"; githubId = 54394333; name = "Knut Magnus Aasrud"; }; lheckemann = { email = "git@sphalerite.org"; github = "lheckemann"; githubId = 341954; name = "Linus Heckemann"; }; libewa = { email = "libewa-git@icloud.com"; github = "libewa"; githubId = 67926131; }; lilyinstarlight = { email = "lily@lily.flowers"; github = "lilyinstarlight"; githubId = 298109; matrix = "@lily:lily.flowers"; name = "Lily Foster"; }; lowlevl = { email = "lowlevl@users.noreply.github.com"; github = "lowlevl"; githubId = 15341887; name = "maya_t"; }; lukasngl = { email = "69244516+lukasngl@users.noreply.github.com"; github = "lukasngl"; githubId = 69244516; name = "Lukas Nagel"; }; lunahd = { email = "lunab08@proton.me"; github = "miku4k"; githubId = 89653242; name = "Miku B"; }; mager = { email = "andreas@mager.eu"; github = "AndreasMager"; githubId = 5646732; name = "Andreas Mager"; }; mainrs = { email = "5113257+mainrs@users.noreply.github.com"; github = "mainrs"; githubId = 5113257; name = "mainrs"; }; mforster = { email = "email@michael-forster.de"; github = "MForster"; githubId = 4067975; name = "Michael Forster"; }; mifom = { email = "mifom@users.noreply.github.com"; github = "mifom"; githubId = 23462908; name = "mifom"; }; mikilio = { email = "official.mikilio+dev@gmail.com"; github = "mikilio"; githubId = 86004375; name = "mikilio"; }; mipmip = { email = "post@pimsnel.com"; github = "mipmip"; githubId = 658612; name = "Pim Snel"; }; msfjarvis = { email = "me@msfjarvis.dev"; github = "msfjarvis"; githubId = 13348378; keys = [ { fingerprint = "8F87 050B 0F9C B841 1515  7399 B784 3F82 3355 E9B9"; longkeyid = "rsa4096/0xB7843F823355E9B9"; } ]; name = "Harsh Shandilya"; }; msyds = { email = "65362461+msyds@users.noreply.github.com"; github = "msyds"; githubId = 65362461; name = "Madeleine Sydney Ślaga"; }; munsman = { email = "munsman.github@gmail.com"; github = "munsman"; githubId = 48153666; name = "Hendrik Munske"; }; olmokramer = { email = "olmokramer@users.noreply.github.com"; github = "olmokramer"; githubId = 3612514; name = "Olmo Kramer"; }; oneorseveralcats = { github = "oneorseveralcats"; githubId = 170012754; name = "oneorseveralcats"; }; owm111 = { email = "7798336+owm111@users.noreply.github.com"; github = "owm111"; githubId = 7798336; name = "Owen McGrath"; }; pedorich-n = { email = "pedorich.n@gmail.com"; github = "pedorich-n"; githubId = 15573098; name = "Mykyta Pedorich"; }; philip-730 = { email = "philip.amendolia@gmail.com"; github = "philip-730"; githubId = 116534928; name = "Philip Amendolia"; }; pltanton = { email = "plotnikovanton@gmail.com"; github = "pltanton"; githubId = 4561823; name = "pltanton"; }; poseidon-rises = { email = "softwaredevelopment.stingray177@passinbox.com"; github = "poseidon-rises"; githubId = 179542264; name = "poseidon-rises"; }; prescientmoon = { email = "git@moonythm.dev"; github = "prescientmoon"; githubId = 39400800; name = "prescientmoon"; }; rasmus-kirk = { email = "mail@rasmuskirk.com"; github = "rasmus-kirk"; githubId = 57323869; name = "Rasmus Kirk"; }; rcerc = { email = "88944439+rcerc@users.noreply.github.com"; github = "rcerc"; githubId = 88944439; keys = [ { fingerprint = "D5D6 FD1F 0D9A 3284 FB9B  C26D 3F98 EC7E C2B8 7ED1"; longkeyid = "ed25519/0x3F98EC7EC2B87ED1"; } ]; name = "rcerc"; }; reesilva = { email = "reesilva@proton.me"; github = "ReeSilva"; githubId = 3605032; name = "Renato da Silva"; }; rosuavio = { email = "RosarioPulella@gmail.com"; github = "Rosuavio"; githubId = 7164552; name = "Rosario Pulella"; }; rszamszur = { email = "radoslawszamszur@gmail.com"; github = "rszamszur"; githubId = 10353018; name = "Radosław Szamszur"; }; silmarp = { email = "silmarjr2@gmail.com"; github = "silmarp"; githubId = 67292496; name = "Silmar Pereira da Silva Junior"; }; soracat = { email = "125882337+s0racat@users.noreply.github.com"; github = "s0racat"; githubId = 125882337; name = "soracat"; }; superflash41 = { email = "saymon.nicho@pucp.edu.pe"; github = "superflash41"; githubId = 102434258; name = "Saymon Nicho"; }; vidhanio = { email = "me@vidhan.io"; github = "vidhanio"; githubId = 41439633; name = "Vidhan Bhatt"; }; will-lol = { email = "will.bradshaw50@gmail.com"; github = "will-lol"; githubId = 65345408; name = "William Bradshaw"; }; zorrobert = { email = "118135271+zorrobert@users.noreply.github.com"; github = "zorrobert"; githubId = 118135271; name = "zorrobert"; }; }',
  ],
  [
    'let d = derivation { name = "pkg"; builder = "/bin/sh"; system = "x86_64-linux"; }; in map builtins.getContext [ (hm.shell.export "X" "${d}/bin") (hm.shell.exportAll { A = "${d}"; B = "plain"; }) (hm.shell.prependToVar ":" "PATH" [ "${d}/bin" ]) (hm.strings.storeFileName "${d}") (toString (hm.gvariant.mkString "${d}")) (hm.generators.toKDL { } { a = "${d}"; }) (hm.generators.toSCFG { } [ { name = "${d}"; } ]) (hm.zsh.export "X" "${d}") (hm.zsh.toZshValue [ "${d}" ]) (hm.nushell.toNushell { } [ "${d}" ]) ]',
    '[ { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } ]',
  ],
  [
    'let d = derivation { name = "pkg"; builder = "/bin/sh"; system = "x86_64-linux"; }; in [ (hm.shell.export "X" "${d}/bin") (hm.strings.storeFileName "${d}/x y") (hm.strings.isPathLike "${d}") (hm.strings.isPathLike d) (hm.nushell.toNushell { } d) ]',
    '[ "export X=\\"/nix/store/8w6a3g1mvf8qkz788dysw8k4hmq91cc8-pkg/bin\\"" "hm_nixstore8w6a3g1mvf8qkz788dysw8k4hmq91cc8pkgxy" true true "/nix/store/8w6a3g1mvf8qkz788dysw8k4hmq91cc8-pkg" ]',
  ],
  [
    'let d = derivation { name = "pkg"; builder = "/bin/sh"; system = "x86_64-linux"; }; in map builtins.getContext [ (hm.generators.toHyprconf { attrs = { exec = "${d}/bin/x"; }; }) (with hm.dag; hm.generators.toDAGOrderedKeyValue { } { a = "${d}"; b = entryAfter [ "a" ] "x"; }) ]',
    '[ { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } { "/nix/store/s8l8ca4j8fb6d94205514xd6wf9b57ng-pkg.drv" = { outputs = [ "out" ]; }; } ]',
  ],
];

describe("lib.hm strings and shell", () => table(CASES));
