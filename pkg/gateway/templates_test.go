package gateway_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/gateway"
	"apigwdirect/pkg/gateway/cfn"
	"apigwdirect/pkg/store"
)

// TestForeignTemplatesOverHTTP serves fixture templates of other shapes
// than this project's stack (pkg/gateway/testdata/templates: YAML with
// short forms and a Deployment stage, an OpenAPI 3.0 Body) through the
// gateway's server on dynalite, black-box over HTTP: their MOCK and
// DynamoDB routes answer as their mapping templates say, a GSI Query
// finds what a PutItem stored, and a method with another AWS service
// answers 500 while the others keep working. The tables are created from
// the templates' AWS::DynamoDB::Table resources by the test itself
// (pkg/localapi does not create a foreign template's tables yet).
func TestForeignTemplatesOverHTTP(t *testing.T) {
	db := testenv.Dynalite(t)

	t.Run("music.yaml", func(t *testing.T) {
		base := serveTemplate(t, db.Endpoint(), "music.yaml", map[string]string{"music-apikey": "music-key-0123456789abcdefghijklmnopqrs"})
		key := map[string]string{"x-api-key": "music-key-0123456789abcdefghijklmnopqrs", "Content-Type": "application/json"}

		status, _, body := testenv.Do(t, "GET", base+"/", "", nil)
		if status != 200 {
			t.Fatalf("GET / = %d %s", status, body)
		}
		wantJSONBody(t, body, `{"stage": "v1", "mode": "live", "table": "Music-prod"}`)

		// An API key is required (403 Forbidden without one, as API Gateway answers).
		if status, _, body := testenv.Do(t, "POST", base+"/music", `{"artist":"The Beatles","album":"Abbey Road"}`, map[string]string{"Content-Type": "application/json"}); status != 403 {
			t.Fatalf("POST /music without a key = %d %s", status, body)
		}
		for _, album := range []string{"Abbey Road", "Revolver"} {
			status, _, body := testenv.Do(t, "POST", base+"/music", `{"artist":"The Beatles","album":"`+album+`"}`, key)
			var out struct{ ID string }
			if status != 200 || json.Unmarshal([]byte(body), &out) != nil || out.ID == "" {
				t.Fatalf("POST /music = %d %s", status, body)
			}
		}
		status, _, body = testenv.Do(t, "GET", base+"/music/"+url.PathEscape("The Beatles"), "", key)
		if status != 200 {
			t.Fatalf("GET /music/The%%20Beatles = %d %s", status, body)
		}
		var found struct {
			Music []struct{ Artist, Album string }
		}
		if err := json.Unmarshal([]byte(body), &found); err != nil {
			t.Fatalf("query body %q: %v", body, err)
		}
		albums := map[string]bool{}
		for _, m := range found.Music {
			if m.Artist == "The Beatles" {
				albums[m.Album] = true
			}
		}
		if len(found.Music) != 2 || !albums["Abbey Road"] || !albums["Revolver"] {
			t.Fatalf("GSI query = %s, want both albums", body)
		}

		// Another AWS service: API Gateway's answer to an integration that
		// fails, while the rest of the API keeps working.
		status, _, body = testenv.Do(t, "POST", base+"/orders", `{"n":1}`, map[string]string{"Content-Type": "application/json"})
		if status != 500 {
			t.Fatalf("POST /orders = %d %s, want 500", status, body)
		}
		wantJSONBody(t, body, `{"message": "Internal server error"}`)
		// The DELETE / of the dev-only resource is not there.
		if status, _, body := testenv.Do(t, "DELETE", base+"/", "", nil); status != 403 || !strings.Contains(body, "Missing Authentication Token") {
			t.Fatalf("DELETE / = %d %s, want 403 Missing Authentication Token", status, body)
		}
	})

	t.Run("openapi3.yaml", func(t *testing.T) {
		base := serveTemplate(t, db.Endpoint(), "openapi3.yaml", nil)
		key := map[string]string{"x-api-key": "notes-key-0123456789abcdefghijklmnopqrst", "Content-Type": "application/json"}

		status, _, body := testenv.Do(t, "GET", base+"/health", "", nil)
		if status != 200 {
			t.Fatalf("GET /health = %d %s", status, body)
		}
		wantJSONBody(t, body, `{"ok": true, "env": "laptop"}`)

		// The body validator with the model from components.schemas, and
		// the BAD_REQUEST_BODY gateway response of the definition.
		status, _, body = testenv.Do(t, "POST", base+"/notes", `{"message": ""}`, key)
		if status != 422 || !strings.Contains(body, "is too short") {
			t.Fatalf("POST /notes with an empty message = %d %s, want 422 from the validator", status, body)
		}
		status, _, body = testenv.Do(t, "POST", base+"/notes", `{"message": "say \"hi\""}`, key)
		var note struct{ ID, Message string }
		if status != 200 || json.Unmarshal([]byte(body), &note) != nil || note.ID == "" {
			t.Fatalf("POST /notes = %d %s", status, body)
		}
		status, _, body = testenv.Do(t, "GET", base+"/notes/"+note.ID, "", key)
		if status != 200 {
			t.Fatalf("GET /notes/{id} = %d %s", status, body)
		}
		var got struct{ ID, Message string }
		if err := json.Unmarshal([]byte(body), &got); err != nil || got.ID != note.ID || got.Message != `say "hi"` {
			t.Fatalf("GET /notes/{id} = %s (%v)", body, err)
		}
		status, _, body = testenv.Do(t, "GET", base+"/notes/nope", "", key)
		if status != 404 {
			t.Fatalf("GET /notes/nope = %d %s, want 404", status, body)
		}
		wantJSONBody(t, body, `{"message": "no note nope"}`)
	})
}

