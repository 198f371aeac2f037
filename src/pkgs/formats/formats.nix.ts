/**
 * The Nix side of `pkgs.formats`: each format's module type (built from our
 * `lib.types`, with the descriptions nixpkgs gives them) and, for the
 * formats whose text `lib.generators` already makes (INI, key-value, git
 * INI, Lua, Elixir, nix.conf), the `generate` function. Formats rendered from
 * JSON (json, yaml, toml, xml, pythonVars) call the `native` functions of
 * index.ts. Evaluated once per evaluation as a function of
 * `{ lib, native, writeText, writeTextFile }`. (Nix's `${` is written `§{` below,
 * so that the text can sit in a template literal.)
 */
export const FORMATS_NIX = String.raw`
{ lib, native, writeText, writeTextFile }:
let
  t = lib.types;
  described = description: type: type // { inherit description; };
  # A recursive value type: the given scalar types, sets and lists of itself.
  recursive = { description, nullable ? true, scalars, extra ? { } }:
    let
      self = described description (
        (if nullable then t.nullOr else lib.id) (t.oneOf (scalars ++ [ (t.attrsOf self) (t.listOf self) ]))
      ) // extra;
    in self;
  jsonScalars = [ t.bool t.int t.float t.str t.path ];

  iniScalar = described "INI atom (null, bool, int, float or string)" (t.nullOr (t.oneOf [ t.bool t.int t.float t.str ]));
  iniAtom = { listsAsDuplicateKeys, listToValue, atomsCoercedToLists }:
    let
      orList = if atomsCoercedToLists then t.coercedTo iniScalar lib.singleton else t.either iniScalar;
    in
    if listsAsDuplicateKeys then
      described "§{iniScalar.description} or a list of them for duplicate keys" (orList (t.listOf iniScalar))
    else if listToValue != null then
      described "§{iniScalar.description} or a non-empty list of them" (orList (t.nonEmptyListOf iniScalar))
    else iniScalar;
  iniSection = atom: described "section of an INI file (attrs of §{atom.description})" (t.attrsOf atom);
  listsToValues = listToValue: if listToValue == null then lib.id else lib.mapAttrs (_: v: if lib.isList v then listToValue v else v);
  iniArgs = args: removeAttrs args [ "listToValue" "atomsCoercedToLists" ];
  checkIni = listsAsDuplicateKeys: listToValue: atomsCoercedToLists: x:
    assert listsAsDuplicateKeys -> listToValue == null;
    assert atomsCoercedToLists != null -> (listsAsDuplicateKeys || listToValue != null);
    x;
  atomOf = listsAsDuplicateKeys: listToValue: atomsCoercedToLists: iniAtom {
    inherit listsAsDuplicateKeys listToValue;
    atomsCoercedToLists = if atomsCoercedToLists == null then false else atomsCoercedToLists;
  };

  ini = { listsAsDuplicateKeys ? false, listToValue ? null, atomsCoercedToLists ? null, ... }@args:
    checkIni listsAsDuplicateKeys listToValue atomsCoercedToLists (
      let atom = atomOf listsAsDuplicateKeys listToValue atomsCoercedToLists; in {
        type = t.attrsOf (iniSection atom);
        lib.types.atom = atom;
        generate = name: value:
          writeText name (lib.generators.toINI (iniArgs args) (lib.mapAttrs (_: listsToValues listToValue) value));
      });

  iniWithGlobalSection = { listsAsDuplicateKeys ? false, listToValue ? null, atomsCoercedToLists ? null, ... }@args:
    checkIni listsAsDuplicateKeys listToValue atomsCoercedToLists (
      let
        atom = atomOf listsAsDuplicateKeys listToValue atomsCoercedToLists;
        sectionsType = t.attrsOf (iniSection atom);
        globalType = iniSection atom;
      in {
        type = t.submodule {
          options.sections = lib.mkOption { type = sectionsType; default = { }; description = sectionsType.description; };
          options.globalSection = lib.mkOption { type = globalType; default = { }; description = "global §{globalType.description}"; };
        };
        lib.types.atom = atom;
        generate = name: { sections ? { }, globalSection ? { }, ... }:
          writeText name (lib.generators.toINIWithGlobalSection (iniArgs args) {
            globalSection = listsToValues listToValue globalSection;
            sections = lib.mapAttrs (_: listsToValues listToValue) sections;
          });
      });

  gitIni = { listsAsDuplicateKeys ? false, ... }@args:
    let atom = iniAtom { inherit listsAsDuplicateKeys; listToValue = null; atomsCoercedToLists = false; }; in {
      type = t.attrsOf (t.attrsOf (t.either atom (t.attrsOf atom)));
      lib.types.atom = atom;
      generate = name: value: writeText name (lib.generators.toGitINI value);
    };

  keyValue = { listsAsDuplicateKeys ? false, listToValue ? null, ... }@args:
    assert listsAsDuplicateKeys -> listToValue == null;
    let
      single = described "atom (null, bool, int, float or string)" (t.nullOr (t.oneOf [ t.bool t.int t.float t.str ]));
      atom =
        if listsAsDuplicateKeys then
          described "§{single.description} or a list of them for duplicate keys" (t.coercedTo single lib.singleton (t.listOf single))
        else if listToValue != null then
          described "§{single.description} or a non-empty list of them" (t.coercedTo single lib.singleton (t.nonEmptyListOf single))
        else single;
    in {
      type = t.attrsOf atom;
      generate = name: value:
        writeText name (lib.generators.toKeyValue (removeAttrs args [ "listToValue" ]) (listsToValues listToValue value));
    };

  systemd = ini {
    listsAsDuplicateKeys = true;
    mkKeyValue = k: v: if v == null then "# §{k} is unset" else "§{k} = §{lib.generators.mkValueStringDefault { } v}";
  };

  jsonLike = description: render: { }: {
    type = recursive { inherit description; scalars = jsonScalars; };
    generate = render;
  };

  lua = { asBindings ? false, multiline ? true, columnWidth ? 100, indentWidth ? 2, indentUsingTabs ? false }:
    let
      value = recursive {
        description = "lua value";
        scalars = [ t.bool t.float t.int t.path t.str t.luaInline ];
        extra.descriptionClass = "noun";
      };
    in {
      type = if asBindings then t.attrsOf value else value;
      generate = name: v:
        let text = (if asBindings then "" else "return ") + lib.generators.toLua { inherit asBindings multiline; } v;
        in writeText name (if lib.hasSuffix "\n" text then text else text + "\n");
      lib.mkRaw = lib.mkLuaInline;
    };

  elixirConf = { elixir ? null }:
    let
      escapeElixir = lib.escape [ "\\" "#" "\"" ];
      toElixir = v:
        if v == null then "nil"
        else if v == true then "true"
        else if v == false then "false"
        else if lib.isInt v || lib.isFloat v then toString v
        else if lib.isString v then "\"§{escapeElixir v}\""
        else if lib.isAttrs v then
          (if v ? _elixirType then special v
           else "[" + lib.concatStringsSep ", " (lib.mapAttrsToList (n: x: "§{n}: §{toElixir x}") v) + "]")
        else if lib.isList v then "[" + items v + "]"
        else abort "formats.elixirConf: should never happen (value = §{v})";
      items = vs: lib.concatStringsSep ", " (map toElixir vs);
      special = { value, _elixirType }:
        if _elixirType == "raw" || _elixirType == "atom" then value
        else if _elixirType == "map" then
          "%{" + lib.concatStringsSep ", " (lib.mapAttrsToList (n: x: "§{toElixir n} => §{toElixir x}") value) + "}"
        else if _elixirType == "tuple" then "{" + items value + "}"
        else abort "formats.elixirConf: should never happen (_elixirType = §{_elixirType})";
      configLines = values: lib.flatten (lib.mapAttrsToList (root: keys: lib.mapAttrsToList (k: v: "config §{root}, §{k}, §{toElixir v}") keys) values);
      mkRaw = value: { inherit value; _elixirType = "raw"; };
      isType = ty: x: (x._elixirType or "") == ty;
      rawElixir = lib.mkOptionType { name = "rawElixir"; description = "raw elixir"; check = isType "raw"; };
      elixirOr = other: t.either other rawElixir;
    in {
      type = t.attrsOf (t.attrsOf (recursive {
        description = "Elixir value";
        scalars = [ t.bool t.int t.float t.str ];
      }));
      lib = {
        inherit mkRaw;
        mkGetEnv = { envVariable, fallback ? null }: mkRaw "System.get_env(§{toElixir envVariable}, §{toElixir fallback})";
        mkAtom = value: { inherit value; _elixirType = "atom"; };
        mkTuple = value: { inherit value; _elixirType = "tuple"; };
        mkMap = value: { inherit value; _elixirType = "map"; };
        types = {
          inherit rawElixir elixirOr;
          atom = elixirOr (lib.mkOptionType { name = "elixirAtom"; description = "elixir atom"; check = isType "atom"; });
          tuple = elixirOr (lib.mkOptionType { name = "elixirTuple"; description = "elixir tuple"; check = isType "tuple"; });
          map = elixirOr (lib.mkOptionType { name = "elixirMap"; description = "elixir map"; check = isType "map"; });
        } // lib.mapAttrs (_: elixirOr) t;
      };
      generate = name: value: writeText name ''
        import Config

        §{lib.concatStringsSep "\n" (configLines value)}
      '';
    };

  nixConf = { package, version, extraOptions ? "", checkAllErrors ? true, checkConfig ? true }:
    assert lib.versionAtLeast version "2.2";
    {
      type = t.attrsOf (t.nullOr (t.oneOf [ t.bool t.int t.float t.str t.path t.package ]));
      generate = name: value:
        let
          show = v:
            if v == null then ""
            else if lib.isInt v then toString v
            else if lib.isBool v then lib.boolToString v
            else if lib.isFloat v then lib.strings.floatToString v
            else if lib.isDerivation v then toString v
            else if builtins.isPath v then toString v
            else if lib.isString v then v
            else if lib.strings.isConvertibleWithToString v then toString v
            else abort "The nix conf value: §{lib.generators.toPretty { } v} can not be encoded";
          pairs = set: lib.concatStringsSep "\n" (lib.mapAttrsToList (k: v: "§{lib.escape [ "=" ] k} = §{show v}") set);
          isExtra = k: lib.hasPrefix "extra-" k;
        in
        writeTextFile {
          inherit name;
          text = ''
            # WARNING: this file is generated from the nix.* options in
            # your NixOS configuration, typically
            # /etc/nixos/configuration.nix.  Do not edit it!
            §{pairs (lib.filterAttrs (k: _: !(isExtra k)) value)}
            §{pairs (lib.filterAttrs (k: _: isExtra k) value)}
            §{extraOptions}
          '';
        };
    };

  pythonVars = { }: {
    type = t.attrsOf (recursive { description = "Python value"; scalars = [ t.bool t.float t.int t.path t.str ]; });
    lib.mkRaw = value: { inherit value; _type = "raw"; };
    generate = native.python;
  };

  xml = { format ? "badgerfish", withHeader ? true }:
    if format == "badgerfish" then {
      type = recursive { description = "XML value"; scalars = jsonScalars; };
      generate = native.xml withHeader;
    } else throw "pkgs.formats.xml: Unknown format: §{format}";
  javaProperties = { comment ? "Generated with Nix", boolToString ? lib.boolToString }: {
    type = t.attrsOf (described "string, package, bool, int or float" (t.oneOf [
      (t.coercedTo t.package toString t.str)
      (t.coercedTo t.bool boolToString t.str)
      (t.coercedTo t.int toString t.str)
      (t.coercedTo t.float toString t.str)
    ]));
    generate = native.javaProperties comment;
  };
in
rec {
  json = jsonLike "JSON value" native.json;
  yaml = yaml_1_1;
  yaml_1_1 = jsonLike "YAML 1.1 value" (native.yaml "1.1");
  yaml_1_2 = jsonLike "YAML 1.2 value" (native.yaml "1.2");
  toml = { }: {
    type = recursive { description = "TOML value"; nullable = false; scalars = jsonScalars; };
    generate = native.toml;
  };
  inherit ini iniWithGlobalSection gitIni keyValue systemd lua elixirConf nixConf pythonVars xml javaProperties;
}
`.replaceAll("§{", "${");
