package cfn

import (
	"crypto/rand"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"apigwdirect/pkg/gateway/apidef"
)

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
	PlanLimits map[string]apidef.Limits
}

// Build turns a resolved template into the Model of one stage of its REST
// API. The template must hold exactly one AWS::ApiGateway::RestApi.
func Build(t *Template, opts BuildOptions) (*apidef.Model, error) {
	apis := t.ByType("AWS::ApiGateway::RestApi")
	if len(apis) != 1 {
		return nil, fmt.Errorf("cfn: want one AWS::ApiGateway::RestApi, template has %d", len(apis))
	}
	api := apis[0]
	m := &apidef.Model{
		APIID: api.Ref, Name: api.String("Name"), APIKeySource: api.String("ApiKeySourceType"),
		GatewayResponses: map[string]*apidef.GatewayResponse{},
		Region:           t.Region, AccountID: t.AccountID, Partition: t.Partition,
	}
	if m.APIKeySource == "" {
		m.APIKeySource = "HEADER"
	}
	onAPI := func(r *Resource) bool { return str(r.Properties["RestApiId"]) == m.APIID }

	if err := buildStage(m, t, opts, onAPI); err != nil {
		return nil, err
	}
	if err := buildTree(m, t, onAPI); err != nil {
		return nil, err
	}
	for _, r := range t.ByType("AWS::ApiGateway::GatewayResponse") {
		if !onAPI(r) {
			continue
		}
		status, _ := strconv.Atoi(r.String("StatusCode"))
		gr := &apidef.GatewayResponse{Type: r.String("ResponseType"), StatusCode: status,
			Templates: stringMap(r.Properties["ResponseTemplates"]), Parameters: stringMap(r.Properties["ResponseParameters"])}
		m.GatewayResponses[gr.Type] = gr
	}
	if err := buildPlans(m, t, opts); err != nil {
		return nil, err
	}
	return m, nil
}

func buildStage(m *apidef.Model, t *Template, opts BuildOptions, onAPI func(*Resource) bool) error {
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
		return fmt.Errorf("cfn: name a stage; the template has %v", names)
	case stage == nil:
		return fmt.Errorf("cfn: no stage %q in the template (it has %v)", opts.Stage, names)
	}
	m.Stage = stage.String("StageName")
	m.StageVariables = stringMap(stage.Properties["Variables"])
	for k, v := range opts.StageVariables {
		m.StageVariables[k] = v
	}
	return nil
}

func buildTree(m *apidef.Model, t *Template, onAPI func(*Resource) bool) error {
	m.Root = &apidef.Node{ID: rootResourceID(m.APIID), Path: "/", Methods: map[string]*apidef.Method{}}
	nodes := map[string]*apidef.Node{m.Root.ID: m.Root}
	var resources []*Resource
	for _, r := range t.ByType("AWS::ApiGateway::Resource") {
		if onAPI(r) {
			nodes[r.Ref] = &apidef.Node{ID: r.Ref, PathPart: r.String("PathPart"), Methods: map[string]*apidef.Method{}}
			resources = append(resources, r)
		}
	}
	for _, r := range resources {
		parent, ok := nodes[r.String("ParentId")]
		if !ok {
			return fmt.Errorf("cfn: resource %s: unknown parent %q", r.LogicalID, r.String("ParentId"))
		}
		parent.Children = append(parent.Children, nodes[r.Ref])
	}
	var setPaths func(n *apidef.Node, prefix string)
	setPaths = func(n *apidef.Node, prefix string) {
		if n != m.Root {
			n.Path = strings.TrimSuffix(prefix, "/") + "/" + n.PathPart
		}
		sort.Slice(n.Children, func(i, j int) bool { return n.Children[i].PathPart < n.Children[j].PathPart })
		for _, c := range n.Children {
			setPaths(c, n.Path)
		}
	}
	setPaths(m.Root, "")

	authorizers := map[string]*apidef.Authorizer{}
	for _, r := range t.ByType("AWS::ApiGateway::Authorizer") {
		if onAPI(r) {
			a, err := buildAuthorizer(t, r)
			if err != nil {
				return err
			}
			authorizers[r.Ref] = a
		}
	}
	validators := map[string]*apidef.Validator{}
	for _, r := range t.ByType("AWS::ApiGateway::RequestValidator") {
		if onAPI(r) {
			validators[r.Ref] = &apidef.Validator{Name: r.String("Name"),
				ValidateRequestBody: boolean(r.Properties["ValidateRequestBody"]), ValidateRequestParameters: boolean(r.Properties["ValidateRequestParameters"])}
		}
	}
	models := map[string]*apidef.SchemaModel{}
	for _, r := range t.ByType("AWS::ApiGateway::Model") {
		if onAPI(r) {
			schema, err := jsonBytes(r.Properties["Schema"])
			if err != nil {
				return fmt.Errorf("cfn: model %s: %w", r.LogicalID, err)
			}
			models[r.Ref] = &apidef.SchemaModel{Name: r.Ref, ContentType: r.String("ContentType"), Schema: schema}
		}
	}
	for _, r := range t.ByType("AWS::ApiGateway::Method") {
		if !onAPI(r) {
			continue
		}
		node, ok := nodes[r.String("ResourceId")]
		if !ok {
			return fmt.Errorf("cfn: method %s: unknown resource %q", r.LogicalID, r.String("ResourceId"))
		}
		meth, err := buildMethod(t, r, node, authorizers, validators, models)
		if err != nil {
			return fmt.Errorf("cfn: method %s: %w", r.LogicalID, err)
		}
		node.Methods[meth.HTTPMethod] = meth
	}
	return nil
}

