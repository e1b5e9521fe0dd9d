package localapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"apigwdirect/internal/headercase"
	"apigwdirect/pkg/ddblimits"
	"apigwdirect/pkg/dynalite"
	"apigwdirect/pkg/gateway"
	"apigwdirect/pkg/gateway/apidef"
	"apigwdirect/pkg/gateway/cfn"
	"apigwdirect/pkg/items"
	"apigwdirect/pkg/tokens"
)

// DefaultTemplatePath is the committed snapshot of the synthesized stack,
// relative to the repository root.
const DefaultTemplatePath = "cdk/snapshot/stack.template.json"

// Construct ids of this project's functions, which ProjectFunctions binds
// to their in-process handlers. Nothing else of the template is found by
// construct id.
const (
	ItemsFunctionID      = "ItemsFunction"
	AuthorizerFunctionID = "AuthorizerFunction"
)

// Options configure Start. The zero value serves the only stage of the
// snapshot on a free loopback port with in-memory tables.
type Options struct {
	// Addr is the listen address; empty means "127.0.0.1:0" (a free port).
	Addr string
	// Stage is the stage to serve; empty means the template's only stage
	// (with several, the error lists them).
	Stage string
	// DataDir keeps dynalite's data across restarts; empty means in memory.
	DataDir string
	// TemplatePath is the CloudFormation template; empty means
	// DefaultTemplatePath. A relative path is looked up from the working
	// directory and then from each parent, so tests in any package find the
	// repository's snapshot.
	TemplatePath string
	// StageVariables override the stage's variables from the template.
	StageVariables map[string]string
	// PlanLimits replace the throttle and quota of usage plans, by plan
	// name, as deploying with other usagePlans context would.
	PlanLimits map[string]apidef.Limits
	// Logger receives the access log and the handlers' logs; nil means
	// JSON on standard error.
	Logger *slog.Logger
	// TokenTTL is the lifetime of the minted ID tokens; zero means 12 hours.
	TokenTTL time.Duration
	// Now is the gateway's clock for throttling, quotas and the authorizer
	// cache; nil means time.Now. Tests set it to exercise usage plans
	// without waiting.
	Now func() time.Time
	// Bootstraps run functions of the template as processes speaking the
	// Lambda Runtime API: the path of a bootstrap executable built for the
	// host, by the function's logical id (or CDK construct id). They win
	// over Builtins.
	Bootstraps map[string]string
	// Builtins are in-process handlers, by function logical id or CDK
	// construct id; nil means ProjectFunctions(). A function bound by
	// neither leaves the methods that need it answering 500.
	Builtins map[string]Builtin
}

// Env is a running local API.
type Env struct {
	// URL is the stage's base URL, "http://127.0.0.1:PORT/prod".
	URL string
	// Credentials hold the URL, one key per usage plan, one token per group.
	Credentials Credentials
	// DynamoDBEndpoint is the dynalite server, for tests that look at the
	// stored items directly.
	DynamoDBEndpoint string
	// TableName is the table the stage variable tableName names, else the
	// template's only table; "" when neither.
	TableName string
	// Tables are the names of the tables created.
	Tables []string
	// Issuer mints more tokens (other groups, other users, expired ones)
	// that the API accepts: the token issuer of the template's first user
	// pool (by logical id); nil without pools.
	Issuer *tokens.Issuer
	// Unsupported are the methods the API answers with 500 because they
	// need what the local API cannot run.
	Unsupported []gateway.UnsupportedMethod
	// Model is the API being served.
	Model *apidef.Model
	// Handler is the gateway itself, for driving the API in-process
	// (benchmarks) without the network; URL serves the same handler.
	Handler http.Handler

	gateway   *gateway.Server
	failed    *dynalite.Supervisor
	closeOnce sync.Once
	closers   []func() error
	closeErr  error
}

