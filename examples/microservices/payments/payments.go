// Package payments charges customers.
package payments

// Currency is the only currency the shop takes.
const Currency = "EUR"
