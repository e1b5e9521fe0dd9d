package cfn

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// resolver evaluates the intrinsic functions of one template against local
// values: pseudo parameters, parameter defaults and synthetic physical ids.
type resolver struct {
	region, account, stack string
	params                 map[string]string
	resources              map[string]*Resource
}

func newResolver(opts LoadOptions) *resolver {
	r := &resolver{region: opts.Region, account: opts.AccountID, stack: opts.StackName, params: map[string]string{}}
	if r.region == "" {
		r.region = "us-east-1"
	}
	if r.account == "" {
		r.account = "123456789012"
	}
	if r.stack == "" {
		r.stack = "local"
	}
	return r
}

// APIID is the local id of a REST API resource: ten lowercase characters
// derived from its logical id, shaped like a real API id.
func APIID(logicalID string) string {
	sum := sha256.Sum256([]byte(logicalID))
	return hex.EncodeToString(sum[:])[:10]
}

// refOf is the local physical id a Ref to the resource yields.
func (r *resolver) refOf(res *Resource) (string, error) {
	named := func(prop string) string {
		if s, ok := res.Properties[prop].(string); ok && s != "" {
			return s
		}
		return res.LogicalID
	}
	switch res.Type {
	case "AWS::ApiGateway::RestApi":
		return APIID(res.LogicalID), nil
	case "AWS::ApiGateway::Stage":
		return named("StageName"), nil
	case "AWS::DynamoDB::Table":
		return named("TableName"), nil
	case "AWS::Lambda::Function":
		return named("FunctionName"), nil
	case "AWS::IAM::Role":
		return named("RoleName"), nil
	case "AWS::Lambda::Alias":
		fn, err := r.resolve(res.Properties["FunctionName"])
		if err != nil {
			return "", err
		}
		name := str(fn)
		if !strings.HasPrefix(name, "arn:") {
			name = r.arn("lambda", "function:"+name)
		}
		return name + ":" + str(res.Properties["Name"]), nil
	case "AWS::Cognito::UserPool":
		return r.region + "_" + strings.ToUpper(APIID(res.LogicalID))[:9], nil
	case "AWS::Cognito::UserPoolClient":
		return APIID("client/" + res.LogicalID), nil
	case "AWS::ApiGateway::Model":
		return named("Name"), nil
	}
	return res.LogicalID, nil
}

func (r *resolver) arn(service, resource string) string {
	return "arn:aws:" + service + ":" + r.region + ":" + r.account + ":" + resource
}

func (r *resolver) getAtt(id, attr string) (string, error) {
	res, ok := r.resources[id]
	if !ok {
		return "", fmt.Errorf("Fn::GetAtt: no resource %q", id)
	}
	switch {
	case res.Type == "AWS::ApiGateway::RestApi" && attr == "RootResourceId":
		return rootResourceID(res.Ref), nil
	case res.Type == "AWS::Lambda::Function" && attr == "Arn":
		return r.arn("lambda", "function:"+res.Ref), nil
	case res.Type == "AWS::DynamoDB::Table" && attr == "Arn":
		return "arn:aws:dynamodb:" + r.region + ":" + r.account + ":table/" + res.Ref, nil
	case res.Type == "AWS::IAM::Role" && attr == "Arn":
		return "arn:aws:iam::" + r.account + ":role/" + res.Ref, nil
	case res.Type == "AWS::Cognito::UserPool" && attr == "Arn":
		return r.arn("cognito-idp", "userpool/"+res.Ref), nil
	case res.Type == "AWS::Cognito::UserPool" && attr == "ProviderName":
		return "cognito-idp." + r.region + ".amazonaws.com/" + res.Ref, nil
	case res.Type == "AWS::Cognito::UserPool" && attr == "ProviderURL":
		return "https://cognito-idp." + r.region + ".amazonaws.com/" + res.Ref, nil
	case attr == "Arn":
		return r.arn(serviceOf(res.Type), res.Ref), nil
	}
	return id + "." + attr, nil
}

func serviceOf(typ string) string {
	parts := strings.Split(typ, "::")
	if len(parts) < 2 {
		return "local"
	}
	return strings.ToLower(parts[1])
}

func rootResourceID(apiID string) string { return apiID + "-root" }

func (r *resolver) ref(name string) (string, error) {
	switch name {
	case "AWS::Region":
		return r.region, nil
	case "AWS::AccountId":
		return r.account, nil
	case "AWS::Partition":
		return "aws", nil
	case "AWS::URLSuffix":
		return "amazonaws.com", nil
	case "AWS::StackName":
		return r.stack, nil
	case "AWS::StackId":
		return r.arn("cloudformation", "stack/"+r.stack+"/local"), nil
	case "AWS::NoValue":
		return "", nil
	}
	if v, ok := r.params[name]; ok {
		return v, nil
	}
	if res, ok := r.resources[name]; ok {
		return res.Ref, nil
	}
	return "", fmt.Errorf("intrinsic Ref: no resource or parameter %q", name)
}