// Start brings up dynalite, the template's tables, a token issuer per
// user pool, the functions' runtimes and the gateway, in that order; on
// error everything started so far is stopped again, and the error names
// what failed. Cancelling ctx stops everything too.
func Start(ctx context.Context, opts Options) (_ *Env, err error) {
	env := &Env{}
	defer func() {
		if err != nil {
			_ = env.Close()
			err = fmt.Errorf("localapi: %w", err)
		}
	}()
	if err := env.start(ctx, opts); err != nil {
		return nil, err
	}
	return env, nil
}

func (env *Env) start(ctx context.Context, opts Options) error {
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.TokenTTL == 0 {
		opts.TokenTTL = 12 * time.Hour
	}
	if opts.Builtins == nil {
		opts.Builtins = ProjectFunctions()
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	path, err := findTemplate(opts.TemplatePath)
	if err != nil {
		return err
	}
	tpl, err := cfn.LoadFile(path, cfn.LoadOptions{})
	if err != nil {
		return err
	}
	model, err := cfn.Build(tpl, cfn.BuildOptions{Stage: opts.Stage, PlanLimits: opts.PlanLimits})
	if err != nil {
		return err
	}
	specs, err := tableSpecs(tpl)
	if err != nil {
		return err
	}
	overrideStageVariables(model, specs, opts.StageVariables)
	env.Model = model
	// Listen first, so that a busy port fails fast, before dynalite starts.
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.Addr, err)
	}
	env.closers = append(env.closers, func() error {
		if err := ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			return err
		}
		return nil
	})

	db, err := dynalite.Supervise(ctx, dynalite.Options{Path: opts.DataDir}, logger.With("component", "dynalite"))
	if err != nil {
		return err
	}
	env.closers = append(env.closers, db.Close)
	env.DynamoDBEndpoint = db.Endpoint()
	// Both paths reach dynalite through the ddblimits front, which refuses
	// what DynamoDB refuses and dynalite stores (keys and items counted in
	// UTF-8 bytes, 4 KB expressions). Idle connections close after 4 s,
	// before dynalite's (Node's) 5 s keep-alive: a POST sent on a
	// connection the server is closing fails and is not resent.
	dynamoHTTP := &http.Client{Transport: ddblimits.New(&http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 4 * time.Second})}
	client := dynamodb.New(dynamodb.Options{
		Region: tpl.Region, BaseEndpoint: aws.String(db.Endpoint()),
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", ""),
		HTTPClient:  dynamoHTTP,
	})
	if err := createTables(ctx, client, specs); err != nil {
		return err
	}
	for name := range specs {
		env.Tables = append(env.Tables, name)
	}
	sort.Strings(env.Tables)
	env.TableName = mainTable(model, env.Tables)

	ids, err := startIdentities(ctx, tpl, opts.TokenTTL)
	if err != nil {
		return err
	}
	env.closers = append(env.closers, ids.close)
	if len(ids.pools) > 0 {
		env.Issuer = ids.pools[0].issuer.Issuer
	}

	lambdas, closers, err := bindFunctions(ctx, tpl, opts.Bootstraps, opts.Builtins,
		Function{DynamoDB: client, Model: model, Logger: logger, ids: ids}, db.Endpoint())
	env.closers = append(env.closers, closers...)
	if err != nil {
		return err
	}

	srv, err := gateway.New(model, gateway.Options{
		Lambdas:   lambdas,
		UserPools: ids.verifiers(),
		Templates: gateway.NewVTL(),
		DynamoDB:  gateway.DynamoDB{Endpoint: db.Endpoint(), Region: tpl.Region, Client: dynamoHTTP},
		Logger:    logger.With("component", "gateway"),
		Now:       opts.Now,
	})
	if err != nil {
		return err
	}
	env.Handler, env.gateway = srv, srv
	env.Unsupported = srv.Unsupported()
	// headercase.Listener and headercase.ConnContext let the gateway hand the
	// functions header names as clients wrote them, as API Gateway does.
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ConnContext: headercase.ConnContext,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn)}
	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = hs.Serve(headercase.Listener(ln))
	}()
	env.closers = append(env.closers, func() error {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := hs.Shutdown(sctx)
		<-served
		return err
	})
	env.URL = "http://" + ln.Addr().String() + "/" + model.Stage
	env.Credentials = Credentials{APIURL: env.URL, APIKeys: apiKeys(model), Tokens: ids.tokens}
	env.failed = db
	go func() {
		select {
		case <-ctx.Done():
			_ = env.Close()
		case <-served:
		}
	}()
	return nil
}

