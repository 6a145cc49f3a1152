// Package jwt issues tokens.
package jwt

// Issuer names who signs the tokens.
const Issuer = "shop"
