package authorizer_test

import (
	"apigwdirect/internal/testenv"
	"fmt"

	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/authorizer"
	"apigwdirect/pkg/tokens"
)

const (
	pool     = "us-east-1_AuthzTest"
	client   = "authz-client"
	base     = "https://cognito-idp.us-east-1.amazonaws.com"
	freeKey  = "FreeTierKeyValue-0123456789abcdefghijklmn"
	basicKey = "BasicPlanKeyValue-0123456789abcdefghijklm"
	arnStage = "arn:aws:execute-api:us-east-1:123456789012:s4x3opwd6i/prod"
)

var planKeys = map[string]string{"FreeTier": freeKey, "BasicUsagePlan": basicKey}

var (
	keysOnce sync.Once
	keys     [3]*rsa.PrivateKey
)

func testKey(i int) *rsa.PrivateKey {
	keysOnce.Do(func() {
		for n := range keys {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				panic(err)
			}
			keys[n] = k
		}
	})
	return keys[i]
}

func newIssuer(t testing.TB, poolID string, key int) *tokens.Issuer {
	t.Helper()
	iss, err := tokens.NewIssuer(tokens.Options{PoolID: poolID, ClientID: client, BaseURL: base, Key: testKey(key)})
	require.NoError(t, err)
	return iss
}

// jwks serves an issuer's JWKS and can be taken down.
type jwks struct {
	*httptest.Server
	down atomic.Bool
}

func serveJWKS(t testing.TB, iss *tokens.Issuer) *jwks {
	t.Helper()
	s := &jwks{}
	doc := iss.JWKS()
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if s.down.Load() {
			http.Error(w, "down", http.StatusBadGateway)
			return
		}
		_, _ = w.Write(doc)
	}))
	t.Cleanup(s.Close)
	return s
}

type fixture struct {
	iss  *tokens.Issuer
	jwks *jwks
	h    *authorizer.Handler
	logs *testenv.Buffer
}

func newFixture(t testing.TB, order ...string) *fixture {
	t.Helper()
	f := &fixture{iss: newIssuer(t, pool, 0), logs: &testenv.Buffer{}}
	f.jwks = serveJWKS(t, f.iss)
	h, err := authorizer.New(context.Background(), authorizer.Config{
		Issuer:    f.iss.IssuerURL(),
		ClientID:  client,
		JWKSURL:   f.jwks.URL + "/" + pool + "/.well-known/jwks.json",
		PlanKeys:  planKeys,
		PlanOrder: order,
		Logger:    slog.New(slog.NewJSONHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	require.NoError(t, err)
	t.Cleanup(h.Close)
	f.h = h
	return f
}

var (
	eventOnce sync.Once
	eventJSON []byte
	eventErr  error
)

// baseEvent returns aws-lambda-go's captured REQUEST authorizer event
// (events/testdata/apigw-custom-auth-request-type-request.json, read from the
// module cache) with the method, resource and headers of a call to path.
func baseEvent(t testing.TB, method, resource, path string, headers map[string]string) events.APIGatewayCustomAuthorizerRequestTypeRequest {
	t.Helper()
	eventOnce.Do(func() {
		goBin, err := exec.LookPath("go")
		if err != nil {
			eventErr = fmt.Errorf("the go command is needed to find aws-lambda-go's test events: %w", err)
			return
		}
		out, err := exec.Command(goBin, "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-lambda-go").Output()
		if err != nil {
			eventErr = err
			return
		}
		eventJSON, eventErr = os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "events", "testdata", "apigw-custom-auth-request-type-request.json"))
	})
	require.NoError(t, eventErr)
	var ev events.APIGatewayCustomAuthorizerRequestTypeRequest
	require.NoError(t, json.Unmarshal(eventJSON, &ev))
	require.Equal(t, "REQUEST", ev.Type)

	ev.HTTPMethod = method
	ev.RequestContext.HTTPMethod = method
	ev.Resource, ev.RequestContext.ResourcePath = resource, resource
	ev.Path, ev.RequestContext.Path = path, path
	ev.RequestContext.Stage = "prod"
	ev.MethodArn = arnStage + "/" + method + path
	for k, v := range headers {
		ev.Headers[k] = v
		ev.MultiValueHeaders[k] = []string{v}
	}
	return ev
}

// allows evaluates an authorizer policy for a method ARN the way IAM does
// for execute-api: an explicit Deny wins, otherwise an Allow is needed; in
// resources '*' matches any run of characters (including '/') and '?' one.
func allows(p events.APIGatewayCustomAuthorizerPolicy, methodARN string) bool {
	allowed := false
	for _, st := range p.Statement {
		if !containsAction(st.Action) {
			continue
		}
		for _, r := range st.Resource {
			if !globMatch(r, methodARN) {
				continue
			}
			switch st.Effect {
			case "Deny":
				return false
			case "Allow":
				allowed = true
			}
		}
	}
	return allowed
}

func containsAction(actions []string) bool {
	for _, a := range actions {
		if a == "execute-api:Invoke" || a == "execute-api:*" || a == "*" {
			return true
		}
	}
	return false
}

func globMatch(pattern, s string) bool {
	re := regexp.QuoteMeta(pattern)
	re = strings.ReplaceAll(re, `\*`, ".*")
	re = strings.ReplaceAll(re, `\?`, ".")
	return regexp.MustCompile("^" + re + "$").MatchString(s)
}
