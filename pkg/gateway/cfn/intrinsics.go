package cfn

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// resolver evaluates the intrinsic functions of one template against local
// values: pseudo parameters, parameter values and synthetic physical ids.
// Nothing it cannot evaluate is an error: it yields an unresolved value
// (see unresolved) that surfaces only where the model reads it.
type resolver struct {
	region, account, partition, stack string
	// params are parameter values: a string, a []any (list types) or an
	// unresolved value.
	params     map[string]any
	mappings   map[string]any
	conditions map[string]any
	condMemo   map[string]bool
	condBusy   map[string]bool
	// resources are the resources created (their Condition holds);
	// dropped names the others with the condition that left them out.
	resources map[string]*Resource
	dropped   map[string]string
	raw       map[string]map[string]any // unresolved properties by logical id
	refMemo   map[string]any
	refBusy   map[string]bool
}

func newResolver(opts LoadOptions) *resolver {
	r := &resolver{region: opts.Region, account: opts.AccountID, stack: opts.StackName, partition: "aws",
		params: map[string]any{}, condMemo: map[string]bool{}, condBusy: map[string]bool{},
		resources: map[string]*Resource{}, dropped: map[string]string{}, raw: map[string]map[string]any{},
		refMemo: map[string]any{}, refBusy: map[string]bool{}}
	if r.region == "" {
		r.region = "us-east-1"
	}
	if r.account == "" {
		r.account = "123456789012"
	}
	if r.stack == "" {
		r.stack = "local"
	}
	switch {
	case strings.HasPrefix(r.region, "cn-"):
		r.partition = "aws-cn"
	case strings.HasPrefix(r.region, "us-gov-"):
		r.partition = "aws-us-gov"
	}
	return r
}

// APIID is the local id of a REST API resource: ten lowercase characters
// derived from its logical id, shaped like a real API id.
func APIID(logicalID string) string {
	sum := sha256.Sum256([]byte(logicalID))
	return hex.EncodeToString(sum[:])[:10]
}

// localID is a short stable id for resources whose Ref is a generated id
// (a resource, an authorizer, a deployment...), derived from the logical id.
func localID(logicalID string) string { return APIID("id/" + logicalID)[:6] }

// refOf is what {"Ref": id} yields for a resource of the template: its
// local physical id, computed once. Which property names a resource, and
// which types return an ARN or a URL, follows the "Return values" section
// of each type's page in the CloudFormation resource reference
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-template-resource-type-ref.html).
func (r *resolver) refOf(id string) any {
	if v, ok := r.refMemo[id]; ok {
		return v
	}
	res, ok := r.resources[id]
	if !ok {
		return r.missing(id)
	}
	if r.refBusy[id] {
		return failed("Ref %s: circular reference", id)
	}
	r.refBusy[id] = true
	defer delete(r.refBusy, id)
	v := r.computeRef(res)
	r.refMemo[id] = v
	return v
}

// named resolves the property that names a resource, else its logical id.
func (r *resolver) named(res *Resource, prop string) any {
	raw, ok := r.raw[res.LogicalID][prop]
	if !ok {
		return res.LogicalID
	}
	v := r.resolve(raw)
	if s, isStr := v.(string); isStr && s == "" {
		return res.LogicalID
	}
	if _, isU := v.(unresolved); isU {
		return v
	}
	return str(v)
}

// nameProperty is, for the types whose Ref is their name, the property that
// names them (the logical id when it is absent).
var nameProperty = map[string]string{
	"AWS::ApiGateway::Stage": "StageName", "AWS::ApiGateway::Model": "Name",
	"AWS::DynamoDB::Table": "TableName", "AWS::DynamoDB::GlobalTable": "TableName",
	"AWS::Lambda::Function": "FunctionName", "AWS::IAM::Role": "RoleName",
	"AWS::S3::Bucket": "BucketName", "AWS::Kinesis::Stream": "Name",
	"AWS::Logs::LogGroup": "LogGroupName", "AWS::Events::EventBus": "Name",
}

