package vtl

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Env is the request (or integration response) a template is rendered
// against: API Gateway's $input, $context and $stageVariables.
type Env struct {
	// Body is the raw payload: $input.body, and the JSON read by
	// $input.json(path) and $input.path(path). An empty body reads as {}.
	Body string
	// PathParams, QueryParams and Headers feed $input.params(); the
	// one-argument form searches path, then query string, then headers.
	PathParams, QueryParams, Headers map[string]string
	// StageVariables is $stageVariables.
	StageVariables map[string]string
	// Context is the $context tree (requestId, stage, httpMethod,
	// resourcePath, authorizer{...}, identity{...}, ...). Nested maps are
	// map[string]any or map[string]string. Render works on a copy.
	Context map[string]any

	overrides Overrides
}

// Overrides is what a template assigned to $context.responseOverride and
// $context.requestOverride. Maps are nil when nothing was set.
type Overrides struct {
	Status  int               // responseOverride.status, 0 if unset
	Headers map[string]string // responseOverride.header.*
	// ResponseOther holds the other keys set on responseOverride (any name
	// may be set; API Gateway hands them to the response template).
	ResponseOther  map[string]string
	RequestHeaders map[string]string // requestOverride.header.*
	RequestPath    map[string]string // requestOverride.path.*
	RequestQuery   map[string]string // requestOverride.querystring.*
}

// Empty reports whether no override is set.
func (o Overrides) Empty() bool {
	return o.Status == 0 && len(o.Headers) == 0 && len(o.ResponseOther) == 0 &&
		len(o.RequestHeaders) == 0 && len(o.RequestPath) == 0 && len(o.RequestQuery) == 0
}

// Overrides reports the overrides set by the last Render with this Env.
func (e *Env) Overrides() Overrides { return e.overrides }

// inputObj is $input.
type inputObj struct{ st *state }

// parsedBody decodes Env.Body once per render. An empty body reads as {}.
// A body that is not JSON and does not start like a JSON object or array
// (a form post, plain text) reads as one string, its text without the
// surrounding blanks, as API Gateway's lenient JSON reader gives it (see
// doc.go); a broken object or array is an error.
func (st *state) parsedBody() (any, error) {
	if !st.bodyParsed {
		st.bodyParsed = true
		body := strings.TrimSpace(st.env.Body)
		switch {
		case body == "":
			st.bodyVal = newMap(0)
		default:
			st.bodyVal, st.bodyErr = decodeJSONIn(st.env.Body, st.arena())
			if st.bodyErr != nil && body[0] != '{' && body[0] != '[' {
				st.bodyVal, st.bodyErr = body, nil
			}
		}
	}
	return st.bodyVal, st.bodyErr
}

// body is $input.body: the raw payload, or {} when it is empty.
func (st *state) body() string {
	if st.env.Body == "" {
		return "{}"
	}
	return st.env.Body
}

// selectBody evaluates a JSONPath over the body.
func (st *state) selectBody(path string) (any, bool, error) {
	root, err := st.parsedBody()
	if err != nil {
		return nil, false, fmt.Errorf("body is not valid JSON: %w", err)
	}
	if jp := st.t.paths[path]; jp != nil && !st.t.general { // parsed with the template
		v, ok := selectPath(root, jp.steps, jp.definite)
		return v, ok, nil
	}
	steps, definite, err := parseJSONPath(path)
	if err != nil {
		return nil, false, err
	}
	v, ok := selectPath(root, steps, definite)
	return v, ok, nil
}

// call implements $input's methods.
func (in *inputObj) call(name string, args []any) (any, error) {
	st := in.st
	switch len(args) {
	case 0:
		switch name {
		case "getBody":
			return st.body(), nil
		case "params":
			m := newMap(3)
			// A HashMap filled path, header, querystring: it iterates in
			// that order (TestAWSParamsOrder names the evidence).
			m.put("path", hashStringMap(st.env.PathParams))
			m.put("header", headerMap(st.env.Headers))
			m.put("querystring", hashStringMap(st.env.QueryParams))
			sortJavaHashOrder(m)
			return m, nil
		}
	case 1:
		arg, ok := args[0].(string)
		if !ok {
			return nil, nil
		}
		switch name {
		case "json":
			v, found, err := st.selectBody(arg)
			if err != nil || !found {
				return "", err
			}
			var b strings.Builder
			writeJSON(&b, v)
			return b.String(), nil
		case "path":
			v, found, err := st.selectBody(arg)
			if err != nil || !found {
				return "", err
			}
			return v, nil
		case "params":
			return st.param(arg), nil
		}
	}
	return nil, nil
}

