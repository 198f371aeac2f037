/**
 * Home Manager's own generator fixtures (tests/lib/generators: tokdl,
 * toscfg-example, tohyprconf): the same input data, and the expected files'
 * contents, which real Nix 2.8 reproduces with Home Manager's lib. Our output
 * must be identical byte for byte.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { force, NixString } from "../../src/nix/values.js";
import { evalHm } from "./hm-helpers.js";

interface Fixture {
  name: string;
  expr: string;
  expected: string[];
}

const FIXTURES: Fixture[] = [
  {
    name: "toKDL (tokdl.nix, four escaping variants)",
    expr: 'let testData = {\n    a = 1;\n    b = "string";\n    c = \'\'\n      multiline string\n      with special characters:\n      \'\'\\t \\" " \\\n    \'\';\n    unsafeString = " \\" \\n \t \\\\";\n    flatItems = [\n      1\n      2\n      "asdf"\n      true\n      null\n    ];\n    bigFlatItems = [\n      23847590283751\n      1.239\n      \'\'\n        multiline " " "\n        string\n      \'\'\n      null\n    ];\n    nested = [\n      [\n        1\n        2\n      ]\n      [\n        true\n        false\n      ]\n      [ ]\n      [ null ]\n    ];\n    duplicateChildren._children = [\n      { child = [ 2 ]; }\n      { child = [ 1 ]; }\n    ];\n    _children = [\n      { rootLevelChild = [ 2 ]; }\n      { rootLevelChild = [ 1 ]; }\n    ];\n    extraAttrs = {\n      _args = [\n        2\n        true\n      ];\n      _props = {\n        arg1 = 1;\n        arg2 = false;\n      };\n      nested = {\n        a = 1;\n        b = null;\n      };\n    };\n    argsAndProps = {\n      _args = [\n        1\n        2\n      ];\n      _props = {\n        a = 3;\n      };\n    };\n    listInAttrsInList = {\n      list1 = [\n        { a = 1; }\n        { b = true; }\n        {\n          c = null;\n          d = [ { e = "asdfadfasdfasdf"; } ];\n        }\n      ];\n      list2 = [ { a = 8; } ];\n    };\n  }; in map (o: hm.generators.toKDL o testData) [ { } { escapeBackslashes = true; } { escapeTabs = true; } { escapeBackslashes = true; escapeTabs = true; } ]',
    expected: [
      'rootLevelChild 2\nrootLevelChild 1\na 1\nargsAndProps 1 2 a=3\nb "string"\nbigFlatItems 23847590283751 1.239000 "multiline \\" \\" \\"\\nstring\\n" null\nc "multiline string\\nwith special characters:\\n\t \\\\" \\" \\\\n"\nduplicateChildren {\n\tchild 2\n\tchild 1\n}\nextraAttrs 2 true arg1=1 arg2=false {\n\tnested {\n\t\ta 1\n\t\tb null\n\t}\n}\nflatItems 1 2 "asdf" true null\nlistInAttrsInList {\n\tlist1 {\n\t\t- {\n\t\t\ta 1\n\t\t}\n\t\t- {\n\t\t\tb true\n\t\t}\n\t\t- {\n\t\t\tc null\n\t\t\td {\n\t\t\t\t- {\n\t\t\t\t\te "asdfadfasdfasdf"\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n\tlist2 {\n\t\t- {\n\t\t\ta 8\n\t\t}\n\t}\n}\nnested {\n\t- 1 2\n\t- true false\n\t- \n\t- null\n}\nunsafeString " \\" \\n \t \\"\n',
      'rootLevelChild 2\nrootLevelChild 1\na 1\nargsAndProps 1 2 a=3\nb "string"\nbigFlatItems 23847590283751 1.239000 "multiline \\" \\" \\"\\nstring\\n" null\nc "multiline string\\nwith special characters:\\n\t \\\\\\" \\" \\\\\\n"\nduplicateChildren {\n\tchild 2\n\tchild 1\n}\nextraAttrs 2 true arg1=1 arg2=false {\n\tnested {\n\t\ta 1\n\t\tb null\n\t}\n}\nflatItems 1 2 "asdf" true null\nlistInAttrsInList {\n\tlist1 {\n\t\t- {\n\t\t\ta 1\n\t\t}\n\t\t- {\n\t\t\tb true\n\t\t}\n\t\t- {\n\t\t\tc null\n\t\t\td {\n\t\t\t\t- {\n\t\t\t\t\te "asdfadfasdfasdf"\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n\tlist2 {\n\t\t- {\n\t\t\ta 8\n\t\t}\n\t}\n}\nnested {\n\t- 1 2\n\t- true false\n\t- \n\t- null\n}\nunsafeString " \\" \\n \t \\\\"\n',
      'rootLevelChild 2\nrootLevelChild 1\na 1\nargsAndProps 1 2 a=3\nb "string"\nbigFlatItems 23847590283751 1.239000 "multiline \\" \\" \\"\\nstring\\n" null\nc "multiline string\\nwith special characters:\\n\\t \\\\" \\" \\\\n"\nduplicateChildren {\n\tchild 2\n\tchild 1\n}\nextraAttrs 2 true arg1=1 arg2=false {\n\tnested {\n\t\ta 1\n\t\tb null\n\t}\n}\nflatItems 1 2 "asdf" true null\nlistInAttrsInList {\n\tlist1 {\n\t\t- {\n\t\t\ta 1\n\t\t}\n\t\t- {\n\t\t\tb true\n\t\t}\n\t\t- {\n\t\t\tc null\n\t\t\td {\n\t\t\t\t- {\n\t\t\t\t\te "asdfadfasdfasdf"\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n\tlist2 {\n\t\t- {\n\t\t\ta 8\n\t\t}\n\t}\n}\nnested {\n\t- 1 2\n\t- true false\n\t- \n\t- null\n}\nunsafeString " \\" \\n \\t \\"\n',
      'rootLevelChild 2\nrootLevelChild 1\na 1\nargsAndProps 1 2 a=3\nb "string"\nbigFlatItems 23847590283751 1.239000 "multiline \\" \\" \\"\\nstring\\n" null\nc "multiline string\\nwith special characters:\\n\\t \\\\\\" \\" \\\\\\n"\nduplicateChildren {\n\tchild 2\n\tchild 1\n}\nextraAttrs 2 true arg1=1 arg2=false {\n\tnested {\n\t\ta 1\n\t\tb null\n\t}\n}\nflatItems 1 2 "asdf" true null\nlistInAttrsInList {\n\tlist1 {\n\t\t- {\n\t\t\ta 1\n\t\t}\n\t\t- {\n\t\t\tb true\n\t\t}\n\t\t- {\n\t\t\tc null\n\t\t\td {\n\t\t\t\t- {\n\t\t\t\t\te "asdfadfasdfasdf"\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n\tlist2 {\n\t\t- {\n\t\t\ta 8\n\t\t}\n\t}\n}\nnested {\n\t- 1 2\n\t- true false\n\t- \n\t- null\n}\nunsafeString " \\" \\n \\t \\\\"\n',
    ],
  },
  {
    name: "toSCFG (toscfg-example.nix)",
    expr: 'hm.generators.toSCFG { } (\n    lib.singleton {\n      name = "dir";\n      children = lib.singleton {\n        name = "blk1";\n        params = [\n          "p1"\n          \'\'"p2"\'\'\n        ];\n        children = [\n          {\n            name = "sub1";\n            params = [\n              "arg11"\n              "arg12"\n            ];\n          }\n          {\n            name = "sub2";\n            params = [\n              "arg21"\n              "arg22"\n            ];\n          }\n          {\n            name = "sub2";\n            params = [\n              "arg1"\n              "arg2"\n            ];\n          }\n          {\n            name = "sub3";\n            params = [\n              "arg31"\n              "arg32"\n            ];\n            children = [\n              { name = "sub sub1"; }\n              {\n                name = "sub-sub2";\n                params = [\n                  "arg321"\n                  "arg322"\n                ];\n              }\n            ];\n          }\n        ];\n      };\n    }\n  )',
    expected: [
      'dir {\n\tblk1 p1 "\\"p2\\"" {\n\t\tsub1 arg11 arg12\n\t\tsub2 arg21 arg22\n\t\tsub2 arg1 arg2\n\t\tsub3 arg31 arg32 {\n\t\t\t"sub sub1"\n\t\t\tsub-sub2 arg321 arg322\n\t\t}\n\t}\n}\n',
    ],
  },
  {
    name: "toHyprconf (tohyprconf.nix)",
    expr: 'hm.generators.toHyprconf {\n    attrs = rec {\n      "$important" = 123;\n\n      list-section = [\n        "foo"\n        "bar"\n        "baz"\n      ];\n\n      attrs-section = {\n        string = "abc";\n        int = 5;\n        float = 0.8;\n        bool = true;\n        inherit null;\n      };\n\n      nested-attrs-section = {\n        a = {\n          b = {\n            c = {\n              abc = 123;\n            };\n          };\n        };\n\n        foo = {\n          bar = {\n            baz = {\n              aaa = 111;\n            };\n          };\n        };\n      };\n\n      nested-list-section = [\n        { a = 123; }\n        { b = 123; }\n        { c = 123; }\n      ];\n\n      combined-list-nested-section = [\n        nested-attrs-section.a\n        nested-attrs-section.foo\n      ];\n\n      combined-attrs-nested-section = {\n        a = nested-list-section;\n        b = nested-list-section;\n      };\n\n      list-with-strings-and-attrs = [\n        "abc"\n        { a = 123; }\n        "foo"\n        { b = 321; }\n      ];\n    };\n  }',
    expected: [
      "$important=123\nattrs-section {\n  bool=true\n  float=0.800000\n  int=5\n  null=null\n  string=abc\n}\n\ncombined-attrs-nested-section {\n  a {\n    a=123\n  }\n\n  a {\n    b=123\n  }\n\n  a {\n    c=123\n  }\n\n  b {\n    a=123\n  }\n\n  b {\n    b=123\n  }\n\n  b {\n    c=123\n  }\n}\n\ncombined-list-nested-section {\n  b {\n    c {\n      abc=123\n    }\n  }\n}\n\ncombined-list-nested-section {\n  bar {\n    baz {\n      aaa=111\n    }\n  }\n}\n\nlist-section=foo\nlist-section=bar\nlist-section=baz\n\nlist-with-strings-and-attrs=abc\nlist-with-strings-and-attrs {\n  a=123\n}\nlist-with-strings-and-attrs=foo\nlist-with-strings-and-attrs {\n  b=321\n}\n\nnested-attrs-section {\n  a {\n    b {\n      c {\n        abc=123\n      }\n    }\n  }\n\n  foo {\n    bar {\n      baz {\n        aaa=111\n      }\n    }\n  }\n}\n\nnested-list-section {\n  a=123\n}\n\nnested-list-section {\n  b=123\n}\n\nnested-list-section {\n  c=123\n}\n",
    ],
  },
];

function texts(expr: string): string[] {
  const v = evalHm(expr);
  const items = Array.isArray(v) ? v : [v];
  return items.map((x) => {
    const y = force(x);
    const s = y instanceof NixString ? y.s : y;
    if (typeof s !== "string") throw new Error("expected strings");
    return s;
  });
}

describe("Home Manager's generator fixtures", () => {
  for (const f of FIXTURES) test(f.name, () => assert.deepEqual(texts(f.expr), f.expected));
});
