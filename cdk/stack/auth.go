package stack

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"apigwdirect/pkg/authorizer"
)

// Identity sources of the two uses of the Lambda authorizer.
const (
	tokenIdentitySource = "method.request.header.Authorization"
	keyIdentitySource   = "method.request.header.x-api-key"
	authorizerCacheTTL  = 300 // seconds
)

// auth holds who may call what: the user pool, the API keys (one per plan)
// and the three authorizers.
type auth struct {
	pool   awscognito.UserPool
	client awscognito.UserPoolClient
	fn     awslambda.Function
	keys   map[string]awsapigateway.IApiKey
	// token authorizes writes: a verified ID token's group picks the key.
	token awsapigateway.RequestAuthorizer
	// key authorizes reads: it passes the x-api-key header on as the key
	// API Gateway checks against the stage's usage plans.
	key awsapigateway.RequestAuthorizer
	// cognito authorizes deletes.
	cognito awsapigateway.CognitoUserPoolsAuthorizer
}

func newAuth(stack awscdk.Stack, cfg Config, removal awscdk.RemovalPolicy) *auth {
	a := &auth{keys: make(map[string]awsapigateway.IApiKey, len(cfg.Plans))}

	a.pool = awscognito.NewUserPool(stack, jsii.String("UserPool"), &awscognito.UserPoolProps{
		SelfSignUpEnabled: jsii.Bool(false),
		SignInAliases:     &awscognito.SignInAliases{Username: jsii.Bool(true)},
		PasswordPolicy: &awscognito.PasswordPolicy{
			MinLength:        jsii.Number(12),
			RequireLowercase: jsii.Bool(true),
			RequireUppercase: jsii.Bool(true),
			RequireDigits:    jsii.Bool(true),
			RequireSymbols:   jsii.Bool(true),
		},
		Mfa:             awscognito.Mfa_OPTIONAL,
		MfaSecondFactor: &awscognito.MfaSecondFactor{Otp: jsii.Bool(true), Sms: jsii.Bool(false)},
		AccountRecovery: awscognito.AccountRecovery_NONE,
		FeaturePlan:     awscognito.FeaturePlan_ESSENTIALS,
		RemovalPolicy:   removal,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(a.pool, &[]*cdknag.NagPackSuppression{
		{
			Id:     jsii.String("AwsSolutions-COG2"),
			Reason: jsii.String("Users are created by an administrator for tests and benchmarks and sign in with USER_PASSWORD_AUTH; TOTP MFA is offered (optional), not required."),
		},
		{
			Id:     jsii.String("AwsSolutions-COG8"),
			Reason: jsii.String("The Plus feature plan's threat protection is billed per active user; this sample stays on Essentials."),
		},
	}, jsii.Bool(true))

	a.client = awscognito.NewUserPoolClient(stack, jsii.String("UserPoolClient"), &awscognito.UserPoolClientProps{
		UserPool:                   a.pool,
		GenerateSecret:             jsii.Bool(false),
		AuthFlows:                  &awscognito.AuthFlow{UserPassword: jsii.Bool(true), UserSrp: jsii.Bool(true)},
		PreventUserExistenceErrors: jsii.Bool(true),
	})

	for _, p := range cfg.Plans {
		a.pool.AddGroup(jsii.String("Group"+p.Name), &awscognito.UserPoolGroupOptions{
			GroupName:   jsii.String(p.GroupName()),
			Description: jsii.String("Writes are metered by usage plan " + p.Name),
		})
		a.keys[p.Name] = awsapigateway.NewApiKey(stack, jsii.String("ApiKey"+p.Name), &awsapigateway.ApiKeyProps{
			Description: jsii.String("API key of usage plan " + p.Name),
			Enabled:     jsii.Bool(true),
		})
	}

	a.fn = newFunction(stack, "AuthorizerFunction", cfg.AuthorizerCodeDir, 256, map[string]*string{
		authorizer.EnvUserPoolID: a.pool.UserPoolId(),
		authorizer.EnvClientID:   a.client.UserPoolClientId(),
		authorizer.EnvPlanKeyIDs: jsii.String(planKeyIDs(cfg.Plans, func(plan string) string { return *a.keys[plan].KeyId() })),
		// A user in several plan groups writes with the plan configured
		// first: the order of usagePlans, every plan named.
		authorizer.EnvPlanOrder: jsii.String(planOrder(cfg.Plans)),
	})
	// The authorizer reads the key values once, at cold start: GET on exactly
	// these keys, nothing else of API Gateway.
	keyArns := make([]*string, 0, len(cfg.Plans))
	for _, p := range cfg.Plans {
		keyArns = append(keyArns, a.keys[p.Name].KeyArn())
	}
	a.fn.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("apigateway:GET"),
		Resources: &keyArns,
	}))

	ttl := awscdk.Duration_Seconds(jsii.Number(authorizerCacheTTL))
	a.token = awsapigateway.NewRequestAuthorizer(stack, jsii.String("TokenAuthorizer"), &awsapigateway.RequestAuthorizerProps{
		Handler:         a.fn,
		IdentitySources: jsii.Strings(tokenIdentitySource),
		ResultsCacheTtl: ttl,
	})
	a.key = awsapigateway.NewRequestAuthorizer(stack, jsii.String("KeyAuthorizer"), &awsapigateway.RequestAuthorizerProps{
		Handler:         a.fn,
		IdentitySources: jsii.Strings(keyIdentitySource),
		ResultsCacheTtl: ttl,
	})
	a.cognito = awsapigateway.NewCognitoUserPoolsAuthorizer(stack, jsii.String("CognitoAuthorizer"), &awsapigateway.CognitoUserPoolsAuthorizerProps{
		CognitoUserPools: &[]awscognito.IUserPool{a.pool},
		IdentitySource:   jsii.String(tokenIdentitySource),
	})
	return a
}