func buildAuthorizer(t *Template, r *Resource) (*apidef.Authorizer, error) {
	a := &apidef.Authorizer{ID: r.Ref, Name: r.String("Name"), Type: r.String("Type")}
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
		// A URI naming no function of the template leaves Function empty:
		// the gateway answers the methods it guards with 500, and serves
		// the others.
		a.Function, _ = functionOf(t, r.String("AuthorizerUri"))
		a.IdentityValidationExpression = r.String("IdentityValidationExpression")
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
	}
	// An authorizer of another type, or a user-pool authorizer naming no
	// pool of the template, is left to the gateway, which answers the
	// methods it guards with 500 and serves the others.
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

func buildMethod(t *Template, r *Resource, node *apidef.Node, authorizers map[string]*apidef.Authorizer,
	validators map[string]*apidef.Validator, models map[string]*apidef.SchemaModel) (*apidef.Method, error) {
	meth := &apidef.Method{
		HTTPMethod: strings.ToUpper(r.String("HttpMethod")), ResourcePath: node.Path, ResourceID: node.ID,
		AuthorizationType: r.String("AuthorizationType"), APIKeyRequired: boolean(r.Properties["ApiKeyRequired"]),
		RequestModels: map[string]*apidef.SchemaModel{}, RequestParameters: map[string]bool{},
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
	integ := &apidef.Integration{
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
	integ.HTTPMethod = strings.ToUpper(str(in["IntegrationHttpMethod"]))
	integ.RequestParameters = stringMap(in["RequestParameters"])
	// The function of a Lambda integration (AWS_PROXY, or AWS with the
	// lambda service); "" when the URI names none of the template, and an
	// integration the gateway cannot run is its concern: one such method
	// never stops the others from being served.
	if integ.Type == "AWS_PROXY" || integ.Type == "AWS" {
		integ.Function, _ = functionOf(t, integ.URI)
	}
	for _, e := range list(in["IntegrationResponses"]) {
		ir := obj(e)
		status, err := strconv.Atoi(str(ir["StatusCode"]))
		if err != nil {
			return nil, fmt.Errorf("integration response status %q: %w", str(ir["StatusCode"]), err)
		}
		resp := &apidef.IntegrationResponse{SelectionPattern: str(ir["SelectionPattern"]), StatusCode: status,
			Templates: stringMap(ir["ResponseTemplates"]), Parameters: stringMap(ir["ResponseParameters"])}
		if resp.SelectionPattern != "" {
			p, err := apidef.CompilePattern(resp.SelectionPattern)
			if err != nil {
				return nil, err
			}
			resp.Pattern = p
		}
		integ.Responses = append(integ.Responses, resp)
	}
	meth.Integration = integ
	return meth, nil
}

func buildPlans(m *apidef.Model, t *Template, opts BuildOptions) error {
	keys := map[string]*apidef.APIKey{}
	for _, r := range t.ByType("AWS::ApiGateway::ApiKey") {
		k := &apidef.APIKey{ID: r.Ref, Name: r.String("Name"), Value: r.String("Value"), Enabled: true}
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
	plans := map[string]*apidef.UsagePlan{}
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
		p := &apidef.UsagePlan{ID: r.Ref, Name: r.String("UsagePlanName")}
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
			return fmt.Errorf("cfn: usage plan key %s: unknown key %q", r.LogicalID, r.String("KeyId"))
		}
		p.Keys = append(p.Keys, k)
	}
	return nil
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
