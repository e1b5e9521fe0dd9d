package items

import (
	"context"
	"encoding/base64"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/pkg/mapping"
	"apigwdirect/pkg/store"
)

// StageVariableTable is the stage variable naming the table.
const StageVariableTable = "tableName"

// Config configures a Handler.
type Config struct {
	// Store returns the Store of a table, e.g. store.ByTable(client). Required.
	Store func(table string) store.Store
	// DefaultTable is used when the request has no tableName stage variable.
	DefaultTable string
	// Logger receives one line per request; nil means slog's JSON handler on
	// standard error.
	Logger *slog.Logger
	// Validator checks bodies; nil means mapping.MustNewValidator().
	Validator *mapping.Validator
}

// Handler serves the items routes. It is safe for concurrent use.
type Handler struct {
	cfg    Config
	routes []routeKey // mapping.Integrations' routes
}

// NewHandler returns a Handler for cfg, filling in defaults.
func NewHandler(cfg Config) *Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	if cfg.Validator == nil {
		cfg.Validator = mapping.MustNewValidator()
	}
	return &Handler{cfg: cfg, routes: contractRoutes()}
}

// Handle serves one proxy integration request. It always returns a response
// and a nil error: failures are answered as statuses, never as Lambda errors
// (which API Gateway would turn into an opaque 502).
func (h *Handler) Handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	start := time.Now()
	r := h.resolve(req.Resource, req.HTTPMethod)
	table := req.StageVariables[StageVariableTable]
	if table == "" {
		table = h.cfg.DefaultTable
	}
	res := h.serve(ctx, r, table, req)
	attrs := []slog.Attr{
		slog.String("requestId", req.RequestContext.RequestID),
		slog.String("method", req.HTTPMethod),
		slog.String("resource", req.Resource),
		slog.String("route", string(r)),
		slog.String("table", table),
		slog.Int("status", res.status),
		slog.Float64("durationMs", float64(time.Since(start).Microseconds())/1000),
	}
	level := slog.LevelInfo
	if res.err != nil {
		attrs = append(attrs, slog.String("error", res.err.Error()))
		if res.status >= 500 {
			level = slog.LevelError
		}
	}
	h.cfg.Logger.LogAttrs(ctx, level, "request", attrs...)
	return res.proxy(), nil
}

// serve runs the route and builds its result.
func (h *Handler) serve(ctx context.Context, r route, table string, req events.APIGatewayProxyRequest) result {
	if r == routeUnknown {
		return fail(403, "Missing Authentication Token", nil)
	}
	if table == "" {
		return internal(errNoTable)
	}
	if h.cfg.Store == nil {
		return internal(errNoStore)
	}
	body, err := requestBody(req)
	if err != nil {
		return fail(400, "Invalid request body: body is not valid base64", err)
	}
	s := h.cfg.Store(table)
	var id string
	if r == mapping.RouteGet || r == mapping.RouteReplace || r == mapping.RouteDelete {
		// API Gateway hands the id over as the client encoded it; this is
		// the one place the Go path decodes it.
		raw := req.PathParameters["id"]
		if raw == "" {
			return fail(400, "missing id in path", nil)
		}
		if id, err = mapping.DecodePathID(raw); err != nil {
			return fromError(err)
		}
	}
	switch r {
	case mapping.RouteCreate:
		return h.create(ctx, s, body)
	case mapping.RouteList:
		return h.list(ctx, s, query(req, "limit"), query(req, "next"))
	case mapping.RouteGet:
		return h.get(ctx, s, id)
	case mapping.RouteReplace:
		return h.replace(ctx, s, id, body)
	default: // mapping.RouteDelete
		return h.delete(ctx, s, id)
	}
}

// requestBody returns the request body, decoding it when API Gateway sent it
// base64-encoded.
func requestBody(req events.APIGatewayProxyRequest) ([]byte, error) {
	if !req.IsBase64Encoded {
		return []byte(req.Body), nil
	}
	return base64.StdEncoding.DecodeString(req.Body)
}

// query returns a query string parameter, from the multi-value map (its
// last value, as API Gateway's single-value map holds) when only that is set.
func query(req events.APIGatewayProxyRequest, name string) string {
	if v, ok := req.QueryStringParameters[name]; ok {
		return v
	}
	if vs := req.MultiValueQueryStringParameters[name]; len(vs) > 0 {
		return vs[len(vs)-1]
	}
	return ""
}
