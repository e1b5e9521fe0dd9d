package items_test

import (
	"os"
	"testing"

	"apigwdirect/internal/testenv"
)

// endpoint is the dynalite server every test of the package shares; each
// test makes its own table.
var endpoint string

func TestMain(m *testing.M) { os.Exit(testenv.RunWithDynalite(m, &endpoint)) }