func (r *resolver) computeRef(res *Resource) any {
	if prop, ok := nameProperty[res.Type]; ok {
		return r.named(res, prop)
	}
	switch res.Type {
	case "AWS::ApiGateway::RestApi":
		return APIID(res.LogicalID)
	case "AWS::SQS::Queue":
		name := r.named(res, "QueueName")
		if u, bad := name.(unresolved); bad {
			return u
		}
		return "https://sqs." + r.region + ".amazonaws.com/" + r.account + "/" + str(name)
	case "AWS::SNS::Topic":
		name := r.named(res, "TopicName")
		if u, bad := name.(unresolved); bad {
			return u
		}
		return r.arn("sns", str(name))
	case "AWS::StepFunctions::StateMachine":
		name := r.named(res, "StateMachineName")
		if u, bad := name.(unresolved); bad {
			return u
		}
		return r.arn("states", "stateMachine:"+str(name))
	case "AWS::Lambda::Alias", "AWS::Lambda::Version":
		fn := r.resolve(r.raw[res.LogicalID]["FunctionName"])
		if u, bad := fn.(unresolved); bad {
			return u
		}
		name := str(fn)
		if !strings.HasPrefix(name, "arn:") {
			name = r.arn("lambda", "function:"+name)
		}
		if res.Type == "AWS::Lambda::Version" {
			return name + ":1"
		}
		return name + ":" + str(r.resolve(r.raw[res.LogicalID]["Name"]))
	case "AWS::Cognito::UserPool":
		return r.region + "_" + strings.ToUpper(APIID(res.LogicalID))[:9]
	case "AWS::Cognito::UserPoolClient":
		return APIID("client/" + res.LogicalID)
	case "AWS::ApiGateway::Resource", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Authorizer",
		"AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::UsagePlan", "AWS::ApiGateway::ApiKey":
		return localID(res.LogicalID)
	}
	return res.LogicalID
}

func (r *resolver) arn(service, resource string) string {
	return "arn:" + r.partition + ":" + service + ":" + r.region + ":" + r.account + ":" + resource
}

// missing is the unresolved value of a reference to a logical id that is
// not created: left out by its Condition, or not in the template at all.
func (r *resolver) missing(id string) unresolved {
	if c, ok := r.dropped[id]; ok {
		return failed("resource %s is not created: its condition %s is false", id, c)
	}
	return failed("no resource or parameter %q", id)
}

// getAtt is Fn::GetAtt of a resource of the template. The attributes known
// are those of each type's "Return values" (Fn::GetAtt) section in the
// CloudFormation resource reference; any other is unresolved.
func (r *resolver) getAtt(id, attr string) any {
	res, ok := r.resources[id]
	if !ok {
		return r.missing(id)
	}
	ref := r.refOf(id)
	if u, bad := ref.(unresolved); bad {
		return u
	}
	name := str(ref)
	switch res.Type + "." + attr {
	case "AWS::ApiGateway::RestApi.RootResourceId":
		return rootResourceID(name)
	case "AWS::ApiGateway::RestApi.RestApiId", "AWS::ApiGateway::Resource.ResourceId",
		"AWS::ApiGateway::Deployment.DeploymentId", "AWS::ApiGateway::Authorizer.AuthorizerId",
		"AWS::ApiGateway::RequestValidator.RequestValidatorId", "AWS::ApiGateway::ApiKey.APIKeyId",
		"AWS::ApiGateway::UsagePlan.Id", "AWS::Cognito::UserPool.UserPoolId",
		"AWS::Cognito::UserPoolClient.ClientId", "AWS::IAM::Role.RoleId", "AWS::Events::EventBus.Name",
		"AWS::StepFunctions::StateMachine.Name":
		if strings.HasPrefix(name, "arn:") {
			return name[strings.LastIndex(name, ":")+1:]
		}
		return name
	case "AWS::Lambda::Function.Arn":
		return r.arn("lambda", "function:"+name)
	case "AWS::Lambda::Alias.AliasArn", "AWS::Lambda::Version.FunctionArn", "AWS::SNS::Topic.TopicArn",
		"AWS::StepFunctions::StateMachine.Arn":
		return name
	case "AWS::Lambda::Version.Version":
		return "1"
	case "AWS::DynamoDB::Table.Arn", "AWS::DynamoDB::GlobalTable.Arn":
		return r.arn("dynamodb", "table/"+name)
	case "AWS::DynamoDB::Table.StreamArn", "AWS::DynamoDB::GlobalTable.StreamArn":
		return r.arn("dynamodb", "table/"+name+"/stream/1970-01-01T00:00:00.000")
	case "AWS::IAM::Role.Arn":
		return "arn:" + r.partition + ":iam::" + r.account + ":role/" + name
	case "AWS::Cognito::UserPool.Arn":
		return r.arn("cognito-idp", "userpool/"+name)
	case "AWS::Cognito::UserPool.ProviderName":
		return "cognito-idp." + r.region + ".amazonaws.com/" + name
	case "AWS::Cognito::UserPool.ProviderURL":
		return "https://cognito-idp." + r.region + ".amazonaws.com/" + name
	case "AWS::SQS::Queue.Arn":
		return r.arn("sqs", name[strings.LastIndex(name, "/")+1:])
	case "AWS::SQS::Queue.QueueName":
		return name[strings.LastIndex(name, "/")+1:]
	case "AWS::SQS::Queue.QueueUrl":
		return name
	case "AWS::SNS::Topic.TopicName":
		return name[strings.LastIndex(name, ":")+1:]
	case "AWS::S3::Bucket.Arn":
		return "arn:" + r.partition + ":s3:::" + name
	case "AWS::S3::Bucket.DomainName":
		return name + ".s3.amazonaws.com"
	case "AWS::S3::Bucket.RegionalDomainName":
		return name + ".s3." + r.region + ".amazonaws.com"
	case "AWS::Kinesis::Stream.Arn":
		return r.arn("kinesis", "stream/"+name)
	case "AWS::Logs::LogGroup.Arn":
		return r.arn("logs", "log-group:"+name+":*")
	case "AWS::Events::EventBus.Arn":
		return r.arn("events", "event-bus/"+name)
	}
	return failed("Fn::GetAtt %s.%s: attribute %s of %s is not known locally", id, attr, attr, res.Type)
}

