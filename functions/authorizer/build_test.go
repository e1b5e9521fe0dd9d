package main

import (
	"testing"

	"apigwdirect/internal/testenv"
)

// TestBuildsForLambda checks that the function builds into what the stack
// deploys: a static arm64 Linux bootstrap.
func TestBuildsForLambda(t *testing.T) { testenv.BuildLambda(t, ".") }
