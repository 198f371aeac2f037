[ (if true then 1 else 2) (if 1 < 0 then "a" else "b") ]