func rootResourceID(apiID string) string { return apiID + "-root" }

// ref is {"Ref": name}: a pseudo parameter, a parameter or a resource.
func (r *resolver) ref(name string) any {
	switch name {
	case "AWS::Region":
		return r.region
	case "AWS::AccountId":
		return r.account
	case "AWS::Partition":
		return r.partition
	case "AWS::URLSuffix":
		if r.partition == "aws-cn" {
			return "amazonaws.com.cn"
		}
		return "amazonaws.com"
	case "AWS::StackName":
		return r.stack
	case "AWS::StackId":
		return r.arn("cloudformation", "stack/"+r.stack+"/00000000-0000-0000-0000-000000000000")
	case "AWS::NoValue":
		return noValue{}
	case "AWS::NotificationARNs":
		return []any{}
	}
	if v, ok := r.params[name]; ok {
		return v
	}
	return r.refOf(name)
}

// noValue is AWS::NoValue: the property or list element holding it is
// removed.
type noValue struct{}

// resolve returns v with every intrinsic function evaluated.
func (r *resolver) resolve(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, 0, len(x))
		for _, e := range x {
			if ev := r.resolve(e); ev != (noValue{}) {
				out = append(out, ev)
			}
		}
		return out
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				if k == "Ref" || strings.HasPrefix(k, "Fn::") {
					return r.intrinsic(k, arg)
				}
				if k == "Condition" {
					if name, ok := arg.(string); ok {
						if _, known := r.conditions[name]; known {
							b, err := r.cond(name)
							if err != nil {
								return unresolved{err}
							}
							return b
						}
					}
				}
			}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			if ev := r.resolve(e); ev != (noValue{}) {
				out[k] = ev
			}
		}
		return out
	}
	return v
}

// resolveArgs resolves an intrinsic's argument; the second result is the
// first unresolved value inside it, which the function then yields.
func (r *resolver) resolveArgs(arg any) (any, *unresolved) {
	v := r.resolve(arg)
	_, u := firstUnresolved(v, "")
	return v, u
}

func (r *resolver) intrinsic(fn string, arg any) any {
	switch fn {
	case "Ref":
		name, ok := arg.(string)
		if !ok {
			return failed("Ref: want a name, got %v", arg)
		}
		return r.ref(name)
	case "Fn::GetAtt":
		return r.getAttArg(arg)
	case "Fn::If":
		l := list(arg)
		if len(l) != 3 {
			return failed("Fn::If: want [condition, value if true, value if false]")
		}
		b, err := r.cond(str(l[0]))
		if err != nil {
			return unresolved{err}
		}
		if b {
			return r.resolve(l[1])
		}
		return r.resolve(l[2])
	case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or":
		b, err := r.condExpr(map[string]any{fn: arg})
		if err != nil {
			return unresolved{err}
		}
		return b
	case "Fn::ImportValue":
		v, _ := r.resolveArgs(arg)
		return failed("Fn::ImportValue %v: values exported by other stacks are not available locally", v)
	case "Fn::Transform":
		return failed("Fn::Transform %v: template macros are not applied locally; serve the processed template", str(obj(arg)["Name"]))
	}
	a, u := r.resolveArgs(arg)
	if u != nil {
		return *u
	}
	switch fn {
	case "Fn::Join":
		l := list(a)
		if len(l) != 2 {
			return failed("Fn::Join: want [delimiter, list]")
		}
		parts := make([]string, 0, len(list(l[1])))
		for _, p := range list(l[1]) {
			parts = append(parts, str(p))
		}
		return strings.Join(parts, str(l[0]))
	case "Fn::Select":
		l := list(a)
		if len(l) != 2 {
			return failed("Fn::Select: want [index, list]")
		}
		i, err := strconv.Atoi(str(l[0]))
		items := list(l[1])
		if err != nil || i < 0 || i >= len(items) {
			return failed("Fn::Select: index %v out of range of %d items", l[0], len(items))
		}
		return items[i]
	case "Fn::Split":
		l := list(a)
		if len(l) != 2 {
			return failed("Fn::Split: want [delimiter, string]")
		}
		var out []any
		for _, p := range strings.Split(str(l[1]), str(l[0])) {
			out = append(out, p)
		}
		return out
	case "Fn::Sub":
		return r.sub(arg)
	case "Fn::Base64":
		return base64.StdEncoding.EncodeToString([]byte(str(a)))
	case "Fn::FindInMap":
		return r.findInMap(a)
	case "Fn::GetAZs":
		region := str(a)
		if region == "" {
			region = r.region
		}
		return []any{region + "a", region + "b", region + "c"}
	case "Fn::Length":
		return json.Number(strconv.Itoa(len(list(a))))
	case "Fn::ToJsonString":
		b, err := json.Marshal(a)
		if err != nil {
			return failed("Fn::ToJsonString: %v", err)
		}
		return string(b)
	}
	return failed("intrinsic function %s is not supported locally", fn)
}