// param is $input.params(name): path, then query string, then header (the
// header also matched case-insensitively); "" when absent.
func (st *state) param(name string) string {
	if v, ok := st.env.PathParams[name]; ok {
		return v
	}
	if v, ok := st.env.QueryParams[name]; ok {
		return v
	}
	if v, ok := st.env.Headers[name]; ok {
		return v
	}
	for k, v := range st.env.Headers {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// stringMap converts a string map to an ordered map with sorted keys.
func stringMap(src map[string]string) *vmap {
	m := newMap(len(src))
	for k, v := range src {
		m.keys = append(m.keys, k)
		m.vals = append(m.vals, v)
	}
	sort.Sort(byKey{m})
	if len(m.keys) > indexAbove {
		m.reindex()
	}
	return m
}

// hashStringMap converts a string map to a map in java.util.HashMap
// order, as if its keys were inserted sorted. API Gateway's path and query
// string maps and $stageVariables are taken to be HashMaps like $context:
// a guess, no recording shows their order.
func hashStringMap(src map[string]string) *vmap {
	m := stringMap(src)
	sortJavaHashOrder(m)
	return m
}

// headerMap converts the request headers to a map that iterates sorted
// case-insensitively and finds keys case-insensitively, as Java's
// TreeMap(String.CASE_INSENSITIVE_ORDER) does.
func headerMap(src map[string]string) *vmap {
	m := stringMap(src)
	m.fold = true
	m.index = nil
	sortFold(m)
	return m
}

// byKey sorts a vmap's entries by key.
type byKey struct{ m *vmap }

func (b byKey) Len() int           { return len(b.m.keys) }
func (b byKey) Less(i, j int) bool { return b.m.keys[i] < b.m.keys[j] }
func (b byKey) Swap(i, j int) {
	b.m.keys[i], b.m.keys[j] = b.m.keys[j], b.m.keys[i]
	b.m.vals[i], b.m.vals[j] = b.m.vals[j], b.m.vals[i]
}

// context builds $context from Env.Context: a copy whose maps iterate in
// java.util.HashMap order, whose nested maps render as "" (opaque), and
// which holds the override maps from the start.
func (st *state) context() *vmap {
	if st.ctx != nil {
		return st.ctx
	}
	var c converter
	m, _ := toValue(st.env.Context, 0, &c).(*vmap)
	if m == nil {
		m = newMap(2)
	}
	st.ctx = m
	st.ensureOverrides()
	shapeContext(m, contextKeys, 0)
	return m
}

// shapeContext orders the maps of the $context tree as API Gateway's
// HashMaps iterate (see order.go) and marks every map below the root
// opaque. identity is ordered by its own recorded insertion order.
func shapeContext(m *vmap, known []string, depth int) {
	if depth > maxValueDepth {
		return
	}
	m.opaque = depth > 0
	insertionRank(m, known)
	sortJavaHashOrder(m)
	for i, v := range m.vals {
		if c, ok := v.(*vmap); ok && c != m && !c.opaque {
			var sub []string
			if depth == 0 && m.keys[i] == "identity" {
				sub = identityKeys
			}
			shapeContext(c, sub, depth+1)
		}
	}
}

// ensureOverrides adds the empty responseOverride{header} and
// requestOverride{header, path, querystring} maps that exist in API
// Gateway's $context before any #set (recorded: LocalStack's
// test_apigateway_sqs.snapshot.json, test_sqs_amz_json_protocol; and
// test_apigateway_integrations.py's test_integration_mock_with_vtl_map_assignation,
// which calls put on $context.requestOverride.querystring unset).
func (st *state) ensureOverrides() {
	m := st.ctx
	ensure := func(parent *vmap, key string) *vmap {
		if v, ok := parent.get(key); ok {
			if c, ok := v.(*vmap); ok {
				return c
			}
		}
		c := newMap(0)
		parent.put(key, c)
		return c
	}
	resp := ensure(m, "responseOverride")
	ensure(resp, "header")
	req := ensure(m, "requestOverride")
	for _, k := range []string{"header", "path", "querystring"} {
		ensure(req, k)
	}
}

// converter remembers the Go maps already converted, so that a map
// reachable twice (or from itself) becomes one shared engine map, as Java
// references would be, instead of being copied again.
type converter struct {
	seen []seenMap
}

// seenMap pairs a Go map's identity with its converted map.
type seenMap struct {
	id uintptr
	m  *vmap
}

// lookup returns the converted map for id.
func (c *converter) lookup(id uintptr) *vmap {
	for _, s := range c.seen {
		if s.id == id {
			return s.m
		}
	}
	return nil
}

// toValue converts caller-supplied Go data into engine values (a copy, so
// templates cannot modify the caller's maps).
func toValue(v any, depth int, c *converter) any {
	if depth > maxJSONDepth {
		return nil
	}
	switch x := v.(type) {
	case nil:
		return nil
	case string, bool, int64, float64:
		return x
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case uint32:
		return int64(x)
	case float32:
		return float64(x)
	case uint64:
		if x > math.MaxInt64 {
			return jsonNumber(strconv.FormatUint(x, 10))
		}
		return int64(x)
	case json.Number:
		return jsonNumber(x)
	case map[string]string:
		return stringMap(x)
	case map[string]any:
		m := newMap(len(x))
		if depth > 0 { // the root is remembered from its first copy on
			id := reflect.ValueOf(x).Pointer()
			if seen := c.lookup(id); seen != nil {
				return seen
			}
			c.seen = append(c.seen, seenMap{id, m})
		}
		for k, v := range x {
			m.keys = append(m.keys, k)
			m.vals = append(m.vals, toValue(v, depth+1, c))
		}
		sort.Sort(byKey{m})
		if len(m.keys) > indexAbove {
			m.reindex()
		}
		return m
	case []any:
		l := &vlist{items: make([]any, len(x))}
		for i, it := range x {
			l.items[i] = toValue(it, depth+1, c)
		}
		return l
	case []string:
		l := &vlist{items: make([]any, len(x))}
		for i, it := range x {
			l.items[i] = it
		}
		return l
	}
	return fmt.Sprint(v)
}

// overrides reads back the override maps of $context after a render.
func (st *state) overrides() Overrides {
	var o Overrides
	if st.ctx == nil {
		return o
	}
	sub := func(parent any, key string) *vmap {
		if p, ok := parent.(*vmap); ok && p != nil {
			if v, ok := p.get(key); ok {
				m, _ := v.(*vmap)
				return m
			}
		}
		return nil
	}
	flat := func(m *vmap) map[string]string {
		if m == nil || len(m.keys) == 0 {
			return nil
		}
		out := make(map[string]string, len(m.keys))
		for i, k := range m.keys {
			if v := m.vals[i]; v != nil {
				out[k] = overrideValue(v)
			}
		}
		return out
	}
	resp := sub(st.ctx, "responseOverride")
	if resp != nil {
		if s, ok := resp.get("status"); ok {
			o.Status = statusCode(s)
		}
		for i, k := range resp.keys {
			if v := resp.vals[i]; k != "status" && k != "header" && v != nil {
				if o.ResponseOther == nil {
					o.ResponseOther = map[string]string{}
				}
				o.ResponseOther[k] = overrideValue(v)
			}
		}
	}
	o.Headers = flat(sub(resp, "header"))
	req := sub(st.ctx, "requestOverride")
	o.RequestHeaders = flat(sub(req, "header"))
	o.RequestPath = flat(sub(req, "path"))
	o.RequestQuery = flat(sub(req, "querystring"))
	return o
}

// overrideValue is the text of an override: a list (several values for a
// header) is its items joined by commas without spaces, as the API Gateway
// developer guide's override tutorial shows for
// #set($context.requestOverride.header.multivalueheader = [$a, $b])
// ("multivalueheader=foo,header1Valheader2Val" in the endpoint request).
func overrideValue(v any) string {
	l, ok := v.(*vlist)
	if !ok || l.json {
		return toString(v)
	}
	var b strings.Builder
	for i, it := range l.items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(toString(it))
	}
	return b.String()
}

// statusCode reads an HTTP status from a number or numeric string.
func statusCode(v any) int {
	if n, ok := toNumber(v); ok {
		if n.isInt {
			return int(n.i)
		}
		return int(n.f)
	}
	if s, ok := v.(string); ok {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			return n
		}
	}
	return 0
}
