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
	"apigwdirect/pkg/gateway/openapi"
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
// API. The API is declared with AWS::ApiGateway::* resources, an OpenAPI
// Body on the RestApi (package openapi), or both; resources and methods
// are found by type and by the references between them, never by name.
//
// The stage is opts.Stage, or the template's only stage when empty (see
// stages); with several, the error lists them. A template with an
// untransformed AWS::Serverless::* resource, a RestApi with a
// BodyS3Location, or an unresolved value in what the API itself needs
// (the RestApi, its stage, its resource tree) is an error naming it. A
// method the local API cannot run is no error: it is kept with its reason
// in Method.Unsupported (an unresolved value in the method, another AWS
// service, an authorizer it cannot run).
func Build(t *Template, opts BuildOptions) (*apidef.Model, error) {
	if err := checkServerless(t); err != nil {
		return nil, err
	}
	apis := t.ByType("AWS::ApiGateway::RestApi")
	if len(apis) == 0 {
		return nil, fmt.Errorf("the template has no AWS::ApiGateway::RestApi")
	}
	decls, err := stages(t, apis)
	if err != nil {
		return nil, err
	}
	stage, err := pickStage(decls, opts.Stage)
	if err != nil {
		return nil, err
	}
	api := stage.api
	if err := api.Err("Name", "ApiKeySourceType", "BinaryMediaTypes", "Body", "Parameters"); err != nil {
		return nil, err
	}
	if api.Properties["BodyS3Location"] != nil {
		return nil, fmt.Errorf("%s: BodyS3Location: a definition stored in S3 cannot be read locally; put it in Body", api.LogicalID)
	}
	m := &apidef.Model{
		APIID: api.Ref, Name: api.String("Name"), APIKeySource: api.String("ApiKeySourceType"),
		BinaryMediaTypes: strs(api.Properties["BinaryMediaTypes"]),
		GatewayResponses: map[string]*apidef.GatewayResponse{},
		Region:           t.Region, AccountID: t.AccountID, Partition: t.Partition,
		Stage: stage.name, StageVariables: stage.vars,
	}
	for k, v := range opts.StageVariables {
		m.StageVariables[k] = v
	}
	onAPI := func(r *Resource) bool { return str(r.Properties["RestApiId"]) == m.APIID }

	m.Root = &apidef.Node{ID: rootResourceID(m.APIID), Path: "/", Methods: map[string]*apidef.Method{}}
	if body := api.Properties["Body"]; body != nil {
		if err := buildBody(m, t, api, body); err != nil {
			return nil, err
		}
	}
	if m.APIKeySource == "" {
		m.APIKeySource = "HEADER"
	}
	if err := buildTree(m, t, onAPI); err != nil {
		return nil, err
	}
	for _, r := range t.ByType("AWS::ApiGateway::GatewayResponse") {
		if !onAPI(r) {
			continue
		}
		if err := r.Err(); err != nil {
			return nil, err
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

// checkServerless refuses a template that still holds AWS::Serverless::*
// resources: they exist only before the AWS::Serverless transform runs.
func checkServerless(t *Template) error {
	var sam []string
	for _, r := range t.sorted() {
		if strings.HasPrefix(r.Type, "AWS::Serverless::") {
			sam = append(sam, r.LogicalID+" ("+r.Type+")")
		}
	}
	if len(sam) == 0 {
		return nil
	}
	return fmt.Errorf("untransformed AWS::Serverless resources %s: serve the processed template "+
		"(for a deployed stack, `aws cloudformation get-template --template-stage Processed`)", strings.Join(sam, ", "))
}

// buildBody reads the RestApi's OpenAPI Body into the model. The
// RestApi's Parameters "basepath" is the import's base-path mode;
// ApiKeySourceType and BinaryMediaTypes set on the RestApi win over the
// definition's extensions.
func buildBody(m *apidef.Model, t *Template, api *Resource, body any) error {
	if s, ok := body.(string); ok {
		doc, err := Decode([]byte(s))
		if err != nil {
			return fmt.Errorf("%s: Body: %w", api.LogicalID, err)
		}
		body = doc
	}
	doc := obj(body)
	if doc == nil {
		return fmt.Errorf("%s: Body is not an OpenAPI definition", api.LogicalID)
	}
	def, err := openapi.Build(doc, openapi.Options{
		RootID:   m.Root.ID,
		BasePath: str(obj(api.Properties["Parameters"])["basepath"]),
		Function: func(uri string) string { return functionOf(t, uri) },
		UserPools: func(arns []string) ([]string, error) {
			return userPoolsOf(t, arns)
		},
	})
	if err != nil {
		return fmt.Errorf("%s: Body: %w", api.LogicalID, err)
	}
	m.Root = def.Root
	if m.Name == "" {
		m.Name = def.Title
	}
	if m.APIKeySource == "" {
		m.APIKeySource = def.APIKeySource
	}
	if len(m.BinaryMediaTypes) == 0 {
		m.BinaryMediaTypes = def.BinaryMediaTypes
	}
	for k, v := range def.GatewayResponses {
		m.GatewayResponses[k] = v
	}
	return nil
}

func buildTree(m *apidef.Model, t *Template, onAPI func(*Resource) bool) error {
	nodes := map[string]*apidef.Node{}
	var index func(n *apidef.Node)
	index = func(n *apidef.Node) {
		nodes[n.ID] = n
		for _, c := range n.Children {
			index(c)
		}
	}
	index(m.Root)
	var resources []*Resource
	for _, r := range t.ByType("AWS::ApiGateway::Resource") {
		if onAPI(r) {
			if err := r.Err("PathPart", "ParentId"); err != nil {
				return err
			}
			nodes[r.Ref] = &apidef.Node{ID: r.Ref, PathPart: r.String("PathPart"), Methods: map[string]*apidef.Method{}}
			resources = append(resources, r)
		}
	}
	for _, r := range resources {
		parent, ok := nodes[r.String("ParentId")]
		if !ok {
			return fmt.Errorf("resource %s: unknown parent %q", r.LogicalID, r.String("ParentId"))
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
	for _, n := range nodes {
		for _, meth := range n.Methods {
			meth.ResourcePath = n.Path
		}
	}

	authorizers := map[string]*authorizer{}
	for _, r := range t.ByType("AWS::ApiGateway::Authorizer") {
		if onAPI(r) {
			authorizers[r.Ref] = buildAuthorizer(t, r)
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
			if err := r.Err("Schema"); err != nil {
				return err
			}
			schema, err := jsonBytes(r.Properties["Schema"])
			if err != nil {
				return fmt.Errorf("model %s: %w", r.LogicalID, err)
			}
			models[r.Ref] = &apidef.SchemaModel{Name: r.Ref, ContentType: r.String("ContentType"), Schema: schema}
		}
	}
	for _, r := range t.ByType("AWS::ApiGateway::Method") {
		if !onAPI(r) {
			continue
		}
		if err := r.Err("ResourceId", "HttpMethod"); err != nil {
			return err
		}
		node, ok := nodes[r.String("ResourceId")]
		if !ok {
			return fmt.Errorf("method %s: unknown resource %q", r.LogicalID, r.String("ResourceId"))
		}
		meth, err := buildMethod(t, r, node, authorizers, validators, models)
		if err != nil {
			return fmt.Errorf("method %s: %w", r.LogicalID, err)
		}
		node.Methods[meth.HTTPMethod] = meth
	}
	return nil
}

// authorizer is a template's authorizer and, when the local API cannot
// run it, why.
type authorizer struct {
	a   *apidef.Authorizer
	gap string
}

func buildAuthorizer(t *Template, r *Resource) *authorizer {
	a := &apidef.Authorizer{ID: r.Ref, Name: r.String("Name"), Type: r.String("Type"),
		IdentityValidationExpression: r.String("IdentityValidationExpression")}
	out := &authorizer{a: a}
	if err := r.Err(); err != nil {
		out.gap = err.Error()
		return out
	}
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
		a.Function = functionOf(t, r.String("AuthorizerUri"))
		if a.Function == "" {
			out.gap = fmt.Sprintf("authorizer %s: the Lambda function of %q is not in the template", r.LogicalID, r.String("AuthorizerUri"))
		}
	case "COGNITO_USER_POOLS":
		if len(a.IdentitySources) == 0 {
			a.IdentitySources = []string{"method.request.header.Authorization"}
		}
		pools, err := userPoolsOf(t, strs(r.Properties["ProviderARNs"]))
		a.UserPools = pools
		if err != nil {
			out.gap = fmt.Sprintf("authorizer %s: %v", r.LogicalID, err)
		}
	default:
		out.gap = fmt.Sprintf("authorizer %s: type %q is not supported", r.LogicalID, a.Type)
	}
	return out
}

// userPoolsOf maps Cognito user-pool ARNs to the ids of the template's
// pools (their construct id, else logical id).
func userPoolsOf(t *Template, arns []string) ([]string, error) {
	var out []string
	for _, arn := range arns {
		id := arn[strings.LastIndex(arn, "/")+1:]
		found := false
		for _, p := range t.ByType("AWS::Cognito::UserPool") {
			if p.Ref == id {
				out = append(out, p.ConstructID())
				found = true
			}
		}
		if !found {
			return out, fmt.Errorf("user pool %q is not in the template", arn)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no user pool in ProviderARNs")
	}
	return out, nil
}

var functionInURI = regexp.MustCompile(`functions/arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:/]+)(:[^/]*)?/invocations`)

// functionOf is the id of the template's Lambda function a Lambda
// integration or authorizer URI invokes (its construct id, else its
// logical id), "" when the URI names none of them.
func functionOf(t *Template, uri string) string {
	m := functionInURI.FindStringSubmatch(uri)
	if m == nil {
		return ""
	}
	for _, f := range t.ByType("AWS::Lambda::Function") {
		if f.Ref == m[1] {
			return f.ConstructID()
		}
	}
	return ""
}

func buildMethod(t *Template, r *Resource, node *apidef.Node, authorizers map[string]*authorizer,
	validators map[string]*apidef.Validator, models map[string]*apidef.SchemaModel) (*apidef.Method, error) {
	meth := &apidef.Method{
		HTTPMethod: strings.ToUpper(r.String("HttpMethod")), ResourcePath: node.Path, ResourceID: node.ID,
		OperationName:     r.String("OperationName"),
		AuthorizationType: r.String("AuthorizationType"), APIKeyRequired: boolean(r.Properties["ApiKeyRequired"]),
		RequestModels: map[string]*apidef.SchemaModel{}, RequestParameters: map[string]bool{},
	}
	var gaps []string
	if err := r.Err(); err != nil {
		gaps = append(gaps, err.Error())
	}
	if meth.AuthorizationType == "" {
		meth.AuthorizationType = "NONE"
	}
	if id := r.String("AuthorizerId"); id != "" {
		a, ok := authorizers[id]
		if !ok {
			return nil, fmt.Errorf("unknown authorizer %q", id)
		}
		meth.Authorizer = a.a
		if a.gap != "" {
			gaps = append(gaps, a.gap)
		}
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
	integ, err := buildIntegration(t, obj(r.Properties["Integration"]))
	if err != nil {
		return nil, err
	}
	meth.SetIntegration(integ, gaps)
	return meth, nil
}

// buildIntegration reads a Method's Integration property
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigateway-method-integration.html).
func buildIntegration(t *Template, in map[string]any) (*apidef.Integration, error) {
	integ := &apidef.Integration{
		Type: strings.ToUpper(str(in["Type"])), URI: str(in["Uri"]), HTTPMethod: strings.ToUpper(str(in["IntegrationHttpMethod"])),
		RequestTemplates: stringMap(in["RequestTemplates"]), PassthroughBehavior: strings.ToUpper(str(in["PassthroughBehavior"])),
		RequestParameters: stringMap(in["RequestParameters"]), Credentials: str(in["Credentials"]),
		ContentHandling: str(in["ContentHandling"]), ConnectionType: strings.ToUpper(str(in["ConnectionType"])),
	}
	integ.Complete(int(number(in["TimeoutInMillis"])), func(uri string) string { return functionOf(t, uri) })
	for _, e := range list(in["IntegrationResponses"]) {
		ir := obj(e)
		status, err := strconv.Atoi(str(ir["StatusCode"]))
		if err != nil {
			return nil, fmt.Errorf("integration response status %q: %w", str(ir["StatusCode"]), err)
		}
		resp := &apidef.IntegrationResponse{SelectionPattern: str(ir["SelectionPattern"]), StatusCode: status,
			Templates: stringMap(ir["ResponseTemplates"]), Parameters: stringMap(ir["ResponseParameters"]),
			ContentHandling: str(ir["ContentHandling"])}
		if resp.SelectionPattern != "" {
			p, err := apidef.CompilePattern(resp.SelectionPattern)
			if err != nil {
				return nil, err
			}
			resp.Pattern = p
		}
		integ.Responses = append(integ.Responses, resp)
	}
	return integ, nil
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