// planOrder is the authorizer's PLAN_ORDER: the plan names in configured
// order, comma-separated (Validate allows only letters and digits in names).
func planOrder(plans []Plan) string {
	names := make([]string, len(plans))
	for i, p := range plans {
		names[i] = p.Name
	}
	return strings.Join(names, ",")
}

// planKeyIDs renders {"<plan>":"<api key id>",...} in plan order. The ids
// are CDK tokens, which CloudFormation resolves; they hold no character JSON
// would escape.
func planKeyIDs(plans []Plan, keyID func(plan string) string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range plans {
		if i > 0 {
			b.WriteByte(',')
		}
		name, _ := json.Marshal(p.Name) // a string always marshals
		b.Write(name)
		b.WriteString(`:"`)
		b.WriteString(keyID(p.Name))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}

// wirePlans creates one usage plan per configured plan on the API's stage
// and attaches the plan's key.
func (a *auth) wirePlans(stack awscdk.Stack, cfg Config, api *restAPI) {
	for _, p := range cfg.Plans {
		plan := awsapigateway.NewUsagePlan(stack, jsii.String("UsagePlan"+p.Name), &awsapigateway.UsagePlanProps{
			Name:        jsii.String(p.Name),
			Description: jsii.String("Usage plan " + p.Name + "; its key is chosen by the authorizer"),
			Quota: &awsapigateway.QuotaSettings{
				Limit:  jsii.Number(float64(p.Quota.Limit)),
				Period: awsapigateway.Period(p.Quota.Period),
			},
			Throttle: &awsapigateway.ThrottleSettings{
				RateLimit:  jsii.Number(p.Throttle.RateLimit),
				BurstLimit: jsii.Number(float64(p.Throttle.BurstLimit)),
			},
			ApiStages: &[]*awsapigateway.UsagePlanPerApiStage{{Api: api.rest, Stage: api.rest.DeploymentStage()}},
		})
		plan.AddApiKey(a.keys[p.Name], nil)
	}
}
