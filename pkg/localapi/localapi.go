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
	"apigwdirect/pkg/store"
	"apigwdirect/pkg/tokens"
)

// DefaultTemplatePath is the committed snapshot of the synthesized stack,
// relative to the repository root.
const DefaultTemplatePath = "cdk/snapshot/stack.template.json"

// Construct ids the local API looks for in the template's aws:cdk:path
// metadata.
const (
	ItemsFunctionID      = "ItemsFunction"
	AuthorizerFunctionID = "AuthorizerFunction"
	UserPoolID           = "UserPool"
	UserPoolClientID     = "UserPoolClient"
	TableID              = "Table"
)

// Options configure Start. The zero value serves stage "prod" of the
// snapshot on a free loopback port with an in-memory table.
type Options struct {
	// Addr is the listen address; empty means "127.0.0.1:0" (a free port).
	Addr string
	// Stage is the stage to serve; empty means "prod".
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
	// TableName is the table the stage variable tableName names (created
	// if it was absent).
	TableName string
	// Issuer mints more tokens (other groups, other users, expired ones)
	// that the API accepts.
	Issuer *tokens.Issuer
	// Model is the API being served.
	Model *apidef.Model
	// Handler is the gateway itself, for driving the API in-process
	// (benchmarks) without the network; URL serves the same handler.
	Handler http.Handler

	gateway   *gateway.Server
	closeOnce sync.Once
	closers   []func() error
	closeErr  error
}

// Start brings up dynalite, the table, the token issuer, the in-process
// handlers and the gateway, in that order; on error everything started so
// far is stopped again. Cancelling ctx stops everything too.
func Start(ctx context.Context, opts Options) (_ *Env, err error) {
	if opts.Stage == "" {
		opts.Stage = "prod"
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:0"
	}
	if opts.TokenTTL == 0 {
		opts.TokenTTL = 12 * time.Hour
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	env := &Env{}
	defer func() {
		if err != nil {
			_ = env.Close()
		}
	}()

	path, err := findTemplate(opts.TemplatePath)
	if err != nil {
		return nil, err
	}
	tpl, err := cfn.LoadFile(path, cfn.LoadOptions{})
	if err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
	}
	model, err := cfn.Build(tpl, cfn.BuildOptions{Stage: opts.Stage, StageVariables: opts.StageVariables, PlanLimits: opts.PlanLimits})
	if err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
	}
	env.Model = model
	// Listen first, so that a busy port fails fast, before dynalite starts.
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("localapi: listen on %s: %w", opts.Addr, err)
	}
	env.closers = append(env.closers, func() error {
		if err := ln.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
			return err
		}
		return nil
	})

	db, err := dynalite.Start(ctx, dynalite.Options{Path: opts.DataDir})
	if err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
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
	env.TableName = tableName(tpl, model)
	if env.TableName == "" {
		return nil, errors.New("localapi: no table: the stage has no tableName variable and the template no Table")
	}
	if err := store.EnsureTable(ctx, client, env.TableName); err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
	}

	idp, err := startIdentity(ctx, tpl, opts.TokenTTL)
	if err != nil {
		return nil, err
	}
	env.closers = append(env.closers, idp.close)
	env.Issuer = idp.issuer.Issuer

	authorizers := map[string]gateway.AuthorizerFunc{}
	if fns := tpl.ByConstruct(AuthorizerFunctionID, "AWS::Lambda::Function"); len(fns) > 0 {
		order, err := planOrder(fns[0])
		if err != nil {
			return nil, err
		}
		authorize, closeAuth, err := newAuthorizer(ctx, idp, model.PlanKeys(), order, logger.With("component", "authorizer"))
		if err != nil {
			return nil, err
		}
		env.closers = append(env.closers, closeAuth)
		authorizers[AuthorizerFunctionID] = authorize
	}
	handler := items.NewHandler(items.Config{Store: store.ByTable(client), DefaultTable: env.TableName, Logger: logger.With("component", "items")})

	srv, err := gateway.New(model, gateway.Options{
		Functions:   map[string]gateway.ProxyFunc{ItemsFunctionID: handler.Handle},
		Authorizers: authorizers,
		UserPools:   map[string]gateway.TokenVerifier{UserPoolID: idp.verifier},
		Templates:   gateway.NewVTL(),
		DynamoDB:    gateway.DynamoDB{Endpoint: db.Endpoint(), Region: tpl.Region, Client: dynamoHTTP},
		Logger:      logger.With("component", "gateway"),
		Now:         opts.Now,
	})
	if err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
	}
	env.Handler, env.gateway = srv, srv
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
	env.Credentials = Credentials{APIURL: env.URL, APIKeys: model.PlanKeys(), Tokens: idp.tokens}
	go func() {
		select {
		case <-ctx.Done():
			_ = env.Close()
		case <-served:
		}
	}()
	return env, nil
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

// tableName is the stage variable tableName, else the items function's
// TABLE_NAME, else the Table construct's physical name.
func tableName(tpl *cfn.Template, m *apidef.Model) string {
	if v := m.StageVariables[items.StageVariableTable]; v != "" {
		return v
	}
	for _, fn := range tpl.ByConstruct(ItemsFunctionID, "AWS::Lambda::Function") {
		vars, _ := fn.Properties["Environment"].(map[string]any)
		vv, _ := vars["Variables"].(map[string]any)
		if s, ok := vv["TABLE_NAME"].(string); ok && s != "" {
			return s
		}
	}
	for _, t := range tpl.ByConstruct(TableID, "AWS::DynamoDB::Table") {
		return t.Ref
	}
	return ""
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
		return "", fmt.Errorf("localapi: working directory: %w", err)
	}
	for {
		candidate := filepath.Join(dir, path)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("localapi: template %s not found in the working directory or above (run `make synth`?)", path)
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
