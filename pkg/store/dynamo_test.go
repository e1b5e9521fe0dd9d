package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"apigwdirect/internal/testenv"
	"apigwdirect/pkg/mapping"
	"apigwdirect/pkg/store"
)

func newStore(t *testing.T) (*store.Dynamo, *dynamodb.Client) {
	t.Helper()
	client, table := testenv.Table(t, endpoint)
	return store.NewDynamo(client, table), client
}

func TestCreateGetReplaceDelete(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	it := mapping.Item{ID: "ü\"1\n", FirstName: "Ada \\ \"L\"", Age: "36", Extra: map[string]string{"City": "Paris", "Note": "🙂"}}

	stored, err := s.Create(ctx, it)
	if err != nil || !reflect.DeepEqual(stored, it) {
		t.Fatalf("Create = %+v, %v; want %+v", stored, err, it)
	}
	got, err := s.Get(ctx, it.ID)
	if err != nil || !reflect.DeepEqual(got, it) {
		t.Fatalf("Get = %+v, %v; want %+v", got, err, it)
	}

	other := mapping.Item{ID: it.ID, FirstName: "Impostor", Age: "1"}
	if _, err := s.Create(ctx, other); !errors.Is(err, store.ErrExists) {
		t.Fatalf("second Create = %v, want ErrExists", err)
	}
	if got, _ := s.Get(ctx, it.ID); !reflect.DeepEqual(got, it) {
		t.Fatalf("failed Create overwrote the item: %+v", got)
	}

	// Replace writes the whole item: extras the new item lacks are gone.
	created, err := s.Replace(ctx, other)
	if err != nil || created {
		t.Fatalf("Replace of an existing item = created %v, %v; want a replace", created, err)
	}
	if got, _ := s.Get(ctx, it.ID); !reflect.DeepEqual(got, other) {
		t.Fatalf("after Replace Get = %+v, want exactly %+v", got, other)
	}

	old, err := s.Delete(ctx, it.ID)
	if err != nil || !reflect.DeepEqual(old, other) {
		t.Fatalf("Delete = %+v, %v; want the old item", old, err)
	}
	if _, err := s.Get(ctx, it.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get after Delete = %v, want ErrNotFound", err)
	}
	if _, err := s.Delete(ctx, it.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second Delete = %v, want ErrNotFound", err)
	}
}

func TestReplaceCreatesMissingItem(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	it := mapping.Item{ID: "new", FirstName: "", Age: "0"}
	if created, err := s.Replace(ctx, it); err != nil || !created {
		t.Fatalf("Replace of a missing item = created %v, %v; want created", created, err)
	}
	if got, err := s.Get(ctx, "new"); err != nil || !reflect.DeepEqual(got, it) {
		t.Fatalf("Get = %+v, %v", got, err)
	}
}

func TestAgeKeepsItsValue(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	for i, age := range []string{"0", "-1.5", "1e3", "12345678901234567890", "-0.000001", "9.9999999999999999999999999999999999999e125", "1e-130"} {
		id := "age-" + age
		stored, err := s.Create(ctx, mapping.Item{ID: id, FirstName: "x", Age: json.Number(age)})
		if err != nil {
			t.Fatalf("%d: Create Age %s: %v", i, age, err)
		}
		got, err := s.Get(ctx, id)
		if err != nil || !reflect.DeepEqual(got, stored) {
			t.Fatalf("Get = %+v, %v; want what Create returned, %+v", got, err, stored)
		}
		// DynamoDB may normalise the text (1e3 -> 1000); the value must not change.
		if !sameNumber(t, string(got.Age), age) {
			t.Errorf("Age %s came back as %s", age, got.Age)
		}
		if _, err := got.MarshalJSON(); err != nil {
			t.Errorf("stored Age %s does not render: %v", got.Age, err)
		}
	}
}

func TestGetMissing(t *testing.T) {
	s, _ := newStore(t)
	if _, err := s.Get(context.Background(), "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Get = %v, want ErrNotFound", err)
	}
}

func TestInvalidRequestsCarryDynamoDBMessage(t *testing.T) {
	s, _ := newStore(t)
	_, err := s.Get(context.Background(), strings.Repeat("x", 3000))
	if !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("Get with a 3000-byte key = %v, want ErrInvalid", err)
	}
	if msg, ok := store.InvalidMessage(err); !ok || msg == "" {
		t.Errorf("InvalidMessage = %q, %v", msg, ok)
	}
	if _, ok := store.InvalidMessage(store.ErrNotFound); ok {
		t.Error("InvalidMessage accepted a non-validation error")
	}
}

func TestListPages(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	want := make([]string, 7)
	for i := range want {
		want[i] = string(rune('a' + i))
		if _, err := s.Create(ctx, mapping.Item{ID: want[i], FirstName: "x", Age: "1"}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	var start map[string]types.AttributeValue
	pages := 0
	for {
		page, err := s.List(ctx, 3, start)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if len(page.Items) > 3 {
			t.Fatalf("page of %d items, limit 3", len(page.Items))
		}
		for _, it := range page.Items {
			got = append(got, it.ID)
		}
		if page.LastKey == nil {
			break
		}
		if pages > 10 {
			t.Fatal("List never ends")
		}
		start = page.LastKey
	}
	sort.Strings(got)
	if !reflect.DeepEqual(got, want) || pages != 3 {
		t.Fatalf("listed %v in %d pages, want %v in 3", got, pages, want)
	}
}

func TestConcurrentCreatesOneWins(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.Create(ctx, mapping.Item{ID: "same", FirstName: string(rune('A' + i)), Age: "1"})
		}()
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		switch {
		case err == nil:
			wins++
		case !errors.Is(err, store.ErrExists):
			t.Errorf("unexpected error: %v", err)
		}
	}
	if wins != 1 {
		t.Fatalf("%d creates succeeded, want exactly 1", wins)
	}
}

func TestInputsAreWhatTheStoreSends(t *testing.T) {
	s, _ := newStore(t)
	in := s.CreateInput(mapping.Item{ID: "a", FirstName: "b", Age: "1"})
	if aws.ToString(in.ConditionExpression) != "attribute_not_exists(ID)" || aws.ToString(in.TableName) != s.Table() || in.ReturnValues != types.ReturnValueAllNew {
		t.Errorf("CreateInput = %+v", in)
	}
	r, err := s.ReplaceInput(mapping.Item{ID: "a", FirstName: "b", Age: "1", Extra: map[string]string{"x": "y"}})
	if err != nil {
		t.Fatal(err)
	}
	if r.ConditionExpression != nil || r.ReturnValues != types.ReturnValueAllOld || len(r.Item) != 4 {
		t.Errorf("ReplaceInput = %+v, want the whole item, no condition, ALL_OLD", r)
	}
	if d := s.DeleteInput("a"); d.ReturnValues != types.ReturnValueAllOld {
		t.Errorf("DeleteInput ReturnValues = %q, want ALL_OLD", d.ReturnValues)
	}
	if l := s.ListInput(7, nil); aws.ToInt32(l.Limit) != 7 {
		t.Errorf("ListInput Limit = %v", l.Limit)
	}
}

func sameNumber(t *testing.T, a, b string) bool {
	t.Helper()
	x, ok1 := new(big.Rat).SetString(a)
	y, ok2 := new(big.Rat).SetString(b)
	if !ok1 || !ok2 {
		t.Fatalf("not numbers: %q %q", a, b)
	}
	return x.Cmp(y) == 0
}
