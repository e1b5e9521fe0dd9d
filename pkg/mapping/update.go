package mapping

import (
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Update is how the contract creates an item: a DynamoDB UpdateItem that
// SETs every attribute but the key under ConditionExpression
// attribute_not_exists(ID), so it never overwrites, and returns the stored
// item (ReturnValues ALL_NEW). An UpdateItem, not a PutItem, because only
// UpdateItem can hand the stored item back, and the direct path's response
// template sees nothing but DynamoDB's answer. On an item that did not exist,
// SETting every attribute writes exactly the item.
//
// A replace is a PutItem instead ([ReplaceReturnValues]): only PutItem
// drops the attributes the new item does not have.
//
// Placeholders: #fn/:fn for FirstName, #age/:age for Age, then #x<i>/:x<i>
// for the extra properties in the order the writer meets them (sorted by key
// in Go, body order in the templates): two writers may number extras
// differently, so compare updates with Update.Assignments.
type Update struct {
	Key    map[string]types.AttributeValue
	Expr   string
	Names  map[string]string
	Values map[string]types.AttributeValue
}

// What the writes ask DynamoDB for.
const (
	// CreateCondition keeps a create from overwriting an item.
	CreateCondition = "attribute_not_exists(ID)"
	// UpdateReturnValues makes a create answer the stored item.
	UpdateReturnValues = types.ReturnValueAllNew
	// ReplaceReturnValues makes a replace (PutItem of the whole item, see
	// Item.AttributeValues) answer the item it replaced, if any: that tells a
	// replace (204) from a PUT that created the item (201).
	ReplaceReturnValues = types.ReturnValueAllOld
)

// Update returns the UpdateItem that stores the item.
func (it Item) Update() Update {
	u := Update{
		Key:    Key(it.ID),
		Names:  map[string]string{"#fn": AttrFirstName, "#age": AttrAge},
		Values: map[string]types.AttributeValue{":fn": &types.AttributeValueMemberS{Value: it.FirstName}, ":age": &types.AttributeValueMemberN{Value: string(it.Age)}},
	}
	var sb strings.Builder
	sb.WriteString("SET #fn = :fn, #age = :age")
	for i, k := range it.extraKeys() {
		n := strconv.Itoa(i)
		sb.WriteString(", #x" + n + " = :x" + n)
		u.Names["#x"+n] = k
		u.Values[":x"+n] = &types.AttributeValueMemberS{Value: it.Extra[k]}
	}
	u.Expr = sb.String()
	return u
}

// Assignments resolves the update's placeholders: attribute name -> value.
// ok is false when Expr is not a SET of #name = :value pairs over the
// update's own placeholders, or assigns one attribute twice.
func (u Update) Assignments() (map[string]types.AttributeValue, bool) {
	rest, found := strings.CutPrefix(u.Expr, "SET ")
	if !found {
		return nil, false
	}
	out := make(map[string]types.AttributeValue)
	for _, part := range strings.Split(rest, ",") {
		name, value, found := strings.Cut(strings.TrimSpace(part), " = ")
		n, okN := u.Names[name]
		v, okV := u.Values[value]
		if !found || !okN || !okV {
			return nil, false
		}
		if _, dup := out[n]; dup {
			return nil, false
		}
		out[n] = v
	}
	return out, true
}
