//go:build e2e

package e2e

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
)

// TestDeployed runs the suite against a deployed stack (`make e2e`). It reads
// the stack's outputs, creates a Cognito user in each plan group and one in
// none, signs them in with USER_PASSWORD_AUTH, reads the API key values, runs
// the suite and deletes the users. Reads that follow a write retry for up to
// DeployedReadRetry: the API's reads are eventually consistent. STACK_NAME names the stack (default
// ApigwDirect, the app's stack).
func TestDeployed(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		t.Fatalf("AWS config: %v", err)
	}
	stack := os.Getenv("STACK_NAME")
	if stack == "" {
		stack = "ApigwDirect"
	}
	out, err := cloudformation.NewFromConfig(cfg).DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(stack)})
	if err != nil || len(out.Stacks) == 0 {
		t.Fatalf("describe stack %s: %v", stack, err)
	}
	outputs := map[string]string{}
	for _, o := range out.Stacks[0].Outputs {
		outputs[aws.ToString(o.OutputKey)] = aws.ToString(o.OutputValue)
	}
	need := func(key string) string {
		for k, v := range outputs {
			if strings.HasPrefix(k, key) {
				return v
			}
		}
		t.Fatalf("stack %s has no output %s (have %v)", stack, key, outputs)
		return ""
	}
	tg := Target{BaseURL: strings.TrimRight(need("ApiUrl"), "/"), APIKeys: map[string]string{}, Tokens: map[string]string{},
		ReadRetry: DeployedReadRetry}
	poolID, clientID := need("UserPoolId"), need("UserPoolClientId")

	keyIDs := map[string]string{} // plan -> API key id, from the ApiKeyId<Plan> outputs
	for k, v := range outputs {
		if plan, ok := strings.CutPrefix(k, "ApiKeyId"); ok && plan != "" {
			keyIDs[plan] = v
		}
	}
	if len(keyIDs) == 0 {
		t.Fatalf("stack %s has no ApiKeyId<Plan> outputs", stack)
	}
	gw := apigateway.NewFromConfig(cfg)
	for plan, id := range keyIDs {
		k, err := gw.GetApiKey(ctx, &apigateway.GetApiKeyInput{ApiKey: aws.String(id), IncludeValue: aws.Bool(true)})
		if err != nil {
			t.Fatalf("read API key of %s: %v", plan, err)
		}
		tg.APIKeys[plan] = aws.ToString(k.Value)
	}

	idp := cip.NewFromConfig(cfg)
	signIn := func(group string) string {
		user := "e2e-" + randomHex(t, 6)
		pass := "Aa1!" + randomHex(t, 12)
		if _, err := idp.AdminCreateUser(ctx, &cip.AdminCreateUserInput{UserPoolId: &poolID, Username: &user, MessageAction: ciptypes.MessageActionTypeSuppress,
			UserAttributes: []ciptypes.AttributeType{{Name: aws.String("email"), Value: aws.String(user + "@example.com")}}}); err != nil {
			t.Fatalf("create user: %v", err)
		}
		t.Cleanup(func() {
			_, _ = idp.AdminDeleteUser(context.Background(), &cip.AdminDeleteUserInput{UserPoolId: &poolID, Username: &user})
		})
		if _, err := idp.AdminSetUserPassword(ctx, &cip.AdminSetUserPasswordInput{UserPoolId: &poolID, Username: &user, Password: &pass, Permanent: true}); err != nil {
			t.Fatalf("set password: %v", err)
		}
		if group != "" {
			if _, err := idp.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{UserPoolId: &poolID, Username: &user, GroupName: &group}); err != nil {
				t.Fatalf("add to %s: %v", group, err)
			}
		}
		auth, err := idp.InitiateAuth(ctx, &cip.InitiateAuthInput{AuthFlow: ciptypes.AuthFlowTypeUserPasswordAuth, ClientId: &clientID,
			AuthParameters: map[string]string{"USERNAME": user, "PASSWORD": pass}})
		if err != nil || auth.AuthenticationResult == nil {
			t.Fatalf("sign in: %v", err)
		}
		return aws.ToString(auth.AuthenticationResult.IdToken)
	}
	for plan := range keyIDs {
		tg.Tokens["Group-"+plan] = signIn("Group-" + plan)
	}
	tg.NoGroupToken = signIn("")
	Run(t, tg)
}

func randomHex(t *testing.T, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}
