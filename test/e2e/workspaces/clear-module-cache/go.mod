module github.com/company/app

go 1.22

require example.com/lib v1.0.0
