module github.com/company/shop/api

go 1.22

require github.com/company/shop/payments v0.0.0-00010101000000-000000000000

// Local checkout of the payments service.
replace github.com/company/shop/payments => ../payment
