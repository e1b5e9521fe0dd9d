package bench

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/bench/internal/floor"
	"apigwdirect/pkg/tokens"
)

// InitTarget is the most a function's package initialisation may take
// against its floor's: 1.25 times.
const InitTarget = 1.25

// initRuns is how many init traces of each binary BenchmarkInit takes the
// best of, per iteration.
const initRuns = 5

// initFunctions pairs each function with its floor.
var initFunctions = []struct{ name, pkg, floor string }{
	{"items", ItemsPackage, floor.Items},
	{"authorizer", "apigwdirect/functions/authorizer", floor.Authorizer},
}

// BenchmarkInit builds each function and its floor (a minimal function
// with the same AWS clients built from their Options, see
// bench/internal/floor) in the same run, and per iteration takes the best of
// five GODEBUG=inittrace=1 traces of each, interleaved. It reports the
// function's package initialisation (init-ms, the sum of every package's init
// before main), the floor's (floor-init-ms), their ratio (init-ratio, the
// target being at most InitTarget), and the size of each arm64 bootstrap as
// deployed (bootstrap-bytes, floor-bootstrap-bytes). The authorizer's
// sub-benchmark also times its cold start against a local Runtime API with
// one REQUEST event (cold-ms, process start to first response; the items
// function's is BenchmarkColdStart). When the target is missed it logs the
// function's top packages and those beyond the floor.
func BenchmarkInit(b *testing.B) {
	ctx := context.Background()
	env := append(LambdaEnv(),
		"AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=local", "AWS_SECRET_ACCESS_KEY=local", "AWS_SESSION_TOKEN=",
		"AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:1", "TABLE_NAME=items",
	)
	for _, fn := range initFunctions {
		b.Run(fn.name, func(b *testing.B) {
			dir := b.TempDir()
			progress("building %s and its floor", fn.name)
			bin, err := BuildFunction(ctx, fn.pkg, mkdir(b, dir, "fn"))
			if err != nil {
				b.Fatal(err)
			}
			floorBin, err := BuildFunction(ctx, fn.floor, mkdir(b, dir, "floor"))
			if err != nil {
				b.Fatal(err)
			}
			size, err := BuildLambdaBootstrap(ctx, fn.pkg, mkdir(b, dir, "arm64-fn"))
			if err != nil {
				b.Fatal(err)
			}
			floorSize, err := BuildLambdaBootstrap(ctx, fn.floor, mkdir(b, dir, "arm64-floor"))
			if err != nil {
				b.Fatal(err)
			}
			var cold []time.Duration
			var fnInit, floorInit []float64
			var last [2]InitProfile
			b.ResetTimer()
			for range b.N {
				best, err := BestInit(ctx, initRuns, env, bin, floorBin)
				if err != nil {
					b.Fatal(err)
				}
				fnInit, floorInit = append(fnInit, best[0].Total()), append(floorInit, best[1].Total())
				last = [2]InitProfile{best[0], best[1]}
				if fn.name == "authorizer" {
					cold = append(cold, authorizerColdStart(b, bin))
				}
			}
			b.StopTimer()
			f, fl := minOf(fnInit), minOf(floorInit)
			ratio := f / fl
			b.ReportMetric(f, "init-ms")
			b.ReportMetric(fl, "floor-init-ms")
			b.ReportMetric(ratio, "init-ratio")
			b.ReportMetric(float64(size), "bootstrap-bytes")
			b.ReportMetric(float64(floorSize), "floor-bootstrap-bytes")
			if len(cold) > 0 {
				b.ReportMetric(millis(Percentile(cold, 50)), "cold-ms")
			}
			progress("%s init %.3f ms, floor %.3f ms (%.2fx, target %.2fx); bootstrap %d bytes, floor %d",
				fn.name, f, fl, ratio, InitTarget, size, floorSize)
			if ratio > InitTarget {
				b.Logf("%s misses the init target: %.3f ms against a floor of %.3f ms (%.2fx > %.2fx)", fn.name, f, fl, ratio, InitTarget)
				for _, p := range last[0].Top(10) {
					b.Logf("  top   %-70s %.3f ms", p.Package, p.Millis)
				}
				for _, p := range last[0].Beyond(last[1]) {
					b.Logf("  extra %-70s %.3f ms", p.Package, p.Millis)
				}
			}
		})
	}
}

// authorizerColdStart times one cold start of the authorizer at bin: a local
// token issuer, PLAN_KEYS in the environment, and a POST event with a valid
// token, which it must allow.
func authorizerColdStart(b *testing.B, bin string) time.Duration {
	b.Helper()
	ctx := context.Background()
	pool, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: "local_Bench", ClientID: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	raw, err := pool.MintID(tokens.User{Sub: "u", Groups: []string{"Group-FreeTier"}}, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	ev, err := json.Marshal(events.APIGatewayCustomAuthorizerRequestTypeRequest{
		Type: "REQUEST", HTTPMethod: "POST",
		MethodArn: "arn:aws:execute-api:us-east-1:123456789012:api/prod/POST/lambda/items",
		Headers:   map[string]string{"Authorization": "Bearer " + raw},
	})
	if err != nil {
		b.Fatal(err)
	}
	cs, err := MeasureColdStart(ctx, bin, append(LambdaEnv(),
		"ISSUER_URL="+pool.IssuerURL(), "CLIENT_ID=bench", "PLAN_KEYS={\"FreeTier\":\"free-key\"}",
		"PLAN_KEY_IDS=", "PLAN_ORDER=", "AWS_REGION=us-east-1",
	), ev)
	if err != nil {
		b.Fatal(err)
	}
	var resp events.APIGatewayCustomAuthorizerResponse
	if err := json.Unmarshal(cs.Response, &resp); err != nil || resp.UsageIdentifierKey != "free-key" {
		b.Fatalf("authorizer answered %s (%v), want an allow with the FreeTier key", cs.Response, err)
	}
	return cs.FirstResponse
}

// mkdir makes dir/name.
func mkdir(b *testing.B, dir, name string) string {
	b.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(p, 0o755); err != nil {
		b.Fatal(err)
	}
	return p
}

// minOf is the smallest of xs.
func minOf(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs[1:] {
		m = min(m, x)
	}
	return m
}