// resolve returns v with every intrinsic function evaluated.
func (r *resolver) resolve(v any) (any, error) {
	switch x := v.(type) {
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			ev, err := r.resolve(e)
			if err != nil {
				return nil, err
			}
			out = append(out, ev)
		}
		return out, nil
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				if k == "Ref" || strings.HasPrefix(k, "Fn::") {
					return r.intrinsic(k, arg)
				}
			}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			ev, err := r.resolve(e)
			if err != nil {
				return nil, err
			}
			out[k] = ev
		}
		return out, nil
	}
	return v, nil
}

func (r *resolver) intrinsic(fn string, arg any) (any, error) {
	switch fn {
	case "Ref":
		return r.ref(str(arg))
	case "Fn::GetAtt":
		var id, attr string
		switch a := arg.(type) {
		case []any:
			if len(a) != 2 {
				return nil, fmt.Errorf("Fn::GetAtt: want [id, attribute], got %v", a)
			}
			id, attr = str(a[0]), str(a[1])
		case string:
			id, attr, _ = strings.Cut(a, ".")
		}
		return r.getAtt(id, attr)
	case "Fn::Join":
		l, err := r.pair(fn, arg, "[delimiter, list]")
		if err != nil {
			return nil, err
		}
		parts := make([]string, 0, len(list(l[1])))
		for _, p := range list(l[1]) {
			parts = append(parts, str(p))
		}
		return strings.Join(parts, str(l[0])), nil
	case "Fn::Select":
		l, err := r.pair(fn, arg, "[index, list]")
		if err != nil {
			return nil, err
		}
		i, err := strconv.Atoi(str(l[0]))
		items := list(l[1])
		if err != nil || i < 0 || i >= len(items) {
			return nil, fmt.Errorf("Fn::Select: index %v out of range", l[0])
		}
		return items[i], nil
	case "Fn::Split":
		l, err := r.pair(fn, arg, "[delimiter, string]")
		if err != nil {
			return nil, err
		}
		var out []any
		for _, p := range strings.Split(str(l[1]), str(l[0])) {
			out = append(out, p)
		}
		return out, nil
	case "Fn::Sub":
		return r.sub(arg)
	case "Fn::Base64":
		a, err := r.resolve(arg)
		if err != nil {
			return nil, err
		}
		return str(a), nil
	}
	return nil, fmt.Errorf("unsupported intrinsic function %s", fn)
}

var subVar = regexp.MustCompile(`\$\{([^}]*)\}`)

// sub evaluates Fn::Sub. Variables that are neither in the variable map nor a
// resource, attribute or parameter are left as written, so API Gateway's own
// ${stageVariables.x} survives for request-time substitution; ${!x} is a
// literal ${x}.
func (r *resolver) sub(arg any) (any, error) {
	var tmpl string
	vars := map[string]string{}
	switch a := arg.(type) {
	case string:
		tmpl = a
	case []any:
		if len(a) != 2 {
			return nil, fmt.Errorf("Fn::Sub: want string or [string, map]")
		}
		tmpl = str(a[0])
		m, err := r.resolve(a[1])
		if err != nil {
			return nil, err
		}
		for k, v := range obj(m) {
			vars[k] = str(v)
		}
	default:
		return nil, fmt.Errorf("Fn::Sub: want string or [string, map]")
	}
	var firstErr error
	out := subVar.ReplaceAllStringFunc(tmpl, func(m string) string {
		name := m[2 : len(m)-1]
		if strings.HasPrefix(name, "!") {
			return "${" + name[1:] + "}"
		}
		if v, ok := vars[name]; ok {
			return v
		}
		if id, attr, ok := strings.Cut(name, "."); ok {
			if _, exists := r.resources[id]; exists {
				v, err := r.getAtt(id, attr)
				if err != nil && firstErr == nil {
					firstErr = err
				}
				return v
			}
			return m
		}
		v, err := r.ref(name)
		if err != nil {
			return m
		}
		return v
	})
	if firstErr != nil {
		return nil, fmt.Errorf("Fn::Sub: %w", firstErr)
	}
	return out, nil
}

// pair resolves the argument of fn, which must be a list of two items
// (want describes them for the error).
func (r *resolver) pair(fn string, arg any, want string) ([]any, error) {
	a, err := r.resolve(arg)
	if err != nil {
		return nil, err
	}
	l := list(a)
	if len(l) != 2 {
		return nil, fmt.Errorf("%s: want %s", fn, want)
	}
	return l, nil
}
