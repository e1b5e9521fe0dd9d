package authorizer_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"apigwdirect/pkg/authorizer"
)

// fakeAPIKeys stands in for API Gateway's GetApiKey.
type fakeAPIKeys struct {
	mu     sync.Mutex
	values map[string]*string // key id -> value (nil: no value returned)
	fail   error
	calls  []apigateway.GetApiKeyInput
}

func (f *fakeAPIKeys) GetApiKey(_ context.Context, in *apigateway.GetApiKeyInput, _ ...func(*apigateway.Options)) (*apigateway.GetApiKeyOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, *in)
	if f.fail != nil {
		return nil, f.fail
	}
	v, ok := f.values[aws.ToString(in.ApiKey)]
	if !ok {
		return nil, errors.New("NotFoundException: Invalid API Key identifier specified")
	}
	// Like API Gateway, return the value only when asked for it.
	out := &apigateway.GetApiKeyOutput{Id: in.ApiKey, Enabled: true}
	if aws.ToBool(in.IncludeValue) {
		out.Value = v
	}
	return out, nil
}

func TestResolvePlanKeysReadsEachKeyOnceWithItsValue(t *testing.T) {
	api := &fakeAPIKeys{values: map[string]*string{"id-free": aws.String(freeKey), "id-basic": aws.String(basicKey)}}
	got, err := authorizer.ResolvePlanKeys(context.Background(), api, map[string]string{"FreeTier": "id-free", "BasicUsagePlan": "id-basic"})
	require.NoError(t, err)
	assert.Equal(t, planKeys, got)
	require.Len(t, api.calls, 2)
	for _, c := range api.calls {
		assert.True(t, aws.ToBool(c.IncludeValue))
	}

	// The resolved map configures a working handler.
	iss := newIssuer(t, pool, 0)
	h, err := authorizer.New(context.Background(), authorizer.Config{Issuer: iss.IssuerURL(), ClientID: client, JWKSURL: serveJWKS(t, iss).URL, PlanKeys: got})
	require.NoError(t, err)
	defer h.Close()
	resp, err := h.Handle(context.Background(), baseEvent(t, "GET", "/lambda/items", "/lambda/items", map[string]string{"x-api-key": basicKey}))
	require.NoError(t, err)
	assert.Equal(t, basicKey, resp.UsageIdentifierKey)
}

func TestResolvePlanKeysFailures(t *testing.T) {
	ids := map[string]string{"FreeTier": "id-free"}
	cases := map[string]struct {
		api *fakeAPIKeys
		ids map[string]string
	}{
		"no ids":           {&fakeAPIKeys{}, nil},
		"empty id":         {&fakeAPIKeys{}, map[string]string{"FreeTier": ""}},
		"unknown id":       {&fakeAPIKeys{values: map[string]*string{}}, ids},
		"API error":        {&fakeAPIKeys{fail: errors.New("AccessDeniedException")}, ids},
		"no value":         {&fakeAPIKeys{values: map[string]*string{"id-free": nil}}, ids},
		"empty value":      {&fakeAPIKeys{values: map[string]*string{"id-free": aws.String("")}}, ids},
		"one of two fails": {&fakeAPIKeys{values: map[string]*string{"id-free": aws.String(freeKey)}}, map[string]string{"FreeTier": "id-free", "BasicUsagePlan": "id-missing"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := authorizer.ResolvePlanKeys(context.Background(), tc.api, tc.ids)
			require.Error(t, err)
			assert.Nil(t, got)
			assert.NotContains(t, err.Error(), freeKey)
		})
	}
}
