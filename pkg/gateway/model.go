package gateway

import (
	"crypto/rand"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Model is the REST API of one stage, as a Server serves it.
type Model struct {
	// APIID is the API's local id (Ref of the RestApi).
	APIID string
	// Name is the RestApi's Name property.
	Name string
	// APIKeySource is "HEADER" (x-api-key) or "AUTHORIZER" (the
	// authorizer's usageIdentifierKey).
	APIKeySource string
	// Stage is the stage served, and StageVariables its variables after
	// BuildOptions.StageVariables are applied.
	Stage          string
	StageVariables map[string]string
	// Root is the "/" resource.
	Root *Node
	// GatewayResponses by response type (DEFAULT_4XX, ACCESS_DENIED, ...).
	GatewayResponses map[string]*GatewayResponse
	// Plans are the usage plans that include this API and stage.
	Plans []*UsagePlan
	// APIKeys are every API key of the template, with their local values.
	APIKeys []*APIKey
	// Template is the resolved template the model came from.
	Template *Template
}

// Node is one resource of the resource tree.
type Node struct {
	ID       string
	PathPart string // "items", "{id}", "{proxy+}"; "" for the root
	Path     string // the resource path, "/items/{id}"
	Children []*Node
	Methods  map[string]*Method // by HTTP method, "ANY" included
}

// Method is one method of a resource.
type Method struct {
	HTTPMethod        string
	ResourcePath      string
	ResourceID        string
	AuthorizationType string // NONE, CUSTOM, COGNITO_USER_POOLS, AWS_IAM
	Authorizer        *Authorizer
	APIKeyRequired    bool
	Validator         *Validator
	// RequestModels by content type.
	RequestModels map[string]*SchemaModel
	// RequestParameters: "method.request.querystring.limit" -> required.
	RequestParameters map[string]bool
	Integration       *Integration
}

// Integration is a method's integration request and responses.
type Integration struct {
	Type                string // AWS, AWS_PROXY, MOCK
	URI                 string // may hold ${stageVariables.x}
	RequestTemplates    map[string]string
	PassthroughBehavior string // WHEN_NO_MATCH (default), WHEN_NO_TEMPLATES, NEVER
	Responses           []*IntegrationResponse
	// Function is the construct id of the Lambda function an AWS_PROXY
	// integration invokes.
	Function string
	Timeout  time.Duration
}

// IntegrationResponse maps integration answers whose status matches
// SelectionPattern to a method response. An empty pattern is the default.
type IntegrationResponse struct {
	SelectionPattern string
	StatusCode       int
	Templates        map[string]string
	// Parameters: "method.response.header.X" -> "'literal'" or
	// "integration.response.header.Y".
	Parameters map[string]string
	re         *regexp.Regexp // see compileSelectionPattern
}

// Authorizer is a REQUEST (Lambda) or COGNITO_USER_POOLS authorizer.
type Authorizer struct {
	ID   string
	Name string
	Type string // REQUEST, TOKEN, COGNITO_USER_POOLS
	// IdentitySources such as "method.request.header.Authorization".
	IdentitySources []string
	TTL             time.Duration
	// Function is the construct id of the Lambda function (REQUEST, TOKEN).
	Function string
	// UserPools are the construct ids of the user pools (COGNITO_USER_POOLS).
	UserPools []string
}

// SchemaModel is a Model of the API: a JSON Schema for request bodies.
type SchemaModel struct {
	Name        string
	ContentType string
	Schema      []byte
}

// Validator is a RequestValidator.
type Validator struct {
	Name                      string
	ValidateRequestBody       bool
	ValidateRequestParameters bool
}

// GatewayResponse customizes one gateway response type.
type GatewayResponse struct {
	Type       string
	StatusCode int // 0 keeps the type's default
	Templates  map[string]string
	Parameters map[string]string // "gatewayresponse.header.X" -> "'value'"
}

// UsagePlan meters and limits the calls made with its keys.
type UsagePlan struct {
	ID   string
	Name string // UsagePlanName, else the construct id
	// Rate (requests per second) and Burst of the token bucket; 0 means
	// no throttle.
	Rate  float64
	Burst int
	// QuotaLimit calls per QuotaPeriod (DAY, WEEK, MONTH); 0 means none.
	QuotaLimit  int
	QuotaPeriod string
	Keys        []*APIKey
}

// APIKey is an API key and its local value.
type APIKey struct {
	ID      string
	Name    string // Name property, else the construct id
	Value   string
	Enabled bool
}

// BuildOptions select the stage and supply local values.
type BuildOptions struct {
	// Stage to serve; empty means the template's only stage.
	Stage string
	// StageVariables override (or add to) the stage's variables.
	StageVariables map[string]string
	// APIKeyValues give API keys values, by key name or logical id. Keys
	// with no Value in the template and none here get a random value.
	APIKeyValues map[string]string
	// PlanLimits replace the throttle and quota of usage plans, by plan
	// name: the local stand-in for deploying with other limits.
	PlanLimits map[string]Limits
}

// Limits are a usage plan's throttle and quota. Zero values mean none.
type Limits struct {
	Rate        float64 // requests per second
	Burst       int
	QuotaLimit  int
	QuotaPeriod string // DAY, WEEK or MONTH
}

// Build turns a resolved template into the Model of one stage of its REST
// API. The template must hold exactly one AWS::ApiGateway::RestApi.
func Build(t *Template, opts BuildOptions) (*Model, error) {
	apis := t.ByType("AWS::ApiGateway::RestApi")
	if len(apis) != 1 {
		return nil, fmt.Errorf("gateway: want one AWS::ApiGateway::RestApi, template has %d", len(apis))
	}
	api := apis[0]
	m := &Model{
		APIID: api.Ref, Name: api.String("Name"), APIKeySource: api.String("ApiKeySourceType"),
		GatewayResponses: map[string]*GatewayResponse{}, Template: t,
	}
	if m.APIKeySource == "" {
		m.APIKeySource = "HEADER"
	}
	onAPI := func(r *Resource) bool { return str(r.Properties["RestApiId"]) == m.APIID }

	if err := m.buildStage(t, opts, onAPI); err != nil {
		return nil, err
	}
	if err := m.buildTree(t, onAPI); err != nil {
		return nil, err
	}
	for _, r := range t.ByType("AWS::ApiGateway::GatewayResponse") {
		if !onAPI(r) {
			continue
		}
		status, _ := strconv.Atoi(r.String("StatusCode"))
		gr := &GatewayResponse{Type: r.String("ResponseType"), StatusCode: status,
			Templates: stringMap(r.Properties["ResponseTemplates"]), Parameters: stringMap(r.Properties["ResponseParameters"])}
		m.GatewayResponses[gr.Type] = gr
	}
	if err := m.buildPlans(t, opts); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Model) buildStage(t *Template, opts BuildOptions, onAPI func(*Resource) bool) error {
	var names []string
	var stage *Resource
	for _, r := range t.ByType("AWS::ApiGateway::Stage") {
		if !onAPI(r) {
			continue
		}
		names = append(names, r.String("StageName"))
		if opts.Stage == "" || r.String("StageName") == opts.Stage {
			stage = r
		}
	}
	switch {
	case opts.Stage == "" && len(names) != 1:
		return fmt.Errorf("gateway: name a stage; the template has %v", names)
	case stage == nil:
		return fmt.Errorf("gateway: no stage %q in the template (it has %v)", opts.Stage, names)
	}
	m.Stage = stage.String("StageName")
	m.StageVariables = stringMap(stage.Properties["Variables"])
	for k, v := range opts.StageVariables {
		m.StageVariables[k] = v
	}
	return nil
}

func (m *Model) buildTree(t *Template, onAPI func(*Resource) bool) error {
	m.Root = &Node{ID: rootResourceID(m.APIID), Path: "/", Methods: map[string]*Method{}}
	nodes := map[string]*Node{m.Root.ID: m.Root}
	var resources []*Resource
	for _, r := range t.ByType("AWS::ApiGateway::Resource") {
		if onAPI(r) {
			nodes[r.Ref] = &Node{ID: r.Ref, PathPart: r.String("PathPart"), Methods: map[string]*Method{}}
			resources = append(resources, r)
		}
	}
	for _, r := range resources {
		parent, ok := nodes[r.String("ParentId")]
		if !ok {
			return fmt.Errorf("gateway: resource %s: unknown parent %q", r.LogicalID, r.String("ParentId"))
		}
		parent.Children = append(parent.Children, nodes[r.Ref])
	}
	var setPaths func(n *Node, prefix string)
	setPaths = func(n *Node, prefix string) {
		if n != m.Root {
			n.Path = strings.TrimSuffix(prefix, "/") + "/" + n.PathPart
		}
		sort.Slice(n.Children, func(i, j int) bool { return n.Children[i].PathPart < n.Children[j].PathPart })
		for _, c := range n.Children {
			setPaths(c, n.Path)
		}
	}
	setPaths(m.Root, "")

	authorizers := map[string]*Authorizer{}
	for _, r := range t.ByType("AWS::ApiGateway::Authorizer") {
		if onAPI(r) {
			a, err := buildAuthorizer(t, r)
			if err != nil {
				return err
			}
			authorizers[r.Ref] = a
		}
	}
	validators := map[string]*Validator{}
	for _, r := range t.ByType("AWS::ApiGateway::RequestValidator") {
		if onAPI(r) {
			validators[r.Ref] = &Validator{Name: r.String("Name"),
				ValidateRequestBody: boolean(r.Properties["ValidateRequestBody"]), ValidateRequestParameters: boolean(r.Properties["ValidateRequestParameters"])}
		}
	}
	models := map[string]*SchemaModel{}
	for _, r := range t.ByType("AWS::ApiGateway::Model") {
		if onAPI(r) {
			schema, err := jsonBytes(r.Properties["Schema"])
			if err != nil {
				return fmt.Errorf("gateway: model %s: %w", r.LogicalID, err)
			}
			models[r.Ref] = &SchemaModel{Name: r.Ref, ContentType: r.String("ContentType"), Schema: schema}
		}
	}
	for _, r := range t.ByType("AWS::ApiGateway::Method") {
		if !onAPI(r) {
			continue
		}
		node, ok := nodes[r.String("ResourceId")]
		if !ok {
			return fmt.Errorf("gateway: method %s: unknown resource %q", r.LogicalID, r.String("ResourceId"))
		}
		meth, err := buildMethod(t, r, node, authorizers, validators, models)
		if err != nil {
			return fmt.Errorf("gateway: method %s: %w", r.LogicalID, err)
		}
		node.Methods[meth.HTTPMethod] = meth
	}
	return nil
}

func buildAuthorizer(t *Template, r *Resource) (*Authorizer, error) {
	a := &Authorizer{ID: r.Ref, Name: r.String("Name"), Type: r.String("Type")}
	for _, s := range strings.Split(r.String("IdentitySource"), ",") {
		if s = strings.TrimSpace(s); s != "" {
			a.IdentitySources = append(a.IdentitySources, s)
		}
	}
	ttl := 300
	if v, ok := r.Properties["AuthorizerResultTtlInSeconds"]; ok {
		ttl = int(number(v))
	}
	a.TTL = time.Duration(ttl) * time.Second
	switch a.Type {
	case "REQUEST", "TOKEN":
		fn, err := functionOf(t, r.String("AuthorizerUri"))
		if err != nil {
			return nil, fmt.Errorf("gateway: authorizer %s: %w", r.LogicalID, err)
		}
		a.Function = fn
	case "COGNITO_USER_POOLS":
		if len(a.IdentitySources) == 0 {
			a.IdentitySources = []string{"method.request.header.Authorization"}
		}
		for _, arn := range list(r.Properties["ProviderARNs"]) {
			id := str(arn)[strings.LastIndex(str(arn), "/")+1:]
			for _, p := range t.ByType("AWS::Cognito::UserPool") {
				if p.Ref == id {
					a.UserPools = append(a.UserPools, p.ConstructID())
				}
			}
		}
		if len(a.UserPools) == 0 {
			return nil, fmt.Errorf("gateway: authorizer %s: no user pool of the template in ProviderARNs", r.LogicalID)
		}
	default:
		return nil, fmt.Errorf("gateway: authorizer %s: unsupported type %q", r.LogicalID, a.Type)
	}
	return a, nil
}

var functionInURI = regexp.MustCompile(`functions/arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:/]+)(:[^/]*)?/invocations`)

// functionOf finds the construct id of the Lambda function a Lambda
// integration or authorizer URI invokes.
func functionOf(t *Template, uri string) (string, error) {
	m := functionInURI.FindStringSubmatch(uri)
	if m == nil {
		return "", fmt.Errorf("not a Lambda invocation URI: %q", uri)
	}
	for _, f := range t.ByType("AWS::Lambda::Function") {
		if f.Ref == m[1] {
			return f.ConstructID(), nil
		}
	}
	return "", fmt.Errorf("URI %q names no function of the template", uri)
}

func buildMethod(t *Template, r *Resource, node *Node, authorizers map[string]*Authorizer,
	validators map[string]*Validator, models map[string]*SchemaModel) (*Method, error) {
	meth := &Method{
		HTTPMethod: strings.ToUpper(r.String("HttpMethod")), ResourcePath: node.Path, ResourceID: node.ID,
		AuthorizationType: r.String("AuthorizationType"), APIKeyRequired: boolean(r.Properties["ApiKeyRequired"]),
		RequestModels: map[string]*SchemaModel{}, RequestParameters: map[string]bool{},
	}
	if meth.AuthorizationType == "" {
		meth.AuthorizationType = "NONE"
	}
	if id := r.String("AuthorizerId"); id != "" {
		a, ok := authorizers[id]
		if !ok {
			return nil, fmt.Errorf("unknown authorizer %q", id)
		}
		meth.Authorizer = a
	}
	if id := r.String("RequestValidatorId"); id != "" {
		v, ok := validators[id]
		if !ok {
			return nil, fmt.Errorf("unknown request validator %q", id)
		}
		meth.Validator = v
	}
	for ct, name := range obj(r.Properties["RequestModels"]) {
		sm, ok := models[str(name)]
		if !ok {
			if str(name) == "Empty" || str(name) == "Error" {
				continue
			}
			return nil, fmt.Errorf("unknown model %q", str(name))
		}
		meth.RequestModels[ct] = sm
	}
	for k, v := range obj(r.Properties["RequestParameters"]) {
		meth.RequestParameters[k] = boolean(v)
	}
	in := obj(r.Properties["Integration"])
	integ := &Integration{
		Type: strings.ToUpper(str(in["Type"])), URI: str(in["Uri"]),
		RequestTemplates: stringMap(in["RequestTemplates"]), PassthroughBehavior: str(in["PassthroughBehavior"]),
		Timeout: 29 * time.Second,
	}
	if ms := number(in["TimeoutInMillis"]); ms > 0 {
		integ.Timeout = time.Duration(ms) * time.Millisecond
	}
	if integ.PassthroughBehavior == "" {
		integ.PassthroughBehavior = "WHEN_NO_MATCH"
	}
	switch integ.Type {
	case "AWS_PROXY":
		fn, err := functionOf(t, integ.URI)
		if err != nil {
			return nil, err
		}
		integ.Function = fn
	case "AWS", "MOCK":
	default:
		return nil, fmt.Errorf("unsupported integration type %q", integ.Type)
	}
	for _, e := range list(in["IntegrationResponses"]) {
		ir := obj(e)
		status, err := strconv.Atoi(str(ir["StatusCode"]))
		if err != nil {
			return nil, fmt.Errorf("integration response status %q: %w", str(ir["StatusCode"]), err)
		}
		resp := &IntegrationResponse{SelectionPattern: str(ir["SelectionPattern"]), StatusCode: status,
			Templates: stringMap(ir["ResponseTemplates"]), Parameters: stringMap(ir["ResponseParameters"])}
		if resp.SelectionPattern != "" {
			re, err := compileSelectionPattern(resp.SelectionPattern)
			if err != nil {
				return nil, err
			}
			resp.re = re
		}
		integ.Responses = append(integ.Responses, resp)
	}
	meth.Integration = integ
	return meth, nil
}

func (m *Model) buildPlans(t *Template, opts BuildOptions) error {
	keys := map[string]*APIKey{}
	for _, r := range t.ByType("AWS::ApiGateway::ApiKey") {
		k := &APIKey{ID: r.Ref, Name: r.String("Name"), Value: r.String("Value"), Enabled: true}
		if v, ok := r.Properties["Enabled"]; ok {
			k.Enabled = boolean(v)
		}
		if k.Name == "" {
			k.Name = r.ConstructID()
		}
		if v, ok := opts.APIKeyValues[k.Name]; ok {
			k.Value = v
		} else if v, ok := opts.APIKeyValues[r.LogicalID]; ok {
			k.Value = v
		}
		if k.Value == "" {
			k.Value = randomKey()
		}
		keys[k.ID] = k
		m.APIKeys = append(m.APIKeys, k)
	}
	plans := map[string]*UsagePlan{}
	for _, r := range t.ByType("AWS::ApiGateway::UsagePlan") {
		onStage := false
		for _, s := range list(r.Properties["ApiStages"]) {
			if str(obj(s)["ApiId"]) == m.APIID && str(obj(s)["Stage"]) == m.Stage {
				onStage = true
			}
		}
		if !onStage {
			continue
		}
		p := &UsagePlan{ID: r.Ref, Name: r.String("UsagePlanName")}
		if p.Name == "" {
			p.Name = r.ConstructID()
		}
		th := obj(r.Properties["Throttle"])
		p.Rate, p.Burst = number(th["RateLimit"]), int(number(th["BurstLimit"]))
		q := obj(r.Properties["Quota"])
		p.QuotaLimit, p.QuotaPeriod = int(number(q["Limit"])), strings.ToUpper(str(q["Period"]))
		if l, ok := opts.PlanLimits[p.Name]; ok {
			p.Rate, p.Burst, p.QuotaLimit, p.QuotaPeriod = l.Rate, l.Burst, l.QuotaLimit, strings.ToUpper(l.QuotaPeriod)
		}
		plans[p.ID] = p
		m.Plans = append(m.Plans, p)
	}
	for _, r := range t.ByType("AWS::ApiGateway::UsagePlanKey") {
		p, k := plans[r.String("UsagePlanId")], keys[r.String("KeyId")]
		if p == nil {
			continue
		}
		if k == nil {
			return fmt.Errorf("gateway: usage plan key %s: unknown key %q", r.LogicalID, r.String("KeyId"))
		}
		p.Keys = append(p.Keys, k)
	}
	return nil
}

// PlanKeys maps each usage plan's name to the value of its first API key.
func (m *Model) PlanKeys() map[string]string {
	out := map[string]string{}
	for _, p := range m.Plans {
		if len(p.Keys) > 0 {
			out[p.Name] = p.Keys[0].Value
		}
	}
	return out
}

// Methods lists every method of the API, ordered by resource path then
// HTTP method.
func (m *Model) Methods() []*Method {
	var out []*Method
	var walk func(n *Node)
	walk = func(n *Node) {
		names := make([]string, 0, len(n.Methods))
		for k := range n.Methods {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			out = append(out, n.Methods[k])
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(m.Root)
	return out
}

const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// randomKey returns a 40-character value shaped like API Gateway's keys.
func randomKey() string {
	b := make([]byte, 40)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = keyAlphabet[int(b[i])%len(keyAlphabet)]
	}
	return string(b)
}

func stringMap(v any) map[string]string {
	out := map[string]string{}
	for k, e := range obj(v) {
		out[k] = str(e)
	}
	return out
}
