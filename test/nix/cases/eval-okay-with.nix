with { a = 1; b = 2; }; let b = 3; in [ a b ]