func (r *resolver) getAttArg(arg any) any {
	var id, attr string
	switch a := arg.(type) {
	case []any:
		if len(a) != 2 {
			return failed("Fn::GetAtt: want [resource, attribute], got %v", a)
		}
		v, u := r.resolveArgs(a[1])
		if u != nil {
			return *u
		}
		id, attr = str(a[0]), str(v)
	case string:
		id, attr, _ = strings.Cut(a, ".")
	default:
		return failed("Fn::GetAtt: want [resource, attribute], got %v", arg)
	}
	return r.getAtt(id, attr)
}

// findInMap is Fn::FindInMap [map, top key, second key], with the
// AWS::LanguageExtensions form's optional {"DefaultValue": v} fourth item.
func (r *resolver) findInMap(a any) any {
	l := list(a)
	if len(l) != 3 && len(l) != 4 {
		return failed("Fn::FindInMap: want [map, top-level key, second-level key]")
	}
	v, ok := obj(obj(r.mappings[str(l[0])])[str(l[1])])[str(l[2])]
	if !ok {
		if len(l) == 4 {
			if d, has := obj(l[3])["DefaultValue"]; has {
				return d
			}
		}
		return failed("Fn::FindInMap: no %s/%s/%s in Mappings", str(l[0]), str(l[1]), str(l[2]))
	}
	return v
}

var subVar = regexp.MustCompile(`\$\{([^}]*)\}`)

// sub evaluates Fn::Sub. Variables that are neither in the variable map nor
// a resource, attribute or parameter are left as written, so API Gateway's
// own ${stageVariables.x} survives for request-time substitution; ${!x} is
// a literal ${x}.
func (r *resolver) sub(arg any) any {
	var tmpl string
	vars := map[string]any{}
	switch a := arg.(type) {
	case string:
		tmpl = a
	case []any:
		if len(a) != 2 {
			return failed("Fn::Sub: want string or [string, map]")
		}
		tv, u := r.resolveArgs(a[0])
		if u != nil {
			return *u
		}
		tmpl = str(tv)
		for k, v := range obj(r.resolve(a[1])) {
			vars[k] = v
		}
	default:
		return failed("Fn::Sub: want string or [string, map]")
	}
	var bad *unresolved
	out := subVar.ReplaceAllStringFunc(tmpl, func(m string) string {
		name := m[2 : len(m)-1]
		if strings.HasPrefix(name, "!") {
			return "${" + name[1:] + "}"
		}
		var v any
		if val, ok := vars[name]; ok {
			v = val
		} else if id, attr, ok := strings.Cut(name, "."); ok {
			if _, exists := r.resources[id]; !exists {
				return m
			}
			v = r.getAtt(id, attr)
		} else if _, isParam := r.params[name]; isParam || r.resources[name] != nil || strings.HasPrefix(name, "AWS::") {
			v = r.ref(name)
		} else if _, gone := r.dropped[name]; gone {
			v = r.missing(name)
		} else {
			return m
		}
		if u, isU := v.(unresolved); isU {
			if bad == nil {
				bad = &u
			}
			return ""
		}
		return str(v)
	})
	if bad != nil {
		return failed("Fn::Sub: %w", bad.err)
	}
	return out
}
