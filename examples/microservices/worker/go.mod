module github.com/company/shop/worker

go 1.22
