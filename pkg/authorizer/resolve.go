package authorizer

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
)

// APIKeyGetter is the one API Gateway control-plane call the authorizer
// makes, at cold start. *apigateway.Client implements it. The function's role
// needs apigateway:GET on arn:aws:apigateway:<region>::/apikeys/<id> for
// each key and nothing more.
type APIKeyGetter interface {
	GetApiKey(ctx context.Context, in *apigateway.GetApiKeyInput, optFns ...func(*apigateway.Options)) (*apigateway.GetApiKeyOutput, error)
}

// ResolvePlanKeys turns plan name -> API key id into plan name -> key value
// by reading each key once (GetApiKey with includeValue). Call it once per
// process, never per request. Errors name the plan and key id, never a value.
func ResolvePlanKeys(ctx context.Context, api APIKeyGetter, keyIDs map[string]string) (map[string]string, error) {
	if len(keyIDs) == 0 {
		return nil, errors.New("authorizer: no API key ids to resolve")
	}
	plans := make([]string, 0, len(keyIDs))
	for p := range keyIDs {
		plans = append(plans, p)
	}
	sort.Strings(plans)

	values := make(map[string]string, len(keyIDs))
	for _, p := range plans {
		id := keyIDs[p]
		if id == "" {
			return nil, fmt.Errorf("authorizer: plan %q has an empty API key id", p)
		}
		out, err := api.GetApiKey(ctx, &apigateway.GetApiKeyInput{ApiKey: aws.String(id), IncludeValue: aws.Bool(true)})
		if err != nil {
			return nil, fmt.Errorf("authorizer: get API key %s of plan %q: %w", id, p, err)
		}
		if out == nil || aws.ToString(out.Value) == "" {
			return nil, fmt.Errorf("authorizer: API key %s of plan %q came back without a value", id, p)
		}
		values[p] = aws.ToString(out.Value)
	}
	return values, nil
}
