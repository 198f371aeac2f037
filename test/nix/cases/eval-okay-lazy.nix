let x = throw "no"; y = [ x 1 ]; in builtins.length y
