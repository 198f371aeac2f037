let a = 1; b = a + 1; c = { inherit a b; }; in [ a b c ]
