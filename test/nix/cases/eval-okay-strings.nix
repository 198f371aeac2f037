[ "a${"b"}c" ("x" + "y") ''
  indented
    more
  done
'' "esc\n\t\"\\\${x}" ''a''${b}'' ]
