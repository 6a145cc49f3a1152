// Package greet is the sibling module's package that app imports.
package greet

// Hello returns a greeting for name.
func Hello(name string) string { return "hello, " + name }
