module example.com/app

go 1.22

require example.com/lib v0.0.0-00010101000000-000000000000

replace example.com/lib => ../libs/lib
