module auth

go 1.22