// Failed is closed when a part the API cannot serve without has failed for
// good (dynalite exited and could not be restarted); Err then says why.
func (e *Env) Failed() <-chan struct{} {
	if e.failed == nil {
		return nil
	}
	return e.failed.Done()
}

// Err is why Failed was closed, nil before.
func (e *Env) Err() error {
	if e.failed == nil {
		return nil
	}
	return e.failed.Err()
}

// overrideStageVariables applies the overrides to the model's stage
// variables. A variable whose template value names a table of the template
// and that an override renames names a table still: the new name gets the
// same key schema and indexes (so -stage-var tableName=other serves an
// empty table "other").
func overrideStageVariables(m *apidef.Model, specs map[string]*dynamodb.CreateTableInput, overrides map[string]string) {
	for k, v := range overrides {
		if spec, ok := specs[m.StageVariables[k]]; ok && v != "" && specs[v] == nil {
			copied := *spec
			copied.TableName = aws.String(v)
			specs[v] = &copied
		}
		m.StageVariables[k] = v
	}
}

// mainTable is the table the stage variable tableName names, else the
// only table, else "".
func mainTable(m *apidef.Model, tables []string) string {
	if v := m.StageVariables[items.StageVariableTable]; slices.Contains(tables, v) {
		return v
	}
	if len(tables) == 1 {
		return tables[0]
	}
	return ""
}

// apiKeys are the credentials file's keys: each usage plan's first key by
// plan name, and each key in no plan of the stage by key name.
func apiKeys(m *apidef.Model) map[string]string {
	out := m.PlanKeys()
	inPlan := map[*apidef.APIKey]bool{}
	for _, p := range m.Plans {
		for _, k := range p.Keys {
			inPlan[k] = true
		}
	}
	for _, k := range m.APIKeys {
		if !inPlan[k] && k.Enabled {
			out[k.Name] = k.Value
		}
	}
	return out
}

// Close stops the API, the token issuer and dynalite, in reverse order of
// starting. It is safe to call more than once.
func (e *Env) Close() error {
	e.closeOnce.Do(func() {
		var errs []error
		for i := len(e.closers) - 1; i >= 0; i-- {
			if err := e.closers[i](); err != nil {
				errs = append(errs, err)
			}
		}
		e.closeErr = errors.Join(errs...)
	})
	return e.closeErr
}

// findTemplate resolves the template path, searching parent directories
// for a relative one.
func findTemplate(path string) (string, error) {
	if path == "" {
		path = DefaultTemplatePath
	}
	if filepath.IsAbs(path) {
		return path, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	for {
		candidate := filepath.Join(dir, path)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("template %s not found in the working directory or above (run `make synth`?)", path)
		}
		dir = parent
	}
}

// FlushAuthorizersCache empties the gateway's Lambda authorizer cache, as
// API Gateway's FlushStageAuthorizersCache does: the next request of every
// identity invokes the authorizer again.
func (e *Env) FlushAuthorizersCache() {
	if e.gateway != nil {
		e.gateway.FlushAuthorizersCache()
	}
}

// Routes lists "METHOD /stage/path" for every method of the API, sorted.
func (e *Env) Routes() []string {
	var out []string
	for _, m := range e.Model.Methods() {
		out = append(out, m.HTTPMethod+" /"+e.Model.Stage+m.ResourcePath)
	}
	sort.Strings(out)
	return out
}
