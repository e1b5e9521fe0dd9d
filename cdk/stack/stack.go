package stack

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"apigwdirect/pkg/mapping"
)

// Names the deployed system and the local API agree on.
const (
	// StageName is the API's one stage.
	StageName = "prod"
	// ItemsAliasName is the items function alias the stage variable
	// itemsAlias names, and the alias the stack grants API Gateway.
	ItemsAliasName = "live"
	// StageVarTable and StageVarItemsAlias are the stage variable names.
	StageVarTable      = "tableName"
	StageVarItemsAlias = "itemsAlias"
)

// Props configures New.
type Props struct {
	awscdk.StackProps
	Config Config
}

// New adds the stack to scope. It validates the configuration and what it
// relies on in pkg/mapping before it creates any construct, so an error
// leaves scope untouched. The stack carries cdk-nag's AwsSolutions checks;
// every finding is fixed or suppressed with its reason next to the construct
// it concerns.
func New(scope constructs.Construct, id string, props Props) (awscdk.Stack, error) {
	cfg := props.Config
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("stack %s: %w", id, err)
	}
	schema, err := checkContract(mapping.Integrations(), mapping.StatusCodes, mapping.Schema())
	if err != nil {
		return nil, fmt.Errorf("stack %s: %w", id, err)
	}
	sp := props.StackProps
	if sp.Description == nil {
		sp.Description = jsii.String("API Gateway REST API to DynamoDB: direct VTL integrations and a Lambda fallback, side by side")
	}
	stack := awscdk.NewStack(scope, jsii.String(id), &sp)

	removal := awscdk.RemovalPolicy_DESTROY
	if cfg.Retain {
		removal = awscdk.RemovalPolicy_RETAIN
	}

	table := awsdynamodb.NewTable(stack, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey: &awsdynamodb.Attribute{Name: jsii.String("ID"), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:  awsdynamodb.BillingMode_PAY_PER_REQUEST,
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true),
		},
		RemovalPolicy: removal,
	})

	items := newFunction(stack, "ItemsFunction", cfg.ItemsCodeDir, 512, map[string]*string{
		"TABLE_NAME": table.TableName(),
	})
	table.Grant(items, dynamoActions()...)
	alias := awslambda.NewAlias(stack, jsii.String("ItemsAlias"), &awslambda.AliasProps{
		AliasName: jsii.String(ItemsAliasName),
		Version:   items.CurrentVersion(),
	})

	auth := newAuth(stack, cfg, removal)
	api := newAPI(stack, apiDeps{cfg: cfg, schema: schema, table: table, items: items, alias: alias, auth: auth})
	auth.wirePlans(stack, cfg, api)

	out := func(id string, v *string, desc string) {
		awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(desc)})
	}
	out("ApiUrl", api.rest.Url(), "Base URL of the prod stage")
	out("TableName", table.TableName(), "DynamoDB table")
	out("UserPoolId", auth.pool.UserPoolId(), "Cognito user pool")
	out("UserPoolClientId", auth.client.UserPoolClientId(), "Cognito app client (USER_PASSWORD_AUTH, no secret)")
	for _, p := range cfg.Plans {
		out("ApiKeyId"+p.Name, auth.keys[p.Name].KeyId(), "API key id of usage plan "+p.Name)
	}

	awscdk.Aspects_Of(stack).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	return stack, nil
}

// dynamoActions are the DynamoDB actions the contract's routes call, each once,
// in route order: the API's role and the items function (whose store makes
// the same calls) get exactly these.
func dynamoActions() []*string {
	var out []*string
	seen := map[string]bool{}
	for _, in := range mapping.Integrations() {
		a := "dynamodb:" + in.Action
		if !seen[a] {
			seen[a] = true
			out = append(out, jsii.String(a))
		}
	}
	return out
}

// newFunction builds a Go Lambda on provided.al2023/arm64 from the bootstrap
// in dir, with X-Ray tracing and a log group of its own. Its role (construct
// id <id>Role) starts empty: no managed policy, only writing log streams and
// events to that one log group (the stack creates the group, so the
// function needs no logs:CreateLogGroup), plus what tracing adds and what
// the caller grants.
func newFunction(stack awscdk.Stack, id, dir string, memoryMB float64, env map[string]*string) awslambda.Function {
	logs := awslogs.NewLogGroup(stack, jsii.String(id+"Logs"), &awslogs.LogGroupProps{
		Retention:     awslogs.RetentionDays_ONE_MONTH,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	role := awsiam.NewRole(stack, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Execution role of " + id + ": its own log group, tracing, and what the stack grants it"),
	})
	logs.GrantWrite(role)
	fn := awslambda.NewFunction(stack, jsii.String(id), &awslambda.FunctionProps{
		Runtime:      awslambda.Runtime_PROVIDED_AL2023(),
		Architecture: awslambda.Architecture_ARM_64(),
		Handler:      jsii.String("bootstrap"),
		Code:         awslambda.Code_FromAsset(jsii.String(dir), nil),
		MemorySize:   jsii.Number(memoryMB),
		Timeout:      awscdk.Duration_Seconds(jsii.Number(10)),
		Tracing:      awslambda.Tracing_ACTIVE,
		LogGroup:     logs,
		Role:         role,
		Environment:  &env,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(role, &[]*cdknag.NagPackSuppression{
		{
			Id:        jsii.String("AwsSolutions-IAM5"),
			Reason:    jsii.String("X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions, so active tracing needs Resource *."),
			AppliesTo: &[]any{"Resource::*"},
		},
	}, jsii.Bool(true))
	return fn
}

// StackID is the id (and CloudFormation stack name) the app deploys under.
const StackID = "ApigwDirect"
