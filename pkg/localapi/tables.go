package localapi

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"apigwdirect/pkg/gateway/cfn"
)

// tableSpecs are the CreateTable requests of the template's
// AWS::DynamoDB::Table resources, by table name: the name is the
// TableName property, else the logical id (what Ref gives), with the
// key schema, attribute definitions, global and local secondary indexes
// as declared. Billing is on demand whatever the template says: the local
// DynamoDB does not meter.
func tableSpecs(tpl *cfn.Template) (map[string]*dynamodb.CreateTableInput, error) {
	out := map[string]*dynamodb.CreateTableInput{}
	for _, r := range tpl.ByType("AWS::DynamoDB::Table") {
		in := &dynamodb.CreateTableInput{TableName: aws.String(r.Ref), BillingMode: types.BillingModePayPerRequest}
		p := r.Properties
		in.KeySchema = keySchema(p["KeySchema"])
		if len(in.KeySchema) == 0 {
			return nil, fmt.Errorf("table %s: no KeySchema", r.LogicalID)
		}
		for _, a := range objects(p["AttributeDefinitions"]) {
			in.AttributeDefinitions = append(in.AttributeDefinitions, types.AttributeDefinition{
				AttributeName: aws.String(text(a["AttributeName"])), AttributeType: types.ScalarAttributeType(text(a["AttributeType"]))})
		}
		for _, g := range objects(p["GlobalSecondaryIndexes"]) {
			in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
				IndexName: aws.String(text(g["IndexName"])), KeySchema: keySchema(g["KeySchema"]), Projection: projection(g["Projection"])})
		}
		for _, l := range objects(p["LocalSecondaryIndexes"]) {
			in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, types.LocalSecondaryIndex{
				IndexName: aws.String(text(l["IndexName"])), KeySchema: keySchema(l["KeySchema"]), Projection: projection(l["Projection"])})
		}
		out[r.Ref] = in
	}
	return out, nil
}

// createTables creates each table (one that exists already, as in a kept
// data directory, is left as it is) and waits until all are active.
func createTables(ctx context.Context, client *dynamodb.Client, specs map[string]*dynamodb.CreateTableInput) error {
	for name, in := range specs {
		_, err := client.CreateTable(ctx, in)
		var inUse *types.ResourceInUseException
		if err != nil && !errors.As(err, &inUse) {
			return fmt.Errorf("create table %s: %w", name, err)
		}
	}
	waiter := dynamodb.NewTableExistsWaiter(client, func(o *dynamodb.TableExistsWaiterOptions) {
		o.MinDelay, o.MaxDelay = 20*time.Millisecond, 200*time.Millisecond
	})
	for name := range specs {
		if err := waiter.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)}, 30*time.Second); err != nil {
			return fmt.Errorf("wait for table %s: %w", name, err)
		}
	}
	return nil
}

func keySchema(v any) []types.KeySchemaElement {
	var out []types.KeySchemaElement
	for _, k := range objects(v) {
		out = append(out, types.KeySchemaElement{AttributeName: aws.String(text(k["AttributeName"])), KeyType: types.KeyType(strings.ToUpper(text(k["KeyType"])))})
	}
	return out
}

func projection(v any) *types.Projection {
	m, _ := v.(map[string]any)
	p := &types.Projection{ProjectionType: types.ProjectionType(text(m["ProjectionType"]))}
	if p.ProjectionType == "" {
		p.ProjectionType = types.ProjectionTypeKeysOnly
	}
	if l, ok := m["NonKeyAttributes"].([]any); ok {
		for _, a := range l {
			p.NonKeyAttributes = append(p.NonKeyAttributes, text(a))
		}
	}
	return p
}

func objects(v any) []map[string]any {
	l, _ := v.([]any)
	out := make([]map[string]any, 0, len(l))
	for _, e := range l {
		if m, ok := e.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func text(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
