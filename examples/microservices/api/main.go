package main

import (
	"fmt"
	"strngs"

	"github.com/company/shop/auth/jwt"
	"github.com/company/shop/payments"
)

func main() {
	fmt.Println(strings.ToUpper(jwt.Issuer), payments.Currency)
}
