package localapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"apigwdirect/pkg/authorizer"
	"apigwdirect/pkg/gateway"
	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/gateway/cfn"
	"apigwdirect/pkg/items"
	"apigwdirect/pkg/lambdaproc"
	"apigwdirect/pkg/store"
)

// Function is what an in-process handler is built from: the template's
// function, as Lambda would configure it, and the local services.
type Function struct {
	// LogicalID and ConstructID name the function in the template.
	LogicalID, ConstructID string
	// Env is the function's Environment.Variables, resolved.
	Env map[string]string
	// DynamoDB is a client of the local DynamoDB.
	DynamoDB *dynamodb.Client
	// Model is the API being served (its usage plans' keys, for example).
	Model *apidef.Model
	// Logger receives the handler's logs.
	Logger *slog.Logger

	ids *identities
}

// UserPool is the verifier of the template's user pool whose local id is
// ref (a USER_POOL_ID the function's environment carries), or of the
// template's only pool when ref is ""; nil when there is none.
func (f Function) UserPool(ref string) *pool {
	if f.ids == nil {
		return nil
	}
	return f.ids.byRef(ref)
}

// Builtin builds an in-process handler for a function of the template. The
// returned close is called when the API stops.
type Builtin func(ctx context.Context, fn Function) (h gateway.Lambda, close func() error, err error)

// ProjectFunctions are this project's own handlers, by CDK construct id:
// ItemsFunction (pkg/items) and AuthorizerFunction (pkg/authorizer),
// configured from their environment in the template as their main
// packages configure them on Lambda. Start binds them when
// Options.Builtins is nil.
func ProjectFunctions() map[string]Builtin {
	return map[string]Builtin{ItemsFunctionID: itemsBuiltin, AuthorizerFunctionID: authorizerBuiltin}
}

func itemsBuiltin(_ context.Context, fn Function) (gateway.Lambda, func() error, error) {
	h := items.NewHandler(items.Config{Store: store.ByTable(fn.DynamoDB), DefaultTable: fn.Env["TABLE_NAME"], Logger: fn.Logger})
	return gateway.ProxyLambda(h.Handle), func() error { return nil }, nil
}

// authorizerBuiltin configures the authorizer with the verifier of the
// user pool its USER_POOL_ID names, the value of each usage plan's key and
// the plans' priority order (PLAN_ORDER).
func authorizerBuiltin(ctx context.Context, fn Function) (gateway.Lambda, func() error, error) {
	p := fn.UserPool(fn.Env[authorizer.EnvUserPoolID])
	if p == nil {
		return nil, nil, fmt.Errorf("%s names no user pool of the template", authorizer.EnvUserPoolID)
	}
	var order []string
	for _, name := range strings.Split(fn.Env[authorizer.EnvPlanOrder], ",") {
		if name = strings.TrimSpace(name); name != "" {
			order = append(order, name)
		}
	}
	h, err := authorizer.New(ctx, authorizer.Config{Verifier: p.cognito, PlanKeys: fn.Model.PlanKeys(), PlanOrder: order, Logger: fn.Logger})
	if err != nil {
		return nil, nil, err
	}
	return gateway.AuthorizerLambda(h.Handle), func() error { h.Close(); return nil }, nil
}

// bindFunctions gives every AWS::Lambda::Function of the template that a
// rule binds a local runtime, keyed by construct id as the model names
// functions: a bootstrap from bootstraps (by logical id or construct id),
// run as processes (pkg/lambdaproc), else a builtin (by logical id or
// construct id). Functions bound by neither are left out: the gateway
// answers the methods that need them with 500. A key of bootstraps that
// names no function of the template is an error.
func bindFunctions(ctx context.Context, tpl *cfn.Template, bootstraps map[string]string, builtins map[string]Builtin,
	base Function, dynamoEndpoint string) (map[string]gateway.Lambda, []func() error, error) {
	out := map[string]gateway.Lambda{}
	var closers []func() error
	fail := func(err error) (map[string]gateway.Lambda, []func() error, error) { return nil, closers, err }
	used := map[string]bool{}
	for _, r := range tpl.ByType("AWS::Lambda::Function") {
		fn := base
		fn.LogicalID, fn.ConstructID = r.LogicalID, r.ConstructID()
		fn.Env = stringVars(r.Properties["Environment"])
		fn.Logger = base.Logger.With("function", r.LogicalID)
		if path, key := lookup(bootstraps, r); key != "" {
			used[key] = true
			env := map[string]string{
				// The function reaches the local DynamoDB as it would
				// reach DynamoDB, with the SDK's usual configuration.
				"AWS_ENDPOINT_URL_DYNAMODB": dynamoEndpoint, "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
			}
			for k, v := range fn.Env {
				env[k] = v
			}
			if rt := r.String("Runtime"); rt != "" && !strings.HasPrefix(rt, "provided") {
				fn.Logger.Warn("the function's runtime is not provided.al2023 or provided.al2; running the given executable anyway", "runtime", rt)
			}
			proc, err := lambdaproc.New(lambdaproc.Config{Name: r.Ref, Bootstrap: path, Env: env, Region: tpl.Region,
				MemoryMB: int(numberProp(r, "MemorySize")), Timeout: time.Duration(numberProp(r, "Timeout")) * time.Second, Logger: fn.Logger})
			if err != nil {
				return fail(err)
			}
			closers = append(closers, proc.Close)
			out[fn.ConstructID] = lambdaFromProcess(proc)
			continue
		}
		if b, key := lookup(builtins, r); key != "" {
			h, closeFn, err := b(ctx, fn)
			if err != nil {
				return fail(fmt.Errorf("function %s: %w", r.LogicalID, err))
			}
			closers = append(closers, closeFn)
			out[fn.ConstructID] = h
		}
	}
	var unknown []string
	for k := range bootstraps {
		if !used[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fail(fmt.Errorf("-function %s: no AWS::Lambda::Function of that logical id in the template", strings.Join(unknown, ", ")))
	}
	return out, closers, nil
}

// lookup finds r's entry in m by logical id, then by construct id.
func lookup[V any](m map[string]V, r *cfn.Resource) (V, string) {
	if v, ok := m[r.LogicalID]; ok {
		return v, r.LogicalID
	}
	if v, ok := m[r.ConstructID()]; ok {
		return v, r.ConstructID()
	}
	var zero V
	return zero, ""
}

// lambdaFromProcess adapts a process function: its own failures become the
// gateway's FunctionError.
func lambdaFromProcess(f *lambdaproc.Function) gateway.Lambda {
	return func(ctx context.Context, event []byte) ([]byte, error) {
		out, err := f.Invoke(ctx, event)
		var fe *lambdaproc.FunctionError
		if errors.As(err, &fe) {
			return nil, &gateway.FunctionError{Message: fe.Message, Type: fe.Type}
		}
		return out, err
	}
}

// stringVars reads an Environment property's Variables as strings.
func stringVars(env any) map[string]string {
	out := map[string]string{}
	m, _ := env.(map[string]any)
	vars, _ := m["Variables"].(map[string]any)
	for k, v := range vars {
		switch x := v.(type) {
		case string:
			out[k] = x
		case nil:
		default:
			out[k] = fmt.Sprint(x)
		}
	}
	return out
}

// numberProp reads a numeric property, 0 when absent.
func numberProp(r *cfn.Resource, name string) float64 {
	switch x := r.Properties[name].(type) {
	case float64:
		return x
	case string:
		var f float64
		_, _ = fmt.Sscan(x, &f)
		return f
	}
	return 0
}
