// Package e2e is the black-box suite of the API: plain HTTP against a base
// URL with credentials, so the same tests run against the local API (in the
// test suite) and, opt-in with `make e2e`, against a deployed stack.
package e2e
