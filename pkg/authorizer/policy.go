package authorizer

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// Methods each mode serves. A policy covers these methods on every resource
// of the API and stage, so that API Gateway's authorizer cache can reuse it.
var (
	keyModeMethods   = []string{http.MethodGet, http.MethodHead}
	tokenModeMethods = []string{http.MethodPost, http.MethodPut}
)

// methodARN is a parsed execute-api method ARN:
// arn:<partition>:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<resource path>.
type methodARN struct {
	stagePrefix string // arn:...:<apiId>/<stage>
	method      string
}

func parseMethodARN(s string) (methodARN, error) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] != "execute-api" || parts[3] == "" || parts[4] == "" {
		return methodARN{}, errors.New("not an execute-api ARN")
	}
	segs := strings.SplitN(parts[5], "/", 4)
	if len(segs) < 3 || segs[0] == "" || segs[1] == "" || segs[2] == "" {
		return methodARN{}, fmt.Errorf("ARN resource %q is not <apiId>/<stage>/<method>/<path>", parts[5])
	}
	for _, seg := range segs[:3] {
		if strings.ContainsAny(seg, "*?") {
			return methodARN{}, errors.New("wildcards in the API id, stage or method")
		}
	}
	return methodARN{
		stagePrefix: strings.Join(parts[:5], ":") + ":" + segs[0] + "/" + segs[1],
		method:      segs[2],
	}, nil
}

// resources returns one "<stagePrefix>/<METHOD>/*" per method.
func (a methodARN) resources(methods []string) []string {
	out := make([]string, len(methods))
	for i, m := range methods {
		out[i] = a.stagePrefix + "/" + m + "/*"
	}
	return out
}

// policy builds an IAM policy with one execute-api:Invoke statement.
func policy(effect string, resources []string) events.APIGatewayCustomAuthorizerPolicy {
	return events.APIGatewayCustomAuthorizerPolicy{
		Version: "2012-10-17",
		Statement: []events.IAMPolicyStatement{{
			Action:   []string{"execute-api:Invoke"},
			Effect:   effect,
			Resource: resources,
		}},
	}
}
