package testenv

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

func TestTableIsUsable(t *testing.T) {
	srv := Dynalite(t)
	client, name := Table(t, srv.Endpoint())
	out, err := client.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: &name})
	if err != nil {
		t.Fatalf("describe: %v", err)
	}
	if got := *out.Table.KeySchema[0].AttributeName; got != "ID" {
		t.Fatalf("partition key = %q, want ID", got)
	}
}