// serveTemplate loads a fixture template, creates its tables on dynalite
// and serves its only stage; it returns the stage's base URL.
func serveTemplate(t *testing.T, endpoint, name string, keys map[string]string) string {
	t.Helper()
	tpl, err := cfn.LoadFile("testdata/templates/"+name, cfn.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := cfn.Build(tpl, cfn.BuildOptions{APIKeyValues: keys})
	if err != nil {
		t.Fatal(err)
	}
	createTables(t, endpoint, tpl)
	srv, err := gateway.New(m, gateway.Options{Templates: gateway.NewVTL(), DynamoDB: gateway.DynamoDB{Endpoint: endpoint}})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return hs.URL + "/" + m.Stage
}

// createTables creates every AWS::DynamoDB::Table of the template with its
// key schema and global secondary indexes, on demand.
func createTables(t *testing.T, endpoint string, tpl *cfn.Template) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client, err := store.NewClient(ctx, store.ClientOptions{Endpoint: endpoint})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range tpl.ByType("AWS::DynamoDB::Table") {
		var in struct {
			AttributeDefinitions   []types.AttributeDefinition
			KeySchema              []types.KeySchemaElement
			GlobalSecondaryIndexes []struct {
				IndexName  string
				KeySchema  []types.KeySchemaElement
				Projection types.Projection
			}
		}
		b, err := json.Marshal(r.Properties)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &in); err != nil {
			t.Fatalf("table %s: %v", r.LogicalID, err)
		}
		ct := &dynamodb.CreateTableInput{TableName: aws.String(r.Ref), AttributeDefinitions: in.AttributeDefinitions,
			KeySchema: in.KeySchema, BillingMode: types.BillingModePayPerRequest}
		for _, g := range in.GlobalSecondaryIndexes {
			ct.GlobalSecondaryIndexes = append(ct.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
				IndexName: aws.String(g.IndexName), KeySchema: g.KeySchema, Projection: &g.Projection})
		}
		if _, err := client.CreateTable(ctx, ct); err != nil {
			t.Fatalf("create table %s: %v", r.Ref, err)
		}
		w := dynamodb.NewTableExistsWaiter(client, func(o *dynamodb.TableExistsWaiterOptions) {
			o.MinDelay, o.MaxDelay = 20*time.Millisecond, 200*time.Millisecond
		})
		if err := w.Wait(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(r.Ref)}, 20*time.Second); err != nil {
			t.Fatalf("table %s: %v", r.Ref, err)
		}
		name := r.Ref
		t.Cleanup(func() { _, _ = client.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: &name}) })
	}
}

// wantJSONBody fails unless got is the same JSON as want.
func wantJSONBody(t *testing.T, got, want string) {
	t.Helper()
	testenv.WantJSON(t, got, want)
}
