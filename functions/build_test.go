package functions

import (
	"testing"

	"apigwdirect/internal/testenv"
)

// TestBuildsForLambda checks that both functions build into what the stack
// deploys: static arm64 Linux bootstraps.
func TestBuildsForLambda(t *testing.T) {
	testenv.BuildLambdas(t, "./items", "./authorizer")
}
