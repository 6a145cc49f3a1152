package main

import (
	"fmt"

	"github.com/company/shop/payments"
)

func main() {
	fmt.Println("settling in", payments.Currency)
}
