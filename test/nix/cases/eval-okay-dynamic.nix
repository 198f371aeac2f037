let n = "k"; in { ${n} = 1; "${n}2" = 2; "lit" = 3; }
