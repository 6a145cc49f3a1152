module github.com/company/shop/payments

go 1.22
