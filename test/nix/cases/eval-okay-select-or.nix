let s = { a.b.c = 1; }; in [ s.a.b.c (s.a.x or 2) (s.x.y or 3) (s ? a.b) (s ? a.x) ]
