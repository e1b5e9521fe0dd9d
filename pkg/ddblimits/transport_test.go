package ddblimits_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/ddblimits"
)

type attrs = map[string]types.AttributeValue

func s(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

// clients are a plain client of dynalite and one through the front, on one table.
func clients(t *testing.T) (plain, front *dynamodb.Client, table string) {
	t.Helper()
	srv := testenv.Dynalite(t)
	plain, table = testenv.Table(t, srv.Endpoint())
	front = dynamodb.New(dynamodb.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(srv.Endpoint()),
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", ""),
		HTTPClient:  &http.Client{Transport: ddblimits.New(nil)},
	})
	return plain, front, table
}

// wantValidation fails unless err is DynamoDB's ValidationException with msg.
func wantValidation(t *testing.T, what string, err error, msg string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "ValidationException" || ae.ErrorMessage() != msg {
		t.Fatalf("%s: got %v, want ValidationException %q", what, err, msg)
	}
}

// TestFrontRefusesWhatDynamoDBRefuses: each request below is stored or
// answered by dynalite alone and refused through the front with DynamoDB's
// message. Evidence: the limits of
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html
// (partition key 2048 bytes, item 400 KB, expression strings 4 KB; sizes
// in UTF-8 bytes); the messages' sources are listed in messages.go.
func TestFrontRefusesWhatDynamoDBRefuses(t *testing.T) {
	plain, front, table := clients(t)
	ctx := context.Background()
	euroKey := strings.Repeat("€", 700) // 700 characters, 2,100 bytes
	bigValue := strings.Repeat("€", 136534)

	cases := []struct {
		name string
		call func(c *dynamodb.Client) error
		msg  string
	}{
		{"PutItem, key of 2,100 bytes", func(c *dynamodb.Client) error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: &table, Item: attrs{"ID": s(euroKey)}})
			return err
		}, "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"},
		{"GetItem, key of 2,100 bytes", func(c *dynamodb.Client) error {
			_, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: &table, Key: attrs{"ID": s(euroKey)}})
			return err
		}, "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"},
		{"PutItem, item over 400 KB in UTF-8 bytes, under it in characters", func(c *dynamodb.Client) error {
			_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: &table, Item: attrs{"ID": s("big"), "V": s(bigValue)}})
			return err
		}, "Item size has exceeded the maximum allowed size"},
		{"UpdateItem, SET values over 400 KB in UTF-8 bytes", func(c *dynamodb.Client) error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &table, Key: attrs{"ID": s("big-update")},
				UpdateExpression:          aws.String("SET #v = :v"),
				ExpressionAttributeNames:  map[string]string{"#v": "V"},
				ExpressionAttributeValues: attrs{":v": s(bigValue)}})
			return err
		}, "Item size to update has exceeded the maximum allowed size"},
		{"UpdateItem, expression of 4,097 bytes", func(c *dynamodb.Client) error {
			_, err := c.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &table, Key: attrs{"ID": s("long-expr")},
				UpdateExpression:          aws.String("SET " + strings.Repeat("a", 4088) + " = :v"),
				ExpressionAttributeValues: attrs{":v": s("x")}})
			return err
		}, "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; expression size: 4097"},
	}
	for _, c := range cases {
		if err := c.call(plain); err != nil {
			t.Fatalf("%s: dynalite alone refused it (%v): the front is not needed for it", c.name, err)
		}
		wantValidation(t, c.name, c.call(front), c.msg)
	}
}

// TestFrontPassesWhatDynamoDBAccepts: requests at the limits go through.
func TestFrontPassesWhatDynamoDBAccepts(t *testing.T) {
	_, front, table := clients(t)
	ctx := context.Background()
	atKey := strings.Repeat("€", 682) + "xx" // 2,048 bytes
	if _, err := front.PutItem(ctx, &dynamodb.PutItemInput{TableName: &table, Item: attrs{"ID": s(atKey), "V": s(strings.Repeat("x", 400*1024-2048-2-1))}}); err != nil {
		t.Fatalf("PutItem with a 2,048-byte key and a 400 KB item: %v", err)
	}
	out, err := front.GetItem(ctx, &dynamodb.GetItemInput{TableName: &table, Key: attrs{"ID": s(atKey)}})
	if err != nil || out.Item == nil {
		t.Fatalf("GetItem of it: %v, %v", out, err)
	}
	if _, err := front.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: &table, Key: attrs{"ID": s("u")},
		UpdateExpression: aws.String("SET " + strings.Repeat("a", 4087) + " = :v"), ExpressionAttributeValues: attrs{":v": s("x")}}); err != nil {
		t.Fatalf("UpdateItem with an expression of 4,096 bytes: %v", err)
	}
	if _, err := front.Scan(ctx, &dynamodb.ScanInput{TableName: &table}); err != nil {
		t.Fatalf("Scan: %v", err)
	}
	// A missing table is the server's to answer.
	_, err = front.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("no-such-table"), Key: attrs{"ID": s("a")}})
	var nf *types.ResourceNotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("GetItem on a missing table: %v, want ResourceNotFoundException", err)
	}
}
